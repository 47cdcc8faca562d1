// cli/commands.h
//
// The subcommands of the jobmatch program. main.cc parses the flags with
// CLI11 into these argument structs and calls one function; each returns the
// process exit code (0, or 64/65/66/70/73 by ErrorKind, see engine/result.h)
// and writes its own messages to stdout/stderr.

#ifndef JOBMATCH_CLI_COMMANDS_H_
#define JOBMATCH_CLI_COMMANDS_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace jobmatch::cli {

struct CommonArgs {
  std::filesystem::path refdata;  // empty: DefaultReferenceDir()
  int32_t threads = 0;            // 0: all cores
};

struct RunArgs {
  CommonArgs common;
  std::filesystem::path data;
  std::optional<std::filesystem::path> config;
  std::filesystem::path out;
  std::string date;                            // run date (ISO or German); empty: today
  bool check = false;                          // verify the solver's optimality certificate
  std::optional<std::filesystem::path> store;  // run store (SQLite); none: stateless
  std::string output = "auto";  // formats (reports/output_formats.h): auto or json,pb,csv,xlsx
};
int RunRun(const RunArgs& args);

struct RecordArgs {
  std::filesystem::path store;
  std::vector<std::filesystem::path> sheets;
};
int RunRecord(const RecordArgs& args);

struct HistoryArgs {
  std::filesystem::path store;
  std::string participant;  // empty: all
  std::string coordinator;  // empty: all
  bool runs = false;        // list the runs with their input hashes
};
int RunHistory(const HistoryArgs& args);

struct PruneArgs {
  std::filesystem::path store;
  int32_t keep_days = 0;  // runs dated before date - keep_days lose their per-pair rows
  std::string date;       // ISO or German; empty: today
  bool vacuum = false;    // rebuild the file without its free pages afterwards
};
int RunPrune(const PruneArgs& args);

struct ValidateArgs {
  CommonArgs common;
  std::filesystem::path data;
  std::optional<std::filesystem::path> config;
};
int RunValidate(const ValidateArgs& args);

struct GenerateArgs {
  CommonArgs common;
  std::string tier = "district";
  uint64_t seed = 1;
  std::filesystem::path out;
  std::vector<std::string> districts;
  int32_t participants = 0;
  int32_t vacancies = 0;
  int32_t coordinators = 0;
  std::string format = "csv";  // csv, pb, txtpb
  std::string today;           // ISO; empty: the generator's default
};
int RunGenerate(const GenerateArgs& args);

struct FlowArgs {
  std::filesystem::path file;      // DIMACS min-cost flow problem ("-" for stdin)
  std::string solver = "simplex";  // simplex (ours) or boost (reference)
  bool check = false;              // verify the certificate, report on stderr
};
int RunFlow(const FlowArgs& args);

struct EvaluateArgs {
  CommonArgs common;
  std::filesystem::path data;
  std::optional<std::filesystem::path> config;
  std::filesystem::path out;
  std::string date;                            // run date; empty: today
  int32_t min_group_size = 5;                  // smaller groups are withheld in every figure
  int32_t random_draws = 20;                   // draws of the random baseline
  uint64_t seed = 1;                           // first seed of the random baseline
  std::optional<std::filesystem::path> store;  // earlier runs and decisions
};
int RunEvaluate(const EvaluateArgs& args);

struct ReportArgs {
  CommonArgs common;
  std::filesystem::path data;
  std::optional<std::filesystem::path> config;
  std::filesystem::path out;
  std::string date;
  int32_t min_group_size = 5;
  std::optional<std::filesystem::path> store;  // recorded runs and decisions
};
int RunReport(const ReportArgs& args);

struct WhatifArgs {
  CommonArgs common;
  std::filesystem::path data;
  std::optional<std::filesystem::path> config;
  std::string date;                             // run date; empty: today
  std::optional<std::filesystem::path> script;  // commands from a file
  std::optional<std::filesystem::path> store;   // start where a nightly run would (read only)
  bool json = false;                            // one JSON object per answer
  bool timing = false;                          // print how long each command took
};
int RunWhatif(const WhatifArgs& args);

}  // namespace jobmatch::cli

#endif  // JOBMATCH_CLI_COMMANDS_H_

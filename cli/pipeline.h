// cli/pipeline.h
//
// What run and validate share: loading the reference data, the config and the
// dataset, with errors printed to stderr in one format.

#ifndef JOBMATCH_CLI_PIPELINE_H_
#define JOBMATCH_CLI_PIPELINE_H_

#include <filesystem>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "config/config.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"
#include "store/run_store.h"

namespace jobmatch::cli {

// Prints "jobmatch: <what>:" and the error's diagnostics to stderr and
// returns the exit code for its kind.
int ReportError(const char* what, const Error& error);

// The run date of --date (ISO or German), or today when the flag is empty. A
// date that does not parse is printed as a usage error and gives nullopt with
// the exit code in `exit_code`.
std::optional<Date> RunDateFromFlag(const std::string& date, int* exit_code);

// Opens the run store at `path` for reading and writing, which must exist
// (never created here); on failure prints the error and returns nullopt with
// the exit code in `exit_code` (66 when the file is missing).
std::optional<store::RunStore> OpenExistingStore(const std::filesystem::path& path, int* exit_code);

struct LoadedInputs {
  ReferenceData reference;
  EngineConfig config;
  Dataset dataset;
};

// Loads reference data, config (defaults if absent) and dataset; on failure
// prints the error and returns the exit code in `exit_code`.
std::optional<LoadedInputs> LoadInputs(const CommonArgs& common,
                                       const std::optional<std::filesystem::path>& config,
                                       const std::filesystem::path& data,
                                       int* exit_code);

}  // namespace jobmatch::cli

#endif  // JOBMATCH_CLI_PIPELINE_H_

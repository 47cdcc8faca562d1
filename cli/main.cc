// The jobmatch program: parses flags with CLI11 and calls one subcommand
// (cli/commands.h). Usage errors exit 64; each subcommand returns its own
// exit code (0, or 65/66/70/73 by the kind of error, see cli/exit_codes.h);
// an exception that escapes one exits 70 with a message (cli/exceptions.h).

#include <malloc.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/exceptions.h"

namespace {

int Main(int argc, char** argv) {
  using namespace jobmatch::cli;
  CLI::App app{
      "jobmatch: proposes vacancies for refugees' job coordinators.\n"
      "The engine proposes; people decide. Every proposal carries its reasons."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "jobmatch 0.1.0");

  CommonArgs common;
  auto add_common = [&common](CLI::App* sub) {
    sub->add_option("--refdata",
                    common.refdata,
                    "reference data folder (default: $JOBMATCH_REFDATA or the built-in one)");
    sub->add_option("--threads", common.threads, "worker threads (0: all cores)")
        ->check(CLI::NonNegativeNumber);
  };

  RunArgs run;
  std::string run_config;
  CLI::App* run_cmd =
      app.add_subcommand("run", "score, assign and write proposals per coordinator");
  run_cmd->add_option("--data", run.data, "dataset: folder of CSV files or a .pb/.txtpb file")
      ->required();
  run_cmd->add_option("--config", run_config, "config file (protobuf text format)");
  run_cmd->add_option("--out", run.out, "output folder (replaced only when the run succeeds)")
      ->required();
  run_cmd->add_option("--date", run.date, "run date, e.g. 2025-11-22 (default: today)");
  run_cmd->add_flag("--check", run.check, "verify the assignment's optimality certificate");
  std::string run_store;
  run_cmd->add_option(
      "--store", run_store, "run store (SQLite): record this run, apply earlier decisions");
  run_cmd->add_option("--output",
                      run.output,
                      "files to write: auto (default), or a list of json, pb, csv, xlsx "
                      "(auto: json, csv, xlsx; pb for json above 100000 participants)");
  add_common(run_cmd);

  RecordArgs record;
  CLI::App* record_cmd = app.add_subcommand(
      "record", "record the decisions coordinators wrote into their sheets in the run store");
  record_cmd->add_option("--store", record.store, "run store (SQLite)")->required();
  record_cmd->add_option("sheets", record.sheets, "proposals_<coordinator>.csv sheets")->required();

  HistoryArgs history;
  CLI::App* history_cmd =
      app.add_subcommand("history", "list runs, proposals and decisions in the run store");
  history_cmd->add_option("--store", history.store, "run store (SQLite)")->required();
  auto* history_participant =
      history_cmd->add_option("--participant", history.participant, "one participant's history");
  auto* history_coordinator =
      history_cmd->add_option("--coordinator", history.coordinator, "one coordinator's history");
  history_participant->excludes(history_coordinator);
  history_cmd->add_flag("--runs", history.runs, "list the runs with their input files' SHA-256");

  PruneArgs prune;
  CLI::App* prune_cmd = app.add_subcommand(
      "prune",
      "delete the proposals of runs older than --keep-days from the run store (the runs stay)");
  prune_cmd->footer(
      "Deletes the proposal, alternative and follow-up rows of the runs dated before DATE - N "
      "days, in one transaction, and marks those runs pruned; the runs themselves (date, "
      "version, config, input hashes, counts) stay, so `jobmatch history --runs` still traces "
      "every sheet. Kept: the newest run, the run before it, and every row of a pair with a "
      "decision. The file does not shrink: SQLite reuses the freed pages for the next nights "
      "(--vacuum gives them back to the disk, which needs the store's size in free space once).");
  prune_cmd->add_option("--store", prune.store, "run store (SQLite)")->required();
  prune_cmd
      ->add_option("--keep-days", prune.keep_days, "keep the proposals of the last N days (N >= 1)")
      ->required()
      ->check(CLI::Range(1, 1000000));
  prune_cmd->add_option("--date", prune.date, "today, e.g. 2025-11-22 (default: today)");
  prune_cmd->add_flag("--vacuum", prune.vacuum, "shrink the file afterwards (SQLite VACUUM)");

  ValidateArgs validate;
  std::string validate_config;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check dataset and config files only");
  validate_cmd
      ->add_option("--data", validate.data, "dataset: folder of CSV files or a .pb/.txtpb file")
      ->required();
  validate_cmd->add_option("--config", validate_config, "config file (protobuf text format)");
  add_common(validate_cmd);

  GenerateArgs generate;
  CLI::App* generate_cmd =
      app.add_subcommand("generate", "write a realistic synthetic dataset from the reference data");
  generate_cmd->add_option("--tier", generate.tier, "district, state or national")
      ->check(CLI::IsMember({"district", "state", "national"}));
  generate_cmd->add_option("--seed", generate.seed, "random seed");
  generate_cmd->add_option("--out", generate.out, "output folder (csv) or file (pb, txtpb)")
      ->required();
  generate_cmd->add_option("--district",
                           generate.districts,
                           "district key(s) to draw from, e.g. 15089 (default: the tier's)");
  generate_cmd->add_option("--participants", generate.participants, "override the tier's count")
      ->check(CLI::NonNegativeNumber);
  generate_cmd->add_option("--vacancies", generate.vacancies, "override the tier's count")
      ->check(CLI::NonNegativeNumber);
  generate_cmd->add_option("--coordinators", generate.coordinators, "override the tier's count")
      ->check(CLI::NonNegativeNumber);
  generate_cmd->add_option("--format", generate.format, "csv, pb or txtpb")
      ->check(CLI::IsMember({"csv", "pb", "txtpb"}));
  generate_cmd->add_option("--today", generate.today, "the day dates are drawn around (ISO)");
  add_common(generate_cmd);

  FlowArgs flow;
  CLI::App* flow_cmd = app.add_subcommand(
      "flow", "solve a DIMACS min-cost flow problem and print the DIMACS solution");
  flow_cmd->add_option("file", flow.file, "DIMACS .min file ('-' for standard input)")->required();
  flow_cmd->add_option("--solver", flow.solver, "simplex (ours) or boost (reference)")
      ->check(CLI::IsMember({"simplex", "boost"}));
  flow_cmd->add_flag("--check", flow.check, "verify the optimality certificate (on stderr)");

  EvaluateArgs evaluate;
  std::string evaluate_config;
  CLI::App* evaluate_cmd = app.add_subcommand(
      "evaluate",
      "compare the exact assignment with greedy, natural order, nearest, random and (with "
      "--store) what was proposed before");
  evaluate_cmd
      ->add_option("--data", evaluate.data, "dataset: folder of CSV files or a .pb/.txtpb file")
      ->required();
  evaluate_cmd->add_option("--config", evaluate_config, "config file (protobuf text format)");
  evaluate_cmd->add_option("--out", evaluate.out, "output folder (replaced only on success)")
      ->required();
  evaluate_cmd->add_option("--date", evaluate.date, "run date, e.g. 2025-11-22 (default: today)");
  evaluate_cmd
      ->add_option("--min-group-size", evaluate.min_group_size, "smaller groups are withheld")
      ->check(CLI::PositiveNumber);
  evaluate_cmd->add_option("--draws", evaluate.random_draws, "draws of the random baseline")
      ->check(CLI::PositiveNumber);
  evaluate_cmd->add_option("--seed", evaluate.seed, "first seed of the random baseline");
  std::string evaluate_store;
  evaluate_cmd->add_option(
      "--store", evaluate_store, "run store (SQLite): what was proposed before, outcomes");
  add_common(evaluate_cmd);

  ReportArgs report;
  std::string report_config;
  CLI::App* report_cmd =
      app.add_subcommand("report", "the regional report (report.html and tables) for REKO");
  report_cmd->add_option("--data", report.data, "dataset: folder of CSV files or a .pb/.txtpb file")
      ->required();
  report_cmd->add_option("--config", report_config, "config file (protobuf text format)");
  report_cmd->add_option("--out", report.out, "output folder (replaced only on success)")
      ->required();
  report_cmd->add_option("--date", report.date, "run date, e.g. 2025-11-22 (default: today)");
  report_cmd->add_option("--min-group-size", report.min_group_size, "smaller groups are withheld")
      ->check(CLI::PositiveNumber);
  std::string report_store;
  report_cmd->add_option(
      "--store", report_store, "run store (SQLite): target controlling, decisions, trend");
  add_common(report_cmd);

  WhatifArgs whatif;
  std::string whatif_config;
  std::string whatif_script;
  std::string whatif_store;
  CLI::App* whatif_cmd = app.add_subcommand(
      "whatif", "load and solve once, then answer what-if commands with the difference each makes");
  whatif_cmd->add_option("--data", whatif.data, "dataset: folder of CSV files or a .pb/.txtpb file")
      ->required();
  whatif_cmd->add_option("--config", whatif_config, "config file (protobuf text format)");
  whatif_cmd->add_option("--date", whatif.date, "run date, e.g. 2025-11-22 (default: today)");
  whatif_cmd->add_option(
      "--script", whatif_script, "commands from this file (else the terminal or stdin)");
  whatif_cmd->add_option("--store",
                         whatif_store,
                         "start from the state a nightly run with this run store would start "
                         "from (read only)");
  whatif_cmd->add_flag("--json", whatif.json, "one JSON object per answer, on one line");
  whatif_cmd->add_flag("--timing", whatif.timing, "print how long each command took");
  add_common(whatif_cmd);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 64;
  }

  if (*run_cmd) {
    if (!run_config.empty()) run.config = run_config;
    if (!run_store.empty()) run.store = run_store;
    run.common = common;
    return RunRun(run);
  }
  if (*record_cmd) return RunRecord(record);
  if (*history_cmd) return RunHistory(history);
  if (*prune_cmd) return RunPrune(prune);
  if (*validate_cmd) {
    if (!validate_config.empty()) validate.config = validate_config;
    validate.common = common;
    return RunValidate(validate);
  }
  if (*generate_cmd) {
    generate.common = common;
    return RunGenerate(generate);
  }
  if (*evaluate_cmd) {
    if (!evaluate_config.empty()) evaluate.config = evaluate_config;
    if (!evaluate_store.empty()) evaluate.store = evaluate_store;
    evaluate.common = common;
    return RunEvaluate(evaluate);
  }
  if (*report_cmd) {
    if (!report_config.empty()) report.config = report_config;
    if (!report_store.empty()) report.store = report_store;
    report.common = common;
    return RunReport(report);
  }
  if (*whatif_cmd) {
    if (!whatif_config.empty()) whatif.config = whatif_config;
    if (!whatif_script.empty()) whatif.script = whatif_script;
    if (!whatif_store.empty()) whatif.store = whatif_store;
    whatif.common = common;
    return RunWhatif(whatif);
  }
  return RunFlow(flow);
}

}  // namespace

int main(int argc, char** argv) {
  // glibc's malloc keeps up to 512 MB of freed memory in its arenas (the
  // default gives back all but 128 kB, or twice a grown mmap threshold) and
  // serves blocks up to 32 MB from them: the writers' many short-lived
  // buffers (zlib's state for each workbook part, each sheet's XML and
  // file) then reuse pages already in the process instead of faulting in
  // fresh ones, which a virtual machine may charge for dearly (national run
  // on a fresh VM: write stage 38.4 -> 35.0 s, solve 13.2 -> 12.5 s, peak
  // 4.54 -> 4.69 GiB). Larger blocks are still mapped and unmapped alone.
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  jobmatch::cli::InstallTerminateHandler();
  return jobmatch::cli::ExitCodeCatchingExceptions([&] { return Main(argc, argv); }, std::cerr);
}

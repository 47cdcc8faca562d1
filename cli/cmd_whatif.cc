// jobmatch whatif: loads and solves once, then takes what-if commands
// (whatif/shell.h) interactively with line editing and history when standard
// input is a terminal, else from --script FILE or standard input. It starts
// where `jobmatch run` would: the decisions of history.csv and, with --store,
// of the run store (opened read only) applied the same way (hired
// participants out of the pool and their vacancies' openings reduced,
// rejected pairs excluded, accepted pairs held, last run's proposals worth
// the keep bonus, derived capacities with the follow-up load). `export`
// writes the scenario's sheets and jobmatch.json with the batch run's writer:
// the files are what `jobmatch run` writes on the scenario's data.

#include <editline/readline.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/capacity.h"
#include "engine/decisions.h"
#include "engine/proposals.h"
#include "engine/scorer.h"
#include "reports/output_files.h"
#include "reports/report_writer.h"
#include "store/run_store.h"
#include "whatif/scenario.h"
#include "whatif/shell.h"
#include "whatif/text.h"

namespace jobmatch::cli {
namespace {

// The batch run on the scenario's data, written like `jobmatch run` does.
std::optional<Error> ExportScenario(const whatif::Scenario& scenario,
                                    EngineConfig config,
                                    const std::filesystem::path& dir) {
  config.scoring = scenario.options.scoring;
  config.candidates = scenario.options.candidates;
  config.assignment = scenario.options.assignment;
  config.proposals = scenario.options.proposals;
  const Dataset dataset = whatif::ChangedDataset(scenario);
  const whatif::Carryover carryover = whatif::ChangedCarryover(scenario);
  const ScoredPairs scored = ScoreTopK(dataset, *scenario.reference, config.scoring);
  CandidateGraph graph = BuildCandidateGraph(dataset, scored, config.candidates);
  MarkPreferred(dataset, carryover.last_proposals, &graph);
  const std::vector<Placement> reserved =
      carryover.held.empty() ? std::vector<Placement>() : ReserveHeldPairs(carryover.held, &graph);
  AssignmentResult result = AssignParticipants(graph, config.assignment);
  if (result.status != AssignmentStatus::kOptimal) {
    return MakeError(ErrorKind::kInternal,
                     "",
                     0,
                     "assignment.cost_resolution",
                     std::to_string(config.assignment.cost_resolution),
                     "a resolution small enough for this many participants");
  }
  MergeReserved(reserved, &result);
  const ProposalSet proposals = MakeProposals(dataset, scored, graph, result, config.proposals);
  reports::StagedDirectory out(dir);
  if (auto error = out.Begin()) return error;
  int files = 0;
  const std::string run_date =
      config.scoring.run_date ? FormatDate(*config.scoring.run_date) : std::string();
  if (auto error = reports::WriteRunReport(
          dataset, *scenario.reference, config, proposals, run_date, out.staging(), &files)) {
    return error;
  }
  return out.Commit();
}

int Interactive(whatif::ShellState* state, const whatif::ShellOptions& options) {
  const char* home = std::getenv("HOME");
  const std::string history =
      home != nullptr ? std::string(home) + "/.jobmatch_whatif_history" : std::string();
  using_history();
  if (!history.empty()) read_history(history.c_str());
  int64_t line = 0;
  while (true) {
    char* raw = readline("whatif> ");
    if (raw == nullptr) break;  // end of input (Ctrl-D)
    const std::string text(raw);
    std::free(raw);
    ++line;
    if (text == "quit" || text == "exit") break;
    if (text.find_first_not_of(" \t") != std::string::npos) add_history(text.c_str());
    whatif::RunCommandLine(state, text, line, "<eingabe>", options, std::cout);
    std::cout.flush();
  }
  if (!history.empty()) write_history(history.c_str());
  std::cout << "\n";
  return 0;
}

}  // namespace

int RunWhatif(const WhatifArgs& args) {
  int date_exit = 0;
  const std::optional<Date> parsed_date = RunDateFromFlag(args.date, &date_exit);
  if (!parsed_date) return date_exit;
  const Date run_date = *parsed_date;
  std::ifstream script;
  if (args.script) {
    script.open(*args.script);
    if (!script) {
      return ReportError("cannot read the script",
                         MakeError(ErrorKind::kMissingInput,
                                   args.script->string(),
                                   0,
                                   "",
                                   "",
                                   "a readable script file"));
    }
  }
  int exit_code = 0;
  std::optional<LoadedInputs> inputs = LoadInputs(args.common, args.config, args.data, &exit_code);
  if (!inputs) return exit_code;
  EngineConfig config = std::move(inputs->config);
  config.scoring.run_date = run_date;
  config.scoring.num_threads = args.common.threads;
  config.assignment.num_threads = args.common.threads;
  const whatif::ScenarioOptions scenario_options{
      config.scoring, config.candidates, config.assignment, config.proposals};
  // Earlier decisions, as `jobmatch run` applies them: the store's (read
  // only) after history.csv's outcomes.
  History history;
  if (args.store) {
    Result<store::RunStore> opened = store::RunStore::OpenReadOnly(*args.store);
    if (!opened.ok()) return ReportError("cannot use the run store", opened.error());
    Result<History> read = opened.value().ReadHistory(run_date);
    if (!read.ok()) return ReportError("cannot read the run store", read.error());
    history = std::move(read).value();
  }
  Dataset& full = inputs->dataset;
  AppendDecisions(history, &full);
  const Standing standing = ComputeStanding(full, run_date, config.decisions);
  ApplyCapacities(DeriveCapacities(full, standing, run_date, config.capacity), &full);
  Pool pool = MakePool(full, standing);
  whatif::Carryover carryover;
  carryover.last_proposals = std::move(history.last_proposals);
  if (std::any_of(pool.held.begin(), pool.held.end(), [](VacancyIndex v) { return v.valid(); })) {
    carryover.held = std::move(pool.held);
  }
  auto reference = std::make_shared<const ReferenceData>(std::move(inputs->reference));
  whatif::Scenario scenario = whatif::MakeScenario(
      std::move(pool.dataset), reference, scenario_options, std::move(carryover));
  if (scenario.result.status != AssignmentStatus::kOptimal) {
    return ReportError("cannot solve the assignment",
                       MakeError(ErrorKind::kBadData,
                                 "",
                                 0,
                                 "assignment.cost_resolution",
                                 std::to_string(config.assignment.cost_resolution),
                                 "a resolution small enough for this many participants"));
  }
  whatif::ShellState state = whatif::StartSession(std::move(scenario));
  whatif::ShellOptions options;
  options.json = args.json;
  options.timing = args.timing;
  options.export_to = [config](const whatif::Scenario& s, const std::filesystem::path& dir) {
    return ExportScenario(s, config, dir);
  };
  std::cout << whatif::StartText(state.current, args.data.string(), args.json);
  std::cout.flush();
  if (!args.script && isatty(STDIN_FILENO) != 0) return Interactive(&state, options);
  std::optional<Error> failed =
      args.script ? whatif::RunScript(&state, script, args.script->string(), options, std::cout)
                  : whatif::RunScript(&state, std::cin, "<stdin>", options, std::cout);
  std::cout.flush();
  if (failed) return ReportError("the script stopped", *failed);
  return 0;
}

}  // namespace jobmatch::cli

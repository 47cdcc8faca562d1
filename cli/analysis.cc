#include "cli/analysis.h"

#include <chrono>
#include <utility>

#include "engine/capacity.h"

namespace jobmatch::cli {

SensitivityInputs SolvedRun::Rerun() const {
  SensitivityInputs rerun;
  rerun.dataset = &inputs.dataset;
  rerun.reference = &inputs.reference;
  rerun.scoring = inputs.config.scoring;
  rerun.candidates = inputs.config.candidates;
  rerun.assignment = inputs.config.assignment;
  return rerun;
}

std::map<std::string, std::string> SolvedRun::DistrictNames() const {
  std::map<std::string, std::string> names;
  for (const District& d : inputs.reference.districts) names[d.key] = d.name;
  return names;
}

std::optional<SolvedRun> LoadAndSolve(const CommonArgs& common,
                                      const std::optional<std::filesystem::path>& config,
                                      const std::filesystem::path& data,
                                      const std::string& date,
                                      int* exit_code,
                                      const History* history,
                                      Dataset* as_loaded) {
  const std::optional<Date> parsed_date = RunDateFromFlag(date, exit_code);
  if (!parsed_date) return std::nullopt;
  const Date run_date = *parsed_date;
  std::optional<LoadedInputs> inputs = LoadInputs(common, config, data, exit_code);
  if (!inputs) return std::nullopt;
  SolvedRun run;
  run.inputs = std::move(*inputs);
  run.run_date = run_date;
  run.inputs.config.scoring.run_date = run_date;
  run.inputs.config.scoring.num_threads = common.threads;
  run.inputs.config.assignment.num_threads = common.threads;
  if (as_loaded != nullptr) *as_loaded = run.inputs.dataset;
  if (history != nullptr) {
    Dataset& full = run.inputs.dataset;
    AppendDecisions(*history, &full);
    const Standing standing = ComputeStanding(full, run_date, run.inputs.config.decisions);
    ApplyCapacities(DeriveCapacities(full, standing, run_date, run.inputs.config.capacity), &full);
    run.inputs.dataset = MakePool(full, standing).dataset;
  }
  run.scored = ScoreTopK(run.inputs.dataset, run.inputs.reference, run.inputs.config.scoring);
  run.graph = BuildCandidateGraph(run.inputs.dataset, run.scored, run.inputs.config.candidates);
  if (!run.graph.IsValid()) {
    *exit_code = ReportError(
        "internal error",
        MakeError(ErrorKind::kInternal, "", 0, "", "", "the candidate graph is inconsistent"));
    return std::nullopt;
  }
  run.result = AssignParticipants(run.graph, run.inputs.config.assignment);
  if (run.result.status != AssignmentStatus::kOptimal) {
    *exit_code = ReportError("cannot solve the assignment",
                             MakeError(ErrorKind::kBadData,
                                       "",
                                       0,
                                       "assignment.cost_resolution",
                                       std::to_string(run.inputs.config.assignment.cost_resolution),
                                       "a resolution small enough for this many participants"));
    return std::nullopt;
  }
  return run;
}

}  // namespace jobmatch::cli

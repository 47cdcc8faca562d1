// cli/analysis.h
//
// What `jobmatch evaluate` and `jobmatch report` share: parse the run date,
// load reference data, config and dataset, score, build the candidate graph
// and solve the exact assignment, with errors printed as every subcommand
// prints them. The analyses then run on the returned values.

#ifndef JOBMATCH_CLI_ANALYSIS_H_
#define JOBMATCH_CLI_ANALYSIS_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/decisions.h"
#include "engine/scorer.h"
#include "engine/sensitivity.h"

namespace jobmatch::cli {

struct SolvedRun {
  LoadedInputs inputs;
  Date run_date;
  ScoredPairs scored;
  CandidateGraph graph;
  AssignmentResult result;

  // The inputs a re-score and re-solve needs (pointers into this value).
  SensitivityInputs Rerun() const;
  // District key -> name, for the districts of the reference data.
  std::map<std::string, std::string> DistrictNames() const;
};

// Loads and solves; on failure prints the error and sets `exit_code`. With
// `history` (a run store's decisions), the dataset is tonight's pool as
// `jobmatch run --store` sees it: hired participants in follow-up left out,
// openings less their hires, empty capacities derived (engine/decisions.h,
// engine/capacity.h). With `as_loaded`, that receives the dataset as loaded
// (every participant, history.csv's outcomes only), before the pool is cut.
std::optional<SolvedRun> LoadAndSolve(const CommonArgs& common,
                                      const std::optional<std::filesystem::path>& config,
                                      const std::filesystem::path& data,
                                      const std::string& date,
                                      int* exit_code,
                                      const History* history = nullptr,
                                      Dataset* as_loaded = nullptr);

}  // namespace jobmatch::cli

#endif  // JOBMATCH_CLI_ANALYSIS_H_

// config/config.h
//
// The engine's configuration: one EngineConfig gathering the option structs
// that live next to the functions they configure, read from one file in
// protobuf text format (schema config/proto/config.proto, commented example
// config/jobmatch.txtpb). Strings and enums are parsed here and nowhere else.
// Absent fields keep the struct defaults.
//
// Example:
//   Result<EngineConfig> config = LoadConfig("config/jobmatch.txtpb");
//   if (!config.ok()) { std::cerr << config.error().ToString(); return 65; }
//   ScoredPairs scored = ScoreTopK(dataset, reference, config.value().scoring);

#ifndef JOBMATCH_CONFIG_CONFIG_H_
#define JOBMATCH_CONFIG_CONFIG_H_

#include <filesystem>
#include <string>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/capacity.h"
#include "engine/decisions.h"
#include "engine/proposals.h"
#include "engine/result.h"
#include "engine/scorer.h"
#include "loaders/load_dataset.h"

namespace jobmatch {

struct EngineConfig {
  ScoringOptions scoring;
  CandidateOptions candidates;
  AssignmentOptions assignment;
  ProposalOptions proposals;
  LoaderOptions loader;
  DecisionOptions decisions;
  CapacityOptions capacity;
  friend bool operator==(const EngineConfig&, const EngineConfig&) = default;
};

// Every problem with the values (not the syntax), each naming the field,
// e.g. "scoring.weights.skill" = '-1': expected a weight >= 0. `file` is
// used as the diagnostics' file name. Empty: the config is usable.
std::vector<Diagnostic> Validate(const EngineConfig& config, const std::string& file = "");

// Parses protobuf text format; syntax errors and unknown fields name line and
// column, bad values every problem Validate() finds. kMissingInput if the
// file does not exist.
[[nodiscard]] Result<EngineConfig> LoadConfig(const std::filesystem::path& file);
[[nodiscard]] Result<EngineConfig> ParseConfig(const std::string& text, const std::string& file);

}  // namespace jobmatch

#endif  // JOBMATCH_CONFIG_CONFIG_H_

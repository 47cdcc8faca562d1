// engine/sensitivity.h
//
// How much the proposals depend on the weights, so that a method person can
// defend them: each weight in turn is moved by ±step (10 % by default), the
// pairs are re-scored (the scorer divides by the sum of the weights, so the
// others' shares shrink or grow accordingly), the graph rebuilt and the
// assignment re-solved; a proposal "changes" when a participant gets another
// vacancy, loses theirs or gains one. And which part of the score decides
// the proposals: for each proposal, the part whose weighted contribution
// exceeds the participant's runner-up vacancy (the best-scored other arc of
// their row) by the most.
//
// Facts only: counts per part, indexed skill, german, commute, micro (the
// order of Contributions() in engine/scorer.h).
//
// Example:
//   const Sensitivity s = WeightSensitivity(dataset, reference, config, graph, scored, result);
//   for (const WeightChange& c : s.changes) ... c.part, c.factor, c.proposals_changed ...

#ifndef JOBMATCH_ENGINE_SENSITIVITY_H_
#define JOBMATCH_ENGINE_SENSITIVITY_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/scorer.h"

namespace jobmatch {

inline constexpr int kNumScoreParts = 4;
// "skill", "german", "commute", "micro".
std::string_view ScorePartName(int part);

struct WeightChange {
  int part = 0;                   // 0 skill, 1 german, 2 commute, 3 micro
  double factor = 1.0;            // 1 + step or 1 - step
  double weight = 0.0;            // the moved weight
  int32_t proposals_changed = 0;  // participants whose proposal differs
  int32_t proposals = 0;          // placed after the change
  double total_score = 0.0;       // after the change (scores under the new weights)
};

struct Sensitivity {
  double step = 0.1;
  int32_t proposals = 0;              // placed in the base solve
  std::vector<WeightChange> changes;  // parts in order, + then - for each
  // Proposals decided by each part (largest contribution margin over the
  // runner-up), and proposals of participants without another arc.
  std::array<int32_t, kNumScoreParts> decided_by{};
  int32_t without_alternative = 0;
};

struct SensitivityInputs {
  const Dataset* dataset = nullptr;
  const ReferenceData* reference = nullptr;
  ScoringOptions scoring;
  CandidateOptions candidates;
  AssignmentOptions assignment;
};

// `scored`, `graph` and `base` are the run's own (weights as in inputs.scoring).
// A weight of 0 is moved to step * (the mean weight) so that it moves at all.
[[nodiscard]] Sensitivity WeightSensitivity(const SensitivityInputs& inputs,
                                            const ScoredPairs& scored,
                                            const CandidateGraph& graph,
                                            const AssignmentResult& base,
                                            double step = 0.1);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_SENSITIVITY_H_

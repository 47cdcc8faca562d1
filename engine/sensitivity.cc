#include "engine/sensitivity.h"

#include <algorithm>

#include "engine/check.h"

namespace jobmatch {
namespace {

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

double& WeightOf(ScoringWeights& weights, int part) {
  switch (part) {
    case 0:
      return weights.skill;
    case 1:
      return weights.german;
    case 2:
      return weights.commute;
    default:
      return weights.micro;
  }
}

// Vacancy per participant (-1: unplaced).
std::vector<int32_t> VacancyOf(int32_t participants, const AssignmentResult& result) {
  std::vector<int32_t> of(At(participants), -1);
  for (const Placement& placement : result.placements) {
    of[At(placement.participant.value)] = placement.vacancy.value;
  }
  return of;
}

}  // namespace

std::string_view ScorePartName(int part) {
  switch (part) {
    case 0:
      return "skill";
    case 1:
      return "german";
    case 2:
      return "commute";
    case 3:
      return "micro";
    default:
      return "?";
  }
}

Sensitivity WeightSensitivity(const SensitivityInputs& inputs,
                              const ScoredPairs& scored,
                              const CandidateGraph& graph,
                              const AssignmentResult& base,
                              double step) {
  JOBMATCH_CHECK(inputs.dataset != nullptr && inputs.reference != nullptr)
      << "sensitivity without dataset or reference data";
  const Dataset& dataset = *inputs.dataset;
  Sensitivity s;
  s.step = step;
  s.proposals = static_cast<int32_t>(base.placements.size());
  const std::vector<int32_t> before = VacancyOf(graph.num_participants, base);

  const ScoringWeights& w = inputs.scoring.weights;
  const double mean_weight = (w.skill + w.german + w.commute + w.micro) / kNumScoreParts;
  for (int part = 0; part < kNumScoreParts; ++part) {
    for (const double factor : {1.0 + step, 1.0 - step}) {
      ScoringOptions scoring = inputs.scoring;
      double& weight = WeightOf(scoring.weights, part);
      weight = weight > 0.0 ? weight * factor : std::max(0.0, (factor - 1.0) * mean_weight);
      const ScoredPairs rescored = ScoreTopK(dataset, *inputs.reference, scoring);
      const CandidateGraph changed = BuildCandidateGraph(dataset, rescored, inputs.candidates);
      const AssignmentResult after = AssignParticipants(changed, inputs.assignment);
      JOBMATCH_CHECK(after.status == AssignmentStatus::kOptimal) << "sensitivity re-solve failed";
      const std::vector<int32_t> now = VacancyOf(changed.num_participants, after);
      WeightChange change;
      change.part = part;
      change.factor = factor;
      change.weight = weight;
      change.proposals = static_cast<int32_t>(after.placements.size());
      change.total_score = after.total_score;
      for (size_t p = 0; p < now.size(); ++p) change.proposals_changed += now[p] != before[p];
      s.changes.push_back(change);
    }
  }

  for (const Placement& placement : base.placements) {
    const int32_t p = placement.participant.value;
    int64_t runner_up = -1;
    for (int64_t a = graph.arc_begin[At(p)]; a < graph.arc_begin[At(p) + 1]; ++a) {
      if (a == placement.arc) continue;
      if (runner_up < 0 || graph.arc_score[At(a)] > graph.arc_score[At(runner_up)]) runner_up = a;
    }
    if (runner_up < 0) {
      ++s.without_alternative;
      continue;
    }
    const std::array<double, 4> mine =
        Contributions(scored.pairs[At(graph.arc_pair[At(placement.arc)])].parts, w);
    const std::array<double, 4> other =
        Contributions(scored.pairs[At(graph.arc_pair[At(runner_up)])].parts, w);
    int decider = 0;
    for (int part = 1; part < kNumScoreParts; ++part) {
      if (mine[At(part)] - other[At(part)] > mine[At(decider)] - other[At(decider)]) {
        decider = part;
      }
    }
    ++s.decided_by[At(decider)];
  }
  return s;
}

}  // namespace jobmatch

#include "engine/proposals.h"

#include <algorithm>
#include <bit>
#include <span>
#include <vector>

#include "engine/check.h"

namespace jobmatch {
namespace {

// The nearest miss among the rules a coordinator can act on: the rule whose
// lifting opens the best-scoring vacancy (ties: more vacancies, then rule order).
bool FindNearMiss(const std::array<NearMiss, kNumExclusionReasons>& misses,
                  ExclusionReason* rule,
                  NearMiss* best) {
  bool found = false;
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    const auto reason = static_cast<ExclusionReason>(r);
    if (reason == ExclusionReason::kExpired || reason == ExclusionReason::kRejectedBefore ||
        reason == ExclusionReason::kNoSkillFit || IsProgrammeRule(reason) ||
        (IsPathwayRule(reason) && reason != ExclusionReason::kKindExcluded)) {
      continue;
    }
    const NearMiss& miss = misses[static_cast<size_t>(r)];
    if (miss.count == 0 || !miss.best.valid()) continue;
    if (!found || miss.best_score > best->best_score ||
        (miss.best_score == best->best_score && miss.count > best->count)) {
      *rule = reason;
      *best = miss;
      found = true;
    }
  }
  return found;
}

// The programme's named pathway rule that alone removed most vacancies
// (ties: rule order); kCount when none did. The pathway table's
// kKindExcluded stays a near miss.
ExclusionReason PathwayCause(const std::array<NearMiss, kNumExclusionReasons>& misses) {
  ExclusionReason cause = ExclusionReason::kCount;
  int32_t most = 0;
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    const auto reason = static_cast<ExclusionReason>(r);
    if (IsPathwayRule(reason) && reason != ExclusionReason::kKindExcluded &&
        misses[static_cast<size_t>(r)].count > most) {
      most = misses[static_cast<size_t>(r)].count;
      cause = reason;
    }
  }
  return cause;
}

UnplacedReason ReasonUnplaced(const Participant& participant,
                              std::span<const ScoredPair> pairs,
                              const std::array<int32_t, kNumExclusionReasons>& excluded,
                              const Binding* binding,
                              uint32_t programme_fail) {
  if (programme_fail != 0) return UnplacedReason::kOutsideProgramme;
  if (!participant.work_permitted) return UnplacedReason::kNoWorkPermit;
  if (pairs.empty()) {
    const bool any_excluded =
        std::any_of(excluded.begin(), excluded.end(), [](int32_t count) { return count > 0; });
    return any_excluded ? UnplacedReason::kNothingSuitable : UnplacedReason::kNothingInReach;
  }
  if (binding != nullptr) {
    return binding->kind == BindingKind::kCoordinatorAtCapacity
               ? UnplacedReason::kCoordinatorAtCapacity
               : UnplacedReason::kBound;
  }
  return UnplacedReason::kOutscored;
}

}  // namespace

ProposalSet MakeProposals(const Dataset& dataset,
                          const ScoredPairs& scored,
                          const CandidateGraph& graph,
                          const AssignmentResult& result,
                          const ProposalOptions& options) {
  const size_t num_participants = dataset.participants.size();
  JOBMATCH_CHECK(static_cast<size_t>(scored.num_participants()) == num_participants);
  JOBMATCH_CHECK(static_cast<size_t>(graph.num_participants) == num_participants);

  std::vector<const Placement*> placement_of(num_participants, nullptr);
  for (const Placement& placement : result.placements) {
    placement_of[static_cast<size_t>(placement.participant.value)] = &placement;
  }
  std::vector<const Binding*> binding_of(num_participants, nullptr);
  for (const Binding& binding : result.bindings) {
    binding_of[static_cast<size_t>(binding.participant.value)] = &binding;
  }

  ProposalSet set;
  RunMetrics& m = set.metrics;
  m.participants = static_cast<int64_t>(num_participants);
  m.vacancies = static_cast<int64_t>(dataset.vacancies.size());
  m.coordinators = static_cast<int64_t>(dataset.coordinators.size());
  for (const Vacancy& v : dataset.vacancies) m.openings += v.openings;
  m.pairs_examined = scored.pairs_examined;
  m.candidate_arcs = graph.num_arcs();
  m.excluded_total = scored.excluded_total;

  // Participants in (coordinator, participant) order.
  std::vector<int32_t> order(num_participants);
  for (size_t i = 0; i < num_participants; ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return dataset.participants[static_cast<size_t>(a)].coordinator.value <
           dataset.participants[static_cast<size_t>(b)].coordinator.value;
  });

  for (const int32_t p : order) {
    const Participant& participant = dataset.participants[static_cast<size_t>(p)];
    const ParticipantIndex index(p);
    const std::span<const ScoredPair> pairs = scored.For(index);
    const Placement* placement = placement_of[static_cast<size_t>(p)];
    const Binding* binding = binding_of[static_cast<size_t>(p)];

    if (placement != nullptr) {
      // The assigned vacancy first, then alternatives by rank.
      int32_t assigned_rank = 0;
      for (size_t i = 0; i < pairs.size(); ++i) {
        if (pairs[i].vacancy == placement->vacancy) assigned_rank = static_cast<int32_t>(i) + 1;
      }
      JOBMATCH_CHECK(assigned_rank > 0) << "placement on a pair the scorer did not keep";
      const ScoredPair& pair = pairs[static_cast<size_t>(assigned_rank - 1)];
      Proposal proposal{participant.coordinator, index, pair, true, assigned_rank, {}};
      if (binding != nullptr) proposal.binding = *binding;
      set.proposals.push_back(std::move(proposal));
      ++m.proposals;
      m.total_score += pair.score;
      const Vacancy& vacancy = dataset.vacancies[static_cast<size_t>(pair.vacancy.value)];
      if (SizeClassOf(dataset.employers[static_cast<size_t>(vacancy.employer.value)].staff) ==
          SizeClass::kMicro) {
        ++m.micro_enterprise_proposals;
      }
      if (pair.bridge_course.valid()) ++m.course_bridge_proposals;
    }

    int32_t listed = 0;
    for (size_t i = 0; i < pairs.size() && listed < options.alternatives; ++i) {
      if (placement != nullptr && pairs[i].vacancy == placement->vacancy) continue;
      set.proposals.push_back(Proposal{
          participant.coordinator, index, pairs[i], false, static_cast<int32_t>(i) + 1, {}});
      ++listed;
    }

    if (placement == nullptr) {
      UnplacedParticipant unplaced;
      unplaced.coordinator = participant.coordinator;
      unplaced.participant = index;
      unplaced.excluded = scored.excluded[static_cast<size_t>(p)];
      unplaced.eligible = scored.eligible[static_cast<size_t>(p)];
      unplaced.candidates = static_cast<int32_t>(pairs.size());
      if (!pairs.empty()) {
        unplaced.best_vacancy = pairs[0].vacancy;
        unplaced.best_score = pairs[0].score;
      }
      if (binding != nullptr) unplaced.binding = *binding;
      const uint32_t programme_fail = static_cast<size_t>(p) < scored.programme_fail.size()
                                          ? scored.programme_fail[static_cast<size_t>(p)]
                                          : 0u;
      unplaced.reason =
          ReasonUnplaced(participant, pairs, unplaced.excluded, binding, programme_fail);
      if (programme_fail != 0) {
        unplaced.programme_rule = static_cast<ExclusionReason>(std::countr_zero(programme_fail));
      } else if (unplaced.reason == UnplacedReason::kNothingSuitable) {
        unplaced.pathway_rule = PathwayCause(scored.near_miss[static_cast<size_t>(p)]);
        if (unplaced.pathway_rule != ExclusionReason::kCount) {
          unplaced.reason = UnplacedReason::kOutsidePathway;
          unplaced.pathway_vacancies =
              scored.near_miss[static_cast<size_t>(p)][static_cast<size_t>(unplaced.pathway_rule)]
                  .count;
        }
      }
      unplaced.has_near_miss = FindNearMiss(
          scored.near_miss[static_cast<size_t>(p)], &unplaced.near_miss_rule, &unplaced.near_miss);
      set.unplaced.push_back(std::move(unplaced));
      ++m.unplaced;
    }
  }
  m.mean_score = m.proposals > 0 ? m.total_score / static_cast<double>(m.proposals) : 0.0;
  return set;
}

}  // namespace jobmatch

// engine/proposals.h
//
// Turns the optimal assignment into the facts a coordinator's list is made
// of: for each participant the proposed vacancy with its score and parts and,
// when it is not their best-scored one, what bound the assignment; the
// next-best alternatives worth a call; and for every participant without a
// proposal why there is none (an UnplacedReason with the numbers behind it:
// vacancies removed per rule, the nearest miss, the best vacancy waiting).
// Facts only: enums, numbers and indices. The words people read are the
// writers' (reports/).
//
// Example:
//   const ProposalSet set = MakeProposals(dataset, scored, graph, result, options);
//   for (const Proposal& p : set.proposals) ...

#ifndef JOBMATCH_ENGINE_PROPOSALS_H_
#define JOBMATCH_ENGINE_PROPOSALS_H_

#include <array>
#include <cstdint>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/ids.h"
#include "engine/records.h"
#include "engine/scorer.h"

namespace jobmatch {

struct ProposalOptions {
  // Other scored vacancies listed under each participant as alternatives.
  int32_t alternatives = 3;
  friend bool operator==(const ProposalOptions&, const ProposalOptions&) = default;
};

// One line of a coordinator's list.
struct Proposal {
  CoordinatorIndex coordinator;
  ParticipantIndex participant;
  ScoredPair pair;        // vacancy, score, parts, commute, course bridge
  bool assigned = false;  // true: the optimal assignment's choice; false: alternative
  int32_t rank = 0;       // 1 = participant's best-scored vacancy
  // Assigned lines: why not the best-scored vacancy (the assignment's Binding
  // for this participant; kind kNone when there is none). Alternatives: kNone.
  Binding binding;
  // Not on the participant's list in the last run, or moved from alternative
  // to proposal (MarkNew, engine/decisions.h); false when no run is known.
  bool is_new = false;
};

// Why a participant has no proposal, checked in this order.
enum class UnplacedReason : int8_t {
  kNoWorkPermit = 0,       // the participant may not work (yet)
  kNothingInReach,         // no vacancy scored and no rule removed one: none within reach
  kNothingSuitable,        // no vacancy scored: rules removed every one in reach (`excluded`)
  kCoordinatorAtCapacity,  // the coordinator's capacity is used up (`eligible`, `best_vacancy`)
  kBound,                  // better vacancies went elsewhere (`binding`)
  kOutscored,              // all `candidates` scored vacancies went to higher totals
  // Outside the programme (checked first): `programme_rule` is the first
  // admission rule broken.
  kOutsideProgramme,
  // No vacancy scored, and some vacancy within reach was removed by one of
  // the programme's named pathway rules alone (in place of
  // kNothingSuitable): `pathway_rule` is the one with most such vacancies
  // (ties: rule order).
  kOutsidePathway,
};

struct UnplacedParticipant {
  CoordinatorIndex coordinator;
  ParticipantIndex participant;
  UnplacedReason reason = UnplacedReason::kOutscored;
  ExclusionReason programme_rule = ExclusionReason::kCount;  // kOutsideProgramme only
  ExclusionReason pathway_rule = ExclusionReason::kCount;    // kOutsidePathway only
  int32_t pathway_vacancies = 0;  // kOutsidePathway: vacancies only that rule removed
  std::array<int32_t, kNumExclusionReasons> excluded{};  // vacancies removed per rule
  int32_t eligible = 0;                                  // vacancies that passed every rule
  int32_t candidates = 0;  // scored vacancies kept for this participant (top k)
  // The best of the `candidates` (invalid when there are none).
  VacancyIndex best_vacancy;
  float best_score = 0.0f;
  // The assignment's Binding for this participant (kind kNone when none).
  Binding binding;
  // The nearest miss: the one rule whose lifting would open the best vacancy
  // (ScoredPairs::near_miss), if any rule a coordinator can act on removed
  // one (not kExpired, kRejectedBefore, kNoSkillFit - the skill gate removes
  // what should not be proposed at all -, a programme admission rule or a
  // named programme pathway rule). Ties: more vacancies, then rule order.
  bool has_near_miss = false;
  ExclusionReason near_miss_rule = ExclusionReason::kCount;
  NearMiss near_miss;
};

// Totals over the run. Counters that sum over records are 64-bit.
struct RunMetrics {
  int64_t participants = 0;
  int64_t vacancies = 0;
  int64_t openings = 0;  // sum of Vacancy::openings
  int64_t coordinators = 0;
  int64_t pairs_examined = 0;
  int64_t candidate_arcs = 0;
  int64_t proposals = 0;  // assigned
  int64_t unplaced = 0;
  double total_score = 0.0;
  double mean_score = 0.0;  // over assigned
  int64_t micro_enterprise_proposals = 0;
  int64_t course_bridge_proposals = 0;
  std::array<int64_t, kNumExclusionReasons> excluded_total{};
};

struct ProposalSet {
  // Sorted by coordinator, then participant, then assigned first, then rank.
  std::vector<Proposal> proposals;
  // Sorted by coordinator, then participant.
  std::vector<UnplacedParticipant> unplaced;
  RunMetrics metrics;
};

// Preconditions: `scored` and `graph` were built from `dataset`, `result`
// solved `graph` (status kOptimal) and places only pairs `scored` kept.
[[nodiscard]] ProposalSet MakeProposals(const Dataset& dataset,
                                        const ScoredPairs& scored,
                                        const CandidateGraph& graph,
                                        const AssignmentResult& result,
                                        const ProposalOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_PROPOSALS_H_

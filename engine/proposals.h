// engine/proposals.h
//
// Turns the optimal assignment into what a coordinator reads each morning:
// for each of their participants the proposed vacancy with its score and
// parts, the next-best alternatives worth a call, and for every participant
// without a proposal the reasons (how many vacancies each rule removed) and
// what bound the assignment (coordinator at capacity, vacancies full).
//
// Example:
//   const ProposalSet set = MakeProposals(dataset, scored, graph, result, options);
//   for (const Proposal& p : set.proposals) ...

#ifndef JOBMATCH_ENGINE_PROPOSALS_H_
#define JOBMATCH_ENGINE_PROPOSALS_H_

#include <array>
#include <cstdint>
#include <string>
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
};

// One line of a coordinator's list.
struct Proposal {
  CoordinatorIndex coordinator;
  ParticipantIndex participant;
  ScoredPair pair;        // vacancy, score, parts, commute, course bridge
  bool assigned = false;  // true: the optimal assignment's choice; false: alternative
  int32_t rank = 0;       // 1 = participant's best-scored vacancy
  std::string reason;     // one readable sentence: why this vacancy, what to watch
};

struct UnplacedParticipant {
  CoordinatorIndex coordinator;
  ParticipantIndex participant;
  std::array<int32_t, kNumExclusionReasons> excluded{};  // vacancies removed per rule
  int32_t eligible = 0;                                  // vacancies that passed every rule
  // The nearest miss: the one rule whose lifting would open the best vacancy
  // (ScoredPairs::near_miss), if any rule a coordinator can act on removed
  // one (not kExpired or kRejectedBefore).
  bool has_near_miss = false;
  ExclusionReason near_miss_rule = ExclusionReason::kCount;
  NearMiss near_miss;
  std::string reason;  // readable: the main reason and what would change it
};

struct RunMetrics {
  int32_t participants = 0;
  int32_t vacancies = 0;
  int32_t openings = 0;
  int32_t coordinators = 0;
  int64_t pairs_examined = 0;
  int64_t candidate_arcs = 0;
  int32_t proposals = 0;  // assigned
  int32_t unplaced = 0;
  double total_score = 0.0;
  double mean_score = 0.0;  // over assigned
  int32_t micro_enterprise_proposals = 0;
  int32_t course_bridge_proposals = 0;
  std::array<int64_t, kNumExclusionReasons> excluded_total{};
};

struct ProposalSet {
  // Sorted by coordinator, then participant, then assigned first, then rank.
  std::vector<Proposal> proposals;
  // Sorted by coordinator, then participant.
  std::vector<UnplacedParticipant> unplaced;
  RunMetrics metrics;
};

// "Kleinstbetrieb", "Kleinbetrieb", "mittlerer Betrieb", "Großbetrieb".
const char* SizeClassTextDe(SizeClass size);

[[nodiscard]] ProposalSet MakeProposals(const Dataset& dataset,
                                        const ScoredPairs& scored,
                                        const CandidateGraph& graph,
                                        const AssignmentResult& result,
                                        const ProposalOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_PROPOSALS_H_

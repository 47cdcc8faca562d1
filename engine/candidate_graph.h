// engine/candidate_graph.h
//
// The bipartite graph the assignment runs on: one arc per kept participant–
// vacancy pair, stored as compressed rows (CSR) by participant, with the
// capacities of every layer of the flow network the assignment solves
// (coordinator -> participant -> vacancy [-> employer] -> sink, see
// engine/assignment.h): coordinator (new placements this cycle), participant
// (one placement), vacancy (openings) and, optionally, employer (at most N
// people at once).
//
// Example:
//   const CandidateGraph graph = BuildCandidateGraph(dataset, scored, {});
//   JOBMATCH_CHECK(graph.IsValid());

#ifndef JOBMATCH_ENGINE_CANDIDATE_GRAPH_H_
#define JOBMATCH_ENGINE_CANDIDATE_GRAPH_H_

#include <array>
#include <cstdint>
#include <vector>

#include "engine/ids.h"
#include "engine/records.h"
#include "engine/scorer.h"

namespace jobmatch {

struct CandidateOptions {
  // Arcs per participant taken from the scored top K (<= top_k).
  int32_t max_arcs_per_participant = 20;
  // Per employer: at most this many placements per cycle by size class
  // (micro, small, medium, large); 0 or less means no cap.
  std::array<int32_t, 4> employer_cap_by_size = {0, 0, 0, 0};
  friend bool operator==(const CandidateOptions&, const CandidateOptions&) = default;
};

struct CandidateGraph {
  int32_t num_participants = 0;
  int32_t num_vacancies = 0;
  int32_t num_coordinators = 0;
  int32_t num_employers = 0;

  std::vector<int64_t> arc_begin;         // size num_participants + 1
  std::vector<VacancyIndex> arc_vacancy;  // size E; within a row, best score first
  std::vector<float> arc_score;           // size E, in [0, 1]
  std::vector<int32_t> arc_pair;          // size E: index into ScoredPairs::pairs
  // Empty, or size E: 1 marks an arc the solver prefers among optima of equal
  // value (last run's proposal, engine/decisions.h); see AssignParticipants.
  std::vector<uint8_t> arc_preferred;

  std::vector<CoordinatorIndex> participant_coordinator;  // size num_participants
  std::vector<int32_t> coordinator_capacity;              // size num_coordinators, >= 0
  std::vector<int32_t> vacancy_capacity;                  // size num_vacancies, >= 0
  std::vector<EmployerIndex> vacancy_employer;            // size num_vacancies
  std::vector<int32_t> employer_capacity;                 // size num_employers; < 0 means no cap

  int64_t num_arcs() const { return static_cast<int64_t>(arc_vacancy.size()); }
  // Offsets monotone, sizes consistent, indices in range, scores in [0, 1],
  // capacities >= 0 (employer: any value, < 0 is "no cap").
  bool IsValid() const;
};

// Row p holds the first max_arcs_per_participant pairs of scored.For(p)
// (best first, as scored), arc_pair[a] the pair's index in scored.pairs.
// Capacities: coordinator capacity, vacancy openings (vacancies removed by a
// rule simply have no arcs), employer cap by size class (<= 0: -1, no cap).
// Preconditions (checked): scored is for this dataset; every participant has
// a coordinator in range; capacities and openings >= 0.
[[nodiscard]] CandidateGraph BuildCandidateGraph(const Dataset& dataset,
                                                 const ScoredPairs& scored,
                                                 const CandidateOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_CANDIDATE_GRAPH_H_

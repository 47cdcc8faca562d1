// engine/baselines.h
//
// The ways people assign without an exact solver, run on the same
// CandidateGraph as AssignParticipants() so that their results can be set
// side by side with the optimum (`jobmatch evaluate`):
//  * greedy by score: every arc of the graph, highest score first, taken if
//    it still fits;
//  * a coordinator's natural order: participants in list order (their
//    index), each takes the best-scored vacancy still open to them (first
//    come, first served);
//  * nearest first: participants in list order, each takes the vacancy with
//    the shortest commute still open to them;
//  * random: participants in a seeded random order, each takes a uniformly
//    drawn vacancy among those still open to them;
//  * what was proposed before: an earlier run's proposals (the run store),
//    as far as they are still arcs of today's graph and fit today's
//    capacities (KeepEarlier, EarlierOnToday).
//
// Capacities. Every baseline respects exactly the capacities the exact
// assignment respects: at most one placement per participant,
// coordinator_capacity[c] per coordinator, vacancy_capacity[v] per vacancy and
// employer_capacity[e] over a capped employer's vacancies. "Still open" means
// all four still have room. Only arcs of the graph are placed.
//
// Objective. AssignmentObjective() values a set of placements exactly as the
// solver does: sum of round((placement_value + score) * cost_resolution), so
// the optimum's value (-AssignmentResult::total_cost) is at least every
// baseline's, compared as integers.
//
// Guarantees. Deterministic (random: for a given seed); no shared state.
// Results are sorted by participant, like AssignmentResult::placements.
//
// Example:
//   const std::vector<Placement> greedy = GreedyByScore(graph);
//   JOBMATCH_CHECK(CheckCapacities(graph, greedy).empty());
//   const int64_t gap = -optimal.total_cost - AssignmentObjective(greedy, options);

#ifndef JOBMATCH_ENGINE_BASELINES_H_
#define JOBMATCH_ENGINE_BASELINES_H_

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/records.h"

namespace jobmatch {

// Highest score first over all arcs; ties by participant, then by the arc's
// position in its row.
[[nodiscard]] std::vector<Placement> GreedyByScore(const CandidateGraph& graph);

// Participants by index; each takes the first open arc of its row (rows are
// best first, as BuildCandidateGraph makes them; a hand-built row in another
// order is taken by highest score, ties by position).
[[nodiscard]] std::vector<Placement> NaturalOrder(const CandidateGraph& graph);

// Participants by index; each takes the open arc of least commute minutes
// (arc_minutes[a] for arc a, size graph.num_arcs()), ties by higher score,
// then position.
[[nodiscard]] std::vector<Placement> NearestFirst(const CandidateGraph& graph,
                                                  std::span<const float> arc_minutes);

// Participants in a random order drawn from `seed`; each takes a uniformly
// drawn open arc.
[[nodiscard]] std::vector<Placement> RandomOrder(const CandidateGraph& graph, uint64_t seed);

// What became of each earlier proposal on today's graph.
enum class EarlierFate : int8_t {
  kKept = 0,         // placed
  kParticipantGone,  // the participant is not in today's pool (left the data, or hired)
  kVacancyGone,      // the vacancy is not in today's data
  kNotCandidate,     // both are, but the pair is no arc today (a rule, a rejection, top K)
  kOverCapacity,     // an arc, but a capacity is full or the participant is placed already
};

struct EarlierPlacements {
  std::vector<Placement> placements;  // sorted by participant
  std::vector<EarlierFate> fate;      // per input pair, in input order
  int32_t Count(EarlierFate f) const;
};

// Earlier proposals (participant, vacancy) on `graph`. A pair that is no arc
// of the graph is kNotCandidate. Capacities: the arcs are taken by today's
// score, highest first (ties by participant, then row position), each only
// while the participant is unplaced and the coordinator, the vacancy and a
// capped employer still have room; the rest are kOverCapacity. So the result
// respects every capacity AssignParticipants() respects, is a subset of the
// pairs given, and its objective is at most the optimum's.
[[nodiscard]] EarlierPlacements KeepEarlier(
    const CandidateGraph& graph, std::span<const std::pair<ParticipantIndex, VacancyIndex>> pairs);

// The same by external ids on today's pool: ids `dataset` (the dataset the
// graph was built from) no longer holds are kParticipantGone / kVacancyGone.
[[nodiscard]] EarlierPlacements EarlierOnToday(
    const Dataset& dataset,
    const CandidateGraph& graph,
    std::span<const std::pair<std::string, std::string>> pairs);

// Sum of round((placement_value + score) * cost_resolution) over placements:
// the solver's objective, as an integer.
[[nodiscard]] int64_t AssignmentObjective(std::span<const Placement> placements,
                                          const AssignmentOptions& options);

// "" when `placements` respect every capacity of `graph`, are arcs of it
// (arc index, vacancy and score agree) and place each participant at most
// once; otherwise the first violation found, in words.
[[nodiscard]] std::string CheckCapacities(const CandidateGraph& graph,
                                          std::span<const Placement> placements);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_BASELINES_H_

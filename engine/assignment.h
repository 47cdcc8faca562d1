// engine/assignment.h
//
// Decides which scored participant–vacancy pairs become proposals when
// coordinators, vacancies and (optionally) employers have limited capacity.
//
// Problem. Min-cost flow on
//   source -> coordinator (capacity: new placements this cycle)
//          -> participant (capacity 1)
//          -> [employer cap layer, if any] -> vacancy (one arc per candidate
//             pair, cost = -(placement_value + score), scaled to integers)
//          -> sink (capacity: openings)
//   participant -> sink, cost 0 ("no proposal this cycle").
// The optimum is the set of proposals with the largest total value that no
// capacity refuses: a large placement_value places as many participants as
// the capacities allow and then maximises fit; zero keeps only placements
// that raise total fit.
//
// Method. Our own solver on compact arrays (engine/min_cost_flow.h); the
// Boost.Graph solver is the reference in tests (AssignmentSolver::kBoost).
// Costs are integers: round(value * cost_resolution). Ties are broken
// deterministically (documented in min_cost_flow.h).
//
// Guarantees. Deterministic; thread-safe (no shared state); an empty graph
// gives kOptimal with no placements.
//
// Example:
//   const AssignmentResult result = AssignParticipants(graph, {});
//   if (result.status == AssignmentStatus::kOptimal) ... result.placements ...

#ifndef JOBMATCH_ENGINE_ASSIGNMENT_H_
#define JOBMATCH_ENGINE_ASSIGNMENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/candidate_graph.h"
#include "engine/ids.h"

namespace jobmatch {

enum class AssignmentSolver : int8_t {
  kNetworkSimplex = 0,  // production: our own solver
  kBoost,               // reference: Boost.Graph (slow on large graphs)
};

struct AssignmentOptions {
  // What one placement is worth on top of its score (see the objective above).
  double placement_value = 1.0;
  // Resolution used to turn values into integer costs. Values too large for
  // the graph are reported as kCostOverflow rather than losing precision.
  int64_t cost_resolution = 1'000'000;
  AssignmentSolver solver = AssignmentSolver::kNetworkSimplex;
};

enum class AssignmentStatus : int8_t {
  kOptimal = 0,   // placements is an optimal answer to the problem above
  kCostOverflow,  // cost_resolution too fine for this graph; nothing placed
};

struct Placement {
  ParticipantIndex participant;
  VacancyIndex vacancy;
  int64_t arc = 0;  // index into the graph's arc arrays
  float score = 0.0f;
};

// Why a placed participant did not get their best-scored vacancy, read off
// the optimal solution.
enum class BindingKind : int8_t {
  kNone = 0,              // placed on their best vacancy
  kVacancyFull,           // the better vacancy's openings went to others
  kEmployerFull,          // the better vacancy's employer is at its cap
  kCoordinatorAtCapacity, // unplaced: the coordinator's capacity is used up
};

struct Binding {
  ParticipantIndex participant;
  BindingKind kind = BindingKind::kNone;
  VacancyIndex better_vacancy;              // best-scored vacancy not received
  float better_score = 0.0f;
  std::vector<ParticipantIndex> holders;    // who holds it (kVacancyFull)
  std::vector<float> holder_scores;         // their scores on it
};

struct AssignmentResult {
  AssignmentStatus status = AssignmentStatus::kOptimal;
  std::vector<Placement> placements;  // sorted by participant
  double total_score = 0.0;           // sum of placements[i].score
  int64_t total_cost = 0;             // integer objective of the flow
  std::vector<Binding> bindings;      // one per participant with kind != kNone
};

[[nodiscard]] AssignmentResult AssignParticipants(const CandidateGraph& graph,
                                                  const AssignmentOptions& options = {});

// Verifies `result` against its optimality certificate (feasibility,
// complementary slackness, primal cost == dual cost) on the network built
// from `graph` and `options`. Used by `jobmatch run --check` and every test.
struct AssignmentCheck {
  bool ok = false;
  std::string message;  // "" when ok; otherwise the first violation found
};
[[nodiscard]] AssignmentCheck CheckAssignment(const CandidateGraph& graph,
                                              const AssignmentOptions& options,
                                              const AssignmentResult& result);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_ASSIGNMENT_H_

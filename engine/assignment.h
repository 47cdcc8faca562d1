// engine/assignment.h
//
// Decides which scored participant–vacancy pairs become proposals when
// coordinators, vacancies and (optionally) employers have limited capacity.
//
// Problem. Among sets of placements where each participant has at most one,
// coordinator c at most coordinator_capacity[c], vacancy v at most
// vacancy_capacity[v] and a capped employer e (employer_capacity[e] >= 0) at
// most employer_capacity[e] over all its vacancies, find one of largest
//   sum over placements of (placement_value + score).
// A large placement_value places as many participants as the capacities
// allow and then maximises fit; zero keeps only placements that raise fit.
//
// Network. Min-cost flow on a circulation, with the "no proposal" choices
// folded into one bypass arc per coordinator:
//   coordinator c: supply = capacity;  c -> sink (bypass, capacity, cost 0)
//   c -> participant p (capacity 1, cost 0) for each participant of c
//   p -> vacancy v (capacity 1, cost -round((placement_value + score) *
//                   cost_resolution)) for each candidate arc
//   v -> sink (capacity: openings), or, if v's employer e is capped,
//   v -> e (capacity: openings) and e -> sink (capacity: the employer's cap)
//   sink: supply = -(sum of coordinator capacities).
// A unit of a coordinator's capacity either reaches a vacancy through one of
// its participants or takes the bypass: every instance is feasible.
//
// Method. Our own network simplex (engine/min_cost_flow.h); the Boost.Graph
// solver is the reference (AssignmentSolver::kBoost).
//
// Tie-break. Same graph and options, same placements, on every run: the
// network is built in a fixed order (coordinators, participants, vacancies,
// employers, sink; arcs by coordinator, then by participant row, then by
// vacancy) and the solver's rule is a fixed function of that order
// (min_cost_flow.h, "Tie-break"). Among placements of equal integer cost no
// further preference is promised, except for preferred arcs: when
// graph.arc_preferred marks arcs (last run's proposals), a marked arc is
// first worth options.keep_bonus more, then every cost is
// multiplied by (marked arcs + 1) and a marked arc costs one unit less, so
// the result is an optimum of the problem with the bonus that uses as many
// marked arcs as such optima allow (with keep_bonus 0: an optimum of the
// unmarked problem, same integer objective). A warm AssignmentSession::Resolve() is just
// as deterministic, but among equal-cost optima it may keep earlier
// placements where a cold solve of the same graph picks others.
//
// Certificate. The result carries the network's node potentials (duals);
// CheckAssignment() rebuilds the network from the graph and verifies
// feasibility, complementary slackness and primal = dual cost without
// trusting the solver (`jobmatch run --check`).
//
// Guarantees. Deterministic; thread-safe (no shared state); an empty graph
// gives kOptimal with no placements.
//
// Example:
//   const AssignmentResult result = AssignParticipants(graph, {});
//   if (result.status == AssignmentStatus::kOptimal) ... result.placements ...
//
//   AssignmentSession session(graph, {});      // what-if: warm re-solves
//   const AssignmentResult before = session.Solve();
//   graph.coordinator_capacity[3] += 5;
//   const AssignmentResult after = session.Resolve(graph);

#ifndef JOBMATCH_ENGINE_ASSIGNMENT_H_
#define JOBMATCH_ENGINE_ASSIGNMENT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/candidate_graph.h"
#include "engine/ids.h"
#include "engine/min_cost_flow.h"

namespace jobmatch {

enum class AssignmentSolver : int8_t {
  kNetworkSimplex = 0,  // production: our own solver
  kBoost,               // reference: Boost.Graph (slow on large graphs)
};

struct AssignmentOptions {
  // What one placement is worth on top of its score (see the objective above).
  double placement_value = 1.0;
  // What keeping a preferred arc (last run's undecided proposal) is worth on
  // top of its score: another assignment replaces it only when that gains
  // more than keep_bonus of fit per proposal it moves. 0: preferred arcs
  // only win ties.
  double keep_bonus = 0.05;
  // Resolution used to turn values into integer costs. Values too large for
  // the graph are reported as kCostOverflow rather than losing precision.
  int64_t cost_resolution = 1'000'000;
  AssignmentSolver solver = AssignmentSolver::kNetworkSimplex;
  // Threads that price the network simplex's cold solve (NetworkSimplex::
  // SetPricingThreads; 0: the machine's). The same result on any count. Two
  // only where a block has NetworkSimplex::kTwoThreadMinBlock arcs: the
  // assignment's blocks (ArcOrder::kAsGiven, sqrt(arcs) / 8) reach that at
  // 67 M arcs; at the national tier's 19 M, blocks of about 550 arcs priced
  // on one thread are as fast as on two.
  int32_t num_threads = 1;
  friend bool operator==(const AssignmentOptions&, const AssignmentOptions&) = default;
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

// Why a participant did not get their best-scored vacancy (the arc of least
// integer cost in their row, the first on ties), read off the optimal flow.
// Every statement is true of the result: the better vacancy has as many
// placements as openings, its employer as many as its cap, the coordinator as
// many as its capacity. Optimality guarantees one of them holds whenever the
// better vacancy is worth more than what the participant got. A participant
// whose better arcs add nothing (placement_value + score rounds to <= 0)
// and a participant without arcs get no binding.
enum class BindingKind : int8_t {
  kNone = 0,               // placed on their best vacancy
  kVacancyFull,            // the better vacancy's openings went to others
  kEmployerFull,           // the better vacancy's employer is at its cap
  kCoordinatorAtCapacity,  // unplaced: the coordinator's capacity is used up
};
// Order of the reasons checked: for a placed participant, kVacancyFull then
// kEmployerFull; for an unplaced one, kCoordinatorAtCapacity first.

struct Binding {
  ParticipantIndex participant;
  BindingKind kind = BindingKind::kNone;
  VacancyIndex better_vacancy;  // best-scored vacancy not received
  float better_score = 0.0f;
  std::vector<ParticipantIndex> holders;  // who holds it (kVacancyFull)
  std::vector<float> holder_scores;       // their scores on it
};

// Node potentials of the network above (the dual solution): with
// rc = cost + potential[tail] - potential[head], every arc below capacity has
// rc >= 0 and every arc with flow has rc <= 0. potential[vacancy] -
// potential[sink] is what one more opening at that vacancy would save.
struct AssignmentDuals {
  std::vector<int64_t> coordinator;  // size num_coordinators
  std::vector<int64_t> participant;  // size num_participants
  std::vector<int64_t> vacancy;      // size num_vacancies
  std::vector<int64_t> employer;     // size num_employers; 0 for uncapped employers
  int64_t sink = 0;
};

struct AssignmentResult {
  AssignmentStatus status = AssignmentStatus::kOptimal;
  std::vector<Placement> placements;  // sorted by participant
  double total_score = 0.0;           // sum of placements[i].score
  int64_t total_cost = 0;             // integer objective of the flow
  std::vector<Binding> bindings;      // one per participant with kind != kNone, by participant
  AssignmentDuals duals;              // the certificate (kOptimal only)
  int64_t pivots = 0;                 // solver work, for reports and benchmarks
};

[[nodiscard]] AssignmentResult AssignParticipants(const CandidateGraph& graph,
                                                  const AssignmentOptions& options = {});

// The network of "Network" above exactly as AssignParticipants() solves it.
// Node order: coordinators (by index), participants (grouped by coordinator,
// by index within), vacancies (by first appearance in those participants'
// rows, then unlisted ones by index), capped employers (by index), the sink
// last. Arc order: bypass arcs (by coordinator; arc c leaves node c), intake
// arcs and candidate arcs (both in participant node order, rows in graph
// order), vacancy arcs (v -> sink, then v -> employer where capped), employer
// arcs. The grouping keeps neighbours close in memory. For benchmarks and
// exports (e.g. to DIMACS); nullopt: cost overflow.
[[nodiscard]] std::optional<FlowProblem> AssignmentNetwork(const CandidateGraph& graph,
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

// Warm starts for what-if runs. Keeps the flow network and the solver's basis
// (engine/min_cost_flow.h, "Warm start"), so that a changed graph is solved
// from the previous optimum instead of from scratch.
//
// Resolve(changed) compares `changed` with the current graph and edits the
// network: costs of arcs whose score changed, capacities of coordinators,
// vacancies and employers, arcs removed (capacity 0) and added, participants
// moved to another coordinator. Arcs are matched by (participant, vacancy).
// `changed` may have more participants, vacancies, coordinators or employers
// (appended at the end) but not fewer: withdraw one by giving it no arcs or
// capacity 0. The diff costs O(arcs); the solve only the pivots the change
// needs plus one pricing pass. With AssignmentSolver::kBoost every solve is
// cold. Not copyable; movable.
class AssignmentSession {
 public:
  AssignmentSession(CandidateGraph graph, AssignmentOptions options = {});
  ~AssignmentSession();
  AssignmentSession(AssignmentSession&&) noexcept;
  AssignmentSession& operator=(AssignmentSession&&) noexcept;
  AssignmentSession(const AssignmentSession&) = delete;
  AssignmentSession& operator=(const AssignmentSession&) = delete;

  // Solves the current graph (cold the first time, warm after Resolve).
  [[nodiscard]] AssignmentResult Solve();
  // Replaces the graph by `changed` (precondition: changed.IsValid()) and solves.
  [[nodiscard]] AssignmentResult Resolve(CandidateGraph changed);

  const CandidateGraph& graph() const;
  const AssignmentOptions& options() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_ASSIGNMENT_H_

// engine/min_cost_flow.h
//
// Minimum-cost flow on compact arrays, solved by our own primal network
// simplex; the solver behind AssignParticipants() and `jobmatch flow`.
//
// Problem. Nodes 0..n-1 with integer supplies (positive: the node sends,
// negative: it receives; they must sum to 0). Arcs a = (tail, head) with
// lower bound 0, capacity in [0, kInfiniteCapacity] and an int64 cost. Find
// flows 0 <= flow[a] <= capacity[a] with
//   supply[v] = sum of flow leaving v - sum of flow entering v   (every v)
// of least total cost sum_a cost[a] * flow[a]. Lower bounds other than 0 are
// the caller's transformation (loaders/dimacs.h does it for DIMACS files).
//
// Certificate. An optimal solution comes with node potentials such that the
// reduced cost rc(a) = cost[a] + potential[tail] - potential[head] is >= 0 on
// every arc below capacity and <= 0 on every arc with positive flow
// (engine/flow_certificate.h checks exactly this, and primal = dual cost).
//
// Method. Primal network simplex with a strongly feasible spanning-tree basis
// (Cunningham), an artificial root joined to every node by a big-M arc, and
// block-search pricing (blocks of about sqrt(arcs) arcs, Kovács 2015 as in
// LEMON). Arcs are stored and priced in a fixed interleaved order, or in the
// caller's order with smaller blocks (SetArcOrder). A cold
// solve starts from the all-artificial star basis, or from a basis built
// around a caller's flow (SetStartingFlow; AssignParticipants passes a greedy
// assignment, which saves most pivots on its networks).
//
// Tie-break. Everything is a fixed function of the input and the edit
// sequence, with no randomness: the entering arc is the most negative
// reduced cost in the current block (the earliest in pricing order on equal
// values); the leaving arc is the last blocking arc met when walking the
// pivot cycle in flow direction from its apex (the strongly feasible rule).
// Equal-cost optima are therefore always resolved the same way; no specific
// lexicographic preference among them is promised.
//
// Arithmetic. All int64, with no wrap-around: Solve() first bounds every
// flow (by sum |supply| + sum of finite capacities, at most 2^61), potential
// and reduced cost (by 5 (max |cost| + 1) (nodes + 1) < 2^63) and returns
// kOverflow if a bound could be exceeded; the total cost is summed in 128
// bits and kOverflow if it does not fit in int64.
//
// Warm start. NetworkSimplex keeps its basis between Solve() calls. After
// edits (SetCost, SetCapacity, SetSupply, AddArc, RemoveArc, AddNode) the next
// Solve() reuses the spanning tree, the flow of every arc, the potentials and
// the pricing position, and never looks at unedited arcs before pivoting:
//  * checks are incremental: each edit is validated when made, and the sums
//    behind "Arithmetic" are updated (max |cost| only ever grows);
//  * cost edits keep the flow feasible; potentials are recomputed (O(n))
//    only if a tree arc's cost changed, and the edited arcs are priced first;
//  * capacity and supply edits change the flow of edited non-tree arcs at
//    their upper bound; the differences are pushed up the tree (O(n)). A
//    tree arc whose new flow breaks its bounds (or strong feasibility) is set
//    to the violated bound and leaves the tree; its subtree hangs from the
//    root by its artificial arc carrying the difference, and pivots drive
//    those artificial flows back to zero;
//  * new arcs start at flow 0 outside the tree and are priced first; new
//    nodes hang from the root; removed arcs are arcs of capacity 0 (indices
//    stay valid);
//  * a node of supply 0 with one in-arc, no flow on it and a tree arc
//    without flow hangs from that in-arc (an unplaced participant from its
//    coordinator rather than from its best vacancy), so that potential moves
//    elsewhere do not cost degenerate pivots to re-hang it. Such a node may
//    in turn carry others hung the same way (a vacancy with a single
//    candidate below an unplaced participant). The tree stays strongly
//    feasible except at these "zero arcs": a tree arc without flow that is
//    the only in-arc of its head, a node of supply 0. Flow reaches such a
//    node only through that arc, forwards, so no pivot blocks there, except
//    through an arc of capacity 0, which a warm solve only flips between its
//    bounds. A new arc into the node ends the exception (Repair re-hangs it);
//  * arcs of capacity 0 (removed arcs among them) are never priced: they
//    carry no flow and take no part in optimality, and pricing them would
//    flip their bounds again and again as potentials drift;
//  * pricing as in a cold solve, except that once a solve's block search has
//    wrapped around 8 times (potential changes travelling through a large
//    network pivot by pivot), the arcs at the nodes of every small moved
//    subtree (up to 64 nodes) are priced next. This needs the arcs of every
//    node (8 bytes per arc, built the first time it is needed).
// Then only the pivots the change needs, plus one full pricing pass (O(m))
// that proves optimality, and O(m) to copy the flows out.
//
// Self-checks. Every solve ends with an O(nodes) check of the tree (a
// spanning tree in preorder, tree arcs at zero reduced cost within their
// bounds; after every cold solve and every 16th warm one). Built with the
// CMake option JOBMATCH_SOLVER_CHECKS, the full invariant
// (engine/internal/simplex_basis.h, CheckBasis) is checked after every warm
// edit and after pivots (every one on small networks, sampled on large).
//
// Example:
//   FlowProblem problem;
//   const int32_t s = problem.AddNode(2), t = problem.AddNode(-2);
//   problem.AddArc(s, t, 5, 3);
//   const FlowSolution solution = SolveMinCostFlow(problem);  // flow 2, cost 6
//
//   NetworkSimplex simplex(std::move(problem));
//   const FlowSolution first = simplex.Solve();    // cold
//   simplex.SetCost(0, 4);
//   const FlowSolution again = simplex.Solve();  // warm: cost 8

#ifndef JOBMATCH_ENGINE_MIN_COST_FLOW_H_
#define JOBMATCH_ENGINE_MIN_COST_FLOW_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jobmatch {
namespace internal {
class SimplexTestAccess;
}  // namespace internal

// Capacity meaning "no upper bound".
inline constexpr int64_t kInfiniteCapacity = std::numeric_limits<int64_t>::max();

struct FlowProblem {
  std::vector<int64_t> supply;        // per node; must sum to 0 to be feasible
  std::vector<int32_t> arc_tail;      // per arc, node index
  std::vector<int32_t> arc_head;      // per arc, node index
  std::vector<int64_t> arc_capacity;  // per arc, >= 0 or kInfiniteCapacity
  std::vector<int64_t> arc_cost;      // per arc, any int64

  int32_t num_nodes() const { return static_cast<int32_t>(supply.size()); }
  int64_t num_arcs() const { return static_cast<int64_t>(arc_tail.size()); }
  // Appends a node or an arc and returns its index.
  int32_t AddNode(int64_t node_supply = 0);
  int64_t AddArc(int32_t tail, int32_t head, int64_t capacity, int64_t cost);
  // Array sizes agree, endpoints are nodes, capacities >= 0, fewer than 2^31
  // nodes + arcs (the solver indexes with int32).
  bool IsValid() const;
};

enum class FlowStatus : int8_t {
  kOptimal = 0,  // flow and potential are an optimal, certified solution
  kInfeasible,   // no flow meets the supplies and capacities
  kUnbounded,    // a negative-cost cycle of infinite capacity exists
  kOverflow,     // magnitudes too large for exact int64 arithmetic
};
std::string_view FlowStatusName(FlowStatus status);  // "optimal", "infeasible", ...

struct FlowSolution {
  FlowStatus status = FlowStatus::kOptimal;
  std::vector<int64_t> flow;       // per arc; filled when kOptimal
  std::vector<int64_t> potential;  // per node; filled when kOptimal
  int64_t total_cost = 0;          // sum cost * flow when kOptimal
  int64_t pivots = 0;              // basis changes done by this solve
  std::string message;             // why, when not kOptimal
};

// Solves `problem` from scratch. Precondition: problem.IsValid().
[[nodiscard]] FlowSolution SolveMinCostFlow(const FlowProblem& problem);

// A network simplex that keeps its basis between solves (see "Warm start"
// above). The invariant it protects: the stored spanning tree, flows and
// potentials form a basis of the stored problem. Not copyable; movable.
class NetworkSimplex {
 public:
  explicit NetworkSimplex(FlowProblem problem);
  ~NetworkSimplex();
  NetworkSimplex(NetworkSimplex&&) noexcept;
  NetworkSimplex& operator=(NetworkSimplex&&) noexcept;
  NetworkSimplex(const NetworkSimplex&) = delete;
  NetworkSimplex& operator=(const NetworkSimplex&) = delete;

  // Cold on the first call, warm afterwards. After kUnbounded or kOverflow
  // the next call starts cold.
  [[nodiscard]] FlowSolution Solve();

  // Edits; each takes effect at the next Solve(). Indices as in problem().
  void SetCost(int64_t arc, int64_t cost);
  void SetCapacity(int64_t arc, int64_t capacity);
  void SetSupply(int32_t node, int64_t supply);
  int64_t AddArc(int32_t tail, int32_t head, int64_t capacity, int64_t cost);
  void RemoveArc(int64_t arc) { SetCapacity(arc, 0); }
  int32_t AddNode(int64_t supply = 0);

  // Threads that price a cold solve (default 1; 0: two where the machine
  // has two cores): with two, each block of the search of at least
  // min_block arcs (the default: networks of a million arcs in kSpread
  // order, 67 million in kAsGiven; see SetArcOrder) is priced half
  // by a second thread, which spins while the solve runs. The pivots and the
  // result are the same on any count; warm solves price on one thread.
  static constexpr int32_t kTwoThreadMinBlock = 1024;
  void SetPricingThreads(int32_t threads, int32_t min_block = kTwoThreadMinBlock);

  // How the next cold solve stores and prices the arcs (warm solves keep
  // what their cold solve chose):
  //  * kSpread (the default): interleaved, so that one block samples the
  //    whole network, in blocks of about sqrt(arcs) arcs (LEMON's rule);
  //    right where the arc order means nothing (on NETGEN-8 14a it is about
  //    3 times faster than kAsGiven);
  //  * kAsGiven: in the problem's own order, in blocks of about sqrt(arcs) /
  //    kAsGivenBlockDivisor arcs; right where that order keeps neighbours
  //    together, as the assignment network does (a participant's arcs one
  //    after the other, participants by coordinator): a small block finds an
  //    arc to enter among few nodes, whose potentials stay in cache.
  enum class ArcOrder { kSpread, kAsGiven };
  static constexpr int32_t kAsGivenBlockDivisor = 8;
  void SetArcOrder(ArcOrder order);

  // Discards the basis: the next Solve() builds its first basis around
  // `flow` (one value per arc, clipped to the bounds) instead of the
  // all-artificial star. Arcs strictly inside their bounds join the tree,
  // which grows breadth-first from the nodes of largest |supply| through
  // arcs at a bound (strongly feasible orientation only); imbalances of an
  // infeasible `flow` go to artificial arcs. Any flow is accepted; one close
  // to optimal (a greedy assignment, a previous optimum) saves pivots.
  void SetStartingFlow(std::vector<int64_t> flow);

  // The problem as edited so far.
  const FlowProblem& problem() const;

 private:
  friend class internal::SimplexTestAccess;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_MIN_COST_FLOW_H_

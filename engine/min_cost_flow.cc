#include "engine/min_cost_flow.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/check.h"
#include "engine/int128.h"
#include "engine/internal/simplex_basis.h"
#include "engine/internal/simplex_pricing.h"
#include "engine/internal/simplex_warm.h"

namespace jobmatch {
namespace {

using internal::SimplexBasis;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

// CMake option JOBMATCH_SOLVER_CHECKS: CheckBasis() after every warm edit, at
// the end of every solve, and after pivots: every pivot on networks of up to
// kCheckEveryPivot nodes + arcs, on larger ones every k-th, k = (nodes +
// arcs) / kCheckEveryPivot, so that a check costs about kCheckEveryPivot
// steps per pivot (sanitized Debug builds stay within CI's time).
#ifdef JOBMATCH_SOLVER_CHECKS
constexpr bool kSolverChecks = true;
#else
constexpr bool kSolverChecks = false;
#endif
constexpr int64_t kCheckEveryPivot = 128;
// Finish(): the O(nodes) end-of-solve check after every cold solve and every
// kWarmTreeCheckEvery-th warm one.
constexpr int32_t kWarmTreeCheckEvery = 16;

[[maybe_unused]] void VerifyBasis(const SimplexBasis& b, const char* after) {
  const std::string problem = internal::CheckBasis(b);
  JOBMATCH_CHECK(problem.empty()) << "network simplex basis broken after " << after << ": "
                                  << problem;
}

// |cost| for the big-M bound; INT64_MIN counts as INT64_MAX.
int64_t Magnitude(int64_t cost) {
  return cost == std::numeric_limits<int64_t>::min() ? kInt64Max : std::abs(cost);
}

}  // namespace

std::string_view FlowStatusName(FlowStatus status) {
  switch (status) {
    case FlowStatus::kOptimal:
      return "optimal";
    case FlowStatus::kInfeasible:
      return "infeasible";
    case FlowStatus::kUnbounded:
      return "unbounded";
    case FlowStatus::kOverflow:
      return "overflow";
  }
  return "unknown";
}

int32_t FlowProblem::AddNode(int64_t node_supply) {
  supply.push_back(node_supply);
  return num_nodes() - 1;
}

int64_t FlowProblem::AddArc(int32_t tail, int32_t head, int64_t capacity, int64_t cost) {
  arc_tail.push_back(tail);
  arc_head.push_back(head);
  arc_capacity.push_back(capacity);
  arc_cost.push_back(cost);
  return num_arcs() - 1;
}

bool FlowProblem::IsValid() const {
  const size_t m = arc_tail.size();
  if (arc_head.size() != m || arc_capacity.size() != m || arc_cost.size() != m) return false;
  if (static_cast<Int128>(supply.size()) + 2 * static_cast<Int128>(m) + 2 >=
      std::numeric_limits<int32_t>::max()) {
    return false;
  }
  const int32_t n = num_nodes();
  for (size_t a = 0; a < m; ++a) {
    if (arc_tail[a] < 0 || arc_tail[a] >= n || arc_head[a] < 0 || arc_head[a] >= n) return false;
    if (arc_capacity[a] < 0) return false;
  }
  return true;
}

// Everything a solver keeps between solves: the problem as edited, the basis
// (engine/internal/simplex_basis.h), the pricing position and incidence
// lists (simplex_pricing.h), the edits since the last solve
// (simplex_warm.h), and the sums behind "Arithmetic" in the header.
struct NetworkSimplex::State {
  FlowProblem problem;  // external order, as edited
  bool has_basis = false;
  std::vector<int32_t> internal_arc;  // external arc -> internal arc
  SimplexBasis basis;
  internal::BlockSearch block;
  internal::MovedNodes moved;
  internal::WarmEdits edits;
  std::vector<int64_t> starting_flow;  // external order; used by the next Cold()

  Int128 supply_sum = 0;        // sum of supplies
  Int128 flow_bound = 0;        // sum |supply| + sum of finite capacities
  int64_t max_abs_cost = 0;     // at least max |cost| (never lowered)
  bool warm_solve = false;      // the current solve started from a kept basis
  int32_t pricing_threads = 1;  // SetPricingThreads()
  int32_t two_thread_min_block = kTwoThreadMinBlock;
  ArcOrder arc_order = ArcOrder::kSpread;  // SetArcOrder(), for the next Cold()
  int32_t solves_since_tree_check = 0;     // Finish()'s sampling of warm solves

  void CountMagnitudes();
  std::string CheckMagnitudes();
  FlowSolution Cold();
  FlowSolution Warm();
  template <class Pricing>
  FlowSolution Run(Pricing& pricing);
  FlowSolution Finish(int64_t pivots);
};

// Sums and maxima behind CheckMagnitudes(), from scratch.
void NetworkSimplex::State::CountMagnitudes() {
  const FlowProblem& p = problem;
  supply_sum = 0;
  flow_bound = 0;
  for (int64_t s : p.supply) {
    supply_sum += s;
    flow_bound += s < 0 ? -static_cast<Int128>(s) : s;
  }
  max_abs_cost = 0;
  for (int64_t a = 0; a < p.num_arcs(); ++a) {
    if (p.arc_capacity[a] != kInfiniteCapacity) flow_bound += p.arc_capacity[a];
    max_abs_cost = std::max(max_abs_cost, Magnitude(p.arc_cost[a]));
  }
}

// Bounds every quantity the pivots compute (see the header); "" if all fit.
std::string NetworkSimplex::State::CheckMagnitudes() {
  if (flow_bound > kInt64Max / 4) {
    return "supplies and finite capacities sum to more than 2^61";
  }
  // Any simple path costs less than art_cost, so a unit routed through the
  // root costs more than any real route: artificial flow stays only if no
  // feasible flow exists. Potentials are at most art_cost + n * max |cost|.
  const Int128 art = (static_cast<Int128>(max_abs_cost) + 1) * (problem.num_nodes() + 1);
  if (5 * art > kInt64Max) {
    return "(largest |cost| + 1) * (nodes + 1) exceeds 2^63 / 5, so potentials could overflow";
  }
  basis.art_cost = static_cast<int64_t>(art);
  return "";
}

FlowSolution NetworkSimplex::State::Cold() {
  has_basis = false;
  warm_solve = false;
  SimplexBasis& b = basis;
  b.single_in.clear();
  moved.Invalidate();
  const FlowProblem& p = problem;
  b.n = p.num_nodes();
  b.m = static_cast<int32_t>(p.num_arcs());
  const int32_t n = b.n;
  const int32_t m = b.m;
  const int32_t all = m + n;
  b.arcs.assign(all, internal::SimplexArc{0, 0, 0});
  b.cap.assign(all, 0);
  b.flow.assign(all, 0);
  b.state.assign(all, internal::kLower);
  internal_arc.assign(m, 0);
  // kSpread: interleave the arcs so that one pricing block samples the
  // whole graph; kAsGiven: keep the caller's order.
  const bool spread = arc_order == ArcOrder::kSpread;
  const int32_t skip = spread && n > 1 ? std::max(m / n, 3) : 1;
  for (int32_t k = 0, i = 0, j = 0; k < m; ++k) {
    internal_arc[k] = i;
    b.arcs[i].source = p.arc_tail[k] + 1;
    b.arcs[i].target = p.arc_head[k] + 1;
    b.arcs[i].cost = p.arc_cost[k];
    b.cap[i] = p.arc_capacity[k];
    if ((i += skip) >= m) i = ++j;
  }
  b.supply.assign(n + 1, 0);
  std::copy(p.supply.begin(), p.supply.end(), b.supply.begin() + 1);
  // The initial basis: every node hangs from the root by its artificial arc.
  b.MakeStar();
  edits.Reset(b);
  block.SetBlockDivisor(spread ? 1 : kAsGivenBlockDivisor);
  block.Resize(m, /*restart=*/true);
  if (!starting_flow.empty()) {
    internal::CrashBasis(b, internal_arc, starting_flow, &edits);
    starting_flow.clear();
  } else {
    b.ComputePotentials();
  }
  if constexpr (kSolverChecks) VerifyBasis(b, "the first basis");
  has_basis = true;
  internal::ColdPricing pricing{&block};
  return Run(pricing);
}

FlowSolution NetworkSimplex::State::Warm() {
  warm_solve = true;
  SimplexBasis& b = basis;
  if (edits.Grow(b, problem, &internal_arc)) {
    b.RebuildTree();
    block.Resize(b.m, /*restart=*/false);
    moved.Invalidate();
  }
  if (internal::WarmEdits::FindSingleInArcs(b)) moved.Invalidate();  // built when first needed
  edits.Repair(b, /*from_scratch=*/false);
  if constexpr (kSolverChecks) VerifyBasis(b, "applying the edits");
  edits.HangZeroLeaves(b);
  if constexpr (kSolverChecks) VerifyBasis(b, "hanging zero leaves");
  internal::WarmPricing pricing(&block, &moved, std::move(edits.priced_first));
  edits.priced_first.clear();
  return Run(pricing);
}

// Pivots until `pricing` finds no arc to enter (see simplex_pricing.h for the
// two rules; chosen once per solve).
template <class Pricing>
FlowSolution NetworkSimplex::State::Run(Pricing& pricing) {
  SimplexBasis& b = basis;
  int64_t pivots = 0;
  // Cold solves only: a warm one pivots too few times per block search.
  const bool two_threads =
      !Pricing::kWarm &&
      (pricing_threads >= 2 || (pricing_threads == 0 && std::thread::hardware_concurrency() >= 2));
  block.StartSolve(two_threads, two_thread_min_block);
  struct EndSolve {
    internal::BlockSearch* block;
    explicit EndSolve(internal::BlockSearch* b) : block(b) {}
    EndSolve(const EndSolve&) = delete;
    EndSolve& operator=(const EndSolve&) = delete;
    ~EndSolve() { block->EndSolve(); }
  } end_solve(&block);
  moved.StartSolve();
  const int64_t check_stride = std::max<int64_t>(1, (int64_t{b.n} + b.m) / kCheckEveryPivot);
  for (int32_t e; (e = pricing.Find(b)) >= 0;) {
    b.in_arc = e;
    if constexpr (Pricing::kWarm) {
      // An entering out-arc of a zero leaf hung upwards: hang the leaf from
      // its in-arc first; the arc enters only if it still prices negative.
      const int32_t i = b.arcs[e].source;
      const int32_t a = internal::ZeroLeafArc(b, i);
      if (a >= 0) {
        internal::HangLeaf(b, i, a);
        if constexpr (kSolverChecks) VerifyBasis(b, "hanging a zero leaf");
        if (b.state[e] * b.ReducedCost(e) >= 0) continue;
      }
      // An arc of capacity 0 only flips its bound: what the pivot does when
      // no arc of the cycle blocks at 0 (always, in a strongly feasible
      // tree), but a zero arc on the cycle would block and take it into the
      // tree, where it could carry nothing either way.
      if (b.cap[e] == 0) {
        ++pivots;
        b.state[e] = static_cast<int8_t>(-b.state[e]);
        continue;
      }
    }
    ++pivots;
    b.FindJoin();
    const bool change = b.FindLeavingArc();
    if (b.delta >= internal::kInf) {
      has_basis = false;
      FlowSolution unbounded;
      unbounded.status = FlowStatus::kUnbounded;
      unbounded.pivots = pivots;
      unbounded.message = "a negative-cost cycle of infinite capacity makes the cost unbounded";
      return unbounded;
    }
    b.ChangeFlow(change);
    if (change) {
      b.UpdateTree();
      b.UpdatePotentials();
      pricing.AfterPivot(b);
    }
    if constexpr (kSolverChecks) {
      if (pivots % check_stride == 0) VerifyBasis(b, "a pivot");
    }
  }
  if constexpr (kSolverChecks) VerifyBasis(b, "the last pivot");
  return Finish(pivots);
}

FlowSolution NetworkSimplex::State::Finish(int64_t pivots) {
  const SimplexBasis& b = basis;
  // Always on, O(nodes): the final tree is a spanning tree whose arcs price
  // at zero and lie within their bounds (TreeHolds). About 5 ns a node: 1 %
  // of a cold solve, but 25 % of a small warm one (12 us of 50 us at 2,500
  // nodes), so warm solves check every kWarmTreeCheckEvery-th time.
  if (++solves_since_tree_check >= (warm_solve ? kWarmTreeCheckEvery : 1)) {
    solves_since_tree_check = 0;
    if (!internal::TreeHolds(b)) {
      JOBMATCH_CHECK(false) << "network simplex ended on a broken basis: "
                            << internal::CheckTree(b);
    }
  }
  FlowSolution solution;
  solution.pivots = pivots;
  for (int32_t i = 1; i <= b.n; ++i) {
    if (b.flow[b.Art(i)] != 0) {
      solution.status = FlowStatus::kInfeasible;
      solution.message = "no flow meets the supplies within the capacities (node index " +
                         std::to_string(i - 1) + " keeps " + std::to_string(b.flow[b.Art(i)]) +
                         " units unrouted; indices are 0-based)";
      return solution;
    }
  }
  const int64_t num_arcs = problem.num_arcs();
  solution.flow.resize(num_arcs);
  Int128 total = 0;
  for (int64_t k = 0; k < num_arcs; ++k) {
    const int64_t f = b.flow[internal_arc[k]];
    solution.flow[k] = f;
    total += static_cast<Int128>(f) * problem.arc_cost[k];
  }
  if (total > kInt64Max || total < -kInt64Max) {
    solution.status = FlowStatus::kOverflow;
    solution.message = "the optimal total cost does not fit in 64 bits";
    solution.flow.clear();
    return solution;
  }
  solution.total_cost = static_cast<int64_t>(total);
  solution.potential.assign(b.pi.begin() + 1, b.pi.end());
  return solution;
}

NetworkSimplex::NetworkSimplex(FlowProblem problem) : state_(std::make_unique<State>()) {
  state_->problem = std::move(problem);
}
NetworkSimplex::~NetworkSimplex() = default;
NetworkSimplex::NetworkSimplex(NetworkSimplex&&) noexcept = default;
NetworkSimplex& NetworkSimplex::operator=(NetworkSimplex&&) noexcept = default;

FlowSolution NetworkSimplex::Solve() {
  State& s = *state_;
  // A warm solve keeps the checks incremental: every edit was checked.
  if (!s.has_basis) {
    JOBMATCH_CHECK(s.problem.IsValid()) << "invalid flow problem";
    s.CountMagnitudes();
  }
  FlowSolution failed;
  if (s.supply_sum != 0) {
    failed.status = FlowStatus::kInfeasible;
    failed.message =
        "supplies sum to " + std::to_string(static_cast<int64_t>(s.supply_sum)) + ", not 0";
    return failed;
  }
  const std::string too_large = s.CheckMagnitudes();
  if (!too_large.empty()) {
    s.has_basis = false;
    failed.status = FlowStatus::kOverflow;
    failed.message = too_large;
    return failed;
  }
  return s.has_basis ? s.Warm() : s.Cold();
}

void NetworkSimplex::SetCost(int64_t arc, int64_t cost) {
  State& s = *state_;
  JOBMATCH_CHECK(arc >= 0 && arc < s.problem.num_arcs()) << "arc " << arc;
  s.problem.arc_cost[arc] = cost;
  s.max_abs_cost = std::max(s.max_abs_cost, Magnitude(cost));
  if (s.has_basis && arc < s.basis.m) s.edits.SetCost(s.basis, s.internal_arc[arc], cost);
}

void NetworkSimplex::SetCapacity(int64_t arc, int64_t capacity) {
  State& s = *state_;
  JOBMATCH_CHECK(arc >= 0 && arc < s.problem.num_arcs()) << "arc " << arc;
  JOBMATCH_CHECK(capacity >= 0) << "capacity " << capacity;
  int64_t& old = s.problem.arc_capacity[arc];
  s.flow_bound += (capacity == kInfiniteCapacity ? 0 : Int128{capacity}) -
                  (old == kInfiniteCapacity ? 0 : Int128{old});
  old = capacity;
  if (s.has_basis && arc < s.basis.m) {
    s.edits.SetCapacity(s.basis, s.internal_arc[arc], capacity);
  }
}

void NetworkSimplex::SetSupply(int32_t node, int64_t supply) {
  State& s = *state_;
  JOBMATCH_CHECK(node >= 0 && node < s.problem.num_nodes()) << "node " << node;
  int64_t& old = s.problem.supply[node];
  auto magnitude = [](int64_t x) { return x < 0 ? -Int128{x} : Int128{x}; };
  s.supply_sum += Int128{supply} - old;
  s.flow_bound += magnitude(supply) - magnitude(old);
  old = supply;
  if (s.has_basis && node < s.basis.n) s.edits.SetSupply(s.basis, node + 1, supply);
}

int64_t NetworkSimplex::AddArc(int32_t tail, int32_t head, int64_t capacity, int64_t cost) {
  State& s = *state_;
  const int32_t n = s.problem.num_nodes();
  JOBMATCH_CHECK(tail >= 0 && tail < n && head >= 0 && head < n)
      << "arc " << tail << " -> " << head;
  JOBMATCH_CHECK(capacity >= 0) << "capacity " << capacity;
  JOBMATCH_CHECK(n + 2 * (s.problem.num_arcs() + 1) + 2 < std::numeric_limits<int32_t>::max())
      << "too many arcs";
  if (capacity != kInfiniteCapacity) s.flow_bound += capacity;
  s.max_abs_cost = std::max(s.max_abs_cost, Magnitude(cost));
  return s.problem.AddArc(tail, head, capacity, cost);
}

int32_t NetworkSimplex::AddNode(int64_t supply) {
  State& s = *state_;
  JOBMATCH_CHECK(s.problem.num_nodes() + 2 * s.problem.num_arcs() + 3 <
                 std::numeric_limits<int32_t>::max())
      << "too many nodes";
  s.supply_sum += supply;
  s.flow_bound += supply < 0 ? -Int128{supply} : Int128{supply};
  return s.problem.AddNode(supply);
}

void NetworkSimplex::SetPricingThreads(int32_t threads, int32_t min_block) {
  JOBMATCH_CHECK(threads >= 0 && min_block >= 1) << "pricing threads " << threads;
  state_->pricing_threads = threads;
  state_->two_thread_min_block = min_block;
}

void NetworkSimplex::SetArcOrder(ArcOrder order) {
  state_->arc_order = order;
}

void NetworkSimplex::SetStartingFlow(std::vector<int64_t> flow) {
  State& s = *state_;
  JOBMATCH_CHECK(static_cast<int64_t>(flow.size()) == s.problem.num_arcs())
      << "starting flow for " << flow.size() << " arcs, problem has " << s.problem.num_arcs();
  s.starting_flow = std::move(flow);
  s.has_basis = false;
}

const FlowProblem& NetworkSimplex::problem() const {
  return state_->problem;
}

FlowSolution SolveMinCostFlow(const FlowProblem& problem) {
  NetworkSimplex simplex(problem);
  return simplex.Solve();
}

namespace internal {

const SimplexBasis& SimplexTestAccess::Basis(const NetworkSimplex& simplex) {
  return simplex.state_->basis;
}

}  // namespace internal
}  // namespace jobmatch

// Tests engine/min_cost_flow.h against exhaustive enumeration on tiny
// problems and against the Boost.Graph reference (engine/boost_flow.h) on
// larger ones. Every optimal solution goes through ExpectCertified().

#include "engine/min_cost_flow.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "engine/boost_flow.h"
#include "engine/flow_certificate.h"
#include "engine/internal/simplex_basis.h"
#include "tests/support/flow_problems.h"
#include "tests/support/random.h"

namespace jobmatch {
namespace {

using test::ExpectCertified;
using test::Rng;

using internal::CheckBasis;
using internal::SimplexBasis;
using internal::SimplexTestAccess;
using ::testing::HasSubstr;

// Solves `simplex` warm and `problem` cold: the same status and, when
// optimal, the same cost, the warm solution certified and its basis intact
// (CheckBasis; a JOBMATCH_SOLVER_CHECKS build also checks every pivot).
void ExpectWarmEqualsCold(NetworkSimplex& simplex,
                          const FlowProblem& problem,
                          FlowSolution* warm,
                          FlowSolution* cold) {
  *warm = simplex.Solve();
  *cold = SolveMinCostFlow(problem);
  ASSERT_EQ(warm->status, cold->status);
  if (warm->status != FlowStatus::kOptimal) return;
  ExpectCertified(problem, *warm);
  EXPECT_EQ(warm->total_cost, cold->total_cost);
  EXPECT_EQ(CheckBasis(SimplexTestAccess::Basis(simplex)), "");
}

// A random network (tests/support/flow_problems.h) of n nodes and m arcs.
FlowProblem RandomProblem(Rng& rng,
                          int32_t n,
                          int64_t m,
                          int64_t max_cap,
                          int64_t min_cost,
                          int64_t max_cost,
                          int infinite_percent,
                          int64_t total_supply) {
  test::FlowShape shape;
  shape.nodes = n;
  shape.arcs = m;
  shape.max_capacity = max_cap;
  shape.min_cost = min_cost;
  shape.max_cost = max_cost;
  shape.infinite_share = infinite_percent / 100.0;
  shape.total_supply = total_supply;
  return test::RandomFlowProblem(rng, shape);
}

// Least cost over every integer flow with 0 <= flow <= capacity; nullopt if
// none meets the supplies. Only for a handful of arcs of small capacity.
std::optional<int64_t> BruteForce(const FlowProblem& p) {
  const int64_t m = p.num_arcs();
  std::vector<int64_t> flow(m, 0);
  std::optional<int64_t> best;
  while (true) {
    std::vector<int64_t> balance(p.supply);
    int64_t cost = 0;
    for (int64_t a = 0; a < m; ++a) {
      balance[p.arc_tail[a]] -= flow[a];
      balance[p.arc_head[a]] += flow[a];
      cost += flow[a] * p.arc_cost[a];
    }
    if (std::all_of(balance.begin(), balance.end(), [](int64_t b) { return b == 0; })) {
      if (!best || cost < *best) best = cost;
    }
    int64_t a = 0;
    while (a < m && flow[a] == p.arc_capacity[a]) flow[a++] = 0;
    if (a == m) break;
    ++flow[a];
  }
  return best;
}

TEST(SolveMinCostFlow, MatchesExhaustiveEnumerationOnSmallRandomProblems) {
  Rng rng(1);
  int optimal = 0;
  for (int round = 0; round < 600; ++round) {
    const auto n = static_cast<int32_t>(rng.Between(1, 5));
    const int64_t m = rng.Between(0, 6);
    const FlowProblem p = RandomProblem(rng, n, m, 3, -6, 6, 0, rng.Between(0, 3));
    const std::optional<int64_t> expected = BruteForce(p);
    const FlowSolution solution = SolveMinCostFlow(p);
    if (!expected) {
      EXPECT_EQ(solution.status, FlowStatus::kInfeasible) << "round " << round;
      continue;
    }
    ++optimal;
    ExpectCertified(p, solution);
    EXPECT_EQ(solution.total_cost, *expected) << "round " << round;
  }
  EXPECT_GT(optimal, 300);  // the generator must produce mostly feasible problems
}

TEST(SolveMinCostFlow, AgreesWithBoostOnLargerRandomProblems) {
  Rng rng(2);
  for (int round = 0; round < 120; ++round) {
    const auto n = static_cast<int32_t>(rng.Between(2, 120));
    const int64_t m = rng.Between(n, int64_t{12} * n);
    const int64_t min_cost = rng.Chance(0.5) ? 0 : -50;
    FlowProblem p = RandomProblem(rng, n, m, 20, min_cost, 100, 10, rng.Between(0, int64_t{4} * n));
    const FlowSolution ours = SolveMinCostFlow(p);
    const FlowSolution reference = SolveMinCostFlowBoost(p);
    ASSERT_EQ(ours.status, reference.status) << "round " << round << ": " << ours.message;
    if (ours.status != FlowStatus::kOptimal) continue;
    ExpectCertified(p, ours);
    ExpectCertified(p, reference);
    EXPECT_EQ(ours.total_cost, reference.total_cost) << "round " << round;
  }
}

// kAsGiven (the caller's arc order, smaller blocks: AssignParticipants's
// choice) reaches the reference's optimum too, cold from the star and from a
// starting flow, with its certificate.
TEST(NetworkSimplex, ArcsInTheGivenOrderReachTheSameOptimum) {
  Rng rng(31);
  int optimal = 0;
  for (int round = 0; round < 120; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const auto n = static_cast<int32_t>(rng.Between(2, 400));
    const int64_t m = rng.Between(n, int64_t{40} * n);
    const int64_t min_cost = rng.Chance(0.5) ? 0 : -50;
    const FlowProblem p =
        RandomProblem(rng, n, m, 20, min_cost, 100, 10, rng.Between(0, int64_t{4} * n));
    NetworkSimplex simplex(p);
    simplex.SetArcOrder(NetworkSimplex::ArcOrder::kAsGiven);
    if (round % 2 == 1) {
      std::vector<int64_t> start(static_cast<size_t>(p.num_arcs()));
      for (int64_t& f : start) f = rng.Between(0, 3);
      simplex.SetStartingFlow(start);
    }
    const FlowSolution ours = simplex.Solve();
    const FlowSolution reference = SolveMinCostFlowBoost(p);
    ASSERT_EQ(ours.status, reference.status) << ours.message;
    if (ours.status != FlowStatus::kOptimal) continue;
    ++optimal;
    ExpectCertified(p, ours);
    EXPECT_EQ(ours.total_cost, reference.total_cost);
    EXPECT_EQ(CheckBasis(SimplexTestAccess::Basis(simplex)), "");
  }
  EXPECT_GT(optimal, 60);
}

TEST(SolveMinCostFlow, SolvesTransportationProblemsLikeBoost) {
  Rng rng(3);
  for (int round = 0; round < 20; ++round) {
    const auto sources = static_cast<int32_t>(rng.Between(1, 30));
    const auto sinks = static_cast<int32_t>(rng.Between(1, 30));
    FlowProblem p;
    for (int32_t v = 0; v < sources + sinks; ++v) p.AddNode(0);
    for (int32_t s = 0; s < sources; ++s) {
      for (int32_t t = 0; t < sinks; ++t) {
        p.AddArc(s, sources + t, kInfiniteCapacity, rng.Between(1, 1000));
      }
    }
    for (int64_t unit = 0; unit < int64_t{50} * sources; ++unit) {
      ++p.supply[rng.Between(0, sources - 1)];
      --p.supply[sources + rng.Between(0, sinks - 1)];
    }
    const FlowSolution ours = SolveMinCostFlow(p);
    ExpectCertified(p, ours);
    EXPECT_EQ(ours.total_cost, SolveMinCostFlowBoost(p).total_cost);
  }
}

TEST(SolveMinCostFlow, HeaderExampleHolds) {
  FlowProblem problem;
  const int32_t s = problem.AddNode(2), t = problem.AddNode(-2);
  problem.AddArc(s, t, 5, 3);
  const FlowSolution solution = SolveMinCostFlow(problem);
  ExpectCertified(problem, solution);
  EXPECT_EQ(solution.flow, std::vector<int64_t>{2});
  EXPECT_EQ(solution.total_cost, 6);
  NetworkSimplex simplex(problem);
  EXPECT_EQ(simplex.Solve().total_cost, 6);
  simplex.SetCost(0, 4);
  problem.arc_cost[0] = 4;
  const FlowSolution again = simplex.Solve();
  ExpectCertified(problem, again);
  EXPECT_EQ(again.total_cost, 8);
}

TEST(SolveMinCostFlow, EmptyProblemIsOptimalWithZeroCost) {
  const FlowProblem empty;
  const FlowSolution solution = SolveMinCostFlow(empty);
  ExpectCertified(empty, solution);
  EXPECT_EQ(solution.total_cost, 0);
  EXPECT_TRUE(solution.flow.empty());
}

TEST(SolveMinCostFlow, NodesWithoutArcsOrSupplyAreOptimal) {
  FlowProblem p;
  for (int i = 0; i < 4; ++i) p.AddNode(0);
  ExpectCertified(p, SolveMinCostFlow(p));
}

TEST(SolveMinCostFlow, ZeroCapacitiesCarryNoFlowEvenWhenProfitable) {
  FlowProblem p;
  const int32_t a = p.AddNode(0), b = p.AddNode(0);
  p.AddArc(a, b, 0, -10);
  p.AddArc(b, a, 0, -10);
  const FlowSolution solution = SolveMinCostFlow(p);
  ExpectCertified(p, solution);
  EXPECT_EQ(solution.flow, (std::vector<int64_t>{0, 0}));
}

TEST(SolveMinCostFlow, ZeroCapacityOnTheOnlyRouteIsInfeasible) {
  FlowProblem p;
  const int32_t a = p.AddNode(1), b = p.AddNode(-1);
  p.AddArc(a, b, 0, 1);
  EXPECT_EQ(SolveMinCostFlow(p).status, FlowStatus::kInfeasible);
  EXPECT_EQ(SolveMinCostFlowBoost(p).status, FlowStatus::kInfeasible);
}

TEST(SolveMinCostFlow, UnbalancedSuppliesAreInfeasible) {
  FlowProblem p;
  const int32_t a = p.AddNode(3), b = p.AddNode(-2);
  p.AddArc(a, b, 10, 1);
  const FlowSolution solution = SolveMinCostFlow(p);
  EXPECT_EQ(solution.status, FlowStatus::kInfeasible);
  EXPECT_NE(solution.message.find("sum to 1"), std::string::npos) << solution.message;
}

TEST(SolveMinCostFlow, NegativeCycleOfFiniteCapacityIsSaturated) {
  FlowProblem p;
  const int32_t a = p.AddNode(0), b = p.AddNode(0), c = p.AddNode(0);
  p.AddArc(a, b, 4, -3);
  p.AddArc(b, c, 5, 1);
  p.AddArc(c, a, 7, 1);
  const FlowSolution solution = SolveMinCostFlow(p);
  ExpectCertified(p, solution);
  EXPECT_EQ(solution.total_cost, -4);
  EXPECT_EQ(solution.flow, (std::vector<int64_t>{4, 4, 4}));
}

TEST(SolveMinCostFlow, NegativeCycleOfInfiniteCapacityIsUnbounded) {
  FlowProblem p;
  const int32_t a = p.AddNode(0), b = p.AddNode(0);
  p.AddArc(a, b, kInfiniteCapacity, -2);
  p.AddArc(b, a, kInfiniteCapacity, 1);
  EXPECT_EQ(SolveMinCostFlow(p).status, FlowStatus::kUnbounded);
  EXPECT_EQ(SolveMinCostFlowBoost(p).status, FlowStatus::kUnbounded);
}

TEST(SolveMinCostFlow, SelfLoopsAreHandled) {
  FlowProblem p;
  const int32_t a = p.AddNode(1), b = p.AddNode(-1);
  p.AddArc(a, a, 3, -5);
  p.AddArc(a, b, 1, 2);
  p.AddArc(b, b, 2, 4);
  const FlowSolution solution = SolveMinCostFlow(p);
  ExpectCertified(p, solution);
  EXPECT_EQ(solution.total_cost, -13);
  EXPECT_EQ(SolveMinCostFlowBoost(p).total_cost, -13);
}

TEST(SolveMinCostFlow, ReportsOverflowInsteadOfWrapping) {
  FlowProblem p;
  const int32_t a = p.AddNode(1), b = p.AddNode(-1);
  p.AddArc(a, b, 1, std::numeric_limits<int64_t>::max() / 2);
  EXPECT_EQ(SolveMinCostFlow(p).status, FlowStatus::kOverflow);

  FlowProblem big_flow;
  const int32_t c = big_flow.AddNode(std::numeric_limits<int64_t>::max() / 2);
  const int32_t d = big_flow.AddNode(-(std::numeric_limits<int64_t>::max() / 2));
  big_flow.AddArc(c, d, kInfiniteCapacity, 1);
  EXPECT_EQ(SolveMinCostFlow(big_flow).status, FlowStatus::kOverflow);
}

TEST(SolveMinCostFlow, SameProblemGivesSameFlowsAndPotentials) {
  Rng rng(4);
  // Many equal costs, so many optima: the answer must still never vary.
  const FlowProblem p = RandomProblem(rng, 60, 600, 3, 0, 2, 0, 80);
  const FlowSolution first = SolveMinCostFlow(p);
  const FlowSolution second = SolveMinCostFlow(p);
  ExpectCertified(p, first);
  EXPECT_EQ(first.flow, second.flow);
  EXPECT_EQ(first.potential, second.potential);
  EXPECT_EQ(first.pivots, second.pivots);
}

// One random edit of the kinds a what-if makes; applied to both `simplex`
// and `copy` (the problem a cold solve gets).
void RandomEdit(Rng& rng, NetworkSimplex& simplex, FlowProblem& copy) {
  const int32_t n = copy.num_nodes();
  const int64_t m = copy.num_arcs();
  switch (rng.Between(0, 6)) {
    case 0: {  // costs of about 1 % of the arcs
      for (int64_t i = 0; i < std::max<int64_t>(1, m / 100); ++i) {
        const int64_t a = rng.Between(0, m - 1);
        int64_t cost = rng.Between(-50, 100);
        if (copy.arc_capacity[a] == kInfiniteCapacity) cost = std::abs(cost);  // stays bounded
        simplex.SetCost(a, cost);
        copy.arc_cost[a] = cost;
      }
      break;
    }
    case 1: {  // one capacity
      const int64_t a = rng.Between(0, m - 1);
      const int64_t cap = rng.Between(0, 25);
      simplex.SetCapacity(a, cap);
      copy.arc_capacity[a] = cap;
      break;
    }
    case 2: {  // an arc removed
      const int64_t a = rng.Between(0, m - 1);
      simplex.RemoveArc(a);
      copy.arc_capacity[a] = 0;
      break;
    }
    case 3: {  // arcs added
      for (int i = 0; i < 3; ++i) {
        const auto tail = static_cast<int32_t>(rng.Between(0, n - 1));
        const auto head = static_cast<int32_t>(rng.Between(0, n - 1));
        const int64_t cap = rng.Between(0, 20), cost = rng.Between(-50, 100);
        EXPECT_EQ(simplex.AddArc(tail, head, cap, cost), copy.AddArc(tail, head, cap, cost));
      }
      break;
    }
    case 4: {  // a unit of supply moved
      const auto from = static_cast<int32_t>(rng.Between(0, n - 1));
      const auto to = static_cast<int32_t>(rng.Between(0, n - 1));
      ++copy.supply[from];
      --copy.supply[to];
      simplex.SetSupply(from, copy.supply[from]);
      simplex.SetSupply(to, copy.supply[to]);
      break;
    }
    case 5: {  // a node joins with arcs both ways
      const int32_t v = copy.AddNode(2);
      EXPECT_EQ(simplex.AddNode(2), v);
      const auto other = static_cast<int32_t>(rng.Between(0, n - 1));
      copy.supply[other] -= 2;
      simplex.SetSupply(other, copy.supply[other]);
      for (auto [tail, head] : {std::pair{v, other}, std::pair{other, v}}) {
        EXPECT_EQ(simplex.AddArc(tail, head, 5, 7), copy.AddArc(tail, head, 5, 7));
      }
      break;
    }
    default: {  // a node withdrawn: its arcs closed, its supply moved away
      const auto v = static_cast<int32_t>(rng.Between(0, n - 1));
      for (int64_t a = 0; a < m; ++a) {
        if (copy.arc_tail[a] == v || copy.arc_head[a] == v) {
          simplex.RemoveArc(a);
          copy.arc_capacity[a] = 0;
        }
      }
      const auto other = static_cast<int32_t>(rng.Between(0, n - 1));
      if (other != v) {
        copy.supply[other] += copy.supply[v];
        copy.supply[v] = 0;
        simplex.SetSupply(other, copy.supply[other]);
        simplex.SetSupply(v, 0);
      }
      break;
    }
  }
}

// A random network of n nodes with lo * n to hi * n arcs and a backbone
// cycle of infinite capacity, dense enough to keep most edits feasible.
FlowProblem EditableProblem(Rng& rng, int32_t n, int64_t lo, int64_t hi, int64_t min_cost) {
  FlowProblem copy = RandomProblem(
      rng, n, rng.Between(lo * n, hi * n), 20, min_cost, 100, 5, rng.Between(0, int64_t{3} * n));
  for (int32_t v = 0; v < n; ++v) copy.AddArc(v, (v + 1) % n, kInfiniteCapacity, 200);
  return copy;
}

TEST(NetworkSimplex, WarmSolveAfterEditsEqualsColdSolve) {
  Rng rng(5);
  int64_t warm_pivots = 0, cold_pivots = 0, optimal = 0;
  for (int instance = 0; instance < 25; ++instance) {
    const auto n = static_cast<int32_t>(rng.Between(5, 150));
    FlowProblem copy = EditableProblem(rng, n, 2, 10, -50);
    NetworkSimplex simplex(copy);
    ExpectCertified(copy, simplex.Solve());
    for (int round = 0; round < 30; ++round) {
      SCOPED_TRACE("instance " + std::to_string(instance) + " round " + std::to_string(round));
      RandomEdit(rng, simplex, copy);
      FlowSolution warm, cold;
      ASSERT_NO_FATAL_FAILURE(ExpectWarmEqualsCold(simplex, copy, &warm, &cold));
      if (warm.status != FlowStatus::kOptimal) continue;
      ++optimal;
      warm_pivots += warm.pivots;
      cold_pivots += cold.pivots;
    }
  }
  EXPECT_GT(optimal, 500);
  // Small edits must cost far fewer pivots than starting over.
  EXPECT_LT(3 * warm_pivots, cold_pivots) << warm_pivots << " vs " << cold_pivots;
}

// The assignment's shape: sources with supply, middle nodes with one in-arc
// (capacity 1) and several out-arcs of capacity 1 to sinks, a bypass from
// every source. Most middle nodes carry no flow: warm solves hang them from
// their in-arc (min_cost_flow.h, "Warm start"). Costs from a narrow range
// make ties and degenerate pivots common.
TEST(NetworkSimplex, WarmSolvesOnLayeredNetworksEqualColdSolves) {
  Rng rng(9);
  int64_t optimal = 0;
  for (int instance = 0; instance < 30; ++instance) {
    const auto sources = static_cast<int32_t>(rng.Between(1, 5));
    const auto middles = static_cast<int32_t>(rng.Between(5, 80));
    const auto sinks = static_cast<int32_t>(rng.Between(2, 30));
    const int64_t spread = rng.Chance(0.5) ? 3 : 1000;
    test::LayeredShape shape;
    shape.sources = sources;
    shape.middles = middles;
    shape.sinks = sinks;
    shape.spread = spread;
    FlowProblem copy = test::RandomLayeredProblem(rng, shape);
    NetworkSimplex simplex(copy);
    // Every other instance in the order AssignParticipants uses.
    if (instance % 2 == 1) simplex.SetArcOrder(NetworkSimplex::ArcOrder::kAsGiven);
    ExpectCertified(copy, simplex.Solve());
    for (int round = 0; round < 40; ++round) {
      const int64_t m = copy.num_arcs();
      switch (rng.Between(0, 3)) {
        case 0:
        case 1:  // a few costs
          for (int64_t k = rng.Between(1, 1 + m / 10); k > 0; --k) {
            const int64_t a = rng.Between(0, m - 1);
            if (copy.arc_cost[a] == 0 && copy.arc_tail[a] < sources) continue;  // keep the layers
            copy.arc_cost[a] = -rng.Between(0, spread);
            simplex.SetCost(a, copy.arc_cost[a]);
          }
          break;
        case 2: {  // a capacity
          const int64_t a = rng.Between(0, m - 1);
          copy.arc_capacity[a] =
              copy.arc_capacity[a] == kInfiniteCapacity ? rng.Between(0, 5) : rng.Between(0, 3);
          simplex.SetCapacity(a, copy.arc_capacity[a]);
          break;
        }
        default: {  // an arc into or out of a middle node
          const auto v = static_cast<int32_t>(sources + rng.Between(0, middles - 1));
          const auto other = static_cast<int32_t>(rng.Between(0, sources + middles + sinks - 1));
          const bool in = rng.Chance(0.30);
          const int32_t tail = in ? other : v, head = in ? v : other;
          const int64_t cost = -rng.Between(0, spread);
          EXPECT_EQ(simplex.AddArc(tail, head, 1, cost), copy.AddArc(tail, head, 1, cost));
          break;
        }
      }
      SCOPED_TRACE("instance " + std::to_string(instance) + " round " + std::to_string(round));
      FlowSolution warm, cold;
      ASSERT_NO_FATAL_FAILURE(ExpectWarmEqualsCold(simplex, copy, &warm, &cold));
      if (warm.status == FlowStatus::kOptimal) ++optimal;
    }
  }
  EXPECT_GT(optimal, 1000);
}

// Pricing on two threads (SetPricingThreads, the threshold lowered so that
// small networks use it) makes the same pivots: the same flows, potentials
// and pivot counts, cold, from a starting flow, and in the warm solves that
// follow (which start where the block search stopped), in either arc order.
TEST(NetworkSimplex, TwoPricingThreadsMakeTheSamePivots) {
  Rng rng(21);
  int64_t pivots = 0;
  for (int instance = 0; instance < 30; ++instance) {
    const auto n = static_cast<int32_t>(rng.Between(3, 400));
    FlowProblem copy = EditableProblem(rng, n, 1, 12, -40);
    NetworkSimplex one(copy);
    NetworkSimplex two(copy);
    two.SetPricingThreads(2, /*min_block=*/1);
    if (instance % 2 == 1) {
      one.SetArcOrder(NetworkSimplex::ArcOrder::kAsGiven);
      two.SetArcOrder(NetworkSimplex::ArcOrder::kAsGiven);
    }
    if (instance % 3 == 0) {
      std::vector<int64_t> start(static_cast<size_t>(copy.num_arcs()));
      for (int64_t& f : start) f = rng.Between(0, 3);
      one.SetStartingFlow(start);
      two.SetStartingFlow(start);
    }
    FlowProblem edited = copy;
    for (int round = 0; round < 4; ++round) {
      SCOPED_TRACE("instance " + std::to_string(instance) + " round " + std::to_string(round));
      const FlowSolution a = one.Solve();
      const FlowSolution b = two.Solve();
      ASSERT_EQ(a.status, b.status);
      EXPECT_EQ(a.pivots, b.pivots);
      EXPECT_EQ(a.flow, b.flow);
      EXPECT_EQ(a.potential, b.potential);
      EXPECT_EQ(a.total_cost, b.total_cost);
      pivots += a.pivots;
      if (a.status == FlowStatus::kOptimal) ExpectCertified(one.problem(), b);
      // The same edits to both, then a warm solve.
      const uint64_t seed = rng.Between(1, 1'000'000);
      Rng edit_one(seed);
      Rng edit_two(seed);
      FlowProblem scratch = edited;
      RandomEdit(edit_one, one, edited);
      RandomEdit(edit_two, two, scratch);
    }
  }
  EXPECT_GT(pivots, 5'000);
}

TEST(NetworkSimplex, WarmSolveWithoutEditsDoesNoPivots) {
  Rng rng(6);
  const FlowProblem p = RandomProblem(rng, 80, 600, 10, -20, 50, 0, 100);
  NetworkSimplex simplex(p);
  const FlowSolution cold = simplex.Solve();
  ASSERT_EQ(cold.status, FlowStatus::kOptimal);
  const FlowSolution warm = simplex.Solve();
  ExpectCertified(p, warm);
  EXPECT_EQ(warm.pivots, 0);
  EXPECT_EQ(warm.flow, cold.flow);
}

TEST(NetworkSimplex, StartingFromAnyFlowReachesTheOptimum) {
  Rng rng(7);
  for (int round = 0; round < 200; ++round) {
    const auto n = static_cast<int32_t>(rng.Between(2, 60));
    const FlowProblem p = RandomProblem(
        rng, n, rng.Between(n, int64_t{8} * n), 10, -30, 60, 10, rng.Between(0, int64_t{2} * n));
    const FlowSolution cold = SolveMinCostFlow(p);
    // Random flows: infeasible, outside bounds, anything.
    std::vector<int64_t> start(static_cast<size_t>(p.num_arcs()));
    for (int64_t& f : start) f = rng.Between(-2, 12);
    NetworkSimplex simplex(p);
    simplex.SetStartingFlow(start);
    const FlowSolution warm = simplex.Solve();
    ASSERT_EQ(warm.status, cold.status) << "round " << round;
    if (cold.status != FlowStatus::kOptimal) continue;
    ExpectCertified(p, warm);
    EXPECT_EQ(warm.total_cost, cold.total_cost) << "round " << round;
  }
}

TEST(NetworkSimplex, StartingFromAnOptimalFlowNeedsFewPivots) {
  Rng rng(8);
  int64_t started = 0, cold_pivots = 0;
  for (int round = 0; round < 20; ++round) {
    FlowProblem p = RandomProblem(rng, 100, 800, 10, -30, 60, 0, 150);
    for (int32_t v = 0; v < 100; ++v) p.AddArc(v, (v + 1) % 100, kInfiniteCapacity, 200);
    const FlowSolution cold = SolveMinCostFlow(p);
    ASSERT_EQ(cold.status, FlowStatus::kOptimal);
    NetworkSimplex simplex(p);
    simplex.SetStartingFlow(cold.flow);
    const FlowSolution again = simplex.Solve();
    ExpectCertified(p, again);
    EXPECT_EQ(again.total_cost, cold.total_cost);
    started += again.pivots;
    cold_pivots += cold.pivots;
  }
  EXPECT_LT(4 * started, cold_pivots) << started << " vs " << cold_pivots;
}

TEST(NetworkSimplex, RecoversAfterAnInfeasibleEdit) {
  FlowProblem p;
  const int32_t a = p.AddNode(2), b = p.AddNode(-2);
  p.AddArc(a, b, 5, 3);
  NetworkSimplex simplex(p);
  ExpectCertified(p, simplex.Solve());
  simplex.SetCapacity(0, 1);
  EXPECT_EQ(simplex.Solve().status, FlowStatus::kInfeasible);
  simplex.SetCapacity(0, 2);
  p.arc_capacity[0] = 2;
  const FlowSolution again = simplex.Solve();
  ExpectCertified(p, again);
  EXPECT_EQ(again.total_cost, 6);
}

// --- CheckBasis (engine/internal/simplex_basis.h) -----------------------------
// Each invariant of a valid basis, broken on a copy, must be reported: the
// check can fail.

// The basis of an optimal solve of a random feasible network.
class CheckBasisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Rng rng(21);
    problem_ = RandomProblem(rng, 30, 240, 10, -20, 50, 0, 40);
    for (int32_t v = 0; v < 30; ++v) problem_.AddArc(v, (v + 1) % 30, kInfiniteCapacity, 200);
    simplex_.emplace(problem_);
    ExpectCertified(problem_, simplex_->Solve());
    valid_ = SimplexTestAccess::Basis(*simplex_);
    ASSERT_EQ(CheckBasis(valid_), "");
  }

  // A node (not the root) whose subtree holds more than itself.
  int32_t InnerNode() const {
    for (int32_t i = 1; i <= valid_.n; ++i) {
      if (valid_.succ_num[i] > 1) return i;
    }
    ADD_FAILURE() << "no inner node";
    return 1;
  }

  FlowProblem problem_;
  std::optional<NetworkSimplex> simplex_;
  SimplexBasis valid_;
};

TEST_F(CheckBasisTest, ReportsAThreadThatMissesNodes) {
  SimplexBasis b = valid_;
  const int32_t first = b.thread[internal::kRoot];
  b.thread[internal::kRoot] = b.thread[first];
  EXPECT_THAT(CheckBasis(b), HasSubstr("thread"));
}

TEST_F(CheckBasisTest, ReportsAThreadThatIsNoPreorder) {
  SimplexBasis b = valid_;
  // Swap an inner node with the next node of the thread (its first child).
  const int32_t v = InnerNode();
  const int32_t before = b.rev_thread[v], child = b.thread[v], after = b.thread[child];
  b.thread[before] = child;
  b.rev_thread[child] = before;
  b.thread[child] = v;
  b.rev_thread[v] = child;
  b.thread[v] = after;
  b.rev_thread[after] = v;
  EXPECT_THAT(CheckBasis(b), HasSubstr("not a preorder"));
}

TEST_F(CheckBasisTest, ReportsAWrongSubtreeSize) {
  SimplexBasis b = valid_;
  ++b.succ_num[InnerNode()];
  EXPECT_THAT(CheckBasis(b), HasSubstr("succ_num"));
}

TEST_F(CheckBasisTest, ReportsAWrongLastNodeOfASubtree) {
  SimplexBasis b = valid_;
  const int32_t v = InnerNode();
  b.last_succ[v] = v;
  EXPECT_THAT(CheckBasis(b), HasSubstr("last_succ"));
}

TEST_F(CheckBasisTest, ReportsFlowsThatDoNotMeetTheSupplies) {
  SimplexBasis b = valid_;
  ++b.supply[1];
  --b.supply[2];
  EXPECT_THAT(CheckBasis(b), HasSubstr("do not meet its supply"));
}

TEST_F(CheckBasisTest, ReportsATreeArcWithNonZeroReducedCost) {
  SimplexBasis b = valid_;
  // Only a leaf's potential: every other tree arc still prices at zero.
  int32_t leaf = 1;
  while (b.succ_num[leaf] != 1) ++leaf;
  ++b.pi[leaf];
  EXPECT_THAT(CheckBasis(b), HasSubstr("reduced cost"));
}

TEST_F(CheckBasisTest, ReportsAFlowOutsideItsBounds) {
  SimplexBasis b = valid_;
  // A non-tree arc at its lower bound given flow -1 at both ends' expense.
  int32_t e = 0;
  while (b.state[e] != internal::kLower) ++e;
  b.flow[e] = -1;
  EXPECT_THAT(CheckBasis(b), HasSubstr("outside [0"));
}

TEST_F(CheckBasisTest, ReportsANonTreeArcOffItsBound) {
  SimplexBasis b = valid_;
  int32_t e = 0;
  while (b.state[e] != internal::kLower || b.cap[e] < 1) ++e;
  b.flow[e] = 1;
  EXPECT_THAT(CheckBasis(b), HasSubstr("lower bound"));
}

TEST_F(CheckBasisTest, ReportsATreeArcNotInTreeState) {
  SimplexBasis b = valid_;
  b.state[b.pred[InnerNode()]] = internal::kLower;
  EXPECT_THAT(CheckBasis(b), HasSubstr("kTree"));
}

TEST_F(CheckBasisTest, ReportsATreeThatIsNotStronglyFeasible) {
  SimplexBasis b = valid_;
  // A tree arc pointing to the parent, made full: no flow can go up it.
  int32_t v = 1;
  while (b.pred_dir[v] != internal::kUp) ++v;
  b.cap[b.pred[v]] = b.flow[b.pred[v]];
  EXPECT_THAT(CheckBasis(b), HasSubstr("not strongly feasible"));
}

// Zero leaves (engine/internal/simplex_warm.h) break strong feasibility by
// design in warm solves, and only there.
TEST(CheckBasis, AllowsZeroLeavesOnlyInWarmSolves) {
  Rng rng(22);
  test::LayeredShape shape;
  shape.sources = 3;
  shape.middles = 60;
  shape.sinks = 6;
  FlowProblem problem = test::RandomLayeredProblem(rng, shape);
  NetworkSimplex simplex(problem);
  ExpectCertified(problem, simplex.Solve());
  simplex.SetCost(problem.num_arcs() - 1, 1);  // any edit: the next solve is warm
  problem.arc_cost.back() = 1;
  ExpectCertified(problem, simplex.Solve());
  SimplexBasis b = SimplexTestAccess::Basis(simplex);
  ASSERT_EQ(CheckBasis(b), "");
  int32_t zero_leaves = 0;
  for (int32_t i = 1; i <= b.n; ++i) {
    if (b.pred_dir[i] == internal::kDown && b.flow[b.pred[i]] == 0) ++zero_leaves;
  }
  ASSERT_GT(zero_leaves, 0);
  b.single_in.clear();  // as in a cold solve
  EXPECT_THAT(CheckBasis(b), HasSubstr("not strongly feasible"));
}

}  // namespace
}  // namespace jobmatch

// tests/support/flow_problems.h
//
// Random min-cost-flow networks and the checks every solve in the tests goes
// through (engine/min_cost_flow.h, engine/flow_certificate.h).
//
// Example:
//   test::Rng rng(1);
//   FlowShape shape;
//   shape.nodes = 40;
//   shape.arcs = 200;
//   const FlowProblem problem = RandomFlowProblem(rng, shape);
//   ExpectCertified(problem, SolveMinCostFlow(problem));

#ifndef JOBMATCH_TESTS_SUPPORT_FLOW_PROBLEMS_H_
#define JOBMATCH_TESTS_SUPPORT_FLOW_PROBLEMS_H_

#include <cstdint>

#include "engine/min_cost_flow.h"
#include "tests/support/random.h"

namespace jobmatch::test {

struct FlowShape {
  int32_t nodes = 10;
  int64_t arcs = 30;
  int64_t max_capacity = 20;  // finite capacities uniform in [0, max_capacity]
  int64_t min_cost = -50;     // costs uniform in [min_cost, max_cost]
  int64_t max_cost = 100;
  double infinite_share = 0.0;  // share of arcs of infinite capacity (cost made >= 0)
  int64_t total_supply = 10;    // units moved from random nodes to random nodes
};

// Arcs between random nodes (loops and parallel arcs included); no
// negative-cost cycle of infinite capacity, so never kUnbounded.
FlowProblem RandomFlowProblem(Rng& rng, const FlowShape& shape);

// The assignment's shape: `sources` nodes with supply 0-10 and a bypass of
// infinite capacity and cost 0 to the last node t (the sink, taking the total);
// `middles` nodes with one in-arc (capacity 1, cost 0) from a random source
// and 0-6 out-arcs (capacity 1, cost -[0, spread]) to `sinks` nodes, which
// reach t with capacity 0-3. Node order: sources, middles, sinks, t. Always
// feasible; most middle nodes carry no flow.
struct LayeredShape {
  int32_t sources = 2;
  int32_t middles = 20;
  int32_t sinks = 5;
  int64_t spread = 1000;  // small: many equal costs, degenerate pivots
};
FlowProblem RandomLayeredProblem(Rng& rng, const LayeredShape& shape);

// Adds `total` units of supply and of demand at random nodes.
void AddRandomSupplies(Rng& rng, FlowProblem& problem, int64_t total);

// The one check every optimal solve goes through: status kOptimal, and the
// certificate (feasibility, complementary slackness, primal = dual cost)
// holds for the solution's flow and potentials.
void ExpectCertified(const FlowProblem& problem, const FlowSolution& solution);

}  // namespace jobmatch::test

#endif  // JOBMATCH_TESTS_SUPPORT_FLOW_PROBLEMS_H_

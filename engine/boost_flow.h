// engine/boost_flow.h
//
// The reference solver: the same FlowProblem solved with Boost.Graph, used in
// tests to confirm our network simplex and selectable with
// `jobmatch flow --solver boost` and AssignmentSolver::kBoost. Too slow for
// the state and national tiers (bench/assignment_benchmark.cc measures it);
// no Boost type appears in this header.
//
// Method. Arcs of negative cost start saturated and are replaced by their
// reverse (cost > 0), supplies become arcs from a super source and to a super
// sink, and Boost's successive_shortest_path_nonnegative_weights sends the
// maximum flow at least cost. Infinite capacities are capped at one more
// than any flow a bounded optimum needs (sum |supply| + sum of finite
// capacities); a negative cycle of infinite arcs, found by Boost's
// bellman_ford_shortest_paths, means kUnbounded. Potentials are the
// shortest-path distances in the final residual network (Bellman-Ford
// again), so the result carries the same certificate as ours.
//
// Example:
//   const FlowSolution reference = SolveMinCostFlowBoost(problem);
//   EXPECT_EQ(reference.total_cost, SolveMinCostFlow(problem).total_cost);

#ifndef JOBMATCH_ENGINE_BOOST_FLOW_H_
#define JOBMATCH_ENGINE_BOOST_FLOW_H_

#include "engine/min_cost_flow.h"

namespace jobmatch {

// Precondition: problem.IsValid(). `compute_potentials` = false skips the
// final Bellman-Ford (FlowSolution::potential stays empty), for timing.
[[nodiscard]] FlowSolution SolveMinCostFlowBoost(const FlowProblem& problem,
                                                 bool compute_potentials = true);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_BOOST_FLOW_H_

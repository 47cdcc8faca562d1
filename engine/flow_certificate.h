// engine/flow_certificate.h
//
// Checks that a flow is optimal for a FlowProblem, given node potentials, by
// linear-programming duality; it needs no solver and trusts none.
//
// Contract. With reduced cost rc(a) = cost[a] + potential[tail] -
// potential[head] (the convention of engine/min_cost_flow.h), the flow is
// optimal iff
//  1. feasibility: 0 <= flow[a] <= capacity[a] on every arc, and at every node
//     supply = outflow - inflow;
//  2. complementary slackness: rc(a) >= 0 on arcs below capacity and
//     rc(a) <= 0 on arcs with positive flow;
//  3. primal cost sum cost * flow equals the dual cost
//     - sum_v supply[v] * potential[v] - sum_a capacity[a] * max(0, -rc(a)),
//     which 1 and 2 imply; it is checked as an independent sum.
// All sums in 128-bit arithmetic, so no check can overflow.
//
// Example:
//   const FlowSolution solution = SolveMinCostFlow(problem);
//   const FlowCertificate certificate =
//       CheckCertificate(problem, solution.flow, solution.potential);
//   if (!certificate.ok) std::cerr << certificate.message << "\n";

#ifndef JOBMATCH_ENGINE_FLOW_CERTIFICATE_H_
#define JOBMATCH_ENGINE_FLOW_CERTIFICATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/min_cost_flow.h"

namespace jobmatch {

struct FlowCertificate {
  bool ok = false;
  std::string message;      // "" when ok; else the first violation, naming the arc or node
  int64_t primal_cost = 0;  // sum cost * flow (when it fits in int64)
  int64_t dual_cost = 0;    // the dual objective above (when it fits in int64)
};

// Arc and node numbers in messages are 0-based indices into `problem`.
[[nodiscard]] FlowCertificate CheckCertificate(const FlowProblem& problem,
                                               const std::vector<int64_t>& flow,
                                               const std::vector<int64_t>& potential);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_FLOW_CERTIFICATE_H_

#include "tests/support/flow_problems.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "engine/flow_certificate.h"

namespace jobmatch::test {

FlowProblem RandomFlowProblem(Rng& rng, const FlowShape& shape) {
  FlowProblem p;
  for (int32_t v = 0; v < shape.nodes; ++v) p.AddNode(0);
  for (int64_t a = 0; a < shape.arcs; ++a) {
    const auto tail = static_cast<int32_t>(rng.Between(0, shape.nodes - 1));
    const auto head = static_cast<int32_t>(rng.Between(0, shape.nodes - 1));
    int64_t cost = rng.Between(shape.min_cost, shape.max_cost);
    int64_t cap = rng.Between(0, shape.max_capacity);
    if (rng.Chance(shape.infinite_share)) {
      cap = kInfiniteCapacity;
      cost = std::abs(cost);  // no negative cycle of infinite capacity
    }
    p.AddArc(tail, head, cap, cost);
  }
  AddRandomSupplies(rng, p, shape.total_supply);
  return p;
}

FlowProblem RandomLayeredProblem(Rng& rng, const LayeredShape& shape) {
  const int32_t sources = shape.sources, middles = shape.middles, sinks = shape.sinks;
  FlowProblem p;
  int64_t total = 0;
  for (int32_t s = 0; s < sources; ++s) {
    const int64_t supply = rng.Between(0, 10);
    p.AddNode(supply);
    total += supply;
  }
  for (int32_t v = 0; v < middles + sinks; ++v) p.AddNode(0);
  const int32_t t = p.AddNode(-total);
  for (int32_t s = 0; s < sources; ++s) p.AddArc(s, t, kInfiniteCapacity, 0);
  for (int32_t v = 0; v < middles; ++v) {
    p.AddArc(static_cast<int32_t>(rng.Between(0, sources - 1)), sources + v, 1, 0);
    for (int64_t k = rng.Between(0, 6); k > 0; --k) {
      const auto sink = static_cast<int32_t>(sources + middles + rng.Between(0, sinks - 1));
      p.AddArc(sources + v, sink, 1, -rng.Between(0, shape.spread));
    }
  }
  for (int32_t w = 0; w < sinks; ++w) p.AddArc(sources + middles + w, t, rng.Between(0, 3), 0);
  return p;
}

void AddRandomSupplies(Rng& rng, FlowProblem& problem, int64_t total) {
  const int32_t n = problem.num_nodes();
  for (int64_t unit = 0; unit < total; ++unit) {
    ++problem.supply[static_cast<size_t>(rng.Between(0, n - 1))];
    --problem.supply[static_cast<size_t>(rng.Between(0, n - 1))];
  }
}

void ExpectCertified(const FlowProblem& problem, const FlowSolution& solution) {
  ASSERT_EQ(solution.status, FlowStatus::kOptimal) << solution.message;
  const FlowCertificate certificate = CheckCertificate(problem, solution.flow, solution.potential);
  ASSERT_TRUE(certificate.ok) << certificate.message;
  EXPECT_EQ(certificate.primal_cost, solution.total_cost);
  EXPECT_EQ(certificate.dual_cost, solution.total_cost);
}

}  // namespace jobmatch::test

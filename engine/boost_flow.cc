#include "engine/boost_flow.h"

// GCC 12 reports -Wmaybe-uninitialized inside Boost's edge iterator
// (boost::optional in adj_list_edge_iterator); a known false positive.
// Clang has no such warning (and would warn about the unknown name).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/bellman_ford_shortest_paths.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/int128.h"

namespace jobmatch {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
// Weights are doubles: Boost adds the infinite distances of unreachable
// vertices, which would overflow (undefined behaviour) in int64; every cost
// sum stays below 2^53, so doubles are exact here.
using FlowGraph = boost::adjacency_list<
    boost::vecS,
    boost::vecS,
    boost::directedS,
    boost::no_property,
    boost::property<
        boost::edge_capacity_t,
        int64_t,
        boost::property<boost::edge_residual_capacity_t,
                        int64_t,
                        boost::property<boost::edge_reverse_t,
                                        Traits::edge_descriptor,
                                        boost::property<boost::edge_weight_t, double>>>>>;
using Edge = boost::graph_traits<FlowGraph>::edge_descriptor;

// A plain weighted digraph for Bellman-Ford.
using WeightedGraph = boost::adjacency_list<boost::vecS,
                                            boost::vecS,
                                            boost::directedS,
                                            boost::no_property,
                                            boost::property<boost::edge_weight_t, int64_t>>;

Edge AddArcPair(FlowGraph& g, int32_t u, int32_t v, int64_t capacity, int64_t weight) {
  const Edge e = boost::add_edge(u, v, g).first;
  const Edge r = boost::add_edge(v, u, g).first;
  boost::put(boost::edge_capacity, g, e, capacity);
  boost::put(boost::edge_capacity, g, r, 0);
  boost::put(boost::edge_weight, g, e, static_cast<double>(weight));
  boost::put(boost::edge_weight, g, r, -static_cast<double>(weight));
  boost::put(boost::edge_reverse, g, e, r);
  boost::put(boost::edge_reverse, g, r, e);
  return e;
}

// Shortest distances from a virtual node joined to every node by 0-cost
// arcs; false if a negative cycle exists.
bool Distances(int32_t n,
               const std::vector<int32_t>& tails,
               const std::vector<int32_t>& heads,
               const std::vector<int64_t>& weights,
               std::vector<int64_t>* distance) {
  WeightedGraph g(n + 1);
  for (size_t i = 0; i < tails.size(); ++i) {
    boost::add_edge(tails[i], heads[i], weights[i], g);
  }
  for (int32_t v = 0; v < n; ++v) boost::add_edge(n, v, int64_t{0}, g);
  distance->assign(n + 1, 0);
  std::vector<WeightedGraph::vertex_descriptor> pred(n + 1);
  return boost::bellman_ford_shortest_paths(
      g,
      n + 1,
      boost::root_vertex(static_cast<WeightedGraph::vertex_descriptor>(n))
          .distance_map(distance->data())
          .predecessor_map(pred.data())
          .weight_map(boost::get(boost::edge_weight, g)));
}

FlowSolution Failed(FlowStatus status, std::string message) {
  FlowSolution solution;
  solution.status = status;
  solution.message = std::move(message);
  return solution;
}

}  // namespace

FlowSolution SolveMinCostFlowBoost(const FlowProblem& problem, bool compute_potentials) {
  JOBMATCH_CHECK(problem.IsValid()) << "invalid flow problem";
  const int32_t n = problem.num_nodes();
  const int64_t m = problem.num_arcs();
  Int128 sum = 0;
  Int128 bound = 0;
  int64_t max_abs_cost = 0;
  for (int64_t s : problem.supply) {
    sum += s;
    bound += s < 0 ? -static_cast<Int128>(s) : s;
  }
  if (sum != 0) return Failed(FlowStatus::kInfeasible, "supplies do not sum to 0");
  for (int64_t a = 0; a < m; ++a) {
    if (problem.arc_capacity[a] != kInfiniteCapacity) bound += problem.arc_capacity[a];
    if (problem.arc_cost[a] == std::numeric_limits<int64_t>::min()) {
      return Failed(FlowStatus::kOverflow, "an arc cost of -2^63");
    }
    max_abs_cost = std::max(max_abs_cost, std::abs(problem.arc_cost[a]));
  }
  // Path lengths reach (nodes + 2) * max |cost| inside the shortest paths,
  // which run on doubles: keep them exact (below 2^53).
  if (bound >= std::numeric_limits<int64_t>::max() / 4 ||
      static_cast<Int128>(max_abs_cost) * (n + 2) * 4 >= (Int128{1} << 53)) {
    return Failed(FlowStatus::kOverflow, "magnitudes too large for the reference solver");
  }
  const int64_t infinite = static_cast<int64_t>(bound) + 1;

  // Negative cycles made of infinite arcs make the cost unbounded.
  {
    std::vector<int32_t> tails, heads;
    std::vector<int64_t> weights;
    for (int64_t a = 0; a < m; ++a) {
      if (problem.arc_capacity[a] != kInfiniteCapacity) continue;
      tails.push_back(problem.arc_tail[a]);
      heads.push_back(problem.arc_head[a]);
      weights.push_back(problem.arc_cost[a]);
    }
    std::vector<int64_t> unused;
    if (!tails.empty() && !Distances(n, tails, heads, weights, &unused)) {
      return Failed(FlowStatus::kUnbounded,
                    "a negative-cost cycle of infinite capacity makes the cost unbounded");
    }
  }

  const int32_t s = n;
  const int32_t t = n + 1;
  FlowGraph g(n + 2);
  std::vector<Int128> balance(problem.supply.begin(), problem.supply.end());
  std::vector<Edge> edge_of(m);
  std::vector<int64_t> capacity_of(m);
  for (int64_t a = 0; a < m; ++a) {
    const int64_t cap =
        problem.arc_capacity[a] == kInfiniteCapacity ? infinite : problem.arc_capacity[a];
    capacity_of[a] = cap;
    const int32_t tail = problem.arc_tail[a];
    const int32_t head = problem.arc_head[a];
    const int64_t cost = problem.arc_cost[a];
    if (cost >= 0) {
      edge_of[a] = AddArcPair(g, tail, head, cap, cost);
    } else {
      // Saturated up front; the reverse arc gives flow back at cost -cost > 0.
      edge_of[a] = AddArcPair(g, head, tail, cap, -cost);
      balance[tail] -= cap;
      balance[head] += cap;
    }
  }
  Int128 demand = 0;
  for (int32_t v = 0; v < n; ++v) {
    if (balance[v] > 0) {
      AddArcPair(g, s, v, static_cast<int64_t>(balance[v]), 0);
      demand += balance[v];
    } else if (balance[v] < 0) {
      AddArcPair(g, v, t, static_cast<int64_t>(-balance[v]), 0);
    }
  }
  boost::successive_shortest_path_nonnegative_weights(g, s, t);

  const auto residual = boost::get(boost::edge_residual_capacity, g);
  Int128 sent = 0;
  for (auto [it, end] = boost::out_edges(s, g); it != end; ++it) {
    sent += boost::get(boost::edge_capacity, g, *it) - residual[*it];
  }
  if (sent != demand) {
    return Failed(FlowStatus::kInfeasible, "no flow meets the supplies within the capacities");
  }

  FlowSolution solution;
  solution.flow.resize(m);
  Int128 total = 0;
  for (int64_t a = 0; a < m; ++a) {
    const int64_t sent_on_edge = capacity_of[a] - residual[edge_of[a]];
    const int64_t f = problem.arc_cost[a] >= 0 ? sent_on_edge : capacity_of[a] - sent_on_edge;
    solution.flow[a] = f;
    total += static_cast<Int128>(f) * problem.arc_cost[a];
  }
  if (total > std::numeric_limits<int64_t>::max() || total < -std::numeric_limits<int64_t>::max()) {
    return Failed(FlowStatus::kOverflow, "the optimal total cost does not fit in 64 bits");
  }
  solution.total_cost = static_cast<int64_t>(total);
  if (compute_potentials) {
    // Residual network of the original arcs: forward below capacity,
    // backward with positive flow.
    std::vector<int32_t> tails, heads;
    std::vector<int64_t> weights;
    for (int64_t a = 0; a < m; ++a) {
      const int64_t f = solution.flow[a];
      if (f < problem.arc_capacity[a]) {
        tails.push_back(problem.arc_tail[a]);
        heads.push_back(problem.arc_head[a]);
        weights.push_back(problem.arc_cost[a]);
      }
      if (f > 0) {
        tails.push_back(problem.arc_head[a]);
        heads.push_back(problem.arc_tail[a]);
        weights.push_back(-problem.arc_cost[a]);
      }
    }
    std::vector<int64_t> distance;
    JOBMATCH_CHECK(Distances(n, tails, heads, weights, &distance))
        << "the reference solution is not optimal: its residual network has a negative cycle";
    solution.potential.assign(distance.begin(), distance.begin() + n);
  }
  return solution;
}

}  // namespace jobmatch

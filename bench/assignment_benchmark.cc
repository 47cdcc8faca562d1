// Assignment solver benchmarks: our network simplex (engine/min_cost_flow.h)
// against LEMON 1.3.1's NetworkSimplex (block search, the default) on the
// same networks, cold and warm, and Boost.Graph's successive shortest paths
// (engine/boost_flow.h) where it finishes in reasonable time.
//
// Graphs. The candidate graphs `jobmatch run` solves (bench/tier_data.h):
// GenerateSynthetic's district, state and national tiers (seed 1), scored
// by ScoreTopK and cut by BuildCandidateGraph with the default config, then
// AssignmentNetwork(). Building them is outside the timed loops (national:
// about three minutes of scoring, once per process).
//
// Benchmarks. BM_LemonCold: LEMON on the network of AssignmentNetwork().
// BM_OursCold: our NetworkSimplex on the same network from the star basis,
// exactly LEMON's algorithm. BM_AssignParticipants: the production path end
// to end (network, greedy start, solve, placements, bindings). Warm ones time
// one re-solve after (a) 1 % of the candidate arcs get a new score (the score
// of another candidate arc drawn at random) or (b) one coordinator's capacity
// changes (+20 % and back, alternating); every iteration starts from the
// previous optimum. BM_OursWarm* edit the NetworkSimplex directly;
// BM_SessionWarm* go through AssignmentSession::Resolve (diff of the graphs
// + solve + result). BM_BoostCold: Boost's SSP at district;
// Slow_BM_BoostCold at state. Counter peak_rss_MiB: the process's peak so
// far (run one national benchmark per process to read its own peak).
//
// Run (district and state):
//   build-bench/bench/assignment_benchmark --benchmark_filter='^BM_'
// National, one at a time:
//   build-bench/bench/assignment_benchmark --benchmark_filter='NationalBM_LemonCold/'

#include <benchmark/benchmark.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/tier_data.h"
#include "engine/assignment.h"
#include "engine/boost_flow.h"
#include "engine/candidate_graph.h"
#include "engine/internal/random.h"
#include "engine/min_cost_flow.h"

namespace jobmatch {
namespace {

using bench::PeakRssMiB;
using internal::Rng;

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

constexpr Tier kTiers[] = {Tier::kDistrict, Tier::kState, Tier::kNational};

const CandidateGraph& GraphOf(const benchmark::State& state) {
  return bench::TierGraph(kTiers[state.range(0)]);
}

void Describe(benchmark::State& state, const CandidateGraph& g, const FlowProblem& p) {
  state.counters["participants"] = g.num_participants;
  state.counters["arcs"] = static_cast<double>(p.num_arcs());
  state.counters["nodes"] = p.num_nodes();
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}

// --- cold ------------------------------------------------------------------

void BM_OursCold(benchmark::State& state) {
  const CandidateGraph& g = GraphOf(state);
  const FlowProblem problem = *AssignmentNetwork(g);
  int64_t pivots = 0, cost = 0;
  for (auto _ : state) {
    NetworkSimplex simplex(problem);
    const FlowSolution solution = simplex.Solve();
    pivots = solution.pivots;
    cost = solution.total_cost;
    benchmark::DoNotOptimize(solution.flow.data());
  }
  Describe(state, g, problem);
  state.counters["pivots"] = static_cast<double>(pivots);
  state.counters["cost"] = static_cast<double>(cost);
}

using LemonGraph = lemon::SmartDigraph;
using LemonSimplex = lemon::NetworkSimplex<LemonGraph, int64_t, int64_t>;

struct LemonNetwork {
  LemonGraph graph;
  LemonGraph::NodeMap<int64_t> supply{graph};
  LemonGraph::ArcMap<int64_t> capacity{graph};
  LemonGraph::ArcMap<int64_t> cost{graph};

  explicit LemonNetwork(const FlowProblem& p) {
    graph.reserveNode(p.num_nodes());
    graph.reserveArc(static_cast<int>(p.num_arcs()));
    std::vector<LemonGraph::Node> nodes;
    for (int32_t v = 0; v < p.num_nodes(); ++v) nodes.push_back(graph.addNode());
    for (int32_t v = 0; v < p.num_nodes(); ++v) supply[nodes[At(v)]] = p.supply[At(v)];
    for (int64_t a = 0; a < p.num_arcs(); ++a) {
      const LemonGraph::Arc arc =
          graph.addArc(nodes[At(p.arc_tail[At(a)])], nodes[At(p.arc_head[At(a)])]);
      capacity[arc] = p.arc_capacity[At(a)];
      cost[arc] = p.arc_cost[At(a)];
    }
  }
};

void BM_LemonCold(benchmark::State& state) {
  const CandidateGraph& g = GraphOf(state);
  const FlowProblem problem = *AssignmentNetwork(g);
  const LemonNetwork lemon_network(problem);
  int64_t cost = 0;
  for (auto _ : state) {
    LemonSimplex simplex(lemon_network.graph);
    simplex.upperMap(lemon_network.capacity)
        .costMap(lemon_network.cost)
        .supplyMap(lemon_network.supply);
    if (simplex.run() != LemonSimplex::OPTIMAL) state.SkipWithError("LEMON: not optimal");
    cost = simplex.totalCost();
  }
  Describe(state, g, problem);
  state.counters["cost"] = static_cast<double>(cost);  // equal to BM_OursCold's
}

void BM_AssignParticipants(benchmark::State& state) {
  const CandidateGraph& g = GraphOf(state);
  for (auto _ : state) {
    const AssignmentResult result = AssignParticipants(g);
    benchmark::DoNotOptimize(result.placements.data());
    state.counters["placed"] = static_cast<double>(result.placements.size());
    state.counters["pivots"] = static_cast<double>(result.pivots);
    state.counters["cost"] = static_cast<double>(result.total_cost);
  }
}

void BM_BoostCold(benchmark::State& state) {
  const CandidateGraph& g = GraphOf(state);
  const FlowProblem problem = *AssignmentNetwork(g);
  for (auto _ : state) {
    const FlowSolution solution = SolveMinCostFlowBoost(problem, /*compute_potentials=*/false);
    benchmark::DoNotOptimize(solution.flow.data());
  }
  Describe(state, g, problem);
}

// --- warm, flow level --------------------------------------------------------

// Times one warm re-solve per iteration after `edit(simplex)` (untimed),
// starting from the optimum of AssignmentNetwork(g).
template <typename Edit>
void TimeWarmSolves(benchmark::State& state,
                    const CandidateGraph& g,
                    const FlowProblem& problem,
                    Edit&& edit) {
  NetworkSimplex simplex(problem);
  simplex.SetArcOrder(NetworkSimplex::ArcOrder::kAsGiven);  // as AssignParticipants and sessions
  // Setup only (untimed): a zero starting flow is quicker than the star here.
  simplex.SetStartingFlow(std::vector<int64_t>(At(problem.num_arcs()), 0));
  if (simplex.Solve().status != FlowStatus::kOptimal) state.SkipWithError("cold solve failed");
  int64_t pivots = 0;
  for (auto _ : state) {
    state.PauseTiming();
    edit(simplex);
    state.ResumeTiming();
    const FlowSolution solution = simplex.Solve();
    if (solution.status != FlowStatus::kOptimal) state.SkipWithError("warm solve failed");
    pivots += solution.pivots;
  }
  Describe(state, g, problem);
  state.counters["pivots"] =
      benchmark::Counter(static_cast<double>(pivots), benchmark::Counter::kAvgIterations);
}

void BM_OursWarmCosts(benchmark::State& state) {
  const CandidateGraph& g = GraphOf(state);
  const FlowProblem problem = *AssignmentNetwork(g);
  std::vector<int64_t> candidate;  // the arcs of negative cost are the candidate arcs
  for (int64_t a = 0; a < problem.num_arcs(); ++a) {
    if (problem.arc_cost[At(a)] < 0) candidate.push_back(a);
  }
  Rng rng(7);
  TimeWarmSolves(state, g, problem, [&](NetworkSimplex& simplex) {
    for (size_t i = 0; i < candidate.size() / 100; ++i) {
      // The cost of another candidate arc: scores keep their distribution.
      const int64_t cost = problem.arc_cost[At(candidate[rng.Below(candidate.size())])];
      simplex.SetCost(candidate[rng.Below(candidate.size())], cost);
    }
  });
}

void BM_OursWarmCapacity(benchmark::State& state) {
  const CandidateGraph& g = GraphOf(state);
  const FlowProblem problem = *AssignmentNetwork(g);
  // Layout of AssignmentNetwork: coordinator c is node c, its bypass arc is
  // arc c, the sink is the last node.
  const int32_t c = g.num_coordinators / 2;
  const int32_t sink = problem.num_nodes() - 1;
  const int64_t base = g.coordinator_capacity[At(c)];
  const int64_t raised = base + std::max<int64_t>(1, base / 5);
  bool up = false;
  TimeWarmSolves(state, g, problem, [&](NetworkSimplex& simplex) {
    up = !up;
    const int64_t capacity = up ? raised : base;
    simplex.SetSupply(c, capacity);
    simplex.SetCapacity(c, capacity);
    simplex.SetSupply(sink, problem.supply[At(sink)] - (capacity - base));
  });
}

// --- warm, through AssignmentSession -----------------------------------------

// Times one AssignmentSession::Resolve per iteration after `edit(graph)`
// (untimed) changed the session's graph.
template <typename Edit>
void TimeSessionResolves(benchmark::State& state, Edit&& edit) {
  CandidateGraph g = GraphOf(state);
  AssignmentSession session(g);
  if (session.Solve().status != AssignmentStatus::kOptimal) state.SkipWithError("cold failed");
  for (auto _ : state) {
    state.PauseTiming();
    edit(g);
    CandidateGraph changed = g;
    state.ResumeTiming();
    const AssignmentResult result = session.Resolve(std::move(changed));
    benchmark::DoNotOptimize(result.placements.data());
    state.counters["pivots"] = static_cast<double>(result.pivots);
  }
}

void BM_SessionWarmCosts(benchmark::State& state) {
  const CandidateGraph& original = GraphOf(state);
  Rng rng(8);
  TimeSessionResolves(state, [&](CandidateGraph& g) {
    for (size_t i = 0; i < g.arc_score.size() / 100; ++i) {
      // The score of another candidate arc: scores keep their distribution.
      g.arc_score[rng.Below(g.arc_score.size())] =
          original.arc_score[rng.Below(original.arc_score.size())];
    }
  });
}

void BM_SessionWarmCapacity(benchmark::State& state) {
  const size_t c = At(GraphOf(state).num_coordinators / 2);
  const int32_t base = GraphOf(state).coordinator_capacity[c];
  bool up = false;
  TimeSessionResolves(state, [&](CandidateGraph& g) {
    up = !up;
    g.coordinator_capacity[c] = up ? base + std::max(1, base / 5) : base;
  });
}

constexpr int kDistrict = 0, kState = 1, kNational = 2;

#define JOBMATCH_TIERS(bm)                                                                  \
  BENCHMARK(bm)->Arg(kDistrict)->Arg(kState)->Unit(benchmark::kMillisecond)->UseRealTime(); \
  BENCHMARK(bm)                                                                             \
      ->Name("National" #bm)                                                                \
      ->Arg(kNational)                                                                      \
      ->Unit(benchmark::kMillisecond)                                                       \
      ->UseRealTime()                                                                       \
      ->Iterations(1)

JOBMATCH_TIERS(BM_OursCold);
JOBMATCH_TIERS(BM_LemonCold);
JOBMATCH_TIERS(BM_AssignParticipants);
// Warm: a fixed number of re-solves, so that every run times the same
// sequence of edits (the seeds are fixed too) and runs compare.
#define JOBMATCH_WARM_TIERS(bm)                                                                 \
  BENCHMARK(bm)->Arg(kDistrict)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(400); \
  BENCHMARK(bm)->Arg(kState)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);     \
  BENCHMARK(bm)                                                                                 \
      ->Name("National" #bm)                                                                    \
      ->Arg(kNational)                                                                          \
      ->Unit(benchmark::kMillisecond)                                                           \
      ->UseRealTime()                                                                           \
      ->Iterations(4)

JOBMATCH_WARM_TIERS(BM_OursWarmCosts);
JOBMATCH_WARM_TIERS(BM_OursWarmCapacity);
JOBMATCH_WARM_TIERS(BM_SessionWarmCosts);
JOBMATCH_WARM_TIERS(BM_SessionWarmCapacity);
// Boost's SSP: district in the default run; state by hand (minutes).
BENCHMARK(BM_BoostCold)->Arg(kDistrict)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BoostCold)
    ->Name("Slow_BM_BoostCold")
    ->Arg(kState)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
}  // namespace jobmatch

// Assignment solver benchmarks: our network simplex (engine/min_cost_flow.h)
// against LEMON 1.3.1's NetworkSimplex (block search, the default) on the
// same networks, cold and warm, and Boost.Graph's successive shortest paths
// (engine/boost_flow.h) where it finishes in reasonable time.
//
// Graphs. Shaped like production candidate graphs, built here with a fixed
// seed (the synthetic dataset generator is a separate stage): participants
// and vacancies in regions of skewed size; 20 candidate vacancies per
// participant, mostly from the own region and drawn with Zipf-like
// popularity, so some vacancies are wanted by hundreds; skewed scores;
// openings mostly 1 to 3; employers of 1 to 4 vacancies, 10 % of them capped;
// coordinator capacities about 40 % of their participants.
//   district: 500 participants, 2,000 vacancies, 6 coordinators
//   state:    30,000 / 20,000 / 300
//   national: 1,000,000 / 700,000 / 10,000 (NationalBM_* benchmarks, one
//             iteration each, minutes and ~3 GB: run one at a time by hand)
//
// Benchmarks. BM_LemonCold: LEMON on the network of AssignmentNetwork().
// BM_OursCold: our NetworkSimplex on the same network from the star basis,
// exactly LEMON's algorithm. BM_AssignParticipants: the production path end
// to end (network, greedy start, solve, placements, bindings). Warm ones time
// one re-solve after (a) the scores of 1 % of the candidate arcs change or
// (b) one coordinator's capacity changes (+20 % and back, alternating); every
// iteration starts from the previous optimum. BM_OursWarm* edit the
// NetworkSimplex directly; BM_SessionWarm* go through
// AssignmentSession::Resolve (diff of the graphs + solve + result).
// BM_BoostCold: Boost's SSP at district; Slow_BM_BoostCold at state.
//
// Run (district and state):
//   build-solver/bench/assignment_benchmark --benchmark_filter='^BM_'
// National, one at a time, with peak memory:
//   /usr/bin/time -v build-solver/bench/assignment_benchmark
//       --benchmark_filter='NationalBM_LemonCold/'

#include <benchmark/benchmark.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/assignment.h"
#include "engine/boost_flow.h"
#include "engine/candidate_graph.h"
#include "engine/internal/random.h"
#include "engine/min_cost_flow.h"

namespace jobmatch {
namespace {

using internal::Rng;
using internal::WeightedTable;

size_t At(int64_t i) { return static_cast<size_t>(i); }

struct Tier {
  const char* name;
  int32_t participants, vacancies, coordinators;
};
constexpr Tier kTiers[] = {
    {"district", 500, 2'000, 6},
    {"state", 30'000, 20'000, 300},
    {"national", 1'000'000, 700'000, 10'000},
};
constexpr int kArcsPerParticipant = 20;

float DrawScore(Rng& rng, double quality, double ability) {
  const double fit = rng.Uniform() * rng.Uniform();  // skewed low
  return static_cast<float>(std::clamp(0.35 * quality + 0.35 * fit + 0.3 * ability, 0.0, 1.0));
}

CandidateGraph MakeTierGraph(const Tier& tier, uint64_t seed) {
  Rng rng(seed);
  CandidateGraph g;
  g.num_participants = tier.participants;
  g.num_vacancies = tier.vacancies;
  // Regions of skewed size; vacancies and participants drawn into them.
  const int32_t regions = std::max(1, tier.vacancies / 500);
  std::vector<int64_t> region_weight(At(regions));
  for (int64_t& w : region_weight) w = 1 + static_cast<int64_t>(99 * std::pow(rng.Uniform(), 2));
  const WeightedTable region_table(region_weight);
  std::vector<std::vector<int32_t>> region_vacancies(At(regions));
  std::vector<double> quality(At(tier.vacancies));
  for (int32_t v = 0; v < tier.vacancies; ++v) {
    region_vacancies[region_table.Draw(rng)].push_back(v);
    quality[At(v)] = std::pow(rng.Uniform(), 1.5);
  }
  std::vector<WeightedTable> popularity(At(regions));
  for (int32_t r = 0; r < regions; ++r) {
    std::vector<int64_t> w;
    for (size_t rank = 0; rank < region_vacancies[At(r)].size(); ++rank) {
      w.push_back(1'000'000 / static_cast<int64_t>(rank + 5));  // Zipf-like
    }
    if (!w.empty()) popularity[At(r)] = WeightedTable(w);
  }
  std::vector<int32_t> participant_region(At(tier.participants));
  std::vector<int32_t> per_region(At(regions), 0);
  for (int32_t& r : participant_region)
    ++per_region[At(r = static_cast<int32_t>(region_table.Draw(rng)))];
  // Coordinators per region in proportion to its participants.
  std::vector<int32_t> first_coordinator(At(regions) + 1, 0);
  for (int32_t r = 0; r < regions; ++r) {
    const auto share = static_cast<int32_t>(static_cast<int64_t>(tier.coordinators) *
                                            per_region[At(r)] / tier.participants);
    first_coordinator[At(r) + 1] = first_coordinator[At(r)] + std::max(1, share);
  }
  g.num_coordinators = first_coordinator.back();
  std::vector<int32_t> coordinator_load(At(g.num_coordinators), 0);

  g.arc_begin.push_back(0);
  std::vector<std::pair<float, int32_t>> row;
  for (int32_t p = 0; p < tier.participants; ++p) {
    const int32_t home = participant_region[At(p)];
    const double ability = rng.Uniform();
    row.clear();
    for (int attempt = 0; attempt < 4 * kArcsPerParticipant &&
                          static_cast<int32_t>(row.size()) < kArcsPerParticipant;
         ++attempt) {
      // 80 % from home, 20 % from the next region (commuters).
      const int32_t r = rng.Bernoulli(0.8) ? home : (home + 1) % regions;
      if (region_vacancies[At(r)].empty()) continue;
      const int32_t v = region_vacancies[At(r)][popularity[At(r)].Draw(rng)];
      if (std::any_of(row.begin(), row.end(), [v](const auto& a) { return a.second == v; })) {
        continue;
      }
      row.emplace_back(DrawScore(rng, quality[At(v)], ability), v);
    }
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (const auto& [score, v] : row) {
      g.arc_vacancy.push_back(VacancyIndex(v));
      g.arc_score.push_back(score);
      g.arc_pair.push_back(static_cast<int32_t>(g.arc_pair.size()));
    }
    g.arc_begin.push_back(static_cast<int64_t>(g.arc_vacancy.size()));
    const int32_t span = first_coordinator[At(home) + 1] - first_coordinator[At(home)];
    const int32_t c = first_coordinator[At(home)] + static_cast<int32_t>(rng.Below(At(span)));
    g.participant_coordinator.push_back(CoordinatorIndex(c));
    ++coordinator_load[At(c)];
  }
  for (int32_t load : coordinator_load) {
    g.coordinator_capacity.push_back(static_cast<int32_t>(std::lround(0.4 * load)));
  }
  // Openings mostly 1 to 3; employers of 1 to 4 consecutive vacancies.
  std::vector<int32_t> employer_openings;
  for (int32_t v = 0; v < tier.vacancies;) {
    const auto size = static_cast<int32_t>(
        std::min<int64_t>(rng.Bernoulli(0.6) ? 1 : rng.Between(2, 4), tier.vacancies - v));
    const auto e = static_cast<int32_t>(employer_openings.size());
    employer_openings.push_back(0);
    for (int32_t i = 0; i < size; ++i, ++v) {
      const double u = rng.Uniform();
      const int32_t openings = u < 0.6    ? 1
                               : u < 0.85 ? 2
                               : u < 0.95 ? 3
                                          : static_cast<int32_t>(rng.Between(4, 10));
      g.vacancy_capacity.push_back(openings);
      g.vacancy_employer.push_back(EmployerIndex(e));
      employer_openings.back() += openings;
    }
  }
  g.num_employers = static_cast<int32_t>(employer_openings.size());
  for (int32_t openings : employer_openings) {
    g.employer_capacity.push_back(
        rng.Bernoulli(0.1) ? static_cast<int32_t>(rng.Between(1, std::max(1, openings - 1))) : -1);
  }
  return g;
}

const Tier& TierOf(const benchmark::State& state) { return kTiers[state.range(0)]; }

void Describe(benchmark::State& state, const CandidateGraph& g, const FlowProblem& p) {
  state.counters["participants"] = g.num_participants;
  state.counters["arcs"] = static_cast<double>(p.num_arcs());
  state.counters["nodes"] = p.num_nodes();
}

// --- cold ------------------------------------------------------------------

void BM_OursCold(benchmark::State& state) {
  const CandidateGraph g = MakeTierGraph(TierOf(state), 1);
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
  const CandidateGraph g = MakeTierGraph(TierOf(state), 1);
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
  const CandidateGraph g = MakeTierGraph(TierOf(state), 1);
  for (auto _ : state) {
    const AssignmentResult result = AssignParticipants(g);
    benchmark::DoNotOptimize(result.placements.data());
    state.counters["placed"] = static_cast<double>(result.placements.size());
    state.counters["pivots"] = static_cast<double>(result.pivots);
    state.counters["cost"] = static_cast<double>(result.total_cost);
  }
}

void BM_BoostCold(benchmark::State& state) {
  const CandidateGraph g = MakeTierGraph(TierOf(state), 1);
  const FlowProblem problem = *AssignmentNetwork(g);
  for (auto _ : state) {
    const FlowSolution solution = SolveMinCostFlowBoost(problem, /*compute_potentials=*/false);
    benchmark::DoNotOptimize(solution.flow.data());
  }
  Describe(state, g, problem);
}

// --- warm, flow level --------------------------------------------------------

void BM_OursWarmCosts(benchmark::State& state) {
  const CandidateGraph g = MakeTierGraph(TierOf(state), 1);
  const FlowProblem problem = *AssignmentNetwork(g);
  std::vector<int64_t> candidate;  // the arcs of negative cost are the candidate arcs
  for (int64_t a = 0; a < problem.num_arcs(); ++a) {
    if (problem.arc_cost[At(a)] < 0) candidate.push_back(a);
  }
  NetworkSimplex simplex(problem);
  // Setup only (untimed): a zero starting flow is quicker than the star here.
  simplex.SetStartingFlow(std::vector<int64_t>(At(problem.num_arcs()), 0));
  if (simplex.Solve().status != FlowStatus::kOptimal) state.SkipWithError("cold solve failed");
  Rng rng(7);
  int64_t pivots = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (size_t i = 0; i < candidate.size() / 100; ++i) {
      const float score = DrawScore(rng, rng.Uniform(), rng.Uniform());
      simplex.SetCost(candidate[rng.Below(candidate.size())],
                      -std::llround((1.0 + static_cast<double>(score)) * 1e6));
    }
    state.ResumeTiming();
    const FlowSolution solution = simplex.Solve();
    if (solution.status != FlowStatus::kOptimal) state.SkipWithError("warm solve failed");
    pivots += solution.pivots;
  }
  Describe(state, g, problem);
  state.counters["pivots"] =
      benchmark::Counter(static_cast<double>(pivots), benchmark::Counter::kAvgIterations);
}

void BM_OursWarmCapacity(benchmark::State& state) {
  const CandidateGraph g = MakeTierGraph(TierOf(state), 1);
  const FlowProblem problem = *AssignmentNetwork(g);
  NetworkSimplex simplex(problem);
  // Setup only (untimed): a zero starting flow is quicker than the star here.
  simplex.SetStartingFlow(std::vector<int64_t>(At(problem.num_arcs()), 0));
  if (simplex.Solve().status != FlowStatus::kOptimal) state.SkipWithError("cold solve failed");
  // Layout of AssignmentNetwork: coordinator c is node c, its bypass arc is
  // arc c, the sink is the last node.
  const int32_t c = g.num_coordinators / 2;
  const int32_t sink = problem.num_nodes() - 1;
  const int64_t base = g.coordinator_capacity[At(c)];
  const int64_t raised = base + std::max<int64_t>(1, base / 5);
  bool up = false;
  int64_t pivots = 0;
  for (auto _ : state) {
    state.PauseTiming();
    up = !up;
    const int64_t capacity = up ? raised : base;
    simplex.SetSupply(c, capacity);
    simplex.SetCapacity(c, capacity);
    simplex.SetSupply(sink, problem.supply[At(sink)] - (capacity - base));
    state.ResumeTiming();
    const FlowSolution solution = simplex.Solve();
    if (solution.status != FlowStatus::kOptimal) state.SkipWithError("warm solve failed");
    pivots += solution.pivots;
  }
  Describe(state, g, problem);
  state.counters["pivots"] =
      benchmark::Counter(static_cast<double>(pivots), benchmark::Counter::kAvgIterations);
}

// --- warm, through AssignmentSession -----------------------------------------

void BM_SessionWarmCosts(benchmark::State& state) {
  CandidateGraph g = MakeTierGraph(TierOf(state), 1);
  AssignmentSession session(g);
  if (session.Solve().status != AssignmentStatus::kOptimal) state.SkipWithError("cold failed");
  Rng rng(8);
  for (auto _ : state) {
    state.PauseTiming();
    for (size_t i = 0; i < g.arc_score.size() / 100; ++i) {
      g.arc_score[rng.Below(g.arc_score.size())] = DrawScore(rng, rng.Uniform(), rng.Uniform());
    }
    CandidateGraph changed = g;
    state.ResumeTiming();
    const AssignmentResult result = session.Resolve(std::move(changed));
    benchmark::DoNotOptimize(result.placements.data());
    state.counters["pivots"] = static_cast<double>(result.pivots);
  }
}

void BM_SessionWarmCapacity(benchmark::State& state) {
  CandidateGraph g = MakeTierGraph(TierOf(state), 1);
  AssignmentSession session(g);
  if (session.Solve().status != AssignmentStatus::kOptimal) state.SkipWithError("cold failed");
  const size_t c = At(g.num_coordinators / 2);
  const int32_t base = g.coordinator_capacity[c];
  bool up = false;
  for (auto _ : state) {
    state.PauseTiming();
    up = !up;
    g.coordinator_capacity[c] = up ? base + std::max(1, base / 5) : base;
    CandidateGraph changed = g;
    state.ResumeTiming();
    const AssignmentResult result = session.Resolve(std::move(changed));
    benchmark::DoNotOptimize(result.placements.data());
    state.counters["pivots"] = static_cast<double>(result.pivots);
  }
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
JOBMATCH_TIERS(BM_OursWarmCosts);
JOBMATCH_TIERS(BM_OursWarmCapacity);
JOBMATCH_TIERS(BM_SessionWarmCosts);
JOBMATCH_TIERS(BM_SessionWarmCapacity);
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

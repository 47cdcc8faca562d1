#include "engine/internal/assignment_network.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "engine/boost_flow.h"
#include "engine/check.h"

namespace jobmatch::internal {

std::optional<std::vector<int64_t>> ArcCosts(const CandidateGraph& g,
                                             const AssignmentOptions& options) {
  JOBMATCH_CHECK(std::isfinite(options.placement_value))
      << "placement_value = " << options.placement_value;
  JOBMATCH_CHECK(options.cost_resolution > 0) << "cost_resolution = " << options.cost_resolution;
  JOBMATCH_CHECK(std::isfinite(options.keep_bonus) && options.keep_bonus >= 0.0)
      << "keep_bonus = " << options.keep_bonus;
  // Every placement costs at most (|placement_value| + 1) * resolution; the
  // total over all participants must fit in int64 with room to spare.
  // Preferred arcs: worth options.keep_bonus more, then every cost is
  // scaled by (number of preferred arcs + 1) and a preferred arc saves one
  // unit more, so that on top of the bonus the preference chooses among
  // optima of equal unscaled cost (its total is below one scaled unit).
  int64_t preferred = 0;
  for (const uint8_t mark : g.arc_preferred) preferred += mark != 0 ? 1 : 0;
  const int64_t scale = preferred + 1;
  const double bound = (std::fabs(options.placement_value) + 1.0 + options.keep_bonus) *
                       static_cast<double>(options.cost_resolution) * static_cast<double>(scale) *
                       static_cast<double>(std::max(g.num_participants, 1));
  if (!(bound < 0x1p62)) return std::nullopt;
  const double resolution = static_cast<double>(options.cost_resolution);
  std::vector<int64_t> cost(g.arc_score.size());
  for (size_t k = 0; k < cost.size(); ++k) {
    const bool keep = !g.arc_preferred.empty() && g.arc_preferred[k] != 0;
    const double value = (options.placement_value + static_cast<double>(g.arc_score[k]) +
                          (keep ? options.keep_bonus : 0.0)) *
                         resolution;
    cost[k] = -std::llround(value) * scale;
    if (keep) cost[k] -= 1;
  }
  return cost;
}

Network BuildNetwork(const CandidateGraph& g, const std::vector<int64_t>& cost) {
  Network net;
  FlowProblem& fp = net.problem;
  std::vector<int32_t> participants(At(g.num_participants));
  {
    std::vector<int32_t> begin(At(g.num_coordinators) + 1, 0);
    for (CoordinatorIndex c : g.participant_coordinator) ++begin[At(c.value) + 1];
    for (int32_t c = 0; c < g.num_coordinators; ++c) begin[At(c) + 1] += begin[At(c)];
    for (int32_t p = 0; p < g.num_participants; ++p) {
      participants[At(begin[At(g.participant_coordinator[At(p)].value)]++)] = p;
    }
  }
  std::vector<int32_t> vacancies;
  vacancies.reserve(At(g.num_vacancies));
  {
    std::vector<char> listed(At(g.num_vacancies), 0);
    for (int32_t p : participants) {
      for (int64_t k = g.arc_begin[At(p)]; k < g.arc_begin[At(p) + 1]; ++k) {
        const int32_t v = g.arc_vacancy[At(k)].value;
        if (listed[At(v)]) continue;
        listed[At(v)] = 1;
        vacancies.push_back(v);
      }
    }
    for (int32_t v = 0; v < g.num_vacancies; ++v) {
      if (!listed[At(v)]) vacancies.push_back(v);
    }
  }
  int64_t total_capacity = 0;
  for (int32_t c = 0; c < g.num_coordinators; ++c) {
    const int32_t capacity = g.coordinator_capacity[At(c)];
    net.coordinator_node.push_back(fp.AddNode(capacity));
    total_capacity += capacity;
  }
  net.participant_node.resize(At(g.num_participants));
  for (int32_t p : participants) net.participant_node[At(p)] = fp.AddNode(0);
  net.vacancy_node.resize(At(g.num_vacancies));
  for (int32_t v : vacancies) net.vacancy_node[At(v)] = fp.AddNode(0);
  net.employer_node.assign(At(g.num_employers), -1);
  for (int32_t e = 0; e < g.num_employers; ++e) {
    if (Capped(g, EmployerIndex(e))) net.employer_node[At(e)] = fp.AddNode(0);
  }
  net.sink = fp.AddNode(-total_capacity);

  for (int32_t c = 0; c < g.num_coordinators; ++c) {
    const int32_t capacity = g.coordinator_capacity[At(c)];
    net.bypass_arc.push_back(fp.AddArc(net.coordinator_node[At(c)], net.sink, capacity, 0));
  }
  net.intake_arc.resize(At(g.num_participants));
  net.intake_coordinator.resize(At(g.num_participants));
  for (int32_t p : participants) {
    const int32_t c = g.participant_coordinator[At(p)].value;
    net.intake_arc[At(p)] =
        fp.AddArc(net.coordinator_node[At(c)], net.participant_node[At(p)], 1, 0);
    net.intake_coordinator[At(p)] = c;
  }
  net.candidate_arc.resize(g.arc_vacancy.size());
  for (int32_t p : participants) {
    for (int64_t k = g.arc_begin[At(p)]; k < g.arc_begin[At(p) + 1]; ++k) {
      const int32_t v = g.arc_vacancy[At(k)].value;
      net.candidate_arc[At(k)] =
          fp.AddArc(net.participant_node[At(p)], net.vacancy_node[At(v)], 1, cost[At(k)]);
    }
  }
  net.vacancy_sink_arc.resize(At(g.num_vacancies));
  net.vacancy_employer_arc.resize(At(g.num_vacancies));
  net.vacancy_employer_to.resize(At(g.num_vacancies));
  for (int32_t v : vacancies) {
    const int32_t openings = g.vacancy_capacity[At(v)];
    const EmployerIndex e = g.vacancy_employer[At(v)];
    const bool capped = Capped(g, e);
    net.vacancy_sink_arc[At(v)] =
        fp.AddArc(net.vacancy_node[At(v)], net.sink, capped ? 0 : openings, 0);
    net.vacancy_employer_arc[At(v)] =
        capped ? fp.AddArc(net.vacancy_node[At(v)], net.employer_node[At(e.value)], openings, 0)
               : -1;
    net.vacancy_employer_to[At(v)] = capped ? e.value : -1;
  }
  net.employer_sink_arc.assign(At(g.num_employers), -1);
  for (int32_t e = 0; e < g.num_employers; ++e) {
    if (net.employer_node[At(e)] >= 0) {
      net.employer_sink_arc[At(e)] =
          fp.AddArc(net.employer_node[At(e)], net.sink, g.employer_capacity[At(e)], 0);
    }
  }
  return net;
}

std::vector<int64_t> GreedyFlow(const CandidateGraph& g,
                                const Network& net,
                                const std::vector<int64_t>& cost) {
  const int64_t num_arcs = static_cast<int64_t>(cost.size());
  std::vector<int64_t> flow(At(net.problem.num_arcs()), 0);
  int64_t lowest = 0;
  for (int64_t c : cost) lowest = std::min(lowest, c);
  // Up to 2^16 buckets over [lowest, 0).
  int shift = 0;
  while ((-lowest >> shift) >= (int64_t{1} << 16)) ++shift;
  const int64_t buckets = (-lowest >> shift) + 1;
  std::vector<int64_t> begin(At(buckets) + 1, 0);
  std::vector<int32_t> participant_of(At(num_arcs));
  for (int32_t p = 0; p < g.num_participants; ++p) {
    for (int64_t k = g.arc_begin[At(p)]; k < g.arc_begin[At(p) + 1]; ++k) {
      participant_of[At(k)] = p;
      if (cost[At(k)] < 0) ++begin[At(((cost[At(k)] - lowest) >> shift) + 1)];
    }
  }
  for (int64_t b = 0; b < buckets; ++b) begin[At(b) + 1] += begin[At(b)];
  std::vector<int64_t> order(At(begin[At(buckets)]));
  for (int64_t k = 0; k < num_arcs; ++k) {
    if (cost[At(k)] < 0) order[At(begin[At((cost[At(k)] - lowest) >> shift)]++)] = k;
  }
  std::vector<int32_t> coordinator_room(g.coordinator_capacity);
  std::vector<int32_t> vacancy_room(g.vacancy_capacity);
  std::vector<int32_t> employer_room(g.employer_capacity);
  std::vector<char> placed(At(g.num_participants), 0);
  for (int64_t k : order) {
    const int32_t p = participant_of[At(k)];
    const int32_t c = g.participant_coordinator[At(p)].value;
    const int32_t v = g.arc_vacancy[At(k)].value;
    const int32_t e = g.vacancy_employer[At(v)].value;
    const bool capped = g.employer_capacity[At(e)] >= 0;
    if (placed[At(p)] || coordinator_room[At(c)] == 0 || vacancy_room[At(v)] == 0 ||
        (capped && employer_room[At(e)] == 0)) {
      continue;
    }
    placed[At(p)] = 1;
    --coordinator_room[At(c)];
    --vacancy_room[At(v)];
    if (capped) --employer_room[At(e)];
    flow[At(net.candidate_arc[At(k)])] = 1;
    flow[At(net.intake_arc[At(p)])] = 1;
    const int64_t via = net.vacancy_employer_arc[At(v)];
    ++flow[At(via >= 0 ? via : net.vacancy_sink_arc[At(v)])];
    if (capped) ++flow[At(net.employer_sink_arc[At(e)])];
  }
  for (int32_t c = 0; c < g.num_coordinators; ++c) {
    flow[At(net.bypass_arc[At(c)])] = coordinator_room[At(c)];
  }
  return flow;
}

FlowSolution SolveNetwork(const CandidateGraph& g,
                          Network& net,
                          const std::vector<int64_t>& cost,
                          const AssignmentOptions& options,
                          std::optional<NetworkSimplex>* keep) {
  if (options.solver == AssignmentSolver::kBoost) return SolveMinCostFlowBoost(net.problem);
  std::vector<int64_t> start = GreedyFlow(g, net, cost);
  NetworkSimplex simplex(std::move(net.problem));
  // BuildNetwork lists a participant's arcs together and the participants
  // by coordinator.
  simplex.SetArcOrder(NetworkSimplex::ArcOrder::kAsGiven);
  simplex.SetPricingThreads(options.num_threads);
  simplex.SetStartingFlow(std::move(start));
  FlowSolution solution = simplex.Solve();
  if (keep != nullptr && solution.status == FlowStatus::kOptimal) keep->emplace(std::move(simplex));
  return solution;
}

}  // namespace jobmatch::internal

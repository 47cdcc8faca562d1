#include "engine/assignment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/boost_flow.h"
#include "engine/check.h"
#include "engine/flow_certificate.h"
#include "engine/min_cost_flow.h"

namespace jobmatch {
namespace {

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

// The flow network of assignment.h for one graph, with the node and arc of
// every entity. Arcs and nodes of a session that are no longer used stay in
// the problem with capacity 0; the maps point at the live ones.
struct Network {
  FlowProblem problem;
  std::vector<int32_t> coordinator_node, participant_node, vacancy_node;
  std::vector<int32_t> employer_node;  // -1 until the employer is capped
  int32_t sink = -1;
  std::vector<int64_t> bypass_arc;            // per coordinator: c -> sink
  std::vector<int64_t> intake_arc;            // per participant: c -> p
  std::vector<int32_t> intake_coordinator;    // the c of intake_arc
  std::vector<int64_t> candidate_arc;         // per graph arc: p -> v
  std::vector<int64_t> vacancy_sink_arc;      // per vacancy: v -> sink (0 if routed via employer)
  std::vector<int64_t> vacancy_employer_arc;  // per vacancy: v -> e, or -1
  std::vector<int32_t> vacancy_employer_to;   // the e of vacancy_employer_arc, or -1
  std::vector<int64_t> employer_sink_arc;     // per employer: e -> sink, or -1
};

bool Capped(const CandidateGraph& g, EmployerIndex e) {
  return g.employer_capacity[At(e.value)] >= 0;
}

// Integer cost of every graph arc; nullopt when the objective could overflow.
std::optional<std::vector<int64_t>> ArcCosts(const CandidateGraph& g,
                                             const AssignmentOptions& options) {
  JOBMATCH_CHECK(std::isfinite(options.placement_value))
      << "placement_value = " << options.placement_value;
  JOBMATCH_CHECK(options.cost_resolution > 0) << "cost_resolution = " << options.cost_resolution;
  // Every placement costs at most (|placement_value| + 1) * resolution; the
  // total over all participants must fit in int64 with room to spare.
  const double bound = (std::fabs(options.placement_value) + 1.0) *
                       static_cast<double>(options.cost_resolution) *
                       static_cast<double>(std::max(g.num_participants, 1));
  if (!(bound < 0x1p62)) return std::nullopt;
  const double resolution = static_cast<double>(options.cost_resolution);
  std::vector<int64_t> cost(g.arc_score.size());
  for (size_t k = 0; k < cost.size(); ++k) {
    const double value =
        (options.placement_value + static_cast<double>(g.arc_score[k])) * resolution;
    cost[k] = -std::llround(value);
  }
  return cost;
}

// Nodes and arcs are numbered for locality (pricing and tree updates touch
// neighbours together): participants grouped by coordinator, vacancies in
// order of first appearance in those participants' rows.
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

// The arc of least cost in p's row (the first on ties), or -1 for an empty row.
int64_t BestArc(const CandidateGraph& g, const std::vector<int64_t>& cost, int32_t p) {
  int64_t best = -1;
  for (int64_t k = g.arc_begin[At(p)]; k < g.arc_begin[At(p) + 1]; ++k) {
    if (best < 0 || cost[At(k)] < cost[At(best)]) best = k;
  }
  return best;
}

// Loads of every capacity under `placements` (assumed in range).
struct Loads {
  std::vector<int32_t> coordinator, vacancy, employer;
  std::vector<int64_t> placed_arc;    // per participant, -1 if unplaced
  std::vector<int64_t> holder_begin;  // CSR by vacancy
  std::vector<const Placement*> holders;
};

Loads CountLoads(const CandidateGraph& g, const std::vector<Placement>& placements) {
  Loads loads;
  loads.coordinator.assign(At(g.num_coordinators), 0);
  loads.vacancy.assign(At(g.num_vacancies), 0);
  loads.employer.assign(At(g.num_employers), 0);
  loads.placed_arc.assign(At(g.num_participants), -1);
  for (const Placement& placement : placements) {
    const int32_t p = placement.participant.value;
    const int32_t v = placement.vacancy.value;
    ++loads.coordinator[At(g.participant_coordinator[At(p)].value)];
    ++loads.vacancy[At(v)];
    ++loads.employer[At(g.vacancy_employer[At(v)].value)];
    loads.placed_arc[At(p)] = placement.arc;
  }
  loads.holder_begin.assign(At(g.num_vacancies) + 1, 0);
  for (int32_t v = 0; v < g.num_vacancies; ++v) {
    loads.holder_begin[At(v) + 1] = loads.holder_begin[At(v)] + loads.vacancy[At(v)];
  }
  loads.holders.resize(placements.size());
  std::vector<int64_t> fill(loads.holder_begin.begin(), loads.holder_begin.end() - 1);
  for (const Placement& placement : placements) {
    loads.holders[At(fill[At(placement.vacancy.value)]++)] = &placement;
  }
  return loads;
}

// What binds, for every participant not on a best arc (assignment.h).
// Returns the bindings, or a description of the first participant for whom
// nothing binds (impossible for an optimal result).
std::vector<Binding> ComputeBindings(const CandidateGraph& g,
                                     const std::vector<int64_t>& cost,
                                     const std::vector<Placement>& placements,
                                     std::string* impossible) {
  const Loads loads = CountLoads(g, placements);
  std::vector<Binding> bindings;
  for (int32_t p = 0; p < g.num_participants; ++p) {
    const int64_t best = BestArc(g, cost, p);
    if (best < 0) continue;
    const int64_t placed = loads.placed_arc[At(p)];
    const int64_t got = placed >= 0 ? cost[At(placed)] : 0;
    if (cost[At(best)] >= got) continue;  // nothing better to explain
    const VacancyIndex v = g.arc_vacancy[At(best)];
    const EmployerIndex e = g.vacancy_employer[At(v.value)];
    const int32_t c = g.participant_coordinator[At(p)].value;
    Binding binding;
    binding.participant = ParticipantIndex(p);
    binding.better_vacancy = v;
    binding.better_score = g.arc_score[At(best)];
    const bool coordinator_full =
        placed < 0 && loads.coordinator[At(c)] >= g.coordinator_capacity[At(c)];
    const bool vacancy_full = loads.vacancy[At(v.value)] >= g.vacancy_capacity[At(v.value)];
    const bool employer_full =
        Capped(g, e) && loads.employer[At(e.value)] >= g.employer_capacity[At(e.value)];
    if (coordinator_full) {
      binding.kind = BindingKind::kCoordinatorAtCapacity;
    } else if (vacancy_full) {
      binding.kind = BindingKind::kVacancyFull;
      for (int64_t i = loads.holder_begin[At(v.value)]; i < loads.holder_begin[At(v.value) + 1];
           ++i) {
        binding.holders.push_back(loads.holders[At(i)]->participant);
        binding.holder_scores.push_back(loads.holders[At(i)]->score);
      }
    } else if (employer_full) {
      binding.kind = BindingKind::kEmployerFull;
    } else {
      if (impossible->empty()) {
        *impossible = "participant " + std::to_string(p) + " could move to vacancy " +
                      std::to_string(v.value) + " at lower cost: the result is not optimal";
      }
      continue;
    }
    bindings.push_back(std::move(binding));
  }
  return bindings;
}

AssignmentResult Overflowed() {
  AssignmentResult result;
  result.status = AssignmentStatus::kCostOverflow;
  return result;
}

AssignmentResult ReadResult(const CandidateGraph& g,
                            const Network& net,
                            const std::vector<int64_t>& cost,
                            const FlowSolution& solution) {
  if (solution.status == FlowStatus::kOverflow) return Overflowed();
  JOBMATCH_CHECK(solution.status == FlowStatus::kOptimal)
      << "the assignment network is always feasible and bounded, yet the solver says "
      << FlowStatusName(solution.status) << ": " << solution.message;
  AssignmentResult result;
  result.total_cost = solution.total_cost;
  result.pivots = solution.pivots;
  for (int32_t p = 0; p < g.num_participants; ++p) {
    for (int64_t k = g.arc_begin[At(p)]; k < g.arc_begin[At(p) + 1]; ++k) {
      if (solution.flow[At(net.candidate_arc[At(k)])] > 0) {
        result.placements.push_back(
            Placement{ParticipantIndex(p), g.arc_vacancy[At(k)], k, g.arc_score[At(k)]});
        result.total_score += static_cast<double>(g.arc_score[At(k)]);
      }
    }
  }
  const std::vector<int64_t>& pi = solution.potential;
  AssignmentDuals& duals = result.duals;
  for (int32_t node : net.coordinator_node) duals.coordinator.push_back(pi[At(node)]);
  for (int32_t node : net.participant_node) duals.participant.push_back(pi[At(node)]);
  for (int32_t node : net.vacancy_node) duals.vacancy.push_back(pi[At(node)]);
  for (int32_t e = 0; e < g.num_employers; ++e) {
    const int32_t node = net.employer_node[At(e)];
    duals.employer.push_back(node >= 0 && Capped(g, EmployerIndex(e)) ? pi[At(node)] : 0);
  }
  duals.sink = pi[At(net.sink)];
  std::string impossible;
  result.bindings = ComputeBindings(g, cost, result.placements, &impossible);
  JOBMATCH_CHECK(impossible.empty()) << impossible;
  return result;
}

// A starting flow for the simplex: candidate arcs by cost, best first (in
// cost buckets, arc order within one), each taken while its participant,
// coordinator, vacancy and employer all have room.
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
                          AssignmentSolver solver,
                          std::optional<NetworkSimplex>* keep) {
  if (solver == AssignmentSolver::kBoost) return SolveMinCostFlowBoost(net.problem);
  std::vector<int64_t> start = GreedyFlow(g, net, cost);
  NetworkSimplex simplex(std::move(net.problem));
  simplex.SetStartingFlow(std::move(start));
  FlowSolution solution = simplex.Solve();
  if (keep != nullptr && solution.status == FlowStatus::kOptimal) keep->emplace(std::move(simplex));
  return solution;
}

AssignmentCheck Failed(std::string message) {
  AssignmentCheck check;
  check.message = std::move(message);
  return check;
}

}  // namespace

AssignmentResult AssignParticipants(const CandidateGraph& graph, const AssignmentOptions& options) {
  JOBMATCH_CHECK(graph.IsValid()) << "invalid candidate graph";
  const std::optional<std::vector<int64_t>> cost = ArcCosts(graph, options);
  if (!cost) return Overflowed();
  Network net = BuildNetwork(graph, *cost);
  const FlowSolution solution = SolveNetwork(graph, net, *cost, options.solver, nullptr);
  return ReadResult(graph, net, *cost, solution);
}

std::optional<FlowProblem> AssignmentNetwork(const CandidateGraph& graph,
                                             const AssignmentOptions& options) {
  JOBMATCH_CHECK(graph.IsValid()) << "invalid candidate graph";
  const std::optional<std::vector<int64_t>> cost = ArcCosts(graph, options);
  if (!cost) return std::nullopt;
  return BuildNetwork(graph, *cost).problem;
}

AssignmentCheck CheckAssignment(const CandidateGraph& g,
                                const AssignmentOptions& options,
                                const AssignmentResult& result) {
  if (!g.IsValid()) return Failed("the candidate graph is invalid");
  if (result.status != AssignmentStatus::kOptimal) return Failed("the result is not optimal");
  const std::optional<std::vector<int64_t>> cost = ArcCosts(g, options);
  if (!cost) return Failed("cost_resolution too fine for this graph");
  Network net = BuildNetwork(g, *cost);
  // Placements: real arcs, one per participant, sorted, within capacities.
  std::vector<int64_t> flow(At(net.problem.num_arcs()), 0);
  std::vector<char> seen(At(g.num_participants), 0);
  double total_score = 0.0;
  for (size_t i = 0; i < result.placements.size(); ++i) {
    const Placement& placement = result.placements[i];
    const int32_t p = placement.participant.value;
    const std::string where = "placement " + std::to_string(i) + ": ";
    if (p < 0 || p >= g.num_participants) return Failed(where + "no such participant");
    if (seen[At(p)]) return Failed(where + "participant " + std::to_string(p) + " placed twice");
    if (i > 0 && result.placements[i - 1].participant.value > p) {
      return Failed(where + "placements not sorted by participant");
    }
    seen[At(p)] = 1;
    const int64_t k = placement.arc;
    if (k < g.arc_begin[At(p)] || k >= g.arc_begin[At(p) + 1]) {
      return Failed(where + "arc " + std::to_string(k) + " is not in participant " +
                    std::to_string(p) + "'s row");
    }
    if (g.arc_vacancy[At(k)] != placement.vacancy || g.arc_score[At(k)] != placement.score) {
      return Failed(where + "vacancy or score differs from arc " + std::to_string(k));
    }
    flow[At(net.candidate_arc[At(k)])] = 1;
    flow[At(net.intake_arc[At(p)])] = 1;
    total_score += static_cast<double>(placement.score);
  }
  const Loads loads = CountLoads(g, result.placements);
  for (int32_t c = 0; c < g.num_coordinators; ++c) {
    const int32_t spare = g.coordinator_capacity[At(c)] - loads.coordinator[At(c)];
    if (spare < 0) {
      return Failed("coordinator " + std::to_string(c) + ": " +
                    std::to_string(loads.coordinator[At(c)]) + " placements for capacity " +
                    std::to_string(g.coordinator_capacity[At(c)]));
    }
    flow[At(net.bypass_arc[At(c)])] = spare;
  }
  for (int32_t v = 0; v < g.num_vacancies; ++v) {
    if (loads.vacancy[At(v)] > g.vacancy_capacity[At(v)]) {
      return Failed("vacancy " + std::to_string(v) + ": " + std::to_string(loads.vacancy[At(v)]) +
                    " placements for " + std::to_string(g.vacancy_capacity[At(v)]) + " openings");
    }
    const int64_t arc = net.vacancy_employer_arc[At(v)] >= 0 ? net.vacancy_employer_arc[At(v)]
                                                             : net.vacancy_sink_arc[At(v)];
    flow[At(arc)] = loads.vacancy[At(v)];
  }
  for (int32_t e = 0; e < g.num_employers; ++e) {
    if (net.employer_sink_arc[At(e)] < 0) continue;
    if (loads.employer[At(e)] > g.employer_capacity[At(e)]) {
      return Failed("employer " + std::to_string(e) + ": " + std::to_string(loads.employer[At(e)]) +
                    " placements for a cap of " + std::to_string(g.employer_capacity[At(e)]));
    }
    flow[At(net.employer_sink_arc[At(e)])] = loads.employer[At(e)];
  }
  // The certificate on the rebuilt network.
  const AssignmentDuals& duals = result.duals;
  if (duals.coordinator.size() != At(g.num_coordinators) ||
      duals.participant.size() != At(g.num_participants) ||
      duals.vacancy.size() != At(g.num_vacancies) || duals.employer.size() != At(g.num_employers)) {
    return Failed("the duals do not match the graph's sizes");
  }
  std::vector<int64_t> potential(At(net.problem.num_nodes()), 0);
  for (int32_t c = 0; c < g.num_coordinators; ++c)
    potential[At(net.coordinator_node[At(c)])] = duals.coordinator[At(c)];
  for (int32_t p = 0; p < g.num_participants; ++p)
    potential[At(net.participant_node[At(p)])] = duals.participant[At(p)];
  for (int32_t v = 0; v < g.num_vacancies; ++v)
    potential[At(net.vacancy_node[At(v)])] = duals.vacancy[At(v)];
  for (int32_t e = 0; e < g.num_employers; ++e) {
    if (net.employer_node[At(e)] >= 0)
      potential[At(net.employer_node[At(e)])] = duals.employer[At(e)];
  }
  potential[At(net.sink)] = duals.sink;
  const FlowCertificate certificate = CheckCertificate(net.problem, flow, potential);
  if (!certificate.ok) return Failed("certificate: " + certificate.message);
  if (certificate.primal_cost != result.total_cost) {
    return Failed("total_cost " + std::to_string(result.total_cost) + " but the placements cost " +
                  std::to_string(certificate.primal_cost));
  }
  if (std::fabs(total_score - result.total_score) > 1e-6 * (1.0 + std::fabs(total_score))) {
    return Failed("total_score differs from the sum of the placements' scores");
  }
  // Bindings: exactly the true statements ComputeBindings derives.
  std::string impossible;
  const std::vector<Binding> expected = ComputeBindings(g, *cost, result.placements, &impossible);
  if (!impossible.empty()) return Failed(impossible);
  if (expected.size() != result.bindings.size())
    return Failed("bindings differ from the placements'");
  for (size_t i = 0; i < expected.size(); ++i) {
    const Binding& a = expected[i];
    const Binding& b = result.bindings[i];
    if (a.participant != b.participant || a.kind != b.kind ||
        a.better_vacancy != b.better_vacancy || a.holders != b.holders ||
        a.holder_scores != b.holder_scores) {
      return Failed("binding of participant " + std::to_string(b.participant.value) +
                    " does not hold for these placements");
    }
  }
  AssignmentCheck check;
  check.ok = true;
  return check;
}

// --- AssignmentSession -------------------------------------------------------

struct AssignmentSession::State {
  CandidateGraph graph;
  AssignmentOptions options;
  std::vector<int64_t> cost;              // per arc of `graph`
  Network net;                            // net.problem lives in `simplex`
  std::optional<NetworkSimplex> simplex;  // empty: next solve builds from scratch

  AssignmentResult SolveFromScratch();
  void ApplyChanges(const CandidateGraph& changed, const std::vector<int64_t>& new_cost);
};

AssignmentResult AssignmentSession::State::SolveFromScratch() {
  simplex.reset();
  const std::optional<std::vector<int64_t>> costs = ArcCosts(graph, options);
  if (!costs) return Overflowed();
  cost = *costs;
  net = BuildNetwork(graph, cost);
  const FlowSolution solution = SolveNetwork(graph, net, cost, options.solver, &simplex);
  return ReadResult(graph, net, cost, solution);
}

// Edits the network of `graph` into that of `changed` (see assignment.h).
void AssignmentSession::State::ApplyChanges(const CandidateGraph& changed,
                                            const std::vector<int64_t>& new_cost) {
  NetworkSimplex& s = *simplex;
  const CandidateGraph& old = graph;
  // Edits only what differs: every edit costs the warm solve some work.
  auto set_capacity = [&s](int64_t arc, int64_t capacity) {
    if (s.problem().arc_capacity[At(arc)] != capacity) s.SetCapacity(arc, capacity);
  };
  // Coordinators: supply and bypass follow the capacity.
  int64_t total_capacity = 0;
  for (int32_t c = 0; c < changed.num_coordinators; ++c) {
    const int32_t capacity = changed.coordinator_capacity[At(c)];
    total_capacity += capacity;
    if (c >= old.num_coordinators) {
      net.coordinator_node.push_back(s.AddNode(capacity));
      net.bypass_arc.push_back(s.AddArc(net.coordinator_node.back(), net.sink, capacity, 0));
    } else if (capacity != old.coordinator_capacity[At(c)]) {
      s.SetSupply(net.coordinator_node[At(c)], capacity);
      set_capacity(net.bypass_arc[At(c)], capacity);
    }
  }
  if (s.problem().supply[At(net.sink)] != -total_capacity) s.SetSupply(net.sink, -total_capacity);
  // Employers: a node and its arc to the sink once capped.
  net.employer_node.resize(At(changed.num_employers), -1);
  net.employer_sink_arc.resize(At(changed.num_employers), -1);
  for (int32_t e = 0; e < changed.num_employers; ++e) {
    if (!Capped(changed, EmployerIndex(e))) continue;
    const int32_t cap = changed.employer_capacity[At(e)];
    if (net.employer_node[At(e)] < 0) {
      net.employer_node[At(e)] = s.AddNode(0);
      net.employer_sink_arc[At(e)] = s.AddArc(net.employer_node[At(e)], net.sink, cap, 0);
    } else {
      set_capacity(net.employer_sink_arc[At(e)], cap);
    }
  }
  // Vacancies: openings on the direct arc, or on the arc to a capped employer.
  for (int32_t v = 0; v < changed.num_vacancies; ++v) {
    if (v >= old.num_vacancies) {
      net.vacancy_node.push_back(s.AddNode(0));
      net.vacancy_sink_arc.push_back(s.AddArc(net.vacancy_node.back(), net.sink, 0, 0));
      net.vacancy_employer_arc.push_back(-1);
      net.vacancy_employer_to.push_back(-1);
    }
    const int32_t openings = changed.vacancy_capacity[At(v)];
    const EmployerIndex e = changed.vacancy_employer[At(v)];
    int64_t& via = net.vacancy_employer_arc[At(v)];
    if (Capped(changed, e)) {
      if (net.vacancy_employer_to[At(v)] != e.value) {
        if (via >= 0) set_capacity(via, 0);
        via = s.AddArc(net.vacancy_node[At(v)], net.employer_node[At(e.value)], openings, 0);
        net.vacancy_employer_to[At(v)] = e.value;
      } else {
        set_capacity(via, openings);
      }
      set_capacity(net.vacancy_sink_arc[At(v)], 0);
    } else {
      if (via >= 0) set_capacity(via, 0);
      via = -1;
      net.vacancy_employer_to[At(v)] = -1;
      set_capacity(net.vacancy_sink_arc[At(v)], openings);
    }
  }
  // Participants: a node, and the intake arc from their coordinator.
  for (int32_t p = 0; p < changed.num_participants; ++p) {
    const int32_t c = changed.participant_coordinator[At(p)].value;
    if (p >= old.num_participants) {
      net.participant_node.push_back(s.AddNode(0));
      net.intake_arc.push_back(
          s.AddArc(net.coordinator_node[At(c)], net.participant_node.back(), 1, 0));
      net.intake_coordinator.push_back(c);
    } else if (net.intake_coordinator[At(p)] != c) {
      s.SetCapacity(net.intake_arc[At(p)], 0);
      net.intake_arc[At(p)] =
          s.AddArc(net.coordinator_node[At(c)], net.participant_node[At(p)], 1, 0);
      net.intake_coordinator[At(p)] = c;
    }
  }
  // Candidate arcs, matched by (participant, vacancy) within each row.
  std::vector<int64_t> candidate(changed.arc_vacancy.size(), -1);
  // New arc j is old arc k: same network arc, new cost if it changed.
  auto keep = [&](int64_t j, int64_t k) {
    candidate[At(j)] = net.candidate_arc[At(k)];
    if (new_cost[At(j)] != cost[At(k)]) s.SetCost(candidate[At(j)], new_cost[At(j)]);
  };
  std::vector<int64_t> last_old(At(changed.num_vacancies),
                                -1);  // per vacancy: an unmatched old arc
  std::vector<int64_t> next_old;      // per old arc of the row
  std::vector<char> matched;
  for (int32_t p = 0; p < changed.num_participants; ++p) {
    const int64_t ob = p < old.num_participants ? old.arc_begin[At(p)] : 0;
    const int64_t oe = p < old.num_participants ? old.arc_begin[At(p) + 1] : 0;
    const int64_t cb = changed.arc_begin[At(p)];
    const int64_t ce = changed.arc_begin[At(p) + 1];
    // The usual case: the row lists the same vacancies in the same order.
    if (ce - cb == oe - ob && std::equal(changed.arc_vacancy.begin() + cb,
                                         changed.arc_vacancy.begin() + ce,
                                         old.arc_vacancy.begin() + ob)) {
      for (int64_t j = cb, k = ob; j < ce; ++j, ++k) keep(j, k);
      continue;
    }
    next_old.assign(At(oe - ob), -1);
    matched.assign(At(oe - ob), 0);
    for (int64_t k = ob; k < oe; ++k) {
      const int32_t v = old.arc_vacancy[At(k)].value;
      next_old[At(k - ob)] = last_old[At(v)];
      last_old[At(v)] = k;
    }
    for (int64_t j = changed.arc_begin[At(p)]; j < changed.arc_begin[At(p) + 1]; ++j) {
      const int32_t v = changed.arc_vacancy[At(j)].value;
      const int64_t k = v < old.num_vacancies ? last_old[At(v)] : -1;
      if (k >= 0) {
        last_old[At(v)] = next_old[At(k - ob)];
        matched[At(k - ob)] = 1;
        keep(j, k);
      } else {
        candidate[At(j)] =
            s.AddArc(net.participant_node[At(p)], net.vacancy_node[At(v)], 1, new_cost[At(j)]);
      }
    }
    for (int64_t k = ob; k < oe; ++k) {
      if (!matched[At(k - ob)]) s.RemoveArc(net.candidate_arc[At(k)]);
      last_old[At(old.arc_vacancy[At(k)].value)] = -1;
    }
  }
  net.candidate_arc = std::move(candidate);
}

AssignmentSession::AssignmentSession(CandidateGraph graph, AssignmentOptions options)
    : state_(std::make_unique<State>()) {
  JOBMATCH_CHECK(graph.IsValid()) << "invalid candidate graph";
  state_->graph = std::move(graph);
  state_->options = options;
}
AssignmentSession::~AssignmentSession() = default;
AssignmentSession::AssignmentSession(AssignmentSession&&) noexcept = default;
AssignmentSession& AssignmentSession::operator=(AssignmentSession&&) noexcept = default;

AssignmentResult AssignmentSession::Solve() {
  State& st = *state_;
  if (!st.simplex) return st.SolveFromScratch();
  const FlowSolution solution = st.simplex->Solve();
  if (solution.status != FlowStatus::kOptimal) st.simplex.reset();
  return ReadResult(st.graph, st.net, st.cost, solution);
}

AssignmentResult AssignmentSession::Resolve(CandidateGraph changed) {
  State& st = *state_;
  JOBMATCH_CHECK(changed.IsValid()) << "invalid candidate graph";
  const CandidateGraph& old = st.graph;
  JOBMATCH_CHECK(changed.num_participants >= old.num_participants &&
                 changed.num_vacancies >= old.num_vacancies &&
                 changed.num_coordinators >= old.num_coordinators &&
                 changed.num_employers >= old.num_employers)
      << "a changed graph may add participants, vacancies, coordinators and employers, "
         "never drop them";
  if (!st.simplex) {
    st.graph = std::move(changed);
    return st.SolveFromScratch();
  }
  std::optional<std::vector<int64_t>> new_cost = ArcCosts(changed, st.options);
  if (!new_cost) {
    st.graph = std::move(changed);
    st.simplex.reset();
    return Overflowed();
  }
  st.ApplyChanges(changed, *new_cost);
  st.graph = std::move(changed);
  st.cost = std::move(*new_cost);
  return Solve();
}

const CandidateGraph& AssignmentSession::graph() const {
  return state_->graph;
}
const AssignmentOptions& AssignmentSession::options() const {
  return state_->options;
}

}  // namespace jobmatch

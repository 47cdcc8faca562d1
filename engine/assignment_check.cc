// CheckAssignment() of engine/assignment.h: rebuilds the network from the graph
// and verifies a result against its certificate without trusting the solver.

#include "engine/assignment.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/flow_certificate.h"
#include "engine/internal/assignment_network.h"
#include "engine/internal/assignment_result.h"

namespace jobmatch {
namespace {

AssignmentCheck Failed(std::string message) {
  AssignmentCheck check;
  check.message = std::move(message);
  return check;
}

}  // namespace

using internal::ArcCosts;
using internal::At;
using internal::BuildNetwork;
using internal::ComputeBindings;
using internal::CountLoads;
using internal::Loads;
using internal::Network;

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

}  // namespace jobmatch

#include "engine/internal/assignment_result.h"

#include <string>
#include <utility>
#include <vector>

#include "engine/check.h"

namespace jobmatch::internal {
namespace {

// The arc of least cost in p's row (the first on ties), or -1 for an empty row.
int64_t BestArc(const CandidateGraph& g, const std::vector<int64_t>& cost, int32_t p) {
  int64_t best = -1;
  for (int64_t k = g.arc_begin[At(p)]; k < g.arc_begin[At(p) + 1]; ++k) {
    if (best < 0 || cost[At(k)] < cost[At(best)]) best = k;
  }
  return best;
}

}  // namespace

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

}  // namespace jobmatch::internal

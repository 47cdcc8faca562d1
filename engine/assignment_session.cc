// AssignmentSession of engine/assignment.h: the network of the current graph,
// the solver kept between solves, and the diff that edits one graph's network
// into the next one's.

#include "engine/assignment.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine/check.h"
#include "engine/internal/assignment_network.h"
#include "engine/internal/assignment_result.h"
#include "engine/min_cost_flow.h"

namespace jobmatch {

using internal::ArcCosts;
using internal::At;
using internal::BuildNetwork;
using internal::Capped;
using internal::Network;
using internal::Overflowed;
using internal::ReadResult;
using internal::SolveNetwork;

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
  const FlowSolution solution = SolveNetwork(graph, net, cost, options, &simplex);
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

#include "whatif/value.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <iterator>
#include <limits>
#include <queue>
#include <utility>

#include "engine/check.h"
#include "whatif/scenario.h"

namespace jobmatch::whatif {
namespace {

constexpr int64_t kUnreached = std::numeric_limits<int64_t>::max();

// The network of engine/assignment.h with the optimal flow on it.
struct Network {
  int32_t num_nodes = 0;
  int32_t sink = 0;
  std::vector<int32_t> tail;
  std::vector<int32_t> head;
  std::vector<int64_t> capacity;
  std::vector<int64_t> flow;
  std::vector<int64_t> cost;
  std::vector<int64_t> candidate;  // per arc: graph arc index, or -1 for other arcs
  std::vector<int64_t> potential;  // per node
};

Network BuildNetwork(const Scenario& s) {
  const CandidateGraph& g = *s.graph;
  const AssignmentResult& r = s.result;
  Network n;
  const int32_t coordinators = g.num_coordinators;
  const int32_t participants = g.num_participants;
  const int32_t vacancies = g.num_vacancies;
  const int32_t employers = g.num_employers;
  auto participant_node = [&](int32_t p) { return coordinators + p; };
  auto vacancy_node = [&](int32_t v) { return coordinators + participants + v; };
  auto employer_node = [&](int32_t e) { return coordinators + participants + vacancies + e; };
  n.num_nodes = coordinators + participants + vacancies + employers + 1;
  n.sink = n.num_nodes - 1;
  n.potential.assign(static_cast<size_t>(n.num_nodes), 0);
  for (int32_t c = 0; c < coordinators; ++c)
    n.potential[static_cast<size_t>(c)] = r.duals.coordinator[static_cast<size_t>(c)];
  for (int32_t p = 0; p < participants; ++p) {
    n.potential[static_cast<size_t>(participant_node(p))] =
        r.duals.participant[static_cast<size_t>(p)];
  }
  for (int32_t v = 0; v < vacancies; ++v) {
    n.potential[static_cast<size_t>(vacancy_node(v))] = r.duals.vacancy[static_cast<size_t>(v)];
  }
  for (int32_t e = 0; e < employers; ++e) {
    n.potential[static_cast<size_t>(employer_node(e))] = r.duals.employer[static_cast<size_t>(e)];
  }
  n.potential[static_cast<size_t>(n.sink)] = r.duals.sink;

  std::vector<int32_t> placed_on(static_cast<size_t>(participants), -1);
  std::vector<int64_t> load_c(static_cast<size_t>(coordinators), 0);
  std::vector<int64_t> load_v(static_cast<size_t>(vacancies), 0);
  std::vector<int64_t> load_e(static_cast<size_t>(employers), 0);
  std::vector<uint8_t> arc_used(static_cast<size_t>(g.num_arcs()), 0);
  for (const Placement& pl : r.placements) {
    if (pl.arc < 0) continue;  // a held pair, reserved outside the network
    arc_used[static_cast<size_t>(pl.arc)] = 1;
    ++load_c[static_cast<size_t>(
        g.participant_coordinator[static_cast<size_t>(pl.participant.value)].value)];
    ++load_v[static_cast<size_t>(pl.vacancy.value)];
    const EmployerIndex e = g.vacancy_employer[static_cast<size_t>(pl.vacancy.value)];
    if (e.valid()) ++load_e[static_cast<size_t>(e.value)];
    placed_on[static_cast<size_t>(pl.participant.value)] = pl.vacancy.value;
  }
  auto add = [&](int32_t t, int32_t h, int64_t cap, int64_t f, int64_t c, int64_t cand) {
    n.tail.push_back(t);
    n.head.push_back(h);
    n.capacity.push_back(cap);
    n.flow.push_back(f);
    n.cost.push_back(c);
    n.candidate.push_back(cand);
  };
  for (int32_t c = 0; c < coordinators; ++c) {
    const int64_t cap = g.coordinator_capacity[static_cast<size_t>(c)];
    add(c, n.sink, cap, cap - load_c[static_cast<size_t>(c)], 0, -1);
  }
  // The solver's costs (AssignParticipants): last run's proposals are worth
  // keep_bonus more, and every cost is scaled so that they also win ties.
  const double resolution = static_cast<double>(s.options.assignment.cost_resolution);
  int64_t scale = 1;
  for (const uint8_t mark : g.arc_preferred) scale += mark != 0 ? 1 : 0;
  for (int32_t p = 0; p < participants; ++p) {
    const int32_t c = g.participant_coordinator[static_cast<size_t>(p)].value;
    add(c, participant_node(p), 1, placed_on[static_cast<size_t>(p)] >= 0 ? 1 : 0, 0, -1);
    for (int64_t a = g.arc_begin[static_cast<size_t>(p)];
         a < g.arc_begin[static_cast<size_t>(p) + 1];
         ++a) {
      const bool keep = !g.arc_preferred.empty() && g.arc_preferred[static_cast<size_t>(a)] != 0;
      const double value = (s.options.assignment.placement_value +
                            static_cast<double>(g.arc_score[static_cast<size_t>(a)]) +
                            (keep ? s.options.assignment.keep_bonus : 0.0)) *
                           resolution;
      add(participant_node(p),
          vacancy_node(g.arc_vacancy[static_cast<size_t>(a)].value),
          1,
          arc_used[static_cast<size_t>(a)],
          -std::llround(value) * scale - (keep ? 1 : 0),
          a);
    }
  }
  for (int32_t v = 0; v < vacancies; ++v) {
    const EmployerIndex e = g.vacancy_employer[static_cast<size_t>(v)];
    const bool capped = e.valid() && g.employer_capacity[static_cast<size_t>(e.value)] >= 0;
    add(vacancy_node(v),
        capped ? employer_node(e.value) : n.sink,
        g.vacancy_capacity[static_cast<size_t>(v)],
        load_v[static_cast<size_t>(v)],
        0,
        -1);
  }
  for (int32_t e = 0; e < employers; ++e) {
    if (g.employer_capacity[static_cast<size_t>(e)] < 0) continue;
    add(employer_node(e),
        n.sink,
        g.employer_capacity[static_cast<size_t>(e)],
        load_e[static_cast<size_t>(e)],
        0,
        -1);
  }
  return n;
}

// A residual arc: to `node`, reduced cost `reduced`, from network arc `arc`
// used forwards (+1) or backwards (-1).
struct Step {
  int32_t node = 0;
  int64_t reduced = 0;
  int64_t arc = 0;
  int8_t direction = 1;
};

struct Paths {
  std::vector<int64_t> distance;  // reduced
  std::vector<int64_t> pred_arc;  // -1 at the source
  std::vector<int8_t> pred_direction;
};

// Dijkstra from `source` on the residual graph, forwards (paths source -> x)
// or backwards (paths x -> source).
Paths ShortestPaths(const Network& n, int32_t source, bool backwards) {
  std::vector<std::vector<Step>> adjacent(static_cast<size_t>(n.num_nodes));
  for (size_t a = 0; a < n.tail.size(); ++a) {
    const int32_t u = n.tail[a];
    const int32_t w = n.head[a];
    const int64_t rc =
        n.cost[a] + n.potential[static_cast<size_t>(u)] - n.potential[static_cast<size_t>(w)];
    if (n.flow[a] < n.capacity[a]) {  // u -> w
      JOBMATCH_CHECK(rc >= 0) << "duals not optimal at arc " << a;
      if (backwards) {
        adjacent[static_cast<size_t>(w)].push_back({u, rc, static_cast<int64_t>(a), 1});
      } else {
        adjacent[static_cast<size_t>(u)].push_back({w, rc, static_cast<int64_t>(a), 1});
      }
    }
    if (n.flow[a] > 0) {  // w -> u
      JOBMATCH_CHECK(rc <= 0) << "duals not optimal at arc " << a;
      if (backwards) {
        adjacent[static_cast<size_t>(u)].push_back({w, -rc, static_cast<int64_t>(a), -1});
      } else {
        adjacent[static_cast<size_t>(w)].push_back({u, -rc, static_cast<int64_t>(a), -1});
      }
    }
  }
  Paths paths;
  paths.distance.assign(static_cast<size_t>(n.num_nodes), kUnreached);
  paths.pred_arc.assign(static_cast<size_t>(n.num_nodes), -1);
  paths.pred_direction.assign(static_cast<size_t>(n.num_nodes), 0);
  using Entry = std::pair<int64_t, int32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  paths.distance[static_cast<size_t>(source)] = 0;
  queue.emplace(0, source);
  while (!queue.empty()) {
    const auto [d, u] = queue.top();
    queue.pop();
    if (d != paths.distance[static_cast<size_t>(u)]) continue;
    for (const Step& step : adjacent[static_cast<size_t>(u)]) {
      const int64_t nd = d + step.reduced;
      if (nd < paths.distance[static_cast<size_t>(step.node)]) {
        paths.distance[static_cast<size_t>(step.node)] = nd;
        paths.pred_arc[static_cast<size_t>(step.node)] = step.arc;
        paths.pred_direction[static_cast<size_t>(step.node)] = step.direction;
        queue.emplace(nd, step.node);
      }
    }
  }
  return paths;
}

// Placements and fit along the path from the search's source to `node`.
UnitValue Along(const Scenario& s,
                const Network& n,
                const Paths& paths,
                int32_t node,
                int32_t source,
                bool backwards) {
  UnitValue value;
  int32_t at = node;
  while (at != source) {
    const int64_t a = paths.pred_arc[static_cast<size_t>(at)];
    const int8_t direction = paths.pred_direction[static_cast<size_t>(at)];
    JOBMATCH_CHECK(a >= 0) << "broken path";
    const int64_t k = n.candidate[static_cast<size_t>(a)];
    if (k >= 0) {
      value.more_placements += direction;
      value.more_fit += direction * static_cast<double>(s.graph->arc_score[static_cast<size_t>(k)]);
    }
    // Step back towards the source.
    const bool arc_forward_in_walk = (direction > 0) != backwards;
    at = arc_forward_in_walk ? n.tail[static_cast<size_t>(a)] : n.head[static_cast<size_t>(a)];
  }
  return value;
}

}  // namespace

CapacityValues ValueOfCapacity(const Scenario& s) {
  JOBMATCH_CHECK(s.result.status == AssignmentStatus::kOptimal) << "value of a failed solve";
  const Network n = BuildNetwork(s);
  const CandidateGraph& g = *s.graph;
  CapacityValues values;

  // One more place at c: the cheapest path c -> sink, or the bypass (0).
  const Paths to_sink = ShortestPaths(n, n.sink, /*backwards=*/true);
  for (int32_t c = 0; c < g.num_coordinators; ++c) {
    CoordinatorValue cv;
    cv.coordinator = CoordinatorIndex(c);
    const int64_t reduced = to_sink.distance[static_cast<size_t>(c)];
    if (reduced != kUnreached) {
      const int64_t cost =
          reduced - n.potential[static_cast<size_t>(c)] + n.potential[static_cast<size_t>(n.sink)];
      if (cost < 0) {
        cv.value = Along(s, n, to_sink, c, n.sink, true);
        cv.value.cost_change = cost;
      }
    }
    values.coordinators.push_back(cv);
  }

  // One more opening at v: the cheapest path from the head of v's outgoing
  // arc back to v, when that arc is full (otherwise nothing changes).
  const Paths from_sink = ShortestPaths(n, n.sink, /*backwards=*/false);
  std::vector<std::pair<int32_t, Paths>> from_employer;  // capped employers searched so far
  const int32_t first_vacancy_node = g.num_coordinators + g.num_participants;
  for (int32_t v = 0; v < g.num_vacancies; ++v) {
    if (s.withdrawn[static_cast<size_t>(v)] != 0) continue;
    VacancyValue vv;
    vv.vacancy = VacancyIndex(v);
    const size_t arc = static_cast<size_t>(g.num_coordinators) +
                       static_cast<size_t>(g.num_participants) + static_cast<size_t>(g.num_arcs()) +
                       static_cast<size_t>(v);
    JOBMATCH_CHECK(n.tail[arc] == first_vacancy_node + v) << "network order";
    if (n.flow[arc] >= n.capacity[arc]) {
      const int32_t head = n.head[arc];
      const Paths* paths = &from_sink;
      if (head != n.sink) {
        auto it = std::find_if(from_employer.begin(), from_employer.end(), [&](const auto& entry) {
          return entry.first == head;
        });
        if (it == from_employer.end()) {
          from_employer.emplace_back(head, ShortestPaths(n, head, false));
          it = std::prev(from_employer.end());
        }
        paths = &it->second;
      }
      const int32_t node = first_vacancy_node + v;
      const int64_t reduced = paths->distance[static_cast<size_t>(node)];
      if (reduced != kUnreached) {
        const int64_t cost = reduced - n.potential[static_cast<size_t>(head)] +
                             n.potential[static_cast<size_t>(node)] + n.cost[arc];
        if (cost < 0) {
          vv.value = Along(s, n, *paths, node, head, false);
          vv.value.cost_change = cost;
        }
      }
    }
    values.vacancies.push_back(vv);
  }
  return values;
}

}  // namespace jobmatch::whatif

#include "whatif/diff.h"

#include <algorithm>
#include <cstddef>
#include <map>

#include "engine/check.h"

namespace jobmatch::whatif {
namespace {

struct Held {
  VacancyIndex vacancy;
  float score = 0.0f;
};

std::vector<Held> PlacementsByParticipant(const Scenario& s) {
  std::vector<Held> held(s.dataset.participants.size());
  for (const Placement& pl : s.result.placements) {
    held[static_cast<size_t>(pl.participant.value)] = Held{pl.vacancy, pl.score};
  }
  return held;
}

// The participant's score on vacancy v in graph g, or < 0 if no arc.
float ArcScore(const CandidateGraph& g, ParticipantIndex p, VacancyIndex v) {
  const auto row = static_cast<size_t>(p.value);
  for (int64_t a = g.arc_begin[row]; a < g.arc_begin[row + 1]; ++a) {
    if (g.arc_vacancy[static_cast<size_t>(a)] == v) return g.arc_score[static_cast<size_t>(a)];
  }
  return -1.0f;
}

bool HasArcs(const CandidateGraph& g, ParticipantIndex p) {
  const auto row = static_cast<size_t>(p.value);
  return g.arc_begin[row] < g.arc_begin[row + 1];
}

struct Loads {
  std::vector<int32_t> coordinator;
  std::vector<int32_t> vacancy;
  std::vector<int32_t> employer;
};

Loads LoadsOf(const Scenario& s) {
  Loads loads;
  loads.coordinator.assign(static_cast<size_t>(s.graph->num_coordinators), 0);
  loads.vacancy.assign(static_cast<size_t>(s.graph->num_vacancies), 0);
  loads.employer.assign(static_cast<size_t>(s.graph->num_employers), 0);
  // Against the graph's capacities, which held pairs (arc -1) already left.
  for (const Placement& pl : s.result.placements) {
    if (pl.arc < 0) continue;
    ++loads.coordinator[static_cast<size_t>(
        s.graph->participant_coordinator[static_cast<size_t>(pl.participant.value)].value)];
    ++loads.vacancy[static_cast<size_t>(pl.vacancy.value)];
    const EmployerIndex e = s.graph->vacancy_employer[static_cast<size_t>(pl.vacancy.value)];
    if (e.valid()) ++loads.employer[static_cast<size_t>(e.value)];
  }
  return loads;
}

// Why the old vacancy is no longer theirs (lost or moved).
ChangeReason WhyLeft(const Scenario& after,
                     const Loads& loads,
                     ParticipantIndex p,
                     VacancyIndex old_vacancy,
                     bool lost) {
  if (lost && !HasArcs(*after.graph, p)) return ChangeReason::kNoCandidateLeft;
  if (ArcScore(*after.graph, p, old_vacancy) < 0) return ChangeReason::kVacancyGone;
  const CoordinatorIndex c = after.graph->participant_coordinator[static_cast<size_t>(p.value)];
  if (lost && loads.coordinator[static_cast<size_t>(c.value)] >=
                  after.graph->coordinator_capacity[static_cast<size_t>(c.value)]) {
    return ChangeReason::kCoordinatorAtCapacity;
  }
  const auto v = static_cast<size_t>(old_vacancy.value);
  if (loads.vacancy[v] >= after.graph->vacancy_capacity[v]) return ChangeReason::kVacancyTaken;
  const EmployerIndex e = after.graph->vacancy_employer[v];
  if (e.valid() && after.graph->employer_capacity[static_cast<size_t>(e.value)] >= 0 &&
      loads.employer[static_cast<size_t>(e.value)] >=
          after.graph->employer_capacity[static_cast<size_t>(e.value)]) {
    return ChangeReason::kEmployerAtCap;
  }
  return ChangeReason::kBetterOverall;
}

// Why the new vacancy is theirs now (gained or moved).
ChangeReason WhyCame(const Scenario& before, ParticipantIndex p, VacancyIndex v, float score) {
  if (static_cast<size_t>(v.value) >= static_cast<size_t>(before.graph->num_vacancies)) {
    return ChangeReason::kNewCandidate;
  }
  const float old_score = ArcScore(*before.graph, p, v);
  if (old_score < 0) return ChangeReason::kNewCandidate;
  if (score > old_score) return ChangeReason::kScoreRose;
  return ChangeReason::kRoomFreed;
}

}  // namespace

Figures FiguresOf(const Scenario& s) {
  Figures f;
  f.proposals = static_cast<int32_t>(s.result.placements.size());
  f.unplaced = static_cast<int32_t>(s.dataset.participants.size()) - f.proposals;
  f.total_score = s.result.total_score;
  f.mean_score = f.proposals > 0 ? f.total_score / f.proposals : 0.0;
  f.without_candidates = CountWithoutCandidates(s);
  return f;
}

ScenarioDiff Compare(const Scenario& before, const Scenario& after) {
  JOBMATCH_CHECK(before.dataset.participants.size() == after.dataset.participants.size())
      << "scenarios of different participants";
  ScenarioDiff diff;
  diff.before = FiguresOf(before);
  diff.after = FiguresOf(after);
  const std::vector<Held> was = PlacementsByParticipant(before);
  const std::vector<Held> now = PlacementsByParticipant(after);
  const Loads loads_after = LoadsOf(after);

  // Coordinators of either scenario (one may have appended some).
  const size_t num_coordinators =
      std::max(before.dataset.coordinators.size(), after.dataset.coordinators.size());
  diff.coordinators.resize(num_coordinators);
  std::vector<std::string> district(num_coordinators);
  for (size_t c = 0; c < num_coordinators; ++c) {
    GroupFigures& g = diff.coordinators[c];
    const Scenario& named = c < after.dataset.coordinators.size() ? after : before;
    g.id = named.dataset.coordinators[c].id;
    district[c] = named.dataset.coordinators[c].district;
    if (c < after.dataset.coordinators.size()) {
      g.capacity_after = after.dataset.coordinators[c].capacity;
    }
    if (c < before.dataset.coordinators.size()) {
      g.capacity_before = before.dataset.coordinators[c].capacity;
    }
  }
  for (size_t p = 0; p < was.size(); ++p) {
    const ParticipantIndex pi(static_cast<int32_t>(p));
    const CoordinatorIndex cb = before.dataset.participants[p].coordinator;
    const CoordinatorIndex ca = after.dataset.participants[p].coordinator;
    if (was[p].vacancy.valid()) {
      GroupFigures& g = diff.coordinators[static_cast<size_t>(cb.value)];
      ++g.proposals_before;
      g.total_score_before += was[p].score;
    }
    if (now[p].vacancy.valid()) {
      GroupFigures& g = diff.coordinators[static_cast<size_t>(ca.value)];
      ++g.proposals_after;
      g.total_score_after += now[p].score;
    }
    if (was[p].vacancy == now[p].vacancy) continue;
    ParticipantChange change;
    change.participant = pi;
    change.coordinator_before = cb;
    change.coordinator_after = ca;
    change.vacancy_before = was[p].vacancy;
    change.vacancy_after = now[p].vacancy;
    change.score_before = was[p].score;
    change.score_after = now[p].score;
    if (!was[p].vacancy.valid()) {
      change.kind = ChangeKind::kGained;
      change.reason = WhyCame(before, pi, now[p].vacancy, now[p].score);
      ++diff.coordinators[static_cast<size_t>(ca.value)].gained;
    } else if (!now[p].vacancy.valid()) {
      change.kind = ChangeKind::kLost;
      change.reason = WhyLeft(after, loads_after, pi, was[p].vacancy, true);
      ++diff.coordinators[static_cast<size_t>(cb.value)].lost;
    } else {
      change.kind = ChangeKind::kMoved;
      change.reason = WhyLeft(after, loads_after, pi, was[p].vacancy, false);
      if (change.reason == ChangeReason::kBetterOverall) {
        const ChangeReason came = WhyCame(before, pi, now[p].vacancy, now[p].score);
        if (came != ChangeReason::kRoomFreed) change.reason = came;
      }
      ++diff.coordinators[static_cast<size_t>(ca.value)].moved;
    }
    diff.changes.push_back(change);
  }

  std::map<std::string, GroupFigures> districts;
  for (size_t c = 0; c < num_coordinators; ++c) {
    const GroupFigures& g = diff.coordinators[c];
    GroupFigures& d = districts[district[c]];
    d.capacity_before += g.capacity_before;
    d.capacity_after += g.capacity_after;
    d.proposals_before += g.proposals_before;
    d.proposals_after += g.proposals_after;
    d.total_score_before += g.total_score_before;
    d.total_score_after += g.total_score_after;
    d.gained += g.gained;
    d.lost += g.lost;
    d.moved += g.moved;
  }
  for (auto& [key, d] : districts) {
    d.id = key;
    diff.districts.push_back(d);
  }
  return diff;
}

}  // namespace jobmatch::whatif

#include "engine/decisions.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <utility>

#include "engine/check.h"

namespace jobmatch {
namespace {

size_t At(int32_t i) {
  return static_cast<size_t>(i);
}

// Year of a date (proleptic Gregorian), via the ISO text FormatDate gives.
int YearOf(Date date) {
  return std::stoi(FormatDate(date).substr(0, 4));
}

// Outcomes in decision order: by date (undated first), then as listed.
std::vector<size_t> DecisionOrder(const std::vector<Outcome>& history) {
  std::vector<size_t> order(history.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const int32_t da = history[a].date ? history[a].date->days : INT32_MIN;
    const int32_t db = history[b].date ? history[b].date->days : INT32_MIN;
    return da < db;
  });
  return order;
}

}  // namespace

int32_t AppendDecisions(const History& history, Dataset* dataset) {
  if (history.decisions.empty()) return 0;  // no id maps to build (1.7 M ids nationally)
  const auto participants = IndexById(dataset->participants);
  const auto vacancies = IndexById(dataset->vacancies);
  int32_t left_out = 0;
  for (const PairDecision& d : history.decisions) {
    const auto p = participants.find(d.participant_id);
    const auto v = vacancies.find(d.vacancy_id);
    if (p == participants.end() || v == vacancies.end()) {
      ++left_out;
      continue;
    }
    dataset->history.push_back(
        Outcome{ParticipantIndex(p->second), VacancyIndex(v->second), d.kind, d.date});
  }
  return left_out;
}

Standing ComputeStanding(const Dataset& dataset, Date run_date, const DecisionOptions& options) {
  const size_t num_participants = dataset.participants.size();
  Standing s;
  s.in_follow_up.assign(num_participants, 0);
  s.follow_up_until.assign(num_participants, Date{});
  s.hired_into.assign(num_participants, VacancyIndex());
  s.held.assign(num_participants, VacancyIndex());
  s.held_until.assign(num_participants, Date{});
  s.hires.assign(dataset.vacancies.size(), 0);
  s.follow_up.assign(dataset.coordinators.size(), 0);
  s.taken_on_this_year.assign(dataset.coordinators.size(), 0);

  const std::vector<size_t> order = DecisionOrder(dataset.history);
  // Latest hire/drop-out per participant, latest decision per pair.
  std::vector<const Outcome*> last_placement_event(num_participants, nullptr);
  std::vector<std::optional<Date>> first_taken_on(num_participants);
  std::unordered_map<int64_t, const Outcome*> last_on_pair;
  auto pair_key = [](const Outcome& o) {
    return (static_cast<int64_t>(o.participant.value) << 32) |
           static_cast<int64_t>(static_cast<uint32_t>(o.vacancy.value));
  };
  for (const size_t i : order) {
    const Outcome& o = dataset.history[i];
    JOBMATCH_CHECK(o.participant.valid() && At(o.participant.value) < num_participants &&
                   o.vacancy.valid() && At(o.vacancy.value) < dataset.vacancies.size())
        << "history entry out of range";
    const Date date = o.date.value_or(run_date);
    if (date > run_date) continue;  // decided after tonight's run date: not yet
    if (o.kind == OutcomeKind::kProposed) continue;
    last_on_pair[pair_key(o)] = &o;
    if (o.kind == OutcomeKind::kHired) ++s.hires[At(o.vacancy.value)];
    if (o.kind == OutcomeKind::kHired || o.kind == OutcomeKind::kDroppedOut) {
      last_placement_event[At(o.participant.value)] = &o;
    }
    if ((o.kind == OutcomeKind::kHired || o.kind == OutcomeKind::kAccepted) &&
        !first_taken_on[At(o.participant.value)]) {
      first_taken_on[At(o.participant.value)] = date;
    }
  }

  const int run_year = YearOf(run_date);
  for (size_t p = 0; p < num_participants; ++p) {
    const CoordinatorIndex c = dataset.participants[p].coordinator;
    if (first_taken_on[p] && YearOf(*first_taken_on[p]) == run_year && c.valid()) {
      ++s.taken_on_this_year[At(c.value)];
    }
    const Outcome* event = last_placement_event[p];
    if (event == nullptr || event->kind != OutcomeKind::kHired) continue;
    const Date until{event->date.value_or(run_date).days + options.follow_up_days};
    if (run_date < until) {
      s.in_follow_up[p] = 1;
      s.follow_up_until[p] = until;
      s.hired_into[p] = event->vacancy;
      if (c.valid()) ++s.follow_up[At(c.value)];
    }
  }

  // Holds: the participant's latest accepted pair whose latest decision is
  // still "accepted" and whose hold has not run out.
  for (const size_t i : order) {
    const Outcome& o = dataset.history[i];
    if (o.kind != OutcomeKind::kAccepted) continue;
    const auto it = last_on_pair.find(pair_key(o));
    if (it == last_on_pair.end() || it->second != &o) continue;
    const size_t p = At(o.participant.value);
    if (s.in_follow_up[p]) continue;
    const Date until{o.date.value_or(run_date).days + options.accepted_hold_days};
    if (run_date < until) {
      s.held[p] = o.vacancy;
      s.held_until[p] = until;
    }
  }
  return s;
}

Pool MakePool(const Dataset& dataset, const Standing& standing) {
  return MakePool(Dataset(dataset), standing);
}

Pool MakePool(Dataset&& dataset, const Standing& standing) {
  Pool pool;
  const size_t n = dataset.participants.size();
  std::vector<int32_t> new_index(n, -1);
  pool.dataset.vacancies = std::move(dataset.vacancies);
  pool.dataset.employers = std::move(dataset.employers);
  pool.dataset.coordinators = std::move(dataset.coordinators);
  pool.dataset.courses = std::move(dataset.courses);
  pool.dataset.participant_extra_header = std::move(dataset.participant_extra_header);
  pool.dataset.participants.reserve(n);
  for (size_t p = 0; p < n; ++p) {
    if (standing.in_follow_up[p]) continue;
    new_index[p] = static_cast<int32_t>(pool.dataset.participants.size());
    pool.dataset.participants.push_back(std::move(dataset.participants[p]));
    pool.original.emplace_back(static_cast<int32_t>(p));
    pool.held.push_back(standing.held[p]);
  }
  for (const Outcome& o : dataset.history) {
    const int32_t p = new_index[At(o.participant.value)];
    if (p < 0) continue;
    Outcome copy = o;
    copy.participant = ParticipantIndex(p);
    pool.dataset.history.push_back(copy);
  }
  for (size_t v = 0; v < pool.dataset.vacancies.size(); ++v) {
    int32_t& openings = pool.dataset.vacancies[v].openings;
    openings = std::max(0, openings - standing.hires[v]);
  }
  dataset = Dataset{};
  return pool;
}

int64_t MarkPreferred(const Dataset& dataset,
                      const std::vector<std::pair<std::string, std::string>>& preferred,
                      CandidateGraph* graph) {
  if (preferred.empty()) return 0;
  const auto participants = IndexById(dataset.participants);
  const auto vacancies = IndexById(dataset.vacancies);
  std::vector<std::pair<int32_t, int32_t>> decided;
  for (const Outcome& o : dataset.history) {
    if (o.kind != OutcomeKind::kProposed)
      decided.emplace_back(o.participant.value, o.vacancy.value);
  }
  std::sort(decided.begin(), decided.end());
  graph->arc_preferred.assign(static_cast<size_t>(graph->num_arcs()), 0);
  int64_t marked = 0;
  for (const auto& [participant_id, vacancy_id] : preferred) {
    const auto p = participants.find(participant_id);
    const auto v = vacancies.find(vacancy_id);
    if (p == participants.end() || v == vacancies.end()) continue;
    if (std::binary_search(decided.begin(), decided.end(), std::pair(p->second, v->second))) {
      continue;
    }
    for (int64_t k = graph->arc_begin[At(p->second)]; k < graph->arc_begin[At(p->second) + 1];
         ++k) {
      if (graph->arc_vacancy[static_cast<size_t>(k)].value == v->second) {
        graph->arc_preferred[static_cast<size_t>(k)] = 1;
        ++marked;
      }
    }
  }
  if (marked == 0) graph->arc_preferred.clear();
  return marked;
}

void MarkNew(const Dataset& dataset, const History& history, ProposalSet* set) {
  std::vector<std::pair<std::string, std::string>> listed = history.last_listed;
  std::vector<std::pair<std::string, std::string>> proposed = history.last_proposals;
  std::sort(listed.begin(), listed.end());
  std::sort(proposed.begin(), proposed.end());
  for (Proposal& line : set->proposals) {
    if (!history.has_last_run) {
      line.is_new = true;
      continue;
    }
    const std::pair<std::string, std::string> pair{
        dataset.participants[At(line.participant.value)].id,
        dataset.vacancies[At(line.pair.vacancy.value)].id};
    line.is_new = line.assigned ? !std::binary_search(proposed.begin(), proposed.end(), pair)
                                : !std::binary_search(listed.begin(), listed.end(), pair);
  }
}

std::vector<Placement> ReserveHeldPairs(const std::vector<VacancyIndex>& held,
                                        CandidateGraph* graph) {
  CandidateGraph& g = *graph;
  JOBMATCH_CHECK(held.size() == At(g.num_participants)) << "one held entry per participant";
  std::vector<Placement> reserved;
  std::vector<uint8_t> drop_row(At(g.num_participants), 0);
  for (int32_t p = 0; p < g.num_participants; ++p) {
    const VacancyIndex v = held[At(p)];
    if (!v.valid()) continue;
    for (int64_t k = g.arc_begin[At(p)]; k < g.arc_begin[At(p) + 1]; ++k) {
      if (g.arc_vacancy[static_cast<size_t>(k)] != v) continue;
      int32_t& coordinator = g.coordinator_capacity[At(g.participant_coordinator[At(p)].value)];
      int32_t& vacancy = g.vacancy_capacity[At(v.value)];
      const EmployerIndex e = g.vacancy_employer[At(v.value)];
      int32_t* employer = e.valid() && g.employer_capacity[At(e.value)] >= 0
                              ? &g.employer_capacity[At(e.value)]
                              : nullptr;
      if (coordinator > 0 && vacancy > 0 && (employer == nullptr || *employer > 0)) {
        --coordinator;
        --vacancy;
        if (employer != nullptr) --*employer;
        reserved.push_back(
            Placement{ParticipantIndex(p), v, -1, g.arc_score[static_cast<size_t>(k)]});
        drop_row[At(p)] = 1;
      }
      break;
    }
  }
  if (reserved.empty()) return reserved;
  // Rebuild the rows without the reserved participants' arcs.
  CandidateGraph out = g;
  out.arc_vacancy.clear();
  out.arc_score.clear();
  out.arc_pair.clear();
  out.arc_preferred.clear();
  out.arc_begin.assign(At(g.num_participants) + 1, 0);
  for (int32_t p = 0; p < g.num_participants; ++p) {
    if (!drop_row[At(p)]) {
      for (int64_t k = g.arc_begin[At(p)]; k < g.arc_begin[At(p) + 1]; ++k) {
        const size_t a = static_cast<size_t>(k);
        out.arc_vacancy.push_back(g.arc_vacancy[a]);
        out.arc_score.push_back(g.arc_score[a]);
        out.arc_pair.push_back(g.arc_pair[a]);
        if (!g.arc_preferred.empty()) out.arc_preferred.push_back(g.arc_preferred[a]);
      }
    }
    out.arc_begin[At(p) + 1] = static_cast<int64_t>(out.arc_vacancy.size());
  }
  *graph = std::move(out);
  return reserved;
}

void MergeReserved(const std::vector<Placement>& reserved, AssignmentResult* result) {
  if (reserved.empty()) return;
  for (const Placement& placement : reserved) {
    result->placements.push_back(placement);
    result->total_score += static_cast<double>(placement.score);
  }
  std::stable_sort(result->placements.begin(),
                   result->placements.end(),
                   [](const Placement& a, const Placement& b) {
                     return a.participant.value < b.participant.value;
                   });
}

}  // namespace jobmatch

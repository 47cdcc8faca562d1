#include "whatif/scenario.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>

#include "engine/check.h"
#include "engine/decisions.h"
#include "engine/exclusion_rules.h"
#include "engine/geo.h"
#include "engine/rescore.h"

namespace jobmatch::whatif {
namespace {

// Up to this many re-scored rows run in one thread (a few milliseconds of
// scoring; spreading it over threads costs more CPU time than it saves).
constexpr size_t kSerialRescoreRows = 2'000;

std::optional<Error> Usage(std::string field, std::string value, const std::string& expected) {
  return MakeError(
      ErrorKind::kUsage, "", 0, std::move(field), std::move(value), "expected " + expected);
}

std::vector<VacancyIndex> ActiveVacancies(const Scenario& s) {
  std::vector<VacancyIndex> active;
  active.reserve(s.dataset.vacancies.size());
  for (size_t v = 0; v < s.dataset.vacancies.size(); ++v) {
    if (s.withdrawn[v] == 0) active.emplace_back(static_cast<int32_t>(v));
  }
  return active;
}

std::vector<ParticipantIndex> AllParticipants(const Scenario& s) {
  std::vector<ParticipantIndex> all(s.dataset.participants.size());
  for (size_t p = 0; p < all.size(); ++p) all[p] = ParticipantIndex(static_cast<int32_t>(p));
  return all;
}

// `old` with the rows of `participants` (strictly ascending) replaced by the
// rows of `rows` (row i is participants[i]), counts and totals included. The
// unchanged rows between two replaced ones are copied in one piece.
ScoredPairs ReplaceRows(const ScoredPairs& old,
                        std::span<const ParticipantIndex> participants,
                        const ScoredPairs& rows) {
  const size_t n = old.begin.size() - 1;
  ScoredPairs out;
  out.begin.resize(n + 1);
  out.begin[0] = 0;
  out.pairs.reserve(old.pairs.size() + rows.pairs.size());
  out.excluded = old.excluded;
  out.programme_fail = old.programme_fail;
  out.eligible = old.eligible;
  out.within_reach = old.within_reach;
  out.near_miss = old.near_miss;
  out.pairs_examined = old.pairs_examined;
  out.excluded_total = old.excluded_total;
  size_t next = 0;  // the first old row not copied yet
  auto copy_old_rows = [&](size_t until) {
    const int64_t from = old.begin[next];
    const int64_t shift = static_cast<int64_t>(out.pairs.size()) - from;
    out.pairs.insert(
        out.pairs.end(), old.pairs.begin() + from, old.pairs.begin() + old.begin[until]);
    for (size_t q = next; q < until; ++q) out.begin[q + 1] = old.begin[q + 1] + shift;
  };
  for (size_t i = 0; i < participants.size(); ++i) {
    const auto p = static_cast<size_t>(participants[i].value);
    JOBMATCH_CHECK(p < n && (i == 0 || participants[i - 1] < participants[i]))
        << "rows to replace not strictly ascending";
    copy_old_rows(p);
    const std::span<const ScoredPair> row = rows.For(ParticipantIndex(static_cast<int32_t>(i)));
    out.pairs.insert(out.pairs.end(), row.begin(), row.end());
    out.begin[p + 1] = static_cast<int64_t>(out.pairs.size());
    next = p + 1;
    out.pairs_examined += rows.within_reach[i] - old.within_reach[p];
    for (size_t r = 0; r < static_cast<size_t>(kNumExclusionReasons); ++r) {
      out.excluded_total[r] += rows.excluded[i][r] - old.excluded[p][r];
    }
    out.excluded[p] = rows.excluded[i];
    if (p < out.programme_fail.size() && i < rows.programme_fail.size()) {
      out.programme_fail[p] = rows.programme_fail[i];
    }
    out.eligible[p] = rows.eligible[i];
    out.within_reach[p] = rows.within_reach[i];
    out.near_miss[p] = rows.near_miss[i];
  }
  copy_old_rows(n);
  return out;
}

// The warm solver's graph may only grow, but a scenario restored by undo,
// reset or from a copy may have fewer coordinators or vacancies than the
// last graph solved: pad it with what the solver holds, inert (no
// participants, no arcs, capacity 0, no employer cap), which changes no
// optimum.
CandidateGraph PadToSession(const CandidateGraph& graph, const CandidateGraph& held) {
  CandidateGraph padded = graph;
  while (padded.num_coordinators < held.num_coordinators) {
    padded.coordinator_capacity.push_back(0);
    ++padded.num_coordinators;
  }
  while (padded.num_employers < held.num_employers) {
    padded.employer_capacity.push_back(-1);
    ++padded.num_employers;
  }
  while (padded.num_vacancies < held.num_vacancies) {
    padded.vacancy_capacity.push_back(0);
    padded.vacancy_employer.push_back(
        held.vacancy_employer[static_cast<size_t>(padded.num_vacancies)]);
    ++padded.num_vacancies;
  }
  return padded;
}

// MarkPreferred()'s pairs by index: last run's proposals whose participant
// and vacancy are in the dataset and that no decision in its history names.
std::vector<std::pair<ParticipantIndex, VacancyIndex>> ResolvePreferred(
    const Dataset& d, const std::vector<std::pair<std::string, std::string>>& last) {
  std::vector<std::pair<ParticipantIndex, VacancyIndex>> pairs;
  if (last.empty()) return pairs;
  const auto participants = IndexById(d.participants);
  const auto vacancies = IndexById(d.vacancies);
  std::vector<std::pair<int32_t, int32_t>> decided;
  for (const Outcome& o : d.history) {
    if (o.kind != OutcomeKind::kProposed)
      decided.emplace_back(o.participant.value, o.vacancy.value);
  }
  std::sort(decided.begin(), decided.end());
  for (const auto& [participant_id, vacancy_id] : last) {
    const auto p = participants.find(participant_id);
    const auto v = vacancies.find(vacancy_id);
    if (p == participants.end() || v == vacancies.end()) continue;
    if (std::binary_search(decided.begin(), decided.end(), std::pair(p->second, v->second))) {
      continue;
    }
    pairs.emplace_back(ParticipantIndex(p->second), VacancyIndex(v->second));
  }
  return pairs;
}

// Builds the candidate graph from the scored pairs as the solver sees it:
// last run's proposals marked preferred, held pairs reserved (returned).
std::vector<Placement> BuildGraph(const Scenario& s, CandidateGraph* graph) {
  *graph = BuildCandidateGraph(s.dataset, *s.scored, s.options.candidates);
  CandidateGraph& g = *graph;
  if (!s.preferred.empty()) {
    g.arc_preferred.assign(static_cast<size_t>(g.num_arcs()), 0);
    int64_t marked = 0;
    for (const auto& [p, v] : s.preferred) {
      const auto row = static_cast<size_t>(p.value);
      for (int64_t k = g.arc_begin[row]; k < g.arc_begin[row + 1]; ++k) {
        if (g.arc_vacancy[static_cast<size_t>(k)] == v) {
          g.arc_preferred[static_cast<size_t>(k)] = 1;
          ++marked;
        }
      }
    }
    if (marked == 0) g.arc_preferred.clear();
  }
  if (s.carryover && !s.carryover->held.empty()) return ReserveHeldPairs(s.carryover->held, &g);
  return {};
}

// Rebuilds the candidate graph from the scored pairs and re-solves warm.
std::optional<Error> Resolve(Scenario* s) {
  auto graph = std::make_shared<CandidateGraph>();
  const std::vector<Placement> reserved = BuildGraph(*s, graph.get());
  JOBMATCH_CHECK(graph->IsValid()) << "candidate graph inconsistent after an edit";
  AssignmentResult result = s->solver->Resolve(PadToSession(*graph, s->solver->graph()));
  if (result.status != AssignmentStatus::kOptimal) {
    return MakeError(ErrorKind::kInternal,
                     "",
                     0,
                     "assignment.cost_resolution",
                     std::to_string(s->options.assignment.cost_resolution),
                     "a resolution small enough for this many participants");
  }
  // Drop the padding's duals: nothing else of it reaches the result.
  result.duals.coordinator.resize(static_cast<size_t>(graph->num_coordinators));
  result.duals.vacancy.resize(static_cast<size_t>(graph->num_vacancies));
  result.duals.employer.resize(static_cast<size_t>(graph->num_employers));
  MergeReserved(reserved, &result);
  s->graph = std::move(graph);
  s->result = std::move(result);
  return std::nullopt;
}

std::optional<Error> RescoreParticipants(Scenario* s, std::vector<ParticipantIndex> participants) {
  std::sort(participants.begin(), participants.end());
  participants.erase(std::unique(participants.begin(), participants.end()), participants.end());
  if (!participants.empty()) {
    const std::vector<VacancyIndex> active = ActiveVacancies(*s);
    // A few rows score faster in one thread than the pool of threads costs
    // to start and idle (rows and order never depend on the thread count).
    ScoringOptions options = s->options.scoring;
    if (participants.size() <= kSerialRescoreRows) options.num_threads = 1;
    const ScoredPairs rows =
        ScoreParticipants(s->dataset, *s->reference, options, participants, active);
    s->scored = std::make_shared<const ScoredPairs>(ReplaceRows(*s->scored, participants, rows));
  }
  return Resolve(s);
}

std::optional<Error> RescoreEveryone(Scenario* s) {
  const std::vector<ParticipantIndex> all = AllParticipants(*s);
  const std::vector<VacancyIndex> active = ActiveVacancies(*s);
  s->scored = std::make_shared<const ScoredPairs>(
      ScoreParticipants(s->dataset, *s->reference, s->options.scoring, all, active));
  return Resolve(s);
}

bool ValidWeights(const ScoringWeights& w) {
  return w.skill >= 0 && w.german >= 0 && w.commute >= 0 && w.micro >= 0 &&
         w.skill + w.german + w.commute + w.micro > 0;
}

template <typename Index, typename Records>
std::optional<Index> FindById(const Records& records, const std::string& id) {
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].id == id) return Index(static_cast<int32_t>(i));
  }
  return std::nullopt;
}

}  // namespace

Scenario MakeScenario(Dataset dataset,
                      std::shared_ptr<const ReferenceData> reference,
                      ScenarioOptions options,
                      Carryover carryover) {
  JOBMATCH_CHECK(carryover.held.empty() || carryover.held.size() == dataset.participants.size())
      << "one held entry per participant";
  Scenario s;
  s.reference = std::move(reference);
  s.dataset = std::move(dataset);
  s.withdrawn.assign(s.dataset.vacancies.size(), 0);
  s.options = std::move(options);
  s.preferred = ResolvePreferred(s.dataset, carryover.last_proposals);
  s.carryover = std::make_shared<const Carryover>(std::move(carryover));
  s.scored =
      std::make_shared<const ScoredPairs>(ScoreTopK(s.dataset, *s.reference, s.options.scoring));
  auto graph = std::make_shared<CandidateGraph>();
  const std::vector<Placement> reserved = BuildGraph(s, graph.get());
  s.graph = graph;
  s.solver = std::make_shared<AssignmentSession>(*graph, s.options.assignment);
  s.result = s.solver->Solve();
  if (s.result.status == AssignmentStatus::kOptimal) MergeReserved(reserved, &s.result);
  return s;
}

Carryover ChangedCarryover(const Scenario& s) {
  Carryover out;
  if (!s.carryover) return out;
  out.last_proposals = s.carryover->last_proposals;
  if (s.carryover->held.empty()) return out;
  std::vector<int32_t> new_index(s.dataset.vacancies.size(), -1);
  int32_t next = 0;
  for (size_t v = 0; v < s.dataset.vacancies.size(); ++v) {
    if (s.withdrawn[v] == 0) new_index[v] = next++;
  }
  out.held.resize(s.carryover->held.size());
  for (size_t p = 0; p < out.held.size(); ++p) {
    const VacancyIndex v = s.carryover->held[p];
    if (v.valid() && new_index[static_cast<size_t>(v.value)] >= 0) {
      out.held[p] = VacancyIndex(new_index[static_cast<size_t>(v.value)]);
    }
  }
  return out;
}

Dataset ChangedDataset(const Scenario& s) {
  Dataset out;
  out.participants = s.dataset.participants;
  out.employers = s.dataset.employers;
  out.coordinators = s.dataset.coordinators;
  out.courses = s.dataset.courses;
  std::vector<int32_t> new_index(s.dataset.vacancies.size(), -1);
  for (size_t v = 0; v < s.dataset.vacancies.size(); ++v) {
    if (s.withdrawn[v] != 0) continue;
    new_index[v] = static_cast<int32_t>(out.vacancies.size());
    out.vacancies.push_back(s.dataset.vacancies[v]);
  }
  for (Outcome o : s.dataset.history) {
    const int32_t v = new_index[static_cast<size_t>(o.vacancy.value)];
    if (v < 0) continue;
    o.vacancy = VacancyIndex(v);
    out.history.push_back(o);
  }
  return out;
}

std::optional<Error> SetCapacity(Scenario* s, CoordinatorIndex c, int32_t capacity) {
  if (capacity < 0) {
    return Usage("capacity", std::to_string(capacity), "a capacity of 0 or more");
  }
  s->dataset.coordinators[static_cast<size_t>(c.value)].capacity = capacity;
  return Resolve(s);
}

std::vector<ParticipantIndex> TakeoverParticipants(const Scenario& s,
                                                   CoordinatorIndex from,
                                                   int32_t capacity) {
  const int32_t from_capacity = s.dataset.coordinators[static_cast<size_t>(from.value)].capacity;
  std::vector<ParticipantIndex> unplaced;
  std::vector<ParticipantIndex> placed;
  std::vector<float> placed_score(s.dataset.participants.size(), -1.0f);
  for (const Placement& pl : s.result.placements) {
    placed_score[static_cast<size_t>(pl.participant.value)] = pl.score;
  }
  for (size_t p = 0; p < s.dataset.participants.size(); ++p) {
    if (s.dataset.participants[p].coordinator != from) continue;
    (placed_score[p] < 0 ? unplaced : placed).emplace_back(static_cast<int32_t>(p));
  }
  const auto total = static_cast<int64_t>(unplaced.size() + placed.size());
  const int64_t denominator = static_cast<int64_t>(from_capacity) + capacity;
  const int64_t share =
      denominator <= 0 ? 0 : (total * capacity * 2 + denominator) / (2 * denominator);  // rounded
  auto best_kept = [&](ParticipantIndex p) {
    const std::span<const ScoredPair> row = s.scored->For(p);
    return row.empty() ? -1.0f : row.front().score;
  };
  std::stable_sort(unplaced.begin(), unplaced.end(), [&](ParticipantIndex a, ParticipantIndex b) {
    return best_kept(a) > best_kept(b);
  });
  std::stable_sort(placed.begin(), placed.end(), [&](ParticipantIndex a, ParticipantIndex b) {
    return placed_score[static_cast<size_t>(a.value)] < placed_score[static_cast<size_t>(b.value)];
  });
  std::vector<ParticipantIndex> chosen = std::move(unplaced);
  chosen.insert(chosen.end(), placed.begin(), placed.end());
  chosen.resize(static_cast<size_t>(std::min<int64_t>(share, total)));
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

std::optional<Error> AddCoordinator(Scenario* s,
                                    Coordinator coordinator,
                                    CoordinatorIndex from,
                                    std::vector<ParticipantIndex>* moved) {
  if (coordinator.id.empty() || FindCoordinator(*s, coordinator.id)) {
    return Usage("id", coordinator.id, "the id of a new coordinator");
  }
  if (coordinator.capacity < 0) {
    return Usage("capacity", std::to_string(coordinator.capacity), "a capacity of 0 or more");
  }
  *moved = TakeoverParticipants(*s, from, coordinator.capacity);
  const CoordinatorIndex index(static_cast<int32_t>(s->dataset.coordinators.size()));
  s->dataset.coordinators.push_back(std::move(coordinator));
  for (const ParticipantIndex p : *moved) {
    s->dataset.participants[static_cast<size_t>(p.value)].coordinator = index;
  }
  return Resolve(s);
}

std::optional<Error> SetGermanLevel(Scenario* s,
                                    CefrLevel level,
                                    std::span<const ParticipantIndex> participants) {
  for (const ParticipantIndex p : participants) {
    s->dataset.participants[static_cast<size_t>(p.value)].german = level;
  }
  return RescoreParticipants(s, {participants.begin(), participants.end()});
}

std::vector<ParticipantIndex> CourseParticipants(const Scenario& s, CourseIndex c) {
  std::vector<ParticipantIndex> found;
  const Course& course = s.dataset.courses[static_cast<size_t>(c.value)];
  const ScoringOptions& o = s.options.scoring;
  if (!IsGermanCourse(course.kind)) return found;
  const std::optional<Date> start = course.start_date ? course.start_date : o.run_date;
  if (!start || (o.run_date && *start < *o.run_date)) return found;
  const CommuteModel model = CommuteModelOf(o);
  const UnitVector at = ToUnitVector(course.place.point);
  const int target = static_cast<int>(course.target_level);
  for (size_t p = 0; p < s.dataset.participants.size(); ++p) {
    const Participant& participant = s.dataset.participants[p];
    const int gap = target - static_cast<int>(participant.german);
    if (gap <= 0 || gap > o.course_bridge_max_levels) continue;
    // A course too short (or of the wrong kind) for this participant lifts nothing.
    if (CourseLevelReached(course, participant.german, o) <= participant.german) continue;
    const bool by_car = participant.driving_licence && participant.car;
    const int32_t limit = participant.max_commute_minutes > 0
                              ? participant.max_commute_minutes
                              : (participant.hours_per_week > o.long_day_hours_per_week
                                     ? o.default_commute_minutes_long_day
                                     : o.default_commute_minutes_short_day);
    const double reach = ChordSquaredFromKm(ReachKm(limit, by_car, model));
    if (ChordSquared(ToUnitVector(participant.home.point), at) <= reach) {
      found.emplace_back(static_cast<int32_t>(p));
    }
  }
  return found;
}

std::optional<Error> FinishCourse(Scenario* s,
                                  CourseIndex course,
                                  std::vector<ParticipantIndex>* finished) {
  *finished = CourseParticipants(*s, course);
  // Each to the level the course's length brings them (CourseLevelReached),
  // one re-score per level reached.
  const Course& taken = s->dataset.courses[static_cast<size_t>(course.value)];
  std::array<std::vector<ParticipantIndex>, kNumCefrLevels> by_level;
  for (const ParticipantIndex p : *finished) {
    const CefrLevel reached = CourseLevelReached(
        taken, s->dataset.participants[static_cast<size_t>(p.value)].german, s->options.scoring);
    by_level[static_cast<size_t>(reached)].push_back(p);
  }
  for (int level = 0; level < kNumCefrLevels; ++level) {
    if (by_level[static_cast<size_t>(level)].empty()) continue;
    if (std::optional<Error> error = SetGermanLevel(
            s, static_cast<CefrLevel>(level), by_level[static_cast<size_t>(level)])) {
      return error;
    }
  }
  return std::nullopt;
}

std::optional<Error> SetCommuteLimit(Scenario* s, int32_t minutes) {
  if (minutes <= 0 || minutes > 24 * 60) {
    return Usage("minutes", std::to_string(minutes), "minutes one way between 1 and 1440");
  }
  ScoringOptions& o = s->options.scoring;
  const double ratio = static_cast<double>(o.default_commute_minutes_short_day) /
                       static_cast<double>(o.default_commute_minutes_long_day);
  o.default_commute_minutes_long_day = minutes;
  o.default_commute_minutes_short_day =
      std::max(1, static_cast<int32_t>(std::lround(ratio * minutes)));
  return RescoreEveryone(s);
}

std::optional<Error> SetWeight(Scenario* s, WeightPart part, double value) {
  ScoringWeights weights = s->options.scoring.weights;
  switch (part) {
    case WeightPart::kSkill:
      weights.skill = value;
      break;
    case WeightPart::kGerman:
      weights.german = value;
      break;
    case WeightPart::kCommute:
      weights.commute = value;
      break;
    case WeightPart::kMicro:
      weights.micro = value;
      break;
  }
  if (!std::isfinite(value) || !ValidWeights(weights)) {
    return Usage("weight", std::to_string(value), "a weight >= 0, not all four 0");
  }
  s->options.scoring.weights = weights;
  return RescoreEveryone(s);
}

std::vector<VacancyIndex> EmployerVacancies(const Scenario& s, EmployerIndex e) {
  std::vector<VacancyIndex> found;
  for (size_t v = 0; v < s.dataset.vacancies.size(); ++v) {
    if (s.withdrawn[v] == 0 && s.dataset.vacancies[v].employer == e) {
      found.emplace_back(static_cast<int32_t>(v));
    }
  }
  return found;
}

std::optional<Error> WithdrawVacancies(Scenario* s, std::span<const VacancyIndex> vacancies) {
  std::vector<uint8_t> gone(s->dataset.vacancies.size(), 0);
  for (const VacancyIndex v : vacancies) {
    const auto i = static_cast<size_t>(v.value);
    if (s->withdrawn[i] != 0) continue;
    gone[i] = 1;
    s->withdrawn[i] = 1;
    s->dataset.vacancies[i].openings = 0;
  }
  std::vector<ParticipantIndex> holders;
  for (size_t p = 0; p < s->dataset.participants.size(); ++p) {
    for (const ScoredPair& pair : s->scored->For(ParticipantIndex(static_cast<int32_t>(p)))) {
      if (gone[static_cast<size_t>(pair.vacancy.value)] != 0) {
        holders.emplace_back(static_cast<int32_t>(p));
        break;
      }
    }
  }
  return RescoreParticipants(s, std::move(holders));
}

std::optional<Error> SetOpenings(Scenario* s, VacancyIndex v, int32_t openings) {
  if (s->withdrawn[static_cast<size_t>(v.value)] != 0) {
    return Usage("vacancy",
                 s->dataset.vacancies[static_cast<size_t>(v.value)].id,
                 "a vacancy that is not withdrawn");
  }
  if (openings < 0) {
    return Usage("openings", std::to_string(openings), "a number of openings of 0 or more");
  }
  s->dataset.vacancies[static_cast<size_t>(v.value)].openings = openings;
  return Resolve(s);
}

std::optional<Error> AddVacancy(Scenario* s, Vacancy vacancy) {
  if (vacancy.id.empty() || FindVacancy(*s, vacancy.id)) {
    return Usage("id", vacancy.id, "the id of a new vacancy");
  }
  if (!vacancy.employer.valid() ||
      static_cast<size_t>(vacancy.employer.value) >= s->dataset.employers.size()) {
    return Usage("employer_id", "", "the id of an employer in the dataset");
  }
  if (vacancy.openings < 0) {
    return Usage("openings", std::to_string(vacancy.openings), "a number of openings of 0 or more");
  }
  const VacancyIndex index(static_cast<int32_t>(s->dataset.vacancies.size()));
  s->dataset.vacancies.push_back(std::move(vacancy));
  s->withdrawn.push_back(0);
  const std::vector<ParticipantIndex> all = AllParticipants(*s);
  const std::vector<VacancyIndex> column = {index};
  const ScoredPairs added =
      ScoreParticipants(s->dataset, *s->reference, s->options.scoring, all, column);
  // Merge the column into each row: the rows stay best first and top K long,
  // the counts add up (the new vacancy is one more within reach or not).
  const size_t top_k =
      s->options.scoring.top_k > 0 ? static_cast<size_t>(s->options.scoring.top_k) : 0;
  auto scored = std::make_shared<ScoredPairs>(*s->scored);
  ScoredPairs merged;
  const size_t n = all.size();
  merged.begin.assign(n + 1, 0);
  merged.pairs.reserve(s->scored->pairs.size() + added.pairs.size());
  auto better = [](const ScoredPair& a, const ScoredPair& b) {
    return a.score > b.score || (a.score == b.score && a.vacancy < b.vacancy);
  };
  for (size_t p = 0; p < n; ++p) {
    const ParticipantIndex pi(static_cast<int32_t>(p));
    const std::span<const ScoredPair> row = scored->For(pi);
    const std::span<const ScoredPair> extra = added.For(pi);
    const size_t first = merged.pairs.size();
    std::merge(row.begin(),
               row.end(),
               extra.begin(),
               extra.end(),
               std::back_inserter(merged.pairs),
               better);
    if (top_k > 0 && merged.pairs.size() - first > top_k) merged.pairs.resize(first + top_k);
    merged.begin[p + 1] = static_cast<int64_t>(merged.pairs.size());
    for (size_t r = 0; r < static_cast<size_t>(kNumExclusionReasons); ++r) {
      scored->excluded[p][r] += added.excluded[p][r];
      NearMiss& mine = scored->near_miss[p][r];
      const NearMiss& theirs = added.near_miss[p][r];
      if (theirs.count == 0) continue;
      if (mine.count == 0 || theirs.best_score > mine.best_score ||
          (theirs.best_score == mine.best_score && theirs.best < mine.best)) {
        mine.best = theirs.best;
        mine.best_score = theirs.best_score;
      }
      mine.count += theirs.count;
    }
    scored->eligible[p] += added.eligible[p];
    scored->within_reach[p] += added.within_reach[p];
  }
  scored->begin = std::move(merged.begin);
  scored->pairs = std::move(merged.pairs);
  scored->pairs_examined += added.pairs_examined;
  for (size_t r = 0; r < static_cast<size_t>(kNumExclusionReasons); ++r) {
    scored->excluded_total[r] += added.excluded_total[r];
  }
  s->scored = std::move(scored);
  return Resolve(s);
}

int32_t CountWithoutCandidates(const Scenario& s) {
  // A held pair is reserved outside the graph: its participant has one.
  const CandidateGraph& g = *s.graph;
  std::vector<uint8_t> reserved(static_cast<size_t>(g.num_participants), 0);
  for (const Placement& pl : s.result.placements) {
    if (pl.arc < 0) reserved[static_cast<size_t>(pl.participant.value)] = 1;
  }
  int32_t count = 0;
  for (int32_t p = 0; p < g.num_participants; ++p) {
    if (g.arc_begin[static_cast<size_t>(p)] == g.arc_begin[static_cast<size_t>(p) + 1] &&
        reserved[static_cast<size_t>(p)] == 0) {
      ++count;
    }
  }
  return count;
}

std::optional<CoordinatorIndex> FindCoordinator(const Scenario& s, const std::string& id) {
  return FindById<CoordinatorIndex>(s.dataset.coordinators, id);
}
std::optional<ParticipantIndex> FindParticipant(const Scenario& s, const std::string& id) {
  return FindById<ParticipantIndex>(s.dataset.participants, id);
}
std::optional<VacancyIndex> FindVacancy(const Scenario& s, const std::string& id) {
  return FindById<VacancyIndex>(s.dataset.vacancies, id);
}
std::optional<EmployerIndex> FindEmployer(const Scenario& s, const std::string& id) {
  return FindById<EmployerIndex>(s.dataset.employers, id);
}
std::optional<CourseIndex> FindCourse(const Scenario& s, const std::string& id) {
  return FindById<CourseIndex>(s.dataset.courses, id);
}

}  // namespace jobmatch::whatif

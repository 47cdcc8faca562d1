#include "engine/regional.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "engine/check.h"
#include "engine/geo.h"
#include "engine/internal/scoring_rules.h"

namespace jobmatch {
namespace {

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

// Rows by key with their counts as they are; for people, WithholdPeople
// decides later what is shown.
std::vector<CountRow> Counts(const std::map<std::string, int32_t>& by_key) {
  std::vector<CountRow> rows;
  for (const auto& [key, count] : by_key) {
    CountRow row;
    row.key = key;
    row.count = count;
    rows.push_back(std::move(row));
  }
  return rows;
}

// The rule that stopped a participant without any candidate vacancy.
std::string UnmetRule(const ScoredPairs& scored, int32_t p) {
  const auto i = At(p);
  if (scored.within_reach[i] == 0) return "no_vacancy_in_reach";
  if (scored.eligible[i] > 0) return "below_min_score";
  int best = 0;
  for (int r = 1; r < kNumExclusionReasons; ++r) {
    if (scored.excluded[i][At(r)] > scored.excluded[i][At(best)]) best = r;
  }
  return std::string(ExclusionReasonName(static_cast<ExclusionReason>(best)));
}

struct Membership {
  std::vector<int32_t> participants;
  std::vector<int32_t> vacancies;
};

RegionalSlice MakeSlice(SliceKind kind,
                        std::string key,
                        const Membership& members,
                        const Dataset& dataset,
                        const ReferenceData& reference,
                        const ScoredPairs& scored,
                        const CandidateGraph& graph,
                        const std::vector<bool>& placed,
                        const RegionalOptions& options) {
  RegionalSlice s;
  s.kind = kind;
  s.key = std::move(key);
  s.participants = static_cast<int32_t>(members.participants.size());
  s.vacancies = static_cast<int32_t>(members.vacancies.size());
  s.suppressed = s.participants > 0 && s.participants < options.min_group_size;
  std::map<std::string, int32_t> german, qualification, goal, unmet, by_area_people;
  for (const int32_t p : members.participants) {
    const Participant& who = dataset.participants[At(p)];
    s.proposals += placed[At(p)] ? 1 : 0;
    ++german[std::string(CefrName(who.german))];
    ++qualification[std::string(QualificationName(who.qualification))];
    ++goal[std::string(GoalName(who.goal))];
    if (graph.arc_begin[At(p) + 1] == graph.arc_begin[At(p)]) ++unmet[UnmetRule(scored, p)];
    const std::string area =
        who.occupations.empty() ? "" : OccupationArea(who.occupations.front(), reference);
    ++by_area_people[area];
  }
  std::map<std::string, int32_t> area_openings, area_vacancies, kinds, sizes;
  for (const int32_t v : members.vacancies) {
    const Vacancy& vac = dataset.vacancies[At(v)];
    s.openings += vac.openings;
    const std::string area = OccupationArea(vac.occupation, reference);
    area_openings[area] += vac.openings;
    ++area_vacancies[area];
    kinds[std::string(VacancyKindName(vac.kind))] += vac.openings;
    sizes[std::string(SizeClassName(
        SizeClassOf(dataset.employers[At(vac.employer.value)].staff)))] += vac.openings;
  }
  s.participants_by_german = Counts(german);
  s.participants_by_qualification = Counts(qualification);
  s.participants_by_goal = Counts(goal);
  s.unmet_by_rule = Counts(unmet);
  s.vacancies_by_area = Counts(area_openings);
  s.vacancies_by_kind = Counts(kinds);
  s.vacancies_by_size = Counts(sizes);
  std::set<std::string> areas;
  for (const auto& [area, n] : by_area_people) areas.insert(area);
  for (const auto& [area, n] : area_openings) areas.insert(area);
  for (const std::string& area : areas) {
    AreaBalance b;
    b.area = area;
    const auto people = by_area_people.find(area);
    const int32_t n = people == by_area_people.end() ? 0 : people->second;
    b.participants = n;
    const auto open = area_openings.find(area);
    b.openings = open == area_openings.end() ? 0 : open->second;
    const auto vac = area_vacancies.find(area);
    b.vacancies = vac == area_vacancies.end() ? 0 : vac->second;
    s.balance.push_back(std::move(b));
  }
  return s;
}

std::vector<bool> PlacedOf(int32_t participants, const AssignmentResult& result) {
  std::vector<bool> placed(At(participants), false);
  for (const Placement& p : result.placements) placed[At(p.participant.value)] = true;
  return placed;
}

// Which cells of `values` to withhold (see CourseNeed::reach), given `sums`
// (each: the total's cell first, then its parts) that let a reader work out
// any one cell of a sum from the others. Primary: 1 to min - 1, and every
// cell of `withheld_rows`. Then, until no sum has exactly one withheld cell,
// one more cell of each such sum (a complement): the smallest non-zero part
// that may be withheld, else the total. Cells in `published` are shown
// elsewhere whatever is decided here (a slice's participants), so they are
// never chosen and withholding them would protect nothing.
//
// A complement must not give itself away: it is never a cell that would be
// the only withheld one of another sum with nothing left in it to withhold
// (a slice whose only non-zero cell equals its published total). When a
// complement still ends up alone in such a sum, it is barred from being a
// complement and the choice starts over; when a primary cell's sum has only
// barred cells left, the smallest of them is withheld for good (one that
// would not be alone as above if there is one; it then needs complements of
// its own) and the choice starts over. Both sets only grow, so this ends;
// the same input gives the same choice. A withheld 0 (of a slice withheld
// whole) needs no complement. When nothing at all is left to protect a
// withheld count, it is put into `stuck` (and nothing is returned) if given;
// else that is a fatal error.
using Cell = std::pair<size_t, size_t>;
std::vector<std::vector<uint8_t>> WithholdCounts(
    const std::vector<std::vector<int32_t>>& values,
    const std::vector<std::vector<Cell>>& sums,
    int32_t min,
    const std::vector<bool>& withheld_rows = {},
    const std::vector<std::vector<uint8_t>>& published = {},
    std::optional<Cell>* stuck = nullptr) {
  enum : uint8_t { kShown = 0, kPrimary, kForced, kComplement };
  std::vector<std::vector<uint8_t>> primary(values.size());
  std::vector<std::vector<std::vector<size_t>>> sums_of(values.size());  // cell -> sums
  for (size_t i = 0; i < values.size(); ++i) {
    const bool row = i < withheld_rows.size() && withheld_rows[i];
    for (const int32_t v : values[i]) {
      primary[i].push_back(row || (v > 0 && v < min) ? kPrimary : kShown);
    }
    sums_of[i].resize(values[i].size());
  }
  for (size_t s = 0; s < sums.size(); ++s) {
    for (const Cell& c : sums[s]) sums_of[c.first][c.second].push_back(s);
  }
  auto value = [&](const Cell& c) { return values[c.first][c.second]; };
  auto is_published = [&](const Cell& c) {
    return c.first < published.size() && published[c.first][c.second] != 0;
  };
  std::set<Cell> barred;  // complements that gave themselves away
  std::set<Cell> forced;  // withheld for good to protect a primary cell
  std::vector<std::vector<uint8_t>> state;
  for (bool again = true; again;) {
    again = false;
    state = primary;
    for (const Cell& c : forced) state[c.first][c.second] = kForced;
    std::vector<int32_t> hidden_in(sums.size(), 0);  // withheld cells per sum
    auto is_hidden = [&](const Cell& c) { return state[c.first][c.second] != kShown; };
    for (size_t s = 0; s < sums.size(); ++s) {
      hidden_in[s] = static_cast<int32_t>(std::count_if(sums[s].begin(), sums[s].end(), is_hidden));
    }
    auto may_hide = [&](const Cell& c) {
      return !is_hidden(c) && !is_published(c) && value(c) > 0;
    };
    // Would withholding c leave it alone in a sum with nothing else (not
    // barred, unless `barred_too`) to withhold?
    auto alone = [&](const Cell& c, bool barred_too) {
      for (const size_t s : sums_of[c.first][c.second]) {
        if (hidden_in[s] != 0) continue;
        const bool other = std::any_of(sums[s].begin(), sums[s].end(), [&](const Cell& d) {
          return d != c && may_hide(d) && (barred_too || !barred.contains(d));
        });
        if (!other) return true;
      }
      return false;
    };
    auto may_complement = [&](const Cell& c) {
      return may_hide(c) && !barred.contains(c) && !alone(c, false);
    };
    auto may_force = [&](const Cell& c) { return may_hide(c) && !alone(c, true); };
    // The smallest non-zero part that passes `ok`, else the total if it does.
    auto smallest = [&](const std::vector<Cell>& sum, const auto& ok) -> const Cell* {
      const Cell* pick = nullptr;
      for (size_t k = 1; k < sum.size(); ++k) {
        if (ok(sum[k]) && (pick == nullptr || value(sum[k]) < value(*pick))) pick = &sum[k];
      }
      if (pick == nullptr && ok(sum.front())) pick = sum.data();
      return pick;
    };
    auto hide = [&](const Cell& c, uint8_t why) {
      state[c.first][c.second] = why;
      for (const size_t s : sums_of[c.first][c.second]) ++hidden_in[s];
    };
    for (bool changed = true; changed && !again;) {
      changed = false;
      for (size_t s = 0; s < sums.size() && !again; ++s) {
        if (hidden_in[s] != 1) continue;
        const std::vector<Cell>& sum = sums[s];
        const Cell lone = *std::find_if(sum.begin(), sum.end(), is_hidden);
        if (value(lone) == 0) continue;  // a withheld slice's 0 gives nobody away
        if (const Cell* pick = smallest(sum, may_complement)) {
          hide(*pick, kComplement);
          changed = true;
          continue;
        }
        again = true;
        if (state[lone.first][lone.second] == kComplement) {
          barred.insert(lone);
          continue;
        }
        const Cell* pick = smallest(sum, may_force);
        if (pick == nullptr) pick = smallest(sum, may_hide);
        if (pick == nullptr && stuck != nullptr) {
          *stuck = lone;
          return {};
        }
        JOBMATCH_CHECK(pick != nullptr) << "a withheld count cannot be protected";
        forced.insert(*pick);
      }
    }
  }
  for (std::vector<uint8_t>& row : state) {
    for (uint8_t& cell : row) cell = cell == kShown ? 0 : 1;
  }
  return state;
}

PeopleCount Shown(int32_t count, uint8_t hidden) {
  if (hidden == 0) return {count, false};
  return {0, true};
}

// Where each participant counts in CourseNeed::reach (rows as the slices).
struct ReachRows {
  std::vector<std::pair<SliceKind, std::string>> rows;  // kind, key
  std::vector<size_t> district;                         // by participant
  std::vector<size_t> coordinator;                      // by participant
};

// The gaining participant's course to `level` (CourseReach): -1 and kNone
// when no course within reach lifts them to it.
enum class Reach : int8_t { kInTime = 0, kTooLate, kNone };
struct PersonReach {
  Reach reach = Reach::kNone;
  int32_t course = -1;
};

PersonReach ReachOf(const internal::ParticipantRules& rules,
                    CefrLevel level,
                    const std::vector<internal::VacancyRules>& gained) {
  const auto l = static_cast<size_t>(level);
  const internal::CourseChoice& first = rules.by_date[l];
  for (const internal::VacancyRules& v : gained) {
    if (v.has_deadline && first.course >= 0 && first.finish <= v.deadline) {
      return {Reach::kInTime, first.course};
    }
  }
  for (const internal::VacancyRules& v : gained) {
    if (!v.has_deadline && rules.by_length[l].course >= 0) {
      return {Reach::kInTime, rules.by_length[l].course};
    }
  }
  if (first.course >= 0) return {Reach::kTooLate, first.course};
  return {};
}

CourseNeed CourseNeedFor(CefrLevel level,
                         const SensitivityInputs& inputs,
                         const CandidateGraph& graph,
                         const AssignmentResult& result,
                         const ReachRows& rows,
                         const RegionalOptions& options) {
  CourseNeed need;
  need.level = level;
  need.proposals_before = static_cast<int32_t>(result.placements.size());
  const Dataset& dataset = *inputs.dataset;
  Dataset raised = dataset;
  std::vector<int32_t> who;
  for (size_t p = 0; p < raised.participants.size(); ++p) {
    if (raised.participants[p].german < level) {
      raised.participants[p].german = level;
      who.push_back(static_cast<int32_t>(p));
    }
  }
  need.below = static_cast<int32_t>(who.size());
  if (need.below < options.min_group_size) {
    need.suppressed = true;
    need.below = 0;
    return need;
  }
  const ScoredPairs scored = ScoreTopK(raised, *inputs.reference, inputs.scoring);
  const CandidateGraph changed = BuildCandidateGraph(raised, scored, inputs.candidates);
  const AssignmentResult after = AssignParticipants(changed, inputs.assignment);
  JOBMATCH_CHECK(after.status == AssignmentStatus::kOptimal) << "course re-solve failed";
  need.proposals_after = static_cast<int32_t>(after.placements.size());
  const std::vector<bool> placed_after = PlacedOf(changed.num_participants, after);

  // Courses as the scorer sees them, for each person at their level today.
  const internal::RuleTables tables = internal::BuildRuleTables(dataset, inputs.scoring);
  const CommuteModel model = CommuteModelOf(inputs.scoring);
  constexpr size_t kColumns = 4;  // gaining, in time, too late, none
  std::vector<std::vector<int32_t>> counts(rows.rows.size(), std::vector<int32_t>(kColumns, 0));
  std::map<int32_t, std::array<int32_t, 2>> by_course;  // course -> in time, too late
  std::vector<std::map<int32_t, int32_t>> in_time_by_row(rows.rows.size());  // course -> people
  int32_t raised_placed = 0;
  for (const int32_t p : who) {
    const auto i = At(p);
    raised_placed += placed_after[i] ? 1 : 0;
    std::vector<VacancyIndex> before(graph.arc_vacancy.begin() + graph.arc_begin[i],
                                     graph.arc_vacancy.begin() + graph.arc_begin[i + 1]);
    std::sort(before.begin(), before.end());
    std::vector<internal::VacancyRules> gained;
    for (int64_t a = changed.arc_begin[i]; a < changed.arc_begin[i + 1]; ++a) {
      const VacancyIndex v = changed.arc_vacancy[At(a)];
      if (std::binary_search(before.begin(), before.end(), v)) continue;
      gained.push_back(internal::RulesOfVacancy(dataset.vacancies[At(v.value)], 1, inputs.scoring));
    }
    if (gained.empty()) continue;
    internal::ParticipantRules rules;
    internal::BuildParticipantRules(dataset, tables, inputs.scoring, model, p, &rules);
    const PersonReach reach = ReachOf(rules, level, gained);
    const size_t column = 1 + static_cast<size_t>(reach.reach);
    for (const size_t row : {size_t{0}, rows.district[i], rows.coordinator[i]}) {
      ++counts[row][0];
      ++counts[row][column];
      if (reach.reach == Reach::kInTime) ++in_time_by_row[row][reach.course];
    }
    if (reach.course >= 0) ++by_course[reach.course][reach.reach == Reach::kInTime ? 0 : 1];
  }
  const int32_t min = options.min_group_size;
  need.raised_placed_after = Shown(raised_placed, raised_placed > 0 && raised_placed < min ? 1 : 0);

  // Sums: each row; each column over the districts and over the coordinators.
  std::vector<std::vector<Cell>> sums;
  for (size_t r = 0; r < rows.rows.size(); ++r) sums.push_back({{r, 0}, {r, 1}, {r, 2}, {r, 3}});
  for (const SliceKind kind : {SliceKind::kDistrict, SliceKind::kCoordinator}) {
    for (size_t c = 0; c < kColumns; ++c) {
      std::vector<Cell> sum = {{0, c}};
      for (size_t r = 1; r < rows.rows.size(); ++r) {
        if (rows.rows[r].first == kind) sum.emplace_back(r, c);
      }
      sums.push_back(std::move(sum));
    }
  }
  const std::vector<std::vector<uint8_t>> hidden =
      WithholdCounts(counts, sums, options.min_group_size);

  for (const auto& [course, n] : by_course) {
    const Course& c = dataset.courses[At(course)];
    CourseOffer offer;
    offer.course = CourseIndex(course);
    offer.id = c.id;
    offer.kind = c.kind;
    offer.target_level = c.target_level;
    offer.place_name = c.place.name;
    offer.district_key = c.place.district_key;
    offer.start_date = c.start_date;
    offer.weeks = c.weeks;
    offer.in_time = {n[0], false};
    offer.too_late = {n[1], false};
    need.offers.push_back(std::move(offer));
  }
  std::stable_sort(
      need.offers.begin(), need.offers.end(), [](const CourseOffer& a, const CourseOffer& b) {
        if (a.in_time.count != b.in_time.count) return a.in_time.count > b.in_time.count;
        return a.too_late.count > b.too_late.count;
      });
  std::map<int32_t, int32_t> offer_of;  // course -> index into offers
  for (size_t o = 0; o < need.offers.size(); ++o) {
    offer_of[need.offers[o].course.value] = static_cast<int32_t>(o);
  }
  for (size_t r = 0; r < rows.rows.size(); ++r) {
    CourseReach reach;
    reach.kind = rows.rows[r].first;
    reach.key = rows.rows[r].second;
    reach.gaining = Shown(counts[r][0], hidden[r][0]);
    reach.in_time = Shown(counts[r][1], hidden[r][1]);
    reach.too_late = Shown(counts[r][2], hidden[r][2]);
    reach.none = Shown(counts[r][3], hidden[r][3]);
    int32_t most = 0;
    for (const auto& [course, n] : in_time_by_row[r]) {
      const int32_t o = offer_of.at(course);
      if (n > most || (n == most && o < reach.best_offer)) {
        most = n;
        reach.best_offer = o;
      }
    }
    need.reach.push_back(std::move(reach));
  }
  for (CourseOffer& offer : need.offers) {
    for (PeopleCount* n : {&offer.in_time, &offer.too_late}) {
      *n = Shown(n->count, n->count > 0 && n->count < min ? 1 : 0);
    }
  }
  return need;
}

}  // namespace

// The people tables of every slice (German level, qualification, goal, the
// rule that left people without a vacancy, people by occupational area),
// withheld so that no withheld count can be worked out from what is
// published: within a slice, where a table's parts add up to the slice's
// participants (not for the unmet rules, whose total is the sum of what is
// shown), and across slices, where the districts' cells and the
// coordinators' cells add up to the region's. A slice under the minimum is
// withheld whole, and its cells count as withheld in those sums.
void WithholdPeople(std::vector<RegionalSlice>& slices, int32_t min) {
  struct Ref {
    int32_t* count;
    bool* suppressed;
  };
  struct Table {
    size_t slice;
    int kind;               // 0..3: the CountRow tables below, 4: balance
    std::vector<Ref> refs;  // in key order
    std::vector<std::string> keys;
  };
  std::vector<Table> tables;
  std::vector<std::vector<uint8_t>> withheld;
  // Until no count is left that cannot be protected (each round withholds
  // one more slice whole, so this ends).
  for (bool again = true; again;) {
    again = false;
    // The districts' participants and the coordinators' add up to the region's,
    // and those of a slice not withheld are published: one withheld slice among
    // them would be the region's less the others, so the smallest other one
    // with participants is withheld with it.
    for (const SliceKind part : {SliceKind::kDistrict, SliceKind::kCoordinator}) {
      int withheld_slices = 0;
      RegionalSlice* smallest = nullptr;
      for (RegionalSlice& s : slices) {
        if (s.kind != part) continue;
        if (s.suppressed) {
          ++withheld_slices;
        } else if (s.participants > 0 &&
                   (smallest == nullptr || s.participants < smallest->participants)) {
          smallest = &s;
        }
      }
      if (withheld_slices == 1 && smallest != nullptr) smallest->suppressed = true;
    }
    constexpr int kTables = 5;
    constexpr int kUnmet = 3;
    tables.clear();
    for (size_t i = 0; i < slices.size(); ++i) {
      RegionalSlice& s = slices[i];
      std::vector<CountRow>* rows[] = {&s.participants_by_german,
                                       &s.participants_by_qualification,
                                       &s.participants_by_goal,
                                       &s.unmet_by_rule};
      for (int kind = 0; kind < kTables; ++kind) {
        Table t{i, kind, {}, {}};
        if (kind < 4) {
          for (CountRow& r : *rows[kind]) {
            t.refs.push_back({&r.count, &r.suppressed});
            t.keys.push_back(r.key);
          }
        } else {
          for (AreaBalance& b : s.balance) {
            t.refs.push_back({&b.participants, &b.suppressed});
            t.keys.push_back(b.area);
          }
        }
        tables.push_back(std::move(t));
      }
    }
    // One row per table: the slice's participants first (the total, published
    // unless the slice is withheld), then the cells.
    std::vector<std::vector<int32_t>> values;
    std::vector<bool> withheld_rows;
    std::vector<std::vector<uint8_t>> published;
    std::vector<std::vector<Cell>> sums;
    for (size_t r = 0; r < tables.size(); ++r) {
      const Table& t = tables[r];
      const RegionalSlice& s = slices[t.slice];
      std::vector<int32_t> row = {s.participants};
      for (const Ref& ref : t.refs) row.push_back(*ref.count);
      published.emplace_back(row.size(), 0);
      published.back().front() = s.suppressed ? 0 : 1;
      values.push_back(std::move(row));
      withheld_rows.push_back(s.suppressed);
      if (t.kind != kUnmet && !s.suppressed) {
        std::vector<Cell> sum = {{r, 0}};
        for (size_t k = 0; k < t.refs.size(); ++k) sum.emplace_back(r, k + 1);
        sums.push_back(std::move(sum));
      }
    }
    for (size_t r = 0; r < tables.size(); ++r) {
      const Table& all = tables[r];
      if (slices[all.slice].kind != SliceKind::kAll) continue;
      for (size_t k = 0; k < all.keys.size(); ++k) {
        for (const SliceKind part : {SliceKind::kDistrict, SliceKind::kCoordinator}) {
          std::vector<Cell> sum = {{r, k + 1}};
          for (size_t q = 0; q < tables.size(); ++q) {
            const Table& t = tables[q];
            if (t.kind != all.kind || slices[t.slice].kind != part) continue;
            const auto at = std::find(t.keys.begin(), t.keys.end(), all.keys[k]);
            if (at != t.keys.end()) {
              sum.emplace_back(q, static_cast<size_t>(at - t.keys.begin()) + 1);
            }
          }
          sums.push_back(std::move(sum));
        }
      }
    }
    std::optional<Cell> stuck;
    withheld = WithholdCounts(values, sums, min, withheld_rows, published, &stuck);
    if (stuck.has_value()) {
      // A count that no other count can protect (a slice's only other count
      // equals its published participants): its slice is withheld whole.
      RegionalSlice& s = slices[tables[stuck->first].slice];
      JOBMATCH_CHECK(!s.suppressed && s.kind != SliceKind::kAll)
          << "a withheld count cannot be protected";
      s.suppressed = true;
      again = true;
    }
  }
  for (size_t r = 0; r < tables.size(); ++r) {
    for (size_t k = 0; k < tables[r].refs.size(); ++k) {
      if (withheld[r][k + 1] == 0) continue;
      *tables[r].refs[k].count = 0;
      *tables[r].refs[k].suppressed = true;
    }
  }
  for (RegionalSlice& s : slices) {
    if (!s.suppressed) continue;
    s.participants = 0;
    s.proposals = 0;
    s.participants_by_german.clear();
    s.participants_by_qualification.clear();
    s.participants_by_goal.clear();
    s.unmet_by_rule.clear();
  }
}

void WithholdCapacity(std::vector<CapacityValue>& capacity,
                      const std::vector<RegionalSlice>& slices) {
  std::set<std::string> withheld;
  for (const RegionalSlice& s : slices) {
    if (s.kind == SliceKind::kCoordinator && s.suppressed) withheld.insert(s.key);
  }
  for (CapacityValue& c : capacity) {
    if (!withheld.contains(c.id)) continue;
    c.withheld = true;
    c.participants = 0;
    c.proposals = 0;
  }
}

std::string OccupationArea(const OccupationRef& occupation, const ReferenceData& reference) {
  if (occupation.kldb.valid()) return reference.kldb[At(occupation.kldb.value)].code.substr(0, 2);
  if (!occupation.esco.valid()) return "";
  const std::string& isco = reference.occupations[At(occupation.esco.value)].isco_code;
  for (const KldbOccupation& k : reference.kldb) {
    if (std::find(k.isco_codes.begin(), k.isco_codes.end(), isco) != k.isco_codes.end()) {
      return k.code.substr(0, 2);
    }
  }
  return "";
}

RegionalSummary SummariseRegion(const SensitivityInputs& inputs,
                                const ScoredPairs& scored,
                                const CandidateGraph& graph,
                                const AssignmentResult& result,
                                const RegionalOptions& options) {
  JOBMATCH_CHECK(inputs.dataset != nullptr && inputs.reference != nullptr)
      << "regional summary without dataset or reference data";
  const Dataset& dataset = *inputs.dataset;
  const ReferenceData& reference = *inputs.reference;
  RegionalSummary summary;
  summary.min_group_size = options.min_group_size;
  const std::vector<bool> placed = PlacedOf(graph.num_participants, result);

  Membership all;
  std::map<std::string, Membership> districts;
  std::vector<Membership> coordinators(dataset.coordinators.size());
  for (size_t p = 0; p < dataset.participants.size(); ++p) {
    const Participant& who = dataset.participants[p];
    const auto i = static_cast<int32_t>(p);
    all.participants.push_back(i);
    districts[who.home.district_key].participants.push_back(i);
    coordinators[At(who.coordinator.value)].participants.push_back(i);
  }
  for (size_t v = 0; v < dataset.vacancies.size(); ++v) {
    const auto i = static_cast<int32_t>(v);
    all.vacancies.push_back(i);
    districts[dataset.vacancies[v].place.district_key].vacancies.push_back(i);
    for (size_t c = 0; c < dataset.coordinators.size(); ++c) {
      if (dataset.coordinators[c].district == dataset.vacancies[v].place.district_key) {
        coordinators[c].vacancies.push_back(i);
      }
    }
  }
  auto slice = [&](SliceKind kind, std::string key, const Membership& members) {
    summary.slices.push_back(MakeSlice(
        kind, std::move(key), members, dataset, reference, scored, graph, placed, options));
  };
  slice(SliceKind::kAll, "", all);
  for (const auto& [key, members] : districts) {
    if (!members.participants.empty()) slice(SliceKind::kDistrict, key, members);
  }
  for (size_t c = 0; c < coordinators.size(); ++c) {
    slice(SliceKind::kCoordinator, dataset.coordinators[c].id, coordinators[c]);
  }
  WithholdPeople(summary.slices, options.min_group_size);

  ReachRows rows;
  rows.district.assign(dataset.participants.size(), 0);
  rows.coordinator.assign(dataset.participants.size(), 0);
  std::map<std::string, size_t> district_row;
  std::vector<size_t> coordinator_row(dataset.coordinators.size(), 0);
  for (const RegionalSlice& s : summary.slices) {
    if (s.kind == SliceKind::kDistrict) district_row[s.key] = rows.rows.size();
    if (s.kind == SliceKind::kCoordinator) {
      for (size_t c = 0; c < dataset.coordinators.size(); ++c) {
        if (dataset.coordinators[c].id == s.key) coordinator_row[c] = rows.rows.size();
      }
    }
    rows.rows.emplace_back(s.kind, s.key);
  }
  for (size_t p = 0; p < dataset.participants.size(); ++p) {
    const Participant& who = dataset.participants[p];
    rows.district[p] = district_row.at(who.home.district_key);
    rows.coordinator[p] = coordinator_row[At(who.coordinator.value)];
  }
  for (const CefrLevel level : {CefrLevel::kB1, CefrLevel::kB2}) {
    summary.course_needs.push_back(CourseNeedFor(level, inputs, graph, result, rows, options));
  }

  AssignmentSession session(graph, inputs.assignment);
  const AssignmentResult base = session.Solve();
  const double resolution = static_cast<double>(inputs.assignment.cost_resolution);
  std::vector<int32_t> proposals(dataset.coordinators.size(), 0);
  for (const Placement& p : result.placements) {
    ++proposals[At(graph.participant_coordinator[At(p.participant.value)].value)];
  }
  CandidateGraph changed = graph;
  for (size_t c = 0; c < dataset.coordinators.size(); ++c) {
    CapacityValue value;
    value.coordinator = CoordinatorIndex(static_cast<int32_t>(c));
    value.id = dataset.coordinators[c].id;
    value.fte = dataset.coordinators[c].fte;
    value.capacity = graph.coordinator_capacity[c];
    value.participants = static_cast<int32_t>(coordinators[c].participants.size());
    value.proposals = proposals[c];
    value.yearly_target = value.fte * options.placements_per_fte_year;
    if (c < result.duals.coordinator.size()) {
      value.dual_value = std::max(
          0.0, static_cast<double>(result.duals.coordinator[c] - result.duals.sink) / resolution);
    }
    changed.coordinator_capacity[c] += 1;
    const AssignmentResult more = session.Resolve(changed);
    changed.coordinator_capacity[c] -= 1;
    value.extra_proposals =
        static_cast<int32_t>(more.placements.size()) - static_cast<int32_t>(base.placements.size());
    value.objective_gain = static_cast<double>(base.total_cost - more.total_cost) / resolution;
    summary.capacity.push_back(std::move(value));
  }
  WithholdCapacity(summary.capacity, summary.slices);
  return summary;
}

}  // namespace jobmatch

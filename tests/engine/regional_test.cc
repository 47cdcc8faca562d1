// Tests engine/regional.h's course reach on hand-made datasets with known
// answers: who would gain a vacancy with B1, and whether a course to B1 is
// within their commute reach and finishes before one of those vacancies
// starts; and the withholding of small counts and of counts that would give
// a small one away, checked by an auditor that works out what it can from
// the published figures alone, on hand-made and on random regions.

#include "engine/regional.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "loaders/load_dataset.h"
#include "loaders/reference_loader.h"
#include "tests/engine/scoring_fixtures.h"

namespace jobmatch {
namespace {

using fixtures::AddParticipant;
using fixtures::AddVacancy;
using fixtures::kBernburg;
using fixtures::Offset;

constexpr Date kRunDate{20'414};  // 2025-11-22

struct Region {
  ReferenceData reference = fixtures::TinyReference();
  Dataset dataset = fixtures::EmptyDataset();
  SensitivityInputs inputs;
  Date run_date = kRunDate;
  RegionalSummary summary;

  void Summarise(int32_t min_group_size) {
    inputs.dataset = &dataset;
    inputs.reference = &reference;
    inputs.scoring.num_threads = 1;
    inputs.scoring.run_date = run_date;
    const ScoredPairs scored = ScoreTopK(dataset, reference, inputs.scoring);
    const CandidateGraph graph = BuildCandidateGraph(dataset, scored, inputs.candidates);
    const AssignmentResult result = AssignParticipants(graph, inputs.assignment);
    RegionalOptions options;
    options.min_group_size = min_group_size;
    summary = SummariseRegion(inputs, scored, graph, result, options);
  }
  // n people at `home` with A0 German, and a B1 vacancy 2 km away that starts
  // 200 days after the run date: A0 is three levels below, beyond the
  // tolerance and beyond any course bridge, so only B1 opens it.
  void AddPeople(int n, GeoPoint home, const std::string& district, int32_t coordinator) {
    for (int i = 0; i < n; ++i) {
      Participant& p = AddParticipant(&dataset, home);
      p.german = CefrLevel::kA0;
      p.home.district_key = district;
      p.coordinator = CoordinatorIndex(coordinator);
    }
    Vacancy& v = AddVacancy(&dataset, Offset(home, 0, 2));
    v.min_german = CefrLevel::kB1;
    v.start_date = Date{kRunDate.days + 200};
    v.place.district_key = district;
  }
  // An integration course to B1 at `place`, 12 weeks of 50 units (600: A0 to
  // B1), starting `start` days after the run date.
  void AddCourse(const std::string& id, GeoPoint place, int32_t start) {
    Course c;
    c.id = id;
    c.kind = CourseKind::kIntegration;
    c.target_level = CefrLevel::kB1;
    c.place = fixtures::PlaceAt(place);
    c.place.name = "Ort " + id;
    c.start_date = Date{kRunDate.days + start};
    c.weeks = 12;
    c.lessons_per_week = 50;
    dataset.courses.push_back(c);
  }
  void AddCoordinator(const std::string& id) {
    Coordinator c = dataset.coordinators.front();
    c.id = id;
    dataset.coordinators.push_back(c);
  }
  const CourseReach& Reach(CefrLevel level, SliceKind kind, const std::string& key) const {
    for (const CourseNeed& need : summary.course_needs) {
      if (need.level != level) continue;
      for (const CourseReach& r : need.reach) {
        if (r.kind == kind && r.key == key) return r;
      }
    }
    ADD_FAILURE() << "no row " << key;
    static const CourseReach kNone;
    return kNone;
  }
};

// 1 to 4 people: figure shown, not withheld (min_group_size 1).
void ExpectCounts(const CourseReach& r, int gaining, int in_time, int too_late, int none) {
  SCOPED_TRACE(r.key);
  for (const PeopleCount* n : {&r.gaining, &r.in_time, &r.too_late, &r.none}) {
    EXPECT_FALSE(n->withheld);
  }
  EXPECT_EQ(r.gaining.count, gaining);
  EXPECT_EQ(r.in_time.count, in_time);
  EXPECT_EQ(r.too_late.count, too_late);
  EXPECT_EQ(r.none.count, none);
}

TEST(CourseReach, InTimeTooLateAndTooFarOnAHandMadeDistrict) {
  Region run;
  run.AddCoordinator("K2");
  // A at Bernburg: course X 1 km away finishes on day 94, before the
  // vacancy's day 200. B 100 km north: course Y beside them starts on day
  // 150 and finishes on day 234, too late. C 200 km north: course Z 40 km
  // east of them is beyond 75 minutes by public transport (18 km).
  const GeoPoint a = kBernburg;
  const GeoPoint b = Offset(kBernburg, 0, 100);
  const GeoPoint c = Offset(kBernburg, 0, 200);
  run.AddPeople(1, a, "15089", 0);
  run.AddPeople(1, b, "15089", 0);
  run.AddPeople(1, c, "15001", 1);
  run.AddCourse("X", Offset(a, 1, 0), 10);
  run.AddCourse("Y", b, 150);
  run.AddCourse("Z", Offset(c, 40, 0), 0);
  run.Summarise(1);

  ASSERT_EQ(run.summary.course_needs.size(), 2u);
  const CourseNeed& b1 = run.summary.course_needs[0];
  EXPECT_EQ(b1.below, 3);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kAll, ""), 3, 1, 1, 1);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kDistrict, "15089"), 2, 1, 1, 0);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kDistrict, "15001"), 1, 0, 0, 1);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kCoordinator, "K1"), 2, 1, 1, 0);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kCoordinator, "K2"), 1, 0, 0, 1);
  // The courses that are someone's: X in time for A, Y the nearest chance
  // for B, too late; Z is nobody's.
  ASSERT_EQ(b1.offers.size(), 2u);
  EXPECT_EQ(b1.offers[0].id, "X");
  EXPECT_EQ(b1.offers[0].place_name, "Ort X");
  EXPECT_EQ(b1.offers[0].kind, CourseKind::kIntegration);
  EXPECT_EQ(b1.offers[0].start_date, (Date{kRunDate.days + 10}));
  EXPECT_EQ(b1.offers[0].in_time.count, 1);
  EXPECT_EQ(b1.offers[0].too_late.count, 0);
  EXPECT_EQ(b1.offers[1].id, "Y");
  EXPECT_EQ(b1.offers[1].in_time.count, 0);
  EXPECT_EQ(b1.offers[1].too_late.count, 1);
  EXPECT_EQ(run.Reach(CefrLevel::kB1, SliceKind::kAll, "").best_offer, 0);
  EXPECT_EQ(run.Reach(CefrLevel::kB1, SliceKind::kDistrict, "15089").best_offer, 0);
  EXPECT_EQ(run.Reach(CefrLevel::kB1, SliceKind::kDistrict, "15001").best_offer, -1);

  // B2 opens the same vacancies, but an integration course stops at B1: no
  // course within anyone's reach leads to B2.
  ExpectCounts(run.Reach(CefrLevel::kB2, SliceKind::kAll, ""), 3, 0, 0, 3);
  EXPECT_TRUE(run.summary.course_needs[1].offers.empty());

  // Y starting on day 100 finishes on day 184, before 200: B is in time now.
  run.dataset.courses[1].start_date = Date{kRunDate.days + 100};
  run.Summarise(1);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kAll, ""), 3, 2, 0, 1);
}

TEST(CourseReach, OnlyPeopleWhoWouldGainAVacancyCount) {
  Region run;
  // Already at B1: not below. A2 with a B1 vacancy: within the tolerance, a
  // candidate already, so B1 adds no vacancy.
  run.AddPeople(1, kBernburg, "15089", 0);
  run.dataset.participants[0].german = CefrLevel::kB1;
  run.AddPeople(1, Offset(kBernburg, 0, 100), "15089", 0);
  run.dataset.participants[1].german = CefrLevel::kA2;
  run.AddCourse("X", kBernburg, 10);
  run.Summarise(1);
  const CourseNeed& b1 = run.summary.course_needs[0];
  EXPECT_EQ(b1.below, 1);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kAll, ""), 0, 0, 0, 0);
  EXPECT_TRUE(b1.offers.empty());
}

// Every sum the report prints (a row's gaining = in time + too late + none; a
// column's all = its districts = its coordinators) has no single withheld
// count, shown counts are 0 or at least the minimum, and withheld ones 0.
void ExpectNothingWorkedOut(const CourseNeed& need, int32_t min) {
  auto cells = [](const CourseReach& r) {
    return std::vector<const PeopleCount*>{&r.gaining, &r.in_time, &r.too_late, &r.none};
  };
  for (const CourseReach& r : need.reach) {
    int withheld = 0;
    for (const PeopleCount* n : cells(r)) {
      withheld += n->withheld ? 1 : 0;
      if (n->withheld) {
        EXPECT_EQ(n->count, 0) << r.key;
      } else {
        EXPECT_TRUE(n->count == 0 || n->count >= min) << r.key << " shows " << n->count;
      }
    }
    EXPECT_NE(withheld, 1) << r.key;
    if (withheld == 0) {
      EXPECT_EQ(r.gaining.count, r.in_time.count + r.too_late.count + r.none.count) << r.key;
    }
  }
  for (const SliceKind kind : {SliceKind::kDistrict, SliceKind::kCoordinator}) {
    for (size_t column = 0; column < 4; ++column) {
      int withheld = cells(need.reach.front())[column]->withheld ? 1 : 0;
      for (const CourseReach& r : need.reach) {
        if (r.kind == kind) withheld += cells(r)[column]->withheld ? 1 : 0;
      }
      EXPECT_NE(withheld, 1) << "column " << column;
    }
  }
  for (const CourseOffer& offer : need.offers) {
    for (const PeopleCount* n : {&offer.in_time, &offer.too_late}) {
      EXPECT_TRUE(n->withheld || n->count == 0 || n->count >= min) << offer.id;
    }
  }
}

TEST(CourseReach, WithholdsSmallCountsAndThoseThatWouldGiveThemAway) {
  Region run;
  run.AddCoordinator("K2");
  // District 15089: 7 people beside course X (in time), 2 people 60 km
  // east without a course; district 15001: 6 people without a course.
  run.AddPeople(7, kBernburg, "15089", 0);
  run.AddPeople(2, Offset(kBernburg, 60, 0), "15089", 1);
  run.AddPeople(6, Offset(kBernburg, 0, 200), "15001", 1);
  run.AddCourse("X", kBernburg, 10);
  run.Summarise(5);
  const CourseNeed& b1 = run.summary.course_needs[0];
  ExpectNothingWorkedOut(b1, 5);
  // The 2 without a course in 15089 are withheld as a small group.
  const CourseReach& d1 = run.Reach(CefrLevel::kB1, SliceKind::kDistrict, "15089");
  EXPECT_TRUE(d1.none.withheld);
  EXPECT_EQ(d1.none.count, 0);
  // ... and so is a second count of that row, which is no small group.
  EXPECT_TRUE(d1.in_time.withheld || d1.gaining.withheld);
  // The headline stays: 15 would gain a vacancy.
  const CourseReach& all = run.Reach(CefrLevel::kB1, SliceKind::kAll, "");
  EXPECT_FALSE(all.gaining.withheld);
  EXPECT_EQ(all.gaining.count, 15);
  ASSERT_EQ(b1.offers.size(), 1u);
  EXPECT_EQ(b1.offers[0].in_time.count, 7);
  // Without withholding, every figure is the plain count.
  run.Summarise(1);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kAll, ""), 15, 7, 0, 8);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kDistrict, "15089"), 9, 7, 0, 2);
  ExpectCounts(run.Reach(CefrLevel::kB1, SliceKind::kCoordinator, "K2"), 8, 0, 0, 8);
}

// The embedded example with the real reference data, on its run date.
void LoadExample(Region* run) {
  Result<ReferenceData> reference = LoadReferenceData(DefaultReferenceDir());
  ASSERT_TRUE(reference.ok());
  run->reference = std::move(reference).value();
  Result<Dataset> dataset = LoadDataset(
      std::filesystem::path(JOBMATCH_SOURCE_DIR) / "examples/salzlandkreis", run->reference, {});
  ASSERT_TRUE(dataset.ok());
  run->dataset = std::move(dataset).value();
  run->run_date = *ParseDate("2026-11-22");
}

TEST(CourseReach, OnTheEmbeddedExampleNoWithheldCountCanBeWorkedOut) {
  Region run;
  ASSERT_NO_FATAL_FAILURE(LoadExample(&run));
  run.Summarise(5);
  ASSERT_EQ(run.summary.course_needs.size(), 2u);
  for (const CourseNeed& need : run.summary.course_needs) {
    SCOPED_TRACE(std::string(CefrName(need.level)));
    ASSERT_FALSE(need.suppressed);
    ASSERT_EQ(need.reach.size(), run.summary.slices.size());
    ExpectNothingWorkedOut(need, 5);
    // Someone below the level gains a vacancy with it, and no more than are below.
    EXPECT_GT(need.reach.front().gaining.count, 0);
    EXPECT_LE(need.reach.front().gaining.count, need.below);
  }
}

// An auditor that knows only what is published: the slices' participants
// (unless withheld whole), the shown cells of the people tables, which cells
// are withheld, and the sums that hold between them (a table's cells add up
// to its slice's participants, except the unmet rules; the districts' and
// the coordinators' cells and participants add up to the region's). It works
// out whatever it can (any sum with exactly one unknown, repeatedly) and
// returns what it worked out that was withheld: name and value.
//
// With `capacity` it also reads the capacity table: a coordinator's
// participants and proposals there (unless withheld) are published as well,
// and a withheld slice's figure published there counts as worked out. The
// slices' proposals (published unless the slice is withheld) add up to the
// region's across districts and across coordinators.
std::vector<std::pair<std::string, int32_t>> WorkOutWithheld(
    const std::vector<RegionalSlice>& slices, const std::vector<CapacityValue>& capacity = {}) {
  constexpr int kTables = 5;
  constexpr int kUnmet = 3;
  struct Value {
    std::string name;
    bool known = false;
    int32_t value = 0;
  };
  std::vector<Value> values;
  auto add = [&](std::string name, bool known, int32_t value) {
    values.push_back({std::move(name), known, value});
    return values.size() - 1;
  };
  auto cells = [](const RegionalSlice& s, int kind) {
    std::map<std::string, std::pair<int32_t, bool>> t;  // key: count, withheld
    const std::vector<CountRow>* rows[] = {&s.participants_by_german,
                                           &s.participants_by_qualification,
                                           &s.participants_by_goal,
                                           &s.unmet_by_rule};
    if (kind < 4) {
      for (const CountRow& r : *rows[kind]) t[r.key] = {r.count, r.suppressed};
    } else {
      for (const AreaBalance& b : s.balance) t[b.area] = {b.participants, b.suppressed};
    }
    return t;
  };
  // Keys of each table anywhere in the report: a slice withheld whole may
  // have any of them.
  std::vector<std::set<std::string>> keys(kTables);
  for (const RegionalSlice& s : slices) {
    for (int kind = 0; kind < kTables; ++kind) {
      for (const auto& [key, cell] : cells(s, kind)) keys[static_cast<size_t>(kind)].insert(key);
    }
  }
  std::vector<std::pair<std::string, int32_t>> worked_out;
  std::vector<size_t> total(slices.size());
  std::vector<size_t> proposals(slices.size());
  std::vector<std::vector<std::map<std::string, size_t>>> cell(
      slices.size(), std::vector<std::map<std::string, size_t>>(kTables));
  for (size_t i = 0; i < slices.size(); ++i) {
    const RegionalSlice& s = slices[i];
    const std::string name = s.kind == SliceKind::kAll        ? std::string("region")
                             : s.kind == SliceKind::kDistrict ? "district " + s.key
                                                              : "coordinator " + s.key;
    const CapacityValue* row = nullptr;
    for (const CapacityValue& c : capacity) {
      if (s.kind == SliceKind::kCoordinator && c.id == s.key && !c.withheld) row = &c;
    }
    total[i] = add(name + " participants", !s.suppressed, s.participants);
    proposals[i] = add(name + " proposals", !s.suppressed, s.proposals);
    if (row != nullptr) {
      for (const auto& [v, n] :
           {std::pair{total[i], row->participants}, std::pair{proposals[i], row->proposals}}) {
        if (s.suppressed) worked_out.emplace_back(values[v].name + " (capacity table)", n);
        values[v].known = true;
        values[v].value = n;
      }
    }
    for (int kind = 0; kind < kTables; ++kind) {
      const auto shown = cells(s, kind);
      for (const std::string& key : keys[static_cast<size_t>(kind)]) {
        const auto at = shown.find(key);
        // A withheld slice keeps its balance rows (areas with openings), so
        // an area missing there is known to have nobody.
        const bool absent = at == shown.end() && (!s.suppressed || kind == 4);
        const bool known = absent || (!s.suppressed && !at->second.second);
        const int32_t value = at == shown.end() ? 0 : at->second.first;
        cell[i][static_cast<size_t>(kind)][key] =
            add(name + " table " + std::to_string(kind) + " " + key, known, value);
      }
    }
  }
  std::vector<std::pair<size_t, std::vector<size_t>>> sums;  // total = sum of parts
  for (size_t i = 0; i < slices.size(); ++i) {
    for (int kind = 0; kind < kTables; ++kind) {
      if (kind == kUnmet) continue;
      std::vector<size_t> parts;
      for (const auto& [key, v] : cell[i][static_cast<size_t>(kind)]) parts.push_back(v);
      sums.emplace_back(total[i], parts);
    }
  }
  for (const SliceKind part : {SliceKind::kDistrict, SliceKind::kCoordinator}) {
    for (size_t r = 0; r < slices.size(); ++r) {
      if (slices[r].kind != SliceKind::kAll) continue;
      std::vector<size_t> parts;
      for (size_t i = 0; i < slices.size(); ++i) {
        if (slices[i].kind == part) parts.push_back(total[i]);
      }
      sums.emplace_back(total[r], parts);
      parts.clear();
      for (size_t i = 0; i < slices.size(); ++i) {
        if (slices[i].kind == part) parts.push_back(proposals[i]);
      }
      sums.emplace_back(proposals[r], parts);
      for (int kind = 0; kind < kTables; ++kind) {
        for (const std::string& key : keys[static_cast<size_t>(kind)]) {
          parts.clear();
          for (size_t i = 0; i < slices.size(); ++i) {
            if (slices[i].kind == part) parts.push_back(cell[i][static_cast<size_t>(kind)][key]);
          }
          sums.emplace_back(cell[r][static_cast<size_t>(kind)][key], parts);
        }
      }
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& [whole, parts] : sums) {
      std::vector<size_t> unknown;
      int32_t rest = 0;  // parts known
      for (const size_t p : parts) {
        if (values[p].known) {
          rest += values[p].value;
        } else {
          unknown.push_back(p);
        }
      }
      if (values[whole].known && unknown.empty()) {
        EXPECT_EQ(values[whole].value, rest) << values[whole].name << " is not its parts' sum";
        continue;
      }
      size_t solved = 0;
      int32_t value = 0;
      if (!values[whole].known && unknown.empty()) {
        solved = whole;
        value = rest;
      } else if (values[whole].known && unknown.size() == 1) {
        solved = unknown.front();
        value = values[whole].value - rest;
      } else {
        continue;
      }
      values[solved].known = true;
      values[solved].value = value;
      worked_out.emplace_back(values[solved].name, value);
      changed = true;
    }
  }
  return worked_out;
}

// Every withheld count the auditor works out is 0 (an absent key of a slice
// withheld whole): no count of people can be worked out from the report.
void ExpectAuditorWorksOutNothing(const std::vector<RegionalSlice>& slices,
                                  const std::vector<CapacityValue>& capacity = {}) {
  for (const auto& [name, value] : WorkOutWithheld(slices, capacity)) {
    EXPECT_EQ(value, 0) << name << " = " << value << " can be worked out";
  }
}

// The people tables of a summary: no withheld cell can be worked out from
// what is published. Within a slice, a table's parts add up to its
// participants (the unmet rules' total is the sum of what is shown); across
// slices, districts and coordinators add up to the region's cell, and a
// withheld slice counts as a withheld cell.
void ExpectNoPeopleCountWorkedOut(const RegionalSummary& summary) {
  using Cells = std::map<std::string, std::pair<int32_t, bool>>;  // key: count, withheld
  auto tables = [](const RegionalSlice& s) {
    std::vector<Cells> t(5);
    const std::vector<CountRow>* rows[] = {&s.participants_by_german,
                                           &s.participants_by_qualification,
                                           &s.participants_by_goal,
                                           &s.unmet_by_rule};
    for (int kind = 0; kind < 4; ++kind) {
      for (const CountRow& r : *rows[kind])
        t[static_cast<size_t>(kind)][r.key] = {r.count, r.suppressed};
    }
    for (const AreaBalance& b : s.balance) t[4][b.area] = {b.participants, b.suppressed};
    return t;
  };
  const RegionalSlice* all = nullptr;
  for (const RegionalSlice& s : summary.slices) {
    if (s.kind == SliceKind::kAll) all = &s;
    if (s.suppressed) continue;
    const std::vector<Cells> t = tables(s);
    for (size_t kind = 0; kind < 5; ++kind) {
      if (kind == 3) continue;
      int withheld = 0;
      for (const auto& [key, cell] : t[kind]) withheld += cell.second ? 1 : 0;
      EXPECT_NE(withheld, 1) << s.key << " table " << kind;
    }
  }
  ASSERT_NE(all, nullptr);
  const std::vector<Cells> region = tables(*all);
  for (const SliceKind part : {SliceKind::kDistrict, SliceKind::kCoordinator}) {
    for (size_t kind = 0; kind < 5; ++kind) {
      for (const auto& [key, cell] : region[kind]) {
        int withheld = cell.second ? 1 : 0;
        for (const RegionalSlice& s : summary.slices) {
          if (s.kind != part) continue;
          if (s.suppressed) {
            ++withheld;
            continue;
          }
          const std::vector<Cells> t = tables(s);
          const auto at = t[kind].find(key);
          if (at != t[kind].end() && at->second.second) ++withheld;
        }
        EXPECT_NE(withheld, 1) << key << " table " << kind;
      }
    }
  }
}

TEST(PeopleTables, AWithheldCountCannotBeWorkedOutFromTotalsOrOtherSlices) {
  Region run;
  run.AddCoordinator("K-2");
  // Coordinator 0: 3 at A2 and 10 at B1; coordinator 1: 7 at A2 and 10 at B1.
  for (const auto& [coordinator, level, n] : {std::tuple{0, CefrLevel::kA2, 3},
                                              std::tuple{0, CefrLevel::kB1, 10},
                                              std::tuple{1, CefrLevel::kA2, 7},
                                              std::tuple{1, CefrLevel::kB1, 10}}) {
    for (int i = 0; i < n; ++i) {
      Participant& p = AddParticipant(&run.dataset, kBernburg);
      p.german = level;
      p.coordinator = CoordinatorIndex(coordinator);
    }
  }
  run.Summarise(5);
  auto german = [&](const std::string& coordinator, const std::string& level) {
    for (const RegionalSlice& s : run.summary.slices) {
      if (s.kind != SliceKind::kCoordinator || s.key != coordinator) continue;
      for (const CountRow& r : s.participants_by_german) {
        if (r.key == level) return r;
      }
    }
    ADD_FAILURE() << coordinator << " " << level;
    return CountRow{};
  };
  const std::string first = run.dataset.coordinators[0].id;
  // 3 is withheld; so are the cells that would give it away: the 10 beside it
  // (13 - 10 = 3), the 7 at A2 (10 - 7 = 3), and then the other 10.
  EXPECT_TRUE(german(first, "A2").suppressed);
  EXPECT_TRUE(german(first, "B1").suppressed);
  EXPECT_TRUE(german("K-2", "A2").suppressed);
  EXPECT_TRUE(german("K-2", "B1").suppressed);
  EXPECT_EQ(german("K-2", "B1").count, 0);
  ExpectNoPeopleCountWorkedOut(run.summary);

  // With a minimum of 1 nothing is withheld.
  run.Summarise(1);
  EXPECT_FALSE(german(first, "A2").suppressed);
  EXPECT_EQ(german(first, "A2").count, 3);
}

TEST(PeopleTables, OnTheEmbeddedExampleNoWithheldCountCanBeWorkedOut) {
  Region run;
  ASSERT_NO_FATAL_FAILURE(LoadExample(&run));
  for (const int32_t min : {5, 10, 30}) {
    SCOPED_TRACE(min);
    run.Summarise(min);
    ExpectNoPeopleCountWorkedOut(run.summary);
    ExpectAuditorWorksOutNothing(run.summary.slices, run.summary.capacity);
  }
}

// A person of a hand-made region: district, coordinator, and their key in
// each people table (German, qualification, goal, unmet rule or "" when they
// have a vacancy, area).
struct Person {
  int district = 0;
  int coordinator = 0;
  std::vector<std::string> keys;
  bool proposed = false;  // the optimal assignment proposes them a vacancy
};

// The slices SummariseRegion would make of `people` (districts without
// participants left out), counts as they are; with `openings_area`, every
// slice's balance also has that area with openings and nobody from it.
std::vector<RegionalSlice> SlicesOf(const std::vector<Person>& people,
                                    int districts,
                                    int coordinators,
                                    int32_t min,
                                    const std::string& openings_area = "") {
  std::vector<RegionalSlice> slices(static_cast<size_t>(1 + districts + coordinators));
  std::vector<std::vector<std::map<std::string, int32_t>>> counts(
      slices.size(), std::vector<std::map<std::string, int32_t>>(5));
  for (const Person& p : people) {
    for (const size_t s : {size_t{0},
                           static_cast<size_t>(1 + p.district),
                           static_cast<size_t>(1 + districts + p.coordinator)}) {
      ++slices[s].participants;
      if (p.proposed) ++slices[s].proposals;
      for (size_t t = 0; t < 5; ++t) {
        if (t == 3 && p.keys[t].empty()) continue;  // has a vacancy
        ++counts[s][t][p.keys[t]];
      }
    }
  }
  std::vector<RegionalSlice> kept;
  for (size_t s = 0; s < slices.size(); ++s) {
    RegionalSlice& slice = slices[s];
    const int index = static_cast<int>(s);
    const bool district = index >= 1 && index <= districts;
    slice.kind =
        s == 0 ? SliceKind::kAll : (district ? SliceKind::kDistrict : SliceKind::kCoordinator);
    slice.key =
        s == 0 ? ""
               : (district ? "D" + std::to_string(index) : "K" + std::to_string(index - districts));
    slice.suppressed = slice.participants > 0 && slice.participants < min;
    std::vector<CountRow>* rows[] = {&slice.participants_by_german,
                                     &slice.participants_by_qualification,
                                     &slice.participants_by_goal,
                                     &slice.unmet_by_rule};
    for (size_t t = 0; t < 4; ++t) {
      for (const auto& [key, n] : counts[s][t]) rows[t]->push_back({key, false, n});
    }
    std::map<std::string, int32_t> areas = counts[s][4];
    if (!openings_area.empty()) areas.emplace(openings_area, 0);
    for (const auto& [area, n] : areas) {
      AreaBalance b;
      b.area = area;
      b.participants = n;
      b.openings = 3;
      slice.balance.push_back(b);
    }
    if (!district || slice.participants > 0) kept.push_back(std::move(slice));
  }
  return kept;
}

// The capacity table of `slices` (before any withholding): one row per
// coordinator with its participants and proposals.
std::vector<CapacityValue> CapacityOf(const std::vector<RegionalSlice>& slices) {
  std::vector<CapacityValue> capacity;
  for (const RegionalSlice& s : slices) {
    if (s.kind != SliceKind::kCoordinator) continue;
    CapacityValue c;
    c.id = s.key;
    c.fte = 1.0;
    c.capacity = 10;
    c.participants = s.participants;
    c.proposals = s.proposals;
    capacity.push_back(c);
  }
  return capacity;
}

// Random small regions: 1 to 4 districts, 1 to 6 coordinators, 0 to 12
// people of each district and coordinator, keys drawn with random weights
// (some 0) so that small and lone counts are frequent.
std::vector<RegionalSlice> RandomSlices(std::mt19937& random, int32_t min) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  const int districts = uniform(1, 4);
  const int coordinators = uniform(1, 6);
  const std::vector<std::vector<std::string>> vocabulary = {
      {"A1", "A2", "B1", "B2"},
      {"none", "vocational", "academic"},
      {"work", "training"},
      {"", "no_vacancy_in_reach", "below_min_score", "commute"},
      {"", "25", "52", "81"}};
  std::vector<std::vector<int>> weights;
  for (const auto& words : vocabulary) {
    std::vector<int> w;
    for (size_t k = 0; k < words.size(); ++k) w.push_back(uniform(0, 1) == 0 ? 0 : uniform(1, 6));
    if (std::all_of(w.begin(), w.end(), [](int x) { return x == 0; })) w[0] = 1;
    weights.push_back(std::move(w));
  }
  std::vector<Person> people;
  for (int d = 0; d < districts; ++d) {
    for (int c = 0; c < coordinators; ++c) {
      const int n = uniform(0, 12);
      for (int i = 0; i < n; ++i) {
        Person p{d, c, {}};
        for (size_t t = 0; t < vocabulary.size(); ++t) {
          std::discrete_distribution<size_t> pick(weights[t].begin(), weights[t].end());
          p.keys.push_back(vocabulary[t][pick(random)]);
        }
        p.proposed = uniform(0, 2) != 0;
        people.push_back(std::move(p));
      }
    }
  }
  return SlicesOf(people, districts, coordinators, min, uniform(0, 2) == 0 ? "99" : "");
}

// A count withheld only to protect another slice's small one, in a slice
// whose table has no other non-zero count, is that slice's published
// participants and protects nothing. Here (minimum 5) the region has 3 at
// A2, 26 at B1, 10 at B2, 8 at C1 (47); K-1: 3 A2, 6 B1, 10 B2; K-2: 20 B1;
// K-3: 8 C1. Withholding the region's 3 with its smallest other count (C1,
// 8), the coordinators' C1 sum then took K-3's 8, and the region's 3 was
// 47 - 26 - 10 - 8 (K-3's 8 is its participants); likewise K-2's 20 gave
// away K-1's B1 (26 - 20 = 6) and with it K-1's A2 (19 - 6 - 10 = 3).
TEST(PeopleTables, AComplementIsNeverTheOnlyCountOfItsTable) {
  Region run;
  run.AddCoordinator("K-2");
  run.AddCoordinator("K-3");
  for (const auto& [coordinator, level, n] : {std::tuple{0, CefrLevel::kA2, 3},
                                              std::tuple{0, CefrLevel::kB1, 6},
                                              std::tuple{0, CefrLevel::kB2, 10},
                                              std::tuple{1, CefrLevel::kB1, 20},
                                              std::tuple{2, CefrLevel::kC1, 8}}) {
    for (int i = 0; i < n; ++i) {
      Participant& p = AddParticipant(&run.dataset, kBernburg);
      p.german = level;
      p.coordinator = CoordinatorIndex(coordinator);
    }
  }
  run.Summarise(5);
  const RegionalSlice* region = nullptr;
  for (const RegionalSlice& s : run.summary.slices) {
    if (s.kind == SliceKind::kAll) region = &s;
    if (s.suppressed) continue;
    // No slice's only non-zero German count is withheld: its participants
    // are published.
    if (s.participants_by_german.size() == 1) {
      EXPECT_FALSE(s.participants_by_german.front().suppressed) << s.key;
    }
  }
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->participants, 47);
  for (const CountRow& r : region->participants_by_german) {
    if (r.key == "A2") {
      EXPECT_TRUE(r.suppressed);
    }
  }
  for (const auto& [name, value] : WorkOutWithheld(run.summary.slices, run.summary.capacity)) {
    ADD_FAILURE() << name << " = " << value << " can be worked out";
  }
  ExpectNoPeopleCountWorkedOut(run.summary);
}

// Region 7 (minimum 4): K1 has 5, all from area "" (its only balance count,
// so its participants tell it), K2 and K3 have 1 each (withheld whole), both
// from area 52. The region's 52 (2) had nothing to protect it: the region's
// "" is K1's 5 plus nobody from K2 and K3 (their balance rows show only 52).
// K1 is withheld whole instead of the run stopping on a failed check.
TEST(PeopleTables, ACountNoOtherCanProtectWithholdsItsSliceWhole) {
  std::vector<Person> people;
  for (int i = 0; i < 5; ++i) {
    people.push_back({0, 0, {"B2", "academic", i < 4 ? "training" : "work", "", ""}});
  }
  people.push_back({0, 1, {"B2", "academic", "work", "", "52"}});
  people.push_back({0, 2, {"B2", "academic", "training", "no_vacancy_in_reach", "52"}});
  std::vector<RegionalSlice> slices = SlicesOf(people, 1, 3, 4);
  WithholdPeople(slices, 4);
  for (const RegionalSlice& s : slices) {
    if (s.kind == SliceKind::kCoordinator) {
      EXPECT_TRUE(s.suppressed) << s.key;
    }
  }
  ExpectAuditorWorksOutNothing(slices);
}

TEST(PeopleTables, OnRandomRegionsNoWithheldCountCanBeWorkedOut) {
  std::mt19937 random(20'261'127);
  int checked = 0;
  for (int instance = 0; instance < 4000; ++instance) {
    const auto min = static_cast<int32_t>(std::uniform_int_distribution<int>(3, 5)(random));
    std::vector<RegionalSlice> slices = RandomSlices(random, min);
    const std::vector<RegionalSlice> before = slices;
    std::vector<CapacityValue> capacity = CapacityOf(slices);
    WithholdPeople(slices, min);
    WithholdCapacity(capacity, slices);
    SCOPED_TRACE("instance " + std::to_string(instance) + ", min " + std::to_string(min));
    ExpectAuditorWorksOutNothing(slices, capacity);
    // Deterministic: the same input gives the same tables.
    std::vector<RegionalSlice> again = before;
    WithholdPeople(again, min);
    for (size_t s = 0; s < slices.size(); ++s) {
      EXPECT_EQ(again[s].participants, slices[s].participants);
      for (size_t k = 0; k < slices[s].balance.size(); ++k) {
        EXPECT_EQ(again[s].balance[k].suppressed, slices[s].balance[k].suppressed);
      }
    }
    ++checked;
    if (HasFailure()) break;
  }
  EXPECT_EQ(checked, 4000);
}

// The capacity table publishes every coordinator's participants and
// proposals. Here (minimum 5) K1 has 3 participants and K-2 20, K-3 8: the
// people tables withhold K1 whole and K-3 with it (the region's 31 less
// K-2's 20 and K-3's 8 would be K1's 3). The capacity table withholds the
// same two rows; unwithheld, it would publish K1's 3 and K-3's 8, and the
// auditor would see both.
TEST(CapacityTable, WithholdsTheCoordinatorsThePeopleTablesWithhold) {
  Region run;
  run.AddCoordinator("K-2");
  run.AddCoordinator("K-3");
  for (const auto& [coordinator, n] : {std::pair{0, 3}, std::pair{1, 20}, std::pair{2, 8}}) {
    run.AddPeople(n, kBernburg, "15089", coordinator);
  }
  run.Summarise(5);
  ASSERT_EQ(run.summary.capacity.size(), 3u);
  std::map<std::string, const RegionalSlice*> slice;
  for (const RegionalSlice& s : run.summary.slices) {
    if (s.kind == SliceKind::kCoordinator) slice[s.key] = &s;
  }
  int withheld = 0;
  for (const CapacityValue& c : run.summary.capacity) {
    ASSERT_EQ(slice.count(c.id), 1u) << c.id;
    EXPECT_EQ(c.withheld, slice[c.id]->suppressed) << c.id;
    if (c.withheld) {
      ++withheld;
      EXPECT_EQ(c.participants, 0) << c.id;
      EXPECT_EQ(c.proposals, 0) << c.id;
    } else {
      EXPECT_EQ(c.participants, 20) << c.id;
      EXPECT_EQ(c.proposals, slice[c.id]->proposals) << c.id;
    }
    EXPECT_GT(c.capacity, 0) << c.id;  // places, not people: published
  }
  EXPECT_EQ(withheld, 2);
  ExpectAuditorWorksOutNothing(run.summary.slices, run.summary.capacity);

  // The same table unwithheld: the auditor reads K1's 3 and K-3's 8 off it.
  std::vector<CapacityValue> open = run.summary.capacity;
  for (CapacityValue& c : open) {
    c.withheld = false;
    c.participants = c.participants == 0 ? (c.id == "K-3" ? 8 : 3) : c.participants;
  }
  std::map<std::string, int32_t> seen;
  for (const auto& [name, value] : WorkOutWithheld(run.summary.slices, open)) seen[name] = value;
  EXPECT_EQ(seen["coordinator K-3 participants (capacity table)"], 8);
  EXPECT_GT(seen.size(), 1u);
}

// The auditor sees the capacity table on random regions: left unwithheld,
// some withheld count is read off it or worked out with it.
TEST(CapacityTable, UnwithheldItGivesWithheldCountsAwayOnRandomRegions) {
  std::mt19937 random(20'261'127);
  int leaking = 0;
  for (int instance = 0; instance < 200; ++instance) {
    const auto min = static_cast<int32_t>(std::uniform_int_distribution<int>(3, 5)(random));
    std::vector<RegionalSlice> slices = RandomSlices(random, min);
    // A region withheld whole has nothing published to check against.
    if (slices.front().suppressed) continue;
    const std::vector<CapacityValue> capacity = CapacityOf(slices);
    WithholdPeople(slices, min);
    for (const auto& [name, value] : WorkOutWithheld(slices, capacity)) {
      if (value != 0) {
        ++leaking;
        break;
      }
    }
  }
  EXPECT_GT(leaking, 0);
}

}  // namespace
}  // namespace jobmatch

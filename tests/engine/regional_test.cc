// Tests engine/regional.h's course reach on hand-made datasets with known
// answers: who would gain a vacancy with B1, and whether a course to B1 is
// within their commute reach and finishes before one of those vacancies
// starts; and the withholding of small counts and of counts that would give
// a small one away.

#include "engine/regional.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
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
  EXPECT_TRUE(d1.none.small);
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
  }
}

}  // namespace
}  // namespace jobmatch

// Tests of whatif/scenario.h, whatif/diff.h and whatif/value.h: every answer
// of a random sequence of edits equals a cold run on the changed data built
// from scratch, and every capacity value equals a re-solve with one more.

#include "whatif/scenario.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/decisions.h"
#include "engine/rescore.h"
#include "engine/scorer.h"
#include "loaders/load_dataset.h"
#include "loaders/reference_loader.h"
#include "synth/synthetic.h"
#include "whatif/diff.h"
#include "whatif/value.h"

namespace jobmatch::whatif {
namespace {

const Date kRunDate = *ParseDate("2026-11-22");

class WhatIf : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<ReferenceData> loaded = LoadReferenceData(DefaultReferenceDir());
    ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
    reference_ = new std::shared_ptr<const ReferenceData>(
        std::make_shared<const ReferenceData>(std::move(loaded).value()));
  }
  static void TearDownTestSuite() {
    delete reference_;
    reference_ = nullptr;
  }
  static std::shared_ptr<const ReferenceData> ref() { return *reference_; }

  static ScenarioOptions Options() {
    ScenarioOptions options;
    options.scoring.run_date = kRunDate;
    options.scoring.num_threads = 2;
    return options;
  }
  static Dataset Example() {
    Result<Dataset> dataset =
        LoadDataset(std::string(JOBMATCH_SOURCE_DIR) + "/examples/salzlandkreis", *ref(), {});
    EXPECT_TRUE(dataset.ok()) << dataset.error().ToString();
    return std::move(dataset).value();
  }
  static Dataset Generated(uint64_t seed) {
    SyntheticOptions options;
    options.seed = seed;
    options.participants = 150;
    options.vacancies = 300;
    options.coordinators = 3;
    options.today = kRunDate;
    Result<Dataset> dataset = GenerateSynthetic(*ref(), options);
    EXPECT_TRUE(dataset.ok()) << dataset.error().ToString();
    return std::move(dataset).value();
  }

 private:
  static std::shared_ptr<const ReferenceData>* reference_;
};
std::shared_ptr<const ReferenceData>* WhatIf::reference_ = nullptr;

// The scenario's answer equals a cold run on ChangedDataset() with the
// carryover applied as `jobmatch run` applies it (MarkPreferred,
// ReserveHeldPairs, MergeReserved): the same kept pairs per participant (by
// vacancy id), the same optimum.
void ExpectEqualsCold(const Scenario& s, const std::string& where) {
  SCOPED_TRACE(where);
  const Dataset changed = ChangedDataset(s);
  const Carryover carryover = ChangedCarryover(s);
  const ScoredPairs scored = ScoreTopK(changed, *s.reference, s.options.scoring);
  CandidateGraph graph = BuildCandidateGraph(changed, scored, s.options.candidates);
  MarkPreferred(changed, carryover.last_proposals, &graph);
  const std::vector<Placement> reserved =
      carryover.held.empty() ? std::vector<Placement>() : ReserveHeldPairs(carryover.held, &graph);
  AssignmentResult cold = AssignParticipants(graph, s.options.assignment);
  ASSERT_EQ(cold.status, AssignmentStatus::kOptimal);
  MergeReserved(reserved, &cold);
  ASSERT_EQ(s.result.status, AssignmentStatus::kOptimal);
  EXPECT_EQ(s.result.placements.size(), cold.placements.size());
  EXPECT_EQ(s.result.total_cost, cold.total_cost);
  EXPECT_NEAR(s.result.total_score, cold.total_score, 1e-4);
  // The certificate holds for what the solver placed (held pairs, arc -1,
  // are reserved outside its network).
  AssignmentResult solved = s.result;
  std::erase_if(solved.placements, [](const Placement& pl) { return pl.arc < 0; });
  for (const Placement& pl : s.result.placements) {
    if (pl.arc < 0) solved.total_score -= static_cast<double>(pl.score);
  }
  const AssignmentCheck check = CheckAssignment(*s.graph, s.options.assignment, solved);
  EXPECT_TRUE(check.ok) << check.message;
  for (size_t p = 0; p < changed.participants.size(); ++p) {
    const auto mine = s.scored->For(ParticipantIndex(static_cast<int32_t>(p)));
    const auto theirs = scored.For(ParticipantIndex(static_cast<int32_t>(p)));
    ASSERT_EQ(mine.size(), theirs.size()) << "participant " << p;
    for (size_t k = 0; k < mine.size(); ++k) {
      EXPECT_EQ(s.dataset.vacancies[static_cast<size_t>(mine[k].vacancy.value)].id,
                changed.vacancies[static_cast<size_t>(theirs[k].vacancy.value)].id);
      EXPECT_EQ(mine[k].score, theirs[k].score);
    }
  }
}

TEST_F(WhatIf, StartsAtTheColdOptimum) {
  const Scenario s = MakeScenario(Example(), ref(), Options());
  ExpectEqualsCold(s, "start");
  EXPECT_EQ(s.result.placements.size(), 24u);  // README: the example's 24 proposals
}

TEST_F(WhatIf, ScoreParticipantsGivesTheFullScorersRows) {
  const Dataset dataset = Generated(7);
  const ScoringOptions options = Options().scoring;
  const ScoredPairs full = ScoreTopK(dataset, *ref(), options);
  const std::vector<ParticipantIndex> some = {
      ParticipantIndex(5), ParticipantIndex(0), ParticipantIndex(77), ParticipantIndex(149)};
  const ScoredPairs rows = ScoreParticipants(dataset, *ref(), options, some, AllVacancies(dataset));
  ASSERT_EQ(rows.num_participants(), 4);
  for (size_t i = 0; i < some.size(); ++i) {
    const auto a = rows.For(ParticipantIndex(static_cast<int32_t>(i)));
    const auto b = full.For(some[i]);
    ASSERT_EQ(a.size(), b.size());
    for (size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].vacancy, b[k].vacancy);
      EXPECT_EQ(a[k].score, b[k].score);
      EXPECT_EQ(a[k].bridge_course, b[k].bridge_course);
    }
    EXPECT_EQ(rows.excluded[i], full.excluded[static_cast<size_t>(some[i].value)]);
    EXPECT_EQ(rows.eligible[i], full.eligible[static_cast<size_t>(some[i].value)]);
  }
}

// One random edit; returns what it did, for the trace.
std::string RandomEdit(Scenario* s, std::mt19937_64* rng, int step) {
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(*rng); };
  const size_t kind = pick(10);
  std::optional<Error> error;
  std::string what;
  switch (kind) {
    case 0: {
      const auto c = static_cast<int32_t>(pick(s->dataset.coordinators.size()));
      const auto capacity = static_cast<int32_t>(pick(30));
      error = SetCapacity(s, CoordinatorIndex(c), capacity);
      what = "capacity " + std::to_string(c) + " " + std::to_string(capacity);
      break;
    }
    case 1: {
      std::vector<ParticipantIndex> who;
      for (size_t i = 0, n = 1 + pick(6); i < n; ++i) {
        who.emplace_back(static_cast<int32_t>(pick(s->dataset.participants.size())));
      }
      const auto level = static_cast<CefrLevel>(pick(kNumCefrLevels));
      error = SetGermanLevel(s, level, who);
      what = "german " + std::string(CefrName(level));
      break;
    }
    case 2: {
      if (s->dataset.courses.empty()) return "no course";
      std::vector<ParticipantIndex> finished;
      error = FinishCourse(
          s, CourseIndex(static_cast<int32_t>(pick(s->dataset.courses.size()))), &finished);
      what = "course (" + std::to_string(finished.size()) + " finished)";
      break;
    }
    case 3: {
      const auto minutes = static_cast<int32_t>(40 + pick(60));
      error = SetCommuteLimit(s, minutes);
      what = "commute-limit " + std::to_string(minutes);
      break;
    }
    case 4: {
      const auto part = static_cast<WeightPart>(pick(4));
      const double value = static_cast<double>(pick(100)) / 100.0 + 0.01;
      error = SetWeight(s, part, value);
      what = "weight";
      break;
    }
    case 5: {
      const auto e =
          EmployerIndex(s->dataset.vacancies[pick(s->dataset.vacancies.size())].employer);
      const std::vector<VacancyIndex> vacancies = EmployerVacancies(*s, e);
      error = WithdrawVacancies(s, vacancies);
      what = "withdraw-employer (" + std::to_string(vacancies.size()) + " vacancies)";
      break;
    }
    case 6: {
      const std::vector<VacancyIndex> one = {
          VacancyIndex(static_cast<int32_t>(pick(s->dataset.vacancies.size())))};
      error = WithdrawVacancies(s, one);
      what = "withdraw-vacancy";
      break;
    }
    case 7: {
      const auto v = static_cast<int32_t>(pick(s->dataset.vacancies.size()));
      if (s->withdrawn[static_cast<size_t>(v)] != 0) return "openings on a withdrawn vacancy";
      error = SetOpenings(s, VacancyIndex(v), static_cast<int32_t>(pick(4)));
      what = "openings";
      break;
    }
    case 8: {
      Vacancy copy = s->dataset.vacancies[pick(s->dataset.vacancies.size())];
      copy.id = "V-ADDED-" + std::to_string(step);
      copy.place = s->dataset.vacancies[pick(s->dataset.vacancies.size())].place;
      copy.openings = 1 + static_cast<int32_t>(pick(3));
      error = AddVacancy(s, copy);
      what = "add-vacancy";
      break;
    }
    default: {
      Coordinator c;
      c.id = "K-ADDED-" + std::to_string(step);
      c.district = s->dataset.coordinators.front().district;
      c.capacity = static_cast<int32_t>(1 + pick(10));
      std::vector<ParticipantIndex> moved;
      error = AddCoordinator(
          s,
          c,
          CoordinatorIndex(static_cast<int32_t>(pick(s->dataset.coordinators.size()))),
          &moved);
      what = "add-coordinator (" + std::to_string(moved.size()) + " moved)";
      break;
    }
  }
  EXPECT_FALSE(error.has_value()) << what << ": " << error->ToString();
  return what;
}

TEST_F(WhatIf, RandomEditSequencesEqualColdRunsOnTheChangedData) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    Scenario s = MakeScenario(Generated(seed), ref(), Options());
    std::mt19937_64 rng(seed);
    for (int step = 0; step < 14; ++step) {
      const Scenario before = s;
      const std::string what = RandomEdit(&s, &rng, step);
      ExpectEqualsCold(
          s, "seed " + std::to_string(seed) + " step " + std::to_string(step) + ": " + what);
      // The diff adds up: proposals after = before + gained - lost.
      const ScenarioDiff diff = Compare(before, s);
      int32_t gained = 0;
      int32_t lost = 0;
      for (const ParticipantChange& c : diff.changes) {
        gained += c.kind == ChangeKind::kGained ? 1 : 0;
        lost += c.kind == ChangeKind::kLost ? 1 : 0;
      }
      EXPECT_EQ(diff.after.proposals, diff.before.proposals + gained - lost) << what;
      if (testing::Test::HasFailure()) return;
    }
  }
}

TEST_F(WhatIf, RandomEditSequencesOnTheExampleEqualColdRuns) {
  Scenario s = MakeScenario(Example(), ref(), Options());
  std::mt19937_64 rng(42);
  for (int step = 0; step < 20; ++step) {
    const std::string what = RandomEdit(&s, &rng, step);
    ExpectEqualsCold(s, "step " + std::to_string(step) + ": " + what);
    if (testing::Test::HasFailure()) return;
  }
}

void ExpectValuesEqualResolves(const Scenario& s);

// A nightly run's start: last run's proposals preferred (keep bonus) and
// accepted pairs held. Held pairs lapse when an edit removes their arc.
TEST_F(WhatIf, RandomEditSequencesWithCarriedOverDecisionsEqualColdRuns) {
  for (uint64_t seed = 4; seed <= 6; ++seed) {
    Dataset dataset = Generated(seed);
    const Scenario plain = MakeScenario(dataset, ref(), Options());
    Carryover carryover;
    carryover.held.resize(dataset.participants.size());
    std::mt19937_64 rng(seed);
    int32_t held = 0;
    for (const Placement& pl : plain.result.placements) {
      const auto p = static_cast<size_t>(pl.participant.value);
      if (rng() % 2 == 0) {
        carryover.last_proposals.emplace_back(
            dataset.participants[p].id,
            dataset.vacancies[static_cast<size_t>(pl.vacancy.value)].id);
      }
      // Some hold a pair of their row other than the one placed tonight.
      const auto row = plain.scored->For(pl.participant);
      if (rng() % 4 == 0 && !row.empty()) {
        carryover.held[p] = row[rng() % row.size()].vacancy;
        ++held;
      }
    }
    ASSERT_GT(held, 0);
    ASSERT_FALSE(carryover.last_proposals.empty());
    Scenario s = MakeScenario(std::move(dataset), ref(), Options(), carryover);
    int32_t reserved = 0;
    for (const Placement& pl : s.result.placements) reserved += pl.arc < 0 ? 1 : 0;
    EXPECT_GT(reserved, 0);
    ExpectEqualsCold(s, "seed " + std::to_string(seed) + " start");
    for (int step = 0; step < 12; ++step) {
      const std::string what = RandomEdit(&s, &rng, step);
      ExpectEqualsCold(
          s, "seed " + std::to_string(seed) + " step " + std::to_string(step) + ": " + what);
      if (testing::Test::HasFailure()) return;
    }
    // The capacity values read off the duals hold with preferred arcs too.
    ExpectValuesEqualResolves(s);
  }
}

TEST_F(WhatIf, AFailedEditChangesNothing) {
  Scenario s = MakeScenario(Example(), ref(), Options());
  const Scenario before = s;
  EXPECT_TRUE(SetCapacity(&s, CoordinatorIndex(0), -1).has_value());
  EXPECT_TRUE(SetWeight(&s, WeightPart::kSkill, -0.5).has_value());
  EXPECT_TRUE(SetCommuteLimit(&s, 0).has_value());
  Coordinator duplicate;
  duplicate.id = s.dataset.coordinators[0].id;
  std::vector<ParticipantIndex> moved;
  EXPECT_TRUE(AddCoordinator(&s, duplicate, CoordinatorIndex(0), &moved).has_value());
  EXPECT_EQ(s.dataset.coordinators.size(), before.dataset.coordinators.size());
  EXPECT_EQ(s.options.scoring.weights.skill, before.options.scoring.weights.skill);
  EXPECT_EQ(s.result.total_cost, before.result.total_cost);
}

TEST_F(WhatIf, TakeoverIsDeterministicAndTakesTheUnplacedFirst) {
  const Scenario s = MakeScenario(Example(), ref(), Options());
  const std::vector<ParticipantIndex> a = TakeoverParticipants(s, CoordinatorIndex(0), 6);
  const std::vector<ParticipantIndex> b = TakeoverParticipants(s, CoordinatorIndex(0), 6);
  EXPECT_EQ(a, b);
  // 44 participants, capacity 13: 44 * 6 / 19 = 13.9 -> 14.
  EXPECT_EQ(a.size(), 14u);
  for (const ParticipantIndex p : a) {
    EXPECT_EQ(s.dataset.participants[static_cast<size_t>(p.value)].coordinator,
              CoordinatorIndex(0));
    for (const Placement& pl : s.result.placements) EXPECT_NE(pl.participant, p);
  }
}

TEST_F(WhatIf, CourseRaisesOnlyThoseItReaches) {
  Scenario s = MakeScenario(Example(), ref(), Options());
  const CourseIndex course(1);
  const std::vector<ParticipantIndex> who = CourseParticipants(s, course);
  ASSERT_FALSE(who.empty());
  const Course& taken = s.dataset.courses[1];
  std::vector<CefrLevel> reached;
  for (const ParticipantIndex p : who) {
    const CefrLevel before = s.dataset.participants[static_cast<size_t>(p.value)].german;
    EXPECT_LT(before, taken.target_level);
    reached.push_back(CourseLevelReached(taken, before, s.options.scoring));
    EXPECT_GT(reached.back(), before);  // the course lifts everyone it names
  }
  // C-15089-2: B2 in 12 weeks; A2 reaches B1, never B2.
  EXPECT_EQ(taken.weeks, 12);
  EXPECT_EQ(CourseLevelReached(taken, CefrLevel::kA2, s.options.scoring), CefrLevel::kB1);
  std::vector<ParticipantIndex> finished;
  ASSERT_FALSE(FinishCourse(&s, course, &finished).has_value());
  EXPECT_EQ(finished, who);
  for (size_t i = 0; i < who.size(); ++i) {
    EXPECT_EQ(s.dataset.participants[static_cast<size_t>(who[i].value)].german, reached[i]);
  }
  ExpectEqualsCold(s, "after the course");
}

// Every figure `value` prints equals a re-solve with one more place or opening.
void ExpectValuesEqualResolves(const Scenario& s) {
  const CapacityValues values = ValueOfCapacity(s);
  // What the solver placed: held pairs (arc -1) are reserved outside s.graph->
  int64_t placed = 0;
  double fit = 0.0;
  for (const Placement& pl : s.result.placements) {
    if (pl.arc < 0) continue;
    ++placed;
    fit += static_cast<double>(pl.score);
  }
  ASSERT_EQ(values.coordinators.size(), s.dataset.coordinators.size());
  for (const CoordinatorValue& v : values.coordinators) {
    CandidateGraph more = *s.graph;
    ++more.coordinator_capacity[static_cast<size_t>(v.coordinator.value)];
    const AssignmentResult r = AssignParticipants(more, s.options.assignment);
    SCOPED_TRACE("coordinator " +
                 s.dataset.coordinators[static_cast<size_t>(v.coordinator.value)].id);
    EXPECT_EQ(r.total_cost - s.result.total_cost, v.value.cost_change);
    EXPECT_EQ(static_cast<int64_t>(r.placements.size()) - placed, v.value.more_placements);
    EXPECT_NEAR(r.total_score - fit, v.value.more_fit, 1e-4);
  }
  for (const VacancyValue& v : values.vacancies) {
    CandidateGraph more = *s.graph;
    ++more.vacancy_capacity[static_cast<size_t>(v.vacancy.value)];
    const AssignmentResult r = AssignParticipants(more, s.options.assignment);
    SCOPED_TRACE("vacancy " + s.dataset.vacancies[static_cast<size_t>(v.vacancy.value)].id);
    EXPECT_EQ(r.total_cost - s.result.total_cost, v.value.cost_change);
    EXPECT_EQ(static_cast<int64_t>(r.placements.size()) - placed, v.value.more_placements);
    EXPECT_NEAR(r.total_score - fit, v.value.more_fit, 1e-4);
  }
}

TEST_F(WhatIf, CapacityValuesEqualResolvesWithOneMore) {
  const Scenario example = MakeScenario(Example(), ref(), Options());
  ExpectValuesEqualResolves(example);
  // The example's coordinators are the binding limit: one more place places one more.
  for (const CoordinatorValue& v : ValueOfCapacity(example).coordinators) {
    EXPECT_EQ(v.value.more_placements, 1);
  }
  for (uint64_t seed = 1; seed <= 2; ++seed) {
    ExpectValuesEqualResolves(MakeScenario(Generated(seed), ref(), Options()));
  }
}

TEST_F(WhatIf, CapacityValuesHoldWithEmployerCaps) {
  ScenarioOptions options = Options();
  options.candidates.employer_cap_by_size = {1, 2, 0, 0};
  ExpectValuesEqualResolves(MakeScenario(Generated(3), ref(), options));
}

}  // namespace
}  // namespace jobmatch::whatif

// Tests engine/evaluation.h, engine/sensitivity.h, engine/outcomes.h and
// engine/regional.h on the embedded Salzlandkreis example (real reference
// data), and suppression, ratios and averaging on hand-made figures.

#include "engine/evaluation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/baselines.h"
#include "engine/outcomes.h"
#include "engine/regional.h"
#include "engine/sensitivity.h"
#include "loaders/load_dataset.h"
#include "loaders/reference_loader.h"

namespace jobmatch {
namespace {

struct Example {
  ReferenceData reference;
  Dataset dataset;
  ScoringOptions scoring;
  CandidateOptions candidates;
  AssignmentOptions assignment;
  ScoredPairs scored;
  CandidateGraph graph;
  AssignmentResult result;
};

const Example& TheExample() {
  static const std::unique_ptr<Example> example = [] {
    auto e = std::make_unique<Example>();
    Result<ReferenceData> reference = LoadReferenceData(DefaultReferenceDir());
    EXPECT_TRUE(reference.ok());
    e->reference = std::move(reference).value();
    Result<Dataset> dataset = LoadDataset(
        std::filesystem::path(JOBMATCH_SOURCE_DIR) / "examples/salzlandkreis", e->reference, {});
    EXPECT_TRUE(dataset.ok());
    e->dataset = std::move(dataset).value();
    e->scoring.run_date = ParseDate("2026-11-22");
    e->scoring.num_threads = 1;
    e->scored = ScoreTopK(e->dataset, e->reference, e->scoring);
    e->graph = BuildCandidateGraph(e->dataset, e->scored, e->candidates);
    e->result = AssignParticipants(e->graph, e->assignment);
    return e;
  }();
  return *example;
}

EvaluationOptions OptionsFor(const Example& e) {
  EvaluationOptions options;
  options.run_date = e.scoring.run_date;
  return options;
}

TEST(CompareMethods, OptimalFirstAndNoBaselineBeatsItOnTheExample) {
  const Example& e = TheExample();
  const EvaluationContext context =
      MakeEvaluationContext(e.dataset, e.scored, e.graph, OptionsFor(e));
  const std::vector<MethodMetrics> methods = CompareMethods(context, e.result, e.assignment);
  std::vector<std::string> names;
  for (const MethodMetrics& m : methods) names.push_back(m.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"optimal", "greedy", "natural_order", "nearest", "random"}));
  const MethodMetrics& optimal = methods.front();
  EXPECT_EQ(optimal.proposals, static_cast<double>(e.result.placements.size()));
  EXPECT_EQ(optimal.integer_objective, -e.result.total_cost);
  EXPECT_NEAR(optimal.total_score, e.result.total_score, 1e-4);
  for (const MethodMetrics& m : methods) {
    SCOPED_TRACE(m.name);
    EXPECT_LE(m.integer_objective, optimal.integer_objective);
    EXPECT_NEAR(m.proposals + m.unplaced, 80.0, 1e-9);
    EXPECT_NEAR(m.objective, e.assignment.placement_value * m.proposals + m.total_score, 1e-9);
    EXPECT_GE(m.micro_share + m.small_share, 0.0);
    EXPECT_LE(m.micro_share + m.small_share, 1.0 + 1e-9);
    EXPECT_LE(m.lowest_score, m.mean_score + 1e-9);
    double by_coordinator = 0.0;
    for (const CoordinatorLoad& load : m.coordinators) {
      EXPECT_LE(load.proposals, load.capacity + 1e-9);
      by_coordinator += load.proposals;
    }
    EXPECT_NEAR(by_coordinator, m.proposals, 1e-9);
    EXPECT_LE(m.congestion.contested_vacancies, m.congestion.proposed_vacancies);
    const Agreement& a = m.agreement;
    EXPECT_NEAR(a.same_vacancy + a.other_vacancy + a.only_this, m.proposals, 1e-9);
    EXPECT_NEAR(a.same_vacancy + a.other_vacancy + a.only_optimal, optimal.proposals, 1e-9);
  }
  EXPECT_EQ(optimal.agreement.same_vacancy, optimal.proposals);
  EXPECT_EQ(methods.back().spread.draws, 20);
  EXPECT_LE(methods.back().spread.proposals_min, methods.back().proposals);
  EXPECT_GE(methods.back().spread.proposals_max, methods.back().proposals);
}

TEST(MeasurePlacements, SuppressesSmallGroupsAndFlagsTheFourFifthsRule) {
  const Example& e = TheExample();
  EvaluationOptions options = OptionsFor(e);
  options.min_group_size = 5;
  const EvaluationContext context = MakeEvaluationContext(e.dataset, e.scored, e.graph, options);
  const MethodMetrics m = MeasurePlacements(context, e.result.placements, e.assignment, "optimal");
  std::set<GroupKind> kinds;
  for (const GroupFigure& g : m.groups) {
    kinds.insert(g.kind);
    // Recount the group's size from the records.
    int32_t size = 0;
    for (size_t p = 0; p < e.dataset.participants.size(); ++p) {
      size += GroupKey(
                  e.dataset, ParticipantIndex(static_cast<int32_t>(p)), g.kind, options.run_date) ==
              g.key;
    }
    if (size < options.min_group_size) {
      EXPECT_TRUE(g.suppressed) << g.key;
      EXPECT_EQ(g.participants, 0);
      EXPECT_EQ(g.placed, 0.0);
      EXPECT_EQ(g.placement_rate, 0.0);
    } else {
      EXPECT_FALSE(g.suppressed) << g.key;
      EXPECT_EQ(g.participants, size);
      EXPECT_NEAR(g.placement_rate, g.placed / size, 1e-12);
      EXPECT_LE(g.ratio_to_best, 1.0 + 1e-12);
      EXPECT_EQ(g.below_four_fifths, g.ratio_to_best < 0.8);
    }
  }
  EXPECT_EQ(kinds.size(), static_cast<size_t>(kNumGroupKinds));
  // Gender keys come from a closed vocabulary only.
  for (const GroupFigure& g : m.groups) {
    if (g.kind != GroupKind::kGender) continue;
    EXPECT_TRUE(g.key == "female" || g.key == "male" || g.key == "diverse" || g.key == "unknown" ||
                g.key == "other")
        << g.key;
  }
  // A larger minimum withholds more.
  options.min_group_size = 1000;
  const EvaluationContext strict = MakeEvaluationContext(e.dataset, e.scored, e.graph, options);
  for (const GroupFigure& g :
       MeasurePlacements(strict, e.result.placements, e.assignment, "optimal").groups) {
    EXPECT_TRUE(g.suppressed);
  }
}

TEST(NormalisedGender, MapsCellsToAClosedVocabulary) {
  EXPECT_EQ(NormalisedGender("W"), "female");
  EXPECT_EQ(NormalisedGender(" m "), "male");
  EXPECT_EQ(NormalisedGender("divers"), "diverse");
  EXPECT_EQ(NormalisedGender(""), "unknown");
  EXPECT_EQ(NormalisedGender("Anna Schmidt"), "other");
}

TEST(TimeInGermanyOf, BandsByYearsBeforeTheRunDate) {
  Participant p;
  const Date run = *ParseDate("2026-11-22");
  EXPECT_EQ(TimeInGermanyOf(p, run), TimeInGermanyBand::kUnknown);
  p.in_germany_since = ParseDate("2026-06-01");
  EXPECT_EQ(TimeInGermanyOf(p, run), TimeInGermanyBand::kUnderOneYear);
  p.in_germany_since = ParseDate("2025-06-01");
  EXPECT_EQ(TimeInGermanyOf(p, run), TimeInGermanyBand::kOneToTwoYears);
  p.in_germany_since = ParseDate("2023-06-01");
  EXPECT_EQ(TimeInGermanyOf(p, run), TimeInGermanyBand::kTwoToFourYears);
  p.in_germany_since = ParseDate("2015-06-01");
  EXPECT_EQ(TimeInGermanyOf(p, run), TimeInGermanyBand::kFourYearsOrMore);
  EXPECT_EQ(TimeInGermanyOf(p, std::nullopt), TimeInGermanyBand::kUnknown);
}

TEST(AverageDraws, MeansAndSpreadOverDraws) {
  MethodMetrics a;
  a.name = "random";
  a.proposals = 10;
  a.objective = 18;
  MethodMetrics b = a;
  b.proposals = 14;
  b.objective = 26;
  const std::vector<MethodMetrics> draws = {a, b};
  const MethodMetrics m = AverageDraws(draws, {});
  EXPECT_EQ(m.proposals, 12.0);
  EXPECT_EQ(m.objective, 22.0);
  EXPECT_EQ(m.spread.draws, 2);
  EXPECT_EQ(m.spread.proposals_min, 10.0);
  EXPECT_EQ(m.spread.proposals_max, 14.0);
  EXPECT_NEAR(m.spread.proposals_stddev, 2.8284271, 1e-6);
}

SensitivityInputs InputsFor(const Example& e) {
  SensitivityInputs inputs;
  inputs.dataset = &e.dataset;
  inputs.reference = &e.reference;
  inputs.scoring = e.scoring;
  inputs.candidates = e.candidates;
  inputs.assignment = e.assignment;
  return inputs;
}

TEST(WeightSensitivity, NoStepNoChangeAndEveryProposalHasADecider) {
  const Example& e = TheExample();
  const Sensitivity none = WeightSensitivity(InputsFor(e), e.scored, e.graph, e.result, 0.0);
  ASSERT_EQ(none.changes.size(), 8u);
  for (const WeightChange& c : none.changes) {
    EXPECT_EQ(c.proposals_changed, 0) << ScorePartName(c.part);
    EXPECT_EQ(c.proposals, none.proposals);
  }
  const Sensitivity s = WeightSensitivity(InputsFor(e), e.scored, e.graph, e.result, 0.1);
  int32_t decided = s.without_alternative;
  for (const int32_t n : s.decided_by) decided += n;
  EXPECT_EQ(decided, s.proposals);
  for (const WeightChange& c : s.changes) {
    EXPECT_LE(c.proposals_changed, 80);
    EXPECT_GE(c.proposals_changed, 0);
  }
}

TEST(SummariseOutcomes, CountsPairsOnceAndWithholdsSmallRows) {
  const Example& e = TheExample();
  const OutcomeSummary few = SummariseOutcomes(e.dataset, e.reference, e.scoring, {});
  EXPECT_EQ(few.records, static_cast<int32_t>(e.dataset.history.size()));
  EXPECT_TRUE(few.total_suppressed);  // 3 pairs: below the minimum of 5
  EXPECT_EQ(few.total.pairs, 0);

  // Thirty proposals, every third rejected, every fifth hired.
  Dataset more = e.dataset;
  more.history.clear();
  for (int32_t i = 0; i < 30; ++i) {
    Outcome o;
    o.participant = ParticipantIndex(i);
    o.vacancy = e.scored.For(ParticipantIndex(i)).empty()
                    ? VacancyIndex(i)
                    : e.scored.For(ParticipantIndex(i)).front().vacancy;
    o.date = ParseDate(i < 15 ? "2026-09-10" : "2026-10-10");
    o.kind = OutcomeKind::kProposed;
    more.history.push_back(o);
    if (i % 3 == 0) {
      o.kind = OutcomeKind::kRejected;
      more.history.push_back(o);
    } else if (i % 5 == 0) {
      o.kind = OutcomeKind::kHired;
      more.history.push_back(o);
    }
  }
  const OutcomeSummary s = SummariseOutcomes(more, e.reference, e.scoring, {});
  EXPECT_EQ(s.pairs, 30);
  EXPECT_FALSE(s.total_suppressed);
  EXPECT_EQ(s.total.pairs, 30);
  EXPECT_EQ(s.total.rejected, 10);
  EXPECT_EQ(s.total.hired, 4);  // 5, 10, 20, 25
  EXPECT_EQ(s.total.accepted, 4);
  EXPECT_EQ(s.total.open, 16);
  ASSERT_EQ(s.by_month.size(), 2u);
  EXPECT_EQ(s.by_month[0].key, "2026-09");
  EXPECT_EQ(s.by_month[0].counts.pairs, 15);
  int32_t banded = 0;
  for (const OutcomeRow& row : s.by_score_band) {
    if (row.suppressed) continue;
    EXPECT_GE(row.counts.pairs, 5);
    banded += row.counts.pairs;
  }
  EXPECT_LE(banded, 30);
}

TEST(SummariseRegion, CapacityValueConfirmedByResolveAndSlicesAddUp) {
  const Example& e = TheExample();
  const RegionalSummary r = SummariseRegion(InputsFor(e), e.scored, e.graph, e.result, {});
  ASSERT_FALSE(r.slices.empty());
  const RegionalSlice& all = r.slices.front();
  EXPECT_EQ(all.kind, SliceKind::kAll);
  EXPECT_EQ(all.participants, 80);
  EXPECT_EQ(all.vacancies, 300);
  EXPECT_EQ(all.openings, 420);
  EXPECT_EQ(all.proposals, static_cast<int32_t>(e.result.placements.size()));
  int32_t by_german = 0;
  for (const CountRow& row : all.participants_by_german) by_german += row.count;
  EXPECT_LE(by_german, 80);
  int32_t openings_by_kind = 0;
  for (const CountRow& row : all.vacancies_by_kind) openings_by_kind += row.count;
  EXPECT_EQ(openings_by_kind, 420);
  ASSERT_EQ(r.capacity.size(), 2u);
  for (const CapacityValue& c : r.capacity) {
    // Both coordinators are at capacity in the example: one more unit places
    // one more participant, and the duals price it no lower than the re-solve.
    EXPECT_EQ(c.proposals, c.capacity);
    EXPECT_EQ(c.extra_proposals, 1) << c.id;
    EXPECT_GT(c.objective_gain, 1.0) << c.id;
    EXPECT_GE(c.dual_value + 1e-6, c.objective_gain) << c.id;
    EXPECT_DOUBLE_EQ(c.yearly_target, c.fte * 40.0);
  }
  ASSERT_EQ(r.course_needs.size(), 2u);
  EXPECT_EQ(r.course_needs[0].level, CefrLevel::kB1);
  EXPECT_GE(r.course_needs[1].below, r.course_needs[0].below);
}

}  // namespace
}  // namespace jobmatch

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
  // The example's history.csv, cut to its first three pairs: below the minimum of 5.
  Dataset three = e.dataset;
  std::set<std::pair<int32_t, int32_t>> first_pairs;
  std::vector<Outcome> kept;
  for (const Outcome& o : three.history) {
    if (first_pairs.size() < 3) first_pairs.emplace(o.participant.value, o.vacancy.value);
    if (first_pairs.contains({o.participant.value, o.vacancy.value})) kept.push_back(o);
  }
  three.history = kept;
  const OutcomeSummary few = SummariseOutcomes(three, e.reference, e.scoring, {});
  EXPECT_EQ(few.records, static_cast<int32_t>(kept.size()));
  EXPECT_LE(few.pairs, 3);
  EXPECT_EQ(few.total.pairs, 0);
  EXPECT_TRUE(few.by_score_band.empty());

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
  EXPECT_EQ(s.status, OutcomeStatus::kShown);
  EXPECT_TRUE(s.from_history_file);
  EXPECT_FALSE(s.from_store);
  EXPECT_EQ(s.decided, 14);
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

// A run store's lines and decisions by hand, on the example's records (ids
// taken from the loaded dataset, whatever they are). Twelve proposals:
// participants 0-5 first proposed on 2026-10-01 at 0.85 (skill part 0.2),
// 6-11 on 2026-11-01 at 0.65 (skill 0.8); one proposal of a participant no
// longer in the data (0.95, skill 0.8, hired); an alternative decided on
// (0.45, skill 0.2, rejected) and one never decided (not counted).
struct HandStore {
  StoreOutcomeInput input;
  Dataset dataset;
};

HandStore MakeHandStore(const Example& e, bool with_decisions) {
  HandStore h;
  h.dataset = e.dataset;
  h.dataset.history.clear();
  const auto pid = [&](int i) { return h.dataset.participants[static_cast<size_t>(i)].id; };
  const auto vid = [&](int i) { return h.dataset.vacancies[static_cast<size_t>(i)].id; };
  const Date october = *ParseDate("2026-10-01");
  const Date november = *ParseDate("2026-11-01");
  for (int i = 0; i < 12; ++i) {
    const bool early = i < 6;
    h.input.lines.push_back(StoredLine{pid(i),
                                       vid(i),
                                       "K-hand",
                                       early ? october : november,
                                       true,
                                       early ? 0.85 : 0.65,
                                       {early ? 0.2 : 0.8, 0.5, 0.5, 0.0}});
  }
  // Pair 0 again in the later run, scored lower: the first proposal counts.
  h.input.lines.push_back(
      StoredLine{pid(0), vid(0), "K-hand", november, true, 0.65, {0.8, 0, 0, 0}});
  h.input.lines.push_back(
      StoredLine{"gone-person", vid(0), "K-gone", november, true, 0.95, {0.8, 0, 0, 0}});
  h.input.lines.push_back(
      StoredLine{pid(11), vid(50), "K-hand", november, false, 0.45, {0.2, 0, 0, 0}});
  h.input.lines.push_back(
      StoredLine{pid(10), vid(51), "K-hand", november, false, 0.45, {0.2, 0, 0, 0}});
  if (!with_decisions) return h;
  const Date decided = *ParseDate("2026-11-10");
  const std::vector<std::pair<int, OutcomeKind>> decisions = {{0, OutcomeKind::kHired},
                                                              {1, OutcomeKind::kRejected},
                                                              {2, OutcomeKind::kAccepted},
                                                              {3, OutcomeKind::kDroppedOut},
                                                              {4, OutcomeKind::kRejected},
                                                              {6, OutcomeKind::kHired},
                                                              {7, OutcomeKind::kAccepted}};
  for (const auto& [i, kind] : decisions) {
    h.input.decisions.push_back(PairDecision{pid(i), vid(i), kind, decided});
  }
  h.input.decisions.push_back(PairDecision{"gone-person", vid(0), OutcomeKind::kHired, decided});
  h.input.decisions.push_back(PairDecision{pid(11), vid(50), OutcomeKind::kRejected, decided});
  return h;
}

const OutcomeRow* Row(const std::vector<OutcomeRow>& rows, const std::string& key) {
  for (const OutcomeRow& row : rows) {
    if (row.key == key) return &row;
  }
  return nullptr;
}

void ExpectCounts(const OutcomeCounts& c,
                  int32_t pairs,
                  int32_t accepted,
                  int32_t hired,
                  int32_t rejected,
                  int32_t open,
                  int32_t dropped_out) {
  EXPECT_EQ(c.pairs, pairs);
  EXPECT_EQ(c.accepted, accepted);
  EXPECT_EQ(c.hired, hired);
  EXPECT_EQ(c.rejected, rejected);
  EXPECT_EQ(c.open, open);
  EXPECT_EQ(c.dropped_out, dropped_out);
}

TEST(SummariseOutcomes, StoreDecisionsCountedByHand) {
  const Example& e = TheExample();
  const HandStore h = MakeHandStore(e, true);
  const OutcomeSummary s =
      SummariseOutcomes(h.dataset, e.reference, e.scoring, OptionsFor(e), &h.input);
  ASSERT_EQ(s.status, OutcomeStatus::kShown);
  EXPECT_TRUE(s.from_store);
  EXPECT_FALSE(s.from_history_file);
  EXPECT_EQ(s.records, 9);
  // 12 proposals + the one no longer in the data + the decided alternative.
  EXPECT_EQ(s.pairs, 14);
  EXPECT_EQ(s.decided, 9);
  // accepted: 0 (hired), 2, 3 (dropped out), 6 (hired), 7, gone (hired);
  // rejected: 1, 4, the alternative; open: 5, 8, 9, 10, 11.
  ExpectCounts(s.total, 14, 6, 3, 3, 5, 1);

  // Months of the first proposal: October 0-5; November 6-11, gone, alternative.
  ASSERT_EQ(s.by_month.size(), 2u);
  ExpectCounts(Row(s.by_month, "2026-10")->counts, 6, 3, 1, 2, 1, 1);
  ExpectCounts(Row(s.by_month, "2026-11")->counts, 8, 3, 2, 1, 4, 0);
  ExpectCounts(Row(s.by_date, "2026-10-01")->counts, 6, 3, 1, 2, 1, 1);

  // Bands: 0.8-0.9 holds 0-5 (pair 0 keeps its first score); 0.9-1.0 (gone)
  // and 0.0-0.5 (the alternative) are single pairs, withheld; together they
  // are 2 < 5, so the smallest shown band (0.6-0.7, 6 pairs) goes too.
  ASSERT_EQ(s.by_score_band.size(), 4u);
  ExpectCounts(Row(s.by_score_band, "0.8-0.9")->counts, 6, 3, 1, 2, 1, 1);
  EXPECT_TRUE(Row(s.by_score_band, "0.9-1.0")->suppressed);
  EXPECT_FALSE(Row(s.by_score_band, "0.9-1.0")->secondary);
  EXPECT_TRUE(Row(s.by_score_band, "0.0-0.5")->suppressed);
  EXPECT_TRUE(Row(s.by_score_band, "0.6-0.7")->suppressed);
  EXPECT_TRUE(Row(s.by_score_band, "0.6-0.7")->secondary);
  EXPECT_EQ(Row(s.by_score_band, "0.6-0.7")->counts.pairs, 0);

  // Skill halves at the upper median 0.8: low = 0-5 and the alternative.
  EXPECT_DOUBLE_EQ(s.part_median[0], 0.8);
  ASSERT_EQ(s.by_part_half[0].size(), 2u);
  EXPECT_EQ(s.by_part_half[0][0].key, "low");
  ExpectCounts(s.by_part_half[0][0].counts, 7, 3, 1, 3, 1, 1);
  ExpectCounts(s.by_part_half[0][1].counts, 7, 3, 2, 0, 4, 0);

  // The participant no longer in the data: their own group row, withheld;
  // their coordinator from the store.
  for (const OutcomeGroupRows& g : s.by_group) {
    SCOPED_TRACE(std::string(GroupKindName(g.kind)));
    const std::string gone_key = g.kind == GroupKind::kCoordinator ? "K-gone" : "not_in_data";
    ASSERT_NE(Row(g.rows, gone_key), nullptr);
    EXPECT_TRUE(Row(g.rows, gone_key)->suppressed);
  }
  const OutcomeGroupRows& coordinators = s.by_group[static_cast<size_t>(GroupKind::kCoordinator)];
  ASSERT_EQ(coordinators.rows.size(), 2u);  // K-gone (1) and K-hand (13): both withheld
  EXPECT_TRUE(Row(coordinators.rows, "K-hand")->secondary);
}

TEST(SummariseOutcomes, NoTableRevealsAWithheldRow) {
  const Example& e = TheExample();
  const HandStore h = MakeHandStore(e, true);
  for (const int32_t min : {2, 3, 5, 7, 9}) {
    EvaluationOptions options = OptionsFor(e);
    options.min_group_size = min;
    const OutcomeSummary s =
        SummariseOutcomes(h.dataset, e.reference, e.scoring, options, &h.input);
    std::vector<const std::vector<OutcomeRow>*> tables = {
        &s.by_score_band, &s.by_month, &s.by_date};
    for (const auto& rows : s.by_part_half) tables.push_back(&rows);
    for (const OutcomeGroupRows& g : s.by_group) tables.push_back(&g.rows);
    for (const std::vector<OutcomeRow>* rows : tables) {
      int32_t shown = 0;
      int32_t withheld = 0;
      for (const OutcomeRow& row : *rows) {
        if (row.suppressed) {
          ++withheld;
          EXPECT_EQ(row.counts.pairs, 0);
        } else {
          EXPECT_GE(row.counts.pairs, min);
          shown += row.counts.pairs;
        }
      }
      // Either nothing withheld, or at least two rows holding at least min pairs together.
      EXPECT_NE(withheld, 1) << "min " << min;
      if (withheld > 0) {
        EXPECT_GE(s.total.pairs - shown, min) << "min " << min;
      } else {
        EXPECT_EQ(shown, s.total.pairs) << "min " << min;
      }
    }
  }
}

TEST(SummariseOutcomes, SaysSoWhenThereAreNoDecisionsOrNothingAtAll) {
  const Example& e = TheExample();
  const HandStore h = MakeHandStore(e, false);
  const OutcomeSummary s =
      SummariseOutcomes(h.dataset, e.reference, e.scoring, OptionsFor(e), &h.input);
  EXPECT_EQ(s.status, OutcomeStatus::kNoDecisions);
  EXPECT_EQ(s.pairs, 13);  // undecided alternatives do not count
  EXPECT_EQ(s.decided, 0);
  EXPECT_EQ(s.total.pairs, 0);
  EXPECT_TRUE(s.by_score_band.empty());
  EXPECT_TRUE(s.by_group.empty());

  const StoreOutcomeInput empty;
  const OutcomeSummary none =
      SummariseOutcomes(h.dataset, e.reference, e.scoring, OptionsFor(e), &empty);
  EXPECT_EQ(none.status, OutcomeStatus::kNone);
  EXPECT_EQ(none.pairs, 0);
  EXPECT_EQ(OutcomeStatusName(none.status), "none");
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

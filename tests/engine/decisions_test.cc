// Tests of engine/decisions.h and engine/capacity.h on hand-built datasets:
// what each decision does the next night, holds reserved and merged, last
// run's proposals preferred only among optima of equal value, lines marked
// new, and capacity derived from the programme's terms.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "engine/assignment.h"
#include "engine/capacity.h"
#include "engine/decisions.h"

namespace jobmatch {
namespace {

Date D(const char* iso) {
  return *ParseDate(iso);
}

// Two coordinators, four participants (P0, P1 with K0; P2, P3 with K1),
// three vacancies with two openings each at one employer.
Dataset SmallDataset() {
  Dataset d;
  d.coordinators = {Coordinator{"K0", "", "", 1.0, 5, true},
                    Coordinator{"K1", "", "", 0.5, 0, false}};
  d.employers = {Employer{"E0", "", 5, {}, ""}};
  for (int i = 0; i < 3; ++i) {
    Vacancy v;
    v.id = "V" + std::to_string(i);
    v.employer = EmployerIndex(0);
    v.openings = 2;
    d.vacancies.push_back(v);
  }
  for (int i = 0; i < 4; ++i) {
    Participant p;
    p.id = "P" + std::to_string(i);
    p.coordinator = CoordinatorIndex(i < 2 ? 0 : 1);
    d.participants.push_back(p);
  }
  return d;
}

History Decided(std::vector<PairDecision> decisions) {
  History h;
  h.decisions = std::move(decisions);
  return h;
}

TEST(ComputeStanding, AHireTakesTheParticipantIntoFollowUpForTheConfiguredDays) {
  Dataset d = SmallDataset();
  AppendDecisions(Decided({{"P0", "V1", OutcomeKind::kHired, D("2026-11-24")}}), &d);
  const Standing s = ComputeStanding(d, D("2026-11-25"), {});
  EXPECT_TRUE(s.in_follow_up[0]);
  EXPECT_EQ(s.follow_up_until[0], Date{D("2026-11-24").days + 365});
  EXPECT_EQ(s.hired_into[0], VacancyIndex(1));
  EXPECT_EQ(s.hires[1], 1);
  EXPECT_EQ(s.follow_up[0], 1);
  EXPECT_EQ(s.taken_on_this_year[0], 1);
  // A year and a day later the follow-up is over.
  EXPECT_FALSE(ComputeStanding(d, D("2027-11-25"), {}).in_follow_up[0]);
}

TEST(ComputeStanding, ADropOutAfterTheHireReturnsTheParticipantToThePool) {
  Dataset d = SmallDataset();
  AppendDecisions(Decided({{"P0", "V1", OutcomeKind::kHired, D("2026-11-24")},
                           {"P0", "V1", OutcomeKind::kDroppedOut, D("2026-12-10")}}),
                  &d);
  EXPECT_TRUE(ComputeStanding(d, D("2026-12-01"), {}).in_follow_up[0]);
  const Standing later = ComputeStanding(d, D("2026-12-11"), {});
  EXPECT_FALSE(later.in_follow_up[0]);
  EXPECT_EQ(later.hires[1], 1);  // the opening was used; the vacancy file says if it is open again
}

TEST(ComputeStanding, AnAcceptedPairIsHeldForTheHoldDaysUnlessDecidedOtherwise) {
  Dataset d = SmallDataset();
  AppendDecisions(Decided({{"P1", "V2", OutcomeKind::kAccepted, D("2026-11-23")},
                           {"P2", "V0", OutcomeKind::kAccepted, D("2026-11-23")},
                           {"P2", "V0", OutcomeKind::kRejected, D("2026-11-30")}}),
                  &d);
  DecisionOptions options;
  options.accepted_hold_days = 10;
  const Standing s = ComputeStanding(d, D("2026-12-01"), options);
  EXPECT_EQ(s.held[1], VacancyIndex(2));
  EXPECT_EQ(s.held_until[1], D("2026-12-03"));
  EXPECT_FALSE(s.held[2].valid());  // rejected after the acceptance
  EXPECT_FALSE(ComputeStanding(d, D("2026-12-03"), options).held[1].valid());  // hold over
}

TEST(ComputeStanding, IgnoresDecisionsDatedAfterTheRunDate) {
  Dataset d = SmallDataset();
  AppendDecisions(Decided({{"P0", "V1", OutcomeKind::kHired, D("2026-12-24")}}), &d);
  EXPECT_FALSE(ComputeStanding(d, D("2026-11-25"), {}).in_follow_up[0]);
}

TEST(AppendDecisions, LeavesOutDecisionsOnIdsTonightsDataNoLongerHolds) {
  Dataset d = SmallDataset();
  EXPECT_EQ(AppendDecisions(Decided({{"P0", "V1", OutcomeKind::kRejected, D("2026-11-24")},
                                     {"P9", "V1", OutcomeKind::kRejected, D("2026-11-24")},
                                     {"P0", "V9", OutcomeKind::kRejected, D("2026-11-24")}}),
                            &d),
            2);
  ASSERT_EQ(d.history.size(), 1u);
  EXPECT_EQ(d.history[0].participant, ParticipantIndex(0));
}

TEST(MakePool, RemovesParticipantsInFollowUpAndTheOpeningsTheyTook) {
  Dataset d = SmallDataset();
  AppendDecisions(Decided({{"P1", "V0", OutcomeKind::kHired, D("2026-11-24")},
                           {"P2", "V0", OutcomeKind::kRejected, D("2026-11-24")}}),
                  &d);
  const Pool pool = MakePool(d, ComputeStanding(d, D("2026-11-25"), {}));
  ASSERT_EQ(pool.dataset.participants.size(), 3u);
  EXPECT_EQ(pool.dataset.participants[1].id, "P2");
  EXPECT_EQ(pool.original[1], ParticipantIndex(2));
  EXPECT_EQ(pool.dataset.vacancies[0].openings, 1);
  EXPECT_EQ(pool.dataset.vacancies[1].openings, 2);
  // The rejection stays, re-indexed to the pool; the hire's participant is gone.
  ASSERT_EQ(pool.dataset.history.size(), 1u);
  EXPECT_EQ(pool.dataset.history[0].participant, ParticipantIndex(1));
  EXPECT_EQ(pool.dataset.history[0].kind, OutcomeKind::kRejected);
}

TEST(MakePool, TakingTheDatasetGivesTheSamePoolAsCopyingIt) {
  Dataset d = SmallDataset();
  AppendDecisions(Decided({{"P1", "V0", OutcomeKind::kHired, D("2026-11-24")},
                           {"P2", "V0", OutcomeKind::kRejected, D("2026-11-24")}}),
                  &d);
  const Standing standing = ComputeStanding(d, D("2026-11-25"), {});
  const Pool copied = MakePool(d, standing);
  const Pool taken = MakePool(std::move(d), standing);
  EXPECT_EQ(taken.dataset, copied.dataset);
  EXPECT_EQ(taken.original, copied.original);
  EXPECT_EQ(taken.held, copied.held);
}

// A complete bipartite graph with scores that tie in pairs.
CandidateGraph TiedGraph(int participants, int vacancies, std::mt19937* rng) {
  CandidateGraph g;
  g.num_participants = participants;
  g.num_vacancies = vacancies;
  g.num_coordinators = 1;
  g.num_employers = 1;
  g.arc_begin.push_back(0);
  std::uniform_int_distribution<int> score(0, 3);
  for (int p = 0; p < participants; ++p) {
    for (int v = 0; v < vacancies; ++v) {
      g.arc_vacancy.emplace_back(v);
      g.arc_score.push_back(0.25f * static_cast<float>(score(*rng)));
      g.arc_pair.push_back(static_cast<int32_t>(g.arc_pair.size()));
    }
    g.arc_begin.push_back(static_cast<int64_t>(g.arc_vacancy.size()));
    g.participant_coordinator.emplace_back(0);
  }
  g.coordinator_capacity = {participants - 1};
  g.vacancy_capacity.assign(static_cast<size_t>(vacancies), 1);
  g.vacancy_employer.assign(static_cast<size_t>(vacancies), EmployerIndex(0));
  g.employer_capacity = {-1};
  return g;
}

TEST(PreferredArcs, WithoutABonusNeverChangeTheObjectiveAndAreKeptWheneverAnOptimumAllows) {
  std::mt19937 rng(7);
  AssignmentOptions ties_only;
  ties_only.keep_bonus = 0.0;
  for (int round = 0; round < 200; ++round) {
    CandidateGraph g = TiedGraph(5, 6, &rng);
    const AssignmentResult plain = AssignParticipants(g, ties_only);
    ASSERT_EQ(plain.status, AssignmentStatus::kOptimal);
    // Prefer a random arc per participant; then prefer exactly the arcs of
    // another optimum (the plain one) and expect it back.
    g.arc_preferred.assign(static_cast<size_t>(g.num_arcs()), 0);
    for (int p = 0; p < g.num_participants; ++p) {
      g.arc_preferred[static_cast<size_t>(g.arc_begin[static_cast<size_t>(p)] + rng() % 6)] = 1;
    }
    const AssignmentResult preferred = AssignParticipants(g, ties_only);
    ASSERT_EQ(preferred.status, AssignmentStatus::kOptimal);
    EXPECT_NEAR(preferred.total_score, plain.total_score, 1e-6) << round;
    EXPECT_TRUE(CheckAssignment(g, ties_only, preferred).ok) << round;

    std::fill(g.arc_preferred.begin(), g.arc_preferred.end(), 0);
    for (const Placement& placement : plain.placements) {
      g.arc_preferred[static_cast<size_t>(placement.arc)] = 1;
    }
    const AssignmentResult again = AssignParticipants(g, ties_only);
    ASSERT_EQ(again.placements.size(), plain.placements.size());
    for (size_t i = 0; i < again.placements.size(); ++i) {
      EXPECT_EQ(again.placements[i].vacancy, plain.placements[i].vacancy) << round;
    }
  }
}

// With a keep bonus b, the result is an optimum of "fit + b per kept
// preferred arc": it never beats the plain optimum's fit, never falls more
// than b per kept arc below it, and a plain optimum preferred is kept whole.
TEST(PreferredArcs, WithABonusMoveOnlyWhenTheGainExceedsIt) {
  std::mt19937 rng(11);
  for (const double bonus : {0.05, 0.3}) {
    AssignmentOptions options;
    options.keep_bonus = bonus;
    AssignmentOptions plain_options;
    plain_options.keep_bonus = 0.0;
    for (int round = 0; round < 200; ++round) {
      CandidateGraph g = TiedGraph(5, 6, &rng);
      const AssignmentResult plain = AssignParticipants(g, plain_options);
      g.arc_preferred.assign(static_cast<size_t>(g.num_arcs()), 0);
      for (int p = 0; p < g.num_participants; ++p) {
        g.arc_preferred[static_cast<size_t>(g.arc_begin[static_cast<size_t>(p)] + rng() % 6)] = 1;
      }
      const AssignmentResult kept = AssignParticipants(g, options);
      ASSERT_EQ(kept.status, AssignmentStatus::kOptimal);
      ASSERT_TRUE(CheckAssignment(g, options, kept).ok) << round;
      int kept_arcs = 0;
      for (const Placement& placement : kept.placements) {
        kept_arcs += g.arc_preferred[static_cast<size_t>(placement.arc)];
      }
      EXPECT_LE(kept.total_score, plain.total_score + 1e-6) << round;
      EXPECT_GE(kept.total_score + bonus * kept_arcs + 1e-6, plain.total_score) << round;
      EXPECT_EQ(kept.placements.size(), plain.placements.size()) << round;
    }
  }
}

// Last night: participant 0 on vacancy 0 (0.80). Tonight participant 1 joins
// with vacancy 0 at 0.90 and vacancy 1 at 0.86; participant 0 has vacancy 1
// at 0.78. Moving participant 0 gains 0.90 + 0.78 - (0.80 + 0.86) = 0.02.
TEST(PreferredArcs, AChainMoveSmallerThanTheBonusKeepsLastNightsProposal) {
  CandidateGraph g;
  g.num_participants = 2;
  g.num_vacancies = 2;
  g.num_coordinators = 1;
  g.num_employers = 1;
  g.arc_begin = {0, 2, 4};
  g.arc_vacancy = {VacancyIndex(0), VacancyIndex(1), VacancyIndex(0), VacancyIndex(1)};
  g.arc_score = {0.80f, 0.78f, 0.90f, 0.86f};
  g.arc_pair = {0, 1, 2, 3};
  g.participant_coordinator = {CoordinatorIndex(0), CoordinatorIndex(0)};
  g.coordinator_capacity = {2};
  g.vacancy_capacity = {1, 1};
  g.vacancy_employer = {EmployerIndex(0), EmployerIndex(0)};
  g.employer_capacity = {-1};
  g.arc_preferred = {1, 0, 0, 0};
  ASSERT_TRUE(g.IsValid());
  AssignmentOptions options;
  options.keep_bonus = 0.05;
  const AssignmentResult kept = AssignParticipants(g, options);
  ASSERT_EQ(kept.placements.size(), 2u);
  EXPECT_EQ(kept.placements[0].vacancy, VacancyIndex(0));
  EXPECT_EQ(kept.placements[1].vacancy, VacancyIndex(1));
  options.keep_bonus = 0.01;
  const AssignmentResult moved = AssignParticipants(g, options);
  ASSERT_EQ(moved.placements.size(), 2u);
  EXPECT_EQ(moved.placements[0].vacancy, VacancyIndex(1));
  EXPECT_EQ(moved.placements[1].vacancy, VacancyIndex(0));
}

TEST(ReserveHeldPairs, TakesTheHeldPairOutAndMergesItBack) {
  std::mt19937 rng(3);
  CandidateGraph g = TiedGraph(3, 3, &rng);
  g.coordinator_capacity = {3};
  std::vector<VacancyIndex> held(3);
  held[1] = VacancyIndex(2);
  const float score = g.arc_score[static_cast<size_t>(g.arc_begin[1] + 2)];
  const std::vector<Placement> reserved = ReserveHeldPairs(held, &g);
  ASSERT_TRUE(g.IsValid());
  ASSERT_EQ(reserved.size(), 1u);
  EXPECT_EQ(g.arc_begin[2] - g.arc_begin[1], 0);  // the held participant's row is empty
  EXPECT_EQ(g.vacancy_capacity[2], 0);
  EXPECT_EQ(g.coordinator_capacity[0], 2);
  AssignmentResult result = AssignParticipants(g);
  ASSERT_TRUE(CheckAssignment(g, {}, result).ok);
  MergeReserved(reserved, &result);
  ASSERT_EQ(result.placements.size(), 3u);
  EXPECT_EQ(result.placements[1].participant, ParticipantIndex(1));
  EXPECT_EQ(result.placements[1].vacancy, VacancyIndex(2));
  EXPECT_EQ(result.placements[1].score, score);
}

TEST(MarkNew, MarksLinesTheLastRunDidNotListInTheSameRole) {
  const Dataset d = SmallDataset();
  ProposalSet set;
  Proposal line;
  line.participant = ParticipantIndex(0);
  line.pair.vacancy = VacancyIndex(0);
  line.assigned = true;
  set.proposals.push_back(line);  // was an alternative: new as a proposal
  line.pair.vacancy = VacancyIndex(1);
  line.assigned = false;
  set.proposals.push_back(line);  // was the proposal, listed: not new
  line.pair.vacancy = VacancyIndex(2);
  set.proposals.push_back(line);  // not listed: new
  History h;
  MarkNew(d, h, &set);
  for (const Proposal& p : set.proposals) EXPECT_TRUE(p.is_new);  // no last run: all new
  h.has_last_run = true;
  h.last_proposals = {{"P0", "V1"}};
  h.last_listed = {{"P0", "V0"}, {"P0", "V1"}};
  MarkNew(d, h, &set);
  EXPECT_TRUE(set.proposals[0].is_new);
  EXPECT_FALSE(set.proposals[1].is_new);
  EXPECT_TRUE(set.proposals[2].is_new);
}

TEST(DeriveCapacities, FollowsTheProgrammesTermsAndKeepsAGivenCapacity) {
  Dataset d = SmallDataset();  // K0 given 5; K1 empty, 0.5 FTE
  d.coordinators[1].fte = 1.0;
  AppendDecisions(Decided({{"P2", "V0", OutcomeKind::kHired, D("2026-02-01")},
                           {"P3", "V1", OutcomeKind::kAccepted, D("2026-03-01")}}),
                  &d);
  const Date run = D("2026-11-25");  // 37 days left: 2 cycles of 4 weeks
  const Standing s = ComputeStanding(d, run, {});
  const std::vector<CapacityDerivation> c = DeriveCapacities(d, s, run, {});
  EXPECT_FALSE(c[0].derived);
  EXPECT_EQ(c[0].capacity, 5);
  ASSERT_TRUE(c[1].derived);
  EXPECT_EQ(c[1].taken_on_this_year, 2);
  EXPECT_EQ(c[1].cycles_left, 2);
  EXPECT_EQ(c[1].follow_up, 1);
  EXPECT_DOUBLE_EQ(c[1].per_cycle, 19.0);  // (40 - 2) / 2
  EXPECT_EQ(c[1].capacity, 18);            // floor(19 - 0.1)
  ApplyCapacities(c, &d);
  EXPECT_EQ(d.coordinators[1].capacity, 18);
  // Early in January a year's intake spreads over 14 cycles.
  const Date january = D("2027-01-01");
  const std::vector<CapacityDerivation> next =
      DeriveCapacities(d, ComputeStanding(d, january, {}), january, {});
  EXPECT_EQ(next[1].cycles_left, 14);
  EXPECT_EQ(next[1].taken_on_this_year, 0);
  EXPECT_EQ(next[1].capacity, 2);  // floor(40 / 14 - 0.1 * 1)
}

}  // namespace
}  // namespace jobmatch

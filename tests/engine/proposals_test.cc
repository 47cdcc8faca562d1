// Tests of engine/proposals.h on hand-built inputs: the lines of each
// participant (assigned first, then alternatives by rank, within the limit),
// why each participant without a proposal has none, the nearest miss, the
// run totals and the sort order.

#include "engine/proposals.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

namespace jobmatch {
namespace {

using ::testing::ElementsAre;

constexpr size_t kRule(ExclusionReason r) {
  return static_cast<size_t>(r);
}

ScoredPair Pair(int32_t vacancy, float score) {
  ScoredPair pair;
  pair.vacancy = VacancyIndex(vacancy);
  pair.score = score;
  return pair;
}

// Scored pairs from one row per participant (best first, as the scorer keeps
// them); the per-participant counts start empty.
ScoredPairs Scored(const std::vector<std::vector<ScoredPair>>& rows) {
  ScoredPairs scored;
  scored.begin.push_back(0);
  for (const auto& row : rows) {
    scored.pairs.insert(scored.pairs.end(), row.begin(), row.end());
    scored.begin.push_back(static_cast<int64_t>(scored.pairs.size()));
    scored.eligible.push_back(static_cast<int32_t>(row.size()));
    scored.within_reach.push_back(static_cast<int32_t>(row.size()));
    scored.pairs_examined += static_cast<int64_t>(row.size());
  }
  scored.excluded.resize(rows.size());
  scored.near_miss.resize(rows.size());
  return scored;
}

// A graph with one arc per scored pair; MakeProposals reads only its size.
CandidateGraph GraphOf(const Dataset& dataset, const ScoredPairs& scored) {
  CandidateGraph graph;
  graph.num_participants = static_cast<int32_t>(dataset.participants.size());
  graph.num_vacancies = static_cast<int32_t>(dataset.vacancies.size());
  graph.num_coordinators = static_cast<int32_t>(dataset.coordinators.size());
  graph.arc_begin = scored.begin;
  for (size_t i = 0; i < scored.pairs.size(); ++i) {
    graph.arc_vacancy.push_back(scored.pairs[i].vacancy);
    graph.arc_score.push_back(scored.pairs[i].score);
    graph.arc_pair.push_back(static_cast<int32_t>(i));
  }
  return graph;
}

// Two coordinators, five vacancies at two employers (E0 a micro-enterprise),
// seven participants, one per case:
//   P0 (K0) placed on its second-best V1, V0 went to P4 (a binding);
//   P1 (K1) may not work; P2 (K0) nothing in reach; P3 (K1) every vacancy
//   removed by rules; P4 (K0) coordinator at capacity; P5 (K1) bound by a
//   full vacancy; P6 (K0) outscored.
struct Fixture {
  Dataset dataset;
  ScoredPairs scored;
  CandidateGraph graph;
  AssignmentResult result;
};

Fixture MakeFixture() {
  Fixture f;
  Dataset& d = f.dataset;
  d.coordinators = {{"K0", "", "", 1.0, 1}, {"K1", "", "", 1.0, 1}};
  d.employers.resize(2);
  d.employers[0].id = "E0";
  d.employers[0].staff = 5;
  d.employers[1].id = "E1";
  d.employers[1].staff = 400;
  const int32_t openings[] = {1, 2, 1, 3, 1};
  for (int32_t v = 0; v < 5; ++v) {
    Vacancy vacancy;
    vacancy.id = "V" + std::to_string(v);
    vacancy.employer = EmployerIndex(v < 2 ? 0 : 1);
    vacancy.openings = openings[v];
    d.vacancies.push_back(vacancy);
  }
  d.courses.resize(1);
  d.courses[0].id = "C0";
  const int32_t coordinator_of[] = {0, 1, 0, 1, 0, 1, 0};
  for (int32_t p = 0; p < 7; ++p) {
    Participant participant;
    participant.id = "P" + std::to_string(p);
    participant.coordinator = CoordinatorIndex(coordinator_of[p]);
    participant.work_permitted = p != 1;
    d.participants.push_back(participant);
  }

  ScoredPair p0_v1 = Pair(1, 0.8f);
  p0_v1.bridge_course = CourseIndex(0);
  f.scored = Scored({
      {Pair(0, 0.9f), p0_v1, Pair(2, 0.7f), Pair(3, 0.6f), Pair(4, 0.5f)},  // P0
      {},                                                                   // P1
      {},                                                                   // P2
      {},                                                                   // P3
      {Pair(0, 0.95f), Pair(3, 0.4f)},                                      // P4
      {Pair(3, 0.7f)},                                                      // P5
      {Pair(4, 0.3f)},                                                      // P6
  });
  f.scored.excluded[1][kRule(ExclusionReason::kWorkNotPermitted)] = 5;
  f.scored.near_miss[1][kRule(ExclusionReason::kWorkNotPermitted)] = {5, VacancyIndex(2), 0.75f};
  f.scored.excluded[3][kRule(ExclusionReason::kCommuteTooLong)] = 3;
  f.scored.excluded[3][kRule(ExclusionReason::kGermanTooLow)] = 1;
  f.scored.excluded[3][kRule(ExclusionReason::kExpired)] = 1;
  // Same best score for commute and German: more vacancies wins. The expired
  // vacancy scores higher but is no rule a coordinator can lift.
  f.scored.near_miss[3][kRule(ExclusionReason::kGermanTooLow)] = {1, VacancyIndex(0), 0.6f};
  f.scored.near_miss[3][kRule(ExclusionReason::kCommuteTooLong)] = {3, VacancyIndex(2), 0.6f};
  f.scored.near_miss[3][kRule(ExclusionReason::kExpired)] = {1, VacancyIndex(4), 0.99f};
  f.scored.excluded_total[kRule(ExclusionReason::kWorkNotPermitted)] = 5;
  f.scored.excluded_total[kRule(ExclusionReason::kCommuteTooLong)] = 3;
  f.graph = GraphOf(d, f.scored);

  f.result.placements = {{ParticipantIndex(0), VacancyIndex(1), 1, 0.8f}};
  f.result.total_score = 0.8;
  Binding p0;
  p0.participant = ParticipantIndex(0);
  p0.kind = BindingKind::kVacancyFull;
  p0.better_vacancy = VacancyIndex(0);
  p0.better_score = 0.9f;
  p0.holders = {ParticipantIndex(4)};
  p0.holder_scores = {0.95f};
  Binding p4;
  p4.participant = ParticipantIndex(4);
  p4.kind = BindingKind::kCoordinatorAtCapacity;
  p4.better_vacancy = VacancyIndex(0);
  p4.better_score = 0.95f;
  Binding p5;
  p5.participant = ParticipantIndex(5);
  p5.kind = BindingKind::kVacancyFull;
  p5.better_vacancy = VacancyIndex(3);
  p5.better_score = 0.7f;
  p5.holders = {ParticipantIndex(0)};
  p5.holder_scores = {0.6f};
  f.result.bindings = {p0, p4, p5};
  return f;
}

std::vector<const Proposal*> LinesOf(const ProposalSet& set, int32_t participant) {
  std::vector<const Proposal*> lines;
  for (const Proposal& p : set.proposals) {
    if (p.participant.value == participant) lines.push_back(&p);
  }
  return lines;
}

const UnplacedParticipant* UnplacedOf(const ProposalSet& set, int32_t participant) {
  for (const UnplacedParticipant& u : set.unplaced) {
    if (u.participant.value == participant) return &u;
  }
  return nullptr;
}

ProposalSet Make(const Fixture& f, int32_t alternatives) {
  ProposalOptions options;
  options.alternatives = alternatives;
  return MakeProposals(f.dataset, f.scored, f.graph, f.result, options);
}

TEST(MakeProposals, ListsTheAssignedVacancyFirstThenAlternativesByRank) {
  const Fixture f = MakeFixture();
  const ProposalSet set = Make(f, 3);
  const std::vector<const Proposal*> lines = LinesOf(set, 0);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_TRUE(lines[0]->assigned);
  EXPECT_EQ(lines[0]->pair.vacancy, VacancyIndex(1));
  EXPECT_EQ(lines[0]->rank, 2);
  EXPECT_EQ(lines[0]->coordinator, CoordinatorIndex(0));
  std::vector<int32_t> alternative_ranks;
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_FALSE(lines[i]->assigned);
    EXPECT_NE(lines[i]->pair.vacancy, VacancyIndex(1)) << "the assigned vacancy listed twice";
    EXPECT_EQ(lines[i]->binding.kind, BindingKind::kNone);
    alternative_ranks.push_back(lines[i]->rank);
  }
  EXPECT_THAT(alternative_ranks, ElementsAre(1, 3, 4));
}

TEST(MakeProposals, TheAssignedLineCarriesWhatBoundTheAssignment) {
  const Fixture f = MakeFixture();
  const ProposalSet set = Make(f, 3);
  const Proposal& assigned = *LinesOf(set, 0)[0];
  EXPECT_EQ(assigned.binding.kind, BindingKind::kVacancyFull);
  EXPECT_EQ(assigned.binding.better_vacancy, VacancyIndex(0));
  EXPECT_THAT(assigned.binding.holders, ElementsAre(ParticipantIndex(4)));
  EXPECT_THAT(assigned.binding.holder_scores, ElementsAre(0.95f));
}

TEST(MakeProposals, ListsAtMostTheConfiguredNumberOfAlternatives) {
  const Fixture f = MakeFixture();
  for (const int32_t limit : {0, 1, 2, 4, 10}) {
    const ProposalSet set = Make(f, limit);
    const std::vector<const Proposal*> p0 = LinesOf(set, 0);
    // P0 has four scored vacancies besides the assigned one.
    EXPECT_EQ(p0.size(), 1u + static_cast<size_t>(std::min(limit, 4))) << "limit " << limit;
    // P4 (unplaced) has two scored vacancies, all of them alternatives.
    const std::vector<const Proposal*> p4 = LinesOf(set, 4);
    EXPECT_EQ(p4.size(), static_cast<size_t>(std::min(limit, 2))) << "limit " << limit;
    for (const Proposal* line : p4) EXPECT_FALSE(line->assigned);
  }
}

TEST(MakeProposals, SaysWhyEachParticipantWithoutAProposalHasNone) {
  const Fixture f = MakeFixture();
  const ProposalSet set = Make(f, 3);
  ASSERT_EQ(set.unplaced.size(), 6u);
  EXPECT_EQ(UnplacedOf(set, 0), nullptr);
  EXPECT_EQ(UnplacedOf(set, 1)->reason, UnplacedReason::kNoWorkPermit);
  EXPECT_EQ(UnplacedOf(set, 2)->reason, UnplacedReason::kNothingInReach);
  EXPECT_EQ(UnplacedOf(set, 3)->reason, UnplacedReason::kNothingSuitable);
  EXPECT_EQ(UnplacedOf(set, 4)->reason, UnplacedReason::kCoordinatorAtCapacity);
  EXPECT_EQ(UnplacedOf(set, 5)->reason, UnplacedReason::kBound);
  EXPECT_EQ(UnplacedOf(set, 6)->reason, UnplacedReason::kOutscored);
}

TEST(MakeProposals, GivesTheNumbersTheReasonsNeed) {
  const Fixture f = MakeFixture();
  const ProposalSet set = Make(f, 3);
  const UnplacedParticipant& suitable = *UnplacedOf(set, 3);
  EXPECT_EQ(suitable.excluded, f.scored.excluded[3]);
  EXPECT_EQ(suitable.candidates, 0);
  EXPECT_FALSE(suitable.best_vacancy.valid());

  const UnplacedParticipant& capacity = *UnplacedOf(set, 4);
  EXPECT_EQ(capacity.coordinator, CoordinatorIndex(0));
  EXPECT_EQ(capacity.candidates, 2);
  EXPECT_EQ(capacity.eligible, 2);
  EXPECT_EQ(capacity.best_vacancy, VacancyIndex(0));
  EXPECT_FLOAT_EQ(capacity.best_score, 0.95f);

  const UnplacedParticipant& bound = *UnplacedOf(set, 5);
  EXPECT_EQ(bound.binding.kind, BindingKind::kVacancyFull);
  EXPECT_EQ(bound.binding.better_vacancy, VacancyIndex(3));

  const UnplacedParticipant& outscored = *UnplacedOf(set, 6);
  EXPECT_EQ(outscored.candidates, 1);
  EXPECT_EQ(outscored.binding.kind, BindingKind::kNone);
}

TEST(MakeProposals, ChoosesTheNearestMissACoordinatorCanActOn) {
  const Fixture f = MakeFixture();
  const ProposalSet set = Make(f, 3);
  const UnplacedParticipant& permit = *UnplacedOf(set, 1);
  ASSERT_TRUE(permit.has_near_miss);
  EXPECT_EQ(permit.near_miss_rule, ExclusionReason::kWorkNotPermitted);
  EXPECT_EQ(permit.near_miss.count, 5);

  // Commute and German open equally good vacancies; commute opens more. The
  // expired vacancy, though better, is not offered.
  const UnplacedParticipant& rules = *UnplacedOf(set, 3);
  ASSERT_TRUE(rules.has_near_miss);
  EXPECT_EQ(rules.near_miss_rule, ExclusionReason::kCommuteTooLong);
  EXPECT_EQ(rules.near_miss.best, VacancyIndex(2));
  EXPECT_EQ(rules.near_miss.count, 3);

  EXPECT_FALSE(UnplacedOf(set, 2)->has_near_miss);
}

TEST(MakeProposals, TheBetterNearMissWinsOverTheMoreNumerousOne) {
  Fixture f = MakeFixture();
  f.scored.near_miss[3][kRule(ExclusionReason::kGermanTooLow)] = {1, VacancyIndex(0), 0.65f};
  const ProposalSet set = Make(f, 3);  // (a reference into a temporary would dangle)
  const UnplacedParticipant& rules = *UnplacedOf(set, 3);
  EXPECT_EQ(rules.near_miss_rule, ExclusionReason::kGermanTooLow);
  EXPECT_EQ(rules.near_miss.best, VacancyIndex(0));
}

TEST(MakeProposals, TotalsTheRun) {
  const Fixture f = MakeFixture();
  const RunMetrics m = Make(f, 3).metrics;
  EXPECT_EQ(m.participants, 7);
  EXPECT_EQ(m.vacancies, 5);
  EXPECT_EQ(m.openings, 8);
  EXPECT_EQ(m.coordinators, 2);
  EXPECT_EQ(m.pairs_examined, 9);
  EXPECT_EQ(m.candidate_arcs, 9);
  EXPECT_EQ(m.proposals, 1);
  EXPECT_EQ(m.unplaced, 6);
  EXPECT_NEAR(m.total_score, 0.8, 1e-6);
  EXPECT_NEAR(m.mean_score, 0.8, 1e-6);
  EXPECT_EQ(m.micro_enterprise_proposals, 1);  // V1 at E0, 5 staff
  EXPECT_EQ(m.course_bridge_proposals, 1);     // after course C0
  EXPECT_EQ(m.excluded_total, f.scored.excluded_total);
}

TEST(MakeProposals, CountsOpeningsBeyondThirtyTwoBits) {
  Fixture f = MakeFixture();
  for (Vacancy& v : f.dataset.vacancies) v.openings = 2'000'000'000;
  EXPECT_EQ(Make(f, 3).metrics.openings, int64_t{10'000'000'000});
}

TEST(MakeProposals, SortsByCoordinatorParticipantAssignedFirstThenRank) {
  const Fixture f = MakeFixture();
  const ProposalSet set = Make(f, 3);
  auto proposal_key = [](const Proposal& p) {
    return std::make_tuple(p.coordinator.value, p.participant.value, !p.assigned, p.rank);
  };
  EXPECT_TRUE(std::is_sorted(
      set.proposals.begin(), set.proposals.end(), [&](const Proposal& a, const Proposal& b) {
        return proposal_key(a) < proposal_key(b);
      }));
  std::vector<int32_t> unplaced_order;
  for (const UnplacedParticipant& u : set.unplaced) unplaced_order.push_back(u.participant.value);
  // Coordinator K0 (P2, P4, P6), then K1 (P1, P3, P5).
  EXPECT_THAT(unplaced_order, ElementsAre(2, 4, 6, 1, 3, 5));
  for (const UnplacedParticipant& u : set.unplaced) {
    EXPECT_EQ(u.coordinator,
              f.dataset.participants[static_cast<size_t>(u.participant.value)].coordinator);
  }
}

TEST(MakeProposals, AnEmptyRunGivesEmptyLists) {
  Fixture f;
  f.scored = Scored({});
  f.graph = GraphOf(f.dataset, f.scored);
  const ProposalSet set = Make(f, 3);
  EXPECT_TRUE(set.proposals.empty());
  EXPECT_TRUE(set.unplaced.empty());
  EXPECT_EQ(set.metrics.mean_score, 0.0);
}

TEST(MakeProposalsDeathTest, APlacementOnAPairTheScorerDidNotKeepIsABug) {
  Fixture f = MakeFixture();
  f.result.placements = {{ParticipantIndex(6), VacancyIndex(0), 8, 0.9f}};
  EXPECT_DEATH((void)Make(f, 3), "did not keep");
}

}  // namespace
}  // namespace jobmatch

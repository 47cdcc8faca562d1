#include "engine/candidate_graph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/engine/scoring_fixtures.h"

namespace jobmatch {
namespace {

constexpr Date kRunDate{20'414};

struct Instance {
  ReferenceData reference;
  Dataset dataset;
  ScoredPairs scored;
};

Instance RandomInstance(uint64_t seed, int32_t top_k) {
  fixtures::TestRng rng(seed);
  Instance in;
  in.reference = fixtures::RandomReference(&rng, 30, 10);
  in.dataset = fixtures::RandomDataset(&rng, in.reference, 80, 200, 25.0);
  ScoringOptions o;
  o.run_date = kRunDate;
  o.top_k = top_k;
  in.scored = ScoreTopK(in.dataset, in.reference, o);
  return in;
}

TEST(BuildCandidateGraph, TakesTheBestArcsOfEachScoredRowInOrder) {
  const Instance in = RandomInstance(3, 10);
  CandidateOptions options;
  options.max_arcs_per_participant = 4;
  const CandidateGraph g = BuildCandidateGraph(in.dataset, in.scored, options);
  ASSERT_TRUE(g.IsValid());
  EXPECT_EQ(g.num_participants, 80);
  EXPECT_EQ(g.num_vacancies, 200);
  EXPECT_GT(g.num_arcs(), 80);
  for (int32_t p = 0; p < g.num_participants; ++p) {
    const auto row = in.scored.For(ParticipantIndex(p));
    const auto i = static_cast<size_t>(p);
    ASSERT_EQ(g.arc_begin[i + 1] - g.arc_begin[i],
              std::min<int64_t>(4, static_cast<int64_t>(row.size())));
    for (int64_t a = g.arc_begin[i]; a < g.arc_begin[i + 1]; ++a) {
      const auto k = static_cast<size_t>(a);
      const ScoredPair& pair = in.scored.pairs[static_cast<size_t>(g.arc_pair[k])];
      EXPECT_EQ(pair.vacancy, row[static_cast<size_t>(a - g.arc_begin[i])].vacancy);
      EXPECT_EQ(g.arc_vacancy[k], pair.vacancy);
      EXPECT_EQ(g.arc_score[k], pair.score);
      EXPECT_GE(g.arc_pair[k], in.scored.begin[i]);
      EXPECT_LT(g.arc_pair[k], in.scored.begin[i + 1]);
      if (a > g.arc_begin[i]) {
        EXPECT_GE(g.arc_score[k - 1], g.arc_score[k]);  // best first
      }
    }
    EXPECT_EQ(g.participant_coordinator[i], in.dataset.participants[i].coordinator);
  }
}

TEST(BuildCandidateGraph, CopiesCapacitiesAndCapsEmployersBySizeClass) {
  const Instance in = RandomInstance(4, 5);
  CandidateOptions options;
  options.employer_cap_by_size = {1, 2, 0, -3};  // medium and large: no cap
  const CandidateGraph g = BuildCandidateGraph(in.dataset, in.scored, options);
  ASSERT_TRUE(g.IsValid());
  for (size_t c = 0; c < in.dataset.coordinators.size(); ++c) {
    EXPECT_EQ(g.coordinator_capacity[c], in.dataset.coordinators[c].capacity);
  }
  for (size_t v = 0; v < in.dataset.vacancies.size(); ++v) {
    EXPECT_EQ(g.vacancy_capacity[v], in.dataset.vacancies[v].openings);
    EXPECT_EQ(g.vacancy_employer[v], in.dataset.vacancies[v].employer);
  }
  const int32_t expected[] = {1, 2, -1, -1};
  for (size_t e = 0; e < in.dataset.employers.size(); ++e) {
    const auto size = static_cast<size_t>(SizeClassOf(in.dataset.employers[e].staff));
    EXPECT_EQ(g.employer_capacity[e], expected[size]) << "employer " << e;
  }
}

TEST(BuildCandidateGraph, GivesExpiredVacanciesNoArcsButKeepsTheirOpenings) {
  Instance in = RandomInstance(5, 0);
  for (Vacancy& v : in.dataset.vacancies) v.expires = Date{kRunDate.days - 1};
  in.dataset.vacancies[0].expires.reset();
  ScoringOptions o;
  o.run_date = kRunDate;
  const ScoredPairs scored = ScoreTopK(in.dataset, in.reference, o);
  const CandidateGraph g = BuildCandidateGraph(in.dataset, scored, {});
  ASSERT_TRUE(g.IsValid());
  for (VacancyIndex v : g.arc_vacancy) EXPECT_EQ(v, VacancyIndex(0));
  EXPECT_EQ(g.vacancy_capacity[1], in.dataset.vacancies[1].openings);
}

TEST(BuildCandidateGraph, WithZeroArcsPerParticipantIsAnEmptyValidGraph) {
  const Instance in = RandomInstance(6, 5);
  CandidateOptions options;
  options.max_arcs_per_participant = 0;
  const CandidateGraph g = BuildCandidateGraph(in.dataset, in.scored, options);
  EXPECT_TRUE(g.IsValid());
  EXPECT_EQ(g.num_arcs(), 0);
}

TEST(CandidateGraph, DefaultGraphIsInvalidUntilItHasItsOffsets) {
  CandidateGraph g;
  EXPECT_FALSE(g.IsValid());  // arc_begin must have num_participants + 1 entries
  g.arc_begin = {0};
  EXPECT_TRUE(g.IsValid());
}

TEST(CandidateGraph, IsValidRejectsEveryKindOfCorruption) {
  const Instance in = RandomInstance(7, 6);
  const CandidateGraph good = BuildCandidateGraph(in.dataset, in.scored, {});
  ASSERT_TRUE(good.IsValid());
  ASSERT_GT(good.num_arcs(), 2);
  // Find a participant with two arcs or more, to break monotonicity there.
  size_t row = 0;
  while (good.arc_begin[row + 1] - good.arc_begin[row] < 2) ++row;

  auto expect_invalid = [&](const char* what, auto corrupt) {
    CandidateGraph g = good;
    corrupt(g);
    EXPECT_FALSE(g.IsValid()) << what;
  };
  expect_invalid("first offset", [](CandidateGraph& g) { g.arc_begin[0] = 1; });
  expect_invalid("offsets decrease",
                 [&](CandidateGraph& g) { g.arc_begin[row + 1] = g.arc_begin[row] - 1; });
  expect_invalid("last offset", [](CandidateGraph& g) { g.arc_begin.back() -= 1; });
  expect_invalid("offsets size", [](CandidateGraph& g) { g.arc_begin.pop_back(); });
  expect_invalid("vacancy too large",
                 [](CandidateGraph& g) { g.arc_vacancy[1] = VacancyIndex(g.num_vacancies); });
  expect_invalid("vacancy negative",
                 [](CandidateGraph& g) { g.arc_vacancy[0] = VacancyIndex(-1); });
  expect_invalid("score above 1", [](CandidateGraph& g) { g.arc_score[0] = 1.01f; });
  expect_invalid("score below 0", [](CandidateGraph& g) { g.arc_score[0] = -0.01f; });
  expect_invalid("score NaN", [](CandidateGraph& g) {
    g.arc_score[0] = std::numeric_limits<float>::quiet_NaN();
  });
  expect_invalid("scores size", [](CandidateGraph& g) { g.arc_score.pop_back(); });
  expect_invalid("pairs size", [](CandidateGraph& g) { g.arc_pair.pop_back(); });
  expect_invalid("coordinator of participant", [](CandidateGraph& g) {
    g.participant_coordinator[0] = CoordinatorIndex(g.num_coordinators);
  });
  expect_invalid("participants size",
                 [](CandidateGraph& g) { g.participant_coordinator.pop_back(); });
  expect_invalid("coordinator capacity", [](CandidateGraph& g) { g.coordinator_capacity[0] = -1; });
  expect_invalid("vacancy capacity", [](CandidateGraph& g) { g.vacancy_capacity[3] = -2; });
  expect_invalid("vacancy employer",
                 [](CandidateGraph& g) { g.vacancy_employer[0] = EmployerIndex(g.num_employers); });
  expect_invalid("employer capacities size",
                 [](CandidateGraph& g) { g.employer_capacity.push_back(1); });
  expect_invalid("negative count", [](CandidateGraph& g) { g.num_coordinators = -1; });
  // An employer capacity below zero is "no cap", not corruption.
  CandidateGraph uncapped = good;
  uncapped.employer_capacity[0] = -7;
  EXPECT_TRUE(uncapped.IsValid());
}

}  // namespace
}  // namespace jobmatch

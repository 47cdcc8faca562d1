// Tests engine/baselines.h: every baseline (the earlier proposals too) is
// feasible and never beats the exact assignment's objective on many random
// instances; each baseline's rule on small hand-built graphs.

#include "engine/baselines.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/assignment.h"
#include "engine/internal/random.h"

namespace jobmatch {
namespace {

using internal::Rng;

// A random graph with rows best first (as BuildCandidateGraph makes them),
// scarce capacities, some capped employers and, with `levels` > 0, many ties.
CandidateGraph RandomGraph(Rng& rng, int32_t participants, int32_t vacancies, int32_t levels) {
  CandidateGraph g;
  g.num_participants = participants;
  g.num_vacancies = vacancies;
  g.num_coordinators = static_cast<int32_t>(rng.Between(1, 4));
  g.num_employers = static_cast<int32_t>(rng.Between(1, std::max(1, vacancies / 2)));
  g.arc_begin.push_back(0);
  for (int32_t p = 0; p < participants; ++p) {
    const int64_t arcs = std::min<int64_t>(rng.Between(0, 6), vacancies);
    std::vector<std::pair<float, int32_t>> row;
    std::set<int32_t> used;
    while (static_cast<int64_t>(row.size()) < arcs) {
      const auto v = static_cast<int32_t>(rng.Between(0, vacancies - 1));
      if (!used.insert(v).second) continue;
      const float score =
          levels > 0 ? static_cast<float>(rng.Between(0, levels)) / static_cast<float>(levels)
                     : static_cast<float>(rng.Uniform());
      row.emplace_back(score, v);
    }
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (const auto& [score, v] : row) {
      g.arc_vacancy.emplace_back(v);
      g.arc_score.push_back(score);
      g.arc_pair.push_back(static_cast<int32_t>(g.arc_pair.size()));
    }
    g.arc_begin.push_back(static_cast<int64_t>(g.arc_vacancy.size()));
    g.participant_coordinator.emplace_back(
        static_cast<int32_t>(rng.Between(0, g.num_coordinators - 1)));
  }
  for (int32_t c = 0; c < g.num_coordinators; ++c) {
    g.coordinator_capacity.push_back(
        static_cast<int32_t>(rng.Between(0, std::max(1, participants / g.num_coordinators))));
  }
  for (int32_t v = 0; v < vacancies; ++v) {
    g.vacancy_capacity.push_back(static_cast<int32_t>(rng.Between(0, 2)));
    g.vacancy_employer.emplace_back(static_cast<int32_t>(rng.Between(0, g.num_employers - 1)));
  }
  for (int32_t e = 0; e < g.num_employers; ++e) {
    g.employer_capacity.push_back(rng.Bernoulli(0.3) ? static_cast<int32_t>(rng.Between(0, 2))
                                                     : -1);
  }
  EXPECT_TRUE(g.IsValid());
  return g;
}

std::vector<float> RandomMinutes(Rng& rng, const CandidateGraph& g) {
  std::vector<float> minutes;
  for (int64_t a = 0; a < g.num_arcs(); ++a) {
    minutes.push_back(static_cast<float>(rng.Between(5, 75)));
  }
  return minutes;
}

TEST(Baselines, AreFeasibleAndNeverBeatTheExactObjectiveOnRandomInstances) {
  Rng rng(2026);
  int strictly_better = 0;
  for (int instance = 0; instance < 600; ++instance) {
    const int32_t participants = static_cast<int32_t>(rng.Between(1, 40));
    const int32_t vacancies = static_cast<int32_t>(rng.Between(1, 25));
    const CandidateGraph g = RandomGraph(rng, participants, vacancies, instance % 3 == 0 ? 4 : 0);
    AssignmentOptions options;
    options.placement_value = instance % 4 == 0 ? 0.0 : 1.0;
    const AssignmentResult exact = AssignParticipants(g, options);
    ASSERT_EQ(exact.status, AssignmentStatus::kOptimal);
    ASSERT_EQ(CheckCapacities(g, exact.placements), "");
    const int64_t best = -exact.total_cost;
    ASSERT_EQ(AssignmentObjective(exact.placements, options), best);

    const std::vector<float> minutes = RandomMinutes(rng, g);
    // "What was proposed before": a random earlier set of pairs, some arcs
    // of today's graph, some not, some participants twice, more than today's
    // capacities hold.
    std::vector<std::pair<ParticipantIndex, VacancyIndex>> earlier;
    const int64_t earlier_size = rng.Between(0, participants + 5);
    for (int64_t i = 0; i < earlier_size; ++i) {
      earlier.emplace_back(static_cast<int32_t>(rng.Between(0, participants - 1)),
                           static_cast<int32_t>(rng.Between(0, vacancies - 1)));
    }
    const EarlierPlacements kept = KeepEarlier(g, earlier);
    ASSERT_EQ(kept.fate.size(), earlier.size());
    ASSERT_EQ(kept.Count(EarlierFate::kKept), static_cast<int32_t>(kept.placements.size()));
    for (const Placement& p : kept.placements) {
      EXPECT_NE(std::find(earlier.begin(), earlier.end(), std::pair(p.participant, p.vacancy)),
                earlier.end())
          << "a kept placement that was not proposed before";
    }
    for (size_t i = 0; i < earlier.size(); ++i) {
      bool is_arc = false;
      const auto [p, v] = earlier[i];
      for (int64_t a = g.arc_begin[static_cast<size_t>(p.value)];
           a < g.arc_begin[static_cast<size_t>(p.value) + 1];
           ++a) {
        is_arc |= g.arc_vacancy[static_cast<size_t>(a)] == v;
      }
      EXPECT_EQ(kept.fate[i] == EarlierFate::kNotCandidate, !is_arc) << "pair " << i;
    }
    // A set that already fits today (the optimum itself) is kept whole.
    std::vector<std::pair<ParticipantIndex, VacancyIndex>> optimal_pairs;
    for (const Placement& p : exact.placements)
      optimal_pairs.emplace_back(p.participant, p.vacancy);
    EXPECT_EQ(KeepEarlier(g, optimal_pairs).Count(EarlierFate::kKept),
              static_cast<int32_t>(exact.placements.size()));

    const std::vector<std::pair<const char*, std::vector<Placement>>> baselines = {
        {"greedy", GreedyByScore(g)},
        {"natural order", NaturalOrder(g)},
        {"nearest", NearestFirst(g, minutes)},
        {"random 1", RandomOrder(g, 1)},
        {"random 2", RandomOrder(g, 2)},
        {"previous", kept.placements},
    };
    for (const auto& [name, placements] : baselines) {
      SCOPED_TRACE(std::string(name) + " on instance " + std::to_string(instance));
      EXPECT_EQ(CheckCapacities(g, placements), "");
      EXPECT_TRUE(std::is_sorted(
          placements.begin(), placements.end(), [](const Placement& a, const Placement& b) {
            return a.participant < b.participant;
          }));
      const int64_t value = AssignmentObjective(placements, options);
      EXPECT_LE(value, best);
      if (value < best) ++strictly_better;
    }
  }
  // The comparison has teeth: the optimum is often strictly better.
  EXPECT_GT(strictly_better, 100);
}

// Two participants, two vacancies of one opening each. Participant 0 likes
// both (0.9, 0.8); participant 1 only vacancy 0 (0.85). Greedy and the
// natural order give vacancy 0 to participant 0 and leave 1 out; the optimum
// places both.
CandidateGraph Contested() {
  CandidateGraph g;
  g.num_participants = 2;
  g.num_vacancies = 2;
  g.num_coordinators = 1;
  g.num_employers = 2;
  g.arc_begin = {0, 2, 3};
  g.arc_vacancy = {VacancyIndex(0), VacancyIndex(1), VacancyIndex(0)};
  g.arc_score = {0.9f, 0.8f, 0.85f};
  g.arc_pair = {0, 1, 2};
  g.participant_coordinator = {CoordinatorIndex(0), CoordinatorIndex(0)};
  g.coordinator_capacity = {2};
  g.vacancy_capacity = {1, 1};
  g.vacancy_employer = {EmployerIndex(0), EmployerIndex(1)};
  g.employer_capacity = {-1, -1};
  return g;
}

TEST(GreedyByScore, TakesTheHighestScoreFirstAndCanLeaveSomeoneOut) {
  const CandidateGraph g = Contested();
  const std::vector<Placement> greedy = GreedyByScore(g);
  ASSERT_EQ(greedy.size(), 1u);
  EXPECT_EQ(greedy[0].participant, ParticipantIndex(0));
  EXPECT_EQ(greedy[0].vacancy, VacancyIndex(0));
  const AssignmentResult exact = AssignParticipants(g);
  EXPECT_EQ(exact.placements.size(), 2u);
  EXPECT_LT(AssignmentObjective(greedy, {}), -exact.total_cost);
}

TEST(NaturalOrder, FirstInTheListTakesTheirBestVacancy) {
  CandidateGraph g = Contested();
  // Participant 1's best is vacancy 0 too, but participant 0 comes first.
  const std::vector<Placement> natural = NaturalOrder(g);
  ASSERT_EQ(natural.size(), 1u);
  EXPECT_EQ(natural[0].participant, ParticipantIndex(0));
  EXPECT_EQ(natural[0].vacancy, VacancyIndex(0));
}

TEST(NearestFirst, TakesTheShortestCommuteStillOpen) {
  const CandidateGraph g = Contested();
  // Participant 0 lives next to vacancy 1: both get placed.
  const std::vector<float> minutes = {40.0f, 10.0f, 30.0f};
  const std::vector<Placement> nearest = NearestFirst(g, minutes);
  ASSERT_EQ(nearest.size(), 2u);
  EXPECT_EQ(nearest[0].vacancy, VacancyIndex(1));
  EXPECT_EQ(nearest[1].vacancy, VacancyIndex(0));
}

TEST(Baselines, RespectCoordinatorCapacityAndEmployerCaps) {
  CandidateGraph g = Contested();
  g.coordinator_capacity = {1};
  EXPECT_EQ(NearestFirst(g, std::vector<float>{40.0f, 10.0f, 30.0f}).size(), 1u);
  g.coordinator_capacity = {2};
  g.vacancy_employer = {EmployerIndex(0), EmployerIndex(0)};
  g.num_employers = 1;
  g.employer_capacity = {1};
  for (uint64_t seed = 0; seed < 20; ++seed) {
    EXPECT_EQ(RandomOrder(g, seed).size(), 1u);
    EXPECT_EQ(CheckCapacities(g, RandomOrder(g, seed)), "");
  }
  EXPECT_EQ(GreedyByScore(g).size(), 1u);
}

TEST(RandomOrder, SameSeedSameResultAndSeedsDiffer) {
  Rng rng(7);
  const CandidateGraph g = RandomGraph(rng, 40, 20, 0);
  const auto key = [](const std::vector<Placement>& placements) {
    std::vector<std::pair<int32_t, int32_t>> k;
    for (const Placement& p : placements) k.emplace_back(p.participant.value, p.vacancy.value);
    return k;
  };
  EXPECT_EQ(key(RandomOrder(g, 5)), key(RandomOrder(g, 5)));
  std::set<std::vector<std::pair<int32_t, int32_t>>> distinct;
  for (uint64_t seed = 0; seed < 10; ++seed) distinct.insert(key(RandomOrder(g, seed)));
  EXPECT_GT(distinct.size(), 1u);
}

TEST(EarlierOnToday, DropsWhatIsGoneOrNoLongerPossibleAndFillsCapacityByTodaysScore) {
  const CandidateGraph g = Contested();
  Dataset today;
  today.participants.resize(2);
  today.participants[0].id = "P-a";
  today.participants[1].id = "P-b";
  today.vacancies.resize(2);
  today.vacancies[0].id = "V-a";
  today.vacancies[1].id = "V-b";
  const std::vector<std::pair<std::string, std::string>> earlier = {
      {"P-b", "V-a"},     // an arc (0.85), but P-a's 0.9 takes the one opening first
      {"P-gone", "V-b"},  // participant no longer in the pool
      {"P-a", "V-gone"},  // vacancy no longer in the data
      {"P-b", "V-b"},     // both still there, no arc today
      {"P-a", "V-a"},     // an arc (0.9): kept
  };
  const EarlierPlacements kept = EarlierOnToday(today, g, earlier);
  EXPECT_EQ(kept.fate,
            (std::vector<EarlierFate>{EarlierFate::kOverCapacity,
                                      EarlierFate::kParticipantGone,
                                      EarlierFate::kVacancyGone,
                                      EarlierFate::kNotCandidate,
                                      EarlierFate::kKept}));
  ASSERT_EQ(kept.placements.size(), 1u);
  EXPECT_EQ(kept.placements[0].participant, ParticipantIndex(0));
  EXPECT_EQ(kept.placements[0].vacancy, VacancyIndex(0));
  EXPECT_EQ(kept.placements[0].arc, 0);
  EXPECT_EQ(CheckCapacities(g, kept.placements), "");
}

TEST(CheckCapacities, NamesTheFirstViolation) {
  const CandidateGraph g = Contested();
  const std::vector<Placement> both_on_zero = {{ParticipantIndex(0), VacancyIndex(0), 0, 0.9f},
                                               {ParticipantIndex(1), VacancyIndex(0), 2, 0.85f}};
  EXPECT_EQ(CheckCapacities(g, both_on_zero), "vacancy 0: over its openings");
  const std::vector<Placement> wrong_arc = {{ParticipantIndex(1), VacancyIndex(0), 0, 0.9f}};
  EXPECT_EQ(CheckCapacities(g, wrong_arc), "participant 1: arc 0 is not in their row");
}

}  // namespace
}  // namespace jobmatch

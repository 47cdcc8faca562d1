#include "tests/support/assignment_graphs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>
#include <vector>

namespace jobmatch::test {
namespace {

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

}  // namespace

CandidateGraph RandomGraph(Rng& rng, const GraphShape& shape) {
  CandidateGraph g;
  g.num_participants = shape.participants;
  g.num_vacancies = shape.vacancies;
  g.num_coordinators = shape.coordinators;
  g.num_employers = shape.employers;
  g.arc_begin.push_back(0);
  for (int32_t p = 0; p < shape.participants; ++p) {
    const int64_t arcs = std::min<int64_t>(rng.Between(0, shape.max_arcs), shape.vacancies);
    std::vector<std::pair<float, int32_t>> row;
    std::set<int32_t> used;
    while (static_cast<int64_t>(row.size()) < arcs) {
      const auto v = static_cast<int32_t>(rng.Between(0, shape.vacancies - 1));
      if (!used.insert(v).second) continue;
      const float score = shape.score_levels > 0
                              ? static_cast<float>(rng.Between(0, shape.score_levels)) /
                                    static_cast<float>(shape.score_levels)
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
        static_cast<int32_t>(rng.Between(0, shape.coordinators - 1)));
  }
  for (int32_t c = 0; c < shape.coordinators; ++c) {
    // About 40 % of a coordinator's participants, sometimes none.
    g.coordinator_capacity.push_back(
        static_cast<int32_t>(rng.Between(0, std::max(1, shape.participants / shape.coordinators))));
  }
  for (int32_t v = 0; v < shape.vacancies; ++v) {
    g.vacancy_capacity.push_back(static_cast<int32_t>(rng.Between(0, 3)));
    g.vacancy_employer.emplace_back(static_cast<int32_t>(rng.Between(0, shape.employers - 1)));
  }
  for (int32_t e = 0; e < shape.employers; ++e) {
    g.employer_capacity.push_back(rng.Between(0, 99) < shape.capped_employer_percent
                                      ? static_cast<int32_t>(rng.Between(0, 2))
                                      : -1);
  }
  EXPECT_TRUE(g.IsValid());
  return g;
}

int64_t ArcCost(const AssignmentOptions& o, float score) {
  return -std::llround((o.placement_value + static_cast<double>(score)) *
                       static_cast<double>(o.cost_resolution));
}

void ExpectFeasible(const CandidateGraph& g,
                    const AssignmentOptions& options,
                    const AssignmentResult& result) {
  ASSERT_EQ(result.status, AssignmentStatus::kOptimal);
  std::vector<int32_t> coordinator(At(g.num_coordinators), 0), vacancy(At(g.num_vacancies), 0),
      employer(At(g.num_employers), 0), participant(At(g.num_participants), 0);
  int64_t cost = 0;
  for (const Placement& placement : result.placements) {
    const int32_t p = placement.participant.value;
    ASSERT_GE(placement.arc, g.arc_begin[At(p)]);
    ASSERT_LT(placement.arc, g.arc_begin[At(p) + 1]);
    EXPECT_EQ(g.arc_vacancy[At(placement.arc)], placement.vacancy);
    EXPECT_EQ(g.arc_score[At(placement.arc)], placement.score);
    ++participant[At(p)];
    ++coordinator[At(g.participant_coordinator[At(p)].value)];
    ++vacancy[At(placement.vacancy.value)];
    ++employer[At(g.vacancy_employer[At(placement.vacancy.value)].value)];
    cost += ArcCost(options, placement.score);
  }
  for (int32_t p = 0; p < g.num_participants; ++p) EXPECT_LE(participant[At(p)], 1);
  for (int32_t c = 0; c < g.num_coordinators; ++c) {
    EXPECT_LE(coordinator[At(c)], g.coordinator_capacity[At(c)]) << "coordinator " << c;
  }
  for (int32_t v = 0; v < g.num_vacancies; ++v) {
    EXPECT_LE(vacancy[At(v)], g.vacancy_capacity[At(v)]) << "vacancy " << v;
  }
  for (int32_t e = 0; e < g.num_employers; ++e) {
    if (g.employer_capacity[At(e)] >= 0) {
      EXPECT_LE(employer[At(e)], g.employer_capacity[At(e)]) << "employer " << e;
    }
  }
  EXPECT_TRUE(std::is_sorted(
      result.placements.begin(), result.placements.end(), [](const auto& a, const auto& b) {
        return a.participant < b.participant;
      }));
  EXPECT_EQ(cost, result.total_cost);
  const AssignmentCheck check = CheckAssignment(g, options, result);
  EXPECT_TRUE(check.ok) << check.message;
}

}  // namespace jobmatch::test

// Tests engine/assignment.h: exhaustive enumeration on small graphs, the
// Boost solver on larger ones, warm sessions against cold solves, bindings
// as true statements. Every result goes through ExpectFeasible().

#include "engine/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "tests/support/assignment_graphs.h"
#include "tests/support/random.h"

namespace jobmatch {
namespace {

using test::ArcCost;
using test::ExpectFeasible;
using test::GraphShape;
using test::RandomGraph;
using test::Rng;

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

// Least total cost over every choice of one arc or none per participant.
int64_t BruteForce(const CandidateGraph& g, const AssignmentOptions& options) {
  std::vector<int64_t> choice(At(g.num_participants), -1);  // arc, or -1
  int64_t best = 0;
  while (true) {
    std::vector<int32_t> coordinator(At(g.num_coordinators), 0), vacancy(At(g.num_vacancies), 0),
        employer(At(g.num_employers), 0);
    int64_t cost = 0;
    bool ok = true;
    for (int32_t p = 0; p < g.num_participants && ok; ++p) {
      const int64_t k = choice[At(p)];
      if (k < 0) continue;
      const int32_t v = g.arc_vacancy[At(k)].value;
      const int32_t c = g.participant_coordinator[At(p)].value;
      const int32_t e = g.vacancy_employer[At(v)].value;
      ok = ++coordinator[At(c)] <= g.coordinator_capacity[At(c)] &&
           ++vacancy[At(v)] <= g.vacancy_capacity[At(v)] &&
           (g.employer_capacity[At(e)] < 0 || ++employer[At(e)] <= g.employer_capacity[At(e)]);
      cost += ArcCost(options, g.arc_score[At(k)]);
    }
    if (ok) best = std::min(best, cost);
    int32_t p = 0;
    for (; p < g.num_participants; ++p) {
      int64_t& k = choice[At(p)];
      k = k < 0 ? g.arc_begin[At(p)] : k + 1;
      if (k < g.arc_begin[At(p) + 1]) break;
      k = -1;
    }
    if (p == g.num_participants) break;
  }
  return best;
}

TEST(AssignParticipants, EqualsExhaustiveEnumerationOnSmallRandomGraphs) {
  Rng rng(11);
  for (int round = 0; round < 400; ++round) {
    GraphShape shape;
    shape.participants = static_cast<int32_t>(rng.Between(1, 8));
    shape.vacancies = static_cast<int32_t>(rng.Between(1, 5));
    shape.coordinators = static_cast<int32_t>(rng.Between(1, 3));
    shape.employers = static_cast<int32_t>(rng.Between(1, 3));
    shape.score_levels = rng.Bernoulli(0.5) ? 4 : 0;
    const CandidateGraph g = RandomGraph(rng, shape);
    AssignmentOptions options;
    options.placement_value = std::vector<double>{0.0, 0.25, 1.0, 10.0}[rng.Below(4)];
    const AssignmentResult result = AssignParticipants(g, options);
    ExpectFeasible(g, options, result);
    EXPECT_EQ(result.total_cost, BruteForce(g, options)) << "round " << round;
  }
}

TEST(AssignParticipants, BoostSolverGivesTheSameOptimum) {
  Rng rng(12);
  for (int round = 0; round < 30; ++round) {
    GraphShape shape;
    shape.participants = static_cast<int32_t>(rng.Between(20, 300));
    shape.vacancies = static_cast<int32_t>(rng.Between(10, 200));
    shape.coordinators = static_cast<int32_t>(rng.Between(1, 10));
    shape.employers = static_cast<int32_t>(rng.Between(1, 50));
    shape.max_arcs = 10;
    const CandidateGraph g = RandomGraph(rng, shape);
    AssignmentOptions ours;
    ours.placement_value = rng.Bernoulli(0.5) ? 1.0 : 0.0;
    AssignmentOptions boost = ours;
    boost.solver = AssignmentSolver::kBoost;
    const AssignmentResult a = AssignParticipants(g, ours);
    const AssignmentResult b = AssignParticipants(g, boost);
    ExpectFeasible(g, ours, a);
    ExpectFeasible(g, boost, b);
    EXPECT_EQ(a.total_cost, b.total_cost) << "round " << round;
  }
}

// Checks each binding against the placements, independently of the solver.
void ExpectBindingsTrue(const CandidateGraph& g,
                        const AssignmentOptions& options,
                        const AssignmentResult& result) {
  std::vector<int64_t> placed(At(g.num_participants), -1);
  std::vector<int32_t> coordinator(At(g.num_coordinators), 0), employer(At(g.num_employers), 0);
  std::vector<std::vector<std::pair<ParticipantIndex, float>>> holders(At(g.num_vacancies));
  for (const Placement& placement : result.placements) {
    placed[At(placement.participant.value)] = placement.arc;
    ++coordinator[At(g.participant_coordinator[At(placement.participant.value)].value)];
    ++employer[At(g.vacancy_employer[At(placement.vacancy.value)].value)];
    holders[At(placement.vacancy.value)].emplace_back(placement.participant, placement.score);
  }
  // The best arc: least cost, the first on ties (rows need not be sorted).
  auto best_arc = [&](int32_t p) {
    int64_t best = -1;
    for (int64_t k = g.arc_begin[At(p)]; k < g.arc_begin[At(p) + 1]; ++k) {
      if (best < 0 ||
          ArcCost(options, g.arc_score[At(k)]) < ArcCost(options, g.arc_score[At(best)])) {
        best = k;
      }
    }
    return best;
  };
  std::set<int32_t> explained;
  for (const Binding& b : result.bindings) {
    const int32_t p = b.participant.value;
    explained.insert(p);
    const int64_t best = best_arc(p);
    ASSERT_GE(best, 0);
    EXPECT_EQ(b.better_vacancy, g.arc_vacancy[At(best)]);
    EXPECT_EQ(b.better_score, g.arc_score[At(best)]);
    const int32_t v = b.better_vacancy.value;
    switch (b.kind) {
      case BindingKind::kVacancyFull: {
        EXPECT_EQ(static_cast<int32_t>(holders[At(v)].size()), g.vacancy_capacity[At(v)]);
        ASSERT_EQ(b.holders.size(), holders[At(v)].size());
        for (size_t i = 0; i < b.holders.size(); ++i) {
          EXPECT_EQ(b.holders[i], holders[At(v)][i].first);
          EXPECT_EQ(b.holder_scores[i], holders[At(v)][i].second);
          EXPECT_NE(b.holders[i].value, p);
        }
        break;
      }
      case BindingKind::kEmployerFull: {
        const int32_t e = g.vacancy_employer[At(v)].value;
        EXPECT_GE(g.employer_capacity[At(e)], 0);
        EXPECT_EQ(employer[At(e)], g.employer_capacity[At(e)]);
        break;
      }
      case BindingKind::kCoordinatorAtCapacity: {
        const int32_t c = g.participant_coordinator[At(p)].value;
        EXPECT_EQ(placed[At(p)], -1);
        EXPECT_EQ(coordinator[At(c)], g.coordinator_capacity[At(c)]);
        break;
      }
      case BindingKind::kNone:
        ADD_FAILURE() << "a binding of kind kNone";
    }
  }
  // Everyone not on a best arc whose best arc is worth something is explained.
  for (int32_t p = 0; p < g.num_participants; ++p) {
    const int64_t best = best_arc(p);
    if (best < 0) continue;
    const int64_t best_cost = ArcCost(options, g.arc_score[At(best)]);
    const int64_t got = placed[At(p)] >= 0 ? ArcCost(options, g.arc_score[At(placed[At(p)])]) : 0;
    EXPECT_EQ(best_cost < got, explained.count(p) == 1) << "participant " << p;
  }
}

TEST(AssignParticipants, BindingsAreTrueStatements) {
  Rng rng(13);
  int bindings = 0;
  for (int round = 0; round < 200; ++round) {
    GraphShape shape;
    shape.participants = static_cast<int32_t>(rng.Between(5, 60));
    shape.vacancies = static_cast<int32_t>(rng.Between(2, 30));
    shape.coordinators = static_cast<int32_t>(rng.Between(1, 4));
    shape.employers = static_cast<int32_t>(rng.Between(1, 8));
    shape.max_arcs = 5;
    const CandidateGraph g = RandomGraph(rng, shape);
    AssignmentOptions options;
    options.placement_value = rng.Bernoulli(0.5) ? 1.0 : 0.0;
    const AssignmentResult result = AssignParticipants(g, options);
    ExpectFeasible(g, options, result);
    ExpectBindingsTrue(g, options, result);
    bindings += static_cast<int>(result.bindings.size());
  }
  EXPECT_GT(bindings, 100);  // the instances must actually exercise bindings
}

CandidateGraph OneCoordinatorGraph(const std::vector<std::vector<std::pair<int32_t, float>>>& rows,
                                   int32_t capacity,
                                   std::vector<int32_t> openings) {
  CandidateGraph g;
  g.num_participants = static_cast<int32_t>(rows.size());
  g.num_vacancies = static_cast<int32_t>(openings.size());
  g.num_coordinators = 1;
  g.num_employers = g.num_vacancies;
  g.arc_begin.push_back(0);
  for (const auto& row : rows) {
    for (const auto& [v, score] : row) {
      g.arc_vacancy.emplace_back(v);
      g.arc_score.push_back(score);
      g.arc_pair.push_back(static_cast<int32_t>(g.arc_pair.size()));
    }
    g.arc_begin.push_back(static_cast<int64_t>(g.arc_vacancy.size()));
    g.participant_coordinator.emplace_back(0);
  }
  g.coordinator_capacity = {capacity};
  g.vacancy_capacity = std::move(openings);
  for (int32_t v = 0; v < g.num_vacancies; ++v) g.vacancy_employer.emplace_back(v);
  g.employer_capacity.assign(At(g.num_employers), -1);
  return g;
}

TEST(AssignmentNetwork, SolvedDirectlyGivesTheAssignmentsCost) {
  Rng rng(17);
  for (int round = 0; round < 20; ++round) {
    GraphShape shape;
    shape.participants = static_cast<int32_t>(rng.Between(1, 80));
    shape.vacancies = static_cast<int32_t>(rng.Between(1, 40));
    shape.coordinators = static_cast<int32_t>(rng.Between(1, 5));
    shape.employers = static_cast<int32_t>(rng.Between(1, 10));
    const CandidateGraph g = RandomGraph(rng, shape);
    const std::optional<FlowProblem> network = AssignmentNetwork(g);
    ASSERT_TRUE(network.has_value());
    int capped = 0;
    for (int32_t cap : g.employer_capacity) capped += cap >= 0 ? 1 : 0;
    EXPECT_EQ(network->num_nodes(),
              g.num_coordinators + g.num_participants + g.num_vacancies + capped + 1);
    // Coordinator c is node c with its capacity as supply; bypass arc c leaves it.
    for (int32_t c = 0; c < g.num_coordinators; ++c) {
      EXPECT_EQ(network->supply[At(c)], g.coordinator_capacity[At(c)]);
      EXPECT_EQ(network->arc_tail[At(c)], c);
      EXPECT_EQ(network->arc_head[At(c)], network->num_nodes() - 1);
    }
    const FlowSolution direct = SolveMinCostFlow(*network);
    ASSERT_EQ(direct.status, FlowStatus::kOptimal);
    EXPECT_EQ(direct.total_cost, AssignParticipants(g).total_cost);
  }
}

TEST(AssignParticipants, EmptyGraphIsOptimalWithoutPlacements) {
  const CandidateGraph empty = OneCoordinatorGraph({}, 0, {});
  const AssignmentResult result = AssignParticipants(empty);
  ExpectFeasible(empty, {}, result);
  EXPECT_TRUE(result.placements.empty());
  EXPECT_EQ(result.total_cost, 0);
  CandidateGraph none;  // no coordinators at all
  none.arc_begin = {0};
  ExpectFeasible(none, {}, AssignParticipants(none));
}

TEST(AssignParticipants, CoordinatorWithoutCapacityPlacesNobody) {
  const CandidateGraph g = OneCoordinatorGraph({{{0, 0.9f}}, {{1, 0.8f}}, {}}, 0, {1, 1});
  const AssignmentResult result = AssignParticipants(g);
  ExpectFeasible(g, {}, result);
  EXPECT_TRUE(result.placements.empty());
  ASSERT_EQ(result.bindings.size(), 2u);  // the third participant had no arcs
  for (const Binding& b : result.bindings) {
    EXPECT_EQ(b.kind, BindingKind::kCoordinatorAtCapacity);
  }
}

TEST(AssignParticipants, ZeroValueAndZeroScoresLeaveNothingToGain) {
  const CandidateGraph g = OneCoordinatorGraph({{{0, 0.0f}}, {{1, 0.0f}, {0, 0.0f}}}, 2, {1, 1});
  AssignmentOptions options;
  options.placement_value = 0.0;
  const AssignmentResult result = AssignParticipants(g, options);
  ExpectFeasible(g, options, result);
  EXPECT_EQ(result.total_cost, 0);
  EXPECT_EQ(result.total_score, 0.0);
  EXPECT_TRUE(result.bindings.empty());
}

TEST(AssignParticipants, ZeroOpeningsPlaceNobodyThere) {
  const CandidateGraph g = OneCoordinatorGraph({{{0, 0.9f}, {1, 0.2f}}}, 1, {0, 1});
  const AssignmentResult result = AssignParticipants(g);
  ExpectFeasible(g, {}, result);
  ASSERT_EQ(result.placements.size(), 1u);
  EXPECT_EQ(result.placements[0].vacancy, VacancyIndex(1));
  ASSERT_EQ(result.bindings.size(), 1u);
  EXPECT_EQ(result.bindings[0].kind, BindingKind::kVacancyFull);
  EXPECT_TRUE(result.bindings[0].holders.empty());
}

TEST(AssignParticipants, OneVacancyWantedByAllGoesToTheBestScore) {
  std::vector<std::vector<std::pair<int32_t, float>>> rows;
  for (int i = 0; i < 10; ++i) rows.push_back({{0, 0.1f * static_cast<float>(i % 7) + 0.05f}});
  const CandidateGraph g = OneCoordinatorGraph(rows, 10, {1});
  const AssignmentResult result = AssignParticipants(g);
  ExpectFeasible(g, {}, result);
  ASSERT_EQ(result.placements.size(), 1u);
  EXPECT_EQ(result.placements[0].participant, ParticipantIndex(6));  // 0.65, the highest
  ASSERT_EQ(result.bindings.size(), 9u);
  for (const Binding& b : result.bindings) {
    EXPECT_EQ(b.kind, BindingKind::kVacancyFull);
    EXPECT_EQ(b.holders, std::vector<ParticipantIndex>{ParticipantIndex(6)});
  }
}

TEST(AssignParticipants, EmployerCapLimitsPlacementsAcrossItsVacancies) {
  CandidateGraph g = OneCoordinatorGraph({{{0, 0.9f}}, {{1, 0.8f}}, {{2, 0.3f}}}, 3, {1, 1, 1});
  g.num_employers = 2;
  g.vacancy_employer = {EmployerIndex(0), EmployerIndex(0), EmployerIndex(1)};
  g.employer_capacity = {1, -1};
  const AssignmentResult result = AssignParticipants(g);
  ExpectFeasible(g, {}, result);
  ASSERT_EQ(result.placements.size(), 2u);
  EXPECT_EQ(result.placements[0].vacancy, VacancyIndex(0));
  EXPECT_EQ(result.placements[1].vacancy, VacancyIndex(2));
  ASSERT_EQ(result.bindings.size(), 1u);
  EXPECT_EQ(result.bindings[0].participant, ParticipantIndex(1));
  EXPECT_EQ(result.bindings[0].kind, BindingKind::kEmployerFull);
}

TEST(AssignParticipants, TiesGiveTheSamePlacementsEveryTime) {
  Rng rng(14);
  GraphShape shape;
  shape.participants = 200;
  shape.vacancies = 60;
  shape.coordinators = 5;
  shape.employers = 20;
  shape.max_arcs = 8;
  shape.score_levels = 2;  // scores 0, 0.5, 1: ties everywhere
  const CandidateGraph g = RandomGraph(rng, shape);
  const AssignmentResult first = AssignParticipants(g);
  ExpectFeasible(g, {}, first);
  for (int again = 0; again < 3; ++again) {
    const AssignmentResult other = AssignParticipants(g);
    ASSERT_EQ(other.placements.size(), first.placements.size());
    for (size_t i = 0; i < first.placements.size(); ++i) {
      EXPECT_EQ(other.placements[i].arc, first.placements[i].arc);
    }
    EXPECT_EQ(other.duals.vacancy, first.duals.vacancy);
  }
}

TEST(AssignParticipants, ReportsCostOverflowForTooFineAResolution) {
  const CandidateGraph g = OneCoordinatorGraph({{{0, 0.9f}}, {{0, 0.8f}}}, 2, {1});
  AssignmentOptions options;
  options.cost_resolution = int64_t{1} << 61;
  EXPECT_EQ(AssignParticipants(g, options).status, AssignmentStatus::kCostOverflow);
}

TEST(CheckAssignment, RejectsAPlacementBeyondCapacity) {
  const CandidateGraph g = OneCoordinatorGraph({{{0, 0.9f}}, {{0, 0.8f}}}, 2, {1});
  AssignmentResult result = AssignParticipants(g);
  ASSERT_TRUE(CheckAssignment(g, {}, result).ok);
  result.placements.push_back(Placement{ParticipantIndex(1), VacancyIndex(0), 1, 0.8f});
  const AssignmentCheck check = CheckAssignment(g, {}, result);
  EXPECT_FALSE(check.ok);
  EXPECT_NE(check.message.find("vacancy 0"), std::string::npos) << check.message;
}

TEST(CheckAssignment, RejectsASuboptimalResult) {
  const CandidateGraph g = OneCoordinatorGraph({{{0, 0.9f}}, {{0, 0.8f}}}, 2, {1});
  AssignmentResult result = AssignParticipants(g);
  result.placements = {Placement{ParticipantIndex(1), VacancyIndex(0), 1, 0.8f}};
  result.total_score = 0.8;
  result.total_cost = ArcCost({}, 0.8f);
  EXPECT_FALSE(CheckAssignment(g, {}, result).ok);
}

// A what-if edit of the graph: scores, capacities, arcs, coordinators,
// appended participants and vacancies.
CandidateGraph RandomChange(Rng& rng, const CandidateGraph& g) {
  CandidateGraph c = g;
  switch (rng.Below(6)) {
    case 0:  // about 1 % of the scores
      for (int i = 0; i < std::max<int>(1, static_cast<int>(c.arc_score.size()) / 100); ++i) {
        if (c.arc_score.empty()) break;
        c.arc_score[rng.Below(c.arc_score.size())] = static_cast<float>(rng.Uniform());
      }
      break;
    case 1:  // one coordinator's capacity
      c.coordinator_capacity[rng.Below(At(c.num_coordinators))] =
          static_cast<int32_t>(rng.Between(0, 30));
      break;
    case 2:  // openings, and an employer cap switched on or off
      c.vacancy_capacity[rng.Below(At(c.num_vacancies))] = static_cast<int32_t>(rng.Between(0, 3));
      c.employer_capacity[rng.Below(At(c.num_employers))] =
          rng.Bernoulli(0.5) ? -1 : static_cast<int32_t>(rng.Between(0, 2));
      break;
    case 3: {  // a participant withdrawn (no arcs) and another moved
      const size_t p = rng.Below(At(c.num_participants));
      const int64_t removed = c.arc_begin[p + 1] - c.arc_begin[p];
      c.arc_vacancy.erase(c.arc_vacancy.begin() + c.arc_begin[p],
                          c.arc_vacancy.begin() + c.arc_begin[p + 1]);
      c.arc_score.erase(c.arc_score.begin() + c.arc_begin[p],
                        c.arc_score.begin() + c.arc_begin[p + 1]);
      c.arc_pair.erase(c.arc_pair.begin() + c.arc_begin[p],
                       c.arc_pair.begin() + c.arc_begin[p + 1]);
      for (size_t q = p + 1; q < c.arc_begin.size(); ++q) c.arc_begin[q] -= removed;
      c.participant_coordinator[rng.Below(At(c.num_participants))] =
          CoordinatorIndex(static_cast<int32_t>(rng.Below(At(c.num_coordinators))));
      break;
    }
    case 4: {  // a participant gets a new arc in front (as best)
      const size_t p = rng.Below(At(c.num_participants));
      const auto v = VacancyIndex(static_cast<int32_t>(rng.Below(At(c.num_vacancies))));
      for (int64_t k = c.arc_begin[p]; k < c.arc_begin[p + 1]; ++k) {
        if (c.arc_vacancy[At(k)] == v) return c;  // already there
      }
      c.arc_vacancy.insert(c.arc_vacancy.begin() + c.arc_begin[p], v);
      c.arc_score.insert(c.arc_score.begin() + c.arc_begin[p], 1.0f);
      c.arc_pair.insert(c.arc_pair.begin() + c.arc_begin[p], 0);
      for (size_t q = p + 1; q < c.arc_begin.size(); ++q) ++c.arc_begin[q];
      break;
    }
    default: {  // a new vacancy and a new participant who wants it
      c.vacancy_capacity.push_back(1);
      c.vacancy_employer.emplace_back(0);
      const VacancyIndex v(c.num_vacancies++);
      c.arc_vacancy.push_back(v);
      c.arc_score.push_back(0.5f);
      c.arc_pair.push_back(0);
      c.arc_begin.push_back(static_cast<int64_t>(c.arc_vacancy.size()));
      c.participant_coordinator.emplace_back(0);
      ++c.num_participants;
      break;
    }
  }
  EXPECT_TRUE(c.IsValid());
  return c;
}

TEST(AssignmentSession, WarmResolveMatchesColdSolveAfterRandomChanges) {
  Rng rng(15);
  for (int instance = 0; instance < 12; ++instance) {
    GraphShape shape;
    shape.participants = static_cast<int32_t>(rng.Between(20, 200));
    shape.vacancies = static_cast<int32_t>(rng.Between(10, 100));
    shape.coordinators = static_cast<int32_t>(rng.Between(1, 6));
    shape.employers = static_cast<int32_t>(rng.Between(1, 20));
    shape.max_arcs = 8;
    CandidateGraph g = RandomGraph(rng, shape);
    AssignmentOptions options;
    options.placement_value = rng.Bernoulli(0.5) ? 1.0 : 0.0;
    AssignmentSession session(g, options);
    ExpectFeasible(g, options, session.Solve());
    for (int round = 0; round < 25; ++round) {
      g = RandomChange(rng, g);
      const AssignmentResult warm = session.Resolve(g);
      const AssignmentResult cold = AssignParticipants(g, options);
      ExpectFeasible(g, options, warm);
      ExpectBindingsTrue(g, options, warm);
      EXPECT_EQ(warm.total_cost, cold.total_cost) << "instance " << instance << " round " << round;
    }
  }
}

// Every move of a participant to another coordinator leaves its old intake
// arc behind with capacity 0. Such arcs never enter a warm solve: were they
// priced, each would flip between its bounds whenever the potentials drift
// past its cost, and a long session's solves would grow with its edits.
TEST(AssignmentSession, RemovedArcsDoNotSlowLaterWarmSolves) {
  Rng rng(17);
  GraphShape shape;
  shape.participants = 120;
  shape.vacancies = 40;
  shape.coordinators = 2;
  shape.employers = 5;
  shape.max_arcs = 6;
  CandidateGraph g = RandomGraph(rng, shape);
  AssignmentOptions options;
  AssignmentSession session(g, options);
  ExpectFeasible(g, options, session.Solve());
  std::vector<int64_t> pivots;
  for (int round = 0; round < 60; ++round) {
    for (size_t p = 0; p < 40; ++p) {
      g.participant_coordinator[p] = CoordinatorIndex(round % 2);
    }
    g.coordinator_capacity[0] = 10 + round % 7;
    g.coordinator_capacity[1] = 16 - round % 5;
    const AssignmentResult warm = session.Resolve(g);
    ExpectFeasible(g, options, warm);
    EXPECT_EQ(warm.total_cost, AssignParticipants(g, options).total_cost) << "round " << round;
    pivots.push_back(warm.pivots);
  }
  const int64_t early = *std::max_element(pivots.begin(), pivots.begin() + 10);
  const int64_t late = *std::max_element(pivots.end() - 10, pivots.end());
  EXPECT_LE(late, early + 20) << "early rounds at most " << early << " pivots, late " << late;
}

TEST(AssignmentSession, BoostSessionsSolveColdEachTime) {
  Rng rng(16);
  GraphShape shape;
  shape.participants = 50;
  shape.vacancies = 20;
  CandidateGraph g = RandomGraph(rng, shape);
  AssignmentOptions options;
  options.solver = AssignmentSolver::kBoost;
  AssignmentSession session(g, options);
  ExpectFeasible(g, options, session.Solve());
  for (int round = 0; round < 5; ++round) {
    g = RandomChange(rng, g);
    const AssignmentResult result = session.Resolve(g);
    ExpectFeasible(g, options, result);
    EXPECT_EQ(result.total_cost, AssignParticipants(g).total_cost);
  }
}

}  // namespace
}  // namespace jobmatch

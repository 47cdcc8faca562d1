// assign_toy: a 4 x 3 assignment built by hand on the public engine headers,
// as an outside program would use them. Four participants of one coordinator
// (capacity 3) compete for three vacancies with one opening each.
//
//   build/examples/assign_toy

#include <cstdio>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"

int main() {
  using namespace jobmatch;
  CandidateGraph graph;
  graph.num_participants = 4;
  graph.num_vacancies = 3;
  graph.num_coordinators = 1;
  graph.num_employers = 3;
  // Rows by participant, best score first.
  //   P0: V0 0.9, V1 0.6        P1: V0 0.8
  //   P2: V1 0.7, V2 0.5        P3: V2 0.4
  graph.arc_begin = {0, 2, 3, 5, 6};
  graph.arc_vacancy = {VacancyIndex(0),
                       VacancyIndex(1),
                       VacancyIndex(0),
                       VacancyIndex(1),
                       VacancyIndex(2),
                       VacancyIndex(2)};
  graph.arc_score = {0.9f, 0.6f, 0.8f, 0.7f, 0.5f, 0.4f};
  graph.arc_pair = {0, 1, 2, 3, 4, 5};
  graph.participant_coordinator.assign(4, CoordinatorIndex(0));
  graph.coordinator_capacity = {3};
  graph.vacancy_capacity = {1, 1, 1};
  graph.vacancy_employer = {EmployerIndex(0), EmployerIndex(1), EmployerIndex(2)};
  graph.employer_capacity = {-1, -1, -1};

  const AssignmentResult result = AssignParticipants(graph, AssignmentOptions{});
  if (result.status != AssignmentStatus::kOptimal) {
    std::printf("not solved\n");
    return 1;
  }
  for (const Placement& p : result.placements) {
    std::printf("participant %d -> vacancy %d (score %.2f)\n",
                p.participant.value,
                p.vacancy.value,
                static_cast<double>(p.score));
  }
  std::printf("total score %.2f, %zu of 4 placed (coordinator capacity 3)\n",
              result.total_score,
              result.placements.size());
  const AssignmentCheck check = CheckAssignment(graph, AssignmentOptions{}, result);
  std::printf("certificate: %s\n", check.ok ? "optimal" : check.message.c_str());
  return check.ok ? 0 : 1;
}

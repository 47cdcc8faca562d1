// tests/support/assignment_graphs.h
//
// Random candidate graphs for the assignment tests, and the check every
// assignment result in the tests goes through (engine/assignment.h).
//
// Example:
//   test::Rng rng(11);
//   GraphShape shape;
//   shape.participants = 40;
//   const CandidateGraph graph = RandomGraph(rng, shape);
//   ExpectFeasible(graph, options, AssignParticipants(graph, options));

#ifndef JOBMATCH_TESTS_SUPPORT_ASSIGNMENT_GRAPHS_H_
#define JOBMATCH_TESTS_SUPPORT_ASSIGNMENT_GRAPHS_H_

#include <cstdint>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "tests/support/random.h"

namespace jobmatch::test {

struct GraphShape {
  int32_t participants = 6;
  int32_t vacancies = 4;
  int32_t coordinators = 2;
  int32_t employers = 3;
  int32_t max_arcs = 3;
  int capped_employer_percent = 30;
  int32_t score_levels = 0;  // > 0: scores from {0, 1/levels, ...}, many ties
};

// A valid graph of `shape`: each participant gets up to max_arcs distinct
// vacancies, rows best first as BuildCandidateGraph makes them; about 40 %
// of a coordinator's participants as its capacity (sometimes 0), 0-3
// openings per vacancy, capped employers (cap 0-2) by capped_employer_percent.
CandidateGraph RandomGraph(Rng& rng, const GraphShape& shape);

// The integer cost AssignParticipants gives an arc of `score`.
int64_t ArcCost(const AssignmentOptions& options, float score);

// The one check every result goes through: status kOptimal, capacities
// respected, placements are real arcs sorted by participant, total_cost
// their cost, and CheckAssignment() accepts the certificate.
void ExpectFeasible(const CandidateGraph& graph,
                    const AssignmentOptions& options,
                    const AssignmentResult& result);

}  // namespace jobmatch::test

#endif  // JOBMATCH_TESTS_SUPPORT_ASSIGNMENT_GRAPHS_H_

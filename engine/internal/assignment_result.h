// engine/internal/assignment_result.h
//
// Reading an assignment off an optimal flow: placements, duals and the
// bindings (engine/assignment.h, "Binding"), and the loads of every capacity
// that the bindings and CheckAssignment() count. Private to the assignment
// files.
//
// Example:
//   const FlowSolution solution = SolveNetwork(graph, net, cost, options, nullptr);
//   return ReadResult(graph, net, cost, solution);

#ifndef JOBMATCH_ENGINE_INTERNAL_ASSIGNMENT_RESULT_H_
#define JOBMATCH_ENGINE_INTERNAL_ASSIGNMENT_RESULT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/internal/assignment_network.h"
#include "engine/min_cost_flow.h"

namespace jobmatch::internal {

// Loads of every capacity under `placements` (assumed in range).
struct Loads {
  std::vector<int32_t> coordinator, vacancy, employer;
  std::vector<int64_t> placed_arc;    // per participant, -1 if unplaced
  std::vector<int64_t> holder_begin;  // CSR by vacancy
  std::vector<const Placement*> holders;
};

Loads CountLoads(const CandidateGraph& g, const std::vector<Placement>& placements);

// What binds, for every participant not on a best arc (assignment.h).
// Returns the bindings, or a description of the first participant for whom
// nothing binds (impossible for an optimal result).
std::vector<Binding> ComputeBindings(const CandidateGraph& g,
                                     const std::vector<int64_t>& cost,
                                     const std::vector<Placement>& placements,
                                     std::string* impossible);

// The result of a solve whose costs would overflow: kCostOverflow, nothing placed.
AssignmentResult Overflowed();

// Placements, duals and bindings of an optimal `solution` of net's problem;
// kCostOverflow when the solver reported overflow. Any other status is a bug
// (the network is always feasible and bounded) and aborts.
AssignmentResult ReadResult(const CandidateGraph& g,
                            const Network& net,
                            const std::vector<int64_t>& cost,
                            const FlowSolution& solution);

}  // namespace jobmatch::internal

#endif  // JOBMATCH_ENGINE_INTERNAL_ASSIGNMENT_RESULT_H_

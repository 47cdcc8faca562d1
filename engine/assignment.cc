#include "engine/assignment.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/check.h"
#include "engine/internal/assignment_network.h"
#include "engine/internal/assignment_result.h"

namespace jobmatch {

using internal::ArcCosts;
using internal::BuildNetwork;
using internal::Network;
using internal::Overflowed;
using internal::ReadResult;
using internal::SolveNetwork;

AssignmentResult AssignParticipants(const CandidateGraph& graph, const AssignmentOptions& options) {
  JOBMATCH_CHECK(graph.IsValid()) << "invalid candidate graph";
  const std::optional<std::vector<int64_t>> cost = ArcCosts(graph, options);
  if (!cost) return Overflowed();
  Network net = BuildNetwork(graph, *cost);
  const FlowSolution solution = SolveNetwork(graph, net, *cost, options, nullptr);
  return ReadResult(graph, net, *cost, solution);
}

std::optional<FlowProblem> AssignmentNetwork(const CandidateGraph& graph,
                                             const AssignmentOptions& options) {
  JOBMATCH_CHECK(graph.IsValid()) << "invalid candidate graph";
  const std::optional<std::vector<int64_t>> cost = ArcCosts(graph, options);
  if (!cost) return std::nullopt;
  return BuildNetwork(graph, *cost).problem;
}

}  // namespace jobmatch

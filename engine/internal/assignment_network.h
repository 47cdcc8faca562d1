// engine/internal/assignment_network.h
//
// The flow network of engine/assignment.h ("Network") for one candidate
// graph, with the node and arc of every entity, and the greedy starting flow
// the network simplex begins from. Private to the assignment files
// (assignment.cc, assignment_check.cc, assignment_session.cc).
//
// Example:
//   const std::optional<std::vector<int64_t>> cost = ArcCosts(graph, options);
//   if (!cost) return Overflowed();
//   Network net = BuildNetwork(graph, *cost);
//   const FlowSolution solution = SolveNetwork(graph, net, *cost, options, nullptr);

#ifndef JOBMATCH_ENGINE_INTERNAL_ASSIGNMENT_NETWORK_H_
#define JOBMATCH_ENGINE_INTERNAL_ASSIGNMENT_NETWORK_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/min_cost_flow.h"

namespace jobmatch::internal {

inline size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

// The flow network of assignment.h for one graph, with the node and arc of
// every entity. Arcs and nodes of a session that are no longer used stay in
// the problem with capacity 0; the maps point at the live ones.
struct Network {
  FlowProblem problem;
  std::vector<int32_t> coordinator_node, participant_node, vacancy_node;
  std::vector<int32_t> employer_node;  // -1 until the employer is capped
  int32_t sink = -1;
  std::vector<int64_t> bypass_arc;            // per coordinator: c -> sink
  std::vector<int64_t> intake_arc;            // per participant: c -> p
  std::vector<int32_t> intake_coordinator;    // the c of intake_arc
  std::vector<int64_t> candidate_arc;         // per graph arc: p -> v
  std::vector<int64_t> vacancy_sink_arc;      // per vacancy: v -> sink (0 if routed via employer)
  std::vector<int64_t> vacancy_employer_arc;  // per vacancy: v -> e, or -1
  std::vector<int32_t> vacancy_employer_to;   // the e of vacancy_employer_arc, or -1
  std::vector<int64_t> employer_sink_arc;     // per employer: e -> sink, or -1
};

inline bool Capped(const CandidateGraph& g, EmployerIndex e) {
  return g.employer_capacity[At(e.value)] >= 0;
}

// Integer cost of every graph arc; nullopt when the objective could overflow.
std::optional<std::vector<int64_t>> ArcCosts(const CandidateGraph& g,
                                             const AssignmentOptions& options);

// Nodes and arcs are numbered for locality (pricing and tree updates touch
// neighbours together): participants grouped by coordinator, vacancies in
// order of first appearance in those participants' rows (assignment.h,
// AssignmentNetwork()).
Network BuildNetwork(const CandidateGraph& g, const std::vector<int64_t>& cost);

// A starting flow for the simplex: candidate arcs by cost, best first (in
// cost buckets, arc order within one), each taken while its participant,
// coordinator, vacancy and employer all have room.
std::vector<int64_t> GreedyFlow(const CandidateGraph& g,
                                const Network& net,
                                const std::vector<int64_t>& cost);

// Solves net.problem with options.solver (ours from the greedy flow, priced
// on options.num_threads, or Boost);
// moves the problem out of `net`. With `keep`, an optimal network simplex is
// kept there for warm re-solves.
FlowSolution SolveNetwork(const CandidateGraph& g,
                          Network& net,
                          const std::vector<int64_t>& cost,
                          const AssignmentOptions& options,
                          std::optional<NetworkSimplex>* keep);

}  // namespace jobmatch::internal

#endif  // JOBMATCH_ENGINE_INTERNAL_ASSIGNMENT_NETWORK_H_

// loaders/dimacs.h
//
// DIMACS minimum-cost flow files (the format of the First DIMACS
// Implementation Challenge, used by NETGEN and LEMON's dimacs-solver):
//   c any comment
//   p min NODES ARCS        once, before any n or a line
//   n ID SUPPLY             nodes 1..NODES; unlisted nodes have supply 0
//   a SRC DST LOW CAP COST  exactly ARCS lines
// and the solution format: `s COST`, then `f SRC DST FLOW` per arc with
// non-zero flow, in input order.
//
// Lower bounds. Any LOW <= CAP is accepted and removed for the solver
// (engine/min_cost_flow.h has none): capacity CAP - LOW, LOW units moved
// from SRC's supply to DST's, LOW * COST added to a constant; the solution
// writer adds them back. CAP = 2^63 - 1 means no upper bound.
//
// Errors. kMissingInput if the file cannot be opened; kBadData naming the
// line (1-based) and the field for the first malformed line, an unknown line
// type, a node out of range, a duplicate `n` line, LOW > CAP, a missing or
// repeated `p` line, or an arc count that differs from the `p` line.
//
// Example:
//   Result<DimacsProblem> read = LoadDimacs("netgen_8_08a.min");
//   if (!read.ok()) { std::cerr << read.error().ToString(); return 65; }
//   const FlowSolution solution = SolveMinCostFlow(read.value().problem);
//   WriteDimacsSolution(std::cout, read.value(), solution);

#ifndef JOBMATCH_LOADERS_DIMACS_H_
#define JOBMATCH_LOADERS_DIMACS_H_

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "engine/min_cost_flow.h"
#include "engine/result.h"

namespace jobmatch {

struct DimacsProblem {
  FlowProblem problem;             // node i of the file is node i - 1; lower bounds removed
  std::vector<int64_t> arc_lower;  // per arc, LOW as read
  int64_t cost_offset = 0;         // sum of LOW * COST
};

// `name` is used in error messages ("<stdin>" for standard input).
[[nodiscard]] Result<DimacsProblem> ReadDimacs(std::istream& in, const std::string& name);
[[nodiscard]] Result<DimacsProblem> LoadDimacs(const std::filesystem::path& path);

// Writes the problem as read (with its lower bounds): p, n (non-zero
// supplies), a lines. ReadDimacs of the output gives the same DimacsProblem.
void WriteDimacs(std::ostream& out, const DimacsProblem& dimacs);

// Flow of every arc in the file's terms (lower bounds added back).
std::vector<int64_t> FileFlows(const DimacsProblem& dimacs, const FlowSolution& solution);

// Total cost in the file's terms (with the lower bounds' cost); nullopt if
// it does not fit in int64. Precondition: solution.status is kOptimal.
std::optional<int64_t> FileCost(const DimacsProblem& dimacs, const FlowSolution& solution);

// `s COST` (FileCost) and `f SRC DST FLOW` for every arc with non-zero flow,
// in input order. Preconditions: kOptimal and FileCost() has a value.
void WriteDimacsSolution(std::ostream& out,
                         const DimacsProblem& dimacs,
                         const FlowSolution& solution);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_DIMACS_H_

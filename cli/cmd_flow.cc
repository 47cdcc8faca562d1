// jobmatch flow FILE: solves a DIMACS minimum-cost flow problem
// (loaders/dimacs.h) and prints the DIMACS solution on stdout: `s COST`, then
// `f SRC DST FLOW` for every arc with non-zero flow, in input order.
//
// Exit codes: 0 optimal; 1 infeasible (no flow meets the supplies); 2
// unbounded (a negative-cost cycle of infinite capacity); 3 numbers too large
// for exact 64-bit arithmetic; 64 unknown --solver; 65 malformed file (the
// message names the line); 66 file not found; 70 the certificate check of
// --check failed (a bug). Messages go to stderr.

#include <cstdio>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "engine/boost_flow.h"
#include "engine/flow_certificate.h"
#include "engine/min_cost_flow.h"
#include "engine/result.h"
#include "loaders/dimacs.h"

namespace jobmatch::cli {

int RunFlow(const FlowArgs& args) {
  if (args.solver != "simplex" && args.solver != "boost") {
    std::cerr << "jobmatch flow: unknown solver '" << args.solver << "' (simplex or boost)\n";
    return 64;
  }
  const Result<DimacsProblem> read =
      args.file == "-" ? ReadDimacs(std::cin, "<stdin>") : LoadDimacs(args.file);
  if (!read.ok()) {
    std::cerr << "jobmatch flow: " << read.error().ToString();
    return ExitCodeFor(read.error().kind);
  }
  const DimacsProblem& dimacs = read.value();
  const FlowSolution solution = args.solver == "boost" ? SolveMinCostFlowBoost(dimacs.problem)
                                                       : SolveMinCostFlow(dimacs.problem);
  switch (solution.status) {
    case FlowStatus::kOptimal:
      break;
    case FlowStatus::kInfeasible:
      std::cerr << "jobmatch flow: infeasible: " << solution.message << "\n";
      return 1;
    case FlowStatus::kUnbounded:
      std::cerr << "jobmatch flow: unbounded: " << solution.message << "\n";
      return 2;
    case FlowStatus::kOverflow:
      std::cerr << "jobmatch flow: numbers too large: " << solution.message << "\n";
      return 3;
  }
  if (!FileCost(dimacs, solution)) {
    std::cerr << "jobmatch flow: numbers too large: the total cost exceeds 64 bits\n";
    return 3;
  }
  if (args.check) {
    const FlowCertificate certificate =
        CheckCertificate(dimacs.problem, solution.flow, solution.potential);
    if (!certificate.ok) {
      std::cerr << "jobmatch flow: certificate FAILED: " << certificate.message << "\n";
      return 70;
    }
    std::cerr << "certificate: ok (feasible, complementary slackness holds, primal cost = dual "
                 "cost = "
              << *FileCost(dimacs, solution) << ")\n";
  }
  WriteDimacsSolution(std::cout, dimacs, solution);
  std::cout.flush();
  return 0;
}

}  // namespace jobmatch::cli

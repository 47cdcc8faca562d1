// fuzz/dimacs_fuzzer.cc
//
// DIMACS min-cost flow files (loaders/dimacs.h) as `jobmatch flow` reads them.
// Checks the reader's documented round trip (ReadDimacs of WriteDimacs gives
// the same problem) and, for small problems, solves them and verifies the
// optimality certificate, so the solver is fuzzed on odd shapes too
// (parallel arcs, loops, zero and infinite capacities, lower bounds).

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "engine/flow_certificate.h"
#include "engine/min_cost_flow.h"
#include "fuzz/fuzz_support.h"
#include "loaders/dimacs.h"

namespace {

bool SameProblem(const jobmatch::DimacsProblem& a, const jobmatch::DimacsProblem& b) {
  return a.problem.supply == b.problem.supply && a.problem.arc_tail == b.problem.arc_tail &&
         a.problem.arc_head == b.problem.arc_head &&
         a.problem.arc_capacity == b.problem.arc_capacity &&
         a.problem.arc_cost == b.problem.arc_cost && a.arc_lower == b.arc_lower &&
         a.cost_offset == b.cost_offset;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jobmatch;
  std::istringstream in{std::string(fuzz::AsText(data, size))};
  const Result<DimacsProblem> read = ReadDimacs(in, "fuzz.min");
  if (!read.ok()) {
    FUZZ_CHECK(!read.error().diagnostics.empty());
    (void)read.error().ToString();
    return 0;
  }
  const DimacsProblem& dimacs = read.value();
  FUZZ_CHECK(dimacs.problem.IsValid());

  std::ostringstream written;
  WriteDimacs(written, dimacs);
  std::istringstream again(written.str());
  const Result<DimacsProblem> reread = ReadDimacs(again, "written.min");
  FUZZ_CHECK(reread.ok());
  FUZZ_CHECK(SameProblem(dimacs, reread.value()));

  // Small problems only: the fuzzer looks for wrong answers, not slow ones.
  if (dimacs.problem.num_nodes() > 64 || dimacs.problem.num_arcs() > 256) return 0;
  const FlowSolution solution = SolveMinCostFlow(dimacs.problem);
  if (solution.status == FlowStatus::kOptimal) {
    const FlowCertificate certificate =
        CheckCertificate(dimacs.problem, solution.flow, solution.potential);
    FUZZ_CHECK(certificate.ok);
    if (FileCost(dimacs, solution).has_value()) {
      std::ostringstream solution_text;
      WriteDimacsSolution(solution_text, dimacs, solution);
    }
  }
  return 0;
}

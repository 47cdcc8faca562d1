// Tests loaders/dimacs.h: reading, writing, lower bounds, and an error with
// its line number for every kind of malformed input.

#include "loaders/dimacs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/flow_certificate.h"
#include "engine/internal/random.h"
#include "engine/min_cost_flow.h"

namespace jobmatch {
namespace {

Result<DimacsProblem> Read(const std::string& text) {
  std::istringstream in(text);
  return ReadDimacs(in, "test.min");
}

TEST(ReadDimacs, ReadsCommentsSuppliesAndArcs) {
  const Result<DimacsProblem> read = Read(
      "c a tiny problem\n"
      "p min 3 2\r\n"
      "n 1 4\n"
      "\n"
      "n 3 -4\n"
      "a 1 2 0 10 3\n"
      "c between arcs\n"
      "a 2 3 0 4 1\n");
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  const FlowProblem& p = read.value().problem;
  EXPECT_EQ(p.supply, (std::vector<int64_t>{4, 0, -4}));
  EXPECT_EQ(p.arc_tail, (std::vector<int32_t>{0, 1}));
  EXPECT_EQ(p.arc_head, (std::vector<int32_t>{1, 2}));
  EXPECT_EQ(p.arc_capacity, (std::vector<int64_t>{10, 4}));
  EXPECT_EQ(p.arc_cost, (std::vector<int64_t>{3, 1}));
  EXPECT_EQ(read.value().cost_offset, 0);
}

TEST(ReadDimacs, MovesLowerBoundsIntoSuppliesAndAddsThemBack) {
  // 3 units from 1 to 3; arc 1->2 must carry at least 2, arc 1->3 is cheap.
  const Result<DimacsProblem> read = Read(
      "p min 3 3\n"
      "n 1 3\n"
      "n 3 -3\n"
      "a 1 2 2 5 4\n"
      "a 2 3 0 5 1\n"
      "a 1 3 0 5 1\n");
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  const DimacsProblem& dimacs = read.value();
  EXPECT_EQ(dimacs.problem.arc_capacity[0], 3);
  EXPECT_EQ(dimacs.cost_offset, 8);
  const FlowSolution solution = SolveMinCostFlow(dimacs.problem);
  ASSERT_EQ(solution.status, FlowStatus::kOptimal);
  EXPECT_TRUE(CheckCertificate(dimacs.problem, solution.flow, solution.potential).ok);
  EXPECT_EQ(FileFlows(dimacs, solution), (std::vector<int64_t>{2, 2, 1}));
  std::ostringstream out;
  WriteDimacsSolution(out, dimacs, solution);
  EXPECT_EQ(out.str(), "s 11\nf 1 2 2\nf 2 3 2\nf 1 3 1\n");
}

TEST(WriteDimacsSolution, ListsOnlyArcsWithFlowInInputOrder) {
  const Result<DimacsProblem> read =
      Read("p min 2 3\nn 1 1\nn 2 -1\na 1 2 0 1 5\na 1 2 0 1 2\na 2 1 0 9 1\n");
  ASSERT_TRUE(read.ok());
  std::ostringstream out;
  WriteDimacsSolution(out, read.value(), SolveMinCostFlow(read.value().problem));
  EXPECT_EQ(out.str(), "s 2\nf 1 2 1\n");
}

TEST(WriteDimacs, RoundTripsRandomProblemsWithLowerBounds) {
  internal::Rng rng(21);
  for (int round = 0; round < 50; ++round) {
    DimacsProblem dimacs;
    const auto n = static_cast<int32_t>(rng.Between(1, 30));
    for (int32_t v = 0; v < n; ++v) dimacs.problem.AddNode(rng.Between(-5, 5));
    for (int64_t a = rng.Between(0, 60); a > 0; --a) {
      const auto tail = static_cast<int32_t>(rng.Below(static_cast<uint64_t>(n)));
      const auto head = static_cast<int32_t>(rng.Below(static_cast<uint64_t>(n)));
      const int64_t cap = rng.Bernoulli(0.1) ? kInfiniteCapacity : rng.Between(0, 50);
      dimacs.problem.AddArc(tail, head, cap, rng.Between(-100, 100));
      dimacs.arc_lower.push_back(cap == kInfiniteCapacity ? 0 : rng.Between(-3, 3));
      const int64_t low = dimacs.arc_lower.back();
      dimacs.problem.supply[static_cast<size_t>(tail)] -= low;
      dimacs.problem.supply[static_cast<size_t>(head)] += low;
      dimacs.cost_offset += low * dimacs.problem.arc_cost.back();
    }
    std::ostringstream out;
    WriteDimacs(out, dimacs);
    const Result<DimacsProblem> back = Read(out.str());
    ASSERT_TRUE(back.ok()) << back.error().ToString() << "\n" << out.str();
    const DimacsProblem& b = back.value();
    EXPECT_EQ(b.problem.supply, dimacs.problem.supply);
    EXPECT_EQ(b.problem.arc_tail, dimacs.problem.arc_tail);
    EXPECT_EQ(b.problem.arc_head, dimacs.problem.arc_head);
    EXPECT_EQ(b.problem.arc_capacity, dimacs.problem.arc_capacity);
    EXPECT_EQ(b.problem.arc_cost, dimacs.problem.arc_cost);
    EXPECT_EQ(b.arc_lower, dimacs.arc_lower);
    EXPECT_EQ(b.cost_offset, dimacs.cost_offset);
  }
}

TEST(WriteDimacs, RoundTripsWhenANodesRunningSupplyLeaves64Bits) {
  // Found by the fuzzer: node 1 receives a lower bound of 2^63 - 1 and has a
  // self-loop with lower bound 9. Undoing the transfer arc by arc passes
  // 2^63 + 8 on the way back to the file's 0.
  const std::string text =
      "p min 3 3\n"
      "a 1 2 0 9223372036854775807 -1\n"
      "a 1 1 9 2547757 -1\n"
      "a 3 1 9223372036854775807 9223372036854775807 0\n";
  const Result<DimacsProblem> read = Read(text);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  std::ostringstream out;
  WriteDimacs(out, read.value());
  EXPECT_EQ(out.str(), text);
}

struct Malformed {
  std::string text;
  int64_t line;
  std::string says;  // part of the message
};

TEST(ReadDimacs, NamesTheLineOfEveryMalformedInput) {
  const std::vector<Malformed> cases = {
      {"c nothing\n", 1, "no 'p min"},
      {"p min 2 1\nx 1 2\n", 2, "unknown line type"},
      {"a 1 2 0 1 1\np min 2 1\n", 1, "before the 'p' line"},
      {"p max 2 1\n", 1, "expected 'min'"},
      {"p min 2\n", 1, "p min NODES ARCS"},
      {"p min two 1\n", 1, "expected an integer"},
      {"p min 2 1\np min 2 1\n", 2, "a second 'p' line"},
      {"p min 2 1\nn 3 5\n", 2, "node number in 1..2"},
      {"p min 2 1\nn 1 5\nn 1 -5\n", 3, "a second 'n' line"},
      {"p min 2 1\nn 1 x\n", 2, "expected an integer"},
      {"p min 2 1\nc\na 1 2 0 5\n", 3, "a SRC DST LOW CAP COST"},
      {"p min 2 1\na 1 0 0 5 1\n", 2, "node number"},
      {"p min 2 1\na 1 2 6 5 1\n", 2, "lower bound above the capacity"},
      {"p min 2 1\na 1 2 0 5 1.5\n", 2, "expected an integer"},
      {"p min 2 1\na 1 2 0 5 99999999999999999999\n", 2, "expected an integer"},
      {"p min 2 1\na 1 2 0 5 1\na 2 1 0 5 1\n", 3, "more 'a' lines"},
      {"p min 2 2\na 1 2 0 5 1\nc end\n", 3, "declares 2"},
  };
  for (const Malformed& c : cases) {
    const Result<DimacsProblem> read = Read(c.text);
    ASSERT_FALSE(read.ok()) << c.text;
    const Error& error = read.error();
    EXPECT_EQ(error.kind, ErrorKind::kBadData) << c.text;
    ASSERT_EQ(error.diagnostics.size(), 1u);
    EXPECT_EQ(error.diagnostics[0].line, c.line) << c.text;
    EXPECT_NE(error.ToString().find(c.says), std::string::npos) << error.ToString();
    EXPECT_NE(error.ToString().find("test.min:" + std::to_string(c.line)), std::string::npos)
        << error.ToString();
  }
}

TEST(ReadDimacs, RefusesAHugeDeclarationOnATinyFileBeforeAllocating) {
  // 2^31 - 100 nodes and arcs declared; a reader that sized its arrays from the
  // 'p' line would ask for tens of gigabytes here.
  for (const char* text : {"p min 2147483000 0\n", "p min 1073741000 1\na 1 2 0 5 1\n"}) {
    const Result<DimacsProblem> read = Read(text);
    ASSERT_FALSE(read.ok()) << text;
    EXPECT_EQ(read.error().kind, ErrorKind::kBadData);
    EXPECT_NE(read.error().ToString().find("a node count the file can describe"), std::string::npos)
        << read.error().ToString();
    EXPECT_EQ(read.error().diagnostics[0].line, 1);
  }
  const Result<DimacsProblem> arcs = Read("p min 2 1000000000\na 1 2 0 5 1\n");
  ASSERT_FALSE(arcs.ok());
  EXPECT_NE(arcs.error().ToString().find("declares 1000000000"), std::string::npos);
}

TEST(ReadDimacs, AcceptsNodesNoLineMentionsWithinReason) {
  const Result<DimacsProblem> read = Read("p min 1000 1\nn 1 5\nn 2 -5\na 1 2 0 5 1\n");
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  EXPECT_EQ(read.value().problem.num_nodes(), 1000);
  EXPECT_EQ(read.value().problem.supply[0], 5);
  EXPECT_EQ(read.value().problem.supply[999], 0);
}

TEST(LoadDimacs, MissingFileIsMissingInput) {
  const Result<DimacsProblem> read = LoadDimacs("/nonexistent/problem.min");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, ErrorKind::kMissingInput);
}

TEST(LoadDimacs, ReadsAFileWrittenToDisk) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "jobmatch_dimacs_test.min";
  {
    std::ofstream out(path);
    out << "p min 2 1\nn 1 2\nn 2 -2\na 1 2 0 3 7\n";
  }
  const Result<DimacsProblem> read = LoadDimacs(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  EXPECT_EQ(SolveMinCostFlow(read.value().problem).total_cost, 14);
}

}  // namespace
}  // namespace jobmatch

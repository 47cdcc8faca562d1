// Tests of whatif/shell.h and whatif/command.h: sessions of typed commands
// (with undo, reset, save and compare) stay equal to cold runs on the changed
// data; scripts stop at the first bad line, naming it, with nothing of that
// line applied; the REKO scenario file runs on the embedded example.

#include "whatif/shell.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/scorer.h"
#include "loaders/load_dataset.h"
#include "loaders/reference_loader.h"
#include "whatif/command.h"

namespace jobmatch::whatif {
namespace {

const Date kRunDate = *ParseDate("2026-11-22");

class Shell : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<ReferenceData> loaded = LoadReferenceData(DefaultReferenceDir());
    ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
    reference_ = new std::shared_ptr<const ReferenceData>(
        std::make_shared<const ReferenceData>(std::move(loaded).value()));
  }
  static void TearDownTestSuite() {
    delete reference_;
    reference_ = nullptr;
  }
  static ShellState Start() {
    Result<Dataset> dataset =
        LoadDataset(std::string(JOBMATCH_SOURCE_DIR) + "/examples/salzlandkreis", **reference_, {});
    EXPECT_TRUE(dataset.ok());
    ScenarioOptions options;
    options.scoring.run_date = kRunDate;
    options.scoring.num_threads = 2;
    return StartSession(MakeScenario(std::move(dataset).value(), *reference_, options));
  }

 private:
  static std::shared_ptr<const ReferenceData>* reference_;
};
std::shared_ptr<const ReferenceData>* Shell::reference_ = nullptr;

void ExpectEqualsCold(const Scenario& s, const std::string& where) {
  SCOPED_TRACE(where);
  const Dataset changed = ChangedDataset(s);
  const ScoredPairs scored = ScoreTopK(changed, *s.reference, s.options.scoring);
  const CandidateGraph graph = BuildCandidateGraph(changed, scored, s.options.candidates);
  const AssignmentResult cold = AssignParticipants(graph, s.options.assignment);
  EXPECT_EQ(s.result.placements.size(), cold.placements.size());
  EXPECT_EQ(s.result.total_cost, cold.total_cost);
  EXPECT_NEAR(s.result.total_score, cold.total_score, 1e-4);
}

TEST_F(Shell, TypedSessionsWithUndoResetAndCompareEqualColdRuns) {
  ShellState state = Start();
  const std::vector<std::string> lines = {
      "capacity K-15089-1 +3",
      "add-coordinator K-NEU 15089 8",
      "withdraw-employer E-000035",
      "undo",
      "german B2 P-000001 P-000002 P-000003",
      "save a",
      "reset",
      std::string("add-vacancy id=V-NEU employer_id=E-000001 occupation=52122 openings=2 ") +
          "place=06406 min_german_level=A2 kind=job hours_per_week=30 \"title=Lagerhelfer "
          "(m/w/d)\"",
      "commute-limit 90",
      "openings V-000148 3",
      "undo",
      "undo",
      "undo",
      "weight micro 0",
      "course C-15089-2",
      "withdraw-vacancy V-000148",
      "compare a current",
      "reset",
      "capacity K-15089-2 0",
  };
  const ShellOptions options;
  int64_t line = 0;
  for (const std::string& text : lines) {
    std::ostringstream out;
    EXPECT_TRUE(RunCommandLine(&state, text, ++line, "test", options, out)) << text << "\n"
                                                                            << out.str();
    ExpectEqualsCold(state.current, text);
    if (testing::Test::HasFailure()) return;
  }
  EXPECT_EQ(state.current.dataset.coordinators[1].capacity, 0);
}

TEST_F(Shell, RandomTypedSessionsEqualColdRuns) {
  ShellState state = Start();
  std::mt19937_64 rng(5);
  const std::vector<std::string> pool = {
      "capacity K-15089-1 +2",
      "capacity K-15089-2 -3",
      "capacity K-15089-1 5",
      "openings V-000148 2",
      "openings V-000096 0",
      "withdraw-vacancy V-000163",
      "withdraw-employer E-000035",
      "german B1 P-000004 P-000009",
      "german A1 P-000017",
      "course C-15089-1",
      "commute-limit 60",
      "commute-limit 95",
      "weight skill 0.7",
      "weight commute 0.05",
      "undo",
      "reset",
      "add-coordinator K-X 15089 4",
      "save s",
  };
  const ShellOptions options;
  for (int64_t line = 1; line <= 40; ++line) {
    const std::string& text = pool[std::uniform_int_distribution<size_t>(0, pool.size() - 1)(rng)];
    std::ostringstream out;
    RunCommandLine(
        &state, text, line, "test", options, out);  // may fail (undo at start, K-X twice)
    ExpectEqualsCold(state.current, std::to_string(line) + ": " + text);
    if (testing::Test::HasFailure()) return;
  }
}

TEST_F(Shell, AScriptStopsAtItsFirstBadLineBeforeRunningAnything) {
  ShellState state = Start();
  const int64_t cost = state.current.result.total_cost;
  std::istringstream script("capacity K-15089-1 +1\n# fine\ncapacity K-15089-1 lots\n");
  std::ostringstream out;
  const std::optional<Error> error = RunScript(&state, script, "s.jmw", {}, out);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, ErrorKind::kBadData);
  EXPECT_EQ(error->diagnostics.front().file, "s.jmw");
  EXPECT_EQ(error->diagnostics.front().line, 3);
  EXPECT_EQ(out.str(), "");  // line 1 never ran
  EXPECT_EQ(state.current.result.total_cost, cost);
}

TEST_F(Shell, AFailingCommandNamesItsLineAndChangesNothing) {
  ShellState state = Start();
  std::istringstream script(
      "capacity K-15089-1 +1\ngerman B1 P-000001 P-999999\ncapacity K-15089-1 +1\n");
  std::ostringstream out;
  const std::optional<Error> error = RunScript(&state, script, "s.jmw", {}, out);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->diagnostics.front().line, 2);
  EXPECT_EQ(error->diagnostics.front().value, "P-999999");
  // Line 1 applied, line 2 not at all (P-000001 keeps their German), line 3 never ran.
  EXPECT_EQ(state.current.dataset.coordinators[0].capacity, 14);
  EXPECT_EQ(state.current.dataset.participants[0].german,
            state.start.dataset.participants[0].german);
}

TEST_F(Shell, ParseCommandChecksShapes) {
  EXPECT_FALSE(ParseCommand("   # only a comment", 1, "x").value().has_value());
  EXPECT_FALSE(ParseCommand("capacity K-1", 1, "x").ok());
  EXPECT_FALSE(ParseCommand("capacity K-1 +x", 1, "x").ok());
  EXPECT_FALSE(ParseCommand("weight taste 1", 1, "x").ok());
  EXPECT_FALSE(ParseCommand("add-vacancy id", 1, "x").ok());
  EXPECT_FALSE(ParseCommand("show \"unclosed", 1, "x").ok());
  const auto parsed = ParseCommand("add-vacancy \"title=A b\" id=V # note", 4, "x");
  ASSERT_TRUE(parsed.ok());
  ASSERT_TRUE(parsed.value().has_value());
  EXPECT_EQ(parsed.value()->args, (std::vector<std::string>{"title=A b", "id=V"}));
  EXPECT_EQ(ParseCapacityChange("-3")->relative, true);
  EXPECT_EQ(ParseCapacityChange("-3")->amount, -3);
  EXPECT_EQ(ParseCapacityChange("12")->relative, false);
}

TEST_F(Shell, TheRekoScenarioRunsOnTheExampleAndPrintsTheDifferences) {
  ShellState state = Start();
  std::ifstream script(std::string(JOBMATCH_SOURCE_DIR) + "/examples/whatif/reko.jmw");
  ASSERT_TRUE(script);
  std::ostringstream out;
  const std::optional<Error> error = RunScript(&state, script, "reko.jmw", {}, out);
  ASSERT_FALSE(error.has_value()) << error->ToString();
  const std::string text = out.str();
  // A third coordinator with 12 places places 12 more (the capacity binds).
  EXPECT_NE(text.find("Vorschläge           24 -> 36 (+12)"), std::string::npos) << text;
  EXPECT_NE(text.find("übernimmt 21 Teilnehmende"), std::string::npos);
  EXPECT_NE(text.find("Ein Platz mehr bei der Koordination"), std::string::npos);
  // One more proposal in the singular; each vacancy named by id and title.
  EXPECT_NE(text.find("Kreis 15089: +1 Vorschlag, Passung"), std::string::npos) << text;
  EXPECT_EQ(text.find("+1 Vorschläge"), std::string::npos) << text;
  EXPECT_NE(text.find("V-000108     Reinigungskraft (m/w/d): +0 Vorschläge"), std::string::npos)
      << text;
  EXPECT_NE(text.find("von 'dritte-koordination' nach 'b1-kurs'"), std::string::npos);
  EXPECT_NE(text.find("zurückgezogen: 8 Stellen"), std::string::npos);
}

TEST_F(Shell, JsonAnswersCarryTheRunsFigures) {
  ShellState state = Start();
  ShellOptions options;
  options.json = true;
  std::ostringstream out;
  ASSERT_TRUE(RunCommandLine(&state, "capacity K-15089-1 +1", 1, "t", options, out));
  const std::string line = out.str();
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // one object, one line
  EXPECT_NE(line.find("\"proposals\":25,\"unplaced\":55,"), std::string::npos) << line;
  EXPECT_NE(line.find("\"before\":{\"proposals\":24,\"unplaced\":56,"), std::string::npos);
  EXPECT_NE(line.find("\"change\":\"gained\""), std::string::npos);
}

}  // namespace
}  // namespace jobmatch::whatif

// Determinism across processes and thread counts: a generated dataset large
// enough that the scorer splits it into many blocks (4000 participants in
// blocks of 64: 63 tasks) is run by separate jobmatch processes on 1, 2 and
// 8 threads, and the output folders must be identical byte for byte (and
// nothing is printed on stderr, even with more threads than cores).

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/support/program.h"

namespace jobmatch {
namespace {

namespace fs = std::filesystem;
using test::ProgramOutcome;
using test::ReadTree;
using test::RunProgram;

ProgramOutcome Jobmatch(const std::string& arguments) {
  return RunProgram(JOBMATCH_BINARY, arguments);
}

TEST(Determinism, OutputBytesAreTheSameOnOneTwoAndEightThreadsInSeparateProcesses) {
  const fs::path dir =
      fs::temp_directory_path() / ("jobmatch_determinism_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const ProgramOutcome generated = Jobmatch(
      "generate --tier district --seed 5 --participants 4000 --vacancies 6000 "
      "--coordinators 40 --today 2026-11-22 --out " +
      (dir / "data").string());
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  const std::string run = "run --data " + (dir / "data").string() + " --date 2026-11-22";
  std::map<int, std::map<std::string, std::string>> outputs;
  for (const int threads : {1, 2, 8}) {
    const fs::path out = dir / ("out" + std::to_string(threads));
    const ProgramOutcome outcome =
        Jobmatch(run + " --threads " + std::to_string(threads) + " --out " + out.string());
    ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
    // More threads than the machine has are capped, not warned about.
    EXPECT_EQ(outcome.err.find("TBB"), std::string::npos) << outcome.err;
    outputs[threads] = ReadTree(out);
  }
  // A real instance: many proposals over many coordinators' files.
  EXPECT_GT(outputs[1].size(), 20U);
  ASSERT_TRUE(outputs[1].count("jobmatch.json"));
  EXPECT_EQ(outputs[1].at("jobmatch.json").find("\"proposals\":0,"), std::string::npos);
  for (const int threads : {2, 8}) {
    ASSERT_EQ(outputs[threads].size(), outputs[1].size()) << threads << " threads";
    for (const auto& [name, bytes] : outputs[1]) {
      ASSERT_TRUE(outputs[threads].count(name)) << name << " missing on " << threads << " threads";
      EXPECT_TRUE(outputs[threads].at(name) == bytes)
          << name << " differs between 1 and " << threads << " threads";
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace jobmatch

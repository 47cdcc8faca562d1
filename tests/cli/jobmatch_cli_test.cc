// End-to-end tests of the jobmatch program: the example run against its
// reviewed expected output, identical bytes on 1 and several threads, broken
// input giving exit 65 with file and line and leaving earlier output intact.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path kSource = JOBMATCH_SOURCE_DIR;
const fs::path kExample = kSource / "examples" / "salzlandkreis";
const fs::path kExpected = kSource / "tests" / "data" / "expected" / "salzlandkreis";
const char* kDate = "2026-11-22";

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Outcome Jobmatch(const std::string& arguments) {
  static int counter = 0;
  const fs::path err =
      fs::temp_directory_path() /
      ("jobmatch_cli_err_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  const std::string command = std::string(JOBMATCH_BINARY) + " " + arguments + " 2>" + err.string();
  Outcome outcome;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return outcome;
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) outcome.out.append(buffer, n);
  const int status = ::pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.err = ReadFile(err);
  fs::remove(err);
  return outcome;
}

std::map<std::string, std::string> ReadFolder(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    files[entry.path().filename().string()] = ReadFile(entry.path());
  }
  return files;
}

class JobmatchCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(JobmatchCli, RunOnTheExampleMatchesTheReviewedExpectedOutput) {
  const fs::path out = dir_ / "out";
  const Outcome run = Jobmatch("run --data " + kExample.string() + " --out " + out.string() +
                               " --date " + kDate + " --check");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("proposals"));
  EXPECT_THAT(run.out, HasSubstr("checked: optimal"));
  const auto actual = ReadFolder(out);
  const auto expected = ReadFolder(kExpected);
  ASSERT_EQ(actual.size(), expected.size());
  for (const auto& [name, bytes] : expected) {
    ASSERT_TRUE(actual.count(name)) << name;
    EXPECT_TRUE(actual.at(name) == bytes)
        << name << " differs from " << (kExpected / name).string()
        << "; if the change is intended, review it and copy the new output there";
  }
}

TEST_F(JobmatchCli, OutputBytesDoNotDependOnTheNumberOfThreads) {
  const std::string common = "run --data " + kExample.string() + " --date " + kDate;
  const Outcome one = Jobmatch(common + " --threads 1 --out " + (dir_ / "t1").string());
  const Outcome two = Jobmatch(common + " --threads 2 --out " + (dir_ / "t2").string());
  const Outcome four = Jobmatch(common + " --threads 4 --out " + (dir_ / "t4").string());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  ASSERT_EQ(four.exit_code, 0) << four.err;
  EXPECT_EQ(ReadFolder(dir_ / "t1"), ReadFolder(dir_ / "t2"));
  EXPECT_EQ(ReadFolder(dir_ / "t1"), ReadFolder(dir_ / "t4"));
}

TEST_F(JobmatchCli, TheProposalSpreadsheetsOpenInGermanExcel) {
  const fs::path out = dir_ / "out";
  ASSERT_EQ(
      Jobmatch("run --data " + kExample.string() + " --out " + out.string() + " --date " + kDate)
          .exit_code,
      0);
  int sheets = 0;
  for (const auto& [name, bytes] : ReadFolder(out)) {
    if (name.rfind("proposals_", 0) != 0) continue;
    ++sheets;
    ASSERT_GE(bytes.size(), 3u);
    EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF") << name << " has no UTF-8 byte order mark";
    EXPECT_THAT(bytes, HasSubstr("Teilnehmer;Vorschlag;Rang;"));
    EXPECT_THAT(bytes, HasSubstr("\r\n"));
  }
  EXPECT_EQ(sheets, 2);  // the Salzlandkreis example has two coordinators
}

TEST_F(JobmatchCli, ABrokenFileExits65NamesFileAndLineAndKeepsTheLastGoodOutput) {
  const fs::path out = dir_ / "out";
  ASSERT_EQ(
      Jobmatch("run --data " + kExample.string() + " --out " + out.string() + " --date " + kDate)
          .exit_code,
      0);
  const auto before = ReadFolder(out);

  const fs::path broken = dir_ / "broken";
  fs::copy(kExample, broken, fs::copy_options::recursive);
  {
    // Line 3 of vacancies.csv gets an unknown German level.
    std::string text = ReadFile(broken / "vacancies.csv");
    size_t line_start = 0;
    for (int line = 1; line < 3; ++line) line_start = text.find('\n', line_start) + 1;
    const size_t line_end = text.find('\n', line_start);
    std::string row = text.substr(line_start, line_end - line_start);
    for (const char* level : {";A2;", ";B1;", ";B2;", ";C1;", ";A1;"}) {
      const size_t at = row.find(level);
      if (at != std::string::npos) {
        row.replace(at, 4, ";B7;");
        break;
      }
    }
    text.replace(line_start, line_end - line_start, row);
    std::ofstream(broken / "vacancies.csv", std::ios::binary) << text;
  }
  const Outcome run =
      Jobmatch("run --data " + broken.string() + " --out " + out.string() + " --date " + kDate);
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_THAT(run.err, HasSubstr("vacancies.csv:3"));
  EXPECT_THAT(run.err, HasSubstr("min_german_level"));
  EXPECT_THAT(run.err, HasSubstr("B7"));
  EXPECT_EQ(ReadFolder(out), before);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_THAT(entry.path().filename().string(), ::testing::Not(HasSubstr("staging")));
  }
}

TEST_F(JobmatchCli, AMissingDatasetExits66AndWritesNothing) {
  const fs::path out = dir_ / "out";
  const Outcome run = Jobmatch("run --data " + (dir_ / "nope").string() + " --out " + out.string());
  EXPECT_EQ(run.exit_code, 66);
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(JobmatchCli, UsageErrorsExit64) {
  EXPECT_EQ(Jobmatch("run --data x").exit_code, 64);
  EXPECT_EQ(Jobmatch("frobnicate").exit_code, 64);
  EXPECT_EQ(Jobmatch("run --data " + kExample.string() + " --out " + (dir_ / "o").string() +
                     " --date 2025-02-30")
                .exit_code,
            64);
}

TEST_F(JobmatchCli, ValidateChecksFilesAndConfigOnly) {
  const Outcome ok = Jobmatch("validate --data " + kExample.string() + " --config " +
                              (kSource / "config" / "jobmatch.txtpb").string());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("valid:"));

  const fs::path config = dir_ / "bad.txtpb";
  std::ofstream(config) << "scoring { top_k: 0 }\n";
  const Outcome bad =
      Jobmatch("validate --data " + kExample.string() + " --config " + config.string());
  EXPECT_EQ(bad.exit_code, 65);
  EXPECT_THAT(bad.err, HasSubstr("scoring.top_k"));
}

TEST_F(JobmatchCli, GenerateWritesADatasetThatRunsAndValidates) {
  const fs::path data = dir_ / "gen";
  const Outcome gen =
      Jobmatch("generate --tier district --seed 3 --participants 60 --vacancies 150 --out " +
               data.string() + " --today " + kDate);
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  const Outcome validate = Jobmatch("validate --data " + data.string());
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  const Outcome run = Jobmatch("run --data " + data.string() + " --out " + (dir_ / "out").string() +
                               " --date " + kDate + " --check");
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(JobmatchCli, FlowSolvesADimacsProblemAndRejectsMalformedOnes) {
  const fs::path problem = dir_ / "tiny.min";
  std::ofstream(problem) << "c two routes from 1 to 3\n"
                            "p min 3 3\n"
                            "n 1 2\n"
                            "n 3 -2\n"
                            "a 1 2 0 1 1\n"
                            "a 2 3 0 1 1\n"
                            "a 1 3 0 2 5\n";
  const Outcome solved = Jobmatch("flow " + problem.string() + " --check");
  ASSERT_EQ(solved.exit_code, 0) << solved.err;
  EXPECT_THAT(solved.out, HasSubstr("s 7"));
  EXPECT_THAT(solved.out, HasSubstr("f 1 2 1"));
  EXPECT_THAT(solved.out, HasSubstr("f 1 3 1"));

  const fs::path malformed = dir_ / "bad.min";
  std::ofstream(malformed) << "p min 2 1\nn 1 1\nn 2 -1\na 1 two 0 1 1\n";
  const Outcome bad = Jobmatch("flow " + malformed.string());
  EXPECT_EQ(bad.exit_code, 65);
  EXPECT_THAT(bad.err, HasSubstr(":4"));
}

}  // namespace

// End-to-end tests of the jobmatch program: the example run against its
// reviewed expected output, identical bytes on 1 and several threads, broken
// input giving exit 65 with file and line and leaving earlier output intact,
// sheet file names for every id, --out however it is spelled, runs killed
// at any moment, and exceptions ending in a sysexits code.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/program.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path kSource = JOBMATCH_SOURCE_DIR;
const fs::path kExample = kSource / "examples" / "salzlandkreis";
const fs::path kExpected = kSource / "tests" / "data" / "expected" / "salzlandkreis";
const char* kDate = "2026-11-22";

using Outcome = jobmatch::test::ProgramOutcome;
using jobmatch::test::ReadFile;
using jobmatch::test::ReadFolder;

// Runs the program with `arguments` in the folder `cwd` (empty: this one).
Outcome JobmatchIn(const fs::path& cwd, const std::string& arguments) {
  return jobmatch::test::RunProgram(JOBMATCH_BINARY, arguments, cwd);
}

Outcome Jobmatch(const std::string& arguments) {
  return JobmatchIn({}, arguments);
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

// Every reason a coordinator reads is a sentence, not a formula and not the
// engine's vocabulary: scanned over the example and a generated district.
TEST_F(JobmatchCli, ReasonsHoldNoFormulaAndNoInternalTerm) {
  const fs::path generated = dir_ / "generated";
  ASSERT_EQ(Jobmatch("generate --tier district --seed 7 --district 15089 --out " +
                     generated.string() + " --today " + kDate)
                .exit_code,
            0);
  int64_t reasons = 0;
  for (const fs::path& data : {kExample, generated}) {
    const fs::path out = dir_ / ("out_" + data.filename().string());
    const Outcome run =
        Jobmatch("run --data " + data.string() + " --out " + out.string() + " --date " + kDate);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const nlohmann::json json = nlohmann::json::parse(ReadFile(out / "jobmatch.json"));
    std::vector<std::string> texts;
    for (const auto& p : json["proposals"]) texts.push_back(p["reason"].get<std::string>());
    for (const auto& u : json["unplaced"]) texts.push_back(u["reason"].get<std::string>());
    for (const std::string& text : texts) {
      ++reasons;
      for (const char* bad : {"×",
                              "*",
                              "=",
                              "ISCO",
                              "KldB",
                              "Berufsgattung",
                              "Kompetenzwert",
                              "zum Weg",
                              "Weg des"}) {
        EXPECT_EQ(text.find(bad), std::string::npos) << "'" << bad << "' in: " << text;
      }
    }
  }
  EXPECT_GT(reasons, 500);
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
  int workbooks = 0;
  for (const auto& [name, bytes] : ReadFolder(out)) {
    if (name.rfind("proposals_", 0) != 0) continue;
    if (name.ends_with(".xlsx")) {
      ++workbooks;
      EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4)) << name << " is no zip";
      continue;
    }
    ++sheets;
    ASSERT_GE(bytes.size(), 3u);
    EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF") << name << " has no UTF-8 byte order mark";
    EXPECT_THAT(bytes, HasSubstr("Teilnehmer;Vorschlag;Neu;Rang;"));
    EXPECT_THAT(bytes, HasSubstr(";Begründung;Entscheidung;Datum;Notiz\r\n"));
    EXPECT_THAT(bytes, HasSubstr("\r\n"));
  }
  EXPECT_EQ(sheets, 2);     // the Salzlandkreis example has two coordinators
  EXPECT_EQ(workbooks, 2);  // and an xlsx next to each CSV
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

// Replaces every "old" id by "new" in the coordinators' and participants'
// files of a copy of the example.
void RenameCoordinators(const fs::path& data, const std::map<std::string, std::string>& ids) {
  for (const char* file : {"coordinators.csv", "participants.csv"}) {
    std::string text = ReadFile(data / file);
    for (const auto& [old_id, new_id] : ids) {
      for (size_t at = text.find(old_id); at != std::string::npos;
           at = text.find(old_id, at + new_id.size())) {
        text.replace(at, old_id.size(), new_id);
      }
    }
    std::ofstream(data / file, std::ios::binary) << text;
  }
}

// Participant ids listed in a sheet (first cell of every row but the header).
std::set<std::string> ParticipantsIn(const std::string& sheet) {
  std::set<std::string> ids;
  std::istringstream lines(sheet);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    const std::string id = line.substr(0, line.find(';'));
    if (id.rfind("P-", 0) == 0) ids.insert(id);
  }
  return ids;
}

TEST_F(JobmatchCli, CoordinatorIdsThatSanitiseAlikeEachGetTheirOwnSheet) {
  const fs::path data = dir_ / "data";
  fs::copy(kExample, data, fs::copy_options::recursive);
  RenameCoordinators(data, {{"K-15089-1", "K/1"}, {"K-15089-2", "K_1"}});
  const fs::path out = dir_ / "out";
  const Outcome run =
      Jobmatch("run --data " + data.string() + " --out " + out.string() + " --date " + kDate);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto files = ReadFolder(out);
  ASSERT_EQ(files.size(), 5u) << "a sheet was overwritten by another";
  ASSERT_TRUE(files.count("proposals_K_1.csv"));
  ASSERT_TRUE(files.count("proposals_K_1.xlsx"));
  const auto expected = ReadFolder(kExpected);
  // The sheets hold the same people as the example's.
  EXPECT_EQ(ParticipantsIn(files.at("proposals_K_1.csv")),
            ParticipantsIn(expected.at("proposals_K-15089-2.csv")));
  for (const auto& [name, bytes] : files) {
    if (name == "jobmatch.json" || name.starts_with("proposals_K_1.")) continue;
    if (name.ends_with(".xlsx")) {
      EXPECT_THAT(name, ::testing::MatchesRegex("proposals_K_1-[0-9a-f]{8}\\.xlsx"));
      continue;
    }
    EXPECT_THAT(name, ::testing::MatchesRegex("proposals_K_1-[0-9a-f]{8}\\.csv"));
    EXPECT_EQ(ParticipantsIn(bytes), ParticipantsIn(expected.at("proposals_K-15089-1.csv")));
  }
}

TEST_F(JobmatchCli, EveryIdThatValidateAcceptsCanBeWrittenAsASheet) {
  const fs::path data = dir_ / "data";
  fs::copy(kExample, data, fs::copy_options::recursive);
  const std::string long_id = "K-" + std::string(298, 'x');  // 300 bytes
  RenameCoordinators(data, {{"K-15089-1", long_id}, {"K-15089-2", "Köthen/Süd 2"}});
  const Outcome validate = Jobmatch("validate --data " + data.string());
  ASSERT_EQ(validate.exit_code, 0) << validate.err;
  const fs::path out = dir_ / "out";
  const Outcome run =
      Jobmatch("run --data " + data.string() + " --out " + out.string() + " --date " + kDate);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto files = ReadFolder(out);
  EXPECT_EQ(files.size(), 5u);  // jobmatch.json, a CSV and an xlsx per coordinator
  for (const auto& [name, bytes] : files) EXPECT_LT(name.size(), 255u) << name;
}

TEST_F(JobmatchCli, OutMayEndInASlashOrHoldDotParts) {
  const auto expected = ReadFolder(kExpected);
  const std::string data = " --data " + kExample.string() + " --date " + kDate;
  for (const std::string& spelling : {(dir_ / "out").string() + "/",
                                      (dir_ / "x" / ".." / "out").string(),
                                      (dir_ / "." / "out" / ".").string()}) {
    const Outcome run = Jobmatch("run" + data + " --out " + spelling);
    ASSERT_EQ(run.exit_code, 0) << spelling << ": " << run.err;
    EXPECT_EQ(ReadFolder(dir_ / "out"), expected) << spelling;
  }
  EXPECT_EQ(ReadFolder(dir_).size(), 1u) << "staging or other folders left next to --out";

  // "." is the current folder: replaced when empty or an earlier output.
  const fs::path here = dir_ / "here";
  fs::create_directories(here);
  const Outcome dot = JobmatchIn(here, "run" + data + " --out .");
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  EXPECT_EQ(ReadFolder(here), expected);
}

TEST_F(JobmatchCli, AFolderThatIsNoEarlierOutputIsNeverReplaced) {
  const fs::path documents = dir_ / "documents";
  fs::create_directories(documents / "inner");
  std::ofstream(documents / "letter.txt") << "keep me";
  const std::string data = " --data " + kExample.string() + " --date " + kDate;
  const Outcome run = Jobmatch("run" + data + " --out " + documents.string());
  EXPECT_EQ(run.exit_code, 73);
  EXPECT_THAT(run.err, HasSubstr("jobmatch.json"));
  // ".." from inside it names the test's folder, which holds other things.
  const Outcome up = JobmatchIn(documents / "inner", "run" + data + " --out ..");
  EXPECT_EQ(up.exit_code, 73);
  EXPECT_EQ(ReadFile(documents / "letter.txt"), "keep me");
  EXPECT_TRUE(fs::is_directory(documents / "inner"));
}

TEST_F(JobmatchCli, EvaluateAndReportNeverReplaceAFolderThatIsNoEarlierOutputOfTheirs) {
  const fs::path documents = dir_ / "documents";
  fs::create_directories(documents);
  std::ofstream(documents / "letter.txt") << "keep me";
  const std::string data = " --data " + kExample.string() + " --date " + kDate;
  for (const char* command : {"evaluate", "report"}) {
    const Outcome run = Jobmatch(std::string(command) + data + " --out " + documents.string());
    EXPECT_EQ(run.exit_code, 73) << command << ": " << run.err;
  }
  EXPECT_EQ(ReadFile(documents / "letter.txt"), "keep me");
  // Their own earlier output is replaced.
  const Outcome first = Jobmatch("report" + data + " --out " + (dir_ / "report").string());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const Outcome again = Jobmatch("report" + data + " --out " + (dir_ / "report").string());
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

// Starts the program without a shell, output to /dev/null; returns its pid.
pid_t Spawn(const std::vector<std::string>& arguments) {
  std::vector<std::string> args = {JOBMATCH_BINARY};
  args.insert(args.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

int WaitFor(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

TEST_F(JobmatchCli, RunsKilledAtAnyMomentLeaveACompleteOutputAndTheirStagingIsCleanedUp) {
  // A dataset whose run takes long enough to be killed while writing.
  const fs::path data = dir_ / "data";
  const Outcome gen = Jobmatch(
      "generate --tier district --seed 11 --participants 1500 "
      "--vacancies 1200 --coordinators 3 --out " +
      data.string() + " --today " + kDate);
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  // Two complete outputs that differ (by the run date).
  const std::vector<std::string> dates = {"2026-11-22", "2026-11-23"};
  std::vector<std::map<std::string, std::string>> complete;
  const fs::path runs = dir_ / "runs";
  const fs::path out = runs / "out";
  auto run_args = [&](const std::string& date) {
    return std::vector<std::string>{
        "run", "--data", data.string(), "--out", out.string(), "--date", date, "--threads", "1"};
  };
  double seconds = 0.0;
  for (const std::string& date : dates) {
    const auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(WaitFor(Spawn(run_args(date))), 0);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    complete.push_back(ReadFolder(out));
  }
  ASSERT_NE(complete[0], complete[1]);

  // Kill runs at moments spread over a whole run, and more while they write
  // (once their staging folder exists); after each, --out holds one complete
  // output, never a mix or nothing.
  auto staging_exists = [&] {
    for (const auto& entry : fs::directory_iterator(runs)) {
      if (entry.path().filename().string().rfind(".out.staging-", 0) == 0) return true;
    }
    return false;
  };
  constexpr int kSpread = 6;
  constexpr int kWhileWriting = 6;
  int killed_while_writing = 0;
  for (int k = 0; k < kSpread + kWhileWriting; ++k) {
    const pid_t pid = Spawn(run_args(dates[static_cast<size_t>(k % 2)]));
    ASSERT_GT(pid, 0);
    double delay = seconds * (k + 0.5) / kSpread;
    if (k >= kSpread) {
      const auto give_up =
          std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds * 2);
      while (!staging_exists() && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::microseconds(500));
      }
      delay = seconds * 0.06 * (k - kSpread);
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    killed_while_writing += staging_exists() ? 1 : 0;
    ::kill(pid, SIGKILL);
    WaitFor(pid);
    ASSERT_TRUE(fs::is_directory(out)) << "kill " << k << ": --out is missing";
    const auto now = ReadFolder(out);
    EXPECT_TRUE(now == complete[0] || now == complete[1])
        << "kill " << k << " after " << delay << " s left a partial output";
  }

  // Each run removes the staging folders killed runs left; the next one
  // removes the last killed run's and one made here of a process that ended.
  const pid_t ended = Spawn({"--version"});
  WaitFor(ended);
  fs::create_directories(runs / (".out.staging-" + std::to_string(ended)));
  int stale = 0;
  for (const auto& entry : fs::directory_iterator(runs)) {
    stale += entry.path().filename().string().rfind(".out.staging-", 0) == 0 ? 1 : 0;
  }
  std::printf("%d of %d runs killed while writing; %d staging folders before the next run\n",
              killed_while_writing,
              kSpread + kWhileWriting,
              stale);
  ASSERT_EQ(WaitFor(Spawn(run_args(dates[0]))), 0);
  EXPECT_EQ(ReadFolder(out), complete[0]);
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(runs)) {
    left.push_back(entry.path().filename().string());
  }
  EXPECT_THAT(left, ::testing::ElementsAre("out"));
}

TEST_F(JobmatchCli, TextThatIsNotUtf8EndsInASysexitsCodeNotAnAbort) {
  const fs::path data = dir_ / "data.txtpb";
  ASSERT_EQ(Jobmatch("generate --tier district --seed 2 --participants 20 --vacancies 30 "
                     "--format txtpb --out " +
                     data.string() + " --today " + kDate)
                .exit_code,
            0);
  std::string text = ReadFile(data);
  const size_t at = text.find("id: \"");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 5, "\xff\xfe");
  std::ofstream(data, std::ios::binary) << text;
  const Outcome run = Jobmatch("run --data " + data.string() + " --out " + (dir_ / "out").string() +
                               " --date " + kDate);
  // Refused as bad data by the loader, or written with U+FFFD; never a crash.
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 65) << run.exit_code << ": " << run.err;
  EXPECT_THAT(run.err, ::testing::Not(HasSubstr("terminate")));
}

}  // namespace

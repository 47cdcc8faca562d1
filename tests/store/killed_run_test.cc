// `jobmatch run --store` and `jobmatch record` killed with SIGKILL at every
// point where they change a file (tests/support/kill_at_call.cc stops the
// process before its Nth write, sync, unlink, rename or folder swap) and at
// points spread over the run by time. After every kill:
//  * the store passes SQLite's integrity check and holds either what it held
//    before the run or the whole run, never a part of it;
//  * the output folder holds one complete output: the last one, or the new
//    one;
//  * a run the store records always has its output: the store commits after
//    the output swap, so the only mixed state is the new output with the
//    store as before (killed between swap and commit), and running the same
//    night again then gives the same output and records it.
// `jobmatch prune` killed at every file change leaves the store as it was
// or wholly pruned.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/program.h"
#include "tests/support/store_dump.h"

namespace {

namespace fs = std::filesystem;
using jobmatch::test::DumpStore;
using jobmatch::test::ReadTree;
using jobmatch::test::RunProgram;
using jobmatch::test::StoreIntegrity;

const fs::path kSource = JOBMATCH_SOURCE_DIR;
const fs::path kExample = kSource / "examples" / "salzlandkreis";
const fs::path kDecisions = kExample / "decisions_night1.csv";

struct Ended {
  bool killed = false;  // by SIGKILL
  int exit_code = -1;
};

// Runs jobmatch with `arguments` (no shell), the kill library preloaded.
// kill_at 0: not killed by the library; log: where it writes its call log.
// after: SIGKILL from here after that long (0: never).
Ended Launch(const std::vector<std::string>& arguments,
             long kill_at,
             const fs::path& log,
             std::chrono::microseconds after = std::chrono::microseconds(0)) {
  const pid_t child = ::fork();
  if (child == 0) {
    ::setenv("LD_PRELOAD", KILL_AT_CALL_LIBRARY, 1);
    // A sanitizer runtime must come first; the library only wraps libc calls.
    ::setenv("ASAN_OPTIONS", "verify_asan_link_order=0", 1);
    if (kill_at > 0) ::setenv("JOBMATCH_KILL_AT_CALL", std::to_string(kill_at).c_str(), 1);
    if (!log.empty()) ::setenv("JOBMATCH_CALL_LOG", log.c_str(), 1);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    std::vector<char*> argv;
    std::string binary = JOBMATCH_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = arguments;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  if (after.count() > 0) {
    std::this_thread::sleep_for(after);
    ::kill(child, SIGKILL);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  Ended ended;
  ended.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  ended.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ended;
}

// The counted calls of one complete run: "<n> <function>" lines.
std::vector<std::string> CallLog(const fs::path& file) {
  std::vector<std::string> calls;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) calls.push_back(line.substr(line.find(' ') + 1));
  return calls;
}

// The points to kill at (1-based call numbers): about 25 spread over the
// output's writing (calls before the store's first write), about 20 over the
// store's writes before the swap, and every call from the swap on (the
// swap, the journal's sync, every page of the commit, the journal's unlink).
std::vector<long> KillPoints(size_t calls, size_t first_store_call, size_t swap_call) {
  std::set<long> points;
  auto spread = [&](size_t from, size_t to, size_t count) {
    const size_t step = std::max<size_t>(1, (to - from) / count);
    for (size_t i = from; i < to; i += step) points.insert(static_cast<long>(i) + 1);
  };
  spread(0, first_store_call, 25);
  spread(first_store_call, swap_call, 20);
  for (size_t i = swap_call; i < calls; ++i) points.insert(static_cast<long>(i) + 1);
  return {points.begin(), points.end()};
}

class KilledRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_killed_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = dir_ / "runs.sqlite";
    out_ = dir_ / "out";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<std::string> Night(const std::string& date) const {
    return {"run",
            "--data",
            kExample.string(),
            "--out",
            out_.string(),
            "--date",
            date,
            "--store",
            store_.string(),
            "--threads",
            "1"};
  }

  // Night 1 run and its decision sheet recorded, then saved: every attempt
  // at night 2 starts from there.
  void NightOneRecordedAndSaved() {
    ASSERT_EQ(RunProgram(JOBMATCH_BINARY,
                         "run --data " + kExample.string() + " --out " + out_.string() +
                             " --date 2026-11-22 --store " + store_.string())
                  .exit_code,
              0);
    ASSERT_EQ(
        RunProgram(JOBMATCH_BINARY, "record --store " + store_.string() + " " + kDecisions.string())
            .exit_code,
        0);
    Save();
  }

  // Saves the store and the output as they are now, to start every attempt
  // from there.
  void Save() {
    fs::remove_all(dir_ / "saved");
    fs::create_directories(dir_ / "saved");
    fs::copy_file(store_, dir_ / "saved" / "runs.sqlite");
    if (fs::exists(out_)) fs::copy(out_, dir_ / "saved" / "out", fs::copy_options::recursive);
  }
  void RestoreSaved() {
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().filename() != "saved") fs::remove_all(entry.path());
    }
    fs::copy_file(dir_ / "saved" / "runs.sqlite", store_);
    if (fs::exists(dir_ / "saved" / "out")) {
      fs::copy(dir_ / "saved" / "out", out_, fs::copy_options::recursive);
    }
  }

  // Saves the store, runs `command` once to log its file changes, then kills
  // it before each of them in turn: the store must pass SQLite's integrity
  // check and be either as before or as after the complete command.
  void ExpectEveryKillLeavesTheStoreBeforeOrAfter(const std::vector<std::string>& command) {
    Save();
    const std::string before = DumpStore(store_);
    const fs::path log = dir_ / "saved" / "calls.log";
    ASSERT_EQ(Launch(command, 0, log).exit_code, 0);
    const std::string after = DumpStore(store_);
    ASSERT_NE(before, after);
    const size_t calls = CallLog(log).size();
    ASSERT_GT(calls, 0u);
    for (long point = 1; point <= static_cast<long>(calls); ++point) {
      RestoreSaved();
      ASSERT_TRUE(Launch(command, point, {}).killed) << point;
      ASSERT_EQ(StoreIntegrity(store_), "ok") << point;
      const std::string now = DumpStore(store_);
      ASSERT_TRUE(now == before || now == after) << "killed before call " << point;
    }
  }

  fs::path dir_;
  fs::path store_;
  fs::path out_;
};

TEST_F(KilledRun, AtEveryFileChangeTheStoreAndTheOutputAreBeforeOrAfterAndNeverAhead) {
  const std::string night2 = "2026-11-23";
  ASSERT_NO_FATAL_FAILURE(NightOneRecordedAndSaved());
  const std::string store_before = DumpStore(store_);
  const auto output_before = ReadTree(out_);

  // The complete run, with its call log: the reference "after" state.
  const fs::path log = dir_ / "saved" / "calls.log";
  const Ended complete = Launch(Night(night2), 0, log);
  ASSERT_EQ(complete.exit_code, 0);
  const std::string store_after = DumpStore(store_);
  const auto output_after = ReadTree(out_);
  ASSERT_NE(store_before, store_after);
  ASSERT_NE(output_before, output_after);
  const std::vector<std::string> calls = CallLog(log);
  // The run writes its output files, then the store's journal and pages,
  // swaps the folder (renameat2) and commits (the journal's unlink).
  const auto swap = std::find(calls.begin(), calls.end(), "renameat2");
  ASSERT_NE(swap, calls.end());
  const auto commit = std::find(swap, calls.end(), "unlink");
  ASSERT_NE(commit, calls.end()) << "no commit after the swap";
  const auto first_store = std::find_if(calls.begin(), calls.end(), [](const std::string& c) {
    return c == "pwrite64" || c == "pwrite" || c == "fsync" || c == "fdatasync";
  });
  ASSERT_LT(first_store, swap) << "the store is written before the output is swapped in";

  int untouched = 0, output_only = 0, complete_runs = 0;
  for (const long point : KillPoints(calls.size(),
                                     static_cast<size_t>(first_store - calls.begin()),
                                     static_cast<size_t>(swap - calls.begin()))) {
    RestoreSaved();
    const Ended ended = Launch(Night(night2), point, {});
    ASSERT_TRUE(ended.killed) << "call " << point << " (" << calls[static_cast<size_t>(point - 1)]
                              << ") was not reached";
    ASSERT_EQ(StoreIntegrity(store_), "ok") << "killed before call " << point;
    const std::string store_now = DumpStore(store_);
    const auto output_now = ReadTree(out_);
    const bool store_old = store_now == store_before;
    const bool output_old = output_now == output_before;
    ASSERT_TRUE(store_old || store_now == store_after)
        << "a part of the run in the store, killed before call " << point;
    ASSERT_TRUE(output_old || output_now == output_after)
        << "a partial output, killed before call " << point;
    ASSERT_FALSE(!store_old && output_old)
        << "the store records a run whose output is missing, killed before call " << point;
    if (store_old && output_old) ++untouched;
    if (store_old && !output_old) ++output_only;
    if (!store_old) ++complete_runs;
    if (store_old && !output_old) {
      // Killed between swap and commit: the same night again gives the same
      // output and records it.
      ASSERT_EQ(Launch(Night(night2), 0, {}).exit_code, 0);
      EXPECT_EQ(ReadTree(out_), output_after);
      EXPECT_EQ(DumpStore(store_), store_after);
    }
  }
  EXPECT_GT(untouched, 0);
  EXPECT_GT(output_only, 0);  // the kill between swap and commit happened
  EXPECT_GE(complete_runs, 0);
  // Killed runs leave staging folders, which the next run removes.
  RestoreSaved();
  ASSERT_TRUE(Launch(Night(night2), static_cast<long>(swap - calls.begin()) + 1, {}).killed);
  ASSERT_EQ(Launch(Night(night2), 0, {}).exit_code, 0);
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    left.push_back(entry.path().filename().string());
  }
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"out", "runs.sqlite", "saved"}));
}

TEST_F(KilledRun, AtTimesSpreadOverTheRunTheStoreAndTheOutputStayWhole) {
  const std::string night2 = "2026-11-23";
  ASSERT_NO_FATAL_FAILURE(NightOneRecordedAndSaved());
  const std::string store_before = DumpStore(store_);
  const auto output_before = ReadTree(out_);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(Launch(Night(night2), 0, {}).exit_code, 0);
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  const std::string store_after = DumpStore(store_);
  const auto output_after = ReadTree(out_);
  int killed = 0;
  for (int i = 1; i <= 20; ++i) {
    RestoreSaved();
    const Ended ended = Launch(Night(night2), 0, {}, took * i / 20);
    killed += ended.killed ? 1 : 0;
    ASSERT_EQ(StoreIntegrity(store_), "ok") << i;
    const std::string store_now = DumpStore(store_);
    const auto output_now = ReadTree(out_);
    ASSERT_TRUE(store_now == store_before || store_now == store_after) << i;
    ASSERT_TRUE(output_now == output_before || output_now == output_after) << i;
    ASSERT_FALSE(store_now == store_after && output_now == output_before) << i;
  }
  EXPECT_GT(killed, 0);
}

TEST_F(KilledRun, RecordKilledAtEveryFileChangeRecordsAllTheDecisionsOrNone) {
  ASSERT_EQ(RunProgram(JOBMATCH_BINARY,
                       "run --data " + kExample.string() + " --out " + out_.string() +
                           " --date 2026-11-22 --store " + store_.string())
                .exit_code,
            0);
  ExpectEveryKillLeavesTheStoreBeforeOrAfter({"record", "--store", store_.string(), kDecisions});
}

TEST_F(KilledRun, PruneKilledAtEveryFileChangeLeavesTheStoreAsBeforeOrPruned) {
  for (const char* date : {"2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22"}) {
    ASSERT_EQ(RunProgram(JOBMATCH_BINARY,
                         "run --data " + kExample.string() + " --out " + out_.string() +
                             " --date " + date + " --store " + store_.string() + " --threads 1")
                  .exit_code,
              0);
  }
  ExpectEveryKillLeavesTheStoreBeforeOrAfter(
      {"prune", "--store", store_.string(), "--keep-days", "1", "--date", "2026-11-23"});
}

}  // namespace

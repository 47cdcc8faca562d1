// Tests of reports/output_files.h: CSV cells as German Excel reads them, and
// the staged output folder that replaces the last good output only on Commit().

#include "reports/output_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <thread>

namespace jobmatch::reports {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int Entries(const fs::path& dir) {
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++entries;
  return entries;
}

// The id of a process that has ended.
pid_t DeadPid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

class OutputFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_output_files_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST(SpreadsheetWriter, StartsWithAByteOrderMarkAndEndsRowsWithCrLf) {
  SpreadsheetWriter csv;
  csv.Text("a");
  csv.Integer(-3);
  csv.Empty();
  csv.Number(18.35, 1);
  csv.EndRow();
  EXPECT_EQ(csv.bytes(),
            "\xEF\xBB\xBF"
            "a;-3;;18,4\r\n");
}

TEST(SpreadsheetWriter, QuotesSeparatorsQuotesAndLineBreaks) {
  SpreadsheetWriter csv;
  csv.Text("a;b");
  csv.Text("say \"hi\"");
  csv.Text("two\nlines");
  csv.EndRow();
  EXPECT_EQ(csv.bytes(), "\xEF\xBB\xBF\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\"\r\n");
}

TEST(SpreadsheetWriter, DefusesCellsThatASpreadsheetWouldRunAsFormulas) {
  for (const char* cell : {"=1+1", "+49", "-x", "@SUM(A1)", "\tx"}) {
    SpreadsheetWriter csv;
    csv.Text(cell);
    EXPECT_EQ(csv.bytes().substr(3, 1), "'") << cell;
  }
}

TEST(SpreadsheetWriter, LeavesNonFiniteNumbersEmpty) {
  SpreadsheetWriter csv;
  csv.Number(std::numeric_limits<double>::quiet_NaN(), 2);
  csv.Number(1.0, 0);
  csv.EndRow();
  EXPECT_EQ(csv.bytes(), "\xEF\xBB\xBF;1\r\n");
}

TEST_F(OutputFilesTest, StagedDirectoryReplacesTheTargetOnlyOnCommit) {
  const fs::path out = dir_ / "out";
  fs::create_directories(out);
  std::ofstream(out / "old.csv") << "old";
  {
    StagedDirectory staged(out);
    ASSERT_FALSE(staged.Begin().has_value());
    ASSERT_FALSE(staged.WriteFile("new.csv", "new").has_value());
    EXPECT_TRUE(fs::exists(out / "old.csv"));
    EXPECT_FALSE(fs::exists(out / "new.csv"));
    ASSERT_FALSE(staged.Commit().has_value());
  }
  EXPECT_FALSE(fs::exists(out / "old.csv"));
  EXPECT_EQ(ReadFile(out / "new.csv"), "new");
  EXPECT_EQ(Entries(dir_), 1) << "staging or old folders left behind";
}

TEST_F(OutputFilesTest, StagedDirectorySwapKeepsThePreviousOutputUntilFinishOrRestore) {
  const fs::path out = dir_ / "out";
  fs::create_directories(out);
  std::ofstream(out / "old.csv") << "old";
  {
    StagedDirectory staged(out);
    ASSERT_FALSE(staged.Begin().has_value());
    ASSERT_FALSE(staged.WriteFile("new.csv", "new").has_value());
    ASSERT_FALSE(staged.Swap().has_value());
    EXPECT_EQ(ReadFile(out / "new.csv"), "new");
    EXPECT_EQ(Entries(dir_), 2) << "the previous output is kept aside until Finish()";
    ASSERT_FALSE(staged.Restore().has_value());  // the other commit failed
    EXPECT_EQ(ReadFile(out / "old.csv"), "old");
    EXPECT_FALSE(fs::exists(out / "new.csv"));
  }
  EXPECT_EQ(Entries(dir_), 1) << "the new output is removed after Restore()";
  {
    StagedDirectory staged(out);
    ASSERT_FALSE(staged.Begin().has_value());
    ASSERT_FALSE(staged.WriteFile("new.csv", "new").has_value());
    ASSERT_FALSE(staged.Swap().has_value());
    staged.Finish();
    EXPECT_EQ(Entries(dir_), 1);
  }
  EXPECT_EQ(ReadFile(out / "new.csv"), "new");
  EXPECT_FALSE(fs::exists(out / "old.csv"));
}

TEST_F(OutputFilesTest, StagedDirectoryRestoreWithoutAPreviousOutputLeavesNone) {
  const fs::path out = dir_ / "out";
  {
    StagedDirectory staged(out);
    ASSERT_FALSE(staged.Begin().has_value());
    ASSERT_FALSE(staged.WriteFile("new.csv", "new").has_value());
    ASSERT_FALSE(staged.Swap().has_value());
    EXPECT_EQ(ReadFile(out / "new.csv"), "new");
    ASSERT_FALSE(staged.Restore().has_value());
    EXPECT_FALSE(fs::exists(out));
  }
  EXPECT_EQ(Entries(dir_), 0);
}

TEST_F(OutputFilesTest, StagedDirectoryWithoutCommitLeavesTheTargetAndCleansUp) {
  const fs::path out = dir_ / "out";
  fs::create_directories(out);
  std::ofstream(out / "old.csv") << "old";
  {
    StagedDirectory staged(out);
    ASSERT_FALSE(staged.Begin().has_value());
    ASSERT_FALSE(staged.WriteFile("new.csv", "new").has_value());
  }
  EXPECT_EQ(ReadFile(out / "old.csv"), "old");
  EXPECT_FALSE(fs::exists(out / "new.csv"));
  EXPECT_EQ(Entries(dir_), 1);
}

TEST_F(OutputFilesTest, StagedDirectoryRefusesATargetThatIsAFile) {
  const fs::path out = dir_ / "file";
  std::ofstream(out) << "x";
  StagedDirectory staged(out);
  const std::optional<Error> error = staged.Begin();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, ErrorKind::kCannotWrite);
}

TEST_F(OutputFilesTest, WriteFileAtomicallyReplacesAFileWholeAndLeavesNoTemporary) {
  const fs::path path = dir_ / "file.txt";
  std::ofstream(path) << "before";
  ASSERT_FALSE(WriteFileAtomically(path, "after").has_value());
  EXPECT_EQ(ReadFile(path), "after");
  EXPECT_EQ(Entries(dir_), 1);
}

TEST_F(OutputFilesTest, WriteFileAtomicallyFailsWithCannotWriteInAMissingFolder) {
  const std::optional<Error> error = WriteFileAtomically(dir_ / "missing" / "file.txt", "x");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, ErrorKind::kCannotWrite);
}

TEST_F(OutputFilesTest, StagedDirectoryNormalisesTrailingSlashesAndDotParts) {
  const fs::path out = dir_ / "out";
  for (const std::string& spelling :
       {out.string() + "/", (dir_ / "." / "x" / ".." / "out").string(), out.string() + "/./"}) {
    StagedDirectory staged(spelling);
    ASSERT_FALSE(staged.Begin().has_value()) << spelling;
    EXPECT_EQ(staged.staging().parent_path(), fs::canonical(dir_)) << spelling;
    ASSERT_FALSE(staged.WriteFile("f.csv", spelling).has_value());
    ASSERT_FALSE(staged.Commit().has_value()) << spelling;
    EXPECT_EQ(ReadFile(out / "f.csv"), spelling);
    EXPECT_EQ(Entries(dir_), 1) << spelling;
  }
}

TEST_F(OutputFilesTest, ErrorsWritingIntoStagingNameTheFileAsInTheTarget) {
  const fs::path out = dir_ / "out";
  StagedDirectory staged(out);
  ASSERT_FALSE(staged.Begin().has_value());
  const Error error = staged.InTarget(MakeError(ErrorKind::kCannotWrite,
                                                (staged.staging() / "proposals_K.csv").string(),
                                                0,
                                                "",
                                                "",
                                                "cannot write file"));
  EXPECT_EQ(error.diagnostics[0].file, (out / "proposals_K.csv").string());
  const Error other = staged.InTarget(
      MakeError(ErrorKind::kCannotWrite, "elsewhere.csv", 0, "", "", "cannot write file"));
  EXPECT_EQ(other.diagnostics[0].file, "elsewhere.csv");
}

TEST_F(OutputFilesTest, StagedDirectoryRefusesTheRootFolder) {
  StagedDirectory staged("/");
  EXPECT_TRUE(staged.Begin().has_value());
}

TEST_F(OutputFilesTest, AFolderWithOtherFilesAndNoMarkerIsNotReplaced) {
  const fs::path out = dir_ / "documents";
  fs::create_directories(out);
  std::ofstream(out / "letter.txt") << "keep me";
  StagedDirectory staged(out, "jobmatch.json");
  const std::optional<Error> error = staged.Begin();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, ErrorKind::kCannotWrite);
  EXPECT_THAT(error->ToString(), ::testing::HasSubstr("jobmatch.json"));
  EXPECT_EQ(ReadFile(out / "letter.txt"), "keep me");
}

TEST_F(OutputFilesTest, AnEmptyFolderOrAnEarlierOutputIsReplaced) {
  const fs::path empty = dir_ / "empty";
  const fs::path earlier = dir_ / "earlier";
  fs::create_directories(empty);
  fs::create_directories(earlier);
  std::ofstream(earlier / "jobmatch.json") << "{}";
  std::ofstream(earlier / "proposals_K.csv") << "old";
  for (const fs::path& out : {empty, earlier}) {
    StagedDirectory staged(out, "jobmatch.json");
    ASSERT_FALSE(staged.Begin().has_value()) << out;
    ASSERT_FALSE(staged.WriteFile("jobmatch.json", "{\"new\": 1}").has_value());
    ASSERT_FALSE(staged.Commit().has_value()) << out;
    EXPECT_EQ(ReadFile(out / "jobmatch.json"), "{\"new\": 1}");
    EXPECT_FALSE(fs::exists(out / "proposals_K.csv"));
  }
}

TEST_F(OutputFilesTest, StagingFoldersOfEndedProcessesAreRemovedAtTheNextBegin) {
  const fs::path out = dir_ / "out";
  const fs::path stale = dir_ / (".out.staging-" + std::to_string(DeadPid()));
  const fs::path stale_old = dir_ / (".out.old-" + std::to_string(DeadPid()));
  const fs::path live = dir_ / (".out.staging-" + std::to_string(::getppid()));
  const fs::path other = dir_ / ".other.staging-1";
  for (const fs::path& folder : {stale, stale_old, live, other}) {
    fs::create_directories(folder);
    std::ofstream(folder / "jobmatch.json") << "{}";
  }
  StagedDirectory staged(out);
  ASSERT_FALSE(staged.Begin().has_value());
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(stale_old));
  EXPECT_TRUE(fs::exists(live)) << "a running process's staging folder was removed";
  EXPECT_TRUE(fs::exists(other)) << "another target's folder was removed";
}

TEST_F(OutputFilesTest, AScratchFolderIsRemovedWithItsFilesAndThoseOfEndedProcessesToo) {
  fs::path made;
  fs::path stale;
  {
    const ScratchFolder first(dir_);
    made = first.path();
    ASSERT_FALSE(made.empty());
    EXPECT_TRUE(fs::is_directory(made));
    // What a run killed mid-workbook leaves: a scratch folder of a process
    // that is gone, with a scratch file that was never unlinked.
    stale = made.parent_path() / (".jobmatch.scratch-" + std::to_string(DeadPid()));
    fs::create_directories(stale);
    std::ofstream(stale / "tmp.left") << "";
    std::ofstream(made / "tmp.open") << "x";
  }
  EXPECT_FALSE(fs::exists(made));
  EXPECT_TRUE(fs::exists(stale));
  {
    const ScratchFolder second(dir_);
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::is_directory(second.path()));
  }
}

TEST_F(OutputFilesTest, TheTargetNeverLacksACompleteOutputWhileCommitsSwapIt) {
  const fs::path out = dir_ / "out";
  {
    StagedDirectory first(out);
    ASSERT_FALSE(first.Begin().has_value());
    ASSERT_FALSE(first.WriteFile("jobmatch.json", "0").has_value());
    ASSERT_FALSE(first.Commit().has_value());
  }
  std::atomic<bool> done{false};
  std::atomic<int64_t> looks{0};
  std::atomic<int64_t> misses{0};
  std::thread reader([&] {
    while (!done.load()) {
      if (!fs::exists(out / "jobmatch.json")) ++misses;
      ++looks;
    }
  });
  for (int i = 1; i <= 300; ++i) {
    StagedDirectory staged(out);
    ASSERT_FALSE(staged.Begin().has_value());
    ASSERT_FALSE(staged.WriteFile("jobmatch.json", std::to_string(i)).has_value());
    ASSERT_FALSE(staged.Commit().has_value());
  }
  done = true;
  reader.join();
  EXPECT_GT(looks.load(), 0);
  EXPECT_EQ(misses.load(), 0) << "the output folder was missing during a swap";
  EXPECT_EQ(ReadFile(out / "jobmatch.json"), "300");
  EXPECT_EQ(Entries(dir_), 1);
}

TEST_F(OutputFilesTest, WriteFileAtomicallyRemovesTemporaryFilesOfEndedProcesses) {
  const fs::path path = dir_ / "file.txt";
  const fs::path stale = dir_ / (".file.txt.tmp-" + std::to_string(DeadPid()));
  std::ofstream(stale) << "half";
  ASSERT_FALSE(WriteFileAtomically(path, "whole").has_value());
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_EQ(Entries(dir_), 1);
}

}  // namespace
}  // namespace jobmatch::reports

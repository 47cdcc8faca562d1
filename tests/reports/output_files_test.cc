// Tests of reports/output_files.h: CSV cells as German Excel reads them, and
// the staged output folder that replaces the last good output only on Commit().

#include "reports/output_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

namespace jobmatch::reports {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
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
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1) << "staging or old folders left behind";
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
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1);
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
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST_F(OutputFilesTest, WriteFileAtomicallyFailsWithCannotWriteInAMissingFolder) {
  const std::optional<Error> error = WriteFileAtomically(dir_ / "missing" / "file.txt", "x");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, ErrorKind::kCannotWrite);
}

}  // namespace
}  // namespace jobmatch::reports

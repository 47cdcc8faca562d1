// `jobmatch run --output`: the files a run writes. The default on the example
// is the reviewed output (json, csv, xlsx); a list writes exactly the files
// named, says so on stdout and reads back; a list without json or pb, or an
// unknown format, is a usage error (64) that writes nothing; a folder holding
// an earlier jobmatch.pb output is replaced like one holding jobmatch.json.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "proto/results.pb.h"
#include "tests/support/program.h"

namespace jobmatch {
namespace {

namespace fs = std::filesystem;
using test::ProgramOutcome;
using test::ReadTree;
using test::RunProgram;
using ::testing::HasSubstr;

const fs::path kExample = fs::path(JOBMATCH_SOURCE_DIR) / "examples" / "salzlandkreis";
const fs::path kExpected =
    fs::path(JOBMATCH_SOURCE_DIR) / "tests" / "data" / "expected" / "salzlandkreis";

class OutputFormatsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jobmatch_output_formats_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  ProgramOutcome Run(const std::string& out, const std::string& extra) const {
    return RunProgram(JOBMATCH_BINARY,
                      "run --data " + kExample.string() + " --date 2026-11-22 --out " +
                          (dir_ / out).string() + " " + extra);
  }
  std::set<std::string> Names(const std::string& out) const {
    std::set<std::string> names;
    for (const auto& [name, bytes] : ReadTree(dir_ / out)) names.insert(name);
    return names;
  }

  fs::path dir_;
};

TEST_F(OutputFormatsCli, AutoAndTheFullListGiveTheReviewedOutputOnTheExample) {
  ASSERT_EQ(Run("auto", "").exit_code, 0);
  EXPECT_EQ(ReadTree(dir_ / "auto"), ReadTree(kExpected));
  const ProgramOutcome listed = Run("listed", "--output xlsx,csv,json");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(ReadTree(dir_ / "listed"), ReadTree(kExpected));
  EXPECT_THAT(listed.out, HasSubstr("(5 files)\n"));
  EXPECT_THAT(listed.out, ::testing::Not(HasSubstr("no JSON")));
}

TEST_F(OutputFormatsCli, AListWritesExactlyTheFilesNamedAndSaysSo) {
  const ProgramOutcome run = Run("pb", "--output pb,csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("(3 files: pb,csv)"));
  EXPECT_EQ(
      Names("pb"),
      (std::set<std::string>{"jobmatch.pb", "proposals_K-15089-1.csv", "proposals_K-15089-2.csv"}));
  // The CSV sheets are the reviewed ones, whatever else is written.
  EXPECT_EQ(ReadTree(dir_ / "pb").at("proposals_K-15089-1.csv"),
            ReadTree(kExpected).at("proposals_K-15089-1.csv"));
  results::Results read;
  std::ifstream in(dir_ / "pb" / "jobmatch.pb", std::ios::binary);
  ASSERT_TRUE(read.ParseFromIstream(&in));
  // The same facts as the reviewed jobmatch.json.
  const nlohmann::json json =
      nlohmann::json::parse(ReadTree(kExpected).at("jobmatch.json"), nullptr, false);
  ASSERT_FALSE(json.is_discarded());
  EXPECT_EQ(read.run().participants(), json["run"]["participants"].get<int64_t>());
  EXPECT_EQ(read.run().proposals(), json["run"]["proposals"].get<int64_t>());
  ASSERT_EQ(read.proposals_size(), static_cast<int>(json["proposals"].size()));
  for (int i = 0; i < read.proposals_size(); ++i) {
    const nlohmann::json& line = json["proposals"][static_cast<size_t>(i)];
    EXPECT_EQ(read.proposals(i).participant(), line["participant"].get<std::string>());
    EXPECT_EQ(read.proposals(i).vacancy(), line["vacancy"].get<std::string>());
    EXPECT_EQ(read.proposals(i).assigned(), line["assigned"].get<bool>());
    EXPECT_NEAR(read.proposals(i).score(), line["score"].get<double>(), 0.00005);
  }
  ASSERT_EQ(read.unplaced_size(), static_cast<int>(json["unplaced"].size()));
  for (int i = 0; i < read.unplaced_size(); ++i) {
    EXPECT_EQ(read.unplaced(i).participant(),
              json["unplaced"][static_cast<size_t>(i)]["participant"].get<std::string>());
  }

  const ProgramOutcome xlsx_only = Run("x", "--output pb,xlsx");
  ASSERT_EQ(xlsx_only.exit_code, 0) << xlsx_only.err;
  EXPECT_EQ(Names("x"),
            (std::set<std::string>{
                "jobmatch.pb", "proposals_K-15089-1.xlsx", "proposals_K-15089-2.xlsx"}));
}

TEST_F(OutputFormatsCli, AnUnknownFormatOrAListWithoutJsonOrPbIsAUsageError) {
  for (const std::string list : {"csv,xlsx", "parquet", "json,json", "''"}) {
    const ProgramOutcome run = Run("bad", "--output " + list);
    EXPECT_EQ(run.exit_code, 64) << list;
    EXPECT_THAT(run.err, HasSubstr("--output")) << list;
    EXPECT_FALSE(fs::exists(dir_ / "bad")) << list;
  }
}

TEST_F(OutputFormatsCli, AnEarlierPbOutputIsReplacedAndOtherFoldersAreNot) {
  ASSERT_EQ(Run("out", "--output pb").exit_code, 0);
  EXPECT_EQ(Names("out"), (std::set<std::string>{"jobmatch.pb"}));
  ASSERT_EQ(Run("out", "").exit_code, 0);
  EXPECT_EQ(ReadTree(dir_ / "out"), ReadTree(kExpected));
  fs::create_directories(dir_ / "mine");
  std::ofstream(dir_ / "mine" / "notes.txt") << "keep";
  const ProgramOutcome refused = Run("mine", "--output pb");
  EXPECT_EQ(refused.exit_code, 73);
  EXPECT_THAT(refused.err, HasSubstr("jobmatch.json or jobmatch.pb"));
  EXPECT_TRUE(fs::exists(dir_ / "mine" / "notes.txt"));
}

}  // namespace
}  // namespace jobmatch

// End-to-end tests of `jobmatch prune` on real store files: four nights of
// the embedded example on different dates (the last two without one
// vacancy), decisions recorded on the first night's pairs (a rejection, an
// acceptance, a hire), then the store pruned and compared with an unpruned
// copy of itself: the kept runs' rows intact, the pruned runs marked and
// their decided pairs kept, `history` saying so, a pruned run's sheet
// refused with exit 65 and nothing recorded, the next night proposing
// exactly what it proposes on the unpruned copy, and a second prune
// changing nothing.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/program.h"
#include "tests/support/store_dump.h"

namespace {

namespace fs = std::filesystem;
using jobmatch::test::DumpStore;
using jobmatch::test::ReadFile;
using jobmatch::test::ReadTree;
using jobmatch::test::StoreIntegrity;
using jobmatch::test::WriteFile;
using ::testing::HasSubstr;

const fs::path kSource = JOBMATCH_SOURCE_DIR;
const fs::path kExample = kSource / "examples" / "salzlandkreis";
const std::vector<std::string> kNights = {"2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22"};
constexpr const char* kNextNight = "2026-11-29";

jobmatch::test::ProgramOutcome Jobmatch(const std::string& arguments) {
  return jobmatch::test::RunProgram(JOBMATCH_BINARY, arguments);
}

// The rows of one query, each row's columns joined by '|'.
std::vector<std::string> Query(const fs::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
          const unsigned char* text = sqlite3_column_text(stmt, c);
          row += (c > 0 ? "|" : "") +
                 std::string(text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
        }
        rows.push_back(std::move(row));
      }
    } else {
      rows.push_back(std::string("error: ") + sqlite3_errmsg(db));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return rows;
}

class PruneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_prune_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "pruned");
    fs::create_directories(dir_ / "unpruned");
    store_ = dir_ / "pruned" / "runs.sqlite";
    copy_ = dir_ / "unpruned" / "runs.sqlite";
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void Run(const fs::path& data,
                  const std::string& date,
                  const fs::path& out,
                  const fs::path& store) {
    const auto run = Jobmatch("run --data " + data.string() + " --out " + out.string() +
                              " --date " + date + " --store " + store.string() + " --threads 1");
    EXPECT_EQ(run.exit_code, 0) << run.err;
  }

  // Four nights; after the first, a sheet rejecting one of its pairs and
  // accepting another is recorded. Nights 3 and 4 run on a copy of the
  // example without the vacancy of `lost_` (a pair only the first two runs
  // list), so a sheet of night 1 deciding on it needs those runs' rows.
  void FourNights() {
    Run(kExample, kNights[0], dir_ / "out1", store_);
    const std::vector<std::string> listed =
        Query(store_,
              "SELECT participant_id, vacancy_id, kind FROM proposals WHERE run_id = 1 "
              "ORDER BY participant_id, vacancy_id");
    ASSERT_GE(listed.size(), 3u);
    const auto pair = [](const std::string& row) {
      const size_t a = row.find('|');
      const size_t b = row.find('|', a + 1);
      return std::make_pair(row.substr(0, a), row.substr(a + 1, b - a - 1));
    };
    rejected_ = pair(listed[0]);
    accepted_ = pair(listed[1]);
    // A hire (its participant is in follow-up from night 2 on) and a
    // vacancy neither decided nor in history.csv: it goes away after night 2.
    const std::string history = ReadFile(kExample / "history.csv");
    for (size_t i = 2; i < listed.size(); ++i) {
      const auto candidate = pair(listed[i]);
      bool taken = history.find(candidate.second) != std::string::npos;
      for (const auto* other : {&rejected_, &accepted_, &hired_}) {
        taken = taken || candidate.first == other->first || candidate.second == other->second;
      }
      if (taken) continue;
      if (hired_.first.empty()) {
        hired_ = candidate;
      } else {
        lost_ = candidate;
        break;
      }
    }
    ASSERT_FALSE(lost_.first.empty());
    WriteFile(dir_ / "decisions1.csv",
              "Teilnehmer;Vorschlag;Stelle;Entscheidung;Datum;Notiz\n" + rejected_.first +
                  ";Vorschlag;" + rejected_.second + ";abgelehnt;" + kNights[0] + ";\n" +
                  accepted_.first + ";Vorschlag;" + accepted_.second + ";angenommen;" + kNights[0] +
                  ";\n" + hired_.first + ";Vorschlag;" + hired_.second + ";eingestellt;" +
                  kNights[0] + ";\n");
    const auto recorded =
        Jobmatch("record --store " + store_.string() + " " + (dir_ / "decisions1.csv").string());
    ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
    Run(kExample, kNights[1], dir_ / "out2", store_);

    // The example without the lost pair's vacancy.
    data_ = dir_ / "data";
    fs::copy(kExample, data_, fs::copy_options::recursive);
    std::string vacancies;
    for (const std::string& line : Lines(ReadFile(kExample / "vacancies.csv"))) {
      if (line.rfind(lost_.second + ";", 0) != 0) vacancies += line + "\n";
    }
    WriteFile(data_ / "vacancies.csv", vacancies);
    Run(data_, kNights[2], dir_ / "out3", store_);
    Run(data_, kNights[3], dir_ / "out4", store_);
    ASSERT_TRUE(Query(store_,
                      "SELECT 1 FROM proposals WHERE run_id > 2 AND participant_id = '" +
                          lost_.first + "' AND vacancy_id = '" + lost_.second + "'")
                    .empty());
    fs::copy_file(store_, copy_);
  }

  static std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) lines.push_back(line);
      start = end + 1;
    }
    return lines;
  }

  fs::path dir_;
  fs::path store_;
  fs::path copy_;
  fs::path data_;
  std::pair<std::string, std::string> rejected_;
  std::pair<std::string, std::string> accepted_;
  std::pair<std::string, std::string> hired_;
  std::pair<std::string, std::string> lost_;
};

TEST_F(PruneTest, DeletesOldRunsRowsButKeepsDecidedPairsRecentRunsAndEveryRun) {
  ASSERT_NO_FATAL_FAILURE(FourNights());
  // Cutoff 2026-11-12: nights 1 and 2 are older.
  const auto pruned =
      Jobmatch("prune --store " + store_.string() + " --keep-days 10 --date 2026-11-22");
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_THAT(pruned.out, HasSubstr("2 runs pruned"));
  EXPECT_THAT(pruned.out, HasSubstr("pages"));
  EXPECT_EQ(StoreIntegrity(store_), "ok");

  // Every run row kept, only the two old ones marked.
  EXPECT_EQ(Query(store_, "SELECT run_id, run_date, pruned_on FROM runs ORDER BY run_id"),
            (std::vector<std::string>{"1|2026-11-01|2026-11-22",
                                      "2|2026-11-08|2026-11-22",
                                      "3|2026-11-15|NULL",
                                      "4|2026-11-22|NULL"}));
  for (const char* table : {"run_inputs", "run_coordinators", "decisions", "coordinator_notes"}) {
    const std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2";
    EXPECT_EQ(Query(store_, sql), Query(copy_, sql)) << table;
  }
  // The kept runs' rows intact.
  for (const char* sql :
       {"SELECT * FROM proposals WHERE run_id > 2 ORDER BY run_id, participant_id, vacancy_id",
        "SELECT * FROM run_follow_up WHERE run_id > 2 ORDER BY run_id, participant_id"}) {
    EXPECT_EQ(Query(store_, sql), Query(copy_, sql)) << sql;
    EXPECT_FALSE(Query(store_, sql).empty()) << sql;
  }
  // The old runs keep exactly the rows of decided pairs.
  const std::string decided =
      "SELECT p.* FROM proposals p WHERE p.run_id <= 2 AND EXISTS (SELECT 1 FROM decisions d "
      "WHERE d.participant_id = p.participant_id AND d.vacancy_id = p.vacancy_id) "
      "ORDER BY p.run_id, p.participant_id, p.vacancy_id";
  EXPECT_FALSE(Query(copy_, decided).empty());
  EXPECT_EQ(Query(store_, decided), Query(copy_, decided));
  EXPECT_EQ(Query(store_, "SELECT count(*) FROM proposals WHERE run_id <= 2"),
            std::vector<std::string>{std::to_string(Query(copy_, decided).size())});
  EXPECT_EQ(Query(store_, "SELECT count(*) FROM run_follow_up WHERE run_id <= 2"),
            std::vector<std::string>{"0"});
  EXPECT_EQ(Query(copy_, "SELECT participant_id FROM run_follow_up WHERE run_id = 2"),
            std::vector<std::string>{hired_.first});
  EXPECT_GT(std::stoll(Query(copy_, "SELECT count(*) FROM proposals WHERE run_id <= 2")[0]),
            std::stoll(Query(store_, "SELECT count(*) FROM proposals WHERE run_id <= 2")[0]));

  // history says which runs were pruned, --runs still traces every run.
  const auto history = Jobmatch("history --store " + store_.string() + " --runs");
  ASSERT_EQ(history.exit_code, 0) << history.err;
  size_t marks = 0;
  for (size_t at = history.out.find("proposals pruned on 2026-11-22"); at != std::string::npos;
       at = history.out.find("proposals pruned on 2026-11-22", at + 1)) {
    ++marks;
  }
  EXPECT_EQ(marks, 2u) << history.out;
  EXPECT_EQ(Query(store_, "SELECT count(*) FROM run_inputs WHERE run_id = 1"),
            Query(copy_, "SELECT count(*) FROM run_inputs WHERE run_id = 1"));
  const auto participant =
      Jobmatch("history --store " + store_.string() + " --participant " + accepted_.first);
  ASSERT_EQ(participant.exit_code, 0) << participant.err;
  EXPECT_THAT(participant.out, HasSubstr("proposals pruned on"));
  EXPECT_THAT(participant.out, HasSubstr(accepted_.second));
}

TEST_F(PruneTest, ASheetOfAPrunedRunIsRefusedWithExit65AndNothingIsRecorded) {
  ASSERT_NO_FATAL_FAILURE(FourNights());
  ASSERT_EQ(
      Jobmatch("prune --store " + store_.string() + " --keep-days 10 --date 2026-11-22").exit_code,
      0);
  const fs::path sheet = dir_ / "late_sheet.csv";
  WriteFile(sheet,
            "Teilnehmer;Vorschlag;Stelle;Entscheidung;Datum;Notiz\n" + lost_.first + ";Vorschlag;" +
                lost_.second + ";abgelehnt;" + kNights[0] + ";\n");
  const std::string before = DumpStore(store_);
  const auto refused = Jobmatch("record --store " + store_.string() + " " + sheet.string());
  EXPECT_EQ(refused.exit_code, 65) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr(sheet.string()));
  EXPECT_THAT(refused.err, HasSubstr(":2"));
  EXPECT_THAT(refused.err, HasSubstr("pruned"));
  EXPECT_THAT(refused.err, HasSubstr("2026-11-01 to 2026-11-08"));
  EXPECT_EQ(DumpStore(store_), before);
  // The same sheet on the unpruned copy is recorded: pruning is the reason.
  const auto recorded = Jobmatch("record --store " + copy_.string() + " " + sheet.string());
  EXPECT_EQ(recorded.exit_code, 0) << recorded.err;
  // A current sheet (the decided pairs again) still records: nothing changes.
  const auto again =
      Jobmatch("record --store " + store_.string() + " " + (dir_ / "decisions1.csv").string());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("0 decisions recorded, 3 already"));
}

TEST_F(PruneTest, TheNextNightProposesWhatItProposesWithoutPruning) {
  ASSERT_NO_FATAL_FAILURE(FourNights());
  // Keep only 1 day: everything but the newest night and the one before it.
  const auto pruned =
      Jobmatch("prune --store " + store_.string() + " --keep-days 1 --date " + kNextNight);
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_EQ(Query(store_, "SELECT run_id FROM runs WHERE pruned_on IS NOT NULL ORDER BY run_id"),
            (std::vector<std::string>{"1", "2"}));
  Run(data_, kNextNight, dir_ / "pruned" / "out", store_);
  Run(data_, kNextNight, dir_ / "unpruned" / "out", copy_);
  const auto pruned_out = ReadTree(dir_ / "pruned" / "out");
  const auto unpruned_out = ReadTree(dir_ / "unpruned" / "out");
  ASSERT_FALSE(pruned_out.empty());
  EXPECT_EQ(pruned_out, unpruned_out);
  const char* night5 =
      "SELECT * FROM proposals WHERE run_id = 5 ORDER BY participant_id, vacancy_id";
  EXPECT_FALSE(Query(store_, night5).empty());
  EXPECT_EQ(Query(store_, night5), Query(copy_, night5));
  // A rerun of the newest night reads the night before it: also kept.
  Run(data_, kNextNight, dir_ / "pruned" / "rerun", store_);
  Run(data_, kNextNight, dir_ / "unpruned" / "rerun", copy_);
  EXPECT_EQ(ReadTree(dir_ / "pruned" / "rerun"), ReadTree(dir_ / "unpruned" / "rerun"));
}

TEST_F(PruneTest, PruningTwiceChangesNothing) {
  ASSERT_NO_FATAL_FAILURE(FourNights());
  const std::string prune =
      "prune --store " + store_.string() + " --keep-days 10 --date 2026-11-22";
  ASSERT_EQ(Jobmatch(prune).exit_code, 0);
  const std::string once = DumpStore(store_);
  const auto twice = Jobmatch(prune);
  ASSERT_EQ(twice.exit_code, 0) << twice.err;
  EXPECT_THAT(twice.out, HasSubstr("0 runs pruned, 0 proposal"));
  EXPECT_EQ(DumpStore(store_), once);
  EXPECT_NE(once, DumpStore(copy_));
}

TEST_F(PruneTest, RefusesFewerThanOneDayAMissingStoreAndABadDate) {
  ASSERT_NO_FATAL_FAILURE(FourNights());
  const std::string before = DumpStore(store_);
  for (const char* days : {"0", "-3"}) {
    const auto refused = Jobmatch("prune --store " + store_.string() + " --keep-days " + days +
                                  " --date " + kNextNight);
    EXPECT_EQ(refused.exit_code, 64) << days << refused.err;
  }
  EXPECT_EQ(
      Jobmatch("prune --store " + store_.string() + " --keep-days 3 --date 31.02.2026").exit_code,
      64);
  EXPECT_EQ(Jobmatch("prune --store " + store_.string()).exit_code, 64);
  EXPECT_EQ(DumpStore(store_), before);
  const fs::path missing = dir_ / "missing.sqlite";
  EXPECT_EQ(Jobmatch("prune --store " + missing.string() + " --keep-days 3").exit_code, 66);
  EXPECT_FALSE(fs::exists(missing));
}

TEST_F(PruneTest, VacuumShrinksTheFileAndKeepsItsRows) {
  ASSERT_NO_FATAL_FAILURE(FourNights());
  const auto size_before = fs::file_size(store_);
  const auto pruned =
      Jobmatch("prune --store " + store_.string() + " --keep-days 1 --vacuum --date " + kNextNight);
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_THAT(pruned.out, HasSubstr("vacuumed"));
  EXPECT_LT(fs::file_size(store_), size_before);
  EXPECT_EQ(StoreIntegrity(store_), "ok");
  EXPECT_EQ(Query(store_, "PRAGMA freelist_count"), std::vector<std::string>{"0"});
  const char* kept = "SELECT * FROM proposals WHERE run_id > 2 ORDER BY 1, 3, 4";
  EXPECT_EQ(Query(store_, kept), Query(copy_, kept));
}

}  // namespace

// Tests of store/run_store.h, store/schema.h, store/sha256.h and
// store/decision_sheet.h: hashes against the FIPS vectors, a store of every
// older schema version opened and migrated with its rows kept, a newer store
// refused, runs written and read back, decisions checked all or nothing and
// recorded once.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "store/decision_sheet.h"
#include "store/run_store.h"
#include "store/schema.h"
#include "store/sha256.h"

namespace jobmatch::store {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_store_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void Exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
        << (message != nullptr ? message : "") << "\n"
        << sql;
  }
  static int64_t Count(const fs::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      n = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
  }

  static RunRecord OneRun(const std::string& date) {
    RunRecord record;
    record.run_date = *ParseDate(date);
    record.program_version = "test";
    record.data = "data";
    record.inputs = {InputFile{"participants.csv", Sha256Hex("x"), 1}};
    record.metrics.participants = 2;
    record.metrics.proposals = 1;
    StoredProposal proposal;
    proposal.coordinator_id = "K1";
    proposal.participant_id = "P1";
    proposal.vacancy_id = "V1";
    proposal.assigned = true;
    proposal.rank = 1;
    proposal.score = 0.8;
    record.proposals.push_back(proposal);
    proposal.vacancy_id = "V2";
    proposal.assigned = false;
    proposal.rank = 2;
    record.proposals.push_back(proposal);
    record.capacities.push_back(StoredCapacity{"K1", 3, true, 1.0, 0, 0, 0});
    return record;
  }

  fs::path dir_;
};

TEST(Sha256, MatchesTheFipsTestVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, GivesTheSameDigestInPiecesAsAtOnce) {
  const std::string text(1000, 'q');
  for (const size_t piece : {1, 7, 63, 64, 65, 200}) {
    Sha256 hash;
    for (size_t i = 0; i < text.size(); i += piece)
      hash.Update(std::string_view(text).substr(i, piece));
    EXPECT_EQ(hash.HexDigest(), Sha256Hex(text)) << piece;
  }
}

TEST(Sha256, ThePortableKernelMatchesTheFipsTestVectors) {
  const auto portable = [](std::string_view bytes) {
    Sha256 hash(Sha256Kernel::kPortable);
    hash.Update(bytes);
    return hash.HexDigest();
  };
  EXPECT_EQ(portable("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(portable(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Where the CPU has SHA extensions the fastest kernel uses them; both kernels
// must agree on every length around the block size and on long inputs.
TEST(Sha256, TheFastestAndThePortableKernelAgree) {
  std::mt19937 random(11);
  std::string bytes(70000, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xff);
  for (const size_t length : {0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 1000, 4096, 70000}) {
    const std::string_view input = std::string_view(bytes).substr(0, length);
    Sha256 fastest(Sha256Kernel::kFastest);
    Sha256 portable(Sha256Kernel::kPortable);
    fastest.Update(input);
    portable.Update(input);
    EXPECT_EQ(fastest.HexDigest(), portable.HexDigest()) << length;
  }
}

TEST_F(StoreTest, CreatesAStoreAtTheCurrentSchemaVersion) {
  const fs::path file = dir_ / "runs.sqlite";
  ASSERT_TRUE(RunStore::Open(file).ok());
  EXPECT_EQ(Count(file, "PRAGMA user_version"), SchemaVersion());
  EXPECT_EQ(Count(file, "PRAGMA application_id"), kApplicationId);
}

TEST_F(StoreTest, OpensAStoreOfEveryOlderSchemaVersionAndKeepsItsRows) {
  for (int32_t version = 1; version < SchemaVersion(); ++version) {
    const fs::path file = dir_ / ("v" + std::to_string(version) + ".sqlite");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    for (int32_t v = 1; v <= version; ++v) Exec(db, Migrations()[static_cast<size_t>(v - 1)]);
    Exec(db,
         "PRAGMA user_version=" + std::to_string(version) +
             "; PRAGMA application_id=" + std::to_string(kApplicationId));
    Exec(db,
         "INSERT INTO runs VALUES (1, '2026-11-20', 'old', 'data', '', 2, 3, 3, 1, 6, 4, 1, 1, "
         "0.5, 0.5, 1, 0);"
         "INSERT INTO proposals VALUES (1, 'K1', 'P1', 'V1', 'proposal', 1, 0.5, 0.5, 1, 1, 1, "
         "1, 1, 1, 2.0, 10, '');");
    sqlite3_close(db);

    Result<RunStore> store = RunStore::Open(file);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    EXPECT_EQ(Count(file, "PRAGMA user_version"), SchemaVersion()) << version;
    EXPECT_EQ(Count(file, "SELECT count(*) FROM runs"), 1) << version;
    // Not pruned (migration 4 adds the mark empty).
    Result<std::vector<RunSummary>> runs = store.value().Runs();
    ASSERT_TRUE(runs.ok());
    ASSERT_EQ(runs.value().size(), 1u);
    EXPECT_FALSE(runs.value()[0].pruned_on.has_value()) << version;
    // The migrated store takes a decision on the old run's proposal and a new run.
    Result<RecordSummary> recorded = store.value().RecordDecisions(
        {SheetDecision{"s.csv", 2, "P1", "V1", OutcomeKind::kRejected, std::nullopt, ""}});
    ASSERT_TRUE(recorded.ok()) << recorded.error().ToString();
    EXPECT_EQ(recorded.value().recorded, 1);
    ASSERT_TRUE(store.value().RecordRun(OneRun("2026-11-21")).ok());
    Result<History> history = store.value().ReadHistory(*ParseDate("2026-11-22"));
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history.value().decisions.size(), 1u);
    EXPECT_EQ(history.value().decisions[0].date, *ParseDate("2026-11-20"));
  }
}

TEST_F(StoreTest, PruneKeepsTheNewestRunTheRunBeforeItAndDecidedPairs) {
  const fs::path file = dir_ / "runs.sqlite";
  Result<RunStore> store = RunStore::Open(file);
  ASSERT_TRUE(store.ok());
  for (const char* date : {"2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-04"}) {
    ASSERT_TRUE(store.value().RecordRun(OneRun(date)).ok());
  }
  ASSERT_TRUE(store.value()
                  .RecordDecisions({SheetDecision{
                      "s.csv", 2, "P1", "V2", OutcomeKind::kAccepted, std::nullopt, ""}})
                  .ok());
  const Result<History> before = store.value().ReadHistory(*ParseDate("2026-11-05"));
  const Result<History> rerun_before = store.value().ReadHistory(*ParseDate("2026-11-04"));
  // A cutoff after every run: runs 4 and 5 (the newest date) and run 3 (the
  // latest before it) stay; runs 1 and 2 keep only the decided pair's row.
  Result<PruneSummary> pruned =
      store.value().Prune(*ParseDate("2026-12-01"), *ParseDate("2026-12-01"));
  ASSERT_TRUE(pruned.ok()) << pruned.error().ToString();
  EXPECT_EQ(pruned.value().pruned_runs, (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(pruned.value().proposals_deleted, 3);
  EXPECT_EQ(pruned.value().decided_rows_kept, 3);
  EXPECT_EQ(Count(file, "SELECT count(*) FROM proposals WHERE run_id IN (3, 5)"), 4);
  EXPECT_EQ(Count(file, "SELECT count(*) FROM proposals WHERE vacancy_id = 'V2'"), 5);
  EXPECT_EQ(Count(file, "SELECT count(*) FROM runs"), 5);
  const Result<History> after = store.value().ReadHistory(*ParseDate("2026-11-05"));
  const Result<History> rerun_after = store.value().ReadHistory(*ParseDate("2026-11-04"));
  ASSERT_TRUE(before.ok() && after.ok() && rerun_before.ok() && rerun_after.ok());
  EXPECT_EQ(after.value().last_listed, before.value().last_listed);
  EXPECT_EQ(after.value().last_proposals, before.value().last_proposals);
  EXPECT_EQ(rerun_after.value().last_listed, rerun_before.value().last_listed);
  Result<std::vector<RunSummary>> runs = store.value().Runs();
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs.value().size(), 5u);
  EXPECT_TRUE(runs.value()[0].pruned_on.has_value());
  EXPECT_FALSE(runs.value()[2].pruned_on.has_value());
  EXPECT_FALSE(runs.value()[4].pruned_on.has_value());
  // Again: nothing left to prune.
  Result<PruneSummary> again =
      store.value().Prune(*ParseDate("2026-12-01"), *ParseDate("2026-12-02"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().runs, 0);
  EXPECT_EQ(again.value().proposals_deleted, 0);
}

TEST_F(StoreTest, RefusesAStoreWrittenByANewerJobmatch) {
  const fs::path file = dir_ / "newer.sqlite";
  ASSERT_TRUE(RunStore::Open(file).ok());
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  Exec(db, "PRAGMA user_version=" + std::to_string(SchemaVersion() + 1));
  sqlite3_close(db);
  Result<RunStore> store = RunStore::Open(file);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, ErrorKind::kCannotWrite);
  EXPECT_THAT(store.error().ToString(), HasSubstr("newer jobmatch"));
}

TEST_F(StoreTest, RefusesASqliteFileOfAnotherProgram) {
  const fs::path file = dir_ / "other.sqlite";
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  Exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  sqlite3_close(db);
  Result<RunStore> store = RunStore::Open(file);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, ErrorKind::kBadData);
  EXPECT_EQ(Count(file, "SELECT count(*) FROM t"), 1);
}

TEST_F(StoreTest, ReadsBackTheLatestEarlierRunAndItsProposals) {
  const fs::path file = dir_ / "runs.sqlite";
  Result<RunStore> store = RunStore::Open(file);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store.value().RecordRun(OneRun("2026-11-22")).ok());
  Result<History> same_day = store.value().ReadHistory(*ParseDate("2026-11-22"));
  ASSERT_TRUE(same_day.ok());
  EXPECT_FALSE(same_day.value().has_last_run);  // a re-run of the same night sees the night before
  Result<History> next_day = store.value().ReadHistory(*ParseDate("2026-11-23"));
  ASSERT_TRUE(next_day.ok());
  ASSERT_TRUE(next_day.value().has_last_run);
  EXPECT_EQ(next_day.value().last_proposals.size(), 1u);
  EXPECT_EQ(next_day.value().last_listed.size(), 2u);
  Result<std::vector<RunSummary>> runs = store.value().Runs();
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs.value().size(), 1u);
  EXPECT_EQ(runs.value()[0].inputs[0].sha256, Sha256Hex("x"));
}

TEST_F(StoreTest, RecordsDecisionsAllOrNothingAndOnlyOnce) {
  const fs::path file = dir_ / "runs.sqlite";
  Result<RunStore> store = RunStore::Open(file);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store.value().RecordRun(OneRun("2026-11-22")).ok());
  const SheetDecision good{"s.csv", 2, "P1", "V1", OutcomeKind::kHired, std::nullopt, "private"};
  const SheetDecision unknown_participant{
      "s.csv", 3, "P9", "V1", OutcomeKind::kRejected, std::nullopt, ""};
  const SheetDecision unknown_vacancy{
      "s.csv", 4, "P1", "V9", OutcomeKind::kRejected, std::nullopt, ""};
  Result<RecordSummary> bad =
      store.value().RecordDecisions({good, unknown_participant, unknown_vacancy});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kBadData);
  const std::string message = bad.error().ToString();
  EXPECT_THAT(message, HasSubstr("s.csv:3: field 'Teilnehmer' = 'P9'"));
  EXPECT_THAT(message, HasSubstr("s.csv:4: field 'Stelle' = 'V9'"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("private")));
  EXPECT_EQ(Count(file, "SELECT count(*) FROM decisions"), 0);

  Result<RecordSummary> first = store.value().RecordDecisions({good});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value().recorded, 1);
  Result<RecordSummary> again = store.value().RecordDecisions({good});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().recorded, 0);
  EXPECT_EQ(again.value().unchanged, 1);
  EXPECT_EQ(Count(file, "SELECT count(*) FROM decisions"), 1);
  EXPECT_EQ(Count(file, "SELECT count(*) FROM coordinator_notes"), 1);
  // The shared view holds no notes.
  EXPECT_EQ(
      Count(file, "SELECT count(*) FROM pragma_table_info('shared_decisions') WHERE name = 'note'"),
      0);
}

TEST_F(StoreTest, RefusesADecisionOnAPairNeverProposed) {
  const fs::path file = dir_ / "runs.sqlite";
  Result<RunStore> store = RunStore::Open(file);
  ASSERT_TRUE(store.ok());
  RunRecord record = OneRun("2026-11-22");
  record.proposals[1].participant_id = "P2";  // V2 proposed, but to P2
  ASSERT_TRUE(store.value().RecordRun(record).ok());
  Result<RecordSummary> bad = store.value().RecordDecisions(
      {SheetDecision{"s.csv", 7, "P1", "V2", OutcomeKind::kAccepted, std::nullopt, ""}});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().ToString(), HasSubstr("s.csv:7: field 'Stelle' = 'V2'"));
  EXPECT_THAT(bad.error().ToString(), HasSubstr("never was"));
}

TEST_F(StoreTest, ReadsDecisionSheetsAsExcelSavesThem) {
  // Windows-1252, CRLF, no BOM, German dates, English and German words.
  const std::string sheet =
      "Teilnehmer;Vorschlag;Rang;Stelle;Begr\xfc"
      "ndung;Entscheidung;Datum;Notiz\r\n"
      "P1;Vorschlag;1;V1;gut;Eingestellt;24.11.2026;Gespr\xe4"
      "ch gut\r\n"
      "P1;Alternative;2;V2;;;;\r\n"
      "P2;Alternative;2;V2;;  rejected ;;\r\n";
  const fs::path file = dir_ / "proposals_K1.csv";
  std::ofstream(file, std::ios::binary) << sheet;
  Result<std::vector<SheetDecision>> read = ReadDecisionSheet(file);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  ASSERT_EQ(read.value().size(), 2u);
  EXPECT_EQ(read.value()[0].kind, OutcomeKind::kHired);
  EXPECT_EQ(read.value()[0].date, ParseDate("2026-11-24"));
  EXPECT_EQ(read.value()[0].line, 2);
  EXPECT_EQ(read.value()[0].note,
            "Gespr\xc3\xa4"
            "ch gut");
  EXPECT_EQ(read.value()[1].kind, OutcomeKind::kRejected);
  EXPECT_EQ(read.value()[1].line, 4);
}

TEST_F(StoreTest, NamesFileLineAndFieldOfEveryBadDecisionWithoutItsText) {
  const std::string sheet =
      "\xef\xbb\xbfTeilnehmer;Vorschlag;Stelle;Entscheidung;Datum;Notiz\n"
      "P1;Vorschlag;V1;vielleicht morgen;;geheim\n"
      "P1;kein Vorschlag;;abgelehnt;;\n"
      "P1;Alternative;V2;abgelehnt;32.13.2026;\n";
  const fs::path file = dir_ / "proposals_K1.csv";
  std::ofstream(file, std::ios::binary) << sheet;
  Result<std::vector<SheetDecision>> read = ReadDecisionSheet(file);
  ASSERT_FALSE(read.ok());
  const std::string message = read.error().ToString();
  EXPECT_THAT(message, HasSubstr(":2: field 'Entscheidung'"));
  EXPECT_THAT(message, HasSubstr(":3: field 'Entscheidung'"));
  EXPECT_THAT(message, HasSubstr(":4: field 'Datum' = '32.13.2026'"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("vielleicht")));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("geheim")));
}

TEST_F(StoreTest, AsksForTheDecisionColumnInASheetWithoutIt) {
  const fs::path file = dir_ / "old.csv";
  std::ofstream(file, std::ios::binary) << "Teilnehmer;Vorschlag;Stelle\nP1;Vorschlag;V1\n";
  Result<std::vector<SheetDecision>> read = ReadDecisionSheet(file);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().ToString(), HasSubstr("'Entscheidung'"));
}

TEST(ParseDecisionWord, KnowsTheGermanAndEnglishWordsInAnyCase) {
  EXPECT_EQ(ParseDecisionWord("Angenommen"), OutcomeKind::kAccepted);
  EXPECT_EQ(ParseDecisionWord("ABGELEHNT"), OutcomeKind::kRejected);
  EXPECT_EQ(ParseDecisionWord("eingestellt"), OutcomeKind::kHired);
  EXPECT_EQ(ParseDecisionWord("abgebrochen"), OutcomeKind::kDroppedOut);
  EXPECT_EQ(ParseDecisionWord("Dropped out"), OutcomeKind::kDroppedOut);
  EXPECT_EQ(ParseDecisionWord("hired"), OutcomeKind::kHired);
  EXPECT_EQ(ParseDecisionWord("ja"), std::nullopt);
}

}  // namespace
}  // namespace jobmatch::store

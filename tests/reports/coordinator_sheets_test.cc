// Tests of reports/coordinator_sheets.h: sheet file names that are unique,
// bounded and deterministic for every id, and sheets whose every row has the
// header's columns, in participant blocks, streamed to the file.

#include "reports/coordinator_sheets.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "reports/output_files.h"

namespace jobmatch::reports {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::MatchesRegex;

std::vector<Coordinator> Coordinators(const std::vector<std::string>& ids) {
  std::vector<Coordinator> out;
  for (const std::string& id : ids) {
    Coordinator c;
    c.id = id;
    out.push_back(c);
  }
  return out;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST(SheetFileNames, KeepsSafeIdsAsTheyAre) {
  EXPECT_THAT(SheetFileNames(Coordinators({"K-15089-1", "K_2.a"})),
              ElementsAre("proposals_K-15089-1.csv", "proposals_K_2.a.csv"));
}

TEST(SheetFileNames, IdsThatSanitiseAlikeGetDifferentNames) {
  const std::vector<std::string> names = SheetFileNames(Coordinators({"K/1", "K_1", "K?1"}));
  EXPECT_EQ(names[1], "proposals_K_1.csv");
  EXPECT_THAT(names[0], MatchesRegex("proposals_K_1-[0-9a-f]{8}\\.csv"));
  EXPECT_THAT(names[2], MatchesRegex("proposals_K_1-[0-9a-f]{8}\\.csv"));
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 3u);
}

TEST(SheetFileNames, IdsEqualButForCaseGetDifferentNamesOnAnyFileSystem) {
  const std::vector<std::string> names = SheetFileNames(Coordinators({"K1", "k1"}));
  EXPECT_NE(Lower(names[0]), Lower(names[1]));
  EXPECT_THAT(names[0], MatchesRegex("proposals_K1-[0-9a-f]{8}\\.csv"));
}

TEST(SheetFileNames, LongIdsAreCutAndStayDistinctAndWritable) {
  const std::string long_a(300, 'a');
  const std::string long_b = std::string(299, 'a') + "b";  // same first 100 bytes
  const std::vector<std::string> names = SheetFileNames(Coordinators({long_a, long_b}));
  EXPECT_NE(names[0], names[1]);
  const fs::path dir =
      fs::temp_directory_path() / ("jobmatch_sheet_names_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const std::string& name : names) {
    EXPECT_LT(name.size(), 140u);
    std::ofstream(dir / name) << "x";
    EXPECT_TRUE(fs::exists(dir / name)) << name;
  }
  fs::remove_all(dir);
}

TEST(SheetFileNames, OddIdsGiveSafeNames) {
  const std::vector<std::string> names =
      SheetFileNames(Coordinators({"", ".", "..", ".hidden", "Köthen 1", "a\nb", "=1+1"}));
  std::set<std::string> lower;
  for (const std::string& name : names) {
    EXPECT_THAT(name, MatchesRegex("proposals_[A-Za-z0-9_][A-Za-z0-9_.-]*\\.csv")) << name;
    lower.insert(Lower(name));
  }
  EXPECT_EQ(lower.size(), names.size());
}

TEST(SheetFileNames, ANameDependsOnlyOnItsOwnIdUnlessAnotherCollides) {
  const std::string alone = SheetFileNames(Coordinators({"K/1"}))[0];
  EXPECT_EQ(SheetFileNames(Coordinators({"X", "K/1", "Y"}))[1], alone);
  EXPECT_EQ(SheetFileNames(Coordinators({"K/1"}))[0], alone);
}

TEST(SheetFileNames, AnIdCraftedToLookLikeAHashedNameStillGetsItsOwnFile) {
  const std::string hashed = SheetFileNames(Coordinators({"K/1"}))[0];
  // "proposals_K_1-xxxxxxxx.csv" -> the id "K_1-xxxxxxxx", a safe id.
  const std::string crafted = hashed.substr(10, hashed.size() - 14);
  const std::vector<std::string> names = SheetFileNames(Coordinators({crafted, "K/1"}));
  EXPECT_NE(names[0], names[1]);
}

// Splits CSV bytes (after the byte order mark) into rows of cells.
std::vector<std::vector<std::string>> ParseCsv(const std::string& bytes) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 3; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (quoted) {
      if (c == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
      ++i;
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// `per_coordinator` participants per coordinator; even ones get a proposal
// and two alternatives, odd ones none ("kein Vorschlag") and one alternative.
struct SheetInput {
  Dataset dataset;
  ProposalSet set;
};

SheetInput MakeInput(int32_t coordinators, int32_t per_coordinator) {
  SheetInput in;
  Dataset& d = in.dataset;
  for (int32_t c = 0; c < coordinators; ++c) {
    Coordinator coordinator;
    coordinator.id = "K;" + std::to_string(c);  // a separator in the id
    d.coordinators.push_back(coordinator);
  }
  d.employers.resize(1);
  d.employers[0].name = "Müller; Söhne \"GmbH\"";
  d.employers[0].staff = 12;
  for (int v = 0; v < 3; ++v) {
    Vacancy vacancy;
    vacancy.id = "V" + std::to_string(v);
    vacancy.title = "Helfer\nLager";
    vacancy.employer = EmployerIndex(0);
    vacancy.place.name = "Bernburg (Saale)";
    d.vacancies.push_back(vacancy);
  }
  for (int32_t c = 0; c < coordinators; ++c) {
    for (int32_t i = 0; i < per_coordinator; ++i) {
      const auto p = static_cast<int32_t>(d.participants.size());
      Participant participant;
      participant.id = "T-" + std::to_string(p);
      participant.coordinator = CoordinatorIndex(c);
      d.participants.push_back(participant);
      auto line = [&](int32_t v, bool assigned, int32_t rank) {
        Proposal proposal;
        proposal.coordinator = CoordinatorIndex(c);
        proposal.participant = ParticipantIndex(p);
        proposal.pair.vacancy = VacancyIndex(v);
        proposal.pair.score = 0.5f;
        proposal.assigned = assigned;
        proposal.rank = rank;
        in.set.proposals.push_back(proposal);
      };
      if (i % 2 == 0) {
        line(1, true, 2);
        line(0, false, 1);
        line(2, false, 3);
      } else {
        UnplacedParticipant unplaced;
        unplaced.coordinator = CoordinatorIndex(c);
        unplaced.participant = ParticipantIndex(p);
        unplaced.reason = UnplacedReason::kOutscored;
        unplaced.candidates = 1;
        in.set.unplaced.push_back(unplaced);
        line(0, false, 1);
      }
    }
  }
  return in;
}

class CoordinatorSheetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_sheets_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  ReferenceData reference_;
};

TEST_F(CoordinatorSheetsTest, EveryRowHasTheHeadersColumnsAndBlocksFollowParticipants) {
  const SheetInput in = MakeInput(2, 4);
  int files = 0;
  ASSERT_FALSE(WriteCoordinatorSheets(in.dataset, reference_, in.set, std::nullopt, dir_, &files)
                   .has_value());
  EXPECT_EQ(files, 4);  // a CSV and an xlsx per coordinator
  const std::vector<std::string> names = SheetFileNames(in.dataset.coordinators);
  for (size_t c = 0; c < names.size(); ++c) {
    const auto rows = ParseCsv(ReadFile(dir_ / names[c]));
    ASSERT_FALSE(rows.empty());
    const size_t columns = rows[0].size();
    EXPECT_EQ(rows[0][0], "Teilnehmer");
    // The reason, then the columns the coordinator fills in (jobmatch record).
    ASSERT_GE(rows[0].size(), 4u);
    EXPECT_THAT(std::vector<std::string>(rows[0].end() - 4, rows[0].end()),
                ElementsAre("Begründung", "Entscheidung", "Datum", "Notiz"));
    auto column = [&](const std::string& header) {
      return static_cast<size_t>(std::find(rows[0].begin(), rows[0].end(), header) -
                                 rows[0].begin());
    };
    // First the coordinator's capacity and where it comes from.
    ASSERT_GE(rows.size(), 2u);
    EXPECT_EQ(rows[1][column("Vorschlag")], "Kapazität");
    EXPECT_THAT(rows[1][column("Begründung")], ::testing::StartsWith("Kapazität in diesem Zyklus"));
    std::vector<std::string> kinds;
    for (size_t r = 2; r < rows.size(); ++r) {
      EXPECT_EQ(rows[r].size(), columns) << names[c] << " row " << r;
      kinds.push_back(rows[r][0] + " " + rows[r][1]);
    }
    const int first = static_cast<int>(c) * 4;
    auto id = [&](int k) { return "T-" + std::to_string(first + k) + " "; };
    EXPECT_THAT(kinds,
                ElementsAre(id(0) + "Vorschlag",
                            id(0) + "Alternative",
                            id(0) + "Alternative",
                            id(1) + "kein Vorschlag",
                            id(1) + "Alternative",
                            id(2) + "Vorschlag",
                            id(2) + "Alternative",
                            id(2) + "Alternative",
                            id(3) + "kein Vorschlag",
                            id(3) + "Alternative"));
    EXPECT_EQ(rows[2][column("Arbeitgeber")], "Müller; Söhne \"GmbH\"");
    EXPECT_EQ(rows[2][column("Stellentitel")], "Helfer\nLager");
  }
}

TEST_F(CoordinatorSheetsTest, ALongSheetIsStreamedInBlocksWithTheSameBytes) {
  // One coordinator with a sheet many times the writer's block.
  const SheetInput in = MakeInput(1, 3000);
  int files = 0;
  ASSERT_FALSE(WriteCoordinatorSheets(in.dataset, reference_, in.set, std::nullopt, dir_, &files)
                   .has_value());
  const std::string bytes = ReadFile(dir_ / SheetFileNames(in.dataset.coordinators)[0]);
  EXPECT_GT(bytes.size(), 4 * SpreadsheetWriter::kBlockBytes);
  const auto rows = ParseCsv(bytes);
  EXPECT_EQ(rows.size(), 2u + 1500u * 3u + 1500u * 2u);  // header, capacity, blocks
  for (const auto& row : rows) ASSERT_EQ(row.size(), rows[0].size());
}

TEST_F(CoordinatorSheetsTest, TheSameBytesEveryTimeOnAnyNumberOfThreads) {
  const SheetInput in = MakeInput(9, 6);
  const Date run_date = *ParseDate("2026-11-24");
  std::vector<std::map<std::string, std::string>> written;
  for (const int threads : {1, 4}) {
    const fs::path dir = dir_ / std::to_string(threads);
    fs::create_directories(dir);
    int files = 0;
    ASSERT_FALSE(
        WriteCoordinatorSheets(in.dataset, reference_, in.set, run_date, dir, &files, {}, threads)
            .has_value());
    EXPECT_EQ(files, 18);
    std::map<std::string, std::string> bytes;
    for (const auto& entry : fs::directory_iterator(dir)) {
      bytes[entry.path().filename().string()] = ReadFile(entry.path());
    }
    written.push_back(std::move(bytes));
    // The clock moves on: the creation time written is the run date, not now.
    if (written.size() == 1) ::sleep(1);
  }
  EXPECT_EQ(written[0].size(), 18u);  // nothing else: no temporary files left
  for (const std::string& csv : SheetFileNames(in.dataset.coordinators)) {
    const std::string xlsx = XlsxName(csv);
    ASSERT_TRUE(written[0].count(xlsx)) << xlsx;
    EXPECT_EQ(written[0].at(xlsx).substr(0, 4), std::string("PK\x03\x04", 4));
    EXPECT_TRUE(written[0].at(xlsx) == written[1].at(xlsx)) << xlsx;
    EXPECT_TRUE(written[0].at(csv) == written[1].at(csv)) << csv;
  }
}

TEST(XlsxName, ReplacesTheCsvExtension) {
  EXPECT_EQ(XlsxName("proposals_K-1.csv"), "proposals_K-1.xlsx");
  EXPECT_EQ(XlsxName("proposals_K_1-1c3f5a2e.csv"), "proposals_K_1-1c3f5a2e.xlsx");
}

TEST(SpreadsheetWriter, StreamedAndInMemoryGiveTheSameBytes) {
  std::ostringstream sink;
  SpreadsheetWriter streamed(sink);
  SpreadsheetWriter memory;
  for (int row = 0; row < 20000; ++row) {
    for (SpreadsheetWriter* csv : {&streamed, &memory}) {
      csv->Text("row;" + std::to_string(row));
      csv->Number(row / 7.0, 2);
      csv->EndRow();
    }
  }
  EXPECT_LT(streamed.bytes().size(), SpreadsheetWriter::kBlockBytes + 4096);
  ASSERT_TRUE(streamed.Flush());
  EXPECT_TRUE(streamed.bytes().empty());
  EXPECT_EQ(sink.str(), memory.bytes());
}

TEST(SpreadsheetWriter, AFailedSinkIsReportedByFlush) {
  std::ostringstream sink;
  sink.setstate(std::ios::badbit);
  SpreadsheetWriter csv(sink);
  csv.Text("x");
  csv.EndRow();
  EXPECT_FALSE(csv.Flush());
}

}  // namespace
}  // namespace jobmatch::reports

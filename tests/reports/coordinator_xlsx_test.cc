// Tests of the xlsx half of reports/coordinator_sheets.h, read back with
// store/xlsx_reader.h: each coordinator's workbook holds only their
// participants, in the CSV's rows; scores, km, minutes and ranks are numeric
// cells; text that looks like a formula is a string cell; the title names
// the coordinator and the run date; the sheet has the Entscheidung
// drop-down, a date format on Datum, a frozen header and columns, an
// autofilter, landscape and fit to page width.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "reports/coordinator_sheets.h"
#include "store/xlsx_reader.h"

namespace jobmatch::reports {
namespace {

namespace fs = std::filesystem;
using store::XlsxCell;
using store::XlsxCellKind;
using ::testing::HasSubstr;

struct SheetInput {
  Dataset dataset;
  ProposalSet set;
};

// Two coordinators with three participants each; even participants get a
// proposal and an alternative, odd ones "kein Vorschlag" and an alternative.
// Ids and titles that a spreadsheet would take for formulas.
SheetInput MakeInput() {
  SheetInput in;
  Dataset& d = in.dataset;
  for (const char* id : {"K-1", "K-2"}) {
    Coordinator coordinator;
    coordinator.id = id;
    coordinator.name = std::string("Koordination ") + id;
    d.coordinators.push_back(coordinator);
  }
  d.employers.resize(1);
  d.employers[0].name = "@Müller & Söhne";
  d.employers[0].staff = 7;
  for (int v = 0; v < 2; ++v) {
    Vacancy vacancy;
    vacancy.id = "V" + std::to_string(v);
    vacancy.title = v == 0 ? "=HYPERLINK(\"http://example.org\",\"Lager\")" : "Helfer Lager";
    vacancy.employer = EmployerIndex(0);
    vacancy.place.name = "Bernburg (Saale)";
    d.vacancies.push_back(vacancy);
  }
  for (int32_t c = 0; c < 2; ++c) {
    for (int32_t i = 0; i < 3; ++i) {
      const auto p = static_cast<int32_t>(d.participants.size());
      Participant participant;
      participant.id = (p == 0 ? "+49-" : "T-") + std::to_string(p);
      participant.coordinator = CoordinatorIndex(c);
      d.participants.push_back(participant);
      auto line = [&](int32_t v, bool assigned, int32_t rank) {
        Proposal proposal;
        proposal.coordinator = CoordinatorIndex(c);
        proposal.participant = ParticipantIndex(p);
        proposal.pair.vacancy = VacancyIndex(v);
        proposal.pair.score = 0.8375f;
        proposal.pair.distance_km = 12.25f;
        proposal.pair.commute_minutes = 23.0f;
        proposal.assigned = assigned;
        proposal.rank = rank;
        in.set.proposals.push_back(proposal);
      };
      if (i % 2 == 0) {
        line(0, true, 1);
        line(1, false, 2);
      } else {
        UnplacedParticipant unplaced;
        unplaced.coordinator = CoordinatorIndex(c);
        unplaced.participant = ParticipantIndex(p);
        unplaced.reason = UnplacedReason::kOutscored;
        unplaced.candidates = 1;
        in.set.unplaced.push_back(unplaced);
        line(1, false, 1);
      }
    }
  }
  return in;
}

class CoordinatorXlsxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_sheets_xlsx_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    int files = 0;
    ASSERT_FALSE(WriteCoordinatorSheets(in_.dataset, reference_, in_.set, run_date_, dir_, &files)
                     .has_value());
    ASSERT_EQ(files, 4);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Workbook(size_t coordinator) const {
    return dir_ / XlsxName(SheetFileNames(in_.dataset.coordinators)[coordinator]);
  }

  SheetInput in_ = MakeInput();
  ReferenceData reference_;
  Date run_date_ = *ParseDate("2026-11-24");
  fs::path dir_;
};

size_t Column(const store::XlsxRow& header, const std::string& name) {
  for (size_t c = 0; c < header.cells.size(); ++c) {
    if (header.cells[c].text == name) return c;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

const XlsxCell& Cell(const store::XlsxRow& row, size_t column) {
  static const XlsxCell kEmpty;
  return column < row.cells.size() ? row.cells[column] : kEmpty;
}

TEST_F(CoordinatorXlsxTest, EachWorkbookHoldsOnlyItsCoordinatorsParticipantsWithTypedCells) {
  for (size_t c = 0; c < 2; ++c) {
    Result<store::XlsxSheet> read = store::ReadXlsxSheet(Workbook(c), "sheet");
    ASSERT_TRUE(read.ok()) << read.error().ToString();
    const store::XlsxSheet& sheet = read.value();
    ASSERT_GE(sheet.rows.size(), 3u);
    const std::string title = Cell(sheet.rows[0], 0).text;
    EXPECT_THAT(title, HasSubstr(in_.dataset.coordinators[c].id));
    EXPECT_THAT(title, HasSubstr("24.11.2026"));
    const store::XlsxRow& header = sheet.rows[1];
    EXPECT_EQ(Cell(header, 0).text, "Teilnehmer");
    // Participant and reason in one sheet row, the reason beside the
    // frozen participant column.
    const size_t reason = Column(header, "Begründung");
    const size_t kind = Column(header, "Vorschlag");
    std::set<std::string> participants;
    std::vector<std::string> kinds;
    // The capacity row first, then the participants' blocks.
    EXPECT_EQ(Cell(sheet.rows[2], kind).text, "Kapazität");
    for (size_t r = 3; r < sheet.rows.size(); ++r) {
      const store::XlsxRow& row = sheet.rows[r];
      EXPECT_EQ(row.line, static_cast<int64_t>(r) + 1);
      EXPECT_EQ(Cell(row, 0).kind, XlsxCellKind::kText);
      participants.insert(Cell(row, 0).text);
      kinds.push_back(Cell(row, kind).text);
      EXPECT_FALSE(Cell(row, reason).text.empty()) << "row " << row.line;
      if (Cell(row, kind).text == "kein Vorschlag") continue;
      for (const char* numeric : {"Rang",
                                  "Entfernung (km)",
                                  "Pendelzeit (Min.)",
                                  "Gesamtwert",
                                  "Kompetenzen",
                                  "Deutsch",
                                  "Pendeln"}) {
        const XlsxCell& cell = Cell(row, Column(header, numeric));
        EXPECT_EQ(cell.kind, XlsxCellKind::kNumber) << numeric << " row " << row.line;
        EXPECT_FALSE(cell.is_date) << numeric;
      }
      EXPECT_DOUBLE_EQ(Cell(row, Column(header, "Entfernung (km)")).number, 12.25);
      EXPECT_NEAR(Cell(row, Column(header, "Gesamtwert")).number, 0.8375, 1e-6);
      const XlsxCell& employer = Cell(row, Column(header, "Arbeitgeber"));
      EXPECT_EQ(employer.kind, XlsxCellKind::kText);
      EXPECT_EQ(employer.text, "@Müller & Söhne");
    }
    std::set<std::string> expected;
    for (const Participant& p : in_.dataset.participants) {
      if (p.coordinator.value == static_cast<int32_t>(c)) expected.insert(p.id);
    }
    EXPECT_EQ(participants, expected) << "only this coordinator's participants";
    EXPECT_THAT(kinds,
                ::testing::ElementsAre("Vorschlag",
                                       "Alternative",
                                       "kein Vorschlag",
                                       "Alternative",
                                       "Vorschlag",
                                       "Alternative"));
  }
}

TEST_F(CoordinatorXlsxTest, FormulaLookingTextIsAStringCellNeverAFormula) {
  Result<store::XlsxSheet> read = store::ReadXlsxSheet(Workbook(0), "sheet");
  ASSERT_TRUE(read.ok());
  const store::XlsxSheet& sheet = read.value();
  const XlsxCell& participant = Cell(sheet.rows[3], 0);  // below the capacity row
  EXPECT_EQ(participant.kind, XlsxCellKind::kText);
  EXPECT_EQ(participant.text, "+49-0");  // as written, no apostrophe
  const XlsxCell& title = Cell(sheet.rows[3], Column(sheet.rows[1], "Stellentitel"));
  EXPECT_EQ(title.kind, XlsxCellKind::kText);
  EXPECT_FALSE(title.formula);
  EXPECT_EQ(title.text, "=HYPERLINK(\"http://example.org\",\"Lager\")");
  Result<std::string> xml = store::ReadXlsxPart(Workbook(0), "sheet", "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(xml.ok());
  EXPECT_EQ(xml.value().find("<f>"), std::string::npos);
}

TEST_F(CoordinatorXlsxTest, TheSheetIsLaidOutToPrintAndToWorkIn) {
  Result<std::string> xml = store::ReadXlsxPart(Workbook(1), "sheet", "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(xml.ok()) << xml.error().ToString();
  const std::string& sheet = xml.value();
  Result<store::XlsxSheet> read = store::ReadXlsxSheet(Workbook(1), "sheet");
  ASSERT_TRUE(read.ok());
  const store::XlsxRow& header = read.value().rows[1];
  const auto letter = [](size_t column) { return std::string(1, static_cast<char>('A' + column)); };
  ASSERT_LT(header.cells.size(), 26u);
  const std::string last_row = std::to_string(read.value().rows.back().line);

  // The drop-down on Entscheidung over every data row, with the German words.
  const std::string decision = letter(Column(header, "Entscheidung"));
  EXPECT_THAT(sheet,
              HasSubstr("<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" "
                        "showErrorMessage=\"1\" sqref=\"" +
                        decision + "3:" + decision + last_row + "\">"));
  EXPECT_THAT(sheet,
              HasSubstr("<formula1>\"angenommen,abgelehnt,eingestellt,abgebrochen\"</formula1>"));
  // Header and the first two columns frozen; the autofilter over the table.
  EXPECT_THAT(sheet, HasSubstr("<pane xSplit=\"2\" ySplit=\"2\" topLeftCell=\"C3\""));
  EXPECT_THAT(sheet, HasSubstr("state=\"frozen\""));
  EXPECT_THAT(
      sheet,
      HasSubstr("<autoFilter ref=\"A2:" + letter(header.cells.size() - 1) + last_row + "\"/>"));
  // Landscape A4, one page wide; the title in the page header.
  EXPECT_THAT(sheet, HasSubstr("<pageSetUpPr fitToPage=\"1\"/>"));
  EXPECT_THAT(
      sheet, HasSubstr("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>"));
  EXPECT_THAT(sheet,
              HasSubstr("<oddHeader>&amp;LVorschläge für Koordination K-2 (K-2) · Lauf vom "
                        "24.11.2026"));

  // Datum typed in later shows as a date: its column's style has the
  // dd.mm.yyyy format (TT.MM.JJJJ in German Excel).
  const std::string datum = std::to_string(Column(header, "Datum") + 1);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(
      sheet,
      match,
      std::regex("<col min=\"" + datum + "\" max=\"" + datum + "\" [^>]*style=\"([0-9]+)\"")));
  const size_t style = std::stoul(match[1].str());
  Result<std::string> styles = store::ReadXlsxPart(Workbook(1), "sheet", "xl/styles.xml");
  ASSERT_TRUE(styles.ok());
  ASSERT_TRUE(
      std::regex_search(styles.value(),
                        match,
                        std::regex("<numFmt numFmtId=\"([0-9]+)\" formatCode=\"dd.mm.yyyy\"")));
  const std::string date_format = match[1].str();
  const std::string& s = styles.value();
  const size_t xfs = s.find("<cellXfs");
  ASSERT_NE(xfs, std::string::npos);
  size_t at = xfs;
  for (size_t k = 0; k <= style; ++k) at = s.find("<xf ", at + 1);
  ASSERT_NE(at, std::string::npos);
  EXPECT_THAT(s.substr(at, s.find('>', at) - at), HasSubstr("numFmtId=\"" + date_format + "\""));
}

}  // namespace
}  // namespace jobmatch::reports

// Tests of store/decision_sheet.h on the layouts a returned sheet comes in
// besides jobmatch's own CSV: an xlsx as Excel saves it (columns in another
// order, the header below a title, shared strings, a date cell, an id Excel
// took for a number), and a CSV saved from the xlsx (the title row above the
// header). Lines are the sheet's rows, so a coordinator finds the cell.

#include "store/decision_sheet.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/zip_file.h"

namespace jobmatch::store {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class DecisionSheetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_decision_sheet_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// Inline-string and number cells of one row, by column letter.
std::string Row(int r, const std::vector<std::pair<char, std::string>>& cells) {
  std::string xml = "<row r=\"" + std::to_string(r) + "\">";
  for (const auto& [column, value] : cells) {
    const std::string ref = std::string(1, column) + std::to_string(r);
    if (!value.empty() && value[0] == '#') {  // "#46349": a date cell
      xml += "<c r=\"" + ref + "\" s=\"1\"><v>" + value.substr(1) + "</v></c>";
    } else if (!value.empty() && value[0] == '%') {  // "%1001": a number
      xml += "<c r=\"" + ref + "\"><v>" + value.substr(1) + "</v></c>";
    } else {
      xml += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + value + "</t></is></c>";
    }
  }
  return xml + "</row>";
}

TEST_F(DecisionSheetTest, ReadsAnXlsxByItsHeadersWithTheSheetsRowNumbers) {
  const std::string data = Row(1, {{'A', "Vorschläge für K-1 · Lauf vom 22.11.2026"}}) +
                           Row(2,
                               {{'A', "Notiz"},
                                {'B', "Datum"},
                                {'C', "Entscheidung"},
                                {'D', "Stelle"},
                                {'E', "Vorschlag"},
                                {'F', "Teilnehmer"}}) +
                           Row(3, {{'B', ""}, {'E', "Kapazität"}}) +
                           Row(4,
                               {{'B', "#46349"},
                                {'C', "Eingestellt"},
                                {'D', "V-7"},
                                {'E', "Vorschlag"},
                                {'F', "%1001"}}) +
                           Row(6,
                               {{'A', "ruft zurück"},
                                {'C', "rejected"},
                                {'D', "V-8"},
                                {'E', "Alternative"},
                                {'F', "P-2"}}) +
                           Row(7, {{'D', "V-9"}, {'E', "Alternative"}, {'F', "P-2"}});
  const fs::path file = dir_ / "proposals_K-1.xlsx";
  ASSERT_TRUE(test::WriteZip(file, test::ExcelStyleWorkbook(data, {})));
  Result<std::vector<SheetDecision>> read = ReadDecisionSheet(file);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  ASSERT_EQ(read.value().size(), 2u);
  const SheetDecision& hired = read.value()[0];
  EXPECT_EQ(hired.line, 4);
  EXPECT_EQ(hired.participant_id, "1001");  // a number cell, read as the id it shows
  EXPECT_EQ(hired.vacancy_id, "V-7");
  EXPECT_EQ(hired.kind, OutcomeKind::kHired);
  ASSERT_TRUE(hired.date.has_value());
  EXPECT_EQ(FormatDate(*hired.date), "2026-11-23");
  const SheetDecision& rejected = read.value()[1];
  EXPECT_EQ(rejected.line, 6);
  EXPECT_EQ(rejected.kind, OutcomeKind::kRejected);
  EXPECT_FALSE(rejected.date.has_value());
  EXPECT_EQ(rejected.note, "ruft zurück");
}

TEST_F(DecisionSheetTest, XlsxProblemsNameTheSheetRowAndColumnWithoutTheText) {
  const std::string data =
      Row(1,
          {{'A', "Teilnehmer"},
           {'B', "Vorschlag"},
           {'C', "Stelle"},
           {'D', "Entscheidung"},
           {'E', "Datum"}}) +
      Row(5, {{'A', "P-1"}, {'B', "Vorschlag"}, {'C', "V-1"}, {'D', "vielleicht nächste Woche"}}) +
      Row(9, {{'A', "P-2"}, {'B', "kein Vorschlag"}, {'D', "abgelehnt"}}) +
      Row(12,
          {{'A', "P-3"}, {'B', "Alternative"}, {'C', "V-3"}, {'D', "abgelehnt"}, {'E', "morgen"}});
  const fs::path file = dir_ / "proposals_K-1.xlsx";
  ASSERT_TRUE(test::WriteZip(file, test::ExcelStyleWorkbook(data, {})));
  Result<std::vector<SheetDecision>> read = ReadDecisionSheet(file);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, ErrorKind::kBadData);
  const std::string message = read.error().ToString();
  EXPECT_THAT(message, HasSubstr("proposals_K-1.xlsx:5: field 'Entscheidung'"));
  EXPECT_THAT(message, HasSubstr("proposals_K-1.xlsx:9: field 'Entscheidung'"));
  EXPECT_THAT(message, HasSubstr("proposals_K-1.xlsx:12: field 'Datum'"));
  EXPECT_THAT(message, Not(HasSubstr("vielleicht")));
  EXPECT_THAT(message, Not(HasSubstr("kein Vorschlag'")));
}

TEST_F(DecisionSheetTest, ACsvSavedFromTheXlsxKeepsItsTitleRowAboveTheHeader) {
  // As LibreOffice and Excel save the xlsx as CSV: the title row first, every
  // row padded to the sheet's width.
  const std::string csv =
      "\"Vorschläge für K-1 · Lauf vom 22.11.2026\";;;;;\r\n"
      "Teilnehmer;Vorschlag;Stelle;Entscheidung;Datum;Notiz\r\n"
      ";Kapazität;;;;\r\n"
      "P-1;Vorschlag;V-1;angenommen;23.11.2026;\r\n"
      "P-2;Alternative;V-2;;;\r\n";
  const fs::path file = dir_ / "proposals_K-1.csv";
  std::ofstream(file, std::ios::binary) << csv;
  Result<std::vector<SheetDecision>> read = ReadDecisionSheet(file);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  ASSERT_EQ(read.value().size(), 1u);
  EXPECT_EQ(read.value()[0].line, 4);
  EXPECT_EQ(read.value()[0].kind, OutcomeKind::kAccepted);
  EXPECT_EQ(FormatDate(*read.value()[0].date), "2026-11-23");

  // Without a header naming the columns the reader still asks for them.
  std::ofstream(file, std::ios::binary | std::ios::trunc) << "A;B;C\r\n1;2;3\r\n";
  read = ReadDecisionSheet(file);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().ToString(), HasSubstr("'Teilnehmer'"));
}

}  // namespace
}  // namespace jobmatch::store

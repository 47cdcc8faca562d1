// Tests of store/xlsx_reader.h: what reports/xlsx_writer.h writes reads back
// with its types (numbers numeric, dates dates, formula-looking text as
// text), a workbook laid out as Excel saves it (shared strings, rich text,
// cells left out, the first sheet found through its relationship), and
// files that must be refused (not a zip, a part too large, a DOCTYPE,
// broken XML) with the file and part named.

#include "store/xlsx_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "reports/xlsx_writer.h"
#include "tests/support/zip_file.h"

namespace jobmatch::store {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class XlsxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_xlsx_reader_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

const XlsxCell& At(const XlsxSheet& sheet, size_t row, size_t column) {
  static const XlsxCell kEmpty;
  if (row >= sheet.rows.size() || column >= sheet.rows[row].cells.size()) return kEmpty;
  return sheet.rows[row].cells[column];
}

TEST_F(XlsxReaderTest, WhatTheWriterWroteReadsBackWithItsTypes) {
  const fs::path file = dir_ / "book.xlsx";
  reports::XlsxLayout layout;
  layout.sheet_name = "Vorschläge";
  layout.title = "Vorschläge für K-1 · Lauf vom 24.11.2026";
  for (const char* header : {"Teilnehmer", "Wert", "Rang", "Datum", "Leer", "Text"}) {
    layout.columns.push_back(reports::XlsxColumn{header, 0, false, false, {}});
  }
  layout.columns[0].choices = {"a", "b"};
  layout.created = *ParseDate("2026-11-24");
  {
    reports::XlsxWriter writer(file, layout);
    writer.Text("=HYPERLINK(\"http://x\")");
    writer.Number(0.837, 3);
    writer.Integer(42);
    writer.Day(*ParseDate("2026-11-24"));
    writer.Empty();
    writer.Text("Müller & Söhne <GmbH> \x01 \xFF");
    writer.EndRow();
    writer.Text("+49 170 1234567");
    writer.Number(1e300 * 1e300, 2);  // infinite: an empty cell
    writer.EndRow();
    ASSERT_FALSE(writer.Close().has_value());
  }
  Result<XlsxSheet> read = ReadXlsxSheet(file, "book.xlsx");
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  const XlsxSheet& sheet = read.value();
  EXPECT_EQ(sheet.name, "Vorschläge");
  ASSERT_EQ(sheet.rows.size(), 4u);
  EXPECT_EQ(sheet.rows[0].line, 1);
  EXPECT_EQ(At(sheet, 0, 0).text, layout.title);
  EXPECT_EQ(sheet.rows[1].line, 2);
  EXPECT_EQ(At(sheet, 1, 3).text, "Datum");
  EXPECT_EQ(sheet.rows[2].line, 3);

  const XlsxCell& formula_like = At(sheet, 2, 0);
  EXPECT_EQ(formula_like.kind, XlsxCellKind::kText);
  EXPECT_FALSE(formula_like.formula);
  EXPECT_EQ(formula_like.text, "=HYPERLINK(\"http://x\")");
  EXPECT_EQ(At(sheet, 2, 1).kind, XlsxCellKind::kNumber);
  EXPECT_DOUBLE_EQ(At(sheet, 2, 1).number, 0.837);
  EXPECT_FALSE(At(sheet, 2, 1).is_date);
  EXPECT_EQ(At(sheet, 2, 2).kind, XlsxCellKind::kNumber);
  EXPECT_DOUBLE_EQ(At(sheet, 2, 2).number, 42);
  const XlsxCell& date = At(sheet, 2, 3);
  EXPECT_EQ(date.kind, XlsxCellKind::kNumber);
  EXPECT_TRUE(date.is_date);
  EXPECT_DOUBLE_EQ(date.number, 46350);  // 24.11.2026 in Excel's 1900 system
  EXPECT_DOUBLE_EQ(reports::ExcelSerial(*ParseDate("2026-11-24")), 46350);
  EXPECT_EQ(At(sheet, 2, 4).kind, XlsxCellKind::kEmpty);
  // Markup characters survive, a control character comes back through
  // OOXML's _x0001_ escape, a byte that is no UTF-8 becomes U+FFFD.
  EXPECT_EQ(At(sheet, 2, 5).text, "Müller & Söhne <GmbH> \x01 \xEF\xBF\xBD");
  EXPECT_EQ(At(sheet, 3, 0).kind, XlsxCellKind::kText);
  EXPECT_EQ(At(sheet, 3, 0).text, "+49 170 1234567");
  EXPECT_EQ(At(sheet, 3, 1).kind, XlsxCellKind::kEmpty);

  Result<std::string> xml = ReadXlsxPart(file, "book.xlsx", "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(xml.ok());
  EXPECT_THAT(xml.value(), Not(HasSubstr("<f>"))) << "no cell may be a formula";
}

TEST_F(XlsxReaderTest, ReadsTheFirstSheetAsExcelSavesIt) {
  // Shared strings (one with rich text runs and a phonetic run, one with an
  // escaped line break), a formula with its cached string, a date with a
  // built-in (14) and a custom date format, rows and cells left out, a
  // boolean and an error value.
  const std::string data =
      "<row r=\"2\" spans=\"1:6\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>1</v>"
      "</c></row>"
      "<row r=\"5\"><c r=\"B5\" s=\"1\"><v>46350</v></c><c r=\"C5\" t=\"str\"><f>A2&amp;\"x\"</f>"
      "<v>Abx</v></c><c r=\"D5\" t=\"b\"><v>1</v></c><c r=\"E5\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"F5\" s=\"2\"><v>46351.5</v></c><c r=\"G5\"><v>1001</v></c></row>"
      "<row r=\"6\"><c r=\"A6\" s=\"1\"/></row>";
  const fs::path file = dir_ / "excel.xlsx";
  ASSERT_TRUE(test::WriteZip(
      file,
      test::ExcelStyleWorkbook(data,
                               {"<r><rPr><b/></rPr><t>Ab</t></r><r><t xml:space=\"preserve\">c "
                                "</t></r><rPh><t>fon</t></rPh>",
                                "<t>Zeile_x000D_\nzwei</t>"},
                               "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>")));
  Result<XlsxSheet> read = ReadXlsxSheet(file, "excel.xlsx");
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  const XlsxSheet& sheet = read.value();
  EXPECT_EQ(sheet.name, "Vorschläge");
  ASSERT_EQ(sheet.rows.size(), 2u) << "the empty row 6 is left out";
  EXPECT_EQ(sheet.rows[0].line, 2);
  EXPECT_EQ(At(sheet, 0, 0).text, "Abc ");
  EXPECT_EQ(At(sheet, 0, 1).kind, XlsxCellKind::kEmpty);
  EXPECT_EQ(At(sheet, 0, 2).text, "Zeile\r\nzwei");
  EXPECT_EQ(sheet.rows[1].line, 5);
  EXPECT_TRUE(At(sheet, 1, 1).is_date);
  EXPECT_DOUBLE_EQ(At(sheet, 1, 1).number, 46350);
  EXPECT_EQ(At(sheet, 1, 2).kind, XlsxCellKind::kText);
  EXPECT_TRUE(At(sheet, 1, 2).formula);
  EXPECT_EQ(At(sheet, 1, 2).text, "Abx");
  EXPECT_EQ(At(sheet, 1, 3).kind, XlsxCellKind::kBoolean);
  EXPECT_EQ(At(sheet, 1, 4).kind, XlsxCellKind::kError);
  EXPECT_TRUE(At(sheet, 1, 5).is_date) << "[$-407]DD/MM/YYYY is a date format";
  EXPECT_FALSE(At(sheet, 1, 6).is_date);
  EXPECT_EQ(At(sheet, 1, 6).text, "1001");
}

TEST_F(XlsxReaderTest, APartLargerThanTheLimitIsRefusedNamingIt) {
  const std::string data = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" +
                           std::string(size_t{2} << 20, 'a') + "</t></is></c></row>";
  const fs::path file = dir_ / "bomb.xlsx";
  ASSERT_TRUE(test::WriteZip(file, test::ExcelStyleWorkbook(data, {})));
  ASSERT_LT(fs::file_size(file), 64u << 10) << "it compresses well, as a bomb does";
  XlsxLimits limits;
  limits.max_part_bytes = 1u << 20;
  Result<XlsxSheet> read = ReadXlsxSheet(file, "bomb.xlsx", limits);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, ErrorKind::kBadData);
  const std::string message = read.error().ToString();
  EXPECT_THAT(message, HasSubstr("bomb.xlsx"));
  EXPECT_THAT(message, HasSubstr("xl/worksheets/sheet7.xml"));
  EXPECT_THAT(message, HasSubstr("inflated"));
  // Within the default limit it reads.
  EXPECT_TRUE(ReadXlsxSheet(file, "bomb.xlsx").ok());
}

TEST_F(XlsxReaderTest, MoreCellsThanTheLimitAreRefused) {
  std::string data = "<row>";
  for (int c = 0; c < 3000; ++c) data += "<c><v>1</v></c>";  // no references: one after another
  data += "</row>";
  const fs::path file = dir_ / "wide.xlsx";
  ASSERT_TRUE(test::WriteZip(file, test::ExcelStyleWorkbook(data, {})));
  Result<XlsxSheet> read = ReadXlsxSheet(file, "wide.xlsx");
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  EXPECT_EQ(read.value().rows[0].cells.size(), 3000u);
  XlsxLimits limits;
  limits.max_cells = 1000;
  read = ReadXlsxSheet(file, "wide.xlsx", limits);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().ToString(), HasSubstr("at most 1000 cells"));
  // As many shared strings (a table nothing refers to still takes memory).
  ASSERT_TRUE(test::WriteZip(file,
                             test::ExcelStyleWorkbook("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                                                      std::vector<std::string>(1001, "<t>x</t>"))));
  read = ReadXlsxSheet(file, "wide.xlsx", limits);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().ToString(), HasSubstr("xl/sharedStrings.xml"));
  EXPECT_THAT(read.error().ToString(), HasSubstr("at most 1000 shared strings"));
  // A cell beyond Excel's last column.
  ASSERT_TRUE(test::WriteZip(
      file, test::ExcelStyleWorkbook("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", {})));
  read = ReadXlsxSheet(file, "wide.xlsx");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().ToString(), HasSubstr("16384 columns"));
}

TEST_F(XlsxReaderTest, RefusesWhatIsNoXlsxNamingFileAndPart) {
  const fs::path text = dir_ / "sheet.xlsx";
  std::ofstream(text) << "Teilnehmer;Entscheidung\r\n";
  Result<XlsxSheet> read = ReadXlsxSheet(text, "sheet.xlsx");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, ErrorKind::kBadData);
  EXPECT_THAT(read.error().ToString(), HasSubstr("sheet.xlsx"));
  EXPECT_THAT(read.error().ToString(), HasSubstr("zip"));

  read = ReadXlsxSheet(dir_ / "none.xlsx", "none.xlsx");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, ErrorKind::kMissingInput);

  auto parts = test::ExcelStyleWorkbook("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", {});
  for (auto& [name, bytes] : parts) {
    if (name == "xl/worksheets/sheet7.xml") {
      bytes = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet/>";
    }
  }
  ASSERT_TRUE(test::WriteZip(dir_ / "doctype.xlsx", parts));
  read = ReadXlsxSheet(dir_ / "doctype.xlsx", "doctype.xlsx");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().ToString(), HasSubstr("DOCTYPE"));

  parts = test::ExcelStyleWorkbook("<row r=\"1\"><c r=\"A1\"><v>1</v></row>", {});
  ASSERT_TRUE(test::WriteZip(dir_ / "broken.xlsx", parts));
  read = ReadXlsxSheet(dir_ / "broken.xlsx", "broken.xlsx");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().ToString(), HasSubstr("xl/worksheets/sheet7.xml"));
  EXPECT_THAT(read.error().ToString(), HasSubstr("well-formed XML"));

  // A secret in a shared string that is referenced out of range is not
  // repeated, nor any other cell text.
  parts = test::ExcelStyleWorkbook("<row r=\"3\"><c r=\"A3\" t=\"s\"><v>7</v></c></row>",
                                   {"<t>Geheimnis</t>"});
  ASSERT_TRUE(test::WriteZip(dir_ / "index.xlsx", parts));
  read = ReadXlsxSheet(dir_ / "index.xlsx", "index.xlsx");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.error().ToString(), HasSubstr("row 3"));
  EXPECT_THAT(read.error().ToString(), Not(HasSubstr("Geheimnis")));
}

TEST_F(XlsxReaderTest, AWorkbookThatCannotBeWrittenIsAnErrorNamingIt) {
  reports::XlsxLayout layout;
  layout.sheet_name = "Vorschläge";
  layout.columns.push_back(reports::XlsxColumn{"Teilnehmer", 0, false, false, {}});
  const fs::path file = dir_ / "missing-folder" / "book.xlsx";
  reports::XlsxWriter writer(file, layout);
  writer.Text("T-1");
  writer.EndRow();
  const std::optional<Error> error = writer.Close();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, ErrorKind::kCannotWrite);
  EXPECT_THAT(error->ToString(), HasSubstr("missing-folder/book.xlsx"));
  EXPECT_FALSE(fs::exists(file));
}

TEST(LooksLikeZip, TellsXlsxFromCsv) {
  EXPECT_TRUE(LooksLikeZip(std::string("PK\x03\x04rest", 8)));
  EXPECT_FALSE(LooksLikeZip("\xEF\xBB\xBFTeilnehmer;"));
  EXPECT_FALSE(LooksLikeZip("PK"));
}

}  // namespace
}  // namespace jobmatch::store

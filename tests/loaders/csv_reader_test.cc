// Tests loaders/text_encoding.h and loaders/csv_reader.h: bytes as Excel
// writes them in Germany -> UTF-8 -> header and rows with physical lines.

#include "loaders/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "loaders/text_encoding.h"

namespace jobmatch {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kFile = "data/participants.csv";

// ------------------------------------------------------------ encoding

TEST(DecodeText, RemovesTheUtf8ByteOrderMark) {
  const Result<DecodedText> text = DecodeText("\xEF\xBB\xBFid;Straße\r\n", kFile);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value().utf8, "id;Straße\r\n");
  EXPECT_EQ(text.value().encoding, TextEncoding::kUtf8WithBom);
}

TEST(DecodeText, KeepsUtf8WithoutByteOrderMarkAsIs) {
  const Result<DecodedText> text = DecodeText("Führerschein;Größe", kFile);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value().utf8, "Führerschein;Größe");
  EXPECT_EQ(text.value().encoding, TextEncoding::kUtf8);
}

TEST(DecodeText, ConvertsWindows1252UmlautsToUtf8) {
  // "Bäckerei Größe Übung Straße" as Excel writes it in Windows-1252.
  const Result<DecodedText> text = DecodeText(
      "B\xE4"
      "ckerei Gr\xF6\xDF"
      "e \xDC"
      "bung Stra\xDF"
      "e",
      kFile);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value().utf8, "Bäckerei Größe Übung Straße");
  EXPECT_EQ(text.value().encoding, TextEncoding::kWindows1252);
}

TEST(DecodeText, MapsTheWindows1252RangeFrom0x80To0x9F) {
  // € „ “ – — ™ Š Ÿ
  const Result<DecodedText> text = DecodeText("\x80 \x84\x93 \x96 \x97 \x99 \x8A \x9F", kFile);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value().utf8, "€ „“ – — ™ Š Ÿ");
}

TEST(DecodeText, RejectsBytesThatAreNeitherUtf8NorWindows1252) {
  const Result<DecodedText> text = DecodeText(
      "abc\x81"
      "def",
      kFile);  // 0x81: undefined
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().kind, ErrorKind::kBadData);
  EXPECT_EQ(text.error().diagnostics[0].file, kFile);
  EXPECT_THAT(text.error().diagnostics[0].message, HasSubstr("neither UTF-8 nor Windows-1252"));
}

TEST(DecodeText, RefusesAUtf8FileWithAStrayByteNamingLineAndColumn) {
  // "Straße" is UTF-8; 0xE4 (a Windows-1252 "ä") on line 2 is damage.
  const Result<DecodedText> text = DecodeText("id;Straße\nP-1;Gr\xE4\x66\n", kFile);
  ASSERT_FALSE(text.ok());
  EXPECT_THAT(text.error().diagnostics[0].message,
              HasSubstr("UTF-8 but for byte 0xE4 at line 2, column 7"));
}

TEST(DecodeText, ReadsAFileWithoutUtf8CharactersAsWindows1252) {
  const Result<DecodedText> text = DecodeText(
      "id;Stra\xDF"
      "e\nP-1;Gr\xE4"
      "f\n",
      kFile);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value().encoding, TextEncoding::kWindows1252);
  EXPECT_EQ(text.value().utf8, "id;Straße\nP-1;Gräf\n");
}

TEST(DecodeText, AsksToSaveUtf16FilesAsCsvUtf8) {
  for (const std::string& bom : {std::string("\xFF\xFE", 2), std::string("\xFE\xFF", 2)}) {
    const Result<DecodedText> text = DecodeText(bom + std::string("i\0d\0", 4), kFile);
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.error().kind, ErrorKind::kBadData);
    EXPECT_THAT(text.error().diagnostics[0].message, HasSubstr("UTF-16"));
    EXPECT_THAT(text.error().diagnostics[0].message, HasSubstr("CSV UTF-8"));
  }
}

TEST(DecodeText, RejectsNulBytes) {
  const Result<DecodedText> text = DecodeText(std::string("i\0d\0", 4), kFile);
  ASSERT_FALSE(text.ok());
  EXPECT_THAT(text.error().diagnostics[0].message, HasSubstr("NUL"));
}

TEST(IsValidUtf8, RejectsOverlongsSurrogatesAndTruncatedSequences) {
  EXPECT_TRUE(IsValidUtf8("ä€𝄞"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated €
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST(FoldName, IgnoresCaseUmlautCaseAndBlanks) {
  EXPECT_EQ(FoldName("  Max.   Pendelzeit "), "max. pendelzeit");
  EXPECT_EQ(FoldName("FÜHRERSCHEIN"), "führerschein");
  EXPECT_EQ(FoldName("VZÄ"), "vzä");
  EXPECT_EQ(FoldName("Stunden\tpro\xC2\xA0Woche"), "stunden pro woche");
}

// ------------------------------------------------------------ CSV

CsvTable MustParse(const std::string& text) {
  Result<CsvTable> table = ParseCsv(text, kFile);
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().ToString());
  return table.ok() ? table.value() : CsvTable{};
}

TEST(ParseCsv, DetectsSemicolonCommaAndTabSeparators) {
  EXPECT_EQ(MustParse("a;b;c\n1;2;3\n").separator, ';');
  EXPECT_EQ(MustParse("a,b,c\n1,2,3\n").separator, ',');
  EXPECT_EQ(MustParse("a\tb\tc\n1\t2\t3\n").separator, '\t');
  const CsvTable tabs = MustParse("a\tb,x\tc\n1\t2,5\t3\n");
  EXPECT_THAT(tabs.header, ElementsAre("a", "b,x", "c"));
  EXPECT_THAT(tabs.rows[0].cells, ElementsAre("1", "2,5", "3"));
}

TEST(ParseCsv, IgnoresSeparatorsInsideQuotesWhenDetecting) {
  // Two ',' inside quotes, one ';' outside.
  const CsvTable table = MustParse("\"name, first, last\";id\nx;1\n");
  EXPECT_EQ(table.separator, ';');
  EXPECT_THAT(table.header, ElementsAre("name, first, last", "id"));
}

TEST(ParseCsv, BreaksTiesInFavourOfSemicolon) {
  EXPECT_EQ(MustParse("a;b,c\n1;2,3\n").separator, ';');
}

TEST(ParseCsv, HonoursAnExcelSepLine) {
  const CsvTable table = MustParse("sep=,\r\na;b,c\r\n1;2,3\r\n");
  EXPECT_EQ(table.separator, ',');
  EXPECT_THAT(table.header, ElementsAre("a;b", "c"));
  EXPECT_EQ(table.header_line, 2);
}

TEST(ParseCsv, ReadsQuotedCellsWithSeparatorsLineBreaksAndDoubledQuotes) {
  const CsvTable table = MustParse(
      "id;title;note\r\n"
      "V-1;\"Koch; Köchin\";\"Gasthaus \"\"Zur Saale\"\"\"\r\n"
      "V-2;\"Reinigungskraft\r\nTeilzeit\";x\r\n");
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_THAT(table.rows[0].cells, ElementsAre("V-1", "Koch; Köchin", "Gasthaus \"Zur Saale\""));
  EXPECT_THAT(table.rows[1].cells, ElementsAre("V-2", "Reinigungskraft\nTeilzeit", "x"));
}

TEST(ParseCsv, KeepsPhysicalLineNumbersAfterMultiLineCells) {
  const CsvTable table = MustParse(
      "id;title\n"        // line 1
      "V-1;\"one\n"       // line 2
      "two\n"             // line 3
      "three\"\n"         // line 4
      "\n"                // line 5 (blank)
      "V-2;plain\r\n"     // line 6
      "V-3;\"a\r\nb\"\n"  // line 7-8
      "V-4;last");        // line 9, no final line break
  ASSERT_EQ(table.rows.size(), 4u);
  EXPECT_EQ(table.header_line, 1);
  EXPECT_EQ(table.rows[0].line, 2);
  EXPECT_EQ(table.rows[0].cells[1], "one\ntwo\nthree");
  EXPECT_EQ(table.rows[1].line, 6);
  EXPECT_EQ(table.rows[2].line, 7);
  EXPECT_EQ(table.rows[3].line, 9);
  EXPECT_EQ(table.rows[3].cells[1], "last");
}

TEST(ParseCsv, SkipsBlankLinesAndRowsOfEmptyCells) {
  const CsvTable table = MustParse("\n\nid;name\n\n1;a\n;;\n  \n2;b\n\n");
  EXPECT_EQ(table.header_line, 3);
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[1].line, 8);
}

TEST(ParseCsv, AcceptsEmptyTrailingCellsAsExcelWritesThem) {
  const CsvTable table = MustParse("id;name;;\n1;a;;\n2;b\n");
  EXPECT_THAT(table.header, ElementsAre("id", "name"));
  EXPECT_THAT(table.rows[0].cells, ElementsAre("1", "a"));
  EXPECT_THAT(table.rows[1].cells, ElementsAre("2", "b"));
}

TEST(ParseCsv, ReportsRowsWithTooManyOrTooFewCells) {
  const Result<CsvTable> table = ParseCsv("id;name\n1;a\n2;b;c\n3\n4;d\n", kFile);
  ASSERT_FALSE(table.ok());
  const Error& error = table.error();
  EXPECT_EQ(error.kind, ErrorKind::kBadData);
  ASSERT_EQ(error.diagnostics.size(), 2u);
  EXPECT_EQ(error.diagnostics[0].file, kFile);
  EXPECT_EQ(error.diagnostics[0].line, 3);
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("3 cells but the header has 2"));
  EXPECT_EQ(error.diagnostics[1].line, 4);
  EXPECT_THAT(error.diagnostics[1].message, HasSubstr("1 cells but the header has 2"));
}

TEST(ParseCsv, ReportsAnUnterminatedQuoteAtTheLineWhereItsRecordStarts) {
  const Result<CsvTable> table = ParseCsv("id;title\n1;ok\n2;\"never closed\n3;x\n4;y\n", kFile);
  ASSERT_FALSE(table.ok());
  ASSERT_EQ(table.error().diagnostics.size(), 1u);
  EXPECT_EQ(table.error().diagnostics[0].line, 3);
  EXPECT_THAT(table.error().diagnostics[0].message, HasSubstr("never ends"));
}

TEST(ParseCsv, ReportsTextAfterAClosingQuoteAndGoesOn) {
  ProblemList problems(10);
  const CsvTable table = ParseCsv("id;title\n1;\"a\"b\n2;c\n", kFile, &problems);
  ASSERT_EQ(problems.count(), 1);
  EXPECT_EQ(problems.ToError().diagnostics[0].line, 2);
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].cells[0], "2");
}

TEST(ParseCsv, ReportsAnEmptyFile) {
  const Result<CsvTable> table = ParseCsv("\r\n\r\n", kFile);
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.error().diagnostics[0].message, HasSubstr("empty"));
}

TEST(ParseCsv, CountsProblemsBeyondTheLimit) {
  std::string text = "id;name\n";
  for (int i = 0; i < 10; ++i) text += "x\n";
  const Result<CsvTable> table = ParseCsv(text, kFile, 3);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().diagnostics.size(), 3u);
  EXPECT_EQ(table.error().suppressed, 7);
}

TEST(ParseCsv, ReadsWhatWindows1252DecodingProduces) {
  const Result<DecodedText> text =
      DecodeText("Kennung;F\xFChrerschein\r\nP-1;ja\r\nP-2;\"nein\r\n(abgelaufen)\"\r\n", kFile);
  ASSERT_TRUE(text.ok());
  const CsvTable table = MustParse(text.value().utf8);
  EXPECT_THAT(table.header, ElementsAre("Kennung", "Führerschein"));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[1].cells[1], "nein\n(abgelaufen)");
  EXPECT_EQ(table.rows[1].line, 3);
}

}  // namespace
}  // namespace jobmatch

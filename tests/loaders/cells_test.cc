// Tests loaders/cells.h: the cell parsers and CellReader's defaults and ranges.

#include "loaders/cells.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace jobmatch {
namespace {

using ::testing::HasSubstr;

TEST(ParseYesNo, AcceptsEnglishGermanAndExcelSpellings) {
  for (const char* yes : {"true", "Yes", "ja", "JA", "WAHR", "1", "x", " X "}) {
    EXPECT_EQ(ParseYesNo(yes), true) << yes;
  }
  for (const char* no : {"false", "No", "nein", "FALSCH", "0"})
    EXPECT_EQ(ParseYesNo(no), false) << no;
  for (const char* bad : {"", "vielleicht", "2", "jein"}) EXPECT_FALSE(ParseYesNo(bad)) << bad;
}

TEST(ParseDecimal, AcceptsDecimalCommaAndPointButNoThousandsSeparators) {
  EXPECT_EQ(ParseDecimal("38,5"), 38.5);
  EXPECT_EQ(ParseDecimal(" 38.5 "), 38.5);
  EXPECT_EQ(ParseDecimal("40"), 40.0);
  EXPECT_EQ(ParseDecimal("-2"), -2.0);
  EXPECT_EQ(ParseDecimal("+0,75"), 0.75);
  EXPECT_EQ(ParseDecimal("1e-05"), 1e-05);
  for (const char* bad : {"", "1.000,5", "1,000.5", "38,5h", "nan", "inf", "1 000", ","}) {
    EXPECT_FALSE(ParseDecimal(bad)) << bad;
  }
}

TEST(ParseWholeNumber, AcceptsOnlyWholeValuesThatFit) {
  EXPECT_EQ(ParseWholeNumber("12"), 12);
  EXPECT_EQ(ParseWholeNumber("12,0"), 12);
  EXPECT_EQ(ParseWholeNumber("-3"), -3);
  EXPECT_FALSE(ParseWholeNumber("12,5"));
  EXPECT_FALSE(ParseWholeNumber("3000000000"));
}

TEST(ParseGermanLevel, AcceptsCefrAndGermanWordsForNone) {
  EXPECT_EQ(ParseGermanLevel("B1.2"), CefrLevel::kB1);
  EXPECT_EQ(ParseGermanLevel("c1"), CefrLevel::kC1);
  EXPECT_EQ(ParseGermanLevel("keine"), CefrLevel::kA0);
  EXPECT_EQ(ParseGermanLevel("Ohne"), CefrLevel::kA0);
  EXPECT_FALSE(ParseGermanLevel("B3"));
  EXPECT_FALSE(ParseGermanLevel("gut"));
}

TEST(ParseCoordinates, AcceptsTheUsualWaysOfWritingAPair) {
  for (const char* text : {"51.7946 11.7401",
                           "51,7946 11,7401",
                           "51.7946/11.7401",
                           "51.7946;11.7401",
                           "51.7946,11.7401",
                           "51.7946, 11.7401"}) {
    const std::optional<GeoPoint> p = ParseCoordinates(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(p->lat, 51.7946) << text;
    EXPECT_EQ(p->lon, 11.7401) << text;
  }
  for (const char* bad : {"51.7946", "51,79,11,74", "Bernburg", "51.7 11.7 3"}) {
    EXPECT_FALSE(ParseCoordinates(bad)) << bad;
  }
}

TEST(ParseEnums, AcceptEnglishAndGermanSpellingsInAnyCase) {
  EXPECT_EQ(ParseQualification("Berufsausbildung"), Qualification::kVocational);
  EXPECT_EQ(ParseGoal("PRAKTIKUM"), Goal::kInternship);
  EXPECT_EQ(ParseVacancyKind("Ausbildung"), VacancyKind::kTraining);
  EXPECT_EQ(ParseCourseKind("Sprachkurs"), CourseKind::kLanguage);
  EXPECT_EQ(ParseOutcomeKind("dropped out"), OutcomeKind::kDroppedOut);
  EXPECT_FALSE(ParseGoal("Urlaub"));
}

TEST(SplitCodes, SplitsOnBarsLineBreaksAndCommaOnlyWhenAllowed) {
  EXPECT_EQ(SplitCodes(" a | b\nc ||", false), (std::vector<std::string_view>{"a", "b", "c"}));
  EXPECT_EQ(SplitCodes("a,b", false), (std::vector<std::string_view>{"a,b"}));
  EXPECT_EQ(SplitCodes("a, b", true), (std::vector<std::string_view>{"a", "b"}));
}

TEST(KldbCode, AcceptsFiveDigitsAndBerufskennziffern) {
  EXPECT_EQ(KldbCode("52122"), "52122");
  EXPECT_EQ(KldbCode("B 52122-100"), "52122");
  EXPECT_FALSE(KldbCode("5212"));
  EXPECT_FALSE(KldbCode("B 52122-10000"));
}

TEST(CellReader, ReportsFileLineFieldAndWhatWasExpected) {
  RawTable table;
  table.file = "vacancies.csv";
  table.present = true;
  std::vector<std::string> cells(Columns(Table::kVacancies).size());
  cells[kVacancyMinGermanLevel] = "B7";
  table.records.push_back(RawRecord{12, "", cells, {}});
  ProblemList problems(10);
  CellReader reader(Table::kVacancies, table, 0, &problems);
  EXPECT_EQ(reader.Level(kVacancyMinGermanLevel, CefrLevel::kA2), CefrLevel::kA2);
  const Error error = problems.ToError();
  ASSERT_EQ(error.diagnostics.size(), 1U);
  EXPECT_EQ(error.diagnostics[0].file, "vacancies.csv");
  EXPECT_EQ(error.diagnostics[0].line, 12);
  EXPECT_EQ(error.diagnostics[0].field, "min_german_level");
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("CEFR level"));
}

// ------------------------------------------------------------ Excel damage

TEST(LooksLikeScientificNotation, RecognisesWhatExcelShowsForLongNumbers) {
  for (const char* text : {"1,23457E+11", "1.23E+05", "4E+12", "1,5089E+07", "-2e-3"}) {
    EXPECT_TRUE(LooksLikeScientificNotation(text)) << text;
  }
  for (const char* text : {"", "B1", "E1", "12", "P-001", "2E", "1,2,3E+4", "E-02", "1E+1234"}) {
    EXPECT_FALSE(LooksLikeScientificNotation(text)) << text;
  }
}

TEST(LooksLikeRoundedLongNumber, RecognisesDigitsBeyondTheFifteenthTurnedToZeros) {
  EXPECT_TRUE(LooksLikeRoundedLongNumber("1234567890123450"));
  EXPECT_TRUE(LooksLikeRoundedLongNumber("123456789012345000"));
  EXPECT_FALSE(LooksLikeRoundedLongNumber("123456789012345"));   // 15 digits survive
  EXPECT_FALSE(LooksLikeRoundedLongNumber("1234567890123456"));  // not rounded
  EXPECT_FALSE(LooksLikeRoundedLongNumber("P-1234567890123450"));
}

TEST(ExcelSerialDate, ReadsSerialNumbersOfPlausibleDatesOnly) {
  ASSERT_TRUE(ExcelSerialDate("45981"));
  EXPECT_EQ(FormatDate(*ExcelSerialDate("45981")), "2025-11-20");
  EXPECT_EQ(FormatDate(*ExcelSerialDate("25569")), "1970-01-01");
  for (const char* text : {"2025", "18263", "73051", "45981,5", "4598", "123456"}) {
    EXPECT_FALSE(ExcelSerialDate(text)) << text;
  }
}

TEST(LooksCutAtExcelLimit, CountsCharactersAsExcelDoes) {
  EXPECT_TRUE(LooksCutAtExcelLimit(std::string(kExcelCellLimit, 'a')));
  EXPECT_FALSE(LooksCutAtExcelLimit(std::string(kExcelCellLimit - 1, 'a')));
  EXPECT_FALSE(LooksCutAtExcelLimit(std::string(kExcelCellLimit + 1, 'a')));
  // "ä" is two bytes but one character.
  std::string umlauts;
  for (size_t i = 0; i < kExcelCellLimit; ++i) umlauts += "ä";
  EXPECT_TRUE(LooksCutAtExcelLimit(umlauts));
}

// ------------------------------------------------------------ CellReader checks

class CellReaderChecks : public ::testing::Test {
 protected:
  // A reader over one vacancy whose `column` holds `cell`.
  CellReader Reader(int column, std::string cell) {
    table_.file = "vacancies.csv";
    table_.present = true;
    std::vector<std::string> cells(Columns(Table::kVacancies).size());
    cells[static_cast<size_t>(column)] = std::move(cell);
    table_.records.assign(1, RawRecord{3, "", cells, {}});
    return CellReader(Table::kVacancies, table_, 0, &problems_);
  }
  std::string Messages() const { return problems_.ToError().ToString(); }

  RawTable table_;
  ProblemList problems_{10};
};

TEST_F(CellReaderChecks, AcceptsTextWithTabsLineBreaksAndUmlauts) {
  EXPECT_TRUE(Reader(kVacancyTitle, "Koch/Köchin\tVollzeit\r\nab sofort").CheckText(kVacancyTitle));
  EXPECT_TRUE(problems_.empty());
}

TEST_F(CellReaderChecks, RefusesBytesThatAreNotUtf8WithoutRepeatingThem) {
  EXPECT_FALSE(Reader(kVacancyTitle, "Koch\xFF").CheckText(kVacancyTitle));
  EXPECT_THAT(Messages(), HasSubstr("byte 5 of the value is not UTF-8"));
  EXPECT_EQ(Messages().find('\xFF'), std::string::npos);
}

TEST_F(CellReaderChecks, RefusesControlCharacters) {
  for (const char* text : {"K\x01"
                           "BBG",
                           "Koch\x7F",
                           "Koch\xC2\x85"}) {
    problems_ = ProblemList(10);
    EXPECT_FALSE(Reader(kVacancyTitle, text).CheckText(kVacancyTitle)) << text;
    EXPECT_THAT(Messages(), HasSubstr("without control characters"));
  }
}

TEST_F(CellReaderChecks, RefusesTextCutAtExcelsLimit) {
  EXPECT_FALSE(Reader(kVacancyTitle, std::string(kExcelCellLimit, 'x')).CheckText(kVacancyTitle));
  EXPECT_THAT(Messages(), HasSubstr("32,767"));
  EXPECT_THAT(Messages(), HasSubstr("(a text of 32767 characters)"));
}

TEST_F(CellReaderChecks, RefusesIdsWithLineBreaksOrExcelDamage) {
  const std::pair<const char*, const char*> cases[] = {
      {"V\t1", "without tabs or line breaks"},
      {"1,23457E+11", "scientific notation"},
      {"1234567890123450000", "rounded to 15 digits"},
  };
  for (const auto& [id, says] : cases) {
    problems_ = ProblemList(10);
    EXPECT_FALSE(Reader(kVacancyId, id).CheckId(kVacancyId)) << id;
    EXPECT_THAT(Messages(), HasSubstr(says));
  }
  problems_ = ProblemList(10);
  EXPECT_TRUE(Reader(kVacancyId, "V-0012").CheckId(kVacancyId));
}

TEST_F(CellReaderChecks, SaysWhenADateBecameAnExcelSerialNumber) {
  EXPECT_FALSE(Reader(kVacancyStartDate, "45981").DateCell(kVacancyStartDate));
  EXPECT_THAT(Messages(), HasSubstr("serial number (2025-11-20?)"));
}

}  // namespace
}  // namespace jobmatch

// Tests loaders/cells.h: the cell parsers and CellReader's defaults and ranges.

#include "loaders/cells.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
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
  table.records.push_back(RawRecord{12, "", cells});
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

}  // namespace
}  // namespace jobmatch

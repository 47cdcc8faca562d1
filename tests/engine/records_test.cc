#include "engine/records.h"

#include <gtest/gtest.h>

#include "engine/result.h"

namespace jobmatch {
namespace {

TEST(ParseCefr, AcceptsEveryLevelInAnyCaseWithSubLevels) {
  EXPECT_EQ(ParseCefr("A0"), CefrLevel::kA0);
  EXPECT_EQ(ParseCefr("a2"), CefrLevel::kA2);
  EXPECT_EQ(ParseCefr(" B1 "), CefrLevel::kB1);
  EXPECT_EQ(ParseCefr("B1.2"), CefrLevel::kB1);
  EXPECT_EQ(ParseCefr("B2+"), CefrLevel::kB2);
  EXPECT_EQ(ParseCefr("C2"), CefrLevel::kC2);
  for (int i = 0; i < kNumCefrLevels; ++i) {
    const auto level = static_cast<CefrLevel>(i);
    EXPECT_EQ(ParseCefr(CefrName(level)), level);
  }
}

TEST(ParseCefr, RejectsWhatIsNotALevel) {
  EXPECT_FALSE(ParseCefr(""));
  EXPECT_FALSE(ParseCefr("B3"));
  EXPECT_FALSE(ParseCefr("A3"));
  EXPECT_FALSE(ParseCefr("C0"));
  EXPECT_FALSE(ParseCefr("gut"));
  EXPECT_FALSE(ParseCefr("B1.x"));
}

TEST(ParseDate, ReadsIsoAndGermanFormsAndRoundTrips) {
  const auto iso = ParseDate("2025-03-01");
  const auto german = ParseDate("01.03.2025");
  ASSERT_TRUE(iso && german);
  EXPECT_EQ(*iso, *german);
  EXPECT_EQ(FormatDate(*iso), "2025-03-01");
  EXPECT_EQ(ParseDate("1970-01-01")->days, 0);
  EXPECT_EQ(FormatDate(Date{20'414}), "2025-11-22");
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
}

TEST(ParseDate, RejectsImpossibleDays) {
  EXPECT_FALSE(ParseDate("2025-02-29"));
  EXPECT_FALSE(ParseDate("2025-13-01"));
  EXPECT_FALSE(ParseDate("31.04.2025"));
  EXPECT_FALSE(ParseDate("2025/03/01"));
  EXPECT_FALSE(ParseDate(""));
}

TEST(SizeClassOf, FollowsTheEuHeadcountClasses) {
  EXPECT_EQ(SizeClassOf(0), SizeClass::kMicro);
  EXPECT_EQ(SizeClassOf(9), SizeClass::kMicro);
  EXPECT_EQ(SizeClassOf(10), SizeClass::kSmall);
  EXPECT_EQ(SizeClassOf(49), SizeClass::kSmall);
  EXPECT_EQ(SizeClassOf(50), SizeClass::kMedium);
  EXPECT_EQ(SizeClassOf(249), SizeClass::kMedium);
  EXPECT_EQ(SizeClassOf(250), SizeClass::kLarge);
}

TEST(Diagnostic, NamesFileLineFieldValueAndExpectation) {
  const Diagnostic d{
      "data/vacancies.csv", 12, "min_german_level", "B3", "expected a CEFR level A0..C2"};
  EXPECT_EQ(d.ToString(),
            "data/vacancies.csv:12: field 'min_german_level' = 'B3': expected a CEFR level A0..C2");
}

TEST(Diagnostic, DescribesFreeTextInsteadOfRepeatingIt) {
  const Diagnostic d{
      "p.csv", 4, "place", "Max Mustermann, Hauptstr. 5, Bernburg", "expected a place"};
  EXPECT_EQ(d.ToString(), "p.csv:4: field 'place' = (a text of 37 characters): expected a place");
}

TEST(IsQuotableValue, QuotesCodesButNotProse) {
  for (const char* code : {"B7",
                           "06406",
                           "06406 Bernburg",
                           "51,79 11,74",
                           "P-001",
                           "1,23457E+11",
                           "2025-13-01",
                           "ja",
                           "x"}) {
    EXPECT_TRUE(IsQuotableValue(code)) << code;
  }
  for (const char* text : {"",
                           "Ali Hassan",
                           "a b c",
                           "max@example.org",
                           "0176 1234567 privat",
                           "x\x01y",
                           "a value that is much too long to be a code",
                           "vielleicht",
                           "Straße",
                           "Freitext-Notiz-Schmidt"}) {
    EXPECT_FALSE(IsQuotableValue(text)) << text;
  }
  EXPECT_EQ(ShownValue("Ali Hassan"), "(a text of 10 characters)");
  EXPECT_EQ(ShownValue("Zoë"), "(a text of 3 characters)");
  EXPECT_EQ(ShownValue("B7"), "'B7'");
}

}  // namespace
}  // namespace jobmatch

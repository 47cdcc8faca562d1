// tests/synth/anchors_test.cc
//
// The note parsers and the choice of anchor row behind the generator's
// published figures (synth/anchors.h), on hand-written anchors.

#include "synth/anchors.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace jobmatch::synth {
namespace {

StatisticsAnchor Row(std::string topic, std::string date, double value, std::string note = "") {
  StatisticsAnchor a;
  a.topic = std::move(topic);
  a.reference_date = std::move(date);
  a.value = value;
  a.note = std::move(note);
  return a;
}

TEST(PercentBefore, ReadsTheNumberBeforeTheLabelAndNotALongerLabel) {
  const std::string note = "48.7 % B1, 40.8 % A2, 10.5 % below A2";
  EXPECT_DOUBLE_EQ(PercentBefore(note, "A2").value(), 40.8);
  EXPECT_DOUBLE_EQ(PercentBefore(note, "B1").value(), 48.7);
  EXPECT_DOUBLE_EQ(PercentBefore(note, "below A2").value(), 10.5);
  EXPECT_FALSE(PercentBefore("12 % A2x", "A2").has_value());
  EXPECT_FALSE(PercentBefore("% A2", "A2").has_value());
  EXPECT_FALSE(PercentBefore("no figure here", "A2").has_value());
}

TEST(NumberAfter, ReadsTheNumberAfterTheMarker) {
  EXPECT_DOUBLE_EQ(
      NumberAfter("Units with 250+ employees: 0.5 % of units", "250+ employees:").value(), 0.5);
  EXPECT_FALSE(NumberAfter("250+ employees: n/a", "250+ employees:").has_value());
  EXPECT_FALSE(NumberAfter("nothing", "250+ employees:").has_value());
}

TEST(LatestAnchor, TakesTheLatestRowAndWholeYearsFirstWhenAsked) {
  ReferenceData r;
  r.anchors = {Row("t", "2017", 1), Row("t", "2018-01..09", 2), Row("u", "2030", 3)};
  EXPECT_DOUBLE_EQ(LatestAnchor(r, "t", false)->value, 2);
  EXPECT_DOUBLE_EQ(LatestAnchor(r, "t", true)->value, 1);
  EXPECT_EQ(LatestAnchor(r, "missing", false), nullptr);
}

TEST(ReadFigures, NamesTheMissingTopicAndNoLoaderFile) {
  ReferenceData r;
  r.anchors = {Row("dtz_result_b1", "2017", 48.7, "48.7 % B1, 40.8 % A2")};
  const Result<Figures> figures = ReadFigures(r);
  ASSERT_FALSE(figures.ok());
  const std::string message = figures.error().ToString();
  EXPECT_NE(message.find("firms_micro_share"), std::string::npos) << message;
  EXPECT_EQ(message.find(".csv"), std::string::npos) << message;
  EXPECT_EQ(figures.error().kind, ErrorKind::kUsage);
}

TEST(FixedWeight, RoundsToSixDecimalsAndIsZeroForNothing) {
  EXPECT_EQ(FixedWeight(0.4870000001), 487'000);
  EXPECT_EQ(FixedWeight(0.0), 0);
  EXPECT_EQ(FixedWeight(-1.0), 0);
}

}  // namespace
}  // namespace jobmatch::synth

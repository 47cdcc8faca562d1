// Tests reports/regional_writer.h on hand-made figures: KldB area names come
// from the reference data (loaders/refdata/kldb_areas.csv) and an unknown
// code falls back to the code; the course-reach table and sentence, with
// every small count withheld.

#include "reports/regional_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "loaders/reference_loader.h"
#include "tests/reports/markup_check.h"

namespace jobmatch::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const OutputFile& Table(const std::vector<OutputFile>& files, const std::string& name) {
  for (const OutputFile& f : files) {
    if (f.name == name) return f;
  }
  static const OutputFile kNone;
  ADD_FAILURE() << "no " << name;
  return kNone;
}

RegionalReport WithAreas(const std::vector<std::string>& areas) {
  RegionalReport report;
  report.run_date = "2026-11-22";
  RegionalSlice all;
  all.participants = 40;
  all.vacancies = 30;
  all.openings = 35;
  for (const std::string& area : areas) {
    all.vacancies_by_area.push_back({area, false, 10});
    all.balance.push_back({area, 10, false, 5, 10});
  }
  report.summary.slices = {all};
  return report;
}

TEST(KldbAreaNames, ComeFromTheReferenceFileAndAnUnknownCodeStaysACode) {
  const Result<ReferenceData> reference = LoadReferenceData(DefaultReferenceDir());
  ASSERT_TRUE(reference.ok()) << reference.error().ToString();
  RegionalReport report = WithAreas({"52", "21", "98"});
  report.area_names = KldbAreaNames(reference.value());
  ASSERT_EQ(report.area_names.size(), 47u);
  const std::string html = RegionalHtml(report);
  ASSERT_EQ(jobmatch::testing::CheckMarkup(html).problem, "");
  EXPECT_THAT(html, HasSubstr("52 Führer/innen von Fahrzeug- und Transportgeräten"));
  // The published title, not a shortened one typed by hand.
  EXPECT_THAT(html,
              HasSubstr("21 Rohstoffgewinnung und -aufbereitung, Glas- und Keramikherstellung und "
                        "-verarbeitung"));
  // 98 is no KldB area: shown as the code alone, in the chart and the tables.
  EXPECT_THAT(html, HasSubstr(">98<"));
  const std::string balance = Table(RegionalTables(report), "report_balance.csv").bytes;
  EXPECT_THAT(balance,
              HasSubstr("gesamt;gesamt;52;Führer/innen von Fahrzeug- und Transportgeräten;"));
  EXPECT_THAT(balance, HasSubstr("gesamt;gesamt;98;;10;5;10;nein"));
}

TEST(KldbAreaNames, WithoutReferenceNamesEveryAreaIsItsCode) {
  const RegionalReport report = WithAreas({"52"});
  const std::string html = RegionalHtml(report);
  EXPECT_THAT(html, HasSubstr(">52<"));
  EXPECT_THAT(html, Not(HasSubstr("Führer/innen")));
}

}  // namespace
}  // namespace jobmatch::reports

// Tests reports/regional_writer.h on hand-made figures: KldB area names come
// from the reference data (loaders/refdata/kldb_areas.csv) and an unknown
// code falls back to the code; the course-reach table and sentence, with
// every small count withheld; the capacity table with a withheld coordinator.

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

// B1: 15 would gain a vacancy; 7 have course C-7 in time; 8 none, 2 of them
// in district 15089 (withheld as small, and that row's in-time count with
// them). Which counts the engine withholds is tested in
// tests/engine/regional_test.cc; here, how withheld counts are written.
RegionalReport WithCourseReach() {
  RegionalReport report;
  report.run_date = "2026-11-22";
  report.district_names = {{"15089", "Salzlandkreis"}, {"15001", "Flensburg"}};
  RegionalSlice all;
  all.participants = 40;
  RegionalSlice salzlandkreis = all;
  salzlandkreis.kind = SliceKind::kDistrict;
  salzlandkreis.key = "15089";
  RegionalSlice flensburg = salzlandkreis;
  flensburg.key = "15001";
  report.summary.slices = {all, salzlandkreis, flensburg};
  CourseNeed need;
  need.level = CefrLevel::kB1;
  need.below = 30;
  need.proposals_before = 10;
  need.proposals_after = 12;
  need.raised_placed_after = {3, true};
  CourseOffer x;
  x.course = CourseIndex(0);
  x.id = "C-7";
  x.kind = CourseKind::kIntegration;
  x.target_level = CefrLevel::kB1;
  x.place_name = "Calbe (Saale)";
  x.district_key = "15089";
  x.start_date = ParseDate("2026-12-19");
  x.weeks = 24;
  x.in_time = {7, false};
  need.offers = {x};
  need.reach = {
      {SliceKind::kAll, "", {15, false}, {7, false}, {0, false}, {8, false}, 0},
      {SliceKind::kDistrict, "15089", {9, false}, {0, true}, {0, false}, {0, true}, 0},
      {SliceKind::kDistrict, "15001", {6, false}, {0, false}, {0, false}, {6, false}, -1},
  };
  report.summary.course_needs = {need};
  return report;
}

TEST(RegionalHtml, SaysWhereACourseWouldBeWithinReachWithSmallCountsWithheld) {
  const RegionalReport report = WithCourseReach();
  const std::string html = RegionalHtml(report);
  ASSERT_EQ(jobmatch::testing::CheckMarkup(html).problem, "");
  EXPECT_THAT(
      html,
      HasSubstr("Sprachkurs bis B1 (30 Personen darunter): 15 gewönnen eine mögliche "
                "Stelle hinzu; für 7 ist ein Kurs in Pendelreichweite, der rechtzeitig "
                "endet (für die meisten: Integrationskurs C-7 ab 19.12.2026 (24 Wochen) in "
                "Calbe (Saale), Salzlandkreis), für niemanden nur einer, der zu spät endet; 8 "
                "haben keinen Kurs bis B1 in Reichweite, die meisten im Landkreis "
                "Flensburg (6)."));
  EXPECT_THAT(html, HasSubstr("Wo ein Kurs bis B1 erreichbar wäre"));
  // Salzlandkreis: 9 gain; in time and none both withheld, with one marker.
  EXPECT_THAT(html,
              HasSubstr("<td>Landkreis Salzlandkreis</td><td class=\"num\">9</td><td>×</td>"
                        "<td class=\"num\">0</td><td>×</td>"));
  const std::vector<OutputFile> tables = RegionalTables(report);
  const std::string reach = Table(tables, "report_course_reach.csv").bytes;
  EXPECT_THAT(reach, HasSubstr("B1;gesamt;gesamt;15;7;0;8;C-7;nein\r\n"));
  EXPECT_THAT(reach, HasSubstr("B1;Landkreis;Salzlandkreis;9;;0;;C-7;ja\r\n"));
  EXPECT_THAT(reach, HasSubstr("B1;Landkreis;Flensburg;6;0;0;6;;nein\r\n"));
  const std::string offers = Table(tables, "report_course_offers.csv").bytes;
  EXPECT_THAT(offers,
              HasSubstr("B1;C-7;Integrationskurs;B1;Calbe (Saale);Salzlandkreis;2026-12-19;24;7;0;"
                        "nein\r\n"));
  const std::string courses = Table(tables, "report_courses.csv").bytes;
  EXPECT_THAT(courses, HasSubstr("B1;30;15;7;0;8;10;12;;ja\r\n"));
}

// K1 (3 participants) is withheld in the people tables, K2 (20) is not: the
// capacity table shows K1's places, values and target but not its
// participants and proposals (the engine sets them to 0 and `withheld`).
TEST(RegionalTables, TheCapacityTableWithholdsAWithheldCoordinatorsPeople) {
  RegionalReport report = WithAreas({"25"});
  report.summary.slices.front().participants = 23;
  CapacityValue k1;
  k1.id = "K1";
  k1.fte = 0.5;
  k1.capacity = 6;
  k1.withheld = true;
  k1.dual_value = 1.25;
  k1.objective_gain = 1.5;
  k1.extra_proposals = 1;
  k1.yearly_target = 20;
  CapacityValue k2 = k1;
  k2.id = "K2";
  k2.withheld = false;
  k2.participants = 20;
  k2.proposals = 4;
  report.summary.capacity = {k1, k2};
  const std::string csv = Table(RegionalTables(report), "report_capacity.csv").bytes;
  EXPECT_THAT(csv, HasSubstr(";Jahresziel;zurückgehalten\r\n"));
  EXPECT_THAT(csv, HasSubstr("K1;0,50;6;;;1,2500;1,5000;1;20,0;ja\r\n"));
  EXPECT_THAT(csv, HasSubstr("K2;0,50;6;20;4;1,2500;1,5000;1;20,0;nein\r\n"));
  const std::string html = RegionalHtml(report);
  ASSERT_EQ(jobmatch::testing::CheckMarkup(html).problem, "");
  EXPECT_THAT(html,
              HasSubstr("<td>K1</td><td class=\"num\">0,50</td><td class=\"num\">6</td>"
                        "<td>×</td><td>×</td>"));
  EXPECT_THAT(html,
              HasSubstr("<td>K2</td><td class=\"num\">0,50</td><td class=\"num\">6</td>"
                        "<td class=\"num\">20</td><td class=\"num\">4</td>"));
}

}  // namespace
}  // namespace jobmatch::reports

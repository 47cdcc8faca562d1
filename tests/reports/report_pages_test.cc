// Tests reports/svg_chart.h, reports/html_page.h, reports/evaluation_writer.h
// and reports/regional_writer.h by parsing what they write: well-formed
// markup, one bar per value, every label escaped, withheld groups without
// figures, no script and nothing loaded from elsewhere.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reports/evaluation_writer.h"
#include "reports/html_page.h"
#include "reports/regional_writer.h"
#include "reports/svg_chart.h"
#include "tests/reports/markup_check.h"

namespace jobmatch::reports {
namespace {

using jobmatch::testing::CheckMarkup;
using jobmatch::testing::MarkupCheck;

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(BarChart, IsWellFormedWithOneBarPerValueAndEscapedLabels) {
  const std::vector<Bar> bars = {{"Exakt <Optimum>", 24, "24"},
                                 {"Greedy & Co", 22, "22"},
                                 {"\"Zufall\"", 0, "0"},
                                 {"negativ", -3, "-3", true}};
  const std::string svg = BarChart(bars, {.title = "Vorschläge <je> Verfahren"});
  const MarkupCheck check = CheckMarkup(svg);
  ASSERT_EQ(check.problem, "") << svg;
  EXPECT_EQ(check.elements.at("svg"), 1);
  EXPECT_EQ(check.elements.at("rect"), 4);
  EXPECT_EQ(check.elements.at("title"), 1);
  EXPECT_NE(svg.find("Exakt &lt;Optimum&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Greedy &amp; Co"), std::string::npos);
  EXPECT_NE(svg.find("&quot;Zufall&quot;"), std::string::npos);
  EXPECT_EQ(svg.find("<Optimum>"), std::string::npos);
  EXPECT_EQ(Count(svg, "class=\"bar bar-flag\""), 1);
  // No bar is wider than the chart, none negative; the largest fills the scale.
  EXPECT_EQ(svg.find("width=\"-"), std::string::npos);
}

TEST(BarChart, LongestBarForTheLargestValueAndZeroForZero) {
  const std::vector<Bar> bars = {{"a", 10, "10"}, {"b", 5, "5"}, {"c", 0, "0"}};
  const std::string svg = BarChart(bars, {.title = "t", .width = 400, .label_width = 100});
  std::vector<double> widths;
  for (size_t at = svg.find("<rect"); at != std::string::npos; at = svg.find("<rect", at + 1)) {
    const size_t w = svg.find("width=\"", at) + 7;
    widths.push_back(std::stod(svg.substr(w, svg.find('"', w) - w)));
  }
  ASSERT_EQ(widths.size(), 3u);
  EXPECT_NEAR(widths[1] * 2, widths[0], 0.2);
  EXPECT_EQ(widths[2], 0.0);
  EXPECT_LE(widths[0], 400 - 100);
}

TEST(GroupedBarChart, OneBarPerSeriesAndCategoryPlusLegend) {
  GroupedBars bars;
  bars.categories = {"weiblich", "männlich", "<divers>"};
  bars.series = {"Optimum", "Greedy"};
  bars.values = {{30, 27, 20}, {31, 25, 10}};
  bars.texts = {{"30 %", "27 %", "20 %"}, {"31 %", "25 %", "10 %"}};
  const std::string svg = GroupedBarChart(bars, {.title = "Quote", .max = 100});
  const MarkupCheck check = CheckMarkup(svg);
  ASSERT_EQ(check.problem, "") << svg;
  EXPECT_EQ(check.elements.at("rect"), 3 * 2 + 2);  // bars plus two legend swatches
  EXPECT_EQ(Count(svg, "class=\"bar s0\""), 3);
  EXPECT_EQ(Count(svg, "class=\"bar s1\""), 3);
  EXPECT_NE(svg.find("&lt;divers&gt;"), std::string::npos);
}

TEST(MarkupCheck, FindsTheProblemsItIsMeantToFind) {
  EXPECT_NE(CheckMarkup("<svg><rect></svg>").problem, "");
  EXPECT_NE(CheckMarkup("<p>a < b</p>").problem, "");
  EXPECT_NE(CheckMarkup("<p>a & b</p>").problem, "");
  EXPECT_NE(CheckMarkup("<rect width=3/>").problem, "");
  EXPECT_EQ(CheckMarkup("<p>a &amp; b<br></p>").problem, "");
}

TEST(FormatNumber, GermanDecimalCommaAndThousandsDot) {
  EXPECT_EQ(FormatNumber(1234.5, 1), "1.234,5");
  EXPECT_EQ(FormatNumber(0.8349, 2), "0,83");
  EXPECT_EQ(FormatNumber(-12, 0), "-12");
  EXPECT_EQ(FormatNumber(-0.0001, 2), "0,00");
  EXPECT_EQ(FormatNumber(1234567, 0), "1.234.567");
  EXPECT_EQ(FormatPercent(0.834), "83,4 %");
}

TEST(RenderTable, EscapesEveryCell) {
  HtmlTable table;
  table.header = {"<Gruppe>"};
  table.rows = {{"a & b"}, {"<script>alert(1)</script>"}};
  const std::string html = RenderTable(table);
  EXPECT_EQ(CheckMarkup(html).problem, "");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
}

EvaluationReport HandMadeReport() {
  EvaluationReport report;
  report.run_date = "2026-11-22";
  report.participants = 20;
  report.vacancies = 10;
  report.openings = 12;
  report.coordinators = 1;
  report.coordinator_ids = {"K-1"};
  for (const char* name : {"optimal", "greedy"}) {
    MethodMetrics m;
    m.name = name;
    m.participants = 20;
    m.proposals = 8;
    m.unplaced = 12;
    m.coordinators.push_back({CoordinatorIndex(0), 8, 20, 8});
    GroupFigure shown;
    shown.kind = GroupKind::kGender;
    shown.key = "female";
    shown.participants = 17;
    shown.placed = 7;
    shown.placement_rate = 7.0 / 17;
    shown.ratio_to_best = 1.0;
    GroupFigure withheld;
    withheld.kind = GroupKind::kGender;
    withheld.key = "diverse";
    withheld.suppressed = true;
    m.groups = {withheld, shown};
    report.methods.push_back(m);
  }
  return report;
}

TEST(EvaluationJson, HasTheMethodsListAndNullsForWithheldGroups) {
  const nlohmann::json j = nlohmann::json::parse(EvaluationJson(HandMadeReport()));
  ASSERT_TRUE(j["methods"].is_array());
  EXPECT_EQ(j["methods"][0]["name"], "optimal");
  for (const char* field : {"proposals", "objective", "total_score", "unplaced", "groups"}) {
    EXPECT_TRUE(j["methods"][0].contains(field)) << field;
  }
  EXPECT_EQ(j["methods"][0]["proposals"], 8);
  const nlohmann::json& withheld = j["methods"][0]["groups"][0];
  EXPECT_EQ(withheld["key"], "diverse");
  EXPECT_TRUE(withheld["suppressed"].get<bool>());
  EXPECT_TRUE(withheld["participants"].is_null());
  EXPECT_TRUE(withheld["placement_rate"].is_null());
  ASSERT_TRUE(j["groups"].is_array());
  EXPECT_TRUE(j["groups"][0]["methods"]["optimal"].is_null());
  EXPECT_EQ(j["groups"][1]["methods"]["greedy"]["placed"], 7);
  // No outcomes recorded: no rates at all.
  EXPECT_TRUE(j["outcomes"]["total"].is_null());
}

TEST(EvaluationHtml, IsSelfContainedWellFormedAndSaysWhenThereAreNoOutcomes) {
  const std::string html = EvaluationHtml(HandMadeReport());
  const MarkupCheck check = CheckMarkup(html);
  ASSERT_EQ(check.problem, "");
  EXPECT_EQ(check.elements.count("script"), 0u);
  EXPECT_EQ(check.elements.count("link"), 0u);
  EXPECT_EQ(check.elements.count("img"), 0u);
  EXPECT_EQ(html.find("http://", html.find("<body>")), html.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("Kurzfassung"), std::string::npos);
  EXPECT_NE(html.find("keine Ergebnisse früherer Vorschläge"), std::string::npos);
  EXPECT_GT(check.elements.at("svg"), 0);
}

TEST(EvaluationHtml, ShowsOutcomeRatesWithTheCaveatAndWithholdsSmallRows) {
  EvaluationReport report = HandMadeReport();
  OutcomeSummary& o = report.outcomes;
  o.status = OutcomeStatus::kShown;
  o.records = 40;
  o.pairs = 30;
  o.decided = 22;
  o.total = {30, 12, 6, 10, 8};
  o.by_score_band = {{"0.8-0.9", false, {20, 10, 5, 6, 4}}, {"0.5-0.6", true, {}}};
  o.by_month = {{"2026-10", false, {30, 12, 6, 10, 8}}};
  const std::string html = EvaluationHtml(report);
  ASSERT_EQ(CheckMarkup(html).problem, "");
  EXPECT_NE(html.find("nur für Paare, die vorgeschlagen wurden"), std::string::npos);
  EXPECT_NE(html.find("0,8-0,9"), std::string::npos);
  EXPECT_NE(html.find("50,0 %"), std::string::npos);  // 10 of 20 accepted
  const nlohmann::json j = nlohmann::json::parse(EvaluationJson(report));
  EXPECT_EQ(j["outcomes"]["total"]["hired"], 6);
  EXPECT_TRUE(j["outcomes"]["by_score_band"][1]["pairs"].is_null());
  EXPECT_FALSE(j["outcomes"]["by_score_band"][1].contains("hired"));
}

TEST(EvaluationFiles, SayInEveryOutputThatNoDecisionsWereRecorded) {
  EvaluationReport report = HandMadeReport();
  report.outcomes.status = OutcomeStatus::kNoDecisions;
  report.outcomes.from_store = true;
  report.outcomes.pairs = 24;
  const nlohmann::json j = nlohmann::json::parse(EvaluationJson(report));
  EXPECT_EQ(j["outcomes"]["status"], "no_decisions");
  EXPECT_TRUE(j["outcomes"]["total"].is_null());
  EXPECT_FALSE(j["outcomes"].contains("by_score_band"));
  EXPECT_NE(j["outcomes"]["message"].get<std::string>().find("no decision"), std::string::npos);
  const std::string html = EvaluationHtml(report);
  ASSERT_EQ(CheckMarkup(html).problem, "");
  EXPECT_NE(html.find("noch keine erfasste Entscheidung"), std::string::npos);
  const std::vector<OutputFile> tables = EvaluationTables(report);
  EXPECT_EQ(tables[4].name, "evaluation_outcomes.csv");
  EXPECT_NE(tables[4].bytes.find("\r\nHinweis;\"Es gibt 24 frühere Vorschläge"), std::string::npos)
      << tables[4].bytes;
}

TEST(EvaluationFiles, ARowWithheldOnlyToProtectAnotherLooksLikeASmallOne) {
  EvaluationReport report = HandMadeReport();
  OutcomeSummary& o = report.outcomes;
  o.status = OutcomeStatus::kShown;
  o.pairs = 30;
  o.decided = 20;
  o.total = {30, 12, 6, 10, 8, 1};
  o.by_month = {{"2026-09", true, {}, false},
                {"2026-10", true, {}, true},
                {"2026-11", false, {20, 8, 4, 6, 6, 1}}};
  const std::string html = EvaluationHtml(report);
  ASSERT_EQ(CheckMarkup(html).problem, "");
  EXPECT_EQ(html.find("k. A."), std::string::npos);
  EXPECT_EQ(html.find("&lt; 5"), std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(EvaluationJson(report));
  // Nothing tells the small row from its complement.
  nlohmann::json small = j["outcomes"]["by_month"][0];
  nlohmann::json complement = j["outcomes"]["by_month"][1];
  small.erase("key");
  complement.erase("key");
  EXPECT_EQ(small, complement);
  EXPECT_FALSE(j["outcomes"]["by_month"][1].contains("secondary"));
  EXPECT_TRUE(j["outcomes"]["by_month"][1]["pairs"].is_null());
  EXPECT_EQ(j["outcomes"]["by_month"][2]["dropped_out"], 1);
  EXPECT_DOUBLE_EQ(j["outcomes"]["by_month"][2]["hired_rate"].get<double>(), 0.2);
  const std::string csv = EvaluationTables(report)[4].bytes;
  EXPECT_NE(csv.find("month;2026-09;;;;;;;ja\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("month;2026-10;;;;;;;ja\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("month;2026-11;20;8;4;6;1;6;nein\r\n"), std::string::npos) << csv;
}

TEST(EvaluationHtml, LongOutcomeGroupTablesAreCutToTheLargestGroups) {
  EvaluationReport report = HandMadeReport();
  OutcomeSummary& o = report.outcomes;
  o.status = OutcomeStatus::kShown;
  o.pairs = 400;
  o.decided = 100;
  o.total = {400, 60, 20, 40, 300, 5};
  OutcomeGroupRows coordinators{GroupKind::kCoordinator, {}};
  for (int c = 0; c < 20; ++c) {
    const int32_t pairs = 10 + c;  // K-19 the largest, K-00 the smallest
    coordinators.rows.push_back(
        {"K-" + std::string(c < 10 ? "0" : "") + std::to_string(c), false, {pairs, 3, 1, 2, 5, 0}});
  }
  o.by_group = {coordinators};
  const std::string html = EvaluationHtml(report);
  ASSERT_EQ(CheckMarkup(html).problem, "");
  EXPECT_NE(html.find(">K-19<"), std::string::npos);
  EXPECT_NE(html.find(">K-05<"), std::string::npos);
  EXPECT_EQ(html.find(">K-04<"), std::string::npos);  // among the five smallest
  EXPECT_NE(html.find("15 von 20"), std::string::npos);
  // The CSV keeps every row.
  EXPECT_NE(EvaluationTables(report)[4].bytes.find("coordinator;K-04;14;"), std::string::npos);
}

TEST(EvaluationTables, WithheldGroupsHaveEmptyFigureCells) {
  const std::vector<OutputFile> tables = EvaluationTables(HandMadeReport());
  ASSERT_EQ(tables.size(), 5u);
  const std::string& groups = tables[1].bytes;
  EXPECT_EQ(tables[1].name, "evaluation_groups.csv");
  EXPECT_NE(groups.find("optimal;Geschlecht;divers;;;;;;ja\r\n"), std::string::npos) << groups;
  EXPECT_NE(groups.find("optimal;Geschlecht;weiblich;17;7,0;"), std::string::npos) << groups;
}

TEST(RegionalHtml, WellFormedWithWithheldCountsShownAsTheMarker) {
  RegionalReport report;
  report.run_date = "2026-11-22";
  report.district_names = {{"15089", "Salzlandkreis"}};
  report.area_names = {{"52", "Führer/innen von Fahrzeug- und Transportgeräten"}};
  RegionalSlice all;
  all.participants = 40;
  all.vacancies = 30;
  all.openings = 35;
  all.participants_by_german = {{"A2", false, 30}, {"B1", true, 0}};
  all.vacancies_by_area = {{"52", false, 20}, {"", false, 15}};
  all.balance = {{"52", 30, false, 20, 20}, {"", 0, true, 15, 15}};
  RegionalSlice district = all;
  district.kind = SliceKind::kDistrict;
  district.key = "15089";
  report.summary.slices = {all, district};
  report.summary.capacity.push_back({CoordinatorIndex(0), "K-1", 1.0, 8, 40, 8, 1.7, 1, 1.7, 40});
  const std::string html = RegionalHtml(report);
  const MarkupCheck check = CheckMarkup(html);
  ASSERT_EQ(check.problem, "");
  EXPECT_EQ(check.elements.count("script"), 0u);
  EXPECT_NE(html.find("Salzlandkreis"), std::string::npos);
  EXPECT_NE(html.find("Führer/innen von Fahrzeug- und Transportgeräten"), std::string::npos);
  EXPECT_NE(html.find("<td>×</td>"), std::string::npos);
  EXPECT_EQ(html.find("&lt; 5"), std::string::npos);
  const std::vector<OutputFile> tables = RegionalTables(report);
  EXPECT_EQ(tables.size(), 8u);
  EXPECT_NE(tables[0].bytes.find("gesamt;gesamt;deutschniveau;B1;;ja"), std::string::npos);
}

TEST(RegionalHtml, WithAStoreShowsTargetsDecisionsAndTrendWithSmallCountsWithheld) {
  RegionalReport report;
  report.run_date = "2026-11-23";
  RegionalSlice all;
  all.participants = 40;
  report.summary.slices = {all};
  report.store.present = true;
  report.store.runs = {{"2026-11-22", 80, 332, 24, 56, 0.837},
                       {"2026-11-23", 79, 331, 24, 55, 0.83}};
  // K-1's 2 hires are withheld; so is its decided count (7 = 5 accepted + 2
  // hired would give the 2 away), and the totals of both columns.
  report.store.decisions = {
      {"", 60, 12, 5, 0, 7, 0}, {"K-1", 30, 7, 5, 0, 2, 0}, {"K-2", 30, 5, 0, 0, 5, 0}};
  // K-2's 4 taken on are withheld, and with them the total of that column.
  report.store.targets = {{"", 2.0, 80.0, 71.7, 11, 13},
                          {"K-1", 1.0, 40.0, 35.8, 6, 9},
                          {"K-2", 1.0, 40.0, 35.8, 5, 4}};
  const std::string html = RegionalHtml(report);
  const MarkupCheck check = CheckMarkup(html);
  ASSERT_EQ(check.problem, "");
  for (const char* text : {"Zielsteuerung: 40 Vermittlungen je Vollzeitstelle und Jahr",
                           "Entscheidungen zu früheren Vorschlägen",
                           "Entwicklung über die Läufe",
                           "2026-11-22",
                           "Bis 2026-11-23 eingestellt: 11 (Soll anteilig 71,7)",
                           "100 %",    // K-2: 5 of 5 decisions were a yes
                           "17 %"}) {  // K-2: 5 hires of 30 proposed pairs
    EXPECT_NE(html.find(text), std::string::npos) << text;
  }
  EXPECT_EQ(html.find("Bericht erst mit einem Speicher"), std::string::npos);
  // The withheld total of 12 decisions shows the same marker as K-1's 2 hires.
  EXPECT_NE(html.find("<td>gesamt</td><td class=\"num\">60</td><td>×</td>"), std::string::npos);
  EXPECT_EQ(html.find("k. A."), std::string::npos);
  EXPECT_EQ(html.find("&lt; 5"), std::string::npos);
  const std::vector<OutputFile> tables = RegionalTables(report);
  ASSERT_EQ(tables.size(), 11u);
  EXPECT_EQ(tables[8].name, "report_targets.csv");
  const std::string& targets = tables[8].bytes;
  EXPECT_NE(targets.find("gesamt;2,00;80,0;71,7;11;;ja\r\n"), std::string::npos) << targets;
  EXPECT_NE(targets.find("K-1;1,00;40,0;35,8;6;9;nein\r\n"), std::string::npos) << targets;
  EXPECT_NE(targets.find("K-2;1,00;40,0;35,8;5;;ja\r\n"), std::string::npos) << targets;
  EXPECT_EQ(tables[9].name, "report_decisions.csv");
  const std::string& decisions = tables[9].bytes;
  EXPECT_NE(decisions.find("gesamt;60;;5;0;;0\r\n"), std::string::npos) << decisions;
  EXPECT_NE(decisions.find("K-1;30;;5;0;;0\r\n"), std::string::npos) << decisions;
  EXPECT_NE(decisions.find("K-2;30;5;0;0;5;0\r\n"), std::string::npos) << decisions;
  EXPECT_EQ(tables[10].name, "report_trend.csv");
  EXPECT_NE(tables[10].bytes.find("2026-11-23;79;331;24;55;0,8300\r\n"), std::string::npos);
}

// The text of every table cell of `html`, in order.
std::vector<std::string> Cells(const std::string& html) {
  std::vector<std::string> cells;
  for (size_t at = html.find("<td"); at != std::string::npos; at = html.find("<td", at + 1)) {
    const size_t open = html.find('>', at) + 1;
    cells.push_back(html.substr(open, html.find("</td>", open) - open));
  }
  return cells;
}

// A small count (1 .. min - 1) and a count withheld only so that the small
// one cannot be worked out (0 or >= min) look alike in both reports: the one
// marker, never "< 5" or "k. A." (which together would pin both: a total of 6
// split into "< 5" and "k. A." is 1 and 5), and its legend names the minimum.
TEST(ReportsHtml, EveryWithheldCountShowsTheSameMarkerWhateverItsValue) {
  RegionalReport regional;
  regional.run_date = "2026-11-23";
  regional.summary.min_group_size = 6;
  RegionalSlice all;
  all.participants = 40;
  regional.summary.slices = {all};
  regional.store.present = true;
  // K-1's 2 hires are small; its 9 decided (>= 6) and the totals 16 and 2
  // are withheld only as complements. K-2's 0 hires are shown.
  regional.store.decisions = {
      {"", 60, 16, 14, 0, 2, 0}, {"K-1", 30, 9, 7, 0, 2, 0}, {"K-2", 30, 7, 7, 0, 0, 0}};
  const std::string html = RegionalHtml(regional);
  ASSERT_EQ(CheckMarkup(html).problem, "");
  const std::string mark = std::string("<td>") + kWithheldMark + "</td>";
  EXPECT_NE(html.find("<td>K-1</td><td class=\"num\">30</td>" + mark +
                      "<td class=\"num\">7</td><td class=\"num\">0</td>" + mark),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<td>gesamt</td><td class=\"num\">60</td>" + mark), std::string::npos);
  EXPECT_NE(html.find(WithheldLegendDe(6)), std::string::npos);
  EXPECT_NE(html.find("weniger als 6 Personen, oder eine Zahl, aus der sich eine solche ergäbe"),
            std::string::npos);

  EvaluationReport evaluation = HandMadeReport();
  OutcomeSummary& o = evaluation.outcomes;
  o.status = OutcomeStatus::kShown;
  o.pairs = 30;
  o.decided = 20;
  o.total = {30, 12, 6, 10, 8, 1};
  // 2026-09 is small, 2026-10 (8 pairs, say) withheld so that it cannot be
  // worked out from the total.
  o.by_month = {{"2026-09", true, {}, false},
                {"2026-10", true, {}, true},
                {"2026-11", false, {20, 8, 4, 6, 6, 1}}};
  const std::string eval_html = EvaluationHtml(evaluation);
  ASSERT_EQ(CheckMarkup(eval_html).problem, "");
  EXPECT_NE(eval_html.find("<td class=\"num\">2026-09</td>" + mark), std::string::npos)
      << eval_html;
  EXPECT_NE(eval_html.find("<td class=\"num\">2026-10</td>" + mark), std::string::npos)
      << eval_html;
  EXPECT_NE(eval_html.find(
                WithheldLegendDe(evaluation.min_group_size, "Personen (bei Ergebnissen: Paare)")),
            std::string::npos);

  // No cell of either page says more about a withheld count than the marker.
  for (const std::string& page : {html, eval_html}) {
    for (const std::string& cell : Cells(page)) {
      EXPECT_EQ(cell.find("&lt;"), std::string::npos) << cell;
      EXPECT_EQ(cell.find("k. A."), std::string::npos) << cell;
    }
    EXPECT_EQ(page.find("k. A."), std::string::npos);
    EXPECT_EQ(page.find("&lt; "), std::string::npos);
  }
}

}  // namespace
}  // namespace jobmatch::reports

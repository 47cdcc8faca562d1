// reports/svg_chart.h
//
// Small horizontal bar charts as inline SVG, drawn here so that an HTML
// report needs no script, no font and nothing from elsewhere. Each function
// returns one self-contained <svg> element (with a <title> for screen readers
// and print), every label and value text escaped. Colours come from CSS
// classes (bar, bar-alt, bar-flag), so one stylesheet styles every chart.
//
// Example:
//   const std::vector<Bar> bars = {{"Exakt", 24, "24"}, {"Greedy", 22, "22"}};
//   html += BarChart(bars, {.title = "Vorschläge je Verfahren"});

#ifndef JOBMATCH_REPORTS_SVG_CHART_H_
#define JOBMATCH_REPORTS_SVG_CHART_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jobmatch::reports {

struct Bar {
  std::string label;
  double value = 0.0;      // >= 0; negative values are drawn as 0
  std::string value_text;  // printed after the bar ("24", "0,83", "75 %")
  bool flagged = false;    // drawn in the warning colour (e.g. below four fifths)
};

struct ChartAxis {
  std::string title;  // the chart's <title>, also printed above it
  double max = 0.0;   // full scale; <= 0: the largest value
  int width = 640;    // pixels
  int label_width = 220;
};

// One bar per entry, top to bottom in the given order.
std::string BarChart(std::span<const Bar> bars, const ChartAxis& axis);

// Several series per category (e.g. the optimum and greedy per group): for
// each category one bar per series, series told apart by colour and a legend.
// values[s][c] is series s in category c; texts likewise.
struct GroupedBars {
  std::vector<std::string> categories;
  std::vector<std::string> series;
  std::vector<std::vector<double>> values;
  std::vector<std::vector<std::string>> texts;
};
std::string GroupedBarChart(const GroupedBars& bars, const ChartAxis& axis);

// Escapes & < > " ' for XML/HTML text and attribute values.
std::string XmlEscape(std::string_view text);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_SVG_CHART_H_

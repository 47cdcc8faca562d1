#include "reports/html_page.h"

#include <cmath>
#include <cstdio>

#include "reports/svg_chart.h"

namespace jobmatch::reports {
namespace {

constexpr std::string_view kStyle = R"css(
:root { --ink: #1d2733; --muted: #5b6775; --line: #d5dbe3; --bar: #2f6f9f; --alt: #c9822b;
        --flag: #b3261e; --soft: #f3f6f9; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px 32px; line-height: 1.45;
       font-size: 15px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
p { margin: 6px 0; }
.meta { color: var(--muted); margin-bottom: 16px; }
.summary { background: var(--soft); border-left: 5px solid var(--bar); padding: 12px 18px; margin: 12px 0 20px; }
.summary li { margin: 4px 0; }
.note { color: var(--muted); font-size: 13px; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 150px; }
.kpi b { display: block; font-size: 22px; }
.kpi span { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.flag td { color: var(--flag); font-weight: 600; }
svg.chart { display: block; margin: 6px 0 14px; max-width: 100%; height: auto; }
svg .label, svg .value, svg .legend { font-size: 12px; fill: var(--ink); font-family: inherit; }
svg .bar { fill: var(--bar); }
svg .bar-flag { fill: var(--flag); }
svg .s0, svg .swatch.s0 { fill: var(--bar); }
svg .s1, svg .swatch.s1 { fill: var(--alt); }
svg .s2, svg .swatch.s2 { fill: #6b8e23; }
svg .s3, svg .swatch.s3 { fill: #7a5195; }
.table-wrap { max-width: 100%; overflow-x: auto; }
.cols { display: flex; flex-wrap: wrap; gap: 24px; }
.cols > div { flex: 1 1 420px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  table, svg.chart, .kpis { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; }
  .summary { border: 1px solid #999; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 16mm; }
)css";

bool LooksNumeric(const std::string& cell) {
  if (cell.empty()) return false;
  for (const char c : cell) {
    if (!((c >= '0' && c <= '9') || c == ',' || c == '.' || c == '%' || c == ' ' || c == '-' ||
          c == '+' || c == '<')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string HtmlHead(std::string_view title) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + XmlEscape(title) + "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
  return out;
}

std::string HtmlFoot() {
  return "</body>\n</html>\n";
}

std::string RenderTable(const HtmlTable& table) {
  std::string out = "<div class=\"table-wrap\"><table>";
  if (!table.caption.empty()) out += "<caption>" + XmlEscape(table.caption) + "</caption>";
  out += "<thead><tr>";
  for (const std::string& h : table.header) out += "<th>" + XmlEscape(h) + "</th>";
  out += "</tr></thead><tbody>";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const bool flag = r < table.flagged.size() && table.flagged[r];
    out += flag ? "<tr class=\"flag\">" : "<tr>";
    for (const std::string& cell : table.rows[r]) {
      out += LooksNumeric(cell) ? "<td class=\"num\">" : "<td>";
      out += XmlEscape(cell) + "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table></div>\n";
  return out;
}

std::string Paragraph(std::string_view text) {
  return "<p>" + XmlEscape(text) + "</p>\n";
}

std::string FormatNumber(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
  std::string digits = buffer;
  std::string fraction;
  const size_t dot = digits.find('.');
  if (dot != std::string::npos) {
    fraction = "," + digits.substr(dot + 1);
    digits = digits.substr(0, dot);
  }
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
    grouped += digits[i];
  }
  const bool negative =
      value < 0.0 && (grouped != "0" || fraction.find_first_not_of(",0") != std::string::npos);
  return (negative ? "-" : "") + grouped + fraction;
}

std::string FormatPercent(double share, int decimals) {
  return FormatNumber(share * 100.0, decimals) + " %";
}

}  // namespace jobmatch::reports

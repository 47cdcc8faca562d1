#include "reports/svg_chart.h"

#include <algorithm>
#include <cstdio>

namespace jobmatch::reports {
namespace {

constexpr int kRow = 22;        // pixels per bar
constexpr int kGap = 8;         // between categories of a grouped chart
constexpr int kTop = 6;         // above the first bar
constexpr int kValueRoom = 90;  // right of the longest bar, for its text

std::string Px(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// ` name="value"` (value already escaped or numeric).
std::string Attr(std::string_view name, const std::string& value) {
  return " " + std::string(name) + R"(=")" + value + R"(")";
}

std::string Open(int width, int height, const std::string& title) {
  return "<svg" + Attr("xmlns", "http://www.w3.org/2000/svg") + Attr("class", "chart") +
         Attr("width", std::to_string(width)) + Attr("height", std::to_string(height)) +
         Attr("viewBox", "0 0 " + std::to_string(width) + " " + std::to_string(height)) +
         Attr("role", "img") + Attr("aria-label", XmlEscape(title)) + "><title>" +
         XmlEscape(title) + "</title>";
}

// One bar with its label (left, right-aligned) and its value text.
std::string Row(double y,
                int height,
                const std::string& label,
                double length,
                const std::string& text,
                const std::string& css,
                const ChartAxis& axis) {
  const double x0 = axis.label_width + 8;
  const std::string baseline = Px(y + height * 0.7);
  std::string out;
  if (!label.empty()) {
    out += "<text" + Attr("class", "label") + Attr("x", std::to_string(axis.label_width)) +
           Attr("y", baseline) + Attr("text-anchor", "end") + ">" + XmlEscape(label) + "</text>";
  }
  out += "<rect" + Attr("class", css) + Attr("x", Px(x0)) + Attr("y", Px(y + 2)) +
         Attr("width", Px(length)) + Attr("height", std::to_string(height - 4)) + "/>";
  out += "<text" + Attr("class", "value") + Attr("x", Px(x0 + length + 4)) + Attr("y", baseline) +
         ">" + XmlEscape(text) + "</text>";
  return out;
}

double Scale(double max, const ChartAxis& axis) {
  const double room = axis.width - axis.label_width - 8 - kValueRoom;
  return max > 0.0 ? std::max(0.0, room) / max : 0.0;
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string BarChart(std::span<const Bar> bars, const ChartAxis& axis) {
  double max = axis.max;
  if (max <= 0.0) {
    for (const Bar& bar : bars) max = std::max(max, bar.value);
  }
  const double scale = Scale(max, axis);
  const int height = kTop * 2 + kRow * static_cast<int>(bars.size());
  std::string out = Open(axis.width, height, axis.title);
  double y = kTop;
  for (const Bar& bar : bars) {
    const double length = std::min(std::max(0.0, bar.value), max) * scale;
    out +=
        Row(y, kRow, bar.label, length, bar.value_text, bar.flagged ? "bar bar-flag" : "bar", axis);
    y += kRow;
  }
  out += "</svg>";
  return out;
}

std::string GroupedBarChart(const GroupedBars& bars, const ChartAxis& axis) {
  double max = axis.max;
  if (max <= 0.0) {
    for (const auto& series : bars.values) {
      for (const double v : series) max = std::max(max, v);
    }
  }
  const double scale = Scale(max, axis);
  const int series = static_cast<int>(bars.series.size());
  const int categories = static_cast<int>(bars.categories.size());
  const int legend = kRow;
  const int height = kTop * 2 + legend + categories * (series * kRow + kGap);
  std::string out = Open(axis.width, height, axis.title);
  // Legend: one swatch per series.
  double x = axis.label_width + 8;
  for (int s = 0; s < series; ++s) {
    out += "<rect" + Attr("class", "swatch s" + std::to_string(s)) + Attr("x", Px(x)) +
           Attr("y", std::to_string(kTop + 4)) + Attr("width", "12") + Attr("height", "12") + "/>";
    out += "<text" + Attr("class", "legend") + Attr("x", Px(x + 16)) +
           Attr("y", std::to_string(kTop + 14)) + ">" +
           XmlEscape(bars.series[static_cast<size_t>(s)]) + "</text>";
    x += 36 + 7.5 * static_cast<double>(bars.series[static_cast<size_t>(s)].size());
  }
  double y = kTop + legend;
  for (int c = 0; c < categories; ++c) {
    for (int s = 0; s < series; ++s) {
      const auto si = static_cast<size_t>(s);
      const auto ci = static_cast<size_t>(c);
      const double value = ci < bars.values[si].size() ? bars.values[si][ci] : 0.0;
      const std::string text =
          si < bars.texts.size() && ci < bars.texts[si].size() ? bars.texts[si][ci] : std::string();
      out += Row(y,
                 kRow,
                 s == 0 ? bars.categories[ci] : std::string(),
                 std::min(std::max(0.0, value), max) * scale,
                 text,
                 "bar s" + std::to_string(s),
                 axis);
      y += kRow;
    }
    y += kGap;
  }
  out += "</svg>";
  return out;
}

}  // namespace jobmatch::reports

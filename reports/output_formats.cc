#include "reports/output_formats.h"

namespace jobmatch::reports {

std::optional<OutputFormats> ParseOutputFormats(std::string_view list) {
  if (list == "auto") return OutputFormats{.automatic = true};
  OutputFormats formats{.json = false, .pb = false, .csv = false, .xlsx = false};
  while (true) {
    const size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    bool* chosen = nullptr;
    if (name == "json") chosen = &formats.json;
    if (name == "pb") chosen = &formats.pb;
    if (name == "csv") chosen = &formats.csv;
    if (name == "xlsx") chosen = &formats.xlsx;
    if (chosen == nullptr || *chosen) return std::nullopt;
    *chosen = true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  if (!formats.json && !formats.pb) return std::nullopt;
  return formats;
}

OutputFormats ResolveOutputFormats(const OutputFormats& formats, int64_t participants) {
  if (!formats.automatic) return formats;
  const bool large = participants > kFullJsonMaxParticipants;
  return OutputFormats{.json = !large, .pb = large, .csv = true, .xlsx = true};
}

std::string OutputFormatsName(const OutputFormats& formats) {
  if (formats.automatic) return "auto";
  std::string name;
  auto add = [&](bool on, const char* format) {
    if (!on) return;
    if (!name.empty()) name += ',';
    name += format;
  };
  add(formats.json, "json");
  add(formats.pb, "pb");
  add(formats.csv, "csv");
  add(formats.xlsx, "xlsx");
  return name;
}

}  // namespace jobmatch::reports

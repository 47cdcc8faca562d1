// synth/anchors.cc: the published figures, see synth/anchors.h.

#include "synth/anchors.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <system_error>
#include <utility>

namespace jobmatch::synth {
namespace {

Error AnchorError(std::string_view topic, std::string message) {
  return MakeError(ErrorKind::kUsage,
                   "reference data",
                   0,
                   "anchor topic",
                   std::string(topic),
                   std::move(message));
}

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

bool IsWholeYear(std::string_view date) {
  return date.size() == 4 &&
         std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<double> PercentBefore(std::string_view note, std::string_view label) {
  const std::string pattern = "% " + std::string(label);
  for (size_t at = note.find(pattern); at != std::string_view::npos;
       at = note.find(pattern, at + 1)) {
    const size_t after = at + pattern.size();
    if (after < note.size() && std::isalnum(static_cast<unsigned char>(note[after]))) continue;
    size_t end = at;
    while (end > 0 && note[end - 1] == ' ') --end;
    size_t begin = end;
    while (begin > 0 &&
           (std::isdigit(static_cast<unsigned char>(note[begin - 1])) || note[begin - 1] == '.')) {
      --begin;
    }
    if (begin < end) return ParseNumber(note.substr(begin, end - begin));
  }
  return std::nullopt;
}

std::optional<double> NumberAfter(std::string_view note, std::string_view marker) {
  const size_t at = note.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  size_t begin = at + marker.size();
  while (begin < note.size() && note[begin] == ' ') ++begin;
  size_t end = begin;
  while (end < note.size() &&
         (std::isdigit(static_cast<unsigned char>(note[end])) || note[end] == '.')) {
    ++end;
  }
  if (begin == end) return std::nullopt;
  return ParseNumber(note.substr(begin, end - begin));
}

const StatisticsAnchor* LatestAnchor(const ReferenceData& reference,
                                     std::string_view topic,
                                     bool prefer_whole_year) {
  const StatisticsAnchor* best = nullptr;
  for (const StatisticsAnchor& anchor : reference.anchors) {
    if (anchor.topic != topic) continue;
    if (best == nullptr) {
      best = &anchor;
      continue;
    }
    const bool whole = IsWholeYear(anchor.reference_date);
    const bool best_whole = IsWholeYear(best->reference_date);
    if (prefer_whole_year && whole != best_whole) {
      if (whole) best = &anchor;
      continue;
    }
    if (anchor.reference_date > best->reference_date) best = &anchor;
  }
  return best;
}

Result<Figures> ReadFigures(const ReferenceData& reference) {
  Figures figures;

  const StatisticsAnchor* dtz = LatestAnchor(reference, "dtz_result_b1", true);
  if (dtz == nullptr) {
    return AnchorError("dtz_result_b1",
                       "missing: the share of DTZ takers reaching B1 sets the "
                       "German levels of participants");
  }
  const std::optional<double> a2 = PercentBefore(dtz->note, "A2");
  if (!a2 || dtz->value <= 0.0 || *a2 < 0.0 || dtz->value + *a2 > 100.0) {
    return AnchorError("dtz_result_b1",
                       "the " + dtz->reference_date +
                           " row needs a B1 share as value and the A2 share "
                           "in its note ('40.8 % A2'), together at most 100");
  }
  figures.b1 = dtz->value / 100.0;
  figures.a2 = *a2 / 100.0;
  figures.below_a2 = 1.0 - figures.b1 - figures.a2;

  const StatisticsAnchor* micro = LatestAnchor(reference, "firms_micro_share", false);
  if (micro == nullptr) {
    return AnchorError("firms_micro_share",
                       "missing: the share of micro-enterprises sets the "
                       "employer size classes");
  }
  const std::optional<double> large = NumberAfter(micro->note, "250+ employees:");
  if (!large || micro->value <= 0.0 || *large < 0.0 || micro->value + *large > 100.0) {
    return AnchorError("firms_micro_share",
                       "the " + micro->reference_date +
                           " row needs the micro share as value and the share of units with "
                           "250+ staff in its note ('250+ employees: 0.5 %')");
  }
  figures.micro = micro->value / 100.0;
  figures.large = *large / 100.0;

  const StatisticsAnchor* helper = LatestAnchor(reference, "job_level_helper_share", false);
  if (helper == nullptr || helper->value <= 0.0 || helper->value >= 100.0) {
    return AnchorError("job_level_helper_share",
                       "missing or not a percentage: the share of employed refugees working "
                       "as Helfer sets the requirement levels of participants' occupations");
  }
  figures.helper = helper->value / 100.0;

  std::map<std::string, std::string> stock_date;
  for (const StatisticsAnchor& anchor : reference.anchors) {
    if (anchor.topic != "vacancies_stock" || anchor.ags.size() != 5 || anchor.value <= 0.0) {
      continue;
    }
    auto [it, inserted] = stock_date.emplace(anchor.ags, anchor.reference_date);
    if (inserted || anchor.reference_date > it->second) {
      it->second = anchor.reference_date;
      figures.vacancy_stock[anchor.ags] = anchor.value;
    }
  }
  if (figures.vacancy_stock.empty()) {
    return AnchorError("vacancies_stock",
                       "missing: registered vacancies of at least one "
                       "district set the number of vacancies per inhabitant");
  }
  return figures;
}

}  // namespace jobmatch::synth

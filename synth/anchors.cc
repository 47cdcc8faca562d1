// synth/anchors.cc: the published figures, see synth/anchors.h.

#include "synth/anchors.h"

#include <algorithm>
#include <array>
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
                   std::string(topic) + ": " + std::move(message));
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

// The ISO code of a nationality as the anchors' notes name it, "" if the
// generator does not know it.
std::string_view OriginCode(std::string_view note) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kCodes = {{
      {"Ukraine", "UA"},
      {"Syria", "SY"},
      {"Afghanistan", "AF"},
      {"Turkey", "TR"},
      {"Iraq", "IQ"},
  }};
  for (const auto& [name, code] : kCodes) {
    if (note.substr(0, name.size()) == name &&
        (note.size() == name.size() ||
         !std::isalpha(static_cast<unsigned char>(note[name.size()])))) {
      return code;
    }
  }
  return "";
}

// Countries of origin, residence and SGB II figures (see Figures).
std::optional<Error> ReadOriginFigures(const ReferenceData& reference, Figures& figures) {
  constexpr std::string_view kOrigin = "schutzsuchende_by_nationality";
  const StatisticsAnchor* latest = LatestAnchor(reference, kOrigin, false);
  if (latest == nullptr) {
    return AnchorError(kOrigin,
                       "missing: protection seekers by nationality set the countries of "
                       "origin of participants");
  }
  std::optional<double> ukraine_syria_share;
  for (const StatisticsAnchor& anchor : reference.anchors) {
    if (anchor.topic != kOrigin || anchor.reference_date != latest->reference_date ||
        anchor.region != latest->region || anchor.value <= 0.0) {
      continue;
    }
    const std::string_view code = OriginCode(anchor.note);
    if (code.empty()) continue;
    figures.origin_count[std::string(code)] = anchor.value;
    if (!ukraine_syria_share) ukraine_syria_share = NumberAfter(anchor.note, "Ukraine + Syria =");
  }
  const auto ua = figures.origin_count.find("UA");
  const auto sy = figures.origin_count.find("SY");
  if (ua == figures.origin_count.end() || sy == figures.origin_count.end() ||
      !ukraine_syria_share || *ukraine_syria_share <= 0.0 || *ukraine_syria_share > 100.0) {
    return AnchorError(kOrigin,
                       "the " + latest->reference_date +
                           " rows need Ukraine and Syria (notes 'Ukraine', 'Syria') and, in one "
                           "note, their share of all ('Ukraine + Syria = 65.3 % of all')");
  }
  figures.protection_seekers = (ua->second + sy->second) * 100.0 / *ukraine_syria_share;
  double known = 0.0;
  for (const auto& [code, count] : figures.origin_count) known += count;
  if (known > figures.protection_seekers) {
    return AnchorError(kOrigin, "the nationalities add up to more than all protection seekers");
  }

  const StatisticsAnchor* asylblg = LatestAnchor(reference, "asylblg_recipients", false);
  if (asylblg == nullptr || asylblg->value < 0.0 ||
      asylblg->value > figures.protection_seekers - ua->second) {
    return AnchorError("asylblg_recipients",
                       "missing or larger than the protection seekers other than Ukrainians: "
                       "AsylbLG recipients set the share with asylum pending or tolerated");
  }
  figures.asylblg_recipients = asylblg->value;

  const StatisticsAnchor* benefits = LatestAnchor(reference, "buergergeld_share", false);
  const std::optional<double> syrian =
      benefits ? NumberAfter(benefits->note, "Syrian") : std::nullopt;
  const std::optional<double> afghan =
      benefits ? NumberAfter(benefits->note, "Afghan") : std::nullopt;
  if (benefits == nullptr || !syrian || !afghan || benefits->value <= 0.0 ||
      benefits->value > 100.0 || *syrian > 100.0 || *afghan > 100.0) {
    return AnchorError("buergergeld_share",
                       "missing or not percentages: the share of Ukrainian nationals as value "
                       "and 'Afghan 47 %', 'Syrian 55 %' in the note set SGB II benefits");
  }
  figures.sgb2_share = {
      {"UA", benefits->value / 100.0}, {"SY", *syrian / 100.0}, {"AF", *afghan / 100.0}};
  return std::nullopt;
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
  if (std::optional<Error> error = ReadOriginFigures(reference, figures)) return *error;

  const StatisticsAnchor* five = LatestAnchor(reference, "employment_rate_5y", false);
  if (five == nullptr || five->value <= 0.0 || five->value > 100.0) {
    return AnchorError("employment_rate_5y",
                       "missing or not a percentage: the employment rate five years after "
                       "arrival sets who has worked in Germany");
  }
  const StatisticsAnchor* later = LatestAnchor(reference, "employment_rate", false);
  const std::optional<double> seven =
      later ? PercentBefore(later->note, "for those 7-8 years") : std::nullopt;
  if (later == nullptr || !seven || *seven < five->value || *seven > 100.0) {
    return AnchorError("employment_rate",
                       "missing, or its note lacks the rate after 7-8 years ('62 % for those "
                       "7-8 years in Germany', at least the five-year rate): it sets who has "
                       "worked in Germany");
  }
  figures.employed_after_5_years = five->value / 100.0;
  figures.employed_after_7_years = *seven / 100.0;
  return figures;
}

}  // namespace jobmatch::synth

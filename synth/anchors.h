// synth/anchors.h
//
// The published figures the synthetic mix follows, read at run time from the
// statistics anchors of the reference data (ReferenceData::anchors). Some
// figures are an anchor's value, others sit in its free-text note ("48.7 % B1,
// 40.8 % A2, 10.5 % below A2"); the small note parsers are here too.
//
// Contract: ReadFigures() fails with kUsage naming the anchor topic when a
// figure the generator needs is missing or is not a share; it never falls back
// to a typed-in number. Which anchor row wins is documented at LatestAnchor().
//
// Example:
//   Result<synth::Figures> figures = synth::ReadFigures(reference);
//   if (!figures.ok()) return figures.error();
//   const double helper_share = figures.value().helper;  // 0.44 on the shipped data

#ifndef JOBMATCH_SYNTH_ANCHORS_H_
#define JOBMATCH_SYNTH_ANCHORS_H_

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch::synth {

struct Figures {
  // German levels of DTZ takers (topic dtz_result_b1), fractions summing to 1.
  double below_a2 = 0.0;
  double a2 = 0.0;
  double b1 = 0.0;  // B1 or better
  // Employer size classes (topic firms_micro_share).
  double micro = 0.0;  // share of enterprises with < 10 staff
  double large = 0.0;  // share with 250+ staff
  // Share of employed refugees working as Helfer (topic job_level_helper_share).
  double helper = 0.0;
  // Registered vacancies (topic vacancies_stock): district key -> latest stock.
  std::map<std::string, double> vacancy_stock;
  // Protection seekers by nationality (topic schutzsuchende_by_nationality,
  // latest date; the note names the country): ISO code -> count, for the
  // nationalities the generator knows (UA, SY, AF, TR, IQ).
  std::map<std::string, double> origin_count;
  // All protection seekers at that date: Ukraine + Syria over their share of
  // all, which the Syria row's note gives ("Ukraine + Syria = 65.3 % of all").
  double protection_seekers = 0.0;
  // Receiving regular AsylbLG benefits (topic asylblg_recipients, latest):
  // asylum pending or tolerated, not (yet) in SGB II.
  double asylblg_recipients = 0.0;
  // Share of nationals receiving Bürgergeld (topic buergergeld_share): the
  // value for UA, the note for SY ("Syrian 55 %") and AF ("Afghan 47 %").
  std::map<std::string, double> sgb2_share;
  // Employment rate of refugees by time in Germany: after five years (topic
  // employment_rate_5y, value) and after 7-8 years (topic employment_rate,
  // the note's "62 % for those 7-8 years"), fractions. The generator takes
  // them as the share who have worked in Germany (german_work_experience).
  double employed_after_5_years = 0.0;
  double employed_after_7_years = 0.0;
};

// Reads the figures above. Errors (kUsage) name the topic that is missing or
// malformed; the diagnostic's file is "reference data", since the anchors may
// come from any folder (or be built by hand).
[[nodiscard]] Result<Figures> ReadFigures(const ReferenceData& reference);

// The anchor of `topic` with the latest reference date; with
// `prefer_whole_year`, whole-year figures ("2017") win over part-year ones
// ("2018-01..09"). Ties keep the first row. Null if the topic is absent.
const StatisticsAnchor* LatestAnchor(const ReferenceData& reference,
                                     std::string_view topic,
                                     bool prefer_whole_year);

// The number written just before "% <label>" in a note, e.g. 40.8 in
// "48.7 % B1, 40.8 % A2, 10.5 % below A2" for label "A2". The label must end
// there ("% A2x" does not count).
std::optional<double> PercentBefore(std::string_view note, std::string_view label);

// The number written just after `marker`, e.g. 0.5 in
// "Units with 250+ employees: 0.5 % of units" for marker "250+ employees:".
std::optional<double> NumberAfter(std::string_view note, std::string_view marker);

// Weight of a share (fraction) or count for internal::WeightedTable: fixed
// point with six decimals, rounded the same way everywhere; <= 0 gives 0.
inline int64_t FixedWeight(double value) {
  return value <= 0.0 ? 0 : static_cast<int64_t>(std::llround(value * 1e6));
}

}  // namespace jobmatch::synth

#endif  // JOBMATCH_SYNTH_ANCHORS_H_

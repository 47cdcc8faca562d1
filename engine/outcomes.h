// engine/outcomes.h
//
// What became of earlier proposals (Dataset::history): how often a proposed
// pair was accepted or led to a hire, by score band (is a higher score worth
// more?), by band of each score part, by group of the participant and by
// month. Outcomes exist only for pairs that were proposed, so these rates say
// nothing about pairs never proposed; writers must say so.
//
// A pair (participant, vacancy) counts once, with everything recorded for it:
// hired if any record says hired; accepted if any says accepted, hired or
// dropped out; rejected if any says rejected and none accepted; otherwise
// open (proposed, no decision yet). Its month is that of its earliest dated
// record ("unknown" without dates).
//
// Scores are today's: each pair is re-scored with the current records and
// options, without the history rule (a rejected pair would be removed),
// without expiry and without the top-K cut. A pair a hard rule removes today
// falls into the band "not_scored".
//
// Suppression: a row with fewer than min_group_size pairs is withheld
// (suppressed, all counts 0). Facts only, no id.
//
// Example:
//   const OutcomeSummary s = SummariseOutcomes(dataset, reference, scoring, options);
//   if (s.pairs == 0) ... "no outcomes recorded" ...

#ifndef JOBMATCH_ENGINE_OUTCOMES_H_
#define JOBMATCH_ENGINE_OUTCOMES_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/evaluation.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/scorer.h"

namespace jobmatch {

struct OutcomeCounts {
  int32_t pairs = 0;
  int32_t accepted = 0;
  int32_t hired = 0;
  int32_t rejected = 0;
  int32_t open = 0;
};

struct OutcomeRow {
  std::string key;  // band "0.8-0.9", "not_scored", group key, month "2026-10"
  bool suppressed = false;
  OutcomeCounts counts;
};

struct OutcomeGroupRows {
  GroupKind kind = GroupKind::kGender;
  std::vector<OutcomeRow> rows;
};

struct OutcomeSummary {
  int32_t records = 0;  // history rows
  int32_t pairs = 0;    // distinct proposed pairs
  OutcomeCounts total;  // never suppressed unless pairs < min_group_size
  bool total_suppressed = false;
  std::vector<OutcomeRow> by_score_band;
  std::array<std::vector<OutcomeRow>, 4> by_part_band;  // skill, german, commute, micro
  std::vector<OutcomeGroupRows> by_group;
  std::vector<OutcomeRow> by_month;
};

// Score bands: [0, 0.5), [0.5, 0.6), ..., [0.9, 1.0]; keys "0.0-0.5", "0.5-0.6", ...
[[nodiscard]] OutcomeSummary SummariseOutcomes(const Dataset& dataset,
                                               const ReferenceData& reference,
                                               const ScoringOptions& scoring,
                                               const EvaluationOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_OUTCOMES_H_

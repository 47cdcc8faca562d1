// engine/outcomes.h
//
// What became of earlier proposals: how often a proposed pair was accepted,
// led to a hire, was rejected or ended in a drop-out, by score band (is a
// higher score worth more?), by the low and high half of each score part, by
// group of the participant, and over time. Outcomes exist only for pairs that
// were proposed, so these rates say nothing about pairs never proposed;
// writers must say so.
//
// Sources. Dataset::history (history.csv) and, when given, the run store's
// proposals and decisions (StoreOutcomeInput, by external ids; cli/ reads
// them). The pairs counted are every pair history.csv names, every pair a
// stored run proposed, and every listed pair (an alternative) a coordinator
// decided on.
//
// A pair (participant, vacancy) counts once, with everything recorded for it:
// hired if any record says hired; dropped out if any says dropped out;
// accepted if any says accepted, hired or dropped out; rejected if any says
// rejected and none accepted; otherwise open (proposed, no decision yet).
// Its date is the run date of the first stored run that proposed it (listed
// it, for a decided alternative), else its earliest dated history.csv record
// ("unknown" without one).
//
// Scores. A pair from the store carries the score and parts it had when first
// proposed: what the coordinator decided on. A pair only history.csv names is
// re-scored with the current records and options, without the history rule
// (a rejected pair would be removed), without expiry and without the top-K
// cut. A pair with no score (a hard rule removes it today, or its participant
// or vacancy is no longer in the data) falls into the band "not_scored". The
// halves of a part split the scored pairs at that part's (upper) median:
// "low" below it, "high" at or above it.
//
// Groups. Group keys as engine/evaluation.h makes them; a participant no
// longer in the data is "not_in_data" (the coordinator, from the store,
// still counts for them).
//
// Suppression. Every table (score bands, each part's halves, each group kind,
// months, dates) splits the same pairs, whose total is published. A row with
// fewer than min_group_size pairs is withheld (primary). So that no withheld
// row can be worked out from the total and the others, the smallest shown
// rows are withheld too (secondary) until either no row is withheld or at
// least two are and together they hold at least min_group_size pairs. A
// withheld row carries no counts. Within a shown row the counts are shown
// (as the placed counts of a shown group in engine/evaluation.h). Facts
// only: no participant or vacancy id leaves this function.
//
// Example:
//   const OutcomeSummary s = SummariseOutcomes(dataset, reference, scoring, options, &store);
//   if (s.status == OutcomeStatus::kNoDecisions) ... "no decisions recorded" ...

#ifndef JOBMATCH_ENGINE_OUTCOMES_H_
#define JOBMATCH_ENGINE_OUTCOMES_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/decisions.h"
#include "engine/evaluation.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/scorer.h"

namespace jobmatch {

// A line of a stored run (a proposal or an alternative), by external ids,
// with the score it had in that run.
struct StoredLine {
  std::string participant_id;
  std::string vacancy_id;
  std::string coordinator_id;
  Date run_date;
  bool proposal = true;  // false: an alternative
  double score = 0.0;
  std::array<double, 4> parts{};  // skill, german, commute, micro
};

// The run store's side: its lines and decisions up to the evaluation date.
struct StoreOutcomeInput {
  std::vector<StoredLine> lines;
  std::vector<PairDecision> decisions;
};

struct OutcomeCounts {
  int32_t pairs = 0;
  int32_t accepted = 0;  // accepted, hired or dropped out
  int32_t hired = 0;
  int32_t rejected = 0;
  int32_t open = 0;  // no decision yet
  int32_t dropped_out = 0;
};

struct OutcomeRow {
  std::string key;  // band "0.8-0.9", "not_scored", "low"/"high", group key, "2026-10", date
  bool suppressed = false;
  OutcomeCounts counts;    // zero when suppressed
  bool secondary = false;  // withheld only so that a small row cannot be worked out
};

struct OutcomeGroupRows {
  GroupKind kind = GroupKind::kGender;
  std::vector<OutcomeRow> rows;
};

enum class OutcomeStatus : int8_t {
  kNone = 0,     // no proposal known (no history.csv, no store run)
  kNoDecisions,  // proposals known, not one decision recorded: no rates
  kTooFew,       // fewer than min_group_size pairs: nothing published
  kShown,
};
// "none", "no_decisions", "too_few", "shown".
std::string_view OutcomeStatusName(OutcomeStatus status);

struct OutcomeSummary {
  OutcomeStatus status = OutcomeStatus::kNone;
  bool from_history_file = false;  // history.csv had records
  bool from_store = false;         // a store was given
  int32_t records = 0;             // history.csv rows + store decisions
  int32_t pairs = 0;               // distinct pairs counted
  int32_t decided = 0;             // of those, with a decision
  OutcomeCounts total;             // zero unless status == kShown
  std::vector<OutcomeRow> by_score_band;
  std::array<std::vector<OutcomeRow>, 4> by_part_half;  // skill, german, commute, micro
  std::array<double, 4> part_median{};                  // the split of each part
  std::vector<OutcomeGroupRows> by_group;
  std::vector<OutcomeRow> by_month;  // "2026-10", "unknown"
  std::vector<OutcomeRow> by_date;   // "2026-10-22" (a run's date), "unknown"
};

// Score bands: [0, 0.5), [0.5, 0.6), ..., [0.9, 1.0]; keys "0.0-0.5", "0.5-0.6", ...
// Rows are empty unless status == kShown.
[[nodiscard]] OutcomeSummary SummariseOutcomes(const Dataset& dataset,
                                               const ReferenceData& reference,
                                               const ScoringOptions& scoring,
                                               const EvaluationOptions& options,
                                               const StoreOutcomeInput* store = nullptr);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_OUTCOMES_H_

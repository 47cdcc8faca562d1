// engine/decisions.h
//
// What coordinators decided about earlier proposals, and what that means for
// tonight's run. The run store (store/) and history.csv (loaders/) deliver
// decisions as plain records; these functions turn them into facts the
// pipeline acts on. No SQL and no file reaches this header.
//
// Decisions (OutcomeKind) and their effect on the next run:
//  * kRejected:   the pair is never proposed again (the scorer's
//                 kRejectedBefore rule reads Dataset::history).
//  * kAccepted:   the participant and the employer go ahead (an interview,
//                 a trial day). For accepted_hold_days from the decision the
//                 pair is held: the participant keeps that vacancy, one of its
//                 openings and one unit of the coordinator's capacity are
//                 reserved for it, and the solver does not move it
//                 (ReserveHeldPairs). After the hold, or once the vacancy is
//                 no longer a scored pair (expired, removed), it lapses.
//  * kHired:      the participant leaves the pool and is in follow-up for
//                 follow_up_days (JOKO: 12 months) from the decision, carried
//                 by their coordinator; the vacancy has one opening less for
//                 every hire recorded on it (openings in vacancies.csv are
//                 the openings as posted; a re-posted vacancy gets a new id).
//  * kDroppedOut: the participant returns to the pool (a later decision than
//                 their hire ends the follow-up); the record, with its date,
//                 stays in the store.
// The latest decision on a pair counts (by date; on the same date the later
// recorded). A participant's follow-up is decided by their latest kHired or
// kDroppedOut on any pair.
//
// Stability. Tonight's solve prefers last run's proposals
// (CandidateGraph::arc_preferred, engine/assignment.h): each is worth
// AssignmentOptions::keep_bonus more, and they win ties. An undecided
// proposal stays unless something changed that makes another assignment
// better by more than keep_bonus of fit per proposal it moves (a hire that
// frees a place does not reshuffle the others for a few hundredths).
//
// Example:
//   AppendDecisions(history, &dataset);
//   const Standing standing = ComputeStanding(dataset, run_date, options);
//   Pool pool = MakePool(dataset, standing);

#ifndef JOBMATCH_ENGINE_DECISIONS_H_
#define JOBMATCH_ENGINE_DECISIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/ids.h"
#include "engine/proposals.h"
#include "engine/records.h"

namespace jobmatch {

struct DecisionOptions {
  // Days an accepted proposal keeps its vacancy (and is not reshuffled).
  int32_t accepted_hold_days = 28;
  // Days of follow-up after a hire (JOKO: up to twelve months).
  int32_t follow_up_days = 365;
  friend bool operator==(const DecisionOptions&, const DecisionOptions&) = default;
};

// One decision by external ids, as the store or a sheet holds it.
struct PairDecision {
  std::string participant_id;
  std::string vacancy_id;
  OutcomeKind kind = OutcomeKind::kAccepted;
  Date date;
};

// What earlier runs left behind, in plain records (store/ fills it).
struct History {
  std::vector<PairDecision> decisions;  // by date, then in the order recorded
  // The latest earlier run (run date before tonight's), if any.
  bool has_last_run = false;
  Date last_run_date;
  // (participant id, vacancy id) of that run's proposals and of every line
  // (proposal or alternative) on its sheets.
  std::vector<std::pair<std::string, std::string>> last_proposals;
  std::vector<std::pair<std::string, std::string>> last_listed;
};

// Appends the decisions whose participant and vacancy are in `dataset` to
// dataset->history (after the history.csv outcomes, so a store decision on
// the same date wins). Returns how many were left out because tonight's data
// no longer holds their participant or vacancy.
int32_t AppendDecisions(const History& history, Dataset* dataset);

// Facts derived from Dataset::history for one run date.
struct Standing {
  // Per participant: hired and within follow-up on the run date.
  std::vector<uint8_t> in_follow_up;
  std::vector<Date> follow_up_until;     // valid where in_follow_up
  std::vector<VacancyIndex> hired_into;  // valid where in_follow_up
  // Per participant: the accepted vacancy still held, or invalid.
  std::vector<VacancyIndex> held;
  std::vector<Date> held_until;  // valid where held is
  // Per vacancy: hires recorded on it.
  std::vector<int32_t> hires;
  // Per coordinator: participants in follow-up, and participants taken on in
  // the run date's calendar year (first accepted or hired decision that year).
  std::vector<int32_t> follow_up;
  std::vector<int32_t> taken_on_this_year;
};

[[nodiscard]] Standing ComputeStanding(const Dataset& dataset,
                                       Date run_date,
                                       const DecisionOptions& options);

// Tonight's pool: participants in follow-up removed, every vacancy's openings
// reduced by its hires (not below 0), history re-indexed (outcomes of removed
// participants dropped). held[i] is the held vacancy of pool participant i.
struct Pool {
  Dataset dataset;
  std::vector<ParticipantIndex> original;  // pool index -> index in the full dataset
  std::vector<VacancyIndex> held;          // per pool participant
};
[[nodiscard]] Pool MakePool(const Dataset& dataset, const Standing& standing);
// The same, taking the records of `dataset` instead of copying them (a
// million participants are a few hundred MB and a second or two to copy);
// `dataset` is left empty.
[[nodiscard]] Pool MakePool(Dataset&& dataset, const Standing& standing);

// Marks the arcs of `preferred` pairs (participant id, vacancy id) in
// graph->arc_preferred, except pairs with a decision in dataset.history.
// Returns the number of arcs marked.
int64_t MarkPreferred(const Dataset& dataset,
                      const std::vector<std::pair<std::string, std::string>>& preferred,
                      CandidateGraph* graph);

// Takes every held pair that is still an arc of the graph out of the problem:
// the participant's row is emptied, and one unit of the vacancy's openings,
// its employer's cap (if capped) and the coordinator's capacity is reserved,
// when all three have one left. Returns the reserved placements (arc = -1,
// by participant), to be merged into the solver's result with
// MergeReserved() after solving and checking the reduced graph.
// Sets Proposal::is_new on every line that the last run (history) did not
// list for that participant in the same role: a pair not listed at all, or a
// proposal that was an alternative. Without a last run every line is new.
void MarkNew(const Dataset& dataset, const History& history, ProposalSet* set);

[[nodiscard]] std::vector<Placement> ReserveHeldPairs(const std::vector<VacancyIndex>& held,
                                                      CandidateGraph* graph);
void MergeReserved(const std::vector<Placement>& reserved, AssignmentResult* result);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_DECISIONS_H_

// whatif/scenario.h
//
// One what-if state: the records as edited, the options in force, the scored
// pairs, the candidate graph and the optimal assignment, in one value that
// can be copied (save, compare, undo). Each edit is one function: it changes
// records or options, re-scores only the rows and columns the change touches,
// rebuilds the candidate graph and re-solves warm from the previous optimum.
// Facts only: no text for people is made here (whatif/text.h does that).
//
// What each edit re-scores:
//   SetCapacity, AddCoordinator, SetOpenings   nothing (capacities and
//                                              coordinators are not scored)
//   SetGermanLevel, FinishCourse               the participants changed
//   WithdrawVacancies                          the participants whose kept
//                                              pairs held a withdrawn vacancy
//   AddVacancy                                 the new vacancy's column
//   SetCommuteLimit, SetWeight                 everyone (in parallel)
//
// Contract. After every edit, `scored`'s kept pairs, `graph` and `result`
// are what a cold run gives on ChangedDataset(scenario) with the same
// options and ChangedCarryover(scenario) applied as MakeScenario() applies it (same kept pairs,
// same proposals count and total fit; among placements of equal total value the warm solver may
// keep earlier ones). The per-participant counts in `scored` (excluded, eligible, within_reach,
// near_miss) are exact for rows re-scored and otherwise may still count a
// withdrawn or miss an added vacancy: nothing here reads them, and export
// scores ChangedDataset afresh.
//
// Withdrawn vacancies stay in `dataset` (indices never shift, as the warm
// solver requires) with openings 0 and are never scored again;
// ChangedDataset() leaves them out, as the vacancies file would.
//
// The warm solver (AssignmentSession) is shared by copies: it keeps the last
// graph solved, and each re-solve diffs the new graph against that, so which
// copy solved last changes only the speed, never the optimum.
//
// Example:
//   Scenario base = MakeScenario(std::move(dataset), reference, options);
//   Scenario more = base;
//   if (auto error = SetCapacity(&more, CoordinatorIndex{0}, 20)) ...;
//   const ScenarioDiff diff = Compare(base, more);

#ifndef JOBMATCH_WHATIF_SCENARIO_H_
#define JOBMATCH_WHATIF_SCENARIO_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/ids.h"
#include "engine/proposals.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"
#include "engine/scorer.h"

namespace jobmatch::whatif {

// What a nightly run carries over from earlier runs (engine/decisions.h;
// `jobmatch run --store` applies the same): last run's proposals, each worth
// assignment.keep_bonus more tonight unless decided since, and per
// participant the accepted vacancy held for them (ReserveHeldPairs: kept out
// of the solve with one unit of every capacity on its way). Both are fixed
// for the session; an edit that removes a held pair's arc (a withdrawal, a
// re-score that no longer keeps it) lets it lapse, as a cold run would.
struct Carryover {
  // (participant id, vacancy id): History::last_proposals.
  std::vector<std::pair<std::string, std::string>> last_proposals;
  // Per participant of the dataset, the held vacancy (invalid: none); empty
  // when none is held (Pool::held).
  std::vector<VacancyIndex> held;
};

// The options of every stage a scenario runs.
struct ScenarioOptions {
  ScoringOptions scoring;
  CandidateOptions candidates;
  AssignmentOptions assignment;
  ProposalOptions proposals;
};

struct Scenario {
  std::shared_ptr<const ReferenceData> reference;
  Dataset dataset;
  std::vector<uint8_t> withdrawn;  // per vacancy: 1 if withdrawn
  ScenarioOptions options;
  // Shared by copies and never changed in place: an edit that re-scores
  // makes a new one, so copying a scenario (undo, save) is cheap.
  std::shared_ptr<const ScoredPairs> scored;
  // The graph the solver solves; shared like `scored` (an edit builds a new one).
  std::shared_ptr<const CandidateGraph> graph;
  AssignmentResult result;
  std::shared_ptr<AssignmentSession> solver;  // warm solver, shared by copies
  // The carried-over decisions (shared by copies, never changed) and last
  // run's proposals resolved to indices (MarkPreferred's pairs).
  std::shared_ptr<const Carryover> carryover;
  std::vector<std::pair<ParticipantIndex, VacancyIndex>> preferred;
};

// Scores, builds and solves `dataset` cold, with the carried-over decisions
// applied as `jobmatch run` applies them: MarkPreferred(), then
// ReserveHeldPairs() on the candidate graph, the reserved pairs merged into
// the result (MergeReserved(); arc -1). `*graph` is then the graph the solver
// solves (held participants' rows emptied, capacities reduced). For a
// nightly run's start, `dataset` is the pool (MakePool) with the derived
// capacities applied. Preconditions as for ScoreTopK() and
// BuildCandidateGraph() (a loaded dataset satisfies them); carryover.held
// empty or one entry per participant. The result is kOptimal unless
// cost_resolution overflows (then result.status says so).
[[nodiscard]] Scenario MakeScenario(Dataset dataset,
                                    std::shared_ptr<const ReferenceData> reference,
                                    ScenarioOptions options,
                                    Carryover carryover = {});

// The dataset as a user would write it: withdrawn vacancies left out,
// history entries naming them dropped, every other record as edited.
[[nodiscard]] Dataset ChangedDataset(const Scenario& scenario);

// The carryover in the numbering of ChangedDataset(scenario): held pairs on
// withdrawn vacancies lapse.
[[nodiscard]] Carryover ChangedCarryover(const Scenario& scenario);

// Every edit below either applies completely and re-solves, or returns an
// error (kUsage for a bad argument) and leaves the scenario untouched.

// Coordinator c's capacity this cycle becomes `capacity` (>= 0).
[[nodiscard]] std::optional<Error> SetCapacity(Scenario* scenario,
                                               CoordinatorIndex c,
                                               int32_t capacity);

// Which participants a new coordinator takes over from `from`:
// round(participants of `from` * capacity / (capacity of `from` + capacity)),
// the share of the caseload the new capacity stands for; first those of
// `from`'s participants without a proposal in the current optimum (best kept
// score first, then file order), then those with one (lowest proposal score
// first, then file order). Deterministic; a pure function of the scenario.
[[nodiscard]] std::vector<ParticipantIndex> TakeoverParticipants(const Scenario& scenario,
                                                                 CoordinatorIndex from,
                                                                 int32_t capacity);

// Appends coordinator `coordinator` (id, district, capacity) and moves
// TakeoverParticipants(from, capacity) to it. The id must be new.
[[nodiscard]] std::optional<Error> AddCoordinator(Scenario* scenario,
                                                  Coordinator coordinator,
                                                  CoordinatorIndex from,
                                                  std::vector<ParticipantIndex>* moved);

// The participants' German becomes `level`; their rows are re-scored.
[[nodiscard]] std::optional<Error> SetGermanLevel(Scenario* scenario,
                                                  CefrLevel level,
                                                  std::span<const ParticipantIndex> participants);

// Who a language course would lift: participants below its target by at
// most course_bridge_max_levels whom its kind and length lift at least one
// level (CourseLevelReached, engine/exclusion_rules.h), within their own
// commute limit of the course (their max_commute_minutes, else the § 140
// default for their hours, as the scorer's course bridge), with the course
// starting on or after the run date (a course without start date counts as
// starting on the run date). In participant order. Empty for a
// vocational course.
[[nodiscard]] std::vector<ParticipantIndex> CourseParticipants(const Scenario& scenario,
                                                               CourseIndex course);
// Everyone CourseParticipants() names finishes the course: their German
// becomes the level the course brings them to (CourseLevelReached, at most
// its target). `finished` receives them.
[[nodiscard]] std::optional<Error> FinishCourse(Scenario* scenario,
                                                CourseIndex course,
                                                std::vector<ParticipantIndex>* finished);

// The § 140 default limits: the long-day limit becomes `minutes`, the
// short-day limit keeps its ratio to it (60/75 by default), rounded. A
// participant's own max_commute_minutes is theirs and stays. Everyone is
// re-scored.
[[nodiscard]] std::optional<Error> SetCommuteLimit(Scenario* scenario, int32_t minutes);

enum class WeightPart : int8_t { kSkill = 0, kGerman, kCommute, kMicro };
// A scoring weight (>= 0; the four may not all be 0). Everyone is re-scored.
[[nodiscard]] std::optional<Error> SetWeight(Scenario* scenario, WeightPart part, double value);

// Withdraws the vacancies (already withdrawn ones are ignored): no longer
// scored, no arcs, no openings. The rows that held one are re-scored.
[[nodiscard]] std::optional<Error> WithdrawVacancies(Scenario* scenario,
                                                     std::span<const VacancyIndex> vacancies);
// The vacancies of employer e that are not withdrawn yet.
[[nodiscard]] std::vector<VacancyIndex> EmployerVacancies(const Scenario& scenario,
                                                          EmployerIndex e);

// Vacancy v's openings become `openings` (>= 0). Not for a withdrawn vacancy.
[[nodiscard]] std::optional<Error> SetOpenings(Scenario* scenario,
                                               VacancyIndex v,
                                               int32_t openings);

// Appends `vacancy` (employer and places resolved, id new) and scores its
// column: it enters each participant's kept pairs where the scorer would
// keep it.
[[nodiscard]] std::optional<Error> AddVacancy(Scenario* scenario, Vacancy vacancy);

// Participants with no candidate arc (no vacancy passes every rule).
int32_t CountWithoutCandidates(const Scenario& scenario);

// Lookups by external id (nullopt: none).
std::optional<CoordinatorIndex> FindCoordinator(const Scenario& scenario, const std::string& id);
std::optional<ParticipantIndex> FindParticipant(const Scenario& scenario, const std::string& id);
std::optional<VacancyIndex> FindVacancy(const Scenario& scenario, const std::string& id);
std::optional<EmployerIndex> FindEmployer(const Scenario& scenario, const std::string& id);
std::optional<CourseIndex> FindCourse(const Scenario& scenario, const std::string& id);

}  // namespace jobmatch::whatif

#endif  // JOBMATCH_WHATIF_SCENARIO_H_

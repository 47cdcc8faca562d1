// engine/exclusion_rules.h
//
// The hard rules of scoring: a pair that breaks one is removed instead of
// scored lower. This header names the rules, fixes their order, and holds the
// rule functions the scorer, the proposals and the tests share; the per-pair
// checks run inside ScoreTopK() (engine/scorer.h).
//
// Order. A removed pair counts under the first rule it breaks, in
// ExclusionReason order, and explanations list reasons in that order. A pair
// that breaks exactly one rule is a near miss of that rule (NearMiss): it
// says what one change would open.
//
// The rules (options are ScoringOptions fields):
//  * kWorkNotPermitted: the participant may not work (yet).
//  * Programme admission rules (ScoringOptions::programme, ProgrammeRules
//    below): a participant outside the programme breaks them for every
//    vacancy, so they get no proposal, and each removed pair counts under the
//    programme rule's own name. An empty cell (unknown date, status, country,
//    benefits) never excludes: the rule judges only what is recorded.
//    - kBelowProgrammeGerman: German below the programme's entry floor.
//    - kInGermanyTooLong: in_germany_since more than max_years_in_germany
//      calendar years before run_date (exactly N years is still inside).
//    - kResidenceStatusExcluded: residence status not admitted.
//    - kNoSgb2Benefits: the programme requires SGB II benefits, the
//      participant receives none.
//    - kSafeCountryOfOrigin: country of origin on the programme's list of
//      safe countries of origin (§ 29a AsylG, Anlage II).
//  * kRejectedBefore: Dataset::history holds a kRejected outcome for the pair.
//  * kExpired: run_date set and vacancy.expires < run_date.
//  * kKindExcluded (if apply_pathways): the pathway policy does not open the
//    vacancy's kind to the participant. PathwayPolicy gives, by goal and by
//    whether the participant holds a vocational or academic qualification
//    (recognised or not), which kinds are open. Default:
//      goal \ qualification   none                            vocational/academic
//      job, internship        helper jobs, training, intern.  jobs, internships
//      training               training, internships           training, internships
//    A helper job is a job of requirement level <=
//    unqualified_max_requirement_level (a vacancy without occupation counts
//    as level 1).
//  * kLicenceMissing: the vacancy needs a driving licence the participant
//    lacks.
//  * kHoursMismatch: both hours > 0 and vacancy hours > participant hours +
//    hours_tolerance.
//  * kCommuteTooLong: the estimated commute exceeds CommuteLimitMinutes().
//  * kGermanTooLow: German more than german_tolerance_levels below the
//    vacancy's minimum and no language course bridges the gap (the bridge is
//    described in engine/scorer.h).
//
// Example:
//   if (!PathwayAllows(participant, VacancyKind::kJob, 1, options)) ...
//   json["rule"] = ExclusionReasonName(ExclusionReason::kCommuteTooLong);  // "commute_too_long"

#ifndef JOBMATCH_ENGINE_EXCLUSION_RULES_H_
#define JOBMATCH_ENGINE_EXCLUSION_RULES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ids.h"
#include "engine/records.h"
#include "engine/reference.h"

namespace jobmatch {

struct ScoringOptions;  // engine/scorer.h

// Why a pair was removed, in the order the rules are applied.
enum class ExclusionReason : int8_t {
  kWorkNotPermitted = 0,     // the participant may not work (yet)
  kBelowProgrammeGerman,     // programme: German below the entry floor
  kInGermanyTooLong,         // programme: in Germany longer than the programme admits
  kResidenceStatusExcluded,  // programme: residence status not admitted
  kNoSgb2Benefits,           // programme: requires SGB II benefits
  kSafeCountryOfOrigin,      // programme: safe country of origin (§ 29a AsylG)
  kRejectedBefore,           // history: this pair was rejected earlier
  kExpired,                  // the vacancy expired before the run date
  kKindExcluded,             // vacancy kind does not fit the participant's goal/pathway
  kLicenceMissing,           // vacancy needs a driving licence the participant lacks
  kHoursMismatch,            // vacancy hours exceed the participant's by more than the tolerance
  kCommuteTooLong,           // estimated commute beyond the participant's limit
  kGermanTooLow,  // German below the minimum by more than the tolerance, no course bridge
  kCount,
};
inline constexpr int kNumExclusionReasons = static_cast<int>(ExclusionReason::kCount);

// The rule's identifier in machine-readable output: "commute_too_long".
std::string_view ExclusionReasonName(ExclusionReason reason);

// Whether the rule is one of a programme's admission rules (about the person,
// not the vacancy: no near miss, the sheet says "nicht im Programm").
constexpr bool IsProgrammeRule(ExclusionReason reason) {
  return reason >= ExclusionReason::kBelowProgrammeGerman &&
         reason <= ExclusionReason::kSafeCountryOfOrigin;
}

// A programme's admission rules (who may take part). The defaults admit
// everyone.
struct ProgrammeRules {
  std::string name;  // for people to read; empty: no programme
  CefrLevel min_german = CefrLevel::kA0;
  int32_t max_years_in_germany = 0;  // 0: no limit
  // Bit per ResidenceStatus that is admitted (kUnknown always is).
  uint32_t admitted_statuses = (1u << kNumResidenceStatuses) - 1;
  bool require_sgb2_benefits = false;
  // Safe countries of origin, ISO codes and names, as FoldCountry() gives them.
  std::vector<std::string> excluded_countries;
  friend bool operator==(const ProgrammeRules&, const ProgrammeRules&) = default;
};
// Lower-case ASCII letters, blanks and dots removed: " Nord-Mazedonien" -> "nord-mazedonien".
std::string FoldCountry(std::string_view text);
// Bit r (ExclusionReason r) per programme rule the participant breaks; 0: inside.
uint32_t ProgrammeFailures(const Participant& participant,
                           const ProgrammeRules& rules,
                           std::optional<Date> run_date);

// Vacancy kinds open to a participant (see the table above).
struct PathwayRule {
  bool job = false;  // for participants without qualification: helper jobs only
  bool training = false;
  bool internship = true;
  friend bool operator==(const PathwayRule&, const PathwayRule&) = default;
};
struct PathwayPolicy {
  // [goal: job, training, internship][0: no qualification, 1: vocational or academic]
  std::array<std::array<PathwayRule, 2>, 3> rules = {{
      {{{true, true, true}, {true, false, true}}},   // goal job
      {{{false, true, true}, {false, true, true}}},  // goal training
      {{{true, true, true}, {true, false, true}}},   // goal internship
  }};
  friend bool operator==(const PathwayPolicy&, const PathwayPolicy&) = default;
};

// Vacancies that only one rule removed, and the best of them: the score it
// would have had with that rule lifted (commute and German parts clamped to
// [0, 1]), ranked like the kept pairs.
struct NearMiss {
  int32_t count = 0;
  VacancyIndex best;        // invalid if count == 0
  float best_score = 0.0f;  // the score it would have had without the rule
};

// The commute limit for a pair in minutes: the participant's
// max_commute_minutes, or by default § 140(4) SGB III: 75 minutes one way if
// the vacancy's hours (the participant's hours if the vacancy gives none)
// exceed long_day_hours_per_week, 60 otherwise.
int32_t CommuteLimitMinutes(const Participant& participant,
                            const Vacancy& vacancy,
                            const ScoringOptions& options);
// Requirement level 1..4 of an occupation: the KldB fifth digit, or for ESCO
// the ISCO-08 skill level of its group (9: 1; 4-8: 2; 3 and 14: 3; 1, 2: 4;
// armed forces 01: 4, 02: 2, 03: 1); 1 if invalid.
int32_t RequirementLevel(const OccupationRef& occupation, const ReferenceData& reference);
// Qualification level 1..4: none 1, vocational 2, academic 4, lowered by
// unrecognised_qualification_levels (not below 1) if not recognised.
int32_t QualificationLevel(const Participant& participant, const ScoringOptions& options);
// Whether the pathway policy opens a vacancy of this kind and requirement
// level to the participant (true whenever apply_pathways is false).
bool PathwayAllows(const Participant& participant,
                   VacancyKind kind,
                   int32_t requirement_level,
                   const ScoringOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_EXCLUSION_RULES_H_

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
//  * Pathway rules of the programme (ProgrammeRules below, in this order;
//    each closes vacancy kinds to a participant and counts under its own
//    name):
//    - kGoalInternship: goal internship, vacancy not an internship (on by
//      default).
//    - kUnqualifiedTraining: no vocational or academic qualification,
//      vacancy a job (Saxon mentors: into vocational training first).
//    - kHelperJobQualified: a qualification, vacancy a helper job (Saxon
//      mentors: employment that fits the qualification); with
//      helper_jobs_as_fallback only while another vacancy is open to them.
//    - kInternshipBeforeJob: german_work_experience false, vacancy a job
//      (Job-Turbo: activation, internship, then a job).
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
//  * kNoSkillFit (if require_skill_fit): the participant covers none of the
//    vacancy's essential skills (engine/skill_profiles.h: their stated skills
//    plus their occupations' essential skills) and holds no related
//    occupation (RelatedOccupations below). As with the programme rules, an
//    empty record never excludes: a participant with no skill and no
//    occupation on record, or a vacancy with no essential skill known (its
//    occupation has no ESCO profile and it states none), is not judged by
//    it. Last in order: it is checked only where every other rule passed or
//    one did (near misses), as it needs the skill overlap.
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
  kGoalInternship,           // pathway: an internship goal gets internships only
  kUnqualifiedTraining,      // pathway: without qualification into training, not jobs
  kHelperJobQualified,       // pathway: with a qualification no helper jobs
  kInternshipBeforeJob,      // pathway: no German work experience: internship before a job
  kKindExcluded,             // vacancy kind does not fit the participant's goal/pathway
  kLicenceMissing,           // vacancy needs a driving licence the participant lacks
  kHoursMismatch,            // vacancy hours exceed the participant's by more than the tolerance
  kCommuteTooLong,           // estimated commute beyond the participant's limit
  kGermanTooLow,  // German below the minimum by more than the tolerance, no course bridge
  kNoSkillFit,    // no essential skill covered and no related occupation
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
// Whether the rule is a pathway rule (about the vacancy's kind for this
// person: the named programme pathway rules and the pathway table).
constexpr bool IsPathwayRule(ExclusionReason reason) {
  return reason >= ExclusionReason::kGoalInternship && reason <= ExclusionReason::kKindExcluded;
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

  // Pathway rules (each removes a pair under its own ExclusionReason; a
  // helper job is a job of requirement level <= unqualified_max_requirement_level,
  // i.e. KldB 2010 Anforderungsniveau 1 "Helfer", ESCO: ISCO-08 skill level 1).
  // kGoalInternship: goal internship -> internships only. On by default:
  // a goal the participant stated is honoured.
  bool internship_goal_internships_only = true;
  // kUnqualifiedTraining: no vocational or academic qualification -> no jobs
  // (training places and internships stay open).
  bool unqualified_into_training = false;
  // kHelperJobQualified: a vocational or academic qualification (recognised
  // or not) -> no helper jobs, unless helper_jobs_as_fallback and no other
  // vacancy within reach passes every rule for the participant.
  bool no_helper_jobs_for_qualified = false;
  bool helper_jobs_as_fallback = false;
  // kInternshipBeforeJob: german_work_experience recorded as false -> no
  // jobs (internships and training places stay open); unknown never excludes.
  bool internship_before_job = false;
  friend bool operator==(const ProgrammeRules&, const ProgrammeRules&) = default;
};
// Lower-case ASCII letters, blanks and dots removed: " Nord-Mazedonien" -> "nord-mazedonien".
std::string FoldCountry(std::string_view text);
// Bit r (ExclusionReason r) per programme rule the participant breaks; 0: inside.
uint32_t ProgrammeFailures(const Participant& participant,
                           const ProgrammeRules& rules,
                           std::optional<Date> run_date);

// Related occupations (for kNoSkillFit). Two occupation codes are related
// when
//  * they share an ISCO-08 minor group (the first three digits, so the same
//    unit group or a sibling one: kitchen helpers 9412 and fast-food
//    preparers 9411), reading a KldB code through its ISCO links
//    (KldbOccupation::isco_codes) and ignoring residual unit groups (a final
//    9, "not elsewhere classified": sharing one says nothing), or
//  * both are KldB codes of the same Berufsgruppe (the first three digits:
//    82311 hairdressing helper and 82312 hairdresser).
// A participant holds a related occupation when one of their occupations is
// related to the vacancy's.
bool IsResidualIscoGroup(int32_t isco_unit_group);  // 9629, 9129, ... (final digit 9)
// The non-residual ISCO-08 unit groups (as integers) an occupation code maps to.
void AppendSpecificIsco(const OccupationRef& occupation,
                        const ReferenceData& reference,
                        std::vector<int32_t>* out);
// The KldB Berufsgruppe (first three digits as an integer), -1 for ESCO codes.
int32_t KldbGroupOf(const OccupationRef& occupation, const ReferenceData& reference);
bool RelatedOccupations(const OccupationRef& a,
                        const OccupationRef& b,
                        const ReferenceData& reference);

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

// The CEFR level a participant at `from` reaches by the end of `course`
// (`from` when the course lifts nothing). Units = weeks * lessons_per_week
// (the course's, else course_lessons_per_week). Per course kind:
//  * kIntegration: steps up to min(target_level, B1), each costing
//    integration_course_units[level], as long as the units last;
//  * kJobGerman: the one step to target_level, costing
//    job_german_course_units[target], when `from` is one level below the
//    target (below A2 for an A2 course) and the units suffice;
//  * kLanguage (kind not stated): steps up to target_level, to B1 at
//    integration-course cost and above at job-German cost;
//  * kVocational: none.
// Example: A2, 12 weeks at 25 units (300), kLanguage to B2: B1 (300 units),
// B1 -> B2 needs 400 more, so B1: no bridge to a B2 vacancy.
CefrLevel CourseLevelReached(const Course& course, CefrLevel from, const ScoringOptions& options);

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
// Bit r (ExclusionReason r) per pathway rule (named programme pathway rules
// and the table) that closes a vacancy of this kind and requirement level to
// the participant; 0 whenever apply_pathways is false. Ignores the helper-job
// fallback, which depends on the other vacancies.
uint32_t PathwayFailures(const Participant& participant,
                         VacancyKind kind,
                         int32_t requirement_level,
                         const ScoringOptions& options);
// Whether the pathway table opens a vacancy of this kind and requirement
// level to the participant (true whenever apply_pathways is false).
bool PathwayAllows(const Participant& participant,
                   VacancyKind kind,
                   int32_t requirement_level,
                   const ScoringOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_EXCLUSION_RULES_H_

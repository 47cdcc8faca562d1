// engine/scorer.h
//
// Rates every participant–vacancy pair within commuting reach and keeps the
// best K vacancies per participant, each with the parts a coordinator reads.
//
// Score. score = sum_i weight_i * part_i / sum_i weight_i, every part in
// [0, 1]:
//  * skill:   see "Skill part" below;
//  * german:  1 at or above the vacancy's minimum CEFR level, falling with
//             each level below it (down to the tolerance), or the course
//             bridge fit (see "German" below);
//  * commute: 1 at zero minutes, falling linearly to 0 at the participant's
//             limit: 1 - minutes / limit;
//  * micro:   the configured bonus for the employer's size class.
// Hard rules (engine/exclusion_rules.h: what each checks, their order,
// pathways) remove a pair instead of lowering its score; each removed pair
// counts under the first rule (in ExclusionReason order) that removed it.
//
// Skill part (engine/skill_profiles.h defines the skill sets). Participant
// skills: stated skills plus the essential skills of each occupation (not
// their optional skills). Vacancy essential set: occupation essential plus
// stated essential; optional set: occupation optional plus stated optional,
// minus essential. essential_coverage = |P ∩ E| / |E|, optional_coverage =
// |P ∩ O| / |O| (1 for an empty set);
//   mix = (1 - optional_skill_share) * essential + optional_skill_share * optional
// when both sets are non-empty, the one coverage when only one is, and
// skill_fit_without_requirements when the vacancy lists no skill at all.
// Skill gate: a pair covering no essential skill without a related occupation
// is removed (kNoSkillFit, engine/exclusion_rules.h), not scored.
// ISCO floor: when one of the participant's occupations shares an
// ISCO-08 unit (4 digits), minor (3) or sub-major (2) group with the
// vacancy's occupation (KldB codes through their ISCO bridge), the mix is
// raised to at least isco_group_floor[0], [1] or [2]. Requirement level: for
// jobs only, the KldB requirement level (fifth digit; ESCO-coded vacancies:
// the ISCO-08 skill level of their group) is matched against the
// participant's qualification level (none 1, vocational 2, academic 4; one
// level lower (unrecognised_qualification_levels) if not recognised): each
// level missing multiplies the part by (1 - requirement_penalty_per_level
// * gap), floored at 0. It is a factor of the skill part, not a rule and not
// a fifth part; training places and internships carry no requirement (the
// training is how the level is reached).
//   skill = max(mix, isco floor) * requirement_fit
//
// German. gap = vacancy minimum - participant level. gap <= 0: 1. Otherwise,
// if a course bridge exists (below), the pair is kept, bridge_course is set
// and german = course_bridge_german_fit (the fit once the course reaches the
// minimum; 1 by default). Else, gap <= german_tolerance_levels: german =
// max(0, 1 - german_penalty_per_level * gap); further below: kGermanTooLow.
// A course bridges a gap of at most course_bridge_max_levels when it is a
// German course (Dataset::courses, any kind but vocational) that lifts the
// participant to the vacancy minimum (CourseLevelReached, by its kind and
// units; bridge_level is the level reached), whose place is within the
// participant's own commute limit of their home (max_commute_minutes or the
// § 140 default for their hours), that starts on or after run_date (a course
// without start date starts on the run date; without a run date it is not
// used) and finishes (start + 7 * weeks days) on or before the vacancy's
// start date; a vacancy without start date gives run_date +
// course_horizon_weeks, or, with no run date either, any course of at most
// course_horizon_weeks. Among fitting courses the earliest finishing is
// taken, ties by course index; course ends are computed in 64 bits, so an
// absurd `weeks` never wraps into a bridge. Setting course_bridge_max_levels
// = german_tolerance_levels gives the strict reading in which a course only
// marks gaps already within the tolerance.
//
// Commute. Straight-line (great-circle) km * road_detour_factor at
// car_speed_kmh if the participant has a driving licence and a car, else at
// transit_speed_kmh plus transit_wait_minutes. The limit is the participant's
// max_commute_minutes, or by default § 140(4) SGB III: 75 minutes one way if
// the vacancy's hours (the participant's hours if the vacancy gives none)
// exceed long_day_hours_per_week, 60 otherwise (CommuteLimitMinutes).
//
// Reach and counts. Each participant looks only at vacancies within the
// straight-line distance that their fastest means covers in the longest limit
// that could apply to them (their own limit, else the longer § 140 default):
// these are within_reach[p], summed in pairs_examined; vacancies beyond are
// neither scored nor counted. Every pair within reach is either eligible
// (passed every rule) or counted in excluded[p][first failed rule], so
// within_reach[p] = eligible[p] + sum(excluded[p]). excluded[kCommuteTooLong]
// therefore counts vacancies within that reach but over the limit that
// applies to the pair (e.g. 60 minutes for a short-day vacancy when the reach
// was drawn for 75). Eligible pairs scoring below min_score are dropped.
//
// Nearest misses. near_miss[p][r] counts the vacancies within reach that only
// rule r removed (every other rule passed), and names the best of them with
// the score it would have had with rule r lifted (commute and German parts
// clamped to [0, 1]), ranked like the kept pairs. For a participant without a
// proposal it says what one change would open: "with B1: 14 more vacancies,
// best fit 0.82".
//
// Method. Vacancies are found through a spatial grid (engine/geo.h);
// participants are sorted by grid cell and scored in blocks of block_size in
// parallel (oneTBB, in an arena of num_threads), each block writing only its
// own participants' output; a serial prefix sum then lays out the CSR. Skill
// overlaps come from the factorised sparse kernel of engine/skill_profiles.h;
// no participants-by-vacancies matrix is ever formed. Every rule is checked
// for every pair within reach (for the counts), eight vacancy rows at once
// with AVX-512 where the CPU has it, the skill gate and the first bound too
// (engine/internal/rule_pass.h: the same bits and doubles as the scalar loop,
// which stays for other CPUs and for participants with rejected pairs);
// parts are computed only as far as needed: exact upper bounds skip pairs
// that can neither enter the top K nor beat the nearest miss so far, which
// never changes the output.
//
// Guarantees. Deterministic: the same input and options give the same bytes
// on any number of threads and any block size. Thread count comes from
// options, never a global. num_threads == 1 runs a plain serial loop.
//
// Example:
//   ScoringOptions options;
//   options.top_k = 20;
//   const ScoredPairs scored = ScoreTopK(dataset, reference, options);
//   for (const ScoredPair& pair : scored.For(ParticipantIndex{0})) ...

#ifndef JOBMATCH_ENGINE_SCORER_H_
#define JOBMATCH_ENGINE_SCORER_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/exclusion_rules.h"
#include "engine/geo.h"
#include "engine/ids.h"
#include "engine/records.h"
#include "engine/reference.h"

namespace jobmatch {

struct ScoringWeights {
  double skill = 0.45;
  double german = 0.20;
  double commute = 0.20;
  double micro = 0.15;
  friend bool operator==(const ScoringWeights&, const ScoringWeights&) = default;
};

struct ScoringOptions {
  ScoringWeights weights;
  // Vacancies kept per participant (the best by score, ties by vacancy index).
  int32_t top_k = 20;
  // Pairs scoring below this are dropped (not counted as excluded).
  double min_score = 0.0;

  // Skill part: share of the part given to optional-skill coverage.
  double optional_skill_share = 0.25;
  // Skill part of a vacancy with no skill known at all (its occupation has
  // no ESCO profile, none stated): nothing shows a fit or a gap, so half by
  // default, never a full fit.
  double skill_fit_without_requirements = 0.5;
  // The skill gate (kNoSkillFit, engine/exclusion_rules.h): no pair whose
  // participant covers none of the vacancy's essential skills and holds no
  // related occupation.
  bool require_skill_fit = true;
  // Floor on the skill part when an occupation of the participant shares the
  // vacancy occupation's ISCO-08 unit group, minor group, sub-major group.
  std::array<double, 3> isco_group_floor = {0.6, 0.4, 0.2};
  // Jobs only: skill part lost per requirement level the participant's
  // qualification lacks (KldB fifth digit against none 1 / vocational 2 /
  // academic 4), and how many levels lower an unrecognised qualification counts.
  double requirement_penalty_per_level = 0.25;
  int32_t unrecognised_qualification_levels = 1;

  // German: levels below the vacancy minimum that are still kept (scored
  // lower, or bridged by a course); further below is a hard exclusion.
  int32_t german_tolerance_levels = 1;
  // Fit lost per level below the minimum.
  double german_penalty_per_level = 0.5;
  // A language course within this many minutes of the participant's home
  // that reaches the vacancy's minimum before the vacancy starts (or within
  // course_horizon_weeks of the run date when the vacancy has no start)
  // bridges the gap: the pair is kept and marked with the course.
  int32_t course_horizon_weeks = 26;
  // Largest gap (levels below the minimum) a course may bridge, and the
  // German part of a bridged pair (the fit once the course is done).
  int32_t course_bridge_max_levels = 2;
  double course_bridge_german_fit = 1.0;
  // How far a German course lifts a participant (CourseLevelReached,
  // engine/exclusion_rules.h): teaching units of 45 minutes needed for the
  // step up to each level, by CEFR level (index A0..C2; 0: the course kind
  // does not teach that step).
  //  * Integration course, language part (§ 43 AufenthG; Integrationskurs-
  //    verordnung § 10 Abs. 1 and § 11: 600 units, Basissprachkurs 300 and
  //    Aufbausprachkurs 300, to B1 (IntV § 3 Abs. 2)): A0->A1 150, A1->A2
  //    150 (the Basissprachkurs split evenly: our assumption), A2->B1 300.
  std::array<int32_t, kNumCefrLevels> integration_course_units = {0, 150, 150, 300, 0, 0, 0};
  //  * Job-related German course (Berufssprachkurs, DeuFöV § 12 Abs. 2:
  //    Basisberufssprachkurse B1->B2, B2->C1, C1->C2 "in der Regel 400
  //    Unterrichtseinheiten" (500 for B2 for people needing more preparation:
  //    set 500 here to plan with those); § 13 Abs. 1 Nr. 3 and 4:
  //    Spezialberufssprachkurse to A2 and A2->B1, 400 units). A module teaches
  //    one step: entry one level below its target (below A2 for the A2 module).
  std::array<int32_t, kNumCefrLevels> job_german_course_units = {0, 0, 400, 400, 400, 400, 400};
  // Units a week when the course gives none: full time, DeuFöV § 11 Abs. 4
  // ("in der Regel nicht mehr als 25 Unterrichtseinheiten in der Woche").
  int32_t course_lessons_per_week = 25;

  // Commute estimate: car if licence and car, else public transport.
  double car_speed_kmh = 50.0;
  double transit_speed_kmh = 22.0;
  double road_detour_factor = 1.3;  // road/track km per straight-line km
  double transit_wait_minutes = 10.0;
  // § 140(4) SGB III: 2.5 h a day there and back for more than 6 hours of
  // work, 2 h for 6 hours or less; one way that is 75 and 60 minutes.
  int32_t default_commute_minutes_long_day = 75;
  int32_t default_commute_minutes_short_day = 60;
  double long_day_hours_per_week = 30.0;  // > 6 h a day at 5 days

  // Hours: vacancy hours may exceed what the participant offers by this much.
  double hours_tolerance = 5.0;

  // Micro-enterprise preference: the micro part by size class.
  std::array<double, 4> size_class_bonus = {1.0, 0.6, 0.3, 0.0};  // micro, small, medium, large

  // Pathways (Saxon mentors' rule): which vacancy kinds each participant may
  // be proposed (table in engine/exclusion_rules.h). By default no
  // qualification: training, internships and helper-level jobs; with one:
  // jobs and internships; goal training: training and internships.
  // Internships are always open for activation.
  bool apply_pathways = true;
  PathwayPolicy pathways;
  // The programme's admission rules (engine/exclusion_rules.h); the default
  // admits everyone. The time-in-Germany rule needs run_date.
  ProgrammeRules programme;
  // Helper-level jobs: requirement level (KldB fifth digit; ESCO: ISCO-08
  // skill level) up to this. Participants without qualification may take
  // jobs up to this level.
  int32_t unqualified_max_requirement_level = 1;

  // Expiry and course timing; if unset, expiry is not checked and courses
  // count from their own start dates.
  std::optional<Date> run_date;

  // Threads: 0 = all the machine has. Block size: participants per task.
  int32_t num_threads = 0;
  int32_t block_size = 64;
  // Judge the rules, skill gate and first bound of eight vacancies at once
  // with the CPU's AVX-512 instructions where it has them
  // (engine/internal/rule_pass.h); affects
  // speed only, never results (tests compare both ways).
  bool vector_instructions = true;
  // Side of a spatial grid cell; affects speed only, never results.
  double grid_cell_km = 10.0;
  friend bool operator==(const ScoringOptions&, const ScoringOptions&) = default;
};

// The readable parts of one pair's score, each in [0, 1].
struct ScoreParts {
  float skill = 0.0f;
  float essential_coverage = 0.0f;  // share of essential skills covered
  float optional_coverage = 0.0f;   // share of optional skills covered
  float german = 0.0f;
  float commute = 0.0f;
  float micro = 0.0f;
  // Factor of the skill part for the requirement level (1: no level missing).
  float requirement_fit = 1.0f;
  // ISCO-08 digits shared by the closest pair of occupations (4 unit group,
  // 3 minor, 2 sub-major, 0 none); the floor isco_group_floor applied to skill.
  int8_t isco_match_digits = 0;
  // True when that floor raised the skill part above the skills' own mix.
  bool isco_floor_applied = false;
  // False when the vacancy lists no essential skill (essential_coverage is
  // then 1 by definition, and explanations say so instead of "100 %").
  bool has_essential_skills = true;
};

struct ScoredPair {
  VacancyIndex vacancy;
  float score = 0.0f;
  ScoreParts parts;
  float distance_km = 0.0f;                 // straight line
  float commute_minutes = 0.0f;             // estimated, one way
  CourseIndex bridge_course;                // valid: "fits after course C"
  CefrLevel bridge_level = CefrLevel::kA0;  // the level the course reaches
};

struct ScoredPairs {
  // CSR by participant: pairs[begin[p] .. begin[p+1]) are participant p's
  // kept vacancies, best first (score descending, then vacancy ascending).
  std::vector<int64_t> begin;  // size participants + 1
  std::vector<ScoredPair> pairs;
  // Per participant, vacancies removed by each rule.
  std::vector<std::array<int32_t, kNumExclusionReasons>> excluded;
  // Per participant, bit r per programme rule r broken (0: inside the programme).
  std::vector<uint32_t> programme_fail;
  // Per participant, vacancies within reach that passed every rule.
  std::vector<int32_t> eligible;
  // Per participant, vacancies within reach (= eligible + sum of excluded).
  std::vector<int32_t> within_reach;
  // Per participant and rule, the vacancies removed by that rule alone.
  std::vector<std::array<NearMiss, kNumExclusionReasons>> near_miss;
  // Totals over all participants.
  int64_t pairs_examined = 0;  // pairs looked at (within the spatial reach)
  std::array<int64_t, kNumExclusionReasons> excluded_total{};

  std::span<const ScoredPair> For(ParticipantIndex p) const {
    return {pairs.data() + begin[static_cast<size_t>(p.value)],
            pairs.data() + begin[static_cast<size_t>(p.value) + 1]};
  }
  int32_t num_participants() const { return static_cast<int32_t>(begin.size()) - 1; }
};

// Weighted contribution of each part to `score` (what the explanation prints):
// contribution_i = weight_i * part_i / sum(weights). Same order as the parts:
// skill, german, commute, micro.
std::array<double, 4> Contributions(const ScoreParts& parts, const ScoringWeights& weights);

// The commute model (speeds, detour, wait) of the options.
CommuteModel CommuteModelOf(const ScoringOptions& options);

// Scores every pair within reach and keeps the top K per participant.
// top_k <= 0 keeps every eligible pair scoring at least min_score.
// Preconditions: every index in `dataset` is in range (loaders guarantee it).
[[nodiscard]] ScoredPairs ScoreTopK(const Dataset& dataset,
                                    const ReferenceData& reference,
                                    const ScoringOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_SCORER_H_

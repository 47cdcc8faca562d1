// engine/scorer.h
//
// Rates every participant–vacancy pair within commuting reach and keeps the
// best K vacancies per participant, each with the parts a coordinator reads.
//
// Score. score = sum_i weight_i * part_i / sum_i weight_i, every part in
// [0, 1]:
//  * skill:   coverage of the vacancy's essential skills (and, with a smaller
//             weight inside the part, optional ones) by the participant's
//             skills: their own plus those of their occupations;
//  * german:  1 at or above the vacancy's minimum CEFR level, falling with
//             each level below it (down to the tolerance);
//  * commute: 1 at zero minutes, falling linearly to 0 at the participant's
//             limit;
//  * micro:   the configured bonus for the employer's size class.
// Hard rules remove a pair instead of lowering its score; each removed pair
// counts under the first rule (in ExclusionReason order) that removed it.
//
// Method. Vacancies are found through a spatial grid, so only pairs within
// the longest possible commute are ever looked at; participants are scored in
// blocks in parallel (oneTBB), each block writing only its own output.
//
// Guarantees. Deterministic: the same input and options give the same bytes
// on any number of threads. Thread count comes from options, never a global.
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

#include "engine/ids.h"
#include "engine/records.h"
#include "engine/reference.h"

namespace jobmatch {

// Why a pair was removed. Order matters: a pair counts under the first rule
// that removes it, and explanations list reasons in this order.
enum class ExclusionReason : int8_t {
  kWorkNotPermitted = 0,  // the participant may not work (yet)
  kRejectedBefore,        // history: this pair was rejected earlier
  kExpired,               // the vacancy expired before the run date
  kKindExcluded,          // vacancy kind does not fit the participant's goal/pathway
  kLicenceMissing,        // vacancy needs a driving licence the participant lacks
  kHoursMismatch,         // vacancy hours exceed the participant's by more than the tolerance
  kCommuteTooLong,        // estimated commute beyond the participant's limit
  kGermanTooLow,          // German below the minimum by more than the tolerance, no course bridge
  kCount,
};
inline constexpr int kNumExclusionReasons = static_cast<int>(ExclusionReason::kCount);
std::string_view ExclusionReasonName(ExclusionReason reason);  // "commute_too_long"
std::string_view ExclusionReasonText(ExclusionReason reason);  // "commute over the limit"

struct ScoringWeights {
  double skill = 0.45;
  double german = 0.20;
  double commute = 0.20;
  double micro = 0.15;
};

struct ScoringOptions {
  ScoringWeights weights;
  // Vacancies kept per participant (the best by score, ties by vacancy index).
  int32_t top_k = 20;
  // Pairs scoring below this are dropped (not counted as excluded).
  double min_score = 0.0;

  // Skill part: share of the part given to optional-skill coverage.
  double optional_skill_share = 0.25;

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
  // be proposed. Indexed [qualification][kind]; true = allowed. By default
  // no qualification: training, internships and helper-level jobs; with one:
  // jobs and internships. Internships are always open for activation.
  bool apply_pathways = true;
  // Helper-level jobs: KldB requirement level 1 (or ESCO-coded jobs).
  // Participants without qualification may take jobs up to this level.
  int32_t unqualified_max_requirement_level = 1;

  // Expiry and course timing; if unset, expiry is not checked and courses
  // count from their own start dates.
  std::optional<Date> run_date;

  // Threads: 0 = all the machine has. Block size: participants per task.
  int32_t num_threads = 0;
  int32_t block_size = 64;
};

// The readable parts of one pair's score, each in [0, 1].
struct ScoreParts {
  float skill = 0.0f;
  float essential_coverage = 0.0f;  // share of essential skills covered
  float optional_coverage = 0.0f;   // share of optional skills covered
  float german = 0.0f;
  float commute = 0.0f;
  float micro = 0.0f;
};

struct ScoredPair {
  VacancyIndex vacancy;
  float score = 0.0f;
  ScoreParts parts;
  float distance_km = 0.0f;       // straight line
  float commute_minutes = 0.0f;   // estimated, one way
  CourseIndex bridge_course;      // valid: "fits after course C"
};

struct ScoredPairs {
  // CSR by participant: pairs[begin[p] .. begin[p+1]) are participant p's
  // kept vacancies, best first (score descending, then vacancy ascending).
  std::vector<int64_t> begin;  // size participants + 1
  std::vector<ScoredPair> pairs;
  // Per participant, vacancies removed by each rule.
  std::vector<std::array<int32_t, kNumExclusionReasons>> excluded;
  // Per participant, vacancies within reach that passed every rule.
  std::vector<int32_t> eligible;
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

// Scores every pair within reach and keeps the top K per participant.
// Preconditions: every index in `dataset` is in range (loaders guarantee it).
[[nodiscard]] ScoredPairs ScoreTopK(const Dataset& dataset, const ReferenceData& reference,
                                    const ScoringOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_SCORER_H_

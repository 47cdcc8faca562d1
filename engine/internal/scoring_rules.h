// engine/internal/scoring_rules.h
//
// The hard rules of engine/exclusion_rules.h as the scorer's pair loop checks
// them: everything a rule needs is derived once per vacancy (VacancyRules),
// once per dataset (RuleTables: rejected pairs, language courses) and once per
// participant (ParticipantRules), so that judging a pair is a few bit
// operations without branches (JudgePair). Private to the engine.
//
// Contract. JudgePair() returns a bit per broken rule (bit r for
// ExclusionReason r) and the course that bridges a German gap (-1: none); a
// bridged pair does not break kGermanTooLow. FirstRule() of the bits is the
// rule the pair counts under; a pair with exactly one bit is a near miss.
// Date arithmetic on course lengths is 64-bit, so absurd `weeks` values
// neither overflow nor wrap into a bridge.
//
// Example (the pair loop):
//   BuildParticipantRules(dataset, tables, options, model, p, &rules);
//   const PairVerdict verdict = JudgePair(rules, facts);
//   if (verdict.fail == 0) ...  // eligible

#ifndef JOBMATCH_ENGINE_INTERNAL_SCORING_RULES_H_
#define JOBMATCH_ENGINE_INTERNAL_SCORING_RULES_H_

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "engine/exclusion_rules.h"
#include "engine/geo.h"
#include "engine/records.h"
#include "engine/scorer.h"

namespace jobmatch::internal {

constexpr uint32_t RuleBit(ExclusionReason r) {
  return 1u << static_cast<int>(r);
}

// The rule a pair with these broken rules counts under; kNumExclusionReasons
// when none is broken.
inline int FirstRule(uint32_t fail) {
  return std::countr_zero(fail | (1u << kNumExclusionReasons));
}
// Whether more than one rule is broken (then the pair is no near miss).
inline bool SeveralRules(uint32_t fail) {
  return (fail & (fail - 1)) != 0;
}

// Vacancy classes for the pathway mask.
enum KindClass : int8_t { kHelperJob = 0, kQualifiedJob, kTrainingPlace, kInternshipPlace };

// Bit per KindClass the pathway policy opens to the participant.
uint8_t KindMask(const Participant& p, const ScoringOptions& options);
// Per KindClass, bit r per pathway rule r that closes it to the participant
// (named programme pathway rules and the table's kKindExcluded).
std::array<uint32_t, 4> KindFailures(const Participant& p, const ScoringOptions& options);
KindClass KindClassOf(VacancyKind kind, int32_t requirement, const ScoringOptions& options);

// What the rules need of one vacancy, derived once.
struct VacancyRules {
  // Bits of the rules the vacancy alone may cause (expired, needs a
  // licence); a participant's static_mask keeps those that apply to them.
  uint16_t static_fail = 0;
  int8_t kind_class = kHelperJob;
  // Which § 140 limit applies: 0 the participant's hours decide, 1 short, 2 long day.
  uint8_t hours_class = 0;
  // Last day a bridging course may finish: the vacancy's start, else
  // run_date + course_horizon_weeks (saturated to the int32 day range).
  bool has_deadline = false;
  int32_t deadline = 0;
};
VacancyRules RulesOfVacancy(const Vacancy& vacancy,
                            int32_t requirement,
                            const ScoringOptions& options);

// Tables the rules read for every participant, built once per dataset.
struct RuleTables {
  std::vector<int64_t> rejected_begin;  // CSR by participant
  std::vector<int32_t> rejected;        // vacancy indices, sorted per participant
  std::vector<int32_t> course_ids;      // language courses
  std::vector<GeoPoint> course_points;
  GridIndex course_grid;
};
RuleTables BuildRuleTables(const Dataset& dataset, const ScoringOptions& options);

// The language course that finishes first, ties by course index.
struct CourseChoice {
  int64_t finish = std::numeric_limits<int64_t>::max();  // day; 64-bit for absurd weeks
  int32_t course = -1;
};

// What the rules need of one participant, derived at the start of their turn.
struct ParticipantRules {
  bool by_car = false;    // licence and car
  bool long_own = false;  // own hours above the long-day threshold
  int32_t own_limit = 0;  // own commute limit in minutes, 0: § 140 default
  uint32_t base_fail = 0;
  uint32_t static_mask = 0;             // which of VacancyRules::static_fail apply
  std::array<uint32_t, 4> kind_fail{};  // by KindClass: pathway rules broken
  double hours_limit = 0.0;
  // By VacancyRules::hours_class: the limit in minutes and its squared chord.
  std::array<int32_t, 3> limit_minutes{};
  std::array<double, 3> limit_c2{};
  // Bit per vacancy minimum level: the gap is beyond the tolerance; a course
  // could bridge it (gap within course_bridge_max_levels and a reachable
  // course reaches the level).
  uint32_t german_fail_levels = 0;
  uint32_t bridge_levels = 0;
  std::span<const int32_t> rejected;
  // Earliest-finishing reachable course per target level, counting from its
  // start (by_date) and among those of at most course_horizon_weeks (by_length).
  std::array<CourseChoice, kNumCefrLevels> by_date;
  std::array<CourseChoice, kNumCefrLevels> by_length;
};
void BuildParticipantRules(const Dataset& dataset,
                           const RuleTables& tables,
                           const ScoringOptions& options,
                           const CommuteModel& model,
                           int32_t p,
                           ParticipantRules* rules);

// What the rules read of one pair in the loop.
struct PairFacts {
  double chord_squared = 0.0;  // between home and vacancy (engine/geo.h)
  float vacancy_hours = 0.0f;
  int32_t vacancy = 0;
  int32_t deadline = 0;
  bool has_deadline = false;
  uint16_t static_fail = 0;
  int8_t kind_class = kHelperJob;
  uint8_t hours_class = 0;
  int8_t min_german = 0;
};

struct PairVerdict {
  uint32_t fail = 0;    // bit per broken rule
  int32_t bridge = -1;  // course bridging the German gap, -1: none
};

// The course that bridges a German gap to `min_german` by the deadline, or
// -1 (also where the level is not in bridge_levels). Reads min_german,
// has_deadline and deadline only.
inline int32_t FindBridge(const ParticipantRules& rules, const PairFacts& pair) {
  if (((rules.bridge_levels >> pair.min_german) & 1u) == 0) return -1;
  const auto level = static_cast<size_t>(pair.min_german);
  if (pair.has_deadline) {
    const CourseChoice& c = rules.by_date[level];
    return c.course >= 0 && c.finish <= pair.deadline ? c.course : -1;
  }
  return rules.by_length[level].course;
}

// Every rule for one pair, written without branches where the outcomes are
// as good as random per pair.
inline PairVerdict JudgePair(const ParticipantRules& rules, const PairFacts& pair) {
  PairVerdict verdict;
  uint32_t fail = rules.base_fail | (pair.static_fail & rules.static_mask);
  fail |= rules.kind_fail[static_cast<size_t>(pair.kind_class)];
  fail |= static_cast<uint32_t>(pair.vacancy_hours > rules.hours_limit)
          << static_cast<int>(ExclusionReason::kHoursMismatch);
  fail |= static_cast<uint32_t>(pair.chord_squared > rules.limit_c2[pair.hours_class])
          << static_cast<int>(ExclusionReason::kCommuteTooLong);
  fail |= ((rules.german_fail_levels >> pair.min_german) & 1u)
          << static_cast<int>(ExclusionReason::kGermanTooLow);
  if (!rules.rejected.empty() &&
      std::binary_search(rules.rejected.begin(), rules.rejected.end(), pair.vacancy)) {
    fail |= RuleBit(ExclusionReason::kRejectedBefore);
  }
  verdict.bridge = FindBridge(rules, pair);
  if (verdict.bridge >= 0) fail &= ~RuleBit(ExclusionReason::kGermanTooLow);
  verdict.fail = fail;
  return verdict;
}

}  // namespace jobmatch::internal

#endif  // JOBMATCH_ENGINE_INTERNAL_SCORING_RULES_H_

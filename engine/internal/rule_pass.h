// engine/internal/rule_pass.h
//
// The scorer's first look at a run of vacancy rows, eight at a time with the
// CPU's AVX-512 instructions, for one participant: every rule of
// internal::JudgePair but the rejected-pair rule, then for the rows with at
// most one rule broken the skill overlap (the participant's profile counts
// gathered, a vacancy's own skills added lane by lane), the skill gate, and
// the two bounds of the scorer's pair loop: the score with every part but
// the commute and the commute at its best, then at the distance's lower
// bound from the chord. Only the rows whose bounds can still change the
// output go on to the scalar part of the pair loop (the distance's series).
// Private to the engine.
//
// Contract. VectorPairPass() takes the rows [first, last). Rows outside the
// participant's reach are dropped. Every row within reach appends its rule
// bits, the skill gate judged, to `several` (two rules or more broken) or
// `single` (at most one): the scorer counts them under their first rule.
// Of the single ones, a row whose bounds, as floats, are not below the
// threshold of its slot (FirstRule(): its rule's nearest miss so far, or the
// top K once full), and, eligible, whose second bound is not below
// min_score, appends its row and bits to `rows` and `fail`. Every value is
// the scalar loop's: the same doubles (the chord and the bounds computed in
// the same order, never fused: this file is compiled without fused
// multiply-add), the same comparisons, the same bits; so a row is dropped
// exactly when the scalar loop would drop it at that threshold, and as
// thresholds only rise, a threshold read before the scalar part has seen the
// rows before drops fewer rows, never more. It does not judge the
// rejected-pair rule: call it only for participants with no rejected pair.
// It runs only where VectorPairPassAvailable(); elsewhere the scorer keeps
// its scalar loop. Each of `out`'s arrays holds at least last - first + 8
// entries past what `out` already counts (the stores write whole registers).
//
// Example:
//   const RulePassInput rules = RulePassInputOf(participant_rules, u, reach_c2);
//   PairPassOutput out{several.data(), single.data(), rows.data(), fail.data()};
//   VectorPairPass(columns, rules, bound, range.first, range.last, &out);
//   for (int32_t i = 0; i < out.num_several; ++i) ++tally[FirstRule(several[i])];
//   ... the same for single (and singles[]), then the scalar part for rows.

#ifndef JOBMATCH_ENGINE_INTERNAL_RULE_PASS_H_
#define JOBMATCH_ENGINE_INTERNAL_RULE_PASS_H_

#include <array>
#include <cstdint>
#include <vector>

#include "engine/geo.h"
#include "engine/internal/scoring_rules.h"
#include "engine/records.h"
#include "engine/skill_profiles.h"

namespace jobmatch::internal {

// What the rules read of each vacancy row, a column each, in grid order.
struct RuleColumns {
  std::vector<double> x, y, z;  // the unit vector
  std::vector<float> hours;
  std::vector<int32_t> deadline;  // 0 without one
  // PackRuleCode() of the row.
  std::vector<uint32_t> code;
  // What the skill gate and the bound read: the row's kernel profile (-1: none), the
  // reciprocals of its essential and optional set sizes (0 if empty), its
  // micro part, where its own skill corrections start, and PackSkillCode().
  std::vector<int32_t> profile;
  std::vector<float> inv_essential, inv_optional, micro;
  std::vector<int32_t> correction_begin;
  std::vector<uint32_t> skill_code;
};

// static_fail in bits 0-15, kind_class 16-17, hours_class 18-19,
// min_german 20-22, has_deadline 23.
uint32_t PackRuleCode(uint16_t static_fail,
                      int8_t kind_class,
                      uint8_t hours_class,
                      int8_t min_german,
                      bool has_deadline);

// has_essential bit 0, has_optional 1, is_job 2, requirement level 3-5,
// the number of the row's own skill corrections 8-23.
uint32_t PackSkillCode(bool has_essential,
                       bool has_optional,
                       bool is_job,
                       int8_t requirement,
                       uint16_t correction_count);

// One participant's side of the rules, as the vector pass reads it.
struct RulePassInput {
  UnitVector u;
  double reach_c2 = 0.0;
  double hours_limit = 0.0;
  std::array<double, 8> limit_c2{};  // by hours_class (0-2)
  uint32_t base_fail = 0;
  uint32_t static_mask = 0;
  uint32_t german_fail_levels = 0;
  uint32_t bridge_levels = 0;
  std::array<uint32_t, 8> kind_fail{};  // by KindClass (0-3)
  // The course counted from its start (FindBridge's by_date) by level: its
  // finish, for the levels in date_levels (a course whose finish is a day of
  // the int32 range; one beyond it never meets a deadline).
  std::array<int32_t, 8> finish{};
  uint32_t date_levels = 0;
  uint32_t length_levels = 0;  // levels with a course of FindBridge's by_length
};
RulePassInput RulePassInputOf(const ParticipantRules& rules, const UnitVector& u, double reach_c2);

// One participant's side of the bounds (the scorer's pair loop: the skill
// part, the German and micro parts, the commute at 1 and at its bound).
struct BoundInput {
  // By kernel profile: the participant's overlap counts, and ISCO digits
  // shared plus 8 when related (the scorer's relation).
  const float* essential_row = nullptr;
  const float* optional_row = nullptr;
  const int32_t* relation = nullptr;
  const uint8_t* marks = nullptr;                // by skill: held (1) or not
  const SkillCorrection* corrections = nullptr;  // RuleColumns::correction_begin's
  bool skill_gate = false;
  std::array<double, 8> german_fit{};           // by vacancy minimum level
  double bridge_german_fit = 1.0;               // a course bridges the gap
  std::array<double, 8> job_requirement_fit{};  // by requirement level, jobs
  std::array<double, 8> isco_floor{};           // by ISCO digits shared (2-4)
  double optional_share = 0.0;
  double fit_without_requirements = 0.0;
  double w_skill = 0.0, w_german = 0.0, w_micro = 0.0, w_commute = 0.0;
  // The commute: minutes = km * minutes_per_km + wait_minutes, and the part
  // 1 - minutes * inv_limit[hours_class], clamped to [0, 1].
  double minutes_per_km = 0.0;
  double wait_minutes = 0.0;
  std::array<double, 8> inv_limit{};
  // By slot (FirstRule()): the float a row's bounds must not fall below;
  // an eligible row's second bound must not fall below min_score either.
  std::array<float, kNumExclusionReasons + 1> threshold{};
  double min_score = 0.0;
};

struct PairPassOutput {
  uint32_t* several = nullptr;  // within reach, two rules or more: their rule bits
  uint32_t* single = nullptr;   // within reach, at most one rule: their rule bits
  int32_t* rows = nullptr;      // of those, the rows whose bound reaches the threshold
  uint32_t* fail = nullptr;     // and their rule bits
  int32_t num_several = 0;
  int32_t num_single = 0;
  int32_t num_rows = 0;
};

// Whether this CPU runs VectorPairPass (AVX-512 F, VL and CD).
bool VectorPairPassAvailable();

// Judges rows [first, last) (see the contract above); appends to `out`.
void VectorPairPass(const RuleColumns& columns,
                    const RulePassInput& rules,
                    const BoundInput& bound,
                    int32_t first,
                    int32_t last,
                    PairPassOutput* out);

}  // namespace jobmatch::internal

#endif  // JOBMATCH_ENGINE_INTERNAL_RULE_PASS_H_

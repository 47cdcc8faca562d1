// engine/internal/rule_pass.h
//
// The scorer's first look at a run of vacancy rows, eight at a time with the
// CPU's AVX-512 instructions: every rule of internal::JudgePair but the
// rejected-pair rule, for one participant. Rows outside the participant's
// reach are dropped; rows with two rules or more broken only count under
// their first rule; the rest (at most one rule broken, the skill gate not yet
// judged) go on to the scalar part of the pair loop. Private to the engine.
//
// Contract. VectorRulePass() gives, for every row in [first, last), exactly
// what the scalar loop derives from JudgePair() and the reach test: the same
// doubles (the chord is summed in the same order, never fused), the same
// comparisons, the same bits. It does not judge the rejected-pair rule: call
// it only for participants with no rejected pair. It runs only where
// VectorRulePassAvailable(); elsewhere the scorer keeps its scalar loop.
// `rows`, `fail` and `several` hold at least last - first + 8 entries past
// what `out` already counts (the stores write whole registers).
//
// Example:
//   const RulePassInput in = RulePassInputOf(rules, u, reach_c2);
//   RulePassOutput out{rows.data(), fail.data(), several.data()};
//   VectorRulePass(columns, in, range.first, range.last, &out);
//   for (int32_t i = 0; i < out.num_several; ++i) ++tally[FirstRule(several[i])];

#ifndef JOBMATCH_ENGINE_INTERNAL_RULE_PASS_H_
#define JOBMATCH_ENGINE_INTERNAL_RULE_PASS_H_

#include <array>
#include <cstdint>
#include <vector>

#include "engine/geo.h"
#include "engine/internal/scoring_rules.h"
#include "engine/records.h"

namespace jobmatch::internal {

// What the rules read of each vacancy row, a column each, in grid order.
struct RuleColumns {
  std::vector<double> x, y, z;  // the unit vector
  std::vector<float> hours;
  std::vector<int32_t> deadline;  // 0 without one
  // PackRuleCode() of the row.
  std::vector<uint32_t> code;
};

// static_fail in bits 0-15, kind_class 16-17, hours_class 18-19,
// min_german 20-22, has_deadline 23.
uint32_t PackRuleCode(uint16_t static_fail,
                      int8_t kind_class,
                      uint8_t hours_class,
                      int8_t min_german,
                      bool has_deadline);

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

struct RulePassOutput {
  int32_t* rows = nullptr;      // within reach, at most one rule broken: their row
  uint32_t* fail = nullptr;     // and their rule bits
  uint32_t* several = nullptr;  // within reach, two rules or more: their rule bits
  int32_t num_rows = 0;
  int32_t num_several = 0;
};

// Whether this CPU runs VectorRulePass (AVX-512 F, VL and CD).
bool VectorRulePassAvailable();

// Judges rows [first, last) (see the contract above); appends to `out`.
void VectorRulePass(const RuleColumns& columns,
                    const RulePassInput& in,
                    int32_t first,
                    int32_t last,
                    RulePassOutput* out);

}  // namespace jobmatch::internal

#endif  // JOBMATCH_ENGINE_INTERNAL_RULE_PASS_H_

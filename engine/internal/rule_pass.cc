#include "engine/internal/rule_pass.h"

#include <immintrin.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <limits>

#include "engine/check.h"

// This file is compiled with -ffp-contract=off (engine/CMakeLists.txt): the
// chord's multiplications and additions must stay separate operations, as in
// the scalar ChordSquared(), or the two would round differently.

namespace jobmatch::internal {

uint32_t PackRuleCode(uint16_t static_fail,
                      int8_t kind_class,
                      uint8_t hours_class,
                      int8_t min_german,
                      bool has_deadline) {
  JOBMATCH_CHECK(kind_class >= 0 && kind_class <= 3 && hours_class <= 2 && min_german >= 0 &&
                 min_german < kNumCefrLevels)
      << "rule code out of range";
  return static_cast<uint32_t>(static_fail) | static_cast<uint32_t>(kind_class) << 16 |
         static_cast<uint32_t>(hours_class) << 18 | static_cast<uint32_t>(min_german) << 20 |
         (has_deadline ? 1u : 0u) << 23;
}

uint32_t PackSkillCode(bool has_essential,
                       bool has_optional,
                       bool is_job,
                       int8_t requirement,
                       uint16_t correction_count) {
  JOBMATCH_CHECK(requirement >= 0 && requirement <= 7) << "skill code out of range";
  return (has_essential ? 1u : 0u) | (has_optional ? 2u : 0u) | (is_job ? 4u : 0u) |
         static_cast<uint32_t>(requirement) << 3 | static_cast<uint32_t>(correction_count) << 8;
}

RulePassInput RulePassInputOf(const ParticipantRules& rules, const UnitVector& u, double reach_c2) {
  RulePassInput in;
  in.u = u;
  in.reach_c2 = reach_c2;
  in.hours_limit = rules.hours_limit;
  std::copy(rules.limit_c2.begin(), rules.limit_c2.end(), in.limit_c2.begin());
  in.base_fail = rules.base_fail;
  in.static_mask = rules.static_mask & 0xFFFFu;  // static_fail has 16 bits
  in.german_fail_levels = rules.german_fail_levels;
  in.bridge_levels = rules.bridge_levels;
  std::copy(rules.kind_fail.begin(), rules.kind_fail.end(), in.kind_fail.begin());
  for (size_t level = 0; level < static_cast<size_t>(kNumCefrLevels); ++level) {
    const CourseChoice& c = rules.by_date[level];
    // A finish before the int32 range meets every deadline, as its lowest day does.
    if (c.course >= 0 && c.finish <= std::numeric_limits<int32_t>::max()) {
      in.finish[level] =
          static_cast<int32_t>(std::max<int64_t>(c.finish, std::numeric_limits<int32_t>::min()));
      in.date_levels |= 1u << level;
    }
    if (rules.by_length[level].course >= 0) in.length_levels |= 1u << level;
  }
  return in;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

bool VectorPairPassAvailable() {
  return __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512vl") != 0 &&
         __builtin_cpu_supports("avx512cd") != 0;
}

namespace {

// GCC 12's AVX-512 headers build some intrinsics on an "undefined" register
// that its flow analysis reports as maybe uninitialised.
#if !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

constexpr int kHoursBit = static_cast<int>(ExclusionReason::kHoursMismatch);
constexpr int kCommuteBit = static_cast<int>(ExclusionReason::kCommuteTooLong);
constexpr int kGermanBit = static_cast<int>(ExclusionReason::kGermanTooLow);
constexpr int kNoSkillFitBit = static_cast<int>(ExclusionReason::kNoSkillFit);

// The course bridge of eight rows (FindBridge): a course finishing before the
// deadline, or without a deadline any course within the horizon.
struct Bridges {
  __m256i finish, levels, dates, lengths;
  __attribute__((target("avx512f,avx512vl"))) explicit Bridges(const RulePassInput& in)
      : finish(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in.finish.data()))),
        levels(_mm256_set1_epi32(static_cast<int32_t>(in.bridge_levels))),
        dates(_mm256_set1_epi32(static_cast<int32_t>(in.date_levels))),
        lengths(_mm256_set1_epi32(static_cast<int32_t>(in.length_levels))) {}
  // code: PackRuleCode(); level: the rows' minimum German level.
  __attribute__((target("avx512f,avx512vl"))) __mmask8 Of(__m256i code,
                                                          __m256i level,
                                                          __m256i deadline) const {
    const __m256i one = _mm256_set1_epi32(1);
    const __mmask8 has_deadline = _mm256_test_epi32_mask(code, _mm256_set1_epi32(1 << 23));
    const __mmask8 in_time =
        _mm256_cmple_epi32_mask(_mm256_permutevar8x32_epi32(finish, level), deadline);
    const __mmask8 by_date =
        has_deadline & in_time & _mm256_test_epi32_mask(_mm256_srlv_epi32(dates, level), one);
    const __mmask8 by_length = static_cast<__mmask8>(~has_deadline) &
                               _mm256_test_epi32_mask(_mm256_srlv_epi32(lengths, level), one);
    return _mm256_test_epi32_mask(_mm256_srlv_epi32(levels, level), one) & (by_date | by_length);
  }
};

// The skill side of the rows in `candidates` (within reach, at most one rule
// broken) of the eight from k: CountOverlap()'s counts, the participant's
// relation to the row's profile, and the row's PackSkillCode().
struct SkillLanes {
  __m256i essential, optional, relation, code;
};

__attribute__((target("avx512f,avx512vl,avx512cd"))) inline SkillLanes OverlapOf(
    const RuleColumns& columns, const BoundInput& in, int32_t k, __mmask8 candidates) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i profile = _mm256_maskz_loadu_epi32(candidates, columns.profile.data() + k);
  const __mmask8 has_profile = _mm256_mask_cmpge_epi32_mask(candidates, profile, zero);
  SkillLanes lanes;
  lanes.essential = _mm256_cvttps_epi32(
      _mm256_mmask_i32gather_ps(_mm256_setzero_ps(), has_profile, profile, in.essential_row, 4));
  lanes.optional = _mm256_cvttps_epi32(
      _mm256_mmask_i32gather_ps(_mm256_setzero_ps(), has_profile, profile, in.optional_row, 4));
  lanes.relation = _mm256_mmask_i32gather_epi32(zero, has_profile, profile, in.relation, 4);
  lanes.code = _mm256_maskz_loadu_epi32(candidates, columns.skill_code.data() + k);
  // The row's own skills (CountOverlap), lane by lane.
  auto corrected = static_cast<unsigned>(
      _mm256_mask_test_epi32_mask(candidates, lanes.code, _mm256_set1_epi32(0xFFFF00)));
  if (corrected != 0) {
    alignas(32) int32_t e[8];
    alignas(32) int32_t o[8];
    alignas(32) uint32_t c[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(e), lanes.essential);
    _mm256_store_si256(reinterpret_cast<__m256i*>(o), lanes.optional);
    _mm256_store_si256(reinterpret_cast<__m256i*>(c), lanes.code);
    for (; corrected != 0; corrected &= corrected - 1) {
      const auto lane = static_cast<size_t>(std::countr_zero(corrected));
      const SkillCorrection* first =
          in.corrections + columns.correction_begin[static_cast<size_t>(k) + lane];
      const SkillCorrection* last = first + (c[lane] >> 8 & 0xFFFFu);
      for (const SkillCorrection* x = first; x != last; ++x) {
        const int32_t has = in.marks[x->skill];
        e[lane] += has * x->essential;
        o[lane] += has * x->optional;
      }
    }
    lanes.essential = _mm256_load_si256(reinterpret_cast<const __m256i*>(e));
    lanes.optional = _mm256_load_si256(reinterpret_cast<const __m256i*>(o));
  }
  return lanes;
}

__attribute__((target("avx512f,avx512vl,avx512cd"))) void Pass(const RuleColumns& columns,
                                                               const RulePassInput& in,
                                                               const BoundInput& bound_in,
                                                               int32_t first,
                                                               int32_t last,
                                                               PairPassOutput* out) {
  const __m512d px = _mm512_set1_pd(in.u.x);
  const __m512d py = _mm512_set1_pd(in.u.y);
  const __m512d pz = _mm512_set1_pd(in.u.z);
  const __m512d reach = _mm512_set1_pd(in.reach_c2);
  const __m512d hours_limit = _mm512_set1_pd(in.hours_limit);
  const __m512d limits = _mm512_loadu_pd(in.limit_c2.data());
  const __m256i kind_fail =
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in.kind_fail.data()));
  const __m256i base = _mm256_set1_epi32(static_cast<int32_t>(in.base_fail));
  const __m256i static_mask = _mm256_set1_epi32(static_cast<int32_t>(in.static_mask));
  const __m256i german = _mm256_set1_epi32(static_cast<int32_t>(in.german_fail_levels));
  const Bridges bridges(in);
  const __m256i zero = _mm256_setzero_si256();
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i three = _mm256_set1_epi32(3);
  const __m256i seven = _mm256_set1_epi32(7);
  const __m256i hours_bit = _mm256_set1_epi32(1 << kHoursBit);
  const __m256i commute_bit = _mm256_set1_epi32(1 << kCommuteBit);
  const __m256i german_bit = _mm256_set1_epi32(1 << kGermanBit);
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  // The skill gate and the bound.
  const __m256i related_bit = _mm256_set1_epi32(8);
  const __m256i gate_bit = _mm256_set1_epi32(1 << kNoSkillFitBit);
  const __m256i eligible_bit = _mm256_set1_epi32(1 << kNumExclusionReasons);
  const __m256i thirty_one = _mm256_set1_epi32(31);
  const __mmask8 gate_on = bound_in.skill_gate ? 0xFF : 0;
  const __m512d german_fit = _mm512_loadu_pd(bound_in.german_fit.data());
  const __m512d bridge_fit = _mm512_set1_pd(bound_in.bridge_german_fit);
  const __m512d job_fit = _mm512_loadu_pd(bound_in.job_requirement_fit.data());
  const __m512d floors = _mm512_loadu_pd(bound_in.isco_floor.data());
  const __m512d one_d = _mm512_set1_pd(1.0);
  const __m512d share = _mm512_set1_pd(bound_in.optional_share);
  const __m512d rest = _mm512_set1_pd(1.0 - bound_in.optional_share);
  const __m512d no_requirements = _mm512_set1_pd(bound_in.fit_without_requirements);
  const __m512d w_skill = _mm512_set1_pd(bound_in.w_skill);
  const __m512d w_german = _mm512_set1_pd(bound_in.w_german);
  const __m512d w_micro = _mm512_set1_pd(bound_in.w_micro);
  const __m512d w_commute = _mm512_set1_pd(bound_in.w_commute);
  const __m512d zero_d = _mm512_setzero_pd();
  const __m512d half = _mm512_set1_pd(0.5);
  const __m512d diameter = _mm512_set1_pd(2.0 * kEarthRadiusKm);
  const __m512d minutes_per_km = _mm512_set1_pd(bound_in.minutes_per_km);
  const __m512d wait_minutes = _mm512_set1_pd(bound_in.wait_minutes);
  const __m512d inv_limits = _mm512_loadu_pd(bound_in.inv_limit.data());
  const __m512d min_score = _mm512_set1_pd(bound_in.min_score);

  const double* xs = columns.x.data();
  const double* ys = columns.y.data();
  const double* zs = columns.z.data();
  const float* hours_of = columns.hours.data();
  const int32_t* deadlines = columns.deadline.data();
  const uint32_t* codes = columns.code.data();
  uint32_t* several = out->several + out->num_several;
  uint32_t* singles = out->single + out->num_single;
  int32_t* rows = out->rows + out->num_rows;
  uint32_t* fails = out->fail + out->num_rows;
  int32_t n_several = 0;
  int32_t n_single = 0;
  int32_t n = 0;
  for (int32_t k = first; k < last; k += 8) {
    const int32_t left = last - k;
    const auto m = static_cast<__mmask8>(left >= 8 ? 0xFFu : (1u << left) - 1u);
    const __m512d dx = _mm512_sub_pd(px, _mm512_maskz_loadu_pd(m, xs + k));
    const __m512d dy = _mm512_sub_pd(py, _mm512_maskz_loadu_pd(m, ys + k));
    const __m512d dz = _mm512_sub_pd(pz, _mm512_maskz_loadu_pd(m, zs + k));
    const __m512d c2 = _mm512_add_pd(_mm512_add_pd(_mm512_mul_pd(dx, dx), _mm512_mul_pd(dy, dy)),
                                     _mm512_mul_pd(dz, dz));
    // Within reach: not (c2 > reach), as the scalar test reads.
    const __mmask8 inside = _mm512_mask_cmp_pd_mask(m, c2, reach, _CMP_NGT_UQ);
    if (inside == 0) continue;
    const __m256i code = _mm256_maskz_loadu_epi32(m, codes + k);
    const __m256i hours_class = _mm256_and_si256(_mm256_srli_epi32(code, 18), three);
    const __m512d limit = _mm512_permutexvar_pd(_mm512_cvtepu32_epi64(hours_class), limits);
    const __mmask8 too_far = _mm512_cmp_pd_mask(c2, limit, _CMP_GT_OQ);
    const __m512d hours = _mm512_cvtps_pd(_mm256_maskz_loadu_ps(m, hours_of + k));
    const __mmask8 too_long = _mm512_cmp_pd_mask(hours, hours_limit, _CMP_GT_OQ);

    __m256i fail = _mm256_or_si256(base, _mm256_and_si256(code, static_mask));
    const __m256i kind = _mm256_and_si256(_mm256_srli_epi32(code, 16), three);
    fail = _mm256_or_si256(fail, _mm256_permutevar8x32_epi32(kind_fail, kind));
    fail = _mm256_mask_or_epi32(fail, too_long, fail, hours_bit);
    fail = _mm256_mask_or_epi32(fail, too_far, fail, commute_bit);
    const __m256i level = _mm256_and_si256(_mm256_srli_epi32(code, 20), seven);
    fail = _mm256_mask_or_epi32(
        fail, _mm256_test_epi32_mask(_mm256_srlv_epi32(german, level), one), fail, german_bit);
    const __mmask8 bridged = bridges.Of(code, level, _mm256_maskz_loadu_epi32(m, deadlines + k));
    fail = _mm256_mask_andnot_epi32(fail, bridged, german_bit, fail);

    // (fail & (fail - 1)) != 0: two rules or more. The others need the skill
    // overlap for the skill gate, the last rule.
    const auto candidates =
        static_cast<__mmask8>(inside & _mm256_testn_epi32_mask(fail, _mm256_sub_epi32(fail, one)));
    __mmask8 single = 0;
    SkillLanes skill{};
    if (candidates != 0) {
      skill = OverlapOf(columns, bound_in, k, candidates);
      // The skill gate: no essential skill covered, the row lists some, and
      // no related occupation.
      const __mmask8 gated = gate_on & _mm256_mask_test_epi32_mask(candidates, skill.code, one) &
                             _mm256_cmpeq_epi32_mask(skill.essential, zero) &
                             _mm256_testn_epi32_mask(skill.relation, related_bit);
      fail = _mm256_mask_or_epi32(fail, gated, fail, gate_bit);
      single = static_cast<__mmask8>(inside &
                                     _mm256_testn_epi32_mask(fail, _mm256_sub_epi32(fail, one)));
    }
    const auto counted = static_cast<__mmask8>(inside & ~single);
    // Compressed in registers and stored whole: the buffers have 8 entries
    // of slack, and the next store overwrites what lies past the count.
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(several + n_several),
                        _mm256_maskz_compress_epi32(counted, fail));
    n_several += std::popcount(static_cast<unsigned>(counted));
    if (single == 0) continue;
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(singles + n_single),
                        _mm256_maskz_compress_epi32(single, fail));
    n_single += std::popcount(static_cast<unsigned>(single));

    // The slot (FirstRule(): the lowest bit of fail | eligible_bit) and its
    // threshold.
    const __m256i flagged = _mm256_or_si256(fail, eligible_bit);
    const __m256i lowest = _mm256_and_si256(flagged, _mm256_sub_epi32(zero, flagged));
    const __m256i slot = _mm256_sub_epi32(thirty_one, _mm256_lzcnt_epi32(lowest));
    const __m256 threshold =
        _mm256_mmask_i32gather_ps(_mm256_setzero_ps(), single, slot, bound_in.threshold.data(), 4);
    // The skill part (SkillMix, the ISCO floor, the requirement fit).
    const __mmask8 has_essential = _mm256_test_epi32_mask(skill.code, one);
    const __mmask8 has_optional = _mm256_test_epi32_mask(skill.code, _mm256_set1_epi32(2));
    const __m512d essential_coverage = _mm512_mask_mul_pd(
        one_d,
        has_essential,
        _mm512_cvtepi32_pd(skill.essential),
        _mm512_cvtps_pd(_mm256_maskz_loadu_ps(single, columns.inv_essential.data() + k)));
    const __m512d optional_coverage = _mm512_mask_mul_pd(
        one_d,
        has_optional,
        _mm512_cvtepi32_pd(skill.optional),
        _mm512_cvtps_pd(_mm256_maskz_loadu_ps(single, columns.inv_optional.data() + k)));
    const __m512d both = _mm512_add_pd(_mm512_mul_pd(rest, essential_coverage),
                                       _mm512_mul_pd(share, optional_coverage));
    __m512d mix = no_requirements;
    mix = _mm512_mask_mov_pd(mix, has_optional, optional_coverage);
    mix = _mm512_mask_mov_pd(mix, has_essential, essential_coverage);
    mix = _mm512_mask_mov_pd(mix, has_essential & has_optional, both);
    const __m256i digits = _mm256_andnot_si256(related_bit, skill.relation);
    const __m512d floor = _mm512_permutexvar_pd(_mm512_cvtepu32_epi64(digits), floors);
    const __mmask8 floored = _mm256_cmpge_epi32_mask(digits, _mm256_set1_epi32(2)) &
                             _mm512_cmp_pd_mask(mix, floor, _CMP_LT_OQ);
    mix = _mm512_mask_mov_pd(mix, floored, floor);
    const __mmask8 is_job = _mm256_test_epi32_mask(skill.code, _mm256_set1_epi32(4));
    const __m256i requirement = _mm256_and_si256(_mm256_srli_epi32(skill.code, 3), seven);
    const __m512d requirement_fit = _mm512_mask_mov_pd(
        one_d, is_job, _mm512_permutexvar_pd(_mm512_cvtepu32_epi64(requirement), job_fit));
    const __m512d skill_part = _mm512_mul_pd(w_skill, _mm512_mul_pd(mix, requirement_fit));
    // The German part (bridged, or by the minimum level) and the micro part.
    const __m512d german_part = _mm512_mask_mov_pd(
        _mm512_permutexvar_pd(_mm512_cvtepu32_epi64(level), german_fit), bridged, bridge_fit);
    const __m512d micro = _mm512_cvtps_pd(_mm256_maskz_loadu_ps(single, columns.micro.data() + k));
    const __m512d fixed =
        _mm512_add_pd(_mm512_mul_pd(w_german, german_part), _mm512_mul_pd(w_micro, micro));
    // The score with the commute at its best, then with the commute at the
    // distance's lower bound (KmLowerBoundFromChordSquared(): 2 R x, with
    // x = sqrt(c2) / 2), as floats against the threshold; eligible rows also
    // against the minimum score.
    const __m512d best = _mm512_add_pd(skill_part, _mm512_add_pd(fixed, w_commute));
    // Most rows fall at the first bound: the distance's square root only for the others.
    const auto near = static_cast<__mmask8>(
        single & ~_mm256_cmp_ps_mask(_mm512_cvtpd_ps(best), threshold, _CMP_LT_OQ));
    if (near == 0) continue;
    const __m512d km =
        _mm512_mul_pd(diameter, _mm512_mul_pd(half, _mm512_sqrt_pd(_mm512_max_pd(c2, zero_d))));
    const __m512d minutes = _mm512_add_pd(_mm512_mul_pd(km, minutes_per_km), wait_minutes);
    __m512d commute = _mm512_sub_pd(
        one_d,
        _mm512_mul_pd(minutes,
                      _mm512_permutexvar_pd(_mm512_cvtepu32_epi64(hours_class), inv_limits)));
    commute = _mm512_mask_mov_pd(commute, _mm512_cmp_pd_mask(commute, zero_d, _CMP_LT_OQ), zero_d);
    commute = _mm512_mask_mov_pd(commute, _mm512_cmp_pd_mask(one_d, commute, _CMP_LT_OQ), one_d);
    const __m512d bound =
        _mm512_add_pd(skill_part, _mm512_add_pd(fixed, _mm512_mul_pd(w_commute, commute)));
    const __mmask8 below =
        _mm256_cmp_ps_mask(_mm512_cvtpd_ps(bound), threshold, _CMP_LT_OQ) |
        (_mm256_testn_epi32_mask(fail, fail) & _mm512_cmp_pd_mask(bound, min_score, _CMP_LT_OQ));
    const auto keep = static_cast<__mmask8>(near & ~below);
    const __m256i index = _mm256_add_epi32(_mm256_set1_epi32(k), lane);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(rows + n),
                        _mm256_maskz_compress_epi32(keep, index));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(fails + n),
                        _mm256_maskz_compress_epi32(keep, fail));
    n += std::popcount(static_cast<unsigned>(keep));
  }
  out->num_several += n_several;
  out->num_single += n_single;
  out->num_rows += n;
}

#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace

void VectorPairPass(const RuleColumns& columns,
                    const RulePassInput& rules,
                    const BoundInput& bound,
                    int32_t first,
                    int32_t last,
                    PairPassOutput* out) {
  JOBMATCH_CHECK(VectorPairPassAvailable()) << "VectorPairPass needs AVX-512";
  Pass(columns, rules, bound, first, last, out);
}

#else

bool VectorPairPassAvailable() {
  return false;
}

void VectorPairPass(const RuleColumns&,
                    const RulePassInput&,
                    const BoundInput&,
                    int32_t,
                    int32_t,
                    PairPassOutput*) {
  JOBMATCH_CHECK(false) << "VectorPairPass needs AVX-512";
}

#endif

}  // namespace jobmatch::internal

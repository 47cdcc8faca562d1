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

bool VectorRulePassAvailable() {
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

__attribute__((target("avx512f,avx512vl,avx512cd"))) void Pass(const RuleColumns& columns,
                                                               const RulePassInput& in,
                                                               int32_t first,
                                                               int32_t last,
                                                               RulePassOutput* out) {
  const __m512d px = _mm512_set1_pd(in.u.x);
  const __m512d py = _mm512_set1_pd(in.u.y);
  const __m512d pz = _mm512_set1_pd(in.u.z);
  const __m512d reach = _mm512_set1_pd(in.reach_c2);
  const __m512d hours_limit = _mm512_set1_pd(in.hours_limit);
  const __m512d limits = _mm512_loadu_pd(in.limit_c2.data());
  const __m256i kind_fail =
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in.kind_fail.data()));
  const __m256i finish = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in.finish.data()));
  const __m256i base = _mm256_set1_epi32(static_cast<int32_t>(in.base_fail));
  const __m256i static_mask = _mm256_set1_epi32(static_cast<int32_t>(in.static_mask));
  const __m256i german = _mm256_set1_epi32(static_cast<int32_t>(in.german_fail_levels));
  const __m256i bridge = _mm256_set1_epi32(static_cast<int32_t>(in.bridge_levels));
  const __m256i dates = _mm256_set1_epi32(static_cast<int32_t>(in.date_levels));
  const __m256i lengths = _mm256_set1_epi32(static_cast<int32_t>(in.length_levels));
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i three = _mm256_set1_epi32(3);
  const __m256i seven = _mm256_set1_epi32(7);
  const __m256i deadline_bit = _mm256_set1_epi32(1 << 23);
  const __m256i hours_bit = _mm256_set1_epi32(1 << kHoursBit);
  const __m256i commute_bit = _mm256_set1_epi32(1 << kCommuteBit);
  const __m256i german_bit = _mm256_set1_epi32(1 << kGermanBit);
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);

  const double* xs = columns.x.data();
  const double* ys = columns.y.data();
  const double* zs = columns.z.data();
  const float* hours_of = columns.hours.data();
  const int32_t* deadlines = columns.deadline.data();
  const uint32_t* codes = columns.code.data();
  int32_t* rows = out->rows + out->num_rows;
  uint32_t* fails = out->fail + out->num_rows;
  uint32_t* several = out->several + out->num_several;
  int32_t n = 0;
  int32_t n_several = 0;
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
    // The course bridge (FindBridge): by its finish before the deadline, or
    // without a deadline any course within the horizon.
    const __mmask8 has_deadline = _mm256_test_epi32_mask(code, deadline_bit);
    const __m256i deadline = _mm256_maskz_loadu_epi32(m, deadlines + k);
    const __mmask8 in_time =
        _mm256_cmple_epi32_mask(_mm256_permutevar8x32_epi32(finish, level), deadline);
    const __mmask8 by_date =
        has_deadline & in_time & _mm256_test_epi32_mask(_mm256_srlv_epi32(dates, level), one);
    const __mmask8 by_length = static_cast<__mmask8>(~has_deadline) &
                               _mm256_test_epi32_mask(_mm256_srlv_epi32(lengths, level), one);
    const __mmask8 bridged =
        _mm256_test_epi32_mask(_mm256_srlv_epi32(bridge, level), one) & (by_date | by_length);
    fail = _mm256_mask_andnot_epi32(fail, bridged, german_bit, fail);

    // (fail & (fail - 1)) != 0: two rules or more.
    const __mmask8 two = _mm256_test_epi32_mask(fail, _mm256_sub_epi32(fail, one));
    const auto candidates = static_cast<__mmask8>(inside & ~two);
    const auto counted = static_cast<__mmask8>(inside & two);
    // Compressed in registers and stored whole: the buffers have 8 entries
    // of slack, and the next store overwrites what lies past the count.
    const __m256i index = _mm256_add_epi32(_mm256_set1_epi32(k), lane);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(rows + n),
                        _mm256_maskz_compress_epi32(candidates, index));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(fails + n),
                        _mm256_maskz_compress_epi32(candidates, fail));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(several + n_several),
                        _mm256_maskz_compress_epi32(counted, fail));
    n += std::popcount(static_cast<unsigned>(candidates));
    n_several += std::popcount(static_cast<unsigned>(counted));
  }
  out->num_rows += n;
  out->num_several += n_several;
}

#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace

void VectorRulePass(const RuleColumns& columns,
                    const RulePassInput& in,
                    int32_t first,
                    int32_t last,
                    RulePassOutput* out) {
  JOBMATCH_CHECK(VectorRulePassAvailable()) << "VectorRulePass needs AVX-512";
  Pass(columns, in, first, last, out);
}

#else

bool VectorRulePassAvailable() {
  return false;
}

void VectorRulePass(const RuleColumns&, const RulePassInput&, int32_t, int32_t, RulePassOutput*) {
  JOBMATCH_CHECK(false) << "VectorRulePass needs AVX-512";
}

#endif

}  // namespace jobmatch::internal

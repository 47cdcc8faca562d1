#include "engine/internal/rule_pass.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "engine/geo.h"
#include "engine/internal/scoring_rules.h"

namespace jobmatch::internal {
namespace {

// Rows around one participant, with every field drawn so that the rules'
// comparisons meet their edges: hours, chords and deadlines equal to the
// participant's limits and course finishes, finishes beyond the int32 days.
struct Case {
  RuleColumns columns;
  std::vector<PairFacts> facts;  // by row, without the chord
  std::vector<UnitVector> points;
  ParticipantRules rules;
  UnitVector home;
  double reach_c2 = 0.0;
};

Case RandomCase(std::mt19937_64* rng, int32_t rows) {
  auto below = [&](uint64_t n) { return static_cast<int32_t>((*rng)() % n); };
  auto unit = [&] { return std::uniform_real_distribution<double>(0.0, 1.0)(*rng); };
  Case c;
  const GeoPoint center{51.79, 11.74};
  c.home = ToUnitVector(center);
  for (int32_t k = 0; k < rows; ++k) {
    const GeoPoint p{center.lat + (unit() - 0.5) * 1.2, center.lon + (unit() - 0.5) * 1.8};
    const UnitVector u = ToUnitVector(p);
    c.points.push_back(u);
    c.columns.x.push_back(u.x);
    c.columns.y.push_back(u.y);
    c.columns.z.push_back(u.z);
    PairFacts f;
    f.vacancy = k;
    f.vacancy_hours = static_cast<float>(below(4) == 0 ? 0 : 10 + below(31));
    f.has_deadline = below(3) != 0;
    const int32_t deadlines[] = {20'400 + below(400),
                                 std::numeric_limits<int32_t>::max(),
                                 std::numeric_limits<int32_t>::min(),
                                 20'500};
    f.deadline = f.has_deadline ? deadlines[below(4)] : 0;
    f.static_fail = static_cast<uint16_t>(below(4) == 0 ? 1u << below(16) : 0u);
    f.kind_class = static_cast<int8_t>(below(4));
    f.hours_class = static_cast<uint8_t>(below(3));
    f.min_german = static_cast<int8_t>(below(kNumCefrLevels));
    c.columns.hours.push_back(f.vacancy_hours);
    c.columns.deadline.push_back(f.deadline);
    c.columns.code.push_back(
        PackRuleCode(f.static_fail, f.kind_class, f.hours_class, f.min_german, f.has_deadline));
    c.facts.push_back(f);
  }
  // Limits: often exactly a row's chord or hours.
  auto some_c2 = [&] { return ChordSquared(c.home, c.points[static_cast<size_t>(below(rows))]); };
  c.reach_c2 = below(2) == 0 ? some_c2() : unit() * 4e-5;
  ParticipantRules& r = c.rules;
  r.base_fail = below(3) == 0 ? 1u << below(6) : 0u;
  r.static_mask = static_cast<uint32_t>((*rng)()) & 0xFFFFu;
  for (uint32_t& k : r.kind_fail) k = below(2) == 0 ? 1u << (8 + below(5)) : 0u;
  r.hours_limit = below(2) == 0 ? c.facts[static_cast<size_t>(below(rows))].vacancy_hours
                                : 15.0 + unit() * 30.0;
  for (double& l : r.limit_c2) l = below(2) == 0 ? some_c2() : unit() * 3e-5;
  r.german_fail_levels = static_cast<uint32_t>(below(128));
  r.bridge_levels = r.german_fail_levels & static_cast<uint32_t>(below(128));
  for (size_t level = 0; level < static_cast<size_t>(kNumCefrLevels); ++level) {
    if (below(4) != 0) {
      const int64_t finishes[] = {20'400 + below(400),
                                  20'500,
                                  int64_t{std::numeric_limits<int32_t>::max()},
                                  int64_t{std::numeric_limits<int32_t>::max()} + 1 + below(5),
                                  int64_t{std::numeric_limits<int32_t>::min()} - 1 - below(5)};
      r.by_date[level] = CourseChoice{finishes[below(5)], below(6)};
    }
    if (below(2) != 0) r.by_length[level] = CourseChoice{20'450, below(6)};
  }
  return c;
}

TEST(VectorRulePass, JudgesEveryRowAsJudgePairAndTheReachTestDo) {
  if (!VectorRulePassAvailable()) GTEST_SKIP() << "this CPU has no AVX-512";
  std::mt19937_64 rng(2026);
  int64_t candidates = 0;
  int64_t several = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const int32_t n = 1 + static_cast<int32_t>(rng() % 90);
    const Case c = RandomCase(&rng, n);
    const RulePassInput in = RulePassInputOf(c.rules, c.home, c.reach_c2);
    // Two runs of rows, the second appended, neither starting on a multiple of 8.
    const int32_t split = static_cast<int32_t>(rng() % static_cast<uint64_t>(n + 1));
    std::vector<int32_t> rows(static_cast<size_t>(n) + 16, -1);
    std::vector<uint32_t> fail(rows.size()), bits(rows.size());
    RulePassOutput out{rows.data(), fail.data(), bits.data()};
    VectorRulePass(c.columns, in, 0, split, &out);
    VectorRulePass(c.columns, in, split, n, &out);

    std::vector<int32_t> want_rows;
    std::vector<uint32_t> want_fail;
    std::vector<uint32_t> want_several;
    for (int32_t k = 0; k < n; ++k) {
      PairFacts f = c.facts[static_cast<size_t>(k)];
      f.chord_squared = ChordSquared(c.home, c.points[static_cast<size_t>(k)]);
      if (f.chord_squared > c.reach_c2) continue;
      const uint32_t bits_of_pair = JudgePair(c.rules, f).fail;
      if (SeveralRules(bits_of_pair)) {
        want_several.push_back(bits_of_pair);
      } else {
        want_rows.push_back(k);
        want_fail.push_back(bits_of_pair);
      }
    }
    ASSERT_EQ(out.num_rows, static_cast<int32_t>(want_rows.size())) << "trial " << trial;
    ASSERT_EQ(out.num_several, static_cast<int32_t>(want_several.size())) << "trial " << trial;
    for (size_t i = 0; i < want_rows.size(); ++i) {
      ASSERT_EQ(rows[i], want_rows[i]) << "trial " << trial;
      ASSERT_EQ(fail[i], want_fail[i]) << "trial " << trial << " row " << rows[i];
    }
    for (size_t i = 0; i < want_several.size(); ++i) {
      ASSERT_EQ(bits[i], want_several[i]) << "trial " << trial;
    }
    candidates += out.num_rows;
    several += out.num_several;
  }
  // The cases reach both outcomes often.
  EXPECT_GT(candidates, 1000);
  EXPECT_GT(several, 2000);
}

TEST(VectorRulePass, PacksEveryFieldOfARuleCodeApart) {
  const uint32_t code = PackRuleCode(0xBEEF, 3, 2, 6, true);
  EXPECT_EQ(code & 0xFFFFu, 0xBEEFu);
  EXPECT_EQ((code >> 16) & 3u, 3u);
  EXPECT_EQ((code >> 18) & 3u, 2u);
  EXPECT_EQ((code >> 20) & 7u, 6u);
  EXPECT_EQ((code >> 23) & 1u, 1u);
  EXPECT_EQ(PackRuleCode(0, 0, 0, 0, false), 0u);
}

}  // namespace
}  // namespace jobmatch::internal

#include "engine/internal/rule_pass.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "engine/geo.h"
#include "engine/internal/scoring_rules.h"
#include "engine/skill_profiles.h"

namespace jobmatch::internal {
namespace {

// Rows around one participant, with every field drawn so that the rules'
// comparisons meet their edges: hours, chords and deadlines equal to the
// participant's limits and course finishes, finishes beyond the int32 days.
//
// The participant's skill side is drawn so that the skill gate and the bound
// meet their edges too: no essential skill covered with and without a
// related occupation, rows without profile or without any skill, corrections
// that add and take away.
struct Case {
  RuleColumns columns;
  std::vector<PairFacts> facts;  // by row, without the chord
  std::vector<UnitVector> points;
  ParticipantRules rules;
  UnitVector home;
  double reach_c2 = 0.0;
  // The skill side: by profile, by skill, the corrections, by row.
  std::vector<float> essential_row, optional_row;
  std::vector<int32_t> relation;
  std::vector<uint8_t> marks;
  std::vector<SkillCorrection> corrections;
  std::vector<uint16_t> correction_count;
  BoundInput bound;  // its pointers set by BoundOf()
};

BoundInput BoundOf(const Case& c) {
  BoundInput in = c.bound;
  in.essential_row = c.essential_row.data();
  in.optional_row = c.optional_row.data();
  in.relation = c.relation.data();
  in.marks = c.marks.data();
  in.corrections = c.corrections.data();
  return in;
}

void AddRandomSkills(std::mt19937_64* rng, Case* c) {
  auto below = [&](uint64_t n) { return static_cast<int32_t>((*rng)() % n); };
  auto unit = [&] { return std::uniform_real_distribution<double>(0.0, 1.0)(*rng); };
  constexpr int32_t kProfiles = 9;
  constexpr int32_t kSkills = 24;
  for (int32_t j = 0; j < kProfiles; ++j) {
    c->essential_row.push_back(static_cast<float>(below(3) == 0 ? 0 : below(5)));
    c->optional_row.push_back(static_cast<float>(below(4)));
    const int32_t digits[] = {0, 0, 2, 3, 4};
    c->relation.push_back(digits[below(5)] | (below(3) == 0 ? 8 : 0));
  }
  for (int32_t s = 0; s < kSkills; ++s) c->marks.push_back(static_cast<uint8_t>(below(2)));
  RuleColumns& columns = c->columns;
  for (size_t k = 0; k < c->facts.size(); ++k) {
    columns.profile.push_back(below(5) == 0 ? -1 : below(kProfiles));
    const bool has_essential = below(4) != 0;
    const bool has_optional = below(3) != 0;
    columns.inv_essential.push_back(has_essential ? 1.0f / static_cast<float>(1 + below(7)) : 0.0f);
    columns.inv_optional.push_back(has_optional ? 1.0f / static_cast<float>(1 + below(9)) : 0.0f);
    const float bonus[] = {1.0f, 0.6f, 0.3f, 0.0f};
    columns.micro.push_back(bonus[below(4)]);
    columns.correction_begin.push_back(static_cast<int32_t>(c->corrections.size()));
    const auto count = static_cast<uint16_t>(below(3) == 0 ? 1 + below(4) : 0);
    for (int32_t i = 0; i < count; ++i) {
      c->corrections.push_back(SkillCorrection{
          below(kSkills), static_cast<int8_t>(below(2)), static_cast<int8_t>(below(3) - 1)});
    }
    c->correction_count.push_back(count);
    columns.skill_code.push_back(PackSkillCode(
        has_essential, has_optional, below(2) == 0, static_cast<int8_t>(below(8)), count));
  }
  BoundInput& in = c->bound;
  in.skill_gate = below(4) != 0;
  for (double& fit : in.german_fit) fit = below(3) == 0 ? 1.0 : unit();
  in.bridge_german_fit = below(2) == 0 ? 1.0 : unit();
  for (double& fit : in.job_requirement_fit) fit = below(3) == 0 ? 1.0 : unit();
  for (size_t digits = 2; digits <= 4; ++digits) in.isco_floor[digits] = unit();
  in.optional_share = unit() * 0.5;
  in.fit_without_requirements = unit();
  const double w[] = {unit(), unit(), unit(), unit()};
  const double sum = w[0] + w[1] + w[2] + w[3];
  in.w_skill = w[0] / sum;
  in.w_german = w[1] / sum;
  in.w_micro = w[2] / sum;
  in.w_commute = w[3] / sum;
  in.minutes_per_km = below(2) == 0 ? 1.56 : 3.545;  // car, transit
  in.wait_minutes = below(2) == 0 ? 0.0 : 10.0;
  for (size_t hours_class = 0; hours_class < 3; ++hours_class) {
    in.inv_limit[hours_class] = 1.0 / (20.0 + unit() * 60.0);
  }
  in.threshold.fill(-1.0f);
}

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
  AddRandomSkills(rng, &c);
  return c;
}

// The scorer's pair loop for one row within reach: JudgePair, then with at
// most one rule broken the overlap, the skill gate and the first bound
// (engine/scorer.cc), written out plainly.
struct RowVerdict {
  uint32_t fail = 0;
  double best = 0.0;   // the commute at 1
  double bound = 0.0;  // the commute at the distance's lower bound
};
RowVerdict JudgeRow(const Case& c, int32_t k) {
  const auto row = static_cast<size_t>(k);
  PairFacts facts = c.facts[row];
  facts.chord_squared = ChordSquared(c.home, c.points[row]);
  const PairVerdict verdict = JudgePair(c.rules, facts);
  RowVerdict v{verdict.fail, 0.0, 0.0};
  if (SeveralRules(v.fail)) return v;
  const RuleColumns& columns = c.columns;
  const BoundInput& in = c.bound;
  const int32_t profile = columns.profile[row];
  const SkillCorrection* first = c.corrections.data() + columns.correction_begin[row];
  const SkillCounts counts = CountOverlap(c.essential_row.data(),
                                          c.optional_row.data(),
                                          c.marks.data(),
                                          profile,
                                          first,
                                          first + c.correction_count[row]);
  const int32_t relation = profile >= 0 ? c.relation[static_cast<size_t>(profile)] : 0;
  const uint32_t code = columns.skill_code[row];
  const bool has_essential = (code & 1u) != 0;
  const bool has_optional = (code & 2u) != 0;
  if (in.skill_gate && counts.essential == 0 && has_essential && (relation & 8) == 0) {
    v.fail |= RuleBit(ExclusionReason::kNoSkillFit);
  }
  const double essential =
      has_essential ? counts.essential * static_cast<double>(columns.inv_essential[row]) : 1.0;
  const double optional =
      has_optional ? counts.optional * static_cast<double>(columns.inv_optional[row]) : 1.0;
  double mix = in.fit_without_requirements;
  if (has_essential && has_optional) {
    mix = (1.0 - in.optional_share) * essential + in.optional_share * optional;
  } else if (has_essential) {
    mix = essential;
  } else if (has_optional) {
    mix = optional;
  }
  const int32_t digits = relation & ~8;
  if (digits >= 2) mix = std::max(mix, in.isco_floor[static_cast<size_t>(digits)]);
  const double requirement_fit = (code & 4u) != 0 ? in.job_requirement_fit[code >> 3 & 7u] : 1.0;
  const double german = verdict.bridge >= 0 ? in.bridge_german_fit
                                            : in.german_fit[static_cast<size_t>(facts.min_german)];
  const double fixed = in.w_german * german + in.w_micro * static_cast<double>(columns.micro[row]);
  const double skill_part = in.w_skill * (mix * requirement_fit);
  v.best = skill_part + (fixed + in.w_commute * 1.0);
  const double minutes =
      KmLowerBoundFromChordSquared(facts.chord_squared) * in.minutes_per_km + in.wait_minutes;
  const double commute = std::clamp(1.0 - minutes * in.inv_limit[facts.hours_class], 0.0, 1.0);
  v.bound = skill_part + (fixed + in.w_commute * commute);
  return v;
}

// Runs the pass over [0, n) as two runs of rows, the second appended,
// neither starting on a multiple of 8.
struct PassResult {
  std::vector<uint32_t> several, single, fail;
  std::vector<int32_t> rows;
  PairPassOutput out;
};
PassResult RunPass(const Case& c, const BoundInput& bound, int32_t split) {
  const auto n = static_cast<int32_t>(c.facts.size());
  const RulePassInput rules = RulePassInputOf(c.rules, c.home, c.reach_c2);
  PassResult r;
  const size_t size = static_cast<size_t>(n) + 16;
  r.several.assign(size, 0);
  r.single.assign(size, 0);
  r.fail.assign(size, 0);
  r.rows.assign(size, -1);
  r.out = PairPassOutput{r.several.data(), r.single.data(), r.rows.data(), r.fail.data()};
  VectorPairPass(c.columns, rules, bound, 0, split, &r.out);
  VectorPairPass(c.columns, rules, bound, split, n, &r.out);
  return r;
}

TEST(VectorPairPass, JudgesEveryRowAsJudgePairAndTheReachTestDo) {
  if (!VectorPairPassAvailable()) GTEST_SKIP() << "this CPU has no AVX-512";
  std::mt19937_64 rng(2026);
  int64_t candidates = 0;
  int64_t several = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const int32_t n = 1 + static_cast<int32_t>(rng() % 90);
    const Case c = RandomCase(&rng, n);
    // Without the skill gate and thresholds, the rules alone decide.
    BoundInput bound = BoundOf(c);
    bound.skill_gate = false;
    const auto split = static_cast<int32_t>(rng() % static_cast<uint64_t>(n + 1));
    const PassResult got = RunPass(c, bound, split);

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
    ASSERT_EQ(got.out.num_rows, static_cast<int32_t>(want_rows.size())) << "trial " << trial;
    ASSERT_EQ(got.out.num_single, static_cast<int32_t>(want_rows.size())) << "trial " << trial;
    ASSERT_EQ(got.out.num_several, static_cast<int32_t>(want_several.size())) << "trial " << trial;
    for (size_t i = 0; i < want_rows.size(); ++i) {
      ASSERT_EQ(got.rows[i], want_rows[i]) << "trial " << trial;
      ASSERT_EQ(got.fail[i], want_fail[i]) << "trial " << trial << " row " << got.rows[i];
      ASSERT_EQ(got.single[i], want_fail[i]) << "trial " << trial << " row " << got.rows[i];
    }
    for (size_t i = 0; i < want_several.size(); ++i) {
      ASSERT_EQ(got.several[i], want_several[i]) << "trial " << trial;
    }
    candidates += got.out.num_rows;
    several += got.out.num_several;
  }
  // The cases reach both outcomes often.
  EXPECT_GT(candidates, 1000);
  EXPECT_GT(several, 2000);
}

TEST(VectorPairPass, JudgesTheSkillGateAndKeepsTheRowsWhoseBoundsReachTheThreshold) {
  if (!VectorPairPassAvailable()) GTEST_SKIP() << "this CPU has no AVX-512";
  std::mt19937_64 rng(1127);
  int64_t gated = 0, kept = 0, dropped = 0, at_threshold = 0, corrected = 0;
  int64_t below_minimum = 0, at_minimum = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    const int32_t n = 1 + static_cast<int32_t>(rng() % 90);
    const Case c = RandomCase(&rng, n);
    std::vector<int32_t> within;
    std::vector<RowVerdict> want;
    for (int32_t k = 0; k < n; ++k) {
      const auto row = static_cast<size_t>(k);
      if (ChordSquared(c.home, c.points[row]) > c.reach_c2) continue;
      within.push_back(k);
      want.push_back(JudgeRow(c, k));
    }
    // Thresholds and the minimum score: none, drawn, or exactly some row's
    // bound.
    BoundInput bound = BoundOf(c);
    auto some_bound = [&] {
      const RowVerdict& v = want[static_cast<size_t>(rng() % want.size())];
      return rng() % 2 == 0 ? v.best : v.bound;
    };
    for (float& t : bound.threshold) {
      const auto pick = rng() % 3;
      if (pick == 0 || want.empty()) {
        t = -1.0f;
      } else if (pick == 1) {
        t = static_cast<float>(std::uniform_real_distribution<double>(0.2, 0.9)(rng));
      } else {
        t = static_cast<float>(some_bound());
      }
    }
    std::vector<double> eligible_bounds;
    for (const RowVerdict& v : want) {
      if (v.fail == 0) eligible_bounds.push_back(v.bound);
    }
    const auto pick = rng() % 3;
    if (pick == 1) {
      bound.min_score = std::uniform_real_distribution<double>(0, 0.6)(rng);
    } else if (pick == 2 && !eligible_bounds.empty()) {
      bound.min_score = eligible_bounds[rng() % eligible_bounds.size()];
    }
    const auto split = static_cast<int32_t>(rng() % static_cast<uint64_t>(n + 1));
    const PassResult got = RunPass(c, bound, split);

    size_t num_several = 0, num_single = 0, num_kept = 0;
    for (size_t i = 0; i < within.size(); ++i) {
      const RowVerdict& v = want[i];
      const auto row = static_cast<size_t>(within[i]);
      gated += (v.fail & RuleBit(ExclusionReason::kNoSkillFit)) != 0 ? 1 : 0;
      if (SeveralRules(v.fail)) {
        ASSERT_LT(num_several, static_cast<size_t>(got.out.num_several)) << "trial " << trial;
        ASSERT_EQ(got.several[num_several++], v.fail) << "trial " << trial << " row " << row;
        continue;
      }
      ASSERT_LT(num_single, static_cast<size_t>(got.out.num_single)) << "trial " << trial;
      ASSERT_EQ(got.single[num_single++], v.fail) << "trial " << trial << " row " << row;
      corrected += c.correction_count[row] > 0 ? 1 : 0;
      const float threshold = bound.threshold[static_cast<size_t>(FirstRule(v.fail))];
      const auto best_f = static_cast<float>(v.best);
      const auto bound_f = static_cast<float>(v.bound);
      at_threshold += best_f == threshold || bound_f == threshold ? 1 : 0;
      at_minimum += v.fail == 0 && v.bound == bound.min_score ? 1 : 0;
      if (best_f < threshold || bound_f < threshold) {
        ++dropped;
        continue;
      }
      if (v.fail == 0 && v.bound < bound.min_score) {
        ++below_minimum;
        continue;
      }
      ASSERT_LT(num_kept, static_cast<size_t>(got.out.num_rows)) << "trial " << trial;
      ASSERT_EQ(got.rows[num_kept], within[i]) << "trial " << trial;
      ASSERT_EQ(got.fail[num_kept], v.fail) << "trial " << trial;
      ++num_kept;
      ++kept;
    }
    ASSERT_EQ(static_cast<size_t>(got.out.num_several), num_several) << "trial " << trial;
    ASSERT_EQ(static_cast<size_t>(got.out.num_single), num_single) << "trial " << trial;
    ASSERT_EQ(static_cast<size_t>(got.out.num_rows), num_kept) << "trial " << trial;
  }
  // The cases reach every outcome often.
  EXPECT_GT(gated, 500) << "gated";
  EXPECT_GT(corrected, 1000) << "corrected";
  EXPECT_GT(kept, 1000) << "kept";
  EXPECT_GT(dropped, 1000) << "dropped";
  EXPECT_GT(at_threshold, 100) << "at the threshold";
  EXPECT_GT(below_minimum, 50) << "below the minimum score";
  EXPECT_GT(at_minimum, 50) << "at the minimum score";
}

TEST(VectorPairPass, PacksEveryFieldOfARuleAndSkillCodeApart) {
  const uint32_t code = PackRuleCode(0xBEEF, 3, 2, 6, true);
  EXPECT_EQ(code & 0xFFFFu, 0xBEEFu);
  EXPECT_EQ((code >> 16) & 3u, 3u);
  EXPECT_EQ((code >> 18) & 3u, 2u);
  EXPECT_EQ((code >> 20) & 7u, 6u);
  EXPECT_EQ((code >> 23) & 1u, 1u);
  EXPECT_EQ(PackRuleCode(0, 0, 0, 0, false), 0u);
  const uint32_t skill = PackSkillCode(true, false, true, 7, 0xABCD);
  EXPECT_EQ(skill & 7u, 5u);
  EXPECT_EQ((skill >> 3) & 7u, 7u);
  EXPECT_EQ((skill >> 8) & 0xFFFFu, 0xABCDu);
  EXPECT_EQ(PackSkillCode(false, false, false, 0, 0), 0u);
}

}  // namespace
}  // namespace jobmatch::internal

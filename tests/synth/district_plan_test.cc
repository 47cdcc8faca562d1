// tests/synth/district_plan_test.cc
//
// Largest-remainder apportionment (synth/district_plan.h): sizes add up
// exactly, every entry gets its minimum, ties go to the lower index.

#include "synth/district_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "engine/internal/random.h"

namespace jobmatch::synth {
namespace {

int64_t Sum(const std::vector<int32_t>& v) {
  return std::accumulate(v.begin(), v.end(), int64_t{0});
}

TEST(Apportion, SplitsByLargestRemainderWithTiesToTheLowerIndex) {
  EXPECT_EQ(Apportion(10, {1, 1, 1}, 0), (std::vector<int32_t>{4, 3, 3}));
  EXPECT_EQ(Apportion(7, {5, 3, 2}, 0), (std::vector<int32_t>{4, 2, 1}));  // 3.5 2.1 1.4
  EXPECT_EQ(Apportion(5, {0, 0}, 0), (std::vector<int32_t>{3, 2}));        // all zero: equal
  EXPECT_EQ(Apportion(4, {100, 0, 0}, 1), (std::vector<int32_t>{2, 1, 1}));
  EXPECT_EQ(Apportion(2, {1, 1, 1}, 1), (std::vector<int32_t>{1, 1, 1}));  // minimum wins
  EXPECT_TRUE(Apportion(9, {}, 0).empty());
}

TEST(Apportion, AlwaysAddsUpAndNeverGoesBelowTheMinimum) {
  internal::Rng rng(11);
  for (int round = 0; round < 500; ++round) {
    const auto n = static_cast<size_t>(rng.Between(1, 12));
    std::vector<int64_t> weights(n);
    for (int64_t& w : weights) w = rng.Between(0, 4'000'000'000);
    const auto min_each = static_cast<int32_t>(rng.Between(0, 2));
    const int64_t total = rng.Between(0, 1'000'000);
    const std::vector<int32_t> out = Apportion(total, weights, min_each);
    ASSERT_EQ(out.size(), n);
    EXPECT_EQ(Sum(out),
              std::max<int64_t>(total, static_cast<int64_t>(min_each) * static_cast<int64_t>(n)));
    for (const int32_t x : out) EXPECT_GE(x, min_each);
  }
}

}  // namespace
}  // namespace jobmatch::synth

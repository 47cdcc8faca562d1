// tests/support/random.h
//
// The one random generator of the tests: the engine's own fully specified
// xoshiro256** (engine/internal/random.h), so a seed gives the same numbers
// on every compiler and standard library, plus the draws tests use.
//
// Example:
//   test::Rng rng(7);
//   const int64_t cost = rng.Between(-50, 100);    // uniform in [-50, 100]
//   if (rng.Chance(0.05)) cap = kInfiniteCapacity;  // 5 % of the arcs
//   const double x = rng.Unit();                    // uniform in [0, 1)

#ifndef JOBMATCH_TESTS_SUPPORT_RANDOM_H_
#define JOBMATCH_TESTS_SUPPORT_RANDOM_H_

#include <cstddef>
#include <cstdint>

#include "engine/internal/random.h"

namespace jobmatch::test {

class Rng : public internal::Rng {
 public:
  explicit Rng(uint64_t seed, uint64_t stream = 0) : internal::Rng(seed, stream) {}

  // Uniform in [0, n), n > 0.
  int32_t Below(int32_t n) {
    return static_cast<int32_t>(internal::Rng::Below(static_cast<uint64_t>(n)));
  }
  // Uniform in [0, n), n > 0: an index into a container of n elements.
  size_t Below(size_t n) { return static_cast<size_t>(internal::Rng::Below(n)); }
  // Uniform in [0, 1).
  double Unit() { return Uniform(); }
  // True with probability p.
  bool Chance(double p) { return Bernoulli(p); }
};

}  // namespace jobmatch::test

#endif  // JOBMATCH_TESTS_SUPPORT_RANDOM_H_

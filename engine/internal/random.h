// engine/internal/random.h
//
// A small, fully specified random number generator for synthetic data:
// xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64, with our
// own integer, real and weighted draws. Unlike std::*_distribution, every
// draw here is defined bit for bit, so the same seed gives the same numbers
// on every compiler and standard library. Not for cryptography.
//
// Contract: Rng(seed, stream) gives independent-looking sequences for
// different (seed, stream) pairs; a generator is plain state, never shared.
// WeightedTable draws index i with probability weights[i] / sum, using a
// cumulative array and binary search (O(log n) per draw, 8 bytes per entry).
//
// Example:
//   internal::Rng rng(options.seed, /*stream=*/3);
//   const internal::WeightedTable table({5, 0, 15});
//   const size_t i = table.Draw(rng);   // 0 with 25 %, 2 with 75 %, never 1
//   if (rng.Bernoulli(0.35)) ...

#ifndef JOBMATCH_ENGINE_INTERNAL_RANDOM_H_
#define JOBMATCH_ENGINE_INTERNAL_RANDOM_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/check.h"

namespace jobmatch::internal {

// SplitMix64 step (Steele, Lea and Flood): turns any 64-bit state into
// well-mixed outputs; used to seed xoshiro so nearby seeds do not correlate.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  // `stream` separates sequences drawn from one seed (one per record kind),
  // so changing how many vacancies are drawn leaves the participants alone.
  explicit Rng(uint64_t seed, uint64_t stream = 0) {
    uint64_t mix = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    for (uint64_t& word : s_) word = SplitMix64(&mix);
  }

  // Next 64 raw bits (xoshiro256**).
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform integer in [0, n), n > 0, without modulo bias (rejection).
  uint64_t Below(uint64_t n) {
    JOBMATCH_CHECK(n > 0) << "Below(0)";
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const uint64_t x = Next();
      if (x >= threshold) return x % n;
    }
  }

  // Uniform integer in [lo, hi], lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    JOBMATCH_CHECK(lo <= hi) << lo << " > " << hi;
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(span == 0 ? Next() : Below(span));
  }

  // Uniform double in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // True with probability p (p <= 0: never, p >= 1: always).
  bool Bernoulli(double p) { return Uniform() < p; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Draws an index with probability proportional to non-negative integer
// weights. Integer weights keep the draw exact and identical everywhere.
class WeightedTable {
 public:
  WeightedTable() = default;
  explicit WeightedTable(const std::vector<int64_t>& weights) {
    cumulative_.reserve(weights.size());
    int64_t sum = 0;
    for (const int64_t w : weights) {
      JOBMATCH_CHECK(w >= 0) << "negative weight " << w;
      sum += w;
      cumulative_.push_back(sum);
    }
  }

  size_t size() const { return cumulative_.size(); }
  int64_t total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }

  // Index i with probability weights[i] / total(); total() must be > 0.
  size_t Draw(Rng& rng) const {
    JOBMATCH_CHECK(total() > 0) << "draw from an empty weighted table";
    const int64_t r = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(total())));
    // First cumulative sum strictly above r: skips zero weights.
    return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) -
                               cumulative_.begin());
  }

 private:
  std::vector<int64_t> cumulative_;
};

}  // namespace jobmatch::internal

#endif  // JOBMATCH_ENGINE_INTERNAL_RANDOM_H_

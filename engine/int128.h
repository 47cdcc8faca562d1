// engine/int128.h
//
// One 128-bit signed integer for exact sums of int64 products (flow costs,
// supply totals, overflow bounds). GCC and Clang provide __int128 on every
// 64-bit target we build for; `__extension__` keeps -Wpedantic quiet. Use it
// for checks and totals, never in a hot loop's per-arc arithmetic.
//
// Example:
//   Int128 total = 0;
//   for (size_t a = 0; a < flow.size(); ++a) total += Int128{flow[a]} * cost[a];
//   if (total > std::numeric_limits<int64_t>::max()) return Overflow();

#ifndef JOBMATCH_ENGINE_INT128_H_
#define JOBMATCH_ENGINE_INT128_H_

namespace jobmatch {

__extension__ using Int128 = __int128;

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_INT128_H_

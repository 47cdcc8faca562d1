// engine/parallel.h
//
// The run's thread count (`--threads`, ScoringOptions::num_threads) as
// oneTBB work: 0 means every core the machine has, 1 runs on the calling
// thread in order, and a larger count is capped at the machine's cores (an
// arena asked for more only makes oneTBB print a warning and run with fewer).
// Results never depend on the count: callers give each task its own output.
//
// Example:
//   std::vector<Row> out(n);
//   ForEachTask(n, options.num_threads, [&](size_t i) { out[i] = Work(i); });
//
//   tbb::task_arena arena(ArenaConcurrency(num_threads));  // for a custom loop

#ifndef JOBMATCH_ENGINE_PARALLEL_H_
#define JOBMATCH_ENGINE_PARALLEL_H_

#include <cstddef>
#include <cstdint>
#include <functional>

namespace jobmatch {

// The concurrency to build a tbb::task_arena with: tbb::task_arena::automatic
// for 0, else min(num_threads, the machine's cores).
int ArenaConcurrency(int32_t num_threads);

// Runs task(i) for every i in [0, n): in order on the calling thread when
// num_threads is 1 or n <= 1, else on an arena of ArenaConcurrency threads.
void ForEachTask(size_t n, int32_t num_threads, const std::function<void(size_t)>& task);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_PARALLEL_H_

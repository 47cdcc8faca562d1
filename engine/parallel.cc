#include "engine/parallel.h"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>

namespace jobmatch {

int ArenaConcurrency(int32_t num_threads) {
  if (num_threads <= 0) return tbb::task_arena::automatic;
  return std::min(num_threads, tbb::info::default_concurrency());
}

void ForEachTask(size_t n, int32_t num_threads, const std::function<void(size_t)>& task) {
  if (num_threads == 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) task(i);
    return;
  }
  tbb::task_arena arena(ArenaConcurrency(num_threads));
  arena.execute([&] { tbb::parallel_for(size_t{0}, n, [&](size_t i) { task(i); }); });
}

}  // namespace jobmatch

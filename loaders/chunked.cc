#include "loaders/chunked.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <vector>

namespace jobmatch {

void ForEachTask(size_t n, int32_t num_threads, const std::function<void(size_t)>& task) {
  if (num_threads == 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) task(i);
    return;
  }
  tbb::task_arena arena(num_threads == 0 ? tbb::task_arena::automatic : num_threads);
  arena.execute([&] { tbb::parallel_for(size_t{0}, n, [&](size_t i) { task(i); }); });
}

void ForEachChunk(size_t n,
                  int32_t num_threads,
                  ProblemList* problems,
                  const std::function<void(size_t begin, size_t end, ProblemList* problems)>& work,
                  size_t chunk) {
  chunk = std::max<size_t>(chunk, 1);
  const size_t chunks = (n + chunk - 1) / chunk;
  if (num_threads == 1 || chunks <= 1) {
    work(0, n, problems);
    return;
  }
  std::vector<ProblemList> found(chunks, ProblemList(problems->max_problems()));
  ForEachTask(chunks, num_threads, [&](size_t c) {
    work(c * chunk, std::min(n, (c + 1) * chunk), &found[c]);
  });
  for (const ProblemList& list : found) problems->Add(list);
}

}  // namespace jobmatch

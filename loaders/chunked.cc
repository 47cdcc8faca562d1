#include "loaders/chunked.h"

#include <algorithm>
#include <vector>

#include "engine/parallel.h"

namespace jobmatch {

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

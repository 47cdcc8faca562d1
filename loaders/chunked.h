// loaders/chunked.h
//
// Checking many records on several threads with the problems a serial pass
// would report, in the same order. ForEachChunk() splits [0, n) into chunks
// of a fixed size, gives each chunk a ProblemList of its own, runs the chunks
// on up to `num_threads` threads (engine/parallel.h's ForEachTask; 1: one
// after another on the calling thread) and then adds the chunks' problems to the caller's list in
// chunk order. The limit of the caller's list applies as if one pass had reported them all: the
// first max_problems are kept, the rest are counted. `work` must only write to its own records and
// its own ProblemList.
//
// Example:
//   ForEachChunk(rows.size(), options.num_threads, &problems,
//                [&](size_t begin, size_t end, ProblemList* chunk_problems) {
//                  for (size_t r = begin; r < end; ++r) out[r] = Check(rows[r], chunk_problems);
//                });

#ifndef JOBMATCH_LOADERS_CHUNKED_H_
#define JOBMATCH_LOADERS_CHUNKED_H_

#include <cstddef>
#include <cstdint>
#include <functional>

#include "loaders/problem_list.h"

namespace jobmatch {

// Records per chunk: large enough that a chunk's set-up is noise, small
// enough to balance two to a few dozen threads at the national tier.
inline constexpr size_t kRecordsPerChunk = 8192;

// `num_threads`: 0 all cores, 1 serial, else at most that many.
void ForEachChunk(size_t n,
                  int32_t num_threads,
                  ProblemList* problems,
                  const std::function<void(size_t begin, size_t end, ProblemList* problems)>& work,
                  size_t chunk = kRecordsPerChunk);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_CHUNKED_H_

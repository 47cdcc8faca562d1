// loaders/boundary.h
//
// The edge between a loader and its caller: no exception crosses it. A
// loader's public function runs its body through CatchAtBoundary(), which
// turns an exception (allocation failure, a filesystem or library error) into
// an Error naming the file: kInternal, since expected bad input is reported
// as kBadData by the loader itself and never thrown.
//
// Example:
//   Result<Dataset> LoadCsvDataset(const fs::path& dir, ...) {
//     return CatchAtBoundary<Dataset>(dir.string(), "loading the dataset",
//                                     [&] { return LoadCsvUnguarded(dir, ...); });
//   }

#ifndef JOBMATCH_LOADERS_BOUNDARY_H_
#define JOBMATCH_LOADERS_BOUNDARY_H_

#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace jobmatch {

// `doing` completes "while ...". Noexcept: should building the Error itself
// throw, nothing better than terminating is possible.
template <typename T, typename Body>
Result<T> CatchAtBoundary(const std::string& file, std::string_view doing, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return MakeError(
        ErrorKind::kInternal, file, 0, "", "", "out of memory while " + std::string(doing));
  } catch (const std::exception& e) {
    return MakeError(ErrorKind::kInternal,
                     file,
                     0,
                     "",
                     "",
                     "unexpected failure while " + std::string(doing) + ": " + e.what());
  } catch (...) {
    return MakeError(
        ErrorKind::kInternal, file, 0, "", "", "unexpected failure while " + std::string(doing));
  }
}

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_BOUNDARY_H_

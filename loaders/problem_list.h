// loaders/problem_list.h
//
// Collects the problems a loader finds so that one run reports all of them (up
// to a limit) instead of stopping at the first: a coordinator fixes the
// spreadsheet in one pass. Problems beyond the limit are only counted and end
// up in Error::suppressed.
//
// Example:
//   ProblemList problems(options.max_problems);
//   problems.Add({file, line, "openings", cell, "a whole number >= 0"});
//   if (!problems.empty()) return problems.ToError(ErrorKind::kBadData);

#ifndef JOBMATCH_LOADERS_PROBLEM_LIST_H_
#define JOBMATCH_LOADERS_PROBLEM_LIST_H_

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/result.h"

namespace jobmatch {

class ProblemList {
 public:
  // A limit below 1 is treated as 1: an Error always carries one diagnostic.
  explicit ProblemList(int32_t max_problems) : max_problems_(std::max<int32_t>(1, max_problems)) {}

  void Add(Diagnostic diagnostic) {
    if (static_cast<int64_t>(diagnostics_.size()) < max_problems_) {
      diagnostics_.push_back(std::move(diagnostic));
    } else {
      ++suppressed_;
    }
  }
  // Adds every diagnostic of `error` and its suppressed count; an error that
  // means "missing input" makes the whole list one.
  void Add(const Error& error) {
    for (const Diagnostic& d : error.diagnostics) Add(d);
    suppressed_ += error.suppressed;
    if (error.kind == ErrorKind::kMissingInput) missing_input_ = true;
  }

  // Adds every problem of `other` after these, as if reported here.
  void Add(const ProblemList& other) {
    for (const Diagnostic& d : other.diagnostics_) Add(d);
    suppressed_ += other.suppressed_;
    missing_input_ = missing_input_ || other.missing_input_;
  }

  bool empty() const { return diagnostics_.empty() && suppressed_ == 0; }
  int32_t max_problems() const { return max_problems_; }
  int64_t count() const { return static_cast<int64_t>(diagnostics_.size()) + suppressed_; }

  // kMissingInput if any missing-input error was added, else `kind`.
  Error ToError(ErrorKind kind = ErrorKind::kBadData) const {
    Error error;
    error.kind = missing_input_ ? ErrorKind::kMissingInput : kind;
    error.diagnostics = diagnostics_;
    error.suppressed = suppressed_;
    return error;
  }

 private:
  int32_t max_problems_;
  std::vector<Diagnostic> diagnostics_;
  int64_t suppressed_ = 0;
  bool missing_input_ = false;
};

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_PROBLEM_LIST_H_

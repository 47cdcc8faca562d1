// engine/check.h
//
// Bugs stop the program: JOBMATCH_CHECK(cond) << "context" aborts with file,
// line and the streamed context in every build. JOBMATCH_DCHECK is the same in
// debug builds and compiles to nothing under NDEBUG. Expected failures (bad
// input, infeasible problems) are values, never checks: see engine/result.h.

#ifndef JOBMATCH_ENGINE_CHECK_H_
#define JOBMATCH_ENGINE_CHECK_H_

#include <cstdlib>
#include <iostream>
#include <sstream>

namespace jobmatch::internal {

class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* condition) {
    stream_ << file << ":" << line << ": check failed: " << condition << " ";
  }
  CheckFailure(const CheckFailure&) = delete;
  CheckFailure& operator=(const CheckFailure&) = delete;
  [[noreturn]] ~CheckFailure() {
    std::cerr << stream_.str() << std::endl;
    std::abort();
  }
  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

// Lets `cond ? (void)0 : Voidify() & stream` type-check.
struct Voidify {
  void operator&(std::ostream&) {}
};

}  // namespace jobmatch::internal

// The stream must bind to the macro's last operand, so the replacement list
// cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define JOBMATCH_CHECK(condition)                 \
  (condition) ? (void)0                           \
              : ::jobmatch::internal::Voidify() & \
                    ::jobmatch::internal::CheckFailure(__FILE__, __LINE__, #condition).stream()

#ifdef NDEBUG
#define JOBMATCH_DCHECK(condition) true ? (void)0 : ::jobmatch::internal::Voidify() & std::cerr
#else
#define JOBMATCH_DCHECK(condition) JOBMATCH_CHECK(condition)
#endif
// NOLINTEND(bugprone-macro-parentheses)

#endif  // JOBMATCH_ENGINE_CHECK_H_

#include "cli/exceptions.h"

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <new>

#include "cli/exit_codes.h"

namespace jobmatch::cli {
namespace {

[[noreturn]] void OnTerminate() {
  // Runs on a broken state: no allocation, no streams beyond stdio.
  std::fputs("jobmatch: internal error", stderr);
  if (const std::exception_ptr current = std::current_exception()) {
    try {
      std::rethrow_exception(current);
    } catch (const std::bad_alloc&) {
      std::fputs(": out of memory", stderr);
    } catch (const std::exception& e) {
      std::fputs(": ", stderr);
      std::fputs(e.what(), stderr);
    } catch (...) {
      std::fputs(": unknown exception", stderr);
    }
  }
  std::fputs("\n", stderr);
  std::fflush(stderr);
  ::_exit(ExitCodeFor(ErrorKind::kInternal));
}

}  // namespace

int ExitCodeCatchingExceptions(const std::function<int()>& body, std::ostream& err) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    err << "jobmatch: out of memory\n";
  } catch (const std::exception& e) {
    err << "jobmatch: internal error: " << e.what() << "\n";
  } catch (...) {
    err << "jobmatch: internal error: unknown exception\n";
  }
  err.flush();
  return ExitCodeFor(ErrorKind::kInternal);
}

void InstallTerminateHandler() {
  std::set_terminate(OnTerminate);
}

}  // namespace jobmatch::cli

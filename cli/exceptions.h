// cli/exceptions.h
//
// The program's last line of defence: whatever a subcommand throws ends in a
// clear message and a sysexits code instead of an abort (exit 134). Library
// code reports expected failures as values (engine/result.h); an exception
// reaching here is a bug or the machine running out of memory, so it exits 70
// (EX_SOFTWARE). The message names the kind of failure, never input data.
//
// Example (main.cc):
//   InstallTerminateHandler();
//   return ExitCodeCatchingExceptions([&] { return RunRun(run); }, std::cerr);

#ifndef JOBMATCH_CLI_EXCEPTIONS_H_
#define JOBMATCH_CLI_EXCEPTIONS_H_

#include <functional>
#include <ostream>

namespace jobmatch::cli {

// Returns body(); if it throws, writes "jobmatch: ..." to `err` and returns
// ExitCodeFor(ErrorKind::kInternal) (70): "out of memory" for std::bad_alloc, "internal error: "
// and what() for other std::exception, "internal error: unknown exception"
// for anything else.
int ExitCodeCatchingExceptions(const std::function<int()>& body, std::ostream& err);

// For exceptions no try block can catch (thrown through a noexcept function
// or on a thread of its own): std::terminate prints "jobmatch: internal
// error" with what it knows on stderr and exits 70 as above.
void InstallTerminateHandler();

}  // namespace jobmatch::cli

#endif  // JOBMATCH_CLI_EXCEPTIONS_H_

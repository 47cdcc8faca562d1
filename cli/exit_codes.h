// cli/exit_codes.h
//
// The program's exit codes for expected failures, as sysexits.h defines them:
// the engine and the loaders say what kind of error happened (ErrorKind in
// engine/result.h), and only the program decides how a shell sees it.
//
//   ErrorKind      exit  sysexits name
//   kUsage          64   EX_USAGE     wrong flags or arguments
//   kBadData        65   EX_DATAERR   input malformed or inconsistent
//   kMissingInput   66   EX_NOINPUT   an input file or folder does not exist
//   kInternal       70   EX_SOFTWARE  a bug reached as a value
//   kCannotWrite    73   EX_CANTCREAT output cannot be created or replaced
//
// Example:
//   Result<Dataset> loaded = LoadDataset(dir, reference);
//   if (!loaded.ok()) return ExitCodeFor(loaded.error().kind);

#ifndef JOBMATCH_CLI_EXIT_CODES_H_
#define JOBMATCH_CLI_EXIT_CODES_H_

#include "engine/result.h"

namespace jobmatch::cli {

// The exit code for an error kind, from the table above.
int ExitCodeFor(ErrorKind kind);

}  // namespace jobmatch::cli

#endif  // JOBMATCH_CLI_EXIT_CODES_H_

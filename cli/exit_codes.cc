#include "cli/exit_codes.h"

namespace jobmatch::cli {

int ExitCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
      return 64;
    case ErrorKind::kBadData:
      return 65;
    case ErrorKind::kMissingInput:
      return 66;
    case ErrorKind::kInternal:
      return 70;
    case ErrorKind::kCannotWrite:
      return 73;
  }
  return 70;
}

}  // namespace jobmatch::cli

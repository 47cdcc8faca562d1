// whatif/command.h
//
// One line of a what-if session, split into a command name and its
// arguments, and checked for its shape (known command, number of arguments,
// numbers where numbers belong) before anything runs, so that a script with
// a typo fails before its first command changes anything. Whether an id
// exists is checked when the command runs.
//
// Syntax: words separated by blanks; "double quotes" keep blanks inside a
// word; '#' starts a comment outside quotes; empty lines do nothing.
//
// Example:
//   Result<std::optional<Command>> c = ParseCommand("capacity K-1 +2", 3, "reko.jmw");
//   if (c.ok() && c.value()) ... c.value()->name == "capacity" ...

#ifndef JOBMATCH_WHATIF_COMMAND_H_
#define JOBMATCH_WHATIF_COMMAND_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"

namespace jobmatch::whatif {

struct Command {
  std::string source;  // script file or "<stdin>", for messages
  int64_t line = 0;    // 1-based
  std::string text;    // the line as typed, without comment
  std::string name;
  std::vector<std::string> args;
};

// nullopt for an empty or comment line; kBadData naming source, line and the
// argument that is wrong otherwise.
[[nodiscard]] Result<std::optional<Command>> ParseCommand(std::string_view line_text,
                                                          int64_t line,
                                                          const std::string& source);

// A change of capacity as typed: "12" sets, "+2" and "-2" add.
struct CapacityChange {
  bool relative = false;
  int32_t amount = 0;
};
std::optional<CapacityChange> ParseCapacityChange(std::string_view text);
std::optional<int32_t> ParseInt(std::string_view text);
std::optional<double> ParseNumber(std::string_view text);

// The commands' names, in the order help lists them.
const std::vector<std::string_view>& CommandNames();

}  // namespace jobmatch::whatif

#endif  // JOBMATCH_WHATIF_COMMAND_H_

// whatif/shell.h
//
// The what-if session: a loop over command lines that edits one Scenario
// through the functions of whatif/scenario.h and prints what changed
// (whatif/text.h). Its whole state is a few Scenario values: the start (for
// reset), the current one, the earlier ones (for undo) and the saved ones
// (for compare).
//
// Errors. A command that fails changes nothing (it runs on a copy that
// replaces the current scenario only when the command succeeded). In a
// script (RunScript) the first error ends the run (the program exits 65)
// naming the script's line; every line's shape is checked before the
// first command runs, so a typo stops the script before anything happens.
// Interactively (RunCommandLine) the error is printed and the session goes on.
//
// Example:
//   ShellState state = StartSession(MakeScenario(...));
//   std::ifstream script("examples/whatif/reko.jmw");
//   std::optional<Error> failed = RunScript(&state, script, "reko.jmw", options, std::cout);

#ifndef JOBMATCH_WHATIF_SHELL_H_
#define JOBMATCH_WHATIF_SHELL_H_

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/result.h"
#include "whatif/command.h"
#include "whatif/scenario.h"

namespace jobmatch::whatif {

struct ShellOptions {
  bool json = false;
  // Writes the scenario's sheets and JSON into a folder (the batch run's
  // writer, supplied by the program); unset: `export` is refused.
  std::function<std::optional<Error>(const Scenario&, const std::filesystem::path&)> export_to;
  // Print how long each command took (wall time, edit + re-solve + diff +
  // text) after its answer: "  (12,3 ms)", or "ms" in JSON.
  bool timing = false;
  // Earlier scenarios kept for undo (the oldest are dropped beyond this).
  int32_t undo_depth = 20;
};

struct ShellState {
  Scenario start;
  Scenario current;
  std::vector<Scenario> earlier;  // undo stack, newest last
  std::map<std::string, Scenario> saved;
  // Participant id -> index (participants are never added or renamed).
  std::unordered_map<std::string, int32_t> participant_ids;
};

ShellState StartSession(Scenario scenario);

// Runs one parsed command; prints its answer to `out`. An error is returned
// (and nothing changed); the caller decides how to show it.
[[nodiscard]] std::optional<Error> RunCommand(ShellState* state,
                                              const Command& command,
                                              const ShellOptions& options,
                                              std::ostream& out);

// Parses and runs one typed line; prints the answer or the error to `out`.
// Returns false if the line failed.
bool RunCommandLine(ShellState* state,
                    const std::string& line_text,
                    int64_t line,
                    const std::string& source,
                    const ShellOptions& options,
                    std::ostream& out);

// Runs every line of `in`; stops at the first error and returns it (kBadData
// naming source and line; kCannotWrite if an export failed).
[[nodiscard]] std::optional<Error> RunScript(ShellState* state,
                                             std::istream& in,
                                             const std::string& source,
                                             const ShellOptions& options,
                                             std::ostream& out);

}  // namespace jobmatch::whatif

#endif  // JOBMATCH_WHATIF_SHELL_H_

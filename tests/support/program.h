// tests/support/program.h
//
// Running the jobmatch program from a test, and reading what it wrote: for
// end-to-end tests that compare output folders byte for byte.
//
// Example:
//   const ProgramOutcome run = RunProgram(JOBMATCH_BINARY, "run --data d --out o");
//   ASSERT_EQ(run.exit_code, 0) << run.err;
//   EXPECT_EQ(ReadTree(dir / "o1"), ReadTree(dir / "o2"));

#ifndef JOBMATCH_TESTS_SUPPORT_PROGRAM_H_
#define JOBMATCH_TESTS_SUPPORT_PROGRAM_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace jobmatch::test {

struct ProgramOutcome {
  int exit_code = -1;  // -1: did not exit normally
  std::string out;     // standard output
  std::string err;     // standard error
};

// Runs `binary arguments` through the shell (arguments are not quoted) in a
// separate process, in the folder `cwd` (empty: this process's), and waits
// for it.
ProgramOutcome RunProgram(const std::string& binary,
                          const std::string& arguments,
                          const std::filesystem::path& cwd = {});

// Every entry directly in `dir`, by name: a file with its bytes, a folder
// with "" (so a stray folder shows). Empty when `dir` is not a folder.
std::map<std::string, std::string> ReadFolder(const std::filesystem::path& dir);

// The cells of one line of a semicolon-separated sheet as jobmatch writes
// it (a cell in quotes may hold ';' and doubled quotes; no line breaks).
std::vector<std::string> SplitSheetLine(const std::string& line);

// The rows of such a sheet after its header line, each by header name (a
// UTF-8 byte-order mark and CR line ends are dropped, empty lines skipped).
std::vector<std::map<std::string, std::string>> SheetRows(const std::string& bytes);

// The bytes of a file ("" when it cannot be read).
std::string ReadFile(const std::filesystem::path& path);

// Replaces a file's bytes.
void WriteFile(const std::filesystem::path& path, const std::string& bytes);

// Every regular file below `dir`, by path relative to it, with its bytes.
std::map<std::string, std::string> ReadTree(const std::filesystem::path& dir);

}  // namespace jobmatch::test

#endif  // JOBMATCH_TESTS_SUPPORT_PROGRAM_H_

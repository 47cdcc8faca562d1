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

// The bytes of a file ("" when it cannot be read).
std::string ReadFile(const std::filesystem::path& path);

// Replaces a file's bytes.
void WriteFile(const std::filesystem::path& path, const std::string& bytes);

// Every regular file below `dir`, by path relative to it, with its bytes.
std::map<std::string, std::string> ReadTree(const std::filesystem::path& dir);

}  // namespace jobmatch::test

#endif  // JOBMATCH_TESTS_SUPPORT_PROGRAM_H_

// End-to-end tests of `jobmatch whatif`: a script with an error exits 65
// naming its line; the interactive shell works in a real terminal (a
// pseudo-terminal: help, a command, the up arrow recalling it from history).

#include <gtest/gtest.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

const std::string kBinary = JOBMATCH_BINARY;
const std::string kExample = std::string(JOBMATCH_SOURCE_DIR) + "/examples/salzlandkreis";

struct Outcome {
  int exit_code = -1;
  std::string out;
};

Outcome Shell(const std::string& command) {
  Outcome run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::filesystem::path TempDir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("jobmatch_whatif_" + name + "_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(JobmatchWhatif, AScriptErrorExits65NamingTheLine) {
  const std::filesystem::path dir = TempDir("script");
  std::ofstream(dir / "bad.jmw") << "capacity K-15089-1 +1\n\nwithdraw-employer E-NOPE\n";
  const Outcome run = Shell(kBinary + " whatif --data " + kExample +
                            " --date 2026-11-22 --script " + (dir / "bad.jmw").string());
  EXPECT_EQ(run.exit_code, 65) << run.out;
  EXPECT_NE(run.out.find("bad.jmw:3: field 'employer' = 'E-NOPE'"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("24 -> 25"), std::string::npos) << run.out;  // line 1 ran
  std::filesystem::remove_all(dir);
}

TEST(JobmatchWhatif, ReadsCommandsFromStandardInputAndExports) {
  const std::filesystem::path dir = TempDir("stdin");
  const Outcome run =
      Shell("printf 'capacity K-15089-2 +2\\nexport " + (dir / "out").string() + "\\n' | " +
            kBinary + " whatif --json --data " + kExample + " --date 2026-11-22");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("\"proposals\":26"), std::string::npos) << run.out;
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "jobmatch.json"));
  std::ifstream json(dir / "out" / "jobmatch.json");
  const std::string text((std::istreambuf_iterator<char>(json)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"proposals\":26"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// Reads from the pseudo-terminal until `marker` has appeared `count` times
// after `from`, or 60 seconds passed.
std::string ReadUntil(int fd, std::string* seen, const std::string& marker, int count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  auto occurrences = [&] {
    int n = 0;
    for (size_t at = seen->find(marker); at != std::string::npos; at = seen->find(marker, at + 1)) {
      ++n;
    }
    return n;
  };
  while (occurrences() < count && std::chrono::steady_clock::now() < deadline) {
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    timeval timeout{1, 0};
    if (select(fd + 1, &set, nullptr, nullptr, &timeout) <= 0) continue;
    char buffer[4096];
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n <= 0) break;
    seen->append(buffer, static_cast<size_t>(n));
  }
  return *seen;
}

TEST(JobmatchWhatif, InteractiveShellHasHelpAndHistoryInATerminal) {
  const std::filesystem::path home = TempDir("pty");
  int fd = -1;
  const pid_t pid = forkpty(&fd, nullptr, nullptr, nullptr);
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setenv("HOME", home.c_str(), 1);
    setenv("TERM", "xterm", 1);
    execl(kBinary.c_str(),
          kBinary.c_str(),
          "whatif",
          "--data",
          kExample.c_str(),
          "--date",
          "2026-11-22",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string seen;
  ReadUntil(fd, &seen, "whatif> ", 1);
  ASSERT_NE(seen.find("whatif> "), std::string::npos) << seen;
  const std::string help = "help\r";
  ASSERT_EQ(write(fd, help.data(), help.size()), static_cast<ssize_t>(help.size()));
  ReadUntil(fd, &seen, "whatif> ", 2);
  EXPECT_NE(seen.find("add-coordinator ID KREIS"), std::string::npos) << seen;
  const std::string command = "capacity K-15089-1 +1\r";
  ASSERT_EQ(write(fd, command.data(), command.size()), static_cast<ssize_t>(command.size()));
  ReadUntil(fd, &seen, "whatif> ", 3);
  EXPECT_NE(seen.find("24 -> 25"), std::string::npos) << seen;
  // Up arrow: the last line again from history, then Enter runs it once more.
  const std::string again = "\x1b[A\r";
  ASSERT_EQ(write(fd, again.data(), again.size()), static_cast<ssize_t>(again.size()));
  ReadUntil(fd, &seen, "whatif> ", 4);
  EXPECT_NE(seen.find("25 -> 26"), std::string::npos) << seen;
  const std::string quit = "\x04";  // Ctrl-D ends the session
  ASSERT_EQ(write(fd, quit.data(), quit.size()), 1);
  int status = 0;
  waitpid(pid, &status, 0);
  close(fd);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_TRUE(std::filesystem::exists(home / ".jobmatch_whatif_history"));
  std::filesystem::remove_all(home);
}

}  // namespace

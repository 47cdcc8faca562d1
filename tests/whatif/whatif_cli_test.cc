// End-to-end tests of `jobmatch whatif`: a script with an error exits 65
// naming its line; the interactive shell works in a real terminal (a
// pseudo-terminal: help, a command, the up arrow recalling it from history).

#include <gtest/gtest.h>
#include <pty.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
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
  std::ofstream(dir / "bad.jmw") << "capacity K-15089-1 +1\n\nwithdraw-employer E-999999\n";
  const Outcome run = Shell(kBinary + " whatif --data " + kExample +
                            " --date 2026-11-22 --script " + (dir / "bad.jmw").string());
  EXPECT_EQ(run.exit_code, 65) << run.out;
  EXPECT_NE(run.out.find("bad.jmw:3: field 'employer' = 'E-999999'"), std::string::npos) << run.out;
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

// Reads from the pseudo-terminal until `marker` appears in `seen` at or after
// `from`, or 60 seconds passed. Returns the position just after the marker,
// or npos. Markers are searched from a position, never counted: libedit
// redraws its prompt (for example when the up arrow recalls a line), so a
// count of prompts can run ahead of the output.
size_t ReadUntil(int fd, std::string* seen, const std::string& marker, size_t from) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    const size_t at = seen->find(marker, from);
    if (at != std::string::npos) return at + marker.size();
    if (std::chrono::steady_clock::now() >= deadline) return std::string::npos;
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    timeval timeout{1, 0};
    if (select(fd + 1, &set, nullptr, nullptr, &timeout) <= 0) continue;
    char buffer[4096];
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n <= 0) return std::string::npos;
    seen->append(buffer, static_cast<size_t>(n));
  }
}

// Waits up to 30 seconds for `pid` to end; kills it if it does not (a test
// must fail, never hang). Returns the wait status, or -1 after a kill.
int WaitOrKill(pid_t pid) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return status;
    usleep(20000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

// Waits up to 30 seconds until the terminal is in raw mode, that is until the
// line editor is reading keys. The prompt alone does not say so: libedit
// prints it and only then leaves cooked mode, and a Ctrl-D typed while the
// line discipline is cooked reaches the editor as a NUL byte, not as the end
// of input. (On Linux the master side of a pseudo-terminal reports the
// terminal's modes.)
bool WaitForRawMode(int fd) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    termios modes{};
    if (tcgetattr(fd, &modes) == 0 && (modes.c_lflag & ICANON) == 0) return true;
    usleep(2000);
  }
  return false;
}

// Kills the shell if a test ends early (a failed ASSERT), so that no child
// is left waiting on the terminal.
struct ChildGuard {
  pid_t pid = -1;
  ~ChildGuard() {
    if (pid > 0) WaitOrKill(pid);
  }
};

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
  ChildGuard guard{pid};
  const std::string prompt = "whatif> ";
  std::string seen;
  // Each step waits until the shell reads keys (raw mode), types a line, and
  // waits for its answer and for the prompt that follows the answer.
  auto step = [&](const std::string& keys, const std::string& answer) {
    const size_t from = seen.size();
    if (!WaitForRawMode(fd) ||
        write(fd, keys.data(), keys.size()) != static_cast<ssize_t>(keys.size())) {
      return false;
    }
    const size_t after = ReadUntil(fd, &seen, answer, from);
    return after != std::string::npos && ReadUntil(fd, &seen, prompt, after) != std::string::npos;
  };
  ASSERT_NE(ReadUntil(fd, &seen, prompt, 0), std::string::npos) << seen;
  ASSERT_TRUE(step("help\r", "add-coordinator ID KREIS")) << seen;
  ASSERT_TRUE(step("capacity K-15089-1 +1\r", "24 -> 25")) << seen;
  // Up arrow: the last line again from history, then Enter runs it once more.
  ASSERT_TRUE(step("\x1b[A\r", "25 -> 26")) << seen;
  const std::string quit = "\x04";  // Ctrl-D on an empty line ends the session
  ASSERT_TRUE(WaitForRawMode(fd));
  ASSERT_EQ(write(fd, quit.data(), quit.size()), 1);
  guard.pid = -1;
  const int status = WaitOrKill(pid);
  close(fd);
  EXPECT_TRUE(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "status " << status << "; the terminal showed:\n"
      << seen;
  EXPECT_TRUE(std::filesystem::exists(home / ".jobmatch_whatif_history"));
  std::filesystem::remove_all(home);
}

}  // namespace

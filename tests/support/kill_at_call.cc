// tests/support/kill_at_call.cc
//
// An LD_PRELOAD library for crash tests: it counts the calls a program makes
// that change files (write, writev, fclose, pwrite, pwrite64, fsync,
// fdatasync, unlink, rename, renameat, and syscall(SYS_renameat2), the
// atomic folder swap) and
// kills the process with SIGKILL just before the Nth of them, so a test can
// stop a run at every point where a file changes, not only where a timer
// happens to fall.
//
//   JOBMATCH_KILL_AT_CALL=N   SIGKILL before the Nth counted call (1-based)
//   JOBMATCH_CALL_LOG=FILE    on exit, write one line per counted call
//                             ("<n> <function>") to FILE
//
// Calls glibc makes internally (printf's own writes) are not seen; every
// call through the dynamic linker (libstdc++'s file streams, SQLite's VFS)
// is. Example (tests/store/killed_run_test.cc):
//   LD_PRELOAD=libkill_at_call.so JOBMATCH_KILL_AT_CALL=17 jobmatch run ...

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

namespace {

std::atomic<long> g_calls{0};
std::atomic<bool> g_writing_log{false};  // the log's own calls are not counted

long KillAt() {
  static const long at = [] {
    const char* value = std::getenv("JOBMATCH_KILL_AT_CALL");
    return value != nullptr ? std::atol(value) : 0L;
  }();
  return at;
}

// Never destroyed: calls made while the program exits are still counted.
std::mutex& LogMutex() {
  static auto* mutex = new std::mutex;
  return *mutex;
}

std::vector<std::string>& Log() {
  static auto* log = new std::vector<std::string>;
  return *log;
}

void Count(const char* function) {
  if (g_writing_log) return;
  const long n = ++g_calls;
  if (n == KillAt()) ::kill(::getpid(), SIGKILL);
  if (std::getenv("JOBMATCH_CALL_LOG") != nullptr) {
    const std::lock_guard<std::mutex> lock(LogMutex());
    Log().push_back(std::to_string(n) + " " + function);
  }
}

template <typename F>
F Next(const char* name) {
  return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}

struct WriteLogAtExit {
  ~WriteLogAtExit() {
    const char* file = std::getenv("JOBMATCH_CALL_LOG");
    if (file == nullptr) return;
    g_writing_log = true;
    std::FILE* out = std::fopen(file, "w");
    if (out == nullptr) return;
    const std::lock_guard<std::mutex> lock(LogMutex());
    for (const std::string& line : Log()) std::fprintf(out, "%s\n", line.c_str());
    std::fclose(out);
  }
} g_write_log_at_exit;

}  // namespace

// The wrappers keep libc's signatures; their parameter names are ours.
// NOLINTBEGIN(readability-inconsistent-declaration-parameter-name)
extern "C" {

ssize_t write(int fd, const void* buffer, size_t n) {
  static const auto real = Next<ssize_t (*)(int, const void*, size_t)>("write");
  Count("write");
  return real(fd, buffer, n);
}

ssize_t writev(int fd, const struct iovec* parts, int count) {
  static const auto real = Next<ssize_t (*)(int, const struct iovec*, int)>("writev");
  Count("writev");
  return real(fd, parts, count);
}

int fclose(std::FILE* file) {
  static const auto real = Next<int (*)(std::FILE*)>("fclose");
  Count("fclose");
  return real(file);
}

ssize_t pwrite(int fd, const void* buffer, size_t n, off_t offset) {
  static const auto real = Next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  Count("pwrite");
  return real(fd, buffer, n, offset);
}

ssize_t pwrite64(int fd, const void* buffer, size_t n, off64_t offset) {
  static const auto real = Next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
  Count("pwrite64");
  return real(fd, buffer, n, offset);
}

int fsync(int fd) {
  static const auto real = Next<int (*)(int)>("fsync");
  Count("fsync");
  return real(fd);
}

int fdatasync(int fd) {
  static const auto real = Next<int (*)(int)>("fdatasync");
  Count("fdatasync");
  return real(fd);
}

int unlink(const char* path) {
  static const auto real = Next<int (*)(const char*)>("unlink");
  Count("unlink");
  return real(path);
}

int rename(const char* from, const char* to) {
  static const auto real = Next<int (*)(const char*, const char*)>("rename");
  Count("rename");
  return real(from, to);
}

int renameat(int from_dir, const char* from, int to_dir, const char* to) {
  static const auto real = Next<int (*)(int, const char*, int, const char*)>("renameat");
  Count("renameat");
  return real(from_dir, from, to_dir, to);
}

long syscall(long number, ...) {  // NOLINT(cert-dcl50-cpp): must match libc's syscall()
  static const auto real = Next<long (*)(long, ...)>("syscall");
  va_list args;
  va_start(args, number);
  long a[6];
  for (long& value : a) value = va_arg(args, long);
  va_end(args);
#ifdef SYS_renameat2
  if (number == SYS_renameat2) Count("renameat2");
#endif
  return real(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

}  // extern "C"
// NOLINTEND(readability-inconsistent-declaration-parameter-name)

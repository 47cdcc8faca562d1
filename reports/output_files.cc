#include "reports/output_files.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <string>
#include <system_error>

#include "engine/check.h"
#include "reports/reasons_de.h"

namespace jobmatch::reports {
namespace {

namespace fs = std::filesystem;

// Linux's flag for renameat2(): swap two existing paths atomically.
constexpr unsigned kRenameExchange = 1U << 1;

Error WriteError(const fs::path& path, const std::string& what) {
  return MakeError(ErrorKind::kCannotWrite, path.string(), 0, "", "", what);
}

// ".<name>.<tag>-<pid>" next to `target`: a hidden sibling on the same file
// system (so renames are atomic) that says which process made it.
std::string SiblingPrefix(const fs::path& target, std::string_view tag) {
  return "." + target.filename().string() + "." + std::string(tag) + "-";
}

fs::path SiblingName(const fs::path& target, std::string_view tag) {
  return target.parent_path() /
         (SiblingPrefix(target, tag) + std::to_string(static_cast<long>(::getpid())));
}

bool ProcessAlive(long pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// Removes the siblings of `target` named ".<name>.<tag>-<pid>" whose process
// is gone: what a run killed before it could clean up left behind. Siblings
// of live processes (a run going on now) are left alone.
void RemoveStaleSiblings(const fs::path& target, std::string_view tag) {
  const std::string prefix = SiblingPrefix(target, tag);
  std::error_code ec;
  fs::directory_iterator it(target.parent_path(), ec);
  if (ec) return;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return;
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    if (ProcessAlive(std::stol(digits))) continue;
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

// Swaps two existing paths in one step (Linux renameat2 RENAME_EXCHANGE).
// Returns 0 or an errno value: ENOSYS/EINVAL where the kernel or file system
// cannot, ENOENT when one of them does not exist.
int ExchangePaths(const fs::path& a, const fs::path& b) {
#ifdef SYS_renameat2
  if (::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), kRenameExchange) == 0) {
    return 0;
  }
  return errno;
#else
  (void)a;
  (void)b;
  (void)kRenameExchange;
  return ENOSYS;
#endif
}

// `path` made absolute with '.', '..' and symbolic links resolved as the
// kernel would, without a trailing separator; empty if it names no folder
// that could be replaced (the root).
fs::path NormalTarget(const fs::path& path, std::error_code& ec) {
  fs::path normal = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return {};
  if (!normal.has_filename()) normal = normal.parent_path();
  if (!normal.has_filename() || normal == normal.root_path()) return {};
  return normal;
}

}  // namespace

std::optional<Error> WriteFileAtomically(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  const fs::path target = NormalTarget(path, ec);
  if (target.empty()) return WriteError(path, "not a file name");
  const fs::path temp = SiblingName(target, "tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return WriteError(path, "cannot create file");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temp, ignored);
      return WriteError(path, "cannot write file (disk full?)");
    }
  }
  fs::rename(temp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    return WriteError(path, "cannot replace file: " + ec.message());
  }
  RemoveStaleSiblings(target, "tmp");
  return std::nullopt;
}

ScratchFolder::ScratchFolder(const fs::path& fallback) {
  static constexpr const char* kMemoryFolder = "/dev/shm";
  const fs::path parent =
      ::access(kMemoryFolder, W_OK | X_OK) == 0 ? fs::path(kMemoryFolder) : fallback;
  const fs::path base = parent / "jobmatch";
  RemoveStaleSiblings(base, "scratch");
  const fs::path folder = SiblingName(base, "scratch");
  std::error_code ec;
  fs::remove_all(folder, ec);
  if (fs::create_directory(folder, ec) && !ec) path_ = folder;
}

ScratchFolder::~ScratchFolder() {
  if (path_.empty()) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

StagedDirectory::StagedDirectory(fs::path target, std::string marker)
    : requested_(std::move(target)) {
  if (!marker.empty()) markers_.push_back(std::move(marker));
}

StagedDirectory::StagedDirectory(fs::path target, std::vector<std::string> markers)
    : requested_(std::move(target)), markers_(std::move(markers)) {}

StagedDirectory::~StagedDirectory() {
  if (!committed_ && !staging_.empty()) {
    std::error_code ignored;
    fs::remove_all(staging_, ignored);
  }
  Finish();
}

std::optional<Error> StagedDirectory::Begin() {
  std::error_code ec;
  target_ = NormalTarget(requested_, ec);
  if (ec) return WriteError(requested_, "cannot resolve the folder: " + ec.message());
  if (target_.empty()) return WriteError(requested_, "is not a folder that can be replaced");
  const fs::file_status status = fs::status(target_, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) return WriteError(requested_, "exists and is not a folder");
    const bool marked = std::any_of(markers_.begin(), markers_.end(), [&](const std::string& m) {
      return fs::exists(target_ / m, ec);
    });
    if (!markers_.empty() && !marked && !fs::is_empty(target_, ec)) {
      std::string names;
      for (const std::string& m : markers_) names += (names.empty() ? "" : " or ") + m;
      return WriteError(requested_,
                        "is a folder with other files and no " + names +
                            ": not an earlier output, so it is not replaced");
    }
  }
  const fs::path parent = target_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) return WriteError(parent, "cannot create folder: " + ec.message());
  RemoveStaleSiblings(target_, "staging");
  RemoveStaleSiblings(target_, "old");
  staging_ = SiblingName(target_, "staging");
  fs::remove_all(staging_, ec);
  fs::create_directory(staging_, ec);
  if (ec) {
    const fs::path failed = staging_;
    staging_.clear();
    return WriteError(failed, "cannot create staging folder: " + ec.message());
  }
  return std::nullopt;
}

std::optional<Error> StagedDirectory::WriteFile(const std::string& name, std::string_view bytes) {
  const fs::path path = staging_ / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return WriteError(requested_ / name, "cannot create file");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) return WriteError(requested_ / name, "cannot write file (disk full?)");
  return std::nullopt;
}

std::optional<Error> StagedDirectory::Commit() {
  if (auto error = Swap()) return error;
  Finish();
  return std::nullopt;
}

std::optional<Error> StagedDirectory::Swap() {
  std::error_code ec;
  const int exchanged = ExchangePaths(staging_, target_);
  if (exchanged == 0) {
    // The staging name now holds the previous output.
    committed_ = true;
    previous_ = staging_;
    return std::nullopt;
  }
  if (exchanged == ENOENT && !fs::exists(target_, ec)) {
    fs::rename(staging_, target_, ec);
    if (ec) return WriteError(requested_, "cannot move the new output into place: " + ec.message());
    committed_ = true;
    return std::nullopt;
  }
  if (exchanged != ENOSYS && exchanged != EINVAL) {
    return WriteError(requested_,
                      "cannot swap in the new output: " +
                          std::error_code(exchanged, std::generic_category()).message());
  }
  // No atomic exchange on this kernel or file system: move the previous
  // output aside, then the new one into place. --out is missing for a moment.
  const fs::path old = SiblingName(target_, "old");
  fs::remove_all(old, ec);
  fs::rename(target_, old, ec);
  if (ec) return WriteError(requested_, "cannot move the previous output aside: " + ec.message());
  fs::rename(staging_, target_, ec);
  if (ec) {
    std::error_code ignored;
    fs::rename(old, target_, ignored);  // put the last good output back
    return WriteError(requested_, "cannot move the new output into place: " + ec.message());
  }
  committed_ = true;
  previous_ = old;
  return std::nullopt;
}

std::optional<Error> StagedDirectory::Restore() {
  JOBMATCH_CHECK(committed_) << "Restore() without Swap()";
  std::error_code ec;
  if (previous_.empty()) {
    // There was no previous output: take the new one away again.
    fs::rename(target_, staging_, ec);
    if (ec) return WriteError(requested_, "cannot take back the new output: " + ec.message());
  } else if (ExchangePaths(previous_, target_) != 0) {
    const fs::path aside = SiblingName(target_, "staging");
    fs::rename(target_, aside, ec);
    if (!ec) fs::rename(previous_, target_, ec);
    if (ec) return WriteError(requested_, "cannot put the previous output back: " + ec.message());
    previous_ = aside;
  }
  // previous_ (or staging_) now holds the new output: removed as not committed.
  if (!previous_.empty()) staging_ = previous_;
  previous_.clear();
  committed_ = false;
  return std::nullopt;
}

void StagedDirectory::Finish() {
  if (previous_.empty()) return;
  std::error_code ec;
  fs::remove_all(previous_, ec);
  previous_.clear();
}

Error StagedDirectory::InTarget(Error error) const {
  if (staging_.empty()) return error;
  const std::string staging = staging_.string();
  for (Diagnostic& diagnostic : error.diagnostics) {
    if (diagnostic.file.compare(0, staging.size(), staging) == 0) {
      diagnostic.file = (requested_ / fs::path(diagnostic.file).lexically_relative(staging_))
                            .lexically_normal()
                            .string();
    }
  }
  return error;
}

namespace {
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
}  // namespace

SpreadsheetWriter::SpreadsheetWriter() : bytes_(kByteOrderMark) {}

SpreadsheetWriter::SpreadsheetWriter(std::ostream& sink) : bytes_(kByteOrderMark), sink_(&sink) {
  bytes_.reserve(kBlockBytes + 4096);
}

bool SpreadsheetWriter::Flush() {
  if (sink_ == nullptr) return true;
  sink_->write(bytes_.data(), static_cast<std::streamsize>(bytes_.size()));
  bytes_.clear();
  return static_cast<bool>(*sink_);
}

void SpreadsheetWriter::Separator() {
  if (row_started_) bytes_ += ';';
  row_started_ = true;
}

void SpreadsheetWriter::Text(std::string_view cell) {
  Separator();
  // A cell starting with one of these is read as a formula by spreadsheet
  // programs (CSV injection); a leading apostrophe shows it as text.
  const bool defuse = !cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' ||
                                        cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r');
  const bool quote = std::any_of(cell.begin(), cell.end(), [](char c) {
    return c == ';' || c == '"' || c == '\r' || c == '\n';
  });
  if (quote) bytes_ += '"';
  if (defuse) bytes_ += '\'';
  if (!quote) {
    bytes_ += cell;
    return;
  }
  for (const char c : cell) {
    if (c == '"') bytes_ += '"';
    bytes_ += c;
  }
  bytes_ += '"';
}

void SpreadsheetWriter::Number(double value, int decimals) {
  Separator();
  bytes_ += DecimalDe(value, decimals);
}

void SpreadsheetWriter::Integer(int64_t value) {
  Separator();
  bytes_ += std::to_string(value);
}

void SpreadsheetWriter::Day(Date date) {
  Separator();
  bytes_ += FormatDateDe(date);
}

void SpreadsheetWriter::Empty() {
  Separator();
}

void SpreadsheetWriter::EndRow() {
  bytes_ += "\r\n";
  row_started_ = false;
  // A failed sink is reported by the final Flush(); rows after it are dropped.
  if (sink_ != nullptr && bytes_.size() >= kBlockBytes) (void)Flush();
}

}  // namespace jobmatch::reports

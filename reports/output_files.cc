#include "reports/output_files.h"

#include <unistd.h>

#include <fstream>
#include <string>
#include <system_error>

#include "reports/reasons_de.h"

namespace jobmatch::reports {
namespace {

Error WriteError(const std::filesystem::path& path, const std::string& what) {
  return MakeError(ErrorKind::kCannotWrite, path.string(), 0, "", "", what);
}

std::filesystem::path SiblingName(const std::filesystem::path& target, const char* tag) {
  std::filesystem::path parent = target.parent_path();
  if (parent.empty()) parent = ".";
  const std::string name = "." + target.filename().string() + "." + tag + "-" +
                           std::to_string(static_cast<long>(::getpid()));
  return parent / name;
}

}  // namespace

std::optional<Error> WriteFileAtomically(const std::filesystem::path& path,
                                         std::string_view bytes) {
  const std::filesystem::path temp = SiblingName(path, "tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return WriteError(path, "cannot create file");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return WriteError(path, "cannot write file (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return WriteError(path, "cannot replace file: " + ec.message());
  }
  return std::nullopt;
}

StagedDirectory::StagedDirectory(std::filesystem::path target) : target_(std::move(target)) {}

StagedDirectory::~StagedDirectory() {
  if (!committed_ && !staging_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(staging_, ignored);
  }
}

std::optional<Error> StagedDirectory::Begin() {
  std::error_code ec;
  if (std::filesystem::exists(target_, ec) && !std::filesystem::is_directory(target_, ec)) {
    return WriteError(target_, "exists and is not a folder");
  }
  std::filesystem::path parent = target_.parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
    if (ec) return WriteError(parent, "cannot create folder: " + ec.message());
  }
  staging_ = SiblingName(target_, "staging");
  std::filesystem::remove_all(staging_, ec);
  std::filesystem::create_directory(staging_, ec);
  if (ec) {
    const std::filesystem::path failed = staging_;
    staging_.clear();
    return WriteError(failed, "cannot create staging folder: " + ec.message());
  }
  return std::nullopt;
}

std::optional<Error> StagedDirectory::WriteFile(const std::string& name, std::string_view bytes) {
  const std::filesystem::path path = staging_ / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return WriteError(target_ / name, "cannot create file");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) return WriteError(target_ / name, "cannot write file (disk full?)");
  return std::nullopt;
}

std::optional<Error> StagedDirectory::Commit() {
  std::error_code ec;
  const std::filesystem::path old = SiblingName(target_, "old");
  const bool had_target = std::filesystem::exists(target_, ec);
  if (had_target) {
    std::filesystem::remove_all(old, ec);
    std::filesystem::rename(target_, old, ec);
    if (ec) return WriteError(target_, "cannot move the previous output aside: " + ec.message());
  }
  std::filesystem::rename(staging_, target_, ec);
  if (ec) {
    if (had_target) {
      std::error_code ignored;
      std::filesystem::rename(old, target_, ignored);  // put the last good output back
    }
    return WriteError(target_, "cannot move the new output into place: " + ec.message());
  }
  committed_ = true;
  if (had_target) std::filesystem::remove_all(old, ec);
  return std::nullopt;
}

SpreadsheetWriter::SpreadsheetWriter() : bytes_("\xEF\xBB\xBF") {}

void SpreadsheetWriter::Separator() {
  if (row_started_) bytes_ += ';';
  row_started_ = true;
}

void SpreadsheetWriter::Text(std::string_view cell) {
  Separator();
  std::string value;
  // A cell starting with one of these is read as a formula by spreadsheet
  // programs (CSV injection); a leading apostrophe shows it as text.
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    value = "'";
  }
  value.append(cell);
  const bool quote = value.find_first_of(";\"\r\n") != std::string::npos;
  if (!quote) {
    bytes_ += value;
    return;
  }
  bytes_ += '"';
  for (char c : value) {
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

void SpreadsheetWriter::Empty() {
  Separator();
}

void SpreadsheetWriter::EndRow() {
  bytes_ += "\r\n";
  row_started_ = false;
}

}  // namespace jobmatch::reports

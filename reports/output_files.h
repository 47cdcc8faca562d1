// reports/output_files.h
//
// Writing output so that a failed run never leaves half-written files:
// StagedDirectory collects files in a temporary sibling folder and Commit()
// swaps it into place by rename, so the last good output stays untouched
// until the new one is complete. SpreadsheetWriter writes CSV that opens
// cleanly in German Excel: UTF-8 with BOM, ';' separators, CRLF, decimal
// commas, and text cells that start with = + - @ made harmless (prefixed with
// an apostrophe) so a crafted id or title cannot run as a formula.
//
// Example:
//   StagedDirectory out(args.out);
//   if (auto error = out.Begin()) return Fail(*error);
//   SpreadsheetWriter csv;
//   csv.Text("Teilnehmer"); csv.EndRow();
//   if (auto error = out.WriteFile("proposals.csv", csv.bytes())) return Fail(*error);
//   if (auto error = out.Commit()) return Fail(*error);

#ifndef JOBMATCH_REPORTS_OUTPUT_FILES_H_
#define JOBMATCH_REPORTS_OUTPUT_FILES_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace jobmatch::reports {

class StagedDirectory {
 public:
  explicit StagedDirectory(std::filesystem::path target);
  ~StagedDirectory();  // removes the staging folder unless committed
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  // Creates the staging folder next to the target (kCannotWrite on failure).
  [[nodiscard]] std::optional<Error> Begin();
  const std::filesystem::path& staging() const { return staging_; }
  // Writes `name` inside the staging folder.
  [[nodiscard]] std::optional<Error> WriteFile(const std::string& name, std::string_view bytes);
  // Replaces the target folder by the staging folder.
  [[nodiscard]] std::optional<Error> Commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

// Writes `bytes` to `path` through a temporary file in the same folder and a
// rename (kCannotWrite on failure).
[[nodiscard]] std::optional<Error> WriteFileAtomically(const std::filesystem::path& path,
                                                       std::string_view bytes);

class SpreadsheetWriter {
 public:
  SpreadsheetWriter();                      // starts with the UTF-8 byte order mark
  void Text(std::string_view cell);         // quoted when needed, formulas defused
  void Number(double value, int decimals);  // decimal comma
  void Integer(int64_t value);
  void Empty();
  void EndRow();
  const std::string& bytes() const { return bytes_; }

 private:
  void Separator();
  std::string bytes_;
  bool row_started_ = false;
};

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_OUTPUT_FILES_H_

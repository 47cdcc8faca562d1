// reports/output_files.h
//
// Writing output so that a failed or killed run never leaves half-written
// files: StagedDirectory collects files in a sibling folder and Commit()
// swaps it into place in one step, so the last good output stays untouched
// until the new one is complete and the path never lacks a complete output. SpreadsheetWriter
// writes CSV that opens cleanly in German Excel: UTF-8 with BOM, ';' separators, CRLF, decimal
// commas, and text cells that start with = + - @ made harmless (prefixed with
// an apostrophe) so a crafted id or title cannot run as a formula.
// ScratchFolder holds a process's short-lived scratch files and is removed
// with them, also when the process was killed (by the next one).
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

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"
#include "reports/cell_writer.h"

namespace jobmatch::reports {

class StagedDirectory {
 public:
  // `target` may be relative, end in '/' and hold '.' or '..'; Begin() makes
  // it absolute and resolves it as the kernel would. `marker`, if not empty,
  // names a file every output of this kind holds ("jobmatch.json"): an
  // existing folder with other files and without it is not replaced, so a
  // mistyped --out never deletes somebody's folder.
  explicit StagedDirectory(std::filesystem::path target, std::string marker = "");
  // As above, with any of several markers ({"jobmatch.json", "jobmatch.pb"}).
  StagedDirectory(std::filesystem::path target, std::vector<std::string> markers);
  ~StagedDirectory();  // removes the staging folder unless committed
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  // Creates the staging folder ".<name>.staging-<pid>" next to the target,
  // after removing the staging folders of runs whose process is gone
  // (kCannotWrite on failure).
  [[nodiscard]] std::optional<Error> Begin();
  const std::filesystem::path& staging() const { return staging_; }
  // Writes `name` inside the staging folder.
  [[nodiscard]] std::optional<Error> WriteFile(const std::string& name, std::string_view bytes);
  // Puts the staging folder in the target's place. An existing target is
  // swapped with it in one step (Linux renameat2 RENAME_EXCHANGE), so the
  // target path always holds a complete output, then removed; where the file
  // system cannot swap, it is moved aside first.
  [[nodiscard]] std::optional<Error> Commit();
  // Commit() in two steps, for a run that must also commit elsewhere (the
  // run store): Swap() puts the new output in place and keeps the previous
  // one aside; Restore() puts the previous one back (when the other commit
  // failed); Finish() removes it (also done by the destructor, and by the
  // next run if this process is killed in between).
  [[nodiscard]] std::optional<Error> Swap();
  [[nodiscard]] std::optional<Error> Restore();
  void Finish();
  // `error` from writing into staging() with its files named as they would
  // be in the target ("out/proposals_K.csv", not the hidden staging folder).
  [[nodiscard]] Error InTarget(Error error) const;

 private:
  std::filesystem::path requested_;   // as given, for messages
  std::vector<std::string> markers_;  // empty: any folder may be replaced
  std::filesystem::path target_;      // absolute and normal (Begin)
  std::filesystem::path staging_;
  bool committed_ = false;
  std::filesystem::path previous_;  // the previous output after Swap(), if any
};

// Writes `bytes` to `path` through a temporary file ".<name>.tmp-<pid>" in
// the same folder and a rename (kCannotWrite on failure); temporary files of
// processes that are gone are removed.
[[nodiscard]] std::optional<Error> WriteFileAtomically(const std::filesystem::path& path,
                                                       std::string_view bytes);

// A folder for this process's short-lived scratch files (libxlsxwriter's,
// each unlinked as soon as it is opened): ".jobmatch.scratch-<pid>" in
// /dev/shm when that is writable (creating and removing thousands of files
// costs far less in memory than on a disk's file system), else in
// `fallback`. Made by the constructor, after removing the scratch folders of
// processes that are gone (what a killed run left: at most empty files);
// removed with everything in it by the destructor. path() is empty if it
// could not be made (then scratch files go wherever the caller falls back).
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::filesystem::path& fallback);
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class SpreadsheetWriter final : public CellWriter {
 public:
  // In memory: bytes() holds the whole sheet.
  SpreadsheetWriter();
  // Streamed: finished rows go to `sink` in blocks of about kBlockBytes, so
  // memory stays flat however long the sheet; call Flush() at the end.
  explicit SpreadsheetWriter(std::ostream& sink);
  SpreadsheetWriter(const SpreadsheetWriter&) = delete;
  SpreadsheetWriter& operator=(const SpreadsheetWriter&) = delete;

  void Text(std::string_view cell) override;         // quoted when needed, formulas defused
  void Number(double value, int decimals) override;  // decimal comma; non-finite: empty cell
  void Integer(int64_t value) override;
  void Day(Date date) override;  // TT.MM.JJJJ, which German Excel reads as a date
  void Empty() override;
  void EndRow() override;
  // Streamed: writes what is buffered to the sink; false if the sink failed
  // (now or before). In memory: does nothing and returns true.
  [[nodiscard]] bool Flush();
  // In memory: the whole sheet so far, starting with the UTF-8 byte order
  // mark. Streamed: only what was not yet written to the sink.
  const std::string& bytes() const { return bytes_; }

  static constexpr size_t kBlockBytes = size_t{64} << 10;

 private:
  void Separator();
  std::string bytes_;
  std::ostream* sink_ = nullptr;
  bool row_started_ = false;
};

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_OUTPUT_FILES_H_

// reports/coordinator_sheets.h
//
// The spreadsheet each coordinator opens in the morning: one CSV file per
// coordinator (German Excel dialect, see reports/output_files.h), one block
// per participant in participant order: the proposal, or a "kein Vorschlag"
// line with the reason, then the alternatives by rank. The columns are one
// table in coordinator_sheets.cc (header and a function per column), so a
// column added is one line there.
//
// Example:
//   int files = 0;
//   if (auto error = WriteCoordinatorSheets(dataset, reference, set, staging, &files)) ...

#ifndef JOBMATCH_REPORTS_COORDINATOR_SHEETS_H_
#define JOBMATCH_REPORTS_COORDINATOR_SHEETS_H_

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/proposals.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch::reports {

// Writes the sheet of every coordinator of `dataset` into `dir` under the
// name SheetFileNames() gives it, one coordinator at a time and streamed (the
// memory a sheet takes does not grow with its length), and adds the number of
// files written to *files_written. kCannotWrite on failure.
// Precondition: `set` as MakeProposals() returns it (sorted by coordinator,
// then participant).
[[nodiscard]] std::optional<Error> WriteCoordinatorSheets(const Dataset& dataset,
                                                          const ReferenceData& reference,
                                                          const ProposalSet& set,
                                                          const std::filesystem::path& dir,
                                                          int* files_written);

// The longest stem taken from an id; with "proposals_", a hash and ".csv" a
// file name stays far below the 255 bytes file systems allow.
inline constexpr size_t kMaxSheetStemBytes = 100;

// The sheet's file name per coordinator (same order): "proposals_<id>.csv"
// when the id is a safe file name ([A-Za-z0-9_.-], not starting with '.', at
// most kMaxSheetStemBytes) and no other id differs from it only in case.
// Otherwise unsafe characters become '_', the stem is cut to
// kMaxSheetStemBytes and "-" and 8 hex digits of a hash of the raw id follow:
// "K/1" -> "proposals_K_1-1c3f5a2e.csv". Names are unique (also without
// regard to case), deterministic and under 140 bytes, for every id.
std::vector<std::string> SheetFileNames(const std::vector<Coordinator>& coordinators);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_COORDINATOR_SHEETS_H_

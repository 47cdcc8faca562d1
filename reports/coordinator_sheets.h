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

#include <filesystem>
#include <optional>
#include <string>

#include "engine/proposals.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch::reports {

// Writes proposals_<coordinator>.csv for every coordinator of `dataset` into
// `dir`, one coordinator at a time, and adds the number of files written to
// *files_written. kCannotWrite on failure.
[[nodiscard]] std::optional<Error> WriteCoordinatorSheets(const Dataset& dataset,
                                                          const ReferenceData& reference,
                                                          const ProposalSet& set,
                                                          const std::filesystem::path& dir,
                                                          int* files_written);

// "K-15089-1" -> "K-15089-1"; anything outside [A-Za-z0-9_.-] becomes '_'.
std::string SafeFileStem(const std::string& id);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_COORDINATOR_SHEETS_H_

// reports/coordinator_sheets.h
//
// The spreadsheet each coordinator opens in the morning, twice: a CSV file
// (German Excel dialect, see reports/output_files.h) and an xlsx workbook to
// print and work in (reports/xlsx_writer.h: real numbers and dates, frozen
// header, autofilter, a drop-down for Entscheidung, the coordinator and the
// run date on the sheet). Both hold one block per participant of that
// coordinator only, in participant order: the proposal, or a "kein
// Vorschlag" line with the reason, then the alternatives by rank. The columns
// are one table in coordinator_sheets.cc (header and a function per column,
// written once for both files), so a column added is one line there. The
// participants' extra columns (name, phone, notes: Participant::extra)
// follow, as written, on every line of the participant: their own
// coordinator's sheets are the only output that shows them.
//
// Example:
//   int files = 0;
//   if (auto error = WriteCoordinatorSheets(dataset, reference, set, date, staging, &files)) ...

#ifndef JOBMATCH_REPORTS_COORDINATOR_SHEETS_H_
#define JOBMATCH_REPORTS_COORDINATOR_SHEETS_H_

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/capacity.h"
#include "engine/proposals.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"
#include "reports/output_formats.h"

namespace jobmatch::reports {

// Writes the sheets of every coordinator of `dataset` into `dir` under the
// names SheetFileNames() and XlsxName() give them, one coordinator at a time
// and streamed (the memory a sheet takes does not grow with its length), and
// adds the number of files written to *files_written. `run_date` appears on
// the xlsx and is its creation date, so the bytes do not depend on the clock.
// The first row under the header (kind "Kapazität") says how the
// coordinator's capacity came about (`capacities`, by coordinator; empty:
// each as the coordinators file gives it). Coordinators are written on
// `num_threads` threads (0: all cores); the bytes are the same on any
// number. kCannotWrite on failure.
// Precondition: `set` as MakeProposals() returns it (sorted by coordinator,
// then participant).
[[nodiscard]] std::optional<Error> WriteCoordinatorSheets(
    const Dataset& dataset,
    const ReferenceData& reference,
    const ProposalSet& set,
    std::optional<Date> run_date,
    const std::filesystem::path& dir,
    int* files_written,
    const std::vector<CapacityDerivation>& capacities = {},
    int num_threads = 1,
    const OutputFormats& formats = {});

// `capacities` when it has one entry per coordinator, else each coordinator's
// capacity as the coordinators file gives it (derived = false).
std::vector<CapacityDerivation> CapacitiesOrGiven(
    const Dataset& dataset, const std::vector<CapacityDerivation>& capacities);

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

// The xlsx next to a sheet's CSV: "proposals_K-1.csv" -> "proposals_K-1.xlsx".
std::string XlsxName(std::string_view csv_name);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_COORDINATOR_SHEETS_H_

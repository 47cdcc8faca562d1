// reports/report_writer.h
//
// The files a run writes: one spreadsheet per coordinator listing each of
// their participants with the proposed vacancy, its score and parts, the
// alternatives and, for participants without a proposal, the reasons; and one
// JSON file with everything (run metrics, every proposal with parts and
// weighted contributions, every unplaced participant with exclusion counts).
// Each coordinator's capacity says how it came about (given in the
// coordinators file, or derived: engine/capacity.h), in the sheet's first
// row and in the JSON's coordinators[].capacity_source and
// capacity_derivation. No timings go into files, so the same input gives the
// same bytes.

#ifndef JOBMATCH_REPORTS_REPORT_WRITER_H_
#define JOBMATCH_REPORTS_REPORT_WRITER_H_

#include <filesystem>
#include <optional>
#include <string>

#include "config/config.h"
#include "engine/capacity.h"
#include "engine/proposals.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "reports/output_formats.h"

namespace jobmatch::reports {

// Writes proposals_<coordinator>.csv and .xlsx per coordinator and jobmatch.json into
// `dir` (the caller's staging folder), one coordinator at a time and the JSON
// streamed, so memory stays flat at the national tier; the sheets on
// `num_threads` threads (0: all cores). `formats` chooses the files (json,
// pb: jobmatch.pb of reports/results_pb.h, csv, xlsx; resolved, not "auto").
// kCannotWrite on failure.
[[nodiscard]] std::optional<Error> WriteRunReport(
    const Dataset& dataset,
    const ReferenceData& reference,
    const EngineConfig& config,
    const ProposalSet& set,
    const std::string& run_date,
    const std::filesystem::path& dir,
    int* files_written,
    const std::vector<CapacityDerivation>& capacities = {},
    int num_threads = 1,
    const OutputFormats& formats = {});

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_REPORT_WRITER_H_

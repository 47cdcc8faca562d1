// jobmatch record: reads the decisions coordinators wrote into their sheets
// (Entscheidung, Datum, Notiz) and records them in the run store, all or
// nothing: any decision that does not match a proposal or alternative of an
// earlier run is an error naming file and line, and nothing is recorded.
// Recording the same sheet again changes nothing.

#include <cstdio>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "store/decision_sheet.h"
#include "store/run_store.h"

namespace jobmatch::cli {

int RunRecord(const RecordArgs& args) {
  std::vector<store::SheetDecision> decisions;
  Error problems;
  problems.kind = ErrorKind::kBadData;
  for (const std::filesystem::path& sheet : args.sheets) {
    Result<std::vector<store::SheetDecision>> read = store::ReadDecisionSheet(sheet);
    if (!read.ok()) {
      if (read.error().kind != ErrorKind::kBadData) {
        return ReportError("cannot read the decision sheet", read.error());
      }
      problems.diagnostics.insert(problems.diagnostics.end(),
                                  read.error().diagnostics.begin(),
                                  read.error().diagnostics.end());
      continue;
    }
    decisions.insert(decisions.end(), read.value().begin(), read.value().end());
  }
  if (!problems.diagnostics.empty()) {
    return ReportError("invalid decisions (nothing recorded)", problems);
  }
  Result<store::RunStore> opened = store::RunStore::Open(args.store);
  if (!opened.ok()) return ReportError("cannot use the run store", opened.error());
  Result<store::RecordSummary> recorded = opened.value().RecordDecisions(decisions);
  if (!recorded.ok()) {
    return ReportError(recorded.error().kind == ErrorKind::kBadData
                           ? "invalid decisions (nothing recorded)"
                           : "cannot record the decisions",
                       recorded.error());
  }
  std::printf("jobmatch record: %zu sheet%s, %d decision%s recorded, %d already in %s\n",
              args.sheets.size(),
              args.sheets.size() == 1 ? "" : "s",
              recorded.value().recorded,
              recorded.value().recorded == 1 ? "" : "s",
              recorded.value().unchanged,
              args.store.string().c_str());
  return 0;
}

}  // namespace jobmatch::cli

// jobmatch prune: retention for the run store. Deletes the per-pair rows
// (proposals, alternatives, follow-up lists) of the runs dated before
// --date minus --keep-days, in one transaction, and marks those runs pruned;
// the run rows (date, version, config, input hashes, counts, capacities)
// stay forever. Never pruned: what the next `jobmatch run --store` reads (the
// newest run, and the run before it for a rerun of the newest night) and
// every proposal row of a pair a decision refers to (store/run_store.h).
// Prints what it removed and how many pages SQLite can now reuse; the file
// keeps its size unless --vacuum rebuilds it.

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "store/run_store.h"

namespace jobmatch::cli {

int RunPrune(const PruneArgs& args) {
  if (args.keep_days < 1) {
    return ReportError("bad arguments",
                       MakeError(ErrorKind::kUsage,
                                 "",
                                 0,
                                 "--keep-days",
                                 std::to_string(args.keep_days),
                                 "expected a number of days of at least 1"));
  }
  int exit_code = 0;
  const std::optional<Date> today = RunDateFromFlag(args.date, &exit_code);
  if (!today) return exit_code;
  std::optional<store::RunStore> opened = OpenExistingStore(args.store, &exit_code);
  if (!opened) return exit_code;
  store::RunStore& db = *opened;
  const Date cutoff{today->days - args.keep_days};
  Result<store::PruneSummary> pruned = db.Prune(cutoff, *today);
  if (!pruned.ok()) return ReportError("cannot prune the run store", pruned.error());
  const store::PruneSummary& s = pruned.value();
  std::printf(
      "jobmatch prune: runs dated before %s: %d run%s pruned, %lld proposal and alternative "
      "rows and %lld follow-up rows deleted, %lld rows kept for decisions\n",
      FormatDate(cutoff).c_str(),
      s.runs,
      s.runs == 1 ? "" : "s",
      static_cast<long long>(s.proposals_deleted),
      static_cast<long long>(s.follow_up_deleted),
      static_cast<long long>(s.decided_rows_kept));
  const double freed_mib =
      static_cast<double>(s.freed_pages) * static_cast<double>(s.page_size) / (1024.0 * 1024.0);
  if (!args.vacuum) {
    std::printf(
        "jobmatch prune: %lld pages (%.1f MiB) freed in %s; SQLite reuses them for the next "
        "runs (--vacuum gives them back to the disk)\n",
        static_cast<long long>(s.freed_pages),
        freed_mib,
        args.store.string().c_str());
    return 0;
  }
  std::error_code ec;
  const auto bytes_before = std::filesystem::file_size(args.store, ec);
  if (auto error = db.Vacuum()) return ReportError("cannot vacuum the run store", *error);
  const auto bytes_after = std::filesystem::file_size(args.store, ec);
  std::printf("jobmatch prune: %lld pages (%.1f MiB) freed; vacuumed %s: %.1f MiB -> %.1f MiB\n",
              static_cast<long long>(s.freed_pages),
              freed_mib,
              args.store.string().c_str(),
              static_cast<double>(bytes_before) / (1024.0 * 1024.0),
              static_cast<double>(bytes_after) / (1024.0 * 1024.0));
  return 0;
}

}  // namespace jobmatch::cli

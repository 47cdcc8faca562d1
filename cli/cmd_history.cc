// jobmatch history: what the run store holds, for people. --runs lists every
// run with the SHA-256 of its input files (so a past sheet can be traced to
// its data and config); otherwise the runs, then the proposals and the
// decisions, of one participant, one coordinator or everyone, and who is in
// follow-up after the latest run. A run whose per-pair rows `jobmatch prune`
// deleted says so. Coordinators' notes are never printed.

#include <cstdio>
#include <map>
#include <string>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "store/run_store.h"

namespace jobmatch::cli {
namespace {

const char* DecisionDe(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kAccepted:
      return "angenommen";
    case OutcomeKind::kRejected:
      return "abgelehnt";
    case OutcomeKind::kHired:
      return "eingestellt";
    case OutcomeKind::kDroppedOut:
      return "abgebrochen";
    case OutcomeKind::kProposed:
      break;
  }
  return "vorgeschlagen";
}

}  // namespace

int RunHistory(const HistoryArgs& args) {
  int exit_code = 0;
  const std::optional<store::RunStore> opened = OpenExistingStore(args.store, &exit_code);
  if (!opened) return exit_code;
  const store::RunStore& db = *opened;

  Result<std::vector<store::RunSummary>> runs = db.Runs();
  if (!runs.ok()) return ReportError("cannot read the run store", runs.error());
  std::printf("runs in %s\n", args.store.string().c_str());
  std::printf("  %-4s %-10s %-8s %9s %9s %9s %9s  %s\n",
              "run",
              "date",
              "version",
              "particip.",
              "openings",
              "proposals",
              "unplaced",
              "data");
  for (const store::RunSummary& r : runs.value()) {
    std::printf("  %-4lld %-10s %-8s %9lld %9lld %9lld %9lld  %s\n",
                static_cast<long long>(r.run_id),
                FormatDate(r.run_date).c_str(),
                r.program_version.c_str(),
                static_cast<long long>(r.metrics.participants),
                static_cast<long long>(r.metrics.openings),
                static_cast<long long>(r.metrics.proposals),
                static_cast<long long>(r.metrics.unplaced),
                r.data.c_str());
    if (r.pruned_on) {
      std::printf("       proposals pruned on %s (kept: only the pairs with a decision)\n",
                  FormatDate(*r.pruned_on).c_str());
    }
    for (const store::StoredCapacity& c : r.capacities) {
      if (!args.coordinator.empty() && c.coordinator_id != args.coordinator) continue;
      std::printf(
          "       %-12s capacity %lld (%s), taken on this year %lld, in follow-up %lld, "
          "held %lld\n",
          c.coordinator_id.c_str(),
          static_cast<long long>(c.capacity),
          c.derived ? "derived" : "given",
          static_cast<long long>(c.taken_on_this_year),
          static_cast<long long>(c.follow_up),
          static_cast<long long>(c.held));
    }
    if (args.runs) {
      for (const store::InputFile& input : r.inputs) {
        std::printf("         %s  %10lld  %s\n",
                    input.sha256.c_str(),
                    static_cast<long long>(input.bytes),
                    input.name.c_str());
      }
    }
  }
  if (args.runs) return 0;

  Result<std::vector<store::ProposalHistoryRow>> proposals =
      db.ProposalsOf(args.participant, args.coordinator);
  if (!proposals.ok()) return ReportError("cannot read the run store", proposals.error());
  Result<std::vector<store::DecisionRow>> decisions =
      db.Decisions(args.participant, args.coordinator);
  if (!decisions.ok()) return ReportError("cannot read the run store", decisions.error());

  // Proposals: one line per participant and run (the proposal, then the
  // alternatives); with no filter, only the proposals.
  const bool all = args.participant.empty() && args.coordinator.empty();
  std::printf("\nproposals%s\n", all ? " (Vorschlag only; --participant ID for alternatives)" : "");
  std::string current;
  for (const store::ProposalHistoryRow& row : proposals.value()) {
    if (all && !row.proposal.assigned) continue;
    const std::string key = std::to_string(row.run_id) + "/" + row.proposal.participant_id;
    if (key != current) {
      if (!current.empty()) std::printf("\n");
      current = key;
      std::printf("  run %-3lld %s  %-10s %-12s",
                  static_cast<long long>(row.run_id),
                  FormatDate(row.run_date).c_str(),
                  row.proposal.coordinator_id.c_str(),
                  row.proposal.participant_id.c_str());
    }
    std::printf(" %s%s (%.3f)",
                row.proposal.assigned ? "Vorschlag " : "",
                row.proposal.vacancy_id.c_str(),
                row.proposal.score);
  }
  if (!current.empty()) std::printf("\n");

  std::printf("\ndecisions\n");
  if (decisions.value().empty()) std::printf("  (none)\n");
  for (const store::DecisionRow& d : decisions.value()) {
    std::printf("  %s  %-10s %-12s %-12s %-12s (proposed in run %lld; from %s)\n",
                FormatDate(d.date).c_str(),
                d.coordinator_id.c_str(),
                d.participant_id.c_str(),
                d.vacancy_id.c_str(),
                DecisionDe(d.kind),
                static_cast<long long>(d.run_id),
                d.source.c_str());
  }

  Result<std::vector<store::FollowUpEntry>> follow_up = db.FollowUpOfLastRun(args.coordinator);
  if (!follow_up.ok()) return ReportError("cannot read the run store", follow_up.error());
  std::printf("\nin follow-up after the latest run\n");
  int shown = 0;
  for (const store::FollowUpEntry& f : follow_up.value()) {
    if (!args.participant.empty() && f.participant_id != args.participant) continue;
    std::printf("  %-10s %-12s at %-12s until %s\n",
                f.coordinator_id.c_str(),
                f.participant_id.c_str(),
                f.vacancy_id.c_str(),
                FormatDate(f.until).c_str());
    ++shown;
  }
  if (shown == 0) std::printf("  (none)\n");
  return 0;
}

}  // namespace jobmatch::cli

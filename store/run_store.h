// store/run_store.h
//
// The run store: one SQLite file (`jobmatch run --store FILE`) that keeps
// every run (date, program version, config, a SHA-256 of every input file,
// the summary counts, every proposal and alternative with its score parts,
// how each coordinator's capacity came about) and every decision
// coordinators handed back (`jobmatch record`). It is an edge like a loader:
// it reads earlier runs and decisions into plain records (History,
// engine/decisions.h) and writes a finished run in one transaction. The
// engine never sees SQL.
//
// Contract.
//  * Atomic: RecordRun() and RecordDecisions() each run in one transaction
//    (BEGIN IMMEDIATE ... COMMIT, rollback journal, synchronous=FULL): a
//    process killed at any point leaves the store as it was before, or with
//    the whole run. RecordRun() runs a caller's step (the output swap)
//    inside the transaction, just before COMMIT.
//  * Versioned: PRAGMA user_version is the schema version; Open() applies the
//    numbered migrations (store/schema.h) an older store lacks, each in its
//    own transaction, and refuses a store newer than this program
//    (kCannotWrite, exit 73) or a file that is not a jobmatch store.
//  * Retention: Prune() deletes the per-pair rows of old runs in one
//    transaction and marks those runs pruned; the run rows stay. It never
//    touches what the next `jobmatch run` reads (ReadHistory: the decisions
//    and the latest run before the run date) or what `jobmatch record` of a
//    current sheet needs: the newest run, the latest run before the newest
//    run's date (a rerun of the newest night reads it) and the last recorded
//    run are never pruned, nor any proposal row of a pair with a decision.
//  * One thread at a time: a RunStore's connection is opened without
//    SQLite's own mutexes (SQLITE_OPEN_NOMUTEX); it may move between
//    threads (`jobmatch run` records on a thread of its own) but is never
//    used by two at once.
//  * Private notes: the Notiz cells of a sheet go only to the table
//    coordinator_notes, keyed by decision and coordinator; nothing in this
//    program prints them, and the shared views (shared_decisions,
//    shared_proposals) hold ids, decisions and numbers only.
//
// Example:
//   Result<RunStore> store = RunStore::Open("runs.sqlite");
//   if (!store.ok()) return ReportError(store.error());
//   Result<History> history = store.value().ReadHistory(run_date);
//   ...
//   if (auto error = store.value().RecordRun(record)) return ReportError(*error);

#ifndef JOBMATCH_STORE_RUN_STORE_H_
#define JOBMATCH_STORE_RUN_STORE_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/decisions.h"
#include "engine/proposals.h"
#include "engine/records.h"
#include "engine/result.h"

struct sqlite3;

namespace jobmatch::store {

struct InputFile {
  std::string name;    // file name within the dataset (or the config file's name)
  std::string sha256;  // lowercase hex
  int64_t bytes = 0;
};

// One line of a coordinator's sheet, by external ids, with its score parts.
struct StoredProposal {
  std::string coordinator_id;
  std::string participant_id;
  std::string vacancy_id;
  bool assigned = false;  // Vorschlag (true) or Alternative
  int32_t rank = 0;
  double score = 0.0;
  double skill = 0.0;
  double german = 0.0;
  double commute = 0.0;
  double micro = 0.0;
  double essential_coverage = 0.0;
  double optional_coverage = 0.0;
  double requirement_fit = 0.0;
  double distance_km = 0.0;
  double commute_minutes = 0.0;
  std::string bridge_course;  // course id, or empty
};

// How one coordinator's capacity came about in a run (engine/capacity.h).
struct StoredCapacity {
  std::string coordinator_id;
  int32_t capacity = 0;
  bool derived = false;  // false: the capacity column gave it
  double fte = 0.0;
  int32_t taken_on_this_year = 0;
  int32_t follow_up = 0;
  int32_t held = 0;  // accepted proposals holding their vacancy this run
};

struct FollowUpEntry {
  std::string coordinator_id;
  std::string participant_id;
  std::string vacancy_id;
  Date until;
};

struct RunRecord {
  Date run_date;
  std::string program_version;
  std::string data;    // --data as given
  std::string config;  // the config file's text; empty: this version's defaults
  std::vector<InputFile> inputs;
  RunMetrics metrics;
  std::vector<StoredProposal> proposals;
  std::vector<StoredCapacity> capacities;
  std::vector<FollowUpEntry> follow_up;
};

// The proposals and alternatives of `set` by external ids, listed by
// participant (in dataset order; each participant's lines in the set's
// order). Participants are usually numbered in file order, so the rows
// arrive nearly in the store's key order and its indexes grow at their
// right edge: about a tenth faster to record at the national tier.
std::vector<StoredProposal> StoredProposals(const Dataset& dataset, const ProposalSet& set);

// A decision read from a sheet, checked against the store before it is kept.
struct SheetDecision {
  std::string file;  // for diagnostics
  int64_t line = 0;
  std::string participant_id;
  std::string vacancy_id;
  OutcomeKind kind = OutcomeKind::kAccepted;
  std::optional<Date> date;  // empty: the date of the latest run that listed the pair
  std::string note;          // coordinator-private; never printed
};

struct RecordSummary {
  int32_t recorded = 0;   // new decisions
  int32_t unchanged = 0;  // already in the store (the same sheet recorded again)
};

struct RunSummary {
  int64_t run_id = 0;
  Date run_date;
  std::optional<Date> pruned_on;  // the day `jobmatch prune` deleted its per-pair rows
  std::string program_version;
  std::string data;
  RunMetrics metrics;
  std::vector<InputFile> inputs;
  std::vector<StoredCapacity> capacities;  // by coordinator id
};

struct ProposalHistoryRow {
  int64_t run_id = 0;
  Date run_date;
  StoredProposal proposal;
};

struct DecisionRow {
  int64_t decision_id = 0;
  std::string coordinator_id;
  std::string participant_id;
  std::string vacancy_id;
  OutcomeKind kind = OutcomeKind::kAccepted;
  Date date;
  int64_t run_id = 0;  // latest run that listed the pair when it was recorded
  std::string source;  // sheet file name
};

// What Prune() did.
struct PruneSummary {
  int32_t runs = 0;                  // runs newly marked pruned
  int64_t proposals_deleted = 0;     // proposal and alternative rows
  int64_t follow_up_deleted = 0;     // follow-up rows
  int64_t decided_rows_kept = 0;     // rows of those runs kept for a decision
  int64_t freed_pages = 0;           // pages now on SQLite's free list (reused by later runs)
  int64_t page_size = 0;             // bytes per page
  std::vector<int64_t> pruned_runs;  // their run ids, ascending
};

class RunStore {
 public:
  // Opens or creates the store and migrates it to the current schema.
  [[nodiscard]] static Result<RunStore> Open(const std::filesystem::path& file);
  // Opens an existing store for reading only (SQLite read-only: nothing is
  // ever written to the file, nor migrated). A missing file is kMissingInput;
  // a store of another schema version than this program's is refused.
  [[nodiscard]] static Result<RunStore> OpenReadOnly(const std::filesystem::path& file);
  ~RunStore();
  RunStore(RunStore&& other) noexcept;
  RunStore& operator=(RunStore&& other) noexcept;
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  // Every decision, and the latest run dated before `run_date`.
  [[nodiscard]] Result<History> ReadHistory(Date run_date) const;

  // Writes the run in one transaction; returns its run id. `before_commit`,
  // if given, runs inside the transaction after every row is written and
  // before COMMIT; an error from it rolls the run back and is returned
  // (`jobmatch run` swaps its output folder in there, so a run in the store
  // always has its output).
  [[nodiscard]] Result<int64_t> RecordRun(
      const RunRecord& record,
      const std::function<std::optional<Error>()>& before_commit = nullptr);

  // Checks every decision (the participant and the vacancy must appear in an
  // earlier run, the pair as a proposal or alternative) and, only if all
  // pass, records them in one transaction. A decision already in the store
  // (same pair, same word) is left as it is. Errors name file and line.
  [[nodiscard]] Result<RecordSummary> RecordDecisions(const std::vector<SheetDecision>& decisions);

  // Deletes, in one transaction, the proposal, alternative and follow-up rows
  // of every run dated before `cutoff` that is not pruned yet, except the
  // runs and rows the contract above protects, and marks those runs pruned
  // on `today`. Pruning again with the same cutoff changes nothing.
  [[nodiscard]] Result<PruneSummary> Prune(Date cutoff, Date today);

  // Rebuilds the file without its free pages (SQLite's VACUUM: needs about
  // the store's size again in free disk space while it runs).
  [[nodiscard]] std::optional<Error> Vacuum();

  // For `jobmatch history`.
  [[nodiscard]] Result<std::vector<RunSummary>> Runs() const;
  [[nodiscard]] Result<std::vector<ProposalHistoryRow>> ProposalsOf(
      const std::string& participant_id, const std::string& coordinator_id) const;
  [[nodiscard]] Result<std::vector<DecisionRow>> Decisions(const std::string& participant_id,
                                                           const std::string& coordinator_id) const;
  [[nodiscard]] Result<std::vector<FollowUpEntry>> FollowUpOfLastRun(
      const std::string& coordinator_id) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  RunStore(sqlite3* db, std::filesystem::path file);
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

// "angenommen"/"accepted", "abgelehnt"/"rejected", "eingestellt"/"hired",
// "abgebrochen"/"dropped_out" (also "dropped out"), any case; nullopt else.
std::optional<OutcomeKind> ParseDecisionWord(std::string_view word);

}  // namespace jobmatch::store

#endif  // JOBMATCH_STORE_RUN_STORE_H_

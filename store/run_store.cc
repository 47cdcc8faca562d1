#include "store/run_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "store/schema.h"

namespace jobmatch::store {
namespace {

Error StoreError(ErrorKind kind, const std::filesystem::path& file, const std::string& message) {
  return MakeError(kind, file.string(), 0, "", "", message);
}

Error SqlError(sqlite3* db, const std::filesystem::path& file, const char* what) {
  return StoreError(ErrorKind::kCannotWrite,
                    file,
                    std::string("a working run store (") + what + ": " + sqlite3_errmsg(db) + ")");
}

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return ok_; }
  void Bind(int i, const std::string& text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  // Text that outlives the statement's next Step (no copy).
  void BindStatic(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
  void Bind(int i, int64_t value) { sqlite3_bind_int64(stmt_, i, value); }
  void Bind(int i, double value) { sqlite3_bind_double(stmt_, i, value); }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  // For a loop that binds every parameter anew on each row.
  void ResetKeepingBindings() { sqlite3_reset(stmt_); }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text == nullptr ? std::string()
                           : std::string(reinterpret_cast<const char*>(text),
                                         static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Real(int column) const { return sqlite3_column_double(stmt_, column); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool ok_ = false;
};

bool Exec(sqlite3* db, const char* sql) {
  return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

int64_t PragmaInt(sqlite3* db, const char* sql) {
  Statement s(db, sql);
  return s.ok() && s.Step() == SQLITE_ROW ? s.Int(0) : -1;
}

const char* KindText(bool assigned) {
  return assigned ? "proposal" : "alternative";
}

Date DateOf(const std::string& iso) {
  return ParseDate(iso).value_or(Date{});
}

std::optional<OutcomeKind> DecisionOf(const std::string& text) {
  if (text == "accepted") return OutcomeKind::kAccepted;
  if (text == "rejected") return OutcomeKind::kRejected;
  if (text == "hired") return OutcomeKind::kHired;
  if (text == "dropped_out") return OutcomeKind::kDroppedOut;
  return std::nullopt;
}

// Asks the kernel to start writing `file`'s dirty pages to disk, without
// waiting: a hint that shortens a later fsync, never needed for correctness.
void StartWriteback(const std::filesystem::path& file) {
#ifdef __linux__
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  ::close(fd);
#else
  (void)file;
#endif
}

// Rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { begun_ = Exec(db, "BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (begun_ && !committed_) Exec(db_, "ROLLBACK");
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  bool begun() const { return begun_; }
  bool Commit() {
    committed_ = Exec(db_, "COMMIT");
    return committed_;
  }

 private:
  sqlite3* db_;
  bool begun_ = false;
  bool committed_ = false;
};

// A connection to `file` opened with `flags`, with the busy timeout and
// extended result codes every store connection uses; on failure an error of
// `kind` expecting `what` (SQLite's reason in brackets). Without SQLite's
// mutexes: a connection is used by one thread at a time (run_store.h), and
// locking around every call took a fifth of a national run's recording
// (3 M rows, 17 binds each).
Result<sqlite3*> OpenConnection(const std::filesystem::path& file,
                                int flags,
                                ErrorKind kind,
                                const std::string& what) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    Error error = StoreError(
        kind, file, what + " (" + (db != nullptr ? sqlite3_errmsg(db) : "out of memory") + ")");
    sqlite3_close(db);
    return error;
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  return db;
}

}  // namespace

std::optional<OutcomeKind> ParseDecisionWord(std::string_view word) {
  std::string folded;
  for (const char c : word) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!folded.empty() && folded.back() != '_') folded += '_';
      continue;
    }
    folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!folded.empty() && folded.back() == '_') folded.pop_back();
  if (folded == "angenommen" || folded == "accepted") return OutcomeKind::kAccepted;
  if (folded == "abgelehnt" || folded == "rejected") return OutcomeKind::kRejected;
  if (folded == "eingestellt" || folded == "hired") return OutcomeKind::kHired;
  if (folded == "abgebrochen" || folded == "dropped_out" || folded == "dropped-out") {
    return OutcomeKind::kDroppedOut;
  }
  return std::nullopt;
}

std::vector<StoredProposal> StoredProposals(const Dataset& dataset, const ProposalSet& set) {
  // Counting sort by participant: stable, linear.
  std::vector<size_t> start(dataset.participants.size() + 1, 0);
  for (const Proposal& p : set.proposals) ++start[static_cast<size_t>(p.participant.value) + 1];
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::vector<size_t> order(set.proposals.size());
  for (size_t i = 0; i < set.proposals.size(); ++i) {
    order[start[static_cast<size_t>(set.proposals[i].participant.value)]++] = i;
  }
  std::vector<StoredProposal> out;
  out.reserve(set.proposals.size());
  for (const size_t i : order) {
    const Proposal& p = set.proposals[i];
    const ScoredPair& pair = p.pair;
    StoredProposal s;
    s.coordinator_id = dataset.coordinators[static_cast<size_t>(p.coordinator.value)].id;
    s.participant_id = dataset.participants[static_cast<size_t>(p.participant.value)].id;
    s.vacancy_id = dataset.vacancies[static_cast<size_t>(pair.vacancy.value)].id;
    s.assigned = p.assigned;
    s.rank = p.rank;
    s.score = pair.score;
    s.skill = pair.parts.skill;
    s.german = pair.parts.german;
    s.commute = pair.parts.commute;
    s.micro = pair.parts.micro;
    s.essential_coverage = pair.parts.essential_coverage;
    s.optional_coverage = pair.parts.optional_coverage;
    s.requirement_fit = pair.parts.requirement_fit;
    s.distance_km = pair.distance_km;
    s.commute_minutes = pair.commute_minutes;
    if (pair.bridge_course.valid()) {
      s.bridge_course = dataset.courses[static_cast<size_t>(pair.bridge_course.value)].id;
    }
    out.push_back(std::move(s));
  }
  return out;
}

RunStore::RunStore(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}

RunStore::~RunStore() {
  if (db_ != nullptr) sqlite3_close(db_);
}

RunStore::RunStore(RunStore&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

RunStore& RunStore::operator=(RunStore&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    file_ = std::move(other.file_);
  }
  return *this;
}

Result<RunStore> RunStore::Open(const std::filesystem::path& file) {
  std::error_code ec;
  if (file.has_parent_path() && !std::filesystem::is_directory(file.parent_path(), ec)) {
    return StoreError(ErrorKind::kCannotWrite, file, "a store file in a folder that exists");
  }
  Result<sqlite3*> opened = OpenConnection(file,
                                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                           ErrorKind::kCannotWrite,
                                           "a run store that can be opened");
  if (!opened.ok()) return opened.error();
  sqlite3* db = opened.value();
  RunStore store(db, file);
  // A page cache of 256 MiB (SQLite's default is 2 MiB): a national run
  // writes 2.9 M proposal rows, about 550 MB with their indexes, and a cache
  // too small for the indexes' working set spills dirty pages in the middle
  // of the transaction, each spill syncing the journal first.
  if (!Exec(db, "PRAGMA journal_mode=DELETE") || !Exec(db, "PRAGMA synchronous=FULL") ||
      !Exec(db, "PRAGMA foreign_keys=ON") || !Exec(db, "PRAGMA cache_size=-262144")) {
    return StoreError(
        ErrorKind::kCannotWrite,
        file,
        std::string("a jobmatch run store (SQLite says: ") + sqlite3_errmsg(db) + ")");
  }
  const int64_t application_id = PragmaInt(db, "PRAGMA application_id");
  const int64_t version = PragmaInt(db, "PRAGMA user_version");
  const int64_t tables = PragmaInt(db, "SELECT count(*) FROM sqlite_schema");
  if (application_id < 0 || version < 0 || tables < 0) {
    return StoreError(
        ErrorKind::kBadData,
        file,
        std::string("a jobmatch run store (SQLite says: ") + sqlite3_errmsg(db) + ")");
  }
  if (application_id != kApplicationId && !(application_id == 0 && tables == 0)) {
    return StoreError(ErrorKind::kBadData,
                      file,
                      "a jobmatch run store, but this SQLite file belongs to something else");
  }
  if (version > SchemaVersion()) {
    return StoreError(ErrorKind::kCannotWrite,
                      file,
                      "a run store of schema version " + std::to_string(SchemaVersion()) +
                          " or older, but it has version " + std::to_string(version) +
                          ": it was written by a newer jobmatch; use that version");
  }
  for (int64_t v = version + 1; v <= SchemaVersion(); ++v) {
    Transaction transaction(db);
    if (!transaction.begun() || !Exec(db, Migrations()[static_cast<size_t>(v - 1)])) {
      return SqlError(db, file, ("migration " + std::to_string(v)).c_str());
    }
    const std::string set_version = "PRAGMA user_version=" + std::to_string(v) +
                                    "; PRAGMA application_id=" + std::to_string(kApplicationId);
    if (!Exec(db, set_version.c_str()) || !transaction.Commit()) {
      return SqlError(db, file, ("migration " + std::to_string(v)).c_str());
    }
  }
  return store;
}

Result<RunStore> RunStore::OpenReadOnly(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return StoreError(ErrorKind::kMissingInput, file, "an existing run store file");
  }
  Result<sqlite3*> opened = OpenConnection(file,
                                           SQLITE_OPEN_READONLY,
                                           ErrorKind::kBadData,
                                           "a run store that can be opened for reading");
  if (!opened.ok()) return opened.error();
  sqlite3* db = opened.value();
  RunStore store(db, file);
  const int64_t application_id = PragmaInt(db, "PRAGMA application_id");
  const int64_t version = PragmaInt(db, "PRAGMA user_version");
  if (application_id < 0 || version < 0) {
    return StoreError(
        ErrorKind::kBadData,
        file,
        std::string("a jobmatch run store (SQLite says: ") + sqlite3_errmsg(db) + ")");
  }
  if (application_id != kApplicationId) {
    return StoreError(
        ErrorKind::kBadData, file, "a jobmatch run store, but this file is not one (or is empty)");
  }
  if (version != SchemaVersion()) {
    return StoreError(ErrorKind::kBadData,
                      file,
                      "a run store of schema version " + std::to_string(SchemaVersion()) +
                          ", but it has version " + std::to_string(version) +
                          " (a `jobmatch run --store` of this version brings an older one up to "
                          "date)");
  }
  return store;
}

Result<History> RunStore::ReadHistory(Date run_date) const {
  History history;
  {
    Statement s(db_,
                "SELECT participant_id, vacancy_id, decision, decided_on FROM decisions "
                "ORDER BY decided_on, decision_id");
    if (!s.ok()) return SqlError(db_, file_, "reading decisions");
    while (s.Step() == SQLITE_ROW) {
      const std::optional<OutcomeKind> kind = DecisionOf(s.Text(2));
      if (!kind) continue;
      history.decisions.push_back(PairDecision{s.Text(0), s.Text(1), *kind, DateOf(s.Text(3))});
    }
  }
  Statement last(db_,
                 "SELECT run_id, run_date FROM runs WHERE run_date < ?1 "
                 "ORDER BY run_date DESC, run_id DESC LIMIT 1");
  if (!last.ok()) return SqlError(db_, file_, "reading runs");
  last.Bind(1, FormatDate(run_date));
  if (last.Step() != SQLITE_ROW) return history;
  const int64_t run_id = last.Int(0);
  history.has_last_run = true;
  history.last_run_date = DateOf(last.Text(1));
  Statement lines(db_,
                  "SELECT participant_id, vacancy_id, kind FROM proposals WHERE run_id = ?1 "
                  "ORDER BY participant_id, vacancy_id");
  if (!lines.ok()) return SqlError(db_, file_, "reading proposals");
  lines.Bind(1, run_id);
  while (lines.Step() == SQLITE_ROW) {
    std::pair<std::string, std::string> pair{lines.Text(0), lines.Text(1)};
    if (lines.Text(2) == "proposal") history.last_proposals.push_back(pair);
    history.last_listed.push_back(std::move(pair));
  }
  return history;
}

Result<int64_t> RunStore::RecordRun(const RunRecord& record,
                                    const std::function<std::optional<Error>()>& before_commit) {
  Transaction transaction(db_);
  if (!transaction.begun()) return SqlError(db_, file_, "starting the run's transaction");
  const RunMetrics& m = record.metrics;
  {
    Statement s(db_,
                "INSERT INTO runs (run_date, program_version, data, config, participants, "
                "vacancies, openings, coordinators, pairs_examined, candidate_arcs, proposals, "
                "unplaced, total_score, mean_score, micro_enterprise_proposals, "
                "course_bridge_proposals) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                "?12, ?13, ?14, ?15, ?16)");
    if (!s.ok()) return SqlError(db_, file_, "recording the run");
    s.Bind(1, FormatDate(record.run_date));
    s.Bind(2, record.program_version);
    s.Bind(3, record.data);
    s.Bind(4, record.config);
    s.Bind(5, int64_t{m.participants});
    s.Bind(6, int64_t{m.vacancies});
    s.Bind(7, int64_t{m.openings});
    s.Bind(8, int64_t{m.coordinators});
    s.Bind(9, m.pairs_examined);
    s.Bind(10, m.candidate_arcs);
    s.Bind(11, int64_t{m.proposals});
    s.Bind(12, int64_t{m.unplaced});
    s.Bind(13, m.total_score);
    s.Bind(14, m.mean_score);
    s.Bind(15, int64_t{m.micro_enterprise_proposals});
    s.Bind(16, int64_t{m.course_bridge_proposals});
    if (s.Step() != SQLITE_DONE) return SqlError(db_, file_, "recording the run");
  }
  const int64_t run_id = static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  {
    Statement s(db_,
                "INSERT INTO run_inputs (run_id, file, sha256, bytes) VALUES (?1, ?2, ?3, ?4)");
    if (!s.ok()) return SqlError(db_, file_, "recording the input files");
    for (const InputFile& input : record.inputs) {
      s.Bind(1, run_id);
      s.Bind(2, input.name);
      s.Bind(3, input.sha256);
      s.Bind(4, input.bytes);
      if (s.Step() != SQLITE_DONE) return SqlError(db_, file_, "recording the input files");
      s.Reset();
    }
  }
  {
    Statement s(db_,
                "INSERT INTO proposals (run_id, coordinator_id, participant_id, vacancy_id, kind, "
                "rank, score, skill, german, commute, micro, essential_coverage, "
                "optional_coverage, requirement_fit, distance_km, commute_minutes, bridge_course) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                "?17)");
    if (!s.ok()) return SqlError(db_, file_, "recording the proposals");
    for (const StoredProposal& p : record.proposals) {
      s.Bind(1, run_id);
      s.BindStatic(2, p.coordinator_id);
      s.BindStatic(3, p.participant_id);
      s.BindStatic(4, p.vacancy_id);
      s.BindStatic(5, KindText(p.assigned));
      s.Bind(6, int64_t{p.rank});
      s.Bind(7, p.score);
      s.Bind(8, p.skill);
      s.Bind(9, p.german);
      s.Bind(10, p.commute);
      s.Bind(11, p.micro);
      s.Bind(12, p.essential_coverage);
      s.Bind(13, p.optional_coverage);
      s.Bind(14, p.requirement_fit);
      s.Bind(15, p.distance_km);
      s.Bind(16, p.commute_minutes);
      s.BindStatic(17, p.bridge_course);
      if (s.Step() != SQLITE_DONE) return SqlError(db_, file_, "recording the proposals");
      s.ResetKeepingBindings();
    }
  }
  {
    Statement s(db_,
                "INSERT INTO run_coordinators (run_id, coordinator_id, capacity, derived, fte, "
                "taken_on_this_year, follow_up, held) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!s.ok()) return SqlError(db_, file_, "recording the capacities");
    for (const StoredCapacity& c : record.capacities) {
      s.Bind(1, run_id);
      s.Bind(2, c.coordinator_id);
      s.Bind(3, int64_t{c.capacity});
      s.Bind(4, int64_t{c.derived ? 1 : 0});
      s.Bind(5, c.fte);
      s.Bind(6, int64_t{c.taken_on_this_year});
      s.Bind(7, int64_t{c.follow_up});
      s.Bind(8, int64_t{c.held});
      if (s.Step() != SQLITE_DONE) return SqlError(db_, file_, "recording the capacities");
      s.Reset();
    }
  }
  {
    Statement s(db_,
                "INSERT INTO run_follow_up (run_id, coordinator_id, participant_id, vacancy_id, "
                "until) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!s.ok()) return SqlError(db_, file_, "recording the follow-up");
    for (const FollowUpEntry& f : record.follow_up) {
      s.Bind(1, run_id);
      s.Bind(2, f.coordinator_id);
      s.Bind(3, f.participant_id);
      s.Bind(4, f.vacancy_id);
      s.Bind(5, FormatDate(f.until));
      if (s.Step() != SQLITE_DONE) return SqlError(db_, file_, "recording the follow-up");
      s.Reset();
    }
  }
  // The rows are in: SQLite's dirty pages go into the file now (behind the
  // synced journal, as a cache spill does) and the disk starts on them while
  // before_commit runs (the caller's output being written), so that COMMIT's
  // sync finds little left to write. Neither commits anything: killed from
  // here on, the journal still rolls the file back.
  if (sqlite3_db_cacheflush(db_) != SQLITE_OK) return SqlError(db_, file_, "writing the run");
  StartWriteback(file_);
  if (before_commit) {
    if (std::optional<Error> error = before_commit()) return *std::move(error);
  }
  if (!transaction.Commit()) return SqlError(db_, file_, "committing the run");
  return run_id;
}

Result<RecordSummary> RunStore::RecordDecisions(const std::vector<SheetDecision>& decisions) {
  Transaction transaction(db_);
  if (!transaction.begun()) return SqlError(db_, file_, "starting the decisions' transaction");
  Statement participant(db_, "SELECT 1 FROM proposals WHERE participant_id = ?1 LIMIT 1");
  Statement vacancy(db_, "SELECT 1 FROM proposals WHERE vacancy_id = ?1 LIMIT 1");
  Statement pair(db_,
                 "SELECT p.run_id, r.run_date, p.coordinator_id FROM proposals p JOIN runs r "
                 "USING (run_id) WHERE p.participant_id = ?1 AND p.vacancy_id = ?2 "
                 "ORDER BY r.run_date DESC, p.run_id DESC LIMIT 1");
  Statement insert(db_,
                   "INSERT OR IGNORE INTO decisions (coordinator_id, participant_id, vacancy_id, "
                   "decision, decided_on, run_id, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  Statement note(db_,
                 "INSERT INTO coordinator_notes (decision_id, coordinator_id, note) "
                 "VALUES (?1, ?2, ?3)");
  if (!participant.ok() || !vacancy.ok() || !pair.ok() || !insert.ok() || !note.ok()) {
    return SqlError(db_, file_, "reading proposals");
  }
  // A sheet of a pruned run: its pairs are gone (but those with a decision),
  // so every miss is explained by the pruning when there was one.
  std::string pruned;
  {
    Statement runs(db_,
                   "SELECT count(*), min(run_date), max(run_date) FROM runs "
                   "WHERE pruned_on IS NOT NULL");
    if (!runs.ok() || runs.Step() != SQLITE_ROW) return SqlError(db_, file_, "reading runs");
    if (runs.Int(0) > 0) {
      pruned = "; the proposals of the " + std::to_string(runs.Int(0)) + " run" +
               (runs.Int(0) == 1 ? "" : "s") + " dated " + runs.Text(1) +
               (runs.Int(0) == 1 ? "" : " to " + runs.Text(2)) +
               " were pruned (jobmatch prune): a sheet of a pruned run can no longer be "
               "recorded";
    }
  }
  Error error;
  error.kind = ErrorKind::kBadData;
  RecordSummary summary;
  struct Checked {
    const SheetDecision* decision;
    int64_t run_id;
    std::string run_date;
    std::string coordinator_id;
  };
  std::vector<Checked> checked;
  for (const SheetDecision& d : decisions) {
    participant.Bind(1, d.participant_id);
    const bool known_participant = participant.Step() == SQLITE_ROW;
    participant.Reset();
    vacancy.Bind(1, d.vacancy_id);
    const bool known_vacancy = vacancy.Step() == SQLITE_ROW;
    vacancy.Reset();
    if (!known_participant) {
      error.diagnostics.push_back(Diagnostic{
          d.file,
          d.line,
          "Teilnehmer",
          d.participant_id,
          "a participant proposed in an earlier run recorded in " + file_.string() + pruned});
      continue;
    }
    if (!known_vacancy) {
      error.diagnostics.push_back(Diagnostic{
          d.file,
          d.line,
          "Stelle",
          d.vacancy_id,
          "a vacancy proposed in an earlier run recorded in " + file_.string() + pruned});
      continue;
    }
    pair.Bind(1, d.participant_id);
    pair.Bind(2, d.vacancy_id);
    if (pair.Step() != SQLITE_ROW) {
      pair.Reset();
      error.diagnostics.push_back(Diagnostic{
          d.file,
          d.line,
          "Stelle",
          d.vacancy_id,
          "a vacancy proposed to " + d.participant_id +
              " (as Vorschlag or Alternative) in an earlier run, but this pair " +
              (pruned.empty() ? std::string("never was") : "is in no run still held" + pruned)});
      continue;
    }
    checked.push_back(Checked{&d, pair.Int(0), pair.Text(1), pair.Text(2)});
    pair.Reset();
  }
  if (!error.diagnostics.empty()) return error;
  for (const Checked& c : checked) {
    const SheetDecision& d = *c.decision;
    insert.Bind(1, c.coordinator_id);
    insert.Bind(2, d.participant_id);
    insert.Bind(3, d.vacancy_id);
    insert.Bind(4, std::string(OutcomeKindName(d.kind)));
    insert.Bind(5, d.date ? FormatDate(*d.date) : c.run_date);
    insert.Bind(6, c.run_id);
    insert.Bind(7, std::filesystem::path(d.file).filename().string());
    if (insert.Step() != SQLITE_DONE) return SqlError(db_, file_, "recording a decision");
    insert.Reset();
    if (sqlite3_changes(db_) == 0) {
      ++summary.unchanged;
      continue;
    }
    ++summary.recorded;
    if (!d.note.empty()) {
      note.Bind(1, static_cast<int64_t>(sqlite3_last_insert_rowid(db_)));
      note.Bind(2, c.coordinator_id);
      note.Bind(3, d.note);
      if (note.Step() != SQLITE_DONE) return SqlError(db_, file_, "recording a note");
      note.Reset();
    }
  }
  if (!transaction.Commit()) return SqlError(db_, file_, "committing the decisions");
  return summary;
}

Result<PruneSummary> RunStore::Prune(Date cutoff, Date today) {
  Transaction transaction(db_);
  if (!transaction.begun()) return SqlError(db_, file_, "starting the prune's transaction");
  const int64_t free_before = PragmaInt(db_, "PRAGMA freelist_count");
  // What the next night and a rerun of the newest night read, and the run
  // `history` shows the follow-up of: never pruned.
  Statement candidates(db_,
                       "WITH newest AS (SELECT run_id, run_date FROM runs "
                       "                ORDER BY run_date DESC, run_id DESC LIMIT 1), "
                       "     before_newest AS (SELECT run_id FROM runs "
                       "                       WHERE run_date < (SELECT run_date FROM newest) "
                       "                       ORDER BY run_date DESC, run_id DESC LIMIT 1) "
                       "SELECT run_id FROM runs WHERE pruned_on IS NULL AND run_date < ?1 "
                       "AND run_id NOT IN (SELECT run_id FROM newest) "
                       "AND run_id NOT IN (SELECT run_id FROM before_newest) "
                       "AND run_id <> (SELECT max(run_id) FROM runs) ORDER BY run_id");
  Statement proposals(db_,
                      "DELETE FROM proposals WHERE run_id = ?1 AND NOT EXISTS (SELECT 1 FROM "
                      "decisions d WHERE d.participant_id = proposals.participant_id AND "
                      "d.vacancy_id = proposals.vacancy_id)");
  Statement kept(db_, "SELECT count(*) FROM proposals WHERE run_id = ?1");
  Statement follow_up(db_, "DELETE FROM run_follow_up WHERE run_id = ?1");
  Statement mark(db_, "UPDATE runs SET pruned_on = ?2 WHERE run_id = ?1");
  if (!candidates.ok() || !proposals.ok() || !kept.ok() || !follow_up.ok() || !mark.ok() ||
      free_before < 0) {
    return SqlError(db_, file_, "preparing the prune");
  }
  PruneSummary summary;
  candidates.Bind(1, FormatDate(cutoff));
  int step = SQLITE_ROW;
  while ((step = candidates.Step()) == SQLITE_ROW) summary.pruned_runs.push_back(candidates.Int(0));
  if (step != SQLITE_DONE) return SqlError(db_, file_, "choosing the runs to prune");
  const std::string pruned_on = FormatDate(today);
  for (const int64_t run_id : summary.pruned_runs) {
    proposals.Bind(1, run_id);
    if (proposals.Step() != SQLITE_DONE) return SqlError(db_, file_, "deleting proposals");
    summary.proposals_deleted += sqlite3_changes64(db_);
    proposals.Reset();
    follow_up.Bind(1, run_id);
    if (follow_up.Step() != SQLITE_DONE) return SqlError(db_, file_, "deleting follow-up rows");
    summary.follow_up_deleted += sqlite3_changes64(db_);
    follow_up.Reset();
    kept.Bind(1, run_id);
    if (kept.Step() != SQLITE_ROW) return SqlError(db_, file_, "counting the kept rows");
    summary.decided_rows_kept += kept.Int(0);
    kept.Reset();
    mark.Bind(1, run_id);
    mark.Bind(2, pruned_on);
    if (mark.Step() != SQLITE_DONE) return SqlError(db_, file_, "marking a run pruned");
    mark.Reset();
  }
  summary.runs = static_cast<int32_t>(summary.pruned_runs.size());
  const int64_t free_after = PragmaInt(db_, "PRAGMA freelist_count");
  summary.page_size = PragmaInt(db_, "PRAGMA page_size");
  if (free_after < 0 || summary.page_size < 0) return SqlError(db_, file_, "counting free pages");
  summary.freed_pages = free_after - free_before;
  if (!transaction.Commit()) return SqlError(db_, file_, "committing the prune");
  return summary;
}

std::optional<Error> RunStore::Vacuum() {
  if (!Exec(db_, "VACUUM")) return SqlError(db_, file_, "vacuuming");
  return std::nullopt;
}

Result<std::vector<RunSummary>> RunStore::Runs() const {
  std::vector<RunSummary> runs;
  Statement s(db_,
              "SELECT run_id, run_date, program_version, data, participants, vacancies, "
              "openings, coordinators, pairs_examined, candidate_arcs, proposals, unplaced, "
              "total_score, mean_score, pruned_on FROM runs ORDER BY run_id");
  Statement inputs(db_,
                   "SELECT file, sha256, bytes FROM run_inputs WHERE run_id = ?1 ORDER BY file");
  Statement capacities(db_,
                       "SELECT coordinator_id, capacity, derived, fte, taken_on_this_year, "
                       "follow_up, held FROM run_coordinators WHERE run_id = ?1 "
                       "ORDER BY coordinator_id");
  if (!s.ok() || !inputs.ok() || !capacities.ok()) return SqlError(db_, file_, "reading runs");
  while (s.Step() == SQLITE_ROW) {
    RunSummary r;
    r.run_id = s.Int(0);
    r.run_date = DateOf(s.Text(1));
    r.program_version = s.Text(2);
    r.data = s.Text(3);
    r.metrics.participants = static_cast<int32_t>(s.Int(4));
    r.metrics.vacancies = static_cast<int32_t>(s.Int(5));
    r.metrics.openings = static_cast<int32_t>(s.Int(6));
    r.metrics.coordinators = static_cast<int32_t>(s.Int(7));
    r.metrics.pairs_examined = s.Int(8);
    r.metrics.candidate_arcs = s.Int(9);
    r.metrics.proposals = static_cast<int32_t>(s.Int(10));
    r.metrics.unplaced = static_cast<int32_t>(s.Int(11));
    r.metrics.total_score = s.Real(12);
    r.metrics.mean_score = s.Real(13);
    if (const std::string pruned = s.Text(14); !pruned.empty()) r.pruned_on = ParseDate(pruned);
    inputs.Bind(1, r.run_id);
    while (inputs.Step() == SQLITE_ROW) {
      r.inputs.push_back(InputFile{inputs.Text(0), inputs.Text(1), inputs.Int(2)});
    }
    inputs.Reset();
    capacities.Bind(1, r.run_id);
    while (capacities.Step() == SQLITE_ROW) {
      r.capacities.push_back(StoredCapacity{capacities.Text(0),
                                            static_cast<int32_t>(capacities.Int(1)),
                                            capacities.Int(2) != 0,
                                            capacities.Real(3),
                                            static_cast<int32_t>(capacities.Int(4)),
                                            static_cast<int32_t>(capacities.Int(5)),
                                            static_cast<int32_t>(capacities.Int(6))});
    }
    capacities.Reset();
    runs.push_back(std::move(r));
  }
  return runs;
}

Result<std::vector<ProposalHistoryRow>> RunStore::ProposalsOf(
    const std::string& participant_id, const std::string& coordinator_id) const {
  std::vector<ProposalHistoryRow> rows;
  Statement s(db_,
              "SELECT p.run_id, r.run_date, p.coordinator_id, p.participant_id, p.vacancy_id, "
              "p.kind, p.rank, p.score, p.skill, p.german, p.commute, p.micro "
              "FROM proposals p JOIN runs r USING (run_id) "
              "WHERE (?1 = '' OR p.participant_id = ?1) AND (?2 = '' OR p.coordinator_id = ?2) "
              "ORDER BY p.run_id, p.participant_id, p.kind DESC, p.rank");
  if (!s.ok()) return SqlError(db_, file_, "reading proposals");
  s.Bind(1, participant_id);
  s.Bind(2, coordinator_id);
  while (s.Step() == SQLITE_ROW) {
    ProposalHistoryRow row;
    row.run_id = s.Int(0);
    row.run_date = DateOf(s.Text(1));
    row.proposal.coordinator_id = s.Text(2);
    row.proposal.participant_id = s.Text(3);
    row.proposal.vacancy_id = s.Text(4);
    row.proposal.assigned = s.Text(5) == "proposal";
    row.proposal.rank = static_cast<int32_t>(s.Int(6));
    row.proposal.score = s.Real(7);
    row.proposal.skill = s.Real(8);
    row.proposal.german = s.Real(9);
    row.proposal.commute = s.Real(10);
    row.proposal.micro = s.Real(11);
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<DecisionRow>> RunStore::Decisions(const std::string& participant_id,
                                                     const std::string& coordinator_id) const {
  std::vector<DecisionRow> rows;
  Statement s(db_,
              "SELECT decision_id, coordinator_id, participant_id, vacancy_id, decision, "
              "decided_on, run_id, source FROM decisions "
              "WHERE (?1 = '' OR participant_id = ?1) AND (?2 = '' OR coordinator_id = ?2) "
              "ORDER BY decided_on, decision_id");
  if (!s.ok()) return SqlError(db_, file_, "reading decisions");
  s.Bind(1, participant_id);
  s.Bind(2, coordinator_id);
  while (s.Step() == SQLITE_ROW) {
    DecisionRow row;
    row.decision_id = s.Int(0);
    row.coordinator_id = s.Text(1);
    row.participant_id = s.Text(2);
    row.vacancy_id = s.Text(3);
    row.kind = DecisionOf(s.Text(4)).value_or(OutcomeKind::kProposed);
    row.date = DateOf(s.Text(5));
    row.run_id = s.Int(6);
    row.source = s.Text(7);
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<FollowUpEntry>> RunStore::FollowUpOfLastRun(
    const std::string& coordinator_id) const {
  std::vector<FollowUpEntry> rows;
  Statement s(db_,
              "SELECT coordinator_id, participant_id, vacancy_id, until FROM run_follow_up "
              "WHERE run_id = (SELECT max(run_id) FROM runs) AND (?1 = '' OR coordinator_id = ?1) "
              "ORDER BY coordinator_id, participant_id");
  if (!s.ok()) return SqlError(db_, file_, "reading follow-up");
  s.Bind(1, coordinator_id);
  while (s.Step() == SQLITE_ROW) {
    rows.push_back(FollowUpEntry{s.Text(0), s.Text(1), s.Text(2), DateOf(s.Text(3))});
  }
  return rows;
}

}  // namespace jobmatch::store

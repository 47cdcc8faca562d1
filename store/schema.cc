#include "store/schema.h"

#include <array>

namespace jobmatch::store {
namespace {

// 1: runs, their input files and every line of the coordinators' sheets.
constexpr const char* kRuns = R"sql(
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  run_date TEXT NOT NULL,
  program_version TEXT NOT NULL,
  data TEXT NOT NULL,
  config TEXT NOT NULL,
  participants INTEGER NOT NULL,
  vacancies INTEGER NOT NULL,
  openings INTEGER NOT NULL,
  coordinators INTEGER NOT NULL,
  pairs_examined INTEGER NOT NULL,
  candidate_arcs INTEGER NOT NULL,
  proposals INTEGER NOT NULL,
  unplaced INTEGER NOT NULL,
  total_score REAL NOT NULL,
  mean_score REAL NOT NULL,
  micro_enterprise_proposals INTEGER NOT NULL,
  course_bridge_proposals INTEGER NOT NULL
);
CREATE TABLE run_inputs (
  run_id INTEGER NOT NULL REFERENCES runs (run_id),
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  PRIMARY KEY (run_id, file)
);
CREATE TABLE proposals (
  run_id INTEGER NOT NULL REFERENCES runs (run_id),
  coordinator_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  vacancy_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('proposal', 'alternative')),
  rank INTEGER NOT NULL,
  score REAL NOT NULL,
  skill REAL NOT NULL,
  german REAL NOT NULL,
  commute REAL NOT NULL,
  micro REAL NOT NULL,
  essential_coverage REAL NOT NULL,
  optional_coverage REAL NOT NULL,
  requirement_fit REAL NOT NULL,
  distance_km REAL NOT NULL,
  commute_minutes REAL NOT NULL,
  bridge_course TEXT NOT NULL,
  PRIMARY KEY (run_id, participant_id, vacancy_id)
);
CREATE INDEX proposals_by_pair ON proposals (participant_id, vacancy_id);
CREATE INDEX proposals_by_coordinator ON proposals (coordinator_id, run_id);
CREATE VIEW shared_proposals AS SELECT * FROM proposals;
)sql";

// 2: decisions handed back in the sheets; notes only in a private table.
constexpr const char* kDecisions = R"sql(
CREATE TABLE decisions (
  decision_id INTEGER PRIMARY KEY,
  coordinator_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  vacancy_id TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected', 'hired', 'dropped_out')),
  decided_on TEXT NOT NULL,
  run_id INTEGER NOT NULL REFERENCES runs (run_id),
  source TEXT NOT NULL,
  UNIQUE (participant_id, vacancy_id, decision)
);
CREATE TABLE coordinator_notes (
  decision_id INTEGER PRIMARY KEY REFERENCES decisions (decision_id),
  coordinator_id TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE VIEW shared_decisions AS
  SELECT decision_id, coordinator_id, participant_id, vacancy_id, decision, decided_on, run_id
  FROM decisions;
)sql";

// 3: how each coordinator's capacity came about, and who is in follow-up.
constexpr const char* kCapacity = R"sql(
CREATE TABLE run_coordinators (
  run_id INTEGER NOT NULL REFERENCES runs (run_id),
  coordinator_id TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  derived INTEGER NOT NULL,
  fte REAL NOT NULL,
  taken_on_this_year INTEGER NOT NULL,
  follow_up INTEGER NOT NULL,
  held INTEGER NOT NULL,
  PRIMARY KEY (run_id, coordinator_id)
);
CREATE TABLE run_follow_up (
  run_id INTEGER NOT NULL REFERENCES runs (run_id),
  coordinator_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  vacancy_id TEXT NOT NULL,
  until TEXT NOT NULL,
  PRIMARY KEY (run_id, participant_id)
);
)sql";

// 4: retention (`jobmatch prune`): the day a run's per-pair rows (its
// proposals and alternatives but those a decision refers to, its follow-up
// list) were deleted; NULL while the run still has all of them. The run row
// itself, its input files and its capacities are kept forever.
constexpr const char* kPruned = R"sql(
ALTER TABLE runs ADD COLUMN pruned_on TEXT;
)sql";

constexpr std::array<const char*, 4> kMigrations = {kRuns, kDecisions, kCapacity, kPruned};

}  // namespace

std::span<const char* const> Migrations() {
  return kMigrations;
}

int32_t SchemaVersion() {
  return static_cast<int32_t>(kMigrations.size());
}

}  // namespace jobmatch::store

// whatif/diff.h
//
// What changed between two scenarios, as facts: the run's figures before and
// after, who gains a proposal, who loses one, who moves to another vacancy
// (with coordinator, vacancies, scores and the reason read off the two
// optima), and the figures per coordinator and per district. Text for people
// is made by whatif/text.h.
//
// Scenarios compared must share their participants (the same people in the
// same order; an edit never adds or removes one). Coordinators and vacancies
// may have been appended in `after`.
//
// Example:
//   const ScenarioDiff diff = Compare(before, after);
//   for (const ParticipantChange& c : diff.changes) ...

#ifndef JOBMATCH_WHATIF_DIFF_H_
#define JOBMATCH_WHATIF_DIFF_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "whatif/scenario.h"

namespace jobmatch::whatif {

// The run's figures, meaning exactly what jobmatch.json's "run" means.
struct Figures {
  int32_t proposals = 0;
  int32_t unplaced = 0;
  double total_score = 0.0;        // sum of the proposals' scores
  double mean_score = 0.0;         // over proposals; 0 without any
  int32_t without_candidates = 0;  // participants no vacancy passes every rule for
};
Figures FiguresOf(const Scenario& scenario);

enum class ChangeKind : int8_t { kGained = 0, kLost, kMoved };

// Why, read off the two optima, in this order of checking:
enum class ChangeReason : int8_t {
  kNoCandidateLeft = 0,    // lost: no vacancy passes every rule for them any more
  kVacancyGone,            // lost/moved: the old vacancy is no longer among their candidates
  kCoordinatorAtCapacity,  // lost: their coordinator's places went to others
  kVacancyTaken,           // lost/moved: the old vacancy's openings went to others
  kEmployerAtCap,          // lost/moved: the old vacancy's employer is at its cap
  kNewCandidate,           // gained/moved: the new vacancy was not among their candidates before
  kScoreRose,              // gained/moved: their score on the new vacancy rose
  kRoomFreed,              // gained: a place of their coordinator or an opening became free
  kBetterOverall,          // moved: the optimum rearranged to place more or better
};

struct ParticipantChange {
  ChangeKind kind = ChangeKind::kGained;
  ParticipantIndex participant;
  CoordinatorIndex coordinator_before;
  CoordinatorIndex coordinator_after;
  VacancyIndex vacancy_before;  // invalid: none
  VacancyIndex vacancy_after;   // invalid: none
  float score_before = 0.0f;
  float score_after = 0.0f;
  ChangeReason reason = ChangeReason::kBetterOverall;
};

// Figures of one coordinator or one district (the coordinators' district).
struct GroupFigures {
  std::string id;  // coordinator id or district key
  int32_t capacity_before = 0;
  int32_t capacity_after = 0;
  int32_t proposals_before = 0;
  int32_t proposals_after = 0;
  double total_score_before = 0.0;
  double total_score_after = 0.0;
  int32_t gained = 0;
  int32_t lost = 0;
  int32_t moved = 0;
};

struct ScenarioDiff {
  Figures before;
  Figures after;
  std::vector<ParticipantChange> changes;  // by participant
  std::vector<GroupFigures> coordinators;  // every coordinator of either, by index
  std::vector<GroupFigures> districts;     // by district key
};

[[nodiscard]] ScenarioDiff Compare(const Scenario& before, const Scenario& after);

}  // namespace jobmatch::whatif

#endif  // JOBMATCH_WHATIF_DIFF_H_

// engine/rescore.h
//
// Re-scores some participants against some vacancies, for what-if runs: after
// a participant's record changed, only their row needs scoring again; after a
// vacancy was withdrawn, only the rows that held it; after a vacancy was
// added, only its column.
//
// Contract. ScoreParticipants(dataset, reference, options, participants,
// vacancies) returns, in row i, exactly what ScoreTopK() returns for
// participants[i] on the dataset restricted to `vacancies` (the other
// vacancies removed, history entries naming them dropped): the same kept
// pairs in the same order, the same counts and nearest misses, with vacancy
// indices in the numbering of the full `dataset`. Restricting keeps the
// vacancies' order, so ties (score, then vacancy index) break the same way.
// The totals (pairs_examined, excluded_total) are summed over these rows.
//
// Method. Builds that restricted dataset with only the chosen participants
// and, of the chosen vacancies, only those within some chosen participant's
// reach (the scorer never looks further, so rows and counts stay the same),
// and runs ScoreTopK() on it: the rows are the full scorer's by
// construction. Its cost is one preparation of the vacancies within reach
// (grid, skill kernel) plus the chosen participants' pairs.
//
// Example:
//   const std::vector<ParticipantIndex> changed = {ParticipantIndex{7}};
//   const ScoredPairs rows = ScoreParticipants(dataset, reference, options, changed,
//   all_vacancies); for (const ScoredPair& pair : rows.For(ParticipantIndex{0})) ...  //
//   participant 7's row

#ifndef JOBMATCH_ENGINE_RESCORE_H_
#define JOBMATCH_ENGINE_RESCORE_H_

#include <span>
#include <vector>

#include "engine/ids.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/scorer.h"

namespace jobmatch {

// Preconditions (checked): `participants` distinct and in range; `vacancies`
// strictly ascending and in range. Row i of the result is participants[i].
[[nodiscard]] ScoredPairs ScoreParticipants(const Dataset& dataset,
                                            const ReferenceData& reference,
                                            const ScoringOptions& options,
                                            std::span<const ParticipantIndex> participants,
                                            std::span<const VacancyIndex> vacancies);

// All vacancy indices 0..n-1 of `dataset`, for the common case of scoring
// against every vacancy.
std::vector<VacancyIndex> AllVacancies(const Dataset& dataset);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_RESCORE_H_

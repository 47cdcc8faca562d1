#include "engine/rescore.h"

#include <cstddef>
#include <cstdint>

#include "engine/check.h"

namespace jobmatch {

std::vector<VacancyIndex> AllVacancies(const Dataset& dataset) {
  std::vector<VacancyIndex> all(dataset.vacancies.size());
  for (size_t v = 0; v < all.size(); ++v) all[v] = VacancyIndex(static_cast<int32_t>(v));
  return all;
}

ScoredPairs ScoreParticipants(const Dataset& dataset,
                              const ReferenceData& reference,
                              const ScoringOptions& options,
                              std::span<const ParticipantIndex> participants,
                              std::span<const VacancyIndex> vacancies) {
  const size_t num_participants = dataset.participants.size();
  const size_t num_vacancies = dataset.vacancies.size();
  // Local index of each full index, -1 where not chosen.
  std::vector<int32_t> local_participant(num_participants, -1);
  for (size_t i = 0; i < participants.size(); ++i) {
    const ParticipantIndex p = participants[i];
    JOBMATCH_CHECK(p.valid() && static_cast<size_t>(p.value) < num_participants)
        << "participant " << p.value << " out of range";
    JOBMATCH_CHECK(local_participant[static_cast<size_t>(p.value)] < 0)
        << "participant " << p.value << " given twice";
    local_participant[static_cast<size_t>(p.value)] = static_cast<int32_t>(i);
  }
  std::vector<int32_t> local_vacancy(num_vacancies, -1);
  for (size_t i = 0; i < vacancies.size(); ++i) {
    const VacancyIndex v = vacancies[i];
    JOBMATCH_CHECK(v.valid() && static_cast<size_t>(v.value) < num_vacancies)
        << "vacancy " << v.value << " out of range";
    JOBMATCH_CHECK(i == 0 || vacancies[i - 1] < v) << "vacancies not strictly ascending";
    local_vacancy[static_cast<size_t>(v.value)] = static_cast<int32_t>(i);
  }
  const bool all_participants = participants.size() == num_participants;
  const bool all_vacancies = vacancies.size() == num_vacancies;
  bool identity = all_participants && all_vacancies;
  for (size_t i = 0; identity && i < participants.size(); ++i) {
    identity = participants[i].value == static_cast<int32_t>(i);
  }
  if (identity) return ScoreTopK(dataset, reference, options);

  Dataset restricted;
  restricted.participants.reserve(participants.size());
  for (const ParticipantIndex p : participants) {
    restricted.participants.push_back(dataset.participants[static_cast<size_t>(p.value)]);
  }
  if (all_vacancies) {
    restricted.vacancies = dataset.vacancies;
  } else {
    restricted.vacancies.reserve(vacancies.size());
    for (const VacancyIndex v : vacancies) {
      restricted.vacancies.push_back(dataset.vacancies[static_cast<size_t>(v.value)]);
    }
  }
  restricted.employers = dataset.employers;
  restricted.coordinators = dataset.coordinators;
  restricted.courses = dataset.courses;
  for (const Outcome& o : dataset.history) {
    if (!o.participant.valid() || !o.vacancy.valid()) continue;
    const int32_t p = local_participant[static_cast<size_t>(o.participant.value)];
    const int32_t v = local_vacancy[static_cast<size_t>(o.vacancy.value)];
    if (p < 0 || v < 0) continue;
    Outcome local = o;
    local.participant = ParticipantIndex(p);
    local.vacancy = VacancyIndex(v);
    restricted.history.push_back(local);
  }

  ScoredPairs rows = ScoreTopK(restricted, reference, options);
  if (!all_vacancies) {
    for (ScoredPair& pair : rows.pairs) {
      pair.vacancy = vacancies[static_cast<size_t>(pair.vacancy.value)];
    }
    for (auto& misses : rows.near_miss) {
      for (NearMiss& miss : misses) {
        if (miss.best.valid()) miss.best = vacancies[static_cast<size_t>(miss.best.value)];
      }
    }
  }
  return rows;
}

}  // namespace jobmatch

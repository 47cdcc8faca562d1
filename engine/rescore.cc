#include "engine/rescore.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "engine/check.h"
#include "engine/geo.h"

namespace jobmatch {
namespace {

// Above this many participant-vacancy distance checks, every vacancy is
// prepared instead of only those in reach (the checks would cost more).
constexpr size_t kNearbyCheckLimit = 20'000'000;
// Added to each reach for the nearby test (rounding of the chord distances).
constexpr double kReachMarginKm = 1.0;

}  // namespace

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

  // Only vacancies within some chosen participant's reach can enter a row or
  // a count (the scorer never looks further), so the others are left out
  // too: with few participants that saves most of the preparation. The test
  // keeps a margin, so it only ever keeps more than the scorer looks at.
  std::vector<VacancyIndex> nearby;
  std::span<const VacancyIndex> scored_vacancies = vacancies;
  if (participants.size() * vacancies.size() <= kNearbyCheckLimit) {
    std::vector<UnitVector> homes;
    std::vector<double> reach_c2;
    const CommuteModel model = CommuteModelOf(options);
    for (const ParticipantIndex p : participants) {
      const Participant& who = dataset.participants[static_cast<size_t>(p.value)];
      const bool by_car = who.driving_licence && who.car;
      const int32_t minutes = who.max_commute_minutes > 0
                                  ? who.max_commute_minutes
                                  : std::max(options.default_commute_minutes_long_day,
                                             options.default_commute_minutes_short_day);
      homes.push_back(ToUnitVector(who.home.point));
      reach_c2.push_back(ChordSquaredFromKm(ReachKm(minutes, by_car, model) + kReachMarginKm));
    }
    for (const VacancyIndex v : vacancies) {
      const UnitVector at =
          ToUnitVector(dataset.vacancies[static_cast<size_t>(v.value)].place.point);
      for (size_t i = 0; i < homes.size(); ++i) {
        if (ChordSquared(homes[i], at) <= reach_c2[i]) {
          nearby.push_back(v);
          break;
        }
      }
    }
    scored_vacancies = nearby;
  }
  const bool same_vacancies = scored_vacancies.size() == num_vacancies;

  Dataset restricted;
  restricted.participants.reserve(participants.size());
  for (const ParticipantIndex p : participants) {
    restricted.participants.push_back(dataset.participants[static_cast<size_t>(p.value)]);
  }
  // Employers of the scored vacancies only, renumbered in order.
  std::vector<int32_t> local_employer(dataset.employers.size(), -1);
  if (same_vacancies) {
    restricted.vacancies = dataset.vacancies;
    restricted.employers = dataset.employers;
  } else {
    restricted.vacancies.reserve(scored_vacancies.size());
    for (const VacancyIndex v : scored_vacancies) {
      Vacancy vacancy = dataset.vacancies[static_cast<size_t>(v.value)];
      int32_t& e = local_employer[static_cast<size_t>(vacancy.employer.value)];
      if (e < 0) {
        e = static_cast<int32_t>(restricted.employers.size());
        restricted.employers.push_back(
            dataset.employers[static_cast<size_t>(vacancy.employer.value)]);
      }
      vacancy.employer = EmployerIndex(e);
      restricted.vacancies.push_back(std::move(vacancy));
    }
  }
  restricted.coordinators = dataset.coordinators;
  restricted.courses = dataset.courses;
  std::fill(local_vacancy.begin(), local_vacancy.end(), -1);
  for (size_t i = 0; i < scored_vacancies.size(); ++i) {
    local_vacancy[static_cast<size_t>(scored_vacancies[i].value)] = static_cast<int32_t>(i);
  }
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
  if (!same_vacancies) {
    for (ScoredPair& pair : rows.pairs) {
      pair.vacancy = scored_vacancies[static_cast<size_t>(pair.vacancy.value)];
    }
    for (auto& misses : rows.near_miss) {
      for (NearMiss& miss : misses) {
        if (miss.best.valid()) miss.best = scored_vacancies[static_cast<size_t>(miss.best.value)];
      }
    }
  }
  return rows;
}

}  // namespace jobmatch

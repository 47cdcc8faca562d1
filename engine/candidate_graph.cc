#include "engine/candidate_graph.h"

#include <algorithm>
#include <cmath>

#include "engine/check.h"

namespace jobmatch {

bool CandidateGraph::IsValid() const {
  if (num_participants < 0 || num_vacancies < 0 || num_coordinators < 0 || num_employers < 0) {
    return false;
  }
  const auto p = static_cast<size_t>(num_participants);
  const auto v = static_cast<size_t>(num_vacancies);
  if (arc_begin.size() != p + 1 || arc_begin.front() != 0) return false;
  const size_t e = arc_vacancy.size();
  if (static_cast<size_t>(arc_begin.back()) != e || arc_score.size() != e || arc_pair.size() != e) {
    return false;
  }
  if (!arc_preferred.empty() && arc_preferred.size() != e) return false;
  if (participant_coordinator.size() != p ||
      coordinator_capacity.size() != static_cast<size_t>(num_coordinators) ||
      vacancy_capacity.size() != v || vacancy_employer.size() != v ||
      employer_capacity.size() != static_cast<size_t>(num_employers)) {
    return false;
  }
  // Rows: monotone offsets, vacancies in range, scores in [0, 1]. Row order
  // (best first) is what BuildCandidateGraph produces, not a validity rule:
  // hand-built graphs in any order are valid.
  for (size_t i = 0; i < p; ++i) {
    if (arc_begin[i + 1] < arc_begin[i]) return false;
  }
  for (size_t k = 0; k < e; ++k) {
    const int32_t vac = arc_vacancy[k].value;
    if (vac < 0 || vac >= num_vacancies) return false;
    const float s = arc_score[k];
    if (!(s >= 0.0f && s <= 1.0f)) return false;  // also rejects NaN
  }
  for (CoordinatorIndex c : participant_coordinator) {
    if (c.value < 0 || c.value >= num_coordinators) return false;
  }
  for (int32_t c : coordinator_capacity) {
    if (c < 0) return false;
  }
  for (int32_t c : vacancy_capacity) {
    if (c < 0) return false;
  }
  for (EmployerIndex emp : vacancy_employer) {
    if (emp.value < 0 || emp.value >= num_employers) return false;
  }
  return true;
}

CandidateGraph BuildCandidateGraph(const Dataset& dataset,
                                   const ScoredPairs& scored,
                                   const CandidateOptions& options) {
  JOBMATCH_CHECK(options.max_arcs_per_participant >= 0)
      << "max_arcs_per_participant = " << options.max_arcs_per_participant;
  JOBMATCH_CHECK(scored.num_participants() == static_cast<int32_t>(dataset.participants.size()))
      << "scored pairs are for " << scored.num_participants() << " participants, dataset has "
      << dataset.participants.size();
  JOBMATCH_CHECK(scored.pairs.size() <= static_cast<size_t>(INT32_MAX)) << "too many scored pairs";
  CandidateGraph g;
  g.num_participants = static_cast<int32_t>(dataset.participants.size());
  g.num_vacancies = static_cast<int32_t>(dataset.vacancies.size());
  g.num_coordinators = static_cast<int32_t>(dataset.coordinators.size());
  g.num_employers = static_cast<int32_t>(dataset.employers.size());

  const auto limit = static_cast<int64_t>(options.max_arcs_per_participant);
  g.arc_begin.assign(static_cast<size_t>(g.num_participants) + 1, 0);
  for (int32_t p = 0; p < g.num_participants; ++p) {
    const auto i = static_cast<size_t>(p);
    const int64_t row = scored.begin[i + 1] - scored.begin[i];
    g.arc_begin[i + 1] = g.arc_begin[i] + std::min(row, limit);
  }
  const auto num_arcs = static_cast<size_t>(g.arc_begin.back());
  g.arc_vacancy.reserve(num_arcs);
  g.arc_score.reserve(num_arcs);
  g.arc_pair.reserve(num_arcs);
  for (int32_t p = 0; p < g.num_participants; ++p) {
    const auto i = static_cast<size_t>(p);
    const int64_t first = scored.begin[i];
    const int64_t last = first + (g.arc_begin[i + 1] - g.arc_begin[i]);
    for (int64_t k = first; k < last; ++k) {
      const ScoredPair& pair = scored.pairs[static_cast<size_t>(k)];
      g.arc_vacancy.push_back(pair.vacancy);
      g.arc_score.push_back(pair.score);
      g.arc_pair.push_back(static_cast<int32_t>(k));
    }
  }

  g.participant_coordinator.reserve(dataset.participants.size());
  for (const Participant& p : dataset.participants) {
    JOBMATCH_CHECK(p.coordinator.valid() && p.coordinator.value < g.num_coordinators)
        << "participant '" << p.id << "': coordinator out of range";
    g.participant_coordinator.push_back(p.coordinator);
  }
  g.coordinator_capacity.reserve(dataset.coordinators.size());
  for (const Coordinator& c : dataset.coordinators) {
    JOBMATCH_CHECK(c.capacity >= 0) << "coordinator '" << c.id << "': capacity " << c.capacity;
    g.coordinator_capacity.push_back(c.capacity);
  }
  g.vacancy_capacity.reserve(dataset.vacancies.size());
  g.vacancy_employer.reserve(dataset.vacancies.size());
  for (const Vacancy& v : dataset.vacancies) {
    JOBMATCH_CHECK(v.openings >= 0) << "vacancy '" << v.id << "': openings " << v.openings;
    JOBMATCH_CHECK(v.employer.valid() && v.employer.value < g.num_employers)
        << "vacancy '" << v.id << "': employer out of range";
    g.vacancy_capacity.push_back(v.openings);
    g.vacancy_employer.push_back(v.employer);
  }
  g.employer_capacity.reserve(dataset.employers.size());
  for (const Employer& e : dataset.employers) {
    const int32_t cap = options.employer_cap_by_size[static_cast<size_t>(SizeClassOf(e.staff))];
    g.employer_capacity.push_back(cap > 0 ? cap : -1);
  }
  return g;
}

}  // namespace jobmatch

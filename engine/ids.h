// engine/ids.h
//
// Dense, typed indices for the records of a Dataset. Loaders map external ids
// (strings) to indices in [0, n) once; proposals map them back. A distinct
// type per record kind means a VacancyIndex can never be passed where a
// ParticipantIndex is expected.
//
// Example:
//   ParticipantIndex p{3};
//   const Participant& who = dataset.participants[p.value];

#ifndef JOBMATCH_ENGINE_IDS_H_
#define JOBMATCH_ENGINE_IDS_H_

#include <compare>
#include <cstdint>
#include <functional>

namespace jobmatch {

template <typename Tag>
struct StrongIndex {
  int32_t value = -1;

  constexpr StrongIndex() = default;
  constexpr explicit StrongIndex(int32_t v) : value(v) {}
  constexpr bool valid() const { return value >= 0; }
  friend constexpr auto operator<=>(StrongIndex, StrongIndex) = default;
};

using ParticipantIndex = StrongIndex<struct ParticipantTag>;
using VacancyIndex = StrongIndex<struct VacancyTag>;
using EmployerIndex = StrongIndex<struct EmployerTag>;
using CoordinatorIndex = StrongIndex<struct CoordinatorTag>;
using CourseIndex = StrongIndex<struct CourseTag>;
// Indices into ReferenceData (engine/reference.h).
using SkillIndex = StrongIndex<struct SkillTag>;            // ESCO skill
using OccupationIndex = StrongIndex<struct OccupationTag>;  // ESCO occupation
using KldbIndex = StrongIndex<struct KldbTag>;              // KldB 2010 Berufsgattung (5 digits)

}  // namespace jobmatch

template <typename Tag>
struct std::hash<jobmatch::StrongIndex<Tag>> {
  size_t operator()(jobmatch::StrongIndex<Tag> i) const noexcept {
    return std::hash<int32_t>{}(i.value);
  }
};

#endif  // JOBMATCH_ENGINE_IDS_H_

// engine/skill_profiles.h
//
// What each participant can do and what each vacancy asks, as sets of ESCO
// skills, and the exact kernel that counts their overlaps for many pairs.
//
// Sets. A participant's skills are their stated skills plus the essential
// skills of each of their occupations (ReferenceData::EssentialSkills). The
// optional skills of their occupations are NOT included: an occupation's
// optional skills are those only some of its practitioners have, and crediting
// them would let a single occupation code cover most optional requirements.
// A vacancy's essential set is its occupation's essential skills plus its
// stated essential skills; its optional set is its occupation's optional
// skills plus its stated optional skills, minus the essential set.
//
// Kernel. Counting |participant ∩ vacancy essential| and |∩ optional| for
// every pair is a product of a sparse participants-by-skills matrix with a
// sparse skills-by-vacancies matrix. Most of a vacancy's skills come from its
// occupation, so the product is factorised: vacancies share occupation
// profiles (the columns of profile_essential/profile_optional), and each
// vacancy adds a short list of corrections for its stated skills. For one
// participant, AddProfileCounts computes the row  skills(p) x profiles  (a
// sparse-row times sparse-matrix product, Gustavson's row algorithm on the
// Eigen CSR storage), after which each pair costs one lookup plus its
// corrections. Counts are small integers held exactly in float.
//
// Example:
//   const SkillKernel kernel = BuildSkillKernel(dataset, reference);
//   std::vector<float> ess(kernel.num_profiles), opt(kernel.num_profiles);
//   std::vector<uint8_t> marks(kernel.num_skills);
//   AddProfileCounts(kernel, p, ess.data(), opt.data());
//   MarkSkills(kernel, p, 1, marks.data());
//   const SkillCounts c = PairSkillCounts(kernel, ess.data(), opt.data(), marks.data(), v);

#ifndef JOBMATCH_ENGINE_SKILL_PROFILES_H_
#define JOBMATCH_ENGINE_SKILL_PROFILES_H_

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/records.h"
#include "engine/reference.h"

namespace jobmatch {

// Sorted, duplicate-free skill lists (raw SkillIndex values), CSR.
struct SkillLists {
  std::vector<int64_t> begin = {0};  // size n + 1
  std::vector<int32_t> skills;

  int32_t size() const { return static_cast<int32_t>(begin.size()) - 1; }
  std::span<const int32_t> For(int32_t i) const {
    return {skills.data() + begin[static_cast<size_t>(i)],
            skills.data() + begin[static_cast<size_t>(i) + 1]};
  }
};

// Stated skills plus the essential skills of every occupation, per participant.
// Built in chunks on num_threads (engine/parallel.h; the same lists whatever
// the count).
SkillLists ParticipantSkillLists(const Dataset& dataset,
                                 const ReferenceData& reference,
                                 int32_t num_threads = 1);

struct VacancySkillLists {
  SkillLists essential;
  SkillLists optional;  // disjoint from essential
};
VacancySkillLists VacancySkillListsOf(const Dataset& dataset, const ReferenceData& reference);

// How a vacancy's stated skill changes the counts of its occupation profile.
struct SkillCorrection {
  int32_t skill = 0;
  int8_t essential = 0;  // +1: essential beyond the profile
  int8_t optional = 0;   // +1: optional beyond the profile; -1: profile-optional made essential
};

struct SkillKernel {
  int32_t num_skills = 0;
  // Occupation profiles used by at least one vacancy, numbered in order of
  // the first vacancy using them.
  int32_t num_profiles = 0;
  std::vector<OccupationRef> profile_occupation;  // size num_profiles
  // num_skills x num_profiles, entries 1 where the skill belongs to the profile.
  Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t> profile_essential;
  Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t> profile_optional;  // minus essential
  std::vector<int32_t> vacancy_profile;   // per vacancy; -1: no occupation
  std::vector<int64_t> correction_begin;  // size vacancies + 1
  std::vector<SkillCorrection> corrections;
  std::vector<int32_t> essential_size;  // per vacancy, size of its essential set
  std::vector<int32_t> optional_size;   // per vacancy, size of its optional set
  SkillLists participant_skills;
};

[[nodiscard]] SkillKernel BuildSkillKernel(const Dataset& dataset,
                                           const ReferenceData& reference,
                                           int32_t num_threads = 1);

// Adds participant p's row of skills(p) x profile_essential (and _optional)
// into the dense rows (length num_profiles). ClearProfileCounts zeroes exactly
// the entries that call touched, so the rows can be reused without a full reset.
void AddProfileCounts(const SkillKernel& kernel,
                      int32_t participant,
                      float* essential_row,
                      float* optional_row);
void ClearProfileCounts(const SkillKernel& kernel,
                        int32_t participant,
                        float* essential_row,
                        float* optional_row);
// Sets marks[s] = value for every skill s of the participant (marks has num_skills entries).
void MarkSkills(const SkillKernel& kernel, int32_t participant, uint8_t value, uint8_t* marks);

struct SkillCounts {
  int32_t essential = 0;  // |participant ∩ vacancy essential|
  int32_t optional = 0;   // |participant ∩ vacancy optional|
};

// Overlap counts of a vacancy given by its profile (-1: none) and its
// corrections [first, last), from the participant's profile rows and marks.
inline SkillCounts CountOverlap(const float* essential_row,
                                const float* optional_row,
                                const uint8_t* marks,
                                int32_t profile,
                                const SkillCorrection* first,
                                const SkillCorrection* last) {
  SkillCounts counts;
  if (profile >= 0) {
    counts.essential = static_cast<int32_t>(essential_row[profile]);
    counts.optional = static_cast<int32_t>(optional_row[profile]);
  }
  for (const SkillCorrection* c = first; c != last; ++c) {
    const int32_t has = marks[c->skill];  // 0 or 1: no branch
    counts.essential += has * c->essential;
    counts.optional += has * c->optional;
  }
  return counts;
}

// Overlap counts of one pair, given the participant's profile rows and marks.
inline SkillCounts PairSkillCounts(const SkillKernel& kernel,
                                   const float* essential_row,
                                   const float* optional_row,
                                   const uint8_t* marks,
                                   int32_t vacancy) {
  const size_t v = static_cast<size_t>(vacancy);
  const SkillCorrection* base = kernel.corrections.data();
  return CountOverlap(essential_row,
                      optional_row,
                      marks,
                      kernel.vacancy_profile[v],
                      base + kernel.correction_begin[v],
                      base + kernel.correction_begin[v + 1]);
}

// The vacancy's essential skills (its set above) that the participant's skills
// (their set above) cover and those missing, each sorted by skill index: what
// a coordinator reads to see the gap. Not for the hot loop (sorts and copies).
struct EssentialSkillGap {
  std::vector<SkillIndex> covered;
  std::vector<SkillIndex> missing;
};
[[nodiscard]] EssentialSkillGap EssentialSkillGapOf(const Participant& participant,
                                                    const Vacancy& vacancy,
                                                    const ReferenceData& reference);

// The participant's side of the gap: their skills and their occupations'
// essential ones, sorted, each once.
[[nodiscard]] std::vector<int32_t> SkillsHeld(const Participant& participant,
                                              const ReferenceData& reference);
// The gap from the participant's SkillsHeld().
[[nodiscard]] EssentialSkillGap EssentialSkillGapOf(const std::vector<int32_t>& held,
                                                    const Vacancy& vacancy,
                                                    const ReferenceData& reference);

// Every vacancy's essential skills (its occupation's and its own), sorted,
// each once, as VacancySkillListsOf's essential lists: the vacancy's side of
// the gap, built once for writers that meet
// the same vacancies in many lines (For(vacancy index)). Built in chunks on
// num_threads (engine/parallel.h); the same lists whatever the count.
[[nodiscard]] SkillLists VacancyEssentialSkills(const Dataset& dataset,
                                                const ReferenceData& reference,
                                                int32_t num_threads);
// The gap from the participant's SkillsHeld() and the vacancy's list above.
[[nodiscard]] EssentialSkillGap EssentialSkillGapOf(const std::vector<int32_t>& held,
                                                    std::span<const int32_t> essential);

// SkillsHeld() of the participant asked for last: the writers meet a
// participant's lines one after the other. One per thread.
class SkillsHeldCache {
 public:
  const std::vector<int32_t>& For(const Participant& participant, const ReferenceData& reference);
  // EssentialSkillGapOf(For(participant), essential), with the held skills
  // looked up in a mark per skill instead of searched (`essential` from
  // VacancyEssentialSkills: sorted, each once).
  EssentialSkillGap Gap(const Participant& participant,
                        const ReferenceData& reference,
                        std::span<const int32_t> essential);

 private:
  const Participant* last_ = nullptr;
  std::vector<int32_t> held_;
  std::vector<uint8_t> marks_;  // per skill: 1 if in held_
};

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_SKILL_PROFILES_H_

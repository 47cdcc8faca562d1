#include "engine/skill_profiles.h"

#include <algorithm>
#include <iterator>

#include "engine/check.h"

namespace jobmatch {
namespace {

void AppendRaw(const std::vector<SkillIndex>& from, int32_t num_skills, std::vector<int32_t>* to) {
  for (SkillIndex s : from) {
    JOBMATCH_CHECK(s.value >= 0 && s.value < num_skills) << "skill index " << s.value;
    to->push_back(s.value);
  }
}

void SortUnique(std::vector<int32_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

bool Contains(const std::vector<int32_t>& sorted, int32_t x) {
  return std::binary_search(sorted.begin(), sorted.end(), x);
}

void CloseList(const std::vector<int32_t>& items, SkillLists* lists) {
  lists->skills.insert(lists->skills.end(), items.begin(), items.end());
  lists->begin.push_back(static_cast<int64_t>(lists->skills.size()));
}

// Essential and optional sets of an occupation, sorted, optional minus essential.
void OccupationSets(const ReferenceData& reference,
                    const OccupationRef& occupation,
                    int32_t num_skills,
                    std::vector<int32_t>* essential,
                    std::vector<int32_t>* optional) {
  essential->clear();
  optional->clear();
  if (!occupation.valid()) return;
  AppendRaw(reference.EssentialSkills(occupation), num_skills, essential);
  AppendRaw(reference.OptionalSkills(occupation), num_skills, optional);
  SortUnique(essential);
  SortUnique(optional);
  std::vector<int32_t> rest;
  std::set_difference(optional->begin(),
                      optional->end(),
                      essential->begin(),
                      essential->end(),
                      std::back_inserter(rest));
  optional->swap(rest);
}

Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t> ProfileMatrix(
    int32_t num_skills, const std::vector<std::vector<int32_t>>& columns) {
  std::vector<Eigen::Triplet<float, int32_t>> triplets;
  for (size_t j = 0; j < columns.size(); ++j) {
    for (int32_t s : columns[j]) triplets.emplace_back(s, static_cast<int32_t>(j), 1.0f);
  }
  Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t> m(num_skills,
                                                         static_cast<int32_t>(columns.size()));
  m.setFromTriplets(triplets.begin(), triplets.end());
  m.makeCompressed();
  return m;
}

}  // namespace

SkillLists ParticipantSkillLists(const Dataset& dataset, const ReferenceData& reference) {
  const auto num_skills = static_cast<int32_t>(reference.skills.size());
  SkillLists lists;
  lists.begin.reserve(dataset.participants.size() + 1);
  std::vector<int32_t> items;
  for (const Participant& p : dataset.participants) {
    items.clear();
    AppendRaw(p.skills, num_skills, &items);
    for (const OccupationRef& o : p.occupations) {
      if (o.valid()) AppendRaw(reference.EssentialSkills(o), num_skills, &items);
    }
    SortUnique(&items);
    CloseList(items, &lists);
  }
  return lists;
}

VacancySkillLists VacancySkillListsOf(const Dataset& dataset, const ReferenceData& reference) {
  const auto num_skills = static_cast<int32_t>(reference.skills.size());
  VacancySkillLists lists;
  std::vector<int32_t> essential, optional, stated, rest;
  for (const Vacancy& v : dataset.vacancies) {
    OccupationSets(reference, v.occupation, num_skills, &essential, &optional);
    stated.clear();
    AppendRaw(v.essential_skills, num_skills, &stated);
    essential.insert(essential.end(), stated.begin(), stated.end());
    SortUnique(&essential);
    AppendRaw(v.optional_skills, num_skills, &optional);
    SortUnique(&optional);
    rest.clear();
    std::set_difference(optional.begin(),
                        optional.end(),
                        essential.begin(),
                        essential.end(),
                        std::back_inserter(rest));
    CloseList(essential, &lists.essential);
    CloseList(rest, &lists.optional);
  }
  return lists;
}

SkillKernel BuildSkillKernel(const Dataset& dataset, const ReferenceData& reference) {
  SkillKernel kernel;
  kernel.num_skills = static_cast<int32_t>(reference.skills.size());
  kernel.participant_skills = ParticipantSkillLists(dataset, reference);

  // Number the occupation profiles in order of first use.
  const size_t num_esco = reference.occupations.size();
  std::vector<int32_t> profile_of(num_esco + reference.kldb.size(), -1);
  std::vector<std::vector<int32_t>> profile_essential, profile_optional;
  const size_t num_vacancies = dataset.vacancies.size();
  kernel.vacancy_profile.assign(num_vacancies, -1);
  kernel.correction_begin.assign(1, 0);
  kernel.essential_size.resize(num_vacancies);
  kernel.optional_size.resize(num_vacancies);

  std::vector<int32_t> essential, optional, stated_essential, stated_optional;
  const std::vector<int32_t> kEmpty;
  for (size_t v = 0; v < num_vacancies; ++v) {
    const Vacancy& vacancy = dataset.vacancies[v];
    const OccupationRef& occupation = vacancy.occupation;
    int32_t profile = -1;
    if (occupation.valid()) {
      const size_t key = occupation.esco.valid()
                             ? static_cast<size_t>(occupation.esco.value)
                             : num_esco + static_cast<size_t>(occupation.kldb.value);
      JOBMATCH_CHECK(key < profile_of.size()) << "vacancy " << v << ": occupation out of range";
      if (profile_of[key] < 0) {
        profile_of[key] = static_cast<int32_t>(profile_essential.size());
        OccupationSets(reference, occupation, kernel.num_skills, &essential, &optional);
        profile_essential.push_back(essential);
        profile_optional.push_back(optional);
        kernel.profile_occupation.push_back(occupation);
      }
      profile = profile_of[key];
    }
    kernel.vacancy_profile[v] = profile;
    const std::vector<int32_t>& oe =
        profile >= 0 ? profile_essential[static_cast<size_t>(profile)] : kEmpty;
    const std::vector<int32_t>& oo =
        profile >= 0 ? profile_optional[static_cast<size_t>(profile)] : kEmpty;

    stated_essential.clear();
    AppendRaw(vacancy.essential_skills, kernel.num_skills, &stated_essential);
    SortUnique(&stated_essential);
    stated_optional.clear();
    AppendRaw(vacancy.optional_skills, kernel.num_skills, &stated_optional);
    SortUnique(&stated_optional);

    auto essential_size = static_cast<int32_t>(oe.size());
    auto optional_size = static_cast<int32_t>(oo.size());
    std::vector<SkillCorrection> local;
    for (int32_t s : stated_essential) {
      if (Contains(oe, s)) continue;
      const bool was_optional = Contains(oo, s);
      local.push_back({s, 1, static_cast<int8_t>(was_optional ? -1 : 0)});
      ++essential_size;
      if (was_optional) --optional_size;
    }
    for (int32_t s : stated_optional) {
      if (Contains(oe, s) || Contains(oo, s) || Contains(stated_essential, s)) continue;
      local.push_back({s, 0, 1});
      ++optional_size;
    }
    std::sort(local.begin(), local.end(), [](const SkillCorrection& a, const SkillCorrection& b) {
      return a.skill < b.skill;
    });
    kernel.corrections.insert(kernel.corrections.end(), local.begin(), local.end());
    kernel.correction_begin.push_back(static_cast<int64_t>(kernel.corrections.size()));
    kernel.essential_size[v] = essential_size;
    kernel.optional_size[v] = optional_size;
  }
  kernel.num_profiles = static_cast<int32_t>(profile_essential.size());
  kernel.profile_essential = ProfileMatrix(kernel.num_skills, profile_essential);
  kernel.profile_optional = ProfileMatrix(kernel.num_skills, profile_optional);
  return kernel;
}

void AddProfileCounts(const SkillKernel& kernel,
                      int32_t participant,
                      float* essential_row,
                      float* optional_row) {
  const auto& e = kernel.profile_essential;
  const auto& o = kernel.profile_optional;
  const int32_t* e_outer = e.outerIndexPtr();
  const int32_t* e_inner = e.innerIndexPtr();
  const float* e_value = e.valuePtr();
  const int32_t* o_outer = o.outerIndexPtr();
  const int32_t* o_inner = o.innerIndexPtr();
  const float* o_value = o.valuePtr();
  for (int32_t s : kernel.participant_skills.For(participant)) {
    for (int32_t k = e_outer[s]; k < e_outer[s + 1]; ++k) essential_row[e_inner[k]] += e_value[k];
    for (int32_t k = o_outer[s]; k < o_outer[s + 1]; ++k) optional_row[o_inner[k]] += o_value[k];
  }
}

void ClearProfileCounts(const SkillKernel& kernel,
                        int32_t participant,
                        float* essential_row,
                        float* optional_row) {
  const auto& e = kernel.profile_essential;
  const auto& o = kernel.profile_optional;
  for (int32_t s : kernel.participant_skills.For(participant)) {
    for (int32_t k = e.outerIndexPtr()[s]; k < e.outerIndexPtr()[s + 1]; ++k) {
      essential_row[e.innerIndexPtr()[k]] = 0.0f;
    }
    for (int32_t k = o.outerIndexPtr()[s]; k < o.outerIndexPtr()[s + 1]; ++k) {
      optional_row[o.innerIndexPtr()[k]] = 0.0f;
    }
  }
}

std::vector<int32_t> SkillsHeld(const Participant& participant, const ReferenceData& reference) {
  const auto num_skills = static_cast<int32_t>(reference.skills.size());
  std::vector<int32_t> held;
  AppendRaw(participant.skills, num_skills, &held);
  for (const OccupationRef& o : participant.occupations) {
    if (o.valid()) AppendRaw(reference.EssentialSkills(o), num_skills, &held);
  }
  SortUnique(&held);
  return held;
}

EssentialSkillGap EssentialSkillGapOf(const std::vector<int32_t>& held,
                                      const Vacancy& vacancy,
                                      const ReferenceData& reference) {
  const auto num_skills = static_cast<int32_t>(reference.skills.size());
  std::vector<int32_t> essential;
  if (vacancy.occupation.valid()) {
    AppendRaw(reference.EssentialSkills(vacancy.occupation), num_skills, &essential);
  }
  AppendRaw(vacancy.essential_skills, num_skills, &essential);
  SortUnique(&essential);
  EssentialSkillGap gap;
  for (int32_t s : essential) (Contains(held, s) ? gap.covered : gap.missing).emplace_back(s);
  return gap;
}

EssentialSkillGap EssentialSkillGapOf(const Participant& participant,
                                      const Vacancy& vacancy,
                                      const ReferenceData& reference) {
  return EssentialSkillGapOf(SkillsHeld(participant, reference), vacancy, reference);
}

void MarkSkills(const SkillKernel& kernel, int32_t participant, uint8_t value, uint8_t* marks) {
  for (int32_t s : kernel.participant_skills.For(participant)) marks[s] = value;
}

}  // namespace jobmatch

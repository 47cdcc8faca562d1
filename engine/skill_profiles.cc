#include "engine/skill_profiles.h"

#include <algorithm>
#include <functional>
#include <iterator>

#include "engine/check.h"
#include "engine/parallel.h"

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

// A vacancy's essential skills (its occupation's and its own), sorted, each
// once, appended to an empty `out`.
void AppendEssential(const Vacancy& vacancy,
                     const ReferenceData& reference,
                     std::vector<int32_t>* out) {
  const auto num_skills = static_cast<int32_t>(reference.skills.size());
  if (vacancy.occupation.valid()) {
    AppendRaw(reference.EssentialSkills(vacancy.occupation), num_skills, out);
  }
  AppendRaw(vacancy.essential_skills, num_skills, out);
  SortUnique(out);
}

void CloseList(const std::vector<int32_t>& items, SkillLists* lists) {
  lists->skills.insert(lists->skills.end(), items.begin(), items.end());
  lists->begin.push_back(static_cast<int64_t>(lists->skills.size()));
}

// A participant's skills and their occupations' essential ones, sorted, each
// once, appended to an empty `out` (SkillsHeld).
void AppendHeld(const Participant& participant,
                const ReferenceData& reference,
                std::vector<int32_t>* out) {
  const auto num_skills = static_cast<int32_t>(reference.skills.size());
  AppendRaw(participant.skills, num_skills, out);
  for (const OccupationRef& o : participant.occupations) {
    if (o.valid()) AppendRaw(reference.EssentialSkills(o), num_skills, out);
  }
  SortUnique(out);
}

// Lists 0..n-1, list i as fill(i, empty vector) leaves it: in chunks on
// num_threads, each chunk its own lists, joined in order (the same lists
// whatever the count).
SkillLists ListsInChunks(size_t n,
                         int32_t num_threads,
                         const std::function<void(size_t, std::vector<int32_t>*)>& fill) {
  constexpr size_t kChunk = 8192;
  std::vector<SkillLists> chunks((n + kChunk - 1) / kChunk);
  ForEachTask(chunks.size(), num_threads, [&](size_t c) {
    std::vector<int32_t> items;
    for (size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i) {
      items.clear();
      fill(i, &items);
      CloseList(items, &chunks[c]);
    }
  });
  SkillLists all;
  all.begin.reserve(n + 1);
  size_t total = 0;
  for (const SkillLists& lists : chunks) total += lists.skills.size();
  all.skills.reserve(total);
  for (const SkillLists& lists : chunks) {
    const int64_t offset = static_cast<int64_t>(all.skills.size());
    for (size_t i = 1; i < lists.begin.size(); ++i) all.begin.push_back(offset + lists.begin[i]);
    all.skills.insert(all.skills.end(), lists.skills.begin(), lists.skills.end());
  }
  return all;
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

SkillLists ParticipantSkillLists(const Dataset& dataset,
                                 const ReferenceData& reference,
                                 int32_t num_threads) {
  return ListsInChunks(
      dataset.participants.size(), num_threads, [&](size_t p, std::vector<int32_t>* items) {
        AppendHeld(dataset.participants[p], reference, items);
      });
}

VacancySkillLists VacancySkillListsOf(const Dataset& dataset, const ReferenceData& reference) {
  const auto num_skills = static_cast<int32_t>(reference.skills.size());
  VacancySkillLists lists;
  std::vector<int32_t> essential, optional, rest;
  for (const Vacancy& v : dataset.vacancies) {
    essential.clear();
    AppendEssential(v, reference, &essential);
    // The occupation's optional skills and the vacancy's own, minus every
    // essential one (the occupation's included).
    optional.clear();
    if (v.occupation.valid()) {
      AppendRaw(reference.OptionalSkills(v.occupation), num_skills, &optional);
    }
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

SkillKernel BuildSkillKernel(const Dataset& dataset,
                             const ReferenceData& reference,
                             int32_t num_threads) {
  SkillKernel kernel;
  kernel.num_skills = static_cast<int32_t>(reference.skills.size());
  kernel.participant_skills = ParticipantSkillLists(dataset, reference, num_threads);

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
  std::vector<int32_t> held;
  AppendHeld(participant, reference, &held);
  return held;
}

EssentialSkillGap EssentialSkillGapOf(const std::vector<int32_t>& held,
                                      std::span<const int32_t> essential) {
  EssentialSkillGap gap;
  for (int32_t s : essential) (Contains(held, s) ? gap.covered : gap.missing).emplace_back(s);
  return gap;
}

EssentialSkillGap EssentialSkillGapOf(const std::vector<int32_t>& held,
                                      const Vacancy& vacancy,
                                      const ReferenceData& reference) {
  std::vector<int32_t> essential;
  AppendEssential(vacancy, reference, &essential);
  return EssentialSkillGapOf(held, essential);
}

SkillLists VacancyEssentialSkills(const Dataset& dataset,
                                  const ReferenceData& reference,
                                  int32_t num_threads) {
  return ListsInChunks(
      dataset.vacancies.size(), num_threads, [&](size_t v, std::vector<int32_t>* essential) {
        AppendEssential(dataset.vacancies[v], reference, essential);
      });
}

EssentialSkillGap EssentialSkillGapOf(const Participant& participant,
                                      const Vacancy& vacancy,
                                      const ReferenceData& reference) {
  return EssentialSkillGapOf(SkillsHeld(participant, reference), vacancy, reference);
}

const std::vector<int32_t>& SkillsHeldCache::For(const Participant& participant,
                                                 const ReferenceData& reference) {
  if (&participant != last_) {
    for (const int32_t s : held_) marks_[static_cast<size_t>(s)] = 0;
    held_.clear();
    AppendHeld(participant, reference, &held_);
    marks_.resize(std::max(marks_.size(), reference.skills.size()), 0);
    for (const int32_t s : held_) marks_[static_cast<size_t>(s)] = 1;
    last_ = &participant;
  }
  return held_;
}

EssentialSkillGap SkillsHeldCache::Gap(const Participant& participant,
                                       const ReferenceData& reference,
                                       std::span<const int32_t> essential) {
  (void)For(participant, reference);
  size_t covered = 0;
  for (const int32_t s : essential) covered += marks_[static_cast<size_t>(s)];
  EssentialSkillGap gap;
  gap.covered.reserve(covered);
  gap.missing.reserve(essential.size() - covered);
  for (const int32_t s : essential) {
    (marks_[static_cast<size_t>(s)] != 0 ? gap.covered : gap.missing).emplace_back(s);
  }
  return gap;
}

void MarkSkills(const SkillKernel& kernel, int32_t participant, uint8_t value, uint8_t* marks) {
  for (int32_t s : kernel.participant_skills.For(participant)) marks[s] = value;
}

}  // namespace jobmatch

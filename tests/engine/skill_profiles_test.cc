#include "engine/skill_profiles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "engine/scorer.h"
#include "tests/engine/scoring_fixtures.h"

namespace jobmatch {
namespace {

using fixtures::AddParticipant;
using fixtures::AddVacancy;
using fixtures::Esco;
using fixtures::kBernburg;
using fixtures::Kldb;
using fixtures::Skills;

std::vector<int32_t> ToVector(std::span<const int32_t> s) {
  return {s.begin(), s.end()};
}

TEST(ParticipantSkillLists, AreStatedSkillsPlusEssentialSkillsOfEachOccupation) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  Participant& p = AddParticipant(&d, kBernburg);
  p.occupations = {Esco(0), Esco(1)};  // essential {0,1,2,3} and {1,6}; optional not credited
  p.skills = Skills({9, 3, 9});
  AddParticipant(&d, kBernburg).occupations = {Kldb(0)};  // KldB profile: essential {2,3}
  const SkillLists lists = ParticipantSkillLists(d, ref);
  ASSERT_EQ(lists.size(), 2);
  EXPECT_EQ(ToVector(lists.For(0)), (std::vector<int32_t>{0, 1, 2, 3, 6, 9}));
  EXPECT_EQ(ToVector(lists.For(1)), (std::vector<int32_t>{2, 3}));
}

TEST(VacancySkillListsOf, AddsStatedSkillsAndKeepsOptionalDisjointFromEssential) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  Vacancy& v = AddVacancy(&d, kBernburg);
  v.occupation = Esco(0);               // essential {0,1,2,3}, optional {4,5}
  v.essential_skills = Skills({4, 8});  // 4 moves from optional to essential
  v.optional_skills = Skills({1, 9});   // 1 is already essential
  AddVacancy(&d, kBernburg);            // nothing at all
  const VacancySkillLists lists = VacancySkillListsOf(d, ref);
  EXPECT_EQ(ToVector(lists.essential.For(0)), (std::vector<int32_t>{0, 1, 2, 3, 4, 8}));
  EXPECT_EQ(ToVector(lists.optional.For(0)), (std::vector<int32_t>{5, 9}));
  EXPECT_TRUE(lists.essential.For(1).empty());
  EXPECT_TRUE(lists.optional.For(1).empty());
}

TEST(BuildSkillKernel, SharesOneProfilePerOccupationAndNumbersThemByFirstUse) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddVacancy(&d, kBernburg).occupation = Esco(3);
  AddVacancy(&d, kBernburg).occupation = Kldb(1);
  AddVacancy(&d, kBernburg);
  AddVacancy(&d, kBernburg).occupation = Esco(3);
  const SkillKernel kernel = BuildSkillKernel(d, ref);
  EXPECT_EQ(kernel.num_profiles, 2);
  EXPECT_EQ(kernel.vacancy_profile, (std::vector<int32_t>{0, 1, -1, 0}));
  EXPECT_EQ(kernel.profile_essential.rows(), 10);
  EXPECT_EQ(kernel.profile_essential.cols(), 2);
  EXPECT_EQ(kernel.profile_essential.nonZeros(), 1 + 2);
  EXPECT_EQ(kernel.profile_optional.nonZeros(), 1);
}

// Every pair's kernel counts equal the plain set intersections.
TEST(PairSkillCounts, EqualSetIntersectionsOnRandomInstances) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    fixtures::TestRng rng(seed);
    const ReferenceData ref = fixtures::RandomReference(&rng, 40, 12);
    const Dataset d = fixtures::RandomDataset(&rng, ref, 40, 60, 30.0);
    const SkillKernel kernel = BuildSkillKernel(d, ref);
    const VacancySkillLists vacancy_lists = VacancySkillListsOf(d, ref);
    std::vector<float> ess(static_cast<size_t>(kernel.num_profiles), 0.0f);
    std::vector<float> opt(static_cast<size_t>(kernel.num_profiles), 0.0f);
    std::vector<uint8_t> marks(static_cast<size_t>(kernel.num_skills), 0);
    for (int32_t p = 0; p < static_cast<int32_t>(d.participants.size()); ++p) {
      AddProfileCounts(kernel, p, ess.data(), opt.data());
      MarkSkills(kernel, p, 1, marks.data());
      const auto mine = kernel.participant_skills.For(p);
      const std::set<int32_t> has(mine.begin(), mine.end());
      for (int32_t v = 0; v < static_cast<int32_t>(d.vacancies.size()); ++v) {
        int32_t e = 0, o = 0;
        for (int32_t s : vacancy_lists.essential.For(v)) e += has.contains(s) ? 1 : 0;
        for (int32_t s : vacancy_lists.optional.For(v)) o += has.contains(s) ? 1 : 0;
        const SkillCounts c = PairSkillCounts(kernel, ess.data(), opt.data(), marks.data(), v);
        ASSERT_EQ(c.essential, e) << "seed " << seed << " p " << p << " v " << v;
        ASSERT_EQ(c.optional, o) << "seed " << seed << " p " << p << " v " << v;
      }
      ClearProfileCounts(kernel, p, ess.data(), opt.data());
      MarkSkills(kernel, p, 0, marks.data());
      ASSERT_TRUE(std::all_of(ess.begin(), ess.end(), [](float x) { return x == 0.0f; }));
      ASSERT_TRUE(std::all_of(opt.begin(), opt.end(), [](float x) { return x == 0.0f; }));
      ASSERT_TRUE(std::all_of(marks.begin(), marks.end(), [](uint8_t x) { return x == 0; }));
    }
    for (int32_t v = 0; v < static_cast<int32_t>(d.vacancies.size()); ++v) {
      EXPECT_EQ(kernel.essential_size[static_cast<size_t>(v)],
                static_cast<int32_t>(vacancy_lists.essential.For(v).size()));
      EXPECT_EQ(kernel.optional_size[static_cast<size_t>(v)],
                static_cast<int32_t>(vacancy_lists.optional.For(v).size()));
    }
  }
}

TEST(EssentialSkillGapOf, SplitsTheVacancysEssentialSetIntoCoveredAndMissing) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  Participant& p = AddParticipant(&d, fixtures::kBernburg);
  p.occupations = {Esco(1)};         // forklift driver: essential {1, 6}
  p.skills = fixtures::Skills({3});  // and one stated skill
  Vacancy& v = AddVacancy(&d, fixtures::kBernburg);
  v.occupation = Esco(0);                         // warehouse worker: essential {0, 1, 2, 3}
  v.essential_skills = fixtures::Skills({9, 6});  // stated: {6, 9}
  const EssentialSkillGap gap = EssentialSkillGapOf(p, v, ref);
  EXPECT_EQ(gap.covered, fixtures::Skills({1, 3, 6}));
  EXPECT_EQ(gap.missing, fixtures::Skills({0, 2, 9}));
  // Its shares are the scorer's essential coverage.
  ScoringOptions o;
  o.num_threads = 1;
  o.top_k = 0;
  const ScoredPairs s = ScoreTopK(d, ref, o);
  ASSERT_EQ(s.For(ParticipantIndex(0)).size(), 1u);
  EXPECT_FLOAT_EQ(s.For(ParticipantIndex(0))[0].parts.essential_coverage, 0.5f);
}

TEST(SkillsHeldCache, GivesEachParticipantTheirOwnSkillsWhenLinesAlternate) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  Participant& a = AddParticipant(&d, fixtures::kBernburg);
  a.occupations = {Esco(1)};  // essential {1, 6}
  Participant& b = AddParticipant(&d, fixtures::kBernburg);
  b.skills = fixtures::Skills({0, 2});
  Vacancy& v = AddVacancy(&d, fixtures::kBernburg);
  v.occupation = Esco(0);  // essential {0, 1, 2, 3}
  SkillsHeldCache cache;
  // a, a, b, a: the cache follows each change of participant.
  for (const size_t i : {0, 0, 1, 0}) {
    const Participant& p = d.participants[i];
    const EssentialSkillGap cached = EssentialSkillGapOf(cache.For(p, ref), v, ref);
    const EssentialSkillGap direct = EssentialSkillGapOf(p, v, ref);
    EXPECT_EQ(cached.covered, direct.covered);
    EXPECT_EQ(cached.missing, direct.missing);
  }
  EXPECT_EQ(EssentialSkillGapOf(cache.For(d.participants[1], ref), v, ref).covered,
            fixtures::Skills({0, 2}));
  EXPECT_EQ(EssentialSkillGapOf(cache.For(d.participants[0], ref), v, ref).covered,
            fixtures::Skills({1}));
}

std::vector<int32_t> Values(const std::vector<SkillIndex>& skills) {
  std::vector<int32_t> out;
  for (const SkillIndex s : skills) out.push_back(s.value);
  return out;
}

TEST(SkillLists, AreTheSameOnAnyNumberOfThreadsAndMatchTheGapOfOnePair) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  const std::vector<OccupationRef> occupations = {
      Esco(0), Esco(1), Esco(3), Kldb(0), Kldb(1), OccupationRef{}};
  for (int32_t i = 0; i < 20000; ++i) {  // more than two chunks of lists
    Participant& p = AddParticipant(&d, kBernburg);
    p.occupations = {occupations[static_cast<size_t>(i % 6)]};
    if (i % 4 == 0) p.occupations.push_back(occupations[static_cast<size_t>((i / 4) % 6)]);
    p.skills = Skills({i % 10, (i / 10) % 10});
    Vacancy& v = AddVacancy(&d, kBernburg);
    v.occupation = occupations[static_cast<size_t>((i / 3) % 6)];
    if (i % 5 != 0) v.essential_skills = Skills({(i / 7) % 10});
  }
  const SkillLists held_one = ParticipantSkillLists(d, ref, 1);
  const SkillLists held_two = ParticipantSkillLists(d, ref, 2);
  EXPECT_EQ(held_one.begin, held_two.begin);
  EXPECT_EQ(held_one.skills, held_two.skills);
  const SkillLists essential_one = VacancyEssentialSkills(d, ref, 1);
  const SkillLists essential_two = VacancyEssentialSkills(d, ref, 2);
  EXPECT_EQ(essential_one.begin, essential_two.begin);
  EXPECT_EQ(essential_one.skills, essential_two.skills);
  const VacancySkillLists vacancy_lists = VacancySkillListsOf(d, ref);
  EXPECT_EQ(essential_one.begin, vacancy_lists.essential.begin);
  EXPECT_EQ(essential_one.skills, vacancy_lists.essential.skills);
  ASSERT_EQ(held_one.size(), 20000);
  ASSERT_EQ(essential_one.size(), 20000);
  int32_t with_gap = 0;
  for (int32_t i = 0; i < 20000; ++i) {
    const std::vector<int32_t> held = SkillsHeld(d.participants[static_cast<size_t>(i)], ref);
    ASSERT_EQ(ToVector(held_one.For(i)), held) << i;
    // Participant i against vacancy 19999 - i: the lists give the gap the
    // vacancy itself gives.
    const int32_t v = 19999 - i;
    const EssentialSkillGap direct =
        EssentialSkillGapOf(held, d.vacancies[static_cast<size_t>(v)], ref);
    const EssentialSkillGap listed = EssentialSkillGapOf(held, essential_one.For(v));
    ASSERT_EQ(Values(listed.covered), Values(direct.covered)) << i;
    ASSERT_EQ(Values(listed.missing), Values(direct.missing)) << i;
    with_gap += direct.missing.empty() ? 0 : 1;
  }
  // The writers' cache marks a participant's skills: the same gaps when it
  // moves from one participant to another and back.
  SkillsHeldCache cache;
  for (int32_t i = 0; i < 20000; i += 7) {
    for (const int32_t p : {i, (i * 13) % 20000, i}) {
      const Participant& participant = d.participants[static_cast<size_t>(p)];
      const int32_t v = (p * 31 + 5) % 20000;
      const EssentialSkillGap direct =
          EssentialSkillGapOf(participant, d.vacancies[static_cast<size_t>(v)], ref);
      const EssentialSkillGap cached = cache.Gap(participant, ref, essential_one.For(v));
      ASSERT_EQ(Values(cached.covered), Values(direct.covered)) << p;
      ASSERT_EQ(Values(cached.missing), Values(direct.missing)) << p;
      ASSERT_EQ(cache.For(participant, ref), SkillsHeld(participant, ref)) << p;
    }
  }
  EXPECT_GT(with_gap, 0);
  EXPECT_LT(with_gap, 20000);
}

}  // namespace
}  // namespace jobmatch

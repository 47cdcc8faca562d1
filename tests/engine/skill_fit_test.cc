// tests/engine/skill_fit_test.cc
//
// The skill fit of engine/scorer.h on the repository's reference data
// (loaders/refdata): the regressions behind the ISCO/KldB bridge rules of
// engine/reference.h and the skill gate of engine/exclusion_rules.h, with
// occupations as coordinators code them (KldB 2010 Berufsgattungen).

#include <gtest/gtest.h>

#include <string>

#include "engine/scorer.h"
#include "loaders/reference_loader.h"
#include "tests/engine/scoring_fixtures.h"

namespace jobmatch {
namespace {

using fixtures::AddParticipant;
using fixtures::AddVacancy;
using fixtures::kBernburg;

const ReferenceData& Repo() {
  static const ReferenceData* const ref = [] {
    Result<ReferenceData> loaded = LoadReferenceData(DefaultReferenceDir());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().ToString();
      return new ReferenceData();
    }
    return new ReferenceData(std::move(loaded).value());
  }();
  return *ref;
}

OccupationRef KldbCode(const std::string& code) {
  OccupationRef o;
  o.kldb = Repo().kldb_by_code.at(code);
  return o;
}

// One participant holding `held`, one vacancy per code of `offered`, all at
// Bernburg; returns the scored pairs with every rule but the skill gate passed.
ScoredPairs ScoreOne(const std::string& held, const std::vector<std::string>& offered) {
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).occupations = {KldbCode(held)};
  for (const std::string& code : offered) AddVacancy(&d, kBernburg).occupation = KldbCode(code);
  ScoringOptions o;
  o.num_threads = 1;
  o.top_k = 0;
  return ScoreTopK(d, Repo(), o);
}

const ScoredPair* Find(const ScoredPairs& s, int32_t v) {
  for (const ScoredPair& pair : s.For(ParticipantIndex(0))) {
    if (pair.vacancy.value == v) return &pair;
  }
  return nullptr;
}

// The reported case: a waiting-staff helper (63301, ISCO 9411/9412) proposed
// to a hairdressing helper job (82311) with "Pflichtkompetenzen 100 %
// abgedeckt", because 82311 was bridged to the residual group 9629 alone and
// profiled by the one skill its unrelated occupations share.
TEST(SkillFit, WaitingStaffHelperDoesNotCoverAHairdressingHelperJob) {
  const ScoredPairs s = ScoreOne("63301", {"82311", "29301"});
  const ScoredPair* hair = Find(s, 0);
  ASSERT_NE(hair, nullptr);  // "maintain customer service" is shared: low, not none
  EXPECT_LT(hair->parts.essential_coverage, 0.25f);
  EXPECT_EQ(hair->parts.isco_match_digits, 0);
  // The kitchen helper job (29301, ISCO 9412) is the related one and ranks first.
  const ScoredPair* kitchen = Find(s, 1);
  ASSERT_NE(kitchen, nullptr);
  EXPECT_GT(kitchen->parts.essential_coverage, 0.5f);
  EXPECT_GT(kitchen->score, hair->score);
}

// A nursing helper was offered bricklayer and cook jobs with 0 % coverage:
// the gate removes them and counts them under their own rule, while a
// nursing job (same Berufsgruppe) stays.
TEST(SkillFit, NursingHelperGetsNoBricklayerOrCookJobButKeepsNursing) {
  const ScoredPairs s = ScoreOne("81301", {"32122", "29302", "81302"});
  EXPECT_EQ(Find(s, 0), nullptr);
  EXPECT_EQ(Find(s, 1), nullptr);
  EXPECT_NE(Find(s, 2), nullptr);
  EXPECT_EQ(s.excluded[0][static_cast<size_t>(ExclusionReason::kNoSkillFit)], 2);
}

// No bridged helper code is fully covered by an unrelated helper occupation
// through generic skills alone: for every pair of helper codes of different
// Berufsgruppen without a shared ISCO minor group, coverage stays below 100 %.
TEST(SkillFit, NoUnrelatedHelperOccupationCoversAnotherFully) {
  const ReferenceData& ref = Repo();
  std::vector<std::string> helpers;
  for (const KldbOccupation& k : ref.kldb) {
    if (k.requirement_level == 1 && !k.essential.empty()) helpers.push_back(k.code);
  }
  ASSERT_GT(helpers.size(), 50u);
  Dataset d = fixtures::EmptyDataset();
  for (const std::string& code : helpers) {
    AddParticipant(&d, kBernburg).occupations = {KldbCode(code)};
    AddVacancy(&d, kBernburg).occupation = KldbCode(code);
  }
  ScoringOptions o;
  o.top_k = 0;
  o.require_skill_fit = false;
  const ScoredPairs s = ScoreTopK(d, ref, o);
  int64_t full_unrelated = 0, pairs = 0;
  for (int32_t p = 0; p < s.num_participants(); ++p) {
    for (const ScoredPair& pair : s.For(ParticipantIndex(p))) {
      const OccupationRef& a = d.participants[static_cast<size_t>(p)].occupations[0];
      const OccupationRef& b = d.vacancies[static_cast<size_t>(pair.vacancy.value)].occupation;
      if (RelatedOccupations(a, b, ref)) continue;
      const std::string pair_codes = ref.kldb[static_cast<size_t>(a.kldb.value)].code + ">" +
                                     ref.kldb[static_cast<size_t>(b.kldb.value)].code;
      // Metal production helpers (24101, bridged to 8121 metal processing
      // plant operators) hold every essential skill of metal working helpers
      // (24201, bridged to 7221/7223): machine feeding and monitoring,
      // shared by both; they sit in one Berufshauptgruppe (24).
      if (pair_codes == "24101>24201") continue;
      ++pairs;
      if (pair.parts.essential_coverage >= 1.0f) {
        ++full_unrelated;
        ADD_FAILURE() << ref.kldb[static_cast<size_t>(a.kldb.value)].code << " covers "
                      << ref.kldb[static_cast<size_t>(b.kldb.value)].code << " fully";
      }
    }
  }
  EXPECT_GT(pairs, 2000);
  EXPECT_EQ(full_unrelated, 0);
}

}  // namespace
}  // namespace jobmatch

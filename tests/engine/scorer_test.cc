#include "engine/scorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <set>
#include <vector>

#include "tests/engine/scoring_fixtures.h"

namespace jobmatch {
namespace {

using fixtures::AddParticipant;
using fixtures::AddVacancy;
using fixtures::Esco;
using fixtures::kBernburg;
using fixtures::Kldb;
using fixtures::Offset;
using fixtures::Skills;

constexpr Date kRunDate{20'414};  // 2025-11-22

ScoringOptions SerialKeepAll() {
  ScoringOptions o;
  o.num_threads = 1;
  o.top_k = 0;
  return o;
}

const ScoredPair* Find(const ScoredPairs& s, int32_t p, int32_t v) {
  for (const ScoredPair& pair : s.For(ParticipantIndex(p))) {
    if (pair.vacancy.value == v) return &pair;
  }
  return nullptr;
}

int32_t Excluded(const ScoredPairs& s, int32_t p, ExclusionReason r) {
  return s.excluded[static_cast<size_t>(p)][static_cast<size_t>(r)];
}

// The single pair (participant 0, vacancy 0) of a one-by-one dataset.
ScoredPair OnlyPair(const Dataset& d, const ReferenceData& ref, const ScoringOptions& o) {
  const ScoredPairs s = ScoreTopK(d, ref, o);
  EXPECT_EQ(s.For(ParticipantIndex(0)).size(), 1u);
  return s.For(ParticipantIndex(0)).empty() ? ScoredPair{} : s.For(ParticipantIndex(0))[0];
}

// --- names and contributions

TEST(ExclusionReasonName, IsDistinctAndReadableForEveryReason) {
  std::set<std::string_view> names;
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    const auto reason = static_cast<ExclusionReason>(r);
    EXPECT_FALSE(ExclusionReasonName(reason).empty());
    names.insert(ExclusionReasonName(reason));
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kNumExclusionReasons));
  EXPECT_EQ(ExclusionReasonName(ExclusionReason::kCommuteTooLong), "commute_too_long");
}

TEST(Contributions, AreTheWeightedPartsAndSumToTheScore) {
  ScoreParts parts;
  parts.skill = 0.5f;
  parts.german = 1.0f;
  parts.commute = 0.25f;
  parts.micro = 0.0f;
  ScoringWeights w{2.0, 1.0, 1.0, 0.0};
  const auto c = Contributions(parts, w);
  EXPECT_DOUBLE_EQ(c[0], 0.25);
  EXPECT_DOUBLE_EQ(c[1], 0.25);
  EXPECT_DOUBLE_EQ(c[2], 0.0625);
  EXPECT_DOUBLE_EQ(c[3], 0.0);
}

// --- each part on hand-worked cases

TEST(ScoreTopK, CommutePartFallsLinearlyToTheLimitByTransitAndByCar) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg);
  AddVacancy(&d, Offset(kBernburg, 0, 10));  // 10 km due north
  // Transit: 10 * 1.3 / 22 * 60 + 10 minutes against the 75-minute default (40 h).
  const double transit = 10 * 1.3 / 22 * 60 + 10;
  ScoredPair pair = OnlyPair(d, ref, SerialKeepAll());
  EXPECT_NEAR(pair.distance_km, 10.0, 1e-4);
  EXPECT_NEAR(pair.commute_minutes, transit, 1e-3);
  EXPECT_NEAR(pair.parts.commute, 1 - transit / 75, 1e-6);
  // Score: skill 0.5 (nothing known either way), German 1, micro 1 (5 staff).
  EXPECT_NEAR(pair.score, 0.45 * 0.5 + 0.20 + 0.20 * (1 - transit / 75) + 0.15, 1e-6);
  const auto c = Contributions(pair.parts, ScoringWeights{});
  EXPECT_NEAR(c[0] + c[1] + c[2] + c[3], pair.score, 1e-6);

  d.participants[0].driving_licence = true;
  d.participants[0].car = true;
  pair = OnlyPair(d, ref, SerialKeepAll());
  EXPECT_NEAR(pair.commute_minutes, 15.6, 1e-3);
  EXPECT_NEAR(pair.parts.commute, 1 - 15.6 / 75, 1e-6);
  d.participants[0].car = false;  // a licence without a car still means transit
  EXPECT_NEAR(OnlyPair(d, ref, SerialKeepAll()).commute_minutes, transit, 1e-3);
}

TEST(CommuteLimitMinutes, FollowsSection140OrTheParticipantsOwnLimit) {
  const ScoringOptions o;
  Participant p;
  Vacancy v;
  p.hours_per_week = 20;
  v.hours_per_week = 40;
  EXPECT_EQ(CommuteLimitMinutes(p, v, o), 75);  // > 6 h a day: 2.5 h there and back
  v.hours_per_week = 30;
  EXPECT_EQ(CommuteLimitMinutes(p, v, o), 60);  // exactly 30 h is not more than 6 h a day
  v.hours_per_week = 0;                         // the vacancy gives no hours: the participant's
  EXPECT_EQ(CommuteLimitMinutes(p, v, o), 60);
  p.hours_per_week = 35;
  EXPECT_EQ(CommuteLimitMinutes(p, v, o), 75);
  p.max_commute_minutes = 45;
  EXPECT_EQ(CommuteLimitMinutes(p, v, o), 45);
}

TEST(ScoreTopK, AppliesTheSection140DefaultsByTheVacancysHours) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).hours_per_week = 0;  // no hours rule
  // 16 km by transit: 16 * 1.3 / 22 * 60 + 10 = 66.7 minutes, between 60 and 75.
  AddVacancy(&d, Offset(kBernburg, 0, 16)).hours_per_week = 40;
  AddVacancy(&d, Offset(kBernburg, 0, -16)).hours_per_week = 20;
  const ScoredPairs s = ScoreTopK(d, ref, SerialKeepAll());
  ASSERT_NE(Find(s, 0, 0), nullptr);
  EXPECT_NEAR(Find(s, 0, 0)->parts.commute, 1 - (16 * 1.3 / 22 * 60 + 10) / 75, 1e-5);
  EXPECT_EQ(Find(s, 0, 1), nullptr);
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kCommuteTooLong), 1);

  d.participants[0].max_commute_minutes = 90;  // the participant's own limit wins
  const ScoredPairs own = ScoreTopK(d, ref, SerialKeepAll());
  ASSERT_NE(Find(own, 0, 1), nullptr);
  EXPECT_NEAR(Find(own, 0, 1)->parts.commute, 1 - (16 * 1.3 / 22 * 60 + 10) / 90, 1e-5);
}

TEST(ScoreTopK, GermanPartLosesThePenaltyPerLevelWithinTheTolerance) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).german = CefrLevel::kA2;
  AddVacancy(&d, Offset(kBernburg, 0, 1)).min_german = CefrLevel::kA1;  // above: 1
  AddVacancy(&d, Offset(kBernburg, 0, 1)).min_german = CefrLevel::kA2;  // at: 1
  AddVacancy(&d, Offset(kBernburg, 0, 1)).min_german = CefrLevel::kB1;  // one below: 0.5
  AddVacancy(&d, Offset(kBernburg, 0, 1)).min_german = CefrLevel::kB2;  // two below: excluded
  ScoringOptions o = SerialKeepAll();
  ScoredPairs s = ScoreTopK(d, ref, o);
  EXPECT_FLOAT_EQ(Find(s, 0, 0)->parts.german, 1.0f);
  EXPECT_FLOAT_EQ(Find(s, 0, 1)->parts.german, 1.0f);
  EXPECT_FLOAT_EQ(Find(s, 0, 2)->parts.german, 0.5f);
  EXPECT_EQ(Find(s, 0, 3), nullptr);
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kGermanTooLow), 1);

  o.german_tolerance_levels = 2;
  o.german_penalty_per_level = 0.3;
  s = ScoreTopK(d, ref, o);
  EXPECT_NEAR(Find(s, 0, 2)->parts.german, 0.7, 1e-6);
  EXPECT_NEAR(Find(s, 0, 3)->parts.german, 0.4, 1e-6);
  EXPECT_FALSE(Find(s, 0, 3)->bridge_course.valid());
}

TEST(ScoreTopK, MicroPartIsTheBonusOfTheEmployersSizeClass) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg);
  const int32_t staff[] = {5, 20, 100, 1000};
  for (int i = 0; i < 4; ++i) {
    Employer e = d.employers[0];
    e.staff = staff[i];
    d.employers.push_back(e);
    AddVacancy(&d, Offset(kBernburg, 0, 1)).employer = EmployerIndex(i + 1);
  }
  const ScoredPairs s = ScoreTopK(d, ref, SerialKeepAll());
  const float expected[] = {1.0f, 0.6f, 0.3f, 0.0f};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(Find(s, 0, i)->parts.micro, expected[i]);
}

// Skill part without the ISCO floor, to see the coverage formula alone.
// The skill part's arithmetic, without the floor and without the skill gate
// (which removes zero-coverage pairs; it has its own tests below).
ScoringOptions NoIscoFloor() {
  ScoringOptions o = SerialKeepAll();
  o.isco_group_floor = {0.0, 0.0, 0.0};
  o.require_skill_fit = false;
  return o;
}

TEST(ScoreTopK, SkillPartWeighsEssentialAndOptionalCoverage) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).occupations = {Esco(0)};  // has {0,1,2,3}
  Participant& second = AddParticipant(&d, kBernburg);
  second.occupations = {Esco(0)};
  second.skills = Skills({4});                     // and one of the two optional skills
  AddVacancy(&d, kBernburg).occupation = Esco(0);  // E {0,1,2,3}, O {4,5}
  Vacancy& more = AddVacancy(&d, kBernburg);
  more.occupation = Esco(0);
  more.essential_skills = Skills({6});  // E {0,1,2,3,6}
  const ScoredPairs s = ScoreTopK(d, ref, NoIscoFloor());
  const ScoredPair* a = Find(s, 0, 0);
  EXPECT_FLOAT_EQ(a->parts.essential_coverage, 1.0f);
  EXPECT_FLOAT_EQ(a->parts.optional_coverage, 0.0f);
  EXPECT_FLOAT_EQ(a->parts.skill, 0.75f);               // (1 - 0.25) * 1 + 0.25 * 0
  EXPECT_FLOAT_EQ(Find(s, 1, 0)->parts.skill, 0.875f);  // 0.75 + 0.25 * 0.5
  EXPECT_FLOAT_EQ(Find(s, 0, 1)->parts.essential_coverage, 0.8f);
  EXPECT_FLOAT_EQ(Find(s, 0, 1)->parts.skill, 0.6f);  // 0.75 * 0.8
}

TEST(ScoreTopK, SkillPartDoesNotCreditOptionalSkillsOfTheParticipantsOccupation) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).occupations = {Esco(0)};  // 4 and 5 are optional to it
  AddVacancy(&d, kBernburg).essential_skills = Skills({4});
  Vacancy& optional_only = AddVacancy(&d, kBernburg);
  optional_only.optional_skills = Skills({0, 9});
  const ScoredPairs s = ScoreTopK(d, ref, NoIscoFloor());
  EXPECT_FLOAT_EQ(Find(s, 0, 0)->parts.skill, 0.0f);
  // Only optional skills listed: the part is their coverage alone.
  EXPECT_FLOAT_EQ(Find(s, 0, 1)->parts.skill, 0.5f);
}

TEST(ScoreTopK, VacancyWithoutAnySkillGetsTheConfiguredSkillFitNeverAFullOne) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).occupations = {Esco(0)};
  AddVacancy(&d, kBernburg);  // no occupation, no skills
  ScoringOptions o = SerialKeepAll();
  // Nothing known either way: half by default, and the skill gate does not
  // judge an empty profile.
  EXPECT_FLOAT_EQ(OnlyPair(d, ref, o).parts.skill, 0.5f);
  EXPECT_FALSE(OnlyPair(d, ref, o).parts.has_essential_skills);
  o.skill_fit_without_requirements = 0.3;
  EXPECT_FLOAT_EQ(OnlyPair(d, ref, o).parts.skill, 0.3f);
}

TEST(ScoreTopK, VacancyListingNoEssentialSkillIsScoredFromItsOccupation) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).skills = Skills({0});
  Vacancy& v = AddVacancy(&d, kBernburg);
  v.occupation = Esco(0);  // lists nothing itself; warehouse worker needs {0,1,2,3}
  const ScoredPair pair = OnlyPair(d, ref, NoIscoFloor());
  EXPECT_TRUE(pair.parts.has_essential_skills);
  EXPECT_FLOAT_EQ(pair.parts.essential_coverage, 0.25f);
  EXPECT_LT(pair.parts.skill, 0.25f);
}

// --- the skill gate (kNoSkillFit)

TEST(ScoreTopK, SkillGateKeepsOneCoveredEssentialSkillAndRemovesNone) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).skills = Skills({6});  // just one of forklift's {1,6}
  AddParticipant(&d, kBernburg).skills = Skills({8});  // none of them
  AddVacancy(&d, kBernburg).occupation = Esco(1);      // forklift driver, ISCO 8344
  const ScoredPairs s = ScoreTopK(d, ref, SerialKeepAll());
  ASSERT_NE(Find(s, 0, 0), nullptr);
  EXPECT_FLOAT_EQ(Find(s, 0, 0)->parts.essential_coverage, 0.5f);
  EXPECT_EQ(Find(s, 1, 0), nullptr);
  EXPECT_EQ(Excluded(s, 1, ExclusionReason::kNoSkillFit), 1);
  EXPECT_EQ(s.excluded_total[static_cast<size_t>(ExclusionReason::kNoSkillFit)], 1);
  EXPECT_EQ(s.within_reach[1], 1);
  // A near miss of the gate alone, and the gate can be switched off.
  EXPECT_EQ(s.near_miss[1][static_cast<size_t>(ExclusionReason::kNoSkillFit)].count, 1);
  ScoringOptions off = SerialKeepAll();
  off.require_skill_fit = false;
  ASSERT_NE(Find(ScoreTopK(d, ref, off), 1, 0), nullptr);
  EXPECT_FLOAT_EQ(Find(ScoreTopK(d, ref, off), 1, 0)->parts.essential_coverage, 0.0f);
}

TEST(ScoreTopK, SkillGateLetsARelatedOccupationThroughWithoutCoverage) {
  ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).occupations = {Esco(2)};  // freight handler 9333, has {8}
  AddVacancy(&d, kBernburg).occupation = Esco(0);         // 9333: same unit group
  AddVacancy(&d, kBernburg).occupation = Esco(3);         // 9334: sibling unit group
  AddVacancy(&d, kBernburg).occupation = Esco(4);         // 9313: sub-major group only
  AddVacancy(&d, kBernburg).occupation = Esco(1);         // 8344: unrelated
  const ScoredPairs s = ScoreTopK(d, ref, SerialKeepAll());
  EXPECT_NE(Find(s, 0, 0), nullptr);
  EXPECT_NE(Find(s, 0, 1), nullptr);
  EXPECT_EQ(Find(s, 0, 2), nullptr);
  EXPECT_EQ(Find(s, 0, 3), nullptr);
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kNoSkillFit), 2);

  // KldB: the same Berufsgruppe relates (51301 helper, 51312 specialist),
  // even where the ISCO links differ (9333 against 4321).
  Dataset k = fixtures::EmptyDataset();
  AddParticipant(&k, kBernburg).occupations = {Kldb(1)};  // 51301, has {0,1}
  AddVacancy(&k, kBernburg).occupation = Kldb(0);         // 51312, needs {2,3}
  EXPECT_NE(Find(ScoreTopK(k, ref, SerialKeepAll()), 0, 0), nullptr);
  ref.kldb[0].code = "52312";  // another Berufsgruppe: nothing relates them
  EXPECT_EQ(Find(ScoreTopK(k, ref, SerialKeepAll()), 0, 0), nullptr);

  // A shared residual ISCO group ("not elsewhere classified") relates nothing.
  ReferenceData residual = fixtures::TinyReference();
  residual.occupations[2].isco_code = "9629";
  residual.occupations[1].isco_code = "9629";
  EXPECT_EQ(Find(ScoreTopK(d, residual, SerialKeepAll()), 0, 3), nullptr);
  residual.occupations[1].isco_code = "9621";  // a specific sibling does not count either
  EXPECT_EQ(Find(ScoreTopK(d, residual, SerialKeepAll()), 0, 3), nullptr);
}

TEST(ScoreTopK, SkillGateDoesNotJudgeAParticipantWithNothingOnRecord) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg);                   // no occupation, no skill
  AddVacancy(&d, kBernburg).occupation = Esco(1);  // needs {1,6}
  EXPECT_NE(Find(ScoreTopK(d, ref, SerialKeepAll()), 0, 0), nullptr);
}

TEST(ScoreTopK, RelatedOccupationsInTheIscoHierarchyRaiseTheSkillPartToAFloor) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).occupations = {Esco(2)};  // freight handler, ISCO 9333, has {8}
  AddVacancy(&d, kBernburg).occupation = Esco(0);         // 9333: same unit group
  AddVacancy(&d, kBernburg).occupation = Esco(3);         // 9334: same minor group
  AddVacancy(&d, kBernburg).occupation = Esco(4);         // 9313: same sub-major group
  AddVacancy(&d, kBernburg).occupation = Esco(1);         // 8344: unrelated
  AddVacancy(&d, kBernburg).occupation = Kldb(1);         // KldB bridged to 9333
  ScoringOptions o = SerialKeepAll();
  o.require_skill_fit = false;  // the floor's arithmetic; the gate is tested above
  const ScoredPairs s = ScoreTopK(d, ref, o);
  const int8_t digits[] = {4, 3, 2, 0, 4};
  const float skill[] = {0.6f, 0.4f, 0.2f, 0.0f, 0.6f};
  for (int v = 0; v < 5; ++v) {
    ASSERT_NE(Find(s, 0, v), nullptr) << v;
    EXPECT_EQ(Find(s, 0, v)->parts.isco_match_digits, digits[v]) << v;
    EXPECT_FLOAT_EQ(Find(s, 0, v)->parts.skill, skill[v]) << v;
    EXPECT_FLOAT_EQ(Find(s, 0, v)->parts.essential_coverage, 0.0f) << v;
  }
  // A floor never lowers a better coverage.
  d.participants[0].occupations = {Esco(0)};
  EXPECT_FLOAT_EQ(Find(ScoreTopK(d, ref, o), 0, 0)->parts.skill, 0.75f);
}

// A participant's occupations combine: the most ISCO digits any of them
// shares with the vacancy's, and related when any of them is, whatever their
// order; participants holding the same occupation read the same relation.
TEST(ScoreTopK, EachOccupationOfAParticipantCounts) {
  const ReferenceData ref = fixtures::TinyReference();
  for (const bool reversed : {false, true}) {
    SCOPED_TRACE(reversed ? "reversed" : "in order");
    Dataset d = fixtures::EmptyDataset();
    std::vector<OccupationRef> both = {Esco(1), Esco(4)};     // 8344 and 9313
    std::vector<OccupationRef> related = {Esco(1), Kldb(1)};  // 8344 and KldB 51301
    if (reversed) {
      std::reverse(both.begin(), both.end());
      std::reverse(related.begin(), related.end());
    }
    AddParticipant(&d, kBernburg).occupations = both;
    AddParticipant(&d, kBernburg).occupations = related;
    AddParticipant(&d, kBernburg).occupations = {Esco(4)};  // 9313 alone: not related to 51312
    AddVacancy(&d, kBernburg).occupation = Esco(0);         // 9333
    AddVacancy(&d, kBernburg).occupation = Esco(1);         // 8344
    AddVacancy(&d, kBernburg).occupation = Kldb(0);         // 51312
    const ScoredPairs s = ScoreTopK(d, ref, SerialKeepAll());
    ASSERT_NE(Find(s, 0, 0), nullptr);
    EXPECT_EQ(Find(s, 0, 0)->parts.isco_match_digits, 2);  // 9313's sub-major group
    ASSERT_NE(Find(s, 0, 1), nullptr);
    EXPECT_EQ(Find(s, 0, 1)->parts.isco_match_digits, 4);  // 8344 itself
    ASSERT_NE(Find(s, 1, 1), nullptr);
    EXPECT_EQ(Find(s, 1, 1)->parts.isco_match_digits, 4);
    // The skill gate: 51312 is related through the KldB occupation only.
    EXPECT_NE(Find(s, 1, 2), nullptr);
    EXPECT_EQ(Find(s, 2, 2), nullptr);
  }
}

TEST(RequirementLevel, ReadsTheKldbFifthDigitOrTheIscoSkillLevel) {
  ReferenceData ref = fixtures::TinyReference();
  EXPECT_EQ(RequirementLevel(Kldb(0), ref), 2);
  EXPECT_EQ(RequirementLevel(Kldb(1), ref), 1);
  EXPECT_EQ(RequirementLevel(Esco(0), ref), 1);  // 9333 elementary
  EXPECT_EQ(RequirementLevel(Esco(1), ref), 2);  // 8344 operators
  EXPECT_EQ(RequirementLevel(Esco(5), ref), 4);  // 2512 professionals
  EXPECT_EQ(RequirementLevel(OccupationRef{}, ref), 1);
  ref.occupations[0].isco_code = "3115";
  EXPECT_EQ(RequirementLevel(Esco(0), ref), 3);
  ref.occupations[0].isco_code = "1411";
  EXPECT_EQ(RequirementLevel(Esco(0), ref), 3);
  ref.occupations[0].isco_code = "1120";
  EXPECT_EQ(RequirementLevel(Esco(0), ref), 4);
}

TEST(QualificationLevel, CountsAnUnrecognisedQualificationOneLevelLower) {
  ScoringOptions o;
  Participant p;
  EXPECT_EQ(QualificationLevel(p, o), 1);
  p.qualification = Qualification::kVocational;
  p.qualification_recognised = true;
  EXPECT_EQ(QualificationLevel(p, o), 2);
  p.qualification_recognised = false;
  EXPECT_EQ(QualificationLevel(p, o), 1);
  p.qualification = Qualification::kAcademic;
  EXPECT_EQ(QualificationLevel(p, o), 3);
  o.unrecognised_qualification_levels = 0;
  EXPECT_EQ(QualificationLevel(p, o), 4);
}

TEST(ScoreTopK, RequirementLevelAboveTheQualificationLowersTheSkillPartOfJobsOnly) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  const Qualification q[] = {
      Qualification::kVocational, Qualification::kAcademic, Qualification::kAcademic};
  const bool recognised[] = {true, false, true};
  for (int i = 0; i < 3; ++i) {
    Participant& p = AddParticipant(&d, kBernburg);
    p.skills = Skills({6, 7});  // all a developer needs
    p.qualification = q[i];
    p.qualification_recognised = recognised[i];
  }
  AddVacancy(&d, kBernburg).occupation = Esco(5);  // developer job: level 4
  Vacancy& training = AddVacancy(&d, kBernburg);
  training.occupation = Esco(5);
  training.kind = VacancyKind::kInternship;
  ScoringOptions o = SerialKeepAll();
  const ScoredPairs s = ScoreTopK(d, ref, o);
  const float fit[] = {0.5f, 0.75f, 1.0f};  // levels 2, 3, 4 against 4
  for (int p = 0; p < 3; ++p) {
    EXPECT_FLOAT_EQ(Find(s, p, 0)->parts.requirement_fit, fit[p]) << p;
    EXPECT_FLOAT_EQ(Find(s, p, 0)->parts.skill, fit[p]) << p;
    EXPECT_FLOAT_EQ(Find(s, p, 1)->parts.requirement_fit, 1.0f) << p;  // internship
  }
}

// --- pathways

TEST(PathwayAllows, FollowsTheDocumentedTable) {
  const ScoringOptions o;
  Participant p;
  auto allows = [&](VacancyKind kind, int32_t level) { return PathwayAllows(p, kind, level, o); };
  // Goal job, no qualification: helper jobs, training, internships.
  p.goal = Goal::kJob;
  p.qualification = Qualification::kNone;
  EXPECT_TRUE(allows(VacancyKind::kJob, 1));
  EXPECT_FALSE(allows(VacancyKind::kJob, 2));
  EXPECT_TRUE(allows(VacancyKind::kTraining, 2));
  EXPECT_TRUE(allows(VacancyKind::kInternship, 3));
  // Goal job, qualified (recognised or not): jobs of any level and internships.
  for (Qualification q : {Qualification::kVocational, Qualification::kAcademic}) {
    for (bool recognised : {false, true}) {
      p.qualification = q;
      p.qualification_recognised = recognised;
      EXPECT_TRUE(allows(VacancyKind::kJob, 1));
      EXPECT_TRUE(allows(VacancyKind::kJob, 4));
      EXPECT_FALSE(allows(VacancyKind::kTraining, 2));
      EXPECT_TRUE(allows(VacancyKind::kInternship, 2));
    }
  }
  // Goal training: training and internships, whatever the qualification.
  p.goal = Goal::kTraining;
  for (Qualification q : {Qualification::kNone, Qualification::kVocational}) {
    p.qualification = q;
    EXPECT_FALSE(allows(VacancyKind::kJob, 1));
    EXPECT_TRUE(allows(VacancyKind::kTraining, 2));
    EXPECT_TRUE(allows(VacancyKind::kInternship, 1));
  }
  // Goal internship: like goal job.
  p.goal = Goal::kInternship;
  p.qualification = Qualification::kNone;
  EXPECT_TRUE(allows(VacancyKind::kJob, 1));
  EXPECT_FALSE(allows(VacancyKind::kJob, 2));
  EXPECT_TRUE(allows(VacancyKind::kInternship, 1));
  // Without pathways, everything is open.
  ScoringOptions off;
  off.apply_pathways = false;
  p.goal = Goal::kTraining;
  EXPECT_TRUE(PathwayAllows(p, VacancyKind::kJob, 4, off));
}

// --- one test per hard rule: removed, counted under it, and a near miss

class HardRule : public ::testing::Test {
 protected:
  void SetUp() override {
    ref_ = fixtures::TinyReference();
    dataset_ = fixtures::EmptyDataset();
    AddParticipant(&dataset_, kBernburg);
    AddVacancy(&dataset_, Offset(kBernburg, 3, 4));
    options_ = SerialKeepAll();
    options_.run_date = kRunDate;
    const ScoredPairs base = ScoreTopK(dataset_, ref_, options_);
    ASSERT_NE(Find(base, 0, 0), nullptr) << "the unmodified pair must be kept";
    base_score_ = Find(base, 0, 0)->score;
  }
  // Scores and checks that the pair is removed by `reason` alone.
  ScoredPairs ExpectRemovedBy(ExclusionReason reason) {
    ScoredPairs s = ScoreTopK(dataset_, ref_, options_);
    EXPECT_EQ(Find(s, 0, 0), nullptr);
    EXPECT_EQ(s.within_reach[0], 1);
    EXPECT_EQ(s.eligible[0], 0);
    for (int r = 0; r < kNumExclusionReasons; ++r) {
      const int32_t expected = r == static_cast<int>(reason) ? 1 : 0;
      EXPECT_EQ(s.excluded[0][static_cast<size_t>(r)], expected) << ExclusionReasonName(reason);
      EXPECT_EQ(s.excluded_total[static_cast<size_t>(r)], expected);
      EXPECT_EQ(s.near_miss[0][static_cast<size_t>(r)].count, expected);
    }
    const NearMiss& miss = s.near_miss[0][static_cast<size_t>(reason)];
    EXPECT_EQ(miss.best, VacancyIndex(0));
    return s;
  }
  ReferenceData ref_;
  Dataset dataset_;
  ScoringOptions options_;
  float base_score_ = 0.0f;
};

TEST_F(HardRule, WorkNotPermitted) {
  dataset_.participants[0].work_permitted = false;
  const ScoredPairs s = ExpectRemovedBy(ExclusionReason::kWorkNotPermitted);
  // The near miss carries the score the pair has once work is permitted.
  EXPECT_EQ(s.near_miss[0][0].best_score, base_score_);
}

TEST_F(HardRule, RejectedBefore) {
  dataset_.history.push_back({ParticipantIndex(0), VacancyIndex(0), OutcomeKind::kProposed, {}});
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);  // proposed is no rejection
  dataset_.history.push_back({ParticipantIndex(0), VacancyIndex(0), OutcomeKind::kRejected, {}});
  ExpectRemovedBy(ExclusionReason::kRejectedBefore);
}

TEST_F(HardRule, Expired) {
  dataset_.vacancies[0].expires = kRunDate;  // expiring today still counts
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  dataset_.vacancies[0].expires = Date{kRunDate.days - 1};
  ExpectRemovedBy(ExclusionReason::kExpired);
  options_.run_date.reset();  // no run date: expiry is not checked
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
}

TEST_F(HardRule, KindExcludedByThePathway) {
  dataset_.vacancies[0].kind = VacancyKind::kTraining;  // qualified, goal job: no training
  ExpectRemovedBy(ExclusionReason::kKindExcluded);
  options_.apply_pathways = false;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
}

TEST_F(HardRule, UnqualifiedParticipantsGetHelperJobsOnly) {
  dataset_.participants[0].qualification = Qualification::kNone;
  dataset_.vacancies[0].occupation = Kldb(1);  // helper level
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  dataset_.vacancies[0].occupation = Kldb(0);  // skilled level
  ExpectRemovedBy(ExclusionReason::kKindExcluded);
  options_.unqualified_max_requirement_level = 2;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
}

// Pathway rules of a programme: each counted under its own name, with a
// participant just inside and just outside.

TEST_F(HardRule, InternshipGoalGetsInternshipsOnly) {
  dataset_.participants[0].goal = Goal::kInternship;
  ExpectRemovedBy(ExclusionReason::kGoalInternship);  // a job
  dataset_.vacancies[0].kind = VacancyKind::kInternship;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  dataset_.vacancies[0].kind = VacancyKind::kJob;
  dataset_.participants[0].goal = Goal::kJob;  // just outside: goal job
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  dataset_.participants[0].goal = Goal::kInternship;
  options_.programme.internship_goal_internships_only = false;  // the rule off
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
}

TEST_F(HardRule, WithoutQualificationIntoTrainingNotJobs) {
  options_.programme.unqualified_into_training = true;
  dataset_.vacancies[0].occupation = Kldb(1);                           // a helper job
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);  // qualified: inside
  dataset_.participants[0].qualification = Qualification::kNone;
  ExpectRemovedBy(ExclusionReason::kUnqualifiedTraining);
  dataset_.vacancies[0].kind = VacancyKind::kTraining;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  dataset_.vacancies[0].kind = VacancyKind::kInternship;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
}

TEST_F(HardRule, WithAQualificationNoHelperJobs) {
  options_.programme.no_helper_jobs_for_qualified = true;
  dataset_.vacancies[0].occupation = Kldb(0);  // requirement level 2: fits the qualification
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  dataset_.vacancies[0].occupation = Kldb(1);                 // level 1: a helper job
  dataset_.participants[0].qualification_recognised = false;  // recognised or not
  ExpectRemovedBy(ExclusionReason::kHelperJobQualified);
  dataset_.participants[0].qualification = Qualification::kAcademic;
  ExpectRemovedBy(ExclusionReason::kHelperJobQualified);
  dataset_.participants[0].qualification = Qualification::kNone;  // no qualification: open
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  EXPECT_EQ(PathwayFailures(dataset_.participants[0], VacancyKind::kJob, 1, options_), 0u);
}

TEST_F(HardRule, HelperJobsAsFallbackOnlyWhenNothingElseIsOpen) {
  options_.programme.no_helper_jobs_for_qualified = true;
  options_.programme.helper_jobs_as_fallback = true;
  dataset_.vacancies[0].occupation = Kldb(1);  // the only vacancy: a helper job
  ScoredPairs s = ScoreTopK(dataset_, ref_, options_);
  ASSERT_NE(Find(s, 0, 0), nullptr);  // the fallback opens it
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kHelperJobQualified), 0);
  EXPECT_EQ(s.eligible[0], 1);
  // A qualified job within reach: the helper job is closed again.
  AddVacancy(&dataset_, Offset(kBernburg, 2, 2)).occupation = Kldb(0);
  s = ScoreTopK(dataset_, ref_, options_);
  ASSERT_EQ(s.For(ParticipantIndex(0)).size(), 1u);
  EXPECT_EQ(s.For(ParticipantIndex(0))[0].vacancy, VacancyIndex(1));
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kHelperJobQualified), 1);
}

TEST_F(HardRule, WithoutGermanWorkExperienceAnInternshipBeforeAJob) {
  options_.programme.internship_before_job = true;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);  // unknown: open
  dataset_.participants[0].german_work_experience = true;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  dataset_.participants[0].german_work_experience = false;
  ExpectRemovedBy(ExclusionReason::kInternshipBeforeJob);
  dataset_.vacancies[0].kind = VacancyKind::kInternship;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  options_.apply_pathways = false;  // no pathways at all
  dataset_.vacancies[0].kind = VacancyKind::kJob;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
}

TEST(PathwayRules, ANamedRuleCountsBeforeTheTable) {
  ScoringOptions o;
  o.programme.unqualified_into_training = true;
  Participant p;
  p.qualification = Qualification::kNone;
  p.goal = Goal::kInternship;
  // Goal internship comes first, then the programme's rule; the table
  // closes skilled jobs to the unqualified too.
  const uint32_t fail = PathwayFailures(p, VacancyKind::kJob, 2, o);
  EXPECT_NE(fail & (1u << static_cast<int>(ExclusionReason::kGoalInternship)), 0u);
  EXPECT_NE(fail & (1u << static_cast<int>(ExclusionReason::kUnqualifiedTraining)), 0u);
  EXPECT_NE(fail & (1u << static_cast<int>(ExclusionReason::kKindExcluded)), 0u);
  EXPECT_EQ(PathwayFailures(p, VacancyKind::kInternship, 1, o), 0u);
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    const auto reason = static_cast<ExclusionReason>(r);
    EXPECT_EQ(
        IsPathwayRule(reason),
        reason >= ExclusionReason::kGoalInternship && reason <= ExclusionReason::kKindExcluded);
  }
}

TEST_F(HardRule, LicenceMissing) {
  dataset_.vacancies[0].driving_licence_required = true;
  ExpectRemovedBy(ExclusionReason::kLicenceMissing);
  dataset_.participants[0].driving_licence = true;
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
}

TEST_F(HardRule, HoursMismatch) {
  dataset_.participants[0].hours_per_week = 35;
  dataset_.vacancies[0].hours_per_week = 40;  // 40 <= 35 + 5: fits
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
  dataset_.participants[0].hours_per_week = 30;
  ExpectRemovedBy(ExclusionReason::kHoursMismatch);
  dataset_.participants[0].hours_per_week = 0;  // unknown hours: no rule
  EXPECT_NE(Find(ScoreTopK(dataset_, ref_, options_), 0, 0), nullptr);
}

TEST_F(HardRule, CommuteTooLong) {
  dataset_.participants[0].hours_per_week = 0;
  dataset_.vacancies[0].hours_per_week = 20;                     // short day: 60 minutes
  dataset_.vacancies[0].place.point = Offset(kBernburg, 0, 16);  // 66.7 minutes by transit
  const ScoredPairs s = ExpectRemovedBy(ExclusionReason::kCommuteTooLong);
  // With the rule lifted the commute part is clamped at 0 (skill 0.5: no skill known).
  EXPECT_NEAR(s.near_miss[0][static_cast<size_t>(ExclusionReason::kCommuteTooLong)].best_score,
              0.45 * 0.5 + 0.20 + 0.0 + 0.15,
              1e-6);
}

TEST_F(HardRule, GermanTooLow) {
  dataset_.participants[0].german = CefrLevel::kA1;
  dataset_.vacancies[0].min_german = CefrLevel::kB1;
  const ScoredPairs s = ExpectRemovedBy(ExclusionReason::kGermanTooLow);
  options_.german_tolerance_levels = 2;  // its near-miss score is the score once allowed
  const ScoredPairs relaxed = ScoreTopK(dataset_, ref_, options_);
  ASSERT_NE(Find(relaxed, 0, 0), nullptr);
  EXPECT_EQ(s.near_miss[0][static_cast<size_t>(ExclusionReason::kGermanTooLow)].best_score,
            Find(relaxed, 0, 0)->score);
}

TEST_F(HardRule, APairBrokenByTwoRulesCountsUnderTheFirstAndIsNoNearMiss) {
  dataset_.participants[0].work_permitted = false;
  dataset_.vacancies[0].driving_licence_required = true;
  const ScoredPairs s = ScoreTopK(dataset_, ref_, options_);
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kWorkNotPermitted), 1);
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kLicenceMissing), 0);
  for (const NearMiss& miss : s.near_miss[0]) EXPECT_EQ(miss.count, 0);
}

// --- reach

TEST(ScoreTopK, VacanciesBeyondReachAreNeitherScoredNorCounted) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).max_commute_minutes = 30;  // transit: 5.6 km reach
  AddVacancy(&d, Offset(kBernburg, 0, 3));
  AddVacancy(&d, Offset(kBernburg, 0, 16));
  AddVacancy(&d, Offset(kBernburg, 200, 0));
  const ScoredPairs s = ScoreTopK(d, ref, SerialKeepAll());
  EXPECT_EQ(s.within_reach[0], 1);
  EXPECT_EQ(s.pairs_examined, 1);
  EXPECT_EQ(s.eligible[0], 1);
  for (int32_t n : s.excluded[0]) EXPECT_EQ(n, 0);
}

TEST(ScoreTopK, HandlesNoParticipantsAndNoVacancies) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  ScoredPairs s = ScoreTopK(d, ref, ScoringOptions{});
  EXPECT_EQ(s.num_participants(), 0);
  EXPECT_TRUE(s.pairs.empty());
  AddParticipant(&d, kBernburg);
  s = ScoreTopK(d, ref, ScoringOptions{});
  EXPECT_EQ(s.num_participants(), 1);
  EXPECT_TRUE(s.For(ParticipantIndex(0)).empty());
  EXPECT_EQ(s.within_reach[0], 0);
  EXPECT_EQ(s.pairs_examined, 0);
}

// --- course bridge

class CourseBridge : public ::testing::Test {
 protected:
  void SetUp() override {
    ref_ = fixtures::TinyReference();
    dataset_ = fixtures::EmptyDataset();
    AddParticipant(&dataset_, kBernburg).german = CefrLevel::kA1;
    Vacancy& v = AddVacancy(&dataset_, Offset(kBernburg, 0, 2));
    v.min_german = CefrLevel::kB1;  // two levels above A1: beyond the tolerance
    v.start_date = Date{kRunDate.days + 200};
    options_ = SerialKeepAll();
    options_.run_date = kRunDate;
    // These tests are about timing and reach: units are plentiful (the
    // lengths are tested in CourseLength below).
    options_.course_lessons_per_week = 50;
  }
  Course& AddCourse(CefrLevel target, int32_t start_offset, int32_t weeks, GeoPoint place) {
    Course c;
    c.id = "C" + std::to_string(dataset_.courses.size());
    c.kind = CourseKind::kLanguage;
    c.target_level = target;
    c.place = fixtures::PlaceAt(place);
    c.start_date = Date{kRunDate.days + start_offset};
    c.weeks = weeks;
    dataset_.courses.push_back(c);
    return dataset_.courses.back();
  }
  const ScoredPair* Pair() {
    scored_ = ScoreTopK(dataset_, ref_, options_);
    return Find(scored_, 0, 0);
  }
  ReferenceData ref_;
  Dataset dataset_;
  ScoringOptions options_;
  ScoredPairs scored_;
};

TEST_F(CourseBridge, KeepsThePairAndScoresGermanAsFitAfterTheCourse) {
  EXPECT_EQ(Pair(), nullptr);
  AddCourse(CefrLevel::kB1, 10, 20, Offset(kBernburg, 1, 0));  // finishes day 150 < 200
  const ScoredPair* pair = Pair();
  ASSERT_NE(pair, nullptr);
  EXPECT_EQ(pair->bridge_course, CourseIndex(0));
  EXPECT_FLOAT_EQ(pair->parts.german, 1.0f);
  EXPECT_EQ(Excluded(scored_, 0, ExclusionReason::kGermanTooLow), 0);
  options_.course_bridge_german_fit = 0.8;
  EXPECT_FLOAT_EQ(Pair()->parts.german, 0.8f);
}

TEST_F(CourseBridge, NeedsTheCourseToFinishBeforeTheVacancyStarts) {
  AddCourse(CefrLevel::kB1, 10, 28, kBernburg);  // finishes day 206 > 200
  EXPECT_EQ(Pair(), nullptr);
  dataset_.vacancies[0].start_date = Date{kRunDate.days + 206};  // on the start day: fits
  EXPECT_NE(Pair(), nullptr);
}

TEST_F(CourseBridge, WithoutAVacancyStartUsesTheHorizonFromTheRunDate) {
  dataset_.vacancies[0].start_date.reset();
  AddCourse(CefrLevel::kB1, 0, 27, kBernburg);  // 27 weeks > 26
  EXPECT_EQ(Pair(), nullptr);
  options_.course_horizon_weeks = 27;
  EXPECT_NE(Pair(), nullptr);
  // No run date either: a course of at most the horizon, from its own start.
  options_.run_date.reset();
  options_.course_horizon_weeks = 26;
  EXPECT_EQ(Pair(), nullptr);
  dataset_.courses[0].weeks = 26;
  EXPECT_NE(Pair(), nullptr);
}

TEST_F(CourseBridge, IgnoresCoursesOutOfReachStartedTooLowOrVocational) {
  AddCourse(CefrLevel::kB1, 10, 20, Offset(kBernburg, 0, 40));  // beyond 60/75 min by transit
  AddCourse(CefrLevel::kB1, -5, 20, kBernburg);                 // started before the run date
  AddCourse(CefrLevel::kA2, 10, 20, kBernburg);                 // does not reach B1
  AddCourse(CefrLevel::kB1, 10, 20, kBernburg).kind = CourseKind::kVocational;
  EXPECT_EQ(Pair(), nullptr);
  EXPECT_EQ(Excluded(scored_, 0, ExclusionReason::kGermanTooLow), 1);
  // A car brings the far course within reach.
  dataset_.participants[0].driving_licence = true;
  dataset_.participants[0].car = true;
  ASSERT_NE(Pair(), nullptr);
  EXPECT_EQ(Pair()->bridge_course, CourseIndex(0));
}

TEST_F(CourseBridge, TakesTheEarliestFinishingCourseAndBreaksTiesByIndex) {
  AddCourse(CefrLevel::kC1, 20, 20, kBernburg);  // finishes 160
  AddCourse(CefrLevel::kB1, 30, 10, kBernburg);  // finishes 100
  AddCourse(CefrLevel::kB2, 0, 14, kBernburg);   // finishes 98
  AddCourse(CefrLevel::kB1, 14, 12, kBernburg);  // finishes 98, later index
  ASSERT_NE(Pair(), nullptr);
  EXPECT_EQ(Pair()->bridge_course, CourseIndex(2));
}

TEST_F(CourseBridge, AlsoMarksGapsWithinTheToleranceAndStopsAtTheBridgeLimit) {
  AddCourse(CefrLevel::kB2, 10, 20, kBernburg);
  dataset_.participants[0].german = CefrLevel::kA2;  // one level: within the tolerance
  ASSERT_NE(Pair(), nullptr);
  EXPECT_EQ(Pair()->bridge_course, CourseIndex(0));
  EXPECT_FLOAT_EQ(Pair()->parts.german, 1.0f);
  dataset_.participants[0].german =
      CefrLevel::kA0;  // three levels: beyond course_bridge_max_levels
  EXPECT_EQ(Pair(), nullptr);
  options_.course_bridge_max_levels = 3;
  EXPECT_NE(Pair(), nullptr);
  // The strict reading: a course only marks gaps within the tolerance.
  dataset_.participants[0].german = CefrLevel::kA1;
  options_.course_bridge_max_levels = options_.german_tolerance_levels;
  EXPECT_EQ(Pair(), nullptr);
}

TEST_F(CourseBridge, ACourseOfAbsurdLengthNeverWrapsIntoABridge) {
  // 7 * weeks days does not fit in 32 bits: the course ends long after the
  // vacancy starts instead of wrapping around to a day before it.
  AddCourse(CefrLevel::kB1, 10, std::numeric_limits<int32_t>::max(), kBernburg);
  EXPECT_EQ(Pair(), nullptr);
  EXPECT_EQ(Excluded(scored_, 0, ExclusionReason::kGermanTooLow), 1);
  AddCourse(CefrLevel::kB1, 10, 20, kBernburg);
  ASSERT_NE(Pair(), nullptr);
  EXPECT_EQ(Pair()->bridge_course, CourseIndex(1));
  // An absurd horizon (vacancy without start) saturates instead of wrapping:
  // every course that starts on time fits, the earliest finishing wins.
  dataset_.vacancies[0].start_date.reset();
  options_.course_horizon_weeks = std::numeric_limits<int32_t>::max();
  ASSERT_NE(Pair(), nullptr);
  EXPECT_EQ(Pair()->bridge_course, CourseIndex(1));
}

// --- nearest misses

TEST(ScoreTopK, NearMissCountsVacanciesOneRuleAwayAndNamesTheBest) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).german = CefrLevel::kA1;
  for (double km : {8.0, 2.0, 5.0})
    AddVacancy(&d, Offset(kBernburg, 0, km)).min_german = CefrLevel::kB1;
  Vacancy& both = AddVacancy(&d, Offset(kBernburg, 0, 1));  // German and licence: two rules
  both.min_german = CefrLevel::kB1;
  both.driving_licence_required = true;
  AddVacancy(&d, Offset(kBernburg, 0, 9));  // fits
  ScoringOptions o = SerialKeepAll();
  const ScoredPairs s = ScoreTopK(d, ref, o);
  const NearMiss& german = s.near_miss[0][static_cast<size_t>(ExclusionReason::kGermanTooLow)];
  EXPECT_EQ(german.count, 3);
  EXPECT_EQ(german.best, VacancyIndex(1));  // the nearest
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kLicenceMissing), 1);
  EXPECT_EQ(s.near_miss[0][static_cast<size_t>(ExclusionReason::kLicenceMissing)].count, 0);
  EXPECT_EQ(s.eligible[0], 1);
  o.german_tolerance_levels = 2;
  const ScoredPairs relaxed = ScoreTopK(d, ref, o);
  EXPECT_EQ(relaxed.eligible[0], 1 + german.count);
  EXPECT_EQ(german.best_score, Find(relaxed, 0, 1)->score);
}

// A count times the float reciprocal of its set's size may round above 1
// (3 * (1/3)): the bounds that let pairs skip the score must allow for that,
// or a nearest miss tied with another depends on the order in which the grid
// visits the vacancies.
TEST(ScoreTopK, TiedNearMissesNameTheLowerVacancyWhateverTheGrid) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  Participant& p = AddParticipant(&d, kBernburg);
  p.hours_per_week = 0;
  p.skills = Skills({0, 1, 2});
  // Two short-day jobs 16 km away (66.7 minutes by transit, the limit is 60):
  // vacancy 0 to the east, vacancy 1 to the west; the commute part of both is 0.
  for (double east_km : {16.0, -16.0}) {
    Vacancy& v = AddVacancy(&d, Offset(kBernburg, east_km, 0));
    v.hours_per_week = 20;
    v.essential_skills = Skills({0, 1, 2});  // all covered: coverage 3 * (1/3)
  }
  ScoringOptions o = SerialKeepAll();
  o.run_date = kRunDate;
  constexpr auto kCommute = static_cast<size_t>(ExclusionReason::kCommuteTooLong);
  for (int i = 0; i < 64; ++i) {
    o.weights.german = 0.1 + 0.01 * i;  // moves where the sums round
    for (double cell_km : {5.0, 10.0, 100.0}) {
      o.grid_cell_km = cell_km;
      SCOPED_TRACE("german weight " + std::to_string(o.weights.german) + ", grid " +
                   std::to_string(cell_km) + " km");
      const ScoredPairs s = ScoreTopK(d, ref, o);
      ASSERT_EQ(s.near_miss[0][kCommute].count, 2);
      EXPECT_EQ(s.near_miss[0][kCommute].best, VacancyIndex(0));
    }
  }
}

// --- top K

TEST(ScoreTopK, KeepsTheBestKBestFirstWithTiesByVacancyIndex) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg);
  for (int i = 0; i < 3; ++i) AddVacancy(&d, Offset(kBernburg, 0, 5));  // equal scores
  AddVacancy(&d, Offset(kBernburg, 0, 1));                              // better
  ScoringOptions o = SerialKeepAll();
  o.top_k = 3;
  const ScoredPairs s = ScoreTopK(d, ref, o);
  const auto row = s.For(ParticipantIndex(0));
  ASSERT_EQ(row.size(), 3u);
  EXPECT_EQ(row[0].vacancy, VacancyIndex(3));
  EXPECT_EQ(row[1].vacancy, VacancyIndex(0));
  EXPECT_EQ(row[2].vacancy, VacancyIndex(1));
  EXPECT_EQ(row[1].score, row[2].score);
  EXPECT_EQ(s.eligible[0], 4);
}

TEST(ScoreTopK, MinScoreDropsPairsWithoutCountingThemAsExcluded) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg);
  AddVacancy(&d, Offset(kBernburg, 0, 1));
  AddVacancy(&d, Offset(kBernburg, 0, 15));
  ScoringOptions o = SerialKeepAll();
  const ScoredPairs all = ScoreTopK(d, ref, o);
  o.min_score = (Find(all, 0, 0)->score + Find(all, 0, 1)->score) / 2;
  const ScoredPairs s = ScoreTopK(d, ref, o);
  EXPECT_EQ(s.For(ParticipantIndex(0)).size(), 1u);
  EXPECT_EQ(s.eligible[0], 2);
  for (int64_t n : s.excluded_total) EXPECT_EQ(n, 0);
}

// --- a plain serial reference, written from the contract in scorer.h

double TextbookKm(GeoPoint a, GeoPoint b) {
  const double r = std::numbers::pi / 180.0;
  const double h =
      std::pow(std::sin((b.lat - a.lat) * r / 2), 2) +
      std::cos(a.lat * r) * std::cos(b.lat * r) * std::pow(std::sin((b.lon - a.lon) * r / 2), 2);
  return 2.0 * 6371.0088 * std::asin(std::sqrt(h));
}

struct RefPair {
  double score = 0;
  double skill = 0, german = 0, commute = 0, micro = 0;
  int32_t bridge = -1;
};
struct RefParticipant {
  std::map<int32_t, RefPair> kept;
  std::array<int32_t, kNumExclusionReasons> excluded{};
  std::array<int32_t, kNumExclusionReasons> miss_count{};
  std::array<int32_t, kNumExclusionReasons> miss_best{};
  std::array<double, kNumExclusionReasons> miss_score{};
  int32_t eligible = 0;
  int32_t within = 0;
};

int32_t RefRequirement(const OccupationRef& o, const ReferenceData& ref) {
  if (o.kldb.valid()) return ref.kldb[static_cast<size_t>(o.kldb.value)].requirement_level;
  if (!o.esco.valid()) return 1;
  const std::string& isco = ref.occupations[static_cast<size_t>(o.esco.value)].isco_code;
  if (isco[0] == '9') return 1;
  if (isco[0] == '3' || isco.substr(0, 2) == "14") return 3;
  if (isco[0] == '1' || isco[0] == '2' || isco.substr(0, 2) == "01") return 4;
  if (isco.substr(0, 2) == "03") return 1;
  return 2;
}

std::vector<int32_t> RefIsco(const OccupationRef& o, const ReferenceData& ref) {
  std::vector<int32_t> out;
  if (o.esco.valid())
    out.push_back(std::stoi(ref.occupations[static_cast<size_t>(o.esco.value)].isco_code));
  if (!o.esco.valid() && o.kldb.valid()) {
    for (const std::string& c : ref.kldb[static_cast<size_t>(o.kldb.value)].isco_codes)
      out.push_back(std::stoi(c));
  }
  return out;
}

// The level a course brings a participant to, counted as units used against
// units given (the documented rule of CourseLevelReached, written plainly).
CefrLevel RefReached(const Course& c, CefrLevel from, const ScoringOptions& o) {
  const int64_t given =
      int64_t{c.weeks} * (c.lessons_per_week > 0 ? c.lessons_per_week : o.course_lessons_per_week);
  const int b1 = static_cast<int>(CefrLevel::kB1);
  const int target = static_cast<int>(c.target_level);
  int level = static_cast<int>(from);
  if (c.kind == CourseKind::kVocational) return from;
  if (c.kind == CourseKind::kJobGerman) {
    const bool entry = target == 2 ? level < 2 : level == target - 1;
    const int32_t cost = o.job_german_course_units[static_cast<size_t>(target)];
    return entry && cost > 0 && given >= cost ? c.target_level : from;
  }
  const int top = c.kind == CourseKind::kIntegration ? std::min(target, b1) : target;
  int64_t used = 0;
  while (level < top) {
    const int step = level + 1;
    const int32_t cost = step <= b1 ? o.integration_course_units[static_cast<size_t>(step)]
                                    : o.job_german_course_units[static_cast<size_t>(step)];
    if (cost <= 0 || used + cost > given) break;
    used += cost;
    level = step;
  }
  return static_cast<CefrLevel>(level);
}

// Related occupations as engine/exclusion_rules.h defines them: the same
// KldB Berufsgruppe, or an ISCO-08 minor group shared through unit groups
// that are not residual (final digit 9).
bool RefRelated(const OccupationRef& a, const OccupationRef& b, const ReferenceData& ref) {
  if (a.kldb.valid() && !a.esco.valid() && b.kldb.valid() && !b.esco.valid() &&
      ref.kldb[static_cast<size_t>(a.kldb.value)].code.substr(0, 3) ==
          ref.kldb[static_cast<size_t>(b.kldb.value)].code.substr(0, 3)) {
    return true;
  }
  for (int32_t x : RefIsco(a, ref)) {
    for (int32_t y : RefIsco(b, ref)) {
      if (x % 10 != 9 && y % 10 != 9 && x / 10 == y / 10) return true;
    }
  }
  return false;
}

std::vector<RefParticipant> SerialReference(const Dataset& d,
                                            const ReferenceData& ref,
                                            const ScoringOptions& o) {
  std::vector<RefParticipant> out(d.participants.size());
  const double wsum = o.weights.skill + o.weights.german + o.weights.commute + o.weights.micro;
  for (size_t pi = 0; pi < d.participants.size(); ++pi) {
    const Participant& p = d.participants[pi];
    RefParticipant& r = out[pi];
    std::set<int32_t> has;
    for (SkillIndex s : p.skills) has.insert(s.value);
    std::vector<int32_t> p_isco;
    for (const OccupationRef& occ : p.occupations) {
      for (SkillIndex s : ref.EssentialSkills(occ)) has.insert(s.value);
      for (int32_t c : RefIsco(occ, ref)) p_isco.push_back(c);
    }
    const bool car = p.driving_licence && p.car;
    const double speed = car ? o.car_speed_kmh : o.transit_speed_kmh;
    const double wait = car ? 0.0 : o.transit_wait_minutes;
    auto minutes_for = [&](double km) { return km * o.road_detour_factor / speed * 60 + wait; };
    const int32_t reach_minutes = p.max_commute_minutes > 0 ? p.max_commute_minutes : 75;
    const double reach_km =
        std::max(0.0, (reach_minutes - wait) / 60 * speed / o.road_detour_factor);
    const int32_t course_limit = p.max_commute_minutes > 0 ? p.max_commute_minutes
                                 : p.hours_per_week > 30   ? 75
                                                           : 60;
    int32_t qualification = 1;
    if (p.qualification == Qualification::kVocational)
      qualification = p.qualification_recognised ? 2 : 1;
    if (p.qualification == Qualification::kAcademic)
      qualification = p.qualification_recognised ? 4 : 3;
    for (size_t vi = 0; vi < d.vacancies.size(); ++vi) {
      const Vacancy& v = d.vacancies[vi];
      const double km = TextbookKm(p.home.point, v.place.point);
      if (km > reach_km) continue;
      ++r.within;
      std::array<bool, kNumExclusionReasons> fails{};
      fails[static_cast<size_t>(ExclusionReason::kWorkNotPermitted)] = !p.work_permitted;
      // The programme rules, one bit each, as the reference reads them.
      const uint32_t programme = ProgrammeFailures(p, o.programme, o.run_date);
      for (int k = 0; k < kNumExclusionReasons; ++k) {
        if (((programme >> k) & 1u) != 0) fails[static_cast<size_t>(k)] = true;
      }
      for (const Outcome& h : d.history) {
        if (h.kind == OutcomeKind::kRejected && h.participant.value == static_cast<int32_t>(pi) &&
            h.vacancy.value == static_cast<int32_t>(vi)) {
          fails[static_cast<size_t>(ExclusionReason::kRejectedBefore)] = true;
        }
      }
      fails[static_cast<size_t>(ExclusionReason::kExpired)] =
          o.run_date && v.expires && v.expires->days < o.run_date->days;
      const int32_t requirement = RefRequirement(v.occupation, ref);
      const bool qualified = p.qualification != Qualification::kNone;
      bool allowed = true;
      if (o.apply_pathways) {
        if (v.kind == VacancyKind::kInternship) allowed = true;
        if (v.kind == VacancyKind::kTraining) allowed = !qualified || p.goal == Goal::kTraining;
        if (v.kind == VacancyKind::kJob) {
          allowed = p.goal != Goal::kTraining &&
                    (qualified || requirement <= o.unqualified_max_requirement_level);
        }
      }
      fails[static_cast<size_t>(ExclusionReason::kKindExcluded)] = !allowed;
      if (o.apply_pathways) {
        const bool job = v.kind == VacancyKind::kJob;
        fails[static_cast<size_t>(ExclusionReason::kGoalInternship)] =
            o.programme.internship_goal_internships_only && p.goal == Goal::kInternship &&
            v.kind != VacancyKind::kInternship;
        fails[static_cast<size_t>(ExclusionReason::kUnqualifiedTraining)] =
            o.programme.unqualified_into_training && !qualified && job;
        fails[static_cast<size_t>(ExclusionReason::kHelperJobQualified)] =
            o.programme.no_helper_jobs_for_qualified && qualified && job &&
            requirement <= o.unqualified_max_requirement_level;
        fails[static_cast<size_t>(ExclusionReason::kInternshipBeforeJob)] =
            o.programme.internship_before_job && p.german_work_experience == false && job;
      }
      fails[static_cast<size_t>(ExclusionReason::kLicenceMissing)] =
          v.driving_licence_required && !p.driving_licence;
      fails[static_cast<size_t>(ExclusionReason::kHoursMismatch)] =
          p.hours_per_week > 0 && v.hours_per_week > 0 &&
          v.hours_per_week > p.hours_per_week + o.hours_tolerance;
      const double minutes = minutes_for(km);
      const double hours = v.hours_per_week > 0 ? v.hours_per_week : p.hours_per_week;
      const int32_t limit = p.max_commute_minutes > 0 ? p.max_commute_minutes
                            : hours > 30              ? 75
                                                      : 60;
      fails[static_cast<size_t>(ExclusionReason::kCommuteTooLong)] = minutes > limit;
      const int gap = static_cast<int>(v.min_german) - static_cast<int>(p.german);
      int32_t bridge = -1;
      if (gap > 0 && gap <= o.course_bridge_max_levels) {
        int64_t best_finish = 0;
        for (size_t ci = 0; ci < d.courses.size(); ++ci) {
          const Course& c = d.courses[ci];
          if (!IsGermanCourse(c.kind) || RefReached(c, p.german, o) < v.min_german) continue;
          if (minutes_for(TextbookKm(p.home.point, c.place.point)) > course_limit) continue;
          std::optional<Date> start = c.start_date ? c.start_date : o.run_date;
          if (!start || (o.run_date && start->days < o.run_date->days)) continue;
          const int64_t finish = start->days + 7 * int64_t{c.weeks};
          bool fits;
          if (v.start_date) {
            fits = finish <= v.start_date->days;
          } else if (o.run_date) {
            fits = finish <= o.run_date->days + 7 * int64_t{o.course_horizon_weeks};
          } else {
            fits = c.weeks <= o.course_horizon_weeks;
          }
          if (fits && (bridge < 0 || finish < best_finish)) {
            bridge = static_cast<int32_t>(ci);
            best_finish = finish;
          }
        }
      }
      fails[static_cast<size_t>(ExclusionReason::kGermanTooLow)] =
          gap > o.german_tolerance_levels && bridge < 0;
      // The skill gate, on recorded skills only.
      std::set<int32_t> ess, opt;
      for (SkillIndex s : ref.EssentialSkills(v.occupation)) ess.insert(s.value);
      for (SkillIndex s : v.essential_skills) ess.insert(s.value);
      bool related = false;
      for (const OccupationRef& occ : p.occupations) {
        related =
            related || (occ.valid() && v.occupation.valid() && RefRelated(occ, v.occupation, ref));
      }
      int covered_essential = 0;
      for (int32_t s : ess) covered_essential += has.contains(s) ? 1 : 0;
      fails[static_cast<size_t>(ExclusionReason::kNoSkillFit)] =
          o.require_skill_fit && !has.empty() && !ess.empty() && covered_essential == 0 && !related;
      int n_fail = 0, first = -1;
      for (int k = kNumExclusionReasons - 1; k >= 0; --k) {
        if (fails[static_cast<size_t>(k)]) {
          ++n_fail;
          first = k;
        }
      }
      if (n_fail > 0) ++r.excluded[static_cast<size_t>(first)];
      if (n_fail > 1) continue;
      // Parts.
      for (SkillIndex s : ref.OptionalSkills(v.occupation)) opt.insert(s.value);
      for (SkillIndex s : v.optional_skills) opt.insert(s.value);
      for (int32_t s : ess) opt.erase(s);
      auto covered = [&](const std::set<int32_t>& set) {
        int n = 0;
        for (int32_t s : set) n += has.contains(s) ? 1 : 0;
        return set.empty() ? 1.0 : static_cast<double>(n) / static_cast<double>(set.size());
      };
      double mix;
      if (!ess.empty() && !opt.empty()) {
        mix = (1 - o.optional_skill_share) * covered(ess) + o.optional_skill_share * covered(opt);
      } else if (!ess.empty()) {
        mix = covered(ess);
      } else if (!opt.empty()) {
        mix = covered(opt);
      } else {
        mix = o.skill_fit_without_requirements;
      }
      int digits = 0;
      for (int32_t a : p_isco) {
        for (int32_t b : RefIsco(v.occupation, ref)) {
          if (a == b) digits = std::max(digits, 4);
          if (a / 10 == b / 10) digits = std::max(digits, 3);
          if (a / 100 == b / 100) digits = std::max(digits, 2);
        }
      }
      if (digits >= 2) mix = std::max(mix, o.isco_group_floor[static_cast<size_t>(4 - digits)]);
      double requirement_fit = 1.0;
      if (v.kind == VacancyKind::kJob && requirement > qualification) {
        requirement_fit =
            std::max(0.0, 1 - o.requirement_penalty_per_level * (requirement - qualification));
      }
      RefPair pair;
      pair.skill = mix * requirement_fit;
      pair.german = gap <= 0      ? 1.0
                    : bridge >= 0 ? o.course_bridge_german_fit
                                  : std::max(0.0, 1 - o.german_penalty_per_level * gap);
      pair.commute = std::clamp(1 - minutes / limit, 0.0, 1.0);
      pair.micro = o.size_class_bonus[static_cast<size_t>(
          SizeClassOf(d.employers[static_cast<size_t>(v.employer.value)].staff))];
      pair.score = (o.weights.skill * pair.skill + o.weights.german * pair.german +
                    o.weights.commute * pair.commute + o.weights.micro * pair.micro) /
                   wsum;
      pair.bridge = bridge;
      if (n_fail == 1) {
        const auto f = static_cast<size_t>(first);
        if (r.miss_count[f] == 0 || pair.score > r.miss_score[f]) {
          r.miss_score[f] = pair.score;
          r.miss_best[f] = static_cast<int32_t>(vi);
        }
        ++r.miss_count[f];
        continue;
      }
      ++r.eligible;
      if (pair.score >= o.min_score) r.kept[static_cast<int32_t>(vi)] = pair;
    }
  }
  return out;
}

void ExpectMatchesReference(const ScoredPairs& s, const std::vector<RefParticipant>& ref) {
  ASSERT_EQ(s.num_participants(), static_cast<int32_t>(ref.size()));
  int64_t examined = 0;
  for (size_t p = 0; p < ref.size(); ++p) {
    const RefParticipant& r = ref[p];
    examined += r.within;
    ASSERT_EQ(s.within_reach[p], r.within) << "participant " << p;
    ASSERT_EQ(s.eligible[p], r.eligible) << "participant " << p;
    for (size_t k = 0; k < static_cast<size_t>(kNumExclusionReasons); ++k) {
      ASSERT_EQ(s.excluded[p][k], r.excluded[k]) << "participant " << p << " reason " << k;
      ASSERT_EQ(s.near_miss[p][k].count, r.miss_count[k]) << "participant " << p << " reason " << k;
      if (r.miss_count[k] > 0) {
        EXPECT_NEAR(s.near_miss[p][k].best_score, r.miss_score[k], 1e-5);
        const auto& got = s.near_miss[p][k];
        EXPECT_TRUE(got.best.value == r.miss_best[k] ||
                    std::abs(got.best_score - r.miss_score[k]) < 1e-5);
      }
    }
    const auto row = s.For(ParticipantIndex(static_cast<int32_t>(p)));
    ASSERT_EQ(row.size(), r.kept.size()) << "participant " << p;
    for (size_t i = 0; i < row.size(); ++i) {
      const auto it = r.kept.find(row[i].vacancy.value);
      ASSERT_NE(it, r.kept.end()) << "participant " << p << " vacancy " << row[i].vacancy.value;
      EXPECT_NEAR(row[i].score, it->second.score, 1e-5);
      EXPECT_NEAR(row[i].parts.skill, it->second.skill, 1e-5);
      EXPECT_NEAR(row[i].parts.german, it->second.german, 1e-5);
      EXPECT_NEAR(row[i].parts.commute, it->second.commute, 1e-5);
      EXPECT_NEAR(row[i].parts.micro, it->second.micro, 1e-6);
      EXPECT_EQ(row[i].bridge_course.value, it->second.bridge);
      if (i > 0) {
        EXPECT_TRUE(row[i - 1].score > row[i].score ||
                    (row[i - 1].score == row[i].score && row[i - 1].vacancy < row[i].vacancy));
      }
    }
  }
  EXPECT_EQ(s.pairs_examined, examined);
}

TEST(ScoreTopK, EqualsAPlainSerialReferenceOnRandomInstances) {
  // What the instances exercise, so that the comparison cannot pass vacuously.
  std::array<int64_t, kNumExclusionReasons> excluded{};
  int64_t kept = 0, bridged = 0, floored = 0, below_requirement = 0, near_misses = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    fixtures::TestRng rng(seed);
    const ReferenceData ref = fixtures::RandomReference(&rng, 30, 10);
    Dataset d = fixtures::RandomDataset(&rng, ref, 60, 150, 25.0);
    ScoringOptions o;
    if (seed % 2 == 0) {
      // Programme rules on every other instance, each broken by some participants.
      o.programme.min_german = CefrLevel::kA1;
      o.programme.max_years_in_germany = 5;
      o.programme.admitted_statuses &= ~(1u << static_cast<int>(ResidenceStatus::kTolerated60a6));
      o.programme.require_sgb2_benefits = true;
      o.programme.excluded_countries = {FoldCountry("RS")};
      for (size_t i = 0; i < d.participants.size(); ++i) {
        Participant& p = d.participants[i];
        p.in_germany_since = Date{kRunDate.days - static_cast<int32_t>((i * 397) % 3000)};
        if (i % 7 == 3) p.residence_status = ResidenceStatus::kTolerated60a6;
        if (i % 11 == 5) p.sgb2_benefits = false;
        if (i % 13 == 6) p.country_of_origin = "rs";
        if (i % 3 != 2) p.german_work_experience = i % 3 == 0;
      }
    }
    if (seed % 4 == 0) {
      // The programme's pathway rules (no helper-job fallback: tested on its own).
      o.programme.unqualified_into_training = true;
      o.programme.no_helper_jobs_for_qualified = true;
      o.programme.internship_before_job = true;
    }
    o.top_k = 0;
    o.num_threads = seed % 2 == 0 ? 1 : 3;
    o.block_size = 1 + static_cast<int32_t>(seed) * 3;
    if (seed % 3 != 0) o.run_date = kRunDate;
    if (seed % 4 == 1) o.min_score = 0.4;
    SCOPED_TRACE("seed " + std::to_string(seed));
    const ScoredPairs s = ScoreTopK(d, ref, o);
    ExpectMatchesReference(s, SerialReference(d, ref, o));
    for (size_t r = 0; r < excluded.size(); ++r) excluded[r] += s.excluded_total[r];
    for (const ScoredPair& pair : s.pairs) {
      ++kept;
      bridged += pair.bridge_course.valid() ? 1 : 0;
      floored += pair.parts.isco_match_digits >= 2 ? 1 : 0;
      below_requirement += pair.parts.requirement_fit < 1.0f ? 1 : 0;
    }
    for (const auto& misses : s.near_miss) {
      for (const NearMiss& m : misses) near_misses += m.count;
    }
  }
  EXPECT_GT(kept, 1000);
  EXPECT_GT(bridged, 0);
  EXPECT_GT(floored, 0);
  EXPECT_GT(below_requirement, 0);
  EXPECT_GT(near_misses, 0);
  for (size_t r = 0; r < excluded.size(); ++r) EXPECT_GT(excluded[r], 0) << "reason " << r;
}

TEST(ScoreTopK, TopKIsTheHeadOfTheFullList) {
  fixtures::TestRng rng(21);
  const ReferenceData ref = fixtures::RandomReference(&rng, 30, 10);
  const Dataset d = fixtures::RandomDataset(&rng, ref, 50, 200, 20.0);
  ScoringOptions o;
  o.run_date = kRunDate;
  o.top_k = 0;
  const ScoredPairs all = ScoreTopK(d, ref, o);
  o.top_k = 4;
  const ScoredPairs top = ScoreTopK(d, ref, o);
  for (int32_t p = 0; p < 50; ++p) {
    const auto full = all.For(ParticipantIndex(p));
    const auto head = top.For(ParticipantIndex(p));
    ASSERT_EQ(head.size(), std::min<size_t>(4, full.size()));
    for (size_t i = 0; i < head.size(); ++i) {
      EXPECT_EQ(head[i].vacancy, full[i].vacancy);
      EXPECT_EQ(head[i].score, full[i].score);
    }
  }
  EXPECT_EQ(top.eligible, all.eligible);
}

// --- determinism across threads and blocks

void ExpectIdentical(const ScoredPairs& a, const ScoredPairs& b) {
  ASSERT_EQ(a.begin, b.begin);
  ASSERT_EQ(a.pairs.size(), b.pairs.size());
  for (size_t i = 0; i < a.pairs.size(); ++i) {
    const ScoredPair& x = a.pairs[i];
    const ScoredPair& y = b.pairs[i];
    ASSERT_EQ(x.vacancy, y.vacancy);
    ASSERT_EQ(x.score, y.score);
    ASSERT_EQ(x.parts.skill, y.parts.skill);
    ASSERT_EQ(x.parts.essential_coverage, y.parts.essential_coverage);
    ASSERT_EQ(x.parts.optional_coverage, y.parts.optional_coverage);
    ASSERT_EQ(x.parts.german, y.parts.german);
    ASSERT_EQ(x.parts.commute, y.parts.commute);
    ASSERT_EQ(x.parts.micro, y.parts.micro);
    ASSERT_EQ(x.parts.requirement_fit, y.parts.requirement_fit);
    ASSERT_EQ(x.parts.isco_match_digits, y.parts.isco_match_digits);
    ASSERT_EQ(x.distance_km, y.distance_km);
    ASSERT_EQ(x.commute_minutes, y.commute_minutes);
    ASSERT_EQ(x.bridge_course, y.bridge_course);
  }
  EXPECT_EQ(a.excluded, b.excluded);
  EXPECT_EQ(a.eligible, b.eligible);
  EXPECT_EQ(a.within_reach, b.within_reach);
  EXPECT_EQ(a.pairs_examined, b.pairs_examined);
  EXPECT_EQ(a.excluded_total, b.excluded_total);
  ASSERT_EQ(a.near_miss.size(), b.near_miss.size());
  for (size_t p = 0; p < a.near_miss.size(); ++p) {
    for (size_t r = 0; r < static_cast<size_t>(kNumExclusionReasons); ++r) {
      EXPECT_EQ(a.near_miss[p][r].count, b.near_miss[p][r].count);
      EXPECT_EQ(a.near_miss[p][r].best, b.near_miss[p][r].best);
      EXPECT_EQ(a.near_miss[p][r].best_score, b.near_miss[p][r].best_score);
    }
  }
}

TEST(ScoreTopK, GivesIdenticalOutputOnOneAndFourThreadsAndAnyBlockSize) {
  fixtures::TestRng rng(77);
  const ReferenceData ref = fixtures::RandomReference(&rng, 40, 12);
  const Dataset d = fixtures::RandomDataset(&rng, ref, 400, 600, 40.0);
  ScoringOptions o;
  o.run_date = kRunDate;
  o.top_k = 7;
  o.num_threads = 1;
  const ScoredPairs serial = ScoreTopK(d, ref, o);
  EXPECT_GT(serial.pairs.size(), 400u);
  for (int32_t threads : {4, 2, 0}) {
    for (int32_t block : {1, 13, 64, 1000}) {
      o.num_threads = threads;
      o.block_size = block;
      SCOPED_TRACE("threads " + std::to_string(threads) + " block " + std::to_string(block));
      ExpectIdentical(serial, ScoreTopK(d, ref, o));
    }
  }
  o.grid_cell_km = 3.0;  // the grid affects speed only
  ExpectIdentical(serial, ScoreTopK(d, ref, o));
}

// The vector rule pass (engine/internal/rule_pass.h) is speed only: with and
// without it every field is the same, over random data with courses, rejected
// pairs (those participants take the scalar loop), deadlines and programme
// settings that open helper jobs as a fallback.
TEST(ScoreTopK, GivesIdenticalOutputWithAndWithoutVectorInstructions) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    fixtures::TestRng rng(seed);
    const ReferenceData ref = fixtures::RandomReference(&rng, 40, 12);
    const Dataset d = fixtures::RandomDataset(&rng, ref, 300, 500, 35.0);
    ScoringOptions o;
    o.run_date = kRunDate;
    o.top_k = seed % 3 == 0 ? 0 : static_cast<int32_t>(seed * 2);
    o.programme.helper_jobs_as_fallback = seed % 2 == 0;
    o.apply_pathways = seed != 5;
    o.german_tolerance_levels = static_cast<int32_t>(seed % 3);
    SCOPED_TRACE("seed " + std::to_string(seed));
    o.vector_instructions = false;
    const ScoredPairs scalar = ScoreTopK(d, ref, o);
    EXPECT_GT(scalar.pairs_examined, 10'000);
    o.vector_instructions = true;
    ExpectIdentical(scalar, ScoreTopK(d, ref, o));
  }
}

TEST(ScoreTopK, EveryPairWithinReachIsEligibleOrCountedOnce) {
  fixtures::TestRng rng(5);
  const ReferenceData ref = fixtures::RandomReference(&rng, 30, 10);
  const Dataset d = fixtures::RandomDataset(&rng, ref, 120, 300, 30.0);
  ScoringOptions o;
  o.run_date = kRunDate;
  const ScoredPairs s = ScoreTopK(d, ref, o);
  std::array<int64_t, kNumExclusionReasons> totals{};
  for (size_t p = 0; p < d.participants.size(); ++p) {
    int32_t sum = s.eligible[p];
    for (size_t r = 0; r < totals.size(); ++r) {
      sum += s.excluded[p][r];
      totals[r] += s.excluded[p][r];
      // A pair removed by rule r alone counts under r.
      EXPECT_LE(s.near_miss[p][r].count, s.excluded[p][r]);
    }
    EXPECT_EQ(sum, s.within_reach[p]);
    EXPECT_LE(static_cast<int32_t>(s.For(ParticipantIndex(static_cast<int32_t>(p))).size()),
              o.top_k);
  }
  EXPECT_EQ(totals, s.excluded_total);
}

// --- relaxing a rule never removes a candidate

std::set<std::pair<int32_t, int32_t>> Kept(const ScoredPairs& s) {
  std::set<std::pair<int32_t, int32_t>> out;
  for (int32_t p = 0; p < s.num_participants(); ++p) {
    for (const ScoredPair& pair : s.For(ParticipantIndex(p))) out.insert({p, pair.vacancy.value});
  }
  return out;
}

void ExpectSuperset(const ScoredPairs& relaxed, const ScoredPairs& base, const char* what) {
  const auto r = Kept(relaxed);
  const auto b = Kept(base);
  EXPECT_TRUE(std::includes(r.begin(), r.end(), b.begin(), b.end())) << what;
  for (size_t p = 0; p < base.eligible.size(); ++p)
    EXPECT_GE(relaxed.eligible[p], base.eligible[p]) << what;
}

TEST(ScoreTopK, RelaxingARuleNeverRemovesACandidate) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    fixtures::TestRng rng(100 + seed);
    const ReferenceData ref = fixtures::RandomReference(&rng, 30, 10);
    const Dataset d = fixtures::RandomDataset(&rng, ref, 80, 250, 30.0);
    ScoringOptions o;
    o.run_date = kRunDate;
    o.top_k = 0;
    const ScoredPairs base = ScoreTopK(d, ref, o);
    ASSERT_GT(base.pairs.size(), 0u);

    Dataset longer = d;
    for (Participant& p : longer.participants)
      p.max_commute_minutes = std::max(p.max_commute_minutes, 75) + 20;
    ExpectSuperset(ScoreTopK(longer, ref, o), base, "longer commute");

    Dataset licensed = d;
    for (Participant& p : licensed.participants) p.driving_licence = true;
    ExpectSuperset(ScoreTopK(licensed, ref, o), base, "driving licence");

    Dataset permitted = d;
    for (Participant& p : permitted.participants) p.work_permitted = true;
    ExpectSuperset(ScoreTopK(permitted, ref, o), base, "work permitted");

    Dataset forgotten = d;
    forgotten.history.clear();
    ExpectSuperset(ScoreTopK(forgotten, ref, o), base, "no rejections");

    Dataset more_courses = d;
    Course c;
    c.kind = CourseKind::kLanguage;
    c.target_level = CefrLevel::kC2;
    c.place = d.participants[0].home;
    c.start_date = kRunDate;
    c.weeks = 4;
    more_courses.courses.push_back(c);
    ExpectSuperset(ScoreTopK(more_courses, ref, o), base, "one more course");

    ScoringOptions relaxed = o;
    relaxed.german_tolerance_levels = o.german_tolerance_levels + 1;
    ExpectSuperset(ScoreTopK(d, ref, relaxed), base, "German tolerance");
    relaxed = o;
    relaxed.course_bridge_max_levels = o.course_bridge_max_levels + 2;
    ExpectSuperset(ScoreTopK(d, ref, relaxed), base, "bridge levels");
    relaxed = o;
    relaxed.hours_tolerance = o.hours_tolerance + 10;
    ExpectSuperset(ScoreTopK(d, ref, relaxed), base, "hours tolerance");
    relaxed = o;
    relaxed.apply_pathways = false;
    ExpectSuperset(ScoreTopK(d, ref, relaxed), base, "no pathways");
    relaxed = o;
    relaxed.unqualified_max_requirement_level = 4;
    ExpectSuperset(ScoreTopK(d, ref, relaxed), base, "helper level");
    relaxed = o;
    relaxed.default_commute_minutes_short_day = 75;
    ExpectSuperset(ScoreTopK(d, ref, relaxed), base, "short-day limit");
    relaxed = o;
    relaxed.require_skill_fit = false;
    ExpectSuperset(ScoreTopK(d, ref, relaxed), base, "no skill gate");
  }
}

// Programme admission rules: a participant just inside and just outside each limit.
TEST(ProgrammeFailures, GermanEntryFloorAdmitsTheFloorAndNotOneLevelBelow) {
  ProgrammeRules rules;
  rules.min_german = CefrLevel::kA2;
  Participant p;
  p.german = CefrLevel::kA2;
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt), 0u);
  p.german = CefrLevel::kA1;
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt),
            1u << static_cast<int>(ExclusionReason::kBelowProgrammeGerman));
}

TEST(ProgrammeFailures, TimeInGermanyAdmitsExactlyNYearsAndNotOneDayMore) {
  ProgrammeRules rules;
  rules.max_years_in_germany = 5;
  Participant p;
  p.in_germany_since = ParseDate("2021-03-01");
  const uint32_t too_long = 1u << static_cast<int>(ExclusionReason::kInGermanyTooLong);
  EXPECT_EQ(ProgrammeFailures(p, rules, ParseDate("2026-03-01")), 0u);
  EXPECT_EQ(ProgrammeFailures(p, rules, ParseDate("2026-03-02")), too_long);
  // 29 February plus five years is 28 February.
  p.in_germany_since = ParseDate("2020-02-29");
  EXPECT_EQ(ProgrammeFailures(p, rules, ParseDate("2025-02-28")), 0u);
  EXPECT_EQ(ProgrammeFailures(p, rules, ParseDate("2025-03-01")), too_long);
  // Unknown date or no run date: the rule cannot judge and does not exclude.
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt), 0u);
  p.in_germany_since.reset();
  EXPECT_EQ(ProgrammeFailures(p, rules, ParseDate("2040-01-01")), 0u);
}

TEST(ProgrammeFailures, ResidenceStatusBenefitsAndSafeCountries) {
  ProgrammeRules rules;
  rules.admitted_statuses = 1u << static_cast<int>(ResidenceStatus::kUnknown) |
                            1u << static_cast<int>(ResidenceStatus::kRecognised) |
                            1u << static_cast<int>(ResidenceStatus::kPermit104c);
  rules.require_sgb2_benefits = true;
  rules.excluded_countries = {FoldCountry("RS"), FoldCountry("Serbien")};
  Participant p;
  p.residence_status = ResidenceStatus::kPermit104c;
  p.sgb2_benefits = true;
  p.country_of_origin = "Syrien";
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt), 0u);
  p.residence_status = ResidenceStatus::kAsylumPending;
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt),
            1u << static_cast<int>(ExclusionReason::kResidenceStatusExcluded));
  p.residence_status = ResidenceStatus::kRecognised;
  p.sgb2_benefits = false;
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt),
            1u << static_cast<int>(ExclusionReason::kNoSgb2Benefits));
  p.sgb2_benefits.reset();  // unknown: not excluded
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt), 0u);
  p.country_of_origin = " serbien ";
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt),
            1u << static_cast<int>(ExclusionReason::kSafeCountryOfOrigin));
  p.country_of_origin = "rs";
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt),
            1u << static_cast<int>(ExclusionReason::kSafeCountryOfOrigin));
  p.country_of_origin = "Russland";
  EXPECT_EQ(ProgrammeFailures(p, rules, std::nullopt), 0u);
}

TEST(ScoreTopK, AParticipantOutsideTheProgrammeKeepsNoPairAndCountsUnderTheRule) {
  const ReferenceData ref = fixtures::TinyReference();
  Dataset d = fixtures::EmptyDataset();
  AddParticipant(&d, kBernburg).german = CefrLevel::kA1;
  AddParticipant(&d, kBernburg).german = CefrLevel::kA2;
  AddVacancy(&d, Offset(kBernburg, 0, 1));
  AddVacancy(&d, Offset(kBernburg, 0, 2));
  ScoringOptions o = SerialKeepAll();
  o.programme.min_german = CefrLevel::kA2;
  const ScoredPairs s = ScoreTopK(d, ref, o);
  EXPECT_TRUE(s.For(ParticipantIndex(0)).empty());
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kBelowProgrammeGerman), 2);
  EXPECT_NE(s.programme_fail[0], 0u);
  EXPECT_EQ(s.For(ParticipantIndex(1)).size(), 2u);
  EXPECT_EQ(s.programme_fail[1], 0u);
  EXPECT_EQ(s.excluded_total[static_cast<size_t>(ExclusionReason::kBelowProgrammeGerman)], 2);
}

TEST(ParseResidenceStatus, ReadsTheVocabularyAndGermanSpellings) {
  EXPECT_EQ(ParseResidenceStatus(""), ResidenceStatus::kUnknown);
  EXPECT_EQ(ParseResidenceStatus("Anerkannt"), ResidenceStatus::kRecognised);
  EXPECT_EQ(ParseResidenceStatus("§ 104c"), ResidenceStatus::kPermit104c);
  EXPECT_EQ(ParseResidenceStatus("Gestattung"), ResidenceStatus::kAsylumPending);
  EXPECT_EQ(ParseResidenceStatus("Duldung"), ResidenceStatus::kTolerated);
  EXPECT_EQ(ParseResidenceStatus("geduldet_60a6"), ResidenceStatus::kTolerated60a6);
  EXPECT_EQ(ParseResidenceStatus("Duldung § 60a Abs. 6"), ResidenceStatus::kTolerated60a6);
  EXPECT_EQ(ParseResidenceStatus("Sonstiges"), ResidenceStatus::kOther);
  EXPECT_EQ(ParseResidenceStatus("vielleicht"), std::nullopt);
  for (int k = 1; k < kNumResidenceStatuses; ++k) {
    const auto status = static_cast<ResidenceStatus>(k);
    EXPECT_EQ(ParseResidenceStatus(ResidenceStatusName(status)), status);
  }
}

// --- course length: how far a course lifts German

TEST(CourseLength, IntegrationCourseReachesB1AfterItsSixHundredUnits) {
  const ScoringOptions o;  // 25 units a week
  Course c;
  c.kind = CourseKind::kIntegration;
  c.target_level = CefrLevel::kB1;
  c.weeks = 24;  // 600 units: A0 -> B1
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA0, o), CefrLevel::kB1);
  c.weeks = 23;  // 575: A2, 275 of the 300 to B1
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA0, o), CefrLevel::kA2);
  c.weeks = 12;  // 300: A2 -> B1 just enough
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA2, o), CefrLevel::kB1);
  c.target_level = CefrLevel::kB2;  // never beyond B1
  c.weeks = 60;
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA2, o), CefrLevel::kB1);
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kB1, o), CefrLevel::kB1);
}

TEST(CourseLength, JobGermanCourseTeachesOneStepFromTheLevelBelow) {
  const ScoringOptions o;
  Course c;
  c.kind = CourseKind::kJobGerman;
  c.target_level = CefrLevel::kB2;
  c.weeks = 16;  // 400 units
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kB1, o), CefrLevel::kB2);
  c.weeks = 15;  // 375: too short
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kB1, o), CefrLevel::kB1);
  c.weeks = 40;  // long enough, but B2 modules start at B1
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA2, o), CefrLevel::kA2);
  c.target_level = CefrLevel::kA2;  // the A2 module starts below A2
  c.weeks = 16;
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA0, o), CefrLevel::kA2);
  // The course's own units a week: part time, 15 units: 240 < 400.
  c.lessons_per_week = 15;
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA0, o), CefrLevel::kA0);
}

TEST(CourseLength, A2ToB2InTwelveWeeksDoesNotHappen) {
  const ScoringOptions o;
  Course c;
  c.kind = CourseKind::kLanguage;  // kind not stated
  c.target_level = CefrLevel::kB2;
  c.weeks = 12;  // 300 units: A2 -> B1 only
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA2, o), CefrLevel::kB1);
  c.weeks = 27;  // 675 < 300 + 400
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA2, o), CefrLevel::kB1);
  c.weeks = 28;  // 700: just enough
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA2, o), CefrLevel::kB2);
  c.kind = CourseKind::kVocational;
  EXPECT_EQ(CourseLevelReached(c, CefrLevel::kA2, o), CefrLevel::kA2);
}

class CourseLengthBridge : public ::testing::Test {
 protected:
  void SetUp() override {
    ref_ = fixtures::TinyReference();
    dataset_ = fixtures::EmptyDataset();
    AddParticipant(&dataset_, kBernburg).german = CefrLevel::kA2;
    Vacancy& v = AddVacancy(&dataset_, Offset(kBernburg, 0, 2));
    v.kind = VacancyKind::kTraining;
    v.min_german = CefrLevel::kB2;  // two levels above A2
    v.start_date = Date{kRunDate.days + 200};
    dataset_.participants[0].goal = Goal::kTraining;
    options_ = SerialKeepAll();
    options_.run_date = kRunDate;
  }
  void AddCourse(int32_t start_offset, int32_t weeks) {
    Course c;
    c.id = "C" + std::to_string(dataset_.courses.size());
    c.kind = CourseKind::kLanguage;
    c.target_level = CefrLevel::kB2;
    c.place = fixtures::PlaceAt(kBernburg);
    c.start_date = Date{kRunDate.days + start_offset};
    c.weeks = weeks;
    dataset_.courses.push_back(c);
  }
  ScoredPairs Score() { return ScoreTopK(dataset_, ref_, options_); }
  ReferenceData ref_;
  Dataset dataset_;
  ScoringOptions options_;
};

TEST_F(CourseLengthBridge, ACourseTooShortToReachTheLevelIsNoBridge) {
  AddCourse(0, 12);  // A2 -> B2 in 12 weeks: reaches B1 only
  const ScoredPairs s = Score();
  EXPECT_EQ(Find(s, 0, 0), nullptr);
  EXPECT_EQ(Excluded(s, 0, ExclusionReason::kGermanTooLow), 1);
}

TEST_F(CourseLengthBridge, ACourseJustLongEnoughBridgesAndNamesTheLevel) {
  AddCourse(0, 28);  // 700 units: B2, ends day 196 before the start on day 200
  const ScoredPairs s = Score();
  ASSERT_NE(Find(s, 0, 0), nullptr);
  EXPECT_EQ(Find(s, 0, 0)->bridge_course, CourseIndex(0));
  EXPECT_EQ(Find(s, 0, 0)->bridge_level, CefrLevel::kB2);
}

TEST_F(CourseLengthBridge, ACourseEndingAfterTheVacancyStartsIsNoBridge) {
  AddCourse(5, 28);  // ends day 201, the vacancy starts on day 200
  EXPECT_EQ(Find(Score(), 0, 0), nullptr);
  dataset_.vacancies[0].start_date = Date{kRunDate.days + 201};  // starts the day it ends
  EXPECT_NE(Find(Score(), 0, 0), nullptr);
}
}  // namespace
}  // namespace jobmatch

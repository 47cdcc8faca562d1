// Tests of reports/reasons_de.h: German number formats and words, and the
// sentence for each fact engine/proposals.h returns.

#include "reports/reasons_de.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace jobmatch::reports {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(DecimalDe, UsesADecimalCommaAndRounds) {
  EXPECT_EQ(DecimalDe(18.35, 1), "18,4");
  EXPECT_EQ(DecimalDe(0.5, 2), "0,50");
  EXPECT_EQ(DecimalDe(-2.0, 0), "-2");
  EXPECT_EQ(DecimalDe(std::numeric_limits<double>::infinity(), 1), "");
}

// The same digits as printf's "%.*f" (what it used before), on values that
// round half-way in binary and decimal, signed zeros, huge and tiny values
// and random ones.
TEST(DecimalDe, WritesPrintfsDigits) {
  std::vector<double> values = {0.0,
                                -0.0,
                                0.125,
                                2.675,
                                1.005,
                                -0.04,
                                0.05,
                                9.995,
                                1e300,
                                -1e-300,
                                123456789.987654321,
                                0.5,
                                1.5,
                                2.5};
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> uniform(-1000.0, 1000.0);
  for (int i = 0; i < 2000; ++i) values.push_back(uniform(random));
  for (const double value : values) {
    for (int decimals = 0; decimals <= 6; ++decimals) {
      char buffer[400];
      std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
      std::string expected = buffer;
      std::replace(expected.begin(), expected.end(), '.', ',');
      EXPECT_EQ(DecimalDe(value, decimals), expected) << value << " " << decimals;
    }
  }
}

TEST(MissingSkillsDe, NamesAtMostThreeAndCountsTheRest) {
  ReferenceData ref;
  for (int i = 0; i < 6; ++i) {
    EscoSkill s;
    s.id = "s" + std::to_string(i);
    s.label_en = "skill " + std::to_string(i);
    ref.skills.push_back(s);
  }
  EssentialSkillGap gap;
  EXPECT_EQ(MissingSkillsDe(gap, ref), "");  // no essential skill known
  gap.covered = {SkillIndex(0)};
  EXPECT_EQ(MissingSkillsDe(gap, ref), "keine");
  gap.missing = {SkillIndex(1), SkillIndex(2)};
  EXPECT_EQ(MissingSkillsDe(gap, ref), "skill 1, skill 2");
  gap.missing = {SkillIndex(1), SkillIndex(2), SkillIndex(3), SkillIndex(4), SkillIndex(5)};
  EXPECT_EQ(MissingSkillsDe(gap, ref), "skill 1, skill 2, skill 3 und 2 weitere");
}

TEST(PercentDe, RoundsToWholePercent) {
  EXPECT_EQ(PercentDe(0.754), "75 %");
  EXPECT_EQ(PercentDe(1.0), "100 %");
  EXPECT_EQ(PercentDe(0.0), "0 %");
}

TEST(SizeClassTextDe, NamesEverySizeClass) {
  EXPECT_EQ(SizeClassTextDe(SizeClass::kMicro), "Kleinstbetrieb");
  EXPECT_EQ(SizeClassTextDe(SizeClass::kSmall), "Kleinbetrieb");
  EXPECT_EQ(SizeClassTextDe(SizeClass::kMedium), "mittlerer Betrieb");
  EXPECT_EQ(SizeClassTextDe(SizeClass::kLarge), "Großbetrieb");
}

TEST(SizeClassStaffDe, BandsMatchSizeClassOf) {
  EXPECT_EQ(SizeClassStaffDe(SizeClass::kMicro), "unter 10");
  EXPECT_EQ(SizeClassOf(9), SizeClass::kMicro);
  EXPECT_EQ(SizeClassStaffDe(SizeClass::kSmall), "10–49");
  EXPECT_EQ(SizeClassOf(10), SizeClass::kSmall);
  EXPECT_EQ(SizeClassOf(49), SizeClass::kSmall);
  EXPECT_EQ(SizeClassStaffDe(SizeClass::kMedium), "50–249");
  EXPECT_EQ(SizeClassOf(249), SizeClass::kMedium);
  EXPECT_EQ(SizeClassStaffDe(SizeClass::kLarge), "ab 250");
  EXPECT_EQ(SizeClassOf(250), SizeClass::kLarge);
}

TEST(CapacityTextDe, SaysADerivedCapacityAsASentenceWithoutArithmetic) {
  CapacityDerivation d;
  d.derived = true;
  d.capacity = 3;
  d.fte = 1.0;
  d.yearly_intake = 40.0;
  d.taken_on_this_year = 12;
  d.cycles_left = 2;
  d.per_cycle = 14.0;
  d.follow_up = 5;
  d.follow_up_load = 0.5;
  EXPECT_EQ(CapacityTextDe(d, false),
            "Kapazität in diesem Zyklus: 3 neue Vorschläge (1 Vollzeitstelle, 40 Aufnahmen im "
            "Jahr, 12 in diesem Jahr schon aufgenommen, noch 2 Zyklen bis Jahresende, 5 in "
            "Nachbetreuung)");
  d.capacity = 1;
  d.fte = 0.75;
  d.yearly_intake = 30.0;
  d.cycles_left = 1;
  const std::string one = CapacityTextDe(d, false);
  EXPECT_THAT(one,
              StartsWith("Kapazität in diesem Zyklus: 1 neuer Vorschlag (0,75 Vollzeitstellen, "
                         "30 Aufnahmen im Jahr,"));
  EXPECT_THAT(one, HasSubstr("noch 1 Zyklus bis Jahresende"));
  for (const char* formula : {"×", "=", "VZÄ", "abzüglich"}) {
    EXPECT_THAT(one, Not(HasSubstr(formula))) << formula;
  }
  d.derived = false;
  d.capacity = 13;
  EXPECT_EQ(
      CapacityTextDe(d, true),
      "Kapazität in diesem Zyklus: 13 neue Vorschläge (vorgegeben in der Koordinationsliste)");
}

TEST(ExclusionTextDe, NamesEveryRuleDifferently) {
  std::set<std::string_view> names;
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    const std::string_view name = ExclusionTextDe(static_cast<ExclusionReason>(r));
    EXPECT_FALSE(name.empty()) << "rule " << r;
    names.insert(name);
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kNumExclusionReasons));
  EXPECT_EQ(ExclusionTextDe(ExclusionReason::kCommuteTooLong), "Pendelzeit zu lang");
}

// One coordinator, two participants, two vacancies at a micro-enterprise.
Dataset MakeDataset() {
  Dataset d;
  d.coordinators.resize(1);
  d.employers.resize(1);
  d.employers[0].name = "Logistik Krüger";
  d.employers[0].staff = 6;
  for (int v = 0; v < 2; ++v) {
    Vacancy vacancy;
    vacancy.id = "V-" + std::to_string(v);
    vacancy.title = "Lagerhelfer (m/w/d)";
    vacancy.employer = EmployerIndex(0);
    vacancy.min_german = CefrLevel::kB1;
    vacancy.place.name = "Staßfurt";
    vacancy.openings = 2;
    d.vacancies.push_back(vacancy);
  }
  for (int p = 0; p < 2; ++p) {
    Participant participant;
    participant.id = "T-" + std::to_string(p);
    participant.coordinator = CoordinatorIndex(0);
    participant.german = CefrLevel::kB1;
    d.participants.push_back(participant);
  }
  return d;
}

Proposal MakeProposal() {
  Proposal proposal;
  proposal.coordinator = CoordinatorIndex(0);
  proposal.participant = ParticipantIndex(0);
  proposal.pair.vacancy = VacancyIndex(0);
  proposal.pair.parts.essential_coverage = 0.75f;
  proposal.pair.parts.optional_coverage = 0.4f;
  proposal.pair.commute_minutes = 23.0f;
  proposal.pair.distance_km = 18.4f;
  proposal.assigned = true;
  proposal.rank = 1;
  return proposal;
}

TEST(ProposalReasonDe, DescribesSkillsGermanCommuteAndEmployer) {
  const Dataset dataset = MakeDataset();
  EXPECT_EQ(ProposalReasonDe(dataset, MakeProposal()),
            "Pflichtkompetenzen 75 % abgedeckt, optionale 40 %; Deutsch B1 (gefordert B1); "
            "23 Min. mit ÖPNV (18,4 km); Kleinstbetrieb (6 Beschäftigte)");
}

TEST(ProposalReasonDe, SaysWhenGermanIsBelowTheMinimumWithoutACourse) {
  Dataset dataset = MakeDataset();
  dataset.participants[0].german = CefrLevel::kA2;
  EXPECT_THAT(ProposalReasonDe(dataset, MakeProposal()),
              HasSubstr("Deutsch A2 (gefordert B1, eine Stufe darunter: noch zugelassen, kein Kurs "
                        "in Reichweite endet rechtzeitig); "));
  dataset.participants[0].german = CefrLevel::kA1;
  EXPECT_THAT(ProposalReasonDe(dataset, MakeProposal()),
              HasSubstr("Deutsch A1 (gefordert B1, 2 Stufen darunter: noch zugelassen"));
  // At or above the minimum: nothing more to say.
  dataset.participants[0].german = CefrLevel::kB2;
  EXPECT_THAT(ProposalReasonDe(dataset, MakeProposal()), HasSubstr("Deutsch B2 (gefordert B1); "));
}

TEST(ProposalReasonDe, SaysAmWohnortWhenTheVacancyIsWhereTheParticipantLives) {
  const Dataset dataset = MakeDataset();
  Proposal proposal = MakeProposal();
  proposal.pair.commute_minutes = 0.0f;
  proposal.pair.distance_km = 0.0f;
  EXPECT_THAT(ProposalReasonDe(dataset, proposal), HasSubstr("; am Wohnort;"));
  EXPECT_THAT(ProposalReasonDe(dataset, proposal), Not(HasSubstr("Min.")));
  EXPECT_THAT(ProposalReasonDe(dataset, proposal), Not(HasSubstr("0,0 km")));
  proposal.pair.distance_km = 0.04f;  // printed as 0,0 km: still the same place
  EXPECT_THAT(ProposalReasonDe(dataset, proposal), HasSubstr("; am Wohnort;"));
  proposal.pair.distance_km = 0.05f;  // 0,1 km: a distance worth stating
  proposal.pair.commute_minutes = 2.0f;
  EXPECT_THAT(ProposalReasonDe(dataset, proposal), HasSubstr("2 Min. mit ÖPNV (0,1 km)"));
}

TEST(ProposalReasonDe, SaysWhyNotTheBestScoredVacancyOnAssignedLinesOnly) {
  const Dataset dataset = MakeDataset();
  Proposal proposal = MakeProposal();
  proposal.binding.kind = BindingKind::kVacancyFull;
  proposal.binding.better_vacancy = VacancyIndex(1);
  proposal.binding.better_score = 0.9f;
  proposal.binding.holders = {ParticipantIndex(1), ParticipantIndex(0)};
  proposal.binding.holder_scores = {0.95f, 0.91f};
  EXPECT_THAT(ProposalReasonDe(dataset, proposal),
              EndsWith(". Nicht die bestbewertete Stelle V-1 (0,90): alle 2 Plätze sind vergeben "
                       "an T-1 (0,95), T-0 (0,91)"));
  proposal.assigned = false;
  EXPECT_THAT(ProposalReasonDe(dataset, proposal), EndsWith("(6 Beschäftigte)"));
  Dataset one_person = dataset;
  one_person.employers[0].staff = 1;
  EXPECT_THAT(ProposalReasonDe(one_person, proposal),
              EndsWith("Kleinstbetrieb (1 beschäftigte Person)"));
}

TEST(UnplacedReasonDe, GivesOneSentencePerReason) {
  const Dataset dataset = MakeDataset();
  UnplacedParticipant u;
  u.coordinator = CoordinatorIndex(0);
  u.participant = ParticipantIndex(1);

  u.reason = UnplacedReason::kNoWorkPermit;
  EXPECT_EQ(UnplacedReasonDe(dataset, u), "Keine Arbeitserlaubnis");

  u.reason = UnplacedReason::kNothingInReach;
  EXPECT_EQ(UnplacedReasonDe(dataset, u), "Keine Stelle in Pendelreichweite");

  u.reason = UnplacedReason::kNothingSuitable;
  u.excluded[static_cast<size_t>(ExclusionReason::kLicenceMissing)] = 3;
  u.excluded[static_cast<size_t>(ExclusionReason::kCommuteTooLong)] = 12;
  EXPECT_EQ(UnplacedReasonDe(dataset, u),
            "Keine passende Stelle in Reichweite: Pendelzeit zu lang (12 Stellen), Führerschein "
            "fehlt (3 Stellen)");

  u.reason = UnplacedReason::kCoordinatorAtCapacity;
  u.candidates = 2;
  u.eligible = 7;
  u.best_vacancy = VacancyIndex(1);
  u.best_score = 0.81f;
  EXPECT_EQ(UnplacedReasonDe(dataset, u),
            "Kapazität der Koordination in diesem Zyklus ausgeschöpft; 7 passende Stellen, "
            "beste V-1 (0,81)");
  u.eligible = 1;
  EXPECT_EQ(UnplacedReasonDe(dataset, u),
            "Kapazität der Koordination in diesem Zyklus ausgeschöpft; 1 passende Stelle, "
            "beste V-1 (0,81)");

  u.reason = UnplacedReason::kBound;
  u.binding.kind = BindingKind::kEmployerFull;
  u.binding.better_vacancy = VacancyIndex(0);
  u.binding.better_score = 0.7f;
  EXPECT_EQ(UnplacedReasonDe(dataset, u),
            "Nicht die bestbewertete Stelle V-0 (0,70): der Arbeitgeber hat seine Obergrenze an "
            "Vorschlägen erreicht");

  u.reason = UnplacedReason::kOutscored;
  EXPECT_EQ(UnplacedReasonDe(dataset, u),
            "Alle 2 bestbewerteten passenden Stellen sind an Teilnehmende mit höherem Gesamtwert "
            "vergeben");
  u.candidates = 1;
  EXPECT_EQ(UnplacedReasonDe(dataset, u),
            "Die bestbewertete passende Stelle ist an Teilnehmende mit höherem Gesamtwert "
            "vergeben");
  u.candidates = 2;

  u.reason = UnplacedReason::kOutsidePathway;
  u.pathway_rule = ExclusionReason::kUnqualifiedTraining;
  u.pathway_vacancies = 4;
  EXPECT_EQ(
      UnplacedReasonDe(dataset, u),
      "Kein Vorschlag nach den Regeln des Programms: ohne Berufs- oder Hochschulabschluss führt "
      "der Weg in eine Ausbildung oder Qualifizierung, nicht direkt in Arbeit (4 Stellen in "
      "Reichweite passen nur deshalb nicht)");
  u.pathway_rule = ExclusionReason::kInternshipBeforeJob;
  u.pathway_vacancies = 1;
  EXPECT_THAT(UnplacedReasonDe(dataset, u),
              HasSubstr("ohne Arbeitserfahrung in Deutschland kommt zuerst ein Praktikum"));
  EXPECT_THAT(UnplacedReasonDe(dataset, u),
              EndsWith("(1 Stelle in Reichweite passt nur deshalb nicht)"));
  u.pathway_rule = ExclusionReason::kHelperJobQualified;
  EXPECT_THAT(UnplacedReasonDe(dataset, u), HasSubstr("nicht in eine Helfertätigkeit"));
  u.pathway_rule = ExclusionReason::kGoalInternship;
  EXPECT_THAT(UnplacedReasonDe(dataset, u), HasSubstr("Ziel ist ein Praktikum"));
}

TEST(VacancyKindTextDe, NamesEachKindInItsOwnWord) {
  EXPECT_EQ(VacancyKindTextDe(VacancyKind::kJob), "Arbeit");
  EXPECT_EQ(VacancyKindTextDe(VacancyKind::kTraining), "Ausbildung");
  EXPECT_EQ(VacancyKindTextDe(VacancyKind::kInternship), "Praktikum");
}

TEST(ProposalReasonDe, ABridgeNamesTheCourseItsDatesAndTheLevelReached) {
  Dataset dataset = MakeDataset();
  Course course;
  course.id = "C-1";
  course.kind = CourseKind::kIntegration;
  course.start_date = Date{20454};  // 2026-01-01
  course.weeks = 12;
  dataset.courses.push_back(course);
  Proposal proposal = MakeProposal();
  proposal.pair.bridge_course = CourseIndex(0);
  proposal.pair.bridge_level = CefrLevel::kB1;
  EXPECT_THAT(ProposalReasonDe(dataset, proposal),
              HasSubstr("passt nach Integrationskurs C-1 (01.01.2026 bis 25.03.2026, 12 Wochen, "
                        "danach Deutsch B1)"));
}

TEST(UnplacedReasonDe, AddsTheNearestPossibilityWhenNothingWasScored) {
  const Dataset dataset = MakeDataset();
  UnplacedParticipant u;
  u.participant = ParticipantIndex(1);
  u.reason = UnplacedReason::kNothingSuitable;
  u.excluded[static_cast<size_t>(ExclusionReason::kGermanTooLow)] = 14;
  u.has_near_miss = true;
  u.near_miss_rule = ExclusionReason::kGermanTooLow;
  u.near_miss = {14, VacancyIndex(0), 0.82f};
  EXPECT_EQ(UnplacedReasonDe(dataset, u),
            "Keine passende Stelle in Reichweite: Deutsch zu weit unter dem Mindestniveau (14 "
            "Stellen). "
            "Nächste Möglichkeit mit Deutsch B1: 14 weitere Stellen, beste 0,82: Lagerhelfer "
            "(m/w/d) bei Logistik Krüger (Kleinstbetrieb) in Staßfurt");

  u.near_miss_rule = ExclusionReason::kLicenceMissing;
  u.near_miss.count = 1;
  EXPECT_THAT(UnplacedReasonDe(dataset, u),
              HasSubstr("Nächste Möglichkeit mit Führerschein: 1 weitere Stelle, beste"));

  // With scored vacancies the near miss is not the news.
  u.reason = UnplacedReason::kOutscored;
  u.candidates = 1;
  EXPECT_THAT(UnplacedReasonDe(dataset, u), StartsWith("Die bestbewertete passende Stelle "));
  EXPECT_THAT(UnplacedReasonDe(dataset, u), ::testing::Not(HasSubstr("Nächste")));
}

}  // namespace
}  // namespace jobmatch::reports

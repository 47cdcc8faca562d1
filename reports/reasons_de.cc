#include "reports/reasons_de.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <system_error>
#include <utility>
#include <vector>

namespace jobmatch::reports {
namespace {

// Indexed by SizeClass.
// Indexed by SizeClass: the name and the staff band (engine SizeClassOf).
struct SizeClassText {
  std::string_view name;
  std::string_view staff;
};
constexpr std::array<SizeClassText, 4> kSizeClassDe = {{
    {"Kleinstbetrieb", "unter 10"},
    {"Kleinbetrieb", "10–49"},
    {"mittlerer Betrieb", "50–249"},
    {"Großbetrieb", "ab 250"},
}};

// "1 neuer Vorschlag", "3 neue Vorschläge".
std::string Counted(int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// A figure with up to two decimals and no trailing zeros: 1 -> "1", 0.75 ->
// "0,75", 32.5 -> "32,5".
std::string ShortDecimalDe(double value) {
  std::string text = DecimalDe(value, 2);
  if (text.find(',') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == ',') text.pop_back();
  return text;
}

// Indexed by ExclusionReason: the rule's name, and what would lift it (the
// start of a "Nächste Möglichkeit" sentence; kGermanTooLow names the level).
struct RuleText {
  std::string_view name;
  std::string_view lifted;
};
constexpr std::array<RuleText, kNumExclusionReasons> kRuleDe = {{
    {"ohne Arbeitserlaubnis", "mit Arbeitserlaubnis"},
    {"Deutsch unter dem Einstiegsniveau des Programms", "mit besserem Deutsch"},
    {"länger in Deutschland, als das Programm zulässt", "ohne diese Regel"},
    {"Aufenthaltsstatus gehört nicht zur Zielgruppe des Programms", "ohne diese Regel"},
    {"ohne Leistungen nach dem SGB II", "ohne diese Regel"},
    {"sicheres Herkunftsland (§ 29a AsylG)", "ohne diese Regel"},
    {"früher abgelehnt", "ohne diese Regel"},
    {"Stelle abgelaufen", "ohne diese Regel"},
    {"Ziel Praktikum: nur Praktika", "ohne diese Regel"},
    {"ohne Berufsabschluss erst Ausbildung oder Qualifizierung", "ohne diese Regel"},
    {"Helfertätigkeit trotz Berufs- oder Hochschulabschluss", "ohne diese Regel"},
    {"ohne Arbeitserfahrung in Deutschland erst ein Praktikum", "ohne diese Regel"},
    {"Stellenart passt nicht zu Ziel und Qualifikation",
     "wenn auch diese Stellenart in Frage kommt"},
    {"Führerschein fehlt", "mit Führerschein"},
    {"zu viele Wochenstunden", "mit mehr Wochenstunden"},
    {"Pendelzeit zu lang", "mit längerer Pendelzeit"},
    {"Deutsch zu weit unter dem Mindestniveau", "mit Deutsch "},
    {"keine der Pflichtkompetenzen und kein verwandter Beruf", "mit passenden Kompetenzen"},
}};

// How close the participant's occupation is to the vacancy's, by the ISCO-08
// digits they share (2 sub-major group, 3 minor group, 4 unit group), said as
// a coordinator would say it, without the classification's names.
constexpr std::array<std::string_view, 5> kRelatedDe = {
    "", "", "entfernt verwandter Beruf", "verwandter Beruf", "eng verwandter Beruf"};

const Vacancy& VacancyAt(const Dataset& dataset, VacancyIndex v) {
  return dataset.vacancies[static_cast<size_t>(v.value)];
}

const Employer& EmployerOf(const Dataset& dataset, const Vacancy& vacancy) {
  return dataset.employers[static_cast<size_t>(vacancy.employer.value)];
}

std::string SizeWithStaff(const Employer& employer) {
  return std::string(SizeClassTextDe(SizeClassOf(employer.staff))) + " (" +
         Counted(employer.staff, "beschäftigte Person", "Beschäftigte") + ")";
}

// "23 Min. mit ÖPNV (18,4 km)", or "am Wohnort" when the vacancy lies where
// the participant lives (under 0,05 km, which the sheet would print as 0,0).
std::string CommuteDe(const Participant& participant, const ScoredPair& pair) {
  if (pair.distance_km < 0.05f) return "am Wohnort";
  const bool by_car = participant.driving_licence && participant.car;
  return std::to_string(std::lround(pair.commute_minutes)) + " Min. " +
         (by_car ? "mit dem Auto" : "mit ÖPNV") + " (" + DecimalDe(pair.distance_km, 1) + " km)";
}

// "Pflichtkompetenzen 75 % abgedeckt, optionale 40 %; Deutsch B1 (gefordert
// B1); 23 Min. mit ÖPNV (18,4 km); Kleinstbetrieb (6 Beschäftigte)"; below the
// minimum without a course: "Deutsch A2 (gefordert B1, eine Stufe darunter:
// noch zugelassen, kein Kurs in Reichweite endet rechtzeitig)".
std::string DescribePair(const Dataset& dataset,
                         const Participant& participant,
                         const ScoredPair& pair) {
  const Vacancy& vacancy = VacancyAt(dataset, pair.vacancy);
  std::string text =
      pair.parts.has_essential_skills
          ? "Pflichtkompetenzen " + PercentDe(pair.parts.essential_coverage) + " abgedeckt"
          : std::string("keine Pflichtkompetenzen hinterlegt");
  text += ", optionale " + PercentDe(pair.parts.optional_coverage);
  if (pair.parts.isco_floor_applied) {
    // The related-occupation floor of the skill part (engine/scorer.h).
    const size_t digits = static_cast<size_t>(std::clamp<int>(pair.parts.isco_match_digits, 0, 4));
    text += ", " + std::string(kRelatedDe[digits]);
  }
  if (pair.parts.requirement_fit < 1.0f) {
    text += ", die Stelle verlangt eine höhere Qualifikation als vorhanden";
  }
  text += "; Deutsch " + std::string(CefrName(participant.german)) + " (gefordert " +
          std::string(CefrName(vacancy.min_german));
  const int gap = static_cast<int>(vacancy.min_german) - static_cast<int>(participant.german);
  if (gap > 0 && !pair.bridge_course.valid()) {
    // Below the minimum within the configured tolerance, and no course in
    // reach finishes in time: the pair is kept with a lower German part.
    text += gap == 1 ? std::string(", eine Stufe darunter")
                     : ", " + std::to_string(gap) + " Stufen darunter";
    text += ": noch zugelassen, kein Kurs in Reichweite endet rechtzeitig";
  }
  text += ")";
  if (pair.bridge_course.valid()) {
    const Course& course = dataset.courses[static_cast<size_t>(pair.bridge_course.value)];
    text += ", passt nach " + std::string(CourseKindTextDe(course.kind)) + " " + course.id + " (";
    if (course.start_date) {
      text += FormatDateDe(*course.start_date) + " bis " +
              FormatDateDe(Date{course.start_date->days + 7 * course.weeks - 1}) + ", ";
    }
    text += std::to_string(course.weeks) + " Wochen, danach Deutsch " +
            std::string(CefrName(pair.bridge_level)) + ")";
  }
  text += "; " + CommuteDe(participant, pair);
  text += "; " + SizeWithStaff(EmployerOf(dataset, vacancy));
  return text;
}

// "Nicht die bestbewertete Stelle V-7 (0,81): der Platz ist vergeben an T-3 (0,84)";
// "" when the binding names no better vacancy.
std::string DescribeBinding(const Dataset& dataset, const Binding& binding) {
  if (binding.kind == BindingKind::kNone || !binding.better_vacancy.valid()) return "";
  const Vacancy& better = VacancyAt(dataset, binding.better_vacancy);
  std::string text = "Nicht die bestbewertete Stelle " + better.id + " (" +
                     DecimalDe(binding.better_score, 2) + "): ";
  switch (binding.kind) {
    case BindingKind::kVacancyFull: {
      text += better.openings == 1
                  ? std::string("der Platz ist vergeben an ")
                  : "alle " + std::to_string(better.openings) + " Plätze sind vergeben an ";
      for (size_t i = 0; i < binding.holders.size(); ++i) {
        if (i > 0) text += ", ";
        text += dataset.participants[static_cast<size_t>(binding.holders[i].value)].id;
        if (i < binding.holder_scores.size()) {
          text += " (" + DecimalDe(binding.holder_scores[i], 2) + ")";
        }
      }
      break;
    }
    case BindingKind::kEmployerFull:
      text += "der Arbeitgeber hat seine Obergrenze an Vorschlägen erreicht";
      break;
    case BindingKind::kCoordinatorAtCapacity:
      text += "die Kapazität der Koordination ist ausgeschöpft";
      break;
    case BindingKind::kNone:
      break;
  }
  return text;
}

// The rules that removed vacancies, most frequent first (ties in rule order):
// "Pendelzeit zu lang (12 Stellen), Führerschein fehlt (3 Stellen)".
std::string DescribeExclusions(const std::array<int32_t, kNumExclusionReasons>& excluded) {
  std::vector<std::pair<int32_t, int>> order;
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    if (excluded[static_cast<size_t>(r)] > 0) {
      order.emplace_back(-excluded[static_cast<size_t>(r)], r);
    }
  }
  std::sort(order.begin(), order.end());
  std::string text;
  for (const auto& [negative_count, r] : order) {
    if (!text.empty()) text += ", ";
    const int64_t count = -static_cast<int64_t>(negative_count);
    text += std::string(ExclusionTextDe(static_cast<ExclusionReason>(r))) + " (" +
            std::to_string(count) + (count == 1 ? " Stelle)" : " Stellen)");
  }
  return text;
}

// "mit Deutsch B1: 14 weitere Stellen, beste 0,82: Lagerhelfer (m/w/d) bei
// Logistik Krüger (Kleinstbetrieb) in Staßfurt".
std::string DescribeNearMiss(const Dataset& dataset, ExclusionReason rule, const NearMiss& miss) {
  const Vacancy& vacancy = VacancyAt(dataset, miss.best);
  const Employer& employer = EmployerOf(dataset, vacancy);
  std::string change(kRuleDe[static_cast<size_t>(rule)].lifted);
  if (rule == ExclusionReason::kGermanTooLow) change += CefrName(vacancy.min_german);
  return change + ": " + std::to_string(miss.count) +
         (miss.count == 1 ? " weitere Stelle" : " weitere Stellen") + ", beste " +
         DecimalDe(miss.best_score, 2) + ": " + vacancy.title + " bei " + employer.name + " (" +
         std::string(SizeClassTextDe(SizeClassOf(employer.staff))) + ") in " + vacancy.place.name;
}

// Why the participant is outside the programme, as a sentence naming the rule:
// "Nicht im Programm: Deutsch A1, das Programm setzt mindestens A2 voraus".
std::string ProgrammeRuleDe(const Dataset& dataset, const UnplacedParticipant& unplaced) {
  const Participant& participant =
      dataset.participants[static_cast<size_t>(unplaced.participant.value)];
  std::string why;
  switch (unplaced.programme_rule) {
    case ExclusionReason::kBelowProgrammeGerman:
      why = "Deutsch " + std::string(CefrName(participant.german)) +
            " liegt unter dem Einstiegsniveau, das das Programm voraussetzt";
      break;
    case ExclusionReason::kInGermanyTooLong:
      why = "seit " +
            (participant.in_germany_since ? FormatDateDe(*participant.in_germany_since)
                                          : std::string("unbekannt")) +
            " in Deutschland, länger als das Programm zulässt";
      break;
    case ExclusionReason::kResidenceStatusExcluded:
      why = "Aufenthaltsstatus „" +
            std::string(ResidenceStatusTextDe(participant.residence_status)) +
            "“ gehört nicht zur Zielgruppe des Programms";
      break;
    case ExclusionReason::kNoSgb2Benefits:
      why = "das Programm richtet sich an Menschen mit Leistungen nach dem SGB II (Bürgergeld)";
      break;
    case ExclusionReason::kSafeCountryOfOrigin:
      why =
          "Herkunft aus einem sicheren Herkunftsstaat (§ 29a AsylG, Anlage II); das Programm "
          "schließt diese Personen aus";
      break;
    default:
      why = std::string(ExclusionTextDe(unplaced.programme_rule));
      break;
  }
  return "Nicht im Programm: " + why;
}

// Why the programme's pathway leaves the participant without a vacancy, as a
// sentence naming the rule: "Kein Vorschlag nach den Regeln des Programms: ...".
std::string PathwayRuleDe(const UnplacedParticipant& unplaced) {
  std::string why;
  switch (unplaced.pathway_rule) {
    case ExclusionReason::kGoalInternship:
      why = "Ziel ist ein Praktikum, das Programm schlägt dann nur Praktika vor";
      break;
    case ExclusionReason::kUnqualifiedTraining:
      why =
          "ohne Berufs- oder Hochschulabschluss führt der Weg in eine Ausbildung oder "
          "Qualifizierung, nicht direkt in Arbeit";
      break;
    case ExclusionReason::kHelperJobQualified:
      why =
          "mit Berufs- oder Hochschulabschluss führt der Weg in Arbeit, die zur Qualifikation "
          "passt, nicht in eine Helfertätigkeit";
      break;
    case ExclusionReason::kInternshipBeforeJob:
      why =
          "ohne Arbeitserfahrung in Deutschland kommt zuerst ein Praktikum, danach die "
          "Arbeit";
      break;
    default:
      why = std::string(ExclusionTextDe(unplaced.pathway_rule));
      break;
  }
  const int32_t count = unplaced.pathway_vacancies;
  std::string text = "Kein Vorschlag nach den Regeln des Programms: " + why;
  if (count > 0) {
    text += " (" + std::to_string(count) +
            (count == 1 ? " Stelle in Reichweite passt nur deshalb nicht)"
                        : " Stellen in Reichweite passen nur deshalb nicht)");
  }
  return text;
}

}  // namespace

std::string_view CourseKindTextDe(CourseKind kind) {
  switch (kind) {
    case CourseKind::kLanguage:
      return "Sprachkurs";
    case CourseKind::kVocational:
      return "beruflicher Kurs";
    case CourseKind::kIntegration:
      return "Integrationskurs";
    case CourseKind::kJobGerman:
      return "Berufssprachkurs";
  }
  return "Sprachkurs";
}

std::string_view VacancyKindTextDe(VacancyKind kind) {
  switch (kind) {
    case VacancyKind::kJob:
      return "Arbeit";
    case VacancyKind::kTraining:
      return "Ausbildung";
    case VacancyKind::kInternship:
      return "Praktikum";
  }
  return "Arbeit";
}

std::string FormatDateDe(Date date) {
  std::string iso = FormatDate(date);  // YYYY-MM-DD
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

std::string_view ResidenceStatusTextDe(ResidenceStatus status) {
  switch (status) {
    case ResidenceStatus::kUnknown:
      return "unbekannt";
    case ResidenceStatus::kRecognised:
      return "anerkannt (Flüchtling oder Schutzberechtigt)";
    case ResidenceStatus::kPermit104c:
      return "Aufenthaltserlaubnis nach § 104c AufenthG";
    case ResidenceStatus::kAsylumPending:
      return "Aufenthaltsgestattung (Asylverfahren läuft)";
    case ResidenceStatus::kTolerated:
      return "Duldung";
    case ResidenceStatus::kTolerated60a6:
      return "Duldung mit Beschäftigungsverbot nach § 60a Abs. 6 AufenthG";
    case ResidenceStatus::kOther:
      return "sonstiger Aufenthaltstitel";
  }
  return "unbekannt";
}

std::string DecimalDe(double value, int decimals) {
  if (!std::isfinite(value)) return "";
  // std::to_chars with a precision writes what printf's "%.*f" does, without
  // printf's format parsing and locale.
  char buffer[400];  // DBL_MAX in fixed notation: 309 digits, plus sign and decimals
  const auto [end, error] = std::to_chars(std::begin(buffer),
                                          std::end(buffer),
                                          value,
                                          std::chars_format::fixed,
                                          std::clamp(decimals, 0, 60));
  if (error != std::errc()) return "";
  std::string out(std::begin(buffer), end);
  std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

std::string PercentDe(double share) {
  return std::to_string(std::lround(share * 100.0)) + " %";
}

std::string_view SizeClassTextDe(SizeClass size) {
  const auto index = static_cast<size_t>(size);
  return index < kSizeClassDe.size() ? kSizeClassDe[index].name : std::string_view();
}

std::string_view SizeClassStaffDe(SizeClass size) {
  const auto index = static_cast<size_t>(size);
  return index < kSizeClassDe.size() ? kSizeClassDe[index].staff : std::string_view();
}

std::string_view ExclusionTextDe(ExclusionReason reason) {
  const auto index = static_cast<size_t>(reason);
  return index < kRuleDe.size() ? kRuleDe[index].name : std::string_view();
}

std::string ProposalReasonDe(const Dataset& dataset, const Proposal& proposal) {
  const Participant& participant =
      dataset.participants[static_cast<size_t>(proposal.participant.value)];
  std::string text = DescribePair(dataset, participant, proposal.pair);
  if (proposal.assigned) {
    const std::string why = DescribeBinding(dataset, proposal.binding);
    if (!why.empty()) text += ". " + why;
  }
  return text;
}

std::string MissingSkillsDe(const EssentialSkillGap& gap, const ReferenceData& reference) {
  if (gap.missing.empty()) return gap.covered.empty() ? "" : "keine";
  constexpr size_t kShown = 3;
  std::string text;
  for (size_t i = 0; i < gap.missing.size() && i < kShown; ++i) {
    if (i > 0) text += ", ";
    text += reference.skills[static_cast<size_t>(gap.missing[i].value)].label_en;
  }
  if (gap.missing.size() > kShown) {
    text += " und " + std::to_string(gap.missing.size() - kShown) + " weitere";
  }
  return text;
}

std::string UnplacedReasonDe(const Dataset& dataset, const UnplacedParticipant& unplaced) {
  std::string text;
  switch (unplaced.reason) {
    case UnplacedReason::kNoWorkPermit:
      text = "Keine Arbeitserlaubnis";
      break;
    case UnplacedReason::kOutsideProgramme:
      text = ProgrammeRuleDe(dataset, unplaced);
      break;
    case UnplacedReason::kNothingInReach:
      text = "Keine Stelle in Pendelreichweite";
      break;
    case UnplacedReason::kOutsidePathway:
      text = PathwayRuleDe(unplaced);
      break;
    case UnplacedReason::kNothingSuitable:
      text = "Keine passende Stelle in Reichweite: " + DescribeExclusions(unplaced.excluded);
      break;
    case UnplacedReason::kCoordinatorAtCapacity:
      text = "Kapazität der Koordination in diesem Zyklus ausgeschöpft; " +
             Counted(unplaced.eligible, "passende Stelle", "passende Stellen") + ", beste " +
             VacancyAt(dataset, unplaced.best_vacancy).id + " (" +
             DecimalDe(unplaced.best_score, 2) + ")";
      break;
    case UnplacedReason::kBound:
      text = DescribeBinding(dataset, unplaced.binding);
      break;
    case UnplacedReason::kOutscored:
      text = unplaced.candidates == 1
                 ? std::string(
                       "Die bestbewertete passende Stelle ist an Teilnehmende mit "
                       "höherem Gesamtwert vergeben")
                 : "Alle " + std::to_string(unplaced.candidates) +
                       " bestbewerteten passenden Stellen sind an Teilnehmende mit höherem "
                       "Gesamtwert vergeben";
      break;
  }
  if (unplaced.has_near_miss && unplaced.candidates == 0) {
    text += ". Nächste Möglichkeit " +
            DescribeNearMiss(dataset, unplaced.near_miss_rule, unplaced.near_miss);
  }
  return text;
}

std::string CapacityTextDe(const CapacityDerivation& d, bool given) {
  std::string text =
      "Kapazität in diesem Zyklus: " + Counted(d.capacity, "neuer Vorschlag", "neue Vorschläge");
  if (!d.derived) {
    return text + (given ? " (vorgegeben in der Koordinationsliste)"
                         : " (keine Kapazität angegeben und keine abgeleitet)");
  }
  // What a coordinator would say: the posts, the yearly intake, who is taken
  // on already, the cycles left and the follow-up; the arithmetic is in
  // jobmatch.json (capacity_derivation).
  text += " (" + ShortDecimalDe(d.fte) +
          (d.fte == 1.0 ? " Vollzeitstelle, " : " Vollzeitstellen, ") +
          ShortDecimalDe(d.yearly_intake) + (d.yearly_intake == 1.0 ? " Aufnahme" : " Aufnahmen") +
          " im Jahr, " + std::to_string(d.taken_on_this_year) +
          " in diesem Jahr schon aufgenommen, noch " + Counted(d.cycles_left, "Zyklus", "Zyklen") +
          " bis Jahresende, " + std::to_string(d.follow_up) + " in Nachbetreuung)";
  return text;
}

}  // namespace jobmatch::reports

#include "reports/words_de.h"

#include <array>
#include <utility>

#include "engine/records.h"
#include "reports/reasons_de.h"

namespace jobmatch::reports {
namespace {

using Entry = std::pair<std::string_view, std::string_view>;

constexpr std::array kMethods = {
    Entry{"optimal", "Exakte Zuordnung (Optimum)"},
    Entry{"greedy", "Höchste Punktzahl zuerst (Greedy)"},
    Entry{"natural_order", "Listenreihenfolge (wer zuerst kommt)"},
    Entry{"nearest", "Nächste Stelle zuerst"},
    Entry{"random", "Zufällige Reihenfolge"},
    Entry{"previous", "Früher vorgeschlagen"},
};
constexpr std::array kMethodsShort = {
    Entry{"optimal", "Optimum"},
    Entry{"greedy", "Greedy"},
    Entry{"natural_order", "Listenreihenfolge"},
    Entry{"nearest", "Nächste Stelle"},
    Entry{"random", "Zufall"},
    Entry{"previous", "Früher"},
};
constexpr std::array kGroupKinds = {
    Entry{"gender", "Geschlecht"},
    Entry{"german_level", "Deutschniveau"},
    Entry{"qualification", "Qualifikation"},
    Entry{"time_in_germany", "Zeit in Deutschland"},
    Entry{"district", "Landkreis / kreisfreie Stadt"},
    Entry{"coordinator", "Koordination"},
};
constexpr std::array kGenders = {
    Entry{"female", "weiblich"},
    Entry{"male", "männlich"},
    Entry{"diverse", "divers"},
    Entry{"unknown", "ohne Angabe"},
    Entry{"other", "andere Angabe"},
};
constexpr std::array kQualifications = {
    Entry{"none", "ohne Berufsabschluss"},
    Entry{"vocational", "Berufsausbildung"},
    Entry{"academic", "Hochschulabschluss"},
};
constexpr std::array kGoals = {
    Entry{"job", "Arbeit"},
    Entry{"training", "Ausbildung"},
    Entry{"internship", "Praktikum"},
};
constexpr std::array kKinds = {
    Entry{"job", "Arbeitsstelle"},
    Entry{"training", "Ausbildungsplatz"},
    Entry{"internship", "Praktikum"},
};
constexpr std::array kBands = {
    Entry{"under_1_year", "unter 1 Jahr"},
    Entry{"1_to_2_years", "1 bis unter 2 Jahre"},
    Entry{"2_to_4_years", "2 bis unter 4 Jahre"},
    Entry{"4_years_or_more", "4 Jahre und länger"},
    Entry{"unknown", "unbekannt"},
};
constexpr std::array kRules = {
    Entry{"work_not_permitted", "keine Arbeitserlaubnis"},
    Entry{"below_programme_german", "Deutsch unter dem Einstiegsniveau des Programms"},
    Entry{"in_germany_too_long", "länger in Deutschland, als das Programm zulässt"},
    Entry{"residence_status_excluded", "Aufenthaltsstatus nicht in der Zielgruppe"},
    Entry{"no_sgb2_benefits", "ohne Leistungen nach dem SGB II"},
    Entry{"safe_country_of_origin", "sicheres Herkunftsland (§ 29a AsylG)"},
    Entry{"rejected_before", "früher abgelehnt"},
    Entry{"expired", "Stellen abgelaufen"},
    Entry{"goal_internship", "Ziel Praktikum: nur Praktika"},
    Entry{"unqualified_training_first", "ohne Berufsabschluss erst Ausbildung"},
    Entry{"helper_job_for_qualified", "Helfertätigkeit trotz Berufsabschluss"},
    Entry{"internship_before_job", "ohne Arbeitserfahrung in Deutschland erst Praktikum"},
    Entry{"kind_excluded", "Stellenart passt nicht zu Ziel und Qualifikation"},
    Entry{"licence_missing", "Führerschein fehlt"},
    Entry{"hours_mismatch", "Arbeitszeit passt nicht"},
    Entry{"commute_too_long", "Arbeitsweg zu lang"},
    Entry{"german_too_low", "Deutsch zu weit unter der Anforderung"},
    Entry{"no_skill_fit", "keine Pflichtkompetenz und kein verwandter Beruf"},
    Entry{"no_vacancy_in_reach", "keine Stelle in Pendelreichweite"},
    Entry{"below_min_score", "Passung unter dem Mindestwert"},
};
constexpr std::array kParts = {
    Entry{"skill", "Kompetenzen"},
    Entry{"german", "Deutsch"},
    Entry{"commute", "Arbeitsweg"},
    Entry{"micro", "Betriebsgröße"},
};
// "micro" -> "Kleinstbetrieb (unter 10)": the coordinators' words
// (reports/reasons_de.h) with the staff band.
std::string SizeClassDe(std::string_view key) {
  for (const SizeClass size :
       {SizeClass::kMicro, SizeClass::kSmall, SizeClass::kMedium, SizeClass::kLarge}) {
    if (SizeClassName(size) == key) {
      return std::string(SizeClassTextDe(size)) + " (" + std::string(SizeClassStaffDe(size)) + ")";
    }
  }
  return std::string(key);
}

template <size_t N>
std::string Find(const std::array<Entry, N>& table, std::string_view key) {
  for (const Entry& e : table) {
    if (e.first == key) return std::string(e.second);
  }
  return std::string(key);
}

}  // namespace

std::string LabelDe(Vocabulary vocabulary, std::string_view key) {
  switch (vocabulary) {
    case Vocabulary::kMethod:
      return Find(kMethods, key);
    case Vocabulary::kMethodShort:
      return Find(kMethodsShort, key);
    case Vocabulary::kGroupKind:
      return Find(kGroupKinds, key);
    case Vocabulary::kGender:
      return Find(kGenders, key);
    case Vocabulary::kQualification:
      return Find(kQualifications, key);
    case Vocabulary::kGoal:
      return Find(kGoals, key);
    case Vocabulary::kVacancyKind:
      return Find(kKinds, key);
    case Vocabulary::kSizeClass:
      return SizeClassDe(key);
    case Vocabulary::kTimeInGermany:
      return Find(kBands, key);
    case Vocabulary::kRule:
      return Find(kRules, key);
    case Vocabulary::kScorePart:
      return Find(kParts, key);
  }
  return std::string(key);
}

std::string GroupKeyDe(std::string_view kind, std::string_view key) {
  if (kind == "gender") return LabelDe(Vocabulary::kGender, key);
  if (kind == "qualification") return LabelDe(Vocabulary::kQualification, key);
  if (kind == "time_in_germany") return LabelDe(Vocabulary::kTimeInGermany, key);
  if (key == "unknown") return "unbekannt";
  return std::string(key);
}

}  // namespace jobmatch::reports

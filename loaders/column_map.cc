#include "loaders/column_map.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "loaders/problem_list.h"
#include "loaders/text_encoding.h"

namespace jobmatch {
namespace {

constexpr std::array<ColumnSpec, kNumParticipantColumns> kParticipantColumns = {{
    {"id", true, "Kennung|Teilnehmer-ID|Teilnehmer|Teilnehmende|Pseudonym"},
    {"coordinator_id", true, "Koordinator|Koordinator-ID|Koordinatorin|JOKO"},
    {"place", true, "PLZ|Postleitzahl|Wohnort|Ort|AGS|Gemeindeschlüssel|Wohnort PLZ"},
    {"german_level", true, "Deutschniveau|Deutsch|Sprachniveau|Deutschkenntnisse"},
    {"occupations", false, "Berufe|Beruf"},
    {"skills", false, "Kompetenzen|Fähigkeiten"},
    {"qualification", false, "Qualifikation|Abschluss"},
    {"qualification_recognised", false, "anerkannt|Anerkennung|Abschluss anerkannt"},
    {"goal", false, "Ziel"},
    {"hours_per_week", false, "Wochenstunden|Stunden pro Woche|Stunden"},
    {"driving_licence", false, "Führerschein"},
    {"car", false, "Auto|PKW"},
    {"max_commute_minutes",
     false,
     "max. Pendelzeit|Pendelzeit (Minuten)|Pendelzeit|maximale Pendelzeit"},
    {"work_permitted", false, "Arbeitserlaubnis|Beschäftigungserlaubnis"},
    {"in_germany_since", false, "in Deutschland seit|Einreise|Einreisedatum"},
    {"gender", false, "Geschlecht"},
    {"residence_status", false, "Aufenthaltsstatus|Aufenthaltstitel"},
    {"country_of_origin", false, "Herkunftsland|Herkunftsstaat"},
    {"sgb2_benefits", false, "Bürgergeld|SGB II|Leistungen nach SGB II"},
    {"german_work_experience",
     false,
     "Arbeitserfahrung in Deutschland|Berufserfahrung in Deutschland|Arbeitserfahrung DE"},
}};
static_assert(kParticipantColumns[kParticipantGermanWorkExperience].name ==
              "german_work_experience");
static_assert(kParticipantColumns[kParticipantSgb2Benefits].name == "sgb2_benefits");
static_assert(kParticipantColumns[kParticipantGender].name == "gender");
static_assert(kParticipantColumns[kParticipantHoursPerWeek].name == "hours_per_week");

constexpr std::array<ColumnSpec, kNumVacancyColumns> kVacancyColumns = {{
    {"id", true, "Kennung|Stellen-ID|Stellennummer"},
    {"employer_id", true, "Arbeitgeber|Arbeitgeber-ID|Betrieb"},
    {"title", false, "Titel|Stellenbezeichnung|Bezeichnung"},
    {"occupation", true, "Beruf|KldB|Berufskennziffer|ESCO"},
    {"essential_skills", false, "Pflichtkompetenzen|erforderliche Kompetenzen"},
    {"optional_skills", false, "optionale Kompetenzen|wünschenswerte Kompetenzen"},
    {"min_german_level", false, "Mindestdeutschniveau|Deutsch mindestens|Deutschniveau"},
    {"place", false, "PLZ|Postleitzahl|Arbeitsort|Ort|AGS|Gemeindeschlüssel"},
    {"kind", false, "Art|Stellenart"},
    {"hours_per_week", false, "Wochenstunden|Stunden pro Woche|Stunden"},
    {"openings", true, "Anzahl Stellen|Stellen|Anzahl"},
    {"driving_licence_required", false, "Führerschein erforderlich|Führerschein"},
    {"start_date", false, "Beginn|Eintrittsdatum|Startdatum"},
    {"expires", false, "gültig bis|Ablauf|Ablaufdatum"},
}};
static_assert(kVacancyColumns[kVacancyExpires].name == "expires");
static_assert(kVacancyColumns[kVacancyOpenings].name == "openings");

constexpr std::array<ColumnSpec, kNumEmployerColumns> kEmployerColumns = {{
    {"id", true, "Kennung|Arbeitgeber-ID|Betriebsnummer"},
    {"name", false, "Firma|Arbeitgeber|Betrieb"},
    {"staff", true, "Beschäftigte|Mitarbeitende|Mitarbeiter|Anzahl Beschäftigte"},
    {"place", false, "PLZ|Postleitzahl|Ort|Sitz|AGS|Gemeindeschlüssel"},
    {"sector", false, "Branche|Wirtschaftszweig"},
}};
static_assert(kEmployerColumns[kEmployerSector].name == "sector");

constexpr std::array<ColumnSpec, kNumCoordinatorColumns> kCoordinatorColumns = {{
    {"id", true, "Kennung|Koordinator-ID"},
    {"name", false, ""},
    {"district", false, "Landkreis|Kreis|Kreisschlüssel"},
    {"fte", false, "VZÄ|Stellenanteil"},
    {"capacity", false, "Kapazität|Plätze"},
}};
static_assert(kCoordinatorColumns[kCoordinatorCapacity].name == "capacity");

constexpr std::array<ColumnSpec, kNumCourseColumns> kCourseColumns = {{
    {"id", true, "Kennung|Kurs-ID|Kursnummer"},
    {"kind", false, "Art|Kursart"},
    {"target_level", false, "Zielniveau|Niveau"},
    {"place", false, "PLZ|Postleitzahl|Ort|Kursort|AGS|Gemeindeschlüssel"},
    {"start_date", false, "Beginn|Kursbeginn|Startdatum"},
    {"weeks", false, "Wochen|Dauer (Wochen)|Dauer"},
    {"lessons_per_week", false, "Unterrichtseinheiten pro Woche|UE pro Woche|UE/Woche"},
}};
static_assert(kCourseColumns[kCourseLessonsPerWeek].name == "lessons_per_week");
static_assert(kCourseColumns[kCourseWeeks].name == "weeks");

constexpr std::array<ColumnSpec, kNumHistoryColumns> kHistoryColumns = {{
    {"participant_id", true, "Teilnehmer|Teilnehmer-ID|Teilnehmende"},
    {"vacancy_id", true, "Stelle|Stellen-ID"},
    {"outcome", true, "Ergebnis|Status"},
    {"date", false, "Datum"},
}};
static_assert(kHistoryColumns[kHistoryDate].name == "date");

// The column a folded header name stands for, or nullopt.
std::optional<int> FindColumn(std::span<const ColumnSpec> columns, std::string_view folded) {
  for (size_t c = 0; c < columns.size(); ++c) {
    if (FoldColumnName(columns[c].name) == folded) return static_cast<int>(c);
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    std::string_view aliases = columns[c].aliases;
    while (!aliases.empty()) {
      const size_t bar = aliases.find('|');
      if (FoldColumnName(aliases.substr(0, bar)) == folded) return static_cast<int>(c);
      aliases = bar == std::string_view::npos ? std::string_view() : aliases.substr(bar + 1);
    }
  }
  return std::nullopt;
}

std::string CanonicalNames(std::span<const ColumnSpec> columns) {
  std::string out;
  for (const ColumnSpec& column : columns) {
    if (!out.empty()) out += ", ";
    out += column.name;
  }
  return out;
}

std::string AliasesOf(const ColumnSpec& column) {
  std::string out;
  for (const char ch : column.aliases) out += ch == '|' ? std::string(", ") : std::string(1, ch);
  return out;
}

// The column whose canonical or German name is closest to `folded` when it
// is close enough to be a misspelling (see MapHeader in the header), with the
// name it is close to; nullopt otherwise.
std::optional<std::pair<int, std::string>> CloseColumn(std::span<const ColumnSpec> columns,
                                                       std::string_view folded) {
  std::optional<std::pair<int, std::string>> best;
  size_t best_distance = 0;
  const auto consider = [&](size_t c, std::string_view name) {
    const std::string candidate = FoldColumnName(name);
    const size_t longest = std::max(candidate.size(), folded.size());
    const size_t limit = longest >= 8 ? 2 : 1;
    if (longest < 4) return;  // "Ort" and "Art": too short to tell
    const size_t d = EditDistance(candidate, folded);
    if (d == 0 || d > limit || (best && d >= best_distance)) return;
    best_distance = d;
    best = std::make_pair(static_cast<int>(c), std::string(name));
  };
  for (size_t c = 0; c < columns.size(); ++c) {
    consider(c, columns[c].name);
    std::string_view aliases = columns[c].aliases;
    while (!aliases.empty()) {
      const size_t bar = aliases.find('|');
      consider(c, aliases.substr(0, bar));
      aliases = bar == std::string_view::npos ? std::string_view() : aliases.substr(bar + 1);
    }
  }
  return best;
}

std::set<std::string> Folded(const std::set<std::string>& names) {
  std::set<std::string> out;
  for (const std::string& name : names) out.insert(FoldColumnName(name));
  return out;
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string_view TableStem(Table table) {
  switch (table) {
    case Table::kParticipants:
      return "participants";
    case Table::kVacancies:
      return "vacancies";
    case Table::kEmployers:
      return "employers";
    case Table::kCoordinators:
      return "coordinators";
    case Table::kCourses:
      return "courses";
    case Table::kHistory:
      return "history";
  }
  return "participants";
}

std::string TableFileName(Table table) {
  return std::string(TableStem(table)) + ".csv";
}

bool TableRequired(Table table) {
  return table != Table::kCourses && table != Table::kHistory;
}

std::span<const ColumnSpec> Columns(Table table) {
  switch (table) {
    case Table::kParticipants:
      return kParticipantColumns;
    case Table::kVacancies:
      return kVacancyColumns;
    case Table::kEmployers:
      return kEmployerColumns;
    case Table::kCoordinators:
      return kCoordinatorColumns;
    case Table::kCourses:
      return kCourseColumns;
    case Table::kHistory:
      return kHistoryColumns;
  }
  return kParticipantColumns;
}

std::string FoldColumnName(std::string_view name) {
  std::string spaced(name);
  for (char& ch : spaced) {
    if (ch == '-' || ch == '_') ch = ' ';
  }
  return FoldName(spaced);
}

Result<HeaderMap> MapHeader(Table table,
                            const std::vector<std::string>& header,
                            const std::map<std::string, std::string>& overrides,
                            const std::string& file,
                            int64_t header_line,
                            const ExtraColumnRules& extras) {
  const std::span<const ColumnSpec> columns = Columns(table);
  ProblemList problems(static_cast<int32_t>(header.size() + columns.size() + overrides.size()));
  const std::string file_name = TableFileName(table);

  // Overrides, folded, checked once: each must name a column of this file.
  std::map<std::string, int> override_column;
  for (const auto& [written, canonical] : overrides) {
    const std::optional<int> column = FindColumn(columns, FoldColumnName(canonical));
    if (!column ||
        FoldColumnName(columns[static_cast<size_t>(*column)].name) != FoldColumnName(canonical)) {
      problems.Add({file,
                    0,
                    "column_map",
                    written + " -> " + canonical,
                    "expected a column of " + file_name + ": " + CanonicalNames(columns),
                    /*value_is_header=*/true});
      continue;
    }
    override_column[FoldColumnName(written)] = *column;
  }

  const std::set<std::string> keep = Folded(extras.keep);
  const std::set<std::string> ignore = Folded(extras.ignore);
  HeaderMap map;
  map.column_of_cell.assign(header.size(), kNoColumn);
  map.cell_of_column.assign(columns.size(), kNoColumn);
  for (size_t cell = 0; cell < header.size(); ++cell) {
    const std::string folded = FoldColumnName(header[cell]);
    if (folded.empty()) continue;
    std::optional<int> column;
    if (const auto it = override_column.find(folded); it != override_column.end()) {
      column = it->second;
    } else {
      column = FindColumn(columns, folded);
    }
    const std::string written(TrimBlanks(header[cell]));
    if (!column) {
      if (ignore.contains(folded)) {
        map.column_of_cell[cell] = kIgnoredColumn;
        continue;
      }
      if (keep.contains(folded)) {
        map.column_of_cell[cell] = kExtraColumn;
        map.extra_cells.push_back(static_cast<int>(cell));
        continue;
      }
      if (const auto close = CloseColumn(columns, folded)) {
        const std::string_view canonical = columns[static_cast<size_t>(close->first)].name;
        problems.Add({file,
                      header_line,
                      "",
                      written,
                      "a column name; did you mean '" + close->second + "'" +
                          (close->second == canonical ? std::string()
                                                      : " (" + std::string(canonical) + ")") +
                          "? Correct the header, or declare the column in the config "
                          "(loader { keep_column { file: \"" +
                          std::string(TableStem(table)) + "\" header: ... } })",
                      /*value_is_header=*/true});
        continue;
      }
      if (extras.unknown_is_error) {
        problems.Add({file,
                      header_line,
                      "",
                      written,
                      "unknown column; expected one of the columns of " + file_name + ": " +
                          CanonicalNames(columns) +
                          " (or their German names, a name from the config's column_map, or a "
                          "column declared under loader keep_column or ignore_column)",
                      /*value_is_header=*/true});
        continue;
      }
      map.column_of_cell[cell] = kExtraColumn;
      map.extra_cells.push_back(static_cast<int>(cell));
      continue;
    }
    const auto c = static_cast<size_t>(*column);
    if (map.cell_of_column[c] != kNoColumn) {
      const std::string first(TrimBlanks(header[static_cast<size_t>(map.cell_of_column[c])]));
      problems.Add({file,
                    header_line,
                    std::string(columns[c].name),
                    written,
                    "expected one column per field, but '" + first + "' and '" + written +
                        "' both mean '" + std::string(columns[c].name) + "'",
                    /*value_is_header=*/true});
      continue;
    }
    map.cell_of_column[c] = static_cast<int>(cell);
    map.column_of_cell[cell] = *column;
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].required && map.cell_of_column[c] == kNoColumn) {
      std::string also = AliasesOf(columns[c]);
      problems.Add({file,
                    header_line,
                    std::string(columns[c].name),
                    "",
                    "a required column is missing" +
                        (also.empty() ? std::string() : " (German names: " + also + ")")});
    }
  }
  if (!problems.empty()) return problems.ToError(ErrorKind::kBadData);
  return map;
}

}  // namespace jobmatch

// loaders/column_map.h
//
// The interchange tables and their canonical columns (README, "Interchange
// files"), and the matching of header cells as people write them ("PLZ",
// "Deutschniveau", "Stunden pro Woche") to those columns.
//
// Contract of MapHeader():
//  * A header cell names a column by its canonical English name, a built-in
//    German name, or a name from LoaderOptions::column_map for that file.
//    Matching ignores case (also of Ä Ö Ü), blanks at the ends, and treats
//    runs of blanks, '-' and '_' alike: "Teilnehmer ID" = "teilnehmer_id".
//  * A header that names no column is an extra column (a real sheet's name,
//    phone or notes): kept (kExtraColumn, listed in HeaderMap::extra_cells),
//    or dropped unread when ExtraColumnRules::ignore lists it
//    (kIgnoredColumn); with ExtraColumnRules::unknown_is_error every header
//    not listed in `keep` or `ignore` is an error instead (the message lists
//    the canonical names).
//  * A header close to a column's name (edit distance 1, or 2 for names of 8
//    characters or more, on the folded forms) is an error naming that column
//    ("did you mean"), unless `keep` or `ignore` lists it.
//  * Errors (all reported): the unknown or misspelt names above, two cells
//    naming the same column, a required column missing, a column_map entry
//    naming a column the file does not have. Messages quote header names,
//    never cell content.
//  * An empty header cell maps to kNoColumn; its cells must stay empty (the
//    loader checks that).
//
// Example:
//   Result<HeaderMap> map = MapHeader(Table::kVacancies, table.header, overrides,
//                                     "data/vacancies.csv", table.header_line);
//   const int cell = map.value().cell_of_column[kVacancyOpenings];

#ifndef JOBMATCH_LOADERS_COLUMN_MAP_H_
#define JOBMATCH_LOADERS_COLUMN_MAP_H_

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"

namespace jobmatch {

enum class Table : int8_t {
  kParticipants = 0,
  kVacancies,
  kEmployers,
  kCoordinators,
  kCourses,
  kHistory
};
inline constexpr int kNumTables = 6;
inline constexpr std::array<Table, kNumTables> kAllTables = {Table::kParticipants,
                                                             Table::kVacancies,
                                                             Table::kEmployers,
                                                             Table::kCoordinators,
                                                             Table::kCourses,
                                                             Table::kHistory};

// Column indices per table, in the canonical file order.
enum ParticipantColumn : int {
  kParticipantId = 0,
  kParticipantCoordinatorId,
  kParticipantPlace,
  kParticipantGermanLevel,
  kParticipantOccupations,
  kParticipantSkills,
  kParticipantQualification,
  kParticipantQualificationRecognised,
  kParticipantGoal,
  kParticipantHoursPerWeek,
  kParticipantDrivingLicence,
  kParticipantCar,
  kParticipantMaxCommuteMinutes,
  kParticipantWorkPermitted,
  kParticipantInGermanySince,
  kParticipantGender,
  kParticipantResidenceStatus,
  kParticipantCountryOfOrigin,
  kParticipantSgb2Benefits,
  kParticipantGermanWorkExperience,
  kNumParticipantColumns
};
enum VacancyColumn : int {
  kVacancyId = 0,
  kVacancyEmployerId,
  kVacancyTitle,
  kVacancyOccupation,
  kVacancyEssentialSkills,
  kVacancyOptionalSkills,
  kVacancyMinGermanLevel,
  kVacancyPlace,
  kVacancyKind,
  kVacancyHoursPerWeek,
  kVacancyOpenings,
  kVacancyDrivingLicenceRequired,
  kVacancyStartDate,
  kVacancyExpires,
  kNumVacancyColumns
};
enum EmployerColumn : int {
  kEmployerId = 0,
  kEmployerName,
  kEmployerStaff,
  kEmployerPlace,
  kEmployerSector,
  kNumEmployerColumns
};
enum CoordinatorColumn : int {
  kCoordinatorId = 0,
  kCoordinatorName,
  kCoordinatorDistrict,
  kCoordinatorFte,
  kCoordinatorCapacity,
  kNumCoordinatorColumns
};
enum CourseColumn : int {
  kCourseId = 0,
  kCourseKind,
  kCourseTargetLevel,
  kCoursePlace,
  kCourseStartDate,
  kCourseWeeks,
  kCourseLessonsPerWeek,
  kNumCourseColumns
};
enum HistoryColumn : int {
  kHistoryParticipantId = 0,
  kHistoryVacancyId,
  kHistoryOutcome,
  kHistoryDate,
  kNumHistoryColumns
};

struct ColumnSpec {
  std::string_view name;     // canonical English name
  bool required = false;     // the column must be present
  std::string_view aliases;  // built-in German names, '|'-separated
};

std::string_view TableStem(Table table);  // "participants"
std::string TableFileName(Table table);   // "participants.csv"
bool TableRequired(Table table);          // false for courses and history
std::span<const ColumnSpec> Columns(Table table);

inline constexpr int kNoColumn = -1;
inline constexpr int kExtraColumn = -2;    // column_of_cell: an extra column, kept as written
inline constexpr int kIgnoredColumn = -3;  // column_of_cell: an extra column, dropped unread

// What MapHeader() does with headers that name no column of the file. Header
// names as written; they are compared folded (FoldColumnName).
struct ExtraColumnRules {
  std::set<std::string> keep;
  std::set<std::string> ignore;
  bool unknown_is_error = true;  // the loaders set it from LoaderOptions (default: keep)
};

struct HeaderMap {
  std::vector<int> column_of_cell;  // per header cell: column index, kNoColumn (empty
                                    // header), kExtraColumn or kIgnoredColumn
  std::vector<int> cell_of_column;  // per column: header cell index or kNoColumn
  std::vector<int> extra_cells;     // header cells with kExtraColumn, in order
};

// `overrides` maps header names as written to canonical names (the file's
// entry of LoaderOptions::column_map; may be empty).
[[nodiscard]] Result<HeaderMap> MapHeader(Table table,
                                          const std::vector<std::string>& header,
                                          const std::map<std::string, std::string>& overrides,
                                          const std::string& file,
                                          int64_t header_line,
                                          const ExtraColumnRules& extras = {});

// Levenshtein distance between two byte strings (for "did you mean").
size_t EditDistance(std::string_view a, std::string_view b);

// The folded form used for matching: FoldName() plus '-' and '_' read as blanks.
std::string FoldColumnName(std::string_view name);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_COLUMN_MAP_H_

// loaders/cells.h
//
// Reading one cell: the parsers every format shares (yes/no, numbers with a
// decimal comma, CEFR levels, dates, enums in English or German, code lists,
// occupation and skill codes) and CellReader, which reads the typed cells of
// one RawRecord and reports each problem with file, line, field and what was
// expected.
//
// Parsers ignore blanks at the ends and return nullopt if the text is not of
// their kind; they never report. CellReader applies the documented default
// for an empty cell and checks ranges.
//
// Example:
//   CellReader cells(Table::kVacancies, raw[Table::kVacancies], r, &problems);
//   const int32_t openings = cells.Whole(kVacancyOpenings, true, 1, 10000);
//   const CefrLevel level = cells.Level(kVacancyMinGermanLevel, CefrLevel::kA0);

#ifndef JOBMATCH_LOADERS_CELLS_H_
#define JOBMATCH_LOADERS_CELLS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/records.h"
#include "loaders/column_map.h"
#include "loaders/problem_list.h"
#include "loaders/raw_records.h"

namespace jobmatch {

// ------------------------------------------------------------------ parsers
//   ParseYesNo: true/false, yes/no, ja/nein, wahr/falsch, 1/0, x (true).
//   ParseDecimal: "38,5" or "38.5", sign and exponent allowed, no thousands
//     separators, finite.
//   ParseWholeNumber: a decimal without fraction that fits int32 ("12", "12,0").
//   ParseGermanLevel: ParseCefr() plus "keine"/"ohne"/"none" -> A0.
//   ParseCoordinates: "lat lon", "lat/lon", "lat;lon" or "lat,lon", each with
//     a decimal point or comma ("51,79 11,74"). No range check.
std::optional<bool> ParseYesNo(std::string_view cell);
std::optional<double> ParseDecimal(std::string_view cell);
std::optional<int32_t> ParseWholeNumber(std::string_view cell);
std::optional<CefrLevel> ParseGermanLevel(std::string_view cell);
std::optional<GeoPoint> ParseCoordinates(std::string_view cell);

// Enums in English or German, case-insensitive ("Berufsausbildung",
// "dropped out").
std::optional<Qualification> ParseQualification(std::string_view cell);
std::optional<Goal> ParseGoal(std::string_view cell);
std::optional<VacancyKind> ParseVacancyKind(std::string_view cell);
std::optional<CourseKind> ParseCourseKind(std::string_view cell);
std::optional<OutcomeKind> ParseOutcomeKind(std::string_view cell);

// ------------------------------------------------------------------ codes
inline constexpr std::string_view kEscoOccupationPrefix = "data.europa.eu/esco/occupation/";
inline constexpr std::string_view kEscoSkillPrefix = "data.europa.eu/esco/skill/";

// True if `s` is not empty and all ASCII digits.
bool IsDigits(std::string_view s);
// The UUID of an ESCO concept given as UUID or http(s) URI with `uri_prefix`,
// lower case; nullopt if `code` is neither.
std::optional<std::string> EscoUuid(std::string_view code, std::string_view uri_prefix);
// "52122", "B 52122-100" (Berufskennziffer) -> "52122"; nullopt otherwise.
std::optional<std::string> KldbCode(std::string_view code);
// Splits a code list on '|', line breaks and, if `comma`, ','. Items are
// trimmed; empty items are dropped.
std::vector<std::string_view> SplitCodes(std::string_view cell, bool comma);

// ------------------------------------------------------------------ Excel damage
// What a spreadsheet does to cells it takes for numbers or dates. Each test is
// narrow enough that an intact value of the column's kind never matches it.

// Excel's limit on the characters in one cell (UTF-16 code units).
inline constexpr size_t kExcelCellLimit = 32767;

// "1,23457E+11", "1.23E+05", "4E+12": a number Excel shows in scientific
// notation, which it saves as shown, losing digits.
bool LooksLikeScientificNotation(std::string_view cell);
// All digits, more than 15 of them, and every digit after the 15th a zero:
// Excel keeps 15 significant digits of a number and fills the rest with zeros.
bool LooksLikeRoundedLongNumber(std::string_view cell);
// The date of an Excel serial number (days since 1899-12-30) in a date column,
// "45981" -> 2025-11-19; only whole numbers for dates from 1950 to 2099.
std::optional<Date> ExcelSerialDate(std::string_view cell);
// The text has exactly Excel's cell limit of characters: Excel cut it there.
bool LooksCutAtExcelLimit(std::string_view utf8);

// ------------------------------------------------------------------ reader

// Reads the typed cells of one record of `raw`, reporting each problem to
// `problems` and returning the fallback instead.
class CellReader {
 public:
  // Precondition: the record has one cell per column of `table`.
  CellReader(Table table, const RawTable& raw, size_t record, ProblemList* problems);

  // The cell, blanks at the ends removed.
  std::string_view Cell(int column) const;

  // Reports a problem with the cell; `expected` completes "expected ...".
  void Problem(int column, std::string_view value, const std::string& expected);

  // Where the record is, for messages about another record: "line 7" or
  // "participants[2]".
  std::string Where() const;

  std::string Text(int column) const { return std::string(Cell(column)); }

  // Reports an empty cell; returns whether there is a value.
  bool Required(int column);

  // Checks the cell's bytes before anything reads them: well-formed UTF-8,
  // no control characters other than tab and line breaks, not cut at Excel's
  // limit. Reports the first problem (without repeating the bytes) and
  // returns false.
  bool CheckText(int column);

  // Checks an id or a reference to one (cell not empty): no tabs, line breaks
  // or control characters inside, and none of the damage Excel does to long
  // numbers (scientific notation, rounding to 15 digits). Reports and
  // returns false.
  bool CheckId(int column);

  // A decimal in [0, max]; `fallback` for an empty or bad cell.
  double Decimal(int column, double fallback, double max);
  // A whole number in [0, max]; `required`: an empty cell is a problem; else
  // it gives `fallback`.
  int32_t Whole(int column, bool required, int32_t fallback, int32_t max);
  bool YesNo(int column, bool fallback);
  std::optional<Date> DateCell(int column);
  CefrLevel Level(int column, CefrLevel fallback);

  // An enum read by `parse`; `expected` lists the accepted spellings.
  template <typename E>
  E Enum(int column,
         E fallback,
         std::optional<E> (*parse)(std::string_view),
         const std::string& expected) {
    const std::string_view cell = Cell(column);
    if (cell.empty()) return fallback;
    const std::optional<E> value = parse(cell);
    if (!value) {
      Problem(column, cell, expected);
      return fallback;
    }
    return *value;
  }

  bool comma_separates_codes() const { return raw_.comma_separates_codes; }

 private:
  // CheckText() for a cell with bytes outside printable ASCII: UTF-8 and
  // control characters.
  bool CheckNonAsciiText(int column, std::string_view cell);

  std::span<const ColumnSpec> columns_;
  const RawTable& raw_;
  const RawRecord& record_;
  ProblemList* problems_;
};

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_CELLS_H_

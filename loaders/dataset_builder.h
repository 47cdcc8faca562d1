// loaders/dataset_builder.h
//
// The rules every dataset format shares, in one place: a loader only splits
// its format into RawRecords (cells as text, by canonical column), and
// BuildDataset() checks them and turns them into a Dataset.
//
// What BuildDataset() does (README, "Interchange files", has the user's view):
//  * interns ids to dense indices in file order; duplicate ids within a table
//    and references to a coordinator, employer, participant or vacancy that
//    does not exist are errors;
//  * resolves places (5-digit postcode, 8-digit municipality key, or "lat lon"
//    in Germany, snapped to the nearest municipality for district and name),
//    occupation codes (ESCO UUID or URI, KldB 5 digits or "B 52122-100") and
//    skill codes (ESCO UUID or URI) against the ReferenceData;
//  * parses CEFR levels, yes/no values, enums, decimal numbers ("38,5") and
//    dates in English or German spellings, with documented defaults for empty
//    cells, and checks ranges (no negative capacity, openings, staff...);
//  * reports every problem as a Diagnostic naming file, line (CSV) or record
//    path (protobuf: "vacancies[3].openings"), field, value and what was
//    expected, into the caller's ProblemList.
// A leading zero that Excel dropped is restored where no other reading exists:
// 4-digit postcodes, 7-digit municipality keys, 4-digit district keys.
//
// Guarantees: deterministic, no global state; the cost is linear in the cells
// except places given as coordinates (a search over municipalities sorted by
// latitude, about 100 distance computations per such place).
//
// Example:
//   RawDataset raw = ...;  // from a CSV folder or a protobuf message
//   ProblemList problems(options.max_problems);
//   Result<Dataset> dataset = BuildDataset(raw, reference, &problems);

#ifndef JOBMATCH_LOADERS_DATASET_BUILDER_H_
#define JOBMATCH_LOADERS_DATASET_BUILDER_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"
#include "loaders/column_map.h"
#include "loaders/problem_list.h"

namespace jobmatch {

// One record as read: its cells as text, indexed by the canonical column of
// its table (column_map.h); "" for an empty cell or an absent column.
struct RawRecord {
  int64_t line = 0;      // CSV: physical line where the record starts; else 0
  std::string location;  // protobuf: "vacancies[3]", prefixed to field names; CSV: ""
  std::vector<std::string> cells;
};

struct RawTable {
  std::string file;      // as the user gave it, for diagnostics
  bool present = false;  // false: an optional table that was not given
  // False when some records could not be read (problems already reported):
  // references into this table are then not checked, to avoid false alarms.
  bool complete = true;
  // ',' separates codes in lists as well as '|' (CSV files that use ';').
  bool comma_separates_codes = false;
  std::vector<RawRecord> records;
};

struct RawDataset {
  std::array<RawTable, kNumTables> tables;
  RawTable& operator[](Table t) { return tables[static_cast<size_t>(t)]; }
  const RawTable& operator[](Table t) const { return tables[static_cast<size_t>(t)]; }
};

// Checks and converts `raw` (see above). Adds every problem to `problems`;
// returns the Dataset only if `problems` is empty at the end (problems the
// caller found earlier count too), else problems->ToError(kBadData).
[[nodiscard]] Result<Dataset> BuildDataset(const RawDataset& raw,
                                           const ReferenceData& reference,
                                           ProblemList* problems);

// Cell parsers shared by the formats (blanks at the ends ignored; nullopt if
// the text is not of the kind). Exposed for tests and for the writer's checks.
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

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_DATASET_BUILDER_H_

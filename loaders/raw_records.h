// loaders/raw_records.h
//
// Records as a loader reads them, before any checking: cells as text, indexed
// by the canonical column of their table (column_map.h). Every format (CSV
// folder, protobuf text or binary) splits its input into a RawDataset, and
// BuildDataset() (dataset_builder.h) checks and converts it.
//
// Example:
//   RawDataset raw;
//   raw[Table::kVacancies].present = true;
//   raw[Table::kVacancies].records.push_back({7, "", cells, {}});  // cells.size() == columns

#ifndef JOBMATCH_LOADERS_RAW_RECORDS_H_
#define JOBMATCH_LOADERS_RAW_RECORDS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "loaders/column_map.h"

namespace jobmatch {

// One record as read: its cells as text, indexed by the canonical column of
// its table (column_map.h); "" for an empty cell or an absent column.
struct RawRecord {
  int64_t line = 0;      // CSV: physical line where the record starts; else 0
  std::string location;  // protobuf: "vacancies[3]", prefixed to field names; CSV: ""
  std::vector<std::string> cells;
  // Cells of the extra columns (RawTable::extra_header), as written.
  std::vector<std::string> extra;
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
  // Headers of the columns that are not part of the format but are kept
  // (column_map.h, kExtraColumn), as written.
  std::vector<std::string> extra_header;
};

struct RawDataset {
  std::array<RawTable, kNumTables> tables;
  RawTable& operator[](Table t) { return tables[static_cast<size_t>(t)]; }
  const RawTable& operator[](Table t) const { return tables[static_cast<size_t>(t)]; }
};

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_RAW_RECORDS_H_

// store/xlsx_reader.h
//
// Reads the first worksheet of an .xlsx file into rows of typed cells: the
// decision sheets coordinators hand back, as jobmatch wrote them (inline
// strings) or after Excel or LibreOffice saved them again (shared strings,
// rich text runs, cells and rows left out, formulas with cached values,
// dates as serial numbers with a date format, the 1904 date system).
// libzip opens the archive, expat parses the XML as it is decompressed.
//
// Bounds. An archive part larger than limits.max_part_bytes (declared or
// actually inflated: a zip bomb cannot make it lie) is refused, as are
// more than limits.max_cells cells or shared strings, row or column numbers beyond Excel's
// (1048576 rows, 16384 columns) and any DOCTYPE (no entity expansion).
// Errors are kBadData (kMissingInput when the file does not exist) naming
// the file, the part and what was expected; cell text is never repeated.
//
// Example:
//   Result<XlsxSheet> sheet = ReadXlsxSheet("proposals_K-1.xlsx", "proposals_K-1.xlsx");
//   for (const XlsxRow& row : sheet.value().rows) Use(row.line, row.cells);

#ifndef JOBMATCH_STORE_XLSX_READER_H_
#define JOBMATCH_STORE_XLSX_READER_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/result.h"

namespace jobmatch::store {

enum class XlsxCellKind { kEmpty, kText, kNumber, kBoolean, kError };

struct XlsxCell {
  XlsxCellKind kind = XlsxCellKind::kEmpty;
  // kText: the text; kNumber: the number as stored ("46350", "0.837");
  // kBoolean: "0" or "1"; kError: the error code ("#N/A").
  std::string text;
  double number = 0.0;   // kNumber
  bool is_date = false;  // kNumber shown with a date or time format
  bool formula = false;  // the cached result of a formula
};

struct XlsxRow {
  int64_t line = 0;             // the sheet's row number, 1-based
  std::vector<XlsxCell> cells;  // by column, A first; missing cells are kEmpty
};

struct XlsxSheet {
  std::string name;           // the worksheet's name
  bool date1904 = false;      // serial numbers count from 1904-01-01
  std::vector<XlsxRow> rows;  // in sheet order; empty rows left out
};

struct XlsxLimits {
  uint64_t max_part_bytes = uint64_t{256} << 20;  // one XML part, inflated
  uint64_t max_cells = uint64_t{4} << 20;
};

[[nodiscard]] Result<XlsxSheet> ReadXlsxSheet(const std::filesystem::path& file,
                                              const std::string& shown,
                                              const XlsxLimits& limits = {});

// One part of the archive as bytes ("xl/worksheets/sheet1.xml"), within the
// same bound; for checks of what a writer produced.
[[nodiscard]] Result<std::string> ReadXlsxPart(const std::filesystem::path& file,
                                               const std::string& shown,
                                               const std::string& part,
                                               const XlsxLimits& limits = {});

// Whether `bytes` start like a zip archive (an xlsx) rather than text.
bool LooksLikeZip(std::string_view bytes);

}  // namespace jobmatch::store

#endif  // JOBMATCH_STORE_XLSX_READER_H_

// reports/cell_writer.h
//
// The cells of a spreadsheet, written row by row and left to right, whatever
// the file: the coordinator sheet's column table (coordinator_sheets.cc)
// writes each row once through this interface, and the CSV writer
// (SpreadsheetWriter, output_files.h) and the xlsx writer (XlsxWriter,
// xlsx_writer.h) each turn it into their format. Values stay typed until the
// format decides: a number is a number (a decimal comma in CSV, a numeric
// cell in xlsx), a date a date (TT.MM.JJJJ in CSV, an Excel date in xlsx).
//
// Example:
//   void WriteRow(CellWriter& cells, const Proposal& p) {
//     cells.Text(p.vacancy_id); cells.Number(p.score, 3); cells.EndRow();
//   }

#ifndef JOBMATCH_REPORTS_CELL_WRITER_H_
#define JOBMATCH_REPORTS_CELL_WRITER_H_

#include <cstdint>
#include <string_view>

#include "engine/records.h"

namespace jobmatch::reports {

class CellWriter {
 public:
  virtual ~CellWriter() = default;
  // Text, shown as written: never read as a formula, whatever it starts with.
  virtual void Text(std::string_view cell) = 0;
  // A number shown with `decimals` places; a non-finite value is an empty cell.
  virtual void Number(double value, int decimals) = 0;
  virtual void Integer(int64_t value) = 0;
  virtual void Day(Date date) = 0;  // a calendar date
  virtual void Empty() = 0;
  virtual void EndRow() = 0;
};

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_CELL_WRITER_H_

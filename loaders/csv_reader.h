// loaders/csv_reader.h
//
// Splits UTF-8 CSV text (see text_encoding.h for getting there) into a header
// and rows of cells, the way Excel writes CSV in Germany.
//
// Contract of ParseCsv():
//  * Separator: ';', ',' or tab, whichever occurs most outside quotes in the
//    header line (ties go to ';'); an Excel "sep=X" first line fixes it.
//  * RFC 4180 quoting: a cell starting with '"' runs to the next lone '"';
//    '""' inside is one '"'; it may hold separators and line breaks (CR LF or
//    LF, kept as LF). Text after a closing quote is an error.
//  * Records end at LF, CR LF or CR. Blank lines, and lines whose cells are all
//    empty (";;;" as Excel writes for empty rows), are skipped.
//  * Each row keeps the 1-based physical line where it starts, so diagnostics
//    point at the right line even after cells with line breaks.
//  * Empty trailing header cells are dropped. A row must have as many cells as
//    the header; extra trailing cells are fine when empty.
//  * Errors: an unterminated quote (reported at the line where its record
//    started; nothing after it can be read), text after a closing quote, a row
//    with the wrong number of cells, a file without a header.
// Cells are returned as written (not trimmed).
//
// Example:
//   Result<CsvTable> table = ParseCsv(text, "data/vacancies.csv");
//   for (const CsvRow& row : table.value().rows) Use(row.line, row.cells);

#ifndef JOBMATCH_LOADERS_CSV_READER_H_
#define JOBMATCH_LOADERS_CSV_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"
#include "loaders/problem_list.h"

namespace jobmatch {

struct CsvRow {
  int64_t line = 0;                // 1-based physical line where the record starts
  std::vector<std::string> cells;  // exactly header.size() cells
};

struct CsvTable {
  char separator = ';';
  int64_t header_line = 0;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
};

// Adds each problem to `problems` and returns the rows it could read (rows
// with problems are left out; after an unterminated quote nothing more).
CsvTable ParseCsv(std::string_view utf8, const std::string& file, ProblemList* problems);

// The same, all or nothing: the table, or every problem up to max_problems.
[[nodiscard]] Result<CsvTable> ParseCsv(std::string_view utf8,
                                        const std::string& file,
                                        int32_t max_problems = 50);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_CSV_READER_H_

// store/decision_sheet.h
//
// Reads the decisions a coordinator wrote into their sheet, as jobmatch wrote
// it or after Excel or LibreOffice saved it again: proposals_<coordinator>.csv
// (';' or ',' separators, UTF-8 with or without BOM or Windows-1252, CRLF or
// LF; loaders/csv_reader.h) or proposals_<coordinator>.xlsx (told apart by
// the file's first bytes, read by store/xlsx_reader.h: the first worksheet,
// its header row found among the first 30 rows, dates typed in Excel taken
// from their serial numbers). Columns are found by their headers, in any
// order: Teilnehmer, Vorschlag (the row kind), Stelle, Entscheidung, Datum
// and Notiz (optional). Rows with an empty Entscheidung are skipped. A
// decision must sit on a row marked Vorschlag or Alternative, be one of the
// words ParseDecisionWord() knows, and carry an empty Datum or a date. Every
// problem is reported at once with file, line (the sheet's row number in an
// xlsx) and field, never reprinting a cell's text.
//
// Example:
//   Result<std::vector<SheetDecision>> read = ReadDecisionSheet("out/proposals_K-1.csv");
//   if (read.ok()) store.RecordDecisions(read.value());

#ifndef JOBMATCH_STORE_DECISION_SHEET_H_
#define JOBMATCH_STORE_DECISION_SHEET_H_

#include <filesystem>
#include <vector>

#include "engine/result.h"
#include "store/run_store.h"

namespace jobmatch::store {

[[nodiscard]] Result<std::vector<SheetDecision>> ReadDecisionSheet(
    const std::filesystem::path& file);

}  // namespace jobmatch::store

#endif  // JOBMATCH_STORE_DECISION_SHEET_H_

// store/decision_sheet.h
//
// Reads the decisions a coordinator wrote into their sheet, as jobmatch wrote
// it or after Excel or LibreOffice saved it again: proposals_<coordinator>.csv
// (';' or ',' separators, UTF-8 with or without BOM or Windows-1252, CRLF or
// LF; loaders/csv_reader.h) or proposals_<coordinator>.xlsx (told apart by
// the file's first bytes, read by store/xlsx_reader.h: the first worksheet,
// dates typed in Excel taken from their serial numbers). The header is the
// first of the first 30 rows that names Teilnehmer and Entscheidung (the xlsx
// and a CSV saved from it have a title row above it). Columns are found by
// their headers, in any order: Teilnehmer, Vorschlag (the row kind), Stelle,
// Entscheidung, Datum and Notiz (optional). Rows with an empty Entscheidung
// are skipped. A decision must sit on a row marked Vorschlag or Alternative,
// be one of the words ParseDecisionWord() knows, and carry an empty Datum or
// a date. Every problem is reported at once with file, line (the sheet's row
// number in an xlsx) and field; free text a coordinator typed (Entscheidung,
// Notiz) is never repeated.
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

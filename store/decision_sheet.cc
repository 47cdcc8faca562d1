#include "store/decision_sheet.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

#include "loaders/csv_reader.h"
#include "loaders/text_encoding.h"
#include "store/xlsx_reader.h"

namespace jobmatch::store {
namespace {

// A cell the sheet writer defused ("'=x") read back as written.
std::string Undefused(std::string_view cell) {
  cell = TrimBlanks(cell);
  if (cell.size() >= 2 && cell[0] == '\'' &&
      (cell[1] == '=' || cell[1] == '+' || cell[1] == '-' || cell[1] == '@')) {
    cell.remove_prefix(1);
  }
  return std::string(cell);
}

// Rows searched for the header in an xlsx: jobmatch writes a title row
// above it, and a coordinator may add a few more.
constexpr size_t kHeaderSearchRows = 30;
// Excel's 1900 date system: serial 25569 is 1970-01-01; the 1904 system
// counts 1462 days less.
constexpr double kSerialOfUnixEpoch = 25569;
constexpr double k1904Offset = 1462;

// What a cell reads as text: a number in the Datum column (a date typed in
// Excel is a serial number) becomes an ISO date, other numbers their digits
// (an id Excel took for a number: 1001, not 1001.0).
std::string CellText(const XlsxCell& cell, bool date_column, bool date1904) {
  switch (cell.kind) {
    case XlsxCellKind::kEmpty:
      return {};
    case XlsxCellKind::kText:
      // Strict OOXML dates: "2026-11-24T00:00:00".
      return cell.is_date && cell.text.size() > 10 ? cell.text.substr(0, 10) : cell.text;
    case XlsxCellKind::kBoolean:
      return cell.text == "1" ? "WAHR" : "FALSCH";
    case XlsxCellKind::kError:
      return cell.text;
    case XlsxCellKind::kNumber:
      break;
  }
  const double serial = cell.number + (date1904 ? k1904Offset : 0.0);
  // From 1900-03-01 (serial 61; Excel's 1900 counts a 29 February that
  // never was) to 2200.
  if (date_column && serial >= 61 && serial < 110000) {
    return FormatDate(Date{static_cast<int32_t>(std::floor(serial) - kSerialOfUnixEpoch)});
  }
  if (cell.number == std::floor(cell.number) && std::fabs(cell.number) < 1e15) {
    char digits[32];
    std::snprintf(digits, sizeof(digits), "%lld", static_cast<long long>(cell.number));
    return digits;
  }
  return cell.text;
}

// The first worksheet of an xlsx as a table: the header is the first row
// (of the first kHeaderSearchRows) that names Teilnehmer and Entscheidung,
// else the first row; every row after it has the header's cells.
Result<CsvTable> XlsxTable(const std::filesystem::path& file, const std::string& shown) {
  Result<XlsxSheet> read = ReadXlsxSheet(file, shown);
  if (!read.ok()) return read.error();
  const XlsxSheet& sheet = read.value();
  CsvTable table;
  if (sheet.rows.empty()) return table;
  size_t header = 0;
  for (size_t r = 0; r < sheet.rows.size() && r < kHeaderSearchRows; ++r) {
    bool participant = false;
    bool decision = false;
    for (const XlsxCell& cell : sheet.rows[r].cells) {
      const std::string name = FoldName(CellText(cell, false, false));
      participant = participant || name == "teilnehmer";
      decision = decision || name == "entscheidung";
    }
    if (participant && decision) {
      header = r;
      break;
    }
  }
  table.header_line = sheet.rows[header].line;
  int date_column = -1;
  for (const XlsxCell& cell : sheet.rows[header].cells) {
    table.header.push_back(CellText(cell, false, false));
    if (FoldName(table.header.back()) == "datum") {
      date_column = static_cast<int>(table.header.size()) - 1;
    }
  }
  for (size_t r = header + 1; r < sheet.rows.size(); ++r) {
    CsvRow row;
    row.line = sheet.rows[r].line;
    row.cells.resize(table.header.size());
    const std::vector<XlsxCell>& cells = sheet.rows[r].cells;
    for (size_t c = 0; c < cells.size() && c < row.cells.size(); ++c) {
      row.cells[c] = CellText(cells[c], static_cast<int>(c) == date_column, sheet.date1904);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

bool StartsLikeZip(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char start[4] = {};
  in.read(start, sizeof(start));
  return in.gcount() == 4 && LooksLikeZip(std::string_view(start, 4));
}

bool NamesTheHeader(std::string_view line) {
  const std::string folded = FoldName(line);
  return folded.find("teilnehmer") != std::string::npos &&
         folded.find("entscheidung") != std::string::npos;
}

// A CSV saved from the xlsx starts with its title row: the lines before the
// first one (of kHeaderSearchRows) naming Teilnehmer and Entscheidung are
// blanked, so that line is the header and every line keeps its number.
void BlankLinesAboveTheHeader(std::string* text) {
  size_t start = 0;
  for (size_t line = 0; line < kHeaderSearchRows && start < text->size(); ++line) {
    size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    if (NamesTheHeader(std::string_view(*text).substr(start, end - start))) {
      if (line > 0) text->replace(0, start, std::string(line, '\n'));
      return;
    }
    start = end + 1;
  }
}

Result<CsvTable> CsvSheetTable(const std::filesystem::path& file, const std::string& shown) {
  Result<std::string> bytes = ReadFileBytes(file, shown);
  if (!bytes.ok()) return bytes.error();
  Result<DecodedText> text = DecodeText(bytes.value(), shown);
  if (!text.ok()) return text.error();
  BlankLinesAboveTheHeader(&text.value().utf8);
  return ParseCsv(text.value().utf8, shown);
}

constexpr const char* kWords =
    "one of angenommen, abgelehnt, eingestellt, abgebrochen (or accepted, rejected, hired, "
    "dropped_out)";

}  // namespace

Result<std::vector<SheetDecision>> ReadDecisionSheet(const std::filesystem::path& file) {
  const std::string shown = file.string();
  Result<CsvTable> table =
      StartsLikeZip(file) ? XlsxTable(file, shown) : CsvSheetTable(file, shown);
  if (!table.ok()) return table.error();
  const CsvTable& csv = table.value();

  int participant = -1, kind = -1, vacancy = -1, decision = -1, date = -1, note = -1;
  for (size_t i = 0; i < csv.header.size(); ++i) {
    const std::string name = FoldName(csv.header[i]);
    const int column = static_cast<int>(i);
    // The first column of a name wins: a participant's own extra columns
    // (a "Notiz" from their sheet) follow the sheet's columns.
    const auto take = [&](const char* wanted, int& slot) {
      if (name == wanted && slot < 0) slot = column;
    };
    take("teilnehmer", participant);
    take("vorschlag", kind);
    take("stelle", vacancy);
    take("entscheidung", decision);
    take("datum", date);
    take("notiz", note);
  }
  Error error;
  error.kind = ErrorKind::kBadData;
  const std::pair<int, const char*> required[] = {{participant, "Teilnehmer"},
                                                  {kind, "Vorschlag"},
                                                  {vacancy, "Stelle"},
                                                  {decision, "Entscheidung"}};
  for (const auto& [column, name] : required) {
    if (column < 0) {
      error.diagnostics.push_back(Diagnostic{
          shown,
          csv.header_line,
          name,
          "",
          std::string("a column '") + name +
              "' (a coordinator sheet as jobmatch writes it, with the decision columns)"});
    }
  }
  if (!error.diagnostics.empty()) return error;

  std::vector<SheetDecision> decisions;
  for (const CsvRow& row : csv.rows) {
    const auto cell = [&](int column) -> std::string_view {
      return column < 0 ? std::string_view() : TrimBlanks(row.cells[static_cast<size_t>(column)]);
    };
    const std::string_view word = cell(decision);
    if (word.empty()) continue;
    const std::string row_kind = FoldName(cell(kind));
    if (row_kind != "vorschlag" && row_kind != "alternative") {
      error.diagnostics.push_back(Diagnostic{shown,
                                             row.line,
                                             "Entscheidung",
                                             "",
                                             "a decision only on a row marked Vorschlag or "
                                             "Alternative"});
      continue;
    }
    SheetDecision d;
    d.file = shown;
    d.line = row.line;
    d.participant_id = Undefused(cell(participant));
    d.vacancy_id = Undefused(cell(vacancy));
    if (d.participant_id.empty() || d.vacancy_id.empty()) {
      error.diagnostics.push_back(Diagnostic{shown,
                                             row.line,
                                             d.participant_id.empty() ? "Teilnehmer" : "Stelle",
                                             "",
                                             "the id of the participant and of the vacancy"});
      continue;
    }
    const std::optional<OutcomeKind> parsed = ParseDecisionWord(word);
    if (!parsed) {
      error.diagnostics.push_back(Diagnostic{shown, row.line, "Entscheidung", "", kWords});
      continue;
    }
    d.kind = *parsed;
    const std::string_view date_cell = cell(date);
    if (!date_cell.empty()) {
      d.date = ParseDate(date_cell);
      if (!d.date) {
        error.diagnostics.push_back(Diagnostic{shown,
                                               row.line,
                                               "Datum",
                                               std::string(date_cell),
                                               "a date like 2026-11-24 or 24.11.2026, or empty"});
        continue;
      }
    }
    d.note = std::string(cell(note));
    decisions.push_back(std::move(d));
  }
  if (!error.diagnostics.empty()) return error;
  return decisions;
}

}  // namespace jobmatch::store

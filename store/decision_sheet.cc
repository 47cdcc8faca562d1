#include "store/decision_sheet.h"

#include <string>
#include <string_view>

#include "loaders/csv_reader.h"
#include "loaders/text_encoding.h"

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

constexpr const char* kWords =
    "one of angenommen, abgelehnt, eingestellt, abgebrochen (or accepted, rejected, hired, "
    "dropped_out)";

}  // namespace

Result<std::vector<SheetDecision>> ReadDecisionSheet(const std::filesystem::path& file) {
  const std::string shown = file.string();
  Result<std::string> bytes = ReadFileBytes(file, shown);
  if (!bytes.ok()) return bytes.error();
  Result<DecodedText> text = DecodeText(bytes.value(), shown);
  if (!text.ok()) return text.error();
  Result<CsvTable> table = ParseCsv(text.value().utf8, shown);
  if (!table.ok()) return table.error();
  const CsvTable& csv = table.value();

  int participant = -1, kind = -1, vacancy = -1, decision = -1, date = -1, note = -1;
  for (size_t i = 0; i < csv.header.size(); ++i) {
    const std::string name = FoldName(csv.header[i]);
    const int column = static_cast<int>(i);
    if (name == "teilnehmer") participant = column;
    if (name == "vorschlag") kind = column;
    if (name == "stelle") vacancy = column;
    if (name == "entscheidung") decision = column;
    if (name == "datum") date = column;
    if (name == "notiz") note = column;
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
                                             "Alternative (this row is '" +
                                                 std::string(cell(kind)) + "')"});
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

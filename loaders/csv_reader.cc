#include "loaders/csv_reader.h"

#include <algorithm>
#include <array>
#include <utility>

#include "loaders/text_encoding.h"

namespace jobmatch {
namespace {

// Position in the text and the physical line it is on.
struct Cursor {
  std::string_view text;
  size_t pos = 0;
  int64_t line = 1;

  bool done() const { return pos >= text.size(); }
  char peek() const { return text[pos]; }
  bool AtLineBreak() const { return !done() && (peek() == '\r' || peek() == '\n'); }
  // Consumes LF, CR LF or CR; false if not at a line break.
  bool ConsumeLineBreak() {
    if (!AtLineBreak()) return false;
    if (peek() == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
    ++pos;
    ++line;
    return true;
  }
  void SkipRestOfLine() {
    while (!done() && !AtLineBreak()) ++pos;
    ConsumeLineBreak();
  }
};

enum class RecordStatus { kOk, kTextAfterQuote, kUnterminatedQuote };

// Reads one record at the cursor into `cells`, consuming its final line break.
RecordStatus ReadRecord(Cursor& c, char separator, std::vector<std::string>* cells) {
  cells->clear();
  while (true) {
    std::string cell;
    if (!c.done() && c.peek() == '"') {
      ++c.pos;
      while (true) {
        if (c.done()) return RecordStatus::kUnterminatedQuote;
        const char ch = c.peek();
        if (ch == '"') {
          if (c.pos + 1 < c.text.size() && c.text[c.pos + 1] == '"') {
            cell.push_back('"');
            c.pos += 2;
            continue;
          }
          ++c.pos;
          break;
        }
        if (c.ConsumeLineBreak()) {
          cell.push_back('\n');
          continue;
        }
        cell.push_back(ch);
        ++c.pos;
      }
      while (!c.done() && c.peek() == ' ') ++c.pos;
      if (!c.done() && c.peek() != separator && !c.AtLineBreak()) {
        c.SkipRestOfLine();
        return RecordStatus::kTextAfterQuote;
      }
    } else {
      const size_t start = c.pos;
      while (!c.done() && c.peek() != separator && !c.AtLineBreak()) ++c.pos;
      cell.assign(c.text.substr(start, c.pos - start));
    }
    cells->push_back(std::move(cell));
    if (!c.done() && c.peek() == separator) {
      ++c.pos;
      continue;
    }
    c.ConsumeLineBreak();
    return RecordStatus::kOk;
  }
}

// The separator occurring most outside quotes in the record at `pos`.
char DetectSeparator(std::string_view text, size_t pos) {
  constexpr std::array<char, 3> kCandidates = {';', ',', '\t'};
  std::array<int, 3> counts = {0, 0, 0};
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    const char ch = text[pos];
    if (ch == '"') {
      quoted = !quoted;  // '""' toggles twice: no effect, as it should
    } else if (!quoted && (ch == '\n' || ch == '\r')) {
      break;
    } else if (!quoted) {
      for (size_t k = 0; k < kCandidates.size(); ++k) {
        if (ch == kCandidates[k]) ++counts[k];
      }
    }
  }
  size_t best = 0;  // ';' wins ties
  for (size_t k = 1; k < kCandidates.size(); ++k) {
    if (counts[k] > counts[best]) best = k;
  }
  return kCandidates[best];
}

bool AllBlank(const std::vector<std::string>& cells) {
  return std::all_of(
      cells.begin(), cells.end(), [](const std::string& s) { return TrimBlanks(s).empty(); });
}

void SkipBlankLines(Cursor& c) {
  while (!c.done()) {
    size_t p = c.pos;
    while (p < c.text.size() && (c.text[p] == ' ' || c.text[p] == '\t')) ++p;
    if (p < c.text.size() && c.text[p] != '\r' && c.text[p] != '\n') return;
    c.pos = p;
    if (!c.ConsumeLineBreak()) return;  // blanks up to the end of the text
  }
}

std::string UnterminatedMessage() {
  return "a quoted cell that never ends: a '\"' is missing (the record starts here)";
}

}  // namespace

CsvTable ParseCsv(std::string_view utf8, const std::string& file, ProblemList* problems) {
  CsvTable table;
  Cursor c{utf8};

  SkipBlankLines(c);
  bool separator_fixed = false;
  if (utf8.substr(c.pos, 4) == "sep=" && c.pos + 4 < utf8.size() &&
      std::string_view(";,\t").find(utf8[c.pos + 4]) != std::string_view::npos) {
    table.separator = utf8[c.pos + 4];
    separator_fixed = true;
    c.SkipRestOfLine();
    SkipBlankLines(c);
  }
  if (c.done()) {
    problems->Add(
        {file, 0, "", "", "the file is empty: expected a header line with the column names"});
    return table;
  }
  if (!separator_fixed) table.separator = DetectSeparator(utf8, c.pos);

  table.header_line = c.line;
  if (ReadRecord(c, table.separator, &table.header) != RecordStatus::kOk) {
    problems->Add({file, table.header_line, "", "", "the header line has a broken quoted cell"});
    table.header.clear();
    return table;
  }
  while (!table.header.empty() && TrimBlanks(table.header.back()).empty()) {
    table.header.pop_back();
  }
  if (table.header.empty()) {
    problems->Add({file, table.header_line, "", "", "the header line has no column names"});
    return table;
  }

  const size_t width = table.header.size();
  std::vector<std::string> cells;
  while (true) {
    SkipBlankLines(c);
    if (c.done()) break;
    const int64_t start_line = c.line;
    const RecordStatus status = ReadRecord(c, table.separator, &cells);
    if (status == RecordStatus::kUnterminatedQuote) {
      problems->Add({file, start_line, "", "", UnterminatedMessage()});
      break;
    }
    if (status == RecordStatus::kTextAfterQuote) {
      problems->Add({file,
                     start_line,
                     "",
                     "",
                     "text after the closing '\"' of a quoted cell (a '\"' inside a "
                     "quoted cell must be doubled: \"\")"});
      continue;
    }
    if (AllBlank(cells)) continue;
    if (cells.size() > width &&
        std::all_of(cells.begin() + static_cast<std::ptrdiff_t>(width),
                    cells.end(),
                    [](const std::string& s) { return TrimBlanks(s).empty(); })) {
      cells.resize(width);
    }
    if (cells.size() != width) {
      problems->Add(
          {file,
           start_line,
           "",
           "",
           "the row has " + std::to_string(cells.size()) + " cells but the header has " +
               std::to_string(width) + " (separator '" +
               (table.separator == '\t' ? std::string("tab") : std::string(1, table.separator)) +
               "')"});
      continue;
    }
    table.rows.push_back(CsvRow{start_line, std::move(cells)});
    cells = std::vector<std::string>();
    cells.reserve(width);
  }
  return table;
}

Result<CsvTable> ParseCsv(std::string_view utf8, const std::string& file, int32_t max_problems) {
  ProblemList problems(max_problems);
  CsvTable table = ParseCsv(utf8, file, &problems);
  if (!problems.empty()) return problems.ToError(ErrorKind::kBadData);
  return table;
}

}  // namespace jobmatch

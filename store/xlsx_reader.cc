#include "store/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <charconv>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace jobmatch::store {
namespace {

constexpr int64_t kMaxRows = 1048576;
constexpr int64_t kMaxColumns = 16384;
constexpr size_t kChunkBytes = size_t{64} << 10;

Error BadPart(const std::string& shown, const std::string& part, const std::string& expected) {
  return MakeError(ErrorKind::kBadData, shown, 0, part, "", expected);
}

// --- the archive -------------------------------------------------------------

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipCloser>;

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

Result<ZipArchive> OpenZip(const std::filesystem::path& file, const std::string& shown) {
  int code = 0;
  zip_t* archive = zip_open(file.c_str(), ZIP_RDONLY, &code);
  if (archive != nullptr) return ZipArchive(archive);
  if (code == ZIP_ER_NOENT) {
    return MakeError(ErrorKind::kMissingInput, shown, 0, "", "", "an existing file");
  }
  if (code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
    return MakeError(ErrorKind::kMissingInput, shown, 0, "", "", "a readable file");
  }
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string what = zip_error_strerror(&error);
  zip_error_fini(&error);
  return MakeError(
      ErrorKind::kBadData,
      shown,
      0,
      "",
      "",
      "an xlsx file (a zip archive of XML parts); the archive cannot be read: " + what);
}

// The index of `part` in the archive (names compared without regard to
// case, as Office does), or -1.
zip_int64_t FindPart(zip_t* archive, const std::string& part) {
  return zip_name_locate(archive, part.c_str(), ZIP_FL_NOCASE);
}

// Calls `consume` with the inflated bytes of `part`, chunk by chunk, and
// stops with an error as soon as more than limits.max_part_bytes come out.
std::optional<Error> ReadPartChunks(
    zip_t* archive,
    const std::string& shown,
    const std::string& part,
    const XlsxLimits& limits,
    const std::function<std::optional<Error>(std::string_view)>& consume) {
  const zip_int64_t index = FindPart(archive, part);
  if (index < 0) return BadPart(shown, part, "this part in the xlsx archive");
  const auto at = static_cast<zip_uint64_t>(index);
  zip_stat_t stat;
  zip_stat_init(&stat);
  const std::string too_large =
      "at most " + std::to_string(limits.max_part_bytes >> 20) +
      " MiB once inflated (a larger part is refused, as a zip bomb would be)";
  if (zip_stat_index(archive, at, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0 &&
      stat.size > limits.max_part_bytes) {
    return BadPart(shown, part, too_large);
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive, at, 0));
  if (file == nullptr) {
    return BadPart(
        shown, part, std::string("a part that can be inflated: ") + zip_strerror(archive));
  }
  std::string buffer(kChunkBytes, '\0');
  uint64_t total = 0;
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) {
      return BadPart(shown,
                     part,
                     std::string("a part that can be inflated: ") + zip_file_strerror(file.get()));
    }
    if (n == 0) break;
    total += static_cast<uint64_t>(n);
    if (total > limits.max_part_bytes) return BadPart(shown, part, too_large);
    if (auto error = consume(std::string_view(buffer.data(), static_cast<size_t>(n)))) {
      return error;
    }
  }
  return std::nullopt;
}

// --- XML ---------------------------------------------------------------------

// The local part of an expat name "namespace|local" (namespaces differ
// between transitional and strict OOXML; the local names do not).
std::string_view Local(const XML_Char* name) {
  const std::string_view full(name);
  const size_t bar = full.rfind('|');
  return bar == std::string_view::npos ? full : full.substr(bar + 1);
}

std::optional<std::string_view> Attribute(const XML_Char** attributes, std::string_view local) {
  for (size_t i = 0; attributes[i] != nullptr; i += 2) {
    if (Local(attributes[i]) == local) return std::string_view(attributes[i + 1]);
  }
  return std::nullopt;
}

// What a part's parser does with elements and text; a problem found stops
// the parse and is reported with the part's name.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view element, const XML_Char** attributes) = 0;
  virtual void End(std::string_view element) = 0;
  virtual void Text(std::string_view) {}
  std::string problem;  // set by a handler: what was expected
};

struct ParseState {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
  bool doctype = false;
};

void XMLCALL OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto* state = static_cast<ParseState*>(data);
  state->handler->Start(Local(name), attributes);
  if (!state->handler->problem.empty()) XML_StopParser(state->parser, XML_FALSE);
}

void XMLCALL OnEnd(void* data, const XML_Char* name) {
  auto* state = static_cast<ParseState*>(data);
  state->handler->End(Local(name));
  if (!state->handler->problem.empty()) XML_StopParser(state->parser, XML_FALSE);
}

void XMLCALL OnText(void* data, const XML_Char* text, int length) {
  auto* state = static_cast<ParseState*>(data);
  state->handler->Text(std::string_view(text, static_cast<size_t>(length)));
}

void XMLCALL OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* state = static_cast<ParseState*>(data);
  state->doctype = true;
  XML_StopParser(state->parser, XML_FALSE);
}

struct ParserFree {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

std::optional<Error> ParsePart(zip_t* archive,
                               const std::string& shown,
                               const std::string& part,
                               const XlsxLimits& limits,
                               XmlHandler& handler) {
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS(nullptr, '|'));
  if (parser == nullptr) {
    return MakeError(ErrorKind::kInternal, shown, 0, part, "", "memory for an XML parser");
  }
  ParseState state{parser.get(), &handler, false};
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser.get(), OnText);
  XML_SetStartDoctypeDeclHandler(parser.get(), OnDoctype);
  auto failed = [&]() -> std::optional<Error> {
    if (state.doctype) return BadPart(shown, part, "XML without a DOCTYPE (xlsx parts have none)");
    if (!handler.problem.empty()) return BadPart(shown, part, handler.problem);
    return BadPart(shown,
                   part,
                   std::string("well-formed XML (") +
                       XML_ErrorString(XML_GetErrorCode(parser.get())) + " at line " +
                       std::to_string(XML_GetCurrentLineNumber(parser.get())) + ")");
  };
  std::optional<Error> error =
      ReadPartChunks(archive, shown, part, limits, [&](std::string_view chunk) {
        if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()), XML_FALSE) !=
            XML_STATUS_OK) {
          return failed();
        }
        return std::optional<Error>();
      });
  if (error) return error;
  if (XML_Parse(parser.get(), nullptr, 0, XML_TRUE) != XML_STATUS_OK) return failed();
  return std::nullopt;
}

// OOXML writes characters XML cannot hold as _xHHHH_ (and a literal
// "_x" as _x005F_x): turns them back.
std::string Unescape(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    unsigned code = 0;
    if (text.compare(i, 2, "_x") == 0 && i + 7 <= text.size() && text[i + 6] == '_' &&
        std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16).ptr ==
            text.data() + i + 6) {
      if (code < 0x80) {
        out += static_cast<char>(code);
      } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
      }
      i += 7;
      continue;
    }
    out += text[i++];
  }
  return out;
}

// --- the parts ---------------------------------------------------------------

struct WorkbookHandler final : XmlHandler {
  bool date1904 = false;
  bool have_sheet = false;
  std::string sheet_name;
  std::string sheet_relation;
  void Start(std::string_view element, const XML_Char** attributes) override {
    if (element == "workbookPr") {
      const auto value = Attribute(attributes, "date1904");
      date1904 = value && (*value == "1" || *value == "true");
    } else if (element == "sheet" && !have_sheet) {
      have_sheet = true;
      sheet_name = std::string(Attribute(attributes, "name").value_or(""));
      sheet_relation = std::string(Attribute(attributes, "id").value_or(""));
    }
  }
  void End(std::string_view) override {}
};

struct Relationship {
  std::string type;  // the last part of the type URI: "worksheet", "sharedStrings"
  std::string target;
};

struct RelationsHandler final : XmlHandler {
  std::map<std::string, Relationship> by_id;
  void Start(std::string_view element, const XML_Char** attributes) override {
    if (element != "Relationship") return;
    std::string type(Attribute(attributes, "Type").value_or(""));
    type = type.substr(type.rfind('/') + 1);
    by_id[std::string(Attribute(attributes, "Id").value_or(""))] =
        Relationship{type, std::string(Attribute(attributes, "Target").value_or(""))};
  }
  void End(std::string_view) override {}
};

// Collects the text of <t> elements inside the current string item, leaving
// out phonetic runs (<rPh>).
struct TextCollector {
  bool in_text = false;
  int in_phonetic = 0;
  std::string text;
  void Start(std::string_view element) {
    if (element == "rPh") ++in_phonetic;
    if (element == "t" && in_phonetic == 0) in_text = true;
  }
  void End(std::string_view element) {
    if (element == "rPh") --in_phonetic;
    if (element == "t") in_text = false;
  }
  void Add(std::string_view chars) {
    if (in_text) text.append(chars);
  }
};

struct SharedStringsHandler final : XmlHandler {
  std::vector<std::string> strings;
  TextCollector item;
  uint64_t max_strings = 0;
  void Start(std::string_view element, const XML_Char**) override {
    if (element == "si" && strings.size() >= max_strings) {
      problem = "at most " + std::to_string(max_strings) + " shared strings";
      return;
    }
    if (element == "si") item = TextCollector{};
    item.Start(element);
  }
  void End(std::string_view element) override {
    item.End(element);
    if (element == "si") {
      strings.push_back(Unescape(std::move(item.text)));
      item.text.clear();
    }
  }
  void Text(std::string_view chars) override { item.Add(chars); }
};

// Whether a number format shows a date or time: the built-in ones by id, a
// custom one by its code (d, m, y, h or s outside quotes and brackets).
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false;
  bool bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (bracket) {
      bracket = c != ']';
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is shown as it is
    } else if (c == 'd' || c == 'D' || c == 'm' || c == 'M' || c == 'y' || c == 'Y' || c == 'h' ||
               c == 'H' || c == 's' || c == 'S') {
      return true;
    }
  }
  return false;
}

bool IsBuiltInDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

struct StylesHandler final : XmlHandler {
  std::map<int, std::string> custom_codes;
  std::vector<int> style_format;  // cellXfs index -> numFmtId
  bool in_cell_xfs = false;
  void Start(std::string_view element, const XML_Char** attributes) override {
    if (element == "numFmt") {
      int id = 0;
      const std::string_view text = Attribute(attributes, "numFmtId").value_or("");
      std::from_chars(text.data(), text.data() + text.size(), id);
      custom_codes[id] = std::string(Attribute(attributes, "formatCode").value_or(""));
    } else if (element == "cellXfs") {
      in_cell_xfs = true;
    } else if (element == "xf" && in_cell_xfs) {
      int id = 0;
      const std::string_view text = Attribute(attributes, "numFmtId").value_or("0");
      std::from_chars(text.data(), text.data() + text.size(), id);
      style_format.push_back(id);
    }
  }
  void End(std::string_view element) override {
    if (element == "cellXfs") in_cell_xfs = false;
  }
  std::vector<bool> DateStyles() const {
    std::vector<bool> dates(style_format.size(), false);
    for (size_t s = 0; s < style_format.size(); ++s) {
      const auto custom = custom_codes.find(style_format[s]);
      dates[s] = custom != custom_codes.end() ? IsDateFormatCode(custom->second)
                                              : IsBuiltInDateFormat(style_format[s]);
    }
    return dates;
  }
};

// "AB12" -> column 27 (0-based) and row 12; false if it is no cell reference.
bool ParseCellReference(std::string_view ref, int64_t* column, int64_t* row) {
  size_t i = 0;
  int64_t col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && col <= kMaxColumns) {
    col = col * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  int64_t r = 0;
  const auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
  if (ec != std::errc() || end != ref.data() + ref.size()) return false;
  *column = col - 1;
  *row = r;
  return true;
}

struct SheetHandler final : XmlHandler {
  const std::vector<std::string>* shared = nullptr;
  const std::vector<bool>* date_styles = nullptr;
  uint64_t max_cells = 0;
  std::vector<XlsxRow> rows;

  int64_t row_number = 0;  // of the row being read
  int64_t next_column = 0;
  XlsxRow row;
  bool in_row = false;
  uint64_t cells = 0;
  // The cell being read.
  int64_t column = 0;
  std::string type;
  int64_t style = 0;
  bool in_value = false;
  bool has_formula = false;
  std::string value;
  TextCollector inline_text;
  bool in_inline = false;

  void Start(std::string_view element, const XML_Char** attributes) override {
    if (element == "row") {
      int64_t r = row_number + 1;
      if (const auto text = Attribute(attributes, "r")) {
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), r);
        if (ec != std::errc() || end != text->data() + text->size()) r = 0;
      }
      if (r < 1 || r > kMaxRows || r <= row_number) {
        problem =
            "rows numbered 1 to 1048576 in order (row after " + std::to_string(row_number) + ")";
        return;
      }
      row_number = r;
      row = XlsxRow{r, {}};
      in_row = true;
      next_column = 0;
    } else if (element == "c" && in_row) {
      column = next_column;
      if (const auto ref = Attribute(attributes, "r")) {
        int64_t r = 0;
        if (!ParseCellReference(*ref, &column, &r) || r != row_number) {
          problem = "cell references like B" + std::to_string(row_number) + " in row " +
                    std::to_string(row_number);
          return;
        }
      }
      if (column < 0 || column >= kMaxColumns) {
        problem = "at most 16384 columns (row " + std::to_string(row_number) + ")";
        return;
      }
      next_column = column + 1;
      type = std::string(Attribute(attributes, "t").value_or("n"));
      style = 0;
      if (const auto s = Attribute(attributes, "s")) {
        std::from_chars(s->data(), s->data() + s->size(), style);
      }
      value.clear();
      has_formula = false;
      inline_text = TextCollector{};
    } else if (element == "v") {
      in_value = true;
    } else if (element == "f") {
      has_formula = true;
    } else if (element == "is") {
      in_inline = true;
    } else if (in_inline) {
      inline_text.Start(element);
    }
  }

  void End(std::string_view element) override {
    if (element == "v") {
      in_value = false;
    } else if (element == "is") {
      in_inline = false;
    } else if (in_inline) {
      inline_text.End(element);
    } else if (element == "c" && in_row) {
      FinishCell();
    } else if (element == "row" && in_row) {
      in_row = false;
      bool empty = true;
      for (const XlsxCell& cell : row.cells) empty = empty && cell.kind == XlsxCellKind::kEmpty;
      if (!empty) rows.push_back(std::move(row));
    }
  }

  void Text(std::string_view chars) override {
    if (in_value) value.append(chars);
    if (in_inline) inline_text.Add(chars);
  }

  void FinishCell() {
    XlsxCell cell;
    cell.formula = has_formula;
    if (type == "inlineStr") {
      cell.kind = XlsxCellKind::kText;
      cell.text = Unescape(std::move(inline_text.text));
    } else if (type == "s") {
      size_t index = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (ec != std::errc() || end != value.data() + value.size() || shared == nullptr ||
          index >= shared->size()) {
        problem = "shared string numbers that exist (row " + std::to_string(row_number) + ")";
        return;
      }
      cell.kind = XlsxCellKind::kText;
      cell.text = (*shared)[index];
    } else if (type == "str") {
      cell.kind = XlsxCellKind::kText;
      cell.text = Unescape(value);
    } else if (type == "b") {
      cell.kind = XlsxCellKind::kBoolean;
      cell.text = value;
    } else if (type == "e") {
      cell.kind = XlsxCellKind::kError;
      cell.text = value;
    } else if (type == "d") {
      cell.kind = XlsxCellKind::kText;  // ISO 8601, strict OOXML
      cell.text = value;
      cell.is_date = true;
    } else if (!value.empty()) {
      const auto [end, ec] =
          std::from_chars(value.data(), value.data() + value.size(), cell.number);
      if (ec != std::errc() || end != value.data() + value.size()) {
        problem = "numbers in numeric cells (row " + std::to_string(row_number) + ")";
        return;
      }
      cell.kind = XlsxCellKind::kNumber;
      cell.text = value;
      cell.is_date = date_styles != nullptr && style >= 0 &&
                     static_cast<size_t>(style) < date_styles->size() &&
                     (*date_styles)[static_cast<size_t>(style)];
    }
    if (cell.kind == XlsxCellKind::kEmpty) return;
    const auto at = static_cast<size_t>(column);
    if (row.cells.size() <= at) {
      cells += at + 1 - row.cells.size();
      if (cells > max_cells) {
        problem = "at most " + std::to_string(max_cells) + " cells";
        return;
      }
      row.cells.resize(at + 1);
    }
    row.cells[at] = std::move(cell);
  }
};

// A relationship target made a path inside the archive: relative to xl/,
// or absolute from the root.
std::string PartPath(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string path = "xl/" + target;
  // "xl/../x" never occurs in practice; "./" does.
  for (size_t at; (at = path.find("/./")) != std::string::npos;) path.erase(at, 2);
  return path;
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

Result<std::string> ReadXlsxPart(const std::filesystem::path& file,
                                 const std::string& shown,
                                 const std::string& part,
                                 const XlsxLimits& limits) {
  Result<ZipArchive> archive = OpenZip(file, shown);
  if (!archive.ok()) return archive.error();
  std::string bytes;
  if (auto error =
          ReadPartChunks(archive.value().get(), shown, part, limits, [&](std::string_view chunk) {
            bytes.append(chunk);
            return std::optional<Error>();
          })) {
    return *error;
  }
  return bytes;
}

Result<XlsxSheet> ReadXlsxSheet(const std::filesystem::path& file,
                                const std::string& shown,
                                const XlsxLimits& limits) {
  Result<ZipArchive> opened = OpenZip(file, shown);
  if (!opened.ok()) return opened.error();
  zip_t* archive = opened.value().get();

  XlsxSheet sheet;
  WorkbookHandler workbook;
  std::string sheet_part = "xl/worksheets/sheet1.xml";
  std::string strings_part = "xl/sharedStrings.xml";
  std::string styles_part = "xl/styles.xml";
  if (FindPart(archive, "xl/workbook.xml") >= 0) {
    if (auto error = ParsePart(archive, shown, "xl/workbook.xml", limits, workbook)) return *error;
    if (!workbook.have_sheet) return BadPart(shown, "xl/workbook.xml", "at least one worksheet");
    sheet.name = workbook.sheet_name;
    sheet.date1904 = workbook.date1904;
    RelationsHandler relations;
    const std::string rels = "xl/_rels/workbook.xml.rels";
    if (FindPart(archive, rels) >= 0) {
      if (auto error = ParsePart(archive, shown, rels, limits, relations)) return *error;
      const auto found = relations.by_id.find(workbook.sheet_relation);
      if (found == relations.by_id.end() || found->second.type != "worksheet") {
        return BadPart(shown, rels, "the relationship of the first sheet to its worksheet");
      }
      sheet_part = PartPath(found->second.target);
      for (const auto& [id, relation] : relations.by_id) {
        if (relation.type == "sharedStrings") strings_part = PartPath(relation.target);
        if (relation.type == "styles") styles_part = PartPath(relation.target);
      }
    }
  }

  SharedStringsHandler strings;
  strings.max_strings = limits.max_cells;  // each cell refers to at most one
  if (FindPart(archive, strings_part) >= 0) {
    if (auto error = ParsePart(archive, shown, strings_part, limits, strings)) return *error;
  }
  StylesHandler styles;
  if (FindPart(archive, styles_part) >= 0) {
    if (auto error = ParsePart(archive, shown, styles_part, limits, styles)) return *error;
  }
  const std::vector<bool> date_styles = styles.DateStyles();

  SheetHandler reader;
  reader.shared = &strings.strings;
  reader.date_styles = &date_styles;
  reader.max_cells = limits.max_cells;
  if (auto error = ParsePart(archive, shown, sheet_part, limits, reader)) return *error;
  sheet.rows = std::move(reader.rows);
  return sheet;
}

}  // namespace jobmatch::store

#include "reports/xlsx_writer.h"

#include <libdeflate.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <utility>

namespace jobmatch::reports {
namespace {

// What one cell of Excel holds, in characters.
constexpr size_t kMaxCellChars = 32767;
// Excel's 1900 date system: serial 25569 is 1970-01-01.
constexpr int32_t kSerialOfUnixEpoch = 25569;
constexpr uint8_t kPaperA4 = 9;

// The length of the well-formed UTF-8 sequence at the start of `text`, 0 if
// none (a stray byte, an overlong form, a surrogate, beyond U+10FFFF, or a
// noncharacter U+FFFE/U+FFFF that XML does not allow).
size_t Utf8SequenceLength(std::string_view text) {
  const auto at = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = at(0);
  if (lead < 0x80) return 1;
  size_t length = 0;
  uint32_t code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07u;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((at(i) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (at(i) & 0x3Fu);
  }
  const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) ||
      code == 0xFFFE || code == 0xFFFF) {
    return 0;
  }
  return length;
}

// `text` as well-formed UTF-8 (each bad byte becomes U+FFFD, as
// jobmatch.json does), cut to at most `max_chars` characters, into `out`
// (replacing what it held; its memory is reused from cell to cell).
void CleanTextInto(std::string_view text, size_t max_chars, std::string& out) {
  out.clear();
  size_t chars = 0;
  while (!text.empty() && chars < max_chars) {
    // A run of ASCII in one piece: most text is.
    const size_t limit = std::min(text.size(), max_chars - chars);
    size_t ascii = 0;
    while (ascii < limit && static_cast<unsigned char>(text[ascii]) < 0x80) ++ascii;
    if (ascii > 0) {
      out.append(text.substr(0, ascii));
      text.remove_prefix(ascii);
      chars += ascii;
      continue;
    }
    const size_t length = Utf8SequenceLength(text);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      text.remove_prefix(1);
    } else {
      out.append(text.substr(0, length));
      text.remove_prefix(length);
    }
    ++chars;
  }
}

std::string CleanText(std::string_view text, size_t max_chars) {
  std::string out;
  out.reserve(text.size());
  CleanTextInto(text, max_chars, out);
  return out;
}

// Text for a page header: '&' starts a control code there, so it is doubled,
// and the whole stays under libxlsxwriter's limit.
std::string PageHeaderText(std::string_view title) {
  std::string escaped;
  for (const char c : CleanText(title, 100)) {
    if (c == '&') escaped += '&';
    escaped += c;
  }
  return "&L" + escaped + "&RSeite &P von &N";
}

double HeaderWidth(std::string_view header) {
  size_t chars = 0;
  for (const char c : header) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return std::max(8.0, static_cast<double>(chars) + 3.0);
}

// --- The data rows, written as libxlsxwriter writes them ---------------
//
// libxlsxwriter (constant-memory mode) formats every cell with fprintf into
// a scratch file, copies that into the worksheet part and deflates it: most
// of the time a workbook takes. XlsxWriter writes the title and header rows
// and everything around the cells through the library, but formats the data
// rows itself into memory, exactly as the library would (same XML, same
// style indices, same escaping by the library's own functions), then puts
// them into the worksheet part of the finished package and deflates it
// with libdeflate at its fastest level (zlib at the library's level 6 took
// half of the CPU that writing the sheets takes; zlib's level 1 cost the
// state tier's run 0.2-0.3 CPU s more on one thread, for workbooks a tenth
// larger). The XML is the library's: a test compares every part of both
// ways, inflated by zlib, on every kind of cell.

// Excel's column letters: 0 -> "A", 26 -> "AA".
void AppendCellRef(std::string& out, uint32_t row, uint16_t column) {
  char letters[4];
  int n = 0;
  uint32_t c = column + 1u;
  while (c > 0) {
    const uint32_t rest = (c - 1) % 26;
    letters[n++] = static_cast<char>('A' + rest);
    c = (c - 1) / 26;
  }
  while (n > 0) out += letters[--n];
  char digits[12];
  const auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), row + 1);
  (void)ec;
  out.append(digits, end);
}

void AppendInt(std::string& out, int64_t value) {
  char digits[24];
  const auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), value);
  (void)ec;
  out.append(digits, end);
}

// A number as the library writes it: printf's "%.16G".
void AppendNumber(std::string& out, double value) {
  char digits[40];
  const auto [end, ec] =
      std::to_chars(std::begin(digits), std::end(digits), value, std::chars_format::general, 16);
  (void)ec;
  for (char* c = digits; c != end; ++c) {
    if (*c == 'e') *c = 'E';
  }
  out.append(digits, end);
}

// isspace() of the C locale, as the library tests the first and last byte.
bool CSpace(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// Whether EscapedLikeLibrary() could change `text`.
bool NeedsEscaping(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '&' || c == '<' || c == '>';
  });
}

// The library's own escaping (control characters as _xHHHH_, then & < >),
// called only when NeedsEscaping().
std::string EscapedLikeLibrary(const std::string& text) {
  char* escaped_control = nullptr;
  if (lxw_has_control_characters(text.c_str()) != 0) {
    escaped_control = lxw_escape_control_characters(text.c_str());
  }
  const char* step = escaped_control != nullptr ? escaped_control : text.c_str();
  char* escaped = lxw_escape_data(step);
  std::string out = escaped != nullptr ? escaped : step;
  std::free(escaped);
  std::free(escaped_control);
  return out;
}

uint16_t Get16(const std::string& bytes, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(bytes[at]) |
                               (static_cast<unsigned char>(bytes[at + 1]) << 8));
}

uint32_t Get32(const std::string& bytes, size_t at) {
  return static_cast<uint32_t>(Get16(bytes, at)) |
         (static_cast<uint32_t>(Get16(bytes, at + 2)) << 16);
}

void Put32(std::string& bytes, size_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) {
    bytes[at + static_cast<size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xFFu);
  }
}

// Raw deflate (RFC 1951, what a zip entry of method 8 holds) at
// libdeflate's fastest level. The same input gives the same bytes.
bool Deflate(std::string_view in, std::string* out) {
  libdeflate_compressor* compressor = libdeflate_alloc_compressor(1);
  if (compressor == nullptr) return false;
  out->resize(libdeflate_deflate_compress_bound(compressor, in.size()));
  const size_t size =
      libdeflate_deflate_compress(compressor, in.data(), in.size(), out->data(), out->size());
  libdeflate_free_compressor(compressor);
  out->resize(size);
  return size > 0;  // 0: did not fit (never within the bound)
}

bool Inflate(std::string_view in, size_t size, std::string* out) {
  libdeflate_decompressor* decompressor = libdeflate_alloc_decompressor();
  if (decompressor == nullptr) return false;
  out->resize(size);
  // Without an "actual size" to return, anything but exactly `size` bytes fails.
  const libdeflate_result result =
      libdeflate_deflate_decompress(decompressor, in.data(), in.size(), out->data(), size, nullptr);
  libdeflate_free_decompressor(decompressor);
  return result == LIBDEFLATE_SUCCESS;
}

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfCentral = 0x06054b50;
constexpr std::string_view kSheetPart = "xl/worksheets/sheet1.xml";

// In the xlsx at `path` as libxlsxwriter wrote it, replaces the worksheet's
// last row (a placeholder) with `rows`, re-deflates the part and rewrites
// the zip around it (every other entry copied as it is). Empty when done,
// else what went wrong.
std::string SpliceRows(const std::filesystem::path& path, const std::string& rows) {
  std::string zip;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "cannot read back the workbook";
    zip.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (zip.size() < 22) return "workbook too short";
  const size_t end = zip.size() - 22;  // no zip comment
  if (Get32(zip, end) != kEndOfCentral) return "no end of central directory";
  const size_t entries = Get16(zip, end + 10);
  const size_t central = Get32(zip, end + 16);
  struct Entry {
    size_t central;  // offset of its central directory record
    size_t local;    // offset of its local header
    size_t data;     // offset of its data
    size_t size;     // compressed size
    bool sheet;
  };
  std::vector<Entry> list;
  size_t at = central;
  for (size_t i = 0; i < entries; ++i) {
    if (at + 46 > end || Get32(zip, at) != kCentralHeader) return "bad central directory";
    const size_t name_length = Get16(zip, at + 28);
    const size_t record = 46 + name_length + Get16(zip, at + 30) + Get16(zip, at + 32);
    Entry entry{at, Get32(zip, at + 42), 0, Get32(zip, at + 20), false};
    entry.sheet = std::string_view(zip).substr(at + 46, name_length) == kSheetPart;
    if (entry.local + 30 > central || Get32(zip, entry.local) != kLocalHeader ||
        (Get16(zip, entry.local + 6) & 0x08u) != 0) {
      return "bad local header";
    }
    entry.data = entry.local + 30 + Get16(zip, entry.local + 26) + Get16(zip, entry.local + 28);
    if (entry.data + entry.size > central) return "bad entry size";
    list.push_back(entry);
    at += record;
  }
  const auto sheet = std::find_if(list.begin(), list.end(), [](const Entry& e) { return e.sheet; });
  if (sheet == list.end()) return "no worksheet part";
  std::string xml;
  if (!Inflate(std::string_view(zip).substr(sheet->data, sheet->size),
               Get32(zip, sheet->central + 24),
               &xml)) {
    return "cannot inflate the worksheet part";
  }
  const size_t data_end = xml.rfind("</sheetData>");
  const size_t placeholder =
      data_end == std::string::npos ? data_end : xml.rfind("<row r=\"", data_end);
  if (placeholder == std::string::npos) return "no placeholder row";
  xml.replace(placeholder, data_end - placeholder, rows);
  if (xml.size() > 0xFFFFFFFEu) return "worksheet larger than a zip without zip64 holds";
  std::string packed;
  if (!Deflate(xml, &packed)) return "cannot deflate the worksheet part";
  const uint32_t crc = libdeflate_crc32(0, xml.data(), xml.size());

  std::string out;
  out.reserve(zip.size() + packed.size());
  std::vector<size_t> new_local(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    const Entry& e = list[i];
    new_local[i] = out.size();
    const size_t header_at = out.size();
    out.append(zip, e.local, e.data - e.local);
    if (e.sheet) {
      Put32(out, header_at + 14, crc);
      Put32(out, header_at + 18, static_cast<uint32_t>(packed.size()));
      Put32(out, header_at + 22, static_cast<uint32_t>(xml.size()));
      out += packed;
    } else {
      out.append(zip, e.data, e.size);
    }
  }
  const size_t new_central = out.size();
  for (size_t i = 0; i < list.size(); ++i) {
    const Entry& e = list[i];
    const size_t record_end = i + 1 < list.size() ? list[i + 1].central : end;
    const size_t record_at = out.size();
    out.append(zip, e.central, record_end - e.central);
    if (e.sheet) {
      Put32(out, record_at + 16, crc);
      Put32(out, record_at + 20, static_cast<uint32_t>(packed.size()));
      Put32(out, record_at + 24, static_cast<uint32_t>(xml.size()));
    }
    Put32(out, record_at + 42, static_cast<uint32_t>(new_local[i]));
  }
  const size_t new_end = out.size();
  out.append(zip, end, 22);
  Put32(out, new_end + 16, static_cast<uint32_t>(new_central));
  if (out.size() > 0xFFFFFFFEu) return "workbook larger than a zip without zip64 holds";
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  file.flush();
  if (!file) return "cannot write the workbook (disk full?)";
  return "";
}
}  // namespace

double ExcelSerial(Date date) {
  return static_cast<double>(date.days) + kSerialOfUnixEpoch;
}

XlsxWriter::XlsxWriter(const std::filesystem::path& path,
                       const XlsxLayout& layout,
                       XlsxCells cells,
                       const std::filesystem::path& scratch)
    : path_(path), layout_(layout), cells_(cells) {
  const std::string tmpdir = !scratch.empty()             ? scratch.string()
                             : path.parent_path().empty() ? std::string(".")
                                                          : path.parent_path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>(tmpdir.c_str());  // copied by the library
  workbook_ = workbook_new_opt(path.string().c_str(), &options);
  if (workbook_ == nullptr) {
    Failed("cannot start the workbook (out of memory?)");
    return;
  }
  lxw_doc_properties properties{};
  properties.created = static_cast<time_t>(layout.created.days) * 86400;
  workbook_set_properties(workbook_, &properties);
  sheet_ = workbook_add_worksheet(workbook_, layout.sheet_name.c_str());
  if (sheet_ == nullptr) {
    Failed("invalid sheet name");
    return;
  }

  lxw_format* title_format = workbook_add_format(workbook_);
  format_set_bold(title_format);
  format_set_font_size(title_format, 12);
  lxw_format* header_format = workbook_add_format(workbook_);
  format_set_bold(header_format);
  format_set_text_wrap(header_format);
  format_set_align(header_format, LXW_ALIGN_VERTICAL_TOP);
  format_set_bottom(header_format, LXW_BORDER_THIN);
  format_set_bg_color(header_format, 0xDDEBF7);
  wrap_format_ = workbook_add_format(workbook_);
  format_set_text_wrap(wrap_format_);
  format_set_align(wrap_format_, LXW_ALIGN_VERTICAL_TOP);
  date_format_ = workbook_add_format(workbook_);
  format_set_num_format(date_format_, "dd.mm.yyyy");

  for (size_t c = 0; c < layout.columns.size(); ++c) {
    const XlsxColumn& column = layout.columns[c];
    const double width = column.width > 0 ? column.width : HeaderWidth(column.header);
    lxw_format* format = column.dates ? date_format_ : column.wrap ? wrap_format_ : nullptr;
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet_, col, col, width, format);
    column_formats_.push_back(format);
  }
  worksheet_write_string(sheet_, 0, 0, CleanText(layout.title, 255).c_str(), title_format);
  for (size_t c = 0; c < layout.columns.size(); ++c) {
    worksheet_write_string(
        sheet_, 1, static_cast<lxw_col_t>(c), layout.columns[c].header.c_str(), header_format);
  }
  if (cells_ == XlsxCells::kFormatted) {
    // The library numbers formats in the order cells use them: the title's
    // and the header's (cells even when empty: blank cells with the format)
    // come before any data row's.
    (void)lxw_format_get_xf_index(title_format);
    if (!layout.columns.empty()) (void)lxw_format_get_xf_index(header_format);
  }
  worksheet_freeze_panes(sheet_, kFirstDataRow, static_cast<lxw_col_t>(layout.frozen_columns));
  worksheet_set_landscape(sheet_);
  worksheet_set_paper(sheet_, kPaperA4);
  worksheet_fit_to_pages(sheet_, 1, 0);  // one page wide, as many pages tall as needed
  worksheet_repeat_rows(sheet_, 1, 1);
  worksheet_set_header(sheet_, PageHeaderText(layout.title).c_str());
}

XlsxWriter::~XlsxWriter() {
  if (workbook_ != nullptr) lxw_workbook_free(workbook_);
}

void XlsxWriter::Failed(std::string what) {
  if (failure_.empty()) failure_ = std::move(what);
}

bool XlsxWriter::NextCell(uint32_t* row, uint16_t* column) {
  *row = row_;
  *column = column_++;
  if (sheet_ == nullptr) return false;
  if (row_ >= LXW_ROW_MAX) {
    Failed("more rows than a worksheet holds (1048576)");
    return false;
  }
  return true;
}

lxw_format* XlsxWriter::NumberFormat(int decimals) {
  decimals = std::clamp(decimals, 0, 9);
  if (number_formats_.size() <= static_cast<size_t>(decimals)) {
    number_formats_.resize(static_cast<size_t>(decimals) + 1, nullptr);
  }
  lxw_format*& format = number_formats_[static_cast<size_t>(decimals)];
  if (format == nullptr) {
    format = workbook_add_format(workbook_);
    const std::string code = decimals == 0 ? "0" : "0." + std::string(decimals, '0');
    format_set_num_format(format, code.c_str());
  }
  return format;
}

int32_t XlsxWriter::StyleIndex(lxw_format* format, uint16_t column) {
  if (format == nullptr && column < column_formats_.size()) format = column_formats_[column];
  if (format == nullptr) return 0;
  for (const auto& [known, index] : style_indices_) {
    if (known == format) return index;
  }
  const int32_t index = lxw_format_get_xf_index(format);
  style_indices_.emplace_back(format, index);
  return index;
}

bool XlsxWriter::OpenCell(uint32_t row, uint16_t column, int32_t style) {
  if (column >= LXW_COL_MAX) {
    Failed(lxw_strerror(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE));
    return false;
  }
  if (!row_open_ || open_row_ != row) {
    if (row_open_) rows_ += "</row>";
    rows_ += "<row r=\"";
    AppendInt(rows_, static_cast<int64_t>(row) + 1);
    rows_ += "\">";
    row_open_ = true;
    open_row_ = row;
  }
  last_row_ = row;
  last_column_ = std::max(last_column_, column);
  rows_ += "<c r=\"";
  AppendCellRef(rows_, row, column);
  if (style != 0) {
    rows_ += "\" s=\"";
    AppendInt(rows_, style);
  }
  rows_ += '"';
  return true;
}

void XlsxWriter::NumberCell(uint32_t row, uint16_t column, double value, lxw_format* format) {
  if (cells_ == XlsxCells::kThroughLibrary) {
    const lxw_error error = worksheet_write_number(sheet_, row, column, value, format);
    if (error != LXW_NO_ERROR) Failed(lxw_strerror(error));
    return;
  }
  if (!OpenCell(row, column, StyleIndex(format, column))) return;
  rows_ += "><v>";
  AppendNumber(rows_, value);
  rows_ += "</v></c>";
}

void XlsxWriter::Text(std::string_view cell) {
  uint32_t row = 0;
  uint16_t column = 0;
  if (!NextCell(&row, &column) || cell.empty()) return;
  CleanTextInto(cell, kMaxCellChars, text_);
  if (cells_ == XlsxCells::kThroughLibrary) {
    const lxw_error error = worksheet_write_string(sheet_, row, column, text_.c_str(), nullptr);
    if (error != LXW_NO_ERROR) Failed(lxw_strerror(error));
    return;
  }
  // The library reads a C string: it ends at the first NUL, and an empty
  // one is no cell.
  const size_t nul = text_.find('\0');
  if (nul != std::string::npos) text_.resize(nul);
  if (text_.empty()) return;
  const bool escape = NeedsEscaping(text_);
  if (escape) escaped_ = EscapedLikeLibrary(text_);
  const std::string& escaped = escape ? escaped_ : text_;
  if (!OpenCell(row, column, StyleIndex(nullptr, column))) return;
  rows_ += CSpace(escaped.front()) || CSpace(escaped.back())
               ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">"
               : " t=\"inlineStr\"><is><t>";
  rows_ += escaped;
  rows_ += "</t></is></c>";
}

void XlsxWriter::Number(double value, int decimals) {
  uint32_t row = 0;
  uint16_t column = 0;
  if (!NextCell(&row, &column) || !std::isfinite(value)) return;
  NumberCell(row, column, value, NumberFormat(decimals));
}

void XlsxWriter::Integer(int64_t value) {
  uint32_t row = 0;
  uint16_t column = 0;
  if (!NextCell(&row, &column)) return;
  NumberCell(row, column, static_cast<double>(value), NumberFormat(0));
}

void XlsxWriter::Day(Date date) {
  uint32_t row = 0;
  uint16_t column = 0;
  if (!NextCell(&row, &column)) return;
  NumberCell(row, column, ExcelSerial(date), date_format_);
}

void XlsxWriter::Empty() {
  uint32_t row = 0;
  uint16_t column = 0;
  (void)NextCell(&row, &column);
}

void XlsxWriter::EndRow() {
  ++row_;
  column_ = 0;
}

std::optional<Error> XlsxWriter::Close() {
  const bool splice = !rows_.empty() && sheet_ != nullptr && failure_.empty();
  if (splice) {
    rows_ += "</row>";
    // A placeholder in the last data row, at the rightmost data column, so
    // that the library's sheet dimension covers the rows written here; the
    // row is replaced by `rows_` below.
    const lxw_error error = worksheet_write_number(sheet_, last_row_, last_column_, 0, nullptr);
    if (error != LXW_NO_ERROR) Failed(lxw_strerror(error));
  }
  if (workbook_ != nullptr && sheet_ != nullptr && failure_.empty() && !layout_.columns.empty()) {
    const auto last_column = static_cast<lxw_col_t>(layout_.columns.size() - 1);
    const uint32_t last_row = std::max(row_, kFirstDataRow) - 1;
    worksheet_autofilter(sheet_, kFirstDataRow - 1, 0, last_row, last_column);
    for (size_t c = 0; c < layout_.columns.size() && row_ > kFirstDataRow; ++c) {
      const XlsxColumn& column = layout_.columns[c];
      if (column.choices.empty()) continue;
      std::vector<const char*> words;
      for (const std::string& word : column.choices) words.push_back(word.c_str());
      words.push_back(nullptr);
      lxw_data_validation validation{};
      validation.validate = LXW_VALIDATION_TYPE_LIST;
      validation.value_list = const_cast<char**>(words.data());  // read only
      validation.ignore_blank = LXW_VALIDATION_ON;
      validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
      const auto col = static_cast<lxw_col_t>(c);
      const lxw_error error =
          worksheet_data_validation_range(sheet_, kFirstDataRow, col, row_ - 1, col, &validation);
      if (error != LXW_NO_ERROR) Failed(lxw_strerror(error));
    }
  }
  if (workbook_ == nullptr) {
    Failed("no workbook");
  } else {
    const lxw_error error = workbook_close(workbook_);  // frees the workbook
    workbook_ = nullptr;
    sheet_ = nullptr;
    if (error != LXW_NO_ERROR) Failed(lxw_strerror(error));
  }
  if (splice && failure_.empty()) {
    const std::string spliced = SpliceRows(path_, rows_);
    if (!spliced.empty()) Failed(spliced);
  }
  rows_.clear();
  rows_.shrink_to_fit();
  if (failure_.empty()) return std::nullopt;
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
  return MakeError(
      ErrorKind::kCannotWrite, path_.string(), 0, "", "", "cannot write the xlsx: " + failure_);
}

}  // namespace jobmatch::reports

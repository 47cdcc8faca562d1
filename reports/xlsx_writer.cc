#include "reports/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <ctime>
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

// Where libxlsxwriter keeps its scratch files (about ten per workbook, each
// unlinked as soon as it is opened, so nothing is left behind when the run
// is killed): a memory-backed folder when the system has one, as creating
// and removing thousands of files on a disk's file system costs more than
// writing them; else next to the workbook. The bytes written do not depend
// on it.
std::string ScratchFolder(const std::filesystem::path& workbook) {
  static constexpr const char* kMemoryFolder = "/dev/shm";
  if (::access(kMemoryFolder, W_OK | X_OK) == 0) return kMemoryFolder;
  return workbook.parent_path().empty() ? "." : workbook.parent_path().string();
}

double HeaderWidth(std::string_view header) {
  size_t chars = 0;
  for (const char c : header) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return std::max(8.0, static_cast<double>(chars) + 3.0);
}

}  // namespace

double ExcelSerial(Date date) {
  return static_cast<double>(date.days) + kSerialOfUnixEpoch;
}

XlsxWriter::XlsxWriter(const std::filesystem::path& path, const XlsxLayout& layout)
    : path_(path), layout_(layout) {
  const std::string tmpdir = ScratchFolder(path);
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
  }
  worksheet_write_string(sheet_, 0, 0, CleanText(layout.title, 255).c_str(), title_format);
  for (size_t c = 0; c < layout.columns.size(); ++c) {
    worksheet_write_string(
        sheet_, 1, static_cast<lxw_col_t>(c), layout.columns[c].header.c_str(), header_format);
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

void XlsxWriter::Text(std::string_view cell) {
  uint32_t row = 0;
  uint16_t column = 0;
  if (!NextCell(&row, &column) || cell.empty()) return;
  CleanTextInto(cell, kMaxCellChars, text_);
  const lxw_error error = worksheet_write_string(sheet_, row, column, text_.c_str(), nullptr);
  if (error != LXW_NO_ERROR) Failed(lxw_strerror(error));
}

void XlsxWriter::Number(double value, int decimals) {
  uint32_t row = 0;
  uint16_t column = 0;
  if (!NextCell(&row, &column) || !std::isfinite(value)) return;
  const lxw_error error =
      worksheet_write_number(sheet_, row, column, value, NumberFormat(decimals));
  if (error != LXW_NO_ERROR) Failed(lxw_strerror(error));
}

void XlsxWriter::Integer(int64_t value) {
  uint32_t row = 0;
  uint16_t column = 0;
  if (!NextCell(&row, &column)) return;
  const lxw_error error =
      worksheet_write_number(sheet_, row, column, static_cast<double>(value), NumberFormat(0));
  if (error != LXW_NO_ERROR) Failed(lxw_strerror(error));
}

void XlsxWriter::Day(Date date) {
  uint32_t row = 0;
  uint16_t column = 0;
  if (!NextCell(&row, &column)) return;
  const lxw_error error =
      worksheet_write_number(sheet_, row, column, ExcelSerial(date), date_format_);
  if (error != LXW_NO_ERROR) Failed(lxw_strerror(error));
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
  if (failure_.empty()) return std::nullopt;
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
  return MakeError(
      ErrorKind::kCannotWrite, path_.string(), 0, "", "", "cannot write the xlsx: " + failure_);
}

}  // namespace jobmatch::reports

// reports/xlsx_writer.h
//
// One worksheet in an .xlsx file (libxlsxwriter), written row by row through
// the CellWriter interface, laid out for a coordinator to print and work in:
// a title row, a header row that stays frozen and carries an autofilter,
// numbers and dates as real numeric cells with German-looking formats
// (Excel shows "0.00" as 0,00 and "dd.mm.yyyy" as TT.MM.JJJJ in a German
// locale), optional drop-down lists, landscape A4 fitted to the page width,
// the title repeated in the printed page header and the header row on every
// printed page.
//
// Contract. Text is always a string cell (worksheet_write_string), never a
// formula, whatever it starts with ("=1+1" stays text); longer than a cell
// holds (32767 characters) it is cut. The data rows are formatted by
// XlsxWriter as libxlsxwriter would and held in memory until Close() (about
// 1 KB per line of a coordinator's sheet; Excel's row limit bounds it);
// everything else goes through libxlsxwriter in constant-memory mode. The bytes
// depend only on what is written and on `layout`: the document's creation
// time is layout.created (the run date), and the zip entries carry a fixed
// time. Close() writes the file; nothing is written at `path` before it.
//
// Example:
//   XlsxLayout layout{"Vorschläge", "Koordination K-1 · Lauf vom 24.11.2026", columns, 1, date};
//   XlsxWriter sheet(staging / "proposals_K-1.xlsx", layout);
//   sheet.Text("T-1"); sheet.Number(0.82, 3); sheet.EndRow();
//   if (auto error = sheet.Close()) return error;

#ifndef JOBMATCH_REPORTS_XLSX_WRITER_H_
#define JOBMATCH_REPORTS_XLSX_WRITER_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/records.h"
#include "engine/result.h"
#include "reports/cell_writer.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace jobmatch::reports {

struct XlsxColumn {
  std::string header;
  double width = 0;    // in characters; 0: fitted to the header
  bool wrap = false;   // long text wraps inside the cell (a reason)
  bool dates = false;  // cells typed in later show as TT.MM.JJJJ
  // Not empty: a drop-down list with these words on every data row, and
  // nothing else may be typed (empty stays allowed).
  std::vector<std::string> choices;
};

struct XlsxLayout {
  std::string sheet_name;           // at most 31 characters, none of []:*?/\ .
  std::string title;                // row 1 and the printed page header
  std::vector<XlsxColumn> columns;  // row 2 is their header
  int frozen_columns = 1;           // stay visible when scrolling right
  Date created;                     // the document's creation date
};

// How the data cells (rows after the header) reach the file: formatted by
// XlsxWriter in memory exactly as libxlsxwriter formats them and put into
// the package at Close(), the worksheet part deflated at zlib's fastest
// level (fast), or through libxlsxwriter cell by cell (the reference the
// fast way is tested against). The packages hold the same parts with the
// same bytes once inflated; only the worksheet's compressed bytes differ.
enum class XlsxCells : int8_t { kFormatted, kThroughLibrary };

class XlsxWriter final : public CellWriter {
 public:
  // libxlsxwriter's scratch files go to `scratch` (see ScratchFolder in
  // reports/output_files.h); empty: next to the workbook.
  XlsxWriter(const std::filesystem::path& path,
             const XlsxLayout& layout,
             XlsxCells cells = XlsxCells::kFormatted,
             const std::filesystem::path& scratch = {});
  ~XlsxWriter() override;  // frees the workbook if Close() was not called
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void Text(std::string_view cell) override;
  void Number(double value, int decimals) override;
  void Integer(int64_t value) override;
  void Day(Date date) override;
  void Empty() override;
  void EndRow() override;

  // Adds the autofilter and the drop-downs over the rows written and writes
  // the file. kCannotWrite naming the file if anything failed, here or
  // while writing cells (a sheet longer than Excel's 1048576 rows, say).
  [[nodiscard]] std::optional<Error> Close();

  // The first data row's index (0-based): the title, then the header.
  static constexpr uint32_t kFirstDataRow = 2;

 private:
  lxw_format* NumberFormat(int decimals);
  bool NextCell(uint32_t* row, uint16_t* column);
  // kFormatted: the library's style index of a cell with `format` (nullptr:
  // the column's), numbering formats on first use as the library does.
  int32_t StyleIndex(lxw_format* format, uint16_t column);
  // kFormatted: starts the cell's XML in rows_ (and its row's, if new);
  // false (and failed) for a column beyond the sheet's last.
  [[nodiscard]] bool OpenCell(uint32_t row, uint16_t column, int32_t style);
  void NumberCell(uint32_t row, uint16_t column, double value, lxw_format* format);
  void Failed(std::string what);

  std::filesystem::path path_;
  XlsxLayout layout_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  std::vector<lxw_format*> number_formats_;  // by decimals, made when first used
  lxw_format* date_format_ = nullptr;
  lxw_format* wrap_format_ = nullptr;
  uint32_t row_ = kFirstDataRow;
  uint16_t column_ = 0;
  std::string failure_;  // the first thing that went wrong; empty: none
  std::string text_;     // the cell Text() writes, cleaned
  std::string escaped_;  // kFormatted: text_ escaped, when it needs it
  XlsxCells cells_ = XlsxCells::kFormatted;
  // kFormatted: the data rows' XML, each column's default format, the style
  // indices handed out so far, the row open in rows_ and the last cell.
  std::string rows_;
  std::vector<lxw_format*> column_formats_;
  std::vector<std::pair<lxw_format*, int32_t>> style_indices_;
  bool row_open_ = false;
  uint32_t open_row_ = 0;
  uint32_t last_row_ = 0;
  uint16_t last_column_ = 0;
};

// Days since 1899-12-30: the serial number Excel (1900 date system) stores
// for `date`, for dates from 1900-03-01 on.
double ExcelSerial(Date date);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_XLSX_WRITER_H_

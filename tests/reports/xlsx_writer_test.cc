// Tests of reports/xlsx_writer.h's two ways to the same file: the data rows
// formatted by XlsxWriter itself (XlsxCells::kFormatted, what the runs use)
// must give the bytes libxlsxwriter gives when every cell goes through it
// (XlsxCells::kThroughLibrary), for every kind of cell: text with markup,
// control characters, NUL, bad UTF-8, spaces at either end, over-long text;
// numbers of every magnitude and sign, non-finite ones, every decimals;
// integers, dates, empty cells and empty rows; more columns than the layout
// names and columns past Z.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "reports/xlsx_writer.h"

namespace jobmatch::reports {
namespace {

namespace fs = std::filesystem;

class XlsxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("xlsx_writer_test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

XlsxLayout Layout(int columns) {
  XlsxLayout layout;
  layout.sheet_name = "Vorschläge";
  layout.title = "Vorschläge für K & L <1> · Lauf vom 22.11.2026";
  for (int c = 0; c < columns; ++c) {
    XlsxColumn column;
    column.header = "Spalte " + std::to_string(c);
    column.wrap = c % 7 == 3;
    column.dates = c == 5;
    if (c == 4) column.choices = {"angenommen", "abgelehnt"};
    column.width = c % 2 == 0 ? 0 : 12;
    layout.columns.push_back(column);
  }
  layout.frozen_columns = 2;
  layout.created = Date{20000};
  return layout;
}

// One cell of a random sheet, written the same way to any CellWriter.
struct Cell {
  enum Kind { kText, kNumber, kInteger, kDay, kEmpty } kind = kEmpty;
  std::string text;
  double number = 0;
  int decimals = 0;
  int64_t integer = 0;
};

void Write(const std::vector<std::vector<Cell>>& rows, CellWriter& out) {
  for (const std::vector<Cell>& row : rows) {
    for (const Cell& cell : row) {
      switch (cell.kind) {
        case Cell::kText:
          out.Text(cell.text);
          break;
        case Cell::kNumber:
          out.Number(cell.number, cell.decimals);
          break;
        case Cell::kInteger:
          out.Integer(cell.integer);
          break;
        case Cell::kDay:
          out.Day(Date{static_cast<int32_t>(cell.integer)});
          break;
        case Cell::kEmpty:
          out.Empty();
          break;
      }
    }
    out.EndRow();
  }
}

std::string RandomText(std::mt19937& random) {
  static const std::vector<std::string> kPieces = {"a",
                                                   "Z",
                                                   "7",
                                                   " ",
                                                   "  ",
                                                   "\t",
                                                   "\n",
                                                   "\r",
                                                   "\x01",
                                                   "\x1f",
                                                   "\x0b",
                                                   "\x0c",
                                                   std::string(1, '\0'),
                                                   "&",
                                                   "<",
                                                   ">",
                                                   "\"",
                                                   "'",
                                                   "&amp;",
                                                   "_x0041_",
                                                   "ä",
                                                   "€",
                                                   "😀",
                                                   "\xff",
                                                   "\xc3",
                                                   "\xed\xa0\x80",
                                                   "=SUM(A1)",
                                                   "+1",
                                                   "-",
                                                   "@",
                                                   "Müller & Söhne",
                                                   "Pflichtkompetenzen 75 % abgedeckt; "};
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 8);
  std::string text;
  for (int i = length(random); i > 0; --i) text += kPieces[piece(random)];
  return text;
}

double RandomNumber(std::mt19937& random) {
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-310, 310);
  switch (kind(random)) {
    case 0:
      return 0.0;
    case 1:
      return -0.0;
    case 2:
      return std::numeric_limits<double>::quiet_NaN();
    case 3:
      return std::numeric_limits<double>::infinity();
    case 4:
      return std::round(unit(random) * 1e6);
    case 5:
      return static_cast<double>(static_cast<float>(unit(random)));
    case 6:
      return unit(random) * std::pow(10.0, exponent(random));
    case 7:
      return std::numeric_limits<double>::denorm_min() * 3;
    case 8:
      return 1e16 * unit(random);
    default:
      return unit(random) * 100.0;
  }
}

std::vector<std::vector<Cell>> RandomRows(std::mt19937& random, int rows, int columns) {
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<int> decimals(-1, 11);
  std::uniform_int_distribution<int64_t> integer(-(int64_t{1} << 60), int64_t{1} << 60);
  std::uniform_int_distribution<int> width(0, columns + 3);
  std::vector<std::vector<Cell>> sheet(static_cast<size_t>(rows));
  for (std::vector<Cell>& row : sheet) {
    for (int c = width(random); c > 0; --c) {
      Cell cell;
      const int k = kind(random);
      if (k <= 3) {
        cell.kind = Cell::kText;
        cell.text = RandomText(random);
      } else if (k <= 5) {
        cell.kind = Cell::kNumber;
        cell.number = RandomNumber(random);
        cell.decimals = decimals(random);
      } else if (k == 6) {
        cell.kind = Cell::kInteger;
        cell.integer = integer(random);
      } else if (k == 7) {
        cell.kind = Cell::kDay;
        cell.integer = integer(random) % 100000;
      }
      row.push_back(cell);
    }
  }
  return sheet;
}

// Writes `rows` both ways and expects the same bytes.
void ExpectSameBytes(const fs::path& dir,
                     const XlsxLayout& layout,
                     const std::vector<std::vector<Cell>>& rows,
                     const std::string& what) {
  const fs::path formatted = dir / "formatted.xlsx";
  const fs::path reference = dir / "reference.xlsx";
  {
    XlsxWriter fast(formatted, layout, XlsxCells::kFormatted);
    Write(rows, fast);
    ASSERT_FALSE(fast.Close().has_value()) << what;
  }
  {
    XlsxWriter slow(reference, layout, XlsxCells::kThroughLibrary);
    Write(rows, slow);
    ASSERT_FALSE(slow.Close().has_value()) << what;
  }
  const std::string expected = ReadBytes(reference);
  ASSERT_GT(expected.size(), 1000u) << what;
  EXPECT_TRUE(ReadBytes(formatted) == expected) << what;
}

TEST_F(XlsxWriterTest, FormattedCellsGiveTheLibrarysBytesOnRandomSheets) {
  std::mt19937 random(20261122);
  for (int round = 0; round < 60; ++round) {
    const int columns = 1 + round % 31;
    ExpectSameBytes(dir_,
                    Layout(columns),
                    RandomRows(random, round % 5 == 0 ? round : 3 * round, columns),
                    "round " + std::to_string(round));
  }
}

TEST_F(XlsxWriterTest, FormattedCellsGiveTheLibrarysBytesOnEdgeCases) {
  const XlsxLayout layout = Layout(4);
  ExpectSameBytes(dir_, layout, {}, "no data rows");
  ExpectSameBytes(dir_, layout, {{Cell{}, Cell{}}, {}, {Cell{}}}, "only empty cells");
  Cell text;
  text.kind = Cell::kText;
  text.text = std::string(40000, 'x') + "ä";
  Cell nul;
  nul.kind = Cell::kText;
  nul.text = std::string("\0abc", 4);
  Cell spaces;
  spaces.kind = Cell::kText;
  spaces.text = " x ";
  Cell far;
  far.kind = Cell::kNumber;
  far.number = 1.5;
  far.decimals = 1;
  std::vector<Cell> wide(60, far);
  ExpectSameBytes(dir_, layout, {{text, nul, spaces}, {}, {}, {nul}, wide, {Cell{}}}, "edges");
  XlsxLayout blank = Layout(3);
  blank.title.clear();
  blank.columns[1].header.clear();
  ExpectSameBytes(dir_, blank, {{spaces, far}, {far, spaces}}, "empty title and header");
  blank.columns.clear();
  ExpectSameBytes(dir_, blank, {{spaces, far}}, "no columns");
}

}  // namespace
}  // namespace jobmatch::reports

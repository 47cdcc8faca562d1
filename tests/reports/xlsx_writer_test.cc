// Tests of reports/xlsx_writer.h's two ways to the same file: the data rows
// formatted by XlsxWriter itself (XlsxCells::kFormatted, what the runs use)
// must give the package libxlsxwriter gives when every cell goes through it
// (XlsxCells::kThroughLibrary): the same parts in the same order with the
// same zip headers, every part the same bytes once inflated, and all but
// the worksheet (which XlsxWriter deflates at a faster level) the same
// compressed bytes; for every kind of cell: text with markup, control
// characters, NUL, bad UTF-8, spaces at either end, over-long text; numbers
// of every magnitude and sign, non-finite ones, every decimals; integers,
// dates, empty cells and empty rows; more columns than the layout names and
// columns past Z. The project's xlsx reader reads the result back, with
// every number a number.

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "reports/xlsx_writer.h"
#include "store/xlsx_reader.h"

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

// One entry of a zip archive as written: its local header and central
// directory record (with the fields that depend on the compressed size or
// the entry's place zeroed), its compressed bytes and its content.
struct ZipEntry {
  std::string name;
  std::string local_header;
  std::string central_record;
  std::string compressed;
  std::string content;
};

uint32_t Get(const std::string& bytes, size_t at, int width) {
  uint32_t value = 0;
  for (int i = width - 1; i >= 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<size_t>(i)]);
  }
  return value;
}

void Zero(std::string& bytes, size_t at, size_t width) {
  bytes.replace(at, width, width, '\0');
}

// The entries of the zip in `bytes`, checked as a reader would: the end
// record, each central record and its local header agree, the entries are
// laid out one after the other with nothing between or after them, each
// stored or deflated part inflates to its stated size and CRC-32.
std::vector<ZipEntry> ReadZip(const std::string& bytes, const std::string& what) {
  std::vector<ZipEntry> entries;
  EXPECT_GE(bytes.size(), 22u) << what;
  if (bytes.size() < 22) return entries;
  const size_t end = bytes.size() - 22;
  EXPECT_EQ(Get(bytes, end, 4), 0x06054b50u) << what << ": no end record (or a zip comment)";
  const size_t count = Get(bytes, end + 10, 2);
  const size_t central_size = Get(bytes, end + 12, 4);
  const size_t central = Get(bytes, end + 16, 4);
  EXPECT_EQ(central + central_size, end) << what;
  size_t at = central;
  size_t next_local = 0;
  for (size_t i = 0; i < count; ++i) {
    if (at + 46 > end || Get(bytes, at, 4) != 0x02014b50u) {
      ADD_FAILURE() << what << ": bad central record " << i;
      return entries;
    }
    ZipEntry entry;
    const size_t name_length = Get(bytes, at + 28, 2);
    const size_t record_length = 46 + name_length + Get(bytes, at + 30, 2) + Get(bytes, at + 32, 2);
    entry.name = bytes.substr(at + 46, name_length);
    entry.central_record = bytes.substr(at, record_length);
    const uint16_t method = static_cast<uint16_t>(Get(bytes, at + 10, 2));
    const uint32_t crc = Get(bytes, at + 16, 4);
    const size_t compressed_size = Get(bytes, at + 20, 4);
    const size_t size = Get(bytes, at + 24, 4);
    const size_t local = Get(bytes, at + 42, 4);
    EXPECT_EQ(local, next_local) << what << ": " << entry.name << " not where the last one ended";
    if (local + 30 > central || Get(bytes, local, 4) != 0x04034b50u) {
      ADD_FAILURE() << what << ": bad local header of " << entry.name;
      return entries;
    }
    const size_t data = local + 30 + Get(bytes, local + 26, 2) + Get(bytes, local + 28, 2);
    entry.local_header = bytes.substr(local, data - local);
    EXPECT_EQ(bytes.substr(local + 30, name_length), entry.name) << what;
    EXPECT_EQ(Get(bytes, local + 14, 4), crc) << what << ": " << entry.name;
    EXPECT_EQ(Get(bytes, local + 18, 4), compressed_size) << what << ": " << entry.name;
    EXPECT_EQ(Get(bytes, local + 22, 4), size) << what << ": " << entry.name;
    EXPECT_EQ(Get(bytes, local + 6, 2) & 0x08u, 0u) << what << ": sizes after the data";
    if (data + compressed_size > central) {
      ADD_FAILURE() << what << ": " << entry.name << " runs past the central directory";
      return entries;
    }
    entry.compressed = bytes.substr(data, compressed_size);
    next_local = data + compressed_size;
    if (method == 0) {
      entry.content = entry.compressed;
    } else {
      EXPECT_EQ(method, Z_DEFLATED) << what << ": " << entry.name;
      z_stream stream{};
      EXPECT_EQ(inflateInit2(&stream, -MAX_WBITS), Z_OK);
      entry.content.resize(size + 1);  // room to notice a part longer than stated
      stream.next_in = reinterpret_cast<Bytef*>(entry.compressed.data());
      stream.avail_in = static_cast<uInt>(entry.compressed.size());
      stream.next_out = reinterpret_cast<Bytef*>(entry.content.data());
      stream.avail_out = static_cast<uInt>(entry.content.size());
      EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END) << what << ": " << entry.name;
      EXPECT_EQ(stream.avail_in, 0u) << what << ": bytes after the end of " << entry.name;
      entry.content.resize(stream.total_out);
      inflateEnd(&stream);
    }
    EXPECT_EQ(entry.content.size(), size) << what << ": " << entry.name;
    EXPECT_EQ(crc32(0,
                    reinterpret_cast<const Bytef*>(entry.content.data()),
                    static_cast<uInt>(entry.content.size())),
              crc)
        << what << ": " << entry.name;
    Zero(entry.local_header, 18, 4);    // compressed size
    Zero(entry.central_record, 20, 4);  // compressed size
    Zero(entry.central_record, 42, 4);  // local header offset
    entries.push_back(std::move(entry));
    at += record_length;
  }
  EXPECT_EQ(at, end) << what << ": more central directory than entries";
  EXPECT_EQ(next_local, central) << what << ": bytes before the central directory";
  return entries;
}

// The end record with the central directory's place zeroed.
std::string EndRecord(const std::string& bytes) {
  std::string record = bytes.substr(bytes.size() - 22);
  Zero(record, 16, 4);
  return record;
}

// Every finite number, integer and date written reads back as a numeric
// cell of that value (dates shown as dates), at its row and column; adds
// how many there were to `*checked`.
void ExpectNumbersReadBack(const fs::path& file,
                           const std::vector<std::vector<Cell>>& rows,
                           const std::string& what,
                           int* checked) {
  Result<store::XlsxSheet> read = store::ReadXlsxSheet(file, "formatted.xlsx");
  ASSERT_TRUE(read.ok()) << what << ": " << read.error().ToString();
  std::vector<const store::XlsxRow*> by_line;
  for (const store::XlsxRow& row : read.value().rows) {
    if (by_line.size() <= static_cast<size_t>(row.line)) {
      by_line.resize(static_cast<size_t>(row.line) + 1, nullptr);
    }
    by_line[static_cast<size_t>(row.line)] = &row;
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    const size_t line = r + 3;  // after the title and the header row
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const Cell& cell = rows[r][c];
      double expected = 0;
      if (cell.kind == Cell::kNumber && std::isfinite(cell.number)) {
        expected = cell.number;
      } else if (cell.kind == Cell::kInteger) {
        expected = static_cast<double>(cell.integer);
      } else if (cell.kind == Cell::kDay) {
        expected = ExcelSerial(Date{static_cast<int32_t>(cell.integer)});
      } else {
        continue;
      }
      const std::string where =
          what + ", row " + std::to_string(r) + ", column " + std::to_string(c);
      ASSERT_TRUE(line < by_line.size() && by_line[line] != nullptr) << where << ": no row";
      ASSERT_LT(c, by_line[line]->cells.size()) << where;
      const store::XlsxCell& got = by_line[line]->cells[c];
      ASSERT_EQ(got.kind, store::XlsxCellKind::kNumber) << where << ": " << got.text;
      // The library writes 16 significant digits.
      EXPECT_LE(std::abs(got.number - expected), 1e-15 * std::abs(expected)) << where;
      EXPECT_EQ(got.is_date, cell.kind == Cell::kDay) << where;
      ++*checked;
    }
  }
}

// Writes `rows` both ways and expects the same package: the same entries
// with the same headers and content, every part but the worksheet deflated
// to the same bytes; and that the project's reader reads it, numbers as
// numbers (counted in `*numbers_checked`).
void ExpectSamePackage(const fs::path& dir,
                       const XlsxLayout& layout,
                       const std::vector<std::vector<Cell>>& rows,
                       const std::string& what,
                       int* numbers_checked) {
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
  const std::string expected_bytes = ReadBytes(reference);
  ASSERT_GT(expected_bytes.size(), 1000u) << what;
  const std::string formatted_bytes = ReadBytes(formatted);
  const std::vector<ZipEntry> expected = ReadZip(expected_bytes, what + " (library)");
  const std::vector<ZipEntry> got = ReadZip(formatted_bytes, what);
  ASSERT_EQ(got.size(), expected.size()) << what;
  ASSERT_GT(expected.size(), 5u) << what;
  bool sheet = false;
  for (size_t i = 0; i < got.size(); ++i) {
    const std::string part = what + ": " + expected[i].name;
    EXPECT_EQ(got[i].name, expected[i].name) << part;
    EXPECT_TRUE(got[i].local_header == expected[i].local_header) << part;
    EXPECT_TRUE(got[i].central_record == expected[i].central_record) << part;
    EXPECT_TRUE(got[i].content == expected[i].content) << part;
    if (expected[i].name == "xl/worksheets/sheet1.xml") {
      sheet = true;
      EXPECT_NE(got[i].content.find("</sheetData>"), std::string::npos) << part;
    } else {
      EXPECT_TRUE(got[i].compressed == expected[i].compressed) << part;
    }
  }
  EXPECT_TRUE(sheet) << what;
  EXPECT_EQ(EndRecord(formatted_bytes), EndRecord(expected_bytes)) << what;
  ExpectNumbersReadBack(formatted, rows, what, numbers_checked);
}

TEST_F(XlsxWriterTest, FormattedCellsGiveTheLibrarysPackageOnRandomSheets) {
  std::mt19937 random(20261122);
  int numbers = 0;
  for (int round = 0; round < 60; ++round) {
    const int columns = 1 + round % 31;
    ExpectSamePackage(dir_,
                      Layout(columns),
                      RandomRows(random, round % 5 == 0 ? round : 3 * round, columns),
                      "round " + std::to_string(round),
                      &numbers);
  }
  EXPECT_GT(numbers, 1000);
}

TEST_F(XlsxWriterTest, FormattedCellsGiveTheLibrarysPackageOnEdgeCases) {
  int numbers = 0;
  const XlsxLayout layout = Layout(4);
  ExpectSamePackage(dir_, layout, {}, "no data rows", &numbers);
  ExpectSamePackage(dir_, layout, {{Cell{}, Cell{}}, {}, {Cell{}}}, "only empty cells", &numbers);
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
  ExpectSamePackage(
      dir_, layout, {{text, nul, spaces}, {}, {}, {nul}, wide, {Cell{}}}, "edges", &numbers);
  XlsxLayout blank = Layout(3);
  blank.title.clear();
  blank.columns[1].header.clear();
  ExpectSamePackage(
      dir_, blank, {{spaces, far}, {far, spaces}}, "empty title and header", &numbers);
  blank.columns.clear();
  ExpectSamePackage(dir_, blank, {{spaces, far}}, "no columns", &numbers);
  EXPECT_EQ(numbers, 60 + 2 + 1);
}

}  // namespace
}  // namespace jobmatch::reports

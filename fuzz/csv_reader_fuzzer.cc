// fuzz/csv_reader_fuzzer.cc
//
// The CSV reader as the CSV loader drives it: bytes -> DecodeText (UTF-8 or
// Windows-1252) -> ParseCsv. Checks the reader's contract on what it returns:
// decoded text is valid UTF-8, every row has exactly as many cells as the
// header, rows come in file order after the header.

#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "loaders/csv_reader.h"
#include "loaders/problem_list.h"
#include "loaders/text_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jobmatch;
  const Result<DecodedText> text = DecodeText(fuzz::AsText(data, size), "fuzz.csv");
  if (!text.ok()) {
    (void)text.error().ToString();
    return 0;
  }
  FUZZ_CHECK(IsValidUtf8(text.value().utf8));
  ProblemList problems(5);
  const CsvTable table = ParseCsv(text.value().utf8, "fuzz.csv", &problems);
  int64_t previous_line = table.header_line;
  for (const CsvRow& row : table.rows) {
    FUZZ_CHECK(row.cells.size() == table.header.size());
    FUZZ_CHECK(row.line > previous_line);
    previous_line = row.line;
  }
  (void)problems.ToError().ToString();
  return 0;
}

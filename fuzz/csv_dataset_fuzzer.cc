// fuzz/csv_dataset_fuzzer.cc
//
// A whole CSV dataset folder through LoadCsvDataset (decoding, header mapping,
// cell parsing, the DatasetBuilder's rules against the reference data). One
// input holds the files in the order participants, vacancies, employers,
// coordinators, courses, history, separated by a line "%%"; a file whose part
// is missing is absent from the folder.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "loaders/column_map.h"
#include "loaders/csv_loader.h"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)jobmatch::fuzz::ReferenceForFuzzing();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jobmatch;
  constexpr std::string_view kSeparator = "\n%%\n";
  std::string_view rest = fuzz::AsText(data, size);
  bool more = true;
  for (const Table table : kAllTables) {
    if (!more) {
      fuzz::RemoveScratchFile(TableFileName(table));
      continue;
    }
    const size_t end = rest.find(kSeparator);
    fuzz::WriteScratchFile(TableFileName(table), rest.substr(0, end));
    if (end == std::string_view::npos) {
      more = false;
    } else {
      rest.remove_prefix(end + kSeparator.size());
    }
  }
  const Result<Dataset> dataset =
      LoadCsvDataset(fuzz::ScratchDir(), fuzz::ReferenceForFuzzing(), LoaderOptions{});
  if (!dataset.ok()) {
    FUZZ_CHECK(!dataset.error().diagnostics.empty() || dataset.error().suppressed > 0);
    (void)dataset.error().ToString();
  }
  return 0;
}

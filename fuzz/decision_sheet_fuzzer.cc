// fuzz/decision_sheet_fuzzer.cc
//
// The decision sheets a coordinator hands back (`jobmatch record`): bytes
// starting with the zip signature "PK" are read as an .xlsx (libzip, expat,
// the size and cell bounds of store/xlsx_reader.h), anything else as a CSV
// sheet. Checks the reader's contract: it returns a value or an error, never
// crashes; every decision it returns names the file, sits on a line of the
// sheet (> 1, the header is line 1 or later) and has both ids.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "store/decision_sheet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jobmatch;
  const std::string_view bytes = fuzz::AsText(data, size);
  const bool zip = bytes.substr(0, 2) == "PK";
  const std::string name = zip ? "proposals_K-1.xlsx" : "proposals_K-1.csv";
  fuzz::WriteScratchFile(name, bytes);
  const Result<std::vector<store::SheetDecision>> read =
      store::ReadDecisionSheet(fuzz::ScratchDir() / name);
  if (!read.ok()) {
    FUZZ_CHECK(!read.error().ToString().empty());
    return 0;
  }
  for (const store::SheetDecision& decision : read.value()) {
    FUZZ_CHECK(!decision.file.empty());
    FUZZ_CHECK(decision.line > 1);
    FUZZ_CHECK(!decision.participant_id.empty());
    FUZZ_CHECK(!decision.vacancy_id.empty());
  }
  return 0;
}

// fuzz/proto_dataset_fuzzer.cc
//
// A dataset in protobuf (loaders/proto/dataset.proto) through
// LoadProtoDataset: the text or wire-format parser, then the same
// DatasetBuilder as CSV. Built twice (fuzz/CMakeLists.txt):
// proto_text_dataset with JOBMATCH_FUZZ_TEXT_FORMAT=1, proto_binary_dataset
// with 0.

#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "loaders/proto_loader.h"

#ifndef JOBMATCH_FUZZ_TEXT_FORMAT
#error "build with JOBMATCH_FUZZ_TEXT_FORMAT=1 (text format) or 0 (binary)"
#endif

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)jobmatch::fuzz::ReferenceForFuzzing();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jobmatch;
  constexpr bool kTextFormat = JOBMATCH_FUZZ_TEXT_FORMAT != 0;
  const char* name = kTextFormat ? "dataset.txtpb" : "dataset.binpb";
  fuzz::WriteScratchFile(name, fuzz::AsText(data, size));
  const Result<Dataset> dataset = LoadProtoDataset(
      fuzz::ScratchDir() / name, fuzz::ReferenceForFuzzing(), LoaderOptions{}, kTextFormat);
  if (!dataset.ok()) {
    FUZZ_CHECK(!dataset.error().diagnostics.empty() || dataset.error().suppressed > 0);
    (void)dataset.error().ToString();
  }
  return 0;
}

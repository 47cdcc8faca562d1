// fuzz/proto_binary_dataset_fuzzer.cc
//
// A dataset in binary protobuf (loaders/proto/dataset.proto) through
// LoadProtoDataset: the wire-format parser, then the same DatasetBuilder as CSV.

#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "loaders/proto_loader.h"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)jobmatch::fuzz::ReferenceForFuzzing();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jobmatch;
  fuzz::WriteScratchFile("dataset.binpb", fuzz::AsText(data, size));
  const Result<Dataset> dataset = LoadProtoDataset(fuzz::ScratchDir() / "dataset.binpb",
                                                   fuzz::ReferenceForFuzzing(),
                                                   LoaderOptions{},
                                                   /*text_format=*/false);
  if (!dataset.ok()) {
    FUZZ_CHECK(!dataset.error().diagnostics.empty() || dataset.error().suppressed > 0);
    (void)dataset.error().ToString();
  }
  return 0;
}

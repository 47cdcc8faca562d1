// fuzz/proto_text_dataset_fuzzer.cc
//
// A dataset in protobuf text format (loaders/proto/dataset.proto) through
// LoadProtoDataset: the text parser, then the same DatasetBuilder as CSV.

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
  fuzz::WriteScratchFile("dataset.txtpb", fuzz::AsText(data, size));
  const Result<Dataset> dataset = LoadProtoDataset(fuzz::ScratchDir() / "dataset.txtpb",
                                                   fuzz::ReferenceForFuzzing(),
                                                   LoaderOptions{},
                                                   /*text_format=*/true);
  if (!dataset.ok()) {
    FUZZ_CHECK(!dataset.error().diagnostics.empty() || dataset.error().suppressed > 0);
    (void)dataset.error().ToString();
  }
  return 0;
}

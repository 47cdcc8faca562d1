// fuzz/config_fuzzer.cc
//
// The config file (config/config.h): protobuf text format -> EngineConfig,
// with every value checked by Validate(). A config that parses must validate
// clean (ParseConfig reports Validate's problems itself).

#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jobmatch;
  const std::string text(fuzz::AsText(data, size));
  const Result<EngineConfig> config = ParseConfig(text, "fuzz.txtpb");
  if (config.ok()) {
    FUZZ_CHECK(Validate(config.value(), "fuzz.txtpb").empty());
  } else {
    FUZZ_CHECK(!config.error().diagnostics.empty());
    (void)config.error().ToString();
  }
  return 0;
}

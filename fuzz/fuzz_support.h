// fuzz/fuzz_support.h
//
// What the libFuzzer targets in this folder share: the reference data (loaded
// once, in LLVMFuzzerInitialize), a private scratch folder for loaders that
// read files, and a check that stops the fuzzer when a property fails.
//
// Contract. ReferenceForFuzzing() loads loaders/refdata (or $JOBMATCH_REFDATA)
// on its first call and aborts if that fails: a fuzzer without reference data
// would only test the error path. ScratchDir() is a fresh folder under
// $TMPDIR, one per process, removed at exit. FUZZ_CHECK(cond) aborts (a
// finding for libFuzzer) with the condition and its place.
//
// Example (a target body):
//   const ReferenceData& reference = ReferenceForFuzzing();
//   WriteScratchFile("dataset.txtpb", data, size);
//   (void)LoadProtoDataset(ScratchDir() / "dataset.txtpb", reference, {}, true);

#ifndef JOBMATCH_FUZZ_FUZZ_SUPPORT_H_
#define JOBMATCH_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "engine/reference.h"

namespace jobmatch::fuzz {

const ReferenceData& ReferenceForFuzzing();

const std::filesystem::path& ScratchDir();

// Writes `bytes` to ScratchDir() / name (replacing it).
void WriteScratchFile(const std::filesystem::path& name, std::string_view bytes);

// Removes ScratchDir() / name if present.
void RemoveScratchFile(const std::filesystem::path& name);

[[noreturn]] void FailCheck(const char* condition, const char* file, int line);

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace jobmatch::fuzz

#define FUZZ_CHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::jobmatch::fuzz::FailCheck(#condition, __FILE__, __LINE__))

#endif  // JOBMATCH_FUZZ_FUZZ_SUPPORT_H_

// fuzz/replay_main.cc
//
// A plain main() for a fuzz target, used in the normal (non-fuzz) build: runs
// LLVMFuzzerTestOneInput once on every file named on the command line or found
// in a folder named there, so ctest replays the seed corpus and every
// regression input with the ordinary compiler and sanitizers. Exit 0 when all
// inputs ran; a failed FUZZ_CHECK or a crash ends the process as it would the
// fuzzer. Without AddressSanitizer (which needs a huge address space) the
// address space is limited to 4 GiB, so an input that makes a loader take
// memory it should not (the fuzzer's -rss_limit_mb) fails here too.

#include <sys/resource.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JOBMATCH_REPLAY_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define JOBMATCH_REPLAY_ASAN 1
#endif

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
#ifndef JOBMATCH_REPLAY_ASAN
  constexpr rlim_t kAddressSpace = rlim_t{4} << 30;
  const rlimit limit{kAddressSpace, kAddressSpace};
  if (setrlimit(RLIMIT_AS, &limit) != 0) std::cerr << "replay: cannot limit the address space\n";
#endif
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const fs::path path = argv[i];
    if (fs::is_directory(path)) {
      for (const fs::directory_entry& entry : fs::directory_iterator(path)) {
        if (entry.is_regular_file()) inputs.push_back(entry.path());
      }
    } else if (fs::exists(path)) {
      inputs.push_back(path);
    } else {
      std::cerr << path.string() << ": no such file or folder\n";
      return 66;
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& input : inputs) {
    std::ifstream in(input, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      std::cerr << input.string() << ": cannot read\n";
      return 66;
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << "replayed " << inputs.size() << " inputs\n";
  return 0;
}

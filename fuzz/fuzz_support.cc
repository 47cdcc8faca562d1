// fuzz/fuzz_support.cc: see fuzz_support.h.

#include "fuzz/fuzz_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "loaders/reference_loader.h"

namespace jobmatch::fuzz {
namespace {

// Removes the scratch folder when the process ends normally.
struct ScratchFolder {
  std::filesystem::path path;

  ScratchFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "jobmatch-fuzz-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) == nullptr) {
      std::perror("jobmatch fuzz: mkdtemp");
      std::abort();
    }
    path = buffer.data();
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  ScratchFolder(ScratchFolder&&) = delete;
  ScratchFolder& operator=(ScratchFolder&&) = delete;
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

const ReferenceData& ReferenceForFuzzing() {
  static const ReferenceData reference = [] {
    Result<ReferenceData> loaded = LoadReferenceData(DefaultReferenceDir());
    if (!loaded.ok()) {
      std::cerr << "jobmatch fuzz: cannot load the reference data: " << loaded.error().ToString()
                << "\n";
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return reference;
}

const std::filesystem::path& ScratchDir() {
  static const ScratchFolder folder;
  return folder.path;
}

void WriteScratchFile(const std::filesystem::path& name, std::string_view bytes) {
  std::ofstream out(ScratchDir() / name, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::cerr << "jobmatch fuzz: cannot write " << (ScratchDir() / name) << "\n";
    std::abort();
  }
}

void RemoveScratchFile(const std::filesystem::path& name) {
  std::error_code ignored;
  std::filesystem::remove(ScratchDir() / name, ignored);
}

void FailCheck(const char* condition, const char* file, int line) {
  std::cerr << file << ":" << line << ": fuzz check failed: " << condition << "\n";
  std::abort();
}

}  // namespace jobmatch::fuzz

// store/sha256.h
//
// SHA-256 (FIPS 180-4) of bytes and of files, as lowercase hex. The store
// keeps one per input file of a run, so any past sheet can be traced to the
// exact data it came from. Written here (about 100 lines, checked against the
// FIPS test vectors) rather than adding a crypto library for one hash.
//
// Example:
//   Sha256 hash;
//   hash.Update("abc");
//   const std::string hex = hash.HexDigest();  // "ba7816bf..."

#ifndef JOBMATCH_STORE_SHA256_H_
#define JOBMATCH_STORE_SHA256_H_

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace jobmatch::store {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  // Finishes the hash; the object must not be updated afterwards.
  std::string HexDigest();

 private:
  void Block(const uint8_t* block);
  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

std::string Sha256Hex(std::string_view bytes);

struct FileHash {
  std::string sha256;  // lowercase hex
  int64_t bytes = 0;
};
// Reads the file in chunks. kMissingInput if it does not exist, kBadData if it
// cannot be read.
[[nodiscard]] Result<FileHash> HashFile(const std::filesystem::path& path);

}  // namespace jobmatch::store

#endif  // JOBMATCH_STORE_SHA256_H_

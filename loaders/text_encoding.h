// loaders/text_encoding.h
//
// Turns the bytes of a text file as Excel and friends write them in Germany
// into UTF-8, and the small text helpers every loader shares.
//
// Contract of DecodeText():
//  * UTF-8 with or without a BOM: returned as is, BOM removed.
//  * Bytes that are not valid UTF-8 in a file with no UTF-8 character beyond
//    ASCII: read as Windows-1252 (what German Excel writes as "CSV
//    (Trennzeichen-getrennt)"), every byte converted, including 0x80..0x9F
//    (€, „, “, –, ...). Bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
//    0x90, 0x9D) mean the file is neither: error.
//  * Valid multi-byte UTF-8 and also bytes that are not: a damaged UTF-8 file,
//    error naming line and column of the first bad byte (decoding it as
//    Windows-1252 would garble every umlaut).
//  * NUL bytes (a binary file, or UTF-16 without BOM): error.
//  * A UTF-16 or UTF-32 BOM: error asking to save as "CSV UTF-8".
// The encoding found is reported so callers can say what they read.
//
// Example:
//   Result<DecodedText> text = DecodeText(bytes, "data/participants.csv");
//   if (!text.ok()) return text.error();
//   ParseCsv(text.value().utf8, ...);

#ifndef JOBMATCH_LOADERS_TEXT_ENCODING_H_
#define JOBMATCH_LOADERS_TEXT_ENCODING_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace jobmatch {

enum class TextEncoding { kUtf8, kUtf8WithBom, kWindows1252 };

struct DecodedText {
  std::string utf8;  // without BOM
  TextEncoding encoding = TextEncoding::kUtf8;
};

// See the contract above. `file` names the source in diagnostics.
[[nodiscard]] Result<DecodedText> DecodeText(std::string_view bytes, const std::string& file);

// True if `bytes` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view bytes);
// Length of the longest well-formed UTF-8 prefix of `bytes`: the offset of the
// first byte that does not belong, or bytes.size() if all are well-formed.
size_t ValidUtf8Prefix(std::string_view bytes);

// Windows-1252 to UTF-8; false (and `out` unspecified) if a byte is undefined
// in Windows-1252 or NUL.
bool Windows1252ToUtf8(std::string_view bytes, std::string* out);

// Reads a whole file. kMissingInput if it does not exist, kBadData if it
// cannot be read. `shown` is the name used in diagnostics.
[[nodiscard]] Result<std::string> ReadFileBytes(const std::filesystem::path& path,
                                                const std::string& shown);

// Blanks (space, tab, CR, LF, no-break space) removed at both ends.
std::string_view TrimBlanks(std::string_view text);

// A name as people compare it: blanks trimmed, inner runs of blanks folded to
// one space, ASCII letters and the German umlauts ÄÖÜ lower-cased.
// "  Max.  Pendelzeit " -> "max. pendelzeit", "ÜBER" -> "über".
std::string FoldName(std::string_view text);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_TEXT_ENCODING_H_

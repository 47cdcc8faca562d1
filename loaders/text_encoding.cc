#include "loaders/text_encoding.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <system_error>

namespace jobmatch {
namespace {

// Unicode code points of Windows-1252 bytes 0x80..0x9F; 0 where undefined.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88-8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98-9F
};

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

bool IsBlank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Length of a UTF-8 no-break space (C2 A0) at the front of `s`, else 0.
size_t NoBreakSpaceAt(std::string_view s) {
  return s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC2 &&
                 static_cast<unsigned char>(s[1]) == 0xA0
             ? 2
             : 0;
}

// Length of the well-formed UTF-8 sequence starting at bytes[i], 0 if none.
size_t Utf8SequenceAt(std::string_view bytes, size_t i) {
  const auto b0 = static_cast<unsigned char>(bytes[i]);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlongs
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;  // no overlongs
    if (b0 == 0xF4) hi = 0x8F;  // <= U+10FFFF
  } else {
    return 0;
  }
  if (i + len > bytes.size()) return 0;
  const auto b1 = static_cast<unsigned char>(bytes[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    const auto b = static_cast<unsigned char>(bytes[i + k]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return len;
}

// Whether `bytes` holds at least one well-formed multi-byte UTF-8 sequence.
bool HasMultiByteUtf8(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (static_cast<unsigned char>(bytes[i]) >= 0x80 && Utf8SequenceAt(bytes, i) > 1) return true;
  }
  return false;
}

// "line 3, column 17" (1-based; columns count UTF-8 characters) of bytes[at].
std::string LineAndColumn(std::string_view bytes, size_t at) {
  const std::string_view before = bytes.substr(0, at);
  const size_t line_start =
      before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  const auto lines = std::count(before.begin(), before.end(), '\n');
  const std::string_view head = before.substr(line_start);
  const auto column = std::count_if(head.begin(), head.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  return "line " + std::to_string(lines + 1) + ", column " + std::to_string(column + 1);
}

std::string HexByte(unsigned char b) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 0xF];
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  return ValidUtf8Prefix(bytes) == bytes.size();
}

size_t ValidUtf8Prefix(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    const size_t len = Utf8SequenceAt(bytes, i);
    if (len == 0) return i;
    i += len;
  }
  return bytes.size();
}

bool Windows1252ToUtf8(std::string_view bytes, std::string* out) {
  out->clear();
  out->reserve(bytes.size() + bytes.size() / 8);
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b == 0) return false;
    if (b >= 0x80 && b <= 0x9F) {
      const char32_t c = kCp1252High[b - 0x80];
      if (c == 0) return false;
      AppendUtf8(c, out);
    } else {
      AppendUtf8(b, out);  // ASCII and Latin-1 share their code points
    }
  }
  return true;
}

Result<DecodedText> DecodeText(std::string_view bytes, const std::string& file) {
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF") ||
      StartsWith(bytes, std::string_view("\x00\x00\xFE\xFF", 4))) {
    return MakeError(ErrorKind::kBadData,
                     file,
                     0,
                     "",
                     "",
                     "the file is UTF-16 (Excel: \"Unicode-Text\"); save it as "
                     "\"CSV UTF-8 (durch Trennzeichen getrennt)\" instead");
  }
  DecodedText decoded;
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    decoded.encoding = TextEncoding::kUtf8WithBom;
  }
  if (bytes.find('\0') != std::string_view::npos) {
    return MakeError(ErrorKind::kBadData,
                     file,
                     0,
                     "",
                     "",
                     "the file contains NUL bytes: not a text file (or UTF-16 without "
                     "a byte order mark); save it as \"CSV UTF-8\"");
  }
  const size_t valid = ValidUtf8Prefix(bytes);
  if (valid == bytes.size()) {
    decoded.utf8.assign(bytes);
    return decoded;
  }
  // UTF-8 characters and a byte that is not: a damaged UTF-8 file (decoding
  // it as Windows-1252 would garble every umlaut), not a Windows-1252 one.
  if (decoded.encoding != TextEncoding::kUtf8WithBom && HasMultiByteUtf8(bytes)) {
    return MakeError(ErrorKind::kBadData,
                     file,
                     0,
                     "",
                     "",
                     "the file is UTF-8 but for byte " +
                         HexByte(static_cast<unsigned char>(bytes[valid])) + " at " +
                         LineAndColumn(bytes, valid) +
                         ": expected a UTF-8 character there (the file was damaged or pieced "
                         "together from two encodings); correct that character and save the "
                         "file as \"CSV UTF-8\" again");
  }
  if (decoded.encoding == TextEncoding::kUtf8WithBom) {
    return MakeError(ErrorKind::kBadData,
                     file,
                     0,
                     "",
                     "",
                     "the file starts with a UTF-8 byte order mark but is not valid UTF-8: "
                     "byte " +
                         HexByte(static_cast<unsigned char>(bytes[valid])) + " at " +
                         LineAndColumn(bytes, valid) + " is not a UTF-8 character");
  }
  if (!Windows1252ToUtf8(bytes, &decoded.utf8)) {
    return MakeError(ErrorKind::kBadData,
                     file,
                     0,
                     "",
                     "",
                     "the file is neither UTF-8 nor Windows-1252 text; save it as "
                     "\"CSV UTF-8\"");
  }
  decoded.encoding = TextEncoding::kWindows1252;
  return decoded;
}

Result<std::string> ReadFileBytes(const std::filesystem::path& path, const std::string& shown) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return MakeError(ErrorKind::kMissingInput, shown, 0, "", "", "no such file");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return MakeError(ErrorKind::kBadData, shown, 0, "", "", "is a folder, expected a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorKind::kBadData, shown, 0, "", "", "cannot open the file");
  std::string bytes;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec) bytes.reserve(static_cast<size_t>(size));
  char buffer[1 << 16];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return MakeError(ErrorKind::kBadData, shown, 0, "", "", "cannot read the file");
  return bytes;
}

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty()) {
    if (IsBlank(static_cast<unsigned char>(text.front()))) {
      text.remove_prefix(1);
    } else if (const size_t nbsp = NoBreakSpaceAt(text); nbsp > 0) {
      text.remove_prefix(nbsp);
    } else {
      break;
    }
  }
  while (!text.empty()) {
    if (IsBlank(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
    } else if (text.size() >= 2 && NoBreakSpaceAt(text.substr(text.size() - 2)) > 0) {
      text.remove_suffix(2);
    } else {
      break;
    }
  }
  return text;
}

std::string FoldName(std::string_view text) {
  text = TrimBlanks(text);
  std::string out;
  out.reserve(text.size());
  bool in_blank = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t nbsp = NoBreakSpaceAt(text.substr(i));
    if (IsBlank(c) || nbsp > 0) {
      if (nbsp > 0) i += nbsp - 1;
      in_blank = true;
      continue;
    }
    if (in_blank) out.push_back(' ');
    in_blank = false;
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c == 0xC3 && i + 1 < text.size()) {
      // Ä (C3 84), Ö (C3 96), Ü (C3 9C) -> ä (C3 A4), ö (C3 B6), ü (C3 BC).
      const auto next = static_cast<unsigned char>(text[i + 1]);
      const bool upper_umlaut = next == 0x84 || next == 0x96 || next == 0x9C;
      out.push_back(text[i]);
      out.push_back(static_cast<char>(upper_umlaut ? next + 0x20 : next));
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace jobmatch

#include "engine/result.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace jobmatch {
namespace {

// Values longer than this are described, not quoted.
constexpr size_t kMaxQuotedBytes = 24;

bool IsAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A number with a decimal point or comma ("51.79", "11,74"), optional sign.
bool IsDecimalWithSeparator(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  int digits = 0;
  int separators = 0;
  for (const char c : s) {
    if (IsAsciiDigit(c)) {
      ++digits;
    } else if (c == '.' || c == ',') {
      ++separators;
    } else {
      return false;
    }
  }
  return digits > 0 && separators == 1;
}

// "06406 Bernburg": five digits, a blank, then a word of letters.
bool IsPostcodeAndWord(std::string_view head, std::string_view tail) {
  if (head.size() != 5 || !std::all_of(head.begin(), head.end(), IsAsciiDigit)) return false;
  return !tail.empty() && std::none_of(tail.begin(), tail.end(), IsAsciiDigit);
}

// Well-formed UTF-8 as far as a message needs it: every lead byte followed by
// its continuation bytes (values that fail are described, not printed).
bool IsWellFormedUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80                 ? 1
                       : b >= 0xC2 && b <= 0xDF ? 2
                       : b >= 0xE0 && b <= 0xEF ? 3
                       : b >= 0xF0 && b <= 0xF4 ? 4
                                                : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

size_t CountCodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

bool IsQuotableValue(std::string_view value) {
  if (value.empty() || value.size() > kMaxQuotedBytes) return false;
  size_t blank = std::string_view::npos;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const auto byte = static_cast<unsigned char>(c);
    // U+0080..U+009F (control characters), ASCII control bytes, '@', quotes, ...
    const bool c1_control =
        byte == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) < 0xA0;
    const bool allowed = IsAsciiLetter(c) || IsAsciiDigit(c) || byte >= 0x80 ||
                         std::string_view(".,-_/:;+()#").find(c) != std::string_view::npos;
    if (c == ' ') {
      if (blank != std::string_view::npos) return false;  // two blanks: prose
      blank = i;
    } else if (c1_control || !allowed) {
      return false;
    }
  }
  if (!IsWellFormedUtf8(value)) return false;
  // A word without a digit may be a name ("Zoë", "Müller-Lüdenscheidt"):
  // only a stub of at most two characters ("x", "ja") is repeated.
  const bool has_digit = std::any_of(value.begin(), value.end(), IsAsciiDigit);
  if (!has_digit) return CountCodePoints(value) <= 2;
  if (blank == std::string_view::npos) return true;
  const std::string_view head = value.substr(0, blank);
  const std::string_view tail = value.substr(blank + 1);
  return IsPostcodeAndWord(head, tail) ||
         (IsDecimalWithSeparator(head) && IsDecimalWithSeparator(tail));
}

std::string ShownValue(std::string_view value) {
  if (value.empty() || IsQuotableValue(value)) return "'" + std::string(value) + "'";
  const size_t n = CountCodePoints(value);
  return "(a text of " + std::to_string(n) + (n == 1 ? " character)" : " characters)");
}

std::string Diagnostic::ToString() const {
  std::string out;
  out.append(file.empty() ? std::string_view("<input>") : std::string_view(file));
  if (line > 0) out.append(":").append(std::to_string(line));
  out.append(":");
  const std::string shown = value_is_header ? "'" + value + "'" : ShownValue(value);
  if (!field.empty()) {
    out.append(" field '").append(field).append("' = ").append(shown).append(":");
  } else if (!value.empty()) {
    out.append(" ").append(shown).append(":");
  }
  out.append(" ").append(message);
  return out;
}

std::string Error::ToString() const {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += d.ToString() + "\n";
  if (suppressed > 0) {
    out += "... and " + std::to_string(suppressed) + " more problem" +
           (suppressed == 1 ? "" : "s") + "\n";
  }
  return out;
}

Error MakeError(ErrorKind kind,
                std::string file,
                int64_t line,
                std::string field,
                std::string value,
                std::string message) {
  Error error;
  error.kind = kind;
  error.diagnostics.push_back(
      Diagnostic{std::move(file), line, std::move(field), std::move(value), std::move(message)});
  return error;
}

}  // namespace jobmatch

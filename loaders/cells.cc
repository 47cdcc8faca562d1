#include "loaders/cells.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <span>

#include "engine/check.h"
#include "loaders/text_encoding.h"

namespace jobmatch {
namespace {

constexpr int32_t kMaxInt = std::numeric_limits<int32_t>::max();

// ------------------------------------------------------------------ enums

template <typename E>
struct Spelling {
  std::string_view text;  // folded (lower case)
  E value;
};

constexpr Spelling<Qualification> kQualifications[] = {
    {"none", Qualification::kNone},
    {"keine", Qualification::kNone},
    {"kein", Qualification::kNone},
    {"ohne", Qualification::kNone},
    {"vocational", Qualification::kVocational},
    {"berufsausbildung", Qualification::kVocational},
    {"beruflich", Qualification::kVocational},
    {"ausbildung", Qualification::kVocational},
    {"berufsabschluss", Qualification::kVocational},
    {"academic", Qualification::kAcademic},
    {"akademisch", Qualification::kAcademic},
    {"hochschule", Qualification::kAcademic},
    {"hochschulabschluss", Qualification::kAcademic},
    {"studium", Qualification::kAcademic},
};

constexpr Spelling<Goal> kGoals[] = {
    {"job", Goal::kJob},
    {"arbeit", Goal::kJob},
    {"beschäftigung", Goal::kJob},
    {"training", Goal::kTraining},
    {"ausbildung", Goal::kTraining},
    {"internship", Goal::kInternship},
    {"praktikum", Goal::kInternship},
};

constexpr Spelling<VacancyKind> kVacancyKinds[] = {
    {"job", VacancyKind::kJob},
    {"arbeit", VacancyKind::kJob},
    {"beschäftigung", VacancyKind::kJob},
    {"training", VacancyKind::kTraining},
    {"ausbildung", VacancyKind::kTraining},
    {"internship", VacancyKind::kInternship},
    {"praktikum", VacancyKind::kInternship},
};

constexpr Spelling<CourseKind> kCourseKinds[] = {
    {"language", CourseKind::kLanguage},
    {"sprache", CourseKind::kLanguage},
    {"sprachkurs", CourseKind::kLanguage},
    {"vocational", CourseKind::kVocational},
    {"beruflich", CourseKind::kVocational},
    {"integration", CourseKind::kIntegration},
    {"integrationskurs", CourseKind::kIntegration},
    {"job_german", CourseKind::kJobGerman},
    {"berufssprachkurs", CourseKind::kJobGerman},
    {"berufsbezogenes deutsch", CourseKind::kJobGerman},
};

constexpr Spelling<OutcomeKind> kOutcomes[] = {
    {"proposed", OutcomeKind::kProposed},
    {"vorgeschlagen", OutcomeKind::kProposed},
    {"accepted", OutcomeKind::kAccepted},
    {"angenommen", OutcomeKind::kAccepted},
    {"rejected", OutcomeKind::kRejected},
    {"abgelehnt", OutcomeKind::kRejected},
    {"hired", OutcomeKind::kHired},
    {"eingestellt", OutcomeKind::kHired},
    {"dropped_out", OutcomeKind::kDroppedOut},
    {"dropped out", OutcomeKind::kDroppedOut},
    {"abgebrochen", OutcomeKind::kDroppedOut},
};

template <typename E>
std::optional<E> ParseSpelling(std::span<const Spelling<E>> spellings, std::string_view cell) {
  const std::string folded = FoldName(cell);
  for (const Spelling<E>& s : spellings) {
    if (s.text == folded) return s.value;
  }
  return std::nullopt;
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !IsHex(s[i])) return false;
  }
  return true;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string FormatMax(double max) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), max);
  return std::string(buffer, result.ptr);
}

}  // namespace

std::optional<bool> ParseYesNo(std::string_view cell) {
  const std::string folded = FoldName(cell);
  for (const std::string_view yes : {"true", "yes", "ja", "wahr", "1", "x"}) {
    if (folded == yes) return true;
  }
  for (const std::string_view no : {"false", "no", "nein", "falsch", "0"}) {
    if (folded == no) return false;
  }
  return std::nullopt;
}

std::optional<double> ParseDecimal(std::string_view cell) {
  std::string_view text = TrimBlanks(cell);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::string normal;
  int separators = 0;
  for (const char c : text) {
    if (c == ',' || c == '.') {
      ++separators;
      normal.push_back('.');
    } else if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E') {
      normal.push_back(c);
    } else {
      return std::nullopt;
    }
  }
  if (separators > 1) return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(normal.data(), normal.data() + normal.size(), value);
  if (ec != std::errc() || end != normal.data() + normal.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int32_t> ParseWholeNumber(std::string_view cell) {
  const std::optional<double> value = ParseDecimal(cell);
  if (!value || std::floor(*value) != *value || *value < std::numeric_limits<int32_t>::min() ||
      *value > std::numeric_limits<int32_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int32_t>(*value);
}

std::optional<CefrLevel> ParseGermanLevel(std::string_view cell) {
  const std::string folded = FoldName(cell);
  if (folded == "keine" || folded == "ohne" || folded == "none") return CefrLevel::kA0;
  return ParseCefr(folded);
}

std::optional<GeoPoint> ParseCoordinates(std::string_view cell) {
  const std::string_view text = TrimBlanks(cell);
  std::string_view lat;
  std::string_view lon;
  const auto split = [&](size_t at, size_t width) {
    lat = text.substr(0, at);
    lon = text.substr(at + width);
  };
  if (const size_t slash = text.find('/'); slash != std::string_view::npos) {
    split(slash, 1);
  } else if (const size_t semicolon = text.find(';'); semicolon != std::string_view::npos) {
    split(semicolon, 1);
  } else if (const size_t blank = text.find_first_of(" \t"); blank != std::string_view::npos) {
    split(blank, 1);
    lat = TrimBlanks(lat);
    if (!lat.empty() && lat.back() == ',') lat.remove_suffix(1);
  } else if (std::count(text.begin(), text.end(), ',') == 1) {
    split(text.find(','), 1);
  } else {
    return std::nullopt;
  }
  const std::optional<double> la = ParseDecimal(lat);
  const std::optional<double> lo = ParseDecimal(lon);
  if (!la || !lo) return std::nullopt;
  return GeoPoint{*la, *lo};
}

std::optional<Qualification> ParseQualification(std::string_view cell) {
  return ParseSpelling<Qualification>(kQualifications, cell);
}

std::optional<Goal> ParseGoal(std::string_view cell) {
  return ParseSpelling<Goal>(kGoals, cell);
}

std::optional<VacancyKind> ParseVacancyKind(std::string_view cell) {
  return ParseSpelling<VacancyKind>(kVacancyKinds, cell);
}

std::optional<CourseKind> ParseCourseKind(std::string_view cell) {
  return ParseSpelling<CourseKind>(kCourseKinds, cell);
}

std::optional<OutcomeKind> ParseOutcomeKind(std::string_view cell) {
  return ParseSpelling<OutcomeKind>(kOutcomes, cell);
}

// ------------------------------------------------------------------ codes

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> EscoUuid(std::string_view code, std::string_view uri_prefix) {
  for (const std::string_view scheme : {"http://", "https://"}) {
    if (code.substr(0, scheme.size()) == scheme &&
        code.substr(scheme.size(), uri_prefix.size()) == uri_prefix) {
      code.remove_prefix(scheme.size() + uri_prefix.size());
      break;
    }
  }
  if (!IsUuid(code)) return std::nullopt;
  return LowerAscii(code);
}

std::optional<std::string> KldbCode(std::string_view code) {
  if (!code.empty() && (code[0] == 'B' || code[0] == 'b')) {
    code.remove_prefix(1);
    code = TrimBlanks(code);
    if (code.size() < 5) return std::nullopt;
    const std::string_view tail = code.substr(5);
    if (!tail.empty() && !(tail[0] == '-' && tail.size() <= 4 && IsDigits(tail.substr(1)))) {
      return std::nullopt;
    }
    code = code.substr(0, 5);
  }
  if (code.size() != 5 || !IsDigits(code)) return std::nullopt;
  return std::string(code);
}

std::vector<std::string_view> SplitCodes(std::string_view cell, bool comma) {
  std::vector<std::string_view> items;
  size_t start = 0;
  for (size_t i = 0; i <= cell.size(); ++i) {
    const bool end =
        i == cell.size() || cell[i] == '|' || cell[i] == '\n' || (comma && cell[i] == ',');
    if (!end) continue;
    const std::string_view item = TrimBlanks(cell.substr(start, i - start));
    if (!item.empty()) items.push_back(item);
    start = i + 1;
  }
  return items;
}
// ------------------------------------------------------------------ Excel damage

bool LooksLikeScientificNotation(std::string_view cell) {
  std::string_view text = TrimBlanks(cell);
  const size_t e = text.find_first_of("eE");
  if (e == std::string_view::npos || e == 0) return false;
  std::string_view mantissa = text.substr(0, e);
  std::string_view exponent = text.substr(e + 1);
  if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
  if (!IsDigits(exponent) || exponent.size() > 3) return false;
  if (!mantissa.empty() && mantissa[0] == '-') mantissa.remove_prefix(1);
  const size_t separator = mantissa.find_first_of(".,");
  if (separator == std::string_view::npos) return IsDigits(mantissa);
  return IsDigits(mantissa.substr(0, separator)) && IsDigits(mantissa.substr(separator + 1));
}

bool LooksLikeRoundedLongNumber(std::string_view cell) {
  const std::string_view text = TrimBlanks(cell);
  constexpr size_t kExcelDigits = 15;
  if (text.size() <= kExcelDigits || !IsDigits(text)) return false;
  const std::string_view tail = text.substr(kExcelDigits);
  return std::all_of(tail.begin(), tail.end(), [](char c) { return c == '0'; });
}

std::optional<Date> ExcelSerialDate(std::string_view cell) {
  const std::string_view text = TrimBlanks(cell);
  if (text.size() != 5 || !IsDigits(text)) return std::nullopt;
  int32_t serial = 0;
  std::from_chars(text.data(), text.data() + text.size(), serial);
  constexpr int32_t kSerialOf1970 = 25569;  // Excel's day 25569 is 1970-01-01
  constexpr int32_t kSerialOf1950 = 18264;
  constexpr int32_t kSerialOf2100 = 73051;
  if (serial < kSerialOf1950 || serial >= kSerialOf2100) return std::nullopt;
  return Date{serial - kSerialOf1970};
}

bool LooksCutAtExcelLimit(std::string_view utf8) {
  if (utf8.size() < kExcelCellLimit) return false;
  size_t units = 0;  // UTF-16 code units, as Excel counts
  for (const char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;
  }
  return units == kExcelCellLimit;
}

// ------------------------------------------------------------------ reader

CellReader::CellReader(Table table, const RawTable& raw, size_t record, ProblemList* problems)
    : columns_(Columns(table)), raw_(raw), record_(raw.records[record]), problems_(problems) {
  JOBMATCH_CHECK(record_.cells.size() == columns_.size())
      << TableStem(table) << " record " << record << " has " << record_.cells.size()
      << " cells, expected " << columns_.size();
}

std::string_view CellReader::Cell(int column) const {
  return TrimBlanks(record_.cells[static_cast<size_t>(column)]);
}

void CellReader::Problem(int column, std::string_view value, const std::string& expected) {
  const std::string name(columns_[static_cast<size_t>(column)].name);
  problems_->Add({raw_.file,
                  record_.line,
                  record_.location.empty() ? name : record_.location + "." + name,
                  std::string(value),
                  "expected " + expected});
}

std::string CellReader::Where() const {
  return record_.line > 0 ? "line " + std::to_string(record_.line) : record_.location;
}

bool CellReader::Required(int column) {
  if (!Cell(column).empty()) return true;
  Problem(column, "", "a value (the cell must not be empty)");
  return false;
}

bool CellReader::CheckText(int column) {
  const std::string_view cell = record_.cells[static_cast<size_t>(column)];
  // Printable ASCII, nearly every cell: UTF-8 without control characters.
  const bool printable_ascii = std::all_of(cell.begin(), cell.end(), [](char ch) {
    const auto byte = static_cast<unsigned char>(ch);
    return byte >= 0x20 && byte < 0x7F;
  });
  if (!printable_ascii && !CheckNonAsciiText(column, cell)) return false;
  if (LooksCutAtExcelLimit(cell)) {
    Problem(column,
            cell,
            "a complete text, but the cell holds exactly 32,767 characters, Excel's limit: "
            "Excel cut the text there; shorten it in the source and save again");
    return false;
  }
  return true;
}

bool CellReader::CheckNonAsciiText(int column, std::string_view cell) {
  if (const size_t valid = ValidUtf8Prefix(cell); valid != cell.size()) {
    Problem(column,
            cell,
            "UTF-8 text, but byte " + std::to_string(valid + 1) +
                " of the value is not UTF-8 (text in a protobuf dataset must be UTF-8)");
    return false;
  }
  size_t position = 0;  // in characters
  for (size_t i = 0; i < cell.size(); ++i) {
    const auto byte = static_cast<unsigned char>(cell[i]);
    if ((byte & 0xC0) != 0x80) ++position;
    const bool c0 = byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r';
    const bool c1 = byte == 0xC2 && i + 1 < cell.size() &&
                    static_cast<unsigned char>(cell[i + 1]) < 0xA0;  // U+0080..U+009F
    if (c0 || byte == 0x7F || c1) {
      Problem(
          column,
          "",
          "text without control characters, but character " + std::to_string(position) + " is one");
      return false;
    }
  }
  return true;
}

bool CellReader::CheckId(int column) {
  const std::string_view id = Cell(column);
  if (id.find_first_of("\t\n\r") != std::string_view::npos) {
    Problem(column, id, "an id on one line, without tabs or line breaks");
    return false;
  }
  if (LooksLikeScientificNotation(id)) {
    Problem(column,
            id,
            "an id, but this looks like a number Excel turned into scientific notation "
            "(digits are lost); format the column as text before saving");
    return false;
  }
  if (LooksLikeRoundedLongNumber(id)) {
    Problem(column,
            id,
            "an id, but this looks like a long number Excel rounded to 15 digits (the "
            "digits after the 15th became zeros); format the column as text before saving");
    return false;
  }
  return true;
}

double CellReader::Decimal(int column, double fallback, double max) {
  const std::string_view cell = Cell(column);
  if (cell.empty()) return fallback;
  const std::optional<double> value = ParseDecimal(cell);
  if (!value || *value < 0.0 || *value > max) {
    Problem(column,
            cell,
            std::isinf(max)
                ? "a number >= 0 (decimal comma or point, e.g. 38,5)"
                : "a number from 0 to " + FormatMax(max) + " (decimal comma or point, e.g. 38,5)");
    return fallback;
  }
  return *value;
}

int32_t CellReader::Whole(int column, bool required, int32_t fallback, int32_t max) {
  const std::string_view cell = Cell(column);
  if (cell.empty()) {
    if (required) Problem(column, cell, "a whole number >= 0 (the cell must not be empty)");
    return fallback;
  }
  const std::optional<int32_t> value = ParseWholeNumber(cell);
  if (!value || *value < 0 || *value > max) {
    Problem(
        column,
        cell,
        max == kMaxInt ? "a whole number >= 0" : "a whole number from 0 to " + std::to_string(max));
    return fallback;
  }
  return *value;
}

bool CellReader::YesNo(int column, bool fallback) {
  const std::string_view cell = Cell(column);
  if (cell.empty()) return fallback;
  const std::optional<bool> value = ParseYesNo(cell);
  if (!value) {
    Problem(column, cell, "yes or no (true/false, ja/nein, wahr/falsch, 1/0, x)");
    return fallback;
  }
  return *value;
}

std::optional<Date> CellReader::DateCell(int column) {
  const std::string_view cell = Cell(column);
  if (cell.empty()) return std::nullopt;
  const std::optional<Date> date = ParseDate(cell);
  if (date) return date;
  if (const std::optional<Date> serial = ExcelSerialDate(cell)) {
    Problem(column,
            cell,
            "a date as 2025-03-01 or 01.03.2025, but this looks like a date Excel turned into "
            "its serial number (" +
                FormatDate(*serial) + "?); format the column as date or text before saving");
  } else {
    Problem(column, cell, "a date as 2025-03-01 or 01.03.2025");
  }
  return std::nullopt;
}

CefrLevel CellReader::Level(int column, CefrLevel fallback) {
  const std::string_view cell = Cell(column);
  if (cell.empty()) return fallback;
  const std::optional<CefrLevel> level = ParseGermanLevel(cell);
  if (!level) {
    Problem(column, cell, "a CEFR level A0, A1, A2, B1, B2, C1 or C2 (or 'keine')");
    return fallback;
  }
  return *level;
}

}  // namespace jobmatch

#include "engine/records.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <string>

namespace jobmatch {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// Howard Hinnant's days_from_civil / civil_from_days.
int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(int32_t z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yy + (*m <= 2);
}

bool IsLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr std::array<unsigned, 12> kDays = {
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<CefrLevel> ParseCefr(std::string_view text) {
  text = Trim(text);
  // Sub-levels such as "B1.2" or "B1+" count as their main level.
  if (text.size() > 2) {
    const std::string_view rest = text.substr(2);
    const bool sub =
        (rest.size() == 2 && rest[0] == '.' && rest[1] >= '1' && rest[1] <= '9') || rest == "+";
    if (!sub) return std::nullopt;
    text = text.substr(0, 2);
  }
  if (text.size() != 2) return std::nullopt;
  const char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  const char digit = text[1];
  if (letter == 'A' && digit >= '0' && digit <= '2') {
    return static_cast<CefrLevel>(digit - '0');
  }
  if (letter == 'B' && (digit == '1' || digit == '2')) {
    return static_cast<CefrLevel>(2 + (digit - '0'));
  }
  if (letter == 'C' && (digit == '1' || digit == '2')) {
    return static_cast<CefrLevel>(4 + (digit - '0'));
  }
  return std::nullopt;
}

std::string_view CefrName(CefrLevel level) {
  static constexpr std::array<std::string_view, kNumCefrLevels> kNames = {
      "A0", "A1", "A2", "B1", "B2", "C1", "C2"};
  return kNames[static_cast<size_t>(level)];
}

SizeClass SizeClassOf(int32_t staff) {
  if (staff < 10) return SizeClass::kMicro;
  if (staff < 50) return SizeClass::kSmall;
  if (staff < 250) return SizeClass::kMedium;
  return SizeClass::kLarge;
}

std::string_view QualificationName(Qualification q) {
  switch (q) {
    case Qualification::kNone:
      return "none";
    case Qualification::kVocational:
      return "vocational";
    case Qualification::kAcademic:
      return "academic";
  }
  return "none";
}

std::string_view GoalName(Goal g) {
  switch (g) {
    case Goal::kJob:
      return "job";
    case Goal::kTraining:
      return "training";
    case Goal::kInternship:
      return "internship";
  }
  return "job";
}

std::optional<ResidenceStatus> ParseResidenceStatus(std::string_view text) {
  std::string folded;
  for (const char c : text) {
    if (c == ' ' || c == '.' || c == '-' || c == '_' || c == '\t') continue;
    folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // Drop the section sign (UTF-8 C2 A7) wherever it stands.
  for (size_t at = folded.find("\u00a7"); at != std::string::npos; at = folded.find("\u00a7")) {
    folded.erase(at, 2);
  }
  if (folded.empty()) return ResidenceStatus::kUnknown;
  if (folded == "anerkannt" || folded == "recognised" || folded == "recognized") {
    return ResidenceStatus::kRecognised;
  }
  if (folded == "104c" || folded == "104caufenthg") return ResidenceStatus::kPermit104c;
  if (folded == "gestattet" || folded == "gestattung" || folded == "aufenthaltsgestattung") {
    return ResidenceStatus::kAsylumPending;
  }
  if (folded == "geduldet" || folded == "duldung") return ResidenceStatus::kTolerated;
  if (folded == "geduldet60a6" || folded == "duldung60a6" || folded == "duldung60aabs6" ||
      folded == "geduldet60aabs6") {
    return ResidenceStatus::kTolerated60a6;
  }
  if (folded == "sonstiges" || folded == "sonstige" || folded == "other") {
    return ResidenceStatus::kOther;
  }
  return std::nullopt;
}

std::string_view ResidenceStatusName(ResidenceStatus status) {
  switch (status) {
    case ResidenceStatus::kUnknown:
      return "";
    case ResidenceStatus::kRecognised:
      return "anerkannt";
    case ResidenceStatus::kPermit104c:
      return "104c";
    case ResidenceStatus::kAsylumPending:
      return "gestattet";
    case ResidenceStatus::kTolerated:
      return "geduldet";
    case ResidenceStatus::kTolerated60a6:
      return "geduldet_60a6";
    case ResidenceStatus::kOther:
      return "sonstiges";
  }
  return "";
}

std::string_view VacancyKindName(VacancyKind k) {
  switch (k) {
    case VacancyKind::kJob:
      return "job";
    case VacancyKind::kTraining:
      return "training";
    case VacancyKind::kInternship:
      return "internship";
  }
  return "job";
}

std::string_view CourseKindName(CourseKind k) {
  switch (k) {
    case CourseKind::kLanguage:
      return "language";
    case CourseKind::kVocational:
      return "vocational";
    case CourseKind::kIntegration:
      return "integration";
    case CourseKind::kJobGerman:
      return "job_german";
  }
  return "language";
}

std::string_view SizeClassName(SizeClass s) {
  switch (s) {
    case SizeClass::kMicro:
      return "micro";
    case SizeClass::kSmall:
      return "small";
    case SizeClass::kMedium:
      return "medium";
    case SizeClass::kLarge:
      return "large";
  }
  return "large";
}

std::string_view OutcomeKindName(OutcomeKind o) {
  switch (o) {
    case OutcomeKind::kProposed:
      return "proposed";
    case OutcomeKind::kAccepted:
      return "accepted";
    case OutcomeKind::kRejected:
      return "rejected";
    case OutcomeKind::kHired:
      return "hired";
    case OutcomeKind::kDroppedOut:
      return "dropped_out";
  }
  return "proposed";
}

std::optional<Date> ParseDate(std::string_view text) {
  text = Trim(text);
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!ParseInt(text.substr(0, 4), &y) || !ParseInt(text.substr(5, 2), &m) ||
        !ParseInt(text.substr(8, 2), &d)) {
      return std::nullopt;
    }
  } else if (text.size() == 10 && text[2] == '.' && text[5] == '.') {
    if (!ParseInt(text.substr(6, 4), &y) || !ParseInt(text.substr(3, 2), &m) ||
        !ParseInt(text.substr(0, 2), &d)) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
      static_cast<unsigned>(d) > DaysInMonth(y, static_cast<unsigned>(m))) {
    return std::nullopt;
  }
  return Date{DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))};
}

std::string FormatDate(Date date) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  CivilFromDays(date.days, &y, &m, &d);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02u", y, m, d);
  return buffer;
}

}  // namespace jobmatch

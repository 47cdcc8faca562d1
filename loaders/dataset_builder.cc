#include "loaders/dataset_builder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <span>
#include <unordered_map>
#include <utility>

#include "engine/check.h"
#include "loaders/text_encoding.h"

namespace jobmatch {
namespace {

// Germany's bounding box, generously rounded.
constexpr double kLatMin = 47.0;
constexpr double kLatMax = 55.1;
constexpr double kLonMin = 5.8;
constexpr double kLonMax = 15.1;
constexpr double kMaxHoursPerWeek = 168.0;
constexpr int32_t kMaxCommuteMinutes = 24 * 60;
constexpr int32_t kMaxInt = std::numeric_limits<int32_t>::max();

constexpr std::string_view kEscoOccupationPrefix = "data.europa.eu/esco/occupation/";
constexpr std::string_view kEscoSkillPrefix = "data.europa.eu/esco/skill/";

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

// ------------------------------------------------------------------ codes

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
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

// The UUID of an ESCO concept given as UUID or URI of the given kind, lower
// case; nullopt if `code` is neither.
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

// "52122", "B 52122-100" (Berufskennziffer) -> "52122"; nullopt otherwise.
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

// Splits a code list on '|', line breaks and, if allowed, ','. Empty items
// are dropped.
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

// ------------------------------------------------------------------ places

// Places given as postcode, municipality key or coordinates.
class PlaceResolver {
 public:
  explicit PlaceResolver(const ReferenceData& reference) : reference_(reference) {
    for (size_t i = 0; i < reference.districts.size(); ++i) {
      const std::string folded = FoldName(reference.districts[i].name);
      const auto [it, inserted] = district_by_name_.emplace(folded, static_cast<int32_t>(i));
      if (!inserted) it->second = -1;  // ambiguous name: only keys work
    }
  }

  // The place named by `cell` (not empty), or nullopt with `*expected` set.
  std::optional<Place> Resolve(std::string_view cell, std::string* expected) {
    const std::string_view text = TrimBlanks(cell);
    std::string_view digits = text;
    // "06406 Bernburg": a postcode followed by the place name.
    if (text.size() > 6 && IsDigits(text.substr(0, 5)) && (text[5] == ' ' || text[5] == '\t') &&
        !IsDigits(TrimBlanks(text.substr(5)).substr(0, 1))) {
      digits = text.substr(0, 5);
    }
    if (IsDigits(digits)) {
      if (digits.size() == 4 || digits.size() == 5) return Postcode(digits, text, expected);
      if (digits.size() == 7 || digits.size() == 8) return Municipality(digits, text, expected);
      *expected = "a 5-digit postcode, an 8-digit municipality key (AGS) or coordinates 'lat lon'";
      return std::nullopt;
    }
    const std::optional<GeoPoint> point = ParseCoordinates(text);
    if (!point) {
      *expected =
          "a 5-digit postcode, an 8-digit municipality key (AGS) or coordinates "
          "'lat lon' (e.g. '51.7946 11.7401')";
      return std::nullopt;
    }
    if (point->lat < kLatMin || point->lat > kLatMax || point->lon < kLonMin ||
        point->lon > kLonMax) {
      *expected =
          "coordinates in Germany (latitude 47 to 55.1, longitude 5.8 to 15.1, "
          "latitude first)";
      return std::nullopt;
    }
    Place place;
    place.point = *point;
    place.input = std::string(text);
    if (const int32_t m = NearestMunicipality(*point); m >= 0) {
      const jobmatch::Municipality& municipality =
          reference_.municipalities[static_cast<size_t>(m)];
      place.district_key = municipality.district_key;
      place.name = municipality.name;
    }
    return place;
  }

  // The district key for a coordinator's district cell (key or exact name).
  std::optional<std::string> District(std::string_view cell) const {
    const std::string_view text = TrimBlanks(cell);
    if (IsDigits(text) && (text.size() == 4 || text.size() == 5)) {
      const std::string key = text.size() == 4 ? "0" + std::string(text) : std::string(text);
      if (reference_.district_by_key.count(key) > 0) return key;
      return std::nullopt;
    }
    const auto it = district_by_name_.find(FoldName(text));
    if (it == district_by_name_.end() || it->second < 0) return std::nullopt;
    return reference_.districts[static_cast<size_t>(it->second)].key;
  }

 private:
  std::optional<Place> Postcode(std::string_view digits,
                                std::string_view text,
                                std::string* expected) const {
    const std::string plz = digits.size() == 4 ? "0" + std::string(digits) : std::string(digits);
    const auto it = reference_.postcode_by_plz.find(plz);
    if (it == reference_.postcode_by_plz.end()) {
      *expected = "a German postcode (this one is not in the reference data)";
      return std::nullopt;
    }
    const PostcodeArea& area = reference_.postcodes[static_cast<size_t>(it->second)];
    return Place{area.point, area.district_key, area.name, std::string(text)};
  }

  std::optional<Place> Municipality(std::string_view digits,
                                    std::string_view text,
                                    std::string* expected) const {
    const std::string ags = digits.size() == 7 ? "0" + std::string(digits) : std::string(digits);
    const auto it = reference_.municipality_by_ags.find(ags);
    if (it == reference_.municipality_by_ags.end()) {
      *expected = "a municipality key (Gemeindeschlüssel, 8 digits) in the reference data";
      return std::nullopt;
    }
    const jobmatch::Municipality& m = reference_.municipalities[static_cast<size_t>(it->second)];
    return Place{m.point, m.district_key, m.name, std::string(text)};
  }

  // Index of the municipality nearest to `p` (ties: lower index), -1 if none.
  int32_t NearestMunicipality(GeoPoint p) {
    const std::vector<jobmatch::Municipality>& all = reference_.municipalities;
    if (all.empty()) return -1;
    if (by_lat_.empty()) {
      by_lat_.resize(all.size());
      for (size_t i = 0; i < all.size(); ++i) by_lat_[i] = static_cast<int32_t>(i);
      std::sort(by_lat_.begin(), by_lat_.end(), [&](int32_t a, int32_t b) {
        const double la = all[static_cast<size_t>(a)].point.lat;
        const double lb = all[static_cast<size_t>(b)].point.lat;
        return la != lb ? la < lb : a < b;
      });
    }
    const double lon_scale = std::cos(p.lat * 3.14159265358979323846 / 180.0);
    double best_d2 = std::numeric_limits<double>::infinity();
    int32_t best = -1;
    auto consider = [&](int32_t m) {
      const GeoPoint q = all[static_cast<size_t>(m)].point;
      const double dy = q.lat - p.lat;
      const double dx = (q.lon - p.lon) * lon_scale;
      const double d2 = dx * dx + dy * dy;
      if (d2 < best_d2 || (d2 == best_d2 && m < best)) {
        best_d2 = d2;
        best = m;
      }
    };
    const auto start =
        std::lower_bound(by_lat_.begin(), by_lat_.end(), p.lat, [&](int32_t m, double lat) {
          return all[static_cast<size_t>(m)].point.lat < lat;
        });
    for (auto it = start; it != by_lat_.end(); ++it) {
      const double dy = all[static_cast<size_t>(*it)].point.lat - p.lat;
      if (dy * dy > best_d2) break;
      consider(*it);
    }
    for (auto it = start; it != by_lat_.begin();) {
      --it;
      const double dy = all[static_cast<size_t>(*it)].point.lat - p.lat;
      if (dy * dy > best_d2) break;
      consider(*it);
    }
    return best;
  }

  const ReferenceData& reference_;
  std::unordered_map<std::string, int32_t> district_by_name_;  // lookup only
  std::vector<int32_t> by_lat_;  // municipalities by latitude, built on first use
};

// ------------------------------------------------------------------ records

// Ids of one table: id -> index of its first record.
struct IdTable {
  std::unordered_map<std::string, int32_t> index;  // lookup only, never iterated

  int32_t Find(std::string_view id) const {
    const auto it = index.find(std::string(id));
    return it == index.end() ? -1 : it->second;
  }
};

IdTable InternIds(const RawTable& table, int id_column) {
  IdTable ids;
  ids.index.reserve(table.records.size());
  for (size_t r = 0; r < table.records.size(); ++r) {
    const std::string_view id = TrimBlanks(table.records[r].cells[static_cast<size_t>(id_column)]);
    if (!id.empty()) ids.index.emplace(std::string(id), static_cast<int32_t>(r));
  }
  return ids;
}

// Reads the typed cells of one record, reporting each problem.
class CellReader {
 public:
  CellReader(Table table, const RawTable& raw, size_t record, ProblemList* problems)
      : columns_(Columns(table)), raw_(raw), record_(raw.records[record]), problems_(problems) {
    JOBMATCH_CHECK(record_.cells.size() == columns_.size())
        << TableStem(table) << " record " << record << " has " << record_.cells.size()
        << " cells, expected " << columns_.size();
  }

  std::string_view Cell(int column) const {
    return TrimBlanks(record_.cells[static_cast<size_t>(column)]);
  }

  // `expected` completes "expected ...".
  void Problem(int column, std::string_view value, const std::string& expected) {
    const std::string name(columns_[static_cast<size_t>(column)].name);
    problems_->Add({raw_.file,
                    record_.line,
                    record_.location.empty() ? name : record_.location + "." + name,
                    std::string(value),
                    "expected " + expected});
  }

  // Where the record is, for messages about another record: "line 7" or
  // "participants[2]".
  std::string Where() const {
    return record_.line > 0 ? "line " + std::to_string(record_.line) : record_.location;
  }

  std::string Text(int column) const { return std::string(Cell(column)); }

  // Reports an empty cell; returns whether there is a value.
  bool Required(int column) {
    if (!Cell(column).empty()) return true;
    Problem(column, "", "a value (the cell must not be empty)");
    return false;
  }

  double Decimal(int column, double fallback, double max) {
    const std::string_view cell = Cell(column);
    if (cell.empty()) return fallback;
    const std::optional<double> value = ParseDecimal(cell);
    if (!value || *value < 0.0 || *value > max) {
      Problem(column,
              cell,
              std::isinf(max) ? "a number >= 0 (decimal comma or point, e.g. 38,5)"
                              : "a number from 0 to " + FormatMax(max) +
                                    " (decimal comma or point, e.g. 38,5)");
      return fallback;
    }
    return *value;
  }

  // `required`: an empty cell is a problem; else it gives `fallback`.
  int32_t Whole(int column, bool required, int32_t fallback, int32_t max) {
    const std::string_view cell = Cell(column);
    if (cell.empty()) {
      if (required) Problem(column, cell, "a whole number >= 0 (the cell must not be empty)");
      return fallback;
    }
    const std::optional<int32_t> value = ParseWholeNumber(cell);
    if (!value || *value < 0 || *value > max) {
      Problem(column,
              cell,
              max == kMaxInt ? "a whole number >= 0"
                             : "a whole number from 0 to " + std::to_string(max));
      return fallback;
    }
    return *value;
  }

  bool YesNo(int column, bool fallback) {
    const std::string_view cell = Cell(column);
    if (cell.empty()) return fallback;
    const std::optional<bool> value = ParseYesNo(cell);
    if (!value) {
      Problem(column, cell, "yes or no (true/false, ja/nein, wahr/falsch, 1/0, x)");
      return fallback;
    }
    return *value;
  }

  std::optional<Date> DateCell(int column) {
    const std::string_view cell = Cell(column);
    if (cell.empty()) return std::nullopt;
    const std::optional<Date> date = ParseDate(cell);
    if (!date) Problem(column, cell, "a date as 2025-03-01 or 01.03.2025");
    return date;
  }

  CefrLevel Level(int column, CefrLevel fallback) {
    const std::string_view cell = Cell(column);
    if (cell.empty()) return fallback;
    const std::optional<CefrLevel> level = ParseGermanLevel(cell);
    if (!level) {
      Problem(column, cell, "a CEFR level A0, A1, A2, B1, B2, C1 or C2 (or 'keine')");
      return fallback;
    }
    return *level;
  }

  template <typename E, size_t N>
  E Enum(int column, E fallback, const Spelling<E> (&spellings)[N], const std::string& expected) {
    const std::string_view cell = Cell(column);
    if (cell.empty()) return fallback;
    const std::optional<E> value = ParseSpelling<E>(spellings, cell);
    if (!value) {
      Problem(column, cell, expected);
      return fallback;
    }
    return *value;
  }

  bool comma_separates_codes() const { return raw_.comma_separates_codes; }

 private:
  static std::string FormatMax(double max) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), max);
    return std::string(buffer, result.ptr);
  }

  std::span<const ColumnSpec> columns_;
  const RawTable& raw_;
  const RawRecord& record_;
  ProblemList* problems_;
};

class Builder {
 public:
  Builder(const RawDataset& raw, const ReferenceData& reference, ProblemList* problems)
      : raw_(raw), reference_(reference), problems_(problems), places_(reference) {
    coordinator_ids_ = InternIds(raw[Table::kCoordinators], kCoordinatorId);
    employer_ids_ = InternIds(raw[Table::kEmployers], kEmployerId);
    participant_ids_ = InternIds(raw[Table::kParticipants], kParticipantId);
    vacancy_ids_ = InternIds(raw[Table::kVacancies], kVacancyId);
    course_ids_ = InternIds(raw[Table::kCourses], kCourseId);
  }

  Dataset Build() {
    Dataset dataset;
    dataset.participants.reserve(raw_[Table::kParticipants].records.size());
    dataset.vacancies.reserve(raw_[Table::kVacancies].records.size());
    dataset.employers.reserve(raw_[Table::kEmployers].records.size());
    for (size_t r = 0; r < raw_[Table::kParticipants].records.size(); ++r) {
      dataset.participants.push_back(BuildParticipant(r));
    }
    for (size_t r = 0; r < raw_[Table::kVacancies].records.size(); ++r) {
      dataset.vacancies.push_back(BuildVacancy(r));
    }
    for (size_t r = 0; r < raw_[Table::kEmployers].records.size(); ++r) {
      dataset.employers.push_back(BuildEmployer(r));
    }
    for (size_t r = 0; r < raw_[Table::kCoordinators].records.size(); ++r) {
      dataset.coordinators.push_back(BuildCoordinator(r));
    }
    for (size_t r = 0; r < raw_[Table::kCourses].records.size(); ++r) {
      dataset.courses.push_back(BuildCourse(r));
    }
    for (size_t r = 0; r < raw_[Table::kHistory].records.size(); ++r) {
      dataset.history.push_back(BuildOutcome(r));
    }
    FillVacancyPlaces(&dataset);
    return dataset;
  }

 private:
  CellReader Reader(Table table, size_t record) {
    return CellReader(table, raw_[table], record, problems_);
  }

  // The record's id; reports an empty or duplicate id.
  std::string Id(
      CellReader& cells, const IdTable& ids, const RawTable& raw, size_t record, int column) {
    const std::string id = cells.Text(column);
    if (!cells.Required(column)) return id;
    const int32_t first = ids.Find(id);
    if (first >= 0 && static_cast<size_t>(first) != record) {
      const RawRecord& other = raw.records[static_cast<size_t>(first)];
      cells.Problem(
          column,
          id,
          "a unique id, but it is already used " +
              (other.line > 0 ? "on line " + std::to_string(other.line) : "by " + other.location));
    }
    return id;
  }

  // Index of the record `column` refers to in `target` (which has `ids`).
  int32_t Reference(
      CellReader& cells, int column, const IdTable& ids, Table target, std::string_view what) {
    if (!cells.Required(column)) return -1;
    const std::string_view id = cells.Cell(column);
    const int32_t index = ids.Find(id);
    if (index < 0 && raw_[target].complete) {
      cells.Problem(column,
                    id,
                    "the id of " + std::string(what) + " in " +
                        (raw_[target].file.empty() ? TableFileName(target) : raw_[target].file) +
                        ", but there is none with this id");
    }
    return index;
  }

  std::optional<Place> PlaceCell(CellReader& cells, int column) {
    const std::string_view cell = cells.Cell(column);
    if (cell.empty()) return std::nullopt;
    std::string expected;
    std::optional<Place> place = places_.Resolve(cell, &expected);
    if (!place) cells.Problem(column, cell, expected);
    return place;
  }

  std::optional<OccupationRef> Occupation(CellReader& cells, int column, std::string_view code) {
    OccupationRef ref;
    if (const std::optional<std::string> uuid = EscoUuid(code, kEscoOccupationPrefix)) {
      const auto it = reference_.occupation_by_id.find(*uuid);
      if (it != reference_.occupation_by_id.end()) {
        ref.esco = it->second;
        return ref;
      }
      cells.Problem(column, code, "an ESCO occupation id in the reference data (unknown id)");
      return std::nullopt;
    }
    if (const std::optional<std::string> kldb = KldbCode(code)) {
      const auto it = reference_.kldb_by_code.find(*kldb);
      if (it != reference_.kldb_by_code.end()) {
        ref.kldb = it->second;
        return ref;
      }
      cells.Problem(column, code, "a KldB 2010 occupation code (5 digits) in the reference data");
      return std::nullopt;
    }
    cells.Problem(column,
                  code,
                  "an occupation code: an ESCO occupation id (UUID or URI) or a 5-digit "
                  "KldB 2010 code such as 52122");
    return std::nullopt;
  }

  std::vector<OccupationRef> Occupations(CellReader& cells, int column) {
    std::vector<OccupationRef> out;
    for (const std::string_view code :
         SplitCodes(cells.Cell(column), cells.comma_separates_codes())) {
      const std::optional<OccupationRef> ref = Occupation(cells, column, code);
      if (!ref) continue;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const OccupationRef& o) {
        return o.esco == ref->esco && o.kldb == ref->kldb;
      });
      if (!seen) out.push_back(*ref);
    }
    return out;
  }

  std::vector<SkillIndex> Skills(CellReader& cells, int column) {
    std::vector<SkillIndex> out;
    for (const std::string_view code :
         SplitCodes(cells.Cell(column), cells.comma_separates_codes())) {
      const std::optional<std::string> uuid = EscoUuid(code, kEscoSkillPrefix);
      if (!uuid) {
        cells.Problem(column, code, "an ESCO skill id (UUID or URI); lists use '|' between codes");
        continue;
      }
      const auto it = reference_.skill_by_id.find(*uuid);
      if (it == reference_.skill_by_id.end()) {
        cells.Problem(column, code, "an ESCO skill id in the reference data (unknown id)");
        continue;
      }
      if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
    }
    return out;
  }

  Participant BuildParticipant(size_t r) {
    const RawTable& raw = raw_[Table::kParticipants];
    CellReader cells = Reader(Table::kParticipants, r);
    Participant p;
    p.id = Id(cells, participant_ids_, raw, r, kParticipantId);
    p.coordinator = CoordinatorIndex(Reference(
        cells, kParticipantCoordinatorId, coordinator_ids_, Table::kCoordinators, "a coordinator"));
    if (cells.Required(kParticipantPlace)) {
      if (std::optional<Place> place = PlaceCell(cells, kParticipantPlace)) p.home = *place;
    }
    p.german = cells.Level(kParticipantGermanLevel, CefrLevel::kA0);
    p.occupations = Occupations(cells, kParticipantOccupations);
    p.skills = Skills(cells, kParticipantSkills);
    p.qualification = cells.Enum(kParticipantQualification,
                                 Qualification::kNone,
                                 kQualifications,
                                 "none, vocational or academic (keine, Berufsausbildung, "
                                 "akademisch)");
    p.qualification_recognised = cells.YesNo(kParticipantQualificationRecognised, false);
    p.goal = cells.Enum(kParticipantGoal,
                        Goal::kJob,
                        kGoals,
                        "job, training or internship (Arbeit, Ausbildung, Praktikum)");
    p.hours_per_week = cells.Decimal(kParticipantHoursPerWeek, 0.0, kMaxHoursPerWeek);
    p.driving_licence = cells.YesNo(kParticipantDrivingLicence, false);
    p.car = cells.YesNo(kParticipantCar, false);
    p.max_commute_minutes =
        cells.Whole(kParticipantMaxCommuteMinutes, false, 0, kMaxCommuteMinutes);
    p.work_permitted = cells.YesNo(kParticipantWorkPermitted, true);
    p.in_germany_since = cells.DateCell(kParticipantInGermanySince);
    p.gender = cells.Text(kParticipantGender);
    return p;
  }

  Vacancy BuildVacancy(size_t r) {
    const RawTable& raw = raw_[Table::kVacancies];
    CellReader cells = Reader(Table::kVacancies, r);
    Vacancy v;
    v.id = Id(cells, vacancy_ids_, raw, r, kVacancyId);
    v.employer = EmployerIndex(
        Reference(cells, kVacancyEmployerId, employer_ids_, Table::kEmployers, "an employer"));
    v.title = cells.Text(kVacancyTitle);
    if (cells.Required(kVacancyOccupation)) {
      const std::vector<std::string_view> codes =
          SplitCodes(cells.Cell(kVacancyOccupation), cells.comma_separates_codes());
      if (codes.size() != 1) {
        cells.Problem(kVacancyOccupation,
                      cells.Cell(kVacancyOccupation),
                      "exactly one occupation code (ESCO id or KldB code)");
      } else if (std::optional<OccupationRef> ref =
                     Occupation(cells, kVacancyOccupation, codes[0])) {
        v.occupation = *ref;
      }
    }
    v.essential_skills = Skills(cells, kVacancyEssentialSkills);
    v.optional_skills = Skills(cells, kVacancyOptionalSkills);
    v.min_german = cells.Level(kVacancyMinGermanLevel, CefrLevel::kA0);
    if (std::optional<Place> place = PlaceCell(cells, kVacancyPlace)) v.place = *place;
    v.kind = cells.Enum(kVacancyKind,
                        VacancyKind::kJob,
                        kVacancyKinds,
                        "job, training or internship (Arbeit, Ausbildung, Praktikum)");
    v.hours_per_week = cells.Decimal(kVacancyHoursPerWeek, 0.0, kMaxHoursPerWeek);
    v.openings = cells.Whole(kVacancyOpenings, true, 1, kMaxInt);
    v.driving_licence_required = cells.YesNo(kVacancyDrivingLicenceRequired, false);
    v.start_date = cells.DateCell(kVacancyStartDate);
    v.expires = cells.DateCell(kVacancyExpires);
    if (v.start_date && v.expires && *v.expires < *v.start_date) {
      cells.Problem(kVacancyExpires,
                    cells.Cell(kVacancyExpires),
                    "a date on or after start_date (" + FormatDate(*v.start_date) + ")");
    }
    return v;
  }

  Employer BuildEmployer(size_t r) {
    const RawTable& raw = raw_[Table::kEmployers];
    CellReader cells = Reader(Table::kEmployers, r);
    Employer e;
    e.id = Id(cells, employer_ids_, raw, r, kEmployerId);
    e.name = cells.Text(kEmployerName);
    e.staff = cells.Whole(kEmployerStaff, true, 0, kMaxInt);
    if (std::optional<Place> place = PlaceCell(cells, kEmployerPlace)) e.place = *place;
    e.sector = cells.Text(kEmployerSector);
    return e;
  }

  Coordinator BuildCoordinator(size_t r) {
    const RawTable& raw = raw_[Table::kCoordinators];
    CellReader cells = Reader(Table::kCoordinators, r);
    Coordinator c;
    c.id = Id(cells, coordinator_ids_, raw, r, kCoordinatorId);
    c.name = cells.Text(kCoordinatorName);
    if (const std::string_view district = cells.Cell(kCoordinatorDistrict); !district.empty()) {
      if (const std::optional<std::string> key = places_.District(district)) {
        c.district = *key;
      } else {
        cells.Problem(kCoordinatorDistrict,
                      district,
                      "a district key (Kreisschlüssel, 5 digits, e.g. 15089 for the "
                      "Salzlandkreis) or a district's exact name");
      }
    }
    c.fte = cells.Decimal(kCoordinatorFte, 1.0, std::numeric_limits<double>::infinity());
    c.capacity = cells.Whole(kCoordinatorCapacity, true, 0, kMaxInt);
    return c;
  }

  Course BuildCourse(size_t r) {
    const RawTable& raw = raw_[Table::kCourses];
    CellReader cells = Reader(Table::kCourses, r);
    Course c;
    c.id = Id(cells, course_ids_, raw, r, kCourseId);
    c.kind = cells.Enum(kCourseKind,
                        CourseKind::kLanguage,
                        kCourseKinds,
                        "language or vocational (Sprachkurs, beruflich)");
    c.target_level = cells.Level(kCourseTargetLevel, CefrLevel::kB1);
    if (std::optional<Place> place = PlaceCell(cells, kCoursePlace)) c.place = *place;
    c.start_date = cells.DateCell(kCourseStartDate);
    c.weeks = cells.Whole(kCourseWeeks, false, 0, kMaxInt);
    return c;
  }

  Outcome BuildOutcome(size_t r) {
    CellReader cells = Reader(Table::kHistory, r);
    Outcome o;
    o.participant = ParticipantIndex(Reference(
        cells, kHistoryParticipantId, participant_ids_, Table::kParticipants, "a participant"));
    o.vacancy = VacancyIndex(
        Reference(cells, kHistoryVacancyId, vacancy_ids_, Table::kVacancies, "a vacancy"));
    if (cells.Required(kHistoryOutcome)) {
      o.kind = cells.Enum(kHistoryOutcome,
                          OutcomeKind::kProposed,
                          kOutcomes,
                          "proposed, accepted, rejected, hired or dropped_out (vorgeschlagen, "
                          "angenommen, abgelehnt, eingestellt, abgebrochen)");
    }
    o.date = cells.DateCell(kHistoryDate);
    return o;
  }

  // A vacancy without a place of its own works at its employer's place.
  void FillVacancyPlaces(Dataset* dataset) {
    const RawTable& employers = raw_[Table::kEmployers];
    for (size_t r = 0; r < dataset->vacancies.size(); ++r) {
      Vacancy& v = dataset->vacancies[r];
      CellReader cells = Reader(Table::kVacancies, r);
      if (!cells.Cell(kVacancyPlace).empty() || !v.employer.valid()) continue;
      const auto e = static_cast<size_t>(v.employer.value);
      if (TrimBlanks(employers.records[e].cells[kEmployerPlace]).empty()) {
        cells.Problem(kVacancyPlace,
                      "",
                      "a place: the cell is empty and employer '" + dataset->employers[e].id +
                          "' has no place either");
        continue;
      }
      v.place = dataset->employers[e].place;
    }
  }

  const RawDataset& raw_;
  const ReferenceData& reference_;
  ProblemList* problems_;
  PlaceResolver places_;
  IdTable coordinator_ids_;
  IdTable employer_ids_;
  IdTable participant_ids_;
  IdTable vacancy_ids_;
  IdTable course_ids_;
};

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

Result<Dataset> BuildDataset(const RawDataset& raw,
                             const ReferenceData& reference,
                             ProblemList* problems) {
  Builder builder(raw, reference, problems);
  Dataset dataset = builder.Build();
  if (!problems->empty()) return problems->ToError(ErrorKind::kBadData);
  return dataset;
}

}  // namespace jobmatch

// loaders/reference_loader.cc
//
// Reads the ten CSV files of loaders/refdata/ (written by
// loaders/refdata/prep_refdata.py) into a ReferenceData. The files are ours
// and well formed: UTF-8, comma-separated, RFC 4180 quoting, a header row, one
// record per physical line. A small private splitter reads them in place (no
// dependency on the Excel-tolerant csv_reader), so the whole load stays far
// below 100 ms. Every deviation is reported as a value: kMissingInput for a
// missing folder or file, kBadData with file, line, field and value for a
// malformed row. Nothing throws across LoadReferenceData().

#include "loaders/reference_loader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>
#include <vector>

#include "loaders/boundary.h"

namespace jobmatch {
namespace {

namespace fs = std::filesystem;

// Germany's bounding box with a margin: catches swapped or zeroed coordinates.
constexpr double kMinLat = 47.0, kMaxLat = 55.5, kMinLon = 5.5, kMaxLon = 15.5;

// One CSV file held in memory. Rows are split in place: quoted fields are
// unescaped into the bytes they came from, so every field is a view into
// `text` that stays valid until the next call to NextRow().
struct CsvFile {
  std::string path;  // as shown in diagnostics
  std::string text;
  size_t pos = 0;
  int64_t line = 0;  // 1-based physical line of the current row
  std::vector<std::string_view> fields;
  std::vector<std::string_view> header;
};

Error BadData(const CsvFile& file,
              std::string_view field,
              std::string_view value,
              std::string_view expected) {
  return MakeError(ErrorKind::kBadData,
                   file.path,
                   file.line,
                   std::string(field),
                   std::string(value),
                   "expected " + std::string(expected));
}

// Splits the next physical line into file.fields. Returns false at the end of
// the text. A malformed quote sets *error.
bool SplitNextLine(CsvFile& file, std::optional<Error>* error) {
  std::string& text = file.text;
  if (file.pos >= text.size()) return false;
  ++file.line;
  file.fields.clear();
  size_t end = text.find('\n', file.pos);
  if (end == std::string::npos) end = text.size();
  size_t line_end = end;
  if (line_end > file.pos && text[line_end - 1] == '\r') --line_end;
  size_t i = file.pos;
  file.pos = end + 1;
  while (true) {
    if (i < line_end && text[i] == '"') {
      // Quoted field: copy its content down over the opening quote.
      const size_t start = i;
      size_t out = i;
      ++i;
      bool closed = false;
      while (i < line_end) {
        if (text[i] == '"') {
          if (i + 1 < line_end && text[i + 1] == '"') {
            text[out++] = '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        text[out++] = text[i++];
      }
      if (!closed || (i < line_end && text[i] != ',')) {
        *error = BadData(file, "", "", "a closing quote followed by ',' or the line end");
        return false;
      }
      file.fields.emplace_back(text.data() + start, out - start);
    } else {
      const size_t start = i;
      while (i < line_end && text[i] != ',') ++i;
      file.fields.emplace_back(text.data() + start, i - start);
    }
    if (i >= line_end) break;
    ++i;  // skip the comma
  }
  return true;
}

// Reads dir/name and checks its header against `columns`.
std::optional<Error> OpenCsv(const fs::path& dir,
                             std::string_view name,
                             const std::vector<std::string_view>& columns,
                             CsvFile* file) {
  const fs::path path = dir / name;
  file->path = path.string();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return MakeError(ErrorKind::kMissingInput, file->path, 0, "", "", "file not found");
  }
  const uintmax_t size = fs::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) {
    return MakeError(ErrorKind::kMissingInput, file->path, 0, "", "", "cannot be opened");
  }
  file->text.resize(static_cast<size_t>(size));
  in.read(file->text.data(), static_cast<std::streamsize>(size));
  if (in.gcount() != static_cast<std::streamsize>(size)) {
    return MakeError(ErrorKind::kMissingInput, file->path, 0, "", "", "cannot be read whole");
  }
  if (file->text.starts_with("\xEF\xBB\xBF")) file->pos = 3;  // UTF-8 BOM

  std::optional<Error> error;
  if (!SplitNextLine(*file, &error)) {
    if (error) return error;
    file->line = 1;
    return BadData(*file, "", "", "a header row");
  }
  if (file->fields != columns) {
    std::string want;
    for (std::string_view c : columns) want.append(want.empty() ? "" : ",").append(c);
    std::string seen;
    for (std::string_view c : file->fields) seen.append(seen.empty() ? "" : ",").append(c);
    return BadData(*file, "header", seen, "the header '" + want + "'");
  }
  file->header = columns;
  return std::nullopt;
}

// Next data row, checked to have as many fields as the header. False at the
// end of the file or with *error set.
bool NextRow(CsvFile& file, std::optional<Error>* error) {
  if (!SplitNextLine(file, error)) return false;
  if (file.fields.size() != file.header.size()) {
    *error = BadData(file,
                     "",
                     std::to_string(file.fields.size()) + " fields",
                     std::to_string(file.header.size()) + " comma-separated fields");
    return false;
  }
  return true;
}

std::optional<Error> ParseInt(
    const CsvFile& file, size_t column, int64_t min, int64_t max, int64_t* value) {
  const std::string_view s = file.fields[column];
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || *value < min ||
      *value > max) {
    return BadData(file,
                   file.header[column],
                   s,
                   "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return std::nullopt;
}

std::optional<Error> ParseDouble(
    const CsvFile& file, size_t column, double min, double max, double* value) {
  const std::string_view s = file.fields[column];
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(*value) ||
      *value < min || *value > max) {
    return BadData(
        file,
        file.header[column],
        s,
        "a decimal number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return std::nullopt;
}

bool IsDigits(std::string_view s, size_t length) {
  return s.size() == length &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Error> CheckDigits(const CsvFile& file, size_t column, size_t length) {
  if (IsDigits(file.fields[column], length)) return std::nullopt;
  return BadData(
      file, file.header[column], file.fields[column], std::to_string(length) + " digits");
}

// Keys must ascend strictly: the row order is part of the format (row indices
// in occupation_skills.csv) and it rules out duplicate keys.
std::optional<Error> CheckAscending(const CsvFile& file, size_t column, std::string* previous) {
  const std::string_view key = file.fields[column];
  if (!previous->empty() && key <= std::string_view(*previous)) {
    return BadData(file,
                   file.header[column],
                   key,
                   "keys in strictly ascending order, after '" + *previous + "'");
  }
  previous->assign(key);
  return std::nullopt;
}

std::optional<Error> CheckDistrict(const CsvFile& file,
                                   size_t column,
                                   const std::unordered_set<std::string_view>& districts) {
  if (districts.contains(file.fields[column])) return std::nullopt;
  return BadData(
      file, file.header[column], file.fields[column], "a district key listed in districts.csv");
}

std::optional<Error> CheckPoint(const CsvFile& file,
                                size_t lat_column,
                                size_t lon_column,
                                GeoPoint* point) {
  if (auto e = ParseDouble(file, lat_column, kMinLat, kMaxLat, &point->lat)) return e;
  return ParseDouble(file, lon_column, kMinLon, kMaxLon, &point->lon);
}

std::optional<SkillReuse> ParseReuse(std::string_view s) {
  if (s == "transversal") return SkillReuse::kTransversal;
  if (s == "cross-sector") return SkillReuse::kCrossSector;
  if (s == "sector-specific") return SkillReuse::kSectorSpecific;
  if (s == "occupation-specific" || s.empty()) return SkillReuse::kOccupationSpecific;
  return std::nullopt;
}

std::optional<Error> LoadSkills(const fs::path& dir, ReferenceData& ref) {
  CsvFile file;
  if (auto e = OpenCsv(dir, "skills.csv", {"esco_id", "reuse_level", "label_en"}, &file)) return e;
  std::optional<Error> error;
  std::string previous;
  while (NextRow(file, &error)) {
    if (file.fields[0].empty()) return BadData(file, "esco_id", "", "an ESCO skill id");
    if (auto e = CheckAscending(file, 0, &previous)) return e;
    const std::optional<SkillReuse> reuse = ParseReuse(file.fields[1]);
    if (!reuse) {
      return BadData(file,
                     "reuse_level",
                     file.fields[1],
                     "transversal, cross-sector, sector-specific or occupation-specific");
    }
    ref.skills.push_back(
        EscoSkill{std::string(file.fields[0]), std::string(file.fields[2]), *reuse});
  }
  return error;
}

std::optional<Error> LoadOccupations(const fs::path& dir, ReferenceData& ref) {
  CsvFile file;
  if (auto e = OpenCsv(
          dir, "occupations.csv", {"esco_id", "isco_code", "label_de", "label_en"}, &file)) {
    return e;
  }
  std::optional<Error> error;
  std::string previous;
  while (NextRow(file, &error)) {
    if (file.fields[0].empty()) return BadData(file, "esco_id", "", "an ESCO occupation id");
    if (auto e = CheckAscending(file, 0, &previous)) return e;
    if (auto e = CheckDigits(file, 1, 4)) return e;
    EscoOccupation& o = ref.occupations.emplace_back();
    o.id = file.fields[0];
    o.isco_code = file.fields[1];
    o.label_en = file.fields[3];
    // Three ESCO v1.1.1 occupations have no German label: use the English one.
    o.label_de = file.fields[2].empty() ? o.label_en : std::string(file.fields[2]);
  }
  return error;
}

void SortUnique(std::vector<SkillIndex>& skills) {
  std::sort(skills.begin(), skills.end());
  skills.erase(std::unique(skills.begin(), skills.end()), skills.end());
}

std::optional<Error> LoadOccupationSkills(const fs::path& dir, ReferenceData& ref) {
  CsvFile file;
  if (auto e = OpenCsv(dir, "occupation_skills.csv", {"occupation", "skill", "relation"}, &file)) {
    return e;
  }
  const auto num_occupations = static_cast<int64_t>(ref.occupations.size());
  const auto num_skills = static_cast<int64_t>(ref.skills.size());
  std::optional<Error> error;
  while (NextRow(file, &error)) {
    int64_t occupation = 0;
    int64_t skill = 0;
    if (auto e = ParseInt(file, 0, 0, num_occupations - 1, &occupation)) return e;
    if (auto e = ParseInt(file, 1, 0, num_skills - 1, &skill)) return e;
    EscoOccupation& o = ref.occupations[static_cast<size_t>(occupation)];
    const SkillIndex index(static_cast<int32_t>(skill));
    if (file.fields[2] == "e") {
      o.essential.push_back(index);
    } else if (file.fields[2] == "o") {
      o.optional.push_back(index);
    } else {
      return BadData(file, "relation", file.fields[2], "e (essential) or o (optional)");
    }
  }
  if (error) return error;
  for (EscoOccupation& o : ref.occupations) {
    SortUnique(o.essential);
    SortUnique(o.optional);
    // A skill listed both ways counts as essential only.
    std::vector<SkillIndex> optional_only;
    std::set_difference(o.optional.begin(),
                        o.optional.end(),
                        o.essential.begin(),
                        o.essential.end(),
                        std::back_inserter(optional_only));
    o.optional = std::move(optional_only);
  }
  return std::nullopt;
}

std::optional<Error> LoadKldb(const fs::path& dir, ReferenceData& ref) {
  CsvFile file;
  if (auto e = OpenCsv(
          dir, "kldb.csv", {"kldb_code", "title", "requirement_level", "isco_codes"}, &file)) {
    return e;
  }
  std::optional<Error> error;
  std::string previous;
  while (NextRow(file, &error)) {
    if (auto e = CheckDigits(file, 0, 5)) return e;
    if (auto e = CheckAscending(file, 0, &previous)) return e;
    int64_t level = 0;
    if (auto e = ParseInt(file, 2, 1, 4, &level)) return e;
    if (file.fields[0][4] != file.fields[2][0]) {
      return BadData(file,
                     "requirement_level",
                     file.fields[2],
                     "the fifth digit of kldb_code " + std::string(file.fields[0]));
    }
    KldbOccupation& k = ref.kldb.emplace_back();
    k.code = file.fields[0];
    k.title = file.fields[1];
    k.requirement_level = static_cast<int8_t>(level);
    std::string_view codes = file.fields[3];
    while (!codes.empty()) {
      const size_t bar = codes.find('|');
      const std::string_view code = codes.substr(0, bar);
      if (!IsDigits(code, 4)) {
        return BadData(file, "isco_codes", file.fields[3], "4-digit ISCO-08 codes joined by '|'");
      }
      k.isco_codes.emplace_back(code);
      codes = bar == std::string_view::npos ? std::string_view() : codes.substr(bar + 1);
    }
    std::sort(k.isco_codes.begin(), k.isco_codes.end());
    k.isco_codes.erase(std::unique(k.isco_codes.begin(), k.isco_codes.end()), k.isco_codes.end());
  }
  return error;
}

// Berufsbereiche (1 digit) and Berufshauptgruppen (2 digits) with their titles.
std::optional<Error> LoadKldbAreas(const fs::path& dir, ReferenceData& ref) {
  CsvFile file;
  if (auto e = OpenCsv(dir, "kldb_areas.csv", {"kldb_code", "title"}, &file)) return e;
  std::optional<Error> error;
  std::string previous;
  while (NextRow(file, &error)) {
    if (!IsDigits(file.fields[0], 1) && !IsDigits(file.fields[0], 2)) {
      return BadData(file, "kldb_code", file.fields[0], "1 or 2 digits");
    }
    if (auto e = CheckAscending(file, 0, &previous)) return e;
    if (file.fields[1].empty()) return BadData(file, "title", "", "the area's title");
    ref.kldb_areas.push_back(KldbArea{std::string(file.fields[0]), std::string(file.fields[1])});
  }
  return error;
}

// ISCO-08 numbers its residual unit groups ("not elsewhere classified",
// "other ...") with a final 9: 9629 elementary workers n.e.c., 9329
// manufacturing labourers n.e.c., 9129 other cleaning workers.
bool IsResidualIsco(std::string_view code) {
  return code.size() == 4 && code[3] == '9';
}

// The helper-level rule of the bridge (engine/reference.h, KldbOccupation):
// a helper code (requirement level 1) drops its residual links when it has
// a specific one; when all are residual it takes the non-residual links of
// the lowest-level code of its Berufsuntergruppe (same first four digits)
// that has any, else of its Berufsgruppe (first three). Reads the links as
// loaded, so the order of the codes does not matter.
void BridgeResidualHelpers(ReferenceData& ref) {
  std::vector<std::vector<std::string>> replaced(ref.kldb.size());
  for (size_t i = 0; i < ref.kldb.size(); ++i) {
    const KldbOccupation& k = ref.kldb[i];
    if (k.requirement_level != 1 || k.isco_codes.empty()) continue;
    for (const std::string& code : k.isco_codes) {
      if (!IsResidualIsco(code)) replaced[i].push_back(code);
    }
    if (!replaced[i].empty()) continue;  // specific links: the residual ones are dropped
    for (const size_t prefix : {size_t{4}, size_t{3}}) {
      int best_level = 5;
      for (const KldbOccupation& sibling : ref.kldb) {
        if (&sibling == &k || sibling.code.compare(0, prefix, k.code, 0, prefix) != 0 ||
            sibling.requirement_level >= best_level) {
          continue;
        }
        std::vector<std::string> specific;
        for (const std::string& code : sibling.isco_codes) {
          if (!IsResidualIsco(code)) specific.push_back(code);
        }
        if (specific.empty()) continue;
        best_level = sibling.requirement_level;
        replaced[i] = std::move(specific);
      }
      if (!replaced[i].empty()) break;
    }
  }
  for (size_t i = 0; i < ref.kldb.size(); ++i) {
    if (!replaced[i].empty()) ref.kldb[i].isco_codes = std::move(replaced[i]);
  }
}

// Bridges every KldB code to the ESCO occupations of its ISCO groups and
// derives its skill profile (see KldbOccupation in engine/reference.h).
void DeriveKldbProfiles(ReferenceData& ref) {
  BridgeResidualHelpers(ref);
  std::map<std::string, std::vector<OccupationIndex>, std::less<>> by_isco;
  for (size_t i = 0; i < ref.occupations.size(); ++i) {
    by_isco[ref.occupations[i].isco_code].emplace_back(static_cast<int32_t>(i));
  }
  std::vector<int32_t> essential_count(ref.skills.size(), 0);
  std::vector<uint8_t> seen(ref.skills.size(), 0);
  std::vector<int32_t> touched;
  std::vector<int32_t> counts;
  for (KldbOccupation& k : ref.kldb) {
    k.esco.clear();
    for (const std::string& isco : k.isco_codes) {
      const auto it = by_isco.find(isco);
      if (it != by_isco.end()) k.esco.insert(k.esco.end(), it->second.begin(), it->second.end());
    }
    std::sort(k.esco.begin(), k.esco.end());
    k.esco.erase(std::unique(k.esco.begin(), k.esco.end()), k.esco.end());

    touched.clear();
    const auto mark = [&](SkillIndex s, bool essential) {
      const auto i = static_cast<size_t>(s.value);
      if (!seen[i]) {
        seen[i] = 1;
        touched.push_back(s.value);
      }
      if (essential) ++essential_count[i];
    };
    for (OccupationIndex o : k.esco) {
      const EscoOccupation& occupation = ref.occupations[static_cast<size_t>(o.value)];
      for (SkillIndex s : occupation.essential) mark(s, true);
      for (SkillIndex s : occupation.optional) mark(s, false);
    }
    const auto n = static_cast<int32_t>(k.esco.size());
    int32_t threshold = (n + 1) / 2;  // ceil(n / 2)
    // Fewer than kMinKldbEssentialSkills skills essential to half of them:
    // lower the threshold to the count of the k-th most shared essential
    // skill (ties kept whole), so a profile is never empty or one generic skill.
    counts.clear();
    for (int32_t s : touched) {
      const int32_t c = essential_count[static_cast<size_t>(s)];
      if (c > 0) counts.push_back(c);
    }
    std::sort(counts.begin(), counts.end(), std::greater<>());
    const auto at_half = static_cast<size_t>(
        std::count_if(counts.begin(), counts.end(), [&](int32_t c) { return c >= threshold; }));
    if (at_half < kMinKldbEssentialSkills && !counts.empty()) {
      threshold = counts[std::min(counts.size(), kMinKldbEssentialSkills) - 1];
    }
    std::sort(touched.begin(), touched.end());
    k.essential.clear();
    k.optional.clear();
    for (int32_t s : touched) {
      const auto i = static_cast<size_t>(s);
      (essential_count[i] >= std::max(threshold, 1) ? k.essential : k.optional).emplace_back(s);
      seen[i] = 0;
      essential_count[i] = 0;
    }
  }
}

std::optional<Error> LoadDistricts(const fs::path& dir, ReferenceData& ref) {
  CsvFile file;
  if (auto e = OpenCsv(
          dir, "districts.csv", {"key", "name", "land", "lat", "lon", "population"}, &file)) {
    return e;
  }
  std::optional<Error> error;
  std::string previous;
  while (NextRow(file, &error)) {
    if (auto e = CheckDigits(file, 0, 5)) return e;
    if (auto e = CheckAscending(file, 0, &previous)) return e;
    District& d = ref.districts.emplace_back();
    if (auto e = CheckPoint(file, 3, 4, &d.centroid)) return e;
    if (auto e = ParseInt(file, 5, 0, INT32_MAX, &d.population)) return e;
    d.key = file.fields[0];
    d.name = file.fields[1];
    d.land = file.fields[2];
  }
  return error;
}

std::optional<Error> LoadMunicipalities(const fs::path& dir,
                                        const std::unordered_set<std::string_view>& districts,
                                        ReferenceData& ref) {
  CsvFile file;
  if (auto e = OpenCsv(dir,
                       "municipalities.csv",
                       {"ags", "name", "district_key", "plz", "lat", "lon", "population"},
                       &file)) {
    return e;
  }
  std::optional<Error> error;
  std::string previous;
  while (NextRow(file, &error)) {
    if (auto e = CheckDigits(file, 0, 8)) return e;
    if (auto e = CheckAscending(file, 0, &previous)) return e;
    if (auto e = CheckDistrict(file, 2, districts)) return e;
    if (!file.fields[3].empty()) {
      if (auto e = CheckDigits(file, 3, 5)) return e;
    }
    Municipality& m = ref.municipalities.emplace_back();
    if (auto e = CheckPoint(file, 4, 5, &m.point)) return e;
    if (auto e = ParseInt(file, 6, 0, INT32_MAX, &m.population)) return e;
    m.ags = file.fields[0];
    m.name = file.fields[1];
    m.district_key = file.fields[2];
    m.plz = file.fields[3];
  }
  return error;
}

std::optional<Error> LoadPostcodes(const fs::path& dir,
                                   const std::unordered_set<std::string_view>& districts,
                                   ReferenceData& ref) {
  CsvFile file;
  if (auto e =
          OpenCsv(dir, "postcodes.csv", {"plz", "name", "district_key", "lat", "lon"}, &file)) {
    return e;
  }
  std::optional<Error> error;
  std::string previous;
  while (NextRow(file, &error)) {
    if (auto e = CheckDigits(file, 0, 5)) return e;
    if (auto e = CheckAscending(file, 0, &previous)) return e;
    if (auto e = CheckDistrict(file, 2, districts)) return e;
    PostcodeArea& p = ref.postcodes.emplace_back();
    if (auto e = CheckPoint(file, 3, 4, &p.point)) return e;
    p.plz = file.fields[0];
    p.name = file.fields[1];
    p.district_key = file.fields[2];
  }
  return error;
}

std::optional<Error> LoadAnchors(const fs::path& dir, ReferenceData& ref) {
  CsvFile file;
  if (auto e = OpenCsv(
          dir,
          "anchors.csv",
          {"topic", "region", "ags", "reference_date", "value", "unit", "note", "source", "url"},
          &file)) {
    return e;
  }
  std::optional<Error> error;
  while (NextRow(file, &error)) {
    if (file.fields[0].empty()) return BadData(file, "topic", "", "a topic name");
    StatisticsAnchor& a = ref.anchors.emplace_back();
    if (auto e = ParseDouble(file, 4, -1e15, 1e15, &a.value)) return e;
    a.topic = file.fields[0];
    a.region = file.fields[1];
    a.ags = file.fields[2];
    a.reference_date = file.fields[3];
    a.unit = file.fields[5];
    a.note = file.fields[6];
  }
  return error;
}

std::optional<Error> LoadForeignNationals(const fs::path& dir,
                                          const std::unordered_set<std::string_view>& districts,
                                          ReferenceData& ref) {
  CsvFile file;
  if (auto e = OpenCsv(dir, "foreign_nationals.csv", {"district_key", "total"}, &file)) return e;
  std::optional<Error> error;
  std::string previous;
  while (NextRow(file, &error)) {
    if (auto e = CheckAscending(file, 0, &previous)) return e;
    if (auto e = CheckDistrict(file, 0, districts)) return e;
    DistrictPopulationWeight& w = ref.foreign_nationals.emplace_back();
    if (auto e = ParseInt(file, 1, 0, INT32_MAX, &w.foreign_nationals)) return e;
    w.district_key = file.fields[0];
  }
  return error;
}

Result<ReferenceData> Load(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return MakeError(
        ErrorKind::kMissingInput, dir.string(), 0, "", "", "reference data folder not found");
  }
  ReferenceData ref;
  if (auto e = LoadSkills(dir, ref)) return std::move(*e);
  if (auto e = LoadOccupations(dir, ref)) return std::move(*e);
  if (auto e = LoadOccupationSkills(dir, ref)) return std::move(*e);
  if (auto e = LoadKldb(dir, ref)) return std::move(*e);
  if (auto e = LoadKldbAreas(dir, ref)) return std::move(*e);
  DeriveKldbProfiles(ref);
  if (auto e = LoadDistricts(dir, ref)) return std::move(*e);
  std::unordered_set<std::string_view> districts;  // membership only, never iterated
  for (const District& d : ref.districts) districts.insert(d.key);
  if (auto e = LoadMunicipalities(dir, districts, ref)) return std::move(*e);
  if (auto e = LoadPostcodes(dir, districts, ref)) return std::move(*e);
  if (auto e = LoadAnchors(dir, ref)) return std::move(*e);
  if (auto e = LoadForeignNationals(dir, districts, ref)) return std::move(*e);
  ref.BuildLookups();
  return ref;
}

}  // namespace

std::filesystem::path DefaultReferenceDir() {
  const char* from_env = std::getenv("JOBMATCH_REFDATA");
  if (from_env != nullptr && *from_env != '\0') return std::filesystem::path(from_env);
  return std::filesystem::path(JOBMATCH_REFDATA_DIR);
}

Result<ReferenceData> LoadReferenceData(const std::filesystem::path& dir) {
  return CatchAtBoundary<ReferenceData>(
      dir.string(), "loading reference data", [&] { return Load(dir); });
}

}  // namespace jobmatch

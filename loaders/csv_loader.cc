#include "loaders/csv_loader.h"

#include <algorithm>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "engine/parallel.h"
#include "loaders/boundary.h"
#include "loaders/chunked.h"
#include "loaders/column_map.h"
#include "loaders/csv_reader.h"
#include "loaders/dataset_builder.h"
#include "loaders/problem_list.h"
#include "loaders/text_encoding.h"

namespace jobmatch {
namespace {

namespace fs = std::filesystem;

// The file holding `name` in `dir`: the exact name, else the one file whose
// name matches ignoring case. nullopt (and a problem if ambiguous) otherwise.
std::optional<fs::path> FindTableFile(const fs::path& dir,
                                      const std::string& name,
                                      ProblemList* problems) {
  std::error_code ec;
  const fs::path exact = dir / name;
  if (fs::is_regular_file(exact, ec)) return exact;
  std::vector<fs::path> matches;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (FoldName(it->path().filename().string()) == name && it->is_regular_file(ec)) {
      matches.push_back(it->path());
    }
  }
  if (matches.size() == 1) return matches[0];
  if (matches.size() > 1) {
    std::sort(matches.begin(), matches.end());
    std::string names;
    for (const fs::path& m : matches) names += (names.empty() ? "" : ", ") + m.filename().string();
    problems->Add({exact.string(),
                   0,
                   "",
                   names,
                   "one file named " + name + ", but several differ only in case"});
  }
  return std::nullopt;
}

// The column_map entry for `table`, by stem ("participants") or file name.
std::map<std::string, std::string> OverridesFor(Table table, const LoaderOptions& options) {
  for (const std::string& key : {std::string(TableStem(table)), TableFileName(table)}) {
    if (const auto it = options.column_map.find(key); it != options.column_map.end()) {
      return it->second;
    }
  }
  return {};
}

// What to do with the file's columns that are not part of the format.
ExtraColumnRules ExtraRulesFor(Table table, const LoaderOptions& options) {
  ExtraColumnRules rules;
  rules.unknown_is_error = options.unknown_columns_are_errors;
  for (const std::string& key : {std::string(TableStem(table)), TableFileName(table)}) {
    if (const auto it = options.keep_columns.find(key); it != options.keep_columns.end()) {
      rules.keep.insert(it->second.begin(), it->second.end());
    }
    if (const auto it = options.ignore_columns.find(key); it != options.ignore_columns.end()) {
      rules.ignore.insert(it->second.begin(), it->second.end());
    }
  }
  return rules;
}

// Reads one table; every problem goes to `problems`.
RawTable ReadTable(Table table,
                   const fs::path& dir,
                   const LoaderOptions& options,
                   ProblemList* problems) {
  RawTable raw;
  const std::string name = TableFileName(table);
  raw.file = (dir / name).string();
  const std::optional<fs::path> path = FindTableFile(dir, name, problems);
  if (!path) {
    raw.complete = false;
    if (TableRequired(table)) {
      problems->Add(MakeError(ErrorKind::kMissingInput,
                              raw.file,
                              0,
                              "",
                              "",
                              "a required file is missing (names: participants.csv, "
                              "vacancies.csv, employers.csv, coordinators.csv)"));
    } else {
      raw.complete = true;  // an optional file that is absent is complete: no records
    }
    return raw;
  }
  raw.file = path->string();
  raw.present = true;
  raw.complete = false;  // until every row was read

  const Result<std::string> bytes = ReadFileBytes(*path, raw.file);
  if (!bytes.ok()) {
    problems->Add(bytes.error());
    return raw;
  }
  const Result<DecodedText> text = DecodeText(bytes.value(), raw.file);
  if (!text.ok()) {
    problems->Add(text.error());
    return raw;
  }
  const int64_t before = problems->count();
  CsvTable csv = ParseCsv(text.value().utf8, raw.file, problems);
  if (csv.header.empty()) return raw;
  const Result<HeaderMap> map = MapHeader(table,
                                          csv.header,
                                          OverridesFor(table, options),
                                          raw.file,
                                          csv.header_line,
                                          ExtraRulesFor(table, options));
  if (!map.ok()) {
    problems->Add(map.error());
    return raw;
  }
  raw.comma_separates_codes = csv.separator != ',';
  for (const int cell : map.value().extra_cells) {
    raw.extra_header.emplace_back(TrimBlanks(csv.header[static_cast<size_t>(cell)]));
  }
  const size_t num_columns = Columns(table).size();
  raw.records.reserve(csv.rows.size());
  for (CsvRow& row : csv.rows) {
    RawRecord record;
    record.line = row.line;
    record.cells.assign(num_columns, std::string());
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const int column = map.value().column_of_cell[i];
      if (column >= 0) {
        record.cells[static_cast<size_t>(column)] = std::move(row.cells[i]);
      } else if (column == kExtraColumn) {
        record.extra.push_back(std::move(row.cells[i]));
      } else if (column == kNoColumn && !TrimBlanks(row.cells[i]).empty()) {
        problems->Add({raw.file,
                       row.line,
                       "",
                       row.cells[i],
                       "no value in column " + std::to_string(i + 1) +
                           ", which has no name in the header line"});
      }
    }
    record.extra.resize(raw.extra_header.size());
    raw.records.push_back(std::move(record));
  }
  raw.complete = problems->count() == before;
  return raw;
}

Result<Dataset> LoadUnguarded(const fs::path& dir,
                              const ReferenceData& reference,
                              const LoaderOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return MakeError(ErrorKind::kMissingInput,
                     dir.string(),
                     0,
                     "",
                     "",
                     fs::exists(dir, ec) ? "a dataset folder, but this is a file"
                                         : "a dataset folder, but there is none");
  }
  ProblemList problems(options.max_problems);
  for (const auto& entry : options.column_map) {
    const bool known = std::any_of(kAllTables.begin(), kAllTables.end(), [&](Table t) {
      return entry.first == TableStem(t) || entry.first == TableFileName(t);
    });
    if (!known) {
      problems.Add({dir.string(),
                    0,
                    "column_map",
                    entry.first,
                    "expected a file of the dataset: participants, vacancies, employers, "
                    "coordinators, courses or history"});
    }
  }
  // The files on the loader's threads, each with a problem list of its own,
  // added in table order: the same problems in the same order as one by one.
  RawDataset raw;
  std::vector<ProblemList> found(kAllTables.size(), ProblemList(options.max_problems));
  ForEachTask(kAllTables.size(), options.num_threads, [&](size_t t) {
    raw[kAllTables[t]] = ReadTable(kAllTables[t], dir, options, &found[t]);
  });
  bool missing = false;
  for (size_t t = 0; t < kAllTables.size(); ++t) {
    problems.Add(found[t]);
    missing = missing || (TableRequired(kAllTables[t]) && !raw[kAllTables[t]].present);
  }
  // Without a required file every reference into it would be reported.
  if (missing) return problems.ToError(ErrorKind::kBadData);
  return BuildDataset(raw, reference, &problems, options.num_threads);
}

}  // namespace

Result<Dataset> LoadCsvDataset(const fs::path& dir,
                               const ReferenceData& reference,
                               const LoaderOptions& options) {
  return CatchAtBoundary<Dataset>(
      dir.string(), "loading the dataset", [&] { return LoadUnguarded(dir, reference, options); });
}

}  // namespace jobmatch

// loaders/load_dataset.h
//
// One entry point for every dataset format: a folder of CSV files in the
// interchange format (README, "Interchange files"), a binary protobuf file
// (.pb, .binpb) or a text protobuf file (.txtpb, .textproto) holding the same
// records (loaders/proto/dataset.proto). Every format goes through the same
// DatasetBuilder, so the same rules hold whatever the file type.
//
// Example:
//   Result<Dataset> dataset = LoadDataset("examples/salzlandkreis", reference, {});
//   if (!dataset.ok()) { std::cerr << dataset.error().ToString(); return 65; }

#ifndef JOBMATCH_LOADERS_LOAD_DATASET_H_
#define JOBMATCH_LOADERS_LOAD_DATASET_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch {

struct LoaderOptions {
  // Extra column names per file, on top of the built-in English and German
  // names: file stem ("participants") -> header as written ("Wohnort PLZ")
  // -> canonical column ("place").
  std::map<std::string, std::map<std::string, std::string>> column_map;
  // Columns that are not part of the format (name, phone, notes), per file
  // stem -> headers as written: `keep_columns` are kept and shown only in the
  // participant's own coordinator's sheet, `ignore_columns` are dropped
  // unread. Other unknown columns are kept too, unless
  // `unknown_columns_are_errors`. A header close to a column's name is an
  // error unless listed here (loaders/column_map.h).
  std::map<std::string, std::set<std::string>> keep_columns;
  std::map<std::string, std::set<std::string>> ignore_columns;
  bool unknown_columns_are_errors = false;
  // Problems reported before the rest are only counted.
  int32_t max_problems = 50;
  // Threads that read the files and check the records (0: all cores, 1:
  // serial). The Dataset and the problems, in their order, are the same on
  // any number. Set from --threads, not from the config file.
  int32_t num_threads = 0;
  friend bool operator==(const LoaderOptions&, const LoaderOptions&) = default;
};

// kMissingInput if the path or a required file is missing, kBadData with every
// problem found (up to max_problems) otherwise.
[[nodiscard]] Result<Dataset> LoadDataset(const std::filesystem::path& path,
                                          const ReferenceData& reference,
                                          const LoaderOptions& options = {});

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_LOAD_DATASET_H_

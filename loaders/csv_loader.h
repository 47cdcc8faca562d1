// loaders/csv_loader.h
//
// Reads a dataset folder of CSV files (participants.csv, vacancies.csv,
// employers.csv, coordinators.csv, optional courses.csv and history.csv) as
// Excel writes them in Germany: UTF-8 with or without BOM or Windows-1252,
// ';' ',' or tab separators, German or English column names, decimal commas,
// cells with line breaks. Every file is read and every problem reported (up to
// LoaderOptions::max_problems) before giving up, then the records go through
// the shared DatasetBuilder.
//
// File names are matched exactly, else case-insensitively when exactly one
// file matches ("Participants.CSV").
//
// Example:
//   Result<Dataset> dataset = LoadCsvDataset("examples/salzlandkreis", reference, {});

#ifndef JOBMATCH_LOADERS_CSV_LOADER_H_
#define JOBMATCH_LOADERS_CSV_LOADER_H_

#include <filesystem>

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"
#include "loaders/load_dataset.h"

namespace jobmatch {

// kMissingInput if `dir` or a required file is missing; kBadData otherwise.
[[nodiscard]] Result<Dataset> LoadCsvDataset(const std::filesystem::path& dir,
                                             const ReferenceData& reference,
                                             const LoaderOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_CSV_LOADER_H_

// loaders/dataset_writer.h
//
// Writes a Dataset back in the interchange formats, so that what
// `jobmatch generate` writes is exactly what LoadDataset reads: a folder of
// CSV files (UTF-8 with BOM, ';' separators, decimal commas, as German Excel
// writes them) or one protobuf file (binary or text). Codes and places are
// written as the reference data names them (ESCO ids, KldB codes, postcodes
// or municipality keys as given in Place::input).
//
// Files are written to a temporary name and renamed into place.
// Round trip: LoadDataset(Write(d)) == d field by field when every Place has
// its `input` (as loaded datasets do); a Place without input is written as
// "lat lon" and reads back with that text as its input.
//
// Example:
//   if (auto error = WriteCsvDataset(dataset, reference, out_dir)) return 73;

#ifndef JOBMATCH_LOADERS_DATASET_WRITER_H_
#define JOBMATCH_LOADERS_DATASET_WRITER_H_

#include <filesystem>
#include <optional>

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch {

// Writes participants.csv, vacancies.csv, employers.csv, coordinators.csv and,
// when not empty, courses.csv and history.csv into `dir` (created if needed).
// When courses or history are empty, an old courses.csv or history.csv in
// `dir` is removed, so that the folder reads back as exactly `dataset`.
[[nodiscard]] std::optional<Error> WriteCsvDataset(const Dataset& dataset,
                                                   const ReferenceData& reference,
                                                   const std::filesystem::path& dir);

[[nodiscard]] std::optional<Error> WriteProtoDataset(const Dataset& dataset,
                                                     const ReferenceData& reference,
                                                     const std::filesystem::path& file,
                                                     bool text_format);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_DATASET_WRITER_H_

// loaders/proto_loader.h
//
// Reads a dataset from one protobuf file (loaders/proto/dataset.proto), binary
// (.pb, .binpb) or text format (.txtpb, .textproto). The message fields carry
// the same values as the CSV cells, so the records go through the same
// DatasetBuilder; diagnostics name the record path instead of a line:
// field "vacancies[3].min_german_level", line 0.
//
// Errors: a binary file that is empty, truncated, or not a jobmatch Dataset
// message (including one with fields the schema does not know) is kBadData
// "not a complete jobmatch dataset protobuf"; text-format syntax errors are
// reported with their line and column.
//
// Example:
//   Result<Dataset> dataset = LoadProtoDataset("run/dataset.binpb", reference, {}, false);

#ifndef JOBMATCH_LOADERS_PROTO_LOADER_H_
#define JOBMATCH_LOADERS_PROTO_LOADER_H_

#include <filesystem>

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"
#include "loaders/load_dataset.h"

namespace jobmatch {

// kMissingInput if `file` does not exist; kBadData otherwise.
[[nodiscard]] Result<Dataset> LoadProtoDataset(const std::filesystem::path& file,
                                               const ReferenceData& reference,
                                               const LoaderOptions& options,
                                               bool text_format);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_PROTO_LOADER_H_

// loaders/reference_loader.h
//
// Loads the trimmed public reference data shipped in loaders/refdata/ (ESCO,
// KldB 2010 with its ISCO bridge, municipalities, postcodes, districts,
// statistics anchors; sources and licences in loaders/refdata/SOURCE.md) into
// a ReferenceData, with its lookups built and the KldB skill profiles derived.
//
// Example:
//   Result<ReferenceData> reference = LoadReferenceData(DefaultReferenceDir());
//   if (!reference.ok()) return reference.error();

#ifndef JOBMATCH_LOADERS_REFERENCE_LOADER_H_
#define JOBMATCH_LOADERS_REFERENCE_LOADER_H_

#include <filesystem>

#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch {

// $JOBMATCH_REFDATA if set, else the folder compiled in (loaders/refdata).
std::filesystem::path DefaultReferenceDir();

// kMissingInput if the folder or a file is missing; kBadData with file, line
// and field for a malformed row.
[[nodiscard]] Result<ReferenceData> LoadReferenceData(const std::filesystem::path& dir);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_REFERENCE_LOADER_H_

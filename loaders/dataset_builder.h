// loaders/dataset_builder.h
//
// The rules every dataset format shares, in one place: a loader only splits
// its format into RawRecords (cells as text, by canonical column), and
// BuildDataset() checks them and turns them into a Dataset.
//
// What BuildDataset() does (README, "Interchange files", has the user's view):
//  * interns ids to dense indices in file order; duplicate ids within a table
//    and references to a coordinator, employer, participant or vacancy that
//    does not exist are errors;
//  * resolves places (place_resolution.h: postcode, municipality key or
//    "lat lon" in Germany), occupation codes (ESCO UUID or URI, KldB 5 digits or "B 52122-100") and
//    skill codes (ESCO UUID or URI) against the ReferenceData;
//  * parses CEFR levels, yes/no values, enums, decimal numbers ("38,5") and
//    dates in English or German spellings (cells.h), with documented defaults
//    for empty cells, and checks ranges (no negative capacity, openings, staff...);
//  * reports every problem as a Diagnostic naming file, line (CSV) or record
//    path (protobuf: "vacancies[3].openings"), field, value and what was
//    expected, into the caller's ProblemList.
//
// Guarantees: deterministic on any number of threads, no global state; the cost is linear in the
// cells except places given as coordinates (about 100 distance computations each).
//
// Example:
//   RawDataset raw = ...;  // from a CSV folder or a protobuf message
//   ProblemList problems(options.max_problems);
//   Result<Dataset> dataset = BuildDataset(raw, reference, &problems);

#ifndef JOBMATCH_LOADERS_DATASET_BUILDER_H_
#define JOBMATCH_LOADERS_DATASET_BUILDER_H_

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"
#include "loaders/column_map.h"
#include "loaders/problem_list.h"
#include "loaders/raw_records.h"

namespace jobmatch {

// Checks and converts `raw` (see above). Adds every problem to `problems`;
// returns the Dataset only if `problems` is empty at the end (problems the
// caller found earlier count too), else problems->ToError(kBadData).
// `num_threads` (0: all cores, 1: serial) changes neither the Dataset nor
// the problems or their order (chunked.h).
[[nodiscard]] Result<Dataset> BuildDataset(const RawDataset& raw,
                                           const ReferenceData& reference,
                                           ProblemList* problems,
                                           int32_t num_threads = 1);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_DATASET_BUILDER_H_

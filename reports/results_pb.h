// reports/results_pb.h
//
// jobmatch.pb: a run's results as one binary protobuf message (schema
// reports/proto/results.proto, described in docs/results_pb.md), the form
// for programs reading a large run: the facts of jobmatch.json - counts,
// config, coordinators' capacities, every proposal and alternative with its
// score parts, every unplaced participant with the vacancies each rule
// removed - without the German sentences and with vacancies and skills as
// tables the lines refer to. Streamed: the message is written element by
// element, its elements serialised in parallel in fixed blocks and written
// in order, so memory stays flat and the bytes do not depend on the number
// of threads.
//
// Example:
//   if (auto error = WriteResultsPb(dataset, reference, config, set, "2026-11-22",
//                                   capacities, dir / "jobmatch.pb", threads)) ...

#ifndef JOBMATCH_REPORTS_RESULTS_PB_H_
#define JOBMATCH_REPORTS_RESULTS_PB_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "engine/capacity.h"
#include "engine/proposals.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch::reports {

// Writes `set` to `file` (kCannotWrite on failure). `capacities` has one
// entry per coordinator (CapacitiesOrGiven); `num_threads` 0: all cores.
// Precondition: `set` as MakeProposals() returns it.
[[nodiscard]] std::optional<Error> WriteResultsPb(const Dataset& dataset,
                                                  const ReferenceData& reference,
                                                  const EngineConfig& config,
                                                  const ProposalSet& set,
                                                  const std::string& run_date,
                                                  const std::vector<CapacityDerivation>& capacities,
                                                  const std::filesystem::path& file,
                                                  int num_threads = 1);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_RESULTS_PB_H_

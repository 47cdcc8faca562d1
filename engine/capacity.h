// engine/capacity.h
//
// How many new placements each coordinator can take on this cycle, from the
// programme's own terms when the coordinators file leaves `capacity` empty
// (JOKO: each full-time coordinator takes on about 40 people a year and
// follows every placement up for twelve months). A capacity given in the
// file always wins.
//
// Derivation, for a coordinator without a given capacity, on the run date:
//   yearly intake  = fte × intake_per_fte_year
//   still to take  = max(0, yearly intake − taken on this year)
//                    (taken on: participants of this coordinator whose first
//                    accepted or hired decision falls in the run date's
//                    calendar year; engine/decisions.h)
//   cycles left    = ceil(days from the run date to 31 December, both
//                    included, / (7 × cycle_weeks)), at least 1
//   per cycle      = still to take / cycles left
//   follow-up load = participants in follow-up × follow_up_weight
//                    (each hire of the last follow_up_days weighs that share
//                    of a new case)
//   capacity       = max(0, floor(per cycle − follow-up load))
// Every term is kept in CapacityDerivation, so sheets and JSON can say how the
// number came about.
//
// Example:
//   const std::vector<CapacityDerivation> capacity =
//       DeriveCapacities(dataset, standing, run_date, options);
//   ApplyCapacities(capacity, &dataset);

#ifndef JOBMATCH_ENGINE_CAPACITY_H_
#define JOBMATCH_ENGINE_CAPACITY_H_

#include <cstdint>
#include <vector>

#include "engine/decisions.h"
#include "engine/records.h"

namespace jobmatch {

struct CapacityOptions {
  // New participants a full-time coordinator takes on per year (JOKO: 40).
  double intake_per_fte_year = 40.0;
  // Length of one planning cycle (the period a capacity is for), in weeks.
  int32_t cycle_weeks = 4;
  // What one participant in follow-up weighs, as a share of a new case per
  // cycle. 0 ignores follow-up; 1 counts it as a full case.
  double follow_up_weight = 0.1;
  friend bool operator==(const CapacityOptions&, const CapacityOptions&) = default;
};

struct CapacityDerivation {
  bool derived = false;  // false: given in the coordinators file
  int32_t capacity = 0;
  double fte = 0.0;
  double yearly_intake = 0.0;
  int32_t taken_on_this_year = 0;
  int32_t cycles_left = 0;
  double per_cycle = 0.0;
  int32_t follow_up = 0;
  double follow_up_load = 0.0;
};

// One entry per coordinator (by index), per the derivation above.
// Precondition: standing was computed for `dataset` and `run_date`.
[[nodiscard]] std::vector<CapacityDerivation> DeriveCapacities(const Dataset& dataset,
                                                               const Standing& standing,
                                                               Date run_date,
                                                               const CapacityOptions& options);

// Writes each derived capacity into dataset->coordinators[c].capacity.
void ApplyCapacities(const std::vector<CapacityDerivation>& capacities, Dataset* dataset);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_CAPACITY_H_

#include "engine/capacity.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/check.h"

namespace jobmatch {

std::vector<CapacityDerivation> DeriveCapacities(const Dataset& dataset,
                                                 const Standing& standing,
                                                 Date run_date,
                                                 const CapacityOptions& options) {
  JOBMATCH_CHECK(options.cycle_weeks > 0) << "cycle_weeks = " << options.cycle_weeks;
  JOBMATCH_CHECK(standing.follow_up.size() == dataset.coordinators.size());
  const std::string year = FormatDate(run_date).substr(0, 4);
  const std::optional<Date> year_end = ParseDate(year + "-12-31");
  JOBMATCH_CHECK(year_end.has_value());
  const int32_t days_left = year_end->days - run_date.days + 1;
  const int32_t cycle_days = 7 * options.cycle_weeks;
  const int32_t cycles_left = std::max(1, (days_left + cycle_days - 1) / cycle_days);

  std::vector<CapacityDerivation> out(dataset.coordinators.size());
  for (size_t c = 0; c < dataset.coordinators.size(); ++c) {
    const Coordinator& coordinator = dataset.coordinators[c];
    CapacityDerivation& d = out[c];
    d.fte = coordinator.fte;
    d.taken_on_this_year = standing.taken_on_this_year[c];
    d.follow_up = standing.follow_up[c];
    d.yearly_intake = coordinator.fte * options.intake_per_fte_year;
    d.cycles_left = cycles_left;
    d.per_cycle =
        std::max(0.0, d.yearly_intake - static_cast<double>(d.taken_on_this_year)) / cycles_left;
    d.follow_up_load = static_cast<double>(d.follow_up) * options.follow_up_weight;
    if (coordinator.capacity_given) {
      d.capacity = coordinator.capacity;
      continue;
    }
    d.derived = true;
    // The small epsilon keeps 3 - 0.2 * 5 = 2.0000000000000004 from becoming 1.
    d.capacity =
        static_cast<int32_t>(std::max(0.0, std::floor(d.per_cycle - d.follow_up_load + 1e-9)));
  }
  return out;
}

void ApplyCapacities(const std::vector<CapacityDerivation>& capacities, Dataset* dataset) {
  JOBMATCH_CHECK(capacities.size() == dataset->coordinators.size());
  for (size_t c = 0; c < capacities.size(); ++c) {
    if (capacities[c].derived) dataset->coordinators[c].capacity = capacities[c].capacity;
  }
}

}  // namespace jobmatch

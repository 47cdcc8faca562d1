// whatif/value.h
//
// What capacity is worth: for every coordinator, how many more people one
// more place of capacity would place and how much fit it would add; for every
// vacancy, what one more opening would add. Answers "where would one more
// coordinator's place help most", for every coordinator and district at once.
//
// Method. One more unit at coordinator c changes the optimum by the cost of
// the cheapest path c -> sink in the residual network of the optimal flow
// (or nothing, if every such path costs >= 0: the new place then takes the
// bypass). One more opening at vacancy v changes it by the cheapest path
// sink -> v. With the optimal node potentials (the duals of the solve) the
// reduced costs of all residual arcs are >= 0, so two Dijkstra runs (one
// backwards from the sink, one forwards from it) price every coordinator and
// every vacancy exactly at once: the duals give the answer, and the shortest
// paths settle what a degenerate dual leaves open (a potential alone bounds
// the change only from one side). The path found also says how many
// placements and how much fit the change adds. A vacancy with an opening to
// spare gets 0 without search (its extra opening changes nothing).
//
// Ties. Where several cheapest paths exist, the one found first is
// reported; its placements and fit are those of one optimum with the extra
// unit (a cold re-solve may choose another optimum of the same value).
//
// Example:
//   const CapacityValues values = ValueOfCapacity(scenario);
//   for (const CoordinatorValue& v : values.coordinators) ... v.more_placements ...

#ifndef JOBMATCH_WHATIF_VALUE_H_
#define JOBMATCH_WHATIF_VALUE_H_

#include <cstdint>
#include <vector>

#include "engine/ids.h"

namespace jobmatch::whatif {

struct Scenario;

struct UnitValue {
  int32_t more_placements = 0;  // placements added by one more unit
  double more_fit = 0.0;        // total fit added (can be < 0 if a placement gains more)
  int64_t cost_change = 0;      // change of the flow's integer objective (<= 0)
};

struct CoordinatorValue {
  CoordinatorIndex coordinator;
  UnitValue value;
};
struct VacancyValue {
  VacancyIndex vacancy;
  UnitValue value;
};

struct CapacityValues {
  std::vector<CoordinatorValue> coordinators;  // every coordinator, by index
  std::vector<VacancyValue> vacancies;         // every open vacancy, by index
};

// Preconditions: scenario.result is kOptimal.
[[nodiscard]] CapacityValues ValueOfCapacity(const Scenario& scenario);

}  // namespace jobmatch::whatif

#endif  // JOBMATCH_WHATIF_VALUE_H_

// synth/district_plan.h
//
// Where the synthetic records go: the districts a tier draws from, the tier's
// sizes, and for each district its places (one resolved Place per
// municipality, drawn by population) and how many participants, vacancies and
// coordinators it gets.
//
// Contract. Sizes are split over districts by largest remainders, so they add
// up to the tier's figure exactly; every district gets at least one
// coordinator. Participants follow foreign nationals (Destatis 12521-0040; a
// district without a figure counts with its population times the national
// ratio); vacancies follow the latest registered stock where an anchor gives
// one, else the population times the stock per inhabitant of the anchored
// districts; coordinators follow the participants. Places are resolved by
// the loaders' PlaceResolver (loaders/place_resolution.h) from the cell the
// writers put out (postcode when it resolves to the same district, else the
// 8-digit AGS), so a written and re-read dataset has the same places. Errors are kUsage and name
// the district or size.
//
// Example:
//   Result<std::vector<std::string>> keys = ChooseDistricts(reference, options);
//   Result<Sizes> sizes = ChooseSizes(options, keys.value().size());
//   Result<std::vector<DistrictPlan>> plans =
//       PlanDistricts(reference, keys.value(), figures, sizes.value());

#ifndef JOBMATCH_SYNTH_DISTRICT_PLAN_H_
#define JOBMATCH_SYNTH_DISTRICT_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/internal/random.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"
#include "synth/anchors.h"
#include "synth/synthetic.h"

namespace jobmatch::synth {

struct Sizes {
  int32_t participants = 0;
  int32_t vacancies = 0;
  int32_t coordinators = 0;
};

// One chosen district: where its people live and how many of each record.
struct DistrictPlan {
  int32_t district = 0;                 // index into reference.districts
  std::vector<int32_t> municipalities;  // indices into reference.municipalities
  std::vector<Place> places;            // resolved place per municipality (town hall)
  // Per municipality (same order): the places of its postcode areas, never
  // empty. A postcode area of the district belongs to the municipality whose
  // midpoint is nearest to its point; a municipality also keeps its town-hall
  // postcode. One without any is `places[m]` alone.
  std::vector<std::vector<Place>> postcode_places;
  internal::WeightedTable by_population;  // over `municipalities`
  std::vector<int32_t> towns;             // positions in `municipalities`, largest first
  int32_t participants = 0;
  int32_t vacancies = 0;
  int32_t coordinators = 0;
  // Filled by AddCoordinators() (synth/record_makers.h).
  std::vector<int32_t> coordinator_ids;  // dataset indices of its coordinators
  internal::WeightedTable coordinator_by_fte;
};

// The district keys to draw from, sorted and unique: options.district_keys,
// else the tier's default (district: Salzlandkreis 15089; state: land 15;
// national: every district). Unknown keys are named in the error.
[[nodiscard]] Result<std::vector<std::string>> ChooseDistricts(const ReferenceData& reference,
                                                               const SyntheticOptions& options);

// The tier's sizes with the options' overrides; refuses negative sizes and
// fewer coordinators than districts.
[[nodiscard]] Result<Sizes> ChooseSizes(const SyntheticOptions& options, size_t num_districts);

// One plan per key (in the order given), with places and sizes as above.
// Refuses a district without municipalities.
[[nodiscard]] Result<std::vector<DistrictPlan>> PlanDistricts(const ReferenceData& reference,
                                                              const std::vector<std::string>& keys,
                                                              const Figures& figures,
                                                              const Sizes& sizes);

// A home or workplace in `plan`: a municipality drawn by population, then
// one of its postcode areas, uniformly (the reference data has no population
// per postcode).
const Place& DrawPlace(const DistrictPlan& plan, internal::Rng& rng);

// Largest-remainder apportionment of `total` over `weights`, after giving
// every entry `min_each`. All-zero weights share equally. Exact integer
// arithmetic (rest * weight stays below 2^63 for the sizes int32 allows and
// weights below 4e9); ties go to the lower index.
std::vector<int32_t> Apportion(int64_t total, std::vector<int64_t> weights, int32_t min_each);

}  // namespace jobmatch::synth

#endif  // JOBMATCH_SYNTH_DISTRICT_PLAN_H_

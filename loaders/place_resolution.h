// loaders/place_resolution.h
//
// Turns what people write for a place into a Place of the reference data:
//  * a postcode, "06406", or a postcode followed by the town, "06406 Bernburg":
//    the postcode area's own point (the mean of its places), so two postcodes
//    of one city are two places; a postcode missing from the postcode table
//    that is a municipality's town-hall postcode falls back to that
//    municipality (the most populous if several share it);
//  * a municipality key (AGS, Gemeindeschlüssel), "15089030";
//  * coordinates "lat lon" in Germany ("51.7946 11.7401", "51,79;11,74"),
//    snapped to the nearest municipality for district and name.
// A leading zero that Excel dropped is restored where no other reading exists:
// 4-digit postcodes, 7-digit municipality keys and 4-digit district keys.
// Place::input keeps the cell as written (trimmed).
//
// Contract: Resolve() never reports; it returns the place or the text that
// completes "expected ..." for the caller's diagnostic. A PlaceResolver keeps
// a reference to its ReferenceData, which must outlive it; it is immutable
// after construction, so one resolver may serve many threads.
// Cost: construction folds the 400 district names and borrows the
// reference's latitude index (ReferenceData::municipalities_by_lat; sorted
// here only when the caller did not BuildLookups()); a postcode or key is a
// hash lookup (the town-hall fallback a scan); coordinates take about 100
// distance computations.
//
// Example:
//   const PlaceResolver places(reference);
//   const PlaceResolution r = places.Resolve("06406 Bernburg");
//   if (r.place) use(r.place->district_key); else report("expected " + r.expected);

#ifndef JOBMATCH_LOADERS_PLACE_RESOLUTION_H_
#define JOBMATCH_LOADERS_PLACE_RESOLUTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/records.h"
#include "engine/reference.h"

namespace jobmatch {

// The outcome of resolving one place cell: a place, or what was expected.
struct PlaceResolution {
  std::optional<Place> place;
  std::string expected;  // empty when `place` is set; else completes "expected ..."
};

class PlaceResolver {
 public:
  explicit PlaceResolver(const ReferenceData& reference);

  // The place named by `cell`; an empty cell is not a place.
  [[nodiscard]] PlaceResolution Resolve(std::string_view cell) const;

  // The district key (Kreisschlüssel, 5 digits) for a district key or a
  // district's exact name (case-insensitive); nullopt if unknown or if two
  // districts share the name.
  [[nodiscard]] std::optional<std::string> District(std::string_view cell) const;

 private:
  PlaceResolution Postcode(std::string_view digits, std::string_view text) const;
  PlaceResolution Municipality(std::string_view digits, std::string_view text) const;
  int32_t NearestMunicipality(GeoPoint p) const;

  const ReferenceData& reference_;
  std::unordered_map<std::string, int32_t> district_by_name_;  // lookup only; -1: ambiguous
  // Municipalities by latitude: the reference's index, or own_by_lat_ when
  // the reference has none (lookups not built).
  const std::vector<int32_t>& ByLatitude() const {
    return own_by_lat_.empty() ? reference_.municipalities_by_lat : own_by_lat_;
  }
  std::vector<int32_t> own_by_lat_;
};

// One-off resolution: builds a PlaceResolver for a single cell. Resolving
// many cells, build one PlaceResolver and reuse it.
[[nodiscard]] PlaceResolution ResolvePlace(const ReferenceData& reference, std::string_view cell);

}  // namespace jobmatch

#endif  // JOBMATCH_LOADERS_PLACE_RESOLUTION_H_

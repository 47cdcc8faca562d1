// synth/synthetic.h
//
// Realistic synthetic datasets built from the real reference data and the
// published figures in ReferenceData::anchors, for demonstrations, tests and
// benchmarks (`jobmatch generate`). Every figure that comes from an anchor is
// read at run time; if a topic is missing the generator fails with an Error
// naming it rather than falling back to a typed-in number.
//
// How it is built (each step has its own header with the details):
//  1. synth/anchors.h: the published figures (German levels of DTZ takers,
//     employer size classes, the share of refugees working as Helfer,
//     registered vacancies per district).
//  2. synth/district_plan.h: the districts of the tier, their places and how
//     many participants, vacancies and coordinators each gets.
//  3. synth/catalogue.h: the occupations where refugees work, KldB-coded,
//     kept only where the reference data has a skill profile.
//  4. synth/record_makers.h: coordinators, participants, employers with their
//     vacancies, and courses, each kind from its own random stream.
//
// Places: a home or workplace is a municipality drawn by population, then
// one of its postcode areas (the areas of the district, each given to the
// municipality with the nearest midpoint, plus its town-hall postcode), so a
// city's people and vacancies spread over its real postcodes. Place.input is
// the postcode (or the 8-digit AGS for a municipality without a postcode of
// its district); point, district_key and name are what the loaders'
// PlaceResolver (loaders/place_resolution.h) makes of that input, so a
// written and re-read dataset has the same places.
//
// Deterministic: the same reference data and options give the same dataset on
// every machine and number of threads (own xoshiro256** generator and draws in
// engine/internal/random.h, integer weights, no std::*_distribution, no
// unordered iteration). Serial; the national tier (1,000,000 participants,
// 700,000 vacancies) takes a few seconds.
//
// Example:
//   SyntheticOptions options;
//   options.tier = Tier::kDistrict;
//   options.seed = 7;
//   Result<Dataset> dataset = GenerateSynthetic(reference, options);

#ifndef JOBMATCH_SYNTH_SYNTHETIC_H_
#define JOBMATCH_SYNTH_SYNTHETIC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch {

// The dataset sizes of the three tiers the benchmarks and demonstrations use:
// one district (a coordinator team's week), one state, all of Germany.
enum class Tier : int8_t {
  kDistrict = 0,  //    500 participants,   2,000 vacancies,  2 coordinators per district
  kState,         // 30,000 participants,  20,000 vacancies,  300 coordinators
  kNational,      // 1,000,000 participants, 700,000 vacancies, 10,000 coordinators
};

struct SyntheticOptions {
  Tier tier = Tier::kDistrict;
  uint64_t seed = 1;
  // Districts (5-digit keys) to draw places from. Empty: the tier's default
  // (district: Salzlandkreis 15089; state: all of Saxony-Anhalt, land 15;
  // national: all of Germany). Duplicates are ignored; districts are
  // generated in key order.
  std::vector<std::string> district_keys;
  // Overrides of the tier sizes; 0 keeps the tier's figure (district tier:
  // 2 coordinators per district).
  int32_t participants = 0;
  int32_t vacancies = 0;
  int32_t coordinators = 0;
  // Courses to generate per district (language courses to B1/B2).
  int32_t courses_per_district = 3;
  // Dates are drawn relative to this day (start dates, expiry, arrival).
  Date today = Date{20'414};  // 2025-11-22
};

// Errors (kUsage): unknown district key (named in the diagnostic), sizes
// negative, fewer coordinators than districts, a district without
// municipalities, reference data without the anchors the generator needs
// (topic named) or without any of the catalogue's KldB codes.
[[nodiscard]] Result<Dataset> GenerateSynthetic(const ReferenceData& reference,
                                                const SyntheticOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_SYNTH_SYNTHETIC_H_

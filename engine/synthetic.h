// engine/synthetic.h
//
// Realistic synthetic datasets built from the real reference data and the
// published figures in ReferenceData::anchors: participants live where
// foreign nationals live (Destatis 12521-0040 weights), speak German as the
// integration-course results say (DTZ: about half B1, 40 % A2, 10 % below),
// bring occupations from the ESCO/KldB catalogue; vacancies sit at employers
// in real municipalities, with the share of micro-enterprises of
// Saxony-Anhalt, in numbers per district following the registered-vacancy
// anchors. Sizes per tier follow DESIGN.md.
//
// Deterministic: the same reference data and options give the same dataset on
// every machine (own random number generator and distributions, no
// std::*_distribution whose output is implementation-defined).
//
// Example:
//   SyntheticOptions options;
//   options.tier = Tier::kDistrict;
//   options.seed = 7;
//   const Dataset dataset = GenerateSynthetic(reference, options);

#ifndef JOBMATCH_ENGINE_SYNTHETIC_H_
#define JOBMATCH_ENGINE_SYNTHETIC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch {

enum class Tier : int8_t {
  kDistrict = 0,  //    500 participants,   2,000 vacancies,  2 to 10 coordinators
  kState,         // 30,000 participants,  20,000 vacancies,  300 coordinators
  kNational,      // 1,000,000 participants, 700,000 vacancies, 10,000 coordinators
};

struct SyntheticOptions {
  Tier tier = Tier::kDistrict;
  uint64_t seed = 1;
  // Districts (5-digit keys) to draw places from. Empty: the tier's default
  // (district: Salzlandkreis 15089; state: all of Saxony-Anhalt, land 15;
  // national: all of Germany).
  std::vector<std::string> district_keys;
  // Overrides of the tier sizes; 0 keeps the tier's figure.
  int32_t participants = 0;
  int32_t vacancies = 0;
  int32_t coordinators = 0;
  // Courses to generate per district (language courses to B1/B2).
  int32_t courses_per_district = 3;
  // Dates are drawn relative to this day (start dates, expiry, arrival).
  Date today = Date{20'414};  // 2025-11-22
};

// Errors (kUsage): unknown district key, sizes negative, reference data
// without the anchors the generator needs.
[[nodiscard]] Result<Dataset> GenerateSynthetic(const ReferenceData& reference,
                                                const SyntheticOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_SYNTHETIC_H_

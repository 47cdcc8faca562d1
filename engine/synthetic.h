// engine/synthetic.h
//
// Realistic synthetic datasets built from the real reference data and the
// published figures in ReferenceData::anchors (loaders/refdata/anchors.csv).
// Sizes per tier follow DESIGN.md. Every figure below that comes from an
// anchor is read at run time; if a topic is missing the generator fails with
// an Error naming it rather than falling back to a typed-in number.
//
// Where the figures go:
//  * Participants per district: proportional to foreign nationals
//    (ReferenceData::foreign_nationals, Destatis 12521-0040); a district
//    without a figure counts with its population times the national ratio.
//  * German levels, topic `dtz_result_b1` (whole-year row preferred, else the
//    latest; 2017: 48.7 % B1, 40.8 % A2, 10.5 % below A2). The B1 share is
//    the anchor's value, the A2 share is read from its note ("40.8 % A2"),
//    below A2 is the rest. Below A2 splits 30 / 70 into A0 / A1 (assumption).
//    "B1 or better" keeps the anchor's share: 30 % of B1 speakers who have
//    been in Germany five years or more are B2, and a fifth of those with an
//    academic degree C1 (assumption: B2+ comes with longer stay).
//  * Requirement level of participants' occupations, topic
//    `job_level_helper_share` (44 % of employed refugees work as Helfer):
//    that share helper (KldB level 1), the rest split 75 / 15 / 10 over
//    skilled, specialist, expert (assumption). Qualification follows the
//    level (helpers mostly none, experts mostly academic).
//  * Employer size classes, topic `firms_micro_share` (latest row; 2023
//    Saxony-Anhalt: 85.9 % micro), large share from its note ("250+
//    employees: 0.5 %"), the rest split 4 : 1 into small and medium
//    (assumption). The Saxony-Anhalt figures are used for every district.
//  * Vacancies per district: proportional to the latest `vacancies_stock`
//    of the district where an anchor gives one (Salzlandkreis 2024-11: 1,274;
//    Leipzig 2024-09: 7,511), else to the district's population times the
//    stock per inhabitant of the anchored districts.
// Sizes are split over districts by largest remainders, so they add up to
// the tier's figure exactly; every district gets at least one coordinator.
//
// Records (each district in key order; ids numbered through the dataset):
//  * Coordinators `K-15089-1`, "Koordination Salzlandkreis 1": the first two
//    of a district full time (the JOKO pattern), further ones 0.5 FTE with
//    probability 1/4. Capacity for this cycle: about 40 new participants a
//    year per FTE, of which a quarterly cycle leaves a quarter to a half after
//    caseload and follow-ups: uniform in round(40 fte / 4) .. round(40 fte / 2).
//  * Participants `P-000001`: a coordinator of their district (drawn by
//    FTE); home in a municipality of the district drawn by population; 1-2
//    occupations from a catalogue of occupations where refugees work
//    (warehouse, cleaning, kitchen, gastronomy, construction, care, retail,
//    metal, drivers, hairdressing, IT), KldB-coded, 15 % as one of the ESCO
//    occupations the KldB code bridges to; codes absent from the reference
//    data or without a skill profile are skipped; 0-5 stated skills from
//    those occupations' optional skills; goal mostly job, training more
//    often without a qualification; 20-40 hours; licence 35 %, car for half
//    of those; commute limit 0 (legal default) for 75 %, else 30/45/60 min;
//    work permitted 93 %; arrival 2015-2025 (peaks 2015/16 and 2022), never
//    after `today`; gender m/f/d.
//  * Employers `E-000001`: size class as above, staff within it; a field of
//    the catalogue; a name built from field, surname, place and legal form
//    ("Metallbau Krüger GmbH"); sector = KldB Berufsbereich of its
//    vacancies. Micro-enterprises post 1 vacancy (2 for one in ten), larger
//    ones several; employers are added until the district's vacancy count
//    is reached.
//  * Vacancies `V-000001`: job / training / internship 75 / 17 / 8 %
//    (training places at skilled level); title = a short job title of the
//    KldB code; occupation KldB, 10 % ESCO; min German by requirement level
//    (helper A2, skilled B1, specialist B2, expert C1), one step lower or
//    higher for 15 % each; the employer's place for nine in ten; openings 1
//    at micro-enterprises, up to 2/3/5 at small/medium/large; licence for
//    professional drivers (KldB 521) and 5 % of others; start within 0-120
//    days of `today`, expiry 30-180 days after `today` and not before the
//    start.
//  * Courses `C-15089-1`: `courses_per_district` language courses per
//    district to B1 (2 in 3) or B2, in its three largest towns in turn,
//    starting within 90 days, 12-26 weeks. No history.
//
// Places: Place.input is the municipality's town-hall postcode when
// ReferenceData::postcode_by_plz knows it and files it under the same
// district, else its 8-digit AGS; point, district_key and name are what a
// loader resolves from that input (postcode -> PostcodeArea, AGS ->
// Municipality), so a written and re-read dataset has the same places.
//
// Deterministic: the same reference data and options give the same dataset on
// every machine and number of threads (own xoshiro256** generator and
// draws in engine/internal/random.h, integer weights, no
// std::*_distribution, no unordered iteration). Serial; the national tier
// (1,000,000 participants, 700,000 vacancies) takes a few seconds.
//
// Example:
//   SyntheticOptions options;
//   options.tier = Tier::kDistrict;
//   options.seed = 7;
//   Result<Dataset> dataset = GenerateSynthetic(reference, options);

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

#endif  // JOBMATCH_ENGINE_SYNTHETIC_H_

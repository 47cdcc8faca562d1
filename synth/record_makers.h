// synth/record_makers.h
//
// Turn district plans into records: coordinators, participants, employers with
// their vacancies, and courses. Each function appends to `dataset` in the
// order of `plans` and draws only from the generator it is given, so the
// caller decides the streams (one per record kind) and the output depends
// only on the reference data, the plans and the seed.
//
// What is drawn (the figures from the anchors, the rest assumptions):
//  * Coordinators `K-15089-1`, "Koordination Salzlandkreis 1": the first two
//    of a district full time (the JOKO pattern), further ones 0.5 FTE with
//    probability 1/4. Capacity for this cycle: about 40 new participants a
//    year per FTE, of which a quarterly cycle leaves a quarter to a half after
//    caseload and follow-ups: uniform in round(40 fte / 4) .. round(40 fte / 2).
//  * Participants `P-000001`: a coordinator of their district (drawn by
//    FTE); home in a municipality of the district drawn by population, at
//    one of its postcode areas (uniform); 1-2
//    occupations of the catalogue, 15 % as one of the ESCO occupations the
//    KldB code bridges to; 0-5 stated skills from those occupations' optional
//    skills; German from the DTZ shares (below A2 split 30 / 70 into A0 / A1;
//    30 % of B1 speakers here five years or more are B2, a fifth of those
//    with an academic degree C1); qualification following the requirement
//    level; goal mostly job, training more often without a qualification;
//    20-40 hours; licence 35 %, car for half of those; commute limit 0 (legal
//    default) for 75 %, else 30/45/60 min; work permitted 93 %; arrival
//    2015-2025 (peaks 2015/16 and 2022), never after `today`; gender m/f/d;
//    country of origin from the protection seekers by nationality (anchors:
//    UA, SY, AF, TR, IQ; the rest over a list with the safe countries of
//    origin); residence status: Ukrainians "sonstiges" (§ 24 AufenthG), the
//    others asylum pending or tolerated in the share of AsylbLG recipients
//    (anchor), else recognised, § 104c or another title; SGB II benefits
//    never with asylum pending or tolerated, else so that each nationality
//    has its published Bürgergeld share (anchor); worked in Germany before
//    (german_work_experience) with the refugees' employment rate after as
//    long in Germany (anchors: 49 % after 5 years, 62 % after 7-8; linear
//    from arrival, flat after 7.5 years).
//  * Employers `E-000001`: size class from the anchors (micro and 250+
//    shares, the rest split 4 : 1 into small and medium), staff within it; a
//    field of the catalogue; a name built from field, surname, place and legal
//    form ("Metallbau Krüger GmbH"); sector = KldB Berufsbereich of its
//    vacancies. Micro-enterprises post 1 vacancy (2 for one in ten), larger
//    ones several; the place drawn like a home; employers are added until
//    the district's vacancy count is
//    reached.
//  * Vacancies `V-000001`: job / training / internship 75 / 17 / 8 %
//    (training places at skilled level, starting on the next 1 August at
//    least 60 days away); title = the job title of the KldB code; occupation
//    KldB, 10 % ESCO; min German by requirement level (helper A2, skilled B1,
//    specialist B2, expert C1), one step lower or higher for 15 % each; the
//    employer's place for nine in ten; openings 1 at micro-enterprises, up to
//    2/3/5 at small/medium/large; licence for professional drivers (KldB 521)
//    and 5 % of others; start within 0-120 days of `today`, expiry 30-180
//    days after `today` and not before the start.
//  * Courses `C-15089-1`: `per_district` language courses per district to B1
//    (2 in 3) or B2, in its three largest towns in turn, starting within 90
//    days, 12-26 weeks.
//
// Example:
//   internal::Rng rng(seed, /*stream=*/1);
//   AddCoordinators(reference, plans, rng, dataset);   // fills plans' coordinators
//   AddParticipants(reference, figures, catalogue, today, plans, participant_rng, dataset);

#ifndef JOBMATCH_SYNTH_RECORD_MAKERS_H_
#define JOBMATCH_SYNTH_RECORD_MAKERS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/internal/random.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "synth/anchors.h"
#include "synth/catalogue.h"
#include "synth/district_plan.h"

namespace jobmatch::synth {

// Adds plan.coordinators coordinators per plan and records their dataset
// indices and FTE weights in the plan (participants are drawn from them).
void AddCoordinators(const ReferenceData& reference,
                     std::vector<DistrictPlan>& plans,
                     internal::Rng& rng,
                     Dataset& dataset);

// Adds plan.participants participants per plan. Needs AddCoordinators first.
void AddParticipants(const ReferenceData& reference,
                     const Figures& figures,
                     const Catalogue& catalogue,
                     Date today,
                     const std::vector<DistrictPlan>& plans,
                     internal::Rng& rng,
                     Dataset& dataset);

// Adds employers per plan, with their vacancies, until the plan's district
// holds plan.vacancies vacancies.
void AddEmployersAndVacancies(const ReferenceData& reference,
                              const Figures& figures,
                              const Catalogue& catalogue,
                              Date today,
                              const std::vector<DistrictPlan>& plans,
                              internal::Rng& rng,
                              Dataset& dataset);

// Adds `per_district` language courses per plan.
void AddCourses(const ReferenceData& reference,
                const std::vector<DistrictPlan>& plans,
                int32_t per_district,
                Date today,
                internal::Rng& rng,
                Dataset& dataset);

// `prefix` followed by `number` in six digits or more: NumberedId("P-", 7) is
// "P-000007".
std::string NumberedId(std::string_view prefix, int64_t number);

}  // namespace jobmatch::synth

#endif  // JOBMATCH_SYNTH_RECORD_MAKERS_H_

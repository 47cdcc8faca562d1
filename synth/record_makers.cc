// synth/record_makers.cc: coordinators, courses and record ids, see
// synth/record_makers.h. Participants are made in participant_maker.cc,
// employers and vacancies in employer_maker.cc.

#include "synth/record_makers.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace jobmatch::synth {
namespace {

// A coordinator takes on about this many participants a year per FTE.
constexpr int32_t kPlacementsPerFteYear = 40;

}  // namespace

std::string NumberedId(std::string_view prefix, int64_t number) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%06lld", static_cast<long long>(number));
  return std::string(prefix) + buffer;
}

// The first two of a district work full time (the JOKO pattern: up to two
// full-time coordinators per district), further ones part time (0.5) with
// probability 1/4. Capacity = new placements this cycle: after current
// caseload and follow-ups a quarterly cycle leaves between a quarter and a
// half of a year's intake, round(40 * fte / 4) .. round(40 * fte / 2).
void AddCoordinators(const ReferenceData& reference,
                     std::vector<DistrictPlan>& plans,
                     internal::Rng& rng,
                     Dataset& dataset) {
  for (DistrictPlan& plan : plans) {
    const District& district = reference.districts[static_cast<size_t>(plan.district)];
    std::vector<int64_t> halves;  // fte in half-time units
    for (int32_t j = 1; j <= plan.coordinators; ++j) {
      const int64_t half_units = (j <= 2 || !rng.Bernoulli(0.25)) ? 2 : 1;
      Coordinator c;
      c.id = "K-" + district.key + "-" + std::to_string(j);
      c.name = "Koordination " + district.name + " " + std::to_string(j);
      c.district = district.key;
      c.fte = static_cast<double>(half_units) / 2.0;
      // 40 * fte / 4 = 5 * half_units, 40 * fte / 2 = 10 * half_units.
      const int64_t lo = kPlacementsPerFteYear * half_units / 8;
      const int64_t hi = kPlacementsPerFteYear * half_units / 4;
      c.capacity = static_cast<int32_t>(rng.Between(lo, hi));
      plan.coordinator_ids.push_back(static_cast<int32_t>(dataset.coordinators.size()));
      dataset.coordinators.push_back(std::move(c));
      halves.push_back(half_units);
    }
    plan.coordinator_by_fte = internal::WeightedTable(halves);
  }
}

// Language courses to B1 (two in three) or B2 in the district's three largest
// towns, in turn, starting within 90 days, 12 to 26 weeks.
void AddCourses(const ReferenceData& reference,
                const std::vector<DistrictPlan>& plans,
                int32_t per_district,
                Date today,
                internal::Rng& rng,
                Dataset& dataset) {
  for (const DistrictPlan& plan : plans) {
    const std::string& key = reference.districts[static_cast<size_t>(plan.district)].key;
    const size_t towns = std::min<size_t>(3, plan.towns.size());
    for (int32_t j = 0; j < per_district; ++j) {
      Course c;
      c.id = "C-" + key + "-" + std::to_string(j + 1);
      c.kind = CourseKind::kLanguage;
      c.target_level = rng.Below(3) < 2 ? CefrLevel::kB1 : CefrLevel::kB2;
      c.place = plan.places[static_cast<size_t>(plan.towns[static_cast<size_t>(j) % towns])];
      c.start_date = Date{today.days + static_cast<int32_t>(rng.Between(0, 90))};
      c.weeks = static_cast<int32_t>(rng.Between(12, 26));
      dataset.courses.push_back(std::move(c));
    }
  }
}

}  // namespace jobmatch::synth

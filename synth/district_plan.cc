// synth/district_plan.cc: districts, sizes and places, see synth/district_plan.h.

#include "synth/district_plan.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "engine/check.h"
#include "loaders/place_resolution.h"

namespace jobmatch::synth {
namespace {

using internal::WeightedTable;

Error UsageError(std::string field, std::string value, std::string message) {
  return MakeError(
      ErrorKind::kUsage, "", 0, std::move(field), std::move(value), std::move(message));
}

// The place a loader resolves from the cell the writers put out, resolved by
// the loaders' own rules: the town hall's postcode when it is a postcode area
// of the same district (the usual way coordinators write a place), else the 8-digit
// AGS.
Place ResolvedPlace(const ReferenceData& reference,
                    const PlaceResolver& places,
                    const Municipality& m) {
  if (reference.postcode_by_plz.contains(m.plz)) {
    PlaceResolution by_postcode = places.Resolve(m.plz);
    if (by_postcode.place && by_postcode.place->district_key == m.district_key) {
      return *std::move(by_postcode.place);
    }
  }
  PlaceResolution by_ags = places.Resolve(m.ags);
  JOBMATCH_CHECK(by_ags.place.has_value())
      << "municipality key " << m.ags << " of the reference data does not resolve";
  return *std::move(by_ags.place);
}

// Squared equirectangular distance in degrees of latitude: enough to find
// the nearest midpoint within one district.
double Distance2(GeoPoint a, GeoPoint b) {
  const double dy = a.lat - b.lat;
  const double dx =
      (a.lon - b.lon) * std::cos((a.lat + b.lat) * 0.5 * 3.14159265358979323846 / 180.0);
  return dx * dx + dy * dy;
}

// plan.postcode_places: each postcode area of the district to the
// municipality with the nearest midpoint (ties: the earlier one), plus each
// municipality's own town-hall place; in postcode order, without repeats.
void SpreadOverPostcodes(const ReferenceData& reference,
                         const PlaceResolver& places,
                         DistrictPlan& plan) {
  const std::string& key = reference.districts[static_cast<size_t>(plan.district)].key;
  std::vector<std::vector<Place>> spread(plan.municipalities.size());
  for (size_t i = 0; i < plan.municipalities.size(); ++i) spread[i].push_back(plan.places[i]);
  for (const PostcodeArea& area : reference.postcodes) {
    if (area.district_key != key) continue;
    size_t nearest = 0;
    double best = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < plan.municipalities.size(); ++i) {
      const double d2 = Distance2(
          area.point, reference.municipalities[static_cast<size_t>(plan.municipalities[i])].point);
      if (d2 < best) {
        best = d2;
        nearest = i;
      }
    }
    if (spread[nearest].front().input == area.plz) continue;  // the town hall's own
    PlaceResolution resolved = places.Resolve(area.plz);
    JOBMATCH_CHECK(resolved.place.has_value())
        << "postcode " << area.plz << " of the reference data does not resolve";
    spread[nearest].push_back(*std::move(resolved.place));
  }
  for (std::vector<Place>& list : spread) {
    std::stable_sort(
        list.begin(), list.end(), [](const Place& a, const Place& b) { return a.input < b.input; });
  }
  plan.postcode_places = std::move(spread);
}

}  // namespace

const Place& DrawPlace(const DistrictPlan& plan, internal::Rng& rng) {
  const std::vector<Place>& list = plan.postcode_places[plan.by_population.Draw(rng)];
  return list[list.size() == 1 ? 0 : rng.Below(list.size())];
}

std::vector<int32_t> Apportion(int64_t total, std::vector<int64_t> weights, int32_t min_each) {
  const size_t n = weights.size();
  std::vector<int32_t> out(n, min_each);
  const int64_t rest = total - static_cast<int64_t>(min_each) * static_cast<int64_t>(n);
  if (n == 0 || rest <= 0) return out;
  int64_t sum = 0;
  for (const int64_t w : weights) sum += w;
  if (sum == 0) {
    std::fill(weights.begin(), weights.end(), 1);
    sum = static_cast<int64_t>(n);
  }
  std::vector<std::pair<int64_t, size_t>> remainders;  // numerator over `sum`
  remainders.reserve(n);
  int64_t given = 0;
  for (size_t i = 0; i < n; ++i) {
    JOBMATCH_CHECK(weights[i] >= 0 && (weights[i] == 0 || rest <= INT64_MAX / weights[i]))
        << "apportionment weight " << weights[i] << " too large";
    const int64_t product = rest * weights[i];
    out[i] += static_cast<int32_t>(product / sum);
    given += product / sum;
    remainders.emplace_back(product % sum, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(), [](const auto& x, const auto& y) {
    return x.first > y.first;
  });
  for (size_t k = 0; given < rest && k < n; ++k, ++given) ++out[remainders[k].second];
  return out;
}

Result<std::vector<std::string>> ChooseDistricts(const ReferenceData& reference,
                                                 const SyntheticOptions& options) {
  std::set<std::string> keys;  // sorted, unique
  if (!options.district_keys.empty()) {
    for (const std::string& key : options.district_keys) {
      if (reference.district_by_key.find(key) == reference.district_by_key.end()) {
        return UsageError("district",
                          key,
                          "a 5-digit district key of the reference data (e.g. 15089 "
                          "Salzlandkreis)");
      }
      keys.insert(key);
    }
  } else if (options.tier == Tier::kDistrict) {
    keys.insert("15089");  // Salzlandkreis
  } else {
    for (const District& d : reference.districts) {
      if (options.tier == Tier::kNational || d.key.rfind("15", 0) == 0) keys.insert(d.key);
    }
  }
  for (const std::string& key : keys) {
    if (reference.district_by_key.find(key) == reference.district_by_key.end()) {
      return UsageError("district",
                        key,
                        "the tier's default district is not in the reference "
                        "data");
    }
  }
  if (keys.empty()) return UsageError("district", "", "no district to draw places from");
  return std::vector<std::string>(keys.begin(), keys.end());
}

Result<Sizes> ChooseSizes(const SyntheticOptions& options, size_t num_districts) {
  if (options.participants < 0 || options.vacancies < 0 || options.coordinators < 0 ||
      options.courses_per_district < 0) {
    return UsageError("size",
                      "",
                      "participants, vacancies, coordinators and courses per "
                      "district must not be negative");
  }
  Sizes sizes;
  switch (options.tier) {
    case Tier::kDistrict:
      sizes = {500, 2'000, 2 * static_cast<int32_t>(num_districts)};
      break;
    case Tier::kState:
      sizes = {30'000, 20'000, 300};
      break;
    case Tier::kNational:
      sizes = {1'000'000, 700'000, 10'000};
      break;
  }
  if (options.participants > 0) sizes.participants = options.participants;
  if (options.vacancies > 0) sizes.vacancies = options.vacancies;
  if (options.coordinators > 0) sizes.coordinators = options.coordinators;
  if (static_cast<size_t>(sizes.coordinators) < num_districts) {
    return UsageError(
        "coordinators",
        std::to_string(sizes.coordinators),
        "at least one coordinator per district (" + std::to_string(num_districts) + " districts)");
  }
  return sizes;
}

Result<std::vector<DistrictPlan>> PlanDistricts(const ReferenceData& reference,
                                                const std::vector<std::string>& keys,
                                                const Figures& figures,
                                                const Sizes& sizes) {
  std::vector<DistrictPlan> plans(keys.size());
  std::map<std::string, size_t> plan_of;
  for (size_t i = 0; i < keys.size(); ++i) {
    plans[i].district = reference.district_by_key.at(keys[i]);
    plan_of.emplace(keys[i], i);
  }
  for (size_t m = 0; m < reference.municipalities.size(); ++m) {
    const auto it = plan_of.find(reference.municipalities[m].district_key);
    if (it != plan_of.end()) plans[it->second].municipalities.push_back(static_cast<int32_t>(m));
  }
  const PlaceResolver places(reference);
  for (DistrictPlan& plan : plans) {
    const std::string& key = reference.districts[static_cast<size_t>(plan.district)].key;
    if (plan.municipalities.empty()) {
      return UsageError("district", key, "the reference data has no municipality in it");
    }
    std::vector<int64_t> population;
    for (const int32_t m : plan.municipalities) {
      const Municipality& municipality = reference.municipalities[static_cast<size_t>(m)];
      population.push_back(std::max<int64_t>(municipality.population, 0));
      plan.places.push_back(ResolvedPlace(reference, places, municipality));
    }
    if (std::all_of(population.begin(), population.end(), [](int64_t p) { return p == 0; })) {
      std::fill(population.begin(), population.end(), 1);
    }
    SpreadOverPostcodes(reference, places, plan);
    plan.by_population = WeightedTable(population);
    for (size_t i = 0; i < population.size(); ++i) plan.towns.push_back(static_cast<int32_t>(i));
    std::stable_sort(plan.towns.begin(), plan.towns.end(), [&](int32_t a, int32_t b) {
      return population[static_cast<size_t>(a)] > population[static_cast<size_t>(b)];
    });
  }

  // Participants follow foreign nationals (Destatis 12521-0040). Districts
  // without a figure count with their population times the national ratio.
  std::map<std::string, int64_t> foreign;
  for (const DistrictPopulationWeight& w : reference.foreign_nationals) {
    foreign[w.district_key] = w.foreign_nationals;
  }
  int64_t foreign_sum = 0, foreign_population = 0;
  // Vacancies follow the registered stock where an anchor gives it, else the
  // population times the stock per inhabitant of the anchored districts.
  double stock_sum = 0;
  int64_t stock_population = 0;
  for (const District& d : reference.districts) {
    if (const auto it = foreign.find(d.key); it != foreign.end() && d.population > 0) {
      foreign_sum += it->second;
      foreign_population += d.population;
    }
    if (const auto it = figures.vacancy_stock.find(d.key);
        it != figures.vacancy_stock.end() && d.population > 0) {
      stock_sum += it->second;
      stock_population += d.population;
    }
  }
  const double foreign_ratio = foreign_population > 0 ? static_cast<double>(foreign_sum) /
                                                            static_cast<double>(foreign_population)
                                                      : 0.0;
  const double stock_ratio =
      stock_population > 0 ? stock_sum / static_cast<double>(stock_population) : 0.0;

  std::vector<int64_t> participant_weights, vacancy_weights;
  for (const DistrictPlan& plan : plans) {
    const District& d = reference.districts[static_cast<size_t>(plan.district)];
    const auto f = foreign.find(d.key);
    participant_weights.push_back(
        f != foreign.end() ? f->second
                           : std::llround(static_cast<double>(d.population) * foreign_ratio));
    const auto s = figures.vacancy_stock.find(d.key);
    vacancy_weights.push_back(std::llround(s != figures.vacancy_stock.end()
                                               ? s->second
                                               : static_cast<double>(d.population) * stock_ratio));
  }
  const std::vector<int32_t> participants = Apportion(sizes.participants, participant_weights, 0);
  const std::vector<int32_t> vacancies = Apportion(sizes.vacancies, vacancy_weights, 0);
  const std::vector<int32_t> coordinators = Apportion(
      sizes.coordinators, std::vector<int64_t>(participants.begin(), participants.end()), 1);
  for (size_t i = 0; i < plans.size(); ++i) {
    plans[i].participants = participants[i];
    plans[i].vacancies = vacancies[i];
    plans[i].coordinators = coordinators[i];
  }
  return plans;
}

}  // namespace jobmatch::synth

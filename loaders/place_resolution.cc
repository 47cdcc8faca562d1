#include "loaders/place_resolution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "loaders/cells.h"
#include "loaders/text_encoding.h"

namespace jobmatch {
namespace {

// Germany's bounding box, generously rounded.
constexpr double kLatMin = 47.0;
constexpr double kLatMax = 55.1;
constexpr double kLonMin = 5.8;
constexpr double kLonMax = 15.1;

PlaceResolution Expected(std::string expected) {
  return {std::nullopt, std::move(expected)};
}

}  // namespace

PlaceResolver::PlaceResolver(const ReferenceData& reference) : reference_(reference) {
  for (size_t i = 0; i < reference.districts.size(); ++i) {
    const std::string folded = FoldName(reference.districts[i].name);
    const auto [it, inserted] = district_by_name_.emplace(folded, static_cast<int32_t>(i));
    if (!inserted) it->second = -1;  // ambiguous name: only keys work
  }
  const std::vector<jobmatch::Municipality>& all = reference.municipalities;
  if (reference.municipalities_by_lat.size() == all.size()) return;
  own_by_lat_.resize(all.size());
  for (size_t i = 0; i < all.size(); ++i) own_by_lat_[i] = static_cast<int32_t>(i);
  std::sort(own_by_lat_.begin(), own_by_lat_.end(), [&](int32_t a, int32_t b) {
    const double la = all[static_cast<size_t>(a)].point.lat;
    const double lb = all[static_cast<size_t>(b)].point.lat;
    return la != lb ? la < lb : a < b;
  });
}

PlaceResolution PlaceResolver::Resolve(std::string_view cell) const {
  const std::string_view text = TrimBlanks(cell);
  std::string_view digits = text;
  // "06406 Bernburg": a postcode followed by the place name.
  if (text.size() > 6 && IsDigits(text.substr(0, 5)) && (text[5] == ' ' || text[5] == '\t') &&
      !IsDigits(TrimBlanks(text.substr(5)).substr(0, 1))) {
    digits = text.substr(0, 5);
  }
  if (IsDigits(digits)) {
    if (digits.size() == 4 || digits.size() == 5) return Postcode(digits, text);
    if (digits.size() == 7 || digits.size() == 8) return Municipality(digits, text);
    return Expected(
        "a 5-digit postcode, an 8-digit municipality key (AGS) or coordinates 'lat lon'");
  }
  const std::optional<GeoPoint> point = ParseCoordinates(text);
  if (!point) {
    return Expected(
        "a 5-digit postcode, an 8-digit municipality key (AGS) or coordinates "
        "'lat lon' (e.g. '51.7946 11.7401')");
  }
  if (point->lat < kLatMin || point->lat > kLatMax || point->lon < kLonMin ||
      point->lon > kLonMax) {
    return Expected(
        "coordinates in Germany (latitude 47 to 55.1, longitude 5.8 to 15.1, "
        "latitude first)");
  }
  Place place;
  place.point = *point;
  place.input = std::string(text);
  if (const int32_t m = NearestMunicipality(*point); m >= 0) {
    const jobmatch::Municipality& municipality = reference_.municipalities[static_cast<size_t>(m)];
    place.district_key = municipality.district_key;
    place.name = municipality.name;
  }
  return {std::move(place), ""};
}

std::optional<std::string> PlaceResolver::District(std::string_view cell) const {
  const std::string_view text = TrimBlanks(cell);
  if (IsDigits(text) && (text.size() == 4 || text.size() == 5)) {
    const std::string key = text.size() == 4 ? "0" + std::string(text) : std::string(text);
    if (reference_.district_by_key.contains(key)) return key;
    return std::nullopt;
  }
  const auto it = district_by_name_.find(FoldName(text));
  if (it == district_by_name_.end() || it->second < 0) return std::nullopt;
  return reference_.districts[static_cast<size_t>(it->second)].key;
}

PlaceResolution PlaceResolver::Postcode(std::string_view digits, std::string_view text) const {
  const std::string plz = digits.size() == 4 ? "0" + std::string(digits) : std::string(digits);
  const auto it = reference_.postcode_by_plz.find(plz);
  if (it == reference_.postcode_by_plz.end()) {
    // Not a postcode area of the reference data: a municipality's town-hall
    // postcode still names that municipality (the most populous of those
    // sharing it; ties: the lower index).
    int32_t best = -1;
    const std::vector<jobmatch::Municipality>& all = reference_.municipalities;
    for (size_t m = 0; m < all.size(); ++m) {
      if (all[m].plz == plz &&
          (best < 0 || all[m].population > all[static_cast<size_t>(best)].population)) {
        best = static_cast<int32_t>(m);
      }
    }
    if (best < 0) return Expected("a German postcode (this one is not in the reference data)");
    const jobmatch::Municipality& m = all[static_cast<size_t>(best)];
    return {Place{m.point, m.district_key, m.name, std::string(text)}, ""};
  }
  const PostcodeArea& area = reference_.postcodes[static_cast<size_t>(it->second)];
  return {Place{area.point, area.district_key, area.name, std::string(text)}, ""};
}

PlaceResolution PlaceResolver::Municipality(std::string_view digits, std::string_view text) const {
  const std::string ags = digits.size() == 7 ? "0" + std::string(digits) : std::string(digits);
  const auto it = reference_.municipality_by_ags.find(ags);
  if (it == reference_.municipality_by_ags.end()) {
    return Expected("a municipality key (Gemeindeschlüssel, 8 digits) in the reference data");
  }
  const jobmatch::Municipality& m = reference_.municipalities[static_cast<size_t>(it->second)];
  return {Place{m.point, m.district_key, m.name, std::string(text)}, ""};
}

// Index of the municipality nearest to `p` (ties: lower index), -1 if none.
int32_t PlaceResolver::NearestMunicipality(GeoPoint p) const {
  const std::vector<jobmatch::Municipality>& all = reference_.municipalities;
  if (all.empty()) return -1;
  const double lon_scale = std::cos(p.lat * 3.14159265358979323846 / 180.0);
  double best_d2 = std::numeric_limits<double>::infinity();
  int32_t best = -1;
  auto consider = [&](int32_t m) {
    const GeoPoint q = all[static_cast<size_t>(m)].point;
    const double dy = q.lat - p.lat;
    const double dx = (q.lon - p.lon) * lon_scale;
    const double d2 = dx * dx + dy * dy;
    if (d2 < best_d2 || (d2 == best_d2 && m < best)) {
      best_d2 = d2;
      best = m;
    }
  };
  const std::vector<int32_t>& by_lat = ByLatitude();
  const auto start =
      std::lower_bound(by_lat.begin(), by_lat.end(), p.lat, [&](int32_t m, double lat) {
        return all[static_cast<size_t>(m)].point.lat < lat;
      });
  for (auto it = start; it != by_lat.end(); ++it) {
    const double dy = all[static_cast<size_t>(*it)].point.lat - p.lat;
    if (dy * dy > best_d2) break;
    consider(*it);
  }
  for (auto it = start; it != by_lat.begin();) {
    --it;
    const double dy = all[static_cast<size_t>(*it)].point.lat - p.lat;
    if (dy * dy > best_d2) break;
    consider(*it);
  }
  return best;
}

PlaceResolution ResolvePlace(const ReferenceData& reference, std::string_view cell) {
  return PlaceResolver(reference).Resolve(cell);
}

}  // namespace jobmatch

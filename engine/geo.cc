#include "engine/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/check.h"

namespace jobmatch {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;
constexpr double kRadToDeg = 180.0 / std::numbers::pi;
constexpr double kKmPerDegree = kEarthRadiusKm * kDegToRad;
constexpr int64_t kMaxCells = 4'000'000;
// Guards the bounding box against rounding in the degree arithmetic.
constexpr double kMarginDeg = 1e-7;

int32_t ClampIndex(double value, int32_t count) {
  if (value < 0.0) return 0;
  if (value >= static_cast<double>(count)) return count - 1;
  return static_cast<int32_t>(value);
}

}  // namespace

UnitVector ToUnitVector(GeoPoint point) {
  const double lat = point.lat * kDegToRad;
  const double lon = point.lon * kDegToRad;
  const double c = std::cos(lat);
  return UnitVector{c * std::cos(lon), c * std::sin(lon), std::sin(lat)};
}

double ChordSquaredFromKm(double km) {
  if (km <= 0.0) return 0.0;
  const double angle = km / kEarthRadiusKm;
  if (angle >= std::numbers::pi) return 4.0;
  const double half = std::sin(0.5 * angle);
  return 4.0 * half * half;
}

double HaversineKm(GeoPoint a, GeoPoint b) {
  return KmFromChordSquared(ChordSquared(ToUnitVector(a), ToUnitVector(b)));
}

double CommuteMinutes(double straight_km, bool by_car, const CommuteModel& model) {
  const double road_km = straight_km * model.road_detour_factor;
  if (by_car) return road_km / model.car_speed_kmh * 60.0;
  return road_km / model.transit_speed_kmh * 60.0 + model.transit_wait_minutes;
}

double ReachKm(double minutes, bool by_car, const CommuteModel& model) {
  const double moving = by_car ? minutes : minutes - model.transit_wait_minutes;
  if (moving <= 0.0) return 0.0;
  const double speed = by_car ? model.car_speed_kmh : model.transit_speed_kmh;
  return moving / 60.0 * speed / model.road_detour_factor;
}

GridIndex BuildGridIndex(std::span<const GeoPoint> points, double cell_km) {
  JOBMATCH_CHECK(cell_km > 0.0) << "cell_km = " << cell_km;
  GridIndex grid;
  if (points.empty()) {
    grid.cell_begin.assign(1, 0);
    return grid;
  }
  double min_lat = points[0].lat, max_lat = points[0].lat;
  double min_lon = points[0].lon, max_lon = points[0].lon;
  for (const GeoPoint& p : points) {
    min_lat = std::min(min_lat, p.lat);
    max_lat = std::max(max_lat, p.lat);
    min_lon = std::min(min_lon, p.lon);
    max_lon = std::max(max_lon, p.lon);
  }
  const double mid_lat = 0.5 * (min_lat + max_lat);
  double cell_lat = cell_km / kKmPerDegree;
  double cell_lon = cell_lat / std::max(std::cos(mid_lat * kDegToRad), 0.05);
  auto count = [](double extent, double cell) {
    return static_cast<int64_t>(std::floor(extent / cell)) + 1;
  };
  int64_t rows = count(max_lat - min_lat, cell_lat);
  int64_t cols = count(max_lon - min_lon, cell_lon);
  if (rows * cols > kMaxCells) {
    const double scale = std::sqrt(static_cast<double>(rows * cols) / kMaxCells) * 1.01;
    cell_lat *= scale;
    cell_lon *= scale;
    rows = count(max_lat - min_lat, cell_lat);
    cols = count(max_lon - min_lon, cell_lon);
  }
  grid.min_lat = min_lat;
  grid.min_lon = min_lon;
  grid.cell_lat_deg = cell_lat;
  grid.cell_lon_deg = cell_lon;
  grid.rows = static_cast<int32_t>(rows);
  grid.cols = static_cast<int32_t>(cols);

  const size_t num_cells = static_cast<size_t>(rows * cols);
  grid.cell_of.resize(points.size());
  std::vector<int32_t> counts(num_cells + 1, 0);
  for (size_t i = 0; i < points.size(); ++i) {
    const int32_t r = ClampIndex((points[i].lat - min_lat) / cell_lat, grid.rows);
    const int32_t c = ClampIndex((points[i].lon - min_lon) / cell_lon, grid.cols);
    const int32_t cell = r * grid.cols + c;
    grid.cell_of[i] = cell;
    ++counts[static_cast<size_t>(cell) + 1];
  }
  for (size_t i = 1; i <= num_cells; ++i) counts[i] += counts[i - 1];
  grid.cell_begin = counts;
  grid.items.resize(points.size());
  for (size_t i = 0; i < points.size(); ++i) {  // ascending i keeps cells sorted
    grid.items[static_cast<size_t>(counts[static_cast<size_t>(grid.cell_of[i])]++)] =
        static_cast<int32_t>(i);
  }
  return grid;
}

namespace {

// Largest longitude half-width (radians) of the spherical cap of angular
// radius `angle` around latitude lat0 over the latitude band [lo, hi]
// (radians), or pi if the band reaches where the cap covers every longitude.
// The half-width grows up to latitude asin(sin lat0 / cos angle) and shrinks
// beyond it, so the band maximum is at the band point closest to that
// latitude; the band ends are evaluated too, for safety.
double CapHalfWidth(double lat0, double angle, double lo, double hi) {
  const double cos_angle = std::cos(angle);
  auto half_width = [&](double lat) {
    const double denominator = std::cos(lat) * std::cos(lat0);
    if (denominator <= 0.0) return std::numbers::pi;
    const double arg = (cos_angle - std::sin(lat) * std::sin(lat0)) / denominator;
    if (arg >= 1.0) return 0.0;
    if (arg <= -1.0) return std::numbers::pi;
    return std::acos(arg);
  };
  const double widest = std::asin(std::clamp(std::sin(lat0) / cos_angle, -1.0, 1.0));
  return std::max({half_width(lo), half_width(hi), half_width(std::clamp(widest, lo, hi))});
}

}  // namespace

void CellRangesNear(const GridIndex& grid,
                    GeoPoint center,
                    double radius_km,
                    std::vector<ItemRange>* ranges) {
  ranges->clear();
  if (grid.rows == 0 || radius_km < 0.0) return;
  const double angle = radius_km / kEarthRadiusKm;
  const double dlat = angle * kRadToDeg + kMarginDeg;
  const double lat_lo = center.lat - dlat;
  const double lat_hi = center.lat + dlat;
  const bool all_lon = angle >= std::numbers::pi / 2 || lat_hi >= 90.0 || lat_lo <= -90.0;
  const double row_lo = std::floor((lat_lo - grid.min_lat) / grid.cell_lat_deg);
  const double row_hi = std::floor((lat_hi - grid.min_lat) / grid.cell_lat_deg);
  if (row_hi < 0.0 || row_lo >= grid.rows) return;
  const int32_t r0 = ClampIndex(row_lo, grid.rows);
  const int32_t r1 = ClampIndex(row_hi, grid.rows);

  // Column ranges of one row, longitudes wrapped into [-180, 180].
  struct Cols {
    int32_t lo, hi;
  };
  std::vector<Cols> cols;
  auto add_interval = [&](double lon_lo, double lon_hi) {
    const double c_lo = std::floor((lon_lo - grid.min_lon) / grid.cell_lon_deg);
    const double c_hi = std::floor((lon_hi - grid.min_lon) / grid.cell_lon_deg);
    if (c_hi < 0.0 || c_lo >= grid.cols) return;
    cols.push_back({ClampIndex(c_lo, grid.cols), ClampIndex(c_hi, grid.cols)});
  };
  for (int32_t r = r0; r <= r1; ++r) {
    cols.clear();
    // The row's latitude band within the circle's (first and last rows open-ended).
    const double band_lo =
        r == 0 ? lat_lo : std::max(lat_lo, grid.min_lat + r * grid.cell_lat_deg - kMarginDeg);
    const double band_hi =
        r == grid.rows - 1
            ? lat_hi
            : std::min(lat_hi, grid.min_lat + (r + 1) * grid.cell_lat_deg + kMarginDeg);
    const double half =
        all_lon
            ? std::numbers::pi
            : CapHalfWidth(center.lat * kDegToRad, angle, band_lo * kDegToRad, band_hi * kDegToRad);
    if (half >= std::numbers::pi) {
      cols.push_back({0, grid.cols - 1});
    } else {
      const double dlon = (half + 1e-6) * kRadToDeg;  // 1e-6 rad: acos rounding near 1
      const double lon_lo = center.lon - dlon;
      const double lon_hi = center.lon + dlon;
      if (lon_lo < -180.0) {
        add_interval(-180.0, lon_hi);
        add_interval(lon_lo + 360.0, 180.0);
      } else if (lon_hi > 180.0) {
        add_interval(-180.0, lon_hi - 360.0);
        add_interval(lon_lo, 180.0);
      } else {
        add_interval(lon_lo, lon_hi);
      }
      std::sort(cols.begin(), cols.end(), [](Cols a, Cols b) { return a.lo < b.lo; });
      if (cols.size() == 2 && cols[1].lo <= cols[0].hi + 1) {  // merge touching ranges
        cols[0].hi = std::max(cols[0].hi, cols[1].hi);
        cols.pop_back();
      }
    }
    const size_t row_base = static_cast<size_t>(r) * static_cast<size_t>(grid.cols);
    for (const Cols& c : cols) {
      const ItemRange range{grid.cell_begin[row_base + static_cast<size_t>(c.lo)],
                            grid.cell_begin[row_base + static_cast<size_t>(c.hi) + 1]};
      if (range.first < range.last) ranges->push_back(range);
    }
  }
}

std::vector<int32_t> PointsWithin(const GridIndex& grid,
                                  std::span<const GeoPoint> points,
                                  GeoPoint center,
                                  double radius_km) {
  std::vector<int32_t> found;
  std::vector<ItemRange> ranges;
  CellRangesNear(grid, center, radius_km, &ranges);
  const UnitVector c = ToUnitVector(center);
  const double limit = ChordSquaredFromKm(radius_km);
  for (const ItemRange& range : ranges) {
    for (int32_t k = range.first; k < range.last; ++k) {
      const int32_t i = grid.items[static_cast<size_t>(k)];
      if (ChordSquared(c, ToUnitVector(points[static_cast<size_t>(i)])) <= limit) {
        found.push_back(i);
      }
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace jobmatch

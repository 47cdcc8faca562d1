// engine/geo.h
//
// Distances on the Earth, commute estimates, and a uniform grid over points
// so that the scorer looks only at vacancies within commuting reach.
//
// Distance. Great-circle distance on a sphere of radius kEarthRadiusKm. It is
// computed from the squared chord between unit vectors: the haversine of the
// central angle is chord^2 / 4, so HaversineKm is the haversine formula with
// the trigonometry moved to ToUnitVector (once per point) and one asin per
// pair. Radius tests compare squared chords, which is monotone in distance.
//
// Commute. minutes = straight km * road_detour_factor / speed * 60, plus
// transit_wait_minutes by public transport. ReachKm is the inverse: the
// longest straight-line distance whose estimate stays within a limit.
//
// Grid. Cells of equal size in degrees (about cell_km on a side at the data's
// middle latitude), points stored cell by cell, index ascending within a cell.
// A query visits, row by row, the cells the circle can reach (longitudes
// wrap at +-180); callers filter the exact distance.
//
// Example:
//   const GridIndex grid = BuildGridIndex(points, 10.0);
//   for (int32_t i : PointsWithin(grid, points, home, 25.0)) ...  // ascending

#ifndef JOBMATCH_ENGINE_GEO_H_
#define JOBMATCH_ENGINE_GEO_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/records.h"

namespace jobmatch {

inline constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

struct UnitVector {
  double x = 0.0;
  double y = 0.0;
  double z = 0.0;
};

UnitVector ToUnitVector(GeoPoint point);

// Squared length of the chord between two unit vectors, in [0, 4].
inline double ChordSquared(const UnitVector& a, const UnitVector& b) {
  const double dx = a.x - b.x;
  const double dy = a.y - b.y;
  const double dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}

// A lower bound of KmFromChordSquared() in floating point, without its
// series: the same first factor, 2 R x (asin x >= x, and the series is >= 1).
inline double KmLowerBoundFromChordSquared(double chord_squared) {
  const double x = 0.5 * std::sqrt(std::max(chord_squared, 0.0));
  return 2.0 * kEarthRadiusKm * x;
}

// Great-circle km for a squared unit chord: 2 R asin(chord / 2). Below a
// half-chord of 0.02 (about 255 km) the Taylor series of asin to x^9 is exact
// to double precision (the next term is < 1e-19 relative) and saves the
// library call in the scorer's per-pair loop. Inline for that loop.
inline double KmFromChordSquared(double chord_squared) {
  const double x = 0.5 * std::sqrt(std::max(chord_squared, 0.0));
  if (x < 0.02) {
    const double x2 = x * x;
    return 2.0 * kEarthRadiusKm * x *
           (1.0 + x2 * (1.0 / 6.0 + x2 * (3.0 / 40.0 + x2 * (5.0 / 112.0 + x2 * (35.0 / 1152.0)))));
  }
  return 2.0 * kEarthRadiusKm * std::asin(std::min(x, 1.0));
}
// The inverse, for thresholds: distance <= km exactly when
// ChordSquared <= ChordSquaredFromKm(km) (both are monotone).
double ChordSquaredFromKm(double km);

// Great-circle distance in km.
double HaversineKm(GeoPoint a, GeoPoint b);

struct CommuteModel {
  double car_speed_kmh = 50.0;
  double transit_speed_kmh = 22.0;
  double road_detour_factor = 1.3;  // road/track km per straight-line km
  double transit_wait_minutes = 10.0;
};

// Estimated one-way minutes for a straight-line distance.
double CommuteMinutes(double straight_km, bool by_car, const CommuteModel& model);
// Longest straight-line km whose CommuteMinutes is <= minutes; 0 if even a
// zero distance takes longer (transit wait above the limit).
double ReachKm(double minutes, bool by_car, const CommuteModel& model);

struct GridIndex {
  double min_lat = 0.0;
  double min_lon = 0.0;
  double cell_lat_deg = 1.0;
  double cell_lon_deg = 1.0;
  int32_t rows = 0;
  int32_t cols = 0;
  std::vector<int32_t> cell_begin;  // size rows * cols + 1, offsets into items
  std::vector<int32_t> items;       // point indices by cell (row-major), ascending within
  // Cell of each point (row * cols + col), size = number of points.
  std::vector<int32_t> cell_of;
};

// Builds the grid over `points`. cell_km > 0. Very wide extents get larger
// cells so that the grid never exceeds a few million cells.
GridIndex BuildGridIndex(std::span<const GeoPoint> points, double cell_km);

// The half-open range [first, last) of grid.items for each cell visited.
struct ItemRange {
  int32_t first = 0;
  int32_t last = 0;
};
// Ranges of every cell that may hold a point within radius_km of center: per
// cell row, the columns the circle spans inside that row's latitude band
// (exact spherical-cap widths plus a small margin), in row-major cell order.
// A superset of the points within; callers filter the exact distance.
void CellRangesNear(const GridIndex& grid,
                    GeoPoint center,
                    double radius_km,
                    std::vector<ItemRange>* ranges);

// Indices of the points within radius_km of center (inclusive), ascending.
std::vector<int32_t> PointsWithin(const GridIndex& grid,
                                  std::span<const GeoPoint> points,
                                  GeoPoint center,
                                  double radius_km);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_GEO_H_

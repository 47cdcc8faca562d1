#include "engine/geo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "tests/engine/scoring_fixtures.h"

namespace jobmatch {
namespace {

using fixtures::TestRng;

// The textbook haversine formula, written independently of geo.cc.
double TextbookHaversineKm(GeoPoint a, GeoPoint b) {
  const double r = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * r;
  const double dlon = (b.lon - a.lon) * r;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * r) * std::cos(b.lat * r) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

TEST(HaversineKm, MatchesKnownDistances) {
  // One degree of longitude on the equator, and pole to pole.
  EXPECT_NEAR(HaversineKm({0, 0}, {0, 1}), kEarthRadiusKm * std::numbers::pi / 180.0, 1e-9);
  EXPECT_NEAR(HaversineKm({90, 0}, {-90, 0}), kEarthRadiusKm * std::numbers::pi, 1e-6);
  // Berlin to Munich, about 504 km.
  EXPECT_NEAR(HaversineKm({52.5200, 13.4050}, {48.1351, 11.5820}), 504.2, 0.5);
  EXPECT_EQ(HaversineKm(fixtures::kBernburg, fixtures::kBernburg), 0.0);
}

TEST(HaversineKm, AgreesWithTheTextbookFormulaAndIsSymmetric) {
  TestRng rng(11);
  for (int i = 0; i < 2000; ++i) {
    const GeoPoint a{rng.Unit() * 170 - 85, rng.Unit() * 360 - 180};
    // Mostly short distances (the commute range), some long ones.
    const double spread = i % 4 == 0 ? 60.0 : 0.5;
    const GeoPoint b{std::clamp(a.lat + (rng.Unit() * 2 - 1) * spread, -89.9, 89.9),
                     a.lon + (rng.Unit() * 2 - 1) * spread};
    const double expected = TextbookHaversineKm(a, b);
    EXPECT_NEAR(HaversineKm(a, b), expected, 1e-9 * std::max(1.0, expected));
    EXPECT_EQ(HaversineKm(a, b), HaversineKm(b, a));
  }
}

TEST(ChordSquaredFromKm, InvertsKmFromChordSquaredAndIsMonotone) {
  double last = -1.0;
  for (double km : {0.0, 0.001, 1.0, 17.5, 48.0, 250.0, 255.0, 300.0, 5000.0, 20000.0}) {
    const double c2 = ChordSquaredFromKm(km);
    EXPECT_GT(c2, last);
    last = c2;
    EXPECT_NEAR(KmFromChordSquared(c2), km, 1e-9 * std::max(1.0, km));
  }
  EXPECT_EQ(ChordSquaredFromKm(-3.0), 0.0);
  EXPECT_EQ(ChordSquaredFromKm(1e9), 4.0);
}

// The scorer skips pairs by this bound: it must never exceed the distance,
// in floating point, at any chord (the series below 255 km, asin above).
TEST(KmLowerBoundFromChordSquared, NeverExceedsTheDistanceAndIsClose) {
  TestRng rng(12);
  for (int i = 0; i < 200'000; ++i) {
    const double c2 = i % 3 == 0 ? rng.Unit() * 4.0 : rng.Unit() * rng.Unit() * 1e-4;
    const double lower = KmLowerBoundFromChordSquared(c2);
    const double km = KmFromChordSquared(c2);
    ASSERT_LE(lower, km) << "c2 " << c2;
    if (km < 100.0) {
      EXPECT_NEAR(lower, km, 1e-5 * km);  // x^2 / 6 of the distance
    }
  }
  for (double c2 : {0.0, -1e-300, 4.0, 4.0000000000000009, ChordSquaredFromKm(255.0)}) {
    EXPECT_LE(KmLowerBoundFromChordSquared(c2), KmFromChordSquared(c2)) << c2;
  }
}

TEST(CommuteMinutes, UsesDetourSpeedAndTransitWait) {
  const CommuteModel model;  // 50 km/h car, 22 km/h transit, detour 1.3, wait 10
  EXPECT_NEAR(CommuteMinutes(10.0, true, model), 10.0 * 1.3 / 50.0 * 60.0, 1e-12);  // 15.6
  EXPECT_NEAR(CommuteMinutes(10.0, false, model), 10.0 * 1.3 / 22.0 * 60.0 + 10.0, 1e-12);
  EXPECT_EQ(CommuteMinutes(0.0, true, model), 0.0);
  EXPECT_EQ(CommuteMinutes(0.0, false, model), 10.0);
}

TEST(ReachKm, IsTheInverseOfCommuteMinutes) {
  const CommuteModel model;
  for (bool car : {true, false}) {
    for (double minutes : {15.0, 45.0, 60.0, 75.0, 120.0}) {
      EXPECT_NEAR(CommuteMinutes(ReachKm(minutes, car, model), car, model), minutes, 1e-9);
    }
  }
  EXPECT_EQ(ReachKm(8.0, false, model), 0.0);  // the wait alone is longer
}

std::vector<int32_t> BruteForceWithin(const std::vector<GeoPoint>& points,
                                      GeoPoint center,
                                      double radius_km) {
  std::vector<int32_t> out;
  const double limit = ChordSquaredFromKm(radius_km);
  for (size_t i = 0; i < points.size(); ++i) {
    if (ChordSquared(ToUnitVector(center), ToUnitVector(points[i])) <= limit) {
      out.push_back(static_cast<int32_t>(i));
    }
  }
  return out;
}

TEST(PointsWithin, EqualsBruteForceAroundGermany) {
  TestRng rng(5);
  std::vector<GeoPoint> points;
  for (int i = 0; i < 3000; ++i) {
    points.push_back({47.3 + rng.Unit() * 7.7, 5.9 + rng.Unit() * 9.1});
  }
  for (double cell_km : {2.0, 10.0, 37.0}) {
    const GridIndex grid = BuildGridIndex(points, cell_km);
    for (int q = 0; q < 200; ++q) {
      const GeoPoint center{46.5 + rng.Unit() * 9.5, 5.0 + rng.Unit() * 11.0};
      const double radius = rng.Unit() * 80.0;
      EXPECT_EQ(PointsWithin(grid, points, center, radius),
                BruteForceWithin(points, center, radius))
          << "cell " << cell_km << " query " << q;
    }
  }
}

TEST(PointsWithin, EqualsBruteForceAcrossTheAntimeridianAndNearThePoles) {
  TestRng rng(9);
  std::vector<GeoPoint> points;
  for (int i = 0; i < 2000; ++i) {
    const double lon = rng.Chance(0.5) ? 175.0 + rng.Unit() * 5.0 : -180.0 + rng.Unit() * 5.0;
    const double lat = rng.Chance(0.3) ? 85.0 + rng.Unit() * 4.9 : -10.0 + rng.Unit() * 20.0;
    points.push_back({lat, lon});
  }
  const GridIndex grid = BuildGridIndex(points, 25.0);
  for (int q = 0; q < 300; ++q) {
    const GeoPoint center = points[static_cast<size_t>(rng.Below(2000))];
    const double radius = rng.Unit() * 400.0;
    EXPECT_EQ(PointsWithin(grid, points, center, radius), BruteForceWithin(points, center, radius));
  }
}

TEST(PointsWithin, EqualsBruteForceForCirclesOfAnySizeAnywhere) {
  TestRng rng(13);
  std::vector<GeoPoint> points;
  for (int i = 0; i < 4000; ++i)
    points.push_back({rng.Unit() * 179.8 - 89.9, rng.Unit() * 360 - 180});
  for (double cell_km : {50.0, 300.0}) {
    const GridIndex grid = BuildGridIndex(points, cell_km);
    for (int q = 0; q < 300; ++q) {
      const GeoPoint center{rng.Unit() * 179.8 - 89.9, rng.Unit() * 360 - 180};
      const double radius = q % 3 == 0 ? rng.Unit() * 12000.0 : rng.Unit() * 1500.0;
      EXPECT_EQ(PointsWithin(grid, points, center, radius),
                BruteForceWithin(points, center, radius))
          << "cell " << cell_km << " center " << center.lat << "," << center.lon << " r " << radius;
    }
  }
}

TEST(CellRangesNear, VisitsFarFewerPointsThanTheWholeGrid) {
  TestRng rng(17);
  std::vector<GeoPoint> points;
  for (int i = 0; i < 20000; ++i)
    points.push_back({47.3 + rng.Unit() * 7.7, 5.9 + rng.Unit() * 9.1});
  const GridIndex grid = BuildGridIndex(points, 10.0);
  std::vector<ItemRange> ranges;
  CellRangesNear(grid, {51.8, 11.7}, 30.0, &ranges);
  int64_t visited = 0;
  for (const ItemRange& r : ranges) visited += r.last - r.first;
  const auto within = static_cast<int64_t>(PointsWithin(grid, points, {51.8, 11.7}, 30.0).size());
  EXPECT_GE(visited, within);
  EXPECT_LT(visited, 2 * within);  // the circle, not the country
}

TEST(BuildGridIndex, ListsEveryPointOnceInAscendingOrderWithinACell) {
  TestRng rng(3);
  std::vector<GeoPoint> points;
  for (int i = 0; i < 500; ++i) points.push_back({51.0 + rng.Unit(), 11.0 + rng.Unit()});
  points.push_back(points[7]);  // duplicates share a cell
  const GridIndex grid = BuildGridIndex(points, 5.0);
  ASSERT_EQ(grid.cell_begin.size(), static_cast<size_t>(grid.rows) * grid.cols + 1);
  ASSERT_EQ(grid.items.size(), points.size());
  std::vector<int> seen(points.size(), 0);
  for (size_t cell = 0; cell + 1 < grid.cell_begin.size(); ++cell) {
    for (int32_t k = grid.cell_begin[cell]; k < grid.cell_begin[cell + 1]; ++k) {
      const int32_t i = grid.items[static_cast<size_t>(k)];
      ++seen[static_cast<size_t>(i)];
      EXPECT_EQ(grid.cell_of[static_cast<size_t>(i)], static_cast<int32_t>(cell));
      if (k > grid.cell_begin[cell]) {
        EXPECT_LT(grid.items[static_cast<size_t>(k) - 1], i);
      }
    }
  }
  for (int count : seen) EXPECT_EQ(count, 1);
  EXPECT_EQ(grid.cell_of[500], grid.cell_of[7]);
}

TEST(BuildGridIndex, HandlesNoPointsAndASinglePlace) {
  const GridIndex empty = BuildGridIndex({}, 10.0);
  EXPECT_TRUE(PointsWithin(empty, {}, fixtures::kBernburg, 100.0).empty());
  const std::vector<GeoPoint> same(5, fixtures::kBernburg);
  const GridIndex grid = BuildGridIndex(same, 10.0);
  EXPECT_EQ(grid.rows, 1);
  EXPECT_EQ(grid.cols, 1);
  EXPECT_EQ(PointsWithin(grid, same, fixtures::kBernburg, 0.0),
            (std::vector<int32_t>{0, 1, 2, 3, 4}));
}

TEST(BuildGridIndex, KeepsTheWholeWorldToABoundedNumberOfCells) {
  const std::vector<GeoPoint> corners = {{-89, -179}, {89, 179}, {0, 0}};
  const GridIndex grid = BuildGridIndex(corners, 0.5);
  EXPECT_LE(static_cast<int64_t>(grid.rows) * grid.cols, 4'000'000);
  EXPECT_EQ(PointsWithin(grid, corners, {0.1, 0.1}, 50.0), (std::vector<int32_t>{2}));
}

}  // namespace
}  // namespace jobmatch

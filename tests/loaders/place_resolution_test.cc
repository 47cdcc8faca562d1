// Tests loaders/place_resolution.h on the small hand-built reference data.

#include "loaders/place_resolution.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/geo.h"
#include "loaders/reference_loader.h"
#include "tests/loaders/loader_test_support.h"

namespace jobmatch {
namespace {

using ::testing::HasSubstr;
using namespace ::jobmatch::testing_support;  // NOLINT: test helpers

TEST(PlaceResolver, ResolvesPostcodesAndRestoresTheLeadingZeroExcelDropped) {
  const ReferenceData reference = SmallReference();
  const PlaceResolver places(reference);
  for (const char* text : {"06406", "6406", " 06406 ", "06406 Bernburg (Saale)"}) {
    const PlaceResolution r = places.Resolve(text);
    ASSERT_TRUE(r.place) << text << ": " << r.expected;
    EXPECT_EQ(r.place->name, "Bernburg") << text;
    EXPECT_EQ(r.place->district_key, "15089") << text;
    EXPECT_TRUE(r.expected.empty());
  }
  EXPECT_EQ(places.Resolve("6406").place->input, "6406");  // as written
}

TEST(PlaceResolver, GivesEachPostcodeItsOwnPointNotTheMunicipalitys) {
  // The real reference data: two postcodes of Leipzig are two places.
  const Result<ReferenceData> loaded = LoadReferenceData(DefaultReferenceDir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  const ReferenceData& reference = loaded.value();
  const PlaceResolver places(reference);
  const PlaceResolution centre = places.Resolve("04109");
  const PlaceResolution west = places.Resolve("04177");
  const PlaceResolution city = places.Resolve("14713000");
  ASSERT_TRUE(centre.place && west.place && city.place);
  EXPECT_EQ(centre.place->district_key, "14713");
  EXPECT_EQ(west.place->district_key, "14713");
  EXPECT_GT(HaversineKm(centre.place->point, west.place->point), 2.0);
  EXPECT_NE(centre.place->point, city.place->point);
  // Each is the postcode area's own point from postcodes.csv.
  const PostcodeArea& area =
      reference.postcodes[static_cast<size_t>(reference.postcode_by_plz.at("04177"))];
  EXPECT_EQ(west.place->point, area.point);
}

TEST(PlaceResolver, FallsBackToTheMunicipalityForATownHallPostcodeWithoutArea) {
  // 06420 (Könnern's town hall) is no postcode area of the small reference.
  const ReferenceData reference = SmallReference();
  ASSERT_FALSE(reference.postcode_by_plz.contains("06420"));
  const PlaceResolution r = PlaceResolver(reference).Resolve("06420");
  ASSERT_TRUE(r.place) << r.expected;
  EXPECT_EQ(r.place->name, "Könnern, Stadt");
  EXPECT_EQ(r.place->district_key, "15089");
  EXPECT_EQ(r.place->point.lat, 51.670127);
  EXPECT_EQ(r.place->input, "06420");
  EXPECT_FALSE(PlaceResolver(reference).Resolve("06421").place);
}

TEST(PlaceResolver, WorksWithoutTheReferencesLatitudeIndex) {
  ReferenceData reference = SmallReference();
  reference.municipalities_by_lat.clear();  // lookups not built
  const PlaceResolution r = PlaceResolver(reference).Resolve("51,85 11,58");
  ASSERT_TRUE(r.place) << r.expected;
  EXPECT_EQ(r.place->name, "Staßfurt, Stadt");
}

TEST(PlaceResolver, ResolvesMunicipalityKeysWithAndWithoutTheLeadingZero) {
  const ReferenceData reference = SmallReference();
  const PlaceResolver places(reference);
  const PlaceResolution r = places.Resolve("15089030");
  ASSERT_TRUE(r.place) << r.expected;
  EXPECT_EQ(r.place->name, "Bernburg (Saale), Stadt");
  EXPECT_FALSE(places.Resolve("99999999").place);
}

TEST(PlaceResolver, SnapsCoordinatesToTheNearestMunicipality) {
  const ReferenceData reference = SmallReference();
  const PlaceResolution r = PlaceResolver(reference).Resolve("51,85 11,58");
  ASSERT_TRUE(r.place) << r.expected;
  EXPECT_EQ(r.place->name, "Staßfurt, Stadt");
  EXPECT_EQ(r.place->point.lat, 51.85);
}

TEST(PlaceResolver, SaysWhatWasExpectedForWhatItCannotResolve) {
  const ReferenceData reference = SmallReference();
  const PlaceResolver places(reference);
  EXPECT_THAT(places.Resolve("12345").expected, HasSubstr("not in the reference data"));
  EXPECT_THAT(places.Resolve("Bernburg").expected, HasSubstr("5-digit postcode"));
  EXPECT_THAT(places.Resolve("48.85 2.35").expected, HasSubstr("in Germany"));
  EXPECT_THAT(places.Resolve("123").expected, HasSubstr("5-digit postcode"));
}

TEST(PlaceResolver, ResolvesDistrictsByKeyOrExactName) {
  const ReferenceData reference = SmallReference();
  const PlaceResolver places(reference);
  EXPECT_EQ(places.District("15089"), "15089");
  EXPECT_EQ(places.District("salzlandkreis"), "15089");
  EXPECT_FALSE(places.District("99999"));
  EXPECT_FALSE(places.District("Harz"));
}

TEST(ResolvePlace, GivesTheSameAnswerAsAResolver) {
  const ReferenceData reference = SmallReference();
  const PlaceResolution one = ResolvePlace(reference, "39418");
  const PlaceResolution many = PlaceResolver(reference).Resolve("39418");
  ASSERT_TRUE(one.place && many.place);
  EXPECT_EQ(one.place->name, many.place->name);
  EXPECT_EQ(one.place->point.lat, many.place->point.lat);
}

}  // namespace
}  // namespace jobmatch

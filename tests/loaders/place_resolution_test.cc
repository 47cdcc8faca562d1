// Tests loaders/place_resolution.h on the small hand-built reference data.

#include "loaders/place_resolution.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

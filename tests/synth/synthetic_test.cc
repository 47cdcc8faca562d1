// tests/synth/synthetic_test.cc
//
// GenerateSynthetic() on a small hand-built ReferenceData (exact cases: place
// resolution, skipped codes, errors) and on the real reference data of
// loaders/refdata (sizes per tier, determinism, shares against the anchors).
// Expected shares are read from the anchors here too, never typed in.

#include "synth/synthetic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/internal/random.h"
#include "loaders/dataset_writer.h"
#include "loaders/load_dataset.h"
#include "loaders/reference_loader.h"

namespace jobmatch {
namespace {

// ---------------------------------------------------------------------------
// Helpers

// Every field of every record, one line each: equal strings <=> equal datasets.
std::string Fingerprint(const Dataset& d) {
  std::ostringstream out;
  out.precision(17);
  const auto place = [&](const Place& p) {
    out << p.point.lat << ',' << p.point.lon << ',' << p.district_key << ',' << p.name << ','
        << p.input << ';';
  };
  const auto date = [&](const std::optional<Date>& x) { out << (x ? x->days : -999999) << ';'; };
  const auto skills = [&](const std::vector<SkillIndex>& s) {
    for (const SkillIndex i : s) out << i.value << ' ';
    out << ';';
  };
  const auto occupation = [&](const OccupationRef& o) {
    out << o.esco.value << '/' << o.kldb.value << ' ';
  };
  for (const Participant& p : d.participants) {
    out << "P " << p.id << ';' << p.coordinator.value << ';';
    place(p.home);
    out << static_cast<int>(p.german) << ';';
    for (const OccupationRef& o : p.occupations) occupation(o);
    out << ';';
    skills(p.skills);
    out << static_cast<int>(p.qualification) << p.qualification_recognised
        << static_cast<int>(p.goal) << ';' << p.hours_per_week << ';' << p.driving_licence << p.car
        << ';' << p.max_commute_minutes << ';' << p.work_permitted << ';';
    date(p.in_germany_since);
    out << p.gender << ';' << static_cast<int>(p.residence_status) << ';' << p.country_of_origin
        << ';' << (p.sgb2_benefits ? static_cast<int>(*p.sgb2_benefits) : -1) << '\n';
  }
  for (const Vacancy& v : d.vacancies) {
    out << "V " << v.id << ';' << v.employer.value << ';' << v.title << ';';
    occupation(v.occupation);
    skills(v.essential_skills);
    skills(v.optional_skills);
    out << static_cast<int>(v.min_german) << ';';
    place(v.place);
    out << static_cast<int>(v.kind) << ';' << v.hours_per_week << ';' << v.openings << ';'
        << v.driving_licence_required << ';';
    date(v.start_date);
    date(v.expires);
    out << '\n';
  }
  for (const Employer& e : d.employers) {
    out << "E " << e.id << ';' << e.name << ';' << e.staff << ';';
    place(e.place);
    out << e.sector << '\n';
  }
  for (const Coordinator& c : d.coordinators) {
    out << "K " << c.id << ';' << c.name << ';' << c.district << ';' << c.fte << ';' << c.capacity
        << '\n';
  }
  for (const Course& c : d.courses) {
    out << "C " << c.id << ';' << static_cast<int>(c.kind) << ';'
        << static_cast<int>(c.target_level) << ';';
    place(c.place);
    date(c.start_date);
    out << c.weeks << '\n';
  }
  out << "H " << d.history.size() << '\n';
  return out.str();
}

Dataset Generate(const ReferenceData& reference, const SyntheticOptions& options) {
  Result<Dataset> result = GenerateSynthetic(reference, options);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().ToString());
  return result.ok() ? std::move(result).value() : Dataset{};
}

// The anchor of a topic with the latest reference date (whole years first
// when asked), as the generator documents it.
const StatisticsAnchor& Anchor(const ReferenceData& reference,
                               const std::string& topic,
                               bool whole_year_first = false,
                               const std::string& ags = "") {
  const StatisticsAnchor* best = nullptr;
  for (const StatisticsAnchor& a : reference.anchors) {
    if (a.topic != topic || (!ags.empty() && a.ags != ags)) continue;
    const auto rank = [&](const StatisticsAnchor& x) {
      return std::make_pair(whole_year_first && x.reference_date.size() == 4, x.reference_date);
    };
    if (best == nullptr || rank(a) > rank(*best)) best = &a;
  }
  EXPECT_NE(best, nullptr) << topic;
  return *best;
}

// Whether the place is what a loader resolves from its input cell.
void ExpectResolvesLikeLoader(const ReferenceData& reference, const Place& place) {
  if (place.input.size() == 5) {
    const auto it = reference.postcode_by_plz.find(place.input);
    ASSERT_NE(it, reference.postcode_by_plz.end()) << place.input;
    const PostcodeArea& area = reference.postcodes[static_cast<size_t>(it->second)];
    EXPECT_EQ(place.point.lat, area.point.lat);
    EXPECT_EQ(place.point.lon, area.point.lon);
    EXPECT_EQ(place.district_key, area.district_key);
    EXPECT_EQ(place.name, area.name);
  } else {
    ASSERT_EQ(place.input.size(), 8u) << place.input;
    const auto it = reference.municipality_by_ags.find(place.input);
    ASSERT_NE(it, reference.municipality_by_ags.end()) << place.input;
    const Municipality& m = reference.municipalities[static_cast<size_t>(it->second)];
    EXPECT_EQ(place.point.lat, m.point.lat);
    EXPECT_EQ(place.point.lon, m.point.lon);
    EXPECT_EQ(place.district_key, m.district_key);
    EXPECT_EQ(place.name, m.name);
  }
}

template <typename T, typename Pred>
double Share(const std::vector<T>& items, Pred pred) {
  if (items.empty()) return 0.0;
  return static_cast<double>(std::count_if(items.begin(), items.end(), pred)) /
         static_cast<double>(items.size());
}

// ---------------------------------------------------------------------------
// A small hand-built reference: two districts, five municipalities (one whose
// postcode is unknown, one whose postcode is filed under another district),
// six KldB codes of the generator's catalogue and one it does not use.

ReferenceData SmallReference() {
  ReferenceData r;
  for (int i = 0; i < 12; ++i) r.skills.push_back({"s" + std::to_string(i), "skill", {}});
  const auto skills = [](std::initializer_list<int> ids) {
    std::vector<SkillIndex> out;
    for (const int i : ids) out.emplace_back(i);
    return out;
  };
  r.occupations.push_back({"o-lager",
                           "9333",
                           "Lagerarbeiter/Lagerarbeiterin",
                           "warehouse worker",
                           skills({0}),
                           skills({1, 2})});
  r.occupations.push_back({"o-leer", "9333", "Ohne Profil", "no profile", {}, {}});
  const auto kldb = [&](std::string code,
                        int8_t level,
                        std::vector<OccupationIndex> esco,
                        std::vector<SkillIndex> essential,
                        std::vector<SkillIndex> optional) {
    KldbOccupation k;
    k.code = std::move(code);
    k.title = "Titel " + k.code;
    k.requirement_level = level;
    k.esco = std::move(esco);
    k.essential = std::move(essential);
    k.optional = std::move(optional);
    r.kldb.push_back(std::move(k));
  };
  kldb("51311", 1, {OccupationIndex(0), OccupationIndex(1)}, skills({0}), skills({1, 2}));
  kldb("51312", 2, {}, skills({3}), skills({4}));
  kldb("52122", 2, {}, skills({5}), skills({6}));
  kldb("82102", 2, {}, skills({7}), {});
  kldb("24413", 3, {}, {}, skills({8}));
  kldb("43414", 4, {}, skills({9}), skills({10, 11}));
  kldb("54101", 1, {}, {}, {});           // in the catalogue, but without a profile
  kldb("99999", 1, {}, skills({0}), {});  // not in the catalogue

  r.districts.push_back(
      {"15002", "Halle (Saale), Stadt", "Sachsen-Anhalt", {51.48, 11.97}, 238061});
  r.districts.push_back({"15089", "Salzlandkreis", "Sachsen-Anhalt", {51.85, 11.7}, 183000});
  r.districts.push_back({"15087", "Mansfeld-Südharz", "Sachsen-Anhalt", {51.5, 11.4}, 130000});
  r.municipalities.push_back(
      {"15002000", "Halle (Saale), Stadt", "15002", "06108", {51.48, 11.97}, 238061});
  r.municipalities.push_back(
      {"15089030", "Bernburg (Saale), Stadt", "15089", "06406", {51.79, 11.74}, 32000});
  r.municipalities.push_back(
      {"15089305", "Staßfurt, Stadt", "15089", "39418", {51.86, 11.58}, 25000});
  r.municipalities.push_back({"15089999", "Unbekanntdorf", "15089", "39999", {51.90, 11.60}, 3000});
  r.municipalities.push_back({"15089998", "Grenzdorf", "15089", "06449", {51.70, 11.45}, 2000});
  r.municipalities.push_back(
      {"15087001", "Sangerhausen, Stadt", "15087", "06526", {51.47, 11.3}, 26000});
  r.postcodes.push_back({"06108", "Halle (Saale)", "15002", {51.485, 11.968}});
  r.postcodes.push_back({"06406", "Bernburg", "15089", {51.795, 11.738}});
  r.postcodes.push_back({"06408", "Bernburg-Süd", "15089", {51.775, 11.745}});  // 2nd of Bernburg
  r.postcodes.push_back({"39418", "Staßfurt", "15089", {51.855, 11.577}});
  r.postcodes.push_back({"06449", "Aschersleben", "15087", {51.75, 11.46}});  // other district
  r.postcodes.push_back({"06526", "Sangerhausen", "15087", {51.47, 11.3}});

  r.anchors.push_back({"dtz_result_b1",
                       "Deutschland",
                       "",
                       "2017",
                       48.7,
                       "% of DTZ takers",
                       "48.7 % B1, 40.8 % A2, 10.5 % below A2"});
  r.anchors.push_back({"dtz_result_b1",
                       "Deutschland",
                       "",
                       "2018-01..09",
                       52.3,
                       "% of DTZ takers",
                       "52.3 % B1, 33.5 % A2 (first three quarters 2018)"});
  r.anchors.push_back({"firms_micro_share",
                       "Sachsen-Anhalt",
                       "15",
                       "2023",
                       85.9,
                       "% of enterprises",
                       "Units with 250+ employees: 0.5 % of units"});
  r.anchors.push_back(
      {"job_level_helper_share", "Deutschland", "", "2018", 44, "% of employed refugees", ""});
  r.anchors.push_back(
      {"vacancies_stock", "Salzlandkreis", "15089", "2024-11", 1274, "registered vacancies", ""});
  r.anchors.push_back({"schutzsuchende_by_nationality",
                       "Sachsen-Anhalt",
                       "15",
                       "2024-12-31",
                       28985,
                       "persons",
                       "Ukraine"});
  r.anchors.push_back({"schutzsuchende_by_nationality",
                       "Sachsen-Anhalt",
                       "15",
                       "2024-12-31",
                       22795,
                       "persons",
                       "Syria (Ukraine + Syria = 65.3 % of all)"});
  r.anchors.push_back(
      {"asylblg_recipients", "Sachsen-Anhalt", "15", "2024-12-31", 11480, "persons", ""});
  r.anchors.push_back({"buergergeld_share",
                       "Deutschland",
                       "",
                       "2024",
                       65,
                       "% of nationals",
                       "share of Ukrainian nationals (Afghan 47 %, Syrian 55 %)"});
  r.anchors.push_back(
      {"employment_rate_5y", "Deutschland", "", "2018", 49, "% of refugees", "five years"});
  r.anchors.push_back({"employment_rate",
                       "Deutschland",
                       "",
                       "2021",
                       54,
                       "% of refugees",
                       "all refugees arrived 2013-2019; 62 % for those 7-8 years in Germany"});
  r.foreign_nationals = {{"15002", 30000}, {"15089", 9000}};  // 15087 missing
  r.BuildLookups();
  return r;
}

SyntheticOptions SmallOptions(uint64_t seed = 1) {
  SyntheticOptions options;
  options.seed = seed;
  options.district_keys = {"15089", "15002"};
  options.participants = 400;
  options.vacancies = 300;
  options.coordinators = 5;
  return options;
}

// ---------------------------------------------------------------------------
// Random numbers

TEST(Rng, SplitMix64MatchesThePublishedSequence) {
  uint64_t state = 0;  // reference outputs of Vigna's splitmix64.c for seed 0
  EXPECT_EQ(internal::SplitMix64(&state), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(internal::SplitMix64(&state), 0x6E789E6AA1B965F4ULL);
}

TEST(Rng, BelowStaysInRangeAndCoversIt) {
  internal::Rng rng(42);
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 7000; ++i) ++seen[rng.Below(7)];
  for (const int count : seen) EXPECT_GT(count, 800);  // expected 1000 each
}

TEST(WeightedTable, NeverDrawsAZeroWeightAndFollowsTheWeights) {
  internal::Rng rng(3);
  const internal::WeightedTable table({5, 0, 15, 0});
  int first = 0;
  for (int i = 0; i < 20000; ++i) {
    const size_t k = table.Draw(rng);
    ASSERT_TRUE(k == 0 || k == 2) << k;
    first += k == 0;
  }
  EXPECT_NEAR(first / 20000.0, 0.25, 0.02);
}

// ---------------------------------------------------------------------------
// Hand-built reference

TEST(GenerateSynthetic, SameSeedGivesTheSameDatasetAndAnotherSeedAnotherOne) {
  const ReferenceData r = SmallReference();
  const std::string a = Fingerprint(Generate(r, SmallOptions(7)));
  EXPECT_EQ(a, Fingerprint(Generate(r, SmallOptions(7))));
  EXPECT_NE(a, Fingerprint(Generate(r, SmallOptions(8))));
}

TEST(GenerateSynthetic, UsesOnlyCatalogueCodesThatHaveASkillProfile) {
  const ReferenceData r = SmallReference();
  const Dataset d = Generate(r, SmallOptions());
  std::set<std::string> used;
  const auto check = [&](const OccupationRef& o) {
    ASSERT_TRUE(o.valid());
    EXPECT_FALSE(r.EssentialSkills(o).empty() && r.OptionalSkills(o).empty());
    used.insert(r.OccupationCode(o));
  };
  for (const Participant& p : d.participants) {
    for (const OccupationRef& o : p.occupations) check(o);
  }
  for (const Vacancy& v : d.vacancies) check(v.occupation);
  EXPECT_EQ(used.count("54101"), 0u);   // no profile
  EXPECT_EQ(used.count("99999"), 0u);   // not in the catalogue
  EXPECT_EQ(used.count("o-leer"), 0u);  // ESCO occupation without profile
  EXPECT_EQ(used.count("51311"), 1u);
  EXPECT_EQ(used.count("o-lager"), 1u);  // some are ESCO-coded
}

TEST(GenerateSynthetic, WritesThePostcodeOnlyWhenItResolvesToTheSameDistrict) {
  const ReferenceData r = SmallReference();
  SyntheticOptions options = SmallOptions();
  options.district_keys = {"15089"};
  options.participants = 3000;
  const Dataset d = Generate(r, options);
  std::map<std::string, int> inputs;
  for (const Participant& p : d.participants) {
    ++inputs[p.home.input];
    EXPECT_EQ(p.home.district_key, "15089");
    ExpectResolvesLikeLoader(r, p.home);
  }
  EXPECT_GT(inputs["06406"], 0);     // Bernburg by postcode
  EXPECT_GT(inputs["06408"], 0);     // and by its second postcode
  EXPECT_GT(inputs["15089999"], 0);  // postcode unknown: AGS
  EXPECT_GT(inputs["15089998"], 0);  // postcode filed under 15087: AGS
  EXPECT_EQ(inputs.count("39999") + inputs.count("06449"), 0u);
}

TEST(GenerateSynthetic, DistrictsWithoutForeignNationalsFallBackToPopulation) {
  const ReferenceData r = SmallReference();
  SyntheticOptions options = SmallOptions();
  options.district_keys = {"15087", "15089"};
  const Dataset d = Generate(r, options);
  // 15087 has no figure: it counts 130000 * (39000 / 421061) ~ 12041 against
  // 9000 for 15089, so it holds the larger share.
  const double share =
      Share(d.participants, [](const Participant& p) { return p.home.district_key == "15087"; });
  EXPECT_GT(share, 0.5);
  EXPECT_LT(share, 0.65);
}

TEST(GenerateSynthetic, ParticipantsFollowForeignNationalsAndHaveACoordinatorOfTheirDistrict) {
  const ReferenceData r = SmallReference();
  const Dataset d = Generate(r, SmallOptions());
  ASSERT_EQ(d.participants.size(), 400u);
  const double halle =
      Share(d.participants, [](const Participant& p) { return p.home.district_key == "15002"; });
  EXPECT_NEAR(halle * 400, 400.0 * 30000 / 39000, 1.0);  // apportioned exactly
  for (const Participant& p : d.participants) {
    ASSERT_TRUE(p.coordinator.valid());
    ASSERT_LT(static_cast<size_t>(p.coordinator.value), d.coordinators.size());
    EXPECT_EQ(d.coordinators[static_cast<size_t>(p.coordinator.value)].district,
              p.home.district_key);
  }
}

TEST(GenerateSynthetic, RejectsUnknownDistrictsNegativeSizesAndTooFewCoordinators) {
  const ReferenceData r = SmallReference();
  SyntheticOptions options = SmallOptions();
  options.district_keys = {"15089", "99123"};
  Result<Dataset> unknown = GenerateSynthetic(r, options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::kUsage);
  EXPECT_NE(unknown.error().ToString().find("99123"), std::string::npos);

  options = SmallOptions();
  options.vacancies = -1;
  Result<Dataset> negative = GenerateSynthetic(r, options);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().kind, ErrorKind::kUsage);

  options = SmallOptions();
  options.coordinators = 1;  // two districts
  Result<Dataset> few = GenerateSynthetic(r, options);
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.error().kind, ErrorKind::kUsage);
}

TEST(GenerateSynthetic, NamesTheMissingAnchorTopic) {
  for (const std::string topic : {"dtz_result_b1",
                                  "firms_micro_share",
                                  "job_level_helper_share",
                                  "vacancies_stock",
                                  "schutzsuchende_by_nationality",
                                  "asylblg_recipients",
                                  "buergergeld_share",
                                  "employment_rate_5y",
                                  "employment_rate"}) {
    ReferenceData r = SmallReference();
    std::erase_if(r.anchors, [&](const StatisticsAnchor& a) { return a.topic == topic; });
    Result<Dataset> result = GenerateSynthetic(r, SmallOptions());
    ASSERT_FALSE(result.ok()) << topic;
    EXPECT_EQ(result.error().kind, ErrorKind::kUsage);
    EXPECT_NE(result.error().ToString().find(topic), std::string::npos)
        << result.error().ToString();
  }
}

TEST(GenerateSynthetic, RejectsADtzAnchorWithoutTheA2ShareInItsNote) {
  ReferenceData r = SmallReference();
  for (StatisticsAnchor& a : r.anchors) {
    if (a.topic == "dtz_result_b1") a.note = "about half passed";
  }
  Result<Dataset> result = GenerateSynthetic(r, SmallOptions());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().ToString().find("A2"), std::string::npos);
}

TEST(GenerateSynthetic, CoordinatorCapacityIsAQuarterToAHalfOfFortyAYearPerFte) {
  const ReferenceData r = SmallReference();
  SyntheticOptions options = SmallOptions();
  options.coordinators = 60;
  const Dataset d = Generate(r, options);
  ASSERT_EQ(d.coordinators.size(), 60u);
  std::map<std::string, int> seen_in_district;
  bool part_time = false;
  for (const Coordinator& c : d.coordinators) {
    const int n = ++seen_in_district[c.district];
    EXPECT_EQ(c.id, "K-" + c.district + "-" + std::to_string(n));
    ASSERT_TRUE(c.fte == 1.0 || c.fte == 0.5) << c.fte;
    if (n <= 2) {
      EXPECT_EQ(c.fte, 1.0) << c.id;  // the JOKO pair works full time
    }
    part_time |= c.fte == 0.5;
    EXPECT_GE(c.capacity, std::lround(40 * c.fte / 4)) << c.id;
    EXPECT_LE(c.capacity, std::lround(40 * c.fte / 2)) << c.id;
  }
  EXPECT_TRUE(part_time);
}

TEST(GenerateSynthetic, DatesFollowToday) {
  const ReferenceData r = SmallReference();
  SyntheticOptions options = SmallOptions();
  options.courses_per_district = 4;
  const Dataset d = Generate(r, options);
  const int32_t today = options.today.days;
  int training = 0;
  for (const Vacancy& v : d.vacancies) {
    ASSERT_TRUE(v.start_date && v.expires);
    EXPECT_GE(*v.expires, *v.start_date);
    if (v.kind == VacancyKind::kTraining) {
      // Training starts on the first 1 August at least 60 days ahead.
      ++training;
      EXPECT_EQ(FormatDate(*v.start_date).substr(4), "-08-01");
      EXPECT_GE(v.start_date->days, today + 60);
      EXPECT_LE(v.start_date->days, today + 60 + 366);
      EXPECT_LE(v.expires->days, v.start_date->days + 30);
      continue;
    }
    EXPECT_GE(v.start_date->days, today);
    EXPECT_LE(v.start_date->days, today + 120);
    EXPECT_GE(v.expires->days, today + 30);
    EXPECT_LE(v.expires->days, today + 180);
  }
  EXPECT_GT(training, 0);
  for (const Participant& p : d.participants) {
    ASSERT_TRUE(p.in_germany_since);
    EXPECT_LE(p.in_germany_since->days, today);
    EXPECT_GE(*p.in_germany_since, *ParseDate("2015-01-01"));
  }
  ASSERT_EQ(d.courses.size(), 8u);
  for (const Course& c : d.courses) {
    EXPECT_EQ(c.kind, CourseKind::kLanguage);
    EXPECT_TRUE(c.target_level == CefrLevel::kB1 || c.target_level == CefrLevel::kB2);
    EXPECT_GE(c.start_date->days, today);
    EXPECT_LE(c.start_date->days, today + 90);
    EXPECT_GE(c.weeks, 12);
    EXPECT_LE(c.weeks, 26);
  }
}

// ---------------------------------------------------------------------------
// Real reference data (loaders/refdata)

class RealData : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<ReferenceData> loaded = LoadReferenceData(DefaultReferenceDir());
    ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
    reference_ = new ReferenceData(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete reference_;
    reference_ = nullptr;
  }
  static const ReferenceData& ref() { return *reference_; }
  static const Dataset& State() {  // the state tier, generated once
    if (state_ == nullptr) {
      SyntheticOptions options;
      options.tier = Tier::kState;
      options.seed = 11;
      state_ = new Dataset(Generate(ref(), options));
    }
    return *state_;
  }

 private:
  static inline ReferenceData* reference_ = nullptr;
  static inline Dataset* state_ = nullptr;
};

TEST_F(RealData, DistrictTierIsSalzlandkreisWithTwoCoordinators) {
  const Dataset d = Generate(ref(), SyntheticOptions{});
  EXPECT_EQ(d.participants.size(), 500u);
  EXPECT_EQ(d.vacancies.size(), 2000u);
  ASSERT_EQ(d.coordinators.size(), 2u);
  EXPECT_EQ(d.coordinators[0].id, "K-15089-1");
  EXPECT_EQ(d.coordinators[0].name, "Koordination Salzlandkreis 1");
  EXPECT_EQ(d.coordinators[1].fte, 1.0);
  EXPECT_EQ(d.courses.size(), 3u);
  EXPECT_EQ(d.participants.front().id, "P-000001");
  EXPECT_EQ(d.vacancies.back().id, "V-002000");
  EXPECT_EQ(d.employers.front().id, "E-000001");
  for (const Participant& p : d.participants) EXPECT_EQ(p.home.district_key, "15089");
}

TEST_F(RealData, WrittenAsCsvAndLoadedBackGivesTheSameDataset) {
  SyntheticOptions options;
  options.seed = 21;
  options.district_keys = {"15089", "15002"};  // postcodes and AGS inputs
  options.courses_per_district = 2;
  const Dataset generated = Generate(ref(), options);
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) / "synthetic_roundtrip";
  std::filesystem::remove_all(dir);
  const std::optional<Error> written = WriteCsvDataset(generated, ref(), dir);
  ASSERT_FALSE(written) << written->ToString();
  const Result<Dataset> loaded = LoadDataset(dir, ref());
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(Fingerprint(loaded.value()), Fingerprint(generated));
  std::filesystem::remove_all(dir);
}

TEST_F(RealData, SameSeedGivesTheSameDataset) {
  SyntheticOptions options;
  options.seed = 99;
  const std::string a = Fingerprint(Generate(ref(), options));
  EXPECT_EQ(a, Fingerprint(Generate(ref(), options)));
  options.seed = 100;
  EXPECT_NE(a, Fingerprint(Generate(ref(), options)));
}

TEST_F(RealData, OverridesReplaceTheTierSizes) {
  SyntheticOptions options;
  options.tier = Tier::kNational;
  options.participants = 3000;
  options.vacancies = 2500;
  options.coordinators = 450;
  const Dataset d = Generate(ref(), options);
  EXPECT_EQ(d.participants.size(), 3000u);
  EXPECT_EQ(d.vacancies.size(), 2500u);
  EXPECT_EQ(d.coordinators.size(), 450u);
  std::set<std::string> districts;
  for (const Coordinator& c : d.coordinators) districts.insert(c.district);
  EXPECT_EQ(districts.size(), ref().districts.size());  // national: every district
  EXPECT_EQ(d.courses.size(), 3 * ref().districts.size());
}

TEST_F(RealData, StateTierCoversSaxonyAnhaltWithTheTierSizes) {
  const Dataset& d = State();
  EXPECT_EQ(d.participants.size(), 30'000u);
  EXPECT_EQ(d.vacancies.size(), 20'000u);
  EXPECT_EQ(d.coordinators.size(), 300u);
  std::set<std::string> districts;
  for (const Coordinator& c : d.coordinators) districts.insert(c.district);
  const auto in_land = std::count_if(ref().districts.begin(),
                                     ref().districts.end(),
                                     [](const District& x) { return x.key.rfind("15", 0) == 0; });
  EXPECT_EQ(districts.size(), static_cast<size_t>(in_land));
  for (const std::string& key : districts) EXPECT_EQ(key.substr(0, 2), "15");
}

TEST_F(RealData, EveryIndexIsInRangeAndEveryPlaceResolvesLikeTheLoader) {
  const Dataset& d = State();
  const auto in_land = [](const Place& p) { return p.district_key.rfind("15", 0) == 0; };
  const auto valid_skill = [&](SkillIndex s) {
    return s.valid() && static_cast<size_t>(s.value) < ref().skills.size();
  };
  for (const Participant& p : d.participants) {
    ASSERT_LT(static_cast<size_t>(p.coordinator.value), d.coordinators.size());
    ASSERT_TRUE(in_land(p.home)) << p.id;
    ExpectResolvesLikeLoader(ref(), p.home);
    ASSERT_GE(p.occupations.size(), 1u);
    ASSERT_LE(p.occupations.size(), 2u);
    for (const OccupationRef& o : p.occupations) ASSERT_FALSE(ref().OccupationCode(o).empty());
    ASSERT_LE(p.skills.size(), 5u);
    ASSERT_TRUE(std::is_sorted(p.skills.begin(), p.skills.end()));
    for (const SkillIndex s : p.skills) ASSERT_TRUE(valid_skill(s));
    ASSERT_GE(p.hours_per_week, 20);
    ASSERT_LE(p.hours_per_week, 40);
    ASSERT_TRUE(p.driving_licence || !p.car);
  }
  for (const Vacancy& v : d.vacancies) {
    ASSERT_LT(static_cast<size_t>(v.employer.value), d.employers.size());
    ASSERT_FALSE(ref().OccupationCode(v.occupation).empty());
    for (const SkillIndex s : v.essential_skills) ASSERT_TRUE(valid_skill(s));
    for (const SkillIndex s : v.optional_skills) ASSERT_TRUE(valid_skill(s));
    ASSERT_GE(v.openings, 1);
    ASSERT_TRUE(in_land(v.place));
    ExpectResolvesLikeLoader(ref(), v.place);
    const Employer& e = d.employers[static_cast<size_t>(v.employer.value)];
    ASSERT_EQ(v.place.district_key, e.place.district_key);
    if (SizeClassOf(e.staff) == SizeClass::kMicro) {
      ASSERT_EQ(v.openings, 1);
    }
  }
  for (const Employer& e : d.employers) {
    ASSERT_GE(e.staff, 1);
    ASSERT_FALSE(e.name.empty());
    ASSERT_FALSE(e.sector.empty());
    ExpectResolvesLikeLoader(ref(), e.place);
  }
  for (const Course& c : d.courses) ExpectResolvesLikeLoader(ref(), c.place);
}

TEST_F(RealData, ACitysPeopleAndVacanciesSpreadOverItsRealPostcodes) {
  SyntheticOptions options;
  options.seed = 5;
  options.district_keys = {"14713"};  // Leipzig: one municipality, many postcodes
  options.participants = 2000;
  options.vacancies = 2000;
  const Dataset d = Generate(ref(), options);
  std::set<std::string> city_postcodes;
  for (const PostcodeArea& area : ref().postcodes) {
    if (area.district_key == "14713") city_postcodes.insert(area.plz);
  }
  ASSERT_GT(city_postcodes.size(), 30u);
  std::map<std::string, int> homes, workplaces;
  for (const Participant& p : d.participants) {
    ++homes[p.home.input];
    EXPECT_EQ(p.home.district_key, "14713");
    EXPECT_TRUE(city_postcodes.contains(p.home.input)) << p.home.input;
  }
  for (const Vacancy& v : d.vacancies) {
    ++workplaces[v.place.input];
    EXPECT_TRUE(city_postcodes.contains(v.place.input)) << v.place.input;
  }
  // Uniform over the city's postcodes: nearly every one is used, none holds
  // more than a few times its fair share.
  EXPECT_GT(homes.size(), city_postcodes.size() * 9 / 10);
  EXPECT_GT(workplaces.size(), city_postcodes.size() * 9 / 10);
  const double fair = 2000.0 / static_cast<double>(city_postcodes.size());
  for (const auto& [plz, n] : homes) EXPECT_LT(n, 3 * fair) << plz;
  // Homes are the postcodes' own points, not one city centroid (GeoNames
  // gives some postcodes of a city the same point).
  std::set<std::pair<double, double>> points, city_points;
  for (const Participant& p : d.participants) points.emplace(p.home.point.lat, p.home.point.lon);
  for (const PostcodeArea& area : ref().postcodes) {
    if (area.district_key == "14713") city_points.emplace(area.point.lat, area.point.lon);
  }
  EXPECT_GT(city_points.size(), 10u);
  EXPECT_EQ(points.size(), city_points.size());
}

TEST_F(RealData, OriginResidenceAndBenefitsFollowThePublishedShares) {
  SyntheticOptions options;
  options.seed = 8;
  options.district_keys = {"14713"};
  options.participants = 20000;
  options.vacancies = 100;
  const Dataset d = Generate(ref(), options);
  // The expected shares from the same anchors the generator reads.
  double ua = 0, sy = 0, share_of_all = 0, asylblg = 0, sgb2_ua = 0, sgb2_sy = 0, sgb2_af = 0;
  for (const StatisticsAnchor& a : ref().anchors) {
    if (a.topic == "schutzsuchende_by_nationality" && a.reference_date == "2024-12-31") {
      if (a.note == "Ukraine") ua = a.value;
      if (a.note.rfind("Syria", 0) == 0) {
        sy = a.value;
        share_of_all = 65.3;
        EXPECT_NE(a.note.find("65.3 % of all"), std::string::npos);
      }
    }
    if (a.topic == "asylblg_recipients" && a.reference_date == "2024-12-31") asylblg = a.value;
    if (a.topic == "buergergeld_share") {
      sgb2_ua = a.value / 100.0;
      sgb2_sy = 0.55;
      sgb2_af = 0.47;
      EXPECT_NE(a.note.find("Syrian 55 %"), std::string::npos);
      EXPECT_NE(a.note.find("Afghan 47 %"), std::string::npos);
    }
  }
  ASSERT_GT(ua * sy * asylblg * sgb2_ua, 0.0);
  const double all = (ua + sy) * 100.0 / share_of_all;
  const auto from = [&](std::string_view code) {
    return Share(d.participants, [&](const Participant& p) { return p.country_of_origin == code; });
  };
  EXPECT_NEAR(from("UA"), ua / all, 0.015);
  EXPECT_NEAR(from("SY"), sy / all, 0.015);
  for (const Participant& p : d.participants) {
    ASSERT_FALSE(p.country_of_origin.empty());
    ASSERT_NE(p.residence_status, ResidenceStatus::kUnknown);
    ASSERT_TRUE(p.sgb2_benefits.has_value());
    if (p.country_of_origin == "UA") {
      EXPECT_EQ(p.residence_status, ResidenceStatus::kOther);
    }
    if (p.residence_status == ResidenceStatus::kAsylumPending ||
        p.residence_status == ResidenceStatus::kTolerated ||
        p.residence_status == ResidenceStatus::kTolerated60a6) {
      EXPECT_FALSE(*p.sgb2_benefits) << p.id << ": AsylbLG, not SGB II";
    }
  }
  std::vector<Participant> others;
  for (const Participant& p : d.participants) {
    if (p.country_of_origin != "UA") others.push_back(p);
  }
  EXPECT_NEAR(Share(others,
                    [](const Participant& p) {
                      return p.residence_status == ResidenceStatus::kAsylumPending ||
                             p.residence_status == ResidenceStatus::kTolerated ||
                             p.residence_status == ResidenceStatus::kTolerated60a6;
                    }),
              asylblg / (all - ua),
              0.02);
  EXPECT_GT(Share(d.participants,
                  [](const Participant& p) {
                    return p.residence_status == ResidenceStatus::kTolerated60a6;
                  }),
            0.0);
  const auto benefits_of = [&](std::string_view code) {
    std::vector<Participant> of;
    for (const Participant& p : d.participants) {
      if (p.country_of_origin == code) of.push_back(p);
    }
    return Share(of, [](const Participant& p) { return *p.sgb2_benefits; });
  };
  EXPECT_NEAR(benefits_of("UA"), sgb2_ua, 0.03);
  EXPECT_NEAR(benefits_of("SY"), sgb2_sy, 0.03);
  EXPECT_NEAR(benefits_of("AF"), sgb2_af, 0.05);
}

// Worked in Germany before: recorded for everyone, as often as refugees who
// arrived as long ago are employed (anchors employment_rate_5y and the
// 7-8-year rate in employment_rate's note), rising with time in Germany.
TEST_F(RealData, GermanWorkExperienceFollowsTheEmploymentRateByTimeInGermany) {
  const Dataset& d = State();
  const StatisticsAnchor& five = Anchor(ref(), "employment_rate_5y", false);
  const StatisticsAnchor& later = Anchor(ref(), "employment_rate", false);
  const size_t at = later.note.find("% for those 7-8 years");
  ASSERT_NE(at, std::string::npos) << later.note;
  const double seven = std::stod(later.note.substr(later.note.rfind(' ', at - 2) + 1)) / 100.0;
  const Date today = SyntheticOptions{}.today;
  const auto years_here = [&](const Participant& p) {
    return (today.days - p.in_germany_since->days) / 365.25;
  };
  std::vector<Participant> new_here, five_to_six, long_here;
  for (const Participant& p : d.participants) {
    ASSERT_TRUE(p.german_work_experience.has_value()) << p.id;
    ASSERT_TRUE(p.in_germany_since.has_value()) << p.id;
    const double years = years_here(p);
    if (years < 1.0) new_here.push_back(p);
    if (years >= 5.0 && years < 6.0) five_to_six.push_back(p);
    if (years >= 7.5) long_here.push_back(p);
  }
  ASSERT_GT(new_here.size(), 500u);
  ASSERT_GT(five_to_six.size(), 500u);
  ASSERT_GT(long_here.size(), 2000u);
  const auto worked = [](const Participant& p) { return *p.german_work_experience; };
  // Under a year: below a fifth of the five-year rate (linear from arrival).
  EXPECT_LT(Share(new_here, worked), five.value / 100.0 * 0.2 + 0.02);
  // Five to six years: between the five-year and the 7-8-year rate.
  EXPECT_GT(Share(five_to_six, worked), five.value / 100.0 - 0.04);
  EXPECT_LT(Share(five_to_six, worked), seven + 0.04);
  // 7.5 years and more: the 7-8-year rate.
  EXPECT_NEAR(Share(long_here, worked), seven, 0.03);
}

TEST_F(RealData, GermanLevelsFollowTheDtzResults) {
  const Dataset& d = State();
  const StatisticsAnchor& dtz = Anchor(ref(), "dtz_result_b1", /*whole_year_first=*/true);
  const double b1 = dtz.value / 100.0;
  const double a2 = std::stod(dtz.note.substr(dtz.note.find("% B1, ") + 6)) / 100.0;
  const auto level = [](CefrLevel l) {
    return [l](const Participant& p) { return p.german == l; };
  };
  // 30,000 draws: the standard error of a share is below 0.003.
  EXPECT_NEAR(Share(d.participants, level(CefrLevel::kA2)), a2, 0.015);
  EXPECT_NEAR(
      Share(d.participants, [](const Participant& p) { return p.german >= CefrLevel::kB1; }),
      b1,
      0.015);
  EXPECT_NEAR(
      Share(d.participants, [](const Participant& p) { return p.german <= CefrLevel::kA1; }),
      1.0 - a2 - b1,
      0.015);
  // Some reach B2 or better, but few.
  const double b2_plus =
      Share(d.participants, [](const Participant& p) { return p.german >= CefrLevel::kB2; });
  EXPECT_GT(b2_plus, 0.01);
  EXPECT_LT(b2_plus, b1 / 2);
}

TEST_F(RealData, MicroEnterpriseShareFollowsTheAnchor) {
  const Dataset& d = State();
  const StatisticsAnchor& micro = Anchor(ref(), "firms_micro_share");
  const auto is = [](SizeClass s) {
    return [s](const Employer& e) { return SizeClassOf(e.staff) == s; };
  };
  ASSERT_GT(d.employers.size(), 5000u);
  EXPECT_NEAR(Share(d.employers, is(SizeClass::kMicro)), micro.value / 100.0, 0.015);
  EXPECT_GT(Share(d.employers, is(SizeClass::kLarge)), 0.0);
  EXPECT_LT(Share(d.employers, is(SizeClass::kLarge)), 0.015);
}

TEST_F(RealData, HelperShareOfParticipantsFollowsTheAnchor) {
  const Dataset& d = State();
  const double helper = Anchor(ref(), "job_level_helper_share").value / 100.0;
  const auto level = [&](const OccupationRef& o) {
    if (o.kldb.valid())
      return static_cast<int>(ref().kldb[static_cast<size_t>(o.kldb.value)].requirement_level);
    return -1;  // ESCO-coded: level unknown from the code alone
  };
  int64_t kldb_coded = 0, helpers = 0;
  for (const Participant& p : d.participants) {
    const int l = level(p.occupations.front());
    if (l < 0) continue;
    ++kldb_coded;
    helpers += l == 1;
  }
  ASSERT_GT(kldb_coded, 20000);
  EXPECT_NEAR(static_cast<double>(helpers) / static_cast<double>(kldb_coded), helper, 0.015);
}

TEST_F(RealData, VacanciesFollowTheRegisteredStockAndParticipantsTheForeignNationals) {
  SyntheticOptions options;
  options.district_keys = {"15089", "14713"};  // Salzlandkreis, Leipzig: both anchored
  options.vacancies = 9000;
  options.participants = 6000;
  const Dataset d = Generate(ref(), options);
  const double slk = Anchor(ref(), "vacancies_stock", false, "15089").value;
  const double lpz = Anchor(ref(), "vacancies_stock", false, "14713").value;
  const auto in_slk = [](const auto& x) { return x.place.district_key == "15089"; };
  EXPECT_NEAR(Share(d.vacancies, in_slk) * 9000, 9000 * slk / (slk + lpz), 1.0);

  double foreign_slk = 0, foreign_lpz = 0;
  for (const DistrictPopulationWeight& w : ref().foreign_nationals) {
    if (w.district_key == "15089") foreign_slk = static_cast<double>(w.foreign_nationals);
    if (w.district_key == "14713") foreign_lpz = static_cast<double>(w.foreign_nationals);
  }
  ASSERT_GT(foreign_slk, 0);
  EXPECT_NEAR(
      Share(d.participants, [](const Participant& p) { return p.home.district_key == "15089"; }) *
          6000,
      6000 * foreign_slk / (foreign_slk + foreign_lpz),
      1.0);
}

TEST_F(RealData, DriverVacanciesRequireALicenceAndMicroFirmsPostFew) {
  const Dataset& d = State();
  std::map<int32_t, int> per_employer;
  for (const Vacancy& v : d.vacancies) {
    ++per_employer[v.employer.value];
    if (!v.occupation.kldb.valid()) continue;
    const std::string& code = ref().kldb[static_cast<size_t>(v.occupation.kldb.value)].code;
    if (code.rfind("521", 0) == 0) {
      EXPECT_TRUE(v.driving_licence_required) << v.id;
    }
  }
  for (const auto& [e, count] : per_employer) {
    const SizeClass size = SizeClassOf(d.employers[static_cast<size_t>(e)].staff);
    if (size == SizeClass::kMicro) {
      EXPECT_LE(count, 2);
    }
  }
  const double kinds_job =
      Share(d.vacancies, [](const Vacancy& v) { return v.kind == VacancyKind::kJob; });
  EXPECT_NEAR(kinds_job, 0.75, 0.02);
}

}  // namespace
}  // namespace jobmatch

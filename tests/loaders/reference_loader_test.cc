// tests/loaders/reference_loader_test.cc
//
// Tests loaders/reference_loader.h against the reference data shipped in
// loaders/refdata/: sizes match the sources, known places and codes resolve,
// the KldB skill profiles obey the half rule (recomputed here independently),
// and broken copies of the folder give the documented error values.

#include "loaders/reference_loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace jobmatch {
namespace {

namespace fs = std::filesystem;

fs::path RepoRefdata() {
  return fs::path(JOBMATCH_SOURCE_DIR) / "loaders" / "refdata";
}

// The repository data, loaded once per test binary (read-only afterwards).
const ReferenceData& Repo() {
  static const ReferenceData* const ref = [] {
    Result<ReferenceData> loaded = LoadReferenceData(RepoRefdata());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().ToString();
      return new ReferenceData();
    }
    return new ReferenceData(std::move(loaded).value());
  }();
  return *ref;
}

template <typename Index>
bool SortedUniqueInRange(const std::vector<Index>& v, size_t n) {
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i].value < 0 || static_cast<size_t>(v[i].value) >= n) return false;
    if (i > 0 && !(v[i - 1] < v[i])) return false;
  }
  return true;
}

double DistanceKm(GeoPoint a, GeoPoint b) {
  // Equirectangular approximation: good to well under 1% at these distances.
  const double kDegToRad = 3.14159265358979323846 / 180.0;
  const double x = (b.lon - a.lon) * kDegToRad * std::cos((a.lat + b.lat) / 2 * kDegToRad);
  const double y = (b.lat - a.lat) * kDegToRad;
  return 6371.0 * std::sqrt(x * x + y * y);
}

TEST(LoadReferenceData, LoadsTheRepositoryDataWithTheSourceCounts) {
  const ReferenceData& ref = Repo();
  // Skills: the 13,896 ESCO skills trimmed to those used by an occupation.
  EXPECT_GT(ref.skills.size(), 13000u);
  EXPECT_LE(ref.skills.size(), 13896u);
  EXPECT_EQ(ref.occupations.size(), 3007u);
  EXPECT_EQ(ref.kldb.size(), 1301u);  // KldB 2010 Berufsgattungen
  EXPECT_EQ(ref.districts.size(), 400u);
  EXPECT_GT(ref.municipalities.size(), 10900u);
  EXPECT_LE(ref.municipalities.size(), 10982u);
  EXPECT_EQ(ref.postcodes.size(), 8309u);  // distinct PLZ in the GeoNames dump
  EXPECT_GT(ref.anchors.size(), 30u);
  EXPECT_GT(ref.foreign_nationals.size(), 390u);
}

TEST(LoadReferenceData, KldbAreasCarryThePublishedTitlesOfEveryAreaInUse) {
  const ReferenceData& ref = Repo();
  // 10 Berufsbereiche and 37 Berufshauptgruppen.
  ASSERT_EQ(ref.kldb_areas.size(), 47u);
  std::map<std::string, std::string> title;
  for (const KldbArea& a : ref.kldb_areas) title[a.code] = a.title;
  EXPECT_EQ(title.size(), 47u);
  EXPECT_EQ(title["52"], "Führer/innen von Fahrzeug- und Transportgeräten");
  EXPECT_EQ(title["5"], "Verkehr, Logistik, Schutz und Sicherheit");
  EXPECT_EQ(title["22"], "Kunststoffherstellung und -verarbeitung, Holzbe- und -verarbeitung");
  for (const KldbOccupation& k : ref.kldb) {
    EXPECT_TRUE(title.contains(k.code.substr(0, 2))) << k.code;
    EXPECT_TRUE(title.contains(k.code.substr(0, 1))) << k.code;
  }
}

TEST(LoadReferenceData, BuildsOneLookupEntryPerRecord) {
  const ReferenceData& ref = Repo();
  EXPECT_EQ(ref.skill_by_id.size(), ref.skills.size());
  EXPECT_EQ(ref.occupation_by_id.size(), ref.occupations.size());
  EXPECT_EQ(ref.kldb_by_code.size(), ref.kldb.size());
  EXPECT_EQ(ref.district_by_key.size(), ref.districts.size());
  EXPECT_EQ(ref.municipality_by_ags.size(), ref.municipalities.size());
  EXPECT_EQ(ref.postcode_by_plz.size(), ref.postcodes.size());
}

TEST(LoadReferenceData, ResolvesPostcode06406ToBernburgInSalzlandkreis) {
  const ReferenceData& ref = Repo();
  const auto it = ref.postcode_by_plz.find("06406");
  ASSERT_NE(it, ref.postcode_by_plz.end());
  const PostcodeArea& area = ref.postcodes[static_cast<size_t>(it->second)];
  EXPECT_EQ(area.name, "Bernburg");
  EXPECT_EQ(area.district_key, "15089");
  EXPECT_LT(DistanceKm(area.point, GeoPoint{51.79, 11.74}), 2.0);
  const auto district = ref.district_by_key.find(area.district_key);
  ASSERT_NE(district, ref.district_by_key.end());
  EXPECT_EQ(ref.districts[static_cast<size_t>(district->second)].name, "Salzlandkreis");
  EXPECT_EQ(ref.districts[static_cast<size_t>(district->second)].land, "Sachsen-Anhalt");
}

TEST(LoadReferenceData, ResolvesMunicipality15089015ToAscherslebenInSalzlandkreis) {
  const ReferenceData& ref = Repo();
  const auto it = ref.municipality_by_ags.find("15089015");
  ASSERT_NE(it, ref.municipality_by_ags.end());
  const Municipality& m = ref.municipalities[static_cast<size_t>(it->second)];
  EXPECT_TRUE(m.name.starts_with("Aschersleben")) << m.name;
  EXPECT_EQ(m.district_key, "15089");
  EXPECT_EQ(m.plz.size(), 5u);
  EXPECT_GT(m.population, 20000);
  // Aschersleben lies about 20 km west of Bernburg.
  const GeoPoint bernburg =
      ref.postcodes[static_cast<size_t>(ref.postcode_by_plz.at("06406"))].point;
  EXPECT_GT(DistanceKm(m.point, bernburg), 10.0);
  EXPECT_LT(DistanceKm(m.point, bernburg), 35.0);
}

TEST(LoadReferenceData, DistrictPopulationsAddUpToTheMunicipalities) {
  const ReferenceData& ref = Repo();
  std::map<std::string, int64_t> by_district;
  for (const Municipality& m : ref.municipalities) by_district[m.district_key] += m.population;
  for (const District& d : ref.districts) {
    EXPECT_EQ(d.population, by_district[d.key]) << d.key << " " << d.name;
  }
}

TEST(LoadReferenceData, EveryPlaceNamesAKnownDistrict) {
  const ReferenceData& ref = Repo();
  for (const Municipality& m : ref.municipalities) {
    EXPECT_TRUE(ref.district_by_key.contains(m.district_key)) << m.ags;
    EXPECT_TRUE(m.ags.starts_with(m.district_key)) << m.ags;
  }
  for (const PostcodeArea& p : ref.postcodes) {
    EXPECT_TRUE(ref.district_by_key.contains(p.district_key)) << p.plz;
  }
  for (const DistrictPopulationWeight& w : ref.foreign_nationals) {
    EXPECT_TRUE(ref.district_by_key.contains(w.district_key)) << w.district_key;
    EXPECT_GT(w.foreign_nationals, 0) << w.district_key;
  }
}

TEST(LoadReferenceData, OccupationSkillListsAreSortedUniqueValidAndDisjoint) {
  const ReferenceData& ref = Repo();
  size_t with_essential = 0;
  for (const EscoOccupation& o : ref.occupations) {
    ASSERT_TRUE(SortedUniqueInRange(o.essential, ref.skills.size())) << o.id;
    ASSERT_TRUE(SortedUniqueInRange(o.optional, ref.skills.size())) << o.id;
    std::vector<SkillIndex> both;
    std::set_intersection(o.essential.begin(),
                          o.essential.end(),
                          o.optional.begin(),
                          o.optional.end(),
                          std::back_inserter(both));
    EXPECT_TRUE(both.empty()) << o.id;
    EXPECT_EQ(o.isco_code.size(), 4u) << o.id;
    EXPECT_FALSE(o.label_de.empty()) << o.id;  // falls back to the English label
    if (!o.essential.empty()) ++with_essential;
  }
  EXPECT_GT(with_essential, ref.occupations.size() * 9 / 10);
}

TEST(LoadReferenceData, WarehouseWorkerHasItsEssentialSkills) {
  const ReferenceData& ref = Repo();
  const auto it =
      std::find_if(ref.occupations.begin(), ref.occupations.end(), [](const EscoOccupation& o) {
        return o.label_en == "warehouse worker";
      });
  ASSERT_NE(it, ref.occupations.end());
  EXPECT_EQ(it->label_de, "Lagerarbeiter/Lagerarbeiterin");
  EXPECT_EQ(it->isco_code, "9333");
  EXPECT_GE(it->essential.size(), 5u);
  const OccupationRef as_ref{ref.occupation_by_id.at(it->id), KldbIndex()};
  EXPECT_EQ(&ref.EssentialSkills(as_ref), &it->essential);
}

TEST(LoadReferenceData, OccupationsWithoutGermanLabelFallBackToEnglish) {
  const ReferenceData& ref = Repo();
  // ESCO v1.1.1 "contact tracing agent" has no German label in ESCO v1.2.0.
  const auto it =
      std::find_if(ref.occupations.begin(), ref.occupations.end(), [](const EscoOccupation& o) {
        return o.label_en == "contact tracing agent";
      });
  ASSERT_NE(it, ref.occupations.end());
  EXPECT_EQ(it->label_de, "contact tracing agent");
}

TEST(LoadReferenceData, KnownKldbCodesResolveWithTheirRequirementLevel) {
  const ReferenceData& ref = Repo();
  struct Known {
    std::string code;
    int8_t level;
    std::string title_start;
    std::string isco;
    bool bridged;  // some ESCO occupation has that ISCO group
  };
  // ISCO 3221 (nursing associate professionals) has no ESCO v1.1.1 occupation,
  // so the German nursing code has no ESCO bridge and an empty profile.
  for (const Known& known :
       {Known{"52122", 2, "Berufskraftfahrer", "8332", true},
        Known{"51311", 1, "Berufe in der Lagerwirtschaft", "9333", true},
        Known{"83112", 2, "Berufe in der Kinderbetreuung", "2342", true},
        Known{"81302", 2, "Berufe in der Gesundheits- und Krankenpflege", "3221", false},
        Known{"01104", 4, "Offiziere", "0110", true}}) {
    const auto it = ref.kldb_by_code.find(known.code);
    ASSERT_NE(it, ref.kldb_by_code.end()) << known.code;
    const KldbOccupation& k = ref.kldb[static_cast<size_t>(it->second.value)];
    EXPECT_EQ(k.requirement_level, known.level) << known.code;
    EXPECT_TRUE(k.title.starts_with(known.title_start)) << k.title;
    EXPECT_TRUE(std::binary_search(k.isco_codes.begin(), k.isco_codes.end(), known.isco))
        << known.code;
    EXPECT_EQ(k.esco.empty(), !known.bridged) << known.code;
    EXPECT_EQ(k.essential.empty() && k.optional.empty(), !known.bridged) << known.code;
    const OccupationRef as_ref{OccupationIndex(), it->second};
    EXPECT_EQ(ref.OccupationCode(as_ref), known.code);
    EXPECT_EQ(ref.OccupationLabel(as_ref), k.title);
    EXPECT_EQ(&ref.EssentialSkills(as_ref), &k.essential);
  }
}

TEST(LoadReferenceData, LorryDriverKldbProfileHoldsTheSkillsMostLorryDriversNeed) {
  const ReferenceData& ref = Repo();
  const KldbOccupation& k = ref.kldb[static_cast<size_t>(ref.kldb_by_code.at("52122").value)];
  // ISCO 8332 "heavy truck and lorry drivers": cargo vehicle driver is one of them.
  const auto cargo = std::find_if(k.esco.begin(), k.esco.end(), [&](OccupationIndex o) {
    return ref.occupations[static_cast<size_t>(o.value)].label_en == "cargo vehicle driver";
  });
  ASSERT_NE(cargo, k.esco.end());
  ASSERT_FALSE(k.essential.empty());
  // Every essential skill of the code is essential to at least one of its occupations,
  // and the union of both lists covers every skill of cargo vehicle driver.
  for (SkillIndex s : k.essential) {
    EXPECT_TRUE(std::any_of(k.esco.begin(), k.esco.end(), [&](OccupationIndex o) {
      const std::vector<SkillIndex>& e = ref.occupations[static_cast<size_t>(o.value)].essential;
      return std::binary_search(e.begin(), e.end(), s);
    })) << ref.skills[static_cast<size_t>(s.value)].label_en;
  }
  const EscoOccupation& driver = ref.occupations[static_cast<size_t>(cargo->value)];
  for (SkillIndex s : driver.essential) {
    EXPECT_TRUE(std::binary_search(k.essential.begin(), k.essential.end(), s) ||
                std::binary_search(k.optional.begin(), k.optional.end(), s));
  }
}

TEST(LoadReferenceData, KldbRequirementLevelIsTheFifthDigit) {
  const ReferenceData& ref = Repo();
  for (const KldbOccupation& k : ref.kldb) {
    ASSERT_EQ(k.code.size(), 5u);
    EXPECT_EQ(k.requirement_level, k.code[4] - '0') << k.code;
    EXPECT_GE(k.requirement_level, 1);
    EXPECT_LE(k.requirement_level, 4);
  }
}

// Recomputes the bridge and the half rule from the ESCO relations, the plain
// way (maps and sets), and compares with every KldB code the loader derived.
TEST(LoadReferenceData, KldbProfilesFollowTheHalfRule) {
  const ReferenceData& ref = Repo();
  size_t checked_nonempty = 0;
  for (const KldbOccupation& k : ref.kldb) {
    std::vector<OccupationIndex> esco;
    for (size_t i = 0; i < ref.occupations.size(); ++i) {
      if (std::count(k.isco_codes.begin(), k.isco_codes.end(), ref.occupations[i].isco_code)) {
        esco.emplace_back(static_cast<int32_t>(i));
      }
    }
    ASSERT_EQ(k.esco, esco) << k.code;
    std::map<int32_t, size_t> essential_in;
    std::set<int32_t> any;
    for (OccupationIndex o : esco) {
      for (SkillIndex s : ref.occupations[static_cast<size_t>(o.value)].essential) {
        ++essential_in[s.value];
        any.insert(s.value);
      }
      for (SkillIndex s : ref.occupations[static_cast<size_t>(o.value)].optional)
        any.insert(s.value);
    }
    // Essential to at least half: 2 * count >= n, i.e. count >= ceil(n / 2);
    // fewer than five such: count >= that of the fifth most shared one.
    size_t threshold = (esco.size() + 1) / 2;
    std::vector<size_t> counts;
    for (const auto& [skill, count] : essential_in) counts.push_back(count);
    std::sort(counts.rbegin(), counts.rend());
    const auto at_half = static_cast<size_t>(
        std::count_if(counts.begin(), counts.end(), [&](size_t c) { return c >= threshold; }));
    if (at_half < kMinKldbEssentialSkills && !counts.empty()) {
      threshold = counts[std::min(counts.size(), kMinKldbEssentialSkills) - 1];
    }
    std::vector<SkillIndex> essential;
    std::vector<SkillIndex> optional;
    for (int32_t s : any) {
      const auto it = essential_in.find(s);
      const size_t count = it == essential_in.end() ? 0 : it->second;
      (count > 0 && count >= threshold ? essential : optional).emplace_back(s);
    }
    ASSERT_EQ(k.essential, essential) << k.code;
    ASSERT_EQ(k.optional, optional) << k.code;
    if (esco.size() >= 2 && !optional.empty()) ++checked_nonempty;
  }
  // The rule was exercised on codes where it actually splits skills.
  EXPECT_GT(checked_nonempty, 500u);
}

// Every bridged code with an ESCO occupation that has essential skills gets a
// profile (never empty, which would read as a full fit), and at least
// kMinKldbEssentialSkills of them where its occupations have that many.
TEST(LoadReferenceData, BridgedKldbProfilesAreNeverEmptyNorASingleSharedSkill) {
  const ReferenceData& ref = Repo();
  size_t bridged = 0;
  for (const KldbOccupation& k : ref.kldb) {
    std::set<int32_t> all_essential;
    for (OccupationIndex o : k.esco) {
      for (SkillIndex s : ref.occupations[static_cast<size_t>(o.value)].essential) {
        all_essential.insert(s.value);
      }
    }
    if (all_essential.empty()) continue;
    ++bridged;
    EXPECT_GE(k.essential.size(), std::min(all_essential.size(), kMinKldbEssentialSkills))
        << k.code;
  }
  EXPECT_GT(bridged, 1200u);
}

// The regression behind the bridge rule: AuxCO links the hairdressing helper
// (82311) only to ISCO 9629, elementary workers not elsewhere classified
// (ushers, cloakroom and laundromat attendants), whose one shared essential
// skill is "maintain customer service" - so every waiting-staff helper
// covered it "100 %". The helper now takes its Berufsuntergruppe's link.
TEST(LoadReferenceData, HelperLinkedOnlyToAResidualIscoGroupTakesItsSiblingsLink) {
  const ReferenceData& ref = Repo();
  const KldbOccupation& helper = ref.kldb[static_cast<size_t>(ref.kldb_by_code.at("82311").value)];
  EXPECT_EQ(helper.isco_codes, std::vector<std::string>{"5141"});
  EXPECT_EQ(ref.kldb[static_cast<size_t>(ref.kldb_by_code.at("63401").value)].isco_codes,
            std::vector<std::string>{"4226"});
  std::set<std::string> labels;
  for (SkillIndex s : helper.essential)
    labels.insert(ref.skills[static_cast<size_t>(s.value)].label_en);
  EXPECT_TRUE(labels.contains("style hair"));
  EXPECT_GE(helper.essential.size(), kMinKldbEssentialSkills);
  // A helper with a specific link keeps it; a non-helper keeps a residual link.
  EXPECT_EQ(ref.kldb[static_cast<size_t>(ref.kldb_by_code.at("63301").value)].isco_codes,
            (std::vector<std::string>{"9411", "9412"}));
  size_t residual_helpers = 0;
  for (const KldbOccupation& k : ref.kldb) {
    const bool all_residual =
        !k.isco_codes.empty() && std::all_of(k.isco_codes.begin(),
                                             k.isco_codes.end(),
                                             [](const std::string& c) { return c[3] == '9'; });
    if (k.requirement_level != 1 || !all_residual) continue;
    // Left residual only where no code of its Berufsgruppe has a specific link.
    for (const KldbOccupation& sibling : ref.kldb) {
      if (sibling.code.substr(0, 3) != k.code.substr(0, 3) || &sibling == &k) continue;
      for (const std::string& c : sibling.isco_codes) EXPECT_EQ(c[3], '9') << k.code;
    }
    ++residual_helpers;
  }
  EXPECT_LT(residual_helpers, 30u);
}

TEST(LoadReferenceData, KldbWithoutIscoBridgeHasAnEmptyProfile) {
  const ReferenceData& ref = Repo();
  size_t unbridged = 0;
  for (const KldbOccupation& k : ref.kldb) {
    if (!k.isco_codes.empty()) continue;
    ++unbridged;
    EXPECT_TRUE(k.esco.empty() && k.essential.empty() && k.optional.empty()) << k.code;
  }
  EXPECT_GT(unbridged, 0u);  // 61 of 1,301 codes have no AuxCO pair
}

TEST(LoadReferenceData, KeepsStatisticsAnchorsWithTheirValues) {
  const ReferenceData& ref = Repo();
  const auto it =
      std::find_if(ref.anchors.begin(), ref.anchors.end(), [](const StatisticsAnchor& a) {
        return a.topic == "firms_micro_share" && a.region == "Sachsen-Anhalt" && a.value == 85.9;
      });
  ASSERT_NE(it, ref.anchors.end());
  EXPECT_FALSE(it->unit.empty());
}

TEST(DefaultReferenceDir, PrefersANonEmptyEnvironmentVariable) {
  ASSERT_EQ(setenv("JOBMATCH_REFDATA", "/some/where", 1), 0);
  EXPECT_EQ(DefaultReferenceDir(), fs::path("/some/where"));
  ASSERT_EQ(setenv("JOBMATCH_REFDATA", "", 1), 0);
  EXPECT_EQ(DefaultReferenceDir(), fs::path(JOBMATCH_REFDATA_DIR));
  ASSERT_EQ(unsetenv("JOBMATCH_REFDATA"), 0);
  EXPECT_EQ(DefaultReferenceDir(), fs::path(JOBMATCH_REFDATA_DIR));
  EXPECT_TRUE(fs::equivalent(DefaultReferenceDir(), RepoRefdata()));
}

TEST(LoadReferenceData, MissingFolderGivesMissingInputNamingIt) {
  const fs::path missing = fs::temp_directory_path() / "jobmatch_no_such_refdata_dir";
  const Result<ReferenceData> loaded = LoadReferenceData(missing);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::kMissingInput);
  EXPECT_NE(loaded.error().ToString().find(missing.string()), std::string::npos)
      << loaded.error().ToString();
}

// A private copy of the repository folder that a test may break.
class BrokenCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("jobmatch_refdata_") + info->test_suite_name() + "_" +
                       info->name() + "_" + std::to_string(getpid());
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::temp_directory_path() / name;
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const fs::directory_entry& entry : fs::directory_iterator(RepoRefdata())) {
      if (entry.path().extension() == ".csv")
        fs::copy_file(entry.path(), dir_ / entry.path().filename());
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Replaces physical line `line` (1-based) of `file` with `text`.
  void ReplaceLine(const std::string& file, int line, const std::string& text) {
    std::ifstream in(dir_ / file);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    ASSERT_LE(line, static_cast<int>(lines.size()));
    lines[static_cast<size_t>(line - 1)] = text;
    std::ofstream out(dir_ / file, std::ios::trunc);
    for (const std::string& l : lines) out << l << '\n';
  }

  fs::path dir_;
};

TEST_F(BrokenCopy, AnUntouchedCopyLoadsLikeTheRepository) {
  const Result<ReferenceData> loaded = LoadReferenceData(dir_);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(loaded.value().skills.size(), Repo().skills.size());
  EXPECT_EQ(loaded.value().kldb.size(), Repo().kldb.size());
}

TEST_F(BrokenCopy, MissingFileGivesMissingInputNamingIt) {
  fs::remove(dir_ / "postcodes.csv");
  const Result<ReferenceData> loaded = LoadReferenceData(dir_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::kMissingInput);
  ASSERT_EQ(loaded.error().diagnostics.size(), 1u);
  EXPECT_EQ(fs::path(loaded.error().diagnostics[0].file).filename(), "postcodes.csv");
}

struct Corruption {
  std::string file;
  int line;
  std::string text;
  std::string field;  // expected in the diagnostic; "" for a row-level problem
};

class CorruptedRow : public BrokenCopy, public ::testing::WithParamInterface<Corruption> {};

TEST_P(CorruptedRow, GivesBadDataNamingFileLineAndField) {
  const Corruption& c = GetParam();
  ReplaceLine(c.file, c.line, c.text);
  const Result<ReferenceData> loaded = LoadReferenceData(dir_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::kBadData);
  ASSERT_EQ(loaded.error().diagnostics.size(), 1u);
  const Diagnostic& d = loaded.error().diagnostics[0];
  EXPECT_EQ(fs::path(d.file).filename(), c.file) << d.ToString();
  EXPECT_EQ(d.line, c.line) << d.ToString();
  EXPECT_EQ(d.field, c.field) << d.ToString();
  EXPECT_FALSE(d.message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    EveryFile,
    CorruptedRow,
    ::testing::Values(
        Corruption{"occupation_skills.csv", 7, "0,99999999,e", "skill"},
        Corruption{"occupation_skills.csv", 9, "3007,1,e", "occupation"},
        Corruption{"occupation_skills.csv", 11, "1,2,x", "relation"},
        Corruption{"occupation_skills.csv", 12, "1,2", ""},
        Corruption{"skills.csv", 40, "zzz,sector-specific,a,b", ""},
        Corruption{"skills.csv", 41, "0500,popular,x", "reuse_level"},
        Corruption{"skills.csv", 3, "0000,transversal,out of order", "esco_id"},
        Corruption{"occupations.csv", 5, "0100,123,Koch/Köchin,cook", "isco_code"},
        Corruption{"kldb.csv", 20, "11194,Landwirtschaft,3,1311", "requirement_level"},
        Corruption{"kldb.csv", 21, "11212,Nutztierhaltung,2,92", "isco_codes"},
        Corruption{"kldb.csv", 1, "code,title,requirement_level,isco_codes", "header"},
        Corruption{"kldb_areas.csv", 4, "123,Zu lang", "kldb_code"},
        Corruption{"kldb_areas.csv", 5, "11,", "title"},
        Corruption{"kldb_areas.csv", 6, "0,Militär", "kldb_code"},
        Corruption{"districts.csv", 2, "01001,Flensburg,Schleswig-Holstein,north,9.4,91113", "lat"},
        Corruption{"municipalities.csv", 100, "01058099,X,99999,24000,54.3,9.7,1", "district_key"},
        Corruption{"municipalities.csv",
                   2,
                   "01001000,\"Flensburg, Stadt\",01001,24937,54.7,9.4,many",
                   "population"},
        Corruption{
            "municipalities.csv", 3, "01002000,\"Kiel, unterminated,01002,24103,54.3,10.1,1", ""},
        Corruption{"postcodes.csv", 50, "99999,Nowhere,15089,0.0,0.0", "lat"},
        Corruption{"anchors.csv", 4, "t,r,15,2020,n/a,u,n,s,url", "value"},
        Corruption{"foreign_nationals.csv", 5, "01004,-7", "total"}),
    [](const ::testing::TestParamInfo<Corruption>& param_info) {
      std::string name = param_info.param.file.substr(0, param_info.param.file.find('.')) +
                         "_line" + std::to_string(param_info.param.line);
      return name;
    });

}  // namespace
}  // namespace jobmatch

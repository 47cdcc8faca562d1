// tests/loaders/loader_test_support.h
//
// Shared by the loader tests: a small ReferenceData built by hand from real
// rows of loaders/refdata (Salzlandkreis postcodes and municipalities, a few
// ESCO and KldB codes), a field-by-field Dataset comparison, and scratch
// folders and files.

#ifndef JOBMATCH_TESTS_LOADERS_LOADER_TEST_SUPPORT_H_
#define JOBMATCH_TESTS_LOADERS_LOADER_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch::testing_support {

inline const std::filesystem::path kGoldenDir =
    std::filesystem::path(JOBMATCH_TEST_DATA_DIR) / "golden";

// Real codes used by the golden data (ids from loaders/refdata).
inline constexpr std::string_view kSkillForklift = "28cb374e-6261-4133-8371-f9a5470145da";
inline constexpr std::string_view kSkillFoodSafety = "0ff99f51-40d9-42f1-a1ec-377b2bb5e15f";
inline constexpr std::string_view kSkillCleanSurfaces = "6ff01827-907d-43d8-b6e4-7162c1cf0aca";
inline constexpr std::string_view kSkillStoreGoods = "9839e458-9555-45ea-b330-712b0d932acf";
inline constexpr std::string_view kSkillFoodPreparation = "4b15a965-9bb4-42f1-8e44-1024aeb0b08c";
inline constexpr std::string_view kOccupationCook = "90f75f67-495d-49fa-ab57-2f320e251d7e";
inline constexpr std::string_view kOccupationMaterialsHandler =
    "808becc8-5a4e-4e71-a043-c2ea32b56ae3";

inline ReferenceData SmallReference() {
  ReferenceData r;
  r.skills = {
      {std::string(kSkillForklift), "operate forklift", SkillReuse::kCrossSector},
      {std::string(kSkillFoodSafety),
       "comply with food safety and hygiene",
       SkillReuse::kCrossSector},
      {std::string(kSkillCleanSurfaces), "clean surfaces", SkillReuse::kCrossSector},
      {std::string(kSkillStoreGoods), "store goods", SkillReuse::kSectorSpecific},
      {std::string(kSkillFoodPreparation),
       "use food preparation techniques",
       SkillReuse::kSectorSpecific},
  };
  r.occupations = {
      {std::string(kOccupationCook), "5120", "Koch/Köchin", "cook", {SkillIndex(1)}, {}},
      {std::string(kOccupationMaterialsHandler),
       "9333",
       "Materiallagerarbeiter/Materiallagerarbeiterin",
       "materials handler",
       {},
       {}},
  };
  const auto kldb = [](std::string code, std::string title, int8_t level) {
    KldbOccupation k;
    k.code = std::move(code);
    k.title = std::move(title);
    k.requirement_level = level;
    return k;
  };
  r.kldb = {
      kldb("29222", "Berufe in der Back- und Konditoreiwarenherstellung – fachlich", 2),
      kldb("29302", "Köche/Köchinnen (ohne Spezialisierung) – fachlich", 2),
      kldb("51311", "Berufe in der Lagerwirtschaft – Helfer-/Anlerntätigkeiten", 1),
      kldb("52122", "Berufskraftfahrer/innen (Güterverkehr/LKW) – fachlich", 2),
      kldb("54101", "Berufe in der Reinigung (ohne Spezialisierung) – Helfer", 1),
  };
  r.districts = {
      {"15003", "Magdeburg, Landeshauptstadt", "Sachsen-Anhalt", {52.126248, 11.632726}, 236188},
      {"15089", "Salzlandkreis", "Sachsen-Anhalt", {51.859260, 11.637896}, 185495},
  };
  r.municipalities = {
      {"15003000", "Magdeburg, Landeshauptstadt", "15003", "39104", {52.126248, 11.632726}, 236188},
      {"15089015", "Aschersleben, Stadt", "15089", "06449", {51.756034, 11.455041}, 26328},
      {"15089030", "Bernburg (Saale), Stadt", "15089", "06406", {51.794389, 11.737192}, 32000},
      {"15089055", "Calbe (Saale), Stadt", "15089", "39240", {51.902787, 11.774788}, 8179},
      {"15089195", "Könnern, Stadt", "15089", "06420", {51.670127, 11.767742}, 8109},
      {"15089235", "Nienburg (Saale), Stadt", "15089", "06429", {51.836428, 11.766344}, 6053},
      {"15089310", "Staßfurt, Stadt", "15089", "39418", {51.853448, 11.583837}, 24265},
  };
  r.postcodes = {
      {"06406", "Bernburg", "15089", {51.794600, 11.740100}},
      {"06429", "Gerbitz", "15089", {51.843000, 11.781420}},
      {"06449", "Aschersleben", "15089", {51.790238, 11.458223}},
      {"39240", "Breitenhagen", "15089", {51.894712, 11.837000}},
      {"39418", "Neundorf (Anhalt)", "15089", {51.834300, 11.575900}},
  };
  r.BuildLookups();
  return r;
}

inline void ExpectSamePlace(const Place& a, const Place& b, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(a.point.lat, b.point.lat);
  EXPECT_EQ(a.point.lon, b.point.lon);
  EXPECT_EQ(a.district_key, b.district_key);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.input, b.input);
}

inline bool SameOccupation(const OccupationRef& a, const OccupationRef& b) {
  return a.esco == b.esco && a.kldb == b.kldb;
}

// Every field of every record, with the record's id in the failure message.
inline void ExpectSameDataset(const Dataset& a, const Dataset& b) {
  ASSERT_EQ(a.participants.size(), b.participants.size());
  for (size_t i = 0; i < a.participants.size(); ++i) {
    const Participant& x = a.participants[i];
    const Participant& y = b.participants[i];
    SCOPED_TRACE("participant " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.coordinator, y.coordinator);
    ExpectSamePlace(x.home, y.home, "home");
    EXPECT_EQ(x.german, y.german);
    ASSERT_EQ(x.occupations.size(), y.occupations.size());
    for (size_t k = 0; k < x.occupations.size(); ++k) {
      EXPECT_TRUE(SameOccupation(x.occupations[k], y.occupations[k])) << "occupation " << k;
    }
    EXPECT_EQ(x.skills, y.skills);
    EXPECT_EQ(x.qualification, y.qualification);
    EXPECT_EQ(x.qualification_recognised, y.qualification_recognised);
    EXPECT_EQ(x.goal, y.goal);
    EXPECT_EQ(x.hours_per_week, y.hours_per_week);
    EXPECT_EQ(x.driving_licence, y.driving_licence);
    EXPECT_EQ(x.car, y.car);
    EXPECT_EQ(x.max_commute_minutes, y.max_commute_minutes);
    EXPECT_EQ(x.work_permitted, y.work_permitted);
    EXPECT_EQ(x.in_germany_since, y.in_germany_since);
    EXPECT_EQ(x.gender, y.gender);
  }
  ASSERT_EQ(a.vacancies.size(), b.vacancies.size());
  for (size_t i = 0; i < a.vacancies.size(); ++i) {
    const Vacancy& x = a.vacancies[i];
    const Vacancy& y = b.vacancies[i];
    SCOPED_TRACE("vacancy " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.employer, y.employer);
    EXPECT_EQ(x.title, y.title);
    EXPECT_TRUE(SameOccupation(x.occupation, y.occupation));
    EXPECT_EQ(x.essential_skills, y.essential_skills);
    EXPECT_EQ(x.optional_skills, y.optional_skills);
    EXPECT_EQ(x.min_german, y.min_german);
    ExpectSamePlace(x.place, y.place, "place");
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.hours_per_week, y.hours_per_week);
    EXPECT_EQ(x.openings, y.openings);
    EXPECT_EQ(x.driving_licence_required, y.driving_licence_required);
    EXPECT_EQ(x.start_date, y.start_date);
    EXPECT_EQ(x.expires, y.expires);
  }
  ASSERT_EQ(a.employers.size(), b.employers.size());
  for (size_t i = 0; i < a.employers.size(); ++i) {
    const Employer& x = a.employers[i];
    const Employer& y = b.employers[i];
    SCOPED_TRACE("employer " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.staff, y.staff);
    ExpectSamePlace(x.place, y.place, "place");
    EXPECT_EQ(x.sector, y.sector);
  }
  ASSERT_EQ(a.coordinators.size(), b.coordinators.size());
  for (size_t i = 0; i < a.coordinators.size(); ++i) {
    const Coordinator& x = a.coordinators[i];
    const Coordinator& y = b.coordinators[i];
    SCOPED_TRACE("coordinator " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.district, y.district);
    EXPECT_EQ(x.fte, y.fte);
    EXPECT_EQ(x.capacity, y.capacity);
  }
  ASSERT_EQ(a.courses.size(), b.courses.size());
  for (size_t i = 0; i < a.courses.size(); ++i) {
    const Course& x = a.courses[i];
    const Course& y = b.courses[i];
    SCOPED_TRACE("course " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.target_level, y.target_level);
    ExpectSamePlace(x.place, y.place, "place");
    EXPECT_EQ(x.start_date, y.start_date);
    EXPECT_EQ(x.weeks, y.weeks);
  }
  ASSERT_EQ(a.history.size(), b.history.size());
  for (size_t i = 0; i < a.history.size(); ++i) {
    SCOPED_TRACE("history row " + std::to_string(i));
    EXPECT_EQ(a.history[i].participant, b.history[i].participant);
    EXPECT_EQ(a.history[i].vacancy, b.history[i].vacancy);
    EXPECT_EQ(a.history[i].kind, b.history[i].kind);
    EXPECT_EQ(a.history[i].date, b.history[i].date);
  }
}

// A fresh, empty scratch folder for the running test.
inline std::filesystem::path ScratchDir() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "_" + info->name();
  for (char& c : name) {
    if (c == '/' || c == '\\') c = '_';
  }
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / "jobmatch_loaders" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void WriteBytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Copies the golden English CSV folder to a scratch folder, to be spoiled.
inline std::filesystem::path CopyOfGoldenCsv() {
  std::filesystem::path dir = ScratchDir();
  for (const auto& entry : std::filesystem::directory_iterator(kGoldenDir / "csv_en")) {
    std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
  }
  return dir;
}

}  // namespace jobmatch::testing_support

#endif  // JOBMATCH_TESTS_LOADERS_LOADER_TEST_SUPPORT_H_

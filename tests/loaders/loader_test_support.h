// tests/loaders/loader_test_support.h
//
// Shared by the loader tests: a small ReferenceData built by hand from real
// rows of loaders/refdata (Salzlandkreis postcodes and municipalities, a few
// ESCO and KldB codes), a field-by-field Dataset comparison, and scratch
// folders and files.

#ifndef JOBMATCH_TESTS_LOADERS_LOADER_TEST_SUPPORT_H_
#define JOBMATCH_TESTS_LOADERS_LOADER_TEST_SUPPORT_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

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

// Where two tables of records differ: the size, or the first few records
// (by index and id) that are not equal. Empty if the tables are equal.
template <typename Record, typename IdOf>
std::string TableDiff(const char* table,
                      const std::vector<Record>& a,
                      const std::vector<Record>& b,
                      IdOf id_of) {
  if (a.size() != b.size()) {
    return std::string(table) + ": " + std::to_string(a.size()) + " vs " +
           std::to_string(b.size()) + " records\n";
  }
  std::string out;
  int shown = 0;
  for (size_t i = 0; i < a.size() && shown < 5; ++i) {
    if (a[i] == b[i]) continue;
    out += std::string(table) + "[" + std::to_string(i) + "] (" + id_of(a[i]) + ") differs\n";
    ++shown;
  }
  return out;
}

// Every field of every record, by the records' defaulted operator== (a new
// field is compared without touching this test); the message names the
// records that differ.
inline void ExpectSameDataset(const Dataset& a, const Dataset& b) {
  if (a == b) return;
  const auto id = [](const auto& record) { return record.id; };
  const auto row = [](const Outcome& o) {
    return "participant " + std::to_string(o.participant.value) + ", vacancy " +
           std::to_string(o.vacancy.value);
  };
  ADD_FAILURE() << "the datasets differ:\n"
                << TableDiff("participants", a.participants, b.participants, id)
                << TableDiff("vacancies", a.vacancies, b.vacancies, id)
                << TableDiff("employers", a.employers, b.employers, id)
                << TableDiff("coordinators", a.coordinators, b.coordinators, id)
                << TableDiff("courses", a.courses, b.courses, id)
                << TableDiff("history", a.history, b.history, row);
}

// This process's scratch folders (the same test may run at the same time in
// another build tree), removed when the process ends.
inline const std::filesystem::path& ProcessScratchRoot() {
  struct Root {
    std::filesystem::path path;
    ~Root() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const Root root{std::filesystem::path(::testing::TempDir()) /
                         ("jobmatch_loaders_" + std::to_string(::getpid()))};
  return root.path;
}

// A fresh, empty scratch folder for the running test.
inline std::filesystem::path ScratchDir() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "_" + info->name();
  for (char& c : name) {
    if (c == '/' || c == '\\') c = '_';
  }
  std::filesystem::path dir = ProcessScratchRoot() / name;
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

// Tests loaders/dataset_writer.h: what the writer writes, LoadDataset reads
// back exactly (CSV, binary and text protobuf), in the form German Excel
// writes CSV (BOM, ';', decimal commas, CR LF), replacing files atomically.

#include "loaders/dataset_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <string>

#include "loaders/load_dataset.h"
#include "loaders/reference_loader.h"
#include "synth/synthetic.h"
#include "tests/loaders/loader_test_support.h"

namespace jobmatch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace ::jobmatch::testing_support;  // NOLINT: test helpers

const ReferenceData& Reference() {
  static const ReferenceData* const kReference = new ReferenceData(SmallReference());
  return *kReference;
}

Dataset MustLoad(const fs::path& path, const ReferenceData& reference = Reference()) {
  Result<Dataset> dataset = LoadDataset(path, reference);
  EXPECT_TRUE(dataset.ok()) << (dataset.ok() ? "" : dataset.error().ToString());
  return dataset.ok() ? std::move(dataset).value() : Dataset{};
}

Dataset Golden() {
  return MustLoad(kGoldenDir / "csv_de");
}

TEST(ExpectSameDataset, FailsOnAnyFieldAndNamesTheRecord) {
  const Dataset golden = Golden();
  Dataset changed = golden;
  changed.vacancies[2].place.input += " ";
  EXPECT_NONFATAL_FAILURE(ExpectSameDataset(golden, changed), "vacancies[2] (V-103) differs");
  changed = golden;
  changed.history.pop_back();
  EXPECT_NONFATAL_FAILURE(ExpectSameDataset(golden, changed), "history: 2 vs 1 records");
}

TEST(WriteCsvDataset, ReadsBackExactly) {
  const Dataset golden = Golden();
  const fs::path dir = ScratchDir() / "out";
  ASSERT_FALSE(WriteCsvDataset(golden, Reference(), dir).has_value());
  ExpectSameDataset(golden, MustLoad(dir));
}

TEST(WriteProtoDataset, ReadsBackExactlyInBinaryAndTextFormat) {
  const Dataset golden = Golden();
  const fs::path dir = ScratchDir();
  ASSERT_FALSE(WriteProtoDataset(golden, Reference(), dir / "d.binpb", false).has_value());
  ASSERT_FALSE(WriteProtoDataset(golden, Reference(), dir / "d.txtpb", true).has_value());
  ExpectSameDataset(golden, MustLoad(dir / "d.binpb"));
  ExpectSameDataset(golden, MustLoad(dir / "d.txtpb"));
  const std::string text = ReadBytes(dir / "d.txtpb");
  EXPECT_THAT(text, HasSubstr("min_german_level: \"B1\""));
  EXPECT_THAT(text, HasSubstr("german_work_experience: false"));
  EXPECT_THAT(text, HasSubstr("lessons_per_week: 20"));
}

// The optional participant and course columns survive CSV -> protobuf (text
// and binary) -> records, set, unset and false alike.
TEST(WriteProtoDataset, KeepsGermanWorkExperienceAndLessonsPerWeek) {
  Dataset golden = Golden();
  ASSERT_GE(golden.participants.size(), 3u);
  golden.participants[0].german_work_experience = true;
  golden.participants[1].german_work_experience = false;
  golden.participants[2].german_work_experience.reset();
  golden.courses[0].lessons_per_week = 16;
  golden.courses.push_back(golden.courses[0]);
  golden.courses.back().id = "C-2";
  golden.courses.back().lessons_per_week = 0;  // not stated: the config's default
  const fs::path dir = ScratchDir();
  ASSERT_FALSE(WriteCsvDataset(golden, Reference(), dir / "csv").has_value());
  const Dataset from_csv = MustLoad(dir / "csv");
  ExpectSameDataset(golden, from_csv);
  for (const bool text_format : {false, true}) {
    const fs::path file = dir / (text_format ? "d.txtpb" : "d.binpb");
    ASSERT_FALSE(WriteProtoDataset(from_csv, Reference(), file, text_format).has_value());
    const Dataset back = MustLoad(file);
    ExpectSameDataset(golden, back);
    EXPECT_EQ(back.participants[0].german_work_experience, std::optional<bool>(true));
    EXPECT_EQ(back.participants[1].german_work_experience, std::optional<bool>(false));
    EXPECT_FALSE(back.participants[2].german_work_experience.has_value());
    EXPECT_EQ(back.courses[0].lessons_per_week, 16);
    EXPECT_EQ(back.courses[1].lessons_per_week, 0);
  }
}

TEST(WriteCsvDataset, WritesWhatGermanExcelWrites) {
  const fs::path dir = ScratchDir();
  ASSERT_FALSE(WriteCsvDataset(Golden(), Reference(), dir).has_value());
  const std::string vacancies = ReadBytes(dir / "vacancies.csv");
  EXPECT_THAT(vacancies, StartsWith("\xEF\xBB\xBFid;employer_id;title;occupation;"));
  EXPECT_THAT(vacancies,
              HasSubstr("\r\nV-102;E-03;Koch/Köchin;" + std::string(kOccupationCook) + ";"));
  EXPECT_THAT(vacancies, HasSubstr(";38,5;1;"));  // decimal comma
  EXPECT_THAT(vacancies, HasSubstr(";\"Reinigungskraft\nTeilzeit, Frühschicht\";"));  // quoted
  EXPECT_THAT(vacancies, HasSubstr(";2025-04-01;2025-06-30\r\n"));
  const std::string employers = ReadBytes(dir / "employers.csv");
  EXPECT_THAT(employers, HasSubstr("E-03;\"Gasthaus \"\"Zur Saale\"\"\";4;15089235;"));
  const std::string coordinators = ReadBytes(dir / "coordinators.csv");
  EXPECT_THAT(coordinators, HasSubstr("K-ASL;JOKO Aschersleben, Staßfurt;15089;0,5;6\r\n"));
}

TEST(WriteCsvDataset, LeavesNoTemporaryFilesBehind) {
  const fs::path dir = ScratchDir();
  ASSERT_FALSE(WriteCsvDataset(Golden(), Reference(), dir).has_value());
  ASSERT_FALSE(WriteCsvDataset(Golden(), Reference(), dir).has_value());  // replaces
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names,
            (std::vector<std::string>{"coordinators.csv",
                                      "courses.csv",
                                      "employers.csv",
                                      "history.csv",
                                      "participants.csv",
                                      "vacancies.csv"}));
}

TEST(WriteCsvDataset, OmitsEmptyOptionalFilesAndRemovesStaleOnes) {
  const fs::path dir = ScratchDir();
  ASSERT_FALSE(WriteCsvDataset(Golden(), Reference(), dir).has_value());
  Dataset without = Golden();
  without.courses.clear();
  without.history.clear();
  ASSERT_FALSE(WriteCsvDataset(without, Reference(), dir).has_value());
  EXPECT_FALSE(fs::exists(dir / "courses.csv"));
  EXPECT_FALSE(fs::exists(dir / "history.csv"));
  ExpectSameDataset(without, MustLoad(dir));
}

TEST(WriteCsvDataset, WritesAPlaceWithoutInputAsCoordinates) {
  Dataset dataset = Golden();
  Place& home = dataset.participants[0].home;
  home.input.clear();
  const fs::path dir = ScratchDir();
  ASSERT_FALSE(WriteCsvDataset(dataset, Reference(), dir).has_value());
  const Dataset back = MustLoad(dir);
  EXPECT_EQ(back.participants[0].home.point.lat, home.point.lat);
  EXPECT_EQ(back.participants[0].home.point.lon, home.point.lon);
  EXPECT_EQ(back.participants[0].home.district_key, "15089");
  EXPECT_EQ(back.participants[0].home.input, "51.7946 11.7401");  // the postcode's point
}

TEST(WriteCsvDataset, ReportsAFolderThatCannotBeCreated) {
  const fs::path dir = ScratchDir();
  WriteBytes(dir / "a_file", "x");
  const std::optional<Error> error = WriteCsvDataset(Golden(), Reference(), dir / "a_file" / "out");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, ErrorKind::kCannotWrite);
}

TEST(WriteProtoDataset, ReportsAFileThatCannotBeWritten) {
  const fs::path dir = ScratchDir();
  fs::create_directories(dir / "taken.pb");  // a folder where the file should go
  const std::optional<Error> error =
      WriteProtoDataset(Golden(), Reference(), dir / "taken.pb", false);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, ErrorKind::kCannotWrite);
}

// A generated district on the real reference data survives both formats.
TEST(WriteCsvDataset, RoundTripsASyntheticDistrictOnTheShippedReferenceData) {
  const Result<ReferenceData> reference = LoadReferenceData(DefaultReferenceDir());
  ASSERT_TRUE(reference.ok()) << reference.error().ToString();
  SyntheticOptions options;
  options.participants = 300;
  options.vacancies = 400;
  const Result<Dataset> generated = GenerateSynthetic(reference.value(), options);
  ASSERT_TRUE(generated.ok()) << generated.error().ToString();
  const fs::path dir = ScratchDir();
  ASSERT_FALSE(WriteCsvDataset(generated.value(), reference.value(), dir / "csv").has_value());
  ASSERT_FALSE(
      WriteProtoDataset(generated.value(), reference.value(), dir / "d.pb", false).has_value());
  ExpectSameDataset(generated.value(), MustLoad(dir / "csv", reference.value()));
  ExpectSameDataset(generated.value(), MustLoad(dir / "d.pb", reference.value()));
}

}  // namespace
}  // namespace jobmatch

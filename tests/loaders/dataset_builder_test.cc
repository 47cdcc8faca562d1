// Tests loaders/dataset_builder.h directly on RawDatasets: the rules every
// format shares (places, codes, defaults, references).

#include "loaders/dataset_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/loaders/loader_test_support.h"

namespace jobmatch {
namespace {

using ::testing::HasSubstr;
using namespace ::jobmatch::testing_support;  // NOLINT: test helpers

// ------------------------------------------------------------ BuildDataset

// A minimal valid dataset: one coordinator, employer, participant, vacancy.
RawDataset Minimal() {
  RawDataset raw;
  const auto add = [&](Table t, std::vector<std::string> cells) {
    RawTable& table = raw[t];
    table.file = std::string(TableStem(t)) + ".csv";
    table.present = true;
    table.comma_separates_codes = true;
    cells.resize(Columns(t).size());
    table.records.push_back(RawRecord{2, "", std::move(cells)});
  };
  add(Table::kCoordinators, {"K1", "JOKO", "15089", "1", "10"});
  add(Table::kEmployers, {"E1", "Firma", "5", "06406", "Handel"});
  add(Table::kParticipants, {"P1", "K1", "06449", "B1"});
  add(Table::kVacancies, {"V1", "E1", "Lager", "51311", "", "", "A2", "", "", "", "1"});
  return raw;
}

Result<Dataset> Build(const RawDataset& raw) {
  ProblemList problems(50);
  return BuildDataset(raw, SmallReference(), &problems);
}

std::string& Cell(RawDataset& raw, Table t, int column) {
  return raw[t].records[0].cells[static_cast<size_t>(column)];
}

TEST(BuildDataset, AppliesTheDocumentedDefaultsToEmptyCells) {
  const Result<Dataset> built = Build(Minimal());
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  const Participant& p = built.value().participants[0];
  EXPECT_EQ(p.qualification, Qualification::kNone);
  EXPECT_EQ(p.goal, Goal::kJob);
  EXPECT_EQ(p.hours_per_week, 0.0);
  EXPECT_FALSE(p.driving_licence);
  EXPECT_EQ(p.max_commute_minutes, 0);
  EXPECT_TRUE(p.work_permitted);
  const Vacancy& v = built.value().vacancies[0];
  EXPECT_EQ(v.kind, VacancyKind::kJob);
  EXPECT_EQ(v.place.input, "06406");  // the employer's
  EXPECT_EQ(built.value().coordinators[0].fte, 1.0);
}

TEST(BuildDataset, SnapsCoordinatesToTheNearestMunicipality) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kParticipants, kParticipantPlace) = "51,85 11,58";  // Staßfurt
  const Result<Dataset> built = Build(raw);
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  const Place& home = built.value().participants[0].home;
  EXPECT_EQ(home.point.lat, 51.85);
  EXPECT_EQ(home.name, "Staßfurt, Stadt");
  EXPECT_EQ(home.district_key, "15089");
  EXPECT_EQ(home.input, "51,85 11,58");
}

TEST(BuildDataset, RejectsCoordinatesOutsideGermanyOrSwapped) {
  for (const char* text : {"48.85 2.35", "11.58 51.85"}) {  // Paris; lon/lat swapped
    RawDataset raw = Minimal();
    Cell(raw, Table::kParticipants, kParticipantPlace) = text;
    const Result<Dataset> built = Build(raw);
    ASSERT_FALSE(built.ok()) << text;
    EXPECT_EQ(built.error().diagnostics[0].field, "place");
    EXPECT_THAT(built.error().diagnostics[0].message, HasSubstr("in Germany"));
  }
}

TEST(BuildDataset, ReadsAPostcodeFollowedByThePlaceName) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kParticipants, kParticipantPlace) = "06406 Bernburg (Saale)";
  const Result<Dataset> built = Build(raw);
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  EXPECT_EQ(built.value().participants[0].home.name, "Bernburg");
}

TEST(BuildDataset, AcceptsEscoUrisAndBerufskennziffern) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kVacancies, kVacancyOccupation) = "B 52122-100";
  Cell(raw, Table::kParticipants, kParticipantOccupations) =
      "https://data.europa.eu/esco/occupation/" + std::string(kOccupationCook) + " | 29302";
  Cell(raw, Table::kParticipants, kParticipantSkills) =
      "http://data.europa.eu/esco/skill/" + std::string(kSkillForklift) + "\n" +
      std::string(kSkillStoreGoods) + "," + std::string(kSkillForklift);
  const Result<Dataset> built = Build(raw);
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  const ReferenceData ref = SmallReference();
  EXPECT_EQ(ref.OccupationCode(built.value().vacancies[0].occupation), "52122");
  const Participant& p = built.value().participants[0];
  ASSERT_EQ(p.occupations.size(), 2u);
  EXPECT_EQ(ref.OccupationCode(p.occupations[0]), kOccupationCook);
  EXPECT_EQ(ref.OccupationCode(p.occupations[1]), "29302");
  EXPECT_EQ(p.skills.size(), 2u);  // the repeated forklift skill counts once
}

TEST(BuildDataset, RejectsTwoOccupationsForOneVacancy) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kVacancies, kVacancyOccupation) = "51311|52122";
  const Result<Dataset> built = Build(raw);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().diagnostics[0].field, "occupation");
}

TEST(BuildDataset, RejectsAnExpiryBeforeTheStart) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kVacancies, kVacancyStartDate) = "01.05.2025";
  Cell(raw, Table::kVacancies, kVacancyExpires) = "2025-04-30";
  const Result<Dataset> built = Build(raw);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().diagnostics[0].field, "expires");
}

TEST(BuildDataset, ChecksRangesOfNumbers) {
  struct Case {
    Table table;
    int column;
    const char* value;
    const char* field;
  };
  for (const Case& c :
       {Case{Table::kVacancies, kVacancyOpenings, "-1", "openings"},
        Case{Table::kVacancies, kVacancyOpenings, "", "openings"},
        Case{Table::kVacancies, kVacancyHoursPerWeek, "200", "hours_per_week"},
        Case{Table::kEmployers, kEmployerStaff, "viele", "staff"},
        Case{Table::kCoordinators, kCoordinatorFte, "-0,5", "fte"},
        Case{Table::kParticipants, kParticipantMaxCommuteMinutes, "45,5", "max_commute_minutes"}}) {
    RawDataset raw = Minimal();
    Cell(raw, c.table, c.column) = c.value;
    const Result<Dataset> built = Build(raw);
    ASSERT_FALSE(built.ok()) << c.field << " = " << c.value;
    EXPECT_EQ(built.error().diagnostics[0].field, c.field);
    EXPECT_EQ(built.error().diagnostics[0].value, c.value);
  }
}

TEST(BuildDataset, PrefixesTheRecordPathForProtobufRecords) {
  RawDataset raw = Minimal();
  raw[Table::kVacancies].records[0].line = 0;
  raw[Table::kVacancies].records[0].location = "vacancies[0]";
  Cell(raw, Table::kVacancies, kVacancyKind) = "Festanstellung";
  const Result<Dataset> built = Build(raw);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().diagnostics[0].field, "vacancies[0].kind");
  EXPECT_EQ(built.error().diagnostics[0].line, 0);
}

TEST(BuildDataset, AddsToProblemsTheCallerFoundBefore) {
  ProblemList problems(50);
  problems.Add({"x.csv", 3, "", "", "a problem found while reading"});
  const Result<Dataset> built = BuildDataset(Minimal(), SmallReference(), &problems);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().diagnostics.size(), 1u);
}

}  // namespace
}  // namespace jobmatch

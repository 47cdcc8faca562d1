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
    table.records.push_back(RawRecord{2, "", std::move(cells), {}});
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

// Minimal() plus one course.
RawDataset WithCourse() {
  RawDataset raw = Minimal();
  RawTable& courses = raw[Table::kCourses];
  courses.file = "courses.csv";
  courses.present = true;
  std::vector<std::string> cells = {"C1", "language", "B1", "06406", "2025-01-05", "12"};
  cells.resize(Columns(Table::kCourses).size());
  courses.records.push_back(RawRecord{2, "", std::move(cells), {}});
  return raw;
}

TEST(BuildDataset, RefusesAbsurdNumbersJustOutsideTheirBoundsAndSaysTheRange) {
  struct Case {
    Table table;
    int column;
    const char* inside;
    const char* outside;
    const char* range;
  };
  for (const Case& c : {
           Case{Table::kCourses, kCourseWeeks, "260", "261", "from 0 to 260"},
           Case{Table::kVacancies, kVacancyOpenings, "10000", "10001", "from 0 to 10000"},
           Case{Table::kCoordinators, kCoordinatorCapacity, "10000", "10001", "from 0 to 10000"},
           Case{Table::kEmployers, kEmployerStaff, "1000000", "1000001", "from 0 to 1000000"},
           Case{Table::kVacancies, kVacancyHoursPerWeek, "80", "80,5", "from 0 to 80"},
           Case{Table::kParticipants, kParticipantHoursPerWeek, "80", "80,01", "from 0 to 80"},
           Case{Table::kParticipants, kParticipantMaxCommuteMinutes, "480", "481", "from 0 to 480"},
           Case{Table::kCoordinators, kCoordinatorFte, "100", "100,5", "from 0 to 100"},
           Case{Table::kCourses, kCourseWeeks, "0", "2147483647", "from 0 to 260"},
           Case{Table::kVacancies, kVacancyOpenings, "1", "99999999999", "from 0 to 10000"},
       }) {
    RawDataset raw = WithCourse();
    Cell(raw, c.table, c.column) = c.inside;
    const Result<Dataset> inside = Build(raw);
    EXPECT_TRUE(inside.ok()) << c.inside << ": " << (inside.ok() ? "" : inside.error().ToString());
    Cell(raw, c.table, c.column) = c.outside;
    const Result<Dataset> outside = Build(raw);
    ASSERT_FALSE(outside.ok()) << c.outside;
    ASSERT_EQ(outside.error().diagnostics.size(), 1U) << outside.error().ToString();
    EXPECT_EQ(outside.error().diagnostics[0].value, c.outside);
    EXPECT_THAT(outside.error().diagnostics[0].message, HasSubstr(c.range));
  }
}

// ------------------------------------------------------------ text and Excel damage

TEST(BuildDataset, RefusesCellsThatAreNotUtf8OrHoldControlCharacters) {
  for (const char* bad : {"P\xFF", "P\x01", "P\xC3"}) {
    RawDataset raw = Minimal();
    Cell(raw, Table::kParticipants, kParticipantId) = bad;
    const Result<Dataset> built = Build(raw);
    ASSERT_FALSE(built.ok()) << bad;
    ASSERT_EQ(built.error().diagnostics.size(), 1U) << built.error().ToString();
    EXPECT_EQ(built.error().diagnostics[0].field, "id");
    EXPECT_EQ(built.error().diagnostics[0].line, 2);
    EXPECT_EQ(built.error().ToString().find(bad), std::string::npos) << built.error().ToString();
  }
}

TEST(BuildDataset, RefusesIdsAndReferencesExcelTurnedIntoScientificNotation) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kParticipants, kParticipantId) = "1,23457E+11";
  Cell(raw, Table::kVacancies, kVacancyEmployerId) = "1.23E+05";
  const Result<Dataset> built = Build(raw);
  ASSERT_FALSE(built.ok());
  ASSERT_EQ(built.error().diagnostics.size(), 2U) << built.error().ToString();
  for (const Diagnostic& d : built.error().diagnostics) {
    EXPECT_THAT(d.message, HasSubstr("Excel turned into scientific notation"));
    EXPECT_THAT(d.message, HasSubstr("format the column as text"));
  }
}

TEST(BuildDataset, RefusesLongIdsExcelRoundedTo15Digits) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kVacancies, kVacancyId) = "4711000012345670";
  const Result<Dataset> built = Build(raw);
  ASSERT_FALSE(built.ok());
  EXPECT_THAT(built.error().diagnostics[0].message, HasSubstr("rounded to 15 digits"));
}

TEST(BuildDataset, NamesTheIdWhoseLeadingZerosExcelDropped) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kCoordinators, kCoordinatorId) = "0042";
  Cell(raw, Table::kParticipants, kParticipantCoordinatorId) = "42";
  const Result<Dataset> built = Build(raw);
  ASSERT_FALSE(built.ok());
  ASSERT_EQ(built.error().diagnostics.size(), 1U) << built.error().ToString();
  EXPECT_EQ(built.error().diagnostics[0].field, "coordinator_id");
  EXPECT_THAT(built.error().diagnostics[0].message, HasSubstr("there is '0042'"));
  EXPECT_THAT(built.error().diagnostics[0].message, HasSubstr("Excel drops leading zeros"));
}

TEST(BuildDataset, SaysWhenADateBecameAnExcelSerialNumber) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kParticipants, kParticipantInGermanySince) = "45981";
  const Result<Dataset> built = Build(raw);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().diagnostics[0].field, "in_germany_since");
  EXPECT_THAT(built.error().diagnostics[0].message, HasSubstr("serial number (2025-11-20?)"));
}

TEST(BuildDataset, SaysWhenAPlaceBecameScientificNotation) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kParticipants, kParticipantPlace) = "1,5089E+07";
  const Result<Dataset> built = Build(raw);
  ASSERT_FALSE(built.ok());
  EXPECT_THAT(built.error().diagnostics[0].message, HasSubstr("scientific notation"));
}

TEST(BuildDataset, RestoresTheLeadingZeroOfAPostcode) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kParticipants, kParticipantPlace) = "6406";
  const Result<Dataset> built = Build(raw);
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  EXPECT_EQ(built.value().participants[0].home.name, "Bernburg");
}

TEST(BuildDataset, RefusesTextCutAtExcelsCellLimit) {
  RawDataset raw = Minimal();
  Cell(raw, Table::kVacancies, kVacancyTitle) = std::string(32767, 'x');
  const Result<Dataset> built = Build(raw);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().diagnostics[0].field, "title");
  EXPECT_THAT(built.error().diagnostics[0].message, HasSubstr("Excel cut the text"));
  Cell(raw, Table::kVacancies, kVacancyTitle) = std::string(32766, 'x');
  EXPECT_TRUE(Build(raw).ok());
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

// Tests loaders/load_dataset.h on real-looking files: the golden Salzlandkreis
// dataset in four formats (CSV with English headers, CSV as German Excel
// writes it in Windows-1252, binary and text protobuf) must load to the same
// Dataset, and each kind of bad input must be reported with kind, file, line
// and field.

#include "loaders/load_dataset.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "loaders/reference_loader.h"
#include "loaders/text_encoding.h"
#include "tests/loaders/loader_test_support.h"

namespace jobmatch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using namespace ::jobmatch::testing_support;  // NOLINT: test helpers

const ReferenceData& Reference() {
  static const ReferenceData* const kReference = new ReferenceData(SmallReference());
  return *kReference;
}

Dataset MustLoad(const fs::path& path, const LoaderOptions& options = {}) {
  Result<Dataset> dataset = LoadDataset(path, Reference(), options);
  EXPECT_TRUE(dataset.ok()) << (dataset.ok() ? "" : dataset.error().ToString());
  return dataset.ok() ? std::move(dataset).value() : Dataset{};
}

Error MustFail(const fs::path& path, const LoaderOptions& options = {}) {
  Result<Dataset> dataset = LoadDataset(path, Reference(), options);
  EXPECT_FALSE(dataset.ok());
  return dataset.ok() ? Error{} : dataset.error();
}

// Replaces the one occurrence of `from` in the file by `to`.
void Edit(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = ReadBytes(file);
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from << " not in " << file;
  ASSERT_EQ(text.find(from, at + 1), std::string::npos) << from << " twice in " << file;
  text.replace(at, from.size(), to);
  WriteBytes(file, text);
}

// The only diagnostic of `error`, checked for kind, file name, line, field.
void ExpectOneProblem(const Error& error,
                      ErrorKind kind,
                      const std::string& file_name,
                      int64_t line,
                      const std::string& field) {
  EXPECT_EQ(error.kind, kind);
  ASSERT_EQ(error.diagnostics.size(), 1u) << error.ToString();
  const Diagnostic& d = error.diagnostics[0];
  EXPECT_EQ(fs::path(d.file).filename().string(), file_name) << d.ToString();
  EXPECT_EQ(d.line, line) << d.ToString();
  EXPECT_EQ(d.field, field) << d.ToString();
}

// ------------------------------------------------------------ golden data

struct GoldenFormat {
  std::string name;
  std::string path;  // below tests/data/golden
};

void PrintTo(const GoldenFormat& format, std::ostream* out) {
  *out << format.name;
}

class GoldenDataset : public ::testing::TestWithParam<GoldenFormat> {};

TEST_P(GoldenDataset, LoadsToTheSameDatasetAsTheEnglishCsv) {
  const Dataset english = MustLoad(kGoldenDir / "csv_en");
  const Dataset loaded = MustLoad(kGoldenDir / GetParam().path);
  ExpectSameDataset(english, loaded);
}

TEST_P(GoldenDataset, HasEveryRecordWithReferencesInRange) {
  const Dataset d = MustLoad(kGoldenDir / GetParam().path);
  EXPECT_EQ(d.participants.size(), 6u);
  EXPECT_EQ(d.vacancies.size(), 6u);
  EXPECT_EQ(d.employers.size(), 4u);
  EXPECT_EQ(d.coordinators.size(), 2u);
  EXPECT_EQ(d.courses.size(), 1u);
  EXPECT_EQ(d.history.size(), 2u);
  for (const Participant& p : d.participants) {
    EXPECT_TRUE(p.coordinator.valid() &&
                static_cast<size_t>(p.coordinator.value) < d.coordinators.size());
    EXPECT_EQ(p.home.district_key, "15089") << p.id;  // all live in the Salzlandkreis
  }
  for (const Vacancy& v : d.vacancies) {
    EXPECT_TRUE(v.employer.valid() && static_cast<size_t>(v.employer.value) < d.employers.size());
    EXPECT_TRUE(v.occupation.valid()) << v.id;
    EXPECT_FALSE(v.place.input.empty()) << v.id;
  }
}

INSTANTIATE_TEST_SUITE_P(AllFormats,
                         GoldenDataset,
                         ::testing::Values(GoldenFormat{"CsvEnglishUtf8Bom", "csv_en"},
                                           GoldenFormat{"CsvGermanWindows1252", "csv_de"},
                                           GoldenFormat{"BinaryProtobuf", "dataset.binpb"},
                                           GoldenFormat{"TextProtobuf", "dataset.txtpb"}),
                         [](const ::testing::TestParamInfo<GoldenFormat>& format) {
                           return format.param.name;
                         });

TEST(LoadDataset, ReadsTheGoldenValuesAsWritten) {
  const Dataset d = MustLoad(kGoldenDir / "csv_de");
  const ReferenceData& ref = Reference();

  const Coordinator& asl = d.coordinators[1];
  EXPECT_EQ(asl.id, "K-ASL");
  EXPECT_EQ(asl.name, "JOKO Aschersleben, Staßfurt");
  EXPECT_EQ(asl.district, "15089");  // written as "Salzlandkreis"
  EXPECT_EQ(asl.fte, 0.5);
  EXPECT_EQ(asl.capacity, 6);

  const Participant& p2 = d.participants[1];
  EXPECT_EQ(p2.id, "P-002");
  EXPECT_EQ(p2.coordinator.value, 0);
  EXPECT_EQ(p2.home.input, "15089030");
  EXPECT_EQ(p2.home.name, "Bernburg (Saale), Stadt");
  EXPECT_EQ(p2.german, CefrLevel::kA2);
  EXPECT_EQ(p2.hours_per_week, 38.5);  // "38,5"
  EXPECT_TRUE(p2.driving_licence);     // "x"
  EXPECT_TRUE(p2.car);
  EXPECT_EQ(p2.max_commute_minutes, 0);  // empty: legal default
  ASSERT_EQ(p2.occupations.size(), 1u);
  EXPECT_EQ(ref.OccupationCode(p2.occupations[0]), kOccupationMaterialsHandler);
  ASSERT_EQ(p2.skills.size(), 2u);  // "a,b" in a ';' file
  EXPECT_EQ(ref.skills[static_cast<size_t>(p2.skills[1].value)].id, kSkillStoreGoods);
  EXPECT_EQ(p2.in_germany_since, ParseDate("2022-05-02"));

  const Participant& p4 = d.participants[3];
  EXPECT_EQ(p4.home.input, "51.7603 11.4571");
  EXPECT_EQ(p4.home.point.lat, 51.7603);
  EXPECT_EQ(p4.home.name, "Aschersleben, Stadt");  // nearest municipality
  EXPECT_EQ(p4.qualification, Qualification::kAcademic);
  EXPECT_TRUE(p4.qualification_recognised);

  const Participant& p5 = d.participants[4];
  EXPECT_EQ(p5.german, CefrLevel::kA0);  // "keine"
  EXPECT_FALSE(p5.work_permitted);
  EXPECT_EQ(p5.goal, Goal::kTraining);
  EXPECT_EQ(p5.hours_per_week, 0.0);
  EXPECT_EQ(p5.german_work_experience, std::optional<bool>(false));  // "nein"

  const Participant& p6 = d.participants[5];
  EXPECT_EQ(p6.german, CefrLevel::kB1);  // "B1.2"
  EXPECT_TRUE(p6.work_permitted);        // empty: permitted
  EXPECT_FALSE(p6.in_germany_since.has_value());
  EXPECT_FALSE(p6.german_work_experience.has_value());  // empty: unknown
  ASSERT_EQ(p6.occupations.size(), 2u);
  EXPECT_EQ(ref.OccupationCode(p6.occupations[0]), "52122");
  EXPECT_EQ(ref.OccupationCode(p6.occupations[1]), "29302");

  const Vacancy& v1 = d.vacancies[0];
  EXPECT_EQ(v1.title, "Lagerhelfer/in – Vollzeit");       // en dash from Windows-1252 0x96
  EXPECT_EQ(ref.OccupationCode(v1.occupation), "51311");  // "B 51311-100"
  EXPECT_EQ(v1.place.input, "39418");                     // empty: the employer's place
  EXPECT_EQ(v1.place.name, "Neundorf (Anhalt)");
  EXPECT_EQ(v1.openings, 3);
  EXPECT_EQ(v1.expires, ParseDate("2025-06-30"));

  const Vacancy& v4 = d.vacancies[3];
  EXPECT_EQ(v4.title, "Reinigungskraft\nTeilzeit, Frühschicht");
  EXPECT_EQ(v4.employer.value, 3);
  EXPECT_EQ(v4.hours_per_week, 20.0);

  const Vacancy& v6 = d.vacancies[5];
  EXPECT_EQ(ref.OccupationCode(v6.occupation), kOccupationCook);  // upper-case UUID
  EXPECT_EQ(v6.kind, VacancyKind::kInternship);

  EXPECT_EQ(d.employers[2].name, "Gasthaus \"Zur Saale\"");
  EXPECT_EQ(d.employers[2].place.name, "Nienburg (Saale), Stadt");  // municipality key
  EXPECT_EQ(d.employers[1].staff, 180);

  EXPECT_EQ(d.courses[0].kind, CourseKind::kLanguage);
  EXPECT_EQ(d.courses[0].weeks, 24);
  EXPECT_EQ(d.courses[0].lessons_per_week, 20);  // "UE pro Woche"
  EXPECT_EQ(d.history[0].participant.value, 1);
  EXPECT_EQ(d.history[0].vacancy.value, 0);
  EXPECT_EQ(d.history[0].kind, OutcomeKind::kRejected);
  EXPECT_EQ(d.history[1].kind, OutcomeKind::kProposed);
}

TEST(LoadDataset, WorksWithoutTheOptionalFiles) {
  const fs::path dir = CopyOfGoldenCsv();
  fs::remove(dir / "courses.csv");
  fs::remove(dir / "history.csv");
  const Dataset d = MustLoad(dir);
  EXPECT_EQ(d.participants.size(), 6u);
  EXPECT_TRUE(d.courses.empty());
  EXPECT_TRUE(d.history.empty());
}

TEST(LoadDataset, MapsACustomHeaderThroughTheColumnMapOption) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "participants.csv", "id,coordinator_id,place,", "id,Betreuer,Wohnort PLZ (neu),");
  // The two unknown names are kept as extra columns; two required columns missing.
  const Error error = MustFail(dir);
  EXPECT_EQ(error.diagnostics.size(), 2u) << error.ToString();

  LoaderOptions options;
  options.column_map["participants"] = {{"Betreuer", "coordinator_id"},
                                        {"Wohnort PLZ (neu)", "place"}};
  ExpectSameDataset(MustLoad(kGoldenDir / "csv_en"), MustLoad(dir, options));
}

TEST(LoadDataset, ReportsAColumnMapForAFileTheDatasetDoesNotHave) {
  LoaderOptions options;
  options.column_map["teilnehmer"] = {{"Betreuer", "coordinator_id"}};
  const Error error = MustFail(kGoldenDir / "csv_en", options);
  ASSERT_EQ(error.diagnostics.size(), 1u);
  EXPECT_EQ(error.diagnostics[0].field, "column_map");
  EXPECT_EQ(error.diagnostics[0].value, "teilnehmer");
}

TEST(LoadDataset, RestoresLeadingZerosExcelDropped) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "employers.csv", "E-01,Bäckerei Schulze,7,06406,", "E-01,Bäckerei Schulze,7,6406,");
  const Dataset d = MustLoad(dir);
  EXPECT_EQ(d.employers[0].place.name, "Bernburg");
  EXPECT_EQ(d.employers[0].place.input, "6406");
}

// ------------------------------------------------------------ bad input

TEST(LoadDataset, ReportsAMissingFolderAsMissingInput) {
  const Error error = MustFail(kGoldenDir / "no_such_folder");
  EXPECT_EQ(error.kind, ErrorKind::kMissingInput);
}

TEST(LoadDataset, ReportsAMissingRequiredFileAsMissingInput) {
  const fs::path dir = CopyOfGoldenCsv();
  fs::remove(dir / "employers.csv");
  ExpectOneProblem(MustFail(dir), ErrorKind::kMissingInput, "employers.csv", 0, "");
}

TEST(LoadDataset, ReportsMalformedCsvAtTheLineWhereTheRecordStarts) {
  const fs::path dir = CopyOfGoldenCsv();
  // V-105 is on line 7, after the two-line title of V-104.
  Edit(dir / "vacancies.csv",
       "V-105,E-02,Berufskraftfahrer/in CE,",
       "V-105,E-02,\"Berufskraftfahrer/in CE,");
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "vacancies.csv", 7, "");
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("never ends"));
}

TEST(LoadDataset, KeepsExtraParticipantColumnsAsWrittenAndDropsOtherFilesOnes) {
  const fs::path dir = CopyOfGoldenCsv();
  std::string text = ReadBytes(dir / "participants.csv");
  std::string out;
  size_t row = 0;
  for (size_t begin = 0; begin < text.size();) {
    const size_t end = text.find('\n', begin);
    std::string line = text.substr(begin, end - begin);
    const bool crlf = !line.empty() && line.back() == '\r';
    if (crlf) line.pop_back();
    line += row == 0 ? ",Name,Notizen" : ",Name " + std::to_string(row) + ",\"Notiz, mit Komma\"";
    out += line + (crlf ? "\r\n" : "\n");
    ++row;
    begin = end == std::string::npos ? text.size() : end + 1;
  }
  WriteBytes(dir / "participants.csv", out);
  Edit(dir / "employers.csv", "id,name,staff,place,sector", "id,name,staff,place,Umsatz");
  const Dataset d = MustLoad(dir);
  ASSERT_EQ(d.participant_extra_header, (std::vector<std::string>{"Name", "Notizen"}));
  ASSERT_EQ(d.participants.size(), 6u);
  EXPECT_EQ(d.participants[0].extra, (std::vector<std::string>{"Name 1", "Notiz, mit Komma"}));
  EXPECT_EQ(d.participants[5].extra[0], "Name 6");
  // Everything else as without the extra columns.
  Dataset plain = MustLoad(kGoldenDir / "csv_en");
  plain.participant_extra_header = d.participant_extra_header;
  for (size_t p = 0; p < plain.participants.size(); ++p) {
    plain.participants[p].extra = d.participants[p].extra;
  }
  for (Employer& e : plain.employers) e.sector.clear();  // its column is now Umsatz
  ExpectSameDataset(plain, d);

  LoaderOptions options;
  options.ignore_columns["participants"] = {"Notizen"};
  EXPECT_EQ(MustLoad(dir, options).participant_extra_header, (std::vector<std::string>{"Name"}));
}

TEST(LoadDataset, ReportsAnUnknownColumnByNameWhenAskedTo) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "employers.csv", "id,name,staff,place,sector", "id,name,staff,place,Umsatz");
  LoaderOptions options;
  options.unknown_columns_are_errors = true;
  const Error error = MustFail(dir, options);
  ExpectOneProblem(error, ErrorKind::kBadData, "employers.csv", 1, "");
  EXPECT_EQ(error.diagnostics[0].value, "Umsatz");
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("id, name, staff, place, sector"));
}

TEST(LoadDataset, ReportsADuplicateIdWithTheFirstLine) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "participants.csv", "P-005,K-BBG", "P-002,K-BBG");
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "participants.csv", 6, "id");
  EXPECT_EQ(error.diagnostics[0].value, "P-002");
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("line 3"));
}

TEST(LoadDataset, ReportsAVacancyWhoseEmployerDoesNotExist) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "vacancies.csv", "V-106,E-03,", "V-106,E-99,");
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "vacancies.csv", 8, "employer_id");
  EXPECT_EQ(error.diagnostics[0].value, "E-99");
}

TEST(LoadDataset, ReportsAnUnknownCefrLevel) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "vacancies.csv", ",B1,06429,", ",B3,06429,");
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "vacancies.csv", 3, "min_german_level");
  EXPECT_EQ(error.diagnostics[0].value, "B3");
  EXPECT_EQ(error.diagnostics[0].ToString(),
            (dir / "vacancies.csv").string() +
                ":3: field 'min_german_level' = 'B3': expected a CEFR level A0, A1, A2, B1, B2, "
                "C1 or C2 (or 'keine')");
}

TEST(LoadDataset, ReportsAnUnknownPostcode) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "participants.csv", "P-003,K-ASL,06449,", "P-003,K-ASL,99999,");
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "participants.csv", 4, "place");
  EXPECT_EQ(error.diagnostics[0].value, "99999");
}

TEST(LoadDataset, ReportsANegativeCapacity) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "coordinators.csv", "0.5,6", "0.5,-2");
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "coordinators.csv", 3, "capacity");
  EXPECT_EQ(error.diagnostics[0].value, "-2");
}

TEST(LoadDataset, ReportsABadDate) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "history.csv", "2025-02-10", "31.02.2025");
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "history.csv", 2, "date");
  EXPECT_EQ(error.diagnostics[0].value, "31.02.2025");
}

TEST(LoadDataset, ReportsAnUnknownOccupationCode) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "participants.csv",
       "P-006,K-ASL,39240,B1,52122|29302,",
       "P-006,K-ASL,39240,B1,52122|99999,");
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "participants.csv", 7, "occupations");
  EXPECT_EQ(error.diagnostics[0].value, "99999");
}

TEST(LoadDataset, ReportsACoordinatorDistrictThatIsNotADistrict) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "coordinators.csv", "K-BBG,JOKO Bernburg,15089,", "K-BBG,JOKO Bernburg,15999,");
  ExpectOneProblem(MustFail(dir), ErrorKind::kBadData, "coordinators.csv", 2, "district");
}

TEST(LoadDataset, ReportsAHistoryRowForAnUnknownParticipant) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "history.csv", "P-001,V-102", "P-077,V-102");
  ExpectOneProblem(MustFail(dir), ErrorKind::kBadData, "history.csv", 3, "participant_id");
}

TEST(LoadDataset, ReportsAVacancyWithoutPlaceWhoseEmployerHasNone) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "employers.csv",
       "E-03,\"Gasthaus \"\"Zur Saale\"\"\",4,15089235,",
       "E-03,\"Gasthaus \"\"Zur Saale\"\"\",4,,");
  // V-106 has no place of its own; V-102 has one.
  ExpectOneProblem(MustFail(dir), ErrorKind::kBadData, "vacancies.csv", 8, "place");
}

TEST(LoadDataset, ReportsAUtf16FileWithAHint) {
  const fs::path dir = CopyOfGoldenCsv();
  WriteBytes(dir / "coordinators.csv", std::string("\xFF\xFEi\0d\0", 6));
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "coordinators.csv", 0, "");
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("CSV UTF-8"));
}

TEST(LoadDataset, ReportsEveryProblemOfAFileInOneRun) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "participants.csv", "P-001,K-BBG,06406,B1,", "P-001,K-XXX,06406,B9,");
  Edit(dir / "participants.csv", "P-004,K-ASL,51.7603 11.4571,", "P-004,K-ASL,40.0 11.4571,");
  Edit(dir / "participants.csv", "2023-11-20", "2023-13-20");
  Edit(dir / "vacancies.csv", "V-104,E-04,", "V-104,E-04x,");
  const Error error = MustFail(dir);
  EXPECT_EQ(error.kind, ErrorKind::kBadData);
  std::set<std::pair<int64_t, std::string>> found;
  for (const Diagnostic& d : error.diagnostics) found.insert({d.line, d.field});
  const std::set<std::pair<int64_t, std::string>> expected = {{2, "coordinator_id"},
                                                              {2, "german_level"},
                                                              {5, "place"},
                                                              {4, "in_germany_since"},
                                                              {5, "employer_id"}};
  EXPECT_EQ(found, expected) << error.ToString();
}

TEST(LoadDataset, CountsProblemsBeyondMaxProblems) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "participants.csv", "P-001,K-BBG,06406,B1,", "P-001,K-XXX,06406,B9,");
  Edit(dir / "participants.csv", "2023-11-20", "2023-13-20");
  LoaderOptions options;
  options.max_problems = 2;
  Edit(dir / "coordinators.csv", "0.5,6", "0.5,-2");
  const Error error = MustFail(dir, options);
  EXPECT_EQ(error.diagnostics.size(), 2u);
  EXPECT_EQ(error.suppressed, 2);
  EXPECT_THAT(error.ToString(), HasSubstr("... and 2 more problems"));
}

// The golden CSV with 20,000 more participants (copies of the first with
// ids Q-00000...), enough for several chunks of records (loaders/chunked.h);
// `bad` maps a copy's number to the text its german_level gets.
fs::path GoldenCsvWithManyParticipants(const std::map<int, std::string>& bad) {
  fs::path dir = CopyOfGoldenCsv();
  std::string text = ReadBytes(dir / "participants.csv");
  if (text.back() != '\n') text += '\n';
  const std::string first = "P-001,K-BBG,06406,B1,";
  const size_t at = text.find(first);
  const std::string rest = text.substr(at + first.size(), text.find('\n', at) - at - first.size());
  for (int i = 0; i < 20000; ++i) {
    char id[16];
    std::snprintf(id, sizeof(id), "Q-%05d", i);
    const auto level = bad.find(i);
    text += std::string(id) + ",K-BBG,06406," + (level == bad.end() ? "B1" : level->second) + "," +
            rest + "\n";
  }
  WriteBytes(dir / "participants.csv", text);
  return dir;
}

TEST(LoadDataset, LoadsTheSameDatasetOnOneThreadAndOnSeveral) {
  const fs::path dir = GoldenCsvWithManyParticipants({});
  LoaderOptions serial;
  serial.num_threads = 1;
  const Dataset one = MustLoad(dir, serial);
  ASSERT_EQ(one.participants.size(), 20006u);
  for (const int32_t threads : {2, 4}) {
    LoaderOptions options;
    options.num_threads = threads;
    const Dataset many = MustLoad(dir, options);
    ASSERT_EQ(many.participants.size(), one.participants.size());
    for (size_t p = 0; p < one.participants.size(); ++p) {
      const Participant& a = one.participants[p];
      const Participant& b = many.participants[p];
      ASSERT_EQ(a.id, b.id) << p;
      EXPECT_EQ(a.coordinator, b.coordinator) << p;
      EXPECT_EQ(a.home, b.home) << p;
      EXPECT_EQ(a.skills, b.skills) << p;
      EXPECT_EQ(a.german, b.german) << p;
    }
    ASSERT_EQ(many.vacancies.size(), one.vacancies.size());
    for (size_t v = 0; v < one.vacancies.size(); ++v) {
      EXPECT_EQ(many.vacancies[v].employer, one.vacancies[v].employer);
    }
    EXPECT_EQ(many.history.size(), one.history.size());
    EXPECT_TRUE(many == one) << threads;
  }
  fs::remove_all(dir);
}

// Problems found on several threads come out as one thread finds them: in
// line order, the first max_problems kept and the rest counted.
TEST(LoadDataset, ReportsTheSameProblemsInTheSameOrderOnOneThreadAndOnSeveral) {
  const fs::path dir = GoldenCsvWithManyParticipants({{3, "B9"}, {9000, "X"}, {19999, "C3"}});
  // A duplicate id far from the first: the message names the first's line.
  Edit(dir / "participants.csv", "Q-15000,", "P-001,");
  for (const int32_t max_problems : {2, 50}) {
    LoaderOptions serial;
    serial.num_threads = 1;
    serial.max_problems = max_problems;
    const Error one = MustFail(dir, serial);
    ASSERT_FALSE(one.diagnostics.empty());
    EXPECT_EQ(one.diagnostics[0].line, 2 + 6 + 3) << one.ToString();
    EXPECT_EQ(one.diagnostics[0].field, "german_level");
    EXPECT_EQ(static_cast<int64_t>(one.diagnostics.size()) + one.suppressed, 4);
    if (max_problems == 50) {
      EXPECT_THAT(one.ToString(), HasSubstr("already used on line 2"));
    }
    for (const int32_t threads : {2, 4}) {
      LoaderOptions options = serial;
      options.num_threads = threads;
      const Error many = MustFail(dir, options);
      EXPECT_EQ(many.ToString(), one.ToString()) << threads;
      EXPECT_EQ(many.suppressed, one.suppressed);
    }
  }
  fs::remove_all(dir);
}

TEST(LoadDataset, DoesNotBlameReferencesIntoAFileWithUnreadableRows) {
  const fs::path dir = CopyOfGoldenCsv();
  // The row of E-02 cannot be read; vacancies V-101 and V-105 refer to it.
  Edit(dir / "employers.csv",
       "E-02,Logistik Staßfurt GmbH,180,",
       "E-02,Logistik Staßfurt GmbH,180,,,");
  ExpectOneProblem(MustFail(dir), ErrorKind::kBadData, "employers.csv", 3, "");
}

TEST(LoadDataset, ReportsATruncatedBinaryProtobuf) {
  const fs::path dir = ScratchDir();
  const std::string bytes = ReadBytes(kGoldenDir / "dataset.binpb");
  WriteBytes(dir / "dataset.pb", bytes.substr(0, bytes.size() - 5));
  const Error error = MustFail(dir / "dataset.pb");
  ExpectOneProblem(error, ErrorKind::kBadData, "dataset.pb", 0, "");
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("not a complete jobmatch dataset protobuf"));
}

TEST(LoadDataset, ReportsAFileThatIsNotAProtobuf) {
  const fs::path dir = ScratchDir();
  fs::copy_file(kGoldenDir / "csv_en" / "participants.csv", dir / "participants.pb");
  WriteBytes(dir / "empty.binpb", "");
  for (const char* name : {"participants.pb", "empty.binpb"}) {
    const Error error = MustFail(dir / name);
    ExpectOneProblem(error, ErrorKind::kBadData, name, 0, "");
    EXPECT_THAT(error.diagnostics[0].message, HasSubstr("not a complete jobmatch dataset"));
  }
}

TEST(LoadDataset, ReportsTextProtobufSyntaxErrorsWithLineAndColumn) {
  const fs::path dir = ScratchDir();
  WriteBytes(dir / "broken.txtpb",
             "coordinators { id: \"K1\" capacity: 3 }\n"
             "coordinators { id: \"K2\" capacitty: 3 }\n");
  const Error error = MustFail(dir / "broken.txtpb");
  ExpectOneProblem(error, ErrorKind::kBadData, "broken.txtpb", 2, "");
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("column 34"));
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("capacitty"));
}

TEST(LoadDataset, ReadsATextProtobufSavedWithAByteOrderMark) {
  const fs::path dir = ScratchDir();
  WriteBytes(dir / "bom.txtpb", "\xEF\xBB\xBF" + ReadBytes(kGoldenDir / "dataset.txtpb"));
  ExpectSameDataset(MustLoad(kGoldenDir / "dataset.txtpb"), MustLoad(dir / "bom.txtpb"));
}

TEST(LoadDataset, NamesTheRecordPathInProtobufDiagnostics) {
  const fs::path dir = ScratchDir();
  std::string text = ReadBytes(kGoldenDir / "dataset.txtpb");
  const std::string from = "min_german_level: \"B1\" place: \"06429\"";
  text.replace(text.find(from), from.size(), "min_german_level: \"B7\" place: \"06429\"");
  const std::string openings = "hours_per_week: 20 openings: 2";
  text.replace(text.find(openings), openings.size(), "hours_per_week: 20 openings: -2");
  WriteBytes(dir / "dataset.textproto", text);
  const Error error = MustFail(dir / "dataset.textproto");
  ASSERT_EQ(error.diagnostics.size(), 2u) << error.ToString();
  EXPECT_EQ(error.diagnostics[0].field, "vacancies[1].min_german_level");
  EXPECT_EQ(error.diagnostics[0].value, "B7");
  // The line where the record starts: the second "vacancies {".
  const size_t second = text.find("vacancies {", text.find("vacancies {") + 1);
  EXPECT_EQ(error.diagnostics[0].line, 1 + std::count(text.begin(), text.begin() + second, '\n'));
  EXPECT_EQ(error.diagnostics[1].field, "vacancies[3].openings");
  EXPECT_EQ(error.diagnostics[1].value, "-2");
}

// The golden text dataset with `from` (once) replaced by `to`, in a scratch file.
fs::path EditedTextDataset(const std::string& from, const std::string& to) {
  fs::path file = ScratchDir() / "dataset.txtpb";
  WriteBytes(file, ReadBytes(kGoldenDir / "dataset.txtpb"));
  Edit(file, from, to);
  return file;
}

// Line (1-based) where the record holding the first `what` in `file` starts:
// the last line before it that opens a record ("participants {").
int64_t RecordLineOf(const fs::path& file, const std::string& what, const std::string& opener) {
  const std::string text = ReadBytes(file);
  const size_t start = text.rfind(opener, text.find(what));
  return 1 + std::count(text.begin(), text.begin() + static_cast<long>(start), '\n');
}

TEST(LoadDataset, RefusesTextProtobufStringsThatAreNotUtf8) {
  const fs::path file = EditedTextDataset("  id: \"P-002\" coordinator_id",
                                          "  id: \"P-\xE4\xFF"
                                          "002\" coordinator_id");
  const Error error = MustFail(file);
  ExpectOneProblem(error,
                   ErrorKind::kBadData,
                   "dataset.txtpb",
                   RecordLineOf(file, "P-\xE4", "participants {"),
                   "participants[1].id");
  EXPECT_THAT(error.ToString(), HasSubstr("not UTF-8"));
  EXPECT_EQ(error.ToString().find('\xFF'), std::string::npos);
}

TEST(LoadDataset, RefusesControlCharactersEscapedInTextProtobufStrings) {
  const fs::path file = EditedTextDataset("{ id: \"K-ASL\" name", "{ id: \"K-\\001ASL\" name");
  const Error error = MustFail(file);
  ExpectOneProblem(error,
                   ErrorKind::kBadData,
                   "dataset.txtpb",
                   RecordLineOf(file, "K-\\001", "coordinators {"),
                   "coordinators[1].id");
  EXPECT_THAT(error.ToString(), HasSubstr("control characters"));
}

TEST(LoadDataset, RefusesBinaryProtobufStringsThatAreNotUtf8NamingTheField) {
  // participants { id: "P-1" } participants { id: "P\xFF" }, by hand on the wire.
  const fs::path file = ScratchDir() / "dataset.pb";
  WriteBytes(file, std::string("\x0A\x05\x0A\x03P-1\x0A\x04\x0A\x02P\xFF", 13));
  const Error error = MustFail(file);
  ExpectOneProblem(error, ErrorKind::kBadData, "dataset.pb", 0, "participants[1].id");
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr("must be UTF-8"));
}

TEST(LoadDataset, NeverRepeatsFreeTextTypedIntoACellButStillShowsCodes) {
  const fs::path dir = CopyOfGoldenCsv();
  Edit(dir / "participants.csv",
       "P-003,K-ASL,06449,",
       "P-003,K-ASL,\"Max Mustermann, Hauptstr. 5, 06449 Aschersleben\",");
  Edit(dir / "vacancies.csv",
       "Koch/"
       "Köchin,90f75f67-495d-49fa-ab57-2f320e251d7e,0ff99f51-40d9-42f1-a1ec-377b2bb5e15f|4b15a965-"
       "9bb4-42f1-8e44-1024aeb0b08c,,B1,",
       "Koch/"
       "Köchin,90f75f67-495d-49fa-ab57-2f320e251d7e,0ff99f51-40d9-42f1-a1ec-377b2bb5e15f|4b15a965-"
       "9bb4-42f1-8e44-1024aeb0b08c,,B7,");
  const std::string messages = MustFail(dir).ToString();
  EXPECT_EQ(messages.find("Mustermann"), std::string::npos) << messages;
  EXPECT_EQ(messages.find("Hauptstr"), std::string::npos) << messages;
  EXPECT_THAT(messages, HasSubstr("field 'place' = (a text of 47 characters)"));
  EXPECT_THAT(messages, HasSubstr("field 'min_german_level' = 'B7'"));
}

TEST(LoadDataset, RefusesAUtf8FileWithOneStrayByteNamingLineAndColumn) {
  const fs::path dir = CopyOfGoldenCsv();
  // "Staßfurt" further down is UTF-8: the stray byte is damage, not Windows-1252.
  WriteBytes(dir / "coordinators.csv", ReadBytes(dir / "coordinators.csv").substr(3));  // no BOM
  Edit(dir / "coordinators.csv", "JOKO Bernburg", "JOKO Bernb\xFCrg");
  const Error error = MustFail(dir);
  ExpectOneProblem(error, ErrorKind::kBadData, "coordinators.csv", 0, "");
  EXPECT_THAT(error.diagnostics[0].message,
              HasSubstr("the file is UTF-8 but for byte 0xFC at line 2, column 17"));
}

TEST(LoadDataset, StillReadsAPureWindows1252File) {
  const fs::path dir = CopyOfGoldenCsv();
  std::string text = ReadBytes(dir / "coordinators.csv").substr(3);  // without the BOM
  text.replace(text.find("Staßfurt"),
               std::string("Staßfurt").size(),
               "Sta\xDF"
               "furt");
  WriteBytes(dir / "coordinators.csv", text);
  const Dataset dataset = MustLoad(dir);
  EXPECT_EQ(dataset.coordinators[1].name, "JOKO Aschersleben, Staßfurt");
}

TEST(LoadDataset, RejectsAFileOfAnotherKind) {
  const Error error = MustFail(kGoldenDir / "csv_en" / "participants.csv");
  EXPECT_EQ(error.kind, ErrorKind::kBadData);
  EXPECT_THAT(error.diagnostics[0].message, HasSubstr(".txtpb"));
}

// ------------------------------------------------------------ real reference data

TEST(LoadDataset, ResolvesTheGoldenDataAgainstTheShippedReferenceData) {
  const Result<ReferenceData> real = LoadReferenceData(DefaultReferenceDir());
  ASSERT_TRUE(real.ok()) << real.error().ToString();
  const Result<Dataset> loaded = LoadDataset(kGoldenDir / "csv_de", real.value());
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  const Dataset& d = loaded.value();
  const Dataset small = MustLoad(kGoldenDir / "csv_de");
  // Indices differ between the two references; codes and places must not.
  for (size_t i = 0; i < d.vacancies.size(); ++i) {
    EXPECT_EQ(real.value().OccupationCode(d.vacancies[i].occupation),
              Reference().OccupationCode(small.vacancies[i].occupation));
    EXPECT_TRUE(d.vacancies[i].place == small.vacancies[i].place) << d.vacancies[i].id;
  }
  for (size_t i = 0; i < d.participants.size(); ++i) {
    if (d.participants[i].id == "P-004") {
      // Coordinates snap to the nearest of all municipalities: still Aschersleben.
      EXPECT_EQ(d.participants[i].home.district_key, "15089");
      continue;
    }
    EXPECT_TRUE(d.participants[i].home == small.participants[i].home) << d.participants[i].id;
  }
}

}  // namespace
}  // namespace jobmatch

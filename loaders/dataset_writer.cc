#include "loaders/dataset_writer.h"

#include <google/protobuf/text_format.h>

#include <charconv>
#include <exception>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "engine/check.h"
#include "loaders/column_map.h"
#include "proto/dataset.pb.h"

namespace jobmatch {
namespace {

namespace fs = std::filesystem;
namespace pb = ::jobmatch::proto;

// ------------------------------------------------------------ cell values

std::string Number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);  // shortest exact
  return std::string(buffer, result.ptr);
}

std::string DecimalComma(double value) {
  std::string text = Number(value);
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}

bool IsNoPlace(const Place& place) {
  return place.input.empty() && place.district_key.empty() && place.name.empty() &&
         place.point.lat == 0.0 && place.point.lon == 0.0;
}

// As the user wrote it, else coordinates "lat lon" (decimal points: a comma
// would be ambiguous next to ',' separators).
std::string PlaceText(const Place& place) {
  if (!place.input.empty()) return place.input;
  if (IsNoPlace(place)) return "";
  return Number(place.point.lat) + " " + Number(place.point.lon);
}

std::string DateText(const std::optional<Date>& date) {
  return date ? FormatDate(*date) : "";
}

std::string YesNo(bool value) {
  return value ? "true" : "false";
}

std::string OccupationText(const OccupationRef& occupation, const ReferenceData& reference) {
  JOBMATCH_CHECK(!occupation.esco.valid() ||
                 static_cast<size_t>(occupation.esco.value) < reference.occupations.size())
      << "ESCO occupation index " << occupation.esco.value << " out of range";
  JOBMATCH_CHECK(!occupation.kldb.valid() ||
                 static_cast<size_t>(occupation.kldb.value) < reference.kldb.size())
      << "KldB index " << occupation.kldb.value << " out of range";
  return reference.OccupationCode(occupation);
}

std::vector<std::string> OccupationTexts(const std::vector<OccupationRef>& occupations,
                                         const ReferenceData& reference) {
  std::vector<std::string> out;
  out.reserve(occupations.size());
  for (const OccupationRef& o : occupations) out.push_back(OccupationText(o, reference));
  return out;
}

std::vector<std::string> SkillTexts(const std::vector<SkillIndex>& skills,
                                    const ReferenceData& reference) {
  std::vector<std::string> out;
  for (const SkillIndex s : skills) {
    JOBMATCH_CHECK(s.valid() && static_cast<size_t>(s.value) < reference.skills.size())
        << "skill index " << s.value << " out of range";
    out.push_back(reference.skills[static_cast<size_t>(s.value)].id);
  }
  return out;
}

std::string Joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) out += (out.empty() ? "" : "|") + code;
  return out;
}

template <typename Record>
const std::string& IdOf(const std::vector<Record>& records, int32_t index, const char* what) {
  JOBMATCH_CHECK(index >= 0 && static_cast<size_t>(index) < records.size())
      << what << " index " << index << " out of range";
  return records[static_cast<size_t>(index)].id;
}

// ------------------------------------------------------------ files

std::optional<Error> CannotWrite(const fs::path& path, const std::string& why) {
  return MakeError(ErrorKind::kCannotWrite, path.string(), 0, "", "", why);
}

// Writes `bytes` to a temporary file next to `path`, then renames it.
std::optional<Error> WriteAtomically(const fs::path& path, const std::string& bytes) {
  fs::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return CannotWrite(path, "cannot create " + temp.string());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(temp, ignored);
      return CannotWrite(path, "cannot write " + temp.string() + " (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    return CannotWrite(path, "cannot replace the file: " + ec.message());
  }
  return std::nullopt;
}

// ------------------------------------------------------------ CSV

constexpr char kSeparator = ';';

void AppendCell(const std::string& cell, std::string* out) {
  const bool quote = cell.find_first_of(";\"\r\n") != std::string::npos;
  if (!quote) {
    *out += cell;
    return;
  }
  out->push_back('"');
  for (const char c : cell) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendRow(const std::vector<std::string>& cells, std::string* out) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out->push_back(kSeparator);
    AppendCell(cells[i], out);
  }
  *out += "\r\n";
}

// BOM, header and rows, as Excel writes "CSV UTF-8".
std::string CsvFile(Table table, const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> header;
  for (const ColumnSpec& column : Columns(table)) header.emplace_back(column.name);
  AppendRow(header, &out);
  for (const std::vector<std::string>& row : rows) AppendRow(row, &out);
  return out;
}

std::vector<std::vector<std::string>> ParticipantRows(const Dataset& d, const ReferenceData& ref) {
  std::vector<std::vector<std::string>> rows;
  for (const Participant& p : d.participants) {
    std::vector<std::string> c(kNumParticipantColumns);
    c[kParticipantId] = p.id;
    c[kParticipantCoordinatorId] = IdOf(d.coordinators, p.coordinator.value, "coordinator");
    c[kParticipantPlace] = PlaceText(p.home);
    c[kParticipantGermanLevel] = std::string(CefrName(p.german));
    c[kParticipantOccupations] = Joined(OccupationTexts(p.occupations, ref));
    c[kParticipantSkills] = Joined(SkillTexts(p.skills, ref));
    c[kParticipantQualification] = std::string(QualificationName(p.qualification));
    c[kParticipantQualificationRecognised] = YesNo(p.qualification_recognised);
    c[kParticipantGoal] = std::string(GoalName(p.goal));
    c[kParticipantHoursPerWeek] = p.hours_per_week == 0.0 ? "" : DecimalComma(p.hours_per_week);
    c[kParticipantDrivingLicence] = YesNo(p.driving_licence);
    c[kParticipantCar] = YesNo(p.car);
    c[kParticipantMaxCommuteMinutes] =
        p.max_commute_minutes == 0 ? "" : std::to_string(p.max_commute_minutes);
    c[kParticipantWorkPermitted] = YesNo(p.work_permitted);
    c[kParticipantInGermanySince] = DateText(p.in_germany_since);
    c[kParticipantGender] = p.gender;
    c[kParticipantResidenceStatus] = std::string(ResidenceStatusName(p.residence_status));
    c[kParticipantCountryOfOrigin] = p.country_of_origin;
    c[kParticipantSgb2Benefits] = p.sgb2_benefits ? YesNo(*p.sgb2_benefits) : std::string();
    c[kParticipantGermanWorkExperience] =
        p.german_work_experience ? YesNo(*p.german_work_experience) : std::string();
    rows.push_back(std::move(c));
  }
  return rows;
}

std::vector<std::vector<std::string>> VacancyRows(const Dataset& d, const ReferenceData& ref) {
  std::vector<std::vector<std::string>> rows;
  for (const Vacancy& v : d.vacancies) {
    std::vector<std::string> c(kNumVacancyColumns);
    c[kVacancyId] = v.id;
    c[kVacancyEmployerId] = IdOf(d.employers, v.employer.value, "employer");
    c[kVacancyTitle] = v.title;
    c[kVacancyOccupation] = OccupationText(v.occupation, ref);
    c[kVacancyEssentialSkills] = Joined(SkillTexts(v.essential_skills, ref));
    c[kVacancyOptionalSkills] = Joined(SkillTexts(v.optional_skills, ref));
    c[kVacancyMinGermanLevel] = std::string(CefrName(v.min_german));
    c[kVacancyPlace] = PlaceText(v.place);
    c[kVacancyKind] = std::string(VacancyKindName(v.kind));
    c[kVacancyHoursPerWeek] = v.hours_per_week == 0.0 ? "" : DecimalComma(v.hours_per_week);
    c[kVacancyOpenings] = std::to_string(v.openings);
    c[kVacancyDrivingLicenceRequired] = YesNo(v.driving_licence_required);
    c[kVacancyStartDate] = DateText(v.start_date);
    c[kVacancyExpires] = DateText(v.expires);
    rows.push_back(std::move(c));
  }
  return rows;
}

std::vector<std::vector<std::string>> EmployerRows(const Dataset& d) {
  std::vector<std::vector<std::string>> rows;
  for (const Employer& e : d.employers) {
    rows.push_back({e.id, e.name, std::to_string(e.staff), PlaceText(e.place), e.sector});
  }
  return rows;
}

std::vector<std::vector<std::string>> CoordinatorRows(const Dataset& d) {
  std::vector<std::vector<std::string>> rows;
  for (const Coordinator& c : d.coordinators) {
    rows.push_back({c.id,
                    c.name,
                    c.district,
                    DecimalComma(c.fte),
                    c.capacity_given ? std::to_string(c.capacity) : std::string()});
  }
  return rows;
}

std::vector<std::vector<std::string>> CourseRows(const Dataset& d) {
  std::vector<std::vector<std::string>> rows;
  for (const Course& c : d.courses) {
    rows.push_back({c.id,
                    std::string(CourseKindName(c.kind)),
                    std::string(CefrName(c.target_level)),
                    PlaceText(c.place),
                    DateText(c.start_date),
                    std::to_string(c.weeks),
                    c.lessons_per_week > 0 ? std::to_string(c.lessons_per_week) : std::string()});
  }
  return rows;
}

std::vector<std::vector<std::string>> HistoryRows(const Dataset& d) {
  std::vector<std::vector<std::string>> rows;
  for (const Outcome& o : d.history) {
    rows.push_back({IdOf(d.participants, o.participant.value, "participant"),
                    IdOf(d.vacancies, o.vacancy.value, "vacancy"),
                    std::string(OutcomeKindName(o.kind)),
                    DateText(o.date)});
  }
  return rows;
}

std::optional<Error> WriteCsvImpl(const Dataset& dataset,
                                  const ReferenceData& reference,
                                  const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) return CannotWrite(dir, "cannot create the folder");
  const std::vector<std::pair<Table, std::vector<std::vector<std::string>>>> files = {
      {Table::kParticipants, ParticipantRows(dataset, reference)},
      {Table::kVacancies, VacancyRows(dataset, reference)},
      {Table::kEmployers, EmployerRows(dataset)},
      {Table::kCoordinators, CoordinatorRows(dataset)},
      {Table::kCourses, CourseRows(dataset)},
      {Table::kHistory, HistoryRows(dataset)},
  };
  for (const auto& [table, rows] : files) {
    const fs::path path = dir / TableFileName(table);
    if (!TableRequired(table) && rows.empty()) {
      // An old file would otherwise join this dataset when the folder is read.
      fs::remove(path, ec);
      if (ec) return CannotWrite(path, "cannot remove the old file: " + ec.message());
      continue;
    }
    if (std::optional<Error> error = WriteAtomically(path, CsvFile(table, rows))) return error;
  }
  return std::nullopt;
}

// ------------------------------------------------------------ protobuf

void AddAll(const std::vector<std::string>& codes,
            google::protobuf::RepeatedPtrField<std::string>* out) {
  for (const std::string& code : codes) *out->Add() = code;
}

pb::Dataset ToMessage(const Dataset& d, const ReferenceData& ref) {
  pb::Dataset message;
  for (const Participant& p : d.participants) {
    pb::Participant* m = message.add_participants();
    m->set_id(p.id);
    m->set_coordinator_id(IdOf(d.coordinators, p.coordinator.value, "coordinator"));
    m->set_place(PlaceText(p.home));
    m->set_german_level(std::string(CefrName(p.german)));
    AddAll(OccupationTexts(p.occupations, ref), m->mutable_occupations());
    AddAll(SkillTexts(p.skills, ref), m->mutable_skills());
    m->set_qualification(std::string(QualificationName(p.qualification)));
    m->set_qualification_recognised(p.qualification_recognised);
    m->set_goal(std::string(GoalName(p.goal)));
    m->set_hours_per_week(p.hours_per_week);
    m->set_driving_licence(p.driving_licence);
    m->set_car(p.car);
    m->set_max_commute_minutes(p.max_commute_minutes);
    m->set_work_permitted(p.work_permitted);
    m->set_in_germany_since(DateText(p.in_germany_since));
    m->set_gender(p.gender);
    m->set_residence_status(std::string(ResidenceStatusName(p.residence_status)));
    m->set_country_of_origin(p.country_of_origin);
    if (p.sgb2_benefits) m->set_sgb2_benefits(*p.sgb2_benefits);
    if (p.german_work_experience) m->set_german_work_experience(*p.german_work_experience);
  }
  for (const Vacancy& v : d.vacancies) {
    pb::Vacancy* m = message.add_vacancies();
    m->set_id(v.id);
    m->set_employer_id(IdOf(d.employers, v.employer.value, "employer"));
    m->set_title(v.title);
    m->set_occupation(OccupationText(v.occupation, ref));
    AddAll(SkillTexts(v.essential_skills, ref), m->mutable_essential_skills());
    AddAll(SkillTexts(v.optional_skills, ref), m->mutable_optional_skills());
    m->set_min_german_level(std::string(CefrName(v.min_german)));
    m->set_place(PlaceText(v.place));
    m->set_kind(std::string(VacancyKindName(v.kind)));
    m->set_hours_per_week(v.hours_per_week);
    m->set_openings(v.openings);
    m->set_driving_licence_required(v.driving_licence_required);
    m->set_start_date(DateText(v.start_date));
    m->set_expires(DateText(v.expires));
  }
  for (const Employer& e : d.employers) {
    pb::Employer* m = message.add_employers();
    m->set_id(e.id);
    m->set_name(e.name);
    m->set_staff(e.staff);
    m->set_place(PlaceText(e.place));
    m->set_sector(e.sector);
  }
  for (const Coordinator& c : d.coordinators) {
    pb::Coordinator* m = message.add_coordinators();
    m->set_id(c.id);
    m->set_name(c.name);
    m->set_district(c.district);
    m->set_fte(c.fte);
    if (c.capacity_given) m->set_capacity(c.capacity);
  }
  for (const Course& c : d.courses) {
    pb::Course* m = message.add_courses();
    m->set_id(c.id);
    m->set_kind(std::string(CourseKindName(c.kind)));
    m->set_target_level(std::string(CefrName(c.target_level)));
    m->set_place(PlaceText(c.place));
    m->set_start_date(DateText(c.start_date));
    m->set_weeks(c.weeks);
    m->set_lessons_per_week(c.lessons_per_week);
  }
  for (const Outcome& o : d.history) {
    pb::Outcome* m = message.add_history();
    m->set_participant_id(IdOf(d.participants, o.participant.value, "participant"));
    m->set_vacancy_id(IdOf(d.vacancies, o.vacancy.value, "vacancy"));
    m->set_outcome(std::string(OutcomeKindName(o.kind)));
    m->set_date(DateText(o.date));
  }
  return message;
}

std::optional<Error> WriteProtoImpl(const Dataset& dataset,
                                    const ReferenceData& reference,
                                    const fs::path& file,
                                    bool text_format) {
  const pb::Dataset message = ToMessage(dataset, reference);
  std::string bytes;
  const bool ok = text_format ? google::protobuf::TextFormat::PrintToString(message, &bytes)
                              : message.SerializeToString(&bytes);
  if (!ok) return CannotWrite(file, "cannot encode the dataset as protobuf");
  if (file.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return CannotWrite(file, "cannot create the folder " + file.parent_path().string());
  }
  return WriteAtomically(file, bytes);
}

}  // namespace

std::optional<Error> WriteCsvDataset(const Dataset& dataset,
                                     const ReferenceData& reference,
                                     const fs::path& dir) {
  try {
    return WriteCsvImpl(dataset, reference, dir);
  } catch (const std::exception& e) {
    return CannotWrite(dir, std::string("unexpected failure: ") + e.what());
  }
}

std::optional<Error> WriteProtoDataset(const Dataset& dataset,
                                       const ReferenceData& reference,
                                       const fs::path& file,
                                       bool text_format) {
  try {
    return WriteProtoImpl(dataset, reference, file, text_format);
  } catch (const std::exception& e) {
    return CannotWrite(file, std::string("unexpected failure: ") + e.what());
  }
}

}  // namespace jobmatch

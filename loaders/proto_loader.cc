#include "loaders/proto_loader.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/unknown_field_set.h>

#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loaders/boundary.h"
#include "loaders/column_map.h"
#include "loaders/dataset_builder.h"
#include "loaders/problem_list.h"
#include "loaders/text_encoding.h"
#include "proto/dataset.pb.h"

namespace jobmatch {
namespace {

namespace pb = ::jobmatch::proto;
using google::protobuf::RepeatedPtrField;

// Text-format syntax errors, with 1-based line and column.
class TextErrors : public google::protobuf::io::ErrorCollector {
 public:
  TextErrors(std::string file, ProblemList* problems)
      : file_(std::move(file)), problems_(problems) {}
  void AddError(int line,
                google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    problems_->Add({file_,
                    line + 1,
                    "",
                    "",
                    "protobuf text format, column " + std::to_string(column + 1) + ": " + message});
  }

 private:
  std::string file_;
  ProblemList* problems_;
};

std::string Number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

// Moves a string out of the message: the records are large, copies are not free.
std::string Take(std::string* field) {
  return std::move(*field);
}

std::string YesNo(bool value) {
  return value ? "true" : "false";
}

std::string Codes(const RepeatedPtrField<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    if (!out.empty()) out.push_back('|');
    out += code;
  }
  return out;
}

RawRecord Record(Table table, int index, int num_columns) {
  RawRecord record;
  record.location = std::string(TableStem(table)) + "[" + std::to_string(index) + "]";
  record.cells.assign(static_cast<size_t>(num_columns), std::string());
  return record;
}

RawTable Participants(pb::Dataset* message, const std::string& file) {
  RawTable table{file, true, true, false, {}, {}};
  table.records.reserve(static_cast<size_t>(message->participants_size()));
  for (int i = 0; i < message->participants_size(); ++i) {
    pb::Participant& p = *message->mutable_participants(i);
    RawRecord r = Record(Table::kParticipants, i, kNumParticipantColumns);
    r.cells[kParticipantId] = Take(p.mutable_id());
    r.cells[kParticipantCoordinatorId] = Take(p.mutable_coordinator_id());
    r.cells[kParticipantPlace] = Take(p.mutable_place());
    r.cells[kParticipantGermanLevel] = Take(p.mutable_german_level());
    r.cells[kParticipantOccupations] = Codes(p.occupations());
    r.cells[kParticipantSkills] = Codes(p.skills());
    r.cells[kParticipantQualification] = Take(p.mutable_qualification());
    r.cells[kParticipantQualificationRecognised] = YesNo(p.qualification_recognised());
    r.cells[kParticipantGoal] = Take(p.mutable_goal());
    r.cells[kParticipantHoursPerWeek] = Number(p.hours_per_week());
    r.cells[kParticipantDrivingLicence] = YesNo(p.driving_licence());
    r.cells[kParticipantCar] = YesNo(p.car());
    r.cells[kParticipantMaxCommuteMinutes] = std::to_string(p.max_commute_minutes());
    if (p.has_work_permitted()) r.cells[kParticipantWorkPermitted] = YesNo(p.work_permitted());
    r.cells[kParticipantInGermanySince] = Take(p.mutable_in_germany_since());
    r.cells[kParticipantGender] = Take(p.mutable_gender());
    r.cells[kParticipantResidenceStatus] = Take(p.mutable_residence_status());
    r.cells[kParticipantCountryOfOrigin] = Take(p.mutable_country_of_origin());
    if (p.has_sgb2_benefits()) r.cells[kParticipantSgb2Benefits] = YesNo(p.sgb2_benefits());
    if (p.has_german_work_experience()) {
      r.cells[kParticipantGermanWorkExperience] = YesNo(p.german_work_experience());
    }
    table.records.push_back(std::move(r));
  }
  return table;
}

RawTable Vacancies(pb::Dataset* message, const std::string& file) {
  RawTable table{file, true, true, false, {}, {}};
  table.records.reserve(static_cast<size_t>(message->vacancies_size()));
  for (int i = 0; i < message->vacancies_size(); ++i) {
    pb::Vacancy& v = *message->mutable_vacancies(i);
    RawRecord r = Record(Table::kVacancies, i, kNumVacancyColumns);
    r.cells[kVacancyId] = Take(v.mutable_id());
    r.cells[kVacancyEmployerId] = Take(v.mutable_employer_id());
    r.cells[kVacancyTitle] = Take(v.mutable_title());
    r.cells[kVacancyOccupation] = Take(v.mutable_occupation());
    r.cells[kVacancyEssentialSkills] = Codes(v.essential_skills());
    r.cells[kVacancyOptionalSkills] = Codes(v.optional_skills());
    r.cells[kVacancyMinGermanLevel] = Take(v.mutable_min_german_level());
    r.cells[kVacancyPlace] = Take(v.mutable_place());
    r.cells[kVacancyKind] = Take(v.mutable_kind());
    r.cells[kVacancyHoursPerWeek] = Number(v.hours_per_week());
    if (v.has_openings()) r.cells[kVacancyOpenings] = std::to_string(v.openings());
    r.cells[kVacancyDrivingLicenceRequired] = YesNo(v.driving_licence_required());
    r.cells[kVacancyStartDate] = Take(v.mutable_start_date());
    r.cells[kVacancyExpires] = Take(v.mutable_expires());
    table.records.push_back(std::move(r));
  }
  return table;
}

RawTable Employers(pb::Dataset* message, const std::string& file) {
  RawTable table{file, true, true, false, {}, {}};
  table.records.reserve(static_cast<size_t>(message->employers_size()));
  for (int i = 0; i < message->employers_size(); ++i) {
    pb::Employer& e = *message->mutable_employers(i);
    RawRecord r = Record(Table::kEmployers, i, kNumEmployerColumns);
    r.cells[kEmployerId] = Take(e.mutable_id());
    r.cells[kEmployerName] = Take(e.mutable_name());
    if (e.has_staff()) r.cells[kEmployerStaff] = std::to_string(e.staff());
    r.cells[kEmployerPlace] = Take(e.mutable_place());
    r.cells[kEmployerSector] = Take(e.mutable_sector());
    table.records.push_back(std::move(r));
  }
  return table;
}

RawTable Coordinators(pb::Dataset* message, const std::string& file) {
  RawTable table{file, true, true, false, {}, {}};
  table.records.reserve(static_cast<size_t>(message->coordinators_size()));
  for (int i = 0; i < message->coordinators_size(); ++i) {
    pb::Coordinator& c = *message->mutable_coordinators(i);
    RawRecord r = Record(Table::kCoordinators, i, kNumCoordinatorColumns);
    r.cells[kCoordinatorId] = Take(c.mutable_id());
    r.cells[kCoordinatorName] = Take(c.mutable_name());
    r.cells[kCoordinatorDistrict] = Take(c.mutable_district());
    if (c.has_fte()) r.cells[kCoordinatorFte] = Number(c.fte());
    if (c.has_capacity()) r.cells[kCoordinatorCapacity] = std::to_string(c.capacity());
    table.records.push_back(std::move(r));
  }
  return table;
}

RawTable Courses(pb::Dataset* message, const std::string& file) {
  RawTable table{file, true, true, false, {}, {}};
  table.records.reserve(static_cast<size_t>(message->courses_size()));
  for (int i = 0; i < message->courses_size(); ++i) {
    pb::Course& c = *message->mutable_courses(i);
    RawRecord r = Record(Table::kCourses, i, kNumCourseColumns);
    r.cells[kCourseId] = Take(c.mutable_id());
    r.cells[kCourseKind] = Take(c.mutable_kind());
    r.cells[kCourseTargetLevel] = Take(c.mutable_target_level());
    r.cells[kCoursePlace] = Take(c.mutable_place());
    r.cells[kCourseStartDate] = Take(c.mutable_start_date());
    r.cells[kCourseWeeks] = std::to_string(c.weeks());
    if (c.lessons_per_week() != 0) {
      r.cells[kCourseLessonsPerWeek] = std::to_string(c.lessons_per_week());
    }
    table.records.push_back(std::move(r));
  }
  return table;
}

RawTable History(pb::Dataset* message, const std::string& file) {
  RawTable table{file, true, true, false, {}, {}};
  table.records.reserve(static_cast<size_t>(message->history_size()));
  for (int i = 0; i < message->history_size(); ++i) {
    pb::Outcome& o = *message->mutable_history(i);
    RawRecord r = Record(Table::kHistory, i, kNumHistoryColumns);
    r.cells[kHistoryParticipantId] = Take(o.mutable_participant_id());
    r.cells[kHistoryVacancyId] = Take(o.mutable_vacancy_id());
    r.cells[kHistoryOutcome] = Take(o.mutable_outcome());
    r.cells[kHistoryDate] = Take(o.mutable_date());
    table.records.push_back(std::move(r));
  }
  return table;
}

template <typename Record>
bool AnyUnknownFields(const RepeatedPtrField<Record>& records) {
  for (const Record& r : records) {
    if (!r.GetReflection()->GetUnknownFields(r).empty()) return true;
  }
  return false;
}

// True if the parser kept fields the schema does not know: the bytes were
// not written as a jobmatch Dataset.
bool HasUnknownFields(const pb::Dataset& message) {
  return !pb::Dataset::GetReflection()->GetUnknownFields(message).empty() ||
         AnyUnknownFields(message.participants()) || AnyUnknownFields(message.vacancies()) ||
         AnyUnknownFields(message.employers()) || AnyUnknownFields(message.coordinators()) ||
         AnyUnknownFields(message.courses()) || AnyUnknownFields(message.history());
}

// The path of the first string field whose bytes are not UTF-8 ("vacancies[3].title"),
// read from the wire format alone (which never checks UTF-8); nullopt if none.
std::optional<std::string> FirstNonUtf8String(std::string_view bytes,
                                              const google::protobuf::Descriptor* type,
                                              const std::string& path,
                                              int depth) {
  google::protobuf::UnknownFieldSet fields;
  if (depth > 4 || !fields.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return std::nullopt;
  }
  std::map<int, int> seen;  // field number -> occurrences so far
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& field = fields.field(i);
    const google::protobuf::FieldDescriptor* descriptor = type->FindFieldByNumber(field.number());
    const int index = seen[field.number()]++;
    if (descriptor == nullptr ||
        field.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    const std::string name = (path.empty() ? "" : path + ".") + descriptor->name() +
                             (descriptor->is_repeated() ? "[" + std::to_string(index) + "]" : "");
    const std::string& value = field.length_delimited();
    if (descriptor->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
        !IsValidUtf8(value)) {
      return name;
    }
    if (descriptor->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
      if (std::optional<std::string> bad =
              FirstNonUtf8String(value, descriptor->message_type(), name, depth + 1)) {
        return bad;
      }
    }
  }
  return std::nullopt;
}

// The line (1-based) where each record of a text-format dataset starts.
void SetTextLines(const google::protobuf::TextFormat::ParseInfoTree& tree, RawDataset* raw) {
  const google::protobuf::Descriptor* dataset = pb::Dataset::descriptor();
  for (const Table table : kAllTables) {
    const google::protobuf::FieldDescriptor* field =
        dataset->FindFieldByName(std::string(TableStem(table)));
    if (field == nullptr) continue;
    std::vector<RawRecord>& records = (*raw)[table].records;
    for (size_t i = 0; i < records.size(); ++i) {
      const int line = tree.GetLocation(field, static_cast<int>(i)).line;
      if (line >= 0) records[i].line = line + 1;
    }
  }
}

Error NotADataset(const std::string& file, const std::string& why) {
  return MakeError(ErrorKind::kBadData,
                   file,
                   0,
                   "",
                   "",
                   "not a complete jobmatch dataset protobuf (" + why +
                       "); binary files end in .pb or .binpb, text format in .txtpb or "
                       ".textproto");
}

Result<Dataset> LoadUnguarded(const std::filesystem::path& file,
                              const ReferenceData& reference,
                              const LoaderOptions& options,
                              bool text_format) {
  const std::string shown = file.string();
  const Result<std::string> bytes = ReadFileBytes(file, shown);
  if (!bytes.ok()) return bytes.error();

  pb::Dataset message;
  ProblemList problems(options.max_problems);
  google::protobuf::TextFormat::ParseInfoTree locations;
  if (text_format) {
    TextErrors errors(shown, &problems);
    google::protobuf::TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    parser.WriteLocationsTo(&locations);
    std::string_view text = bytes.value();
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // editors on Windows
    google::protobuf::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
    if (!parser.Parse(&input, &message)) {
      if (problems.empty())
        problems.Add({shown, 0, "", "", "not a jobmatch dataset in text format"});
      return problems.ToError(ErrorKind::kBadData);
    }
  } else {
    if (bytes.value().empty()) return NotADataset(shown, "the file is empty");
    if (!message.ParseFromString(bytes.value())) {
      if (const std::optional<std::string> field =
              FirstNonUtf8String(bytes.value(), pb::Dataset::descriptor(), "", 0)) {
        return MakeError(ErrorKind::kBadData,
                         shown,
                         0,
                         *field,
                         "",
                         "expected UTF-8 text: protobuf string fields must be UTF-8, and this "
                         "one holds other bytes");
      }
      return NotADataset(shown, "the bytes do not parse; truncated or another kind of file?");
    }
    if (HasUnknownFields(message)) {
      return NotADataset(shown, "it holds fields a jobmatch dataset does not have");
    }
  }

  RawDataset raw;
  raw[Table::kParticipants] = Participants(&message, shown);
  raw[Table::kVacancies] = Vacancies(&message, shown);
  raw[Table::kEmployers] = Employers(&message, shown);
  raw[Table::kCoordinators] = Coordinators(&message, shown);
  raw[Table::kCourses] = Courses(&message, shown);
  raw[Table::kHistory] = History(&message, shown);
  if (text_format) SetTextLines(locations, &raw);
  message = pb::Dataset();  // frees what the records no longer need
  return BuildDataset(raw, reference, &problems, options.num_threads);
}

}  // namespace

Result<Dataset> LoadProtoDataset(const std::filesystem::path& file,
                                 const ReferenceData& reference,
                                 const LoaderOptions& options,
                                 bool text_format) {
  return CatchAtBoundary<Dataset>(file.string(), "loading the dataset", [&] {
    return LoadUnguarded(file, reference, options, text_format);
  });
}

}  // namespace jobmatch

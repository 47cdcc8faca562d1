// engine/records.h
//
// The plain domain records every stage reads: participants, vacancies,
// employers, coordinators, courses and earlier outcomes, gathered in a
// Dataset. Loaders fill them (external ids interned to dense indices, places
// resolved to coordinates, codes resolved to ReferenceData indices); the
// engine never reads a file. Index i of `participants` is ParticipantIndex{i},
// and so on for every record kind.
//
// Example:
//   const Vacancy& v = dataset.vacancies[pair.vacancy.value];
//   const Employer& e = dataset.employers[v.employer.value];
//   if (SizeClassOf(e.staff) == SizeClass::kMicro) ...

#ifndef JOBMATCH_ENGINE_RECORDS_H_
#define JOBMATCH_ENGINE_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/ids.h"

namespace jobmatch {

// Common European Framework of Reference level; A0 means no German yet.
enum class CefrLevel : int8_t { kA0 = 0, kA1, kA2, kB1, kB2, kC1, kC2 };
inline constexpr int kNumCefrLevels = 7;
// Accepts "A0".."C2" in any case, with optional sub-level ("B1.2" -> B1) and
// surrounding blanks; nullopt otherwise.
std::optional<CefrLevel> ParseCefr(std::string_view text);
std::string_view CefrName(CefrLevel level);  // "A0".."C2"

enum class Qualification : int8_t { kNone = 0, kVocational, kAcademic };
enum class Goal : int8_t { kJob = 0, kTraining, kInternship };
// Job subject to social insurance, vocational training place, internship.
enum class VacancyKind : int8_t { kJob = 0, kTraining, kInternship };
// Residence status (Aufenthaltsstatus), as programme admission rules read it:
// recognised refugee or protection status ("anerkannt"), residence permit
// under § 104c AufenthG ("104c"), asylum seeker with Aufenthaltsgestattung
// ("gestattet"), tolerated under § 60a AufenthG ("geduldet"), tolerated with
// a ban on employment under § 60a(6) AufenthG ("geduldet_60a6"), any other
// title ("sonstiges"); kUnknown when the cell is empty.
enum class ResidenceStatus : int8_t {
  kUnknown = 0,
  kRecognised,
  kPermit104c,
  kAsylumPending,
  kTolerated,
  kTolerated60a6,
  kOther,
};
inline constexpr int kNumResidenceStatuses = 7;
// Accepts the names of ResidenceStatusName() and German spellings
// ("Anerkannt", "§ 104c", "Gestattung", "Duldung", "Duldung § 60a Abs. 6"),
// any case; "" -> kUnknown; nullopt otherwise.
std::optional<ResidenceStatus> ParseResidenceStatus(std::string_view text);
// "", "anerkannt", "104c", "gestattet", "geduldet", "geduldet_60a6", "sonstiges".
std::string_view ResidenceStatusName(ResidenceStatus status);
// German courses: kLanguage a German course of unstated kind, kIntegration
// the language part of an integration course (§ 43 AufenthG, IntV),
// kJobGerman a job-related German course (Berufssprachkurs, DeuFöV);
// kVocational a vocational course (lifts no German).
enum class CourseKind : int8_t { kLanguage = 0, kVocational, kIntegration, kJobGerman };
constexpr bool IsGermanCourse(CourseKind k) {
  return k != CourseKind::kVocational;
}
// EU Recommendation 2003/361/EC headcount classes.
enum class SizeClass : int8_t { kMicro = 0, kSmall, kMedium, kLarge };
// Outcome of an earlier proposal (history.csv).
enum class OutcomeKind : int8_t { kProposed = 0, kAccepted, kRejected, kHired, kDroppedOut };

SizeClass SizeClassOf(int32_t staff);                 // < 10 micro, < 50 small, < 250 medium
std::string_view QualificationName(Qualification q);  // "none", "vocational", "academic"
std::string_view GoalName(Goal g);                    // "job", "training", "internship"
std::string_view VacancyKindName(VacancyKind k);      // "job", "training", "internship"
std::string_view CourseKindName(
    CourseKind k);  // "language", "vocational", "integration", "job_german"
std::string_view SizeClassName(SizeClass s);      // "micro", "small", "medium", "large"
std::string_view OutcomeKindName(OutcomeKind o);  // "proposed", ..., "dropped_out"

// A calendar day, as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int32_t days = 0;
  friend constexpr auto operator<=>(Date, Date) = default;
};
// Accepts ISO "2025-03-01" and German "01.03.2025"; nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);  // ISO "2025-03-01"

struct GeoPoint {
  double lat = 0.0;  // WGS84 degrees
  double lon = 0.0;
  friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

// A place resolved against the reference data.
struct Place {
  GeoPoint point;
  std::string district_key;  // 5-digit Kreisschlüssel; empty if unknown (raw coordinates)
  std::string name;          // municipality or postcode area, for people to read
  std::string input;         // the cell as written, kept for output and errors
  friend bool operator==(const Place&, const Place&) = default;
};

// An occupation as coded in the input: ESCO occupation or KldB 2010 Berufsgattung.
struct OccupationRef {
  OccupationIndex esco;  // valid if ESCO-coded
  KldbIndex kldb;        // valid if KldB-coded
  bool valid() const { return esco.valid() || kldb.valid(); }
  friend bool operator==(const OccupationRef&, const OccupationRef&) = default;
};

struct Participant {
  std::string id;  // pseudonymous
  CoordinatorIndex coordinator;
  Place home;
  CefrLevel german = CefrLevel::kA0;
  std::vector<OccupationRef> occupations;  // earlier or learned occupations
  std::vector<SkillIndex> skills;          // ESCO skills stated beyond the occupations
  Qualification qualification = Qualification::kNone;
  bool qualification_recognised = false;
  Goal goal = Goal::kJob;
  double hours_per_week = 0.0;  // hours available
  bool driving_licence = false;
  bool car = false;
  int32_t max_commute_minutes = 0;  // one way; 0: the legal default (§ 140(4) SGB III)
  bool work_permitted = true;
  std::optional<Date> in_germany_since;
  std::string gender;  // optional, for reports only, never scored
  ResidenceStatus residence_status = ResidenceStatus::kUnknown;
  // As written (ISO 3166 code or German name). Read only by a programme's
  // safe-country rule where its legal text requires it; never scored.
  std::string country_of_origin;
  std::optional<bool> sgb2_benefits;  // receives SGB II benefits; nullopt: unknown
  // Has worked in Germany before (any job subject to social insurance, or an
  // internship); nullopt: unknown, which no rule reads as "none".
  std::optional<bool> german_work_experience;
  // The cells of the sheet's extra columns (Dataset::participant_extra_header)
  // as written: name, phone, notes. Shown only in the participant's own
  // coordinator's sheet; never scored, never in JSON, reports, logs or store.
  std::vector<std::string> extra;
  friend bool operator==(const Participant&, const Participant&) = default;
};

struct Vacancy {
  std::string id;
  EmployerIndex employer;
  std::string title;
  OccupationRef occupation;
  std::vector<SkillIndex> essential_skills;  // stated beyond the occupation's own
  std::vector<SkillIndex> optional_skills;
  CefrLevel min_german = CefrLevel::kA0;
  Place place;  // the employer's place when the cell was empty
  VacancyKind kind = VacancyKind::kJob;
  double hours_per_week = 0.0;
  int32_t openings = 1;
  bool driving_licence_required = false;
  std::optional<Date> start_date;
  std::optional<Date> expires;
  friend bool operator==(const Vacancy&, const Vacancy&) = default;
};

struct Employer {
  std::string id;
  std::string name;
  int32_t staff = 0;  // headcount
  Place place;
  std::string sector;
  friend bool operator==(const Employer&, const Employer&) = default;
};

struct Coordinator {
  std::string id;
  std::string name;
  std::string district;  // 5-digit district key
  double fte = 1.0;
  int32_t capacity = 0;  // new placements this cycle
  // False when the capacity cell was empty: engine/capacity.h derives it.
  bool capacity_given = true;
  friend bool operator==(const Coordinator&, const Coordinator&) = default;
};

struct Course {
  std::string id;
  CourseKind kind = CourseKind::kLanguage;
  CefrLevel target_level = CefrLevel::kB1;  // for language courses
  Place place;
  std::optional<Date> start_date;
  int32_t weeks = 0;
  // Teaching units of 45 minutes a week; 0: the config's default (full time).
  int32_t lessons_per_week = 0;
  friend bool operator==(const Course&, const Course&) = default;
};

// An earlier proposal and what became of it (optional history.csv).
struct Outcome {
  ParticipantIndex participant;
  VacancyIndex vacancy;
  OutcomeKind kind = OutcomeKind::kProposed;
  std::optional<Date> date;
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

struct Dataset {
  std::vector<Participant> participants;
  std::vector<Vacancy> vacancies;
  std::vector<Employer> employers;
  std::vector<Coordinator> coordinators;
  std::vector<Course> courses;
  std::vector<Outcome> history;
  // Headers of the participants' sheet columns that are not part of the
  // format (Participant::extra), as written.
  std::vector<std::string> participant_extra_header;
  friend bool operator==(const Dataset&, const Dataset&) = default;
};

// Each record's position by its id (participants, vacancies, ...), for
// mapping ids read from a store, a sheet or history onto a dataset:
//   const auto participants = IndexById(dataset.participants);
//   if (const auto it = participants.find(id); it != participants.end()) ...
template <typename Record>
std::unordered_map<std::string, int32_t> IndexById(const std::vector<Record>& records) {
  std::unordered_map<std::string, int32_t> index;
  index.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) index.emplace(records[i].id, static_cast<int32_t>(i));
  return index;
}

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_RECORDS_H_

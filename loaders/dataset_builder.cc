#include "loaders/dataset_builder.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "engine/parallel.h"
#include "loaders/boundary.h"
#include "loaders/cells.h"
#include "loaders/chunked.h"
#include "loaders/place_resolution.h"
#include "loaders/text_encoding.h"

namespace jobmatch {
namespace {

// Sane bounds: a value outside is a typing or spreadsheet accident, and
// refusing it keeps every sum and date computed from records far from overflow.
constexpr double kMaxHoursPerWeek = 80.0;
constexpr int32_t kMaxCommuteMinutes = 8 * 60;  // one way
constexpr int32_t kMaxOpenings = 10'000;        // per vacancy
constexpr int32_t kMaxStaff = 1'000'000;
constexpr int32_t kMaxCapacity = 10'000;  // placements per coordinator and cycle
constexpr double kMaxFte = 100.0;
constexpr int32_t kMaxCourseWeeks = 260;  // five years
constexpr int32_t kMaxLessonsPerWeek = 56;

// ------------------------------------------------------------------ records

// Ids of one table: id -> index of its first record.
// Numeric ids are also kept by their digits without leading zeros, to
// recognise a reference whose zeros a spreadsheet dropped (or added).
// id -> value for the ids of one table: open addressing with linear
// probing over a power-of-two table of entry numbers, the keys viewing the
// RawTable's cells (which outlive it). A million ids cost two allocations
// instead of a million, and a lookup touches a slot, an entry and the id.
class IdIndex {
 public:
  void Reserve(size_t n) {
    entries_.reserve(n);
    Rehash(SlotsFor(n));
  }
  // The value stored for `key`, inserting `value` first if `key` is new;
  // `inserted` tells which.
  int32_t& Emplace(std::string_view key, int32_t value, bool* inserted) {
    if (2 * (entries_.size() + 1) > slots_.size()) Rehash(SlotsFor(entries_.size() + 1));
    const size_t hash = std::hash<std::string_view>{}(key);
    size_t slot = hash & (slots_.size() - 1);
    while (slots_[slot] >= 0) {
      Entry& entry = entries_[static_cast<size_t>(slots_[slot])];
      if (entry.hash == hash && entry.key == key) {
        *inserted = false;
        return entry.value;
      }
      slot = (slot + 1) & (slots_.size() - 1);
    }
    slots_[slot] = static_cast<int32_t>(entries_.size());
    entries_.push_back(Entry{key, hash, value});
    *inserted = true;
    return entries_.back().value;
  }
  // The value for `key`, or -1.
  int32_t Find(std::string_view key) const {
    if (slots_.empty()) return -1;
    const size_t hash = std::hash<std::string_view>{}(key);
    for (size_t slot = hash & (slots_.size() - 1); slots_[slot] >= 0;
         slot = (slot + 1) & (slots_.size() - 1)) {
      const Entry& entry = entries_[static_cast<size_t>(slots_[slot])];
      if (entry.hash == hash && entry.key == key) return entry.value;
    }
    return -1;
  }

 private:
  struct Entry {
    std::string_view key;
    size_t hash = 0;
    int32_t value = -1;
  };
  static size_t SlotsFor(size_t n) {
    size_t slots = 16;
    while (slots < 2 * n) slots *= 2;
    return slots;
  }
  void Rehash(size_t slots) {
    if (slots <= slots_.size()) return;
    slots_.assign(slots, -1);
    for (size_t e = 0; e < entries_.size(); ++e) {
      size_t slot = entries_[e].hash & (slots - 1);
      while (slots_[slot] >= 0) slot = (slot + 1) & (slots - 1);
      slots_[slot] = static_cast<int32_t>(e);
    }
  }
  std::vector<int32_t> slots_;  // entry number, or -1 for an empty slot
  std::vector<Entry> entries_;
};

struct IdTable {
  IdIndex index;      // lookup only, never iterated
  IdIndex by_digits;  // "0123" as "123"; -1: ambiguous
  // Per record: the first record with the same id, or -1 (no id, or the
  // record is the first with it).
  std::vector<int32_t> first_with_id;

  int32_t Find(std::string_view id) const { return index.Find(id); }
  // The record whose numeric id has the same digits as `id` but for leading
  // zeros, -1 if none (or `id` is not a number).
  int32_t FindSameDigits(std::string_view id) const {
    if (!IsDigits(id)) return -1;
    return by_digits.Find(WithoutLeadingZeros(id));
  }

  static std::string_view WithoutLeadingZeros(std::string_view digits) {
    const size_t first = digits.find_first_not_of('0');
    return first == std::string_view::npos ? digits.substr(digits.size() - 1)
                                           : digits.substr(first);
  }
};

IdTable InternIds(const RawTable& table, int id_column) {
  IdTable ids;
  ids.index.Reserve(table.records.size());
  ids.first_with_id.assign(table.records.size(), -1);
  for (size_t r = 0; r < table.records.size(); ++r) {
    const std::string_view id = TrimBlanks(table.records[r].cells[static_cast<size_t>(id_column)]);
    if (id.empty()) continue;
    bool fresh = false;
    const int32_t first = ids.index.Emplace(id, static_cast<int32_t>(r), &fresh);
    if (!fresh) ids.first_with_id[r] = first;
    if (IsDigits(id)) {
      bool inserted = false;
      int32_t& same = ids.by_digits.Emplace(
          IdTable::WithoutLeadingZeros(id), static_cast<int32_t>(r), &inserted);
      if (!inserted && same != static_cast<int32_t>(r)) same = -1;
    }
  }
  return ids;
}

// The column holding a table's own ids (every table but history has one).
int IdColumn(Table table) {
  switch (table) {
    case Table::kParticipants:
      return kParticipantId;
    case Table::kVacancies:
      return kVacancyId;
    case Table::kEmployers:
      return kEmployerId;
    case Table::kCoordinators:
      return kCoordinatorId;
    case Table::kCourses:
      return kCourseId;
    case Table::kHistory:
      break;
  }
  return kNoColumn;
}

// Checks every cell's bytes (CellReader::CheckText); false if any is bad.
bool CheckAllText(const RawDataset& raw, int32_t num_threads, ProblemList* problems) {
  std::atomic<bool> ok = true;
  for (const Table table : kAllTables) {
    const int num_columns = static_cast<int>(Columns(table).size());
    ForEachChunk(raw[table].records.size(),
                 num_threads,
                 problems,
                 [&](size_t begin, size_t end, ProblemList* chunk_problems) {
                   bool chunk_ok = true;
                   for (size_t r = begin; r < end; ++r) {
                     CellReader cells(table, raw[table], r, chunk_problems);
                     for (int column = 0; column < num_columns; ++column) {
                       chunk_ok = cells.CheckText(column) && chunk_ok;
                     }
                   }
                   if (!chunk_ok) ok = false;
                 });
  }
  return ok;
}

class Builder {
 public:
  Builder(const RawDataset& raw,
          const ReferenceData& reference,
          ProblemList* problems,
          int32_t num_threads)
      : raw_(raw),
        reference_(reference),
        problems_(problems),
        num_threads_(num_threads),
        places_(reference) {
    // Each table's ids on a loader thread (the participants' and the
    // vacancies' first: the largest).
    const std::array<std::pair<IdTable*, Table>, 5> tables = {{
        {&participant_ids_, Table::kParticipants},
        {&vacancy_ids_, Table::kVacancies},
        {&employer_ids_, Table::kEmployers},
        {&coordinator_ids_, Table::kCoordinators},
        {&course_ids_, Table::kCourses},
    }};
    ForEachTask(tables.size(), num_threads, [&](size_t t) {
      *tables[t].first = InternIds(raw[tables[t].second], IdColumn(tables[t].second));
    });
  }

  Dataset Build() {
    Dataset dataset;
    // Bytes that are not text would reach every message and writer: stop here.
    if (!CheckAllText(raw_, num_threads_, problems_)) return dataset;
    // Each table's records in chunks on the loader's threads; the problems
    // come out in record order whatever the number of threads (chunked.h).
    BuildAll(Table::kParticipants, &dataset.participants, &Builder::BuildParticipant);
    // Extra columns of the participants' sheet, for their coordinator's sheet
    // only. Other files' extra columns are not used.
    dataset.participant_extra_header = raw_[Table::kParticipants].extra_header;
    for (size_t r = 0; r < dataset.participants.size(); ++r) {
      dataset.participants[r].extra = raw_[Table::kParticipants].records[r].extra;
    }
    BuildAll(Table::kVacancies, &dataset.vacancies, &Builder::BuildVacancy);
    BuildAll(Table::kEmployers, &dataset.employers, &Builder::BuildEmployer);
    BuildAll(Table::kCoordinators, &dataset.coordinators, &Builder::BuildCoordinator);
    BuildAll(Table::kCourses, &dataset.courses, &Builder::BuildCourse);
    BuildAll(Table::kHistory, &dataset.history, &Builder::BuildOutcome);
    FillVacancyPlaces(&dataset);
    return dataset;
  }

 private:
  // One record of `table` per element of `out`, built by `build`.
  template <typename Record>
  void BuildAll(Table table,
                std::vector<Record>* out,
                Record (Builder::*build)(size_t, ProblemList*)) {
    out->resize(raw_[table].records.size());
    ForEachChunk(
        out->size(), num_threads_, problems_, [&](size_t begin, size_t end, ProblemList* problems) {
          for (size_t r = begin; r < end; ++r) (*out)[r] = (this->*build)(r, problems);
        });
  }

  CellReader Reader(Table table, size_t record, ProblemList* problems) {
    return CellReader(table, raw_[table], record, problems);
  }

  // The record's id; reports an empty or duplicate id.
  static std::string Id(
      CellReader& cells, const IdTable& ids, const RawTable& raw, size_t record, int column) {
    std::string id = cells.Text(column);
    if (!cells.Required(column) || !cells.CheckId(column)) return id;
    const int32_t first = ids.first_with_id[record];
    if (first >= 0) {
      const RawRecord& other = raw.records[static_cast<size_t>(first)];
      cells.Problem(
          column,
          id,
          "a unique id, but it is already used " +
              (other.line > 0 ? "on line " + std::to_string(other.line) : "by " + other.location));
    }
    return id;
  }

  // Index of the record `column` refers to in `target` (which has `ids`).
  int32_t Reference(
      CellReader& cells, int column, const IdTable& ids, Table target, std::string_view what) {
    if (!cells.Required(column) || !cells.CheckId(column)) return -1;
    const std::string_view id = cells.Cell(column);
    const int32_t index = ids.Find(id);
    if (index < 0 && raw_[target].complete) {
      std::string expected =
          "the id of " + std::string(what) + " in " +
          (raw_[target].file.empty() ? TableFileName(target) : raw_[target].file) +
          ", but there is none with this id";
      if (const int32_t same = ids.FindSameDigits(id); same >= 0) {
        const RawRecord& other = raw_[target].records[static_cast<size_t>(same)];
        expected += "; there is '" +
                    std::string(TrimBlanks(other.cells[static_cast<size_t>(IdColumn(target))])) +
                    "', the same number with other leading zeros: Excel drops leading zeros "
                    "of numbers; format the id columns of both files as text before saving";
      }
      cells.Problem(column, id, expected);
    }
    return index;
  }

  std::optional<Place> PlaceCell(CellReader& cells, int column) {
    const std::string_view cell = cells.Cell(column);
    if (cell.empty()) return std::nullopt;
    if (LooksLikeScientificNotation(cell)) {
      cells.Problem(column,
                    cell,
                    "a place, but this looks like a number Excel turned into scientific "
                    "notation (digits are lost); format the column as text before saving");
      return std::nullopt;
    }
    PlaceResolution resolved = places_.Resolve(cell);
    if (!resolved.place) cells.Problem(column, cell, resolved.expected);
    return std::move(resolved.place);
  }

  std::optional<OccupationRef> Occupation(CellReader& cells, int column, std::string_view code) {
    OccupationRef ref;
    if (const std::optional<std::string> uuid = EscoUuid(code, kEscoOccupationPrefix)) {
      const auto it = reference_.occupation_by_id.find(*uuid);
      if (it != reference_.occupation_by_id.end()) {
        ref.esco = it->second;
        return ref;
      }
      cells.Problem(column, code, "an ESCO occupation id in the reference data (unknown id)");
      return std::nullopt;
    }
    if (const std::optional<std::string> kldb = KldbCode(code)) {
      const auto it = reference_.kldb_by_code.find(*kldb);
      if (it != reference_.kldb_by_code.end()) {
        ref.kldb = it->second;
        return ref;
      }
      cells.Problem(column, code, "a KldB 2010 occupation code (5 digits) in the reference data");
      return std::nullopt;
    }
    cells.Problem(column,
                  code,
                  "an occupation code: an ESCO occupation id (UUID or URI) or a 5-digit "
                  "KldB 2010 code such as 52122");
    return std::nullopt;
  }

  std::vector<OccupationRef> Occupations(CellReader& cells, int column) {
    std::vector<OccupationRef> out;
    for (const std::string_view code :
         SplitCodes(cells.Cell(column), cells.comma_separates_codes())) {
      const std::optional<OccupationRef> ref = Occupation(cells, column, code);
      if (!ref) continue;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const OccupationRef& o) {
        return o.esco == ref->esco && o.kldb == ref->kldb;
      });
      if (!seen) out.push_back(*ref);
    }
    return out;
  }

  std::vector<SkillIndex> Skills(CellReader& cells, int column) {
    std::vector<SkillIndex> out;
    for (const std::string_view code :
         SplitCodes(cells.Cell(column), cells.comma_separates_codes())) {
      const std::optional<std::string> uuid = EscoUuid(code, kEscoSkillPrefix);
      if (!uuid) {
        cells.Problem(column, code, "an ESCO skill id (UUID or URI); lists use '|' between codes");
        continue;
      }
      const auto it = reference_.skill_by_id.find(*uuid);
      if (it == reference_.skill_by_id.end()) {
        cells.Problem(column, code, "an ESCO skill id in the reference data (unknown id)");
        continue;
      }
      if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
    }
    return out;
  }

  Participant BuildParticipant(size_t r, ProblemList* problems) {
    const RawTable& raw = raw_[Table::kParticipants];
    CellReader cells = Reader(Table::kParticipants, r, problems);
    Participant p;
    p.id = Id(cells, participant_ids_, raw, r, kParticipantId);
    p.coordinator = CoordinatorIndex(Reference(
        cells, kParticipantCoordinatorId, coordinator_ids_, Table::kCoordinators, "a coordinator"));
    if (cells.Required(kParticipantPlace)) {
      if (std::optional<Place> place = PlaceCell(cells, kParticipantPlace)) p.home = *place;
    }
    p.german = cells.Level(kParticipantGermanLevel, CefrLevel::kA0);
    p.occupations = Occupations(cells, kParticipantOccupations);
    p.skills = Skills(cells, kParticipantSkills);
    p.qualification = cells.Enum(kParticipantQualification,
                                 Qualification::kNone,
                                 ParseQualification,
                                 "none, vocational or academic (keine, Berufsausbildung, "
                                 "akademisch)");
    p.qualification_recognised = cells.YesNo(kParticipantQualificationRecognised, false);
    p.goal = cells.Enum(kParticipantGoal,
                        Goal::kJob,
                        ParseGoal,
                        "job, training or internship (Arbeit, Ausbildung, Praktikum)");
    p.hours_per_week = cells.Decimal(kParticipantHoursPerWeek, 0.0, kMaxHoursPerWeek);
    p.driving_licence = cells.YesNo(kParticipantDrivingLicence, false);
    p.car = cells.YesNo(kParticipantCar, false);
    p.max_commute_minutes =
        cells.Whole(kParticipantMaxCommuteMinutes, false, 0, kMaxCommuteMinutes);
    p.work_permitted = cells.YesNo(kParticipantWorkPermitted, true);
    p.in_germany_since = cells.DateCell(kParticipantInGermanySince);
    p.gender = cells.Text(kParticipantGender);
    p.residence_status =
        cells.Enum(kParticipantResidenceStatus,
                   ResidenceStatus::kUnknown,
                   ParseResidenceStatus,
                   "anerkannt, 104c, gestattet, geduldet, geduldet_60a6 or sonstiges");
    p.country_of_origin = cells.Text(kParticipantCountryOfOrigin);
    if (!cells.Cell(kParticipantSgb2Benefits).empty()) {
      p.sgb2_benefits = cells.YesNo(kParticipantSgb2Benefits, false);
    }
    if (!cells.Cell(kParticipantGermanWorkExperience).empty()) {
      p.german_work_experience = cells.YesNo(kParticipantGermanWorkExperience, false);
    }
    return p;
  }

  Vacancy BuildVacancy(size_t r, ProblemList* problems) {
    const RawTable& raw = raw_[Table::kVacancies];
    CellReader cells = Reader(Table::kVacancies, r, problems);
    Vacancy v;
    v.id = Id(cells, vacancy_ids_, raw, r, kVacancyId);
    v.employer = EmployerIndex(
        Reference(cells, kVacancyEmployerId, employer_ids_, Table::kEmployers, "an employer"));
    v.title = cells.Text(kVacancyTitle);
    if (cells.Required(kVacancyOccupation)) {
      const std::vector<std::string_view> codes =
          SplitCodes(cells.Cell(kVacancyOccupation), cells.comma_separates_codes());
      if (codes.size() != 1) {
        cells.Problem(kVacancyOccupation,
                      cells.Cell(kVacancyOccupation),
                      "exactly one occupation code (ESCO id or KldB code)");
      } else if (std::optional<OccupationRef> ref =
                     Occupation(cells, kVacancyOccupation, codes[0])) {
        v.occupation = *ref;
      }
    }
    v.essential_skills = Skills(cells, kVacancyEssentialSkills);
    v.optional_skills = Skills(cells, kVacancyOptionalSkills);
    v.min_german = cells.Level(kVacancyMinGermanLevel, CefrLevel::kA0);
    if (std::optional<Place> place = PlaceCell(cells, kVacancyPlace)) v.place = *place;
    v.kind = cells.Enum(kVacancyKind,
                        VacancyKind::kJob,
                        ParseVacancyKind,
                        "job, training or internship (Arbeit, Ausbildung, Praktikum)");
    v.hours_per_week = cells.Decimal(kVacancyHoursPerWeek, 0.0, kMaxHoursPerWeek);
    v.openings = cells.Whole(kVacancyOpenings, true, 1, kMaxOpenings);
    v.driving_licence_required = cells.YesNo(kVacancyDrivingLicenceRequired, false);
    v.start_date = cells.DateCell(kVacancyStartDate);
    v.expires = cells.DateCell(kVacancyExpires);
    if (v.start_date && v.expires && *v.expires < *v.start_date) {
      cells.Problem(kVacancyExpires,
                    cells.Cell(kVacancyExpires),
                    "a date on or after start_date (" + FormatDate(*v.start_date) + ")");
    }
    return v;
  }

  Employer BuildEmployer(size_t r, ProblemList* problems) {
    const RawTable& raw = raw_[Table::kEmployers];
    CellReader cells = Reader(Table::kEmployers, r, problems);
    Employer e;
    e.id = Id(cells, employer_ids_, raw, r, kEmployerId);
    e.name = cells.Text(kEmployerName);
    e.staff = cells.Whole(kEmployerStaff, true, 0, kMaxStaff);
    if (std::optional<Place> place = PlaceCell(cells, kEmployerPlace)) e.place = *place;
    e.sector = cells.Text(kEmployerSector);
    return e;
  }

  Coordinator BuildCoordinator(size_t r, ProblemList* problems) {
    const RawTable& raw = raw_[Table::kCoordinators];
    CellReader cells = Reader(Table::kCoordinators, r, problems);
    Coordinator c;
    c.id = Id(cells, coordinator_ids_, raw, r, kCoordinatorId);
    c.name = cells.Text(kCoordinatorName);
    if (const std::string_view district = cells.Cell(kCoordinatorDistrict); !district.empty()) {
      if (const std::optional<std::string> key = places_.District(district)) {
        c.district = *key;
      } else {
        cells.Problem(kCoordinatorDistrict,
                      district,
                      "a district key (Kreisschlüssel, 5 digits, e.g. 15089 for the "
                      "Salzlandkreis) or a district's exact name");
      }
    }
    c.fte = cells.Decimal(kCoordinatorFte, 1.0, kMaxFte);
    // Empty: derived from fte and the programme's terms (engine/capacity.h).
    c.capacity_given = !cells.Cell(kCoordinatorCapacity).empty();
    c.capacity = cells.Whole(kCoordinatorCapacity, false, 0, kMaxCapacity);
    return c;
  }

  Course BuildCourse(size_t r, ProblemList* problems) {
    const RawTable& raw = raw_[Table::kCourses];
    CellReader cells = Reader(Table::kCourses, r, problems);
    Course c;
    c.id = Id(cells, course_ids_, raw, r, kCourseId);
    c.kind = cells.Enum(kCourseKind,
                        CourseKind::kLanguage,
                        ParseCourseKind,
                        "language or vocational (Sprachkurs, beruflich)");
    c.target_level = cells.Level(kCourseTargetLevel, CefrLevel::kB1);
    if (std::optional<Place> place = PlaceCell(cells, kCoursePlace)) c.place = *place;
    c.start_date = cells.DateCell(kCourseStartDate);
    c.weeks = cells.Whole(kCourseWeeks, false, 0, kMaxCourseWeeks);
    // 0: the config's default; a week has at most 7 days of 8 lessons.
    c.lessons_per_week = cells.Whole(kCourseLessonsPerWeek, false, 0, kMaxLessonsPerWeek);
    return c;
  }

  Outcome BuildOutcome(size_t r, ProblemList* problems) {
    CellReader cells = Reader(Table::kHistory, r, problems);
    Outcome o;
    o.participant = ParticipantIndex(Reference(
        cells, kHistoryParticipantId, participant_ids_, Table::kParticipants, "a participant"));
    o.vacancy = VacancyIndex(
        Reference(cells, kHistoryVacancyId, vacancy_ids_, Table::kVacancies, "a vacancy"));
    if (cells.Required(kHistoryOutcome)) {
      o.kind = cells.Enum(kHistoryOutcome,
                          OutcomeKind::kProposed,
                          ParseOutcomeKind,
                          "proposed, accepted, rejected, hired or dropped_out (vorgeschlagen, "
                          "angenommen, abgelehnt, eingestellt, abgebrochen)");
    }
    o.date = cells.DateCell(kHistoryDate);
    return o;
  }

  // A vacancy without a place of its own works at its employer's place.
  void FillVacancyPlaces(Dataset* dataset) {
    const RawTable& employers = raw_[Table::kEmployers];
    for (size_t r = 0; r < dataset->vacancies.size(); ++r) {
      Vacancy& v = dataset->vacancies[r];
      CellReader cells = Reader(Table::kVacancies, r, problems_);
      if (!cells.Cell(kVacancyPlace).empty() || !v.employer.valid()) continue;
      const auto e = static_cast<size_t>(v.employer.value);
      if (TrimBlanks(employers.records[e].cells[kEmployerPlace]).empty()) {
        cells.Problem(kVacancyPlace,
                      "",
                      "a place: the cell is empty and employer '" + dataset->employers[e].id +
                          "' has no place either");
        continue;
      }
      v.place = dataset->employers[e].place;
    }
  }

  const RawDataset& raw_;
  const ReferenceData& reference_;
  ProblemList* problems_;
  int32_t num_threads_;
  PlaceResolver places_;
  IdTable coordinator_ids_;
  IdTable employer_ids_;
  IdTable participant_ids_;
  IdTable vacancy_ids_;
  IdTable course_ids_;
};
}  // namespace

Result<Dataset> BuildDataset(const RawDataset& raw,
                             const ReferenceData& reference,
                             ProblemList* problems,
                             int32_t num_threads) {
  return CatchAtBoundary<Dataset>("", "checking the dataset", [&]() -> Result<Dataset> {
    Builder builder(raw, reference, problems, num_threads);
    Dataset dataset = builder.Build();
    if (!problems->empty()) return problems->ToError(ErrorKind::kBadData);
    return dataset;
  });
}

}  // namespace jobmatch

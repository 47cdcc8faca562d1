// engine/exclusion_rules.cc: the hard rules, public (engine/exclusion_rules.h)
// and as the pair loop checks them (engine/internal/scoring_rules.h).

#include "engine/exclusion_rules.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "engine/check.h"
#include "engine/internal/scoring_rules.h"
#include "engine/scorer.h"

namespace jobmatch {

std::string_view ExclusionReasonName(ExclusionReason reason) {
  switch (reason) {
    case ExclusionReason::kWorkNotPermitted:
      return "work_not_permitted";
    case ExclusionReason::kBelowProgrammeGerman:
      return "below_programme_german";
    case ExclusionReason::kInGermanyTooLong:
      return "in_germany_too_long";
    case ExclusionReason::kResidenceStatusExcluded:
      return "residence_status_excluded";
    case ExclusionReason::kNoSgb2Benefits:
      return "no_sgb2_benefits";
    case ExclusionReason::kSafeCountryOfOrigin:
      return "safe_country_of_origin";
    case ExclusionReason::kRejectedBefore:
      return "rejected_before";
    case ExclusionReason::kExpired:
      return "expired";
    case ExclusionReason::kGoalInternship:
      return "goal_internship";
    case ExclusionReason::kUnqualifiedTraining:
      return "unqualified_training_first";
    case ExclusionReason::kHelperJobQualified:
      return "helper_job_for_qualified";
    case ExclusionReason::kInternshipBeforeJob:
      return "internship_before_job";
    case ExclusionReason::kKindExcluded:
      return "kind_excluded";
    case ExclusionReason::kLicenceMissing:
      return "licence_missing";
    case ExclusionReason::kHoursMismatch:
      return "hours_mismatch";
    case ExclusionReason::kCommuteTooLong:
      return "commute_too_long";
    case ExclusionReason::kGermanTooLow:
      return "german_too_low";
    case ExclusionReason::kNoSkillFit:
      return "no_skill_fit";
    case ExclusionReason::kCount:
      break;
  }
  return "unknown";
}

bool IsResidualIscoGroup(int32_t isco_unit_group) {
  return isco_unit_group % 10 == 9;
}

void AppendSpecificIsco(const OccupationRef& occupation,
                        const ReferenceData& reference,
                        std::vector<int32_t>* out) {
  const auto append = [&](const std::string& code) {
    if (code.size() != 4) return;
    int32_t value = 0;
    for (const char c : code) {
      if (c < '0' || c > '9') return;
      value = value * 10 + (c - '0');
    }
    if (!IsResidualIscoGroup(value)) out->push_back(value);
  };
  if (occupation.esco.valid()) {
    append(reference.occupations[static_cast<size_t>(occupation.esco.value)].isco_code);
  } else if (occupation.kldb.valid()) {
    for (const std::string& code :
         reference.kldb[static_cast<size_t>(occupation.kldb.value)].isco_codes) {
      append(code);
    }
  }
}

int32_t KldbGroupOf(const OccupationRef& occupation, const ReferenceData& reference) {
  if (occupation.esco.valid() || !occupation.kldb.valid()) return -1;
  const std::string& code = reference.kldb[static_cast<size_t>(occupation.kldb.value)].code;
  int32_t value = 0;
  for (size_t i = 0; i < 3 && i < code.size(); ++i) {
    if (code[i] < '0' || code[i] > '9') return -1;
    value = value * 10 + (code[i] - '0');
  }
  return code.size() >= 3 ? value : -1;
}

bool RelatedOccupations(const OccupationRef& a,
                        const OccupationRef& b,
                        const ReferenceData& reference) {
  const int32_t group_a = KldbGroupOf(a, reference);
  if (group_a >= 0 && group_a == KldbGroupOf(b, reference)) return true;
  std::vector<int32_t> isco_a, isco_b;
  AppendSpecificIsco(a, reference, &isco_a);
  AppendSpecificIsco(b, reference, &isco_b);
  for (const int32_t x : isco_a) {
    for (const int32_t y : isco_b) {
      if (x / 10 == y / 10) return true;
    }
  }
  return false;
}

std::string FoldCountry(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == ' ' || c == '.' || c == '\t') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

namespace {

// `date` plus `years` calendar years (29 February -> 28 February).
int64_t PlusYears(Date date, int32_t years) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{date.days}}};
  year_month_day later = ymd + std::chrono::years{years};
  if (!later.ok()) later = later.year() / later.month() / last;
  return sys_days{later}.time_since_epoch().count();
}

constexpr uint32_t Bit(ExclusionReason r) {
  return 1u << static_cast<int>(r);
}

}  // namespace

uint32_t ProgrammeFailures(const Participant& participant,
                           const ProgrammeRules& rules,
                           std::optional<Date> run_date) {
  uint32_t fail = 0;
  if (participant.german < rules.min_german) fail |= Bit(ExclusionReason::kBelowProgrammeGerman);
  if (rules.max_years_in_germany > 0 && run_date && participant.in_germany_since &&
      run_date->days > PlusYears(*participant.in_germany_since, rules.max_years_in_germany)) {
    fail |= Bit(ExclusionReason::kInGermanyTooLong);
  }
  if (participant.residence_status != ResidenceStatus::kUnknown &&
      ((rules.admitted_statuses >> static_cast<int>(participant.residence_status)) & 1u) == 0) {
    fail |= Bit(ExclusionReason::kResidenceStatusExcluded);
  }
  if (rules.require_sgb2_benefits && participant.sgb2_benefits == false) {
    fail |= Bit(ExclusionReason::kNoSgb2Benefits);
  }
  if (!rules.excluded_countries.empty() && !participant.country_of_origin.empty()) {
    const std::string country = FoldCountry(participant.country_of_origin);
    if (std::find(rules.excluded_countries.begin(), rules.excluded_countries.end(), country) !=
        rules.excluded_countries.end()) {
      fail |= Bit(ExclusionReason::kSafeCountryOfOrigin);
    }
  }
  return fail;
}

int32_t CommuteLimitMinutes(const Participant& participant,
                            const Vacancy& vacancy,
                            const ScoringOptions& options) {
  if (participant.max_commute_minutes > 0) return participant.max_commute_minutes;
  const double hours =
      vacancy.hours_per_week > 0 ? vacancy.hours_per_week : participant.hours_per_week;
  return hours > options.long_day_hours_per_week ? options.default_commute_minutes_long_day
                                                 : options.default_commute_minutes_short_day;
}

int32_t RequirementLevel(const OccupationRef& occupation, const ReferenceData& reference) {
  if (occupation.esco.valid()) {
    const std::string& isco =
        reference.occupations[static_cast<size_t>(occupation.esco.value)].isco_code;
    if (isco.size() < 2) return 1;
    switch (isco[0]) {
      case '0':
        return isco[1] == '1' ? 4 : isco[1] == '2' ? 2 : 1;
      case '1':
        return isco[1] == '4' ? 3 : 4;
      case '2':
        return 4;
      case '3':
        return 3;
      case '9':
        return 1;
      default:
        return 2;  // 4-8
    }
  }
  if (occupation.kldb.valid()) {
    const int level = reference.kldb[static_cast<size_t>(occupation.kldb.value)].requirement_level;
    return std::clamp(level, 1, 4);
  }
  return 1;
}

int32_t QualificationLevel(const Participant& participant, const ScoringOptions& options) {
  int32_t level = 1;
  if (participant.qualification == Qualification::kVocational) level = 2;
  if (participant.qualification == Qualification::kAcademic) level = 4;
  if (participant.qualification != Qualification::kNone && !participant.qualification_recognised) {
    level = std::max(1, level - options.unrecognised_qualification_levels);
  }
  return level;
}

bool PathwayAllows(const Participant& participant,
                   VacancyKind kind,
                   int32_t requirement_level,
                   const ScoringOptions& options) {
  return ((internal::KindMask(participant, options) >>
           internal::KindClassOf(kind, requirement_level, options)) &
          1u) != 0;
}

CefrLevel CourseLevelReached(const Course& course, CefrLevel from, const ScoringOptions& options) {
  const int64_t per_week =
      course.lessons_per_week > 0 ? course.lessons_per_week : options.course_lessons_per_week;
  int64_t units = static_cast<int64_t>(std::max(course.weeks, 0)) * std::max<int64_t>(per_week, 0);
  const int target = static_cast<int>(course.target_level);
  int level = static_cast<int>(from);
  constexpr int kB1 = static_cast<int>(CefrLevel::kB1);
  constexpr int kA2 = static_cast<int>(CefrLevel::kA2);
  auto climb = [&](int top, auto cost_of) {
    while (level < top) {
      const int32_t cost = cost_of(level + 1);
      if (cost <= 0 || units < cost) break;
      units -= cost;
      ++level;
    }
  };
  auto integration = [&](int step) {
    return options.integration_course_units[static_cast<size_t>(step)];
  };
  auto job_german = [&](int step) {
    return options.job_german_course_units[static_cast<size_t>(step)];
  };
  switch (course.kind) {
    case CourseKind::kVocational:
      break;
    case CourseKind::kIntegration:
      climb(std::min(target, kB1), integration);
      break;
    case CourseKind::kJobGerman: {
      const bool entry = target == kA2 ? level < kA2 : level == target - 1;
      const int32_t cost = job_german(target);
      if (entry && cost > 0 && units >= cost) level = target;
      break;
    }
    case CourseKind::kLanguage:
      climb(target, [&](int step) { return step <= kB1 ? integration(step) : job_german(step); });
      break;
  }
  return static_cast<CefrLevel>(std::max(level, static_cast<int>(from)));
}

uint32_t PathwayFailures(const Participant& participant,
                         VacancyKind kind,
                         int32_t requirement_level,
                         const ScoringOptions& options) {
  return internal::KindFailures(
      participant,
      options)[static_cast<size_t>(internal::KindClassOf(kind, requirement_level, options))];
}

namespace internal {

std::array<uint32_t, 4> KindFailures(const Participant& p, const ScoringOptions& options) {
  std::array<uint32_t, 4> fail{};
  if (!options.apply_pathways) return fail;
  const ProgrammeRules& rules = options.programme;
  const bool qualified = p.qualification != Qualification::kNone;
  const uint8_t mask = KindMask(p, options);
  for (int k = kHelperJob; k <= kInternshipPlace; ++k) {
    const bool job = k == kHelperJob || k == kQualifiedJob;
    uint32_t& f = fail[static_cast<size_t>(k)];
    if (rules.internship_goal_internships_only && p.goal == Goal::kInternship &&
        k != kInternshipPlace) {
      f |= RuleBit(ExclusionReason::kGoalInternship);
    }
    if (rules.unqualified_into_training && !qualified && job) {
      f |= RuleBit(ExclusionReason::kUnqualifiedTraining);
    }
    if (rules.no_helper_jobs_for_qualified && qualified && k == kHelperJob) {
      f |= RuleBit(ExclusionReason::kHelperJobQualified);
    }
    if (rules.internship_before_job && p.german_work_experience == false && job) {
      f |= RuleBit(ExclusionReason::kInternshipBeforeJob);
    }
    if (((mask >> k) & 1u) == 0) f |= RuleBit(ExclusionReason::kKindExcluded);
  }
  return fail;
}

uint8_t KindMask(const Participant& p, const ScoringOptions& options) {
  if (!options.apply_pathways) return 0xF;
  const bool qualified = p.qualification != Qualification::kNone;
  const PathwayRule& rule = options.pathways.rules[static_cast<size_t>(p.goal)][qualified ? 1 : 0];
  uint8_t mask = 0;
  if (rule.job) mask |= qualified ? (1u << kHelperJob | 1u << kQualifiedJob) : 1u << kHelperJob;
  if (rule.training) mask |= 1u << kTrainingPlace;
  if (rule.internship) mask |= 1u << kInternshipPlace;
  return mask;
}

KindClass KindClassOf(VacancyKind kind, int32_t requirement, const ScoringOptions& options) {
  switch (kind) {
    case VacancyKind::kJob:
      return requirement <= options.unqualified_max_requirement_level ? kHelperJob : kQualifiedJob;
    case VacancyKind::kTraining:
      return kTrainingPlace;
    case VacancyKind::kInternship:
      return kInternshipPlace;
  }
  return kHelperJob;
}

VacancyRules RulesOfVacancy(const Vacancy& vacancy,
                            int32_t requirement,
                            const ScoringOptions& options) {
  VacancyRules rules;
  rules.kind_class = KindClassOf(vacancy.kind, requirement, options);
  if (vacancy.driving_licence_required) {
    rules.static_fail |= static_cast<uint16_t>(RuleBit(ExclusionReason::kLicenceMissing));
  }
  if (options.run_date && vacancy.expires && *vacancy.expires < *options.run_date) {
    rules.static_fail |= static_cast<uint16_t>(RuleBit(ExclusionReason::kExpired));
  }
  if (vacancy.hours_per_week > 0) {
    rules.hours_class = vacancy.hours_per_week > options.long_day_hours_per_week ? 2 : 1;
  }
  if (vacancy.start_date) {
    rules.has_deadline = true;
    rules.deadline = vacancy.start_date->days;
  } else if (options.run_date) {
    rules.has_deadline = true;
    const int64_t deadline = static_cast<int64_t>(options.run_date->days) +
                             7 * static_cast<int64_t>(options.course_horizon_weeks);
    rules.deadline = static_cast<int32_t>(
        std::clamp<int64_t>(deadline, std::numeric_limits<int32_t>::min(), INT32_MAX));
  }
  return rules;
}

RuleTables BuildRuleTables(const Dataset& dataset, const ScoringOptions& options) {
  RuleTables tables;
  // Rejected pairs, CSR by participant.
  const size_t num_participants = dataset.participants.size();
  const size_t num_vacancies = dataset.vacancies.size();
  std::vector<std::pair<int32_t, int32_t>> rejected;
  for (const Outcome& o : dataset.history) {
    if (o.kind != OutcomeKind::kRejected) continue;
    JOBMATCH_CHECK(o.participant.valid() &&
                   static_cast<size_t>(o.participant.value) < num_participants &&
                   o.vacancy.valid() && static_cast<size_t>(o.vacancy.value) < num_vacancies)
        << "history entry out of range";
    rejected.emplace_back(o.participant.value, o.vacancy.value);
  }
  std::sort(rejected.begin(), rejected.end());
  rejected.erase(std::unique(rejected.begin(), rejected.end()), rejected.end());
  tables.rejected_begin.assign(num_participants + 1, 0);
  for (const auto& [p, v] : rejected) ++tables.rejected_begin[static_cast<size_t>(p) + 1];
  for (size_t p = 0; p < num_participants; ++p) {
    tables.rejected_begin[p + 1] += tables.rejected_begin[p];
  }
  for (const auto& pv : rejected) tables.rejected.push_back(pv.second);

  for (size_t c = 0; c < dataset.courses.size(); ++c) {
    if (!IsGermanCourse(dataset.courses[c].kind)) continue;
    tables.course_ids.push_back(static_cast<int32_t>(c));
    tables.course_points.push_back(dataset.courses[c].place.point);
  }
  tables.course_grid = BuildGridIndex(tables.course_points, options.grid_cell_km);
  return tables;
}

void BuildParticipantRules(const Dataset& dataset,
                           const RuleTables& tables,
                           const ScoringOptions& options,
                           const CommuteModel& model,
                           int32_t p,
                           ParticipantRules* rules) {
  const Participant& participant = dataset.participants[static_cast<size_t>(p)];
  rules->by_car = participant.driving_licence && participant.car;
  rules->long_own = participant.hours_per_week > options.long_day_hours_per_week;
  rules->base_fail = participant.work_permitted ? 0u : RuleBit(ExclusionReason::kWorkNotPermitted);
  rules->base_fail |= ProgrammeFailures(participant, options.programme, options.run_date);
  rules->static_mask =
      RuleBit(ExclusionReason::kExpired) |
      (participant.driving_licence ? 0u : RuleBit(ExclusionReason::kLicenceMissing));
  rules->kind_fail = KindFailures(participant, options);
  rules->hours_limit = participant.hours_per_week > 0
                           ? participant.hours_per_week + options.hours_tolerance
                           : std::numeric_limits<double>::infinity();
  rules->own_limit = std::max(participant.max_commute_minutes, 0);
  const int32_t long_limit = options.default_commute_minutes_long_day;
  const int32_t short_limit = options.default_commute_minutes_short_day;
  rules->limit_minutes =
      rules->own_limit > 0
          ? std::array<int32_t, 3>{rules->own_limit, rules->own_limit, rules->own_limit}
          : std::array<int32_t, 3>{
                rules->long_own ? long_limit : short_limit, short_limit, long_limit};
  for (size_t c = 0; c < 3; ++c) {
    rules->limit_c2[c] = ChordSquaredFromKm(ReachKm(rules->limit_minutes[c], rules->by_car, model));
  }
  rules->german_fail_levels = 0;
  const auto german = static_cast<int32_t>(participant.german);
  for (int level = 0; level < kNumCefrLevels; ++level) {
    if (level - german > options.german_tolerance_levels) rules->german_fail_levels |= 1u << level;
  }
  rules->rejected = {tables.rejected.data() + tables.rejected_begin[static_cast<size_t>(p)],
                     tables.rejected.data() + tables.rejected_begin[static_cast<size_t>(p) + 1]};

  // Earliest-finishing reachable language course per target level.
  rules->by_date.fill(CourseChoice{});
  rules->by_length.fill(CourseChoice{});
  rules->bridge_levels = 0;
  if (tables.course_ids.empty()) return;
  const int32_t course_limit = rules->own_limit > 0 ? rules->own_limit
                               : rules->long_own    ? long_limit
                                                    : short_limit;
  const std::vector<int32_t> reachable = PointsWithin(tables.course_grid,
                                                      tables.course_points,
                                                      participant.home.point,
                                                      ReachKm(course_limit, rules->by_car, model));
  for (int32_t i : reachable) {
    const int32_t c = tables.course_ids[static_cast<size_t>(i)];
    const Course& course = dataset.courses[static_cast<size_t>(c)];
    const std::optional<Date> start = course.start_date ? course.start_date : options.run_date;
    if (!start) continue;
    if (options.run_date && *start < *options.run_date) continue;
    // 64-bit: a course of absurd length finishes late instead of wrapping.
    const int64_t finish =
        static_cast<int64_t>(start->days) + 7 * static_cast<int64_t>(course.weeks);
    const CourseChoice choice{finish, c};
    auto earlier = [](const CourseChoice& a, const CourseChoice& b) {
      return a.finish < b.finish || (a.finish == b.finish && a.course < b.course);
    };
    // The levels this course lifts this participant to.
    const int reached = static_cast<int>(CourseLevelReached(course, participant.german, options));
    for (int level = german + 1; level <= reached; ++level) {
      const auto l = static_cast<size_t>(level);
      if (earlier(choice, rules->by_date[l])) rules->by_date[l] = choice;
      if (course.weeks <= options.course_horizon_weeks && earlier(choice, rules->by_length[l])) {
        rules->by_length[l] = choice;
      }
    }
  }
  for (int level = 0; level < kNumCefrLevels; ++level) {
    const int gap = level - german;
    const auto l = static_cast<size_t>(level);
    if (gap > 0 && gap <= options.course_bridge_max_levels &&
        (rules->by_date[l].course >= 0 || rules->by_length[l].course >= 0)) {
      rules->bridge_levels |= 1u << level;
    }
  }
}

}  // namespace internal
}  // namespace jobmatch

#include "config/config.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "proto/config.pb.h"

namespace jobmatch {
namespace {

namespace pb = ::jobmatch::config;

class Collector : public google::protobuf::io::ErrorCollector {
 public:
  explicit Collector(std::string file) : file_(std::move(file)) {}
  void AddError(int line,
                google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    diagnostics_.push_back(Diagnostic{
        file_, line + 1, "", "", "column " + std::to_string(column + 1) + ": " + message});
  }
  void AddWarning(int line,
                  google::protobuf::io::ColumnNumber column,
                  const std::string& message) override {
    AddError(line, column, message);
  }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

// Upper bounds: beyond them a value is a typing accident, and the engine's
// int32 arithmetic (week counts times 7, block ranges) would overflow.
constexpr int32_t kMaxTopK = 100'000;
constexpr int32_t kMaxCourseHorizonWeeks = 520;
constexpr int32_t kMaxBlockSize = 1 << 20;
constexpr int32_t kMaxArcsPerParticipant = 100'000;
constexpr double kMaxEmployerCap = 1'000'000;

void Apply(const pb::BySizeClass& in, std::array<double, 4>* out) {
  if (in.has_micro()) (*out)[0] = in.micro();
  if (in.has_small()) (*out)[1] = in.small();
  if (in.has_medium()) (*out)[2] = in.medium();
  if (in.has_large()) (*out)[3] = in.large();
}

void Apply(const pb::Scoring& in, ScoringOptions* out) {
  if (in.has_weights()) {
    const pb::Weights& w = in.weights();
    if (w.has_skill()) out->weights.skill = w.skill();
    if (w.has_german()) out->weights.german = w.german();
    if (w.has_commute()) out->weights.commute = w.commute();
    if (w.has_micro()) out->weights.micro = w.micro();
  }
  if (in.has_top_k()) out->top_k = in.top_k();
  if (in.has_min_score()) out->min_score = in.min_score();
  if (in.has_optional_skill_share()) out->optional_skill_share = in.optional_skill_share();
  if (in.has_german_tolerance_levels()) out->german_tolerance_levels = in.german_tolerance_levels();
  if (in.has_german_penalty_per_level()) {
    out->german_penalty_per_level = in.german_penalty_per_level();
  }
  if (in.has_course_horizon_weeks()) out->course_horizon_weeks = in.course_horizon_weeks();
  if (in.has_car_speed_kmh()) out->car_speed_kmh = in.car_speed_kmh();
  if (in.has_transit_speed_kmh()) out->transit_speed_kmh = in.transit_speed_kmh();
  if (in.has_road_detour_factor()) out->road_detour_factor = in.road_detour_factor();
  if (in.has_transit_wait_minutes()) out->transit_wait_minutes = in.transit_wait_minutes();
  if (in.has_default_commute_minutes_long_day()) {
    out->default_commute_minutes_long_day = in.default_commute_minutes_long_day();
  }
  if (in.has_default_commute_minutes_short_day()) {
    out->default_commute_minutes_short_day = in.default_commute_minutes_short_day();
  }
  if (in.has_long_day_hours_per_week()) out->long_day_hours_per_week = in.long_day_hours_per_week();
  if (in.has_hours_tolerance()) out->hours_tolerance = in.hours_tolerance();
  if (in.has_size_class_bonus()) Apply(in.size_class_bonus(), &out->size_class_bonus);
  if (in.has_apply_pathways()) out->apply_pathways = in.apply_pathways();
  if (in.has_unqualified_max_requirement_level()) {
    out->unqualified_max_requirement_level = in.unqualified_max_requirement_level();
  }
  if (in.has_block_size()) out->block_size = in.block_size();
  if (in.has_require_skill_fit()) out->require_skill_fit = in.require_skill_fit();
  if (in.has_skill_fit_without_requirements()) {
    out->skill_fit_without_requirements = in.skill_fit_without_requirements();
  }
  if (in.has_isco_group_floor()) {
    const pb::IscoFloor& f = in.isco_group_floor();
    if (f.has_unit_group()) out->isco_group_floor[0] = f.unit_group();
    if (f.has_minor_group()) out->isco_group_floor[1] = f.minor_group();
    if (f.has_sub_major_group()) out->isco_group_floor[2] = f.sub_major_group();
  }
  if (in.has_requirement_penalty_per_level()) {
    out->requirement_penalty_per_level = in.requirement_penalty_per_level();
  }
  if (in.has_unrecognised_qualification_levels()) {
    out->unrecognised_qualification_levels = in.unrecognised_qualification_levels();
  }
  if (in.has_course_bridge_max_levels())
    out->course_bridge_max_levels = in.course_bridge_max_levels();
  if (in.has_course_bridge_german_fit())
    out->course_bridge_german_fit = in.course_bridge_german_fit();
  if (in.has_grid_cell_km()) out->grid_cell_km = in.grid_cell_km();
}

// Course units by the level a step reaches (index A0..C2; A0 stays 0).
void ApplyUnits(const pb::CourseUnits& in,
                const std::string& file,
                const char* field,
                std::array<int32_t, kNumCefrLevels>* out,
                std::vector<Diagnostic>* problems) {
  const std::array<std::pair<bool, int32_t>, 6> given = {{{in.has_a1(), in.a1()},
                                                          {in.has_a2(), in.a2()},
                                                          {in.has_b1(), in.b1()},
                                                          {in.has_b2(), in.b2()},
                                                          {in.has_c1(), in.c1()},
                                                          {in.has_c2(), in.c2()}}};
  for (size_t i = 0; i < given.size(); ++i) {
    if (!given[i].first) continue;
    if (given[i].second < 0) {
      problems->push_back(Diagnostic{
          file,
          0,
          std::string(field) + "." + std::string(CefrName(static_cast<CefrLevel>(i + 1))),
          std::to_string(given[i].second),
          "expected 0 (not taught) or more units"});
      continue;
    }
    (*out)[i + 1] = given[i].second;
  }
}

void ApplyCourseUnits(const pb::Scoring& in,
                      const std::string& file,
                      ScoringOptions* out,
                      std::vector<Diagnostic>* problems) {
  if (in.has_integration_course_units()) {
    ApplyUnits(in.integration_course_units(),
               file,
               "scoring.integration_course_units",
               &out->integration_course_units,
               problems);
  }
  if (in.has_job_german_course_units()) {
    ApplyUnits(in.job_german_course_units(),
               file,
               "scoring.job_german_course_units",
               &out->job_german_course_units,
               problems);
  }
  if (in.has_course_lessons_per_week()) {
    if (in.course_lessons_per_week() < 1) {
      problems->push_back(Diagnostic{file,
                                     0,
                                     "scoring.course_lessons_per_week",
                                     std::to_string(in.course_lessons_per_week()),
                                     "expected 1 or more units a week"});
    } else {
      out->course_lessons_per_week = in.course_lessons_per_week();
    }
  }
}

// Pathway rows: goal names are parsed here and nowhere else.
void ApplyPathways(const pb::Scoring& in,
                   const std::string& file,
                   ScoringOptions* out,
                   std::vector<Diagnostic>* problems) {
  for (const pb::Pathway& row : in.pathway()) {
    int goal = -1;
    if (row.goal() == "job") goal = static_cast<int>(Goal::kJob);
    if (row.goal() == "training") goal = static_cast<int>(Goal::kTraining);
    if (row.goal() == "internship") goal = static_cast<int>(Goal::kInternship);
    if (goal < 0) {
      problems->push_back(Diagnostic{
          file, 0, "scoring.pathway.goal", row.goal(), "expected job, training or internship"});
      continue;
    }
    out->pathways.rules[static_cast<size_t>(goal)][row.qualified() ? 1 : 0] =
        PathwayRule{row.job(), row.training(), row.internship()};
  }
}

// A programme block: statuses and levels are parsed here and nowhere else.
void ApplyProgramme(const pb::Programme& in,
                    const std::string& file,
                    ProgrammeRules* out,
                    std::vector<Diagnostic>* problems) {
  out->name = in.name();
  if (in.has_min_german()) {
    const std::optional<CefrLevel> level = ParseCefr(in.min_german());
    if (level) {
      out->min_german = *level;
    } else {
      problems->push_back(
          Diagnostic{file, 0, "programme.min_german", in.min_german(), "expected A0 to C2"});
    }
  }
  if (in.has_max_years_in_germany()) {
    if (in.max_years_in_germany() < 0) {
      problems->push_back(Diagnostic{file,
                                     0,
                                     "programme.max_years_in_germany",
                                     std::to_string(in.max_years_in_germany()),
                                     "expected 0 (no limit) or more"});
    } else {
      out->max_years_in_germany = in.max_years_in_germany();
    }
  }
  auto status_bit = [&](const std::string& text, const char* field) -> uint32_t {
    const std::optional<ResidenceStatus> status = ParseResidenceStatus(text);
    if (!status || *status == ResidenceStatus::kUnknown) {
      problems->push_back(
          Diagnostic{file,
                     0,
                     field,
                     text,
                     "expected anerkannt, 104c, gestattet, geduldet, geduldet_60a6 or sonstiges"});
      return 0;
    }
    return 1u << static_cast<int>(*status);
  };
  if (in.admit_residence_status_size() > 0) {
    uint32_t admitted = 1u << static_cast<int>(ResidenceStatus::kUnknown);
    for (const std::string& s : in.admit_residence_status()) {
      admitted |= status_bit(s, "programme.admit_residence_status");
    }
    out->admitted_statuses = admitted;
  }
  for (const std::string& s : in.exclude_residence_status()) {
    out->admitted_statuses &= ~status_bit(s, "programme.exclude_residence_status");
  }
  if (in.has_require_sgb2_benefits()) out->require_sgb2_benefits = in.require_sgb2_benefits();
  for (const pb::Country& c : in.safe_country_of_origin()) {
    if (c.code().empty() && c.name().empty()) {
      problems->push_back(
          Diagnostic{file, 0, "programme.safe_country_of_origin", "", "expected a code or a name"});
      continue;
    }
    if (!c.code().empty()) out->excluded_countries.push_back(FoldCountry(c.code()));
    if (!c.name().empty()) out->excluded_countries.push_back(FoldCountry(c.name()));
  }
  if (in.safe_country_of_origin_size() > 0 && in.safe_country_source().empty()) {
    problems->push_back(Diagnostic{file,
                                   0,
                                   "programme.safe_country_source",
                                   "",
                                   "expected the legal source of the safe-country list"});
  }
  std::sort(out->excluded_countries.begin(), out->excluded_countries.end());
  if (in.has_internship_goal_internships_only()) {
    out->internship_goal_internships_only = in.internship_goal_internships_only();
  }
  if (in.has_unqualified_into_training()) {
    out->unqualified_into_training = in.unqualified_into_training();
  }
  if (in.has_no_helper_jobs_for_qualified()) {
    out->no_helper_jobs_for_qualified = in.no_helper_jobs_for_qualified();
  }
  if (in.has_helper_jobs_as_fallback()) out->helper_jobs_as_fallback = in.helper_jobs_as_fallback();
  if (out->helper_jobs_as_fallback && !out->no_helper_jobs_for_qualified) {
    problems->push_back(Diagnostic{file,
                                   0,
                                   "programme.helper_jobs_as_fallback",
                                   "true",
                                   "expected no_helper_jobs_for_qualified: true with it"});
  }
  if (in.has_internship_before_job()) out->internship_before_job = in.internship_before_job();
}

void Apply(const pb::Candidates& in,
           const std::string& file,
           CandidateOptions* out,
           std::vector<Diagnostic>* problems) {
  if (in.has_max_arcs_per_participant()) {
    out->max_arcs_per_participant = in.max_arcs_per_participant();
  }
  if (in.has_employer_cap()) {
    std::array<double, 4> caps{};
    for (size_t i = 0; i < 4; ++i) caps[i] = out->employer_cap_by_size[i];
    Apply(in.employer_cap(), &caps);
    const char* classes[] = {"micro", "small", "medium", "large"};
    for (size_t i = 0; i < 4; ++i) {
      // Checked before the cast, which would be undefined out of range.
      if (!(caps[i] >= 0.0 && caps[i] <= kMaxEmployerCap && std::floor(caps[i]) == caps[i])) {
        std::ostringstream value;
        value << caps[i];
        problems->push_back(Diagnostic{file,
                                       0,
                                       std::string("candidates.employer_cap.") + classes[i],
                                       value.str(),
                                       "expected a whole number from 0 to 1000000 (0: no cap)"});
        continue;
      }
      out->employer_cap_by_size[i] = static_cast<int32_t>(caps[i]);
    }
  }
}

// Enum strings are parsed here and nowhere else.
bool ParseSolver(const std::string& name, AssignmentSolver* out) {
  if (name == "network_simplex") {
    *out = AssignmentSolver::kNetworkSimplex;
    return true;
  }
  if (name == "boost") {
    *out = AssignmentSolver::kBoost;
    return true;
  }
  return false;
}

const std::set<std::string>& DatasetFiles() {
  static const std::set<std::string> kFiles = {
      "participants", "vacancies", "employers", "coordinators", "courses", "history"};
  return kFiles;
}

std::string Num(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

std::vector<Diagnostic> Validate(const EngineConfig& config, const std::string& file) {
  std::vector<Diagnostic> problems;
  auto bad = [&](const std::string& field, const std::string& value, const std::string& expected) {
    problems.push_back(Diagnostic{file, 0, field, value, "expected " + expected});
  };
  const ScoringOptions& s = config.scoring;
  const std::pair<const char*, double> weights[] = {{"skill", s.weights.skill},
                                                    {"german", s.weights.german},
                                                    {"commute", s.weights.commute},
                                                    {"micro", s.weights.micro}};
  double weight_sum = 0.0;
  for (const auto& [name, value] : weights) {
    if (!(value >= 0.0) || !std::isfinite(value)) {
      bad(std::string("scoring.weights.") + name, Num(value), "a finite weight >= 0");
    } else {
      weight_sum += value;
    }
  }
  if (!(weight_sum > 0.0))
    bad("scoring.weights", Num(weight_sum), "weights that sum to more than 0");
  if (s.top_k < 1 || s.top_k > kMaxTopK) {
    bad("scoring.top_k", Num(s.top_k), "1 to " + Num(kMaxTopK));
  }
  if (config.decisions.accepted_hold_days < 0) {
    bad("decisions.accepted_hold_days", Num(config.decisions.accepted_hold_days), "days >= 0");
  }
  if (config.decisions.follow_up_days < 0) {
    bad("decisions.follow_up_days", Num(config.decisions.follow_up_days), "days >= 0");
  }
  if (!(config.capacity.intake_per_fte_year >= 0.0) ||
      !std::isfinite(config.capacity.intake_per_fte_year)) {
    bad("capacity.intake_per_fte_year",
        Num(config.capacity.intake_per_fte_year),
        "a finite number of people >= 0");
  }
  if (config.capacity.cycle_weeks < 1 || config.capacity.cycle_weeks > 52) {
    bad("capacity.cycle_weeks", Num(config.capacity.cycle_weeks), "1 to 52 weeks");
  }
  if (!(config.capacity.follow_up_weight >= 0.0 && config.capacity.follow_up_weight <= 1.0)) {
    bad("capacity.follow_up_weight", Num(config.capacity.follow_up_weight), "a share in [0, 1]");
  }
  if (!(s.min_score >= 0.0 && s.min_score <= 1.0)) {
    bad("scoring.min_score", Num(s.min_score), "a score in [0, 1]");
  }
  if (!(s.optional_skill_share >= 0.0 && s.optional_skill_share <= 1.0)) {
    bad("scoring.optional_skill_share", Num(s.optional_skill_share), "a share in [0, 1]");
  }
  if (s.german_tolerance_levels < 0 || s.german_tolerance_levels > 6) {
    bad("scoring.german_tolerance_levels", Num(s.german_tolerance_levels), "0 to 6 levels");
  }
  if (!(s.german_penalty_per_level >= 0.0 && s.german_penalty_per_level <= 1.0)) {
    bad("scoring.german_penalty_per_level", Num(s.german_penalty_per_level), "a value in [0, 1]");
  }
  if (s.course_horizon_weeks < 0 || s.course_horizon_weeks > kMaxCourseHorizonWeeks) {
    bad("scoring.course_horizon_weeks",
        Num(s.course_horizon_weeks),
        "0 to " + Num(kMaxCourseHorizonWeeks) + " weeks");
  }
  const std::pair<const char*, double> speeds[] = {
      {"scoring.car_speed_kmh", s.car_speed_kmh},
      {"scoring.transit_speed_kmh", s.transit_speed_kmh}};
  for (const auto& [name, value] : speeds) {
    if (!(value > 0.0 && value <= 200.0)) bad(name, Num(value), "a speed in (0, 200] km/h");
  }
  if (!(s.road_detour_factor >= 1.0 && s.road_detour_factor <= 5.0)) {
    bad("scoring.road_detour_factor", Num(s.road_detour_factor), "a factor in [1, 5]");
  }
  if (!(s.transit_wait_minutes >= 0.0 && s.transit_wait_minutes <= 120.0)) {
    bad("scoring.transit_wait_minutes", Num(s.transit_wait_minutes), "minutes in [0, 120]");
  }
  if (s.default_commute_minutes_long_day < 1 || s.default_commute_minutes_long_day > 300) {
    bad("scoring.default_commute_minutes_long_day",
        Num(s.default_commute_minutes_long_day),
        "minutes in [1, 300]");
  }
  if (s.default_commute_minutes_short_day < 1 || s.default_commute_minutes_short_day > 300) {
    bad("scoring.default_commute_minutes_short_day",
        Num(s.default_commute_minutes_short_day),
        "minutes in [1, 300]");
  }
  if (!(s.long_day_hours_per_week > 0.0 && s.long_day_hours_per_week <= 80.0)) {
    bad("scoring.long_day_hours_per_week", Num(s.long_day_hours_per_week), "hours in (0, 80]");
  }
  if (!(s.hours_tolerance >= 0.0 && s.hours_tolerance <= 80.0)) {
    bad("scoring.hours_tolerance", Num(s.hours_tolerance), "hours in [0, 80]");
  }
  const char* classes[] = {"micro", "small", "medium", "large"};
  for (size_t i = 0; i < 4; ++i) {
    const double v = s.size_class_bonus[i];
    if (!(v >= 0.0 && v <= 1.0)) {
      bad(std::string("scoring.size_class_bonus.") + classes[i], Num(v), "a bonus in [0, 1]");
    }
    if (config.candidates.employer_cap_by_size[i] < 0 ||
        config.candidates.employer_cap_by_size[i] > kMaxEmployerCap) {
      bad(std::string("candidates.employer_cap.") + classes[i],
          Num(config.candidates.employer_cap_by_size[i]),
          "a whole number from 0 to 1000000 (0: no cap)");
    }
  }
  if (s.unqualified_max_requirement_level < 1 || s.unqualified_max_requirement_level > 4) {
    bad("scoring.unqualified_max_requirement_level",
        Num(s.unqualified_max_requirement_level),
        "a KldB requirement level 1 to 4");
  }
  if (s.block_size < 1 || s.block_size > kMaxBlockSize) {
    bad("scoring.block_size", Num(s.block_size), "1 to " + Num(kMaxBlockSize));
  }
  if (!(s.skill_fit_without_requirements >= 0.0 && s.skill_fit_without_requirements <= 1.0)) {
    bad("scoring.skill_fit_without_requirements",
        Num(s.skill_fit_without_requirements),
        "a value in [0, 1]");
  }
  const char* floors[] = {"unit_group", "minor_group", "sub_major_group"};
  for (size_t i = 0; i < 3; ++i) {
    if (!(s.isco_group_floor[i] >= 0.0 && s.isco_group_floor[i] <= 1.0)) {
      bad(std::string("scoring.isco_group_floor.") + floors[i],
          Num(s.isco_group_floor[i]),
          "a floor in [0, 1]");
    }
  }
  if (!(s.requirement_penalty_per_level >= 0.0 && s.requirement_penalty_per_level <= 1.0)) {
    bad("scoring.requirement_penalty_per_level",
        Num(s.requirement_penalty_per_level),
        "a value in [0, 1]");
  }
  if (s.unrecognised_qualification_levels < 0 || s.unrecognised_qualification_levels > 3) {
    bad("scoring.unrecognised_qualification_levels",
        Num(s.unrecognised_qualification_levels),
        "0 to 3 levels");
  }
  if (s.course_bridge_max_levels < 0 || s.course_bridge_max_levels > 6) {
    bad("scoring.course_bridge_max_levels", Num(s.course_bridge_max_levels), "0 to 6 levels");
  }
  if (!(s.course_bridge_german_fit >= 0.0 && s.course_bridge_german_fit <= 1.0)) {
    bad("scoring.course_bridge_german_fit", Num(s.course_bridge_german_fit), "a value in [0, 1]");
  }
  if (!(s.grid_cell_km >= 0.5 && s.grid_cell_km <= 500.0)) {
    bad("scoring.grid_cell_km", Num(s.grid_cell_km), "a cell size in [0.5, 500] km");
  }
  if (config.candidates.max_arcs_per_participant < 1 ||
      config.candidates.max_arcs_per_participant > kMaxArcsPerParticipant) {
    bad("candidates.max_arcs_per_participant",
        Num(config.candidates.max_arcs_per_participant),
        "1 to " + Num(kMaxArcsPerParticipant));
  }
  const AssignmentOptions& a = config.assignment;
  if (!(a.placement_value >= 0.0 && a.placement_value <= 1e6)) {
    bad("assignment.placement_value", Num(a.placement_value), "a value in [0, 1e6]");
  }
  if (!(a.keep_bonus >= 0.0 && a.keep_bonus <= 1.0)) {
    bad("assignment.keep_bonus", Num(a.keep_bonus), "a value in [0, 1]");
  }
  if (a.cost_resolution < 1 || a.cost_resolution > 1'000'000'000) {
    bad("assignment.cost_resolution",
        Num(static_cast<double>(a.cost_resolution)),
        "an integer in [1, 1e9]");
  }
  if (config.proposals.alternatives < 0 || config.proposals.alternatives > 50) {
    bad("proposals.alternatives", Num(config.proposals.alternatives), "0 to 50");
  }
  if (config.loader.max_problems < 1) {
    bad("loader.max_problems", Num(config.loader.max_problems), "at least 1");
  }
  for (const auto& [stem, headers] : config.loader.column_map) {
    if (!DatasetFiles().contains(stem)) {
      bad("column_map.file",
          stem,
          "one of participants, vacancies, employers, coordinators, courses, history");
    }
  }
  for (const auto* extra : {&config.loader.keep_columns, &config.loader.ignore_columns}) {
    const char* field = extra == &config.loader.keep_columns ? "loader.keep_column.file"
                                                             : "loader.ignore_column.file";
    for (const auto& [stem, headers] : *extra) {
      if (!DatasetFiles().contains(stem)) {
        bad(field,
            stem,
            "one of participants, vacancies, employers, coordinators, courses, history");
      }
    }
  }
  for (const auto& [stem, headers] : config.loader.keep_columns) {
    const auto ignored = config.loader.ignore_columns.find(stem);
    if (ignored == config.loader.ignore_columns.end()) continue;
    for (const std::string& header : headers) {
      if (ignored->second.contains(header)) {
        bad("loader.keep_column", header, "a header either kept or ignored, not both");
      }
    }
  }
  return problems;
}

namespace {

Result<EngineConfig> ParseConfigText(const std::string& text, const std::string& file) {
  pb::Config message;
  google::protobuf::TextFormat::Parser parser;
  Collector collector(file);
  parser.RecordErrorsTo(&collector);
  if (!parser.ParseFromString(text, &message)) {
    Error error;
    error.kind = ErrorKind::kBadData;
    error.diagnostics = std::move(collector.diagnostics());
    if (error.diagnostics.empty()) {
      error.diagnostics.push_back(
          Diagnostic{file, 0, "", "", "not a valid config (protobuf text format)"});
    }
    return error;
  }

  EngineConfig config;
  std::vector<Diagnostic> problems;
  if (message.has_scoring()) {
    Apply(message.scoring(), &config.scoring);
    ApplyPathways(message.scoring(), file, &config.scoring, &problems);
    ApplyCourseUnits(message.scoring(), file, &config.scoring, &problems);
  }
  if (message.has_programme()) {
    ApplyProgramme(message.programme(), file, &config.scoring.programme, &problems);
  }
  if (message.has_candidates()) {
    Apply(message.candidates(), file, &config.candidates, &problems);
  }
  if (message.has_assignment()) {
    const pb::Assignment& a = message.assignment();
    if (a.has_placement_value()) config.assignment.placement_value = a.placement_value();
    if (a.has_cost_resolution()) config.assignment.cost_resolution = a.cost_resolution();
    if (a.has_keep_bonus()) config.assignment.keep_bonus = a.keep_bonus();
    if (a.has_solver() && !ParseSolver(a.solver(), &config.assignment.solver)) {
      problems.push_back(Diagnostic{
          file, 0, "assignment.solver", a.solver(), "expected network_simplex or boost"});
    }
  }
  if (message.has_proposals() && message.proposals().has_alternatives()) {
    config.proposals.alternatives = message.proposals().alternatives();
  }
  if (message.has_loader() && message.loader().has_max_problems()) {
    config.loader.max_problems = message.loader().max_problems();
  }
  if (message.has_loader()) {
    const pb::Loader& l = message.loader();
    if (l.has_unknown_columns_are_errors()) {
      config.loader.unknown_columns_are_errors = l.unknown_columns_are_errors();
    }
    const auto add = [&](const pb::ExtraColumn& c,
                         const char* field,
                         std::map<std::string, std::set<std::string>>& into) {
      if (c.file().empty() || c.header().empty()) {
        problems.push_back(
            Diagnostic{file, 0, field, c.ShortDebugString(), "expected file and header both set"});
        return;
      }
      into[c.file()].insert(c.header());
    };
    for (const pb::ExtraColumn& c : l.keep_column()) {
      add(c, "loader.keep_column", config.loader.keep_columns);
    }
    for (const pb::ExtraColumn& c : l.ignore_column()) {
      add(c, "loader.ignore_column", config.loader.ignore_columns);
    }
  }
  if (message.has_decisions()) {
    const pb::Decisions& d = message.decisions();
    if (d.has_accepted_hold_days()) config.decisions.accepted_hold_days = d.accepted_hold_days();
    if (d.has_follow_up_days()) config.decisions.follow_up_days = d.follow_up_days();
  }
  if (message.has_capacity()) {
    const pb::Capacity& c = message.capacity();
    if (c.has_intake_per_fte_year()) config.capacity.intake_per_fte_year = c.intake_per_fte_year();
    if (c.has_cycle_weeks()) config.capacity.cycle_weeks = c.cycle_weeks();
    if (c.has_follow_up_weight()) config.capacity.follow_up_weight = c.follow_up_weight();
  }
  for (const pb::ColumnMapping& m : message.column_map()) {
    if (m.file().empty() || m.header().empty() || m.column().empty()) {
      problems.push_back(Diagnostic{
          file, 0, "column_map", m.ShortDebugString(), "expected file, header and column all set"});
      continue;
    }
    auto& headers = config.loader.column_map[m.file()];
    if (!headers.emplace(m.header(), m.column()).second) {
      problems.push_back(Diagnostic{
          file, 0, "column_map.header", m.header(), "expected each header mapped once per file"});
    }
  }
  std::vector<Diagnostic> invalid = Validate(config, file);
  problems.insert(problems.end(), invalid.begin(), invalid.end());
  if (!problems.empty()) {
    Error error;
    error.kind = ErrorKind::kBadData;
    error.diagnostics = std::move(problems);
    return error;
  }
  return config;
}

}  // namespace

Result<EngineConfig> ParseConfig(const std::string& text, const std::string& file) {
  try {
    return ParseConfigText(text, file);
  } catch (const std::exception& e) {  // allocation failure or a library's exception
    return MakeError(ErrorKind::kInternal,
                     file,
                     0,
                     "",
                     "",
                     std::string("unexpected failure while reading the config: ") + e.what());
  }
}

Result<EngineConfig> LoadConfig(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return MakeError(ErrorKind::kMissingInput, file.string(), 0, "", "", "config file not found");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return MakeError(ErrorKind::kMissingInput, file.string(), 0, "", "", "cannot open config file");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseConfig(buffer.str(), file.string());
}

}  // namespace jobmatch

#include "config/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace jobmatch {
namespace {

using ::testing::HasSubstr;

std::string Fields(const Error& error) {
  std::string out;
  for (const Diagnostic& d : error.diagnostics) out += d.field + ";";
  return out;
}

TEST(LoadConfig, TheShippedConfigEqualsTheBuiltInDefaults) {
  const Result<EngineConfig> loaded =
      LoadConfig(std::string(JOBMATCH_SOURCE_DIR) + "/config/jobmatch.txtpb");
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  const EngineConfig& c = loaded.value();
  const EngineConfig d;
  // Every field, by the defaulted operator== of each option struct; the
  // message names the part that differs.
  EXPECT_EQ(c.scoring.weights == d.scoring.weights, true) << "scoring.weights";
  EXPECT_EQ(c.scoring.pathways == d.scoring.pathways, true) << "scoring.pathway";
  EXPECT_EQ(c.scoring == d.scoring, true) << "scoring";
  EXPECT_EQ(c.candidates == d.candidates, true) << "candidates";
  EXPECT_EQ(c.assignment == d.assignment, true) << "assignment";
  EXPECT_EQ(c.proposals == d.proposals, true) << "proposals";
  EXPECT_EQ(c.loader == d.loader, true) << "loader";
  EXPECT_TRUE(c == d);
}

TEST(EngineConfig, EqualityCoversEveryOptionStruct) {
  const EngineConfig d;
  EngineConfig changed = d;
  changed.scoring.grid_cell_km += 1.0;
  EXPECT_FALSE(changed == d);
  changed = d;
  changed.scoring.pathways.rules[2][1].job = !changed.scoring.pathways.rules[2][1].job;
  EXPECT_FALSE(changed == d);
  changed = d;
  changed.candidates.employer_cap_by_size[3] = 7;
  EXPECT_FALSE(changed == d);
  changed = d;
  changed.assignment.solver = AssignmentSolver::kBoost;
  EXPECT_FALSE(changed == d);
  changed = d;
  changed.proposals.alternatives += 1;
  EXPECT_FALSE(changed == d);
  changed = d;
  changed.loader.column_map["participants"]["PLZ"] = "place";
  EXPECT_FALSE(changed == d);
}

TEST(ParseConfig, AbsentFieldsKeepDefaultsAndPresentOnesOverride) {
  const Result<EngineConfig> parsed = ParseConfig(
      "scoring { weights { micro: 0.3 } top_k: 5 }\n"
      "assignment { solver: \"boost\" placement_value: 0 }\n"
      "candidates { employer_cap { micro: 2 } }\n",
      "x.txtpb");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  const EngineConfig& c = parsed.value();
  EXPECT_EQ(c.scoring.weights.micro, 0.3);
  EXPECT_EQ(c.scoring.weights.skill, ScoringWeights{}.skill);
  EXPECT_EQ(c.scoring.top_k, 5);
  EXPECT_EQ(c.assignment.solver, AssignmentSolver::kBoost);
  EXPECT_EQ(c.assignment.placement_value, 0.0);
  EXPECT_EQ(c.candidates.employer_cap_by_size[0], 2);
  EXPECT_EQ(c.candidates.employer_cap_by_size[1], 0);
}

TEST(ParseConfig, ASyntaxErrorNamesFileLineAndColumn) {
  const Result<EngineConfig> parsed = ParseConfig("scoring {\n  top_k: five\n}\n", "cfg.txtpb");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().kind, ErrorKind::kBadData);
  ASSERT_FALSE(parsed.error().diagnostics.empty());
  const Diagnostic& d = parsed.error().diagnostics[0];
  EXPECT_EQ(d.file, "cfg.txtpb");
  EXPECT_EQ(d.line, 2);
  EXPECT_THAT(d.message, HasSubstr("column"));
}

TEST(ParseConfig, AnUnknownFieldIsAnErrorNotIgnored) {
  const Result<EngineConfig> parsed =
      ParseConfig("scoring { weigths { skill: 1 } }\n", "cfg.txtpb");
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(parsed.error().ToString(), HasSubstr("weigths"));
}

TEST(ParseConfig, ReportsEveryBadValueAtOnce) {
  const Result<EngineConfig> parsed = ParseConfig(
      "scoring { weights { skill: -1 } top_k: 0 transit_speed_kmh: 0 "
      "size_class_bonus { small: 1.5 } }\n"
      "assignment { solver: \"simplex\" cost_resolution: 0 }\n",
      "cfg.txtpb");
  ASSERT_FALSE(parsed.ok());
  const std::string fields = Fields(parsed.error());
  EXPECT_THAT(fields, HasSubstr("scoring.weights.skill;"));
  EXPECT_THAT(fields, HasSubstr("scoring.top_k;"));
  EXPECT_THAT(fields, HasSubstr("scoring.transit_speed_kmh;"));
  EXPECT_THAT(fields, HasSubstr("scoring.size_class_bonus.small;"));
  EXPECT_THAT(fields, HasSubstr("assignment.solver;"));
  EXPECT_THAT(fields, HasSubstr("assignment.cost_resolution;"));
  EXPECT_EQ(parsed.error().diagnostics.size(), 6u);
}

TEST(ParseConfig, APathwayRowReplacesThatCellOfTheTable) {
  const Result<EngineConfig> parsed = ParseConfig(
      "scoring { pathway { goal: \"training\" qualified: true job: true training: true "
      "internship: false } }",
      "cfg.txtpb");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  const PathwayRule& rule =
      parsed.value().scoring.pathways.rules[static_cast<size_t>(Goal::kTraining)][1];
  EXPECT_TRUE(rule.job);
  EXPECT_TRUE(rule.training);
  EXPECT_FALSE(rule.internship);
  const PathwayRule& untouched =
      parsed.value().scoring.pathways.rules[static_cast<size_t>(Goal::kJob)][0];
  EXPECT_TRUE(untouched.training);
}

TEST(ParseConfig, AnUnknownPathwayGoalIsRejected) {
  const Result<EngineConfig> parsed =
      ParseConfig("scoring { pathway { goal: \"Arbeit\" job: true } }", "cfg.txtpb");
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(Fields(parsed.error()), HasSubstr("scoring.pathway.goal;"));
}

TEST(ParseConfig, AllWeightsZeroIsRejected) {
  const Result<EngineConfig> parsed =
      ParseConfig("scoring { weights { skill: 0 german: 0 commute: 0 micro: 0 } }", "cfg.txtpb");
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(Fields(parsed.error()), HasSubstr("scoring.weights;"));
}

TEST(ParseConfig, ColumnMapEntriesReachTheLoaderOptions) {
  const Result<EngineConfig> parsed = ParseConfig(
      "column_map { file: \"participants\" header: \"Wohnort PLZ\" column: \"place\" }\n"
      "column_map { file: \"vacancies\" header: \"Stelle\" column: \"title\" }\n",
      "cfg.txtpb");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(parsed.value().loader.column_map.at("participants").at("Wohnort PLZ"), "place");
  EXPECT_EQ(parsed.value().loader.column_map.at("vacancies").at("Stelle"), "title");
}

TEST(ParseConfig, ColumnMapForAnUnknownFileIsRejected) {
  const Result<EngineConfig> parsed = ParseConfig(
      "column_map { file: \"teilnehmer\" header: \"PLZ\" column: \"place\" }\n", "cfg.txtpb");
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(Fields(parsed.error()), HasSubstr("column_map.file;"));
}

TEST(ParseConfig, ExtraColumnDeclarationsReachTheLoaderOptions) {
  const Result<EngineConfig> parsed = ParseConfig(
      "loader {\n"
      "  unknown_columns_are_errors: true\n"
      "  keep_column { file: \"participants\" header: \"Telefon\" }\n"
      "  keep_column { file: \"participants\" header: \"Name\" }\n"
      "  ignore_column { file: \"vacancies\" header: \"Interne Nummer\" }\n"
      "}\n",
      "cfg.txtpb");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  const LoaderOptions& loader = parsed.value().loader;
  EXPECT_TRUE(loader.unknown_columns_are_errors);
  EXPECT_EQ(loader.keep_columns.at("participants"), (std::set<std::string>{"Name", "Telefon"}));
  EXPECT_EQ(loader.ignore_columns.at("vacancies"), (std::set<std::string>{"Interne Nummer"}));
  EXPECT_FALSE(LoaderOptions{}.unknown_columns_are_errors);  // kept by default
}

TEST(ParseConfig, ExtraColumnDeclarationsNameAFileAndAreEitherKeptOrIgnored) {
  const Result<EngineConfig> parsed = ParseConfig(
      "loader {\n"
      "  keep_column { file: \"teilnehmer\" header: \"Name\" }\n"
      "  keep_column { file: \"participants\" header: \"Notiz\" }\n"
      "  ignore_column { file: \"participants\" header: \"Notiz\" }\n"
      "  ignore_column { header: \"Telefon\" }\n"
      "}\n",
      "cfg.txtpb");
  ASSERT_FALSE(parsed.ok());
  const std::string fields = Fields(parsed.error());
  EXPECT_THAT(fields, HasSubstr("loader.keep_column.file;"));
  EXPECT_THAT(fields, HasSubstr("loader.keep_column;"));
  EXPECT_THAT(fields, HasSubstr("loader.ignore_column;"));
}

TEST(ParseConfig, RefusesAbsurdValuesThatWouldOverflowTheEngine) {
  struct Case {
    const char* text;
    const char* field;
  };
  for (const Case& c : {
           Case{"scoring { course_horizon_weeks: 2147483647 }", "scoring.course_horizon_weeks"},
           Case{"scoring { course_horizon_weeks: 521 }", "scoring.course_horizon_weeks"},
           Case{"scoring { top_k: 100001 }", "scoring.top_k"},
           Case{"scoring { block_size: 2147483647 }", "scoring.block_size"},
           Case{"scoring { hours_tolerance: 1e300 }", "scoring.hours_tolerance"},
           Case{"candidates { max_arcs_per_participant: 100001 }",
                "candidates.max_arcs_per_participant"},
           Case{"candidates { employer_cap { micro: 1e300 } }", "candidates.employer_cap.micro"},
           Case{"candidates { employer_cap { small: 2.5 } }", "candidates.employer_cap.small"},
           Case{"candidates { employer_cap { large: 1000001 } }", "candidates.employer_cap.large"},
       }) {
    const Result<EngineConfig> parsed = ParseConfig(c.text, "cfg.txtpb");
    ASSERT_FALSE(parsed.ok()) << c.text;
    ASSERT_EQ(parsed.error().diagnostics.size(), 1U) << parsed.error().ToString();
    EXPECT_EQ(parsed.error().diagnostics[0].field, c.field) << c.text;
  }
  for (const char* text :
       {"scoring { course_horizon_weeks: 520 top_k: 100000 block_size: 1048576 }",
        "candidates { max_arcs_per_participant: 100000 }",
        "candidates { employer_cap { micro: 1000000 } }"}) {
    const Result<EngineConfig> parsed = ParseConfig(text, "cfg.txtpb");
    EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error().ToString();
  }
}

TEST(LoadConfig, AMissingFileIsMissingInput) {
  const Result<EngineConfig> loaded = LoadConfig("/nonexistent/jobmatch.txtpb");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::kMissingInput);
}

// The shipped programme profiles load and encode their rules.
TEST(LoadConfig, TheShippedProgrammeProfilesLoadWithTheirRules) {
  const std::filesystem::path dir =
      std::filesystem::path(JOBMATCH_SOURCE_DIR) / "examples/programmes";
  const Result<EngineConfig> joko = LoadConfig(dir / "joko.txtpb");
  ASSERT_TRUE(joko.ok());
  EXPECT_TRUE(joko.value().scoring.programme.require_sgb2_benefits);
  EXPECT_EQ(joko.value().scoring.programme.admitted_statuses,
            1u << static_cast<int>(ResidenceStatus::kUnknown) |
                1u << static_cast<int>(ResidenceStatus::kRecognised) |
                1u << static_cast<int>(ResidenceStatus::kPermit104c));
  const Result<EngineConfig> saxony = LoadConfig(dir / "saxony-mentors.txtpb");
  ASSERT_TRUE(saxony.ok());
  EXPECT_EQ(saxony.value().scoring.programme.max_years_in_germany, 5);
  EXPECT_TRUE(saxony.value().scoring.programme.unqualified_into_training);
  EXPECT_TRUE(saxony.value().scoring.programme.no_helper_jobs_for_qualified);
  EXPECT_FALSE(saxony.value().scoring.programme.helper_jobs_as_fallback);
  EXPECT_FALSE(saxony.value().scoring.programme.internship_before_job);
  const Result<EngineConfig> turbo = LoadConfig(dir / "job-turbo.txtpb");
  ASSERT_TRUE(turbo.ok());
  EXPECT_TRUE(turbo.value().scoring.programme.require_sgb2_benefits);
  EXPECT_TRUE(turbo.value().scoring.programme.internship_before_job);
  EXPECT_FALSE(turbo.value().scoring.programme.unqualified_into_training);
  for (const Result<EngineConfig>* c : {&joko, &saxony, &turbo}) {
    EXPECT_TRUE(c->value().scoring.programme.internship_goal_internships_only);
  }
  const Result<EngineConfig> leipzig = LoadConfig(dir / "leipzig-mentors.txtpb");
  ASSERT_TRUE(leipzig.ok());
  const ProgrammeRules& rules = leipzig.value().scoring.programme;
  EXPECT_EQ(rules.min_german, CefrLevel::kA2);
  EXPECT_EQ((rules.admitted_statuses >> static_cast<int>(ResidenceStatus::kTolerated60a6)) & 1u,
            0u);
  EXPECT_EQ((rules.admitted_statuses >> static_cast<int>(ResidenceStatus::kTolerated)) & 1u, 1u);
  EXPECT_EQ(rules.excluded_countries.size(), 20u);
  Participant serbian;
  serbian.german = CefrLevel::kB1;
  serbian.country_of_origin = "Serbien";
  EXPECT_EQ(ProgrammeFailures(serbian, rules, std::nullopt),
            1u << static_cast<int>(ExclusionReason::kSafeCountryOfOrigin));
}

TEST(ParseConfig, AProgrammeWithAnUnknownStatusOrLevelIsBadData) {
  const Result<EngineConfig> status =
      ParseConfig("programme { admit_residence_status: \"vielleicht\" }", "p.txtpb");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::kBadData);
  EXPECT_FALSE(ParseConfig("programme { min_german: \"D4\" }", "p.txtpb").ok());
  EXPECT_FALSE(ParseConfig("programme { max_years_in_germany: -1 }", "p.txtpb").ok());
  // A helper-job fallback without the rule it relaxes, negative course units
  // and a course week without units are refused.
  EXPECT_FALSE(ParseConfig("programme { helper_jobs_as_fallback: true }", "p.txtpb").ok());
  EXPECT_TRUE(
      ParseConfig("programme { no_helper_jobs_for_qualified: true helper_jobs_as_fallback: true }",
                  "p.txtpb")
          .ok());
  const Result<EngineConfig> units =
      ParseConfig("scoring { job_german_course_units { b2: -1 } }", "p.txtpb");
  ASSERT_FALSE(units.ok());
  EXPECT_THAT(Fields(units.error()), HasSubstr("scoring.job_german_course_units.B2;"));
  EXPECT_FALSE(ParseConfig("scoring { course_lessons_per_week: 0 }", "p.txtpb").ok());
  const Result<EngineConfig> b2_500 =
      ParseConfig("scoring { job_german_course_units { b2: 500 } }", "p.txtpb");
  ASSERT_TRUE(b2_500.ok());
  EXPECT_EQ(b2_500.value().scoring.job_german_course_units[static_cast<size_t>(CefrLevel::kB2)],
            500);
  EXPECT_EQ(b2_500.value().scoring.job_german_course_units[static_cast<size_t>(CefrLevel::kC1)],
            400);
  // A safe-country list without its legal source is refused.
  EXPECT_FALSE(
      ParseConfig("programme { safe_country_of_origin { code: \"RS\" } }", "p.txtpb").ok());
}

}  // namespace
}  // namespace jobmatch

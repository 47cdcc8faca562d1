#include "config/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
  EXPECT_EQ(c.scoring.weights.skill, d.scoring.weights.skill);
  EXPECT_EQ(c.scoring.weights.german, d.scoring.weights.german);
  EXPECT_EQ(c.scoring.weights.commute, d.scoring.weights.commute);
  EXPECT_EQ(c.scoring.weights.micro, d.scoring.weights.micro);
  EXPECT_EQ(c.scoring.top_k, d.scoring.top_k);
  EXPECT_EQ(c.scoring.german_tolerance_levels, d.scoring.german_tolerance_levels);
  EXPECT_EQ(c.scoring.transit_speed_kmh, d.scoring.transit_speed_kmh);
  EXPECT_EQ(c.scoring.default_commute_minutes_long_day, d.scoring.default_commute_minutes_long_day);
  EXPECT_EQ(c.scoring.size_class_bonus, d.scoring.size_class_bonus);
  EXPECT_EQ(c.scoring.skill_fit_without_requirements, d.scoring.skill_fit_without_requirements);
  EXPECT_EQ(c.scoring.isco_group_floor, d.scoring.isco_group_floor);
  EXPECT_EQ(c.scoring.requirement_penalty_per_level, d.scoring.requirement_penalty_per_level);
  EXPECT_EQ(c.scoring.unrecognised_qualification_levels,
            d.scoring.unrecognised_qualification_levels);
  EXPECT_EQ(c.scoring.course_bridge_max_levels, d.scoring.course_bridge_max_levels);
  EXPECT_EQ(c.scoring.course_bridge_german_fit, d.scoring.course_bridge_german_fit);
  EXPECT_EQ(c.scoring.grid_cell_km, d.scoring.grid_cell_km);
  for (size_t goal = 0; goal < 3; ++goal) {
    for (size_t q = 0; q < 2; ++q) {
      const PathwayRule& a = c.scoring.pathways.rules[goal][q];
      const PathwayRule& b = d.scoring.pathways.rules[goal][q];
      EXPECT_EQ(a.job, b.job) << goal << q;
      EXPECT_EQ(a.training, b.training) << goal << q;
      EXPECT_EQ(a.internship, b.internship) << goal << q;
    }
  }
  EXPECT_EQ(c.candidates.max_arcs_per_participant, d.candidates.max_arcs_per_participant);
  EXPECT_EQ(c.candidates.employer_cap_by_size, d.candidates.employer_cap_by_size);
  EXPECT_EQ(c.assignment.placement_value, d.assignment.placement_value);
  EXPECT_EQ(c.assignment.cost_resolution, d.assignment.cost_resolution);
  EXPECT_EQ(c.assignment.solver, d.assignment.solver);
  EXPECT_EQ(c.proposals.alternatives, d.proposals.alternatives);
  EXPECT_EQ(c.loader.max_problems, d.loader.max_problems);
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

}  // namespace
}  // namespace jobmatch

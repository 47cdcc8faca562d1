// Tests of reports/results_pb.h and reports/output_formats.h: jobmatch.pb,
// written from the embedded example's real run, reads back with the schema's
// generated classes into exactly the proposals, alternatives and unplaced
// participants of the ProposalSet (ids, floats bit for bit, skill gaps, the
// vacancy table), and the bytes do not depend on the number of threads.
// The --output list parses as documented.

#include "reports/results_pb.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/exclusion_rules.h"
#include "engine/scorer.h"
#include "engine/skill_profiles.h"
#include "loaders/load_dataset.h"
#include "loaders/reference_loader.h"
#include "proto/results.pb.h"
#include "reports/coordinator_sheets.h"
#include "reports/output_formats.h"
#include "reports/report_writer.h"

namespace jobmatch::reports {
namespace {

namespace fs = std::filesystem;

struct ExampleRun {
  ReferenceData reference;
  Dataset dataset;
  EngineConfig config;
  ProposalSet set;
};

// The embedded example, run as `jobmatch run --date 2026-11-22` runs it.
const ExampleRun& Example() {
  static const ExampleRun* run = [] {
    auto* r = new ExampleRun;
    Result<ReferenceData> reference = LoadReferenceData(DefaultReferenceDir());
    EXPECT_TRUE(reference.ok());
    r->reference = std::move(reference).value();
    Result<Dataset> dataset =
        LoadDataset(fs::path(JOBMATCH_SOURCE_DIR) / "examples" / "salzlandkreis", r->reference, {});
    EXPECT_TRUE(dataset.ok());
    r->dataset = std::move(dataset).value();
    r->config.scoring.run_date = *ParseDate("2026-11-22");
    const ScoredPairs scored = ScoreTopK(r->dataset, r->reference, r->config.scoring);
    const CandidateGraph graph = BuildCandidateGraph(r->dataset, scored, r->config.candidates);
    const AssignmentResult result = AssignParticipants(graph, r->config.assignment);
    r->set = MakeProposals(r->dataset, scored, graph, result, r->config.proposals);
    return r;
  }();
  return *run;
}

class ResultsPb : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jobmatch_results_pb_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, int threads) {
    const ExampleRun& run = Example();
    const fs::path file = dir_ / name;
    const std::optional<Error> error = WriteResultsPb(run.dataset,
                                                      run.reference,
                                                      run.config,
                                                      run.set,
                                                      "2026-11-22",
                                                      CapacitiesOrGiven(run.dataset, {}),
                                                      file,
                                                      threads);
    EXPECT_FALSE(error.has_value()) << error->ToString();
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  fs::path dir_;
};

TEST_F(ResultsPb, ReadsBackAsExactlyTheProposalsAlternativesAndUnplaced) {
  const ExampleRun& run = Example();
  const Dataset& d = run.dataset;
  ASSERT_GT(run.set.proposals.size(), 20U);
  ASSERT_GT(run.set.unplaced.size(), 20U);
  results::Results read;
  ASSERT_TRUE(read.ParseFromString(Write("jobmatch.pb", 1)));

  EXPECT_EQ(read.run().date(), "2026-11-22");
  EXPECT_EQ(read.run().participants(), run.set.metrics.participants);
  EXPECT_EQ(read.run().proposals(), run.set.metrics.proposals);
  EXPECT_EQ(read.run().unplaced(), run.set.metrics.unplaced);
  EXPECT_EQ(read.run().total_score(), run.set.metrics.total_score);
  ASSERT_EQ(read.exclusion_rules_size(), kNumExclusionReasons);
  ASSERT_EQ(read.run().excluded_pairs_size(), kNumExclusionReasons);
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    EXPECT_EQ(read.exclusion_rules(r), ExclusionReasonName(static_cast<ExclusionReason>(r)));
    EXPECT_EQ(read.run().excluded_pairs(r), run.set.metrics.excluded_total[static_cast<size_t>(r)]);
  }
  EXPECT_EQ(read.config().weight_skill(), run.config.scoring.weights.skill);
  ASSERT_EQ(read.coordinators_size(), static_cast<int>(d.coordinators.size()));
  for (size_t c = 0; c < d.coordinators.size(); ++c) {
    EXPECT_EQ(read.coordinators(static_cast<int>(c)).id(), d.coordinators[c].id);
    EXPECT_EQ(read.coordinators(static_cast<int>(c)).capacity(), d.coordinators[c].capacity);
    EXPECT_EQ(read.coordinators(static_cast<int>(c)).capacity_source(), results::CAPACITY_GIVEN);
  }

  std::map<std::string, const results::Vacancy*> vacancies;
  for (const results::Vacancy& v : read.vacancies()) vacancies[v.id()] = &v;
  ASSERT_EQ(read.proposals_size(), static_cast<int>(run.set.proposals.size()));
  int assigned = 0;
  for (size_t i = 0; i < run.set.proposals.size(); ++i) {
    const Proposal& p = run.set.proposals[i];
    const results::Proposal& r = read.proposals(static_cast<int>(i));
    const Participant& participant = d.participants[static_cast<size_t>(p.participant.value)];
    const Vacancy& vacancy = d.vacancies[static_cast<size_t>(p.pair.vacancy.value)];
    SCOPED_TRACE(participant.id + " " + vacancy.id);
    EXPECT_EQ(r.coordinator(), d.coordinators[static_cast<size_t>(p.coordinator.value)].id);
    EXPECT_EQ(r.participant(), participant.id);
    EXPECT_EQ(r.vacancy(), vacancy.id);
    EXPECT_EQ(r.assigned(), p.assigned);
    EXPECT_EQ(r.rank(), p.rank);
    EXPECT_EQ(r.score(), p.pair.score);
    EXPECT_EQ(r.skill(), p.pair.parts.skill);
    EXPECT_EQ(r.german(), p.pair.parts.german);
    EXPECT_EQ(r.commute(), p.pair.parts.commute);
    EXPECT_EQ(r.micro(), p.pair.parts.micro);
    EXPECT_EQ(r.essential_coverage(), p.pair.parts.essential_coverage);
    EXPECT_EQ(r.optional_coverage(), p.pair.parts.optional_coverage);
    EXPECT_EQ(r.requirement_fit(), p.pair.parts.requirement_fit);
    EXPECT_EQ(r.isco_match_digits(), p.pair.parts.isco_match_digits);
    EXPECT_EQ(r.distance_km(), p.pair.distance_km);
    EXPECT_EQ(r.commute_minutes(), p.pair.commute_minutes);
    EXPECT_EQ(r.bridge_course().empty(), !p.pair.bridge_course.valid());
    EXPECT_EQ(r.is_new(), p.is_new);
    const EssentialSkillGap gap = EssentialSkillGapOf(participant, vacancy, run.reference);
    std::vector<std::string> covered, covered_read;
    for (const SkillIndex s : gap.covered) {
      covered.push_back(run.reference.skills[static_cast<size_t>(s.value)].id);
    }
    for (const int32_t s : r.covered_skills()) covered_read.push_back(read.skills(s));
    EXPECT_EQ(covered_read, covered);
    EXPECT_EQ(r.missing_skills_size(), static_cast<int>(gap.missing.size()));
    ASSERT_TRUE(vacancies.contains(vacancy.id));
    EXPECT_EQ(vacancies[vacancy.id]->title(), vacancy.title);
    EXPECT_EQ(vacancies[vacancy.id]->employer(),
              d.employers[static_cast<size_t>(vacancy.employer.value)].id);
    assigned += p.assigned ? 1 : 0;
  }
  EXPECT_EQ(assigned, run.set.metrics.proposals);

  ASSERT_EQ(read.unplaced_size(), static_cast<int>(run.set.unplaced.size()));
  for (size_t i = 0; i < run.set.unplaced.size(); ++i) {
    const UnplacedParticipant& u = run.set.unplaced[i];
    const results::Unplaced& r = read.unplaced(static_cast<int>(i));
    EXPECT_EQ(r.participant(), d.participants[static_cast<size_t>(u.participant.value)].id);
    EXPECT_NE(r.reason(), results::UNPLACED_REASON_UNSPECIFIED);
    EXPECT_EQ(r.eligible_vacancies(), u.eligible);
    ASSERT_EQ(r.excluded_size(), kNumExclusionReasons);
    for (int k = 0; k < kNumExclusionReasons; ++k) {
      EXPECT_EQ(r.excluded(k), u.excluded[static_cast<size_t>(k)]);
    }
    EXPECT_EQ(r.has_nearest_miss(), u.has_near_miss);
    EXPECT_EQ(r.candidates(), u.candidates);
  }
}

TEST_F(ResultsPb, BytesAreTheSameOnOneAndFourThreads) {
  const std::string one = Write("one.pb", 1);
  EXPECT_GT(one.size(), 1000U);
  EXPECT_EQ(Write("four.pb", 4), one);
}

TEST_F(ResultsPb, HoldsNoExtraColumnsOrNames) {
  // The example's participants carry no extra columns; give one a name and
  // check it never reaches the file.
  ExampleRun run = Example();
  run.dataset.participant_extra_header = {"Name"};
  for (Participant& p : run.dataset.participants) p.extra = {"Zz-Secret-Name"};
  const fs::path file = dir_ / "jobmatch.pb";
  ASSERT_FALSE(WriteResultsPb(run.dataset,
                              run.reference,
                              run.config,
                              run.set,
                              "2026-11-22",
                              CapacitiesOrGiven(run.dataset, {}),
                              file,
                              1)
                   .has_value());
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(bytes.str().find("Zz-Secret-Name"), std::string::npos);
}

TEST_F(ResultsPb, RunReportWritesOnlyTheChosenFiles) {
  const ExampleRun& run = Example();
  int files = 0;
  ASSERT_FALSE(WriteRunReport(run.dataset,
                              run.reference,
                              run.config,
                              run.set,
                              "2026-11-22",
                              dir_,
                              &files,
                              {},
                              2,
                              *ParseOutputFormats("pb,csv"))
                   .has_value());
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    names.insert(entry.path().filename().string());
  }
  EXPECT_EQ(
      names,
      (std::set<std::string>{"jobmatch.pb", "proposals_K-15089-1.csv", "proposals_K-15089-2.csv"}));
  EXPECT_EQ(files, 3);
}

TEST(OutputFormats, ParsesAutoAndListsOfKnownFormatsHoldingJsonOrPb) {
  EXPECT_TRUE(ParseOutputFormats("auto")->automatic);
  const OutputFormats pb_csv = *ParseOutputFormats("pb,csv");
  EXPECT_FALSE(pb_csv.automatic);
  EXPECT_TRUE(pb_csv.pb && pb_csv.csv);
  EXPECT_FALSE(pb_csv.json || pb_csv.xlsx);
  EXPECT_EQ(OutputFormatsName(*ParseOutputFormats("xlsx,json,pb,csv")), "json,pb,csv,xlsx");
  EXPECT_FALSE(ParseOutputFormats("").has_value());
  EXPECT_FALSE(ParseOutputFormats("csv,xlsx").has_value());  // neither json nor pb
  EXPECT_FALSE(ParseOutputFormats("json,json").has_value());
  EXPECT_FALSE(ParseOutputFormats("json,").has_value());
  EXPECT_FALSE(ParseOutputFormats("JSON").has_value());
  EXPECT_FALSE(ParseOutputFormats("json,parquet").has_value());
}

TEST(OutputFormats, AutoWritesTheFullJsonUpToTheLimitAndPbAbove) {
  const OutputFormats automatic = *ParseOutputFormats("auto");
  const OutputFormats small = ResolveOutputFormats(automatic, kFullJsonMaxParticipants);
  EXPECT_EQ(small, OutputFormats{});  // json, csv, xlsx: as before
  const OutputFormats large = ResolveOutputFormats(automatic, kFullJsonMaxParticipants + 1);
  EXPECT_TRUE(large.pb && large.csv && large.xlsx);
  EXPECT_FALSE(large.json || large.automatic);
  const OutputFormats chosen = *ParseOutputFormats("json,csv");
  EXPECT_EQ(ResolveOutputFormats(chosen, 5'000'000), chosen);
}

}  // namespace
}  // namespace jobmatch::reports

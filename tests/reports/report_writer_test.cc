// Tests of reports/report_writer.h: jobmatch.json is valid JSON even for text
// a loader should have refused (bytes that are not UTF-8), instead of the
// writer throwing halfway through a run.

#include "reports/report_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace jobmatch::reports {
namespace {

namespace fs = std::filesystem;

TEST(WriteRunReport, WritesValidJsonWhenTextIsNotUtf8) {
  Dataset dataset;
  dataset.coordinators.resize(1);
  dataset.coordinators[0].id = "K-\xff";
  dataset.coordinators[0].name = "Koordination \xc3";  // cut UTF-8 sequence
  Participant participant;
  participant.id = "T-\xfe\xff";
  participant.coordinator = CoordinatorIndex(0);
  participant.work_permitted = false;
  dataset.participants.push_back(participant);
  ProposalSet set;
  UnplacedParticipant unplaced;
  unplaced.coordinator = CoordinatorIndex(0);
  unplaced.participant = ParticipantIndex(0);
  unplaced.reason = UnplacedReason::kNoWorkPermit;
  set.unplaced.push_back(unplaced);
  set.metrics.participants = 1;
  set.metrics.unplaced = 1;

  const fs::path dir =
      fs::temp_directory_path() / ("jobmatch_report_writer_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  int files = 0;
  std::optional<Error> error;
  ASSERT_NO_THROW(error = WriteRunReport(
                      dataset, ReferenceData{}, EngineConfig{}, set, "2026-11-22", dir, &files));
  EXPECT_FALSE(error.has_value());
  EXPECT_EQ(files, 3);  // the sheet as CSV and xlsx, jobmatch.json
  std::ifstream in(dir / "jobmatch.json", std::ios::binary);
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(json.is_discarded()) << "jobmatch.json is not valid JSON";
  EXPECT_EQ(json["unplaced"][0]["participant"], "T-\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(json["coordinators"][0]["id"], "K-\xEF\xBF\xBD");
  EXPECT_EQ(json["unplaced"][0]["reason"], "Keine Arbeitserlaubnis");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace jobmatch::reports

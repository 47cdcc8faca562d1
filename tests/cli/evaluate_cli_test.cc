// End-to-end tests of `jobmatch evaluate` and `jobmatch report` on the
// embedded example: the files are written, the exact method's objective is
// at least every baseline's, the pages are well formed, no participant id or
// free-text cell reaches any output or log, and (when /usr/bin/chromium
// exists) a real browser renders every page with its charts.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/reports/markup_check.h"

#include "tests/support/program.h"

namespace {

namespace fs = std::filesystem;

const fs::path kSource = JOBMATCH_SOURCE_DIR;
const fs::path kExample = kSource / "examples" / "salzlandkreis";
const char* kDate = "2026-11-22";
const char* kChromium = "/usr/bin/chromium";

using Outcome = jobmatch::test::ProgramOutcome;
using jobmatch::test::ReadFile;

// Participant ids of a dataset folder (first column of participants.csv).
std::vector<std::string> ParticipantIds(const fs::path& dir) {
  std::istringstream in(ReadFile(dir / "participants.csv"));
  std::string line;
  std::getline(in, line);  // header
  std::vector<std::string> ids;
  while (std::getline(in, line)) {
    const std::string id = line.substr(0, line.find(';'));
    if (!id.empty()) ids.push_back(id);
  }
  return ids;
}

class EvaluateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_evaluate_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static Outcome Jobmatch(const std::string& arguments) {
    return jobmatch::test::RunProgram(JOBMATCH_BINARY, arguments);
  }

  // The example with every participant's gender cell replaced by free text
  // that must never be printed (a stand-in for a name or a note).
  fs::path ExampleWithFreeText(const std::string& marker) {
    fs::path data = dir_ / "data";
    fs::create_directories(data);
    for (const auto& entry : fs::directory_iterator(kExample)) {
      if (entry.path().extension() == ".csv")
        fs::copy_file(entry.path(), data / entry.path().filename());
    }
    // The marker replaces every participant's `gender` cell, a free-text column.
    std::istringstream in(ReadFile(kExample / "participants.csv"));
    std::string text;
    std::string line;
    size_t column = std::string::npos;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> cells(1);
      for (const char c : line) {
        if (c == ';') {
          cells.emplace_back();
        } else {
          cells.back() += c;
        }
      }
      if (column == std::string::npos) {
        column =
            static_cast<size_t>(std::find(cells.begin(), cells.end(), "gender") - cells.begin());
        EXPECT_LT(column, cells.size()) << "no gender column";
      } else if (!line.empty() && column < cells.size()) {
        cells[column] = marker;
      }
      for (size_t i = 0; i < cells.size(); ++i) text += (i == 0 ? "" : ";") + cells[i];
      text += "\n";
    }
    std::ofstream(data / "participants.csv", std::ios::binary | std::ios::trunc) << text;
    return data;
  }

  fs::path dir_;
};

TEST_F(EvaluateCli, WritesTheThreeOutputsAndTheOptimumIsNeverBeaten) {
  const Outcome run = Jobmatch("evaluate --data " + kExample.string() + " --out " +
                               (dir_ / "ev").string() + " --date " + kDate);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* name : {"evaluation.json",
                           "evaluation.html",
                           "evaluation_methods.csv",
                           "evaluation_groups.csv",
                           "evaluation_coordinators.csv",
                           "evaluation_sensitivity.csv",
                           "evaluation_outcomes.csv"}) {
    EXPECT_TRUE(fs::exists(dir_ / "ev" / name)) << name;
  }
  const nlohmann::json j = nlohmann::json::parse(ReadFile(dir_ / "ev" / "evaluation.json"));
  std::vector<std::string> names;
  for (const auto& m : j["methods"]) names.push_back(m["name"]);
  EXPECT_EQ(names,
            (std::vector<std::string>{"optimal", "greedy", "natural_order", "nearest", "random"}));
  const double best = j["methods"][0]["objective"];
  for (const auto& m : j["methods"]) {
    EXPECT_LE(m["objective"].get<double>(), best + 1e-9) << m["name"];
    EXPECT_TRUE(m.contains("total_score"));
    EXPECT_TRUE(m.contains("proposals"));
  }
  EXPECT_EQ(j["methods"][0]["proposals"], 24);
  EXPECT_TRUE(j["groups"].is_array());
  const std::string html = ReadFile(dir_ / "ev" / "evaluation.html");
  EXPECT_EQ(jobmatch::testing::CheckMarkup(html).problem, "");

  // Same input, same bytes.
  const Outcome again = Jobmatch("evaluate --data " + kExample.string() + " --out " +
                                 (dir_ / "ev2").string() + " --date " + kDate + " --threads 1");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(ReadFile(dir_ / "ev2" / "evaluation.json"), ReadFile(dir_ / "ev" / "evaluation.json"));
  EXPECT_EQ(ReadFile(dir_ / "ev2" / "evaluation.html"), html);
}

TEST_F(EvaluateCli, ReportWritesThePageAndItsTables) {
  const Outcome run = Jobmatch("report --data " + kExample.string() + " --out " +
                               (dir_ / "rep").string() + " --date " + kDate);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* name : {"report.html",
                           "report_participants.csv",
                           "report_vacancies.csv",
                           "report_balance.csv",
                           "report_unmet.csv",
                           "report_courses.csv",
                           "report_capacity.csv"}) {
    EXPECT_TRUE(fs::exists(dir_ / "rep" / name)) << name;
  }
  const std::string html = ReadFile(dir_ / "rep" / "report.html");
  const jobmatch::testing::MarkupCheck check = jobmatch::testing::CheckMarkup(html);
  EXPECT_EQ(check.problem, "");
  EXPECT_EQ(check.elements.count("script"), 0u);
  EXPECT_NE(html.find("Salzlandkreis"), std::string::npos);
  EXPECT_NE(html.find("Kurzfassung"), std::string::npos);
}

TEST_F(EvaluateCli, NoParticipantIdOrFreeTextInAnyOutputOrLog) {
  const std::string marker = "Freitext-Notiz-Schmidt";
  const fs::path data = ExampleWithFreeText(marker);
  std::string everything;
  for (const std::string command : {"evaluate", "report"}) {
    const Outcome run = Jobmatch(command + " --data " + data.string() + " --out " +
                                 (dir_ / command).string() + " --date " + kDate);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    everything += run.out + run.err;
    for (const auto& entry : fs::directory_iterator(dir_ / command)) {
      everything += ReadFile(entry.path());
    }
  }
  const std::vector<std::string> ids = ParticipantIds(kExample);
  ASSERT_EQ(ids.size(), 80u);
  for (const std::string& id : ids) {
    EXPECT_EQ(everything.find(id), std::string::npos) << "participant id " << id << " leaked";
  }
  EXPECT_EQ(everything.find(marker), std::string::npos) << "a free-text cell leaked";
  EXPECT_EQ(everything.find("P-0"), std::string::npos);
}

TEST_F(EvaluateCli, BadArgumentsAndMissingDataLeaveNoOutput) {
  const Outcome bad_date = Jobmatch("evaluate --data " + kExample.string() + " --out " +
                                    (dir_ / "a").string() + " --date 2026-13-45");
  EXPECT_EQ(bad_date.exit_code, 64);
  EXPECT_FALSE(fs::exists(dir_ / "a"));
  const Outcome missing =
      Jobmatch("report --data " + (dir_ / "none").string() + " --out " + (dir_ / "b").string());
  EXPECT_EQ(missing.exit_code, 66) << missing.err;
  EXPECT_FALSE(fs::exists(dir_ / "b"));
  const Outcome no_groups = Jobmatch("evaluate --data " + kExample.string() + " --out " +
                                     (dir_ / "c").string() + " --min-group-size 0");
  EXPECT_EQ(no_groups.exit_code, 64);
}

TEST_F(EvaluateCli, ChromiumRendersEveryPageWithItsCharts) {
  if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " not installed";
  ASSERT_EQ(Jobmatch("evaluate --data " + kExample.string() + " --out " + (dir_ / "ev").string() +
                     " --date " + kDate)
                .exit_code,
            0);
  ASSERT_EQ(Jobmatch("report --data " + kExample.string() + " --out " + (dir_ / "rep").string() +
                     " --date " + kDate)
                .exit_code,
            0);
  const std::string flags =
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--window-size=1200,2000 --user-data-dir=";
  for (const fs::path& page : {dir_ / "ev" / "evaluation.html", dir_ / "rep" / "report.html"}) {
    SCOPED_TRACE(page.filename().string());
    const fs::path png = dir_ / (page.stem().string() + ".png");
    const fs::path profile = dir_ / ("profile_" + page.stem().string());
    const Outcome shot = jobmatch::test::RunProgram(
        std::string("timeout 120 ") + kChromium,
        flags + profile.string() + " --screenshot=" + png.string() + " file://" + page.string());
    ASSERT_EQ(shot.exit_code, 0) << shot.err;
    const std::string bytes = ReadFile(png);
    ASSERT_GT(bytes.size(), 30'000u) << "a nearly empty screenshot";
    EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    // The browser's own parse keeps every chart: as many <svg> and <rect>
    // elements in its DOM as in the file.
    const Outcome dom = jobmatch::test::RunProgram(
        std::string("timeout 120 ") + kChromium,
        flags + profile.string() + "_dom --dump-dom file://" + page.string());
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    const std::string source = ReadFile(page);
    auto count = [](const std::string& text, const std::string& what) {
      int n = 0;
      for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
      return n;
    };
    EXPECT_GT(count(source, "<svg"), 0);
    EXPECT_EQ(count(dom.out, "<svg"), count(source, "<svg"));
    EXPECT_EQ(count(dom.out, "<rect"), count(source, "<rect"));
  }
}

}  // namespace

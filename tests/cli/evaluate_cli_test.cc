// End-to-end tests of `jobmatch evaluate` and `jobmatch report` on the
// embedded example: the files are written, the exact method's objective is
// at least every baseline's, the pages are well formed, no participant id or
// free-text cell reaches any output or log, and (when /usr/bin/chromium
// exists) a real browser renders every page with its charts. With a store
// made by `jobmatch run --store` and `jobmatch record` from the test's own
// outputs: the method "previous" and the outcomes counted by hand.

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
#include <utility>
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
using jobmatch::test::SheetRows;

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

const nlohmann::json* Method(const nlohmann::json& j, const std::string& name) {
  for (const auto& m : j["methods"]) {
    if (m["name"] == name) return &m;
  }
  return nullptr;
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

  // A two-night cycle's store: the example with free text in a column and
  // without history.csv, night 1 run with --store, and (with `decide`) four
  // of its proposals decided in a sheet made from night 1's own output (the
  // first four by participant: hired, rejected, accepted, dropped out), with
  // notes that must never be printed. Returns night 1's proposals, sorted.
  std::vector<std::pair<std::string, std::string>> TwoNightStore(bool decide) {
    const fs::path data = ExampleWithFreeText(kFreeText);
    fs::remove(data / "history.csv");
    const Outcome night1 =
        Jobmatch("run --data " + data.string() + " --out " + (dir_ / "night1").string() +
                 " --date " + kNight1 + " --store " + Store().string());
    EXPECT_EQ(night1.exit_code, 0) << night1.err;
    std::vector<std::pair<std::string, std::string>> proposals;
    for (const auto& entry : fs::directory_iterator(dir_ / "night1")) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("proposals_", 0) != 0 || entry.path().extension() != ".csv") continue;
      for (auto& row : SheetRows(ReadFile(entry.path()))) {
        if (row["Vorschlag"] == "Vorschlag")
          proposals.emplace_back(row["Teilnehmer"], row["Stelle"]);
      }
    }
    std::sort(proposals.begin(), proposals.end());
    if (!decide || proposals.size() < 4) return proposals;
    std::string sheet = "Teilnehmer;Vorschlag;Stelle;Entscheidung;Datum;Notiz\r\n";
    const char* words[] = {"eingestellt", "abgelehnt", "angenommen", "abgebrochen"};
    for (size_t i = 0; i < 4; ++i) {
      sheet += proposals[i].first + ";Vorschlag;" + proposals[i].second + ";" + words[i] + ";" +
               kNight2 + ";" + kNote + "\r\n";
    }
    std::ofstream(dir_ / "decisions.csv", std::ios::binary) << sheet;
    const Outcome recorded =
        Jobmatch("record --store " + Store().string() + " " + (dir_ / "decisions.csv").string());
    EXPECT_EQ(recorded.exit_code, 0) << recorded.err;
    return proposals;
  }

  fs::path Store() const { return dir_ / "runs.sqlite"; }

  // Every output file of a folder and the run's stdout and stderr, in one string.
  static std::string Everything(const fs::path& out, const Outcome& run) {
    std::string everything = run.out + run.err;
    for (const auto& entry : fs::directory_iterator(out)) everything += ReadFile(entry.path());
    return everything;
  }

  static constexpr const char* kNight1 = "2026-11-22";
  static constexpr const char* kNight2 = "2026-11-23";
  static constexpr const char* kFreeText = "Freitext-Notiz-Schmidt";
  static constexpr const char* kNote = "Probezeit-Notiz-Vertraulich";

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

TEST_F(EvaluateCli, WithAStoreWhatWasProposedBeforeIsMeasuredOnTodaysData) {
  const std::vector<std::pair<std::string, std::string>> night1 = TwoNightStore(true);
  ASSERT_GE(night1.size(), 5u);
  const auto n = static_cast<int>(night1.size());
  const std::string store_before = ReadFile(Store());
  const Outcome run =
      Jobmatch("evaluate --data " + (dir_ / "data").string() + " --out " + (dir_ / "ev").string() +
               " --date " + kNight2 + " --store " + Store().string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ReadFile(Store()), store_before) << "evaluate changed the store";
  const nlohmann::json j = nlohmann::json::parse(ReadFile(dir_ / "ev" / "evaluation.json"));
  ASSERT_EQ(j["methods"].back()["name"], "previous");
  const nlohmann::json& optimal = *Method(j, "optimal");
  const nlohmann::json& previous = *Method(j, "previous");
  const nlohmann::json& source = previous["source"];
  EXPECT_EQ(source["run_date"], kNight1);
  EXPECT_EQ(source["stored_proposals"], n);
  int dropped = 0;
  for (const auto& [why, count] : source["dropped"].items()) dropped += count.get<int>();
  EXPECT_EQ(source["kept"].get<int>() + dropped, n);
  EXPECT_EQ(previous["proposals"], source["kept"]);
  // The hired participant is in follow-up (out of tonight's pool); the
  // rejected pair is never proposed again.
  EXPECT_EQ(source["dropped"]["participant_hired"], 1);
  EXPECT_GE(source["dropped"]["not_candidate"].get<int>(), 1);
  EXPECT_GE(optimal["objective"].get<double>() + 1e-9, previous["objective"].get<double>());
  for (const auto& load : previous["coordinators"]) {
    EXPECT_LE(load["proposals"].get<double>(), load["capacity"].get<double>()) << load["id"];
  }
  // Every placed participant of "previous" is either on the same vacancy as
  // the optimum, on another, or placed only here: together its proposals.
  const nlohmann::json& agreement = previous["agreement_with_optimal"];
  EXPECT_EQ(agreement["same_vacancy"].get<int>() + agreement["other_vacancy"].get<int>() +
                agreement["placed_only_here"].get<int>(),
            previous["proposals"].get<int>());

  // Outcomes from the store, by hand: the night-1 proposals, four decided.
  const nlohmann::json& o = j["outcomes"];
  EXPECT_EQ(o["status"], "shown");
  EXPECT_EQ(o["sources"], nlohmann::json::array({"store"}));
  EXPECT_EQ(o["records"], 4);
  EXPECT_EQ(o["pairs"], n);
  EXPECT_EQ(o["decided"], 4);
  EXPECT_EQ(o["total"]["accepted"], 3);  // accepted, hired, dropped out
  EXPECT_EQ(o["total"]["hired"], 1);
  EXPECT_EQ(o["total"]["rejected"], 1);
  EXPECT_EQ(o["total"]["dropped_out"], 1);
  EXPECT_EQ(o["total"]["open"], n - 4);
  EXPECT_EQ(o["by_date"].size(), 1u);
  EXPECT_EQ(o["by_date"][0]["key"], kNight1);
  EXPECT_EQ(o["by_date"][0]["pairs"], n);
  for (const auto& [kind, rows] : o["by_group"].items()) {
    int shown = 0;
    int withheld = 0;
    for (const auto& row : rows) {
      if (row["suppressed"].get<bool>()) {
        ++withheld;
      } else {
        EXPECT_GE(row["pairs"].get<int>(), 5) << kind;
        shown += row["pairs"].get<int>();
      }
    }
    EXPECT_NE(withheld, 1) << kind << ": one withheld row could be worked out from the total";
    EXPECT_EQ(withheld == 0, shown == n) << kind;
  }

  const std::string html = ReadFile(dir_ / "ev" / "evaluation.html");
  EXPECT_EQ(jobmatch::testing::CheckMarkup(html).problem, "");
  EXPECT_NE(html.find("Früher"), std::string::npos);
  EXPECT_NE(html.find("nur für Paare, die vorgeschlagen wurden"), std::string::npos);
  EXPECT_NE(ReadFile(dir_ / "ev" / "evaluation_methods.csv").find("\r\nprevious;"),
            std::string::npos);

  // No participant id, free-text cell or note in any output or log.
  const std::string everything = Everything(dir_ / "ev", run);
  for (const std::string& id : ParticipantIds(kExample)) {
    EXPECT_EQ(everything.find(id), std::string::npos) << "participant id " << id << " leaked";
  }
  EXPECT_EQ(everything.find(kFreeText), std::string::npos);
  EXPECT_EQ(everything.find(kNote), std::string::npos);
}

TEST_F(EvaluateCli, WithAStoreButNoDecisionsEveryOutputSaysSo) {
  const std::vector<std::pair<std::string, std::string>> night1 = TwoNightStore(false);
  const Outcome run =
      Jobmatch("evaluate --data " + (dir_ / "data").string() + " --out " + (dir_ / "ev").string() +
               " --date " + kNight2 + " --store " + Store().string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json j = nlohmann::json::parse(ReadFile(dir_ / "ev" / "evaluation.json"));
  EXPECT_EQ(j["outcomes"]["status"], "no_decisions");
  EXPECT_EQ(j["outcomes"]["pairs"], night1.size());
  EXPECT_TRUE(j["outcomes"]["total"].is_null());
  EXPECT_FALSE(j["outcomes"].contains("by_score_band"));
  EXPECT_NE(ReadFile(dir_ / "ev" / "evaluation_outcomes.csv").find("\r\nHinweis;"),
            std::string::npos);
  EXPECT_NE(ReadFile(dir_ / "ev" / "evaluation.html").find("noch keine erfasste Entscheidung"),
            std::string::npos);
  const nlohmann::json* previous = Method(j, "previous");
  ASSERT_NE(previous, nullptr);
  EXPECT_EQ((*previous)["source"]["dropped"]["participant_hired"], 0);
  EXPECT_GE(Method(j, "optimal")->at("objective").get<double>() + 1e-9,
            (*previous)["objective"].get<double>());
}

TEST_F(EvaluateCli, OnlyARunBeforeTheDateIsPreviousAndAMissingStoreIsAnError) {
  TwoNightStore(false);
  // The store's only run is dated night 1 itself: nothing before it.
  const Outcome same_day =
      Jobmatch("evaluate --data " + (dir_ / "data").string() + " --out " + (dir_ / "ev").string() +
               " --date " + kNight1 + " --store " + Store().string());
  ASSERT_EQ(same_day.exit_code, 0) << same_day.err;
  const nlohmann::json j = nlohmann::json::parse(ReadFile(dir_ / "ev" / "evaluation.json"));
  EXPECT_EQ(Method(j, "previous"), nullptr);
  EXPECT_NE(j["store"].get<std::string>().find(kNight1), std::string::npos);
  EXPECT_EQ(j["outcomes"]["status"], "none");

  const Outcome missing = Jobmatch("evaluate --data " + (dir_ / "data").string() + " --out " +
                                   (dir_ / "none").string() + " --date " + kNight2 + " --store " +
                                   (dir_ / "no-such.sqlite").string());
  EXPECT_EQ(missing.exit_code, 66) << missing.err;
  EXPECT_FALSE(fs::exists(dir_ / "none"));
  EXPECT_FALSE(fs::exists(dir_ / "no-such.sqlite"));
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

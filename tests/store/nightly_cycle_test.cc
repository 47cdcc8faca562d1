// End-to-end tests of the nightly cycle on the embedded example, through the
// jobmatch program: night 1 with --store, the coordinator's filled-in sheet
// (examples/salzlandkreis/decisions_night1.csv: one hire, one rejection)
// recorded, night 2 on the next date applying it, and `jobmatch history`
// showing all of it; decision sheets with an unknown participant, vacancy or
// word refused whole with exit 65.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/program.h"
#include "tests/support/store_dump.h"

namespace {

namespace fs = std::filesystem;
using jobmatch::test::DumpStore;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path kSource = JOBMATCH_SOURCE_DIR;
const fs::path kExample = kSource / "examples" / "salzlandkreis";
const fs::path kDecisions = kExample / "decisions_night1.csv";
constexpr const char* kNight1 = "2026-11-22";
constexpr const char* kNight2 = "2026-11-23";
// The decisions in that sheet, and a word of each of its notes.
constexpr const char* kHiredParticipant = "P-000016";
constexpr const char* kHiredVacancy = "V-000156";
constexpr const char* kRejectedParticipant = "P-000009";
constexpr const char* kRejectedVacancy = "V-000266";
constexpr const char* kNoteWords[] = {"Probezeit", "Erfahrung"};

using Outcome = jobmatch::test::ProgramOutcome;
using jobmatch::test::ReadFile;
using jobmatch::test::ReadFolder;

std::vector<std::map<std::string, std::string>> Rows(const std::string& bytes) {
  return jobmatch::test::SheetRows(bytes);
}

Outcome Jobmatch(const std::string& arguments) {
  return jobmatch::test::RunProgram(JOBMATCH_BINARY, arguments);
}

bool IsSheet(const std::string& name) {
  return name.rfind("proposals_", 0) == 0 && name.size() > 4 &&
         name.compare(name.size() - 4, 4, ".csv") == 0;
}

// participant -> proposed vacancy, over every sheet of a run's output.
std::map<std::string, std::string> Proposals(const fs::path& out) {
  std::map<std::string, std::string> proposals;
  for (const auto& [name, bytes] : ReadFolder(out)) {
    if (!IsSheet(name)) continue;
    for (auto& row : Rows(bytes)) {
      if (row["Vorschlag"] == "Vorschlag") proposals[row["Teilnehmer"]] = row["Stelle"];
    }
  }
  return proposals;
}

// Every line of every sheet, "participant vacancy" -> its row.
std::map<std::string, std::map<std::string, std::string>> Lines(const fs::path& out) {
  std::map<std::string, std::map<std::string, std::string>> lines;
  for (const auto& [name, bytes] : ReadFolder(out)) {
    if (!IsSheet(name)) continue;
    for (auto& row : Rows(bytes)) {
      if (row["Vorschlag"] == "Vorschlag" || row["Vorschlag"] == "Alternative") {
        lines[row["Teilnehmer"] + " " + row["Stelle"]] = row;
      }
    }
  }
  return lines;
}

class NightlyCycle : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_cycle_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = dir_ / "runs.sqlite";
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome Night(const std::string& date, const fs::path& out) {
    return Jobmatch("run --data " + kExample.string() + " --out " + out.string() + " --date " +
                    date + " --store " + store_.string() + " --check");
  }

  // The decision sheet with its hire row changed to the given ids and word.
  fs::path BadSheet(const std::string& name,
                    const std::string& participant,
                    const std::string& vacancy,
                    const std::string& word) {
    std::string bytes = ReadFile(kDecisions);
    const std::string needle = std::string(kHiredParticipant) + ";Vorschlag;";
    const size_t row = bytes.find(needle);
    const size_t end = bytes.find("\r\n", row);
    std::string line = bytes.substr(row, end - row);
    line.replace(0, std::string(kHiredParticipant).size(), participant);
    const size_t v = line.find(kHiredVacancy);
    line.replace(v, std::string(kHiredVacancy).size(), vacancy);
    const size_t word_at = line.find(";eingestellt;");
    line.replace(word_at + 1, std::string("eingestellt").size(), word);
    bytes.replace(row, end - row, line);
    fs::path file = dir_ / name;
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
  }

  fs::path dir_;
  fs::path store_;
};

TEST_F(NightlyCycle, TheShippedSheetHoldsTheDecisionsThisTestExpects) {
  const std::vector<std::map<std::string, std::string>> rows = Rows(ReadFile(kDecisions));
  std::map<std::string, std::string> decided;
  for (auto row : rows) {
    if (!row["Entscheidung"].empty()) {
      decided[row["Teilnehmer"] + " " + row["Stelle"]] = row["Entscheidung"];
      EXPECT_EQ(row["Datum"], kNight2);
    }
  }
  EXPECT_EQ(decided,
            (std::map<std::string, std::string>{
                {std::string(kHiredParticipant) + " " + kHiredVacancy, "eingestellt"},
                {std::string(kRejectedParticipant) + " " + kRejectedVacancy, "abgelehnt"}}));
}

TEST_F(NightlyCycle, DecisionsRecordedAfterNightOneShapeNightTwo) {
  const fs::path night1 = dir_ / "night1";
  const Outcome first = Night(kNight1, night1);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::map<std::string, std::string> before = Proposals(night1);
  ASSERT_EQ(before.at(kHiredParticipant), kHiredVacancy);
  ASSERT_EQ(before.at(kRejectedParticipant), kRejectedVacancy);

  const Outcome recorded =
      Jobmatch("record --store " + store_.string() + " " + kDecisions.string());
  ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
  EXPECT_THAT(recorded.out, HasSubstr("2 decisions recorded, 0 already"));
  const std::string after_record = DumpStore(store_);
  // The same sheet again changes nothing.
  const Outcome again = Jobmatch("record --store " + store_.string() + " " + kDecisions.string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("0 decisions recorded, 2 already"));
  EXPECT_EQ(DumpStore(store_), after_record);

  const fs::path night2 = dir_ / "night2";
  const Outcome second = Night(kNight2, night2);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  // The hired participant left the pool and is in follow-up; the vacancy has
  // one opening less.
  EXPECT_THAT(first.out, HasSubstr("participants         80"));
  EXPECT_THAT(second.out, HasSubstr("participants         79"));
  EXPECT_THAT(first.out, HasSubstr("openings 420"));
  EXPECT_THAT(second.out, HasSubstr("openings 419"));
  EXPECT_THAT(second.out, HasSubstr("2 decisions, 1 in follow-up"));
  const std::map<std::string, std::string> after = Proposals(night2);
  EXPECT_EQ(after.count(kHiredParticipant), 0u);
  for (const auto& [name, bytes] : ReadFolder(night2)) {
    EXPECT_THAT(bytes, Not(HasSubstr(kHiredParticipant))) << name;
  }
  // Neither pair is proposed; the rejected pair is not even listed, and the
  // rejected participant stays in the pool: listed with other vacancies (a
  // proposal elsewhere, or alternatives when the coordinator's capacity is
  // used up, as on the example since the skill gate).
  const auto lines = Lines(night2);
  EXPECT_EQ(lines.count(std::string(kRejectedParticipant) + " " + kRejectedVacancy), 0u);
  const std::string rejected_prefix = std::string(kRejectedParticipant) + " ";
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [&](const auto& line) {
    return line.first.rfind(rejected_prefix, 0) == 0;
  }));
  if (after.contains(kRejectedParticipant)) {
    EXPECT_NE(after.at(kRejectedParticipant), kRejectedVacancy);
  }
  // Untouched proposals stay as they were: same participant, same vacancy,
  // and the sheet does not mark them new.
  int kept = 0;
  for (const auto& [participant, vacancy] : before) {
    if (participant == kHiredParticipant || participant == kRejectedParticipant) continue;
    ASSERT_EQ(after.count(participant), 1u) << participant << " lost " << vacancy;
    EXPECT_EQ(after.at(participant), vacancy) << participant;
    auto row = lines.at(participant + " " + after.at(participant));
    EXPECT_EQ(row["Neu"], "") << participant;
    ++kept;
  }
  EXPECT_EQ(kept, static_cast<int>(before.size()) - 2);
  // The place the hire freed (and the rejected participant's, when they have
  // no proposal now) went to someone who had none, marked new.
  int newcomers = 0;
  for (const auto& [participant, vacancy] : after) {
    if (before.contains(participant)) continue;
    ++newcomers;
    auto row = lines.at(participant + " " + vacancy);
    EXPECT_EQ(row["Neu"], "neu") << participant;
  }
  EXPECT_EQ(newcomers, after.contains(kRejectedParticipant) ? 1 : 2);

  // Same input, same store: the same output, byte for byte.
  const fs::path rerun = dir_ / "night2-again";
  ASSERT_EQ(Night(kNight2, rerun).exit_code, 0);
  EXPECT_EQ(ReadFolder(rerun), ReadFolder(night2));

  // jobmatch history shows all of it, and never a coordinator's note.
  const Outcome hired =
      Jobmatch("history --store " + store_.string() + " --participant " + kHiredParticipant);
  ASSERT_EQ(hired.exit_code, 0) << hired.err;
  EXPECT_THAT(hired.out, HasSubstr(std::string(kHiredVacancy) + "     eingestellt"));
  EXPECT_THAT(hired.out, HasSubstr("at " + std::string(kHiredVacancy) + "     until 2027-11-23"));
  const Outcome everything = Jobmatch("history --store " + store_.string());
  ASSERT_EQ(everything.exit_code, 0) << everything.err;
  const std::string& h = everything.out;
  EXPECT_THAT(h, HasSubstr(std::string(kRejectedVacancy) + "     abgelehnt"));
  EXPECT_THAT(h, HasSubstr("       420 "));  // night 1's openings
  EXPECT_THAT(h, HasSubstr("       419 "));  // night 2's
  EXPECT_THAT(h,
              HasSubstr("K-15089-1    capacity 13 (given), taken on this year 1, in follow-up 1"));
  for (const auto& [participant, vacancy] : after) {
    EXPECT_NE(h.find(participant + "     Vorschlag " + vacancy), std::string::npos) << participant;
  }
  for (const char* word : kNoteWords) {
    EXPECT_THAT(h, Not(HasSubstr(word)));
    EXPECT_THAT(hired.out, Not(HasSubstr(word)));
    for (const auto& [name, bytes] : ReadFolder(night2)) {
      EXPECT_THAT(bytes, Not(HasSubstr(word))) << name;
    }
  }
  const Outcome runs = Jobmatch("history --store " + store_.string() + " --runs");
  ASSERT_EQ(runs.exit_code, 0) << runs.err;
  EXPECT_THAT(runs.out, HasSubstr(kNight1));
  EXPECT_THAT(runs.out, HasSubstr(kNight2));
  EXPECT_THAT(runs.out, HasSubstr("participants.csv"));
}

// With more than one thread the store records the run on a thread of its
// own while the output is written: the store and the output are the same
// as with one thread, night after night.
TEST_F(NightlyCycle, AnAcceptedProposalIsHeldAndCountedForItsCoordinatorOnly) {
  ASSERT_EQ(Night(kNight1, dir_ / "night1").exit_code, 0);
  // The hire row of the shipped sheet, marked accepted instead.
  const fs::path sheet = BadSheet("accepted.csv", kHiredParticipant, kHiredVacancy, "angenommen");
  ASSERT_EQ(Jobmatch("record --store " + store_.string() + " " + sheet.string()).exit_code, 0);
  ASSERT_EQ(Night(kNight2, dir_ / "night2").exit_code, 0);
  EXPECT_EQ(Proposals(dir_ / "night2")[kHiredParticipant], kHiredVacancy);
  // Whose sheet the accepted proposal is on.
  std::string holder;
  for (const auto& [name, bytes] : ReadFolder(dir_ / "night1")) {
    if (!IsSheet(name)) continue;
    for (auto& row : Rows(bytes)) {
      if (row["Teilnehmer"] == kHiredParticipant) holder = name.substr(10, name.size() - 14);
    }
  }
  ASSERT_FALSE(holder.empty());
  const Outcome history = Jobmatch("history --store " + store_.string() + " --runs");
  ASSERT_EQ(history.exit_code, 0) << history.err;
  // Each run's capacity lines: "K-... capacity N (...), ..., held H".
  std::istringstream lines(history.out);
  std::string line;
  int run = 0;
  std::map<std::pair<int, std::string>, std::string> held;
  while (std::getline(lines, line)) {
    if (line.rfind("  1 ", 0) == 0) run = 1;
    if (line.rfind("  2 ", 0) == 0) run = 2;
    const size_t capacity = line.find(" capacity ");
    const size_t at = line.rfind(", held ");
    if (run == 0 || capacity == std::string::npos || at == std::string::npos) continue;
    std::istringstream id(line.substr(0, capacity));
    std::string coordinator;
    id >> coordinator;
    held[{run, coordinator}] = line.substr(at + 7);
  }
  ASSERT_EQ(held.size(), 4u) << history.out;  // two runs, two coordinators
  for (const auto& [key, count] : held) {
    const bool holds = key.first == 2 && key.second == holder;
    EXPECT_EQ(count, holds ? "1" : "0") << "run " << key.first << ", " << key.second;
  }
}

TEST_F(NightlyCycle, TheStoreAndTheOutputAreTheSameOnOneThreadAndOnSeveral) {
  std::vector<std::string> stores;
  std::vector<std::map<std::string, std::string>> outputs;
  for (const std::string threads : {"1", "2", "4"}) {
    const fs::path store = dir_ / ("runs" + threads + ".sqlite");
    for (const char* date : {kNight1, kNight2}) {
      const fs::path out = dir_ / ("out" + threads + "_" + date);
      const Outcome night =
          Jobmatch("run --data " + kExample.string() + " --out " + out.string() + " --date " +
                   date + " --store " + store.string() + " --threads " + threads);
      ASSERT_EQ(night.exit_code, 0) << night.err;
      if (date == kNight1) {
        const Outcome recorded =
            Jobmatch("record --store " + store.string() + " " + kDecisions.string());
        ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
      } else {
        outputs.push_back(ReadFolder(out));
      }
    }
    stores.push_back(DumpStore(store));
  }
  EXPECT_THAT(stores[0], HasSubstr(kHiredVacancy));
  for (size_t i = 1; i < stores.size(); ++i) {
    EXPECT_EQ(stores[i], stores[0]) << i;
    EXPECT_EQ(outputs[i], outputs[0]) << i;
  }
}

TEST_F(NightlyCycle, ASheetWithAnUnknownParticipantVacancyOrWordRecordsNothing) {
  ASSERT_EQ(Night(kNight1, dir_ / "night1").exit_code, 0);
  const std::string before = DumpStore(store_);
  const struct {
    fs::path sheet;
    std::string expected;
  } cases[] = {
      {BadSheet("participant.csv", "P-999999", kHiredVacancy, "eingestellt"),
       "field 'Teilnehmer' = 'P-999999'"},
      {BadSheet("vacancy.csv", kHiredParticipant, "V-999999", "eingestellt"),
       "field 'Stelle' = 'V-999999'"},
      {BadSheet("word.csv", kHiredParticipant, kHiredVacancy, "vielleicht"),
       "field 'Entscheidung'"},
      {BadSheet("pair.csv", kHiredParticipant, kRejectedVacancy, "eingestellt"), "never was"},
  };
  for (const auto& c : cases) {
    // The good sheet and a bad one together: nothing of either is recorded.
    const Outcome outcome = Jobmatch("record --store " + store_.string() + " " +
                                     kDecisions.string() + " " + c.sheet.string());
    EXPECT_EQ(outcome.exit_code, 65) << c.sheet;
    // file:line: (the hire is on line 2 of the sheet)
    EXPECT_THAT(outcome.err, HasSubstr(c.sheet.string() + ":2:")) << outcome.err;
    EXPECT_THAT(outcome.err, HasSubstr(c.expected)) << outcome.err;
    EXPECT_THAT(outcome.err, Not(HasSubstr("vielleicht")));
    for (const char* word : kNoteWords) EXPECT_THAT(outcome.err, Not(HasSubstr(word)));
    EXPECT_EQ(DumpStore(store_), before) << c.sheet;
  }
}

// With the capacity column empty, capacity is derived (engine/capacity.h) and
// both the sheet (its "Kapazität" row) and jobmatch.json say how; the hire
// recorded after night 1 counts as taken on this year and as follow-up load
// on night 2. A given capacity still wins and is called given.
TEST_F(NightlyCycle, ADerivedCapacityIsExplainedInTheSheetAndTheJsonEachNight) {
  const fs::path data = dir_ / "data";
  fs::copy(kExample, data);
  // K-15089-1: 1 FTE, capacity empty; K-15089-2: 0.5 FTE, capacity given.
  std::ofstream(data / "coordinators.csv", std::ios::binary | std::ios::trunc)
      << "\xEF\xBB\xBFid;name;district;fte;capacity\r\n"
         "K-15089-1;Koordination Salzlandkreis 1;15089;1;\r\n"
         "K-15089-2;Koordination Salzlandkreis 2;15089;0,5;11\r\n";
  auto night = [&](const std::string& date, const fs::path& out) {
    return Jobmatch("run --data " + data.string() + " --out " + out.string() + " --date " + date +
                    " --store " + store_.string());
  };
  auto capacity_row = [](const fs::path& sheet) {
    for (auto row : Rows(ReadFile(sheet))) {
      if (row["Vorschlag"] == "Kapazität") return row["Begründung"];
    }
    return std::string("(no Kapazität row)");
  };
  auto coordinator_json = [](const fs::path& json, const std::string& id) {
    const std::string bytes = ReadFile(json);
    const size_t at = bytes.find("{\"id\":\"" + id + "\"");
    return at == std::string::npos ? std::string() : bytes.substr(at, bytes.find('\n', at) - at);
  };

  // Night 1, 2026-11-22: 40 a year, nothing taken on yet, 2 cycles of 4
  // weeks left in the year (40 days): 20 per cycle, no follow-up.
  const fs::path night1 = dir_ / "night1";
  ASSERT_EQ(night(kNight1, night1).exit_code, 0);
  EXPECT_EQ(capacity_row(night1 / "proposals_K-15089-1.csv"),
            "Kapazität in diesem Zyklus: 20 neue Vorschläge (1 Vollzeitstelle, 40 Aufnahmen im "
            "Jahr, 0 in diesem Jahr schon aufgenommen, noch 2 Zyklen bis Jahresende, 0 in "
            "Nachbetreuung)");
  EXPECT_EQ(
      capacity_row(night1 / "proposals_K-15089-2.csv"),
      "Kapazität in diesem Zyklus: 11 neue Vorschläge (vorgegeben in der Koordinationsliste)");
  EXPECT_THAT(coordinator_json(night1 / "jobmatch.json", "K-15089-1"),
              HasSubstr("\"capacity\":20,\"capacity_source\":\"derived\",\"capacity_derivation\":"
                        "{\"fte\":1.0,\"intake_per_fte_year\":40.0,\"yearly_intake\":40.0,"
                        "\"taken_on_this_year\":0,\"cycle_weeks\":4,\"cycles_left\":2,"
                        "\"per_cycle\":20.0,\"follow_up\":0,\"follow_up_weight\":0.1,"
                        "\"follow_up_load\":0.0,\"capacity\":20}"));
  EXPECT_THAT(coordinator_json(night1 / "jobmatch.json", "K-15089-2"),
              HasSubstr("\"capacity\":11,\"capacity_source\":\"given\",\"proposals\""));

  // The same hire and rejection (both still listed on night 1 here).
  const Outcome recorded =
      Jobmatch("record --store " + store_.string() + " " + kDecisions.string());
  ASSERT_EQ(recorded.exit_code, 0) << recorded.err;

  // Night 2, 2026-11-23: one taken on this year, (40 - 1) / 2 = 19.5 per
  // cycle, minus 0.1 for the one in follow-up: 19.
  const fs::path night2 = dir_ / "night2";
  ASSERT_EQ(night(kNight2, night2).exit_code, 0);
  EXPECT_EQ(capacity_row(night2 / "proposals_K-15089-1.csv"),
            "Kapazität in diesem Zyklus: 19 neue Vorschläge (1 Vollzeitstelle, 40 Aufnahmen im "
            "Jahr, 1 in diesem Jahr schon aufgenommen, noch 2 Zyklen bis Jahresende, 1 in "
            "Nachbetreuung)");
  EXPECT_THAT(coordinator_json(night2 / "jobmatch.json", "K-15089-1"),
              HasSubstr("\"taken_on_this_year\":1,\"cycle_weeks\":4,\"cycles_left\":2,"
                        "\"per_cycle\":19.5,\"follow_up\":1,\"follow_up_weight\":0.1,"
                        "\"follow_up_load\":0.1,\"capacity\":19}"));
  const Outcome history = Jobmatch("history --store " + store_.string());
  EXPECT_THAT(
      history.out,
      HasSubstr("K-15089-1    capacity 19 (derived), taken on this year 1, in follow-up 1"));
}

// The regional report on the two-night store: targets against 40 per FTE
// and year, the decisions on earlier proposals, the trend over both runs;
// counts of fewer than 5 people withheld, and no participant id nor a word of
// a coordinator's note in any file or on the terminal.
TEST_F(NightlyCycle, TheReportOnATwoNightStoreShowsTargetsDecisionsAndTrendWithoutPeople) {
  ASSERT_EQ(Night(kNight1, dir_ / "night1").exit_code, 0);
  ASSERT_EQ(Jobmatch("record --store " + store_.string() + " " + kDecisions.string()).exit_code, 0);
  ASSERT_EQ(Night(kNight2, dir_ / "night2").exit_code, 0);
  const fs::path out = dir_ / "report";
  const Outcome report = Jobmatch("report --data " + kExample.string() + " --out " + out.string() +
                                  " --date " + kNight2 + " --store " + store_.string());
  ASSERT_EQ(report.exit_code, 0) << report.err;
  // The report's figures are tonight's pool: the hired participant is out.
  EXPECT_THAT(report.out, HasSubstr("participants         79"));
  const auto files = ReadFolder(out);
  for (const char* name :
       {"report.html", "report_targets.csv", "report_decisions.csv", "report_trend.csv"}) {
    EXPECT_EQ(files.count(name), 1u) << name;
  }
  const std::string& html = files.at("report.html");
  EXPECT_THAT(html, HasSubstr("Zielsteuerung: 40 Vermittlungen je Vollzeitstelle und Jahr"));
  EXPECT_THAT(html, HasSubstr("Bis 2026-11-23 eingestellt: × (Soll anteilig 71,7)"));
  EXPECT_THAT(html, Not(HasSubstr("Bericht erst mit einem Speicher")));
  EXPECT_THAT(files.at("report_trend.csv"), HasSubstr("2026-11-22;80;420;24;56;"));
  EXPECT_THAT(files.at("report_trend.csv"), HasSubstr("2026-11-23;79;419;24;55;"));
  // 26 different pairs proposed over both nights (24 + P-000009's and
  // P-000018's new ones); one hire and one rejection, withheld (×).
  EXPECT_THAT(files.at("report_decisions.csv"), HasSubstr("gesamt;26;;0;;;0\r\n"));
  EXPECT_THAT(files.at("report_targets.csv"), HasSubstr("K-15089-1;1,00;40,0;35,8;;;ja\r\n"));
  // A share would tell a withheld count (1 hire of 26 pairs): none is shown.
  EXPECT_THAT(html, Not(HasSubstr(" 4 %")));
  EXPECT_THAT(html, Not(HasSubstr(" 7 %")));

  std::vector<std::string> ids;
  for (auto row : Rows(ReadFile(kExample / "participants.csv"))) ids.push_back(row["id"]);
  ASSERT_EQ(ids.size(), 80u);
  for (const auto& [name, bytes] : files) {
    for (const std::string& id : ids) {
      EXPECT_EQ(bytes.find(id), std::string::npos) << name << " names " << id;
    }
    for (const char* word : kNoteWords) EXPECT_EQ(bytes.find(word), std::string::npos) << name;
  }
  for (const std::string& id : ids) {
    EXPECT_EQ(report.out.find(id), std::string::npos) << id;
    EXPECT_EQ(report.err.find(id), std::string::npos) << id;
  }
}

}  // namespace

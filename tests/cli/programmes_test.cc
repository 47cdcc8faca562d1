// End-to-end test of the shipped programme profiles (examples/programmes/):
// for each programme, `jobmatch generate` writes data for its district, the
// columns the programme's rules read are filled where the generator leaves
// them empty (a fixed pattern, so every rule has people on both sides),
// `jobmatch run --config` runs it, and the test checks the output against
// the rules read from the data itself: nobody whom an admission rule excludes
// is proposed or listed as an alternative, no proposal breaks a pathway rule,
// every participant outside the programme is named with a rule in
// jobmatch.json and as "Nicht im Programm" on their coordinator's sheet, and
// every rule that removed someone is counted under its own key.

#include <gtest/gtest.h>
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

#include <nlohmann/json.hpp>

#include "tests/support/program.h"

namespace {

namespace fs = std::filesystem;

const fs::path kSource = JOBMATCH_SOURCE_DIR;
const char* kDate = "2026-11-22";

int RunJobmatch(const std::string& arguments, std::string* err) {
  const jobmatch::test::ProgramOutcome outcome =
      jobmatch::test::RunProgram(JOBMATCH_BINARY, arguments);
  *err = outcome.err;
  return outcome.exit_code;
}

using jobmatch::test::ReadFile;

// Rows of a CSV file the program wrote, by header name.
std::vector<std::map<std::string, std::string>> ReadTable(const fs::path& path) {
  return jobmatch::test::SheetRows(ReadFile(path));
}

std::string JoinLine(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ';';
    const std::string& cell = cells[i];
    if (cell.find_first_of(";\"\n") == std::string::npos) {
      line += cell;
      continue;
    }
    line += '"';
    for (const char c : cell) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  return line;
}

// Fills the columns the programme rules read where the generator left them
// out or empty, in a fixed pattern by row; columns it filled stay as they are.
void FillMissingColumns(const fs::path& participants) {
  std::string text = ReadFile(participants);
  std::string bom;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
    bom = text.substr(0, 3);
    text.erase(0, 3);
  }
  std::istringstream in(text);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) rows.push_back(jobmatch::test::SplitSheetLine(line));
  }
  ASSERT_FALSE(rows.empty());
  const std::vector<std::pair<std::string, std::vector<std::string>>> filled = {
      {"residence_status",
       {"anerkannt",
        "anerkannt",
        "104c",
        "gestattet",
        "geduldet",
        "geduldet_60a6",
        "sonstiges",
        ""}},
      {"country_of_origin", {"Syrien", "Afghanistan", "Serbien", "Ukraine", "GE", "Eritrea", ""}},
      {"sgb2_benefits", {"ja", "ja", "ja", "nein", ""}},
      {"german_work_experience", {"nein", "ja", ""}},
  };
  for (const auto& [name, values] : filled) {
    std::vector<std::string>& header = rows[0];
    size_t column = std::find(header.begin(), header.end(), name) - header.begin();
    if (column == header.size()) header.push_back(name);
    bool empty = true;
    for (size_t r = 1; r < rows.size(); ++r) {
      if (column < rows[r].size() && !rows[r][column].empty()) empty = false;
    }
    if (!empty) continue;
    for (size_t r = 1; r < rows.size(); ++r) {
      rows[r].resize(std::max(rows[r].size(), column + 1));
      rows[r][column] = values[(r - 1) % values.size()];
    }
  }
  std::string out = bom;
  for (const std::vector<std::string>& row : rows) out += JoinLine(row) + "\n";
  std::ofstream(participants, std::ios::binary | std::ios::trunc) << out;
}

int Level(const std::string& cefr) {
  if (cefr.size() < 2) return 0;
  const int letter = cefr[0] == 'A' || cefr[0] == 'a'   ? 0
                     : cefr[0] == 'B' || cefr[0] == 'b' ? 2
                                                        : 4;
  return letter + (cefr[1] - '0');
}

// The run date more than `years` calendar years after an ISO date.
bool MoreThanYearsBefore(const std::string& since, int years) {
  if (since.size() != 10) return false;
  const std::string later = std::to_string(std::stoi(since.substr(0, 4)) + years) + since.substr(4);
  return std::string(kDate) > later;
}

// A "no" cell as the generator (false) or a person (nein) writes it.
bool No(const std::string& cell) {
  return cell == "nein" || cell == "false";
}

// A safe country of origin under § 29a AsylG (Anlage II), by the ISO code
// the generator writes or the German name a person writes.
bool SafeCountry(const std::string& country) {
  static const std::set<std::string> kSafe = {
      "AL", "BA", "GE", "GH", "XK", "MD", "ME", "MK", "SN", "RS", "Serbien", "Georgien"};
  return kSafe.contains(country);
}

struct Programme {
  std::string file;
  std::string district;
  // Admission rules broken by a participant (their JSON names); empty: inside.
  std::set<std::string> (*admission)(const std::map<std::string, std::string>& p);
  // Pathway rules a proposal breaks (their JSON names).
  std::set<std::string> (*pathway)(const std::map<std::string, std::string>& p,
                                   const std::map<std::string, std::string>& v);
  std::vector<std::string> rules_expected;  // rules that must have removed someone
};

bool IsJob(const std::map<std::string, std::string>& v) {
  return v.at("kind") == "job" || v.at("kind").empty();
}
// KldB 2010: the fifth digit is the Anforderungsniveau (1 = Helfer).
bool IsHelperJob(const std::map<std::string, std::string>& v) {
  const std::string& code = v.at("occupation");
  return IsJob(v) && code.size() == 5 && code[4] == '1';
}
bool Qualified(const std::map<std::string, std::string>& p) {
  const std::string& q = p.at("qualification");
  return q == "vocational" || q == "academic";
}

std::set<std::string> GoalInternship(const std::map<std::string, std::string>& p,
                                     const std::map<std::string, std::string>& v) {
  if (p.at("goal") == "internship" && v.at("kind") != "internship") return {"goal_internship"};
  return {};
}

const std::vector<Programme>& Programmes() {
  static const std::vector<Programme> programmes = {
      {"joko.txtpb",
       "15089",
       [](const std::map<std::string, std::string>& p) {
         std::set<std::string> broken;
         const std::string& status = p.at("residence_status");
         if (!status.empty() && status != "anerkannt" && status != "104c") {
           broken.insert("residence_status_excluded");
         }
         if (No(p.at("sgb2_benefits"))) broken.insert("no_sgb2_benefits");
         return broken;
       },
       GoalInternship,
       {"residence_status_excluded", "no_sgb2_benefits"}},
      {"saxony-mentors.txtpb",
       "14522",
       [](const std::map<std::string, std::string>& p) {
         std::set<std::string> broken;
         if (MoreThanYearsBefore(p.at("in_germany_since"), 5)) broken.insert("in_germany_too_long");
         return broken;
       },
       [](const std::map<std::string, std::string>& p,
          const std::map<std::string, std::string>& v) {
         std::set<std::string> broken = GoalInternship(p, v);
         if (!Qualified(p) && IsJob(v)) broken.insert("unqualified_training_first");
         if (Qualified(p) && IsHelperJob(v)) broken.insert("helper_job_for_qualified");
         return broken;
       },
       {"in_germany_too_long", "unqualified_training_first", "helper_job_for_qualified"}},
      {"job-turbo.txtpb",
       "15082",
       [](const std::map<std::string, std::string>& p) {
         std::set<std::string> broken;
         if (No(p.at("sgb2_benefits"))) broken.insert("no_sgb2_benefits");
         return broken;
       },
       [](const std::map<std::string, std::string>& p,
          const std::map<std::string, std::string>& v) {
         std::set<std::string> broken = GoalInternship(p, v);
         if (No(p.at("german_work_experience")) && IsJob(v)) {
           broken.insert("internship_before_job");
         }
         return broken;
       },
       {"no_sgb2_benefits", "internship_before_job"}},
      {"leipzig-mentors.txtpb",
       "14713",
       [](const std::map<std::string, std::string>& p) {
         std::set<std::string> broken;
         if (Level(p.at("german_level")) < Level("A2")) broken.insert("below_programme_german");
         if (p.at("residence_status") == "geduldet_60a6") {
           broken.insert("residence_status_excluded");
         }
         const std::string& country = p.at("country_of_origin");
         if (SafeCountry(country)) broken.insert("safe_country_of_origin");
         return broken;
       },
       GoalInternship,
       {"below_programme_german", "residence_status_excluded", "safe_country_of_origin"}},
  };
  return programmes;
}

// The checks of the file comment on one run of `programme` on `data` written
// to `out`.
void ExpectTheRulesHold(const Programme& programme, const fs::path& data, const fs::path& out) {
  std::map<std::string, std::map<std::string, std::string>> participants;
  for (auto& row : ReadTable(data / "participants.csv")) participants[row["id"]] = row;
  std::map<std::string, std::map<std::string, std::string>> vacancies;
  for (auto& row : ReadTable(data / "vacancies.csv")) vacancies[row["id"]] = row;
  const nlohmann::json json = nlohmann::json::parse(ReadFile(out / "jobmatch.json"));

  // No proposal or alternative for anybody outside, none breaking a pathway rule.
  int lines = 0;
  for (const nlohmann::json& line : json["proposals"]) {
    const auto& p = participants.at(line["participant"].get<std::string>());
    const auto& v = vacancies.at(line["vacancy"].get<std::string>());
    EXPECT_TRUE(programme.admission(p).empty()) << p.at("id") << " is outside the programme";
    EXPECT_TRUE(programme.pathway(p, v).empty())
        << p.at("id") << " -> " << v.at("id") << " breaks " << *programme.pathway(p, v).begin();
    ++lines;
  }
  EXPECT_GT(lines, 0);

  // Everyone outside is unplaced, named with a rule they break in JSON and as
  // "Nicht im Programm" on their coordinator's sheet.
  std::map<std::string, std::string> sheet_reason;
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("proposals_", 0) != 0 || entry.path().extension() != ".csv") continue;
    for (auto& row : ReadTable(entry.path())) {
      if (row["Vorschlag"] == "kein Vorschlag") sheet_reason[row["Teilnehmer"]] = row["Begründung"];
    }
  }
  std::map<std::string, nlohmann::json> unplaced;
  for (const nlohmann::json& u : json["unplaced"]) unplaced[u["participant"]] = u;
  int outside = 0;
  for (const auto& [id, p] : participants) {
    const std::set<std::string> broken = programme.admission(p);
    if (broken.empty()) {
      if (unplaced.contains(id)) {
        EXPECT_TRUE(unplaced[id]["outside_programme"].is_null()) << id;
      }
      continue;
    }
    ++outside;
    ASSERT_TRUE(unplaced.contains(id)) << id;
    ASSERT_TRUE(unplaced[id]["outside_programme"].is_string()) << id;
    EXPECT_TRUE(broken.contains(unplaced[id]["outside_programme"].get<std::string>())) << id;
    EXPECT_EQ(sheet_reason[id].rfind("Nicht im Programm: ", 0), 0u)
        << id << ": " << sheet_reason[id];
  }
  EXPECT_GT(outside, 0) << "the generated data must put somebody outside " << programme.file;
  // A participant left without a vacancy by a pathway rule is told which.
  for (const auto& [id, u] : unplaced) {
    if (!u["pathway_rule"].is_string()) continue;
    EXPECT_EQ(sheet_reason[id].rfind("Kein Vorschlag nach den Regeln des Programms: ", 0), 0u)
        << id << ": " << sheet_reason[id];
  }

  // Every rule that removed someone is counted under its own key.
  const nlohmann::json& excluded = json["run"]["excluded_pairs"];
  for (const std::string& rule : programme.rules_expected) {
    ASSERT_TRUE(excluded.contains(rule)) << rule;
    EXPECT_GT(excluded[rule].get<int64_t>(), 0) << rule << " removed nobody in " << programme.file;
  }
}

class ProgrammeRun : public ::testing::TestWithParam<size_t> {};

TEST_P(ProgrammeRun, ProposesNobodyTheRulesExcludeAndNamesEveryRule) {
  const Programme& programme = Programmes()[GetParam()];
  const fs::path dir = fs::temp_directory_path() /
                       ("programmes_test_" + std::to_string(::getpid()) + "_" + programme.district);
  fs::remove_all(dir);
  const fs::path data = dir / "data";
  const fs::path out = dir / "out";
  std::string err;
  ASSERT_EQ(RunJobmatch("generate --tier district --district " + programme.district +
                            " --seed 7 --participants 300 --vacancies 600 --today " + kDate +
                            " --out " + data.string(),
                        &err),
            0)
      << err;
  FillMissingColumns(data / "participants.csv");
  ASSERT_EQ(RunJobmatch("run --data " + data.string() + " --config " +
                            (kSource / "examples" / "programmes" / programme.file).string() +
                            " --date " + kDate + " --out " + out.string(),
                        &err),
            0)
      << err;

  ExpectTheRulesHold(programme, data, out);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Shipped,
                         ProgrammeRun,
                         ::testing::Range<size_t>(0, 4),
                         [](const ::testing::TestParamInfo<size_t>& param) {
                           std::string name = Programmes()[param.param].file;
                           name = name.substr(0, name.find('.'));
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

// The embedded example is a JOKO district (Salzlandkreis 15089) and carries the
// status columns as generated: the JOKO profile runs on it as written, keeps
// its target group (recognised refugees and § 104c with SGB II benefits) and
// names the rule for everyone else.
TEST(JokoProgramme, RunsOnTheEmbeddedExampleAndKeepsItsTargetGroup) {
  const Programme& joko = Programmes()[0];
  ASSERT_EQ(joko.file, "joko.txtpb");
  const fs::path data = kSource / "examples" / "salzlandkreis";
  const fs::path out =
      fs::temp_directory_path() / ("programmes_test_" + std::to_string(::getpid()) + "_example");
  fs::remove_all(out);
  std::string err;
  ASSERT_EQ(RunJobmatch("run --data " + data.string() + " --config " +
                            (kSource / "examples" / "programmes" / joko.file).string() +
                            " --date " + kDate + " --out " + out.string(),
                        &err),
            0)
      << err;
  ExpectTheRulesHold(joko, data, out);
  fs::remove_all(out);
}

}  // namespace

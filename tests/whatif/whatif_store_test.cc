// End-to-end test of `jobmatch whatif --store`: on a store of two nights of
// the embedded example (night 1, a hire, a rejection and an acceptance
// recorded from its own sheets, night 2), the what-if for night 3 starts
// where `jobmatch run --store` for night 3 ends (same proposals, unplaced and
// total fit), each command's answer equals that run on the data changed the
// same way with the same store, and the store's bytes never change. Ids are
// taken from the program's own output, never written here, so the example
// may be regenerated.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/program.h"

namespace {

namespace fs = std::filesystem;
using jobmatch::test::ProgramOutcome;
using jobmatch::test::RunProgram;
using nlohmann::json;

const fs::path kExample = fs::path(JOBMATCH_SOURCE_DIR) / "examples" / "salzlandkreis";
constexpr const char* kNight1 = "2026-11-22";
constexpr const char* kNight2 = "2026-11-23";
constexpr const char* kNight3 = "2026-11-24";

using jobmatch::test::ReadFile;
using jobmatch::test::WriteFile;

ProgramOutcome Jobmatch(const std::string& arguments) {
  return RunProgram(JOBMATCH_BINARY, arguments);
}

// One CSV line split at ';' outside quotes (quotes kept as written).
std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ';' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

std::string Join(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i > 0 ? ";" : "") + cells[i];
  return line;
}

// A CSV file of the dataset as lines (the BOM and line ends kept aside).
struct Table {
  std::string bom;
  std::string eol = "\n";
  std::vector<std::string> lines;

  static Table Read(const fs::path& file) {
    Table t;
    std::string bytes = ReadFile(file);
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) {
      t.bom = bytes.substr(0, 3);
      bytes.erase(0, 3);
    }
    if (bytes.find("\r\n") != std::string::npos) t.eol = "\r\n";
    std::istringstream in(bytes);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) t.lines.push_back(line);
    }
    return t;
  }
  void Write(const fs::path& file) const {
    std::string bytes = bom;
    for (const std::string& line : lines) bytes += line + eol;
    WriteFile(file, bytes);
  }
  size_t Column(const std::string& name) const {
    const std::vector<std::string> header = Cells(lines.at(0));
    const auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << "no column " << name;
    return static_cast<size_t>(it - header.begin());
  }
  // Sets column `name` of the row whose first cell is `id`; false if none.
  bool Set(const std::string& id, const std::string& name, const std::string& value) {
    const size_t column = Column(name);
    for (size_t i = 1; i < lines.size(); ++i) {
      std::vector<std::string> cells = Cells(lines[i]);
      if (cells.at(0) != id) continue;
      cells.at(column) = value;
      lines[i] = Join(cells);
      return true;
    }
    return false;
  }
  bool Remove(const std::string& id) {
    const auto it = std::find_if(lines.begin() + 1, lines.end(), [&](const std::string& line) {
      return Cells(line).at(0) == id;
    });
    if (it == lines.end()) return false;
    lines.erase(it);
    return true;
  }
};

// The figures `jobmatch.json`'s run and a what-if answer have in common.
struct Figures {
  int64_t proposals = -1;
  int64_t unplaced = -1;
  double total_score = -1;
};

Figures FiguresOf(const json& object) {
  return Figures{object.at("proposals").get<int64_t>(),
                 object.at("unplaced").get<int64_t>(),
                 object.at("total_score").get<double>()};
}

void ExpectSameFigures(const Figures& whatif, const Figures& run, const std::string& what) {
  EXPECT_EQ(whatif.proposals, run.proposals) << what;
  EXPECT_EQ(whatif.unplaced, run.unplaced) << what;
  EXPECT_NEAR(whatif.total_score, run.total_score, 1.5e-4) << what;
}

class WhatifStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jobmatch_whatif_store_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = dir_ / "runs.sqlite";
  }
  void TearDown() override {
    if (!std::getenv("KEEP")) fs::remove_all(dir_);
  }

  // `jobmatch run` for `date` on `data` with a copy of the store (the store
  // itself stays as the test built it); its jobmatch.json.
  json RunOnCopy(const fs::path& data, const std::string& date, const std::string& name) {
    const fs::path copy = dir_ / (name + ".sqlite");
    fs::copy_file(store_, copy, fs::copy_options::overwrite_existing);
    const fs::path out = dir_ / ("out_" + name);
    const ProgramOutcome run = Jobmatch("run --data " + data.string() + " --out " + out.string() +
                                        " --date " + date + " --store " + copy.string());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(ReadFile(out / "jobmatch.json"));
  }

  // The what-if's JSON answers (start first) to `script` for `date`.
  std::vector<json> Whatif(const std::string& date, const std::string& script) {
    const fs::path file = dir_ / "script.jmw";
    WriteFile(file, script);
    const ProgramOutcome run =
        Jobmatch("whatif --json --data " + kExample.string() + " --date " + date + " --store " +
                 store_.string() + " --script " + file.string());
    EXPECT_EQ(run.exit_code, 0) << run.err << run.out;
    std::vector<json> answers;
    std::istringstream in(run.out);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) answers.push_back(json::parse(line));
    }
    return answers;
  }

  // A copy of the example's data with `change` applied to it.
  fs::path ChangedData(const std::string& name,
                       const std::function<void(const fs::path&)>& change) {
    fs::path data = dir_ / ("data_" + name);
    fs::create_directories(data);
    for (const auto& entry : fs::directory_iterator(kExample)) {
      if (entry.path().extension() == ".csv") {
        fs::copy_file(entry.path(), data / entry.path().filename());
      }
    }
    change(data);
    return data;
  }

  fs::path dir_;
  fs::path store_;
};

TEST_F(WhatifStore, StartsWhereTheNightlyRunStartsAndAnswersLikeItOnChangedData) {
  // Night 1, then a hire, a rejection and an acceptance on its proposals.
  const fs::path night1 = dir_ / "night1";
  ProgramOutcome run = Jobmatch("run --data " + kExample.string() + " --out " + night1.string() +
                                " --date " + kNight1 + " --store " + store_.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<fs::path> sheets;
  for (const auto& entry : fs::directory_iterator(night1)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("proposals_", 0) == 0 && entry.path().extension() == ".csv") {
      sheets.push_back(entry.path());
    }
  }
  std::sort(sheets.begin(), sheets.end());
  ASSERT_FALSE(sheets.empty());
  Table sheet = Table::Read(sheets.front());
  const size_t kind = sheet.Column("Vorschlag");
  const size_t decision = sheet.Column("Entscheidung");
  const size_t date = sheet.Column("Datum");
  const std::vector<std::string> words = {"eingestellt", "abgelehnt", "angenommen"};
  std::set<std::string> decided_vacancies;
  size_t next_word = 0;
  for (size_t i = 1; i < sheet.lines.size() && next_word < words.size(); ++i) {
    std::vector<std::string> cells = Cells(sheet.lines[i]);
    if (cells.at(kind) != "Vorschlag") continue;
    cells.at(decision) = words[next_word++];
    cells.at(date) = kNight2;
    decided_vacancies.insert(cells.at(sheet.Column("Stelle")));
    sheet.lines[i] = Join(cells);
  }
  ASSERT_EQ(next_word, words.size()) << "the first sheet needs three proposals";
  const fs::path filled = dir_ / "filled";
  fs::create_directories(filled);
  sheet.Write(filled / sheets.front().filename());
  run = Jobmatch("record --store " + store_.string() + " " +
                 (filled / sheets.front().filename()).string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  run = Jobmatch("run --data " + kExample.string() + " --out " + (dir_ / "night2").string() +
                 " --date " + kNight2 + " --store " + store_.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string store_bytes = ReadFile(store_);

  // Night 3: the what-if's start is the run's result.
  const json night3 = RunOnCopy(kExample, kNight3, "night3");
  const std::vector<json> start = Whatif(kNight3, "");
  ASSERT_EQ(start.size(), 1u);
  ExpectSameFigures(FiguresOf(start[0]), FiguresOf(night3.at("run")), "start");
  // The hired participant is out of the pool; the store made a difference.
  const json plain = json::parse(ReadFile(night1 / "jobmatch.json"));
  EXPECT_LT(night3.at("run").at("participants").get<int64_t>(),
            plain.at("run").at("participants").get<int64_t>());

  // Ids for the commands, from the run's own output.
  std::string unplaced_id;
  std::string coordinator_id;
  for (const json& u : night3.at("unplaced")) {
    unplaced_id = u.at("participant").get<std::string>();
    coordinator_id = u.at("coordinator").get<std::string>();
    break;
  }
  std::string free_vacancy;  // proposed tonight, no decision on it
  for (const json& p : night3.at("proposals")) {
    if (!p.at("assigned").get<bool>()) continue;
    const std::string v = p.at("vacancy").get<std::string>();
    if (!decided_vacancies.contains(v)) {
      free_vacancy = v;
      break;
    }
  }
  ASSERT_FALSE(unplaced_id.empty());
  ASSERT_FALSE(free_vacancy.empty());

  struct Case {
    std::string command;
    std::function<void(const fs::path&)> change;
  };
  const std::vector<Case> cases = {
      {"capacity " + coordinator_id + " 30",
       [&](const fs::path& d) {
         Table t = Table::Read(d / "coordinators.csv");
         ASSERT_TRUE(t.Set(coordinator_id, "capacity", "30"));
         t.Write(d / "coordinators.csv");
       }},
      {"german C1 " + unplaced_id,
       [&](const fs::path& d) {
         Table t = Table::Read(d / "participants.csv");
         ASSERT_TRUE(t.Set(unplaced_id, "german_level", "C1"));
         t.Write(d / "participants.csv");
       }},
      {"withdraw-vacancy " + free_vacancy,
       [&](const fs::path& d) {
         Table t = Table::Read(d / "vacancies.csv");
         ASSERT_TRUE(t.Remove(free_vacancy));
         t.Write(d / "vacancies.csv");
       }},
  };
  std::string script;
  for (const Case& c : cases) script += c.command + "\nreset\n";
  const std::vector<json> answers = Whatif(kNight3, script);
  ASSERT_EQ(answers.size(), 1 + 2 * cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    const json& answer = answers[1 + 2 * i];
    const json cold = RunOnCopy(
        ChangedData(std::to_string(i), cases[i].change), kNight3, "case" + std::to_string(i));
    ExpectSameFigures(FiguresOf(answer), FiguresOf(cold.at("run")), cases[i].command);
  }

  // Read only: the store is byte for byte what night 2 left.
  EXPECT_EQ(ReadFile(store_), store_bytes);
  EXPECT_FALSE(fs::exists(fs::path(store_.string() + "-journal")));
}

TEST_F(WhatifStore, AMissingStoreIsAnErrorAndIsNotCreated) {
  const ProgramOutcome run = Jobmatch("whatif --data " + kExample.string() + " --date " + kNight1 +
                                      " --store " + store_.string() + " --script /dev/null");
  EXPECT_EQ(run.exit_code, 66) << run.err;
  EXPECT_FALSE(fs::exists(store_));
}

}  // namespace

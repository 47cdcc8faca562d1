// End-to-end tests of a real sheet's extra columns (name, phone, notes): the
// example with three extra participant columns holding unique marker values
// is run, reported, evaluated and recorded in a store; each marker appears
// only in its participant's own coordinator's sheet, on that participant's
// lines, and nowhere in jobmatch.json, the reports, the store, stdout or
// stderr. A bad cell next to a note gives an error without the note.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "store/xlsx_reader.h"
#include "tests/support/program.h"

namespace jobmatch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path kExample = fs::path(JOBMATCH_SOURCE_DIR) / "examples" / "salzlandkreis";
const char* kDate = "2026-11-22";
// Part of every marker value; it occurs nowhere else.
const char* kMarker = "QX7MARK";

using test::ProgramOutcome;
using test::ReadFile;
using test::ReadTree;
using test::WriteFile;

ProgramOutcome Jobmatch(const std::string& arguments) {
  return test::RunProgram(JOBMATCH_BINARY, arguments);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // Excel's CRLF
    lines.push_back(line);
  }
  return lines;
}

class ExtraColumns : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_extra_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "data");
    for (const auto& entry : fs::directory_iterator(kExample)) {
      if (entry.path().extension() == ".csv") {
        fs::copy_file(entry.path(), dir_ / "data" / entry.path().filename());
      }
    }
    // Three extra columns; every participant's cells carry the marker and
    // their id: "QX7MARK Name P-000001", "QX7MARK Tel P-000001", ...
    const std::vector<std::string> lines = Lines(ReadFile(dir_ / "data" / "participants.csv"));
    std::string out = lines.at(0) + ";Name;Telefon;Notizen\n";
    for (size_t i = 1; i < lines.size(); ++i) {
      const std::string id = lines[i].substr(0, lines[i].find(';'));
      out += lines[i] + ";" + kMarker + " Name " + id + ";" + kMarker + " Tel " + id + ";\"" +
             kMarker + " Notiz " + id + ", spricht auch Englisch\"\n";
      owner_of_[id] =
          lines[i].substr(id.size() + 1, lines[i].find(';', id.size() + 1) - id.size() - 1);
    }
    WriteFile(dir_ / "data" / "participants.csv", out);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::map<std::string, std::string> owner_of_;  // participant id -> coordinator id
};

TEST_F(ExtraColumns, AppearOnlyInTheOwnersSheetAndNowhereElse) {
  const fs::path out = dir_ / "out";
  const fs::path store = dir_ / "store" / "runs.sqlite";
  fs::create_directories(store.parent_path());
  const ProgramOutcome run =
      Jobmatch("run --data " + (dir_ / "data").string() + " --out " + out.string() + " --date " +
               kDate + " --store " + store.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, Not(HasSubstr(kMarker)));
  EXPECT_THAT(run.err, Not(HasSubstr(kMarker)));

  const std::map<std::string, std::string> files = ReadTree(out);
  ASSERT_TRUE(files.contains("jobmatch.json"));
  EXPECT_THAT(files.at("jobmatch.json"), Not(HasSubstr(kMarker)));
  std::set<std::string> shown;  // participants whose cells a sheet shows, per format
  for (const auto& [name, bytes] : files) {
    if (name.rfind("proposals_", 0) != 0) {
      EXPECT_THAT(bytes, Not(HasSubstr(kMarker))) << name;
      continue;
    }
    // The sheet's rows as text, cells joined by ';' (the xlsx read back).
    const bool xlsx = name.ends_with(".xlsx");
    std::vector<std::string> rows;
    if (xlsx) {
      const auto sheet = jobmatch::store::ReadXlsxSheet(out / name, name);
      ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
      for (const auto& row : sheet.value().rows) {
        std::string text;
        for (size_t c = 0; c < row.cells.size(); ++c)
          text += (c > 0 ? ";" : "") + row.cells[c].text;
        rows.push_back(text);
      }
    } else {
      rows = Lines(bytes);
    }
    const std::string stem = name.substr(0, name.rfind('.'));
    bool header_seen = false;
    for (const std::string& row : rows) {
      const std::string id = row.substr(0, row.find(';'));
      if (!owner_of_.contains(id)) {  // title, header or capacity row
        header_seen = header_seen || row.find(";Name;Telefon;Notizen") != std::string::npos;
        EXPECT_THAT(row, Not(HasSubstr(kMarker))) << name;
        continue;
      }
      // This sheet is the owner's, and the cells are this participant's,
      // unchanged (the note with its comma needs no quotes between ';').
      EXPECT_EQ(stem, "proposals_" + owner_of_.at(id)) << name;
      EXPECT_THAT(row, HasSubstr(std::string(kMarker) + " Name " + id + ";"));
      EXPECT_THAT(row, HasSubstr(std::string(kMarker) + " Tel " + id + ";"));
      EXPECT_THAT(row,
                  ::testing::EndsWith(";" + std::string(kMarker) + " Notiz " + id +
                                      ", spricht auch Englisch"));
      shown.insert((xlsx ? "xlsx " : "csv ") + id);
    }
    EXPECT_TRUE(header_seen) << name;
  }
  EXPECT_GT(shown.size(), 20u);  // csv and xlsx

  // The store (database and any journal next to it) holds no marker.
  for (const auto& [name, bytes] : ReadTree(store.parent_path())) {
    EXPECT_EQ(bytes.find(kMarker), std::string::npos) << name;
  }

  // Reports and the evaluation: no marker in any file or message.
  const ProgramOutcome report = Jobmatch("report --data " + (dir_ / "data").string() + " --out " +
                                         (dir_ / "report").string() + " --date " + kDate);
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const ProgramOutcome evaluate =
      Jobmatch("evaluate --data " + (dir_ / "data").string() + " --out " +
               (dir_ / "evaluation").string() + " --date " + kDate + " --draws 2");
  ASSERT_EQ(evaluate.exit_code, 0) << evaluate.err;
  for (const ProgramOutcome* o : {&report, &evaluate}) {
    EXPECT_THAT(o->out, Not(HasSubstr(kMarker)));
    EXPECT_THAT(o->err, Not(HasSubstr(kMarker)));
  }
  for (const char* folder : {"report", "evaluation"}) {
    for (const auto& [name, bytes] : ReadTree(dir_ / folder)) {
      EXPECT_EQ(bytes.find(kMarker), std::string::npos) << folder << "/" << name;
    }
  }
}

TEST_F(ExtraColumns, AnErrorInTheRowNeverReprintsTheNotes) {
  std::string text = ReadFile(dir_ / "data" / "participants.csv");
  const size_t row = text.find("\nP-000003;");
  ASSERT_NE(row, std::string::npos);
  // P-000003's German level becomes "B7".
  size_t at = row + 1;
  for (int semicolons = 0; semicolons < 3; ++at) semicolons += text[at] == ';' ? 1 : 0;
  const size_t end = text.find(';', at);
  text.replace(at, end - at, "B7");
  WriteFile(dir_ / "data" / "participants.csv", text);
  const ProgramOutcome run = Jobmatch("run --data " + (dir_ / "data").string() + " --out " +
                                      (dir_ / "out").string() + " --date " + kDate);
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_THAT(run.err, HasSubstr("german_level"));
  EXPECT_THAT(run.err, HasSubstr("B7"));
  EXPECT_THAT(run.err, Not(HasSubstr(kMarker)));
  EXPECT_THAT(run.out, Not(HasSubstr(kMarker)));
}

TEST_F(ExtraColumns, AMisspeltColumnIsRefusedWithTheSuggestionAndConfigDecides) {
  const std::string with_extras = ReadFile(dir_ / "data" / "participants.csv");
  std::string misspelt_text = with_extras;
  const size_t header = misspelt_text.find("german_level");
  ASSERT_NE(header, std::string::npos);
  misspelt_text.replace(header, 12, "german_levle");
  WriteFile(dir_ / "data" / "participants.csv", misspelt_text);
  const ProgramOutcome misspelt = Jobmatch("validate --data " + (dir_ / "data").string());
  EXPECT_EQ(misspelt.exit_code, 65);
  EXPECT_THAT(misspelt.err, HasSubstr("german_levle"));
  EXPECT_THAT(misspelt.err, HasSubstr("did you mean 'german_level'"));
  EXPECT_THAT(misspelt.err, Not(HasSubstr(kMarker)));

  // Undeclared extra columns refused on request; declared ones still kept.
  WriteFile(dir_ / "data" / "participants.csv", with_extras);
  WriteFile(dir_ / "strict.txtpb", "loader { unknown_columns_are_errors: true }\n");
  const ProgramOutcome strict = Jobmatch("validate --data " + (dir_ / "data").string() +
                                         " --config " + (dir_ / "strict.txtpb").string());
  EXPECT_EQ(strict.exit_code, 65);
  EXPECT_THAT(strict.err, HasSubstr("unknown column"));
  EXPECT_THAT(strict.err, HasSubstr("Telefon"));
  EXPECT_THAT(strict.err, Not(HasSubstr(kMarker)));
  WriteFile(dir_ / "declared.txtpb",
            "loader {\n  unknown_columns_are_errors: true\n"
            "  keep_column { file: \"participants\" header: \"Name\" }\n"
            "  keep_column { file: \"participants\" header: \"Notizen\" }\n"
            "  ignore_column { file: \"participants\" header: \"Telefon\" }\n}\n");
  const fs::path out = dir_ / "out";
  const ProgramOutcome declared =
      Jobmatch("run --data " + (dir_ / "data").string() + " --out " + out.string() + " --date " +
               kDate + " --config " + (dir_ / "declared.txtpb").string());
  ASSERT_EQ(declared.exit_code, 0) << declared.err;
  bool any_sheet = false;
  for (const auto& [name, bytes] : ReadTree(out)) {
    if (name.rfind("proposals_", 0) != 0 || !name.ends_with(".csv")) continue;
    any_sheet = true;
    EXPECT_THAT(Lines(bytes).at(0), HasSubstr(";Name;Notizen"));
    EXPECT_THAT(bytes, Not(HasSubstr("Telefon")));  // ignored: neither header nor cells
    EXPECT_THAT(bytes, Not(HasSubstr(" Tel ")));
  }
  EXPECT_TRUE(any_sheet);
}

}  // namespace
}  // namespace jobmatch

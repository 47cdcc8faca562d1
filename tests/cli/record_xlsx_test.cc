// End-to-end tests of `jobmatch record` on xlsx decision sheets: the
// proposals_<coordinator>.xlsx a run wrote, filled in (rewritten with
// libxlsxwriter as a coordinator's Excel would save the typed cells), is
// recorded once and recording it again changes nothing; the same decisions
// in a workbook laid out as Excel saves it (shared strings, columns in
// another order, a date cell) are found by their headers; a sheet with an
// unknown participant, vacancy or word exits 65 naming file and row and
// records nothing; and a sheet LibreOffice saved again (a fixture in
// tests/data/xlsx) is read.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/records.h"
#include "reports/xlsx_writer.h"
#include "store/run_store.h"
#include "store/xlsx_reader.h"
#include "tests/support/program.h"
#include "tests/support/zip_file.h"

namespace jobmatch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path kExample = fs::path(JOBMATCH_SOURCE_DIR) / "examples" / "salzlandkreis";
const fs::path kFixtures = fs::path(JOBMATCH_TEST_DATA_DIR) / "xlsx";
constexpr const char* kNight1 = "2026-11-22";

test::ProgramOutcome Jobmatch(const std::string& arguments) {
  return test::RunProgram(JOBMATCH_BINARY, arguments);
}

// A proposal line of a sheet: its row and ids.
struct SheetLine {
  int64_t line = 0;
  std::string kind;  // Vorschlag, Alternative, kein Vorschlag
  std::string participant;
  std::string vacancy;
};

struct ReadSheet {
  store::XlsxSheet sheet;
  size_t header = 0;  // index into sheet.rows
  std::map<std::string, size_t> columns;
  std::vector<SheetLine> lines;
};

std::string CellText(const store::XlsxSheet& sheet, size_t row, size_t column) {
  const auto& cells = sheet.rows[row].cells;
  return column < cells.size() ? cells[column].text : std::string();
}

ReadSheet Read(const fs::path& file) {
  ReadSheet read;
  Result<store::XlsxSheet> sheet = store::ReadXlsxSheet(file, file.filename().string());
  EXPECT_TRUE(sheet.ok()) << sheet.error().ToString();
  if (!sheet.ok()) return read;
  read.sheet = std::move(sheet).value();
  for (size_t r = 0; r < read.sheet.rows.size(); ++r) {
    if (CellText(read.sheet, r, 0) == "Teilnehmer") {
      read.header = r;
      break;
    }
  }
  const auto& header = read.sheet.rows[read.header].cells;
  for (size_t c = 0; c < header.size(); ++c) read.columns[header[c].text] = c;
  for (size_t r = read.header + 1; r < read.sheet.rows.size(); ++r) {
    read.lines.push_back(SheetLine{read.sheet.rows[r].line,
                                   CellText(read.sheet, r, read.columns["Vorschlag"]),
                                   CellText(read.sheet, r, read.columns["Teilnehmer"]),
                                   CellText(read.sheet, r, read.columns["Stelle"])});
  }
  return read;
}

struct Filled {
  std::string word;
  std::optional<Date> date;
};

// The sheet as the coordinator saves it after typing `decisions` (by sheet
// row) into Entscheidung and Datum: every other cell as read, typed.
void WriteFilled(const ReadSheet& read,
                 const std::map<int64_t, Filled>& decisions,
                 const fs::path& out) {
  reports::XlsxLayout layout;
  layout.sheet_name = read.sheet.name;
  layout.title = CellText(read.sheet, 0, 0);
  for (const auto& cell : read.sheet.rows[read.header].cells) {
    layout.columns.push_back(reports::XlsxColumn{cell.text, 0, false, false, {}});
  }
  layout.created = *ParseDate("2026-11-23");
  reports::XlsxWriter writer(out, layout);
  const size_t decision = read.columns.at("Entscheidung");
  const size_t date = read.columns.at("Datum");
  for (size_t r = read.header + 1; r < read.sheet.rows.size(); ++r) {
    const auto& row = read.sheet.rows[r];
    const auto filled = decisions.find(row.line);
    for (size_t c = 0; c < layout.columns.size(); ++c) {
      if (filled != decisions.end() && c == decision) {
        writer.Text(filled->second.word);
      } else if (filled != decisions.end() && c == date && filled->second.date) {
        writer.Day(*filled->second.date);
      } else if (c >= row.cells.size() || row.cells[c].kind == store::XlsxCellKind::kEmpty) {
        writer.Empty();
      } else if (row.cells[c].kind == store::XlsxCellKind::kNumber) {
        writer.Number(row.cells[c].number, 3);
      } else {
        writer.Text(row.cells[c].text);
      }
    }
    writer.EndRow();
  }
  ASSERT_FALSE(writer.Close().has_value());
}

class RecordXlsx : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jobmatch_record_xlsx_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = dir_ / "store.db";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Night 1 on the example, recorded in the store; the first coordinator's
  // xlsx as written.
  ReadSheet NightOne() {
    const test::ProgramOutcome run =
        Jobmatch("run --data " + kExample.string() + " --out " + (dir_ / "out").string() +
                 " --date " + kNight1 + " --store " + store_.string());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return Read(dir_ / "out" / "proposals_K-15089-1.xlsx");
  }

  test::ProgramOutcome Record(const fs::path& sheet) {
    return Jobmatch("record --store " + store_.string() + " " + sheet.string());
  }

  fs::path dir_;
  fs::path store_;
};

// The first Vorschlag line, and the first Alternative line of another participant.
std::pair<SheetLine, SheetLine> TwoLines(const ReadSheet& read) {
  SheetLine proposal;
  SheetLine alternative;
  for (const SheetLine& line : read.lines) {
    if (proposal.line == 0 && line.kind == "Vorschlag") proposal = line;
  }
  for (const SheetLine& line : read.lines) {
    if (alternative.line == 0 && line.kind == "Alternative" &&
        line.participant != proposal.participant) {
      alternative = line;
    }
  }
  EXPECT_NE(proposal.line, 0);
  EXPECT_NE(alternative.line, 0);
  return {proposal, alternative};
}

TEST_F(RecordXlsx, TheWrittenSheetFilledInIsRecordedOnceAndAgainChangesNothing) {
  const ReadSheet written = NightOne();
  ASSERT_FALSE(written.lines.empty());
  const auto [hired, rejected] = TwoLines(written);
  const fs::path filled = dir_ / "proposals_K-15089-1.xlsx";
  WriteFilled(written,
              {{hired.line, {"eingestellt", ParseDate("2026-11-23")}},
               {rejected.line, {"abgelehnt", std::nullopt}}},
              filled);
  test::ProgramOutcome record = Record(filled);
  ASSERT_EQ(record.exit_code, 0) << record.err;
  EXPECT_THAT(record.out, HasSubstr("2 decisions recorded, 0 already"));
  record = Record(filled);
  ASSERT_EQ(record.exit_code, 0) << record.err;
  EXPECT_THAT(record.out, HasSubstr("0 decisions recorded, 2 already"));

  // History shows the hire with the date typed as an Excel date.
  const test::ProgramOutcome history =
      Jobmatch("history --store " + store_.string() + " --participant " + hired.participant);
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_THAT(history.out, HasSubstr("2026-11-23"));
}

TEST_F(RecordXlsx, AnExcelLaidOutSheetIsReadByItsHeaders) {
  const ReadSheet written = NightOne();
  const auto [hired, rejected] = TwoLines(written);
  // As Excel saves it: shared strings, the columns in another order, a title
  // row, a date cell with a date format (style 1), empty cells left out.
  std::vector<std::string> strings;
  auto s = [&](const std::string& text) {
    strings.push_back("<t>" + text + "</t>");
    return "t=\"s\"><v>" + std::to_string(strings.size() - 1) + "</v>";
  };
  std::string data = "<row r=\"1\"><c r=\"A1\" " + s("Vorschläge") + "</c></row>";
  data += "<row r=\"3\"><c r=\"A3\" " + s("Entscheidung") + "</c><c r=\"B3\" " + s("Stelle") +
          "</c><c r=\"C3\" " + s("Notiz") + "</c><c r=\"D3\" " + s("Teilnehmer") +
          "</c><c r=\"E3\" " + s("Datum") + "</c><c r=\"F3\" " + s("Vorschlag") + "</c></row>";
  data += "<row r=\"4\"><c r=\"B4\" " + s(hired.vacancy) + "</c><c r=\"D4\" " +
          s(hired.participant) + "</c><c r=\"F4\" " + s(hired.kind) + "</c></row>";
  data += "<row r=\"5\"><c r=\"A5\" " + s("Eingestellt") + "</c><c r=\"B5\" " + s(hired.vacancy) +
          "</c><c r=\"C5\" " + s("Start am 1. Dezember") + "</c><c r=\"D5\" " +
          s(hired.participant) + "</c><c r=\"E5\" s=\"1\"><v>46349</v></c><c r=\"F5\" " +
          s(hired.kind) + "</c></row>";
  const fs::path sheet = dir_ / "excel.xlsx";
  ASSERT_TRUE(test::WriteZip(sheet, test::ExcelStyleWorkbook(data, strings)));
  const test::ProgramOutcome record = Record(sheet);
  ASSERT_EQ(record.exit_code, 0) << record.err;
  EXPECT_THAT(record.out, HasSubstr("1 decision recorded"));
  const test::ProgramOutcome history =
      Jobmatch("history --store " + store_.string() + " --participant " + hired.participant);
  EXPECT_THAT(history.out, HasSubstr("2026-11-23"));  // serial 46349
}

TEST_F(RecordXlsx, AnUnknownParticipantVacancyOrWordExits65NamingFileAndRowAndRecordsNothing) {
  const ReadSheet written = NightOne();
  const auto [hired, rejected] = TwoLines(written);
  // Rows of the sheet to spoil, one at a time, next to a good decision.
  struct Spoiled {
    const char* what;
    std::string participant;
    std::string vacancy;
    std::string word;
  };
  const std::vector<Spoiled> spoiled = {
      {"participant", "P-999999", rejected.vacancy, "abgelehnt"},
      {"vacancy", rejected.participant, "V-999999", "abgelehnt"},
      {"word", rejected.participant, rejected.vacancy, "vielleicht"},
  };
  for (const Spoiled& bad : spoiled) {
    ReadSheet copy = written;
    for (auto& row : copy.sheet.rows) {
      if (row.line != rejected.line) continue;
      row.cells[copy.columns["Teilnehmer"]].text = bad.participant;
      row.cells[copy.columns["Stelle"]].text = bad.vacancy;
    }
    const fs::path sheet = dir_ / (std::string("bad_") + bad.what + ".xlsx");
    WriteFilled(copy,
                {{hired.line, {"eingestellt", std::nullopt}}, {rejected.line, {bad.word, {}}}},
                sheet);
    const test::ProgramOutcome record = Record(sheet);
    EXPECT_EQ(record.exit_code, 65) << bad.what << "\n" << record.out << record.err;
    EXPECT_THAT(record.err,
                HasSubstr(sheet.filename().string() + ":" + std::to_string(rejected.line)))
        << bad.what;
    EXPECT_THAT(record.err, Not(HasSubstr("vielleicht"))) << "cell text is not repeated";
  }
  // Nothing was recorded: the good decision is new now.
  const fs::path good = dir_ / "good.xlsx";
  WriteFilled(written, {{hired.line, {"eingestellt", std::nullopt}}}, good);
  const test::ProgramOutcome record = Record(good);
  ASSERT_EQ(record.exit_code, 0) << record.err;
  EXPECT_THAT(record.out, HasSubstr("1 decision recorded, 0 already"));
}

// tests/data/xlsx/resaved_by_libreoffice.xlsx: a sheet jobmatch wrote for
// the synthetic participants T-0..T-3, decisions typed in, then saved again
// by LibreOffice 7.4 (soffice --convert-to xlsx): shared strings, its own
// styles, the date as a serial number.
TEST_F(RecordXlsx, ASheetLibreOfficeSavedAgainIsRead) {
  const fs::path fixture = kFixtures / "resaved_by_libreoffice.xlsx";
  ASSERT_TRUE(fs::exists(fixture));
  Result<store::XlsxSheet> sheet = store::ReadXlsxSheet(fixture, "fixture");
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  Result<std::string> strings = store::ReadXlsxPart(fixture, "fixture", "xl/sharedStrings.xml");
  ASSERT_TRUE(strings.ok()) << "LibreOffice writes shared strings";

  // An earlier run that proposed what the sheet holds.
  {
    Result<store::RunStore> opened = store::RunStore::Open(store_);
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store::RunRecord run;
    run.run_date = *ParseDate("2026-11-22");
    run.program_version = "test";
    run.data = "synthetic";
    const ReadSheet read = Read(fixture);
    for (const SheetLine& line : read.lines) {
      if (line.kind != "Vorschlag" && line.kind != "Alternative") continue;
      store::StoredProposal proposal;
      proposal.coordinator_id = "K-1";
      proposal.participant_id = line.participant;
      proposal.vacancy_id = line.vacancy;
      proposal.assigned = line.kind == "Vorschlag";
      run.proposals.push_back(proposal);
    }
    ASSERT_FALSE(run.proposals.empty());
    Result<int64_t> recorded = opened.value().RecordRun(run);
    ASSERT_TRUE(recorded.ok()) << recorded.error().ToString();
  }
  test::ProgramOutcome record = Record(fixture);
  ASSERT_EQ(record.exit_code, 0) << record.err;
  EXPECT_THAT(record.out, HasSubstr("2 decisions recorded, 0 already"));
  record = Record(fixture);
  EXPECT_THAT(record.out, HasSubstr("0 decisions recorded, 2 already"));
  const test::ProgramOutcome history =
      Jobmatch("history --store " + store_.string() + " --participant T-0");
  EXPECT_THAT(history.out, HasSubstr("2026-11-23"));
}

}  // namespace
}  // namespace jobmatch

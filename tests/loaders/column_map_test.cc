// Tests loaders/column_map.h: header cells as people write them -> the
// canonical columns of each interchange table.

#include "loaders/column_map.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace jobmatch {
namespace {

using ::testing::HasSubstr;

const std::string kFile = "data/participants.csv";

int CellOf(const HeaderMap& map, int column) {
  return map.cell_of_column[static_cast<size_t>(column)];
}

TEST(MapHeader, AcceptsTheCanonicalEnglishNames) {
  std::vector<std::string> header;
  for (const ColumnSpec& c : Columns(Table::kParticipants)) header.emplace_back(c.name);
  const Result<HeaderMap> map = MapHeader(Table::kParticipants, header, {}, kFile, 1);
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  for (int c = 0; c < kNumParticipantColumns; ++c) EXPECT_EQ(CellOf(map.value(), c), c);
}

TEST(MapHeader, AcceptsGermanNamesIgnoringCaseBlanksAndDashes) {
  const Result<HeaderMap> map = MapHeader(Table::kParticipants,
                                          {"TEILNEHMER ID",
                                           " Koordinator ",
                                           "PLZ",
                                           "deutschniveau",
                                           "Max.  Pendelzeit",
                                           "FÜHRERSCHEIN",
                                           "Stunden pro Woche"},
                                          {},
                                          kFile,
                                          1);
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  EXPECT_EQ(CellOf(map.value(), kParticipantId), 0);
  EXPECT_EQ(CellOf(map.value(), kParticipantCoordinatorId), 1);
  EXPECT_EQ(CellOf(map.value(), kParticipantPlace), 2);
  EXPECT_EQ(CellOf(map.value(), kParticipantGermanLevel), 3);
  EXPECT_EQ(CellOf(map.value(), kParticipantMaxCommuteMinutes), 4);
  EXPECT_EQ(CellOf(map.value(), kParticipantDrivingLicence), 5);
  EXPECT_EQ(CellOf(map.value(), kParticipantHoursPerWeek), 6);
  EXPECT_EQ(CellOf(map.value(), kParticipantCar), kNoColumn);
}

TEST(MapHeader, ReportsAnUnknownColumnByNameAndListsTheExpectedOnes) {
  const Result<HeaderMap> map =
      MapHeader(Table::kCoordinators, {"id", "Lieblingsfarbe", "capacity"}, {}, "k.csv", 4);
  ASSERT_FALSE(map.ok());
  ASSERT_EQ(map.error().diagnostics.size(), 1u);
  const Diagnostic& d = map.error().diagnostics[0];
  EXPECT_EQ(d.file, "k.csv");
  EXPECT_EQ(d.line, 4);
  EXPECT_EQ(d.value, "Lieblingsfarbe");
  EXPECT_THAT(d.message, HasSubstr("id, name, district, fte, capacity"));
}

TEST(MapHeader, ReportsAColumnNamedTwice) {
  const Result<HeaderMap> map =
      MapHeader(Table::kParticipants,
                {"id", "coordinator_id", "PLZ", "Wohnort", "german_level"},
                {},
                kFile,
                1);
  ASSERT_FALSE(map.ok());
  ASSERT_EQ(map.error().diagnostics.size(), 1u);
  EXPECT_EQ(map.error().diagnostics[0].field, "place");
  EXPECT_THAT(map.error().diagnostics[0].message, HasSubstr("'PLZ' and 'Wohnort'"));
}

TEST(MapHeader, ReportsEveryMissingRequiredColumn) {
  const Result<HeaderMap> map = MapHeader(Table::kVacancies, {"id", "title"}, {}, "v.csv", 1);
  ASSERT_FALSE(map.ok());
  std::set<std::string> missing;
  for (const Diagnostic& d : map.error().diagnostics) missing.insert(d.field);
  EXPECT_EQ(missing, (std::set<std::string>{"employer_id", "occupation", "openings"}));
}

TEST(MapHeader, UsesTheConfiguredColumnMapBeforeBuiltInNames) {
  const std::map<std::string, std::string> overrides = {{"Wohnort PLZ neu", "place"},
                                                        {"Betreuer", "coordinator_id"}};
  const Result<HeaderMap> map = MapHeader(
      Table::kParticipants, {"id", "Betreuer", "wohnort plz neu", "Deutsch"}, overrides, kFile, 1);
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  EXPECT_EQ(CellOf(map.value(), kParticipantCoordinatorId), 1);
  EXPECT_EQ(CellOf(map.value(), kParticipantPlace), 2);
}

TEST(MapHeader, RejectsAColumnMapEntryToAColumnTheFileDoesNotHave) {
  const Result<HeaderMap> map =
      MapHeader(Table::kEmployers, {"id", "staff"}, {{"Umsatz", "revenue"}}, "e.csv", 1);
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.error().diagnostics[0].field, "column_map");
  EXPECT_EQ(map.error().diagnostics[0].value, "Umsatz -> revenue");
}

TEST(MapHeader, LeavesEmptyHeaderCellsWithoutAColumn) {
  const Result<HeaderMap> map =
      MapHeader(Table::kHistory, {"participant_id", "", "vacancy_id", "outcome"}, {}, "h.csv", 1);
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(map.value().column_of_cell[1], kNoColumn);
  EXPECT_EQ(CellOf(map.value(), kHistoryVacancyId), 2);
}

// No built-in name may stand for two columns of the same table.
TEST(Columns, GiveEveryNameToOneColumnOnlyPerTable) {
  for (const Table table : kAllTables) {
    std::set<std::string> seen;
    for (const ColumnSpec& column : Columns(table)) {
      std::vector<std::string> names = {std::string(column.name)};
      std::string_view aliases = column.aliases;
      while (!aliases.empty()) {
        const size_t bar = aliases.find('|');
        names.emplace_back(aliases.substr(0, bar));
        aliases = bar == std::string_view::npos ? std::string_view() : aliases.substr(bar + 1);
      }
      for (const std::string& name : names) {
        EXPECT_TRUE(seen.insert(FoldColumnName(name)).second)
            << TableStem(table) << ": '" << name << "' names two columns";
      }
    }
  }
}

}  // namespace
}  // namespace jobmatch

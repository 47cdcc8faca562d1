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

namespace jobmatch {
namespace {

const std::vector<std::string> kWithExtras = {
    "id", "coordinator_id", "Name", "place", "german_level", "Telefon", "Notizen"};

ExtraColumnRules KeepUnknown() {
  ExtraColumnRules rules;
  rules.unknown_is_error = false;
  return rules;
}

TEST(MapHeader, KeepsExtraColumnsInOrderWhenUnknownColumnsAreKept) {
  const Result<HeaderMap> map =
      MapHeader(Table::kParticipants, kWithExtras, {}, kFile, 1, KeepUnknown());
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  EXPECT_EQ(map.value().extra_cells, (std::vector<int>{2, 5, 6}));
  EXPECT_EQ(map.value().column_of_cell[2], kExtraColumn);
  EXPECT_EQ(CellOf(map.value(), kParticipantPlace), 3);
  EXPECT_EQ(CellOf(map.value(), kParticipantGermanLevel), 4);
}

TEST(MapHeader, IgnoresDeclaredColumnsAndRefusesUndeclaredOnesWhenAsked) {
  ExtraColumnRules rules;  // unknown columns are errors
  rules.keep = {"name", "NOTIZEN"};
  rules.ignore = {"Telefon"};
  const Result<HeaderMap> map = MapHeader(Table::kParticipants, kWithExtras, {}, kFile, 1, rules);
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  EXPECT_EQ(map.value().extra_cells, (std::vector<int>{2, 6}));
  EXPECT_EQ(map.value().column_of_cell[5], kIgnoredColumn);

  rules.ignore.clear();
  const Result<HeaderMap> refused =
      MapHeader(Table::kParticipants, kWithExtras, {}, kFile, 1, rules);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().diagnostics.size(), 1u) << refused.error().ToString();
  EXPECT_EQ(refused.error().diagnostics[0].value, "Telefon");
  EXPECT_THAT(refused.error().diagnostics[0].message, HasSubstr("unknown column"));
}

TEST(MapHeader, RefusesAMisspeltColumnWithTheSuggestionUnlessDeclared) {
  const std::vector<std::string> header = {
      "id", "coordinator_id", "place", "german_levle", "Deutschnivau", "Fuhrerschein"};
  const Result<HeaderMap> map =
      MapHeader(Table::kParticipants, header, {}, kFile, 1, KeepUnknown());
  ASSERT_FALSE(map.ok());
  std::set<std::string> messages;
  for (const Diagnostic& d : map.error().diagnostics) messages.insert(d.value + ": " + d.message);
  EXPECT_THAT(map.error().ToString(), HasSubstr("did you mean 'german_level'"));
  EXPECT_THAT(map.error().ToString(), HasSubstr("did you mean 'Deutschniveau' (german_level)"));
  EXPECT_THAT(map.error().ToString(), HasSubstr("did you mean 'Führerschein' (driving_licence)"));
  // german_level itself is then missing: three misspellings plus that.
  EXPECT_EQ(map.error().diagnostics.size(), 4u) << map.error().ToString();

  ExtraColumnRules declared = KeepUnknown();
  declared.keep = {"Deutschnivau", "Fuhrerschein"};
  declared.ignore = {"german_levle"};
  const std::vector<std::string> with_level = {"id",
                                               "coordinator_id",
                                               "place",
                                               "german_level",
                                               "german_levle",
                                               "Deutschnivau",
                                               "Fuhrerschein"};
  const Result<HeaderMap> ok = MapHeader(Table::kParticipants, with_level, {}, kFile, 1, declared);
  ASSERT_TRUE(ok.ok()) << ok.error().ToString();
  EXPECT_EQ(ok.value().extra_cells, (std::vector<int>{5, 6}));
}

TEST(MapHeader, ShortUnknownNamesAreNotTakenForMisspellings) {
  // "Alter" and "Name" are one or two edits from no column name of 4+ letters.
  const std::vector<std::string> header = {
      "id", "coordinator_id", "place", "german_level", "Alter", "Name", "Tel"};
  const Result<HeaderMap> map =
      MapHeader(Table::kParticipants, header, {}, kFile, 1, KeepUnknown());
  ASSERT_TRUE(map.ok()) << map.error().ToString();
  EXPECT_EQ(map.value().extra_cells.size(), 3u);
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("goal", "goal"), 0u);
  EXPECT_EQ(EditDistance("goal", "gaol"), 2u);
  EXPECT_EQ(EditDistance("german level", "german levle"), 2u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
}

}  // namespace
}  // namespace jobmatch

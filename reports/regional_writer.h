// reports/regional_writer.h
//
// The files of `jobmatch report`, for a regional office (REKO): report.html,
// readable in five minutes (a German summary on top, then participants,
// vacancies, where demand and supply do not meet, unmet demand, course needs
// and where a course would be within reach, what capacity is worth, target controlling, and the
// same per district and per coordinator), and its CSV tables (report_*.csv).
//
// Pure functions of a RegionalReport: aggregates only (engine/regional.h
// withholds counts of fewer than min_group_size people already, and those
// that would give one away; all are written as kWithheldMark in HTML and as
// an empty, withheld cell in CSV).
//
// Example:
//   for (const OutputFile& f : RegionalFiles(report)) staged.WriteFile(f.name, f.bytes);

#ifndef JOBMATCH_REPORTS_REGIONAL_WRITER_H_
#define JOBMATCH_REPORTS_REGIONAL_WRITER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/reference.h"
#include "engine/regional.h"
#include "reports/evaluation_writer.h"

namespace jobmatch::reports {

// What a store of recorded runs adds (`jobmatch report --store`), as
// aggregates only: no participant id, no note, no row of a sheet.
struct RecordedRunFigures {
  std::string date;  // ISO
  int64_t participants = 0;
  int64_t openings = 0;
  int64_t proposals = 0;
  int64_t unplaced = 0;
  double mean_score = 0.0;
};
struct DecisionFigures {
  std::string coordinator;  // "" for all
  int32_t proposed = 0;     // distinct pairs proposed (Vorschlag) in any run
  int32_t decided = 0;      // decisions recorded on them
  int32_t accepted = 0;
  int32_t rejected = 0;
  int32_t hired = 0;
  int32_t dropped_out = 0;
};
struct TargetFigures {
  std::string coordinator;  // "" for all
  double fte = 0.0;
  double yearly_target = 0.0;      // fte * placements_per_fte_year
  double target_to_date = 0.0;     // the share of the year up to the report date
  int32_t hired_this_year = 0;     // hires dated this calendar year
  int32_t taken_on_this_year = 0;  // first accepted or hired decision this year
};
struct StoreFigures {
  bool present = false;
  std::vector<RecordedRunFigures> runs;    // up to the report date, oldest first
  std::vector<DecisionFigures> decisions;  // all first, then by coordinator
  std::vector<TargetFigures> targets;      // all first, then by coordinator
};

struct RegionalReport {
  std::string run_date;  // ISO
  // The region in the title ("Salzlandkreis", "Sachsen-Anhalt"); empty: the
  // districts' names.
  std::string region;
  RegionalSummary summary;
  std::map<std::string, std::string> district_names;  // district key -> name
  // KldB area code ("52") -> its published title (ReferenceData::kldb_areas);
  // a code without one is shown as the code.
  std::map<std::string, std::string> area_names;
  double placements_per_fte_year = 40.0;
  // Target controlling and the trend need recorded runs; without them, this
  // says so ("" when they are present).
  std::string store_note;
  StoreFigures store;
};

// RegionalReport::area_names from the reference data's KldB areas
// (loaders/refdata/kldb_areas.csv).
std::map<std::string, std::string> KldbAreaNames(const ReferenceData& reference);

std::string RegionalHtml(const RegionalReport& report);
// report_participants.csv, report_vacancies.csv, report_balance.csv,
// report_unmet.csv, report_courses.csv, report_course_reach.csv,
// report_course_offers.csv, report_capacity.csv; with a store
// also report_targets.csv, report_decisions.csv, report_trend.csv.
std::vector<OutputFile> RegionalTables(const RegionalReport& report);
// report.html first, then the tables.
std::vector<OutputFile> RegionalFiles(const RegionalReport& report);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_REGIONAL_WRITER_H_

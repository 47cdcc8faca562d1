// reports/regional_writer.h
//
// The files of `jobmatch report`, for a regional office (REKO): report.html,
// readable in five minutes (a German summary on top, then participants,
// vacancies, where demand and supply do not meet, unmet demand, course needs,
// what capacity is worth, target controlling, and the same per district and
// per coordinator), and its CSV tables (report_*.csv).
//
// Pure functions of a RegionalReport: aggregates only (engine/regional.h
// withholds counts of fewer than min_group_size people already; they are
// written as "< N" in HTML and as withheld in CSV).
//
// Example:
//   for (const OutputFile& f : RegionalFiles(report)) staged.WriteFile(f.name, f.bytes);

#ifndef JOBMATCH_REPORTS_REGIONAL_WRITER_H_
#define JOBMATCH_REPORTS_REGIONAL_WRITER_H_

#include <map>
#include <string>
#include <vector>

#include "engine/regional.h"
#include "reports/evaluation_writer.h"

namespace jobmatch::reports {

struct RegionalReport {
  std::string run_date;  // ISO
  // The region in the title ("Salzlandkreis", "Sachsen-Anhalt"); empty: the
  // districts' names.
  std::string region;
  RegionalSummary summary;
  std::map<std::string, std::string> district_names;  // district key -> name
  double placements_per_fte_year = 40.0;
  // Target controlling and the trend need recorded runs; without them, this
  // says so ("" when they are present).
  std::string store_note;
};

std::string RegionalHtml(const RegionalReport& report);
// report_participants.csv, report_vacancies.csv, report_balance.csv,
// report_unmet.csv, report_courses.csv, report_capacity.csv.
std::vector<OutputFile> RegionalTables(const RegionalReport& report);
// report.html first, then the tables.
std::vector<OutputFile> RegionalFiles(const RegionalReport& report);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_REGIONAL_WRITER_H_

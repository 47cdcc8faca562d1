// jobmatch report: the regional report for a regional office (REKO):
// participants, vacancies, where demand and supply do not meet, unmet demand,
// course needs, what capacity is worth, target controlling; per district and
// per coordinator. Writes report.html and CSV tables into --out (staged).

#include <cstdio>
#include <set>
#include <string>

#include "cli/analysis.h"
#include "cli/commands.h"
#include "engine/regional.h"
#include "reports/output_files.h"
#include "reports/regional_writer.h"

namespace jobmatch::cli {
namespace {

// Up to three districts by name; more: their Land if they share one.
std::string RegionName(const SolvedRun& run) {
  std::set<std::string> keys;
  for (const Participant& p : run.inputs.dataset.participants) {
    if (!p.home.district_key.empty()) keys.insert(p.home.district_key);
  }
  std::set<std::string> names;
  std::set<std::string> lands;
  for (const District& d : run.inputs.reference.districts) {
    if (!keys.contains(d.key)) continue;
    names.insert(d.name);
    lands.insert(d.land);
  }
  if (names.size() > 3 && lands.size() == 1) return *lands.begin();
  if (names.size() > 3) return std::to_string(names.size()) + " Landkreise und kreisfreie Städte";
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

int RunReport(const ReportArgs& args) {
  int exit_code = 0;
  std::optional<SolvedRun> run =
      LoadAndSolve(args.common, args.config, args.data, args.date, &exit_code);
  if (!run) return exit_code;

  RegionalOptions options;
  options.min_group_size = args.min_group_size;
  reports::RegionalReport report;
  report.run_date = FormatDate(run->run_date);
  report.summary = SummariseRegion(run->Rerun(), run->scored, run->graph, run->result, options);
  report.district_names = run->DistrictNames();
  report.region = RegionName(*run);
  report.placements_per_fte_year = options.placements_per_fte_year;
  report.store_note =
      "Ob die Ziele erreicht werden und wie sich die Zahlen über die Läufe entwickeln, zeigt der "
      "Bericht erst mit einem Speicher erfasster Läufe und Entscheidungen; dieser Bericht wurde "
      "ohne ihn erstellt.";

  reports::StagedDirectory out(args.out, "report.html");
  if (auto error = out.Begin()) return ReportError("cannot write output", *error);
  const std::vector<reports::OutputFile> files = reports::RegionalFiles(report);
  for (const reports::OutputFile& file : files) {
    if (auto error = out.WriteFile(file.name, file.bytes)) {
      return ReportError("cannot write output", *error);
    }
  }
  if (auto error = out.Commit()) return ReportError("cannot write output", *error);

  const RegionalSlice& all = report.summary.slices.front();
  std::printf("jobmatch report %s on %s\n", report.run_date.c_str(), args.data.string().c_str());
  std::printf("  participants   %8d   vacancies %d, openings %d\n",
              all.participants,
              all.vacancies,
              all.openings);
  std::printf("  proposals      %8d\n", all.proposals);
  std::printf("  output         %s (%zu files)\n", args.out.string().c_str(), files.size());
  return 0;
}

}  // namespace jobmatch::cli

// jobmatch report: the regional report for a regional office (REKO):
// participants, vacancies, where demand and supply do not meet, unmet demand,
// course needs, what capacity is worth, target controlling; per district and
// per coordinator. Writes report.html and CSV tables into --out (staged).

#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "cli/analysis.h"
#include "cli/commands.h"
#include "engine/regional.h"
#include "reports/output_files.h"
#include "reports/regional_writer.h"
#include "store/run_store.h"

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

// Aggregates of the store's runs and decisions up to the report date: the
// trend, decisions per coordinator, placements against the yearly target.
// Only counts leave this function (the report never sees an id of a person).
Result<reports::StoreFigures> StoreFiguresOf(const store::RunStore& db,
                                             const Dataset& dataset,
                                             Date report_date,
                                             double placements_per_fte_year) {
  reports::StoreFigures figures;
  figures.present = true;
  Result<std::vector<store::RunSummary>> runs = db.Runs();
  if (!runs.ok()) return runs.error();
  std::map<std::string, double> fte;  // the latest run's, by coordinator
  for (const Coordinator& c : dataset.coordinators) fte[c.id] = c.fte;
  for (const store::RunSummary& r : runs.value()) {
    if (report_date < r.run_date) continue;
    figures.runs.push_back(reports::RecordedRunFigures{FormatDate(r.run_date),
                                                       r.metrics.participants,
                                                       r.metrics.openings,
                                                       r.metrics.proposals,
                                                       r.metrics.unplaced,
                                                       r.metrics.mean_score});
    for (const store::StoredCapacity& c : r.capacities) fte[c.coordinator_id] = c.fte;
  }
  std::map<std::string, reports::DecisionFigures> decisions;
  decisions[""];
  for (const auto& [id, ignored] : fte) decisions[id].coordinator = id;
  Result<std::vector<store::ProposalHistoryRow>> proposals = db.ProposalsOf("", "");
  if (!proposals.ok()) return proposals.error();
  std::set<std::pair<std::string, std::string>> proposed;
  for (const store::ProposalHistoryRow& row : proposals.value()) {
    if (!row.proposal.assigned || report_date < row.run_date) continue;
    if (!proposed.emplace(row.proposal.participant_id, row.proposal.vacancy_id).second) continue;
    ++decisions[""].proposed;
    ++decisions[row.proposal.coordinator_id].proposed;
    decisions[row.proposal.coordinator_id].coordinator = row.proposal.coordinator_id;
  }
  const std::string year = FormatDate(report_date).substr(0, 4);
  std::map<std::string, int32_t> hired_this_year;
  std::map<std::string, std::string> first_taken_on;  // participant -> coordinator, this year
  std::set<std::string> taken_on_before;
  Result<std::vector<store::DecisionRow>> rows = db.Decisions("", "");
  if (!rows.ok()) return rows.error();
  for (const store::DecisionRow& d : rows.value()) {  // by date
    if (report_date < d.date) continue;
    for (const std::string& key : {std::string(), d.coordinator_id}) {
      reports::DecisionFigures& f = decisions[key];
      if (!key.empty()) f.coordinator = key;
      ++f.decided;
      f.accepted += d.kind == OutcomeKind::kAccepted ? 1 : 0;
      f.rejected += d.kind == OutcomeKind::kRejected ? 1 : 0;
      f.hired += d.kind == OutcomeKind::kHired ? 1 : 0;
      f.dropped_out += d.kind == OutcomeKind::kDroppedOut ? 1 : 0;
    }
    const bool this_year = FormatDate(d.date).substr(0, 4) == year;
    if (d.kind == OutcomeKind::kHired && this_year) ++hired_this_year[d.coordinator_id];
    if (d.kind == OutcomeKind::kHired || d.kind == OutcomeKind::kAccepted) {
      if (!this_year) {
        taken_on_before.insert(d.participant_id);
      } else if (!taken_on_before.contains(d.participant_id)) {
        first_taken_on.emplace(d.participant_id, d.coordinator_id);
      }
    }
  }
  for (const auto& [key, f] : decisions) figures.decisions.push_back(f);

  const std::optional<Date> new_year = ParseDate(year + "-01-01");
  const std::optional<Date> next_year = ParseDate(std::to_string(std::stoi(year) + 1) + "-01-01");
  const double share = static_cast<double>(report_date.days - new_year->days + 1) /
                       static_cast<double>(next_year->days - new_year->days);
  reports::TargetFigures all;
  std::vector<reports::TargetFigures> each;
  for (const auto& [id, coordinator_fte] : fte) {
    reports::TargetFigures t;
    t.coordinator = id;
    t.fte = coordinator_fte;
    t.yearly_target = coordinator_fte * placements_per_fte_year;
    t.target_to_date = t.yearly_target * share;
    t.hired_this_year = hired_this_year[id];
    for (const auto& [participant, coordinator] : first_taken_on) {
      t.taken_on_this_year += coordinator == id && !taken_on_before.contains(participant) ? 1 : 0;
    }
    all.fte += t.fte;
    all.yearly_target += t.yearly_target;
    all.target_to_date += t.target_to_date;
    all.hired_this_year += t.hired_this_year;
    all.taken_on_this_year += t.taken_on_this_year;
    each.push_back(t);
  }
  figures.targets.push_back(all);
  figures.targets.insert(figures.targets.end(), each.begin(), each.end());
  return figures;
}

}  // namespace

int RunReport(const ReportArgs& args) {
  int exit_code = 0;
  std::optional<store::RunStore> run_store;
  History history;
  if (args.store) {
    // Read only: a report never changes the store (a missing file is exit 66).
    Result<store::RunStore> opened = store::RunStore::OpenReadOnly(*args.store);
    if (!opened.ok()) return ReportError("cannot use the run store", opened.error());
    run_store.emplace(std::move(opened).value());
    const std::optional<Date> date = RunDateFromFlag(args.date, &exit_code);
    if (!date) return exit_code;
    // Decisions up to and including the report date count.
    Result<History> read = run_store->ReadHistory(Date{date->days + 1});
    if (!read.ok()) return ReportError("cannot read the run store", read.error());
    history = std::move(read).value();
  }
  std::optional<SolvedRun> run = LoadAndSolve(
      args.common, args.config, args.data, args.date, &exit_code, run_store ? &history : nullptr);
  if (!run) return exit_code;

  RegionalOptions options;
  options.min_group_size = args.min_group_size;
  reports::RegionalReport report;
  report.run_date = FormatDate(run->run_date);
  report.summary = SummariseRegion(run->Rerun(), run->scored, run->graph, run->result, options);
  report.district_names = run->DistrictNames();
  report.area_names = reports::KldbAreaNames(run->inputs.reference);
  report.region = RegionName(*run);
  report.placements_per_fte_year = options.placements_per_fte_year;
  if (run_store) {
    Result<reports::StoreFigures> figures = StoreFiguresOf(
        *run_store, run->inputs.dataset, run->run_date, options.placements_per_fte_year);
    if (!figures.ok()) return ReportError("cannot read the run store", figures.error());
    report.store = std::move(figures).value();
  } else {
    report.store_note =
        "Ob die Ziele erreicht werden und wie sich die Zahlen über die Läufe entwickeln, zeigt der "
        "Bericht erst mit einem Speicher erfasster Läufe und Entscheidungen (--store); dieser "
        "Bericht wurde ohne ihn erstellt.";
  }

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

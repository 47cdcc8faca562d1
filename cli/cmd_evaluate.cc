// jobmatch evaluate: the exact assignment against the baselines people use
// (greedy by score, natural order, nearest first, random and, with --store,
// what was proposed before), measured where it matters to people, per group
// with the four-fifths rule, with outcomes of earlier proposals (history.csv
// and the store) and the sensitivity to the weights. Writes evaluation.json,
// evaluation.html and CSV tables into --out (staged: the folder is replaced
// only when everything succeeded).

#include <cstdio>
#include <set>
#include <utility>

#include "cli/analysis.h"
#include "cli/commands.h"
#include "engine/baselines.h"
#include "engine/evaluation.h"
#include "engine/outcomes.h"
#include "engine/sensitivity.h"
#include "reports/evaluation_writer.h"
#include "reports/output_files.h"
#include "store/run_store.h"

namespace jobmatch::cli {
namespace {

// What evaluate reads from the run store.
struct StoreInputs {
  History history;  // every decision: tonight's pool as `jobmatch run --store` sees it
  // The latest run before --date (without --date: the latest run) and its proposals.
  std::optional<store::RunSummary> previous_run;
  std::vector<std::pair<std::string, std::string>> previous;
  // Lines of the runs up to that one, decisions up to --date (without: all).
  StoreOutcomeInput outcomes;
};

Result<StoreInputs> ReadStore(const store::RunStore& db, Date date, bool date_given) {
  StoreInputs in;
  Result<History> history = db.ReadHistory(date);
  if (!history.ok()) return history.error();
  in.history = std::move(history).value();
  Result<std::vector<store::RunSummary>> runs = db.Runs();
  if (!runs.ok()) return runs.error();
  for (store::RunSummary& r : runs.value()) {
    if (date_given && !(r.run_date < date)) continue;
    if (!in.previous_run || in.previous_run->run_date < r.run_date ||
        (in.previous_run->run_date == r.run_date && in.previous_run->run_id < r.run_id)) {
      in.previous_run = std::move(r);
    }
  }
  Result<std::vector<store::DecisionRow>> decisions = db.Decisions("", "");
  if (!decisions.ok()) return decisions.error();
  for (const store::DecisionRow& d : decisions.value()) {
    if (date_given && date < d.date) continue;
    in.outcomes.decisions.push_back(PairDecision{d.participant_id, d.vacancy_id, d.kind, d.date});
  }
  if (!in.previous_run) return in;
  Result<std::vector<store::ProposalHistoryRow>> lines = db.ProposalsOf("", "");
  if (!lines.ok()) return lines.error();
  for (const store::ProposalHistoryRow& row : lines.value()) {
    if (in.previous_run->run_date < row.run_date) continue;
    const store::StoredProposal& p = row.proposal;
    if (row.run_id == in.previous_run->run_id && p.assigned) {
      in.previous.emplace_back(p.participant_id, p.vacancy_id);
    }
    in.outcomes.lines.push_back(StoredLine{p.participant_id,
                                           p.vacancy_id,
                                           p.coordinator_id,
                                           row.run_date,
                                           p.assigned,
                                           p.score,
                                           {p.skill, p.german, p.commute, p.micro}});
  }
  return in;
}

}  // namespace

int RunEvaluate(const EvaluateArgs& args) {
  int exit_code = 0;
  std::optional<StoreInputs> store_inputs;
  if (args.store) {
    // Read only: evaluating never changes the store.
    Result<store::RunStore> opened = store::RunStore::OpenReadOnly(*args.store);
    if (!opened.ok()) return ReportError("cannot use the run store", opened.error());
    const std::optional<Date> date = RunDateFromFlag(args.date, &exit_code);
    if (!date) return exit_code;
    Result<StoreInputs> read = ReadStore(opened.value(), *date, !args.date.empty());
    if (!read.ok()) return ReportError("cannot read the run store", read.error());
    store_inputs = std::move(read).value();
  }
  Dataset as_loaded;
  std::optional<SolvedRun> run = LoadAndSolve(args.common,
                                              args.config,
                                              args.data,
                                              args.date,
                                              &exit_code,
                                              store_inputs ? &store_inputs->history : nullptr,
                                              &as_loaded);
  if (!run) return exit_code;
  const Dataset& dataset = run->inputs.dataset;
  const EngineConfig& config = run->inputs.config;

  EvaluationOptions options;
  options.min_group_size = args.min_group_size;
  options.run_date = run->run_date;
  options.random_draws = args.random_draws;
  options.random_seed = args.seed;
  const EvaluationContext context =
      MakeEvaluationContext(dataset, run->scored, run->graph, options);

  reports::EvaluationReport report;
  report.run_date = FormatDate(run->run_date);
  report.participants = static_cast<int32_t>(dataset.participants.size());
  report.vacancies = static_cast<int32_t>(dataset.vacancies.size());
  for (const Vacancy& v : dataset.vacancies) report.openings += v.openings;
  report.coordinators = static_cast<int32_t>(dataset.coordinators.size());
  report.candidate_arcs = run->graph.num_arcs();
  report.placement_value = config.assignment.placement_value;
  report.min_group_size = options.min_group_size;
  report.four_fifths = options.four_fifths;
  report.weights = config.scoring.weights;
  // The earlier run's proposals on today's pool and graph.
  std::optional<EarlierPlacements> earlier;
  if (store_inputs && store_inputs->previous_run) {
    earlier = EarlierOnToday(dataset, run->graph, store_inputs->previous);
    reports::EarlierRunFigures& f = report.previous;
    f.present = true;
    f.run_date = FormatDate(store_inputs->previous_run->run_date);
    f.proposals = static_cast<int32_t>(store_inputs->previous.size());
    f.kept = earlier->Count(EarlierFate::kKept);
    f.vacancy_gone = earlier->Count(EarlierFate::kVacancyGone);
    f.not_candidate = earlier->Count(EarlierFate::kNotCandidate);
    f.over_capacity = earlier->Count(EarlierFate::kOverCapacity);
    // Out of the pool but still in the data: hired and in follow-up.
    std::set<std::string> loaded;
    for (const Participant& p : as_loaded.participants) loaded.insert(p.id);
    for (size_t i = 0; i < earlier->fate.size(); ++i) {
      if (earlier->fate[i] != EarlierFate::kParticipantGone) continue;
      ++(loaded.contains(store_inputs->previous[i].first) ? f.participant_hired
                                                          : f.participant_left);
    }
  } else if (store_inputs) {
    report.store_note = args.date.empty()
                            ? "Der Speicher enthält noch keinen Lauf: ohne frühere Vorschläge "
                              "kein Vergleich mit ihnen."
                            : "Der Speicher enthält keinen Lauf vor dem " + args.date +
                                  ": ohne frühere Vorschläge kein Vergleich mit ihnen.";
  } else {
    report.store_note =
        "Mit einem Speicher erfasster Läufe (--store) kämen die früheren Vorschläge als "
        "weiteres Verfahren hinzu, und ihre erfassten Entscheidungen in die Ergebnisse.";
  }
  report.methods = CompareMethods(
      context, run->result, config.assignment, earlier ? &earlier->placements : nullptr);
  for (const Coordinator& c : dataset.coordinators) report.coordinator_ids.push_back(c.id);
  report.district_names = run->DistrictNames();
  // Outcomes over every participant as loaded (a hired one has left the pool).
  report.outcomes = SummariseOutcomes(as_loaded,
                                      run->inputs.reference,
                                      config.scoring,
                                      options,
                                      store_inputs ? &store_inputs->outcomes : nullptr);
  report.sensitivity = WeightSensitivity(run->Rerun(), run->scored, run->graph, run->result);

  reports::StagedDirectory out(args.out, "evaluation.json");
  if (auto error = out.Begin()) return ReportError("cannot write output", *error);
  const std::vector<reports::OutputFile> files = reports::EvaluationFiles(report);
  for (const reports::OutputFile& file : files) {
    if (auto error = out.WriteFile(file.name, file.bytes)) {
      return ReportError("cannot write output", *error);
    }
  }
  if (auto error = out.Commit()) return ReportError("cannot write output", *error);

  std::printf("jobmatch evaluate %s on %s\n", report.run_date.c_str(), args.data.string().c_str());
  std::printf("  %-14s %10s %9s %11s %11s %9s\n",
              "method",
              "proposals",
              "unplaced",
              "total fit",
              "objective",
              "contested");
  for (const MethodMetrics& m : report.methods) {
    std::printf("  %-14s %10.1f %9.1f %11.3f %11.3f %9.1f\n",
                m.name.c_str(),
                m.proposals,
                m.unplaced,
                m.total_score,
                m.objective,
                m.congestion.contested_vacancies);
  }
  if (report.previous.present) {
    const reports::EarlierRunFigures& f = report.previous;
    std::printf("  previous       run of %s: %d proposals, %d still possible today\n",
                f.run_date.c_str(),
                f.proposals,
                f.kept);
  }
  const OutcomeSummary& o = report.outcomes;
  std::printf("  outcomes       %s (%d pairs, %d decided)\n",
              std::string(OutcomeStatusName(o.status)).c_str(),
              o.pairs,
              o.decided);
  std::printf("  output         %s (%zu files)\n", args.out.string().c_str(), files.size());
  return 0;
}

}  // namespace jobmatch::cli

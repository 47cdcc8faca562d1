// jobmatch evaluate: the exact assignment against the baselines people use
// (greedy by score, natural order, nearest first, random), measured where it
// matters to people, per group with the four-fifths rule, with outcomes of
// earlier proposals and the sensitivity to the weights. Writes
// evaluation.json, evaluation.html and CSV tables into --out (staged: the
// folder is replaced only when everything succeeded).

#include <cstdio>

#include "cli/analysis.h"
#include "cli/commands.h"
#include "engine/evaluation.h"
#include "engine/outcomes.h"
#include "engine/sensitivity.h"
#include "reports/evaluation_writer.h"
#include "reports/output_files.h"

namespace jobmatch::cli {

int RunEvaluate(const EvaluateArgs& args) {
  int exit_code = 0;
  std::optional<SolvedRun> run =
      LoadAndSolve(args.common, args.config, args.data, args.date, &exit_code);
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
  report.methods = CompareMethods(context, run->result, config.assignment);
  for (const Coordinator& c : dataset.coordinators) report.coordinator_ids.push_back(c.id);
  report.district_names = run->DistrictNames();
  report.outcomes = SummariseOutcomes(dataset, run->inputs.reference, config.scoring, options);
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
  std::printf("  output         %s (%zu files)\n", args.out.string().c_str(), files.size());
  return 0;
}

}  // namespace jobmatch::cli

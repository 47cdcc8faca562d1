// jobmatch run: the nightly batch. Loads reference data, config and dataset,
// scores every pair within reach, solves the assignment, and writes one
// spreadsheet per coordinator plus jobmatch.json into --out, replacing the
// previous output only when everything succeeded.

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/proposals.h"
#include "engine/scorer.h"
#include "reports/output_files.h"
#include "reports/report_writer.h"

namespace jobmatch::cli {
namespace {

Date Today() {
  const auto now = std::chrono::system_clock::now();
  return Date{static_cast<int32_t>(
      std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count())};
}

}  // namespace

int RunRun(const RunArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  Date run_date = Today();
  if (!args.date.empty()) {
    const std::optional<Date> parsed = ParseDate(args.date);
    if (!parsed) {
      return ReportError(
          "bad arguments",
          MakeError(
              ErrorKind::kUsage, "", 0, "--date", args.date, "expected a date like 2025-11-22"));
    }
    run_date = *parsed;
  }

  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
  };

  int exit_code = 0;
  std::optional<LoadedInputs> inputs = LoadInputs(args.common, args.config, args.data, &exit_code);
  if (!inputs) return exit_code;
  const Dataset& dataset = inputs->dataset;
  const ReferenceData& reference = inputs->reference;
  EngineConfig& config = inputs->config;
  config.scoring.run_date = run_date;
  config.scoring.num_threads = args.common.threads;
  const double load_seconds = seconds_since(start);

  Clock::time_point stage = Clock::now();
  const ScoredPairs scored = ScoreTopK(dataset, reference, config.scoring);
  const CandidateGraph graph = BuildCandidateGraph(dataset, scored, config.candidates);
  if (!graph.IsValid()) {
    return ReportError(
        "internal error",
        MakeError(ErrorKind::kInternal, "", 0, "", "", "the candidate graph is inconsistent"));
  }
  const double score_seconds = seconds_since(stage);

  stage = Clock::now();
  const AssignmentResult result = AssignParticipants(graph, config.assignment);
  if (result.status != AssignmentStatus::kOptimal) {
    return ReportError("cannot solve the assignment",
                       MakeError(ErrorKind::kBadData,
                                 "",
                                 0,
                                 "assignment.cost_resolution",
                                 std::to_string(config.assignment.cost_resolution),
                                 "a resolution small enough for this many participants"));
  }
  if (args.check) {
    const AssignmentCheck check = CheckAssignment(graph, config.assignment, result);
    if (!check.ok) {
      return ReportError("the optimality certificate failed",
                         MakeError(ErrorKind::kInternal, "", 0, "", "", check.message));
    }
  }
  const double solve_seconds = seconds_since(stage);

  stage = Clock::now();
  const ProposalSet proposals = MakeProposals(dataset, scored, graph, result, config.proposals);
  reports::StagedDirectory out(args.out, "jobmatch.json");
  if (auto error = out.Begin()) return ReportError("cannot write output", *error);
  int files = 0;
  if (auto error = reports::WriteRunReport(
          dataset, reference, config, proposals, FormatDate(run_date), out.staging(), &files)) {
    return ReportError("cannot write output", out.InTarget(*error));
  }
  if (auto error = out.Commit()) return ReportError("cannot write output", *error);
  const double write_seconds = seconds_since(stage);

  const RunMetrics& m = proposals.metrics;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("jobmatch run %s on %s\n", FormatDate(run_date).c_str(), args.data.string().c_str());
  auto count = [](int64_t value) { return static_cast<long long>(value); };
  std::printf(
      "  participants   %8lld   coordinators %lld\n", count(m.participants), count(m.coordinators));
  std::printf("  vacancies      %8lld   openings %lld\n", count(m.vacancies), count(m.openings));
  std::printf("  pairs examined %8lld   candidate arcs %lld\n",
              count(m.pairs_examined),
              count(m.candidate_arcs));
  std::printf(
      "  proposals      %8lld   of which micro-enterprises %lld, after a language course %lld\n",
      count(m.proposals),
      count(m.micro_enterprise_proposals),
      count(m.course_bridge_proposals));
  std::printf("  unplaced       %8lld\n", count(m.unplaced));
  std::printf("  total fit      %8.3f   mean %.3f\n", m.total_score, m.mean_score);
  std::printf("  certificate    %s\n",
              args.check ? "checked: optimal" : "not checked (use --check)");
  std::printf("  output         %s (%d files)\n", args.out.string().c_str(), files);
  std::printf("  time           %.2f s (load %.2f, score %.2f, solve %.2f, write %.2f)\n",
              seconds,
              load_seconds,
              score_seconds,
              solve_seconds,
              write_seconds);
  return 0;
}

}  // namespace jobmatch::cli

// reports/evaluation_writer.h
//
// The files of `jobmatch evaluate`: evaluation.json (for analysts and other
// programs), evaluation.html (for people: a short German summary on top,
// then methods, fairness, congestion, outcomes, sensitivity, with inline SVG
// charts) and CSV tables (methods, groups, coordinators, sensitivity,
// outcomes) as German Excel opens them.
//
// Pure functions of an EvaluationReport, which holds aggregates only: no
// participant id, name or row. Suppressed groups are written as withheld
// (JSON null, empty CSV cell with "zurückgehalten", "< N" in HTML), never
// with their figures.
//
// Example:
//   const std::vector<OutputFile> files = EvaluationFiles(report);
//   for (const OutputFile& f : files) staged.WriteFile(f.name, f.bytes);

#ifndef JOBMATCH_REPORTS_EVALUATION_WRITER_H_
#define JOBMATCH_REPORTS_EVALUATION_WRITER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/evaluation.h"
#include "engine/outcomes.h"
#include "engine/scorer.h"
#include "engine/sensitivity.h"

namespace jobmatch::reports {

struct EvaluationReport {
  std::string run_date;  // ISO
  int32_t participants = 0;
  int32_t vacancies = 0;
  int32_t openings = 0;
  int32_t coordinators = 0;
  int64_t candidate_arcs = 0;
  double placement_value = 1.0;
  int32_t min_group_size = 5;
  double four_fifths = 0.8;
  ScoringWeights weights;
  std::vector<MethodMetrics> methods;                 // "optimal" first
  std::vector<std::string> coordinator_ids;           // by coordinator index
  std::map<std::string, std::string> district_names;  // district key -> name
  OutcomeSummary outcomes;
  Sensitivity sensitivity;
  // Why there is no "previous" method, when there is none ("" otherwise).
  std::string store_note;
};

struct OutputFile {
  std::string name;
  std::string bytes;
};

std::string EvaluationJson(const EvaluationReport& report);
std::string EvaluationHtml(const EvaluationReport& report);
// evaluation_methods.csv, evaluation_groups.csv, evaluation_coordinators.csv,
// evaluation_sensitivity.csv, evaluation_outcomes.csv.
std::vector<OutputFile> EvaluationTables(const EvaluationReport& report);
// All of the above, JSON and HTML first.
std::vector<OutputFile> EvaluationFiles(const EvaluationReport& report);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_EVALUATION_WRITER_H_

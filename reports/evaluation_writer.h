// reports/evaluation_writer.h
//
// The files of `jobmatch evaluate`: evaluation.json (for analysts and other
// programs), evaluation.html (for people: a short German summary on top,
// then methods, fairness, congestion, outcomes, sensitivity, with inline SVG
// charts) and CSV tables (methods, groups, coordinators, sensitivity,
// outcomes) as German Excel opens them. With a run store the methods include
// "previous" (an earlier run's proposals on today's data), and the outcomes
// count the store's proposals and decisions.
//
// Pure functions of an EvaluationReport, which holds aggregates only: no
// participant id, name or row. Suppressed groups, and the rows withheld so
// that a small one cannot be worked out, are written alike as withheld (JSON
// null, empty CSV cell with "zurückgehalten", kWithheldMark in HTML), never
// with their figures and never saying which of the two they are. Without recorded decisions every
// output says so instead of showing rates.
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

// Where the method "previous" comes from: an earlier run in the store and
// what became of its proposals on today's data (counts of proposals only).
struct EarlierRunFigures {
  bool present = false;
  std::string run_date;           // ISO
  int32_t proposals = 0;          // stored proposals of that run
  int32_t kept = 0;               // still possible today and within capacity
  int32_t participant_hired = 0;  // participant in follow-up after a hire: out of the pool
  int32_t participant_left = 0;   // participant no longer in the data
  int32_t vacancy_gone = 0;       // vacancy no longer in the data
  int32_t not_candidate = 0;      // no longer a candidate pair (a rule, a rejection, top K)
  int32_t over_capacity = 0;      // today's capacities are full (taken by score, highest first)
};

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
  // The earlier run behind the method "previous" (present only with it).
  EarlierRunFigures previous;
  // Why there is no "previous" method, when there is none ("" otherwise).
  std::string store_note;
};

struct OutputFile {
  std::string name;
  std::string bytes;
};

// The one HTML marker of a withheld count in both reports (this and
// reports/regional_writer.h): the same for a small group and for a count
// withheld so that a small one cannot be worked out, so that it tells
// nothing about the value ("< 5" on one and "k. A." on the other would
// publish ranges that together can pin a withheld count).
inline constexpr const char* kWithheldMark = "×";

// The legend of kWithheldMark, once per report: "× zurückgehalten: weniger
// als 5 Personen, oder eine Zahl, aus der sich eine solche ergäbe".
std::string WithheldLegendDe(int32_t min_group_size, const std::string& people = "Personen");

std::string EvaluationJson(const EvaluationReport& report);
std::string EvaluationHtml(const EvaluationReport& report);
// evaluation_methods.csv, evaluation_groups.csv, evaluation_coordinators.csv,
// evaluation_sensitivity.csv, evaluation_outcomes.csv.
std::vector<OutputFile> EvaluationTables(const EvaluationReport& report);
// All of the above, JSON and HTML first.
std::vector<OutputFile> EvaluationFiles(const EvaluationReport& report);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_EVALUATION_WRITER_H_

// engine/regional.h
//
// The facts of the regional report (`jobmatch report`, for a regional office
// such as a REKO): per district and per coordinator, who the participants
// are (German level, qualification, goal), which vacancies there are (KldB
// occupational area, kind, size class), where demand and supply do not meet
// (participants by the area of their first occupation against openings by
// area), who has no possible vacancy at all and which rule stopped them,
// what language courses would open (re-scored and re-solved with everyone
// below B1, then B2, raised to it), and what one more unit of each
// coordinator's capacity is worth (read off the optimal duals and confirmed
// by a warm re-solve).
//
// Facts only: counts, keys from closed vocabularies (CEFR, qualification,
// goal, kind, size class, the two-digit KldB area, exclusion rule names,
// district keys, coordinator ids). A count of participants between 1 and
// min_group_size - 1 is withheld (suppressed, count 0). Vacancies are not
// people and are never suppressed.
//
// Example:
//   const RegionalSummary r = SummariseRegion(inputs, scored, graph, result, options);
//   for (const RegionalSlice& s : r.slices) ... s.participants_by_german ...

#ifndef JOBMATCH_ENGINE_REGIONAL_H_
#define JOBMATCH_ENGINE_REGIONAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/scorer.h"
#include "engine/sensitivity.h"

namespace jobmatch {

struct RegionalOptions {
  int32_t min_group_size = 5;
  // Target controlling: placements per full-time equivalent and year.
  double placements_per_fte_year = 40.0;
};

struct CountRow {
  std::string key;
  bool suppressed = false;  // participants only: 0 < count < min_group_size
  int32_t count = 0;
};

// Demand and supply in one KldB occupational area (two digits, "52").
struct AreaBalance {
  std::string area;          // "" when unknown
  int32_t participants = 0;  // by their first occupation (suppressed below the minimum)
  bool suppressed = false;
  int32_t vacancies = 0;
  int32_t openings = 0;
};

enum class SliceKind : int8_t { kAll = 0, kDistrict, kCoordinator };

struct RegionalSlice {
  SliceKind kind = SliceKind::kAll;
  std::string key;  // "" for all, district key, coordinator id
  int32_t participants = 0;
  int32_t vacancies = 0;  // district: vacancies there; coordinator: in its district
  int32_t openings = 0;
  int32_t proposals = 0;    // the optimal assignment's
  bool suppressed = false;  // participants 0 < n < minimum: participant figures withheld
  std::vector<CountRow> participants_by_german;
  std::vector<CountRow> participants_by_qualification;
  std::vector<CountRow> participants_by_goal;
  std::vector<CountRow> vacancies_by_area;  // openings per area
  std::vector<CountRow> vacancies_by_kind;
  std::vector<CountRow> vacancies_by_size;
  std::vector<AreaBalance> balance;     // by area
  std::vector<CountRow> unmet_by_rule;  // participants without any candidate vacancy
};

// What a language course to `level` would open.
struct CourseNeed {
  CefrLevel level = CefrLevel::kB1;
  int32_t below = 0;               // participants below the level
  int32_t gaining_candidates = 0;  // of them, with more candidate vacancies once raised
  int32_t proposals_before = 0;
  int32_t proposals_after = 0;      // re-solved with everyone below raised to the level
  int32_t raised_placed_after = 0;  // raised participants placed after
  bool suppressed = false;          // below < minimum: all withheld
};

struct CapacityValue {
  CoordinatorIndex coordinator;
  std::string id;
  double fte = 0.0;
  int32_t capacity = 0;
  int32_t participants = 0;
  int32_t proposals = 0;
  // (potential[c] - potential[sink]) / cost_resolution, at least 0: what one
  // more unit is worth by the duals (an upper estimate under degeneracy).
  double dual_value = 0.0;
  // Re-solved with capacity + 1: extra proposals and objective gained.
  int32_t extra_proposals = 0;
  double objective_gain = 0.0;
  double yearly_target = 0.0;  // fte * placements_per_fte_year
};

struct RegionalSummary {
  int32_t min_group_size = 5;
  std::vector<RegionalSlice> slices;     // all, then districts, then coordinators
  std::vector<CourseNeed> course_needs;  // B1, B2
  std::vector<CapacityValue> capacity;   // by coordinator
};

// Occupational area (first two KldB digits) of an occupation; ESCO-coded
// ones through their ISCO-08 group's first KldB code. "" if none.
std::string OccupationArea(const OccupationRef& occupation, const ReferenceData& reference);

// `scored`, `graph`, `result` are the run's own; inputs as for sensitivity.
[[nodiscard]] RegionalSummary SummariseRegion(const SensitivityInputs& inputs,
                                              const ScoredPairs& scored,
                                              const CandidateGraph& graph,
                                              const AssignmentResult& result,
                                              const RegionalOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_REGIONAL_H_

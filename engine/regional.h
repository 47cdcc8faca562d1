// engine/regional.h
//
// The facts of the regional report (`jobmatch report`, for a regional office
// such as a REKO): per district and per coordinator, who the participants
// are (German level, qualification, goal), which vacancies there are (KldB
// occupational area, kind, size class), where demand and supply do not meet
// (participants by the area of their first occupation against openings by
// area), who has no possible vacancy at all and which rule stopped them,
// what language courses would open (re-scored and re-solved with everyone
// below B1, then B2, raised to it) and whether a course is within reach of
// those it would help, and what one more unit of each
// coordinator's capacity is worth (read off the optimal duals and confirmed
// by a warm re-solve).
//
// Facts only: counts, keys from closed vocabularies (CEFR, qualification,
// goal, kind, size class, the two-digit KldB area, exclusion rule names,
// district keys, coordinator ids, course facts). A count of participants
// between 1 and min_group_size - 1 is withheld (suppressed, count 0).
// Vacancies and courses are not people and are never suppressed.
//
// Example:
//   const RegionalSummary r = SummariseRegion(inputs, scored, graph, result, options);
//   for (const RegionalSlice& s : r.slices) ... s.participants_by_german ...
//   for (const CourseReach& c : r.course_needs[0].reach) ... c.none.count ...

#ifndef JOBMATCH_ENGINE_REGIONAL_H_
#define JOBMATCH_ENGINE_REGIONAL_H_

#include <cstdint>
#include <optional>
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
  int32_t proposals = 0;  // the optimal assignment's
  // Participant figures withheld: participants 0 < n < minimum, or the
  // smallest other district (coordinator) when only one district
  // (coordinator) is, which the region's participants would give away.
  bool suppressed = false;
  std::vector<CountRow> participants_by_german;
  std::vector<CountRow> participants_by_qualification;
  std::vector<CountRow> participants_by_goal;
  std::vector<CountRow> vacancies_by_area;  // openings per area
  std::vector<CountRow> vacancies_by_kind;
  std::vector<CountRow> vacancies_by_size;
  std::vector<AreaBalance> balance;     // by area
  std::vector<CountRow> unmet_by_rule;  // participants without any candidate vacancy
};

// A count of people in a published table: withheld (count 0) when it is
// 1 to min_group_size - 1, or when it would let a withheld one be worked out
// from the counts beside it (see CourseNeed::reach).
struct PeopleCount {
  int32_t count = 0;
  bool withheld = false;
};

// Where a course to the level would be within reach of the people it would
// help, in one slice (as RegionalSummary::slices: all, districts,
// coordinators). A person counts as gaining when raising them to the level
// gives them a candidate vacancy they do not have today. For each, the
// course is looked for as the scorer looks for a course bridge
// (engine/scorer.h): a German course whose place is within the person's own
// commute limit of their home, that starts on or after the run date (no
// start date: the run date) and lifts them, from their level today, to the
// level (CourseLevelReached: kind, units, target). It is in time when it
// finishes (start + 7 * weeks days) by the start of one of the vacancies
// they would gain (a vacancy without a start date: run date +
// course_horizon_weeks); the earliest-finishing such course is theirs.
// gaining = in_time + too_late + none.
struct CourseReach {
  SliceKind kind = SliceKind::kAll;
  std::string key;
  PeopleCount gaining;
  PeopleCount in_time;   // a course within reach finishes in time
  PeopleCount too_late;  // courses within reach, but every one finishes too late
  PeopleCount none;      // no course within reach lifts them to the level
  // Index into CourseNeed::offers of the course that is in time for most of
  // this slice's people (ties: the earlier offer); -1 when none is.
  int32_t best_offer = -1;
};

// A course that is some gaining person's course (above): facts of the
// course, which is no person, and how many it would serve.
struct CourseOffer {
  CourseIndex course;
  std::string id;
  CourseKind kind = CourseKind::kLanguage;
  CefrLevel target_level = CefrLevel::kB1;
  std::string place_name;
  std::string district_key;
  std::optional<Date> start_date;  // none: starts on the run date
  int32_t weeks = 0;
  PeopleCount in_time;   // people for whom it is the course, in time
  PeopleCount too_late;  // people for whom it is the nearest chance, too late
};

// What a language course to `level` would open.
struct CourseNeed {
  CefrLevel level = CefrLevel::kB1;
  int32_t below = 0;  // participants below the level
  int32_t proposals_before = 0;
  int32_t proposals_after = 0;      // re-solved with everyone below raised to the level
  PeopleCount raised_placed_after;  // raised participants placed after
  bool suppressed = false;          // below < minimum: all withheld
  // All first, then districts, then coordinators, as the slices. Withheld
  // counts: primary (1 to minimum - 1), then, until nothing changes, one
  // more count in every sum (a row's gaining = in_time + too_late + none; a
  // column's all = its districts = its coordinators) that has exactly one
  // withheld count: the smallest non-zero part still shown, else the total,
  // but never one that would in turn be the only withheld count of a sum
  // with nothing else left to withhold.
  std::vector<CourseReach> reach;
  // Every course that is someone's, most people in time first (then most too
  // late, then course index); counts below the minimum withheld.
  std::vector<CourseOffer> offers;
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
  // Participants and proposals withheld (both 0): the coordinator's slice is
  // withheld in the people tables (RegionalSlice::suppressed), whose
  // participants this table would otherwise publish. The other figures are
  // places, values and a target, not counts of the coordinator's people.
  bool withheld = false;
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

// Withholds the people counts of `slices` in place (all first, then
// districts, then coordinators, as SummariseRegion makes them, with their
// counts as they are): the tables of participants by German level,
// qualification, goal, unmet rule and occupational area (balance). A slice of
// 1 to min_group_size - 1 participants is withheld whole (participants,
// proposals and its tables), and so is the smallest other district
// (coordinator) when only one district (coordinator) is. A count of 1 to
// min_group_size - 1 is withheld, and so are further counts until none can
// be worked out from what is published (see engine/regional.cc).
void WithholdPeople(std::vector<RegionalSlice>& slices, int32_t min_group_size);

// Withholds the participants and proposals of every row of `capacity` whose
// coordinator's slice of `slices` (key = CapacityValue::id) is withheld, as
// WithholdPeople left them; the rows' counts are as they are. The capacity
// table then publishes exactly the coordinators' participants and proposals
// that the people tables do: a coordinator's participants feed the same sums
// (the coordinators' participants add up to the region's), and a withheld
// slice's proposals are withheld there too. Proposals of a slice that is not
// withheld stay published even when below min_group_size, as in the people
// tables: proposals are not part of the sums that protect a withheld count,
// and the proposals of withheld coordinators can only be told together (the
// region's less the others), as WithholdPeople never withholds one
// coordinator alone.
void WithholdCapacity(std::vector<CapacityValue>& capacity,
                      const std::vector<RegionalSlice>& slices);

// `scored`, `graph`, `result` are the run's own; inputs as for sensitivity.
[[nodiscard]] RegionalSummary SummariseRegion(const SensitivityInputs& inputs,
                                              const ScoredPairs& scored,
                                              const CandidateGraph& graph,
                                              const AssignmentResult& result,
                                              const RegionalOptions& options);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_REGIONAL_H_

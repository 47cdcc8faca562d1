// engine/evaluation.h
//
// Measures an assignment the way it matters to people: how many are placed,
// who is left out, how good the fits are, where people go (micro and small
// enterprises, after a language course, how far), how coordinators' capacity
// is used, how many compete for the same vacancy, and the same per group
// (gender, German level, qualification, time in Germany, district,
// coordinator) with each group's placement rate against the best group's
// (the four-fifths rule). `jobmatch evaluate` runs it for the exact
// assignment and every baseline (engine/baselines.h) on one candidate graph.
//
// Facts only: numbers, enums and category keys from closed vocabularies
// ("B1", "vocational", a district key, a coordinator id, gender normalised to
// female/male/diverse/unknown/other). No participant id, name or row enters
// a MethodMetrics, so no report built from one can leak them.
//
// Suppression. A group with fewer than min_group_size participants is
// withheld: suppressed = true and every figure of it is zero, here already,
// not only in the HTML. Suppressed groups take no part in the best-group
// rate. Gender is only reported, never scored.
//
// Example:
//   const EvaluationContext context = MakeEvaluationContext(dataset, scored, graph, options);
//   const MethodMetrics optimal = MeasurePlacements(context, result.placements, assignment);
//   for (const GroupFigure& g : optimal.groups) if (g.below_four_fifths) ...

#ifndef JOBMATCH_ENGINE_EVALUATION_H_
#define JOBMATCH_ENGINE_EVALUATION_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/records.h"
#include "engine/scorer.h"

namespace jobmatch {

struct EvaluationOptions {
  // Groups with fewer participants are withheld in every published figure.
  int32_t min_group_size = 5;
  // A group whose placement rate is below this share of the best group's is
  // flagged (the four-fifths rule of adverse impact).
  double four_fifths = 0.8;
  // The day time in Germany is counted to (in_germany_since); unset: every
  // participant falls into the "unknown" band.
  std::optional<Date> run_date;
  // The random baseline: draws averaged, seeds random_seed, random_seed + 1, ...
  int32_t random_draws = 20;
  uint64_t random_seed = 1;
};

enum class GroupKind : int8_t {
  kGender = 0,
  kGermanLevel,
  kQualification,
  kTimeInGermany,
  kDistrict,
  kCoordinator,
  kCount,
};
inline constexpr int kNumGroupKinds = static_cast<int>(GroupKind::kCount);
// "gender", "german_level", "qualification", "time_in_germany", "district", "coordinator".
std::string_view GroupKindName(GroupKind kind);

// Time in Germany at the run date, from in_germany_since.
enum class TimeInGermanyBand : int8_t {
  kUnderOneYear = 0,
  kOneToTwoYears,
  kTwoToFourYears,
  kFourYearsOrMore,
  kUnknown,
};
// "under_1_year", "1_to_2_years", "2_to_4_years", "4_years_or_more", "unknown".
std::string_view TimeInGermanyBandName(TimeInGermanyBand band);
TimeInGermanyBand TimeInGermanyOf(const Participant& participant, std::optional<Date> run_date);

// "female", "male", "diverse", "unknown" (empty) or "other": the gender cell
// mapped to a closed vocabulary (w/f/weiblich/female, m/männlich/male,
// d/divers/diverse/x), so that no free text reaches a report.
std::string_view NormalisedGender(std::string_view cell);

// The category key of a participant for a group kind (see the top).
std::string GroupKey(const Dataset& dataset,
                     ParticipantIndex participant,
                     GroupKind kind,
                     std::optional<Date> run_date);

struct GroupFigure {
  GroupKind kind = GroupKind::kGender;
  std::string key;
  bool suppressed = false;  // fewer than min_group_size participants: all below 0
  int32_t participants = 0;
  double placed = 0.0;  // a mean over draws for the random baseline
  double placement_rate = 0.0;
  double ratio_to_best = 0.0;  // placement_rate / the best unsuppressed rate of the kind
  bool below_four_fifths = false;
  double mean_score = 0.0;  // among the group's placed
};

struct CoordinatorLoad {
  CoordinatorIndex coordinator;
  int32_t capacity = 0;
  int32_t participants = 0;
  double proposals = 0.0;
};

// People competing for the same vacancy. A vacancy's candidates are the
// participants with an arc to it in the candidate graph.
struct Congestion {
  double proposed_vacancies = 0.0;      // vacancies with at least one proposal
  double candidates_per_opening = 0.0;  // mean over those of candidates / openings
  double contested_vacancies = 0.0;     // of those, with more candidates than openings
  double proposals_at_contested = 0.0;  // proposals at contested vacancies
  // Over the whole graph, whatever the method: vacancies with a candidate,
  // and of those with more candidates than openings.
  int32_t vacancies_with_candidates = 0;
  int32_t vacancies_over_subscribed = 0;
};

// Spread of the random baseline over its draws (zero for other methods).
struct Spread {
  int32_t draws = 1;
  double proposals_min = 0.0;
  double proposals_max = 0.0;
  double proposals_stddev = 0.0;
  double objective_min = 0.0;
  double objective_max = 0.0;
  double objective_stddev = 0.0;
};

// Who a method places compared with the exact assignment (all zero for the
// optimum itself, apart from same_vacancy = its proposals).
struct Agreement {
  double same_vacancy = 0.0;   // placed by both, on the same vacancy
  double other_vacancy = 0.0;  // placed by both, on different vacancies
  double only_this = 0.0;      // placed here, left out by the optimum
  double only_optimal = 0.0;   // placed by the optimum, left out here
};

struct MethodMetrics {
  std::string name;  // "optimal", "greedy", "natural_order", "nearest", "random", ...
  int32_t participants = 0;
  double proposals = 0.0;
  double unplaced = 0.0;
  double total_score = 0.0;
  // placement_value * proposals + total_score: the solver's objective.
  double objective = 0.0;
  int64_t integer_objective = 0;  // as AssignmentObjective() (mean for random)
  double mean_score = 0.0;
  double lowest_score = 0.0;  // among placed; 0 if nobody is
  double micro_share = 0.0;   // shares of proposals
  double small_share = 0.0;
  double course_bridge_share = 0.0;
  double mean_commute_minutes = 0.0;
  std::vector<CoordinatorLoad> coordinators;  // by coordinator index
  Congestion congestion;
  std::vector<GroupFigure> groups;  // by kind, then key
  Spread spread;
  Agreement agreement;  // set by CompareMethods
};

// What measuring needs from the dataset, taken once: per arc its commute,
// course bridge and employer size class; per participant the group keys; per
// group its size. Holds no id or name.
struct EvaluationContext {
  EvaluationOptions options;
  const CandidateGraph* graph = nullptr;
  std::vector<float> arc_minutes;           // size E
  std::vector<bool> arc_bridged;            // size E
  std::vector<SizeClass> vacancy_size;      // size V
  std::vector<int32_t> vacancy_candidates;  // size V: arcs into the vacancy
  // group_of[kind][p]: index into group_keys[kind].
  std::array<std::vector<int32_t>, kNumGroupKinds> group_of;
  std::array<std::vector<std::string>, kNumGroupKinds> group_keys;  // sorted
};

// Preconditions: graph built from `dataset` and `scored`; `graph` outlives the context.
[[nodiscard]] EvaluationContext MakeEvaluationContext(const Dataset& dataset,
                                                      const ScoredPairs& scored,
                                                      const CandidateGraph& graph,
                                                      const EvaluationOptions& options);

// The figures above for one set of placements (arcs of the context's graph).
[[nodiscard]] MethodMetrics MeasurePlacements(const EvaluationContext& context,
                                              std::span<const Placement> placements,
                                              const AssignmentOptions& assignment,
                                              std::string name);

// The mean of several draws (same graph, same name), with their spread;
// group rates and ratios recomputed from the mean placed counts.
[[nodiscard]] MethodMetrics AverageDraws(std::span<const MethodMetrics> draws,
                                         const EvaluationOptions& options);

// Compares `placements` with `optimal` participant by participant.
[[nodiscard]] Agreement AgreementWith(std::span<const Placement> optimal,
                                      std::span<const Placement> placements,
                                      int32_t num_participants);

// The exact assignment and every baseline of engine/baselines.h on the
// context's graph, measured: "optimal", "greedy", "natural_order", "nearest",
// "random" (options.random_draws draws averaged, with their spread) and, when
// `previous` is given (an earlier run's proposals on today's graph,
// KeepEarlier/EarlierOnToday), "previous" last.
[[nodiscard]] std::vector<MethodMetrics> CompareMethods(
    const EvaluationContext& context,
    const AssignmentResult& optimal,
    const AssignmentOptions& assignment,
    const std::vector<Placement>* previous = nullptr);

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_EVALUATION_H_

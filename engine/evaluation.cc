#include "engine/evaluation.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "engine/baselines.h"
#include "engine/check.h"

namespace jobmatch {
namespace {

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

std::string Lower(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == ' ' || c == '\t') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// Rates, ratios to the best unsuppressed group of each kind, flags; withholds
// every figure of a group below the minimum size.
void FinishGroups(std::vector<GroupFigure>* groups, const EvaluationOptions& options) {
  std::array<double, kNumGroupKinds> best{};
  for (GroupFigure& g : *groups) {
    g.suppressed = g.participants < options.min_group_size;
    if (g.suppressed) {
      g.participants = 0;
      g.placed = 0.0;
      g.placement_rate = 0.0;
      g.ratio_to_best = 0.0;
      g.below_four_fifths = false;
      g.mean_score = 0.0;
      continue;
    }
    g.placement_rate = g.placed / g.participants;
    double& b = best[static_cast<size_t>(g.kind)];
    b = std::max(b, g.placement_rate);
  }
  for (GroupFigure& g : *groups) {
    if (g.suppressed) continue;
    const double b = best[static_cast<size_t>(g.kind)];
    g.ratio_to_best = b > 0.0 ? g.placement_rate / b : 1.0;
    g.below_four_fifths = g.ratio_to_best < options.four_fifths;
  }
}

double Stddev(std::span<const double> values, double mean) {
  if (values.size() < 2) return 0.0;
  double sum = 0.0;
  for (const double v : values) sum += (v - mean) * (v - mean);
  return std::sqrt(sum / static_cast<double>(values.size() - 1));
}

}  // namespace

std::string_view GroupKindName(GroupKind kind) {
  switch (kind) {
    case GroupKind::kGender:
      return "gender";
    case GroupKind::kGermanLevel:
      return "german_level";
    case GroupKind::kQualification:
      return "qualification";
    case GroupKind::kTimeInGermany:
      return "time_in_germany";
    case GroupKind::kDistrict:
      return "district";
    case GroupKind::kCoordinator:
      return "coordinator";
    case GroupKind::kCount:
      break;
  }
  return "?";
}

std::string_view TimeInGermanyBandName(TimeInGermanyBand band) {
  switch (band) {
    case TimeInGermanyBand::kUnderOneYear:
      return "under_1_year";
    case TimeInGermanyBand::kOneToTwoYears:
      return "1_to_2_years";
    case TimeInGermanyBand::kTwoToFourYears:
      return "2_to_4_years";
    case TimeInGermanyBand::kFourYearsOrMore:
      return "4_years_or_more";
    case TimeInGermanyBand::kUnknown:
      break;
  }
  return "unknown";
}

TimeInGermanyBand TimeInGermanyOf(const Participant& participant, std::optional<Date> run_date) {
  if (!run_date || !participant.in_germany_since) return TimeInGermanyBand::kUnknown;
  const int32_t days = run_date->days - participant.in_germany_since->days;
  if (days < 0) return TimeInGermanyBand::kUnknown;
  if (days < 365) return TimeInGermanyBand::kUnderOneYear;
  if (days < 2 * 365) return TimeInGermanyBand::kOneToTwoYears;
  if (days < 4 * 365) return TimeInGermanyBand::kTwoToFourYears;
  return TimeInGermanyBand::kFourYearsOrMore;
}

std::string_view NormalisedGender(std::string_view cell) {
  const std::string g = Lower(cell);
  if (g.empty()) return "unknown";
  if (g == "w" || g == "f" || g == "weiblich" || g == "female" || g == "frau") return "female";
  if (g == "m" || g == "männlich" || g == "maennlich" || g == "male" || g == "mann") return "male";
  if (g == "d" || g == "divers" || g == "diverse" || g == "x") return "diverse";
  return "other";
}

std::string GroupKey(const Dataset& dataset,
                     ParticipantIndex participant,
                     GroupKind kind,
                     std::optional<Date> run_date) {
  const Participant& p = dataset.participants[At(participant.value)];
  switch (kind) {
    case GroupKind::kGender:
      return std::string(NormalisedGender(p.gender));
    case GroupKind::kGermanLevel:
      return std::string(CefrName(p.german));
    case GroupKind::kQualification:
      return std::string(QualificationName(p.qualification));
    case GroupKind::kTimeInGermany:
      return std::string(TimeInGermanyBandName(TimeInGermanyOf(p, run_date)));
    case GroupKind::kDistrict:
      return p.home.district_key.empty() ? "unknown" : p.home.district_key;
    case GroupKind::kCoordinator:
      return p.coordinator.valid() ? dataset.coordinators[At(p.coordinator.value)].id : "unknown";
    case GroupKind::kCount:
      break;
  }
  return "unknown";
}

EvaluationContext MakeEvaluationContext(const Dataset& dataset,
                                        const ScoredPairs& scored,
                                        const CandidateGraph& graph,
                                        const EvaluationOptions& options) {
  JOBMATCH_CHECK(graph.num_participants == static_cast<int32_t>(dataset.participants.size()))
      << "graph and dataset differ in participants";
  EvaluationContext context;
  context.options = options;
  context.graph = &graph;
  const auto arcs = At(graph.num_arcs());
  context.arc_minutes.resize(arcs);
  context.arc_bridged.resize(arcs);
  for (size_t a = 0; a < arcs; ++a) {
    const ScoredPair& pair = scored.pairs[At(graph.arc_pair[a])];
    context.arc_minutes[a] = pair.commute_minutes;
    context.arc_bridged[a] = pair.bridge_course.valid();
  }
  context.vacancy_size.reserve(dataset.vacancies.size());
  for (const Vacancy& v : dataset.vacancies) {
    context.vacancy_size.push_back(SizeClassOf(dataset.employers[At(v.employer.value)].staff));
  }
  context.vacancy_candidates.assign(At(graph.num_vacancies), 0);
  for (const VacancyIndex v : graph.arc_vacancy) ++context.vacancy_candidates[At(v.value)];

  for (int k = 0; k < kNumGroupKinds; ++k) {
    const auto kind = static_cast<GroupKind>(k);
    std::vector<std::string> keys(dataset.participants.size());
    for (size_t p = 0; p < keys.size(); ++p) {
      keys[p] =
          GroupKey(dataset, ParticipantIndex(static_cast<int32_t>(p)), kind, options.run_date);
    }
    std::vector<std::string> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::vector<int32_t>& of = context.group_of[At(k)];
    of.reserve(keys.size());
    for (const std::string& key : keys) {
      of.push_back(static_cast<int32_t>(std::lower_bound(sorted.begin(), sorted.end(), key) -
                                        sorted.begin()));
    }
    context.group_keys[At(k)] = std::move(sorted);
  }
  return context;
}

MethodMetrics MeasurePlacements(const EvaluationContext& context,
                                std::span<const Placement> placements,
                                const AssignmentOptions& assignment,
                                std::string name) {
  const CandidateGraph& graph = *context.graph;
  MethodMetrics m;
  m.name = std::move(name);
  m.participants = graph.num_participants;
  m.proposals = static_cast<double>(placements.size());
  m.unplaced = m.participants - m.proposals;
  m.integer_objective = AssignmentObjective(placements, assignment);
  double minutes = 0.0;
  double micro = 0.0;
  double small = 0.0;
  double bridged = 0.0;
  m.lowest_score = placements.empty() ? 0.0 : 1.0;
  std::vector<int32_t> per_vacancy(At(graph.num_vacancies), 0);
  std::vector<double> per_coordinator(At(graph.num_coordinators), 0.0);
  for (const Placement& placement : placements) {
    const auto a = At(placement.arc);
    m.total_score += placement.score;
    m.lowest_score = std::min(m.lowest_score, static_cast<double>(placement.score));
    minutes += context.arc_minutes[a];
    bridged += context.arc_bridged[a] ? 1.0 : 0.0;
    const SizeClass size = context.vacancy_size[At(placement.vacancy.value)];
    micro += size == SizeClass::kMicro ? 1.0 : 0.0;
    small += size == SizeClass::kSmall ? 1.0 : 0.0;
    ++per_vacancy[At(placement.vacancy.value)];
    per_coordinator[At(graph.participant_coordinator[At(placement.participant.value)].value)] += 1;
  }
  m.objective = assignment.placement_value * m.proposals + m.total_score;
  if (!placements.empty()) {
    m.mean_score = m.total_score / m.proposals;
    m.micro_share = micro / m.proposals;
    m.small_share = small / m.proposals;
    m.course_bridge_share = bridged / m.proposals;
    m.mean_commute_minutes = minutes / m.proposals;
  }

  std::vector<int32_t> participants_of(At(graph.num_coordinators), 0);
  for (const CoordinatorIndex c : graph.participant_coordinator) ++participants_of[At(c.value)];
  for (int32_t c = 0; c < graph.num_coordinators; ++c) {
    m.coordinators.push_back(CoordinatorLoad{CoordinatorIndex(c),
                                             graph.coordinator_capacity[At(c)],
                                             participants_of[At(c)],
                                             per_coordinator[At(c)]});
  }

  Congestion& cg = m.congestion;
  double ratio_sum = 0.0;
  for (int32_t v = 0; v < graph.num_vacancies; ++v) {
    const int32_t candidates = context.vacancy_candidates[At(v)];
    const int32_t openings = graph.vacancy_capacity[At(v)];
    if (candidates > 0) ++cg.vacancies_with_candidates;
    if (candidates > 0 && candidates > openings) ++cg.vacancies_over_subscribed;
    if (per_vacancy[At(v)] == 0) continue;
    cg.proposed_vacancies += 1;
    ratio_sum += static_cast<double>(candidates) / std::max(1, openings);
    if (candidates > openings) {
      cg.contested_vacancies += 1;
      cg.proposals_at_contested += per_vacancy[At(v)];
    }
  }
  if (cg.proposed_vacancies > 0) cg.candidates_per_opening = ratio_sum / cg.proposed_vacancies;

  std::vector<bool> placed(At(graph.num_participants), false);
  std::vector<float> score(At(graph.num_participants), 0.0f);
  for (const Placement& placement : placements) {
    placed[At(placement.participant.value)] = true;
    score[At(placement.participant.value)] = placement.score;
  }
  for (int k = 0; k < kNumGroupKinds; ++k) {
    const std::vector<std::string>& keys = context.group_keys[At(k)];
    std::vector<GroupFigure> groups(keys.size());
    std::vector<double> score_sum(keys.size(), 0.0);
    for (size_t i = 0; i < keys.size(); ++i) {
      groups[i].kind = static_cast<GroupKind>(k);
      groups[i].key = keys[i];
    }
    const std::vector<int32_t>& of = context.group_of[At(k)];
    for (size_t p = 0; p < of.size(); ++p) {
      GroupFigure& g = groups[At(of[p])];
      ++g.participants;
      if (placed[p]) {
        g.placed += 1.0;
        score_sum[At(of[p])] += score[p];
      }
    }
    for (size_t i = 0; i < keys.size(); ++i) {
      if (groups[i].placed > 0) groups[i].mean_score = score_sum[i] / groups[i].placed;
    }
    FinishGroups(&groups, context.options);
    m.groups.insert(m.groups.end(), groups.begin(), groups.end());
  }
  return m;
}

MethodMetrics AverageDraws(std::span<const MethodMetrics> draws, const EvaluationOptions& options) {
  JOBMATCH_CHECK(!draws.empty()) << "no draws to average";
  MethodMetrics m = draws.front();
  const auto n = static_cast<double>(draws.size());
  auto mean = [&](auto field) {
    double sum = 0.0;
    for (const MethodMetrics& d : draws) sum += field(d);
    return sum / n;
  };
  m.proposals = mean([](const MethodMetrics& d) { return d.proposals; });
  m.unplaced = mean([](const MethodMetrics& d) { return d.unplaced; });
  m.total_score = mean([](const MethodMetrics& d) { return d.total_score; });
  m.objective = mean([](const MethodMetrics& d) { return d.objective; });
  m.integer_objective = std::llround(
      mean([](const MethodMetrics& d) { return static_cast<double>(d.integer_objective); }));
  m.mean_score = mean([](const MethodMetrics& d) { return d.mean_score; });
  m.lowest_score = mean([](const MethodMetrics& d) { return d.lowest_score; });
  m.micro_share = mean([](const MethodMetrics& d) { return d.micro_share; });
  m.small_share = mean([](const MethodMetrics& d) { return d.small_share; });
  m.course_bridge_share = mean([](const MethodMetrics& d) { return d.course_bridge_share; });
  m.mean_commute_minutes = mean([](const MethodMetrics& d) { return d.mean_commute_minutes; });
  for (size_t c = 0; c < m.coordinators.size(); ++c) {
    m.coordinators[c].proposals =
        mean([c](const MethodMetrics& d) { return d.coordinators[c].proposals; });
  }
  Congestion& cg = m.congestion;
  cg.proposed_vacancies =
      mean([](const MethodMetrics& d) { return d.congestion.proposed_vacancies; });
  cg.candidates_per_opening =
      mean([](const MethodMetrics& d) { return d.congestion.candidates_per_opening; });
  cg.contested_vacancies =
      mean([](const MethodMetrics& d) { return d.congestion.contested_vacancies; });
  cg.proposals_at_contested =
      mean([](const MethodMetrics& d) { return d.congestion.proposals_at_contested; });
  // Groups: mean placed counts and scores over the draws, rates recomputed.
  // Suppression depends on group size only, so it is the same in every draw;
  // sizes are restored from the unsuppressed draw figures.
  for (size_t i = 0; i < m.groups.size(); ++i) {
    GroupFigure& g = m.groups[i];
    if (g.suppressed) continue;
    g.placed = mean([i](const MethodMetrics& d) { return d.groups[i].placed; });
    g.mean_score = mean([i](const MethodMetrics& d) { return d.groups[i].mean_score; });
  }
  FinishGroups(&m.groups, options);
  m.agreement.same_vacancy = mean([](const MethodMetrics& d) { return d.agreement.same_vacancy; });
  m.agreement.other_vacancy =
      mean([](const MethodMetrics& d) { return d.agreement.other_vacancy; });
  m.agreement.only_this = mean([](const MethodMetrics& d) { return d.agreement.only_this; });
  m.agreement.only_optimal = mean([](const MethodMetrics& d) { return d.agreement.only_optimal; });

  std::vector<double> proposals;
  std::vector<double> objective;
  for (const MethodMetrics& d : draws) {
    proposals.push_back(d.proposals);
    objective.push_back(d.objective);
  }
  m.spread.draws = static_cast<int32_t>(draws.size());
  m.spread.proposals_min = *std::min_element(proposals.begin(), proposals.end());
  m.spread.proposals_max = *std::max_element(proposals.begin(), proposals.end());
  m.spread.proposals_stddev = Stddev(proposals, m.proposals);
  m.spread.objective_min = *std::min_element(objective.begin(), objective.end());
  m.spread.objective_max = *std::max_element(objective.begin(), objective.end());
  m.spread.objective_stddev = Stddev(objective, m.objective);
  return m;
}

Agreement AgreementWith(std::span<const Placement> optimal,
                        std::span<const Placement> placements,
                        int32_t num_participants) {
  std::vector<int32_t> best(At(num_participants), -1);
  std::vector<int32_t> here(At(num_participants), -1);
  for (const Placement& p : optimal) best[At(p.participant.value)] = p.vacancy.value;
  for (const Placement& p : placements) here[At(p.participant.value)] = p.vacancy.value;
  Agreement a;
  for (size_t p = 0; p < best.size(); ++p) {
    if (best[p] >= 0 && here[p] >= 0) {
      (best[p] == here[p] ? a.same_vacancy : a.other_vacancy) += 1.0;
    } else if (here[p] >= 0) {
      a.only_this += 1.0;
    } else if (best[p] >= 0) {
      a.only_optimal += 1.0;
    }
  }
  return a;
}

std::vector<MethodMetrics> CompareMethods(const EvaluationContext& context,
                                          const AssignmentResult& optimal,
                                          const AssignmentOptions& assignment,
                                          const std::vector<Placement>* previous) {
  const CandidateGraph& graph = *context.graph;
  std::vector<MethodMetrics> methods;
  auto measure = [&](std::span<const Placement> placements, std::string name) {
    MethodMetrics m = MeasurePlacements(context, placements, assignment, std::move(name));
    m.agreement = AgreementWith(optimal.placements, placements, graph.num_participants);
    return m;
  };
  methods.push_back(measure(optimal.placements, "optimal"));
  methods.push_back(measure(GreedyByScore(graph), "greedy"));
  methods.push_back(measure(NaturalOrder(graph), "natural_order"));
  methods.push_back(measure(NearestFirst(graph, context.arc_minutes), "nearest"));
  std::vector<MethodMetrics> draws;
  const int32_t n = std::max(1, context.options.random_draws);
  draws.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) {
    draws.push_back(measure(
        RandomOrder(graph, context.options.random_seed + static_cast<uint64_t>(i)), "random"));
  }
  methods.push_back(AverageDraws(draws, context.options));
  if (previous != nullptr) methods.push_back(measure(*previous, "previous"));
  return methods;
}

}  // namespace jobmatch

#include "engine/regional.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "engine/check.h"

namespace jobmatch {
namespace {

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

std::vector<CountRow> Counts(const std::map<std::string, int32_t>& by_key,
                             int32_t min_size,
                             bool people) {
  std::vector<CountRow> rows;
  for (const auto& [key, count] : by_key) {
    CountRow row;
    row.key = key;
    row.suppressed = people && count > 0 && count < min_size;
    row.count = row.suppressed ? 0 : count;
    rows.push_back(std::move(row));
  }
  return rows;
}

// The rule that stopped a participant without any candidate vacancy.
std::string UnmetRule(const ScoredPairs& scored, int32_t p) {
  const auto i = At(p);
  if (scored.within_reach[i] == 0) return "no_vacancy_in_reach";
  if (scored.eligible[i] > 0) return "below_min_score";
  int best = 0;
  for (int r = 1; r < kNumExclusionReasons; ++r) {
    if (scored.excluded[i][At(r)] > scored.excluded[i][At(best)]) best = r;
  }
  return std::string(ExclusionReasonName(static_cast<ExclusionReason>(best)));
}

struct Membership {
  std::vector<int32_t> participants;
  std::vector<int32_t> vacancies;
};

RegionalSlice MakeSlice(SliceKind kind,
                        std::string key,
                        const Membership& members,
                        const Dataset& dataset,
                        const ReferenceData& reference,
                        const ScoredPairs& scored,
                        const CandidateGraph& graph,
                        const std::vector<bool>& placed,
                        const RegionalOptions& options) {
  RegionalSlice s;
  s.kind = kind;
  s.key = std::move(key);
  s.participants = static_cast<int32_t>(members.participants.size());
  s.vacancies = static_cast<int32_t>(members.vacancies.size());
  s.suppressed = s.participants > 0 && s.participants < options.min_group_size;
  std::map<std::string, int32_t> german, qualification, goal, unmet, by_area_people;
  for (const int32_t p : members.participants) {
    const Participant& who = dataset.participants[At(p)];
    s.proposals += placed[At(p)] ? 1 : 0;
    ++german[std::string(CefrName(who.german))];
    ++qualification[std::string(QualificationName(who.qualification))];
    ++goal[std::string(GoalName(who.goal))];
    if (graph.arc_begin[At(p) + 1] == graph.arc_begin[At(p)]) ++unmet[UnmetRule(scored, p)];
    const std::string area =
        who.occupations.empty() ? "" : OccupationArea(who.occupations.front(), reference);
    ++by_area_people[area];
  }
  std::map<std::string, int32_t> area_openings, area_vacancies, kinds, sizes;
  for (const int32_t v : members.vacancies) {
    const Vacancy& vac = dataset.vacancies[At(v)];
    s.openings += vac.openings;
    const std::string area = OccupationArea(vac.occupation, reference);
    area_openings[area] += vac.openings;
    ++area_vacancies[area];
    kinds[std::string(VacancyKindName(vac.kind))] += vac.openings;
    sizes[std::string(SizeClassName(
        SizeClassOf(dataset.employers[At(vac.employer.value)].staff)))] += vac.openings;
  }
  const int32_t min = options.min_group_size;
  if (!s.suppressed) {
    s.participants_by_german = Counts(german, min, true);
    s.participants_by_qualification = Counts(qualification, min, true);
    s.participants_by_goal = Counts(goal, min, true);
    s.unmet_by_rule = Counts(unmet, min, true);
  } else {
    s.participants = 0;
    s.proposals = 0;
  }
  s.vacancies_by_area = Counts(area_openings, min, false);
  s.vacancies_by_kind = Counts(kinds, min, false);
  s.vacancies_by_size = Counts(sizes, min, false);
  std::set<std::string> areas;
  for (const auto& [area, n] : by_area_people) areas.insert(area);
  for (const auto& [area, n] : area_openings) areas.insert(area);
  for (const std::string& area : areas) {
    AreaBalance b;
    b.area = area;
    const auto people = by_area_people.find(area);
    const int32_t n = people == by_area_people.end() ? 0 : people->second;
    b.suppressed = s.suppressed || (n > 0 && n < min);
    b.participants = b.suppressed ? 0 : n;
    const auto open = area_openings.find(area);
    b.openings = open == area_openings.end() ? 0 : open->second;
    const auto vac = area_vacancies.find(area);
    b.vacancies = vac == area_vacancies.end() ? 0 : vac->second;
    s.balance.push_back(std::move(b));
  }
  return s;
}

std::vector<bool> PlacedOf(int32_t participants, const AssignmentResult& result) {
  std::vector<bool> placed(At(participants), false);
  for (const Placement& p : result.placements) placed[At(p.participant.value)] = true;
  return placed;
}

CourseNeed CourseNeedFor(CefrLevel level,
                         const SensitivityInputs& inputs,
                         const CandidateGraph& graph,
                         const AssignmentResult& result,
                         const RegionalOptions& options) {
  CourseNeed need;
  need.level = level;
  need.proposals_before = static_cast<int32_t>(result.placements.size());
  Dataset raised = *inputs.dataset;
  std::vector<int32_t> who;
  for (size_t p = 0; p < raised.participants.size(); ++p) {
    if (raised.participants[p].german < level) {
      raised.participants[p].german = level;
      who.push_back(static_cast<int32_t>(p));
    }
  }
  need.below = static_cast<int32_t>(who.size());
  if (need.below < options.min_group_size) {
    need.suppressed = true;
    need.below = 0;
    return need;
  }
  const ScoredPairs scored = ScoreTopK(raised, *inputs.reference, inputs.scoring);
  const CandidateGraph changed = BuildCandidateGraph(raised, scored, inputs.candidates);
  const AssignmentResult after = AssignParticipants(changed, inputs.assignment);
  JOBMATCH_CHECK(after.status == AssignmentStatus::kOptimal) << "course re-solve failed";
  need.proposals_after = static_cast<int32_t>(after.placements.size());
  const std::vector<bool> placed_after = PlacedOf(changed.num_participants, after);
  for (const int32_t p : who) {
    const auto i = At(p);
    const int64_t before_arcs = graph.arc_begin[i + 1] - graph.arc_begin[i];
    const int64_t after_arcs = changed.arc_begin[i + 1] - changed.arc_begin[i];
    // More candidates, or the same number of better ones (top K full).
    need.gaining_candidates += after_arcs > before_arcs ? 1 : 0;
    need.raised_placed_after += placed_after[i] ? 1 : 0;
  }
  return need;
}

}  // namespace

std::string OccupationArea(const OccupationRef& occupation, const ReferenceData& reference) {
  if (occupation.kldb.valid()) return reference.kldb[At(occupation.kldb.value)].code.substr(0, 2);
  if (!occupation.esco.valid()) return "";
  const std::string& isco = reference.occupations[At(occupation.esco.value)].isco_code;
  for (const KldbOccupation& k : reference.kldb) {
    if (std::find(k.isco_codes.begin(), k.isco_codes.end(), isco) != k.isco_codes.end()) {
      return k.code.substr(0, 2);
    }
  }
  return "";
}

RegionalSummary SummariseRegion(const SensitivityInputs& inputs,
                                const ScoredPairs& scored,
                                const CandidateGraph& graph,
                                const AssignmentResult& result,
                                const RegionalOptions& options) {
  JOBMATCH_CHECK(inputs.dataset != nullptr && inputs.reference != nullptr)
      << "regional summary without dataset or reference data";
  const Dataset& dataset = *inputs.dataset;
  const ReferenceData& reference = *inputs.reference;
  RegionalSummary summary;
  summary.min_group_size = options.min_group_size;
  const std::vector<bool> placed = PlacedOf(graph.num_participants, result);

  Membership all;
  std::map<std::string, Membership> districts;
  std::vector<Membership> coordinators(dataset.coordinators.size());
  for (size_t p = 0; p < dataset.participants.size(); ++p) {
    const Participant& who = dataset.participants[p];
    const auto i = static_cast<int32_t>(p);
    all.participants.push_back(i);
    districts[who.home.district_key].participants.push_back(i);
    coordinators[At(who.coordinator.value)].participants.push_back(i);
  }
  for (size_t v = 0; v < dataset.vacancies.size(); ++v) {
    const auto i = static_cast<int32_t>(v);
    all.vacancies.push_back(i);
    districts[dataset.vacancies[v].place.district_key].vacancies.push_back(i);
    for (size_t c = 0; c < dataset.coordinators.size(); ++c) {
      if (dataset.coordinators[c].district == dataset.vacancies[v].place.district_key) {
        coordinators[c].vacancies.push_back(i);
      }
    }
  }
  auto slice = [&](SliceKind kind, std::string key, const Membership& members) {
    summary.slices.push_back(MakeSlice(
        kind, std::move(key), members, dataset, reference, scored, graph, placed, options));
  };
  slice(SliceKind::kAll, "", all);
  for (const auto& [key, members] : districts) {
    if (!members.participants.empty()) slice(SliceKind::kDistrict, key, members);
  }
  for (size_t c = 0; c < coordinators.size(); ++c) {
    slice(SliceKind::kCoordinator, dataset.coordinators[c].id, coordinators[c]);
  }

  for (const CefrLevel level : {CefrLevel::kB1, CefrLevel::kB2}) {
    summary.course_needs.push_back(CourseNeedFor(level, inputs, graph, result, options));
  }

  AssignmentSession session(graph, inputs.assignment);
  const AssignmentResult base = session.Solve();
  const double resolution = static_cast<double>(inputs.assignment.cost_resolution);
  std::vector<int32_t> proposals(dataset.coordinators.size(), 0);
  for (const Placement& p : result.placements) {
    ++proposals[At(graph.participant_coordinator[At(p.participant.value)].value)];
  }
  CandidateGraph changed = graph;
  for (size_t c = 0; c < dataset.coordinators.size(); ++c) {
    CapacityValue value;
    value.coordinator = CoordinatorIndex(static_cast<int32_t>(c));
    value.id = dataset.coordinators[c].id;
    value.fte = dataset.coordinators[c].fte;
    value.capacity = graph.coordinator_capacity[c];
    value.participants = static_cast<int32_t>(coordinators[c].participants.size());
    value.proposals = proposals[c];
    value.yearly_target = value.fte * options.placements_per_fte_year;
    if (c < result.duals.coordinator.size()) {
      value.dual_value = std::max(
          0.0, static_cast<double>(result.duals.coordinator[c] - result.duals.sink) / resolution);
    }
    changed.coordinator_capacity[c] += 1;
    const AssignmentResult more = session.Resolve(changed);
    changed.coordinator_capacity[c] -= 1;
    value.extra_proposals =
        static_cast<int32_t>(more.placements.size()) - static_cast<int32_t>(base.placements.size());
    value.objective_gain = static_cast<double>(base.total_cost - more.total_cost) / resolution;
    summary.capacity.push_back(std::move(value));
  }
  return summary;
}

}  // namespace jobmatch

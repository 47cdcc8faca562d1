#include "reports/results_pb.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "engine/check.h"
#include "engine/exclusion_rules.h"
#include "engine/parallel.h"
#include "engine/skill_profiles.h"
#include "proto/results.pb.h"

namespace jobmatch::reports {
namespace {

namespace pb = jobmatch::results;

// Field numbers of Results (reports/proto/results.proto).
constexpr uint32_t kRunField = 1;
constexpr uint32_t kConfigField = 2;
constexpr uint32_t kExclusionRulesField = 3;
constexpr uint32_t kSkillsField = 4;
constexpr uint32_t kCoordinatorsField = 5;
constexpr uint32_t kVacanciesField = 6;
constexpr uint32_t kProposalsField = 7;
constexpr uint32_t kUnplacedField = 8;

// Elements serialised per task, and tasks run before their bytes are written.
constexpr size_t kBlockItems = 4096;
constexpr size_t kBlocksInFlight = 64;

void AppendVarint(std::string* out, uint64_t value) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// One length-delimited field of the outer message: tag, length, bytes.
void AppendBytes(std::string* out, uint32_t field, std::string_view bytes) {
  AppendVarint(out, (uint64_t{field} << 3) | 2);
  AppendVarint(out, bytes.size());
  out->append(bytes);
}

void AppendMessage(std::string* out, uint32_t field, const google::protobuf::MessageLite& message) {
  AppendVarint(out, (uint64_t{field} << 3) | 2);
  const size_t size = message.ByteSizeLong();
  AppendVarint(out, size);
  const size_t at = out->size();
  out->resize(at + size);
  message.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(out->data() + at));
}

pb::Binding BindingOf(BindingKind kind) {
  switch (kind) {
    case BindingKind::kNone:
      return pb::BINDING_NONE;
    case BindingKind::kVacancyFull:
      return pb::BINDING_VACANCY_FULL;
    case BindingKind::kEmployerFull:
      return pb::BINDING_EMPLOYER_FULL;
    case BindingKind::kCoordinatorAtCapacity:
      return pb::BINDING_COORDINATOR_AT_CAPACITY;
  }
  return pb::BINDING_NONE;
}

pb::UnplacedReason UnplacedReasonOf(UnplacedReason reason) {
  switch (reason) {
    case UnplacedReason::kNoWorkPermit:
      return pb::UNPLACED_NO_WORK_PERMIT;
    case UnplacedReason::kNothingInReach:
      return pb::UNPLACED_NOTHING_IN_REACH;
    case UnplacedReason::kNothingSuitable:
      return pb::UNPLACED_NOTHING_SUITABLE;
    case UnplacedReason::kCoordinatorAtCapacity:
      return pb::UNPLACED_COORDINATOR_AT_CAPACITY;
    case UnplacedReason::kBound:
      return pb::UNPLACED_BOUND;
    case UnplacedReason::kOutscored:
      return pb::UNPLACED_OUTSCORED;
    case UnplacedReason::kOutsideProgramme:
      return pb::UNPLACED_OUTSIDE_PROGRAMME;
    case UnplacedReason::kOutsidePathway:
      return pb::UNPLACED_OUTSIDE_PATHWAY;
  }
  return pb::UNPLACED_REASON_UNSPECIFIED;
}

struct Context {
  const Dataset& dataset;
  const ReferenceData& reference;
  const SkillLists& essentials;  // VacancyEssentialSkills()
};

const std::string& VacancyId(const Dataset& dataset, VacancyIndex v) {
  return dataset.vacancies[static_cast<size_t>(v.value)].id;
}

void FillProposal(const Context& context,
                  const Proposal& p,
                  pb::Proposal* out,
                  SkillsHeldCache* held) {
  const Dataset& dataset = context.dataset;
  const ScoredPair& pair = p.pair;
  const Participant& participant = dataset.participants[static_cast<size_t>(p.participant.value)];
  const Vacancy& vacancy = dataset.vacancies[static_cast<size_t>(pair.vacancy.value)];
  out->set_coordinator(dataset.coordinators[static_cast<size_t>(p.coordinator.value)].id);
  out->set_participant(participant.id);
  out->set_vacancy(vacancy.id);
  out->set_assigned(p.assigned);
  out->set_rank(p.rank);
  out->set_score(pair.score);
  out->set_skill(pair.parts.skill);
  out->set_german(pair.parts.german);
  out->set_commute(pair.parts.commute);
  out->set_micro(pair.parts.micro);
  out->set_essential_coverage(pair.parts.essential_coverage);
  out->set_optional_coverage(pair.parts.optional_coverage);
  out->set_requirement_fit(pair.parts.requirement_fit);
  out->set_isco_match_digits(pair.parts.isco_match_digits);
  out->set_isco_floor_applied(pair.parts.isco_floor_applied);
  out->set_distance_km(pair.distance_km);
  out->set_commute_minutes(pair.commute_minutes);
  if (pair.bridge_course.valid()) {
    out->set_bridge_course(dataset.courses[static_cast<size_t>(pair.bridge_course.value)].id);
    out->set_bridge_level(std::string(CefrName(pair.bridge_level)));
  }
  const EssentialSkillGap gap =
      held->Gap(participant, context.reference, context.essentials.For(pair.vacancy.value));
  for (const SkillIndex s : gap.covered) out->add_covered_skills(s.value);
  for (const SkillIndex s : gap.missing) out->add_missing_skills(s.value);
  out->set_binding(BindingOf(p.binding.kind));
  if (p.binding.kind != BindingKind::kNone && p.binding.better_vacancy.valid()) {
    out->set_better_vacancy(VacancyId(dataset, p.binding.better_vacancy));
  }
  out->set_is_new(p.is_new);
}

void FillUnplaced(const Context& context, const UnplacedParticipant& u, pb::Unplaced* out) {
  const Dataset& dataset = context.dataset;
  out->set_coordinator(dataset.coordinators[static_cast<size_t>(u.coordinator.value)].id);
  out->set_participant(dataset.participants[static_cast<size_t>(u.participant.value)].id);
  out->set_reason(UnplacedReasonOf(u.reason));
  out->set_eligible_vacancies(u.eligible);
  for (const int32_t count : u.excluded) out->add_excluded(count);
  if (u.reason == UnplacedReason::kOutsideProgramme) {
    out->set_outside_programme(std::string(ExclusionReasonName(u.programme_rule)));
  }
  if (u.reason == UnplacedReason::kOutsidePathway) {
    out->set_pathway_rule(std::string(ExclusionReasonName(u.pathway_rule)));
  }
  if (u.has_near_miss) {
    pb::NearestMiss* miss = out->mutable_nearest_miss();
    miss->set_rule(std::string(ExclusionReasonName(u.near_miss_rule)));
    miss->set_vacancies(u.near_miss.count);
    miss->set_best_vacancy(VacancyId(dataset, u.near_miss.best));
    miss->set_best_score(u.near_miss.best_score);
  }
  out->set_candidates(u.candidates);
  if (u.best_vacancy.valid()) {
    out->set_best_vacancy(VacancyId(dataset, u.best_vacancy));
    out->set_best_score(u.best_score);
  }
}

// Writes `items` as repeated field `field`: blocks of kBlockItems serialised
// in parallel, kBlocksInFlight at a time, written in order. Each task fills
// with its own copy of `fill` (which may keep a cache).
template <typename Item, typename Message, typename Fill>
bool WriteRepeated(std::ostream& out,
                   tbb::task_arena& arena,
                   uint32_t field,
                   const std::vector<Item>& items,
                   Fill fill) {
  const size_t blocks = (items.size() + kBlockItems - 1) / kBlockItems;
  std::vector<std::string> bytes(std::min(blocks, kBlocksInFlight));
  for (size_t first = 0; first < blocks; first += kBlocksInFlight) {
    const size_t count = std::min(kBlocksInFlight, blocks - first);
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, count, 1),
                        [&](const tbb::blocked_range<size_t>& range) {
                          Fill task_fill = fill;
                          Message message;
                          for (size_t b = range.begin(); b != range.end(); ++b) {
                            std::string& block = bytes[b];
                            block.clear();
                            const size_t begin = (first + b) * kBlockItems;
                            const size_t end = std::min(items.size(), begin + kBlockItems);
                            for (size_t i = begin; i < end; ++i) {
                              message.Clear();
                              task_fill(items[i], &message);
                              AppendMessage(&block, field, message);
                            }
                          }
                        });
    });
    for (size_t b = 0; b < count; ++b) {
      out.write(bytes[b].data(), static_cast<std::streamsize>(bytes[b].size()));
    }
    if (!out) return false;
  }
  return true;
}

}  // namespace

std::optional<Error> WriteResultsPb(const Dataset& dataset,
                                    const ReferenceData& reference,
                                    const EngineConfig& config,
                                    const ProposalSet& set,
                                    const std::string& run_date,
                                    const std::vector<CapacityDerivation>& capacities,
                                    const std::filesystem::path& file,
                                    int num_threads) {
  JOBMATCH_CHECK(num_threads >= 0) << "num_threads";
  JOBMATCH_CHECK(capacities.size() == dataset.coordinators.size()) << "capacities";
  auto cannot_write = [&] {
    return MakeError(ErrorKind::kCannotWrite,
                     file.string(),
                     0,
                     "",
                     "",
                     "cannot write file (disk full or no permission?)");
  };
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) return cannot_write();
  std::string head;

  const RunMetrics& m = set.metrics;
  pb::Run run;
  run.set_date(run_date);
  run.set_participants(m.participants);
  run.set_vacancies(m.vacancies);
  run.set_openings(m.openings);
  run.set_coordinators(m.coordinators);
  run.set_pairs_examined(m.pairs_examined);
  run.set_candidate_arcs(m.candidate_arcs);
  run.set_proposals(m.proposals);
  run.set_unplaced(m.unplaced);
  run.set_total_score(m.total_score);
  run.set_mean_score(m.mean_score);
  run.set_micro_enterprise_proposals(m.micro_enterprise_proposals);
  run.set_course_bridge_proposals(m.course_bridge_proposals);
  for (const int64_t count : m.excluded_total) run.add_excluded_pairs(count);
  AppendMessage(&head, kRunField, run);

  const ScoringWeights& w = config.scoring.weights;
  pb::Config config_pb;
  config_pb.set_weight_skill(w.skill);
  config_pb.set_weight_german(w.german);
  config_pb.set_weight_commute(w.commute);
  config_pb.set_weight_micro(w.micro);
  config_pb.set_top_k(config.scoring.top_k);
  config_pb.set_german_tolerance_levels(config.scoring.german_tolerance_levels);
  config_pb.set_placement_value(config.assignment.placement_value);
  config_pb.set_max_arcs_per_participant(config.candidates.max_arcs_per_participant);
  AppendMessage(&head, kConfigField, config_pb);

  for (int r = 0; r < kNumExclusionReasons; ++r) {
    AppendBytes(&head, kExclusionRulesField, ExclusionReasonName(static_cast<ExclusionReason>(r)));
  }
  for (const EscoSkill& skill : reference.skills) AppendBytes(&head, kSkillsField, skill.id);

  std::vector<int32_t> assigned(dataset.coordinators.size(), 0);
  std::vector<int32_t> unplaced(dataset.coordinators.size(), 0);
  std::vector<uint8_t> named(dataset.vacancies.size(), 0);
  for (const Proposal& p : set.proposals) {
    if (p.assigned) ++assigned[static_cast<size_t>(p.coordinator.value)];
    named[static_cast<size_t>(p.pair.vacancy.value)] = 1;
  }
  for (const UnplacedParticipant& u : set.unplaced) {
    ++unplaced[static_cast<size_t>(u.coordinator.value)];
    if (u.has_near_miss) named[static_cast<size_t>(u.near_miss.best.value)] = 1;
    if (u.best_vacancy.valid()) named[static_cast<size_t>(u.best_vacancy.value)] = 1;
  }
  for (const Proposal& p : set.proposals) {
    if (p.binding.kind != BindingKind::kNone && p.binding.better_vacancy.valid()) {
      named[static_cast<size_t>(p.binding.better_vacancy.value)] = 1;
    }
  }
  pb::Coordinator coordinator;
  for (size_t c = 0; c < dataset.coordinators.size(); ++c) {
    const Coordinator& co = dataset.coordinators[c];
    const CapacityDerivation& d = capacities[c];
    coordinator.Clear();
    coordinator.set_id(co.id);
    coordinator.set_name(co.name);
    coordinator.set_district(co.district);
    coordinator.set_fte(co.fte);
    coordinator.set_capacity(co.capacity);
    coordinator.set_capacity_source(d.derived           ? pb::CAPACITY_DERIVED
                                    : co.capacity_given ? pb::CAPACITY_GIVEN
                                                        : pb::CAPACITY_NONE);
    if (d.derived) {
      pb::CapacityDerivation* derivation = coordinator.mutable_capacity_derivation();
      derivation->set_fte(d.fte);
      derivation->set_intake_per_fte_year(config.capacity.intake_per_fte_year);
      derivation->set_yearly_intake(d.yearly_intake);
      derivation->set_taken_on_this_year(d.taken_on_this_year);
      derivation->set_cycle_weeks(config.capacity.cycle_weeks);
      derivation->set_cycles_left(d.cycles_left);
      derivation->set_per_cycle(d.per_cycle);
      derivation->set_follow_up(d.follow_up);
      derivation->set_follow_up_weight(config.capacity.follow_up_weight);
      derivation->set_follow_up_load(d.follow_up_load);
      derivation->set_capacity(d.capacity);
    }
    coordinator.set_proposals(assigned[c]);
    coordinator.set_unplaced(unplaced[c]);
    AppendMessage(&head, kCoordinatorsField, coordinator);
  }
  pb::Vacancy vacancy;
  for (size_t v = 0; v < dataset.vacancies.size(); ++v) {
    if (named[v] == 0) continue;
    const Vacancy& va = dataset.vacancies[v];
    const Employer& employer = dataset.employers[static_cast<size_t>(va.employer.value)];
    vacancy.Clear();
    vacancy.set_id(va.id);
    vacancy.set_title(va.title);
    vacancy.set_occupation(reference.OccupationCode(va.occupation));
    vacancy.set_employer(employer.id);
    vacancy.set_employer_name(employer.name);
    vacancy.set_employer_size(std::string(SizeClassName(SizeClassOf(employer.staff))));
    vacancy.set_place(va.place.name);
    vacancy.set_district(va.place.district_key);
    vacancy.set_kind(std::string(VacancyKindName(va.kind)));
    AppendMessage(&head, kVacanciesField, vacancy);
    if (head.size() >= (size_t{1} << 20)) {
      out.write(head.data(), static_cast<std::streamsize>(head.size()));
      head.clear();
    }
  }
  out.write(head.data(), static_cast<std::streamsize>(head.size()));
  if (!out) return cannot_write();

  tbb::task_arena arena(ArenaConcurrency(num_threads));
  const SkillLists essentials = VacancyEssentialSkills(dataset, reference, num_threads);
  const Context context{dataset, reference, essentials};
  if (!WriteRepeated<Proposal, pb::Proposal>(
          out,
          arena,
          kProposalsField,
          set.proposals,
          [&context, held = SkillsHeldCache{}](const Proposal& p, pb::Proposal* message) mutable {
            FillProposal(context, p, message, &held);
          })) {
    return cannot_write();
  }
  if (!WriteRepeated<UnplacedParticipant, pb::Unplaced>(
          out,
          arena,
          kUnplacedField,
          set.unplaced,
          [&](const UnplacedParticipant& u, pb::Unplaced* message) {
            FillUnplaced(context, u, message);
          })) {
    return cannot_write();
  }
  if (!out.flush()) return cannot_write();
  return std::nullopt;
}

}  // namespace jobmatch::reports

#include "reports/report_writer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/skill_profiles.h"
#include "reports/coordinator_sheets.h"
#include "reports/reasons_de.h"
#include "reports/results_pb.h"

namespace jobmatch::reports {
namespace {

using nlohmann::ordered_json;

double Round(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

ordered_json PartsJson(const ScoredPair& pair, const ScoringWeights& weights) {
  const std::array<double, 4> contributions = Contributions(pair.parts, weights);
  return ordered_json{{"skill", Round(pair.parts.skill, 4)},
                      {"essential_coverage", Round(pair.parts.essential_coverage, 4)},
                      {"optional_coverage", Round(pair.parts.optional_coverage, 4)},
                      {"german", Round(pair.parts.german, 4)},
                      {"commute", Round(pair.parts.commute, 4)},
                      {"micro", Round(pair.parts.micro, 4)},
                      {"requirement_fit", Round(pair.parts.requirement_fit, 4)},
                      {"isco_match_digits", pair.parts.isco_match_digits},
                      {"isco_floor_applied", pair.parts.isco_floor_applied},
                      {"contributions",
                       {{"skill", Round(contributions[0], 4)},
                        {"german", Round(contributions[1], 4)},
                        {"commute", Round(contributions[2], 4)},
                        {"micro", Round(contributions[3], 4)}}}};
}

// ESCO skill ids, in skill index order.
ordered_json SkillIds(const std::vector<SkillIndex>& skills, const ReferenceData& reference) {
  ordered_json ids = ordered_json::array();
  for (SkillIndex s : skills) ids.push_back(reference.skills[static_cast<size_t>(s.value)].id);
  return ids;
}

template <typename Count>
ordered_json ExclusionsJson(const std::array<Count, kNumExclusionReasons>& counts) {
  ordered_json out = ordered_json::object();
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    out[std::string(ExclusionReasonName(static_cast<ExclusionReason>(r)))] =
        counts[static_cast<size_t>(r)];
  }
  return out;
}

// Compact JSON. Text that is not valid UTF-8 (a loader should have refused
// it) is written with U+FFFD in place of the bad bytes instead of throwing.
std::string Dump(const ordered_json& json) {
  return json.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::optional<Error> CannotWrite(const std::filesystem::path& path) {
  return MakeError(ErrorKind::kCannotWrite,
                   path.string(),
                   0,
                   "",
                   "",
                   "cannot write file (disk full or no permission?)");
}

// Writes `items` as a JSON array with one compact element per line.
template <typename Items, typename ToJson>
void WriteArray(std::ostream& out, const char* key, const Items& items, ToJson to_json, bool last) {
  out << "  \"" << key << "\": [";
  bool first = true;
  for (const auto& item : items) {
    out << (first ? "\n    " : ",\n    ") << Dump(to_json(item));
    first = false;
  }
  out << (first ? "]" : "\n  ]") << (last ? "\n" : ",\n");
}

}  // namespace

std::optional<Error> WriteRunReport(const Dataset& dataset,
                                    const ReferenceData& reference,
                                    const EngineConfig& config,
                                    const ProposalSet& set,
                                    const std::string& run_date,
                                    const std::filesystem::path& dir,
                                    int* files_written,
                                    const std::vector<CapacityDerivation>& capacities,
                                    int num_threads,
                                    const OutputFormats& formats) {
  JOBMATCH_CHECK(!formats.automatic) << "output formats not resolved";
  int files = 0;
  const std::vector<CapacityDerivation> capacity = CapacitiesOrGiven(dataset, capacities);
  if (auto error = WriteCoordinatorSheets(dataset,
                                          reference,
                                          set,
                                          ParseDate(run_date),
                                          dir,
                                          &files,
                                          capacity,
                                          num_threads,
                                          formats)) {
    return error;
  }
  if (formats.pb) {
    if (auto error = WriteResultsPb(dataset,
                                    reference,
                                    config,
                                    set,
                                    run_date,
                                    capacity,
                                    dir / "jobmatch.pb",
                                    num_threads)) {
      return error;
    }
    ++files;
  }
  if (!formats.json) {
    *files_written = files;
    return std::nullopt;
  }
  const size_t num_coordinators = dataset.coordinators.size();

  // Everything, as JSON, streamed: one compact object per line in the arrays.
  const std::filesystem::path json_path = dir / "jobmatch.json";
  std::ofstream out(json_path, std::ios::binary | std::ios::trunc);
  if (!out) return CannotWrite(json_path);
  const RunMetrics& m = set.metrics;
  const ordered_json run = {{"date", run_date},
                            {"participants", m.participants},
                            {"vacancies", m.vacancies},
                            {"openings", m.openings},
                            {"coordinators", m.coordinators},
                            {"pairs_examined", m.pairs_examined},
                            {"candidate_arcs", m.candidate_arcs},
                            {"proposals", m.proposals},
                            {"unplaced", m.unplaced},
                            {"total_score", Round(m.total_score, 4)},
                            {"mean_score", Round(m.mean_score, 4)},
                            {"micro_enterprise_proposals", m.micro_enterprise_proposals},
                            {"course_bridge_proposals", m.course_bridge_proposals},
                            {"excluded_pairs", ExclusionsJson(m.excluded_total)}};
  const ScoringWeights& w = config.scoring.weights;
  const ordered_json config_json = {
      {"weights",
       {{"skill", w.skill}, {"german", w.german}, {"commute", w.commute}, {"micro", w.micro}}},
      {"top_k", config.scoring.top_k},
      {"german_tolerance_levels", config.scoring.german_tolerance_levels},
      {"placement_value", config.assignment.placement_value},
      {"max_arcs_per_participant", config.candidates.max_arcs_per_participant}};
  out << "{\n  \"run\": " << Dump(run) << ",\n  \"config\": " << Dump(config_json) << ",\n";

  std::vector<int32_t> assigned(num_coordinators, 0);
  std::vector<int32_t> unplaced(num_coordinators, 0);
  for (const Proposal& p : set.proposals) {
    if (p.assigned) ++assigned[static_cast<size_t>(p.coordinator.value)];
  }
  for (const UnplacedParticipant& u : set.unplaced)
    ++unplaced[static_cast<size_t>(u.coordinator.value)];
  WriteArray(
      out,
      "coordinators",
      dataset.coordinators,
      [&](const Coordinator& co) {
        const size_t c = static_cast<size_t>(&co - dataset.coordinators.data());
        const CapacityDerivation& d = capacity[c];
        ordered_json json{
            {"id", co.id},
            {"name", co.name},
            {"district", co.district},
            {"fte", co.fte},
            {"capacity", co.capacity},
            {"capacity_source", d.derived ? "derived" : (co.capacity_given ? "given" : "none")}};
        if (d.derived) {
          json["capacity_derivation"] = {
              {"fte", d.fte},
              {"intake_per_fte_year", config.capacity.intake_per_fte_year},
              {"yearly_intake", Round(d.yearly_intake, 4)},
              {"taken_on_this_year", d.taken_on_this_year},
              {"cycle_weeks", config.capacity.cycle_weeks},
              {"cycles_left", d.cycles_left},
              {"per_cycle", Round(d.per_cycle, 4)},
              {"follow_up", d.follow_up},
              {"follow_up_weight", config.capacity.follow_up_weight},
              {"follow_up_load", Round(d.follow_up_load, 4)},
              {"capacity", d.capacity}};
        }
        json["proposals"] = assigned[c];
        json["unplaced"] = unplaced[c];
        return json;
      },
      false);

  SkillsHeldCache held;  // a participant's proposals come together
  const SkillLists essentials = VacancyEssentialSkills(dataset, reference, num_threads);
  WriteArray(
      out,
      "proposals",
      set.proposals,
      [&](const Proposal& p) {
        const Vacancy& v = dataset.vacancies[static_cast<size_t>(p.pair.vacancy.value)];
        const Employer& e = dataset.employers[static_cast<size_t>(v.employer.value)];
        const EssentialSkillGap gap =
            held.Gap(dataset.participants[static_cast<size_t>(p.participant.value)],
                     reference,
                     essentials.For(p.pair.vacancy.value));
        return ordered_json{
            {"coordinator", dataset.coordinators[static_cast<size_t>(p.coordinator.value)].id},
            {"participant", dataset.participants[static_cast<size_t>(p.participant.value)].id},
            {"assigned", p.assigned},
            {"rank", p.rank},
            {"vacancy", v.id},
            {"title", v.title},
            {"occupation", reference.OccupationCode(v.occupation)},
            {"employer", e.id},
            {"employer_name", e.name},
            {"employer_size", SizeClassName(SizeClassOf(e.staff))},
            {"place", v.place.name},
            {"district", v.place.district_key},
            {"score", Round(p.pair.score, 4)},
            {"parts", PartsJson(p.pair, w)},
            {"distance_km", Round(p.pair.distance_km, 2)},
            {"commute_minutes", Round(p.pair.commute_minutes, 1)},
            {"bridge_course",
             p.pair.bridge_course.valid()
                 ? ordered_json(dataset.courses[static_cast<size_t>(p.pair.bridge_course.value)].id)
                 : ordered_json(nullptr)},
            {"bridge_level",
             p.pair.bridge_course.valid() ? ordered_json(CefrName(p.pair.bridge_level))
                                          : ordered_json(nullptr)},
            {"kind", VacancyKindName(v.kind)},
            {"covered_skills", SkillIds(gap.covered, reference)},
            {"missing_skills", SkillIds(gap.missing, reference)},
            {"reason", ProposalReasonDe(dataset, p)}};
      },
      false);

  WriteArray(
      out,
      "unplaced",
      set.unplaced,
      [&](const UnplacedParticipant& u) {
        return ordered_json{
            {"coordinator", dataset.coordinators[static_cast<size_t>(u.coordinator.value)].id},
            {"participant", dataset.participants[static_cast<size_t>(u.participant.value)].id},
            {"eligible_vacancies", u.eligible},
            {"excluded", ExclusionsJson(u.excluded)},
            {"outside_programme",
             u.reason == UnplacedReason::kOutsideProgramme
                 ? ordered_json(ExclusionReasonName(u.programme_rule))
                 : ordered_json(nullptr)},
            {"pathway_rule",
             u.reason == UnplacedReason::kOutsidePathway
                 ? ordered_json(ExclusionReasonName(u.pathway_rule))
                 : ordered_json(nullptr)},
            {"nearest_miss",
             u.has_near_miss
                 ? ordered_json{{"rule", ExclusionReasonName(u.near_miss_rule)},
                                {"vacancies", u.near_miss.count},
                                {"best_vacancy",
                                 dataset.vacancies[static_cast<size_t>(u.near_miss.best.value)].id},
                                {"best_score", Round(u.near_miss.best_score, 4)}}
                 : ordered_json(nullptr)},
            {"reason", UnplacedReasonDe(dataset, u)}};
      },
      true);
  out << "}\n";
  if (!out.flush()) return CannotWrite(json_path);
  ++files;
  *files_written = files;
  return std::nullopt;
}

}  // namespace jobmatch::reports

#include "cli/report_writer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "cli/output_files.h"

namespace jobmatch::cli {
namespace {

using nlohmann::ordered_json;

double Round(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

const char* kCsvHeader[] = {
    "Teilnehmer",        "Vorschlag",          "Rang",          "Stelle",
    "Stellentitel",      "Beruf",              "Arbeitgeber",   "Betriebsgröße",
    "Ort",               "Entfernung (km)",    "Pendelzeit (Min.)", "Gesamtwert",
    "Kompetenzen",       "Deutsch",            "Pendeln",       "Betriebsgröße (Bonus)",
    "Sprachkurs",        "Begründung"};

void WriteProposalRow(SpreadsheetWriter* csv, const Dataset& dataset,
                      const ReferenceData& reference, const Proposal& proposal) {
  const Participant& participant = dataset.participants[static_cast<size_t>(proposal.participant.value)];
  const Vacancy& vacancy = dataset.vacancies[static_cast<size_t>(proposal.pair.vacancy.value)];
  const Employer& employer = dataset.employers[static_cast<size_t>(vacancy.employer.value)];
  csv->Text(participant.id);
  csv->Text(proposal.assigned ? "Vorschlag" : "Alternative");
  csv->Integer(proposal.rank);
  csv->Text(vacancy.id);
  csv->Text(vacancy.title);
  csv->Text(reference.OccupationLabel(vacancy.occupation));
  csv->Text(employer.name);
  csv->Text(SizeClassTextDe(SizeClassOf(employer.staff)));
  csv->Text(vacancy.place.name);
  csv->Number(proposal.pair.distance_km, 1);
  csv->Number(proposal.pair.commute_minutes, 0);
  csv->Number(proposal.pair.score, 3);
  csv->Number(proposal.pair.parts.skill, 2);
  csv->Number(proposal.pair.parts.german, 2);
  csv->Number(proposal.pair.parts.commute, 2);
  csv->Number(proposal.pair.parts.micro, 2);
  if (proposal.pair.bridge_course.valid()) {
    csv->Text(dataset.courses[static_cast<size_t>(proposal.pair.bridge_course.value)].id);
  } else {
    csv->Empty();
  }
  csv->Text(proposal.reason);
  csv->EndRow();
}

void WriteUnplacedRow(SpreadsheetWriter* csv, const Dataset& dataset,
                      const UnplacedParticipant& unplaced) {
  const Participant& participant = dataset.participants[static_cast<size_t>(unplaced.participant.value)];
  csv->Text(participant.id);
  csv->Text("kein Vorschlag");
  for (int i = 0; i < 15; ++i) csv->Empty();
  csv->Text(unplaced.reason);
  csv->EndRow();
}

ordered_json PartsJson(const ScoredPair& pair, const ScoringWeights& weights) {
  const std::array<double, 4> contributions = Contributions(pair.parts, weights);
  return ordered_json{
      {"skill", Round(pair.parts.skill, 4)},
      {"essential_coverage", Round(pair.parts.essential_coverage, 4)},
      {"optional_coverage", Round(pair.parts.optional_coverage, 4)},
      {"german", Round(pair.parts.german, 4)},
      {"commute", Round(pair.parts.commute, 4)},
      {"micro", Round(pair.parts.micro, 4)},
      {"contributions",
       {{"skill", Round(contributions[0], 4)},
        {"german", Round(contributions[1], 4)},
        {"commute", Round(contributions[2], 4)},
        {"micro", Round(contributions[3], 4)}}}};
}

ordered_json ExclusionsJson(const std::array<int32_t, kNumExclusionReasons>& counts) {
  ordered_json out = ordered_json::object();
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    out[std::string(ExclusionReasonName(static_cast<ExclusionReason>(r)))] = counts[static_cast<size_t>(r)];
  }
  return out;
}

}  // namespace

std::string SafeFileStem(const std::string& id) {
  std::string out = id;
  for (char& c : out) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) c = '_';
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out;
}

RunReport WriteRunReport(const Dataset& dataset, const ReferenceData& reference,
                         const EngineConfig& config, const ProposalSet& set,
                         const std::string& run_date) {
  RunReport report;
  const size_t num_coordinators = dataset.coordinators.size();

  // Per coordinator spreadsheets, one block per participant in participant
  // order: the proposal (or "kein Vorschlag" with the reason), then the
  // alternatives by rank.
  std::vector<SpreadsheetWriter> sheets(num_coordinators);
  for (SpreadsheetWriter& sheet : sheets) {
    for (const char* header : kCsvHeader) sheet.Text(header);
    sheet.EndRow();
  }
  struct Block {
    const UnplacedParticipant* unplaced = nullptr;
    std::vector<const Proposal*> lines;  // assigned first, then alternatives (MakeProposals order)
  };
  std::map<int32_t, Block> blocks;  // by participant index: ordered, deterministic
  for (const Proposal& proposal : set.proposals) blocks[proposal.participant.value].lines.push_back(&proposal);
  for (const UnplacedParticipant& unplaced : set.unplaced) blocks[unplaced.participant.value].unplaced = &unplaced;
  for (const auto& [participant, block] : blocks) {
    SpreadsheetWriter& sheet = sheets[static_cast<size_t>(
        dataset.participants[static_cast<size_t>(participant)].coordinator.value)];
    if (block.unplaced != nullptr) WriteUnplacedRow(&sheet, dataset, *block.unplaced);
    for (const Proposal* line : block.lines) WriteProposalRow(&sheet, dataset, reference, *line);
  }
  std::map<std::string, int> stems;
  for (size_t c = 0; c < num_coordinators; ++c) {
    std::string stem = SafeFileStem(dataset.coordinators[c].id);
    const int seen = stems[stem]++;
    if (seen > 0) stem += "_" + std::to_string(seen + 1);
    report.files["proposals_" + stem + ".csv"] = sheets[c].bytes();
  }

  // Everything, as JSON.
  const RunMetrics& m = set.metrics;
  ordered_json json;
  json["run"] = {{"date", run_date},
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
                 {"excluded_pairs", ExclusionsJson([&] {
                    std::array<int32_t, kNumExclusionReasons> totals{};
                    for (int r = 0; r < kNumExclusionReasons; ++r) {
                      totals[static_cast<size_t>(r)] =
                          static_cast<int32_t>(m.excluded_total[static_cast<size_t>(r)]);
                    }
                    return totals;
                  }())}};
  const ScoringWeights& w = config.scoring.weights;
  json["config"] = {{"weights", {{"skill", w.skill}, {"german", w.german}, {"commute", w.commute}, {"micro", w.micro}}},
                    {"top_k", config.scoring.top_k},
                    {"german_tolerance_levels", config.scoring.german_tolerance_levels},
                    {"placement_value", config.assignment.placement_value},
                    {"max_arcs_per_participant", config.candidates.max_arcs_per_participant}};

  std::vector<int32_t> assigned(num_coordinators, 0);
  std::vector<int32_t> unplaced(num_coordinators, 0);
  for (const Proposal& p : set.proposals) {
    if (p.assigned) ++assigned[static_cast<size_t>(p.coordinator.value)];
  }
  for (const UnplacedParticipant& u : set.unplaced) ++unplaced[static_cast<size_t>(u.coordinator.value)];
  ordered_json coordinators = ordered_json::array();
  for (size_t c = 0; c < num_coordinators; ++c) {
    const Coordinator& co = dataset.coordinators[c];
    coordinators.push_back({{"id", co.id},
                            {"name", co.name},
                            {"district", co.district},
                            {"fte", co.fte},
                            {"capacity", co.capacity},
                            {"proposals", assigned[c]},
                            {"unplaced", unplaced[c]}});
  }
  json["coordinators"] = std::move(coordinators);

  ordered_json proposals = ordered_json::array();
  for (const Proposal& p : set.proposals) {
    const Vacancy& v = dataset.vacancies[static_cast<size_t>(p.pair.vacancy.value)];
    const Employer& e = dataset.employers[static_cast<size_t>(v.employer.value)];
    ordered_json row = {
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
        {"bridge_course", p.pair.bridge_course.valid()
                              ? ordered_json(dataset.courses[static_cast<size_t>(p.pair.bridge_course.value)].id)
                              : ordered_json(nullptr)},
        {"reason", p.reason}};
    proposals.push_back(std::move(row));
  }
  json["proposals"] = std::move(proposals);

  ordered_json unplaced_json = ordered_json::array();
  for (const UnplacedParticipant& u : set.unplaced) {
    unplaced_json.push_back(
        {{"coordinator", dataset.coordinators[static_cast<size_t>(u.coordinator.value)].id},
         {"participant", dataset.participants[static_cast<size_t>(u.participant.value)].id},
         {"eligible_vacancies", u.eligible},
         {"excluded", ExclusionsJson(u.excluded)},
         {"nearest_miss",
          u.has_near_miss
              ? ordered_json{{"rule", ExclusionReasonName(u.near_miss_rule)},
                             {"vacancies", u.near_miss.count},
                             {"best_vacancy", dataset.vacancies[static_cast<size_t>(u.near_miss.best.value)].id},
                             {"best_score", Round(u.near_miss.best_score, 4)}}
              : ordered_json(nullptr)},
         {"reason", u.reason}});
  }
  json["unplaced"] = std::move(unplaced_json);
  report.files["jobmatch.json"] = json.dump(2) + "\n";
  return report;
}

}  // namespace jobmatch::cli

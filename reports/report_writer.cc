#include "reports/report_writer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reports/output_files.h"

namespace jobmatch::reports {
namespace {

using nlohmann::ordered_json;

double Round(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

const char* kCsvHeader[] = {"Teilnehmer",
                            "Vorschlag",
                            "Rang",
                            "Stelle",
                            "Stellentitel",
                            "Beruf",
                            "Arbeitgeber",
                            "Betriebsgröße",
                            "Ort",
                            "Entfernung (km)",
                            "Pendelzeit (Min.)",
                            "Gesamtwert",
                            "Kompetenzen",
                            "Deutsch",
                            "Pendeln",
                            "Betriebsgröße (Bonus)",
                            "Sprachkurs",
                            "Begründung"};

void WriteProposalRow(SpreadsheetWriter* csv,
                      const Dataset& dataset,
                      const ReferenceData& reference,
                      const Proposal& proposal) {
  const Participant& participant =
      dataset.participants[static_cast<size_t>(proposal.participant.value)];
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

void WriteUnplacedRow(SpreadsheetWriter* csv,
                      const Dataset& dataset,
                      const UnplacedParticipant& unplaced) {
  const Participant& participant =
      dataset.participants[static_cast<size_t>(unplaced.participant.value)];
  csv->Text(participant.id);
  csv->Text("kein Vorschlag");
  for (int i = 0; i < 15; ++i) csv->Empty();
  csv->Text(unplaced.reason);
  csv->EndRow();
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

ordered_json ExclusionsJson(const std::array<int32_t, kNumExclusionReasons>& counts) {
  ordered_json out = ordered_json::object();
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    out[std::string(ExclusionReasonName(static_cast<ExclusionReason>(r)))] =
        counts[static_cast<size_t>(r)];
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

namespace {

std::optional<Error> CannotWrite(const std::filesystem::path& path) {
  return MakeError(ErrorKind::kCannotWrite,
                   path.string(),
                   0,
                   "",
                   "",
                   "cannot write file (disk full or no permission?)");
}

// One spreadsheet per coordinator, one block per participant in participant
// order: the proposal (or "kein Vorschlag" with the reason), then the
// alternatives by rank. Built and written one coordinator at a time.
std::optional<Error> WriteSheets(const Dataset& dataset,
                                 const ReferenceData& reference,
                                 const ProposalSet& set,
                                 const std::filesystem::path& dir,
                                 int* files) {
  struct Block {
    const UnplacedParticipant* unplaced = nullptr;
    std::vector<const Proposal*> lines;  // assigned first, then alternatives
  };
  const size_t num_coordinators = dataset.coordinators.size();
  // Per coordinator, blocks by participant index (ordered, deterministic).
  std::vector<std::map<int32_t, Block>> blocks(num_coordinators);
  for (const Proposal& p : set.proposals) {
    blocks[static_cast<size_t>(p.coordinator.value)][p.participant.value].lines.push_back(&p);
  }
  for (const UnplacedParticipant& u : set.unplaced) {
    blocks[static_cast<size_t>(u.coordinator.value)][u.participant.value].unplaced = &u;
  }
  std::map<std::string, int> stems;
  for (size_t c = 0; c < num_coordinators; ++c) {
    SpreadsheetWriter sheet;
    for (const char* header : kCsvHeader) sheet.Text(header);
    sheet.EndRow();
    for (const auto& [participant, block] : blocks[c]) {
      if (block.unplaced != nullptr) WriteUnplacedRow(&sheet, dataset, *block.unplaced);
      for (const Proposal* line : block.lines) WriteProposalRow(&sheet, dataset, reference, *line);
    }
    std::string stem = SafeFileStem(dataset.coordinators[c].id);
    const int seen = stems[stem]++;
    if (seen > 0) stem += "_" + std::to_string(seen + 1);
    const std::filesystem::path path = dir / ("proposals_" + stem + ".csv");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(sheet.bytes().data(), static_cast<std::streamsize>(sheet.bytes().size()));
    if (!out.flush()) return CannotWrite(path);
    ++*files;
  }
  return std::nullopt;
}

// Writes `items` as a JSON array with one compact element per line.
template <typename Items, typename ToJson>
void WriteArray(std::ostream& out, const char* key, const Items& items, ToJson to_json, bool last) {
  out << "  \"" << key << "\": [";
  bool first = true;
  for (const auto& item : items) {
    out << (first ? "\n    " : ",\n    ") << to_json(item).dump();
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
                                    int* files_written) {
  int files = 0;
  if (auto error = WriteSheets(dataset, reference, set, dir, &files)) return error;
  const size_t num_coordinators = dataset.coordinators.size();

  // Everything, as JSON, streamed: one compact object per line in the arrays.
  const std::filesystem::path json_path = dir / "jobmatch.json";
  std::ofstream out(json_path, std::ios::binary | std::ios::trunc);
  if (!out) return CannotWrite(json_path);
  const RunMetrics& m = set.metrics;
  std::array<int32_t, kNumExclusionReasons> totals{};
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    totals[static_cast<size_t>(r)] = static_cast<int32_t>(m.excluded_total[static_cast<size_t>(r)]);
  }
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
                            {"excluded_pairs", ExclusionsJson(totals)}};
  const ScoringWeights& w = config.scoring.weights;
  const ordered_json config_json = {
      {"weights",
       {{"skill", w.skill}, {"german", w.german}, {"commute", w.commute}, {"micro", w.micro}}},
      {"top_k", config.scoring.top_k},
      {"german_tolerance_levels", config.scoring.german_tolerance_levels},
      {"placement_value", config.assignment.placement_value},
      {"max_arcs_per_participant", config.candidates.max_arcs_per_participant}};
  out << "{\n  \"run\": " << run.dump() << ",\n  \"config\": " << config_json.dump() << ",\n";

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
        return ordered_json{{"id", co.id},
                            {"name", co.name},
                            {"district", co.district},
                            {"fte", co.fte},
                            {"capacity", co.capacity},
                            {"proposals", assigned[c]},
                            {"unplaced", unplaced[c]}};
      },
      false);

  WriteArray(
      out,
      "proposals",
      set.proposals,
      [&](const Proposal& p) {
        const Vacancy& v = dataset.vacancies[static_cast<size_t>(p.pair.vacancy.value)];
        const Employer& e = dataset.employers[static_cast<size_t>(v.employer.value)];
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
            {"reason", p.reason}};
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
            {"nearest_miss",
             u.has_near_miss
                 ? ordered_json{{"rule", ExclusionReasonName(u.near_miss_rule)},
                                {"vacancies", u.near_miss.count},
                                {"best_vacancy",
                                 dataset.vacancies[static_cast<size_t>(u.near_miss.best.value)].id},
                                {"best_score", Round(u.near_miss.best_score, 4)}}
                 : ordered_json(nullptr)},
            {"reason", u.reason}};
      },
      true);
  out << "}\n";
  if (!out.flush()) return CannotWrite(json_path);
  ++files;
  *files_written = files;
  return std::nullopt;
}

}  // namespace jobmatch::reports

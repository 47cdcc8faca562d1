#include "whatif/text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string_view>

namespace jobmatch::whatif {
namespace {

using nlohmann::ordered_json;

// Changes listed per kind in text; JSON lists all.
constexpr size_t kListLimit = 40;

double Round(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

// German number: decimal comma.
std::string Num(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
  std::string text(buffer);
  std::replace(text.begin(), text.end(), '.', ',');
  if (text == "-0,000" || text == "-0,00" || text == "-0,0") text.erase(0, 1);
  return text;
}

std::string Signed(double value, int decimals) {
  std::string text = Num(value, decimals);
  if (text.front() != '-') text.insert(0, "+");
  return text;
}

// "+1 Vorschlag", "+2 Vorschläge", "+0 Vorschläge".
std::string MoreProposals(int64_t count) {
  return (count < 0 ? "" : "+") + std::to_string(count) +
         (count == 1 || count == -1 ? " Vorschlag" : " Vorschläge");
}

std::string Pad(std::string text, size_t width) {
  // Width in characters, counting UTF-8 continuation bytes as nothing.
  size_t chars = 0;
  for (const char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  if (chars < width) text.append(width - chars, ' ');
  return text;
}

std::string_view ReasonName(ChangeReason r) {
  switch (r) {
    case ChangeReason::kNoCandidateLeft:
      return "no_candidate_left";
    case ChangeReason::kVacancyGone:
      return "vacancy_gone";
    case ChangeReason::kCoordinatorAtCapacity:
      return "coordinator_at_capacity";
    case ChangeReason::kVacancyTaken:
      return "vacancy_taken";
    case ChangeReason::kEmployerAtCap:
      return "employer_at_cap";
    case ChangeReason::kNewCandidate:
      return "new_candidate";
    case ChangeReason::kScoreRose:
      return "score_rose";
    case ChangeReason::kRoomFreed:
      return "room_freed";
    case ChangeReason::kBetterOverall:
      break;
  }
  return "better_overall";
}

std::string_view ReasonDe(ChangeReason r) {
  switch (r) {
    case ChangeReason::kNoCandidateLeft:
      return "keine passende Stelle mehr";
    case ChangeReason::kVacancyGone:
      return "bisherige Stelle nicht mehr unter den Kandidaten";
    case ChangeReason::kCoordinatorAtCapacity:
      return "Kapazität der Koordination ausgeschöpft";
    case ChangeReason::kVacancyTaken:
      return "bisherige Stelle an andere vergeben";
    case ChangeReason::kEmployerAtCap:
      return "Arbeitgeber am Limit";
    case ChangeReason::kNewCandidate:
      return "neue Stelle unter den Kandidaten";
    case ChangeReason::kScoreRose:
      return "Passung gestiegen";
    case ChangeReason::kRoomFreed:
      return "Platz oder Stelle frei geworden";
    case ChangeReason::kBetterOverall:
      break;
  }
  return "Gesamtlösung neu verteilt";
}

std::string_view KindName(ChangeKind k) {
  switch (k) {
    case ChangeKind::kGained:
      return "gained";
    case ChangeKind::kLost:
      return "lost";
    case ChangeKind::kMoved:
      break;
  }
  return "moved";
}

const std::string& VacancyId(const Scenario& s, VacancyIndex v) {
  return s.dataset.vacancies[static_cast<size_t>(v.value)].id;
}
const std::string& CoordinatorId(const Scenario& s, CoordinatorIndex c) {
  return s.dataset.coordinators[static_cast<size_t>(c.value)].id;
}

ordered_json FiguresJson(const Figures& f) {
  return ordered_json{{"proposals", f.proposals},
                      {"unplaced", f.unplaced},
                      {"total_score", Round(f.total_score, 4)},
                      {"mean_score", Round(f.mean_score, 4)},
                      {"without_candidates", f.without_candidates}};
}

ordered_json GroupJson(const GroupFigures& g) {
  return ordered_json{{"id", g.id},
                      {"capacity_before", g.capacity_before},
                      {"capacity_after", g.capacity_after},
                      {"proposals_before", g.proposals_before},
                      {"proposals_after", g.proposals_after},
                      {"total_score_before", Round(g.total_score_before, 4)},
                      {"total_score_after", Round(g.total_score_after, 4)},
                      {"gained", g.gained},
                      {"lost", g.lost},
                      {"moved", g.moved}};
}

bool GroupChanged(const GroupFigures& g) {
  return g.capacity_before != g.capacity_after || g.proposals_before != g.proposals_after ||
         std::fabs(g.total_score_before - g.total_score_after) > 5e-5 ||
         g.gained + g.lost + g.moved > 0;
}

// The diff as one JSON object (the figures after at the top level).
ordered_json DiffJson(const Scenario& before, const Scenario& after, const ScenarioDiff& diff) {
  ordered_json j = FiguresJson(diff.after);
  j["before"] = FiguresJson(diff.before);
  ordered_json changes = ordered_json::array();
  for (const ParticipantChange& c : diff.changes) {
    ordered_json row{
        {"change", KindName(c.kind)},
        {"participant", after.dataset.participants[static_cast<size_t>(c.participant.value)].id},
        {"coordinator", CoordinatorId(after, c.coordinator_after)}};
    row["vacancy_before"] = c.vacancy_before.valid()
                                ? ordered_json(VacancyId(before, c.vacancy_before))
                                : ordered_json(nullptr);
    row["score_before"] =
        c.vacancy_before.valid() ? ordered_json(Round(c.score_before, 4)) : ordered_json(nullptr);
    row["vacancy_after"] = c.vacancy_after.valid() ? ordered_json(VacancyId(after, c.vacancy_after))
                                                   : ordered_json(nullptr);
    row["score_after"] =
        c.vacancy_after.valid() ? ordered_json(Round(c.score_after, 4)) : ordered_json(nullptr);
    row["reason"] = ReasonName(c.reason);
    changes.push_back(std::move(row));
  }
  j["changes"] = std::move(changes);
  ordered_json coordinators = ordered_json::array();
  for (const GroupFigures& g : diff.coordinators) {
    if (GroupChanged(g)) coordinators.push_back(GroupJson(g));
  }
  j["coordinators"] = std::move(coordinators);
  ordered_json districts = ordered_json::array();
  for (const GroupFigures& g : diff.districts) {
    if (GroupChanged(g)) districts.push_back(GroupJson(g));
  }
  j["districts"] = std::move(districts);
  return j;
}

void GroupLines(std::string* out, std::string_view title, const std::vector<GroupFigures>& groups) {
  bool any = false;
  for (const GroupFigures& g : groups) {
    if (!GroupChanged(g)) continue;
    if (!any) *out += std::string(title) + "\n";
    any = true;
    *out += "  " + Pad(g.id, 12) + " Kapazität " + std::to_string(g.capacity_before) + " -> " +
            std::to_string(g.capacity_after) + ", Vorschläge " +
            std::to_string(g.proposals_before) + " -> " + std::to_string(g.proposals_after) +
            ", Passung " + Num(g.total_score_before, 3) + " -> " + Num(g.total_score_after, 3) +
            " (neu " + std::to_string(g.gained) + ", ohne " + std::to_string(g.lost) +
            ", gewechselt " + std::to_string(g.moved) + ")\n";
  }
}

std::string DiffBody(const Scenario& before, const Scenario& after, const ScenarioDiff& diff) {
  const Figures& b = diff.before;
  const Figures& a = diff.after;
  std::string out;
  out += "  Vorschläge           " + std::to_string(b.proposals) + " -> " +
         std::to_string(a.proposals) + " (" + Signed(a.proposals - b.proposals, 0) + ")\n";
  out += "  ohne Vorschlag       " + std::to_string(b.unplaced) + " -> " +
         std::to_string(a.unplaced) + " (" + Signed(a.unplaced - b.unplaced, 0) + ")\n";
  out += "  Passung gesamt       " + Num(b.total_score, 3) + " -> " + Num(a.total_score, 3) + " (" +
         Signed(a.total_score - b.total_score, 3) + "), Mittel " + Num(b.mean_score, 3) + " -> " +
         Num(a.mean_score, 3) + "\n";
  out += "  ohne mögliche Stelle " + std::to_string(b.without_candidates) + " -> " +
         std::to_string(a.without_candidates) + "\n";
  const std::pair<ChangeKind, std::string_view> sections[] = {
      {ChangeKind::kGained, "Neu mit Vorschlag"},
      {ChangeKind::kLost, "Vorschlag entfällt"},
      {ChangeKind::kMoved, "Andere Stelle"}};
  for (const auto& [kind, title] : sections) {
    size_t count = 0;
    for (const ParticipantChange& c : diff.changes) count += c.kind == kind ? 1 : 0;
    if (count == 0) continue;
    out += "  " + std::string(title) + " (" + std::to_string(count) + "):\n";
    size_t shown = 0;
    for (const ParticipantChange& c : diff.changes) {
      if (c.kind != kind) continue;
      if (shown++ == kListLimit) {
        out += "    … und " + std::to_string(count - kListLimit) + " weitere (alle mit --json)\n";
        break;
      }
      out += "    " +
             Pad(after.dataset.participants[static_cast<size_t>(c.participant.value)].id, 10) +
             " " + Pad(CoordinatorId(after, c.coordinator_after), 12) + " ";
      std::string where;
      if (c.vacancy_before.valid())
        where += VacancyId(before, c.vacancy_before) + " " + Num(c.score_before, 3);
      if (c.vacancy_before.valid() && c.vacancy_after.valid()) where += " -> ";
      if (!c.vacancy_before.valid()) where += "-> ";
      if (c.vacancy_after.valid())
        where += VacancyId(after, c.vacancy_after) + " " + Num(c.score_after, 3);
      if (!c.vacancy_after.valid()) where += " -> keiner";
      out += Pad(where, 30) + " " + std::string(ReasonDe(c.reason)) + "\n";
    }
  }
  GroupLines(&out, "  Je Koordination:", diff.coordinators);
  GroupLines(&out, "  Je Kreis:", diff.districts);
  return out;
}

std::string IdList(const std::vector<std::string>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size() && i < kListLimit; ++i) out += (i > 0 ? ", " : "") + ids[i];
  if (ids.size() > kListLimit)
    out += ", … (" + std::to_string(ids.size() - kListLimit) + " weitere)";
  return out;
}

std::string Header(const Command& command) {
  return "> " + command.text + "\n";
}

ordered_json CommandJson(const Command& command) {
  return ordered_json{{"line", command.line}, {"command", command.name}};
}

}  // namespace

std::string DiffText(const Command& command,
                     const Scenario& before,
                     const Scenario& after,
                     const ScenarioDiff& diff,
                     const EditFacts& facts,
                     bool json) {
  std::vector<std::string> people;
  for (const ParticipantIndex p : facts.participants) {
    people.push_back(after.dataset.participants[static_cast<size_t>(p.value)].id);
  }
  std::vector<std::string> vacancies;
  for (const VacancyIndex v : facts.vacancies) vacancies.push_back(VacancyId(after, v));
  if (json) {
    ordered_json j = CommandJson(command);
    j.update(DiffJson(before, after, diff));
    if (!facts.participants.empty() || command.name == "add-coordinator" ||
        command.name == "course") {
      j["participants_changed"] = people;
    }
    if (!facts.vacancies.empty()) j["vacancies_changed"] = vacancies;
    return j.dump() + "\n";
  }
  std::string out = Header(command);
  if (command.name == "add-coordinator") {
    out += "  übernimmt " + std::to_string(people.size()) + " Teilnehmende" +
           (people.empty() ? "" : ": " + IdList(people)) + "\n";
  } else if (command.name == "course" || command.name == "german") {
    out += "  Deutsch geändert bei " + std::to_string(people.size()) + " Teilnehmenden" +
           (people.empty() ? "" : ": " + IdList(people)) + "\n";
  }
  if (!vacancies.empty() && command.name != "add-vacancy") {
    out += "  zurückgezogen: " + std::to_string(vacancies.size()) +
           (vacancies.size() == 1 ? " Stelle (" : " Stellen (") + IdList(vacancies) + ")\n";
  }
  return out + DiffBody(before, after, diff);
}

std::string CompareText(const Command& command,
                        const std::string& name_a,
                        const std::string& name_b,
                        const Scenario& a,
                        const Scenario& b,
                        const ScenarioDiff& diff,
                        bool json) {
  if (json) {
    ordered_json j = CommandJson(command);
    j["from"] = name_a;
    j["to"] = name_b;
    j.update(DiffJson(a, b, diff));
    return j.dump() + "\n";
  }
  return Header(command) + "  von '" + name_a + "' nach '" + name_b + "':\n" + DiffBody(a, b, diff);
}

std::string ShowText(const Command& command,
                     const Scenario& s,
                     const std::vector<CoordinatorIndex>& coordinators,
                     bool list_participants,
                     bool json) {
  std::vector<int32_t> load(s.dataset.coordinators.size(), 0);
  std::vector<double> fit(s.dataset.coordinators.size(), 0.0);
  std::vector<int32_t> caseload(s.dataset.coordinators.size(), 0);
  std::vector<const Placement*> placed(s.dataset.participants.size(), nullptr);
  for (const Placement& pl : s.result.placements) {
    const auto c = static_cast<size_t>(
        s.dataset.participants[static_cast<size_t>(pl.participant.value)].coordinator.value);
    ++load[c];
    fit[c] += pl.score;
    placed[static_cast<size_t>(pl.participant.value)] = &pl;
  }
  for (const Participant& p : s.dataset.participants)
    ++caseload[static_cast<size_t>(p.coordinator.value)];
  const Figures f = FiguresOf(s);
  if (json) {
    ordered_json j = CommandJson(command);
    j.update(FiguresJson(f));
    ordered_json groups = ordered_json::array();
    for (const CoordinatorIndex c : coordinators) {
      const auto i = static_cast<size_t>(c.value);
      ordered_json g{{"id", s.dataset.coordinators[i].id},
                     {"district", s.dataset.coordinators[i].district},
                     {"capacity", s.dataset.coordinators[i].capacity},
                     {"participants", caseload[i]},
                     {"proposals", load[i]},
                     {"total_score", Round(fit[i], 4)}};
      if (list_participants) {
        ordered_json people = ordered_json::array();
        for (size_t p = 0; p < s.dataset.participants.size(); ++p) {
          if (s.dataset.participants[p].coordinator != c) continue;
          ordered_json row{{"participant", s.dataset.participants[p].id}};
          row["vacancy"] = placed[p] != nullptr ? ordered_json(VacancyId(s, placed[p]->vacancy))
                                                : ordered_json(nullptr);
          row["score"] = placed[p] != nullptr ? ordered_json(Round(placed[p]->score, 4))
                                              : ordered_json(nullptr);
          people.push_back(std::move(row));
        }
        g["participants_list"] = std::move(people);
      }
      groups.push_back(std::move(g));
    }
    j["coordinators"] = std::move(groups);
    return j.dump() + "\n";
  }
  std::string out = Header(command);
  out += "  Vorschläge " + std::to_string(f.proposals) + ", ohne Vorschlag " +
         std::to_string(f.unplaced) + ", Passung " + Num(f.total_score, 3) + " (Mittel " +
         Num(f.mean_score, 3) + "), ohne mögliche Stelle " + std::to_string(f.without_candidates) +
         "\n";
  for (const CoordinatorIndex c : coordinators) {
    const auto i = static_cast<size_t>(c.value);
    out += "  " + Pad(s.dataset.coordinators[i].id, 12) + " Kreis " +
           s.dataset.coordinators[i].district + ", Kapazität " +
           std::to_string(s.dataset.coordinators[i].capacity) + ", Teilnehmende " +
           std::to_string(caseload[i]) + ", Vorschläge " + std::to_string(load[i]) + ", Passung " +
           Num(fit[i], 3) + "\n";
    if (!list_participants) continue;
    for (size_t p = 0; p < s.dataset.participants.size(); ++p) {
      if (s.dataset.participants[p].coordinator != c) continue;
      out += "    " + Pad(s.dataset.participants[p].id, 10) + " ";
      out += placed[p] != nullptr
                 ? VacancyId(s, placed[p]->vacancy) + " " + Num(placed[p]->score, 3)
                 : std::string("kein Vorschlag");
      out += "\n";
    }
  }
  return out;
}

std::string ValueText(const Command& command,
                      const Scenario& s,
                      const CapacityValues& values,
                      bool json) {
  if (json) {
    ordered_json j = CommandJson(command);
    ordered_json coordinators = ordered_json::array();
    for (const CoordinatorValue& v : values.coordinators) {
      const auto i = static_cast<size_t>(v.coordinator.value);
      coordinators.push_back(ordered_json{{"id", s.dataset.coordinators[i].id},
                                          {"district", s.dataset.coordinators[i].district},
                                          {"more_proposals", v.value.more_placements},
                                          {"more_total_score", Round(v.value.more_fit, 4)}});
    }
    j["coordinators"] = std::move(coordinators);
    ordered_json vacancies = ordered_json::array();
    for (const VacancyValue& v : values.vacancies) {
      if (v.value.cost_change == 0) continue;
      vacancies.push_back(ordered_json{{"id", VacancyId(s, v.vacancy)},
                                       {"more_proposals", v.value.more_placements},
                                       {"more_total_score", Round(v.value.more_fit, 4)}});
    }
    j["vacancies"] = std::move(vacancies);
    return j.dump() + "\n";
  }
  std::string out = Header(command);
  std::vector<CoordinatorValue> coordinators = values.coordinators;
  std::stable_sort(coordinators.begin(),
                   coordinators.end(),
                   [](const CoordinatorValue& a, const CoordinatorValue& b) {
                     return a.value.cost_change < b.value.cost_change;
                   });
  out += "  Ein Platz mehr bei der Koordination (am meisten zuerst):\n";
  for (size_t k = 0; k < coordinators.size(); ++k) {
    if (k == kListLimit) {
      out += "    … und " + std::to_string(coordinators.size() - kListLimit) +
             " weitere (alle mit --json)\n";
      break;
    }
    const CoordinatorValue& v = coordinators[k];
    const auto i = static_cast<size_t>(v.coordinator.value);
    out += "    " + Pad(s.dataset.coordinators[i].id, 12) + " Kreis " +
           s.dataset.coordinators[i].district + ": " + MoreProposals(v.value.more_placements) +
           ", Passung " + Signed(v.value.more_fit, 3) + "\n";
  }
  std::vector<VacancyValue> vacancies;
  for (const VacancyValue& v : values.vacancies) {
    if (v.value.cost_change < 0) vacancies.push_back(v);
  }
  std::stable_sort(
      vacancies.begin(), vacancies.end(), [](const VacancyValue& a, const VacancyValue& b) {
        return a.value.cost_change < b.value.cost_change;
      });
  out += "  Eine Stelle mehr (" + std::to_string(vacancies.size()) +
         " Stellen, bei denen sie etwas ändert; alle anderen: nichts):\n";
  for (size_t k = 0; k < vacancies.size() && k < kListLimit; ++k) {
    const VacancyValue& v = vacancies[k];
    const Vacancy& vacancy = s.dataset.vacancies[static_cast<size_t>(v.vacancy.value)];
    out += "    " + Pad(vacancy.id, 12) + " " + vacancy.title + ": " +
           MoreProposals(v.value.more_placements) + ", Passung " + Signed(v.value.more_fit, 3) +
           "\n";
  }
  if (vacancies.size() > kListLimit) {
    out += "    … und " + std::to_string(vacancies.size() - kListLimit) +
           " weitere (alle mit --json)\n";
  }
  return out;
}

std::string StartText(const Scenario& s, const std::string& data, bool json) {
  const Figures f = FiguresOf(s);
  if (json) {
    ordered_json j{{"line", 0}, {"command", "start"}, {"data", data}};
    j.update(FiguresJson(f));
    return j.dump() + "\n";
  }
  return "jobmatch whatif auf " + data + ": " + std::to_string(s.dataset.participants.size()) +
         " Teilnehmende, " + std::to_string(s.dataset.coordinators.size()) + " Koordinationen, " +
         std::to_string(s.dataset.vacancies.size()) + " Stellen\n  Vorschläge " +
         std::to_string(f.proposals) + ", ohne Vorschlag " + std::to_string(f.unplaced) +
         ", Passung " + Num(f.total_score, 3) + " (Mittel " + Num(f.mean_score, 3) +
         "), ohne mögliche Stelle " + std::to_string(f.without_candidates) +
         "\n  'help' zeigt die Befehle.\n";
}

std::string NoteText(const Command& command, const std::string& what, bool json) {
  const std::string arg = command.args.empty() ? "" : command.args.front();
  if (json) {
    ordered_json j = CommandJson(command);
    j["done"] = what;
    if (!arg.empty()) j["argument"] = arg;
    return j.dump() + "\n";
  }
  std::string text;
  if (what == "save") text = "gespeichert als '" + arg + "'";
  if (what == "undo") text = "letzte Änderung zurückgenommen";
  if (what == "export") text = "Listen und jobmatch.json geschrieben nach " + arg;
  return Header(command) + "  " + text + "\n";
}

std::string HelpText(const Command& command, bool json) {
  struct Entry {
    std::string_view name;
    std::string_view usage;
    std::string_view what;
  };
  static constexpr Entry kEntries[] = {
      {"capacity", "capacity KOORDINATION N|+N|-N", "Kapazität dieses Zyklus setzen oder ändern"},
      {"add-coordinator",
       "add-coordinator ID KREIS KAPAZITÄT [VON]",
       "neue Koordination; übernimmt von VON (sonst der am stärksten belasteten im Kreis) den "
       "Anteil "
       "KAPAZITÄT/(Kapazität von VON + KAPAZITÄT) der Teilnehmenden: zuerst die ohne Vorschlag "
       "(beste "
       "Passung zuerst), dann die mit dem schwächsten Vorschlag"},
      {"german", "german NIVEAU TEILNEHMENDE...", "Deutschniveau setzen (z. B. B1), neu bewerten"},
      {"course",
       "course KURS",
       "alle, die der Sprachkurs erreicht und höchstens zwei Stufen darunter liegen, schließen ihn "
       "ab"},
      {"commute-limit",
       "commute-limit MINUTEN",
       "gesetzliche Pendelgrenze (lange Tage); die für kurze Tage behält ihr Verhältnis (60/75)"},
      {"weight", "weight skill|german|commute|micro WERT", "Gewicht eines Teils der Passung"},
      {"withdraw-employer",
       "withdraw-employer ARBEITGEBER",
       "alle Stellen des Arbeitgebers zurückziehen"},
      {"withdraw-vacancy", "withdraw-vacancy STELLE", "eine Stelle zurückziehen"},
      {"openings", "openings STELLE N", "Anzahl offener Plätze einer Stelle"},
      {"add-vacancy",
       "add-vacancy SPALTE=WERT ...",
       "neue Stelle mit den Spalten von vacancies.csv, z. B. id=V-NEU employer_id=E-000001 "
       "occupation=52122 openings=2 \"title=Lagerhelfer (m/w/d)\""},
      {"value", "value", "was ein Platz mehr je Koordination und eine Stelle mehr bringen würde"},
      {"show",
       "show [KOORDINATION|KREIS]",
       "aktuelle Zahlen; mit Koordination oder Kreis die Teilnehmenden"},
      {"undo", "undo", "letzte Änderung zurücknehmen"},
      {"reset", "reset", "zurück zum geladenen Stand"},
      {"save", "save NAME", "aktuellen Stand unter NAME merken"},
      {"compare",
       "compare NAME NAME",
       "zwei gemerkte Stände vergleichen ('start', 'current' gehen immer)"},
      {"export",
       "export ORDNER",
       "Listen und jobmatch.json des aktuellen Stands schreiben, wie jobmatch run"},
      {"help", "help [BEFEHL]", "diese Übersicht"},
  };
  const std::string topic = command.args.empty() ? "" : command.args.front();
  if (json) {
    ordered_json j = CommandJson(command);
    ordered_json list = ordered_json::array();
    for (const Entry& e : kEntries) {
      if (topic.empty() || e.name == topic)
        list.push_back(ordered_json{{"usage", e.usage}, {"help", e.what}});
    }
    j["commands"] = std::move(list);
    return j.dump() + "\n";
  }
  std::string out = Header(command);
  bool found = false;
  for (const Entry& e : kEntries) {
    if (!topic.empty() && e.name != topic) continue;
    found = true;
    out += "  " + Pad(std::string(e.usage), 44) + " " + std::string(e.what) + "\n";
  }
  if (!found) out += "  unbekannter Befehl '" + topic + "'; 'help' zeigt alle\n";
  if (topic.empty()) {
    out +=
        "  Nach jeder Änderung: Zahlen vorher -> nachher, wer einen Vorschlag gewinnt, verliert "
        "oder wechselt, je Koordination und Kreis.\n";
  }
  return out;
}

std::string TimedText(const std::string& answer, double ms, bool json) {
  if (answer.empty()) return answer;
  if (json && answer.size() >= 2 && answer[answer.size() - 2] == '}') {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), ",\"ms\":%.2f}\n", ms);
    return answer.substr(0, answer.size() - 2) + buffer;
  }
  return answer + "  (" + Num(ms, 1) + " ms)\n";
}

std::string ErrorText(const Command& command, const Error& error, bool json) {
  if (json) {
    ordered_json j = CommandJson(command);
    ordered_json problems = ordered_json::array();
    for (const Diagnostic& d : error.diagnostics) problems.push_back(d.ToString());
    j["error"] = std::move(problems);
    return j.dump() + "\n";
  }
  std::string out = "Fehler: ";
  for (const Diagnostic& d : error.diagnostics) out += d.ToString() + "\n";
  return out;
}

}  // namespace jobmatch::whatif

#include "reports/evaluation_writer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "reports/html_page.h"
#include "reports/output_files.h"
#include "reports/svg_chart.h"
#include "reports/words_de.h"

namespace jobmatch::reports {
namespace {

// A count for people to read: 30000 -> "30.000".
template <typename Integer>
std::string Int(Integer value) {
  return FormatNumber(static_cast<double>(value), 0);
}

using nlohmann::ordered_json;

const MethodMetrics* FindMethod(const EvaluationReport& report, std::string_view name) {
  for (const MethodMetrics& m : report.methods) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string CoordinatorId(const EvaluationReport& report, CoordinatorIndex c) {
  const auto i = static_cast<size_t>(c.value);
  return i < report.coordinator_ids.size() ? report.coordinator_ids[i] : Int(c.value);
}

// A group key as people read it: districts by name.
std::string GroupLabel(const EvaluationReport& report, const GroupFigure& g) {
  if (g.kind == GroupKind::kDistrict) {
    const auto it = report.district_names.find(g.key);
    if (it != report.district_names.end()) return it->second + " (" + g.key + ")";
  }
  return GroupKeyDe(GroupKindName(g.kind), g.key);
}

// Whole numbers as integers (24, not 24.0); means of draws keep their fraction.
ordered_json Num(double value) {
  if (value == static_cast<double>(static_cast<int64_t>(value))) {
    return ordered_json(static_cast<int64_t>(value));
  }
  return ordered_json(value);
}

ordered_json GroupJson(const GroupFigure& g) {
  ordered_json j;
  j["kind"] = GroupKindName(g.kind);
  j["key"] = g.key;
  j["suppressed"] = g.suppressed;
  if (g.suppressed) {
    for (const char* field : {"participants",
                              "placed",
                              "placement_rate",
                              "ratio_to_best",
                              "below_four_fifths",
                              "mean_score"}) {
      j[field] = nullptr;
    }
  } else {
    j["participants"] = g.participants;
    j["placed"] = Num(g.placed);
    j["placement_rate"] = g.placement_rate;
    j["ratio_to_best"] = g.ratio_to_best;
    j["below_four_fifths"] = g.below_four_fifths;
    j["mean_score"] = g.mean_score;
  }
  return j;
}

double Rate(int32_t part, int32_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

ordered_json CountsJson(const OutcomeRow& row) {
  ordered_json j;
  j["key"] = row.key;
  j["suppressed"] = row.suppressed;
  if (row.suppressed) {
    j["pairs"] = nullptr;
    return j;
  }
  const OutcomeCounts& c = row.counts;
  j["pairs"] = c.pairs;
  j["accepted"] = c.accepted;
  j["hired"] = c.hired;
  j["rejected"] = c.rejected;
  j["dropped_out"] = c.dropped_out;
  j["open"] = c.open;
  j["accepted_rate"] = Rate(c.accepted, c.pairs);
  j["hired_rate"] = Rate(c.hired, c.pairs);
  j["rejected_rate"] = Rate(c.rejected, c.pairs);
  j["dropped_out_rate"] = Rate(c.dropped_out, c.pairs);
  return j;
}

ordered_json RowsJson(const std::vector<OutcomeRow>& rows) {
  ordered_json j = ordered_json::array();
  for (const OutcomeRow& row : rows) j.push_back(CountsJson(row));
  return j;
}

// Where the outcomes come from, in words.
std::string OutcomeSourceDe(const OutcomeSummary& o) {
  if (o.from_store && o.from_history_file) return "Speicher erfasster Läufe und history.csv";
  if (o.from_store) return "Speicher erfasster Läufe";
  return "history.csv";
}

// Why there are no rates, in words ("" when there are).
std::string NoOutcomesDe(const OutcomeSummary& o, int32_t min_group_size) {
  switch (o.status) {
    case OutcomeStatus::kNone:
      return o.from_store
                 ? "Im Speicher ist kein Lauf bis zu diesem Datum erfasst und history.csv fehlt "
                   "oder ist leer: keine Ergebnisse früherer Vorschläge, daher keine Annahme- "
                   "oder Einstellungsquoten; sie werden nicht geschätzt."
                 : "Es sind keine Ergebnisse früherer Vorschläge erfasst (history.csv fehlt oder "
                   "ist leer, kein Speicher angegeben). Deshalb gibt es keine Annahme- oder "
                   "Einstellungsquoten; sie werden nicht geschätzt.";
    case OutcomeStatus::kNoDecisions:
      return "Es gibt " + Int(o.pairs) + " frühere Vorschläge (" + OutcomeSourceDe(o) +
             "), aber noch keine erfasste Entscheidung (angenommen, abgelehnt, eingestellt, "
             "abgebrochen). Deshalb gibt es keine Quoten; sie werden nicht geschätzt.";
    case OutcomeStatus::kTooFew:
      return "Erfasst sind Ergebnisse zu weniger als " + Int(min_group_size) +
             " Vorschlägen: zu wenige für Quoten, daher keine Zahlen.";
    case OutcomeStatus::kShown:
      return "";
  }
  return "";
}

std::string NoOutcomesEn(const OutcomeSummary& o) {
  switch (o.status) {
    case OutcomeStatus::kNone:
      return "no earlier proposals recorded (no history.csv rows, no stored run): no rates";
    case OutcomeStatus::kNoDecisions:
      return "earlier proposals recorded, but no decision on any of them: no rates";
    case OutcomeStatus::kTooFew:
      return "fewer proposals with outcomes than the minimum group size: no rates";
    case OutcomeStatus::kShown:
      return "";
  }
  return "";
}

std::string Share(double part, double whole) {
  return whole > 0 ? FormatPercent(part / whole) : "–";
}

std::string Count(double value) {
  return FormatNumber(value, value == static_cast<double>(static_cast<int64_t>(value)) ? 0 : 1);
}

std::string Kpi(const std::string& value, const std::string& label) {
  return "<div class=\"kpi\"><b>" + XmlEscape(value) + "</b><span>" + XmlEscape(label) +
         "</span></div>";
}

std::string Li(const std::string& text) {
  return "<li>" + XmlEscape(text) + "</li>";
}

std::vector<const GroupFigure*> GroupsOf(const MethodMetrics& m, GroupKind kind) {
  std::vector<const GroupFigure*> out;
  for (const GroupFigure& g : m.groups) {
    if (g.kind == kind) out.push_back(&g);
  }
  return out;
}

// Per kind: the flagged groups by name when there are at most three, else
// how many and the lowest ratio.
std::string FlaggedGroups(const EvaluationReport& report, const MethodMetrics& m) {
  std::string out;
  for (int k = 0; k < kNumGroupKinds; ++k) {
    const auto kind = static_cast<GroupKind>(k);
    std::vector<const GroupFigure*> flagged;
    for (const GroupFigure* g : GroupsOf(m, kind)) {
      if (!g->suppressed && g->below_four_fifths) flagged.push_back(g);
    }
    if (flagged.empty()) continue;
    if (!out.empty()) out += "; ";
    out += LabelDe(Vocabulary::kGroupKind, GroupKindName(kind)) + " ";
    if (flagged.size() <= 3) {
      for (size_t i = 0; i < flagged.size(); ++i) {
        out += (i > 0 ? ", " : "") + GroupLabel(report, *flagged[i]) + " (" +
               FormatNumber(flagged[i]->ratio_to_best, 2) + ")";
      }
    } else {
      double lowest = 1.0;
      for (const GroupFigure* g : flagged) lowest = std::min(lowest, g->ratio_to_best);
      out +=
          Int(flagged.size()) + " Gruppen (niedrigstes Verhältnis " + FormatNumber(lowest, 2) + ")";
    }
  }
  return out.empty() ? "keine" : out;
}

int CountFlagged(const MethodMetrics& m) {
  int n = 0;
  for (const GroupFigure& g : m.groups) n += !g.suppressed && g.below_four_fifths ? 1 : 0;
  return n;
}

std::string SummaryHtml(const EvaluationReport& report) {
  const MethodMetrics* optimal = FindMethod(report, "optimal");
  const MethodMetrics* greedy = FindMethod(report, "greedy");
  if (optimal == nullptr || greedy == nullptr) return "";
  std::string out = "<div class=\"summary\"><b>Kurzfassung</b><ul>";
  const double more = optimal->proposals - greedy->proposals;
  out += Li("Die exakte Zuordnung schlägt " + Count(optimal->proposals) + " von " +
            Int(report.participants) +
            " Teilnehmenden eine Stelle vor, die Vergabe nach höchster Punktzahl (Greedy) " +
            Count(greedy->proposals) +
            (more > 0   ? ": " + Count(more) + " Menschen mehr erhalten einen Vorschlag."
             : more < 0 ? "."
                        : ": gleich viele."));
  out += Li("Gegenüber Greedy erhalten " + Count(greedy->agreement.other_vacancy) +
            " Personen eine andere Stelle, " + Count(greedy->agreement.only_optimal) +
            " einen Vorschlag nur beim Optimum und " + Count(greedy->agreement.only_this) +
            " nur bei Greedy; " + Count(greedy->agreement.same_vacancy) + " dieselbe Stelle.");
  out += Li("Ohne Vorschlag bleiben " + Count(optimal->unplaced) + " (Greedy " +
            Count(greedy->unplaced) + "); meist, weil die Kapazität der Koordinationen oder die " +
            "offenen Plätze nicht reichen.");
  out +=
      Li("Passung insgesamt " + FormatNumber(optimal->total_score, 2) + " (Greedy " +
         FormatNumber(greedy->total_score, 2) + "), niedrigste Passung unter den Vorgeschlagenen " +
         FormatNumber(optimal->lowest_score, 2) + " (Greedy " +
         FormatNumber(greedy->lowest_score, 2) + ").");
  out +=
      Li("Fairness (Vier-Fünftel-Regel, Gruppen ab " + Int(report.min_group_size) +
         " Personen): unter der Schwelle liegen beim Optimum " + FlaggedGroups(report, *optimal) +
         "; bei Greedy " + Int(CountFlagged(*greedy)) + " Gruppe(n).");
  out += Li("Konkurrenz: " + Count(optimal->congestion.contested_vacancies) + " der " +
            Count(optimal->congestion.proposed_vacancies) +
            " vorgeschlagenen Stellen haben mehr Interessierte als Plätze (Greedy " +
            Count(greedy->congestion.contested_vacancies) + " von " +
            Count(greedy->congestion.proposed_vacancies) + ").");
  const Sensitivity& s = report.sensitivity;
  int32_t most_changed = 0;
  for (const WeightChange& c : s.changes)
    most_changed = std::max(most_changed, c.proposals_changed);
  int best_part = 0;
  for (int p = 1; p < kNumScoreParts; ++p) {
    if (s.decided_by[static_cast<size_t>(p)] > s.decided_by[static_cast<size_t>(best_part)]) {
      best_part = p;
    }
  }
  if (!s.changes.empty()) {
    out += Li("Gewichte: verschiebt man ein Gewicht um ±10 %, ändern sich höchstens " +
              Int(most_changed) + " von " + Int(s.proposals) +
              " Vorschlägen; am häufigsten entscheidet der Teil „" +
              LabelDe(Vocabulary::kScorePart, ScorePartName(best_part)) + "“.");
  }
  if (const MethodMetrics* previous = FindMethod(report, "previous"); previous != nullptr) {
    const EarlierRunFigures& e = report.previous;
    out +=
        Li("Die Vorschläge des Laufs vom " + e.run_date + " wären heute noch " + Int(e.kept) +
           " von " + Int(e.proposals) + " wert: Passung " + FormatNumber(previous->total_score, 2) +
           " gegen " + FormatNumber(optimal->total_score, 2) + " beim Optimum, Zielwert " +
           FormatNumber(previous->objective, 2) + " gegen " + FormatNumber(optimal->objective, 2) +
           ".");
  }
  const OutcomeSummary& o = report.outcomes;
  if (o.status != OutcomeStatus::kShown) {
    out += Li("Ergebnisse früherer Vorschläge: " + NoOutcomesDe(o, report.min_group_size));
  } else {
    const OutcomeCounts& t = o.total;
    out += Li("Frühere Vorschläge: " + Int(t.pairs) + " erfasst, davon " +
              Share(t.accepted, t.pairs) + " angenommen, " + Share(t.hired, t.pairs) +
              " eingestellt, " + Share(t.rejected, t.pairs) + " abgelehnt (nur vorgeschlagene " +
              "Paare haben Ergebnisse).");
  }
  out += "</ul></div>\n";
  return out;
}

std::string MethodsHtml(const EvaluationReport& report) {
  std::string out = "<h2>Verfahren im Vergleich</h2>\n";
  out += Paragraph(
      "Alle Verfahren arbeiten auf denselben möglichen Paaren und beachten dieselben Grenzen: "
      "Kapazität jeder Koordination, offene Plätze jeder Stelle und Höchstzahl je Betrieb. "
      "Zielwert = " +
      FormatNumber(report.placement_value, 1) +
      " je Vorschlag + Summe der Passungen; die exakte Zuordnung maximiert ihn.");
  HtmlTable table;
  table.header = {"Verfahren",
                  "Vorschläge",
                  "ohne",
                  "Passung",
                  "Zielwert",
                  "Ø Passung",
                  "niedrigste",
                  "Kleinst­betrieb",
                  "Klein­betrieb",
                  "nach Kurs",
                  "Ø Weg (Min.)"};
  for (const MethodMetrics& m : report.methods) {
    std::string proposals = Count(m.proposals);
    if (m.spread.draws > 1 && m.spread.proposals_min < m.spread.proposals_max) {
      proposals += " (" + Count(m.spread.proposals_min) + "–" + Count(m.spread.proposals_max) + ")";
    }
    table.rows.push_back({LabelDe(Vocabulary::kMethodShort, m.name),
                          proposals,
                          Count(m.unplaced),
                          FormatNumber(m.total_score, 2),
                          FormatNumber(m.objective, 2),
                          FormatNumber(m.mean_score, 3),
                          FormatNumber(m.lowest_score, 3),
                          FormatPercent(m.micro_share),
                          FormatPercent(m.small_share),
                          FormatPercent(m.course_bridge_share),
                          FormatNumber(m.mean_commute_minutes, 0)});
  }
  out += RenderTable(table);
  const MethodMetrics* random = FindMethod(report, "random");
  if (random != nullptr && random->spread.draws > 1) {
    out += "<p class=\"note\">" +
           XmlEscape("Zufällige Reihenfolge: Mittel aus " + Int(random->spread.draws) +
                     " Ziehungen, in Klammern kleinster und größter Wert (Standardabweichung " +
                     FormatNumber(random->spread.proposals_stddev, 2) + " Vorschläge).") +
           "</p>\n";
  }
  std::vector<Bar> placed;
  std::vector<Bar> fit;
  for (const MethodMetrics& m : report.methods) {
    placed.push_back({LabelDe(Vocabulary::kMethodShort, m.name), m.proposals, Count(m.proposals)});
    fit.push_back(
        {LabelDe(Vocabulary::kMethodShort, m.name), m.total_score, FormatNumber(m.total_score, 2)});
  }
  out += "<div class=\"cols\"><div><h3>Vorschläge je Verfahren</h3>" +
         BarChart(placed, {.title = "Vorschläge je Verfahren", .width = 500, .label_width = 130}) +
         "</div><div><h3>Passung gesamt je Verfahren</h3>" +
         BarChart(fit, {.title = "Passung gesamt je Verfahren", .width = 500, .label_width = 130}) +
         "</div></div>\n";
  if (FindMethod(report, "previous") != nullptr) {
    const EarlierRunFigures& e = report.previous;
    out += "<p class=\"note\">" +
           XmlEscape("„Früher“: die " + Int(e.proposals) + " Vorschläge des Laufs vom " +
                     e.run_date + " aus dem Speicher, auf die heutigen Daten gelegt. Davon " +
                     "bleiben " + Int(e.kept) + "; weggefallen: " + Int(e.participant_hired) +
                     " (Person eingestellt, in Nachbetreuung), " + Int(e.participant_left) +
                     " (Person nicht mehr in den Daten), " + Int(e.vacancy_gone) +
                     " (Stelle nicht mehr in den Daten), " + Int(e.not_candidate) +
                     " (Paar heute nicht mehr möglich: eine Regel, eine Ablehnung oder nicht " +
                     "mehr unter den besten Stellen der Person), " + Int(e.over_capacity) +
                     " (heutige Kapazität oder Plätze voll; vergeben nach heutiger Passung, " +
                     "höchste zuerst).") +
           "</p>\n";
  }
  out += "<h3>Wer bekommt einen anderen Vorschlag als beim Optimum?</h3>\n";
  HtmlTable who;
  who.header = {"Verfahren",
                "gleiche Stelle",
                "andere Stelle",
                "nur hier vorgeschlagen",
                "nur beim Optimum vorgeschlagen"};
  for (const MethodMetrics& m : report.methods) {
    if (m.name == "optimal") continue;
    who.rows.push_back({LabelDe(Vocabulary::kMethodShort, m.name),
                        Count(m.agreement.same_vacancy),
                        Count(m.agreement.other_vacancy),
                        Count(m.agreement.only_this),
                        Count(m.agreement.only_optimal)});
  }
  out += RenderTable(who);
  return out;
}

std::string FairnessHtml(const EvaluationReport& report) {
  const MethodMetrics* optimal = FindMethod(report, "optimal");
  const MethodMetrics* greedy = FindMethod(report, "greedy");
  if (optimal == nullptr || greedy == nullptr) return "";
  std::string out = "<h2>Fairness nach Gruppen</h2>\n";
  out += Paragraph(
      "Vermittlungsquote = Anteil der Gruppe mit Vorschlag. Verhältnis = Quote der Gruppe geteilt "
      "durch die Quote der besten Gruppe derselben Art; unter " +
      FormatNumber(report.four_fifths, 2) +
      " (Vier-Fünftel-Regel) ist die Zeile rot markiert. Gruppen mit weniger als " +
      Int(report.min_group_size) +
      " Personen werden nicht ausgewiesen. Das Geschlecht wird nur berichtet, nie bewertet.");
  for (int k = 0; k < kNumGroupKinds; ++k) {
    const auto kind = static_cast<GroupKind>(k);
    const std::vector<const GroupFigure*> mine = GroupsOf(*optimal, kind);
    const std::vector<const GroupFigure*> theirs = GroupsOf(*greedy, kind);
    out += "<h3>" + XmlEscape(LabelDe(Vocabulary::kGroupKind, GroupKindName(kind))) + "</h3>\n";
    HtmlTable table;
    table.header = {"Gruppe",
                    "Personen",
                    "Quote Optimum",
                    "Verhältnis Optimum",
                    "Quote Greedy",
                    "Verhältnis Greedy"};
    GroupedBars chart;
    chart.series = {"Optimum", "Greedy"};
    chart.values.resize(2);
    chart.texts.resize(2);
    int withheld = 0;
    // Many groups (coordinators, districts of a state): the lowest ratios only.
    constexpr size_t kMaxRows = 15;
    std::vector<size_t> order(std::min(mine.size(), theirs.size()));
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const bool cut = order.size() > kMaxRows;
    if (cut) {
      std::stable_sort(order.begin(), order.end(), [&mine](size_t x, size_t y) {
        const double rx = mine[x]->suppressed ? 2.0 : mine[x]->ratio_to_best;
        const double ry = mine[y]->suppressed ? 2.0 : mine[y]->ratio_to_best;
        return rx < ry;
      });
      order.resize(kMaxRows);
    }
    for (const size_t i : order) {
      const GroupFigure& a = *mine[i];
      const GroupFigure& b = *theirs[i];
      if (a.suppressed) {
        ++withheld;
        table.rows.push_back({GroupLabel(report, a), kWithheldMark, "–", "–", "–", "–"});
        table.flagged.push_back(false);
        continue;
      }
      table.rows.push_back({GroupLabel(report, a),
                            Int(a.participants),
                            FormatPercent(a.placement_rate),
                            FormatNumber(a.ratio_to_best, 2),
                            FormatPercent(b.placement_rate),
                            FormatNumber(b.ratio_to_best, 2)});
      table.flagged.push_back(a.below_four_fifths);
      chart.categories.push_back(GroupLabel(report, a));
      chart.values[0].push_back(a.placement_rate * 100.0);
      chart.values[1].push_back(b.placement_rate * 100.0);
      chart.texts[0].push_back(FormatPercent(a.placement_rate, 0));
      chart.texts[1].push_back(FormatPercent(b.placement_rate, 0));
    }
    const bool many = chart.categories.size() > 12;
    out += "<div class=\"cols\"><div>" + RenderTable(table) + "</div>";
    if (!chart.categories.empty() && !many) {
      out += "<div>" +
             GroupedBarChart(chart,
                             {.title = "Vermittlungsquote nach " +
                                       LabelDe(Vocabulary::kGroupKind, GroupKindName(kind)),
                              .max = 100.0,
                              .width = 480,
                              .label_width = 170}) +
             "</div>";
    }
    out += "</div>\n";
    if (cut) {
      out += "<p class=\"note\">" +
             XmlEscape("Die " + Int(kMaxRows) + " Gruppen mit dem niedrigsten Verhältnis von " +
                       Int(mine.size()) + "; alle in evaluation_groups.csv.") +
             "</p>\n";
    }
    if (kind == GroupKind::kCoordinator) {
      out +=
          "<p class=\"note\">Bei Koordinationen spiegelt die Quote vor allem die Kapazität je "
          "betreuter Person wider, nicht die Vergabe.</p>\n";
    }
    if (withheld > 0) {
      out += "<p class=\"note\">" +
             XmlEscape(Int(withheld) + " Gruppe(n) unter " + Int(report.min_group_size) +
                       " Personen nicht ausgewiesen.") +
             "</p>\n";
    }
  }
  return out;
}

std::string CapacityHtml(const EvaluationReport& report) {
  std::string out = "<h2>Kapazität der Koordinationen</h2>\n";
  out += Paragraph("Vorschläge je Koordination und Verfahren gegen die Kapazität dieses Zyklus.");
  HtmlTable table;
  table.header = {"Koordination", "Kapazität", "Teilnehmende"};
  for (const MethodMetrics& m : report.methods) {
    table.header.push_back(LabelDe(Vocabulary::kMethodShort, m.name));
  }
  if (report.methods.empty()) return out;
  const MethodMetrics& first = report.methods.front();
  for (size_t c = 0; c < first.coordinators.size(); ++c) {
    const CoordinatorLoad& load = first.coordinators[c];
    std::vector<std::string> row = {
        CoordinatorId(report, load.coordinator), Int(load.capacity), Int(load.participants)};
    for (const MethodMetrics& m : report.methods) row.push_back(Count(m.coordinators[c].proposals));
    table.rows.push_back(std::move(row));
  }
  out += RenderTable(table);
  return out;
}

std::string CongestionHtml(const EvaluationReport& report) {
  std::string out = "<h2>Konkurrenz um Stellen</h2>\n";
  if (report.methods.empty()) return out;
  const Congestion& all = report.methods.front().congestion;
  out +=
      Paragraph(Int(all.vacancies_over_subscribed) + " von " + Int(all.vacancies_with_candidates) +
                " Stellen mit Interessierten haben mehr mögliche Bewerberinnen und Bewerber als "
                "offene Plätze. Je Verfahren: wie viele vorgeschlagene Stellen umkämpft sind und "
                "wie viele Vorschläge dorthin gehen.");
  HtmlTable table;
  table.header = {"Verfahren",
                  "vorgeschlagene Stellen",
                  "Ø Interessierte je Platz",
                  "umkämpfte Stellen",
                  "Vorschläge an umkämpfte Stellen"};
  for (const MethodMetrics& m : report.methods) {
    table.rows.push_back({LabelDe(Vocabulary::kMethodShort, m.name),
                          Count(m.congestion.proposed_vacancies),
                          FormatNumber(m.congestion.candidates_per_opening, 1),
                          Count(m.congestion.contested_vacancies),
                          Count(m.congestion.proposals_at_contested)});
  }
  out += RenderTable(table);
  return out;
}

HtmlTable OutcomeTable(const std::string& first,
                       const std::vector<OutcomeRow>& rows,
                       const std::function<std::string(const std::string&)>& label) {
  HtmlTable table;
  table.header = {
      first, "Vorschläge", "angenommen", "eingestellt", "abgelehnt", "abgebrochen", "offen"};
  for (const OutcomeRow& row : rows) {
    if (row.suppressed) {
      table.rows.push_back({label(row.key), kWithheldMark, "–", "–", "–", "–", "–"});
      continue;
    }
    const OutcomeCounts& c = row.counts;
    table.rows.push_back({label(row.key),
                          Int(c.pairs),
                          Share(c.accepted, c.pairs),
                          Share(c.hired, c.pairs),
                          Share(c.rejected, c.pairs),
                          Share(c.dropped_out, c.pairs),
                          Share(c.open, c.pairs)});
  }
  return table;
}

std::string BandLabel(const std::string& key) {
  if (key == "not_scored") return "ohne Passung (heute ausgeschlossen oder nicht mehr da)";
  if (key == "unknown") return "ohne Datum";
  std::string out = key;
  std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

std::string OutcomeGroupLabel(const EvaluationReport& report,
                              GroupKind kind,
                              const std::string& key) {
  if (key == "not_in_data") return "nicht mehr in den Daten";
  return GroupLabel(report, GroupFigure{.kind = kind, .key = key});
}

// Accepted and hired shares of the shown rows, one pair of bars per row.
std::string OutcomeChart(const std::vector<OutcomeRow>& rows,
                         const std::function<std::string(const std::string&)>& label,
                         const std::string& title) {
  GroupedBars chart;
  chart.series = {"angenommen", "eingestellt"};
  chart.values.resize(2);
  chart.texts.resize(2);
  for (const OutcomeRow& row : rows) {
    if (row.suppressed) continue;
    const OutcomeCounts& c = row.counts;
    chart.categories.push_back(label(row.key));
    chart.values[0].push_back(100.0 * Rate(c.accepted, c.pairs));
    chart.values[1].push_back(100.0 * Rate(c.hired, c.pairs));
    chart.texts[0].push_back(FormatPercent(Rate(c.accepted, c.pairs), 0));
    chart.texts[1].push_back(FormatPercent(Rate(c.hired, c.pairs), 0));
  }
  if (chart.categories.empty() || chart.categories.size() > 24) return "";
  return "<h3>" + XmlEscape(title) + "</h3>" +
         GroupedBarChart(chart, {.title = title, .max = 100.0, .width = 480, .label_width = 170});
}

std::string OutcomesHtml(const EvaluationReport& report) {
  const OutcomeSummary& o = report.outcomes;
  std::string out = "<h2>Was aus früheren Vorschlägen wurde</h2>\n";
  if (o.status != OutcomeStatus::kShown) {
    out += Paragraph(NoOutcomesDe(o, report.min_group_size));
    return out;
  }
  out += Paragraph(
      "Ergebnisse gibt es nur für Paare, die vorgeschlagen wurden: die Quoten sagen nichts über "
      "Stellen, die nie vorgeschlagen wurden, und nichts darüber, was ohne Vorschlag geschehen "
      "wäre. Quelle: " +
      OutcomeSourceDe(o) + "; " + Int(o.pairs) + " Paare, " + Int(o.decided) +
      " davon mit Entscheidung. Angenommen zählt auch, was später zur Einstellung oder zum "
      "Abbruch führte; offen heißt: noch keine Entscheidung erfasst. Passung: die beim ersten "
      "Vorschlag gespeicherte, für Paare nur aus history.csv die heute neu berechnete. Zeilen "
      "unter " +
      Int(report.min_group_size) +
      " Paaren werden nicht ausgewiesen, ebenso so viele weitere "
      "kleine Zeilen, dass sich keine aus der Summe ergibt; alle gleich als „" +
      kWithheldMark + "“.");
  const auto same = [](const std::string& k) { return BandLabel(k); };
  out += "<div class=\"cols\"><div><h3>Nach Passung</h3>" +
         RenderTable(OutcomeTable("Passung", o.by_score_band, same)) + "</div><div>" +
         OutcomeChart(o.by_score_band, same, "Annahme und Einstellung nach Passung") +
         "</div></div>\n";
  out += "<div class=\"cols\"><div><h3>Über die Zeit (Monat des ersten Vorschlags)</h3>" +
         RenderTable(OutcomeTable("Monat", o.by_month, same)) + "</div><div>" +
         OutcomeChart(o.by_month, same, "Annahme und Einstellung nach Monat") + "</div></div>\n";
  out += "<h3>Nach Teilen der Passung (untere und obere Hälfte)</h3>\n";
  out += Paragraph(
      "Je Teil werden die Paare am Median dieses Teils geteilt: untere Hälfte darunter, obere "
      "Hälfte ab dem Median. Ist die obere Hälfte deutlich erfolgreicher, trägt der Teil zum "
      "Erfolg bei.");
  out += "<div class=\"cols\">";
  for (size_t p = 0; p < o.by_part_half.size(); ++p) {
    const std::string median = FormatNumber(o.part_median[p], 2);
    const auto half = [&median](const std::string& k) {
      if (k == "low") return "unter " + median;
      if (k == "high") return "ab " + median;
      return BandLabel(k);
    };
    out += "<div>" +
           RenderTable(OutcomeTable(
               "Teil " + LabelDe(Vocabulary::kScorePart, ScorePartName(static_cast<int>(p))),
               o.by_part_half[p],
               half)) +
           "</div>";
  }
  out += "</div>\n<h3>Nach Gruppen</h3>\n<div class=\"cols\">";
  // Many groups (coordinators, districts of a state): the largest shown rows only.
  constexpr size_t kMaxRows = 15;
  std::string cut_note;
  for (const OutcomeGroupRows& g : o.by_group) {
    const GroupKind kind = g.kind;
    std::vector<OutcomeRow> rows = g.rows;
    if (rows.size() > kMaxRows) {
      std::stable_sort(rows.begin(), rows.end(), [](const OutcomeRow& a, const OutcomeRow& b) {
        return a.counts.pairs > b.counts.pairs;
      });
      rows.resize(kMaxRows);
      cut_note += (cut_note.empty() ? "" : ", ") +
                  LabelDe(Vocabulary::kGroupKind, GroupKindName(kind)) + " (" + Int(kMaxRows) +
                  " von " + Int(g.rows.size()) + ")";
    }
    out += "<div>" +
           RenderTable(OutcomeTable(LabelDe(Vocabulary::kGroupKind, GroupKindName(kind)),
                                    rows,
                                    [&report, kind](const std::string& k) {
                                      return OutcomeGroupLabel(report, kind, k);
                                    })) +
           "</div>";
  }
  out += "</div>\n";
  if (!cut_note.empty()) {
    out += "<p class=\"note\">" +
           XmlEscape("Gekürzt auf die Gruppen mit den meisten Vorschlägen: " + cut_note +
                     "; alle in evaluation_outcomes.csv.") +
           "</p>\n";
  }
  return out;
}

std::string SensitivityHtml(const EvaluationReport& report) {
  const Sensitivity& s = report.sensitivity;
  std::string out = "<h2>Wie stark hängen die Vorschläge an den Gewichten?</h2>\n";
  out += Paragraph("Jedes Gewicht wird einzeln um ±" + FormatPercent(s.step, 0) +
                   " verschoben, alle Paare werden neu bewertet und die Zuordnung neu gelöst. "
                   "„Geändert“ zählt Teilnehmende, die eine andere, keine oder erstmals eine "
                   "Stelle erhalten.");
  HtmlTable table;
  table.header = {"Teil", "Änderung", "Gewicht neu", "Vorschläge geändert", "Vorschläge"};
  for (const WeightChange& c : s.changes) {
    table.rows.push_back({LabelDe(Vocabulary::kScorePart, ScorePartName(c.part)),
                          c.factor > 1.0 ? "+" + FormatPercent(c.factor - 1.0, 0)
                                         : "-" + FormatPercent(1.0 - c.factor, 0),
                          FormatNumber(c.weight, 3),
                          Int(c.proposals_changed),
                          Int(c.proposals)});
  }
  std::vector<Bar> decided;
  decided.reserve(kNumScoreParts + 1);
  for (int p = 0; p < kNumScoreParts; ++p) {
    decided.push_back({LabelDe(Vocabulary::kScorePart, ScorePartName(p)),
                       static_cast<double>(s.decided_by[static_cast<size_t>(p)]),
                       Int(s.decided_by[static_cast<size_t>(p)])});
  }
  decided.push_back({"keine Alternative",
                     static_cast<double>(s.without_alternative),
                     Int(s.without_alternative)});
  out +=
      "<div class=\"cols\"><div>" + RenderTable(table) +
      "</div><div><h3>Welcher Teil entscheidet?</h3>" +
      Paragraph(
          "Für jeden Vorschlag der Teil, dessen gewichteter Beitrag den der "
          "nächstbesten Stelle derselben Person am meisten übertrifft.") +
      BarChart(decided,
               {.title = "Vorschläge nach entscheidendem Teil", .width = 460, .label_width = 150}) +
      "</div></div>\n";
  return out;
}

std::string MethodNotesHtml(const EvaluationReport& report) {
  std::string out = "<h2>Die Verfahren</h2><ul>";
  out +=
      Li("Exakte Zuordnung: die Vorschläge mit dem größten Zielwert, die keine Kapazität, "
         "keine Platzzahl und keine Betriebsgrenze überschreiten (Min-Cost-Flow).");
  out +=
      Li("Höchste Punktzahl zuerst: alle möglichen Paare nach Passung absteigend, jedes wird "
         "genommen, wenn es noch passt.");
  out +=
      Li("Listenreihenfolge: Teilnehmende in der Reihenfolge ihrer Liste, jede Person nimmt "
         "die beste noch freie Stelle (wer zuerst kommt, mahlt zuerst).");
  out +=
      Li("Nächste Stelle zuerst: wie Listenreihenfolge, aber die Stelle mit dem kürzesten "
         "Arbeitsweg.");
  out +=
      Li("Zufällige Reihenfolge: Teilnehmende in zufälliger Reihenfolge, jede Person erhält "
         "eine zufällige noch freie Stelle (mehrere Ziehungen, Mittelwert).");
  if (FindMethod(report, "previous") != nullptr) {
    out +=
        Li("Früher vorgeschlagen: die Vorschläge des letzten Laufs im Speicher vor diesem Datum, "
           "soweit die Person, die Stelle und das Paar heute noch da sind und die heutigen "
           "Kapazitäten reichen (bei zu wenig Platz nach heutiger Passung, höchste zuerst).");
  }
  out += "</ul>\n";
  if (!report.store_note.empty())
    out += "<p class=\"note\">" + XmlEscape(report.store_note) + "</p>\n";
  return out;
}

void GroupsCsvRow(SpreadsheetWriter& csv,
                  const EvaluationReport& report,
                  const MethodMetrics& m,
                  const GroupFigure& g) {
  csv.Text(m.name);
  csv.Text(LabelDe(Vocabulary::kGroupKind, GroupKindName(g.kind)));
  csv.Text(GroupLabel(report, g));
  if (g.suppressed) {
    for (int i = 0; i < 5; ++i) csv.Empty();
    csv.Text("ja");
  } else {
    csv.Integer(g.participants);
    csv.Number(g.placed, 1);
    csv.Number(g.placement_rate, 4);
    csv.Number(g.ratio_to_best, 4);
    csv.Text(g.below_four_fifths ? "ja" : "nein");
    csv.Text("nein");
  }
  csv.EndRow();
}

void OutcomeCsvRows(SpreadsheetWriter& csv,
                    const std::string& dimension,
                    const std::vector<OutcomeRow>& rows) {
  for (const OutcomeRow& row : rows) {
    csv.Text(dimension);
    csv.Text(row.key);
    if (row.suppressed) {
      for (int i = 0; i < 6; ++i) csv.Empty();
      csv.Text("ja");
    } else {
      csv.Integer(row.counts.pairs);
      csv.Integer(row.counts.accepted);
      csv.Integer(row.counts.hired);
      csv.Integer(row.counts.rejected);
      csv.Integer(row.counts.dropped_out);
      csv.Integer(row.counts.open);
      csv.Text("nein");
    }
    csv.EndRow();
  }
}

}  // namespace

std::string WithheldLegendDe(int32_t min_group_size, const std::string& people) {
  return std::string(kWithheldMark) + " zurückgehalten: weniger als " + Int(min_group_size) + " " +
         people + ", oder eine Zahl, aus der sich eine solche ergäbe";
}

std::string EvaluationJson(const EvaluationReport& report) {
  ordered_json j;
  ordered_json& run = j["run"];
  run["date"] = report.run_date;
  run["participants"] = report.participants;
  run["vacancies"] = report.vacancies;
  run["openings"] = report.openings;
  run["coordinators"] = report.coordinators;
  run["candidate_arcs"] = report.candidate_arcs;
  run["placement_value"] = report.placement_value;
  run["min_group_size"] = report.min_group_size;
  run["four_fifths"] = report.four_fifths;
  run["weights"] = {{"skill", report.weights.skill},
                    {"german", report.weights.german},
                    {"commute", report.weights.commute},
                    {"micro", report.weights.micro}};
  ordered_json methods = ordered_json::array();
  for (const MethodMetrics& m : report.methods) {
    ordered_json e;
    e["name"] = m.name;
    e["proposals"] = Num(m.proposals);
    e["unplaced"] = Num(m.unplaced);
    e["objective"] = m.objective;
    e["total_score"] = m.total_score;
    e["mean_score"] = m.mean_score;
    e["lowest_score"] = m.lowest_score;
    e["micro_share"] = m.micro_share;
    e["small_share"] = m.small_share;
    e["course_bridge_share"] = m.course_bridge_share;
    e["mean_commute_minutes"] = m.mean_commute_minutes;
    ordered_json coordinators = ordered_json::array();
    for (const CoordinatorLoad& load : m.coordinators) {
      coordinators.push_back({{"id", CoordinatorId(report, load.coordinator)},
                              {"capacity", load.capacity},
                              {"participants", load.participants},
                              {"proposals", Num(load.proposals)}});
    }
    e["coordinators"] = coordinators;
    e["congestion"] = {{"proposed_vacancies", Num(m.congestion.proposed_vacancies)},
                       {"candidates_per_opening", m.congestion.candidates_per_opening},
                       {"contested_vacancies", Num(m.congestion.contested_vacancies)},
                       {"proposals_at_contested", Num(m.congestion.proposals_at_contested)},
                       {"vacancies_with_candidates", m.congestion.vacancies_with_candidates},
                       {"vacancies_over_subscribed", m.congestion.vacancies_over_subscribed}};
    e["agreement_with_optimal"] = {{"same_vacancy", Num(m.agreement.same_vacancy)},
                                   {"other_vacancy", Num(m.agreement.other_vacancy)},
                                   {"placed_only_here", Num(m.agreement.only_this)},
                                   {"placed_only_by_optimal", Num(m.agreement.only_optimal)}};
    if (m.spread.draws > 1) {
      e["spread"] = {{"draws", m.spread.draws},
                     {"proposals_min", m.spread.proposals_min},
                     {"proposals_max", m.spread.proposals_max},
                     {"proposals_stddev", m.spread.proposals_stddev},
                     {"objective_min", m.spread.objective_min},
                     {"objective_max", m.spread.objective_max},
                     {"objective_stddev", m.spread.objective_stddev}};
    }
    if (m.name == "previous" && report.previous.present) {
      const EarlierRunFigures& p = report.previous;
      e["source"] = {
          {"run_date", p.run_date},
          {"stored_proposals", p.proposals},
          {"kept", p.kept},
          {"dropped",
           {{"participant_hired", p.participant_hired},
            {"participant_left", p.participant_left},
            {"vacancy_gone", p.vacancy_gone},
            {"not_candidate", p.not_candidate},
            {"over_capacity", p.over_capacity}}},
          {"capacity_rule", "kept by today's score, highest first, while capacities last"}};
    }
    ordered_json groups = ordered_json::array();
    for (const GroupFigure& g : m.groups) groups.push_back(GroupJson(g));
    e["groups"] = groups;
    methods.push_back(e);
  }
  j["methods"] = methods;
  // Groups across methods: one entry per group, the methods' figures inside.
  ordered_json groups = ordered_json::array();
  if (!report.methods.empty()) {
    for (size_t i = 0; i < report.methods.front().groups.size(); ++i) {
      const GroupFigure& g = report.methods.front().groups[i];
      ordered_json e;
      e["kind"] = GroupKindName(g.kind);
      e["key"] = g.key;
      e["suppressed"] = g.suppressed;
      e["participants"] = g.suppressed ? ordered_json(nullptr) : ordered_json(g.participants);
      ordered_json by_method;
      for (const MethodMetrics& m : report.methods) {
        const GroupFigure& f = m.groups[i];
        by_method[m.name] = f.suppressed ? ordered_json(nullptr)
                                         : ordered_json{{"placed", Num(f.placed)},
                                                        {"placement_rate", f.placement_rate},
                                                        {"ratio_to_best", f.ratio_to_best},
                                                        {"below_four_fifths", f.below_four_fifths}};
      }
      e["methods"] = by_method;
      groups.push_back(e);
    }
  }
  j["groups"] = groups;

  const OutcomeSummary& o = report.outcomes;
  ordered_json& outcomes = j["outcomes"];
  outcomes["status"] = OutcomeStatusName(o.status);
  ordered_json sources = ordered_json::array();
  if (o.from_history_file) sources.push_back("history.csv");
  if (o.from_store) sources.push_back("store");
  outcomes["sources"] = sources;
  outcomes["records"] = o.records;
  outcomes["pairs"] = o.pairs;
  outcomes["decided"] = o.decided;
  outcomes["caveat"] =
      "outcomes exist only for pairs that were proposed; they say nothing about pairs never "
      "proposed";
  if (o.status == OutcomeStatus::kShown) {
    outcomes["total"] = CountsJson(OutcomeRow{"all", false, o.total});
    outcomes["by_score_band"] = RowsJson(o.by_score_band);
    ordered_json parts;
    for (size_t p = 0; p < o.by_part_half.size(); ++p) {
      parts[std::string(ScorePartName(static_cast<int>(p)))] = {
          {"median", o.part_median[p]}, {"rows", RowsJson(o.by_part_half[p])}};
    }
    outcomes["by_part_half"] = parts;
    ordered_json by_group;
    for (const OutcomeGroupRows& g : o.by_group) {
      by_group[std::string(GroupKindName(g.kind))] = RowsJson(g.rows);
    }
    outcomes["by_group"] = by_group;
    outcomes["by_month"] = RowsJson(o.by_month);
    outcomes["by_date"] = RowsJson(o.by_date);
  } else {
    outcomes["total"] = nullptr;
    outcomes["message"] = NoOutcomesEn(o);
  }

  const Sensitivity& s = report.sensitivity;
  ordered_json& sensitivity = j["sensitivity"];
  sensitivity["step"] = s.step;
  sensitivity["proposals"] = s.proposals;
  ordered_json changes = ordered_json::array();
  for (const WeightChange& c : s.changes) {
    changes.push_back({{"part", ScorePartName(c.part)},
                       {"factor", c.factor},
                       {"weight", c.weight},
                       {"proposals_changed", c.proposals_changed},
                       {"proposals", c.proposals},
                       {"total_score", c.total_score}});
  }
  sensitivity["changes"] = changes;
  ordered_json decided;
  for (int p = 0; p < kNumScoreParts; ++p) {
    decided[std::string(ScorePartName(p))] = s.decided_by[static_cast<size_t>(p)];
  }
  sensitivity["decided_by"] = decided;
  sensitivity["without_alternative"] = s.without_alternative;
  if (!report.store_note.empty()) j["store"] = report.store_note;
  return j.dump(2) + "\n";
}

std::string EvaluationHtml(const EvaluationReport& report) {
  std::string out = HtmlHead("Auswertung der Vorschläge " + report.run_date);
  out += "<h1>Wie gut sind die Vorschläge? Exakte Zuordnung und übliche Verfahren</h1>\n";
  out += "<p class=\"meta\">" +
         XmlEscape("Stand " + report.run_date + " · " + Int(report.participants) +
                   " Teilnehmende · " + Int(report.vacancies) + " Stellen mit " +
                   Int(report.openings) + " Plätzen · " + Int(report.coordinators) +
                   " Koordinationen · " + Int(report.candidate_arcs) + " mögliche Paare") +
         "</p>\n";
  const MethodMetrics* optimal = FindMethod(report, "optimal");
  if (optimal != nullptr) {
    out += "<div class=\"kpis\">" + Kpi(Count(optimal->proposals), "Vorschläge (Optimum)") +
           Kpi(Count(optimal->unplaced), "ohne Vorschlag") +
           Kpi(FormatNumber(optimal->mean_score, 2), "Ø Passung") +
           Kpi(FormatPercent(optimal->micro_share + optimal->small_share, 0),
               "an Kleinst- und Kleinbetriebe") +
           Kpi(FormatNumber(optimal->mean_commute_minutes, 0) + " Min.", "Ø Arbeitsweg") +
           "</div>\n";
  }
  out += SummaryHtml(report);
  out += MethodsHtml(report);
  out += FairnessHtml(report);
  out += CongestionHtml(report);
  out += CapacityHtml(report);
  out += OutcomesHtml(report);
  out += SensitivityHtml(report);
  out += MethodNotesHtml(report);
  out += "<p class=\"note\">" +
         XmlEscape("Nur zusammengefasste Zahlen; keine Angaben zu einzelnen Personen. " +
                   WithheldLegendDe(report.min_group_size, "Personen (bei Ergebnissen: Paare)") +
                   ". Erstellt von jobmatch evaluate.") +
         "</p>\n";
  out += HtmlFoot();
  return out;
}

std::vector<OutputFile> EvaluationTables(const EvaluationReport& report) {
  std::vector<OutputFile> files;
  {
    SpreadsheetWriter csv;
    for (const char* h : {"Verfahren",
                          "Vorschläge",
                          "ohne Vorschlag",
                          "Passung gesamt",
                          "Zielwert",
                          "Ø Passung",
                          "niedrigste Passung",
                          "Anteil Kleinstbetriebe",
                          "Anteil Kleinbetriebe",
                          "Anteil nach Sprachkurs",
                          "Ø Arbeitsweg Min.",
                          "vorgeschlagene Stellen",
                          "umkämpfte Stellen",
                          "Ziehungen",
                          "Vorschläge min",
                          "Vorschläge max"}) {
      csv.Text(h);
    }
    csv.EndRow();
    for (const MethodMetrics& m : report.methods) {
      csv.Text(m.name);
      csv.Number(m.proposals, 1);
      csv.Number(m.unplaced, 1);
      csv.Number(m.total_score, 3);
      csv.Number(m.objective, 3);
      csv.Number(m.mean_score, 4);
      csv.Number(m.lowest_score, 4);
      csv.Number(m.micro_share, 4);
      csv.Number(m.small_share, 4);
      csv.Number(m.course_bridge_share, 4);
      csv.Number(m.mean_commute_minutes, 1);
      csv.Number(m.congestion.proposed_vacancies, 1);
      csv.Number(m.congestion.contested_vacancies, 1);
      csv.Integer(m.spread.draws);
      csv.Number(m.spread.draws > 1 ? m.spread.proposals_min : m.proposals, 1);
      csv.Number(m.spread.draws > 1 ? m.spread.proposals_max : m.proposals, 1);
      csv.EndRow();
    }
    files.push_back({"evaluation_methods.csv", csv.bytes()});
  }
  {
    SpreadsheetWriter csv;
    for (const char* h : {"Verfahren",
                          "Gruppenart",
                          "Gruppe",
                          "Personen",
                          "mit Vorschlag",
                          "Vermittlungsquote",
                          "Verhältnis zur besten Gruppe",
                          "unter vier Fünfteln",
                          "zurückgehalten"}) {
      csv.Text(h);
    }
    csv.EndRow();
    for (const MethodMetrics& m : report.methods) {
      for (const GroupFigure& g : m.groups) GroupsCsvRow(csv, report, m, g);
    }
    files.push_back({"evaluation_groups.csv", csv.bytes()});
  }
  {
    SpreadsheetWriter csv;
    for (const char* h : {"Verfahren", "Koordination", "Kapazität", "Teilnehmende", "Vorschläge"}) {
      csv.Text(h);
    }
    csv.EndRow();
    for (const MethodMetrics& m : report.methods) {
      for (const CoordinatorLoad& load : m.coordinators) {
        csv.Text(m.name);
        csv.Text(CoordinatorId(report, load.coordinator));
        csv.Integer(load.capacity);
        csv.Integer(load.participants);
        csv.Number(load.proposals, 1);
        csv.EndRow();
      }
    }
    files.push_back({"evaluation_coordinators.csv", csv.bytes()});
  }
  {
    SpreadsheetWriter csv;
    for (const char* h : {"Teil", "Faktor", "Gewicht neu", "Vorschläge geändert", "Vorschläge"}) {
      csv.Text(h);
    }
    csv.EndRow();
    for (const WeightChange& c : report.sensitivity.changes) {
      csv.Text(ScorePartName(c.part));
      csv.Number(c.factor, 2);
      csv.Number(c.weight, 4);
      csv.Integer(c.proposals_changed);
      csv.Integer(c.proposals);
      csv.EndRow();
    }
    files.push_back({"evaluation_sensitivity.csv", csv.bytes()});
  }
  {
    SpreadsheetWriter csv;
    for (const char* h : {"Merkmal",
                          "Wert",
                          "Vorschläge",
                          "angenommen",
                          "eingestellt",
                          "abgelehnt",
                          "abgebrochen",
                          "offen",
                          "zurückgehalten"}) {
      csv.Text(h);
    }
    csv.EndRow();
    const OutcomeSummary& o = report.outcomes;
    if (o.status == OutcomeStatus::kShown) {
      OutcomeCsvRows(csv, "gesamt", {OutcomeRow{"all", false, o.total}});
      OutcomeCsvRows(csv, "score_band", o.by_score_band);
      for (size_t p = 0; p < o.by_part_half.size(); ++p) {
        OutcomeCsvRows(csv,
                       std::string(ScorePartName(static_cast<int>(p))) + "_half (median " +
                           FormatNumber(o.part_median[p], 3) + ")",
                       o.by_part_half[p]);
      }
      for (const OutcomeGroupRows& g : o.by_group) {
        OutcomeCsvRows(csv, std::string(GroupKindName(g.kind)), g.rows);
      }
      OutcomeCsvRows(csv, "month", o.by_month);
      OutcomeCsvRows(csv, "date", o.by_date);
    } else {
      // One line that says why there are no figures, rather than an empty table.
      csv.Text("Hinweis");
      csv.Text(NoOutcomesDe(o, report.min_group_size));
      for (int i = 0; i < 7; ++i) csv.Empty();
      csv.EndRow();
    }
    files.push_back({"evaluation_outcomes.csv", csv.bytes()});
  }
  return files;
}

std::vector<OutputFile> EvaluationFiles(const EvaluationReport& report) {
  std::vector<OutputFile> files = {{"evaluation.json", EvaluationJson(report)},
                                   {"evaluation.html", EvaluationHtml(report)}};
  for (OutputFile& f : EvaluationTables(report)) files.push_back(std::move(f));
  return files;
}

}  // namespace jobmatch::reports

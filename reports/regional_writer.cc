#include "reports/regional_writer.h"

#include <algorithm>
#include <functional>

#include "reports/html_page.h"
#include "reports/output_files.h"
#include "reports/reasons_de.h"
#include "reports/svg_chart.h"
#include "reports/words_de.h"

namespace jobmatch::reports {
namespace {

// A count for people to read: 30000 -> "30.000".
template <typename Integer>
std::string Int(Integer value) {
  return FormatNumber(static_cast<double>(value), 0);
}

std::string DistrictLabel(const RegionalReport& report, const std::string& key) {
  if (key.empty()) return "unbekannt";
  const auto it = report.district_names.find(key);
  return it == report.district_names.end() ? key : it->second;
}

std::string SliceLabel(const RegionalReport& report, const RegionalSlice& s) {
  switch (s.kind) {
    case SliceKind::kAll:
      return "gesamt";
    case SliceKind::kDistrict:
      return DistrictLabel(report, s.key);
    case SliceKind::kCoordinator:
      return s.key;
  }
  return s.key;
}

std::string SliceKindDe(SliceKind kind) {
  switch (kind) {
    case SliceKind::kAll:
      return "gesamt";
    case SliceKind::kDistrict:
      return "Landkreis";
    case SliceKind::kCoordinator:
      return "Koordination";
  }
  return "";
}

// Every withheld count, small itself or withheld so that a small one cannot
// be worked out, shows the same marker: it tells nothing about the value.
std::string Withheld() {
  return kWithheldMark;
}

// A share of `of` people, shown only when neither `of` nor a non-zero
// `count` is a small group (the share would tell the withheld count).
std::string RateText(const RegionalReport& report, int32_t count, int32_t of) {
  const int32_t min = report.summary.min_group_size;
  if (of < min || of <= 0 || (count > 0 && count < min)) return "–";
  return FormatNumber(100.0 * count / of, 0) + " %";
}

// Which counts of a table from the store are withheld. Row 0 is the total
// of the others (gesamt), and `sum_column` (or -1) the sum of the columns
// after it in each row. Primary: 1 to min - 1 people. Secondary, until
// nothing changes, so that no withheld count can be worked out from the
// others: a total whose column withholds a coordinator's count is withheld,
// and so is a row's sum when exactly one of its parts is withheld.
std::vector<std::vector<uint8_t>> Withhold(const std::vector<std::vector<int32_t>>& values,
                                           int32_t min,
                                           int sum_column) {
  std::vector<std::vector<uint8_t>> hidden(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    for (const int32_t v : values[i]) hidden[i].push_back(v > 0 && v < min ? 1 : 0);
  }
  for (bool changed = true; changed;) {
    changed = false;
    auto hide = [&](size_t i, size_t j) {
      if (hidden[i][j] == 0) {
        hidden[i][j] = 1;
        changed = true;
      }
    };
    for (size_t i = 1; i < values.size(); ++i) {
      for (size_t j = 0; j < values[i].size(); ++j) {
        if (hidden[i][j] != 0) hide(0, j);
      }
    }
    if (sum_column < 0) continue;
    const auto s = static_cast<size_t>(sum_column);
    for (size_t i = 0; i < values.size(); ++i) {
      int parts_hidden = 0;
      for (size_t j = s + 1; j < values[i].size(); ++j) parts_hidden += hidden[i][j];
      if (parts_hidden == 1) hide(i, s);
    }
  }
  return hidden;
}

std::vector<std::vector<uint8_t>> WithheldTargets(const RegionalReport& report) {
  std::vector<std::vector<int32_t>> values;
  for (const TargetFigures& t : report.store.targets) {
    values.push_back({t.hired_this_year, t.taken_on_this_year});
  }
  return Withhold(values, report.summary.min_group_size, -1);
}

std::vector<std::vector<uint8_t>> WithheldDecisions(const RegionalReport& report) {
  std::vector<std::vector<int32_t>> values;
  for (const DecisionFigures& d : report.store.decisions) {
    values.push_back({d.decided, d.accepted, d.rejected, d.hired, d.dropped_out});
  }
  return Withhold(values, report.summary.min_group_size, 0);
}

// A count from the store, or the marker when withheld.
std::string ShownText(int32_t count, uint8_t hidden) {
  return hidden == 0 ? Int(count) : Withheld();
}

std::string CoordinatorLabel(const std::string& id) {
  return id.empty() ? std::string("gesamt") : id;
}

std::string CountText(const CountRow& row) {
  return row.suppressed ? Withheld() : FormatNumber(row.count, 0);
}

// A count of people, or the marker when withheld.
std::string PeopleText(const PeopleCount& n) {
  return n.withheld ? Withheld() : Int(n.count);
}

// "Integrationskurs C-7 ab 19.12.2026 (12 Wochen) in Calbe (Saale)".
std::string CourseText(const RegionalReport& report, const CourseOffer& offer) {
  std::string text = std::string(CourseKindTextDe(offer.kind)) + " " + offer.id;
  text += offer.start_date ? " ab " + FormatDateDe(*offer.start_date) : " ab sofort";
  text += " (" + Int(offer.weeks) + (offer.weeks == 1 ? " Woche)" : " Wochen)");
  if (!offer.place_name.empty()) text += " in " + offer.place_name;
  const auto districts = std::count_if(
      report.summary.slices.begin(), report.summary.slices.end(), [](const RegionalSlice& s) {
        return s.kind == SliceKind::kDistrict;
      });
  if (!offer.district_key.empty() && districts > 1) {
    const auto it = report.district_names.find(offer.district_key);
    if (it != report.district_names.end()) text += ", " + it->second;
  }
  return text;
}

// The area's published title ("" for none: the code stands alone).
std::string AreaTitle(const RegionalReport& report, const std::string& area) {
  if (area.empty()) return "ohne Berufsangabe";
  const auto it = report.area_names.find(area);
  return it == report.area_names.end() ? std::string() : it->second;
}

// "52 Führer/innen von Fahrzeug- und Transportgeräten"; an unknown code as it is.
std::string AreaLabel(const RegionalReport& report, const std::string& area) {
  if (area.empty()) return AreaTitle(report, area);
  const std::string title = AreaTitle(report, area);
  return title.empty() ? area : area + " " + title;
}

std::string Li(const std::string& text) {
  return "<li>" + XmlEscape(text) + "</li>";
}

std::string Kpi(const std::string& value, const std::string& label) {
  return "<div class=\"kpi\"><b>" + XmlEscape(value) + "</b><span>" + XmlEscape(label) +
         "</span></div>";
}

// Rows in the order of `keys` (the vocabulary's natural order), others after.
std::vector<CountRow> Ordered(const std::vector<CountRow>& rows,
                              std::initializer_list<std::string_view> keys) {
  std::vector<CountRow> out;
  for (const std::string_view key : keys) {
    for (const CountRow& row : rows) {
      if (row.key == key) out.push_back(row);
    }
  }
  for (const CountRow& row : rows) {
    if (std::find(keys.begin(), keys.end(), row.key) == keys.end()) out.push_back(row);
  }
  return out;
}

std::vector<Bar> Bars(const std::vector<CountRow>& rows,
                      const std::function<std::string(const std::string&)>& label) {
  std::vector<Bar> bars;
  bars.reserve(rows.size());
  for (const CountRow& row : rows) {
    bars.push_back({label(row.key), static_cast<double>(row.count), CountText(row)});
  }
  return bars;
}

std::string Chart(const std::string& title,
                  const std::vector<Bar>& bars,
                  int width = 360,
                  int label_width = 170) {
  return "<div><h3>" + XmlEscape(title) + "</h3>" +
         BarChart(bars, {.title = title, .width = width, .label_width = label_width}) + "</div>";
}

const RegionalSlice* All(const RegionalReport& report) {
  for (const RegionalSlice& s : report.summary.slices) {
    if (s.kind == SliceKind::kAll) return &s;
  }
  return nullptr;
}

int32_t Sum(const std::vector<CountRow>& rows) {
  int32_t n = 0;
  for (const CountRow& row : rows) n += row.count;
  return n;
}

// Areas sorted by participants minus openings, most short of openings first.
std::vector<AreaBalance> ByGap(const std::vector<AreaBalance>& balance) {
  std::vector<AreaBalance> sorted = balance;
  std::stable_sort(sorted.begin(), sorted.end(), [](const AreaBalance& a, const AreaBalance& b) {
    return a.participants - a.openings > b.participants - b.openings;
  });
  return sorted;
}

// "Sprachkurs bis B1: 12 Personen gewönnen eine mögliche Stelle hinzu; für 3
// ist ein Kurs in Pendelreichweite, der rechtzeitig endet (am häufigsten
// ...), für 4 nur einer, der zu spät endet; 5 haben keinen in Reichweite, die
// meisten im Landkreis X (5). ..."
std::string CourseSentence(const RegionalReport& report, const CourseNeed& need) {
  const std::string level(CefrName(need.level));
  const CourseReach& all = need.reach.front();
  std::string text = "Sprachkurs bis " + level + " (" + Int(need.below) +
                     " Personen darunter): " + PeopleText(all.gaining) +
                     " gewönnen eine mögliche Stelle hinzu";
  if (all.gaining.count == 0 && !all.gaining.withheld) return text + ".";
  // "für 8", "für niemanden" (a shown 0).
  auto for_whom = [&](const PeopleCount& n) {
    return !n.withheld && n.count == 0 ? std::string("für niemanden") : "für " + PeopleText(n);
  };
  text += "; " + for_whom(all.in_time) + " ist ein Kurs in Pendelreichweite, der rechtzeitig endet";
  if (all.best_offer >= 0) {
    text += " (für die meisten: " +
            CourseText(report, need.offers[static_cast<size_t>(all.best_offer)]) + ")";
  }
  text += ", " + for_whom(all.too_late) + " nur einer, der zu spät endet; ";
  text += !all.none.withheld && all.none.count == 0
              ? "alle haben einen Kurs bis " + level + " in Reichweite"
              : PeopleText(all.none) + " haben keinen Kurs bis " + level + " in Reichweite";
  const CourseReach* most = nullptr;
  int districts = 0;
  for (const CourseReach& r : need.reach) {
    if (r.kind != SliceKind::kDistrict) continue;
    ++districts;
    if (!r.none.withheld && r.none.count > 0 &&
        (most == nullptr || r.none.count > most->none.count))
      most = &r;
  }
  if (most != nullptr && districts > 1) {
    text += ", die meisten im Landkreis " + DistrictLabel(report, most->key) + " (" +
            Int(most->none.count) + ")";
  }
  text += ". ";
  text += need.proposals_after > need.proposals_before
              ? "Mit dem Niveau gäbe es " + Int(need.proposals_after) + " statt " +
                    Int(need.proposals_before) + " Vorschläge."
              : "Die Zahl der Vorschläge bliebe bei " + Int(need.proposals_before) +
                    ", weil die Kapazität der Koordinationen bindet.";
  return text;
}

std::string SummaryHtml(const RegionalReport& report, const RegionalSlice& all) {
  std::string out = "<div class=\"summary\"><b>Kurzfassung</b><ul>";
  int32_t capacity = 0;
  for (const CapacityValue& c : report.summary.capacity) capacity += c.capacity;
  out += Li(Int(all.participants) + " Teilnehmende, " + Int(all.vacancies) + " Stellen mit " +
            Int(all.openings) + " offenen Plätzen. Die exakte " + "Zuordnung schlägt " +
            Int(all.proposals) + " Personen eine Stelle vor; " +
            "die Koordinationen haben in diesem Zyklus Kapazität für " + Int(capacity) + ".");
  const std::vector<AreaBalance> gaps = ByGap(all.balance);
  if (!gaps.empty()) {
    const AreaBalance& shortage = gaps.front();
    const AreaBalance& surplus = gaps.back();
    if (shortage.participants > shortage.openings) {
      out +=
          Li("Mehr Menschen als Plätze: " + AreaLabel(report, shortage.area) + " (" +
             Int(shortage.participants) + " Teilnehmende, " + Int(shortage.openings) + " Plätze).");
    }
    if (surplus.openings > surplus.participants) {
      out += Li("Mehr Plätze als Menschen: " + AreaLabel(report, surplus.area) + " (" +
                Int(surplus.openings) + " Plätze, " +
                (surplus.suppressed ? Withheld() : Int(surplus.participants)) + " Teilnehmende).");
    }
  }
  const int32_t unmet = Sum(all.unmet_by_rule);
  if (unmet > 0) {
    const auto top =
        std::max_element(all.unmet_by_rule.begin(),
                         all.unmet_by_rule.end(),
                         [](const CountRow& a, const CountRow& b) { return a.count < b.count; });
    out += Li(Int(unmet) + " Teilnehmende haben keine einzige mögliche Stelle; häufigster " +
              "Grund: " + LabelDe(Vocabulary::kRule, top->key) + " (" + Int(top->count) + ").");
  } else {
    out += Li("Alle ausgewiesenen Teilnehmenden haben mindestens eine mögliche Stelle.");
  }
  for (const CourseNeed& need : report.summary.course_needs) {
    if (need.suppressed || need.reach.empty()) continue;
    out += Li(CourseSentence(report, need));
  }
  int32_t extra = 0;
  for (const CapacityValue& c : report.summary.capacity) extra += c.extra_proposals;
  out += Li("Kapazität: ein zusätzlicher Platz je Koordination brächte zusammen " + Int(extra) +
            " weitere Vorschläge (je Koordination einzeln nachgerechnet).");
  double target = 0.0;
  for (const CapacityValue& c : report.summary.capacity) target += c.yearly_target;
  out += Li("Zielsteuerung: Jahresziel " + FormatNumber(target, 0) + " Vermittlungen (" +
            FormatNumber(report.placements_per_fte_year, 0) + " je Vollzeitstelle). " +
            (report.store_note.empty() ? std::string("Stand siehe unten.") : report.store_note));
  if (report.store.present && !report.store.targets.empty()) {
    const TargetFigures& t = report.store.targets.front();
    out += Li("Bis " + report.run_date +
              " eingestellt: " + ShownText(t.hired_this_year, WithheldTargets(report).front()[0]) +
              " (Soll anteilig " + FormatNumber(t.target_to_date, 1) + "); " +
              Int(report.store.runs.size()) + " erfasste Läufe.");
  }
  out += "</ul></div>\n";
  return out;
}

std::string ParticipantsHtml(const RegionalSlice& all) {
  std::string out = "<h2>Teilnehmende</h2>\n<div class=\"cols\">";
  out += Chart("nach Deutschniveau",
               Bars(all.participants_by_german, [](const std::string& k) { return k; }));
  out += Chart("nach Qualifikation",
               Bars(Ordered(all.participants_by_qualification, {"none", "vocational", "academic"}),
                    [](const std::string& k) { return LabelDe(Vocabulary::kQualification, k); }));
  out += Chart("nach Ziel",
               Bars(Ordered(all.participants_by_goal, {"job", "training", "internship"}),
                    [](const std::string& k) { return LabelDe(Vocabulary::kGoal, k); }));
  out += "</div>\n";
  return out;
}

std::string VacanciesHtml(const RegionalReport& report, const RegionalSlice& all) {
  std::string out = "<h2>Offene Plätze</h2>\n";
  std::vector<CountRow> areas = all.vacancies_by_area;
  std::stable_sort(areas.begin(), areas.end(), [](const CountRow& a, const CountRow& b) {
    return a.count > b.count;
  });
  if (areas.size() > 15) areas.resize(15);
  out += "<div class=\"cols\">";
  out += Chart("nach Berufsbereich (KldB 2010, die 15 größten)",
               Bars(areas, [&](const std::string& k) { return AreaLabel(report, k); }),
               1000,
               560);
  out += "</div><div class=\"cols\">";
  out += Chart("nach Art",
               Bars(Ordered(all.vacancies_by_kind, {"job", "training", "internship"}),
                    [](const std::string& k) { return LabelDe(Vocabulary::kVacancyKind, k); }));
  out += Chart("nach Betriebsgröße",
               Bars(Ordered(all.vacancies_by_size, {"micro", "small", "medium", "large"}),
                    [](const std::string& k) { return LabelDe(Vocabulary::kSizeClass, k); }));
  out += "</div>\n";
  return out;
}

std::string BalanceHtml(const RegionalReport& report, const RegionalSlice& all) {
  std::string out = "<h2>Wo Angebot und Nachfrage nicht zusammenpassen</h2>\n";
  out += Paragraph(
      "Teilnehmende nach dem Berufsbereich ihres ersten Berufs gegen offene Plätze im selben "
      "Bereich (Klassifikation der Berufe 2010, zweistellig). Ansatzpunkte für Umschulung, "
      "Anerkennung und die Akquise von Stellen.");
  const std::vector<AreaBalance> gaps = ByGap(all.balance);
  auto table = [&](const std::string& caption) {
    HtmlTable t;
    t.caption = caption;
    t.header = {"Berufsbereich", "Teilnehmende", "Stellen", "Plätze", "Plätze je Person"};
    return t;
  };
  auto add = [&](HtmlTable* t, const AreaBalance& b) {
    t->rows.push_back({AreaLabel(report, b.area),
                       b.suppressed ? Withheld() : Int(b.participants),
                       Int(b.vacancies),
                       Int(b.openings),
                       !b.suppressed && b.participants > 0
                           ? FormatNumber(static_cast<double>(b.openings) / b.participants, 1)
                           : "–"});
  };
  HtmlTable shortage = table("Mehr Teilnehmende als Plätze");
  for (const AreaBalance& b : gaps) {
    if (!b.suppressed && b.participants > b.openings && shortage.rows.size() < 10)
      add(&shortage, b);
  }
  HtmlTable surplus = table("Mehr Plätze als Teilnehmende (die 10 größten Überhänge)");
  for (auto it = gaps.rbegin(); it != gaps.rend() && surplus.rows.size() < 10; ++it) {
    if (it->openings > it->participants) add(&surplus, *it);
  }
  if (shortage.rows.empty()) {
    out += Paragraph("Kein Berufsbereich hat mehr Teilnehmende als offene Plätze.");
  } else {
    out += RenderTable(shortage);
  }
  out += RenderTable(surplus);
  out += "<p class=\"note\">Vollständige Tabelle: report_balance.csv.</p>\n";
  return out;
}

std::string UnmetHtml(const RegionalSlice& all) {
  std::string out = "<h2>Ungedeckter Bedarf: Menschen ohne mögliche Stelle</h2>\n";
  if (all.unmet_by_rule.empty()) {
    out += Paragraph("Jede Person hat mindestens eine mögliche Stelle.");
    return out;
  }
  out += Paragraph(
      "Personen, für die keine einzige Stelle alle Regeln erfüllt, nach der Regel, die die "
      "meisten ihrer Stellen ausschließt.");
  out += "<div class=\"cols\">" +
         Chart("nach hinderndem Grund",
               Bars(all.unmet_by_rule,
                    [](const std::string& k) { return LabelDe(Vocabulary::kRule, k); }),
               760,
               380) +
         "</div>\n";
  return out;
}

std::string CoursesHtml(const RegionalReport& report) {
  std::string out =
      "<h2>Sprachkurse: was B1 oder B2 öffnen würde und wo ein Kurs erreichbar ist</h2>\n";
  out += Paragraph(
      "Alle Personen unter dem Niveau werden probeweise auf das Niveau gesetzt, alle Paare neu "
      "bewertet und die Zuordnung neu gelöst (gleiche Kapazitäten). Wer dabei eine mögliche Stelle "
      "hinzugewinnt, braucht einen Kurs: gesucht wird er wie bei den Kursbrücken der Vorschläge – "
      "ein Deutschkurs in der eigenen Pendelzeit vom Wohnort, der ab dem Stichtag beginnt und bis "
      "zum Niveau führt (nach Kursart und Unterrichtseinheiten). Rechtzeitig: er endet vor Beginn "
      "einer der hinzugewonnenen Stellen (ohne Beginn: innerhalb des Planungshorizonts).");
  HtmlTable table;
  table.header = {"Niveau",
                  "Personen darunter",
                  "gewinnen eine Stelle hinzu",
                  "Kurs erreichbar und rechtzeitig",
                  "Kurs erreichbar, aber zu spät",
                  "kein Kurs in Reichweite",
                  "Vorschläge heute",
                  "Vorschläge mit Kurs",
                  "davon Kursteilnehmende"};
  for (const CourseNeed& need : report.summary.course_needs) {
    if (need.suppressed || need.reach.empty()) {
      table.rows.push_back({std::string(CefrName(need.level)),
                            Withheld(),
                            Withheld(),
                            Withheld(),
                            Withheld(),
                            Withheld(),
                            Withheld(),
                            Withheld(),
                            Withheld()});
      continue;
    }
    const CourseReach& all = need.reach.front();
    table.rows.push_back({std::string(CefrName(need.level)),
                          Int(need.below),
                          PeopleText(all.gaining),
                          PeopleText(all.in_time),
                          PeopleText(all.too_late),
                          PeopleText(all.none),
                          Int(need.proposals_before),
                          Int(need.proposals_after),
                          PeopleText(need.raised_placed_after)});
  }
  out += RenderTable(table);

  for (const CourseNeed& need : report.summary.course_needs) {
    if (need.suppressed || need.reach.size() < 2) continue;
    const std::string level(CefrName(need.level));
    out += "<h3>" + XmlEscape("Wo ein Kurs bis " + level + " erreichbar wäre") + "</h3>\n";
    out += Paragraph(CourseSentence(report, need));
    HtmlTable where;
    where.header = {"Landkreis / Koordination",
                    "gewinnen mit " + level + " eine Stelle hinzu",
                    "Kurs erreichbar und rechtzeitig",
                    "nur zu spät",
                    "kein Kurs in Reichweite",
                    "Kurs, der rechtzeitig für die meisten erreichbar ist"};
    constexpr size_t kMaxRows = 30;
    size_t shown = 0;
    for (const CourseReach& r : need.reach) {
      if (r.kind == SliceKind::kAll) continue;
      if (++shown > kMaxRows) continue;
      where.rows.push_back(
          {(r.kind == SliceKind::kDistrict ? "Landkreis " : "Koordination ") +
               (r.kind == SliceKind::kDistrict ? DistrictLabel(report, r.key) : r.key),
           PeopleText(r.gaining),
           PeopleText(r.in_time),
           PeopleText(r.too_late),
           PeopleText(r.none),
           r.best_offer >= 0 ? CourseText(report, need.offers[static_cast<size_t>(r.best_offer)])
                             : "–"});
    }
    out += RenderTable(where);
    if (shown > kMaxRows) {
      out += "<p class=\"note\">" +
             XmlEscape("Die ersten " + Int(kMaxRows) + " von " + Int(shown) +
                       " Zeilen; alle in report_course_reach.csv.") +
             "</p>\n";
    }
    if (!need.offers.empty()) {
      HtmlTable offers;
      offers.caption = "Kurse, die Menschen mit " + level + " eine Stelle öffnen würden";
      offers.header = {"Kurs", "Ziel", "rechtzeitig für", "zu spät für"};
      constexpr size_t kMaxOffers = 10;
      for (size_t o = 0; o < need.offers.size() && o < kMaxOffers; ++o) {
        const CourseOffer& offer = need.offers[o];
        offers.rows.push_back({CourseText(report, offer),
                               std::string(CefrName(offer.target_level)),
                               PeopleText(offer.in_time),
                               PeopleText(offer.too_late)});
      }
      out += RenderTable(offers);
    }
  }
  out += "<p class=\"note\">" +
         XmlEscape(
             "„kein Kurs in Reichweite“: dort fehlt ein Kurs, der zum Niveau führt – "
             "hier lohnt es, einen Kurs zu fördern. „nur zu spät“: ein früher beginnender "
             "oder kürzerer Kurs am selben Ort würde helfen. Alle Zeilen: "
             "report_course_reach.csv, report_course_offers.csv.") +
         "</p>\n";
  return out;
}

std::string CapacityHtml(const RegionalReport& report) {
  std::string out = "<h2>Was Kapazität wert ist</h2>\n";
  out += Paragraph(
      "Je Koordination: was ein zusätzlicher Platz in diesem Zyklus bringt, abgelesen an den "
      "Dualwerten der optimalen Lösung und durch Neulösen mit Kapazität + 1 bestätigt (Wert = 1 "
      "je Vorschlag + Passung).");
  HtmlTable table;
  table.header = {"Koordination",
                  "VZÄ",
                  "Kapazität",
                  "Teilnehmende",
                  "Vorschläge",
                  "Wert +1 (Dualwert)",
                  "Wert +1 (nachgerechnet)",
                  "weitere Vorschläge",
                  "Jahresziel"};
  std::vector<Bar> bars;
  // Many coordinators (a state): those where one more place is worth most.
  constexpr size_t kMaxRows = 25;
  std::vector<CapacityValue> rows = report.summary.capacity;
  if (rows.size() > kMaxRows) {
    std::stable_sort(rows.begin(), rows.end(), [](const CapacityValue& a, const CapacityValue& b) {
      return a.objective_gain > b.objective_gain;
    });
    rows.resize(kMaxRows);
  }
  for (const CapacityValue& c : rows) {
    table.rows.push_back({c.id,
                          FormatNumber(c.fte, 2),
                          Int(c.capacity),
                          c.withheld ? Withheld() : Int(c.participants),
                          c.withheld ? Withheld() : Int(c.proposals),
                          FormatNumber(c.dual_value, 2),
                          FormatNumber(c.objective_gain, 2),
                          Int(c.extra_proposals),
                          FormatNumber(c.yearly_target, 0)});
    bars.push_back({c.id, c.objective_gain, FormatNumber(c.objective_gain, 2)});
  }
  out += RenderTable(table);
  if (std::any_of(rows.begin(), rows.end(), [](const CapacityValue& c) { return c.withheld; })) {
    out += "<p class=\"note\">" +
           XmlEscape("Teilnehmende und Vorschläge „" + Withheld() +
                     "“: zurückgehalten wie bei den Koordinationen unten.") +
           "</p>\n";
  }
  if (rows.size() < report.summary.capacity.size()) {
    out += "<p class=\"note\">" +
           XmlEscape("Die " + Int(rows.size()) + " von " + Int(report.summary.capacity.size()) +
                     " Koordinationen, bei denen ein Platz am meisten bringt; alle in "
                     "report_capacity.csv.") +
           "</p>\n";
  }
  if (bars.size() <= 12) {
    out +=
        "<div class=\"cols\">" + Chart("Wert eines zusätzlichen Platzes", bars, 560) + "</div>\n";
  }
  return out;
}

std::string ControllingHtml(const RegionalReport& report) {
  std::string out = "<h2>Zielsteuerung und Entwicklung</h2>\n";
  if (!report.store_note.empty()) {
    out += Paragraph(report.store_note);
  }
  const StoreFigures& store = report.store;
  if (!store.present) return out;
  const std::string year = report.run_date.substr(0, 4);

  out += "<h3>" +
         XmlEscape("Zielsteuerung: " + FormatNumber(report.placements_per_fte_year, 0) +
                   " Vermittlungen je Vollzeitstelle und Jahr") +
         "</h3>\n";
  HtmlTable targets;
  targets.header = {"Koordination",
                    "VZÄ",
                    "Jahresziel " + year,
                    "Soll bis " + report.run_date + " (anteilig)",
                    "eingestellt " + year,
                    "aufgenommen " + year,
                    "eingestellt / Soll"};
  std::vector<Bar> bars;
  const std::vector<std::vector<uint8_t>> target_hidden = WithheldTargets(report);
  for (size_t i = 0; i < store.targets.size(); ++i) {
    const TargetFigures& t = store.targets[i];
    const bool hires_hidden = target_hidden[i][0] != 0;
    targets.rows.push_back(
        {CoordinatorLabel(t.coordinator),
         FormatNumber(t.fte, 2),
         FormatNumber(t.yearly_target, 0),
         FormatNumber(t.target_to_date, 1),
         ShownText(t.hired_this_year, target_hidden[i][0]),
         ShownText(t.taken_on_this_year, target_hidden[i][1]),
         t.target_to_date > 0.0 && !hires_hidden
             ? FormatNumber(100.0 * t.hired_this_year / t.target_to_date, 0) + " %"
             : "–"});
    if (!t.coordinator.empty()) {
      // A withheld count draws no bar: its length would tell the number.
      bars.push_back({t.coordinator,
                      hires_hidden ? 0.0 : static_cast<double>(t.hired_this_year),
                      ShownText(t.hired_this_year, target_hidden[i][0]) + " von " +
                          FormatNumber(t.yearly_target, 0)});
    }
  }
  out += RenderTable(targets);
  out += "<p class=\"note\">" +
         XmlEscape(
             "Eingestellt: in den Tabellen der Koordinationen als „eingestellt“ erfasste "
             "Entscheidungen mit Datum in " +
             year +
             "; aufgenommen: Teilnehmende, deren erste Zusage (angenommen oder eingestellt) "
             "in dieses Jahr fällt. Nur was über jobmatch vorgeschlagen und zurückgemeldet "
             "wurde, ist erfasst.") +
         "</p>\n";
  if (!bars.empty() && bars.size() <= 12) {
    out += "<div class=\"cols\">" + Chart("Eingestellt " + year + " je Koordination", bars, 560) +
           "</div>\n";
  }

  out += "<h3>Entscheidungen zu früheren Vorschlägen</h3>\n";
  HtmlTable decisions;
  decisions.header = {"Koordination",
                      "vorgeschlagen",
                      "entschieden",
                      "angenommen",
                      "abgelehnt",
                      "eingestellt",
                      "abgebrochen",
                      "Zusagen / Entsch.",
                      "Einst. / Vorschl."};
  const std::vector<std::vector<uint8_t>> decision_hidden = WithheldDecisions(report);
  for (size_t i = 0; i < store.decisions.size(); ++i) {
    const DecisionFigures& d = store.decisions[i];
    const std::vector<uint8_t>& h = decision_hidden[i];
    // A share only from counts that are shown.
    const bool yes_shown = h[0] == 0 && h[1] == 0 && h[3] == 0;
    decisions.rows.push_back({CoordinatorLabel(d.coordinator),
                              Int(d.proposed),
                              ShownText(d.decided, h[0]),
                              ShownText(d.accepted, h[1]),
                              ShownText(d.rejected, h[2]),
                              ShownText(d.hired, h[3]),
                              ShownText(d.dropped_out, h[4]),
                              yes_shown ? RateText(report, d.accepted + d.hired, d.decided) : "–",
                              h[3] == 0 ? RateText(report, d.hired, d.proposed) : "–"});
  }
  out += RenderTable(decisions);
  out += Paragraph(
      "Entscheidungen gibt es nur zu dem, was vorgeschlagen wurde: wie oft andere Paare zu einer "
      "Einstellung geführt hätten, bleibt unbekannt. Vorgeschlagen: verschiedene Paare aus "
      "Teilnehmenden und Stelle, die in einem Lauf Vorschlag waren; Zusagen: angenommen oder "
      "eingestellt. Quoten erst ab " +
      Int(report.summary.min_group_size) + " Entscheidungen.");

  out += "<h3>Entwicklung über die Läufe</h3>\n";
  HtmlTable trend;
  trend.header = {
      "Lauf vom", "Teilnehmende", "Plätze", "Vorschläge", "ohne Vorschlag", "mittlere Passung"};
  std::vector<Bar> proposals;
  for (const RecordedRunFigures& r : store.runs) {
    trend.rows.push_back({r.date,
                          Int(r.participants),
                          Int(r.openings),
                          Int(r.proposals),
                          Int(r.unplaced),
                          FormatNumber(r.mean_score, 3)});
  }
  constexpr size_t kMaxBars = 12;
  const size_t first = store.runs.size() > kMaxBars ? store.runs.size() - kMaxBars : 0;
  for (size_t i = first; i < store.runs.size(); ++i) {
    const RecordedRunFigures& r = store.runs[i];
    proposals.push_back(
        {r.date, static_cast<double>(r.proposals), Int(r.proposals) + " / " + Int(r.participants)});
  }
  out += RenderTable(trend);
  if (!proposals.empty()) {
    out += "<div class=\"cols\">" +
           Chart("Vorschläge je Lauf (von Teilnehmenden im Pool)", proposals, 560) + "</div>\n";
  }
  return out;
}

std::string SlicesHtml(const RegionalReport& report, SliceKind kind, const std::string& title) {
  std::string out = "<h2>" + XmlEscape(title) + "</h2>\n";
  HtmlTable table;
  table.header = {kind == SliceKind::kDistrict ? "Landkreis" : "Koordination",
                  "Teilnehmende",
                  "Stellen",
                  "Plätze",
                  "Vorschläge",
                  "ohne Stelle"};
  static constexpr const char* kLevels[] = {"A0", "A1", "A2", "B1", "B2", "C1", "C2"};
  for (const char* level : kLevels) table.header.emplace_back(level);
  for (const char* q : {"ohne Abschluss", "Ausbildung", "Hochschule"}) table.header.emplace_back(q);
  constexpr size_t kMaxRows = 40;
  size_t total = 0;
  for (const RegionalSlice& s : report.summary.slices) {
    if (s.kind != kind) continue;
    if (++total > kMaxRows) continue;
    std::vector<std::string> row = {SliceLabel(report, s)};
    if (s.suppressed) {
      row.push_back(Withheld());
    } else {
      row.push_back(Int(s.participants));
    }
    row.push_back(Int(s.vacancies));
    row.push_back(Int(s.openings));
    row.push_back(s.suppressed ? Withheld() : Int(s.proposals));
    row.push_back(s.suppressed ? Withheld() : Int(Sum(s.unmet_by_rule)));
    auto find = [&](const std::vector<CountRow>& rows, const std::string& key) {
      if (s.suppressed) return Withheld();
      for (const CountRow& r : rows) {
        if (r.key == key) return CountText(r);
      }
      return std::string("0");
    };
    for (const char* level : kLevels) row.push_back(find(s.participants_by_german, level));
    for (const char* q : {"none", "vocational", "academic"}) {
      row.push_back(find(s.participants_by_qualification, q));
    }
    table.rows.push_back(std::move(row));
  }
  out += RenderTable(table);
  out +=
      "<p class=\"note\">A0–C2: Teilnehmende nach Deutschniveau; dann nach Qualifikation. "
      "„ohne Stelle“: Teilnehmende ohne eine einzige mögliche Stelle.</p>\n";
  return out;
}

void CountCsv(SpreadsheetWriter& csv,
              const RegionalReport& report,
              const RegionalSlice& s,
              const std::string& dimension,
              const std::vector<CountRow>& rows) {
  for (const CountRow& row : rows) {
    csv.Text(SliceKindDe(s.kind));
    csv.Text(SliceLabel(report, s));
    csv.Text(dimension);
    csv.Text(row.key);
    if (row.suppressed) {
      csv.Empty();
      csv.Text("ja");
    } else {
      csv.Integer(row.count);
      csv.Text("nein");
    }
    csv.EndRow();
  }
}

void Header(SpreadsheetWriter& csv, std::initializer_list<const char*> names) {
  for (const char* name : names) csv.Text(name);
  csv.EndRow();
}

}  // namespace

std::map<std::string, std::string> KldbAreaNames(const ReferenceData& reference) {
  std::map<std::string, std::string> names;
  for (const KldbArea& area : reference.kldb_areas) names.emplace(area.code, area.title);
  return names;
}

std::string RegionalHtml(const RegionalReport& report) {
  const RegionalSlice* all = All(report);
  std::string region = report.region;
  for (const RegionalSlice& s : report.summary.slices) {
    if (!report.region.empty()) break;
    if (s.kind != SliceKind::kDistrict) continue;
    if (!region.empty()) region += ", ";
    region += DistrictLabel(report, s.key);
  }
  std::string out = HtmlHead("Regionalbericht " + report.run_date);
  out += "<h1>Regionalbericht Arbeitsmarktintegration" +
         (region.empty() ? std::string() : ": " + XmlEscape(region)) + "</h1>\n";
  out += "<p class=\"meta\">" +
         XmlEscape("Stand " + report.run_date +
                   " · für die regionale Koordination: Analyse, Prioritäten, Zielsteuerung") +
         "</p>\n";
  if (all == nullptr) return out + HtmlFoot();
  int32_t capacity = 0;
  for (const CapacityValue& c : report.summary.capacity) capacity += c.capacity;
  out += "<div class=\"kpis\">" + Kpi(Int(all->participants), "Teilnehmende") +
         Kpi(Int(all->openings), "offene Plätze") +
         Kpi(Int(all->proposals), "Vorschläge (Optimum)") +
         Kpi(Int(capacity), "Kapazität im Zyklus") +
         Kpi(Int(Sum(all->unmet_by_rule)), "ohne mögliche Stelle") + "</div>\n";
  out += SummaryHtml(report, *all);
  out += ParticipantsHtml(*all);
  out += VacanciesHtml(report, *all);
  out += BalanceHtml(report, *all);
  out += UnmetHtml(*all);
  out += CoursesHtml(report);
  out += CapacityHtml(report);
  out += ControllingHtml(report);
  out += SlicesHtml(report, SliceKind::kDistrict, "Nach Landkreis (Wohnort der Teilnehmenden)");
  out += SlicesHtml(report, SliceKind::kCoordinator, "Nach Koordination");
  out +=
      "<p class=\"note\">" +
      XmlEscape("Nur zusammengefasste Zahlen; " + WithheldLegendDe(report.summary.min_group_size) +
                ". Berufshauptgruppen: Quelle: Klassifikation der "
                "Berufe 2010 – überarbeitete Fassung 2020, © Statistik der Bundesagentur für "
                "Arbeit. Erstellt von jobmatch report.") +
      "</p>\n";
  out += HtmlFoot();
  return out;
}

std::vector<OutputFile> RegionalTables(const RegionalReport& report) {
  std::vector<OutputFile> files;
  SpreadsheetWriter people;
  Header(people, {"Ebene", "Einheit", "Merkmal", "Wert", "Teilnehmende", "zurückgehalten"});
  SpreadsheetWriter vacancies;
  Header(vacancies, {"Ebene", "Einheit", "Merkmal", "Wert", "Plätze", "zurückgehalten"});
  SpreadsheetWriter balance;
  Header(balance,
         {"Ebene",
          "Einheit",
          "Berufsbereich",
          "Bezeichnung",
          "Teilnehmende",
          "Stellen",
          "Plätze",
          "zurückgehalten"});
  SpreadsheetWriter unmet;
  Header(unmet, {"Ebene", "Einheit", "Merkmal", "Grund", "Teilnehmende", "zurückgehalten"});
  for (const RegionalSlice& s : report.summary.slices) {
    CountCsv(people, report, s, "deutschniveau", s.participants_by_german);
    CountCsv(people, report, s, "qualifikation", s.participants_by_qualification);
    CountCsv(people, report, s, "ziel", s.participants_by_goal);
    CountCsv(vacancies, report, s, "berufsbereich", s.vacancies_by_area);
    CountCsv(vacancies, report, s, "art", s.vacancies_by_kind);
    CountCsv(vacancies, report, s, "betriebsgroesse", s.vacancies_by_size);
    CountCsv(unmet, report, s, "grund", s.unmet_by_rule);
    for (const AreaBalance& b : s.balance) {
      balance.Text(SliceKindDe(s.kind));
      balance.Text(SliceLabel(report, s));
      balance.Text(b.area);
      balance.Text(AreaTitle(report, b.area));
      if (b.suppressed) {
        balance.Empty();
      } else {
        balance.Integer(b.participants);
      }
      balance.Integer(b.vacancies);
      balance.Integer(b.openings);
      balance.Text(b.suppressed ? "ja" : "nein");
      balance.EndRow();
    }
  }
  files.push_back({"report_participants.csv", people.bytes()});
  files.push_back({"report_vacancies.csv", vacancies.bytes()});
  files.push_back({"report_balance.csv", balance.bytes()});
  files.push_back({"report_unmet.csv", unmet.bytes()});

  // A count of people in CSV: empty when withheld.
  auto people_cell = [](SpreadsheetWriter& csv, const PeopleCount& n) {
    if (n.withheld) {
      csv.Empty();
    } else {
      csv.Integer(n.count);
    }
  };
  SpreadsheetWriter courses;
  Header(courses,
         {"Niveau",
          "Personen darunter",
          "gewinnen eine Stelle hinzu",
          "Kurs rechtzeitig",
          "Kurs nur zu spät",
          "kein Kurs in Reichweite",
          "Vorschläge heute",
          "Vorschläge mit Kurs",
          "davon Kursteilnehmende",
          "zurückgehalten"});
  SpreadsheetWriter reach;
  Header(reach,
         {"Niveau",
          "Ebene",
          "Einheit",
          "gewinnen eine Stelle hinzu",
          "Kurs rechtzeitig",
          "Kurs nur zu spät",
          "kein Kurs in Reichweite",
          "Kurs für die meisten",
          "zurückgehalten"});
  SpreadsheetWriter offers;
  Header(offers,
         {"Niveau",
          "Kurs",
          "Art",
          "Ziel",
          "Ort",
          "Kreis",
          "Beginn",
          "Wochen",
          "rechtzeitig für",
          "zu spät für",
          "zurückgehalten"});
  for (const CourseNeed& need : report.summary.course_needs) {
    const std::string level(CefrName(need.level));
    courses.Text(level);
    if (need.suppressed || need.reach.empty()) {
      for (int i = 0; i < 8; ++i) courses.Empty();
      courses.Text("ja");
      courses.EndRow();
      continue;
    }
    const CourseReach& all = need.reach.front();
    courses.Integer(need.below);
    people_cell(courses, all.gaining);
    people_cell(courses, all.in_time);
    people_cell(courses, all.too_late);
    people_cell(courses, all.none);
    courses.Integer(need.proposals_before);
    courses.Integer(need.proposals_after);
    people_cell(courses, need.raised_placed_after);
    const bool any = all.gaining.withheld || all.in_time.withheld || all.too_late.withheld ||
                     all.none.withheld || need.raised_placed_after.withheld;
    courses.Text(any ? "ja" : "nein");
    courses.EndRow();
    for (const CourseReach& r : need.reach) {
      reach.Text(level);
      reach.Text(r.kind == SliceKind::kAll        ? "gesamt"
                 : r.kind == SliceKind::kDistrict ? "Landkreis"
                                                  : "Koordination");
      reach.Text(r.kind == SliceKind::kAll        ? "gesamt"
                 : r.kind == SliceKind::kDistrict ? DistrictLabel(report, r.key)
                                                  : r.key);
      for (const PeopleCount* n : {&r.gaining, &r.in_time, &r.too_late, &r.none})
        people_cell(reach, *n);
      reach.Text(r.best_offer >= 0 ? need.offers[static_cast<size_t>(r.best_offer)].id : "");
      reach.Text(r.gaining.withheld || r.in_time.withheld || r.too_late.withheld || r.none.withheld
                     ? "ja"
                     : "nein");
      reach.EndRow();
    }
    for (const CourseOffer& offer : need.offers) {
      offers.Text(level);
      offers.Text(offer.id);
      offers.Text(CourseKindTextDe(offer.kind));
      offers.Text(CefrName(offer.target_level));
      offers.Text(offer.place_name);
      offers.Text(DistrictLabel(report, offer.district_key));
      offers.Text(offer.start_date ? FormatDate(*offer.start_date) : "");
      offers.Integer(offer.weeks);
      people_cell(offers, offer.in_time);
      people_cell(offers, offer.too_late);
      offers.Text(offer.in_time.withheld || offer.too_late.withheld ? "ja" : "nein");
      offers.EndRow();
    }
  }
  files.push_back({"report_courses.csv", courses.bytes()});
  files.push_back({"report_course_reach.csv", reach.bytes()});
  files.push_back({"report_course_offers.csv", offers.bytes()});

  SpreadsheetWriter capacity;
  Header(capacity,
         {"Koordination",
          "VZÄ",
          "Kapazität",
          "Teilnehmende",
          "Vorschläge",
          "Wert +1 Dualwert",
          "Wert +1 nachgerechnet",
          "weitere Vorschläge",
          "Jahresziel",
          "zurückgehalten"});
  // A coordinator withheld in the people tables: participants and proposals
  // empty here too (the same figures as the coordinators' table).
  for (const CapacityValue& c : report.summary.capacity) {
    capacity.Text(c.id);
    capacity.Number(c.fte, 2);
    capacity.Integer(c.capacity);
    if (c.withheld) {
      capacity.Empty();
      capacity.Empty();
    } else {
      capacity.Integer(c.participants);
      capacity.Integer(c.proposals);
    }
    capacity.Number(c.dual_value, 4);
    capacity.Number(c.objective_gain, 4);
    capacity.Integer(c.extra_proposals);
    capacity.Number(c.yearly_target, 1);
    capacity.Text(c.withheld ? "ja" : "nein");
    capacity.EndRow();
  }
  files.push_back({"report_capacity.csv", capacity.bytes()});
  if (!report.store.present) return files;

  // A count from the store in CSV: empty and marked withheld when small.
  auto store_count = [&](SpreadsheetWriter& csv, int32_t count, uint8_t hidden) {
    if (hidden != 0) {
      csv.Empty();
    } else {
      csv.Integer(count);
    }
  };
  const std::vector<std::vector<uint8_t>> target_hidden = WithheldTargets(report);
  const std::vector<std::vector<uint8_t>> decision_hidden = WithheldDecisions(report);
  SpreadsheetWriter targets;
  Header(targets,
         {"Koordination",
          "VZÄ",
          "Jahresziel",
          "Soll bis Stichtag",
          "eingestellt im Jahr",
          "aufgenommen im Jahr",
          "zurückgehalten"});
  for (size_t i = 0; i < report.store.targets.size(); ++i) {
    const TargetFigures& t = report.store.targets[i];
    targets.Text(CoordinatorLabel(t.coordinator));
    targets.Number(t.fte, 2);
    targets.Number(t.yearly_target, 1);
    targets.Number(t.target_to_date, 1);
    store_count(targets, t.hired_this_year, target_hidden[i][0]);
    store_count(targets, t.taken_on_this_year, target_hidden[i][1]);
    targets.Text(target_hidden[i][0] != 0 || target_hidden[i][1] != 0 ? "ja" : "nein");
    targets.EndRow();
  }
  files.push_back({"report_targets.csv", targets.bytes()});

  SpreadsheetWriter decisions;
  Header(decisions,
         {"Koordination",
          "vorgeschlagen",
          "entschieden",
          "angenommen",
          "abgelehnt",
          "eingestellt",
          "abgebrochen"});
  for (size_t i = 0; i < report.store.decisions.size(); ++i) {
    const DecisionFigures& d = report.store.decisions[i];
    decisions.Text(CoordinatorLabel(d.coordinator));
    decisions.Integer(d.proposed);
    const int32_t counts[] = {d.decided, d.accepted, d.rejected, d.hired, d.dropped_out};
    for (size_t j = 0; j < 5; ++j) store_count(decisions, counts[j], decision_hidden[i][j]);
    decisions.EndRow();
  }
  files.push_back({"report_decisions.csv", decisions.bytes()});

  SpreadsheetWriter trend;
  Header(
      trend,
      {"Lauf vom", "Teilnehmende", "Plätze", "Vorschläge", "ohne Vorschlag", "mittlere Passung"});
  for (const RecordedRunFigures& r : report.store.runs) {
    trend.Text(r.date);
    trend.Integer(r.participants);
    trend.Integer(r.openings);
    trend.Integer(r.proposals);
    trend.Integer(r.unplaced);
    trend.Number(r.mean_score, 4);
    trend.EndRow();
  }
  files.push_back({"report_trend.csv", trend.bytes()});
  return files;
}

std::vector<OutputFile> RegionalFiles(const RegionalReport& report) {
  std::vector<OutputFile> files = {{"report.html", RegionalHtml(report)}};
  for (OutputFile& f : RegionalTables(report)) files.push_back(std::move(f));
  return files;
}

}  // namespace jobmatch::reports

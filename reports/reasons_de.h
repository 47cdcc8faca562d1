// reports/reasons_de.h
//
// The German words coordinators read: number formats (decimal comma), size
// classes, the names of the exclusion rules, and the one-sentence reasons on
// each line of their list, made from the facts engine/proposals.h returns.
// Every German sentence of the program's output is here; an English list
// later is one more file like this one.
//
// Example:
//   DecimalDe(18.35, 1)                        -> "18,4"
//   SizeClassTextDe(SizeClass::kMicro)         -> "Kleinstbetrieb"
//   ProposalReasonDe(dataset, proposal)        -> "Pflichtkompetenzen 75 % abgedeckt, ..."
//   UnplacedReasonDe(dataset, unplaced)        -> "Keine Arbeitserlaubnis"

#ifndef JOBMATCH_REPORTS_REASONS_DE_H_
#define JOBMATCH_REPORTS_REASONS_DE_H_

#include <string>
#include <string_view>

#include "engine/capacity.h"
#include "engine/proposals.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/scorer.h"
#include "engine/skill_profiles.h"

namespace jobmatch::reports {

// `value` with `decimals` places and a decimal comma: 18.35, 1 -> "18,4".
// Non-finite values give "" (an empty cell).
std::string DecimalDe(double value, int decimals);

// A share in [0, 1] as a whole percentage: 0.754 -> "75 %".
std::string PercentDe(double share);

// "Kleinstbetrieb", "Kleinbetrieb", "mittlerer Betrieb", "Großbetrieb".
std::string_view SizeClassTextDe(SizeClass size);
// Its staff band (SizeClassOf): "unter 10", "10–49", "50–249", "ab 250".
std::string_view SizeClassStaffDe(SizeClass size);

// A date as Germans write it: "01.03.2025".
std::string FormatDateDe(Date date);

// How a coordinator's capacity this cycle came about, for the first row of
// their sheet, as a coordinator would say it: "Kapazität in diesem Zyklus: 13
// neue Vorschläge (vorgegeben in der Koordinationsliste)", or for a derived
// one "Kapazität in diesem Zyklus: 19 neue Vorschläge (1 Vollzeitstelle, 40
// Aufnahmen im Jahr, 1 in diesem Jahr schon aufgenommen, noch 2 Zyklen bis
// Jahresende, 1 in Nachbetreuung)". The arithmetic (engine/capacity.h) is in
// jobmatch.json's capacity_derivation.
std::string CapacityTextDe(const CapacityDerivation& derivation, bool given);

// "Duldung", "Aufenthaltserlaubnis nach § 104c AufenthG", ...
std::string_view ResidenceStatusTextDe(ResidenceStatus status);

// "Sprachkurs", "Integrationskurs", "Berufssprachkurs", "beruflicher Kurs".
std::string_view CourseKindTextDe(CourseKind kind);

// The vacancy's kind in its own column: "Arbeit", "Ausbildung", "Praktikum".
std::string_view VacancyKindTextDe(VacancyKind kind);

// The rule as coordinators read it: kCommuteTooLong -> "Pendelzeit zu lang".
std::string_view ExclusionTextDe(ExclusionReason reason);

// Why this vacancy and what to watch, e.g. "Pflichtkompetenzen 75 % abgedeckt,
// optionale 40 %; Deutsch B1 (gefordert B1); 23 Min. mit ÖPNV (18,4 km);
// Kleinstbetrieb (6 Beschäftigte)", followed on an assigned line by why it is
// not the best-scored vacancy when the assignment says so.
std::string ProposalReasonDe(const Dataset& dataset, const Proposal& proposal);

// The essential skills a participant lacks for a vacancy, for the sheet's
// "Fehlende Kompetenzen" column: at most three ESCO labels (English: the
// reference data holds no German skill labels) and "und N weitere";
// "keine" when nothing is missing, "" when the vacancy has no essential skill
// known.
std::string MissingSkillsDe(const EssentialSkillGap& gap, const ReferenceData& reference);

// Why there is no proposal and, when nothing was scored, the nearest
// possibility: "Keine passende Stelle in Reichweite: 12 × Pendelzeit zu lang.
// Nächste Möglichkeit mit längerer Pendelzeit: ...".
std::string UnplacedReasonDe(const Dataset& dataset, const UnplacedParticipant& unplaced);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_REASONS_DE_H_

#include "engine/proposals.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "engine/check.h"

namespace jobmatch {
namespace {

std::string Percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100.0))) + " %";
}

std::string Decimal(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
  std::string out = buffer;
  std::replace(out.begin(), out.end(), '.', ',');  // German decimal comma
  return out;
}

// "Pflichtkompetenzen 75 % abgedeckt, optionale 40 %; Deutsch B1 (gefordert
// B1); 23 Min. mit ÖPNV (18,4 km); Kleinstbetrieb (6 Beschäftigte)".
std::string DescribePair(const Dataset& dataset,
                         const Participant& participant,
                         const ScoredPair& pair) {
  const Vacancy& vacancy = dataset.vacancies[static_cast<size_t>(pair.vacancy.value)];
  const Employer& employer = dataset.employers[static_cast<size_t>(vacancy.employer.value)];
  std::string text =
      pair.parts.has_essential_skills
          ? "Pflichtkompetenzen " + Percent(pair.parts.essential_coverage) + " abgedeckt"
          : std::string("keine Pflichtkompetenzen hinterlegt");
  text += ", optionale " + Percent(pair.parts.optional_coverage);
  if (pair.parts.isco_floor_applied) {
    // The related-occupation floor of the skill part (engine/scorer.h).
    // ISCO-08 in German: 2 digits Berufsgruppe, 3 Berufsuntergruppe, 4 Berufsgattung.
    static constexpr const char* kGroup[] = {
        "", "", "Berufsgruppe", "Berufsuntergruppe", "Berufsgattung"};
    text += ", verwandter Beruf (gleiche ISCO-" +
            std::string(kGroup[std::min<int>(pair.parts.isco_match_digits, 4)]) + ")";
  }
  if (pair.parts.requirement_fit < 1.0f) {
    text += ", Anforderungsniveau über der Qualifikation (Kompetenzwert × " +
            Decimal(pair.parts.requirement_fit, 2) + ")";
  }
  text += "; Deutsch " + std::string(CefrName(participant.german)) + " (gefordert " +
          std::string(CefrName(vacancy.min_german)) + ")";
  if (pair.bridge_course.valid()) {
    const Course& course = dataset.courses[static_cast<size_t>(pair.bridge_course.value)];
    text +=
        ", passt nach Sprachkurs " + course.id + " (" + std::string(CefrName(course.target_level));
    if (course.start_date) text += ", Beginn " + FormatDate(*course.start_date);
    text += ", " + std::to_string(course.weeks) + " Wochen)";
  }
  const bool by_car = participant.driving_licence && participant.car;
  text += "; " + std::to_string(static_cast<int>(std::lround(pair.commute_minutes))) + " Min. " +
          (by_car ? "mit dem Auto" : "mit ÖPNV") + " (" + Decimal(pair.distance_km, 1) + " km)";
  text += "; " + std::string(SizeClassTextDe(SizeClassOf(employer.staff))) + " (" +
          std::to_string(employer.staff) + " Beschäftigte)";
  return text;
}

std::string DescribeBinding(const Dataset& dataset, const Binding& binding) {
  if (binding.kind == BindingKind::kNone || !binding.better_vacancy.valid()) return "";
  const Vacancy& better = dataset.vacancies[static_cast<size_t>(binding.better_vacancy.value)];
  std::string text = "Nicht die bestbewertete Stelle " + better.id + " (" +
                     Decimal(binding.better_score, 2) + "): ";
  switch (binding.kind) {
    case BindingKind::kVacancyFull: {
      text += better.openings == 1
                  ? std::string("der Platz ist vergeben an ")
                  : "alle " + std::to_string(better.openings) + " Plätze sind vergeben an ";
      for (size_t i = 0; i < binding.holders.size(); ++i) {
        if (i > 0) text += ", ";
        text += dataset.participants[static_cast<size_t>(binding.holders[i].value)].id;
        if (i < binding.holder_scores.size()) {
          text += " (" + Decimal(binding.holder_scores[i], 2) + ")";
        }
      }
      break;
    }
    case BindingKind::kEmployerFull:
      text += "der Arbeitgeber hat seine Obergrenze an Vorschlägen erreicht";
      break;
    case BindingKind::kCoordinatorAtCapacity:
      text += "die Kapazität der Koordination ist ausgeschöpft";
      break;
    case BindingKind::kNone:
      break;
  }
  return text;
}

// German names of the hard rules, for coordinators' lists.
const char* ExclusionTextDe(ExclusionReason reason) {
  switch (reason) {
    case ExclusionReason::kWorkNotPermitted:
      return "ohne Arbeitserlaubnis";
    case ExclusionReason::kRejectedBefore:
      return "früher abgelehnt";
    case ExclusionReason::kExpired:
      return "Stelle abgelaufen";
    case ExclusionReason::kKindExcluded:
      return "Stellenart passt nicht zum Weg";
    case ExclusionReason::kLicenceMissing:
      return "Führerschein fehlt";
    case ExclusionReason::kHoursMismatch:
      return "zu viele Wochenstunden";
    case ExclusionReason::kCommuteTooLong:
      return "Pendelzeit zu lang";
    case ExclusionReason::kGermanTooLow:
      return "Deutsch zu weit unter dem Mindestniveau";
    case ExclusionReason::kCount:
      break;
  }
  return "";
}

// The reasons a participant without a proposal has none, most frequent first.
std::string DescribeExclusions(const std::array<int32_t, kNumExclusionReasons>& excluded) {
  std::vector<std::pair<int32_t, int>> order;
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    if (excluded[static_cast<size_t>(r)] > 0)
      order.emplace_back(-excluded[static_cast<size_t>(r)], r);
  }
  std::sort(order.begin(), order.end());
  std::string text;
  for (const auto& [negative_count, r] : order) {
    if (!text.empty()) text += ", ";
    text +=
        std::to_string(-negative_count) + " × " + ExclusionTextDe(static_cast<ExclusionReason>(r));
  }
  return text;
}

// The nearest miss among the rules a coordinator can act on: the rule whose
// lifting opens the best-scoring vacancy (ties: more vacancies, then rule order).
bool FindNearMiss(const std::array<NearMiss, kNumExclusionReasons>& misses,
                  ExclusionReason* rule,
                  NearMiss* best) {
  bool found = false;
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    const auto reason = static_cast<ExclusionReason>(r);
    if (reason == ExclusionReason::kExpired || reason == ExclusionReason::kRejectedBefore) continue;
    const NearMiss& miss = misses[static_cast<size_t>(r)];
    if (miss.count == 0 || !miss.best.valid()) continue;
    if (!found || miss.best_score > best->best_score ||
        (miss.best_score == best->best_score && miss.count > best->count)) {
      *rule = reason;
      *best = miss;
      found = true;
    }
  }
  return found;
}

// "mit Deutsch B1: 14 weitere Stellen, beste 0,82: Lagerhelfer (m/w/d) bei
// Logistik Krüger (Kleinstbetrieb) in Staßfurt".
std::string DescribeNearMiss(const Dataset& dataset, ExclusionReason rule, const NearMiss& miss) {
  const Vacancy& vacancy = dataset.vacancies[static_cast<size_t>(miss.best.value)];
  const Employer& employer = dataset.employers[static_cast<size_t>(vacancy.employer.value)];
  std::string change;
  switch (rule) {
    case ExclusionReason::kWorkNotPermitted:
      change = "mit Arbeitserlaubnis";
      break;
    case ExclusionReason::kKindExcluded:
      change = "wenn auch diese Stellenart in Frage kommt";
      break;
    case ExclusionReason::kLicenceMissing:
      change = "mit Führerschein";
      break;
    case ExclusionReason::kHoursMismatch:
      change = "mit mehr Wochenstunden";
      break;
    case ExclusionReason::kCommuteTooLong:
      change = "mit längerer Pendelzeit";
      break;
    case ExclusionReason::kGermanTooLow:
      change = "mit Deutsch " + std::string(CefrName(vacancy.min_german));
      break;
    default:
      change = "ohne diese Regel";
      break;
  }
  return change + ": " + std::to_string(miss.count) +
         (miss.count == 1 ? " weitere Stelle" : " weitere Stellen") + ", beste " +
         Decimal(miss.best_score, 2) + ": " + vacancy.title + " bei " + employer.name + " (" +
         SizeClassTextDe(SizeClassOf(employer.staff)) + ") in " + vacancy.place.name;
}

}  // namespace

const char* SizeClassTextDe(SizeClass size) {
  switch (size) {
    case SizeClass::kMicro:
      return "Kleinstbetrieb";
    case SizeClass::kSmall:
      return "Kleinbetrieb";
    case SizeClass::kMedium:
      return "mittlerer Betrieb";
    case SizeClass::kLarge:
      return "Großbetrieb";
  }
  return "";
}

ProposalSet MakeProposals(const Dataset& dataset,
                          const ScoredPairs& scored,
                          const CandidateGraph& graph,
                          const AssignmentResult& result,
                          const ProposalOptions& options) {
  const size_t num_participants = dataset.participants.size();
  JOBMATCH_CHECK(static_cast<size_t>(scored.num_participants()) == num_participants);
  JOBMATCH_CHECK(static_cast<size_t>(graph.num_participants) == num_participants);

  std::vector<const Placement*> placement_of(num_participants, nullptr);
  for (const Placement& placement : result.placements) {
    placement_of[static_cast<size_t>(placement.participant.value)] = &placement;
  }
  std::vector<const Binding*> binding_of(num_participants, nullptr);
  for (const Binding& binding : result.bindings) {
    binding_of[static_cast<size_t>(binding.participant.value)] = &binding;
  }

  ProposalSet set;
  RunMetrics& m = set.metrics;
  m.participants = static_cast<int32_t>(num_participants);
  m.vacancies = static_cast<int32_t>(dataset.vacancies.size());
  m.coordinators = static_cast<int32_t>(dataset.coordinators.size());
  for (const Vacancy& v : dataset.vacancies) m.openings += v.openings;
  m.pairs_examined = scored.pairs_examined;
  m.candidate_arcs = graph.num_arcs();
  m.excluded_total = scored.excluded_total;

  // Participants in (coordinator, participant) order.
  std::vector<int32_t> order(num_participants);
  for (size_t i = 0; i < num_participants; ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return dataset.participants[static_cast<size_t>(a)].coordinator.value <
           dataset.participants[static_cast<size_t>(b)].coordinator.value;
  });

  for (const int32_t p : order) {
    const Participant& participant = dataset.participants[static_cast<size_t>(p)];
    const ParticipantIndex index(p);
    const std::span<const ScoredPair> pairs = scored.For(index);
    const Placement* placement = placement_of[static_cast<size_t>(p)];
    const Binding* binding = binding_of[static_cast<size_t>(p)];

    if (placement != nullptr) {
      // The assigned vacancy first, then alternatives by rank.
      int32_t assigned_rank = 0;
      for (size_t i = 0; i < pairs.size(); ++i) {
        if (pairs[i].vacancy == placement->vacancy) assigned_rank = static_cast<int32_t>(i) + 1;
      }
      JOBMATCH_CHECK(assigned_rank > 0) << "placement on a pair the scorer did not keep";
      const ScoredPair& pair = pairs[static_cast<size_t>(assigned_rank - 1)];
      Proposal proposal{participant.coordinator,
                        index,
                        pair,
                        true,
                        assigned_rank,
                        DescribePair(dataset, participant, pair)};
      if (binding != nullptr) {
        const std::string why = DescribeBinding(dataset, *binding);
        if (!why.empty()) proposal.reason += ". " + why;
      }
      set.proposals.push_back(std::move(proposal));
      ++m.proposals;
      m.total_score += pair.score;
      const Vacancy& vacancy = dataset.vacancies[static_cast<size_t>(pair.vacancy.value)];
      if (SizeClassOf(dataset.employers[static_cast<size_t>(vacancy.employer.value)].staff) ==
          SizeClass::kMicro) {
        ++m.micro_enterprise_proposals;
      }
      if (pair.bridge_course.valid()) ++m.course_bridge_proposals;
    }

    int32_t listed = 0;
    for (size_t i = 0; i < pairs.size() && listed < options.alternatives; ++i) {
      if (placement != nullptr && pairs[i].vacancy == placement->vacancy) continue;
      set.proposals.push_back(Proposal{participant.coordinator,
                                       index,
                                       pairs[i],
                                       false,
                                       static_cast<int32_t>(i) + 1,
                                       DescribePair(dataset, participant, pairs[i])});
      ++listed;
    }

    if (placement == nullptr) {
      UnplacedParticipant unplaced;
      unplaced.coordinator = participant.coordinator;
      unplaced.participant = index;
      unplaced.excluded = scored.excluded[static_cast<size_t>(p)];
      unplaced.eligible = scored.eligible[static_cast<size_t>(p)];
      unplaced.has_near_miss = FindNearMiss(
          scored.near_miss[static_cast<size_t>(p)], &unplaced.near_miss_rule, &unplaced.near_miss);
      if (!participant.work_permitted) {
        unplaced.reason = "Keine Arbeitserlaubnis";
      } else if (pairs.empty()) {
        const std::string reasons = DescribeExclusions(unplaced.excluded);
        unplaced.reason = reasons.empty() ? "Keine Stelle in Pendelreichweite"
                                          : "Keine passende Stelle in Reichweite: " + reasons;
      } else if (binding != nullptr && binding->kind == BindingKind::kCoordinatorAtCapacity) {
        unplaced.reason = "Kapazität der Koordination in diesem Zyklus ausgeschöpft; " +
                          std::to_string(unplaced.eligible) + " passende Stellen, beste " +
                          dataset.vacancies[static_cast<size_t>(pairs[0].vacancy.value)].id + " (" +
                          Decimal(pairs[0].score, 2) + ")";
      } else if (binding != nullptr) {
        unplaced.reason = DescribeBinding(dataset, *binding);
      } else {
        unplaced.reason = "Alle " + std::to_string(pairs.size()) +
                          " bestbewerteten passenden Stellen sind an Teilnehmende mit höherem "
                          "Gesamtwert vergeben";
      }
      if (unplaced.has_near_miss && pairs.empty()) {
        unplaced.reason += ". Nächste Möglichkeit " +
                           DescribeNearMiss(dataset, unplaced.near_miss_rule, unplaced.near_miss);
      }
      set.unplaced.push_back(std::move(unplaced));
      ++m.unplaced;
    }
  }
  m.mean_score = m.proposals > 0 ? m.total_score / m.proposals : 0.0;
  return set;
}

}  // namespace jobmatch

#include "engine/outcomes.h"

#include <algorithm>
#include <map>
#include <utility>

namespace jobmatch {
namespace {

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

struct PairRecord {
  int32_t participant = 0;
  int32_t vacancy = 0;
  bool accepted = false;
  bool hired = false;
  bool rejected = false;
  std::optional<Date> first_date;
  // Today's score and parts; nullopt when a hard rule removes the pair.
  std::optional<ScoredPair> scored;
};

void Add(OutcomeCounts* counts, const PairRecord& r) {
  ++counts->pairs;
  if (r.hired) ++counts->hired;
  if (r.accepted) {
    ++counts->accepted;
  } else if (r.rejected) {
    ++counts->rejected;
  } else {
    ++counts->open;
  }
}

std::string Band(double value) {
  if (value < 0.5) return "0.0-0.5";
  const int tenth = std::min(9, static_cast<int>(value * 10.0 + 1e-9));
  return "0." + std::to_string(tenth) + "-" +
         (tenth == 9 ? std::string("1.0") : "0." + std::to_string(tenth + 1));
}

std::vector<OutcomeRow> Rows(const std::map<std::string, OutcomeCounts>& by_key, int32_t min_size) {
  std::vector<OutcomeRow> rows;
  for (const auto& [key, counts] : by_key) {
    OutcomeRow row;
    row.key = key;
    row.suppressed = counts.pairs < min_size;
    if (!row.suppressed) row.counts = counts;
    rows.push_back(std::move(row));
  }
  return rows;
}

// Re-scores the history's pairs on a dataset cut down to the participants and
// vacancies they name (history rule, expiry and top-K off).
void ScorePairs(const Dataset& dataset,
                const ReferenceData& reference,
                const ScoringOptions& scoring,
                std::vector<PairRecord>* records) {
  Dataset cut;
  cut.employers = dataset.employers;
  cut.coordinators = dataset.coordinators;
  cut.courses = dataset.courses;
  std::map<int32_t, int32_t> participant_to_cut;
  std::map<int32_t, int32_t> vacancy_to_cut;
  for (const PairRecord& r : *records) {
    if (participant_to_cut.emplace(r.participant, static_cast<int32_t>(cut.participants.size()))
            .second) {
      cut.participants.push_back(dataset.participants[At(r.participant)]);
    }
    if (vacancy_to_cut.emplace(r.vacancy, static_cast<int32_t>(cut.vacancies.size())).second) {
      cut.vacancies.push_back(dataset.vacancies[At(r.vacancy)]);
    }
  }
  ScoringOptions options = scoring;
  options.top_k = 0;
  options.min_score = 0.0;
  options.run_date.reset();
  const ScoredPairs scored = ScoreTopK(cut, reference, options);
  for (PairRecord& r : *records) {
    const ParticipantIndex p(participant_to_cut.at(r.participant));
    const VacancyIndex v(vacancy_to_cut.at(r.vacancy));
    for (const ScoredPair& pair : scored.For(p)) {
      if (pair.vacancy == v) r.scored = pair;
    }
  }
}

}  // namespace

OutcomeSummary SummariseOutcomes(const Dataset& dataset,
                                 const ReferenceData& reference,
                                 const ScoringOptions& scoring,
                                 const EvaluationOptions& options) {
  OutcomeSummary summary;
  summary.records = static_cast<int32_t>(dataset.history.size());
  std::map<std::pair<int32_t, int32_t>, PairRecord> pairs;
  for (const Outcome& o : dataset.history) {
    PairRecord& r = pairs[{o.participant.value, o.vacancy.value}];
    r.participant = o.participant.value;
    r.vacancy = o.vacancy.value;
    r.hired |= o.kind == OutcomeKind::kHired;
    r.accepted |= o.kind == OutcomeKind::kAccepted || o.kind == OutcomeKind::kHired ||
                  o.kind == OutcomeKind::kDroppedOut;
    r.rejected |= o.kind == OutcomeKind::kRejected;
    if (o.date && (!r.first_date || *o.date < *r.first_date)) r.first_date = o.date;
  }
  std::vector<PairRecord> records;
  records.reserve(pairs.size());
  for (const auto& [key, r] : pairs) records.push_back(r);
  summary.pairs = static_cast<int32_t>(records.size());
  if (records.empty()) return summary;
  ScorePairs(dataset, reference, scoring, &records);

  std::map<std::string, OutcomeCounts> by_band;
  std::array<std::map<std::string, OutcomeCounts>, 4> by_part;
  std::array<std::map<std::string, OutcomeCounts>, kNumGroupKinds> by_group;
  std::map<std::string, OutcomeCounts> by_month;
  for (const PairRecord& r : records) {
    Add(&summary.total, r);
    if (r.scored) {
      Add(&by_band[Band(r.scored->score)], r);
      const ScoreParts& parts = r.scored->parts;
      const std::array<float, 4> values = {parts.skill, parts.german, parts.commute, parts.micro};
      for (size_t i = 0; i < 4; ++i) Add(&by_part[i][Band(values[i])], r);
    } else {
      Add(&by_band["not_scored"], r);
      for (size_t i = 0; i < 4; ++i) Add(&by_part[i]["not_scored"], r);
    }
    for (int k = 0; k < kNumGroupKinds; ++k) {
      Add(&by_group[At(k)][GroupKey(dataset,
                                    ParticipantIndex(r.participant),
                                    static_cast<GroupKind>(k),
                                    options.run_date)],
          r);
    }
    Add(&by_month[r.first_date ? FormatDate(*r.first_date).substr(0, 7) : "unknown"], r);
  }
  summary.total_suppressed = summary.pairs < options.min_group_size;
  if (summary.total_suppressed) summary.total = OutcomeCounts{};
  summary.by_score_band = Rows(by_band, options.min_group_size);
  for (size_t i = 0; i < 4; ++i) summary.by_part_band[i] = Rows(by_part[i], options.min_group_size);
  for (int k = 0; k < kNumGroupKinds; ++k) {
    summary.by_group.push_back(
        OutcomeGroupRows{static_cast<GroupKind>(k), Rows(by_group[At(k)], options.min_group_size)});
  }
  summary.by_month = Rows(by_month, options.min_group_size);
  return summary;
}

}  // namespace jobmatch

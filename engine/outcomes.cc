#include "engine/outcomes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace jobmatch {
namespace {

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

struct PairRecord {
  ParticipantIndex participant;  // invalid: no longer in the data
  VacancyIndex vacancy;          // invalid: no longer in the data
  std::string coordinator_id;    // from the store; empty: the dataset's
  bool accepted = false;
  bool hired = false;
  bool rejected = false;
  bool dropped_out = false;
  bool decided = false;
  std::optional<Date> first_date;
  // The score and parts (skill, german, commute, micro); nullopt: not scored.
  std::optional<double> score;
  std::array<double, 4> parts{};
  // The stored line the score came from: proposals before alternatives, then
  // the earliest run.
  bool score_from_proposal = false;
  std::optional<Date> score_date;
};

void Decide(PairRecord* r, OutcomeKind kind) {
  if (kind == OutcomeKind::kProposed) return;
  r->decided = true;
  r->hired |= kind == OutcomeKind::kHired;
  r->dropped_out |= kind == OutcomeKind::kDroppedOut;
  r->accepted |= kind == OutcomeKind::kAccepted || kind == OutcomeKind::kHired ||
                 kind == OutcomeKind::kDroppedOut;
  r->rejected |= kind == OutcomeKind::kRejected;
}

void EarliestDate(PairRecord* r, std::optional<Date> date) {
  if (date && (!r->first_date || *date < *r->first_date)) r->first_date = date;
}

void Add(OutcomeCounts* counts, const PairRecord& r) {
  ++counts->pairs;
  if (r.hired) ++counts->hired;
  if (r.dropped_out) ++counts->dropped_out;
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

// The rows of one table (a partition of all pairs), with primary and
// secondary suppression as the header describes.
std::vector<OutcomeRow> Rows(const std::map<std::string, OutcomeCounts>& by_key, int32_t min_size) {
  std::vector<OutcomeRow> rows;
  int32_t withheld_rows = 0;
  int32_t withheld_pairs = 0;
  for (const auto& [key, counts] : by_key) {
    OutcomeRow row;
    row.key = key;
    row.counts = counts;
    row.suppressed = counts.pairs < min_size;
    if (row.suppressed) {
      ++withheld_rows;
      withheld_pairs += counts.pairs;
    }
    rows.push_back(std::move(row));
  }
  while (withheld_rows > 0 && (withheld_rows == 1 || withheld_pairs < min_size)) {
    OutcomeRow* smallest = nullptr;
    for (OutcomeRow& row : rows) {
      if (!row.suppressed && (smallest == nullptr || row.counts.pairs < smallest->counts.pairs)) {
        smallest = &row;
      }
    }
    if (smallest == nullptr) break;  // every row withheld
    smallest->suppressed = true;
    smallest->secondary = true;
    ++withheld_rows;
    withheld_pairs += smallest->counts.pairs;
  }
  for (OutcomeRow& row : rows) {
    if (row.suppressed) row.counts = OutcomeCounts{};
  }
  return rows;
}

// Re-scores the pairs without a stored score on a dataset cut down to the
// participants and vacancies they name (history rule, expiry and top-K off).
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
  bool any = false;
  for (const PairRecord& r : *records) {
    if (r.score || !r.participant.valid() || !r.vacancy.valid()) continue;
    any = true;
    const int32_t p = r.participant.value;
    const int32_t v = r.vacancy.value;
    if (participant_to_cut.emplace(p, static_cast<int32_t>(cut.participants.size())).second) {
      cut.participants.push_back(dataset.participants[At(p)]);
    }
    if (vacancy_to_cut.emplace(v, static_cast<int32_t>(cut.vacancies.size())).second) {
      cut.vacancies.push_back(dataset.vacancies[At(v)]);
    }
  }
  if (!any) return;
  ScoringOptions options = scoring;
  options.top_k = 0;
  options.min_score = 0.0;
  options.run_date.reset();
  const ScoredPairs scored = ScoreTopK(cut, reference, options);
  for (PairRecord& r : *records) {
    if (r.score || !r.participant.valid() || !r.vacancy.valid()) continue;
    const ParticipantIndex p(participant_to_cut.at(r.participant.value));
    const VacancyIndex v(vacancy_to_cut.at(r.vacancy.value));
    for (const ScoredPair& pair : scored.For(p)) {
      if (pair.vacancy != v) continue;
      r.score = pair.score;
      r.parts = {pair.parts.skill, pair.parts.german, pair.parts.commute, pair.parts.micro};
    }
  }
}

// The upper median of a part over the scored pairs (0 when none is scored),
// so that two equal halves of tied values split into "low" and "high".
double Median(const std::vector<PairRecord>& records, size_t part) {
  std::vector<double> values;
  for (const PairRecord& r : records) {
    if (r.score) values.push_back(r.parts[part]);
  }
  if (values.empty()) return 0.0;
  const size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  return values[mid];
}

}  // namespace

std::string_view OutcomeStatusName(OutcomeStatus status) {
  switch (status) {
    case OutcomeStatus::kNone:
      return "none";
    case OutcomeStatus::kNoDecisions:
      return "no_decisions";
    case OutcomeStatus::kTooFew:
      return "too_few";
    case OutcomeStatus::kShown:
      return "shown";
  }
  return "none";
}

OutcomeSummary SummariseOutcomes(const Dataset& dataset,
                                 const ReferenceData& reference,
                                 const ScoringOptions& scoring,
                                 const EvaluationOptions& options,
                                 const StoreOutcomeInput* store) {
  OutcomeSummary summary;
  summary.records = static_cast<int32_t>(dataset.history.size());
  summary.from_history_file = !dataset.history.empty();
  summary.from_store = store != nullptr;
  std::map<std::pair<std::string, std::string>, PairRecord> pairs;
  for (const Outcome& o : dataset.history) {
    PairRecord& r = pairs[{dataset.participants[At(o.participant.value)].id,
                           dataset.vacancies[At(o.vacancy.value)].id}];
    r.participant = o.participant;
    r.vacancy = o.vacancy;
    Decide(&r, o.kind);
    EarliestDate(&r, o.date);
  }
  if (store != nullptr) {
    const auto participant = IndexById(dataset.participants);
    const auto vacancy = IndexById(dataset.vacancies);
    auto record = [&](const std::string& p, const std::string& v) -> PairRecord& {
      PairRecord& r = pairs[{p, v}];
      if (const auto it = participant.find(p); it != participant.end()) {
        r.participant = ParticipantIndex(it->second);
      }
      if (const auto it = vacancy.find(v); it != vacancy.end())
        r.vacancy = VacancyIndex(it->second);
      return r;
    };
    // Alternatives count only when decided on: first the pairs a decision names.
    std::map<std::pair<std::string, std::string>, bool> decided_on;
    for (const PairDecision& d : store->decisions) decided_on[{d.participant_id, d.vacancy_id}];
    for (const StoredLine& line : store->lines) {
      if (!line.proposal && !decided_on.contains({line.participant_id, line.vacancy_id})) continue;
      PairRecord& r = record(line.participant_id, line.vacancy_id);
      const bool better = !r.score_date || (line.proposal && !r.score_from_proposal) ||
                          (line.proposal == r.score_from_proposal && line.run_date < *r.score_date);
      if (better) {
        r.score = line.score;
        r.parts = line.parts;
        r.score_from_proposal = line.proposal;
        r.score_date = line.run_date;
        r.coordinator_id = line.coordinator_id;
      }
    }
    for (auto& [key, r] : pairs) {
      if (r.score_date) r.first_date = r.score_date;
    }
    for (const PairDecision& d : store->decisions) {
      PairRecord& r = record(d.participant_id, d.vacancy_id);
      Decide(&r, d.kind);
      if (!r.score_date) EarliestDate(&r, d.date);
    }
    summary.records += static_cast<int32_t>(store->decisions.size());
  }
  std::vector<PairRecord> records;
  records.reserve(pairs.size());
  for (auto& [key, r] : pairs) records.push_back(std::move(r));
  summary.pairs = static_cast<int32_t>(records.size());
  for (const PairRecord& r : records) summary.decided += r.decided ? 1 : 0;
  if (records.empty()) {
    summary.status = OutcomeStatus::kNone;
    return summary;
  }
  if (summary.decided == 0) {
    summary.status = OutcomeStatus::kNoDecisions;
    return summary;
  }
  if (summary.pairs < options.min_group_size) {
    summary.status = OutcomeStatus::kTooFew;
    return summary;
  }
  summary.status = OutcomeStatus::kShown;
  ScorePairs(dataset, reference, scoring, &records);
  for (size_t i = 0; i < 4; ++i) summary.part_median[i] = Median(records, i);

  std::map<std::string, OutcomeCounts> by_band;
  std::array<std::map<std::string, OutcomeCounts>, 4> by_part;
  std::array<std::map<std::string, OutcomeCounts>, kNumGroupKinds> by_group;
  std::map<std::string, OutcomeCounts> by_month;
  std::map<std::string, OutcomeCounts> by_date;
  for (const PairRecord& r : records) {
    Add(&summary.total, r);
    if (r.score) {
      Add(&by_band[Band(*r.score)], r);
      for (size_t i = 0; i < 4; ++i) {
        Add(&by_part[i][r.parts[i] < summary.part_median[i] ? "low" : "high"], r);
      }
    } else {
      Add(&by_band["not_scored"], r);
      for (size_t i = 0; i < 4; ++i) Add(&by_part[i]["not_scored"], r);
    }
    for (int k = 0; k < kNumGroupKinds; ++k) {
      const auto kind = static_cast<GroupKind>(k);
      std::string key;
      if (kind == GroupKind::kCoordinator && !r.coordinator_id.empty()) {
        key = r.coordinator_id;
      } else if (r.participant.valid()) {
        key = GroupKey(dataset, r.participant, kind, options.run_date);
      } else {
        key = "not_in_data";
      }
      Add(&by_group[At(k)][key], r);
    }
    const std::string date = r.first_date ? FormatDate(*r.first_date) : "unknown";
    Add(&by_month[r.first_date ? date.substr(0, 7) : date], r);
    Add(&by_date[date], r);
  }
  summary.by_score_band = Rows(by_band, options.min_group_size);
  for (size_t i = 0; i < 4; ++i) {
    std::vector<OutcomeRow>& rows = summary.by_part_half[i];
    rows = Rows(by_part[i], options.min_group_size);
    const auto rank = [](const OutcomeRow& row) {
      return row.key == "low" ? 0 : row.key == "high" ? 1 : 2;
    };
    std::stable_sort(rows.begin(), rows.end(), [&rank](const OutcomeRow& a, const OutcomeRow& b) {
      return rank(a) < rank(b);
    });
  }
  for (int k = 0; k < kNumGroupKinds; ++k) {
    summary.by_group.push_back(
        OutcomeGroupRows{static_cast<GroupKind>(k), Rows(by_group[At(k)], options.min_group_size)});
  }
  summary.by_month = Rows(by_month, options.min_group_size);
  summary.by_date = Rows(by_date, options.min_group_size);
  return summary;
}

}  // namespace jobmatch

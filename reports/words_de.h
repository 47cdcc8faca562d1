// reports/words_de.h
//
// The German words of the evaluation and the regional report, one table per
// vocabulary: the engine's keys (method names, group kinds, CEFR levels,
// qualifications, goals, vacancy kinds, size classes, time-in-Germany bands,
// exclusion rules, score parts) in, readable German out. Names from
// reference data (KldB areas, districts) come with the data, not from here. A key without an entry
// is returned as it is, so a new key shows up rather than vanishing.
//
// Example:
//   LabelDe(Vocabulary::kMethod, "greedy")   // "Nach Punktzahl (Greedy)"

#ifndef JOBMATCH_REPORTS_WORDS_DE_H_
#define JOBMATCH_REPORTS_WORDS_DE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace jobmatch::reports {

enum class Vocabulary : int8_t {
  kMethod = 0,     // optimal, greedy, natural_order, nearest, random, previous
  kMethodShort,    // the same, a word or two for tables and charts
  kGroupKind,      // gender, german_level, ...
  kGender,         // female, male, diverse, unknown, other
  kQualification,  // none, vocational, academic
  kGoal,           // job, training, internship
  kVacancyKind,    // job, training, internship
  kSizeClass,      // micro, small, medium, large
  kTimeInGermany,  // under_1_year, ...
  kRule,           // exclusion rules plus no_vacancy_in_reach, below_min_score
  kScorePart,      // skill, german, commute, micro
};

std::string LabelDe(Vocabulary vocabulary, std::string_view key);

// The group key in words for its kind (gender, qualification and band keys
// translated; CEFR levels, district keys and coordinator ids as they are).
// `kind` is GroupKindName().
std::string GroupKeyDe(std::string_view kind, std::string_view key);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_WORDS_DE_H_

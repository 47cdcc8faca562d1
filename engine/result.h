// engine/result.h
//
// Expected failures are values. A Result<T> holds either a T or an Error; an
// Error carries its kind (what went wrong, for the caller to act on) and every
// Diagnostic found, each naming file, line, field, the value seen and what was
// expected, so a coordinator can fix the spreadsheet in one pass.
//
// Example:
//   Result<Dataset> loaded = LoadDataset(dir, reference);
//   if (!loaded.ok()) { std::cerr << loaded.error().ToString(); return loaded.error(); }
//   const Dataset& dataset = loaded.value();

#ifndef JOBMATCH_ENGINE_RESULT_H_
#define JOBMATCH_ENGINE_RESULT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "engine/check.h"

namespace jobmatch {

enum class ErrorKind {
  kUsage,         // wrong flags, arguments or options
  kBadData,       // input exists but is malformed or inconsistent
  kMissingInput,  // an input file or folder does not exist
  kInternal,      // a bug or an impossible state reached as a value
  kCannotWrite,   // output cannot be created or replaced
};

// One problem found in one place. Empty fields are left out when printed.
struct Diagnostic {
  std::string file;     // as given by the user, e.g. "data/vacancies.csv"
  int64_t line = 0;     // 1-based physical line where the record starts; 0: none
  std::string field;    // column or config field, e.g. "min_german_level"
  std::string value;    // the offending value as read (printed only if IsQuotableValue)
  std::string message;  // what was expected, e.g. "a CEFR level A0..C2"
  // The value is a column header, part of the file's layout rather than a
  // cell's content: always repeated ("unknown column 'Telefon'").
  bool value_is_header = false;

  // "data/vacancies.csv:12: field 'min_german_level' = 'B3': expected a CEFR level A0..C2";
  // a value that may be free text is described, not repeated:
  // "data/participants.csv:4: field 'place' = (a text of 57 characters): expected ..."
  std::string ToString() const;
};

// Whether a value is short and code-like enough to be repeated in messages
// that end up in logs: at most 24 bytes of letters, digits and . , - _ / : ; +
// ( ) #, with at least one digit ("B7", "P-001", "2025-13-01") unless it is
// at most two characters long ("x", "ja"), with at most one blank, and then
// only as "06406 Bernburg" or "51.79 11.74". Free text (a name and address
// typed into a cell) is not, and neither is a single word without a digit,
// which may be a name ("Zoë", "Freitext-Notiz-Schmidt").
bool IsQuotableValue(std::string_view value);
// The value as printed in a diagnostic: 'B7', '' (empty), or "(a text of 57
// characters)".
std::string ShownValue(std::string_view value);

struct Error {
  ErrorKind kind = ErrorKind::kBadData;
  std::vector<Diagnostic> diagnostics;  // at least one
  int64_t suppressed = 0;               // problems found beyond the reporting limit

  // One line per diagnostic, then "... and N more problems" if suppressed.
  std::string ToString() const;
};

// Convenience: an Error with a single diagnostic.
Error MakeError(ErrorKind kind,
                std::string file,
                int64_t line,
                std::string field,
                std::string value,
                std::string message);

template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  const T& value() const& {
    JOBMATCH_CHECK(ok()) << "value() on an error result";
    return std::get<0>(state_);
  }
  T& value() & {
    JOBMATCH_CHECK(ok()) << "value() on an error result";
    return std::get<0>(state_);
  }
  T&& value() && {
    JOBMATCH_CHECK(ok()) << "value() on an error result";
    return std::get<0>(std::move(state_));
  }
  const Error& error() const {
    JOBMATCH_CHECK(!ok()) << "error() on a value result";
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_RESULT_H_

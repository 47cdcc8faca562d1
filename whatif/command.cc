#include "whatif/command.h"

#include <charconv>
#include <cmath>
#include <utility>

namespace jobmatch::whatif {
namespace {

struct Shape {
  std::string_view name;
  int32_t min_args = 0;
  int32_t max_args = 0;  // -1: any
};

constexpr Shape kShapes[] = {
    {"capacity", 2, 2},
    {"add-coordinator", 3, 4},
    {"german", 2, -1},
    {"course", 1, 1},
    {"commute-limit", 1, 1},
    {"weight", 2, 2},
    {"withdraw-employer", 1, 1},
    {"withdraw-vacancy", 1, 1},
    {"openings", 2, 2},
    {"add-vacancy", 1, -1},
    {"value", 0, 0},
    {"show", 0, 1},
    {"undo", 0, 0},
    {"reset", 0, 0},
    {"save", 1, 1},
    {"compare", 2, 2},
    {"export", 1, 1},
    {"help", 0, 1},
};

Error Bad(const std::string& source,
          int64_t line,
          std::string field,
          std::string value,
          const std::string& expected) {
  return MakeError(ErrorKind::kBadData,
                   source,
                   line,
                   std::move(field),
                   std::move(value),
                   "expected " + expected);
}

}  // namespace

const std::vector<std::string_view>& CommandNames() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const Shape& s : kShapes) out.push_back(s.name);
    return out;
  }();
  return names;
}

std::optional<int32_t> ParseInt(std::string_view text) {
  int32_t value = 0;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> ParseNumber(std::string_view text) {
  std::string copy(text);
  for (char& c : copy) {
    if (c == ',') c = '.';
  }
  double value = 0.0;
  const auto [end, ec] = std::from_chars(copy.data(), copy.data() + copy.size(), value);
  if (ec != std::errc() || end != copy.data() + copy.size() || copy.empty() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<CapacityChange> ParseCapacityChange(std::string_view text) {
  CapacityChange change;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) change.relative = true;
  const std::optional<int32_t> amount = ParseInt(text);
  if (!amount) return std::nullopt;
  change.amount = *amount;
  return change;
}

Result<std::optional<Command>> ParseCommand(std::string_view line_text,
                                            int64_t line,
                                            const std::string& source) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  bool quoted = false;
  size_t end = line_text.size();
  for (size_t i = 0; i < line_text.size(); ++i) {
    const char c = line_text[i];
    if (quoted) {
      if (c == '"') {
        quoted = false;
      } else {
        word += c;
      }
      continue;
    }
    if (c == '#') {
      end = i;
      break;
    }
    if (c == '"') {
      quoted = true;
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (quoted) return Bad(source, line, "line", "", "a closing double quote");
  if (in_word) words.push_back(std::move(word));
  if (words.empty()) return std::optional<Command>();

  Command command;
  command.source = source;
  command.line = line;
  command.text = std::string(line_text.substr(0, end));
  while (!command.text.empty() && (command.text.back() == ' ' || command.text.back() == '\t' ||
                                   command.text.back() == '\r' || command.text.back() == '\n')) {
    command.text.pop_back();
  }
  command.name = words.front();
  command.args.assign(words.begin() + 1, words.end());

  const Shape* shape = nullptr;
  for (const Shape& s : kShapes) {
    if (s.name == command.name) shape = &s;
  }
  if (shape == nullptr) {
    return Bad(source, line, "command", command.name, "a command (type 'help' for the list)");
  }
  const auto n = static_cast<int32_t>(command.args.size());
  if (n < shape->min_args || (shape->max_args >= 0 && n > shape->max_args)) {
    std::string expected = shape->min_args == shape->max_args ? std::to_string(shape->min_args)
                           : shape->max_args < 0 ? "at least " + std::to_string(shape->min_args)
                                                 : std::to_string(shape->min_args) + " to " +
                                                       std::to_string(shape->max_args);
    return Bad(source,
               line,
               command.name,
               std::to_string(n) + " arguments",
               expected + " arguments (see 'help " + command.name + "')");
  }
  const std::vector<std::string>& a = command.args;
  if (command.name == "capacity" && !ParseCapacityChange(a[1])) {
    return Bad(source, line, "capacity", a[1], "a number, or +N / -N to add or remove places");
  }
  if (command.name == "add-coordinator" && !ParseInt(a[2])) {
    return Bad(source, line, "capacity", a[2], "a whole number of places");
  }
  if (command.name == "commute-limit" && !ParseInt(a[0])) {
    return Bad(source, line, "minutes", a[0], "whole minutes one way");
  }
  if (command.name == "weight") {
    if (a[0] != "skill" && a[0] != "german" && a[0] != "commute" && a[0] != "micro") {
      return Bad(source, line, "part", a[0], "one of skill, german, commute, micro");
    }
    if (!ParseNumber(a[1])) return Bad(source, line, "value", a[1], "a number");
  }
  if (command.name == "openings" && !ParseInt(a[1])) {
    return Bad(source, line, "openings", a[1], "a whole number of openings");
  }
  if (command.name == "add-vacancy") {
    for (const std::string& arg : a) {
      if (arg.find('=') == std::string::npos) {
        return Bad(source,
                   line,
                   "add-vacancy",
                   arg,
                   "COLUMN=VALUE with a column of vacancies.csv, e.g. openings=2");
      }
    }
  }
  return std::optional<Command>(std::move(command));
}

}  // namespace jobmatch::whatif

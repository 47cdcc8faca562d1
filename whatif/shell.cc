#include "whatif/shell.h"

#include <algorithm>
#include <chrono>
#include <istream>
#include <ostream>
#include <sstream>
#include <utility>

#include "whatif/diff.h"
#include "whatif/text.h"
#include "whatif/vacancy_row.h"
#include "whatif/value.h"

namespace jobmatch::whatif {
namespace {

Error Bad(const Command& c, std::string field, std::string value, const std::string& expected) {
  return MakeError(ErrorKind::kBadData,
                   c.source,
                   c.line,
                   std::move(field),
                   std::move(value),
                   "expected " + expected);
}

// An edit's own error, placed at the command's line.
Error AtLine(const Command& c, Error error) {
  for (Diagnostic& d : error.diagnostics) {
    if (d.file.empty()) d.file = c.source;
    if (d.line == 0) d.line = c.line;
  }
  if (error.kind == ErrorKind::kUsage) error.kind = ErrorKind::kBadData;
  return error;
}

std::optional<CoordinatorIndex> CoordinatorArg(const Scenario& s,
                                               const Command& c,
                                               const std::string& id,
                                               Error* error) {
  const std::optional<CoordinatorIndex> found = FindCoordinator(s, id);
  if (!found) *error = Bad(c, "coordinator", id, "the id of a coordinator");
  return found;
}

// The coordinator of `district` with the most participants per place of
// capacity (ties: the first in file order).
std::optional<CoordinatorIndex> BusiestInDistrict(const Scenario& s, const std::string& district) {
  std::vector<int64_t> caseload(s.dataset.coordinators.size(), 0);
  for (const Participant& p : s.dataset.participants)
    ++caseload[static_cast<size_t>(p.coordinator.value)];
  std::optional<CoordinatorIndex> best;
  double best_load = -1.0;
  for (size_t c = 0; c < s.dataset.coordinators.size(); ++c) {
    if (s.dataset.coordinators[c].district != district) continue;
    const double load = static_cast<double>(caseload[c]) /
                        std::max<double>(1.0, s.dataset.coordinators[c].capacity);
    if (load > best_load) {
      best_load = load;
      best = CoordinatorIndex(static_cast<int32_t>(c));
    }
  }
  return best;
}

// Runs an edit on a copy; on success the copy becomes current and the answer
// is printed.
template <typename Edit>
std::optional<Error> RunEdit(ShellState* state,
                             const Command& command,
                             const ShellOptions& options,
                             std::ostream& out,
                             Edit edit) {
  Scenario next = state->current;
  EditFacts facts;
  if (std::optional<Error> error = edit(&next, &facts)) return AtLine(command, std::move(*error));
  const ScenarioDiff diff = Compare(state->current, next);
  out << DiffText(command, state->current, next, diff, facts, options.json);
  state->earlier.push_back(std::move(state->current));
  if (static_cast<int32_t>(state->earlier.size()) > options.undo_depth) {
    state->earlier.erase(state->earlier.begin());
  }
  state->current = std::move(next);
  return std::nullopt;
}

}  // namespace

ShellState StartSession(Scenario scenario) {
  ShellState state;
  for (size_t p = 0; p < scenario.dataset.participants.size(); ++p) {
    state.participant_ids.emplace(scenario.dataset.participants[p].id, static_cast<int32_t>(p));
  }
  state.start = scenario;
  state.current = std::move(scenario);
  return state;
}

namespace {

std::optional<Error> RunOne(ShellState* state,
                            const Command& command,
                            const ShellOptions& options,
                            std::ostream& out) {
  const std::vector<std::string>& a = command.args;
  const std::string& name = command.name;
  const Scenario& s = state->current;
  Error error;

  if (name == "help") {
    out << HelpText(command, options.json);
    return std::nullopt;
  }
  if (name == "capacity") {
    const std::optional<CoordinatorIndex> c = CoordinatorArg(s, command, a[0], &error);
    if (!c) return error;
    const CapacityChange change = *ParseCapacityChange(a[1]);
    const int32_t now = s.dataset.coordinators[static_cast<size_t>(c->value)].capacity;
    const int64_t target =
        change.relative ? static_cast<int64_t>(now) + change.amount : change.amount;
    if (target < 0 || target > INT32_MAX) {
      return Bad(command,
                 "capacity",
                 a[1],
                 "a resulting capacity of 0 or more (now " + std::to_string(now) + ")");
    }
    return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts*) {
      return SetCapacity(next, *c, static_cast<int32_t>(target));
    });
  }
  if (name == "add-coordinator") {
    const int32_t capacity = *ParseInt(a[2]);
    std::optional<CoordinatorIndex> from;
    if (a.size() > 3) {
      from = CoordinatorArg(s, command, a[3], &error);
      if (!from) return error;
    } else {
      from = BusiestInDistrict(s, a[1]);
      if (!from) {
        return Bad(command,
                   "district",
                   a[1],
                   "a district key with a coordinator to take participants from, or name one as "
                   "the fourth argument");
      }
    }
    Coordinator coordinator;
    coordinator.id = a[0];
    coordinator.name = a[0];
    coordinator.district = a[1];
    coordinator.capacity = capacity;
    return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts* facts) {
      return AddCoordinator(next, coordinator, *from, &facts->participants);
    });
  }
  if (name == "german") {
    const std::optional<CefrLevel> level = ParseCefr(a[0]);
    if (!level) return Bad(command, "level", a[0], "a CEFR level A0, A1, A2, B1, B2, C1 or C2");
    std::vector<ParticipantIndex> who;
    for (size_t i = 1; i < a.size(); ++i) {
      const auto it = state->participant_ids.find(a[i]);
      if (it == state->participant_ids.end()) {
        return Bad(command, "participant", a[i], "the id of a participant");
      }
      who.emplace_back(it->second);
    }
    return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts* facts) {
      facts->participants = who;
      return SetGermanLevel(next, *level, who);
    });
  }
  if (name == "course") {
    const std::optional<CourseIndex> course = FindCourse(s, a[0]);
    if (!course) return Bad(command, "course", a[0], "the id of a course");
    if (!IsGermanCourse(s.dataset.courses[static_cast<size_t>(course->value)].kind)) {
      return Bad(command, "course", a[0], "a language course");
    }
    return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts* facts) {
      return FinishCourse(next, *course, &facts->participants);
    });
  }
  if (name == "commute-limit") {
    const int32_t minutes = *ParseInt(a[0]);
    return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts*) {
      return SetCommuteLimit(next, minutes);
    });
  }
  if (name == "weight") {
    const WeightPart part = a[0] == "skill"     ? WeightPart::kSkill
                            : a[0] == "german"  ? WeightPart::kGerman
                            : a[0] == "commute" ? WeightPart::kCommute
                                                : WeightPart::kMicro;
    const double value = *ParseNumber(a[1]);
    return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts*) {
      return SetWeight(next, part, value);
    });
  }
  if (name == "withdraw-employer") {
    const std::optional<EmployerIndex> e = FindEmployer(s, a[0]);
    if (!e) return Bad(command, "employer", a[0], "the id of an employer");
    const std::vector<VacancyIndex> vacancies = EmployerVacancies(s, *e);
    if (vacancies.empty()) {
      return Bad(command, "employer", a[0], "an employer with a vacancy not withdrawn yet");
    }
    return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts* facts) {
      facts->vacancies = vacancies;
      return WithdrawVacancies(next, vacancies);
    });
  }
  if (name == "withdraw-vacancy" || name == "openings") {
    const std::optional<VacancyIndex> v = FindVacancy(s, a[0]);
    if (!v || s.withdrawn[static_cast<size_t>(v->value)] != 0) {
      return Bad(command, "vacancy", a[0], "the id of a vacancy not withdrawn");
    }
    if (name == "openings") {
      const int32_t openings = *ParseInt(a[1]);
      return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts*) {
        return SetOpenings(next, *v, openings);
      });
    }
    return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts* facts) {
      facts->vacancies = {*v};
      return WithdrawVacancies(next, facts->vacancies);
    });
  }
  if (name == "add-vacancy") {
    Result<Vacancy> vacancy =
        ParseVacancyCells(a, s.dataset, *s.reference, command.source, command.line);
    if (!vacancy.ok()) return vacancy.error();
    return RunEdit(state, command, options, out, [&](Scenario* next, EditFacts* facts) {
      facts->vacancies = {VacancyIndex(static_cast<int32_t>(next->dataset.vacancies.size()))};
      return AddVacancy(next, vacancy.value());
    });
  }
  if (name == "value") {
    out << ValueText(command, s, ValueOfCapacity(s), options.json);
    return std::nullopt;
  }
  if (name == "show") {
    std::vector<CoordinatorIndex> group;
    bool list = false;
    if (a.empty()) {
      for (size_t c = 0; c < s.dataset.coordinators.size(); ++c)
        group.emplace_back(static_cast<int32_t>(c));
    } else if (const std::optional<CoordinatorIndex> one = FindCoordinator(s, a[0])) {
      group.push_back(*one);
      list = true;
    } else {
      for (size_t c = 0; c < s.dataset.coordinators.size(); ++c) {
        if (s.dataset.coordinators[c].district == a[0]) group.emplace_back(static_cast<int32_t>(c));
      }
      if (group.empty()) return Bad(command, "show", a[0], "a coordinator id or a district key");
      list = true;
    }
    out << ShowText(command, s, group, list, options.json);
    return std::nullopt;
  }
  if (name == "undo") {
    if (state->earlier.empty()) return Bad(command, "undo", "", "an earlier command to undo");
    state->current = std::move(state->earlier.back());
    state->earlier.pop_back();
    out << NoteText(command, "undo", options.json);
    return std::nullopt;
  }
  if (name == "reset") {
    Scenario next = state->start;
    const ScenarioDiff diff = Compare(state->current, next);
    out << DiffText(command, state->current, next, diff, {}, options.json);
    state->earlier.push_back(std::move(state->current));
    state->current = std::move(next);
    return std::nullopt;
  }
  if (name == "save") {
    if (a[0] == "start" || a[0] == "current") {
      return Bad(command, "name", a[0], "a name other than 'start' and 'current'");
    }
    state->saved.insert_or_assign(a[0], s);
    out << NoteText(command, "save", options.json);
    return std::nullopt;
  }
  if (name == "compare") {
    auto lookup = [&](const std::string& key) -> const Scenario* {
      if (key == "start") return &state->start;
      if (key == "current") return &state->current;
      const auto it = state->saved.find(key);
      return it == state->saved.end() ? nullptr : &it->second;
    };
    const Scenario* first = lookup(a[0]);
    const Scenario* second = lookup(a[1]);
    if (first == nullptr)
      return Bad(command, "name", a[0], "a saved scenario, 'start' or 'current'");
    if (second == nullptr)
      return Bad(command, "name", a[1], "a saved scenario, 'start' or 'current'");
    out << CompareText(
        command, a[0], a[1], *first, *second, Compare(*first, *second), options.json);
    return std::nullopt;
  }
  if (name == "export") {
    if (!options.export_to) return Bad(command, "export", a[0], "a session that can write files");
    if (std::optional<Error> failed = options.export_to(s, a[0])) return failed;
    out << NoteText(command, "export", options.json);
    return std::nullopt;
  }
  return Bad(command, "command", name, "a command (type 'help' for the list)");
}

}  // namespace

std::optional<Error> RunCommand(ShellState* state,
                                const Command& command,
                                const ShellOptions& options,
                                std::ostream& out) {
  if (!options.timing) return RunOne(state, command, options, out);
  const auto start = std::chrono::steady_clock::now();
  std::ostringstream answer;
  std::optional<Error> error = RunOne(state, command, options, answer);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  out << TimedText(answer.str(), ms, options.json);
  return error;
}

bool RunCommandLine(ShellState* state,
                    const std::string& line_text,
                    int64_t line,
                    const std::string& source,
                    const ShellOptions& options,
                    std::ostream& out) {
  Result<std::optional<Command>> parsed = ParseCommand(line_text, line, source);
  Command shown;
  shown.source = source;
  shown.line = line;
  shown.text = line_text;
  if (!parsed.ok()) {
    out << ErrorText(shown, parsed.error(), options.json);
    return false;
  }
  if (!parsed.value()) return true;
  const Command& command = *parsed.value();
  if (std::optional<Error> error = RunCommand(state, command, options, out)) {
    out << ErrorText(command, *error, options.json);
    return false;
  }
  return true;
}

std::optional<Error> RunScript(ShellState* state,
                               std::istream& in,
                               const std::string& source,
                               const ShellOptions& options,
                               std::ostream& out) {
  std::vector<Command> commands;
  std::string text;
  int64_t line = 0;
  while (std::getline(in, text)) {
    ++line;
    Result<std::optional<Command>> parsed = ParseCommand(text, line, source);
    if (!parsed.ok()) return parsed.error();
    if (parsed.value()) commands.push_back(std::move(*parsed.value()));
  }
  for (const Command& command : commands) {
    if (std::optional<Error> error = RunCommand(state, command, options, out)) {
      if (error->kind != ErrorKind::kCannotWrite) error->kind = ErrorKind::kBadData;
      return error;
    }
  }
  return std::nullopt;
}

}  // namespace jobmatch::whatif

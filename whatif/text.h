// whatif/text.h
//
// The words of a what-if session: every German sentence, number format and
// JSON key the shell prints lives here, one function per kind of answer.
// German text for people by default; with json, one JSON object on one line
// per answer, with "proposals", "unplaced", "total_score" and "mean_score"
// meaning exactly what they mean in jobmatch.json's "run" (for the scenario
// after the command), the figures before under "before", and the changes.
// Participant ids appear (it is the coordinator's own session); names and the
// free-text columns of a sheet never do.
//
// Example:
//   std::cout << DiffText(command, before, after, Compare(before, after), {}, false);

#ifndef JOBMATCH_WHATIF_TEXT_H_
#define JOBMATCH_WHATIF_TEXT_H_

#include <string>
#include <vector>

#include "engine/ids.h"
#include "whatif/command.h"
#include "whatif/diff.h"
#include "whatif/scenario.h"
#include "whatif/value.h"

namespace jobmatch::whatif {

// Facts an edit reports beyond the diff: whom it moved or changed (a new
// coordinator's caseload, a course's graduates), which vacancies it withdrew.
struct EditFacts {
  std::vector<ParticipantIndex> participants;
  std::vector<VacancyIndex> vacancies;
};

// The answer to an edit: its effect on the figures, every change, and the
// coordinators and districts whose figures moved.
std::string DiffText(const Command& command,
                     const Scenario& before,
                     const Scenario& after,
                     const ScenarioDiff& diff,
                     const EditFacts& facts,
                     bool json);

// `compare A B`: the diff from saved scenario A to B.
std::string CompareText(const Command& command,
                        const std::string& name_a,
                        const std::string& name_b,
                        const Scenario& a,
                        const Scenario& b,
                        const ScenarioDiff& diff,
                        bool json);

// `show`: the current figures per coordinator; with a coordinator or a
// district, that group's participants and their proposals.
std::string ShowText(const Command& command,
                     const Scenario& scenario,
                     const std::vector<CoordinatorIndex>& coordinators,
                     bool list_participants,
                     bool json);

// `value`: what one more place per coordinator and one more opening per
// vacancy would add.
std::string ValueText(const Command& command,
                      const Scenario& scenario,
                      const CapacityValues& values,
                      bool json);

// The start of a session: the figures of the loaded data.
std::string StartText(const Scenario& scenario, const std::string& data, bool json);

// Short confirmations: save, undo, reset, export.
std::string NoteText(const Command& command, const std::string& what, bool json);

// `help` and `help COMMAND`.
std::string HelpText(const Command& command, bool json);

// An answer with the time it took appended ("  (12,3 ms)"; JSON: "ms").
std::string TimedText(const std::string& answer, double ms, bool json);

// An error answer (interactive sessions continue after it).
std::string ErrorText(const Command& command, const Error& error, bool json);

}  // namespace jobmatch::whatif

#endif  // JOBMATCH_WHATIF_TEXT_H_

// jobmatch validate: checks dataset and config files only; writes nothing.

#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline.h"

namespace jobmatch::cli {

int RunValidate(const ValidateArgs& args) {
  int exit_code = 0;
  const std::optional<LoadedInputs> inputs =
      LoadInputs(args.common, args.config, args.data, &exit_code);
  if (!inputs) return exit_code;
  const Dataset& d = inputs->dataset;
  int64_t openings = 0;
  for (const Vacancy& v : d.vacancies) openings += v.openings;
  std::cout << "valid: " << d.participants.size() << " participants, " << d.vacancies.size()
            << " vacancies (" << openings << " openings), " << d.employers.size() << " employers, "
            << d.coordinators.size() << " coordinators, " << d.courses.size() << " courses, "
            << d.history.size() << " history rows"
            << (args.config ? ", config ok" : ", default config") << "\n";
  return 0;
}

}  // namespace jobmatch::cli

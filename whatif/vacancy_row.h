// whatif/vacancy_row.h
//
// Reads the vacancy of an `add-vacancy` command: COLUMN=VALUE cells with the
// columns of vacancies.csv (English or German names, as the loaders read
// them), checked and resolved by the same rules as a loaded file, against
// the employers of the scenario's dataset.
//
// Example:
//   Result<Vacancy> v = ParseVacancyCells({"id=V-NEU", "employer_id=E-000001",
//                                          "occupation=52122", "openings=2"},
//                                         dataset, reference, "reko.jmw", 12);

#ifndef JOBMATCH_WHATIF_VACANCY_ROW_H_
#define JOBMATCH_WHATIF_VACANCY_ROW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"

namespace jobmatch::whatif {

// kBadData naming `source`, `line` and the column for every problem.
[[nodiscard]] Result<Vacancy> ParseVacancyCells(const std::vector<std::string>& cells,
                                                const Dataset& dataset,
                                                const ReferenceData& reference,
                                                const std::string& source,
                                                int64_t line);

}  // namespace jobmatch::whatif

#endif  // JOBMATCH_WHATIF_VACANCY_ROW_H_

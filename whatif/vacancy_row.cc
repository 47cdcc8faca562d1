#include "whatif/vacancy_row.h"

#include <map>
#include <utility>

#include "loaders/column_map.h"
#include "loaders/dataset_builder.h"
#include "loaders/problem_list.h"

namespace jobmatch::whatif {

Result<Vacancy> ParseVacancyCells(const std::vector<std::string>& cells,
                                  const Dataset& dataset,
                                  const ReferenceData& reference,
                                  const std::string& source,
                                  int64_t line) {
  std::vector<std::string> header;
  std::vector<std::string> values;
  for (const std::string& cell : cells) {
    const size_t eq = cell.find('=');
    header.push_back(cell.substr(0, eq));
    values.push_back(eq == std::string::npos ? "" : cell.substr(eq + 1));
  }
  Result<HeaderMap> map = MapHeader(Table::kVacancies, header, {}, source, line);
  if (!map.ok()) return map.error();

  RawRecord record;
  record.line = line;
  record.cells.assign(static_cast<size_t>(kNumVacancyColumns), "");
  for (size_t i = 0; i < values.size(); ++i) {
    const int column = map.value().column_of_cell[i];
    if (column >= 0) record.cells[static_cast<size_t>(column)] = values[i];
  }
  const std::string employer_id = record.cells[kVacancyEmployerId];
  EmployerIndex employer;
  for (size_t e = 0; e < dataset.employers.size(); ++e) {
    if (dataset.employers[e].id == employer_id) employer = EmployerIndex(static_cast<int32_t>(e));
  }
  if (!employer.valid()) {
    return MakeError(ErrorKind::kBadData,
                     source,
                     line,
                     "employer_id",
                     employer_id,
                     "the id of an employer in employers.csv");
  }

  // The builder checks a vacancy against its tables: give it this one
  // vacancy and its employer, then point the vacancy at the dataset's.
  RawDataset raw;
  for (const Table t : kAllTables) {
    raw[t].file = source;
    raw[t].present = TableRequired(t);
  }
  raw[Table::kVacancies].records.push_back(std::move(record));
  const Employer& known = dataset.employers[static_cast<size_t>(employer.value)];
  RawRecord employer_record;
  employer_record.line = line;
  employer_record.cells.assign(static_cast<size_t>(kNumEmployerColumns), "");
  employer_record.cells[kEmployerId] = known.id;
  employer_record.cells[kEmployerStaff] = std::to_string(known.staff);
  employer_record.cells[kEmployerPlace] = known.place.input;
  raw[Table::kEmployers].records.push_back(std::move(employer_record));

  ProblemList problems(50);
  Result<Dataset> built = BuildDataset(raw, reference, &problems);
  if (!built.ok()) return built.error();
  Vacancy vacancy = std::move(built.value().vacancies.front());
  vacancy.employer = employer;
  return vacancy;
}

}  // namespace jobmatch::whatif

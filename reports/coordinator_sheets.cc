#include "reports/coordinator_sheets.h"

#include <fstream>
#include <map>
#include <string_view>
#include <vector>

#include "reports/output_files.h"
#include "reports/reasons_de.h"

namespace jobmatch::reports {
namespace {

// What a cell may read on a proposal line.
struct ProposalLine {
  const Dataset& dataset;
  const ReferenceData& reference;
  const Participant& participant;
  const Proposal& proposal;
  const Vacancy& vacancy;
  const Employer& employer;
};

// What a cell may read on the line of a participant without a proposal.
struct UnplacedLine {
  const Dataset& dataset;
  const Participant& participant;
  const UnplacedParticipant& unplaced;
};

struct SheetColumn {
  std::string_view header;
  void (*on_proposal)(const ProposalLine& line, SpreadsheetWriter& csv);
  void (*on_unplaced)(const UnplacedLine& line, SpreadsheetWriter& csv);  // nullptr: empty
};

// The sheet, column by column.
constexpr SheetColumn kColumns[] = {
    {"Teilnehmer",
     [](const ProposalLine& l, SpreadsheetWriter& csv) { csv.Text(l.participant.id); },
     [](const UnplacedLine& l, SpreadsheetWriter& csv) { csv.Text(l.participant.id); }},
    {"Vorschlag",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Text(l.proposal.assigned ? "Vorschlag" : "Alternative");
     },
     [](const UnplacedLine&, SpreadsheetWriter& csv) { csv.Text("kein Vorschlag"); }},
    {"Rang",
     [](const ProposalLine& l, SpreadsheetWriter& csv) { csv.Integer(l.proposal.rank); },
     nullptr},
    {"Stelle",
     [](const ProposalLine& l, SpreadsheetWriter& csv) { csv.Text(l.vacancy.id); },
     nullptr},
    {"Stellentitel",
     [](const ProposalLine& l, SpreadsheetWriter& csv) { csv.Text(l.vacancy.title); },
     nullptr},
    {"Beruf",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Text(l.reference.OccupationLabel(l.vacancy.occupation));
     },
     nullptr},
    {"Arbeitgeber",
     [](const ProposalLine& l, SpreadsheetWriter& csv) { csv.Text(l.employer.name); },
     nullptr},
    {"Betriebsgröße",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Text(SizeClassTextDe(SizeClassOf(l.employer.staff)));
     },
     nullptr},
    {"Ort",
     [](const ProposalLine& l, SpreadsheetWriter& csv) { csv.Text(l.vacancy.place.name); },
     nullptr},
    {"Entfernung (km)",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Number(l.proposal.pair.distance_km, 1);
     },
     nullptr},
    {"Pendelzeit (Min.)",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Number(l.proposal.pair.commute_minutes, 0);
     },
     nullptr},
    {"Gesamtwert",
     [](const ProposalLine& l, SpreadsheetWriter& csv) { csv.Number(l.proposal.pair.score, 3); },
     nullptr},
    {"Kompetenzen",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Number(l.proposal.pair.parts.skill, 2);
     },
     nullptr},
    {"Deutsch",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Number(l.proposal.pair.parts.german, 2);
     },
     nullptr},
    {"Pendeln",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Number(l.proposal.pair.parts.commute, 2);
     },
     nullptr},
    {"Betriebsgröße (Bonus)",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Number(l.proposal.pair.parts.micro, 2);
     },
     nullptr},
    {"Sprachkurs",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       const CourseIndex course = l.proposal.pair.bridge_course;
       if (course.valid()) {
         csv.Text(l.dataset.courses[static_cast<size_t>(course.value)].id);
       } else {
         csv.Empty();
       }
     },
     nullptr},
    {"Begründung",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       csv.Text(ProposalReasonDe(l.dataset, l.proposal));
     },
     [](const UnplacedLine& l, SpreadsheetWriter& csv) {
       csv.Text(UnplacedReasonDe(l.dataset, l.unplaced));
     }},
};

void WriteHeader(SpreadsheetWriter& csv) {
  for (const SheetColumn& column : kColumns) csv.Text(column.header);
  csv.EndRow();
}

void WriteProposalRow(SpreadsheetWriter& csv,
                      const Dataset& dataset,
                      const ReferenceData& reference,
                      const Proposal& proposal) {
  const Vacancy& vacancy = dataset.vacancies[static_cast<size_t>(proposal.pair.vacancy.value)];
  const ProposalLine line{dataset,
                          reference,
                          dataset.participants[static_cast<size_t>(proposal.participant.value)],
                          proposal,
                          vacancy,
                          dataset.employers[static_cast<size_t>(vacancy.employer.value)]};
  for (const SheetColumn& column : kColumns) column.on_proposal(line, csv);
  csv.EndRow();
}

void WriteUnplacedRow(SpreadsheetWriter& csv,
                      const Dataset& dataset,
                      const UnplacedParticipant& unplaced) {
  const UnplacedLine line{
      dataset, dataset.participants[static_cast<size_t>(unplaced.participant.value)], unplaced};
  for (const SheetColumn& column : kColumns) {
    if (column.on_unplaced != nullptr) {
      column.on_unplaced(line, csv);
    } else {
      csv.Empty();
    }
  }
  csv.EndRow();
}

std::optional<Error> CannotWrite(const std::filesystem::path& path) {
  return MakeError(ErrorKind::kCannotWrite,
                   path.string(),
                   0,
                   "",
                   "",
                   "cannot write file (disk full or no permission?)");
}

}  // namespace

std::string SafeFileStem(const std::string& id) {
  std::string out = id;
  for (char& c : out) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) c = '_';
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out;
}

std::optional<Error> WriteCoordinatorSheets(const Dataset& dataset,
                                            const ReferenceData& reference,
                                            const ProposalSet& set,
                                            const std::filesystem::path& dir,
                                            int* files_written) {
  struct Block {
    const UnplacedParticipant* unplaced = nullptr;
    std::vector<const Proposal*> lines;  // assigned first, then alternatives
  };
  const size_t num_coordinators = dataset.coordinators.size();
  // Per coordinator, blocks by participant index (ordered, deterministic).
  std::vector<std::map<int32_t, Block>> blocks(num_coordinators);
  for (const Proposal& p : set.proposals) {
    blocks[static_cast<size_t>(p.coordinator.value)][p.participant.value].lines.push_back(&p);
  }
  for (const UnplacedParticipant& u : set.unplaced) {
    blocks[static_cast<size_t>(u.coordinator.value)][u.participant.value].unplaced = &u;
  }
  std::map<std::string, int> stems;
  for (size_t c = 0; c < num_coordinators; ++c) {
    SpreadsheetWriter sheet;
    WriteHeader(sheet);
    for (const auto& [participant, block] : blocks[c]) {
      if (block.unplaced != nullptr) WriteUnplacedRow(sheet, dataset, *block.unplaced);
      for (const Proposal* line : block.lines) WriteProposalRow(sheet, dataset, reference, *line);
    }
    std::string stem = SafeFileStem(dataset.coordinators[c].id);
    const int seen = stems[stem]++;
    if (seen > 0) stem += "_" + std::to_string(seen + 1);
    const std::filesystem::path path = dir / ("proposals_" + stem + ".csv");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(sheet.bytes().data(), static_cast<std::streamsize>(sheet.bytes().size()));
    if (!out.flush()) return CannotWrite(path);
    ++*files_written;
  }
  return std::nullopt;
}

}  // namespace jobmatch::reports

#include "reports/coordinator_sheets.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "engine/check.h"

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
    {"Neu",
     [](const ProposalLine& l, SpreadsheetWriter& csv) {
       if (l.proposal.is_new) {
         csv.Text("neu");
       } else {
         csv.Empty();
       }
     },
     nullptr},
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
    // Filled in by the coordinator and read back by `jobmatch record`
    // (store/decision_sheet.h): angenommen, abgelehnt, eingestellt, abgebrochen.
    {"Entscheidung", [](const ProposalLine&, SpreadsheetWriter& csv) { csv.Empty(); }, nullptr},
    {"Datum", [](const ProposalLine&, SpreadsheetWriter& csv) { csv.Empty(); }, nullptr},
    {"Notiz", [](const ProposalLine&, SpreadsheetWriter& csv) { csv.Empty(); }, nullptr},
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

bool SafeFileChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// FNV-1a over the raw id, folded to 32 bits, as 8 hex digits: stable across
// runs, machines and versions.
std::string ShortHash(std::string_view id) {
  uint64_t hash = 14695981039346656037ULL;
  for (const char c : id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  const auto folded = static_cast<uint32_t>(hash ^ (hash >> 32));
  char buffer[9];
  std::snprintf(buffer, sizeof(buffer), "%08x", folded);
  return buffer;
}

}  // namespace

std::vector<std::string> SheetFileNames(const std::vector<Coordinator>& coordinators) {
  const size_t n = coordinators.size();
  // The id with unsafe characters replaced and cut to kMaxSheetStemBytes; a
  // stem that is not the id itself gets the hash of the id.
  std::vector<std::string> stems(n);
  std::vector<bool> hashed(n, false);
  for (size_t c = 0; c < n; ++c) {
    const std::string& id = coordinators[c].id;
    std::string stem = id;
    for (char& ch : stem) {
      if (!SafeFileChar(ch)) ch = '_';
    }
    if (stem.empty() || stem[0] == '.') stem.insert(stem.begin(), '_');
    if (stem.size() > kMaxSheetStemBytes) stem.resize(kMaxSheetStemBytes);
    hashed[c] = stem != id;
    stems[c] = std::move(stem);
  }
  // Stems equal but for case would share a file on case-insensitive file
  // systems (a Windows share): those get the hash too.
  std::map<std::string, int> same_stem;
  for (size_t c = 0; c < n; ++c) {
    if (!hashed[c]) ++same_stem[Lower(stems[c])];
  }
  std::vector<std::string> names(n);
  std::set<std::string> taken;  // lower case
  for (size_t c = 0; c < n; ++c) {
    std::string stem = stems[c];
    if (hashed[c] || same_stem[Lower(stem)] > 1) stem += "-" + ShortHash(coordinators[c].id);
    // Left: a hash collision or an id crafted to look like another's hashed
    // stem. Count up, in coordinator order.
    std::string name = "proposals_" + stem + ".csv";
    for (int k = 2; taken.contains(Lower(name)); ++k) {
      name = "proposals_" + stem + "-" + std::to_string(k) + ".csv";
    }
    taken.insert(Lower(name));
    names[c] = std::move(name);
  }
  return names;
}

std::optional<Error> WriteCoordinatorSheets(const Dataset& dataset,
                                            const ReferenceData& reference,
                                            const ProposalSet& set,
                                            const std::filesystem::path& dir,
                                            int* files_written) {
  const std::vector<std::string> names = SheetFileNames(dataset.coordinators);
  // Both lists are sorted by coordinator, then participant (engine/proposals.h):
  // walk them side by side, one coordinator's sheet at a time.
  size_t next_proposal = 0;
  size_t next_unplaced = 0;
  const std::vector<Proposal>& proposals = set.proposals;
  const std::vector<UnplacedParticipant>& unplaced = set.unplaced;
  for (size_t c = 0; c < dataset.coordinators.size(); ++c) {
    const auto coordinator = CoordinatorIndex(static_cast<int32_t>(c));
    const std::filesystem::path path = dir / names[c];
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return CannotWrite(path);
    SpreadsheetWriter sheet(out);
    WriteHeader(sheet);
    auto proposal_here = [&] {
      return next_proposal < proposals.size() &&
             proposals[next_proposal].coordinator == coordinator;
    };
    auto unplaced_here = [&] {
      return next_unplaced < unplaced.size() && unplaced[next_unplaced].coordinator == coordinator;
    };
    while (proposal_here() || unplaced_here()) {
      // The next participant of this coordinator: the "kein Vorschlag" line
      // first, then their proposal lines.
      const bool unplaced_first =
          unplaced_here() && (!proposal_here() || unplaced[next_unplaced].participant <=
                                                      proposals[next_proposal].participant);
      const ParticipantIndex participant = unplaced_first ? unplaced[next_unplaced].participant
                                                          : proposals[next_proposal].participant;
      if (unplaced_first) WriteUnplacedRow(sheet, dataset, unplaced[next_unplaced++]);
      while (proposal_here() && proposals[next_proposal].participant == participant) {
        WriteProposalRow(sheet, dataset, reference, proposals[next_proposal++]);
      }
    }
    if (!sheet.Flush() || !out.flush()) return CannotWrite(path);
    ++*files_written;
  }
  JOBMATCH_CHECK(next_proposal == proposals.size() && next_unplaced == unplaced.size())
      << "proposals not sorted by coordinator and participant";
  return std::nullopt;
}

}  // namespace jobmatch::reports

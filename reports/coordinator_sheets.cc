#include "reports/coordinator_sheets.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "engine/check.h"
#include "engine/parallel.h"
#include "engine/skill_profiles.h"

#include "reports/output_files.h"
#include "reports/reasons_de.h"
#include "reports/xlsx_writer.h"

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
  SkillsHeldCache& held;         // the writer's: a participant's lines come together
  const SkillLists& essentials;  // VacancyEssentialSkills()
};

// What a cell may read on the line of a participant without a proposal.
struct UnplacedLine {
  const Dataset& dataset;
  const Participant& participant;
  const UnplacedParticipant& unplaced;
};

struct SheetColumn {
  std::string_view header;
  void (*on_proposal)(const ProposalLine& line, CellWriter& cells);
  void (*on_unplaced)(const UnplacedLine& line, CellWriter& cells);  // nullptr: empty
  // In the xlsx: the width in characters (0: fitted to the header) and
  // whether long text wraps.
  double xlsx_width = 0;
  bool xlsx_wrap = false;
};

// The sheet, column by column.
constexpr SheetColumn kColumns[] = {
    {"Teilnehmer",
     [](const ProposalLine& l, CellWriter& cells) { cells.Text(l.participant.id); },
     [](const UnplacedLine& l, CellWriter& cells) { cells.Text(l.participant.id); }},
    {"Vorschlag",
     [](const ProposalLine& l, CellWriter& cells) {
       cells.Text(l.proposal.assigned ? "Vorschlag" : "Alternative");
     },
     [](const UnplacedLine&, CellWriter& cells) { cells.Text("kein Vorschlag"); }},
    {"Neu",
     [](const ProposalLine& l, CellWriter& cells) {
       if (l.proposal.is_new) {
         cells.Text("neu");
       } else {
         cells.Empty();
       }
     },
     nullptr},
    {"Rang",
     [](const ProposalLine& l, CellWriter& cells) { cells.Integer(l.proposal.rank); },
     nullptr},
    {"Stelle", [](const ProposalLine& l, CellWriter& cells) { cells.Text(l.vacancy.id); }, nullptr},
    {"Stellenart",
     [](const ProposalLine& l, CellWriter& cells) {
       cells.Text(VacancyKindTextDe(l.vacancy.kind));
     },
     nullptr},
    {"Stellentitel",
     [](const ProposalLine& l, CellWriter& cells) { cells.Text(l.vacancy.title); },
     nullptr,
     30},
    {"Beruf",
     [](const ProposalLine& l, CellWriter& cells) {
       cells.Text(l.reference.OccupationLabel(l.vacancy.occupation));
     },
     nullptr,
     28},
    {"Arbeitgeber",
     [](const ProposalLine& l, CellWriter& cells) { cells.Text(l.employer.name); },
     nullptr,
     28},
    {"Betriebsgröße",
     [](const ProposalLine& l, CellWriter& cells) {
       cells.Text(SizeClassTextDe(SizeClassOf(l.employer.staff)));
     },
     nullptr},
    {"Ort",
     [](const ProposalLine& l, CellWriter& cells) { cells.Text(l.vacancy.place.name); },
     nullptr,
     18},
    {"Entfernung (km)",
     [](const ProposalLine& l, CellWriter& cells) { cells.Number(l.proposal.pair.distance_km, 1); },
     nullptr},
    {"Pendelzeit (Min.)",
     [](const ProposalLine& l, CellWriter& cells) {
       cells.Number(l.proposal.pair.commute_minutes, 0);
     },
     nullptr},
    {"Gesamtwert",
     [](const ProposalLine& l, CellWriter& cells) { cells.Number(l.proposal.pair.score, 3); },
     nullptr},
    {"Kompetenzen",
     [](const ProposalLine& l, CellWriter& cells) { cells.Number(l.proposal.pair.parts.skill, 2); },
     nullptr},
    {"Fehlende Kompetenzen",
     [](const ProposalLine& l, CellWriter& cells) {
       cells.Text(MissingSkillsDe(
           l.held.Gap(l.participant, l.reference, l.essentials.For(l.proposal.pair.vacancy.value)),
           l.reference));
     },
     nullptr},
    {"Deutsch",
     [](const ProposalLine& l, CellWriter& cells) {
       cells.Number(l.proposal.pair.parts.german, 2);
     },
     nullptr},
    {"Pendeln",
     [](const ProposalLine& l, CellWriter& cells) {
       cells.Number(l.proposal.pair.parts.commute, 2);
     },
     nullptr},
    {"Betriebsgröße (Bonus)",
     [](const ProposalLine& l, CellWriter& cells) { cells.Number(l.proposal.pair.parts.micro, 2); },
     nullptr},
    {"Sprachkurs",
     [](const ProposalLine& l, CellWriter& cells) {
       const CourseIndex course = l.proposal.pair.bridge_course;
       if (course.valid()) {
         cells.Text(l.dataset.courses[static_cast<size_t>(course.value)].id);
       } else {
         cells.Empty();
       }
     },
     nullptr},
    {"Begründung",
     [](const ProposalLine& l, CellWriter& cells) {
       cells.Text(ProposalReasonDe(l.dataset, l.proposal));
     },
     [](const UnplacedLine& l, CellWriter& cells) {
       cells.Text(UnplacedReasonDe(l.dataset, l.unplaced));
     },
     60,
     true},
    // Filled in by the coordinator and read back by `jobmatch record`
    // (store/decision_sheet.h): angenommen, abgelehnt, eingestellt, abgebrochen.
    {"Entscheidung", [](const ProposalLine&, CellWriter& cells) { cells.Empty(); }, nullptr},
    {"Datum", [](const ProposalLine&, CellWriter& cells) { cells.Empty(); }, nullptr},
    {"Notiz", [](const ProposalLine&, CellWriter& cells) { cells.Empty(); }, nullptr, 30},
};

// The headers of the columns the coordinator fills in, and the words the
// xlsx offers in the Entscheidung drop-down (ParseDecisionWord() in
// store/run_store.h reads them and their English equivalents).
constexpr std::string_view kDecisionHeader = "Entscheidung";
constexpr std::string_view kDecisionDateHeader = "Datum";
constexpr const char* kDecisionWordsDe[] = {
    "angenommen", "abgelehnt", "eingestellt", "abgebrochen"};
// Teilnehmer and Vorschlag stay in view next to the reason when scrolling.
constexpr int kFrozenColumns = 2;

// Writes every cell to both sheets, so each row is built once.
class BothSheets final : public CellWriter {
 public:
  BothSheets(CellWriter& a, CellWriter& b) : a_(a), b_(b) {}
  void Text(std::string_view cell) override {
    a_.Text(cell);
    b_.Text(cell);
  }
  void Number(double value, int decimals) override {
    a_.Number(value, decimals);
    b_.Number(value, decimals);
  }
  void Integer(int64_t value) override {
    a_.Integer(value);
    b_.Integer(value);
  }
  void Day(Date date) override {
    a_.Day(date);
    b_.Day(date);
  }
  void Empty() override {
    a_.Empty();
    b_.Empty();
  }
  void EndRow() override {
    a_.EndRow();
    b_.EndRow();
  }

 private:
  CellWriter& a_;
  CellWriter& b_;
};

XlsxLayout SheetLayout(const Coordinator& coordinator,
                       std::optional<Date> run_date,
                       const std::vector<std::string>& extra_header) {
  XlsxLayout layout;
  layout.sheet_name = "Vorschläge";
  layout.title =
      "Vorschläge für " +
      (coordinator.name.empty() ? coordinator.id : coordinator.name + " (" + coordinator.id + ")");
  if (run_date) layout.title += " · Lauf vom " + FormatDateDe(*run_date);
  for (const SheetColumn& column : kColumns) {
    XlsxColumn out;
    out.header = std::string(column.header);
    out.width = column.xlsx_width;
    out.wrap = column.xlsx_wrap;
    out.dates = column.header == kDecisionDateHeader;
    if (column.header == kDecisionHeader) {
      out.choices.assign(std::begin(kDecisionWordsDe), std::end(kDecisionWordsDe));
    }
    layout.columns.push_back(std::move(out));
  }
  for (const std::string& header : extra_header) {
    XlsxColumn out;
    out.header = header;
    out.width = 24;
    out.wrap = true;
    layout.columns.push_back(std::move(out));
  }
  layout.frozen_columns = kFrozenColumns;
  // Without a run date, a fixed day keeps the bytes independent of the clock.
  layout.created = run_date.value_or(Date{3652});  // 1980-01-01
  return layout;
}

// After the columns above: the participants' own extra columns (name,
// phone, notes; Dataset::participant_extra_header, Participant::extra),
// headers and cells as written, on every line of the participant. Only the
// coordinator's own sheets show them.
void WriteHeader(SpreadsheetWriter& cells, const Dataset& dataset) {
  for (const SheetColumn& column : kColumns) cells.Text(column.header);
  for (const std::string& header : dataset.participant_extra_header) cells.Text(header);
  cells.EndRow();
}

void WriteExtras(CellWriter& cells, const Dataset& dataset, const Participant* participant) {
  for (size_t i = 0; i < dataset.participant_extra_header.size(); ++i) {
    if (participant != nullptr && i < participant->extra.size()) {
      cells.Text(participant->extra[i]);
    } else {
      cells.Empty();
    }
  }
}

void WriteProposalRow(CellWriter& cells,
                      const Dataset& dataset,
                      const ReferenceData& reference,
                      const Proposal& proposal,
                      SkillsHeldCache& held,
                      const SkillLists& essentials) {
  const Vacancy& vacancy = dataset.vacancies[static_cast<size_t>(proposal.pair.vacancy.value)];
  const ProposalLine line{dataset,
                          reference,
                          dataset.participants[static_cast<size_t>(proposal.participant.value)],
                          proposal,
                          vacancy,
                          dataset.employers[static_cast<size_t>(vacancy.employer.value)],
                          held,
                          essentials};
  for (const SheetColumn& column : kColumns) column.on_proposal(line, cells);
  WriteExtras(cells, dataset, &line.participant);
  cells.EndRow();
}

void WriteUnplacedRow(CellWriter& cells,
                      const Dataset& dataset,
                      const UnplacedParticipant& unplaced) {
  const UnplacedLine line{
      dataset, dataset.participants[static_cast<size_t>(unplaced.participant.value)], unplaced};
  for (const SheetColumn& column : kColumns) {
    if (column.on_unplaced != nullptr) {
      column.on_unplaced(line, cells);
    } else {
      cells.Empty();
    }
  }
  WriteExtras(cells, dataset, &line.participant);
  cells.EndRow();
}

void WriteCapacityRow(CellWriter& cells, const Dataset& dataset, const std::string& text) {
  for (const SheetColumn& column : kColumns) {
    if (column.header == "Vorschlag") {
      cells.Text("Kapazität");
    } else if (column.header == "Begründung") {
      cells.Text(text);
    } else {
      cells.Empty();
    }
  }
  WriteExtras(cells, dataset, nullptr);
  cells.EndRow();
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

std::string XlsxName(std::string_view csv_name) {
  JOBMATCH_CHECK(csv_name.ends_with(".csv")) << "not a sheet's CSV name";
  return std::string(csv_name.substr(0, csv_name.size() - 4)) + ".xlsx";
}

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
                                            std::optional<Date> run_date,
                                            const std::filesystem::path& dir,
                                            int* files_written,
                                            const std::vector<CapacityDerivation>& capacities,
                                            int num_threads,
                                            const OutputFormats& formats) {
  JOBMATCH_CHECK(num_threads >= 0) << "num_threads";
  if (!formats.csv && !formats.xlsx) return std::nullopt;
  const std::vector<std::string> names = SheetFileNames(dataset.coordinators);
  const std::vector<CapacityDerivation> capacity = CapacitiesOrGiven(dataset, capacities);
  const size_t n = dataset.coordinators.size();
  const std::vector<Proposal>& proposals = set.proposals;
  const std::vector<UnplacedParticipant>& unplaced = set.unplaced;
  // Both lists are sorted by coordinator, then participant (engine/proposals.h):
  // each coordinator's lines are one range of each.
  std::vector<size_t> proposal_begin(n + 1, 0);
  std::vector<size_t> unplaced_begin(n + 1, 0);
  for (size_t i = 0; i < proposals.size(); ++i) {
    const auto c = static_cast<size_t>(proposals[i].coordinator.value);
    JOBMATCH_CHECK(c < n && (i == 0 || proposals[i - 1].coordinator <= proposals[i].coordinator))
        << "proposals not sorted by coordinator";
    ++proposal_begin[c + 1];
  }
  for (size_t i = 0; i < unplaced.size(); ++i) {
    const auto c = static_cast<size_t>(unplaced[i].coordinator.value);
    JOBMATCH_CHECK(c < n && (i == 0 || unplaced[i - 1].coordinator <= unplaced[i].coordinator))
        << "unplaced participants not sorted by coordinator";
    ++unplaced_begin[c + 1];
  }
  for (size_t c = 0; c < n; ++c) {
    proposal_begin[c + 1] += proposal_begin[c];
    unplaced_begin[c + 1] += unplaced_begin[c];
  }

  // The vacancies' side of the missing-skills column, once for all lines.
  const SkillLists essentials = VacancyEssentialSkills(dataset, reference, num_threads);

  // libxlsxwriter's scratch files, for all the workbooks.
  std::optional<ScratchFolder> scratch;
  if (formats.xlsx) scratch.emplace(dir);

  // One coordinator's files; walks their ranges side by side.
  auto write_one = [&](size_t c) -> std::optional<Error> {
    const std::filesystem::path path = dir / names[c];
    std::optional<std::ofstream> out;
    std::optional<SpreadsheetWriter> csv;
    if (formats.csv) {
      out.emplace(path, std::ios::binary | std::ios::trunc);
      if (!*out) return CannotWrite(path);
      csv.emplace(*out);
      WriteHeader(*csv, dataset);
    }
    std::optional<XlsxWriter> xlsx;
    if (formats.xlsx) {
      xlsx.emplace(dir / XlsxName(names[c]),
                   SheetLayout(dataset.coordinators[c], run_date, dataset.participant_extra_header),
                   XlsxCells::kFormatted,
                   scratch->path());
    }
    std::optional<BothSheets> both;
    if (csv && xlsx) both.emplace(*csv, *xlsx);
    CellWriter& sheet = both  ? static_cast<CellWriter&>(*both)
                        : csv ? static_cast<CellWriter&>(*csv)
                              : static_cast<CellWriter&>(*xlsx);
    WriteCapacityRow(
        sheet, dataset, CapacityTextDe(capacity[c], dataset.coordinators[c].capacity_given));
    size_t next_proposal = proposal_begin[c];
    size_t next_unplaced = unplaced_begin[c];
    SkillsHeldCache held;
    auto proposal_here = [&] { return next_proposal < proposal_begin[c + 1]; };
    auto unplaced_here = [&] { return next_unplaced < unplaced_begin[c + 1]; };
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
        WriteProposalRow(sheet, dataset, reference, proposals[next_proposal++], held, essentials);
      }
    }
    if (csv && (!csv->Flush() || !out->flush())) return CannotWrite(path);
    return xlsx ? xlsx->Close() : std::nullopt;
  };

  // Each coordinator's files depend only on their lines, so the bytes are
  // the same whatever the number of threads; the first error in
  // coordinator order is reported.
  std::vector<std::optional<Error>> errors(n);
  if (num_threads == 1 || n <= 1) {
    for (size_t c = 0; c < n; ++c) {
      if (auto error = write_one(c)) return error;
    }
  } else {
    ForEachTask(n, num_threads, [&](size_t c) { errors[c] = write_one(c); });
  }
  for (std::optional<Error>& error : errors) {
    if (error) return error;
  }
  *files_written += ((formats.csv ? 1 : 0) + (formats.xlsx ? 1 : 0)) * static_cast<int>(n);
  return std::nullopt;
}

std::vector<CapacityDerivation> CapacitiesOrGiven(
    const Dataset& dataset, const std::vector<CapacityDerivation>& capacities) {
  if (capacities.size() == dataset.coordinators.size()) return capacities;
  std::vector<CapacityDerivation> given(dataset.coordinators.size());
  for (size_t c = 0; c < given.size(); ++c) {
    given[c].capacity = dataset.coordinators[c].capacity;
    given[c].fte = dataset.coordinators[c].fte;
  }
  return given;
}

}  // namespace jobmatch::reports

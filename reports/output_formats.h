// reports/output_formats.h
//
// Which files a run writes into its output folder (`jobmatch run --output`):
//   json  jobmatch.json: everything, for analysts (reports/report_writer.h)
//   pb    jobmatch.pb: the same facts as binary protobuf, for programs
//         (reports/results_pb.h, docs/results_pb.md)
//   csv   proposals_<coordinator>.csv per coordinator
//   xlsx  proposals_<coordinator>.xlsx per coordinator
// The default ("auto") writes json, csv and xlsx, and above
// kFullJsonMaxParticipants participants pb in place of json: jobmatch.json
// grows by about 5 KB a participant (5.4 GB at a million), which takes
// minutes to write and more memory than most tools have to open, while
// jobmatch.pb holds the same facts in about a tenth. Every output holds
// jobmatch.json or jobmatch.pb: either marks the folder as a jobmatch output
// (StagedDirectory replaces nothing else) and holds the run's counts.
//
// Example:
//   std::optional<OutputFormats> formats = ParseOutputFormats("pb,csv");
//   if (!formats) return Usage();
//   const OutputFormats chosen = ResolveOutputFormats(*formats, dataset.participants.size());

#ifndef JOBMATCH_REPORTS_OUTPUT_FORMATS_H_
#define JOBMATCH_REPORTS_OUTPUT_FORMATS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jobmatch::reports {

// Above this many participants "auto" writes jobmatch.pb instead of
// jobmatch.json.
inline constexpr int64_t kFullJsonMaxParticipants = 100'000;

struct OutputFormats {
  bool automatic = false;  // "auto": json or pb by the number of participants
  bool json = true;
  bool pb = false;
  bool csv = true;
  bool xlsx = true;
  friend bool operator==(const OutputFormats&, const OutputFormats&) = default;
};

// "auto", or a comma-separated list of json, pb, csv, xlsx (each at most
// once; at least one of json and pb). nullopt for anything else.
std::optional<OutputFormats> ParseOutputFormats(std::string_view list);

// `formats` with "auto" decided for a run of `participants` participants.
OutputFormats ResolveOutputFormats(const OutputFormats& formats, int64_t participants);

// "json,csv,xlsx": the formats in this order, comma-separated.
std::string OutputFormatsName(const OutputFormats& formats);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_OUTPUT_FORMATS_H_

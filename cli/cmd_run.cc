// jobmatch run: the nightly batch. Loads reference data, config and dataset,
// applies earlier decisions (history.csv and, with --store, the run store),
// scores every pair within reach, solves the assignment, and writes one
// spreadsheet per coordinator plus jobmatch.json into --out, replacing the
// previous output only when everything succeeded. With --store the run is
// recorded in one transaction whose COMMIT follows the output swap: a run
// in the store always has its output.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "engine/assignment.h"
#include "engine/candidate_graph.h"
#include "engine/capacity.h"
#include "engine/decisions.h"
#include "engine/proposals.h"
#include "engine/scorer.h"
#include "reports/output_files.h"
#include "reports/output_formats.h"
#include "reports/report_writer.h"
#include "store/run_store.h"
#include "store/sha256.h"

namespace jobmatch::cli {
namespace {

constexpr const char* kProgramVersion = "0.1.0";

// SHA-256 of every input: the dataset's files (a folder's dataset files by
// name, or the one file) and the config file.
Result<std::vector<store::InputFile>> HashInputs(
    const std::filesystem::path& data, const std::optional<std::filesystem::path>& config) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (std::filesystem::is_directory(data, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(data, ec)) {
      static const char* const kStems[] = {
          "participants", "vacancies", "employers", "coordinators", "courses", "history"};
      const std::string stem = entry.path().stem().string();
      if (entry.is_regular_file() &&
          std::find(std::begin(kStems), std::end(kStems), stem) != std::end(kStems)) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(data);
  }
  if (config) files.push_back(*config);
  std::vector<store::InputFile> inputs;
  for (const std::filesystem::path& file : files) {
    Result<store::FileHash> hash = store::HashFile(file);
    if (!hash.ok()) return hash.error();
    inputs.push_back(
        store::InputFile{file.filename().string(), hash.value().sha256, hash.value().bytes});
  }
  return inputs;
}

std::string ReadText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The participants in follow-up, for the store (taken before MakePool
// leaves them out of tonight's pool).
std::vector<store::FollowUpEntry> FollowUp(const Dataset& full, const Standing& standing) {
  std::vector<store::FollowUpEntry> follow_up;
  for (size_t p = 0; p < full.participants.size(); ++p) {
    if (!standing.in_follow_up[p]) continue;
    const Participant& participant = full.participants[p];
    follow_up.push_back(store::FollowUpEntry{
        full.coordinators[static_cast<size_t>(participant.coordinator.value)].id,
        participant.id,
        full.vacancies[static_cast<size_t>(standing.hired_into[p].value)].id,
        standing.follow_up_until[p]});
  }
  return follow_up;
}

// The run's rows for the store, but for the input hashes. `dataset` is the
// pool (its coordinators and vacancy ids are the full dataset's).
store::RunRecord MakeRunRecord(const RunArgs& args,
                               Date run_date,
                               const Dataset& dataset,
                               const ProposalSet& proposals,
                               const std::vector<store::FollowUpEntry>& follow_up,
                               const std::vector<CapacityDerivation>& capacities,
                               const std::vector<Placement>& reserved) {
  store::RunRecord record;
  record.run_date = run_date;
  record.program_version = kProgramVersion;
  record.data = args.data.string();
  if (args.config) record.config = ReadText(*args.config);
  record.metrics = proposals.metrics;
  record.proposals = store::StoredProposals(dataset, proposals);
  // Held pairs per coordinator, in one pass over them.
  std::vector<int32_t> held(dataset.coordinators.size(), 0);
  for (const Placement& r : reserved) {
    const CoordinatorIndex c =
        dataset.participants[static_cast<size_t>(r.participant.value)].coordinator;
    if (c.valid()) ++held[static_cast<size_t>(c.value)];
  }
  for (size_t c = 0; c < dataset.coordinators.size(); ++c) {
    const CapacityDerivation& d = capacities[c];
    record.capacities.push_back(store::StoredCapacity{dataset.coordinators[c].id,
                                                      d.capacity,
                                                      d.derived,
                                                      d.fte,
                                                      d.taken_on_this_year,
                                                      d.follow_up,
                                                      held[c]});
  }
  record.follow_up = follow_up;
  return record;
}

using InputHashes = Result<std::vector<store::InputFile>>;

// Records the run in the store while the output is being written. With more
// than one thread, a thread of its own inserts the run's rows (about 3 M at
// the national tier) while the writers work; either
// way the transaction stays open until the output is written and swapped in
// just before COMMIT, so a run killed at any point leaves the store as it
// was, and a run in the store always has its output.
class StoreRecording {
 public:
  // `make_record` builds the run's rows (without the input hashes, which
  // `hashes` gives); what it reads, and `run_store` and `out`, must outlive
  // the recording.
  StoreRecording(store::RunStore* run_store,
                 std::function<store::RunRecord()> make_record,
                 std::future<InputHashes> hashes,
                 reports::StagedDirectory* out,
                 bool on_a_thread)
      : run_store_(run_store),
        make_record_(std::move(make_record)),
        hashes_(std::move(hashes)),
        out_(out),
        written_future_(written_.get_future()) {
    if (on_a_thread) thread_ = std::thread([this] { Record(); });
  }
  // Unfinished (the output failed): the run is rolled back.
  ~StoreRecording() {
    if (finished_ || !thread_.joinable()) return;
    written_.set_value(
        MakeError(ErrorKind::kCannotWrite, "", 0, "", "", "the output to be written"));
    thread_.join();
  }
  StoreRecording(const StoreRecording&) = delete;
  StoreRecording& operator=(const StoreRecording&) = delete;

  // The output is written in the staging folder: records the run (or waits
  // for the thread to), swapping the output in before COMMIT.
  void Finish() {
    finished_ = true;
    written_.set_value(std::nullopt);
    if (thread_.joinable()) {
      thread_.join();
    } else {
      Record();
    }
    if (failure_) std::rethrow_exception(failure_);
  }

  std::optional<Error> hash_error;
  std::optional<Error> swap_error;  // from StagedDirectory::Swap
  bool swapped = false;
  std::optional<Result<int64_t>> recorded;  // set unless hash_error

 private:
  void Record() {
    try {
      store::RunRecord record = make_record_();
      InputHashes hashes = hashes_.get();
      if (!hashes.ok()) {
        hash_error = hashes.error();
        return;
      }
      record.inputs = std::move(hashes).value();
      // The output is swapped in inside the store's transaction, just
      // before COMMIT. Killed between the swap and the commit, the output
      // holds this run and the store does not; the same night run again
      // writes the same output and records it.
      recorded = run_store_->RecordRun(record, [this]() -> std::optional<Error> {
        if (std::optional<Error> not_written = written_future_.get()) return not_written;
        swap_error = out_->Swap();
        swapped = !swap_error.has_value();
        return swap_error;
      });
    } catch (...) {
      failure_ = std::current_exception();
    }
  }

  store::RunStore* run_store_;
  std::function<store::RunRecord()> make_record_;
  std::future<InputHashes> hashes_;
  reports::StagedDirectory* out_;
  std::promise<std::optional<Error>> written_;
  std::future<std::optional<Error>> written_future_;
  std::exception_ptr failure_;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace

int RunRun(const RunArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  int date_exit = 0;
  const std::optional<Date> parsed_date = RunDateFromFlag(args.date, &date_exit);
  if (!parsed_date) return date_exit;
  const Date run_date = *parsed_date;
  const std::optional<reports::OutputFormats> asked = reports::ParseOutputFormats(args.output);
  if (!asked) {
    return ReportError("bad arguments",
                       MakeError(ErrorKind::kUsage,
                                 "",
                                 0,
                                 "--output",
                                 args.output,
                                 "auto, or a comma-separated list of json, pb, csv and xlsx "
                                 "holding json or pb"));
  }

  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
  };

  int exit_code = 0;
  std::optional<LoadedInputs> inputs = LoadInputs(args.common, args.config, args.data, &exit_code);
  if (!inputs) return exit_code;
  const ReferenceData& reference = inputs->reference;
  EngineConfig& config = inputs->config;
  config.scoring.run_date = run_date;
  config.scoring.num_threads = args.common.threads;
  config.assignment.num_threads = args.common.threads;

  // Earlier runs and decisions: the store's, after history.csv's outcomes.
  std::optional<store::RunStore> run_store;
  History history;
  if (args.store) {
    Result<store::RunStore> opened = store::RunStore::Open(*args.store);
    if (!opened.ok()) return ReportError("cannot use the run store", opened.error());
    run_store.emplace(std::move(opened).value());
    Result<History> read = run_store->ReadHistory(run_date);
    if (!read.ok()) return ReportError("cannot read the run store", read.error());
    history = std::move(read).value();
  }
  Dataset& full = inputs->dataset;
  AppendDecisions(history, &full);
  const Standing standing = ComputeStanding(full, run_date, config.decisions);
  const std::vector<CapacityDerivation> capacities =
      DeriveCapacities(full, standing, run_date, config.capacity);
  ApplyCapacities(capacities, &full);
  const std::vector<store::FollowUpEntry> follow_up =
      run_store ? FollowUp(full, standing) : std::vector<store::FollowUpEntry>();
  const Pool pool = MakePool(std::move(full), standing);
  const Dataset& dataset = pool.dataset;
  const double load_seconds = seconds_since(start);

  Clock::time_point stage = Clock::now();
  ScoredPairs scored = ScoreTopK(dataset, reference, config.scoring);
  CandidateGraph graph = BuildCandidateGraph(dataset, scored, config.candidates);
  MarkPreferred(dataset, history.last_proposals, &graph);
  const std::vector<Placement> reserved = ReserveHeldPairs(pool.held, &graph);
  if (!graph.IsValid()) {
    return ReportError(
        "internal error",
        MakeError(ErrorKind::kInternal, "", 0, "", "", "the candidate graph is inconsistent"));
  }
  const double score_seconds = seconds_since(stage);

  stage = Clock::now();
  // The input files' hashes, for the store: with more than one thread, on a
  // core of its own while the solve runs on one.
  std::future<InputHashes> hashes;
  if (run_store) {
    hashes = std::async(args.common.threads != 1 ? std::launch::async : std::launch::deferred,
                        [&args] { return HashInputs(args.data, args.config); });
  }
  AssignmentResult result = AssignParticipants(graph, config.assignment);
  if (result.status != AssignmentStatus::kOptimal) {
    return ReportError("cannot solve the assignment",
                       MakeError(ErrorKind::kBadData,
                                 "",
                                 0,
                                 "assignment.cost_resolution",
                                 std::to_string(config.assignment.cost_resolution),
                                 "a resolution small enough for this many participants"));
  }
  if (args.check) {
    const AssignmentCheck check = CheckAssignment(graph, config.assignment, result);
    if (!check.ok) {
      return ReportError("the optimality certificate failed",
                         MakeError(ErrorKind::kInternal, "", 0, "", "", check.message));
    }
  }
  MergeReserved(reserved, &result);
  const double solve_seconds = seconds_since(stage);

  stage = Clock::now();
  ProposalSet proposals = MakeProposals(dataset, scored, graph, result, config.proposals);
  if (run_store) MarkNew(dataset, history, &proposals);
  // The scored pairs and the graph are done with: their memory (1.5 GB at a
  // million participants) goes back before the writers and the store need
  // theirs.
  scored = ScoredPairs{};
  graph = CandidateGraph{};
  result = AssignmentResult{};
  // The full JSON grows with the participants (5.4 GB at a million): "auto"
  // writes jobmatch.pb in its place above kFullJsonMaxParticipants.
  const reports::OutputFormats formats =
      reports::ResolveOutputFormats(*asked, static_cast<int64_t>(dataset.participants.size()));
  reports::StagedDirectory out(args.out, std::vector<std::string>{"jobmatch.json", "jobmatch.pb"});
  if (auto error = out.Begin()) return ReportError("cannot write output", *error);
  std::optional<StoreRecording> recording;
  if (run_store) {
    recording.emplace(
        &*run_store,
        [&] {
          return MakeRunRecord(args, run_date, dataset, proposals, follow_up, capacities, reserved);
        },
        std::move(hashes),
        &out,
        args.common.threads != 1);
  }
  int files = 0;
  if (auto error = reports::WriteRunReport(dataset,
                                           reference,
                                           config,
                                           proposals,
                                           FormatDate(run_date),
                                           out.staging(),
                                           &files,
                                           capacities,
                                           args.common.threads,
                                           formats)) {
    return ReportError("cannot write output", out.InTarget(*error));
  }
  const double write_seconds = seconds_since(stage);

  stage = Clock::now();
  int64_t run_id = 0;
  if (recording) {
    recording->Finish();
    if (recording->hash_error) {
      return ReportError("cannot hash the input files", *recording->hash_error);
    }
    if (recording->swap_error) return ReportError("cannot write output", *recording->swap_error);
    const Result<int64_t>& recorded = *recording->recorded;
    if (!recorded.ok()) {
      if (!recording->swapped) return ReportError("cannot record the run", recorded.error());
      // The store refused the commit: put the previous output back.
      if (auto error = out.Restore()) {
        ReportError("cannot record the run", recorded.error());
        return ReportError("cannot write output", *error);
      }
      return ReportError("cannot record the run (the previous output is kept)", recorded.error());
    }
    run_id = recorded.value();
    out.Finish();
  } else if (auto error = out.Commit()) {
    return ReportError("cannot write output", *error);
  }
  const double store_seconds = seconds_since(stage);

  const RunMetrics& m = proposals.metrics;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("jobmatch run %s on %s\n", FormatDate(run_date).c_str(), args.data.string().c_str());
  auto count = [](int64_t value) { return static_cast<long long>(value); };
  std::printf(
      "  participants   %8lld   coordinators %lld\n", count(m.participants), count(m.coordinators));
  std::printf("  vacancies      %8lld   openings %lld\n", count(m.vacancies), count(m.openings));
  std::printf("  pairs examined %8lld   candidate arcs %lld\n",
              count(m.pairs_examined),
              count(m.candidate_arcs));
  std::printf(
      "  proposals      %8lld   of which micro-enterprises %lld, after a language course %lld\n",
      count(m.proposals),
      count(m.micro_enterprise_proposals),
      count(m.course_bridge_proposals));
  std::printf("  unplaced       %8lld\n", count(m.unplaced));
  std::printf("  total fit      %8.3f   mean %.3f\n", m.total_score, m.mean_score);
  std::printf("  certificate    %s\n",
              args.check ? "checked: optimal" : "not checked (use --check)");
  const reports::OutputFormats usual{};
  if (formats == usual) {
    std::printf("  output         %s (%d files)\n", args.out.string().c_str(), files);
  } else {
    std::printf("  output         %s (%d files: %s)\n",
                args.out.string().c_str(),
                files,
                reports::OutputFormatsName(formats).c_str());
  }
  if (asked->automatic && !formats.json) {
    std::printf(
        "  no JSON        %lld participants, over %lld: jobmatch.json is not written, jobmatch.pb "
        "holds its facts (--output json,csv,xlsx writes it)\n",
        count(m.participants),
        static_cast<long long>(reports::kFullJsonMaxParticipants));
  }
  if (run_store) {
    int32_t in_follow_up = 0;
    for (const uint8_t f : standing.in_follow_up) in_follow_up += f;
    std::printf("  store          %s (run %lld; %zu decisions, %d in follow-up, %zu held)\n",
                args.store->string().c_str(),
                static_cast<long long>(run_id),
                history.decisions.size(),
                in_follow_up,
                reserved.size());
  }
  std::printf("  time           %.2f s (load %.2f, score %.2f, solve %.2f, write %.2f",
              seconds,
              load_seconds,
              score_seconds,
              solve_seconds,
              write_seconds);
  if (run_store) std::printf(", store %.2f", store_seconds);
  std::printf(")\n");
  return 0;
}

}  // namespace jobmatch::cli

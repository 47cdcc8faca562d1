// bench/store_benchmark.cc
//
// Recording one night's run in a fresh run store, as `jobmatch run --store`
// does: three listed vacancies per participant (one proposal or
// alternatives) in the order StoredProposals lists them (by participant),
// with the score parts of every line.
// Sizes: the state tier (30,000 participants) and the national tier (one
// million, about 3 M rows).
//
//   build/bench/store_benchmark --benchmark_filter=RecordRun/30000

#include <benchmark/benchmark.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <random>
#include <string>

#include "store/run_store.h"

namespace jobmatch::store {
namespace {

std::string Numbered(const char* prefix, int64_t n, int width) {
  std::string digits = std::to_string(n);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  }
  return prefix + digits;
}

RunRecord MakeRecord(int64_t participants) {
  RunRecord record;
  record.run_date = ParseDate("2026-11-22").value();
  record.program_version = "bench";
  record.data = "bench";
  const int64_t coordinators = std::max<int64_t>(1, participants / 100);
  const int64_t vacancies = participants * 7 / 10;
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  // As StoredProposals lists them: by participant, each with three
  // vacancies; participants spread over the coordinators.
  record.proposals.reserve(static_cast<size_t>(participants) * 3);
  for (int64_t p = 0; p < participants; ++p) {
    const int64_t first = static_cast<int64_t>(random() % static_cast<uint64_t>(vacancies));
    for (int32_t rank = 0; rank < 3; ++rank) {
      StoredProposal s;
      s.coordinator_id = Numbered("K-", static_cast<int64_t>(random() % coordinators), 5);
      s.participant_id = Numbered("P-", p + 1, 7);
      s.vacancy_id = Numbered("V-", (first + int64_t{97} * rank) % vacancies + 1, 7);
      s.assigned = rank == 0 && random() % 8 == 0;
      s.rank = rank + 1;
      s.score = unit(random);
      s.skill = unit(random);
      s.german = unit(random);
      s.commute = unit(random);
      s.micro = unit(random) < 0.5 ? 1.0 : 0.0;
      s.essential_coverage = unit(random);
      s.optional_coverage = unit(random);
      s.requirement_fit = unit(random);
      s.distance_km = 50.0 * unit(random);
      s.commute_minutes = 60.0 * unit(random);
      if (random() % 10 == 0) s.bridge_course = Numbered("C-", p % 1200, 4);
      record.proposals.push_back(std::move(s));
    }
  }
  for (int64_t c = 0; c < coordinators; ++c) {
    record.capacities.push_back(StoredCapacity{Numbered("K-", c, 5), 40, true, 1.0, 0, 0, 0});
  }
  return record;
}

void BM_RecordRun(benchmark::State& state) {
  const RunRecord record = MakeRecord(state.range(0));
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("jobmatch-store-bench-" + std::to_string(getpid()) + ".sqlite");
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(file);
    state.ResumeTiming();
    Result<RunStore> store = RunStore::Open(file);
    if (!store.ok()) state.SkipWithError("cannot open the store");
    const Result<int64_t> run = store.value().RecordRun(record);
    if (!run.ok()) state.SkipWithError(run.error().ToString().c_str());
  }
  std::filesystem::remove(file);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(record.proposals.size()));
}
BENCHMARK(BM_RecordRun)
    ->Arg(30'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->UseRealTime();

}  // namespace
}  // namespace jobmatch::store

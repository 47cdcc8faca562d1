// What-if commands at the state tier (30,000 participants, 20,000 vacancies,
// 300 coordinators; the dataset of `jobmatch generate --tier state --seed 1`):
// wall time of one command as the shell runs it (copy of the scenario, the
// edit, the re-score of what it touches, the warm re-solve, the diff and its
// German text), then, untimed, `undo` and a re-solve of the restored
// scenario, so that the next iteration's warm solver starts from the state
// the command changes (after a bare `undo` it would still hold the changed
// graph and find nothing to do).
// Target: local commands (capacity, openings, one employer, 100
// participants' German) at most 50 ms. Global commands (commute limit,
// weight) re-score everyone: one parallel scoring plus a warm solve.
//
//   build/bench/whatif_benchmark --benchmark_filter=State

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench/tier_data.h"
#include "whatif/scenario.h"
#include "whatif/shell.h"

namespace jobmatch::bench {
namespace {

whatif::ShellState& StateSession() {
  static whatif::ShellState* state = [] {
    whatif::ScenarioOptions options;
    options.scoring.run_date = kBenchRunDate;
    // The reference data is cached for the process: share it without owning it.
    const std::shared_ptr<const ReferenceData> reference(std::shared_ptr<const ReferenceData>(),
                                                         &Reference());
    return new whatif::ShellState(
        whatif::StartSession(whatif::MakeScenario(TierDataset(Tier::kState), reference, options)));
  }();
  return *state;
}

// The employer with the most open vacancies (ties: the first).
std::string LargestEmployer(const whatif::Scenario& s) {
  std::vector<int32_t> count(s.dataset.employers.size(), 0);
  for (const Vacancy& v : s.dataset.vacancies) ++count[static_cast<size_t>(v.employer.value)];
  const auto best = std::max_element(count.begin(), count.end()) - count.begin();
  return s.dataset.employers[static_cast<size_t>(best)].id;
}

// The vacancy with the most candidate arcs.
std::string BusiestVacancy(const whatif::Scenario& s) {
  std::vector<int32_t> count(s.dataset.vacancies.size(), 0);
  for (const VacancyIndex v : s.graph->arc_vacancy) ++count[static_cast<size_t>(v.value)];
  const auto best = std::max_element(count.begin(), count.end()) - count.begin();
  return s.dataset.vacancies[static_cast<size_t>(best)].id;
}

void RunAndUndo(benchmark::State& bench, const std::string& line, bool undo) {
  whatif::ShellState& state = StateSession();
  const whatif::ShellOptions options;
  for (auto _ : bench) {
    std::ostringstream out;
    const bool ok = whatif::RunCommandLine(&state, line, 1, "bench", options, out);
    if (!ok) bench.SkipWithError(out.str().c_str());
    benchmark::DoNotOptimize(out.str().size());
    bench.PauseTiming();
    if (undo) {
      // The warm solver is shared by every copy and holds the last graph it
      // solved: a capacity edit that changes nothing re-solves the restored
      // scenario, and a second undo drops that edit again.
      const std::string coordinator = state.current.dataset.coordinators[0].id;
      whatif::RunCommandLine(&state, "undo", 2, "bench", options, out);
      whatif::RunCommandLine(&state, "capacity " + coordinator + " +0", 3, "bench", options, out);
      whatif::RunCommandLine(&state, "undo", 4, "bench", options, out);
    }
    bench.ResumeTiming();
  }
  bench.SetLabel(line.size() > 60 ? line.substr(0, 57) + "..." : line);
}

void BM_StateCapacity(benchmark::State& bench) {
  RunAndUndo(bench, "capacity " + StateSession().current.dataset.coordinators[0].id + " +5", true);
}
BENCHMARK(BM_StateCapacity)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

void BM_StateOpenings(benchmark::State& bench) {
  RunAndUndo(bench, "openings " + BusiestVacancy(StateSession().current) + " 5", true);
}
BENCHMARK(BM_StateOpenings)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

void BM_StateWithdrawLargestEmployer(benchmark::State& bench) {
  RunAndUndo(bench, "withdraw-employer " + LargestEmployer(StateSession().current), true);
}
BENCHMARK(BM_StateWithdrawLargestEmployer)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

void BM_StateGerman100(benchmark::State& bench) {
  const whatif::Scenario& s = StateSession().current;
  std::string line = "german B2";
  for (size_t p = 0; p < 100; ++p) line += " " + s.dataset.participants[p * 300].id;
  RunAndUndo(bench, line, true);
}
BENCHMARK(BM_StateGerman100)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

void BM_StateAddCoordinator(benchmark::State& bench) {
  const whatif::Scenario& s = StateSession().current;
  RunAndUndo(bench, "add-coordinator K-NEU " + s.dataset.coordinators[0].district + " 10", true);
}
BENCHMARK(BM_StateAddCoordinator)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

void BM_StateValue(benchmark::State& bench) {
  RunAndUndo(bench, "value", false);
}
BENCHMARK(BM_StateValue)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

void BM_StateCommuteLimit(benchmark::State& bench) {
  RunAndUndo(bench, "commute-limit 90", true);
}
BENCHMARK(BM_StateCommuteLimit)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace
}  // namespace jobmatch::bench

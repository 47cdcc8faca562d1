// bench/loader_benchmark.cc
//
// Loading a small dataset, as `jobmatch run` and the csv_dataset fuzz target
// do once per input: what it costs to set up a PlaceResolver on the real
// reference data, and to load the embedded example (examples/salzlandkreis)
// end to end. The reference data is loaded once, outside the timed loops.
//
//   build/bench/loader_benchmark --benchmark_filter=PlaceResolver

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "bench/tier_data.h"
#include "loaders/csv_loader.h"
#include "loaders/place_resolution.h"

namespace jobmatch::bench {
namespace {

void BM_PlaceResolverConstruction(benchmark::State& state) {
  const ReferenceData& reference = Reference();
  for (auto _ : state) {
    const PlaceResolver places(reference);
    benchmark::DoNotOptimize(&places);
  }
}
BENCHMARK(BM_PlaceResolverConstruction)->Unit(benchmark::kMicrosecond);

void BM_ResolveCoordinates(benchmark::State& state) {
  const ReferenceData& reference = Reference();
  const PlaceResolver places(reference);
  for (auto _ : state) {
    benchmark::DoNotOptimize(places.Resolve("51.7946 11.7401"));
  }
}
BENCHMARK(BM_ResolveCoordinates)->Unit(benchmark::kMicrosecond);

void BM_LoadExampleDataset(benchmark::State& state) {
  const ReferenceData& reference = Reference();
  const std::filesystem::path dir =
      std::filesystem::path(JOBMATCH_SOURCE_DIR) / "examples" / "salzlandkreis";
  for (auto _ : state) {
    const Result<Dataset> dataset = LoadCsvDataset(dir, reference, LoaderOptions{});
    if (!dataset.ok()) std::abort();
    benchmark::DoNotOptimize(&dataset);
  }
}
BENCHMARK(BM_LoadExampleDataset)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace jobmatch::bench

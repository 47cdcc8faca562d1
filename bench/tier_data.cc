#include "bench/tier_data.h"

#include <sys/resource.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <utility>

#include "engine/scorer.h"
#include "loaders/reference_loader.h"

namespace jobmatch::bench {
namespace {

template <typename T>
T OrAbort(Result<T> result, const char* what) {
  if (!result.ok()) {
    std::cerr << what << ": " << result.error().ToString() << "\n";
    std::abort();
  }
  return std::move(result).value();
}

}  // namespace

const ReferenceData& Reference() {
  static const ReferenceData* reference =
      new ReferenceData(OrAbort(LoadReferenceData(DefaultReferenceDir()), "reference data"));
  return *reference;
}

const Dataset& TierDataset(Tier tier) {
  static std::map<Tier, std::unique_ptr<Dataset>> cache;
  auto& slot = cache[tier];
  if (!slot) {
    SyntheticOptions options;
    options.tier = tier;
    options.seed = 1;
    options.today = kBenchRunDate;
    slot = std::make_unique<Dataset>(
        OrAbort(GenerateSynthetic(Reference(), options), "synthetic dataset"));
  }
  return *slot;
}

// The graph's arrays, raw, in a fixed order (the cache file of TierGraph).
template <typename Visit>
void ForEachArray(CandidateGraph& g, Visit&& visit) {
  visit(g.arc_begin);
  visit(g.arc_vacancy);
  visit(g.arc_score);
  visit(g.arc_pair);
  visit(g.participant_coordinator);
  visit(g.coordinator_capacity);
  visit(g.vacancy_capacity);
  visit(g.vacancy_employer);
  visit(g.employer_capacity);
}

bool ReadGraph(const std::filesystem::path& file, CandidateGraph* g) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  int32_t sizes[4];
  in.read(reinterpret_cast<char*>(sizes), sizeof sizes);
  g->num_participants = sizes[0];
  g->num_vacancies = sizes[1];
  g->num_coordinators = sizes[2];
  g->num_employers = sizes[3];
  ForEachArray(*g, [&in](auto& v) {
    uint64_t count = 0;
    in.read(reinterpret_cast<char*>(&count), sizeof count);
    v.resize(count);
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(count * sizeof v[0]));
  });
  return in.good() && g->IsValid();
}

void WriteGraph(const std::filesystem::path& file, CandidateGraph g) {
  const std::filesystem::path temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary);
    const int32_t sizes[4] = {
        g.num_participants, g.num_vacancies, g.num_coordinators, g.num_employers};
    out.write(reinterpret_cast<const char*>(sizes), sizeof sizes);
    ForEachArray(g, [&out](auto& v) {
      const uint64_t count = v.size();
      out.write(reinterpret_cast<const char*>(&count), sizeof count);
      out.write(reinterpret_cast<const char*>(v.data()),
                static_cast<std::streamsize>(count * sizeof v[0]));
    });
    if (!out) return;
  }
  std::filesystem::rename(temporary, file);
}

const CandidateGraph& TierGraph(Tier tier) {
  static std::map<Tier, std::unique_ptr<CandidateGraph>> cache;
  auto& slot = cache[tier];
  if (slot) return *slot;
  slot = std::make_unique<CandidateGraph>();
  const char* cache_dir = std::getenv("JOBMATCH_BENCH_CACHE");
  const std::filesystem::path file =
      cache_dir ? std::filesystem::path(cache_dir) /
                      ("graph-tier" + std::to_string(static_cast<int>(tier)) + "-seed1.bin")
                : std::filesystem::path();
  if (cache_dir && ReadGraph(file, slot.get())) return *slot;
  const Dataset& dataset = TierDataset(tier);
  ScoringOptions scoring;
  scoring.run_date = kBenchRunDate;
  const ScoredPairs scored = ScoreTopK(dataset, Reference(), scoring);
  *slot = BuildCandidateGraph(dataset, scored, CandidateOptions{});
  if (cache_dir) WriteGraph(file, *slot);
  return *slot;
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: KiB
}

}  // namespace jobmatch::bench

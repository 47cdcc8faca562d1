// bench/scorer_benchmark.cc
//
// Scoring throughput on synthetic tiers built from the real reference data
// (GenerateSynthetic, fixed seed), and the skill-overlap kernel against Eigen
// products of the same shape.
//
//   BM_ScoreTier/<tier>/<threads>   ScoreTopK end to end (grid, rules, parts,
//       top K): items = pairs examined (within reach); the counter
//       pairs_per_s_per_core divides by the thread count.
//   BM_SkillKernel/<b>/<n>          b participants x n vacancies, counts of
//       essential and optional overlaps with the factorised kernel
//       (engine/skill_profiles.h): items = b * n pairs.
//   BM_EigenSparseProduct/<b>/<n>   the same counts as one Eigen sparse x
//       sparse product (no factorisation).
//   BM_DenseGemm/<b>/<n>            the same counts as dense Eigen GEMM, over
//       all skills (full) or only the skills the block uses (compact).
//
//   build-scorer/bench/scorer_benchmark --benchmark_filter='Tier|Kernel|Gemm|Sparse'
//   build-scorer/bench/scorer_benchmark --benchmark_filter=National   (by hand: ~minutes)
//
// Nothing is logged inside the timed loops.

#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/tier_data.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/scorer.h"
#include "engine/skill_profiles.h"
#include "synth/synthetic.h"

namespace jobmatch {
namespace {

using bench::PeakRssMiB;
using bench::Reference;
using bench::TierDataset;
constexpr Date kRunDate = bench::kBenchRunDate;

void ScoreTier(benchmark::State& state, Tier tier) {
  const Dataset& dataset = TierDataset(tier);
  const double rss_before = PeakRssMiB();  // reference data and dataset
  ScoringOptions options;
  options.run_date = kRunDate;
  options.num_threads = static_cast<int32_t>(state.range(0));
  int64_t examined = 0, kept = 0, eligible = 0;
  std::array<int64_t, kNumExclusionReasons> excluded{};
  for (auto _ : state) {
    const ScoredPairs scored = ScoreTopK(dataset, Reference(), options);
    examined = scored.pairs_examined;
    kept = static_cast<int64_t>(scored.pairs.size());
    excluded = scored.excluded_total;
    eligible = 0;
    for (int32_t e : scored.eligible) eligible += e;
    benchmark::DoNotOptimize(scored.pairs.data());
  }
  state.counters["pairs_eligible"] = static_cast<double>(eligible);
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    state.counters[std::string("x_") +
                   std::string(ExclusionReasonName(static_cast<ExclusionReason>(r)))] =
        static_cast<double>(excluded[static_cast<size_t>(r)]);
  }
  const double threads = static_cast<double>(state.range(0));
  state.SetItemsProcessed(state.iterations() * examined);
  state.counters["participants"] = static_cast<double>(dataset.participants.size());
  state.counters["vacancies"] = static_cast<double>(dataset.vacancies.size());
  state.counters["pairs_examined"] = static_cast<double>(examined);
  state.counters["pairs_kept"] = static_cast<double>(kept);
  state.counters["pairs_per_s_per_core"] = benchmark::Counter(
      static_cast<double>(state.iterations() * examined) / threads, benchmark::Counter::kIsRate);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
  state.counters["rss_before_MiB"] = rss_before;
}

void BM_ScoreDistrict(benchmark::State& state) {
  ScoreTier(state, Tier::kDistrict);
}
void BM_ScoreState(benchmark::State& state) {
  ScoreTier(state, Tier::kState);
}
void BM_ScoreNational(benchmark::State& state) {
  ScoreTier(state, Tier::kNational);
}
BENCHMARK(BM_ScoreDistrict)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScoreState)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_ScoreNational)->Arg(2)->UseRealTime()->Unit(benchmark::kSecond)->Iterations(1);

// --- the skill kernel against Eigen products of the same shape
//
// A block of b state-tier participants against n of the state tier's
// vacancies (real profiles from the generator), so all variants compute the
// same b x n essential and optional overlap counts.

struct KernelCase {
  const Dataset* dataset = nullptr;
  SkillKernel kernel;
  VacancySkillLists lists;
};

const KernelCase& Case() {
  static const KernelCase* c = [] {
    auto* k = new KernelCase;
    k->dataset = &TierDataset(Tier::kState);
    k->kernel = BuildSkillKernel(*k->dataset, Reference());
    k->lists = VacancySkillListsOf(*k->dataset, Reference());
    return k;
  }();
  return *c;
}

using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t>;
using SparseCols = Eigen::SparseMatrix<float, Eigen::ColMajor, int32_t>;

SparseRows ParticipantBlock(const SkillKernel& kernel, int32_t b) {
  std::vector<Eigen::Triplet<float, int32_t>> t;
  for (int32_t r = 0; r < b; ++r) {
    for (int32_t s : kernel.participant_skills.For(r)) t.emplace_back(r, s, 1.0f);
  }
  SparseRows m(b, kernel.num_skills);
  m.setFromTriplets(t.begin(), t.end());
  return m;
}

SparseCols VacancyColumns(const SkillLists& lists, int32_t num_skills, int32_t n) {
  std::vector<Eigen::Triplet<float, int32_t>> t;
  for (int32_t v = 0; v < n; ++v) {
    for (int32_t s : lists.For(v)) t.emplace_back(s, v, 1.0f);
  }
  SparseCols m(num_skills, n);
  m.setFromTriplets(t.begin(), t.end());
  return m;
}

void BM_SkillKernel(benchmark::State& state) {
  const KernelCase& c = Case();
  const auto b = static_cast<int32_t>(state.range(0));
  const auto n = static_cast<int32_t>(state.range(1));
  std::vector<float> ess(static_cast<size_t>(c.kernel.num_profiles), 0.0f);
  std::vector<float> opt(static_cast<size_t>(c.kernel.num_profiles), 0.0f);
  std::vector<uint8_t> marks(static_cast<size_t>(c.kernel.num_skills), 0);
  int64_t checksum = 0;
  for (auto _ : state) {
    for (int32_t p = 0; p < b; ++p) {
      AddProfileCounts(c.kernel, p, ess.data(), opt.data());
      MarkSkills(c.kernel, p, 1, marks.data());
      for (int32_t v = 0; v < n; ++v) {
        const SkillCounts counts =
            PairSkillCounts(c.kernel, ess.data(), opt.data(), marks.data(), v);
        checksum += counts.essential + counts.optional;
      }
      ClearProfileCounts(c.kernel, p, ess.data(), opt.data());
      MarkSkills(c.kernel, p, 0, marks.data());
    }
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(state.iterations() * b * n);
  state.counters["checksum"] = static_cast<double>(checksum / state.iterations());
}

void BM_EigenSparseProduct(benchmark::State& state) {
  const KernelCase& c = Case();
  const auto b = static_cast<int32_t>(state.range(0));
  const auto n = static_cast<int32_t>(state.range(1));
  const SparseRows block = ParticipantBlock(c.kernel, b);
  const SparseRows essential = VacancyColumns(c.lists.essential, c.kernel.num_skills, n);
  const SparseRows optional = VacancyColumns(c.lists.optional, c.kernel.num_skills, n);
  int64_t checksum = 0;
  for (auto _ : state) {
    const SparseRows e = block * essential;
    const SparseRows o = block * optional;
    checksum += static_cast<int64_t>(e.sum() + o.sum());
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(state.iterations() * b * n);
  state.counters["checksum"] = static_cast<double>(checksum / state.iterations());
}

// compact = 1: only the skills that occur in the block or the n vacancies.
void BM_DenseGemm(benchmark::State& state) {
  const KernelCase& c = Case();
  const auto b = static_cast<int32_t>(state.range(0));
  const auto n = static_cast<int32_t>(state.range(1));
  const bool compact = state.range(2) != 0;
  std::vector<int32_t> column(static_cast<size_t>(c.kernel.num_skills), -1);
  int32_t width = 0;
  auto use = [&](int32_t s) {
    if (!compact) return s;
    if (column[static_cast<size_t>(s)] < 0) column[static_cast<size_t>(s)] = width++;
    return column[static_cast<size_t>(s)];
  };
  std::vector<std::pair<int32_t, int32_t>> p_entries, e_entries, o_entries;
  for (int32_t p = 0; p < b; ++p) {
    for (int32_t s : c.kernel.participant_skills.For(p)) p_entries.emplace_back(p, use(s));
  }
  for (int32_t v = 0; v < n; ++v) {
    for (int32_t s : c.lists.essential.For(v)) e_entries.emplace_back(use(s), v);
    for (int32_t s : c.lists.optional.For(v)) o_entries.emplace_back(use(s), v);
  }
  const int32_t skills = compact ? width : c.kernel.num_skills;
  Eigen::MatrixXf participants = Eigen::MatrixXf::Zero(b, skills);
  Eigen::MatrixXf essential = Eigen::MatrixXf::Zero(skills, n);
  Eigen::MatrixXf optional = Eigen::MatrixXf::Zero(skills, n);
  for (auto [r, s] : p_entries) participants(r, s) = 1.0f;
  for (auto [s, v] : e_entries) essential(s, v) = 1.0f;
  for (auto [s, v] : o_entries) optional(s, v) = 1.0f;
  Eigen::MatrixXf e(b, n), o(b, n);
  int64_t checksum = 0;
  for (auto _ : state) {
    e.noalias() = participants * essential;
    o.noalias() = participants * optional;
    checksum += static_cast<int64_t>(e.sum() + o.sum());
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(state.iterations() * b * n);
  state.counters["skills"] = skills;
  state.counters["checksum"] = static_cast<double>(checksum / state.iterations());
}

BENCHMARK(BM_SkillKernel)->Args({64, 2000})->Args({64, 20000});
BENCHMARK(BM_EigenSparseProduct)->Args({64, 2000})->Args({64, 20000});
BENCHMARK(BM_DenseGemm)->Args({64, 2000, 0})->Args({64, 2000, 1})->Args({64, 20000, 1});

}  // namespace
}  // namespace jobmatch

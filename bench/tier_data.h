// bench/tier_data.h
//
// The benchmarks' inputs, built once per process the way `jobmatch generate`
// and `jobmatch run` build them: the real reference data (loaders/refdata),
// a synthetic tier from GenerateSynthetic (seed 1, the same dataset as
// `jobmatch generate --tier <tier> --seed 1`), scored with the default
// ScoringOptions at kBenchRunDate and cut to the default candidate graph.
// Everything is cached for the life of the process and built outside the
// timed loops; a failure aborts with the error.

#ifndef JOBMATCH_BENCH_TIER_DATA_H_
#define JOBMATCH_BENCH_TIER_DATA_H_

#include "engine/candidate_graph.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "synth/synthetic.h"

namespace jobmatch::bench {

// The run date of every benchmark (also GenerateSynthetic's default "today").
inline constexpr Date kBenchRunDate{20'414};

const ReferenceData& Reference();
const Dataset& TierDataset(Tier tier);
// The candidate graph `jobmatch run` would solve for the tier (default
// config). The dataset stays cached too. With JOBMATCH_BENCH_CACHE=DIR set,
// the graph is also kept in DIR/graph-tier<N>-seed1.bin and read from there
// by later processes (saves the national tier's minutes of scoring between
// runs by hand); delete the files after changing the generator or scorer.
const CandidateGraph& TierGraph(Tier tier);

// Peak resident set size of this process so far, in MiB.
double PeakRssMiB();

}  // namespace jobmatch::bench

#endif  // JOBMATCH_BENCH_TIER_DATA_H_

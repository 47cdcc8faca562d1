#include "engine/parallel.h"

#include <gtest/gtest.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <thread>
#include <vector>

namespace jobmatch {
namespace {

TEST(ArenaConcurrency, IsAutomaticForZeroAndNeverMoreThanTheMachineHas) {
  const int automatic = tbb::task_arena::automatic;  // a copy: EXPECT_EQ binds a reference
  EXPECT_EQ(ArenaConcurrency(0), automatic);
  EXPECT_EQ(ArenaConcurrency(1), 1);
  const int cores = tbb::info::default_concurrency();
  EXPECT_EQ(ArenaConcurrency(cores), cores);
  EXPECT_EQ(ArenaConcurrency(cores + 1), cores);
  EXPECT_EQ(ArenaConcurrency(1'000'000), cores);
}

TEST(ForEachTask, RunsEveryTaskOnceOnAnyThreadCount) {
  for (int32_t threads : {0, 1, 2, 3, 1000}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{1000}}) {
      std::vector<std::atomic<int>> runs(n);
      ForEachTask(n, threads, [&](size_t i) { runs[i].fetch_add(1); });
      for (size_t i = 0; i < n; ++i) {
        EXPECT_EQ(runs[i].load(), 1) << "threads " << threads << ", task " << i << " of " << n;
      }
    }
  }
}

TEST(ForEachTask, OneThreadRunsInOrderOnTheCallingThread) {
  std::vector<size_t> order;
  const std::thread::id caller = std::this_thread::get_id();
  bool elsewhere = false;
  ForEachTask(50, 1, [&](size_t i) {
    order.push_back(i);
    elsewhere = elsewhere || std::this_thread::get_id() != caller;
  });
  ASSERT_EQ(order.size(), 50u);
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
  EXPECT_FALSE(elsewhere);
}

}  // namespace
}  // namespace jobmatch

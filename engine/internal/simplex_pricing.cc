#include "engine/internal/simplex_pricing.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

namespace jobmatch::internal {

void BlockSearch::SetBlockDivisor(int32_t divisor) {
  block_divisor_ = divisor;
}

void BlockSearch::Resize(int32_t num_arcs, bool restart) {
  block_size_ =
      std::max(static_cast<int32_t>(std::sqrt(static_cast<double>(num_arcs))) / block_divisor_, 10);
  if (restart || next_arc_ >= num_arcs) next_arc_ = 0;
}

namespace {

// An arc's state times its reduced cost (negative: it may enter), read
// through the basis's raw arrays as the pricing loops hold them.
inline int64_t Priced(const SimplexArc* arc, const int8_t* st, const int64_t* p, int32_t e) {
  return st[e] * (arc[e].cost + p[arc[e].source] - p[arc[e].target]);
}

// The most negative `state * reduced cost` of `count` arcs from `first` on,
// wrapping around at m, and its earliest arc (-1 and 0 when none is negative).
struct BlockMin {
  int64_t min = 0;
  int32_t arc = -1;
};
BlockMin ScanArcs(const SimplexBasis& b, int32_t first, int64_t count) {
  const SimplexArc* const arc = b.arcs.data();
  const int8_t* const st = b.state.data();
  const int64_t* const p = b.pi.data();
  BlockMin best;
  int32_t e = first;
  for (int64_t k = 0; k < count; ++k) {
    const int64_t c = Priced(arc, st, p, e);
    if (c < best.min) {
      best.min = c;
      best.arc = e;
    }
    if (++e == b.m) e = 0;
  }
  return best;
}

}  // namespace

// A thread that scans what Post() gives it and spins in between (a pivot
// takes microseconds: waking a sleeping thread would cost more).
struct BlockSearch::Helper {
  std::atomic<int64_t> posted{0};
  std::atomic<int64_t> done{0};
  std::atomic<bool> stop{false};
  const SimplexBasis* basis = nullptr;
  int32_t first = 0;
  int64_t count = 0;
  BlockMin result;
  std::thread thread;

  Helper() : thread([this] { Loop(); }) {}
  Helper(const Helper&) = delete;
  Helper& operator=(const Helper&) = delete;
  ~Helper() {
    stop.store(true, std::memory_order_relaxed);
    thread.join();
  }
  void Loop() {
    int64_t seen = 0;
    for (;;) {
      int64_t job = 0;
      while ((job = posted.load(std::memory_order_acquire)) == seen) {
        if (stop.load(std::memory_order_relaxed)) return;
        Pause();
      }
      seen = job;
      result = ScanArcs(*basis, first, count);
      done.store(job, std::memory_order_release);
    }
  }
  void Post(const SimplexBasis& b, int32_t from, int64_t n) {
    basis = &b;
    first = from;
    count = n;
    posted.store(posted.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }
  BlockMin Wait() const {
    const int64_t job = posted.load(std::memory_order_relaxed);
    while (done.load(std::memory_order_acquire) != job) Pause();
    return result;
  }
  static void Pause() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
};

void BlockSearch::StartSolve(bool two_threads, int32_t min_block) {
  wraps_ = 0;
  if (two_threads && block_size_ >= min_block) {
    if (!helper_) helper_ = std::make_shared<Helper>();
  } else {
    helper_.reset();
  }
}

void BlockSearch::EndSolve() {
  helper_.reset();
}

// Find<false>'s search with each block split in two halves, the second on
// the helper. Blocks are counted from next_arc_ around the cycle of m arcs
// exactly as there: a block that ends with a negative minimum returns (and
// its last arc is priced again first next time), the last block of the
// cycle may be shorter, and a wrap-around counts when the search goes on
// past arc m - 1.
int32_t BlockSearch::FindOnTwoThreads(const SimplexBasis& b) {
  const int64_t m = b.m;
  const int64_t start = next_arc_;
  const int64_t last_arc_offset = m - 1 - start;
  auto arc_at = [&](int64_t offset) { return static_cast<int32_t>((start + offset) % m); };
  for (int64_t offset = 0; offset < m;) {
    const int64_t size = std::min<int64_t>(block_size_, m - offset);
    const int64_t half = size / 2;
    helper_->Post(b, arc_at(offset + half), size - half);
    const BlockMin first = ScanArcs(b, arc_at(offset), half);
    const BlockMin second = helper_->Wait();
    const BlockMin best = second.min < first.min ? second : first;
    const bool spans_last_arc = offset <= last_arc_offset && last_arc_offset < offset + size;
    const bool full = size == block_size_;
    if (full && best.min < 0) {
      if (spans_last_arc && last_arc_offset != offset + size - 1) ++wraps_;
      next_arc_ = arc_at(offset + size - 1);
      return best.arc;
    }
    if (spans_last_arc) ++wraps_;
    offset += size;
    if (!full) {
      if (best.min >= 0) return -1;
      return best.arc;  // next_arc_ stays: the search ended where it began
    }
  }
  return -1;
}

template <bool kSkipFixed>
int32_t BlockSearch::Find(const SimplexBasis& b) {
  if constexpr (!kSkipFixed) {
    if (helper_) return FindOnTwoThreads(b);
  }
  const SimplexArc* const arc = b.arcs.data();
  const int8_t* const st = b.state.data();
  const int64_t* const p = b.pi.data();
  const int64_t* const cap = b.cap.data();
  const int32_t m = b.m;
  int64_t min = 0;
  int32_t in_arc = -1;
  int32_t count = block_size_;
  int32_t e = next_arc_;
  auto scan = [&](int32_t end) {
    for (; e != end; ++e) {
      const int64_t c = Priced(arc, st, p, e);
      if (c < min && (!kSkipFixed || cap[e] != 0)) {
        min = c;
        in_arc = e;
      }
      if (--count == 0) {
        if (min < 0) return true;
        count = block_size_;
      }
    }
    return false;
  };
  if (scan(m) || (e = 0, ++wraps_, scan(next_arc_))) {
    next_arc_ = e;  // the block's last arc is priced again first
    return in_arc;
  }
  if (min >= 0) return -1;
  next_arc_ = e;
  return in_arc;
}

template int32_t BlockSearch::Find<false>(const SimplexBasis& b);
template int32_t BlockSearch::Find<true>(const SimplexBasis& b);

int32_t FindEnteringArcIn(const SimplexBasis& b, const std::vector<int32_t>& list, size_t* next) {
  const auto size = list.size();
  const auto block =
      std::max<size_t>(static_cast<size_t>(std::sqrt(static_cast<double>(size))), 10);
  int64_t min = 0;
  int32_t in_arc = -1;
  size_t count = block;
  size_t i = *next;
  for (size_t scanned = 0; scanned < size; ++scanned) {
    const int32_t e = list[i];
    const int64_t c = b.state[e] * b.ReducedCost(e);
    if (c < min && b.cap[e] != 0) {
      min = c;
      in_arc = e;
    }
    if (++i == size) i = 0;
    if (--count == 0) {
      if (min < 0) break;
      count = block;
    }
  }
  *next = i;
  return min < 0 ? in_arc : -1;
}

void MovedNodes::Build(const SimplexBasis& b) {
  const int32_t n = b.n;
  const int32_t m = b.m;
  incident_begin_.assign(static_cast<size_t>(n) + 2, 0);
  for (int32_t e = 0; e < m; ++e) {
    ++incident_begin_[b.arcs[e].source + 1];
    ++incident_begin_[b.arcs[e].target + 1];
  }
  for (int32_t i = 0; i <= n; ++i) incident_begin_[i + 1] += incident_begin_[i];
  incident_.resize(static_cast<size_t>(incident_begin_[n + 1]));
  std::vector<int32_t> fill(incident_begin_.begin(), incident_begin_.end() - 1);
  for (int32_t e = 0; e < m; ++e) {
    incident_[fill[b.arcs[e].source]++] = e;
    incident_[fill[b.arcs[e].target]++] = e;
  }
  is_moved_.assign(static_cast<size_t>(n) + 1, 0);
}

void MovedNodes::StartSolve() {
  for (int32_t u : moved_) is_moved_[u] = 0;
  moved_.clear();
  next_ = 0;
}

void MovedNodes::Record(const SimplexBasis& b) {
  if (b.succ_num[b.u_in] > kMovedSubtree) return;
  int32_t u = b.u_in;
  for (int32_t i = b.succ_num[b.u_in]; i > 0; --i, u = b.thread[u]) {
    if (!is_moved_[u]) {
      is_moved_[u] = 1;
      moved_.push_back(u);
    }
  }
}

int32_t MovedNodes::Find(const SimplexBasis& b) {
  int64_t min = 0;
  int32_t in_arc = -1;
  int32_t priced = 0;
  while (next_ < moved_.size() && (min == 0 || priced < kMovedBlock)) {
    const int32_t u = moved_[next_++];
    is_moved_[u] = 0;
    for (int32_t k = incident_begin_[u]; k < incident_begin_[u + 1]; ++k) {
      const int32_t e = incident_[k];
      const int64_t c = b.state[e] * b.ReducedCost(e);
      if (c < min && b.cap[e] != 0) {
        min = c;
        in_arc = e;
      }
    }
    priced += incident_begin_[u + 1] - incident_begin_[u];
  }
  if (next_ == moved_.size()) {
    moved_.clear();
    next_ = 0;
  }
  return min < 0 ? in_arc : -1;
}

int32_t WarmPricing::Find(const SimplexBasis& b) {
  int32_t e = -1;
  if (!first_.empty()) {
    e = FindEnteringArcIn(b, first_, &next_first_);
    if (e < 0) first_.clear();
  }
  if (e < 0 && !moved_->empty()) e = moved_->Find(b);
  if (e < 0) e = block_->Find</*kSkipFixed=*/true>(b);
  if (e >= 0 && block_->wraps() >= MovedNodes::kWrapsBeforeMoved && !moved_->built()) {
    moved_->Build(b);
  }
  return e;
}

}  // namespace jobmatch::internal

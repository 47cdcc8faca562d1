// engine/internal/simplex_pricing.h
//
// Pricing rules of NetworkSimplex (engine/min_cost_flow.h): which arc enters
// the basis next. Private to the solver.
//
//  * BlockSearch: blocks of about sqrt(arcs) arcs (or a set fraction of
//    that: NetworkSimplex::ArcOrder) from where the last search
//    stopped, wrapping around; the most negative `state * reduced cost` of
//    the first block that has one (the earliest on ties). Its position
//    survives between solves. A cold solve may price each block on two
//    threads (StartSolve): a helper thread takes the block's second half,
//    and the halves' minima combine with ties to the first half, so the
//    entering arc, and with it every pivot, is the one-thread search's.
//  * FindEnteringArcIn: the same over a list of arcs (edited and new arcs,
//    priced first in a warm solve).
//  * MovedNodes: the arcs at nodes whose potentials a pivot moved in a small
//    subtree (warm solves whose block search wrapped around often).
//  * ColdPricing / WarmPricing: the rule of one solve, chosen once at its
//    start (NetworkSimplex's Run<Pricing>()): a cold solve uses the block
//    search alone; a warm one prices edited arcs, then moved nodes, then the
//    block search.
//
// Every Find returns the entering arc or -1 when none prices negative; only
// the block search's -1 proves optimality (it has priced every arc).
//
// Example:
//   ColdPricing pricing{&block};
//   for (int32_t e; (e = pricing.Find(basis)) >= 0;) { pivot on e; pricing.AfterPivot(basis); }

#ifndef JOBMATCH_ENGINE_INTERNAL_SIMPLEX_PRICING_H_
#define JOBMATCH_ENGINE_INTERNAL_SIMPLEX_PRICING_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "engine/internal/simplex_basis.h"

namespace jobmatch::internal {

class BlockSearch {
 public:
  // Blocks of max(sqrt(num_arcs) / divisor, 10) arcs from the next Resize()
  // on (NetworkSimplex::ArcOrder; 1 until set).
  void SetBlockDivisor(int32_t divisor);
  // Sets the block size for `num_arcs`; `restart` starts at arc 0, else the
  // position is kept when still in range.
  void Resize(int32_t num_arcs, bool restart);
  // Clears the wrap-around count at the start of a solve. two_threads:
  // Find<false> prices blocks of at least min_block arcs on two threads,
  // with a helper thread that spins until EndSolve().
  void StartSolve(bool two_threads, int32_t min_block);
  void EndSolve();
  // kSkipFixed: arcs of capacity 0 never enter (warm solves; see WarmPricing).
  template <bool kSkipFixed = false>
  int32_t Find(const SimplexBasis& b);
  // Times this solve's search wrapped around.
  int32_t wraps() const { return wraps_; }

 private:
  struct Helper;  // the second thread of a two-thread search
  int32_t FindOnTwoThreads(const SimplexBasis& b);
  std::shared_ptr<Helper> helper_;  // while a two-thread solve runs
  int32_t block_divisor_ = 1;
  int32_t block_size_ = 10;
  int32_t next_arc_ = 0;
  int32_t wraps_ = 0;
};

// Block search over `list` (arcs may repeat) from *next on; -1 once a full
// pass finds no arc to enter.
int32_t FindEnteringArcIn(const SimplexBasis& b, const std::vector<int32_t>& list, size_t* next);

// The arcs at every node (built the first time needed: 8 bytes per arc) and
// the nodes of small moved subtrees not priced since they moved.
class MovedNodes {
 public:
  // After this many wrap-arounds in one solve, subtrees of at most
  // kMovedSubtree nodes whose potentials move are priced next.
  static constexpr int32_t kWrapsBeforeMoved = 8;
  static constexpr int32_t kMovedSubtree = 64;
  static constexpr int32_t kMovedBlock = 64;  // arcs priced before one may enter

  // Forgets the incidence lists (the arcs changed).
  void Invalidate() { incident_begin_.clear(); }
  bool built() const { return !incident_begin_.empty(); }
  void Build(const SimplexBasis& b);
  // Forgets the moved nodes of the last solve.
  void StartSolve();
  // Records the subtree of b.u_in after a pivot moved its potentials, if small.
  void Record(const SimplexBasis& b);
  // Takes moved nodes in order until their arcs make a block (kMovedBlock
  // arcs) holding one to enter, and returns the most negative; -1 once all
  // moved nodes are priced without one.
  int32_t Find(const SimplexBasis& b);
  bool empty() const { return moved_.empty(); }

 private:
  std::vector<int32_t> incident_begin_, incident_;
  std::vector<int32_t> moved_;
  std::vector<char> is_moved_;
  size_t next_ = 0;
};

struct ColdPricing {
  static constexpr bool kWarm = false;
  BlockSearch* block;
  int32_t Find(const SimplexBasis& b) const { return block->Find(b); }
  void AfterPivot(const SimplexBasis&) {}
};

// Arcs of capacity 0 (removed arcs, vacancies without openings, moved
// participants' old intake arcs) are never priced: they can carry no flow,
// so they take no part in optimality, and entering one would only flip its
// bound, again each time the potentials drift past its cost (a session's
// removed arcs accumulate, and each flip costs a search).
class WarmPricing {
 public:
  static constexpr bool kWarm = true;
  // `first`: arcs edited or added since the last solve.
  WarmPricing(BlockSearch* block, MovedNodes* moved, std::vector<int32_t> first)
      : block_(block), moved_(moved), first_(std::move(first)) {}
  int32_t Find(const SimplexBasis& b);
  void AfterPivot(const SimplexBasis& b) {
    if (block_->wraps() >= MovedNodes::kWrapsBeforeMoved && moved_->built()) moved_->Record(b);
  }

 private:
  BlockSearch* block_;
  MovedNodes* moved_;
  std::vector<int32_t> first_;
  size_t next_first_ = 0;
};

}  // namespace jobmatch::internal

#endif  // JOBMATCH_ENGINE_INTERNAL_SIMPLEX_PRICING_H_

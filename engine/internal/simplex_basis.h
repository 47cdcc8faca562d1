// engine/internal/simplex_basis.h
//
// The spanning-tree basis of NetworkSimplex (engine/min_cost_flow.h) and the
// operations of one pivot on it. Private to the solver.
//
// Numbering. Internal node 0 is the root; node u of the problem is internal
// node u + 1. Real arcs sit in [0, m) in pricing order, then the artificial
// arc of internal node i (joining it and the root) at Art(i) = m + i - 1.
//
// The basis. Every arc is in the tree (state kTree) or at a bound (kLower:
// flow 0, kUpper: flow = capacity). The tree is stored as parent, pred (the
// tree arc to the parent), pred_dir (kUp: that arc points to the parent),
// a thread (preorder, a cycle through the root), its reverse, subtree sizes
// (succ_num) and the last node of each subtree in the thread (last_succ).
// Potentials pi make every tree arc's reduced cost zero, pi[root] = 0.
//
// Invariant (CheckBasis): the tree arrays describe one spanning tree and its
// preorder; flows meet the supplies and lie within their bounds; tree arcs
// have zero reduced cost; and the tree is strongly feasible (every node can
// send a positive amount of flow to the root along its tree path), except at
// zero arcs of warm solves: a tree arc without flow pointing down into a node
// of supply 0 whose only in-arc (single_in) it is (see
// engine/internal/simplex_warm.h, "Zero leaves").
//
// Example (one pivot, the entering arc chosen by a pricing rule):
//   basis.in_arc = entering;
//   basis.FindJoin();
//   const bool change = basis.FindLeavingArc();
//   basis.ChangeFlow(change);
//   if (change) { basis.UpdateTree(); basis.UpdatePotentials(); }

#ifndef JOBMATCH_ENGINE_INTERNAL_SIMPLEX_BASIS_H_
#define JOBMATCH_ENGINE_INTERNAL_SIMPLEX_BASIS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/min_cost_flow.h"

namespace jobmatch::internal {

inline constexpr int64_t kInf = kInfiniteCapacity;
inline constexpr int32_t kRoot = 0;
// Arc states: non-tree arcs sit at a bound; `state * reduced cost < 0` marks
// an arc that improves the objective when it enters the basis.
inline constexpr int8_t kUpper = -1;
inline constexpr int8_t kTree = 0;
inline constexpr int8_t kLower = 1;
// Direction of a node's tree arc: kUp if the arc points to the parent.
inline constexpr int8_t kDown = -1;
inline constexpr int8_t kUp = 1;

struct SimplexArc {
  int32_t source;
  int32_t target;
  int64_t cost;
};

struct SimplexBasis {
  int32_t n = 0;                 // real nodes (internal nodes 1..n)
  int32_t m = 0;                 // real arcs
  std::vector<SimplexArc> arcs;  // m + n, one stream for pricing
  std::vector<int64_t> cap, flow;
  std::vector<int8_t> state;
  std::vector<int64_t> supply;  // n + 1

  std::vector<int32_t> parent, pred, thread, rev_thread, succ_num, last_succ;  // n + 1
  std::vector<int8_t> pred_dir;
  std::vector<int64_t> pi;
  int64_t art_cost = 0;  // big-M cost of an artificial arc into a node

  // Warm solves: per node its only real in-arc; -1 none, -2 several. Empty
  // in cold solves, which have no zero arcs.
  std::vector<int32_t> single_in;

  // The current pivot.
  int32_t in_arc = 0, join = 0, u_in = 0, v_in = 0, u_out = 0;
  int64_t delta = 0;
  std::vector<int32_t> stem, stem_rev, stem_last, stem_after;  // UpdateTree() scratch

  int32_t Art(int32_t i) const { return m + i - 1; }
  int64_t ReducedCost(int32_t e) const {
    return arcs[e].cost + pi[arcs[e].source] - pi[arcs[e].target];
  }

  // The all-artificial star: every node hangs from the root and carries its
  // supply on its artificial arc. Arrays sized for n nodes and m real arcs
  // (arcs, cap, flow, state already filled by the caller).
  void MakeStar();
  // Hangs internal node i from the root by its artificial arc, oriented so
  // that it carries `out_of_subtree` (what i's subtree sends out) as flow >= 0.
  void SetArtificial(int32_t i, int64_t out_of_subtree);
  // Rebuilds thread, rev_thread, succ_num and last_succ from parent[];
  // children keep the order of the previous preorder (nodes not on it last,
  // by index).
  void RebuildTree();
  // pi from the tree arcs' costs, top down (pi[root] = 0).
  void ComputePotentials();
  // Moves the subtree of v (not a child of the root) to the front of the
  // thread, right after the root, and takes it off its ancestors' counts; the
  // caller then sets v's tree arc. O(depth of v).
  void HangFromRoot(int32_t v);

  // One pivot on in_arc (see the example above).
  void FindJoin();
  bool FindLeavingArc();  // false: in_arc only flips bound
  void ChangeFlow(bool change);
  void UpdateTree();
  void UpdatePotentials();
};

// Verifies the invariant at the top of this file in O(nodes + arcs); returns
// "" when it holds, else the first violation found. Zero arcs are allowed
// only where basis.single_in is filled (warm solves).
[[nodiscard]] std::string CheckBasis(const SimplexBasis& basis);

// The cheap part of CheckBasis, O(nodes): the thread visits every node once,
// tree arcs join each node to its parent, have zero reduced cost and flow
// within their bounds. Run at the end of every solve in every build.
[[nodiscard]] std::string CheckTree(const SimplexBasis& basis);
// CheckTree() == "", branch-light, for the end of every solve.
[[nodiscard]] bool TreeHolds(const SimplexBasis& basis);

// Test access to a solver's basis (tests/engine/min_cost_flow_test.cc breaks
// a copy's invariants to see CheckBasis fail).
class SimplexTestAccess {
 public:
  static const SimplexBasis& Basis(const NetworkSimplex& simplex);
};

}  // namespace jobmatch::internal

#endif  // JOBMATCH_ENGINE_INTERNAL_SIMPLEX_BASIS_H_

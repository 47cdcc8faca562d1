// engine/internal/simplex_warm.h
//
// Edits of a NetworkSimplex basis between solves (engine/min_cost_flow.h,
// "Warm start"), and the first basis built around a caller's flow. Private to
// the solver.
//
// Edits are recorded when made (SetCost, SetCapacity, SetSupply; Grow for
// appended arcs and nodes) and applied at the next solve by Repair(), which
// recomputes the tree flows and potentials; HangZeroLeaves() then hangs every
// zero leaf from its in-arc. Between an edit and Repair() the basis does not
// satisfy CheckBasis (costs, capacities or supplies moved under it); after
// Repair(), HangZeroLeaves() and HangLeaf() it does.
//
// Zero leaves. A node of supply 0 whose only in-arc and tree arc carry no
// flow carries none at all: in the assignment network, an unplaced
// participant. The strongly feasible tree hangs it below its best vacancy, so
// every move of that vacancy's potential costs a degenerate pivot to hang it
// below another. Hung from its in-arc instead (coordinator -> participant),
// its potential follows the coordinator's, and the price of each of its
// out-arcs is that of placing it there. This breaks strong feasibility at the
// leaf alone, and harmlessly: a cycle reaches the leaf only through an
// entering out-arc and pushes flow forward through the in-arc, so no pivot
// ever blocks there, and such a pivot either gives the leaf flow or hangs it
// (strongly) below the entering arc's head. A zero leaf may in turn become
// the tail of another's in-arc (a vacancy with one candidate hung below an
// unplaced participant): the exception is any tree arc without flow that is
// the only in-arc of its head (CheckBasis, "zero arcs"). Two things would
// make such an arc block and are kept out: an arc of capacity 0 entering
// (the warm solve only flips its bound) and a second in-arc added to the
// node (Grow() marks the node, Repair() re-hangs it).
//
// Example (a warm solve's preparation):
//   if (edits.Grow(basis, problem, &internal_arc)) basis.RebuildTree();
//   WarmEdits::FindSingleInArcs(basis);
//   edits.Repair(basis, /*from_scratch=*/false);
//   edits.HangZeroLeaves(basis);

#ifndef JOBMATCH_ENGINE_INTERNAL_SIMPLEX_WARM_H_
#define JOBMATCH_ENGINE_INTERNAL_SIMPLEX_WARM_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/internal/simplex_basis.h"
#include "engine/min_cost_flow.h"

namespace jobmatch::internal {

struct WarmEdits {
  std::vector<int64_t> solved_supply;  // supplies the current flows meet (n + 1)
  std::vector<int32_t> touched_nodes;  // internal nodes whose supply changed
  std::vector<int32_t> touched_arcs;   // internal arcs whose capacity changed
  std::vector<int32_t> priced_first;   // internal arcs whose cost changed or that are new
  bool tree_cost_changed = false;      // a tree arc's cost was edited
  int64_t repaired_art_cost = 0;       // the big-M cost the potentials were computed with

  // After a cold start: the basis meets its supplies, nothing is edited.
  void Reset(const SimplexBasis& b);

  // Record one edit of internal arc e or internal node i.
  void SetCost(SimplexBasis& b, int32_t e, int64_t cost);
  void SetCapacity(SimplexBasis& b, int32_t e, int64_t capacity);
  void SetSupply(SimplexBasis& b, int32_t i, int64_t supply);

  // Appends arcs and nodes added to `p` since the last solve to the basis
  // arrays (real arcs keep their index, artificial ones shift up); new nodes
  // hang from the root, new arcs sit at 0 and are priced first. Returns
  // whether anything was added (the caller rebuilds the thread, the pricing
  // sizes and the incidence lists).
  bool Grow(SimplexBasis& b, const FlowProblem& p, std::vector<int32_t>* internal_arc);
  // Fills b.single_in if the node count changed; returns whether it did.
  static bool FindSingleInArcs(SimplexBasis& b);

  // Recomputes the tree flows for the current supplies and capacities: from
  // scratch (non-tree arcs at their bounds, tree flows from the supplies), or
  // from the edits since the last solve (supply changes and non-tree arcs
  // moved to a new upper bound, pushed up the tree as deltas). A tree arc
  // whose flow leaves its bounds (or strong feasibility) goes to the violated
  // bound and its subtree hangs from the root by its artificial arc. Then
  // rebuilds the potentials.
  void Repair(SimplexBasis& b, bool from_scratch);

  // Hangs every zero leaf from its in-arc: one by one in O(depth) when few,
  // else all at once and the tree rebuilt (the first warm solve after a cold
  // one).
  void HangZeroLeaves(SimplexBasis& b);

 private:
  std::vector<int64_t> excess_;                      // Repair() scratch, n + 1
  std::vector<std::pair<int32_t, int64_t>> detach_;  // Repair(): node, flow of its artificial arc
  std::vector<int32_t> leaves_;                      // HangZeroLeaves() scratch
};

// The in-arc zero leaf i may hang from instead of its tree arc, or -1: i is
// a leaf hung upwards by an arc without flow, its only in-arc carries no flow
// and would not be priced as entering (reduced cost >= 0). Needs b.single_in.
int32_t ZeroLeafArc(const SimplexBasis& b, int32_t i);

// Moves leaf i below the tail of arc a (its tree arc from now on). O(depth).
void HangLeaf(SimplexBasis& b, int32_t i, int32_t a);

// A first basis around `starting_flow` (external arc order; internal_arc
// maps it): arcs strictly between their bounds join the tree; the tree grows
// breadth-first from the nodes of largest |supply| through arcs at a bound
// that keep it strongly feasible (an arc at 0 may hang its tail below its
// head, a full arc its head below its tail); what stays unreached hangs from
// the root. Repair() then sets the tree flows and detaches what the given
// flow leaves infeasible. Expects the star basis of MakeStar().
void CrashBasis(SimplexBasis& b,
                const std::vector<int32_t>& internal_arc,
                const std::vector<int64_t>& starting_flow,
                WarmEdits* edits);

}  // namespace jobmatch::internal

#endif  // JOBMATCH_ENGINE_INTERNAL_SIMPLEX_WARM_H_

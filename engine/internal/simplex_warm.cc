#include "engine/internal/simplex_warm.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace jobmatch::internal {
namespace {

// Makes zero leaf i's in-arc a its tree arc in place of the one it has (no
// flow on either); thread, subtree sizes and potentials are the caller's.
void TakeInArc(SimplexBasis& b, int32_t i, int32_t a) {
  b.state[b.pred[i]] = kLower;
  b.state[a] = kTree;
  b.pred[i] = a;
  b.parent[i] = b.arcs[a].source;
  b.pred_dir[i] = kDown;
}

}  // namespace

void WarmEdits::Reset(const SimplexBasis& b) {
  solved_supply = b.supply;
  touched_nodes.clear();
  touched_arcs.clear();
  priced_first.clear();
  tree_cost_changed = false;
  repaired_art_cost = b.art_cost;
}

void WarmEdits::SetCost(SimplexBasis& b, int32_t e, int64_t cost) {
  b.arcs[e].cost = cost;
  priced_first.push_back(e);
  if (b.state[e] == kTree) tree_cost_changed = true;
}

void WarmEdits::SetCapacity(SimplexBasis& b, int32_t e, int64_t capacity) {
  b.cap[e] = capacity;
  touched_arcs.push_back(e);
}

void WarmEdits::SetSupply(SimplexBasis& b, int32_t i, int64_t supply) {
  b.supply[i] = supply;
  touched_nodes.push_back(i);
}

bool WarmEdits::Grow(SimplexBasis& b, const FlowProblem& p, std::vector<int32_t>* internal_arc) {
  const int32_t new_n = p.num_nodes();
  const int32_t new_m = static_cast<int32_t>(p.num_arcs());
  if (new_n == b.n && new_m == b.m) return false;
  b.single_in.clear();
  const int32_t old_n = b.n, old_m = b.m;
  const int32_t all = new_m + new_n;
  auto shift_artificial = [&](auto& v) {
    v.resize(std::max(v.size(), static_cast<size_t>(all)));
    std::move_backward(v.begin() + old_m, v.begin() + old_m + old_n, v.begin() + new_m + old_n);
    v.resize(all);
  };
  shift_artificial(b.arcs);
  shift_artificial(b.cap);
  shift_artificial(b.flow);
  shift_artificial(b.state);
  internal_arc->resize(new_m);
  for (int32_t k = old_m; k < new_m; ++k) {
    (*internal_arc)[k] = k;
    b.arcs[k].source = p.arc_tail[k] + 1;
    b.arcs[k].target = p.arc_head[k] + 1;
    b.arcs[k].cost = p.arc_cost[k];
    b.cap[k] = p.arc_capacity[k];
    b.flow[k] = 0;
    b.state[k] = kLower;
  }
  for (int32_t i = 1; i <= old_n; ++i) {
    if (b.pred[i] >= old_m) b.pred[i] += new_m - old_m;
  }
  const int32_t size = new_n + 1;
  b.parent.resize(size, kRoot);
  b.pred.resize(size, -1);
  b.thread.resize(size, kRoot);
  b.rev_thread.resize(size, kRoot);
  b.succ_num.resize(size, 1);
  b.last_succ.resize(size, 0);
  b.pred_dir.resize(size, kUp);
  b.pi.resize(size, 0);
  b.supply.resize(size, 0);
  b.n = new_n;
  b.m = new_m;
  solved_supply.resize(size, 0);
  for (int32_t i = old_n + 1; i < size; ++i) {
    b.supply[i] = p.supply[i - 1];
    b.SetArtificial(i, 0);  // Repair() sets the flow
    touched_nodes.push_back(i);
  }
  for (int32_t k = old_m; k < new_m; ++k) priced_first.push_back(k);  // real arcs keep their index
  // A new arc into a node hung from its only in-arc without flow ends that
  // exception (the arc is no longer the only one): Repair() re-hangs it.
  for (int32_t k = old_m; k < new_m; ++k) {
    const int32_t h = b.arcs[k].target;
    if (h <= old_n && b.pred_dir[h] == kDown && b.pred[h] < old_m && b.flow[b.pred[h]] == 0) {
      touched_nodes.push_back(h);
    }
  }
  return true;
}

bool WarmEdits::FindSingleInArcs(SimplexBasis& b) {
  if (static_cast<int32_t>(b.single_in.size()) == b.n + 1) return false;
  b.single_in.assign(static_cast<size_t>(b.n) + 1, -1);
  for (int32_t e = 0; e < b.m; ++e) {
    int32_t& s = b.single_in[b.arcs[e].target];
    s = s == -1 ? e : -2;
  }
  return true;
}

int32_t ZeroLeafArc(const SimplexBasis& b, int32_t i) {
  if (b.succ_num[i] != 1 || b.supply[i] != 0 || b.pred_dir[i] != kUp) return -1;
  const int32_t t = b.pred[i];
  const int32_t a = b.single_in[i];
  if (t >= b.m || b.flow[t] != 0 || a < 0 || b.state[a] != kLower || b.cap[a] == 0) return -1;
  const int32_t u = b.arcs[a].source;
  if (u == i || b.arcs[a].cost + b.pi[u] - b.pi[i] < 0) return -1;
  return a;
}

void HangLeaf(SimplexBasis& b, int32_t i, int32_t a) {
  const int32_t before = b.rev_thread[i];
  const int32_t after = b.thread[i];
  b.thread[before] = after;
  b.rev_thread[after] = before;
  for (int32_t u = b.parent[i]; u != -1 && b.last_succ[u] == i; u = b.parent[u]) {
    b.last_succ[u] = before;
  }
  for (int32_t u = b.parent[i]; u != -1; u = b.parent[u]) --b.succ_num[u];
  const int32_t u = b.arcs[a].source;
  TakeInArc(b, i, a);
  b.pi[i] = b.pi[u] + b.arcs[a].cost;
  const int32_t next = b.thread[u];
  b.thread[u] = i;
  b.rev_thread[i] = u;
  b.thread[i] = next;
  b.rev_thread[next] = i;
  for (int32_t w = u; w != -1 && b.last_succ[w] == u; w = b.parent[w]) b.last_succ[w] = i;
  for (int32_t w = u; w != -1; w = b.parent[w]) ++b.succ_num[w];
}

void WarmEdits::HangZeroLeaves(SimplexBasis& b) {
  leaves_.clear();
  for (int32_t i = 1; i <= b.n; ++i) {
    if (ZeroLeafArc(b, i) >= 0) leaves_.push_back(i);
  }
  if (static_cast<int64_t>(leaves_.size()) * 16 < b.n) {
    for (int32_t i : leaves_) HangLeaf(b, i, ZeroLeafArc(b, i));
    return;
  }
  for (int32_t i : leaves_) TakeInArc(b, i, b.single_in[i]);
  if (!leaves_.empty()) {
    b.RebuildTree();
    b.ComputePotentials();
  }
}

void WarmEdits::Repair(SimplexBasis& b, bool from_scratch) {
  const int32_t n = b.n;
  const int32_t m = b.m;
  // Only costs changed: the flows stand; potentials move if a tree arc's
  // cost or the big-M cost did.
  const bool costs_only = !from_scratch && touched_nodes.empty() && touched_arcs.empty();
  if (costs_only && !tree_cost_changed && repaired_art_cost == b.art_cost) return;
  tree_cost_changed = false;
  repaired_art_cost = b.art_cost;
  // Artificial arcs into nodes carry the big-M cost, which follows max |cost|.
  for (int32_t i = 1; i <= n; ++i) {
    if (b.arcs[b.Art(i)].source == kRoot) b.arcs[b.Art(i)].cost = b.art_cost;
  }
  if (costs_only) {
    b.ComputePotentials();
    return;
  }
  // `excess`: what each subtree must send to its parent beyond (from
  // scratch: instead of) what its tree arc carries now.
  excess_.assign(static_cast<size_t>(n) + 1, 0);
  auto settle = [&](int32_t e) {  // a non-tree arc to its bound
    const int64_t old = b.flow[e];
    if (e >= m || b.state[e] == kLower || b.cap[e] == kInf) {
      b.state[e] = kLower;
      b.flow[e] = 0;
    } else {
      b.flow[e] = b.cap[e];
    }
    const int64_t change = b.flow[e] - (from_scratch ? 0 : old);
    excess_[b.arcs[e].source] -= change;
    excess_[b.arcs[e].target] += change;
  };
  if (from_scratch) {
    std::copy(b.supply.begin(), b.supply.end(), excess_.begin());
    for (int32_t e = 0; e < m + n; ++e) {
      if (b.state[e] != kTree) settle(e);
    }
  } else {
    for (int32_t i : touched_nodes) {
      excess_[i] += b.supply[i] - solved_supply[i];
    }
    for (int32_t e : touched_arcs) {
      if (b.state[e] != kTree) settle(e);
    }
  }
  solved_supply = b.supply;
  touched_nodes.clear();
  // Tree flows bottom-up (reverse preorder visits children first).
  bool detached = false;
  for (int32_t v = b.rev_thread[kRoot]; v != kRoot; v = b.rev_thread[v]) {
    const int32_t e = b.pred[v];
    const int64_t old_out = from_scratch ? 0 : (b.pred_dir[v] == kUp ? b.flow[e] : -b.flow[e]);
    const int64_t out = old_out + excess_[v];
    if (e >= m) {
      b.SetArtificial(v, out);
      continue;
    }
    const int64_t f = b.pred_dir[v] == kUp ? out : -out;
    // Strongly feasible: positive flow can go from v to the root.
    // A zero leaf hung from its in-arc may stay (see ZeroLeafArc()).
    const bool zero_leaf = !from_scratch && f == 0 && b.succ_num[v] == 1 && b.single_in[v] == e;
    const bool ok = b.pred_dir[v] == kUp ? (f >= 0 && (b.cap[e] == kInf || f < b.cap[e]))
                                         : ((f > 0 || zero_leaf) && f <= b.cap[e]);
    if (ok) {
      b.flow[e] = f;
      excess_[b.parent[v]] += out - old_out;
      continue;
    }
    const int64_t bound = f <= 0 ? 0 : b.cap[e];
    b.flow[e] = bound;
    b.state[e] = bound == 0 ? kLower : kUpper;
    const int64_t carried = b.pred_dir[v] == kUp ? bound : -bound;
    excess_[b.parent[v]] += carried - old_out;
    if (from_scratch) {
      b.SetArtificial(v, out - carried);
      detached = true;
    } else {
      detach_.emplace_back(v, out - carried);  // moved once the tree flows are done
    }
  }
  touched_arcs.clear();
  if (detached) b.RebuildTree();
  // Children first (reverse preorder), while their ancestors still hang as before.
  for (const auto& [v, out_of_subtree] : detach_) {
    b.HangFromRoot(v);
    b.SetArtificial(v, out_of_subtree);
  }
  detach_.clear();
  b.ComputePotentials();
}

void CrashBasis(SimplexBasis& b,
                const std::vector<int32_t>& internal_arc,
                const std::vector<int64_t>& starting_flow,
                WarmEdits* edits) {
  const int32_t n = b.n;
  const int32_t m = b.m;
  const int32_t size = n + 1;
  std::vector<SimplexArc>& arcs = b.arcs;
  std::vector<int8_t>& state = b.state;
  std::vector<int64_t>& flow = b.flow;
  std::vector<int64_t>& cap = b.cap;
  // Non-tree states from the given flow; `free` arcs lie strictly inside.
  std::vector<char> free(static_cast<size_t>(m), 0);
  for (int32_t k = 0; k < m; ++k) {
    const int32_t e = internal_arc[k];
    const int64_t f = std::clamp<int64_t>(starting_flow[k], 0, cap[e]);
    const bool loop = arcs[e].source == arcs[e].target;
    if (f == 0 || loop) {
      state[e] = kLower;
    } else if (f == cap[e]) {
      state[e] = kUpper;
    } else {
      free[e] = 1;
    }
    flow[e] = loop ? 0 : f;
  }
  // parent -> child candidates: every arc once or twice, by parent node.
  std::vector<int32_t> begin(size + 1, 0);
  auto for_each_link = [&](auto&& visit) {
    for (int32_t e = 0; e < m; ++e) {
      const int32_t u = arcs[e].source, v = arcs[e].target;
      if (u == v) continue;
      if (free[e] || (state[e] == kLower && cap[e] > 0)) visit(v, e);  // tail below head
      if (free[e] || (state[e] == kUpper && cap[e] > 0)) visit(u, e);  // head below tail
    }
  };
  for_each_link([&](int32_t parent_node, int32_t) { ++begin[parent_node + 1]; });
  for (int32_t i = 0; i < size; ++i) begin[i + 1] += begin[i];
  std::vector<int32_t> link(static_cast<size_t>(begin[size]));
  std::vector<int32_t> fill(begin.begin(), begin.end() - 1);
  for_each_link([&](int32_t parent_node, int32_t e) { link[fill[parent_node]++] = e; });

  std::vector<char> reached(size, 0);
  std::vector<int32_t> queue;
  queue.reserve(size);
  auto attach = [&](int32_t child, int32_t parent_node, int32_t e) {
    reached[child] = 1;
    b.parent[child] = parent_node;
    b.pred[child] = e;
    b.pred_dir[child] = child == arcs[e].source ? kUp : kDown;
    state[e] = kTree;
    queue.push_back(child);
  };
  // Pulls in the free component of every node queued from `from` on.
  auto pull_free = [&](size_t from) {
    for (size_t q = from; q < queue.size(); ++q) {
      const int32_t u = queue[q];
      for (int32_t i = begin[u]; i < begin[u + 1]; ++i) {
        const int32_t e = link[i];
        if (!free[e] || state[e] == kTree) continue;
        const int32_t w = arcs[e].source == u ? arcs[e].target : arcs[e].source;
        if (!reached[w]) {
          attach(w, u, e);
        } else {
          free[e] = 0;  // closes a cycle of free arcs: back to a bound
          state[e] = kLower;
          flow[e] = 0;
        }
      }
    }
  };
  std::vector<int32_t> seeds(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) seeds[i] = i + 1;
  std::stable_sort(seeds.begin(), seeds.end(), [&](int32_t x, int32_t y) {
    return std::abs(b.supply[x]) > std::abs(b.supply[y]);
  });
  for (int32_t seed : seeds) {
    if (reached[seed]) continue;
    size_t head = queue.size();
    reached[seed] = 1;
    b.parent[seed] = kRoot;
    b.pred[seed] = b.Art(seed);
    queue.push_back(seed);
    pull_free(head);
    for (; head < queue.size(); ++head) {
      const int32_t u = queue[head];
      for (int32_t i = begin[u]; i < begin[u + 1]; ++i) {
        const int32_t e = link[i];
        if (state[e] == kTree) continue;
        const int32_t w = arcs[e].source == u ? arcs[e].target : arcs[e].source;
        if (reached[w]) continue;
        const size_t mark = queue.size();
        attach(w, u, e);
        pull_free(mark);
      }
    }
  }
  // Root children keep their artificial arcs in the tree; the others leave.
  for (int32_t i = 1; i < size; ++i) {
    if (b.pred[i] != b.Art(i)) {
      state[b.Art(i)] = kLower;
      flow[b.Art(i)] = 0;
    }
  }
  b.RebuildTree();
  edits->Repair(b, /*from_scratch=*/true);
}

}  // namespace jobmatch::internal

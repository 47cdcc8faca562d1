#include "engine/internal/simplex_basis.h"

#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/int128.h"

namespace jobmatch::internal {
namespace {

std::string Node(int32_t i) {
  return i == kRoot ? "the root" : "node " + std::to_string(i - 1);
}

std::string Arc(int32_t e) {
  return "internal arc " + std::to_string(e);
}

}  // namespace

void SimplexBasis::MakeStar() {
  const int32_t size = n + 1;
  parent.assign(size, -1);
  pred.assign(size, -1);
  thread.assign(size, 0);
  rev_thread.assign(size, 0);
  succ_num.assign(size, 1);
  last_succ.assign(size, 0);
  pred_dir.assign(size, kUp);
  pi.assign(size, 0);
  for (int32_t i = 0; i < size; ++i) {
    thread[i] = (i + 1) % size;
    rev_thread[(i + 1) % size] = i;
    last_succ[i] = i;
  }
  succ_num[kRoot] = size;
  last_succ[kRoot] = size - 1;
  for (int32_t i = 1; i < size; ++i) SetArtificial(i, supply[i]);
}

void SimplexBasis::SetArtificial(int32_t i, int64_t out_of_subtree) {
  const int32_t e = Art(i);
  pred[i] = e;
  parent[i] = kRoot;
  state[e] = kTree;
  cap[e] = kInf;
  if (out_of_subtree >= 0) {
    arcs[e].source = i;
    arcs[e].target = kRoot;
    arcs[e].cost = 0;
    flow[e] = out_of_subtree;
    pred_dir[i] = kUp;
  } else {
    arcs[e].source = kRoot;
    arcs[e].target = i;
    arcs[e].cost = art_cost;
    flow[e] = -out_of_subtree;
    pred_dir[i] = kDown;
  }
}

void SimplexBasis::RebuildTree() {
  const int32_t size = n + 1;
  std::vector<int32_t> order;
  order.reserve(size);
  std::vector<char> seen(size, 0);
  seen[kRoot] = 1;
  for (int32_t i = thread[kRoot]; !seen[i]; i = thread[i]) {
    order.push_back(i);
    seen[i] = 1;
  }
  for (int32_t i = 1; i < size; ++i) {
    if (!seen[i]) order.push_back(i);
  }
  std::vector<int32_t> child_begin(size + 1, 0);
  for (int32_t i : order) ++child_begin[parent[i] + 1];
  for (int32_t i = 0; i < size; ++i) child_begin[i + 1] += child_begin[i];
  std::vector<int32_t> children(order.size());
  std::vector<int32_t> fill(child_begin.begin(), child_begin.end() - 1);
  for (int32_t i : order) children[fill[parent[i]]++] = i;
  std::vector<int32_t> preorder;
  preorder.reserve(size);
  std::vector<int32_t> stack = {kRoot};
  while (!stack.empty()) {
    const int32_t i = stack.back();
    stack.pop_back();
    preorder.push_back(i);
    for (int32_t c = child_begin[i + 1] - 1; c >= child_begin[i]; --c) stack.push_back(children[c]);
  }
  JOBMATCH_CHECK(static_cast<int32_t>(preorder.size()) == size) << "basis is not a spanning tree";
  for (int32_t k = 0; k < size; ++k) {
    const int32_t i = preorder[k];
    const int32_t next = preorder[(k + 1) % size];
    thread[i] = next;
    rev_thread[next] = i;
    succ_num[i] = 1;
  }
  for (int32_t k = size - 1; k > 0; --k) succ_num[parent[preorder[k]]] += succ_num[preorder[k]];
  std::vector<int32_t> position(size);
  for (int32_t k = 0; k < size; ++k) position[preorder[k]] = k;
  for (int32_t i = 0; i < size; ++i) last_succ[i] = preorder[position[i] + succ_num[i] - 1];
}

void SimplexBasis::ComputePotentials() {
  pi[kRoot] = 0;
  for (int32_t i = thread[kRoot]; i != kRoot; i = thread[i]) {
    pi[i] = pi[parent[i]] - pred_dir[i] * arcs[pred[i]].cost;
  }
}

void SimplexBasis::HangFromRoot(int32_t v) {
  const int32_t last = last_succ[v];
  const int32_t size = succ_num[v];
  const int32_t before = rev_thread[v];
  const int32_t after = thread[last];
  thread[before] = after;
  rev_thread[after] = before;
  for (int32_t u = parent[v]; u != -1 && last_succ[u] == last; u = parent[u]) last_succ[u] = before;
  for (int32_t u = parent[v]; u != kRoot; u = parent[u]) succ_num[u] -= size;
  const int32_t first = thread[kRoot];
  thread[kRoot] = v;
  rev_thread[v] = kRoot;
  thread[last] = first;
  rev_thread[first] = last;
}

void SimplexBasis::FindJoin() {
  int32_t u = arcs[in_arc].source;
  int32_t v = arcs[in_arc].target;
  while (u != v) {
    if (succ_num[u] < succ_num[v]) {
      u = parent[u];
    } else {
      v = parent[v];
    }
  }
  join = u;
}

bool SimplexBasis::FindLeavingArc() {
  int32_t first, second;
  if (state[in_arc] == kLower) {
    first = arcs[in_arc].source;
    second = arcs[in_arc].target;
  } else {
    first = arcs[in_arc].target;
    second = arcs[in_arc].source;
  }
  delta = cap[in_arc];
  int result = 0;
  // Flow runs down from the join to `first`: arcs pointing down fill up,
  // arcs pointing up drain. The first blocking arc from `first` is kept.
  for (int32_t u = first; u != join; u = parent[u]) {
    const int32_t e = pred[u];
    const int64_t d = pred_dir[u] == kDown ? (cap[e] == kInf ? kInf : cap[e] - flow[e]) : flow[e];
    if (d < delta) {
      delta = d;
      u_out = u;
      result = 1;
    }
  }
  // Flow runs up from `second` to the join; on ties the last arc wins.
  for (int32_t u = second; u != join; u = parent[u]) {
    const int32_t e = pred[u];
    const int64_t d = pred_dir[u] == kUp ? (cap[e] == kInf ? kInf : cap[e] - flow[e]) : flow[e];
    if (d <= delta) {
      delta = d;
      u_out = u;
      result = 2;
    }
  }
  if (result == 1) {
    u_in = first;
    v_in = second;
  } else {
    u_in = second;
    v_in = first;
  }
  return result != 0;
}

void SimplexBasis::ChangeFlow(bool change) {
  if (delta > 0) {
    const int64_t val = state[in_arc] * delta;
    flow[in_arc] += val;
    for (int32_t u = arcs[in_arc].source; u != join; u = parent[u])
      flow[pred[u]] -= pred_dir[u] * val;
    for (int32_t u = arcs[in_arc].target; u != join; u = parent[u])
      flow[pred[u]] += pred_dir[u] * val;
  }
  if (change) {
    state[in_arc] = kTree;
    const int32_t out = pred[u_out];
    state[out] = flow[out] == 0 ? kLower : kUpper;
  } else {
    state[in_arc] = static_cast<int8_t>(-state[in_arc]);
  }
}

// Moves the subtree T of u_out (which holds u_in) under v_in through the
// entering arc, re-rooting it at u_in. The stem s_0 = u_in, ..., s_k = u_out
// reverses. T's new preorder is piece_0 .. piece_k, piece_i being s_i's old
// subtree without s_{i-1}'s (two runs of the old preorder).
void SimplexBasis::UpdateTree() {
  stem.clear();
  for (int32_t u = u_in;; u = parent[u]) {
    stem.push_back(u);
    if (u == u_out) break;
  }
  const int32_t k = static_cast<int32_t>(stem.size()) - 1;
  stem_rev.resize(k + 1);
  stem_last.resize(k + 1);
  stem_after.resize(k + 1);
  for (int32_t i = 0; i <= k; ++i) {
    stem_rev[i] = rev_thread[stem[i]];
    stem_last[i] = last_succ[stem[i]];
    stem_after[i] = thread[stem_last[i]];
  }
  const int32_t v_out = parent[u_out];
  const int32_t moved = succ_num[u_out];
  const int32_t old_last = stem_last[k];
  const int32_t before = stem_rev[k];
  const int32_t after = stem_after[k];
  auto link = [this](int32_t from, int32_t to) {
    thread[from] = to;
    rev_thread[to] = from;
  };
  // Thread of the re-rooted subtree.
  int32_t end = stem_last[0];
  for (int32_t i = 1; i <= k; ++i) {
    link(end, stem[i]);
    if (stem_last[i - 1] != stem_last[i]) {
      link(stem_rev[i - 1], stem_after[i - 1]);
      end = stem_last[i];
    } else {
      end = stem_rev[i - 1];
    }
  }
  const int32_t last = end;
  // Cut it out and insert it right after v_in.
  link(before, after);
  const int32_t next = thread[v_in];
  link(v_in, u_in);
  link(last, next);
  // Parents, tree arcs and subtree sizes along the stem.
  for (int32_t i = k; i >= 1; --i) {
    const int32_t s = stem[i];
    const int32_t c = stem[i - 1];
    parent[s] = c;
    pred[s] = pred[c];
    pred_dir[s] = static_cast<int8_t>(-pred_dir[c]);
    succ_num[s] = moved - succ_num[c];
    last_succ[s] = last;
  }
  parent[u_in] = v_in;
  pred[u_in] = in_arc;
  pred_dir[u_in] = u_in == arcs[in_arc].source ? kUp : kDown;
  succ_num[u_in] = moved;
  last_succ[u_in] = last;
  // Ancestors: removal below v_out, insertion below v_in.
  for (int32_t u = v_out; u != -1 && last_succ[u] == old_last; u = parent[u]) last_succ[u] = before;
  for (int32_t u = v_in; u != -1 && last_succ[u] == v_in; u = parent[u]) last_succ[u] = last;
  for (int32_t u = v_out; u != join; u = parent[u]) succ_num[u] -= moved;
  for (int32_t u = v_in; u != join; u = parent[u]) succ_num[u] += moved;
}

void SimplexBasis::UpdatePotentials() {
  const int64_t sigma = pi[v_in] - pi[u_in] - pred_dir[u_in] * arcs[in_arc].cost;
  int32_t u = u_in;
  for (int32_t i = succ_num[u_in]; i > 0; --i, u = thread[u]) pi[u] += sigma;
}

bool TreeHolds(const SimplexBasis& b) {
  const int32_t size = b.n + 1;
  const int32_t all = b.m + b.n;
  if (b.parent.size() != static_cast<size_t>(size) || b.pred.size() != b.parent.size() ||
      b.thread.size() != b.parent.size() || b.pred_dir.size() != b.parent.size() ||
      b.pi.size() != b.parent.size() || b.succ_num.size() != b.parent.size() ||
      b.arcs.size() != static_cast<size_t>(all) || b.cap.size() != b.arcs.size() ||
      b.flow.size() != b.arcs.size() || b.state.size() != b.arcs.size()) {
    return false;
  }
  int32_t steps = 1;
  for (int32_t i = b.thread[kRoot]; i != kRoot; i = b.thread[i]) {
    if (static_cast<uint32_t>(i) >= static_cast<uint32_t>(size) || ++steps > size) return false;
  }
  bool ok = steps == size && b.succ_num[kRoot] == size && b.pi[kRoot] == 0;
  // Branch-free over the tree arcs, once their indices are known in range.
  for (int32_t i = 1; i < size; ++i) {
    const int32_t e = b.pred[i];
    const int32_t p = b.parent[i];
    if (static_cast<uint32_t>(e) >= static_cast<uint32_t>(all) ||
        static_cast<uint32_t>(p) >= static_cast<uint32_t>(size)) {
      return false;
    }
    const SimplexArc& arc = b.arcs[e];
    const bool up = b.pred_dir[i] == kUp;
    ok &= up ? (arc.source == i) & (arc.target == p)
             : (b.pred_dir[i] == kDown) & (arc.source == p) & (arc.target == i);
    ok &= b.state[e] == kTree;
    ok &= arc.cost + b.pi[arc.source] - b.pi[arc.target] == 0;
    ok &= static_cast<int>(b.flow[e] >= 0) &
          static_cast<int>(b.flow[e] <= b.cap[e]);  // kInf is the largest int64
  }
  return ok;
}

std::string CheckTree(const SimplexBasis& b) {
  const int32_t size = b.n + 1;
  const int32_t all = b.m + b.n;
  if (b.parent.size() != static_cast<size_t>(size) || b.pred.size() != b.parent.size() ||
      b.thread.size() != b.parent.size() || b.rev_thread.size() != b.parent.size() ||
      b.succ_num.size() != b.parent.size() || b.last_succ.size() != b.parent.size() ||
      b.pred_dir.size() != b.parent.size() || b.pi.size() != b.parent.size() ||
      b.supply.size() != b.parent.size() || b.arcs.size() != static_cast<size_t>(all) ||
      b.cap.size() != b.arcs.size() || b.flow.size() != b.arcs.size() ||
      b.state.size() != b.arcs.size()) {
    return "basis arrays do not match " + std::to_string(b.n) + " nodes and " +
           std::to_string(b.m) + " arcs";
  }
  // A thread that returns to the root after exactly `size` steps is a simple
  // cycle through every node.
  int32_t steps = 1;
  for (int32_t i = b.thread[kRoot]; i != kRoot; i = b.thread[i]) {
    if (i < 0 || i >= size || ++steps > size) return "the thread is not a cycle through every node";
  }
  if (steps != size) return "the thread misses nodes";
  if (b.succ_num[kRoot] != size) return "the root's subtree size is not the number of nodes";
  for (int32_t i = 1; i < size; ++i) {
    const int32_t e = b.pred[i];
    const int32_t p = b.parent[i];
    if (p < 0 || p >= size || e < 0 || e >= all) return Node(i) + ": no parent or tree arc";
    if (b.state[e] != kTree) return Node(i) + ": its tree arc is not in state kTree";
    const SimplexArc& arc = b.arcs[e];
    const bool up = arc.source == i && arc.target == p;
    const bool down = arc.source == p && arc.target == i;
    if (!(b.pred_dir[i] == kUp ? up : b.pred_dir[i] == kDown && down)) {
      return Node(i) + ": tree arc does not join it to its parent in direction pred_dir";
    }
    if (b.ReducedCost(e) != 0) {
      return Node(i) + ": tree arc has reduced cost " + std::to_string(b.ReducedCost(e));
    }
    if (b.flow[e] < 0 || (b.cap[e] != kInf && b.flow[e] > b.cap[e])) {
      return Node(i) + ": tree arc flow " + std::to_string(b.flow[e]) + " outside [0, " +
             std::to_string(b.cap[e]) + "]";
    }
  }
  if (b.pi[kRoot] != 0) return "the root's potential is not 0";
  return "";
}

std::string CheckBasis(const SimplexBasis& b) {
  std::string tree = CheckTree(b);
  if (!tree.empty()) return tree;
  const int32_t size = b.n + 1;
  const int32_t all = b.m + b.n;
  // The thread is a preorder: each node comes while its parent is still on
  // the stack of open subtrees.
  std::vector<int32_t> order;
  order.reserve(size);
  std::vector<int32_t> position(size, 0);
  std::vector<int32_t> open = {kRoot};
  order.push_back(kRoot);
  for (int32_t i = b.thread[kRoot]; i != kRoot; i = b.thread[i]) {
    if (b.rev_thread[b.thread[i]] != i) return "rev_thread is not the inverse of thread";
    position[i] = static_cast<int32_t>(order.size());
    order.push_back(i);
    while (!open.empty() && open.back() != b.parent[i]) open.pop_back();
    if (open.empty()) return "the thread is not a preorder at " + Node(i);
    open.push_back(i);
  }
  if (b.rev_thread[b.thread[kRoot]] != kRoot) return "rev_thread is not the inverse of thread";
  std::vector<int32_t> subtree(size, 1);
  for (int32_t k = size - 1; k > 0; --k) subtree[b.parent[order[k]]] += subtree[order[k]];
  for (int32_t i = 0; i < size; ++i) {
    if (b.succ_num[i] != subtree[i]) {
      return Node(i) + ": succ_num " + std::to_string(b.succ_num[i]) + ", subtree has " +
             std::to_string(subtree[i]) + " nodes";
    }
    if (b.last_succ[i] != order[position[i] + subtree[i] - 1]) {
      return Node(i) + ": last_succ is not the last node of its subtree";
    }
  }
  // Exactly the n tree arcs are in state kTree; the others sit at a bound.
  std::vector<char> is_pred(all, 0);
  for (int32_t i = 1; i < size; ++i) {
    if (is_pred[b.pred[i]]) return Node(i) + ": tree arc shared with another node";
    is_pred[b.pred[i]] = 1;
  }
  std::vector<Int128> balance(b.supply.begin(), b.supply.end());
  for (int32_t e = 0; e < all; ++e) {
    const int64_t f = b.flow[e];
    const int64_t c = b.cap[e];
    if (f < 0 || (c != kInf && f > c)) {
      return Arc(e) + ": flow " + std::to_string(f) + " outside [0, " + std::to_string(c) + "]";
    }
    if (b.state[e] == kTree) {
      if (!is_pred[e]) return Arc(e) + ": in state kTree but not a tree arc";
    } else if (b.state[e] == kLower) {
      if (f != 0) return Arc(e) + ": at its lower bound with flow " + std::to_string(f);
    } else if (b.state[e] == kUpper) {
      if (c == kInf || f != c)
        return Arc(e) + ": at its upper bound with flow " + std::to_string(f);
    } else {
      return Arc(e) + ": unknown state";
    }
    balance[b.arcs[e].source] -= f;
    balance[b.arcs[e].target] += f;
  }
  for (int32_t i = 0; i < size; ++i) {
    if (balance[i] != 0) return Node(i) + ": flows do not meet its supply";
  }
  // Strongly feasible: positive flow can go from every node to the root.
  for (int32_t i = 1; i < size; ++i) {
    const int32_t e = b.pred[i];
    const int64_t f = b.flow[e];
    const bool ok = b.pred_dir[i] == kUp ? (b.cap[e] == kInf || f < b.cap[e]) : f > 0;
    if (ok) continue;
    const bool zero_arc = b.pred_dir[i] == kDown && f == 0 && b.supply[i] == 0 &&
                          !b.single_in.empty() && b.single_in[i] == e;
    if (!zero_arc) {
      return Node(i) + ": tree arc " + std::to_string(e) + " (" +
             (b.pred_dir[i] == kUp ? "up" : "down") + ", flow " + std::to_string(f) +
             ", capacity " + std::to_string(b.cap[e]) + ", subtree of " +
             std::to_string(b.succ_num[i]) + " nodes, supply " + std::to_string(b.supply[i]) +
             (b.single_in.empty()   ? ""
              : b.single_in[i] == e ? ", its only in-arc"
                                    : "") +
             ") is not strongly feasible";
    }
  }
  return "";
}

}  // namespace jobmatch::internal

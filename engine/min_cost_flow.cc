#include "engine/min_cost_flow.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "engine/check.h"

namespace jobmatch {
namespace {

__extension__ using Int128 = __int128;

constexpr int64_t kInf = kInfiniteCapacity;
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

// Arc states: non-tree arcs sit at a bound; `state * reduced cost < 0` marks
// an arc that improves the objective when it enters the basis.
constexpr int8_t kUpper = -1;
constexpr int8_t kTree = 0;
constexpr int8_t kLower = 1;
// Direction of a node's tree arc: kUp if the arc points to the parent.
constexpr int8_t kDown = -1;
constexpr int8_t kUp = 1;

}  // namespace

std::string_view FlowStatusName(FlowStatus status) {
  switch (status) {
    case FlowStatus::kOptimal:
      return "optimal";
    case FlowStatus::kInfeasible:
      return "infeasible";
    case FlowStatus::kUnbounded:
      return "unbounded";
    case FlowStatus::kOverflow:
      return "overflow";
  }
  return "unknown";
}

int32_t FlowProblem::AddNode(int64_t node_supply) {
  supply.push_back(node_supply);
  return num_nodes() - 1;
}

int64_t FlowProblem::AddArc(int32_t tail, int32_t head, int64_t capacity, int64_t cost) {
  arc_tail.push_back(tail);
  arc_head.push_back(head);
  arc_capacity.push_back(capacity);
  arc_cost.push_back(cost);
  return num_arcs() - 1;
}

bool FlowProblem::IsValid() const {
  const size_t m = arc_tail.size();
  if (arc_head.size() != m || arc_capacity.size() != m || arc_cost.size() != m) return false;
  if (static_cast<Int128>(supply.size()) + 2 * static_cast<Int128>(m) + 2 >=
      std::numeric_limits<int32_t>::max()) {
    return false;
  }
  const int32_t n = num_nodes();
  for (size_t a = 0; a < m; ++a) {
    if (arc_tail[a] < 0 || arc_tail[a] >= n || arc_head[a] < 0 || arc_head[a] >= n) return false;
    if (arc_capacity[a] < 0) return false;
  }
  return true;
}

// The basis and everything the pivots need. Internal node 0 is the root;
// node u of the problem is internal node u + 1. Real arcs sit in [0, m) in
// interleaved order, then the artificial arc of internal node i (joining it
// and the root) at m + i - 1.
struct NetworkSimplex::Basis {
  FlowProblem problem;  // external order, as edited
  bool has_basis = false;

  int32_t n = 0;                      // real nodes
  int32_t m = 0;                      // real arcs in the internal arrays
  std::vector<int32_t> internal_arc;  // external arc -> internal arc
  struct Arc {
    int32_t source;
    int32_t target;
    int64_t cost;
  };
  std::vector<Arc> arcs;  // one stream for pricing
  std::vector<int64_t> cap, flow;
  std::vector<int8_t> state;
  std::vector<int64_t> supply;  // n + 1

  std::vector<int32_t> parent, pred, thread, rev_thread, succ_num, last_succ;  // n + 1
  std::vector<int8_t> pred_dir;
  std::vector<int64_t> pi;
  int64_t art_cost = 0;

  int32_t block_size = 10;
  int32_t next_arc = 0;
  std::vector<int64_t> starting_flow;  // external order; used by the next Cold()

  // Bookkeeping of edits between solves (warm starts).
  Int128 supply_sum = 0;               // sum of supplies
  Int128 flow_bound = 0;               // sum |supply| + sum of finite capacities
  int64_t max_abs_cost = 0;            // at least max |cost| (never lowered)
  std::vector<int64_t> solved_supply;  // supplies the current flows meet (n + 1)
  std::vector<int32_t> touched_nodes;  // internal nodes whose supply changed
  std::vector<int32_t> touched_arcs;   // internal arcs whose capacity changed
  std::vector<int32_t> priced_first;   // internal arcs whose cost changed or that are new
  bool tree_cost_changed = false;      // a tree arc's cost was edited
  int64_t repaired_art_cost = 0;       // the big-M cost the potentials were computed with

  // Current pivot.
  int32_t in_arc = 0, join = 0, u_in = 0, v_in = 0, u_out = 0;
  int64_t delta = 0;
  // Scratch.
  std::vector<int32_t> stem, stem_rev, stem_last, stem_after;

  static constexpr int32_t kRoot = 0;
  // Run(): after this many wrap-arounds in one solve, subtrees of at most
  // kMovedSubtree nodes whose potentials move are priced next.
  static constexpr int32_t kWrapsBeforeMoved = 8;
  static constexpr int32_t kMovedSubtree = 64;
  static constexpr int32_t kMovedBlock = 64;  // arcs priced before one may enter
  int32_t Art(int32_t i) const { return m + i - 1; }

  void CountMagnitudes();
  std::string CheckMagnitudes();
  FlowSolution Cold();
  FlowSolution Warm();
  void CrashBasis();
  void Repair(bool from_scratch);
  bool Grow();
  void SetArtificial(int32_t i, int64_t out_of_subtree);
  void RebuildTree();
  void HangFromRoot(int32_t v);
  void HangZeroLeaves();
  int32_t ZeroLeafArc(int32_t i) const;
  void HangLeaf(int32_t i, int32_t a);
  void TakeInArc(int32_t i, int32_t a);
  std::vector<int32_t> leaves;  // HangZeroLeaves() scratch
  // Warm solves: the arcs at each node (CSR), and the nodes whose potential
  // moved in a small subtree since they were last priced (see Run()).
  std::vector<int32_t> incident_begin, incident;
  std::vector<int32_t> moved_nodes;
  std::vector<char> is_moved;
  size_t next_moved = 0;
  int32_t wraps = 0;  // times this solve's block search wrapped around
  bool FindEnteringArcAtMoved();
  void BuildIncidence();
  std::vector<int32_t>
      single_in;                // warm solves: per node its only real in-arc; -1 none, -2 several
  std::vector<int64_t> excess;  // Repair() scratch, n + 1
  std::vector<std::pair<int32_t, int64_t>> detach;  // Repair(): node, flow of its artificial arc
  void ComputePotentials();
  FlowSolution Run();
  bool FindEnteringArcIn(const std::vector<int32_t>& list, size_t* next);
  FlowSolution Finish(int64_t pivots);

  bool FindEnteringArc();
  void FindJoin();
  bool FindLeavingArc();
  void ChangeFlow(bool change);
  void UpdateTree();
  void UpdatePotentials();
};

// Sums and maxima behind CheckMagnitudes(), from scratch.
void NetworkSimplex::Basis::CountMagnitudes() {
  const FlowProblem& p = problem;
  supply_sum = 0;
  flow_bound = 0;
  for (int64_t s : p.supply) {
    supply_sum += s;
    flow_bound += s < 0 ? -static_cast<Int128>(s) : s;
  }
  max_abs_cost = 0;
  for (int64_t a = 0; a < p.num_arcs(); ++a) {
    if (p.arc_capacity[a] != kInf) flow_bound += p.arc_capacity[a];
    const int64_t c = p.arc_cost[a];
    max_abs_cost =
        c == std::numeric_limits<int64_t>::min() ? kInt64Max : std::max(max_abs_cost, std::abs(c));
  }
}

// Bounds every quantity the pivots compute (see the header); "" if all fit.
std::string NetworkSimplex::Basis::CheckMagnitudes() {
  if (flow_bound > kInt64Max / 4) {
    return "supplies and finite capacities sum to more than 2^61";
  }
  // Any simple path costs less than art_cost, so a unit routed through the
  // root costs more than any real route: artificial flow stays only if no
  // feasible flow exists. Potentials are at most art_cost + n * max |cost|.
  const Int128 art = (static_cast<Int128>(max_abs_cost) + 1) * (problem.num_nodes() + 1);
  if (5 * art > kInt64Max) {
    return "(largest |cost| + 1) * (nodes + 1) exceeds 2^63 / 5, so potentials could overflow";
  }
  art_cost = static_cast<int64_t>(art);
  return "";
}

// Hangs internal node i from the root by its artificial arc, oriented so that
// it carries `out_of_subtree` (what i's subtree sends out) as flow >= 0.
void NetworkSimplex::Basis::SetArtificial(int32_t i, int64_t out_of_subtree) {
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

FlowSolution NetworkSimplex::Basis::Cold() {
  has_basis = false;
  single_in.clear();
  incident_begin.clear();
  const FlowProblem& p = problem;
  n = p.num_nodes();
  m = static_cast<int32_t>(p.num_arcs());
  const int32_t all = m + n;
  arcs.assign(all, Arc{0, 0, 0});
  cap.assign(all, 0);
  flow.assign(all, 0);
  state.assign(all, kLower);
  internal_arc.assign(m, 0);
  // Interleave the arcs so that one pricing block samples the whole graph.
  const int32_t skip = n > 1 ? std::max(m / n, 3) : 1;
  for (int32_t k = 0, i = 0, j = 0; k < m; ++k) {
    internal_arc[k] = i;
    arcs[i].source = p.arc_tail[k] + 1;
    arcs[i].target = p.arc_head[k] + 1;
    arcs[i].cost = p.arc_cost[k];
    cap[i] = p.arc_capacity[k];
    if ((i += skip) >= m) i = ++j;
  }
  supply.assign(n + 1, 0);
  std::copy(p.supply.begin(), p.supply.end(), supply.begin() + 1);

  const int32_t size = n + 1;
  parent.assign(size, -1);
  pred.assign(size, -1);
  thread.assign(size, 0);
  rev_thread.assign(size, 0);
  succ_num.assign(size, 1);
  last_succ.assign(size, 0);
  pred_dir.assign(size, kUp);
  pi.assign(size, 0);

  // The initial basis: every node hangs from the root by its artificial arc.
  for (int32_t i = 0; i < size; ++i) {
    thread[i] = (i + 1) % size;
    rev_thread[(i + 1) % size] = i;
    last_succ[i] = i;
  }
  succ_num[kRoot] = size;
  last_succ[kRoot] = size - 1;
  for (int32_t i = 1; i < size; ++i) SetArtificial(i, supply[i]);
  solved_supply = supply;
  touched_nodes.clear();
  touched_arcs.clear();
  priced_first.clear();
  tree_cost_changed = false;
  repaired_art_cost = art_cost;
  block_size = std::max(static_cast<int32_t>(std::sqrt(static_cast<double>(m))), 10);
  next_arc = 0;
  if (!starting_flow.empty()) {
    CrashBasis();
    starting_flow.clear();
  } else {
    ComputePotentials();
  }
  has_basis = true;
  return Run();
}

// A first basis around starting_flow: arcs strictly between their bounds
// join the tree; the tree grows breadth-first from the nodes of largest
// |supply| through arcs at a bound that keep it strongly feasible (an arc at
// 0 may hang its tail below its head, a full arc its head below its tail);
// what stays unreached hangs from the root. Repair() then sets the tree
// flows and detaches what the given flow leaves infeasible.
void NetworkSimplex::Basis::CrashBasis() {
  const int32_t size = n + 1;
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
    parent[child] = parent_node;
    pred[child] = e;
    pred_dir[child] = child == arcs[e].source ? kUp : kDown;
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
  std::stable_sort(seeds.begin(), seeds.end(), [&](int32_t a, int32_t b) {
    return std::abs(supply[a]) > std::abs(supply[b]);
  });
  for (int32_t seed : seeds) {
    if (reached[seed]) continue;
    size_t head = queue.size();
    reached[seed] = 1;
    parent[seed] = kRoot;
    pred[seed] = Art(seed);
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
    if (pred[i] != Art(i)) {
      state[Art(i)] = kLower;
      flow[Art(i)] = 0;
    }
  }
  RebuildTree();
  Repair(/*from_scratch=*/true);
}

// Appends arcs and nodes added since the last solve to the internal arrays;
// new nodes hang from the root. Returns whether anything was added.
bool NetworkSimplex::Basis::Grow() {
  const FlowProblem& p = problem;
  const int32_t new_n = p.num_nodes();
  const int32_t new_m = static_cast<int32_t>(p.num_arcs());
  if (new_n == n && new_m == m) return false;
  single_in.clear();
  incident_begin.clear();
  const int32_t old_n = n, old_m = m;
  const int32_t all = new_m + new_n;
  auto shift_artificial = [&](auto& v) {
    v.resize(std::max(v.size(), static_cast<size_t>(all)));
    std::move_backward(v.begin() + old_m, v.begin() + old_m + old_n, v.begin() + new_m + old_n);
    v.resize(all);
  };
  shift_artificial(arcs);
  shift_artificial(cap);
  shift_artificial(flow);
  shift_artificial(state);
  internal_arc.resize(new_m);
  for (int32_t k = old_m; k < new_m; ++k) {
    internal_arc[k] = k;
    arcs[k].source = p.arc_tail[k] + 1;
    arcs[k].target = p.arc_head[k] + 1;
    arcs[k].cost = p.arc_cost[k];
    cap[k] = p.arc_capacity[k];
    flow[k] = 0;
    state[k] = kLower;
  }
  for (int32_t i = 1; i <= old_n; ++i) {
    if (pred[i] >= old_m) pred[i] += new_m - old_m;
  }
  const int32_t size = new_n + 1;
  parent.resize(size, kRoot);
  pred.resize(size, -1);
  thread.resize(size, kRoot);
  rev_thread.resize(size, kRoot);
  succ_num.resize(size, 1);
  last_succ.resize(size, 0);
  pred_dir.resize(size, kUp);
  pi.resize(size, 0);
  supply.resize(size, 0);
  n = new_n;
  m = new_m;
  solved_supply.resize(size, 0);
  for (int32_t i = old_n + 1; i < size; ++i) {
    supply[i] = p.supply[i - 1];
    SetArtificial(i, 0);  // Repair() sets the flow
    touched_nodes.push_back(i);
  }
  for (int32_t k = old_m; k < new_m; ++k) priced_first.push_back(k);  // real arcs keep their index
  block_size = std::max(static_cast<int32_t>(std::sqrt(static_cast<double>(m))), 10);
  if (next_arc >= m) next_arc = 0;
  return true;
}

// Rebuilds thread, rev_thread, succ_num and last_succ from parent[]; children
// keep the order of the previous preorder (nodes not on it last, by index).
void NetworkSimplex::Basis::RebuildTree() {
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

void NetworkSimplex::Basis::ComputePotentials() {
  pi[kRoot] = 0;
  for (int32_t i = thread[kRoot]; i != kRoot; i = thread[i]) {
    pi[i] = pi[parent[i]] - pred_dir[i] * arcs[pred[i]].cost;
  }
}

FlowSolution NetworkSimplex::Basis::Warm() {
  if (Grow()) RebuildTree();
  if (static_cast<int32_t>(single_in.size()) != n + 1) {
    single_in.assign(static_cast<size_t>(n) + 1, -1);
    for (int32_t e = 0; e < m; ++e) {
      int32_t& s = single_in[arcs[e].target];
      s = s == -1 ? e : -2;
    }
    incident_begin.clear();  // built when first needed (Run())
  }
  Repair(/*from_scratch=*/false);
  HangZeroLeaves();
  return Run();
}

// The arcs at every node, for pricing moved nodes (warm solves).
void NetworkSimplex::Basis::BuildIncidence() {
  incident_begin.assign(static_cast<size_t>(n) + 2, 0);
  for (int32_t e = 0; e < m; ++e) {
    ++incident_begin[arcs[e].source + 1];
    ++incident_begin[arcs[e].target + 1];
  }
  for (int32_t i = 0; i <= n; ++i) incident_begin[i + 1] += incident_begin[i];
  incident.resize(static_cast<size_t>(incident_begin[n + 1]));
  std::vector<int32_t> fill(incident_begin.begin(), incident_begin.end() - 1);
  for (int32_t e = 0; e < m; ++e) {
    incident[fill[arcs[e].source]++] = e;
    incident[fill[arcs[e].target]++] = e;
  }
  is_moved.assign(static_cast<size_t>(n) + 1, 0);
}

// Zero leaves (warm solves only). A node of supply 0 whose only in-arc and
// tree arc carry no flow carries none at all: in the assignment network, an
// unplaced participant. The strongly feasible tree hangs it below its best
// vacancy, so every move of that vacancy's potential costs a degenerate
// pivot to hang it below another. Hung from its in-arc instead (coordinator
// -> participant), its potential follows the coordinator's, and the price of
// each of its out-arcs is that of placing it there. This breaks strong
// feasibility at the leaf alone, and harmlessly: a cycle reaches the leaf only
// through an entering out-arc and pushes flow forward through the in-arc, so
// no pivot ever blocks there, and such a pivot either gives the leaf flow or
// hangs it (strongly) below the entering arc's head.

// The in-arc zero leaf i may hang from instead of its tree arc, or -1: i is
// a leaf hung upwards by an arc without flow, its only in-arc carries no flow
// and would not be priced as entering (reduced cost >= 0).
int32_t NetworkSimplex::Basis::ZeroLeafArc(int32_t i) const {
  if (succ_num[i] != 1 || supply[i] != 0 || pred_dir[i] != kUp) return -1;
  const int32_t t = pred[i];
  const int32_t a = single_in[i];
  if (t >= m || flow[t] != 0 || a < 0 || state[a] != kLower || cap[a] == 0) return -1;
  const int32_t u = arcs[a].source;
  if (u == i || arcs[a].cost + pi[u] - pi[i] < 0) return -1;
  return a;
}

// Makes zero leaf i's in-arc a its tree arc in place of the one it has (no
// flow on either); thread, subtree sizes and potentials are the caller's.
void NetworkSimplex::Basis::TakeInArc(int32_t i, int32_t a) {
  state[pred[i]] = kLower;
  state[a] = kTree;
  pred[i] = a;
  parent[i] = arcs[a].source;
  pred_dir[i] = kDown;
}

// Moves leaf i below the tail of arc a (its tree arc from now on). O(depth).
void NetworkSimplex::Basis::HangLeaf(int32_t i, int32_t a) {
  const int32_t before = rev_thread[i];
  const int32_t after = thread[i];
  thread[before] = after;
  rev_thread[after] = before;
  for (int32_t u = parent[i]; u != -1 && last_succ[u] == i; u = parent[u]) last_succ[u] = before;
  for (int32_t u = parent[i]; u != -1; u = parent[u]) --succ_num[u];
  const int32_t u = arcs[a].source;
  TakeInArc(i, a);
  pi[i] = pi[u] + arcs[a].cost;
  const int32_t next = thread[u];
  thread[u] = i;
  rev_thread[i] = u;
  thread[i] = next;
  rev_thread[next] = i;
  for (int32_t w = u; w != -1 && last_succ[w] == u; w = parent[w]) last_succ[w] = i;
  for (int32_t w = u; w != -1; w = parent[w]) ++succ_num[w];
}

// Hangs every zero leaf from its in-arc: one by one in O(depth) when few,
// else all at once and the tree rebuilt (the first warm solve after a cold
// one).
void NetworkSimplex::Basis::HangZeroLeaves() {
  leaves.clear();
  for (int32_t i = 1; i <= n; ++i) {
    if (ZeroLeafArc(i) >= 0) leaves.push_back(i);
  }
  if (static_cast<int64_t>(leaves.size()) * 16 < n) {
    for (int32_t i : leaves) HangLeaf(i, ZeroLeafArc(i));
    return;
  }
  for (int32_t i : leaves) TakeInArc(i, single_in[i]);
  if (!leaves.empty()) {
    RebuildTree();
    ComputePotentials();
  }
}

// Recomputes the tree flows for the current supplies and capacities: from
// scratch (non-tree arcs at their bounds, tree flows from the supplies), or
// from the edits since the last solve (supply changes and non-tree arcs
// moved to a new upper bound, pushed up the tree as deltas). A tree arc whose
// flow leaves its bounds (or strong feasibility) goes to the violated bound
// and its subtree hangs from the root by its artificial arc. Then rebuilds
// the potentials.
void NetworkSimplex::Basis::Repair(bool from_scratch) {
  // Only costs changed: the flows stand; potentials move if a tree arc's
  // cost or the big-M cost did.
  const bool costs_only = !from_scratch && touched_nodes.empty() && touched_arcs.empty();
  if (costs_only && !tree_cost_changed && repaired_art_cost == art_cost) return;
  tree_cost_changed = false;
  repaired_art_cost = art_cost;
  // Artificial arcs into nodes carry the big-M cost, which follows max |cost|.
  for (int32_t i = 1; i <= n; ++i) {
    if (arcs[Art(i)].source == kRoot) arcs[Art(i)].cost = art_cost;
  }
  if (costs_only) {
    ComputePotentials();
    return;
  }
  // `excess`: what each subtree must send to its parent beyond (from
  // scratch: instead of) what its tree arc carries now.
  excess.assign(static_cast<size_t>(n) + 1, 0);
  auto settle = [&](int32_t e) {  // a non-tree arc to its bound
    const int64_t old = flow[e];
    if (e >= m || state[e] == kLower || cap[e] == kInf) {
      state[e] = kLower;
      flow[e] = 0;
    } else {
      flow[e] = cap[e];
    }
    const int64_t change = flow[e] - (from_scratch ? 0 : old);
    excess[arcs[e].source] -= change;
    excess[arcs[e].target] += change;
  };
  if (from_scratch) {
    std::copy(supply.begin(), supply.end(), excess.begin());
    for (int32_t e = 0; e < m + n; ++e) {
      if (state[e] != kTree) settle(e);
    }
  } else {
    for (int32_t i : touched_nodes) {
      excess[i] += supply[i] - solved_supply[i];
    }
    for (int32_t e : touched_arcs) {
      if (state[e] != kTree) settle(e);
    }
  }
  solved_supply = supply;
  touched_nodes.clear();
  // Tree flows bottom-up (reverse preorder visits children first).
  bool detached = false;
  for (int32_t v = rev_thread[kRoot]; v != kRoot; v = rev_thread[v]) {
    const int32_t e = pred[v];
    const int64_t old_out = from_scratch ? 0 : (pred_dir[v] == kUp ? flow[e] : -flow[e]);
    const int64_t out = old_out + excess[v];
    if (e >= m) {
      SetArtificial(v, out);
      continue;
    }
    const int64_t f = pred_dir[v] == kUp ? out : -out;
    // Strongly feasible: positive flow can go from v to the root.
    // A zero leaf hung from its in-arc may stay (see ZeroLeafArc()).
    const bool zero_leaf = !from_scratch && f == 0 && succ_num[v] == 1 && single_in[v] == e;
    const bool ok = pred_dir[v] == kUp ? (f >= 0 && (cap[e] == kInf || f < cap[e]))
                                       : ((f > 0 || zero_leaf) && f <= cap[e]);
    if (ok) {
      flow[e] = f;
      excess[parent[v]] += out - old_out;
      continue;
    }
    const int64_t bound = f <= 0 ? 0 : cap[e];
    flow[e] = bound;
    state[e] = bound == 0 ? kLower : kUpper;
    const int64_t carried = pred_dir[v] == kUp ? bound : -bound;
    excess[parent[v]] += carried - old_out;
    if (from_scratch) {
      SetArtificial(v, out - carried);
      detached = true;
    } else {
      detach.emplace_back(v, out - carried);  // moved once the tree flows are done
    }
  }
  touched_arcs.clear();
  if (detached) RebuildTree();
  // Children first (reverse preorder), while their ancestors still hang as before.
  for (const auto& [v, out_of_subtree] : detach) {
    HangFromRoot(v);
    SetArtificial(v, out_of_subtree);
  }
  detach.clear();
  ComputePotentials();
}

// Moves the subtree of v (not a child of the root) to the front of the
// thread, right after the root, and takes it off its ancestors' counts; the
// caller then sets v's tree arc. O(depth of v).
void NetworkSimplex::Basis::HangFromRoot(int32_t v) {
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

FlowSolution NetworkSimplex::Basis::Run() {
  int64_t pivots = 0;
  wraps = 0;
  for (int32_t u : moved_nodes) is_moved[u] = 0;
  moved_nodes.clear();
  next_moved = 0;
  // Arcs just edited or added first, then (warm, after kWrapsBeforeMoved
  // wrap-arounds) the arcs at recently moved nodes, then the whole network;
  // only a full pass of the last finds nothing to enter.
  std::vector<int32_t> first;
  first.swap(priced_first);
  size_t next_first = 0;
  auto enter = [&] {
    if (!first.empty()) {
      if (FindEnteringArcIn(first, &next_first)) return true;
      first.clear();
    }
    if (!moved_nodes.empty() && FindEnteringArcAtMoved()) return true;
    return FindEnteringArc();
  };
  while (enter()) {
    if (wraps >= kWrapsBeforeMoved && incident_begin.empty() && !single_in.empty()) {
      BuildIncidence();
    }
    // An entering out-arc of a zero leaf hung upwards: hang the leaf from its
    // in-arc first; the arc enters only if it still prices negative.
    if (!single_in.empty()) {
      const int32_t i = arcs[in_arc].source;
      const int32_t a = ZeroLeafArc(i);
      if (a >= 0) {
        HangLeaf(i, a);
        if (state[in_arc] * (arcs[in_arc].cost + pi[i] - pi[arcs[in_arc].target]) >= 0) continue;
      }
    }
    ++pivots;
    FindJoin();
    const bool change = FindLeavingArc();
    if (delta >= kInf) {
      has_basis = false;
      FlowSolution unbounded;
      unbounded.status = FlowStatus::kUnbounded;
      unbounded.pivots = pivots;
      unbounded.message = "a negative-cost cycle of infinite capacity makes the cost unbounded";
      return unbounded;
    }
    ChangeFlow(change);
    if (change) {
      UpdateTree();
      UpdatePotentials();
    }
  }
  return Finish(pivots);
}

FlowSolution NetworkSimplex::Basis::Finish(int64_t pivots) {
  FlowSolution solution;
  solution.pivots = pivots;
  for (int32_t i = 1; i <= n; ++i) {
    if (flow[Art(i)] != 0) {
      solution.status = FlowStatus::kInfeasible;
      solution.message = "no flow meets the supplies within the capacities (node index " +
                         std::to_string(i - 1) + " keeps " + std::to_string(flow[Art(i)]) +
                         " units unrouted; indices are 0-based)";
      return solution;
    }
  }
  const int64_t num_arcs = problem.num_arcs();
  solution.flow.resize(num_arcs);
  Int128 total = 0;
  for (int64_t k = 0; k < num_arcs; ++k) {
    const int64_t f = flow[internal_arc[k]];
    solution.flow[k] = f;
    total += static_cast<Int128>(f) * problem.arc_cost[k];
  }
  if (total > kInt64Max || total < -kInt64Max) {
    solution.status = FlowStatus::kOverflow;
    solution.message = "the optimal total cost does not fit in 64 bits";
    solution.flow.clear();
    return solution;
  }
  solution.total_cost = static_cast<int64_t>(total);
  solution.potential.assign(pi.begin() + 1, pi.end());
  return solution;
}

// Block search: scan blocks of block_size arcs from next_arc on (wrapping
// around) and take the most negative `state * reduced cost` of the first
// block that has one.
bool NetworkSimplex::Basis::FindEnteringArc() {
  const Arc* const arc = arcs.data();
  const int8_t* const st = state.data();
  const int64_t* const p = pi.data();
  int64_t min = 0;
  int32_t count = block_size;
  int32_t e = next_arc;
  auto scan = [&](int32_t end) {
    for (; e != end; ++e) {
      const int64_t c = st[e] * (arc[e].cost + p[arc[e].source] - p[arc[e].target]);
      if (c < min) {
        min = c;
        in_arc = e;
      }
      if (--count == 0) {
        if (min < 0) return true;
        count = block_size;
      }
    }
    return false;
  };
  if (scan(m) || (e = 0, ++wraps, scan(next_arc))) {
    next_arc = e;  // the block's last arc is priced again first
    return true;
  }
  if (min >= 0) return false;
  next_arc = e;
  return true;
}

// Block search over `list` (arcs may repeat) from *next on; false once a
// full pass finds no arc to enter.
bool NetworkSimplex::Basis::FindEnteringArcIn(const std::vector<int32_t>& list, size_t* next) {
  const auto size = list.size();
  const auto block =
      std::max<size_t>(static_cast<size_t>(std::sqrt(static_cast<double>(size))), 10);
  int64_t min = 0;
  size_t count = block;
  size_t i = *next;
  for (size_t scanned = 0; scanned < size; ++scanned) {
    const int32_t e = list[i];
    const int64_t c = state[e] * (arcs[e].cost + pi[arcs[e].source] - pi[arcs[e].target]);
    if (c < min) {
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
  return min < 0;
}

void NetworkSimplex::Basis::FindJoin() {
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

bool NetworkSimplex::Basis::FindLeavingArc() {
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

void NetworkSimplex::Basis::ChangeFlow(bool change) {
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
void NetworkSimplex::Basis::UpdateTree() {
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

void NetworkSimplex::Basis::UpdatePotentials() {
  const int64_t sigma = pi[v_in] - pi[u_in] - pred_dir[u_in] * arcs[in_arc].cost;
  int32_t u = u_in;
  if (wraps >= kWrapsBeforeMoved && !incident_begin.empty() && succ_num[u_in] <= kMovedSubtree) {
    for (int32_t i = succ_num[u_in]; i > 0; --i, u = thread[u]) {
      pi[u] += sigma;
      if (!is_moved[u]) {
        is_moved[u] = 1;
        moved_nodes.push_back(u);
      }
    }
    return;
  }
  for (int32_t i = succ_num[u_in]; i > 0; --i, u = thread[u]) pi[u] += sigma;
}

// Takes moved nodes in order until their arcs make a block (kMovedBlock
// arcs) holding one to enter, and picks the most negative; false once all
// moved nodes are priced without one.
bool NetworkSimplex::Basis::FindEnteringArcAtMoved() {
  int64_t min = 0;
  int32_t priced = 0;
  while (next_moved < moved_nodes.size() && (min == 0 || priced < kMovedBlock)) {
    const int32_t u = moved_nodes[next_moved++];
    is_moved[u] = 0;
    for (int32_t k = incident_begin[u]; k < incident_begin[u + 1]; ++k) {
      const int32_t e = incident[k];
      const int64_t c = state[e] * (arcs[e].cost + pi[arcs[e].source] - pi[arcs[e].target]);
      if (c < min) {
        min = c;
        in_arc = e;
      }
    }
    priced += incident_begin[u + 1] - incident_begin[u];
  }
  if (next_moved == moved_nodes.size()) {
    moved_nodes.clear();
    next_moved = 0;
  }
  return min < 0;
}

NetworkSimplex::NetworkSimplex(FlowProblem problem) : basis_(std::make_unique<Basis>()) {
  basis_->problem = std::move(problem);
}
NetworkSimplex::~NetworkSimplex() = default;
NetworkSimplex::NetworkSimplex(NetworkSimplex&&) noexcept = default;
NetworkSimplex& NetworkSimplex::operator=(NetworkSimplex&&) noexcept = default;

FlowSolution NetworkSimplex::Solve() {
  Basis& b = *basis_;
  // A warm solve keeps the checks incremental: every edit was checked.
  if (!b.has_basis) {
    JOBMATCH_CHECK(b.problem.IsValid()) << "invalid flow problem";
    b.CountMagnitudes();
  }
  FlowSolution failed;
  if (b.supply_sum != 0) {
    failed.status = FlowStatus::kInfeasible;
    failed.message =
        "supplies sum to " + std::to_string(static_cast<int64_t>(b.supply_sum)) + ", not 0";
    return failed;
  }
  const std::string too_large = b.CheckMagnitudes();
  if (!too_large.empty()) {
    b.has_basis = false;
    failed.status = FlowStatus::kOverflow;
    failed.message = too_large;
    return failed;
  }
  return b.has_basis ? b.Warm() : b.Cold();
}

void NetworkSimplex::SetCost(int64_t arc, int64_t cost) {
  Basis& b = *basis_;
  JOBMATCH_CHECK(arc >= 0 && arc < b.problem.num_arcs()) << "arc " << arc;
  b.problem.arc_cost[arc] = cost;
  b.max_abs_cost = cost == std::numeric_limits<int64_t>::min()
                       ? kInt64Max
                       : std::max(b.max_abs_cost, std::abs(cost));
  if (b.has_basis && arc < b.m) {
    const int32_t e = b.internal_arc[arc];
    b.arcs[e].cost = cost;
    b.priced_first.push_back(e);
    if (b.state[e] == kTree) b.tree_cost_changed = true;
  }
}

void NetworkSimplex::SetCapacity(int64_t arc, int64_t capacity) {
  Basis& b = *basis_;
  JOBMATCH_CHECK(arc >= 0 && arc < b.problem.num_arcs()) << "arc " << arc;
  JOBMATCH_CHECK(capacity >= 0) << "capacity " << capacity;
  int64_t& old = b.problem.arc_capacity[arc];
  b.flow_bound += (capacity == kInf ? 0 : Int128{capacity}) - (old == kInf ? 0 : Int128{old});
  old = capacity;
  if (b.has_basis && arc < b.m) {
    const int32_t e = b.internal_arc[arc];
    b.cap[e] = capacity;
    b.touched_arcs.push_back(e);
  }
}

void NetworkSimplex::SetSupply(int32_t node, int64_t supply) {
  Basis& b = *basis_;
  JOBMATCH_CHECK(node >= 0 && node < b.problem.num_nodes()) << "node " << node;
  int64_t& old = b.problem.supply[node];
  auto magnitude = [](int64_t s) { return s < 0 ? -Int128{s} : Int128{s}; };
  b.supply_sum += Int128{supply} - old;
  b.flow_bound += magnitude(supply) - magnitude(old);
  old = supply;
  if (b.has_basis && node < b.n) {
    b.supply[node + 1] = supply;
    b.touched_nodes.push_back(node + 1);
  }
}

int64_t NetworkSimplex::AddArc(int32_t tail, int32_t head, int64_t capacity, int64_t cost) {
  Basis& b = *basis_;
  const int32_t n = b.problem.num_nodes();
  JOBMATCH_CHECK(tail >= 0 && tail < n && head >= 0 && head < n)
      << "arc " << tail << " -> " << head;
  JOBMATCH_CHECK(capacity >= 0) << "capacity " << capacity;
  JOBMATCH_CHECK(n + 2 * (b.problem.num_arcs() + 1) + 2 < std::numeric_limits<int32_t>::max())
      << "too many arcs";
  if (capacity != kInf) b.flow_bound += capacity;
  b.max_abs_cost = cost == std::numeric_limits<int64_t>::min()
                       ? kInt64Max
                       : std::max(b.max_abs_cost, std::abs(cost));
  return b.problem.AddArc(tail, head, capacity, cost);
}

int32_t NetworkSimplex::AddNode(int64_t supply) {
  Basis& b = *basis_;
  JOBMATCH_CHECK(b.problem.num_nodes() + 2 * b.problem.num_arcs() + 3 <
                 std::numeric_limits<int32_t>::max())
      << "too many nodes";
  b.supply_sum += supply;
  b.flow_bound += supply < 0 ? -Int128{supply} : Int128{supply};
  return b.problem.AddNode(supply);
}

void NetworkSimplex::SetStartingFlow(std::vector<int64_t> flow) {
  Basis& b = *basis_;
  JOBMATCH_CHECK(static_cast<int64_t>(flow.size()) == b.problem.num_arcs())
      << "starting flow for " << flow.size() << " arcs, problem has " << b.problem.num_arcs();
  b.starting_flow = std::move(flow);
  b.has_basis = false;
}

const FlowProblem& NetworkSimplex::problem() const {
  return basis_->problem;
}

FlowSolution SolveMinCostFlow(const FlowProblem& problem) {
  NetworkSimplex simplex(problem);
  return simplex.Solve();
}

}  // namespace jobmatch

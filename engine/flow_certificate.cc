#include "engine/flow_certificate.h"

#include <limits>
#include <string>
#include <vector>

#include "engine/int128.h"

namespace jobmatch {
namespace {

std::string ToString(Int128 value) {
  if (value == 0) return "0";
  const bool negative = value < 0;
  std::string digits;
  while (value != 0) {
    const int digit = static_cast<int>(value % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
    value /= 10;
  }
  return negative ? "-" + digits : digits;
}

std::string ArcName(const FlowProblem& p, int64_t a) {
  return "arc " + std::to_string(a) + " (" + std::to_string(p.arc_tail[a]) + " -> " +
         std::to_string(p.arc_head[a]) + ")";
}

FlowCertificate Fail(std::string message) {
  FlowCertificate result;
  result.message = std::move(message);
  return result;
}

int64_t Clamp(Int128 value) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (value > kMax) return kMax;
  if (value < -kMax) return -kMax;
  return static_cast<int64_t>(value);
}

}  // namespace

FlowCertificate CheckCertificate(const FlowProblem& problem,
                                 const std::vector<int64_t>& flow,
                                 const std::vector<int64_t>& potential) {
  if (!problem.IsValid()) return Fail("the problem itself is invalid");
  const int64_t m = problem.num_arcs();
  const int32_t n = problem.num_nodes();
  if (static_cast<int64_t>(flow.size()) != m) {
    return Fail("flow has " + std::to_string(flow.size()) + " entries for " + std::to_string(m) +
                " arcs");
  }
  if (static_cast<int64_t>(potential.size()) != n) {
    return Fail("potential has " + std::to_string(potential.size()) + " entries for " +
                std::to_string(n) + " nodes");
  }
  std::vector<Int128> balance(problem.supply.begin(), problem.supply.end());
  Int128 primal = 0;
  Int128 dual = 0;
  for (int64_t a = 0; a < m; ++a) {
    const int64_t f = flow[a];
    const int64_t cap = problem.arc_capacity[a];
    if (f < 0 || f > cap) {
      return Fail(ArcName(problem, a) + ": flow " + std::to_string(f) + " outside [0, " +
                  std::to_string(cap) + "]");
    }
    const int32_t tail = problem.arc_tail[a];
    const int32_t head = problem.arc_head[a];
    balance[tail] -= f;
    balance[head] += f;
    const Int128 rc = static_cast<Int128>(problem.arc_cost[a]) + potential[tail] - potential[head];
    if (f < cap && rc < 0) {
      return Fail(ArcName(problem, a) + ": reduced cost " + ToString(rc) + " < 0 but flow " +
                  std::to_string(f) + " is below capacity " + std::to_string(cap));
    }
    if (f > 0 && rc > 0) {
      return Fail(ArcName(problem, a) + ": reduced cost " + ToString(rc) + " > 0 but flow is " +
                  std::to_string(f));
    }
    primal += static_cast<Int128>(problem.arc_cost[a]) * f;
    if (rc < 0) {
      if (cap == kInfiniteCapacity) {
        return Fail(ArcName(problem, a) + ": negative reduced cost on an arc of infinite capacity");
      }
      dual -= static_cast<Int128>(cap) * -rc;
    }
  }
  for (int32_t v = 0; v < n; ++v) {
    if (balance[v] != 0) {
      return Fail("node " + std::to_string(v) + ": supply " + std::to_string(problem.supply[v]) +
                  " but outflow - inflow = " + ToString(problem.supply[v] - balance[v]));
    }
    dual -= static_cast<Int128>(problem.supply[v]) * potential[v];
  }
  if (primal != dual) {
    return Fail("primal cost " + ToString(primal) + " differs from dual cost " + ToString(dual));
  }
  FlowCertificate result;
  result.ok = true;
  result.primal_cost = Clamp(primal);
  result.dual_cost = Clamp(dual);
  return result;
}

}  // namespace jobmatch

#include "loaders/dimacs.h"

#include <charconv>
#include <fstream>
#include <istream>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/check.h"
#include "engine/int128.h"
#include "loaders/boundary.h"

namespace jobmatch {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

std::vector<std::string_view> Split(std::string_view line) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) tokens.push_back(line.substr(start, i - start));
  }
  return tokens;
}

// Reads one line's fields; the first error wins.
class LineParser {
 public:
  LineParser(const std::string& file, int64_t line) : file_(file), line_(line) {}

  bool Int(std::string_view token, const char* field, int64_t* out) {
    const char* end = token.data() + token.size();
    const char* begin = token.data();
    if (!token.empty() && token.front() == '+') ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, *out);
    if (ec != std::errc() || ptr != end || begin == end) {
      Fail(field, token, "expected an integer in [-2^63, 2^63 - 1]");
      return false;
    }
    return true;
  }
  bool Node(std::string_view token, const char* field, int64_t nodes, int32_t* out) {
    int64_t id = 0;
    if (!Int(token, field, &id)) return false;
    if (id < 1 || id > nodes) {
      Fail(field, token, "expected a node number in 1.." + std::to_string(nodes));
      return false;
    }
    *out = static_cast<int32_t>(id - 1);
    return true;
  }
  void Fail(const char* field, std::string_view value, std::string message) {
    if (!error_)
      error_ = MakeError(
          ErrorKind::kBadData, file_, line_, field, std::string(value), std::move(message));
  }
  bool failed() const { return error_.has_value(); }
  Error error() const { return *error_; }

 private:
  const std::string& file_;
  int64_t line_;
  std::optional<Error> error_;
};

Result<DimacsProblem> ReadUnguarded(std::istream& in, const std::string& name) {
  DimacsProblem dimacs;
  FlowProblem& p = dimacs.problem;
  // Memory grows with the lines read, never with the 'p' line's declaration:
  // node arrays are sized only at the end, and only if the file is big
  // enough to describe that many nodes.
  struct NodeLine {
    int32_t node;
    int64_t supply;
  };
  std::vector<NodeLine> node_lines;
  std::unordered_map<int32_t, int64_t> node_line_of;  // node -> its 'n' line; lookup only
  int64_t nodes = -1;
  int64_t bytes_read = 0;
  Int128 offset = 0;
  int64_t declared_arcs = -1;
  int64_t problem_line = 0;
  int64_t line_number = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++line_number;
    bytes_read += static_cast<int64_t>(line.size()) + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string_view> t = Split(line);
    if (t.empty() || t[0][0] == 'c') continue;
    LineParser parse(name, line_number);
    const std::string_view kind = t[0];
    if (kind == "p") {
      if (problem_line > 0) {
        return MakeError(
            ErrorKind::kBadData,
            name,
            line_number,
            "",
            "p",
            "a second 'p' line (the first is on line " + std::to_string(problem_line) + ")");
      }
      if (t.size() != 4) {
        return MakeError(ErrorKind::kBadData,
                         name,
                         line_number,
                         "",
                         std::string(line),
                         "expected 'p min NODES ARCS'");
      }
      if (t[1] != "min") {
        return MakeError(ErrorKind::kBadData,
                         name,
                         line_number,
                         "problem type",
                         std::string(t[1]),
                         "expected 'min' (minimum-cost flow)");
      }
      if (!parse.Int(t[2], "NODES", &nodes) || !parse.Int(t[3], "ARCS", &declared_arcs))
        return parse.error();
      if (nodes < 0 || declared_arcs < 0 ||
          static_cast<Int128>(nodes) + 2 * static_cast<Int128>(declared_arcs) + 2 >=
              std::numeric_limits<int32_t>::max()) {
        return MakeError(ErrorKind::kBadData,
                         name,
                         line_number,
                         "",
                         std::string(line),
                         "expected NODES >= 0 and ARCS >= 0 with NODES + 2 * ARCS below 2^31");
      }
      problem_line = line_number;
      continue;
    }
    if (kind != "n" && kind != "a") {
      return MakeError(ErrorKind::kBadData,
                       name,
                       line_number,
                       "",
                       std::string(kind),
                       "unknown line type: expected c, p, n or a");
    }
    if (problem_line == 0) {
      return MakeError(ErrorKind::kBadData,
                       name,
                       line_number,
                       "",
                       std::string(kind),
                       "an '" + std::string(kind) + "' line before the 'p' line");
    }
    if (kind == "n") {
      if (t.size() != 3) {
        return MakeError(ErrorKind::kBadData,
                         name,
                         line_number,
                         "",
                         std::string(line),
                         "expected 'n ID SUPPLY'");
      }
      int32_t id = 0;
      int64_t value = 0;
      if (!parse.Node(t[1], "ID", nodes, &id) || !parse.Int(t[2], "SUPPLY", &value))
        return parse.error();
      const auto [first, inserted] = node_line_of.emplace(id, line_number);
      if (!inserted) {
        return MakeError(ErrorKind::kBadData,
                         name,
                         line_number,
                         "ID",
                         std::string(t[1]),
                         "a second 'n' line for this node (the first is on line " +
                             std::to_string(first->second) + ")");
      }
      node_lines.push_back({id, value});
      continue;
    }
    if (t.size() != 6) {
      return MakeError(ErrorKind::kBadData,
                       name,
                       line_number,
                       "",
                       std::string(line),
                       "expected 'a SRC DST LOW CAP COST'");
    }
    if (p.num_arcs() == declared_arcs) {
      return MakeError(
          ErrorKind::kBadData,
          name,
          line_number,
          "",
          "a",
          "more 'a' lines than the " + std::to_string(declared_arcs) + " arcs of the 'p' line");
    }
    int32_t src = 0, dst = 0;
    int64_t low = 0, cap = 0, cost = 0;
    if (!parse.Node(t[1], "SRC", nodes, &src) || !parse.Node(t[2], "DST", nodes, &dst) ||
        !parse.Int(t[3], "LOW", &low) || !parse.Int(t[4], "CAP", &cap) ||
        !parse.Int(t[5], "COST", &cost)) {
      return parse.error();
    }
    if (low > cap) {
      return MakeError(ErrorKind::kBadData,
                       name,
                       line_number,
                       "LOW",
                       std::string(t[3]),
                       "lower bound above the capacity " + std::string(t[4]));
    }
    const Int128 width = static_cast<Int128>(cap) - low;
    if (cap != kInfiniteCapacity && width >= kMax) {
      return MakeError(ErrorKind::kBadData,
                       name,
                       line_number,
                       "CAP",
                       std::string(t[4]),
                       "CAP - LOW must stay below 2^63 - 1");
    }
    p.AddArc(
        src, dst, cap == kInfiniteCapacity ? kInfiniteCapacity : static_cast<int64_t>(width), cost);
    dimacs.arc_lower.push_back(low);
    offset += static_cast<Int128>(low) * cost;
  }
  if (problem_line == 0) {
    return MakeError(ErrorKind::kBadData, name, line_number, "", "", "no 'p min NODES ARCS' line");
  }
  if (p.num_arcs() != declared_arcs) {
    return MakeError(ErrorKind::kBadData,
                     name,
                     line_number,
                     "",
                     std::to_string(p.num_arcs()),
                     "found this many 'a' lines, but the 'p' line on line " +
                         std::to_string(problem_line) + " declares " +
                         std::to_string(declared_arcs));
  }
  // Nodes no line mentions are allowed, but not so many that a short file
  // could make the reader allocate gigabytes.
  constexpr int64_t kUnmentionedNodes = int64_t{1} << 20;
  if (nodes > bytes_read + kUnmentionedNodes) {
    return MakeError(ErrorKind::kBadData,
                     name,
                     problem_line,
                     "NODES",
                     std::to_string(nodes),
                     "a node count the file can describe: the 'p' line declares " +
                         std::to_string(nodes) + " nodes, but the file has only " +
                         std::to_string(bytes_read) + " bytes (a damaged 'p' line?)");
  }
  std::vector<Int128> supply(static_cast<size_t>(nodes), 0);
  for (const NodeLine& n : node_lines) supply[static_cast<size_t>(n.node)] += n.supply;
  for (int64_t a = 0; a < p.num_arcs(); ++a) {
    const int64_t low = dimacs.arc_lower[static_cast<size_t>(a)];
    supply[static_cast<size_t>(p.arc_tail[static_cast<size_t>(a)])] -= low;
    supply[static_cast<size_t>(p.arc_head[static_cast<size_t>(a)])] += low;
  }
  p.supply.assign(supply.size(), 0);
  for (size_t v = 0; v < supply.size(); ++v) {
    if (supply[v] > kMax || supply[v] < -kMax) {
      return MakeError(ErrorKind::kBadData,
                       name,
                       0,
                       "",
                       "node " + std::to_string(v + 1),
                       "supply (with lower bounds moved in) beyond 64 bits");
    }
    p.supply[v] = static_cast<int64_t>(supply[v]);
  }
  if (offset > kMax || offset < -kMax) {
    return MakeError(ErrorKind::kBadData,
                     name,
                     0,
                     "",
                     "",
                     "the lower bounds' cost sum LOW * COST exceeds 64 bits");
  }
  dimacs.cost_offset = static_cast<int64_t>(offset);
  return dimacs;
}

}  // namespace

Result<DimacsProblem> ReadDimacs(std::istream& in, const std::string& name) {
  return CatchAtBoundary<DimacsProblem>(
      name, "reading the DIMACS file", [&] { return ReadUnguarded(in, name); });
}

Result<DimacsProblem> LoadDimacs(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorKind::kMissingInput, path.string(), 0, "", "", "cannot open the file");
  }
  return ReadDimacs(in, path.string());
}

void WriteDimacs(std::ostream& out, const DimacsProblem& dimacs) {
  const FlowProblem& p = dimacs.problem;
  // Supplies as in the file: undo the lower bounds' transfer. The sums run
  // in 128 bits: a node's running total can leave 64 bits half-way even
  // though the end result, the file's own 'n' value, fits.
  std::vector<Int128> supply(p.supply.begin(), p.supply.end());
  for (int64_t a = 0; a < p.num_arcs(); ++a) {
    supply[static_cast<size_t>(p.arc_tail[static_cast<size_t>(a)])] +=
        dimacs.arc_lower[static_cast<size_t>(a)];
    supply[static_cast<size_t>(p.arc_head[static_cast<size_t>(a)])] -=
        dimacs.arc_lower[static_cast<size_t>(a)];
  }
  out << "p min " << p.num_nodes() << " " << p.num_arcs() << "\n";
  for (int32_t v = 0; v < p.num_nodes(); ++v) {
    const Int128 s = supply[static_cast<size_t>(v)];
    JOBMATCH_CHECK(s <= kMax && s >= std::numeric_limits<int64_t>::min())
        << "node " << v + 1 << ": supply beyond 64 bits";
    if (s != 0) out << "n " << v + 1 << " " << static_cast<int64_t>(s) << "\n";
  }
  for (int64_t a = 0; a < p.num_arcs(); ++a) {
    const auto i = static_cast<size_t>(a);
    const int64_t low = dimacs.arc_lower[i];
    const int64_t cap =
        p.arc_capacity[i] == kInfiniteCapacity ? kInfiniteCapacity : p.arc_capacity[i] + low;
    out << "a " << p.arc_tail[i] + 1 << " " << p.arc_head[i] + 1 << " " << low << " " << cap << " "
        << p.arc_cost[i] << "\n";
  }
}

std::vector<int64_t> FileFlows(const DimacsProblem& dimacs, const FlowSolution& solution) {
  JOBMATCH_CHECK(solution.flow.size() == dimacs.arc_lower.size()) << "solution of another problem";
  std::vector<int64_t> flows(solution.flow.size());
  for (size_t a = 0; a < flows.size(); ++a) flows[a] = solution.flow[a] + dimacs.arc_lower[a];
  return flows;
}

std::optional<int64_t> FileCost(const DimacsProblem& dimacs, const FlowSolution& solution) {
  JOBMATCH_CHECK(solution.status == FlowStatus::kOptimal) << "no solution";
  const Int128 cost = static_cast<Int128>(solution.total_cost) + dimacs.cost_offset;
  if (cost > kMax || cost < -kMax) return std::nullopt;
  return static_cast<int64_t>(cost);
}

void WriteDimacsSolution(std::ostream& out,
                         const DimacsProblem& dimacs,
                         const FlowSolution& solution) {
  const std::optional<int64_t> cost = FileCost(dimacs, solution);
  JOBMATCH_CHECK(cost.has_value()) << "total cost beyond 64 bits";
  const FlowProblem& p = dimacs.problem;
  std::string text = "s " + std::to_string(*cost) + "\n";
  const std::vector<int64_t> flows = FileFlows(dimacs, solution);
  for (size_t a = 0; a < flows.size(); ++a) {
    if (flows[a] == 0) continue;
    text += "f ";
    text += std::to_string(p.arc_tail[a] + 1);
    text += ' ';
    text += std::to_string(p.arc_head[a] + 1);
    text += ' ';
    text += std::to_string(flows[a]);
    text += '\n';
  }
  out << text;
}

}  // namespace jobmatch

#include "engine/baselines.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "engine/check.h"
#include "engine/internal/random.h"

namespace jobmatch {
namespace {

size_t At(int64_t i) {
  return static_cast<size_t>(i);
}

// What is left of every capacity while a baseline places arcs one by one.
class Room {
 public:
  explicit Room(const CandidateGraph& graph)
      : graph_(graph),
        placed_(At(graph.num_participants), false),
        coordinator_(graph.coordinator_capacity),
        vacancy_(graph.vacancy_capacity),
        employer_(graph.employer_capacity) {
    JOBMATCH_CHECK(graph.IsValid()) << "baseline on an invalid candidate graph";
  }

  bool ParticipantOpen(int32_t p) const {
    return !placed_[At(p)] && coordinator_[At(graph_.participant_coordinator[At(p)].value)] > 0;
  }
  // Whether arc a of participant p still fits.
  bool Fits(int32_t p, int64_t a) const {
    if (!ParticipantOpen(p)) return false;
    const int32_t v = graph_.arc_vacancy[At(a)].value;
    if (vacancy_[At(v)] <= 0) return false;
    const int32_t e = graph_.vacancy_employer[At(v)].value;
    return graph_.employer_capacity[At(e)] < 0 || employer_[At(e)] > 0;
  }
  void Take(int32_t p, int64_t a, std::vector<Placement>* out) {
    const VacancyIndex v = graph_.arc_vacancy[At(a)];
    placed_[At(p)] = true;
    --coordinator_[At(graph_.participant_coordinator[At(p)].value)];
    --vacancy_[At(v.value)];
    --employer_[At(graph_.vacancy_employer[At(v.value)].value)];
    out->push_back(Placement{ParticipantIndex(p), v, a, graph_.arc_score[At(a)]});
  }

 private:
  const CandidateGraph& graph_;
  std::vector<bool> placed_;
  std::vector<int32_t> coordinator_;
  std::vector<int32_t> vacancy_;
  std::vector<int32_t> employer_;
};

void SortByParticipant(std::vector<Placement>* placements) {
  std::sort(placements->begin(), placements->end(), [](const Placement& a, const Placement& b) {
    return a.participant < b.participant;
  });
}

// Participants in `order`, each taking the open arc that `better(a, b)` ranks
// first (the first in row order among equals).
template <typename Better>
std::vector<Placement> InOrder(const CandidateGraph& graph,
                               std::span<const int32_t> order,
                               Better better) {
  Room room(graph);
  std::vector<Placement> out;
  for (const int32_t p : order) {
    if (!room.ParticipantOpen(p)) continue;
    int64_t best = -1;
    for (int64_t a = graph.arc_begin[At(p)]; a < graph.arc_begin[At(p) + 1]; ++a) {
      if (room.Fits(p, a) && (best < 0 || better(a, best))) best = a;
    }
    if (best >= 0) room.Take(p, best, &out);
  }
  SortByParticipant(&out);
  return out;
}

std::vector<int32_t> ListOrder(const CandidateGraph& graph) {
  std::vector<int32_t> order(At(graph.num_participants));
  std::iota(order.begin(), order.end(), 0);
  return order;
}

}  // namespace

std::vector<Placement> GreedyByScore(const CandidateGraph& graph) {
  Room room(graph);
  std::vector<int64_t> arcs(At(graph.num_arcs()));
  std::iota(arcs.begin(), arcs.end(), int64_t{0});
  // Arc indices grow with participant and row position, so the index breaks ties.
  std::stable_sort(arcs.begin(), arcs.end(), [&graph](int64_t a, int64_t b) {
    return graph.arc_score[At(a)] > graph.arc_score[At(b)];
  });
  std::vector<int32_t> owner(At(graph.num_arcs()));
  for (int32_t p = 0; p < graph.num_participants; ++p) {
    for (int64_t a = graph.arc_begin[At(p)]; a < graph.arc_begin[At(p) + 1]; ++a) owner[At(a)] = p;
  }
  std::vector<Placement> out;
  for (const int64_t a : arcs) {
    const int32_t p = owner[At(a)];
    if (room.Fits(p, a)) room.Take(p, a, &out);
  }
  SortByParticipant(&out);
  return out;
}

std::vector<Placement> NaturalOrder(const CandidateGraph& graph) {
  const std::vector<int32_t> order = ListOrder(graph);
  return InOrder(graph, order, [&graph](int64_t a, int64_t b) {
    return graph.arc_score[At(a)] > graph.arc_score[At(b)];
  });
}

std::vector<Placement> NearestFirst(const CandidateGraph& graph,
                                    std::span<const float> arc_minutes) {
  JOBMATCH_CHECK(static_cast<int64_t>(arc_minutes.size()) == graph.num_arcs())
      << "arc_minutes has " << arc_minutes.size() << " entries for " << graph.num_arcs() << " arcs";
  const std::vector<int32_t> order = ListOrder(graph);
  return InOrder(graph, order, [&graph, arc_minutes](int64_t a, int64_t b) {
    if (arc_minutes[At(a)] != arc_minutes[At(b)]) return arc_minutes[At(a)] < arc_minutes[At(b)];
    return graph.arc_score[At(a)] > graph.arc_score[At(b)];
  });
}

std::vector<Placement> RandomOrder(const CandidateGraph& graph, uint64_t seed) {
  internal::Rng rng(seed, /*stream=*/13);
  std::vector<int32_t> order = ListOrder(graph);
  // Fisher–Yates with our own draws, so every platform shuffles alike.
  for (size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[rng.Below(i)]);
  }
  Room room(graph);
  std::vector<Placement> out;
  std::vector<int64_t> open;
  for (const int32_t p : order) {
    if (!room.ParticipantOpen(p)) continue;
    open.clear();
    for (int64_t a = graph.arc_begin[At(p)]; a < graph.arc_begin[At(p) + 1]; ++a) {
      if (room.Fits(p, a)) open.push_back(a);
    }
    if (!open.empty()) room.Take(p, open[rng.Below(open.size())], &out);
  }
  SortByParticipant(&out);
  return out;
}

int32_t EarlierPlacements::Count(EarlierFate f) const {
  return static_cast<int32_t>(std::count(fate.begin(), fate.end(), f));
}

EarlierPlacements KeepEarlier(const CandidateGraph& graph,
                              std::span<const std::pair<ParticipantIndex, VacancyIndex>> pairs) {
  EarlierPlacements out;
  out.fate.assign(pairs.size(), EarlierFate::kNotCandidate);
  // (arc, index into pairs) of the pairs that are arcs today.
  std::vector<std::pair<int64_t, size_t>> arcs;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto [p, v] = pairs[i];
    if (p.value < 0 || p.value >= graph.num_participants) continue;
    for (int64_t a = graph.arc_begin[At(p.value)]; a < graph.arc_begin[At(p.value) + 1]; ++a) {
      if (graph.arc_vacancy[At(a)] == v) {
        arcs.emplace_back(a, i);
        break;
      }
    }
  }
  // Arc indices grow with participant and row position, so they break ties.
  std::sort(arcs.begin(), arcs.end(), [&graph](const auto& x, const auto& y) {
    const float sx = graph.arc_score[At(x.first)];
    const float sy = graph.arc_score[At(y.first)];
    return sx != sy ? sx > sy : x < y;
  });
  std::vector<int32_t> owner(At(graph.num_arcs()));
  for (int32_t p = 0; p < graph.num_participants; ++p) {
    for (int64_t a = graph.arc_begin[At(p)]; a < graph.arc_begin[At(p) + 1]; ++a) owner[At(a)] = p;
  }
  Room room(graph);
  for (const auto& [a, i] : arcs) {
    const int32_t p = owner[At(a)];
    if (room.Fits(p, a)) {
      room.Take(p, a, &out.placements);
      out.fate[i] = EarlierFate::kKept;
    } else {
      out.fate[i] = EarlierFate::kOverCapacity;
    }
  }
  SortByParticipant(&out.placements);
  return out;
}

EarlierPlacements EarlierOnToday(const Dataset& dataset,
                                 const CandidateGraph& graph,
                                 std::span<const std::pair<std::string, std::string>> pairs) {
  const auto participant = IndexById(dataset.participants);
  const auto vacancy = IndexById(dataset.vacancies);
  std::vector<std::pair<ParticipantIndex, VacancyIndex>> present;
  std::vector<size_t> present_at;
  std::vector<EarlierFate> fate(pairs.size(), EarlierFate::kNotCandidate);
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto p = participant.find(pairs[i].first);
    const auto v = vacancy.find(pairs[i].second);
    if (p == participant.end()) {
      fate[i] = EarlierFate::kParticipantGone;
    } else if (v == vacancy.end()) {
      fate[i] = EarlierFate::kVacancyGone;
    } else {
      present.emplace_back(ParticipantIndex(p->second), VacancyIndex(v->second));
      present_at.push_back(i);
    }
  }
  EarlierPlacements out = KeepEarlier(graph, present);
  for (size_t k = 0; k < present_at.size(); ++k) fate[present_at[k]] = out.fate[k];
  out.fate = std::move(fate);
  return out;
}

int64_t AssignmentObjective(std::span<const Placement> placements,
                            const AssignmentOptions& options) {
  int64_t total = 0;
  for (const Placement& placement : placements) {
    total += std::llround((options.placement_value + static_cast<double>(placement.score)) *
                          static_cast<double>(options.cost_resolution));
  }
  return total;
}

std::string CheckCapacities(const CandidateGraph& graph, std::span<const Placement> placements) {
  std::vector<int32_t> participant(At(graph.num_participants), 0);
  std::vector<int32_t> coordinator(At(graph.num_coordinators), 0);
  std::vector<int32_t> vacancy(At(graph.num_vacancies), 0);
  std::vector<int32_t> employer(At(graph.num_employers), 0);
  for (const Placement& placement : placements) {
    const int32_t p = placement.participant.value;
    if (p < 0 || p >= graph.num_participants) return "participant index out of range";
    const std::string who = "participant " + std::to_string(p);
    if (placement.arc < graph.arc_begin[At(p)] || placement.arc >= graph.arc_begin[At(p) + 1]) {
      return who + ": arc " + std::to_string(placement.arc) + " is not in their row";
    }
    if (graph.arc_vacancy[At(placement.arc)] != placement.vacancy ||
        graph.arc_score[At(placement.arc)] != placement.score) {
      return who + ": vacancy or score differs from arc " + std::to_string(placement.arc);
    }
    const int32_t v = placement.vacancy.value;
    const int32_t c = graph.participant_coordinator[At(p)].value;
    const int32_t e = graph.vacancy_employer[At(v)].value;
    if (++participant[At(p)] > 1) return who + ": placed twice";
    if (++coordinator[At(c)] > graph.coordinator_capacity[At(c)]) {
      return "coordinator " + std::to_string(c) + ": over capacity";
    }
    if (++vacancy[At(v)] > graph.vacancy_capacity[At(v)]) {
      return "vacancy " + std::to_string(v) + ": over its openings";
    }
    if (++employer[At(e)] > graph.employer_capacity[At(e)] && graph.employer_capacity[At(e)] >= 0) {
      return "employer " + std::to_string(e) + ": over its cap";
    }
  }
  return "";
}

}  // namespace jobmatch

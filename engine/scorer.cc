// engine/scorer.cc: ScoreTopK(), the hot kernel: the vacancies in grid order,
// participants in blocks, the rules of each pair (engine/internal/
// scoring_rules.h), the exact bounds that skip the skill overlap, the skill
// kernel, and the top K per participant laid out as CSR.

#include "engine/scorer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "engine/check.h"
#include "engine/exclusion_rules.h"
#include "engine/geo.h"
#include "engine/internal/rule_pass.h"
#include "engine/internal/scoring_rules.h"
#include "engine/parallel.h"
#include "engine/skill_profiles.h"

namespace jobmatch {
namespace {

using internal::ParticipantRules;
using internal::RuleTables;

constexpr uint8_t kHasDeadline = 16;
constexpr uint8_t kIsJob = 32;
constexpr uint8_t kHasEssential = 64;  // essential skill set not empty
constexpr uint8_t kHasOptional = 128;  // optional skill set not empty
constexpr int8_t kRelatedBit = 8;      // in Prepared::occupation_relation

// The highest VacancyRow::requirement (RequirementLevel() gives 1-4).
constexpr int kMaxRequirement = 7;

// What the pair loop reads of a vacancy, stored in grid order (rule fields
// from internal::RulesOfVacancy).
struct VacancyRow {
  UnitVector u;
  int32_t vacancy = 0;
  int32_t profile = -1;
  int32_t deadline = 0;  // last day a bridging course may finish (kHasDeadline)
  float hours = 0.0f;
  float micro = 0.0f;
  float inv_essential = 0.0f;    // 1 / |essential set|, 0 if empty
  float inv_optional = 0.0f;     // 1 / |optional set|, 0 if empty
  int32_t correction_begin = 0;  // into Prepared::corrections (grid order)
  int8_t kind_class = internal::kHelperJob;
  int8_t min_german = 0;
  int8_t requirement = 1;
  uint8_t flags = 0;
  uint16_t static_fail = 0;  // internal::VacancyRules::static_fail
  uint8_t hours_class = 0;   // internal::VacancyRules::hours_class
  uint16_t correction_count = 0;
};

// Everything derived once from the inputs, read-only during scoring.
struct Prepared {
  SkillKernel kernel;
  GridIndex grid;
  std::vector<VacancyRow> rows;   // grid order
  internal::RuleColumns columns;  // the rows' rule fields, for the vector pass
  bool vector_rules = false;      // ScoringOptions::vector_instructions and the CPU has them
  std::vector<SkillCorrection> corrections;        // the kernel's, in grid order
  std::vector<std::vector<int32_t>> profile_isco;  // per kernel profile, ISCO unit codes
  // Per kernel profile, for RelatedOccupations (engine/exclusion_rules.h):
  // the non-residual ISCO unit groups and the KldB Berufsgruppe (-1: none).
  std::vector<std::vector<int32_t>> profile_specific_isco;
  std::vector<int32_t> profile_kldb_group;
  // How each occupation a participant holds relates to each kernel profile:
  // the ISCO-08 digits they share (0, 2, 3 or 4) plus kRelatedBit when
  // related (RelatedOccupations), num_profiles entries per occupation. Rows
  // by esco_row / kldb_row (-1: nobody holds it), one per occupation however
  // many participants hold it: at most the reference's occupations times the
  // profiles (national tier: 556 rows of 556). A participant's
  // relation to a profile combines its occupations' (CombineRelations).
  std::vector<int8_t> occupation_relation;
  std::vector<int32_t> esco_row;    // by OccupationIndex
  std::vector<int32_t> kldb_row;    // by KldbIndex (occupations without ESCO code)
  std::vector<int8_t> no_relation;  // num_profiles zeros: no occupation held
  RuleTables rules;
  std::vector<int32_t> order;  // participants sorted by grid cell
  CommuteModel model;
  // Weights divided by their sum: score = sum of weight * part.
  double w_skill = 0.0;
  double w_german = 0.0;
  double w_commute = 0.0;
  double w_micro = 0.0;
};

// Per participant, derived at the start of its turn: the rules, and what the
// parts need.
struct ParticipantContext {
  ParticipantRules rules;
  UnitVector u;
  int32_t qualification_level = 1;
  double reach_c2 = 0.0;
  double reach_km = 0.0;
  // By VacancyRow::hours_class: 1 / limit minutes.
  std::array<double, 3> inv_limit{};
  double minutes_per_km = 0.0;  // detour * 60 / speed of the participant's means
  double wait_minutes = 0.0;
  // German part by vacancy minimum level when no course bridges.
  std::array<double, kNumCefrLevels> german_fit{};
  // Requirement fit of a job by its requirement level (VacancyRow::requirement).
  std::array<double, kMaxRequirement + 1> job_requirement_fit{};
  // The skill gate applies: required, and the participant has a skill on record.
  bool skill_gate = false;
  // By kernel profile: the participant's relation to it (Prepared::
  // occupation_relation's entries, combined over their occupations). Points
  // into Prepared, or to relation_buffer for several occupations.
  const int8_t* relation = nullptr;
  std::vector<int8_t> relation_buffer;
};

// Reusable buffers of one block.
struct Scratch {
  std::vector<float> essential_row;
  std::vector<float> optional_row;
  std::vector<uint8_t> marks;
  std::vector<ItemRange> ranges;
  // What internal::VectorPairPass leaves of a chunk (see there), and the
  // relation by profile it reads.
  std::vector<uint32_t> pass_several;
  std::vector<uint32_t> pass_single;
  std::vector<int32_t> pass_rows;
  std::vector<uint32_t> pass_fail;
  std::vector<int32_t> relation32;
  std::vector<ScoredPair> kept;
  ParticipantContext context;
};

struct BlockOutput {
  std::vector<ScoredPair> pairs;  // participants in block order, each best first
};

// Best first: score descending, then vacancy ascending.
bool Better(float score_a, VacancyIndex a, float score_b, VacancyIndex b) {
  return score_a > score_b || (score_a == score_b && a < b);
}
bool BetterPair(const ScoredPair& a, const ScoredPair& b) {
  return Better(a.score, a.vacancy, b.score, b.vacancy);
}

int32_t ParseIsco(const std::string& code) {
  if (code.size() != 4) return -1;
  int32_t value = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

void AppendIsco(const OccupationRef& o, const ReferenceData& reference, std::vector<int32_t>* out) {
  if (o.esco.valid()) {
    const int32_t code =
        ParseIsco(reference.occupations[static_cast<size_t>(o.esco.value)].isco_code);
    if (code >= 0) out->push_back(code);
  } else if (o.kldb.valid()) {
    for (const std::string& s : reference.kldb[static_cast<size_t>(o.kldb.value)].isco_codes) {
      const int32_t code = ParseIsco(s);
      if (code >= 0) out->push_back(code);
    }
  }
}

bool SharesMinorGroup(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  for (int32_t x : a) {
    for (int32_t y : b) {
      if (x / 10 == y / 10) return true;
    }
  }
  return false;
}

int8_t IscoMatchDigits(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  int8_t best = 0;
  for (int32_t x : a) {
    for (int32_t y : b) {
      if (x == y) return 4;
      if (x / 10 == y / 10) {
        best = std::max<int8_t>(best, 3);
      } else if (x / 100 == y / 100) {
        best = std::max<int8_t>(best, 2);
      }
    }
  }
  return best;
}

// A pair's skill mix from its coverages, before the ISCO floor.
double SkillMix(const ScoringOptions& options,
                bool has_essential,
                bool has_optional,
                double essential_coverage,
                double optional_coverage) {
  const double share = options.optional_skill_share;
  if (has_essential && has_optional) {
    return (1.0 - share) * essential_coverage + share * optional_coverage;
  }
  if (has_essential) return essential_coverage;
  if (has_optional) return optional_coverage;
  return options.skill_fit_without_requirements;
}

void CheckOptions(const ScoringOptions& o) {
  const ScoringWeights& w = o.weights;
  JOBMATCH_CHECK(w.skill >= 0 && w.german >= 0 && w.commute >= 0 && w.micro >= 0)
      << "negative weight";
  JOBMATCH_CHECK(w.skill + w.german + w.commute + w.micro > 0) << "weights sum to zero";
  JOBMATCH_CHECK(o.optional_skill_share >= 0 && o.optional_skill_share <= 1);
  JOBMATCH_CHECK(o.skill_fit_without_requirements >= 0 && o.skill_fit_without_requirements <= 1);
  for (double f : o.isco_group_floor) JOBMATCH_CHECK(f >= 0 && f <= 1) << "isco floor " << f;
  JOBMATCH_CHECK(o.requirement_penalty_per_level >= 0);
  JOBMATCH_CHECK(o.unrecognised_qualification_levels >= 0);
  JOBMATCH_CHECK(o.german_tolerance_levels >= 0 && o.german_penalty_per_level >= 0);
  JOBMATCH_CHECK(o.course_bridge_german_fit >= 0 && o.course_bridge_german_fit <= 1);
  JOBMATCH_CHECK(o.car_speed_kmh > 0 && o.transit_speed_kmh > 0 && o.road_detour_factor > 0 &&
                 o.transit_wait_minutes >= 0)
      << "commute model";
  JOBMATCH_CHECK(o.default_commute_minutes_long_day > 0 && o.default_commute_minutes_short_day > 0);
  for (double b : o.size_class_bonus) JOBMATCH_CHECK(b >= 0 && b <= 1) << "size bonus " << b;
  JOBMATCH_CHECK(o.num_threads >= 0 && o.block_size > 0 && o.grid_cell_km > 0);
}

// Prepared::occupation_relation's entry for one occupation (its ISCO unit
// codes sorted and distinct, its specific codes and KldB group as
// AppendSpecificIsco and KldbGroupOf give them) and kernel profile j.
int8_t OccupationRelation(const Prepared& prep,
                          const std::vector<int32_t>& isco,
                          const std::vector<int32_t>& specific_isco,
                          int32_t kldb_group,
                          size_t j) {
  auto relation = isco.empty() ? int8_t{0} : IscoMatchDigits(isco, prep.profile_isco[j]);
  const bool related = (kldb_group >= 0 && kldb_group == prep.profile_kldb_group[j]) ||
                       SharesMinorGroup(specific_isco, prep.profile_specific_isco[j]);
  if (related) relation = static_cast<int8_t>(relation | kRelatedBit);
  return relation;
}

// Two occupations' relations to one profile as one participant's: the most
// ISCO digits shared, related if either is (IscoMatchDigits takes the best
// pair of codes, RelatedOccupations any pair).
int8_t CombineRelations(int8_t a, int8_t b) {
  return static_cast<int8_t>(std::max<int>(a & ~kRelatedBit, b & ~kRelatedBit) |
                             ((a | b) & kRelatedBit));
}

// Fills prep->occupation_relation for the occupations participants hold.
void PrepareRelations(const Dataset& dataset,
                      const ReferenceData& reference,
                      const ScoringOptions& options,
                      Prepared* prep) {
  prep->esco_row.assign(reference.occupations.size(), -1);
  prep->kldb_row.assign(reference.kldb.size(), -1);
  std::vector<OccupationRef> held;  // by row
  for (const Participant& participant : dataset.participants) {
    for (const OccupationRef& o : participant.occupations) {
      // AppendIsco, AppendSpecificIsco and KldbGroupOf read the ESCO
      // occupation when there is one, else the KldB one.
      int32_t* row = o.esco.valid()   ? &prep->esco_row[static_cast<size_t>(o.esco.value)]
                     : o.kldb.valid() ? &prep->kldb_row[static_cast<size_t>(o.kldb.value)]
                                      : nullptr;
      if (row == nullptr || *row >= 0) continue;
      *row = static_cast<int32_t>(held.size());
      held.push_back(o);
    }
  }
  const auto num_profiles = static_cast<size_t>(prep->kernel.num_profiles);
  prep->no_relation.assign(num_profiles, 0);
  prep->occupation_relation.assign(held.size() * num_profiles, 0);
  ForEachTask(held.size(), options.num_threads, [&](size_t i) {
    std::vector<int32_t> isco;
    std::vector<int32_t> specific_isco;
    AppendIsco(held[i], reference, &isco);
    std::sort(isco.begin(), isco.end());
    isco.erase(std::unique(isco.begin(), isco.end()), isco.end());
    AppendSpecificIsco(held[i], reference, &specific_isco);
    const int32_t kldb_group = KldbGroupOf(held[i], reference);
    int8_t* out = prep->occupation_relation.data() + i * num_profiles;
    for (size_t j = 0; j < num_profiles; ++j) {
      out[j] = OccupationRelation(*prep, isco, specific_isco, kldb_group, j);
    }
  });
}

Prepared Prepare(const Dataset& dataset,
                 const ReferenceData& reference,
                 const ScoringOptions& options) {
  Prepared prep;
  prep.model = CommuteModelOf(options);
  const ScoringWeights& w = options.weights;
  const double weight_sum = w.skill + w.german + w.commute + w.micro;
  prep.w_skill = w.skill / weight_sum;
  prep.w_german = w.german / weight_sum;
  prep.w_commute = w.commute / weight_sum;
  prep.w_micro = w.micro / weight_sum;
  prep.kernel = BuildSkillKernel(dataset, reference, options.num_threads);
  for (const OccupationRef& o : prep.kernel.profile_occupation) {
    std::vector<int32_t> codes;
    AppendIsco(o, reference, &codes);
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    prep.profile_isco.push_back(std::move(codes));
    std::vector<int32_t> specific;
    AppendSpecificIsco(o, reference, &specific);
    prep.profile_specific_isco.push_back(std::move(specific));
    prep.profile_kldb_group.push_back(KldbGroupOf(o, reference));
  }

  const size_t num_vacancies = dataset.vacancies.size();
  std::vector<GeoPoint> points(num_vacancies);
  for (size_t v = 0; v < num_vacancies; ++v) points[v] = dataset.vacancies[v].place.point;
  prep.grid = BuildGridIndex(points, options.grid_cell_km);
  prep.rows.resize(num_vacancies);
  for (size_t k = 0; k < num_vacancies; ++k) {
    const int32_t v = prep.grid.items[k];
    const Vacancy& vacancy = dataset.vacancies[static_cast<size_t>(v)];
    JOBMATCH_CHECK(vacancy.employer.valid() &&
                   static_cast<size_t>(vacancy.employer.value) < dataset.employers.size())
        << "vacancy " << v << ": employer out of range";
    VacancyRow& row = prep.rows[k];
    row.u = ToUnitVector(vacancy.place.point);
    row.vacancy = v;
    row.profile = prep.kernel.vacancy_profile[static_cast<size_t>(v)];
    const int64_t first_correction = prep.kernel.correction_begin[static_cast<size_t>(v)];
    const int64_t last_correction = prep.kernel.correction_begin[static_cast<size_t>(v) + 1];
    JOBMATCH_CHECK(last_correction - first_correction <= UINT16_MAX &&
                   static_cast<int64_t>(prep.corrections.size()) +
                           (last_correction - first_correction) <=
                       INT32_MAX)
        << "vacancy " << v << ": too many stated skills";
    row.correction_begin = static_cast<int32_t>(prep.corrections.size());
    row.correction_count = static_cast<uint16_t>(last_correction - first_correction);
    prep.corrections.insert(prep.corrections.end(),
                            prep.kernel.corrections.begin() + first_correction,
                            prep.kernel.corrections.begin() + last_correction);
    const int32_t requirement = RequirementLevel(vacancy.occupation, reference);
    JOBMATCH_CHECK(requirement >= 0 && requirement <= kMaxRequirement)
        << "vacancy " << v << ": requirement level " << requirement;
    row.requirement = static_cast<int8_t>(requirement);
    const internal::VacancyRules rules = internal::RulesOfVacancy(vacancy, requirement, options);
    row.kind_class = rules.kind_class;
    row.static_fail = rules.static_fail;
    row.hours_class = rules.hours_class;
    if (rules.has_deadline) {
      row.flags |= kHasDeadline;
      row.deadline = rules.deadline;
    }
    row.min_german = static_cast<int8_t>(vacancy.min_german);
    row.hours = static_cast<float>(vacancy.hours_per_week);
    const int32_t staff = dataset.employers[static_cast<size_t>(vacancy.employer.value)].staff;
    row.micro =
        static_cast<float>(options.size_class_bonus[static_cast<size_t>(SizeClassOf(staff))]);
    if (vacancy.kind == VacancyKind::kJob) row.flags |= kIsJob;
    const int32_t essential_size = prep.kernel.essential_size[static_cast<size_t>(v)];
    const int32_t optional_size = prep.kernel.optional_size[static_cast<size_t>(v)];
    if (essential_size > 0) {
      row.flags |= kHasEssential;
      row.inv_essential = 1.0f / static_cast<float>(essential_size);
    }
    if (optional_size > 0) {
      row.flags |= kHasOptional;
      row.inv_optional = 1.0f / static_cast<float>(optional_size);
    }
  }

  prep.vector_rules = options.vector_instructions && internal::VectorPairPassAvailable();
  if (prep.vector_rules) {
    internal::RuleColumns& columns = prep.columns;
    for (const VacancyRow& row : prep.rows) {
      columns.x.push_back(row.u.x);
      columns.y.push_back(row.u.y);
      columns.z.push_back(row.u.z);
      columns.hours.push_back(row.hours);
      columns.deadline.push_back(row.deadline);
      columns.code.push_back(internal::PackRuleCode(row.static_fail,
                                                    row.kind_class,
                                                    row.hours_class,
                                                    row.min_german,
                                                    (row.flags & kHasDeadline) != 0));
      columns.profile.push_back(row.profile);
      columns.inv_essential.push_back(row.inv_essential);
      columns.inv_optional.push_back(row.inv_optional);
      columns.micro.push_back(row.micro);
      columns.correction_begin.push_back(row.correction_begin);
      columns.skill_code.push_back(internal::PackSkillCode((row.flags & kHasEssential) != 0,
                                                           (row.flags & kHasOptional) != 0,
                                                           (row.flags & kIsJob) != 0,
                                                           row.requirement,
                                                           row.correction_count));
    }
  }
  PrepareRelations(dataset, reference, options, &prep);
  prep.rules = internal::BuildRuleTables(dataset, options);
  const size_t num_participants = dataset.participants.size();

  // Participants in grid-cell order, so that a block shares its vacancies.
  std::vector<std::pair<int64_t, int32_t>> keyed(num_participants);
  const GridIndex& g = prep.grid;
  for (size_t p = 0; p < num_participants; ++p) {
    const GeoPoint home = dataset.participants[p].home.point;
    int64_t cell = 0;
    if (g.rows > 0) {
      const double r = std::clamp(std::floor((home.lat - g.min_lat) / g.cell_lat_deg),
                                  0.0,
                                  static_cast<double>(g.rows - 1));
      const double c = std::clamp(std::floor((home.lon - g.min_lon) / g.cell_lon_deg),
                                  0.0,
                                  static_cast<double>(g.cols - 1));
      cell = static_cast<int64_t>(r) * g.cols + static_cast<int64_t>(c);
    }
    keyed[p] = {cell, static_cast<int32_t>(p)};
  }
  std::sort(keyed.begin(), keyed.end());
  prep.order.resize(num_participants);
  for (size_t i = 0; i < num_participants; ++i) prep.order[i] = keyed[i].second;
  return prep;
}

void BuildContext(const Dataset& dataset,
                  const Prepared& prep,
                  const ScoringOptions& options,
                  int32_t p,
                  ParticipantContext* ctx) {
  const Participant& participant = dataset.participants[static_cast<size_t>(p)];
  const CommuteModel& model = prep.model;
  ParticipantRules& rules = ctx->rules;
  internal::BuildParticipantRules(dataset, prep.rules, options, model, p, &rules);
  ctx->u = ToUnitVector(participant.home.point);
  ctx->qualification_level = QualificationLevel(participant, options);
  for (size_t c = 0; c < 3; ++c) ctx->inv_limit[c] = 1.0 / rules.limit_minutes[c];
  const int32_t reach_minutes = rules.own_limit > 0
                                    ? rules.own_limit
                                    : std::max(options.default_commute_minutes_long_day,
                                               options.default_commute_minutes_short_day);
  ctx->reach_km = ReachKm(reach_minutes, rules.by_car, model);
  ctx->reach_c2 = ChordSquaredFromKm(ctx->reach_km);
  ctx->minutes_per_km = model.road_detour_factor * 60.0 /
                        (rules.by_car ? model.car_speed_kmh : model.transit_speed_kmh);
  ctx->wait_minutes = rules.by_car ? 0.0 : model.transit_wait_minutes;
  const auto german = static_cast<int32_t>(participant.german);
  for (int level = 0; level <= kMaxRequirement; ++level) {
    double fit = 1.0;
    if (level > ctx->qualification_level) {
      fit = std::max(
          0.0, 1.0 - options.requirement_penalty_per_level * (level - ctx->qualification_level));
    }
    ctx->job_requirement_fit[static_cast<size_t>(level)] = fit;
  }
  for (int level = 0; level < kNumCefrLevels; ++level) {
    const int gap = level - german;
    ctx->german_fit[static_cast<size_t>(level)] =
        gap <= 0 ? 1.0 : std::max(0.0, 1.0 - options.german_penalty_per_level * gap);
  }

  ctx->skill_gate = options.require_skill_fit && !prep.kernel.participant_skills.For(p).empty();
  ctx->relation = prep.no_relation.data();
  const auto num_profiles = static_cast<size_t>(prep.kernel.num_profiles);
  int32_t rows = 0;
  for (const OccupationRef& o : participant.occupations) {
    const int32_t row = o.esco.valid()   ? prep.esco_row[static_cast<size_t>(o.esco.value)]
                        : o.kldb.valid() ? prep.kldb_row[static_cast<size_t>(o.kldb.value)]
                                         : -1;
    if (row < 0) continue;
    const int8_t* relation =
        prep.occupation_relation.data() + static_cast<size_t>(row) * num_profiles;
    if (rows++ == 0) {
      ctx->relation = relation;
      continue;
    }
    if (rows == 2) {
      ctx->relation_buffer.assign(ctx->relation, ctx->relation + num_profiles);
      ctx->relation = ctx->relation_buffer.data();
    }
    for (size_t j = 0; j < num_profiles; ++j) {
      ctx->relation_buffer[j] = CombineRelations(ctx->relation_buffer[j], relation[j]);
    }
  }
}

// Rows the vector pass takes at a time (the scratch buffers' size).
constexpr int32_t kChunk = 256;

// Per slot (internal::FirstRule(), the last one eligible): pairs counted.
using SlotCounts = std::array<int32_t, kNumExclusionReasons + 1>;

// Counts each of `n` rule words under its first rule in `tally`, and in
// `singles` too when given (words with at most one rule broken). Four partial
// counts take turns: a run of words under one slot (the rule is mostly the
// same row after row) would otherwise wait on each increment before the next.
void TallyFirstRules(const uint32_t* fails, int32_t n, SlotCounts* tally, SlotCounts* singles) {
  std::array<SlotCounts, 4> partial{};
  for (int32_t j = 0; j < n; ++j) {
    ++partial[static_cast<size_t>(j & 3)][static_cast<size_t>(internal::FirstRule(fails[j]))];
  }
  for (size_t slot = 0; slot < tally->size(); ++slot) {
    const int32_t count = partial[0][slot] + partial[1][slot] + partial[2][slot] + partial[3][slot];
    (*tally)[slot] += count;
    if (singles != nullptr) (*singles)[slot] += count;
  }
}

// The participant's side of the bound in internal::VectorPairPass; the
// relation by profile widened into scratch->relation32.
void BuildBoundInput(const Prepared& prep,
                     const ScoringOptions& options,
                     const ParticipantContext& ctx,
                     Scratch* scratch,
                     internal::BoundInput* in) {
  const auto num_profiles = static_cast<size_t>(prep.kernel.num_profiles);
  scratch->relation32.assign(ctx.relation, ctx.relation + num_profiles);
  in->essential_row = scratch->essential_row.data();
  in->optional_row = scratch->optional_row.data();
  in->relation = scratch->relation32.data();
  in->marks = scratch->marks.data();
  in->corrections = prep.corrections.data();
  in->skill_gate = ctx.skill_gate;
  std::copy(ctx.german_fit.begin(), ctx.german_fit.end(), in->german_fit.begin());
  in->bridge_german_fit = options.course_bridge_german_fit;
  std::copy(ctx.job_requirement_fit.begin(),
            ctx.job_requirement_fit.end(),
            in->job_requirement_fit.begin());
  for (size_t digits = 2; digits <= 4; ++digits) {
    in->isco_floor[digits] = options.isco_group_floor[4 - digits];
  }
  in->optional_share = options.optional_skill_share;
  in->fit_without_requirements = options.skill_fit_without_requirements;
  in->w_skill = prep.w_skill;
  in->w_german = prep.w_german;
  in->w_micro = prep.w_micro;
  in->w_commute = prep.w_commute;
  in->minutes_per_km = ctx.minutes_per_km;
  in->wait_minutes = ctx.wait_minutes;
  std::copy(ctx.inv_limit.begin(), ctx.inv_limit.end(), in->inv_limit.begin());
  in->min_score = options.min_score;
}

// Scores one participant: counts into `result` at index p, kept pairs
// appended to `out` best first; returns how many were appended.
// helper_fallback: helper jobs are open despite kHelperJobQualified (the
// second turn of a participant whom nothing else was open to).
int32_t ScoreParticipant(const Dataset& dataset,
                         const ReferenceData& reference,
                         const Prepared& prep,
                         const ScoringOptions& options,
                         int32_t p,
                         Scratch* scratch,
                         std::vector<ScoredPair>* out,
                         ScoredPairs* result,
                         bool helper_fallback = false) {
  ParticipantContext& ctx = scratch->context;
  BuildContext(dataset, prep, options, p, &ctx);
  if (helper_fallback) {
    ctx.rules.kind_fail[internal::kHelperJob] &=
        ~internal::RuleBit(ExclusionReason::kHelperJobQualified);
  }
  const SkillKernel& kernel = prep.kernel;
  float* essential_row = scratch->essential_row.data();
  float* optional_row = scratch->optional_row.data();
  uint8_t* marks = scratch->marks.data();
  AddProfileCounts(kernel, p, essential_row, optional_row);
  MarkSkills(kernel, p, 1, marks);

  const size_t pi = static_cast<size_t>(p);
  std::array<int32_t, kNumExclusionReasons>& excluded = result->excluded[pi];
  std::array<NearMiss, kNumExclusionReasons>& near_miss = result->near_miss[pi];
  std::vector<ScoredPair>& kept = scratch->kept;
  kept.clear();
  const size_t top_k = options.top_k > 0 ? static_cast<size_t>(options.top_k) : 0;

  // tally[r]: pairs within reach whose first failed rule is r; then eligible.
  SlotCounts tally{};
  constexpr int kEligibleSlot = kNumExclusionReasons;
  // singles[r]: the pairs with rule r their only broken rule (near_miss's
  // counts; the eligible slot unused). threshold[r]: the score such a pair
  // must beat as a float, its rule's nearest miss (or, eligible, the top K
  // once full), -1 while there is none.
  SlotCounts singles{};
  std::array<float, kNumExclusionReasons + 1> threshold;
  threshold.fill(-1.0f);
  // A row's skill overlap and the participant's relation to its profile.
  auto overlap = [&](const VacancyRow& row, SkillCounts* counts, int8_t* relation)
      __attribute__((always_inline)) {
    *counts = CountOverlap(essential_row,
                           optional_row,
                           marks,
                           row.profile,
                           prep.corrections.data() + row.correction_begin,
                           prep.corrections.data() + row.correction_begin + row.correction_count);
    *relation = row.profile >= 0 ? ctx.relation[row.profile] : int8_t{0};
  };
  // A row within reach with at most one rule broken, its skill gate judged
  // and counted (tally, singles): its bounds, then its score as the nearest
  // miss of its rule or in the top K.
  auto rank = [&](
      int32_t k, double c2, uint32_t fail, int32_t bridge, SkillCounts counts, int8_t relation)
      __attribute__((always_inline)) {
    const VacancyRow& row = prep.rows[static_cast<size_t>(k)];
    const auto slot = static_cast<size_t>(internal::FirstRule(fail));

    // Every part but the commute first (the overlap is known): with the
    // commute at its best, then at its bound from the chord, they bound the
    // score, and a pair that cannot enter the top K (or beat the rule's
    // nearest miss) skips the distance series. Each bound is exact in
    // floating point (the same sum with the commute at or above its value,
    // and rounding is monotone), so pruning never changes the output.
    // Reciprocals replace divisions: they were the largest cost.
    const double german = bridge >= 0 ? options.course_bridge_german_fit
                                      : ctx.german_fit[static_cast<size_t>(row.min_german)];
    const double requirement_fit =
        (row.flags & kIsJob) != 0 ? ctx.job_requirement_fit[static_cast<size_t>(row.requirement)]
                                  : 1.0;
    const double micro = row.micro;
    const VacancyIndex vacancy(row.vacancy);
    const bool has_essential = (row.flags & kHasEssential) != 0;
    const bool has_optional = (row.flags & kHasOptional) != 0;
    const double essential_coverage =
        has_essential ? counts.essential * static_cast<double>(row.inv_essential) : 1.0;
    const double optional_coverage =
        has_optional ? counts.optional * static_cast<double>(row.inv_optional) : 1.0;
    double mix =
        SkillMix(options, has_essential, has_optional, essential_coverage, optional_coverage);
    const auto isco_digits = static_cast<int8_t>(relation & ~kRelatedBit);
    bool floor_applied = false;
    if (isco_digits >= 2) {
      const double floor = options.isco_group_floor[static_cast<size_t>(4 - isco_digits)];
      floor_applied = floor > mix;
      mix = std::max(mix, floor);
    }
    const double skill = mix * requirement_fit;
    const double skill_part = prep.w_skill * skill;
    const double fixed = prep.w_german * german + prep.w_micro * micro;
    // The score for a commute part; a bound for any commute at or above.
    auto score_with = [&](double commute) {
      return skill_part + (fixed + prep.w_commute * commute);
    };
    auto minutes_for = [&](double km) { return km * ctx.minutes_per_km + ctx.wait_minutes; };
    auto commute_for = [&](double minutes) {
      return std::clamp(1.0 - minutes * ctx.inv_limit[row.hours_class], 0.0, 1.0);
    };
    // First bound: commute at its best, no distance computed.
    if (static_cast<float>(score_with(1.0)) < threshold[slot]) return;
    NearMiss* miss = fail != 0 ? &near_miss[slot] : nullptr;
    // Second bound: the distance at its lower bound, without the series.
    const double bound = score_with(commute_for(minutes_for(KmLowerBoundFromChordSquared(c2))));
    if (static_cast<float>(bound) < threshold[slot]) return;
    if (miss == nullptr && bound < options.min_score) return;
    const double km = KmFromChordSquared(c2);
    const double minutes = minutes_for(km);
    const double commute = commute_for(minutes);
    const double score = score_with(commute);
    const auto score_f = static_cast<float>(score);

    if (miss != nullptr) {
      if (!miss->best.valid() || Better(score_f, vacancy, miss->best_score, miss->best)) {
        miss->best = vacancy;
        miss->best_score = score_f;
        threshold[slot] = score_f;
      }
      return;
    }
    if (score < options.min_score) return;
    if (top_k > 0 && kept.size() == top_k &&
        !Better(score_f, vacancy, kept.front().score, kept.front().vacancy)) {
      return;
    }
    ScoredPair pair;
    pair.vacancy = vacancy;
    pair.score = score_f;
    pair.parts.skill = static_cast<float>(skill);
    pair.parts.essential_coverage = static_cast<float>(essential_coverage);
    pair.parts.optional_coverage = static_cast<float>(optional_coverage);
    pair.parts.german = static_cast<float>(german);
    pair.parts.commute = static_cast<float>(commute);
    pair.parts.micro = static_cast<float>(micro);
    pair.parts.requirement_fit = static_cast<float>(requirement_fit);
    pair.parts.isco_match_digits = isco_digits;
    pair.parts.isco_floor_applied = floor_applied;
    pair.parts.has_essential_skills = has_essential;
    pair.distance_km = static_cast<float>(km);
    pair.commute_minutes = static_cast<float>(minutes);
    pair.bridge_course = CourseIndex(bridge);
    if (bridge >= 0) {
      pair.bridge_level = CourseLevelReached(
          dataset.courses[static_cast<size_t>(bridge)], dataset.participants[pi].german, options);
    }
    if (top_k == 0) {
      kept.push_back(pair);
    } else if (kept.size() < top_k) {
      kept.push_back(pair);
      std::push_heap(kept.begin(), kept.end(), BetterPair);  // worst on top
    } else {
      std::pop_heap(kept.begin(), kept.end(), BetterPair);
      kept.back() = pair;
      std::push_heap(kept.begin(), kept.end(), BetterPair);
    }
    if (top_k > 0 && kept.size() == top_k) threshold[kEligibleSlot] = kept.front().score;
  };
  // One row within reach, with its rules but the skill gate judged: the
  // skill gate, then (at most one rule broken) its score.
  auto visit = [&](int32_t k, double c2, uint32_t fail, int32_t bridge)
      __attribute__((always_inline)) {
    const VacancyRow& row = prep.rows[static_cast<size_t>(k)];
    // The skill gate, the last rule, needs the overlap: computed wherever it
    // can decide the pair's rule or near miss (no other rule, or one).
    SkillCounts counts;
    int8_t relation = 0;
    if (!internal::SeveralRules(fail)) {
      overlap(row, &counts, &relation);
      if (ctx.skill_gate && counts.essential == 0 && (row.flags & kHasEssential) != 0 &&
          (relation & kRelatedBit) == 0) {
        fail |= internal::RuleBit(ExclusionReason::kNoSkillFit);
      }
    }
    const int first_reason = internal::FirstRule(fail);
    ++tally[static_cast<size_t>(first_reason)];
    // Two rules or more (no near miss): done.
    if (internal::SeveralRules(fail)) return;
    ++singles[static_cast<size_t>(first_reason)];
    rank(k, c2, fail, bridge, counts, relation);
  };

  CellRangesNear(prep.grid, dataset.participants[pi].home.point, ctx.reach_km, &scratch->ranges);
  // The vector pass judges every rule but the rejected-pair rule.
  const bool vector = prep.vector_rules && ctx.rules.rejected.empty();
  const internal::RulePassInput pass_input =
      vector ? internal::RulePassInputOf(ctx.rules, ctx.u, ctx.reach_c2)
             : internal::RulePassInput{};
  internal::BoundInput bound_input;
  if (vector) BuildBoundInput(prep, options, ctx, scratch, &bound_input);
  for (const ItemRange& range : scratch->ranges) {
    if (vector) {
      // In chunks, so that the bound reads thresholds the rows before have
      // raised.
      for (int32_t first = range.first; first < range.last; first += kChunk) {
        std::copy_n(threshold.begin(), threshold.size(), bound_input.threshold.begin());
        internal::PairPassOutput pass{scratch->pass_several.data(),
                                      scratch->pass_single.data(),
                                      scratch->pass_rows.data(),
                                      scratch->pass_fail.data()};
        internal::VectorPairPass(prep.columns,
                                 pass_input,
                                 bound_input,
                                 first,
                                 std::min(range.last, first + kChunk),
                                 &pass);
        TallyFirstRules(scratch->pass_several.data(), pass.num_several, &tally, nullptr);
        TallyFirstRules(scratch->pass_single.data(), pass.num_single, &tally, &singles);
        for (int32_t i = 0; i < pass.num_rows; ++i) {
          const int32_t k = scratch->pass_rows[static_cast<size_t>(i)];
          const VacancyRow& row = prep.rows[static_cast<size_t>(k)];
          internal::PairFacts facts;  // what FindBridge reads
          facts.deadline = row.deadline;
          facts.has_deadline = (row.flags & kHasDeadline) != 0;
          facts.min_german = row.min_german;
          SkillCounts counts;
          int8_t relation = 0;
          overlap(row, &counts, &relation);
          rank(k,
               ChordSquared(ctx.u, row.u),
               scratch->pass_fail[static_cast<size_t>(i)],
               internal::FindBridge(ctx.rules, facts),
               counts,
               relation);
        }
      }
      continue;
    }
    for (int32_t k = range.first; k < range.last; ++k) {
      const VacancyRow& row = prep.rows[static_cast<size_t>(k)];
      const double c2 = ChordSquared(ctx.u, row.u);
      if (c2 > ctx.reach_c2) continue;  // outside reach (grid-cell granularity)
      // Every rule, so that single-rule misses are known.
      const internal::PairFacts facts{c2,
                                      row.hours,
                                      row.vacancy,
                                      row.deadline,
                                      (row.flags & kHasDeadline) != 0,
                                      row.static_fail,
                                      row.kind_class,
                                      row.hours_class,
                                      row.min_german};
      const internal::PairVerdict verdict = internal::JudgePair(ctx.rules, facts);
      visit(k, c2, verdict.fail, verdict.bridge);
    }
  }

  for (size_t r = 0; r < static_cast<size_t>(kNumExclusionReasons); ++r) {
    near_miss[r].count = singles[r];
  }

  auto release = [&] {
    ClearProfileCounts(kernel, p, essential_row, optional_row);
    MarkSkills(kernel, p, 0, marks);
  };
  // Helper jobs as a fallback: nothing passed every rule, and the
  // qualification rule was the first to remove a helper job. The second
  // turn replaces this one's counts.
  if (!helper_fallback && options.programme.helper_jobs_as_fallback && tally[kEligibleSlot] == 0 &&
      tally[static_cast<size_t>(ExclusionReason::kHelperJobQualified)] > 0) {
    release();
    near_miss.fill(NearMiss{});
    return ScoreParticipant(dataset, reference, prep, options, p, scratch, out, result, true);
  }
  if (top_k == 0) {
    std::sort(kept.begin(), kept.end(), BetterPair);
  } else {
    std::sort_heap(kept.begin(), kept.end(), BetterPair);  // best first
  }
  out->insert(out->end(), kept.begin(), kept.end());
  int32_t within = 0;
  for (int r = 0; r < kNumExclusionReasons; ++r) {
    excluded[static_cast<size_t>(r)] = tally[static_cast<size_t>(r)];
    within += tally[static_cast<size_t>(r)];
  }
  result->eligible[pi] = tally[kEligibleSlot];
  result->programme_fail[pi] =
      ProgrammeFailures(dataset.participants[pi], options.programme, options.run_date);
  result->within_reach[pi] = within + tally[kEligibleSlot];

  release();
  return static_cast<int32_t>(kept.size());
}

}  // namespace

std::array<double, 4> Contributions(const ScoreParts& parts, const ScoringWeights& weights) {
  const double sum = weights.skill + weights.german + weights.commute + weights.micro;
  JOBMATCH_CHECK(sum > 0) << "weights sum to zero";
  return {weights.skill * parts.skill / sum,
          weights.german * parts.german / sum,
          weights.commute * parts.commute / sum,
          weights.micro * parts.micro / sum};
}

CommuteModel CommuteModelOf(const ScoringOptions& options) {
  return CommuteModel{options.car_speed_kmh,
                      options.transit_speed_kmh,
                      options.road_detour_factor,
                      options.transit_wait_minutes};
}

ScoredPairs ScoreTopK(const Dataset& dataset,
                      const ReferenceData& reference,
                      const ScoringOptions& options) {
  CheckOptions(options);
  const Prepared prep = Prepare(dataset, reference, options);
  const auto num_participants = static_cast<int32_t>(dataset.participants.size());
  const size_t n = static_cast<size_t>(num_participants);

  ScoredPairs result;
  result.begin.assign(n + 1, 0);
  result.excluded.assign(n, {});
  result.eligible.assign(n, 0);
  result.programme_fail.assign(n, 0);
  result.within_reach.assign(n, 0);
  result.near_miss.assign(n, {});
  std::vector<int32_t> kept_count(n, 0);

  const int32_t block_size = options.block_size;
  const int32_t num_blocks = (num_participants + block_size - 1) / block_size;
  std::vector<BlockOutput> outputs(static_cast<size_t>(num_blocks));

  auto run_block = [&](int32_t b) {
    Scratch scratch;
    scratch.essential_row.assign(static_cast<size_t>(prep.kernel.num_profiles), 0.0f);
    scratch.optional_row.assign(static_cast<size_t>(prep.kernel.num_profiles), 0.0f);
    scratch.marks.assign(static_cast<size_t>(prep.kernel.num_skills), 0);
    scratch.pass_rows.resize(kChunk + 8);
    for (auto* buffer : {&scratch.pass_several, &scratch.pass_single, &scratch.pass_fail}) {
      buffer->resize(kChunk + 8);
    }
    const int32_t first = b * block_size;
    const int32_t last = std::min(num_participants, first + block_size);
    BlockOutput& out = outputs[static_cast<size_t>(b)];
    for (int32_t i = first; i < last; ++i) {
      const int32_t p = prep.order[static_cast<size_t>(i)];
      kept_count[static_cast<size_t>(p)] =
          ScoreParticipant(dataset, reference, prep, options, p, &scratch, &out.pairs, &result);
    }
  };
  // Lays block b's pairs out at their CSR rows (result.begin must be final).
  auto copy_block = [&](int32_t b) {
    const int32_t first = b * block_size;
    const int32_t last = std::min(num_participants, first + block_size);
    std::vector<ScoredPair>& pairs = outputs[static_cast<size_t>(b)].pairs;
    size_t offset = 0;
    for (int32_t i = first; i < last; ++i) {
      const auto p = static_cast<size_t>(prep.order[static_cast<size_t>(i)]);
      std::copy_n(pairs.begin() + static_cast<std::ptrdiff_t>(offset),
                  kept_count[p],
                  result.pairs.begin() + result.begin[p]);
      offset += static_cast<size_t>(kept_count[p]);
    }
    std::vector<ScoredPair>().swap(pairs);
  };
  auto prefix_sum = [&] {
    for (size_t p = 0; p < n; ++p) result.begin[p + 1] = result.begin[p] + kept_count[p];
    result.pairs.resize(static_cast<size_t>(result.begin[n]));
  };

  // Results do not depend on the number of threads: each block writes only
  // its own participants.
  const auto blocks = static_cast<size_t>(num_blocks);
  ForEachTask(blocks, options.num_threads, [&](size_t b) { run_block(static_cast<int32_t>(b)); });
  prefix_sum();
  ForEachTask(blocks, options.num_threads, [&](size_t b) { copy_block(static_cast<int32_t>(b)); });

  for (size_t p = 0; p < n; ++p) {
    result.pairs_examined += result.within_reach[p];
    for (int r = 0; r < kNumExclusionReasons; ++r) {
      result.excluded_total[static_cast<size_t>(r)] += result.excluded[p][static_cast<size_t>(r)];
    }
  }
  return result;
}

}  // namespace jobmatch

// synth/participant_maker.cc: AddParticipants(), see synth/record_makers.h.

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "synth/record_makers.h"

namespace jobmatch::synth {
namespace {

using internal::Rng;
using internal::WeightedTable;

// Arrival years: the 2015/16 wave and the 2022 arrivals from Ukraine
// dominate (assumption shaped on the protection-seeker counts in anchors).
constexpr std::array<std::pair<int, int64_t>, 11> kArrivalYears = {{
    {2015, 14},
    {2016, 12},
    {2017, 5},
    {2018, 4},
    {2019, 4},
    {2020, 3},
    {2021, 4},
    {2022, 22},
    {2023, 14},
    {2024, 10},
    {2025, 8},
}};

// Countries of origin beyond those the anchors count (about a fifth of all
// protection seekers): an assumption shaped on the asylum first applications
// of recent years, with the safe countries of origin under § 29a AsylG
// (Georgia, Moldova, the Western Balkans) about a quarter of them.
constexpr std::array<std::pair<std::string_view, int64_t>, 12> kOtherOrigins = {{
    {"IR", 14},
    {"ER", 10},
    {"SO", 9},
    {"RU", 9},
    {"NG", 6},
    {"VE", 5},
    {"GE", 10},
    {"MD", 6},
    {"AL", 3},
    {"RS", 3},
    {"XK", 2},
    {"MK", 2},
}};
constexpr std::array<std::string_view, 7> kSafeOrigins = {"GE", "MD", "AL", "RS", "XK", "MK", "BA"};

// Assumptions on residence (the README lists them): of those with asylum
// pending or tolerated, 43 % tolerated (Saxony end of 2023: about 13,000
// obliged to leave against 17,000 in procedure); barred from work under
// § 60a(6) AufenthG all tolerated nationals of a safe country of origin
// (Nr. 3) and a quarter of the other tolerated (Nr. 1 and 2); of those
// neither pending nor tolerated 3 % hold a § 104c permit and 7 % another
// title.
constexpr double kToleratedOfAsylblg = 0.43;
constexpr double kBarredOfOtherTolerated = 0.25;
constexpr double kPermit104c = 0.03;
constexpr double kOtherTitle = 0.07;

// Has worked in Germany (german_work_experience): the employment rate of
// refugees after as long in Germany, from the anchors (5 years: 49 %, 7-8
// years: 62 %), linear from none on arrival to the five-year rate, then to the
// 7-8-year rate at 7.5 years, and flat after. That a participant now looking
// for work has worked in Germany as often as refugees who arrived with them
// are employed is an assumption (the README lists it).
double WorkedInGermanyShare(const Figures& figures, int32_t days_here) {
  const double years = std::max(0, days_here) / 365.25;
  if (years <= 5.0) return figures.employed_after_5_years * years / 5.0;
  if (years >= 7.5) return figures.employed_after_7_years;
  return figures.employed_after_5_years +
         (figures.employed_after_7_years - figures.employed_after_5_years) * (years - 5.0) / 2.5;
}

Date YearStart(int year) {
  return *ParseDate(std::to_string(year) + "-01-01");
}

class ParticipantMaker {
 public:
  ParticipantMaker(const ReferenceData& reference,
                   const Figures& figures,
                   const Catalogue& catalogue,
                   Date today)
      : reference_(reference), figures_(figures), catalogue_(catalogue), today_(today) {
    german_ = WeightedTable({FixedWeight(figures.below_a2 * 0.3),
                             FixedWeight(figures.below_a2 * 0.7),
                             FixedWeight(figures.a2),
                             FixedWeight(figures.b1)});
    std::vector<int64_t> weights;
    for (const auto& [year, weight] : kArrivalYears) {
      const Date start = YearStart(year);
      if (start > today_) break;
      arrival_span_.emplace_back(start, Date{std::min(YearStart(year + 1).days - 1, today_.days)});
      weights.push_back(weight);
    }
    if (arrival_span_.empty()) {  // `today` before 2015: everyone arrived this year
      const Date start = YearStart(std::stoi(FormatDate(today_).substr(0, 4)));
      arrival_span_.emplace_back(start, today_);
      weights.push_back(1);
    }
    arrival_year_ = WeightedTable(weights);

    // Countries of origin: the anchors' counts, the rest over kOtherOrigins.
    std::vector<int64_t> origin_weights;
    double known = 0.0;
    for (const auto& [code, count] : figures.origin_count) {
      origins_.push_back(code);
      origin_weights.push_back(FixedWeight(count / figures.protection_seekers));
      known += count;
    }
    int64_t other_sum = 0;
    for (const auto& [code, weight] : kOtherOrigins) other_sum += weight;
    const double other_share = 1.0 - known / figures.protection_seekers;
    for (const auto& [code, weight] : kOtherOrigins) {
      origins_.emplace_back(code);
      origin_weights.push_back(
          FixedWeight(other_share * static_cast<double>(weight) / static_cast<double>(other_sum)));
    }
    origin_ = WeightedTable(origin_weights);
    // Ukrainians hold temporary protection (§ 24 AufenthG) and SGB II; the
    // AsylbLG recipients are among the others.
    const auto ua = figures.origin_count.find("UA");
    const double ukrainians = ua == figures.origin_count.end() ? 0.0 : ua->second;
    asylblg_share_ = figures.asylblg_recipients / (figures.protection_seekers - ukrainians);
    double published = 0.0;
    for (const auto& [code, share] : figures.sgb2_share) published += share;
    sgb2_share_ = figures.sgb2_share;
    sgb2_default_ = published / static_cast<double>(figures.sgb2_share.size());
  }

  // Country of origin, residence status and SGB II benefits (see the
  // constants above and the README's shares).
  void DrawStatus(Participant& p, Rng& rng) const {
    p.country_of_origin = origins_[origin_.Draw(rng)];
    const bool ukrainian = p.country_of_origin == "UA";
    const bool safe = std::find(kSafeOrigins.begin(), kSafeOrigins.end(), p.country_of_origin) !=
                      kSafeOrigins.end();
    const double asylblg = ukrainian ? 0.0 : asylblg_share_;
    if (ukrainian) {
      p.residence_status = ResidenceStatus::kOther;
    } else if (rng.Bernoulli(asylblg)) {
      if (!rng.Bernoulli(kToleratedOfAsylblg)) {
        p.residence_status = ResidenceStatus::kAsylumPending;
      } else {
        const bool barred = safe || rng.Bernoulli(kBarredOfOtherTolerated);
        p.residence_status = barred ? ResidenceStatus::kTolerated60a6 : ResidenceStatus::kTolerated;
      }
    } else {
      const double u = rng.Uniform();
      p.residence_status = u < kPermit104c                 ? ResidenceStatus::kPermit104c
                           : u < kPermit104c + kOtherTitle ? ResidenceStatus::kOther
                                                           : ResidenceStatus::kRecognised;
    }
    // Asylum pending or tolerated: AsylbLG, not SGB II. Otherwise the
    // published share of the nationality, raised so that it holds over all
    // of that nationality (the mean of the published shares for the rest).
    if (p.residence_status == ResidenceStatus::kAsylumPending ||
        p.residence_status == ResidenceStatus::kTolerated ||
        p.residence_status == ResidenceStatus::kTolerated60a6) {
      p.sgb2_benefits = false;
      return;
    }
    const auto it = sgb2_share_.find(p.country_of_origin);
    const double share = it != sgb2_share_.end() ? it->second : sgb2_default_;
    p.sgb2_benefits = rng.Bernoulli(std::min(1.0, share / (1.0 - asylblg)));
  }

  Participant Make(int64_t number, const DistrictPlan& plan, Rng& rng) const {
    Participant p;
    p.id = NumberedId("P-", number);
    p.coordinator = CoordinatorIndex(plan.coordinator_ids[plan.coordinator_by_fte.Draw(rng)]);
    p.home = DrawPlace(plan, rng);

    // Arrival: a day of the drawn year, not after today.
    const auto [first, last] = arrival_span_[arrival_year_.Draw(rng)];
    p.in_germany_since = Date{static_cast<int32_t>(rng.Between(first.days, last.days))};
    const int32_t days_here = today_.days - p.in_germany_since->days;

    // Occupations: the first sets the requirement level; a second one for
    // about a third, from the same level.
    const size_t level = catalogue_.participant_level.Draw(rng);
    const std::vector<int32_t>& at_level = catalogue_.jobs_at_level[level];
    const int32_t first_job = at_level[catalogue_.participant_job_at_level[level].Draw(rng)];
    p.occupations.push_back(CodeOccupation(JobAt(first_job), 0.15, rng));
    if (at_level.size() > 1 && rng.Bernoulli(0.35)) {
      int32_t second = first_job;
      while (second == first_job) {
        second = at_level[catalogue_.participant_job_at_level[level].Draw(rng)];
      }
      p.occupations.push_back(CodeOccupation(JobAt(second), 0.15, rng));
    }

    // Qualification follows the level of the occupation (assumption).
    p.qualification = static_cast<Qualification>(qualification_[level].Draw(rng));
    p.qualification_recognised =
        (p.qualification == Qualification::kVocational && rng.Bernoulli(0.35)) ||
        (p.qualification == Qualification::kAcademic && rng.Bernoulli(0.45));

    // German: the DTZ shares; below A2 split 30 / 70 into A0 / A1; of the B1
    // share, 30 % of those here five years or more reach B2, and a fifth of
    // the B2 academics C1. "B1 or better" keeps the anchor's share.
    static constexpr std::array<CefrLevel, 4> kBase = {
        CefrLevel::kA0, CefrLevel::kA1, CefrLevel::kA2, CefrLevel::kB1};
    p.german = kBase[german_.Draw(rng)];
    if (p.german == CefrLevel::kB1 && days_here >= 5 * 365 && rng.Bernoulli(0.30)) {
      p.german = CefrLevel::kB2;
      if (p.qualification == Qualification::kAcademic && rng.Bernoulli(0.20)) {
        p.german = CefrLevel::kC1;
      }
    }

    // 0-5 stated skills from the optional skills of their occupations.
    const int64_t stated = rng.Between(0, 5);
    std::vector<SkillIndex> pool;
    for (const OccupationRef& o : p.occupations) {
      const std::vector<SkillIndex>& optional = reference_.OptionalSkills(o);
      pool.insert(pool.end(), optional.begin(), optional.end());
    }
    for (int64_t i = 0; i < stated && !pool.empty(); ++i) {
      p.skills.push_back(pool[rng.Below(pool.size())]);
    }
    std::sort(p.skills.begin(), p.skills.end());
    p.skills.erase(std::unique(p.skills.begin(), p.skills.end()), p.skills.end());

    // Goal: mostly a job; without a qualification vocational training is
    // more often the aim (Saxon mentor programme).
    const WeightedTable& goal =
        p.qualification == Qualification::kNone ? goal_unqualified_ : goal_qualified_;
    p.goal = static_cast<Goal>(goal.Draw(rng));
    p.hours_per_week = static_cast<double>(kHours[hours_.Draw(rng)]);
    p.driving_licence = rng.Bernoulli(0.35);
    p.car = p.driving_licence && rng.Bernoulli(0.5);
    p.max_commute_minutes =
        rng.Bernoulli(0.75) ? 0 : static_cast<int32_t>(30 + 15 * rng.Between(0, 2));
    p.work_permitted = rng.Bernoulli(0.93);
    static constexpr std::array<const char*, 3> kGender = {"m", "f", "d"};
    p.gender = kGender[gender_.Draw(rng)];
    DrawStatus(p, rng);
    p.german_work_experience = rng.Bernoulli(WorkedInGermanyShare(figures_, days_here));
    return p;
  }

 private:
  const Job& JobAt(int32_t j) const { return catalogue_.jobs[static_cast<size_t>(j)]; }

  static constexpr std::array<int, 5> kHours = {20, 25, 30, 35, 40};
  const ReferenceData& reference_;
  const Figures& figures_;
  const Catalogue& catalogue_;
  Date today_;
  WeightedTable german_;
  std::vector<std::pair<Date, Date>> arrival_span_;  // first and last day per year
  WeightedTable arrival_year_;
  std::vector<std::string> origins_;  // ISO codes, the anchors' first
  WeightedTable origin_;
  double asylblg_share_ = 0.0;  // of protection seekers other than Ukrainians
  std::map<std::string, double> sgb2_share_;
  double sgb2_default_ = 0.0;
  // none, vocational, academic per requirement level of the first occupation
  std::array<WeightedTable, 4> qualification_ = {WeightedTable({75, 20, 5}),
                                                 WeightedTable({30, 60, 10}),
                                                 WeightedTable({10, 50, 40}),
                                                 WeightedTable({0, 15, 85})};
  WeightedTable goal_unqualified_{{60, 30, 10}};  // job, training, internship
  WeightedTable goal_qualified_{{80, 10, 10}};
  WeightedTable hours_{{10, 5, 20, 10, 55}};
  WeightedTable gender_{{62, 37, 1}};
};

}  // namespace

void AddParticipants(const ReferenceData& reference,
                     const Figures& figures,
                     const Catalogue& catalogue,
                     Date today,
                     const std::vector<DistrictPlan>& plans,
                     Rng& rng,
                     Dataset& dataset) {
  const ParticipantMaker participants(reference, figures, catalogue, today);
  for (const DistrictPlan& plan : plans) {
    for (int32_t i = 0; i < plan.participants; ++i) {
      dataset.participants.push_back(
          participants.Make(static_cast<int64_t>(dataset.participants.size()) + 1, plan, rng));
    }
  }
}

}  // namespace jobmatch::synth

// synth/employer_maker.cc: AddEmployersAndVacancies(), see synth/record_makers.h.

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "synth/record_makers.h"

namespace jobmatch::synth {
namespace {

using internal::Rng;
using internal::WeightedTable;

// The first 1 August at least 60 days after `today`: when vocational
// training (Ausbildung) starts in Germany.
Date NextTrainingStart(Date today) {
  const int year = std::stoi(FormatDate(today).substr(0, 4));
  for (int y = year;; ++y) {
    const Date start = *ParseDate(std::to_string(y) + "-08-01");
    if (start.days >= today.days + 60) return start;
  }
}

// One CEFR level up (C2 stays C2) and down (never below A1): the noise on a
// vacancy's minimum German.
constexpr CefrLevel Promote(CefrLevel level) {
  return level == CefrLevel::kC2 ? level : static_cast<CefrLevel>(static_cast<int>(level) + 1);
}
constexpr CefrLevel Demote(CefrLevel level) {
  return level <= CefrLevel::kA1 ? CefrLevel::kA1
                                 : static_cast<CefrLevel>(static_cast<int>(level) - 1);
}

template <typename T, size_t N>
const T& Pick(const std::array<T, N>& items, Rng& rng) {
  return items[rng.Below(N)];
}

constexpr std::array<const char*, 40> kSurnames = {
    "Müller",   "Schmidt",  "Schneider", "Fischer",    "Weber",  "Meyer",     "Wagner",   "Becker",
    "Schulz",   "Hoffmann", "Schäfer",   "Koch",       "Bauer",  "Richter",   "Klein",    "Wolf",
    "Schröder", "Neumann",  "Schwarz",   "Zimmermann", "Braun",  "Krüger",    "Hartmann", "Lange",
    "Werner",   "Krause",   "Lehmann",   "Schulze",    "Köhler", "Herrmann",  "König",    "Walter",
    "Fuchs",    "Peters",   "Scholz",    "Möller",     "Vogel",  "Friedrich", "Günther",  "Lorenz"};
constexpr std::array<const char*, 10> kFancyNames = {"Sonnenschein",
                                                     "Regenbogen",
                                                     "Lindenhof",
                                                     "Am Markt",
                                                     "Rosengarten",
                                                     "Eichenhof",
                                                     "Mitte",
                                                     "Am Park",
                                                     "Zentral",
                                                     "Nord"};

// Headcount within an EU size class; above 250 staff, larger firms are
// rarer (halving weights per bucket).
int32_t DrawStaff(SizeClass size, Rng& rng) {
  switch (size) {
    case SizeClass::kMicro:
      return static_cast<int32_t>(rng.Between(1, 9));
    case SizeClass::kSmall:
      return static_cast<int32_t>(rng.Between(10, 49));
    case SizeClass::kMedium:
      return static_cast<int32_t>(rng.Between(50, 249));
    case SizeClass::kLarge:
      break;
  }
  static constexpr std::array<std::pair<int, int>, 4> kBuckets = {
      {{250, 499}, {500, 999}, {1000, 2499}, {2500, 5000}}};
  const uint64_t r = rng.Below(15);  // weights 8, 4, 2, 1
  const auto [lo, hi] = kBuckets[r < 8 ? 0 : r < 12 ? 1 : r < 14 ? 2 : 3];
  return static_cast<int32_t>(rng.Between(lo, hi));
}

std::string TownName(const std::string& municipality) {
  // "Bernburg (Saale), Stadt" -> "Bernburg (Saale)"
  return municipality.substr(0, municipality.find(','));
}

std::string EmployerName(Field field, SizeClass size, const Place& place, Rng& rng) {
  std::string name = Pick(kFields[static_cast<size_t>(field)].employer_words, rng);
  const uint64_t style = rng.Below(20);
  if (style < 12) {
    name += std::string(" ") + Pick(kSurnames, rng);
  } else if (style < 17) {
    name += std::string(" ") + Pick(kFancyNames, rng);
  } else {
    name += " " + TownName(place.name);
  }
  static constexpr std::array<const char*, 4> kMicroForms = {"", " e.K.", " GmbH", " GbR"};
  static constexpr std::array<const char*, 2> kSmallForms = {" GmbH", " GmbH & Co. KG"};
  static constexpr std::array<const char*, 3> kLargeForms = {" GmbH", " AG", " SE"};
  switch (size) {
    case SizeClass::kMicro:
      name += Pick(kMicroForms, rng);
      break;
    case SizeClass::kSmall:
    case SizeClass::kMedium:
      name += Pick(kSmallForms, rng);
      break;
    case SizeClass::kLarge:
      name += Pick(kLargeForms, rng);
      break;
  }
  return name;
}

class EmployerMaker {
 public:
  EmployerMaker(const ReferenceData& reference,
                const Figures& figures,
                const Catalogue& catalogue,
                Date today)
      : reference_(reference), catalogue_(catalogue), today_(today) {
    // Size classes: micro and 250+ shares from firms_micro_share; the rest
    // split 4 : 1 between small and medium (assumption, close to the
    // proportions of the national business register).
    const double rest = std::max(0.0, 1.0 - figures.micro - figures.large);
    size_ = WeightedTable({FixedWeight(figures.micro),
                           FixedWeight(rest * 0.8),
                           FixedWeight(rest * 0.2),
                           FixedWeight(figures.large)});
  }

  // Adds employers in `plan`, with their vacancies, until the district holds
  // plan.vacancies vacancies.
  void Fill(const DistrictPlan& plan, Rng& rng, Dataset& dataset) const {
    int32_t remaining = plan.vacancies;
    while (remaining > 0) {
      Employer e;
      e.id = NumberedId("E-", static_cast<int64_t>(dataset.employers.size()) + 1);
      const SizeClass size = static_cast<SizeClass>(size_.Draw(rng));
      e.staff = DrawStaff(size, rng);
      e.place = DrawPlace(plan, rng);
      const size_t field =
          static_cast<size_t>(catalogue_.employer_fields[catalogue_.employer_field.Draw(rng)]);
      e.name = EmployerName(static_cast<Field>(field), size, e.place, rng);
      // Micro-enterprises mostly post one vacancy, larger ones several.
      int64_t count = 1;
      switch (size) {
        case SizeClass::kMicro:
          count = rng.Bernoulli(0.9) ? 1 : 2;
          break;
        case SizeClass::kSmall:
          count = rng.Between(1, 3);
          break;
        case SizeClass::kMedium:
          count = rng.Between(2, 6);
          break;
        case SizeClass::kLarge:
          count = rng.Between(3, 12);
          break;
      }
      count = std::min<int64_t>(count, remaining);
      const EmployerIndex index(static_cast<int32_t>(dataset.employers.size()));
      for (int64_t i = 0; i < count; ++i) {
        static constexpr std::array<VacancyKind, 3> kKinds = {
            VacancyKind::kJob, VacancyKind::kTraining, VacancyKind::kInternship};
        const VacancyKind kind = kKinds[kind_.Draw(rng)];
        // Training places lead to a skilled occupation where the field has one.
        const std::vector<int32_t>& training = catalogue_.training_jobs[field];
        const int32_t j =
            kind == VacancyKind::kTraining && !training.empty()
                ? training[rng.Below(training.size())]
                : catalogue_.field_jobs[field][catalogue_.vacancy_job_in_field[field].Draw(rng)];
        const Job& job = catalogue_.jobs[static_cast<size_t>(j)];
        if (i == 0) {  // the sector is the Berufsbereich of its vacancies
          const std::string& code = reference_.kldb[static_cast<size_t>(job.kldb.value)].code;
          e.sector = kBerufsbereich[static_cast<size_t>(code[0] - '0')];
        }
        Vacancy v = MakeVacancy(job, kind, size, e.place, plan, rng);
        v.id = NumberedId("V-", static_cast<int64_t>(dataset.vacancies.size()) + 1);
        v.employer = index;
        dataset.vacancies.push_back(std::move(v));
      }
      dataset.employers.push_back(std::move(e));
      remaining -= static_cast<int32_t>(count);
    }
  }

 private:
  Vacancy MakeVacancy(const Job& job,
                      VacancyKind kind,
                      SizeClass size,
                      const Place& home,
                      const DistrictPlan& plan,
                      Rng& rng) const {
    Vacancy v;
    v.kind = kind;
    v.title = job.title;
    v.occupation = CodeOccupation(job, 0.10, rng);

    // A stated essential skill for one in five, optional ones for three in
    // ten, taken from the occupation's optional skills.
    const std::vector<SkillIndex>& optional = reference_.OptionalSkills(v.occupation);
    if (!optional.empty() && rng.Bernoulli(0.2)) {
      v.essential_skills.push_back(optional[rng.Below(optional.size())]);
    }
    if (!optional.empty() && rng.Bernoulli(0.3)) {
      const int64_t n = rng.Between(1, 2);
      for (int64_t i = 0; i < n; ++i) {
        const SkillIndex s = optional[rng.Below(optional.size())];
        if (std::find(v.essential_skills.begin(), v.essential_skills.end(), s) ==
            v.essential_skills.end()) {
          v.optional_skills.push_back(s);
        }
      }
      std::sort(v.optional_skills.begin(), v.optional_skills.end());
      v.optional_skills.erase(std::unique(v.optional_skills.begin(), v.optional_skills.end()),
                              v.optional_skills.end());
    }

    // German by requirement level (helper A2, skilled B1, specialist B2,
    // expert C1), one step lower or higher for 15 % each.
    static constexpr std::array<CefrLevel, 4> kGerman = {
        CefrLevel::kA2, CefrLevel::kB1, CefrLevel::kB2, CefrLevel::kC1};
    v.min_german = kGerman[static_cast<size_t>(job.level - 1)];
    const uint64_t noise = rng.Below(100);
    if (noise < 15) {
      v.min_german = Demote(v.min_german);
    } else if (noise < 30) {
      v.min_german = Promote(v.min_german);
    }

    // Nine in ten at the employer's place (an empty cell), the rest at a
    // branch elsewhere in the district.
    v.place = rng.Bernoulli(0.9) ? home : DrawPlace(plan, rng);

    static constexpr std::array<double, 4> kJobHours = {40, 30, 20, 35};
    static constexpr std::array<double, 3> kInternHours = {40, 30, 20};
    switch (kind) {
      case VacancyKind::kJob:
        v.hours_per_week = kJobHours[job_hours_.Draw(rng)];
        break;
      case VacancyKind::kTraining:
        v.hours_per_week = 40;
        break;
      case VacancyKind::kInternship:
        v.hours_per_week = kInternHours[intern_hours_.Draw(rng)];
        break;
    }
    switch (size) {
      case SizeClass::kMicro:
        v.openings = 1;
        break;
      case SizeClass::kSmall:
        v.openings = static_cast<int32_t>(rng.Between(1, 2));
        break;
      case SizeClass::kMedium:
        v.openings = static_cast<int32_t>(rng.Between(1, 3));
        break;
      case SizeClass::kLarge:
        v.openings = static_cast<int32_t>(rng.Between(1, 5));
        break;
    }
    // Professional drivers (KldB 521) need a licence; a few other posts too.
    const std::string& code = reference_.kldb[static_cast<size_t>(job.kldb.value)].code;
    v.driving_licence_required = code.rfind("521", 0) == 0 || rng.Bernoulli(0.05);
    if (v.kind == VacancyKind::kTraining) {
      // Vocational training starts on 1 August; a place is posted for the
      // next start at least 60 days away and stays open up to 30 days past it.
      v.start_date = NextTrainingStart(today_);
      v.expires = Date{v.start_date->days + static_cast<int32_t>(rng.Between(0, 30))};
      return v;
    }
    // Start within 120 days; the posting expires 30-180 days from today and
    // not before the start (loaders reject expires < start_date).
    const int64_t start = rng.Between(0, 120);
    v.start_date = Date{today_.days + static_cast<int32_t>(start)};
    v.expires =
        Date{today_.days + static_cast<int32_t>(rng.Between(std::max<int64_t>(30, start), 180))};
    return v;
  }

  const ReferenceData& reference_;
  const Catalogue& catalogue_;
  Date today_;
  WeightedTable size_;
  WeightedTable kind_{{75, 17, 8}};  // job, training, internship
  WeightedTable job_hours_{{55, 20, 15, 10}};
  WeightedTable intern_hours_{{60, 30, 10}};
};

}  // namespace

void AddEmployersAndVacancies(const ReferenceData& reference,
                              const Figures& figures,
                              const Catalogue& catalogue,
                              Date today,
                              const std::vector<DistrictPlan>& plans,
                              Rng& rng,
                              Dataset& dataset) {
  const EmployerMaker employers(reference, figures, catalogue, today);
  for (const DistrictPlan& plan : plans) employers.Fill(plan, rng, dataset);
}

}  // namespace jobmatch::synth

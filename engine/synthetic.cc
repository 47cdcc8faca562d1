// engine/synthetic.cc
//
// GenerateSynthetic(): see engine/synthetic.h for what is drawn from which
// figure. Layout of this file: anchors -> district plans (places, sizes) ->
// occupation catalogue -> coordinators, participants, employers and
// vacancies, courses. Everything is serial and drawn from internal::Rng
// streams (one per record kind), so the output depends only on the reference
// data and the options.

#include "engine/synthetic.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/internal/random.h"

namespace jobmatch {
namespace {

// The first 1 August at least 60 days after `today`: when vocational
// training (Ausbildung) starts in Germany.
Date NextTrainingStart(Date today) {
  const int year = std::stoi(FormatDate(today).substr(0, 4));
  for (int y = year;; ++y) {
    const Date start = *ParseDate(std::to_string(y) + "-08-01");
    if (start.days >= today.days + 60) return start;
  }
}

using internal::Rng;
using internal::WeightedTable;

// Streams of the generator: one per record kind.
enum Stream : uint64_t { kCoordinators = 1, kParticipants, kEmployers, kCourses };

Error UsageError(std::string field, std::string value, std::string message) {
  return MakeError(
      ErrorKind::kUsage, "", 0, std::move(field), std::move(value), std::move(message));
}

Error AnchorError(std::string_view topic, std::string message) {
  return MakeError(
      ErrorKind::kUsage, "anchors.csv", 0, "topic", std::string(topic), std::move(message));
}

// Weight of a share (fraction) or count for WeightedTable: fixed point with
// six decimals, rounded the same way everywhere.
int64_t Fixed(double value) {
  return value <= 0.0 ? 0 : std::llround(value * 1e6);
}

// ---------------------------------------------------------------------------
// Anchors (ReferenceData::anchors): the published figures the mix follows.

struct Figures {
  double below_a2 = 0.0;  // DTZ result shares, fractions summing to 1
  double a2 = 0.0;
  double b1 = 0.0;                              // B1 or better
  double micro = 0.0;                           // share of enterprises with < 10 staff
  double large = 0.0;                           // share with 250+ staff
  double helper = 0.0;                          // share of employed refugees working as Helfer
  std::map<std::string, double> vacancy_stock;  // district key -> latest stock
};

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// The number written just before "% <label>" in a note, e.g. 40.8 in
// "48.7 % B1, 40.8 % A2, 10.5 % below A2" for label "A2".
std::optional<double> PercentBefore(std::string_view note, std::string_view label) {
  const std::string pattern = "% " + std::string(label);
  for (size_t at = note.find(pattern); at != std::string_view::npos;
       at = note.find(pattern, at + 1)) {
    const size_t after = at + pattern.size();
    if (after < note.size() && std::isalnum(static_cast<unsigned char>(note[after]))) continue;
    size_t end = at;
    while (end > 0 && note[end - 1] == ' ') --end;
    size_t begin = end;
    while (begin > 0 &&
           (std::isdigit(static_cast<unsigned char>(note[begin - 1])) || note[begin - 1] == '.')) {
      --begin;
    }
    if (begin < end) return ParseNumber(note.substr(begin, end - begin));
  }
  return std::nullopt;
}

// The number written just after `marker`, e.g. 0.5 in
// "Units with 250+ employees: 0.5 % of units" for marker "250+ employees:".
std::optional<double> NumberAfter(std::string_view note, std::string_view marker) {
  const size_t at = note.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  size_t begin = at + marker.size();
  while (begin < note.size() && note[begin] == ' ') ++begin;
  size_t end = begin;
  while (end < note.size() &&
         (std::isdigit(static_cast<unsigned char>(note[end])) || note[end] == '.')) {
    ++end;
  }
  if (begin == end) return std::nullopt;
  return ParseNumber(note.substr(begin, end - begin));
}

bool IsWholeYear(std::string_view date) {
  return date.size() == 4 &&
         std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The anchor of `topic` with the latest reference date; with
// `prefer_whole_year`, whole-year figures ("2017") win over part-year ones
// ("2018-01..09"). Ties keep the first row. Null if the topic is absent.
const StatisticsAnchor* LatestAnchor(const ReferenceData& reference,
                                     std::string_view topic,
                                     bool prefer_whole_year) {
  const StatisticsAnchor* best = nullptr;
  for (const StatisticsAnchor& anchor : reference.anchors) {
    if (anchor.topic != topic) continue;
    if (best == nullptr) {
      best = &anchor;
      continue;
    }
    const bool whole = IsWholeYear(anchor.reference_date);
    const bool best_whole = IsWholeYear(best->reference_date);
    if (prefer_whole_year && whole != best_whole) {
      if (whole) best = &anchor;
      continue;
    }
    if (anchor.reference_date > best->reference_date) best = &anchor;
  }
  return best;
}

Result<Figures> ReadFigures(const ReferenceData& reference) {
  Figures figures;

  const StatisticsAnchor* dtz = LatestAnchor(reference, "dtz_result_b1", true);
  if (dtz == nullptr) {
    return AnchorError("dtz_result_b1",
                       "missing: the share of DTZ takers reaching B1 sets the "
                       "German levels of participants");
  }
  const std::optional<double> a2 = PercentBefore(dtz->note, "A2");
  if (!a2 || dtz->value <= 0.0 || *a2 < 0.0 || dtz->value + *a2 > 100.0) {
    return AnchorError("dtz_result_b1",
                       "the " + dtz->reference_date +
                           " row needs a B1 share as value and the A2 share "
                           "in its note ('40.8 % A2'), together at most 100");
  }
  figures.b1 = dtz->value / 100.0;
  figures.a2 = *a2 / 100.0;
  figures.below_a2 = 1.0 - figures.b1 - figures.a2;

  const StatisticsAnchor* micro = LatestAnchor(reference, "firms_micro_share", false);
  if (micro == nullptr) {
    return AnchorError("firms_micro_share",
                       "missing: the share of micro-enterprises sets the "
                       "employer size classes");
  }
  const std::optional<double> large = NumberAfter(micro->note, "250+ employees:");
  if (!large || micro->value <= 0.0 || *large < 0.0 || micro->value + *large > 100.0) {
    return AnchorError("firms_micro_share",
                       "the " + micro->reference_date +
                           " row needs the micro share as value and the share of units with "
                           "250+ staff in its note ('250+ employees: 0.5 %')");
  }
  figures.micro = micro->value / 100.0;
  figures.large = *large / 100.0;

  const StatisticsAnchor* helper = LatestAnchor(reference, "job_level_helper_share", false);
  if (helper == nullptr || helper->value <= 0.0 || helper->value >= 100.0) {
    return AnchorError("job_level_helper_share",
                       "missing or not a percentage: the share of employed refugees working "
                       "as Helfer sets the requirement levels of participants' occupations");
  }
  figures.helper = helper->value / 100.0;

  std::map<std::string, std::string> stock_date;
  for (const StatisticsAnchor& anchor : reference.anchors) {
    if (anchor.topic != "vacancies_stock" || anchor.ags.size() != 5 || anchor.value <= 0.0) {
      continue;
    }
    auto [it, inserted] = stock_date.emplace(anchor.ags, anchor.reference_date);
    if (inserted || anchor.reference_date > it->second) {
      it->second = anchor.reference_date;
      figures.vacancy_stock[anchor.ags] = anchor.value;
    }
  }
  if (figures.vacancy_stock.empty()) {
    return AnchorError("vacancies_stock",
                       "missing: registered vacancies of at least one "
                       "district set the number of vacancies per inhabitant");
  }
  return figures;
}

// ---------------------------------------------------------------------------
// Sizes and district plans.

struct Sizes {
  int32_t participants = 0;
  int32_t vacancies = 0;
  int32_t coordinators = 0;
};

// Largest-remainder apportionment of `total` over `weights`, after giving
// every entry `min_each`. All-zero weights share equally. Exact integer
// arithmetic (rest * weight stays below 2^63 for the sizes int32 allows and
// weights below 4e9); ties go to the lower index.
std::vector<int32_t> Apportion(int64_t total, std::vector<int64_t> weights, int32_t min_each) {
  const size_t n = weights.size();
  std::vector<int32_t> out(n, min_each);
  const int64_t rest = total - static_cast<int64_t>(min_each) * static_cast<int64_t>(n);
  if (n == 0 || rest <= 0) return out;
  int64_t sum = 0;
  for (const int64_t w : weights) sum += w;
  if (sum == 0) {
    std::fill(weights.begin(), weights.end(), 1);
    sum = static_cast<int64_t>(n);
  }
  std::vector<std::pair<int64_t, size_t>> remainders;  // numerator over `sum`
  remainders.reserve(n);
  int64_t given = 0;
  for (size_t i = 0; i < n; ++i) {
    JOBMATCH_CHECK(weights[i] >= 0 && (weights[i] == 0 || rest <= INT64_MAX / weights[i]))
        << "apportionment weight " << weights[i] << " too large";
    const int64_t product = rest * weights[i];
    out[i] += static_cast<int32_t>(product / sum);
    given += product / sum;
    remainders.emplace_back(product % sum, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(), [](const auto& x, const auto& y) {
    return x.first > y.first;
  });
  for (size_t k = 0; given < rest && k < n; ++k, ++given) ++out[remainders[k].second];
  return out;
}

// One chosen district: where its people live and how many of each record.
struct DistrictPlan {
  int32_t district = 0;                 // index into reference.districts
  std::vector<int32_t> municipalities;  // indices into reference.municipalities
  std::vector<Place> places;            // resolved place per municipality
  WeightedTable by_population;          // over `municipalities`
  std::vector<int32_t> towns;           // positions in `municipalities`, largest first
  int32_t participants = 0;
  int32_t vacancies = 0;
  int32_t coordinators = 0;
  std::vector<int32_t> coordinator_ids;  // dataset indices of its coordinators
  WeightedTable coordinator_by_fte;
};

// The place a loader resolves from the cell we write: the town hall's
// postcode when the reference data knows it and files it under the same
// district (the usual way coordinators write a place), else the 8-digit AGS.
Place ResolvedPlace(const ReferenceData& reference, const Municipality& m) {
  Place place;
  if (!m.plz.empty()) {
    const auto it = reference.postcode_by_plz.find(m.plz);
    if (it != reference.postcode_by_plz.end()) {
      const PostcodeArea& area = reference.postcodes[static_cast<size_t>(it->second)];
      if (area.district_key == m.district_key) {
        place.point = area.point;
        place.district_key = area.district_key;
        place.name = area.name;
        place.input = area.plz;
        return place;
      }
    }
  }
  place.point = m.point;
  place.district_key = m.district_key;
  place.name = m.name;
  place.input = m.ags;
  return place;
}

Result<std::vector<std::string>> ChooseDistricts(const ReferenceData& reference,
                                                 const SyntheticOptions& options) {
  std::set<std::string> keys;  // sorted, unique
  if (!options.district_keys.empty()) {
    for (const std::string& key : options.district_keys) {
      if (reference.district_by_key.find(key) == reference.district_by_key.end()) {
        return UsageError("district",
                          key,
                          "a 5-digit district key of the reference data (e.g. 15089 "
                          "Salzlandkreis)");
      }
      keys.insert(key);
    }
  } else if (options.tier == Tier::kDistrict) {
    keys.insert("15089");  // Salzlandkreis
  } else {
    for (const District& d : reference.districts) {
      if (options.tier == Tier::kNational || d.key.rfind("15", 0) == 0) keys.insert(d.key);
    }
  }
  for (const std::string& key : keys) {
    if (reference.district_by_key.find(key) == reference.district_by_key.end()) {
      return UsageError("district",
                        key,
                        "the tier's default district is not in the reference "
                        "data");
    }
  }
  if (keys.empty()) return UsageError("district", "", "no district to draw places from");
  return std::vector<std::string>(keys.begin(), keys.end());
}

Result<Sizes> ChooseSizes(const SyntheticOptions& options, size_t num_districts) {
  if (options.participants < 0 || options.vacancies < 0 || options.coordinators < 0 ||
      options.courses_per_district < 0) {
    return UsageError("size",
                      "",
                      "participants, vacancies, coordinators and courses per "
                      "district must not be negative");
  }
  Sizes sizes;
  switch (options.tier) {
    case Tier::kDistrict:
      sizes = {500, 2'000, 2 * static_cast<int32_t>(num_districts)};
      break;
    case Tier::kState:
      sizes = {30'000, 20'000, 300};
      break;
    case Tier::kNational:
      sizes = {1'000'000, 700'000, 10'000};
      break;
  }
  if (options.participants > 0) sizes.participants = options.participants;
  if (options.vacancies > 0) sizes.vacancies = options.vacancies;
  if (options.coordinators > 0) sizes.coordinators = options.coordinators;
  if (static_cast<size_t>(sizes.coordinators) < num_districts) {
    return UsageError(
        "coordinators",
        std::to_string(sizes.coordinators),
        "at least one coordinator per district (" + std::to_string(num_districts) + " districts)");
  }
  return sizes;
}

Result<std::vector<DistrictPlan>> PlanDistricts(const ReferenceData& reference,
                                                const std::vector<std::string>& keys,
                                                const Figures& figures,
                                                const Sizes& sizes) {
  std::vector<DistrictPlan> plans(keys.size());
  std::map<std::string, size_t> plan_of;
  for (size_t i = 0; i < keys.size(); ++i) {
    plans[i].district = reference.district_by_key.at(keys[i]);
    plan_of.emplace(keys[i], i);
  }
  for (size_t m = 0; m < reference.municipalities.size(); ++m) {
    const auto it = plan_of.find(reference.municipalities[m].district_key);
    if (it != plan_of.end()) plans[it->second].municipalities.push_back(static_cast<int32_t>(m));
  }
  for (DistrictPlan& plan : plans) {
    const std::string& key = reference.districts[static_cast<size_t>(plan.district)].key;
    if (plan.municipalities.empty()) {
      return UsageError("district", key, "the reference data has no municipality in it");
    }
    std::vector<int64_t> population;
    for (const int32_t m : plan.municipalities) {
      const Municipality& municipality = reference.municipalities[static_cast<size_t>(m)];
      population.push_back(std::max<int64_t>(municipality.population, 0));
      plan.places.push_back(ResolvedPlace(reference, municipality));
    }
    if (std::all_of(population.begin(), population.end(), [](int64_t p) { return p == 0; })) {
      std::fill(population.begin(), population.end(), 1);
    }
    plan.by_population = WeightedTable(population);
    for (size_t i = 0; i < population.size(); ++i) plan.towns.push_back(static_cast<int32_t>(i));
    std::stable_sort(plan.towns.begin(), plan.towns.end(), [&](int32_t a, int32_t b) {
      return population[static_cast<size_t>(a)] > population[static_cast<size_t>(b)];
    });
  }

  // Participants follow foreign nationals (Destatis 12521-0040). Districts
  // without a figure count with their population times the national ratio.
  std::map<std::string, int64_t> foreign;
  for (const DistrictPopulationWeight& w : reference.foreign_nationals) {
    foreign[w.district_key] = w.foreign_nationals;
  }
  int64_t foreign_sum = 0, foreign_population = 0;
  // Vacancies follow the registered stock where an anchor gives it, else the
  // population times the stock per inhabitant of the anchored districts.
  double stock_sum = 0;
  int64_t stock_population = 0;
  for (const District& d : reference.districts) {
    if (const auto it = foreign.find(d.key); it != foreign.end() && d.population > 0) {
      foreign_sum += it->second;
      foreign_population += d.population;
    }
    if (const auto it = figures.vacancy_stock.find(d.key);
        it != figures.vacancy_stock.end() && d.population > 0) {
      stock_sum += it->second;
      stock_population += d.population;
    }
  }
  const double foreign_ratio = foreign_population > 0 ? static_cast<double>(foreign_sum) /
                                                            static_cast<double>(foreign_population)
                                                      : 0.0;
  const double stock_ratio =
      stock_population > 0 ? stock_sum / static_cast<double>(stock_population) : 0.0;

  std::vector<int64_t> participant_weights, vacancy_weights;
  for (const DistrictPlan& plan : plans) {
    const District& d = reference.districts[static_cast<size_t>(plan.district)];
    const auto f = foreign.find(d.key);
    participant_weights.push_back(
        f != foreign.end() ? f->second
                           : std::llround(static_cast<double>(d.population) * foreign_ratio));
    const auto s = figures.vacancy_stock.find(d.key);
    vacancy_weights.push_back(std::llround(s != figures.vacancy_stock.end()
                                               ? s->second
                                               : static_cast<double>(d.population) * stock_ratio));
  }
  const std::vector<int32_t> participants = Apportion(sizes.participants, participant_weights, 0);
  const std::vector<int32_t> vacancies = Apportion(sizes.vacancies, vacancy_weights, 0);
  const std::vector<int32_t> coordinators = Apportion(
      sizes.coordinators, std::vector<int64_t>(participants.begin(), participants.end()), 1);
  for (size_t i = 0; i < plans.size(); ++i) {
    plans[i].participants = participants[i];
    plans[i].vacancies = vacancies[i];
    plans[i].coordinators = coordinators[i];
  }
  return plans;
}

// ---------------------------------------------------------------------------
// Occupations where refugees work, as the BA codes them (KldB 2010), with a
// short job title as it appears in a posting. Codes missing from the
// reference data or without a skill profile are skipped at run time.

enum Field : int8_t {
  kWarehouse = 0,
  kCleaning,
  kKitchen,
  kGastronomy,
  kConstruction,
  kCare,
  kRetail,
  kMetal,
  kDriving,
  kHairdressing,
  kIt,
  kNumFields
};

struct FieldInfo {
  int64_t participant_weight;                 // where refugees have worked or trained
  int64_t vacancy_weight;                     // where coordinators acquire vacancies
  std::array<const char*, 4> employer_words;  // first word of an employer name
};

constexpr std::array<FieldInfo, kNumFields> kFields = {{
    {16, 14, {"Logistik", "Spedition", "Lagerservice", "Logistikzentrum"}},
    {12,
     10,
     {"Gebäudereinigung", "Reinigungsservice", "Gebäudedienste", "Glas- und Gebäudereinigung"}},
    {10, 8, {"Gasthof", "Restaurant", "Kantine", "Großküche"}},
    {10, 10, {"Hotel", "Café", "Gasthaus", "Bistro"}},
    {12, 12, {"Bau", "Hochbau", "Tiefbau", "Haustechnik"}},
    {10, 14, {"Pflegedienst", "Seniorenzentrum", "Pflegeheim", "Tagespflege"}},
    {8, 10, {"Markt", "Getränkemarkt", "Textilhandel", "Lebensmittel"}},
    {10, 10, {"Metallbau", "Maschinenbau", "Stahlbau", "Kfz-Werkstatt"}},
    {6, 7, {"Transporte", "Kurierdienst", "Taxi", "Busverkehr"}},
    {3, 2, {"Friseursalon", "Salon", "Haarstudio", "Kosmetikstudio"}},
    {3, 3, {"IT-Service", "Software", "Systemhaus", "Digital"}},
}};

struct CatalogueEntry {
  const char* kldb;
  const char* title;
  Field field;
};

constexpr CatalogueEntry kCatalogue[] = {
    {"51311", "Lagerhelfer (m/w/d)", kWarehouse},
    {"51312", "Fachkraft für Lagerlogistik (m/w/d)", kWarehouse},
    {"51321", "Zusteller (m/w/d)", kWarehouse},
    {"51332", "Fachkraft Güterumschlag (m/w/d)", kWarehouse},
    {"52531", "Staplerfahrer (m/w/d)", kWarehouse},
    {"51393", "Lagermeister (m/w/d)", kWarehouse},
    {"54101", "Reinigungskraft (m/w/d)", kCleaning},
    {"54112", "Gebäudereiniger (m/w/d)", kCleaning},
    {"54152", "Fahrzeugpfleger (m/w/d)", kCleaning},
    {"54113", "Objektleiter Reinigung (m/w/d)", kCleaning},
    {"29301", "Küchenhilfe (m/w/d)", kKitchen},
    {"29302", "Koch (m/w/d)", kKitchen},
    {"29393", "Küchenchef (m/w/d)", kKitchen},
    {"63301", "Servicekraft Gastronomie (m/w/d)", kGastronomy},
    {"63302", "Restaurantfachmann (m/w/d)", kGastronomy},
    {"63312", "Fachkraft für Systemgastronomie (m/w/d)", kGastronomy},
    {"63393", "Restaurantleiter (m/w/d)", kGastronomy},
    {"32101", "Bauhelfer (m/w/d)", kConstruction},
    {"32201", "Tiefbauhelfer (m/w/d)", kConstruction},
    {"32102", "Hochbaufacharbeiter (m/w/d)", kConstruction},
    {"32122", "Maurer (m/w/d)", kConstruction},
    {"34212", "Anlagenmechaniker SHK (m/w/d)", kConstruction},
    {"32103", "Polier (m/w/d)", kConstruction},
    {"32104", "Bauingenieur (m/w/d)", kConstruction},
    {"82101", "Pflegehelfer Altenpflege (m/w/d)", kCare},
    {"81301", "Pflegehelfer Krankenpflege (m/w/d)", kCare},
    // Nursing (ISCO 3221) has no ESCO occupation, so these three are skipped
    // until the reference data gives them a profile.
    {"82102", "Altenpfleger (m/w/d)", kCare},
    {"81302", "Pflegefachkraft (m/w/d)", kCare},
    {"81313", "Fachkrankenpfleger (m/w/d)", kCare},
    {"83142", "Familienpfleger (m/w/d)", kCare},
    {"81342", "Rettungssanitäter (m/w/d)", kCare},
    {"81102", "Medizinischer Fachangestellter (m/w/d)", kCare},
    {"81393", "Stationsleitung Pflege (m/w/d)", kCare},
    {"81394", "Pflegedienstleitung (m/w/d)", kCare},
    {"62101", "Verkaufshilfe (m/w/d)", kRetail},
    {"62102", "Verkäufer (m/w/d)", kRetail},
    {"62112", "Kassierer (m/w/d)", kRetail},
    {"62193", "Abteilungsleiter Verkauf (m/w/d)", kRetail},
    {"62194", "Filialleiter (m/w/d)", kRetail},
    {"24201", "Produktionshelfer Metall (m/w/d)", kMetal},
    {"24411", "Helfer Metallbau (m/w/d)", kMetal},
    {"24412", "Metallbauer (m/w/d)", kMetal},
    {"24422", "Schweißer (m/w/d)", kMetal},
    {"24232", "Zerspanungsmechaniker (m/w/d)", kMetal},
    {"25212", "Kfz-Mechatroniker (m/w/d)", kMetal},
    {"24413", "Techniker Metallbau (m/w/d)", kMetal},
    {"24414", "Ingenieur Metallbau (m/w/d)", kMetal},
    {"52122", "Berufskraftfahrer Lkw (m/w/d)", kDriving},
    {"52112", "Taxifahrer (m/w/d)", kDriving},
    {"52132", "Busfahrer (m/w/d)", kDriving},
    {"52182", "Kurierfahrer (m/w/d)", kDriving},
    {"82311", "Friseurhelfer (m/w/d)", kHairdressing},
    {"82312", "Friseur (m/w/d)", kHairdressing},
    {"82322", "Kosmetiker (m/w/d)", kHairdressing},
    {"43412", "Fachinformatiker Anwendungsentwicklung (m/w/d)", kIt},
    {"43413", "Softwareentwickler (m/w/d)", kIt},
    {"43103", "IT-Spezialist (m/w/d)", kIt},
    {"43414", "Softwarearchitekt (m/w/d)", kIt},
};

// KldB 2010 Berufsbereiche (first digit), the employer's sector.
constexpr std::array<const char*, 10> kBerufsbereich = {
    "Militär",
    "Land-, Forst- und Tierwirtschaft und Gartenbau",
    "Rohstoffgewinnung, Produktion und Fertigung",
    "Bau, Architektur, Vermessung und Gebäudetechnik",
    "Naturwissenschaft, Geografie und Informatik",
    "Verkehr, Logistik, Schutz und Sicherheit",
    "Kaufmännische Dienstleistungen, Warenhandel, Vertrieb, Hotel und Tourismus",
    "Unternehmensorganisation, Buchhaltung, Recht und Verwaltung",
    "Gesundheit, Soziales, Lehre und Erziehung",
    "Sprach-, Literatur-, Geistes-, Gesellschafts- und Wirtschaftswissenschaften, Medien, "
    "Kunst, Kultur und Gestaltung",
};

// A catalogue entry found in the reference data.
struct Job {
  KldbIndex kldb;
  const char* title;
  Field field;
  int level;                          // requirement level 1..4
  std::vector<OccupationIndex> esco;  // bridged ESCO occupations with a profile
};

// Requirement-level mixes (index 0 = helper). Participants: helper share from
// the job_level_helper_share anchor, the rest ("Fachkraft or higher") split
// 75 / 15 / 10 over skilled, specialist, expert (assumption). Vacancies the
// coordinators acquire: 35 / 50 / 10 / 5 (assumption: small firms, mostly
// helper and skilled posts).
std::array<double, 4> ParticipantLevelMix(const Figures& f) {
  const double rest = 1.0 - f.helper;
  return {f.helper, rest * 0.75, rest * 0.15, rest * 0.10};
}
constexpr std::array<double, 4> kVacancyLevelMix = {0.35, 0.50, 0.10, 0.05};

struct Catalogue {
  std::vector<Job> jobs;
  // Participants: level (weighted by the mix), then a job of that level
  // weighted by field.
  WeightedTable participant_level;
  std::array<std::vector<int32_t>, 4> jobs_at_level;
  std::array<WeightedTable, 4> participant_job_at_level;
  // Employers: a field by vacancy weight; then per field a job by the
  // vacancy level mix, and the skilled jobs for training places.
  std::vector<int32_t> employer_fields;
  WeightedTable employer_field;
  std::array<std::vector<int32_t>, kNumFields> field_jobs;
  std::array<WeightedTable, kNumFields> vacancy_job_in_field;
  std::array<std::vector<int32_t>, kNumFields> training_jobs;
};

bool HasProfile(const std::vector<SkillIndex>& essential, const std::vector<SkillIndex>& optional) {
  return !essential.empty() || !optional.empty();
}

Result<Catalogue> BuildCatalogue(const ReferenceData& reference, const Figures& figures) {
  Catalogue c;
  for (const CatalogueEntry& entry : kCatalogue) {
    const auto it = reference.kldb_by_code.find(entry.kldb);
    if (it == reference.kldb_by_code.end()) continue;
    const KldbOccupation& k = reference.kldb[static_cast<size_t>(it->second.value)];
    if (!HasProfile(k.essential, k.optional) || k.requirement_level < 1 ||
        k.requirement_level > 4) {
      continue;
    }
    Job job{it->second, entry.title, entry.field, k.requirement_level, {}};
    for (const OccupationIndex o : k.esco) {
      const EscoOccupation& occupation = reference.occupations[static_cast<size_t>(o.value)];
      if (HasProfile(occupation.essential, occupation.optional)) job.esco.push_back(o);
    }
    c.jobs.push_back(std::move(job));
  }
  if (c.jobs.empty()) {
    return MakeError(ErrorKind::kUsage,
                     "kldb.csv",
                     0,
                     "",
                     "",
                     "none of the generator's KldB codes (e.g. 51311 Lagerwirtschaft) is in the "
                     "reference data with a skill profile");
  }

  for (size_t j = 0; j < c.jobs.size(); ++j) {
    const Job& job = c.jobs[j];
    c.jobs_at_level[static_cast<size_t>(job.level - 1)].push_back(static_cast<int32_t>(j));
    c.field_jobs[static_cast<size_t>(job.field)].push_back(static_cast<int32_t>(j));
    if (job.level == 2)
      c.training_jobs[static_cast<size_t>(job.field)].push_back(static_cast<int32_t>(j));
  }

  // A field's weight is shared by its jobs at the level drawn (720720 is
  // divisible by 1..16, so the shares stay integers).
  const std::array<double, 4> mix = ParticipantLevelMix(figures);
  std::vector<int64_t> level_weights;
  for (size_t level = 0; level < 4; ++level) {
    const std::vector<int32_t>& at = c.jobs_at_level[level];
    level_weights.push_back(at.empty() ? 0 : Fixed(mix[level]));
    std::array<int64_t, kNumFields> per_field{};
    for (const int32_t j : at)
      ++per_field[static_cast<size_t>(c.jobs[static_cast<size_t>(j)].field)];
    std::vector<int64_t> weights;
    for (const int32_t j : at) {
      const size_t field = static_cast<size_t>(c.jobs[static_cast<size_t>(j)].field);
      weights.push_back(kFields[field].participant_weight * 720720 / per_field[field]);
    }
    c.participant_job_at_level[level] = WeightedTable(weights);
  }
  c.participant_level = WeightedTable(level_weights);

  std::vector<int64_t> field_weights;
  for (size_t field = 0; field < kNumFields; ++field) {
    const std::vector<int32_t>& jobs = c.field_jobs[field];
    if (jobs.empty()) continue;
    c.employer_fields.push_back(static_cast<int32_t>(field));
    field_weights.push_back(kFields[field].vacancy_weight);
    std::array<int64_t, 4> per_level{};
    for (const int32_t j : jobs)
      ++per_level[static_cast<size_t>(c.jobs[static_cast<size_t>(j)].level - 1)];
    std::vector<int64_t> weights;
    for (const int32_t j : jobs) {
      const size_t level = static_cast<size_t>(c.jobs[static_cast<size_t>(j)].level - 1);
      weights.push_back(Fixed(kVacancyLevelMix[level]) / per_level[level]);
    }
    c.vacancy_job_in_field[field] = WeightedTable(weights);
  }
  c.employer_field = WeightedTable(field_weights);
  return c;
}

// An occupation reference as the BA codes it (KldB), or with probability
// `esco_share` as an ESCO occupation the KldB code bridges to.
OccupationRef CodeOccupation(const Job& job, double esco_share, Rng& rng) {
  OccupationRef ref;
  if (!job.esco.empty() && rng.Bernoulli(esco_share)) {
    ref.esco = job.esco[rng.Below(job.esco.size())];
  } else {
    ref.kldb = job.kldb;
  }
  return ref;
}

template <typename T, size_t N>
const T& Pick(const std::array<T, N>& items, Rng& rng) {
  return items[rng.Below(N)];
}

std::string NumberedId(std::string_view prefix, int64_t number) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%06lld", static_cast<long long>(number));
  return std::string(prefix) + buffer;
}

// ---------------------------------------------------------------------------
// Coordinators: the first two of a district work full time (the JOKO
// pattern: up to two full-time coordinators per district), further ones part
// time (0.5) with probability 1/4. Capacity = new placements this cycle: a
// coordinator takes on about 40 participants a year per FTE; after current
// caseload and follow-ups a quarterly cycle leaves between a quarter and a
// half of that, round(40 * fte / 4) .. round(40 * fte / 2).

constexpr int32_t kPlacementsPerFteYear = 40;

void AddCoordinators(const ReferenceData& reference,
                     uint64_t seed,
                     std::vector<DistrictPlan>& plans,
                     Dataset& dataset) {
  Rng rng(seed, kCoordinators);
  for (DistrictPlan& plan : plans) {
    const District& district = reference.districts[static_cast<size_t>(plan.district)];
    std::vector<int64_t> halves;  // fte in half-time units
    for (int32_t j = 1; j <= plan.coordinators; ++j) {
      const int64_t half_units = (j <= 2 || !rng.Bernoulli(0.25)) ? 2 : 1;
      Coordinator c;
      c.id = "K-" + district.key + "-" + std::to_string(j);
      c.name = "Koordination " + district.name + " " + std::to_string(j);
      c.district = district.key;
      c.fte = static_cast<double>(half_units) / 2.0;
      // 40 * fte / 4 = 5 * half_units, 40 * fte / 2 = 10 * half_units.
      const int64_t lo = kPlacementsPerFteYear * half_units / 8;
      const int64_t hi = kPlacementsPerFteYear * half_units / 4;
      c.capacity = static_cast<int32_t>(rng.Between(lo, hi));
      plan.coordinator_ids.push_back(static_cast<int32_t>(dataset.coordinators.size()));
      dataset.coordinators.push_back(std::move(c));
      halves.push_back(half_units);
    }
    plan.coordinator_by_fte = WeightedTable(halves);
  }
}

// ---------------------------------------------------------------------------
// Participants.

constexpr CefrLevel Promote(CefrLevel level) {
  return level == CefrLevel::kC2 ? level : static_cast<CefrLevel>(static_cast<int>(level) + 1);
}
constexpr CefrLevel Demote(CefrLevel level) {
  return level <= CefrLevel::kA1 ? CefrLevel::kA1
                                 : static_cast<CefrLevel>(static_cast<int>(level) - 1);
}

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

Date YearStart(int year) {
  return *ParseDate(std::to_string(year) + "-01-01");
}

class ParticipantMaker {
 public:
  ParticipantMaker(const ReferenceData& reference,
                   const Figures& figures,
                   const Catalogue& catalogue,
                   Date today)
      : reference_(reference), catalogue_(catalogue), today_(today) {
    german_ = WeightedTable({Fixed(figures.below_a2 * 0.3),
                             Fixed(figures.below_a2 * 0.7),
                             Fixed(figures.a2),
                             Fixed(figures.b1)});
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
  }

  Participant Make(int64_t number, const DistrictPlan& plan, Rng& rng) const {
    Participant p;
    p.id = NumberedId("P-", number);
    p.coordinator = CoordinatorIndex(plan.coordinator_ids[plan.coordinator_by_fte.Draw(rng)]);
    p.home = plan.places[plan.by_population.Draw(rng)];

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
    return p;
  }

 private:
  const Job& JobAt(int32_t j) const { return catalogue_.jobs[static_cast<size_t>(j)]; }

  static constexpr std::array<int, 5> kHours = {20, 25, 30, 35, 40};
  const ReferenceData& reference_;
  const Catalogue& catalogue_;
  Date today_;
  WeightedTable german_;
  std::vector<std::pair<Date, Date>> arrival_span_;  // first and last day per year
  WeightedTable arrival_year_;
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

// ---------------------------------------------------------------------------
// Employers and their vacancies.

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
    size_ = WeightedTable(
        {Fixed(figures.micro), Fixed(rest * 0.8), Fixed(rest * 0.2), Fixed(figures.large)});
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
      e.place = plan.places[plan.by_population.Draw(rng)];
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
    v.place = rng.Bernoulli(0.9) ? home : plan.places[plan.by_population.Draw(rng)];

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

// ---------------------------------------------------------------------------
// Courses: language courses to B1 (two in three) or B2 in the district's
// three largest towns, in turn, starting within 90 days, 12 to 26 weeks.

void AddCourses(const std::vector<DistrictPlan>& plans,
                const ReferenceData& reference,
                int32_t per_district,
                uint64_t seed,
                Date today,
                Dataset& dataset) {
  Rng rng(seed, kCourses);
  for (const DistrictPlan& plan : plans) {
    const std::string& key = reference.districts[static_cast<size_t>(plan.district)].key;
    const size_t towns = std::min<size_t>(3, plan.towns.size());
    for (int32_t j = 0; j < per_district; ++j) {
      Course c;
      c.id = "C-" + key + "-" + std::to_string(j + 1);
      c.kind = CourseKind::kLanguage;
      c.target_level = rng.Below(3) < 2 ? CefrLevel::kB1 : CefrLevel::kB2;
      c.place = plan.places[static_cast<size_t>(plan.towns[static_cast<size_t>(j) % towns])];
      c.start_date = Date{today.days + static_cast<int32_t>(rng.Between(0, 90))};
      c.weeks = static_cast<int32_t>(rng.Between(12, 26));
      dataset.courses.push_back(std::move(c));
    }
  }
}

}  // namespace

Result<Dataset> GenerateSynthetic(const ReferenceData& reference, const SyntheticOptions& options) {
  Result<std::vector<std::string>> keys = ChooseDistricts(reference, options);
  if (!keys.ok()) return keys.error();
  Result<Sizes> sizes = ChooseSizes(options, keys.value().size());
  if (!sizes.ok()) return sizes.error();
  Result<Figures> figures = ReadFigures(reference);
  if (!figures.ok()) return figures.error();
  Result<Catalogue> catalogue = BuildCatalogue(reference, figures.value());
  if (!catalogue.ok()) return catalogue.error();
  Result<std::vector<DistrictPlan>> planned =
      PlanDistricts(reference, keys.value(), figures.value(), sizes.value());
  if (!planned.ok()) return planned.error();
  std::vector<DistrictPlan>& plans = planned.value();

  Dataset dataset;
  dataset.coordinators.reserve(static_cast<size_t>(sizes.value().coordinators));
  dataset.participants.reserve(static_cast<size_t>(sizes.value().participants));
  dataset.vacancies.reserve(static_cast<size_t>(sizes.value().vacancies));
  AddCoordinators(reference, options.seed, plans, dataset);

  const ParticipantMaker participants(reference, figures.value(), catalogue.value(), options.today);
  Rng participant_rng(options.seed, kParticipants);
  for (const DistrictPlan& plan : plans) {
    for (int32_t i = 0; i < plan.participants; ++i) {
      dataset.participants.push_back(participants.Make(
          static_cast<int64_t>(dataset.participants.size()) + 1, plan, participant_rng));
    }
  }

  const EmployerMaker employers(reference, figures.value(), catalogue.value(), options.today);
  Rng employer_rng(options.seed, kEmployers);
  for (const DistrictPlan& plan : plans) employers.Fill(plan, employer_rng, dataset);

  AddCourses(plans, reference, options.courses_per_district, options.seed, options.today, dataset);
  return dataset;
}

}  // namespace jobmatch

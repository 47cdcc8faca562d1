// synth/catalogue.cc: the occupation catalogue, see synth/catalogue.h.

#include "synth/catalogue.h"

#include <utility>

namespace jobmatch::synth {
namespace {

using internal::Rng;
using internal::WeightedTable;

// Occupations where refugees work, with a short job title as it appears in a
// posting. Codes missing from the reference data or without a skill profile
// are skipped at run time.
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

bool HasProfile(const std::vector<SkillIndex>& essential, const std::vector<SkillIndex>& optional) {
  return !essential.empty() || !optional.empty();
}

}  // namespace

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
                     "reference data",
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
    level_weights.push_back(at.empty() ? 0 : FixedWeight(mix[level]));
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
      weights.push_back(FixedWeight(kVacancyLevelMix[level]) / per_level[level]);
    }
    c.vacancy_job_in_field[field] = WeightedTable(weights);
  }
  c.employer_field = WeightedTable(field_weights);
  return c;
}

OccupationRef CodeOccupation(const Job& job, double esco_share, Rng& rng) {
  OccupationRef ref;
  if (!job.esco.empty() && rng.Bernoulli(esco_share)) {
    ref.esco = job.esco[rng.Below(job.esco.size())];
  } else {
    ref.kldb = job.kldb;
  }
  return ref;
}

}  // namespace jobmatch::synth

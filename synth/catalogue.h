// synth/catalogue.h
//
// The occupations synthetic records are drawn from: fields where refugees work
// (warehouse, cleaning, kitchen, gastronomy, construction, care, retail, metal,
// drivers, hairdressing, IT), each with KldB 2010 codes as the Federal
// Employment Agency codes them and a short job title as it appears in a
// posting, plus the words employer names are built from.
//
// Contract. BuildCatalogue() keeps only the codes the reference data knows
// with a skill profile and a requirement level 1..4 (others are skipped, not
// an error), and fails with kUsage when none is left. The Catalogue holds the
// weighted tables the record makers draw from: participants draw a
// requirement level (helper share from the anchors, the rest 75 / 15 / 10 over
// skilled, specialist, expert) and then a job of that level weighted by field;
// employers draw a field by vacancy weight, then a job of the field by the
// vacancy level mix (35 / 50 / 10 / 5), and skilled jobs for training places.
//
// Example:
//   Result<Catalogue> catalogue = BuildCatalogue(reference, figures);
//   const Job& job = catalogue.value().jobs[0];
//   const OccupationRef ref = CodeOccupation(job, /*esco_share=*/0.15, rng);

#ifndef JOBMATCH_SYNTH_CATALOGUE_H_
#define JOBMATCH_SYNTH_CATALOGUE_H_

#include <array>
#include <cstdint>
#include <vector>

#include "engine/ids.h"
#include "engine/internal/random.h"
#include "engine/records.h"
#include "engine/reference.h"
#include "engine/result.h"
#include "synth/anchors.h"

namespace jobmatch::synth {

// The fields of work the catalogue covers; kNumFields counts them.
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

// Per field, in Field order.
inline constexpr std::array<FieldInfo, kNumFields> kFields = {{
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

// KldB 2010 Berufsbereiche (first digit), the employer's sector.
inline constexpr std::array<const char*, 10> kBerufsbereich = {
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
inline std::array<double, 4> ParticipantLevelMix(const Figures& f) {
  const double rest = 1.0 - f.helper;
  return {f.helper, rest * 0.75, rest * 0.15, rest * 0.10};
}
inline constexpr std::array<double, 4> kVacancyLevelMix = {0.35, 0.50, 0.10, 0.05};

struct Catalogue {
  std::vector<Job> jobs;
  // Participants: level (weighted by the mix), then a job of that level
  // weighted by field.
  internal::WeightedTable participant_level;
  std::array<std::vector<int32_t>, 4> jobs_at_level;
  std::array<internal::WeightedTable, 4> participant_job_at_level;
  // Employers: a field by vacancy weight; then per field a job by the
  // vacancy level mix, and the skilled jobs for training places.
  std::vector<int32_t> employer_fields;
  internal::WeightedTable employer_field;
  std::array<std::vector<int32_t>, kNumFields> field_jobs;
  std::array<internal::WeightedTable, kNumFields> vacancy_job_in_field;
  std::array<std::vector<int32_t>, kNumFields> training_jobs;
};

// The catalogue's jobs found in `reference`, with the draw tables above.
[[nodiscard]] Result<Catalogue> BuildCatalogue(const ReferenceData& reference,
                                               const Figures& figures);

// An occupation reference as the Federal Employment Agency codes it (KldB), or
// with probability `esco_share` as an ESCO occupation the KldB code bridges to.
OccupationRef CodeOccupation(const Job& job, double esco_share, internal::Rng& rng);

}  // namespace jobmatch::synth

#endif  // JOBMATCH_SYNTH_CATALOGUE_H_

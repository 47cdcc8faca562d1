// engine/reference.h
//
// Public reference data the engine resolves codes and places against: the
// ESCO skills and occupations with their essential/optional skill relations,
// KldB 2010 Berufsgattungen bridged to ESCO through ISCO-08 and the names of
// their areas, German
// municipalities, postcodes and districts with coordinates, and published
// statistics anchors for synthetic data. Loaded once by
// loaders/reference_loader.h from loaders/refdata/; read-only afterwards.
//
// Example:
//   const ReferenceData& ref = loaded.value();
//   const auto it = ref.postcode_by_plz.find("06406");   // Bernburg (Saale)
//   if (it != ref.postcode_by_plz.end()) GeoPoint p = ref.postcodes[it->second].point;

#ifndef JOBMATCH_ENGINE_REFERENCE_H_
#define JOBMATCH_ENGINE_REFERENCE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/ids.h"
#include "engine/records.h"

namespace jobmatch {

enum class SkillReuse : int8_t {
  kTransversal = 0,
  kCrossSector,
  kSectorSpecific,
  kOccupationSpecific
};

struct EscoSkill {
  std::string id;  // UUID tail of the ESCO URI
  std::string label_en;
  SkillReuse reuse = SkillReuse::kOccupationSpecific;
};

struct EscoOccupation {
  std::string id;         // UUID tail of the ESCO URI
  std::string isco_code;  // 4-digit ISCO-08 unit group, leading zeros kept
  std::string label_de;   // gendered pair, e.g. "Lagerarbeiter/Lagerarbeiterin"
  std::string label_en;
  std::vector<SkillIndex> essential;  // sorted ascending
  std::vector<SkillIndex> optional;   // sorted ascending
};

// Smallest essential set a bridged KldB profile is given (see KldbOccupation).
inline constexpr size_t kMinKldbEssentialSkills = 5;

// A KldB 2010 Berufsgattung (5 digits). The fifth digit is the requirement
// level: 1 helper, 2 skilled, 3 specialist, 4 expert.
//
// The bridge to ESCO. `isco_codes` are the code's AuxCO links, with one
// correction for helper codes (level 1): their residual ISCO-08 links (a
// final 9, "not elsewhere classified") are dropped when they have a specific
// one (63401 event service helpers: 4226|9629 -> 4226), and a helper linked
// only to residual groups (e.g. 9629 for hairdressing helpers 82311) takes
// the non-residual links of the lowest-level code of its
// Berufsuntergruppe (same first four digits; 82312 -> 5141 hairdressers)
// that has any, else of its Berufsgruppe (first three digits).
// A residual group gathers unrelated occupations (ushers, cloakroom and
// laundromat attendants), whose only shared skill is a generic one.
//
// The profile. Skills essential to at least half of `esco` are essential;
// when fewer than kMinKldbEssentialSkills are, the threshold drops to the
// number of occupations sharing the k-th most shared essential skill (ties
// kept whole), so a bridged code is never profiled by nothing (which would
// read as a full fit) or by one generic skill (which anyone covers). Every
// other essential or optional skill of `esco` is optional.
struct KldbOccupation {
  std::string code;   // "52122", leading zeros kept ("01104")
  std::string title;  // German title
  int8_t requirement_level = 1;
  std::vector<std::string> isco_codes;  // 4-digit ISCO-08 groups it bridges to (above)
  std::vector<OccupationIndex> esco;    // ESCO occupations in those groups, ascending
  // The skill profile used when a vacancy or participant is coded in KldB
  // (above). Sorted ascending.
  std::vector<SkillIndex> essential;
  std::vector<SkillIndex> optional;
};

// A KldB 2010 area reports group occupations by: a Berufsbereich (1 digit,
// "5") or a Berufshauptgruppe (2 digits, "52"), with the title the
// Bundesagentur für Arbeit publishes.
struct KldbArea {
  std::string code;
  std::string title;  // "Führer/innen von Fahrzeug- und Transportgeräten"
};

struct District {
  std::string key;    // 5-digit Kreisschlüssel
  std::string name;   // "Salzlandkreis"
  std::string land;   // "Sachsen-Anhalt"
  GeoPoint centroid;  // population-weighted
  int64_t population = 0;
};

struct Municipality {
  std::string ags;  // 8-digit Gemeindeschlüssel
  std::string name;
  std::string district_key;
  std::string plz;  // postcode of the town hall
  GeoPoint point;
  int64_t population = 0;
};

struct PostcodeArea {
  std::string plz;           // 5 digits
  std::string name;          // first place name listed for it
  std::string district_key;  // district holding most of its places
  GeoPoint point;            // mean of its places' coordinates
};

// One published figure (stats/anchors.csv), e.g. topic "firms_micro_share",
// region "Sachsen-Anhalt", value 85.9, unit "% of enterprises".
struct StatisticsAnchor {
  std::string topic;
  std::string region;
  std::string ags;
  std::string reference_date;
  double value = 0.0;
  std::string unit;
  std::string note;
};

// Foreign nationals per district (Destatis 12521-0040), a relative weight
// for where synthetic participants live.
struct DistrictPopulationWeight {
  std::string district_key;
  int64_t foreign_nationals = 0;
};

struct ReferenceData {
  std::vector<EscoSkill> skills;
  std::vector<EscoOccupation> occupations;
  std::vector<KldbOccupation> kldb;
  std::vector<KldbArea> kldb_areas;  // by code
  std::vector<District> districts;
  std::vector<Municipality> municipalities;
  std::vector<PostcodeArea> postcodes;
  std::vector<StatisticsAnchor> anchors;
  std::vector<DistrictPopulationWeight> foreign_nationals;

  // Lookups by external code, filled by the loader (BuildLookups()).
  std::unordered_map<std::string, SkillIndex> skill_by_id;
  std::unordered_map<std::string, OccupationIndex> occupation_by_id;
  std::unordered_map<std::string, KldbIndex> kldb_by_code;
  std::unordered_map<std::string, int32_t> district_by_key;
  std::unordered_map<std::string, int32_t> municipality_by_ags;
  std::unordered_map<std::string, int32_t> postcode_by_plz;
  // Indices into `municipalities` by latitude (ties: index), for nearest-
  // municipality searches; built once here so a place resolver costs nothing.
  std::vector<int32_t> municipalities_by_lat;

  // Rebuilds the maps above from the vectors.
  void BuildLookups();
  // The skill profile of an occupation reference: ESCO occupations use their
  // own relations, KldB codes the bridged profile above. Empty if invalid.
  const std::vector<SkillIndex>& EssentialSkills(const OccupationRef& occupation) const;
  const std::vector<SkillIndex>& OptionalSkills(const OccupationRef& occupation) const;
  // "Lagerarbeiter/Lagerarbeiterin" or the KldB title; "" if invalid.
  const std::string& OccupationLabel(const OccupationRef& occupation) const;
  // ESCO id or KldB code; "" if invalid.
  const std::string& OccupationCode(const OccupationRef& occupation) const;
};

}  // namespace jobmatch

#endif  // JOBMATCH_ENGINE_REFERENCE_H_

#include "engine/reference.h"

#include <algorithm>

namespace jobmatch {
namespace {
const std::vector<SkillIndex> kNoSkills;
const std::string kEmpty;
}  // namespace

void ReferenceData::BuildLookups() {
  skill_by_id.clear();
  occupation_by_id.clear();
  kldb_by_code.clear();
  district_by_key.clear();
  municipality_by_ags.clear();
  postcode_by_plz.clear();
  skill_by_id.reserve(skills.size());
  for (size_t i = 0; i < skills.size(); ++i) {
    skill_by_id.emplace(skills[i].id, SkillIndex(static_cast<int32_t>(i)));
  }
  occupation_by_id.reserve(occupations.size());
  for (size_t i = 0; i < occupations.size(); ++i) {
    occupation_by_id.emplace(occupations[i].id, OccupationIndex(static_cast<int32_t>(i)));
  }
  for (size_t i = 0; i < kldb.size(); ++i) {
    kldb_by_code.emplace(kldb[i].code, KldbIndex(static_cast<int32_t>(i)));
  }
  for (size_t i = 0; i < districts.size(); ++i) {
    district_by_key.emplace(districts[i].key, static_cast<int32_t>(i));
  }
  municipality_by_ags.reserve(municipalities.size());
  for (size_t i = 0; i < municipalities.size(); ++i) {
    municipality_by_ags.emplace(municipalities[i].ags, static_cast<int32_t>(i));
  }
  postcode_by_plz.reserve(postcodes.size());
  for (size_t i = 0; i < postcodes.size(); ++i) {
    postcode_by_plz.emplace(postcodes[i].plz, static_cast<int32_t>(i));
  }
  municipalities_by_lat.resize(municipalities.size());
  for (size_t i = 0; i < municipalities.size(); ++i) {
    municipalities_by_lat[i] = static_cast<int32_t>(i);
  }
  std::sort(municipalities_by_lat.begin(), municipalities_by_lat.end(), [&](int32_t a, int32_t b) {
    const double la = municipalities[static_cast<size_t>(a)].point.lat;
    const double lb = municipalities[static_cast<size_t>(b)].point.lat;
    return la != lb ? la < lb : a < b;
  });
}

const std::vector<SkillIndex>& ReferenceData::EssentialSkills(const OccupationRef& o) const {
  if (o.esco.valid()) return occupations[static_cast<size_t>(o.esco.value)].essential;
  if (o.kldb.valid()) return kldb[static_cast<size_t>(o.kldb.value)].essential;
  return kNoSkills;
}

const std::vector<SkillIndex>& ReferenceData::OptionalSkills(const OccupationRef& o) const {
  if (o.esco.valid()) return occupations[static_cast<size_t>(o.esco.value)].optional;
  if (o.kldb.valid()) return kldb[static_cast<size_t>(o.kldb.value)].optional;
  return kNoSkills;
}

const std::string& ReferenceData::OccupationLabel(const OccupationRef& o) const {
  if (o.esco.valid()) return occupations[static_cast<size_t>(o.esco.value)].label_de;
  if (o.kldb.valid()) return kldb[static_cast<size_t>(o.kldb.value)].title;
  return kEmpty;
}

const std::string& ReferenceData::OccupationCode(const OccupationRef& o) const {
  if (o.esco.valid()) return occupations[static_cast<size_t>(o.esco.value)].id;
  if (o.kldb.valid()) return kldb[static_cast<size_t>(o.kldb.value)].code;
  return kEmpty;
}

}  // namespace jobmatch

// tests/engine/scoring_fixtures.h
//
// Hand-built reference data and datasets for the scoring tests (geo, skill
// profiles, scorer, candidate graph): a tiny skills taxonomy with known ISCO
// groups, places given as km offsets from Bernburg (Saale), and a seeded
// random instance maker (own generator, no std::*_distribution).

#ifndef JOBMATCH_TESTS_ENGINE_SCORING_FIXTURES_H_
#define JOBMATCH_TESTS_ENGINE_SCORING_FIXTURES_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/records.h"
#include "engine/reference.h"
#include "tests/support/random.h"

namespace jobmatch::fixtures {

inline constexpr GeoPoint kBernburg{51.7950, 11.7380};

// A point dx_km east and dy_km north of `origin` (flat-earth offset; exact
// distances are always recomputed by the code under test).
inline GeoPoint Offset(GeoPoint origin, double dx_km, double dy_km) {
  constexpr double kKmPerDegree = 111.19508;
  const double lat = origin.lat + dy_km / kKmPerDegree;
  const double lon =
      origin.lon + dx_km / (kKmPerDegree * std::cos(origin.lat * 3.14159265358979 / 180.0));
  return GeoPoint{lat, lon};
}

inline Place PlaceAt(GeoPoint point) {
  Place place;
  place.point = point;
  place.name = "test";
  return place;
}

inline std::vector<SkillIndex> Skills(std::initializer_list<int32_t> ids) {
  std::vector<SkillIndex> out;
  for (int32_t i : ids) out.emplace_back(i);
  return out;
}

// Ten skills; ESCO occupations
//   0 "warehouse worker"  ISCO 9333  essential {0,1,2,3}  optional {4,5}
//   1 "forklift driver"   ISCO 8344  essential {1,6}      optional {7}
//   2 "freight handler"   ISCO 9333  essential {8}
//   3 "hand packer"       ISCO 9334  essential {9}       (same minor group 933)
//   4 "cleaner"           ISCO 9313  essential {5}       (same sub-major group 93)
//   5 "software developer" ISCO 2512 essential {6,7}
// KldB: 0 "51312" level 2 -> ISCO 4321 (essential {2,3}, optional {0});
//       1 "51301" level 1 -> ISCO 9333 (essential {0,1}, optional {2}).
inline ReferenceData TinyReference() {
  ReferenceData ref;
  for (int i = 0; i < 10; ++i) {
    EscoSkill s;
    s.id = "s" + std::to_string(i);
    s.label_en = "skill " + std::to_string(i);
    ref.skills.push_back(s);
  }
  auto occupation = [&](const char* id,
                        const char* isco,
                        std::initializer_list<int32_t> ess,
                        std::initializer_list<int32_t> opt) {
    EscoOccupation o;
    o.id = id;
    o.isco_code = isco;
    o.label_de = id;
    o.label_en = id;
    o.essential = Skills(ess);
    o.optional = Skills(opt);
    ref.occupations.push_back(o);
  };
  occupation("warehouse", "9333", {0, 1, 2, 3}, {4, 5});
  occupation("forklift", "8344", {1, 6}, {7});
  occupation("freight", "9333", {8}, {});
  occupation("packer", "9334", {9}, {});
  occupation("cleaner", "9313", {5}, {});
  occupation("developer", "2512", {6, 7}, {});
  KldbOccupation k0;
  k0.code = "51312";
  k0.title = "Fachkraft Lagerwirtschaft";
  k0.requirement_level = 2;
  k0.isco_codes = {"4321"};
  k0.essential = Skills({2, 3});
  k0.optional = Skills({0});
  ref.kldb.push_back(k0);
  KldbOccupation k1;
  k1.code = "51301";
  k1.title = "Helfer Lagerwirtschaft";
  k1.requirement_level = 1;
  k1.isco_codes = {"9333"};
  k1.esco = {OccupationIndex(0), OccupationIndex(2)};
  k1.essential = Skills({0, 1});
  k1.optional = Skills({2});
  ref.kldb.push_back(k1);
  ref.BuildLookups();
  return ref;
}

inline OccupationRef Esco(int32_t i) {
  OccupationRef o;
  o.esco = OccupationIndex(i);
  return o;
}
inline OccupationRef Kldb(int32_t i) {
  OccupationRef o;
  o.kldb = KldbIndex(i);
  return o;
}

// One coordinator and one micro employer at Bernburg; add people with the
// helpers below.
inline Dataset EmptyDataset() {
  Dataset d;
  Coordinator c;
  c.id = "K1";
  c.district = "15089";
  c.capacity = 10;
  d.coordinators.push_back(c);
  Employer e;
  e.id = "E1";
  e.name = "Tischlerei";
  e.staff = 5;
  e.place = PlaceAt(kBernburg);
  d.employers.push_back(e);
  return d;
}

// A participant at `home` who passes every default rule for AddVacancy's
// defaults: work permitted, goal job, vocational qualification (recognised),
// German B2, 40 hours, transit only, legal default commute.
inline Participant& AddParticipant(Dataset* d, GeoPoint home) {
  Participant p;
  p.id = "P" + std::to_string(d->participants.size());
  p.coordinator = CoordinatorIndex(0);
  p.home = PlaceAt(home);
  p.german = CefrLevel::kB2;
  p.qualification = Qualification::kVocational;
  p.qualification_recognised = true;
  p.goal = Goal::kJob;
  p.hours_per_week = 40;
  d->participants.push_back(p);
  return d->participants.back();
}

// A job at `place` with employer 0, no occupation, minimum A2, 40 hours.
inline Vacancy& AddVacancy(Dataset* d, GeoPoint place) {
  Vacancy v;
  v.id = "V" + std::to_string(d->vacancies.size());
  v.employer = EmployerIndex(0);
  v.title = "job";
  v.place = PlaceAt(place);
  v.min_german = CefrLevel::kA2;
  v.hours_per_week = 40;
  d->vacancies.push_back(v);
  return d->vacancies.back();
}

// The tests' one random generator (tests/support/random.h).
using TestRng = test::Rng;

// A random reference taxonomy: `skills` skills, `occupations` ESCO
// occupations with random ISCO codes in a few groups, two KldB codes.
inline ReferenceData RandomReference(TestRng* rng, int32_t skills, int32_t occupations) {
  ReferenceData ref;
  for (int32_t i = 0; i < skills; ++i) {
    EscoSkill s;
    s.id = "s" + std::to_string(i);
    ref.skills.push_back(s);
  }
  static const char* kIsco[] = {"9333", "9334", "9313", "8344", "2512", "5120", "7115"};
  for (int32_t i = 0; i < occupations; ++i) {
    EscoOccupation o;
    o.id = "o" + std::to_string(i);
    o.isco_code = kIsco[rng->Below(7)];
    std::vector<int32_t> ess, opt;
    for (int32_t s = 0; s < skills; ++s) {
      if (rng->Chance(0.15)) {
        ess.push_back(s);
      } else if (rng->Chance(0.15)) {
        opt.push_back(s);
      }
    }
    for (int32_t s : ess) o.essential.emplace_back(s);
    for (int32_t s : opt) o.optional.emplace_back(s);
    ref.occupations.push_back(o);
  }
  for (int level = 1; level <= 4; ++level) {
    KldbOccupation k;
    k.code = "5130" + std::to_string(level);
    k.requirement_level = static_cast<int8_t>(level);
    k.isco_codes = {kIsco[rng->Below(7)], kIsco[rng->Below(7)]};
    for (int32_t s = 0; s < skills; ++s) {
      if (rng->Chance(0.2)) {
        k.essential.emplace_back(s);
      } else if (rng->Chance(0.1)) {
        k.optional.emplace_back(s);
      }
    }
    ref.kldb.push_back(k);
  }
  ref.BuildLookups();
  return ref;
}

inline OccupationRef RandomOccupation(TestRng* rng, const ReferenceData& ref) {
  const int32_t pick =
      rng->Below(static_cast<int32_t>(ref.occupations.size() + ref.kldb.size()) + 1);
  if (pick < static_cast<int32_t>(ref.occupations.size())) return Esco(pick);
  const int32_t k = pick - static_cast<int32_t>(ref.occupations.size());
  if (k < static_cast<int32_t>(ref.kldb.size())) return Kldb(k);
  return OccupationRef{};  // none
}

inline std::vector<SkillIndex> RandomSkills(TestRng* rng, int32_t skills, int32_t max_count) {
  std::vector<SkillIndex> out;
  const int32_t n = rng->Below(max_count + 1);
  for (int32_t i = 0; i < n; ++i) out.emplace_back(rng->Below(skills));
  return out;
}

// A random dataset around Bernburg: places within +-box_km, every attribute
// random, a few language courses and rejected pairs. run_date is 2025-11-22.
inline Dataset RandomDataset(TestRng* rng,
                             const ReferenceData& ref,
                             int32_t participants,
                             int32_t vacancies,
                             double box_km) {
  const auto skills = static_cast<int32_t>(ref.skills.size());
  Dataset d;
  for (int c = 0; c < 3; ++c) {
    Coordinator k;
    k.id = "K" + std::to_string(c);
    k.capacity = rng->Below(6);
    d.coordinators.push_back(k);
  }
  const int32_t staff_options[] = {3, 9, 25, 120, 800};
  for (int e = 0; e < 12; ++e) {
    Employer emp;
    emp.id = "E" + std::to_string(e);
    emp.staff = staff_options[rng->Below(5)];
    emp.place =
        PlaceAt(Offset(kBernburg, (rng->Unit() * 2 - 1) * box_km, (rng->Unit() * 2 - 1) * box_km));
    d.employers.push_back(emp);
  }
  auto random_place = [&] {
    return PlaceAt(
        Offset(kBernburg, (rng->Unit() * 2 - 1) * box_km, (rng->Unit() * 2 - 1) * box_km));
  };
  const Date run{20'414};
  for (int32_t i = 0; i < participants; ++i) {
    Participant p;
    p.id = "P" + std::to_string(i);
    p.coordinator = CoordinatorIndex(rng->Below(3));
    p.home = random_place();
    p.german = static_cast<CefrLevel>(rng->Below(kNumCefrLevels));
    const int32_t n_occ = rng->Below(3);
    for (int32_t k = 0; k < n_occ; ++k) {
      const OccupationRef o = RandomOccupation(rng, ref);
      if (o.valid()) p.occupations.push_back(o);
    }
    p.skills = RandomSkills(rng, skills, 4);
    p.qualification = static_cast<Qualification>(rng->Below(3));
    p.qualification_recognised = rng->Chance(0.5);
    p.goal = static_cast<Goal>(rng->Below(3));
    p.hours_per_week = rng->Chance(0.1) ? 0.0 : 15.0 + rng->Below(26);
    p.driving_licence = rng->Chance(0.4);
    p.car = p.driving_licence && rng->Chance(0.6);
    p.max_commute_minutes = rng->Chance(0.5) ? 0 : 20 + rng->Below(70);
    p.work_permitted = rng->Chance(0.93);
    d.participants.push_back(p);
  }
  for (int32_t i = 0; i < vacancies; ++i) {
    Vacancy v;
    v.id = "V" + std::to_string(i);
    v.employer = EmployerIndex(rng->Below(12));
    v.occupation = RandomOccupation(rng, ref);
    v.essential_skills = RandomSkills(rng, skills, 3);
    v.optional_skills = RandomSkills(rng, skills, 3);
    v.min_german = static_cast<CefrLevel>(rng->Below(6));
    v.place = random_place();
    v.kind = static_cast<VacancyKind>(rng->Below(3));
    v.hours_per_week = rng->Chance(0.15) ? 0.0 : 10.0 + rng->Below(31);
    v.openings = 1 + rng->Below(3);
    v.driving_licence_required = rng->Chance(0.2);
    if (rng->Chance(0.7)) v.start_date = Date{run.days + rng->Below(300) - 20};
    if (rng->Chance(0.5)) v.expires = Date{run.days + rng->Below(200) - 30};
    d.vacancies.push_back(v);
  }
  for (int c = 0; c < 6; ++c) {
    Course course;
    course.id = "C" + std::to_string(c);
    // Every kind: 60 % language of unstated kind, then integration,
    // job-related German and vocational courses.
    constexpr CourseKind kKinds[] = {CourseKind::kLanguage,
                                     CourseKind::kLanguage,
                                     CourseKind::kLanguage,
                                     CourseKind::kIntegration,
                                     CourseKind::kJobGerman};
    course.kind = rng->Chance(0.8) ? kKinds[rng->Below(5)] : CourseKind::kVocational;
    course.target_level = static_cast<CefrLevel>(2 + rng->Below(3));
    course.place = random_place();
    if (rng->Chance(0.8)) course.start_date = Date{run.days + rng->Below(120) - 20};
    course.weeks = 4 + rng->Below(30);
    if (rng->Chance(0.3)) course.lessons_per_week = 10 + rng->Below(30);
    d.courses.push_back(course);
  }
  for (int h = 0; h < participants / 2 && vacancies > 0; ++h) {
    Outcome o;
    o.participant = ParticipantIndex(rng->Below(participants));
    o.vacancy = VacancyIndex(rng->Below(vacancies));
    o.kind = rng->Chance(0.6) ? OutcomeKind::kRejected : OutcomeKind::kProposed;
    d.history.push_back(o);
  }
  return d;
}

}  // namespace jobmatch::fixtures

#endif  // JOBMATCH_TESTS_ENGINE_SCORING_FIXTURES_H_

// synth/synthetic.cc: GenerateSynthetic(), the steps listed in
// synth/synthetic.h in order. Everything is serial and drawn from
// internal::Rng streams (one per record kind), so the output depends only on
// the reference data and the options.

#include "synth/synthetic.h"

#include <string>
#include <vector>

#include "engine/internal/random.h"
#include "synth/anchors.h"
#include "synth/catalogue.h"
#include "synth/district_plan.h"
#include "synth/record_makers.h"

namespace jobmatch {
namespace {

// Streams of the generator: one per record kind.
enum Stream : uint64_t { kCoordinators = 1, kParticipants, kEmployers, kCourses };

}  // namespace

Result<Dataset> GenerateSynthetic(const ReferenceData& reference, const SyntheticOptions& options) {
  using internal::Rng;
  Result<std::vector<std::string>> keys = synth::ChooseDistricts(reference, options);
  if (!keys.ok()) return keys.error();
  Result<synth::Sizes> sizes = synth::ChooseSizes(options, keys.value().size());
  if (!sizes.ok()) return sizes.error();
  Result<synth::Figures> figures = synth::ReadFigures(reference);
  if (!figures.ok()) return figures.error();
  Result<synth::Catalogue> catalogue = synth::BuildCatalogue(reference, figures.value());
  if (!catalogue.ok()) return catalogue.error();
  Result<std::vector<synth::DistrictPlan>> planned =
      synth::PlanDistricts(reference, keys.value(), figures.value(), sizes.value());
  if (!planned.ok()) return planned.error();
  std::vector<synth::DistrictPlan>& plans = planned.value();

  Dataset dataset;
  dataset.coordinators.reserve(static_cast<size_t>(sizes.value().coordinators));
  dataset.participants.reserve(static_cast<size_t>(sizes.value().participants));
  dataset.vacancies.reserve(static_cast<size_t>(sizes.value().vacancies));

  Rng coordinator_rng(options.seed, kCoordinators);
  synth::AddCoordinators(reference, plans, coordinator_rng, dataset);
  Rng participant_rng(options.seed, kParticipants);
  synth::AddParticipants(reference,
                         figures.value(),
                         catalogue.value(),
                         options.today,
                         plans,
                         participant_rng,
                         dataset);
  Rng employer_rng(options.seed, kEmployers);
  synth::AddEmployersAndVacancies(
      reference, figures.value(), catalogue.value(), options.today, plans, employer_rng, dataset);
  Rng course_rng(options.seed, kCourses);
  synth::AddCourses(
      reference, plans, options.courses_per_district, options.today, course_rng, dataset);
  return dataset;
}

}  // namespace jobmatch

// jobmatch generate: writes a realistic synthetic dataset built from the real
// reference data and published figures (synth/synthetic.h).

#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "loaders/dataset_writer.h"
#include "loaders/reference_loader.h"
#include "synth/synthetic.h"

namespace jobmatch::cli {

int RunGenerate(const GenerateArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  SyntheticOptions options;
  options.tier = args.tier == "state"      ? Tier::kState
                 : args.tier == "national" ? Tier::kNational
                                           : Tier::kDistrict;
  options.seed = args.seed;
  options.district_keys = args.districts;
  options.participants = args.participants;
  options.vacancies = args.vacancies;
  options.coordinators = args.coordinators;
  if (!args.today.empty()) {
    const std::optional<Date> today = ParseDate(args.today);
    if (!today) {
      return ReportError(
          "bad arguments",
          MakeError(
              ErrorKind::kUsage, "", 0, "--today", args.today, "expected a date like 2025-11-22"));
    }
    options.today = *today;
  }
  const std::filesystem::path refdata =
      args.common.refdata.empty() ? DefaultReferenceDir() : args.common.refdata;
  Result<ReferenceData> reference = LoadReferenceData(refdata);
  if (!reference.ok()) return ReportError("cannot load reference data", reference.error());
  Result<Dataset> dataset = GenerateSynthetic(reference.value(), options);
  if (!dataset.ok()) return ReportError("cannot generate", dataset.error());

  std::optional<Error> error;
  if (args.format == "csv") {
    error = WriteCsvDataset(dataset.value(), reference.value(), args.out);
  } else {
    error = WriteProtoDataset(dataset.value(), reference.value(), args.out, args.format == "txtpb");
  }
  if (error) return ReportError("cannot write the dataset", *error);
  const Dataset& d = dataset.value();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "generated " << args.tier << " tier (seed " << args.seed
            << "): " << d.participants.size() << " participants, " << d.vacancies.size()
            << " vacancies, " << d.employers.size() << " employers, " << d.coordinators.size()
            << " coordinators, " << d.courses.size() << " courses -> " << args.out.string() << " ("
            << seconds << " s)\n";
  return 0;
}

}  // namespace jobmatch::cli

#include "cli/pipeline.h"

#include <iostream>
#include <utility>

#include "cli/exit_codes.h"
#include "loaders/load_dataset.h"
#include "loaders/reference_loader.h"

namespace jobmatch::cli {

int ReportError(const char* what, const Error& error) {
  std::cerr << "jobmatch: " << what << ":\n" << error.ToString();
  std::cerr.flush();
  return ExitCodeFor(error.kind);
}

std::optional<LoadedInputs> LoadInputs(const CommonArgs& common,
                                       const std::optional<std::filesystem::path>& config,
                                       const std::filesystem::path& data,
                                       int* exit_code) {
  LoadedInputs inputs;
  if (config) {
    Result<EngineConfig> loaded = LoadConfig(*config);
    if (!loaded.ok()) {
      *exit_code = ReportError("invalid config", loaded.error());
      return std::nullopt;
    }
    inputs.config = std::move(loaded).value();
  }
  const std::filesystem::path refdata =
      common.refdata.empty() ? DefaultReferenceDir() : common.refdata;
  Result<ReferenceData> reference = LoadReferenceData(refdata);
  if (!reference.ok()) {
    *exit_code = ReportError("cannot load reference data", reference.error());
    return std::nullopt;
  }
  inputs.reference = std::move(reference).value();
  Result<Dataset> dataset = LoadDataset(data, inputs.reference, inputs.config.loader);
  if (!dataset.ok()) {
    *exit_code = ReportError("invalid dataset", dataset.error());
    return std::nullopt;
  }
  inputs.dataset = std::move(dataset).value();
  return inputs;
}

}  // namespace jobmatch::cli

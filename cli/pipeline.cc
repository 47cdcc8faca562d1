#include "cli/pipeline.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <system_error>
#include <utility>

#include "cli/exit_codes.h"
#include "loaders/load_dataset.h"
#include "loaders/reference_loader.h"

namespace jobmatch::cli {

std::optional<Date> RunDateFromFlag(const std::string& date, int* exit_code) {
  if (date.empty()) {
    return Date{static_cast<int32_t>(std::chrono::duration_cast<std::chrono::days>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count())};
  }
  const std::optional<Date> parsed = ParseDate(date);
  if (!parsed) {
    *exit_code = ReportError(
        "bad arguments",
        MakeError(ErrorKind::kUsage, "", 0, "--date", date, "expected a date like 2025-11-22"));
  }
  return parsed;
}

std::optional<store::RunStore> OpenExistingStore(const std::filesystem::path& path,
                                                 int* exit_code) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    *exit_code = ReportError(
        "cannot read the run store",
        MakeError(ErrorKind::kMissingInput, path.string(), 0, "", "", "a run store file"));
    return std::nullopt;
  }
  Result<store::RunStore> opened = store::RunStore::Open(path);
  if (!opened.ok()) {
    *exit_code = ReportError("cannot use the run store", opened.error());
    return std::nullopt;
  }
  return std::move(opened).value();
}

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
  inputs.config.loader.num_threads = common.threads;
  Result<Dataset> dataset = LoadDataset(data, inputs.reference, inputs.config.loader);
  if (!dataset.ok()) {
    *exit_code = ReportError("invalid dataset", dataset.error());
    return std::nullopt;
  }
  inputs.dataset = std::move(dataset).value();
  return inputs;
}

}  // namespace jobmatch::cli

#include "loaders/load_dataset.h"

#include <string>
#include <system_error>

#include "loaders/boundary.h"
#include "loaders/csv_loader.h"
#include "loaders/proto_loader.h"
#include "loaders/text_encoding.h"

namespace jobmatch {
namespace {

Result<Dataset> Dispatch(const std::filesystem::path& path,
                         const ReferenceData& reference,
                         const LoaderOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return LoadCsvDataset(path, reference, options);
  if (!std::filesystem::exists(path, ec)) {
    return MakeError(
        ErrorKind::kMissingInput, path.string(), 0, "", "", "no such dataset folder or file");
  }
  const std::string extension = FoldName(path.extension().string());
  if (extension == ".pb" || extension == ".binpb") {
    return LoadProtoDataset(path, reference, options, /*text_format=*/false);
  }
  if (extension == ".txtpb" || extension == ".textproto") {
    return LoadProtoDataset(path, reference, options, /*text_format=*/true);
  }
  return MakeError(ErrorKind::kBadData,
                   path.string(),
                   0,
                   "",
                   "",
                   "a dataset folder of CSV files, or a protobuf file ending in .pb, .binpb, "
                   ".txtpb or .textproto");
}

}  // namespace

Result<Dataset> LoadDataset(const std::filesystem::path& path,
                            const ReferenceData& reference,
                            const LoaderOptions& options) {
  return CatchAtBoundary<Dataset>(
      path.string(), "loading the dataset", [&] { return Dispatch(path, reference, options); });
}

}  // namespace jobmatch

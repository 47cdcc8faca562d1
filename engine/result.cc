#include "engine/result.h"

#include <string>
#include <string_view>

namespace jobmatch {

std::string Diagnostic::ToString() const {
  std::string out;
  out.append(file.empty() ? std::string_view("<input>") : std::string_view(file));
  if (line > 0) out.append(":").append(std::to_string(line));
  out.append(":");
  if (!field.empty()) {
    out.append(" field '").append(field).append("' = '").append(value).append("':");
  } else if (!value.empty()) {
    out.append(" '").append(value).append("':");
  }
  out.append(" ").append(message);
  return out;
}

std::string Error::ToString() const {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += d.ToString() + "\n";
  if (suppressed > 0) {
    out += "... and " + std::to_string(suppressed) + " more problem" +
           (suppressed == 1 ? "" : "s") + "\n";
  }
  return out;
}

Error MakeError(ErrorKind kind,
                std::string file,
                int64_t line,
                std::string field,
                std::string value,
                std::string message) {
  Error error;
  error.kind = kind;
  error.diagnostics.push_back(
      Diagnostic{std::move(file), line, std::move(field), std::move(value), std::move(message)});
  return error;
}

}  // namespace jobmatch

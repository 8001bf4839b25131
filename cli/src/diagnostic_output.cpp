#include "diagnostic_output.h"

#include <algorithm>

namespace bpmn::cli {

nlohmann::json toJson(const Diagnostic& diagnostic) {
  return nlohmann::json{
      {"file", diagnostic.file},        {"line", diagnostic.line},
      {"column", diagnostic.column},    {"element", diagnostic.elementId},
      {"type", diagnostic.elementType}, {"severity", severityName(diagnostic.severity)},
      {"message", diagnostic.message},
  };
}

std::string countSummary(const std::vector<Diagnostic>& diagnostics) {
  const auto errors = std::count_if(diagnostics.begin(), diagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::kError; });
  const auto warnings = static_cast<long>(diagnostics.size()) - errors;
  auto plural = [](long n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
  return plural(errors, "error") + ", " + plural(warnings, "warning");
}

}  // namespace bpmn::cli

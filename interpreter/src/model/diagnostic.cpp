#include "bpmn/diagnostic.h"

#include <algorithm>

namespace bpmn {

std::string Diagnostic::render() const {
  std::string text = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  if (!elementType.empty()) {
    text += "<" + elementType;
    if (!elementId.empty()) text += " id=\"" + elementId + "\"";
    text += ">: ";
  }
  if (severity == Severity::kWarning) text += "warning: ";
  return text + message;
}

const char* severityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
  }
  return "error";
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace bpmn

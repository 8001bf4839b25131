#include "bpmn/diagnostic.h"

#include <algorithm>

#include "bpmn/text.h"

namespace bpmn {

// One line whatever the file held: values echoed from it (ids, names,
// expressions) have their control characters escaped, so a value cannot
// end the line and forge a diagnostic of its own.
std::string Diagnostic::render() const {
  std::string text = text::printable(file) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  if (!elementType.empty()) {
    text += "<" + text::printable(elementType);
    if (!elementId.empty()) text += " id=\"" + text::printable(elementId) + "\"";
    text += ">: ";
  }
  if (severity == Severity::kWarning) text += "warning: ";
  return text + text::printable(message);
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

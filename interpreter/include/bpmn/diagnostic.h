// Diagnostic: one finding about a BPMN file, from the reader or the validator.
//
// Rendered as `file:line:col: <elementType id="...">: message`, the one format
// every tool of the project prints (warnings carry "warning: " at the start of
// the message). Plain value type; safe to copy between threads.
#pragma once

#include <string>
#include <vector>

namespace bpmn {

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  int line = 0;             // 1-based; 0 when the finding concerns the whole file
  int column = 0;           // 1-based, in characters (not bytes)
  std::string elementType;  // local name, e.g. "exclusiveGateway"; may be empty
  std::string elementId;    // may be empty
  std::string message;

  // `file:line:col: <elementType id="...">: message`; the element part is
  // left out when elementType is empty, the id part when elementId is empty.
  std::string render() const;

  bool operator==(const Diagnostic&) const = default;
};

const char* severityName(Severity severity);

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace bpmn

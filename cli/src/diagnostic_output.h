// How verbs print diagnostics: the one-line text form (Diagnostic::render)
// or JSON objects {file, line, column, element, type, severity, message}.
// Thread-safe (pure functions).
#pragma once

#include <nlohmann/json.hpp>

#include "bpmn/diagnostic.h"

namespace bpmn::cli {

nlohmann::json toJson(const Diagnostic& diagnostic);

// "2 errors, 1 warning": counts for a summary line.
std::string countSummary(const std::vector<Diagnostic>& diagnostics);

}  // namespace bpmn::cli

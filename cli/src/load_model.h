// Reading a .bpmn file from disk for a verb: the bytes, the model, and what
// the reader said. Thread-safe (no shared state).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpmn/diagnostic.h"
#include "bpmn/model/definitions.h"

namespace bpmn::cli {

struct LoadedModel {
  std::optional<model::Definitions> definitions;  // empty: unusable input
  std::vector<Diagnostic> diagnostics;
};

// A file that cannot be read yields no model and one diagnostic naming the
// file and the operating system's reason (line 0).
LoadedModel loadModel(const std::string& path);

}  // namespace bpmn::cli

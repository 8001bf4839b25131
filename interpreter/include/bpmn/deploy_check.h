// What `bpmn validate` and the modeler's checks report for a model that is
// meant to run: the validator's rules, and what deploy would still refuse.
// Implemented with the engine's compiler (runtime/engine.cpp). Pure;
// thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "bpmn/diagnostic.h"
#include "bpmn/model/definitions.h"
#include "bpmn/validator.h"

namespace bpmn {

// The validator's findings (validate()) and, with the execution rules on
// a model they find no error in, what deploy checks beyond them: each
// executable process compiled (FEEL expressions and scripts, timers,
// correlation keys). In source order. Without errors here, deploy takes
// the file.
std::vector<Diagnostic> validateForDeploy(const model::Definitions& definitions, std::string_view fileName,
                                          const ValidationOptions& options = {});

}  // namespace bpmn

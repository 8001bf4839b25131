// Validation rules over a parsed model: broken references, flows that cross
// scopes, misplaced start/end flows, gateway wiring, missing conditions,
// unreachable and dead-end nodes, duplicate ids, and executable constructs
// the engine does not run. Errors block a deploy; warnings do not. Execution
// rules apply to executable processes only (isExecutable is not "false");
// reference rules apply to everything. Pure function; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "bpmn/diagnostic.h"
#include "bpmn/model/definitions.h"

namespace bpmn {

struct ValidationOptions {
  // The rules that only matter for running a process (conditions on splits,
  // supported constructs, reachability). Off: check a model meant as
  // documentation for what makes it wrong on paper only.
  bool executionRules = true;
};

std::vector<Diagnostic> validate(const model::Definitions& definitions, std::string_view fileName,
                                 const ValidationOptions& options = {});

}  // namespace bpmn

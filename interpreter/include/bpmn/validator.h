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

std::vector<Diagnostic> validate(const model::Definitions& definitions,
                                 std::string_view fileName);

}  // namespace bpmn

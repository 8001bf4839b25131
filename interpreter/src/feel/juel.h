// Camunda 7 / Flowable conditions: the common subset of JUEL (`${...}` or
// `#{...}`) translated into the FEEL syntax tree, so one evaluator runs both.
// Supported: && || ! and or not, == != < <= > >= eq ne lt gt le ge,
// + - * / % div mod, empty, dotted access, string, number, boolean and null
// literals, parentheses. Anything else (method calls, the ?: operator,
// indexing, assignments, lambdas) is rejected with a message that names it.
// Pure function; thread-safe.
#pragma once

#include <string_view>

#include "bpmn/status.h"
#include "feel/ast.h"

namespace bpmn::feel {

// Whether the text is a JUEL expression: `${...}` or `#{...}` around it.
bool isJuel(std::string_view text);

// "JUEL ... at column N: ..." errors; the column counts from the `$`.
Result<NodePtr> translateJuel(std::string_view text);

}  // namespace bpmn::feel

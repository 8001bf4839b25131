// The FEEL parser: tokens -> syntax tree, by recursive descent over the DMN
// 1.4 grammar (§10.3.1.2). Names with spaces ("string length", "date and
// time") are recognised when they are built-in function names or names the
// caller declares. Errors read "FEEL syntax error at column N: expected ...,
// found ...". Pure function; thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "bpmn/status.h"
#include "feel/ast.h"

namespace bpmn::feel {

// `knownNames`: multi-word variable names to recognise besides the built-ins.
Result<NodePtr> parseExpression(std::string_view text, const std::set<std::string, std::less<>>& knownNames = {});

// The same for a list of unary tests, as a decision table cell holds them
// ("< 10, > 20", "-", "not(1, 2)"): an kIn node whose first child is a
// kName "?" placeholder.
Result<NodePtr> parseUnaryTests(std::string_view text, const std::set<std::string, std::less<>>& knownNames = {});

}  // namespace bpmn::feel

// bpmn eval EXPR [--variables JSON|@file|@-]
#include <ostream>

#include "arguments.h"
#include "bpmn/expression.h"
#include "bpmn/feel/json.h"
#include "commands.h"

namespace bpmn::cli {

int runEval(const EvalOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  auto text = argumentText(options.variables, in, err);
  if (!text) return kExitUnusable;
  const auto variables = feel::parseJsonObject(*text);
  if (!variables.isOk()) {
    err << "--variables: " << variables.status().message() << "\n";
    return kExitUnusable;
  }

  auto expression = FeelExpression::compileCondition(options.expression);
  if (!expression.isOk()) {
    err << options.expression << ": " << expression.status().message() << "\n";
    return kExitErrors;
  }
  auto result = expression.value().evaluate(variables.value());
  if (!result.isOk()) {
    err << options.expression << ": " << result.status().message() << "\n";
    return kExitErrors;
  }
  out << feel::toJson(result.value(), 2) << "\n";
  return kExitOk;
}

}  // namespace bpmn::cli

// bpmn eval EXPR [--variables JSON|@file|@-]
#include <fstream>
#include <iostream>
#include <iterator>
#include <ostream>

#include "bpmn/expression.h"
#include "bpmn/feel/json.h"
#include "commands.h"

namespace bpmn::cli {
namespace {

// The variables argument: JSON text, @path for a file, @- for standard input.
std::optional<std::string> variablesText(const std::string& argument, std::istream& in, std::ostream& err) {
  if (argument.empty()) return "{}";
  if (argument == "@-") return std::string(std::istreambuf_iterator<char>(in), {});
  if (argument.starts_with("@")) {
    std::ifstream file(argument.substr(1), std::ios::binary);
    if (!file) {
      err << argument.substr(1) << ": cannot open\n";
      return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(file), {});
  }
  return argument;
}

}  // namespace

int runEval(const EvalOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  auto text = variablesText(options.variables, in, err);
  if (!text) return kExitUnusable;
  const auto variables = feel::fromJson(*text);
  if (!variables || !variables->context()) {
    err << "--variables: not a JSON object\n";
    return kExitUnusable;
  }

  auto expression = FeelExpression::compileCondition(options.expression);
  if (!expression.isOk()) {
    err << options.expression << ": " << expression.status().message() << "\n";
    return kExitErrors;
  }
  auto result = expression.value().evaluate(*variables->context());
  if (!result.isOk()) {
    err << options.expression << ": " << result.status().message() << "\n";
    return kExitErrors;
  }
  out << feel::toJson(result.value(), 2) << "\n";
  return kExitOk;
}

}  // namespace bpmn::cli

// bpmn eval EXPR [--variables JSON|@file|@-]
#include <fstream>
#include <iostream>
#include <iterator>
#include <ostream>

#include "bpmn/expression.h"
#include "commands.h"
#include "value_json.h"

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
  nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    err << "--variables: not a JSON object\n";
    return kExitUnusable;
  }
  const feel::Value variables = fromJson(json);

  auto expression = FeelExpression::compileCondition(options.expression);
  if (!expression.isOk()) {
    err << options.expression << ": " << expression.status().message() << "\n";
    return kExitErrors;
  }
  auto result = expression.value().evaluate(*variables.context());
  if (!result.isOk()) {
    err << options.expression << ": " << result.status().message() << "\n";
    return kExitErrors;
  }
  out << toJsonText(result.value(), 2) << "\n";
  return kExitOk;
}

}  // namespace bpmn::cli

#include "arguments.h"

#include <ostream>

#include "bpmn/feel/json.h"
#include "bpmn/parser.h"

namespace bpmn::cli {

std::optional<std::string> argumentText(const std::string& argument, std::istream& in, std::ostream& err) {
  if (argument.empty()) return "{}";
  Result<std::string> text = argument == "@-"            ? readStream(in, "standard input")
                             : argument.starts_with("@") ? readFile(argument.substr(1))
                                                         : Result<std::string>(argument);
  if (!text.isOk()) {
    err << text.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(text).value();
}

Result<feel::Context> jsonObject(std::string_view text) {
  auto value = feel::parseJson(text);
  if (!value.isOk()) return value.status();
  if (!value.value().context()) {
    const char* kind = value.value().list()     ? "a JSON array"
                       : value.value().string() ? "a JSON string"
                                                : "a single JSON value";
    return Status::invalidArgument(std::string(kind) + ", not a JSON object");
  }
  return *value.value().context();
}

}  // namespace bpmn::cli

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

}  // namespace bpmn::cli

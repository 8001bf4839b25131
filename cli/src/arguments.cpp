#include "arguments.h"

#include <fstream>
#include <iterator>
#include <ostream>

namespace bpmn::cli {

std::optional<std::string> argumentText(const std::string& argument, std::istream& in, std::ostream& err) {
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

}  // namespace bpmn::cli

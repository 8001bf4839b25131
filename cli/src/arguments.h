// Reading a verb's JSON argument: inline text, "@path" for a file, "@-" for
// standard input (feel::parseJsonObject reads it). Thread-safe (no shared state).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "bpmn/feel/value.h"
#include "bpmn/status.h"

namespace bpmn::cli {

// The text behind the argument ("{}" when empty); a file that cannot be
// opened is reported on `err` and gives nothing.
std::optional<std::string> argumentText(const std::string& argument, std::istream& in, std::ostream& err);

}  // namespace bpmn::cli

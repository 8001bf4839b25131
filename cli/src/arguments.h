// Reading a verb's JSON argument: inline text, "@path" for a file, "@-" for
// standard input. Thread-safe (no shared state).
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

// The variables a JSON object gives; otherwise why it gives none ("not JSON:
// line 1, column 7: ...", "a JSON array, not an object").
Result<feel::Context> jsonObject(std::string_view text);

}  // namespace bpmn::cli

// FEEL values to JSON and back: for `bpmn eval`, for process variables, and
// for FEEL's own `to json` / `from json`. Numbers are written exactly (all 34
// digits); temporal values become {"@type": "date", "value": "2024-02-29"}
// (likewise "time", "date and time", "days and time duration",
// "years and months duration"); ranges {"@type": "range", "start", "end",
// "startIncluded", "endIncluded"}; functions {"@type": "function"}.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bpmn/feel/value.h"
#include "bpmn/status.h"

namespace bpmn::feel {

// `indent` > 0 pretty-prints with that many spaces per level.
std::string toJson(const Value& value, int indent = 0);
// JSON objects become contexts, arrays lists; numbers keep the digits the
// text gave them. Not JSON (or nested deeper than limits::kValueNesting):
// an error naming the line, column and cause.
Result<Value> parseJson(std::string_view text);
// A JSON object (variables, a job's result): anything else is an error
// saying what it is ("a JSON array, not a JSON object").
Result<Context> parseJsonObject(std::string_view text);
// The same, empty on any error (FEEL's `from json` gives null).
std::optional<Value> fromJson(std::string_view text);

}  // namespace bpmn::feel

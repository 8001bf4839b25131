// FEEL values to JSON and back, for `bpmn eval` and, later, variables on the
// command line. Numbers are written exactly (all 34 digits); temporal values
// become {"@type": "date", "value": "2024-02-29"} (likewise "time",
// "date and time", "days and time duration", "years and months duration");
// ranges {"@type": "range", "start", "end", "startIncluded", "endIncluded"};
// functions {"@type": "function"}. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "bpmn/feel/value.h"

namespace bpmn::cli {

std::string toJsonText(const feel::Value& value, int indent = 0);
// JSON objects become contexts, arrays lists; numbers keep the digits JSON
// gave them.
feel::Value fromJson(const nlohmann::json& json);

}  // namespace bpmn::cli

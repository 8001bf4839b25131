// The stored form of FEEL values: JSON text that reads back to an equal
// value of the same kind. JSON's own kinds are written as JSON (numbers
// with all their digits); temporal values and ranges become
// {"@feel": "<FEEL literal>"} (date("2024-02-29"), [1..10)); a context
// whose keys start with "@" is wrapped as {"@context": {...}} so it never
// reads back as one of those. Functions cannot be stored and read back as
// null. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bpmn/feel/value.h"

namespace bpmn::storage {

std::string encodeValue(const feel::Value& value);
// Empty when the text is not a stored value (a damaged row).
std::optional<feel::Value> decodeValue(std::string_view text);

std::string encodeContext(const feel::Context& context);
std::optional<feel::Context> decodeContext(std::string_view text);

}  // namespace bpmn::storage

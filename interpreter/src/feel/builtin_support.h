// Small helpers the built-in families share: typed argument access and
// UTF-8 code point handling (FEEL counts characters, not bytes).
#pragma once

#include <string>
#include <string_view>

#include "bpmn/feel/value.h"

namespace bpmn::feel::support {

inline const Decimal* number(const std::vector<Value>& arguments, std::size_t i) {
  return i < arguments.size() ? arguments[i].number() : nullptr;
}
inline const std::string* string(const std::vector<Value>& arguments, std::size_t i) {
  return i < arguments.size() ? arguments[i].string() : nullptr;
}
inline const List* list(const std::vector<Value>& arguments, std::size_t i) {
  return i < arguments.size() ? arguments[i].list() : nullptr;
}
// An integer argument that fits; empty otherwise.
inline std::optional<std::int64_t> integer(const std::vector<Value>& arguments, std::size_t i) {
  const Decimal* value = number(arguments, i);
  if (value == nullptr) return std::nullopt;
  return value->toInt64();
}

std::u32string toCodePoints(std::string_view text);
std::string fromCodePoints(std::u32string_view text);

}  // namespace bpmn::feel::support

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
// An integer argument that fits, truncating a fraction (DMN 1.4 TCK: a
// position of 3.8 is 3); empty otherwise.
inline std::optional<std::int64_t> integer(const std::vector<Value>& arguments, std::size_t i) {
  const Decimal* value = number(arguments, i);
  if (value == nullptr) return std::nullopt;
  return value->rounded(0, Decimal::Rounding::kDown).toInt64();
}

// A list argument, or a single non-null value as a one-element list (FEEL
// lets a function that takes a list be given one item).
inline std::optional<List> listOrSingleton(const std::vector<Value>& arguments, std::size_t i) {
  if (i >= arguments.size() || arguments[i].isNull()) return std::nullopt;
  if (const List* items = arguments[i].list()) return *items;
  return List{arguments[i]};
}

std::u32string toCodePoints(std::string_view text);
std::string fromCodePoints(std::u32string_view text);

}  // namespace bpmn::feel::support

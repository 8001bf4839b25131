// String functions (DMN 1.4 §10.3.4.3) and Camunda's trim and extract.
// Positions and lengths count characters (code points), not bytes. Patterns
// are XML Schema regular expressions (feel/regex.h: linear time on RE2).
#include <algorithm>
#include <cstdio>

#include "feel/builtin_support.h"
#include "feel/builtins.h"
#include "feel/evaluator.h"
#include "feel/regex.h"

namespace bpmn::feel {

using support::fromCodePoints;
using support::integer;
using support::string;
using support::toCodePoints;

namespace {

Value substring(const std::vector<Value>& a, bool withLength) {
  const std::string* text = string(a, 0);
  auto start = integer(a, 1);
  if (!text || !start) return {};
  const std::u32string chars = toCodePoints(*text);
  const auto size = static_cast<std::int64_t>(chars.size());
  std::int64_t from = *start > 0 ? *start - 1 : size + *start;
  if (*start == 0 || from < 0 || from > size) return {};
  std::int64_t length = size - from;
  if (withLength) {
    auto requested = integer(a, 2);
    if (!requested || *requested < 0) return {};
    length = std::min(length, *requested);
  }
  return fromCodePoints(
      std::u32string_view(chars).substr(static_cast<std::size_t>(from), static_cast<std::size_t>(length)));
}

}  // namespace

void registerStringFunctions(BuiltinTable& table) {
  addBuiltin(table, "substring", {"string", "start position"}, [](const auto& a) { return substring(a, false); });
  addBuiltin(table, "substring", {"string", "start position", "length"},
             [](const auto& a) { return substring(a, true); });
  addBuiltin(table, "string length", {"string"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    if (!text) return {};
    return Decimal(static_cast<std::int64_t>(toCodePoints(*text).size()));
  });
  addBuiltin(table, "upper case", {"string"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    if (!text) return {};
    std::string result = *text;
    std::transform(result.begin(), result.end(), result.begin(), [](unsigned char c) { return std::toupper(c); });
    return result;
  });
  addBuiltin(table, "lower case", {"string"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    if (!text) return {};
    std::string result = *text;
    std::transform(result.begin(), result.end(), result.begin(), [](unsigned char c) { return std::tolower(c); });
    return result;
  });
  addBuiltin(table, "substring before", {"string", "match"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    const std::string* match = string(a, 1);
    if (!text || !match) return {};
    const auto at = text->find(*match);
    return at == std::string::npos ? std::string() : text->substr(0, at);
  });
  addBuiltin(table, "substring after", {"string", "match"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    const std::string* match = string(a, 1);
    if (!text || !match) return {};
    const auto at = text->find(*match);
    return at == std::string::npos ? std::string() : text->substr(at + match->size());
  });
  addBuiltin(table, "contains", {"string", "match"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    const std::string* match = string(a, 1);
    if (!text || !match) return {};
    return text->find(*match) != std::string::npos;
  });
  addBuiltin(table, "starts with", {"string", "match"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    const std::string* match = string(a, 1);
    if (!text || !match) return {};
    return text->starts_with(*match);
  });
  addBuiltin(table, "ends with", {"string", "match"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    const std::string* match = string(a, 1);
    if (!text || !match) return {};
    return text->ends_with(*match);
  });
  for (bool withFlags : {false, true}) {
    std::vector<std::string> matchParameters{"input", "pattern"};
    std::vector<std::string> replaceParameters{"input", "pattern", "replacement"};
    if (withFlags) {
      matchParameters.push_back("flags");
      replaceParameters.push_back("flags");
    }
    addBuiltin(table, "matches", matchParameters, [withFlags](const std::vector<Value>& a) -> Value {
      const std::string* input = string(a, 0);
      const std::string* pattern = string(a, 1);
      const std::string* flags = withFlags ? string(a, 2) : nullptr;
      if (!input || !pattern || (withFlags && !flags && !a[2].isNull())) return {};
      auto regex = XPathRegex::compile(*pattern, flags ? *flags : "");
      if (!regex) return {};
      return regex->search(*input);
    });
    addBuiltin(table, "replace", replaceParameters, [withFlags](const std::vector<Value>& a) -> Value {
      const std::string* input = string(a, 0);
      const std::string* pattern = string(a, 1);
      const std::string* replacement = string(a, 2);
      const std::string* flags = withFlags ? string(a, 3) : nullptr;
      if (!input || !pattern || !replacement || (withFlags && !flags)) return {};
      auto regex = XPathRegex::compile(*pattern, flags ? *flags : "");
      if (!regex) return {};
      auto replaced = regex->replace(*input, *replacement);
      if (!replaced) return {};
      return std::move(*replaced);
    });
  }
  addBuiltin(table, "split", {"string", "delimiter"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    const std::string* delimiter = string(a, 1);
    if (!text || !delimiter) return {};
    auto regex = XPathRegex::compile(*delimiter, "");
    if (!regex) return {};
    auto split = regex->split(*text);
    if (!split) return {};
    List parts;
    for (auto& part : *split) parts.emplace_back(std::move(part));
    return parts;
  });
  for (bool withDelimiter : {false, true}) {
    std::vector<std::string> parameters{"list"};
    if (withDelimiter) parameters.push_back("delimiter");
    addBuiltin(table, "string join", parameters, [withDelimiter](const std::vector<Value>& a) -> Value {
      const auto list = support::listOrSingleton(a, 0);
      const List* items = list ? &*list : nullptr;
      const std::string* delimiter = withDelimiter ? string(a, 1) : nullptr;
      if (!items || (withDelimiter && !delimiter && !a[1].isNull())) return {};
      std::string result;
      bool first = true;
      for (const auto& item : *items) {
        if (item.isNull()) continue;
        if (!item.string()) return {};
        if (!first && delimiter) result += *delimiter;
        result += *item.string();
        first = false;
      }
      return result;
    });
  }
  // Camunda's uuid(): a random (version 4) UUID.
  addBuiltin(table, "uuid", {}, [](const std::vector<Value>&) -> Value {
    std::uint64_t high = currentRandomBits();
    std::uint64_t low = currentRandomBits();
    high = (high & ~std::uint64_t{0xF000}) | 0x4000;                         // version 4
    low = (low & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{0x8} << 60);  // RFC 4122 variant
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                  static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return std::string(text);
  });
  addBuiltin(table, "trim", {"string"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    if (!text) return {};
    const auto begin = text->find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return std::string();
    return text->substr(begin, text->find_last_not_of(" \t\r\n") - begin + 1);
  });
  addBuiltin(table, "extract", {"string", "pattern"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    const std::string* pattern = string(a, 1);
    if (!text || !pattern) return {};
    auto regex = XPathRegex::compile(*pattern, "");
    if (!regex) return {};
    List found;
    for (auto& match : regex->matches(*text)) found.emplace_back(std::move(match));
    return found;
  });
}

}  // namespace bpmn::feel

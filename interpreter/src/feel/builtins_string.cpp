// String functions (DMN 1.4 §10.3.4.3) and Camunda's trim and extract.
// Positions and lengths count characters (code points), not bytes. Patterns
// are XML Schema regular expressions, run with std::regex's ECMAScript
// grammar, which agrees on the common subset.
#include <algorithm>
#include <cstdio>
#include <regex>

#include "feel/builtin_support.h"
#include "feel/builtins.h"
#include "feel/evaluator.h"

namespace bpmn::feel {

using support::fromCodePoints;
using support::integer;
using support::string;
using support::toCodePoints;

namespace {

std::optional<std::regex> compile(const std::string& pattern, const std::string& flags) {
  auto options = std::regex::ECMAScript;
  std::string effective = pattern;
  for (char flag : flags) {
    if (flag == 'i') {
      options |= std::regex::icase;
    } else if (flag == 'x') {
      effective.erase(std::remove_if(effective.begin(), effective.end(),
                                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
                      effective.end());
    } else if (flag != 's' && flag != 'm' && flag != 'q') {
      return std::nullopt;
    }
  }
  if (flags.find('q') != std::string::npos) {
    std::string quoted;
    for (char c : pattern) {
      if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) quoted += '\\';
      quoted += c;
    }
    effective = quoted;
  }
  try {
    return std::regex(
        effective, options | (flags.find('m') != std::string::npos ? std::regex::multiline : std::regex::ECMAScript));
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

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
      auto regex = compile(*pattern, flags ? *flags : "");
      if (!regex) return {};
      return std::regex_search(*input, *regex);
    });
    addBuiltin(table, "replace", replaceParameters, [withFlags](const std::vector<Value>& a) -> Value {
      const std::string* input = string(a, 0);
      const std::string* pattern = string(a, 1);
      const std::string* replacement = string(a, 2);
      const std::string* flags = withFlags ? string(a, 3) : nullptr;
      if (!input || !pattern || !replacement || (withFlags && !flags)) return {};
      auto regex = compile(*pattern, flags ? *flags : "");
      if (!regex) return {};
      return std::regex_replace(*input, *regex, *replacement);
    });
  }
  addBuiltin(table, "split", {"string", "delimiter"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    const std::string* delimiter = string(a, 1);
    if (!text || !delimiter) return {};
    auto regex = compile(*delimiter, "");
    if (!regex) return {};
    List parts;
    std::sregex_token_iterator it(text->begin(), text->end(), *regex, -1), end;
    for (; it != end; ++it) parts.emplace_back(it->str());
    if (!text->empty() && std::regex_search(text->substr(text->size() - 1), *regex)) parts.emplace_back(std::string());
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
    auto regex = compile(*pattern, "");
    if (!regex) return {};
    List found;
    for (std::sregex_iterator it(text->begin(), text->end(), *regex), end; it != end; ++it)
      found.emplace_back(it->str());
    return found;
  });
}

}  // namespace bpmn::feel

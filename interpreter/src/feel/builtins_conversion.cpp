// Conversion functions (DMN 1.4 §10.3.4.1) for the value kinds built so far:
// number and string.
#include "feel/builtin_support.h"
#include "feel/builtins.h"

namespace bpmn::feel {

using support::string;

namespace {

Value toNumber(const std::string& text, const std::string* grouping, const std::string* decimalSeparator) {
  std::string cleaned;
  for (char c : text) {
    if (grouping && !grouping->empty() && c == (*grouping)[0]) continue;
    if (decimalSeparator && !decimalSeparator->empty() && c == (*decimalSeparator)[0]) {
      cleaned += '.';
      continue;
    }
    cleaned += c;
  }
  auto number = Decimal::parse(cleaned);
  return number ? Value(*number) : Value();
}

bool validSeparator(const Value& value, std::initializer_list<std::string_view> allowed) {
  if (value.isNull()) return true;
  if (!value.string()) return false;
  for (auto option : allowed) {
    if (*value.string() == option) return true;
  }
  return false;
}

}  // namespace

void registerConversionFunctions(BuiltinTable& table) {
  addBuiltin(table, "number", {"from"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    return text ? toNumber(*text, nullptr, nullptr) : Value();
  });
  addBuiltin(table, "number", {"from", "grouping separator", "decimal separator"},
             [](const std::vector<Value>& a) -> Value {
               const std::string* text = string(a, 0);
               if (!text || !validSeparator(a[1], {" ", ",", "."}) || !validSeparator(a[2], {",", "."})) return {};
               const std::string* grouping = a[1].string();
               const std::string* decimalSeparator = a[2].string();
               if (grouping && decimalSeparator && *grouping == *decimalSeparator) return {};
               return toNumber(*text, grouping, decimalSeparator);
             });
  addBuiltin(table, "string", {"from"}, [](const std::vector<Value>& a) -> Value {
    if (a[0].isNull()) return {};
    if (const std::string* text = a[0].string()) return *text;
    return toFeelString(a[0]);
  });
}

}  // namespace bpmn::feel

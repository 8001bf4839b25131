// Conversion functions (DMN 1.4 §10.3.4.1) for the value kinds built so far:
// number and string.
#include "bpmn/feel/json.h"
#include "feel/builtin_support.h"
#include "feel/builtins.h"
#include "feel/evaluator.h"
#include "feel/parser.h"

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

// Only literals (and negated number literals) may stand at a range's ends
// in range("..."): the string is data, never code to run.
bool isLiteralBound(const NodePtr& node) {
  if (!node) return true;
  if (node->kind == Node::Kind::kLiteral || node->kind == Node::Kind::kTemporal) return true;
  // date("..."), time("..."), date and time("..."), duration("...") of a literal.
  if (node->kind == Node::Kind::kCall && node->children.size() == 2 && node->names.empty() &&
      node->children[0]->kind == Node::Kind::kName && node->children[1]->kind == Node::Kind::kLiteral) {
    const std::string& name = node->children[0]->text;
    return name == "date" || name == "time" || name == "date and time" || name == "duration";
  }
  if (node->kind == Node::Kind::kNegate) return node->children[0]->kind == Node::Kind::kLiteral;
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
  addBuiltin(table, "range", {"from"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    if (!text) return {};
    auto tree = parseExpression(*text);
    if (!tree.isOk() || tree.value()->kind != Node::Kind::kRange) return {};
    const Node& range = *tree.value();
    if (!isLiteralBound(range.children[0]) || !isLiteralBound(range.children[1])) return {};
    auto value = evaluate(range, {});
    if (!value.isOk() || !value.value().range()) return {};
    const Range& result = *value.value().range();
    const bool lowKnown = result.low && !result.low->isNull();
    const bool highKnown = result.high && !result.high->isNull();
    if (!lowKnown && !highKnown) return {};
    if (lowKnown && highKnown && compare(*result.low, *result.high).value_or(1) > 0) return {};  // descending
    return value.value();
  });
  // Camunda's to json / from json.
  addBuiltin(table, "to json", {"value"}, [](const std::vector<Value>& a) -> Value { return toJson(a[0]); });
  addBuiltin(table, "from json", {"value"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    if (!text) return {};
    auto value = fromJson(*text);
    return value ? *value : Value();
  });
  addBuiltin(table, "string", {"from"}, [](const std::vector<Value>& a) -> Value {
    if (a[0].isNull()) return {};
    if (const std::string* text = a[0].string()) return *text;
    // Temporal values as their ISO text, without the constructor around it.
    if (const Date* date = a[0].date()) return toString(*date);
    if (const Time* time = a[0].time()) return toString(*time);
    if (const DateTime* dateTime = a[0].dateTime()) return toString(*dateTime);
    if (const DaysTimeDuration* span = a[0].daysTime()) return toString(*span);
    if (const YearsMonthsDuration* months = a[0].yearsMonths()) return toString(*months);
    return toFeelString(a[0]);
  });
}

}  // namespace bpmn::feel

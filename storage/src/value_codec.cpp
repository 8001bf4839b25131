// The lossless JSON form of FEEL values (value_codec.h).
#include "value_codec.h"

#include "bpmn/expression.h"
#include "bpmn/feel/json.h"

namespace bpmn::storage {

namespace {

void encode(const feel::Value& value, std::string& out) {
  using Kind = feel::Value::Kind;
  switch (value.kind()) {
    case Kind::kNull:
    case Kind::kBoolean:
    case Kind::kNumber:
    case Kind::kString:
      out += feel::toJson(value);
      return;
    case Kind::kList: {
      out += '[';
      bool first = true;
      for (const auto& item : *value.list()) {
        if (!first) out += ',';
        first = false;
        encode(item, out);
      }
      out += ']';
      return;
    }
    case Kind::kContext: {
      const auto& entries = *value.context();
      bool tagged = false;
      for (const auto& [key, item] : entries) tagged = tagged || (!key.empty() && key.front() == '@');
      if (tagged) out += "{\"@context\":";
      out += '{';
      bool first = true;
      for (const auto& [key, item] : entries) {
        if (!first) out += ',';
        first = false;
        out += feel::toJson(feel::Value(key));
        out += ':';
        encode(item, out);
      }
      out += '}';
      if (tagged) out += '}';
      return;
    }
    case Kind::kFunction:
      out += "null";
      return;
    case Kind::kRange:
    case Kind::kDate:
    case Kind::kTime:
    case Kind::kDateTime:
    case Kind::kDaysTimeDuration:
    case Kind::kYearsMonthsDuration:
      out += "{\"@feel\":" + feel::toJson(feel::Value(feel::toFeelString(value))) + "}";
      return;
  }
}

std::optional<feel::Value> decode(const feel::Value& json);

std::optional<feel::Context> decodeEntries(const feel::Context& entries) {
  feel::Context result;
  result.reserve(entries.size());
  for (const auto& [key, item] : entries) {
    auto decoded = decode(item);
    if (!decoded) return std::nullopt;
    result.emplace_back(key, std::move(*decoded));
  }
  return result;
}

std::optional<feel::Value> decode(const feel::Value& json) {
  if (const auto* list = json.list()) {
    feel::List result;
    result.reserve(list->size());
    for (const auto& item : *list) {
      auto decoded = decode(item);
      if (!decoded) return std::nullopt;
      result.push_back(std::move(*decoded));
    }
    return feel::Value(std::move(result));
  }
  const auto* entries = json.context();
  if (!entries) return json;
  if (entries->size() == 1 && entries->front().first == "@feel") {
    const std::string* literal = entries->front().second.string();
    if (!literal) return std::nullopt;
    auto expression = FeelExpression::compile(*literal);
    if (!expression.isOk()) return std::nullopt;
    auto value = expression.value().evaluate({});
    // Only what encode writes: a temporal or range literal in its own
    // spelling (a damaged row could hold any expression, now() or a name).
    if (!value.isOk() || feel::toFeelString(value.value()) != *literal) return std::nullopt;
    const auto kind = value.value().kind();
    if (kind == feel::Value::Kind::kFunction || kind == feel::Value::Kind::kNull ||
        kind == feel::Value::Kind::kString || kind == feel::Value::Kind::kList ||
        kind == feel::Value::Kind::kContext || kind == feel::Value::Kind::kNumber ||
        kind == feel::Value::Kind::kBoolean) {
      return std::nullopt;
    }
    return value.value();
  }
  if (entries->size() == 1 && entries->front().first == "@context") {
    const auto* inner = entries->front().second.context();
    if (!inner) return std::nullopt;
    auto decoded = decodeEntries(*inner);
    if (!decoded) return std::nullopt;
    return feel::Value(std::move(*decoded));
  }
  auto decoded = decodeEntries(*entries);
  if (!decoded) return std::nullopt;
  return feel::Value(std::move(*decoded));
}

}  // namespace

std::string encodeValue(const feel::Value& value) {
  std::string out;
  encode(value, out);
  return out;
}

std::optional<feel::Value> decodeValue(std::string_view text) {
  auto json = feel::fromJson(text);
  if (!json) return std::nullopt;
  return decode(*json);
}

std::string encodeContext(const feel::Context& context) {
  std::string out;
  encode(feel::Value(context), out);
  return out;
}

std::optional<feel::Context> decodeContext(std::string_view text) {
  auto value = decodeValue(text);
  if (!value) return std::nullopt;
  if (value->isNull()) return feel::Context{};
  const auto* context = value->context();
  if (!context) return std::nullopt;
  return *context;
}

}  // namespace bpmn::storage

#include "bpmn/feel/json.h"

#include <nlohmann/json.hpp>

namespace bpmn::feel {
namespace {

std::string quote(const std::string& text) { return nlohmann::json(text).dump(); }

std::string typed(const char* type, const std::string& value) {
  return "{\"@type\": " + quote(type) + ", \"value\": " + quote(value) + "}";
}

void write(const Value& value, int indent, int depth, std::string& out) {
  const std::string newline = indent > 0 ? "\n" + std::string(static_cast<std::size_t>(indent * (depth + 1)), ' ') : "";
  const std::string closing = indent > 0 ? "\n" + std::string(static_cast<std::size_t>(indent * depth), ' ') : "";
  const std::string separator = indent > 0 ? "," : ", ";
  using Kind = Value::Kind;
  switch (value.kind()) {
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kBoolean:
      out += *value.boolean() ? "true" : "false";
      return;
    case Kind::kNumber:
      out += value.number()->toString();
      return;
    case Kind::kString:
      out += quote(*value.string());
      return;
    case Kind::kList: {
      const auto& items = *value.list();
      if (items.empty()) {
        out += "[]";
        return;
      }
      out += "[";
      for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i ? separator : "") + newline;
        write(items[i], indent, depth + 1, out);
      }
      out += closing + "]";
      return;
    }
    case Kind::kContext: {
      const auto& entries = *value.context();
      if (entries.empty()) {
        out += "{}";
        return;
      }
      out += "{";
      for (std::size_t i = 0; i < entries.size(); ++i) {
        out += (i ? separator : "") + newline + quote(entries[i].first) + ": ";
        write(entries[i].second, indent, depth + 1, out);
      }
      out += closing + "}";
      return;
    }
    case Kind::kRange: {
      const Range& range = *value.range();
      out += "{\"@type\": \"range\", \"start\": ";
      write(range.low.value_or(Value()), 0, 0, out);
      out += ", \"end\": ";
      write(range.high.value_or(Value()), 0, 0, out);
      out += std::string(", \"startIncluded\": ") + (range.lowClosed ? "true" : "false") +
             ", \"endIncluded\": " + (range.highClosed ? "true" : "false") + "}";
      return;
    }
    case Kind::kFunction:
      out += "{\"@type\": \"function\"}";
      return;
    case Kind::kDate:
      out += typed("date", toString(*value.date()));
      return;
    case Kind::kTime:
      out += typed("time", toString(*value.time()));
      return;
    case Kind::kDateTime:
      out += typed("date and time", toString(*value.dateTime()));
      return;
    case Kind::kDaysTimeDuration:
      out += typed("days and time duration", toString(*value.daysTime()));
      return;
    case Kind::kYearsMonthsDuration:
      out += typed("years and months duration", toString(*value.yearsMonths()));
      return;
  }
}

Value fromParsed(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
    case nlohmann::json::value_t::binary:
      return {};
    case nlohmann::json::value_t::boolean:
      return json.get<bool>();
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: {
      auto number = Decimal::parse(json.dump());
      return number ? Value(*number) : Value();
    }
    case nlohmann::json::value_t::string:
      return json.get<std::string>();
    case nlohmann::json::value_t::array: {
      List items;
      for (const auto& item : json) items.push_back(fromParsed(item));
      return items;
    }
    case nlohmann::json::value_t::object: {
      Context entries;
      for (const auto& [key, item] : json.items()) entries.emplace_back(key, fromParsed(item));
      return entries;
    }
  }
  return {};
}

}  // namespace

std::string toJson(const Value& value, int indent) {
  std::string out;
  write(value, indent, 0, out);
  return out;
}

std::optional<Value> fromJson(std::string_view text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return std::nullopt;
  return fromParsed(json);
}

}  // namespace bpmn::feel

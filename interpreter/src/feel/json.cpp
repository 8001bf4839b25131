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

// Builds the value while nlohmann's SAX parser reads the text: numbers
// from their text (all digits, not through a double), object keys in the
// order written (a repeated key keeps its last value, in its first place).
class ValueBuilder {
 public:
  using json = nlohmann::json;

  bool null() { return add(Value()); }
  bool boolean(bool value) { return add(Value(value)); }
  bool number_integer(json::number_integer_t value) { return add(Value(Decimal(static_cast<std::int64_t>(value)))); }
  bool number_unsigned(json::number_unsigned_t value) { return number(std::to_string(value)); }
  bool number_float(json::number_float_t, const json::string_t& text) { return number(text); }
  bool string(json::string_t& value) { return add(Value(std::move(value))); }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) {
    frames_.push_back({true, {}, {}, {}});
    return true;
  }
  bool key(json::string_t& name) {
    frames_.back().key = std::move(name);
    return true;
  }
  bool end_object() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    return add(Value(std::move(frame.entries)));
  }
  bool start_array(std::size_t) {
    frames_.push_back({false, {}, {}, {}});
    return true;
  }
  bool end_array() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    return add(Value(std::move(frame.items)));
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  std::optional<Value> result() { return std::move(result_); }

 private:
  struct Frame {
    bool object = false;
    List items;
    Context entries;
    std::string key;
  };

  bool number(const std::string& text) {
    auto parsed = Decimal::parse(text);
    return parsed && add(Value(*parsed));
  }
  bool add(Value value) {
    if (frames_.empty()) {
      result_ = std::move(value);
      return true;
    }
    Frame& frame = frames_.back();
    if (!frame.object) {
      frame.items.push_back(std::move(value));
      return true;
    }
    for (auto& entry : frame.entries) {
      if (entry.first == frame.key) {
        entry.second = std::move(value);
        return true;
      }
    }
    frame.entries.emplace_back(std::move(frame.key), std::move(value));
    return true;
  }

  std::vector<Frame> frames_;
  std::optional<Value> result_;
};

}  // namespace

std::string toJson(const Value& value, int indent) {
  std::string out;
  write(value, indent, 0, out);
  return out;
}

std::optional<Value> fromJson(std::string_view text) {
  ValueBuilder builder;
  if (!nlohmann::json::sax_parse(text, &builder)) return std::nullopt;
  return builder.result();
}

}  // namespace bpmn::feel

#include "bpmn/feel/value.h"

namespace bpmn::feel {

const List* Value::list() const {
  const auto* pointer = std::get_if<std::shared_ptr<const List>>(&data_);
  return pointer ? pointer->get() : nullptr;
}

const Context* Value::context() const {
  const auto* pointer = std::get_if<std::shared_ptr<const Context>>(&data_);
  return pointer ? pointer->get() : nullptr;
}

const Range* Value::range() const {
  const auto* pointer = std::get_if<std::shared_ptr<const Range>>(&data_);
  return pointer ? pointer->get() : nullptr;
}

const Function* Value::function() const {
  const auto* pointer = std::get_if<std::shared_ptr<const Function>>(&data_);
  return pointer ? pointer->get() : nullptr;
}

const Value* Value::entry(std::string_view key) const {
  const Context* entries = context();
  if (entries == nullptr) return nullptr;
  for (const auto& [name, value] : *entries) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::string_view kindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBoolean:
      return "boolean";
    case Value::Kind::kNumber:
      return "number";
    case Value::Kind::kString:
      return "string";
    case Value::Kind::kList:
      return "list";
    case Value::Kind::kContext:
      return "context";
    case Value::Kind::kRange:
      return "range";
    case Value::Kind::kFunction:
      return "function";
  }
  return "null";
}

std::optional<bool> equals(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return a.isNull() && b.isNull();
  if (a.kind() != b.kind()) return std::nullopt;
  switch (a.kind()) {
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kBoolean:
      return *a.boolean() == *b.boolean();
    case Value::Kind::kNumber:
      return *a.number() == *b.number();
    case Value::Kind::kString:
      return *a.string() == *b.string();
    case Value::Kind::kList: {
      const List& x = *a.list();
      const List& y = *b.list();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        auto same = equals(x[i], y[i]);
        if (!same) return std::nullopt;
        if (!*same) return false;
      }
      return true;
    }
    case Value::Kind::kContext: {
      const Context& x = *a.context();
      const Context& y = *b.context();
      if (x.size() != y.size()) return false;
      for (const auto& [key, value] : x) {
        const Value* other = b.entry(key);
        if (other == nullptr) return false;
        auto same = equals(value, *other);
        if (!same) return std::nullopt;
        if (!*same) return false;
      }
      return true;
    }
    case Value::Kind::kRange: {
      const Range& x = *a.range();
      const Range& y = *b.range();
      if (x.lowClosed != y.lowClosed || x.highClosed != y.highClosed) return false;
      if (x.low.has_value() != y.low.has_value() || x.high.has_value() != y.high.has_value()) return false;
      if (x.low && !equals(*x.low, *y.low).value_or(false)) return false;
      if (x.high && !equals(*x.high, *y.high).value_or(false)) return false;
      return true;
    }
    case Value::Kind::kFunction:
      return a.function() == b.function();
  }
  return std::nullopt;
}

std::optional<int> compare(const Value& a, const Value& b) {
  if (a.number() && b.number()) {
    auto order = *a.number() <=> *b.number();
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }
  if (a.string() && b.string()) {
    const int order = a.string()->compare(*b.string());
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }
  return std::nullopt;
}

namespace {

std::string quoted(std::string_view text) {
  std::string result = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') result += '\\';
    result += c;
  }
  return result + "\"";
}

}  // namespace

std::string toFeelString(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBoolean:
      return *value.boolean() ? "true" : "false";
    case Value::Kind::kNumber:
      return value.number()->toString();
    case Value::Kind::kString:
      return quoted(*value.string());
    case Value::Kind::kList: {
      std::string text = "[";
      for (const auto& item : *value.list()) text += (text.size() > 1 ? ", " : "") + toFeelString(item);
      return text + "]";
    }
    case Value::Kind::kContext: {
      std::string text = "{";
      for (const auto& [key, item] : *value.context()) {
        text += (text.size() > 1 ? ", " : "") + key + ": " + toFeelString(item);
      }
      return text + "}";
    }
    case Value::Kind::kRange: {
      const Range& range = *value.range();
      return std::string(range.lowClosed ? "[" : "(") + (range.low ? toFeelString(*range.low) : "") + ".." +
             (range.high ? toFeelString(*range.high) : "") + (range.highClosed ? "]" : ")");
    }
    case Value::Kind::kFunction:
      return "function " + value.function()->name;
  }
  return "null";
}

}  // namespace bpmn::feel

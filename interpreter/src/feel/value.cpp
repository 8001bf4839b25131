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

const Value* entryOf(const Context& context, std::string_view key) {
  for (const auto& [name, value] : context) {
    if (name == key) return &value;
  }
  return nullptr;
}

const Value* Value::entry(std::string_view key) const {
  const Context* entries = context();
  return entries ? entryOf(*entries, key) : nullptr;
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
    case Value::Kind::kDate:
      return "date";
    case Value::Kind::kTime:
      return "time";
    case Value::Kind::kDateTime:
      return "date and time";
    case Value::Kind::kDaysTimeDuration:
      return "days and time duration";
    case Value::Kind::kYearsMonthsDuration:
      return "years and months duration";
  }
  return "null";
}

namespace {

int sign(std::int64_t value) { return value < 0 ? -1 : value > 0 ? 1 : 0; }

// Nanoseconds into the day, shifted to UTC when the time has an offset or a
// zone (zones at their offset on 1970-01-01).
struct TimeKey {
  bool zoned = false;
  std::int64_t nanos = 0;
};

TimeKey timeKey(const Time& time) {
  std::int64_t seconds = time.hour * 3600 + time.minute * 60 + time.second;
  auto offset = offsetAt(Date{}, time);
  if (offset) seconds -= *offset;
  return {offset.has_value(), seconds * 1'000'000'000 + time.nanos};
}

std::optional<int> compareTemporal(const Value& a, const Value& b) {
  if (a.date() && b.date()) return sign(daysFromCivil(*a.date()) - daysFromCivil(*b.date()));
  if (a.time() && b.time()) {
    const TimeKey x = timeKey(*a.time());
    const TimeKey y = timeKey(*b.time());
    if (x.zoned != y.zoned) return std::nullopt;
    return sign(x.nanos - y.nanos);
  }
  if (a.dateTime() && b.dateTime()) {
    const DateTime& x = *a.dateTime();
    const DateTime& y = *b.dateTime();
    auto epochX = epochSeconds(x);
    auto epochY = epochSeconds(y);
    if (epochX.has_value() != epochY.has_value()) return std::nullopt;
    std::int64_t secondsX = 0;
    std::int64_t secondsY = 0;
    if (epochX) {
      secondsX = *epochX;
      secondsY = *epochY;
    } else {
      secondsX = daysFromCivil(x.date) * 86400 + x.time.hour * 3600 + x.time.minute * 60 + x.time.second;
      secondsY = daysFromCivil(y.date) * 86400 + y.time.hour * 3600 + y.time.minute * 60 + y.time.second;
    }
    if (secondsX != secondsY) return sign(secondsX - secondsY);
    return sign(x.time.nanos - y.time.nanos);
  }
  if (a.daysTime() && b.daysTime()) {
    if (a.daysTime()->seconds != b.daysTime()->seconds) return sign(a.daysTime()->seconds - b.daysTime()->seconds);
    return sign(a.daysTime()->nanos - b.daysTime()->nanos);
  }
  if (a.yearsMonths() && b.yearsMonths()) return sign(a.yearsMonths()->months - b.yearsMonths()->months);
  return std::nullopt;
}

}  // namespace

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
    case Value::Kind::kDate:
    case Value::Kind::kTime:
    case Value::Kind::kDateTime:
    case Value::Kind::kDaysTimeDuration:
    case Value::Kind::kYearsMonthsDuration: {
      // Times and dates and times compare as instants; a local one is not
      // the same value as a zoned one.
      auto order = compareTemporal(a, b);
      return order.has_value() && *order == 0;
    }
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
  return compareTemporal(a, b);
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
    case Value::Kind::kDate:
      return "date(\"" + toString(*value.date()) + "\")";
    case Value::Kind::kTime:
      return "time(\"" + toString(*value.time()) + "\")";
    case Value::Kind::kDateTime:
      return "date and time(\"" + toString(*value.dateTime()) + "\")";
    case Value::Kind::kDaysTimeDuration:
      return "duration(\"" + toString(*value.daysTime()) + "\")";
    case Value::Kind::kYearsMonthsDuration:
      return "duration(\"" + toString(*value.yearsMonths()) + "\")";
  }
  return "null";
}

}  // namespace bpmn::feel

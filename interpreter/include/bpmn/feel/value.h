// Value: a FEEL value (DMN 1.4 §10.3.2.3): null, boolean, number, string,
// list, context, range or function. Lists, contexts, ranges and functions
// are shared immutable trees, so copying a Value is cheap and a value never
// changes once built. Safe to share between threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "bpmn/feel/decimal.h"
#include "bpmn/feel/temporal.h"

namespace bpmn::feel {

class Value;
struct Range;
struct Function;

using List = std::vector<Value>;
// Context entries keep their insertion order; keys are unique.
using Context = std::vector<std::pair<std::string, Value>>;

struct Null {
  bool operator==(const Null&) const = default;
};

class Value {
 public:
  enum class Kind {
    kNull,
    kBoolean,
    kNumber,
    kString,
    kList,
    kContext,
    kRange,
    kFunction,
    kDate,
    kTime,
    kDateTime,
    kDaysTimeDuration,
    kYearsMonthsDuration,
  };

  Value() = default;
  Value(Null) {}                                                                      // NOLINT
  Value(bool value) : data_(value) {}                                                 // NOLINT
  Value(Decimal value) : data_(value) {}                                              // NOLINT
  Value(int value) : data_(Decimal(value)) {}                                         // NOLINT
  Value(std::string value) : data_(std::move(value)) {}                               // NOLINT
  Value(const char* value) : data_(std::string(value)) {}                             // NOLINT
  Value(List value) : data_(std::make_shared<const List>(std::move(value))) {}        // NOLINT
  Value(Context value) : data_(std::make_shared<const Context>(std::move(value))) {}  // NOLINT
  Value(std::shared_ptr<const Range> value) : data_(std::move(value)) {}              // NOLINT
  Value(std::shared_ptr<const Function> value) : data_(std::move(value)) {}           // NOLINT
  Value(Date value) : data_(value) {}                                                 // NOLINT
  Value(Time value) : data_(std::move(value)) {}                                      // NOLINT
  Value(DateTime value) : data_(std::move(value)) {}                                  // NOLINT
  Value(DaysTimeDuration value) : data_(value) {}                                     // NOLINT
  Value(YearsMonthsDuration value) : data_(value) {}                                  // NOLINT

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool isNull() const { return kind() == Kind::kNull; }

  // Typed access; null when the value has another kind.
  const bool* boolean() const { return std::get_if<bool>(&data_); }
  const Decimal* number() const { return std::get_if<Decimal>(&data_); }
  const std::string* string() const { return std::get_if<std::string>(&data_); }
  const List* list() const;
  const Context* context() const;
  const Range* range() const;
  const Function* function() const;
  const Date* date() const { return std::get_if<Date>(&data_); }
  const Time* time() const { return std::get_if<Time>(&data_); }
  const DateTime* dateTime() const { return std::get_if<DateTime>(&data_); }
  const DaysTimeDuration* daysTime() const { return std::get_if<DaysTimeDuration>(&data_); }
  const YearsMonthsDuration* yearsMonths() const { return std::get_if<YearsMonthsDuration>(&data_); }

  // The entry `key` of a context value, or null (a pointer into this value:
  // not into a temporary Value made from a Context; use entryOf there).
  const Value* entry(std::string_view key) const;

 private:
  std::variant<Null, bool, Decimal, std::string, std::shared_ptr<const List>, std::shared_ptr<const Context>,
               std::shared_ptr<const Range>, std::shared_ptr<const Function>, Date, Time, DateTime, DaysTimeDuration,
               YearsMonthsDuration>
      data_;
};

// A range [low..high], (low..high) and the mixed forms; an absent end is
// open (`> 5` is a range with no high end).
struct Range {
  std::optional<Value> low;
  std::optional<Value> high;
  bool lowClosed = true;
  bool highClosed = true;
};

// A function value: a built-in or one defined in FEEL. `call` receives the
// arguments by position, already matched to `parameters` when the call used
// names.
struct Function {
  std::string name;  // built-ins only, for messages
  std::vector<std::string> parameters;
  bool variadic = false;  // the last parameter takes the rest of the arguments as a list
  std::function<Value(const std::vector<Value>&)> call;
};

// The entry `key` of a context, or null: a pointer into `context`.
const Value* entryOf(const Context& context, std::string_view key);

std::string_view kindName(Value::Kind kind);  // "number", "date and time", ...

// FEEL equality (DMN 1.4 §10.3.2.2): values of different kinds are not
// comparable (null); lists and contexts compare element by element; null
// equals only null.
std::optional<bool> equals(const Value& a, const Value& b);
// Ordering for numbers, strings, dates, times, dates and times (local with
// local, zoned with zoned) and durations of one kind; null when not
// comparable.
std::optional<int> compare(const Value& a, const Value& b);

// How FEEL writes the value: 1.5, "text", [1, 2], {a: 1}, null,
// date("2024-02-29"), duration("P1D").
std::string toFeelString(const Value& value);

}  // namespace bpmn::feel

// Arithmetic and properties of temporal values (DMN 1.4 §10.3.2.3.4-7,
// table 57): dates plus durations with end-of-month clamping, differences,
// scaling durations, and the properties a path reads (year, hour, days...).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bpmn/feel/value.h"

namespace bpmn::feel {

// `a op b` for op in + - * / when a temporal value is involved; empty when
// no temporal rule applies (the caller then gives null).
std::optional<Value> temporalArithmetic(std::string_view op, const Value& a, const Value& b);
// -duration.
std::optional<Value> negateDuration(const Value& value);
// value.name for a temporal value; empty when it has no such property.
std::optional<Value> temporalProperty(const Value& value, std::string_view name);
// A date plus a number of months, clamped to the month's last day
// (2024-01-31 + 1 month = 2024-02-29).
std::optional<Date> addMonths(const Date& date, std::int64_t months);
// Normalizes seconds and nanos to one sign.
__extension__ std::optional<DaysTimeDuration> makeDuration(__int128 nanos);  // none beyond 64-bit seconds

}  // namespace bpmn::feel

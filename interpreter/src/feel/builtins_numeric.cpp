// Numeric functions (DMN 1.4 §10.3.4.5).
#include <cmath>

#include "feel/builtin_support.h"
#include "feel/builtins.h"
#include "feel/evaluator.h"

namespace bpmn::feel {

using support::integer;
using support::number;

namespace {

// `name(n, scale)` rounding with a mode; scale within ±6111 as DMN says.
void addRounding(BuiltinTable& table, const std::string& name, Decimal::Rounding mode) {
  addBuiltin(table, name, {"n", "scale"}, [mode](const std::vector<Value>& a) -> Value {
    const Decimal* n = number(a, 0);
    auto scale = integer(a, 1);
    if (!n || !scale || *scale < -6111 || *scale > 6176) return {};
    return n->rounded(static_cast<int>(*scale), mode);
  });
}

Value fromDouble(double value) {
  auto result = Decimal::fromDouble(value);
  return result ? Value(*result) : Value();
}

}  // namespace

void registerNumericFunctions(BuiltinTable& table) {
  addRounding(table, "decimal", Decimal::Rounding::kHalfEven);
  addRounding(table, "round up", Decimal::Rounding::kUp);
  addRounding(table, "round down", Decimal::Rounding::kDown);
  addRounding(table, "round half up", Decimal::Rounding::kHalfUp);
  addRounding(table, "round half down", Decimal::Rounding::kHalfDown);
  addRounding(table, "floor", Decimal::Rounding::kFloor);
  addRounding(table, "ceiling", Decimal::Rounding::kCeiling);
  addBuiltin(table, "floor", {"n"}, [](const std::vector<Value>& a) -> Value {
    const Decimal* n = number(a, 0);
    return n ? Value(n->rounded(0, Decimal::Rounding::kFloor)) : Value();
  });
  addBuiltin(table, "ceiling", {"n"}, [](const std::vector<Value>& a) -> Value {
    const Decimal* n = number(a, 0);
    return n ? Value(n->rounded(0, Decimal::Rounding::kCeiling)) : Value();
  });
  addBuiltin(table, "abs", {"n"}, [](const std::vector<Value>& a) -> Value {
    if (const DaysTimeDuration* span = a[0].daysTime()) {
      return span->seconds < 0 || span->nanos < 0 ? DaysTimeDuration{-span->seconds, -span->nanos} : *span;
    }
    if (const YearsMonthsDuration* months = a[0].yearsMonths()) {
      if (months->months == INT64_MIN) return {};
      return YearsMonthsDuration{months->months < 0 ? -months->months : months->months};
    }
    const Decimal* n = number(a, 0);
    if (!n) return {};
    return n->isNegative() ? -*n : *n;
  });
  addBuiltin(table, "modulo", {"dividend", "divisor"}, [](const std::vector<Value>& a) -> Value {
    const Decimal* x = number(a, 0);
    const Decimal* y = number(a, 1);
    if (!x || !y) return {};
    auto result = Decimal::modulo(*x, *y);
    return result ? Value(*result) : Value();
  });
  addBuiltin(table, "sqrt", {"number"}, [](const std::vector<Value>& a) -> Value {
    const Decimal* n = number(a, 0);
    if (!n) return {};
    auto result = Decimal::sqrt(*n);
    return result ? Value(*result) : Value();
  });
  addBuiltin(table, "log", {"number"}, [](const std::vector<Value>& a) -> Value {
    const Decimal* n = number(a, 0);
    if (!n || n->isNegative() || n->isZero()) return {};
    return fromDouble(std::log(n->toDouble()));
  });
  addBuiltin(table, "exp", {"number"}, [](const std::vector<Value>& a) -> Value {
    const Decimal* n = number(a, 0);
    if (!n) return {};
    return fromDouble(std::exp(n->toDouble()));
  });
  // Camunda's random number(): uniform in [0, 1), 53 random bits.
  addBuiltin(table, "random number", {}, [](const std::vector<Value>&) -> Value {
    const std::uint64_t bits = currentRandomBits() >> 11;
    return *Decimal::divide(Decimal(static_cast<std::int64_t>(bits)), Decimal(std::int64_t{1} << 53));
  });
  addBuiltin(table, "odd", {"number"}, [](const std::vector<Value>& a) -> Value {
    const Decimal* n = number(a, 0);
    if (!n || !n->isInteger()) return {};
    return !Decimal::modulo(*n, 2)->isZero();
  });
  addBuiltin(table, "even", {"number"}, [](const std::vector<Value>& a) -> Value {
    const Decimal* n = number(a, 0);
    if (!n || !n->isInteger()) return {};
    return Decimal::modulo(*n, 2)->isZero();
  });
}

}  // namespace bpmn::feel

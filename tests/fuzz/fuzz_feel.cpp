// FEEL (and JUEL) compile and evaluate on any text, against variables of
// every kind: an error or a value, never a crash, a hang or unbounded
// memory (the evaluation limits hold). The value prints as FEEL and JSON.
#include <cstdint>
#include <string_view>

#include "bpmn/expression.h"
#include "bpmn/feel/json.h"

namespace {

const bpmn::feel::Context& variables() {
  using namespace bpmn::feel;
  static const Context kVariables = [] {
    Context context;
    context.emplace_back("n", Value(Decimal(42)));
    context.emplace_back("s", Value("text"));
    context.emplace_back("b", Value(true));
    context.emplace_back("l", Value(List{Value(Decimal(1)), Value("a"), Value()}));
    context.emplace_back("c", Value(Context{{"k", Value(Decimal(7))}, {"nested", Value(Context{{"x", Value()}})}}));
    context.emplace_back("d", Value(*parseDate("2024-02-29")));
    context.emplace_back("dt", Value(*parseDateTime("2024-02-29T12:00:00@Europe/Berlin")));
    context.emplace_back("p", Value(*parseDaysTimeDuration("P1DT2H")));
    context.emplace_back("m", Value(*parseYearsMonthsDuration("P1Y2M")));
    return context;
  }();
  return kVariables;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto compiled = bpmn::FeelExpression::compileCondition(text);
  if (!compiled.isOk()) return 0;
  bpmn::EvaluationLimits limits;
  limits.maxSteps = 100'000;  // keeps each run short; the limit itself is what is tested
  limits.maxListSize = 100'000;
  auto value = compiled.value().evaluate(variables(), limits);
  if (value.isOk()) {
    bpmn::feel::toFeelString(value.value());
    bpmn::feel::toJson(value.value());
  }
  return 0;
}

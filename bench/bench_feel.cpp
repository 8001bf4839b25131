// bench_feel: nanoseconds per FEEL evaluation for the conditions a gateway
// evaluates on every token: a comparison, a conjunction over two variables,
// and a filter over a 100-element list; plus the compile cost, paid once per
// deployment. Each figure is the best of three rounds of at least the
// minimum time. Usage: bench_feel [min-seconds-per-round]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bpmn/expression.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace bpmn;
using namespace bpmn::feel;

template <typename Work>
double nanosPerRun(double minimum, Work&& work) {
  double best = 1e30;
  for (int round = 0; round < 3; ++round) {
    long runs = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    do {
      for (int i = 0; i < 100; ++i) work();
      runs += 100;
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    } while (elapsed < minimum);
    best = std::min(best, elapsed * 1e9 / static_cast<double>(runs));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const double minimum = argc > 1 ? std::atof(argv[1]) : 1.0;
  List items;
  for (int i = 0; i < 100; ++i) items.emplace_back(Context{{"price", Value(i)}, {"name", Value("item")}});
  const Context variables{
      {"amount", Value(150)}, {"status", Value("gold")}, {"total", Value(1200)}, {"items", Value(items)}};

  struct Case {
    const char* name;
    const char* text;
  };
  const Case cases[] = {
      {"comparison", "amount > 100"},
      {"conjunction", "status = \"gold\" and total >= 1000"},
      {"filter over 100 items", "count(items[price > 10])"},
      {"JUEL condition", "${amount > 100 && status == 'gold'}"},
  };
  std::printf("| expression | compile (ns) | evaluate (ns) |\n|---|---|---|\n");
  for (const auto& c : cases) {
    const double compile = nanosPerRun(minimum, [&] {
      auto compiled = FeelExpression::compileCondition(c.text);
      if (!compiled.isOk()) std::abort();
    });
    const auto expression = FeelExpression::compileCondition(c.text).value();
    const double evaluate = nanosPerRun(minimum, [&] {
      auto value = expression.evaluate(variables);
      if (!value.isOk()) std::abort();
    });
    std::printf("| `%s` (%s) | %.0f | %.0f |\n", c.text, c.name, compile, evaluate);
  }
  return 0;
}

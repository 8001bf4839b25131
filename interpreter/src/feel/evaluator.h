// The FEEL evaluator: walks a syntax tree against variables. Pure: no I/O,
// no clock, no randomness except the explicit random functions. Type errors
// give null (DMN semantics); exceeding a limit (steps, depth, list size)
// stops the evaluation with an error, so a hostile expression can neither
// hang nor exhaust the engine. Not thread-safe per instance; use one
// evaluation per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "bpmn/feel/value.h"
#include "bpmn/status.h"
#include "feel/ast.h"

namespace bpmn::feel {

struct Limits {
  std::size_t maxSteps = 1'000'000;  // nodes evaluated
  int maxDepth = 256;                // nested evaluations (recursion)
  std::size_t maxListSize = 1'000'000;
};

// Where the few impure built-ins get the outside world: now() and today()
// read the clock, random number() and uuid() the random source. The engine
// injects its virtual clock; unset members fall back to the system's.
struct Environment {
  std::function<std::int64_t()> nowMillis;  // milliseconds since the epoch, UTC
  std::function<std::uint64_t()> randomBits;
};

Result<Value> evaluate(const Node& node, const Context& variables, const Limits& limits = {},
                       const Environment& environment = {});

// The environment of the evaluation running on this thread (the system's
// when none runs).
std::int64_t currentTimeMillis();
std::uint64_t currentRandomBits();

}  // namespace bpmn::feel

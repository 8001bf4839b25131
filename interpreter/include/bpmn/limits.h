// The limits that keep mistaken or hostile input from crashing the engine,
// hanging it or taking unbounded memory: one home for each number that
// docs/robustness.md lists. A breach is a diagnostic, an error or an
// incident naming the limit, never a crash. Constants; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bpmn::limits {

// Instances one multi-instance activity may have (its cardinality or the
// size of its input collection), and iterations of a standard loop without
// a loopMaximum. Every parallel instance is a scope and a token in the
// instance's state, created at once.
inline constexpr std::int64_t kLoopInstances = 10'000;

}  // namespace bpmn::limits

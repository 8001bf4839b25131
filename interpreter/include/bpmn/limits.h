// The limits that keep mistaken or hostile input from crashing the engine,
// hanging it or taking unbounded memory: one home for each number that
// docs/robustness.md lists. A breach is a diagnostic, an error or an
// incident naming the limit, never a crash. Constants; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bpmn::limits {

// Bytes of one document read from a file or standard input: a BPMN model,
// a JSON variables document.
inline constexpr std::size_t kDocumentBytes = std::size_t{64} << 20;

// Nesting of elements in a BPMN file (sub-processes in sub-processes,
// extension content). The reader, validator, writer, engine and modeler
// walk the model recursively and stay within the stack below this.
inline constexpr int kXmlDepth = 256;

// Instances one multi-instance activity may have (its cardinality or the
// size of its input collection), and iterations of a standard loop without
// a loopMaximum. Every parallel instance is a scope and a token in the
// instance's state, created at once.
inline constexpr std::int64_t kLoopInstances = 10'000;

// Nesting of a FEEL or JUEL expression's syntax tree (brackets, operands
// of a chain like 1+1+...+1, calls in calls). Deeper expressions do not
// compile; evaluation nesting (function recursion) is EvaluationLimits'.
inline constexpr int kFeelNesting = 200;

// Nesting of a value read from JSON (variables, stored rows, `from json`)
// and built by `context put` with a key path: lists and contexts in lists
// and contexts. Every walk over a value (JSON, comparison, storage) is
// recursive and stays within the stack below this.
inline constexpr int kValueNesting = 256;

}  // namespace bpmn::limits

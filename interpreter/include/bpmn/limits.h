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
// size of its input collection). Every parallel instance is a scope and a
// token in the instance's state, created at once. (A standard loop without
// a wait state is bounded by EngineOptions::stepBudget; one with a wait
// state may run as long as it waits.)
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

// Instances one command may start: its own, and those that signals,
// messages and call activities start while it runs. Beyond it a started
// instance stays at its start event as an incident (a call activity: the
// calling token), so that a process whose start event catches the signal
// it throws cannot start instances without end. Element activations per
// instance and tokens per instance are EngineOptions' stepBudget and
// maxTokens.
inline constexpr std::size_t kCommandStarts = 1'000;

}  // namespace bpmn::limits

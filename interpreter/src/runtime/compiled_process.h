// CompiledProcess: a deployed process ready to run: its model (owned), a
// ProcessGraph per scope, every condition, script and mapping compiled to
// FEEL, job types and headers resolved. Built once at deploy; immutable
// afterwards, so instances share it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bpmn/diagnostic.h"
#include "bpmn/expression.h"
#include "bpmn/model/definitions.h"
#include "bpmn/snapshot.h"
#include "graph/process_graph.h"
#include "runtime/cron.h"

namespace bpmn::runtime {

struct Mapping {
  FeelExpression source;
  std::string target;  // a variable name or a dotted path
};

// A looping activity (BPMN 2.0.2 §13.3.6 standard loop, §13.3.7
// multi-instance), with its vendor extensions resolved.
struct CompiledLoop {
  bool multiInstance = false;
  bool sequential = false;
  // Multi-instance: a cardinality or an input collection (one of them),
  // the variable each iteration sees its item as, what it contributes to the
  // output collection, and when the whole may stop early.
  std::optional<FeelExpression> cardinality;
  std::optional<FeelExpression> inputCollection;
  std::string inputElement;
  std::string outputCollection;
  std::optional<FeelExpression> outputElement;
  std::optional<FeelExpression> completionCondition;
  // Standard loop.
  std::optional<FeelExpression> loopCondition;
  bool testBefore = false;
  std::optional<std::int64_t> loopMaximum;
};

using bpmn::MessageTarget;

struct CompiledElement {
  const model::FlowElement* element = nullptr;
  std::string scopeId;                              // the process or sub-process it lies in
  std::vector<const model::FlowElement*> incoming;  // sequence flows, document order
  std::vector<const model::FlowElement*> outgoing;  // sequence flows, document order
  // Jobs (service, send, business rule tasks; script tasks with a job type)
  std::optional<std::string> jobType;
  int retries = 3;
  feel::Context headers;
  std::vector<Mapping> inputs;
  std::vector<Mapping> outputs;
  // Message throws (throw and end events, send tasks) without a job type:
  // the engine publishes the message itself, to the message flows' targets
  // (none: to every subscription of the name).
  bool publishes = false;
  std::string messageName;
  std::vector<MessageTarget> messageTargets;
  // Call activities
  std::string calledProcessId;
  std::optional<int> calledVersion;
  std::vector<Mapping> callInputs;   // camunda:in, over the caller's variables
  std::vector<Mapping> callOutputs;  // camunda:out, over the called instance's variables
  bool propagateAllChildVariables = true;
  bool propagateAllParentVariables = true;
  // Activities: their boundary events, and how they loop
  std::vector<const model::FlowElement*> boundaries;
  std::optional<CompiledLoop> loop;
  std::string compensationHandler;          // the activity its compensation boundary event is associated with
  std::string compensationEventSubProcess;  // a sub-process's event sub-process with a compensation start
  // Complex gateways
  std::optional<FeelExpression> activation;
  // Conditional events
  std::optional<FeelExpression> eventCondition;
  // Ad-hoc sub-processes: which inner elements start (default: those
  // without incoming flows), when it completes, and whether completing
  // cancels what still runs.
  std::optional<FeelExpression> activeElements;
  std::optional<FeelExpression> adHocCompletion;
  bool cancelRemaining = true;
  bool sequential = false;
  // Inline FEEL script tasks
  std::optional<FeelExpression> script;
  std::string resultVariable;
};

// How a message's correlation key is computed, on both sides: the
// `zeebe:subscription correlationKey` (FEEL after "=", else literal), or the
// messagePath of each BPMN correlationProperty that has a retrieval
// expression for the message (several make a list). None: the empty key.
struct MessageKey {
  std::string text;  // as written, for diagnostics
  std::string literal;
  std::vector<FeelExpression> expressions;
};

struct CompiledScope {
  std::string id;
  const std::vector<model::FlowElement>* elements = nullptr;
  graph::ProcessGraph graph;
};

struct CompiledProcess {
  std::string id;
  int version = 0;
  std::uint64_t deploymentKey = 0;
  std::string source;  // the XML it came from
  model::Definitions definitions;
  const model::Process* process = nullptr;
  std::map<std::string, CompiledScope, std::less<>> scopes;       // by process or sub-process id
  std::map<std::string, CompiledElement, std::less<>> elements;   // flow nodes by id
  std::map<std::string, FeelExpression, std::less<>> conditions;  // by sequence flow id
  std::map<std::string, MessageKey, std::less<>> messageKeys;     // by message id
  // How cron cycles number the days of the week: Quartz in files written
  // for Camunda 7 (its namespace and not Zeebe's), else Zeebe's Spring cron.
  CronDialect cronDialect = CronDialect::kSpring;

  const CompiledElement& element(std::string_view id) const { return elements.find(id)->second; }
  const CompiledScope& scope(std::string_view id) const { return scopes.find(id)->second; }
};

// Compiles every executable process of `definitions`; each error (an element
// this engine does not run, an expression that does not compile) becomes a
// diagnostic and no process is returned.
struct Compilation {
  std::vector<std::unique_ptr<CompiledProcess>> processes;
  std::vector<Diagnostic> diagnostics;
};
Compilation compile(const model::Definitions& definitions, std::string_view source, std::string_view fileName);

}  // namespace bpmn::runtime

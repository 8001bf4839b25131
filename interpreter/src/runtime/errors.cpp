// BPMN errors and escalations (BPMN 2.0.2 §10.5.4, §13.5): errors are thrown
// by error end events and by workers, escalations by escalation throw and
// end events. Both go to the nearest catch, outward: a boundary event on the
// activity they leave (for a throw event: on the sub-process around it), an
// event sub-process of the scope, the enclosing sub-processes, then the
// caller's call activity. A catch that names the code beats a catch-all.
// An error always interrupts; an escalation interrupts only where its catch
// says so, and one nothing catches changes nothing.
#include "runtime/run_context.h"

namespace bpmn::runtime {

using model::ElementKind;
using model::EventDefinitionKind;
using model::FlowElement;

namespace {

model::GlobalElement::Kind globalKind(EventDefinitionKind kind) {
  return kind == EventDefinitionKind::kError ? model::GlobalElement::Kind::kError
                                             : model::GlobalElement::Kind::kEscalation;
}

bool isOne(const FlowElement& element, EventDefinitionKind kind) {
  return element.eventDefinitions.size() == 1 && element.eventKind() == kind;
}

// The best catch among `candidates`: an exact code, else a catch-all.
template <typename CatchOf>
const FlowElement* bestCatch(const RunContext& context, const std::vector<const FlowElement*>& candidates,
                             EventDefinitionKind kind, const std::string& code, CatchOf catchOf) {
  const FlowElement* catchAll = nullptr;
  for (const FlowElement* candidate : candidates) {
    const FlowElement* event = catchOf(*candidate);
    if (!event || !isOne(*event, kind)) continue;
    const std::string caught = eventCode(context, *event);
    if (caught == code) return candidate;
    if (caught.empty() && !catchAll) catchAll = candidate;
  }
  return catchAll;
}

// An event sub-process's start event (the validator requires exactly one).
const FlowElement* startOf(const FlowElement& eventSubProcess) {
  for (const auto& inner : eventSubProcess.flowElements) {
    if (inner.kind == ElementKind::kStartEvent) return &inner;
  }
  return nullptr;
}

// The event sub-processes of a scope that may catch what leaves `from` (the
// element the error or escalation passes through). A started event
// sub-process is not triggered again by what happens inside it, and once an
// interrupting one runs, its scope is interrupted: what leaves it goes on to
// the enclosing scope, as in Camunda (otherwise an error end event inside an
// error event sub-process would restart it for ever).
std::vector<const FlowElement*> eventSubProcessesCatching(const RunContext& context, const CompiledElement& from) {
  std::vector<const FlowElement*> handlers;
  const FlowElement& leaving = *from.element;
  if (leaving.isEventSubProcess()) {
    const FlowElement* start = startOf(leaving);
    if (!start || start->isInterrupting.value_or(true)) return handlers;
  }
  for (const auto& candidate : *context.process().scope(from.scopeId).elements) {
    if (candidate.isEventSubProcess() && &candidate != &leaving) handlers.push_back(&candidate);
  }
  return handlers;
}

}  // namespace

std::string eventCode(const RunContext& context, const FlowElement& event) {
  const model::EventDefinition& definition = event.eventDefinitions.front();
  if (definition.ref.empty()) return {};
  for (const auto* global : context.process().definitions.globals(globalKind(definition.kind))) {
    if (global->id == model::localRef(definition.ref)) return global->code.empty() ? global->id : global->code;
  }
  return std::string(model::localRef(definition.ref));
}

namespace {

// Where a thrown error or escalation is caught, found without changing
// anything: the nearest catch outward from the token, or none.
struct Catch {
  enum class Where { kNowhere, kBoundary, kEventSubProcess, kCaller };
  Where where = Where::kNowhere;
  std::uint64_t tokenKey = 0;            // kBoundary: the activity the boundary event is on
  std::uint64_t scopeKey = 0;            // where the catch runs (kCaller: the process scope)
  const FlowElement* handler = nullptr;  // the boundary event or the event sub-process
};

Catch findCatch(RunContext& context, std::uint64_t tokenKey, EventDefinitionKind kind, const std::string& code) {
  const bool error = kind == EventDefinitionKind::kError;
  std::uint64_t current = tokenKey;
  bool throwerIsEvent = isEvent(context.element(*context.token(tokenKey)).element->kind);
  while (true) {
    const TokenSnapshot& token = *context.token(current);
    const std::uint64_t scopeKey = token.scopeKey;
    const CompiledElement& element = context.element(token);
    if (element.loop && inLoopIteration(context, token)) {
      // An iteration of a looping activity: the catches attach to the whole.
      current = context.scope(scopeKey)->tokenKey;
      throwerIsEvent = false;
      continue;
    }
    // 1. A boundary event on the activity the error or escalation leaves.
    if (!throwerIsEvent) {
      std::vector<const FlowElement*> boundaries(element.boundaries.begin(), element.boundaries.end());
      if (const FlowElement* boundary =
              bestCatch(context, boundaries, kind, code, [](const FlowElement& e) { return &e; })) {
        return {Catch::Where::kBoundary, current, scopeKey, boundary};
      }
    }
    // 2. An event sub-process of the scope.
    const std::vector<const FlowElement*> handlers = eventSubProcessesCatching(context, element);
    if (const FlowElement* handler = bestCatch(context, handlers, kind, code, startOf)) {
      return {Catch::Where::kEventSubProcess, 0, scopeKey, handler};
    }
    // 3. Outward: the sub-process that holds this scope, or the caller
    // (errors only: an escalation stops at its process).
    const ScopeSnapshot* scope = context.scope(scopeKey);
    if (scope->parentKey == 0) {
      if (context.instance().parentInstanceKey == 0 || !error) return {};
      return {Catch::Where::kCaller, 0, scopeKey, nullptr};
    }
    current = scope->tokenKey;
    throwerIsEvent = false;
  }
}

}  // namespace

bool isCaught(RunContext& context, std::uint64_t tokenKey, EventDefinitionKind kind, const std::string& code) {
  return findCatch(context, tokenKey, kind, code).where != Catch::Where::kNowhere;
}

bool raise(RunContext& context, std::uint64_t tokenKey, EventDefinitionKind kind, const std::string& code,
           const std::string& message) {
  const bool error = kind == EventDefinitionKind::kError;
  context.record(
      RecordKind::kEventThrown, context.token(tokenKey)->elementId, {}, 0,
      std::string(error ? "error \"" : "escalation \"") + code + "\"" + (message.empty() ? "" : ": " + message));
  const Catch found = findCatch(context, tokenKey, kind, code);
  switch (found.where) {
    case Catch::Where::kNowhere:
      return false;
    case Catch::Where::kBoundary:
      // SPEC §10.5.4: an error boundary event always interrupts.
      if (error || found.handler->cancelActivity.value_or(true)) context.terminateToken(found.tokenKey);
      context.createToken(found.scopeKey, found.handler->id, "");
      return true;
    case Catch::Where::kEventSubProcess:
      // An interrupting one ends everything else in the scope and runs in
      // its place.
      if (error || startOf(*found.handler)->isInterrupting.value_or(true)) context.terminateScope(found.scopeKey, 0);
      context.createToken(found.scopeKey, found.handler->id, "");
      return true;
    case Catch::Where::kCaller:
      context.pendingError() = RunContext::ErrorForCaller{code, message};
      context.terminateScope(found.scopeKey, 0);
      context.instance().state = InstanceState::kTerminated;
      context.record(RecordKind::kInstanceStateChanged, context.instance().processId, "process", context.instance().key,
                     "terminated");
      return true;
  }
  return false;
}

bool raiseError(RunContext& context, std::uint64_t tokenKey, const std::string& code, const std::string& message) {
  return raise(context, tokenKey, EventDefinitionKind::kError, code, message);
}

}  // namespace bpmn::runtime

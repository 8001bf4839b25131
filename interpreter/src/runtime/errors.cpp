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

}  // namespace

std::string eventCode(const RunContext& context, const FlowElement& event) {
  const model::EventDefinition& definition = event.eventDefinitions.front();
  if (definition.ref.empty()) return {};
  for (const auto* global : context.process().definitions.globals(globalKind(definition.kind))) {
    if (global->id == model::localRef(definition.ref)) return global->code.empty() ? global->id : global->code;
  }
  return std::string(model::localRef(definition.ref));
}

bool raise(RunContext& context, std::uint64_t tokenKey, EventDefinitionKind kind, const std::string& code,
           const std::string& message) {
  const bool error = kind == EventDefinitionKind::kError;
  context.record(
      RecordKind::kEventThrown, context.token(tokenKey)->elementId, {}, 0,
      std::string(error ? "error \"" : "escalation \"") + code + "\"" + (message.empty() ? "" : ": " + message));
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
        // SPEC §10.5.4: an error boundary event always interrupts.
        if (error || boundary->cancelActivity.value_or(true)) context.terminateToken(current);
        context.createToken(scopeKey, boundary->id, "");
        return true;
      }
    }

    // 2. An event sub-process of the scope: an interrupting one ends
    // everything else in the scope and runs in its place.
    std::vector<const FlowElement*> handlers;
    for (const auto& candidate : *context.process().scope(element.scopeId).elements) {
      if (candidate.isEventSubProcess()) handlers.push_back(&candidate);
    }
    const FlowElement* start = nullptr;
    if (const FlowElement* handler =
            bestCatch(context, handlers, kind, code, [&start](const FlowElement& e) -> const FlowElement* {
              for (const auto& inner : e.flowElements) {
                if (inner.kind == ElementKind::kStartEvent) return &inner;
              }
              return nullptr;
            })) {
      for (const auto& inner : handler->flowElements) {
        if (inner.kind == ElementKind::kStartEvent) start = &inner;
      }
      if (error || start->isInterrupting.value_or(true)) context.terminateScope(scopeKey, 0);
      context.createToken(scopeKey, handler->id, "");
      return true;
    }

    // 3. Outward: the sub-process that holds this scope, or the caller.
    const ScopeSnapshot* scope = context.scope(scopeKey);
    if (scope->parentKey == 0) {
      if (context.instance().parentInstanceKey == 0 || !error) return false;
      context.pendingError() = RunContext::ErrorForCaller{code, message};
      context.terminateScope(scopeKey, 0);
      context.instance().state = InstanceState::kTerminated;
      context.record(RecordKind::kInstanceStateChanged, context.instance().processId, "process", context.instance().key,
                     "terminated");
      return true;
    }
    current = scope->tokenKey;
    throwerIsEvent = false;
  }
}

bool raiseError(RunContext& context, std::uint64_t tokenKey, const std::string& code, const std::string& message) {
  return raise(context, tokenKey, EventDefinitionKind::kError, code, message);
}

}  // namespace bpmn::runtime

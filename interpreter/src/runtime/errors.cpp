// BPMN errors (BPMN 2.0.2 §10.5.4, §13.5): thrown by error end events and
// by workers, caught by error boundary events and error event sub-processes,
// propagated outward through sub-processes and call activities to the
// nearest catch. A catch that names an error code beats a catch-all.
#include "runtime/run_context.h"

namespace bpmn::runtime {

using model::ElementKind;
using model::EventDefinitionKind;
using model::FlowElement;

namespace {

// The error code an error catch or throw refers to; "" for a catch-all.
std::string codeOf(const RunContext& context, const FlowElement& event) {
  const std::string& ref = event.eventDefinitions.front().ref;
  if (ref.empty()) return {};
  for (const auto* error : context.process().definitions.globals(model::GlobalElement::Kind::kError)) {
    if (error->id == model::localRef(ref)) return error->code.empty() ? error->id : error->code;
  }
  return std::string(model::localRef(ref));
}

bool isErrorEvent(const FlowElement& element) {
  return element.eventDefinitions.size() == 1 && element.eventKind() == EventDefinitionKind::kError;
}

// The best catch among `candidates` for `code`: an exact code, else a
// catch-all; null when none.
template <typename Candidates, typename CatchOf>
const FlowElement* bestCatch(const RunContext& context, const Candidates& candidates, const std::string& code,
                             CatchOf catchOf) {
  const FlowElement* catchAll = nullptr;
  for (const FlowElement* candidate : candidates) {
    const FlowElement* event = catchOf(*candidate);
    if (!event || !isErrorEvent(*event)) continue;
    const std::string caught = codeOf(context, *event);
    if (caught == code) return candidate;
    if (caught.empty() && !catchAll) catchAll = candidate;
  }
  return catchAll;
}

}  // namespace

bool raiseError(RunContext& context, std::uint64_t tokenKey, const std::string& code, const std::string& message) {
  context.record(RecordKind::kJobFailed, context.token(tokenKey)->elementId, {}, 0,
                 "BPMN error \"" + code + "\"" + (message.empty() ? "" : ": " + message));
  std::uint64_t current = tokenKey;
  bool throwerIsEvent = isEvent(context.element(*context.token(tokenKey)).element->kind);
  while (true) {
    const TokenSnapshot& token = *context.token(current);
    const std::uint64_t scopeKey = token.scopeKey;
    const CompiledElement& element = context.element(token);
    const auto& scopeElements = *context.process().scope(element.scopeId).elements;

    // 1. An error boundary event on the activity the error leaves.
    if (!throwerIsEvent) {
      std::vector<const FlowElement*> boundaries;
      for (const auto& candidate : scopeElements) {
        if (candidate.kind == ElementKind::kBoundaryEvent && candidate.attachedToRef == token.elementId) {
          boundaries.push_back(&candidate);
        }
      }
      if (const FlowElement* boundary = bestCatch(context, boundaries, code, [](const FlowElement& e) { return &e; })) {
        // SPEC §10.5.4: an error boundary event interrupts its activity.
        context.terminateToken(current);
        context.createToken(scopeKey, boundary->id, "");
        return true;
      }
    }

    // 2. An error event sub-process of the scope: it ends everything else in
    // the scope and runs in its place.
    std::vector<const FlowElement*> handlers;
    for (const auto& candidate : scopeElements) {
      if (candidate.isEventSubProcess()) handlers.push_back(&candidate);
    }
    if (const FlowElement* handler = bestCatch(context, handlers, code, [](const FlowElement& e) -> const FlowElement* {
          for (const auto& inner : e.flowElements) {
            if (inner.kind == ElementKind::kStartEvent) return &inner;
          }
          return nullptr;
        })) {
      context.terminateScope(scopeKey, 0);
      context.createToken(scopeKey, handler->id, "");
      return true;
    }

    // 3. Outward: the sub-process that holds this scope, or the caller.
    const ScopeSnapshot* scope = context.scope(scopeKey);
    if (scope->parentKey == 0) {
      if (context.instance().parentInstanceKey == 0) return false;
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

}  // namespace bpmn::runtime

// Compensation (BPMN 2.0.2 §10.7, §13.5.5): undoing completed work, as
// sagas do. An activity with a compensation boundary event is recorded when
// it completes, with what it completed with (its inputs and its results).
// A compensation throw (intermediate or end event, for every activity of its
// scope or the one its activityRef names) runs the handlers of the recorded
// activities one at a time, most recent first, and continues when the last
// one is done. Each handler runs in a kCompensation scope that holds the
// variables its activity completed with, so a refund sees the charge it
// undoes. A completed sub-process passes its records to the scope around it
// (its default compensation) unless it has a handler of its own; an
// iteration of a multi-instance passes them to the whole.
#include <algorithm>

#include "runtime/run_context.h"

namespace bpmn::runtime {

namespace {

// Where a throw compensates: its scope; from an event sub-process, the
// scope that holds the event sub-process (§10.7.2).
std::uint64_t compensatedScope(RunContext& context, const TokenSnapshot& thrower) {
  const ScopeSnapshot* scope = context.scope(thrower.scopeKey);
  if (scope && scope->parentKey != 0 && scope->kind == ScopeKind::kFlow &&
      context.process().element(scope->elementId).element->isEventSubProcess()) {
    return scope->parentKey;
  }
  return thrower.scopeKey;
}

// The most recent record the throw on `thrower` still has to compensate.
const CompensationSnapshot* nextRecord(RunContext& context, const TokenSnapshot& thrower) {
  const model::FlowElement& event = *context.element(thrower).element;
  const std::string activity(event.eventKind() == model::EventDefinitionKind::kCompensate
                                 ? model::localRef(event.eventDefinitions.front().ref)
                                 : std::string_view());
  const std::uint64_t scopeKey = compensatedScope(context, thrower);
  const CompensationSnapshot* latest = nullptr;
  for (const auto& record : context.instance().compensations) {
    if (record.scopeKey != scopeKey) continue;
    if (!activity.empty() && record.elementId != activity && record.within != activity) continue;
    if (!latest || record.key > latest->key) latest = &record;
  }
  return latest;
}

// A cancelled transaction, once compensated, leaves through its cancel
// boundary event.
void leaveCancelledTransaction(RunContext& context, std::uint64_t tokenKey) {
  const std::uint64_t owner = context.scope(context.token(tokenKey)->scopeKey)->tokenKey;
  const CompiledElement& transaction = context.element(*context.token(owner));
  const model::FlowElement* boundary = nullptr;
  for (const auto* candidate : transaction.boundaries) {
    if (candidate->eventKind() == model::EventDefinitionKind::kCancel) boundary = candidate;
  }                               // there is one: checked at deploy
  context.removeToken(tokenKey);  // the cancel end event completed when it was reached
  const std::uint64_t outer = context.token(owner)->scopeKey;
  context.terminateToken(owner);
  context.createToken(outer, boundary->id, "");
}

// The throw is done: an intermediate event goes on, an end event ends.
void finishThrow(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& thrower = *context.token(tokenKey);
  if (context.element(thrower).element->eventKind() == model::EventDefinitionKind::kCancel) {
    leaveCancelledTransaction(context, tokenKey);
    return;
  }
  if (context.element(thrower).element->kind == model::ElementKind::kEndEvent) {
    context.leave(tokenKey, {});
    return;
  }
  auto flows = context.outgoingFlows(thrower);
  if (flows) context.leave(tokenKey, *flows);
}

// Starts the next handler for the throw, or finishes it.
void compensateNext(RunContext& context, std::uint64_t tokenKey) {
  const CompensationSnapshot* next = nextRecord(context, *context.token(tokenKey));
  if (!next) {
    finishThrow(context, tokenKey);
    return;
  }
  const CompensationSnapshot record = *next;
  std::erase_if(context.instance().compensations, [&](const auto& r) { return r.key == record.key; });
  context.record(RecordKind::kEventThrown, context.token(tokenKey)->elementId, {}, 0,
                 "compensate \"" + record.elementId + "\"");
  ScopeSnapshot handler;
  handler.key = context.newKey();
  handler.parentKey = context.token(tokenKey)->scopeKey;
  handler.elementId = record.handlerId;
  handler.tokenKey = tokenKey;
  handler.kind = ScopeKind::kCompensation;
  handler.variables = record.variables;
  handler.compensating = record.elementId;
  const std::uint64_t handlerKey = handler.key;
  context.instance().scopes.push_back(std::move(handler));
  // A sub-process's compensation event sub-process may compensate what
  // completed inside it: those records wait in the handler's scope.
  for (auto& parked : context.instance().compensations) {
    if (parked.parkedUnder != record.key) continue;
    parked.parkedUnder = 0;
    parked.scopeKey = handlerKey;
  }
  context.createToken(context.instance().scopes.back().key, record.handlerId, "");
}

}  // namespace

void recordCompensable(RunContext& context, const TokenSnapshot& token, const feel::Context& result) {
  const CompiledElement& element = context.element(token);
  if (element.compensationHandler.empty()) return;
  if (element.loop && !inLoopIteration(context, token)) return;  // its iterations were recorded
  CompensationSnapshot record;
  record.key = context.newKey();
  record.scopeKey = token.scopeKey;
  record.elementId = token.elementId;
  record.handlerId = element.compensationHandler;
  record.variables = token.locals;
  if (const ScopeSnapshot* scope = context.scope(token.scopeKey); scope && scope->kind == ScopeKind::kLoopIteration) {
    for (const auto& entry : scope->variables) record.variables.push_back(entry);
  }
  for (const auto& [name, value] : result) {
    auto same = std::find_if(record.variables.begin(), record.variables.end(),
                             [&](const auto& entry) { return entry.first == name; });
    if (same != record.variables.end()) {
      same->second = value;
    } else {
      record.variables.emplace_back(name, value);
    }
  }
  context.instance().compensations.push_back(std::move(record));
}

void keepCompensations(RunContext& context, std::uint64_t fromScope, std::uint64_t toScope,
                       const std::string& activityId) {
  const CompiledElement& activity = context.process().element(activityId);
  const bool ownHandler = !activity.compensationHandler.empty();
  const ScopeSnapshot* from = context.scope(fromScope);
  if (!ownHandler && from && from->kind == ScopeKind::kFlow && !activity.compensationEventSubProcess.empty()) {
    // Its compensation event sub-process undoes it, with the variables it
    // completed with; what completed inside waits for that handler.
    CompensationSnapshot record;
    record.key = context.newKey();
    record.scopeKey = toScope;
    record.elementId = activityId;
    record.handlerId = activity.compensationEventSubProcess;
    record.variables = from->variables;
    for (auto& inner : context.instance().compensations) {
      if (inner.scopeKey != fromScope) continue;
      inner.scopeKey = 0;
      inner.parkedUnder = record.key;
    }
    context.instance().compensations.push_back(std::move(record));
    return;
  }
  // A sub-process with its own handler undoes itself as a whole (§10.7.1);
  // the iterations of a looping activity are its records.
  if (ownHandler && from && from->kind == ScopeKind::kFlow) {
    std::erase_if(context.instance().compensations, [&](const auto& r) { return r.scopeKey == fromScope; });
    return;
  }
  for (auto& record : context.instance().compensations) {
    if (record.scopeKey != fromScope) continue;
    record.scopeKey = toScope;
    if (record.elementId != activityId) record.within = activityId;
  }
}

void throwCompensation(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& thrower = *context.token(tokenKey);
  thrower.state = TokenState::kWaiting;
  if (context.element(thrower).element->eventKind() == model::EventDefinitionKind::kCancel) {
    context.record(RecordKind::kElementCompleted, thrower.elementId, "endEvent", thrower.elementInstanceKey);
    context.instance().completed.push_back(thrower.elementId);
  }
  compensateNext(context, tokenKey);
}

void compensationHandled(RunContext& context, std::uint64_t handlerScopeKey) {
  const std::uint64_t tokenKey = context.scope(handlerScopeKey)->tokenKey;
  // The activity's compensation boundary event has done its work.
  for (const auto* boundary : context.process().element(context.scope(handlerScopeKey)->compensating).boundaries) {
    if (boundary->eventKind() != model::EventDefinitionKind::kCompensate) continue;
    context.record(RecordKind::kElementCompleted, boundary->id, "boundaryEvent", handlerScopeKey);
    context.instance().completed.push_back(boundary->id);
  }
  std::erase_if(context.instance().scopes, [&](const ScopeSnapshot& s) { return s.key == handlerScopeKey; });
  if (context.token(tokenKey)) compensateNext(context, tokenKey);
}

}  // namespace bpmn::runtime

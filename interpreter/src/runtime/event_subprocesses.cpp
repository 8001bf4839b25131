// Event sub-processes started by timers, messages, signals and conditions (BPMN 2.0.2
// §10.3.5, §13.5.x): when a process or sub-process scope starts, the start
// event of each of its event sub-processes opens a subscription owned by the
// scope (tokenKey 0, scopeKey set). When one fires, an interrupting event
// sub-process ends everything else in the scope (its other subscriptions
// too) and runs in its place; a non-interrupting one runs beside it, and its
// subscription stays open (a timer cycle repeats). The subscriptions close
// with the scope. Error and escalation starts are caught in errors.cpp.
#include <algorithm>

#include "runtime/run_context.h"

namespace bpmn::runtime {

using model::EventDefinitionKind;

namespace {

// The event sub-process whose start event is `startId`, in the scope.
const model::FlowElement* eventSubProcessOf(const RunContext& context, const std::string& scopeElementId,
                                            const std::string& startId) {
  for (const auto& candidate : *context.process().scope(scopeElementId).elements) {
    if (!candidate.isEventSubProcess()) continue;
    for (const auto& inner : candidate.flowElements) {
      if (inner.id == startId) return &candidate;
    }
  }
  return nullptr;
}

}  // namespace

void closeScopeSubscriptions(RunContext& context, std::uint64_t scopeKey) {
  auto& instance = context.instance();
  std::erase_if(instance.timers, [&](const auto& t) { return t.tokenKey == 0 && t.scopeKey == scopeKey; });
  std::erase_if(instance.signalSubscriptions, [&](const auto& s) { return s.tokenKey == 0 && s.scopeKey == scopeKey; });
  std::erase_if(instance.messageSubscriptions,
                [&](const auto& s) { return s.tokenKey == 0 && s.scopeKey == scopeKey; });
  std::erase_if(instance.conditionSubscriptions,
                [&](const auto& s) { return s.tokenKey == 0 && s.scopeKey == scopeKey; });
}

void openEventSubProcesses(RunContext& context, std::uint64_t scopeKey) {
  const std::string scopeElementId = context.scope(scopeKey)->elementId;
  for (const auto& candidate : *context.process().scope(scopeElementId).elements) {
    if (!candidate.isEventSubProcess()) continue;
    for (const auto& start : candidate.flowElements) {
      if (start.kind != model::ElementKind::kStartEvent || start.eventDefinitions.size() != 1) continue;
      std::string error;
      switch (*start.eventKind()) {
        case EventDefinitionKind::kTimer: {
          auto plan = planTimer(
              start.eventDefinitions.front(), context.nowMillis(),
              [&](const FeelExpression& expression) { return context.evaluate(expression, scopeKey); },
              context.process().cronDialect, error);
          if (plan) {
            context.instance().timers.push_back(
                {context.newKey(), 0, start.id, plan->dueMillis, plan->repetitions, plan->intervalMillis, scopeKey});
          }
          break;
        }
        case EventDefinitionKind::kMessage: {
          auto key = correlationKey(context, scopeKey, {}, start, error);
          if (key) {
            context.instance().messageSubscriptions.push_back(
                {0, start.id, messageName(context.process(), start), std::move(*key), scopeKey});
          }
          break;
        }
        case EventDefinitionKind::kSignal:
          context.instance().signalSubscriptions.push_back(
              {0, start.id, signalName(context.process(), start), scopeKey});
          break;
        case EventDefinitionKind::kConditional:
          subscribeCondition(context, 0, scopeKey, start);
          break;
        default:
          break;  // errors and escalations are caught when thrown
      }
      if (!error.empty()) {
        // No token to hold it: the incident names the start event; the
        // event sub-process cannot start in this scope.
        IncidentSnapshot incident{context.newKey(), 0, 0, start.id, error + "; the event sub-process cannot start"};
        context.record(RecordKind::kIncidentRaised, start.id, {}, 0, incident.message);
        context.instance().incidents.push_back(std::move(incident));
      }
    }
  }
}

void triggerEventSubProcess(RunContext& context, std::uint64_t scopeKey, const std::string& startId,
                            const feel::Context& variables) {
  const ScopeSnapshot* scope = context.scope(scopeKey);
  if (!scope) return;
  const model::FlowElement* eventSubProcess = eventSubProcessOf(context, scope->elementId, startId);
  if (!eventSubProcess) return;
  const model::FlowElement& start = *context.process().element(startId).element;
  if (start.isInterrupting.value_or(true)) {
    context.terminateScope(scopeKey, 0);
    closeScopeSubscriptions(context, scopeKey);
  }
  context.setVariables(scopeKey, variables, false);
  context.createToken(scopeKey, eventSubProcess->id, "");
}

}  // namespace bpmn::runtime

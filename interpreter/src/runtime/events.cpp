// Events this engine runs so far (BPMN 2.0.2 §13.5): none start events,
// none and terminate end events, none intermediate throw events. The event
// definitions of issue 5 are refused at deploy (compiled_process.cpp).
#include "runtime/run_context.h"

namespace bpmn::runtime {

using model::ElementKind;

namespace {

// SPEC §13.5.6: an error end event throws its error; nothing catching it is
// an incident, never a silent end.
void throwFromEndEvent(RunContext& context, std::uint64_t tokenKey, const model::FlowElement& event) {
  const std::string code = eventCode(context, event);
  const auto kind = *event.eventKind();
  if (kind == model::EventDefinitionKind::kError && !isCaught(context, tokenKey, kind, code)) {
    // The end event does not complete: its token stays with the incident.
    context.incident(*context.token(tokenKey), "unhandled BPMN error \"" + code + "\"");
    return;
  }
  // The end event completes; the error or escalation leaves from its scope.
  context.record(RecordKind::kElementCompleted, event.id, "endEvent", context.token(tokenKey)->elementInstanceKey);
  context.instance().completed.push_back(event.id);
  raise(context, tokenKey, kind, code, {});
  context.removeToken(tokenKey);  // gone already when a handler ended its scope
}

// SPEC §10.5.6: a link throw continues at the catch of the same name in its
// process level, like an invisible sequence flow.
void throwLink(RunContext& context, std::uint64_t tokenKey, const model::FlowElement& event) {
  const CompiledElement& element = context.element(*context.token(tokenKey));
  const auto& graph = context.process().scope(element.scopeId).graph;
  const auto node = graph.find(event.id);
  for (auto edge : graph.node(*node).outgoing) {
    if (graph.edge(edge).kind != graph::EdgeKind::kLink) continue;
    const std::string target = graph.node(graph.edge(edge).target).element->id;
    context.record(RecordKind::kElementCompleted, event.id, "intermediateThrowEvent",
                   context.token(tokenKey)->elementInstanceKey);
    context.instance().completed.push_back(event.id);
    TokenSnapshot& moving = *context.token(tokenKey);
    moving.elementId = target;
    moving.arrivedVia = "";
    moving.state = TokenState::kReady;
    return;
  }
  context.incident(*context.token(tokenKey), "link \"" + event.eventDefinitions.front().linkName + "\" has no catch");
}

}  // namespace

void enterEvent(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& token = *context.token(tokenKey);
  const model::FlowElement& event = *context.element(token).element;
  context.activated(token);
  switch (event.kind) {
    case ElementKind::kEndEvent:
      // SPEC §13.5.6: a terminate end event ends its scope at once: every
      // other token in it is terminated. A none end event consumes its token.
      if (event.eventKind() == model::EventDefinitionKind::kTerminate) {
        context.terminateScope(token.scopeKey, tokenKey);
      }
      if (event.eventKind() == model::EventDefinitionKind::kSignal) throwSignal(context, event);
      if (event.eventKind() == model::EventDefinitionKind::kError ||
          event.eventKind() == model::EventDefinitionKind::kEscalation) {
        throwFromEndEvent(context, tokenKey, event);
        return;
      }
      if (event.eventKind() == model::EventDefinitionKind::kCompensate) {
        throwCompensation(context, tokenKey);  // ends once the handlers are done
        return;
      }
      if (event.eventKind() == model::EventDefinitionKind::kMessage) {
        if (context.element(token).jobType) {
          createJob(context, tokenKey);  // the worker sends it; the end event ends with the job
          return;
        }
        throwMessage(context, tokenKey);
        if (!context.token(tokenKey) || context.token(tokenKey)->state != TokenState::kReady) return;
      }
      if (event.eventKind() == model::EventDefinitionKind::kCancel) {
        // SPEC §10.5.2 (Cancel): the transaction stops, what completed in it
        // is compensated, then its cancel boundary event is taken.
        context.terminateScope(token.scopeKey, tokenKey);
        throwCompensation(context, tokenKey);
        return;
      }
      context.leave(tokenKey, {});
      return;
    case ElementKind::kIntermediateCatchEvent:
      if (event.eventKind() == model::EventDefinitionKind::kTimer) {
        token.state = TokenState::kWaiting;
        scheduleTimer(context, tokenKey, event);
        return;
      }
      if (event.eventKind() == model::EventDefinitionKind::kSignal) {
        token.state = TokenState::kWaiting;
        subscribeSignal(context, tokenKey, event);
        return;
      }
      if (event.eventKind() == model::EventDefinitionKind::kMessage) {
        token.state = TokenState::kWaiting;
        subscribeMessage(context, tokenKey, event);
        return;
      }
      if (event.eventKind() == model::EventDefinitionKind::kConditional) {
        token.state = TokenState::kWaiting;  // fires as soon as the condition holds, on arrival too
        subscribeCondition(context, tokenKey, 0, event);
        return;
      }
      [[fallthrough]];                 // a link catch passes on
    case ElementKind::kBoundaryEvent:  // a timer fired or an error was caught on its activity
    case ElementKind::kStartEvent:
    case ElementKind::kIntermediateThrowEvent: {
      if (event.kind == ElementKind::kIntermediateThrowEvent &&
          event.eventKind() == model::EventDefinitionKind::kLink) {
        throwLink(context, tokenKey, event);
        return;
      }
      if (event.kind == ElementKind::kIntermediateThrowEvent &&
          event.eventKind() == model::EventDefinitionKind::kMessage) {
        if (context.element(*context.token(tokenKey)).jobType) {
          createJob(context, tokenKey);
          return;
        }
        throwMessage(context, tokenKey);
        if (context.token(tokenKey)->state != TokenState::kReady) return;  // an incident
      }
      if (event.kind == ElementKind::kIntermediateThrowEvent &&
          event.eventKind() == model::EventDefinitionKind::kCompensate) {
        throwCompensation(context, tokenKey);  // goes on once the handlers are done
        return;
      }
      if (event.kind == ElementKind::kIntermediateThrowEvent &&
          event.eventKind() == model::EventDefinitionKind::kSignal) {
        throwSignal(context, event);  // broadcast after this run
      }
      if (event.kind == ElementKind::kIntermediateThrowEvent &&
          event.eventKind() == model::EventDefinitionKind::kEscalation) {
        // SPEC §10.5.4: escalation is not critical: the throwing path goes
        // on unless an interrupting catch ended it.
        raise(context, tokenKey, model::EventDefinitionKind::kEscalation, eventCode(context, event), {});
        if (!context.token(tokenKey)) return;
      }
      auto flows = context.outgoingFlows(*context.token(tokenKey));
      if (flows) context.leave(tokenKey, *flows);
      return;
    }
    default:
      // Refused at deploy; never reached.
      context.incident(token, std::string(elementKindName(event.kind)) + " is not executable");
      return;
  }
}

}  // namespace bpmn::runtime

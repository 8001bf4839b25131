// Signals (BPMN 2.0.2 §10.5.4, "Signal"): a throw broadcasts to every open
// subscription of the name in the engine and starts the processes whose
// start event waits for it. The catch side lives here: subscriptions opened
// by signal catch and boundary events, and what catching one does. The
// broadcast across instances is the engine's (engine.cpp).
#include <algorithm>

#include "runtime/run_context.h"

namespace bpmn::runtime {

std::string signalName(const CompiledProcess& process, const model::FlowElement& event) {
  const std::string& ref = event.eventDefinitions.front().ref;
  for (const auto* signal : process.definitions.globals(model::GlobalElement::Kind::kSignal)) {
    if (signal->id == model::localRef(ref)) return signal->name.empty() ? signal->id : signal->name;
  }
  return std::string(model::localRef(ref));
}

void throwSignal(RunContext& context, const model::FlowElement& event) {
  const std::string name = signalName(context.process(), event);
  context.record(RecordKind::kEventThrown, event.id, {}, 0, "signal \"" + name + "\"");
  context.pendingSignals().push_back(name);
}

void subscribeSignal(RunContext& context, std::uint64_t tokenKey, const model::FlowElement& event) {
  context.instance().signalSubscriptions.push_back({tokenKey, event.id, signalName(context.process(), event), 0});
}

void catchSignal(RunContext& context, std::uint64_t tokenKey, std::uint64_t ownerScopeKey, const std::string& elementId,
                 const feel::Context& variables) {
  auto& subscriptions = context.instance().signalSubscriptions;
  if (tokenKey == 0) {
    const bool open = std::any_of(subscriptions.begin(), subscriptions.end(), [&](const auto& s) {
      return s.tokenKey == 0 && s.scopeKey == ownerScopeKey && s.elementId == elementId;
    });
    if (open) triggerEventSubProcess(context, ownerScopeKey, elementId, variables);
    return;
  }
  const model::FlowElement& event = *context.process().element(elementId).element;
  TokenSnapshot* token = context.token(tokenKey);
  const bool open = std::any_of(subscriptions.begin(), subscriptions.end(),
                                [&](const auto& s) { return s.tokenKey == tokenKey && s.elementId == elementId; });
  if (!token || !open) return;  // closed meanwhile (another event of its gateway won)
  const std::uint64_t scopeKey = token->scopeKey;
  context.setVariables(scopeKey, variables, false);
  if (event.kind == model::ElementKind::kIntermediateCatchEvent) {
    std::erase_if(subscriptions, [&](const auto& s) { return s.tokenKey == tokenKey; });
    passEventBasedGateway(context, tokenKey, elementId);
    auto flows = context.outgoingFlows(*context.token(tokenKey));
    if (flows) context.leave(tokenKey, *flows);
    return;
  }
  // A boundary event: interrupting ones end the activity first.
  if (event.cancelActivity.value_or(true)) context.terminateToken(tokenKey);
  context.createToken(scopeKey, event.id, "");
}

}  // namespace bpmn::runtime

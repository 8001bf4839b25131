// Gateways (BPMN 2.0.2 §13.4): exclusive, parallel and inclusive. The
// inclusive join's firing rule lives in token_runner.cpp
// (RunContext::fireInclusiveJoins): it looks at every token of the scope,
// and runs whenever no token is ready, so a token consumed, terminated or
// diverted anywhere in the scope is taken into account, not only arrivals.
#include <algorithm>
#include <map>

#include "runtime/run_context.h"

namespace bpmn::runtime {

using feel::Context;
using feel::Decimal;
using feel::Value;
using model::ElementKind;

namespace {

const char* kNoFlow = "no outgoing flow matched and no default flow";

// SPEC §13.4.2: the first flow, in document order, whose condition is true;
// else the default flow; else an exception, which here is an incident.
void exclusive(RunContext& context, std::uint64_t tokenKey) {
  context.activated(*context.token(tokenKey));
  const CompiledElement& element = context.element(*context.token(tokenKey));
  const model::FlowElement* fallback = nullptr;
  for (const auto* flow : element.outgoing) {
    if (flow->id == element.element->defaultFlow) {
      fallback = flow;
      continue;
    }
    auto holds = context.conditionHolds(tokenKey, *flow);
    if (!holds) return;
    if (*holds) {
      context.leave(tokenKey, {flow});
      return;
    }
  }
  if (fallback) {
    context.leave(tokenKey, {fallback});
    return;
  }
  context.incident(*context.token(tokenKey), kNoFlow);
}

// SPEC §13.4.1: the join waits for a token on every incoming flow (one per
// flow, whatever the order of the flows in the file; extra tokens on one
// flow wait for the next round), then one token leaves on every outgoing.
void parallel(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& arriving = *context.token(tokenKey);
  const CompiledElement& element = context.element(arriving);
  if (element.incoming.size() > 1) {
    arriving.state = TokenState::kAtJoin;
    std::vector<std::uint64_t> chosen;
    for (const auto* flow : element.incoming) {
      std::uint64_t found = 0;
      for (const auto& token : context.instance().tokens) {
        if (token.scopeKey == arriving.scopeKey && token.elementId == arriving.elementId &&
            token.state == TokenState::kAtJoin && token.arrivedVia == flow->id) {
          found = token.key;
          break;
        }
      }
      if (found == 0) return;  // still waiting for this flow
      chosen.push_back(found);
    }
    // The first chosen token goes on; the others are consumed by the join.
    for (std::size_t i = 1; i < chosen.size(); ++i) context.removeToken(chosen[i]);
    tokenKey = chosen.front();
  }
  context.activated(*context.token(tokenKey));
  context.leave(tokenKey, element.outgoing);
}

}  // namespace

// SPEC §13.4.3: every flow whose condition holds is taken; the default flow
// only when none does; none at all is an exception (an incident).
void splitInclusive(RunContext& context, std::uint64_t tokenKey) {
  context.activated(*context.token(tokenKey));
  const CompiledElement& element = context.element(*context.token(tokenKey));
  std::vector<const model::FlowElement*> taken;
  const model::FlowElement* fallback = nullptr;
  for (const auto* flow : element.outgoing) {
    if (flow->id == element.element->defaultFlow) {
      fallback = flow;
      continue;
    }
    auto holds = context.conditionHolds(tokenKey, *flow);
    if (!holds) return;
    if (*holds) taken.push_back(flow);
  }
  if (taken.empty() && fallback) taken.push_back(fallback);
  if (taken.empty()) {
    context.incident(*context.token(tokenKey), kNoFlow);
    return;
  }
  context.leave(tokenKey, taken);
}

namespace {

ComplexGatewaySnapshot* complexState(RunContext& context, std::uint64_t scopeKey, const std::string& id) {
  for (auto& state : context.instance().complexGateways) {
    if (state.scopeKey == scopeKey && state.elementId == id) return &state;
  }
  return nullptr;
}

}  // namespace

// SPEC §13.4.4: in "waiting for start" the gateway evaluates its
// activationCondition whenever a token arrives, over the tokens waiting on
// its incoming flows (_activationCount in all, _activationCounts by flow
// id). When it holds, one token per flow that has one is consumed, the
// outgoing flows whose conditions hold are taken, and the gateway waits for
// reset.
void tryActivateComplex(RunContext& context, std::uint64_t scopeKey, const std::string& gatewayId) {
  if (complexState(context, scopeKey, gatewayId)) return;  // waiting for reset
  std::map<std::string, std::vector<std::uint64_t>> waiting;
  std::uint64_t anyToken = 0;
  for (const auto& token : context.instance().tokens) {
    if (token.scopeKey == scopeKey && token.elementId == gatewayId && token.state == TokenState::kAtJoin) {
      waiting[token.arrivedVia].push_back(token.key);
      anyToken = token.key;
    }
  }
  if (anyToken == 0) return;
  const CompiledElement& element = context.element(*context.token(anyToken));
  Context counts;
  std::int64_t total = 0;
  for (const auto* flow : element.incoming) {
    auto it = waiting.find(flow->id);
    const auto count = static_cast<std::int64_t>(it == waiting.end() ? 0 : it->second.size());
    counts.emplace_back(flow->id, Value(Decimal(count)));
    total += count;
  }
  const Context extra{{"_activationCount", Value(Decimal(total))}, {"_activationCounts", Value(counts)}};
  auto holds = context.evaluate(*element.activation, scopeKey, extra);
  if (!holds.isOk() || !holds.value().boolean()) {
    context.incident(*context.token(anyToken),
                     "activation condition " + (holds.isOk() ? "is not a boolean: " + toFeelString(holds.value())
                                                             : "failed: " + holds.status().message()));
    return;
  }
  if (!*holds.value().boolean()) return;
  ComplexGatewaySnapshot state{scopeKey, gatewayId, true, {}};
  std::uint64_t continuing = 0;
  for (const auto* flow : element.incoming) {
    auto it = waiting.find(flow->id);
    if (it == waiting.end()) continue;
    state.activatedFlows.push_back(flow->id);
    if (continuing == 0) {
      continuing = it->second.front();
    } else {
      context.removeToken(it->second.front());
    }
  }
  if (state.activatedFlows.size() < element.incoming.size()) context.instance().complexGateways.push_back(state);
  splitInclusive(context, continuing);
}

void enterGateway(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& token = *context.token(tokenKey);
  const CompiledElement& element = context.element(token);
  switch (element.element->kind) {
    case ElementKind::kExclusiveGateway:
      exclusive(context, tokenKey);  // a merge passes every token (§13.4.2)
      return;
    case ElementKind::kParallelGateway:
      parallel(context, tokenKey);
      return;
    case ElementKind::kComplexGateway:
      if (element.incoming.size() > 1) {
        token.state = TokenState::kAtJoin;
        const std::uint64_t scopeKey = token.scopeKey;
        const std::string id = token.elementId;
        tryActivateComplex(context, scopeKey, id);
      } else {
        splitInclusive(context, tokenKey);
      }
      return;
    case ElementKind::kInclusiveGateway:
      if (element.incoming.size() > 1) {
        token.state = TokenState::kAtJoin;  // fired by RunContext::fireInclusiveJoins
      } else {
        splitInclusive(context, tokenKey);
      }
      return;
    case ElementKind::kEventBasedGateway:
      armEventBasedGateway(context, tokenKey);
      return;
    default:
      context.incident(token, std::string(elementKindName(element.element->kind)) + " is not executable");
      return;
  }
}

// SPEC §13.4.5: the event-based gateway waits for the first of the events
// that follow it: one subscription (timer, message or signal) per branch,
// all owned by the gateway's token, so that whichever fires first closes the
// others (Flowable #3562: two timers due together must not both fire).
void armEventBasedGateway(RunContext& context, std::uint64_t tokenKey) {
  context.activated(*context.token(tokenKey));
  context.token(tokenKey)->state = TokenState::kWaiting;
  for (const auto* flow : context.element(*context.token(tokenKey)).outgoing) {
    const model::FlowElement& target = *context.process().element(flow->targetRef).element;
    if (target.kind == ElementKind::kReceiveTask || target.eventKind() == model::EventDefinitionKind::kMessage) {
      subscribeMessage(context, tokenKey, target);
    } else if (target.eventKind() == model::EventDefinitionKind::kTimer) {
      scheduleTimer(context, tokenKey, target);
    } else if (target.eventKind() == model::EventDefinitionKind::kSignal) {
      subscribeSignal(context, tokenKey, target);
    } else if (target.eventKind() == model::EventDefinitionKind::kConditional) {
      subscribeCondition(context, tokenKey, 0, target);
    }
    const auto& incidents = context.instance().incidents;
    if (std::any_of(incidents.begin(), incidents.end(), [&](const auto& i) { return i.tokenKey == tokenKey; })) {
      return;  // a timer or correlation key that does not evaluate stops it
    }
  }
}

bool passEventBasedGateway(RunContext& context, std::uint64_t tokenKey, const std::string& eventId) {
  TokenSnapshot* token = context.token(tokenKey);
  if (!token || token->elementId == eventId ||
      context.element(*token).element->kind != ElementKind::kEventBasedGateway) {
    return false;
  }
  for (const auto* flow : context.element(*token).outgoing) {
    if (flow->targetRef != eventId) continue;
    context.leave(tokenKey, {flow});  // closes every subscription of the gateway
    context.activated(*context.token(tokenKey));
    return true;
  }
  return false;
}

}  // namespace bpmn::runtime

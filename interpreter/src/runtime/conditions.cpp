// Conditional events (BPMN 2.0.2 §10.5.4, "Conditional"): "triggered when
// a condition becomes true". A conditional catch event, event-based gateway
// branch, boundary event or event sub-process start opens a condition
// subscription; whenever the instance has come to rest after its variables
// changed (RunContext::run), every open condition is evaluated in its scope.
// A catch or gateway branch fires as soon as its condition holds (already on
// arrival); a boundary event or event sub-process start fires when its
// condition goes from false to true, so a non-interrupting one fires once
// per change, not on every step. A condition that gives no boolean (null
// while its variables are unset) does not hold; one that fails to evaluate
// is an incident on its token.
#include <algorithm>

#include "runtime/run_context.h"

namespace bpmn::runtime {

namespace {

// The condition's value for a subscription, or empty after an incident.
std::optional<bool> holds(RunContext& context, const ConditionSubscriptionSnapshot& subscription) {
  const CompiledElement& event = context.process().element(subscription.elementId);
  const TokenSnapshot* token = subscription.tokenKey ? context.token(subscription.tokenKey) : nullptr;
  const std::uint64_t scopeKey = token ? token->scopeKey : subscription.scopeKey;
  const feel::Context locals = token ? token->locals : feel::Context{};
  auto value = context.evaluate(*event.eventCondition, scopeKey, locals);
  if (value.isOk()) return value.value().boolean() && *value.value().boolean();
  if (TokenSnapshot* owner = subscription.tokenKey ? context.token(subscription.tokenKey) : nullptr) {
    context.incident(*owner, "condition of \"" + subscription.elementId + "\" failed: " + value.status().message());
  }
  return std::nullopt;
}

void fire(RunContext& context, const ConditionSubscriptionSnapshot& subscription) {
  const model::FlowElement& event = *context.process().element(subscription.elementId).element;
  auto& subscriptions = context.instance().conditionSubscriptions;
  if (subscription.tokenKey == 0) {
    triggerEventSubProcess(context, subscription.scopeKey, subscription.elementId, {});
    return;
  }
  if (event.kind == model::ElementKind::kBoundaryEvent) {
    const TokenSnapshot* activity = context.token(subscription.tokenKey);
    if (!activity) return;
    const std::uint64_t scopeKey = activity->scopeKey;
    if (event.cancelActivity.value_or(true)) context.terminateToken(subscription.tokenKey);
    context.createToken(scopeKey, event.id, "");
    return;
  }
  // A catch event, perhaps after an event-based gateway.
  std::erase_if(subscriptions, [&](const auto& s) { return s.tokenKey == subscription.tokenKey; });
  passEventBasedGateway(context, subscription.tokenKey, subscription.elementId);
  auto flows = context.outgoingFlows(*context.token(subscription.tokenKey));
  if (flows) context.leave(subscription.tokenKey, *flows);
}

}  // namespace

void subscribeCondition(RunContext& context, std::uint64_t tokenKey, std::uint64_t scopeKey,
                        const model::FlowElement& event) {
  ConditionSubscriptionSnapshot subscription{tokenKey, event.id, scopeKey, false};
  // A boundary event or event sub-process waits for its condition to become
  // true: what holds already does not trigger it.
  const bool edge = event.kind == model::ElementKind::kBoundaryEvent || tokenKey == 0;
  if (edge) {
    auto now = holds(context, subscription);
    if (!now) return;
    subscription.satisfied = *now;
  }
  context.instance().conditionSubscriptions.push_back(subscription);
  context.conditionsChanged();
}

bool evaluateConditions(RunContext& context) {
  auto& subscriptions = context.instance().conditionSubscriptions;
  const std::vector<ConditionSubscriptionSnapshot> open = subscriptions;
  std::vector<ConditionSubscriptionSnapshot> firing;
  for (const auto& subscription : open) {
    auto now = holds(context, subscription);
    if (!now) continue;
    for (auto& stored : subscriptions) {
      if (stored.tokenKey != subscription.tokenKey || stored.scopeKey != subscription.scopeKey ||
          stored.elementId != subscription.elementId) {
        continue;
      }
      if (*now && !stored.satisfied) firing.push_back(stored);
      stored.satisfied = *now;
    }
  }
  for (const auto& subscription : firing) {
    // An earlier firing may have closed it (an interrupting one ends the rest).
    const bool stillOpen = std::any_of(subscriptions.begin(), subscriptions.end(), [&](const auto& s) {
      return s.tokenKey == subscription.tokenKey && s.scopeKey == subscription.scopeKey &&
             s.elementId == subscription.elementId;
    });
    if (stillOpen) fire(context, subscription);
  }
  return !firing.empty();
}

}  // namespace bpmn::runtime

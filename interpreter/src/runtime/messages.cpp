// Messages (BPMN 2.0.2 §10.5.4 "Message", Zeebe's correlation rules): a
// message catch event, a receive task or a message boundary event opens a
// subscription with the message's name and a correlation key computed when
// it opens (zeebe:subscription correlationKey, FEEL after "="). Publishing
// and buffering are the engine's (engine.cpp); this file is the catch side.
#include <algorithm>

#include "bpmn/model/vendor.h"
#include "runtime/run_context.h"

namespace bpmn::runtime {

namespace {

const model::GlobalElement* messageOf(const CompiledProcess& process, const model::FlowElement& element) {
  const std::string& ref =
      element.kind == model::ElementKind::kReceiveTask || element.kind == model::ElementKind::kSendTask
          ? element.messageRef
          : element.eventDefinitions.front().ref;
  for (const auto* message : process.definitions.globals(model::GlobalElement::Kind::kMessage)) {
    if (message->id == model::localRef(ref)) return message;
  }
  return nullptr;
}

}  // namespace

std::string messageName(const CompiledProcess& process, const model::FlowElement& element) {
  const model::GlobalElement* message = messageOf(process, element);
  if (!message) return {};
  return message->name.empty() ? message->id : message->name;
}

std::optional<std::string> correlationKey(RunContext& context, std::uint64_t scopeKey, const feel::Context& locals,
                                          const model::FlowElement& element, std::string& error) {
  const model::GlobalElement* message = messageOf(context.process(), element);
  if (!message) return std::string();
  auto compiled = context.process().messageKeys.find(message->id);
  if (compiled == context.process().messageKeys.end()) return std::string();
  const MessageKey& key = compiled->second;
  if (key.expressions.empty()) return key.literal;
  feel::List values;
  for (const auto& expression : key.expressions) {
    auto value = context.evaluate(expression, scopeKey, locals);
    if (!value.isOk() || value.value().isNull()) {
      error = "correlation key " + key.text + " gave no value" +
              (value.isOk() ? std::string() : ": " + value.status().message());
      return std::nullopt;
    }
    values.push_back(value.value());
  }
  const feel::Value result = values.size() == 1 ? values.front() : feel::Value(values);
  return result.string() ? *result.string() : feel::toFeelString(result);
}

namespace {

// The same for a token, with its locals; a failure is an incident on it.
std::optional<std::string> correlationKey(RunContext& context, std::uint64_t tokenKey,
                                          const model::FlowElement& element) {
  std::string error;
  const TokenSnapshot& token = *context.token(tokenKey);
  auto key = correlationKey(context, token.scopeKey, token.locals, element, error);
  if (!key) context.incident(*context.token(tokenKey), error);
  return key;
}

}  // namespace

void subscribeMessage(RunContext& context, std::uint64_t tokenKey, const model::FlowElement& element) {
  auto key = correlationKey(context, tokenKey, element);
  if (!key) return;
  context.instance().messageSubscriptions.push_back(
      {tokenKey, element.id, messageName(context.process(), element), std::move(*key), 0});
}

void throwMessage(RunContext& context, std::uint64_t tokenKey) {
  const CompiledElement& element = context.element(*context.token(tokenKey));
  auto key = correlationKey(context, tokenKey, *element.element);
  if (!key) return;
  context.record(RecordKind::kEventThrown, element.element->id, {}, 0, "message \"" + element.messageName + "\"");
  context.pendingMessages().push_back(
      {element.messageName, std::move(*key), context.token(tokenKey)->locals, element.messageTargets});
}

void catchMessage(RunContext& context, std::uint64_t tokenKey, std::uint64_t ownerScopeKey,
                  const std::string& elementId, const feel::Context& variables) {
  auto& subscriptions = context.instance().messageSubscriptions;
  if (tokenKey == 0) {
    triggerEventSubProcess(context, ownerScopeKey, elementId, variables);
    return;
  }
  const model::FlowElement& element = *context.process().element(elementId).element;
  TokenSnapshot* token = context.token(tokenKey);
  if (!token) return;
  const std::uint64_t scopeKey = token->scopeKey;
  context.setVariables(scopeKey, variables, false);
  if (element.kind != model::ElementKind::kBoundaryEvent) {
    // A catch event or receive task (perhaps after an event-based gateway):
    // it completes with the message.
    std::erase_if(subscriptions, [&](const auto& s) { return s.tokenKey == tokenKey; });
    passEventBasedGateway(context, tokenKey, elementId);
    auto flows = context.outgoingFlows(*context.token(tokenKey));
    if (flows) context.leave(tokenKey, *flows);
    return;
  }
  if (element.cancelActivity.value_or(true)) context.terminateToken(tokenKey);
  context.createToken(scopeKey, element.id, "");
}

}  // namespace bpmn::runtime

// Ad-hoc sub-processes (BPMN 2.0.2 §10.3.5, §13.3.5 "Ad-Hoc Sub-Process"):
// inner activities run when activated, not by a fixed order of the whole.
// On entry the elements `zeebe:adHoc activeElementsCollection` names start
// (FEEL over the enclosing scope, a list of element ids), or without it every
// inner element no sequence flow leads to; inner sequence flows run as
// usual. `ordering="Sequential"` starts them one at a time, each when nothing
// else runs inside. More can be started while it runs
// (Engine::activateAdHocElements). It completes, whenever it comes to rest,
// once its completionCondition holds (ending what still runs unless
// cancelRemainingInstances="false", then waiting for it), or without a
// condition once nothing runs inside.
#include <algorithm>

#include "runtime/run_context.h"

namespace bpmn::runtime {

namespace {

bool startable(const model::FlowElement& adHoc, const std::string& id) {
  return std::any_of(adHoc.flowElements.begin(), adHoc.flowElements.end(), [&](const model::FlowElement& inner) {
    return inner.id == id && isFlowNode(inner.kind) && inner.kind != model::ElementKind::kBoundaryEvent &&
           inner.kind != model::ElementKind::kStartEvent && !inner.isEventSubProcess() &&
           !inner.isForCompensation.value_or(false);
  });
}

void complete(RunContext& context, std::uint64_t scopeKey) {
  const ScopeSnapshot scope = *context.scope(scopeKey);
  context.terminateScope(scopeKey, 0);
  keepCompensations(context, scopeKey, scope.parentKey, scope.elementId);
  closeScopeSubscriptions(context, scopeKey);
  std::erase_if(context.instance().scopes, [&](const ScopeSnapshot& s) { return s.key == scopeKey; });
  auto flows = context.outgoingFlows(*context.token(scope.tokenKey));
  if (flows) context.leave(scope.tokenKey, *flows);
}

}  // namespace

void startAdHoc(RunContext& context, std::uint64_t tokenKey) {
  const CompiledElement& element = context.element(*context.token(tokenKey));
  const model::FlowElement& adHoc = *element.element;
  std::vector<std::string> entries;
  if (element.activeElements) {
    auto value = context.evaluate(*element.activeElements, context.token(tokenKey)->scopeKey);
    const feel::List* ids = value.isOk() ? value.value().list() : nullptr;
    if (!ids) {
      context.incident(
          *context.token(tokenKey),
          "active elements collection " + (value.isOk() ? "is not a list: " + feel::toFeelString(value.value())
                                                        : "failed: " + value.status().message()));
      return;
    }
    for (const auto& id : *ids) {
      if (!id.string() || !startable(adHoc, *id.string())) {
        context.incident(*context.token(tokenKey), "active elements collection names " + feel::toFeelString(id) +
                                                       ", which is not an element of the ad-hoc sub-process");
        return;
      }
      entries.push_back(*id.string());
    }
  } else {
    const auto& graph = context.process().scope(adHoc.id).graph;
    for (auto entry : graph.entryNodes()) {
      const model::FlowElement& inner = *graph.node(entry).element;
      if (startable(adHoc, inner.id)) entries.push_back(inner.id);
    }
  }
  const std::uint64_t scopeKey = openSubProcessScope(context, tokenKey);
  if (element.sequential && !entries.empty()) {
    context.scope(scopeKey)->pendingActivations.assign(entries.begin() + 1, entries.end());
    entries.resize(1);
  }
  for (const auto& entry : entries) context.createToken(scopeKey, entry, "");
}

bool settleAdHoc(RunContext& context, std::uint64_t scopeKey) {
  const ScopeSnapshot& scope = *context.scope(scopeKey);
  const CompiledElement& element = context.process().element(scope.elementId);
  const auto& tokens = context.instance().tokens;
  const bool running =
      std::any_of(tokens.begin(), tokens.end(), [&](const TokenSnapshot& t) { return t.scopeKey == scopeKey; });
  if (element.adHocCompletion) {
    auto value = context.evaluate(*element.adHocCompletion, scopeKey);
    if (!value.isOk() || !value.value().boolean()) {
      if (!value.isOk() || !value.value().isNull()) {
        // An incident on the ad-hoc sub-process; resolving it runs it again.
        const std::uint64_t owner = scope.tokenKey;
        context.terminateScope(scopeKey, 0);
        std::erase_if(context.instance().scopes, [&](const ScopeSnapshot& s) { return s.key == scopeKey; });
        context.incident(
            *context.token(owner),
            "completion condition " + (value.isOk() ? "is not a boolean: " + feel::toFeelString(value.value())
                                                    : "failed: " + value.status().message()));
        return true;
      }
    } else if (*value.value().boolean() && (!running || element.cancelRemaining)) {
      complete(context, scopeKey);
      return true;
    }
  }
  if (running) return false;
  ScopeSnapshot& idle = *context.scope(scopeKey);
  if (!idle.pendingActivations.empty()) {
    const std::string next = idle.pendingActivations.front();
    idle.pendingActivations.erase(idle.pendingActivations.begin());
    context.createToken(scopeKey, next, "");
    return true;
  }
  if (element.adHocCompletion) return false;  // waits to be given more to do
  complete(context, scopeKey);
  return true;
}

Status activateInAdHoc(RunContext& context, std::uint64_t scopeKey, const std::vector<std::string>& elementIds) {
  const model::FlowElement& adHoc = *context.process().element(context.scope(scopeKey)->elementId).element;
  for (const auto& id : elementIds) {
    if (!startable(adHoc, id)) {
      return Status::invalidArgument("\"" + id + "\" is not an element of ad-hoc sub-process \"" + adHoc.id +
                                     "\" that can be started");
    }
  }
  for (const auto& id : elementIds) context.createToken(scopeKey, id, "");
  return Status::ok();
}

}  // namespace bpmn::runtime

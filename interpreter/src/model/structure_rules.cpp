// Structure rules: how flows may attach to events and gateways (BPMN 2.0.2
// §10.5 and §10.6). They apply to every process: a start event with an
// incoming flow is wrong on paper too.
#include <algorithm>
#include <unordered_map>

#include "model/validation_context.h"

namespace bpmn::validation {
namespace {

using namespace model;

struct Flows {
  std::vector<const FlowElement*> incoming;
  std::vector<const FlowElement*> outgoing;
};

std::vector<std::string_view> idsOf(const std::vector<const FlowElement*>& flows) {
  std::vector<std::string_view> ids;
  for (const auto* flow : flows) ids.push_back(flow->id);
  return ids;
}

bool hasCondition(const FlowElement& flow) { return flow.conditionExpression.has_value(); }

void checkGateway(Context& context, const FlowElement& gateway, const Flows& flows,
                  const std::unordered_map<std::string_view, const FlowElement*>& nodes) {
  const std::string type(elementKindName(gateway.kind));
  const bool instantiating = gateway.kind == ElementKind::kEventBasedGateway && gateway.instantiate.value_or(false);
  if (flows.incoming.empty() && !instantiating) {
    context.report(gateway, Severity::kError, type + " has no incoming sequence flow");
  }
  if (flows.outgoing.empty()) {
    context.report(gateway, Severity::kError, type + " has no outgoing sequence flow");
  }
  if (flows.incoming.size() == 1 && flows.outgoing.size() == 1 && gateway.kind != ElementKind::kEventBasedGateway) {
    // SPEC §10.6: "A Gateway MUST have either multiple incoming Sequence
    // Flows or multiple outgoing Sequence Flows"; engines still run it.
    context.report(gateway, Severity::kWarning,
                   type + " neither splits nor joins (one incoming and one outgoing flow)");
  }

  if (gateway.kind == ElementKind::kParallelGateway) {
    // SPEC §10.6.4: a parallel gateway does not evaluate conditions.
    for (const auto* flow : flows.outgoing) {
      if (hasCondition(*flow)) {
        context.report(*flow, Severity::kError,
                       "a sequence flow leaving parallelGateway \"" + gateway.id + "\" must not have a condition");
      }
    }
  } else if (gateway.kind == ElementKind::kEventBasedGateway) {
    // SPEC §10.6.6: "Event-Based Gateway MUST have two or more outgoing
    // Sequence Flows"; their targets are catch events or receive tasks.
    if (flows.outgoing.size() == 1) {
      context.report(gateway, Severity::kError, "an event-based gateway needs at least two outgoing sequence flows");
    }
    for (const auto* flow : flows.outgoing) {
      if (hasCondition(*flow)) {
        context.report(*flow, Severity::kError,
                       "a sequence flow leaving eventBasedGateway \"" + gateway.id + "\" must not have a condition");
      }
      auto target = nodes.find(flow->targetRef);
      if (target == nodes.end()) continue;
      const ElementKind kind = target->second->kind;
      if (kind != ElementKind::kIntermediateCatchEvent && kind != ElementKind::kReceiveTask) {
        context.report(gateway, Severity::kError,
                       "target \"" + flow->targetRef + "\" of an event-based gateway is " +
                           withArticle(elementKindName(kind)) +
                           "; it must be an intermediate catch event or a receive task");
      }
    }
  } else {  // exclusive, inclusive, complex: the kinds with a default flow
    for (const auto* flow : flows.outgoing) {
      if (flow->id == gateway.defaultFlow && hasCondition(*flow)) {
        // SPEC §8.3.9 (Gateway, default): "The default Sequence Flow
        // should not have a conditionExpression. Any such Expression SHALL
        // be ignored." Camunda ignores it too and runs such files (its
        // modeler writes them), so this is said, never refused.
        context.report(*flow, Severity::kWarning,
                       "the default flow of " + type + " \"" + gateway.id +
                           "\" has a condition, which is ignored; remove it or choose another default");
      }
    }
  }
}

void checkScope(Context& context, const Scope& scope) {
  std::unordered_map<std::string_view, Flows> flows;
  std::unordered_map<std::string_view, const FlowElement*> nodes;
  for (const auto& element : *scope.elements) {
    if (element.kind == ElementKind::kSequenceFlow) {
      flows[element.sourceRef].outgoing.push_back(&element);
      flows[element.targetRef].incoming.push_back(&element);
    } else if (isFlowNode(element.kind)) {
      nodes.emplace(element.id, &element);
    }
  }

  for (const auto& element : *scope.elements) {
    if (!isFlowNode(element.kind)) continue;
    const Flows& own = flows[element.id];
    if (element.kind == ElementKind::kStartEvent && !own.incoming.empty()) {
      // SPEC §10.5.2: "A Start Event MUST NOT be a target for Sequence Flows".
      context.report(element, Severity::kError,
                     "a start event must not have incoming sequence flows " + quotedList(idsOf(own.incoming)));
    }
    if (element.kind == ElementKind::kEndEvent && !own.outgoing.empty()) {
      // SPEC §10.5.3: "An End Event MUST NOT be a source for Sequence Flows".
      context.report(element, Severity::kError,
                     "an end event must not have outgoing sequence flows " + quotedList(idsOf(own.outgoing)));
    }
    if (element.kind == ElementKind::kBoundaryEvent && !own.incoming.empty()) {
      // SPEC §10.5.4: "A Boundary Event MUST NOT be a target for Sequence Flows".
      context.report(element, Severity::kError,
                     "a boundary event must not have incoming sequence flows " + quotedList(idsOf(own.incoming)));
    }
    if (element.isEventSubProcess()) {
      std::vector<const FlowElement*> attached = own.incoming;
      attached.insert(attached.end(), own.outgoing.begin(), own.outgoing.end());
      if (!attached.empty()) {
        // SPEC §10.3.5: an event sub-process "MUST NOT have any incoming or
        // outgoing Sequence Flows".
        context.report(
            element, Severity::kError,
            "an event sub-process must not have incoming or outgoing sequence flows " + quotedList(idsOf(attached)));
      }
      const auto starts =
          std::count_if(element.flowElements.begin(), element.flowElements.end(),
                        [](const FlowElement& inner) { return inner.kind == ElementKind::kStartEvent; });
      if (starts != 1) {
        context.report(element, Severity::kError,
                       "an event sub-process needs exactly one start event, found " + std::to_string(starts));
      }
    }
    if (isGateway(element.kind)) checkGateway(context, element, own, nodes);
  }
}

}  // namespace

void checkStructure(Context& context) {
  for (const auto& scope : context.scopes()) checkScope(context, scope);
}

}  // namespace bpmn::validation

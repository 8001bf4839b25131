// Execution rules: what an executable process needs so that the engine can
// run it, and what the engine refuses to run (named, never silently skipped).
// Processes marked isExecutable="false" are documentation and skip these.
#include <algorithm>
#include <cctype>

#include "bpmn/limits.h"
#include "bpmn/model/namespaces.h"
#include "bpmn/model/vendor.h"
#include "graph/process_graph.h"
#include "model/validation_context.h"

namespace bpmn::validation {
namespace {

using namespace model;

bool isFeel(std::string_view format) {
  std::string lower;
  for (char c : format) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower == "feel" || lower == "text/feel" || lower == "text/x-feel";
}

bool hasJob(const FlowElement& element) { return vendor::taskDefinition(element).has_value(); }

void checkScript(Context& context, const FlowElement& task) {
  if (hasJob(task)) return;
  if (!vendor::camundaAttribute(task, "resource").empty()) {
    context.report(task, Severity::kError,
                   "camunda:resource=\"" + std::string(vendor::camundaAttribute(task, "resource")) +
                       "\" loads a script from outside the model, which this engine does not do");
    return;
  }
  auto script = vendor::script(task);
  if (!script) {
    context.report(task, Severity::kError,
                   "script task has no script: give it a FEEL zeebe:script, a FEEL script body, or a job "
                   "(zeebe:taskDefinition)");
  } else if (!isFeel(script->format)) {
    const std::string format = script->format.empty() ? "(none)" : "\"" + script->format + "\"";
    context.report(task, Severity::kError,
                   "scriptFormat " + format + " is not supported: this engine runs FEEL scripts only");
  }
}

void checkBusinessRule(Context& context, const FlowElement& task) {
  std::string decision;
  auto called = vendor::extensions(task, ns::kZeebe, "calledDecision");
  if (!called.empty()) decision = called.front()->attribute("decisionId");
  if (decision.empty()) decision = vendor::camundaAttribute(task, "decisionRef");
  if (decision.empty()) return;
  context.report(task, Severity::kError,
                 "business rule task calls DMN decision \"" + decision +
                     "\", and this engine does not evaluate DMN; implement the rule as a job (zeebe:taskDefinition)");
}

bool isMessageCatch(const FlowElement& element) {
  return element.kind == ElementKind::kStartEvent || element.kind == ElementKind::kIntermediateCatchEvent ||
         element.kind == ElementKind::kBoundaryEvent;
}

void checkEvent(Context& context, const FlowElement& event) {
  if (event.eventDefinitions.size() > 1) {
    context.report(event, Severity::kError,
                   "an event with " + std::to_string(event.eventDefinitions.size()) +
                       " event definitions (a multiple event) is not supported; model one event per trigger");
  }
  if (!event.eventDefinitionRefs.empty()) {
    context.report(event, Severity::kError,
                   "eventDefinitionRef is not supported; define the event definition inside the event");
  }
  for (const auto& definition : event.eventDefinitions) {
    switch (definition.kind) {
      case EventDefinitionKind::kTimer:
        if (!definition.timeDate && !definition.timeDuration && !definition.timeCycle) {
          context.report(event, Severity::kError,
                         "timerEventDefinition has none of timeDate, timeDuration or timeCycle");
        }
        break;
      case EventDefinitionKind::kMessage:
        if (isMessageCatch(event) && definition.ref.empty()) {
          context.report(event, Severity::kError,
                         "a message catch event needs a messageRef: no message could be correlated to it");
        }
        break;
      case EventDefinitionKind::kSignal:
        if (definition.ref.empty()) context.report(event, Severity::kError, "signalEventDefinition has no signalRef");
        break;
      case EventDefinitionKind::kError:
        if (event.kind == ElementKind::kEndEvent && definition.ref.empty()) {
          context.report(event, Severity::kError,
                         "an error end event needs an errorRef: it must say which error it throws");
        }
        if (event.kind == ElementKind::kBoundaryEvent && !event.cancelActivity.value_or(true)) {
          // SPEC §10.5.4: an error boundary event always interrupts.
          context.report(event, Severity::kError,
                         "an error boundary event always interrupts; cancelActivity=\"false\" is not allowed");
        }
        break;
      case EventDefinitionKind::kEscalation:
      case EventDefinitionKind::kCompensate:
      case EventDefinitionKind::kConditional:
      case EventDefinitionKind::kLink:
      case EventDefinitionKind::kCancel:
      case EventDefinitionKind::kTerminate:
        break;
    }
  }
}

// A literal loopCardinality above the engine's limit would only fail when
// the activity starts; say it at deploy. (Computed ones are checked then.)
void checkLoop(Context& context, const FlowElement& activity) {
  if (!activity.loop || !activity.loop->multiInstance || !activity.loop->loopCardinality) return;
  std::string_view text = activity.loop->loopCardinality->body;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.starts_with("=")) text.remove_prefix(1);
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
  const std::string_view significant = text.substr(std::min(text.find_first_not_of('0'), text.size()));
  const std::string limit = std::to_string(limits::kLoopInstances);
  if (significant.size() > limit.size() || (significant.size() == limit.size() && significant > limit)) {
    context.report(activity, Severity::kError,
                   "loopCardinality " + std::string(text) + " is more than the " + limit +
                       " instances a multi-instance activity may have");
  }
}

// An exclusive or inclusive split must be able to choose: every outgoing
// flow but the default needs a condition.
void checkSplit(Context& context, const FlowElement& gateway, const std::vector<const FlowElement*>& outgoing) {
  if (outgoing.size() < 2) return;
  for (const auto* flow : outgoing) {
    if (flow->conditionExpression || (!flow->id.empty() && flow->id == gateway.defaultFlow)) continue;
    context.report(*flow, Severity::kError,
                   "leaves the split " + std::string(elementKindName(gateway.kind)) + " \"" + gateway.id +
                       "\" without a condition and is not its default flow");
  }
}

// BPMN elements the model does not type, kept verbatim inside a process.
void checkUntyped(Context& context, const std::vector<XmlElement>& children) {
  for (const auto& child : children) {
    const std::string_view local = child.localName();
    if (child.nsUri != ns::kBpmn) continue;
    if (isUntypedFlowNode(local)) {
      context.error(child.location, local, child.attribute("id"),
                    std::string(local) + " is not executable: this engine does not run it");
    }
  }
}

void checkGraph(Context& context, const Scope& scope) {
  const auto graph = graph::ProcessGraph::build(*scope.elements, *scope.artifacts);
  const graph::NodeSet reachable = graph.reachableFromEntries();
  const graph::NodeSet ending = graph.canReachEnd();
  for (graph::NodeIndex node = 0; node < graph.nodeCount(); ++node) {
    const FlowElement& element = *graph.node(node).element;
    // A boundary event is as reachable as its activity, which is reported.
    if (!reachable[node] && element.kind != ElementKind::kBoundaryEvent) {
      context.report(element, Severity::kWarning, "unreachable: no path leads here from where the scope starts");
    } else if (!ending[node]) {
      context.report(element, Severity::kWarning, "cannot reach an end: every path from here loops forever");
    }
    if (element.kind == ElementKind::kIntermediateThrowEvent) {
      for (const auto& definition : element.eventDefinitions) {
        if (definition.kind != EventDefinitionKind::kLink) continue;
        const auto& out = graph.node(node).outgoing;
        const bool linked = std::any_of(out.begin(), out.end(), [&](graph::EdgeIndex edge) {
          return graph.edge(edge).kind == graph::EdgeKind::kLink;
        });
        if (!linked) {
          context.report(element, Severity::kError,
                         "link \"" + definition.linkName + "\" has no catching link event in " + describeScope(scope));
        }
      }
    }
  }
  for (const auto& cycle : graph.cyclesWithoutWaitState()) {
    std::vector<std::string_view> ids;
    for (auto node : cycle) ids.push_back(graph.node(node).element->id);
    context.report(*graph.node(cycle.front()).element, Severity::kWarning,
                   "these elements form a loop without a wait state " + quotedList(ids) +
                       "; a run that takes it is cut off by the step budget");
  }
}

void checkScope(Context& context, const Scope& scope) {
  std::unordered_map<std::string_view, std::vector<const FlowElement*>> outgoing;
  for (const auto& element : *scope.elements) {
    if (element.kind == ElementKind::kSequenceFlow) outgoing[element.sourceRef].push_back(&element);
  }
  for (const auto& element : *scope.elements) {
    for (const auto& construct : vendor::javaOnlyConstructs(element)) {
      context.report(element, Severity::kError,
                     construct +
                         " is Java code, which this engine does not run; use a job worker "
                         "(zeebe:taskDefinition or camunda:type=\"external\")");
    }
    if (element.kind == ElementKind::kScriptTask) checkScript(context, element);
    if (element.kind == ElementKind::kBusinessRuleTask) checkBusinessRule(context, element);
    if (isEvent(element.kind)) checkEvent(context, element);
    checkLoop(context, element);
    if (element.kind == ElementKind::kExclusiveGateway || element.kind == ElementKind::kInclusiveGateway) {
      checkSplit(context, element, outgoing[element.id]);
    }
  }
  checkUntyped(context, scope.owner != nullptr ? scope.owner->otherChildren : scope.process->otherChildren);
  checkGraph(context, scope);
}

}  // namespace

void checkExecution(Context& context) {
  for (const auto& scope : context.scopes()) {
    if (context.runs(scope)) checkScope(context, scope);
  }
}

}  // namespace bpmn::validation

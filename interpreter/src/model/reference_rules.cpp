// Reference rules: every id an element points at must exist, have the right
// type, and (for sequence flows and boundary events) sit in the same scope.
// They apply to every process, executable or not: a broken reference breaks
// the drawing as much as the run.
#include <algorithm>

#include "bpmn/model/namespaces.h"
#include "bpmn/model/vendor.h"
#include "model/validation_context.h"

namespace bpmn::validation {
namespace {

using namespace model;

// A flow node reference of `element` (a sequence flow's sourceRef, a
// boundary event's attachedToRef): present, a flow node, in `scope`.
// Returns the node when all holds.
const FlowElement* checkNodeRef(Context& context, const FlowElement& element, const Scope& scope,
                                std::string_view attribute, const std::string& ref, bool activityOnly) {
  const std::string name(attribute);
  if (ref.empty()) {
    context.report(element, Severity::kError, name + " is missing");
    return nullptr;
  }
  const Indexed* target = context.find(ref);
  if (target == nullptr) {
    context.report(element, Severity::kError, name + " \"" + ref + "\" does not name an element of this file");
    return nullptr;
  }
  if (isUntypedFlowNode(target->type)) return nullptr;  // reported as not executable
  const FlowElement* node = target->flowElement;
  const bool rightKind = node != nullptr && (activityOnly ? isActivity(node->kind) : isFlowNode(node->kind));
  if (!rightKind) {
    context.report(element, Severity::kError,
                   name + " \"" + ref + "\" is " + withArticle(target->type) + ", not " +
                       (activityOnly ? "an activity" : "a flow node"));
    return nullptr;
  }
  if (target->scope != &scope) {
    const char* what = element.kind == ElementKind::kSequenceFlow ? "a sequence flow cannot cross a scope boundary"
                                                                  : "a boundary event belongs to its activity's scope";
    context.report(element, Severity::kError,
                   name + " \"" + ref + "\" lies in " + describeScope(*target->scope) + ", but this " +
                       std::string(elementKindName(element.kind)) + " is in " + describeScope(scope) + ": " + what);
    return nullptr;
  }
  return node;
}

// messageRef, signalRef, errorRef, escalationRef: an optional reference to a
// root element of one kind.
void checkGlobalRef(Context& context, const SourceLocation& where, std::string_view type, std::string_view id,
                    std::string_view attribute, const std::string& ref, GlobalElement::Kind kind) {
  if (ref.empty()) return;
  const Indexed* target = context.find(ref);
  if (target != nullptr && target->global != nullptr && target->global->kind == kind) return;
  if (target == nullptr && (kind == GlobalElement::Kind::kError || kind == GlobalElement::Kind::kEscalation)) {
    // Camunda 7 models name errors by code without an <error> element; its
    // engine then takes the reference as the code, and so does this one.
    context.warning(where, type, id,
                    std::string(attribute) + " \"" + ref + "\" names no " + std::string(globalKindName(kind)) +
                        " of this file; \"" + ref + "\" is taken as the " + std::string(globalKindName(kind)) +
                        " code");
    return;
  }
  context.error(
      where, type, id,
      std::string(attribute) + " \"" + ref + "\" does not name " + withArticle(globalKindName(kind)) + " of this file");
}

// The root element kind an event definition's ref must name, if any.
std::optional<GlobalElement::Kind> referencedGlobal(EventDefinitionKind kind) {
  switch (kind) {
    case EventDefinitionKind::kMessage:
      return GlobalElement::Kind::kMessage;
    case EventDefinitionKind::kSignal:
      return GlobalElement::Kind::kSignal;
    case EventDefinitionKind::kError:
      return GlobalElement::Kind::kError;
    case EventDefinitionKind::kEscalation:
      return GlobalElement::Kind::kEscalation;
    case EventDefinitionKind::kCompensate:
    case EventDefinitionKind::kTimer:
    case EventDefinitionKind::kConditional:
    case EventDefinitionKind::kLink:
    case EventDefinitionKind::kCancel:
    case EventDefinitionKind::kTerminate:
      return std::nullopt;
  }
  return std::nullopt;
}

void checkEventDefinitions(Context& context, const FlowElement& event) {
  for (const auto& definition : event.eventDefinitions) {
    const std::string_view attribute = eventDefinitionRefName(definition.kind);
    if (auto global = referencedGlobal(definition.kind)) {
      checkGlobalRef(context, event.location, elementKindName(event.kind), event.id, attribute, definition.ref,
                     *global);
    } else if (definition.kind == EventDefinitionKind::kCompensate && !definition.ref.empty()) {
      const Indexed* target = context.find(definition.ref);
      if (target == nullptr || target->flowElement == nullptr || !isActivity(target->flowElement->kind)) {
        context.report(event, Severity::kError,
                       "activityRef \"" + definition.ref + "\" does not name an activity of this file");
      }
    }
  }
}

void checkDefaultFlow(Context& context, const FlowElement& element) {
  if (element.defaultFlow.empty()) return;
  const Indexed* target = context.find(element.defaultFlow);
  if (target == nullptr || target->flowElement == nullptr || target->flowElement->kind != ElementKind::kSequenceFlow) {
    context.report(element, Severity::kError,
                   "default flow \"" + element.defaultFlow + "\" does not name a sequence flow of this file");
  } else if (target->flowElement->sourceRef != element.id) {
    context.report(element, Severity::kError,
                   "default flow \"" + element.defaultFlow + "\" does not leave this " +
                       std::string(elementKindName(element.kind)));
  }
}

void checkCalledElement(Context& context, const FlowElement& element) {
  std::string processId = element.calledElement;
  if (auto zeebe = vendor::calledElement(element)) processId = zeebe->processId;
  if (processId.empty() || processId.starts_with("=") || processId.starts_with("${")) return;  // computed
  if (context.definitions().findProcess(processId) != nullptr) return;
  context.report(
      element, Severity::kWarning,
      "calledElement \"" + processId + "\" is not a process of this file; deploy it before this process runs");
}

void checkScope(Context& context, const Scope& scope) {
  for (const auto& element : *scope.elements) {
    switch (element.kind) {
      case ElementKind::kSequenceFlow:
        checkNodeRef(context, element, scope, "sourceRef", element.sourceRef, false);
        checkNodeRef(context, element, scope, "targetRef", element.targetRef, false);
        break;
      case ElementKind::kBoundaryEvent:
        checkNodeRef(context, element, scope, "attachedToRef", element.attachedToRef, true);
        checkEventDefinitions(context, element);
        break;
      case ElementKind::kStartEvent:
      case ElementKind::kEndEvent:
      case ElementKind::kIntermediateCatchEvent:
      case ElementKind::kIntermediateThrowEvent:
        checkEventDefinitions(context, element);
        break;
      case ElementKind::kSendTask:
      case ElementKind::kReceiveTask:
        checkGlobalRef(context, element.location, elementKindName(element.kind), element.id, "messageRef",
                       element.messageRef, GlobalElement::Kind::kMessage);
        checkDefaultFlow(context, element);
        break;
      case ElementKind::kCallActivity:
        checkCalledElement(context, element);
        checkDefaultFlow(context, element);
        break;
      case ElementKind::kTask:
      case ElementKind::kServiceTask:
      case ElementKind::kUserTask:
      case ElementKind::kManualTask:
      case ElementKind::kBusinessRuleTask:
      case ElementKind::kScriptTask:
      case ElementKind::kSubProcess:
      case ElementKind::kTransaction:
      case ElementKind::kAdHocSubProcess:
      case ElementKind::kExclusiveGateway:
      case ElementKind::kInclusiveGateway:
      case ElementKind::kComplexGateway:
        checkDefaultFlow(context, element);
        break;
      case ElementKind::kParallelGateway:
      case ElementKind::kEventBasedGateway:
      case ElementKind::kDataObject:
      case ElementKind::kDataObjectReference:
      case ElementKind::kDataStoreReference:
        break;
    }
  }
  for (const auto& artifact : *scope.artifacts) {
    if (artifact.kind != Artifact::Kind::kAssociation) continue;
    for (auto [attribute, ref] :
         {std::pair{"sourceRef", &artifact.sourceRef}, std::pair{"targetRef", &artifact.targetRef}}) {
      if (!ref->empty() && context.find(*ref) == nullptr) {
        context.error(artifact.location, "association", artifact.id,
                      std::string(attribute) + " \"" + *ref + "\" does not name an element of this file");
      }
    }
  }
}

// Lane membership: each flowNodeRef names a flow node of the lane's process.
void checkLanes(Context& context, const Process& process, const std::vector<LaneSet>& laneSets) {
  for (const auto& laneSet : laneSets) {
    for (const auto& lane : laneSet.lanes) {
      for (const auto& ref : lane.flowNodeRefs) {
        const Indexed* target = context.find(ref);
        if (target == nullptr || target->flowElement == nullptr || target->scope->process != &process) {
          context.error(lane.location, "lane", lane.id,
                        "flowNodeRef \"" + ref + "\" does not name a flow node of process \"" + process.id + "\"");
        }
      }
      checkLanes(context, process, lane.childLaneSets);
    }
  }
}

void checkCollaboration(Context& context, const Collaboration& collaboration) {
  for (const auto& participant : collaboration.participants) {
    if (!participant.processRef.empty() &&
        context.definitions().findProcess(localRef(participant.processRef)) == nullptr) {
      context.error(participant.location, "participant", participant.id,
                    "processRef \"" + participant.processRef + "\" does not name a process of this file");
    }
  }
  for (const auto& flow : collaboration.messageFlows) {
    for (auto [attribute, ref] : {std::pair{"sourceRef", &flow.sourceRef}, std::pair{"targetRef", &flow.targetRef}}) {
      if (ref->empty()) {
        context.error(flow.location, "messageFlow", flow.id, std::string(attribute) + " is missing");
      } else if (context.find(*ref) == nullptr) {
        context.error(flow.location, "messageFlow", flow.id,
                      std::string(attribute) + " \"" + *ref + "\" does not name an element of this file");
      }
    }
    checkGlobalRef(context, flow.location, "messageFlow", flow.id, "messageRef", flow.messageRef,
                   GlobalElement::Kind::kMessage);
  }
}

// <interface><operation><inMessageRef/>...</operation></interface>: kept
// verbatim, but the schema requires each operation's input message.
void checkInterface(Context& context, const XmlElement& interface) {
  for (const auto& operation : interface.children) {
    if (!operation.is(ns::kBpmn, "operation")) continue;
    const bool hasInput = std::any_of(operation.children.begin(), operation.children.end(),
                                      [](const XmlElement& child) { return child.is(ns::kBpmn, "inMessageRef"); });
    if (!hasInput) {
      context.error(operation.location, "operation", operation.attribute("id"),
                    "operation has no inMessageRef, which the schema requires");
    }
  }
}

}  // namespace

void checkReferences(Context& context) {
  for (const auto& root : context.definitions().rootElements) {
    const auto* verbatim = std::get_if<XmlElement>(&root);
    if (verbatim != nullptr && verbatim->is(ns::kBpmn, "interface")) checkInterface(context, *verbatim);
  }
  for (const auto& scope : context.scopes()) checkScope(context, scope);
  for (const Process* process : context.definitions().processes()) checkLanes(context, *process, process->laneSets);
  for (const Collaboration* collaboration : context.definitions().collaborations()) {
    checkCollaboration(context, *collaboration);
  }
}

}  // namespace bpmn::validation

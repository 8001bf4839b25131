#include "bpmn/model/element_kind.h"

#include <array>
#include <utility>

namespace bpmn::model {
namespace {

constexpr std::array<std::pair<ElementKind, std::string_view>, 26> kKindNames{{
    {ElementKind::kTask, "task"},
    {ElementKind::kServiceTask, "serviceTask"},
    {ElementKind::kSendTask, "sendTask"},
    {ElementKind::kReceiveTask, "receiveTask"},
    {ElementKind::kUserTask, "userTask"},
    {ElementKind::kManualTask, "manualTask"},
    {ElementKind::kBusinessRuleTask, "businessRuleTask"},
    {ElementKind::kScriptTask, "scriptTask"},
    {ElementKind::kCallActivity, "callActivity"},
    {ElementKind::kSubProcess, "subProcess"},
    {ElementKind::kTransaction, "transaction"},
    {ElementKind::kAdHocSubProcess, "adHocSubProcess"},
    {ElementKind::kStartEvent, "startEvent"},
    {ElementKind::kEndEvent, "endEvent"},
    {ElementKind::kIntermediateCatchEvent, "intermediateCatchEvent"},
    {ElementKind::kIntermediateThrowEvent, "intermediateThrowEvent"},
    {ElementKind::kBoundaryEvent, "boundaryEvent"},
    {ElementKind::kExclusiveGateway, "exclusiveGateway"},
    {ElementKind::kInclusiveGateway, "inclusiveGateway"},
    {ElementKind::kParallelGateway, "parallelGateway"},
    {ElementKind::kComplexGateway, "complexGateway"},
    {ElementKind::kEventBasedGateway, "eventBasedGateway"},
    {ElementKind::kSequenceFlow, "sequenceFlow"},
    {ElementKind::kDataObject, "dataObject"},
    {ElementKind::kDataObjectReference, "dataObjectReference"},
    {ElementKind::kDataStoreReference, "dataStoreReference"},
}};

constexpr std::array<std::pair<EventDefinitionKind, std::string_view>, 10> kEventNames{{
    {EventDefinitionKind::kMessage, "messageEventDefinition"},
    {EventDefinitionKind::kTimer, "timerEventDefinition"},
    {EventDefinitionKind::kSignal, "signalEventDefinition"},
    {EventDefinitionKind::kError, "errorEventDefinition"},
    {EventDefinitionKind::kEscalation, "escalationEventDefinition"},
    {EventDefinitionKind::kCompensate, "compensateEventDefinition"},
    {EventDefinitionKind::kConditional, "conditionalEventDefinition"},
    {EventDefinitionKind::kLink, "linkEventDefinition"},
    {EventDefinitionKind::kCancel, "cancelEventDefinition"},
    {EventDefinitionKind::kTerminate, "terminateEventDefinition"},
}};

}  // namespace

std::string_view elementKindName(ElementKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<ElementKind> elementKindFromName(std::string_view localName) {
  for (const auto& [kind, name] : kKindNames) {
    if (name == localName) return kind;
  }
  return std::nullopt;
}

bool isActivity(ElementKind kind) { return kind >= ElementKind::kTask && kind <= ElementKind::kAdHocSubProcess; }
bool isTask(ElementKind kind) { return kind >= ElementKind::kTask && kind <= ElementKind::kScriptTask; }
bool isSubProcessKind(ElementKind kind) {
  return kind == ElementKind::kSubProcess || kind == ElementKind::kTransaction || kind == ElementKind::kAdHocSubProcess;
}
bool isEvent(ElementKind kind) { return kind >= ElementKind::kStartEvent && kind <= ElementKind::kBoundaryEvent; }
bool isCatchEvent(ElementKind kind) {
  return kind == ElementKind::kStartEvent || kind == ElementKind::kIntermediateCatchEvent ||
         kind == ElementKind::kBoundaryEvent;
}
bool isGateway(ElementKind kind) {
  return kind >= ElementKind::kExclusiveGateway && kind <= ElementKind::kEventBasedGateway;
}
bool isFlowNode(ElementKind kind) { return isActivity(kind) || isEvent(kind) || isGateway(kind); }

std::string_view eventDefinitionKindName(EventDefinitionKind kind) {
  for (const auto& [k, name] : kEventNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<EventDefinitionKind> eventDefinitionKindFromName(std::string_view localName) {
  for (const auto& [kind, name] : kEventNames) {
    if (name == localName) return kind;
  }
  return std::nullopt;
}

std::string_view eventDefinitionRefName(EventDefinitionKind kind) {
  switch (kind) {
    case EventDefinitionKind::kMessage:
      return "messageRef";
    case EventDefinitionKind::kSignal:
      return "signalRef";
    case EventDefinitionKind::kError:
      return "errorRef";
    case EventDefinitionKind::kEscalation:
      return "escalationRef";
    case EventDefinitionKind::kCompensate:
      return "activityRef";
    case EventDefinitionKind::kTimer:
    case EventDefinitionKind::kConditional:
    case EventDefinitionKind::kLink:
    case EventDefinitionKind::kCancel:
    case EventDefinitionKind::kTerminate:
      return {};
  }
  return {};
}

}  // namespace bpmn::model

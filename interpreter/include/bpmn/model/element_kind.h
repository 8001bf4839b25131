// ElementKind: the closed set of flow element kinds the model types, with the
// XML local name of each. Code that treats kinds differently switches over it
// (-Wswitch keeps every switch complete).
#pragma once

#include <optional>
#include <string_view>

namespace bpmn::model {

enum class ElementKind {
  // Activities
  kTask,
  kServiceTask,
  kSendTask,
  kReceiveTask,
  kUserTask,
  kManualTask,
  kBusinessRuleTask,
  kScriptTask,
  kCallActivity,
  kSubProcess,  // also an event sub-process when triggeredByEvent is true
  kTransaction,
  kAdHocSubProcess,
  // Events
  kStartEvent,
  kEndEvent,
  kIntermediateCatchEvent,
  kIntermediateThrowEvent,
  kBoundaryEvent,
  // Gateways
  kExclusiveGateway,
  kInclusiveGateway,
  kParallelGateway,
  kComplexGateway,
  kEventBasedGateway,
  // Connecting and data elements
  kSequenceFlow,
  kDataObject,
  kDataObjectReference,
  kDataStoreReference,
};

std::string_view elementKindName(ElementKind kind);  // "exclusiveGateway"
std::optional<ElementKind> elementKindFromName(std::string_view localName);

bool isActivity(ElementKind kind);
bool isTask(ElementKind kind);            // the eight task kinds
bool isSubProcessKind(ElementKind kind);  // sub-process, transaction, ad-hoc
bool isEvent(ElementKind kind);
bool isCatchEvent(ElementKind kind);  // start, intermediate catch, boundary
bool isGateway(ElementKind kind);
bool isFlowNode(ElementKind kind);  // activity, event or gateway

enum class EventDefinitionKind {
  kMessage,
  kTimer,
  kSignal,
  kError,
  kEscalation,
  kCompensate,
  kConditional,
  kLink,
  kCancel,
  kTerminate,
};

std::string_view eventDefinitionKindName(EventDefinitionKind kind);  // "timerEventDefinition"
std::optional<EventDefinitionKind> eventDefinitionKindFromName(std::string_view localName);
// The attribute naming what the definition refers to ("messageRef",
// "activityRef" for compensation), or "" for kinds that refer to nothing.
std::string_view eventDefinitionRefName(EventDefinitionKind kind);

}  // namespace bpmn::model

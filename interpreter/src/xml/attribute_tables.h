// The plain attributes of each typed element, as (XML name, member) pairs.
// The reader and the writer walk the same tables, so an attribute read is an
// attribute written. Attributes whose XML name depends on the element kind
// (messageRef vs signalRef, itemRef vs structureRef) are handled in code.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "bpmn/model/definitions.h"

namespace bpmn::xml {

// Whether the schema types attribute `name` as a string that may be empty
// (xsd:string, xsd:anyURI): name="" is a value there, kept through a read
// and a write. Elsewhere (QName, ID, IDREF, numbers) an empty value is no
// value at all, and the writer leaves it out so its output validates.
inline bool mayBeEmpty(std::string_view name) {
  return name == "name" || name == "exporter" || name == "exporterVersion" || name == "documentation" ||
         name == "textFormat" || name == "expressionLanguage" || name == "typeLanguage" || name == "language" ||
         name == "scriptFormat" || name == "errorCode" || name == "escalationCode" || name == "resolution" ||
         name == "targetNamespace" || name == "location" || name == "namespace";
}

template <typename T>
struct StringAttribute {
  std::string_view name;
  std::string T::*member;
};

template <typename T>
struct BoolAttribute {
  std::string_view name;
  std::optional<bool> T::*member;
};

using model::Artifact;
using model::Collaboration;
using model::Definitions;
using model::Expression;
using model::FlowElement;
using model::Lane;
using model::LaneSet;
using model::LoopCharacteristics;
using model::MessageFlow;
using model::Participant;
using model::Process;

inline constexpr std::array<StringAttribute<FlowElement>, 19> kFlowElementStrings{{
    {"name", &FlowElement::name},
    {"sourceRef", &FlowElement::sourceRef},
    {"targetRef", &FlowElement::targetRef},
    {"attachedToRef", &FlowElement::attachedToRef},
    {"default", &FlowElement::defaultFlow},
    {"startQuantity", &FlowElement::startQuantity},
    {"completionQuantity", &FlowElement::completionQuantity},
    {"implementation", &FlowElement::implementation},
    {"operationRef", &FlowElement::operationRef},
    {"messageRef", &FlowElement::messageRef},
    {"scriptFormat", &FlowElement::scriptFormat},
    {"calledElement", &FlowElement::calledElement},
    {"method", &FlowElement::transactionMethod},
    {"ordering", &FlowElement::ordering},
    {"gatewayDirection", &FlowElement::gatewayDirection},
    {"eventGatewayType", &FlowElement::eventGatewayType},
    {"itemSubjectRef", &FlowElement::itemSubjectRef},
    {"dataObjectRef", &FlowElement::dataObjectRef},
    {"dataStoreRef", &FlowElement::dataStoreRef},
}};

inline constexpr std::array<BoolAttribute<FlowElement>, 9> kFlowElementBools{{
    {"isForCompensation", &FlowElement::isForCompensation},
    {"instantiate", &FlowElement::instantiate},
    {"triggeredByEvent", &FlowElement::triggeredByEvent},
    {"cancelRemainingInstances", &FlowElement::cancelRemainingInstances},
    {"parallelMultiple", &FlowElement::parallelMultiple},
    {"isInterrupting", &FlowElement::isInterrupting},
    {"cancelActivity", &FlowElement::cancelActivity},
    {"isImmediate", &FlowElement::isImmediate},
    {"isCollection", &FlowElement::isCollection},
}};

inline constexpr std::array<StringAttribute<Process>, 3> kProcessStrings{{
    {"name", &Process::name},
    {"processType", &Process::processType},
    {"definitionalCollaborationRef", &Process::definitionalCollaborationRef},
}};

inline constexpr std::array<BoolAttribute<Process>, 2> kProcessBools{{
    {"isExecutable", &Process::isExecutable},
    {"isClosed", &Process::isClosed},
}};

inline constexpr std::array<StringAttribute<Definitions>, 6> kDefinitionsStrings{{
    {"name", &Definitions::name},
    {"targetNamespace", &Definitions::targetNamespace},
    {"expressionLanguage", &Definitions::expressionLanguage},
    {"typeLanguage", &Definitions::typeLanguage},
    {"exporter", &Definitions::exporter},
    {"exporterVersion", &Definitions::exporterVersion},
}};

inline constexpr std::array<StringAttribute<Collaboration>, 1> kCollaborationStrings{{
    {"name", &Collaboration::name},
}};
inline constexpr std::array<BoolAttribute<Collaboration>, 1> kCollaborationBools{{
    {"isClosed", &Collaboration::isClosed},
}};

inline constexpr std::array<StringAttribute<Participant>, 2> kParticipantStrings{{
    {"name", &Participant::name},
    {"processRef", &Participant::processRef},
}};

inline constexpr std::array<StringAttribute<MessageFlow>, 4> kMessageFlowStrings{{
    {"name", &MessageFlow::name},
    {"sourceRef", &MessageFlow::sourceRef},
    {"targetRef", &MessageFlow::targetRef},
    {"messageRef", &MessageFlow::messageRef},
}};

inline constexpr std::array<StringAttribute<LaneSet>, 1> kLaneSetStrings{{
    {"name", &LaneSet::name},
}};

inline constexpr std::array<StringAttribute<Lane>, 2> kLaneStrings{{
    {"name", &Lane::name},
    {"partitionElementRef", &Lane::partitionElementRef},
}};

inline constexpr std::array<StringAttribute<Artifact>, 5> kArtifactStrings{{
    {"textFormat", &Artifact::textFormat},
    {"sourceRef", &Artifact::sourceRef},
    {"targetRef", &Artifact::targetRef},
    {"associationDirection", &Artifact::associationDirection},
    {"categoryValueRef", &Artifact::categoryValueRef},
}};

inline constexpr std::array<StringAttribute<LoopCharacteristics>, 4> kLoopStrings{{
    {"loopMaximum", &LoopCharacteristics::loopMaximum},
    {"behavior", &LoopCharacteristics::behavior},
    {"oneBehaviorEventRef", &LoopCharacteristics::oneBehaviorEventRef},
    {"noneBehaviorEventRef", &LoopCharacteristics::noneBehaviorEventRef},
}};
inline constexpr std::array<BoolAttribute<LoopCharacteristics>, 2> kLoopBools{{
    {"testBefore", &LoopCharacteristics::testBefore},
    {"isSequential", &LoopCharacteristics::isSequential},
}};

inline constexpr std::array<StringAttribute<Expression>, 2> kExpressionStrings{{
    {"language", &Expression::language},
    {"evaluatesToTypeRef", &Expression::evaluatesToTypeRef},
}};

// Attribute names per event definition kind / global element kind.
std::string_view globalRefAttribute(model::GlobalElement::Kind kind);   // itemRef / structureRef
std::string_view globalCodeAttribute(model::GlobalElement::Kind kind);  // "" if none

}  // namespace bpmn::xml

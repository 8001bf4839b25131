// FlowElement: one struct for every node and flow inside a process or
// sub-process (BPMN 2.0.2 §10), discriminated by `kind`. Fields that a kind
// does not have stay empty. One struct rather than a class hierarchy keeps the
// model plain data: copyable, comparable, switchable. Sub-processes nest their
// own flow elements. Plain value; safe to copy.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpmn/model/base_element.h"
#include "bpmn/model/element_kind.h"

namespace bpmn::model {

struct EventDefinition : BaseElement {
  EventDefinitionKind kind = EventDefinitionKind::kMessage;
  // messageRef / signalRef / errorRef / escalationRef, or activityRef for
  // compensation.
  std::string ref;
  std::string operationRef;                // message
  std::optional<bool> waitForCompletion;   // compensate
  std::optional<Expression> timeDate;      // timer
  std::optional<Expression> timeDuration;  // timer
  std::optional<Expression> timeCycle;     // timer
  std::optional<Expression> condition;     // conditional
  std::string linkName;                    // link
  std::vector<std::string> linkSources;    // link
  std::string linkTarget;                  // link
  bool operator==(const EventDefinition&) const = default;
};

struct LoopCharacteristics : BaseElement {
  bool multiInstance = false;  // multiInstanceLoopCharacteristics vs standard
  // standardLoopCharacteristics
  std::optional<bool> testBefore;
  std::string loopMaximum;
  std::optional<Expression> loopCondition;
  // multiInstanceLoopCharacteristics
  std::optional<bool> isSequential;
  std::string behavior;
  std::string oneBehaviorEventRef;
  std::string noneBehaviorEventRef;
  std::optional<Expression> loopCardinality;
  std::string loopDataInputRef;
  std::string loopDataOutputRef;
  std::optional<Expression> completionCondition;
  bool operator==(const LoopCharacteristics&) const = default;
};

// Text annotations, associations and groups (BPMN 2.0.2 §8.3.2 artifacts).
struct Artifact : BaseElement {
  enum class Kind { kTextAnnotation, kAssociation, kGroup };
  Kind kind = Kind::kTextAnnotation;
  std::string text;        // text annotation
  std::string textFormat;  // text annotation
  std::string sourceRef;   // association
  std::string targetRef;   // association
  std::string associationDirection;
  std::string categoryValueRef;  // group
  bool operator==(const Artifact&) const = default;
};

struct FlowElement : BaseElement {
  ElementKind kind = ElementKind::kTask;
  std::string name;

  // Flow nodes: the redundant <incoming>/<outgoing> lists as written.
  std::vector<std::string> incoming;
  std::vector<std::string> outgoing;

  // Activities
  std::optional<bool> isForCompensation;
  std::string startQuantity;
  std::string completionQuantity;
  std::string defaultFlow;  // also exclusive, inclusive and complex gateways
  std::optional<LoopCharacteristics> loop;
  std::string implementation;  // service, send, receive, user, business rule
  std::string operationRef;
  std::string messageRef;           // send and receive tasks
  std::optional<bool> instantiate;  // receive task, event-based gateway
  std::string scriptFormat;
  std::optional<std::string> script;  // script task body
  std::string calledElement;          // call activity

  // Sub-processes (kSubProcess, kTransaction, kAdHocSubProcess)
  std::optional<bool> triggeredByEvent;
  std::vector<FlowElement> flowElements;
  std::vector<Artifact> artifacts;
  std::string transactionMethod;
  std::string ordering;                           // ad-hoc
  std::optional<bool> cancelRemainingInstances;   // ad-hoc
  std::optional<Expression> completionCondition;  // ad-hoc

  // Events
  std::vector<EventDefinition> eventDefinitions;
  std::vector<std::string> eventDefinitionRefs;
  std::optional<bool> parallelMultiple;  // catch events
  std::optional<bool> isInterrupting;    // start events
  std::optional<bool> cancelActivity;    // boundary events
  std::string attachedToRef;             // boundary events

  // Gateways
  std::string gatewayDirection;
  std::string eventGatewayType;
  std::optional<Expression> activationCondition;  // complex

  // Sequence flows
  std::string sourceRef;
  std::string targetRef;
  std::optional<bool> isImmediate;
  std::optional<Expression> conditionExpression;

  // Data objects and references
  std::string itemSubjectRef;
  std::optional<bool> isCollection;
  std::string dataObjectRef;
  std::string dataStoreRef;

  bool isEventSubProcess() const { return kind == ElementKind::kSubProcess && triggeredByEvent.value_or(false); }
  // The first event definition's kind, if any ("none" event otherwise).
  std::optional<EventDefinitionKind> eventKind() const {
    if (eventDefinitions.empty()) return std::nullopt;
    return eventDefinitions.front().kind;
  }

  bool operator==(const FlowElement&) const = default;
};

}  // namespace bpmn::model

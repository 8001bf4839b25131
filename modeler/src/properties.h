// The executable details an element carries, read and written the way
// Camunda 8 tools write them (zeebe: extension elements, BPMN attributes
// and root messages, signals, errors and escalations), for the properties
// panel. Writing keeps every other extension and attribute of the element
// as it was; reading goes through bpmn/model/vendor.h where the engine
// reads the same thing, so what the panel shows is what runs. Pure
// functions on the model; GUI thread.
//
// properties.cpp: shared XML helpers, documentation, conditions, default
// flows, jobs and headers, mappings, scripts, called processes, user tasks.
// properties_events.cpp: timers and the messages, signals, errors and
// escalations events refer to. properties_ids.cpp: renaming an element.
// properties_loop.cpp: multi-instance.
#pragma once

#include <QString>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpmn/model/definitions.h"
#include "bpmn/model/vendor.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

// ---- Shared helpers for the writers -------------------------------------

// The prefix the file uses for `uri`, declaring it on the definitions
// (as `preferred`, or `preferred2`... when that prefix is taken) when the
// file has none.
std::string namespacePrefix(model::Definitions& definitions, std::string_view uri, const std::string& preferred);
// The zeebe: extension element `local` of `element`, created (after the
// zeebe: elements that Camunda writes before it) when `create` is set and
// it is missing; null otherwise. Declares the zeebe namespace on create.
model::XmlElement* zeebeExtension(model::Definitions& definitions, model::BaseElement& element, std::string_view local,
                                  bool create);
// Removes the zeebe: extension element `local`, and the extensionElements
// element when nothing is left in it that the file did not have before.
void removeZeebeExtension(model::BaseElement& element, std::string_view local);
// Sets an unprefixed attribute in place (appended when new); an empty
// value removes it.
void setXmlAttribute(model::XmlElement& element, std::string_view name, const std::string& value);
// An expression as Camunda writes it: xsi:type="bpmn:tFormalExpression"
// (declaring xsi when the file lacks it), the body as given.
model::Expression formalExpression(model::Definitions& definitions, const std::string& body);

// The flow element with that id anywhere in the file (sub-processes too).
model::FlowElement* findFlowElement(model::Definitions& definitions, const std::string& id);
const model::FlowElement* findFlowElement(const model::Definitions& definitions, const std::string& id);

// ---- General ---------------------------------------------------------------

// The text of the first bpmn:documentation; setting empty removes it.
QString documentation(const model::BaseElement& element);
void setDocumentation(model::BaseElement& element, const QString& text);

// The element with that id, whatever it is: a flow element, a process, a
// collaboration, a participant, a lane, a message flow or an artifact
// (text annotation, group, association); null for none.
model::BaseElement* findBaseElement(model::Definitions& definitions, const std::string& id);

// Why `newId` cannot replace `oldId` (empty, not an XML ID, or taken by
// another element, by a DI element or by `<newId>_di` when the DI id
// follows), or ok.
Status checkNewId(const model::Definitions& definitions, const std::string& oldId, const std::string& newId);
// Renames an element (findBaseElement) and every reference to it:
// incoming/outgoing, sourceRef/targetRef (sequence flows, message flows,
// associations, data associations), default, attachedToRef, lane
// flowNodeRefs, compensation activityRef, DI bpmnElement (shapes, edges
// and planes), and the DI id `<old>_di` -> `<new>_di` (with the edges that
// name it as sourceElement/targetElement); for a process also the
// participants' processRef and, in the same file, the call activities'
// zeebe:calledElement processId and calledElement that name it (the id
// `bpmn deploy` and `bpmn run` use). Refuses what checkNewId refuses.
Status renameElement(model::Definitions& definitions, const std::string& oldId, const std::string& newId);

// ---- Processes ---------------------------------------------------------------

// The process's zeebe:versionTag value; setting empty removes it.
QString versionTag(const model::Process& process);
void setVersionTag(model::Definitions& definitions, model::Process& process, const QString& tag);

// ---- Sequence flows and default flows --------------------------------------

QString condition(const model::FlowElement& flow);
// A sequence flow's condition (FEEL, "=..." as Zeebe writes it, with
// xsi:type="bpmn:tFormalExpression"); empty removes it.
void setCondition(model::Definitions& definitions, model::FlowElement& flow, const QString& expression);

// Exclusive, inclusive and complex gateways and activities have a default
// flow.
bool hasDefaultFlow(const model::FlowElement& element);
// The ids of the sequence flows leaving `element`, in document order.
std::vector<std::string> outgoingFlows(const model::Definitions& definitions, const std::string& elementId);
// Sets the default flow: one of `outgoing` (outgoingFlows), or empty for
// none.
Status setDefaultFlow(const std::vector<std::string>& outgoing, model::FlowElement& element, const QString& flowId);

// ---- Jobs -------------------------------------------------------------------

struct JobDetails {
  QString type;
  // Null: retries written as FEEL (or anything not a number), kept as is.
  std::optional<int> retries = 3;
};

// Whether the element is work for a worker (service, send, business rule,
// script tasks; message throw and end events).
bool takesJob(const model::FlowElement& element);
std::optional<JobDetails> jobDetails(const model::FlowElement& element);
// Writes zeebe:taskDefinition (an empty type removes it); declares the
// zeebe namespace on the definitions when it is not yet.
void setJobDetails(model::Definitions& definitions, model::FlowElement& element, const JobDetails& details);
// zeebe:taskHeaders with one zeebe:header key/value each (read back with
// vendor::taskHeaders); none removes it.
void setTaskHeaders(model::Definitions& definitions, model::FlowElement& element,
                    const std::vector<model::vendor::TaskHeader>& headers);

// ---- Mappings ---------------------------------------------------------------

// Activities and events that are not a start: they map variables in and
// out. (Start events map outputs only, which the panel leaves out.)
bool hasIoMapping(const model::FlowElement& element);
// zeebe:ioMapping with zeebe:input / zeebe:output source and target, in
// the order given (read back with vendor::ioMapping); none removes it.
void setIoMapping(model::Definitions& definitions, model::FlowElement& element,
                  const model::vendor::IoMapping& mapping);

// ---- Timers -----------------------------------------------------------------

enum class TimerKind { kNone, kDate, kDuration, kCycle };
struct TimerDetails {
  TimerKind kind = TimerKind::kNone;
  QString value;
  bool operator==(const TimerDetails&) const = default;
};
// A boundary event interrupts its activity unless cancelActivity="false";
// error, cancel and compensation boundary events always do (no choice:
// nullopt, as for every other element).
std::optional<bool> interrupting(const model::FlowElement& element);
void setInterrupting(model::FlowElement& element, bool interrupting);

bool hasTimer(const model::FlowElement& element);  // a timer start, catch or boundary event
TimerDetails timer(const model::FlowElement& element);
// Sets exactly one of timeDate / timeDuration / timeCycle of the element's
// timerEventDefinition (xsi:type="bpmn:tFormalExpression"); kNone removes
// all three. Does nothing to an element without a timer definition.
void setTimer(model::Definitions& definitions, model::FlowElement& element, const TimerDetails& details);

// ---- Messages, signals, errors, escalations ---------------------------------

// The root element an element refers to: a message (message events,
// receive and send tasks), a signal, an error or an escalation.
std::optional<model::GlobalElement::Kind> referenceKind(const model::FlowElement& element);
struct ReferenceDetails {
  QString name;
  QString code;            // errorCode / escalationCode
  QString correlationKey;  // messages: zeebe:subscription correlationKey
  bool operator==(const ReferenceDetails&) const = default;
};
// What the element's referenced root element says (empty when none).
ReferenceDetails referenceDetails(const model::Definitions& definitions, const model::FlowElement& element);
// The same by id, for message flows too (their messageRef).
ReferenceDetails referenceDetails(const model::Definitions& definitions, const std::string& elementId);
// The names of the root elements of that kind, in document order (what
// a reference may pick).
std::vector<std::string> referenceNames(const model::Definitions& definitions, model::GlobalElement::Kind kind);
// Points the element (a flow element, or a message flow: its message) at
// the root element these details name, as
// Camunda Modeler does: an existing one of that kind with the same name
// (errors and escalations: the same code) is reused; else the one the
// element refers to now is changed when nothing else refers to it; else
// a new one is made (bpmn.io ids: Message_1x2y3z4, Signal_, Error_,
// Escalation_) after the last root element. The name (code) empty: the
// reference is removed and the root element stays. The message's
// correlation key and the error's (escalation's) name are written on it,
// except, with `keepReused`, on another root element that is reused as it
// is (what choosing an existing message by its name means). Returns the
// referenced root element's id ("" when none).
Result<std::string> setReference(model::Definitions& definitions, const std::string& elementId,
                                 const ReferenceDetails& details, bool keepReused = false);

// ---- Called processes, scripts, user tasks ----------------------------------

struct CallDetails {
  QString processId;
  bool propagateAllChildVariables = true;
};
std::optional<CallDetails> callDetails(const model::FlowElement& callActivity);
// zeebe:calledElement processId and propagateAllChildVariables (other
// attributes, like propagateAllParentVariables, stay); an empty process id
// removes it.
void setCallDetails(model::Definitions& definitions, model::FlowElement& callActivity, const CallDetails& details);

struct ScriptDetails {
  QString expression;  // FEEL, "=..."
  QString resultVariable;
};
// zeebe:script expression and resultVariable; an empty expression and
// variable remove it.
void setScript(model::Definitions& definitions, model::FlowElement& scriptTask, const ScriptDetails& details);

struct UserTaskDetails {
  QString assignee;
  QString candidateGroups;  // comma-separated, or "=expr"
  QString candidateUsers;
  QString formKey;
};
UserTaskDetails userTaskDetails(const model::FlowElement& userTask);
// zeebe:assignmentDefinition assignee / candidateGroups / candidateUsers
// and zeebe:formDefinition formKey: each empty value removes its
// attribute, an element left without attributes is removed.
void setUserTaskDetails(model::Definitions& definitions, model::FlowElement& userTask, const UserTaskDetails& details);

// ---- Multi-instance ---------------------------------------------------------

enum class LoopKind { kNone, kParallel, kSequential };
struct MultiInstanceDetails {
  LoopKind kind = LoopKind::kNone;
  model::vendor::LoopCollection collection;
  QString completionCondition;
};
MultiInstanceDetails multiInstance(const model::FlowElement& activity);
// bpmn:multiInstanceLoopCharacteristics (isSequential="true" when
// sequential; parallel writes no attribute, as Camunda does) with
// zeebe:loopCharacteristics inputCollection / inputElement /
// outputCollection / outputElement and bpmn:completionCondition. kNone
// removes a multi-instance loop (a standard loop stays).
void setMultiInstance(model::Definitions& definitions, model::FlowElement& activity,
                      const MultiInstanceDetails& details);

}  // namespace bpmn::modeler

// Typed views of the vendor extensions Camunda Modeler writes: `zeebe:`
// (Camunda 8) first, `camunda:` (Camunda 7, also bound to the Activiti and
// Flowable URIs by older tools) second. The model keeps extension content
// verbatim, so these functions read it on demand: there is one source of truth
// and a save never loses what a view does not cover. Pure functions; safe to
// call from any thread on an unshared model.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpmn/model/flow_element.h"
#include "bpmn/model/global_element.h"

namespace bpmn::model::vendor {

struct TaskDefinition {
  std::string type;     // zeebe:taskDefinition type, or camunda:topic
  std::string retries;  // as written ("3" or a FEEL expression)
};

struct Mapping {
  std::string source;  // FEEL expression (zeebe) or the parameter text (camunda)
  std::string target;  // variable name or FEEL path
};

struct IoMapping {
  std::vector<Mapping> inputs;
  std::vector<Mapping> outputs;
};

struct TaskHeader {
  std::string key;
  std::string value;
};

struct Script {
  std::string format;      // "feel" for zeebe:script and FEEL script tasks
  std::string expression;  // the script body or FEEL expression
  std::string resultVariable;
};

struct CalledElement {
  std::string processId;
  bool propagateAllChildVariables = true;
  bool propagateAllParentVariables = true;
  std::optional<int> version;  // camunda:calledElementBinding="version"; empty: the latest
  // camunda:in / camunda:out: sourceExpression as written, source (a
  // variable name) as the FEEL "=name".
  std::vector<Mapping> inputs;
  std::vector<Mapping> outputs;
};

struct LoopCollection {
  std::string inputCollection;
  std::string inputElement;
  std::string outputCollection;
  std::string outputElement;
};

struct UserTaskAssignment {
  std::string assignee;
  std::string candidateGroups;
  std::string candidateUsers;
  std::string dueDate;
  std::string followUpDate;
  std::string formKey;
};

// The extension elements of `element` in the given namespace with this local
// name, in document order.
std::vector<const XmlElement*> extensions(const BaseElement& element, std::string_view nsUri,
                                          std::string_view localName);

// An attribute in any of the Camunda 7 family of namespaces (camunda,
// activiti, flowable), or "" when absent.
std::string_view camundaAttribute(const BaseElement& element, std::string_view localName);

std::optional<TaskDefinition> taskDefinition(const FlowElement& task);
IoMapping ioMapping(const BaseElement& element);
std::vector<TaskHeader> taskHeaders(const FlowElement& task);
std::optional<Script> script(const FlowElement& scriptTask);
std::optional<CalledElement> calledElement(const FlowElement& callActivity);
std::optional<LoopCollection> loopCollection(const FlowElement& activity);
UserTaskAssignment userTaskAssignment(const FlowElement& userTask);
// zeebe:adHoc activeElementsCollection on an ad-hoc sub-process: FEEL giving
// the ids of the inner elements to start.
std::optional<std::string> adHocActiveElements(const FlowElement& adHocSubProcess);
// zeebe:subscription correlationKey on a message.
std::optional<std::string> correlationKey(const GlobalElement& message);

// The Java-only Camunda 7 constructs on this element, each as
// `camunda:class="..."`-style text, in a stable order: delegate classes,
// delegate expressions, JUEL expressions, listeners with a class, connectors.
std::vector<std::string> javaOnlyConstructs(const BaseElement& element);

}  // namespace bpmn::model::vendor

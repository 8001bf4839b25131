#include "bpmn/model/vendor.h"

#include <array>

#include "bpmn/model/namespaces.h"

namespace bpmn::model::vendor {
namespace {

constexpr std::array<std::string_view, 3> kCamundaFamily{ns::kCamunda, ns::kActiviti, ns::kFlowable};

bool isCamundaFamily(std::string_view uri) {
  for (auto family : kCamundaFamily) {
    if (uri == family) return true;
  }
  return false;
}

// The first extension element of that local name in any Camunda 7 family
// namespace.
const XmlElement* camundaExtension(const BaseElement& element, std::string_view local) {
  if (!element.extensionElements) return nullptr;
  for (const auto& child : element.extensionElements->children) {
    if (isCamundaFamily(child.nsUri) && child.localName() == local) return &child;
  }
  return nullptr;
}

const XmlElement* zeebe(const BaseElement& element, std::string_view local) {
  auto found = extensions(element, ns::kZeebe, local);
  return found.empty() ? nullptr : found.front();
}

bool boolValue(std::string_view text, bool fallback) {
  if (text == "true") return true;
  if (text == "false") return false;
  return fallback;
}

}  // namespace

std::vector<const XmlElement*> extensions(const BaseElement& element, std::string_view nsUri,
                                          std::string_view localName) {
  std::vector<const XmlElement*> result;
  if (!element.extensionElements) return result;
  for (const auto& child : element.extensionElements->children) {
    if (child.is(nsUri, localName)) result.push_back(&child);
  }
  return result;
}

std::string_view camundaAttribute(const BaseElement& element, std::string_view localName) {
  for (auto family : kCamundaFamily) {
    if (const auto* attribute = findAttribute(element.otherAttributes, family, localName)) return attribute->value;
  }
  return {};
}

std::optional<TaskDefinition> taskDefinition(const FlowElement& task) {
  if (const auto* definition = zeebe(task, "taskDefinition")) {
    return TaskDefinition{std::string(definition->attribute("type")), std::string(definition->attribute("retries"))};
  }
  if (camundaAttribute(task, "type") == "external") {
    return TaskDefinition{std::string(camundaAttribute(task, "topic")), {}};
  }
  return std::nullopt;
}

IoMapping ioMapping(const BaseElement& element) {
  IoMapping mapping;
  if (const auto* io = zeebe(element, "ioMapping")) {
    for (const auto& child : io->children) {
      Mapping entry{std::string(child.attribute("source")), std::string(child.attribute("target"))};
      if (child.is(ns::kZeebe, "input")) mapping.inputs.push_back(std::move(entry));
      if (child.is(ns::kZeebe, "output")) mapping.outputs.push_back(std::move(entry));
    }
    return mapping;
  }
  if (const auto* io = camundaExtension(element, "inputOutput")) {
    for (const auto& child : io->children) {
      if (child.isText() || !isCamundaFamily(child.nsUri)) continue;
      Mapping entry{child.textContent(), std::string(child.attribute("name"))};
      if (child.localName() == "inputParameter") mapping.inputs.push_back(std::move(entry));
      if (child.localName() == "outputParameter") mapping.outputs.push_back(std::move(entry));
    }
  }
  return mapping;
}

std::vector<TaskHeader> taskHeaders(const FlowElement& task) {
  std::vector<TaskHeader> headers;
  if (const auto* list = zeebe(task, "taskHeaders")) {
    for (const auto& child : list->children) {
      if (child.is(ns::kZeebe, "header")) {
        headers.push_back({std::string(child.attribute("key")), std::string(child.attribute("value"))});
      }
    }
  }
  return headers;
}

std::optional<Script> script(const FlowElement& scriptTask) {
  if (const auto* definition = zeebe(scriptTask, "script")) {
    return Script{"feel", std::string(definition->attribute("expression")),
                  std::string(definition->attribute("resultVariable"))};
  }
  if (scriptTask.script) {
    return Script{scriptTask.scriptFormat, *scriptTask.script,
                  std::string(camundaAttribute(scriptTask, "resultVariable"))};
  }
  return std::nullopt;
}

std::optional<CalledElement> calledElement(const FlowElement& callActivity) {
  if (const auto* called = zeebe(callActivity, "calledElement")) {
    CalledElement result;
    result.processId = called->attribute("processId");
    result.propagateAllChildVariables = boolValue(called->attribute("propagateAllChildVariables"), true);
    result.propagateAllParentVariables = boolValue(called->attribute("propagateAllParentVariables"), true);
    return result;
  }
  if (!callActivity.calledElement.empty()) {
    CalledElement result;
    result.processId = callActivity.calledElement;
    // Camunda 7 passes variables only through explicit camunda:in/out.
    result.propagateAllChildVariables = false;
    result.propagateAllParentVariables = false;
    if (camundaAttribute(callActivity, "calledElementBinding") == "version") {
      try {
        result.version = std::stoi(std::string(camundaAttribute(callActivity, "calledElementVersion")));
      } catch (const std::exception&) {
        result.version = 0;  // not a number: no such version
      }
    }
    if (callActivity.extensionElements) {
      for (const auto& child : callActivity.extensionElements->children) {
        if (child.isText() || !isCamundaFamily(child.nsUri)) continue;
        const bool in = child.localName() == "in";
        if (!in && child.localName() != "out") continue;
        if (child.attribute("variables") == "all") {
          (in ? result.propagateAllParentVariables : result.propagateAllChildVariables) = true;
          continue;
        }
        // sourceExpression is an expression; source names a variable.
        std::string source(child.attribute("sourceExpression"));
        if (source.empty() && !child.attribute("source").empty()) source = "=" + std::string(child.attribute("source"));
        if (source.empty()) continue;
        (in ? result.inputs : result.outputs).push_back({source, std::string(child.attribute("target"))});
      }
    }
    return result;
  }
  return std::nullopt;
}

std::optional<LoopCollection> loopCollection(const FlowElement& activity) {
  if (!activity.loop || !activity.loop->multiInstance) return std::nullopt;
  if (const auto* loop = zeebe(*activity.loop, "loopCharacteristics")) {
    return LoopCollection{std::string(loop->attribute("inputCollection")), std::string(loop->attribute("inputElement")),
                          std::string(loop->attribute("outputCollection")),
                          std::string(loop->attribute("outputElement"))};
  }
  std::string_view collection = camundaAttribute(*activity.loop, "collection");
  if (!collection.empty()) {
    return LoopCollection{
        std::string(collection), std::string(camundaAttribute(*activity.loop, "elementVariable")), {}, {}};
  }
  return std::nullopt;
}

UserTaskAssignment userTaskAssignment(const FlowElement& userTask) {
  UserTaskAssignment result;
  if (const auto* assignment = zeebe(userTask, "assignmentDefinition")) {
    result.assignee = assignment->attribute("assignee");
    result.candidateGroups = assignment->attribute("candidateGroups");
    result.candidateUsers = assignment->attribute("candidateUsers");
  } else {
    result.assignee = camundaAttribute(userTask, "assignee");
    result.candidateGroups = camundaAttribute(userTask, "candidateGroups");
    result.candidateUsers = camundaAttribute(userTask, "candidateUsers");
  }
  if (const auto* schedule = zeebe(userTask, "taskSchedule")) {
    result.dueDate = schedule->attribute("dueDate");
    result.followUpDate = schedule->attribute("followUpDate");
  } else {
    result.dueDate = camundaAttribute(userTask, "dueDate");
    result.followUpDate = camundaAttribute(userTask, "followUpDate");
  }
  if (const auto* form = zeebe(userTask, "formDefinition")) {
    result.formKey = form->attribute("formKey");
    if (result.formKey.empty()) result.formKey = form->attribute("formId");
  } else {
    result.formKey = camundaAttribute(userTask, "formKey");
  }
  return result;
}

std::optional<std::string> adHocActiveElements(const FlowElement& adHocSubProcess) {
  if (const auto* adHoc = zeebe(adHocSubProcess, "adHoc")) {
    std::string collection(adHoc->attribute("activeElementsCollection"));
    if (!collection.empty()) return collection;
  }
  return std::nullopt;
}

std::optional<std::string> correlationKey(const GlobalElement& message) {
  if (const auto* subscription = zeebe(message, "subscription")) {
    return std::string(subscription->attribute("correlationKey"));
  }
  return std::nullopt;
}

std::vector<std::string> javaOnlyConstructs(const BaseElement& element) {
  std::vector<std::string> found;
  for (std::string_view name : {"class", "delegateExpression", "expression"}) {
    std::string_view value = camundaAttribute(element, name);
    if (!value.empty()) found.push_back("camunda:" + std::string(name) + "=\"" + std::string(value) + "\"");
  }
  if (!element.extensionElements) return found;
  for (const auto& child : element.extensionElements->children) {
    if (!isCamundaFamily(child.nsUri)) continue;
    const std::string_view local = child.localName();
    if (local == "executionListener" || local == "taskListener") {
      for (std::string_view name : {"class", "delegateExpression", "expression"}) {
        std::string_view value = child.attribute(name);
        if (!value.empty()) {
          found.push_back("camunda:" + std::string(local) + " " + std::string(name) + "=\"" + std::string(value) +
                          "\"");
        }
      }
    } else if (local == "connector") {
      found.push_back("camunda:connector");
    }
  }
  return found;
}

}  // namespace bpmn::model::vendor

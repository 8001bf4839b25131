// Executable details of elements (properties.h): the shared XML helpers,
// documentation, conditions, default flows, jobs, headers, mappings,
// scripts, called processes and user tasks.
#include <algorithm>
#include <array>

#include "bpmn/model/namespaces.h"
#include "properties.h"

namespace bpmn::modeler {

using model::ElementKind;

namespace {

template <typename Elements>
auto* findIn(Elements& elements, const std::string& id) {
  for (auto& element : elements) {
    if (element.id == id) return &element;
    if (auto* inner = findIn(element.flowElements, id)) return inner;
  }
  return static_cast<decltype(&elements.front())>(nullptr);
}

// The order Camunda Modeler writes the zeebe: extensions of an element in;
// a new one goes before the first present that comes later here.
constexpr std::array<std::string_view, 13> kZeebeOrder{
    "versionTag",        "taskDefinition", "calledElement",       "script",    "formDefinition", "assignmentDefinition",
    "taskSchedule",      "subscription",   "loopCharacteristics", "ioMapping", "taskHeaders",    "properties",
    "executionListeners"};

std::size_t zeebeRank(std::string_view local) {
  const auto found = std::find(kZeebeOrder.begin(), kZeebeOrder.end(), local);
  return static_cast<std::size_t>(found - kZeebeOrder.begin());
}

std::string bpmnPrefix(const model::Definitions& definitions) {
  const auto colon = definitions.rootQName.find(':');
  return colon == std::string::npos ? std::string() : definitions.rootQName.substr(0, colon + 1);
}

model::XmlElement zeebeElement(model::Definitions& definitions, std::string_view local) {
  model::XmlElement element;
  element.qname = namespacePrefix(definitions, ns::kZeebe, "zeebe") + ":" + std::string(local);
  element.nsUri = std::string(ns::kZeebe);
  return element;
}

std::string text(const QString& value) { return value.trimmed().toStdString(); }

}  // namespace

// ---- Shared helpers ---------------------------------------------------------

std::string namespacePrefix(model::Definitions& definitions, std::string_view uri, const std::string& preferred) {
  for (const auto& declaration : definitions.namespaces) {
    if (declaration.uri == uri && !declaration.prefix.empty()) return declaration.prefix;
  }
  auto taken = [&](const std::string& prefix) {
    return std::any_of(definitions.namespaces.begin(), definitions.namespaces.end(),
                       [&](const model::NamespaceDeclaration& declaration) { return declaration.prefix == prefix; });
  };
  std::string prefix = preferred;
  for (int suffix = 2; taken(prefix); ++suffix) prefix = preferred + std::to_string(suffix);
  definitions.namespaces.push_back({prefix, std::string(uri)});
  return prefix;
}

model::XmlElement* zeebeExtension(model::Definitions& definitions, model::BaseElement& element, std::string_view local,
                                  bool create) {
  if (element.extensionElements) {
    for (auto& child : element.extensionElements->children) {
      if (child.is(ns::kZeebe, local)) return &child;
    }
  }
  if (!create) return nullptr;
  if (!element.extensionElements) {
    model::XmlElement extensions;
    extensions.qname = bpmnPrefix(definitions) + "extensionElements";
    extensions.nsUri = std::string(ns::kBpmn);
    element.extensionElements = extensions;
  }
  auto& children = element.extensionElements->children;
  const std::size_t rank = zeebeRank(local);
  auto at = std::find_if(children.begin(), children.end(), [&](const model::XmlElement& child) {
    return child.nsUri == ns::kZeebe && zeebeRank(child.localName()) > rank;
  });
  return &*children.insert(at, zeebeElement(definitions, local));
}

void removeZeebeExtension(model::BaseElement& element, std::string_view local) {
  if (!element.extensionElements) return;
  auto& children = element.extensionElements->children;
  if (std::erase_if(children, [&](const model::XmlElement& child) { return child.is(ns::kZeebe, local); }) == 0) return;
  if (std::all_of(children.begin(), children.end(), [](const model::XmlElement& child) { return child.isText(); })) {
    element.extensionElements.reset();
  }
}

void setXmlAttribute(model::XmlElement& element, std::string_view name, const std::string& value) {
  auto found = std::find_if(element.attributes.begin(), element.attributes.end(),
                            [&](const model::XmlAttribute& attribute) { return attribute.qname == name; });
  if (value.empty()) {
    if (found != element.attributes.end()) element.attributes.erase(found);
  } else if (found != element.attributes.end()) {
    found->value = value;
  } else {
    element.attributes.push_back({std::string(name), "", value});
  }
}

model::Expression formalExpression(model::Definitions& definitions, const std::string& body) {
  model::Expression expression;
  expression.otherAttributes.push_back({namespacePrefix(definitions, ns::kXsi, "xsi") + ":type", std::string(ns::kXsi),
                                        bpmnPrefix(definitions) + "tFormalExpression"});
  expression.body = body;
  return expression;
}

model::FlowElement* findFlowElement(model::Definitions& definitions, const std::string& id) {
  for (auto& root : definitions.rootElements) {
    if (auto* process = std::get_if<model::Process>(&root)) {
      if (auto* found = findIn(process->flowElements, id)) return found;
    }
  }
  return nullptr;
}

const model::FlowElement* findFlowElement(const model::Definitions& definitions, const std::string& id) {
  return findFlowElement(const_cast<model::Definitions&>(definitions), id);
}

// ---- General ----------------------------------------------------------------

QString documentation(const model::BaseElement& element) {
  return element.documentation.empty() ? QString() : QString::fromStdString(element.documentation.front().text);
}

void setDocumentation(model::BaseElement& element, const QString& text) {
  if (text.isEmpty()) {
    if (!element.documentation.empty()) element.documentation.erase(element.documentation.begin());
    return;
  }
  if (element.documentation.empty()) element.documentation.emplace_back();
  element.documentation.front().text = text.toStdString();
}

// ---- Processes ----------------------------------------------------------------

QString versionTag(const model::Process& process) {
  if (!process.extensionElements) return {};
  for (const auto& child : process.extensionElements->children) {
    if (child.is(ns::kZeebe, "versionTag")) return QString::fromStdString(std::string(child.attribute("value")));
  }
  return {};
}

void setVersionTag(model::Definitions& definitions, model::Process& process, const QString& tag) {
  const std::string value = text(tag);
  if (value.empty()) {
    removeZeebeExtension(process, "versionTag");
    return;
  }
  setXmlAttribute(*zeebeExtension(definitions, process, "versionTag", true), "value", value);
}

// ---- Sequence flows and default flows ---------------------------------------

QString condition(const model::FlowElement& flow) {
  return flow.conditionExpression ? QString::fromStdString(flow.conditionExpression->body) : QString();
}

void setCondition(model::Definitions& definitions, model::FlowElement& flow, const QString& expression) {
  if (expression.trimmed().isEmpty()) {
    flow.conditionExpression.reset();
    return;
  }
  if (!flow.conditionExpression) flow.conditionExpression = formalExpression(definitions, {});
  flow.conditionExpression->body = expression.toStdString();
}

bool hasDefaultFlow(const model::FlowElement& element) {
  return element.kind == ElementKind::kExclusiveGateway || element.kind == ElementKind::kInclusiveGateway ||
         element.kind == ElementKind::kComplexGateway || model::isActivity(element.kind);
}

std::vector<std::string> outgoingFlows(const model::Definitions& definitions, const std::string& elementId) {
  std::vector<std::string> flows;
  auto collect = [&](const auto& self, const std::vector<model::FlowElement>& elements) -> void {
    for (const auto& element : elements) {
      if (element.kind == ElementKind::kSequenceFlow && element.sourceRef == elementId) flows.push_back(element.id);
      self(self, element.flowElements);
    }
  };
  for (const auto* process : definitions.processes()) collect(collect, process->flowElements);
  return flows;
}

Status setDefaultFlow(const std::vector<std::string>& outgoing, model::FlowElement& element, const QString& flowId) {
  const std::string id = text(flowId);
  if (!id.empty() && std::find(outgoing.begin(), outgoing.end(), id) == outgoing.end()) {
    return Status::invalidArgument(id + " is not a sequence flow leaving " + element.id);
  }
  element.defaultFlow = id;
  return Status::ok();
}

// ---- Jobs -------------------------------------------------------------------

bool takesJob(const model::FlowElement& element) {
  switch (element.kind) {
    case ElementKind::kServiceTask:
    case ElementKind::kSendTask:
    case ElementKind::kBusinessRuleTask:
    case ElementKind::kScriptTask:
      return true;
    case ElementKind::kEndEvent:
    case ElementKind::kIntermediateThrowEvent:
      return element.eventKind() == model::EventDefinitionKind::kMessage;
    default:
      return false;
  }
}

std::optional<JobDetails> jobDetails(const model::FlowElement& element) {
  auto definition = model::vendor::taskDefinition(element);
  if (!definition) return std::nullopt;
  JobDetails details;
  details.type = QString::fromStdString(definition->type);
  if (!definition->retries.empty()) {
    bool ok = false;
    const int retries = QString::fromStdString(definition->retries).toInt(&ok);
    details.retries = ok ? std::optional<int>(retries) : std::nullopt;
  }
  return details;
}

void setJobDetails(model::Definitions& definitions, model::FlowElement& element, const JobDetails& details) {
  if (text(details.type).empty()) {
    removeZeebeExtension(element, "taskDefinition");
    return;
  }
  model::XmlElement* definition = zeebeExtension(definitions, element, "taskDefinition", true);
  setXmlAttribute(*definition, "type", text(details.type));
  if (details.retries) setXmlAttribute(*definition, "retries", std::to_string(*details.retries));
}

void setTaskHeaders(model::Definitions& definitions, model::FlowElement& element,
                    const std::vector<model::vendor::TaskHeader>& headers) {
  if (headers.empty()) {
    removeZeebeExtension(element, "taskHeaders");
    return;
  }
  model::XmlElement* list = zeebeExtension(definitions, element, "taskHeaders", true);
  list->children.clear();
  for (const auto& header : headers) {
    model::XmlElement entry = zeebeElement(definitions, "header");
    setXmlAttribute(entry, "key", header.key);
    setXmlAttribute(entry, "value", header.value);
    list->children.push_back(std::move(entry));
  }
}

// ---- Mappings ---------------------------------------------------------------

bool hasIoMapping(const model::FlowElement& element) {
  switch (element.kind) {
    case ElementKind::kIntermediateCatchEvent:
    case ElementKind::kIntermediateThrowEvent:
    case ElementKind::kBoundaryEvent:
    case ElementKind::kEndEvent:
      return true;
    default:
      return model::isActivity(element.kind);
  }
}

void setIoMapping(model::Definitions& definitions, model::FlowElement& element,
                  const model::vendor::IoMapping& mapping) {
  if (mapping.inputs.empty() && mapping.outputs.empty()) {
    removeZeebeExtension(element, "ioMapping");
    return;
  }
  model::XmlElement* io = zeebeExtension(definitions, element, "ioMapping", true);
  io->children.clear();
  auto add = [&](std::string_view local, const model::vendor::Mapping& entry) {
    model::XmlElement child = zeebeElement(definitions, local);
    child.attributes.push_back({"source", "", entry.source});
    child.attributes.push_back({"target", "", entry.target});
    io->children.push_back(std::move(child));
  };
  for (const auto& input : mapping.inputs) add("input", input);
  for (const auto& output : mapping.outputs) add("output", output);
}

// ---- Called processes, scripts, user tasks ----------------------------------

std::optional<CallDetails> callDetails(const model::FlowElement& callActivity) {
  auto called = model::vendor::calledElement(callActivity);
  if (!called) return std::nullopt;
  return CallDetails{QString::fromStdString(called->processId), called->propagateAllChildVariables};
}

void setCallDetails(model::Definitions& definitions, model::FlowElement& callActivity, const CallDetails& details) {
  if (text(details.processId).empty()) {
    removeZeebeExtension(callActivity, "calledElement");
    return;
  }
  model::XmlElement* called = zeebeExtension(definitions, callActivity, "calledElement", true);
  setXmlAttribute(*called, "processId", text(details.processId));
  setXmlAttribute(*called, "propagateAllChildVariables", details.propagateAllChildVariables ? "true" : "false");
}

void setScript(model::Definitions& definitions, model::FlowElement& scriptTask, const ScriptDetails& details) {
  if (text(details.expression).empty() && text(details.resultVariable).empty()) {
    removeZeebeExtension(scriptTask, "script");
    return;
  }
  model::XmlElement* script = zeebeExtension(definitions, scriptTask, "script", true);
  setXmlAttribute(*script, "expression", text(details.expression));
  setXmlAttribute(*script, "resultVariable", text(details.resultVariable));
}

UserTaskDetails userTaskDetails(const model::FlowElement& userTask) {
  const auto assignment = model::vendor::userTaskAssignment(userTask);
  return {QString::fromStdString(assignment.assignee), QString::fromStdString(assignment.candidateGroups),
          QString::fromStdString(assignment.candidateUsers), QString::fromStdString(assignment.formKey)};
}

void setUserTaskDetails(model::Definitions& definitions, model::FlowElement& userTask, const UserTaskDetails& details) {
  auto write = [&](std::string_view local, std::vector<std::pair<std::string_view, std::string>> values) {
    const bool any = std::any_of(values.begin(), values.end(), [](const auto& value) { return !value.second.empty(); });
    model::XmlElement* element = zeebeExtension(definitions, userTask, local, any);
    if (!element) return;
    for (const auto& [name, value] : values) setXmlAttribute(*element, name, value);
    if (element->attributes.empty() && element->children.empty()) removeZeebeExtension(userTask, local);
  };
  write("assignmentDefinition", {{"assignee", text(details.assignee)},
                                 {"candidateGroups", text(details.candidateGroups)},
                                 {"candidateUsers", text(details.candidateUsers)}});
  write("formDefinition", {{"formKey", text(details.formKey)}});
}

}  // namespace bpmn::modeler

// ---- Multi-instance -----------------------------------------------------------

namespace bpmn::modeler {

MultiInstanceDetails multiInstance(const model::FlowElement& activity) {
  MultiInstanceDetails details;
  if (!activity.loop || !activity.loop->multiInstance) return details;
  details.kind = activity.loop->isSequential.value_or(false) ? LoopKind::kSequential : LoopKind::kParallel;
  if (auto collection = model::vendor::loopCollection(activity)) details.collection = *collection;
  if (activity.loop->completionCondition) {
    details.completionCondition = QString::fromStdString(activity.loop->completionCondition->body);
  }
  return details;
}

void setMultiInstance(model::Definitions& definitions, model::FlowElement& activity,
                      const MultiInstanceDetails& details) {
  if (details.kind == LoopKind::kNone) {
    if (activity.loop && activity.loop->multiInstance) activity.loop.reset();
    return;
  }
  if (!activity.loop || !activity.loop->multiInstance) {
    activity.loop = model::LoopCharacteristics{};
    activity.loop->multiInstance = true;
  }
  model::LoopCharacteristics& loop = *activity.loop;
  if (details.kind == LoopKind::kSequential) {
    loop.isSequential = true;
  } else if (loop.isSequential.value_or(false)) {
    loop.isSequential.reset();  // parallel is the default; Camunda writes no attribute
  }
  const auto& collection = details.collection;
  const std::vector<std::pair<std::string_view, std::string>> values{{"inputCollection", collection.inputCollection},
                                                                     {"inputElement", collection.inputElement},
                                                                     {"outputCollection", collection.outputCollection},
                                                                     {"outputElement", collection.outputElement}};
  const bool any = std::any_of(values.begin(), values.end(), [](const auto& value) { return !value.second.empty(); });
  if (model::XmlElement* zeebe = zeebeExtension(definitions, loop, "loopCharacteristics", any)) {
    for (const auto& [name, value] : values) setXmlAttribute(*zeebe, name, value);
    if (zeebe->attributes.empty() && zeebe->children.empty()) removeZeebeExtension(loop, "loopCharacteristics");
  }
  const std::string condition = details.completionCondition.trimmed().toStdString();
  if (condition.empty()) {
    loop.completionCondition.reset();
  } else {
    if (!loop.completionCondition) loop.completionCondition = formalExpression(definitions, {});
    loop.completionCondition->body = condition;
  }
}

}  // namespace bpmn::modeler

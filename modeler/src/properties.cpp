// Executable details of elements (properties.h).
#include "properties.h"

#include "bpmn/model/namespaces.h"
#include "bpmn/model/vendor.h"

namespace bpmn::modeler {

using model::ElementKind;

namespace {

model::FlowElement* findIn(std::vector<model::FlowElement>& elements, const std::string& id) {
  for (auto& element : elements) {
    if (element.id == id) return &element;
    if (auto* inner = findIn(element.flowElements, id)) return inner;
  }
  return nullptr;
}

// The prefix the file uses for `uri`, declaring `preferred` for it when it
// has none.
std::string prefixFor(model::Definitions& definitions, std::string_view uri, const std::string& preferred) {
  for (const auto& declaration : definitions.namespaces) {
    if (declaration.uri == uri && !declaration.prefix.empty()) return declaration.prefix;
  }
  definitions.namespaces.push_back({preferred, std::string(uri)});
  return preferred;
}

std::string bpmnPrefix(const model::Definitions& definitions) {
  const auto colon = definitions.rootQName.find(':');
  return colon == std::string::npos ? std::string() : definitions.rootQName.substr(0, colon + 1);
}

}  // namespace

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
  bool ok = false;
  const int retries = QString::fromStdString(definition->retries).toInt(&ok);
  if (ok) details.retries = retries;
  return details;
}

void setJobDetails(model::Definitions& definitions, model::FlowElement& element, const JobDetails& details) {
  const std::string zeebe = prefixFor(definitions, ns::kZeebe, "zeebe");
  if (!element.extensionElements) {
    if (details.type.isEmpty()) return;
    model::XmlElement extensions;
    extensions.qname = bpmnPrefix(definitions) + "extensionElements";
    extensions.nsUri = std::string(ns::kBpmn);
    element.extensionElements = extensions;
  }
  auto& children = element.extensionElements->children;
  std::erase_if(children, [](const model::XmlElement& child) { return child.is(ns::kZeebe, "taskDefinition"); });
  if (details.type.isEmpty()) return;
  model::XmlElement definition;
  definition.qname = zeebe + ":taskDefinition";
  definition.nsUri = std::string(ns::kZeebe);
  definition.attributes.push_back({"type", "", details.type.toStdString()});
  definition.attributes.push_back({"retries", "", std::to_string(details.retries)});
  children.insert(children.begin(), definition);
}

QString condition(const model::FlowElement& flow) {
  return flow.conditionExpression ? QString::fromStdString(flow.conditionExpression->body) : QString();
}

void setCondition(model::FlowElement& flow, const QString& expression) {
  if (expression.trimmed().isEmpty()) {
    flow.conditionExpression.reset();
    return;
  }
  if (!flow.conditionExpression) flow.conditionExpression = model::Expression{};
  flow.conditionExpression->body = expression.toStdString();
}

model::FlowElement* findFlowElement(model::Definitions& definitions, const std::string& id) {
  for (auto& root : definitions.rootElements) {
    if (auto* process = std::get_if<model::Process>(&root)) {
      if (auto* found = findIn(process->flowElements, id)) return found;
    }
  }
  return nullptr;
}

}  // namespace bpmn::modeler

// Renaming an element (properties.h): the new id is checked, then every
// reference to the old one follows.
#include <QString>
#include <set>

#include "bpmn/model/namespaces.h"
#include "model_access.h"
#include "properties.h"

namespace bpmn::modeler {

namespace {

// XML 1.0 NCName (what xsd:ID allows), with Unicode letters.
bool isXmlId(const std::string& id) {
  const QString text = QString::fromStdString(id);
  if (text.isEmpty() || !(text.front().isLetter() || text.front() == '_')) return false;
  for (const QChar c : text) {
    if (!(c.isLetterOrNumber() || c == '_' || c == '-' || c == '.')) return false;
  }
  return true;
}

void collectXmlIds(const model::XmlElement& element, std::set<std::string>& ids) {
  for (const auto& attribute : element.attributes) {
    if (attribute.qname == "id") ids.insert(attribute.value);
  }
  for (const auto& child : element.children) collectXmlIds(child, ids);
}

void collectNestedIds(const model::BaseElement& element, std::set<std::string>& ids) {
  for (const auto& documentation : element.documentation) ids.insert(documentation.id);
  for (const auto& child : element.otherChildren) collectXmlIds(child, ids);
}

// Ids usedIds does not list: event definitions, loop characteristics,
// expressions, documentation and verbatim children.
void collectNestedIds(const std::vector<model::FlowElement>& elements, std::set<std::string>& ids) {
  for (const auto& element : elements) {
    collectNestedIds(element, ids);
    for (const auto& definition : element.eventDefinitions) {
      ids.insert(definition.id);
      collectNestedIds(definition, ids);
      for (const auto* expression : {&definition.timeDate, &definition.timeDuration, &definition.timeCycle}) {
        if (*expression) ids.insert((*expression)->id);
      }
    }
    if (element.loop) ids.insert(element.loop->id);
    if (element.conditionExpression) ids.insert(element.conditionExpression->id);
    collectNestedIds(element.flowElements, ids);
  }
}

void renameRef(std::string& ref, const std::string& oldId, const std::string& newId) {
  if (ref == oldId) ref = newId;
}

// A reference that may carry a namespace prefix (processRef="tns:p"):
// the prefix stays.
void renamePrefixedRef(std::string& ref, const std::string& oldId, const std::string& newId) {
  if (model::localRef(ref) == oldId) ref = ref.substr(0, ref.size() - oldId.size()) + newId;
}

// A call activity calling the renamed process by its id (not by a FEEL
// expression): zeebe:calledElement processId, or calledElement.
void renameCalledProcess(model::FlowElement& element, const std::string& oldId, const std::string& newId) {
  if (element.kind != model::ElementKind::kCallActivity) return;
  renameRef(element.calledElement, oldId, newId);
  if (!element.extensionElements) return;
  for (auto& child : element.extensionElements->children) {
    if (child.is(ns::kZeebe, "calledElement") && child.attribute("processId") == oldId) {
      setXmlAttribute(child, "processId", newId);
    }
  }
}

// Data associations and other verbatim BPMN children: <sourceRef> and
// <targetRef> hold ids as text.
void renameInXml(model::XmlElement& element, const std::string& oldId, const std::string& newId) {
  if ((element.is(ns::kBpmn, "sourceRef") || element.is(ns::kBpmn, "targetRef")) && element.textContent() == oldId) {
    model::XmlElement text;
    text.text = newId;
    element.children = {text};
    return;
  }
  for (auto& child : element.children) renameInXml(child, oldId, newId);
}

void renameInArtifacts(std::vector<model::Artifact>& artifacts, const std::string& oldId, const std::string& newId) {
  for (auto& artifact : artifacts) {
    renameRef(artifact.id, oldId, newId);
    renameRef(artifact.sourceRef, oldId, newId);
    renameRef(artifact.targetRef, oldId, newId);
  }
}

void renameInElements(std::vector<model::FlowElement>& elements, const std::string& oldId, const std::string& newId) {
  for (auto& element : elements) {
    renameRef(element.id, oldId, newId);
    for (auto& ref : element.incoming) renameRef(ref, oldId, newId);
    for (auto& ref : element.outgoing) renameRef(ref, oldId, newId);
    renameRef(element.sourceRef, oldId, newId);
    renameRef(element.targetRef, oldId, newId);
    renameRef(element.defaultFlow, oldId, newId);
    renameRef(element.attachedToRef, oldId, newId);
    for (auto& definition : element.eventDefinitions) {
      if (definition.kind == model::EventDefinitionKind::kCompensate) renameRef(definition.ref, oldId, newId);
    }
    for (auto& child : element.otherChildren) renameInXml(child, oldId, newId);
    renameCalledProcess(element, oldId, newId);
    renameInArtifacts(element.artifacts, oldId, newId);
    renameInElements(element.flowElements, oldId, newId);
  }
}

void renameInLanes(std::vector<model::LaneSet>& laneSets, const std::string& oldId, const std::string& newId) {
  for (auto& laneSet : laneSets) {
    renameRef(laneSet.id, oldId, newId);
    for (auto& lane : laneSet.lanes) {
      renameRef(lane.id, oldId, newId);
      for (auto& ref : lane.flowNodeRefs) renameRef(ref, oldId, newId);
      renameInLanes(lane.childLaneSets, oldId, newId);
    }
  }
}

}  // namespace

model::BaseElement* findBaseElement(model::Definitions& definitions, const std::string& id) {
  if (id.empty()) return nullptr;
  if (model::FlowElement* element = findFlowElement(definitions, id)) return element;
  if (auto scope = scopeOf(definitions, id)) {  // an artifact of a process or sub-process
    for (auto& artifact : *scope->artifacts) {
      if (artifact.id == id) return &artifact;
    }
  }
  if (model::Lane* lane = findLane(definitions, id).second) return lane;
  for (auto& root : definitions.rootElements) {
    if (auto* process = std::get_if<model::Process>(&root); process && process->id == id) return process;
    auto* collaboration = std::get_if<model::Collaboration>(&root);
    if (!collaboration) continue;
    if (collaboration->id == id) return collaboration;
    for (auto& participant : collaboration->participants) {
      if (participant.id == id) return &participant;
    }
    for (auto& flow : collaboration->messageFlows) {
      if (flow.id == id) return &flow;
    }
    for (auto& artifact : collaboration->artifacts) {
      if (artifact.id == id) return &artifact;
    }
  }
  return nullptr;
}

Status checkNewId(const model::Definitions& definitions, const std::string& oldId, const std::string& newId) {
  if (newId == oldId) return Status::ok();
  if (newId.empty()) return Status::invalidArgument("The id must not be empty.");
  if (!isXmlId(newId)) {
    return Status::invalidArgument("\"" + newId +
                                   "\" is not a valid id: it starts with a letter or _ and holds only letters, "
                                   "digits, _, - and . (no spaces, no colon).");
  }
  std::set<std::string> ids = usedIds(definitions);
  for (const auto* process : definitions.processes()) collectNestedIds(process->flowElements, ids);
  if (ids.count(newId)) return Status::conflict("The id \"" + newId + "\" is already used.");
  bool diFollows = false;
  for (const auto& diagram : definitions.diagrams) {
    for (const auto& element : diagram.plane.elements) diFollows = diFollows || element.id == oldId + "_di";
  }
  if (diFollows && ids.count(newId + "_di")) {
    return Status::conflict("The id \"" + newId + "_di\" the diagram would take is already used.");
  }
  return Status::ok();
}

Status renameElement(model::Definitions& definitions, const std::string& oldId, const std::string& newId) {
  if (!findBaseElement(definitions, oldId)) return Status::notFound("no element " + oldId);
  if (Status checked = checkNewId(definitions, oldId, newId); !checked.isOk()) return checked;
  if (newId == oldId) return Status::ok();
  for (auto& root : definitions.rootElements) {
    if (auto* process = std::get_if<model::Process>(&root)) {
      renameRef(process->id, oldId, newId);
      renameRef(process->definitionalCollaborationRef, oldId, newId);
      renameInElements(process->flowElements, oldId, newId);
      renameInArtifacts(process->artifacts, oldId, newId);
      renameInLanes(process->laneSets, oldId, newId);
    } else if (auto* collaboration = std::get_if<model::Collaboration>(&root)) {
      renameRef(collaboration->id, oldId, newId);
      for (auto& participant : collaboration->participants) {
        renameRef(participant.id, oldId, newId);
        renamePrefixedRef(participant.processRef, oldId, newId);
      }
      for (auto& flow : collaboration->messageFlows) {
        renameRef(flow.id, oldId, newId);
        renameRef(flow.sourceRef, oldId, newId);
        renameRef(flow.targetRef, oldId, newId);
      }
      renameInArtifacts(collaboration->artifacts, oldId, newId);
    }
  }
  const std::string oldDi = oldId + "_di";
  const std::string newDi = newId + "_di";
  for (auto& diagram : definitions.diagrams) {
    renameRef(diagram.plane.bpmnElement, oldId, newId);
    for (auto& element : diagram.plane.elements) {
      renameRef(element.bpmnElement, oldId, newId);
      renameRef(element.id, oldDi, newDi);
      renameRef(element.sourceElement, oldDi, newDi);
      renameRef(element.targetElement, oldDi, newDi);
    }
  }
  return Status::ok();
}

}  // namespace bpmn::modeler

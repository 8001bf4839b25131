// Copy and paste (clipboard.h).
#include "clipboard.h"

#include <algorithm>
#include <map>
#include <set>

#include "editing.h"
#include "model_access.h"
#include "properties.h"

namespace bpmn::modeler {

namespace {

std::string prefixOf(const std::string& id) {
  const auto underscore = id.find('_');
  return underscore == std::string::npos ? std::string() : id.substr(0, underscore + 1);
}

// New ids for an element and everything nested in it.
void renumber(model::Definitions& definitions, const model::FlowElement& element,
              std::map<std::string, std::string>& ids) {
  ids[element.id] = newId(definitions, element.kind);
  for (const auto& definition : element.eventDefinitions) {
    if (!definition.id.empty()) ids[definition.id] = newId(definitions, prefixOf(definition.id).empty() ? "EventDefinition_" : prefixOf(definition.id));
  }
  std::set<std::string> verbatim;  // ioSpecification, data inputs, data associations...
  collectXmlIds(element.otherChildren, verbatim);
  for (const std::string& id : verbatim) ids[id] = newId(definitions, prefixOf(id).empty() ? "Element_" : prefixOf(id));
  for (const auto& inner : element.flowElements) renumber(definitions, inner, ids);
  for (const auto& artifact : element.artifacts) {
    ids[artifact.id] = newId(definitions, prefixOf(artifact.id).empty() ? "Artifact_" : prefixOf(artifact.id));
  }
}

// Verbatim content with its ids and the references among them renamed;
// a data association with an end outside what was copied is left out.
bool rewriteVerbatim(model::XmlElement& element, const std::map<std::string, std::string>& ids) {
  const auto local = element.localName();
  if (local == "dataInputAssociation" || local == "dataOutputAssociation") {
    for (const auto& end : element.children) {
      if (end.localName() != "sourceRef" && end.localName() != "targetRef") continue;
      for (const auto& text : end.children) {
        if (text.isText() && !trimmed(text.text).empty() && !ids.count(trimmed(text.text))) return false;
      }
    }
  }
  for (auto& attribute : element.attributes) {
    if (ids.count(attribute.value)) attribute.value = ids.at(attribute.value);
  }
  std::erase_if(element.children, [&](model::XmlElement& child) {
    if (child.isText()) {
      if (const std::string word = trimmed(child.text); ids.count(word)) child.text = ids.at(word);
      return false;
    }
    return !rewriteVerbatim(child, ids);
  });
  return true;
}

// A pasted DI element's label: shifted, without the original's id.
void shiftLabel(model::DiElement& di, const QPointF& offset) {
  if (!di.label) return;
  di.label->id.clear();
  if (di.label->bounds) {
    di.label->bounds->x += offset.x();
    di.label->bounds->y += offset.y();
  }
}

std::string mapped(const std::map<std::string, std::string>& ids, const std::string& id) {
  auto found = ids.find(id);
  return found == ids.end() ? id : found->second;
}

void rewrite(model::FlowElement& element, const std::map<std::string, std::string>& ids) {
  element.id = mapped(ids, element.id);
  for (auto& definition : element.eventDefinitions) definition.id = mapped(ids, definition.id);
  std::erase_if(element.incoming, [&](const std::string& id) { return !ids.count(id); });
  std::erase_if(element.outgoing, [&](const std::string& id) { return !ids.count(id); });
  for (auto& id : element.incoming) id = mapped(ids, id);
  for (auto& id : element.outgoing) id = mapped(ids, id);
  if (!element.defaultFlow.empty()) element.defaultFlow = ids.count(element.defaultFlow) ? ids.at(element.defaultFlow) : "";
  element.sourceRef = mapped(ids, element.sourceRef);
  element.targetRef = mapped(ids, element.targetRef);
  element.attachedToRef = mapped(ids, element.attachedToRef);
  element.dataObjectRef = mapped(ids, element.dataObjectRef);
  if (element.loop) element.loop->id.clear();
  std::erase_if(element.otherChildren, [&](model::XmlElement& child) { return !rewriteVerbatim(child, ids); });
  for (auto& inner : element.flowElements) rewrite(inner, ids);
  for (auto& artifact : element.artifacts) {
    artifact.id = mapped(ids, artifact.id);
    artifact.sourceRef = mapped(ids, std::string(model::localRef(artifact.sourceRef)));
    artifact.targetRef = mapped(ids, std::string(model::localRef(artifact.targetRef)));
  }
}

}  // namespace

Clipboard copyElements(const model::Definitions& constDefinitions, int diagram, const std::vector<std::string>& ids) {
  auto& definitions = const_cast<model::Definitions&>(constDefinitions);  // read only below
  Clipboard clipboard;
  const model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return clipboard;
  std::set<std::string> copied;
  // What selected sub-processes hold comes with them, whatever the order of
  // the selection.
  for (const std::string& id : ids) {
    if (const model::FlowElement* element = findFlowElement(definitions, id)) {
      collectContent(element->flowElements, element->artifacts, copied);
    }
  }
  std::vector<const model::FlowElement*> nodes;
  for (const std::string& id : ids) {
    const model::FlowElement* element = findFlowElement(definitions, id);
    // A boundary event comes with its activity or not at all (bpmn.io).
    if (element && element->kind == model::ElementKind::kBoundaryEvent &&
        std::find(ids.begin(), ids.end(), element->attachedToRef) == ids.end()) {
      continue;
    }
    if (element && element->kind != model::ElementKind::kSequenceFlow && !copied.count(id)) {
      nodes.push_back(element);
      copied.insert(id);
      collectContent(element->flowElements, element->artifacts, copied);
    }
  }
  // Boundary events of copied activities and flows between copied nodes
  // (from the scopes of the copied nodes).
  std::set<const std::vector<model::FlowElement>*> scopes;
  for (const auto* node : nodes) scopes.insert(scopeOf(definitions, node->id)->elements);
  for (const auto* scope : scopes) {
    for (const auto& element : *scope) {
      if (element.kind == model::ElementKind::kBoundaryEvent && copied.count(element.attachedToRef) &&
          !copied.count(element.id)) {
        nodes.push_back(&element);
        copied.insert(element.id);
      }
    }
  }
  for (const auto* scope : scopes) {
    for (const auto& element : *scope) {
      if (element.kind == model::ElementKind::kSequenceFlow && copied.count(element.sourceRef) &&
          copied.count(element.targetRef) && !copied.count(element.id)) {
        nodes.push_back(&element);
        copied.insert(element.id);
      }
    }
  }
  for (const auto* node : nodes) clipboard.elements.push_back(*node);
  for (const std::string& id : ids) {
    auto scope = scopeOf(definitions, id);
    if (!scope) continue;
    for (const auto& artifact : *scope->artifacts) {
      if (artifact.id == id && artifact.kind != model::Artifact::Kind::kAssociation && !copied.count(id)) {
        clipboard.artifacts.push_back(artifact);
        copied.insert(id);
      }
    }
  }
  // Associations between copied elements, from the copied elements' scopes.
  for (const std::string& id : std::set<std::string>(copied)) {
    auto scope = scopeOf(definitions, id);
    if (!scope) continue;
    for (const auto& artifact : *scope->artifacts) {
      if (artifact.kind == model::Artifact::Kind::kAssociation && !copied.count(artifact.id) &&
          copied.count(std::string(model::localRef(artifact.sourceRef))) &&
          copied.count(std::string(model::localRef(artifact.targetRef)))) {
        clipboard.artifacts.push_back(artifact);
        copied.insert(artifact.id);
      }
    }
  }
  // Data associations inside copied elements are drawn too.
  std::set<std::string> drawn = copied;
  for (const auto& element : clipboard.elements) collectXmlIds(element.otherChildren, drawn);
  for (const auto& di : plane->elements) {
    if (!drawn.count(di.bpmnElement)) continue;
    (di.kind == model::DiElement::Kind::kShape ? clipboard.shapes : clipboard.edges).push_back(di);
  }
  return clipboard;
}

Result<std::string> pasteElements(model::Definitions& definitions, int diagram, const Clipboard& clipboard,
                                  const QPointF& offset) {
  if (clipboard.empty()) return Status::invalidArgument("there is nothing to paste");
  if (!planeOf(definitions, diagram)) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  // Where the copy lands: the scope under the centre of its shapes.
  QRectF area;
  for (const auto& shape : clipboard.shapes) {
    if (shape.bounds) area = area.united(rectOf(*shape.bounds));
  }
  // Not into a copied original (a sub-process pasted beside itself).
  std::set<std::string> originals;
  for (const auto& shape : clipboard.shapes) originals.insert(shape.bpmnElement);
  auto scope = scopeAt(definitions, diagram, area.center() + offset, originals);
  if (!scope) return Status::invalidArgument("pasted flow elements go into a pool: paste inside one");
  std::map<std::string, std::string> ids;
  for (const auto& element : clipboard.elements) renumber(definitions, element, ids);
  for (const auto& artifact : clipboard.artifacts) {
    ids[artifact.id] = newId(definitions, prefixOf(artifact.id).empty() ? "Artifact_" : prefixOf(artifact.id));
  }
  std::string pasted;
  const std::string owner = scope->subProcess ? scope->subProcess->id : scope->process->id;
  for (model::FlowElement element : clipboard.elements) {
    rewrite(element, ids);
    if (element.kind != model::ElementKind::kSequenceFlow && element.kind != model::ElementKind::kBoundaryEvent) {
      pasted += (pasted.empty() ? "" : "\n") + element.id;
    }
    scopeOpenedBy(definitions, owner)->elements->push_back(std::move(element));
  }
  for (model::Artifact artifact : clipboard.artifacts) {
    artifact.id = ids.at(artifact.id);
    artifact.sourceRef = mapped(ids, std::string(model::localRef(artifact.sourceRef)));
    artifact.targetRef = mapped(ids, std::string(model::localRef(artifact.targetRef)));
    if (artifact.kind != model::Artifact::Kind::kAssociation) pasted += (pasted.empty() ? "" : "\n") + artifact.id;
    scopeOpenedBy(definitions, owner)->artifacts->push_back(std::move(artifact));
  }
  model::DiPlane* plane = planeOf(definitions, diagram);
  for (model::DiElement di : clipboard.shapes) {
    di.bpmnElement = ids.at(di.bpmnElement);
    di.id = di.bpmnElement + "_di";
    di.bounds->x += offset.x();
    di.bounds->y += offset.y();
    shiftLabel(di, offset);
    plane->elements.push_back(std::move(di));
  }
  std::set<std::string> present;  // data associations left out have no edge
  for (const auto& element : clipboard.elements) present.insert(ids.at(element.id));
  forEachFlowElement(definitions, [&](model::FlowElement& e) {
    if (present.count(e.id)) collectXmlIds(e.otherChildren, present);
  });
  for (const auto& artifact : clipboard.artifacts) present.insert(ids.at(artifact.id));
  for (model::DiElement di : clipboard.edges) {
    if (!ids.count(di.bpmnElement) || !present.count(ids.at(di.bpmnElement))) continue;
    di.bpmnElement = ids.at(di.bpmnElement);
    di.id = di.bpmnElement + "_di";
    di.sourceElement.clear();
    di.targetElement.clear();
    for (auto& point : di.waypoints) {
      point.x += offset.x();
      point.y += offset.y();
    }
    shiftLabel(di, offset);
    plane->elements.push_back(std::move(di));
  }
  for (const auto& [old, id] : ids) assignLane(definitions, diagram, id);
  return pasted;
}

}  // namespace bpmn::modeler

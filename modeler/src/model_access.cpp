// Finding things in a Definitions (model_access.h).
#include "model_access.h"

#include <algorithm>

namespace bpmn::modeler {

namespace {

void collectIds(const std::vector<model::FlowElement>& elements, std::set<std::string>& ids) {
  for (const auto& element : elements) {
    ids.insert(element.id);
    for (const auto& artifact : element.artifacts) ids.insert(artifact.id);
    collectIds(element.flowElements, ids);
  }
}

void collectLanes(const std::vector<model::LaneSet>& laneSets, std::set<std::string>& ids) {
  for (const auto& laneSet : laneSets) {
    ids.insert(laneSet.id);
    for (const auto& lane : laneSet.lanes) {
      ids.insert(lane.id);
      collectLanes(lane.childLaneSets, ids);
    }
  }
}

std::optional<Scope> findIn(model::Process& process, model::FlowElement* owner,
                            std::vector<model::FlowElement>& elements, std::vector<model::Artifact>& artifacts,
                            const std::string& id) {
  for (auto& element : elements) {
    if (element.id == id) return Scope{&process, owner, &elements, &artifacts};
  }
  for (auto& artifact : artifacts) {
    if (artifact.id == id) return Scope{&process, owner, &elements, &artifacts};
  }
  for (auto& element : elements) {
    if (element.flowElements.empty() && element.artifacts.empty()) continue;
    if (auto found = findIn(process, &element, element.flowElements, element.artifacts, id)) return found;
  }
  return std::nullopt;
}

std::optional<Scope> openedIn(model::Process& process, std::vector<model::FlowElement>& elements,
                              const std::string& id) {
  for (auto& element : elements) {
    if (element.id == id && model::isSubProcessKind(element.kind)) {
      return Scope{&process, &element, &element.flowElements, &element.artifacts};
    }
    if (auto found = openedIn(process, element.flowElements, id)) return found;
  }
  return std::nullopt;
}

const model::FlowElement* findElement(const std::vector<model::FlowElement>& elements, const std::string& id) {
  for (const auto& element : elements) {
    if (element.id == id) return &element;
    if (const auto* found = findElement(element.flowElements, id)) return found;
  }
  return nullptr;
}

const model::Artifact* findArtifact(const std::vector<model::FlowElement>& elements,
                                    const std::vector<model::Artifact>& artifacts, const std::string& id) {
  for (const auto& artifact : artifacts) {
    if (artifact.id == id) return &artifact;
  }
  for (const auto& element : elements) {
    if (const auto* found = findArtifact(element.flowElements, element.artifacts, id)) return found;
  }
  return nullptr;
}

}  // namespace

model::DiPlane* planeOf(model::Definitions& definitions, int diagram) {
  if (diagram < 0 || diagram >= static_cast<int>(definitions.diagrams.size())) return nullptr;
  return &definitions.diagrams[static_cast<std::size_t>(diagram)].plane;
}

const model::DiPlane* planeOf(const model::Definitions& definitions, int diagram) {
  if (diagram < 0 || diagram >= static_cast<int>(definitions.diagrams.size())) return nullptr;
  return &definitions.diagrams[static_cast<std::size_t>(diagram)].plane;
}

model::DiElement* shapeOf(model::DiPlane& plane, const std::string& elementId) {
  for (auto& element : plane.elements) {
    if (element.kind == model::DiElement::Kind::kShape && element.bpmnElement == elementId && element.bounds) {
      return &element;
    }
  }
  return nullptr;
}

const model::DiElement* shapeOf(const model::DiPlane& plane, const std::string& elementId) {
  return shapeOf(const_cast<model::DiPlane&>(plane), elementId);
}

model::DiElement* edgeOf(model::DiPlane& plane, const std::string& elementId) {
  for (auto& element : plane.elements) {
    if (element.kind == model::DiElement::Kind::kEdge && element.bpmnElement == elementId) return &element;
  }
  return nullptr;
}

QRectF rectOf(const model::Bounds& bounds) { return QRectF(bounds.x, bounds.y, bounds.width, bounds.height); }

model::Bounds boundsOf(const QRectF& rect, model::Bounds keep) {
  keep.x = rect.x();
  keep.y = rect.y();
  keep.width = rect.width();
  keep.height = rect.height();
  return keep;
}

QPolygonF polygonOf(const model::DiElement& edge) {
  QPolygonF polygon;
  for (const auto& point : edge.waypoints) polygon << QPointF(point.x, point.y);
  return polygon;
}

std::set<std::string> usedIds(const model::Definitions& definitions) {
  std::set<std::string> ids{definitions.id};
  for (const auto& root : definitions.rootElements) {
    if (const auto* process = std::get_if<model::Process>(&root)) {
      ids.insert(process->id);
      collectIds(process->flowElements, ids);
      for (const auto& artifact : process->artifacts) ids.insert(artifact.id);
      collectLanes(process->laneSets, ids);
    } else if (const auto* collaboration = std::get_if<model::Collaboration>(&root)) {
      ids.insert(collaboration->id);
      for (const auto& participant : collaboration->participants) ids.insert(participant.id);
      for (const auto& flow : collaboration->messageFlows) ids.insert(flow.id);
      for (const auto& artifact : collaboration->artifacts) ids.insert(artifact.id);
    } else if (const auto* global = std::get_if<model::GlobalElement>(&root)) {
      ids.insert(global->id);
    } else if (const auto* other = std::get_if<model::XmlElement>(&root)) {
      for (const auto& attribute : other->attributes) {
        if (attribute.qname == "id") ids.insert(attribute.value);
      }
    }
  }
  for (const auto& diagram : definitions.diagrams) {
    ids.insert(diagram.id);
    ids.insert(diagram.plane.id);
    for (const auto& element : diagram.plane.elements) {
      ids.insert(element.id);
      if (element.label) ids.insert(element.label->id);
    }
  }
  ids.erase("");
  return ids;
}

model::Process* findProcess(model::Definitions& definitions, std::string_view id) {
  for (auto& root : definitions.rootElements) {
    if (auto* process = std::get_if<model::Process>(&root); process && process->id == id) return process;
  }
  return nullptr;
}

model::Collaboration* collaborationOf(model::Definitions& definitions, int diagram) {
  const model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return nullptr;
  for (auto& root : definitions.rootElements) {
    if (auto* collaboration = std::get_if<model::Collaboration>(&root);
        collaboration && collaboration->id == plane->bpmnElement) {
      return collaboration;
    }
  }
  return nullptr;
}

model::Process* processOf(model::Definitions& definitions, int diagram) {
  const model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return nullptr;
  if (model::Collaboration* collaboration = collaborationOf(definitions, diagram)) {
    for (const auto& participant : collaboration->participants) {
      if (participant.processRef.empty()) continue;
      if (model::Process* process = findProcess(definitions, model::localRef(participant.processRef))) return process;
    }
    return nullptr;
  }
  return findProcess(definitions, plane->bpmnElement);
}

std::optional<Scope> scopeOf(model::Definitions& definitions, const std::string& id) {
  for (model::Process* process : definitions.processes()) {
    if (auto found = findIn(*process, nullptr, process->flowElements, process->artifacts, id)) return found;
  }
  return std::nullopt;
}

std::optional<Scope> scopeOpenedBy(model::Definitions& definitions, const std::string& id) {
  for (model::Process* process : definitions.processes()) {
    if (process->id == id) return Scope{process, nullptr, &process->flowElements, &process->artifacts};
    if (auto found = openedIn(*process, process->flowElements, id)) return found;
  }
  return std::nullopt;
}

std::pair<model::Collaboration*, model::Participant*> findParticipant(model::Definitions& definitions,
                                                                      const std::string& id) {
  for (auto& root : definitions.rootElements) {
    auto* collaboration = std::get_if<model::Collaboration>(&root);
    if (!collaboration) continue;
    for (auto& participant : collaboration->participants) {
      if (participant.id == id) return {collaboration, &participant};
    }
  }
  return {nullptr, nullptr};
}

model::Participant* participantOf(model::Definitions& definitions, const std::string& processId) {
  for (auto& root : definitions.rootElements) {
    auto* collaboration = std::get_if<model::Collaboration>(&root);
    if (!collaboration) continue;
    for (auto& participant : collaboration->participants) {
      if (model::localRef(participant.processRef) == processId) return &participant;
    }
  }
  return nullptr;
}

namespace {

model::Lane* laneIn(std::vector<model::LaneSet>& laneSets, const std::string& id) {
  for (auto& laneSet : laneSets) {
    for (auto& lane : laneSet.lanes) {
      if (lane.id == id) return &lane;
      if (model::Lane* inner = laneIn(lane.childLaneSets, id)) return inner;
    }
  }
  return nullptr;
}

}  // namespace

std::pair<model::Process*, model::Lane*> findLane(model::Definitions& definitions, const std::string& id) {
  for (model::Process* process : definitions.processes()) {
    if (model::Lane* lane = laneIn(process->laneSets, id)) return {process, lane};
  }
  return {nullptr, nullptr};
}

namespace {

// The ends of data association `id` of an element in `elements`: the data
// and the element, in the direction the data goes.
std::optional<std::pair<std::string, std::string>> dataAssociationEnds(const std::vector<model::FlowElement>& elements,
                                                                       const std::string& id) {
  for (const auto& element : elements) {
    for (const auto& child : element.otherChildren) {
      const bool input = child.localName() == "dataInputAssociation";
      if ((!input && child.localName() != "dataOutputAssociation") || child.attribute("id") != id) continue;
      for (const auto& end : child.children) {
        if (end.localName() != (input ? "sourceRef" : "targetRef")) continue;
        const std::string data(model::localRef(trimmed(end.textContent())));
        return input ? std::pair{data, element.id} : std::pair{element.id, data};
      }
      return std::nullopt;
    }
    if (auto ends = dataAssociationEnds(element.flowElements, id)) return ends;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> endsOf(const model::Definitions& definitions,
                                                          const std::string& id) {
  for (const auto& root : definitions.rootElements) {
    if (const auto* process = std::get_if<model::Process>(&root)) {
      if (const auto* flow = findElement(process->flowElements, id); flow && flow->kind == model::ElementKind::kSequenceFlow) {
        return std::pair{flow->sourceRef, flow->targetRef};
      }
      if (const auto* artifact = findArtifact(process->flowElements, process->artifacts, id);
          artifact && artifact->kind == model::Artifact::Kind::kAssociation) {
        return std::pair{std::string(model::localRef(artifact->sourceRef)),
                         std::string(model::localRef(artifact->targetRef))};
      }
      if (auto ends = dataAssociationEnds(process->flowElements, id)) return ends;
    } else if (const auto* collaboration = std::get_if<model::Collaboration>(&root)) {
      for (const auto& flow : collaboration->messageFlows) {
        if (flow.id == id) {
          return std::pair{std::string(model::localRef(flow.sourceRef)), std::string(model::localRef(flow.targetRef))};
        }
      }
      for (const auto& artifact : collaboration->artifacts) {
        if (artifact.id == id && artifact.kind == model::Artifact::Kind::kAssociation) {
          return std::pair{std::string(model::localRef(artifact.sourceRef)),
                           std::string(model::localRef(artifact.targetRef))};
        }
      }
    }
  }
  return std::nullopt;
}

void collectContent(const std::vector<model::FlowElement>& elements, const std::vector<model::Artifact>& artifacts,
                    std::set<std::string>& ids) {
  for (const auto& artifact : artifacts) ids.insert(artifact.id);
  for (const auto& element : elements) {
    ids.insert(element.id);
    collectContent(element.flowElements, element.artifacts, ids);
  }
}

std::optional<Scope> scopeAt(model::Definitions& definitions, int diagram, const QPointF& point,
                             const std::set<std::string>& excluded) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return std::nullopt;
  std::optional<Scope> best;
  double bestArea = 0;
  for (const auto& shape : plane->elements) {
    if (shape.kind != model::DiElement::Kind::kShape || !shape.bounds || excluded.count(shape.bpmnElement)) continue;
    const QRectF rect = rectOf(*shape.bounds);
    if (!rect.contains(point)) continue;
    const double area = rect.width() * rect.height();
    if (best && area >= bestArea) continue;
    std::optional<Scope> scope;
    if (auto [collaboration, participant] = findParticipant(definitions, shape.bpmnElement); participant) {
      if (!participant->processRef.empty()) scope = scopeOpenedBy(definitions, std::string(model::localRef(participant->processRef)));
    } else if (shape.isExpanded.value_or(false)) {
      scope = scopeOpenedBy(definitions, shape.bpmnElement);
    }
    if (!scope) continue;
    best = scope;
    bestArea = area;
  }
  if (best) return best;
  if (collaborationOf(definitions, diagram)) return std::nullopt;
  return scopeOpenedBy(definitions, plane->bpmnElement);
}

namespace {

// Takes the node out of every lane but those in `keep`.
void leaveLanes(std::vector<model::LaneSet>& laneSets, const std::string& nodeId,
                const std::vector<model::Lane*>& keep = {}) {
  for (auto& laneSet : laneSets) {
    for (auto& lane : laneSet.lanes) {
      if (std::find(keep.begin(), keep.end(), &lane) == keep.end()) std::erase(lane.flowNodeRefs, nodeId);
      leaveLanes(lane.childLaneSets, nodeId, keep);
    }
  }
}

// The lanes drawn under `point`: the outermost, its child lane under it,
// and so on down to the innermost.
void lanesAt(std::vector<model::LaneSet>& laneSets, const model::DiPlane& plane, const QPointF& point,
             std::vector<model::Lane*>& chain) {
  for (auto& laneSet : laneSets) {
    for (auto& lane : laneSet.lanes) {
      const model::DiElement* shape = shapeOf(plane, lane.id);
      if (!shape || !shape->bounds || !rectOf(*shape->bounds).contains(point)) continue;
      chain.push_back(&lane);
      lanesAt(lane.childLaneSets, plane, point, chain);
      return;
    }
  }
}

}  // namespace

void removeFromLanes(model::Process& process, const std::string& nodeId) { leaveLanes(process.laneSets, nodeId); }

void assignLane(model::Definitions& definitions, int diagram, const std::string& nodeId) {
  const model::DiPlane* plane = planeOf(definitions, diagram);
  auto scope = scopeOf(definitions, nodeId);
  if (!plane || !scope || scope->process->laneSets.empty()) return;
  // Lanes hold flow nodes and data references, not artifacts.
  if (std::none_of(scope->elements->begin(), scope->elements->end(),
                   [&](const model::FlowElement& e) { return e.id == nodeId; })) {
    return;
  }
  const model::DiElement* shape = shapeOf(*plane, nodeId);
  if (!shape || !shape->bounds) return;
  // Lanes hold the process's own nodes; a lane lists every node in its
  // partition, so the node's innermost lane and all that lane's ancestors
  // list it (those that do already keep its place in their lists).
  std::vector<model::Lane*> chain;
  if (!scope->subProcess) lanesAt(scope->process->laneSets, *plane, rectOf(*shape->bounds).center(), chain);
  leaveLanes(scope->process->laneSets, nodeId, chain);
  for (model::Lane* lane : chain) {
    if (std::find(lane->flowNodeRefs.begin(), lane->flowNodeRefs.end(), nodeId) == lane->flowNodeRefs.end()) {
      lane->flowNodeRefs.push_back(nodeId);
    }
  }
}

namespace {

void visitAll(std::vector<model::FlowElement>& elements, const std::function<void(model::FlowElement&)>& visit) {
  for (auto& element : elements) {
    visit(element);
    visitAll(element.flowElements, visit);
  }
}

}  // namespace

void forEachFlowElement(model::Definitions& definitions, const std::function<void(model::FlowElement&)>& visit) {
  for (model::Process* process : definitions.processes()) visitAll(process->flowElements, visit);
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

void collectLaneIds(const std::vector<model::LaneSet>& laneSets, std::set<std::string>& ids) {
  for (const auto& laneSet : laneSets) {
    for (const auto& lane : laneSet.lanes) {
      ids.insert(lane.id);
      collectLaneIds(lane.childLaneSets, ids);
    }
  }
}

void collectXmlIds(const std::vector<model::XmlElement>& elements, std::set<std::string>& ids) {
  for (const auto& element : elements) {
    for (const auto& attribute : element.attributes) {
      if (attribute.qname == "id") ids.insert(attribute.value);
    }
    collectXmlIds(element.children, ids);
  }
}

}  // namespace bpmn::modeler

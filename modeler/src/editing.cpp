// Creating, connecting, deleting and relabelling elements (editing.h).
#include "editing.h"

#include <QRandomGenerator>
#include <QSizeF>
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "arrange.h"
#include "bpmn/model/namespaces.h"
#include "lane_layout.h"
#include "model_access.h"
#include "properties.h"
#include "sub_process_planes.h"

namespace bpmn::modeler {

using model::ElementKind;

namespace {

constexpr const char* kBpmnModel = "http://www.omg.org/spec/BPMN/20100524/MODEL";

// The prefix the file uses for BPMN elements ("bpmn:", or "" when BPMN is
// the default namespace).
std::string bpmnPrefix(const model::Definitions& definitions) {
  const auto colon = definitions.rootQName.find(':');
  return colon == std::string::npos ? std::string() : definitions.rootQName.substr(0, colon + 1);
}

std::string attribute(const model::XmlElement& element, std::string_view name) {
  for (const auto& a : element.attributes) {
    if (a.qname == name) return a.value;
  }
  return {};
}

void setAttribute(model::XmlElement& element, const std::string& name, const std::string& value) {
  for (auto& a : element.attributes) {
    if (a.qname == name) {
      a.value = value;
      return;
    }
  }
  element.attributes.push_back({name, "", value});
}

// The categoryValue element a group refers to, in a bpmn:category root.
model::XmlElement* categoryValue(model::Definitions& definitions, std::string_view ref) {
  for (auto& root : definitions.rootElements) {
    auto* category = std::get_if<model::XmlElement>(&root);
    if (!category || category->localName() != "category") continue;
    for (auto& child : category->children) {
      if (child.localName() == "categoryValue" && attribute(child, "id") == ref) return &child;
    }
  }
  return nullptr;
}

model::Artifact* findArtifact(model::Definitions& definitions, const std::string& id) {
  if (auto scope = scopeOf(definitions, id)) {
    for (auto& artifact : *scope->artifacts) {
      if (artifact.id == id) return &artifact;
    }
  }
  for (auto& root : definitions.rootElements) {
    if (auto* collaboration = std::get_if<model::Collaboration>(&root)) {
      for (auto& artifact : collaboration->artifacts) {
        if (artifact.id == id) return &artifact;
      }
    }
  }
  return nullptr;
}

model::MessageFlow* findMessageFlow(model::Definitions& definitions, const std::string& id) {
  for (auto& root : definitions.rootElements) {
    if (auto* collaboration = std::get_if<model::Collaboration>(&root)) {
      for (auto& flow : collaboration->messageFlows) {
        if (flow.id == id) return &flow;
      }
    }
  }
  return nullptr;
}

// The pool (participant id) an element belongs to on a collaboration: the
// participant of its process, or the participant itself.
std::string poolOf(model::Definitions& definitions, const std::string& id) {
  if (auto [collaboration, participant] = findParticipant(definitions, id); participant) return participant->id;
  auto scope = scopeOf(definitions, id);
  if (!scope) return {};
  const model::Participant* participant = participantOf(definitions, scope->process->id);
  return participant ? participant->id : std::string();
}

// The name of the property a data input association writes the data into
// (BPMN 2.0.2 §10.4.1: an input association needs a targetRef inside the
// activity or event). bpmn.io names it so and finds it again by this
// name, so files stay alike between the two modelers.
constexpr std::string_view kInputTargetName = "__targetRef_placeholder";

bool isAnnotation(model::Definitions& definitions, const std::string& id) {
  const model::Artifact* artifact = findArtifact(definitions, id);
  return artifact && artifact->kind == model::Artifact::Kind::kTextAnnotation;
}

bool isData(const model::FlowElement* element) {
  return element &&
         (element->kind == ElementKind::kDataObjectReference || element->kind == ElementKind::kDataStoreReference);
}

bool isCompensationBoundary(const model::FlowElement* element) {
  return element && element->kind == ElementKind::kBoundaryEvent &&
         element->eventKind() == model::EventDefinitionKind::kCompensate;
}

// The association from a compensation boundary event to its compensation
// activity, if it has one.
const model::Artifact* compensationAssociation(model::Definitions& definitions, const std::string& boundary) {
  auto scope = scopeOf(definitions, boundary);
  if (!scope) return nullptr;
  for (const auto& artifact : *scope->artifacts) {
    if (artifact.kind != model::Artifact::Kind::kAssociation || model::localRef(artifact.sourceRef) != boundary)
      continue;
    const model::FlowElement* target = findFlowElement(definitions, std::string(model::localRef(artifact.targetRef)));
    if (target && model::isActivity(target->kind)) return &artifact;
  }
  return nullptr;
}

// Why `id` may not send (`source`) or receive a message flow, or nothing
// when it may (§9.3, as bpmn.io decides it): a pool or an activity (a
// compensation activity receives none); an event that throws a message
// (or, ending, anything but nothing) sends; one that catches a message,
// or a none start or intermediate event, receives; a boundary event only
// with a message definition. Gateways, data and artifacts take none.
std::string messageFlowRefusal(model::Definitions& definitions, const std::string& id, bool source) {
  if (findParticipant(definitions, id).second) return {};
  const model::FlowElement* element = findFlowElement(definitions, id);
  if (!element || !(model::isActivity(element->kind) || model::isEvent(element->kind))) {
    return "a message flow connects pools, activities and events";
  }
  if (model::isActivity(element->kind)) {
    return !source && element->isForCompensation.value_or(false) ? "a compensation activity receives no messages" : "";
  }
  const auto definition = element->eventKind();
  const bool message = definition == model::EventDefinitionKind::kMessage;
  const bool throws = element->kind == ElementKind::kEndEvent || element->kind == ElementKind::kIntermediateThrowEvent;
  if (source) {
    if (!throws) return "a catching event sends no messages";
    if (element->kind == ElementKind::kEndEvent && !definition) return "a none end event sends no message";
    if (definition && !message) return "only a message event sends messages";
    return {};
  }
  if (throws) return "a throwing event receives no messages";
  if (element->kind == ElementKind::kBoundaryEvent ? !message : (definition && !message)) {
    return "only a message event receives messages";
  }
  return {};
}

model::XmlElement bpmnChild(const model::Definitions& definitions, const std::string& local, const std::string& text) {
  model::XmlElement element;
  element.qname = bpmnPrefix(definitions) + local;
  element.nsUri = std::string(ns::kBpmn);
  if (!text.empty()) {
    model::XmlElement content;
    content.text = text;
    element.children.push_back(std::move(content));
  }
  return element;
}

// A data association of `node` reading `data` (dataInputAssociation) or
// writing it (dataOutputAssociation), as bpmn.io writes them: the schema
// wants an input association's targetRef, which names the node's input
// target property (kInputTargetName, one per node). Returns the id.
std::string addDataAssociation(model::Definitions& definitions, model::FlowElement& node, const std::string& data,
                               bool reads) {
  const std::string id = newId(definitions, reads ? "DataInputAssociation_" : "DataOutputAssociation_");
  model::XmlElement association = bpmnChild(definitions, reads ? "dataInputAssociation" : "dataOutputAssociation", "");
  setAttribute(association, "id", id);
  if (reads) {
    std::string property;
    for (const auto& child : node.otherChildren) {
      if (child.is(ns::kBpmn, "property") && child.attribute("name") == kInputTargetName) {
        property = std::string(child.attribute("id"));
      }
    }
    if (property.empty()) {
      property = newId(definitions, std::string("Property_"));
      model::XmlElement target = bpmnChild(definitions, "property", "");
      setAttribute(target, "id", property);
      setAttribute(target, "name", std::string(kInputTargetName));
      node.otherChildren.push_back(std::move(target));
    }
    association.children.push_back(bpmnChild(definitions, "sourceRef", data));
    association.children.push_back(bpmnChild(definitions, "targetRef", property));
  } else {
    association.children.push_back(bpmnChild(definitions, "targetRef", data));
  }
  node.otherChildren.push_back(std::move(association));
  return id;
}

// A new event definition with bpmn.io's id (MessageEventDefinition_1x2y3z4).
model::EventDefinition newEventDefinition(const model::Definitions& definitions, model::EventDefinitionKind kind) {
  model::EventDefinition definition;
  definition.kind = kind;
  std::string name(model::eventDefinitionKindName(kind));
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  definition.id = newId(definitions, name + "_");
  return definition;
}

model::DiElement newEdge(const std::string& id, const QPolygonF& route) {
  model::DiElement edge;
  edge.kind = model::DiElement::Kind::kEdge;
  edge.id = id + "_di";
  edge.bpmnElement = id;
  for (const QPointF& point : route) edge.waypoints.push_back({point.x(), point.y(), {}});
  return edge;
}

model::DiElement newShape(const std::string& id, const QRectF& rect) {
  model::DiElement shape;
  shape.kind = model::DiElement::Kind::kShape;
  shape.id = id + "_di";
  shape.bpmnElement = id;
  shape.bounds = boundsOf(rect);
  return shape;
}

QRectF centred(const QPointF& center, const QSizeF& size) {
  return QRectF(std::round(center.x() - size.width() / 2), std::round(center.y() - size.height() / 2), size.width(),
                size.height());
}

// Removes `doomed` flow elements and artifacts from a scope (at any
// depth) and references to them from what stays.
void prune(std::vector<model::FlowElement>& elements, std::vector<model::Artifact>& artifacts,
           const std::set<std::string>& doomed) {
  std::erase_if(elements, [&](const model::FlowElement& e) { return doomed.count(e.id) > 0; });
  std::erase_if(artifacts, [&](const model::Artifact& a) { return doomed.count(a.id) > 0; });
  for (auto& element : elements) {
    std::erase_if(element.incoming, [&](const std::string& id) { return doomed.count(id) > 0; });
    std::erase_if(element.outgoing, [&](const std::string& id) { return doomed.count(id) > 0; });
    if (doomed.count(element.defaultFlow)) element.defaultFlow.clear();
    prune(element.flowElements, element.artifacts, doomed);
  }
}

void pruneLanes(std::vector<model::LaneSet>& laneSets, const std::set<std::string>& doomed) {
  for (auto& laneSet : laneSets) {
    std::erase_if(laneSet.lanes, [&](const model::Lane& lane) { return doomed.count(lane.id) > 0; });
    for (auto& lane : laneSet.lanes) {
      std::erase_if(lane.flowNodeRefs, [&](const std::string& id) { return doomed.count(id) > 0; });
      pruneLanes(lane.childLaneSets, doomed);
    }
  }
}

void allConnections(const model::Definitions& definitions, const std::vector<model::FlowElement>& elements,
                    const std::vector<model::Artifact>& artifacts, std::vector<std::string>& ids) {
  for (const auto& artifact : artifacts) {
    if (artifact.kind == model::Artifact::Kind::kAssociation) ids.push_back(artifact.id);
  }
  for (const auto& element : elements) {
    if (element.kind == ElementKind::kSequenceFlow) ids.push_back(element.id);
    allConnections(definitions, element.flowElements, element.artifacts, ids);
  }
}

}  // namespace

std::string newId(const model::Definitions& definitions, const std::string& prefix) {
  const std::set<std::string> used = usedIds(definitions);
  static const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  while (true) {
    std::string id = prefix;
    id += digits[1 + QRandomGenerator::global()->bounded(9)];  // bpmn.io: a digit first
    for (int i = 0; i < 6; ++i) id += digits[QRandomGenerator::global()->bounded(36)];
    if (!used.count(id) && !used.count(id + "_di")) return id;
  }
}

std::string newId(const model::Definitions& definitions, ElementKind kind) {
  const char* prefix = kind == ElementKind::kSequenceFlow          ? "Flow_"
                       : kind == ElementKind::kDataObjectReference ? "DataObjectReference_"
                       : kind == ElementKind::kDataStoreReference  ? "DataStoreReference_"
                       : kind == ElementKind::kDataObject          ? "DataObject_"
                       : model::isEvent(kind)                      ? "Event_"
                       : model::isGateway(kind)                    ? "Gateway_"
                                                                   : "Activity_";
  return newId(definitions, std::string(prefix));
}

model::Definitions newDefinitions() {
  model::Definitions definitions;
  definitions.id = newId(definitions, std::string("Definitions_"));
  definitions.targetNamespace = "http://bpmn.io/schema/bpmn";
  definitions.exporter = "bpmn-modeler";
  for (const auto& [prefix, uri] : {std::pair{"bpmn", ns::kBpmn}, std::pair{"bpmndi", ns::kBpmnDi},
                                    std::pair{"dc", ns::kDc}, std::pair{"di", ns::kDi}}) {
    definitions.namespaces.push_back({prefix, std::string(uri)});
  }
  model::Process process;
  process.id = newId(definitions, std::string("Process_"));
  process.isExecutable = true;
  definitions.rootElements.push_back(process);
  model::Diagram diagram;
  diagram.id = "BPMNDiagram_1";
  diagram.plane.id = "BPMNPlane_1";
  diagram.plane.bpmnElement = process.id;
  definitions.diagrams.push_back(diagram);
  model::FlowElement start;
  start.kind = ElementKind::kStartEvent;
  start.id = "StartEvent_1";
  std::get<model::Process>(definitions.rootElements.front()).flowElements.push_back(start);
  definitions.diagrams.front().plane.elements.push_back(newShape(start.id, QRectF(179, 79, 36, 36)));
  return definitions;
}

QSizeF defaultSize(const NewElement& element) {
  switch (element.category) {
    case NewElement::Category::kParticipant:
      return element.vertical ? QSizeF(250, 600) : QSizeF(600, 250);
    case NewElement::Category::kTextAnnotation:
      return {100, 30};
    case NewElement::Category::kGroup:
      return {300, 300};
    case NewElement::Category::kFlowNode:
      break;
  }
  if (model::isEvent(element.kind)) return {36, 36};
  if (model::isGateway(element.kind)) return {50, 50};
  if (element.kind == ElementKind::kDataObjectReference) return {36, 50};
  if (element.kind == ElementKind::kDataStoreReference) return {50, 50};
  if (element.expanded) return {350, 200};
  return {100, 80};
}

Result<std::string> createNode(model::Definitions& definitions, int diagram, ElementKind kind, const QPointF& center) {
  NewElement element;
  element.kind = kind;
  return createElement(definitions, diagram, element, center);
}

Result<std::string> createElement(model::Definitions& definitions, int diagram, const NewElement& element,
                                  const QPointF& center) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  const QRectF rect = centred(center, defaultSize(element));
  const std::string bpmn = bpmnPrefix(definitions);

  if (element.category == NewElement::Category::kParticipant) {
    // A pool: on a process diagram the diagram becomes a collaboration
    // whose first pool draws the existing process.
    model::Collaboration* collaboration = collaborationOf(definitions, diagram);
    model::Participant participant;
    participant.id = newId(definitions, std::string("Participant_"));
    if (!collaboration) {
      model::Process* shown = findProcess(definitions, plane->bpmnElement);
      if (!shown) return Status::invalidArgument("diagram " + std::to_string(diagram + 1) + " shows no process");
      model::Collaboration created;
      created.id = newId(definitions, std::string("Collaboration_"));
      model::Participant existing;
      existing.id = newId(definitions, std::string("Participant_"));
      while (existing.id == participant.id) existing.id = newId(definitions, std::string("Participant_"));
      existing.processRef = shown->id;
      created.participants.push_back(existing);
      // The existing process's pool encloses what the diagram shows, in the
      // new pool's orientation (its label band left, or at the top).
      QRectF content;
      for (const auto& di : plane->elements) {
        if (di.kind == model::DiElement::Kind::kShape && di.bounds) content = content.united(rectOf(*di.bounds));
        if (di.kind == model::DiElement::Kind::kEdge) content = content.united(polygonOf(di).boundingRect());
      }
      const QRectF pool = content.isNull()   ? rect
                          : element.vertical ? content.adjusted(-40, -60, 40, 40)
                                             : content.adjusted(-60, -40, 40, 40);
      model::DiElement shape = newShape(existing.id, pool);
      shape.isHorizontal = !element.vertical;
      plane->elements.insert(plane->elements.begin(), shape);
      plane->bpmnElement = created.id;
      definitions.rootElements.insert(definitions.rootElements.begin(), created);
      collaboration = collaborationOf(definitions, diagram);
    }
    model::Process process;
    process.id = newId(definitions, std::string("Process_"));
    process.isExecutable = true;
    participant.processRef = process.id;
    collaboration->participants.push_back(participant);
    definitions.rootElements.push_back(process);
    model::DiElement shape = newShape(participant.id, rect);
    shape.isHorizontal = !element.vertical;
    plane = planeOf(definitions, diagram);
    plane->elements.insert(plane->elements.begin(), shape);
    return participant.id;
  }

  if (element.category == NewElement::Category::kTextAnnotation || element.category == NewElement::Category::kGroup) {
    model::Artifact artifact;
    const bool group = element.category == NewElement::Category::kGroup;
    artifact.kind = group ? model::Artifact::Kind::kGroup : model::Artifact::Kind::kTextAnnotation;
    artifact.id = newId(definitions, std::string(group ? "Group_" : "TextAnnotation_"));
    auto scope = scopeAt(definitions, diagram, center);
    if (scope) {
      scope->artifacts->push_back(artifact);
    } else if (model::Collaboration* collaboration = collaborationOf(definitions, diagram)) {
      collaboration->artifacts.push_back(artifact);
    } else {
      return Status::invalidArgument("diagram " + std::to_string(diagram + 1) + " shows no process");
    }
    planeOf(definitions, diagram)->elements.push_back(newShape(artifact.id, rect));
    return artifact.id;
  }

  auto scope = scopeAt(definitions, diagram, center);
  if (!scope) {
    return Status::invalidArgument(collaborationOf(definitions, diagram)
                                       ? "a flow element goes into a pool: drop it inside one"
                                       : "diagram " + std::to_string(diagram + 1) + " shows no process to add to");
  }
  if (element.kind == ElementKind::kBoundaryEvent) {
    return Status::invalidArgument("a boundary event is attached to an activity: drop it on the activity's border");
  }
  model::FlowElement node;
  node.kind = element.kind;
  node.id = newId(definitions, element.kind);
  if (element.eventDefinition)
    node.eventDefinitions.push_back(newEventDefinition(definitions, *element.eventDefinition));
  if (element.kind == ElementKind::kDataObjectReference) {
    model::FlowElement object;
    object.kind = ElementKind::kDataObject;
    object.id = newId(definitions, ElementKind::kDataObject);
    node.dataObjectRef = object.id;
    scope->elements->push_back(object);
  }
  scope->elements->push_back(node);
  model::DiElement shape = newShape(node.id, rect);
  if (element.kind == ElementKind::kExclusiveGateway) shape.isMarkerVisible = true;
  if (model::isSubProcessKind(element.kind)) shape.isExpanded = element.expanded;
  planeOf(definitions, diagram)->elements.push_back(shape);
  assignLane(definitions, diagram, node.id);
  return node.id;
}

Result<std::string> attachBoundaryEvent(model::Definitions& definitions, int diagram, const std::string& host,
                                        std::optional<model::EventDefinitionKind> definition, const QPointF& at) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  model::FlowElement* activity = findFlowElement(definitions, host);
  if (!plane || !activity || !model::isActivity(activity->kind)) {
    return Status::invalidArgument("a boundary event attaches to an activity; " + host + " is not one");
  }
  if (activity->isEventSubProcess()) {
    return Status::invalidArgument("an event sub-process has no boundary events; " + host + " is one");
  }
  const model::DiElement* hostShape = shapeOf(*plane, host);
  if (!hostShape) return Status::invalidArgument(host + " has no shape in this diagram");
  auto scope = scopeOf(definitions, host);
  model::FlowElement event;
  event.kind = ElementKind::kBoundaryEvent;
  event.id = newId(definitions, ElementKind::kBoundaryEvent);
  event.attachedToRef = host;
  if (definition) event.eventDefinitions.push_back(newEventDefinition(definitions, *definition));
  // The nearest point of the host's border.
  const QRectF rect = rectOf(*hostShape->bounds);
  QPointF point(std::clamp(at.x(), rect.left(), rect.right()), std::clamp(at.y(), rect.top(), rect.bottom()));
  const double toLeft = point.x() - rect.left(), toRight = rect.right() - point.x();
  const double toTop = point.y() - rect.top(), toBottom = rect.bottom() - point.y();
  const double nearest = std::min({toLeft, toRight, toTop, toBottom});
  if (nearest == toBottom)
    point.setY(rect.bottom());
  else if (nearest == toTop)
    point.setY(rect.top());
  else if (nearest == toLeft)
    point.setX(rect.left());
  else
    point.setX(rect.right());
  scope->elements->push_back(event);
  model::DiElement shape = newShape(event.id, centred(point, {36, 36}));
  planeOf(definitions, diagram)->elements.push_back(shape);
  return event.id;
}

namespace {

// What a lane action works on: the pool (a participant with a process,
// drawn in the diagram) of `poolOrLane`, and the lane when it is one.
struct LaneTarget {
  std::string poolId;
  model::Process* process = nullptr;
  model::Lane* lane = nullptr;
  QRectF pool;
};

Result<LaneTarget> laneTarget(model::Definitions& definitions, int diagram, const std::string& poolOrLane) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  model::Participant* participant = findParticipant(definitions, poolOrLane).second;
  auto [laneProcess, lane] = findLane(definitions, poolOrLane);
  if (!participant && lane) participant = participantOf(definitions, laneProcess->id);
  if (!participant || participant->processRef.empty()) {
    return Status::invalidArgument(poolOrLane + ": lanes divide a pool that has a process");
  }
  model::Process* process = findProcess(definitions, model::localRef(participant->processRef));
  const model::DiElement* poolShape = shapeOf(*plane, participant->id);
  if (!process || !poolShape || !poolShape->bounds) {
    return Status::invalidArgument(participant->id + " has no process or no shape here");
  }
  if (lane && !shapeOf(*plane, poolOrLane)) return Status::invalidArgument(poolOrLane + " is not drawn here");
  return LaneTarget{participant->id, process, lane, rectOf(*poolShape->bounds)};
}

bool hasLanes(const std::vector<model::LaneSet>& laneSets) {
  return std::any_of(laneSets.begin(), laneSets.end(), [](const model::LaneSet& set) { return !set.lanes.empty(); });
}

// The lane set to add lanes to: the first one, made when there is none.
model::LaneSet& firstLaneSet(model::Definitions& definitions, std::vector<model::LaneSet>& laneSets) {
  if (laneSets.empty()) {
    model::LaneSet laneSet;
    laneSet.id = newId(definitions, std::string("LaneSet_"));
    laneSets.push_back(laneSet);
  }
  return laneSets.front();
}

// Puts `added` before or after lane `neighbour` in its lane set.
bool insertBeside(std::vector<model::LaneSet>& laneSets, const std::string& neighbour, const model::Lane& added,
                  bool after) {
  for (auto& set : laneSets) {
    for (std::size_t i = 0; i < set.lanes.size(); ++i) {
      if (set.lanes[i].id == neighbour) {
        set.lanes.insert(set.lanes.begin() + static_cast<std::ptrdiff_t>(i + (after ? 1 : 0)), added);
        return true;
      }
      if (insertBeside(set.lanes[i].childLaneSets, neighbour, added, after)) return true;
    }
  }
  return false;
}

// bpmn.io's length of an added lane.
constexpr double kAddedLaneLength = 120;

}  // namespace

Result<std::string> insertLane(model::Definitions& definitions, int diagram, const std::string& poolOrLane,
                               LaneSide side) {
  auto target = laneTarget(definitions, diagram, poolOrLane);
  if (!target.isOk()) return target.status();
  const LaneTarget& on = target.value();
  const bool above = side == LaneSide::kAbove;
  auto layout = PoolLanes::read(definitions, diagram, on.poolId);
  if (!layout.isOk()) return layout.status();
  PoolLanes& lanes = layout.value();
  // A pool without lanes first gets one lane filling it (bpmn.io).
  if (!on.lane && !hasLanes(on.process->laneSets)) {
    model::Lane filling;
    filling.id = newId(definitions, std::string("Lane_"));
    firstLaneSet(definitions, on.process->laneSets).lanes.push_back(filling);
    const double length = lanes.horizontal() ? on.pool.height() : on.pool.width();
    if (Status status = lanes.insert(filling.id, {}, length); !status.isOk()) return status;
  }
  model::Lane added;
  added.id = newId(definitions, std::string("Lane_"));
  const std::string neighbour = on.lane ? poolOrLane : std::string();
  if (Status status = above ? lanes.insertBefore(added.id, neighbour, kAddedLaneLength)
                            : lanes.insert(added.id, neighbour, kAddedLaneLength);
      !status.isOk()) {
    return status;
  }
  if (on.lane) {
    insertBeside(on.process->laneSets, poolOrLane, added, !above);
  } else {
    auto& top = firstLaneSet(definitions, on.process->laneSets).lanes;
    top.insert(above ? top.begin() : top.end(), added);
  }
  if (Status status = lanes.apply(definitions); !status.isOk()) return status;
  return added.id;
}

Result<std::vector<std::string>> divideLane(model::Definitions& definitions, int diagram, const std::string& poolOrLane,
                                            int parts) {
  if (parts != 2 && parts != 3) return Status::invalidArgument("a lane divides into two or three lanes");
  auto target = laneTarget(definitions, diagram, poolOrLane);
  if (!target.isOk()) return target.status();
  const LaneTarget& on = target.value();
  if (on.lane && hasLanes(on.lane->childLaneSets)) {
    return Status::invalidArgument(poolOrLane + " has child lanes already: only a lane without child lanes divides");
  }
  if (!on.lane && hasLanes(on.process->laneSets)) {
    return Status::invalidArgument(poolOrLane + " has lanes already: divide one of its lanes");
  }
  auto layout = PoolLanes::read(definitions, diagram, on.poolId);
  if (!layout.isOk()) return layout.status();
  PoolLanes& lanes = layout.value();
  std::vector<model::LaneSet>& into = on.lane ? on.lane->childLaneSets : on.process->laneSets;
  std::vector<std::string> ids;
  for (int i = 0; i < parts; ++i) {
    model::Lane part;
    part.id = newId(definitions, std::string("Lane_"));
    firstLaneSet(definitions, into).lanes.push_back(part);
    ids.push_back(part.id);
  }
  if (Status status = lanes.divide(on.lane ? poolOrLane : std::string(), ids); !status.isOk()) return status;
  // Every flow node drawn in the lane goes to the child lane under it.
  if (Status status = lanes.apply(definitions); !status.isOk()) return status;
  return ids;
}

Result<std::string> addLane(model::Definitions& definitions, int diagram, const std::string& poolOrLane) {
  auto target = laneTarget(definitions, diagram, poolOrLane);
  if (!target.isOk()) return target.status();
  if (!target.value().lane && !hasLanes(target.value().process->laneSets)) {
    auto divided = divideLane(definitions, diagram, poolOrLane, 2);
    if (!divided.isOk()) return divided.status();
    return divided.value().back();
  }
  return insertLane(definitions, diagram, poolOrLane, LaneSide::kBelow);
}

ConnectionKind connectionFor(model::Definitions& definitions, const std::string& source, const std::string& target,
                             std::string* why) {
  auto refuse = [&](std::string reason) {
    if (why) *why = std::move(reason);
    return ConnectionKind::kNone;
  };
  if (source == target) return refuse("an element cannot connect to itself");
  if (isAnnotation(definitions, source) || isAnnotation(definitions, target)) return ConnectionKind::kAssociation;
  const model::FlowElement* from = findFlowElement(definitions, source);
  const model::FlowElement* to = findFlowElement(definitions, target);
  // BPMN 2.0.2 §10.4.1: activities read data through data input
  // associations and write it through data output associations; throw
  // events have only the former, catch events only the latter.
  if (isData(from) || isData(to)) {
    if (isData(from) && isData(to)) return refuse("a data association connects data with an activity or event");
    const bool reads = isData(from);
    const model::FlowElement* node = reads ? to : from;
    if (!node) return refuse("a data association connects data with an activity or event");
    const bool throws = node->kind == ElementKind::kEndEvent || node->kind == ElementKind::kIntermediateThrowEvent;
    const bool catches = node->kind == ElementKind::kStartEvent || node->kind == ElementKind::kIntermediateCatchEvent ||
                         node->kind == ElementKind::kBoundaryEvent;
    if (model::isActivity(node->kind) || (reads && throws) || (!reads && catches)) {
      return ConnectionKind::kDataAssociation;
    }
    return refuse(reads ? "only activities and throwing events read data"
                        : "only activities and catching events write data");
  }
  // §10.7: a compensation boundary event is associated with the activity
  // that compensates for its host, which stands outside the sequence flow.
  if (isCompensationBoundary(from)) {
    if (!to || !model::isActivity(to->kind) || to->isEventSubProcess()) {
      return refuse("a compensation boundary event connects to the activity that compensates, by an association");
    }
    if (to->id == from->attachedToRef) return refuse("an activity does not compensate for itself");
    auto fromScope = scopeOf(definitions, source), toScope = scopeOf(definitions, target);
    if (!fromScope || !toScope || fromScope->elements != toScope->elements) {
      return refuse("a compensation activity sits beside the activity it compensates");
    }
    if (compensationAssociation(definitions, source))
      return refuse("a compensation boundary event has one compensation activity");
    return ConnectionKind::kAssociation;
  }
  const std::string fromPool = poolOf(definitions, source), toPool = poolOf(definitions, target);
  if (!fromPool.empty() && !toPool.empty() && fromPool != toPool) {
    // BPMN 2.0.2 §9.3: message flows connect two separate pools.
    std::string refused = messageFlowRefusal(definitions, source, true);
    if (refused.empty()) refused = messageFlowRefusal(definitions, target, false);
    if (!refused.empty()) return refuse(refused);
    return ConnectionKind::kMessageFlow;
  }
  if (!from || !to || !model::isFlowNode(from->kind) || !model::isFlowNode(to->kind)) {
    return refuse("a sequence flow connects two flow nodes");
  }
  // BPMN 2.0.2 §10.5.2: "A Start Event cannot have incoming Sequence Flows";
  // §10.5.3: "An End Event cannot have outgoing Sequence Flows"; boundary
  // events have no incoming flows.
  if (from->isForCompensation.value_or(false) || to->isForCompensation.value_or(false)) {
    return refuse("a compensation activity has no sequence flows");
  }
  if (from->kind == ElementKind::kEndEvent) return refuse("an end event has no outgoing sequence flows");
  if (to->kind == ElementKind::kStartEvent) return refuse("a start event has no incoming sequence flows");
  if (to->kind == ElementKind::kBoundaryEvent) return refuse("a boundary event has no incoming sequence flows");
  // §10.3.5: "An Event Sub-Process MUST NOT have any incoming or outgoing
  // Sequence Flows".
  if (from->isEventSubProcess() || to->isEventSubProcess()) {
    return refuse("an event sub-process has no incoming or outgoing sequence flows");
  }
  auto fromScope = scopeOf(definitions, source), toScope = scopeOf(definitions, target);
  if (!fromScope || !toScope || fromScope->elements != toScope->elements) {
    return refuse("a sequence flow stays inside one process or sub-process");
  }
  return ConnectionKind::kSequenceFlow;
}

Result<std::string> connectNodes(model::Definitions& definitions, int diagram, const std::string& source,
                                 const std::string& target) {
  std::string why;
  if (connectionFor(definitions, source, target, &why) != ConnectionKind::kSequenceFlow) {
    return Status::invalidArgument(why.empty() ? "no sequence flow may connect " + source + " to " + target
                                               : "cannot connect " + source + " to " + target + ": " + why);
  }
  return connectShapes(definitions, diagram, source, target);
}

Result<std::string> connectShapes(model::Definitions& definitions, int diagram, const std::string& source,
                                  const std::string& target) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  std::string why;
  const ConnectionKind kind = connectionFor(definitions, source, target, &why);
  if (kind == ConnectionKind::kNone)
    return Status::invalidArgument("cannot connect " + source + " to " + target + ": " + why);
  const model::DiElement* a = shapeOf(*plane, source);
  const model::DiElement* b = shapeOf(*plane, target);
  if (!a || !b) return Status::invalidArgument("both ends need a shape in this diagram");
  const model::FlowElement* sourceElement = findFlowElement(definitions, source);
  const bool fromBoundary = sourceElement && sourceElement->kind == ElementKind::kBoundaryEvent;
  const QPolygonF route = orthogonalRoute(rectOf(*a->bounds), rectOf(*b->bounds), fromBoundary);
  std::string id;
  std::vector<std::string> handlerFlows;
  if (kind == ConnectionKind::kSequenceFlow) {
    auto scope = scopeOf(definitions, source);
    model::FlowElement flow;
    flow.kind = ElementKind::kSequenceFlow;
    flow.id = newId(definitions, ElementKind::kSequenceFlow);
    flow.sourceRef = source;
    flow.targetRef = target;
    findFlowElement(definitions, source)->outgoing.push_back(flow.id);
    findFlowElement(definitions, target)->incoming.push_back(flow.id);
    scope->elements->push_back(flow);
    id = flow.id;
  } else if (kind == ConnectionKind::kMessageFlow) {
    model::Collaboration* collaboration = collaborationOf(definitions, diagram);
    if (!collaboration) return Status::invalidArgument("message flows connect pools of a collaboration");
    model::MessageFlow flow;
    flow.id = newId(definitions, std::string("Flow_"));
    flow.sourceRef = source;
    flow.targetRef = target;
    collaboration->messageFlows.push_back(flow);
    id = flow.id;
  } else if (kind == ConnectionKind::kDataAssociation) {
    const bool reads = isData(sourceElement);
    id = addDataAssociation(definitions, *findFlowElement(definitions, reads ? target : source),
                            reads ? source : target, reads);
  } else {
    model::Artifact association;
    association.kind = model::Artifact::Kind::kAssociation;
    association.id = newId(definitions, std::string("Association_"));
    association.sourceRef = source;
    association.targetRef = target;
    model::FlowElement* handler = findFlowElement(definitions, target);
    if (isCompensationBoundary(sourceElement) && handler && model::isActivity(handler->kind)) {
      association.associationDirection = "One";
      handler->isForCompensation = true;
      // It leaves the sequence flow (bpmn.io removes its flows too).
      handlerFlows = handler->incoming;
      handlerFlows.insert(handlerFlows.end(), handler->outgoing.begin(), handler->outgoing.end());
    }
    auto scope = scopeOf(definitions, source);
    if (!scope) scope = scopeOf(definitions, target);
    if (scope) {
      scope->artifacts->push_back(association);
    } else if (model::Collaboration* collaboration = collaborationOf(definitions, diagram)) {
      collaboration->artifacts.push_back(association);
    } else {
      return Status::invalidArgument("no process holds " + source + " or " + target);
    }
    id = association.id;
  }
  planeOf(definitions, diagram)->elements.push_back(newEdge(id, route));
  if (!handlerFlows.empty()) {
    if (auto removed = deleteElements(definitions, handlerFlows); !removed.isOk()) return removed;
  }
  return id;
}

Result<std::string> deleteElements(model::Definitions& definitions, const std::vector<std::string>& ids) {
  std::set<std::string> doomed;
  std::set<std::string> doomedProcesses;
  for (const std::string& id : ids) {
    doomed.insert(id);
    if (auto [collaboration, participant] = findParticipant(definitions, id); participant) {
      if (auto scope = scopeOpenedBy(definitions, std::string(model::localRef(participant->processRef)))) {
        doomedProcesses.insert(scope->process->id);
        collectContent(scope->process->flowElements, scope->process->artifacts, doomed);
        collectLaneIds(scope->process->laneSets, doomed);
      }
    } else if (const model::FlowElement* element = findFlowElement(definitions, id)) {
      collectContent(element->flowElements, element->artifacts, doomed);
    } else if (const model::Lane* lane = findLane(definitions, id).second) {
      collectLaneIds(lane->childLaneSets, doomed);
    }
  }
  // Boundary events of removed activities, then every connection with a
  // removed end (associations may end on connections, so until stable).
  forEachFlowElement(definitions, [&](model::FlowElement& e) {
    if (e.kind == ElementKind::kBoundaryEvent && doomed.count(e.attachedToRef)) doomed.insert(e.id);
  });
  std::vector<std::string> connections;
  for (model::Process* process : definitions.processes()) {
    allConnections(definitions, process->flowElements, process->artifacts, connections);
  }
  for (const auto* collaboration : definitions.collaborations()) {
    for (const auto& flow : collaboration->messageFlows) connections.push_back(flow.id);
    for (const auto& artifact : collaboration->artifacts) {
      if (artifact.kind == model::Artifact::Kind::kAssociation) connections.push_back(artifact.id);
    }
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const std::string& id : connections) {
      if (doomed.count(id)) continue;
      auto ends = endsOf(definitions, id);
      if (ends && (doomed.count(ends->first) || doomed.count(ends->second))) {
        doomed.insert(id);
        grew = true;
      }
    }
  }
  // The verbatim content of removed elements (their data associations,
  // drawn as edges), and data associations of what stays that read from
  // or write to a removed element.
  std::set<std::string> drawn = doomed;
  std::set<std::string> lostData;  // what lost a data association and stays
  forEachFlowElement(definitions, [&](model::FlowElement& e) {
    if (doomed.count(e.id)) {
      collectXmlIds(e.otherChildren, drawn);
      return;
    }
    const std::size_t before = e.otherChildren.size();
    std::erase_if(e.otherChildren, [&](const model::XmlElement& child) {
      if (child.localName() != "dataInputAssociation" && child.localName() != "dataOutputAssociation") return false;
      if (doomed.count(std::string(child.attribute("id")))) {  // deleted on its own
        collectXmlIds({child}, drawn);
        return true;
      }
      for (const auto& end : child.children) {
        if (end.localName() != "sourceRef" && end.localName() != "targetRef") continue;
        for (const auto& text : end.children) {
          if (text.isText() && doomed.count(std::string(model::localRef(trimmed(text.text))))) {
            collectXmlIds({child}, drawn);
            return true;
          }
        }
      }
      return false;
    });
    if (e.otherChildren.size() != before) lostData.insert(e.id);
  });
  // An activity whose compensation association goes stops being a
  // compensation activity.
  std::set<std::string> handlers;
  for (const std::string& id : doomed) {
    if (const model::Artifact* association = findArtifact(definitions, id);
        association && association->kind == model::Artifact::Kind::kAssociation &&
        isCompensationBoundary(findFlowElement(definitions, std::string(model::localRef(association->sourceRef))))) {
      handlers.insert(std::string(model::localRef(association->targetRef)));
    }
  }
  // A data object goes with its last reference.
  std::set<std::string> objects;
  for (const std::string& id : doomed) {
    const model::FlowElement* element = findFlowElement(definitions, id);
    if (element && element->kind == ElementKind::kDataObjectReference) objects.insert(element->dataObjectRef);
  }
  // A lane deleted from a pool that stays leaves its space to its
  // siblings, in every diagram drawing it (lane_layout.h).
  std::vector<PoolLanes> retiled;
  for (int diagram = 0; diagram < static_cast<int>(definitions.diagrams.size()); ++diagram) {
    for (const std::string& id : doomed) {
      auto [process, lane] = findLane(definitions, id);
      if (!lane || doomedProcesses.count(process->id) || !shapeOf(definitions.diagrams[diagram].plane, id)) continue;
      const model::Participant* participant = participantOf(definitions, process->id);
      if (!participant) continue;
      auto it = std::find_if(retiled.begin(), retiled.end(), [&](const PoolLanes& lanes) {
        return lanes.poolId() == participant->id && lanes.diagram() == diagram;
      });
      if (it == retiled.end()) {
        auto lanes = PoolLanes::read(definitions, diagram, participant->id);
        if (!lanes.isOk()) continue;  // the pool is not drawn here
        retiled.push_back(std::move(lanes).value());
        it = retiled.end() - 1;
      }
      (void)it->remove(id);  // not found: it went with a deleted lane around it
    }
  }
  for (model::Process* process : definitions.processes()) {
    prune(process->flowElements, process->artifacts, doomed);
    pruneLanes(process->laneSets, doomed);
  }
  std::function<bool(const std::vector<model::FlowElement>&, const std::string&)> referenced =
      [&](const std::vector<model::FlowElement>& elements, const std::string& object) {
        return std::any_of(elements.begin(), elements.end(), [&](const model::FlowElement& e) {
          return e.dataObjectRef == object || referenced(e.flowElements, object);
        });
      };
  std::set<std::string> orphans;
  for (const std::string& object : objects) {
    bool used = false;
    for (model::Process* process : definitions.processes()) used = used || referenced(process->flowElements, object);
    if (!used) orphans.insert(object);
  }
  if (!orphans.empty()) {
    for (model::Process* process : definitions.processes()) prune(process->flowElements, process->artifacts, orphans);
  }
  forEachFlowElement(definitions, [&](model::FlowElement& e) {
    if (handlers.count(e.id)) e.isForCompensation.reset();
    if (!lostData.count(e.id)) return;
    // An input target property no data input association targets any more.
    std::set<std::string> targeted;
    for (const auto& child : e.otherChildren) {
      if (!child.is(ns::kBpmn, "dataInputAssociation")) continue;
      for (const auto& end : child.children) {
        if (end.is(ns::kBpmn, "targetRef")) targeted.insert(trimmed(end.textContent()));
      }
    }
    std::erase_if(e.otherChildren, [&](const model::XmlElement& child) {
      return child.is(ns::kBpmn, "property") && child.attribute("name") == kInputTargetName &&
             !targeted.count(std::string(child.attribute("id")));
    });
  });
  for (auto& root : definitions.rootElements) {
    if (auto* collaboration = std::get_if<model::Collaboration>(&root)) {
      std::erase_if(collaboration->participants, [&](const model::Participant& p) { return doomed.count(p.id) > 0; });
      std::erase_if(collaboration->messageFlows, [&](const model::MessageFlow& f) { return doomed.count(f.id) > 0; });
      std::erase_if(collaboration->artifacts, [&](const model::Artifact& a) { return doomed.count(a.id) > 0; });
    }
  }
  std::erase_if(definitions.rootElements, [&](const model::RootElement& root) {
    const auto* process = std::get_if<model::Process>(&root);
    return process && doomedProcesses.count(process->id) > 0;
  });
  for (auto& diagram : definitions.diagrams) {
    std::erase_if(diagram.plane.elements, [&](const model::DiElement& di) { return drawn.count(di.bpmnElement) > 0; });
  }
  for (const PoolLanes& lanes : retiled) {
    if (Status status = lanes.apply(definitions); !status.isOk()) return status;
  }
  // The diagrams of deleted (collapsed) sub-processes go with them.
  std::erase_if(definitions.diagrams, [&](const model::Diagram& d) { return doomed.count(d.plane.bpmnElement) > 0; });
  return std::string();
}

std::string labelOf(const model::Definitions& definitions, const std::string& id) {
  auto& mutableDefinitions = const_cast<model::Definitions&>(definitions);
  if (const model::FlowElement* element = findFlowElement(mutableDefinitions, id)) return element->name;
  if (const model::Artifact* artifact = findArtifact(mutableDefinitions, id)) {
    if (artifact->kind == model::Artifact::Kind::kTextAnnotation) return artifact->text;
    if (const model::XmlElement* value =
            categoryValue(mutableDefinitions, model::localRef(artifact->categoryValueRef))) {
      return attribute(*value, "value");
    }
    return {};
  }
  if (auto [collaboration, participant] = findParticipant(mutableDefinitions, id); participant)
    return participant->name;
  if (const model::Lane* lane = findLane(mutableDefinitions, id).second) return lane->name;
  if (const model::MessageFlow* flow = findMessageFlow(mutableDefinitions, id)) return flow->name;
  return {};
}

Result<std::string> setLabel(model::Definitions& definitions, const std::string& id, const std::string& text) {
  if (model::FlowElement* element = findFlowElement(definitions, id)) {
    element->name = text;
    return id;
  }
  if (model::Artifact* artifact = findArtifact(definitions, id)) {
    if (artifact->kind == model::Artifact::Kind::kTextAnnotation) {
      artifact->text = text;
      return id;
    }
    if (artifact->kind == model::Artifact::Kind::kAssociation) {
      return Status::invalidArgument("an association has no label");
    }
    // A group shows the value of the category value it refers to; a new
    // one goes into a new bpmn:category.
    if (model::XmlElement* value = categoryValue(definitions, model::localRef(artifact->categoryValueRef))) {
      setAttribute(*value, "value", text);
      return id;
    }
    const std::string bpmn = bpmnPrefix(definitions);
    model::XmlElement category;
    category.qname = bpmn + "category";
    category.nsUri = kBpmnModel;
    category.attributes.push_back({"id", "", newId(definitions, std::string("Category_"))});
    model::XmlElement valueElement;
    valueElement.qname = bpmn + "categoryValue";
    valueElement.nsUri = kBpmnModel;
    const std::string valueId = newId(definitions, std::string("CategoryValue_"));
    valueElement.attributes.push_back({"id", "", valueId});
    valueElement.attributes.push_back({"value", "", text});
    category.children.push_back(valueElement);
    artifact->categoryValueRef = valueId;
    definitions.rootElements.push_back(category);
    return id;
  }
  if (auto [collaboration, participant] = findParticipant(definitions, id); participant) {
    participant->name = text;
    return id;
  }
  if (model::Lane* lane = findLane(definitions, id).second) {
    lane->name = text;
    return id;
  }
  if (model::MessageFlow* flow = findMessageFlow(definitions, id)) {
    flow->name = text;
    return id;
  }
  return Status::notFound("no element " + id + " with a label");
}

namespace {

QString words(std::string_view camel) {
  QString text;
  for (char c : camel) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      text += ' ';
      text += QChar(std::tolower(static_cast<unsigned char>(c)));
    } else {
      text += QChar(c);
    }
  }
  return text;
}

NewElement node(ElementKind kind, std::optional<model::EventDefinitionKind> definition = std::nullopt) {
  NewElement element;
  element.kind = kind;
  element.eventDefinition = definition;
  return element;
}

}  // namespace

QString elementTitle(const model::FlowElement& element) {
  NewElement kind;
  kind.kind = element.kind;
  kind.eventDefinition = element.eventKind();
  kind.triggeredByEvent = element.isEventSubProcess();
  QString title = describe(kind);
  if (const qsizetype open = title.indexOf(" ("); open > 0) title.truncate(open);  // expanded or not
  for (qsizetype i = 1; i < title.size(); ++i) {
    if (title[i - 1] == ' ') title[i] = title[i].toUpper();
  }
  return title;
}

QString describe(const NewElement& element) {
  switch (element.category) {
    case NewElement::Category::kParticipant:
      return element.vertical ? QObject::tr("Vertical pool") : QObject::tr("Pool");
    case NewElement::Category::kTextAnnotation:
      return QObject::tr("Text annotation");
    case NewElement::Category::kGroup:
      return QObject::tr("Group");
    case NewElement::Category::kFlowNode:
      break;
  }
  QString kind = words(model::elementKindName(element.kind));
  if (element.kind == ElementKind::kIntermediateCatchEvent) kind = QObject::tr("intermediate catch event");
  if (element.kind == ElementKind::kIntermediateThrowEvent) kind = QObject::tr("intermediate throw event");
  if (element.kind == ElementKind::kDataObjectReference) kind = QObject::tr("data object");
  if (element.kind == ElementKind::kDataStoreReference) kind = QObject::tr("data store");
  if (element.kind == ElementKind::kSubProcess) kind = QObject::tr("sub-process");
  if (element.kind == ElementKind::kAdHocSubProcess) kind = QObject::tr("ad-hoc sub-process");
  if (element.triggeredByEvent) kind = QObject::tr("event sub-process");
  if (model::isSubProcessKind(element.kind))
    kind += element.expanded ? QObject::tr(" (expanded)") : QObject::tr(" (collapsed)");
  if (element.eventDefinition) {
    QString definition = words(model::eventDefinitionKindName(*element.eventDefinition));
    definition.chop(QString(" event definition").size());
    if (*element.eventDefinition == model::EventDefinitionKind::kCompensate) definition = QObject::tr("compensation");
    kind = definition + " " + kind;
  }
  kind[0] = kind[0].toUpper();
  return kind;
}

std::vector<NewElement> replacementsFor(const model::Definitions& constDefinitions, const std::string& id) {
  auto& definitions = const_cast<model::Definitions&>(constDefinitions);  // read only
  const model::FlowElement* element = findFlowElement(definitions, id);
  if (!element) return {};
  using D = model::EventDefinitionKind;
  std::vector<NewElement> options;
  if (model::isTask(element->kind) || element->kind == ElementKind::kCallActivity ||
      (model::isSubProcessKind(element->kind) && element->flowElements.empty())) {
    for (ElementKind kind :
         {ElementKind::kTask, ElementKind::kServiceTask, ElementKind::kUserTask, ElementKind::kScriptTask,
          ElementKind::kBusinessRuleTask, ElementKind::kSendTask, ElementKind::kReceiveTask, ElementKind::kManualTask,
          ElementKind::kCallActivity, ElementKind::kSubProcess}) {
      options.push_back(node(kind));
    }
  }
  bool expanded = false;
  for (const auto& diagram : definitions.diagrams) {
    if (const model::DiElement* shape = shapeOf(diagram.plane, id)) expanded = shape->isExpanded.value_or(false);
  }
  if (model::isSubProcessKind(element->kind)) {
    // A sub-process becomes another kind of sub-process, content kept and
    // drawn as it was, or collapses into a diagram of its own and expands
    // back (bpmn.io's replace menu; an event sub-process stays open).
    std::erase_if(options, [](const NewElement& option) { return option.kind == ElementKind::kSubProcess; });
    if (!element->isEventSubProcess()) {
      options.push_back(node(element->kind));
      options.back().expanded = !expanded;
    }
    for (ElementKind kind : {ElementKind::kSubProcess, ElementKind::kTransaction, ElementKind::kAdHocSubProcess}) {
      options.push_back(node(kind));
      options.back().expanded = expanded;
    }
    options.push_back(node(ElementKind::kSubProcess));
    options.back().expanded = expanded;
    options.back().triggeredByEvent = true;
  } else if (element->kind == ElementKind::kStartEvent) {
    options.push_back(node(ElementKind::kStartEvent));
    options.push_back(node(ElementKind::kIntermediateThrowEvent));
    options.push_back(node(ElementKind::kEndEvent));
    for (D d : {D::kMessage, D::kTimer, D::kSignal, D::kConditional})
      options.push_back(node(ElementKind::kStartEvent, d));
    if (const auto scope = scopeOf(definitions, id);
        scope && scope->subProcess && scope->subProcess->isEventSubProcess()) {
      for (D d : {D::kError, D::kEscalation, D::kCompensate}) options.push_back(node(ElementKind::kStartEvent, d));
    }
  } else if (element->kind == ElementKind::kEndEvent) {
    options.push_back(node(ElementKind::kStartEvent));
    options.push_back(node(ElementKind::kIntermediateThrowEvent));
    options.push_back(node(ElementKind::kEndEvent));
    for (D d : {D::kMessage, D::kError, D::kEscalation, D::kSignal, D::kCompensate, D::kTerminate}) {
      options.push_back(node(ElementKind::kEndEvent, d));
    }
  } else if (element->kind == ElementKind::kIntermediateCatchEvent ||
             element->kind == ElementKind::kIntermediateThrowEvent) {
    options.push_back(node(ElementKind::kStartEvent));
    options.push_back(node(ElementKind::kIntermediateThrowEvent));
    options.push_back(node(ElementKind::kEndEvent));
    for (D d : {D::kMessage, D::kTimer, D::kSignal, D::kConditional, D::kLink}) {
      options.push_back(node(ElementKind::kIntermediateCatchEvent, d));
    }
    for (D d : {D::kMessage, D::kEscalation, D::kSignal, D::kCompensate, D::kLink}) {
      options.push_back(node(ElementKind::kIntermediateThrowEvent, d));
    }
  } else if (element->kind == ElementKind::kBoundaryEvent) {
    for (D d : {D::kMessage, D::kTimer, D::kSignal, D::kConditional, D::kError, D::kEscalation, D::kCompensate}) {
      options.push_back(node(ElementKind::kBoundaryEvent, d));
    }
  } else if (model::isGateway(element->kind)) {
    for (ElementKind kind :
         {ElementKind::kExclusiveGateway, ElementKind::kParallelGateway, ElementKind::kInclusiveGateway,
          ElementKind::kEventBasedGateway, ElementKind::kComplexGateway}) {
      options.push_back(node(kind));
    }
  }
  // Not the element as it is.
  const std::optional<model::EventDefinitionKind> current = element->eventKind();
  std::erase_if(options, [&](const NewElement& option) {
    return option.kind == element->kind && option.eventDefinition == current &&
           option.triggeredByEvent == element->isEventSubProcess() &&
           (!model::isSubProcessKind(option.kind) || option.expanded == expanded);
  });
  return options;
}

Result<std::string> replaceElement(model::Definitions& definitions, int diagram, const std::string& id,
                                   const NewElement& into) {
  bool allowed = false;
  for (const NewElement& option : replacementsFor(definitions, id)) {
    allowed = allowed || (option.kind == into.kind && option.eventDefinition == into.eventDefinition &&
                          option.triggeredByEvent == into.triggeredByEvent &&
                          (!model::isSubProcessKind(into.kind) || option.expanded == into.expanded));
  }
  if (!allowed) {
    return Status::invalidArgument(id + " cannot become a " + describe(into).toLower().toStdString());
  }
  model::FlowElement* element = findFlowElement(definitions, id);
  using D = model::EventDefinitionKind;
  // A compensation boundary event that stops being one lets go of its
  // compensation activity.
  std::string formerHandler;
  std::vector<std::string> invalid;
  if (isCompensationBoundary(element) &&
      !(into.kind == ElementKind::kBoundaryEvent && into.eventDefinition == D::kCompensate)) {
    if (const model::Artifact* association = compensationAssociation(definitions, id)) {
      formerHandler = std::string(model::localRef(association->targetRef));
      invalid.push_back(association->id);
    }
  }
  model::FlowElement replaced;
  replaced.kind = into.kind;
  replaced.id = element->id;
  replaced.name = element->name;
  replaced.documentation = element->documentation;
  replaced.extensionElements = element->extensionElements;
  replaced.otherAttributes = element->otherAttributes;
  replaced.incoming = element->incoming;
  replaced.outgoing = element->outgoing;
  replaced.attachedToRef = element->attachedToRef;
  replaced.cancelActivity = element->cancelActivity;
  replaced.isInterrupting = element->isInterrupting;
  if (model::isActivity(into.kind)) {
    replaced.otherChildren = element->otherChildren;  // ioSpecification, data associations
    replaced.loop = element->loop;
    replaced.isForCompensation = element->isForCompensation;
    replaced.defaultFlow = element->defaultFlow;
  }
  // An event into an event keeps its data (§10.4.1: a throw event's data
  // inputs and input associations, a catch event's outputs); what the new
  // kind may not have goes below, with its edges.
  const bool throws = into.kind == ElementKind::kEndEvent || into.kind == ElementKind::kIntermediateThrowEvent;
  if (model::isEvent(element->kind) && model::isEvent(into.kind)) {
    replaced.otherChildren = element->otherChildren;
    std::erase_if(replaced.otherChildren, [&](const model::XmlElement& child) {
      const auto local = child.localName();
      const bool input = local == "dataInput" || local == "inputSet" || local == "dataInputAssociation";
      const bool output = local == "dataOutput" || local == "outputSet" || local == "dataOutputAssociation";
      if ((input && !throws) || (output && throws)) {
        if (local.ends_with("Association")) invalid.push_back(std::string(child.attribute("id")));
        return !local.ends_with("Association");  // associations go with deleteElements, edges too
      }
      return false;
    });
  }
  // One kind of sub-process into another keeps its content and how it is
  // drawn; an event sub-process neither loops nor compensates.
  const bool keepContent = model::isSubProcessKind(element->kind) && model::isSubProcessKind(into.kind);
  if (keepContent) {
    replaced.flowElements = element->flowElements;
    replaced.artifacts = element->artifacts;
    if (into.triggeredByEvent) {
      replaced.triggeredByEvent = true;
      replaced.loop.reset();
      replaced.isForCompensation.reset();
    }
  }
  if (model::isGateway(into.kind) && into.kind != ElementKind::kParallelGateway &&
      into.kind != ElementKind::kEventBasedGateway) {
    replaced.defaultFlow = element->defaultFlow;
  }
  if (into.eventDefinition) replaced.eventDefinitions.push_back(newEventDefinition(definitions, *into.eventDefinition));
  *element = std::move(replaced);
  if (model::DiPlane* plane = planeOf(definitions, diagram)) {
    if (model::DiElement* shape = shapeOf(*plane, id)) {
      if (into.kind == ElementKind::kExclusiveGateway)
        shape->isMarkerVisible = true;
      else
        shape->isMarkerVisible.reset();
      if (!model::isSubProcessKind(into.kind))
        shape->isExpanded.reset();
      else if (!keepContent)
        shape->isExpanded = false;
      if (keepContent && shape->isExpanded.value_or(false) != into.expanded) {
        Status toggled =
            into.expanded ? expandSubProcess(definitions, diagram, id) : collapseSubProcess(definitions, diagram, id);
        if (!toggled.isOk()) return toggled;
        element = findFlowElement(definitions, id);
      }
    }
  }
  // Error and compensation boundary events always interrupt (BPMN 2.0.2
  // §10.5.4 Table 10.93: cancelActivity is true for them).
  if (into.kind == ElementKind::kBoundaryEvent &&
      (into.eventDefinition == D::kError || into.eventDefinition == D::kCompensate)) {
    element->cancelActivity.reset();
  }
  // Connections the new kind may not have go: flows into a start event, out
  // of an end event or a compensation boundary event (its handler hangs on
  // an association).
  if (into.kind == ElementKind::kStartEvent)
    invalid.insert(invalid.end(), element->incoming.begin(), element->incoming.end());
  if (into.kind == ElementKind::kEndEvent ||
      (into.kind == ElementKind::kBoundaryEvent && into.eventDefinition == D::kCompensate)) {
    invalid.insert(invalid.end(), element->outgoing.begin(), element->outgoing.end());
  }
  // An event sub-process has no sequence flows and no boundary events
  // (BPMN 2.0.2 §10.3.5); a cancel boundary event sits on a transaction
  // only (§10.5.4).
  if (keepContent) {
    if (into.triggeredByEvent) {
      invalid.insert(invalid.end(), element->incoming.begin(), element->incoming.end());
      invalid.insert(invalid.end(), element->outgoing.begin(), element->outgoing.end());
    }
    if (auto scope = scopeOf(definitions, id)) {
      for (const auto& other : *scope->elements) {
        if (other.kind == ElementKind::kBoundaryEvent && other.attachedToRef == id &&
            (into.triggeredByEvent || (into.kind != ElementKind::kTransaction && other.eventKind() == D::kCancel))) {
          invalid.push_back(other.id);
        }
      }
      // ...nor is it a compensation activity.
      for (const auto& artifact : *scope->artifacts) {
        if (into.triggeredByEvent && artifact.kind == model::Artifact::Kind::kAssociation &&
            model::localRef(artifact.targetRef) == id &&
            isCompensationBoundary(findFlowElement(definitions, std::string(model::localRef(artifact.sourceRef))))) {
          invalid.push_back(artifact.id);
        }
      }
    }
  }
  // Message flows the new kind may not send or receive go (§9.3).
  const bool sends = messageFlowRefusal(definitions, id, true).empty();
  const bool receives = messageFlowRefusal(definitions, id, false).empty();
  for (const auto* collaboration : definitions.collaborations()) {
    for (const auto& flow : collaboration->messageFlows) {
      if ((model::localRef(flow.sourceRef) == id && !sends) || (model::localRef(flow.targetRef) == id && !receives)) {
        invalid.push_back(flow.id);
      }
    }
  }
  if (!invalid.empty()) {
    if (auto removed = deleteElements(definitions, invalid); !removed.isOk()) return removed;
  }
  if (model::FlowElement* handler = formerHandler.empty() ? nullptr : findFlowElement(definitions, formerHandler)) {
    handler->isForCompensation.reset();
  }
  return id;
}

}  // namespace bpmn::modeler

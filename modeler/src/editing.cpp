// Creating and connecting elements (editing.h).
#include "editing.h"

#include <QRandomGenerator>
#include <QSizeF>
#include <set>

#include "properties.h"

namespace bpmn::modeler {

using model::ElementKind;

namespace {

void collectIds(const std::vector<model::FlowElement>& elements, std::set<std::string>& ids) {
  for (const auto& element : elements) {
    ids.insert(element.id);
    collectIds(element.flowElements, ids);
  }
}

std::set<std::string> usedIds(const model::Definitions& definitions) {
  std::set<std::string> ids;
  for (const auto& root : definitions.rootElements) {
    if (const auto* process = std::get_if<model::Process>(&root)) {
      ids.insert(process->id);
      collectIds(process->flowElements, ids);
    } else if (const auto* collaboration = std::get_if<model::Collaboration>(&root)) {
      ids.insert(collaboration->id);
      for (const auto& participant : collaboration->participants) ids.insert(participant.id);
    }
  }
  for (const auto& diagram : definitions.diagrams) {
    for (const auto& element : diagram.plane.elements) ids.insert(element.id);
  }
  return ids;
}

// bpmn.io's sizes.
QSizeF sizeOf(ElementKind kind) {
  if (model::isEvent(kind)) return {36, 36};
  if (model::isGateway(kind)) return {50, 50};
  return {100, 80};
}

// The process a diagram draws: its plane's process, or the process of the
// first participant of its collaboration that has one.
model::Process* processOf(model::Definitions& definitions, int diagram) {
  if (diagram < 0 || diagram >= static_cast<int>(definitions.diagrams.size())) return nullptr;
  const std::string& shown = definitions.diagrams[static_cast<std::size_t>(diagram)].plane.bpmnElement;
  std::string processId = shown;
  for (const auto& root : definitions.rootElements) {
    if (const auto* collaboration = std::get_if<model::Collaboration>(&root);
        collaboration && collaboration->id == shown) {
      for (const auto& participant : collaboration->participants) {
        if (!participant.processRef.empty()) {
          processId = std::string(model::localRef(participant.processRef));
          break;
        }
      }
    }
  }
  for (auto& root : definitions.rootElements) {
    if (auto* process = std::get_if<model::Process>(&root); process && process->id == processId) return process;
  }
  return nullptr;
}

const model::DiElement* shapeOf(const model::Definitions& definitions, int diagram, const std::string& id) {
  for (const auto& element : definitions.diagrams[static_cast<std::size_t>(diagram)].plane.elements) {
    if (element.kind == model::DiElement::Kind::kShape && element.bpmnElement == id && element.bounds) return &element;
  }
  return nullptr;
}

}  // namespace

std::string newId(const model::Definitions& definitions, ElementKind kind) {
  const char* prefix = kind == ElementKind::kSequenceFlow ? "Flow_"
                       : model::isEvent(kind)             ? "Event_"
                       : model::isGateway(kind)           ? "Gateway_"
                                                          : "Activity_";
  const std::set<std::string> used = usedIds(definitions);
  static const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  while (true) {
    std::string id = prefix;
    id += digits[1 + QRandomGenerator::global()->bounded(9)];  // bpmn.io: a digit first
    for (int i = 0; i < 6; ++i) id += digits[QRandomGenerator::global()->bounded(36)];
    if (!used.count(id) && !used.count(id + "_di")) return id;
  }
}

Result<std::string> createNode(model::Definitions& definitions, int diagram, ElementKind kind, const QPointF& center) {
  model::Process* process = processOf(definitions, diagram);
  if (!process)
    return Status::invalidArgument("diagram " + std::to_string(diagram + 1) + " shows no process to add to");
  model::FlowElement node;
  node.kind = kind;
  node.id = newId(definitions, kind);
  process->flowElements.push_back(node);
  const QSizeF size = sizeOf(kind);
  model::DiElement shape;
  shape.kind = model::DiElement::Kind::kShape;
  shape.id = node.id + "_di";
  shape.bpmnElement = node.id;
  if (kind == ElementKind::kExclusiveGateway) shape.isMarkerVisible = true;
  shape.bounds = model::Bounds{std::round(center.x() - size.width() / 2),
                               std::round(center.y() - size.height() / 2),
                               size.width(),
                               size.height(),
                               {}};
  definitions.diagrams[static_cast<std::size_t>(diagram)].plane.elements.push_back(shape);
  return node.id;
}

Result<std::string> connectNodes(model::Definitions& definitions, int diagram, const std::string& source,
                                 const std::string& target) {
  model::Process* process = processOf(definitions, diagram);
  if (!process) return Status::invalidArgument("diagram " + std::to_string(diagram + 1) + " shows no process");
  model::FlowElement* from = findFlowElement(definitions, source);
  model::FlowElement* to = findFlowElement(definitions, target);
  if (!from || !to || !model::isFlowNode(from->kind) || !model::isFlowNode(to->kind)) {
    return Status::invalidArgument("a sequence flow connects two flow nodes: " + source + " and " + target);
  }
  if (source == target) return Status::invalidArgument("a sequence flow cannot connect " + source + " to itself");
  const model::DiElement* a = shapeOf(definitions, diagram, source);
  const model::DiElement* b = shapeOf(definitions, diagram, target);
  if (!a || !b) return Status::invalidArgument("both ends need a shape in this diagram");
  model::FlowElement flow;
  flow.kind = ElementKind::kSequenceFlow;
  flow.id = newId(definitions, ElementKind::kSequenceFlow);
  flow.sourceRef = source;
  flow.targetRef = target;
  from->outgoing.push_back(flow.id);
  to->incoming.push_back(flow.id);
  // An orthogonal route: out of the source's right side, into the target's
  // left side, bending halfway when they are not level.
  const QPointF start(a->bounds->x + a->bounds->width, a->bounds->y + a->bounds->height / 2);
  const QPointF end(b->bounds->x, b->bounds->y + b->bounds->height / 2);
  model::DiElement edge;
  edge.kind = model::DiElement::Kind::kEdge;
  edge.id = flow.id + "_di";
  edge.bpmnElement = flow.id;
  edge.waypoints.push_back({start.x(), start.y(), {}});
  if (std::abs(start.y() - end.y()) > 0.5) {
    const double middle = std::round((start.x() + end.x()) / 2);
    edge.waypoints.push_back({middle, start.y(), {}});
    edge.waypoints.push_back({middle, end.y(), {}});
  }
  edge.waypoints.push_back({end.x(), end.y(), {}});
  process->flowElements.push_back(flow);
  definitions.diagrams[static_cast<std::size_t>(diagram)].plane.elements.push_back(edge);
  return flow.id;
}

}  // namespace bpmn::modeler

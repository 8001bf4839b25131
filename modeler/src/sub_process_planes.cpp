// Collapsing and expanding sub-processes (sub_process_planes.h).
#include "sub_process_planes.h"

#include <algorithm>
#include <functional>
#include <set>

#include "arrange.h"
#include "editing.h"
#include "model_access.h"
#include "properties.h"

namespace bpmn::modeler {

namespace {

constexpr QSizeF kCollapsed(100, 80);
constexpr QSizeF kExpandedMinimum(350, 200);
constexpr QPointF kPlaneOrigin(180, 80);  // where content starts in its own diagram
constexpr double kPadding = 40;           // between an expanded shape's border and its content

void translate(model::DiElement& di, const QPointF& by) {
  if (di.bounds) {
    di.bounds->x += by.x();
    di.bounds->y += by.y();
  }
  for (auto& point : di.waypoints) {
    point.x += by.x();
    point.y += by.y();
  }
  if (di.label && di.label->bounds) {
    di.label->bounds->x += by.x();
    di.label->bounds->y += by.y();
  }
}

QRectF extentOf(const std::vector<model::DiElement>& elements) {
  QRectF extent;
  for (const auto& di : elements) {
    if (di.bounds) extent = extent.united(rectOf(*di.bounds));
    for (const auto& point : di.waypoints) extent = extent.united(QRectF(point.x, point.y, 0, 0));
  }
  return extent;
}

// The ids drawn as part of a sub-process's content: its flow elements and
// artifacts at any depth and their data associations (those reaching
// outside it are crossing edges, and stay).
std::set<std::string> contentOf(const model::FlowElement& subProcess) {
  std::set<std::string> ids;
  collectContent(subProcess.flowElements, subProcess.artifacts, ids);
  std::function<void(const std::vector<model::FlowElement>&)> data = [&](const std::vector<model::FlowElement>& elements) {
    for (const auto& element : elements) {
      collectXmlIds(element.otherChildren, ids);
      data(element.flowElements);
    }
  };
  data(subProcess.flowElements);
  return ids;
}

// The shape of the sub-process gets `to`; its boundary events keep their
// place on its border relative to its size, and every connection of the
// two routes anew.
void reshape(model::Definitions& definitions, int diagram, model::DiElement& shape, const QRectF& to) {
  const QRectF from = rectOf(*shape.bounds);
  shape.bounds = boundsOf(to, *shape.bounds);
  model::DiPlane* plane = planeOf(definitions, diagram);
  std::set<std::string> ends{shape.bpmnElement};
  forEachFlowElement(definitions, [&](model::FlowElement& e) {
    if (e.kind != model::ElementKind::kBoundaryEvent || e.attachedToRef != shape.bpmnElement) return;
    model::DiElement* event = shapeOf(*plane, e.id);
    if (!event || !event->bounds) return;
    const QPointF centre = rectOf(*event->bounds).center();
    const double fx = from.width() > 0 ? (centre.x() - from.left()) / from.width() : 0;
    const double fy = from.height() > 0 ? (centre.y() - from.top()) / from.height() : 0;
    translate(*event, QPointF(to.left() + fx * to.width(), to.top() + fy * to.height()) - centre);
    ends.insert(e.id);
  });
  rerouteConnections(definitions, diagram, ends);
}

// Routes the edges `ids` anew between the shapes of their ends; an end
// not drawn here (content of a collapsed sub-process) docks on the shape of
// `standIn`.
void dock(model::Definitions& definitions, model::DiPlane& plane, const std::set<std::string>& ids,
          const std::string& standIn) {
  for (auto& di : plane.elements) {
    if (di.kind != model::DiElement::Kind::kEdge || !ids.count(di.bpmnElement)) continue;
    const auto ends = endsOf(definitions, di.bpmnElement);
    if (!ends) continue;
    const model::DiElement* from = shapeOf(plane, ends->first);
    const model::DiElement* to = shapeOf(plane, ends->second);
    if (!from) from = shapeOf(plane, standIn);
    if (!to) to = shapeOf(plane, standIn);
    if (!from || !to || !from->bounds || !to->bounds) continue;
    di.waypoints.clear();
    for (const QPointF& point : orthogonalRoute(rectOf(*from->bounds), rectOf(*to->bounds))) {
      di.waypoints.push_back({point.x(), point.y(), {}});
    }
  }
}

// The edges of `plane` that connect `content` with what lies outside it.
std::set<std::string> crossingEdges(const model::Definitions& definitions, const model::DiPlane& plane,
                                    const std::set<std::string>& content) {
  std::set<std::string> crossing;
  for (const auto& di : plane.elements) {
    if (di.kind != model::DiElement::Kind::kEdge) continue;
    auto ends = endsOf(definitions, di.bpmnElement);
    if (ends && content.count(ends->first) != content.count(ends->second)) crossing.insert(di.bpmnElement);
  }
  return crossing;
}

}  // namespace

Status collapseSubProcess(model::Definitions& definitions, int diagram, const std::string& id) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  model::DiElement* shape = plane ? shapeOf(*plane, id) : nullptr;
  const model::FlowElement* subProcess = findFlowElement(definitions, id);
  if (!shape || !subProcess || !model::isSubProcessKind(subProcess->kind)) {
    return Status::notFound("no sub-process " + id + " in diagram " + std::to_string(diagram + 1));
  }
  if (!shape->isExpanded.value_or(false)) return Status::invalidArgument(id + " is collapsed already");
  const std::set<std::string> content = contentOf(*subProcess);
  // Connections between content and the outside stay here, docked on the
  // collapsed shape.
  const std::set<std::string> crossing = crossingEdges(definitions, *plane, content);
  model::Diagram own;
  own.id = newId(definitions, std::string("BPMNDiagram_"));
  own.plane.id = newId(definitions, std::string("BPMNPlane_"));
  own.plane.bpmnElement = id;
  // Shapes of the content go, and edges with both ends in it.
  std::erase_if(plane->elements, [&](model::DiElement& di) {
    bool inside = content.count(di.bpmnElement) > 0;
    if (di.kind == model::DiElement::Kind::kEdge) {
      if (auto ends = endsOf(definitions, di.bpmnElement)) inside = content.count(ends->first) && content.count(ends->second);
    }
    if (!inside) return false;
    own.plane.elements.push_back(std::move(di));
    return true;
  });
  const QRectF extent = extentOf(own.plane.elements);
  for (auto& di : own.plane.elements) translate(di, kPlaneOrigin - extent.topLeft());
  shape = shapeOf(*plane, id);
  shape->isExpanded = false;
  reshape(definitions, diagram, *shape, QRectF(rectOf(*shape->bounds).topLeft(), kCollapsed));
  dock(definitions, *planeOf(definitions, diagram), crossing, id);
  if (!own.plane.elements.empty()) definitions.diagrams.push_back(std::move(own));
  return Status::ok();
}

Status expandSubProcess(model::Definitions& definitions, int diagram, const std::string& id) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  model::DiElement* shape = plane ? shapeOf(*plane, id) : nullptr;
  const model::FlowElement* subProcess = findFlowElement(definitions, id);
  if (!shape || !subProcess || !model::isSubProcessKind(subProcess->kind)) {
    return Status::notFound("no sub-process " + id + " in diagram " + std::to_string(diagram + 1));
  }
  if (shape->isExpanded.value_or(false)) return Status::invalidArgument(id + " is expanded already");
  auto own = std::find_if(definitions.diagrams.begin(), definitions.diagrams.end(),
                          [&](const model::Diagram& d) { return d.plane.bpmnElement == id; });
  std::vector<model::DiElement> content;
  if (own != definitions.diagrams.end()) {
    if (own - definitions.diagrams.begin() == diagram) return Status::invalidArgument(id + " is the diagram shown");
    content = std::move(own->plane.elements);
    const bool before = own - definitions.diagrams.begin() < diagram;
    definitions.diagrams.erase(own);
    if (before) --diagram;
  }
  plane = planeOf(definitions, diagram);
  shape = shapeOf(*plane, id);
  const QPointF corner = rectOf(*shape->bounds).topLeft();
  const QRectF extent = extentOf(content);
  const QSizeF size(std::max(kExpandedMinimum.width(), extent.width() + 2 * kPadding),
                    std::max(kExpandedMinimum.height(), extent.height() + 2 * kPadding));
  // The content centred in the grown shape.
  const QPointF at = corner + QPointF((size.width() - extent.width()) / 2, (size.height() - extent.height()) / 2);
  for (auto& di : content) {
    translate(di, at - extent.topLeft());
    plane->elements.push_back(std::move(di));
  }
  shape = shapeOf(*plane, id);
  shape->isExpanded = true;
  reshape(definitions, diagram, *shape, QRectF(corner, size));
  // Connections from outside to the content dock on the content again.
  plane = planeOf(definitions, diagram);
  dock(definitions, *plane, crossingEdges(definitions, *plane, contentOf(*findFlowElement(definitions, id))), id);
  return Status::ok();
}

}  // namespace bpmn::modeler

// Arranging a diagram (arrange.h).
#include "arrange.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "connection_bends.h"
#include "editing.h"
#include "lane_layout.h"
#include "model_access.h"
#include "properties.h"

namespace bpmn::modeler {

using model::ElementKind;

namespace {

// The point halfway along a polyline, where its label sits.
QPointF middleOf(const QPolygonF& line) {
  if (line.isEmpty()) return {};
  double length = 0;
  for (int i = 1; i < line.size(); ++i) length += QLineF(line[i - 1], line[i]).length();
  double rest = length / 2;
  for (int i = 1; i < line.size(); ++i) {
    const QLineF segment(line[i - 1], line[i]);
    if (segment.length() >= rest) return segment.pointAt(segment.length() > 0 ? rest / segment.length() : 0);
    rest -= segment.length();
  }
  return line.back();
}

void shift(model::Bounds& bounds, const QPointF& by) {
  bounds.x += by.x();
  bounds.y += by.y();
}

void shiftLabel(model::DiElement& di, const QPointF& by) {
  if (di.label && di.label->bounds) shift(*di.label->bounds, by);
}

void setRoute(model::DiElement& edge, const QPolygonF& route) {
  const QPointF before = middleOf(polygonOf(edge));
  edge.waypoints.clear();
  for (const QPointF& point : route) edge.waypoints.push_back({point.x(), point.y(), {}});
  shiftLabel(edge, middleOf(route) - before);
}

bool isBoundary(model::Definitions& definitions, const std::string& id) {
  const model::FlowElement* element = findFlowElement(definitions, id);
  return element && element->kind == ElementKind::kBoundaryEvent;
}

// Routes every connection of `plane` with an end in `ends` anew.
void reroute(model::Definitions& definitions, model::DiPlane& plane, const std::set<std::string>& ends) {
  for (auto& edge : plane.elements) {
    if (edge.kind != model::DiElement::Kind::kEdge) continue;
    auto pair = endsOf(definitions, edge.bpmnElement);
    if (!pair || (!ends.count(pair->first) && !ends.count(pair->second))) continue;
    const model::DiElement* source = shapeOf(plane, pair->first);
    const model::DiElement* target = shapeOf(plane, pair->second);
    if (!source || !target) continue;
    setRoute(edge,
             orthogonalRoute(rectOf(*source->bounds), rectOf(*target->bounds), isBoundary(definitions, pair->first)));
  }
}

// Sequence flows whose ends now sit in one scope move there; those whose
// ends sit in different scopes go (BPMN 2.0.2 §10.5.1: "a Sequence Flow
// ... can only be used to connect Flow Nodes within the same Process or
// Sub-Process").
Status repairFlows(model::Definitions& definitions) {
  std::vector<std::string> flows;
  forEachFlowElement(definitions, [&](model::FlowElement& e) {
    if (e.kind == ElementKind::kSequenceFlow) flows.push_back(e.id);
  });
  std::vector<std::string> crossing;
  for (const std::string& id : flows) {
    auto flowScope = scopeOf(definitions, id);
    const model::FlowElement* flow = findFlowElement(definitions, id);
    auto source = scopeOf(definitions, flow->sourceRef), target = scopeOf(definitions, flow->targetRef);
    if (!source || !target) continue;
    if (source->elements != target->elements) {
      crossing.push_back(id);
      continue;
    }
    if (source->elements == flowScope->elements) continue;
    model::FlowElement moved = *flow;
    const std::string owner = source->subProcess ? source->subProcess->id : source->process->id;
    std::erase_if(*flowScope->elements, [&](const model::FlowElement& e) { return e.id == id; });
    scopeOpenedBy(definitions, owner)->elements->push_back(std::move(moved));
  }
  // A message flow whose ends now sit in one pool goes too (§9.3: message
  // flows connect two separate pools).
  auto poolOf = [&](const std::string& id) -> const model::Process* {
    if (auto [collaboration, participant] = findParticipant(definitions, id); participant) {
      return findProcess(definitions, model::localRef(participant->processRef));
    }
    auto scope = scopeOf(definitions, id);
    return scope ? scope->process : nullptr;
  };
  for (const auto* collaboration : definitions.collaborations()) {
    for (const auto& flow : collaboration->messageFlows) {
      const model::Process* from = poolOf(std::string(model::localRef(flow.sourceRef)));
      if (from && from == poolOf(std::string(model::localRef(flow.targetRef)))) crossing.push_back(flow.id);
    }
  }
  if (crossing.empty()) return Status::ok();
  return deleteElements(definitions, crossing).status();
}

// A flow node or text annotation dropped at its new place joins the pool
// or expanded sub-process under its centre.
Status adopt(model::Definitions& definitions, int diagram, const std::string& id) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  const model::DiElement* shape = shapeOf(*plane, id);
  auto current = scopeOf(definitions, id);
  if (!shape || !current) return Status::ok();
  const model::FlowElement* element = findFlowElement(definitions, id);
  if (element && (element->kind == ElementKind::kBoundaryEvent || element->kind == ElementKind::kDataObject)) {
    return Status::ok();
  }
  std::set<std::string> excluded{id};
  if (element) collectContent(element->flowElements, element->artifacts, excluded);
  auto target = scopeAt(definitions, diagram, rectOf(*shape->bounds).center(), excluded);
  if (!target && !element) return Status::ok();  // an annotation may sit beside the pools
  if (!target) return Status::invalidArgument(id + ": flow elements stay inside a pool");
  if (target->elements == current->elements) {
    assignLane(definitions, diagram, id);
    return Status::ok();
  }
  const std::string owner = target->subProcess ? target->subProcess->id : target->process->id;
  if (current->process != target->process) removeFromLanes(*current->process, id);
  if (!element) {  // a text annotation or group
    auto it = std::find_if(current->artifacts->begin(), current->artifacts->end(),
                           [&](const model::Artifact& a) { return a.id == id; });
    model::Artifact artifact = *it;
    current->artifacts->erase(it);
    scopeOpenedBy(definitions, owner)->artifacts->push_back(std::move(artifact));
    return Status::ok();
  }
  std::vector<model::FlowElement> moving;
  std::erase_if(*current->elements, [&](model::FlowElement& e) {
    if (e.id != id && !(e.kind == ElementKind::kBoundaryEvent && e.attachedToRef == id)) return false;
    moving.push_back(std::move(e));
    return true;
  });
  auto joined = scopeOpenedBy(definitions, owner);
  for (auto& e : moving) joined->elements->push_back(std::move(e));
  assignLane(definitions, diagram, id);
  return Status::ok();  // the caller repairs the flows once every node has landed
}

// A boundary event moved on its own stays on its host's border (or that of
// the activity it was dropped on), at the nearest point.
void keepOnBorder(model::Definitions& definitions, model::DiPlane& plane, const std::string& id) {
  model::FlowElement* event = findFlowElement(definitions, id);
  model::DiElement* shape = shapeOf(plane, id);
  if (!event || !shape) return;
  const QPointF center = rectOf(*shape->bounds).center();
  for (const auto& other : plane.elements) {
    if (other.kind != model::DiElement::Kind::kShape || !other.bounds || other.bpmnElement == event->attachedToRef) {
      continue;
    }
    const model::FlowElement* activity = findFlowElement(definitions, other.bpmnElement);
    auto eventScope = scopeOf(definitions, id), activityScope = scopeOf(definitions, other.bpmnElement);
    if (activity && model::isActivity(activity->kind) && eventScope && activityScope &&
        eventScope->elements == activityScope->elements &&
        rectOf(*other.bounds).adjusted(-18, -18, 18, 18).contains(center) &&
        !rectOf(*other.bounds).adjusted(18, 18, -18, -18).contains(center)) {
      event->attachedToRef = other.bpmnElement;
      break;
    }
  }
  const model::DiElement* host = shapeOf(plane, event->attachedToRef);
  if (!host) return;
  const QRectF rect = rectOf(*host->bounds);
  QPointF point(std::clamp(center.x(), rect.left(), rect.right()), std::clamp(center.y(), rect.top(), rect.bottom()));
  const double distances[] = {point.x() - rect.left(), rect.right() - point.x(), point.y() - rect.top(),
                              rect.bottom() - point.y()};
  const double nearest = *std::min_element(std::begin(distances), std::end(distances));
  if (nearest == distances[3])
    point.setY(rect.bottom());
  else if (nearest == distances[2])
    point.setY(rect.top());
  else if (nearest == distances[0])
    point.setX(rect.left());
  else
    point.setX(rect.right());
  const QPointF by = point - center;
  shift(*shape->bounds, by);
  shiftLabel(*shape, by);
}

}  // namespace

double snapToGrid(double value) { return std::round(value / kGrid) * kGrid; }

QPolygonF orthogonalRoute(const QRectF& source, const QRectF& target, bool fromBottom) {
  QPolygonF route;
  const QPointF s = source.center(), t = target.center();
  if (fromBottom && target.top() > source.bottom()) {
    // Down out of the boundary event, then across into the target's side.
    const QPointF start(s.x(), source.bottom());
    if (target.left() > s.x()) {
      route << start << QPointF(s.x(), t.y()) << QPointF(target.left(), t.y());
    } else if (target.right() < s.x()) {
      route << start << QPointF(s.x(), t.y()) << QPointF(target.right(), t.y());
    } else {
      route << start << QPointF(s.x(), target.top());
    }
    return route;
  }
  if (target.left() >= source.right() + 10) {
    const QPointF start(source.right(), s.y()), end(target.left(), t.y());
    route << start;
    if (std::abs(start.y() - end.y()) > 0.5) {
      const double middle = std::round((start.x() + end.x()) / 2);
      route << QPointF(middle, start.y()) << QPointF(middle, end.y());
    }
    return route << end;
  }
  if (target.top() >= source.bottom() + 10 || target.bottom() <= source.top() - 10) {
    const bool down = target.top() >= source.bottom();
    const QPointF start(s.x(), down ? source.bottom() : source.top()),
        end(t.x(), down ? target.top() : target.bottom());
    route << start;
    if (std::abs(start.x() - end.x()) > 0.5) {
      const double middle = std::round((start.y() + end.y()) / 2);
      route << QPointF(start.x(), middle) << QPointF(end.x(), middle);
    }
    return route << end;
  }
  if (target.right() <= source.left() - 10) {
    // Back to the left: down out of the source, along below both, up into
    // the target.
    const double below = std::max(source.bottom(), target.bottom()) + 40;
    return route << QPointF(s.x(), source.bottom()) << QPointF(s.x(), below) << QPointF(t.x(), below)
                 << QPointF(t.x(), target.bottom());
  }
  // Overlapping shapes: centre to centre, clipped to the borders.
  const QLineF line(s, t);
  return route << QPointF(source.right(), s.y()) << QPointF(target.left(), t.y());
}

Result<std::string> moveShapes(model::Definitions& definitions, int diagram,
                               const std::vector<std::pair<std::string, QPointF>>& moves, bool join) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  std::map<std::string, QPointF> offsets;
  std::vector<std::string> dropped, boundaries;
  for (const auto& [requested, offset] : moves) {
    std::string id = requested;
    // A lane moves with its pool.
    if (auto [process, lane] = findLane(definitions, id); lane) {
      const model::Participant* participant = participantOf(definitions, process->id);
      if (!participant) return Status::invalidArgument(id + ": a lane moves with its pool");
      id = participant->id;
    }
    if (!shapeOf(*plane, id))
      return Status::notFound("no shape of " + id + " in diagram " + std::to_string(diagram + 1));
    if (offsets.count(id)) continue;
    offsets[id] = offset;
    std::set<std::string> along;
    if (auto [collaboration, participant] = findParticipant(definitions, id); participant) {
      if (auto scope = scopeOpenedBy(definitions, std::string(model::localRef(participant->processRef)))) {
        collectContent(scope->process->flowElements, scope->process->artifacts, along);
        collectLaneIds(scope->process->laneSets, along);
      }
    } else if (const model::FlowElement* element = findFlowElement(definitions, id)) {
      if (shapeOf(*plane, id)->isExpanded.value_or(false))
        collectContent(element->flowElements, element->artifacts, along);
      if (element->kind == ElementKind::kBoundaryEvent)
        boundaries.push_back(id);
      else
        dropped.push_back(id);
    } else {
      dropped.push_back(id);
    }
    for (const std::string& other : along) offsets.emplace(other, offset);
  }
  // Boundary events go with their hosts.
  forEachFlowElement(definitions, [&](model::FlowElement& e) {
    if (e.kind != ElementKind::kBoundaryEvent || offsets.count(e.id)) return;
    if (auto host = offsets.find(e.attachedToRef); host != offsets.end()) offsets.emplace(e.id, host->second);
  });
  std::map<std::string, QPointF> was;  // where moved shapes were
  for (auto& di : plane->elements) {
    if (di.kind != model::DiElement::Kind::kShape || !di.bounds) continue;
    auto offset = offsets.find(di.bpmnElement);
    if (offset == offsets.end()) continue;
    was[di.bpmnElement] = rectOf(*di.bounds).topLeft();
    shift(*di.bounds, offset->second);
    shiftLabel(di, offset->second);
  }
  for (const std::string& id : boundaries) keepOnBorder(definitions, *plane, id);
  // How far an end really went (a boundary event slides along its host).
  auto movedBy = [&](const model::DiElement& shape) {
    auto before = was.find(shape.bpmnElement);
    return before == was.end() ? QPointF() : rectOf(*shape.bounds).topLeft() - before->second;
  };
  std::set<std::string> rerouted;
  for (auto& edge : plane->elements) {
    if (edge.kind != model::DiElement::Kind::kEdge) continue;
    auto ends = endsOf(definitions, edge.bpmnElement);
    if (!ends) continue;
    auto own = offsets.find(edge.bpmnElement);
    auto source = offsets.find(ends->first), target = offsets.find(ends->second);
    const bool sourceMoved = source != offsets.end(), targetMoved = target != offsets.end();
    const bool boundaryMoved = std::count(boundaries.begin(), boundaries.end(), ends->first) ||
                               std::count(boundaries.begin(), boundaries.end(), ends->second);
    if (!boundaryMoved && (own != offsets.end() || (sourceMoved && targetMoved && source->second == target->second))) {
      const QPointF by = own != offsets.end() ? own->second : source->second;
      for (auto& point : edge.waypoints) {
        point.x += by.x();
        point.y += by.y();
      }
      shiftLabel(edge, by);
    } else if (sourceMoved || targetMoved) {
      const model::DiElement* from = shapeOf(*plane, ends->first);
      const model::DiElement* to = shapeOf(*plane, ends->second);
      if (from && to) {
        const QRectF source = rectOf(*from->bounds), target = rectOf(*to->bounds);
        const auto kept = keepBends(polygonOf(edge), source, target, movedBy(*from), movedBy(*to));
        setRoute(edge, kept ? *kept : orthogonalRoute(source, target, isBoundary(definitions, ends->first)));
      } else if (!edge.waypoints.empty()) {  // an end on a connection: move the shape's end only
        auto& point = sourceMoved ? edge.waypoints.front() : edge.waypoints.back();
        const QPointF by = sourceMoved ? source->second : target->second;
        point.x += by.x();
        point.y += by.y();
      }
    }
  }
  if (!join) return std::string();
  for (const std::string& id : dropped) {
    if (Status status = adopt(definitions, diagram, id); !status.isOk()) return status;
  }
  if (Status status = repairFlows(definitions); !status.isOk()) return status;
  return std::string();
}

Result<std::string> resizeShape(model::Definitions& definitions, int diagram, const std::string& elementId,
                                const QRectF& requested) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  model::DiElement* shape = plane ? shapeOf(*plane, elementId) : nullptr;
  if (!shape) return Status::notFound("no shape of " + elementId + " in diagram " + std::to_string(diagram + 1));
  const model::FlowElement* element = findFlowElement(definitions, elementId);
  const model::Participant* participant = findParticipant(definitions, elementId).second;
  const bool lane = findLane(definitions, elementId).second != nullptr;
  if (lane || (participant && !participant->processRef.empty())) {
    // Pools with a process and their lanes keep tiling.
    auto lanes = lane ? PoolLanes::readForLane(definitions, diagram, elementId)
                      : PoolLanes::read(definitions, diagram, elementId);
    if (!lanes.isOk()) return lanes.status();
    if (Status status = lanes.value().resize(elementId, requested); !status.isOk()) return status;
    if (Status status = lanes.value().apply(definitions); !status.isOk()) return status;
    return elementId;
  }
  QSizeF minimum;
  if (participant) {
    minimum = {300, 60};  // a black-box pool
  } else if (element && model::isActivity(element->kind)) {
    minimum = shape->isExpanded.value_or(false) ? QSizeF(140, 120) : QSizeF(50, 40);
  } else if (!element) {
    minimum = {50, 30};  // text annotations and groups
  } else {
    return Status::invalidArgument(elementId + ": events, gateways and data keep their size");
  }
  const QRectF old = rectOf(*shape->bounds);
  QRectF bounds = requested.normalized();
  bounds.setWidth(std::max(bounds.width(), minimum.width()));
  bounds.setHeight(std::max(bounds.height(), minimum.height()));
  shape->bounds = boundsOf(bounds, *shape->bounds);
  // Boundary events keep their side and their relative place on it.
  std::set<std::string> ends{elementId};
  forEachFlowElement(definitions, [&](model::FlowElement& e) {
    if (e.kind != ElementKind::kBoundaryEvent || e.attachedToRef != elementId) return;
    model::DiElement* event = shapeOf(*plane, e.id);
    if (!event) return;
    ends.insert(e.id);
    const QPointF center = rectOf(*event->bounds).center();
    const double fx = old.width() > 0 ? (center.x() - old.left()) / old.width() : 0.5;
    const double fy = old.height() > 0 ? (center.y() - old.top()) / old.height() : 0.5;
    QPointF moved(bounds.left() + fx * bounds.width(), bounds.top() + fy * bounds.height());
    if (std::abs(center.y() - old.bottom()) < 1) moved.setY(bounds.bottom());
    if (std::abs(center.y() - old.top()) < 1) moved.setY(bounds.top());
    if (std::abs(center.x() - old.left()) < 1) moved.setX(bounds.left());
    if (std::abs(center.x() - old.right()) < 1) moved.setX(bounds.right());
    const QPointF by(std::round(moved.x() - center.x()), std::round(moved.y() - center.y()));
    shift(*event->bounds, by);
    shiftLabel(*event, by);
  });
  reroute(definitions, *plane, ends);
  return elementId;
}

void rerouteConnections(model::Definitions& definitions, int diagram, const std::set<std::string>& ends) {
  if (model::DiPlane* plane = planeOf(definitions, diagram)) reroute(definitions, *plane, ends);
}

Result<std::string> placeLabel(model::Definitions& definitions, int diagram, const std::string& elementId,
                               const QRectF& bounds) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  model::DiElement* di = plane ? shapeOf(*plane, elementId) : nullptr;
  if (!di && plane) di = edgeOf(*plane, elementId);
  if (!di)
    return Status::notFound("no shape or connection of " + elementId + " in diagram " + std::to_string(diagram + 1));
  if (!di->label) di->label = model::DiLabel{};
  const QRectF rounded(std::round(bounds.x()), std::round(bounds.y()), std::round(bounds.width()),
                       std::round(bounds.height()));
  di->label->bounds = boundsOf(rounded, di->label->bounds.value_or(model::Bounds{}));
  return elementId;
}

Result<std::string> setWaypoints(model::Definitions& definitions, int diagram, const std::string& elementId,
                                 const QPolygonF& waypoints) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  model::DiElement* edge = plane ? edgeOf(*plane, elementId) : nullptr;
  if (!edge) return Status::notFound("no connection " + elementId + " in diagram " + std::to_string(diagram + 1));
  if (waypoints.size() < 2) return Status::invalidArgument(elementId + ": a connection needs two waypoints");
  setRoute(*edge, waypoints);
  return elementId;
}

Result<std::string> alignShapes(model::Definitions& definitions, int diagram, const std::vector<std::string>& ids,
                                Alignment alignment) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  std::vector<std::pair<std::string, QRectF>> shapes;
  QRectF all;
  for (const std::string& id : ids) {
    if (const model::DiElement* shape = shapeOf(*plane, id)) {
      shapes.emplace_back(id, rectOf(*shape->bounds));
      all = all.united(shapes.back().second);
    }
  }
  if (shapes.size() < 2) return Status::invalidArgument("aligning needs two shapes or more");
  std::vector<std::pair<std::string, QPointF>> moves;
  for (const auto& [id, rect] : shapes) {
    QPointF by;
    switch (alignment) {
      case Alignment::kLeft:
        by.setX(all.left() - rect.left());
        break;
      case Alignment::kCenter:
        by.setX(std::round(all.center().x() - rect.center().x()));
        break;
      case Alignment::kRight:
        by.setX(all.right() - rect.right());
        break;
      case Alignment::kTop:
        by.setY(all.top() - rect.top());
        break;
      case Alignment::kMiddle:
        by.setY(std::round(all.center().y() - rect.center().y()));
        break;
      case Alignment::kBottom:
        by.setY(all.bottom() - rect.bottom());
        break;
    }
    if (!by.isNull()) moves.emplace_back(id, by);
  }
  return moveShapes(definitions, diagram, moves);
}

Result<std::string> distributeShapes(model::Definitions& definitions, int diagram, const std::vector<std::string>& ids,
                                     Qt::Orientation orientation) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  std::vector<std::pair<std::string, QRectF>> shapes;
  for (const std::string& id : ids) {
    if (const model::DiElement* shape = shapeOf(*plane, id)) shapes.emplace_back(id, rectOf(*shape->bounds));
  }
  if (shapes.size() < 3) return Status::invalidArgument("distributing needs three shapes or more");
  const bool horizontal = orientation == Qt::Horizontal;
  auto start = [&](const QRectF& r) { return horizontal ? r.left() : r.top(); };
  auto length = [&](const QRectF& r) { return horizontal ? r.width() : r.height(); };
  std::sort(shapes.begin(), shapes.end(), [&](const auto& a, const auto& b) {
    return start(a.second) + length(a.second) / 2 < start(b.second) + length(b.second) / 2;
  });
  double occupied = 0;
  for (const auto& [id, rect] : shapes) occupied += length(rect);
  const double span = start(shapes.back().second) + length(shapes.back().second) - start(shapes.front().second);
  const double gap = (span - occupied) / static_cast<double>(shapes.size() - 1);
  std::vector<std::pair<std::string, QPointF>> moves;
  double at = start(shapes.front().second) + length(shapes.front().second) + gap;
  for (std::size_t i = 1; i + 1 < shapes.size(); ++i) {
    const double by = std::round(at - start(shapes[i].second));
    if (by != 0) moves.emplace_back(shapes[i].first, horizontal ? QPointF(by, 0) : QPointF(0, by));
    at += length(shapes[i].second) + gap;
  }
  return moveShapes(definitions, diagram, moves);
}

}  // namespace bpmn::modeler

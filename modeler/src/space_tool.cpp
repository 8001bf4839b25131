// bpmn.io's space tool (space_tool.h).
#include "space_tool.h"

#include <QPolygonF>
#include <QRectF>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "arrange.h"
#include "connection_bends.h"
#include "lane_layout.h"
#include "model_access.h"
#include "properties.h"

namespace bpmn::modeler {

using model::ElementKind;

namespace {

// What sub-processes and groups keep between their content and a border
// that moves in.
constexpr double kContentMargin = 10;

// Geometry along the drag's axis.
struct Along {
  bool x = true;
  double s0(const QRectF& r) const { return x ? r.left() : r.top(); }
  double s1(const QRectF& r) const { return x ? r.right() : r.bottom(); }
  double size(const QRectF& r) const { return x ? r.width() : r.height(); }
  double at(const QPointF& p) const { return x ? p.x() : p.y(); }
  QPointF vector(double d) const { return x ? QPointF(d, 0) : QPointF(0, d); }
};

// A pool with a process that the line crosses.
struct CrossedPool {
  std::string id;
  QRectF rect;
  bool stacking = false;  // the drag runs along the lanes' stacking axis
  // Stacking: the pool and the lanes the line crosses (they grow) and the
  // lanes beyond it (they move).
  std::vector<std::string> growing, shifting;
};

struct Analysis {
  SpacePlan plan;
  std::set<std::string> moving, resizing;  // resizing: sub-processes, groups, black-box pools
  std::vector<CrossedPool> pools;
};

bool isBoundary(model::Definitions& definitions, const std::string& id) {
  const model::FlowElement* element = findFlowElement(definitions, id);
  return element && element->kind == ElementKind::kBoundaryEvent;
}

const model::Artifact* findArtifact(model::Definitions& definitions, const std::string& id) {
  auto scope = scopeOf(definitions, id);
  if (!scope || !scope->artifacts) return nullptr;
  for (const auto& artifact : *scope->artifacts) {
    if (artifact.id == id) return &artifact;
  }
  return nullptr;
}

// The lanes drawn in the plane, with whether they are leaves here.
void collectLanes(const std::vector<model::LaneSet>& laneSets, const model::DiPlane& plane,
                  std::vector<std::pair<const model::Lane*, bool>>& lanes, int depth, int& levels) {
  for (const auto& laneSet : laneSets) {
    for (const auto& lane : laneSet.lanes) {
      const model::DiElement* shape = shapeOf(plane, lane.id);
      if (!shape || !shape->bounds) continue;
      levels = std::max(levels, depth + 1);
      const std::size_t at = lanes.size();
      lanes.emplace_back(&lane, true);
      const std::size_t before = lanes.size();
      collectLanes(lane.childLaneSets, plane, lanes, depth + 1, levels);
      if (lanes.size() > before) lanes[at].second = false;
    }
  }
}

Result<Analysis> analyse(model::Definitions& definitions, int diagram, const QPointF& start, const QPointF& delta,
                         SpaceSide side) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  Analysis result;
  SpacePlan& plan = result.plan;
  const Along along{std::abs(delta.x()) >= std::abs(delta.y())};
  plan.axis = along.x ? Qt::Horizontal : Qt::Vertical;
  plan.side = side;
  plan.line = along.at(start);
  double d = along.at(delta);
  if (std::abs(d) < 0.5) return Status::invalidArgument("drag to make space: the drag has no length");
  const bool after = side == SpaceSide::kAfter;
  const double line = plan.line;
  auto beyond = [&](const QRectF& r) { return after ? along.s0(r) >= line : along.s1(r) <= line; };
  auto crossed = [&](const QRectF& r) { return along.s0(r) < line && line < along.s1(r); };
  // A lane's edge on the line: the lane before it (in the drag's
  // direction) grows, the one beyond it moves.
  auto spans = [&](const QRectF& r) {
    return after ? along.s0(r) < line && line <= along.s1(r) : along.s0(r) <= line && line < along.s1(r);
  };
  auto rectOfId = [&](const std::string& id) -> std::optional<QRectF> {
    const model::DiElement* shape = shapeOf(*plane, id);
    if (!shape || !shape->bounds) return std::nullopt;
    return rectOf(*shape->bounds);
  };

  std::set<std::string> laneIds;
  for (auto& process : definitions.processes()) collectLaneIds(process->laneSets, laneIds);
  std::vector<std::string> boundaries;
  for (const auto& di : plane->elements) {
    if (di.kind != model::DiElement::Kind::kShape || !di.bounds) continue;
    const std::string& id = di.bpmnElement;
    if (laneIds.count(id)) continue;  // with their pool
    if (isBoundary(definitions, id)) {
      boundaries.push_back(id);
      continue;
    }
    const QRectF rect = rectOf(*di.bounds);
    if (auto [collaboration, participant] = findParticipant(definitions, id); participant) {
      model::Process* process = participant->processRef.empty()
                                    ? nullptr
                                    : findProcess(definitions, model::localRef(participant->processRef));
      if (beyond(rect)) {
        result.moving.insert(id);
        if (process) {
          std::set<std::string> lanes;
          collectLaneIds(process->laneSets, lanes);
          for (const std::string& lane : lanes) {
            if (rectOfId(lane)) result.moving.insert(lane);
          }
        }
      } else if (crossed(rect)) {
        if (!process) {
          // bpmn.io keeps a black-box pool's height.
          if (along.x) result.resizing.insert(id);
          continue;
        }
        CrossedPool pool;
        pool.id = id;
        pool.rect = rect;
        const bool horizontal = di.isHorizontal.value_or(true);
        pool.stacking = horizontal ? !along.x : along.x;
        if (pool.stacking) {
          std::vector<std::pair<const model::Lane*, bool>> lanes;
          int levels = 0;
          collectLanes(process->laneSets, *plane, lanes, 0, levels);
          for (const auto& [lane, leaf] : lanes) {
            const QRectF laneRect = *rectOfId(lane->id);
            if (spans(laneRect))
              pool.growing.push_back(lane->id);
            else if (beyond(laneRect))
              pool.shifting.push_back(lane->id);
          }
        }
        result.pools.push_back(std::move(pool));
      }
      continue;
    }
    if (beyond(rect)) {
      result.moving.insert(id);
      continue;
    }
    if (!crossed(rect)) continue;
    const model::FlowElement* element = findFlowElement(definitions, id);
    const bool container =
        element ? model::isActivity(element->kind) && di.isExpanded.value_or(false)
                : findArtifact(definitions, id) && findArtifact(definitions, id)->kind == model::Artifact::Kind::kGroup;
    if (container) result.resizing.insert(id);
  }
  // Boundary events go with their hosts; on a host that grows or shrinks
  // those beyond the line go with its moving side, and so do those on its
  // moving edge (their centre on it), which the line may cross.
  auto movingEdge = [&](const QRectF& host) { return after ? along.s1(host) : along.s0(host); };
  for (const std::string& id : boundaries) {
    const model::FlowElement* event = findFlowElement(definitions, id);
    const std::string& host = event->attachedToRef;
    if (result.moving.count(host)) {
      result.moving.insert(id);
    } else if (result.resizing.count(host)) {
      const QRectF rect = *rectOfId(id);
      if (beyond(rect) || std::abs(along.at(rect.center()) - movingEdge(*rectOfId(host))) < 0.5) {
        result.moving.insert(id);
      }
    }
  }

  // Removing space: clamp the distance so that no container gets smaller
  // than its minimum or than its content (bpmn.io clamps the whole drag).
  double growth = after ? d : -d;
  if (growth < 0) {
    double least = growth;  // the growth every container allows, at most 0
    auto allow = [&](double bound) { least = std::max(least, bound); };
    // How far content that stays sticks out towards the moving edge of `c`.
    auto keepInside = [&](const QRectF& c, const QRectF& content, double margin) {
      allow((after ? along.s1(content) - along.s1(c) : along.s0(c) - along.s0(content)) + margin);
    };
    // How far content that moves with the moving edge of `c` may go before
    // it reaches the edge that stays.
    auto keepFromStart = [&](const QRectF& c, const QRectF& content, double margin) {
      allow((after ? along.s0(c) - along.s0(content) : along.s1(content) - along.s1(c)) + margin);
    };
    auto staysInside = [&](const std::string& id) {
      return !result.moving.count(id) && !result.resizing.count(id) && rectOfId(id).has_value();
    };
    for (const std::string& id : result.resizing) {
      const QRectF rect = *rectOfId(id);
      const model::FlowElement* element = findFlowElement(definitions, id);
      double minimum = along.x ? 50 : 30;  // a group
      if (findParticipant(definitions, id).second) minimum = along.x ? 300 : 60;
      if (element) {
        minimum = along.x ? 140 : 120;
        std::set<std::string> content;
        collectContent(element->flowElements, element->artifacts, content);
        for (const std::string& inner : content) {
          if (staysInside(inner))
            keepInside(rect, *rectOfId(inner), kContentMargin);
          else if (result.moving.count(inner) && rectOfId(inner))
            keepFromStart(rect, *rectOfId(inner), kContentMargin);
        }
        // Its boundary events stay on its border, as bpmn.io keeps
        // attachers on their host: the moving edge stops at the centre of
        // those that stay, those that move stop at the edge that stays.
        for (const std::string& event : boundaries) {
          if (findFlowElement(definitions, event)->attachedToRef != id) continue;
          const double centre = along.at(rectOfId(event)->center());
          if (result.moving.count(event))
            allow(after ? along.s0(rect) - centre : centre - along.s1(rect));
          else
            allow(after ? centre - along.s1(rect) : along.s0(rect) - centre);
        }
      }
      allow(minimum - along.size(rect));
    }
    for (const CrossedPool& pool : result.pools) {
      model::Participant* participant = findParticipant(definitions, pool.id).second;
      model::Process* process = findProcess(definitions, model::localRef(participant->processRef));
      std::set<std::string> content;
      collectContent(process->flowElements, {}, content);
      if (pool.stacking) {
        // The leaf lane the line crosses (or the pool without lanes) keeps
        // its minimum length and what stays in it.
        std::optional<QRectF> leaf;
        for (const std::string& id : pool.growing) {
          const QRectF rect = *rectOfId(id);
          if (!leaf || rect.width() * rect.height() < leaf->width() * leaf->height()) leaf = rect;
        }
        const QRectF room = leaf.value_or(pool.rect);
        allow(kLaneMinLength - along.size(room));
        for (const std::string& id : content) {
          if (staysInside(id) && room.contains(rectOfId(id)->center())) keepInside(room, *rectOfId(id), kPoolMargin);
        }
        // What moves stays inside the pool, off the edge that stays (the
        // label band lies across this axis).
        for (const std::string& id : content) {
          if (result.moving.count(id) && rectOfId(id)) keepFromStart(pool.rect, *rectOfId(id), kPoolMargin);
        }
      } else {
        std::vector<std::pair<const model::Lane*, bool>> lanes;
        int levels = 0;
        collectLanes(process->laneSets, *plane, lanes, 0, levels);
        allow(kLaneMinBreadth + kLaneBand * std::max(1, levels) - along.size(pool.rect));
        for (const std::string& id : content) {
          if (!staysInside(id)) continue;
          // The label band lies at the start of the breadth.
          keepInside(pool.rect, *rectOfId(id), kPoolMargin + (after ? 0 : kLaneBand));
        }
        // What moves stays inside the pool as a sub-process keeps its
        // content: off the edge that stays, and off the band when that
        // edge is the band's.
        for (const std::string& id : content) {
          if (result.moving.count(id) && rectOfId(id)) {
            keepFromStart(pool.rect, *rectOfId(id), kPoolMargin + (after ? kLaneBand : 0));
          }
        }
      }
    }
    growth = std::min(0.0, least);
    if (growth == 0)
      return Status::invalidArgument(
          "no space to remove there: the containers are as small as their "
          "content and minimum sizes allow");
  }
  d = after ? growth : -growth;
  plan.delta = d;
  plan.moving.assign(result.moving.begin(), result.moving.end());
  plan.resizing.assign(result.resizing.begin(), result.resizing.end());
  for (const CrossedPool& pool : result.pools) {
    plan.resizing.push_back(pool.id);
    if (pool.stacking) {
      plan.resizing.insert(plan.resizing.end(), pool.growing.begin(), pool.growing.end());
      plan.moving.insert(plan.moving.end(), pool.shifting.begin(), pool.shifting.end());
    } else {
      std::set<std::string> lanes;
      model::Participant* participant = findParticipant(definitions, pool.id).second;
      collectLaneIds(findProcess(definitions, model::localRef(participant->processRef))->laneSets, lanes);
      for (const std::string& lane : lanes) {
        if (rectOfId(lane)) plan.resizing.push_back(lane);
      }
    }
  }
  return result;
}

void shiftBounds(model::Bounds& bounds, const QPointF& by) {
  bounds.x += by.x();
  bounds.y += by.y();
}

// The rectangle with its edge on the moving side moved by `d`.
QRectF stretched(const QRectF& rect, const Along& along, SpaceSide side, double d) {
  QRectF r = rect;
  if (side == SpaceSide::kAfter) {
    if (along.x)
      r.setRight(r.right() + d);
    else
      r.setBottom(r.bottom() + d);
  } else {
    if (along.x)
      r.setLeft(r.left() + d);
    else
      r.setTop(r.top() + d);
  }
  return r;
}

}  // namespace

Result<SpacePlan> planSpace(model::Definitions& definitions, int diagram, const QPointF& start, const QPointF& delta,
                            SpaceSide side) {
  auto analysis = analyse(definitions, diagram, start, delta, side);
  if (!analysis.isOk()) return analysis.status();
  return analysis.value().plan;
}

Result<std::string> makeSpace(model::Definitions& definitions, int diagram, const QPointF& start, const QPointF& delta,
                              SpaceSide side) {
  auto analysis = analyse(definitions, diagram, start, delta, side);
  if (!analysis.isOk()) return analysis.status();
  const Analysis& a = analysis.value();
  const Along along{a.plan.axis == Qt::Horizontal};
  const double d = a.plan.delta, line = a.plan.line;
  const bool after = side == SpaceSide::kAfter;
  const QPointF by = along.vector(d);
  model::DiPlane* plane = planeOf(definitions, diagram);

  // The connections as they were, for the last step.
  std::map<std::string, QPolygonF> routes;
  for (const auto& di : plane->elements) {
    if (di.kind == model::DiElement::Kind::kEdge) routes[di.id] = polygonOf(di);
  }
  std::set<std::string> moved(a.moving.begin(), a.moving.end());
  for (const CrossedPool& pool : a.pools) moved.insert(pool.shifting.begin(), pool.shifting.end());

  // Shapes beyond the line move (with their labels); crossed containers
  // change on the moving side.
  for (auto& di : plane->elements) {
    if (di.kind != model::DiElement::Kind::kShape || !di.bounds) continue;
    if (moved.count(di.bpmnElement)) {
      shiftBounds(*di.bounds, by);
      if (di.label && di.label->bounds) shiftBounds(*di.label->bounds, by);
    } else if (a.resizing.count(di.bpmnElement)) {
      di.bounds = boundsOf(stretched(rectOf(*di.bounds), along, side, d), *di.bounds);
    }
  }
  // Pools and lanes: along the stacking axis the crossed lanes grow and
  // those beyond moved above; across it the pool and all its lanes change
  // (PoolLanes clamps and tiles). Either way PoolLanes tiles them anew and
  // puts each flow node into the lane under it.
  for (const CrossedPool& pool : a.pools) {
    if (pool.stacking) {
      for (const std::string& id : pool.growing) {
        model::DiElement* shape = shapeOf(*plane, id);
        shape->bounds = boundsOf(stretched(rectOf(*shape->bounds), along, side, d), *shape->bounds);
      }
      model::DiElement* shape = shapeOf(*plane, pool.id);
      shape->bounds = boundsOf(stretched(rectOf(*shape->bounds), along, side, d), *shape->bounds);
    }
    auto lanes = PoolLanes::read(definitions, diagram, pool.id);
    if (!lanes.isOk()) return lanes.status();
    if (!pool.stacking) {
      if (Status status = lanes.value().resize(pool.id, stretched(pool.rect, along, side, d)); !status.isOk()) {
        return status;
      }
    }
    if (Status status = lanes.value().apply(definitions); !status.isOk()) return status;
    plane = planeOf(definitions, diagram);
  }

  // Connections: between two moved shapes they move; else the waypoints
  // beyond the line move, so the segments crossing it stretch. When an end
  // would then leave its shape, the bends are kept as a move keeps them,
  // or the connection is routed anew.
  auto beyondPoint = [&](const QPointF& p) { return after ? along.at(p) > line : along.at(p) < line; };
  for (auto& edge : plane->elements) {
    if (edge.kind != model::DiElement::Kind::kEdge) continue;
    auto was = routes.find(edge.id);
    if (was == routes.end()) continue;
    const QPolygonF original = was->second;
    auto ends = endsOf(definitions, edge.bpmnElement);
    const bool sourceMoved = ends && moved.count(ends->first);
    const bool targetMoved = ends && moved.count(ends->second);
    QPolygonF route = original;
    if (sourceMoved && targetMoved) {
      route.translate(by);
    } else {
      for (QPointF& point : route) {
        if (beyondPoint(point)) point += by;
      }
    }
    const model::DiElement* from = ends ? shapeOf(*plane, ends->first) : nullptr;
    const model::DiElement* to = ends ? shapeOf(*plane, ends->second) : nullptr;
    auto onShape = [](const model::DiElement* shape, const QPointF& point) {
      return !shape || !shape->bounds || rectOf(*shape->bounds).adjusted(-2, -2, 2, 2).contains(point);
    };
    if (!route.isEmpty() && (!onShape(from, route.front()) || !onShape(to, route.back())) && from && to &&
        from->bounds && to->bounds) {
      const QRectF source = rectOf(*from->bounds), target = rectOf(*to->bounds);
      const auto kept = keepBends(original, source, target, sourceMoved ? by : QPointF(), targetMoved ? by : QPointF());
      route = kept ? *kept : orthogonalRoute(source, target, isBoundary(definitions, ends->first));
    }
    edge.waypoints.clear();
    for (const QPointF& point : route) edge.waypoints.push_back({point.x(), point.y(), {}});
    if (edge.label && edge.label->bounds) {
      const QRectF label = rectOf(*edge.label->bounds);
      if ((sourceMoved && targetMoved) || (after ? along.s0(label) >= line : along.s1(label) <= line)) {
        shiftBounds(*edge.label->bounds, by);
      }
    }
  }
  return std::string();
}

}  // namespace bpmn::modeler

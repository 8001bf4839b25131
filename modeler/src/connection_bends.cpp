// Keeping a connection's bends (connection_bends.h).
#include "connection_bends.h"

#include <QLineF>
#include <cmath>

namespace bpmn::modeler {

namespace {

constexpr double kSame = 0.5;  // coordinates this close are the same

bool horizontal(const QPointF& a, const QPointF& b) { return std::abs(a.y() - b.y()) < kSame; }
bool vertical(const QPointF& a, const QPointF& b) { return std::abs(a.x() - b.x()) < kSame; }

bool orthogonal(const QPolygonF& line) {
  for (int i = 1; i < line.size(); ++i) {
    if (!horizontal(line[i - 1], line[i]) && !vertical(line[i - 1], line[i])) return false;
  }
  return true;
}

bool strictlyInside(const QRectF& rect, const QPointF& point) {
  return rect.adjusted(kSame, kSame, -kSame, -kSame).contains(point);
}

// Whether the segment from an end point on `shape` towards `next` leaves the
// shape straight away rather than crossing it or running along its border:
// one unit along, it is outside.
bool leaves(const QRectF& shape, const QPointF& end, const QPointF& next) {
  const QLineF segment(end, next);
  return !shape.adjusted(-kSame, -kSame, kSame, kSame).contains(segment.pointAt(1.0 / segment.length()));
}

// Without points repeating the one before (a segment shrunk to nothing).
QPolygonF withoutRepeats(const QPolygonF& line) {
  QPolygonF result;
  for (const QPointF& point : line) {
    if (result.isEmpty() || QLineF(result.back(), point).length() >= kSame) result << point;
  }
  return result;
}

// Moves the end point `end` by `by`; the bend `next` follows across the
// segment between them so that it keeps its direction.
void follow(QPolygonF& route, const QPolygonF& before, int end, int next, const QPointF& by) {
  if (by.isNull()) return;
  route[end] += by;
  if (horizontal(before[end], before[next])) {
    route[next].setY(route[end].y());
  } else if (vertical(before[end], before[next])) {
    route[next].setX(route[end].x());
  }
}

}  // namespace

std::optional<QPolygonF> keepBends(const QPolygonF& waypoints, const QRectF& source, const QRectF& target,
                                   const QPointF& sourceBy, const QPointF& targetBy) {
  int last = static_cast<int>(waypoints.size()) - 1;
  if (last < 2) return std::nullopt;
  QPolygonF route = waypoints;
  follow(route, waypoints, 0, 1, sourceBy);
  follow(route, waypoints, last, last - 1, targetBy);
  if (orthogonal(waypoints) && !orthogonal(route)) return std::nullopt;
  route = withoutRepeats(route);
  last = static_cast<int>(route.size()) - 1;
  if (last < 1) return std::nullopt;
  if (!leaves(source, route[0], route[1]) || !leaves(target, route[last], route[last - 1])) return std::nullopt;
  for (int i = 1; i < last; ++i) {
    if (strictlyInside(source, route[i]) || strictlyInside(target, route[i])) return std::nullopt;
  }
  return route;
}

}  // namespace bpmn::modeler

// Arranging a diagram: moving shapes (with what goes with them), resizing,
// dragging waypoints, aligning and distributing, and the orthogonal routes
// connections take. Pure functions on the model; the document wraps each in
// one undo step. GUI thread.
#pragma once

#include <QLineF>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

// The grid shapes snap to (bpmn.io's 10 units).
constexpr double kGrid = 10;
double snapToGrid(double value);

// An orthogonal route from `source` to `target` with its ends on their
// borders: out of the right side into the left side when the target lies
// to the right, out of the bottom into the top when below (and the other
// way round), around below both for a flow back to the left. A boundary
// event's flow leaves through its bottom.
QPolygonF orthogonalRoute(const QRectF& source, const QRectF& target, bool fromBottom = false);

// Moves shapes, each element by its own offset, with everything that goes
// with it: labels, boundary events of a moved activity, the content of an
// expanded sub-process or a pool. Connections between elements that moved
// alike move with them; the others are routed anew. A flow node (or text
// annotation) dropped into another pool or expanded sub-process joins it:
// sequence flows that would cross its new border are removed. Lanes take
// the flow nodes dropped into them. With `join` false nothing changes its
// container or lane (the content of lanes that shift with their pool's
// tiling, which bpmn.io never reparents).
Result<std::string> moveShapes(model::Definitions& definitions, int diagram,
                               const std::vector<std::pair<std::string, QPointF>>& moves, bool join = true);

// New bounds for a shape (activities, sub-processes, pools, lanes,
// annotations, groups; at least bpmn.io's minimum sizes): its boundary
// events stay on the same side at the same relative place, and its
// connections are routed anew. A pool with a process and its lanes keep
// tiling (PoolLanes::resize in lane_layout.h): a lane's edge shared with a
// sibling moves the sibling's edge, a lane's outer edge grows or shrinks
// the lanes around it and the pool, and the pool never gets smaller than
// its lanes and flow elements need (clamped).
Result<std::string> resizeShape(model::Definitions& definitions, int diagram, const std::string& elementId,
                                const QRectF& bounds);

// Routes every connection with an end among `ends` anew (orthogonally).
void rerouteConnections(model::Definitions& definitions, int diagram, const std::set<std::string>& ends);

// Puts the external label of an element (an event's, a gateway's, a
// flow's) at `bounds`, on its own: its host stays where it is.
Result<std::string> placeLabel(model::Definitions& definitions, int diagram, const std::string& elementId,
                               const QRectF& bounds);

// New waypoints for a connection (at least two).
Result<std::string> setWaypoints(model::Definitions& definitions, int diagram, const std::string& elementId,
                                 const QPolygonF& waypoints);

enum class Alignment { kLeft, kCenter, kRight, kTop, kMiddle, kBottom };
// Aligns the shapes of `ids` (at least two) on the selection's edge or
// centre line.
Result<std::string> alignShapes(model::Definitions& definitions, int diagram, const std::vector<std::string>& ids,
                                Alignment alignment);
// Spaces the shapes of `ids` (at least three) evenly between the two
// outermost, horizontally or vertically.
Result<std::string> distributeShapes(model::Definitions& definitions, int diagram, const std::vector<std::string>& ids,
                                     Qt::Orientation orientation);

}  // namespace bpmn::modeler

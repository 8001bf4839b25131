// bpmn.io's space tool: create or remove space by dragging. A drag from
// `start` by `delta` works along its main direction (horizontal when
// |dx| >= |dy|, else vertical): every shape wholly beyond the press line
// (right of it, or below it) moves by the drag distance, and the containers
// the line crosses (pools, lanes, expanded sub-processes, groups) grow or
// shrink on that side instead. A negative distance removes space: the shapes
// move back and the containers shrink, never below their minimum sizes nor
// their content (the distance is clamped for all alike, as in bpmn.io).
// With SpaceSide::kBefore (bpmn.io's primary modifier, Ctrl) the shapes
// before the line (left of it, or above it) move instead and containers
// change on that side. Labels and boundary events go with their shapes;
// connections move their waypoints beyond the line, so the segments that
// cross it stretch, or keep their bends (keepBends) or are routed anew when
// that would leave an end. Pools and their lanes stay tiled (PoolLanes).
// Pure functions on the model; the document wraps makeSpace in one undo
// step. GUI thread.
#pragma once

#include <QPointF>
#include <Qt>
#include <string>
#include <vector>

#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

enum class SpaceSide { kAfter, kBefore };

// What a drag would do: its axis, the press line, the (clamped) distance,
// the shapes that move and the containers that change size.
struct SpacePlan {
  Qt::Orientation axis = Qt::Horizontal;
  double line = 0;
  double delta = 0;
  SpaceSide side = SpaceSide::kAfter;
  std::vector<std::string> moving;
  std::vector<std::string> resizing;  // including crossed pools and lanes
};

// The plan of a drag (for the canvas's preview). InvalidArgument for a drag
// of no length or a diagram that does not exist, or when nothing can give
// up space there.
Result<SpacePlan> planSpace(model::Definitions& definitions, int diagram, const QPointF& start, const QPointF& delta,
                            SpaceSide side = SpaceSide::kAfter);

// Makes (or removes) the space of such a drag.
Result<std::string> makeSpace(model::Definitions& definitions, int diagram, const QPointF& start, const QPointF& delta,
                              SpaceSide side = SpaceSide::kAfter);

}  // namespace bpmn::modeler

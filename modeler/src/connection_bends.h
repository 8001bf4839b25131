// Keeping a connection's bends when its ends move (bpmn.io's behaviour): the
// end points move with their shapes and the bend next to a moved end slides
// along so that the segment between them stays horizontal or vertical; the
// user's other bends stay where they were. Pure geometry; GUI thread.
#pragma once

#include <QPolygonF>
#include <QRectF>
#include <optional>

namespace bpmn::modeler {

// `waypoints` after the source shape moved by `sourceBy` and the target by
// `targetBy` (either may be zero), `source` and `target` being where the
// shapes are now. Nothing when the connection has no bend of its own (two
// points) or when keeping the bends would run a segment back through an end
// shape or bend it out of the orthogonal: then it is routed anew.
std::optional<QPolygonF> keepBends(const QPolygonF& waypoints, const QRectF& source, const QRectF& target,
                                   const QPointF& sourceBy, const QPointF& targetBy);

}  // namespace bpmn::modeler

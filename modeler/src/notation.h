// The BPMN notation in the bpmn.io look: how each kind of element and flow
// is drawn into its DI bounds or along its waypoints (markers, event
// symbols, gateway symbols, arrowheads), and the DI colours. Pure
// functions of their arguments; GUI thread (QPainter).
#pragma once

#include <QColor>
#include <QPainter>
#include <QPolygonF>
#include <QRectF>

#include "bpmn/model/di.h"
#include "element_index.h"

namespace bpmn::modeler {

struct Style {
  QColor stroke = QColor(0x22, 0x24, 0x2a);
  QColor fill = Qt::white;
  QColor label = QColor(0x22, 0x24, 0x2a);
};

// bioc:stroke / bioc:fill (bpmn.io), else the OMG color: attributes.
Style styleOf(const model::DiElement& di);

// A shape: `info` may be null (an id the model does not know: a dashed box).
void paintShape(QPainter& painter, const ElementInfo* info, const model::DiElement& di, const QRectF& bounds,
                const Style& style);
void paintEdge(QPainter& painter, const ElementInfo* info, const QPolygonF& waypoints, const Style& style);
// The message a message flow carries, drawn halfway along it when its DI
// says messageVisibleKind: an envelope, white when initiating, grey when
// not (BPMN 2.0.2 §12.2.3.5).
void paintMessageMarker(QPainter& painter, const QPolygonF& waypoints, bool initiating, const Style& style);

// Whether the element's name is drawn outside its shape (events, gateways,
// data, flows) rather than inside (activities, pools, lanes, annotations).
bool hasExternalLabel(const ElementInfo* info);
// Where an external label goes without DI label bounds.
QRectF defaultLabelRect(const ElementInfo* info, const QRectF& bounds);
QRectF defaultLabelRect(const QPolygonF& waypoints);
void paintLabel(QPainter& painter, const QString& text, const QRectF& rect, const Style& style);

}  // namespace bpmn::modeler

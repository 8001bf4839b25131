// The BPMN notation in the bpmn.io look: how each kind of element and flow
// is drawn into its DI bounds or along its waypoints (markers, event
// symbols, gateway symbols, arrowheads), and the DI colours. Pure
// functions of their arguments; GUI thread (QPainter).
#pragma once

#include <QColor>
#include <QPainter>
#include <QPolygonF>
#include <QRectF>
#include <vector>

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

// One line of laid-out text and where its glyphs go (its natural width).
struct TextLine {
  QString text;
  QRectF rect;
};
// Text laid out the way bpmn.io lays out names: broken into lines at word
// boundaries, a word wider than `area` broken between characters, so no
// line is wider than the area; lines left-aligned or centred as
// `alignment` says, the block from the top or centred vertically (a long
// text may run past the area's top and bottom, never its sides).
std::vector<TextLine> layoutText(const QString& text, const QRectF& area, Qt::Alignment alignment);
// The lines of the name drawn inside a shape of `bounds` (activities,
// black-box pools, text annotations); none for other shapes.
std::vector<TextLine> shapeText(const ElementInfo* info, const model::DiElement& di, const QRectF& bounds);
// The lines of an external label at `rect` (its DI label bounds or
// default place): in a column as wide as the rect but at least bpmn.io's
// 90, centred on it, from its top.
std::vector<TextLine> labelText(const QString& text, const QRectF& rect);

// Whether the element's name is drawn outside its shape (events, gateways,
// data, flows) rather than inside (activities, pools, lanes, annotations).
bool hasExternalLabel(const ElementInfo* info);
// Where an external label goes without DI label bounds.
QRectF defaultLabelRect(const ElementInfo* info, const QRectF& bounds);
QRectF defaultLabelRect(const QPolygonF& waypoints);
void paintLabel(QPainter& painter, const QString& text, const QRectF& rect, const Style& style);

}  // namespace bpmn::modeler

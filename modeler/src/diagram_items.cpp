// The scene's items (diagram_items.h).
#include "diagram_items.h"

#include <QFontMetricsF>

namespace bpmn::modeler {

namespace {
constexpr double kMargin = 6;  // strokes and markers reach past the DI bounds
}

ShapeItem::ShapeItem(const model::DiElement& di, const ElementInfo* info)
    : diId_(QString::fromStdString(di.id)),
      elementId_(QString::fromStdString(di.bpmnElement)),
      di_(di),
      info_(info),
      style_(styleOf(di)) {
  if (di.bounds) bounds_ = QRectF(di.bounds->x, di.bounds->y, di.bounds->width, di.bounds->height);
  setData(0, diId_);
}

QRectF ShapeItem::boundingRect() const { return bounds_.adjusted(-kMargin, -kMargin, kMargin, kMargin); }

void ShapeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  paintShape(*painter, info_, di_, bounds_, style_);
}

EdgeItem::EdgeItem(const model::DiElement& di, const ElementInfo* info)
    : diId_(QString::fromStdString(di.id)), info_(info), style_(styleOf(di)) {
  for (const auto& point : di.waypoints) waypoints_ << QPointF(point.x, point.y);
  setData(0, diId_);
}

QRectF EdgeItem::boundingRect() const {
  return waypoints_.boundingRect().adjusted(-12, -12, 12, 12);
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  paintEdge(*painter, info_, waypoints_, style_);
}

LabelItem::LabelItem(QString text, const QRectF& rect, const Style& style)
    : text_(std::move(text)), rect_(rect), style_(style) {}

QRectF LabelItem::boundingRect() const { return rect_.adjusted(-60, -4, 60, 40); }

void LabelItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  paintLabel(*painter, text_, rect_, style_);
}

}  // namespace bpmn::modeler

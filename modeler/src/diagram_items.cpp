// The scene's items (diagram_items.h).
#include "diagram_items.h"

#include <QPainterPath>
#include <QPainterPathStroker>

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
    : diId_(QString::fromStdString(di.id)),
      elementId_(QString::fromStdString(di.bpmnElement)),
      info_(info),
      style_(styleOf(di)) {
  for (const auto& point : di.waypoints) waypoints_ << QPointF(point.x, point.y);
  messageVisibleKind_ = QString::fromStdString(di.messageVisibleKind);
  setData(0, diId_);
}

QRectF EdgeItem::boundingRect() const { return waypoints_.boundingRect().adjusted(-12, -12, 12, 12); }

QPainterPath EdgeItem::shape() const {
  QPainterPath line;
  line.addPolygon(waypoints_);
  QPainterPathStroker stroker;
  stroker.setWidth(8);
  return stroker.createStroke(line);
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  paintEdge(*painter, info_, waypoints_, style_);
  if (!messageVisibleKind_.isEmpty()) {
    paintMessageMarker(*painter, waypoints_, messageVisibleKind_ == "initiating", style_);
  }
}

MarkerItem::MarkerItem(const QRectF& host, bool error, const QString& messages)
    : at_(host.right() - 2, host.top() + 2), error_(error) {
  setToolTip(messages);
  setZValue(110);
}

QRectF MarkerItem::boundingRect() const { return QRectF(at_.x() - 9, at_.y() - 9, 18, 18); }

void MarkerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing);
  painter->setPen(QPen(Qt::white, 1.5));
  if (error_) {
    painter->setBrush(QColor(0xd0, 0x30, 0x30));
    painter->drawEllipse(at_, 8, 8);
  } else {
    painter->setBrush(QColor(0xe8, 0xa0, 0x10));
    painter->drawPolygon(QPolygonF(
        {QPointF(at_.x(), at_.y() - 9), QPointF(at_.x() + 9, at_.y() + 7), QPointF(at_.x() - 9, at_.y() + 7)}));
  }
  painter->setPen(QPen(Qt::white, 2));
  painter->drawLine(QPointF(at_.x(), at_.y() - 4), QPointF(at_.x(), at_.y() + 1));
  painter->drawPoint(QPointF(at_.x(), at_.y() + 4));
}

LabelItem::LabelItem(QString elementId, QString text, const QRectF& rect, const Style& style)
    : elementId_(std::move(elementId)), text_(std::move(text)), rect_(rect), style_(style) {}

QRectF LabelItem::textRect() const {
  const std::vector<TextLine> lines = labelText(text_, rect_);
  // No line (a name of white space only): the label's own rect, not an
  // empty rect at the scene's origin.
  if (lines.empty()) return rect_;
  QRectF text;
  for (const TextLine& line : lines) text = text.united(line.rect);
  return text.adjusted(-2, -2, 2, 2);
}

QRectF LabelItem::boundingRect() const { return textRect().united(rect_).adjusted(-4, -4, 4, 4); }

void LabelItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  paintLabel(*painter, text_, rect_, style_);
}

}  // namespace bpmn::modeler

// The scene's items: one per DI shape or edge, placed at its DI bounds or
// waypoints (geometry comes from the DI, never from boundingRect), and one
// per external label. They paint through notation.h and hold no model
// state of their own. GUI thread.
#pragma once

#include <QGraphicsItem>

#include "bpmn/model/di.h"
#include "element_index.h"
#include "notation.h"

namespace bpmn::modeler {

class ShapeItem final : public QGraphicsItem {
 public:
  ShapeItem(const model::DiElement& di, const ElementInfo* info);
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  // The DI bounds, in scene coordinates.
  QRectF bounds() const { return bounds_; }
  const QString& diId() const { return diId_; }
  const QString& elementId() const { return elementId_; }

 private:
  QRectF bounds_;
  QString diId_, elementId_;
  const model::DiElement& di_;
  const ElementInfo* info_;
  Style style_;
};

class EdgeItem final : public QGraphicsItem {
 public:
  EdgeItem(const model::DiElement& di, const ElementInfo* info);
  QRectF boundingRect() const override;
  // Hits within a few pixels of the line only.
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  const QPolygonF& waypoints() const { return waypoints_; }
  const QString& diId() const { return diId_; }
  const QString& elementId() const { return elementId_; }

 private:
  QPolygonF waypoints_;
  QString diId_, elementId_;
  QString messageVisibleKind_;  // "initiating", "non_initiating" or none
  const ElementInfo* info_;
  Style style_;
};

// A validation finding on a shape (an overlay: above everything, never
// part of the document): a red disc for an error, an amber triangle for a
// warning, its messages as the tooltip.
class MarkerItem final : public QGraphicsItem {
 public:
  MarkerItem(const QRectF& host, bool error, const QString& messages);
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  bool isError() const { return error_; }

 private:
  QPointF at_;
  bool error_;
};

// An external label (events, gateways, data, flows, groups) at its DI
// label bounds, or where bpmn.io puts it when the DI has none.
class LabelItem final : public QGraphicsItem {
 public:
  LabelItem(QString elementId, QString text, const QRectF& rect, const Style& style);
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  const QString& elementId() const { return elementId_; }
  // Where the text is laid out, in scene coordinates.
  const QRectF& rect() const { return rect_; }
  // The part of rect() the text covers (what a click hits).
  QRectF textRect() const;

 private:
  QString elementId_;
  QString text_;
  QRectF rect_;
  Style style_;
};

}  // namespace bpmn::modeler

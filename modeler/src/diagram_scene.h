// DiagramScene: one diagram of a document as graphics items, rebuilt when
// the document changes: pools and lanes at the back, then shapes in DI
// order, edges above them, labels on top. Overlays (validation markers,
// live tokens) go above z 100 and are never part of the document.
// GUI thread.
#pragma once

#include <QGraphicsScene>
#include <QSet>
#include <memory>

#include "bpmn_document.h"
#include "element_index.h"

namespace bpmn::modeler {

class DiagramScene final : public QGraphicsScene {
  Q_OBJECT

 public:
  // `overlays`: validation markers (the window); off for exports.
  DiagramScene(BpmnDocument& document, int diagram, bool overlays = true, QObject* parent = nullptr);
  int diagram() const { return diagram_; }
  // The DI bounds of everything drawn, with a margin.
  QRectF diagramRect() const;
  // The shape drawing a model element, if this diagram has one.
  const class ShapeItem* shapeOf(const QString& elementId) const;
  // Draws only these elements (a selection export); empty: all.
  void showOnly(const QStringList& elementIds);

 public slots:
  void rebuild();

 private:
  void addMarkers();

  BpmnDocument& document_;
  int diagram_;
  bool overlays_;
  std::unique_ptr<ElementIndex> index_;
  QSet<QString> only_;
};

}  // namespace bpmn::modeler

// DiagramScene (diagram_scene.h).
#include "diagram_scene.h"

#include <cmath>

#include "diagram_items.h"

namespace bpmn::modeler {

DiagramScene::DiagramScene(BpmnDocument& document, int diagram, bool overlays, QObject* parent)
    : QGraphicsScene(parent), document_(document), diagram_(diagram), overlays_(overlays) {
  connect(&document_, &BpmnDocument::changed, this, &DiagramScene::rebuild);
  rebuild();
}

void DiagramScene::rebuild() {
  clear();
  index_ = std::make_unique<ElementIndex>(document_.definitions());
  const auto& diagrams = document_.definitions().diagrams;
  if (diagram_ < 0 || diagram_ >= static_cast<int>(diagrams.size())) return;
  double order = 0;
  for (const auto& di : diagrams[static_cast<std::size_t>(diagram_)].plane.elements) {
    if (!only_.isEmpty() && !only_.contains(QString::fromStdString(di.bpmnElement))) continue;
    const ElementInfo* info = index_->find(di.bpmnElement);
    order += 0.0001;  // later DI elements draw over earlier ones of their layer
    if (di.kind == model::DiElement::Kind::kShape) {
      if (!di.bounds) continue;
      auto* item = new ShapeItem(di, info);
      const bool container = info && (info->category == ElementInfo::Category::kParticipant ||
                                      info->category == ElementInfo::Category::kLane);
      const bool group = info && info->category == ElementInfo::Category::kGroup;
      // An expanded activity lies under what it contains, the larger
      // ones under the smaller (containment follows area).
      const bool expanded =
          info && info->element && model::isActivity(info->element->kind) && di.isExpanded.value_or(false);
      const double area = di.bounds->width * di.bounds->height;
      item->setZValue((container ? 0 : group ? 40 : expanded ? 9 - std::log10(1 + area) : 10) + order);
      addItem(item);
    } else {
      auto* item = new EdgeItem(di, info);
      item->setZValue(50 + order);
      addItem(item);
    }
    if (!hasExternalLabel(info) || !info || info->name.isEmpty()) continue;
    QRectF rect;
    if (di.label && di.label->bounds) {
      rect = QRectF(di.label->bounds->x, di.label->bounds->y, di.label->bounds->width, di.label->bounds->height);
    } else if (di.kind == model::DiElement::Kind::kShape) {
      rect = defaultLabelRect(info, QRectF(di.bounds->x, di.bounds->y, di.bounds->width, di.bounds->height));
    } else {
      QPolygonF waypoints;
      for (const auto& point : di.waypoints) waypoints << QPointF(point.x, point.y);
      rect = defaultLabelRect(waypoints);
    }
    auto* label = new LabelItem(QString::fromStdString(di.bpmnElement), info->name, rect, styleOf(di));
    label->setZValue(90 + order);
    addItem(label);
  }
  if (overlays_) addMarkers();
  setSceneRect(diagramRect());
}

void DiagramScene::addMarkers() {
  // Findings by element id, errors first.
  QHash<QString, QStringList> messages;
  QHash<QString, bool> errors;
  for (const auto& diagnostic : document_.diagnostics()) {
    if (diagnostic.elementId.empty()) continue;
    const QString id = QString::fromStdString(diagnostic.elementId);
    messages[id] << QString::fromStdString(diagnostic.message);
    errors[id] = errors.value(id) || diagnostic.severity == Severity::kError;
  }
  const auto items = this->items();
  for (QGraphicsItem* item : items) {
    auto* shape = dynamic_cast<ShapeItem*>(item);
    if (!shape || !messages.contains(shape->elementId())) continue;
    addItem(new MarkerItem(shape->bounds(), errors.value(shape->elementId()),
                           messages.value(shape->elementId()).join("\n")));
  }
}

void DiagramScene::showOnly(const QStringList& elementIds) {
  only_ = QSet<QString>(elementIds.begin(), elementIds.end());
  rebuild();
}

const ShapeItem* DiagramScene::shapeOf(const QString& elementId) const {
  for (QGraphicsItem* item : items()) {
    auto* shape = dynamic_cast<ShapeItem*>(item);
    if (shape && shape->elementId() == elementId) return shape;
  }
  return nullptr;
}

QRectF DiagramScene::diagramRect() const {
  QRectF rect;
  for (const QGraphicsItem* item : items()) rect = rect.united(item->sceneBoundingRect());
  return rect.adjusted(-20, -20, 20, 20);
}

}  // namespace bpmn::modeler

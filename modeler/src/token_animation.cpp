// Tokens travelling along taken flows (token_animation.h).
#include "token_animation.h"

#include <QBrush>
#include <QGraphicsEllipseItem>
#include <QPainterPath>
#include <QPen>
#include <algorithm>
#include <map>

#include "diagram_items.h"

namespace bpmn::modeler {

TokenAnimation::TokenAnimation(QObject* parent) : QObject(parent) {}

int TokenAnimation::durationMillis(double length) {
  // About 1.5 units per millisecond, within what the eye follows.
  return std::clamp(static_cast<int>(length / 1.5), 150, 600);
}

void TokenAnimation::setPaused(bool paused) {
  paused_ = paused;
  for (const Dot& dot : dots_) {
    if (paused)
      dot.animation->pause();
    else
      dot.animation->resume();
  }
}

void TokenAnimation::finish(QVariantAnimation* animation) {
  auto found = std::find_if(dots_.begin(), dots_.end(), [&](const Dot& dot) { return dot.animation == animation; });
  if (found == dots_.end()) return;
  found->scene->removeItem(found->item);
  delete found->item;
  animation->deleteLater();
  dots_.erase(found);
}

void TokenAnimation::stop() {
  // stop() does not emit finished: each dot goes here.
  while (!dots_.empty()) {
    QVariantAnimation* animation = dots_.back().animation;
    animation->stop();
    finish(animation);
  }
}

int TokenAnimation::play(QGraphicsScene& scene, const std::vector<HistoryRecord>& records) {
  if (speed_ == Speed::kInstant) return 0;
  std::map<QString, const EdgeItem*> edges;
  for (QGraphicsItem* item : scene.items()) {
    if (const auto* edge = dynamic_cast<const EdgeItem*>(item)) edges[edge->elementId()] = edge;
  }
  std::vector<QPolygonF> paths;
  for (const auto& record : records) {
    if (record.kind != RecordKind::kFlowTaken) continue;
    auto found = edges.find(QString::fromStdString(record.elementId));
    if (found != edges.end() && found->second->waypoints().size() > 1) paths.push_back(found->second->waypoints());
  }
  if (paths.empty() || static_cast<int>(paths.size()) + running() > kMaxDots) return 0;
  const double factor = speed_ == Speed::kHalf ? 2.0 : speed_ == Speed::kDouble ? 0.5 : 1.0;
  std::map<std::pair<qreal, qreal>, int> startedAt;  // tokens leaving one point at once go side by side
  for (const QPolygonF& waypoints : paths) {
    QPainterPath path;
    path.addPolygon(waypoints);
    const int side = startedAt[{waypoints.front().x(), waypoints.front().y()}]++;
    const QPointF offset(0, side * 7.0 * (side % 2 ? 1 : -1));
    auto* dot = new QGraphicsEllipseItem(QRectF(-5, -5, 10, 10));
    dot->setBrush(QColor(0x34, 0x7a, 0xe2));
    dot->setPen(QPen(Qt::white, 1.5));
    dot->setZValue(170);
    dot->setPos(waypoints.front() + offset);
    scene.addItem(dot);
    auto* animation = new QVariantAnimation(this);
    animation->setStartValue(0.0);
    animation->setEndValue(1.0);
    animation->setDuration(static_cast<int>(durationMillis(path.length()) * factor));
    connect(animation, &QVariantAnimation::valueChanged, animation, [dot, path, offset](const QVariant& value) {
      dot->setPos(path.pointAtPercent(value.toDouble()) + offset);
    });
    connect(animation, &QVariantAnimation::finished, this, [this, animation] { finish(animation); });
    dots_.push_back({animation, dot, &scene});
    animation->start();
    if (paused_) animation->pause();
  }
  started_ += static_cast<int>(paths.size());
  return static_cast<int>(paths.size());
}

}  // namespace bpmn::modeler

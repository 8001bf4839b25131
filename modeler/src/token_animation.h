// Tokens travelling in the Monitor (issue 15, item 4): for each sequence
// flow a new history record says was taken, a dot runs along the flow's
// waypoints on the scene, at a speed from the path's length (150-600 ms at
// 1x), tokens taking flows at once side by side. Speeds 0.5x, 1x, 2x,
// instant (no dots) and pause. A burst of more flows than can be shown
// (more than kMaxDots at once) is not animated: the overlays' counters say
// it, and the view never lags behind the file. Not thread-safe.
#pragma once

#include <QGraphicsScene>
#include <QObject>
#include <QPolygonF>
#include <QVariantAnimation>
#include <vector>

#include "bpmn/history.h"

namespace bpmn::modeler {

class TokenAnimation final : public QObject {
  Q_OBJECT

 public:
  static constexpr int kMaxDots = 200;
  enum class Speed { kHalf, kNormal, kDouble, kInstant };

  explicit TokenAnimation(QObject* parent = nullptr);
  // Runs a dot for each flow taken among `records` over `scene`'s edges;
  // returns how many started.
  int play(QGraphicsScene& scene, const std::vector<HistoryRecord>& records);
  void setSpeed(Speed speed) { speed_ = speed; }
  Speed speed() const { return speed_; }
  void setPaused(bool paused);
  bool paused() const { return paused_; }
  // Dots started since construction (tests and the status bar).
  int started() const { return started_; }
  // Dots on their way now.
  int running() const { return static_cast<int>(dots_.size()); }
  // Removes every dot (the scene is about to go).
  void stop();

  // The time a dot takes over a path this long at 1x.
  static int durationMillis(double length);

 private:
  struct Dot {
    QVariantAnimation* animation;
    QGraphicsItem* item;
    QGraphicsScene* scene;
  };
  void finish(QVariantAnimation* animation);

  Speed speed_ = Speed::kNormal;
  bool paused_ = false;
  int started_ = 0;
  std::vector<Dot> dots_;
};

}  // namespace bpmn::modeler

// An instance drawn with the Monitor's overlays (instance_picture.h).
#include "instance_picture.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>
#include <QGraphicsEllipseItem>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <algorithm>

#include "bpmn/layout.h"
#include "diagram_items.h"
#include "exporter.h"

namespace bpmn::modeler {

namespace {

constexpr int kOverlayKey = 7;  // QGraphicsItem::data key marking overlay items
constexpr double kOverlayZ = 150;

const QColor kTokenColour(0x34, 0x7a, 0xe2);
const QColor kWaitColour(0x1f, 0x3a, 0x68);
const QColor kIncidentColour(0xcc, 0x33, 0x33);
const QColor kPathColour(0x52, 0xb4, 0x15);

// The diagram that draws `processId`: its own plane, else the
// collaboration's that has its pool; else the first.
int diagramOf(const model::Definitions& definitions, const std::string& processId) {
  for (std::size_t i = 0; i < definitions.diagrams.size(); ++i) {
    const std::string& drawn = definitions.diagrams[i].plane.bpmnElement;
    if (drawn == processId) return static_cast<int>(i);
    for (const auto* collaboration : definitions.collaborations()) {
      if (collaboration->id != drawn) continue;
      for (const auto& participant : collaboration->participants) {
        if (model::localRef(participant.processRef) == processId) return static_cast<int>(i);
      }
    }
  }
  return 0;
}

QFont overlayFont(bool bold = false) {
  QFont font("DejaVu Sans");
  font.setPixelSize(10);
  font.setBold(bold);
  return font;
}

template <typename Item>
Item* mark(QGraphicsScene& scene, Item* item) {
  item->setData(kOverlayKey, true);
  item->setZValue(kOverlayZ);
  scene.addItem(item);
  return item;
}

QGraphicsSimpleTextItem* text(QGraphicsScene& scene, const QString& content, const QColor& colour, bool bold = false) {
  auto* item = mark(scene, new QGraphicsSimpleTextItem(content));
  item->setFont(overlayFont(bold));
  item->setBrush(colour);
  return item;
}

// A filled circle with a number in it, centred at `centre`.
void badge(QGraphicsScene& scene, const QPointF& centre, int count, const QColor& colour, const QString& tip) {
  auto* circle = mark(scene, new QGraphicsEllipseItem(QRectF(centre - QPointF(9, 9), QSizeF(18, 18))));
  circle->setBrush(colour);
  circle->setPen(QPen(Qt::white, 1.5));
  circle->setToolTip(tip);
  auto* number = text(scene, QString::number(count), Qt::white, true);
  number->setPos(centre - number->boundingRect().center());
}

// Texts stay readable over lines and labels: a light plate behind each
// overlay text (badge numbers have their circle).
void addPlates(QGraphicsScene& scene) {
  for (QGraphicsItem* item : scene.items()) {
    auto* line = dynamic_cast<QGraphicsSimpleTextItem*>(item);
    if (!line || !line->data(kOverlayKey).toBool() || line->brush().color() == Qt::white) continue;
    auto* plate = mark(scene, new QGraphicsRectItem(line->sceneBoundingRect().adjusted(-2, 0, 2, 0)));
    plate->setBrush(QColor(255, 255, 255, 220));
    plate->setPen(Qt::NoPen);
    plate->setZValue(kOverlayZ - 0.5);
  }
}

}  // namespace

Result<DeployedDiagram> deployedDiagram(const storage::SqliteStore& store, const std::string& processId, int version) {
  auto deployments = store.deployments();
  if (!deployments.isOk()) return deployments.status();
  const DeploymentRecord* deployment = nullptr;
  for (const auto& record : deployments.value()) {
    if (record.processId == processId &&
        (version ? record.version == version : !deployment || record.version > deployment->version)) {
      deployment = &record;
    }
  }
  if (!deployment) {
    return Status::notFound(store.path() + ": " + processId +
                            (version ? " version " + std::to_string(version) : std::string()) + " is not deployed");
  }
  DeployedDiagram deployed;
  deployed.version = deployment->version;
  deployed.document = std::make_unique<BpmnDocument>();
  const QString name = QString::fromStdString(deployment->resourceName.empty() ? deployment->processId + ".bpmn"
                                                                               : deployment->resourceName);
  if (Status opened = deployed.document->openBytes(QByteArray::fromStdString(deployment->source), name);
      !opened.isOk()) {
    return Status::damaged(store.path() + ": the deployment of " + deployment->processId + " version " +
                           std::to_string(deployment->version) + " no longer reads: " + opened.message());
  }
  if (needsLayout(deployed.document->definitions())) {
    auto laidOut = deployed.document->change("Lay out", [](model::Definitions& definitions) -> Result<std::string> {
      if (Status status = layoutDiagrams(definitions); !status.isOk()) return status;
      return std::string();
    });
    if (!laidOut.isOk()) return laidOut.status();
  }
  deployed.diagram = diagramOf(deployed.document->definitions(), processId);
  return deployed;
}

Result<InstancePicture> readInstancePicture(const storage::SqliteStore& store, std::uint64_t key,
                                            std::int64_t nowMillis) {
  auto loaded = store.loadInstance(key);
  if (!loaded.isOk()) return loaded.status();
  if (!loaded.value()) return Status::notFound(store.path() + ": no process instance " + std::to_string(key));
  InstancePicture picture;
  picture.instance = std::move(*loaded.value());
  auto deployed = deployedDiagram(store, picture.instance.processId, picture.instance.version);
  if (!deployed.isOk()) {
    // The instance names a version the file does not hold: damage.
    if (deployed.status().code() == StatusCode::kNotFound) {
      return Status::damaged(store.path() + ": instance " + std::to_string(key) + " names " +
                             picture.instance.processId + " version " + std::to_string(picture.instance.version) +
                             ", which is not deployed");
    }
    return deployed.status();
  }
  picture.document = std::move(deployed.value().document);
  picture.diagram = deployed.value().diagram;
  if (Status updated = updateInstancePicture(store, picture, nowMillis); !updated.isOk()) return updated;
  return picture;
}

Status updateInstancePicture(const storage::SqliteStore& store, InstancePicture& picture, std::int64_t nowMillis,
                             std::vector<HistoryRecord>* fresh) {
  const std::uint64_t key = picture.instance.key;
  auto loaded = store.loadInstance(key);
  if (!loaded.isOk()) return loaded.status();
  if (!loaded.value()) return Status::notFound(store.path() + ": no process instance " + std::to_string(key));
  picture.instance = std::move(*loaded.value());
  // Only what is new: the instance's records after the last one held.
  const std::uint64_t last = picture.history.empty() ? 0 : picture.history.back().sequence;
  auto history = store.instanceHistory(key, last);
  if (!history.isOk()) return history.status();
  if (fresh) *fresh = history.value();
  picture.history.insert(picture.history.end(), history.value().begin(), history.value().end());
  picture.overlay = instanceOverlay(picture.instance, picture.history, nowMillis);
  return Status::ok();
}

void clearOverlays(QGraphicsScene& scene) {
  for (QGraphicsItem* item : scene.items()) {
    if (item->data(kOverlayKey).toBool()) {
      scene.removeItem(item);
      delete item;
    }
  }
}

void addOverlays(DiagramScene& scene, const InstanceOverlay& overlay) {
  clearOverlays(scene);
  // Flows taken: a green line over the flow, with the count at its middle.
  for (QGraphicsItem* item : scene.items()) {
    auto* edge = dynamic_cast<EdgeItem*>(item);
    if (!edge) continue;
    const auto taken = overlay.flowsTaken.find(edge->elementId().toStdString());
    if (taken == overlay.flowsTaken.end()) continue;
    QPainterPath path;
    path.addPolygon(edge->waypoints());
    auto* line = mark(scene, new QGraphicsPathItem(path));
    line->setPen(QPen(kPathColour, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    line->setOpacity(0.6);
    line->setZValue(kOverlayZ - 1);
    if (taken->second > 1) {
      const QPolygonF& points = edge->waypoints();
      const QPointF middle =
          points.size() > 1 ? (points[points.size() / 2 - 1] + points[points.size() / 2]) / 2 : points.value(0);
      text(scene, QString("%1x").arg(taken->second), kPathColour, true)->setPos(middle + QPointF(4, -14));
    }
  }
  for (const auto& [id, element] : overlay.elements) {
    const ShapeItem* shape = scene.shapeOf(QString::fromStdString(id));
    if (!shape) continue;
    const QRectF bounds = shape->bounds();
    if (element.completed > 0 && element.tokens == 0) {
      text(scene, QString("\u2713 %1").arg(element.completed), kPathColour, true)
          ->setPos(bounds.bottomRight() + QPointF(-6, -8));
    }
    if (element.tokens > 0) {
      badge(scene, bounds.bottomLeft() + QPointF(2, -2), element.tokens, kTokenColour,
            QString("%1 token%2 here").arg(element.tokens).arg(element.tokens == 1 ? "" : "s"));
    }
    double y = bounds.bottom() + 4;
    for (const auto& wait : element.waits) {
      auto* line = text(scene, QString::fromStdString(wait.text), kWaitColour, true);
      line->setToolTip(QString::fromStdString(wait.detail));
      line->setPos(bounds.center().x() - line->boundingRect().width() / 2, y);
      y += line->boundingRect().height();
      if (!wait.detail.empty()) {
        auto* detail = text(scene, QString::fromStdString(wait.detail), kWaitColour);
        detail->setPos(bounds.center().x() - detail->boundingRect().width() / 2, y);
        y += detail->boundingRect().height();
      }
    }
    if (!element.incidents.empty()) {
      badge(scene, bounds.topRight() + QPointF(-2, 2), static_cast<int>(element.incidents.size()), kIncidentColour,
            QString("%1 open incident%2").arg(element.incidents.size()).arg(element.incidents.size() == 1 ? "" : "s"));
      for (const auto& incident : element.incidents) {
        auto* line =
            text(scene, QString("incident %1: %2").arg(incident.key).arg(QString::fromStdString(incident.message)),
                 kIncidentColour, true);
        line->setPos(bounds.center().x() - line->boundingRect().width() / 2, y);
        y += line->boundingRect().height();
      }
    }
  }
  addPlates(scene);
}

QString durationText(std::int64_t millis) {
  if (millis < 1000) return QString("%1 ms").arg(millis);
  if (millis < 60'000) return QString("%1 s").arg(static_cast<double>(millis) / 1000, 0, 'f', 1);
  const std::int64_t seconds = millis / 1000;
  if (seconds < 3600) return QString("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
  return QString("%1 h %2 min").arg(seconds / 3600).arg(seconds / 60 % 60);
}

void addHeatmap(DiagramScene& scene, const storage::Heatmap& heatmap) {
  clearOverlays(scene);
  std::uint64_t busiest = 1;
  for (const auto& element : heatmap.elements) busiest = std::max(busiest, element.activated);
  for (const auto& flow : heatmap.flows) busiest = std::max(busiest, flow.taken);
  // Cool to warm: from a pale yellow to red with the share of the busiest.
  auto heat = [&](std::uint64_t count, int alpha) {
    const double share = static_cast<double>(count) / static_cast<double>(busiest);
    return QColor::fromHsvF(0.16 * (1 - share), 0.35 + 0.6 * share, 1.0, alpha / 255.0);
  };
  for (QGraphicsItem* item : scene.items()) {
    auto* edge = dynamic_cast<EdgeItem*>(item);
    if (!edge) continue;
    const auto found = std::find_if(heatmap.flows.begin(), heatmap.flows.end(), [&](const storage::FlowHeat& flow) {
      return QString::fromStdString(flow.flowId) == edge->elementId();
    });
    if (found == heatmap.flows.end()) continue;
    QPainterPath path;
    path.addPolygon(edge->waypoints());
    auto* line = mark(scene, new QGraphicsPathItem(path));
    line->setPen(QPen(heat(found->taken, 200), 5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    line->setZValue(kOverlayZ - 1);
    const QPolygonF& points = edge->waypoints();
    const QPointF middle = (points[points.size() / 2 - 1] + points[points.size() / 2]) / 2;
    text(scene, QString("%1x").arg(found->taken), kWaitColour, true)->setPos(middle + QPointF(4, -14));
  }
  for (const auto& element : heatmap.elements) {
    const ShapeItem* shape = scene.shapeOf(QString::fromStdString(element.elementId));
    if (!shape || element.activated == 0) continue;
    const QRectF bounds = shape->bounds();
    auto* glow = mark(scene, new QGraphicsRectItem(bounds.adjusted(-4, -4, 4, 4)));
    glow->setBrush(heat(element.activated, 110));
    glow->setPen(Qt::NoPen);
    glow->setZValue(kOverlayZ - 2);
    QString numbers = QString("%1x").arg(element.activated);
    if (element.completed > 0 && element.p95Millis > 0) {
      numbers += QString(" · p50 %1 · p95 %2").arg(durationText(element.p50Millis), durationText(element.p95Millis));
    }
    auto* line = text(scene, numbers, kWaitColour, true);
    // Events and gateways have their label below: the numbers go above.
    const bool small = bounds.width() < 60;
    const double lines = element.incidents > 0 ? 2 : 1;
    line->setPos(bounds.center().x() - line->boundingRect().width() / 2,
                 small ? bounds.top() - 4 - lines * line->boundingRect().height() : bounds.bottom() + 4);
    if (element.incidents > 0) {
      badge(scene, bounds.topRight() + QPointF(-2, 2), static_cast<int>(element.incidents), kIncidentColour,
            QString("%1 incidents raised here").arg(element.incidents));
      auto* incidents =
          text(scene, QString("%1 incident%2").arg(element.incidents).arg(element.incidents == 1 ? "" : "s"),
               kIncidentColour, true);
      incidents->setPos(bounds.center().x() - incidents->boundingRect().width() / 2,
                        line->pos().y() + line->boundingRect().height());
    }
  }
  addPlates(scene);
}

Status exportHeatmap(const QString& workspace, const std::string& processId, int version, const QString& out) {
  storage::SqliteOptions options{workspace.toStdString()};
  options.readOnly = true;
  auto store = storage::SqliteStore::open(options);
  if (!store.isOk()) return Status::invalidArgument(store.status().message());
  auto deployed = deployedDiagram(*store.value(), processId, version);
  if (!deployed.isOk()) return deployed.status();
  storage::InstanceFilter filter;
  filter.processId = processId;
  filter.version = deployed.value().version;
  auto heatmap = store.value()->heatmap(filter);
  if (!heatmap.isOk()) return heatmap.status();
  DiagramScene scene(*deployed.value().document, deployed.value().diagram, false);
  addHeatmap(scene, heatmap.value());
  return renderScene(scene, scene.itemsBoundingRect().adjusted(-10, -10, 10, 10), out, 2.0,
                     QString("%1 version %2: heatmap of %3 instances")
                         .arg(QString::fromStdString(processId))
                         .arg(deployed.value().version)
                         .arg(heatmap.value().instances),
                     "Heatmap of " + workspace + " (bpmn-modeler --watch --heatmap)");
}

Status exportInstance(const QString& workspace, std::uint64_t key, const QString& out) {
  storage::SqliteOptions options{workspace.toStdString()};
  options.readOnly = true;
  auto store = storage::SqliteStore::open(options);
  if (!store.isOk()) return Status::invalidArgument(store.status().message());
  auto picture = readInstancePicture(*store.value(), key, QDateTime::currentMSecsSinceEpoch());
  if (!picture.isOk()) return picture.status();
  DiagramScene scene(*picture.value().document, picture.value().diagram, false);
  addOverlays(scene, picture.value().overlay);
  const InstanceSnapshot& instance = picture.value().instance;
  return renderScene(scene, scene.itemsBoundingRect().adjusted(-10, -10, 10, 10), out, 2.0,
                     QString("%1 instance %2").arg(QString::fromStdString(instance.processId)).arg(instance.key),
                     "Instance " + QString::number(instance.key) + " of " + workspace + " (bpmn-modeler --watch)");
}

}  // namespace bpmn::modeler

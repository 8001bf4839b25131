// DiagramView (diagram_view.h).
#include "diagram_view.h"

#include <QApplication>
#include <QGraphicsRectItem>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

#include "diagram_items.h"
#include "diagram_scene.h"
#include "model_access.h"
#include "palette.h"
#include "properties.h"
#include "space_tool.h"

namespace bpmn::modeler {

namespace {

// Keys of the data an overlay item carries, so a click finds what it is.
constexpr int kRoleKey = 1;   // "handle", "waypoint", "segment", "pad"
constexpr int kValueKey = 2;  // the handle's index or the pad entry's name
// Preview items of a connect gesture ("connect-line", "connect-target"),
// kept apart from kRoleKey so a click never takes them for handles.
constexpr int kPreviewKey = 3;

const QColor kSelectionColor(0x34, 0x7a, 0xe2);

// A square handle (resize corners, waypoints) or a small diamond (segment
// middles), above everything.
class HandleItem final : public QGraphicsItem {
 public:
  HandleItem(const QPointF& at, const QString& role, int index) : at_(at), role_(role) {
    setData(kRoleKey, role);
    setData(kValueKey, index);
    setZValue(120);
    setCursor(role == "handle" ? ((index == 0 || index == 3) ? Qt::SizeFDiagCursor : Qt::SizeBDiagCursor)
                               : Qt::SizeAllCursor);
  }
  QRectF boundingRect() const override { return QRectF(at_.x() - 6, at_.y() - 6, 12, 12); }
  void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override {
    painter->setPen(QPen(kSelectionColor, 1));
    painter->setBrush(Qt::white);
    if (role_ == "segment") {
      painter->drawEllipse(at_, 4, 4);
    } else {
      painter->drawRect(QRectF(at_.x() - 4, at_.y() - 4, 8, 8));
    }
  }

 private:
  QPointF at_;
  QString role_;
};

// The icon of a lane entry of the context pad ("lane-insert-above",
// "lane-insert-below", "lane-divide-two", "lane-divide-three"): a pool
// with its band and lanes, the new lane filled; drawn for a horizontal
// pool and mirrored across the diagonal for a vertical one.
QPixmap laneIcon(const QString& entry, bool horizontal) {
  QPixmap pixmap(40, 40);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  if (!horizontal) painter.setTransform(QTransform(0, 1, 1, 0, 0, 0));
  const QColor ink(0x22, 0x24, 0x2a);
  const QColor fresh(0x34, 0x7a, 0xe2, 170);
  painter.setPen(QPen(ink, 2.5));
  painter.setBrush(Qt::NoBrush);
  if (entry.startsWith("lane-insert-")) {
    const bool above = entry == "lane-insert-above";
    const QRectF pool(4, 6, 32, 28);
    const QRectF added = above ? QRectF(12, 6, 24, 10) : QRectF(12, 24, 24, 10);
    painter.fillRect(added, fresh);
    painter.drawRect(pool);
    painter.drawLine(QPointF(12, 6), QPointF(12, 34));
    painter.drawLine(QPointF(12, above ? 16 : 24), QPointF(36, above ? 16 : 24));
  } else {
    const int parts = entry == "lane-divide-three" ? 3 : 2;
    const QRectF pool(4, 6, 32, 28);
    painter.drawRect(pool);
    painter.drawLine(QPointF(12, 6), QPointF(12, 34));
    painter.setPen(QPen(QColor(0x34, 0x7a, 0xe2), 3));
    for (int i = 1; i < parts; ++i) {
      const double y = pool.top() + pool.height() * i / parts;
      painter.drawLine(QPointF(12, y), QPointF(36, y));
    }
  }
  return pixmap;
}

// An entry of the context pad: an icon in a 24 px box.
class PadItem final : public QGraphicsItem {
 public:
  PadItem(const QPointF& topLeft, const QString& entry, QPixmap icon, const QString& glyph, const QString& tip)
      : rect_(topLeft, QSizeF(24, 24)), icon_(std::move(icon)), glyph_(glyph) {
    setData(kRoleKey, QString("pad"));
    setData(kValueKey, entry);
    setToolTip(tip);
    setZValue(130);
    setCursor(Qt::PointingHandCursor);
  }
  QRectF boundingRect() const override { return rect_.adjusted(-1, -1, 1, 1); }
  void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override {
    painter->setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 1));
    painter->setBrush(QColor(0xfa, 0xfa, 0xfa));
    painter->drawRoundedRect(rect_, 3, 3);
    if (!icon_.isNull()) {
      painter->drawPixmap(rect_.adjusted(2, 2, -2, -2), icon_, QRectF(QPointF(0, 0), icon_.size()));
    } else {
      painter->setPen(QColor(0x22, 0x24, 0x2a));
      QFont font = painter->font();
      font.setPixelSize(14);
      painter->setFont(font);
      painter->drawText(rect_, Qt::AlignCenter, glyph_);
    }
  }

 private:
  QRectF rect_;
  QPixmap icon_;
  QString glyph_;
};

// The outline of a selected shape or connection.
class SelectionItem final : public QGraphicsItem {
 public:
  explicit SelectionItem(const QRectF& rect) : rect_(rect.adjusted(-5, -5, 5, 5)) { setZValue(104); }
  explicit SelectionItem(const QPolygonF& line) : line_(line), rect_(line.boundingRect()) { setZValue(104); }
  QRectF boundingRect() const override { return rect_.adjusted(-4, -4, 4, 4); }
  void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override {
    if (line_.isEmpty()) {
      painter->setPen(QPen(kSelectionColor, 1, Qt::DashLine));
      painter->setBrush(Qt::NoBrush);
      painter->drawRect(rect_);
    } else {
      QColor glow = kSelectionColor;
      glow.setAlpha(90);
      painter->setPen(QPen(glow, 6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
      painter->drawPolyline(line_);
    }
  }

 private:
  QPolygonF line_;
  QRectF rect_;
};

bool isResizable(const ElementInfo* info, const model::DiElement& di) {
  if (!info) return false;
  switch (info->category) {
    case ElementInfo::Category::kParticipant:
    case ElementInfo::Category::kLane:
    case ElementInfo::Category::kTextAnnotation:
    case ElementInfo::Category::kGroup:
      return true;
    case ElementInfo::Category::kFlowNode:
      return info->element && model::isActivity(info->element->kind);
    default:
      (void)di;
      return false;
  }
}

QRectF resized(const QRectF& rect, int corner, const QPointF& delta) {
  QRectF r = rect;
  switch (corner) {
    case 0:
      r.setTopLeft(r.topLeft() + delta);
      break;
    case 1:
      r.setTopRight(r.topRight() + delta);
      break;
    case 2:
      r.setBottomLeft(r.bottomLeft() + delta);
      break;
    default:
      r.setBottomRight(r.bottomRight() + delta);
      break;
  }
  return r.normalized();
}

}  // namespace

Clipboard& DiagramView::clipboard() {
  static Clipboard shared;
  return shared;
}

DiagramView::DiagramView(BpmnDocument& document, int diagram, EditTool& tool, QWidget* parent)
    : QGraphicsView(new DiagramScene(document, diagram), parent), document_(document), diagram_(diagram), tool_(tool) {
  scene()->setParent(this);
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setDragMode(QGraphicsView::NoDrag);
  setBackgroundBrush(Qt::white);
  setAcceptDrops(true);
  setFocusPolicy(Qt::StrongFocus);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  viewport()->setMouseTracking(true);  // the connect preview follows the mouse between two clicks
  // The scene rebuilds on every change (it connected first); the selection
  // overlays follow.
  connect(&document_, &BpmnDocument::changed, this, &DiagramView::showSelection);
  showSelection();
}

void DiagramView::fit() {
  const QRectF rect = static_cast<DiagramScene*>(scene())->diagramRect();
  fitInView(rect, Qt::KeepAspectRatio);
  if (transform().m11() > 1) {
    resetTransform();
    centerOn(rect.center());
  }
}

void DiagramView::wheelEvent(QWheelEvent* event) {
  if (event->modifiers() & Qt::ShiftModifier) {  // Shift+wheel scrolls sideways
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - event->angleDelta().y());
    return;
  }
  if (!(event->modifiers() & Qt::ControlModifier)) {  // the wheel scrolls, as in bpmn.io
    QGraphicsView::wheelEvent(event);
    return;
  }
  // Ctrl+wheel zooms about the mouse.
  const QPointF anchor = mapToScene(event->position().toPoint());
  const double factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
  scale(factor, factor);
  const QPointF moved = mapToScene(event->position().toPoint()) - anchor;
  horizontalScrollBar()->setValue(horizontalScrollBar()->value() - qRound(moved.x() * transform().m11()));
  verticalScrollBar()->setValue(verticalScrollBar()->value() - qRound(moved.y() * transform().m22()));
}

void DiagramView::setSelection(const QStringList& ids) {
  selection_ = ids;
  selection_.removeDuplicates();
  showSelection();
  emit selectionChanged(selection_);
  emit selected(selection_.size() == 1 ? selection_.front() : QString());
}

QString DiagramView::shapeAt(const QPointF& scenePos) const {
  // Topmost first; a small shape over a large one (a task in a pool) wins.
  for (QGraphicsItem* item : scene()->items(scenePos)) {
    auto* shape = dynamic_cast<ShapeItem*>(item);
    if (shape && shape->bounds().contains(scenePos)) return shape->elementId();
  }
  return {};
}

QString DiagramView::edgeAt(const QPoint& viewPos) const {
  for (QGraphicsItem* item : items(viewPos)) {
    if (auto* edge = dynamic_cast<EdgeItem*>(item)) return edge->elementId();
    if (dynamic_cast<ShapeItem*>(item)) {
      const auto* shape = static_cast<ShapeItem*>(item);
      if (shape->bounds().contains(mapToScene(viewPos))) return {};
    }
  }
  return {};
}

QRectF DiagramView::selectionRect() const {
  QRectF rect;
  for (QGraphicsItem* item : scene()->items()) {
    if (auto* shape = dynamic_cast<ShapeItem*>(item); shape && selection_.contains(shape->elementId())) {
      rect = rect.united(shape->boundingRect());
    } else if (auto* edge = dynamic_cast<EdgeItem*>(item); edge && selection_.contains(edge->elementId())) {
      rect = rect.united(edge->boundingRect());
    }
  }
  return rect;
}

void DiagramView::showSelection() {
  for (QGraphicsItem* item : scene()->items()) {
    if (item->zValue() >= 104 && item->zValue() < 140 && !dynamic_cast<MarkerItem*>(item)) {
      scene()->removeItem(item);
      delete item;
    }
  }
  preview_.clear();
  // Room to draw around the diagram, a viewport's size each way; it only
  // grows while the view lives, so what is drawn never jumps.
  const QRectF room = static_cast<DiagramScene*>(scene())->diagramRect().adjusted(
      -viewport()->width(), -viewport()->height(), viewport()->width(), viewport()->height());
  if (!sceneRect().contains(room)) setSceneRect(sceneRect().united(room));
  // Forget what no longer exists (after an undo, say).
  QStringList present;
  const ElementIndex index(document_.definitions());
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  if (!plane) return;
  for (const QString& id : selection_) {
    const std::string key = id.toStdString();
    const auto found = std::find_if(plane->elements.begin(), plane->elements.end(),
                                    [&](const model::DiElement& di) { return di.bpmnElement == key; });
    if (found == plane->elements.end()) continue;
    present << id;
    if (found->kind == model::DiElement::Kind::kShape && found->bounds) {
      const QRectF rect = rectOf(*found->bounds);
      scene()->addItem(new SelectionItem(rect));
      if (selection_.size() == 1 && isResizable(index.find(key), *found)) {
        const QPointF corners[] = {rect.topLeft(), rect.topRight(), rect.bottomLeft(), rect.bottomRight()};
        for (int i = 0; i < 4; ++i) scene()->addItem(new HandleItem(corners[i], "handle", i));
      }
    } else if (found->kind == model::DiElement::Kind::kEdge) {
      const QPolygonF line = polygonOf(*found);
      scene()->addItem(new SelectionItem(line));
      if (selection_.size() == 1) {
        for (int i = 1; i + 1 < line.size(); ++i) scene()->addItem(new HandleItem(line[i], "waypoint", i));
        for (int i = 0; i + 1 < line.size(); ++i) {
          scene()->addItem(new HandleItem((line[i] + line[i + 1]) / 2, "segment", i));
        }
      }
    }
  }
  if (present.size() != selection_.size()) {
    selection_ = present;
    emit selectionChanged(selection_);
    emit selected(selection_.size() == 1 ? selection_.front() : QString());
  }
  if (selection_.size() == 1 && tool_.mode == EditTool::Mode::kSelect) showContextPad(selection_.front());
  if (selection_.size() > 1 && tool_.mode == EditTool::Mode::kSelect) {
    // bpmn.io's pad for several elements, at the selection's top right:
    // align, distribute, colour and delete.
    const QPointF at = selectionRect().topRight() + QPointF(8, -4);
    scene()->addItem(new PadItem(at, "align", {}, QString::fromUtf8("\u21e4"), tr("Align elements")));
    scene()->addItem(
        new PadItem(at + QPointF(26, 0), "distribute", {}, QString::fromUtf8("\u21f9"), tr("Distribute elements")));
    scene()->addItem(new PadItem(at + QPointF(52, 0), "colour", colourPadIcon(40), {}, tr("Set colour")));
    scene()->addItem(new PadItem(at + QPointF(78, 0), "delete", {}, QString::fromUtf8("\u2716"), tr("Delete")));
  }
  showDrillDowns();
}

bool DiagramView::hasOwnPlane(const QString& elementId) const {
  const std::string id = elementId.toStdString();
  const auto& diagrams = document_.definitions().diagrams;
  return std::any_of(diagrams.begin(), diagrams.end(),
                     [&](const model::Diagram& diagram) { return diagram.plane.bpmnElement == id; });
}

// bpmn.io's drill-down marker: a small box with an arrow at the bottom
// right of a collapsed sub-process whose inside another diagram draws.
void DiagramView::showDrillDowns() {
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  for (const auto& di : plane->elements) {
    if (di.kind != model::DiElement::Kind::kShape || !di.bounds || di.isExpanded.value_or(false)) continue;
    const QString id = QString::fromStdString(di.bpmnElement);
    const model::FlowElement* element =
        findFlowElement(const_cast<model::Definitions&>(document_.definitions()), di.bpmnElement);
    if (!element || !model::isSubProcessKind(element->kind) || !hasOwnPlane(id)) continue;
    const QRectF rect = rectOf(*di.bounds);
    auto* item = new PadItem(QPointF(rect.right() - 26, rect.bottom() - 26), id, {}, QString::fromUtf8("\u2198"),
                             tr("Open the inside of %1").arg(named(id)));
    item->setData(kRoleKey, QString("drill"));
    item->setZValue(125);
    scene()->addItem(item);
  }
}

void DiagramView::showContextPad(const QString& elementId) {
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  const model::DiElement* shape = plane ? shapeOf(*plane, elementId.toStdString()) : nullptr;
  QStringList entries;
  const model::FlowElement* element =
      findFlowElement(const_cast<model::Definitions&>(document_.definitions()), elementId.toStdString());
  QPointF at;
  if (shape) {
    const QRectF rect = rectOf(*shape->bounds);
    at = QPointF(rect.right() + 8, rect.top() - 4);
  } else if (const model::DiElement* edge = edgeOf(const_cast<model::DiPlane&>(*plane), elementId.toStdString())) {
    at = polygonOf(*edge).boundingRect().center() + QPointF(8, 8);
  } else {
    return;
  }
  const bool appendable = element && model::isFlowNode(element->kind) && element->kind != model::ElementKind::kEndEvent;
  if (appendable)
    entries << "append-endEvent"
            << "append-exclusiveGateway"
            << "append-task"
            << "append-intermediateThrowEvent";
  if (shape) entries << "connect";
  {
    auto& definitions = const_cast<model::Definitions&>(document_.definitions());
    const std::string id = elementId.toStdString();
    const model::Participant* pool = findParticipant(definitions, id).second;
    const model::Process* process =
        pool && !pool->processRef.empty() ? findProcess(definitions, model::localRef(pool->processRef)) : nullptr;
    const model::Lane* lane = findLane(definitions, id).second;
    // bpmn.io's lane entries: divide only what has no lanes inside yet.
    auto empty = [](const std::vector<model::LaneSet>& sets) {
      return std::all_of(sets.begin(), sets.end(), [](const model::LaneSet& set) { return set.lanes.empty(); });
    };
    if (shape && (process || lane)) {
      entries << "lane-insert-above";
      if (empty(lane ? lane->childLaneSets : process->laneSets)) {
        entries << "lane-divide-two";
        entries << "lane-divide-three";
      }
      entries << "lane-insert-below";
    }
  }
  if (element && !replacementsFor(document_.definitions(), element->id).empty()) entries << "replace";
  entries << "delete";
  if (element && model::isActivity(element->kind)) entries << "attach";
  entries << "colour";
  int i = 0;
  for (const QString& entry : entries) {
    const QPointF topLeft = at + QPointF((i % 3) * 26, (i / 3) * 26);
    ++i;
    NewElement sample;
    QPixmap icon;
    QString glyph, tip;
    if (entry.startsWith("append-")) {
      sample.kind = *model::elementKindFromName(entry.mid(7).toStdString());
      icon = elementIcon(sample, 40);
      tip = tr("Append %1").arg(describe(sample).toLower());
    } else if (entry == "connect") {
      glyph = QString::fromUtf8("\u2197");
      tip = tr("Connect to another element (drag to it, or click here and then on it)");
    } else if (entry == "replace") {
      glyph = QString::fromUtf8("\u21c4");
      tip = tr("Change the type");
    } else if (entry.startsWith("lane-")) {
      const bool horizontal = shape->isHorizontal.value_or(true);
      icon = laneIcon(entry, horizontal);
      if (entry == "lane-insert-above") tip = horizontal ? tr("Add lane above") : tr("Add lane to the left");
      if (entry == "lane-insert-below") tip = horizontal ? tr("Add lane below") : tr("Add lane to the right");
      if (entry == "lane-divide-two") tip = tr("Divide into two lanes");
      if (entry == "lane-divide-three") tip = tr("Divide into three lanes");
    } else if (entry == "attach") {
      sample.kind = model::ElementKind::kBoundaryEvent;
      sample.eventDefinition = model::EventDefinitionKind::kTimer;
      icon = elementIcon(sample, 40);
      tip = tr("Attach a boundary event");
    } else if (entry == "colour") {
      icon = colourPadIcon(40);
      tip = tr("Set colour");
    } else {
      glyph = QString::fromUtf8("\u2716");
      tip = tr("Delete");
    }
    scene()->addItem(new PadItem(topLeft, entry, icon, glyph, tip));
  }
}

void DiagramView::apply(const QString& what, const std::function<Result<std::string>(model::Definitions&)>& change,
                        bool selectResult) {
  auto result = document_.change(what, change);
  if (!result.isOk()) {
    emit refused(QString::fromStdString(result.status().message()));
    showSelection();  // drop any preview
    return;
  }
  if (selectResult) {
    const QString ids = QString::fromStdString(result.value());
    setSelection(ids.isEmpty() ? QStringList() : ids.split('\n'));
  }
}

void DiagramView::append(const QString& source, const NewElement& element) {
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  const model::DiElement* shape = plane ? shapeOf(*plane, source.toStdString()) : nullptr;
  if (!shape) return;
  const QRectF rect = rectOf(*shape->bounds);
  const QSizeF size = defaultSize(element);
  // bpmn.io's place: 80 right of the source, level with it; lower while
  // something is in the way.
  QPointF center(rect.right() + 80 + size.width() / 2, rect.center().y());
  const ElementIndex index(document_.definitions());
  auto occupied = [&](const QPointF& c) {
    const QRectF wanted(c.x() - size.width() / 2, c.y() - size.height() / 2, size.width(), size.height());
    for (const auto& di : plane->elements) {
      if (di.kind != model::DiElement::Kind::kShape || !di.bounds) continue;
      const QRectF other = rectOf(*di.bounds);
      const ElementInfo* info = index.find(di.bpmnElement);
      const bool container = info && (info->category == ElementInfo::Category::kParticipant ||
                                      info->category == ElementInfo::Category::kLane || di.isExpanded.value_or(false));
      if (!container && other.intersects(wanted.adjusted(-10, -10, 10, 10))) return true;
    }
    return false;
  };
  for (int tries = 0; tries < 10 && occupied(center); ++tries) center.ry() += size.height() + 40;
  const std::string from = source.toStdString();
  apply(
      tr("Append %1").arg(describe(element).toLower()),
      [&](model::Definitions& definitions) -> Result<std::string> {
        auto created = createElement(definitions, diagram_, element, center);
        if (!created.isOk()) return created;
        auto flow = connectShapes(definitions, diagram_, from, created.value());
        if (!flow.isOk()) return flow.status();
        return created;
      },
      true);
}

void DiagramView::showReplaceMenu(const QString& elementId, const QPoint& globalPos) {
  QMenu menu(this);
  menu.setObjectName("replace-menu");
  for (const NewElement& option : replacementsFor(document_.definitions(), elementId.toStdString())) {
    QAction* action = menu.addAction(QIcon(elementIcon(option, 24)), describe(option));
    connect(action, &QAction::triggered, this, [this, elementId, option] {
      apply(
          tr("Change %1 to %2").arg(named(elementId), describe(option).toLower()),
          [&](model::Definitions& definitions) {
            return replaceElement(definitions, diagram_, elementId.toStdString(), option);
          },
          true);
    });
  }
  menu.exec(globalPos);
}

void DiagramView::setColour(const std::optional<Colours>& colours) {
  if (selection_.isEmpty()) return;
  std::vector<std::string> ids;
  for (const QString& id : selection_) ids.push_back(id.toStdString());
  const QString what = selection_.size() == 1 ? tr("Set colour of %1").arg(named(selection_.front()))
                                              : tr("Set colour of %n elements", nullptr, int(selection_.size()));
  apply(what,
        [&](model::Definitions& definitions) { return bpmn::modeler::setColour(definitions, diagram_, ids, colours); });
}

void DiagramView::showColourMenu(const QPoint& globalPos) {
  if (selection_.isEmpty()) return;
  QMenu menu(this);
  menu.setObjectName("colour-menu");
  const auto current = coloursOf(document_.definitions(), diagram_, selection_.front().toStdString());
  for (const PaletteColour& colour : colourPalette()) {
    QAction* action = menu.addAction(QIcon(colourSwatch(colour, 24)), colour.label);
    action->setCheckable(true);
    action->setChecked(colour.colours == current);
    connect(action, &QAction::triggered, this, [this, colours = colour.colours] { setColour(colours); });
  }
  menu.exec(globalPos);
}

void DiagramView::usePad(const QString& entry, const QString& elementId) {
  if (entry == "align" || entry == "distribute") {
    QMenu menu(this);
    menu.setObjectName(entry + "-menu");
    if (entry == "align") {
      for (const auto& [name, alignment] : {std::pair{tr("Align left"), Alignment::kLeft},
                                            {tr("Align centre"), Alignment::kCenter},
                                            {tr("Align right"), Alignment::kRight},
                                            {tr("Align top"), Alignment::kTop},
                                            {tr("Align middle"), Alignment::kMiddle},
                                            {tr("Align bottom"), Alignment::kBottom}}) {
        const Alignment chosen = alignment;
        menu.addAction(name, this, [this, chosen] { align(chosen); });
      }
    } else {
      menu.addAction(tr("Distribute horizontally"), this, [this] { distribute(Qt::Horizontal); });
      menu.addAction(tr("Distribute vertically"), this, [this] { distribute(Qt::Vertical); });
    }
    menu.exec(QCursor::pos());
    return;
  }
  if (entry.startsWith("append-")) {
    NewElement element;
    element.kind = *model::elementKindFromName(entry.mid(7).toStdString());
    append(elementId, element);
  } else if (entry == "connect") {
    tool_.mode = EditTool::Mode::kConnect;
    tool_.source = elementId;
    emit refused(tr("Click (or drag to) the element to connect %1 to").arg(elementId));
  } else if (entry == "replace") {
    showReplaceMenu(elementId, QCursor::pos());
  } else if (entry == "attach") {
    const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
    const model::DiElement* shape = plane ? shapeOf(*plane, elementId.toStdString()) : nullptr;
    if (!shape) return;
    // Along the bottom, right of the boundary events already there.
    const QRectF rect = rectOf(*shape->bounds);
    int attached = 0;
    for (const auto& di : plane->elements) {
      if (di.kind == model::DiElement::Kind::kShape && di.bounds && std::abs(di.bounds->y + 18 - rect.bottom()) < 1 &&
          rect.contains(QPointF(di.bounds->x + 18, rect.bottom() - 1))) {
        ++attached;
      }
    }
    const QPointF at(rect.left() + 25 + 40 * attached, rect.bottom());
    apply(
        tr("Attach a boundary event to %1").arg(named(elementId)),
        [&](model::Definitions& definitions) {
          return attachBoundaryEvent(definitions, diagram_, elementId.toStdString(), model::EventDefinitionKind::kTimer,
                                     at);
        },
        true);
  } else if (entry == "lane-insert-above" || entry == "lane-insert-below") {
    const LaneSide side = entry == "lane-insert-above" ? LaneSide::kAbove : LaneSide::kBelow;
    apply(
        tr("Add a lane %1 %2").arg(side == LaneSide::kAbove ? tr("before") : tr("after"), named(elementId)),
        [&](model::Definitions& definitions) {
          return insertLane(definitions, diagram_, elementId.toStdString(), side);
        },
        true);
  } else if (entry == "lane-divide-two" || entry == "lane-divide-three") {
    const int parts = entry == "lane-divide-two" ? 2 : 3;
    apply(
        tr("Divide %1 into %2 lanes").arg(named(elementId)).arg(parts),
        [&](model::Definitions& definitions) -> Result<std::string> {
          auto divided = divideLane(definitions, diagram_, elementId.toStdString(), parts);
          if (!divided.isOk()) return divided.status();
          return elementId.toStdString();  // the divided lane or pool stays selected
        },
        true);
  } else if (entry == "colour") {
    showColourMenu(QCursor::pos());
  } else if (entry == "delete") {
    deleteSelection();
  }
}

bool DiagramView::useTool(const QPointF& scenePos, const QString& shapeUnder) {
  switch (tool_.mode) {
    case EditTool::Mode::kSelect:
      return false;
    case EditTool::Mode::kCreate:
      tool_.mode = EditTool::Mode::kSelect;
      emit statusOutdated();  // "Click where the … goes"
      createAt(tool_.element, scenePos);
      return true;
    case EditTool::Mode::kConnect:
      if (shapeUnder.isEmpty()) return true;  // a click beside the shapes keeps the tool
      if (tool_.source.isEmpty()) {
        tool_.source = shapeUnder;
        return true;
      }
      connectTo(shapeUnder);
      return true;
    case EditTool::Mode::kSpace:
    case EditTool::Mode::kHand:
    case EditTool::Mode::kLasso:
      return false;  // a press starts the drag (mousePressEvent)
  }
  return false;
}

void DiagramView::connectTo(const QString& target) {
  const std::string source = tool_.source.toStdString(), to = target.toStdString();
  const QString what = tr("Connect %1 to %2").arg(named(tool_.source), named(target));
  tool_.source.clear();
  tool_.mode = EditTool::Mode::kSelect;
  refusedTarget_.clear();
  emit statusOutdated();  // the tool's hint or a refused target's reason; apply may say why this one is refused
  apply(
      what, [&](model::Definitions& definitions) { return connectShapes(definitions, diagram_, source, to); }, true);
}

void DiagramView::cancelGesture() {
  if (drag_ == Drag::kPan) viewport()->unsetCursor();
  drag_ = Drag::kNone;
  refusedTarget_.clear();
  clearPreview();
  showSelection();  // the handles and the pad again
}

void DiagramView::clearPreview() {
  for (QGraphicsItem* item : preview_) {
    scene()->removeItem(item);
    delete item;
  }
  preview_.clear();
}

void DiagramView::showConnectPreview(const QPointF& scenePos) {
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  const model::DiElement* source = plane ? shapeOf(*plane, tool_.source.toStdString()) : nullptr;
  if (!source) return;
  const QString target = shapeAt(scenePos);
  const model::DiElement* targetShape = target.isEmpty() ? nullptr : shapeOf(*plane, target.toStdString());
  if (targetShape && target != tool_.source) {
    std::string why;
    const bool allowed = connectionFor(const_cast<model::Definitions&>(document_.definitions()),
                                       tool_.source.toStdString(), target.toStdString(), &why) != ConnectionKind::kNone;
    auto* outline = scene()->addRect(rectOf(*targetShape->bounds).adjusted(-4, -4, 4, 4),
                                     QPen(allowed ? QColor(0x52, 0xb4, 0x15) : QColor(0xd0, 0x30, 0x30), 2),
                                     allowed ? QColor(0x52, 0xb4, 0x15, 30) : QColor(0xd0, 0x30, 0x30, 30));
    outline->setZValue(139);
    outline->setData(kPreviewKey, allowed ? QString("allowed") : QString("refused"));
    outline->setData(kValueKey, target);
    preview_ << outline;
    if (!allowed && refusedTarget_ != target) emit refused(QString::fromStdString(why));
    if (allowed && !refusedTarget_.isEmpty()) emit statusOutdated();  // the reason was another target's
    refusedTarget_ = allowed ? QString() : target;
  } else {
    if (!refusedTarget_.isEmpty()) emit statusOutdated();
    refusedTarget_.clear();
  }
  auto* line =
      scene()->addLine(QLineF(rectOf(*source->bounds).center(), scenePos), QPen(kSelectionColor, 1.5, Qt::DashLine));
  line->setZValue(139);
  line->setData(kPreviewKey, QString("connect-line"));
  preview_ << line;
}

namespace {

// The space tool's drag: snapped to the grid; Ctrl (bpmn.io's primary
// modifier) moves what lies before the press line instead.
QPointF spaceDelta(const QPointF& delta, bool snap) {
  return snap ? QPointF(snapToGrid(delta.x()), snapToGrid(delta.y())) : delta;
}

SpaceSide spaceSide(Qt::KeyboardModifiers modifiers) {
  return (modifiers & Qt::ControlModifier) ? SpaceSide::kBefore : SpaceSide::kAfter;
}

}  // namespace

void DiagramView::showSpacePreview(const QPointF& scenePos, Qt::KeyboardModifiers modifiers) {
  const QPointF delta = spaceDelta(scenePos - pressedAt_, snap_);
  auto plan = planSpace(const_cast<model::Definitions&>(document_.definitions()), diagram_, pressedAt_, delta,
                        spaceSide(modifiers));
  const QRectF visible = mapToScene(viewport()->rect()).boundingRect().united(sceneRect());
  const QPen pen(kSelectionColor, 1.5, Qt::DashLine);
  const bool horizontal = plan.isOk() ? plan.value().axis == Qt::Horizontal : qAbs(delta.x()) >= qAbs(delta.y());
  auto* line = scene()->addLine(horizontal ? QLineF(pressedAt_.x(), visible.top(), pressedAt_.x(), visible.bottom())
                                           : QLineF(visible.left(), pressedAt_.y(), visible.right(), pressedAt_.y()),
                                pen);
  line->setZValue(139);
  line->setData(kPreviewKey, QString("space-line"));
  preview_ << line;
  if (!plan.isOk()) return;
  const SpacePlan& space = plan.value();
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  auto outline = [&](const std::string& id, bool moves) {
    const model::DiElement* shape = shapeOf(*plane, id);
    if (!shape || !shape->bounds) return;
    QRectF rect = rectOf(*shape->bounds);
    const double d = space.delta;
    if (moves) {
      rect.translate(horizontal ? QPointF(d, 0) : QPointF(0, d));
    } else if (space.side == SpaceSide::kAfter) {
      horizontal ? rect.setRight(rect.right() + d) : rect.setBottom(rect.bottom() + d);
    } else {
      horizontal ? rect.setLeft(rect.left() + d) : rect.setTop(rect.top() + d);
    }
    auto* item = scene()->addRect(rect, pen);
    item->setZValue(139);
    item->setData(kPreviewKey, QString("space-outline"));
    preview_ << item;
  };
  for (const std::string& id : space.moving) outline(id, true);
  for (const std::string& id : space.resizing) outline(id, false);
}

void DiagramView::createAt(const NewElement& element, const QPointF& scenePos) {
  QPointF center = scenePos;
  if (snap_) center = QPointF(snapToGrid(center.x()), snapToGrid(center.y()));
  // An event dropped on an activity's border becomes its boundary event.
  if (element.category == NewElement::Category::kFlowNode && model::isEvent(element.kind) &&
      element.kind != model::ElementKind::kStartEvent && element.kind != model::ElementKind::kEndEvent) {
    for (QGraphicsItem* item : scene()->items(scenePos)) {
      auto* shape = dynamic_cast<ShapeItem*>(item);
      if (!shape) continue;
      const QRectF rect = shape->bounds();
      const model::FlowElement* host =
          findFlowElement(const_cast<model::Definitions&>(document_.definitions()), shape->elementId().toStdString());
      if (host && model::isActivity(host->kind) && rect.adjusted(-15, -15, 15, 15).contains(scenePos) &&
          !rect.adjusted(15, 15, -15, -15).contains(scenePos)) {
        const auto definition = element.eventDefinition;
        apply(
            tr("Attach a boundary event to %1").arg(named(shape->elementId())),
            [&](model::Definitions& definitions) {
              return attachBoundaryEvent(definitions, diagram_, shape->elementId().toStdString(), definition, scenePos);
            },
            true);
        return;
      }
    }
  }
  apply(
      tr("Create %1").arg(describe(element).toLower()),
      [&](model::Definitions& definitions) { return createElement(definitions, diagram_, element, center); }, true);
}

QPointF DiagramView::snapped(const QPointF& delta) const {
  if (!snap_ || selection_.isEmpty()) return delta;
  // The first selected shape's centre lands on the grid.
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  for (const QString& id : selection_) {
    if (const model::DiElement* shape = shapeOf(*plane, id.toStdString())) {
      const QPointF center = rectOf(*shape->bounds).center();
      return QPointF(snapToGrid(center.x() + delta.x()) - center.x(), snapToGrid(center.y() + delta.y()) - center.y());
    }
  }
  return delta;
}

QPointF DiagramView::dragDelta(QMouseEvent* event) {
  if (!dragStarted_ && (event->pos() - pressedAtView_).manhattanLength() >= QApplication::startDragDistance()) {
    dragStarted_ = true;
  }
  return dragStarted_ ? mapToScene(event->pos()) - mapToScene(pressedAtView_) : QPointF();
}

void DiagramView::mousePressEvent(QMouseEvent* event) {
  if (labelEditor_) finishLabelEdit(true);
  clearPreview();
  const QPointF scenePos = mapToScene(event->pos());
  drag_ = Drag::kNone;
  pressedAtView_ = event->pos();
  dragStarted_ = false;
  if (event->button() == Qt::LeftButton && tool_.mode == EditTool::Mode::kSpace) {
    drag_ = Drag::kSpace;
    pressedAt_ = scenePos;
    return;
  }
  if (event->button() == Qt::MiddleButton ||
      (event->button() == Qt::LeftButton && (spaceHeld_ || tool_.mode == EditTool::Mode::kHand)) ||
      (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ControlModifier) && shapeAt(scenePos).isEmpty() &&
       edgeAt(event->pos()).isEmpty())) {
    drag_ = Drag::kPan;
    panFrom_ = event->pos();
    viewport()->setCursor(Qt::ClosedHandCursor);
    return;
  }
  if (event->button() == Qt::RightButton) {
    const QString id = shapeAt(scenePos);
    if (!id.isEmpty()) {
      setSelection({id});
      if (!replacementsFor(document_.definitions(), id.toStdString()).empty()) {
        showReplaceMenu(id, event->globalPosition().toPoint());
      }
    }
    return;
  }
  if (event->button() != Qt::LeftButton) return;
  if (tool_.mode == EditTool::Mode::kLasso) {
    drag_ = Drag::kRubberBand;
    pressedAt_ = scenePos;
    return;
  }
  // Overlays first: handles and the context pad.
  for (QGraphicsItem* item : items(event->pos())) {
    const QString role = item->data(kRoleKey).toString();
    if (role.isEmpty()) continue;
    if (role == "pad") {
      const QString entry = item->data(kValueKey).toString();
      usePad(entry, selection_.value(0));
      if (entry == "connect") {  // dragged from here, it connects where released
        drag_ = Drag::kConnect;
        pressedAt_ = scenePos;
      }
      return;
    }
    if (role == "drill") {
      emit drillDown(item->data(kValueKey).toString());
      return;
    }
    pressedAt_ = scenePos;
    handle_ = item->data(kValueKey).toInt();
    drag_ = role == "handle" ? Drag::kResize : role == "waypoint" ? Drag::kWaypoint : Drag::kSegment;
    return;
  }
  const QString shape = shapeAt(scenePos);
  if (tool_.mode == EditTool::Mode::kSelect && !(event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier))) {
    // An external label drags on its own.
    for (QGraphicsItem* item : items(event->pos())) {
      auto* label = dynamic_cast<LabelItem*>(item);
      if (!label || !label->textRect().contains(scenePos)) continue;
      setSelection({label->elementId()});
      drag_ = Drag::kLabel;
      pressedAt_ = scenePos;
      draggedLabel_ = label->rect();
      return;
    }
  }
  if (useTool(scenePos, shape)) {
    // The connect tool's source pressed: a drag from it connects where
    // the mouse is released.
    if (tool_.mode == EditTool::Mode::kConnect && !shape.isEmpty() && tool_.source == shape) {
      drag_ = Drag::kConnect;
      pressedAt_ = scenePos;
    }
    return;
  }
  const QString edge = shape.isEmpty() ? edgeAt(event->pos()) : QString();
  const QString hit = shape.isEmpty() ? edge : shape;
  const bool adding = event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier);
  if (hit.isEmpty()) {
    if (!adding) setSelection({});
    drag_ = Drag::kRubberBand;
    pressedAt_ = scenePos;
    return;
  }
  if (adding) {
    QStringList ids = selection_;
    if (ids.contains(hit))
      ids.removeAll(hit);
    else
      ids << hit;
    setSelection(ids);
  } else if (!selection_.contains(hit)) {
    setSelection({hit});
  }
  if (!shape.isEmpty() && selection_.contains(shape)) {
    drag_ = Drag::kMove;
    pressedAt_ = scenePos;
  }
}

void DiagramView::mouseMoveEvent(QMouseEvent* event) {
  const QPointF scenePos = mapToScene(event->pos());
  const QPointF delta = dragDelta(event);
  clearPreview();
  const QPen previewPen(kSelectionColor, 1.5, Qt::DashLine);
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  switch (drag_) {
    case Drag::kNone:
      if (tool_.mode == EditTool::Mode::kConnect && !tool_.source.isEmpty()) showConnectPreview(scenePos);
      QGraphicsView::mouseMoveEvent(event);
      return;
    case Drag::kConnect:
      if (tool_.mode == EditTool::Mode::kConnect &&
          (event->pos() - pressedAtView_).manhattanLength() >= QApplication::startDragDistance()) {
        showConnectPreview(scenePos);
      }
      return;
    case Drag::kSpace:
      if (tool_.mode == EditTool::Mode::kSpace) showSpacePreview(scenePos, event->modifiers());
      return;
    case Drag::kPan: {
      const QPoint by = event->pos() - panFrom_;
      panFrom_ = event->pos();
      horizontalScrollBar()->setValue(horizontalScrollBar()->value() - by.x());
      verticalScrollBar()->setValue(verticalScrollBar()->value() - by.y());
      return;
    }
    case Drag::kRubberBand: {
      auto* band =
          scene()->addRect(QRectF(pressedAt_, scenePos).normalized(), previewPen, QColor(0x34, 0x7a, 0xe2, 30));
      band->setZValue(139);
      preview_ << band;
      return;
    }
    case Drag::kMove: {
      if (delta.manhattanLength() < 3) return;
      const QPointF by = snapped(delta);
      for (const QString& id : selection_) {
        if (const model::DiElement* shape = shapeOf(*plane, id.toStdString())) {
          auto* outline = scene()->addRect(rectOf(*shape->bounds).translated(by), previewPen);
          outline->setZValue(139);
          preview_ << outline;
        }
      }
      return;
    }
    case Drag::kLabel: {
      auto* outline = scene()->addRect(draggedLabel_.translated(delta), previewPen);
      outline->setZValue(139);
      preview_ << outline;
      return;
    }
    case Drag::kResize: {
      if (const model::DiElement* shape = shapeOf(*plane, selection_.value(0).toStdString())) {
        auto* outline = scene()->addRect(resized(rectOf(*shape->bounds), handle_, snapped(delta)), previewPen);
        outline->setZValue(139);
        preview_ << outline;
      }
      return;
    }
    case Drag::kWaypoint:
    case Drag::kSegment: {
      if (const model::DiElement* edge =
              edgeOf(const_cast<model::DiPlane&>(*plane), selection_.value(0).toStdString())) {
        QPolygonF line = polygonOf(*edge);
        if (drag_ == Drag::kWaypoint && handle_ < line.size()) {
          line[handle_] = snap_ ? QPointF(snapToGrid(scenePos.x()), snapToGrid(scenePos.y())) : scenePos;
        } else if (handle_ + 1 < line.size()) {
          line.insert(handle_ + 1, scenePos);
        }
        QPainterPath path;
        path.addPolygon(line);
        auto* outline = scene()->addPath(path, previewPen);
        outline->setZValue(139);
        preview_ << outline;
      }
      return;
    }
  }
}

void DiagramView::mouseReleaseEvent(QMouseEvent* event) {
  const QPointF scenePos = mapToScene(event->pos());
  const QPointF delta = dragDelta(event);
  const Drag drag = drag_;
  drag_ = Drag::kNone;
  clearPreview();
  switch (drag) {
    case Drag::kNone:
      QGraphicsView::mouseReleaseEvent(event);
      return;
    case Drag::kSpace: {
      if (tool_.mode != EditTool::Mode::kSpace) return;  // put down (Escape) while dragging
      // One use, then back to selecting (as bpmn.io's tools).
      tool_.mode = EditTool::Mode::kSelect;
      emit statusOutdated();  // the tool's hint
      const QPointF by = spaceDelta(delta, snap_);
      if (by.manhattanLength() < 1) return;
      const QPointF from = pressedAt_;
      const SpaceSide side = spaceSide(event->modifiers());
      apply(by.x() * by.x() >= by.y() * by.y() ? tr("Make space horizontally") : tr("Make space vertically"),
            [&](model::Definitions& definitions) { return makeSpace(definitions, diagram_, from, by, side); });
      return;
    }
    case Drag::kConnect: {
      // A click keeps the tool for a click on the target; a drag connects
      // to the shape it ends on, and ending beside every shape (or back on
      // the source) connects nothing.
      if (tool_.mode != EditTool::Mode::kConnect || tool_.source.isEmpty()) return;  // put down while dragging
      // The threshold in pixels: a short drag at a high zoom still connects.
      if ((event->pos() - pressedAtView_).manhattanLength() < QApplication::startDragDistance()) return;
      const QString target = shapeAt(scenePos);
      if (target.isEmpty() || target == tool_.source) {
        tool_.mode = EditTool::Mode::kSelect;
        tool_.source.clear();
        refusedTarget_.clear();
        emit statusOutdated();
        showSelection();
        return;
      }
      connectTo(target);
      return;
    }
    case Drag::kPan:
      viewport()->unsetCursor();
      return;
    case Drag::kRubberBand: {
      if (tool_.mode == EditTool::Mode::kLasso) {  // one use, as bpmn.io's
        tool_.mode = EditTool::Mode::kSelect;
        emit statusOutdated();
      }
      const QRectF band = QRectF(pressedAt_, scenePos).normalized();
      if (!dragStarted_ || (band.width() < 3 && band.height() < 3)) return;
      QStringList ids = (event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) ? selection_ : QStringList();
      const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
      for (const auto& di : plane->elements) {
        const bool inside = di.kind == model::DiElement::Kind::kShape ? di.bounds && band.contains(rectOf(*di.bounds))
                                                                      : band.contains(polygonOf(di).boundingRect());
        if (inside) ids << QString::fromStdString(di.bpmnElement);
      }
      setSelection(ids);
      return;
    }
    case Drag::kMove: {
      if (delta.manhattanLength() < 3) return;
      const QPointF by = snapped(delta);
      // Shapes move; selected connections follow their ends.
      std::vector<std::pair<std::string, QPointF>> moves;
      const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
      for (const QString& id : selection_) {
        if (shapeOf(*plane, id.toStdString())) moves.emplace_back(id.toStdString(), by);
      }
      apply(selection_.size() == 1 ? tr("Move %1").arg(named(selection_.front()))
                                   : tr("Move %1 elements").arg(selection_.size()),
            [&](model::Definitions& definitions) { return moveShapes(definitions, diagram_, moves); });
      return;
    }
    case Drag::kLabel: {
      if (delta.manhattanLength() < 3) return;
      const std::string id = selection_.value(0).toStdString();
      const QRectF bounds = draggedLabel_.translated(delta);
      apply(tr("Move the label of %1").arg(named(selection_.value(0))),
            [&](model::Definitions& definitions) { return placeLabel(definitions, diagram_, id, bounds); });
      return;
    }
    case Drag::kResize: {
      const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
      const std::string id = selection_.value(0).toStdString();
      const model::DiElement* shape = shapeOf(*plane, id);
      if (!shape || delta.manhattanLength() < 2) return;
      const QRectF bounds = resized(rectOf(*shape->bounds), handle_, snapped(delta));
      apply(tr("Resize %1").arg(named(selection_.value(0))),
            [&](model::Definitions& definitions) { return resizeShape(definitions, diagram_, id, bounds); });
      return;
    }
    case Drag::kWaypoint:
    case Drag::kSegment: {
      model::DiPlane* plane = planeOf(const_cast<model::Definitions&>(document_.definitions()), diagram_);
      const std::string id = selection_.value(0).toStdString();
      const model::DiElement* edge = edgeOf(*plane, id);
      if (!edge || delta.manhattanLength() < 2) return;
      QPolygonF line = polygonOf(*edge);
      const QPointF point = snap_ ? QPointF(snapToGrid(scenePos.x()), snapToGrid(scenePos.y())) : scenePos;
      if (drag == Drag::kWaypoint && handle_ < line.size()) {
        line[handle_] = point;
      } else if (handle_ + 1 < line.size()) {
        line.insert(handle_ + 1, point);
      }
      apply(tr("Bend %1").arg(named(selection_.value(0))),
            [&](model::Definitions& definitions) { return setWaypoints(definitions, diagram_, id, line); });
      return;
    }
  }
}

void DiagramView::mouseDoubleClickEvent(QMouseEvent* event) {
  const QPointF scenePos = mapToScene(event->pos());
  QString id = shapeAt(scenePos);
  const model::FlowElement* element =
      findFlowElement(const_cast<model::Definitions&>(document_.definitions()), id.toStdString());
  if (element && model::isSubProcessKind(element->kind) && hasOwnPlane(id)) {
    emit drillDown(id);
    return;
  }
  if (id.isEmpty()) id = edgeAt(event->pos());
  if (!id.isEmpty()) editLabel(id);
}

void DiagramView::editLabel(QString elementId) {  // by value: it replaces the selection it may come from
  if (labelEditor_) finishLabelEdit(true);
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  if (!plane) return;
  QRectF where;
  if (const model::DiElement* shape = shapeOf(*plane, elementId.toStdString())) {
    where = rectOf(*shape->bounds);
    if (where.width() < 100) where = QRectF(where.center().x() - 60, where.bottom() + 4, 120, 22);
  } else if (const model::DiElement* edge = edgeOf(const_cast<model::DiPlane&>(*plane), elementId.toStdString())) {
    const QPointF middle = polygonOf(*edge).boundingRect().center();
    where = QRectF(middle.x() - 60, middle.y() - 11, 120, 22);
  } else {
    return;
  }
  setSelection({elementId});
  labelElement_ = elementId;
  labelEditor_ = new QLineEdit(viewport());
  labelEditor_->setObjectName("label-editor");
  labelEditor_->setText(QString::fromStdString(labelOf(document_.definitions(), elementId.toStdString())));
  labelEditor_->selectAll();
  const QRect rect = mapFromScene(where).boundingRect();
  labelEditor_->setGeometry(rect.x(), rect.center().y() - 12, std::max(rect.width(), 120), 24);
  labelEditor_->setAlignment(Qt::AlignCenter);
  connect(labelEditor_, &QLineEdit::returnPressed, this, [this] { finishLabelEdit(true); });
  labelEditor_->show();
  labelEditor_->setFocus();
}

void DiagramView::finishLabelEdit(bool commit) {
  if (!labelEditor_) return;
  QLineEdit* editor = labelEditor_;
  labelEditor_ = nullptr;
  const std::string text = editor->text().toStdString();
  const std::string id = labelElement_.toStdString();
  editor->hide();
  editor->deleteLater();
  setFocus();
  if (!commit || text == labelOf(document_.definitions(), id)) return;
  apply(tr("Rename %1").arg(named(labelElement_)),
        [&](model::Definitions& definitions) { return setLabel(definitions, id, text); });
}

void DiagramView::keyPressEvent(QKeyEvent* event) {
  if (labelEditor_ && event->key() == Qt::Key_Escape) {
    finishLabelEdit(false);
    return;
  }
  const double step = (event->modifiers() & Qt::ShiftModifier) ? 1 : kGrid;
  switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
      deleteSelection();
      return;
    case Qt::Key_F2:
      if (selection_.size() == 1) editLabel(selection_.front());
      return;
    case Qt::Key_Left:
      nudge(-step, 0);
      return;
    case Qt::Key_Right:
      nudge(step, 0);
      return;
    case Qt::Key_Up:
      nudge(0, -step);
      return;
    case Qt::Key_Down:
      nudge(0, step);
      return;
    default:
      break;
  }
  if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
    QGraphicsView::keyPressEvent(event);
    return;
  }
  // bpmn.io's single keys: tools, and the selection's label and kind.
  auto arm = [this](EditTool::Mode mode) {
    tool_ = EditTool{};
    tool_.mode = mode;
    clearPreview();
    emit statusOutdated();
  };
  switch (event->key()) {
    case Qt::Key_Space:
      if (!event->isAutoRepeat()) {
        spaceHeld_ = true;
        viewport()->setCursor(Qt::OpenHandCursor);
      }
      return;
    case Qt::Key_H:
      arm(EditTool::Mode::kHand);
      return;
    case Qt::Key_L:
      arm(EditTool::Mode::kLasso);
      return;
    case Qt::Key_S:
      arm(EditTool::Mode::kSpace);
      return;
    case Qt::Key_C: {
      // With one flow node selected, it is the source.
      const QString source = selection_.size() == 1 ? selection_.front() : QString();
      arm(EditTool::Mode::kConnect);
      if (!source.isEmpty() &&
          findFlowElement(const_cast<model::Definitions&>(document_.definitions()), source.toStdString())) {
        tool_.source = source;
      }
      return;
    }
    case Qt::Key_E:
      if (selection_.size() == 1) editLabel(selection_.front());
      return;
    case Qt::Key_A: {
      // The pad's append entries as a menu, at the element.
      if (selection_.size() != 1) return;
      const model::FlowElement* element =
          findFlowElement(const_cast<model::Definitions&>(document_.definitions()), selection_.front().toStdString());
      if (!element || !model::isFlowNode(element->kind) || element->kind == model::ElementKind::kEndEvent) return;
      QMenu menu(this);
      menu.setObjectName("append-menu");
      const QString source = selection_.front();
      for (const auto kind : {model::ElementKind::kTask, model::ElementKind::kExclusiveGateway,
                              model::ElementKind::kIntermediateThrowEvent, model::ElementKind::kEndEvent}) {
        NewElement next;
        next.kind = kind;
        menu.addAction(tr("Append %1").arg(describe(next).toLower()), this,
                       [this, source, next] { append(source, next); });
      }
      const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
      const model::DiElement* shape = plane ? shapeOf(*plane, source.toStdString()) : nullptr;
      const QPointF at = shape && shape->bounds ? rectOf(*shape->bounds).topRight() : QPointF();
      menu.exec(viewport()->mapToGlobal(mapFromScene(at)));
      return;
    }
    case Qt::Key_R:
      if (selection_.size() == 1 &&
          !replacementsFor(document_.definitions(), selection_.front().toStdString()).empty()) {
        const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
        const model::DiElement* shape = plane ? shapeOf(*plane, selection_.front().toStdString()) : nullptr;
        const QPointF at = shape && shape->bounds ? rectOf(*shape->bounds).bottomRight() : QPointF();
        showReplaceMenu(selection_.front(), viewport()->mapToGlobal(mapFromScene(at)));
      }
      return;
    default:
      QGraphicsView::keyPressEvent(event);
  }
}

void DiagramView::keyReleaseEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
    spaceHeld_ = false;
    if (drag_ != Drag::kPan) viewport()->unsetCursor();
    return;
  }
  QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(kPaletteMimeType)) event->acceptProposedAction();
}

void DiagramView::dragMoveEvent(QDragMoveEvent* event) {
  if (event->mimeData()->hasFormat(kPaletteMimeType)) event->acceptProposedAction();
}

void DiagramView::dropEvent(QDropEvent* event) {
  auto element = decodeEntry(event->mimeData()->data(kPaletteMimeType));
  if (!element) return;
  event->acceptProposedAction();
  createAt(*element, mapToScene(event->position().toPoint()));
}

void DiagramView::selectAll() {
  QStringList ids;
  for (const auto& di : planeOf(document_.definitions(), diagram_)->elements) {
    if (di.kind == model::DiElement::Kind::kShape) ids << QString::fromStdString(di.bpmnElement);
  }
  setSelection(ids);
}

void DiagramView::deleteSelection() {
  if (selection_.isEmpty()) return;
  std::vector<std::string> ids;
  for (const QString& id : selection_) ids.push_back(id.toStdString());
  const QString what = selection_.size() == 1 ? tr("Delete %1").arg(named(selection_.front()))
                                              : tr("Delete %1 elements").arg(selection_.size());
  selection_.clear();
  apply(what, [&](model::Definitions& definitions) { return deleteElements(definitions, ids); });
  emit selectionChanged(selection_);
  emit selected({});
}

void DiagramView::copySelection() {
  std::vector<std::string> ids;
  for (const QString& id : selection_) ids.push_back(id.toStdString());
  Clipboard copied = copyElements(document_.definitions(), diagram_, ids);
  if (copied.empty()) {
    emit refused(tr("Nothing to copy: select flow elements or annotations"));
    return;
  }
  clipboard() = std::move(copied);
}

void DiagramView::cutSelection() {
  copySelection();
  if (!clipboard().empty()) deleteSelection();
}

void DiagramView::paste() {
  if (clipboard().empty()) {
    emit refused(tr("Nothing to paste"));
    return;
  }
  // Where the mouse is when it is over the canvas, else beside the original.
  QPointF offset(40, 40);
  const QPoint mouse = viewport()->mapFromGlobal(QCursor::pos());
  if (viewport()->rect().contains(mouse)) {
    QRectF area;
    for (const auto& shape : clipboard().shapes) area = area.united(rectOf(*shape.bounds));
    offset = mapToScene(mouse) - area.center();
    if (snap_) offset = QPointF(snapToGrid(offset.x()), snapToGrid(offset.y()));
  }
  apply(
      tr("Paste"),
      [&](model::Definitions& definitions) { return pasteElements(definitions, diagram_, clipboard(), offset); }, true);
}

void DiagramView::align(Alignment alignment) {
  std::vector<std::string> ids;
  for (const QString& id : selection_) ids.push_back(id.toStdString());
  apply(tr("Align %1 elements").arg(ids.size()),
        [&](model::Definitions& definitions) { return alignShapes(definitions, diagram_, ids, alignment); });
}

void DiagramView::distribute(Qt::Orientation orientation) {
  std::vector<std::string> ids;
  for (const QString& id : selection_) ids.push_back(id.toStdString());
  apply(tr("Distribute %1 elements").arg(ids.size()),
        [&](model::Definitions& definitions) { return distributeShapes(definitions, diagram_, ids, orientation); });
}

void DiagramView::nudge(double dx, double dy) {
  std::vector<std::pair<std::string, QPointF>> moves;
  const model::DiPlane* plane = planeOf(document_.definitions(), diagram_);
  for (const QString& id : selection_) {
    if (shapeOf(*plane, id.toStdString())) moves.emplace_back(id.toStdString(), QPointF(dx, dy));
  }
  if (moves.empty()) return;
  apply(selection_.size() == 1 ? tr("Move %1").arg(named(selection_.front()))
                               : tr("Move %1 elements").arg(selection_.size()),
        [&](model::Definitions& definitions) { return moveShapes(definitions, diagram_, moves); });
}

}  // namespace bpmn::modeler

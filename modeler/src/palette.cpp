// The palette (palette.h).
#include "palette.h"

#include <QApplication>
#include <QDrag>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>

#include "element_index.h"
#include "notation.h"

namespace bpmn::modeler {

using model::ElementKind;
using D = model::EventDefinitionKind;

namespace {

PaletteEntry entry(ElementKind kind, std::optional<D> definition = std::nullopt, bool expanded = false) {
  NewElement element;
  element.kind = kind;
  element.eventDefinition = definition;
  element.expanded = expanded;
  QString objectName = "create-" + QString::fromStdString(std::string(model::elementKindName(kind)));
  if (definition) objectName += "-" + QString::fromStdString(std::string(model::eventDefinitionKindName(*definition)));
  if (expanded) objectName += "-expanded";
  return {describe(element), objectName, element};
}

PaletteEntry entry(NewElement::Category category, const char* objectName, bool vertical = false) {
  NewElement element;
  element.category = category;
  element.vertical = vertical;
  return {describe(element), objectName, element};
}

// A button that arms its action on a click and starts a drag of its entry
// when the mouse moves away with the button down.
class PaletteButton final : public QToolButton {
 public:
  PaletteButton(const NewElement& element, QWidget* parent) : QToolButton(parent), element_(element) {}

 protected:
  void mousePressEvent(QMouseEvent* event) override {
    pressedAt_ = event->pos();
    QToolButton::mousePressEvent(event);
  }
  void mouseMoveEvent(QMouseEvent* event) override {
    if (!(event->buttons() & Qt::LeftButton) ||
        (event->pos() - pressedAt_).manhattanLength() < QApplication::startDragDistance()) {
      QToolButton::mouseMoveEvent(event);
      return;
    }
    setDown(false);
    auto* drag = new QDrag(this);
    auto* data = new QMimeData;
    data->setData(kPaletteMimeType, encodeEntry(element_));
    drag->setMimeData(data);
    drag->setPixmap(elementIcon(element_, 32));
    drag->setHotSpot(QPoint(16, 16));
    drag->exec(Qt::CopyAction);
  }

 private:
  NewElement element_;
  QPoint pressedAt_;
};

}  // namespace

const std::vector<PaletteEntry>& paletteEntries() {
  static const std::vector<PaletteEntry> entries = {
      entry(ElementKind::kStartEvent),
      entry(ElementKind::kStartEvent, D::kMessage),
      entry(ElementKind::kStartEvent, D::kTimer),
      entry(ElementKind::kIntermediateCatchEvent, D::kMessage),
      entry(ElementKind::kIntermediateCatchEvent, D::kTimer),
      entry(ElementKind::kIntermediateThrowEvent),
      entry(ElementKind::kIntermediateThrowEvent, D::kSignal),
      entry(ElementKind::kEndEvent),
      entry(ElementKind::kEndEvent, D::kError),
      entry(ElementKind::kEndEvent, D::kTerminate),
      entry(ElementKind::kTask),
      entry(ElementKind::kServiceTask),
      entry(ElementKind::kUserTask),
      entry(ElementKind::kScriptTask),
      entry(ElementKind::kBusinessRuleTask),
      entry(ElementKind::kSendTask),
      entry(ElementKind::kReceiveTask),
      entry(ElementKind::kManualTask),
      entry(ElementKind::kCallActivity),
      entry(ElementKind::kSubProcess, std::nullopt, true),
      entry(ElementKind::kExclusiveGateway),
      entry(ElementKind::kParallelGateway),
      entry(ElementKind::kInclusiveGateway),
      entry(ElementKind::kEventBasedGateway),
      entry(ElementKind::kDataObjectReference),
      entry(ElementKind::kDataStoreReference),
      entry(NewElement::Category::kParticipant, "create-participant"),
      entry(NewElement::Category::kParticipant, "create-participant-vertical", true),
      entry(NewElement::Category::kTextAnnotation, "create-textAnnotation"),
      entry(NewElement::Category::kGroup, "create-group"),
  };
  return entries;
}

QPixmap elementIcon(const NewElement& element, int size) {
  const qreal ratio = qApp ? qApp->devicePixelRatio() : 1.0;
  QPixmap pixmap(QSize(size, size) * ratio);
  pixmap.setDevicePixelRatio(ratio);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  // A sample of the element, drawn at bpmn.io's size and scaled down.
  model::FlowElement sample;
  sample.kind = element.kind;
  if (element.triggeredByEvent) sample.triggeredByEvent = true;
  if (element.eventDefinition) {
    model::EventDefinition definition;
    definition.kind = *element.eventDefinition;
    sample.eventDefinitions.push_back(definition);
  }
  ElementInfo info;
  info.element = &sample;
  switch (element.category) {
    case NewElement::Category::kFlowNode:
      info.category = element.kind == ElementKind::kDataObjectReference || element.kind == ElementKind::kDataStoreReference
                          ? ElementInfo::Category::kData
                          : ElementInfo::Category::kFlowNode;
      info.localName = QString::fromStdString(std::string(model::elementKindName(element.kind)));
      break;
    case NewElement::Category::kParticipant:
      info.category = ElementInfo::Category::kParticipant;
      info.hasProcess = true;
      break;
    case NewElement::Category::kTextAnnotation:
      info.category = ElementInfo::Category::kTextAnnotation;
      break;
    case NewElement::Category::kGroup:
      info.category = ElementInfo::Category::kGroup;
      break;
  }
  model::DiElement di;
  di.isExpanded = element.expanded;
  di.isHorizontal = !element.vertical;
  if (element.kind == ElementKind::kExclusiveGateway) di.isMarkerVisible = true;
  QSizeF natural = defaultSize(element);
  if (element.category == NewElement::Category::kParticipant) {
    natural = element.vertical ? QSizeF(80, 120) : QSizeF(120, 80);
  }
  if (element.category == NewElement::Category::kGroup) natural = {80, 80};
  if (element.expanded) natural = {100, 80};
  const double scale = (size - 2) / std::max(natural.width(), natural.height());
  painter.translate(size / 2.0, size / 2.0);
  painter.scale(scale, scale);
  const QRectF bounds(-natural.width() / 2, -natural.height() / 2, natural.width(), natural.height());
  Style style;
  paintShape(painter, &info, di, bounds, style);
  return pixmap;
}

QByteArray encodeEntry(const NewElement& element) {
  for (const PaletteEntry& e : paletteEntries()) {
    if (e.element.category == element.category && e.element.kind == element.kind &&
        e.element.eventDefinition == element.eventDefinition && e.element.expanded == element.expanded &&
        e.element.vertical == element.vertical) {
      return e.objectName.toUtf8();
    }
  }
  return {};
}

std::optional<NewElement> decodeEntry(const QByteArray& bytes) {
  for (const PaletteEntry& e : paletteEntries()) {
    if (e.objectName.toUtf8() == bytes) return e.element;
  }
  return std::nullopt;
}

PaletteBar::PaletteBar(QWidget* parent) : QWidget(parent), grid_(new QGridLayout(this)) {
  setObjectName("palette-entries");
  grid_->setSpacing(2);
  grid_->setContentsMargins(4, 4, 4, 4);
  for (const PaletteEntry& e : paletteEntries()) {
    auto* action = new QAction(QIcon(elementIcon(e.element, 24)), e.name, this);
    action->setObjectName(e.objectName);
    action->setToolTip(tr("%1: click, then click the canvas; or drag it onto the canvas").arg(e.name));
    const NewElement element = e.element;
    connect(action, &QAction::triggered, this, [this, element] { emit chosen(element); });
    auto* button = new PaletteButton(element, this);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    button->setIconSize(QSize(24, 24));
    grid_->addWidget(button, next_ / 2, next_ % 2);
    ++next_;
  }
  grid_->setRowStretch(next_ / 2 + 1, 1);
}

void PaletteBar::addTool(QAction* action) {
  auto* button = new QToolButton(this);
  button->setDefaultAction(action);
  button->setAutoRaise(true);
  button->setToolButtonStyle(Qt::ToolButtonTextOnly);
  grid_->addWidget(button, next_ / 2 + 2, 0, 1, 2);
  ++next_;
  ++next_;
}

}  // namespace bpmn::modeler

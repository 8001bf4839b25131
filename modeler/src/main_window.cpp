// MainWindow and DiagramView (main_window.h).
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QGraphicsItem>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMouseEvent>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QWheelEvent>

#include "diagram_items.h"
#include "diagram_scene.h"
#include "editing.h"
#include "exporter.h"

namespace bpmn::modeler {

DiagramView::DiagramView(BpmnDocument& document, int diagram, EditTool& tool, QWidget* parent)
    : QGraphicsView(new DiagramScene(document, diagram), parent), document_(document), diagram_(diagram), tool_(tool) {
  scene()->setParent(this);
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setDragMode(QGraphicsView::ScrollHandDrag);
  setBackgroundBrush(Qt::white);
}

// The whole diagram in view, shrunk to fit but never enlarged past 100%.
void DiagramView::fit() {
  const QRectF rect = static_cast<DiagramScene*>(scene())->diagramRect();
  fitInView(rect, Qt::KeepAspectRatio);
  if (transform().m11() > 1) {
    resetTransform();
    centerOn(rect.center());
  }
}

void DiagramView::wheelEvent(QWheelEvent* event) {
  const double factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  scale(factor, factor);
}

bool DiagramView::useTool(const QPointF& scenePos, const QString& shapeUnder) {
  switch (tool_.mode) {
    case EditTool::Mode::kSelect:
      return false;
    case EditTool::Mode::kCreate: {
      const model::ElementKind kind = tool_.kind;
      auto created = document_.change(
          QObject::tr("Create %1").arg(QString::fromStdString(std::string(model::elementKindName(kind)))),
          [&](model::Definitions& definitions) { return createNode(definitions, diagram_, kind, scenePos); });
      tool_.mode = EditTool::Mode::kSelect;
      if (created.isOk()) emit selected(QString::fromStdString(created.value()));
      return true;
    }
    case EditTool::Mode::kConnect:
      if (shapeUnder.isEmpty()) return true;  // a click beside the shapes keeps the tool
      if (tool_.source.isEmpty()) {
        tool_.source = shapeUnder;
        return true;
      }
      {
        const std::string source = tool_.source.toStdString(), target = shapeUnder.toStdString();
        auto flow = document_.change(
            QObject::tr("Connect %1 to %2").arg(tool_.source, shapeUnder),
            [&](model::Definitions& definitions) { return connectNodes(definitions, diagram_, source, target); });
        tool_.source.clear();
        tool_.mode = EditTool::Mode::kSelect;
        if (flow.isOk()) emit selected(QString::fromStdString(flow.value()));
      }
      return true;
  }
  return false;
}

void DiagramView::mousePressEvent(QMouseEvent* event) {
  dragged_.clear();
  QString shapeUnder;
  for (QGraphicsItem* item : items(event->pos())) {
    auto* shape = dynamic_cast<ShapeItem*>(item);
    if (shape && shape->bounds().contains(mapToScene(event->pos()))) {
      shapeUnder = shape->elementId();
      break;
    }
  }
  if (useTool(mapToScene(event->pos()), shapeUnder)) return;
  for (QGraphicsItem* item : items(event->pos())) {  // topmost first
    if (auto* edge = dynamic_cast<EdgeItem*>(item)) {
      emit selected(edge->elementId());
      QGraphicsView::mousePressEvent(event);
      return;
    }
    auto* shape = dynamic_cast<ShapeItem*>(item);
    if (shape && shape->bounds().contains(mapToScene(event->pos()))) {
      emit selected(shape->elementId());
      dragged_ = shape->diId();
      pressedAt_ = mapToScene(event->pos());
      setDragMode(QGraphicsView::NoDrag);
      return;
    }
  }
  emit selected({});
  QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent* event) {
  if (!dragged_.isEmpty()) {
    const QPointF delta = mapToScene(event->pos()) - pressedAt_;
    if (delta.manhattanLength() > 1) document_.moveShape(diagram_, dragged_, delta.x(), delta.y());
    dragged_.clear();
    setDragMode(QGraphicsView::ScrollHandDrag);
    return;
  }
  QGraphicsView::mouseReleaseEvent(event);
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), tabs_(new QTabWidget(this)) {
  setCentralWidget(tabs_);
  setWindowTitle("bpmn-modeler");
  resize(1200, 800);

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open..."), QKeySequence::Open, this, [this] {
    if (!confirmDiscard()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open BPMN"), {}, tr("BPMN (*.bpmn *.xml)"));
    if (!path.isEmpty()) openFile(path);
  });
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  file->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
    if (document_.path().isEmpty()) return;
    save(document_.path());
  });
  file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save BPMN"), document_.path(), tr("BPMN (*.bpmn)"));
    if (!path.isEmpty()) save(path);
  });
  file->addAction(tr("&Export SVG or PNG..."), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), {}, tr("SVG (*.svg);;PNG (*.png)"));
    if (path.isEmpty()) return;
    Status status = exportDiagram(document_, tabs_->currentIndex(), path);
    if (!status.isOk()) QMessageBox::warning(this, tr("Export"), QString::fromStdString(status.message()));
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = document_.undoStack().createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = document_.undoStack().createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  edit->addAction(undo);
  edit->addAction(redo);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  auto current = [this] { return qobject_cast<DiagramView*>(tabs_->currentWidget()); };
  view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, this, [current] {
    if (auto* v = current()) v->scale(1.2, 1.2);
  });
  view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, this, [current] {
    if (auto* v = current()) v->scale(1 / 1.2, 1 / 1.2);
  });
  view->addAction(tr("&Fit"), QKeySequence(Qt::CTRL | Qt::Key_1), this, [current] {
    if (auto* v = current()) v->fit();
  });
  view->addAction(tr("&100%"), QKeySequence(Qt::CTRL | Qt::Key_0), this, [current] {
    if (auto* v = current()) v->resetTransform();
  });

  // The palette: the next click on the canvas creates that element; the
  // connect tool joins the next two shapes clicked. Escape goes back to
  // selecting.
  QToolBar* palette = addToolBar(tr("Palette"));
  palette->setObjectName("palette");
  const std::pair<const char*, model::ElementKind> kinds[] = {
      {"Start event", model::ElementKind::kStartEvent},
      {"Task", model::ElementKind::kTask},
      {"Service task", model::ElementKind::kServiceTask},
      {"User task", model::ElementKind::kUserTask},
      {"Exclusive gateway", model::ElementKind::kExclusiveGateway},
      {"Parallel gateway", model::ElementKind::kParallelGateway},
      {"Intermediate event", model::ElementKind::kIntermediateCatchEvent},
      {"End event", model::ElementKind::kEndEvent},
  };
  for (const auto& [label, kind] : kinds) {
    QAction* action = palette->addAction(tr(label));
    action->setObjectName(QString("create-") + QString::fromStdString(std::string(model::elementKindName(kind))));
    connect(action, &QAction::triggered, this, [this, kind = kind] {
      tool_.mode = EditTool::Mode::kCreate;
      tool_.kind = kind;
      statusBar()->showMessage(tr("Click where the element goes"));
    });
  }
  QAction* connectTool = palette->addAction(tr("Connect"));
  connectTool->setObjectName("connect");
  connect(connectTool, &QAction::triggered, this, [this] {
    tool_.mode = EditTool::Mode::kConnect;
    tool_.source.clear();
    statusBar()->showMessage(tr("Click the source, then the target"));
  });
  QAction* selectTool = new QAction(tr("Select"), this);
  selectTool->setShortcut(Qt::Key_Escape);
  connect(selectTool, &QAction::triggered, this, [this] {
    tool_ = EditTool{};
    statusBar()->clearMessage();
  });
  addAction(selectTool);

  properties_ = new PropertiesPanel(document_, this);
  auto* propertiesDock = new QDockWidget(tr("Properties"), this);
  propertiesDock->setObjectName("properties");
  propertiesDock->setWidget(properties_);
  addDockWidget(Qt::RightDockWidgetArea, propertiesDock);
  view->addAction(propertiesDock->toggleViewAction());

  // Live validation: the findings of the document as it is, in a list
  // that shows the element when clicked (markers sit on the shapes).
  problems_ = new QListWidget(this);
  auto* dock = new QDockWidget(tr("Problems"), this);
  dock->setObjectName("problems");
  dock->setWidget(problems_);
  addDockWidget(Qt::BottomDockWidgetArea, dock);
  view->addAction(dock->toggleViewAction());
  connect(&document_, &BpmnDocument::changed, this, &MainWindow::showProblems);
  connect(problems_, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { reveal(item->data(Qt::UserRole).toString()); });

  connect(&document_.undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) { setWindowModified(!clean); });
  QSettings settings("bpmn", "bpmn-modeler");
  restoreGeometry(settings.value("geometry").toByteArray());
  restoreState(settings.value("state").toByteArray());
  updateRecent({});
}

bool MainWindow::openFile(const QString& path) {
  Status status = document_.open(path);
  if (!status.isOk()) {
    QMessageBox::warning(this, tr("Open"), QString::fromStdString(status.message()));
    return false;
  }
  rebuildTabs();
  // The whole diagram in view once the window has its size.
  QTimer::singleShot(0, this, [this] {
    for (int tab = 0; tab < tabs_->count(); ++tab) {
      if (auto* view = qobject_cast<DiagramView*>(tabs_->widget(tab))) view->fit();
    }
  });
  setWindowTitle(QFileInfo(path).fileName() + "[*] - bpmn-modeler");
  statusBar()->showMessage(document_.findings().isEmpty() ? tr("Opened %1").arg(path)
                                                          : document_.findings().join("; "));
  updateRecent(path);
  return true;
}

void MainWindow::rebuildTabs() {
  while (tabs_->count() > 0) delete tabs_->widget(0);
  const auto& diagrams = document_.definitions().diagrams;
  for (std::size_t i = 0; i < diagrams.size(); ++i) {
    auto* view = new DiagramView(document_, static_cast<int>(i), tool_, tabs_);
    connect(view, &DiagramView::selected, properties_, &PropertiesPanel::select);
    const QString name = QString::fromStdString(diagrams[i].name.empty() ? diagrams[i].id : diagrams[i].name);
    tabs_->addTab(view, name.isEmpty() ? tr("Diagram %1").arg(i + 1) : name);
  }
  if (diagrams.empty()) {
    // A file without diagram interchange has no positions to draw; say so
    // rather than show an empty canvas.
    auto* note = new QLabel(tr("%1 has no diagram (no BPMN DI): there are no positions to draw its elements at.\n"
                               "Its findings are listed under Problems; saving keeps it as it is.")
                                .arg(document_.path()),
                            tabs_);
    note->setAlignment(Qt::AlignCenter);
    tabs_->addTab(note, tr("No diagram"));
  }
}

bool MainWindow::save(const QString& path) {
  Status status = document_.save(path);
  if (!status.isOk()) {
    QMessageBox::warning(this, tr("Save"), QString::fromStdString(status.message()));
    return false;
  }
  statusBar()->showMessage(tr("Saved %1").arg(path));
  updateRecent(path);
  return true;
}

bool MainWindow::confirmDiscard() {
  if (!document_.isModified()) return true;
  const auto answer =
      QMessageBox::question(this, tr("Unsaved changes"), tr("%1 has unsaved changes. Save them?").arg(document_.path()),
                            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Save) return save(document_.path());
  return answer == QMessageBox::Discard;
}

void MainWindow::updateRecent(const QString& path) {
  QSettings settings("bpmn", "bpmn-modeler");
  QStringList recent = settings.value("recent").toStringList();
  if (!path.isEmpty()) {
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 10) recent.removeLast();
    settings.setValue("recent", recent);
  }
  recentMenu_->clear();
  for (const QString& file : recent) {
    recentMenu_->addAction(file, this, [this, file] {
      if (confirmDiscard()) openFile(file);
    });
  }
}

void MainWindow::showProblems() {
  problems_->clear();
  for (const auto& diagnostic : document_.diagnostics()) {
    const QString where =
        diagnostic.elementId.empty() ? QString() : QString::fromStdString(diagnostic.elementId) + ": ";
    auto* item = new QListWidgetItem(QString(diagnostic.severity == Severity::kError ? "error " : "warning ") + where +
                                         QString::fromStdString(diagnostic.message),
                                     problems_);
    item->setData(Qt::UserRole, QString::fromStdString(diagnostic.elementId));
    item->setForeground(diagnostic.severity == Severity::kError ? QColor(0xb0, 0x20, 0x20) : QColor(0x90, 0x60, 0x00));
  }
}

void MainWindow::reveal(const QString& elementId) {
  for (int tab = 0; tab < tabs_->count(); ++tab) {
    auto* view = qobject_cast<DiagramView*>(tabs_->widget(tab));
    if (!view) continue;
    if (const ShapeItem* shape = static_cast<DiagramScene*>(view->scene())->shapeOf(elementId)) {
      tabs_->setCurrentIndex(tab);
      view->centerOn(shape->bounds().center());
      return;
    }
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!confirmDiscard()) {
    event->ignore();
    return;
  }
  QSettings settings("bpmn", "bpmn-modeler");
  settings.setValue("geometry", saveGeometry());
  settings.setValue("state", saveState());
  event->accept();
}

}  // namespace bpmn::modeler

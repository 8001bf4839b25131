// MainWindow and DiagramView (main_window.h).
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QGraphicsItem>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMouseEvent>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QWheelEvent>
#include <algorithm>

#include "bpmn/layout.h"
#include "diagram_items.h"
#include "diagram_scene.h"
#include "editing.h"
#include "element_index.h"
#include "exporter.h"
#include "model_access.h"
#include "palette.h"
#include "properties.h"

namespace bpmn::modeler {

namespace {

// Auto-layout of the whole document as one undo step (bpmn/layout.h).
Status layOut(BpmnDocument& document) {
  return document
      .change(QObject::tr("Lay out"),
              [](model::Definitions& definitions) -> Result<std::string> {
                Status status = layoutDiagrams(definitions);
                if (!status.isOk()) return status;
                return std::string();
              })
      .status();
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), tabs_(new QTabWidget(this)) {
  setCentralWidget(tabs_);
  setWindowTitle("bpmn-modeler");
  resize(1200, 800);

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&New"), QKeySequence::New, this, [this] {
    if (confirmDiscard()) newFile();
  });
  file->addAction(tr("&Open..."), QKeySequence::Open, this, [this] {
    if (!confirmDiscard()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open BPMN"), {}, tr("BPMN (*.bpmn *.xml)"));
    if (!path.isEmpty()) openFile(path);
  });
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  file->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
    if (document_.path().isEmpty())
      saveAs();
    else
      save(document_.path());
  });
  file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, [this] { saveAs(); });
  file->addAction(tr("&Export SVG or PNG..."), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), {}, tr("SVG (*.svg);;PNG (*.png)"));
    if (path.isEmpty()) return;
    Status status = exportDiagram(document_, tabs_->currentIndex(), path);
    if (!status.isOk()) QMessageBox::warning(this, tr("Export"), QString::fromStdString(status.message()));
  });
  file->addAction(tr("Export Se&lection..."), this, [this] {
    DiagramView* view = currentView();
    if (!view || view->selection().isEmpty()) {
      statusBar()->showMessage(tr("Select what to export first"));
      return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export selection"), {}, tr("SVG (*.svg);;PNG (*.png)"));
    if (path.isEmpty()) return;
    Status status = exportDiagram(document_, view->diagram(), path, 2.0, view->selection());
    if (!status.isOk()) QMessageBox::warning(this, tr("Export"), QString::fromStdString(status.message()));
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = document_.undoStack().createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = document_.undoStack().createRedoAction(this, tr("&Redo"));
  // The platform's redo keys, and Ctrl+Y as in bpmn.io (once: some
  // platforms have it already).
  QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
  if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y))) redoKeys << QKeySequence(Qt::CTRL | Qt::Key_Y);
  redo->setShortcuts(redoKeys);
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  QAction* find = edit->addAction(tr("&Find..."), QKeySequence::Find, this, [this] { findElement(); });
  find->setObjectName("find");
  // The selection commands act on the diagram in front.
  auto onView = [this](QMenu* menu, const QString& name, const QKeySequence& keys, const char* objectName,
                       std::function<void(DiagramView&)> command) {
    QAction* action = menu->addAction(name);
    action->setShortcut(keys);
    action->setObjectName(objectName);
    connect(action, &QAction::triggered, this, [this, command] {
      if (DiagramView* view = currentView()) command(*view);
    });
    return action;
  };
  onView(edit, tr("Cu&t"), QKeySequence::Cut, "cut", [](DiagramView& v) { v.cutSelection(); });
  onView(edit, tr("&Copy"), QKeySequence::Copy, "copy", [](DiagramView& v) { v.copySelection(); });
  onView(edit, tr("&Paste"), QKeySequence::Paste, "paste", [](DiagramView& v) { v.paste(); });
  onView(edit, tr("&Delete"), QKeySequence(), "delete", [](DiagramView& v) { v.deleteSelection(); });
  onView(edit, tr("Select &All"), QKeySequence::SelectAll, "select-all", [](DiagramView& v) { v.selectAll(); });
  onView(edit, tr("Edit &Label"), QKeySequence(), "edit-label", [](DiagramView& v) {
    if (v.selection().size() == 1) v.editLabel(v.selection().front());
  });
  QMenu* arrange = edit->addMenu(tr("A&lign and Distribute"));
  const std::tuple<const char*, const char*, Alignment> alignments[] = {
      {"Align &Left", "align-left", Alignment::kLeft},       {"Align &Center", "align-center", Alignment::kCenter},
      {"Align &Right", "align-right", Alignment::kRight},    {"Align &Top", "align-top", Alignment::kTop},
      {"Align &Middle", "align-middle", Alignment::kMiddle}, {"Align &Bottom", "align-bottom", Alignment::kBottom},
  };
  for (const auto& [name, objectName, alignment] : alignments) {
    onView(arrange, tr(name), QKeySequence(), objectName,
           [alignment = alignment](DiagramView& v) { v.align(alignment); });
  }
  arrange->addSeparator();
  onView(arrange, tr("Distribute &Horizontally"), QKeySequence(), "distribute-horizontally",
         [](DiagramView& v) { v.distribute(Qt::Horizontal); });
  onView(arrange, tr("Distribute &Vertically"), QKeySequence(), "distribute-vertically",
         [](DiagramView& v) { v.distribute(Qt::Vertical); });
  QMenu* colour = edit->addMenu(tr("C&olour"));
  for (const PaletteColour& entry : colourPalette()) {
    QAction* action = onView(colour, entry.label, QKeySequence(), "",
                             [colours = entry.colours](DiagramView& v) { v.setColour(colours); });
    action->setObjectName("colour-" + entry.key);
    action->setIcon(QIcon(colourSwatch(entry, 24)));
  }
  QAction* snap = edit->addAction(tr("&Snap to Grid"));
  snap->setObjectName("snap");
  snap->setCheckable(true);
  snap->setChecked(true);
  connect(snap, &QAction::toggled, this, [this](bool on) {
    for (int tab = 0; tab < tabs_->count(); ++tab) {
      if (auto* v = qobject_cast<DiagramView*>(tabs_->widget(tab))) v->setSnapToGrid(on);
    }
  });

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
  QAction* layout = view->addAction(tr("&Lay Out Again"), this, [this] {
    Status status = layOut(document_);
    if (!status.isOk()) QMessageBox::warning(this, tr("Lay out"), QString::fromStdString(status.message()));
  });
  layout->setObjectName("layout");
  // A layout, and its undo, change how many diagrams there are.
  connect(&document_, &BpmnDocument::changed, this, [this] {
    QTimer::singleShot(0, this, [this] {
      const int views = qobject_cast<DiagramView*>(tabs_->widget(0)) ? tabs_->count() : 0;
      if (views != static_cast<int>(document_.definitions().diagrams.size())) rebuildTabs();
    });
  });

  // The palette: a click arms the create tool (the next click on the
  // canvas places the element), a drag drops it; the connect tool joins
  // the next two shapes clicked. Escape goes back to selecting.
  auto* palette = new PaletteBar(this);
  auto* paletteDock = new QDockWidget(tr("Palette"), this);
  paletteDock->setObjectName("palette");
  paletteDock->setWidget(palette);
  paletteDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::LeftDockWidgetArea, paletteDock);
  connect(palette, &PaletteBar::chosen, this, [this](const NewElement& element) {
    tool_.mode = EditTool::Mode::kCreate;
    tool_.element = element;
    statusBar()->showMessage(tr("Click where the %1 goes").arg(describe(element).toLower()));
  });
  QAction* connectTool = new QAction(tr("Connect"), palette);
  connectTool->setObjectName("connect");
  connectTool->setToolTip(tr("Connect two elements: click the source, then the target"));
  palette->addTool(connectTool);
  connect(connectTool, &QAction::triggered, this, [this] {
    tool_.mode = EditTool::Mode::kConnect;
    tool_.source.clear();
    statusBar()->showMessage(tr("Click the source, then the target"));
  });
  // bpmn.io's space tool: drag on the canvas to make space (right, down)
  // or remove it (left, up); with Ctrl what lies before the line moves.
  QAction* spaceTool = new QAction(tr("Space"), palette);
  spaceTool->setObjectName("space");
  spaceTool->setToolTip(tr("Create/remove space by dragging"));
  palette->addTool(spaceTool);
  connect(spaceTool, &QAction::triggered, this, [this] {
    tool_ = EditTool{};
    tool_.mode = EditTool::Mode::kSpace;
    statusBar()->showMessage(tr("Drag right or down to make space, left or up to remove it (Ctrl: the other side)"));
  });
  // bpmn.io's hand (drag pans) and lasso (drag selects, even from a
  // shape); the canvas also arms them with H and L.
  QAction* handTool = new QAction(tr("Hand"), palette);
  handTool->setObjectName("hand");
  handTool->setToolTip(tr("Hand tool: drag to move the canvas (H; Space+drag does it with any tool)"));
  palette->addTool(handTool);
  connect(handTool, &QAction::triggered, this, [this] {
    tool_ = EditTool{};
    tool_.mode = EditTool::Mode::kHand;
    statusBar()->showMessage(tr("Drag to move the canvas; Escape goes back to selecting"));
  });
  QAction* lassoTool = new QAction(tr("Lasso"), palette);
  lassoTool->setObjectName("lasso");
  lassoTool->setToolTip(tr("Lasso tool: drag around what to select (L)"));
  palette->addTool(lassoTool);
  connect(lassoTool, &QAction::triggered, this, [this] {
    tool_ = EditTool{};
    tool_.mode = EditTool::Mode::kLasso;
    statusBar()->showMessage(tr("Drag around the elements to select"));
  });
  QAction* selectTool = new QAction(tr("Select"), this);
  selectTool->setShortcut(Qt::Key_Escape);
  connect(selectTool, &QAction::triggered, this, [this] {
    tool_ = EditTool{};
    if (DiagramView* v = currentView()) {
      if (v->labelEditor()) v->cancelLabelEdit();
      v->cancelGesture();  // a space or connect drag in progress ends here; the pad shows again
    }
    statusBar()->clearMessage();
  });
  addAction(selectTool);

  properties_ = new PropertiesPanel(document_, this);
  // A renamed id keeps its element selected on the canvas.
  connect(properties_, &PropertiesPanel::renamed, this, [this](const QString&, const QString& now) {
    if (DiagramView* view = currentView()) view->setSelection({now});
  });
  // The panel follows the diagram in front: its selection, else what it draws.
  connect(tabs_, &QTabWidget::currentChanged, this, [this](int tab) {
    DiagramView* view = currentView();
    properties_->select(view && view->selection().size() == 1 ? view->selection().front() : QString());
    properties_->showDiagram(tab);
  });
  auto* propertiesDock = new QDockWidget(tr("Properties"), this);
  propertiesDock->setObjectName("properties");
  propertiesDock->setWidget(properties_);
  properties_->setMinimumWidth(300);  // room for the fields beside their labels
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
  // Without diagram interchange there is nothing to draw: lay it out, as
  // one undo step (the file counts as modified until saved).
  const bool laidOut = needsLayout(document_.definitions()) && layOut(document_).isOk();
  rebuildTabs();
  // The whole diagram in view once the window has its size.
  QTimer::singleShot(0, this, [this] {
    for (int tab = 0; tab < tabs_->count(); ++tab) {
      if (auto* view = qobject_cast<DiagramView*>(tabs_->widget(tab))) view->fit();
    }
  });
  setWindowTitle(QFileInfo(path).fileName() + "[*] - bpmn-modeler");
  statusBar()->showMessage(laidOut ? tr("Opened %1: it had no diagram, so it was laid out").arg(path)
                           : document_.findings().isEmpty() ? tr("Opened %1").arg(path)
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
    connect(view, &DiagramView::refused, this, [this](const QString& why) { statusBar()->showMessage(why, 8000); });
    connect(view, &DiagramView::statusOutdated, statusBar(), &QStatusBar::clearMessage);
    connect(view, &DiagramView::drillDown, this, [this](const QString& id) {
      const auto& all = document_.definitions().diagrams;
      for (std::size_t d = 0; d < all.size(); ++d) {
        if (all[d].plane.bpmnElement == id.toStdString()) tabs_->setCurrentIndex(static_cast<int>(d));
      }
    });
    QString name = QString::fromStdString(diagrams[i].name.empty() ? diagrams[i].id : diagrams[i].name);
    // The plane of a collapsed sub-process: its place as a breadcrumb.
    auto& definitions = const_cast<model::Definitions&>(document_.definitions());
    if (auto opened = scopeOpenedBy(definitions, diagrams[i].plane.bpmnElement); opened && opened->subProcess) {
      QStringList trail;
      for (std::string id = opened->subProcess->id; !id.empty();) {
        const model::FlowElement* element = findFlowElement(definitions, id);
        trail.prepend(QString::fromStdString(element->name.empty() ? element->id : element->name));
        auto scope = scopeOf(definitions, id);
        if (!scope || !scope->subProcess) {
          if (scope)
            trail.prepend(
                QString::fromStdString(scope->process->name.empty() ? scope->process->id : scope->process->name));
          break;
        }
        id = scope->subProcess->id;
      }
      name = trail.join(QString::fromUtf8(" \u203a "));
    }
    tabs_->addTab(view, name.isEmpty() ? tr("Diagram %1").arg(i + 1) : name);
  }
  if (diagrams.empty()) {
    // No diagram (nothing to lay out, or the layout undone); say so
    // rather than show an empty canvas.
    auto* note = new QLabel(tr("%1 has no diagram (no BPMN DI). View > Lay Out Again draws one if it has a "
                               "process.\nIts findings are listed under Problems; saving keeps it as it is.")
                                .arg(document_.path()),
                            tabs_);
    note->setAlignment(Qt::AlignCenter);
    tabs_->addTab(note, tr("No diagram"));
  }
  properties_->showDiagram(tabs_->currentIndex());
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

void MainWindow::newFile() {
  document_.openNew(newDefinitions());
  rebuildTabs();
  QTimer::singleShot(0, this, [this] {
    if (DiagramView* view = currentView()) view->fit();
  });
  setWindowTitle(tr("New diagram") + "[*] - bpmn-modeler");
  statusBar()->showMessage(tr("A new diagram: draw from the palette, then save"));
}

bool MainWindow::saveAs() {
  QString path = QFileDialog::getSaveFileName(
      this, tr("Save BPMN"), document_.path().isEmpty() ? "diagram.bpmn" : document_.path(), tr("BPMN (*.bpmn)"));
  if (path.isEmpty()) return false;
  if (!path.endsWith(".bpmn", Qt::CaseInsensitive) && !path.endsWith(".xml", Qt::CaseInsensitive)) path += ".bpmn";
  if (!save(path)) return false;
  setWindowTitle(QFileInfo(path).fileName() + "[*] - bpmn-modeler");
  return true;
}

bool MainWindow::confirmDiscard() {
  if (!document_.isModified()) return true;
  const auto answer =
      QMessageBox::question(this, tr("Unsaved changes"),
                            tr("%1 has unsaved changes. Save them?")
                                .arg(document_.path().isEmpty() ? tr("The new diagram") : document_.path()),
                            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Save) return document_.path().isEmpty() ? saveAs() : save(document_.path());
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

void MainWindow::findElement() {
  // Every element of the file with a shape, by name and id.
  QStringList choices;
  for (const auto& diagram : document_.definitions().diagrams) {
    for (const auto& di : diagram.plane.elements) {
      const QString id = QString::fromStdString(di.bpmnElement);
      const QString name = displayName(document_.definitions(), id);
      choices << (name == id ? id : QString("%1 (%2)").arg(name, id));
    }
  }
  choices.removeDuplicates();
  std::sort(choices.begin(), choices.end(),
            [](const QString& a, const QString& b) { return QString::localeAwareCompare(a, b) < 0; });
  QInputDialog dialog(this);
  dialog.setWindowTitle(tr("Find"));
  dialog.setLabelText(tr("Element (name or id)"));
  dialog.setComboBoxItems(choices);
  dialog.setComboBoxEditable(true);
  dialog.setObjectName("find-dialog");
  if (dialog.exec() != QDialog::Accepted) return;
  showFound(dialog.textValue());
}

bool MainWindow::showFound(const QString& text) {
  // "Name (id)", an id, or a name.
  QString id = text.trimmed();
  if (id.endsWith(')') && id.contains(" (")) id = id.section(" (", -1).chopped(1);
  const bool known = !id.isEmpty() && displayName(document_.definitions(), id) != id;
  for (const auto& diagram : document_.definitions().diagrams) {
    for (const auto& di : diagram.plane.elements) {
      const QString candidate = QString::fromStdString(di.bpmnElement);
      if (candidate == id || (!known && displayName(document_.definitions(), candidate) == text.trimmed())) {
        reveal(candidate);
        if (DiagramView* view = currentView()) view->setSelection({candidate});
        return true;
      }
    }
  }
  statusBar()->showMessage(tr("No element named or with the id \"%1\"").arg(text.trimmed()));
  return false;
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

DiagramView* MainWindow::currentView() const { return qobject_cast<DiagramView*>(tabs_->currentWidget()); }

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

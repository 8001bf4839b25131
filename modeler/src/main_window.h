// MainWindow: the modeler's window. One tab per diagram of the open
// document; File (open, save, save as, export, recent files), Edit (undo,
// redo), View (zoom). Shapes move by dragging, one undo step per drag;
// wheel zooms. Keeps its geometry and recent files between runs. GUI
// thread.
#pragma once

#include <QGraphicsView>
#include <QListWidget>
#include <QMainWindow>
#include <QTabWidget>

#include "bpmn_document.h"
#include "properties_panel.h"

namespace bpmn::modeler {

// What a click on the canvas does: select (and drag to move), create an
// element of `kind` where clicked (the palette), or connect two shapes with
// a sequence flow (first the source, then the target).
struct EditTool {
  enum class Mode { kSelect, kCreate, kConnect };
  Mode mode = Mode::kSelect;
  model::ElementKind kind = model::ElementKind::kTask;
  QString source;  // connect: the first shape clicked
};

// A view of one diagram: wheel zoom, drag to pan empty space, drag a shape
// to move it through the document; the palette's tools act on clicks.
class DiagramView final : public QGraphicsView {
  Q_OBJECT

 public:
  DiagramView(BpmnDocument& document, int diagram, EditTool& tool, QWidget* parent = nullptr);
  void fit();

 signals:
  // The element under a click (a shape or a flow), "" for empty space.
  void selected(const QString& elementId);

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  // A click with the create or connect tool; true when it was one.
  bool useTool(const QPointF& scenePos, const QString& shapeUnder);

  BpmnDocument& document_;
  int diagram_;
  EditTool& tool_;
  QString dragged_;
  QPointF pressedAt_;
};

class MainWindow final : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  bool openFile(const QString& path);
  BpmnDocument& document() { return document_; }
  PropertiesPanel& properties() { return *properties_; }

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void rebuildTabs();
  bool save(const QString& path);
  bool confirmDiscard();
  void updateRecent(const QString& path);
  void showProblems();
  void reveal(const QString& elementId);

  BpmnDocument document_;
  QTabWidget* tabs_;
  QMenu* recentMenu_;
  QListWidget* problems_;
  PropertiesPanel* properties_;
  EditTool tool_;
};

}  // namespace bpmn::modeler

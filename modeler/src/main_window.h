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
#include "diagram_view.h"
#include "properties_panel.h"

namespace bpmn::modeler {

class MainWindow final : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  bool openFile(const QString& path);
  // A new diagram (a process with a start event), not yet saved.
  void newFile();
  BpmnDocument& document() { return document_; }
  PropertiesPanel& properties() { return *properties_; }
  // Edit > Find (Ctrl+F): asks for an element by name or id; showFound
  // selects and reveals it ("Name (id)", an id or a name), false when the
  // file has none.
  void findElement();
  bool showFound(const QString& text);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void rebuildTabs();
  bool save(const QString& path);
  bool saveAs();
  bool confirmDiscard();
  void updateRecent(const QString& path);
  void showProblems();
  void reveal(const QString& elementId);
  DiagramView* currentView() const;

  BpmnDocument document_;
  QTabWidget* tabs_;
  QMenu* recentMenu_;
  QListWidget* problems_;
  PropertiesPanel* properties_;
  EditTool tool_;
};

}  // namespace bpmn::modeler

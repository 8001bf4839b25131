// DiagramView: the canvas of one diagram, where the user edits it the way
// bpmn.io works: click to select (Shift or Ctrl adds), drag on empty space
// for a rubber band, drag shapes to move them (snapped to the grid, with
// what goes with them), drag the corner handles of the selected shape to
// resize it and the handles of the selected connection to bend it; a
// context pad beside the selected element appends the next element,
// connects (click its connect icon, then the target; or drag from the
// icon to the target, a preview line following the mouse and the target
// under it outlined green when BPMN allows the connection, red when not),
// replaces the kind, colours (a popup of the palette's swatches) or
// deletes; double-click (or F2) edits a
// label in place; the wheel zooms; the middle button, or Ctrl with a drag,
// pans. Every gesture is one undo step through the document. The
// selection is kept by id across the scene's rebuilds. GUI thread.
#pragma once

#include <QGraphicsView>
#include <QLineEdit>
#include <QStringList>

#include "arrange.h"
#include "bpmn_document.h"
#include "clipboard.h"
#include "colours.h"
#include "editing.h"
#include "element_index.h"

namespace bpmn::modeler {

// What a click on the canvas does: select (and drag to move), create an
// element where clicked (the palette; on an activity's border a boundary
// event), or connect two shapes (first the source, then the target), or
// make space (bpmn.io's space tool: press and drag, space_tool.h).
struct EditTool {
  // kHand: a drag pans; kLasso: a drag selects what it encloses, even
  // starting on a shape (bpmn.io's hand and lasso tools).
  enum class Mode { kSelect, kCreate, kConnect, kSpace, kHand, kLasso };
  Mode mode = Mode::kSelect;
  NewElement element;
  QString source;  // connect: the first shape clicked
};

class DiagramView final : public QGraphicsView {
  Q_OBJECT

 public:
  DiagramView(BpmnDocument& document, int diagram, EditTool& tool, QWidget* parent = nullptr);
  int diagram() const { return diagram_; }
  void fit();

  const QStringList& selection() const { return selection_; }
  void setSelection(const QStringList& ids);
  bool snapsToGrid() const { return snap_; }
  void setSnapToGrid(bool snap) { snap_ = snap; }

  // The edit commands of the window's menus, on the selection.
  void selectAll();
  void deleteSelection();
  void copySelection();
  void cutSelection();
  void paste();
  void align(Alignment alignment);
  void distribute(Qt::Orientation orientation);
  // Colours the selection (nothing: the default look), one undo step.
  void setColour(const std::optional<Colours>& colours);
  // The picker the context pad's colour entry opens at `globalPos`: the
  // palette's swatches, the selection's colour checked.
  void showColourMenu(const QPoint& globalPos);
  // Moves the selection by a step of the grid (or one unit).
  void nudge(double dx, double dy);
  // Opens the in-place editor on the label of `elementId`.
  void editLabel(QString elementId);
  // Creates what the tool holds centred at `scenePos` (the palette's drop).
  void createAt(const NewElement& element, const QPointF& scenePos);
  void cancelLabelEdit() { finishLabelEdit(false); }
  // Escape: drops the gesture in progress (a drag of any kind, the space
  // or connect preview, a refused target); its release then does nothing.
  void cancelGesture();
  // The label editor while it is open, for tests.
  QLineEdit* labelEditor() const { return labelEditor_; }
  // The scene rectangle of the selection, for selection export.
  QRectF selectionRect() const;

  // The clipboard all views of the window share.
  static Clipboard& clipboard();

 signals:
  // The single selected element (a shape or a flow), "" for none or many.
  void selected(const QString& elementId);
  void selectionChanged(const QStringList& ids);
  // The user asked to open the plane of a collapsed sub-process (its
  // drill-down marker, or a double click on it).
  void drillDown(const QString& elementId);
  // A refused gesture, said in the status bar.
  void refused(const QString& reason);
  // What the status bar says for the gesture no longer holds: the view put
  // the one-use tool down (its hint), or the mouse left the refused target
  // (its reason) for an allowed one or the empty canvas.
  void statusOutdated();

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  // How far a drag has moved things, in scene units: the mouse's travel
  // since the press mapped through the view as it is now (nothing before
  // the travel passes the drag threshold).
  QPointF dragDelta(QMouseEvent* event);
  // The element's name for undo texts, else its id.
  QString named(const QString& id) const { return displayName(document_.definitions(), id); }
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void keyReleaseEvent(QKeyEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  enum class Drag { kNone, kMove, kResize, kWaypoint, kSegment, kRubberBand, kPan, kLabel, kConnect, kSpace };

  // A click with the create or connect tool; true when it was one.
  bool useTool(const QPointF& scenePos, const QString& shapeUnder);
  // Connects the connect tool's source to `target` (one undo step, or the
  // reason it may not in the status bar) and puts the tool down.
  void connectTo(const QString& target);
  // While connecting: a line from the source to the mouse, the shape
  // under the mouse outlined as allowed or refused.
  void showConnectPreview(const QPointF& scenePos);
  void clearPreview();
  // While making space: the line where the drag started and the outlines
  // of what moves and what grows or shrinks, as the release would leave them.
  void showSpacePreview(const QPointF& scenePos, Qt::KeyboardModifiers modifiers);
  // The topmost shape whose DI bounds hold the point, or "".
  QString shapeAt(const QPointF& scenePos) const;
  QString edgeAt(const QPoint& viewPos) const;
  void showSelection();
  void showContextPad(const QString& elementId);
  void showDrillDowns();
  // Whether a diagram of the file draws the inside of this element.
  bool hasOwnPlane(const QString& elementId) const;
  void usePad(const QString& entry, const QString& elementId);
  void append(const QString& source, const NewElement& element);
  void showReplaceMenu(const QString& elementId, const QPoint& globalPos);
  void finishLabelEdit(bool commit);
  void apply(const QString& what, const std::function<Result<std::string>(model::Definitions&)>& change,
             bool selectResult = false);
  QPointF snapped(const QPointF& delta) const;

  BpmnDocument& document_;
  int diagram_;
  EditTool& tool_;
  QStringList selection_;
  bool snap_ = true;

  Drag drag_ = Drag::kNone;
  QPointF pressedAt_;     // scene: where the press was
  QPoint pressedAtView_;  // viewport: drag thresholds are in pixels, whatever the zoom
  // The mouse has travelled past the drag threshold since the press. A
  // press and release without that travel is a click, even when the view
  // scrolled or re-centred in between (a selection growing the scene).
  bool dragStarted_ = false;
  bool spaceHeld_ = false;  // Space+drag pans, as in bpmn.io
  QPoint panFrom_;          // view
  int handle_ = -1;         // resize: corner 0..3; waypoint: index; segment: first index
  QRectF draggedLabel_;     // label: where it was
  QList<QGraphicsItem*> preview_;
  QLineEdit* labelEditor_ = nullptr;
  QString labelElement_;
  QString refusedTarget_;  // connect preview: the refused target last said in the status bar
};

}  // namespace bpmn::modeler

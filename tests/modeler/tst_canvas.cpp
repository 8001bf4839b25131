// The canvas inside the window, as a user meets it: Escape drops a space
// or connect gesture in progress (its preview goes, its release does
// nothing), the status bar does not keep a tool's hint after the tool is
// put down nor a refused target's reason once the mouse is over an allowed
// target or the empty canvas, and a connect drag counts its threshold in
// pixels, so a short drag between adjacent shapes connects at any zoom.
// Offscreen MainWindow, QTest mouse and key events.
#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QGraphicsItem>
#include <QMenu>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QWheelEvent>
#include <QtTest>

#include "canvas_probe.h"
#include "diagram_view.h"
#include "main_window.h"
#include "model_access.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;

namespace {

// start -> task t (200,78 100x80) -> gateway g (350,93) -> end e (450,100)
// and end e2 (450,200); a sub-process below, an annotation at (500,300).
const QString kProcess = test::sourceDir() + "/tests/modeler/data/editing.bpmn";

// Two tasks 6 units apart: a at (100,100) and b at (206,100), 100x80.
const QByteArray kAdjacent =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
    "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
    "id=\"d\" targetNamespace=\"http://bpmn.io/schema/bpmn\">"
    "<bpmn:process id=\"p\" isExecutable=\"true\"><bpmn:task id=\"a\"/><bpmn:task id=\"b\"/></bpmn:process>"
    "<bpmndi:BPMNDiagram id=\"dia\"><bpmndi:BPMNPlane id=\"plane\" bpmnElement=\"p\">"
    "<bpmndi:BPMNShape id=\"a_di\" bpmnElement=\"a\"><dc:Bounds x=\"100\" y=\"100\" width=\"100\" height=\"80\"/>"
    "</bpmndi:BPMNShape>"
    "<bpmndi:BPMNShape id=\"b_di\" bpmnElement=\"b\"><dc:Bounds x=\"206\" y=\"100\" width=\"100\" height=\"80\"/>"
    "</bpmndi:BPMNShape>"
    "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>\n";

model::Definitions& mutableOf(BpmnDocument& document) {
  return const_cast<model::Definitions&>(document.definitions());
}

QRectF boundsOf(BpmnDocument& document, const std::string& id) {
  const model::DiElement* shape = shapeOf(*planeOf(mutableOf(document), 0), id);
  return shape ? rectOf(*shape->bounds) : QRectF();
}

// The sequence flows of process p, as "source>target".
QStringList flowsOf(BpmnDocument& document) {
  QStringList flows;
  for (const auto& element : findProcess(mutableOf(document), "p")->flowElements) {
    if (element.kind == model::ElementKind::kSequenceFlow) {
      flows << QString::fromStdString(element.sourceRef + ">" + element.targetRef);
    }
  }
  return flows;
}

}  // namespace

class TstCanvas : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::unique_ptr<MainWindow> window_;
  DiagramView* view_ = nullptr;

  // A window showing `path` at 100% (or `zoom`), centred on `centre`, active
  // (Escape is a window shortcut).
  void open(const QString& path, const QPointF& centre, double zoom = 1) {
    window_ = std::make_unique<MainWindow>();
    window_->resize(1200, 800);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(window_->openFile(path));
    QTest::qWait(20);  // the window fits the diagram once it has its size
    view_ = window_->findChild<DiagramView*>();
    QVERIFY(view_);
    view_->resetTransform();
    view_->scale(zoom, zoom);
    view_->centerOn(centre);
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    view_->setFocus();
    window_->statusBar()->clearMessage();
  }
  QPoint at(const QPointF& scene) const { return view_->mapFromScene(scene); }
  void tool(const QString& name) {
    auto* action = window_->findChild<QAction*>(name);
    QVERIFY2(action, qPrintable("no palette entry " + name));
    action->trigger();
  }
  void escape() { QTest::keyClick(view_->viewport(), Qt::Key_Escape); }
  QString status() const { return window_->statusBar()->currentMessage(); }
  // The preview items on the canvas, by their kind ("space-line",
  // "connect-line", "allowed", "refused", ...).
  QStringList preview() const {
    QStringList kinds;
    for (QGraphicsItem* item : view_->scene()->items()) {
      if (!item->data(3).toString().isEmpty()) kinds << item->data(3).toString();
    }
    kinds.sort();
    return kinds;
  }
  QPoint padCentre(const QString& entry) const { return test::padCentre(*view_, entry); }
  // Triggers the entry `text` of the popup menu on show (a QMenu::exec).
  static void chooseInPopup(const QString& text) {
    auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
    if (!menu) return;
    for (QAction* action : menu->actions()) {
      if (action->text() == text) {
        menu->close();
        action->trigger();
        return;
      }
    }
    menu->close();
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // the recent files go to a test location
    QApplication::setStartDragDistance(10);
    QVERIFY(dir_.isValid());
    QFile file(dir_.filePath("adjacent.bpmn"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kAdjacent);
  }
  // Issue 22, item 6: bpmn-js's gestures and keys. The wheel scrolls
  // (Ctrl+wheel zooms, Shift+wheel scrolls sideways); Space+drag and the
  // hand tool (H) pan without changing the diagram; the lasso (L) selects
  // what a drag from a shape encloses; S and C arm the space and connect
  // tools (C with the selected shape as source); E edits the label; Ctrl+Y
  // redoes; Ctrl+F finds an element by name or id.
  void gesturesAndKeys() {
    open(kProcess, {300, 150});
    auto wheel = [&](Qt::KeyboardModifiers modifiers, int delta) {
      QWheelEvent event(QPointF(300, 200), view_->viewport()->mapToGlobal(QPointF(300, 200)), QPoint(),
                        QPoint(0, delta), Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
      QApplication::sendEvent(view_->viewport(), &event);
    };
    view_->setSceneRect(QRectF(-2000, -2000, 4000, 4000));
    const int vertical = view_->verticalScrollBar()->value();
    wheel(Qt::NoModifier, -120);
    QCOMPARE(view_->transform().m11(), 1.0);
    QVERIFY(view_->verticalScrollBar()->value() > vertical);
    const int horizontal = view_->horizontalScrollBar()->value();
    wheel(Qt::ShiftModifier, -120);
    QVERIFY(view_->horizontalScrollBar()->value() != horizontal);
    wheel(Qt::ControlModifier, 120);
    QVERIFY(view_->transform().m11() > 1.0);
    view_->resetTransform();

    const int steps = window_->document().undoStack().count();
    const QRectF task = boundsOf(window_->document(), "t");
    // Space+drag from the task pans; the task stays.
    const int before = view_->horizontalScrollBar()->value();
    QTest::keyPress(view_->viewport(), Qt::Key_Space);
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, at(task.center()));
    QTest::mouseMove(view_->viewport(), at(task.center()) + QPoint(-60, 0));
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at(task.center()) + QPoint(-60, 0));
    QTest::keyRelease(view_->viewport(), Qt::Key_Space);
    QCOMPARE(view_->horizontalScrollBar()->value(), before + 60);
    QCOMPARE(boundsOf(window_->document(), "t"), task);
    // H: the hand tool.
    QTest::keyClick(view_->viewport(), Qt::Key_H);
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, at(task.center()));
    QTest::mouseMove(view_->viewport(), at(task.center()) + QPoint(0, 40));
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at(task.center()) + QPoint(0, 40));
    QCOMPARE(boundsOf(window_->document(), "t"), task);
    QCOMPARE(window_->document().undoStack().count(), steps);
    escape();
    // L: a drag from the task selects what it encloses (t and g), once.
    QTest::keyClick(view_->viewport(), Qt::Key_L);
    const QPointF from = task.topLeft() + QPointF(-5, -20),
                  to = boundsOf(window_->document(), "g").bottomRight() + QPointF(5, 20);
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, at(from + QPointF(10, 30)));
    QTest::mouseMove(view_->viewport(), at(to));
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at(to));
    QStringList selected = view_->selection();
    selected.sort();
    QVERIFY2(selected.contains("g") && !selected.contains("e2"), qPrintable(selected.join(",")));
    QCOMPARE(window_->document().undoStack().count(), steps);
    // E edits the label of the selection.
    view_->setSelection({"t"});
    QTest::keyClick(view_->viewport(), Qt::Key_E);
    QVERIFY(view_->labelEditor());
    QTest::keyClick(view_->labelEditor(), Qt::Key_Escape);
    // C: connect from the selected task; a click on the end connects.
    view_->setSelection({"t"});
    QTest::keyClick(view_->viewport(), Qt::Key_C);
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, at(boundsOf(window_->document(), "e2").center()));
    QVERIFY2(flowsOf(window_->document()).contains("t>e2"), qPrintable(flowsOf(window_->document()).join(" ")));
    // Ctrl+Z, then Ctrl+Y redoes.
    const int connected = window_->document().undoStack().count();
    QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!flowsOf(window_->document()).contains("t>e2"));
    QTest::keyClick(window_.get(), Qt::Key_Y, Qt::ControlModifier);
    QVERIFY(flowsOf(window_->document()).contains("t>e2"));
    QCOMPARE(window_->document().undoStack().index(), connected);
    // A opens the append menu; its entries append and connect.
    view_->setSelection({"t"});
    const int flowsBefore = static_cast<int>(flowsOf(window_->document()).size());
    QTimer::singleShot(50, this, [] { chooseInPopup("Append end event"); });
    QTest::keyClick(view_->viewport(), Qt::Key_A);
    QCOMPARE(static_cast<int>(flowsOf(window_->document()).size()), flowsBefore + 1);
    window_->document().undoStack().undo();
    // Align and distribute on the pad of several elements.
    view_->setSelection({"t", "g"});
    const QPoint align = padCentre("align");
    QVERIFY(align.x() >= 0);
    QVERIFY(padCentre("distribute").x() >= 0);
    QTimer::singleShot(50, this, [] { chooseInPopup("Align top"); });
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, align);
    QCOMPARE(boundsOf(window_->document(), "g").top(), boundsOf(window_->document(), "t").top());
    QCOMPARE(window_->document().undoStack().undoText(), QString("Align 2 elements"));
    window_->document().undoStack().undo();
    // Ctrl+F's search: by name or id.
    QVERIFY(window_->showFound("e2"));
    QCOMPARE(view_->selection(), QStringList{"e2"});
    QVERIFY(!window_->showFound("nothing like it"));
    QCOMPARE(status(), QString("No element named or with the id \"nothing like it\""));
  }

  void cleanup() {
    view_ = nullptr;
    window_.reset();
    // QTest moves an unpressed mouse with QCursor::setPos, which sends
    // nothing when the cursor is already there: start each test elsewhere.
    QCursor::setPos(0, 0);
  }

  // Space tool: press, drag, Escape, drag on, release: the preview went
  // with the Escape and the release makes no space.
  void escapeCancelsSpaceDrag() {
    open(kProcess, {300, 250});
    BpmnDocument& document = window_->document();
    const int steps = document.undoStack().count();
    const QRectF gateway = boundsOf(document, "g");
    tool("space");
    QVERIFY(!status().isEmpty());  // the tool's hint
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, at({330, 40}));
    QTest::mouseMove(view_->viewport(), at({380, 40}));
    QVERIFY(preview().contains("space-line"));
    escape();
    QCOMPARE(preview(), QStringList());
    QCOMPARE(status(), QString());
    QTest::mouseMove(view_->viewport(), at({400, 40}));
    QCOMPARE(preview(), QStringList());
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at({400, 40}));
    QCOMPARE(document.undoStack().count(), steps);
    QCOMPARE(boundsOf(document, "g"), gateway);

    // Escape put the tool down: the next drag on the empty canvas is a
    // rubber band, not space.
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, at({330, 40}));
    QTest::mouseMove(view_->viewport(), at({380, 60}));
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at({380, 60}));
    QCOMPARE(document.undoStack().count(), steps);
    QCOMPARE(boundsOf(document, "g"), gateway);
  }

  // The space tool's hint goes when its drag puts it down.
  void spaceHintGoesWithTheTool() {
    open(kProcess, {300, 250});
    BpmnDocument& document = window_->document();
    const int steps = document.undoStack().count();
    const QRectF gateway = boundsOf(document, "g");
    tool("space");
    QVERIFY(status().startsWith("Drag right or down to make space"));
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, at({330, 40}));
    QTest::mouseMove(view_->viewport(), at({370, 40}));
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at({370, 40}));
    QCOMPARE(document.undoStack().count(), steps + 1);
    QCOMPARE(boundsOf(document, "g"), gateway.translated(40, 0));
    QCOMPARE(status(), QString());
  }

  // The pad's connect icon dragged to e2, Escape, released over e2:
  // nothing connects and the status bar says nothing about it.
  void escapeCancelsConnectDrag() {
    open(kProcess, {300, 250});
    BpmnDocument& document = window_->document();
    const int steps = document.undoStack().count();
    const QStringList flows = flowsOf(document);
    view_->setSelection({"t"});
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, padCentre("connect"));
    QTest::mouseMove(view_->viewport(), at({400, 250}));
    QTest::mouseMove(view_->viewport(), at({468, 218}));
    QCOMPARE(preview(), (QStringList{"allowed", "connect-line"}));
    escape();
    QCOMPARE(preview(), QStringList());
    QVERIFY(test::padItem(*view_, "connect"));  // the selection shows again
    QTest::mouseMove(view_->viewport(), at({468, 210}));
    QCOMPARE(preview(), QStringList());
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at({468, 218}));
    QCOMPARE(document.undoStack().count(), steps);
    QCOMPARE(flowsOf(document), flows);
    QCOMPARE(status(), QString());
    QCOMPARE(view_->selection(), QStringList{"t"});

    // The palette's Connect tool, pressed on t and dragged: alike.
    tool("connect");
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, at({230, 100}));
    QTest::mouseMove(view_->viewport(), at({468, 218}));
    QCOMPARE(preview(), (QStringList{"allowed", "connect-line"}));
    escape();
    QCOMPARE(preview(), QStringList());
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at({468, 218}));
    QCOMPARE(document.undoStack().count(), steps);
    QCOMPARE(flowsOf(document), flows);
    QCOMPARE(status(), QString());
  }

  // Click, click: after the icon's click the preview follows the mouse;
  // Escape takes it away at once (no mouse move needed), refused outline
  // included, and a click on the target afterwards only selects it.
  void escapeCancelsClickConnect() {
    open(kProcess, {300, 250});
    BpmnDocument& document = window_->document();
    const int steps = document.undoStack().count();
    view_->setSelection({"t"});
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, padCentre("connect"));
    QTest::mouseMove(view_->viewport(), at({468, 118}));
    QCOMPARE(preview(), (QStringList{"allowed", "connect-line"}));
    escape();
    QCOMPARE(preview(), QStringList());
    QCOMPARE(status(), QString());

    view_->setSelection({"t"});
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, padCentre("connect"));
    QTest::mouseMove(view_->viewport(), at({118, 118}));
    QCOMPARE(preview(), (QStringList{"connect-line", "refused"}));
    escape();
    QCOMPARE(preview(), QStringList());
    QCOMPARE(status(), QString());
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, at({468, 118}));
    QCOMPARE(document.undoStack().count(), steps);
    QCOMPARE(view_->selection(), QStringList{"e"});
  }

  // A refused target's reason stays only while the mouse is over it: over
  // an allowed target or the empty canvas the status bar is clear.
  void refusalReasonFollowsTheTarget() {
    open(kProcess, {300, 250});
    const QString startRefuses("a start event has no incoming sequence flows");
    view_->setSelection({"t"});
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, padCentre("connect"));
    QTest::mouseMove(view_->viewport(), at({118, 118}));
    QCOMPARE(status(), startRefuses);
    QTest::mouseMove(view_->viewport(), at({120, 120}));  // still on it
    QCOMPARE(status(), startRefuses);
    QTest::mouseMove(view_->viewport(), at({468, 118}));  // e: allowed
    QCOMPARE(preview(), (QStringList{"allowed", "connect-line"}));
    QCOMPARE(status(), QString());
    QTest::mouseMove(view_->viewport(), at({118, 118}));
    QCOMPARE(status(), startRefuses);
    QTest::mouseMove(view_->viewport(), at({700, 40}));  // the empty canvas
    QCOMPARE(preview(), QStringList{"connect-line"});
    QCOMPARE(status(), QString());

    // Dragged from the icon alike; released over the allowed target, it
    // connects and the status bar stays clear.
    escape();
    BpmnDocument& document = window_->document();
    const int steps = document.undoStack().count();
    view_->setSelection({"t"});
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, padCentre("connect"));
    QTest::mouseMove(view_->viewport(), at({118, 118}));
    QCOMPARE(status(), startRefuses);
    QTest::mouseMove(view_->viewport(), at({468, 218}));
    QCOMPARE(status(), QString());
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at({468, 218}));
    QCOMPARE(document.undoStack().count(), steps + 1);
    QVERIFY(flowsOf(document).contains("t>e2"));
    QCOMPARE(status(), QString());
  }

  // At 300%, a drag of 8 units (24 pixels) from a to the adjacent b
  // connects them; a press that moves 1 unit (3 pixels) is a click and
  // keeps the tool for a click on the target.
  void connectThresholdInPixels() {
    open(dir_.filePath("adjacent.bpmn"), {200, 140}, 3);
    BpmnDocument& document = window_->document();
    const int steps = document.undoStack().count();
    QCOMPARE(flowsOf(document), QStringList());

    tool("connect");
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, at({150, 140}));
    QTest::mouseMove(view_->viewport(), at({151, 140}));
    QCOMPARE(preview(), QStringList());  // below the threshold: no preview yet
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at({151, 140}));
    QCOMPARE(document.undoStack().count(), steps);
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, at({250, 140}));  // b
    QCOMPARE(document.undoStack().count(), steps + 1);
    QCOMPARE(flowsOf(document), QStringList{"a>b"});
    document.undoStack().undo();
    QCOMPARE(flowsOf(document), QStringList());

    tool("connect");
    QTest::mousePress(view_->viewport(), Qt::LeftButton, {}, at({199, 140}));
    QTest::mouseMove(view_->viewport(), at({203, 140}));
    QTest::mouseMove(view_->viewport(), at({207, 140}));
    QCOMPARE(preview(), (QStringList{"allowed", "connect-line"}));
    QTest::mouseRelease(view_->viewport(), Qt::LeftButton, {}, at({207, 140}));
    QCOMPARE(document.undoStack().index(), steps + 1);
    QCOMPARE(flowsOf(document), QStringList{"a>b"});
    QCOMPARE(status(), QString());

    // The tool is down: a click on b selects it.
    QTest::mouseClick(view_->viewport(), Qt::LeftButton, {}, at({250, 140}));
    QCOMPARE(view_->selection(), QStringList{"b"});
    QCOMPARE(document.undoStack().index(), steps + 1);
  }
};

QTEST_MAIN(TstCanvas)
#include "tst_canvas.moc"

// The window and auto-layout: a file without diagram interchange opens
// laid out (one undo step, so it counts as modified), View > Lay Out Again
// is one more step, and undoing the layout brings the note back.
#include <QAction>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "bpmn/layout.h"
#include "diagram_view.h"
#include "main_window.h"

using namespace bpmn;
using namespace bpmn::modeler;

class TestLayoutWindow : public QObject {
  Q_OBJECT

 private slots:
  void opensLaidOutAndLaysOutAgain() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("plain.bpmn");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
        "<process id=\"p\"><startEvent id=\"s\"/><sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"t\"/>"
        "<task id=\"t\"/><sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/><endEvent id=\"e\"/>"
        "</process></definitions>");
    file.close();

    MainWindow window;
    QVERIFY(window.openFile(path));
    BpmnDocument& document = window.document();
    QVERIFY(!needsLayout(document.definitions()));
    QCOMPARE(document.undoStack().count(), 1);
    QVERIFY(document.isModified());
    auto* tabs = window.findChild<QTabWidget*>();
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 1);
    QVERIFY(qobject_cast<DiagramView*>(tabs->widget(0)));
    const auto laidOut = document.definitions().diagrams;

    // Moved by hand, then laid out again: the same drawing, one more step.
    QVERIFY(document.moveShape(0, "t_di", 40, 60).isOk());
    QVERIFY(document.definitions().diagrams != laidOut);
    auto* layout = window.findChild<QAction*>("layout");
    QVERIFY(layout);
    layout->trigger();
    QCOMPARE(document.undoStack().count(), 3);
    QVERIFY(document.definitions().diagrams == laidOut);

    // Undo all the way: no diagram, and the note instead of a view.
    while (document.undoStack().canUndo()) document.undoStack().undo();
    QVERIFY(document.definitions().diagrams.empty());
    QTRY_VERIFY(!qobject_cast<DiagramView*>(tabs->widget(0)));
    QCOMPARE(tabs->count(), 1);
    document.undoStack().redo();
    QTRY_VERIFY(qobject_cast<DiagramView*>(tabs->widget(0)));
  }
};

QTEST_MAIN(TestLayoutWindow)
#include "tst_layout_window.moc"

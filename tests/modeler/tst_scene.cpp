// The modeler's document and scene over the BPMN-MIWG corpus: every file
// opens and saves back to an equal model; every DI shape and edge becomes
// one item at its DI geometry; every reference diagram exports to SVG and
// PNG; moving a shape is one undo step.
#include <QDirIterator>
#include <QDomDocument>
#include <QTemporaryDir>
#include <QtTest>

#include "bpmn/parser.h"
#include "bpmn_document.h"
#include "canvas_probe.h"
#include "diagram_items.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "exporter.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;

namespace {

QStringList corpusFiles(const QString& folder) {
  QStringList files;
  QDirIterator it(bpmn::test::corporaDir() + "/miwg/" + folder, {"*.bpmn"}, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) files << it.next();
  files.sort();
  return files;
}

}  // namespace

class TstScene : public QObject {
  Q_OBJECT

 private slots:
  // Open then save without edits: the same model and DI (the model
  // layer's equality), for every reference and every tool's export.
  void openSaveRoundTrip() {
    const QStringList files = corpusFiles("reference") + corpusFiles("exports");
    QVERIFY(files.size() > 150);
    QTemporaryDir dir;
    int opened = 0;
    for (const QString& file : files) {
      BpmnDocument document;
      Status status = document.open(file);
      QVERIFY2(status.isOk(), qPrintable(file + ": " + QString::fromStdString(status.message())));
      ++opened;
      const QString saved = dir.filePath("saved.bpmn");
      QVERIFY(document.save(saved).isOk());
      BpmnDocument again;
      QVERIFY(again.open(saved).isOk());
      QVERIFY2(again.definitions() == document.definitions(), qPrintable(file + " changed on save"));
    }
    QCOMPARE(opened, files.size());
  }

  // One item per DI shape (at its bounds) and per edge (along its
  // waypoints), in every diagram of every reference file.
  void itemsFollowTheDi() {
    for (const QString& file : corpusFiles("reference")) {
      BpmnDocument document;
      QVERIFY(document.open(file).isOk());
      for (int d = 0; d < static_cast<int>(document.definitions().diagrams.size()); ++d) {
        DiagramScene scene(document, d);
        QHash<QString, const ShapeItem*> shapes;
        QHash<QString, const EdgeItem*> edges;
        for (QGraphicsItem* item : scene.items()) {
          if (auto* shape = dynamic_cast<ShapeItem*>(item)) shapes.insert(shape->diId(), shape);
          if (auto* edge = dynamic_cast<EdgeItem*>(item)) edges.insert(edge->diId(), edge);
        }
        int expectedShapes = 0, expectedEdges = 0;
        for (const auto& di : document.definitions().diagrams[static_cast<std::size_t>(d)].plane.elements) {
          const QString id = QString::fromStdString(di.id);
          if (di.kind == model::DiElement::Kind::kShape) {
            if (!di.bounds) continue;
            ++expectedShapes;
            QVERIFY2(shapes.contains(id), qPrintable(file + ": no item for " + id));
            QCOMPARE(shapes[id]->bounds(), QRectF(di.bounds->x, di.bounds->y, di.bounds->width, di.bounds->height));
          } else {
            ++expectedEdges;
            QVERIFY2(edges.contains(id), qPrintable(file + ": no item for " + id));
            QCOMPARE(edges[id]->waypoints().size(), static_cast<qsizetype>(di.waypoints.size()));
            for (std::size_t i = 0; i < di.waypoints.size(); ++i) {
              QCOMPARE(edges[id]->waypoints()[static_cast<qsizetype>(i)],
                       QPointF(di.waypoints[i].x, di.waypoints[i].y));
            }
          }
        }
        QCOMPARE(shapes.size(), expectedShapes);
        QCOMPARE(edges.size(), expectedEdges);
      }
    }
  }

  // Every reference renders headless to SVG (well-formed, sized to the
  // diagram) and PNG.
  void referencesExport() {
    QTemporaryDir dir;
    const QStringList files = corpusFiles("reference");
    QCOMPARE(files.size(), 21);
    for (const QString& file : files) {
      BpmnDocument document;
      QVERIFY(document.open(file).isOk());
      const QString svg = dir.filePath("out.svg"), png = dir.filePath("out.png");
      QVERIFY2(exportDiagram(document, 0, svg).isOk(), qPrintable(file));
      QVERIFY2(exportDiagram(document, 0, png).isOk(), qPrintable(file));
      QDomDocument parsed;
      QVERIFY2(parsed.setContent(bpmn::test::readAll(svg)), qPrintable(file + ": SVG is not XML"));
      QCOMPARE(parsed.documentElement().tagName(), QString("svg"));
      QImage image(png);
      QVERIFY(!image.isNull() && image.width() > 100 && image.height() > 50);
    }
    BpmnDocument document;
    QVERIFY(document.open(files.front()).isOk());
    QCOMPARE(QString::fromStdString(exportDiagram(document, 5, dir.filePath("x.svg")).message()),
             files.front() + ": no diagram 6 (the file has 1)");
    QCOMPARE(QString::fromStdString(exportDiagram(document, 0, dir.filePath("x.pdf")).message()),
             dir.filePath("x.pdf") + ": export writes .svg or .png");
  }

  // Live validation: a finding on an element puts a marker on its shape
  // (with the message as tooltip) in the window's scene, and none in an
  // export; fixing it by an edit would clear it on the next change.
  void validationMarkersOnShapes() {
    const QByteArray xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
        "id=\"d\" targetNamespace=\"t\"><process id=\"p\" isExecutable=\"true\"><startEvent id=\"s\"/>"
        "<task id=\"lonely\"/></process><bpmndi:BPMNDiagram id=\"dg\"><bpmndi:BPMNPlane id=\"pl\" bpmnElement=\"p\">"
        "<bpmndi:BPMNShape id=\"s_di\" bpmnElement=\"s\"><dc:Bounds x=\"0\" y=\"0\" width=\"36\" height=\"36\"/>"
        "</bpmndi:BPMNShape><bpmndi:BPMNShape id=\"lonely_di\" bpmnElement=\"lonely\"><dc:Bounds x=\"100\" y=\"0\" "
        "width=\"100\" height=\"80\"/></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>";
    BpmnDocument document;
    QVERIFY(document.openBytes(xml, "lonely.bpmn").isOk());
    QVERIFY(!document.diagnostics().empty());
    const Diagnostic* onTask = nullptr;
    for (const auto& diagnostic : document.diagnostics()) {
      if (diagnostic.elementId == "lonely") onTask = &diagnostic;
    }
    QVERIFY(onTask);
    DiagramScene scene(document, 0);
    QList<MarkerItem*> markers;
    for (QGraphicsItem* item : scene.items()) {
      if (auto* marker = dynamic_cast<MarkerItem*>(item)) markers << marker;
    }
    QVERIFY(!markers.isEmpty());
    bool found = false;
    for (const MarkerItem* marker : markers) {
      if (marker->toolTip().contains(QString::fromStdString(onTask->message))) {
        found = true;
        QVERIFY(QRectF(100, 0, 100, 80).adjusted(-10, -10, 10, 10).contains(marker->boundingRect().center()));
        QCOMPARE(marker->isError(), onTask->severity == Severity::kError);
      }
    }
    QVERIFY(found);
    DiagramScene exported(document, 0, false);
    for (QGraphicsItem* item : exported.items()) QVERIFY(!dynamic_cast<MarkerItem*>(item));
  }

  // A word wider than its shape breaks between characters, as bpmn.io
  // breaks it: every line of a task's name lies inside the task's DI
  // bounds and together they spell the whole name; an event's external
  // label stays in bpmn.io's 90 wide column centred under the event.
  void longWordsBreakInsideTheShape() {
    const QString word = "Supercalifragilisticexpialidocious_invoice_check";
    const QByteArray xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
        "id=\"d\" targetNamespace=\"t\"><process id=\"p\"><task id=\"task\" name=\"" +
        word.toUtf8() + "\"/><startEvent id=\"s\" name=\"" + word.toUtf8() +
        "\"/></process><bpmndi:BPMNDiagram id=\"dg\"><bpmndi:BPMNPlane id=\"pl\" bpmnElement=\"p\">"
        "<bpmndi:BPMNShape id=\"task_di\" bpmnElement=\"task\"><dc:Bounds x=\"100\" y=\"50\" width=\"100\" "
        "height=\"80\"/></bpmndi:BPMNShape><bpmndi:BPMNShape id=\"s_di\" bpmnElement=\"s\"><dc:Bounds x=\"300\" "
        "y=\"72\" width=\"36\" "
        "height=\"36\"/></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>";
    BpmnDocument document;
    QVERIFY(document.openBytes(xml, "long.bpmn").isOk());
    DiagramScene scene(document, 0, false);
    const ElementIndex index(document.definitions());
    const model::DiElement& taskDi = document.definitions().diagrams.front().plane.elements.front();
    QCOMPARE(taskDi.bpmnElement, std::string("task"));
    const ShapeItem* task = nullptr;
    const LabelItem* label = nullptr;
    for (QGraphicsItem* item : scene.items()) {
      if (auto* shape = dynamic_cast<ShapeItem*>(item); shape && shape->elementId() == "task") task = shape;
      if (auto* found = dynamic_cast<LabelItem*>(item); found && found->elementId() == "s") label = found;
    }
    QVERIFY(task && label);
    QCOMPARE(task->bounds(), QRectF(100, 50, 100, 80));
    const std::vector<TextLine> lines = shapeText(index.find("task"), taskDi, task->bounds());
    QVERIFY(lines.size() >= 3);  // about 300 px of text in an 84 px wide box
    QString spelled;
    for (const TextLine& line : lines) {
      QVERIFY2(task->bounds().contains(line.rect), qPrintable(line.text));
      QVERIFY(line.rect.width() > 0);
      spelled += line.text;
    }
    QCOMPARE(spelled, word);

    // The event's label: no DI label bounds, so under the event.
    const std::vector<TextLine> labelLines = labelText(word, label->rect());
    QVERIFY(labelLines.size() >= 3);
    const QRectF column(318 - 45, 108, 90, 1000);
    spelled.clear();
    for (const TextLine& line : labelLines) {
      QVERIFY2(column.contains(line.rect), qPrintable(line.text));
      spelled += line.text;
    }
    QCOMPARE(spelled, word);
    QVERIFY(column.contains(label->textRect().adjusted(2, 2, -2, -2)));
    QVERIFY(label->boundingRect().contains(label->textRect()));
    // Words that fit stay whole, each line centred under the event.
    for (const QString& name : {QString("Invoice received and checked"), QString("Paid")}) {
      const std::vector<TextLine> wrapped = labelText(name, label->rect());
      QStringList texts;
      for (const TextLine& line : wrapped) {
        QVERIFY(std::abs(line.rect.center().x() - 318) < 0.5);
        texts << line.text;
      }
      QCOMPARE(texts.join(' '), name);
      for (const QString& line : texts) QVERIFY2(name.split(' ').contains(line.split(' ').front()), qPrintable(line));
    }
    QCOMPARE(labelText("Paid", label->rect()).size(), std::size_t(1));
  }

  // A name of white space only lays out no line: the label's text rect is
  // then its own rect (not a speck at the scene's origin that would
  // stretch its bounding rect to the origin), so a press near (0,0) does
  // not grab the label, while a press on the label still does.
  void blankLabelStaysWhereItIs() {
    const QByteArray xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
        "id=\"d\" targetNamespace=\"t\"><process id=\"p\"><startEvent id=\"s\" name=\"   \"/></process>"
        "<bpmndi:BPMNDiagram id=\"dg\"><bpmndi:BPMNPlane id=\"pl\" bpmnElement=\"p\">"
        "<bpmndi:BPMNShape id=\"s_di\" bpmnElement=\"s\"><dc:Bounds x=\"300\" y=\"200\" width=\"36\" "
        "height=\"36\"/><bpmndi:BPMNLabel><dc:Bounds x=\"290\" y=\"243\" width=\"56\" height=\"14\"/>"
        "</bpmndi:BPMNLabel></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>";
    BpmnDocument document;
    QVERIFY(document.openBytes(xml, "blank.bpmn").isOk());
    EditTool tool;
    DiagramView view(document, 0, tool);
    test::showAt(view, {800, 600}, {300, 200});
    const LabelItem* label = nullptr;
    for (QGraphicsItem* item : view.scene()->items()) {
      if (auto* found = dynamic_cast<LabelItem*>(item); found && found->elementId() == "s") label = found;
    }
    QVERIFY(label);
    QCOMPARE(label->rect(), QRectF(290, 243, 56, 14));
    QCOMPARE(label->textRect(), QRectF(290, 243, 56, 14));
    QCOMPARE(label->boundingRect(), QRectF(286, 239, 64, 22));
    QVERIFY(view.scene()->items(QPointF(1, 1)).isEmpty());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(QPointF(1, 1)));
    QVERIFY(view.selection().isEmpty());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(QPointF(318, 250)));
    QCOMPARE(view.selection(), QStringList{"s"});
  }

  // Moving a shape is one undo step: undo restores its bounds and label,
  // redo moves it again, and the document knows it is modified.
  void moveIsOneUndoStep() {
    BpmnDocument document;
    QVERIFY(document.open(corpusFiles("reference").front()).isOk());
    const model::DiElement* event = nullptr;
    for (const auto& di : document.definitions().diagrams.front().plane.elements) {
      if (di.kind == model::DiElement::Kind::kShape && di.label && di.label->bounds) event = &di;
    }
    QVERIFY(event);
    const model::Bounds before = *event->bounds;
    const model::Bounds labelBefore = *event->label->bounds;
    QSignalSpy changed(&document, &BpmnDocument::changed);
    QVERIFY(document.moveShape(0, QString::fromStdString(event->id), 30, -10).isOk());
    QCOMPARE(event->bounds->x, before.x + 30);
    QCOMPARE(event->bounds->y, before.y - 10);
    QCOMPARE(event->label->bounds->x, labelBefore.x + 30);
    QVERIFY(document.isModified());
    QCOMPARE(document.undoStack().count(), 1);
    document.undoStack().undo();
    QCOMPARE(*event->bounds, before);
    QCOMPARE(*event->label->bounds, labelBefore);
    QVERIFY(!document.isModified());
    document.undoStack().redo();
    QCOMPARE(event->bounds->x, before.x + 30);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(QString::fromStdString(document.moveShape(0, "nothing", 1, 1).message()),
             QString("no shape nothing in diagram 0"));
  }
};

QTEST_MAIN(TstScene)
#include "tst_scene.moc"

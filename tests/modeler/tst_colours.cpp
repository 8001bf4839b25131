// Element colours as bpmn.io's colour picker sets them (colours.h): the
// exact DI attributes and namespace declarations bpmn-js's
// Modeling#setColor writes (a shape: bioc:stroke, bioc:fill,
// color:background-color, color:border-color; an edge: bioc:stroke,
// color:border-color; a BPMNLabel: color:color), Camunda Modeler's
// palette, that the canvas and the exports draw them, that the default
// look takes them (and the declarations they needed) away again so the
// file is the one opened, one undo step each and none for no change, a
// save that reads back equal and still validates against the OMG XSD
// (DI elements allow attributes of other namespaces: DI.xsd's
// DiagramElement has <xsd:anyAttribute namespace="##other">), and the
// context pad's colour entry and Edit > Colour.
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QGraphicsItem>
#include <QMenu>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "bpmn/parser.h"
#include "bpmn/writer.h"
#include "bpmn_document.h"
#include "canvas_probe.h"
#include "colours.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "exporter.h"
#include "main_window.h"
#include "model_access.h"
#include "notation.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;

namespace {

const std::string kBioc = "http://bpmn.io/schema/bpmn/biocolor/1.0";
const std::string kColor = "http://www.omg.org/spec/BPMN/non-normative/color/1.0";

// start -> task t -> gateway -> end e (with a BPMNLabel) / e2 ...
const QByteArray kProcess = test::readAll(test::sourceDir() + "/tests/modeler/data/editing.bpmn");

const Colours kBlue{"#bbdefb", "#0d4372"};
const Colours kRed{"#ffcdd2", "#831311"};

const model::DiElement& diOf(BpmnDocument& document, const std::string& id) {
  for (const auto& di : planeOf(document.definitions(), 0)->elements) {
    if (di.bpmnElement == id) return di;
  }
  qFatal("no DI for %s", id.c_str());
}

std::vector<model::XmlAttribute> attrs(std::initializer_list<model::XmlAttribute> list) { return list; }

// The XML of one DI element's start tag as written.
std::string startTag(const std::string& xml, const std::string& diId) {
  const auto at = xml.find("id=\"" + diId + "\"");
  if (at == std::string::npos) return {};
  const auto open = xml.rfind('<', at);
  return xml.substr(open, xml.find('>', at) - open + 1);
}

Result<std::string> colour(BpmnDocument& document, std::vector<std::string> ids, std::optional<Colours> colours) {
  return document.change("colour",
                         [&](model::Definitions& definitions) { return setColour(definitions, 0, ids, colours); });
}

// xmllint's complaints about `file` against the OMG BPMN 2.0 schema; "" = valid.
QString schemaErrors(const QString& file) {
  QProcess lint;
  lint.start("xmllint", QStringList{"--noout", "--schema", test::corporaDir() + "/omg-xsd/BPMN20.xsd", file});
  if (!lint.waitForFinished(120000)) qFatal("xmllint did not finish");
  return lint.exitCode() == 0 ? QString() : QString::fromUtf8(lint.readAllStandardError());
}

// The scene's rendering of `rect` (scene units, 1:1).
QImage rendered(BpmnDocument& document, const QRectF& rect) {
  DiagramScene scene(document, 0, false);
  QImage image(rect.size().toSize(), QImage::Format_ARGB32);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  scene.render(&painter, QRectF(QPointF(0, 0), rect.size()), rect);
  return image;
}

}  // namespace

class TstColours : public QObject {
  Q_OBJECT

 private slots:
  // Camunda Modeler's picker (bpmn-js-color-picker since 0.5, "improve
  // default color contrast"): Default, then five fills with dark strokes.
  void palette() {
    const auto& palette = colourPalette();
    QCOMPARE(palette.size(), std::size_t(6));
    QCOMPARE(palette[0].label, QString("Default"));
    QVERIFY(!palette[0].colours);
    const std::vector<std::tuple<QString, std::string, std::string>> expected = {
        {"Blue", "#bbdefb", "#0d4372"}, {"Orange", "#ffe0b2", "#6b3c00"}, {"Green", "#c8e6c9", "#205022"},
        {"Red", "#ffcdd2", "#831311"},  {"Purple", "#e1bee7", "#5b176d"},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const auto& [label, fill, stroke] = expected[i];
      QCOMPARE(palette[i + 1].label, label);
      QCOMPARE(palette[i + 1].key, label.toLower());
      QCOMPARE(palette[i + 1].colours->fill, fill);
      QCOMPARE(palette[i + 1].colours->stroke, stroke);
    }
  }

  // A task: the four shape attributes in bpmn-js's order, both namespaces
  // declared; the default look takes all of it away again.
  void taskColourAndDefault() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kProcess, "editing.bpmn").isOk());
    const model::Definitions original = document.definitions();
    const std::string originalXml = writeBpmn(original);

    auto result = colour(document, {"t"}, kBlue);
    QVERIFY2(result.isOk(), result.status().message().c_str());
    QCOMPARE(result.value(), std::string("t"));
    QCOMPARE(document.undoStack().count(), 1);
    QVERIFY(diOf(document, "t").otherAttributes == attrs({{"bioc:stroke", kBioc, "#0d4372"},
                                                          {"bioc:fill", kBioc, "#bbdefb"},
                                                          {"color:background-color", kColor, "#bbdefb"},
                                                          {"color:border-color", kColor, "#0d4372"}}));
    QVERIFY(!diOf(document, "t").label);  // a task has no BPMNLabel: none is made
    auto namespaces = original.namespaces;
    namespaces.push_back({"bioc", kBioc});
    namespaces.push_back({"color", kColor});
    QVERIFY(document.definitions().namespaces == namespaces);
    // Only the task's DI changed.
    model::Definitions expected = original;
    expected.namespaces = namespaces;
    for (auto& di : planeOf(expected, 0)->elements) {
      if (di.bpmnElement == "t") di.otherAttributes = diOf(document, "t").otherAttributes;
    }
    QVERIFY(document.definitions() == expected);

    const std::string xml = writeBpmn(document.definitions());
    QVERIFY2(xml.find("xmlns:bioc=\"http://bpmn.io/schema/bpmn/biocolor/1.0\"") != std::string::npos, xml.c_str());
    QVERIFY2(xml.find("xmlns:color=\"http://www.omg.org/spec/BPMN/non-normative/color/1.0\"") != std::string::npos,
             xml.c_str());
    QCOMPARE(
        startTag(xml, "t_di"),
        std::string("<bpmndi:BPMNShape id=\"t_di\" bpmnElement=\"t\" bioc:stroke=\"#0d4372\" bioc:fill=\"#bbdefb\" "
                    "color:background-color=\"#bbdefb\" color:border-color=\"#0d4372\">"));
    QVERIFY(coloursOf(document.definitions(), 0, "t") == kBlue);

    // Another colour replaces the values in place: one more step.
    QVERIFY(colour(document, {"t"}, kRed).isOk());
    QCOMPARE(document.undoStack().count(), 2);
    QVERIFY(diOf(document, "t").otherAttributes == attrs({{"bioc:stroke", kBioc, "#831311"},
                                                          {"bioc:fill", kBioc, "#ffcdd2"},
                                                          {"color:background-color", kColor, "#ffcdd2"},
                                                          {"color:border-color", kColor, "#831311"}}));
    QVERIFY(document.definitions().namespaces == namespaces);

    // Default: no attribute, no declaration: the file that was opened.
    QVERIFY(colour(document, {"t"}, std::nullopt).isOk());
    QCOMPARE(document.undoStack().count(), 3);
    QVERIFY(diOf(document, "t").otherAttributes.empty());
    QVERIFY(document.definitions() == original);
    QCOMPARE(writeBpmn(document.definitions()), originalXml);
    QVERIFY(!coloursOf(document.definitions(), 0, "t"));

    // Each was one step: undo walks back through red and blue.
    document.undoStack().undo();
    QVERIFY(coloursOf(document.definitions(), 0, "t") == kRed);
    document.undoStack().undo();
    QVERIFY(coloursOf(document.definitions(), 0, "t") == kBlue);
    document.undoStack().undo();
    QVERIFY(document.definitions() == original);
    document.undoStack().redo();
    QVERIFY(document.definitions() == expected);
  }

  // A sequence flow gets the stroke only; an end event with a BPMNLabel
  // gets the stroke as its label's text colour too (color:color).
  void flowAndLabel() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kProcess, "editing.bpmn").isOk());
    const model::Definitions original = document.definitions();

    QVERIFY(colour(document, {"f1", "e"}, kRed).isOk());
    QCOMPARE(document.undoStack().count(), 1);  // both in one step
    QVERIFY(diOf(document, "f1").otherAttributes ==
            attrs({{"bioc:stroke", kBioc, "#831311"}, {"color:border-color", kColor, "#831311"}}));
    QVERIFY(diOf(document, "e").otherAttributes == attrs({{"bioc:stroke", kBioc, "#831311"},
                                                          {"bioc:fill", kBioc, "#ffcdd2"},
                                                          {"color:background-color", kColor, "#ffcdd2"},
                                                          {"color:border-color", kColor, "#831311"}}));
    QVERIFY(diOf(document, "e").label->otherAttributes == attrs({{"color:color", kColor, "#831311"}}));
    QVERIFY(diOf(document, "e").label->bounds);  // the label keeps its bounds
    const std::string xml = writeBpmn(document.definitions());
    QCOMPARE(startTag(xml, "f1_di"), std::string("<bpmndi:BPMNEdge id=\"f1_di\" bpmnElement=\"f1\" "
                                                 "bioc:stroke=\"#831311\" color:border-color=\"#831311\">"));
    QVERIFY2(xml.find("<bpmndi:BPMNLabel color:color=\"#831311\">") != std::string::npos, xml.c_str());

    // The flow back to default keeps the declarations the end event uses.
    QVERIFY(colour(document, {"f1"}, std::nullopt).isOk());
    QVERIFY(diOf(document, "f1").otherAttributes.empty());
    QCOMPARE(document.definitions().namespaces.size(), original.namespaces.size() + 2);
    QVERIFY(colour(document, {"e"}, std::nullopt).isOk());
    QVERIFY(diOf(document, "e").label->otherAttributes.empty());
    QVERIFY(document.definitions() == original);
    QCOMPARE(document.undoStack().count(), 3);
  }

  // Setting what is there is no step; so is the default on an element
  // without colours. Bad input changes nothing and says why.
  void noOpsAndErrors() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kProcess, "editing.bpmn").isOk());
    const model::Definitions original = document.definitions();
    QVERIFY(colour(document, {"t"}, std::nullopt).isOk());
    QCOMPARE(document.undoStack().count(), 0);
    // Upper case and short forms are normalised as bpmn-js does.
    QVERIFY(colour(document, {"t"}, Colours{"#BBDEFB", "#0D4372"}).isOk());
    QCOMPARE(document.undoStack().count(), 1);
    QVERIFY(coloursOf(document.definitions(), 0, "t") == kBlue);
    QVERIFY(colour(document, {"t"}, kBlue).isOk());
    QCOMPARE(document.undoStack().count(), 1);
    QVERIFY(colour(document, {"t"}, Colours{"#fff", "black"}).isOk());
    QVERIFY(coloursOf(document.definitions(), 0, "t") == (Colours{"#ffffff", "#000000"}));

    const model::Definitions before = document.definitions();
    auto unknown = colour(document, {"t", "nope"}, kRed);
    QCOMPARE(unknown.status().code(), StatusCode::kNotFound);
    QCOMPARE(unknown.status().message(), std::string("diagram 0 draws no element nope"));
    auto bad = colour(document, {"t"}, Colours{"#bbdefb", "not a colour"});
    QCOMPARE(bad.status().code(), StatusCode::kInvalidArgument);
    QCOMPARE(bad.status().message(), std::string("invalid colour value: not a colour"));
    QCOMPARE(colour(document, {"t"}, Colours{"#80ff0000", ""}).status().code(), StatusCode::kInvalidArgument);
    QCOMPARE(colour(document, {}, kRed).status().code(), StatusCode::kInvalidArgument);
    QVERIFY(document.definitions() == before);
    QCOMPARE(document.undoStack().count(), 2);
  }

  // The file's own prefix for a namespace is used; a prefix taken by
  // another namespace gets a number.
  void existingPrefixes() {
    QByteArray bytes = kProcess;
    bytes.replace("xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\"",
                  "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" "
                  "xmlns:bc=\"http://bpmn.io/schema/bpmn/biocolor/1.0\" xmlns:color=\"urn:other\"");
    BpmnDocument document;
    QVERIFY(document.openBytes(bytes, "prefixes.bpmn").isOk());
    const model::Definitions original = document.definitions();
    QVERIFY(colour(document, {"t"}, kBlue).isOk());
    QVERIFY(diOf(document, "t").otherAttributes == attrs({{"bc:stroke", kBioc, "#0d4372"},
                                                          {"bc:fill", kBioc, "#bbdefb"},
                                                          {"color2:background-color", kColor, "#bbdefb"},
                                                          {"color2:border-color", kColor, "#0d4372"}}));
    QCOMPARE(document.definitions().namespaces.back().prefix, std::string("color2"));
    QVERIFY(colour(document, {"t"}, std::nullopt).isOk());
    // bc: was declared unused before; the removal takes it with color2.
    auto expected = original.namespaces;
    std::erase_if(expected, [](const model::NamespaceDeclaration& d) { return d.prefix == "bc"; });
    QVERIFY(document.definitions().namespaces == expected);
  }

  // What the user sees: the canvas paints the task in its fill and the
  // SVG and PNG exports carry the colours.
  void rendering() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kProcess, "editing.bpmn").isOk());
    const QRectF task(200, 78, 100, 80);
    QCOMPARE(rendered(document, task).pixelColor(12, 12), QColor(Qt::white));
    QVERIFY(colour(document, {"t", "f1"}, kBlue).isOk());
    const QImage image = rendered(document, task);
    QCOMPARE(image.pixelColor(12, 12), QColor("#bbdefb"));
    // The border, across its width: the darkest pixel is the stroke.
    QColor darkest = Qt::white;
    for (int x = 0; x < 4; ++x) {
      const QColor c = image.pixelColor(x, 40);
      if (c.alpha() == 255 && c.lightness() < darkest.lightness()) darkest = c;
    }
    QCOMPARE(darkest, QColor("#0d4372"));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString svg = dir.filePath("c.svg");
    QVERIFY(exportDiagram(document, 0, svg).isOk());
    const QByteArray text = test::readAll(svg).toLower();
    QVERIFY(text.contains("fill=\"#bbdefb\""));
    QVERIFY(text.contains("stroke=\"#0d4372\""));
    const QString png = dir.filePath("c.png");
    QVERIFY(exportDiagram(document, 0, png, 1.0).isOk());
    QImage exported(png);
    QVERIFY(!exported.isNull());
    int blue = 0;
    for (int y = 0; y < exported.height(); ++y) {
      for (int x = 0; x < exported.width(); ++x) blue += exported.pixelColor(x, y) == QColor("#bbdefb");
    }
    QVERIFY2(blue > 100 * 80 / 2, qPrintable(QString::number(blue)));
  }

  // Saved and opened again: the same model; the file validates against
  // the OMG schema.
  void saveRoundTripAndSchema() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kProcess, "editing.bpmn").isOk());
    QVERIFY(colour(document, {"t", "e"}, kBlue).isOk());
    QVERIFY(colour(document, {"f1", "f3"}, kRed).isOk());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("coloured.bpmn");
    QVERIFY(document.save(path).isOk());
    BpmnDocument reopened;
    QVERIFY(reopened.open(path).isOk());
    QVERIFY(reopened.definitions().namespaces == document.definitions().namespaces);
    QVERIFY(reopened.definitions().diagrams == document.definitions().diagrams);
    QVERIFY(coloursOf(reopened.definitions(), 0, "e") == kBlue);
    QVERIFY(coloursOf(reopened.definitions(), 0, "f3") == (Colours{"", "#831311"}));
    QCOMPARE(writeBpmn(reopened.definitions()), writeBpmn(document.definitions()));
    const QString errors = schemaErrors(path);
    QVERIFY2(errors.isEmpty(), qPrintable(errors));
  }

  // The canvas: the context pad of a selected element has the colour
  // entry; its popup lists the palette and colours the selection; the
  // view's setColour colours a whole selection in one step; Edit > Colour
  // does the same from the menu bar.
  void padPopupAndMenu() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kProcess, "editing.bpmn").isOk());
    EditTool tool;
    DiagramView view(document, 0, tool);
    view.resize(900, 700);
    view.show();
    view.setSelection({"t"});
    QGraphicsItem* entry = test::padItem(view, "colour");
    QVERIFY(entry);
    QCOMPARE(entry->toolTip(), QString("Set colour"));

    QStringList labels;
    QTimer::singleShot(0, [&] {
      auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
      if (!menu) return;
      for (QAction* action : menu->actions()) labels << action->text();
      menu->actions().at(3)->trigger();  // Green
      menu->close();
    });
    view.showColourMenu(QPoint(100, 100));
    QCOMPARE(labels, (QStringList{"Default", "Blue", "Orange", "Green", "Red", "Purple"}));
    QVERIFY(coloursOf(document.definitions(), 0, "t") == (Colours{"#c8e6c9", "#205022"}));
    QCOMPARE(document.undoStack().count(), 1);

    // Several selected: bpmn.io's pad for many, align, distribute, colour
    // and delete; its
    // colour entry, clicked, colours all of them in one step.
    view.setSelection({"t", "f2", "g"});
    const QStringList entries = test::padEntries(view);
    const QPoint colourEntry = test::padCentre(view, "colour");
    QCOMPARE(entries, (QStringList{"align", "colour", "delete", "distribute"}));
    bool popped = false;
    QTimer::singleShot(0, [&] {
      auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
      if (!menu) return;
      popped = true;
      menu->actions().at(4)->trigger();  // Red
      menu->close();
    });
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, colourEntry);
    QVERIFY(popped);
    QCOMPARE(document.undoStack().count(), 2);
    for (const char* id : {"t", "g"}) QVERIFY(coloursOf(document.definitions(), 0, id) == kRed);
    QVERIFY(coloursOf(document.definitions(), 0, "f2") == (Colours{"", "#831311"}));
    view.setColour(std::nullopt);
    QCOMPARE(document.undoStack().count(), 3);
    for (const char* id : {"t", "g", "f2"}) QVERIFY(!coloursOf(document.definitions(), 0, id));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("menu.bpmn");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kProcess);
    file.close();
    MainWindow window;
    QVERIFY(window.openFile(path));
    auto* tabs = window.findChild<QTabWidget*>();
    auto* windowView = qobject_cast<DiagramView*>(tabs->currentWidget());
    QVERIFY(windowView);
    windowView->setSelection({"e"});
    auto* purple = window.findChild<QAction*>("colour-purple");
    QVERIFY(purple);
    purple->trigger();
    QVERIFY(coloursOf(window.document().definitions(), 0, "e") == (Colours{"#e1bee7", "#5b176d"}));
    window.findChild<QAction*>("colour-default")->trigger();
    QVERIFY(!coloursOf(window.document().definitions(), 0, "e"));
    QCOMPARE(window.document().undoStack().count(), 2);
  }

  // How other tools' colours draw (bpmn-js's renderer): the OMG attributes
  // win over bioc:, and label text takes the stroke colour, whichever
  // attribute gives it, unless the label has color:color.
  void colourPrecedence() {
    const std::string bioc = "http://bpmn.io/schema/bpmn/biocolor/1.0";
    const std::string omg = "http://www.omg.org/spec/BPMN/non-normative/color/1.0";
    model::DiElement di;
    di.otherAttributes = {{"color:border-color", omg, "#222222"}, {"color:background-color", omg, "#eeeeee"}};
    Style style = styleOf(di);
    QCOMPARE(style.stroke, QColor("#222222"));
    QCOMPARE(style.label, QColor("#222222"));
    QCOMPARE(style.fill, QColor("#eeeeee"));
    di.otherAttributes.insert(di.otherAttributes.begin(), {"bioc:stroke", bioc, "#111111"});
    di.otherAttributes.push_back({"bioc:fill", bioc, "#dddddd"});
    style = styleOf(di);
    QCOMPARE(style.stroke, QColor("#222222"));
    QCOMPARE(style.fill, QColor("#eeeeee"));
    // The popup ticks what is drawn.
    model::Definitions definitions;
    definitions.diagrams.emplace_back();
    definitions.diagrams.back().plane.elements.push_back(di);  // bpmnElement "" names it
    QVERIFY(coloursOf(definitions, 0, "") == (Colours{"#eeeeee", "#222222"}));
    di.otherAttributes = {{"bioc:stroke", bioc, "#111111"}};
    di.label = model::DiLabel{};
    di.label->otherAttributes = {{"color:color", omg, "#00ff00"}};
    style = styleOf(di);
    QCOMPARE(style.stroke, QColor("#111111"));
    QCOMPARE(style.label, QColor("#00ff00"));
  }
};

QTEST_MAIN(TstColours)
#include "tst_colours.moc"

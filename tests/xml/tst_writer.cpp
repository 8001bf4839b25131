// The writer: schema order, the file's own prefixes, nothing lost, nothing
// invented, and output that the OMG schema accepts.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "bpmn/parser.h"
#include "bpmn/writer.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::model;

namespace {

Definitions parseOrFail(const QByteArray& bytes) {
  ParseResult result = parseBpmn(std::string_view(bytes.constData(), bytes.size()), "test.bpmn");
  if (!result.definitions) qFatal("test model does not parse");
  return *result.definitions;
}

QString written(const QByteArray& bytes) { return QString::fromStdString(writeBpmn(parseOrFail(bytes))); }

// xmllint's verdict on `text` against the OMG BPMN 2.0 schema; empty when valid.
QString schemaErrors(const QString& text) {
  QTemporaryDir dir;
  const QString path = dir.filePath("out.bpmn");
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return "cannot write " + path;
  file.write(text.toUtf8());
  file.close();
  QProcess lint;
  lint.start("xmllint", {"--noout", "--schema", test::corporaDir() + "/omg-xsd/BPMN20.xsd", path});
  if (!lint.waitForFinished(60000)) return "xmllint did not finish";
  return lint.exitCode() == 0 ? QString() : QString::fromUtf8(lint.readAllStandardError());
}

const char* kHeader =
    "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">";

}  // namespace

class TestWriter : public QObject {
  Q_OBJECT

 private slots:
  void richModelRoundTrips() {
    const QByteArray original = test::readAll(test::sourceDir() + "/tests/xml/data/rich.bpmn");
    const Definitions first = parseOrFail(original);
    const std::string text = writeBpmn(first);
    const Definitions second = parseOrFail(QByteArray::fromStdString(text));
    QVERIFY(first == second);
    QCOMPARE(schemaErrors(QString::fromStdString(text)), QString());
    // Writing is deterministic: the second generation is byte-identical.
    QCOMPARE(writeBpmn(second), text);
  }

  // SPEC (Semantic.xsd tFlowNode): incoming and outgoing come after
  // extensionElements; a file that has them the other way round is fixed.
  void childrenInSchemaOrder() {
    const QString text = written(QByteArray(kHeader) + R"(<process id="p"><task id="t">
      <outgoing>f</outgoing><incoming>g</incoming><extensionElements><x:a xmlns:x="urn:x"/></extensionElements>
      <documentation>why</documentation></task></process></definitions>)");
    const auto documentation = text.indexOf("<documentation>");
    const auto extension = text.indexOf("<extensionElements>");
    const auto incoming = text.indexOf("<incoming>");
    const auto outgoing = text.indexOf("<outgoing>");
    QVERIFY(documentation > 0);
    QVERIFY(documentation < extension);
    QVERIFY(extension < incoming);
    QVERIFY(incoming < outgoing);
  }

  // The file's prefixes stay; no second BPMN prefix is invented.
  void prefixesKept() {
    const QString text = written(
        "<semantic:definitions xmlns:semantic=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" "
        "targetNamespace=\"t\"><semantic:process id=\"p\"><semantic:task id=\"t\"/></semantic:process>"
        "</semantic:definitions>");
    QVERIFY(text.contains("<semantic:definitions xmlns:semantic=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""));
    QVERIFY(text.contains("<semantic:task id=\"t\" />"));
    QVERIFY(!text.contains("xmlns:bpmn="));
  }

  // Empty attributes whose schema type has no empty value (calledElement=""
  // from Signavio: a QName) are not written; an empty string (name="") is a
  // value and is kept.
  void emptyAttributesLeftOut() {
    const QString text =
        written(QByteArray(kHeader) +
                "<process id=\"p\"><callActivity id=\"c\" calledElement=\"\" name=\"\"/></process></definitions>");
    QVERIFY2(text.contains("<callActivity id=\"c\" name=\"\" />"), qPrintable(text));
  }

  // A model built in code, with no namespace declarations, still gets them.
  void declarationsAddedWhenMissing() {
    Definitions definitions;
    definitions.id = "d";
    definitions.targetNamespace = "http://example.com";
    Process process;
    process.id = "p";
    FlowElement task;
    task.kind = ElementKind::kUserTask;
    task.id = "t";
    process.flowElements.push_back(task);
    definitions.rootElements.emplace_back(process);
    Diagram diagram;
    diagram.id = "dia";
    diagram.plane.id = "plane";
    diagram.plane.bpmnElement = "p";
    DiElement shape;
    shape.id = "t_di";
    shape.bpmnElement = "t";
    shape.bounds = Bounds{100, 80.25, 100, 80, {}};
    diagram.plane.elements.push_back(shape);
    definitions.diagrams.push_back(diagram);

    const QString text = QString::fromStdString(writeBpmn(definitions));
    QVERIFY(text.contains("xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""));
    QVERIFY(text.contains("xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\""));
    QVERIFY(text.contains("xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\""));
    QVERIFY(text.contains("<bpmn:userTask id=\"t\" />"));
    QVERIFY(text.contains("<dc:Bounds x=\"100\" y=\"80.25\" width=\"100\" height=\"80\" />"));
    QCOMPARE(schemaErrors(text), QString());
    const Definitions reread = parseOrFail(text.toUtf8());
    QVERIFY(reread.rootElements == definitions.rootElements);
    QVERIFY(reread.diagrams == definitions.diagrams);
  }

  // Text and CDATA survive as written; markup inside text is escaped.
  void textAndCdataKept() {
    const QString text =
        written(QByteArray(kHeader) + R"(<process id="p"><sequenceFlow id="f" sourceRef="a" targetRef="b">
      <conditionExpression><![CDATA[=a < b && c]]></conditionExpression></sequenceFlow>
      <textAnnotation id="n"><text>1 &lt; 2</text></textAnnotation></process></definitions>)");
    QVERIFY(text.contains("<![CDATA[=a < b && c]]>"));
    QVERIFY(text.contains("<text>1 &lt; 2</text>"));
  }
};

QTEST_GUILESS_MAIN(TestWriter)
#include "tst_writer.moc"

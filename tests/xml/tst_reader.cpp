// The reader: namespaces by URI, every typed field, vendor content kept
// verbatim, source lines, and what it says about input it cannot use.
#include <QtTest>

#include "bpmn/model/namespaces.h"
#include "bpmn/parser.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::model;

namespace {

ParseResult parse(const QByteArray& bytes) {
  return parseBpmn(std::string_view(bytes.constData(), bytes.size()), "test.bpmn");
}

const FlowElement* find(const std::vector<FlowElement>& elements, std::string_view id) {
  for (const auto& element : elements) {
    if (element.id == id) return &element;
    if (const auto* inner = find(element.flowElements, id)) return inner;
  }
  return nullptr;
}

// One model that uses most of what the reader types (lines matter below).
QByteArray richModel() { return test::readAll(test::sourceDir() + "/tests/xml/data/rich.bpmn"); }

}  // namespace

class TestReader : public QObject {
  Q_OBJECT

 private slots:
  // Files bind the BPMN namespace to any prefix, or make it the default.
  void namespacesResolvedByUri_data() {
    QTest::addColumn<QByteArray>("model");
    const QByteArray uri = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    QTest::newRow("bpmn:") << QByteArray(
        "<bpmn:definitions xmlns:bpmn=\"" + uri +
        "\"><bpmn:process id=\"p\"><bpmn:task id=\"t\"/></bpmn:process></bpmn:definitions>");
    QTest::newRow("bpmn2:") << QByteArray(
        "<bpmn2:definitions xmlns:bpmn2=\"" + uri +
        "\"><bpmn2:process id=\"p\"><bpmn2:task id=\"t\"/></bpmn2:process></bpmn2:definitions>");
    QTest::newRow("semantic:") << QByteArray(
        "<semantic:definitions xmlns:semantic=\"" + uri +
        "\"><semantic:process id=\"p\"><semantic:task id=\"t\"/></semantic:process></semantic:definitions>");
    QTest::newRow("default") << QByteArray("<definitions xmlns=\"" + uri +
                                           "\"><process id=\"p\"><task id=\"t\"/></process></definitions>");
    QTest::newRow("redeclared on a child")
        << QByteArray("<a:definitions xmlns:a=\"" + uri + "\"><b:process xmlns:b=\"" + uri +
                      "\" id=\"p\"><task xmlns=\"" + uri + "\" id=\"t\"/></b:process></a:definitions>");
  }

  void namespacesResolvedByUri() {
    QFETCH(QByteArray, model);
    ParseResult result = parse(model);
    QVERIFY(result.diagnostics.empty());
    QVERIFY(result.definitions);
    QCOMPARE(result.definitions->processes().size(), std::size_t(1));
    const Process& process = *result.definitions->processes().front();
    QCOMPARE(process.id, std::string("p"));
    QCOMPARE(process.flowElements.size(), std::size_t(1));
    QCOMPARE(process.flowElements.front().kind, ElementKind::kTask);
  }

  // An element in a look-alike namespace is not BPMN: kept verbatim, not typed.
  void lookAlikeNamespaceIsNotBpmn() {
    ParseResult result = parse(
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">"
        "<task xmlns=\"http://example.com/not-bpmn\" id=\"t\"/></process></definitions>");
    QVERIFY(result.definitions);
    const Process& process = *result.definitions->processes().front();
    QVERIFY(process.flowElements.empty());
    QCOMPARE(process.otherChildren.size(), std::size_t(1));
    QCOMPARE(process.otherChildren.front().nsUri, std::string("http://example.com/not-bpmn"));
  }

  void typedFields() {
    ParseResult result = parse(richModel());
    QVERIFY2(result.diagnostics.empty(), result.diagnostics.empty() ? "" : result.diagnostics.front().render().c_str());
    const Definitions& definitions = *result.definitions;
    QCOMPARE(definitions.rootQName, std::string("bpmn2:definitions"));
    QCOMPARE(definitions.exporter, std::string("hand"));
    QCOMPARE(definitions.namespaces.size(), std::size_t(8));

    // Root elements keep document order, the untyped itemDefinition included.
    QCOMPARE(definitions.rootElements.size(), std::size_t(5));
    QVERIFY(std::holds_alternative<Collaboration>(definitions.rootElements[0]));
    QCOMPARE(std::get<XmlElement>(definitions.rootElements[1]).localName(), std::string_view("itemDefinition"));
    const auto& message = std::get<GlobalElement>(definitions.rootElements[2]);
    QCOMPARE(message.kind, GlobalElement::Kind::kMessage);
    QCOMPARE(message.ref, std::string("item"));
    QCOMPARE(std::get<GlobalElement>(definitions.rootElements[3]).code, std::string("DECLINED"));

    const Collaboration& collaboration = std::get<Collaboration>(definitions.rootElements[0]);
    QCOMPARE(collaboration.participants.size(), std::size_t(2));
    QCOMPARE(collaboration.participants[0].processRef, std::string("proc"));
    QCOMPARE(collaboration.messageFlows[0].messageRef, std::string("msg"));

    const Process& process = *definitions.findProcess("proc");
    QCOMPARE(process.documentation.front().text, std::string("Sells things."));
    QCOMPARE(process.laneSets.front().lanes.front().flowNodeRefs, (std::vector<std::string>{"start", "pay"}));

    const FlowElement* pay = find(process.flowElements, "pay");
    QVERIFY(pay);
    QCOMPARE(pay->kind, ElementKind::kReceiveTask);
    QCOMPARE(pay->messageRef, std::string("msg"));
    QCOMPARE(pay->incoming, std::vector<std::string>{"f1"});
    QVERIFY(pay->loop && pay->loop->multiInstance);
    QCOMPARE(pay->loop->isSequential, std::optional<bool>(true));
    QCOMPARE(pay->loop->loopCardinality->body, std::string("3"));

    const FlowElement* declined = find(process.flowElements, "declined");
    QCOMPARE(declined->attachedToRef, std::string("pay"));
    QCOMPARE(declined->cancelActivity, std::optional<bool>(false));
    QCOMPARE(declined->eventKind(), std::optional(EventDefinitionKind::kError));
    QCOMPARE(declined->eventDefinitions.front().ref, std::string("err"));

    QCOMPARE(find(process.flowElements, "gw")->defaultFlow, std::string("f4"));
    const FlowElement* conditional = find(process.flowElements, "f3");
    QVERIFY(conditional->conditionExpression);
    QCOMPARE(conditional->conditionExpression->body, std::string("= total > 100"));
    QCOMPARE(conditional->conditionExpression->language, std::string("feel"));
    QVERIFY(conditional->conditionExpression->cdata);

    const FlowElement* sub = find(process.flowElements, "sub");
    QCOMPARE(sub->triggeredByEvent, std::optional<bool>(false));
    QVERIFY(!sub->isEventSubProcess());
    const FlowElement* wait = find(process.flowElements, "wait");
    QVERIFY(wait);
    QCOMPARE(wait->eventDefinitions.front().timeDuration->body, std::string("PT5M"));

    QCOMPARE(process.artifacts.size(), std::size_t(2));
    QCOMPARE(process.artifacts[0].text, std::string("Check stock first"));
    QCOMPARE(process.artifacts[1].targetRef, std::string("pay"));

    // DI: two diagrams, bounds, flags, labels, waypoints.
    QCOMPARE(definitions.diagrams.size(), std::size_t(2));
    const DiPlane& plane = definitions.diagrams[0].plane;
    QCOMPARE(plane.bpmnElement, std::string("collab"));
    QCOMPARE(plane.elements.size(), std::size_t(4));
    QCOMPARE(plane.elements[0].isHorizontal, std::optional<bool>(true));
    QCOMPARE(plane.elements[0].bounds->y, 20.5);
    QCOMPARE(plane.elements[1].isMarkerVisible, std::optional<bool>(true));
    QCOMPARE(plane.elements[1].label->bounds->width, 70.0);
    QCOMPARE(plane.elements[2].isExpanded, std::optional<bool>(true));
    QCOMPARE(plane.elements[3].kind, DiElement::Kind::kEdge);
    QCOMPARE(plane.elements[3].waypoints.size(), std::size_t(2));
    QCOMPARE(plane.elements[3].waypoints[1].x, 150.0);
    QCOMPARE(definitions.diagrams[1].plane.bpmnElement, std::string("sub"));
  }

  // Whatever the typed fields do not cover stays, verbatim and in order.
  void unknownContentKeptVerbatim() {
    ParseResult result = parse(richModel());
    const Process& process = *result.definitions->findProcess("proc");
    QCOMPARE(process.otherAttributes.size(), std::size_t(1));
    QCOMPARE(process.otherAttributes[0].qname, std::string("camunda:historyTimeToLive"));
    QCOMPARE(process.otherAttributes[0].nsUri, std::string(ns::kCamunda));

    const FlowElement* pay = find(process.flowElements, "pay");
    QCOMPARE(pay->otherAttributes.size(), std::size_t(2));
    QCOMPARE(pay->otherAttributes[1].qname, std::string("bioc:stroke"));
    QCOMPARE(pay->otherAttributes[1].value, std::string("#1e88e5"));
    QVERIFY(pay->extensionElements);
    const XmlElement* inputOutput = nullptr;
    for (const auto& child : pay->extensionElements->children) {
      if (!child.isText()) inputOutput = &child;
    }
    QVERIFY(inputOutput);
    QCOMPARE(inputOutput->qname, std::string("camunda:inputOutput"));
    QCOMPARE(pay->otherChildren.size(), std::size_t(1));
    QCOMPARE(pay->otherChildren[0].localName(), std::string_view("ioSpecification"));
  }

  // Every element remembers where it starts (line and column of its '<').
  void sourceLocations() {
    ParseResult result = parse(richModel());
    const Process& process = *result.definitions->findProcess("proc");
    QCOMPARE(process.location.line, 11);
    QCOMPARE(process.location.column, 3);
    const FlowElement* pay = find(process.flowElements, "pay");
    QCOMPARE(pay->location.line, 23);
    QCOMPARE(pay->location.column, 5);
    QCOMPARE(find(process.flowElements, "wait")->location.line, 45);
    QCOMPARE(result.definitions->diagrams[0].plane.elements[3].location.line, 64);
  }

  void malformedInput_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("diagnostic");
    QTest::newRow("unclosed")
        << QByteArray("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <process>\n")
        << "test.bpmn:2:12: malformed XML: the file ends before every element is closed";
    QTest::newRow("mismatch") << QByteArray("<a>\n  <b></c>\n</a>\n")
                              << "test.bpmn:2:6: malformed XML: end tag </c> does not match the open start tag";
    QTest::newRow("not BPMN") << QByteArray("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
                              << "test.bpmn:2:1: <svg>: not a BPMN 2.0 file: the root element is <svg> in namespace "
                                 "\"http://www.w3.org/2000/svg\", expected <definitions> in namespace "
                                 "\"http://www.omg.org/spec/BPMN/20100524/MODEL\"";
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n", 8) << "test.bpmn:3:1: malformed XML: no root element";
    // XML 1.0 well-formedness that pugixml does not check (issue 17): each
    // of these read as something else before.
    const QByteArray head = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <process id=\"p\" ";
    const QByteArray tail = "/>\n</definitions>";
    QTest::newRow("attribute twice") << head + "name=\"a\" name=\"b\"" + tail
                                     << "test.bpmn:2:28: malformed XML: attribute name appears twice on one element";
    QTest::newRow("undefined entity") << head + "name=\"&nbsp;\"" + tail
                                      << "test.bpmn:2:25: malformed XML: undefined entity &nbsp;";
    QTest::newRow("bare ampersand") << head + "name=\"R & D\"" + tail
                                    << "test.bpmn:2:27: malformed XML: \"&\" that starts no reference (write it as &amp;)";
    QTest::newRow("&#0;") << head + "name=\"&#0;\"" + tail
                          << "test.bpmn:2:25: malformed XML: character reference &#0; is not an XML character";
    QTest::newRow("lone surrogate") << head + "name=\"&#xD800;\"" + tail
                                    << "test.bpmn:2:25: malformed XML: character reference &#xD800; is not an XML "
                                       "character";
    QTest::newRow("< in attribute") << head + "name=\"a<b\"" + tail
                                    << "test.bpmn:2:26: malformed XML: \"<\" in an attribute value (write it as &lt;)";
    QTest::newRow("control character") << head + "name=\"a\x01\"" + tail
                                       << "test.bpmn:2:26: malformed XML: character U+0001 is not allowed in XML";
    QTest::newRow("not UTF-8") << head + "name=\"caf\xE9\"" + tail
                               << "test.bpmn:2:28: malformed XML: bytes that are not UTF-8";
    QTest::newRow("]]> in text") << QByteArray(head + "><documentation>a ]]> b</documentation></process>\n</definitions>")
                                 << "test.bpmn:2:37: malformed XML: \"]]>\" in text (write it as ]]&gt;)";
    QTest::newRow("-- in comment") << "<!-- a -- b -->" + head + tail
                                   << "test.bpmn:1:8: malformed XML: \"--\" inside a comment";
    QTest::newRow("bogus encoding") << "<?xml version=\"1.0\" encoding=\"bogus\"?>" + head + tail
                                    << "test.bpmn:1:1: malformed XML: encoding \"bogus\" is not supported (UTF-8, "
                                       "UTF-16, ISO-8859-1, US-ASCII, windows-1252)";
    QTest::newRow("entity declarations")
        << "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"aaaa\">]>\n" + head + tail
        << "test.bpmn:2:1: malformed XML: a document type declaration with an internal subset (entity declarations "
           "are not supported)";
    QByteArray deep = head + ">";
    for (int i = 0; i < 50'000; ++i) deep += "<x>";
    for (int i = 0; i < 50'000; ++i) deep += "</x>";
    deep += "</process></definitions>";
    QTest::newRow("50,000 nested elements")
        << deep << "test.bpmn:2:782: malformed XML: elements nested deeper than 256 levels";
    QByteArray nested = head + ">";
    for (int i = 0; i < 1'000; ++i) nested += "<subProcess id=\"s" + QByteArray::number(i) + "\">";
    for (int i = 0; i < 1'000; ++i) nested += "</subProcess>";
    QTest::newRow("1,000 nested sub-processes")
        << nested + "</process></definitions>" << "test.bpmn:2:5498: malformed XML: elements nested deeper than 256 levels";
  }

  void malformedInput() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, diagnostic);
    ParseResult result = parse(bytes);
    QVERIFY(!result.definitions);
    QCOMPARE(result.diagnostics.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(result.diagnostics.front().render()), diagnostic);
  }

  // Files in other encodings are read as their declaration says: UTF-16
  // with a byte order mark, ISO-8859-1 and windows-1252 (found in Camunda 7
  // and Flowable test models).
  void encodings_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    auto model = [](const QByteArray& declaration, const QByteArray& name) {
      return declaration + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\" name=\"" +
             name + "\"/></definitions>";
    };
    QTest::newRow("ISO-8859-1") << model("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "caf\xE9") << "café";
    QTest::newRow("windows-1252") << model("<?xml version='1.0' encoding='windows-1252'?>", "caf\xE9 \x80") << "café €";
    const QString text = QString::fromUtf8(model("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "café €"));
    QByteArray little("\xFF\xFE", 2);
    for (QChar c : text) little.append(static_cast<char>(c.unicode() & 0xFF)).append(static_cast<char>(c.unicode() >> 8));
    QTest::newRow("UTF-16LE") << little << "café €";
  }
  void encodings() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    ParseResult result = parse(bytes);
    QVERIFY(result.definitions);
    QVERIFY(result.diagnostics.empty());
    QCOMPARE(QString::fromStdString(result.definitions->processes().front()->name), name);
  }

  // A value of the wrong type is reported and kept verbatim: nothing is lost.
  void badBooleanKeptVerbatim() {
    ParseResult result = parse(
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n"
        "  <process id=\"p\" isExecutable=\"yes\"/>\n</definitions>");
    QVERIFY(result.definitions);
    QCOMPARE(result.diagnostics.size(), std::size_t(1));
    QCOMPARE(
        QString::fromStdString(result.diagnostics.front().render()),
        QString("test.bpmn:2:3: <process id=\"p\">: attribute isExecutable=\"yes\" is not a boolean (true or false)"));
    const Process& process = *result.definitions->processes().front();
    QVERIFY(!process.isExecutable);
    QCOMPARE(process.otherAttributes.size(), std::size_t(1));
    QCOMPARE(process.otherAttributes[0].value, std::string("yes"));
  }

  // Columns count characters, not bytes.
  void columnsCountCharacters() {
    ParseResult result = parse(
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\" name=\"Ä\"><task "
        "id=\"t\"/>"
        "</process></definitions>");
    const auto& task = result.definitions->processes().front()->flowElements.front();
    QCOMPARE(task.location.column, 91);
  }

  // A file on one line (as some tools write them): columns stay exact far
  // into the line, past many multi-byte characters, element after element.
  void columnsOnOneLongLine() {
    std::string xml = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">";
    std::vector<int> columns;
    int column = static_cast<int>(xml.size()) + 1;  // ASCII so far: bytes are characters
    for (int i = 0; i < 400; ++i) {
      columns.push_back(column);
      const std::string task = "<task id=\"t" + std::to_string(i) + "\" name=\"Überweisung prüfen\"/>";
      xml += task;
      column += static_cast<int>(task.size()) - 2;  // two two-byte characters
    }
    xml += "</process></definitions>";
    ParseResult result = parse(xml.c_str());
    const auto& tasks = result.definitions->processes().front()->flowElements;
    QCOMPARE(tasks.size(), std::size_t(400));
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      QCOMPARE(tasks[i].location.line, 1);
      QCOMPARE(tasks[i].location.column, columns[i]);
    }
  }
};

QTEST_GUILESS_MAIN(TestReader)
#include "tst_reader.moc"

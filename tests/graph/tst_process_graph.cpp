// ProcessGraph: edges of every kind, entry nodes, reachability, dead ends,
// the OR-join's upstream sets and blocking rule, and wait-state-free cycles.
#include <QtTest>

#include "bpmn/parser.h"
#include "graph/process_graph.h"

using namespace bpmn;
using namespace bpmn::graph;
using namespace bpmn::model;

namespace {

// Parses a process body; the Definitions live as long as the fixture.
struct Fixture {
  explicit Fixture(const QByteArray& body) {
    const QByteArray text = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">" +
                            body + "</process></definitions>";
    ParseResult parsed = parseBpmn(std::string_view(text.constData(), text.size()), "test.bpmn");
    if (!parsed.definitions) qFatal("fixture does not parse");
    definitions = *parsed.definitions;
    const Process& process = *definitions.processes().front();
    graph = ProcessGraph::build(process.flowElements, process.artifacts);
  }
  // Ids of the nodes in `set`, in document order.
  QStringList ids(const NodeSet& set) const {
    QStringList result;
    for (NodeIndex i = 0; i < graph.nodeCount(); ++i) {
      if (set[i]) result << QString::fromStdString(graph.node(i).element->id);
    }
    return result;
  }
  QStringList ids(const std::vector<NodeIndex>& nodes) const {
    QStringList result;
    for (NodeIndex i : nodes) result << QString::fromStdString(graph.node(i).element->id);
    return result;
  }
  NodeIndex at(const char* id) const { return *graph.find(id); }

  Definitions definitions;
  ProcessGraph graph;
};

QByteArray flow(const char* id, const char* source, const char* target) {
  return QByteArray("<sequenceFlow id=\"") + id + "\" sourceRef=\"" + source + "\" targetRef=\"" + target + "\"/>";
}

}  // namespace

class TestProcessGraph : public QObject {
  Q_OBJECT

 private slots:
  void reachabilityAndDeadEnds() {
    Fixture f("<startEvent id=\"s\"/>" + flow("f1", "s", "a") + "<task id=\"a\"/>" + flow("f2", "a", "e") +
              "<endEvent id=\"e\"/><task id=\"orphan\"/>" + flow("f3", "orphan", "e") +
              "<task id=\"ping\"/><task id=\"pong\"/>" + flow("f4", "a", "ping") + flow("f5", "ping", "pong") +
              flow("f6", "pong", "ping"));
    QCOMPARE(f.ids(f.graph.entryNodes()), QStringList({"s"}));
    QCOMPARE(f.ids(f.graph.reachableFromEntries()), QStringList({"s", "a", "e", "ping", "pong"}));
    QCOMPARE(f.ids(f.graph.canReachEnd()), QStringList({"s", "a", "e", "orphan"}));
  }

  // SPEC §10.5.2 (implicit start): without start events, every activity and
  // gateway without incoming flows starts a token.
  void implicitStart() {
    Fixture f("<task id=\"a\"/>" + flow("f1", "a", "b") + "<task id=\"b\"/><task id=\"c\"/>");
    QCOMPARE(f.ids(f.graph.entryNodes()), QStringList({"a", "c"}));
  }

  void boundaryLinkAndCompensationEdges() {
    Fixture f("<startEvent id=\"s\"/>" + flow("f1", "s", "book") + "<task id=\"book\"/>" + flow("f2", "book", "jump") +
              "<boundaryEvent id=\"undo\" attachedToRef=\"book\"><compensateEventDefinition/></boundaryEvent>"
              "<task id=\"cancel\" isForCompensation=\"true\"/>"
              "<intermediateThrowEvent id=\"jump\"><linkEventDefinition name=\"L\"/></intermediateThrowEvent>"
              "<intermediateCatchEvent id=\"land\"><linkEventDefinition name=\"L\"/></intermediateCatchEvent>" +
              flow("f3", "land", "e") +
              "<endEvent id=\"e\"/>"
              "<association id=\"as\" sourceRef=\"undo\" targetRef=\"cancel\"/>");
    std::vector<EdgeKind> kinds;
    for (const auto& edge : f.graph.edges()) kinds.push_back(edge.kind);
    // Sequence flows and attachments in document order, then links, then
    // compensation associations.
    QCOMPARE(kinds, (std::vector<EdgeKind>{EdgeKind::kSequenceFlow, EdgeKind::kSequenceFlow, EdgeKind::kAttachment,
                                           EdgeKind::kSequenceFlow, EdgeKind::kLink, EdgeKind::kCompensation}));
    QCOMPARE(f.ids(f.graph.entryNodes()), QStringList({"s"}));
    QCOMPARE(f.ids(f.graph.reachableFromEntries()), QStringList({"s", "book", "undo", "cancel", "jump", "land", "e"}));
  }

  void eventSubProcessIsEntry() {
    Fixture f("<startEvent id=\"s\"/>" + flow("f1", "s", "e") +
              "<endEvent id=\"e\"/>"
              "<subProcess id=\"handler\" triggeredByEvent=\"true\"><startEvent id=\"hs\"/></subProcess>");
    QCOMPARE(f.ids(f.graph.entryNodes()), QStringList({"s", "handler"}));
  }

  // Flows BPMN forbids carry no token: an end event with an outgoing flow is
  // still an end.
  void forbiddenFlowsLeftOut() {
    Fixture f("<startEvent id=\"s\"/>" + flow("f1", "s", "e") + "<endEvent id=\"e\"/>" + flow("f2", "e", "s"));
    QCOMPARE(f.graph.edges().size(), std::size_t(1));
    QVERIFY(f.graph.cyclesWithoutWaitState().empty());
  }

  // SPEC §13.4.3 (Inclusive Gateway): fires when every token that can reach
  // an empty incoming flow (avoiding the gateway) can also reach an occupied
  // one.
  void orJoinUpstreamAndBlocking() {
    Fixture f("<startEvent id=\"s\"/>" + flow("f0", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
              flow("f1", "fork", "a") + flow("f2", "fork", "b") + "<task id=\"a\"/><task id=\"b\"/><task id=\"c\"/>" +
              flow("f3", "b", "c") + flow("in1", "a", "join") + flow("in2", "c", "join") +
              "<inclusiveGateway id=\"join\"/>" + flow("f4", "join", "after") + "<task id=\"after\"/>" +
              flow("f5", "after", "e") + "<endEvent id=\"e\"/>");
    const NodeIndex join = f.at("join");
    const auto& upstream = f.graph.upstreamOfIncoming(join);
    QCOMPARE(upstream.size(), std::size_t(2));
    QCOMPARE(f.ids(upstream[0]), QStringList({"s", "fork", "a"}));
    QCOMPARE(f.ids(upstream[1]), QStringList({"s", "fork", "b", "c"}));
    QVERIFY(f.graph.upstreamOfIncoming(f.at("a")).empty());

    // A token waits on in1; tokens on b or c still keep the join waiting,
    // one on "after" (downstream) does not.
    QCOMPARE(f.ids(f.graph.blockingNodes(join, {true, false})), QStringList({"b", "c"}));
    QCOMPARE(f.ids(f.graph.blockingNodes(join, {false, true})), QStringList({"a"}));
    QCOMPARE(f.ids(f.graph.blockingNodes(join, {true, true})), QStringList());
  }

  // A join inside a loop: the path back around the loop goes through the
  // join itself, so it does not count.
  void orJoinInLoop() {
    Fixture f("<startEvent id=\"s\"/>" + flow("f0", "s", "join") + "<inclusiveGateway id=\"join\"/>" +
              flow("f1", "join", "work") + "<userTask id=\"work\"/>" + flow("f2", "work", "again") +
              "<exclusiveGateway id=\"again\"/>" + flow("back", "again", "join") + flow("f3", "again", "e") +
              "<endEvent id=\"e\"/>");
    const auto& upstream = f.graph.upstreamOfIncoming(f.at("join"));
    QCOMPARE(upstream.size(), std::size_t(2));
    QCOMPARE(f.ids(upstream[0]), QStringList({"s"}));
    QCOMPARE(f.ids(upstream[1]), QStringList({"work", "again"}));
  }

  void cyclesWithoutWaitState() {
    Fixture f("<startEvent id=\"s\"/>" + flow("f0", "s", "a") + "<task id=\"a\"/>" + flow("f1", "a", "g") +
              "<exclusiveGateway id=\"g\"/>" + flow("f2", "g", "a") + flow("f3", "g", "u") + "<userTask id=\"u\"/>" +
              flow("f4", "u", "h") + "<exclusiveGateway id=\"h\"/>" + flow("f5", "h", "u") + flow("f6", "h", "e") +
              "<endEvent id=\"e\"/>");
    const auto cycles = f.graph.cyclesWithoutWaitState();
    QCOMPARE(cycles.size(), std::size_t(1));
    QCOMPARE(f.ids(cycles.front()), QStringList({"a", "g"}));
  }

  void waitStates_data() {
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<bool>("waits");
    QTest::newRow("task") << QByteArray("<task id=\"x\"/>") << false;
    QTest::newRow("manual task") << QByteArray("<manualTask id=\"x\"/>") << false;
    QTest::newRow("user task") << QByteArray("<userTask id=\"x\"/>") << true;
    QTest::newRow("service task") << QByteArray("<serviceTask id=\"x\"/>") << true;
    QTest::newRow("FEEL script") << QByteArray(
                                        "<scriptTask id=\"x\" scriptFormat=\"feel\"><script>=1</script></scriptTask>")
                                 << false;
    QTest::newRow("groovy script")
        << QByteArray("<scriptTask id=\"x\" scriptFormat=\"groovy\"><script>1</script></scriptTask>") << true;
    QTest::newRow("timer catch")
        << QByteArray("<intermediateCatchEvent id=\"x\"><timerEventDefinition/></intermediateCatchEvent>") << true;
    QTest::newRow("link catch")
        << QByteArray("<intermediateCatchEvent id=\"x\"><linkEventDefinition name=\"l\"/></intermediateCatchEvent>")
        << false;
    QTest::newRow("message throw")
        << QByteArray("<intermediateThrowEvent id=\"x\"><messageEventDefinition/></intermediateThrowEvent>") << true;
    QTest::newRow("event-based gateway") << QByteArray("<eventBasedGateway id=\"x\"/>") << true;
    QTest::newRow("sub-process of tasks") << QByteArray("<subProcess id=\"x\"><task id=\"y\"/></subProcess>") << false;
    QTest::newRow("sub-process with a user task")
        << QByteArray("<subProcess id=\"x\"><userTask id=\"y\"/></subProcess>") << true;
  }

  void waitStates() {
    QFETCH(QByteArray, element);
    QFETCH(bool, waits);
    Fixture f(element);
    QCOMPARE(isWaitState(*f.graph.node(f.at("x")).element), waits);
  }
};

QTEST_GUILESS_MAIN(TestProcessGraph)
#include "tst_process_graph.moc"

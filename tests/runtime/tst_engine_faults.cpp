// The engine on models and inputs that used to crash, hang or quietly go
// wrong (issue 17): each test names the input that did it and checks the
// behaviour that replaced it.
#include <QtTest>

#include "bpmn/engine.h"
#include "engine_harness.h"

using namespace bpmn;
using namespace bpmn::feel;
using namespace bpmn::testing;

class TestEngineFaults : public QObject {
  Q_OBJECT

 private slots:
  // Sequence flows without an id (the schema makes tBaseElement's id
  // optional; Camunda 7's own test models leave it out). A parallel join
  // counted the two arrivals as one flow "" and crashed `bpmn run`.
  void sequenceFlowsWithoutIds() {
    Harness h;
    QVERIFY(h.start(
        "<startEvent id=\"s\"/><parallelGateway id=\"fork\"/><userTask id=\"a\"/><userTask id=\"b\"/>"
        "<parallelGateway id=\"join\"/><endEvent id=\"e\"/>"
        "<sequenceFlow sourceRef=\"s\" targetRef=\"fork\"/><sequenceFlow sourceRef=\"fork\" targetRef=\"a\"/>"
        "<sequenceFlow sourceRef=\"fork\" targetRef=\"b\"/><sequenceFlow sourceRef=\"a\" targetRef=\"join\"/>"
        "<sequenceFlow sourceRef=\"b\" targetRef=\"join\"/><sequenceFlow sourceRef=\"join\" targetRef=\"e\"/>"));
    QCOMPARE(waiting(h.instance), QStringList({"a", "b"}));
    QVERIFY(h.complete("a"));
    QStringList afterA = waiting(h.instance);
    afterA.sort();
    QCOMPARE(afterA, QStringList({"b", "join"}));
    QVERIFY(h.complete("b"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance), QStringList({"s", "fork", "a", "b", "join", "e"}));
    // Tokens name the flow they came over: a name no element has.
    QVERIFY(h.start(
        "<startEvent id=\"s\"/><userTask id=\"a\"/><sequenceFlow sourceRef=\"s\" targetRef=\"a\"/>"
        "<task id=\"flow_s_a\"/>"));
    QCOMPARE(h.instance.tokens.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(h.instance.tokens.front().arrivedVia), QString("flow_s_a_2"));
  }
};

QTEST_GUILESS_MAIN(TestEngineFaults)
#include "tst_engine_faults.moc"

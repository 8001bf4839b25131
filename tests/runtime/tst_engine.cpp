// The token interpreter against BPMN 2.0.2 chapter 13, one rule per test,
// each naming the spec sentence and, where one is known, the peer bug it
// guards against. Models are written inline, without diagrams.
#include <QtTest>

#include <algorithm>

#include "bpmn/engine.h"
#include "engine_harness.h"

using namespace bpmn;
using namespace bpmn::feel;
using namespace bpmn::testing;

namespace {

// A task `id` (looping as `loop` says) with a compensation boundary event
// "b-id" associated with its handler task "undo-id".
QByteArray undoable(const char* id, const QByteArray& loop = {}) {
  return QByteArray("<task id=\"") + id + "\">" + loop + "</task><boundaryEvent id=\"b-" + id + "\" attachedToRef=\"" +
         id + "\"><compensateEventDefinition/></boundaryEvent><task id=\"undo-" + id +
         "\" isForCompensation=\"true\"/><association id=\"a-" + id + "\" sourceRef=\"b-" + id +
         "\" targetRef=\"undo-" + id + "\"/>";
}

}  // namespace

class TestEngine : public QObject {
  Q_OBJECT

 private slots:
  // SPEC §13.3.1: an activity with several outgoing flows without conditions
  // sends a token down each (implicit split); a task reached twice runs twice
  // (implicit merge).
  void implicitSplitAndMerge() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "a") + "<task id=\"a\"/>" + flow("f2", "a", "b") +
                    flow("f3", "a", "c") + "<task id=\"b\"/><task id=\"c\"/>" + flow("f4", "b", "m") +
                    flow("f5", "c", "m") + "<task id=\"m\"/>" + flow("f6", "m", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    // Branch order is not defined (§13.3.1); counts are.
    const QStringList steps = trace(h.instance);
    QCOMPARE(steps.count("b"), 1);
    QCOMPARE(steps.count("c"), 1);
    QCOMPARE(steps.count("m"), 2);
    QCOMPARE(steps.count("e"), 2);
  }

  // SPEC §13.3.1: conditional flows leaving an activity are taken when true.
  void conditionalFlowsOnActivity() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "a") + "<task id=\"a\"/>" +
                        flow("yes", "a", "b", "=x > 1") + flow("no", "a", "c", "=x < 1") +
                        "<endEvent id=\"b\"/><endEvent id=\"c\"/>",
                    {{"x", Value(5)}}));
    QCOMPARE(trace(h.instance), QStringList({"s", "a", "b"}));
  }

  // SPEC §13.4.2: the exclusive gateway takes the first flow, in document
  // order, whose condition holds; else its default flow.
  void exclusiveFirstTrueInDocumentOrder() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "g") + "<exclusiveGateway id=\"g\" default=\"d\"/>" +
                        flow("a", "g", "ea", "=x > 1") + flow("b", "g", "eb", "=x > 2") + flow("d", "g", "ed") +
                        "<endEvent id=\"ea\"/><endEvent id=\"eb\"/><endEvent id=\"ed\"/>",
                    {{"x", Value(5)}}));
    QCOMPARE(trace(h.instance), QStringList({"s", "g", "ea"}));
    Harness fallback;
    QVERIFY(fallback.start("<startEvent id=\"s\"/>" + flow("f1", "s", "g") +
                               "<exclusiveGateway id=\"g\" default=\"d\"/>" + flow("a", "g", "ea", "=x > 1") +
                               flow("d", "g", "ed") + "<endEvent id=\"ea\"/><endEvent id=\"ed\"/>",
                           {{"x", Value(0)}}));
    QCOMPARE(trace(fallback.instance), QStringList({"s", "g", "ed"}));
  }

  // SPEC §13.4.2: no condition true and no default flow is an exception;
  // Camunda 7 used to stop silently on some paths. Here it is an incident.
  void exclusiveWithoutMatchIsAnIncident() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "g") + "<exclusiveGateway id=\"g\"/>" +
                        flow("a", "g", "ea", "=x > 1") + flow("b", "g", "eb", "=x > 2") +
                        "<endEvent id=\"ea\"/><endEvent id=\"eb\"/>",
                    {{"x", Value(0)}}));
    QCOMPARE(h.instance.state, InstanceState::kIncident);
    QCOMPARE(h.incidents(), QString("g: no outgoing flow matched and no default flow"));
  }

  // Zeebe: a condition that gives no boolean is an incident, not "false".
  void nonBooleanConditionIsAnIncident() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "g") + "<exclusiveGateway id=\"g\"/>" +
                    flow("a", "g", "ea", "=missing > 1") + flow("b", "g", "eb", "=true") +
                    "<endEvent id=\"ea\"/><endEvent id=\"eb\"/>"));
    QCOMPARE(h.incidents(), QString("g: condition of sequence flow \"a\" is not a boolean: null"));
  }

  // SPEC §13.4.1: the parallel join waits for a token on every incoming flow.
  // bpmn-engine completes the join by XML order of the incoming flows; here
  // the flows are listed in the opposite order of arrival.
  void parallelJoinIndependentOfXmlOrder() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
                    flow("f2", "fork", "slow") + flow("f3", "fork", "join") + "<userTask id=\"slow\"/>" +
                    flow("late", "slow", "join") +
                    "<parallelGateway id=\"join\"><incoming>late</incoming>"
                    "<incoming>f3</incoming></parallelGateway>" +
                    flow("f5", "join", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(h.instance.state, InstanceState::kActive);
    QCOMPARE(waiting(h.instance), QStringList({"slow", "join"}));
    QVERIFY(h.complete("slow"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance).filter("join").size(), 1);
  }

  // SPEC §13.4.1: two tokens on one incoming flow do not fire the join; the
  // second waits for its own partner.
  void parallelJoinTokensOnOneFlowWaitTheirTurn() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "a") + "<task id=\"a\"/>" + flow("x1", "a", "join") +
                    flow("x2", "a", "join") + flow("y", "a", "u") + "<userTask id=\"u\"/>" + flow("y2", "u", "join") +
                    "<parallelGateway id=\"join\"/>" + flow("out", "join", "e") + "<endEvent id=\"e\"/>"));
    // x1 and x2 both arrive; the join needs x1, x2 and y2.
    QCOMPARE(h.instance.state, InstanceState::kActive);
    QVERIFY(h.complete("u"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
  }

  // SPEC §13.4.3: the inclusive split takes every flow whose condition holds,
  // the join waits only for the branches that were started.
  void inclusiveSplitAndJoin() {
    Harness h;
    QVERIFY(h.start(
        "<startEvent id=\"s\"/>" + flow("f1", "s", "split") + "<inclusiveGateway id=\"split\" default=\"d\"/>" +
            flow("a", "split", "ta", "=x > 1") + flow("b", "split", "tb", "=x > 2") +
            flow("c", "split", "tc", "=x > 100") + flow("d", "split", "td") +
            "<userTask id=\"ta\"/><userTask id=\"tb\"/><userTask id=\"tc\"/><userTask id=\"td\"/>" +
            flow("ja", "ta", "join") + flow("jb", "tb", "join") + flow("jc", "tc", "join") + flow("jd", "td", "join") +
            "<inclusiveGateway id=\"join\"/>" + flow("out", "join", "e") + "<endEvent id=\"e\"/>",
        {{"x", Value(5)}}));
    QCOMPARE(waiting(h.instance), QStringList({"ta", "tb"}));
    QVERIFY(h.complete("ta"));
    QCOMPARE(h.instance.state, InstanceState::kActive);  // tb can still reach the join
    QVERIFY(h.complete("tb"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance).filter("join").size(), 1);
  }

  // SPEC §13.4.3: the join must be re-evaluated when a token that could have
  // reached it goes elsewhere. Camunda 7 checks only on arrival and hangs
  // here; the branch ends at an end event instead of reaching the join.
  void inclusiveJoinFiresWhenOtherBranchLeaves() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
                    flow("a", "fork", "ta") + flow("b", "fork", "tb") + "<task id=\"ta\"/><userTask id=\"tb\"/>" +
                    flow("ja", "ta", "join") + flow("jb", "tb", "decide") +
                    "<exclusiveGateway id=\"decide\" default=\"away\"/>" + flow("to", "decide", "join", "=false") +
                    flow("away", "decide", "gone") + "<endEvent id=\"gone\"/>" + "<inclusiveGateway id=\"join\"/>" +
                    flow("out", "join", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(waiting(h.instance), QStringList({"join", "tb"}));
    QVERIFY(h.complete("tb"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QVERIFY(trace(h.instance).contains("e"));
  }

  // Flowable #3603: two inclusive gateways in a row; the second must not
  // fire before the first has passed every token on.
  void consecutiveInclusiveGateways() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<inclusiveGateway id=\"fork\"/>" +
                    flow("a", "fork", "ta", "=true") + flow("b", "fork", "tb", "=true") +
                    "<userTask id=\"ta\"/><userTask id=\"tb\"/>" + flow("ja", "ta", "j1") + flow("jb", "tb", "j1") +
                    "<inclusiveGateway id=\"j1\"/>" + flow("mid", "j1", "j2") + flow("side", "fork", "tc", "=true") +
                    "<userTask id=\"tc\"/>" + flow("jc", "tc", "j2") + "<inclusiveGateway id=\"j2\"/>" +
                    flow("out", "j2", "e") + "<endEvent id=\"e\"/>"));
    QVERIFY(h.complete("ta"));
    QVERIFY(h.complete("tc"));
    QCOMPARE(h.instance.state, InstanceState::kActive);  // tb can still reach j1, hence j2
    QVERIFY(h.complete("tb"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance).filter("j2").size(), 1);
  }

  // A join inside a loop: the path back round the loop passes through the
  // join itself, so it never blocks the join.
  void inclusiveJoinInsideLoop() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "join") + "<inclusiveGateway id=\"join\"/>" +
                        flow("f2", "join", "work") + "<userTask id=\"work\"/>" + flow("f3", "work", "again") +
                        "<exclusiveGateway id=\"again\" default=\"done\"/>" +
                        flow("back", "again", "join", "=count < 2") + flow("done", "again", "e") +
                        "<endEvent id=\"e\"/>",
                    {{"count", Value(0)}}));
    QVERIFY(h.complete("work", {{"count", Value(1)}}));
    QCOMPARE(waiting(h.instance), QStringList({"work"}));
    QVERIFY(h.complete("work", {{"count", Value(2)}}));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
  }

  // SPEC §13.4.4: a complex gateway activates when its activationCondition
  // holds over the waiting tokens, then waits for reset, absorbing the
  // tokens of the flows that had none at activation. No peer executes it.
  void complexGatewayTwoPhases_data() {
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<QStringList>("order");   // the tasks completed, in order
    QTest::addColumn<int>("activatedAfter");  // how many completions activate it
    QTest::newRow("discriminator: first of three")
        << QByteArray("=_activationCount >= 1") << QStringList{"a", "b", "c"} << 1;
    QTest::newRow("two of three") << QByteArray("=_activationCount >= 2") << QStringList{"b", "c", "a"} << 2;
    QTest::newRow("by flow") << QByteArray("=_activationCounts.jc >= 1") << QStringList{"a", "b", "c"} << 3;
  }

  void complexGatewayTwoPhases() {
    QFETCH(QByteArray, condition);
    QFETCH(QStringList, order);
    QFETCH(int, activatedAfter);
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
                    flow("fa", "fork", "a") + flow("fb", "fork", "b") + flow("fc", "fork", "c") +
                    "<userTask id=\"a\"/><userTask id=\"b\"/><userTask id=\"c\"/>" + flow("ja", "a", "cx") +
                    flow("jb", "b", "cx") + flow("jc", "c", "cx") + "<complexGateway id=\"cx\"><activationCondition>" +
                    condition + "</activationCondition></complexGateway>" + flow("out", "cx", "x") +
                    "<userTask id=\"x\"/>" + flow("fx", "x", "e") + "<endEvent id=\"e\"/>"));
    for (int i = 0; i < order.size(); ++i) {
      QVERIFY(h.complete(order[i].toUtf8().constData()));
      const bool activated = trace(h.instance).contains("cx");
      QCOMPARE(activated, i + 1 >= activatedAfter);
    }
    QCOMPARE(trace(h.instance).count("cx"), 1);         // activated once
    QVERIFY(h.instance.complexGateways.empty());        // and reset
    QCOMPARE(waiting(h.instance), QStringList({"x"}));  // the absorbed tokens are gone
    QVERIFY(h.complete("x"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
  }

  // SPEC §13.3.6: a call activity runs another process as its own instance,
  // linked to the caller; the caller's token goes on when it completes.
  // Variables go in and come back (zeebe:calledElement's defaults).
  void callActivity() {
    const std::string xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"definitions\" targetNamespace=\"t\">"
        "<process id=\"parent\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
        flow("f1", "s", "call").toStdString() +
        "<callActivity id=\"call\"><extensionElements><zeebe:calledElement processId=\"child\"/>"
        "</extensionElements></callActivity>" +
        flow("f2", "call", "e").toStdString() +
        "<endEvent id=\"e\"/></process>"
        "<process id=\"child\" isExecutable=\"true\"><startEvent id=\"cs\"/>" +
        flow("g1", "cs", "work").toStdString() + "<userTask id=\"work\"/>" + flow("g2", "work", "ce").toStdString() +
        "<endEvent id=\"ce\"/></process></definitions>";
    Engine engine;
    QVERIFY(engine.deploy(xml, "call.bpmn").isOk());
    auto started = engine.createInstance("parent", {{"order", Value(7)}});
    QVERIFY(started.isOk());
    const InstanceSnapshot parent = started.value().instance;
    QCOMPARE(parent.state, InstanceState::kActive);
    QCOMPARE(parent.tokens.size(), std::size_t(1));
    const std::uint64_t childKey = parent.tokens.front().childInstanceKey;
    QVERIFY(childKey != 0);
    auto child = engine.instance(childKey).value();
    QVERIFY(child);
    QCOMPARE(child->parentInstanceKey, parent.key);
    QCOMPARE(toFeelString(*feel::entryOf(child->scopes.front().variables, "order")), std::string("7"));

    auto done = engine.completeUserTask(childKey, child->tokens.front().key, {{"result", Value("ok")}});
    QVERIFY(done.isOk());
    QCOMPARE(done.value().instance.state, InstanceState::kCompleted);
    auto resumed = engine.instance(parent.key).value();
    QCOMPARE(resumed->state, InstanceState::kCompleted);
    QCOMPARE(trace(*resumed), QStringList({"s", "call", "e"}));
    QCOMPARE(toFeelString(*feel::entryOf(resumed->scopes.front().variables, "result")), std::string("\"ok\""));
  }

  // Camunda 7 call activities: only what camunda:in and camunda:out name
  // crosses, and calledElementBinding="version" picks a deployed version.
  void camundaCallActivityMappingsAndVersion() {
    auto xml = [](const char* childTask) {
      return "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
             "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"definitions\" targetNamespace=\"t\">"
             "<process id=\"parent\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
             flow("f1", "s", "call").toStdString() +
             "<callActivity id=\"call\" calledElement=\"child\" camunda:calledElementBinding=\"version\" "
             "camunda:calledElementVersion=\"1\"><extensionElements>"
             "<camunda:in source=\"order\" target=\"item\"/>"
             "<camunda:in sourceExpression=\"${order * 10}\" target=\"price\"/>"
             "<camunda:out source=\"item\" target=\"returned\"/></extensionElements></callActivity>" +
             flow("f2", "call", "e").toStdString() +
             "<endEvent id=\"e\"/></process><process id=\"child\" isExecutable=\"true\"><startEvent id=\"cs\"/>" +
             flow("g1", "cs", childTask).toStdString() + "<userTask id=\"" + childTask + "\"/></process></definitions>";
    };
    Engine engine;
    QVERIFY(engine.deploy(xml("v1task"), "a.bpmn").isOk());
    QVERIFY(engine.deploy(xml("v2task"), "a.bpmn").isOk());  // child version 2
    const InstanceSnapshot parent =
        engine.createInstance("parent", {{"order", Value(3)}, {"secret", Value(1)}}).value().instance;
    auto child = engine.instance(parent.tokens.front().childInstanceKey).value();
    QCOMPARE(child->version, 1);
    QCOMPARE(toFeelString(Value(child->scopes.front().variables)), std::string("{item: 3, price: 30}"));
    auto done =
        engine.completeUserTask(child->key, child->tokens.front().key, {{"item", Value(4)}, {"noise", Value(0)}});
    QVERIFY(done.isOk());
    auto resumed = engine.instance(parent.key).value();
    QCOMPARE(resumed->state, InstanceState::kCompleted);
    QCOMPARE(toFeelString(Value(resumed->scopes.front().variables)), std::string("{order: 3, secret: 1, returned: 4}"));
  }

  void callActivityToMissingProcessIsAnIncident() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "call") +
                    "<callActivity id=\"call\" calledElement=\"nowhere\"/>" + flow("f2", "call", "e") +
                    "<endEvent id=\"e\"/>"));
    QCOMPARE(h.incidents(), QString("call: called process \"nowhere\" is not deployed"));
  }

  void cancellingTheCallerCancelsTheCalled() {
    const std::string xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"definitions\" targetNamespace=\"t\">"
        "<process id=\"parent\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
        flow("f1", "s", "call").toStdString() + "<callActivity id=\"call\" calledElement=\"child\"/>" +
        flow("f2", "call", "e").toStdString() +
        "<endEvent id=\"e\"/></process><process id=\"child\" isExecutable=\"true\"><startEvent id=\"cs\"/>" +
        flow("g1", "cs", "work").toStdString() + "<userTask id=\"work\"/></process></definitions>";
    Engine engine;
    QVERIFY(engine.deploy(xml, "call.bpmn").isOk());
    const InstanceSnapshot parent = engine.createInstance("parent").value().instance;
    const std::uint64_t childKey = parent.tokens.front().childInstanceKey;
    QVERIFY(engine.cancelInstance(parent.key).isOk());
    QCOMPARE(engine.instance(childKey).value()->state, InstanceState::kCancelled);
  }

  // Zeebe #19464: an incoming flow of an inclusive join taken twice (there
  // by a non-interrupting boundary event, here by an implicit split, which
  // needs nothing of issue 5). The join must fire once per arrival round and
  // the instance complete; Zeebe's taken-flow counter left it hanging.
  void inclusiveJoinFlowTakenTwice() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
                    flow("fa", "fork", "a") + flow("fb", "fork", "b") + "<userTask id=\"a\"/><userTask id=\"b\"/>" +
                    flow("b1", "b", "x") + flow("b2", "b", "x") + "<task id=\"x\"/>" + flow("jx", "x", "join") +
                    flow("ja", "a", "join") + "<inclusiveGateway id=\"join\"/>" + flow("out", "join", "c") +
                    "<task id=\"c\"/>" + flow("fc", "c", "e") + "<endEvent id=\"e\"/>"));
    QVERIFY(h.complete("b"));
    QCOMPARE(h.instance.state, InstanceState::kActive);  // a can still reach the join
    QVERIFY(h.complete("a"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance).count("join"), 2);
    QCOMPARE(trace(h.instance).count("e"), 2);
  }

  // User tasks carry who does them and when, from zeebe: attributes, FEEL
  // evaluated when the task is created.
  void userTaskAssignment() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "approve") +
                        "<userTask id=\"approve\"><extensionElements>"
                        "<zeebe:assignmentDefinition assignee=\"=owner\" candidateGroups=\"accounting, audit\"/>"
                        "<zeebe:taskSchedule dueDate=\"2026-12-01T12:00:00Z\"/>"
                        "<zeebe:formDefinition formKey=\"approve-invoice\"/></extensionElements></userTask>" +
                        flow("f2", "approve", "e") + "<endEvent id=\"e\"/>",
                    {{"owner", Value("ann")}}));
    QCOMPARE(h.instance.userTasks.size(), std::size_t(1));
    const UserTaskSnapshot& task = h.instance.userTasks.front();
    QCOMPARE(task.assignee, std::string("ann"));
    QCOMPARE(task.candidateGroups, std::string("accounting, audit"));
    QCOMPARE(task.dueDate, std::string("2026-12-01T12:00:00Z"));
    QCOMPARE(task.formKey, std::string("approve-invoice"));
    QVERIFY(h.complete("approve"));
    QVERIFY(h.instance.userTasks.empty());
  }

  // A business error from a worker that nothing catches is an incident
  // (boundary events arrive with issue 5).
  void thrownErrorWithoutCatchIsAnIncident() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + "<serviceTask id=\"t\"/>" + flow("f2", "t", "e") +
                    "<endEvent id=\"e\"/>"));
    const auto job = h.engine.jobs(h.instance.key).value().front();
    auto thrown = h.engine.throwError(h.instance.key, job.key, "DECLINED", "card declined");
    QVERIFY(thrown.isOk());
    h.instance = thrown.value().instance;
    QCOMPARE(h.incidents(), QString("t: unhandled BPMN error \"DECLINED\": card declined"));
    QVERIFY(h.engine.jobs(h.instance.key).value().empty());
  }

  // A failed job with retries left comes back after its backoff.
  void failedJobBackoff() {
    ManualClock clock(1'000'000);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + "<serviceTask id=\"t\"/>" + flow("f2", "t", "e") +
                    "<endEvent id=\"e\"/>"));
    const auto job = h.engine.jobs(h.instance.key).value().front();
    QVERIFY(h.engine.failJob(h.instance.key, job.key, 2, "busy", 30'000).isOk());
    QVERIFY(h.engine.jobs(h.instance.key).value().empty());
    clock.advance(30'000);
    QCOMPARE(h.engine.jobs(h.instance.key).value().size(), std::size_t(1));
    QCOMPARE(h.engine.jobs(h.instance.key).value().front().retries, 2);
  }

  // Input mappings are the task's local variables: a worker sees them, the
  // process scope does not keep them; outputs write back.
  void inputMappingsAreLocal() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                        "<serviceTask id=\"t\"><extensionElements><zeebe:taskDefinition type=\"x\"/>"
                        "<zeebe:ioMapping><zeebe:input source=\"=order.total * 2\" target=\"amount\"/>"
                        "<zeebe:output source=\"=amount + paid\" target=\"sum\"/></zeebe:ioMapping>"
                        "</extensionElements></serviceTask>" +
                        flow("f2", "t", "e") + "<endEvent id=\"e\"/>",
                    {{"order", Value(Context{{"total", Value(5)}})}}));
    const auto job = h.engine.jobs(h.instance.key).value().front();
    QCOMPARE(toFeelString(*feel::entryOf(job.variables, "amount")), std::string("10"));
    QVERIFY(h.complete("t", {{"paid", Value(1)}}));
    const Value variables(h.instance.scopes.front().variables);
    QCOMPARE(toFeelString(variables), std::string("{order: {total: 5}, sum: 11}"));
  }

  // SPEC §10.5.4: an error boundary event catches its activity's error and
  // interrupts it; a catch that names the code wins over a catch-all.
  void errorBoundaryCatchesWorkerError() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + "<serviceTask id=\"t\"/>" +
                        flow("f2", "t", "done") + "<endEvent id=\"done\"/>" +
                        "<boundaryEvent id=\"any\" attachedToRef=\"t\"><errorEventDefinition/></boundaryEvent>" +
                        flow("f3", "any", "other") + "<endEvent id=\"other\"/>" +
                        "<boundaryEvent id=\"declined\" attachedToRef=\"t\"><errorEventDefinition errorRef=\"e1\"/>"
                        "</boundaryEvent>" +
                        flow("f4", "declined", "refund") + "<userTask id=\"refund\"/>",
                    {}, "<error id=\"e1\" errorCode=\"DECLINED\"/>"));
    const auto job = h.engine.jobs(h.instance.key).value().front();
    auto thrown = h.engine.throwError(h.instance.key, job.key, "DECLINED", "card declined");
    QVERIFY(thrown.isOk());
    h.instance = thrown.value().instance;
    QCOMPARE(waiting(h.instance), QStringList({"refund"}));
    QVERIFY(h.engine.jobs(h.instance.key).value().empty());
  }

  // SPEC §13.5.6: an error end event throws; the error leaves its
  // sub-process, which the boundary event on it interrupts.
  void errorEndEventCaughtOnSubProcess() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "sub") +
                        "<subProcess id=\"sub\">"
                        "<startEvent id=\"ss\"/>" +
                        flow("g1", "ss", "a") + flow("g2", "ss", "fail") +
                        "<userTask id=\"a\"/><endEvent id=\"fail\"><errorEventDefinition errorRef=\"e1\"/></endEvent>"
                        "</subProcess>" +
                        flow("f2", "sub", "ok") + "<endEvent id=\"ok\"/>" +
                        "<boundaryEvent id=\"caught\" attachedToRef=\"sub\"><errorEventDefinition errorRef=\"e1\"/>"
                        "</boundaryEvent>" +
                        flow("f3", "caught", "handled") + "<endEvent id=\"handled\"/>",
                    {}, "<error id=\"e1\" errorCode=\"BROKEN\"/>"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QVERIFY(trace(h.instance).contains("handled"));
    QVERIFY(!trace(h.instance).contains("ok"));
  }

  // An error nothing catches is an incident at the end event.
  void uncaughtErrorEndEventIsAnIncident() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "fail") +
                        "<endEvent id=\"fail\"><errorEventDefinition errorRef=\"e1\"/></endEvent>",
                    {}, "<error id=\"e1\" errorCode=\"BROKEN\"/>"));
    QCOMPARE(h.incidents(), QString("fail: unhandled BPMN error \"BROKEN\""));
  }

  // An error that leaves a called process is caught on the call activity.
  void errorPropagatesThroughCallActivity() {
    const std::string xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"definitions\" targetNamespace=\"t\">"
        "<error id=\"e1\" errorCode=\"NOPE\"/>"
        "<process id=\"parent\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
        flow("f1", "s", "call").toStdString() + "<callActivity id=\"call\" calledElement=\"child\"/>" +
        flow("f2", "call", "e").toStdString() + "<endEvent id=\"e\"/>" +
        "<boundaryEvent id=\"caught\" attachedToRef=\"call\"><errorEventDefinition errorRef=\"e1\"/></boundaryEvent>" +
        flow("f3", "caught", "handled").toStdString() + "<endEvent id=\"handled\"/></process>" +
        "<process id=\"child\" isExecutable=\"true\"><startEvent id=\"cs\"/>" + flow("g1", "cs", "fail").toStdString() +
        "<endEvent id=\"fail\"><errorEventDefinition errorRef=\"e1\"/></endEvent></process></definitions>";
    Engine engine;
    QVERIFY(engine.deploy(xml, "call.bpmn").isOk());
    const InstanceSnapshot parent = engine.createInstance("parent").value().instance;
    QCOMPARE(parent.state, InstanceState::kCompleted);
    QCOMPARE(trace(parent), QStringList({"s", "caught", "handled"}));
  }

  // SPEC §10.5.4: an escalation is not critical: a non-interrupting catch on
  // the sub-process runs beside it, which goes on.
  void escalationNonInterrupting() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "sub") +
                        "<subProcess id=\"sub\">"
                        "<startEvent id=\"ss\"/>" +
                        flow("g1", "ss", "raise") +
                        "<intermediateThrowEvent id=\"raise\"><escalationEventDefinition escalationRef=\"late\"/>"
                        "</intermediateThrowEvent>" +
                        flow("g2", "raise", "work") + "<userTask id=\"work\"/>" + flow("g3", "work", "se") +
                        "<endEvent id=\"se\"/></subProcess>" + flow("f2", "sub", "e") + "<endEvent id=\"e\"/>" +
                        "<boundaryEvent id=\"noticed\" attachedToRef=\"sub\" cancelActivity=\"false\">"
                        "<escalationEventDefinition escalationRef=\"late\"/></boundaryEvent>" +
                        flow("f3", "noticed", "inform") + "<userTask id=\"inform\"/>",
                    {}, "<escalation id=\"late\" escalationCode=\"LATE\"/>"));
    QCOMPARE(waiting(h.instance), QStringList({"sub", "work", "inform"}));
    QVERIFY(h.complete("work"));
    QVERIFY(h.complete("inform"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
  }

  // An interrupting escalation catch ends the sub-process; an escalation
  // nothing catches changes nothing (no incident).
  void escalationInterruptingAndUncaught() {
    Harness caught;
    QVERIFY(
        caught.start("<startEvent id=\"s\"/>" + flow("f1", "s", "sub") +
                     "<subProcess id=\"sub\">"
                     "<startEvent id=\"ss\"/>" +
                     flow("g1", "ss", "a") + flow("g2", "ss", "up") +
                     "<userTask id=\"a\"/><endEvent id=\"up\"><escalationEventDefinition/></endEvent></subProcess>" +
                     flow("f2", "sub", "e") + "<endEvent id=\"e\"/>" +
                     "<boundaryEvent id=\"stop\" attachedToRef=\"sub\"><escalationEventDefinition/></boundaryEvent>" +
                     flow("f3", "stop", "handled") + "<endEvent id=\"handled\"/>"));
    QCOMPARE(caught.instance.state, InstanceState::kCompleted);
    QVERIFY(trace(caught.instance).contains("handled"));
    Harness free;
    QVERIFY(free.start("<startEvent id=\"s\"/>" + flow("f1", "s", "up") +
                           "<intermediateThrowEvent id=\"up\"><escalationEventDefinition escalationRef=\"x\"/>"
                           "</intermediateThrowEvent>" +
                           flow("f2", "up", "e") + "<endEvent id=\"e\"/>",
                       {}, "<escalation id=\"x\" escalationCode=\"X\"/>"));
    QCOMPARE(free.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(free.instance), QStringList({"s", "up", "e"}));
  }

  // Zeebe #19460: an inclusive join after one branch left through an error
  // boundary event. The join must fire once the diverted branch can no
  // longer reach it, and exactly once.
  void inclusiveJoinAfterErrorBoundary() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<inclusiveGateway id=\"fork\"/>" +
                    flow("fa", "fork", "a", "=true") + flow("fb", "fork", "b", "=true") +
                    "<serviceTask id=\"a\"/><userTask id=\"b\"/>" + flow("ja", "a", "join") + flow("jb", "b", "join") +
                    "<boundaryEvent id=\"failed\" attachedToRef=\"a\"><errorEventDefinition/></boundaryEvent>" +
                    flow("fx", "failed", "x") + "<task id=\"x\"/>" + flow("jx", "x", "join") +
                    "<inclusiveGateway id=\"join\"/>" + flow("out", "join", "e") + "<endEvent id=\"e\"/>"));
    QVERIFY(h.complete("b"));
    QCOMPARE(h.instance.state, InstanceState::kActive);  // a can still reach the join
    const auto job = h.engine.jobs(h.instance.key).value().front();
    auto thrown = h.engine.throwError(h.instance.key, job.key, "ANY", "");
    QVERIFY(thrown.isOk());
    h.instance = thrown.value().instance;
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance).count("join"), 1);
  }

  // Flowable #582: an inclusive join inside an event sub-process. The error
  // event sub-process ends the rest of its scope and runs its own fork and
  // join to the end.
  void inclusiveJoinInsideEventSubProcess() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + "<serviceTask id=\"t\"/>" + flow("f2", "t", "e") +
                    "<endEvent id=\"e\"/>" +
                    "<subProcess id=\"onError\" triggeredByEvent=\"true\"><startEvent id=\"es\">"
                    "<errorEventDefinition/></startEvent>" +
                    flow("h1", "es", "fork") + "<inclusiveGateway id=\"fork\"/>" + flow("h2", "fork", "u1", "=true") +
                    flow("h3", "fork", "u2", "=true") + "<userTask id=\"u1\"/><userTask id=\"u2\"/>" +
                    flow("h4", "u1", "join") + flow("h5", "u2", "join") + "<inclusiveGateway id=\"join\"/>" +
                    flow("h6", "join", "ee") + "<endEvent id=\"ee\"/></subProcess>"));
    const auto job = h.engine.jobs(h.instance.key).value().front();
    auto thrown = h.engine.throwError(h.instance.key, job.key, "X", "");
    QVERIFY(thrown.isOk());
    h.instance = thrown.value().instance;
    QCOMPARE(waiting(h.instance), QStringList({"onError", "u1", "u2"}));
    QVERIFY(h.complete("u1"));
    QCOMPARE(h.instance.state, InstanceState::kActive);
    QVERIFY(h.complete("u2"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance).count("join"), 1);
  }

  // Output targets may be paths (a nested context is made on the way), and
  // a mapping source without "=" is literal text, as in Zeebe and Camunda 7.
  void mappingPathsAndLiterals() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                    "<userTask id=\"t\"><extensionElements><zeebe:ioMapping>"
                    "<zeebe:input source=\"gold\" target=\"tier\"/>"
                    "<zeebe:output source=\"=tier\" target=\"customer.tier\"/>"
                    "<zeebe:output source=\"=answer\" target=\"customer.reply.text\"/>"
                    "</zeebe:ioMapping></extensionElements></userTask>" +
                    flow("f2", "t", "e") + "<endEvent id=\"e\"/>"));
    QVERIFY(h.complete("t", {{"answer", Value("yes")}}));
    QCOMPARE(toFeelString(Value(h.instance.scopes.front().variables)),
             std::string("{customer: {tier: \"gold\", reply: {text: \"yes\"}}}"));
  }

  // SPEC §13.3.4: a sub-process is a scope; it completes when no token is
  // left inside, and its local variables stay inside.
  void subProcessScope() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "sub") +
                    "<subProcess id=\"sub\">"
                    "<startEvent id=\"ss\"/>" +
                    flow("g1", "ss", "inner") + "<userTask id=\"inner\"/>" + flow("g2", "inner", "se") +
                    "<endEvent id=\"se\"/></subProcess>" + flow("f2", "sub", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(waiting(h.instance), QStringList({"sub", "inner"}));
    QCOMPARE(h.instance.scopes.size(), std::size_t(2));
    QVERIFY(h.complete("inner", {{"result", Value(42)}}));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance), QStringList({"s", "ss", "inner", "se", "sub", "e"}));
    QCOMPARE(toFeelString(Value(h.instance.scopes.front().variables)), QString("{result: 42}").toStdString());
  }

  // SPEC §13.5.6: a terminate end event ends its scope (here a sub-process)
  // at once; the process goes on after it.
  void terminateEndsOnlyItsScope() {
    Harness h;
    QVERIFY(h.start(
        "<startEvent id=\"s\"/>" + flow("f1", "s", "sub") +
        "<subProcess id=\"sub\">"
        "<startEvent id=\"ss\"/>" +
        flow("g1", "ss", "a") + flow("g2", "ss", "b") + "<userTask id=\"a\"/><task id=\"b\"/>" +
        flow("g3", "b", "stop") + "<endEvent id=\"stop\"><terminateEventDefinition/></endEvent></subProcess>" +
        flow("f2", "sub", "after") + "<userTask id=\"after\"/>" + flow("f3", "after", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(waiting(h.instance), QStringList({"after"}));
    QVERIFY(h.complete("after"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
  }

  // A loop without a wait state is stopped by the step budget as an
  // incident that names the loop, not left to hang the engine.
  void stepBudgetStopsEndlessLoop() {
    EngineOptions options;
    options.stepBudget = 50;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "a") + "<task id=\"a\"/>" + flow("f2", "a", "b") +
                    "<task id=\"b\"/>" + flow("f3", "b", "a")));
    QCOMPARE(h.instance.state, InstanceState::kIncident);
    QVERIFY2(h.incidents().endsWith(": step budget of 50 element activations exceeded in one command; it loops "
                                    "without a wait state through \"a\", \"b\""),
             qPrintable(h.incidents()));
  }

  // Jobs: a C++ handler completes them within the command; variables come
  // back through the output mappings.
  void jobHandlerCompletes() {
    EngineOptions options;
    options.jobHandlers["charge"] = [](const ActivatedJob& job) {
      const Value* amount = nullptr;
      for (const auto& [name, value] : job.variables) {
        if (name == "amount") amount = &value;
      }
      return JobOutcome::complete({{"charged", amount ? *amount : Value()}});
    };
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "pay") +
                        "<serviceTask id=\"pay\"><extensionElements><zeebe:taskDefinition type=\"charge\"/>"
                        "<zeebe:ioMapping><zeebe:input source=\"=order.total\" target=\"amount\"/>"
                        "<zeebe:output source=\"=charged * 2\" target=\"double\"/></zeebe:ioMapping>"
                        "</extensionElements></serviceTask>" +
                        flow("f2", "pay", "e") + "<endEvent id=\"e\"/>",
                    {{"order", Value(Context{{"total", Value(21)}})}}));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(toFeelString(Value(h.instance.scopes.front().variables)), std::string("{order: {total: 21}, double: 42}"));
  }

  // Retries exhausted -> incident; resolving it retries the job.
  void failingJobBecomesIncidentAndResolves() {
    int calls = 0;
    EngineOptions options;
    options.jobHandlers["flaky"] = [&calls](const ActivatedJob&) {
      return ++calls <= 3 ? JobOutcome::fail("timeout") : JobOutcome::complete();
    };
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                    "<serviceTask id=\"t\"><extensionElements><zeebe:taskDefinition type=\"flaky\" retries=\"3\"/>"
                    "</extensionElements></serviceTask>" +
                    flow("f2", "t", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(calls, 3);
    QCOMPARE(h.instance.state, InstanceState::kIncident);
    QCOMPARE(h.incidents(), QString("t: job \"flaky\" failed, no retries left: timeout"));
    auto resolved = h.engine.resolveIncident(h.instance.key, h.instance.incidents.front().key);
    QVERIFY(resolved.isOk());
    QCOMPARE(resolved.value().instance.state, InstanceState::kCompleted);
  }

  // Without a handler, a job waits for an external worker.
  void externalWorker() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + "<serviceTask id=\"t\"/>" + flow("f2", "t", "e") +
                    "<endEvent id=\"e\"/>"));
    auto jobs = h.engine.jobs(h.instance.key).value();
    QCOMPARE(jobs.size(), std::size_t(1));
    QCOMPARE(jobs.front().type, std::string("t"));  // the task's id when no type is given
    QVERIFY(h.complete("t"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
  }

  void scriptTaskSetsResult() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "calc") +
                        "<scriptTask id=\"calc\"><extensionElements><zeebe:script expression=\"=a + b\" "
                        "resultVariable=\"sum\"/></extensionElements></scriptTask>" +
                        flow("f2", "calc", "e") + "<endEvent id=\"e\"/>",
                    {{"a", Value(1)}, {"b", Value(2)}}));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(toFeelString(*feel::entryOf(h.instance.scopes.front().variables, "sum")), std::string("3"));
  }

  // An element the engine does not run is refused at deploy, by name.
  void unsupportedElementRefused() {
    Engine engine;
    auto deployed = engine.deploy(model("<startEvent id=\"s\"/>" + flow("f1", "s", "call") +
                                        "<callActivity id=\"call\"><extensionElements><zeebe:calledElement "
                                        "processId=\"=target\"/></extensionElements></callActivity>" +
                                        flow("f2", "call", "e") + "<endEvent id=\"e\"/>")
                                      .toStdString(),
                                  "x.bpmn");
    QVERIFY(!deployed.isOk());
    QVERIFY2(QString::fromStdString(deployed.status().message())
                 .endsWith("<callActivity id=\"call\">: a call activity with a computed process id is not executable "
                           "by this engine; remove it or deploy to an engine that runs it"),
             deployed.status().message().c_str());
    // A compensation event sub-process has nothing to compensate at the
    // process level: a modelling error, said as such.
    auto compensation = engine.deploy(model("<startEvent id=\"s\"/>" + flow("f1", "s", "e") +
                                            "<endEvent id=\"e\"/>"
                                            "<subProcess id=\"undo\" triggeredByEvent=\"true\"><startEvent id=\"us\">"
                                            "<compensateEventDefinition/></startEvent></subProcess>")
                                          .toStdString(),
                                      "y.bpmn");
    QVERIFY(!compensation.isOk());
    QVERIFY2(QString::fromStdString(compensation.status().message())
                 .endsWith("<startEvent id=\"us\">: a compensation event sub-process must lie in a sub-process (the "
                           "process itself is never compensated)"),
             compensation.status().message().c_str());
  }

  // Messages: a subscription opens with its correlation key (FEEL, when the
  // element starts); a publish reaches it by name and key; a message nobody
  // takes is kept for its time to live; a message start event starts an
  // instance once per key; a repeated message id is refused.
  void messages() {
    const std::string xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"definitions\" targetNamespace=\"t\">"
        "<message id=\"paid\" name=\"payment received\"><extensionElements><zeebe:subscription "
        "correlationKey=\"=orderId\"/></extensionElements></message>"
        "<message id=\"order\" name=\"order placed\"/>"
        "<process id=\"shop\" isExecutable=\"true\"><startEvent id=\"placed\"><messageEventDefinition "
        "messageRef=\"order\"/></startEvent>" +
        flow("f1", "placed", "wait").toStdString() + "<receiveTask id=\"wait\" messageRef=\"paid\"/>" +
        flow("f2", "wait", "e").toStdString() + "<endEvent id=\"e\"/></process></definitions>";
    Engine engine;
    QVERIFY(engine.deploy(xml, "shop.bpmn").isOk());
    // The start message makes an instance; the same key again does not.
    QCOMPARE(engine.publishMessage("order placed", "A-1", {{"orderId", Value("A-1")}}).value(), std::size_t(1));
    QCOMPARE(engine.publishMessage("order placed", "A-1", {{"orderId", Value("A-1")}}).value(), std::size_t(0));
    QCOMPARE(engine.publishMessage("order placed", "B-2", {{"orderId", Value("B-2")}}).value(), std::size_t(1));
    // The payment for A-1 reaches A-1 only.
    QCOMPARE(engine.publishMessage("payment received", "A-1", {{"amount", Value(10)}}).value(), std::size_t(1));
    // A payment for C-3 is kept; an instance for C-3 takes it when it waits.
    QCOMPARE(engine.publishMessage("payment received", "C-3", {}, 60'000, "pay-C-3").value(), std::size_t(0));
    QVERIFY(!engine.publishMessage("payment received", "C-3", {}, 60'000, "pay-C-3").isOk());
    QCOMPARE(engine.publishMessage("order placed", "C-3", {{"orderId", Value("C-3")}}).value(), std::size_t(1));
    std::vector<InstanceState> states;
    for (std::uint64_t key = 1; key < 100; ++key) {
      if (auto instance = engine.instance(key).value(); instance && instance->processId == "shop")
        states.push_back(instance->state);
    }
    QCOMPARE(states, (std::vector<InstanceState>{InstanceState::kCompleted, InstanceState::kActive,
                                                 InstanceState::kCompleted}));
  }

  // SPEC §10.5.5: a timer catch event waits until its time; the clock is the
  // engine's, so a virtual clock decides when it fires.
  void timerCatchEvent() {
    ManualClock clock(1'700'000'000'000);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "wait") +
                    "<intermediateCatchEvent id=\"wait\"><timerEventDefinition><timeDuration>PT1H</timeDuration>"
                    "</timerEventDefinition></intermediateCatchEvent>" +
                    flow("f2", "wait", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(h.engine.nextTimerDue().value(), std::optional<std::int64_t>(1'700'000'000'000 + 3'600'000));
    clock.advance(3'599'000);
    QVERIFY(h.engine.fireDueTimers().value().empty());
    clock.advance(1'000);
    auto fired = h.engine.fireDueTimers().value();
    QCOMPARE(fired.size(), std::size_t(1));
    QCOMPARE(fired.front().instance.state, InstanceState::kCompleted);
    QVERIFY(!h.engine.nextTimerDue().value());
  }

  void timerDateAndFeel_data() {
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<qint64>("due");
    QTest::newRow("timeDate") << QByteArray("<timeDate>2023-11-14T23:00:00Z</timeDate>") << qint64(1'700'002'800'000);
    QTest::newRow("FEEL duration") << QByteArray("<timeDuration>=duration(\"PT5M\")</timeDuration>")
                                   << qint64(1'700'000'300'000);
    QTest::newRow("FEEL date and time") << QByteArray(
                                               "<timeDate>=date and time(\"2023-11-15T00:00:00+01:00\")</timeDate>")
                                        << qint64(1'700'002'800'000);
    QTest::newRow("months") << QByteArray("<timeDuration>P1M</timeDuration>") << qint64(1'702'592'000'000);
    // ISO 8601 repeating intervals given by start and end: the first firing
    // ends the first interval (here an hour after 23:00).
    QTest::newRow("cycle start/end") << QByteArray(
                                            "<timeCycle>R2/2023-11-14T23:00:00Z/2023-11-15T00:00:00Z</timeCycle>")
                                     << qint64(1'700'006'400'000);
    QTest::newRow("cycle start/duration")
        << QByteArray("<timeCycle>R/2023-11-14T23:00:00Z/PT30M</timeCycle>") << qint64(1'700'004'600'000);
  }

  void timerDateAndFeel() {
    QFETCH(QByteArray, definition);
    QFETCH(qint64, due);
    ManualClock clock(1'700'000'000'000);  // 2023-11-14T22:13:20Z
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "wait") +
                    "<intermediateCatchEvent id=\"wait\"><timerEventDefinition>" + definition +
                    "</timerEventDefinition></intermediateCatchEvent>" + flow("f2", "wait", "e") +
                    "<endEvent id=\"e\"/>"));
    QCOMPARE(h.engine.nextTimerDue().value(), std::optional<std::int64_t>(due));
  }

  // SPEC §10.5.4: an interrupting timer boundary event ends its activity.
  void interruptingTimerBoundary() {
    ManualClock clock(0);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "approve") + "<userTask id=\"approve\"/>" +
                    flow("f2", "approve", "e") + "<endEvent id=\"e\"/>" +
                    "<boundaryEvent id=\"late\" attachedToRef=\"approve\"><timerEventDefinition>"
                    "<timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>" +
                    flow("f3", "late", "escalated") + "<endEvent id=\"escalated\"/>"));
    clock.advance(86'400'000);
    auto fired = h.engine.fireDueTimers().value();
    QCOMPARE(fired.back().instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(fired.back().instance), QStringList({"s", "late", "escalated"}));
    QVERIFY(fired.back().instance.userTasks.empty());
  }

  // A non-interrupting cycle repeats while the activity runs, and stops
  // with it.
  void nonInterruptingTimerCycle() {
    ManualClock clock(0);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "approve") + "<userTask id=\"approve\"/>" +
                    flow("f2", "approve", "e") + "<endEvent id=\"e\"/>" +
                    "<boundaryEvent id=\"remind\" attachedToRef=\"approve\" cancelActivity=\"false\">"
                    "<timerEventDefinition><timeCycle>R3/PT10M</timeCycle></timerEventDefinition></boundaryEvent>" +
                    flow("f3", "remind", "reminded") + "<endEvent id=\"reminded\"/>"));
    clock.advance(25 * 60'000);
    QCOMPARE(h.engine.fireDueTimers().value().size(), std::size_t(2));
    h.instance = *h.engine.instance(h.instance.key).value();
    QCOMPARE(trace(h.instance).count("reminded"), 2);
    QCOMPARE(waiting(h.instance), QStringList({"approve"}));
    QVERIFY(h.complete("approve"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QVERIFY(!h.engine.nextTimerDue().value());  // the third reminder went with the task
  }

  // SPEC §10.5.4 (Signal): a broadcast reaches every subscription of the
  // name in every instance, boundary and catch events alike, and starts the
  // processes whose start event waits for it.
  void signalsBroadcast() {
    const std::string xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"definitions\" targetNamespace=\"t\">"
        "<signal id=\"stop\" name=\"shop closed\"/>"
        "<process id=\"waiter\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
        flow("f1", "s", "wait").toStdString() +
        "<intermediateCatchEvent id=\"wait\"><signalEventDefinition signalRef=\"stop\"/></intermediateCatchEvent>" +
        flow("f2", "wait", "e").toStdString() + "<endEvent id=\"e\"/></process>" +
        "<process id=\"worker\" isExecutable=\"true\"><startEvent id=\"ws\"/>" +
        flow("g1", "ws", "work").toStdString() + "<userTask id=\"work\"/>" + flow("g2", "work", "we").toStdString() +
        "<endEvent id=\"we\"/><boundaryEvent id=\"closed\" attachedToRef=\"work\">"
        "<signalEventDefinition signalRef=\"stop\"/></boundaryEvent>" +
        flow("g3", "closed", "sent").toStdString() + "<endEvent id=\"sent\"/></process>" +
        "<process id=\"cleaner\" isExecutable=\"true\"><startEvent id=\"cs\"><signalEventDefinition "
        "signalRef=\"stop\"/></startEvent>" +
        flow("h1", "cs", "clean").toStdString() + "<userTask id=\"clean\"/></process></definitions>";
    Engine engine;
    QVERIFY(engine.deploy(xml, "shop.bpmn").isOk());
    const auto waiter = engine.createInstance("waiter").value().instance.key;
    const auto worker = engine.createInstance("worker").value().instance.key;
    QVERIFY(!engine.createInstance("cleaner").isOk());  // it starts only by its signal
    QCOMPARE(engine.broadcastSignal("other").value(), std::size_t(0));
    QCOMPARE(engine.broadcastSignal("shop closed", {{"reason", Value("night")}}).value(), std::size_t(3));
    QCOMPARE(engine.instance(waiter).value()->state, InstanceState::kCompleted);
    QCOMPARE(trace(*engine.instance(worker).value()), QStringList({"ws", "closed", "sent"}));
    QCOMPARE(toFeelString(*feel::entryOf(engine.instance(waiter).value()->scopes.front().variables, "reason")),
             std::string("\"night\""));
  }

  // A signal thrown inside a process reaches the others in the same command.
  void signalThrownInProcess() {
    const std::string xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"definitions\" targetNamespace=\"t\">"
        "<signal id=\"go\" name=\"go\"/>"
        "<process id=\"listener\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
        flow("f1", "s", "wait").toStdString() +
        "<intermediateCatchEvent id=\"wait\"><signalEventDefinition signalRef=\"go\"/></intermediateCatchEvent>" +
        flow("f2", "wait", "e").toStdString() + "<endEvent id=\"e\"/></process>" +
        "<process id=\"shouter\" isExecutable=\"true\"><startEvent id=\"t\"/>" +
        flow("g1", "t", "shout").toStdString() +
        "<endEvent id=\"shout\"><signalEventDefinition signalRef=\"go\"/></endEvent></process></definitions>";
    Engine engine;
    QVERIFY(engine.deploy(xml, "signals.bpmn").isOk());
    const auto listener = engine.createInstance("listener").value().instance.key;
    auto shouted = engine.createInstance("shouter");
    QCOMPARE(shouted.value().instance.state, InstanceState::kCompleted);
    QCOMPARE(engine.instance(listener).value()->state, InstanceState::kCompleted);
    // The throw is in the history, as message, error and escalation throws are.
    const auto& records = shouted.value().records;
    QVERIFY(std::any_of(records.begin(), records.end(), [](const HistoryRecord& r) {
      return r.kind == RecordKind::kEventThrown && r.elementId == "shout" && r.detail == "signal \"go\"";
    }));
  }

  // SPEC §13.4.5: "the first Event to be triggered ... will be the one that
  // determines the path"; the other events are no longer awaited. Guards
  // Flowable #3562: two timers due in the same instant must not both fire.
  void eventBasedGatewayTwoTimers() {
    ManualClock clock(0);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    auto timer = [](const char* id, const char* duration) {
      return QByteArray("<intermediateCatchEvent id=\"") + id + "\"><timerEventDefinition><timeDuration>" + duration +
             "</timeDuration></timerEventDefinition></intermediateCatchEvent>";
    };
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "g") + "<eventBasedGateway id=\"g\"/>" +
                    flow("f2", "g", "t1") + flow("f3", "g", "t2") + timer("t1", "PT1M") + timer("t2", "PT1M") +
                    flow("f4", "t1", "e1") + flow("f5", "t2", "e2") + "<endEvent id=\"e1\"/><endEvent id=\"e2\"/>"));
    QCOMPARE(h.instance.timers.size(), std::size_t(2));
    clock.advance(60'000);
    auto fired = h.engine.fireDueTimers().value();
    QCOMPARE(fired.size(), std::size_t(1));
    QCOMPARE(fired.front().instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(fired.front().instance), QStringList({"s", "g", "t1", "e1"}));
    QVERIFY(!h.engine.nextTimerDue().value());
  }

  // SPEC §13.4.5: a message beats a timer; the timer and the other
  // subscriptions close with the gateway.
  void eventBasedGatewayMessageWins() {
    ManualClock clock(0);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    const QByteArray roots =
        "<message id=\"m\" name=\"paid\"><extensionElements><zeebe:subscription correlationKey=\"=id\"/>"
        "</extensionElements></message><signal id=\"sig\" name=\"closed\"/>";
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "g") + "<eventBasedGateway id=\"g\"/>" +
                        flow("f2", "g", "late") + flow("f3", "g", "pay") + flow("f4", "g", "shut") +
                        "<intermediateCatchEvent id=\"late\"><timerEventDefinition><timeDuration>PT1H</timeDuration>"
                        "</timerEventDefinition></intermediateCatchEvent>"
                        "<receiveTask id=\"pay\" messageRef=\"m\"/>"
                        "<intermediateCatchEvent id=\"shut\"><signalEventDefinition signalRef=\"sig\"/>"
                        "</intermediateCatchEvent>" +
                        flow("f5", "late", "e1") + flow("f6", "pay", "e2") + flow("f7", "shut", "e3") +
                        "<endEvent id=\"e1\"/><endEvent id=\"e2\"/><endEvent id=\"e3\"/>",
                    {{"id", Value("A")}}, roots));
    QCOMPARE(h.instance.messageSubscriptions.size(), std::size_t(1));
    QCOMPARE(h.instance.signalSubscriptions.size(), std::size_t(1));
    QCOMPARE(h.engine.publishMessage("paid", "A", {{"amount", Value(3)}}).value(), std::size_t(1));
    h.instance = *h.engine.instance(h.instance.key).value();
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance), QStringList({"s", "g", "pay", "e2"}));
    QVERIFY(h.instance.timers.empty());
    QVERIFY(h.instance.signalSubscriptions.empty());
    QCOMPARE(h.engine.broadcastSignal("closed").value(), std::size_t(0));
    clock.advance(3'600'000);
    QVERIFY(h.engine.fireDueTimers().value().empty());
  }

  // SPEC §13.4.5: only catch events and receive tasks may follow an
  // event-based gateway; of those, what the engine cannot wait for is
  // refused at deploy by name.
  void eventBasedGatewayNeedsCatchableEvents() {
    Engine engine;
    auto deployed = engine.deploy(model("<startEvent id=\"s\"/>" + flow("f1", "s", "g") +
                                        "<eventBasedGateway id=\"g\"/>" + flow("f2", "g", "t") + flow("f3", "g", "c") +
                                        "<task id=\"t\"/>"
                                        "<intermediateCatchEvent id=\"c\"><timerEventDefinition><timeDuration>PT1M"
                                        "</timeDuration></timerEventDefinition></intermediateCatchEvent>")
                                      .toStdString(),
                                  "gateway.bpmn");
    QVERIFY(!deployed.isOk());
    QVERIFY2(
        QString::fromStdString(deployed.status().message())
            .contains("<eventBasedGateway id=\"g\">: target \"t\" of an event-based gateway is a task; it must be an "
                      "intermediate catch event or a receive task"),
        deployed.status().message().c_str());
  }

  // SPEC §13.3.7: a parallel multi-instance over a collection creates one
  // instance per item at once; each sees its item (inputElement) and
  // loopCounter; the output collection keeps item order whatever order the
  // instances complete in, and reaches the enclosing scope when all are done.
  void multiInstanceParallelCollection() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "check") +
                        "<serviceTask id=\"check\"><extensionElements><zeebe:taskDefinition type=\"check\"/>"
                        "<zeebe:ioMapping><zeebe:input source=\"=null\" target=\"verdict\"/></zeebe:ioMapping>"
                        "</extensionElements><multiInstanceLoopCharacteristics><extensionElements>"
                        "<zeebe:loopCharacteristics inputCollection=\"=items\" inputElement=\"item\" "
                        "outputCollection=\"verdicts\" outputElement=\"=verdict\"/></extensionElements>"
                        "</multiInstanceLoopCharacteristics></serviceTask>" +
                        flow("f2", "check", "e") + "<endEvent id=\"e\"/>",
                    {{"items", Value(List{Value("a"), Value("b"), Value("c")})}}));
    auto jobs = h.engine.jobs(h.instance.key).value();
    QCOMPARE(jobs.size(), std::size_t(3));
    QStringList seen;
    for (const auto& job : jobs) {
      seen << QString::fromStdString(toFeelString(*feel::entryOf(job.variables, "item")) + "#" +
                                     toFeelString(*feel::entryOf(job.variables, "loopCounter")));
    }
    QCOMPARE(seen, QStringList({"\"a\"#1", "\"b\"#2", "\"c\"#3"}));
    // Completed in reverse order; each writes its local verdict.
    for (auto it = jobs.rbegin(); it != jobs.rend(); ++it) {
      const std::string item = *feel::entryOf(it->variables, "item")->string();
      auto done = h.engine.completeJob(h.instance.key, it->key, {{"verdict", Value(item + "!")}});
      QVERIFY(done.isOk());
      h.instance = done.value().instance;
    }
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    const Value* verdicts = feel::entryOf(h.instance.scopes.front().variables, "verdicts");
    QVERIFY(verdicts);
    QCOMPARE(toFeelString(*verdicts), std::string("[\"a!\", \"b!\", \"c!\"]"));
    QVERIFY(!feel::entryOf(h.instance.scopes.front().variables, "verdict"));  // stayed local to each instance
    QCOMPARE(trace(h.instance), QStringList({"s", "check", "e"}));            // the whole, once
  }

  // SPEC §13.3.7: a sequential multi-instance runs one instance at a time;
  // loopCardinality gives the number of instances.
  void multiInstanceSequentialCardinality() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "step") +
                        "<userTask id=\"step\"><multiInstanceLoopCharacteristics isSequential=\"true\">"
                        "<loopCardinality>=n</loopCardinality></multiInstanceLoopCharacteristics></userTask>" +
                        flow("f2", "step", "e") + "<endEvent id=\"e\"/>",
                    {{"n", Value(3)}}));
    for (int round = 1; round <= 3; ++round) {
      QCOMPARE(h.instance.userTasks.size(), std::size_t(1));
      const std::uint64_t taskToken = h.instance.userTasks.front().tokenKey;
      std::uint64_t scopeKey = 0;
      for (const auto& token : h.instance.tokens) {
        if (token.key == taskToken) scopeKey = token.scopeKey;
      }
      for (const auto& scope : h.instance.scopes) {
        if (scope.key == scopeKey) {
          QCOMPARE(toFeelString(*feel::entryOf(scope.variables, "loopCounter")), std::to_string(round));
        }
      }
      auto done = h.engine.completeUserTask(h.instance.key, taskToken);
      QVERIFY(done.isOk());
      h.instance = done.value().instance;
    }
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
  }

  // SPEC §13.3.7: "completionCondition ... When this condition evaluates to
  // true, all remaining MI instances will be cancelled"; Camunda 7's and
  // Zeebe's counter names both work.
  void multiInstanceCompletionCondition_data() {
    QTest::addColumn<QByteArray>("condition");
    QTest::newRow("camunda 7 names") << QByteArray("${nrOfCompletedInstances >= 2}");
    QTest::newRow("zeebe names") << QByteArray("=numberOfCompletedInstances / numberOfInstances > 0.5");
  }

  void multiInstanceCompletionCondition() {
    QFETCH(QByteArray, condition);
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "vote") +
                    "<userTask id=\"vote\"><multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality>"
                    "<completionCondition>" +
                    condition + "</completionCondition></multiInstanceLoopCharacteristics></userTask>" +
                    flow("f2", "vote", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(h.instance.userTasks.size(), std::size_t(3));
    QVERIFY(h.engine.completeUserTask(h.instance.key, h.instance.userTasks[0].tokenKey).isOk());
    auto done = h.engine.completeUserTask(h.instance.key, h.instance.userTasks[2].tokenKey);
    QVERIFY(done.isOk());
    h.instance = done.value().instance;
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QVERIFY(h.instance.userTasks.empty());
    QCOMPARE(h.instance.scopes.size(), std::size_t(1));
  }

  // A boundary event on a multi-instance activity belongs to the whole: one
  // timer, and when it interrupts, every instance goes.
  void multiInstanceBoundaryOnTheWhole() {
    ManualClock clock(0);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "review") +
                    "<userTask id=\"review\"><multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality>"
                    "</multiInstanceLoopCharacteristics></userTask>" +
                    flow("f2", "review", "e") + "<endEvent id=\"e\"/>" +
                    "<boundaryEvent id=\"late\" attachedToRef=\"review\"><timerEventDefinition>"
                    "<timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>" +
                    flow("f3", "late", "timeout") + "<endEvent id=\"timeout\"/>"));
    QCOMPARE(h.instance.timers.size(), std::size_t(1));
    QCOMPARE(h.instance.userTasks.size(), std::size_t(2));
    QVERIFY(h.engine.completeUserTask(h.instance.key, h.instance.userTasks[0].tokenKey).isOk());
    clock.advance(3'600'000);
    auto fired = h.engine.fireDueTimers().value();
    QCOMPARE(fired.size(), std::size_t(1));
    h.instance = fired.back().instance;
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance), QStringList({"s", "late", "timeout"}));
    QVERIFY(h.instance.userTasks.empty());
    QCOMPARE(h.instance.scopes.size(), std::size_t(1));
  }

  // A multi-instance sub-process: each instance is its own scope, which
  // sees its item; an empty collection completes the activity at once.
  void multiInstanceSubProcessAndEmptyCollection() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "each") +
                        "<subProcess id=\"each\"><multiInstanceLoopCharacteristics isSequential=\"true\">"
                        "<extensionElements><zeebe:loopCharacteristics inputCollection=\"=orders\" "
                        "inputElement=\"order\" outputCollection=\"totals\" outputElement=\"=total\"/>"
                        "</extensionElements></multiInstanceLoopCharacteristics>"
                        "<startEvent id=\"is\"/>" +
                        flow("i1", "is", "sum") +
                        "<scriptTask id=\"sum\"><extensionElements><zeebe:script expression=\"=order.qty * 2\" "
                        "resultVariable=\"total\"/></extensionElements></scriptTask>" +
                        flow("i2", "sum", "ie") + "<endEvent id=\"ie\"/></subProcess>" + flow("f2", "each", "none") +
                        "<subProcess id=\"none\"><multiInstanceLoopCharacteristics><extensionElements>"
                        "<zeebe:loopCharacteristics inputCollection=\"=[]\" inputElement=\"x\"/></extensionElements>"
                        "</multiInstanceLoopCharacteristics><startEvent id=\"ns\"/></subProcess>" +
                        flow("f3", "none", "e") + "<endEvent id=\"e\"/>",
                    {{"orders", Value(List{Value(Context{{"qty", Value(1)}}), Value(Context{{"qty", Value(5)}})})},
                     {"total", Value(0)}}));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(toFeelString(*feel::entryOf(h.instance.scopes.front().variables, "totals")), std::string("[2, 10]"));
    QCOMPARE(trace(h.instance).count("ns"), 0);
    QCOMPARE(trace(h.instance).count("sum"), 2);
  }

  // Camunda 7's camunda:collection and camunda:elementVariable: a variable
  // name or a ${...} expression, each instance seeing its element.
  void multiInstanceCamundaCollection() {
    Harness h;
    QVERIFY(
        h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "greet") +
                    "<scriptTask id=\"greet\"><extensionElements><zeebe:script expression=\"=append(greeted, name)\" "
                    "resultVariable=\"greeted\"/></extensionElements><multiInstanceLoopCharacteristics "
                    "isSequential=\"true\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" "
                    "camunda:collection=\"${people}\" camunda:elementVariable=\"name\"/></scriptTask>" +
                    flow("f2", "greet", "e") + "<endEvent id=\"e\"/>",
                {{"people", Value(List{Value("Ada"), Value("Bo")})}, {"greeted", Value(List{})}}));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(toFeelString(*feel::entryOf(h.instance.scopes.front().variables, "greeted")),
             std::string("[\"Ada\", \"Bo\"]"));
  }

  // An input collection that is not a list stops as an incident naming it.
  void multiInstanceBadCollectionIsAnIncident() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                        "<task id=\"t\"><multiInstanceLoopCharacteristics><extensionElements>"
                        "<zeebe:loopCharacteristics inputCollection=\"=items\" inputElement=\"x\"/>"
                        "</extensionElements></multiInstanceLoopCharacteristics></task>",
                    {{"items", Value(7)}}));
    QCOMPARE(h.instance.state, InstanceState::kIncident);
    QCOMPARE(h.incidents(), QString("t: input collection is not a list: 7"));
  }

  // SPEC §13.3.6: a standard loop repeats while loopCondition holds,
  // checked after each iteration (testBefore false) or before each
  // (testBefore true), at most loopMaximum times.
  void standardLoop_data() {
    QTest::addColumn<QByteArray>("attributes");
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<int>("runs");
    QTest::newRow("test after") << QByteArray() << QByteArray("=loopCounter &lt; 3") << 3;
    QTest::newRow("test after, false at once") << QByteArray() << QByteArray("=false") << 1;
    QTest::newRow("test before, false at once") << QByteArray(" testBefore=\"true\"") << QByteArray("=false") << 0;
    QTest::newRow("maximum") << QByteArray(" loopMaximum=\"4\"") << QByteArray("=true") << 4;
  }

  void standardLoop() {
    QFETCH(QByteArray, attributes);
    QFETCH(QByteArray, condition);
    QFETCH(int, runs);
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "again") +
                        "<scriptTask id=\"again\"><extensionElements><zeebe:script expression=\"=count + 1\" "
                        "resultVariable=\"count\"/></extensionElements><standardLoopCharacteristics" +
                        attributes + "><loopCondition>" + condition +
                        "</loopCondition></standardLoopCharacteristics></scriptTask>" + flow("f2", "again", "e") +
                        "<endEvent id=\"e\"/>",
                    {{"count", Value(0)}}));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(toFeelString(*feel::entryOf(h.instance.scopes.front().variables, "count")), std::to_string(runs));
  }

  // The classic saga (BPMN 2.0.2 §10.7.1, §13.5.5): charge the card,
  // reserve stock, ship; shipping fails; the compensation throw undoes the
  // completed work "in reverse order of their completion": the stock is
  // released, then the card refunded, each handler seeing what its activity
  // completed with.
  void compensationSaga() {
    QStringList calls;
    EngineOptions options;
    auto job = [&calls](const char* name, Context result) {
      return [&calls, name, result](const ActivatedJob& job) {
        const Value* charge = feel::entryOf(job.variables, "chargeId");
        calls << QString(name) + (charge ? "(" + QString::fromStdString(*charge->string()) + ")" : "");
        return JobOutcome::complete(result);
      };
    };
    options.jobHandlers["charge"] = job("charge", {{"chargeId", Value("ch-1")}});
    options.jobHandlers["reserve"] = job("reserve", {{"reservation", Value("r-7")}});
    options.jobHandlers["refund"] = job("refund", {});
    options.jobHandlers["release"] = job("release", {});
    Harness h(std::move(options));
    auto task = [](const char* id, bool forCompensation = false) {
      return QByteArray("<serviceTask id=\"") + id + "\"" + (forCompensation ? " isForCompensation=\"true\"" : "") +
             "><extensionElements><zeebe:taskDefinition type=\"" + id + "\"/></extensionElements></serviceTask>";
    };
    auto undo = [](const char* id, const char* host, const char* handler) {
      return QByteArray("<boundaryEvent id=\"") + id + "\" attachedToRef=\"" + host +
             "\"><compensateEventDefinition/></boundaryEvent><association id=\"a-" + id + "\" sourceRef=\"" + id +
             "\" targetRef=\"" + handler + "\" associationDirection=\"One\"/>";
    };
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "charge") + task("charge") +
                    flow("f2", "charge", "reserve") + task("reserve") + flow("f3", "reserve", "ship") + task("ship") +
                    flow("f4", "ship", "e") + "<endEvent id=\"e\"/>" + undo("undoCharge", "charge", "refund") +
                    task("refund", true) + undo("undoReserve", "reserve", "release") + task("release", true) +
                    "<boundaryEvent id=\"failed\" attachedToRef=\"ship\"><errorEventDefinition/></boundaryEvent>" +
                    flow("f5", "failed", "rollback") +
                    "<endEvent id=\"rollback\"><compensateEventDefinition/></endEvent>"));
    QCOMPARE(h.instance.compensations.size(), std::size_t(2));
    const auto shipping = h.engine.jobs(h.instance.key).value();
    QCOMPARE(shipping.size(), std::size_t(1));
    auto failed = h.engine.throwError(h.instance.key, shipping.front().key, "NO_COURIER", "no courier");
    QVERIFY(failed.isOk());
    h.instance = failed.value().instance;
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(calls, QStringList({"charge", "reserve(ch-1)", "release(ch-1)", "refund(ch-1)"}));
    QCOMPARE(trace(h.instance), QStringList({"s", "charge", "reserve", "failed", "release", "undoReserve", "refund",
                                             "undoCharge", "rollback"}));
    QVERIFY(h.instance.compensations.empty());
  }

  // SPEC §10.7.1: compensating a completed sub-process without a handler of
  // its own compensates what completed inside it (its default
  // compensation); activityRef compensates that activity only; each
  // iteration of a multi-instance is undone, the latest first; an activity
  // that did not complete is not compensated.
  void compensationScopes() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "book") +
                    "<subProcess id=\"book\"><startEvent id=\"bs\"/>" + flow("b1", "bs", "flight") +
                    undoable("flight") + flow("b2", "flight", "hotel") + undoable("hotel") + flow("b3", "hotel", "be") +
                    "<endEvent id=\"be\"/></subProcess>" + flow("f2", "book", "each") +
                    undoable("each",
                             "<multiInstanceLoopCharacteristics isSequential=\"true\"><extensionElements>"
                             "<zeebe:loopCharacteristics inputCollection=\"=[1, 2]\" inputElement=\"n\"/>"
                             "</extensionElements></multiInstanceLoopCharacteristics>") +
                    flow("f3", "each", "just") +
                    "<intermediateThrowEvent id=\"just\"><compensateEventDefinition activityRef=\"each\"/>"
                    "</intermediateThrowEvent>" +
                    flow("f4", "just", "all") +
                    "<intermediateThrowEvent id=\"all\"><compensateEventDefinition/></intermediateThrowEvent>" +
                    flow("f5", "all", "wait") + undoable("never") + "<userTask id=\"wait\"/>"));
    QCOMPARE(trace(h.instance),
             QStringList({"s", "bs", "flight", "hotel", "be", "book", "each", "undo-each", "b-each", "undo-each",
                          "b-each", "just", "undo-hotel", "b-hotel", "undo-flight", "b-flight", "all"}));
    QCOMPARE(h.instance.state, InstanceState::kActive);
  }

  // SPEC §10.7.1: a sub-process's compensation event sub-process is its
  // compensation handler: when the completed sub-process is compensated, it
  // runs with the sub-process's variables, and a compensation throw inside
  // it undoes what completed in the sub-process, most recent first.
  void compensationEventSubProcess() {
    Harness h;
    QVERIFY(h.start(
        "<startEvent id=\"s\"/>" + flow("f1", "s", "book") + "<subProcess id=\"book\"><startEvent id=\"bs\"/>" +
            flow("b1", "bs", "flight") + undoable("flight") + flow("b2", "flight", "hotel") + undoable("hotel") +
            flow("b3", "hotel", "be") +
            "<endEvent id=\"be\"/>"
            "<subProcess id=\"cancelBooking\" triggeredByEvent=\"true\"><startEvent id=\"cs\">"
            "<compensateEventDefinition/></startEvent>" +
            flow("c1", "cs", "notify") +
            "<scriptTask id=\"notify\"><extensionElements><zeebe:script expression=\"=&quot;sorry &quot; + "
            "traveller\" resultVariable=\"note\"/></extensionElements></scriptTask>" +
            flow("c2", "notify", "undoAll") +
            "<endEvent id=\"undoAll\"><compensateEventDefinition/></endEvent></subProcess></subProcess>" +
            flow("f2", "book", "rollback") + "<endEvent id=\"rollback\"><compensateEventDefinition/></endEvent>",
        {{"traveller", Value("Ada")}}));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance),
             QStringList({"s", "bs", "flight", "hotel", "be", "book", "cs", "notify", "undo-hotel", "b-hotel",
                          "undo-flight", "b-flight", "undoAll", "cancelBooking", "rollback"}));
    QCOMPARE(toFeelString(*feel::entryOf(h.instance.scopes.front().variables, "note")), std::string("\"sorry Ada\""));
  }

  // SPEC §10.5.2 (Cancel): a cancel end event cancels its transaction:
  // the other work in it stops, what completed in it is compensated (most
  // recent first), and the transaction leaves by its cancel boundary event.
  void transactionCancel() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "tx") +
                    "<transaction id=\"tx\"><startEvent id=\"ts\"/>" + flow("t1", "ts", "fork") +
                    "<parallelGateway id=\"fork\"/>" + flow("t2", "fork", "debit") + flow("t3", "fork", "approve") +
                    "<userTask id=\"approve\"/>" + undoable("debit") + flow("t4", "debit", "credit") +
                    undoable("credit") + flow("t5", "credit", "abort") +
                    "<endEvent id=\"abort\"><cancelEventDefinition/></endEvent></transaction>" +
                    flow("f2", "tx", "done") + "<endEvent id=\"done\"/>" +
                    "<boundaryEvent id=\"cancelled\" attachedToRef=\"tx\"><cancelEventDefinition/></boundaryEvent>" +
                    flow("f3", "cancelled", "rolledBack") + "<endEvent id=\"rolledBack\"/>"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance), QStringList({"s", "ts", "fork", "debit", "credit", "abort", "undo-credit", "b-credit",
                                             "undo-debit", "b-debit", "cancelled", "rolledBack"}));
    QVERIFY(h.instance.userTasks.empty());
  }

  // Choreography inside one file: a message throw without a job type is
  // published by the engine; over a drawn message flow it goes to that
  // element only (here a receive task of the other pool, reached by element
  // even though it names no message), with the thrower's input mappings as
  // payload and the correlation key evaluated on each side. A message that
  // arrives before its receiver waits is kept and taken when it does
  // (Camunda 7's message-before-subscription race).
  void messageFlowBetweenPools() {
    const std::string xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"definitions\" targetNamespace=\"t\">"
        "<message id=\"order\" name=\"order\"><extensionElements><zeebe:subscription correlationKey=\"=orderId\"/>"
        "</extensionElements></message>"
        "<collaboration id=\"c\"><participant id=\"shopPool\" processRef=\"shop\"/>"
        "<participant id=\"storePool\" processRef=\"store\"/>"
        "<messageFlow id=\"m1\" sourceRef=\"send\" targetRef=\"storePool\"/>"
        "<messageFlow id=\"m2\" sourceRef=\"confirm\" targetRef=\"confirmed\"/></collaboration>"
        "<process id=\"shop\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
        flow("f1", "s", "send").toStdString() +
        "<intermediateThrowEvent id=\"send\"><extensionElements><zeebe:ioMapping>"
        "<zeebe:input source=\"=orderId\" target=\"orderId\"/><zeebe:input source=\"=3\" target=\"qty\"/>"
        "</zeebe:ioMapping></extensionElements><messageEventDefinition messageRef=\"order\"/>"
        "</intermediateThrowEvent>" +
        flow("f2", "send", "busy").toStdString() + "<userTask id=\"busy\"/>" +
        flow("f3", "busy", "confirmed").toStdString() + "<receiveTask id=\"confirmed\"/>" +
        flow("f4", "confirmed", "e").toStdString() +
        "<endEvent id=\"e\"/></process>"
        "<process id=\"store\" isExecutable=\"true\"><startEvent id=\"t\"><messageEventDefinition "
        "messageRef=\"order\"/>"
        "</startEvent>" +
        flow("g1", "t", "confirm").toStdString() + "<sendTask id=\"confirm\"/>" +
        flow("g2", "confirm", "te").toStdString() + "<endEvent id=\"te\"/></process></definitions>";
    Engine engine;
    QVERIFY2(engine.deploy(xml, "choreography.bpmn").isOk(), "deploy");
    auto shop = engine.createInstance("shop", {{"orderId", Value("A-1")}}).value().instance;
    // The store started with the payload and answered at once; the shop is
    // still busy, so the answer waits for its receive task.
    std::optional<InstanceSnapshot> store;
    for (std::uint64_t key = 1; key < 200 && !store; ++key) {
      if (auto found = engine.instance(key).value(); found && found->processId == "store") store = found;
    }
    QVERIFY(store);
    QCOMPARE(store->state, InstanceState::kCompleted);
    QCOMPARE(toFeelString(*feel::entryOf(store->scopes.front().variables, "qty")), std::string("3"));
    QCOMPARE(waiting(shop), QStringList({"busy"}));
    auto done = engine.completeUserTask(shop.key, shop.userTasks.front().tokenKey);
    QVERIFY(done.isOk());
    QCOMPARE(done.value().instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(done.value().instance), QStringList({"s", "send", "busy", "confirmed", "e"}));
  }

  // Two messages handed out in one command to one instance with two waiting
  // catches of the same name go one to each; the second must not be handed
  // to the catch the first already claimed (it would be lost).
  void concurrentMessagesToOneInstance() {
    const std::string xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"definitions\" targetNamespace=\"t\">"
        "<message id=\"ping\" name=\"ping\"/><message id=\"pong\" name=\"pong\"/>"
        "<process id=\"caller\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
        flow("f1", "s", "each").toStdString() +
        "<subProcess id=\"each\"><multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality>"
        "</multiInstanceLoopCharacteristics><startEvent id=\"is\"/>" +
        flow("i1", "is", "send").toStdString() + "<sendTask id=\"send\" messageRef=\"ping\"/>" +
        flow("i2", "send", "reply").toStdString() + "<receiveTask id=\"reply\" messageRef=\"pong\"/>" +
        flow("i3", "reply", "ie").toStdString() + "<endEvent id=\"ie\"/></subProcess>" +
        flow("f2", "each", "e").toStdString() +
        "<endEvent id=\"e\"/></process>"
        "<process id=\"responder\" isExecutable=\"true\"><startEvent id=\"r\"><messageEventDefinition "
        "messageRef=\"ping\"/></startEvent>" +
        flow("g1", "r", "answer").toStdString() +
        "<endEvent id=\"answer\"><messageEventDefinition messageRef=\"pong\"/></endEvent></process></definitions>";
    Engine engine;
    QVERIFY(engine.deploy(xml, "pingpong.bpmn").isOk());
    auto caller = engine.createInstance("caller").value().instance;
    QCOMPARE(caller.state, InstanceState::kCompleted);
    QCOMPARE(trace(caller).count("reply"), 2);
  }

  // SPEC §10.5.2 (Timer start): a timer start event creates an instance at
  // each of its times; a cycle repeats its count; a new version's timers
  // replace the old version's.
  void timerStartEvent() {
    ManualClock clock(0);
    EngineOptions options;
    options.clock = &clock;
    Engine engine(options);
    auto version = [](const char* cycle, const char* task) {
      return model(QByteArray("<startEvent id=\"tick\"><timerEventDefinition><timeCycle>") + cycle +
                   "</timeCycle></timerEventDefinition></startEvent>" + flow("f1", "tick", task) + "<userTask id=\"" +
                   task + "\"/>")
          .toStdString();
    };
    QVERIFY(engine.deploy(version("R3/PT1H", "v1"), "tick.bpmn").isOk());
    QVERIFY(!engine.createInstance("p").isOk());  // it starts only by its timer
    QCOMPARE(engine.nextTimerDue().value(), std::optional<std::int64_t>(3'600'000));
    clock.advance(2 * 3'600'000);
    auto fired = engine.fireDueTimers().value();
    QCOMPARE(fired.size(), std::size_t(2));
    QCOMPARE(waiting(fired.back().instance), QStringList({"v1"}));
    QVERIFY(engine.deploy(version("R/PT30M", "v2"), "tick.bpmn").isOk());
    QCOMPARE(engine.nextTimerDue().value(), std::optional<std::int64_t>(2 * 3'600'000 + 1'800'000));
    clock.advance(3'600'000);
    fired = engine.fireDueTimers().value();
    QCOMPARE(fired.size(), std::size_t(2));
    QCOMPARE(fired.back().instance.version, 2);
    QCOMPARE(waiting(fired.back().instance), QStringList({"v2"}));
    // A timer that is not a time refuses the file.
    auto bad = engine.deploy(model("<startEvent id=\"tick\"><timerEventDefinition><timeDate>tomorrow</timeDate>"
                                   "</timerEventDefinition></startEvent>")
                                 .toStdString(),
                             "bad.bpmn");
    QVERIFY(!bad.isOk());
    QVERIFY2(QString::fromStdString(bad.status().message())
                 .endsWith("<startEvent id=\"tick\">: timer value \"tomorrow\" is not valid ISO-8601 for its kind"),
             bad.status().message().c_str());
  }

  // SPEC §10.3.5 (Event Sub-Process): an interrupting message start ends
  // the rest of its scope and runs in its place; its correlation key is
  // evaluated when the scope starts.
  void eventSubProcessMessageInterrupts() {
    Harness h;
    const QByteArray roots =
        "<message id=\"m\" name=\"cancel\"><extensionElements><zeebe:subscription "
        "correlationKey=\"=orderId\"/></extensionElements></message>";
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "pack") + "<userTask id=\"pack\"/>" +
                        flow("f2", "pack", "e") + "<endEvent id=\"e\"/>" +
                        "<subProcess id=\"onCancel\" triggeredByEvent=\"true\"><startEvent id=\"cs\">"
                        "<messageEventDefinition messageRef=\"m\"/></startEvent>" +
                        flow("c1", "cs", "refund") + "<userTask id=\"refund\"/>" + flow("c2", "refund", "ce") +
                        "<endEvent id=\"ce\"/></subProcess>",
                    {{"orderId", Value("A-7")}}, roots));
    QCOMPARE(h.instance.messageSubscriptions.size(), std::size_t(1));
    QCOMPARE(h.instance.messageSubscriptions.front().correlationKey, std::string("A-7"));
    QCOMPARE(h.engine.publishMessage("cancel", "A-7", {{"reason", Value("late")}}).value(), std::size_t(1));
    h.instance = *h.engine.instance(h.instance.key).value();
    QCOMPARE(waiting(h.instance), QStringList({"onCancel", "refund"}));
    QVERIFY(h.instance.messageSubscriptions.empty());
    QVERIFY(h.complete("refund"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance), QStringList({"s", "cs", "refund", "ce", "onCancel"}));
  }

  // A non-interrupting timer cycle in a sub-process runs beside its work at
  // each time, and stops when the sub-process completes; a non-interrupting
  // signal start runs once per signal. Subscriptions of a scope close with it.
  void eventSubProcessNonInterrupting() {
    ManualClock clock(0);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    const QByteArray roots = "<signal id=\"sig\" name=\"audit\"/>";
    QVERIFY(h.start(
        "<startEvent id=\"s\"/>" + flow("f1", "s", "work") + "<subProcess id=\"work\"><startEvent id=\"ws\"/>" +
            flow("w1", "ws", "do") + "<userTask id=\"do\"/>" + flow("w2", "do", "we") +
            "<endEvent id=\"we\"/><subProcess id=\"remind\" triggeredByEvent=\"true\">"
            "<startEvent id=\"rs\" isInterrupting=\"false\"><timerEventDefinition><timeCycle>R/PT10M"
            "</timeCycle></timerEventDefinition></startEvent>" +
            flow("r1", "rs", "re") + "<endEvent id=\"re\"/></subProcess></subProcess>" + flow("f2", "work", "e") +
            "<endEvent id=\"e\"/><subProcess id=\"audit\" triggeredByEvent=\"true\">"
            "<startEvent id=\"as\" isInterrupting=\"false\"><signalEventDefinition signalRef=\"sig\"/>"
            "</startEvent>" +
            flow("a1", "as", "ae") + "<endEvent id=\"ae\"/></subProcess>",
        {}, roots));
    clock.advance(25 * 60'000);
    QCOMPARE(h.engine.fireDueTimers().value().size(), std::size_t(2));
    QCOMPARE(h.engine.broadcastSignal("audit").value(), std::size_t(1));
    QCOMPARE(h.engine.broadcastSignal("audit").value(), std::size_t(1));
    h.instance = *h.engine.instance(h.instance.key).value();
    QCOMPARE(trace(h.instance).count("remind"), 2);
    QCOMPARE(trace(h.instance).count("audit"), 2);
    QCOMPARE(waiting(h.instance), QStringList({"work", "do"}));
    QVERIFY(h.complete("do"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QVERIFY(h.instance.timers.empty());
    QVERIFY(h.instance.signalSubscriptions.empty());
    QVERIFY(!h.engine.nextTimerDue().value());
    QCOMPARE(h.engine.broadcastSignal("audit").value(), std::size_t(0));
  }

  // SPEC §10.5.4 (Conditional): "triggered when a condition becomes true".
  // A catch event waits until its variables make it true (and passes at
  // once if it already holds); a non-interrupting boundary event fires on
  // each change from false to true, not on every step it stays true.
  void conditionalEvents() {
    Harness h;
    auto conditional = [](const char* condition) {
      return QByteArray("<conditionalEventDefinition><condition>") + condition +
             "</condition></conditionalEventDefinition>";
    };
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
                        flow("f2", "fork", "ready") + flow("f3", "fork", "now") +
                        "<intermediateCatchEvent id=\"ready\">" + conditional("=stock &gt; 5") +
                        "</intermediateCatchEvent><intermediateCatchEvent id=\"now\">" + conditional("=true") +
                        "</intermediateCatchEvent>" + flow("f4", "ready", "work") + flow("f5", "now", "n") +
                        "<endEvent id=\"n\"/><userTask id=\"work\"/>" + flow("f6", "work", "e") +
                        "<endEvent id=\"e\"/><boundaryEvent id=\"alarm\" attachedToRef=\"work\" "
                        "cancelActivity=\"false\">" +
                        conditional("=temperature &gt; 30") + "</boundaryEvent>" + flow("f7", "alarm", "cool") +
                        "<endEvent id=\"cool\"/>",
                    {{"stock", Value(0)}, {"temperature", Value(35)}}));
    QCOMPARE(trace(h.instance), QStringList({"s", "fork", "now", "n"}));
    QCOMPARE(waiting(h.instance), QStringList({"ready"}));
    auto set = [&](const char* name, int value) {
      auto done = h.engine.setVariables(h.instance.key, h.instance.scopes.front().key, {{name, Value(value)}}, false);
      QVERIFY(done.isOk());
      h.instance = done.value().instance;
    };
    set("stock", 3);
    QCOMPARE(waiting(h.instance), QStringList({"ready"}));
    set("stock", 9);
    QCOMPARE(waiting(h.instance), QStringList({"work"}));
    // Already 35 when the task started: no change to true, no alarm.
    QCOMPARE(trace(h.instance).count("alarm"), 0);
    set("temperature", 20);
    set("temperature", 40);
    set("temperature", 45);
    QCOMPARE(trace(h.instance).count("alarm"), 1);
    set("temperature", 10);
    set("temperature", 31);
    QCOMPARE(trace(h.instance).count("alarm"), 2);
    QVERIFY(h.complete("work"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QVERIFY(h.instance.conditionSubscriptions.empty());
  }

  // A conditional start event starts its process when asked to evaluate
  // start conditions with variables that make it true (Camunda 7's
  // evaluateStartConditions); the variables become the instance's.
  void conditionalStartEvent() {
    Engine engine;
    QVERIFY(engine
                .deploy(model("<startEvent id=\"big\"><conditionalEventDefinition><condition>=amount &gt; 1000"
                              "</condition></conditionalEventDefinition></startEvent>" +
                              flow("f1", "big", "review") + "<userTask id=\"review\"/>")
                            .toStdString(),
                        "big.bpmn")
                .isOk());
    QVERIFY(engine.evaluateStartConditions({{"amount", Value(10)}}).value().empty());
    auto started = engine.evaluateStartConditions({{"amount", Value(5000)}}).value();
    QCOMPARE(started.size(), std::size_t(1));
    QCOMPARE(waiting(*engine.instance(started.front()).value()), QStringList({"review"}));
    QCOMPARE(toFeelString(*feel::entryOf(engine.instance(started.front()).value()->scopes.front().variables, "amount")),
             std::string("5000"));
  }

  // An interrupting conditional event sub-process ends the rest of its
  // scope when its condition becomes true.
  void conditionalEventSubProcess() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "work") + "<userTask id=\"work\"/>" +
                        flow("f2", "work", "e") +
                        "<endEvent id=\"e\"/>"
                        "<subProcess id=\"abort\" triggeredByEvent=\"true\"><startEvent id=\"as\">"
                        "<conditionalEventDefinition><condition>=cancelled</condition></conditionalEventDefinition>"
                        "</startEvent>" +
                        flow("a1", "as", "ae") + "<endEvent id=\"ae\"/></subProcess>",
                    {{"cancelled", Value(false)}}));
    QCOMPARE(waiting(h.instance), QStringList({"work"}));
    auto done =
        h.engine.setVariables(h.instance.key, h.instance.scopes.front().key, {{"cancelled", Value(true)}}, false);
    QVERIFY(done.isOk());
    QCOMPARE(done.value().instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(done.value().instance), QStringList({"s", "as", "ae", "abort"}));
  }

  // Zeebe #7995 (a message correlated twice to one instance): a message
  // reaches at most one subscription per instance, even when two catches of
  // the instance wait for the same name and key; the synchronous correlate
  // names the instance it reached, or says that nothing took it.
  void messageOncePerInstanceAndCorrelate() {
    Harness h;
    const QByteArray roots = "<message id=\"m\" name=\"go\"/>";
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
                        flow("f2", "fork", "a") + flow("f3", "fork", "b") +
                        "<receiveTask id=\"a\" messageRef=\"m\"/><receiveTask id=\"b\" messageRef=\"m\"/>",
                    {}, roots));
    QCOMPARE(h.engine.publishMessage("go", "").value(), std::size_t(1));
    h.instance = *h.engine.instance(h.instance.key).value();
    QCOMPARE(trace(h.instance).count("a") + trace(h.instance).count("b"), 1);
    auto correlated = h.engine.correlateMessage("go", "");
    QVERIFY(correlated.isOk());
    QCOMPARE(correlated.value(), h.instance.key);
    QCOMPARE(h.engine.instance(h.instance.key).value()->state, InstanceState::kCompleted);
    auto none = h.engine.correlateMessage("go", "");
    QVERIFY(!none.isOk());
    QCOMPARE(QString::fromStdString(none.status().message()),
             QString("no subscription or start event takes message \"go\""));
  }

  // SPEC §8.3.2 (Correlation): without a zeebe:subscription, a message's
  // key is what its correlationProperty's retrieval expression (messagePath)
  // gives; several properties make a composite key.
  void bpmnCorrelationProperties() {
    Harness h;
    const QByteArray roots =
        "<correlationProperty id=\"order\"><correlationPropertyRetrievalExpression messageRef=\"m\">"
        "<messagePath>orderId</messagePath></correlationPropertyRetrievalExpression></correlationProperty>"
        "<message id=\"m\" name=\"shipped\"/>";
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "wait") + "<receiveTask id=\"wait\" messageRef=\"m\"/>",
                    {{"orderId", Value("X-9")}}, roots));
    QCOMPARE(h.instance.messageSubscriptions.front().correlationKey, std::string("X-9"));
    QCOMPARE(h.engine.publishMessage("shipped", "X-8").value(), std::size_t(0));
    QCOMPARE(h.engine.publishMessage("shipped", "X-9").value(), std::size_t(1));
  }

  // Zeebe #3012 (concurrent messages to a non-interrupting subscription):
  // two messages handed out in the same command both reach a
  // non-interrupting message boundary event, which stays open and runs its
  // path once per message.
  void concurrentMessagesToNonInterruptingBoundary() {
    const std::string xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"definitions\" targetNamespace=\"t\">"
        "<message id=\"note\" name=\"note\"/>"
        "<process id=\"listener\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
        flow("f1", "s", "work").toStdString() + "<userTask id=\"work\"/>" +
        "<boundaryEvent id=\"noted\" attachedToRef=\"work\" cancelActivity=\"false\"><messageEventDefinition "
        "messageRef=\"note\"/></boundaryEvent>" +
        flow("f2", "noted", "logged").toStdString() +
        "<endEvent id=\"logged\"/></process>"
        "<process id=\"sender\" isExecutable=\"true\"><startEvent id=\"t\"/>" +
        flow("g1", "t", "one").toStdString() +
        "<intermediateThrowEvent id=\"one\"><messageEventDefinition messageRef=\"note\"/></intermediateThrowEvent>" +
        flow("g2", "one", "two").toStdString() +
        "<endEvent id=\"two\"><messageEventDefinition messageRef=\"note\"/></endEvent></process></definitions>";
    Engine engine;
    QVERIFY(engine.deploy(xml, "notes.bpmn").isOk());
    const auto listener = engine.createInstance("listener").value().instance.key;
    QCOMPARE(engine.createInstance("sender").value().instance.state, InstanceState::kCompleted);
    const InstanceSnapshot after = *engine.instance(listener).value();
    QCOMPARE(trace(after).count("logged"), 2);
    QCOMPARE(waiting(after), QStringList({"work"}));
    QCOMPARE(after.messageSubscriptions.size(), std::size_t(1));
  }

  // jBPM's duplicate timers: a repeating timer that fires keeps exactly one
  // pending timer, and firing twice at the same clock does nothing more.
  void cycleKeepsOneTimer() {
    ManualClock clock(0);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "work") + "<userTask id=\"work\"/>" +
                    "<boundaryEvent id=\"tick\" attachedToRef=\"work\" cancelActivity=\"false\">"
                    "<timerEventDefinition><timeCycle>R/PT1M</timeCycle></timerEventDefinition></boundaryEvent>" +
                    flow("f2", "tick", "ticked") + "<endEvent id=\"ticked\"/>"));
    clock.advance(60'000);
    QCOMPARE(h.engine.fireDueTimers().value().size(), std::size_t(1));
    QVERIFY(h.engine.fireDueTimers().value().empty());
    h.instance = *h.engine.instance(h.instance.key).value();
    QCOMPARE(h.instance.timers.size(), std::size_t(1));
    QCOMPARE(h.instance.timers.front().dueMillis, std::int64_t(120'000));
  }

  // SPEC §10.3.5 (Ad-Hoc Sub-Process): without a choice made for it, every
  // inner element no flow leads to starts, inner flows run as usual, and it
  // completes when nothing runs inside.
  void adHocDefault() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "adhoc") +
                    "<adHocSubProcess id=\"adhoc\">"
                    "<task id=\"a\"/><task id=\"b\"/><task id=\"c\"/>" +
                    flow("i1", "b", "c") + "</adHocSubProcess>" + flow("f2", "adhoc", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QStringList steps = trace(h.instance);
    QCOMPARE(steps.count("a") + steps.count("b") + steps.count("c"), 3);
    QCOMPARE(steps.mid(steps.size() - 2), QStringList({"adhoc", "e"}));
  }

  // Zeebe's ad-hoc sub-process: zeebe:adHoc activeElementsCollection picks
  // what starts; more is started on request; the completion condition ends
  // it, cancelling what still runs (cancelRemainingInstances defaults to
  // true); an element that is not inside is refused by name.
  void adHocActivationAndCompletion() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "desk") +
                        "<adHocSubProcess id=\"desk\">"
                        "<extensionElements><zeebe:adHoc activeElementsCollection=\"=[&quot;triage&quot;]\"/>"
                        "</extensionElements><userTask id=\"triage\"/><userTask id=\"call\"/><userTask id=\"mail\"/>"
                        "<completionCondition>=done = true</completionCondition></adHocSubProcess>" +
                        flow("f2", "desk", "e") + "<endEvent id=\"e\"/>",
                    {{"done", Value(false)}}));
    QCOMPARE(waiting(h.instance), QStringList({"desk", "triage"}));
    std::uint64_t deskToken = h.instance.tokens.front().key;
    QVERIFY(!h.engine.activateAdHocElements(h.instance.key, deskToken, {"e"}).isOk());
    auto more = h.engine.activateAdHocElements(h.instance.key, deskToken, {"call", "mail"});
    QVERIFY(more.isOk());
    h.instance = more.value().instance;
    QCOMPARE(h.instance.userTasks.size(), std::size_t(3));
    QVERIFY(h.complete("triage"));
    QCOMPARE(h.instance.state, InstanceState::kActive);  // the condition does not hold yet
    QVERIFY(h.complete("call", {{"done", Value(true)}}));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QVERIFY(h.instance.userTasks.empty());  // "mail" was cancelled
    QCOMPARE(trace(h.instance).count("mail"), 0);
  }

  // ordering="Sequential": one inner element at a time, in document order.
  void adHocSequential() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "steps") +
                    "<adHocSubProcess id=\"steps\" "
                    "ordering=\"Sequential\"><userTask id=\"one\"/><userTask id=\"two\"/></adHocSubProcess>" +
                    flow("f2", "steps", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(waiting(h.instance), QStringList({"steps", "one"}));
    QVERIFY(h.complete("one"));
    QCOMPARE(waiting(h.instance), QStringList({"steps", "two"}));
    QVERIFY(h.complete("two"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
  }

  // SPEC §10.5.6: a link throw continues at the catch of the same name.
  void linkEvents() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "jump") +
                    "<intermediateThrowEvent id=\"jump\"><linkEventDefinition name=\"page2\"/>"
                    "</intermediateThrowEvent>"
                    "<intermediateCatchEvent id=\"land\"><linkEventDefinition name=\"page2\"/>"
                    "</intermediateCatchEvent>" +
                    flow("f2", "land", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance), QStringList({"s", "jump", "land", "e"}));
  }

  // A joining complex gateway without its activation condition cannot run.
  void complexGatewayNeedsActivationCondition() {
    Engine engine;
    auto deployed =
        engine.deploy(model("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
                            flow("f2", "fork", "c") + flow("f3", "fork", "c") + "<complexGateway id=\"c\"/>" +
                            flow("f4", "c", "e") + "<endEvent id=\"e\"/>")
                          .toStdString(),
                      "x.bpmn");
    QVERIFY(!deployed.isOk());
    QVERIFY2(QString::fromStdString(deployed.status().message())
                 .endsWith("<complexGateway id=\"c\">: a joining complex gateway needs an activationCondition "
                           "(BPMN 2.0.2 §13.4.4)"),
             deployed.status().message().c_str());
  }

  // Deploying identical content again is a no-op; changed content is a new
  // version, and running instances keep theirs.
  void versioning() {
    Engine engine;
    const std::string v1 =
        model("<startEvent id=\"s\"/>" + flow("f1", "s", "e") + "<endEvent id=\"e\"/>").toStdString();
    const std::string v2 = model("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + "<task id=\"t\"/>" +
                                 flow("f2", "t", "e") + "<endEvent id=\"e\"/>")
                               .toStdString();
    QCOMPARE(engine.deploy(v1, "a.bpmn").value().processes.front().version, 1);
    QVERIFY(!engine.deploy(v1, "a.bpmn").value().processes.front().isNew);
    QCOMPARE(engine.deploy(v2, "a.bpmn").value().processes.front().version, 2);
    QCOMPARE(engine.createInstance("p").value().instance.version, 2);
    QCOMPARE(engine.createInstance("p", {}, 1).value().instance.completed, (std::vector<std::string>{"s", "e"}));
  }

  // History: one stream, sequence numbers strictly increasing, listeners see
  // exactly what the command returns.
  void historyRecords() {
    struct Recorder final : Listener {
      std::vector<HistoryRecord> seen;
      void onRecord(const HistoryRecord& record) override { seen.push_back(record); }
    } recorder;
    EngineOptions options;
    options.listeners.push_back(&recorder);
    ManualClock clock(1'700'000'000'000);
    options.clock = &clock;
    Engine engine(options);
    QVERIFY(engine
                .deploy(model("<startEvent id=\"s\"/>" + flow("f1", "s", "e") + "<endEvent id=\"e\"/>").toStdString(),
                        "h.bpmn")
                .isOk());
    auto result = engine.createInstance("p").value();
    QCOMPARE(recorder.seen.size(), result.records.size());
    for (std::size_t i = 1; i < result.records.size(); ++i) {
      QVERIFY(result.records[i].sequence > result.records[i - 1].sequence);
    }
    QCOMPARE(result.records.front().kind, RecordKind::kInstanceStateChanged);
    QCOMPARE(result.records.back().detail, std::string("completed"));
    QCOMPARE(result.records.front().timeMillis, std::int64_t{1'700'000'000'000});
  }

  void cancel() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "u") + "<userTask id=\"u\"/>" + flow("f2", "u", "e") +
                    "<endEvent id=\"e\"/>"));
    auto cancelled = h.engine.cancelInstance(h.instance.key);
    QVERIFY(cancelled.isOk());
    QCOMPARE(cancelled.value().instance.state, InstanceState::kCancelled);
    QVERIFY(cancelled.value().instance.tokens.empty());
    QVERIFY(!h.engine.cancelInstance(h.instance.key).isOk());
  }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"

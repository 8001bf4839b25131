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
    QVERIFY(
        h.start("<startEvent id=\"s\"/><userTask id=\"a\"/><sequenceFlow sourceRef=\"s\" targetRef=\"a\"/>"
                "<task id=\"flow_s_a\"/>"));
    QCOMPARE(h.instance.tokens.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(h.instance.tokens.front().arrivedVia), QString("flow_s_a_2"));
  }

  // An interrupting error event sub-process whose error end event throws
  // the error it catches restarted itself for ever (`run --auto` never
  // returned). A started event sub-process is not triggered by what
  // happens inside it; the error goes on outward, as in Camunda, and one
  // nothing catches is an incident at the error end event, which does not
  // complete.
  void errorEventSubProcessRethrowing() {
    const QByteArray roots = "<error id=\"err\" errorCode=\"E1\"/>";
    const QByteArray handler =
        "<subProcess id=\"esp\" triggeredByEvent=\"true\"><startEvent id=\"es\"><errorEventDefinition "
        "errorRef=\"err\"/></startEvent>" +
        flow("f2", "es", "again") +
        "<endEvent id=\"again\"><errorEventDefinition errorRef=\"err\"/></endEvent></subProcess>";
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "boom") +
                        "<endEvent id=\"boom\"><errorEventDefinition errorRef=\"err\"/></endEvent>" + handler,
                    {}, roots));
    QCOMPARE(h.instance.state, InstanceState::kIncident);
    QCOMPARE(h.incidents(), QString("again: unhandled BPMN error \"E1\""));
    QCOMPARE(trace(h.instance), QStringList({"s", "boom", "es"}));
    QCOMPARE(waiting(h.instance), QStringList({"esp", "again"}));

    // Inside a sub-process, the same error leaves the sub-process and its
    // boundary event takes it.
    Harness nested;
    QVERIFY(nested.start("<startEvent id=\"s\"/>" + flow("f0", "s", "sub") +
                             "<subProcess id=\"sub\"><startEvent id=\"ss\"/>" + flow("f1", "ss", "boom") +
                             "<endEvent id=\"boom\"><errorEventDefinition errorRef=\"err\"/></endEvent>" + handler +
                             "</subProcess><boundaryEvent id=\"caught\" attachedToRef=\"sub\"><errorEventDefinition "
                             "errorRef=\"err\"/></boundaryEvent>" +
                             flow("f3", "caught", "e") + "<endEvent id=\"e\"/>",
                         {}, roots));
    QCOMPARE(nested.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(nested.instance), QStringList({"s", "ss", "boom", "es", "again", "caught", "e"}));
  }

  // Escalation event sub-processes that re-throw their escalation, both
  // kinds: the escalation leaves the event sub-process, nothing above
  // catches it, and (§10.5.4: escalation is not critical) the run goes on.
  void escalationEventSubProcessRethrowing_data() {
    QTest::addColumn<bool>("interrupting");
    QTest::newRow("interrupting") << true;
    QTest::newRow("non-interrupting") << false;
  }
  void escalationEventSubProcessRethrowing() {
    QFETCH(bool, interrupting);
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "up") +
                        "<intermediateThrowEvent id=\"up\"><escalationEventDefinition escalationRef=\"esc\"/>"
                        "</intermediateThrowEvent>" +
                        flow("f2", "up", "e") +
                        "<endEvent id=\"e\"/><subProcess id=\"esp\" triggeredByEvent=\"true\"><startEvent id=\"es\" "
                        "isInterrupting=\"" +
                        (interrupting ? "true" : "false") +
                        "\"><escalationEventDefinition escalationRef=\"esc\"/></startEvent>" +
                        flow("f3", "es", "again") +
                        "<endEvent id=\"again\"><escalationEventDefinition escalationRef=\"esc\"/></endEvent>"
                        "</subProcess>",
                    {}, "<escalation id=\"esc\" escalationCode=\"X\"/>"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QStringList steps = trace(h.instance);
    QCOMPARE(steps.count("es"), 1);
    QCOMPARE(steps.count("again"), 1);
    QCOMPARE(steps.count("e"), interrupting ? 0 : 1);
  }

  // A loop through a zero-length timer kept Engine::fireDueTimers firing
  // for ever on a clock that stands still (`run --auto --virtual-clock`
  // hung), and `serve` for ever on a real one. Past 1,000 firings in a row,
  // each due when the one before fired, the timer stops with an incident on
  // its catch event; a cycle whose firings are apart never does.
  void timerLoopAtOneInstant() {
    ManualClock clock(1'700'000'000'000);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                    "<intermediateCatchEvent id=\"t\"><timerEventDefinition><timeDuration>PT0S</timeDuration>"
                    "</timerEventDefinition></intermediateCatchEvent>" +
                    flow("f2", "t", "t")));
    auto fired = h.engine.fireDueTimers();
    QVERIFY(fired.isOk());
    QCOMPARE(fired.value().size(), std::size_t{1001});
    h.instance = *h.engine.instance(h.instance.key).value();
    QCOMPARE(h.instance.state, InstanceState::kIncident);
    QCOMPARE(h.incidents(), QString("t: timer fired 1000 times in a row, each setting a timer already due: the "
                                    "process loops through timers that are already due"));
    QVERIFY(h.instance.timers.empty());
    QCOMPARE(h.engine.nextTimerDue().value(), std::optional<std::int64_t>());

    // As `serve` sees it: the clock moves on between calls, each call fires
    // what is due; the chain is the same.
    ManualClock moving(1'700'000'000'000);
    EngineOptions realish;
    realish.clock = &moving;
    Harness served(realish);
    QVERIFY(served.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                         "<intermediateCatchEvent id=\"t\"><timerEventDefinition><timeDuration>PT0S</timeDuration>"
                         "</timerEventDefinition></intermediateCatchEvent>" +
                         flow("f2", "t", "t")));
    for (int call = 0; call < 1100 && served.engine.nextTimerDue().value(); ++call) {
      moving.advance(1);
      QVERIFY(served.engine.fireDueTimers().isOk());
    }
    QCOMPARE(served.engine.instance(served.instance.key).value()->state, InstanceState::kIncident);

    // A cycle whose firings are a second apart is no chain: 2,000 firings;
    // nor are timers merely due together: 1,100 multi-instance iterations
    // each waiting an hour, or a cycle catching up after the engine was
    // down for 40 minutes.
    ManualClock ticking(1'700'000'000'000);
    EngineOptions cycle;
    cycle.clock = &ticking;
    Harness ticks(cycle);
    QVERIFY(ticks.start("<startEvent id=\"s\"/>" + flow("f1", "s", "u") +
                        "<userTask id=\"u\"/><boundaryEvent id=\"b\" attachedToRef=\"u\" cancelActivity=\"false\">"
                        "<timerEventDefinition><timeCycle>R/PT1S</timeCycle></timerEventDefinition></boundaryEvent>"));
    for (int second = 0; second < 2000; ++second) {
      ticking.advance(1000);
      QVERIFY(ticks.engine.fireDueTimers().isOk());
    }
    const InstanceSnapshot after = *ticks.engine.instance(ticks.instance.key).value();
    QCOMPARE(after.state, InstanceState::kActive);
    QCOMPARE(trace(after).count("b"), 2000);
    ticking.advance(40 * 60'000);
    QCOMPARE(ticks.engine.fireDueTimers().value().size(), std::size_t{2400});
    QCOMPARE(ticks.engine.instance(ticks.instance.key).value()->state, InstanceState::kActive);

    ManualClock hour(1'700'000'000'000);
    EngineOptions waits;
    waits.clock = &hour;
    Harness many(waits);
    QVERIFY(many.start("<startEvent id=\"s\"/>" + flow("f1", "s", "sub") +
                       "<subProcess id=\"sub\"><multiInstanceLoopCharacteristics><loopCardinality>1100"
                       "</loopCardinality></multiInstanceLoopCharacteristics><startEvent id=\"is\"/>" +
                       flow("f2", "is", "wait") +
                       "<intermediateCatchEvent id=\"wait\"><timerEventDefinition><timeDuration>PT1H"
                       "</timeDuration></timerEventDefinition></intermediateCatchEvent></subProcess>" +
                       flow("f3", "sub", "e") + "<endEvent id=\"e\"/>"));
    hour.advance(3'600'000);
    QVERIFY(many.engine.fireDueTimers().isOk());
    const InstanceSnapshot done = *many.engine.instance(many.instance.key).value();
    QCOMPARE(done.state, InstanceState::kCompleted);
    QCOMPARE(trace(done).count("wait"), 1100);
  }

  // A multi-instance activity with loopCardinality 1,000,000,000 created
  // every iteration at once (15 GB). Over limits::kLoopInstances it is an
  // incident naming the limit; a literal one is refused at deploy.
  void loopCardinalityOverLimit() {
    const QByteArray task =
        "<task id=\"t\"><multiInstanceLoopCharacteristics><loopCardinality>=n</loopCardinality>"
        "</multiInstanceLoopCharacteristics></task>";
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + task, {{"n", Value(Decimal(1'000'000'000))}}));
    QCOMPARE(h.instance.state, InstanceState::kIncident);
    QCOMPARE(h.incidents(), QString("t: loop cardinality is 1000000000, more than the 10000 instances a "
                                    "multi-instance activity may have"));
    QCOMPARE(h.instance.scopes.size(), std::size_t{1});
    Harness atLimit;
    QVERIFY(atLimit.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + task, {{"n", Value(Decimal(10'000))}}));
    QCOMPARE(atLimit.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(atLimit.instance).count("t"), 1);

    Engine engine;
    auto refused = engine.deploy(
        model("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + QByteArray(task).replace("=n", "10001")).toStdString(),
        "big.bpmn");
    QVERIFY(!refused.isOk());
    QVERIFY2(
        refused.status().message().find("loopCardinality 10001 is more than the 10000 instances") != std::string::npos,
        refused.status().message().c_str());
  }

  // Camunda 7 models name errors and escalations by code, without an
  // <error> or <escalation> element (BpmnParse: "setErrorCode(error == null
  // ? errorRef : ...)"); they were refused. The reference is the code.
  void errorRefWithoutErrorElementIsTheCode() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "sub") +
                    "<subProcess id=\"sub\"><startEvent id=\"ss\"/>" + flow("f2", "ss", "boom") +
                    "<endEvent id=\"boom\"><errorEventDefinition errorRef=\"OrderFailed\"/></endEvent></subProcess>"
                    "<boundaryEvent id=\"other\" attachedToRef=\"sub\"><errorEventDefinition errorRef=\"Other\"/>"
                    "</boundaryEvent><boundaryEvent id=\"caught\" attachedToRef=\"sub\"><errorEventDefinition "
                    "errorRef=\"OrderFailed\"/></boundaryEvent>" +
                    flow("f3", "caught", "e") + "<endEvent id=\"e\"/>" + flow("f4", "other", "e2") +
                    "<endEvent id=\"e2\"/>"));
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(trace(h.instance), QStringList({"s", "ss", "boom", "caught", "e"}));
  }

  // Deadline arithmetic overflowed (undefined behaviour) with durations
  // near the 64-bit millisecond range: a time to live, a back-off and a
  // lock of P106751991167DT4H1S. They saturate: the deadline stays far away.
  void deadlinesSaturate() {
    ManualClock clock(1'700'000'000'000);
    EngineOptions options;
    options.clock = &clock;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                    "<serviceTask id=\"t\"><extensionElements><zeebe:taskDefinition type=\"work\"/></extensionElements>"
                    "</serviceTask>"));
    constexpr std::int64_t kHuge = 9'223'372'036'854'775'000;
    auto published = h.engine.publishMessage("nobody", "k", {}, kHuge);
    QVERIFY(published.isOk());
    auto locked = h.engine.activateJobs("work", "w", 1, kHuge);
    QVERIFY(locked.isOk());
    QCOMPARE(locked.value().size(), std::size_t{1});
    auto instance = *h.engine.instance(h.instance.key).value();
    QCOMPARE(instance.jobs.front().lockDeadlineMillis, INT64_MAX);
    auto failed = h.engine.failJob(h.instance.key, instance.jobs.front().key, 1, "again", kHuge);
    QVERIFY(failed.isOk());
    QCOMPARE(failed.value().instance.jobs.front().retryAtMillis, INT64_MAX);
    clock.advance(86'400'000LL * 365 * 1000);  // a thousand years on: still locked out
    QVERIFY(h.engine.activateJobs("work", "w", 1, 1000).value().empty());
  }

  // A process that multiplies tokens (here a task whose two flows lead back
  // to itself) stops at EngineOptions::maxTokens with an incident on every
  // token still moving, before the step budget and before memory runs out;
  // no token is left ready for the next command to run on.
  void tokensPerInstanceAreBounded() {
    EngineOptions options;
    options.maxTokens = 50;
    Harness h(options);
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f1", "s", "a") + "<task id=\"a\"/>" + flow("f2", "a", "a") +
                    flow("f3", "a", "a")));
    QCOMPARE(h.instance.state, InstanceState::kIncident);
    QVERIFY(h.instance.tokens.size() > 50);
    QCOMPARE(h.instance.incidents.size(), h.instance.tokens.size());
    for (const auto& token : h.instance.tokens) QCOMPARE(token.state, TokenState::kWaiting);
    QVERIFY2(h.instance.incidents.front().message.starts_with("the instance holds 51 tokens, more than the 50 one "
                                                              "instance may have"),
             h.instance.incidents.front().message.c_str());
  }

  // A process whose signal start event catches the signal it throws
  // started instances without end in one command (each start threw the
  // signal again). Past limits::kCommandStarts instances started in one
  // command, the next stays at its start event as an incident and throws
  // nothing more.
  void signalStartThatCatchesItsOwnSignal() {
    InMemoryStore store;
    EngineOptions options;
    options.store = &store;
    Engine engine(options);
    const QByteArray go = "<signalEventDefinition signalRef=\"go\"/>";
    QVERIFY(engine
                .deploy(model("<startEvent id=\"s\">" + go + "</startEvent>" + flow("f1", "s", "again") +
                                  "<intermediateThrowEvent id=\"again\">" + go + "</intermediateThrowEvent>" +
                                  flow("f2", "again", "e") + "<endEvent id=\"e\"/>",
                              "<signal id=\"go\" name=\"go\"/>")
                            .toStdString(),
                        "test.bpmn")
                .isOk());
    auto signalled = engine.broadcastSignal("go");
    QVERIFY2(signalled.isOk(), signalled.status().message().c_str());
    QCOMPARE(signalled.value(), std::size_t{1001});
    std::size_t completed = 0;
    QStringList incidents;
    for (std::uint64_t key = 1; key < store.nextKey().value(); ++key) {
      auto instance = engine.instance(key);
      if (!instance.isOk() || !instance.value()) continue;
      if (instance.value()->state == InstanceState::kCompleted) ++completed;
      for (const auto& incident : instance.value()->incidents) {
        incidents << QString::fromStdString(incident.elementId + ": " + incident.message);
      }
    }
    QCOMPARE(completed, std::size_t{1000});
    QCOMPARE(incidents, QStringList({"s: more than 1000 instances started in one command (a start event that catches "
                                     "what its process throws, or a recursive call?)"}));
  }

  // Two instances that answer each other's signals for ever: each command
  // ran a fresh step budget per delivery, so the ping-pong never ended. The
  // budget counts an instance's activations over the whole command.
  void instancesSignallingEachOther() {
    EngineOptions options;
    options.stepBudget = 200;
    Harness h(options);
    auto catchThrow = [](const char* id, const char* signal, bool throwing) {
      const QByteArray element = throwing ? "intermediateThrowEvent" : "intermediateCatchEvent";
      return "<" + element + " id=\"" + id + "\"><signalEventDefinition signalRef=\"" + signal + "\"/></" +
             element + ">";
    };
    const QByteArray ping = "<process id=\"ping\" isExecutable=\"true\"><startEvent id=\"s1\"/>" +
                            flow("f1", "s1", "m1") + "<exclusiveGateway id=\"m1\"/>" + flow("f2", "m1", "a") +
                            catchThrow("a", "A", false) + flow("f3", "a", "b") + catchThrow("b", "B", true) +
                            flow("f4", "b", "m1") + "</process>";
    const QByteArray pong = "<startEvent id=\"s\"/>" + flow("g1", "s", "m2") + "<exclusiveGateway id=\"m2\"/>" +
                            flow("g2", "m2", "c") + catchThrow("c", "A", true) + flow("g3", "c", "d") +
                            catchThrow("d", "B", false) + flow("g4", "d", "m2");
    QVERIFY(h.engine
                .deploy(model(pong, "<signal id=\"A\" name=\"A\"/><signal id=\"B\" name=\"B\"/>" + ping)
                            .toStdString(),
                        "test.bpmn")
                .isOk());
    auto waiting = h.engine.createInstance("ping");
    QVERIFY(waiting.isOk());
    auto started = h.engine.createInstance("p");
    QVERIFY2(started.isOk(), started.status().message().c_str());
    const InstanceSnapshot first = *h.engine.instance(waiting.value().instance.key).value();
    const InstanceSnapshot second = *h.engine.instance(started.value().instance.key).value();
    QCOMPARE(int(first.state == InstanceState::kIncident) + int(second.state == InstanceState::kIncident), 1);
    const auto& stopped = first.state == InstanceState::kIncident ? first : second;
    QCOMPARE(stopped.incidents.size(), std::size_t{1});
    QVERIFY2(stopped.incidents.front().message.starts_with("step budget of 200 element activations exceeded in one "
                                                           "command"),
             stopped.incidents.front().message.c_str());
  }
};

QTEST_GUILESS_MAIN(TestEngineFaults)
#include "tst_engine_faults.moc"

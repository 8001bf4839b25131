// Variable scopes as Camunda 8 defines them (docs.camunda.io, "Variables"
// and "Variable mappings"; Zeebe's VariableBehavior): input mappings make
// local variables, output mappings merge into the scopes above, and a
// variable set without a mapping goes to the nearest scope that has it,
// else to the process. Issue 17 found each of these wrong.
#include <QtTest>

#include "bpmn/engine.h"
#include "engine_harness.h"

using namespace bpmn;
using namespace bpmn::feel;
using namespace bpmn::testing;

namespace {

QByteArray io(const QByteArray& mappings) {
  return "<extensionElements><zeebe:ioMapping>" + mappings + "</zeebe:ioMapping></extensionElements>";
}

QString variablesOf(const ScopeSnapshot& scope) { return QString::fromStdString(toFeelString(Value(scope.variables))); }

// The variables of the scope on element `id`, or of the process ("").
QString scopeVariables(const InstanceSnapshot& instance, const std::string& id = {}) {
  for (const auto& scope : instance.scopes) {
    if ((id.empty() && scope.parentKey == 0) || (!id.empty() && scope.elementId == id)) return variablesOf(scope);
  }
  return "(no scope)";
}

}  // namespace

class TestVariables : public QObject {
  Q_OBJECT

 private slots:
  // SPEC (Camunda 8, Variable mappings): "When an input mapping is applied,
  // it creates a new local variable in the scope where the mapping is
  // defined." For a sub-process that scope holds everything inside.
  void subProcessInputIsLocalToItsScope() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f0", "s", "sub") + "<subProcess id=\"sub\">" +
                        io("<zeebe:input source=\"=base + 1\" target=\"inner\"/>") +
                        "<startEvent id=\"ss\"/>" + flow("f1", "ss", "t") + "<userTask id=\"t\"/>" +
                        flow("f2", "t", "se") + "<endEvent id=\"se\"/></subProcess>" + flow("f3", "sub", "e") +
                        "<endEvent id=\"e\"/>",
                    {{"base", Value(41)}}));
    QCOMPARE(scopeVariables(h.instance, "sub"), QString("{inner: 42}"));
    QCOMPARE(scopeVariables(h.instance), QString("{base: 41}"));
    // Visible inside: a job or condition there reads it.
    QVERIFY(h.complete("t", {{"inner", Value(43)}}));
    // The local went with the sub-process; nothing leaked to the process.
    QCOMPARE(h.instance.state, InstanceState::kCompleted);
    QCOMPARE(scopeVariables(h.instance), QString("{base: 41}"));
  }

  // SPEC (Camunda 8): output mappings of a sub-process apply when it
  // completes and merge into the scopes above it (the nearest that has the
  // variable, else the process).
  void subProcessOutputsApplyOnCompletion() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f0", "s", "sub") + "<subProcess id=\"sub\">" +
                        io("<zeebe:input source=\"=1\" target=\"inner\"/>"
                           "<zeebe:output source=\"=inner * 10\" target=\"result\"/>") +
                        "<startEvent id=\"ss\"/>" + flow("f1", "ss", "t") + "<userTask id=\"t\"/>" +
                        flow("f2", "t", "se") + "<endEvent id=\"se\"/></subProcess>" + flow("f3", "sub", "u") +
                        "<userTask id=\"u\"/>"));
    QCOMPARE(scopeVariables(h.instance), QString("{}"));
    QVERIFY(h.complete("t", {{"inner", Value(5)}}));
    QCOMPARE(scopeVariables(h.instance), QString("{result: 50}"));
  }

  // SPEC (Zeebe VariableBehavior.mergeDocument): "overwrite any variables
  // that exist in that scope ... merged with the parent scope, recursively
  // ... If we reach a scope with no parent, then any remaining variables are
  // created there." A variable the sub-process shadows is not written
  // through to the process.
  void setInsidePropagatesToTheNearestScopeThatHasIt() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f0", "s", "sub") + "<subProcess id=\"sub\">" +
                        io("<zeebe:input source=\"=0\" target=\"count\"/>") + "<startEvent id=\"ss\"/>" +
                        flow("f1", "ss", "t") + "<userTask id=\"t\"/>" + flow("f2", "t", "u") +
                        "<userTask id=\"u\"/></subProcess>",
                    {{"count", Value(100)}}));
    QVERIFY(h.complete("t", {{"count", Value(1)}, {"fresh", Value(true)}}));
    QCOMPARE(scopeVariables(h.instance, "sub"), QString("{count: 1}"));
    QCOMPARE(scopeVariables(h.instance), QString("{count: 100, fresh: true}"));
  }

  // SPEC (Camunda 8, job workers): "If one or more output mappings are
  // defined, the results variables are set as local variables ... If there
  // is no mapping for a job/message variable, the variable is not merged."
  void jobResultWithOutputsMergesOnlyTheMapped() {
    Harness h;
    QVERIFY(h.start("<startEvent id=\"s\"/>" + flow("f0", "s", "t") + "<serviceTask id=\"t\">" +
                    QByteArray("<extensionElements><zeebe:taskDefinition type=\"work\"/><zeebe:ioMapping>"
                               "<zeebe:output source=\"=raw * 2\" target=\"doubled\"/></zeebe:ioMapping>"
                               "</extensionElements>") +
                    "</serviceTask>" + flow("f1", "t", "u") + "<userTask id=\"u\"/>"));
    QVERIFY(h.complete("t", {{"raw", Value(21)}, {"noise", Value(1)}}));
    QCOMPARE(scopeVariables(h.instance), QString("{doubled: 42}"));
  }

  // SPEC (Camunda 8, Call activities): with propagateAllChildVariables
  // false, or with output mappings at all, "only those variables that are
  // defined in the output mappings are propagated".
  void callActivityOutputsHandBackOnlyTheMapped_data() {
    QTest::addColumn<QByteArray>("propagate");
    QTest::newRow("propagateAllChildVariables=false") << QByteArray(" propagateAllChildVariables=\"false\"");
    QTest::newRow("default (true)") << QByteArray();
  }
  void callActivityOutputsHandBackOnlyTheMapped() {
    QFETCH(QByteArray, propagate);
    Engine engine;
    const QByteArray child =
        "<process id=\"child\" isExecutable=\"true\"><startEvent id=\"cs\"/>" + flow("c1", "cs", "ct") +
        "<scriptTask id=\"ct\"><extensionElements><zeebe:script expression=\"=7\" resultVariable=\"answer\"/>"
        "</extensionElements></scriptTask>" +
        flow("c2", "ct", "cs2") +
        "<scriptTask id=\"cs2\"><extensionElements><zeebe:script expression=\"=1\" resultVariable=\"other\"/>"
        "</extensionElements></scriptTask></process>";
    const QByteArray parent = "<startEvent id=\"s\"/>" + flow("f0", "s", "call") +
                              "<callActivity id=\"call\"><extensionElements><zeebe:calledElement processId=\"child\"" +
                              propagate +
                              "/><zeebe:ioMapping><zeebe:output source=\"=answer\" target=\"result\"/>"
                              "</zeebe:ioMapping></extensionElements></callActivity>" +
                              flow("f1", "call", "u") + "<userTask id=\"u\"/>";
    QVERIFY(engine.deploy(model(parent, child).toStdString(), "call.bpmn").isOk());
    auto started = engine.createInstance("p");
    QVERIFY(started.isOk());
    QCOMPARE(scopeVariables(started.value().instance), QString("{result: 7}"));
  }
};

QTEST_GUILESS_MAIN(TestVariables)
#include "tst_variables.moc"

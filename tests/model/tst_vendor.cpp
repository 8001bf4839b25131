// Typed views of vendor extensions: zeebe: first, camunda: (or a camunda:
// prefix bound to the Activiti URI) second, Java-only constructs named.
#include <QtTest>

#include "bpmn/model/vendor.h"
#include "bpmn/parser.h"

using namespace bpmn;
using namespace bpmn::model;

namespace {

struct Fixture {
  explicit Fixture(const QByteArray& body, const QByteArray& roots = {}) {
    const QByteArray text =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" "
        "xmlns:activiti=\"http://activiti.org/bpmn\">" +
        roots + "<process id=\"p\">" + body + "</process></definitions>";
    ParseResult parsed = parseBpmn(std::string_view(text.constData(), text.size()), "test.bpmn");
    if (!parsed.definitions) qFatal("fixture does not parse");
    definitions = *parsed.definitions;
  }
  const FlowElement& element() const { return definitions.processes().front()->flowElements.front(); }
  Definitions definitions;
};

}  // namespace

class TestVendor : public QObject {
  Q_OBJECT

 private slots:
  void zeebeTaskDefinitionWins() {
    Fixture f(R"(<serviceTask id="t" camunda:type="external" camunda:topic="old"><extensionElements>
      <zeebe:taskDefinition type="charge-card" retries="5"/>
      <zeebe:taskHeaders><zeebe:header key="region" value="eu"/></zeebe:taskHeaders>
      <zeebe:ioMapping><zeebe:input source="=order.total" target="amount"/><zeebe:output source="=id" target="paymentId"/></zeebe:ioMapping>
      </extensionElements></serviceTask>)");
    auto definition = vendor::taskDefinition(f.element());
    QVERIFY(definition);
    QCOMPARE(definition->type, std::string("charge-card"));
    QCOMPARE(definition->retries, std::string("5"));
    auto headers = vendor::taskHeaders(f.element());
    QCOMPARE(headers.size(), std::size_t(1));
    QCOMPARE(headers[0].value, std::string("eu"));
    auto io = vendor::ioMapping(f.element());
    QCOMPARE(io.inputs.size(), std::size_t(1));
    QCOMPARE(io.inputs[0].source, std::string("=order.total"));
    QCOMPARE(io.outputs[0].target, std::string("paymentId"));
  }

  void camundaExternalTask() {
    Fixture f(R"(<serviceTask id="t" camunda:type="external" camunda:topic="invoice"><extensionElements>
      <camunda:inputOutput><camunda:inputParameter name="amount">${total}</camunda:inputParameter></camunda:inputOutput>
      </extensionElements></serviceTask>)");
    QCOMPARE(vendor::taskDefinition(f.element())->type, std::string("invoice"));
    auto io = vendor::ioMapping(f.element());
    QCOMPARE(io.inputs.size(), std::size_t(1));
    QCOMPARE(io.inputs[0].target, std::string("amount"));
    QCOMPARE(io.inputs[0].source, std::string("${total}"));
  }

  // Older tools bind camunda-style attributes to the Activiti namespace.
  void activitiNamespaceCounts() {
    Fixture f(R"(<userTask id="t" activiti:assignee="demo" activiti:candidateGroups="sales"/>)");
    auto assignment = vendor::userTaskAssignment(f.element());
    QCOMPARE(assignment.assignee, std::string("demo"));
    QCOMPARE(assignment.candidateGroups, std::string("sales"));
  }

  void zeebeUserTask() {
    Fixture f(R"X(<userTask id="t"><extensionElements>
      <zeebe:assignmentDefinition assignee="=owner" candidateGroups="ops"/>
      <zeebe:taskSchedule dueDate="=now() + duration(&quot;P1D&quot;)"/>
      <zeebe:formDefinition formKey="approve-form"/></extensionElements></userTask>)X");
    auto assignment = vendor::userTaskAssignment(f.element());
    QCOMPARE(assignment.assignee, std::string("=owner"));
    QCOMPARE(assignment.candidateGroups, std::string("ops"));
    QCOMPARE(assignment.dueDate, std::string("=now() + duration(\"P1D\")"));
    QCOMPARE(assignment.formKey, std::string("approve-form"));
  }

  void scripts() {
    Fixture zeebe(
        R"(<scriptTask id="t"><extensionElements><zeebe:script expression="=a + b" resultVariable="sum"/></extensionElements></scriptTask>)");
    auto script = vendor::script(zeebe.element());
    QCOMPARE(script->format, std::string("feel"));
    QCOMPARE(script->expression, std::string("=a + b"));
    QCOMPARE(script->resultVariable, std::string("sum"));
    Fixture body(
        R"(<scriptTask id="t" scriptFormat="groovy" camunda:resultVariable="r"><script>1 + 1</script></scriptTask>)");
    script = vendor::script(body.element());
    QCOMPARE(script->format, std::string("groovy"));
    QCOMPARE(script->expression, std::string("1 + 1"));
    QCOMPARE(script->resultVariable, std::string("r"));
  }

  void calledElementAndLoops() {
    Fixture f(R"(<callActivity id="t" calledElement="old"><extensionElements>
      <zeebe:calledElement processId="billing" propagateAllChildVariables="false"/></extensionElements>
      <multiInstanceLoopCharacteristics><extensionElements>
      <zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=r"/>
      </extensionElements></multiInstanceLoopCharacteristics></callActivity>)");
    auto called = vendor::calledElement(f.element());
    QCOMPARE(called->processId, std::string("billing"));
    QVERIFY(!called->propagateAllChildVariables);
    QVERIFY(called->propagateAllParentVariables);
    auto loop = vendor::loopCollection(f.element());
    QCOMPARE(loop->inputCollection, std::string("=items"));
    QCOMPARE(loop->outputElement, std::string("=r"));
  }

  void correlationKey() {
    Fixture f("<task id=\"t\"/>", R"(<message id="m" name="paid"><extensionElements>
      <zeebe:subscription correlationKey="=orderId"/></extensionElements></message>)");
    const GlobalElement* message = f.definitions.globals(GlobalElement::Kind::kMessage).front();
    QCOMPARE(vendor::correlationKey(*message), std::optional<std::string>("=orderId"));
  }

  void javaOnlyConstructsNamed() {
    Fixture f(R"(<serviceTask id="t" camunda:class="a.B" camunda:expression="${x.y()}"><extensionElements>
      <camunda:executionListener delegateExpression="${audit}" event="end"/>
      <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>
      </extensionElements></serviceTask>)");
    QCOMPARE(
        vendor::javaOnlyConstructs(f.element()),
        (std::vector<std::string>{"camunda:class=\"a.B\"", "camunda:expression=\"${x.y()}\"",
                                  "camunda:executionListener delegateExpression=\"${audit}\"", "camunda:connector"}));
  }
};

QTEST_GUILESS_MAIN(TestVendor)
#include "tst_vendor.moc"

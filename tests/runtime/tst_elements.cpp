// The table of supported BPMN elements in docs/elements.md is generated
// from what the engine accepts: each construct below is deployed in a
// minimal process, and the row says "runs" or the refusal's reason. The
// test fails when the document differs; BPMN_UPDATE_DOCS=1 rewrites it.
#include <QFile>
#include <QtTest>

#include "bpmn/engine.h"
#include "test_paths.h"

using namespace bpmn;

namespace {

struct Construct {
  const char* family;
  const char* name;
  QByteArray body;  // inside <process id="p">, between a start "s" and an end "e" unless it has its own
  QByteArray roots = {};
};

QByteArray between(const QByteArray& node, const char* id = "x") {
  return QByteArray("<startEvent id=\"s\"/><sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"") + id + "\"/>" + node +
         "<sequenceFlow id=\"f2\" sourceRef=\"" + id + "\" targetRef=\"e\"/><endEvent id=\"e\"/>";
}

QByteArray job(const char* tag, const QByteArray& inside = {}, const QByteArray& attributes = {}) {
  return QByteArray("<") + tag + " id=\"x\"" + attributes + "><extensionElements><zeebe:taskDefinition type=\"t\"/>" +
         "</extensionElements>" + inside + "</" + tag + ">";
}

QByteArray event(const char* tag, const QByteArray& definition, const QByteArray& attributes = {}) {
  return QByteArray("<") + tag + " id=\"x\"" + attributes + ">" + definition + "</" + tag + ">";
}

QByteArray startWith(const QByteArray& definition, const QByteArray& attributes = {}) {
  return "<startEvent id=\"s\"" + attributes + ">" + definition +
         "</startEvent><sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"e\"/><endEvent id=\"e\"/>";
}

QByteArray endWith(const QByteArray& definition) {
  return "<startEvent id=\"s\"/><sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"e\"/><endEvent id=\"e\">" +
         definition + "</endEvent>";
}

QByteArray boundary(const QByteArray& definition, const QByteArray& attributes = {}) {
  return between(job("serviceTask")) + "<boundaryEvent id=\"b\" attachedToRef=\"x\"" + attributes + ">" + definition +
         "</boundaryEvent><sequenceFlow id=\"f3\" sourceRef=\"b\" targetRef=\"be\"/><endEvent id=\"be\"/>";
}

QByteArray eventSubProcess(const QByteArray& start, const QByteArray& attributes = {}) {
  return between(job("serviceTask")) + "<subProcess id=\"es\" triggeredByEvent=\"true\"><startEvent id=\"es1\"" +
         attributes + ">" + start +
         "</startEvent><sequenceFlow id=\"g1\" sourceRef=\"es1\" targetRef=\"es2\"/><endEvent "
         "id=\"es2\"/></subProcess>";
}

const QByteArray kTimer = "<timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>";
const QByteArray kMessage = "<messageEventDefinition messageRef=\"m\"/>";
const QByteArray kSignal = "<signalEventDefinition signalRef=\"sg\"/>";
const QByteArray kError = "<errorEventDefinition errorRef=\"er\"/>";
const QByteArray kEscalation = "<escalationEventDefinition escalationRef=\"esc\"/>";
const QByteArray kCondition =
    "<conditionalEventDefinition><condition>=x &gt; 1</condition></conditionalEventDefinition>";
const QByteArray kCompensate = "<compensateEventDefinition/>";
const QByteArray kRoots =
    "<message id=\"m\" name=\"m\"><extensionElements><zeebe:subscription correlationKey=\"=k\"/></extensionElements>"
    "</message><signal id=\"sg\" name=\"sg\"/><error id=\"er\" errorCode=\"E\"/>"
    "<escalation id=\"esc\" escalationCode=\"X\"/>";

std::vector<Construct> constructs() {
  const QByteArray loopItems =
      "<extensionElements><zeebe:loopCharacteristics inputCollection=\"=[1,2]\" inputElement=\"i\"/>"
      "</extensionElements>";
  return {
      {"Tasks", "task (no work: passes through)", between("<task id=\"x\"/>")},
      {"Tasks", "service task (job for a worker or handler)", between(job("serviceTask"))},
      {"Tasks", "send task (job, or the engine sends the message)", between(job("sendTask"))},
      {"Tasks", "business rule task with a job type", between(job("businessRuleTask"))},
      {"Tasks", "business rule task calling a DMN decision",
       between("<businessRuleTask id=\"x\"><extensionElements><zeebe:calledDecision decisionId=\"d\" "
               "resultVariable=\"r\"/></extensionElements></businessRuleTask>")},
      {"Tasks", "script task, FEEL (zeebe:script)",
       between("<scriptTask id=\"x\"><extensionElements><zeebe:script expression=\"=1 + 1\" resultVariable=\"r\"/>"
               "</extensionElements></scriptTask>")},
      {"Tasks", "script task, JavaScript",
       between("<scriptTask id=\"x\" scriptFormat=\"javascript\"><script>1+1</script></scriptTask>")},
      {"Tasks", "user task", between("<userTask id=\"x\"/>")},
      {"Tasks", "manual task (passes through)", between("<manualTask id=\"x\"/>")},
      {"Tasks", "receive task", between("<receiveTask id=\"x\" messageRef=\"m\"/>")},
      {"Tasks", "Java delegate (camunda:class)",
       between("<serviceTask id=\"x\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" "
               "camunda:class=\"com.example.Charge\"/>")},
      {"Activities", "call activity",
       between("<callActivity id=\"x\"><extensionElements><zeebe:calledElement "
               "processId=\"p\"/></extensionElements></callActivity>")},
      {"Activities", "call activity with a computed process id",
       between("<callActivity id=\"x\"><extensionElements><zeebe:calledElement processId=\"=name\"/>"
               "</extensionElements></callActivity>")},
      {"Activities", "embedded sub-process",
       between("<subProcess id=\"x\"><startEvent id=\"i1\"/><sequenceFlow id=\"i2\" sourceRef=\"i1\" "
               "targetRef=\"i3\"/><endEvent id=\"i3\"/></subProcess>")},
      {"Activities", "transaction",
       between("<transaction id=\"x\"><startEvent id=\"i1\"/><sequenceFlow id=\"i2\" sourceRef=\"i1\" "
               "targetRef=\"i3\"/><endEvent id=\"i3\"/></transaction>")},
      {"Activities", "ad-hoc sub-process", between("<adHocSubProcess id=\"x\"><task id=\"i1\"/></adHocSubProcess>")},
      {"Activities", "multi-instance, parallel",
       between(job("serviceTask",
                   "<multiInstanceLoopCharacteristics>" + loopItems + "</multiInstanceLoopCharacteristics>"))},
      {"Activities", "multi-instance, sequential",
       between(job("serviceTask", "<multiInstanceLoopCharacteristics isSequential=\"true\">" + loopItems +
                                      "</multiInstanceLoopCharacteristics>"))},
      {"Activities", "multi-instance with behavior=\"Complex\"",
       between(job("serviceTask", "<multiInstanceLoopCharacteristics behavior=\"Complex\">" + loopItems +
                                      "</multiInstanceLoopCharacteristics>"))},
      {"Activities", "standard loop",
       between(job("serviceTask",
                   "<standardLoopCharacteristics><loopCondition>=loopCounter &lt; 3</loopCondition>"
                   "</standardLoopCharacteristics>"))},
      {"Gateways", "exclusive gateway", between("<exclusiveGateway id=\"x\"/>")},
      {"Gateways", "parallel gateway", between("<parallelGateway id=\"x\"/>")},
      {"Gateways", "inclusive gateway", between("<inclusiveGateway id=\"x\"/>")},
      {"Gateways", "complex gateway", between("<complexGateway id=\"x\"/>")},
      {"Gateways", "event-based gateway",
       "<startEvent id=\"s\"/><sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"x\"/><eventBasedGateway id=\"x\"/>"
       "<sequenceFlow id=\"f2\" sourceRef=\"x\" targetRef=\"c\"/><intermediateCatchEvent id=\"c\">" +
           kTimer +
           "</intermediateCatchEvent><sequenceFlow id=\"f3\" sourceRef=\"c\" targetRef=\"e\"/><endEvent id=\"e\"/>"
           "<sequenceFlow id=\"f4\" sourceRef=\"x\" targetRef=\"c2\"/><intermediateCatchEvent id=\"c2\">" +
           kMessage + "</intermediateCatchEvent><sequenceFlow id=\"f5\" sourceRef=\"c2\" targetRef=\"e\"/>"},
      {"Start events", "none start", startWith("")},
      {"Start events", "message start", startWith(kMessage)},
      {"Start events", "timer start", startWith(kTimer)},
      {"Start events", "signal start", startWith(kSignal)},
      {"Start events", "conditional start", startWith(kCondition)},
      {"Start events", "multiple start (message or timer)", startWith(kMessage + kTimer)},
      {"Event sub-process starts", "message (interrupting or not)", eventSubProcess(kMessage)},
      {"Event sub-process starts", "timer", eventSubProcess(kTimer)},
      {"Event sub-process starts", "signal", eventSubProcess(kSignal)},
      {"Event sub-process starts", "conditional", eventSubProcess(kCondition)},
      {"Event sub-process starts", "error", eventSubProcess(kError)},
      {"Event sub-process starts", "escalation", eventSubProcess(kEscalation)},
      {"End events", "none end", endWith("")},
      {"End events", "terminate end", endWith("<terminateEventDefinition/>")},
      {"End events", "error end", endWith(kError)},
      {"End events", "escalation end", endWith(kEscalation)},
      {"End events", "message end (job, or the engine sends it)", endWith(kMessage)},
      {"End events", "signal end", endWith(kSignal)},
      {"End events", "compensation end", endWith(kCompensate)},
      {"Intermediate events", "timer catch", between(event("intermediateCatchEvent", kTimer))},
      {"Intermediate events", "message catch", between(event("intermediateCatchEvent", kMessage))},
      {"Intermediate events", "signal catch", between(event("intermediateCatchEvent", kSignal))},
      {"Intermediate events", "conditional catch", between(event("intermediateCatchEvent", kCondition))},
      {"Intermediate events", "none throw", between("<intermediateThrowEvent id=\"x\"/>")},
      {"Intermediate events", "message throw", between(event("intermediateThrowEvent", kMessage))},
      {"Intermediate events", "signal throw", between(event("intermediateThrowEvent", kSignal))},
      {"Intermediate events", "escalation throw", between(event("intermediateThrowEvent", kEscalation))},
      {"Intermediate events", "compensation throw", between(event("intermediateThrowEvent", kCompensate))},
      {"Intermediate events", "link throw and catch",
       "<startEvent id=\"s\"/><sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"lt\"/><intermediateThrowEvent "
       "id=\"lt\"><linkEventDefinition name=\"L\"/></intermediateThrowEvent><intermediateCatchEvent id=\"lc\">"
       "<linkEventDefinition name=\"L\"/></intermediateCatchEvent><sequenceFlow id=\"f2\" sourceRef=\"lc\" "
       "targetRef=\"e\"/><endEvent id=\"e\"/>"},
      {"Boundary events", "timer (interrupting)", boundary(kTimer)},
      {"Boundary events", "timer (non-interrupting)", boundary(kTimer, " cancelActivity=\"false\"")},
      {"Boundary events", "message", boundary(kMessage)},
      {"Boundary events", "signal", boundary(kSignal)},
      {"Boundary events", "error", boundary(kError)},
      {"Boundary events", "escalation", boundary(kEscalation)},
      {"Boundary events", "conditional", boundary(kCondition)},
  };
}

// "runs", or the first diagnostic's message without its location.
QString outcome(const Construct& construct) {
  const QByteArray xml =
      "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
      "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"t\">" +
      kRoots + construct.roots + "<process id=\"p\" isExecutable=\"true\">" + construct.body +
      "</process></definitions>";
  Engine engine;
  auto deployed = engine.deploy(xml.toStdString(), "construct.bpmn");
  if (deployed.isOk()) return "runs";
  QString message = QString::fromStdString(deployed.status().message()).section('\n', 0, 0);
  const qsizetype element = message.indexOf(">: ");
  if (element >= 0) message = message.mid(element + 3);
  return "refused at deploy: " + message.replace('|', "\\|");
}

const QString kBegin = "<!-- BEGIN generated by tests/runtime/tst_elements.cpp: do not edit -->\n";
const QString kEnd = "<!-- END generated -->\n";

}  // namespace

class TstElements : public QObject {
  Q_OBJECT

 private slots:
  void documentedTableMatchesEngine() {
    QString table;
    QString family;
    for (const auto& construct : constructs()) {
      if (family != construct.family) {
        family = construct.family;
        table += "\n### " + family + "\n\n| construct | with this engine |\n|---|---|\n";
      }
      table += QString("| %1 | %2 |\n").arg(construct.name, outcome(construct));
    }
    const QString path = bpmn::test::sourceDir() + "/docs/elements.md";
    QString document = QString::fromUtf8(bpmn::test::readAll(path));
    const qsizetype begin = document.indexOf(kBegin);
    const qsizetype end = document.indexOf(kEnd);
    QVERIFY2(begin >= 0 && end > begin, "docs/elements.md lacks the generated section's markers");
    const QString current = document.mid(begin + kBegin.size(), end - begin - kBegin.size());
    if (current != table && qEnvironmentVariableIsSet("BPMN_UPDATE_DOCS")) {
      document.replace(begin + kBegin.size(), end - begin - kBegin.size(), table);
      QFile file(path);
      QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
      file.write(document.toUtf8());
      return;
    }
    QVERIFY2(current == table, qPrintable("docs/elements.md is out of date (BPMN_UPDATE_DOCS=1 rewrites it); "
                                          "the engine says:\n" +
                                          table));
  }
};

QTEST_GUILESS_MAIN(TstElements)
#include "tst_elements.moc"

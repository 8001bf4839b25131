// The properties panel writes what Camunda 8 tools write, through its
// widgets as a user edits them: ids (with every reference following),
// names, documentation, conditions and default flows, job types, retries
// and headers (zeebe:taskDefinition, zeebe:taskHeaders), mappings
// (zeebe:ioMapping), timers, messages with correlation keys, signals,
// errors and escalations (root elements the event refers to), called
// processes (zeebe:calledElement), scripts (zeebe:script), user task
// assignment and forms, multi-instance (zeebe:loopCharacteristics); with
// nothing selected the diagram's process (id, name, executable,
// zeebe:versionTag) or collaboration; pools with their process, lanes,
// message flows with their message, annotations and groups. For
// each: the exact model, the engine's vendor.h readers return the values,
// one undo step that restores the model exactly; the saved file re-parses
// equal and runs in the engine as edited.
#include <QCompleter>
#include <QFocusEvent>
#include <QRegularExpression>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QtTest>

#include "bpmn/clock.h"
#include "bpmn/engine.h"
#include "bpmn/model/namespaces.h"
#include "bpmn/model/vendor.h"
#include "bpmn/parser.h"
#include "bpmn/writer.h"
#include "bpmn_document.h"
#include "editing.h"
#include "properties.h"
#include "properties_panel.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;
using feel::Value;

namespace {

// No zeebe namespace, no extensions: as a plain BPMN tool writes it.
const QByteArray kPlain =
    "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
    "<bpmn:process id=\"p\" isExecutable=\"true\"><bpmn:startEvent id=\"s\"/>"
    "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"charge\"/><bpmn:serviceTask id=\"charge\" "
    "name=\"Charge\"/>"
    "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"charge\" targetRef=\"g\"/>"
    "<bpmn:exclusiveGateway id=\"g\" default=\"cheap\"/>"
    "<bpmn:sequenceFlow id=\"big\" sourceRef=\"g\" targetRef=\"review\"/><bpmn:userTask id=\"review\"/>"
    "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"review\" targetRef=\"e\"/>"
    "<bpmn:sequenceFlow id=\"cheap\" name=\"Cheap\" sourceRef=\"g\" targetRef=\"e\"/><bpmn:endEvent id=\"e\"/>"
    "</bpmn:process></bpmn:definitions>";

// A file as bpmn.io writes it: the process `body` (and more processes or
// root elements in `roots`, and DI in `di`).
QByteArray file(const QByteArray& body, const QByteArray& roots = {}, const QByteArray& di = {}) {
  return "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" "
         "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
         "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" id=\"d\" targetNamespace=\"t\">"
         "<bpmn:process id=\"p\" isExecutable=\"true\">" +
         body + "</bpmn:process>" + roots + di + "</bpmn:definitions>";
}

QByteArray flow(const char* id, const char* source, const char* target) {
  return QByteArray("<bpmn:sequenceFlow id=\"") + id + "\" sourceRef=\"" + source + "\" targetRef=\"" + target + "\"/>";
}

// start -> `element` (whose id is `id`) -> end.
QByteArray between(const char* id, const QByteArray& element) {
  return "<bpmn:startEvent id=\"s\"/>" + flow("f1", "s", id) + element + flow("f2", id, "e") +
         "<bpmn:endEvent id=\"e\"/>";
}

void edit(QLineEdit* field, const QString& text) {
  field->setText(text);
  emit field->editingFinished();
}

void chooseData(QComboBox* combo, const QVariant& data) {
  const int index = combo->findData(data);
  QVERIFY2(index >= 0, qPrintable(data.toString()));
  combo->setCurrentIndex(index);
}

const model::FlowElement& element(const BpmnDocument& document, const char* id) {
  const model::FlowElement* found = findFlowElement(document.definitions(), id);
  if (!found) qFatal("no element %s", id);
  return *found;
}

const model::GlobalElement* global(const BpmnDocument& document, const std::string& id) {
  for (const auto& root : document.definitions().rootElements) {
    if (const auto* g = std::get_if<model::GlobalElement>(&root); g && g->id == id) return g;
  }
  return nullptr;
}

int globalCount(const BpmnDocument& document) {
  int count = 0;
  for (const auto& root : document.definitions().rootElements)
    count += std::holds_alternative<model::GlobalElement>(root);
  return count;
}

// Runs `action` (one edit through the panel); checks that it pushed exactly
// one undo step, that undo restores the model as it was and redo the edit.
template <typename Action>
void oneStep(BpmnDocument& document, Action action) {
  const model::Definitions before = document.definitions();
  const int steps = document.undoStack().count();
  action();
  QCOMPARE(document.undoStack().count(), steps + 1);
  const model::Definitions after = document.definitions();
  QVERIFY(!(after == before));
  document.undoStack().undo();
  QVERIFY(document.definitions() == before);
  document.undoStack().redo();
  QVERIFY(document.definitions() == after);
}

// The document as saved re-parses to an equal model; returns the XML.
std::string savedAndReparsed(const BpmnDocument& document) {
  const std::string xml = writeBpmn(document.definitions());
  ParseResult parsed = parseBpmn(xml, "saved.bpmn");
  if (!parsed.definitions || !(*parsed.definitions == document.definitions())) {
    qWarning("%s", xml.c_str());
    return {};
  }
  return xml;
}

bool declares(const BpmnDocument& document, const char* prefix, std::string_view uri) {
  for (const auto& ns : document.definitions().namespaces) {
    if (ns.prefix == prefix && ns.uri == uri) return true;
  }
  return false;
}

std::string variable(const InstanceSnapshot& instance, const char* name) {
  const Value* value = feel::entryOf(instance.scopes.front().variables, name);
  return value ? feel::toFeelString(*value) : std::string("<none>");
}

// The xsi:type Camunda writes on expressions.
bool formal(const model::Expression& expression) {
  const auto* type = model::findAttribute(expression.otherAttributes, ns::kXsi, "type");
  return type && type->qname == "xsi:type" && type->value == "bpmn:tFormalExpression";
}

}  // namespace

class TstProperties : public QObject {
  Q_OBJECT

 private slots:
  void panelWritesZeebeExtensions() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kPlain, "plain.bpmn").isOk());
    PropertiesPanel panel(document);
    panel.select("charge");
    QVERIFY(panel.jobTypeField()->isVisibleTo(&panel));
    QVERIFY(!panel.conditionField()->isVisibleTo(&panel));
    QCOMPARE(panel.nameField()->text(), QString("Charge"));

    panel.retriesField()->setValue(5);
    edit(panel.jobTypeField(), "charge-card");
    QCOMPARE(document.undoStack().count(), 1);
    const model::FlowElement* charge = findFlowElement(document.definitions(), "charge");
    auto definition = model::vendor::taskDefinition(*charge);
    QVERIFY(definition);
    QCOMPARE(QString::fromStdString(definition->type), QString("charge-card"));
    QCOMPARE(QString::fromStdString(definition->retries), QString("5"));
    QVERIFY(declares(document, "zeebe", "http://camunda.org/schema/zeebe/1.0"));

    edit(panel.nameField(), "Charge the card");
    panel.select("big");
    QVERIFY(panel.conditionField()->isVisibleTo(&panel));
    QVERIFY(!panel.jobTypeField()->isVisibleTo(&panel));
    edit(panel.conditionField(), "=amount > 100");
    QCOMPARE(document.undoStack().count(), 3);
    edit(panel.conditionField(), "=amount > 100");  // no change: no step
    QCOMPARE(document.undoStack().count(), 3);
    QVERIFY(formal(*element(document, "big").conditionExpression));

    // The saved file says so, and runs as edited.
    QTemporaryDir dir;
    QVERIFY(document.save(dir.filePath("edited.bpmn")).isOk());
    const QByteArray saved = bpmn::test::readAll(dir.filePath("edited.bpmn"));
    QVERIFY2(saved.contains("xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\""), saved.constData());
    QVERIFY2(saved.contains("<zeebe:taskDefinition type=\"charge-card\" retries=\"5\" />"), saved.constData());
    QVERIFY2(saved.contains("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">=amount &gt; "
                            "100</bpmn:conditionExpression>"),
             saved.constData());
    QVERIFY(saved.contains("name=\"Charge the card\""));
    Engine engine;
    auto deployed = engine.deploy(saved.toStdString(), "edited.bpmn");
    QVERIFY2(deployed.isOk(), deployed.status().message().c_str());
    auto started = engine.createInstance("p", {{"amount", Value(500)}});
    QVERIFY(started.isOk());
    QCOMPARE(started.value().instance.jobs.front().type, std::string("charge-card"));
    auto done = engine.completeJob(started.value().instance.key, started.value().instance.jobs.front().key);
    QCOMPARE(done.value().instance.tokens.front().elementId, std::string("review"));  // the condition took it

    // Undo, one step per edit, back to the file as read.
    document.undoStack().undo();
    QCOMPARE(condition(element(document, "big")), QString());
    document.undoStack().undo();
    document.undoStack().undo();
    QVERIFY(!model::vendor::taskDefinition(element(document, "charge")));
    QVERIFY(document.isModified());  // the saved file has the edits
    BpmnDocument original;
    QVERIFY(original.openBytes(kPlain, "plain.bpmn").isOk());
    QVERIFY(document.definitions() == original.definitions());
  }

  // Only the sections that apply to the selected element show.
  void sectionsThatApply() {
    BpmnDocument document;
    QVERIFY(document
                .openBytes(file("<bpmn:startEvent id=\"s\"><bpmn:timerEventDefinition/></bpmn:startEvent>"
                                "<bpmn:serviceTask id=\"t\"/><bpmn:userTask id=\"u\"/><bpmn:scriptTask id=\"x\"/>"
                                "<bpmn:callActivity id=\"c\"/><bpmn:receiveTask id=\"r\"/>"
                                "<bpmn:exclusiveGateway id=\"g\"/><bpmn:parallelGateway id=\"pg\"/>" +
                                flow("f", "g", "t") +
                                "<bpmn:boundaryEvent id=\"b\" attachedToRef=\"t\"><bpmn:errorEventDefinition/>"
                                "</bpmn:boundaryEvent><bpmn:intermediateCatchEvent id=\"sig\">"
                                "<bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent>"
                                "<bpmn:intermediateThrowEvent id=\"esc\"><bpmn:escalationEventDefinition/>"
                                "</bpmn:intermediateThrowEvent><bpmn:endEvent id=\"m\">"
                                "<bpmn:messageEventDefinition/></bpmn:endEvent>"),
                           "all.bpmn")
                .isOk());
    PropertiesPanel panel(document);
    QList<QGroupBox*> all{panel.generalSection(),   panel.conditionSection(),     panel.defaultFlowSection(),
                          panel.jobSection(),       panel.mappingSection(),       panel.timerSection(),
                          panel.referenceSection(), panel.calledProcessSection(), panel.scriptSection(),
                          panel.userTaskSection(),  panel.multiInstanceSection()};
    auto shown = [&](const char* id) {
      panel.select(id);
      QStringList titles;
      for (QGroupBox* box : all) {
        if (box->isVisibleTo(&panel)) titles << box->title();
      }
      return titles.join(", ");
    };
    QCOMPARE(shown("s"), QString("General, Timer"));
    QCOMPARE(shown("t"), QString("General, Default flow, Task definition, Input/output mappings, Multi-instance"));
    QCOMPARE(shown("u"), QString("General, Default flow, Input/output mappings, User task, Multi-instance"));
    QCOMPARE(shown("x"), QString("General, Default flow, Task definition, Input/output mappings, Script, "
                                 "Multi-instance"));
    QCOMPARE(shown("c"), QString("General, Default flow, Input/output mappings, Called element, Multi-instance"));
    QCOMPARE(shown("r"), QString("General, Default flow, Input/output mappings, Message, Multi-instance"));
    QCOMPARE(shown("g"), QString("General, Default flow"));
    QCOMPARE(shown("pg"), QString("General"));
    QCOMPARE(shown("f"), QString("General, Condition"));
    QCOMPARE(shown("b"), QString("General, Input/output mappings, Error"));
    QVERIFY(panel.referenceCodeField()->isVisibleTo(&panel));
    QVERIFY(!panel.correlationKeyField()->isVisibleTo(&panel));
    QCOMPARE(shown("sig"), QString("General, Input/output mappings, Signal"));
    QVERIFY(!panel.referenceCodeField()->isVisibleTo(&panel));
    QCOMPARE(shown("esc"), QString("General, Input/output mappings, Escalation"));
    QCOMPARE(shown("m"), QString("General, Task definition, Input/output mappings, Message"));
    QVERIFY(panel.correlationKeyField()->isVisibleTo(&panel));
    QVERIFY(!panel.referenceCodeField()->isVisibleTo(&panel));
    QCOMPARE(shown("nothing"), QString());
  }

  // Issue 22, item 7: the header in bpmn.io's words; boundary events get an
  // Interrupting toggle (not error boundaries, which always interrupt);
  // undo names the element by its name.
  void wordsForPeopleAndInterrupting() {
    const QByteArray body =
        between("t", "<bpmn:userTask id=\"t\" name=\"Review\"/>") +
        "<bpmn:boundaryEvent id=\"late\" name=\"Too late\" attachedToRef=\"t\"><bpmn:timerEventDefinition>"
        "<bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
        "<bpmn:boundaryEvent id=\"failed\" attachedToRef=\"t\"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>";
    BpmnDocument document;
    QVERIFY(document.openBytes(file(body), "words.bpmn").isOk());
    PropertiesPanel panel(document);
    panel.select("t");
    QCOMPARE(panel.titleLabel()->text(), QString("<b>User Task</b>"));
    QVERIFY(!panel.interruptingField()->isVisibleTo(&panel));
    panel.select("failed");
    QCOMPARE(panel.titleLabel()->text(), QString("<b>Error Boundary Event</b>"));
    QVERIFY(!panel.interruptingField()->isVisibleTo(&panel));
    panel.select("late");
    QCOMPARE(panel.titleLabel()->text(), QString("<b>Timer Boundary Event</b>"));
    QVERIFY(panel.interruptingField()->isVisibleTo(&panel));
    QVERIFY(panel.interruptingField()->isChecked());
    panel.interruptingField()->setChecked(false);
    QCOMPARE(element(document, "late").cancelActivity, std::optional<bool>(false));
    QCOMPARE(document.undoStack().undoText(), QString("Make Too late non-interrupting"));
    document.undoStack().undo();
    QCOMPARE(element(document, "late").cancelActivity, std::nullopt);  // as the file had it
    QVERIFY(panel.interruptingField()->isChecked());
  }

  // A new id: every reference follows (flows, default, boundary, DI and
  // its `_di` id); an invalid or taken one is refused with a message.
  void renameFollowsEveryReference() {
    const QByteArray body =
        "<bpmn:startEvent id=\"s\"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>" + flow("f1", "s", "t") +
        "<bpmn:serviceTask id=\"t\" default=\"f2\"><bpmn:incoming>f1</bpmn:incoming>"
        "<bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>" +
        flow("f2", "t", "e") +
        "<bpmn:boundaryEvent id=\"b\" attachedToRef=\"t\"><bpmn:timerEventDefinition id=\"TimerEventDefinition_1\">"
        "<bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
        "<bpmn:endEvent id=\"e\"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>";
    const QByteArray di =
        "<bpmndi:BPMNDiagram id=\"D\"><bpmndi:BPMNPlane id=\"P\" bpmnElement=\"p\">"
        "<bpmndi:BPMNShape id=\"s_di\" bpmnElement=\"s\"><dc:Bounds x=\"0\" y=\"0\" width=\"36\" height=\"36\"/>"
        "</bpmndi:BPMNShape><bpmndi:BPMNShape id=\"t_di\" bpmnElement=\"t\">"
        "<dc:Bounds x=\"100\" y=\"0\" width=\"100\" height=\"80\"/></bpmndi:BPMNShape>"
        "<bpmndi:BPMNShape id=\"e_di\" bpmnElement=\"e\"><dc:Bounds x=\"300\" y=\"0\" width=\"36\" height=\"36\"/>"
        "</bpmndi:BPMNShape><bpmndi:BPMNShape id=\"b_di\" bpmnElement=\"b\">"
        "<dc:Bounds x=\"150\" y=\"60\" width=\"36\" height=\"36\"/></bpmndi:BPMNShape>"
        "<bpmndi:BPMNEdge id=\"f2_di\" bpmnElement=\"f2\" sourceElement=\"t_di\" targetElement=\"e_di\">"
        "<di:waypoint x=\"200\" y=\"40\"/><di:waypoint x=\"300\" y=\"18\"/></bpmndi:BPMNEdge>"
        "<bpmndi:BPMNShape id=\"taken_di\" bpmnElement=\"gone\"><dc:Bounds x=\"0\" y=\"0\" width=\"1\" height=\"1\"/>"
        "</bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>";
    BpmnDocument document;
    QVERIFY(document.openBytes(file(body, {}, di), "rename.bpmn").isOk());
    PropertiesPanel panel(document);
    QSignalSpy renamed(&panel, &PropertiesPanel::renamed);
    panel.select("t");
    QCOMPARE(panel.idField()->text(), QString("t"));

    // Refused: the message says why, nothing changes.
    const std::vector<std::pair<QString, QString>> refused{
        {"", "The id must not be empty."},
        {"1st", "\"1st\" is not a valid id"},
        {"charge card", "\"charge card\" is not a valid id"},
        {"bpmn:t", "\"bpmn:t\" is not a valid id"},
        {"s", "The id \"s\" is already used."},
        {"TimerEventDefinition_1", "The id \"TimerEventDefinition_1\" is already used."},
        {"taken", "The id \"taken_di\" the diagram would take is already used."}};
    for (const auto& [id, message] : refused) {
      edit(panel.idField(), id);
      QVERIFY2(panel.idMessage()->isVisibleTo(&panel), qPrintable(id));
      QVERIFY2(panel.idMessage()->text().startsWith(message), qPrintable(panel.idMessage()->text()));
      QCOMPARE(document.undoStack().count(), 0);
      QCOMPARE(panel.selected(), QString("t"));
    }

    oneStep(document, [&] { edit(panel.idField(), "Charge_card"); });
    QVERIFY(!panel.idMessage()->isVisibleTo(&panel));
    QCOMPARE(panel.selected(), QString("Charge_card"));
    // The rename, then oneStep's undo and redo: the panel followed the
    // element each time.
    QCOMPARE(renamed.count(), 3);
    QCOMPARE(renamed[0], QVariantList({"t", "Charge_card"}));
    QCOMPARE(renamed[1], QVariantList({"Charge_card", "t"}));
    QCOMPARE(renamed[2], QVariantList({"t", "Charge_card"}));
    QCOMPARE(element(document, "f1").targetRef, std::string("Charge_card"));
    QCOMPARE(element(document, "f2").sourceRef, std::string("Charge_card"));
    QCOMPARE(element(document, "b").attachedToRef, std::string("Charge_card"));
    QCOMPARE(element(document, "Charge_card").defaultFlow, std::string("f2"));
    const auto& plane = document.definitions().diagrams.front().plane;
    QCOMPARE(plane.elements[1].id, std::string("Charge_card_di"));
    QCOMPARE(plane.elements[1].bpmnElement, std::string("Charge_card"));
    QCOMPARE(plane.elements[4].sourceElement, std::string("Charge_card_di"));
    document.undoStack().undo();
    QCOMPARE(panel.selected(), QString("t"));
    QCOMPARE(panel.idField()->text(), QString("t"));
    document.undoStack().redo();
    QCOMPARE(panel.selected(), QString("Charge_card"));

    // A flow: its ends' incoming/outgoing, the default and the edge follow.
    panel.select("f2");
    oneStep(document, [&] { edit(panel.idField(), "Flow_0paid12"); });
    QCOMPARE(element(document, "Charge_card").defaultFlow, std::string("Flow_0paid12"));
    QCOMPARE(element(document, "Charge_card").outgoing, std::vector<std::string>{"Flow_0paid12"});
    QCOMPARE(element(document, "e").incoming, std::vector<std::string>{"Flow_0paid12"});
    QCOMPARE(plane.elements[4].id, std::string("Flow_0paid12_di"));
    QCOMPARE(plane.elements[4].bpmnElement, std::string("Flow_0paid12"));
    const std::string xml = savedAndReparsed(document);
    QVERIFY(!xml.empty());
    QVERIFY(xml.find("<bpmndi:BPMNEdge id=\"Flow_0paid12_di\" bpmnElement=\"Flow_0paid12\" "
                     "sourceElement=\"Charge_card_di\" targetElement=\"e_di\">") != std::string::npos);
  }

  void documentation() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kPlain, "plain.bpmn").isOk());
    PropertiesPanel panel(document);
    panel.select("charge");
    auto focusOut = [&] {
      QFocusEvent out(QEvent::FocusOut);
      QCoreApplication::sendEvent(panel.documentationField(), &out);
    };
    oneStep(document, [&] {
      panel.documentationField()->setPlainText("Charges the card.\nNever twice.");
      focusOut();
    });
    QCOMPARE(element(document, "charge").documentation.size(), std::size_t(1));
    QCOMPARE(element(document, "charge").documentation.front().text, std::string("Charges the card.\nNever twice."));
    focusOut();  // unchanged: no step
    QCOMPARE(document.undoStack().count(), 1);
    const std::string xml = savedAndReparsed(document);
    QVERIFY(xml.find("<bpmn:documentation>Charges the card.\nNever twice.</bpmn:documentation>") != std::string::npos);
    oneStep(document, [&] {
      panel.documentationField()->clear();
      focusOut();
    });
    QVERIFY(element(document, "charge").documentation.empty());
  }

  void defaultFlow() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kPlain, "plain.bpmn").isOk());
    PropertiesPanel panel(document);
    panel.select("g");
    QComboBox* combo = panel.defaultFlowField();
    QCOMPARE(combo->count(), 3);  // none, big, cheap
    QCOMPARE(combo->itemText(2), QString("Cheap (cheap)"));
    QCOMPARE(combo->currentData().toString(), QString("cheap"));
    oneStep(document, [&] { chooseData(combo, "big"); });
    QCOMPARE(element(document, "g").defaultFlow, std::string("big"));
    oneStep(document, [&] { chooseData(combo, QString()); });
    QCOMPARE(element(document, "g").defaultFlow, std::string());
  }

  // Headers and mappings as tables: add a row, type into its cells, remove.
  void headersAndMappings() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kPlain, "plain.bpmn").isOk());
    PropertiesPanel panel(document);
    panel.select("charge");
    edit(panel.jobTypeField(), "charge-card");
    QTableWidget* headers = panel.headersTable()->table();
    panel.headersTable()->addButton()->click();
    QCOMPARE(headers->rowCount(), 1);
    QCOMPARE(document.undoStack().count(), 1);  // an empty row is no change
    oneStep(document, [&] { headers->item(0, 0)->setText("region"); });
    oneStep(document, [&] { headers->item(0, 1)->setText("eu"); });
    auto read = model::vendor::taskHeaders(element(document, "charge"));
    QCOMPARE(read.size(), std::size_t(1));
    QCOMPARE(read[0].key, std::string("region"));
    QCOMPARE(read[0].value, std::string("eu"));

    QTableWidget* inputs = panel.inputsTable()->table();
    panel.inputsTable()->addButton()->click();
    oneStep(document, [&] { inputs->item(0, 0)->setText("=order.total"); });
    oneStep(document, [&] { inputs->item(0, 1)->setText("amount"); });
    QTableWidget* outputs = panel.outputsTable()->table();
    panel.outputsTable()->addButton()->click();
    oneStep(document, [&] { outputs->item(0, 0)->setText("=paymentId"); });
    oneStep(document, [&] { outputs->item(0, 1)->setText("payment"); });
    auto io = model::vendor::ioMapping(element(document, "charge"));
    QCOMPARE(io.inputs.size(), std::size_t(1));
    QCOMPARE(io.inputs[0].source, std::string("=order.total"));
    QCOMPARE(io.inputs[0].target, std::string("amount"));
    QCOMPARE(io.outputs[0].source, std::string("=paymentId"));
    QCOMPARE(io.outputs[0].target, std::string("payment"));

    panel.select("big");
    edit(panel.conditionField(), "=false");
    panel.select("charge");
    std::string xml = savedAndReparsed(document);
    QVERIFY2(xml.find("<bpmn:extensionElements>\n        <zeebe:taskDefinition type=\"charge-card\" retries=\"3\" />\n"
                      "        <zeebe:ioMapping>\n          <zeebe:input source=\"=order.total\" target=\"amount\" />\n"
                      "          <zeebe:output source=\"=paymentId\" target=\"payment\" />\n"
                      "        </zeebe:ioMapping>\n        <zeebe:taskHeaders>\n"
                      "          <zeebe:header key=\"region\" value=\"eu\" />\n        </zeebe:taskHeaders>\n") !=
                 std::string::npos,
             xml.c_str());
    Engine engine;
    auto deployed = engine.deploy(xml, "io.bpmn");
    QVERIFY2(deployed.isOk(), deployed.status().message().c_str());
    auto started = engine.createInstance("p", {{"order", Value(feel::Context{{"total", Value(42)}})}});
    QVERIFY(started.isOk());
    const auto jobs = engine.jobs(started.value().instance.key).value();
    QCOMPARE(jobs.size(), std::size_t(1));
    QCOMPARE(feel::toFeelString(*feel::entryOf(jobs[0].variables, "amount")), std::string("42"));
    auto done = engine.completeJob(started.value().instance.key, jobs[0].key, {{"paymentId", Value("P-7")}});
    QVERIFY(done.isOk());
    QCOMPARE(variable(done.value().instance, "payment"), std::string("\"P-7\""));

    // Removing the only row removes the element.
    inputs->setCurrentCell(0, 0);
    oneStep(document, [&] { panel.inputsTable()->removeButton()->click(); });
    QCOMPARE(model::vendor::ioMapping(element(document, "charge")).inputs.size(), std::size_t(0));
    QCOMPARE(model::vendor::ioMapping(element(document, "charge")).outputs.size(), std::size_t(1));
    panel.select("charge");
    outputs->setCurrentCell(0, 0);
    oneStep(document, [&] { panel.outputsTable()->removeButton()->click(); });
    QVERIFY(model::vendor::extensions(element(document, "charge"), ns::kZeebe, "ioMapping").empty());
  }

  void timer() {
    BpmnDocument document;
    QVERIFY(document
                .openBytes(file("<bpmn:startEvent id=\"s\"/>" + flow("f1", "s", "wait") +
                                "<bpmn:intermediateCatchEvent id=\"wait\"><bpmn:timerEventDefinition "
                                "id=\"TimerEventDefinition_0x\"/></bpmn:intermediateCatchEvent>" +
                                flow("f2", "wait", "e") + "<bpmn:endEvent id=\"e\"/>"),
                           "timer.bpmn")
                .isOk());
    PropertiesPanel panel(document);
    panel.select("wait");
    QVERIFY(panel.timerSection()->isVisibleTo(&panel));
    QVERIFY(!panel.timerValueField()->isEnabled());
    oneStep(document, [&] { chooseData(panel.timerKindField(), int(TimerKind::kCycle)); });
    oneStep(document, [&] { edit(panel.timerValueField(), "R2/PT1M"); });
    const auto& definition = element(document, "wait").eventDefinitions.front();
    QVERIFY(definition.timeCycle && !definition.timeDate && !definition.timeDuration);
    QCOMPARE(definition.timeCycle->body, std::string("R2/PT1M"));
    QVERIFY(formal(*definition.timeCycle));
    QVERIFY(declares(document, "xsi", ns::kXsi));
    // Another kind takes the value along.
    oneStep(document, [&] { chooseData(panel.timerKindField(), int(TimerKind::kDuration)); });
    QVERIFY(!element(document, "wait").eventDefinitions.front().timeCycle);
    oneStep(document, [&] { edit(panel.timerValueField(), "PT1M"); });
    QCOMPARE((bpmn::modeler::timer(element(document, "wait"))), (TimerDetails{TimerKind::kDuration, "PT1M"}));

    const std::string xml = savedAndReparsed(document);
    QVERIFY2(xml.find("<bpmn:timerEventDefinition id=\"TimerEventDefinition_0x\">\n"
                      "        <bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">PT1M</bpmn:timeDuration>") !=
                 std::string::npos,
             xml.c_str());
    ManualClock clock(1'000'000);
    EngineOptions options;
    options.clock = &clock;
    Engine engine(options);
    QVERIFY(engine.deploy(xml, "timer.bpmn").isOk());
    const auto instance = engine.createInstance("p").value().instance;
    QCOMPARE(instance.timers.size(), std::size_t(1));
    QCOMPARE(instance.timers.front().dueMillis, std::int64_t(1'060'000));
    clock.advance(60'000);
    QVERIFY(engine.fireDueTimers().isOk());
    QCOMPARE(engine.instance(instance.key).value()->state, InstanceState::kCompleted);

    oneStep(document, [&] { chooseData(panel.timerKindField(), int(TimerKind::kNone)); });
    QCOMPARE((bpmn::modeler::timer(element(document, "wait"))), TimerDetails{});
  }

  // Messages: a root bpmn:message made (bpmn.io id) or reused by name, the
  // correlation key on it as zeebe:subscription.
  void messages() {
    BpmnDocument document;
    QVERIFY(document
                .openBytes(file("<bpmn:startEvent id=\"s\"/>" + flow("f1", "s", "pay") +
                                "<bpmn:receiveTask id=\"pay\"/>" + flow("f2", "pay", "ship") +
                                "<bpmn:intermediateCatchEvent id=\"ship\"><bpmn:messageEventDefinition "
                                "id=\"MessageEventDefinition_1\"/></bpmn:intermediateCatchEvent>" +
                                flow("f3", "ship", "e") + "<bpmn:endEvent id=\"e\"/>"),
                           "messages.bpmn")
                .isOk());
    PropertiesPanel panel(document);
    panel.select("pay");
    QCOMPARE(panel.referenceSection()->title(), QString("Message"));
    oneStep(document, [&] { edit(panel.referenceNameField(), "paid"); });
    const std::string paid = element(document, "pay").messageRef;
    QVERIFY2(QRegularExpression("^Message_[1-9][0-9a-z]{6}$").match(QString::fromStdString(paid)).hasMatch(),
             paid.c_str());
    QCOMPARE(global(document, paid)->name, std::string("paid"));
    oneStep(document, [&] { edit(panel.correlationKeyField(), "=orderId"); });
    QCOMPARE(model::vendor::correlationKey(*global(document, paid)), std::optional<std::string>("=orderId"));
    QVERIFY(declares(document, "zeebe", ns::kZeebe));
    edit(panel.correlationKeyField(), "=orderId");  // unchanged: no step
    QCOMPARE(document.undoStack().count(), 2);

    // The same name reuses the message; another name on a shared message
    // makes a new one.
    panel.select("ship");
    oneStep(document, [&] { edit(panel.referenceNameField(), "paid"); });
    QCOMPARE(element(document, "ship").eventDefinitions.front().ref, paid);
    QCOMPARE(panel.correlationKeyField()->text(), QString("=orderId"));
    QCOMPARE(globalCount(document), 1);
    oneStep(document, [&] { edit(panel.referenceNameField(), "shipped"); });
    const std::string shipped = element(document, "ship").eventDefinitions.front().ref;
    QVERIFY(shipped != paid);
    QCOMPARE(global(document, paid)->name, std::string("paid"));
    QCOMPARE(global(document, shipped)->name, std::string("shipped"));
    QCOMPARE(model::vendor::correlationKey(*global(document, shipped)), std::optional<std::string>("=orderId"));
    // An unshared message is renamed in place.
    oneStep(document, [&] { edit(panel.referenceNameField(), "sent"); });
    QCOMPARE(element(document, "ship").eventDefinitions.front().ref, shipped);
    QCOMPARE(global(document, shipped)->name, std::string("sent"));
    QCOMPARE(globalCount(document), 2);

    const std::string xml = savedAndReparsed(document);
    QVERIFY2(xml.find("<bpmn:message id=\"" + paid +
                      "\" name=\"paid\">\n    <bpmn:extensionElements>\n"
                      "      <zeebe:subscription correlationKey=\"=orderId\" />") != std::string::npos,
             xml.c_str());
    Engine engine;
    QVERIFY(engine.deploy(xml, "messages.bpmn").isOk());
    const auto instance = engine.createInstance("p", {{"orderId", Value("A-1")}}).value().instance;
    QCOMPARE(engine.publishMessage("paid", "A-1").value(), std::size_t(1));
    QCOMPARE(engine.publishMessage("sent", "A-1").value(), std::size_t(1));
    QCOMPARE(engine.instance(instance.key).value()->state, InstanceState::kCompleted);

    // No name: no reference; the message stays.
    oneStep(document, [&] { edit(panel.referenceNameField(), ""); });
    QCOMPARE(element(document, "ship").eventDefinitions.front().ref, std::string());
    QCOMPARE(globalCount(document), 2);
  }

  // Signals and errors (with escalations written the same way).
  void signalsErrorsEscalations() {
    BpmnDocument document;
    QVERIFY(document
                .openBytes(file("<bpmn:startEvent id=\"s\"/>" + flow("f1", "s", "work") +
                                "<bpmn:serviceTask id=\"work\"><bpmn:extensionElements><zeebe:taskDefinition "
                                "type=\"work\"/></bpmn:extensionElements></bpmn:serviceTask>" +
                                flow("f2", "work", "sig") +
                                "<bpmn:intermediateCatchEvent id=\"sig\"><bpmn:signalEventDefinition/>"
                                "</bpmn:intermediateCatchEvent>" +
                                flow("f3", "sig", "e") +
                                "<bpmn:endEvent id=\"e\"/><bpmn:boundaryEvent id=\"failed\" attachedToRef=\"work\">"
                                "<bpmn:errorEventDefinition/></bpmn:boundaryEvent>" +
                                flow("f4", "failed", "e2") + "<bpmn:endEvent id=\"e2\"/>")
                               .replace("<bpmn:definitions ",
                                        "<bpmn:definitions xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" "),
                           "events.bpmn")
                .isOk());
    PropertiesPanel panel(document);
    panel.select("failed");
    QCOMPARE(panel.referenceSection()->title(), QString("Error"));
    oneStep(document, [&] { edit(panel.referenceCodeField(), "CARD_DECLINED"); });
    const std::string error = element(document, "failed").eventDefinitions.front().ref;
    QVERIFY(QString::fromStdString(error).startsWith("Error_"));
    oneStep(document, [&] { edit(panel.referenceNameField(), "Card declined"); });
    QCOMPARE(global(document, error)->code, std::string("CARD_DECLINED"));
    QCOMPARE(global(document, error)->name, std::string("Card declined"));
    QCOMPARE(global(document, error)->kind, model::GlobalElement::Kind::kError);

    panel.select("sig");
    QCOMPARE(panel.referenceSection()->title(), QString("Signal"));
    oneStep(document, [&] { edit(panel.referenceNameField(), "go"); });
    const std::string signal = element(document, "sig").eventDefinitions.front().ref;
    QVERIFY(QString::fromStdString(signal).startsWith("Signal_"));
    QCOMPARE(global(document, signal)->name, std::string("go"));

    const std::string xml = savedAndReparsed(document);
    QVERIFY2(xml.find("<bpmn:error id=\"" + error + "\" name=\"Card declined\" errorCode=\"CARD_DECLINED\" />") !=
                 std::string::npos,
             xml.c_str());
    QVERIFY(xml.find("<bpmn:signal id=\"" + signal + "\" name=\"go\" />") != std::string::npos);
    QVERIFY(xml.find("<bpmn:errorEventDefinition errorRef=\"" + error + "\" />") != std::string::npos);
    Engine engine;
    QVERIFY(engine.deploy(xml, "events.bpmn").isOk());
    auto first = engine.createInstance("p").value().instance;
    auto thrown = engine.throwError(first.key, first.jobs.front().key, "CARD_DECLINED", "no");
    QVERIFY(thrown.isOk());
    QCOMPARE(thrown.value().instance.state, InstanceState::kCompleted);
    QVERIFY(thrown.value().instance.completed.back() == "e2");
    auto second = engine.createInstance("p").value().instance;
    QVERIFY(engine.completeJob(second.key, second.jobs.front().key).isOk());
    QCOMPARE(engine.broadcastSignal("go").value(), std::size_t(1));
    QCOMPARE(engine.instance(second.key).value()->completed.back(), std::string("e"));

    // An escalation: code and name on a root bpmn:escalation.
    BpmnDocument escalations;
    QVERIFY(escalations
                .openBytes(file("<bpmn:intermediateThrowEvent id=\"up\"><bpmn:escalationEventDefinition/>"
                                "</bpmn:intermediateThrowEvent>"),
                           "escalation.bpmn")
                .isOk());
    PropertiesPanel escalationPanel(escalations);
    escalationPanel.select("up");
    oneStep(escalations, [&] { edit(escalationPanel.referenceCodeField(), "LATE"); });
    const std::string escalation = element(escalations, "up").eventDefinitions.front().ref;
    QVERIFY(QString::fromStdString(escalation).startsWith("Escalation_"));
    QCOMPARE(global(escalations, escalation)->code, std::string("LATE"));
    QCOMPARE(global(escalations, escalation)->kind, model::GlobalElement::Kind::kEscalation);
  }

  void calledProcess() {
    BpmnDocument document;
    QVERIFY(document
                .openBytes(file(between("call", "<bpmn:callActivity id=\"call\"/>"),
                                "<bpmn:process id=\"child\" isExecutable=\"true\"><bpmn:startEvent id=\"cs\"/>" +
                                    flow("cf", "cs", "ce") + "<bpmn:endEvent id=\"ce\"/></bpmn:process>"),
                           "call.bpmn")
                .isOk());
    PropertiesPanel panel(document);
    panel.select("call");
    QVERIFY(panel.propagateAllChildVariablesField()->isChecked());
    oneStep(document, [&] { edit(panel.calledProcessField(), "child"); });
    oneStep(document, [&] { panel.propagateAllChildVariablesField()->setChecked(false); });
    auto called = model::vendor::calledElement(element(document, "call"));
    QVERIFY(called);
    QCOMPARE(called->processId, std::string("child"));
    QVERIFY(!called->propagateAllChildVariables);
    QVERIFY(called->propagateAllParentVariables);
    const std::string xml = savedAndReparsed(document);
    QVERIFY2(xml.find("<zeebe:calledElement processId=\"child\" propagateAllChildVariables=\"false\" />") !=
                 std::string::npos,
             xml.c_str());
    Engine engine;
    QVERIFY(engine.deploy(xml, "call.bpmn").isOk());
    auto instance = engine.createInstance("p").value().instance;
    QCOMPARE(instance.state, InstanceState::kCompleted);
    QVERIFY(std::find(instance.completed.begin(), instance.completed.end(), "call") != instance.completed.end());
    oneStep(document, [&] { edit(panel.calledProcessField(), ""); });
    QVERIFY(!element(document, "call").extensionElements);
  }

  // A FEEL script run once per item of a collection.
  void scriptAndMultiInstance() {
    BpmnDocument document;
    QVERIFY(document.openBytes(file(between("double", "<bpmn:scriptTask id=\"double\"/>")), "mi.bpmn").isOk());
    PropertiesPanel panel(document);
    panel.select("double");
    oneStep(document, [&] { edit(panel.scriptExpressionField(), "=item * 2"); });
    oneStep(document, [&] { edit(panel.resultVariableField(), "doubled"); });
    auto script = model::vendor::script(element(document, "double"));
    QVERIFY(script);
    QCOMPARE(script->expression, std::string("=item * 2"));
    QCOMPARE(script->resultVariable, std::string("doubled"));

    QVERIFY(!panel.inputCollectionField()->isEnabled());
    oneStep(document, [&] { chooseData(panel.loopKindField(), int(LoopKind::kParallel)); });
    QCOMPARE(element(document, "double").loop->isSequential, std::optional<bool>());
    QVERIFY(element(document, "double").loop->multiInstance);
    oneStep(document, [&] { chooseData(panel.loopKindField(), int(LoopKind::kSequential)); });
    QCOMPARE(element(document, "double").loop->isSequential, std::optional<bool>(true));
    oneStep(document, [&] { edit(panel.inputCollectionField(), "=items"); });
    oneStep(document, [&] { edit(panel.inputElementField(), "item"); });
    oneStep(document, [&] { edit(panel.outputCollectionField(), "results"); });
    oneStep(document, [&] { edit(panel.outputElementField(), "=doubled"); });
    oneStep(document, [&] { edit(panel.completionConditionField(), "=false"); });
    auto collection = model::vendor::loopCollection(element(document, "double"));
    QVERIFY(collection);
    QCOMPARE(collection->inputCollection, std::string("=items"));
    QCOMPARE(collection->inputElement, std::string("item"));
    QCOMPARE(collection->outputCollection, std::string("results"));
    QCOMPARE(collection->outputElement, std::string("=doubled"));
    QCOMPARE(multiInstance(element(document, "double")).completionCondition, QString("=false"));
    QVERIFY(formal(*element(document, "double").loop->completionCondition));

    const std::string xml = savedAndReparsed(document);
    QVERIFY2(
        xml.find("<bpmn:multiInstanceLoopCharacteristics isSequential=\"true\">\n        <bpmn:extensionElements>\n"
                 "          <zeebe:loopCharacteristics inputCollection=\"=items\" inputElement=\"item\" "
                 "outputCollection=\"results\" outputElement=\"=doubled\" />\n"
                 "        </bpmn:extensionElements>\n"
                 "        <bpmn:completionCondition xsi:type=\"bpmn:tFormalExpression\">=false"
                 "</bpmn:completionCondition>") != std::string::npos,
        xml.c_str());
    QVERIFY(xml.find("<zeebe:script expression=\"=item * 2\" resultVariable=\"doubled\" />") != std::string::npos);
    Engine engine;
    auto deployed = engine.deploy(xml, "mi.bpmn");
    QVERIFY2(deployed.isOk(), deployed.status().message().c_str());
    auto instance = engine.createInstance("p", {{"items", Value(feel::List{Value(1), Value(2), Value(3)})}});
    QVERIFY(instance.isOk());
    QCOMPARE(instance.value().instance.state, InstanceState::kCompleted);
    QCOMPARE(variable(instance.value().instance, "results"), std::string("[2, 4, 6]"));

    // In parallel, as Camunda's documentation advises, each instance keeps
    // its result local through an input mapping.
    oneStep(document, [&] { chooseData(panel.loopKindField(), int(LoopKind::kParallel)); });
    panel.inputsTable()->addButton()->click();
    panel.inputsTable()->table()->item(0, 0)->setText("=null");
    panel.inputsTable()->table()->item(0, 1)->setText("doubled");
    Engine parallel;
    const std::string parallelXml = savedAndReparsed(document);
    QVERIFY(parallelXml.find("<zeebe:input source=\"=null\" target=\"doubled\" />") != std::string::npos);
    QVERIFY(parallel.deploy(parallelXml, "mi.bpmn").isOk());
    auto run = parallel.createInstance("p", {{"items", Value(feel::List{Value(1), Value(2), Value(3)})}});
    QVERIFY(run.isOk());
    QCOMPARE(variable(run.value().instance, "results"), std::string("[2, 4, 6]"));

    oneStep(document, [&] { chooseData(panel.loopKindField(), int(LoopKind::kNone)); });
    QVERIFY(!element(document, "double").loop);
  }

  void userTask() {
    BpmnDocument document;
    QVERIFY(document.openBytes(file(between("approve", "<bpmn:userTask id=\"approve\"/>")), "user.bpmn").isOk());
    PropertiesPanel panel(document);
    panel.select("approve");
    oneStep(document, [&] { edit(panel.assigneeField(), "alice"); });
    oneStep(document, [&] { edit(panel.candidateGroupsField(), "ops, finance"); });
    oneStep(document, [&] { edit(panel.candidateUsersField(), "bob"); });
    oneStep(document, [&] { edit(panel.formKeyField(), "approve-form"); });
    const auto assignment = model::vendor::userTaskAssignment(element(document, "approve"));
    QCOMPARE(assignment.assignee, std::string("alice"));
    QCOMPARE(assignment.candidateGroups, std::string("ops, finance"));
    QCOMPARE(assignment.candidateUsers, std::string("bob"));
    QCOMPARE(assignment.formKey, std::string("approve-form"));
    const std::string xml = savedAndReparsed(document);
    QVERIFY2(xml.find("<zeebe:formDefinition formKey=\"approve-form\" />\n"
                      "        <zeebe:assignmentDefinition assignee=\"alice\" candidateGroups=\"ops, finance\" "
                      "candidateUsers=\"bob\" />") != std::string::npos,
             xml.c_str());
    Engine engine;
    QVERIFY(engine.deploy(xml, "user.bpmn").isOk());
    auto instance = engine.createInstance("p").value().instance;
    QCOMPARE(instance.userTasks.size(), std::size_t(1));
    QCOMPARE(instance.userTasks.front().assignee, std::string("alice"));
    QCOMPARE(instance.userTasks.front().candidateGroups, std::string("ops, finance"));
    QCOMPARE(instance.userTasks.front().formKey, std::string("approve-form"));

    // Emptied fields remove their attributes, then the elements.
    oneStep(document, [&] { edit(panel.formKeyField(), ""); });
    QVERIFY(model::vendor::extensions(element(document, "approve"), ns::kZeebe, "formDefinition").empty());
    oneStep(document, [&] { edit(panel.candidateGroupsField(), ""); });
    QCOMPARE(model::vendor::userTaskAssignment(element(document, "approve")).candidateGroups, std::string());
    QCOMPARE(model::vendor::userTaskAssignment(element(document, "approve")).assignee, std::string("alice"));
  }

  // Nothing selected: the diagram's process. Its new id follows into the
  // plane and into the callers' zeebe:calledElement (the id deploy and
  // run use); name, documentation, executable and version tag are written
  // as Camunda writes them, each one undo step.
  void processWhenNothingSelected() {
    const QByteArray callers =
        "<bpmn:process id=\"caller\" isExecutable=\"true\"><bpmn:startEvent id=\"cs\"/>" + flow("cf1", "cs", "call") +
        "<bpmn:callActivity id=\"call\"><bpmn:extensionElements><zeebe:calledElement processId=\"p\" "
        "propagateAllChildVariables=\"false\"/></bpmn:extensionElements></bpmn:callActivity>" +
        flow("cf2", "call", "byExpression") +
        "<bpmn:callActivity id=\"byExpression\"><bpmn:extensionElements><zeebe:calledElement "
        "processId=\"=&quot;p&quot;\"/></bpmn:extensionElements></bpmn:callActivity>" +
        flow("cf3", "byExpression", "ce") + "<bpmn:endEvent id=\"ce\"/></bpmn:process>";
    const QByteArray di =
        "<bpmndi:BPMNDiagram id=\"D1\"><bpmndi:BPMNPlane id=\"P1\" bpmnElement=\"p\">"
        "<bpmndi:BPMNShape id=\"s_di\" bpmnElement=\"s\"><dc:Bounds x=\"0\" y=\"0\" width=\"36\" height=\"36\"/>"
        "</bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
        "<bpmndi:BPMNDiagram id=\"D2\"><bpmndi:BPMNPlane id=\"P2\" bpmnElement=\"caller\">"
        "<bpmndi:BPMNShape id=\"cs_di\" bpmnElement=\"cs\"><dc:Bounds x=\"0\" y=\"0\" width=\"36\" height=\"36\"/>"
        "</bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>";
    QByteArray xml =
        file("<bpmn:startEvent id=\"s\"/>" + flow("f", "s", "e") + "<bpmn:endEvent id=\"e\"/>", callers, di);
    xml.replace("<bpmn:definitions ", "<bpmn:definitions xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" ");
    BpmnDocument document;
    QVERIFY(document.openBytes(xml, "process.bpmn").isOk());
    PropertiesPanel panel(document);
    panel.select("");
    QCOMPARE(panel.idField()->text(), QString("p"));
    QVERIFY(panel.isEnabled());
    QVERIFY(panel.processSection()->isVisibleTo(&panel));
    QVERIFY(!panel.processIdField()->isVisibleTo(&panel));  // the general id is the process id
    QVERIFY(panel.executableField()->isVisibleTo(&panel));
    QVERIFY(panel.executableField()->isChecked());
    QVERIFY(!panel.conditionSection()->isVisibleTo(&panel));
    QVERIFY(!panel.multiInstanceSection()->isVisibleTo(&panel));
    panel.showDiagram(1);
    QCOMPARE(panel.idField()->text(), QString("caller"));
    panel.showDiagram(0);
    QCOMPARE(panel.idField()->text(), QString("p"));

    // Refused ids: said under the field, nothing changes.
    for (const auto& [id, message] : std::vector<std::pair<QString, QString>>{
             {"1st", "\"1st\" is not a valid id"}, {"caller", "The id \"caller\" is already used."}}) {
      edit(panel.idField(), id);
      QVERIFY2(panel.idMessage()->isVisibleTo(&panel), qPrintable(id));
      QVERIFY2(panel.idMessage()->text().startsWith(message), qPrintable(panel.idMessage()->text()));
      QCOMPARE(document.undoStack().count(), 0);
    }

    oneStep(document, [&] { edit(panel.idField(), "order_process"); });
    QVERIFY(!panel.idMessage()->isVisibleTo(&panel));
    QCOMPARE(panel.selected(), QString());
    QCOMPARE(panel.idField()->text(), QString("order_process"));
    QVERIFY(document.definitions().findProcess("order_process"));
    QVERIFY(!document.definitions().findProcess("p"));
    QCOMPARE(document.definitions().diagrams[0].plane.bpmnElement, std::string("order_process"));
    QCOMPARE(model::vendor::calledElement(element(document, "call"))->processId, std::string("order_process"));
    QVERIFY(!model::vendor::calledElement(element(document, "call"))->propagateAllChildVariables);  // kept
    QCOMPARE(model::vendor::calledElement(element(document, "byExpression"))->processId,
             std::string("=\"p\""));  // FEEL: not an id
    document.undoStack().undo();
    QCOMPARE(panel.idField()->text(), QString("p"));
    document.undoStack().redo();
    QCOMPARE(panel.idField()->text(), QString("order_process"));

    const auto process = [&] { return *document.definitions().findProcess("order_process"); };
    oneStep(document, [&] { edit(panel.nameField(), "Order process"); });
    QCOMPARE(process().name, std::string("Order process"));
    oneStep(document, [&] {
      panel.documentationField()->setPlainText("Takes an order.");
      QFocusEvent out(QEvent::FocusOut);
      QCoreApplication::sendEvent(panel.documentationField(), &out);
    });
    QCOMPARE(process().documentation.front().text, std::string("Takes an order."));
    oneStep(document, [&] { edit(panel.versionTagField(), "v1.2"); });
    QCOMPARE(versionTag(process()), QString("v1.2"));
    const int steps = document.undoStack().count();
    edit(panel.versionTagField(), "v1.2");  // no change: no step
    edit(panel.nameField(), "Order process");
    QCOMPARE(document.undoStack().count(), steps);
    oneStep(document, [&] { panel.executableField()->setChecked(false); });
    QCOMPARE(process().isExecutable, std::optional<bool>(false));
    QVERIFY(!panel.executableField()->isChecked());
    oneStep(document, [&] { panel.executableField()->setChecked(true); });
    QCOMPARE(process().isExecutable, std::optional<bool>(true));

    const std::string saved = savedAndReparsed(document);
    QVERIFY(!saved.empty());
    QVERIFY2(saved.find("<bpmn:process id=\"order_process\" name=\"Order process\" isExecutable=\"true\">") !=
                 std::string::npos,
             saved.c_str());
    QVERIFY2(saved.find("<zeebe:versionTag value=\"v1.2\" />") != std::string::npos, saved.c_str());
    QVERIFY(saved.find("<zeebe:calledElement processId=\"order_process\" propagateAllChildVariables=\"false\" />") !=
            std::string::npos);
    QVERIFY(saved.find("<bpmndi:BPMNPlane id=\"P1\" bpmnElement=\"order_process\">") != std::string::npos);

    // The renamed process deploys and runs under its new id, and its
    // caller finds it there (the engine refuses a computed process id, so
    // that call names the process for the run).
    Engine engine;
    const std::string runnable = QString::fromStdString(saved).replace("=&quot;p&quot;", "order_process").toStdString();
    auto deployed = engine.deploy(runnable, "process.bpmn");
    QVERIFY2(deployed.isOk(), deployed.status().message().c_str());
    QCOMPARE(engine.createInstance("order_process").value().instance.state, InstanceState::kCompleted);
    QVERIFY(!engine.createInstance("p").isOk());
    auto caller = engine.createInstance("caller").value().instance;
    QCOMPARE(caller.state, InstanceState::kCompleted);
    QVERIFY(std::find(caller.completed.begin(), caller.completed.end(), "call") != caller.completed.end());

    // Not executable: the engine does not deploy it.
    panel.executableField()->setChecked(false);
    Engine notDeployed;
    const std::string notExecutable = QString::fromStdString(writeBpmn(document.definitions()))
                                          .replace("=&quot;p&quot;", "order_process")
                                          .toStdString();
    QVERIFY(notExecutable.find("<bpmn:process id=\"order_process\" name=\"Order process\" isExecutable=\"false\">") !=
            std::string::npos);
    auto onlyCaller = notDeployed.deploy(notExecutable, "process.bpmn");
    QVERIFY2(onlyCaller.isOk(), onlyCaller.status().message().c_str());
    QVERIFY(!notDeployed.createInstance("order_process").isOk());
  }

  // A collaboration: the collaboration when nothing is selected; a pool
  // with its participant and process; a black-box pool with only the
  // participant; lanes; message flows with their message; text
  // annotations and groups with their text and label.
  void poolsLanesMessageFlows() {
    const QByteArray body =
        "<bpmn:laneSet id=\"LaneSet_1\"><bpmn:lane id=\"Lane_sales\" "
        "name=\"Sales\"><bpmn:flowNodeRef>s</bpmn:flowNodeRef>"
        "<bpmn:flowNodeRef>e</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>"
        "<bpmn:startEvent id=\"s\"/>" +
        flow("f", "s", "e") +
        "<bpmn:endEvent id=\"e\"/><bpmn:textAnnotation id=\"note\"><bpmn:text>Check stock</bpmn:text>"
        "</bpmn:textAnnotation><bpmn:group id=\"grp\"/>";
    const QByteArray roots =
        "<bpmn:collaboration id=\"Collaboration_1\"><bpmn:participant id=\"Participant_shop\" name=\"Shop\" "
        "processRef=\"p\"/><bpmn:participant id=\"Participant_customer\" name=\"Customer\"/>"
        "<bpmn:messageFlow id=\"Flow_order\" sourceRef=\"Participant_customer\" targetRef=\"s\"/>"
        "<bpmn:messageFlow id=\"Flow_paid\" sourceRef=\"Participant_customer\" targetRef=\"e\"/>"
        "</bpmn:collaboration><bpmn:message id=\"Message_paid\" name=\"Paid\"/>";
    const QByteArray di =
        "<bpmndi:BPMNDiagram id=\"D\"><bpmndi:BPMNPlane id=\"P\" bpmnElement=\"Collaboration_1\">"
        "<bpmndi:BPMNShape id=\"Participant_shop_di\" bpmnElement=\"Participant_shop\" isHorizontal=\"true\">"
        "<dc:Bounds x=\"0\" y=\"0\" width=\"600\" height=\"200\"/></bpmndi:BPMNShape>"
        "<bpmndi:BPMNShape id=\"Lane_sales_di\" bpmnElement=\"Lane_sales\" isHorizontal=\"true\">"
        "<dc:Bounds x=\"30\" y=\"0\" width=\"570\" height=\"200\"/></bpmndi:BPMNShape>"
        "<bpmndi:BPMNShape id=\"Participant_customer_di\" bpmnElement=\"Participant_customer\" "
        "isHorizontal=\"true\"><dc:Bounds x=\"0\" y=\"300\" width=\"600\" height=\"60\"/></bpmndi:BPMNShape>"
        "<bpmndi:BPMNEdge id=\"Flow_order_di\" bpmnElement=\"Flow_order\"><di:waypoint x=\"100\" y=\"300\"/>"
        "<di:waypoint x=\"100\" y=\"118\"/></bpmndi:BPMNEdge>"
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>";
    BpmnDocument document;
    QVERIFY(document.openBytes(file(body, roots, di), "collaboration.bpmn").isOk());
    PropertiesPanel panel(document);
    QList<QGroupBox*> all{panel.generalSection(),     panel.processSection(),   panel.conditionSection(),
                          panel.defaultFlowSection(), panel.jobSection(),       panel.mappingSection(),
                          panel.timerSection(),       panel.referenceSection(), panel.calledProcessSection(),
                          panel.scriptSection(),      panel.userTaskSection(),  panel.multiInstanceSection()};
    auto shown = [&](const char* id) {
      panel.select(id);
      QStringList titles;
      for (QGroupBox* box : all) {
        if (box->isVisibleTo(&panel)) titles << box->title();
      }
      return titles.join(", ");
    };
    const auto collaboration = [&] { return *document.definitions().collaborations().front(); };
    auto nameLabel = [&] {
      auto* form = qobject_cast<QFormLayout*>(panel.generalSection()->layout());
      return qobject_cast<QLabel*>(form->labelForField(panel.nameField()))->text();
    };

    // Nothing selected: the collaboration.
    QCOMPARE(shown(""), QString("General"));
    QCOMPARE(panel.idField()->text(), QString("Collaboration_1"));
    oneStep(document, [&] { edit(panel.idField(), "Collaboration_shop"); });
    QCOMPARE(collaboration().id, std::string("Collaboration_shop"));
    QCOMPARE(document.definitions().diagrams[0].plane.bpmnElement, std::string("Collaboration_shop"));
    oneStep(document, [&] { edit(panel.nameField(), "Shopping"); });
    QCOMPARE(collaboration().name, std::string("Shopping"));

    // A pool: the participant, and the process it references.
    QCOMPARE(shown("Participant_shop"), QString("General, Process"));
    QCOMPARE(panel.nameField()->text(), QString("Shop"));
    QVERIFY(panel.processIdField()->isVisibleTo(&panel));
    QCOMPARE(panel.processIdField()->text(), QString("p"));
    oneStep(document, [&] { edit(panel.nameField(), "Web shop"); });
    QCOMPARE(collaboration().participants[0].name, std::string("Web shop"));
    edit(panel.processIdField(), "Participant_customer");
    QVERIFY(panel.processIdMessage()->isVisibleTo(&panel));
    QVERIFY2(panel.processIdMessage()->text().startsWith("The id \"Participant_customer\" is already used."),
             qPrintable(panel.processIdMessage()->text()));
    QCOMPARE(document.undoStack().count(), 3);
    oneStep(document, [&] { edit(panel.processIdField(), "shop_process"); });
    QVERIFY(!panel.processIdMessage()->isVisibleTo(&panel));
    QCOMPARE(panel.selected(), QString("Participant_shop"));
    QCOMPARE(collaboration().participants[0].processRef, std::string("shop_process"));
    QVERIFY(document.definitions().findProcess("shop_process"));
    QCOMPARE(panel.processIdField()->text(), QString("shop_process"));
    oneStep(document, [&] { edit(panel.processNameField(), "Shop process"); });
    oneStep(document, [&] { edit(panel.versionTagField(), "2024-05"); });
    const model::Process& shop = *document.definitions().findProcess("shop_process");
    QCOMPARE(shop.name, std::string("Shop process"));
    QCOMPARE(versionTag(shop), QString("2024-05"));
    QCOMPARE(collaboration().participants[0].name, std::string("Web shop"));  // the participant's own name
    oneStep(document, [&] { edit(panel.idField(), "Participant_web"); });
    QCOMPARE(panel.selected(), QString("Participant_web"));
    QCOMPARE(document.definitions().diagrams[0].plane.elements[0].id, std::string("Participant_web_di"));

    // A black-box pool: only the participant. Message flows follow its id.
    QCOMPARE(shown("Participant_customer"), QString("General"));
    oneStep(document, [&] { edit(panel.idField(), "Participant_buyer"); });
    QCOMPARE(collaboration().messageFlows[0].sourceRef, std::string("Participant_buyer"));
    QCOMPARE(collaboration().messageFlows[1].sourceRef, std::string("Participant_buyer"));
    QCOMPARE(document.definitions().diagrams[0].plane.elements[2].id, std::string("Participant_buyer_di"));
    QCOMPARE(document.definitions().diagrams[0].plane.elements[2].bpmnElement, std::string("Participant_buyer"));

    // A lane.
    QCOMPARE(shown("Lane_sales"), QString("General"));
    QCOMPARE(nameLabel(), QString("Name"));
    QCOMPARE(panel.nameField()->text(), QString("Sales"));
    oneStep(document, [&] { edit(panel.nameField(), "Sales desk"); });
    oneStep(document, [&] { edit(panel.idField(), "Lane_desk"); });
    const model::Lane& lane = shop.laneSets.front().lanes.front();
    QCOMPARE(lane.id, std::string("Lane_desk"));
    QCOMPARE(lane.name, std::string("Sales desk"));
    QCOMPARE(document.definitions().diagrams[0].plane.elements[1].id, std::string("Lane_desk_di"));

    // A message flow: its name, and the message it carries, made new or
    // picked by name.
    QCOMPARE(shown("Flow_order"), QString("General, Message"));
    QVERIFY(panel.correlationKeyField()->isVisibleTo(&panel));
    QVERIFY(!panel.referenceCodeField()->isVisibleTo(&panel));
    const auto names = qobject_cast<QStringListModel*>(panel.referenceNameField()->completer()->model());
    QVERIFY(names);
    QCOMPARE(names->stringList(), QStringList{"Paid"});
    oneStep(document, [&] { edit(panel.nameField(), "Order"); });
    QCOMPARE(collaboration().messageFlows[0].name, std::string("Order"));
    const int globals = globalCount(document);
    oneStep(document, [&] { edit(panel.referenceNameField(), "Order placed"); });
    const std::string message = collaboration().messageFlows[0].messageRef;
    QVERIFY(QRegularExpression("^Message_[0-9a-z]{7}$").match(QString::fromStdString(message)).hasMatch());
    QCOMPARE(global(document, message)->name, std::string("Order placed"));
    QCOMPARE(globalCount(document), globals + 1);
    panel.select("Flow_paid");
    oneStep(document, [&] { edit(panel.referenceNameField(), "Paid"); });
    QCOMPARE(collaboration().messageFlows[1].messageRef, std::string("Message_paid"));  // picked, not made
    QCOMPARE(globalCount(document), globals + 1);
    QCOMPARE(names->stringList(), QStringList({"Paid", "Order placed"}));
    oneStep(document, [&] { edit(panel.idField(), "Flow_paid_by_buyer"); });
    QCOMPARE(collaboration().messageFlows[1].id, std::string("Flow_paid_by_buyer"));
    QCOMPARE(referenceDetails(document.definitions(), "Flow_paid_by_buyer").name, QString("Paid"));

    // A text annotation's text; a group's label.
    QCOMPARE(shown("note"), QString("General"));
    QCOMPARE(nameLabel(), QString("Text"));
    QCOMPARE(panel.nameField()->text(), QString("Check stock"));
    oneStep(document, [&] { edit(panel.nameField(), "Check stock first"); });
    QCOMPARE(labelOf(document.definitions(), "note"), std::string("Check stock first"));
    QCOMPARE(shown("grp"), QString("General"));
    QCOMPARE(nameLabel(), QString("Label"));
    const int before = document.undoStack().count();
    edit(panel.nameField(), "");  // no label yet, none given: no step (no empty category)
    QCOMPARE(document.undoStack().count(), before);
    oneStep(document, [&] { edit(panel.nameField(), "Payments"); });
    QCOMPARE(labelOf(document.definitions(), "grp"), std::string("Payments"));

    // The saved file re-parses equal and runs under the process's new id.
    const std::string saved = savedAndReparsed(document);
    QVERIFY(!saved.empty());
    QVERIFY2(saved.find("<bpmn:participant id=\"Participant_web\" name=\"Web shop\" processRef=\"shop_process\" />") !=
                 std::string::npos,
             saved.c_str());
    QVERIFY(saved.find("<bpmn:messageFlow id=\"Flow_paid_by_buyer\" sourceRef=\"Participant_buyer\" targetRef=\"e\" "
                       "messageRef=\"Message_paid\" />") != std::string::npos);
    Engine engine;
    auto deployed = engine.deploy(saved, "collaboration.bpmn");
    QVERIFY2(deployed.isOk(), deployed.status().message().c_str());
    QCOMPARE(engine.createInstance("shop_process").value().instance.state, InstanceState::kCompleted);
  }

  // Extensions the panel does not edit stay as they were, in place.
  void otherExtensionsStay() {
    BpmnDocument document;
    QVERIFY(document
                .openBytes(file("<bpmn:serviceTask id=\"t\" camunda:asyncBefore=\"true\"><bpmn:extensionElements>"
                                "<zeebe:properties><zeebe:property name=\"a\" value=\"1\"/></zeebe:properties>"
                                "<zeebe:taskDefinition type=\"old\" retries=\"=tries\" custom=\"kept\"/>"
                                "</bpmn:extensionElements></bpmn:serviceTask>")
                               .replace("<bpmn:definitions ",
                                        "<bpmn:definitions xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" "
                                        "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" "),
                           "other.bpmn")
                .isOk());
    PropertiesPanel panel(document);
    panel.select("t");
    oneStep(document, [&] { edit(panel.jobTypeField(), "new"); });
    const auto& extensions = element(document, "t").extensionElements->children;
    QCOMPARE(extensions.size(), std::size_t(2));
    QCOMPARE(std::string(extensions[0].localName()), std::string("properties"));
    QCOMPARE(std::string(extensions[1].attribute("type")), std::string("new"));
    QCOMPARE(std::string(extensions[1].attribute("custom")), std::string("kept"));
    QCOMPARE(std::string(extensions[1].attribute("retries")), std::string("=tries"));  // FEEL, not a number
    QCOMPARE(element(document, "t").otherAttributes.size(), std::size_t(1));
  }
};

QTEST_MAIN(TstProperties)
#include "tst_properties.moc"

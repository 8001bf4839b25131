// The properties panel writes what Camunda 8 tools write: a job type and
// retries as zeebe:taskDefinition (declaring the zeebe namespace when the
// file lacks it), a sequence flow's condition as its conditionExpression;
// each edit is one undo step; the saved file runs in the engine as edited.
#include <QTemporaryDir>
#include <QtTest>

#include "bpmn/engine.h"
#include "bpmn/model/vendor.h"
#include "bpmn_document.h"
#include "properties.h"
#include "properties_panel.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;

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
    "<bpmn:sequenceFlow id=\"cheap\" sourceRef=\"g\" targetRef=\"e\"/><bpmn:endEvent id=\"e\"/>"
    "</bpmn:process></bpmn:definitions>";

void edit(QLineEdit* field, const QString& text) {
  field->setText(text);
  emit field->editingFinished();
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
    const model::FlowElement* charge =
        findFlowElement(const_cast<model::Definitions&>(document.definitions()), "charge");
    auto definition = model::vendor::taskDefinition(*charge);
    QVERIFY(definition);
    QCOMPARE(QString::fromStdString(definition->type), QString("charge-card"));
    QCOMPARE(QString::fromStdString(definition->retries), QString("5"));
    bool declared = false;
    for (const auto& ns : document.definitions().namespaces) {
      declared = declared || (ns.prefix == "zeebe" && ns.uri == "http://camunda.org/schema/zeebe/1.0");
    }
    QVERIFY(declared);

    edit(panel.nameField(), "Charge the card");
    panel.select("big");
    QVERIFY(panel.conditionField()->isVisibleTo(&panel));
    QVERIFY(!panel.jobTypeField()->isVisibleTo(&panel));
    edit(panel.conditionField(), "=amount > 100");
    QCOMPARE(document.undoStack().count(), 3);
    edit(panel.conditionField(), "=amount > 100");  // no change: no step
    QCOMPARE(document.undoStack().count(), 3);

    // The saved file says so, and runs as edited.
    QTemporaryDir dir;
    QVERIFY(document.save(dir.filePath("edited.bpmn")).isOk());
    const QByteArray saved = bpmn::test::readAll(dir.filePath("edited.bpmn"));
    QVERIFY2(saved.contains("xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\""), saved.constData());
    QVERIFY2(saved.contains("<zeebe:taskDefinition type=\"charge-card\" retries=\"5\" />"), saved.constData());
    QVERIFY2(saved.contains("=amount &gt; 100</bpmn:conditionExpression>"), saved.constData());
    QVERIFY(saved.contains("name=\"Charge the card\""));
    Engine engine;
    auto deployed = engine.deploy(saved.toStdString(), "edited.bpmn");
    QVERIFY2(deployed.isOk(), deployed.status().message().c_str());
    auto started = engine.createInstance("p", {{"amount", feel::Value(500)}});
    QVERIFY(started.isOk());
    QCOMPARE(started.value().instance.jobs.front().type, std::string("charge-card"));
    auto done = engine.completeJob(started.value().instance.key, started.value().instance.jobs.front().key);
    QCOMPARE(done.value().instance.tokens.front().elementId, std::string("review"));  // the condition took it

    // Undo, one step per edit, back to the file as read.
    document.undoStack().undo();
    QCOMPARE(condition(*findFlowElement(const_cast<model::Definitions&>(document.definitions()), "big")), QString());
    document.undoStack().undo();
    document.undoStack().undo();
    QVERIFY(!model::vendor::taskDefinition(*charge));
    QVERIFY(document.isModified());  // the saved file has the edits
    BpmnDocument original;
    QVERIFY(original.openBytes(kPlain, "plain.bpmn").isOk());
    QVERIFY(document.definitions() == original.definitions());
  }
};

QTEST_MAIN(TstProperties)
#include "tst_properties.moc"

// Save and save as (issue 8): the files the modeler writes open in other
// tools. Every MIWG reference saved without edits, a process drawn from
// scratch through the document API and a MIWG file after edits must
//  - validate against the OMG BPMN 2.0 XSD (xmllint, as tst_writer does),
//  - open in bpmn-moddle, the model layer of bpmn.io's tools, with the
//    Zeebe extension package registered, with no warnings
//    (tests/modeler/moddle/check.mjs; ctest's moddle_setup installs the
//    pinned packages into the build tree with npm ci),
//  - carry new ids in bpmn.io's style (Activity_1x2y3z4, DI <id>_di) and
//    isMarkerVisible="true" on new exclusive gateways' shapes,
//  - read back to the model that was saved.
// Open -> save without edits giving an equal model and DI is tst_scene's
// openSaveRoundTrip (every reference and export); not repeated here.
// The saved files stay in BPMN_SAVED_DIR (the build's tests/saved) to look
// at or to feed to other tools.
#include <QDir>
#include <QDomDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>
#include <map>
#include <set>

#include "bpmn_document.h"
#include "editing.h"
#include "properties.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;
using model::ElementKind;

namespace {

const QRegularExpression kNewId("^(Activity|Event|Gateway|Flow)_[0-9][0-9a-z]{6}$");

// What bpmn-moddle says about MIWG reference inputs themselves, and why;
// `kept` says whether a faithful save keeps the cause (and so the warning).
struct KnownWarning {
  QString file;
  QString message;
  bool kept;
};
// Trisotech's exports declare encoding="ISO-8859-1"; moddle reads UTF-8
// only. The modeler writes UTF-8, so the warning goes on save.
const QString kLatin1 = "unsupported document encoding <ISO-8859-1>, falling back to UTF-8";
// C.8.1's interface operations name outMessageRef="triso:unspecified", a
// message the file does not define (Trisotech's placeholder for "no
// output"). The model keeps references as written, so the save keeps it.
const QString kUnspecified = "unresolved reference <triso:unspecified> (element %1)";
const std::vector<KnownWarning> kKnownInputWarnings = {
    {"A.1.0.bpmn", kLatin1, false},
    {"A.2.0.bpmn", kLatin1, false},
    {"A.3.0.bpmn", kLatin1, false},
    {"A.4.0.bpmn", kLatin1, false},
    {"B.1.0.bpmn", kLatin1, false},
    {"B.2.0.bpmn", kLatin1, false},
    {"C.8.1.bpmn", kUnspecified.arg("_83f1c680-7e06-4a9a-9206-396ed8155a71"), true},
    {"C.8.1.bpmn", kUnspecified.arg("_a0e96e19-a01f-4dde-b613-0b774e8d350b"), true},
    {"C.8.1.bpmn", kUnspecified.arg("_04bf649c-423c-4312-b813-cf585ce5a82f"), true},
};

QString referenceDir() { return test::corporaDir() + "/miwg/reference"; }

QString savedDir() { return QStringLiteral(BPMN_SAVED_DIR); }

// xmllint's errors for each of `files` against the OMG schema, all at once
// (loading the schema takes longer than checking a file); "" = valid.
std::map<QString, QString> schemaErrors(const QStringList& files) {
  std::map<QString, QString> errors;
  for (const QString& file : files) errors[file] = QString();
  QProcess lint;
  lint.start("xmllint", QStringList{"--noout", "--schema", test::corporaDir() + "/omg-xsd/BPMN20.xsd"} + files);
  if (!lint.waitForFinished(300000)) qFatal("xmllint did not finish");
  for (const QString& line : QString::fromUtf8(lint.readAllStandardError()).split('\n', Qt::SkipEmptyParts)) {
    for (const QString& file : files) {
      if (line.startsWith(file + ":") || line == file + " fails to validate") errors[file] += line + "\n";
    }
  }
  if (lint.exitCode() != 0) {
    bool named = false;
    for (const auto& [file, text] : errors) named = named || !text.isEmpty();
    if (!named) qFatal("xmllint failed without naming a file");
  }
  return errors;
}

// bpmn-moddle's warnings (and errors, "error: ...") for each of `files`,
// by check.mjs in one run of node.
std::map<QString, QStringList> moddleWarnings(const QStringList& files) {
  std::map<QString, QStringList> warnings;
  for (const QString& file : files) warnings[file] = {};
  QProcess node;
  node.start(QStringLiteral(BPMN_NODE), QStringList{QStringLiteral(BPMN_MODDLE_DIR) + "/check.mjs"} + files);
  if (!node.waitForFinished(120000)) qFatal("node did not finish");
  const QString err = QString::fromUtf8(node.readAllStandardError());
  // check.mjs writes findings to stdout only: anything on stderr (a
  // module that does not load exits 1 too) is the checker failing.
  if (node.exitStatus() != QProcess::NormalExit || node.exitCode() > 1 || !err.isEmpty()) {
    qFatal("check.mjs failed: %s", qPrintable(err));
  }
  for (const QString& line : QString::fromUtf8(node.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts)) {
    bool matched = false;
    for (const QString& file : files) {
      if (line.startsWith(file + ": ")) {
        warnings[file] << line.mid(file.size() + 2);
        matched = true;
      }
    }
    if (!matched) qFatal("check.mjs printed a line for no file: %s", qPrintable(line));
  }
  return warnings;
}

QString joined(const QStringList& lines) { return lines.isEmpty() ? "(none)" : lines.join("\n  "); }

// Saves the document to `path` and checks it reads back to what was saved.
void saveAndReread(BpmnDocument& document, const QString& path) {
  const Status saved = document.save(path);
  QVERIFY2(saved.isOk(), saved.message().c_str());
  BpmnDocument again;
  const Status reopened = again.open(path);
  QVERIFY2(reopened.isOk(), reopened.message().c_str());
  QVERIFY2(again.definitions() == document.definitions(), qPrintable(path + " reads back to another model"));
}

// The attributes of the saved file's BPMNShape for `bpmnElement`.
QDomNamedNodeMap savedShape(const QString& path, const QString& bpmnElement) {
  QDomDocument dom;
  if (!dom.setContent(test::readAll(path), true)) return {};
  const QDomNodeList shapes = dom.elementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/DI", "BPMNShape");
  for (int i = 0; i < shapes.size(); ++i) {
    const QDomElement shape = shapes.at(i).toElement();
    if (shape.attribute("bpmnElement") == bpmnElement) return shape.attributes();
  }
  return {};
}

// New elements: bpmn.io ids, DI ids <id>_di, and isMarkerVisible="true"
// on exclusive gateways in the saved file.
void checkNewElements(const BpmnDocument& document, const QString& path, const std::vector<std::string>& ids) {
  const auto& plane = document.definitions().diagrams.front().plane;
  for (const std::string& id : ids) {
    const QString qid = QString::fromStdString(id);
    QVERIFY2(kNewId.match(qid).hasMatch(), qPrintable(qid + " is not in bpmn.io's style"));
    const model::FlowElement* element = findFlowElement(document.definitions(), id);
    QVERIFY2(element, qPrintable(qid + " is not in the model"));
    const char* prefix = element->kind == ElementKind::kSequenceFlow ? "Flow_"
                         : model::isEvent(element->kind)             ? "Event_"
                         : model::isGateway(element->kind)           ? "Gateway_"
                                                                     : "Activity_";
    QVERIFY2(qid.startsWith(prefix), qPrintable(qid + " should start with " + prefix));
    int di = 0;
    for (const auto& diElement : plane.elements) {
      if (diElement.bpmnElement != id) continue;
      ++di;
      QCOMPARE(QString::fromStdString(diElement.id), qid + "_di");
    }
    QCOMPARE(di, 1);
    if (element->kind == ElementKind::kExclusiveGateway) {
      const QDomNamedNodeMap shape = savedShape(path, qid);
      QVERIFY2(!shape.isEmpty(), qPrintable("no BPMNShape for " + qid + " in " + path));
      QCOMPARE(shape.namedItem("isMarkerVisible").nodeValue(), QString("true"));
    }
  }
}

// bpmn.io's empty diagram, without the start event it puts in: everything
// in the drawn process comes from the document API.
const QByteArray kBlank =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
    "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
    "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" id=\"Definitions_1\" "
    "targetNamespace=\"http://bpmn.io/schema/bpmn\">\n"
    "  <bpmn:process id=\"Process_1\" isExecutable=\"true\" />\n"
    "  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n"
    "    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"Process_1\" />\n"
    "  </bpmndi:BPMNDiagram>\n"
    "</bpmn:definitions>\n";

}  // namespace

class TstSave : public QObject {
  Q_OBJECT

 private:
  // One step as the palette makes it; the new id.
  static std::string create(BpmnDocument& document, ElementKind kind, QPointF at) {
    auto made = document.change("Create", [&](model::Definitions& d) { return createNode(d, 0, kind, at); });
    if (!made.isOk()) qFatal("createNode: %s", made.status().message().c_str());
    return made.value();
  }
  // One step as the connect tool makes it; the new flow's id.
  static std::string connect(BpmnDocument& document, const std::string& from, const std::string& to) {
    auto made = document.change("Connect", [&](model::Definitions& d) { return connectNodes(d, 0, from, to); });
    if (!made.isOk()) qFatal("connectNodes: %s", made.status().message().c_str());
    return made.value();
  }
  static void setFlowCondition(BpmnDocument& document, const std::string& flow, const QString& expression) {
    const Status status = document.editElement(
        QString::fromStdString(flow), "Condition",
        [&](model::Definitions& d, model::FlowElement& element) { setCondition(d, element, expression); });
    if (!status.isOk()) qFatal("condition: %s", status.message().c_str());
  }

 private slots:
  void initTestCase() {
    QVERIFY2(QFile::exists(QStringLiteral(BPMN_MODDLE_DIR) + "/node_modules/bpmn-moddle/package.json"),
             "bpmn-moddle is not installed in " BPMN_MODDLE_DIR ": run `ctest -R moddle_setup` (npm ci) first");
    QDir(savedDir()).removeRecursively();
    QVERIFY(QDir().mkpath(savedDir() + "/reference"));
  }

  // The known warnings above are exactly what moddle says about the
  // inputs, so the list cannot go stale.
  void knownInputWarningsAreExact() {
    QStringList inputs;
    for (const QString& name : QDir(referenceDir()).entryList({"*.bpmn"}, QDir::Files, QDir::Name)) {
      inputs << referenceDir() + "/" + name;
    }
    QCOMPARE(inputs.size(), 21);
    const auto warnings = moddleWarnings(inputs);
    for (const QString& input : inputs) {
      QStringList expected;
      for (const auto& known : kKnownInputWarnings) {
        if (input.endsWith("/" + known.file)) expected << known.message;
      }
      QVERIFY2(warnings.at(input) == expected, qPrintable(input + ": moddle says\n  " + joined(warnings.at(input)) +
                                                          "\nexpected\n  " + joined(expected)));
    }
  }

  // The checker itself: with the Zeebe package registered a misspelt
  // zeebe: attribute warns, as does a dangling reference; extensions in
  // namespaces moddle does not know do not.
  void checkerReportsWarnings() {
    const QString path = savedDir() + "/checker.bpmn";
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" xmlns:x=\"urn:x\" id=\"d\" targetNamespace=\"t\">"
        "<bpmn:process id=\"p\" isExecutable=\"true\"><bpmn:serviceTask id=\"t\" x:any=\"fine\">"
        "<bpmn:extensionElements><zeebe:taskDefinition tipe=\"charge\" /><x:whatever a=\"b\" />"
        "</bpmn:extensionElements></bpmn:serviceTask>"
        "<bpmn:sequenceFlow id=\"f\" sourceRef=\"t\" targetRef=\"nowhere\" /></bpmn:process></bpmn:definitions>");
    file.close();
    QCOMPARE(moddleWarnings({path}).at(path),
             QStringList({"unknown attribute <tipe>", "unresolved reference <nowhere> (element f)"}));
    QFile::remove(path);
  }

  // Every reference, opened and saved without edits: schema-valid, and
  // moddle warns about nothing the input did not already have.
  void referencesSavedUnedited() {
    QStringList outputs;
    std::map<QString, QStringList> expected;
    for (const QString& name : QDir(referenceDir()).entryList({"*.bpmn"}, QDir::Files, QDir::Name)) {
      BpmnDocument document;
      const Status opened = document.open(referenceDir() + "/" + name);
      QVERIFY2(opened.isOk(), opened.message().c_str());
      const QString output = savedDir() + "/reference/" + name;
      QVERIFY(document.save(output).isOk());
      outputs << output;
      for (const auto& known : kKnownInputWarnings) {
        if (known.file == name && known.kept) expected[output] << known.message;
      }
    }
    QCOMPARE(outputs.size(), 21);
    for (const auto& [file, errors] : schemaErrors(outputs)) QVERIFY2(errors.isEmpty(), qPrintable(errors));
    for (const auto& [file, warnings] : moddleWarnings(outputs)) {
      const QStringList want = expected.count(file) ? expected.at(file) : QStringList();
      QVERIFY2(warnings == want,
               qPrintable(file + ": moddle says\n  " + joined(warnings) + "\nexpected\n  " + joined(want)));
    }
  }

  // A process drawn from scratch: start -> service task -> exclusive
  // gateway -> (condition) user task -> end, gateway -> (default) message
  // end event, as the palette, connect tool and properties panel make it.
  void drawnFromScratch() {
    BpmnDocument document;
    QVERIFY(document.openBytes(kBlank, "new.bpmn").isOk());
    const std::string start = create(document, ElementKind::kStartEvent, {180, 100});
    const std::string charge = create(document, ElementKind::kServiceTask, {300, 100});
    const std::string gateway = create(document, ElementKind::kExclusiveGateway, {450, 100});
    const std::string review = create(document, ElementKind::kUserTask, {600, 100});
    const std::string done = create(document, ElementKind::kEndEvent, {750, 100});
    NewElement messageEnd;
    messageEnd.kind = ElementKind::kEndEvent;
    messageEnd.eventDefinition = model::EventDefinitionKind::kMessage;
    auto rejected = document.change(
        "Create", [&](model::Definitions& d) { return createElement(d, 0, messageEnd, QPointF(600, 250)); });
    QVERIFY(rejected.isOk());
    std::vector<std::string> ids = {start, charge, gateway, review, done, rejected.value()};
    ids.push_back(connect(document, start, charge));
    ids.push_back(connect(document, charge, gateway));
    const std::string big = connect(document, gateway, review);
    const std::string small = connect(document, gateway, rejected.value());
    ids.push_back(big);
    ids.push_back(small);
    ids.push_back(connect(document, review, done));
    setFlowCondition(document, big, "=amount > 100");
    // As the properties panel does it: the choice among the flows leaving
    // the gateway in the document.
    const std::vector<std::string> leaving = outgoingFlows(document.definitions(), gateway);
    QCOMPARE(leaving, (std::vector<std::string>{big, small}));
    Status defaulted = Status::ok();
    QVERIFY(document
                .editElement(QString::fromStdString(gateway), "Default",
                             [&](model::Definitions&, model::FlowElement& element) {
                               defaulted = setDefaultFlow(leaving, element, QString::fromStdString(small));
                             })
                .isOk());
    QVERIFY2(defaulted.isOk(), defaulted.message().c_str());
    QCOMPARE(document.undoStack().count(), 13);

    const QString path = savedDir() + "/drawn.bpmn";
    saveAndReread(document, path);
    checkNewElements(document, path, ids);
    QCOMPARE(document.definitions().diagrams.front().plane.elements.size(), ids.size());
    const QByteArray saved = test::readAll(path);
    QVERIFY2(saved.contains("xsi:type=\"bpmn:tFormalExpression\">=amount &gt; 100</bpmn:conditionExpression>"),
             saved.constData());
    QVERIFY(saved.contains(QByteArray("default=\"") + small.c_str() + "\""));
    QCOMPARE(schemaErrors({path}).at(path), QString());
    QCOMPARE(moddleWarnings({path}).at(path), QStringList());
  }

  // C.1.0 (two pools, lanes, camunda: attributes and DI colours in foreign
  // namespaces) after edits: a gateway and a task drawn into a lane and
  // connected to the flow, a condition, a renamed task, a moved shape, a
  // deleted end event. What was not edited stays as it was.
  void miwgFileEdited() {
    const QString input = referenceDir() + "/C.1.0.bpmn";
    BpmnDocument original;
    QVERIFY(original.open(input).isOk());
    BpmnDocument document;
    QVERIFY(document.open(input).isOk());

    // Into the Approver lane, left of "Approve Invoice".
    const std::string gateway = create(document, ElementKind::kExclusiveGateway, {150, 540});
    const std::string check = create(document, ElementKind::kTask, {270, 540});
    const std::string toCheck = connect(document, gateway, check);
    const std::string toApprove = connect(document, check, "approveInvoice");
    setFlowCondition(document, toCheck, "=amount > 1000");
    QVERIFY(
        document
            .editElement("approveInvoice", "Rename",
                         [](model::Definitions&, model::FlowElement& element) { element.name = "Approve the invoice"; })
            .isOk());
    QString archiveDi;
    for (const auto& di : document.definitions().diagrams.front().plane.elements) {
      if (di.bpmnElement == "archiveInvoice") archiveDi = QString::fromStdString(di.id);
    }
    QVERIFY(document.moveShape(0, archiveDi, 0, 20).isOk());
    QVERIFY(document.change("Delete", [](model::Definitions& d) { return deleteElements(d, {"invoiceNotProcessed"}); })
                .isOk());
    QVERIFY(!findFlowElement(document.definitions(), "invoiceNotProcessed"));

    const QString path = savedDir() + "/edited-C.1.0.bpmn";
    saveAndReread(document, path);
    checkNewElements(document, path, {gateway, check, toCheck, toApprove});

    // Untouched elements are as they were, extensions and all.
    const std::set<std::string> touched = {"approveInvoice", "invoiceNotProcessed", "reviewSuccessful_gw"};
    int untouched = 0;
    for (const auto& root : original.definitions().rootElements) {
      const auto* process = std::get_if<model::Process>(&root);
      if (!process) continue;
      for (const auto& element : process->flowElements) {
        if (touched.count(element.id)) continue;
        const model::FlowElement* now = findFlowElement(document.definitions(), element.id);
        if (element.kind == ElementKind::kSequenceFlow && element.targetRef == "invoiceNotProcessed") {
          QVERIFY2(!now, "the deleted end event's incoming flow goes with it");
          continue;
        }
        QVERIFY2(now && *now == element, qPrintable(QString::fromStdString(element.id) + " changed"));
        ++untouched;
      }
    }
    QVERIFY(untouched > 20);
    const QByteArray saved = test::readAll(path);
    QVERIFY(saved.contains("camunda:assignee=\"${approver}\""));
    QVERIFY(saved.contains("name=\"Approve the invoice\""));
    QCOMPARE(schemaErrors({path}).at(path), QString());
    QCOMPARE(moddleWarnings({path}).at(path), QStringList());
  }
};

QTEST_MAIN(TstSave)
#include "tst_save.moc"

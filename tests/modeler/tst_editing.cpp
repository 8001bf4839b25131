// Every editing command of the modeler as a user meets it: what it does to
// model and DI (exact ids, refs and geometry), that it is one undo step,
// that undo gives back exactly the model before and redo the model after,
// and that the result saves and reads back equal. Then the canvas itself:
// dragging, rubber band, keys, the context pad and in-place label editing
// on an offscreen DiagramView.
#include <QGraphicsItem>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "arrange.h"
#include "bpmn/parser.h"
#include "bpmn/validator.h"
#include "bpmn/writer.h"
#include "bpmn_document.h"
#include "canvas_probe.h"
#include "clipboard.h"
#include "diagram_view.h"
#include "editing.h"
#include "exporter.h"
#include "model_access.h"
#include "palette.h"
#include "properties.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;
using model::ElementKind;

namespace {

// start -> task (timer boundary -> end2) -> gateway -> end / end2; an
// expanded sub-process with a start and a task; an annotation on the task.
const QByteArray kProcess = test::readAll(test::sourceDir() + "/tests/modeler/data/editing.bpmn");

// Two pools, the first with two lanes.
const QByteArray kCollaboration = test::readAll(test::sourceDir() + "/tests/modeler/data/pools.bpmn");

model::Definitions& mutableOf(BpmnDocument& document) { return const_cast<model::Definitions&>(document.definitions()); }

const model::FlowElement* element(BpmnDocument& document, const std::string& id) {
  return findFlowElement(mutableOf(document), id);
}

QRectF boundsOf(BpmnDocument& document, const std::string& id, int diagram = 0) {
  const model::DiElement* shape = shapeOf(*planeOf(mutableOf(document), diagram), id);
  return shape ? rectOf(*shape->bounds) : QRectF();
}

QPolygonF waypointsOf(BpmnDocument& document, const std::string& id) {
  const model::DiElement* edge = edgeOf(*planeOf(mutableOf(document), 0), id);
  return edge ? polygonOf(*edge) : QPolygonF();
}

// Whether a point lies on the border of a rectangle (within half a unit).
bool onBorder(const QPointF& point, const QRectF& rect) {
  const bool inside = rect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(point);
  const bool deep = rect.adjusted(0.5, 0.5, -0.5, -0.5).contains(point);
  return inside && !deep;
}

bool orthogonal(const QPolygonF& line) {
  for (int i = 1; i < line.size(); ++i) {
    if (std::abs(line[i].x() - line[i - 1].x()) > 0.5 && std::abs(line[i].y() - line[i - 1].y()) > 0.5) return false;
  }
  return true;
}

// The scope holding `id`: the sub-process's id, or the process's.
std::string ownerOf(BpmnDocument& document, const std::string& id) {
  auto scope = scopeOf(mutableOf(document), id);
  if (!scope) return {};
  return scope->subProcess ? scope->subProcess->id : scope->process->id;
}

}  // namespace

class TstEditing : public QObject {
  Q_OBJECT

  BpmnDocument document_;

  // Runs an edit as the window does: one undo step; undo restores the
  // model exactly, redo gives the edited model again; the edited model
  // saves and reads back equal.
  Result<std::string> step(const QString& what, const std::function<Result<std::string>(model::Definitions&)>& edit) {
    const model::Definitions before = document_.definitions();
    const int steps = document_.undoStack().count();
    auto result = document_.change(what, edit);
    if (!result.isOk()) {
      [&] { QVERIFY2(document_.definitions() == before, "a refused edit changed the model"); }();
      [&] { QCOMPARE(document_.undoStack().count(), steps); }();
      return result;
    }
    const model::Definitions after = document_.definitions();
    [&] { QCOMPARE(document_.undoStack().count(), steps + 1); }();
    document_.undoStack().undo();
    [&] { QVERIFY2(document_.definitions() == before, qPrintable(what + ": undo did not restore the model")); }();
    document_.undoStack().redo();
    [&] { QVERIFY2(document_.definitions() == after, qPrintable(what + ": redo differs")); }();
    const std::string xml = writeBpmn(after);
    ParseResult again = parseBpmn(xml, "saved.bpmn");
    [&] {
      QVERIFY(again.definitions);
      QVERIFY2(*again.definitions == after, qPrintable(what + ": does not read back equal"));
    }();
    // Every id once; every DI element names an element of the file.
    QSet<QString> ids;
    const QString text = QString::fromStdString(xml);
    for (const auto& match : QRegularExpression("\\sid=\"([^\"]+)\"").globalMatch(text)) {
      [&] { QVERIFY2(!ids.contains(match.captured(1)), qPrintable(what + ": duplicate id " + match.captured(1))); }();
      ids.insert(match.captured(1));
    }
    for (const auto& match : QRegularExpression("bpmnElement=\"([^\"]+)\"").globalMatch(text)) {
      [&] { QVERIFY2(ids.contains(match.captured(1)), qPrintable(what + ": DI of a missing " + match.captured(1))); }();
    }
    return result;
  }

  int errorsOn(const std::string& id) {
    int errors = 0;
    for (const auto& diagnostic : document_.diagnostics()) {
      if (diagnostic.severity == Severity::kError && diagnostic.elementId == id) ++errors;
    }
    return errors;
  }

 private slots:
  void init() {
    QVERIFY(document_.openBytes(kProcess, "editing.bpmn").isOk());
    for (const auto& diagnostic : document_.diagnostics()) {
      QVERIFY2(diagnostic.severity != Severity::kError, diagnostic.render().c_str());
    }
  }

  // File > New: bpmn.io's starting point, a valid file that reads back
  // equal and draws its start event.
  void newDocument() {
    document_.openNew(newDefinitions());
    QVERIFY(document_.path().isEmpty());
    QVERIFY(!document_.isModified());
    for (const auto& diagnostic : document_.diagnostics()) {
      QVERIFY2(diagnostic.severity != Severity::kError, diagnostic.render().c_str());
    }
    QVERIFY(QRegularExpression("^Process_[1-9][0-9a-z]{6}$")
                .match(QString::fromStdString(planeOf(mutableOf(document_), 0)->bpmnElement))
                .hasMatch());
    QCOMPARE(boundsOf(document_, "StartEvent_1"), QRectF(179, 79, 36, 36));
    ParseResult again = parseBpmn(writeBpmn(document_.definitions()), "new.bpmn");
    QVERIFY(again.definitions);
    QVERIFY(*again.definitions == document_.definitions());
    QVERIFY(step("create", [](model::Definitions& d) { return createNode(d, 0, ElementKind::kTask, {300, 97}); }).isOk());
    QVERIFY(document_.isModified());
  }

  // The palette's kinds, each with bpmn.io's size, id style and extras.
  void createEveryKind() {
    const QRegularExpression style("^(Activity|Event|Gateway|DataObjectReference|DataStoreReference)_[1-9][0-9a-z]{6}$");
    struct Case {
      NewElement element;
      QSizeF size;
    };
    auto node = [](ElementKind kind, std::optional<model::EventDefinitionKind> d = std::nullopt, bool expanded = false) {
      NewElement e;
      e.kind = kind;
      e.eventDefinition = d;
      e.expanded = expanded;
      return e;
    };
    const Case cases[] = {
        {node(ElementKind::kStartEvent, model::EventDefinitionKind::kMessage), {36, 36}},
        {node(ElementKind::kIntermediateCatchEvent, model::EventDefinitionKind::kTimer), {36, 36}},
        {node(ElementKind::kServiceTask), {100, 80}},
        {node(ElementKind::kCallActivity), {100, 80}},
        {node(ElementKind::kSubProcess, std::nullopt, true), {350, 200}},
        {node(ElementKind::kExclusiveGateway), {50, 50}},
        {node(ElementKind::kEventBasedGateway), {50, 50}},
        {node(ElementKind::kDataStoreReference), {50, 50}},
        {node(ElementKind::kDataObjectReference), {36, 50}},
    };
    double x = 700;
    for (const Case& c : cases) {
      auto created = step("create", [&](model::Definitions& d) { return createElement(d, 0, c.element, {x, 700}); });
      QVERIFY2(created.isOk(), created.status().message().c_str());
      const std::string id = created.value();
      QVERIFY2(style.match(QString::fromStdString(id)).hasMatch(), id.c_str());
      const model::FlowElement* made = element(document_, id);
      QVERIFY(made);
      QCOMPARE(made->kind, c.element.kind);
      QCOMPARE(made->eventKind(), c.element.eventDefinition);
      QCOMPARE(ownerOf(document_, id), std::string("p"));
      const model::DiElement* shape = shapeOf(*planeOf(mutableOf(document_), 0), id);
      QCOMPARE(shape->id, id + "_di");
      QCOMPARE(rectOf(*shape->bounds).size(), c.size);
      QCOMPARE(rectOf(*shape->bounds).center(), QPointF(x, 700));
      QCOMPARE(shape->isMarkerVisible, c.element.kind == ElementKind::kExclusiveGateway ? std::optional<bool>(true)
                                                                                         : std::nullopt);
      if (c.element.kind == ElementKind::kSubProcess) QCOMPARE(shape->isExpanded, std::optional<bool>(true));
      if (c.element.kind == ElementKind::kDataObjectReference) {
        const model::FlowElement* object = element(document_, made->dataObjectRef);
        QVERIFY(object && object->kind == ElementKind::kDataObject);
      }
      x += 400;
    }
    // A boundary event is attached, not dropped in the open.
    NewElement boundary = node(ElementKind::kBoundaryEvent, model::EventDefinitionKind::kTimer);
    auto refused = step("create", [&](model::Definitions& d) { return createElement(d, 0, boundary, {900, 900}); });
    QVERIFY(!refused.isOk());
    QVERIFY(QString::fromStdString(refused.status().message()).contains("attached to an activity"));
  }

  // Created where the user clicks: inside the expanded sub-process it
  // belongs to the sub-process.
  void createInsideSubProcess() {
    auto created = step("create", [](model::Definitions& d) { return createNode(d, 0, ElementKind::kUserTask, {380, 450}); });
    QVERIFY(created.isOk());
    QCOMPARE(ownerOf(document_, created.value()), std::string("sub"));
  }

  void attachBoundaryEventOnTheNearestSide() {
    auto attached = step("attach", [](model::Definitions& d) {
      return attachBoundaryEvent(d, 0, "t", model::EventDefinitionKind::kMessage, {298, 100});
    });
    QVERIFY(attached.isOk());
    const model::FlowElement* event = element(document_, attached.value());
    QCOMPARE(event->kind, ElementKind::kBoundaryEvent);
    QCOMPARE(event->attachedToRef, std::string("t"));
    QCOMPARE(boundsOf(document_, attached.value()).center(), QPointF(300, 100));  // on the right side
    QVERIFY(!step("attach", [](model::Definitions& d) {
               return attachBoundaryEvent(d, 0, "g", std::nullopt, {375, 143});
             }).isOk());
  }

  // BPMN 2.0.2 §10.5.2: "A Start Event MUST NOT be a target for Sequence
  // Flows"; §10.5.3 "An End Event MUST NOT be a source for Sequence
  // Flows"; §10.5.1: sequence flows stay within one process level.
  void connectionRules() {
    std::string why;
    QCOMPARE(connectionFor(mutableOf(document_), "t", "s", &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("a start event has no incoming sequence flows"));
    QCOMPARE(connectionFor(mutableOf(document_), "e", "t", &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("an end event has no outgoing sequence flows"));
    QCOMPARE(connectionFor(mutableOf(document_), "t", "st", &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("a sequence flow stays inside one process or sub-process"));
    QCOMPARE(connectionFor(mutableOf(document_), "t", "b", &why), ConnectionKind::kNone);
    QCOMPARE(connectionFor(mutableOf(document_), "ta", "g", &why), ConnectionKind::kAssociation);
    QCOMPARE(connectionFor(mutableOf(document_), "t", "sub", &why), ConnectionKind::kSequenceFlow);

    auto flow = step("connect", [](model::Definitions& d) { return connectShapes(d, 0, "t", "sub"); });
    QVERIFY(flow.isOk());
    QVERIFY(QRegularExpression("^Flow_[1-9][0-9a-z]{6}$").match(QString::fromStdString(flow.value())).hasMatch());
    const model::FlowElement* made = element(document_, flow.value());
    QCOMPARE(made->sourceRef, std::string("t"));
    QCOMPARE(made->targetRef, std::string("sub"));
    QVERIFY(element(document_, "t")->outgoing.back() == flow.value());
    QVERIFY(element(document_, "sub")->incoming.back() == flow.value());
    const QPolygonF route = waypointsOf(document_, flow.value());
    QVERIFY(orthogonal(route));
    QVERIFY(onBorder(route.front(), boundsOf(document_, "t")));
    QVERIFY(onBorder(route.back(), boundsOf(document_, "sub")));

    auto association = step("connect", [](model::Definitions& d) { return connectShapes(d, 0, "ta", "g"); });
    QVERIFY(association.isOk());
    QCOMPARE(endsOf(document_.definitions(), association.value()), (std::pair<std::string, std::string>{"ta", "g"}));

    auto refused = step("connect", [](model::Definitions& d) { return connectNodes(d, 0, "e", "t"); });
    QCOMPARE(QString::fromStdString(refused.status().message()),
             QString("cannot connect e to t: an end event has no outgoing sequence flows"));
  }

  // Moving a task: its boundary event and its label go along, flows with
  // one end moved are routed anew (ends on the borders, orthogonal),
  // flows with both ends moved keep their shape.
  void moveCarriesWhatBelongs() {
    const QRectF boundary = boundsOf(document_, "b");
    const QPolygonF f5 = waypointsOf(document_, "f5");
    auto moved = step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"t", QPointF(0, -40)}}); });
    QVERIFY(moved.isOk());
    QCOMPARE(boundsOf(document_, "t"), QRectF(200, 38, 100, 80));
    QCOMPARE(boundsOf(document_, "b"), boundary.translated(0, -40));
    for (const char* flow : {"f1", "f2", "f5"}) {
      const QPolygonF route = waypointsOf(document_, flow);
      QVERIFY2(orthogonal(route), flow);
      const auto ends = *endsOf(document_.definitions(), flow);
      QVERIFY2(onBorder(route.front(), boundsOf(document_, ends.first)), flow);
      QVERIFY2(onBorder(route.back(), boundsOf(document_, ends.second)), flow);
    }
    QVERIFY(waypointsOf(document_, "f5") != f5);
    QCOMPARE(waypointsOf(document_, "f3"), QPolygonF({QPointF(400, 118), QPointF(450, 118)}));  // untouched

    // The end event and its label together; both ends of f3 alike.
    auto both = step("move", [](model::Definitions& d) {
      return moveShapes(d, 0, {{"g", QPointF(10, 10)}, {"e", QPointF(10, 10)}});
    });
    QVERIFY(both.isOk());
    QCOMPARE(waypointsOf(document_, "f3"), QPolygonF({QPointF(410, 128), QPointF(460, 128)}));
    const model::DiElement* end = shapeOf(*planeOf(mutableOf(document_), 0), "e");
    QCOMPARE(rectOf(*end->label->bounds), QRectF(450, 150, 56, 14));
  }

  // A connection with bends keeps them when an end moves (bpmn.io): the
  // end point goes with its shape, the bend beside it slides so that the
  // segment keeps its direction. Where that would run back through the
  // shape, and for a connection without bends, it is routed anew.
  void moveKeepsBends() {
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"e2", QPointF(0, 40)}}); }).isOk());
    QCOMPARE(waypointsOf(document_, "f4"), QPolygonF({QPointF(375, 143), QPointF(375, 258), QPointF(450, 258)}));
    QCOMPARE(waypointsOf(document_, "f5"), QPolygonF({QPointF(250, 176), QPointF(250, 258), QPointF(450, 258)}));
    // The gateway up and right: its end goes along, the bend below it
    // follows sideways only.
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"g", QPointF(5, -20)}}); }).isOk());
    QCOMPARE(waypointsOf(document_, "f4"), QPolygonF({QPointF(380, 123), QPointF(380, 258), QPointF(450, 258)}));
    // The end event left past the bend: the kept route would enter it from
    // the wrong side, so the flow is routed anew, still attached.
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"e2", QPointF(-200, 0)}}); }).isOk());
    for (const char* flow : {"f4", "f5"}) {
      const QPolygonF route = waypointsOf(document_, flow);
      QVERIFY2(orthogonal(route), flow);
      const auto ends = *endsOf(document_.definitions(), flow);
      QVERIFY2(onBorder(route.front(), boundsOf(document_, ends.first)), flow);
      QVERIFY2(onBorder(route.back(), boundsOf(document_, ends.second)), flow);
      QVERIFY2(route.back() != QPointF(250, 258), flow);
    }
  }

  // An expanded sub-process moves with its content and inner flows.
  void moveSubProcessWithContent() {
    const QPolygonF inner = waypointsOf(document_, "sf");
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"sub", QPointF(0, 100)}}); }).isOk());
    QCOMPARE(boundsOf(document_, "si"), QRectF(130, 480, 36, 36));
    QCOMPARE(boundsOf(document_, "st"), QRectF(220, 458, 100, 80));
    QCOMPARE(waypointsOf(document_, "sf"), inner.translated(0, 100));
  }

  // Dropped into the sub-process, a node becomes its child; sequence
  // flows that would cross the sub-process's border go (with their DI
  // and every reference to them).
  void dropIntoSubProcess() {
    auto moved = step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"e2", QPointF(-100, 200)}}); });
    QVERIFY(moved.isOk());
    QCOMPARE(ownerOf(document_, "e2"), std::string("sub"));
    QVERIFY(!element(document_, "f4"));
    QVERIFY(!element(document_, "f5"));
    QVERIFY(!edgeOf(*planeOf(mutableOf(document_), 0), "f4"));
    QCOMPARE(element(document_, "g")->outgoing, std::vector<std::string>{"f3"});
    QVERIFY(element(document_, "b")->outgoing.empty());
    QCOMPARE(errorsOn("e2"), 0);
  }

  // In a collaboration: dropped into another lane, a node changes lanes;
  // dropped outside every pool, the move is refused.
  void lanesAndPools() {
    QVERIFY(document_.openBytes(kCollaboration, "pools.bpmn").isOk());
    auto lane = [&](const std::string& id) { return findLane(mutableOf(document_), id).second->flowNodeRefs; };
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"order", QPointF(0, 150)}}); }).isOk());
    QVERIFY(lane("sales").empty());
    QCOMPARE(lane("store"), std::vector<std::string>{"order"});
    auto outside = step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"order", QPointF(800, 0)}}); });
    QVERIFY(!outside.isOk());
    QCOMPARE(QString::fromStdString(outside.status().message()), QString("order: flow elements stay inside a pool"));
    // Into the other pool: the bank's process.
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"order", QPointF(250, 200)}}); }).isOk());
    QCOMPARE(ownerOf(document_, "order"), std::string("p2"));
    QVERIFY(lane("store").empty());
    // Between the pools a connection is a message flow (BPMN 2.0.2 §9.3).
    QCOMPARE(connectionFor(mutableOf(document_), "pay", "shop"), ConnectionKind::kMessageFlow);
    auto message = step("connect", [](model::Definitions& d) { return connectShapes(d, 0, "pay", "shop"); });
    QVERIFY(message.isOk());
    QCOMPARE(mutableOf(document_).collaborations().front()->messageFlows.size(), std::size_t(1));
    // The pool moves with its lanes and content; its message flow follows.
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"shop", QPointF(0, -50)}}); }).isOk());
    QCOMPARE(boundsOf(document_, "sales"), QRectF(30, -50, 570, 150));
    QVERIFY(onBorder(waypointsOf(document_, message.value()).back(), boundsOf(document_, "shop")));
    // A lane's edge shared with the lane below moves that lane's edge too;
    // the pool stays (tst_lanes has the rest).
    QVERIFY(step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "sales", QRectF(30, -50, 570, 200)); }).isOk());
    QCOMPARE(boundsOf(document_, "store"), QRectF(30, 150, 570, 100));
    QCOMPARE(boundsOf(document_, "shop"), QRectF(0, -50, 600, 300));
    // A pool on a process diagram turns it into a collaboration.
    QVERIFY(document_.openBytes(kProcess, "editing.bpmn").isOk());
    NewElement pool;
    pool.category = NewElement::Category::kParticipant;
    auto created = step("pool", [&](model::Definitions& d) { return createElement(d, 0, pool, {400, 900}); });
    QVERIFY(created.isOk());
    model::Collaboration* collaboration = collaborationOf(mutableOf(document_), 0);
    QVERIFY(collaboration);
    QCOMPARE(collaboration->participants.size(), std::size_t(2));
    QCOMPARE(collaboration->participants.front().processRef, std::string("p"));
    QVERIFY(boundsOf(document_, collaboration->participants.front().id).contains(boundsOf(document_, "sub")));
  }

  // The palette's vertical pool: isHorizontal="false", 250 wide and 600
  // high (the horizontal pool turned), with a process of its own that a
  // task dropped into it joins; saved, it reads back vertical. On a
  // process diagram the existing process's pool is vertical too.
  void verticalPool() {
    QVERIFY(document_.openBytes(kCollaboration, "pools.bpmn").isOk());
    NewElement pool;
    pool.category = NewElement::Category::kParticipant;
    pool.vertical = true;
    QCOMPARE(describe(pool), QString("Vertical pool"));
    QCOMPARE(decodeEntry(encodeEntry(pool))->vertical, true);
    QCOMPARE(encodeEntry(pool), QByteArray("create-participant-vertical"));
    auto created = step("pool", [&](model::Definitions& d) { return createElement(d, 0, pool, {1000, 400}); });
    QVERIFY(created.isOk());
    const model::DiElement* shape = shapeOf(*planeOf(mutableOf(document_), 0), created.value());
    QCOMPARE(shape->isHorizontal, std::optional<bool>(false));
    QCOMPARE(rectOf(*shape->bounds), QRectF(875, 100, 250, 600));
    const std::string process = findParticipant(mutableOf(document_), created.value()).second->processRef;
    QVERIFY(findProcess(mutableOf(document_), process));
    auto task = step("create", [](model::Definitions& d) { return createNode(d, 0, ElementKind::kTask, {1000, 500}); });
    QVERIFY(task.isOk());
    QCOMPARE(ownerOf(document_, task.value()), process);
    ParseResult again = parseBpmn(writeBpmn(document_.definitions()), "vertical.bpmn");
    QVERIFY(again.definitions);
    const model::DiPlane& plane = again.definitions->diagrams.front().plane;
    const auto saved = std::find_if(plane.elements.begin(), plane.elements.end(),
                                    [&](const model::DiElement& di) { return di.bpmnElement == created.value(); });
    QVERIFY(saved != plane.elements.end());
    QCOMPARE(saved->isHorizontal, std::optional<bool>(false));
    QCOMPARE(rectOf(*saved->bounds), QRectF(875, 100, 250, 600));
    QVERIFY(QString::fromStdString(writeBpmn(document_.definitions())).contains(
        QString::fromStdString("bpmnElement=\"" + created.value() + "\" isHorizontal=\"false\"")));

    QVERIFY(document_.openBytes(kProcess, "editing.bpmn").isOk());
    auto first = step("pool", [&](model::Definitions& d) { return createElement(d, 0, pool, {1200, 400}); });
    QVERIFY(first.isOk());
    model::Collaboration* collaboration = collaborationOf(mutableOf(document_), 0);
    QVERIFY(collaboration);
    const std::string existing = collaboration->participants.front().id;
    QCOMPARE(collaboration->participants.front().processRef, std::string("p"));
    const model::DiElement* existingShape = shapeOf(*planeOf(mutableOf(document_), 0), existing);
    QCOMPARE(existingShape->isHorizontal, std::optional<bool>(false));
    QVERIFY(boundsOf(document_, existing).contains(boundsOf(document_, "sub")));
    QCOMPARE(boundsOf(document_, existing).top(), boundsOf(document_, "t").top() - 60);  // the band above
  }

  // Lanes from the context pad: a pool without lanes is divided in two
  // (the first lane holding its nodes); a lane added below another pushes
  // what lies below down and grows the pool.
  void lanes() {
    QVERIFY(document_.openBytes(kCollaboration, "pools.bpmn").isOk());
    auto lane = [&](const std::string& id) { return findLane(mutableOf(document_), id).second; };
    auto divided = step("lane", [](model::Definitions& d) { return addLane(d, 0, "bank"); });
    QVERIFY(divided.isOk());
    const auto& lanes = findProcess(mutableOf(document_), "p2")->laneSets.front().lanes;
    QCOMPARE(lanes.size(), std::size_t(2));
    QCOMPARE(lanes.front().flowNodeRefs, std::vector<std::string>{"pay"});
    QCOMPARE(boundsOf(document_, lanes.front().id), QRectF(30, 350, 570, 100));
    QCOMPARE(boundsOf(document_, divided.value()), QRectF(30, 450, 570, 100));
    // Below Sales: Store and the order task in it go down by 120.
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"order", QPointF(0, 150)}}); }).isOk());
    auto added = step("lane", [](model::Definitions& d) { return addLane(d, 0, "sales"); });
    QVERIFY(added.isOk());
    QCOMPARE(boundsOf(document_, added.value()), QRectF(30, 150, 570, 120));
    QCOMPARE(boundsOf(document_, "store"), QRectF(30, 270, 570, 150));
    QCOMPARE(boundsOf(document_, "shop"), QRectF(0, 0, 600, 420));
    QCOMPARE(boundsOf(document_, "order"), QRectF(100, 305, 100, 80));
    QCOMPARE(lane("store")->flowNodeRefs, std::vector<std::string>{"order"});
    const auto& shopLanes = findProcess(mutableOf(document_), "p1")->laneSets.front().lanes;
    QCOMPARE(shopLanes[1].id, added.value());  // between Sales and Store
    QVERIFY(!step("lane", [](model::Definitions& d) { return addLane(d, 0, "order"); }).isOk());
  }

  // Resizing: minimum sizes, boundary events stay on their side,
  // connections follow; events keep their size.
  void resize() {
    QVERIFY(step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "t", QRectF(200, 78, 200, 120)); }).isOk());
    QCOMPARE(boundsOf(document_, "t"), QRectF(200, 78, 200, 120));
    QCOMPARE(boundsOf(document_, "b").center(), QPointF(300, 198));  // bottom side, same relative place
    QVERIFY(onBorder(waypointsOf(document_, "f2").front(), boundsOf(document_, "t")));
    QVERIFY(step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "t", QRectF(200, 78, 10, 10)); }).isOk());
    QCOMPARE(boundsOf(document_, "t").size(), QSizeF(50, 40));
    auto refused = step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "e", QRectF(0, 0, 80, 80)); });
    QCOMPARE(QString::fromStdString(refused.status().message()), QString("e: events, gateways and data keep their size"));
  }

  void waypoints() {
    const QPolygonF bent({QPointF(136, 118), QPointF(170, 118), QPointF(170, 60), QPointF(200, 60)});
    QVERIFY(step("bend", [&](model::Definitions& d) { return setWaypoints(d, 0, "f1", bent); }).isOk());
    QCOMPARE(waypointsOf(document_, "f1"), bent);
    QVERIFY(!step("bend", [](model::Definitions& d) { return setWaypoints(d, 0, "f1", QPolygonF({QPointF(1, 1)})); }).isOk());
  }

  void alignAndDistribute() {
    QVERIFY(step("align", [](model::Definitions& d) { return alignShapes(d, 0, {"s", "g", "e"}, Alignment::kBottom); }).isOk());
    QCOMPARE(boundsOf(document_, "s").bottom(), 143.0);
    QCOMPARE(boundsOf(document_, "e").bottom(), 143.0);
    QVERIFY(step("align", [](model::Definitions& d) { return alignShapes(d, 0, {"t", "e2"}, Alignment::kLeft); }).isOk());
    QCOMPARE(boundsOf(document_, "e2").left(), 200.0);
    // Three in a row: the middle one halfway between the outer two's gap.
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"g", QPointF(-100, 0)}}); }).isOk());
    QVERIFY(step("distribute", [](model::Definitions& d) {
              return distributeShapes(d, 0, {"s", "g", "e"}, Qt::Horizontal);
            }).isOk());
    const double left = boundsOf(document_, "g").left() - boundsOf(document_, "s").right();
    const double right = boundsOf(document_, "e").left() - boundsOf(document_, "g").right();
    QVERIFY(std::abs(left - right) <= 1);
    QVERIFY(!step("distribute", [](model::Definitions& d) {
               return distributeShapes(d, 0, {"s", "g"}, Qt::Horizontal);
             }).isOk());
  }

  // Deleting the task takes its boundary event, every flow touching them,
  // the association, the references to them and their DI.
  void deleteWithEverythingAttached() {
    // A data object goes with its only reference.
    NewElement data;
    data.kind = ElementKind::kDataObjectReference;
    auto reference = step("create", [&](model::Definitions& d) { return createElement(d, 0, data, {700, 100}); });
    const std::string object = element(document_, reference.value())->dataObjectRef;
    QVERIFY(element(document_, object));
    QVERIFY(step("delete", [&](model::Definitions& d) { return deleteElements(d, {reference.value()}); }).isOk());
    QVERIFY(!element(document_, object));

    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"t"}); }).isOk());
    for (const char* gone : {"t", "b", "f1", "f2", "f5"}) {
      QVERIFY2(!element(document_, gone), gone);
      for (const auto& di : planeOf(mutableOf(document_), 0)->elements) QVERIFY(di.bpmnElement != gone);
    }
    QVERIFY(!endsOf(document_.definitions(), "a1"));
    QVERIFY(element(document_, "s")->outgoing.empty());
    QCOMPARE(element(document_, "e2")->incoming, std::vector<std::string>{"f4"});
    // The gateway's default flow goes with the flow.
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"f3"}); }).isOk());
    QVERIFY(element(document_, "g")->defaultFlow.empty());
    // A pool takes its process along.
    QVERIFY(document_.openBytes(kCollaboration, "pools.bpmn").isOk());
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"bank"}); }).isOk());
    QVERIFY(!findProcess(mutableOf(document_), "p2"));
    QVERIFY(!boundsOf(document_, "pay").isValid());
  }

  void labels() {
    for (const char* id : {"t", "ta", "f4"}) {
      QVERIFY(step("label", [&](model::Definitions& d) { return setLabel(d, id, std::string("Named ") + id); }).isOk());
      QCOMPARE(labelOf(document_.definitions(), id), std::string("Named ") + id);
    }
    QCOMPARE(element(document_, "t")->name, std::string("Named t"));
    // A group's label is a category value, made on first use.
    NewElement group;
    group.category = NewElement::Category::kGroup;
    auto created = step("group", [&](model::Definitions& d) { return createElement(d, 0, group, {900, 900}); });
    QVERIFY(created.isOk());
    QVERIFY(step("label", [&](model::Definitions& d) { return setLabel(d, created.value(), "Payments"); }).isOk());
    QCOMPARE(labelOf(document_.definitions(), created.value()), std::string("Payments"));
    QVERIFY(!step("label", [](model::Definitions& d) { return setLabel(d, "a1", "x"); }).isOk());
    QVERIFY(document_.openBytes(kCollaboration, "pools.bpmn").isOk());
    QVERIFY(step("label", [](model::Definitions& d) { return setLabel(d, "sales", "Front office"); }).isOk());
    QCOMPARE(labelOf(document_.definitions(), "sales"), std::string("Front office"));
    QVERIFY(step("label", [](model::Definitions& d) { return setLabel(d, "bank", "The bank"); }).isOk());
    QCOMPARE(labelOf(document_.definitions(), "bank"), std::string("The bank"));
  }

  // Copy the gateway and both ends: three new nodes, the two flows
  // between them (not the flow from the task), new ids everywhere, the DI
  // shifted.
  void copyAndPaste() {
    const Clipboard copied = copyElements(document_.definitions(), 0, {"g", "e", "e2", "t"});
    QCOMPARE(copied.elements.size(), std::size_t(9));  // g e e2 t, b with t; f2 f3 f4 f5 between them
    auto pasted = step("paste", [&](model::Definitions& d) { return pasteElements(d, 0, copied, {0, 600}); });
    QVERIFY(pasted.isOk());
    const QStringList ids = QString::fromStdString(pasted.value()).split('\n');
    QCOMPARE(ids.size(), 4);
    std::set<std::string> before{"g", "e", "e2", "t", "b"};
    for (const QString& id : ids) {
      QVERIFY(!before.count(id.toStdString()));
      QVERIFY(QRegularExpression("^(Activity|Event|Gateway)_[1-9][0-9a-z]{6}$").match(id).hasMatch());
    }
    const model::FlowElement* gateway = element(document_, ids[0].toStdString());
    QCOMPARE(gateway->kind, ElementKind::kExclusiveGateway);
    QCOMPARE(boundsOf(document_, gateway->id), QRectF(350, 693, 50, 50));
    QCOMPARE(gateway->outgoing.size(), std::size_t(2));
    QVERIFY(element(document_, gateway->defaultFlow));  // the copied default, renamed
    QCOMPARE(element(document_, gateway->defaultFlow)->sourceRef, gateway->id);
    QCOMPARE(gateway->incoming.size(), std::size_t(1));  // f2 came along: t was copied
    // The copied boundary event hangs on the copied task.
    const model::FlowElement* task = element(document_, ids[3].toStdString());
    int boundaries = 0;
    for (const auto& e : scopeOf(mutableOf(document_), task->id)->elements[0]) {
      if (e.kind == ElementKind::kBoundaryEvent && e.attachedToRef == task->id) ++boundaries;
    }
    QCOMPARE(boundaries, 1);
    for (const auto& diagnostic : document_.diagnostics()) {
      QVERIFY2(diagnostic.severity != Severity::kError, diagnostic.render().c_str());
    }
  }

  // bpmn.io's replace menu: a task becomes a service task with its id,
  // name and flows; an intermediate event becomes an end event and loses
  // its outgoing flow.
  void replaceKinds() {
    NewElement service;
    service.kind = ElementKind::kServiceTask;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "t", service); }).isOk());
    const model::FlowElement* task = element(document_, "t");
    QCOMPARE(task->kind, ElementKind::kServiceTask);
    QCOMPARE(task->name, std::string("Work"));
    QCOMPARE(task->incoming, std::vector<std::string>{"f1"});
    NewElement messageStart;
    messageStart.kind = ElementKind::kStartEvent;
    messageStart.eventDefinition = model::EventDefinitionKind::kMessage;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "s", messageStart); }).isOk());
    QCOMPARE(element(document_, "s")->eventKind(), std::optional(model::EventDefinitionKind::kMessage));
    NewElement parallel;
    parallel.kind = ElementKind::kParallelGateway;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "g", parallel); }).isOk());
    QVERIFY(element(document_, "g")->defaultFlow.empty());
    QVERIFY(!shapeOf(*planeOf(mutableOf(document_), 0), "g")->isMarkerVisible);
    // Not offered, so refused: a gateway cannot become a task.
    auto refused = step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "g", service); });
    QCOMPARE(QString::fromStdString(refused.status().message()), QString("g cannot become a service task"));
    // An intermediate throw event turned into an end event loses its
    // outgoing flow.
    auto throwEvent = step("create", [](model::Definitions& d) { return createNode(d, 0, ElementKind::kIntermediateThrowEvent, {600, 118}); });
    const std::string id = throwEvent.value();
    QVERIFY(step("connect", [&](model::Definitions& d) { return connectShapes(d, 0, id, "e2"); }).isOk());
    NewElement end;
    end.kind = ElementKind::kEndEvent;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, id, end); }).isOk());
    QVERIFY(element(document_, id)->outgoing.empty());
    QCOMPARE(element(document_, "e2")->incoming, (std::vector<std::string>{"f4", "f5"}));

    // A sub-process with content becomes another kind of sub-process with
    // its content, drawn as before; as an event sub-process it loses its
    // flows and boundary events (BPMN 2.0.2 §10.3.5).
    QStringList offered;
    for (const NewElement& option : replacementsFor(document_.definitions(), "sub")) offered << describe(option);
    QCOMPARE(offered, QStringList({"Sub-process (collapsed)", "Transaction (expanded)", "Ad-hoc sub-process (expanded)",
                                   "Event sub-process (expanded)"}));
    auto boundary = step("attach", [](model::Definitions& d) {
      return attachBoundaryEvent(d, 0, "sub", model::EventDefinitionKind::kTimer, {100, 400});
    });
    QVERIFY(boundary.isOk());
    auto flow = step("connect", [](model::Definitions& d) { return connectShapes(d, 0, "sub", "e2"); });
    QVERIFY(flow.isOk());
    NewElement transaction;
    transaction.kind = ElementKind::kTransaction;
    transaction.expanded = true;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "sub", transaction); }).isOk());
    QCOMPARE(element(document_, "sub")->kind, ElementKind::kTransaction);
    QCOMPARE(element(document_, "sub")->flowElements.size(), std::size_t(3));
    QCOMPARE(element(document_, "sub")->outgoing, std::vector<std::string>{flow.value()});
    QVERIFY(element(document_, boundary.value()));
    QCOMPARE(shapeOf(*planeOf(mutableOf(document_), 0), "sub")->isExpanded, std::optional(true));
    QVERIFY(step("multi-instance", [](model::Definitions& d) -> Result<std::string> {
              findFlowElement(d, "sub")->loop = model::LoopCharacteristics{};
              findFlowElement(d, "sub")->loop->multiInstance = true;
              return std::string("sub");
            }).isOk());
    NewElement eventSubProcess;
    eventSubProcess.kind = ElementKind::kSubProcess;
    eventSubProcess.triggeredByEvent = true;
    eventSubProcess.expanded = true;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "sub", eventSubProcess); }).isOk());
    QVERIFY(element(document_, "sub")->isEventSubProcess());
    QVERIFY(!element(document_, "sub")->loop);  // an event sub-process does not loop
    QCOMPARE(element(document_, "sub")->flowElements.size(), std::size_t(3));
    QVERIFY(element(document_, "sub")->outgoing.empty());
    QVERIFY(!element(document_, flow.value()) && !element(document_, boundary.value()));
    QCOMPARE(element(document_, "e2")->incoming, (std::vector<std::string>{"f4", "f5"}));
    QCOMPARE(shapeOf(*planeOf(mutableOf(document_), 0), "sub")->isExpanded, std::optional(true));
  }

  // What may send and receive a message flow (BPMN 2.0.2 §9.3, as bpmn.io
  // decides): pools and activities; events that throw a message send,
  // events that catch one (or none, not on a boundary) receive; gateways
  // and artifacts take none.
  void messageFlowEnds() {
    QVERIFY(document_.openBytes(kCollaboration, "pools.bpmn").isOk());
    auto create = [&](ElementKind kind, QPointF at, std::optional<model::EventDefinitionKind> definition = {}) {
      NewElement element;
      element.kind = kind;
      element.eventDefinition = definition;
      return step("create", [&](model::Definitions& d) { return createElement(d, 0, element, at); }).value();
    };
    using D = model::EventDefinitionKind;
    const std::string gateway = create(ElementKind::kExclusiveGateway, {300, 450});
    const std::string start = create(ElementKind::kStartEvent, {300, 75});
    const std::string messageEnd = create(ElementKind::kEndEvent, {450, 75}, D::kMessage);
    const std::string signalThrow = create(ElementKind::kIntermediateThrowEvent, {450, 225}, D::kSignal);
    const std::string messageCatch = create(ElementKind::kIntermediateCatchEvent, {450, 450}, D::kMessage);
    const std::string timerBoundary = step("attach", [](model::Definitions& d) {
                                        return attachBoundaryEvent(d, 0, "pay", D::kTimer, {150, 490});
                                      }).value();
    QVERIFY(!gateway.empty() && !start.empty() && !messageEnd.empty() && !timerBoundary.empty());
    struct Case {
      std::string from, to;
      std::string why;  // empty: a message flow
    };
    const std::vector<Case> cases = {
        {"order", "pay", ""},
        {"shop", "bank", ""},
        {messageEnd, messageCatch, ""},
        {messageEnd, "pay", ""},
        {"order", gateway, "a message flow connects pools, activities and events"},
        {start, "pay", "a catching event sends no messages"},
        {signalThrow, "pay", "only a message event sends messages"},
        {"pay", messageEnd, "a throwing event receives no messages"},
        {"order", timerBoundary, "only a message event receives messages"},
    };
    for (const Case& c : cases) {
      std::string why;
      const ConnectionKind kind = connectionFor(mutableOf(document_), c.from, c.to, &why);
      QCOMPARE(kind, c.why.empty() ? ConnectionKind::kMessageFlow : ConnectionKind::kNone);
      QCOMPARE(why, c.why);
    }
    // A message catch event turned into a timer catch event loses the
    // message flow into it.
    auto flow = step("connect", [&](model::Definitions& d) { return connectShapes(d, 0, messageEnd, messageCatch); });
    QVERIFY(flow.isOk());
    NewElement timer;
    timer.kind = ElementKind::kIntermediateCatchEvent;
    timer.eventDefinition = D::kTimer;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, messageCatch, timer); }).isOk());
    QVERIFY(mutableOf(document_).collaborations().front()->messageFlows.empty());
  }

  // Collapsing a sub-process moves the drawing of its content into a
  // diagram of its own, whose plane names the sub-process (the drill-down);
  // expanding brings it back inside a shape grown to hold it. Connections
  // from outside dock on the collapsed shape meanwhile.
  void collapseAndExpand() {
    auto association = step("connect", [](model::Definitions& d) { return connectShapes(d, 0, "ta", "st"); });
    QVERIFY(association.isOk());
    NewElement collapsed;
    collapsed.kind = ElementKind::kSubProcess;
    QVERIFY(step("collapse", [&](model::Definitions& d) { return replaceElement(d, 0, "sub", collapsed); }).isOk());
    const auto& diagrams = document_.definitions().diagrams;
    QCOMPARE(diagrams.size(), std::size_t(2));
    QCOMPARE(diagrams[1].plane.bpmnElement, std::string("sub"));
    QCOMPARE(boundsOf(document_, "sub"), QRectF(100, 300, 100, 80));
    QCOMPARE(shapeOf(*planeOf(mutableOf(document_), 0), "sub")->isExpanded, std::optional(false));
    QVERIFY(!shapeOf(*planeOf(mutableOf(document_), 0), "st") && !edgeOf(*planeOf(mutableOf(document_), 0), "sf"));
    QCOMPARE(boundsOf(document_, "si", 1), QRectF(180, 102, 36, 36));
    QCOMPARE(boundsOf(document_, "st", 1), QRectF(270, 80, 100, 80));
    QVERIFY(edgeOf(*planeOf(mutableOf(document_), 1), "sf"));
    QVERIFY(onBorder(waypointsOf(document_, association.value()).back(), boundsOf(document_, "sub")));
    QStringList offered;
    for (const NewElement& option : replacementsFor(document_.definitions(), "sub")) offered << describe(option);
    QVERIFY(offered.contains("Sub-process (expanded)") && !offered.contains("Sub-process (collapsed)"));

    NewElement expanded = collapsed;
    expanded.expanded = true;
    QVERIFY(step("expand", [&](model::Definitions& d) { return replaceElement(d, 0, "sub", expanded); }).isOk());
    QCOMPARE(document_.definitions().diagrams.size(), std::size_t(1));
    QCOMPARE(boundsOf(document_, "sub"), QRectF(100, 300, 350, 200));
    QCOMPARE(boundsOf(document_, "si"), QRectF(180, 382, 36, 36));
    QCOMPARE(boundsOf(document_, "st"), QRectF(270, 360, 100, 80));
    QVERIFY(onBorder(waypointsOf(document_, association.value()).back(), boundsOf(document_, "st")));
    QCOMPARE(waypointsOf(document_, "sf"), QPolygonF({QPointF(216, 400), QPointF(270, 400)}));

    // What connects the content with the outside stays in the parent's
    // diagram, docked on the collapsed shape: a data association from the
    // inner task to a data object of the process.
    auto data = step("create", [](model::Definitions& d) {
      return createNode(d, 0, ElementKind::kDataObjectReference, {600, 420});
    });
    auto writes = step("connect", [&](model::Definitions& d) { return connectShapes(d, 0, "st", data.value()); });
    QVERIFY(writes.isOk());
    QVERIFY(step("collapse", [&](model::Definitions& d) { return replaceElement(d, 0, "sub", collapsed); }).isOk());
    QVERIFY(edgeOf(*planeOf(mutableOf(document_), 0), writes.value()));
    QVERIFY(!edgeOf(*planeOf(mutableOf(document_), 1), writes.value()));
    QVERIFY(onBorder(waypointsOf(document_, writes.value()).front(), boundsOf(document_, "sub")));
    QCOMPARE(boundsOf(document_, "st", 1), QRectF(270, 80, 100, 80));  // the extent is the content's alone

    // A copy of the collapsed sub-process has a drill-down of its own;
    // deleting the original takes its diagram along.
    const Clipboard copied = copyElements(document_.definitions(), 0, {"sub"});
    auto pasted = step("paste", [&](model::Definitions& d) { return pasteElements(d, 0, copied, {0, 300}); });
    QVERIFY(pasted.isOk());
    QCOMPARE(document_.definitions().diagrams.size(), std::size_t(3));
    const model::Diagram& copy = document_.definitions().diagrams[2];
    QCOMPARE(copy.plane.bpmnElement, pasted.value());
    QCOMPARE(copy.plane.elements.size(), std::size_t(3));  // si, st, sf: not the crossing data association
    for (const auto& di : copy.plane.elements) QVERIFY(findFlowElement(mutableOf(document_), di.bpmnElement));
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"sub"}); }).isOk());
    QCOMPARE(document_.definitions().diagrams.size(), std::size_t(2));
    QCOMPARE(document_.definitions().diagrams[1].plane.bpmnElement, pasted.value());
  }

  // Data connects by data associations (BPMN 2.0.2 §10.4.1): an activity
  // or catch event writes through a dataOutputAssociation, an activity or
  // throw event reads through a dataInputAssociation whose targetRef is a
  // property of the node named __targetRef_placeholder (bpmn.io's form; the
  // schema requires a targetRef).
  // A compensation boundary event is associated with its compensation
  // activity, which leaves the sequence flow (§10.7).
  void dataAndCompensationAssociations() {
    auto data = step("create", [](model::Definitions& d) {
      return createNode(d, 0, ElementKind::kDataObjectReference, {250, 260});
    });
    QVERIFY(data.isOk());
    auto written = step("connect", [&](model::Definitions& d) { return connectShapes(d, 0, "t", data.value()); });
    QVERIFY(written.isOk());
    QVERIFY(written.value().starts_with("DataOutputAssociation_"));
    QCOMPARE(*endsOf(document_.definitions(), written.value()), std::pair(std::string("t"), data.value()));
    auto read = step("connect", [&](model::Definitions& d) { return connectShapes(d, 0, data.value(), "e2"); });
    QVERIFY(read.isOk());
    QCOMPARE(*endsOf(document_.definitions(), read.value()), std::pair(data.value(), std::string("e2")));
    std::string xml = writeBpmn(document_.definitions());
    QVERIFY2(xml.find("<bpmn:dataOutputAssociation id=\"" + written.value() + "\">\n        <bpmn:targetRef>" +
                      data.value() + "</bpmn:targetRef>") != std::string::npos,
             xml.c_str());
    const QRegularExpression input("<bpmn:property id=\"(Property_\\w+)\" name=\"__targetRef_placeholder\" />\\s*"
                                   "<bpmn:dataInputAssociation id=\"" + QString::fromStdString(read.value()) +
                                   "\">\\s*<bpmn:sourceRef>" + QString::fromStdString(data.value()) +
                                   "</bpmn:sourceRef>\\s*<bpmn:targetRef>\\1</bpmn:targetRef>");
    QVERIFY2(input.match(QString::fromStdString(xml)).hasMatch(), xml.c_str());
    std::string why;
    QCOMPARE(connectionFor(mutableOf(document_), data.value(), "s", &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("only activities and throwing events read data"));
    QCOMPARE(connectionFor(mutableOf(document_), "g", data.value(), &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("only activities and catching events write data"));
    // Moving the data object takes both ends along.
    QVERIFY(step("move", [&](model::Definitions& d) { return moveShapes(d, 0, {{data.value(), QPointF(60, 0)}}); }).isOk());
    for (const std::string& association : {written.value(), read.value()}) {
      const QPolygonF route = waypointsOf(document_, association);
      const auto ends = *endsOf(document_.definitions(), association);
      QVERIFY(onBorder(route.front(), boundsOf(document_, ends.first)));
      QVERIFY(onBorder(route.back(), boundsOf(document_, ends.second)));
    }
    // Deleting the reading association takes its target property too.
    QVERIFY(step("delete", [&](model::Definitions& d) { return deleteElements(d, {read.value()}); }).isOk());
    QVERIFY(!endsOf(document_.definitions(), read.value()));
    QVERIFY(element(document_, "e2")->otherChildren.empty());
    QVERIFY(!edgeOf(*planeOf(mutableOf(document_), 0), read.value()));
    // An event changing kind keeps the data it may still have: a throw
    // event reads, a catch event does not.
    read = step("connect", [&](model::Definitions& d) { return connectShapes(d, 0, data.value(), "e2"); });
    NewElement throwEvent;
    throwEvent.kind = ElementKind::kIntermediateThrowEvent;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "e2", throwEvent); }).isOk());
    QCOMPARE(*endsOf(document_.definitions(), read.value()), std::pair(data.value(), std::string("e2")));
    QVERIFY(edgeOf(*planeOf(mutableOf(document_), 0), read.value()));
    NewElement catchEvent;
    catchEvent.kind = ElementKind::kIntermediateCatchEvent;
    catchEvent.eventDefinition = model::EventDefinitionKind::kMessage;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "e2", catchEvent); }).isOk());
    QVERIFY(!endsOf(document_.definitions(), read.value()));
    QVERIFY(!edgeOf(*planeOf(mutableOf(document_), 0), read.value()));
    QVERIFY(element(document_, "e2")->otherChildren.empty());

    auto boundary = step("attach", [](model::Definitions& d) {
      return attachBoundaryEvent(d, 0, "t", model::EventDefinitionKind::kCompensate, {300, 100});
    });
    QVERIFY(boundary.isOk());
    // An annotation on it is a plain association.
    auto note = step("connect", [&](model::Definitions& d) { return connectShapes(d, 0, boundary.value(), "ta"); });
    QVERIFY(note.isOk());
    QCOMPARE(connectionFor(mutableOf(document_), boundary.value(), "t", &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("an activity does not compensate for itself"));
    // The compensation activity leaves the sequence flow it was in.
    auto handler = step("create", [](model::Definitions& d) { return createNode(d, 0, ElementKind::kServiceTask, {400, 30}); });
    QVERIFY(handler.isOk());
    auto handlerFlow = step("connect", [&](model::Definitions& d) { return connectShapes(d, 0, handler.value(), "e2"); });
    QVERIFY(handlerFlow.isOk());
    auto compensation = step("connect", [&](model::Definitions& d) {
      return connectShapes(d, 0, boundary.value(), handler.value());
    });
    QVERIFY(compensation.isOk());
    QVERIFY(compensation.value().starts_with("Association_"));
    QVERIFY(element(document_, handler.value())->isForCompensation.value_or(false));
    QVERIFY(!element(document_, handlerFlow.value()) && element(document_, handler.value())->outgoing.empty());
    QCOMPARE(connectionFor(mutableOf(document_), handler.value(), "e", &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("a compensation activity has no sequence flows"));
    QCOMPARE(connectionFor(mutableOf(document_), boundary.value(), "e2", &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("a compensation boundary event connects to the activity that compensates, by an association"));
    QCOMPARE(connectionFor(mutableOf(document_), boundary.value(), "sub", &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("a compensation boundary event has one compensation activity"));
    xml = writeBpmn(document_.definitions());
    QVERIFY2(xml.find("<bpmn:association id=\"" + compensation.value() + "\" sourceRef=\"" + boundary.value() +
                      "\" targetRef=\"" + handler.value() + "\" associationDirection=\"One\" />") != std::string::npos,
             xml.c_str());
    for (const auto& diagnostic : document_.diagnostics()) {
      QVERIFY2(diagnostic.severity != Severity::kError || diagnostic.elementId != boundary.value(),
               diagnostic.render().c_str());
    }
    QVERIFY(step("delete", [&](model::Definitions& d) { return deleteElements(d, {compensation.value()}); }).isOk());
    QVERIFY(!element(document_, handler.value())->isForCompensation);
    // A compensation boundary event turned into another lets go of its
    // compensation activity.
    compensation = step("connect", [&](model::Definitions& d) {
      return connectShapes(d, 0, boundary.value(), handler.value());
    });
    NewElement timer;
    timer.kind = ElementKind::kBoundaryEvent;
    timer.eventDefinition = model::EventDefinitionKind::kTimer;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, boundary.value(), timer); }).isOk());
    QVERIFY(!element(document_, handler.value())->isForCompensation);
    QVERIFY(!endsOf(document_.definitions(), compensation.value()));
    QVERIFY(endsOf(document_.definitions(), note.value()));
  }

  // The canvas: drag a shape (snapped to the grid), rubber band, Delete,
  // arrows, the context pad's append, and F2 label editing.
  void canvasGestures() {
    EditTool tool;
    DiagramView view(document_, 0, tool);
    test::showAt(view, {900, 700}, {300, 250});
    QSignalSpy selected(&view, &DiagramView::selected);
    auto at = [&](QPointF scene) { return view.mapFromScene(scene); };

    // Click selects; a drag moves by the snapped offset, one undo step.
    const int steps = document_.undoStack().count();
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, at({250, 100}));
    QCOMPARE(view.selection(), QStringList{"t"});
    QCOMPARE(selected.last().first().toString(), QString("t"));
    QTest::mouseMove(view.viewport(), at({270, 120}));
    QTest::mouseMove(view.viewport(), at({283, 133}));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at({283, 133}));
    QCOMPARE(document_.undoStack().count(), steps + 1);
    QCOMPARE(boundsOf(document_, "t").center(), QPointF(280, 150));  // centre snapped to the grid

    // The end event's label drags on its own (it has DI label bounds).
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, at({468, 146}));
    QCOMPARE(view.selection(), QStringList{"e"});
    QTest::mouseMove(view.viewport(), at({478, 156}));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at({488, 166}));
    const model::DiElement* end = shapeOf(*planeOf(mutableOf(document_), 0), "e");
    QCOMPARE(rectOf(*end->label->bounds), QRectF(460, 160, 56, 14));
    QCOMPARE(rectOf(*end->bounds), QRectF(450, 100, 36, 36));

    // A selection of shapes and a connection drags as one: the shapes
    // move, the connection between them with them.
    view.setSelection({"g", "f3", "e"});
    const QPolygonF f3 = waypointsOf(document_, "f3");
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, at({375, 110}));
    QTest::mouseMove(view.viewport(), at({385, 120}));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at({395, 130}));
    // Dragged by (20, 20); the gateway's centre (375, 118) snaps to
    // (400, 140), so everything moves by (25, 22).
    QCOMPARE(waypointsOf(document_, "f3"), f3.translated(25, 22));
    QCOMPARE(boundsOf(document_, "g").center(), QPointF(400, 140));
    QCOMPARE(view.selection(), (QStringList{"g", "f3", "e"}));

    // Arrow keys nudge by a grid step.
    view.setSelection({"t"});
    QTest::keyClick(view.viewport(), Qt::Key_Right);
    QCOMPARE(boundsOf(document_, "t").center(), QPointF(290, 150));

    // A rubber band around the start event and the task's first flow.
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, at({80, 80}));
    QTest::mouseMove(view.viewport(), at({150, 150}));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at({150, 150}));
    QCOMPARE(view.selection(), QStringList{"s"});

    // The context pad beside the start event appends a task, connected.
    QGraphicsItem* append = nullptr;
    for (QGraphicsItem* item : view.scene()->items()) {
      if (item->data(2).toString() == "append-task") append = item;
    }
    QVERIFY(append);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(append->sceneBoundingRect().center()));
    QCOMPARE(view.selection().size(), 1);
    const std::string appended = view.selection().front().toStdString();
    QCOMPARE(element(document_, appended)->kind, ElementKind::kTask);
    QCOMPARE(element(document_, appended)->incoming.size(), std::size_t(1));
    QCOMPARE(element(document_, element(document_, appended)->incoming.front())->sourceRef, std::string("s"));

    // F2 opens the label editor; Return renames, one step.
    QTest::keyClick(view.viewport(), Qt::Key_F2);
    QVERIFY(view.labelEditor());
    view.labelEditor()->setText("Check stock");
    QTest::keyClick(view.labelEditor(), Qt::Key_Return);
    QCOMPARE(element(document_, appended)->name, std::string("Check stock"));

    // Delete removes it and its flow.
    const std::string flow = element(document_, appended)->incoming.front();
    QTest::keyClick(view.viewport(), Qt::Key_Delete);
    QVERIFY(!element(document_, appended));
    QVERIFY(!element(document_, flow));
    QVERIFY(view.selection().isEmpty());
  }

  // The context pad's connect icon dragged to a target and released over
  // it connects the selected element to it: one sequence flow, one undo
  // step. While dragging, a line follows the mouse and the shape under it
  // is outlined as allowed or refused (with BPMN's reason in the status
  // bar). Released beside every shape, it connects nothing; a click on
  // the icon and then on the target connects as before.
  void dragToConnect() {
    EditTool tool;
    DiagramView view(document_, 0, tool);
    test::showAt(view, {900, 700}, {300, 250});
    QSignalSpy refused(&view, &DiagramView::refused);
    auto at = [&](QPointF scene) { return view.mapFromScene(scene); };
    auto padCentre = [&](const QString& entry) { return test::padCentre(view, entry); };
    // The target outlined (its id) as "allowed" or "refused", or "".
    auto outlined = [&](const QString& verdict) {
      for (QGraphicsItem* item : view.scene()->items()) {
        if (item->data(3).toString() == verdict) return item->data(2).toString();
      }
      return QString();
    };
    auto previewLine = [&] {
      for (QGraphicsItem* item : view.scene()->items()) {
        if (item->data(3).toString() == "connect-line") return true;
      }
      return false;
    };
    auto sequenceFlows = [&] {
      const auto& elements = findProcess(mutableOf(document_), "p")->flowElements;
      return std::count_if(elements.begin(), elements.end(),
                           [](const model::FlowElement& e) { return e.kind == ElementKind::kSequenceFlow; });
    };
    const auto flowsBefore = sequenceFlows();
    const int steps = document_.undoStack().count();

    view.setSelection({"t"});
    const QPoint connect = padCentre("connect");
    QVERIFY(connect.x() >= 0);
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, connect);
    QTest::mouseMove(view.viewport(), at({200, 200}));
    QVERIFY(previewLine());
    QCOMPARE(outlined("allowed"), QString());
    QTest::mouseMove(view.viewport(), at({118, 118}));  // the start event: refused
    QCOMPARE(outlined("refused"), QString("s"));
    QCOMPARE(refused.last().first().toString(), QString("a start event has no incoming sequence flows"));
    QTest::mouseMove(view.viewport(), at({468, 218}));  // the second end event: allowed
    QCOMPARE(outlined("allowed"), QString("e2"));
    QCOMPARE(outlined("refused"), QString());
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at({468, 218}));
    QCOMPARE(document_.undoStack().count(), steps + 1);
    QCOMPARE(sequenceFlows(), flowsBefore + 1);
    QCOMPARE(view.selection().size(), 1);
    const model::FlowElement* flow = element(document_, view.selection().front().toStdString());
    QVERIFY(flow && flow->kind == ElementKind::kSequenceFlow);
    QCOMPARE(flow->sourceRef, std::string("t"));
    QCOMPARE(flow->targetRef, std::string("e2"));
    QVERIFY(onBorder(waypointsOf(document_, flow->id).back(), boundsOf(document_, "e2")));
    QVERIFY(!previewLine());
    QCOMPARE(tool.mode, EditTool::Mode::kSelect);
    const std::string flowId = flow->id;
    document_.undoStack().undo();
    QCOMPARE(sequenceFlows(), flowsBefore);
    QVERIFY(!element(document_, flowId));

    // Released over the empty canvas: nothing, and the tool is put down.
    view.setSelection({"t"});
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, padCentre("connect"));
    QTest::mouseMove(view.viewport(), at({700, 50}));
    QVERIFY(previewLine());
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at({700, 50}));
    QCOMPARE(document_.undoStack().index(), steps);
    QCOMPARE(sequenceFlows(), flowsBefore);
    QCOMPARE(tool.mode, EditTool::Mode::kSelect);
    QVERIFY(!previewLine());

    // Click, click: the icon arms the tool, the preview follows the
    // mouse, a click on the end event connects.
    view.setSelection({"t"});
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, padCentre("connect"));
    QCOMPARE(tool.mode, EditTool::Mode::kConnect);
    QCOMPARE(tool.source, QString("t"));
    QTest::mouseMove(view.viewport(), at({468, 118}));
    QCOMPARE(outlined("allowed"), QString("e"));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at({468, 118}));
    QCOMPARE(document_.undoStack().index(), steps + 1);
    QCOMPARE(sequenceFlows(), flowsBefore + 1);
    QCOMPARE(element(document_, element(document_, "e")->incoming.back())->sourceRef, std::string("t"));

    // The palette's Connect tool drags alike: pressed on the source,
    // released over the target.
    tool.mode = EditTool::Mode::kConnect;
    tool.source.clear();
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, at({230, 100}));
    QCOMPARE(tool.source, QString("t"));
    QTest::mouseMove(view.viewport(), at({400, 250}));
    QTest::mouseMove(view.viewport(), at({468, 218}));
    QCOMPARE(outlined("allowed"), QString("e2"));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at({468, 218}));
    QCOMPARE(document_.undoStack().index(), steps + 2);
    QCOMPARE(element(document_, element(document_, "e2")->incoming.back())->sourceRef, std::string("t"));
    QCOMPARE(tool.mode, EditTool::Mode::kSelect);
  }

  // File > Export Selection: only the selected elements, cropped to them.
  void exportSelection() {
    QTemporaryDir dir;
    const QString all = dir.filePath("all.svg"), some = dir.filePath("some.svg");
    QVERIFY(exportDiagram(document_, 0, all).isOk());
    QVERIFY(exportDiagram(document_, 0, some, 2.0, {"t", "b"}).isOk());
    const QByteArray whole = test::readAll(all), part = test::readAll(some);
    auto size = [](const QByteArray& svg) {
      const auto match = QRegularExpression("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"").match(QString::fromUtf8(svg));
      return QSizeF(match.captured(1).toDouble(), match.captured(2).toDouble());
    };
    // The task (200..300, 78..158) and its boundary event (down to 176),
    // with the strokes' 6 and the export's 20 on each side.
    QCOMPARE(size(part), QSizeF(152, 150));
    QVERIFY(size(whole).width() > 500);
    QVERIFY(whole.contains("Note") && !part.contains("Note"));  // the annotation is left out
    QVERIFY(!exportDiagram(document_, 0, some, 2.0, {"nothing-here"}).isOk());
  }

  // What a review of the editing commands found, each kept fixed.
  void poolsAndLanesGoWhole() {
    QVERIFY(document_.openBytes(kCollaboration, "pools.bpmn").isOk());
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"shop"}); }).isOk());
    QVERIFY(!boundsOf(document_, "sales").isValid());
    QVERIFY(!boundsOf(document_, "store").isValid());
    // An annotation in a pool stays out of its lanes, and may sit beside
    // the pools.
    QVERIFY(document_.openBytes(kCollaboration, "pools.bpmn").isOk());
    NewElement note;
    note.category = NewElement::Category::kTextAnnotation;
    auto created = step("note", [&](model::Definitions& d) { return createElement(d, 0, note, {300, 200}); });
    QVERIFY(created.isOk());
    const std::string id = created.value();
    QVERIFY(step("move", [&](model::Definitions& d) { return moveShapes(d, 0, {{id, QPointF(0, -100)}}); }).isOk());
    QCOMPARE(findLane(mutableOf(document_), "sales").second->flowNodeRefs, std::vector<std::string>{"order"});
    QVERIFY(step("move", [&](model::Definitions& d) { return moveShapes(d, 0, {{id, QPointF(900, 0)}}); }).isOk());
  }

  // Two connected nodes dropped together into the sub-process keep their
  // flow; a message flow whose ends come to share a pool goes.
  void droppedTogether() {
    QVERIFY(step("move", [](model::Definitions& d) {
              return moveShapes(d, 0, {{"g", QPointF(-200, 250)}, {"e", QPointF(-200, 250)}});
            }).isOk());
    QCOMPARE(ownerOf(document_, "g"), std::string("sub"));
    QCOMPARE(ownerOf(document_, "f3"), std::string("sub"));
    QVERIFY(!element(document_, "f2") && !element(document_, "f4"));
    QVERIFY(document_.openBytes(kCollaboration, "pools.bpmn").isOk());
    auto message = step("connect", [](model::Definitions& d) { return connectShapes(d, 0, "order", "pay"); });
    QVERIFY(message.isOk());
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"order", QPointF(250, 400)}}); }).isOk());
    QCOMPARE(ownerOf(document_, "order"), std::string("p2"));
    QVERIFY(mutableOf(document_).collaborations().front()->messageFlows.empty());
  }

  // Copying: a sub-process and something inside it, in either order, is
  // the sub-process once; a boundary event alone is not copied; a copy
  // pasted beside its original does not land inside it.
  void copySelectionsOfAnyOrder() {
    for (const std::vector<std::string>& ids : {std::vector<std::string>{"st", "sub"}, {"sub", "st"}}) {
      const Clipboard copied = copyElements(document_.definitions(), 0, ids);
      QCOMPARE(copied.elements.size(), std::size_t(1));
      auto pasted = step("paste", [&](model::Definitions& d) { return pasteElements(d, 0, copied, {0, 300}); });
      QVERIFY(pasted.isOk());
      QCOMPARE(element(document_, pasted.value())->flowElements.size(), std::size_t(3));
      for (const auto& inner : element(document_, pasted.value())->flowElements) {  // drawn, flows too
        const model::DiPlane& plane = *planeOf(mutableOf(document_), 0);
        QVERIFY2(inner.kind == ElementKind::kSequenceFlow ? edgeOf(const_cast<model::DiPlane&>(plane), inner.id)
                                                          : shapeOf(plane, inner.id),
                 inner.id.c_str());
      }
    }
    QVERIFY(copyElements(document_.definitions(), 0, {"b"}).empty());
    const Clipboard sub = copyElements(document_.definitions(), 0, {"sub"});
    auto beside = step("paste", [&](model::Definitions& d) { return pasteElements(d, 0, sub, {40, 40}); });
    QVERIFY(beside.isOk());
    QCOMPARE(ownerOf(document_, beside.value()), std::string("p"));
    QCOMPARE(element(document_, "sub")->flowElements.size(), std::size_t(3));
  }

  // A real file's tasks carry ioSpecification and data associations:
  // copies get ids of their own, and deleting or replacing keeps every DI
  // element pointing at something (step() checks both).
  void verbatimContentOfRealFiles() {
    const QString file = test::corporaDir() + "/miwg/reference/C.1.1.bpmn";
    QVERIFY(document_.openBytes(test::readAll(file), file).isOk());
    const Clipboard copied = copyElements(document_.definitions(), 0, {"reviewInvoice"});
    QVERIFY(step("paste", [&](model::Definitions& d) { return pasteElements(d, 0, copied, {0, 400}); }).isOk());
    NewElement script;
    script.kind = ElementKind::kScriptTask;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "approveInvoice", script); }).isOk());
    QVERIFY(!element(document_, "approveInvoice")->otherChildren.empty());
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"approveInvoice"}); }).isOk());
  }

  // Pasting into another file: what the copy refers to comes along (a
  // message with its item definition, a data object, a group's category
  // value), under a new id where the target uses the id otherwise and
  // reused where the target has it (the same signal); vendor content and
  // colours keep their namespaces under the target's prefixes (its zeebe:
  // prefix means something else there). A second paste adds nothing twice.
  void pasteIntoAnotherFile() {
    BpmnDocument source;
    QVERIFY(source.openBytes(test::readAll(test::sourceDir() + "/tests/modeler/data/paste_source.bpmn"),
                             "paste_source.bpmn")
                .isOk());
    const Clipboard copied = copyElements(source.definitions(), 0, {"start", "ship", "orderRef", "cancel", "group"});
    QVERIFY(document_.openBytes(test::readAll(test::sourceDir() + "/tests/modeler/data/paste_target.bpmn"),
                                "paste_target.bpmn")
                .isOk());
    for (int round = 0; round < 2; ++round) {
      QVERIFY(step("paste", [&](model::Definitions& d) {
                return pasteElements(d, 0, copied, {0, 250.0 * round});
              }).isOk());
    }
    model::Definitions& d = mutableOf(document_);
    for (const auto& diagnostic : document_.diagnostics()) {
      QVERIFY2(diagnostic.severity != Severity::kError, diagnostic.render().c_str());
    }
    // Roots: the message once, its item definition under a new id, the
    // target's own signal, the category with the value the group names.
    const auto messages = d.globals(model::GlobalElement::Kind::kMessage);
    QCOMPARE(messages.size(), std::size_t(1));
    QCOMPARE(messages.front()->id, std::string("Message_order"));
    QCOMPARE(messages.front()->name, std::string("order placed"));
    const std::string item = messages.front()->ref;
    QVERIFY(item.starts_with("ItemDefinition_") && item != "ItemDefinition_order");
    QCOMPARE(d.globals(model::GlobalElement::Kind::kSignal).size(), std::size_t(1));
    int items = 0;
    int categories = 0;
    std::set<std::string> values;
    for (const auto& root : d.rootElements) {
      const auto* other = std::get_if<model::XmlElement>(&root);
      if (!other) continue;
      if (other->localName() == "itemDefinition") {
        ++items;
        QCOMPARE(std::string(other->attribute("id")), item);
        QCOMPARE(other->qname, std::string("bpmn2:itemDefinition"));
      }
      if (other->localName() == "category") {
        ++categories;
        QCOMPARE(std::string(other->attribute("id")), std::string("Category_1"));
        collectXmlIds(other->children, values);
      }
    }
    QCOMPARE(items, 1);
    QCOMPARE(categories, 1);
    // The pasted elements name them; each copy's data object reference has
    // a data object in the target process.
    int starts = 0;
    int ends = 0;
    int references = 0;
    const model::Process* process = d.findProcess("Process_dst");
    for (const auto& e : process->flowElements) {
      if (e.kind == ElementKind::kStartEvent) {
        ++starts;
        QCOMPARE(e.eventDefinitions.front().ref, std::string("Message_order"));
      } else if (e.kind == ElementKind::kEndEvent) {
        ++ends;
        QCOMPARE(e.eventDefinitions.front().ref, std::string("Signal_1"));
      } else if (e.kind == ElementKind::kDataObjectReference) {
        ++references;
        const model::FlowElement* object = element(document_, e.dataObjectRef);
        QVERIFY(object && object->kind == ElementKind::kDataObject);
        QCOMPARE(object->itemSubjectRef, item);
      }
    }
    QCOMPARE(starts, 2);
    QCOMPARE(ends, 2);
    QCOMPARE(references, 2);
    // The category is free in the target, its value's id is not: each
    // pasted group names a value of its own under a new id.
    QCOMPARE(process->artifacts.size(), std::size_t(2));
    for (const auto& group : process->artifacts) {
      QVERIFY(group.categoryValueRef != "CategoryValue_1" && values.count(group.categoryValueRef));
    }
    QVERIFY(values.count("CategoryValue_other"));
    // Namespaces: zeebe content under a prefix of its own, xsi and bioc
    // declared, the expression's type written with the target's prefix.
    const std::string xml = writeBpmn(d);
    QVERIFY2(xml.find("xmlns:zeebe2=\"http://camunda.org/schema/zeebe/1.0\"") != std::string::npos, xml.c_str());
    QVERIFY(xml.find("<zeebe2:taskDefinition type=\"ship\" retries=\"5\"") != std::string::npos);
    QVERIFY(xml.find("<zeebe2:subscription correlationKey=\"=orderId\"") != std::string::npos);
    QVERIFY(xml.find("xsi:type=\"bpmn2:tFormalExpression\"") != std::string::npos);
    QVERIFY(xml.find("xmlns:bioc=\"http://bpmn.io/schema/bpmn/biocolor/1.0\"") != std::string::npos);
    QVERIFY(xml.find("bioc:stroke=\"#1e88e5\"") != std::string::npos);
  }

  // §10.3.5: no sequence flows into or out of an event sub-process, and no
  // boundary events on it; an error boundary event always interrupts.
  void eventSubProcessesAndInterrupting() {
    QVERIFY(step("event sub-process", [](model::Definitions& d) -> Result<std::string> {
              findFlowElement(d, "sub")->triggeredByEvent = true;
              return std::string("sub");
            }).isOk());
    std::string why;
    QCOMPARE(connectionFor(mutableOf(document_), "t", "sub", &why), ConnectionKind::kNone);
    QCOMPARE(why, std::string("an event sub-process has no incoming or outgoing sequence flows"));
    QVERIFY(!step("attach", [](model::Definitions& d) {
               return attachBoundaryEvent(d, 0, "sub", std::nullopt, {100, 400});
             }).isOk());
    QVERIFY(step("non-interrupting", [](model::Definitions& d) -> Result<std::string> {
              findFlowElement(d, "b")->cancelActivity = false;
              return std::string("b");
            }).isOk());
    NewElement error;
    error.kind = ElementKind::kBoundaryEvent;
    error.eventDefinition = model::EventDefinitionKind::kError;
    QVERIFY(step("replace", [&](model::Definitions& d) { return replaceElement(d, 0, "b", error); }).isOk());
    QVERIFY(!element(document_, "b")->cancelActivity);
  }

  // A gesture that changes nothing (aligning what is aligned) is no step
  // and leaves the file unmodified.
  void noStepForNothing() {
    auto aligned = document_.change("align", [](model::Definitions& d) {
      return alignShapes(d, 0, {"f1", "s"}, Alignment::kLeft);  // one shape: refused
    });
    QVERIFY(!aligned.isOk());
    QVERIFY(document_.change("align", [](model::Definitions& d) {
                      return alignShapes(d, 0, {"e", "e2"}, Alignment::kLeft);  // both at x 450
                    }).isOk());
    QCOMPARE(document_.undoStack().count(), 0);
    QVERIFY(!document_.isModified());
  }

  // A collapsed sub-process whose inside has a diagram of its own shows
  // the drill-down marker; it (or a double click) asks to open that
  // diagram; elements created there go into the sub-process.
  void drillDown() {
    QVERIFY(document_.openBytes(test::readAll(test::sourceDir() + "/tests/modeler/data/drilldown.bpmn"), "drill.bpmn")
                .isOk());
    EditTool tool;
    DiagramView view(document_, 0, tool);
    test::showAt(view, {600, 400}, {150, 140});
    QSignalSpy drill(&view, &DiagramView::drillDown);
    QGraphicsItem* marker = nullptr;
    for (QGraphicsItem* item : view.scene()->items()) {
      if (item->data(1).toString() == "drill") marker = item;
    }
    QVERIFY(marker);
    QCOMPARE(marker->data(2).toString(), QString("ship"));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(marker->sceneBoundingRect().center()));
    QCOMPARE(drill.count(), 1);
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(QPointF(130, 120)));
    QCOMPARE(drill.count(), 2);
    QCOMPARE(drill.last().first().toString(), QString("ship"));
    auto created = step("create", [](model::Definitions& d) { return createNode(d, 1, ElementKind::kEndEvent, {300, 118}); });
    QVERIFY(created.isOk());
    QCOMPARE(ownerOf(document_, created.value()), std::string("ship"));
    QVERIFY(boundsOf(document_, created.value(), 1).isValid());
  }
};

QTEST_MAIN(TstEditing)
#include "tst_editing.moc"

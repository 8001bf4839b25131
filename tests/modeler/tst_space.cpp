// bpmn.io's space tool (space_tool.h): exact bounds and waypoints after
// making and removing space in a process and in pools with lanes, each one
// undo step that undoes and redoes exactly and saves and reads back equal;
// and the palette's Space tool driven by the mouse on an offscreen canvas.
#include <QGraphicsItem>
#include <QtTest>
#include <functional>

#include "bpmn/parser.h"
#include "bpmn/writer.h"
#include "bpmn_document.h"
#include "canvas_probe.h"
#include "diagram_view.h"
#include "lane_layout.h"
#include "model_access.h"
#include "space_tool.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;

namespace {

// A process: s (100,100) -> t (200,78 100x80, boundary b below) -> g
// (350,93) -> e (450,100, label 440,140) / e2 (450,200); an expanded
// sub-process (100,300 350x200) holding si and st (220..320); an
// annotation ta (500,300) associated with t.
const QByteArray kProcess = test::readAll(test::sourceDir() + "/tests/modeler/data/editing.bpmn");
// A horizontal pool (0,0 600x360) with lane A (child lanes A1 0..120, A2
// 120..240) and lane B (240..360), tasks t1, t2 (y 150..230), t3 (y
// 260..340) with t2 -> t3; a vertical pool (700,0 360x600) with lanes V1
// and V2.
const QByteArray kLanes = test::readAll(test::sourceDir() + "/tests/modeler/data/lanes.bpmn");

model::Definitions& mutableOf(BpmnDocument& document) {
  return const_cast<model::Definitions&>(document.definitions());
}

}  // namespace

class TstSpace : public QObject {
  Q_OBJECT

  BpmnDocument document_;

  QRectF rect(const std::string& id) {
    const model::DiElement* shape = shapeOf(*planeOf(mutableOf(document_), 0), id);
    return shape && shape->bounds ? rectOf(*shape->bounds) : QRectF();
  }
  QRectF label(const std::string& id) {
    const model::DiElement* shape = shapeOf(*planeOf(mutableOf(document_), 0), id);
    return shape && shape->label && shape->label->bounds ? rectOf(*shape->label->bounds) : QRectF();
  }
  QPolygonF route(const std::string& id) {
    const model::DiElement* edge = edgeOf(*planeOf(mutableOf(document_), 0), id);
    return edge ? polygonOf(*edge) : QPolygonF();
  }

  // makeSpace as one undo step: undo gives back the model before, redo the
  // model after, and the file reads back equal.
  Result<std::string> space(QPointF start, QPointF delta, SpaceSide side = SpaceSide::kAfter) {
    const model::Definitions before = document_.definitions();
    const int steps = document_.undoStack().count();
    auto result = document_.change(
        "Make space", [&](model::Definitions& definitions) { return makeSpace(definitions, 0, start, delta, side); });
    if (!result.isOk()) {
      [&] {
        QVERIFY2(document_.definitions() == before, "a refused space changed the model");
        QCOMPARE(document_.undoStack().count(), steps);
      }();
      return result;
    }
    const model::Definitions after = document_.definitions();
    [&] {
      QCOMPARE(document_.undoStack().count(), steps + 1);
      document_.undoStack().undo();
      QVERIFY2(document_.definitions() == before, "undo did not restore the model");
      document_.undoStack().redo();
      QVERIFY2(document_.definitions() == after, "redo differs");
      ParseResult again = parseBpmn(writeBpmn(after), "saved.bpmn");
      QVERIFY(again.definitions);
      QVERIFY2(*again.definitions == after, "does not read back equal");
    }();
    return result;
  }

 private slots:
  void init() { QVERIFY(document_.openBytes(kProcess, "editing.bpmn").isOk()); }

  // Dragging right from x 320 inserts 100: what lies wholly right of the
  // line moves, the sub-process the line crosses grows, the rest stays; a
  // flow from a staying to a moved shape stretches.
  void insertHorizontally() {
    QVERIFY(space({320, 50}, {100, 12}).isOk());
    QCOMPARE(rect("s"), QRectF(100, 100, 36, 36));
    QCOMPARE(rect("t"), QRectF(200, 78, 100, 80));
    QCOMPARE(rect("b"), QRectF(232, 140, 36, 36));
    QCOMPARE(rect("g"), QRectF(450, 93, 50, 50));
    QCOMPARE(rect("e"), QRectF(550, 100, 36, 36));
    QCOMPARE(label("e"), QRectF(540, 140, 56, 14));
    QCOMPARE(rect("e2"), QRectF(550, 200, 36, 36));
    QCOMPARE(rect("sub"), QRectF(100, 300, 450, 200));  // crossed: grows on the right
    QCOMPARE(rect("si"), QRectF(130, 380, 36, 36));
    QCOMPARE(rect("st"), QRectF(220, 358, 100, 80));  // its right edge on the line: stays
    QCOMPARE(rect("ta"), QRectF(600, 300, 100, 30));
    QCOMPARE(route("f1"), QPolygonF({QPointF(136, 118), QPointF(200, 118)}));
    QCOMPARE(route("f2"), QPolygonF({QPointF(300, 118), QPointF(450, 118)}));  // stretched
    QCOMPARE(route("f3"), QPolygonF({QPointF(500, 118), QPointF(550, 118)}));
    QCOMPARE(route("f4"), QPolygonF({QPointF(475, 143), QPointF(475, 218), QPointF(550, 218)}));
    QCOMPARE(route("f5"), QPolygonF({QPointF(250, 176), QPointF(250, 218), QPointF(550, 218)}));
    QCOMPARE(route("sf"), QPolygonF({QPointF(166, 398), QPointF(220, 398)}));
    QCOMPARE(route("a1"), QPolygonF({QPointF(620, 300), QPointF(300, 140)}));
  }

  // Dragging left removes space; as far as the crossed sub-process allows:
  // it keeps its content (st ends at 320, plus 10) inside, so 300 asked
  // gives 120 for everything.
  void removeHorizontallyClamped() {
    QVERIFY(space({320, 50}, {-40, 0}).isOk());
    QCOMPARE(rect("g"), QRectF(310, 93, 50, 50));
    QCOMPARE(rect("sub"), QRectF(100, 300, 310, 200));
    QCOMPARE(route("f2"), QPolygonF({QPointF(300, 118), QPointF(310, 118)}));
    QVERIFY(document_.openBytes(kProcess, "editing.bpmn").isOk());
    const auto plan = planSpace(mutableOf(document_), 0, {320, 50}, {-300, 0});
    QVERIFY(plan.isOk());
    QCOMPARE(plan.value().delta, -120.0);
    QVERIFY(space({320, 50}, {-300, 0}).isOk());
    QCOMPARE(rect("sub"), QRectF(100, 300, 230, 200));
    QCOMPARE(rect("st"), QRectF(220, 358, 100, 80));
    QCOMPARE(rect("g"), QRectF(230, 93, 50, 50));
    QCOMPARE(rect("e"), QRectF(330, 100, 36, 36));
    QCOMPARE(label("e"), QRectF(320, 140, 56, 14));
    QCOMPARE(rect("ta"), QRectF(380, 300, 100, 30));
    // Nothing more to give: refused, no undo step.
    auto refused = space({320, 50}, {-50, 0});
    QVERIFY(!refused.isOk());
    QVERIFY(QString::fromStdString(refused.status().message()).contains("no space to remove"));
    // A drag of no length is refused too.
    QVERIFY(!space({320, 50}, {0, 0}).isOk());
  }

  // Boundary events of a shrinking sub-process stay on its border, as
  // bpmn.io keeps attachers on their host: sb on the bottom edge (centre x
  // 390) before the line stays, so the right edge stops at 390 (60 of the
  // 120 st would allow); sbr on the right edge, which the line at 440
  // crosses, moves with that edge. Moving to the left from x 140, what
  // moves stops at the left edge: sb2 (centre 200) at 100, st (at 220)
  // keeps 10 from it, so 300 asked gives 100.
  void removeKeepsBoundaryEventsOnTheHost() {
    QByteArray file = kProcess;
    file.replace("<bpmn:subProcess id=\"sub\">",
                 "<bpmn:boundaryEvent id=\"sb\" attachedToRef=\"sub\"/>"
                 "<bpmn:boundaryEvent id=\"sbr\" attachedToRef=\"sub\"/>"
                 "<bpmn:boundaryEvent id=\"sb2\" attachedToRef=\"sub\"/><bpmn:subProcess id=\"sub\">");
    file.replace("<bpmndi:BPMNShape id=\"ta_di\"",
                 "<bpmndi:BPMNShape id=\"sb_di\" bpmnElement=\"sb\"><dc:Bounds x=\"372\" y=\"482\" width=\"36\" "
                 "height=\"36\"/></bpmndi:BPMNShape>"
                 "<bpmndi:BPMNShape id=\"sbr_di\" bpmnElement=\"sbr\"><dc:Bounds x=\"432\" y=\"382\" width=\"36\" "
                 "height=\"36\"/></bpmndi:BPMNShape>"
                 "<bpmndi:BPMNShape id=\"sb2_di\" bpmnElement=\"sb2\"><dc:Bounds x=\"182\" y=\"482\" width=\"36\" "
                 "height=\"36\"/></bpmndi:BPMNShape><bpmndi:BPMNShape id=\"ta_di\"");
    QVERIFY(document_.openBytes(file, "attached.bpmn").isOk());
    QCOMPARE(rect("sb"), QRectF(372, 482, 36, 36));
    auto plan = planSpace(mutableOf(document_), 0, {440, 50}, {-300, 0});
    QVERIFY(plan.isOk());
    QCOMPARE(plan.value().delta, -60.0);
    QVERIFY(space({440, 50}, {-300, 0}).isOk());
    QCOMPARE(rect("sub"), QRectF(100, 300, 290, 200));
    QCOMPARE(rect("sb"), QRectF(372, 482, 36, 36));  // at the corner
    QCOMPARE(rect("sbr"), QRectF(372, 382, 36, 36));
    QCOMPARE(rect("sb2"), QRectF(182, 482, 36, 36));
    QCOMPARE(rect("st"), QRectF(220, 358, 100, 80));
    QCOMPARE(rect("e"), QRectF(390, 100, 36, 36));

    QVERIFY(document_.openBytes(file, "attached.bpmn").isOk());
    plan = planSpace(mutableOf(document_), 0, {140, 50}, {-300, 0});
    QVERIFY(plan.isOk());
    QCOMPARE(plan.value().delta, -100.0);
    QVERIFY(space({140, 50}, {-300, 0}).isOk());
    QCOMPARE(rect("sub"), QRectF(100, 300, 250, 200));
    QCOMPARE(rect("sb2"), QRectF(82, 482, 36, 36));  // at the corner
    QCOMPARE(rect("sb"), QRectF(272, 482, 36, 36));
    QCOMPARE(rect("sbr"), QRectF(332, 382, 36, 36));
    QCOMPARE(rect("st"), QRectF(120, 358, 100, 80));
    QCOMPARE(rect("si"), QRectF(130, 380, 36, 36));
  }

  // With bpmn.io's modifier the shapes before the line move instead: the
  // sub-process grows on the left, the flow from t to g stretches.
  void insertBefore() {
    QVERIFY(space({320, 50}, {-100, 0}, SpaceSide::kBefore).isOk());
    QCOMPARE(rect("s"), QRectF(0, 100, 36, 36));
    QCOMPARE(rect("t"), QRectF(100, 78, 100, 80));
    QCOMPARE(rect("b"), QRectF(132, 140, 36, 36));
    QCOMPARE(rect("g"), QRectF(350, 93, 50, 50));
    QCOMPARE(rect("sub"), QRectF(0, 300, 450, 200));
    QCOMPARE(rect("st"), QRectF(120, 358, 100, 80));
    QCOMPARE(route("f2"), QPolygonF({QPointF(200, 118), QPointF(350, 118)}));
    QCOMPARE(route("f5"), QPolygonF({QPointF(150, 176), QPointF(150, 218), QPointF(450, 218)}));
  }

  // Vertically in a collaboration: in the horizontal pool the line at y
  // 180 crosses lane A2 (and A): they and the pool grow, lane B and t3
  // move down, the lanes stay tiled; the vertical pool the line crosses
  // across its lanes grows with them (PoolLanes).
  void insertVerticallyInLanes() {
    QVERIFY(document_.openBytes(kLanes, "lanes.bpmn").isOk());
    QVERIFY(space({300, 180}, {20, 100}).isOk());
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 460));
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 340));
    QCOMPARE(rect("A1"), QRectF(60, 0, 540, 120));
    QCOMPARE(rect("A2"), QRectF(60, 120, 540, 220));
    QCOMPARE(rect("B"), QRectF(30, 340, 570, 120));
    QCOMPARE(rect("t1"), QRectF(100, 20, 100, 80));
    QCOMPARE(rect("t2"), QRectF(100, 150, 100, 80));
    QCOMPARE(rect("t3"), QRectF(100, 360, 100, 80));
    // The flow's start left t2 with the line: routed anew.
    QCOMPARE(route("f1"), QPolygonF({QPointF(150, 230), QPointF(150, 360)}));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 360, 700));
    QCOMPARE(rect("V1"), QRectF(700, 30, 180, 670));
    QCOMPARE(rect("V2"), QRectF(880, 30, 180, 670));
    QCOMPARE(rect("vt"), QRectF(740, 100, 100, 80));
    const model::Lane* b = findLane(mutableOf(document_), "B").second;
    QCOMPARE(b->flowNodeRefs, std::vector<std::string>{"t3"});
    const model::Lane* a2 = findLane(mutableOf(document_), "A2").second;
    QCOMPARE(a2->flowNodeRefs, std::vector<std::string>{"t2"});
    const model::Lane* a = findLane(mutableOf(document_), "A").second;
    QCOMPARE(a->flowNodeRefs, (std::vector<std::string>{"t1", "t2"}));  // A's partition
  }

  // Removing space vertically: lane B may lose only what t3 leaves (its
  // bottom 340 plus 10), so 200 asked gives 10, for the vertical pool too.
  void removeVerticallyInLanes() {
    QVERIFY(document_.openBytes(kLanes, "lanes.bpmn").isOk());
    QVERIFY(space({300, 350}, {0, -200}).isOk());
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 350));
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 240));
    QCOMPARE(rect("B"), QRectF(30, 240, 570, 110));
    QCOMPARE(rect("t3"), QRectF(100, 260, 100, 80));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 360, 590));
    QCOMPARE(rect("V2"), QRectF(880, 30, 180, 560));
    // Horizontally across the horizontal pool: the pool and every lane
    // grow on the right.
    QVERIFY(space({300, 50}, {100, 0}).isOk());
    QCOMPARE(rect("pool"), QRectF(0, 0, 700, 350));
    QCOMPARE(rect("A1"), QRectF(60, 0, 640, 120));
    QCOMPARE(rect("B"), QRectF(30, 240, 670, 110));
    QCOMPARE(rect("vpool"), QRectF(800, 0, 360, 590));
    QCOMPARE(rect("V1"), QRectF(800, 30, 180, 560));
  }

  // Removing space through a pool keeps what moves inside it, as a
  // sub-process keeps its content: 10 (kPoolMargin) from the edge that
  // stays, and off the label band when the band lies on that side. Left
  // from x 90 in the horizontal pool: the pool alone could lose 270, but
  // t1, t2, t3 (x 100) stop at 40 (band 30 plus 10), so 300 asked gives
  // 60, for the vertical pool beyond the line too; the tasks keep their
  // lanes.
  void removeKeepsMovingContentInThePool() {
    QVERIFY(document_.openBytes(kLanes, "lanes.bpmn").isOk());
    auto plan = planSpace(mutableOf(document_), 0, {90, 50}, {-300, 0});
    QVERIFY(plan.isOk());
    QCOMPARE(plan.value().delta, -60.0);
    QVERIFY(space({90, 50}, {-300, 0}).isOk());
    QCOMPARE(rect("pool"), QRectF(0, 0, 540, 360));
    QCOMPARE(rect("A1"), QRectF(60, 0, 480, 120));
    QCOMPARE(rect("B"), QRectF(30, 240, 510, 120));
    QCOMPARE(rect("t1"), QRectF(40, 20, 100, 80));
    QCOMPARE(rect("t2"), QRectF(40, 150, 100, 80));
    QCOMPARE(rect("t3"), QRectF(40, 260, 100, 80));
    QCOMPARE(route("f1"), QPolygonF({QPointF(90, 230), QPointF(90, 260)}));
    QCOMPARE(rect("vpool"), QRectF(640, 0, 360, 600));
    QCOMPARE(rect("vt"), QRectF(680, 100, 100, 80));
    QCOMPARE(findLane(mutableOf(document_), "A1").second->flowNodeRefs, std::vector<std::string>{"t1"});
    QCOMPARE(findLane(mutableOf(document_), "A2").second->flowNodeRefs, std::vector<std::string>{"t2"});
    QCOMPARE(findLane(mutableOf(document_), "B").second->flowNodeRefs, std::vector<std::string>{"t3"});
    // From x 30 the tasks move and are at 40 already: refused.
    QVERIFY(!space({30, 50}, {-100, 0}).isOk());

    // Up from y 10: lane A1 could lose 60, but t1 (y 20) stops 10 below
    // the pool's top (the band lies on the left here), so 200 asked gives
    // 10; in the vertical pool vt (y 100) would stop at 40 (band 30 plus
    // 10) anyway.
    QVERIFY(document_.openBytes(kLanes, "lanes.bpmn").isOk());
    plan = planSpace(mutableOf(document_), 0, {300, 10}, {0, -200});
    QVERIFY(plan.isOk());
    QCOMPARE(plan.value().delta, -10.0);
    QVERIFY(space({300, 10}, {0, -200}).isOk());
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 350));
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 230));
    QCOMPARE(rect("A1"), QRectF(60, 0, 540, 110));
    QCOMPARE(rect("A2"), QRectF(60, 110, 540, 120));
    QCOMPARE(rect("B"), QRectF(30, 230, 570, 120));
    QCOMPARE(rect("t1"), QRectF(100, 10, 100, 80));
    QCOMPARE(rect("t2"), QRectF(100, 140, 100, 80));
    QCOMPARE(rect("t3"), QRectF(100, 250, 100, 80));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 360, 590));
    QCOMPARE(rect("V1"), QRectF(700, 30, 180, 560));
    QCOMPARE(rect("vt"), QRectF(740, 90, 100, 80));
    QCOMPARE(findLane(mutableOf(document_), "A1").second->flowNodeRefs, std::vector<std::string>{"t1"});
  }

  // The palette's Space tool on the canvas: press, drag right, release:
  // one undo step, the same result as the command; the tool is put down.
  void canvasSpaceTool() {
    EditTool tool;
    tool.mode = EditTool::Mode::kSpace;
    DiagramView view(document_, 0, tool);
    test::showAt(view, {900, 700}, {300, 250});
    auto at = [&](QPointF scene) { return view.mapFromScene(scene); };
    const int steps = document_.undoStack().count();
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, at({320, 50}));
    QTest::mouseMove(view.viewport(), at({370, 55}));
    QTest::mouseMove(view.viewport(), at({418, 52}));
    // The preview: the line where the drag started, the moving shapes'
    // outlines where they will be.
    bool line = false, outline = false;
    for (QGraphicsItem* item : view.scene()->items()) {
      const QString role = item->data(3).toString();
      line = line || role == "space-line";
      outline = outline || role == "space-outline";
    }
    QVERIFY(line);
    QVERIFY(outline);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at({418, 52}));
    QCOMPARE(document_.undoStack().count(), steps + 1);
    QCOMPARE(rect("g"), QRectF(450, 93, 50, 50));  // 98 snapped to the grid: 100
    QCOMPARE(rect("sub"), QRectF(100, 300, 450, 200));
    QCOMPARE(tool.mode, EditTool::Mode::kSelect);
    for (QGraphicsItem* item : view.scene()->items()) QVERIFY(item->data(3).toString().isEmpty());
  }
};

QTEST_MAIN(TstSpace)
#include "tst_space.moc"

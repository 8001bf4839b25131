// Pools and nested lanes tile as in bpmn.io (lane_layout.h): after every
// resize, added lane and deleted lane, a pool's lanes fill the pool less
// its 30 unit label band, a lane's child lanes fill that lane less its
// band, stacked without gaps or overlaps; exact bounds after each step,
// each step one undo step that undoes and redoes exactly and saves and
// reads back equal.
#include <QGraphicsItem>
#include <QtTest>
#include <functional>

#include "arrange.h"
#include "bpmn/parser.h"
#include "bpmn/writer.h"
#include "bpmn_document.h"
#include "canvas_probe.h"
#include "diagram_view.h"
#include "editing.h"
#include "lane_layout.h"
#include "model_access.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;

namespace {

// A horizontal pool (0,0 600x360) with lane A (child lanes A1, A2) and
// lane B, a task in each leaf lane (t2 -> t3); a vertical pool (700,0
// 360x600, band at the top) with lanes V1 (holding task vt) and V2.
const QByteArray kLanes = test::readAll(test::sourceDir() + "/tests/modeler/data/lanes.bpmn");

model::Definitions& mutableOf(BpmnDocument& document) {
  return const_cast<model::Definitions&>(document.definitions());
}

}  // namespace

class TstLanes : public QObject {
  Q_OBJECT

  BpmnDocument document_;
  // What tiled() expects of every lane's length (a file may draw shorter
  // lanes, which keep their length).
  double minimumLength_ = kLaneMinLength;

  QRectF rect(const std::string& id) {
    const model::DiElement* shape = shapeOf(*planeOf(mutableOf(document_), 0), id);
    return shape && shape->bounds ? rectOf(*shape->bounds) : QRectF();
  }

  std::vector<std::string> refs(const std::string& lane) {
    const model::Lane* found = findLane(mutableOf(document_), lane).second;
    return found ? found->flowNodeRefs : std::vector<std::string>{"<no lane " + lane + ">"};
  }

  // One undo step; undo gives back the model before, redo the model
  // after; the file reads back equal; the pools stay tiled.
  Result<std::string> step(const QString& what, const std::function<Result<std::string>(model::Definitions&)>& edit) {
    const model::Definitions before = document_.definitions();
    const int steps = document_.undoStack().count();
    auto result = document_.change(what, edit);
    if (!result.isOk()) {
      [&] { QVERIFY2(document_.definitions() == before, "a refused edit changed the model"); }();
      return result;
    }
    const model::Definitions after = document_.definitions();
    if (after == before) {  // clamped to nothing: no undo step
      [&] { QCOMPARE(document_.undoStack().count(), steps); }();
      return result;
    }
    [&] { QCOMPARE(document_.undoStack().count(), steps + 1); }();
    document_.undoStack().undo();
    [&] { QVERIFY2(document_.definitions() == before, qPrintable(what + ": undo did not restore the model")); }();
    document_.undoStack().redo();
    [&] { QVERIFY2(document_.definitions() == after, qPrintable(what + ": redo differs")); }();
    ParseResult again = parseBpmn(writeBpmn(after), "saved.bpmn");
    [&] {
      QVERIFY(again.definitions);
      QVERIFY2(*again.definitions == after, qPrintable(what + ": does not read back equal"));
    }();
    tiled("pool");
    tiled("vpool");
    return result;
  }

  // The lanes of the pool fill its body, nested lanes their lane's body,
  // in stacking order without gaps or overlaps, none under the minimum.
  void tiled(const std::string& poolId) {
    model::Definitions& definitions = mutableOf(document_);
    const model::Participant* pool = findParticipant(definitions, poolId).second;
    if (!pool) return;
    const model::Process* process = findProcess(definitions, model::localRef(pool->processRef));
    const model::DiElement* shape = shapeOf(*planeOf(definitions, 0), poolId);
    const bool horizontal = shape->isHorizontal.value_or(true);
    std::function<void(const std::vector<model::LaneSet>&, const QRectF&)> fill =
        [&](const std::vector<model::LaneSet>& sets, const QRectF& outer) {
          std::vector<std::pair<QRectF, const model::Lane*>> lanes;
          for (const auto& set : sets) {
            for (const auto& lane : set.lanes) {
              if (!rect(lane.id).isNull()) lanes.emplace_back(rect(lane.id), &lane);  // drawn here
            }
          }
          if (lanes.empty()) return;
          const QRectF body = horizontal ? outer.adjusted(kLaneBand, 0, 0, 0) : outer.adjusted(0, kLaneBand, 0, 0);
          std::sort(lanes.begin(), lanes.end(), [&](const auto& a, const auto& b) {
            return horizontal ? a.first.top() < b.first.top() : a.first.left() < b.first.left();
          });
          double at = horizontal ? body.top() : body.left();
          for (const auto& [r, lane] : lanes) {
            QVERIFY2(horizontal ? r.left() == body.left() && r.right() == body.right() && r.top() == at
                                : r.top() == body.top() && r.bottom() == body.bottom() && r.left() == at,
                     (lane->id + " does not tile its pool or lane").c_str());
            QVERIFY((horizontal ? r.height() : r.width()) >= minimumLength_);
            at = horizontal ? r.bottom() : r.right();
            fill(lane->childLaneSets, r);
          }
          QCOMPARE(at, horizontal ? body.bottom() : body.right());
        };
    fill(process->laneSets, rectOf(*shape->bounds));
  }

 private slots:
  void init() {
    QVERIFY(document_.openBytes(kLanes, "lanes.bpmn").isOk());
    minimumLength_ = kLaneMinLength;
  }

  // A file whose lanes leave the pool's ends uncovered (the pool drawn
  // from y -20 to 460, the lanes from 0 to 360; a task tx at y 370..450 in
  // no lane): the lanes are read as tiling the pool as drawn, the gap at
  // the start going to the first leaf (A1), the one at the end to the
  // last (B). Deleting A2 leaves its space to A1 and keeps the pool's
  // size; tx stays inside the pool and goes to B, now drawn under it.
  void lanesWithGapsKeepThePool() {
    QByteArray file = kLanes;
    file.replace("<dc:Bounds x=\"0\" y=\"0\" width=\"600\" height=\"360\"/>",
                 "<dc:Bounds x=\"0\" y=\"-20\" width=\"600\" height=\"480\"/>");
    file.replace("<bpmn:task id=\"t1\"/>", "<bpmn:task id=\"t1\"/><bpmn:task id=\"tx\"/>");
    file.replace("<bpmndi:BPMNShape id=\"t1_di\"",
                 "<bpmndi:BPMNShape id=\"tx_di\" bpmnElement=\"tx\"><dc:Bounds x=\"300\" y=\"370\" width=\"100\" "
                 "height=\"80\"/></bpmndi:BPMNShape><bpmndi:BPMNShape id=\"t1_di\"");
    QVERIFY(document_.openBytes(file, "gaps.bpmn").isOk());
    QCOMPARE(rect("pool"), QRectF(0, -20, 600, 480));
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"A2"}); }).isOk());
    QCOMPARE(rect("pool"), QRectF(0, -20, 600, 480));
    QCOMPARE(rect("A"), QRectF(30, -20, 570, 260));
    QCOMPARE(rect("A1"), QRectF(60, -20, 540, 260));
    QCOMPARE(rect("B"), QRectF(30, 240, 570, 220));
    QCOMPARE(rect("t1"), QRectF(100, 20, 100, 80));
    QCOMPARE(rect("t2"), QRectF(100, 150, 100, 80));
    QCOMPARE(rect("t3"), QRectF(100, 260, 100, 80));
    QCOMPARE(rect("tx"), QRectF(300, 370, 100, 80));
    QCOMPARE(refs("A1"), (std::vector<std::string>{"t1", "t2"}));
    QCOMPARE(refs("B"), (std::vector<std::string>{"t3", "tx"}));
    // The vertical pool, untouched, keeps its lanes.
    QCOMPARE(rect("vpool"), QRectF(700, 0, 360, 600));
    QCOMPARE(rect("V2"), QRectF(880, 30, 180, 570));
  }

  // A lane drawn shorter than the minimum (V2, 40 wide) keeps its length
  // when another lane action retiles the pool: a lane added after V1
  // pushes it right, the pool grows by the new lane only. Resizing V2
  // does not shrink it below the 40 it has, nor forces it to 60.
  void shortLaneKeepsItsLength() {
    QByteArray file = kLanes;
    file.replace("<dc:Bounds x=\"700\" y=\"0\" width=\"360\" height=\"600\"/>",
                 "<dc:Bounds x=\"700\" y=\"0\" width=\"220\" height=\"600\"/>");
    file.replace("<dc:Bounds x=\"880\" y=\"30\" width=\"180\" height=\"570\"/>",
                 "<dc:Bounds x=\"880\" y=\"30\" width=\"40\" height=\"570\"/>");
    QVERIFY(document_.openBytes(file, "short.bpmn").isOk());
    minimumLength_ = 40;
    auto added = step("lane", [](model::Definitions& d) { return insertLane(d, 0, "V1", LaneSide::kBelow); });
    QVERIFY2(added.isOk(), added.status().message().c_str());
    QCOMPARE(rect("V1"), QRectF(700, 30, 180, 570));
    QCOMPARE(rect(added.value()), QRectF(880, 30, 120, 570));
    QCOMPARE(rect("V2"), QRectF(1000, 30, 40, 570));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 340, 600));
    QCOMPARE(rect("vt"), QRectF(740, 100, 100, 80));
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "V2", QRectF(1000, 30, 20, 570));
            }).isOk());
    QCOMPARE(rect("V2"), QRectF(1000, 30, 40, 570));
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "V2", QRectF(1000, 30, 50, 570));
            }).isOk());
    QCOMPARE(rect("V2"), QRectF(1000, 30, 50, 570));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 350, 600));
  }

  // Lanes of the process that this diagram does not draw: lane actions
  // are refused with a clear message (no 120 long pool from "add lane"),
  // the pool still resizes and its flow nodes keep their lanes.
  void undrawnLanesRefuseLaneActions() {
    QByteArray file = kLanes;
    file.replace(
        "<bpmndi:BPMNShape id=\"V1_di\" bpmnElement=\"V1\" isHorizontal=\"false\"><dc:Bounds x=\"700\" "
        "y=\"30\" width=\"180\" height=\"570\"/></bpmndi:BPMNShape>",
        "");
    QByteArray partly = file;
    file.replace(
        "<bpmndi:BPMNShape id=\"V2_di\" bpmnElement=\"V2\" isHorizontal=\"false\"><dc:Bounds x=\"880\" "
        "y=\"30\" width=\"180\" height=\"570\"/></bpmndi:BPMNShape>",
        "");
    QVERIFY(file != partly && partly != kLanes);
    QVERIFY(document_.openBytes(file, "undrawn.bpmn").isOk());
    const std::string both =
        "vpool: lanes V1, V2 of its process are not drawn in diagram 1; add, divide, resize or delete its lanes in a "
        "diagram that draws them all";
    auto inserted = step("lane", [](model::Definitions& d) { return insertLane(d, 0, "vpool", LaneSide::kBelow); });
    QVERIFY(!inserted.isOk());
    QCOMPARE(inserted.status().message(), both);
    QCOMPARE(step("lane", [](model::Definitions& d) { return addLane(d, 0, "vpool"); }).status().message(), both);
    QCOMPARE(rect("vpool"), QRectF(700, 0, 360, 600));
    QCOMPARE(document_.undoStack().count(), 0);
    // The pool itself resizes; vt stays in V1.
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "vpool", QRectF(700, 0, 400, 600));
            }).isOk());
    QCOMPARE(rect("vpool"), QRectF(700, 0, 400, 600));
    QCOMPARE(refs("V1"), std::vector<std::string>{"vt"});

    // Only V1 undrawn: deleting or resizing V2 is refused as well.
    QVERIFY(document_.openBytes(partly, "partly.bpmn").isOk());
    const std::string one =
        "vpool: lane V1 of its process is not drawn in diagram 1; add, divide, resize or delete its lanes in a "
        "diagram that draws them all";
    QCOMPARE(step("delete", [](model::Definitions& d) { return deleteElements(d, {"V2"}); }).status().message(), one);
    QVERIFY(findLane(mutableOf(document_), "V2").second);
    QCOMPARE(step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "V2", QRectF(880, 30, 300, 570)); })
                 .status()
                 .message(),
             one);
    QCOMPARE(rect("V2"), QRectF(880, 30, 180, 570));
    QCOMPARE(document_.undoStack().count(), 0);
  }

  // The last child lane's outer edge: the parent lane and the pool grow,
  // lane B below moves down with its task; the sequence flow follows.
  void resizeChildLaneDown() {
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "A2", QRectF(60, 120, 540, 180));
            }).isOk());
    QCOMPARE(rect("A1"), QRectF(60, 0, 540, 120));
    QCOMPARE(rect("A2"), QRectF(60, 120, 540, 180));
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 300));
    QCOMPARE(rect("B"), QRectF(30, 300, 570, 120));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 420));
    QCOMPARE(rect("t2"), QRectF(100, 150, 100, 80));
    QCOMPARE(rect("t3"), QRectF(100, 320, 100, 80));
    QCOMPARE(polygonOf(*edgeOf(*planeOf(mutableOf(document_), 0), "f1")).back(), QPointF(150, 320));
    QCOMPARE(refs("B"), std::vector<std::string>{"t3"});
    // Back up again: everything below follows, the pool shrinks.
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "A2", QRectF(60, 120, 540, 120));
            }).isOk());
    QCOMPARE(rect("B"), QRectF(30, 240, 570, 120));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 360));
    QCOMPARE(rect("t3"), QRectF(100, 260, 100, 80));
  }

  // An edge between two siblings moves both; the sibling stops at the
  // minimum length; the pool stays. The first child's top edge is the
  // lane's and the pool's: the pool grows upwards.
  void resizeSharedEdge() {
    QVERIFY(
        step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "A1", QRectF(60, 0, 540, 150)); }).isOk());
    QCOMPARE(rect("A1"), QRectF(60, 0, 540, 150));
    QCOMPARE(rect("A2"), QRectF(60, 150, 540, 90));
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 240));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 360));
    QVERIFY(
        step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "A1", QRectF(60, 0, 540, 400)); }).isOk());
    QCOMPARE(rect("A1"), QRectF(60, 0, 540, 180));
    QCOMPARE(rect("A2"), QRectF(60, 180, 540, kLaneMinLength));
    QCOMPARE(refs("A2"), std::vector<std::string>{"t2"});  // its centre (y 190) is still there
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "A1", QRectF(60, -40, 540, 220));
            }).isOk());
    QCOMPARE(rect("A1"), QRectF(60, -40, 540, 220));
    QCOMPARE(rect("A"), QRectF(30, -40, 570, 280));
    QCOMPARE(rect("pool"), QRectF(0, -40, 600, 400));
    QCOMPARE(rect("t1"), QRectF(100, 20, 100, 80));  // lanes that changed length keep their content in place
    // Across the stacking axis the whole pool changes: B's right edge.
    QVERIFY(
        step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "B", QRectF(30, 240, 670, 120)); }).isOk());
    QCOMPARE(rect("pool"), QRectF(0, -40, 700, 400));
    QCOMPARE(rect("A2"), QRectF(60, 180, 640, 60));
    QCOMPARE(rect("B"), QRectF(30, 240, 670, 120));
  }

  // A pool never gets smaller than its lanes and flow nodes need: each
  // edge stops at the content (less a margin of 10) or at the minimum.
  void resizePoolClamped() {
    QVERIFY(
        step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "pool", QRectF(0, 0, 200, 100)); }).isOk());
    // Down to t3's bottom (340) + 10; across to 270 + two bands (A1 is
    // nested), more than t3's right (200) + 10 needs.
    QCOMPARE(rect("pool"), QRectF(0, 0, 330, 350));
    QCOMPARE(rect("A"), QRectF(30, 0, 300, 240));
    QCOMPARE(rect("A1"), QRectF(60, 0, 270, 120));
    QCOMPARE(rect("B"), QRectF(30, 240, 300, 110));
    // The top edge stops at t1 (top 20) less 10.
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "pool", QRectF(0, 100, 330, 250));
            }).isOk());
    QCOMPARE(rect("pool"), QRectF(0, 10, 330, 340));
    QCOMPARE(rect("A1"), QRectF(60, 10, 270, 110));
    // The left edge stops where the band (and margin) would reach the
    // tasks (x 100).
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "pool", QRectF(0, 10, 500, 340));
            }).isOk());
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "pool", QRectF(90, 10, 410, 340));
            }).isOk());
    QCOMPARE(rect("pool"), QRectF(60, 10, 440, 340));
    QCOMPARE(rect("A1"), QRectF(120, 10, 380, 110));
    // A lane's outer edge stops at what stays in the pool: B may not go
    // under t3 (to 340) + 10.
    QVERIFY(
        step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "B", QRectF(90, 240, 410, 10)); }).isOk());
    QCOMPARE(rect("B"), QRectF(90, 240, 410, 110));
    QCOMPARE(rect("pool"), QRectF(60, 10, 440, 340));
    // Growing is free.
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "pool", QRectF(60, 10, 500, 400));
            }).isOk());
    QCOMPARE(rect("B"), QRectF(90, 240, 470, 170));
  }

  // Into a nested lane: the new lane goes after A1 inside A; A and the
  // pool grow; A2, B and their tasks move down.
  void addLaneIntoNestedLane() {
    auto added = step("lane", [](model::Definitions& d) { return addLane(d, 0, "A1"); });
    QVERIFY2(added.isOk(), added.status().message().c_str());
    const std::string id = added.value();
    const auto& children = findLane(mutableOf(document_), "A").second->childLaneSets.front().lanes;
    QCOMPARE(children.size(), std::size_t(3));
    QCOMPARE(children[1].id, id);
    QCOMPARE(rect(id), QRectF(60, 120, 540, 120));
    QCOMPARE(shapeOf(*planeOf(mutableOf(document_), 0), id)->isHorizontal, std::optional<bool>(true));
    QCOMPARE(rect("A1"), QRectF(60, 0, 540, 120));
    QCOMPARE(rect("A2"), QRectF(60, 240, 540, 120));
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 360));
    QCOMPARE(rect("B"), QRectF(30, 360, 570, 120));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 480));
    QCOMPARE(rect("t2"), QRectF(100, 270, 100, 80));
    QCOMPARE(rect("t3"), QRectF(100, 380, 100, 80));
    QCOMPARE(refs("A2"), std::vector<std::string>{"t2"});
    QVERIFY(refs(id).empty());
    // On the pool: a last top-level lane.
    auto last = step("lane", [](model::Definitions& d) { return addLane(d, 0, "pool"); });
    QVERIFY(last.isOk());
    QCOMPARE(rect(last.value()), QRectF(30, 480, 570, 120));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 600));
  }

  // Deleting a lane: its sibling takes the space (half each when there
  // are two); the flow nodes it held go to the lane now drawn under them.
  void deleteNestedLane() {
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"A1"}); }).isOk());
    QVERIFY(!findLane(mutableOf(document_), "A1").second);
    QCOMPARE(rect("A2"), QRectF(60, 0, 540, 240));
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 240));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 360));
    QCOMPARE(rect("t1"), QRectF(100, 20, 100, 80));
    QCOMPARE(refs("A2"), (std::vector<std::string>{"t2", "t1"}));
    QCOMPARE(refs("A"), (std::vector<std::string>{"t1", "t2"}));
    // The last lane: the one above takes its space, down to its innermost.
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"B"}); }).isOk());
    QCOMPARE(rect("A2"), QRectF(60, 0, 540, 360));
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 360));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 360));
    QCOMPARE(refs("A2"), (std::vector<std::string>{"t2", "t1", "t3"}));
    // The only child lane: the parent keeps its size.
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"A2"}); }).isOk());
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 360));
    QCOMPARE(refs("A"), (std::vector<std::string>{"t1", "t2", "t3"}));
  }

  // A vertical pool: lanes side by side below the band at the top; the
  // same rules with the axes swapped.
  void verticalPool() {
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "V1", QRectF(700, 30, 240, 570));
            }).isOk());
    QCOMPARE(rect("V1"), QRectF(700, 30, 240, 570));
    QCOMPARE(rect("V2"), QRectF(940, 30, 120, 570));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 360, 600));
    // The last lane's outer edge grows the pool.
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "V2", QRectF(940, 30, 160, 570));
            }).isOk());
    QCOMPARE(rect("V2"), QRectF(940, 30, 160, 570));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 400, 600));
    auto added = step("lane", [](model::Definitions& d) { return addLane(d, 0, "vpool"); });
    QVERIFY(added.isOk());
    QCOMPARE(rect(added.value()), QRectF(1100, 30, 120, 570));
    QCOMPARE(shapeOf(*planeOf(mutableOf(document_), 0), added.value())->isHorizontal, std::optional<bool>(false));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 520, 600));
    // Across: the pool's height, clamped to 300 (vt ends at 180).
    QVERIFY(step("resize", [](model::Definitions& d) {
              return resizeShape(d, 0, "vpool", QRectF(700, 0, 520, 100));
            }).isOk());
    QCOMPARE(rect("vpool"), QRectF(700, 0, 520, 300));
    QCOMPARE(rect("V1"), QRectF(700, 30, 240, 270));
    // A middle lane deleted: the lanes either side take half each.
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"V2"}); }).isOk());
    QCOMPARE(rect("V1"), QRectF(700, 30, 320, 270));
    QCOMPARE(rect(added.value()), QRectF(1020, 30, 200, 270));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 520, 300));
    // A vertical pool without lanes is divided left and right.
    QVERIFY(step("delete", [&](model::Definitions& d) { return deleteElements(d, {"V1", added.value()}); }).isOk());
    QCOMPARE(rect("vpool"), QRectF(700, 0, 520, 300));
    auto divided = step("lane", [](model::Definitions& d) { return addLane(d, 0, "vpool"); });
    QVERIFY(divided.isOk());
    QCOMPARE(rect(divided.value()), QRectF(960, 30, 260, 270));
    QCOMPARE(refs(divided.value()), std::vector<std::string>{});
  }

  // bpmn.io's "add lane above" and "add lane below" on a nested lane: a
  // lane of 120 beside it inside the same parent lane. Above, the pool's
  // top edge moves up and the lanes above (A1 with t1) go up with it;
  // below, the lanes below (B with t3) go down; the parents and the pool
  // grow. On a pool: before its first or after its last top-level lane.
  void insertAboveAndBelowNestedLane() {
    model::Definitions& d = mutableOf(document_);
    auto above = step("lane", [](model::Definitions& m) { return insertLane(m, 0, "A2", LaneSide::kAbove); });
    QVERIFY2(above.isOk(), above.status().message().c_str());
    const std::string n1 = above.value();
    QVERIFY(n1.starts_with("Lane_"));
    QCOMPARE(shapeOf(*planeOf(d, 0), n1)->id, n1 + "_di");
    QCOMPARE(shapeOf(*planeOf(d, 0), n1)->isHorizontal, std::optional<bool>(true));
    auto childIds = [&](const std::string& lane) {
      std::vector<std::string> ids;
      for (const auto& child : findLane(mutableOf(document_), lane).second->childLaneSets.front().lanes) {
        ids.push_back(child.id);
      }
      return ids;
    };
    QCOMPARE(childIds("A"), (std::vector<std::string>{"A1", n1, "A2"}));
    QCOMPARE(rect(n1), QRectF(60, 0, 540, 120));
    QCOMPARE(rect("A1"), QRectF(60, -120, 540, 120));
    QCOMPARE(rect("A2"), QRectF(60, 120, 540, 120));
    QCOMPARE(rect("A"), QRectF(30, -120, 570, 360));
    QCOMPARE(rect("B"), QRectF(30, 240, 570, 120));
    QCOMPARE(rect("pool"), QRectF(0, -120, 600, 480));
    QCOMPARE(rect("t1"), QRectF(100, -100, 100, 80));
    QCOMPARE(rect("t2"), QRectF(100, 150, 100, 80));
    QCOMPARE(rect("t3"), QRectF(100, 260, 100, 80));
    QCOMPARE(refs("A1"), std::vector<std::string>{"t1"});
    QVERIFY(refs(n1).empty());
    QCOMPARE(refs("A2"), std::vector<std::string>{"t2"});

    auto below = step("lane", [](model::Definitions& m) { return insertLane(m, 0, "A2", LaneSide::kBelow); });
    QVERIFY2(below.isOk(), below.status().message().c_str());
    const std::string n2 = below.value();
    QCOMPARE(childIds("A"), (std::vector<std::string>{"A1", n1, "A2", n2}));
    QCOMPARE(rect(n2), QRectF(60, 240, 540, 120));
    QCOMPARE(rect("A2"), QRectF(60, 120, 540, 120));
    QCOMPARE(rect("A"), QRectF(30, -120, 570, 480));
    QCOMPARE(rect("B"), QRectF(30, 360, 570, 120));
    QCOMPARE(rect("pool"), QRectF(0, -120, 600, 600));
    QCOMPARE(rect("t2"), QRectF(100, 150, 100, 80));
    QCOMPARE(rect("t3"), QRectF(100, 380, 100, 80));
    QCOMPARE(polygonOf(*edgeOf(*planeOf(mutableOf(document_), 0), "f1")).back(), QPointF(150, 380));
    QCOMPARE(refs("B"), std::vector<std::string>{"t3"});
    QVERIFY(refs(n2).empty());

    // On the pool: a top-level lane before A, then one after B.
    auto first = step("lane", [](model::Definitions& m) { return insertLane(m, 0, "pool", LaneSide::kAbove); });
    QVERIFY(first.isOk());
    QCOMPARE(findProcess(mutableOf(document_), "p1")->laneSets.front().lanes.front().id, first.value());
    QCOMPARE(rect(first.value()), QRectF(30, -240, 570, 120));
    QCOMPARE(rect("A"), QRectF(30, -120, 570, 480));
    QCOMPARE(rect("pool"), QRectF(0, -240, 600, 720));
    QCOMPARE(rect("t1"), QRectF(100, -100, 100, 80));
    auto last = step("lane", [](model::Definitions& m) { return insertLane(m, 0, "pool", LaneSide::kBelow); });
    QVERIFY(last.isOk());
    QCOMPARE(findProcess(mutableOf(document_), "p1")->laneSets.front().lanes.back().id, last.value());
    QCOMPARE(rect(last.value()), QRectF(30, 480, 570, 120));
    QCOMPARE(rect("pool"), QRectF(0, -240, 600, 840));
  }

  // A lane lists every flow node in its partition (BPMN's flowNodeRefs,
  // as bpmn.io keeps them): a node goes into the innermost lane under its
  // centre and all that lane's ancestors, out of every other lane; a lane
  // that lists it already keeps its place in the list. (The file lists t1
  // in A1 only.)
  void nodeInItsLaneAndItsAncestors() {
    auto created = step(
        "task", [](model::Definitions& d) { return createNode(d, 0, model::ElementKind::kTask, QPointF(400, 60)); });
    QVERIFY(created.isOk());
    const std::string t = created.value();
    QCOMPARE(refs("A1"), (std::vector<std::string>{"t1", t}));
    QCOMPARE(refs("A"), std::vector<std::string>{t});
    QVERIFY(step("move", [](model::Definitions& d) { return moveShapes(d, 0, {{"t1", QPointF(0, 250)}}); }).isOk());
    QCOMPARE(refs("A1"), std::vector<std::string>{t});
    QCOMPARE(refs("A"), std::vector<std::string>{t});
    QCOMPARE(refs("B"), (std::vector<std::string>{"t3", "t1"}));
    QVERIFY(step("move", [&](model::Definitions& d) { return moveShapes(d, 0, {{t, QPointF(0, 120)}}); }).isOk());
    QVERIFY(refs("A1").empty());
    QCOMPARE(refs("A2"), (std::vector<std::string>{"t2", t}));
    QCOMPARE(refs("A"), std::vector<std::string>{t});
    QCOMPARE(refs("B"), (std::vector<std::string>{"t3", "t1"}));
  }

  // Lanes that shift carry their content along without dropping it
  // anywhere (bpmn.io never reparents here): with a pool "top" (y -250 ..
  // -20, process p3 with task u) above and a pool "bottom" (y 380 .. 630,
  // process p4) below, a lane added above A2 moves t1 up by 120 to y -100
  // (centre y -60, inside top) and one added below A2 moves t3 down by 120
  // to y 380 (centre y 420, inside bottom); both stay in p1 and in their
  // lanes, and the flows f0 (t1 -> t2) and f1 (t2 -> t3) stay.
  void shiftedLaneContentStaysInItsPool() {
    QByteArray file = kLanes;
    file.replace("<bpmn:participant id=\"pool\"",
                 "<bpmn:participant id=\"top\" processRef=\"p3\"/><bpmn:participant id=\"bottom\" "
                 "processRef=\"p4\"/><bpmn:participant id=\"pool\"");
    file.replace("<bpmn:process id=\"p2\"",
                 "<bpmn:process id=\"p3\"><bpmn:task id=\"u\"/></bpmn:process><bpmn:process id=\"p4\"/>"
                 "<bpmn:process id=\"p2\"");
    file.replace("<bpmn:task id=\"t1\"/>", "<bpmn:task id=\"t1\"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:task>");
    file.replace("<bpmn:outgoing>f1</bpmn:outgoing>",
                 "<bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing>");
    file.replace("<bpmn:sequenceFlow id=\"f1\"",
                 "<bpmn:sequenceFlow id=\"f0\" sourceRef=\"t1\" targetRef=\"t2\"/><bpmn:sequenceFlow id=\"f1\"");
    file.replace("<bpmndi:BPMNShape id=\"pool_di\"",
                 "<bpmndi:BPMNShape id=\"top_di\" bpmnElement=\"top\" isHorizontal=\"true\"><dc:Bounds x=\"0\" "
                 "y=\"-250\" width=\"600\" height=\"230\"/></bpmndi:BPMNShape>"
                 "<bpmndi:BPMNShape id=\"u_di\" bpmnElement=\"u\"><dc:Bounds x=\"300\" y=\"-200\" width=\"100\" "
                 "height=\"80\"/></bpmndi:BPMNShape>"
                 "<bpmndi:BPMNShape id=\"bottom_di\" bpmnElement=\"bottom\" isHorizontal=\"true\"><dc:Bounds "
                 "x=\"0\" y=\"380\" width=\"600\" height=\"250\"/></bpmndi:BPMNShape>"
                 "<bpmndi:BPMNShape id=\"pool_di\"");
    file.replace("<bpmndi:BPMNEdge id=\"f1_di\"",
                 "<bpmndi:BPMNEdge id=\"f0_di\" bpmnElement=\"f0\"><di:waypoint x=\"150\" y=\"100\"/><di:waypoint "
                 "x=\"150\" y=\"150\"/></bpmndi:BPMNEdge><bpmndi:BPMNEdge id=\"f1_di\"");
    QVERIFY(document_.openBytes(file, "pools.bpmn").isOk());
    model::Definitions& d = mutableOf(document_);
    auto inProcess = [&](const std::string& process, const std::string& id) {
      const auto& elements = findProcess(d, process)->flowElements;
      return std::any_of(elements.begin(), elements.end(), [&](const auto& e) { return e.id == id; });
    };
    QVERIFY(inProcess("p1", "t1") && inProcess("p1", "f0"));

    auto above = step("lane", [](model::Definitions& m) { return insertLane(m, 0, "A2", LaneSide::kAbove); });
    QVERIFY2(above.isOk(), above.status().message().c_str());
    QCOMPARE(rect("pool"), QRectF(0, -120, 600, 480));
    QCOMPARE(rect("A1"), QRectF(60, -120, 540, 120));
    QCOMPARE(rect("t1"), QRectF(100, -100, 100, 80));
    QCOMPARE(rect("top"), QRectF(0, -250, 600, 230));  // overlapped, as bpmn.io allows
    QVERIFY(inProcess("p1", "t1"));
    QVERIFY(!inProcess("p3", "t1"));
    QVERIFY(inProcess("p1", "f0"));
    QCOMPARE(refs("A1"), std::vector<std::string>{"t1"});
    QCOMPARE(polygonOf(*edgeOf(*planeOf(d, 0), "f0")).front(), QPointF(150, -20));

    auto below = step("lane", [](model::Definitions& m) { return insertLane(m, 0, "A2", LaneSide::kBelow); });
    QVERIFY2(below.isOk(), below.status().message().c_str());
    QCOMPARE(rect("pool"), QRectF(0, -120, 600, 600));
    QCOMPARE(rect("B"), QRectF(30, 360, 570, 120));
    QCOMPARE(rect("t3"), QRectF(100, 380, 100, 80));
    QVERIFY(inProcess("p1", "t3"));
    QVERIFY(findProcess(d, "p4")->flowElements.empty());
    QVERIFY(inProcess("p1", "f1"));
    QCOMPARE(refs("B"), std::vector<std::string>{"t3"});
    QCOMPARE(refs("A1"), std::vector<std::string>{"t1"});
    QCOMPARE(refs("A2"), std::vector<std::string>{"t2"});
  }

  // "Divide into two lanes": B (made 240 high, with a second task t4 in
  // its lower half) gets a child lane set of two lanes of 120 below its
  // band; each task goes to the child lane drawn under it and stays in B
  // (a lane lists the nodes of its partition); nothing moves.
  void divideLaneIntoTwo() {
    QVERIFY(
        step("resize", [](model::Definitions& d) { return resizeShape(d, 0, "B", QRectF(30, 240, 570, 240)); }).isOk());
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 480));
    auto t4 = step(
        "task", [](model::Definitions& d) { return createNode(d, 0, model::ElementKind::kTask, QPointF(400, 420)); });
    QVERIFY(t4.isOk());
    QCOMPARE(rect(t4.value()), QRectF(350, 380, 100, 80));
    QCOMPARE(refs("B"), (std::vector<std::string>{"t3", t4.value()}));
    std::vector<std::string> parts;
    auto divided = step("divide", [&](model::Definitions& d) -> Result<std::string> {
      auto made = divideLane(d, 0, "B", 2);
      if (!made.isOk()) return made.status();
      parts = made.value();
      return std::string("B");
    });
    QVERIFY2(divided.isOk(), divided.status().message().c_str());
    QCOMPARE(parts.size(), std::size_t(2));
    const model::Lane* b = findLane(mutableOf(document_), "B").second;
    QCOMPARE(b->childLaneSets.size(), std::size_t(1));
    QVERIFY(b->childLaneSets.front().id.starts_with("LaneSet_"));
    QCOMPARE(b->childLaneSets.front().lanes.size(), std::size_t(2));
    QCOMPARE(b->childLaneSets.front().lanes[0].id, parts[0]);
    QCOMPARE(b->childLaneSets.front().lanes[1].id, parts[1]);
    QVERIFY(parts[0].starts_with("Lane_") && parts[1].starts_with("Lane_"));
    QCOMPARE(shapeOf(*planeOf(mutableOf(document_), 0), parts[1])->id, parts[1] + "_di");
    QCOMPARE(shapeOf(*planeOf(mutableOf(document_), 0), parts[1])->isHorizontal, std::optional<bool>(true));
    QCOMPARE(rect(parts[0]), QRectF(60, 240, 540, 120));
    QCOMPARE(rect(parts[1]), QRectF(60, 360, 540, 120));
    QCOMPARE(rect("B"), QRectF(30, 240, 570, 240));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 480));
    QCOMPARE(rect("t3"), QRectF(100, 260, 100, 80));
    QCOMPARE(rect(t4.value()), QRectF(350, 380, 100, 80));
    QCOMPARE(refs("B"), (std::vector<std::string>{"t3", t4.value()}));  // B's partition holds both
    QCOMPARE(refs(parts[0]), std::vector<std::string>{"t3"});
    QCOMPARE(refs(parts[1]), std::vector<std::string>{t4.value()});
  }

  // "Divide into three lanes" on A2 (120 high, less than three lanes of
  // 60 need): A2 first grows to 180, A and the pool with it, B and t3 go
  // down by 60; the child lanes sit below A2's band (x 90); t2 (centre
  // y 190) goes to the middle one.
  void divideLaneIntoThree() {
    std::vector<std::string> parts;
    auto divided = step("divide", [&](model::Definitions& d) -> Result<std::string> {
      auto made = divideLane(d, 0, "A2", 3);
      if (!made.isOk()) return made.status();
      parts = made.value();
      return std::string("A2");
    });
    QVERIFY2(divided.isOk(), divided.status().message().c_str());
    QCOMPARE(parts.size(), std::size_t(3));
    QCOMPARE(rect(parts[0]), QRectF(90, 120, 510, 60));
    QCOMPARE(rect(parts[1]), QRectF(90, 180, 510, 60));
    QCOMPARE(rect(parts[2]), QRectF(90, 240, 510, 60));
    QCOMPARE(rect("A2"), QRectF(60, 120, 540, 180));
    QCOMPARE(rect("A1"), QRectF(60, 0, 540, 120));
    QCOMPARE(rect("A"), QRectF(30, 0, 570, 300));
    QCOMPARE(rect("B"), QRectF(30, 300, 570, 120));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 420));
    QCOMPARE(rect("t2"), QRectF(100, 150, 100, 80));
    QCOMPARE(rect("t3"), QRectF(100, 320, 100, 80));
    QCOMPARE(refs("A2"), std::vector<std::string>{"t2"});
    QCOMPARE(refs("A"), (std::vector<std::string>{"t1", "t2"}));
    QVERIFY(refs(parts[0]).empty());
    QCOMPARE(refs(parts[1]), std::vector<std::string>{"t2"});
    QVERIFY(refs(parts[2]).empty());
    QCOMPARE(refs("B"), std::vector<std::string>{"t3"});
    QCOMPARE(refs("A1"), std::vector<std::string>{"t1"});
  }

  // A pool without lanes (its lanes deleted) divided into three: lanes of
  // 120 in the pool, each holding the task drawn in it.
  void dividePoolWithoutLanes() {
    QVERIFY(step("delete", [](model::Definitions& d) { return deleteElements(d, {"A", "B"}); }).isOk());
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 360));
    std::vector<std::string> parts;
    auto divided = step("divide", [&](model::Definitions& d) -> Result<std::string> {
      auto made = divideLane(d, 0, "pool", 3);
      if (!made.isOk()) return made.status();
      parts = made.value();
      return std::string("pool");
    });
    QVERIFY2(divided.isOk(), divided.status().message().c_str());
    const auto& lanes = findProcess(mutableOf(document_), "p1")->laneSets.front().lanes;
    QCOMPARE(lanes.size(), std::size_t(3));
    QCOMPARE(lanes[0].id, parts[0]);
    QCOMPARE(lanes[2].id, parts[2]);
    QCOMPARE(rect(parts[0]), QRectF(30, 0, 570, 120));
    QCOMPARE(rect(parts[1]), QRectF(30, 120, 570, 120));
    QCOMPARE(rect(parts[2]), QRectF(30, 240, 570, 120));
    QCOMPARE(rect("pool"), QRectF(0, 0, 600, 360));
    QCOMPARE(refs(parts[0]), std::vector<std::string>{"t1"});
    QCOMPARE(refs(parts[1]), std::vector<std::string>{"t2"});
    QCOMPARE(refs(parts[2]), std::vector<std::string>{"t3"});
    // Now it has lanes: dividing the pool again is refused.
    auto again = step("divide", [](model::Definitions& d) -> Result<std::string> {
      auto made = divideLane(d, 0, "pool", 2);
      return made.isOk() ? Result<std::string>(std::string()) : Result<std::string>(made.status());
    });
    QVERIFY(!again.isOk());
    QCOMPARE(again.status().message(), std::string("pool has lanes already: divide one of its lanes"));
  }

  // A lane with child lanes does not divide (bpmn.io offers no divide
  // there); the message says why. Only two or three parts; only lanes.
  void divideRefused() {
    auto divide = [&](const std::string& id, int parts) {
      return step("divide", [&](model::Definitions& d) -> Result<std::string> {
        auto made = divideLane(d, 0, id, parts);
        return made.isOk() ? Result<std::string>(std::string()) : Result<std::string>(made.status());
      });
    };
    auto refused = divide("A", 2);
    QVERIFY(!refused.isOk());
    QCOMPARE(refused.status().message(),
             std::string("A has child lanes already: only a lane without child lanes divides"));
    QCOMPARE(divide("A1", 4).status().message(), std::string("a lane divides into two or three lanes"));
    QVERIFY(!divide("t1", 2).isOk());
    QCOMPARE(document_.undoStack().count(), 0);
  }

  // The vertical pool: V1 (180 wide) divided into three lanes of 60 side
  // by side below its band (y 60), vt (centre x 790) in the middle one;
  // a lane added "above" V2 goes left of it: the pool's left edge moves
  // out by 120 and V1 with its lanes and vt goes left with it.
  void verticalDivideAndInsert() {
    std::vector<std::string> parts;
    auto divided = step("divide", [&](model::Definitions& d) -> Result<std::string> {
      auto made = divideLane(d, 0, "V1", 3);
      if (!made.isOk()) return made.status();
      parts = made.value();
      return std::string("V1");
    });
    QVERIFY2(divided.isOk(), divided.status().message().c_str());
    QCOMPARE(rect(parts[0]), QRectF(700, 60, 60, 540));
    QCOMPARE(rect(parts[1]), QRectF(760, 60, 60, 540));
    QCOMPARE(rect(parts[2]), QRectF(820, 60, 60, 540));
    QCOMPARE(shapeOf(*planeOf(mutableOf(document_), 0), parts[0])->isHorizontal, std::optional<bool>(false));
    QCOMPARE(rect("V1"), QRectF(700, 30, 180, 570));
    QCOMPARE(rect("V2"), QRectF(880, 30, 180, 570));
    QCOMPARE(rect("vpool"), QRectF(700, 0, 360, 600));
    QCOMPARE(refs(parts[1]), std::vector<std::string>{"vt"});
    QCOMPARE(refs("V1"), std::vector<std::string>{"vt"});
    auto left = step("lane", [](model::Definitions& d) { return insertLane(d, 0, "V2", LaneSide::kAbove); });
    QVERIFY(left.isOk());
    QCOMPARE(rect(left.value()), QRectF(760, 30, 120, 570));
    QCOMPARE(shapeOf(*planeOf(mutableOf(document_), 0), left.value())->isHorizontal, std::optional<bool>(false));
    QCOMPARE(rect("V1"), QRectF(580, 30, 180, 570));
    QCOMPARE(rect(parts[1]), QRectF(640, 60, 60, 540));
    QCOMPARE(rect("V2"), QRectF(880, 30, 180, 570));
    QCOMPARE(rect("vpool"), QRectF(580, 0, 480, 600));
    QCOMPARE(rect("vt"), QRectF(620, 100, 100, 80));
    QCOMPARE(refs(parts[1]), std::vector<std::string>{"vt"});
  }

  // The context pad of a selected lane without child lanes shows bpmn.io's
  // four lane entries; a lane with child lanes and a pool with lanes only
  // add lanes. Clicking "divide into two" on A2 divides it, one undo step,
  // A2 stays selected.
  void contextPad() {
    EditTool tool;
    DiagramView view(document_, 0, tool);
    test::showAt(view, {1000, 700}, {450, 200});
    auto padItem = [&](const QString& entry) { return test::padItem(view, entry); };
    auto laneEntries = [&] { return test::padEntries(view, "lane-"); };
    const QStringList all{"lane-divide-three", "lane-divide-two", "lane-insert-above", "lane-insert-below"};
    const QStringList insertOnly{"lane-insert-above", "lane-insert-below"};
    view.setSelection({"A"});
    QCOMPARE(laneEntries(), insertOnly);
    view.setSelection({"pool"});
    QCOMPARE(laneEntries(), insertOnly);
    view.setSelection({"A2"});
    QCOMPARE(laneEntries(), all);
    QGraphicsItem* two = padItem("lane-divide-two");
    QVERIFY(two);
    QCOMPARE(two->toolTip(), QString("Divide into two lanes"));
    QCOMPARE(padItem("lane-insert-above")->toolTip(), QString("Add lane above"));
    const int steps = document_.undoStack().count();
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(two->sceneBoundingRect().center()));
    QCOMPARE(document_.undoStack().count(), steps + 1);
    const model::Lane* a2 = findLane(mutableOf(document_), "A2").second;
    QCOMPARE(a2->childLaneSets.size(), std::size_t(1));
    const auto& parts = a2->childLaneSets.front().lanes;
    QCOMPARE(parts.size(), std::size_t(2));
    QCOMPARE(rect(parts[0].id), QRectF(90, 120, 510, 60));
    QCOMPARE(rect(parts[1].id), QRectF(90, 180, 510, 60));
    QCOMPARE(parts[1].flowNodeRefs, std::vector<std::string>{"t2"});
    QCOMPARE(a2->flowNodeRefs, std::vector<std::string>{"t2"});
    QCOMPARE(view.selection(), QStringList{"A2"});
    QCOMPARE(laneEntries(), insertOnly);  // now it has child lanes
    // The vertical pool's lane: "above" reads "to the left".
    view.setSelection({"V2"});
    QCOMPARE(padItem("lane-insert-above")->toolTip(), QString("Add lane to the left"));
  }
};

QTEST_MAIN(TstLanes)
#include "tst_lanes.moc"

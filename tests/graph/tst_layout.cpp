// Auto-layout (bpmn/layout.h): models without diagram interchange, built
// here and stripped from the samples and the MIWG references, get a drawing
// in which every element has exactly one shape or edge, node shapes of one
// scope do not overlap, edges are orthogonal and attached to their ends,
// flows run left to right, and the result saves, re-reads and validates.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "bpmn/layout.h"
#include "bpmn/model/namespaces.h"
#include "bpmn/parser.h"
#include "bpmn/validator.h"
#include "bpmn/writer.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::model;

namespace {

const char* kOpen =
    "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">";

Definitions parseOrFail(const QByteArray& text, const char* name = "test.bpmn") {
  ParseResult parsed = parseBpmn(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), name);
  if (!parsed.definitions) qFatal("%s does not parse", name);
  return *parsed.definitions;
}

Definitions process(const QByteArray& body) {
  return parseOrFail(QByteArray(kOpen) + "<process id=\"p\">" + body + "</process></definitions>");
}

QByteArray flow(const char* id, const char* source, const char* target, const char* name = nullptr) {
  return QByteArray("<sequenceFlow id=\"") + id + "\" sourceRef=\"" + source + "\" targetRef=\"" + target + "\"" +
         (name ? QByteArray(" name=\"") + name + "\"" : QByteArray()) + "/>";
}

// Laid out, or a failed test.
Definitions laidOut(Definitions definitions) {
  Status status = layoutDiagrams(definitions);
  if (!status.isOk()) qFatal("layout failed: %s", status.message().c_str());
  return definitions;
}

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
  double cx() const { return x + w / 2; }
  double cy() const { return y + h / 2; }
};

// The DI of a laid-out model by element id, with how often each id is drawn.
struct Drawing {
  explicit Drawing(const Definitions& definitions) {
    for (const auto& diagram : definitions.diagrams) {
      for (const auto& element : diagram.plane.elements) {
        ++count[element.bpmnElement];
        di.emplace(element.bpmnElement, &element);
      }
    }
  }
  Box box(const std::string& id) const {
    auto it = di.find(id);
    if (it == di.end() || !it->second->bounds) return {};
    const Bounds& b = *it->second->bounds;
    return {b.x, b.y, b.width, b.height};
  }
  bool hasShape(const std::string& id) const {
    auto it = di.find(id);
    return it != di.end() && it->second->kind == DiElement::Kind::kShape && it->second->bounds;
  }
  const std::vector<Point>& points(const std::string& id) const { return di.at(id)->waypoints; }
  std::map<std::string, int> count;
  std::map<std::string, const DiElement*> di;
};

bool overlaps(const Box& a, const Box& b) {
  return a.x < b.right() - 0.5 && b.x < a.right() - 0.5 && a.y < b.bottom() - 0.5 && b.y < a.bottom() - 0.5;
}

bool inside(const Box& inner, const Box& outer) {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.right() <= outer.right() + 0.5 &&
         inner.bottom() <= outer.bottom() + 0.5;
}

// On the border of `box`, within 1px.
bool onBorder(const Point& p, const Box& box) {
  const bool nearOutside = p.x >= box.x - 1 && p.x <= box.right() + 1 && p.y >= box.y - 1 && p.y <= box.bottom() + 1;
  const bool deepInside = p.x > box.x + 1 && p.x < box.right() - 1 && p.y > box.y + 1 && p.y < box.bottom() - 1;
  return nearOutside && !deepInside;
}

QString text(const Point& p) { return QString("(%1,%2)").arg(p.x).arg(p.y); }

// Ids that must be drawn exactly once, and the connections (id, source,
// target) whose ends must be shapes.
struct Expected {
  std::vector<std::string> shapes;
  std::vector<std::tuple<std::string, std::string, std::string>> connections;
};

void expectScope(const std::vector<FlowElement>& elements, const std::vector<Artifact>& artifacts, Expected& out) {
  for (const auto& element : elements) {
    if (element.kind == ElementKind::kDataObject) continue;
    if (element.kind == ElementKind::kSequenceFlow) {
      out.connections.emplace_back(element.id, std::string(localRef(element.sourceRef)),
                                   std::string(localRef(element.targetRef)));
      continue;
    }
    out.shapes.push_back(element.id);
    for (const auto& child : element.otherChildren) {
      const std::string id(child.attribute("id"));
      if (id.empty()) continue;
      for (const auto& ref : child.children) {
        if (child.is(ns::kBpmn, "dataInputAssociation") && ref.is(ns::kBpmn, "sourceRef")) {
          out.connections.emplace_back(id, std::string(localRef(ref.textContent())), element.id);
          break;
        }
        if (child.is(ns::kBpmn, "dataOutputAssociation") && ref.is(ns::kBpmn, "targetRef")) {
          out.connections.emplace_back(id, element.id, std::string(localRef(ref.textContent())));
          break;
        }
      }
    }
    expectScope(element.flowElements, element.artifacts, out);
  }
  for (const auto& artifact : artifacts) {
    if (artifact.kind == Artifact::Kind::kAssociation) {
      out.connections.emplace_back(artifact.id, std::string(localRef(artifact.sourceRef)),
                                   std::string(localRef(artifact.targetRef)));
    } else {
      out.shapes.push_back(artifact.id);
    }
  }
}

void expectLanes(const std::vector<LaneSet>& laneSets, Expected& out) {
  for (const auto& laneSet : laneSets) {
    for (const auto& lane : laneSet.lanes) {
      out.shapes.push_back(lane.id);
      expectLanes(lane.childLaneSets, out);
    }
  }
}

Expected expected(const Definitions& definitions) {
  Expected out;
  for (const auto* process : definitions.processes()) {
    expectScope(process->flowElements, process->artifacts, out);
    expectLanes(process->laneSets, out);
  }
  for (const auto* collaboration : definitions.collaborations()) {
    for (const auto& participant : collaboration->participants) out.shapes.push_back(participant.id);
    for (const auto& message : collaboration->messageFlows) {
      out.connections.emplace_back(message.id, std::string(localRef(message.sourceRef)),
                                   std::string(localRef(message.targetRef)));
    }
    expectScope({}, collaboration->artifacts, out);
  }
  return out;
}

// Ids of the flow nodes of one scope (not nested), boundary events apart.
void checkScope(const Drawing& drawing, const std::vector<FlowElement>& elements, const std::optional<Box>& frame,
                QStringList& problems) {
  std::vector<std::string> nodes;
  std::map<std::string, std::vector<std::string>> boundaries;
  std::map<std::string, std::vector<std::string>> out;  // sequence flows by source (host for boundaries)
  std::map<std::string, std::string> hostOf;
  for (const auto& element : elements) {
    if (element.kind == ElementKind::kBoundaryEvent) {
      boundaries[std::string(localRef(element.attachedToRef))].push_back(element.id);
      hostOf[element.id] = std::string(localRef(element.attachedToRef));
    } else if (isFlowNode(element.kind) || element.kind == ElementKind::kDataObjectReference ||
               element.kind == ElementKind::kDataStoreReference) {
      nodes.push_back(element.id);
    }
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Box a = drawing.box(nodes[i]);
    if (frame && !inside(a, *frame)) problems << QString::fromStdString(nodes[i] + " lies outside its sub-process");
    for (std::size_t j = i + 1; j < nodes.size(); ++j) {
      if (overlaps(a, drawing.box(nodes[j]))) problems << QString::fromStdString(nodes[i] + " overlaps " + nodes[j]);
    }
  }
  for (const auto& [host, events] : boundaries) {
    const Box hostBox = drawing.box(host);
    for (std::size_t i = 0; i < events.size(); ++i) {
      const Box event = drawing.box(events[i]);
      // bpmn.io: a boundary event's centre sits on its host's border.
      if (std::abs(event.cy() - hostBox.bottom()) > 0.5 || event.cx() < hostBox.x || event.cx() > hostBox.right()) {
        problems << QString::fromStdString(events[i] + " is not on the bottom edge of " + host);
      }
      for (std::size_t j = i + 1; j < events.size(); ++j) {
        if (overlaps(event, drawing.box(events[j])))
          problems << QString::fromStdString(events[i] + " overlaps " + events[j]);
      }
      for (const auto& node : nodes) {
        if (node != host && overlaps(event, drawing.box(node))) {
          problems << QString::fromStdString(events[i] + " overlaps " + node);
        }
      }
    }
  }
  // Forward flows run left to right: a flow not on a cycle (its source not
  // reachable from its target) leaves its source's right side behind.
  std::map<std::string, std::vector<std::string>> next;
  std::vector<const FlowElement*> flows;
  auto node = [&](const std::string& id) { return hostOf.contains(id) ? hostOf.at(id) : id; };
  for (const auto& element : elements) {
    if (element.kind != ElementKind::kSequenceFlow) continue;
    next[node(std::string(localRef(element.sourceRef)))].push_back(std::string(localRef(element.targetRef)));
    flows.push_back(&element);
  }
  auto reaches = [&](const std::string& from, const std::string& to) {
    std::set<std::string> seen{from};
    std::vector<std::string> stack{from};
    while (!stack.empty()) {
      const std::string at = stack.back();
      stack.pop_back();
      if (at == to) return true;
      for (const auto& n : next[at]) {
        if (seen.insert(n).second) stack.push_back(n);
      }
    }
    return false;
  };
  for (const FlowElement* f : flows) {
    const std::string source = node(std::string(localRef(f->sourceRef)));
    const std::string target(localRef(f->targetRef));
    if (!drawing.hasShape(source) || !drawing.hasShape(target) || reaches(target, source)) continue;
    if (drawing.box(source).right() > drawing.box(target).x) {
      problems << QString::fromStdString(f->id + " runs from right to left");
    }
  }
  for (const auto& element : elements) {
    if (!isSubProcessKind(element.kind) || element.flowElements.empty()) continue;
    if (!drawing.di.contains(element.id) || !drawing.di.at(element.id)->isExpanded.value_or(false)) {
      problems << QString::fromStdString(element.id + " is not drawn expanded");
    }
    checkScope(drawing, element.flowElements, drawing.box(element.id), problems);
  }
}

// Every property the layout promises, as a list of what is wrong.
QStringList problemsOf(const Definitions& definitions) {
  QStringList problems;
  const Drawing drawing(definitions);
  const Expected want = expected(definitions);
  for (const auto& id : want.shapes) {
    if (drawing.count.contains(id) ? drawing.count.at(id) != 1 || !drawing.hasShape(id) : true) {
      problems << QString::fromStdString(id + " has no single shape");
    }
  }
  for (const auto& [id, source, target] : want.connections) {
    if (id.empty()) continue;
    const bool endsExist = drawing.di.contains(source) && drawing.di.contains(target);
    if (!endsExist) continue;
    if (!drawing.count.contains(id) || drawing.count.at(id) != 1 || drawing.di.at(id)->waypoints.size() < 2) {
      problems << QString::fromStdString(id + " has no single edge");
      continue;
    }
    const auto& points = drawing.points(id);
    if (drawing.hasShape(source) && !onBorder(points.front(), drawing.box(source))) {
      problems << QString::fromStdString(id + " does not start on " + source + "'s border: ") + text(points.front());
    }
    if (drawing.hasShape(target) && !onBorder(points.back(), drawing.box(target))) {
      problems << QString::fromStdString(id + " does not end on " + target + "'s border: ") + text(points.back());
    }
  }
  for (const auto& [id, element] : drawing.di) {
    if (element->kind != DiElement::Kind::kEdge) continue;
    for (std::size_t i = 0; i + 1 < element->waypoints.size(); ++i) {
      const Point& a = element->waypoints[i];
      const Point& b = element->waypoints[i + 1];
      if (a.x != b.x && a.y != b.y) {
        problems << QString::fromStdString(id + " has a diagonal segment ") + text(a) + "-" + text(b);
      }
    }
  }
  for (const auto* process : definitions.processes())
    checkScope(drawing, process->flowElements, std::nullopt, problems);
  // Pools do not overlap; lanes lie in their pool.
  for (const auto* collaboration : definitions.collaborations()) {
    const auto& pools = collaboration->participants;
    for (std::size_t i = 0; i < pools.size(); ++i) {
      for (std::size_t j = i + 1; j < pools.size(); ++j) {
        if (overlaps(drawing.box(pools[i].id), drawing.box(pools[j].id))) {
          problems << QString::fromStdString(pools[i].id + " overlaps " + pools[j].id);
        }
      }
    }
  }
  return problems;
}

std::multiset<std::string> findings(const Definitions& definitions) {
  std::multiset<std::string> result;
  for (const auto& diagnostic : validate(definitions, "x.bpmn")) {
    result.insert(std::string(severityName(diagnostic.severity)) + " " + diagnostic.elementId + ": " +
                  diagnostic.message);
  }
  return result;
}

// xmllint's verdict on `text` against the OMG BPMN 2.0 schema; empty when valid.
QString schemaErrors(const std::string& text) {
  QTemporaryDir dir;
  const QString path = dir.filePath("out.bpmn");
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return "cannot write " + path;
  file.write(QByteArray::fromStdString(text));
  file.close();
  QProcess lint;
  lint.start("xmllint", {"--noout", "--schema", test::corporaDir() + "/omg-xsd/BPMN20.xsd", path});
  if (!lint.waitForFinished(120000)) return "xmllint did not finish";
  return lint.exitCode() == 0 ? QString() : QString::fromUtf8(lint.readAllStandardError());
}

Definitions readStripped(const QString& path) {
  const QByteArray bytes = test::readAll(path);
  if (bytes.isNull()) qFatal("cannot read %s", qPrintable(path));
  Definitions definitions = parseOrFail(bytes, qPrintable(path));
  definitions.diagrams.clear();
  return definitions;
}

}  // namespace

class TestLayout : public QObject {
  Q_OBJECT

 private slots:
  void chainOnOneLine() {
    const Definitions d = laidOut(process("<startEvent id=\"s\" name=\"Order received\"/>" + flow("f1", "s", "t") +
                                          "<task id=\"t\"/>" + flow("f2", "t", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(problemsOf(d), QStringList());
    const Drawing drawing(d);
    QCOMPARE(d.diagrams.size(), std::size_t(1));
    QCOMPARE(d.diagrams[0].id, std::string("BPMNDiagram_1"));
    QCOMPARE(d.diagrams[0].plane.id, std::string("BPMNPlane_1"));
    QCOMPARE(d.diagrams[0].plane.bpmnElement, std::string("p"));
    QCOMPARE(drawing.di.at("s")->id, std::string("s_di"));
    // bpmn.io's sizes, one layer gap (60) apart, centres on one line.
    const Box s = drawing.box("s"), t = drawing.box("t"), e = drawing.box("e");
    QCOMPARE(s.w, 36.0);
    QCOMPARE(t.w, 100.0);
    QCOMPARE(t.h, 80.0);
    QCOMPARE(s.x, 160.0);
    QCOMPARE(t.x, 160.0 + 36 + 60);
    QCOMPARE(e.x, t.right() + 60);
    QCOMPARE(s.cy(), t.cy());
    QCOMPARE(e.cy(), t.cy());
    const auto& points = drawing.points("f1");
    QCOMPARE(points.size(), std::size_t(2));
    QCOMPARE(points.front().x, s.right());
    QCOMPARE(points.back().x, t.x);
    // The start event's name below it, as bpmn.io puts it.
    const auto& label = drawing.di.at("s")->label;
    QVERIFY(label && label->bounds);
    QVERIFY(label->bounds->y > s.bottom());
    QVERIFY(std::abs(label->bounds->x + label->bounds->width / 2 - s.cx()) <= 1);
  }

  void splitAndJoin() {
    const Definitions d = laidOut(process("<startEvent id=\"s\"/>" + flow("f0", "s", "g") +
                                          "<exclusiveGateway id=\"g\" default=\"no\"/>" + flow("yes", "g", "a", "yes") +
                                          flow("no", "g", "b", "no") + "<task id=\"a\"/><task id=\"b\"/>" +
                                          flow("f3", "a", "j") + flow("f4", "b", "j") + "<exclusiveGateway id=\"j\"/>" +
                                          flow("f5", "j", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(problemsOf(d), QStringList());
    const Drawing drawing(d);
    QVERIFY(drawing.di.at("g")->isMarkerVisible.value_or(false));
    const Box g = drawing.box("g"), a = drawing.box("a"), b = drawing.box("b"), j = drawing.box("j");
    // The branches one above the other in one layer, the gateways between them.
    QCOMPARE(a.x, b.x);
    QVERIFY(a.bottom() <= b.y - 40);
    QCOMPARE(g.cy(), (a.cy() + b.cy()) / 2);
    QCOMPARE(j.cy(), g.cy());
    // Named flows carry a label above their last horizontal segment.
    const auto& label = drawing.di.at("yes")->label;
    QVERIFY(label && label->bounds);
    QVERIFY(label->bounds->y + label->bounds->height <= a.cy());
    QVERIFY(label->bounds->x >= g.right());
    QVERIFY(label->bounds->x + label->bounds->width <= a.x + 1);
  }

  void loopRunsBelow() {
    const Definitions d = laidOut(process("<startEvent id=\"s\"/>" + flow("f1", "s", "a") + "<task id=\"a\"/>" +
                                          flow("f2", "a", "g") + "<exclusiveGateway id=\"g\"/>" +
                                          flow("again", "g", "a") + flow("f3", "g", "e") + "<endEvent id=\"e\"/>"));
    QCOMPARE(problemsOf(d), QStringList());
    const Drawing drawing(d);
    const Box a = drawing.box("a"), g = drawing.box("g");
    QVERIFY(a.right() < g.x);  // the loop's target stays left
    const auto& points = drawing.points("again");
    QCOMPARE(points.size(), std::size_t(6));
    QCOMPARE(points.front().x, g.right());  // out of the right side
    QCOMPARE(points.back().x, a.x);         // into the left side
    const double bottom = std::max(points[2].y, points[3].y);
    QVERIFY(bottom > a.bottom() && bottom > g.bottom());  // below both
  }

  void boundaryEventsOnTheBottomEdge() {
    const Definitions d = laidOut(
        process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + "<userTask id=\"t\"/>" + flow("f2", "t", "e") +
                "<endEvent id=\"e\"/>"
                "<boundaryEvent id=\"b1\" attachedToRef=\"t\" name=\"Timeout\"><timerEventDefinition/></boundaryEvent>"
                "<boundaryEvent id=\"b2\" attachedToRef=\"t\"><errorEventDefinition/></boundaryEvent>"
                "<boundaryEvent id=\"b3\" attachedToRef=\"t\" cancelActivity=\"false\"><messageEventDefinition/>"
                "</boundaryEvent>" +
                flow("f3", "b1", "x1") + flow("f4", "b2", "x2") + flow("f5", "b3", "t") + "<endEvent id=\"x1\"/>" +
                "<endEvent id=\"x2\"/>"));
    QCOMPARE(problemsOf(d), QStringList());
    const Drawing drawing(d);
    const Box t = drawing.box("t");
    QVERIFY(t.w >= 3 * 36);  // widened so three fit side by side
    for (const char* id : {"f3", "f4", "f5"}) {
      const auto& points = drawing.points(id);
      const std::string boundary = id == std::string("f3") ? "b1" : id == std::string("f4") ? "b2" : "b3";
      // Leaves through the boundary event's bottom.
      QCOMPARE(points.front().y, drawing.box(boundary).bottom());
      QCOMPARE(points.front().x, drawing.box(boundary).cx());
      QCOMPARE(points[1].x, points[0].x);
    }
    // Their targets lie to the right of the host and below its centre line.
    QVERIFY(drawing.box("x1").x > t.right());
    QVERIFY(drawing.box("x1").cy() > t.cy());
  }

  void subProcessesContainTheirContent() {
    const Definitions d = laidOut(
        process("<startEvent id=\"s\"/>" + flow("f1", "s", "sub") + "<subProcess id=\"sub\"><startEvent id=\"s2\"/>" +
                flow("g1", "s2", "t2") + "<task id=\"t2\"/>" + flow("g2", "t2", "e2") +
                "<endEvent id=\"e2\"/></subProcess>" + flow("f2", "sub", "e") + "<endEvent id=\"e\"/>" +
                "<subProcess id=\"events\" triggeredByEvent=\"true\"><startEvent id=\"es\"><signalEventDefinition/>"
                "</startEvent>" +
                flow("h1", "es", "ee") + "<endEvent id=\"ee\"/></subProcess><subProcess id=\"empty\"/>" +
                flow("f9", "e", "empty")));
    // (f9 leaves an end event: wrong, but it must still be drawn)
    QCOMPARE(problemsOf(d), QStringList());
    const Drawing drawing(d);
    const Box sub = drawing.box("sub"), events = drawing.box("events");
    QVERIFY(drawing.di.at("sub")->isExpanded.value_or(false));
    QVERIFY(drawing.di.at("events")->isExpanded.value_or(false));
    QVERIFY(!drawing.di.at("empty")->isExpanded.has_value());
    QCOMPARE(drawing.box("empty").w, 100.0);
    // The event sub-process below the flow of its scope.
    for (const char* id : {"s", "sub", "e", "empty"}) QVERIFY2(events.y > drawing.box(id).bottom(), id);
    QVERIFY(inside(drawing.box("t2"), sub));
    QVERIFY(inside(drawing.box("ee"), events));
  }

  void collaborationPoolsAndLanes() {
    const Definitions d = laidOut(parseOrFail(
        QByteArray(kOpen) +
        "<collaboration id=\"c\"><participant id=\"P1\" processRef=\"p1\"/><participant id=\"P2\" processRef=\"p2\"/>"
        "<participant id=\"Bank\"/>"
        "<messageFlow id=\"m1\" sourceRef=\"send\" targetRef=\"receive\"/>"
        "<messageFlow id=\"m2\" sourceRef=\"Bank\" targetRef=\"t1\"/></collaboration>"
        "<process id=\"p1\"><laneSet id=\"ls\"><lane id=\"L1\"><flowNodeRef>s1</flowNodeRef>"
        "<flowNodeRef>t1</flowNodeRef></lane><lane id=\"L2\"><flowNodeRef>send</flowNodeRef>"
        "<flowNodeRef>e1</flowNodeRef></lane></laneSet>"
        "<startEvent id=\"s1\"/>" +
        flow("a1", "s1", "t1") + "<task id=\"t1\"/>" + flow("a2", "t1", "send") + "<sendTask id=\"send\"/>" +
        flow("a3", "send", "e1") +
        "<endEvent id=\"e1\"/></process><process id=\"p2\"><startEvent id=\"receive\">"
        "<messageEventDefinition/></startEvent>" +
        flow("b1", "receive", "e2") + "<endEvent id=\"e2\"/></process></definitions>"));
    QCOMPARE(problemsOf(d), QStringList());
    QCOMPARE(d.diagrams.size(), std::size_t(1));
    QCOMPARE(d.diagrams[0].plane.bpmnElement, std::string("c"));
    const Drawing drawing(d);
    const Box p1 = drawing.box("P1"), p2 = drawing.box("P2"), bank = drawing.box("Bank");
    QVERIFY(drawing.di.at("P1")->isHorizontal.value_or(false));
    // Stacked in document order, one width.
    QVERIFY(p1.bottom() < p2.y);
    QVERIFY(p2.bottom() < bank.y);
    QCOMPARE(p1.w, p2.w);
    QCOMPARE(bank.w, p1.w);
    QCOMPARE(bank.h, 60.0);
    // Lanes fill the pool right of its name, each node in its lane.
    const Box l1 = drawing.box("L1"), l2 = drawing.box("L2");
    QCOMPARE(l1.x, p1.x + 30);
    QCOMPARE(l1.right(), p1.right());
    QCOMPARE(l1.y, p1.y);
    QCOMPARE(l2.y, l1.bottom());
    QCOMPARE(l2.bottom(), p1.bottom());
    for (const char* id : {"s1", "t1"}) QVERIFY2(inside(drawing.box(id), l1), id);
    for (const char* id : {"send", "e1"}) QVERIFY2(inside(drawing.box(id), l2), id);
    QVERIFY(inside(drawing.box("receive"), p2));
    // Message flows leave downwards from a node in an upper pool.
    const auto& m1 = drawing.points("m1");
    QCOMPARE(m1.front().y, drawing.box("send").bottom());
    QCOMPARE(m1.back().y, drawing.box("receive").y);
    const auto& m2 = drawing.points("m2");
    QCOMPARE(m2.front().y, bank.y);
    QCOMPARE(m2.back().y, drawing.box("t1").bottom());
  }

  void dataAndAnnotationsAboveTheirActivity() {
    const Definitions d = laidOut(process(
        "<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
        "<task id=\"t\"><dataOutputAssociation id=\"out\"><targetRef>ref</targetRef></dataOutputAssociation></task>" +
        flow("f2", "t", "e") +
        "<endEvent id=\"e\"/><dataObject id=\"obj\"/><dataObjectReference id=\"ref\" dataObjectRef=\"obj\" "
        "name=\"Invoice\"/>"
        "<textAnnotation id=\"note\"><text>Checked by hand</text></textAnnotation>"
        "<association id=\"as\" sourceRef=\"e\" targetRef=\"note\"/>"));
    QCOMPARE(problemsOf(d), QStringList());
    const Drawing drawing(d);
    QVERIFY(!drawing.count.contains("obj"));  // bpmn.io draws the reference, not the object
    const Box t = drawing.box("t"), ref = drawing.box("ref"), note = drawing.box("note");
    QVERIFY(ref.bottom() < t.y);
    QCOMPARE(ref.cx(), t.cx());
    QVERIFY(note.bottom() < drawing.box("e").y);
    QCOMPARE(drawing.points("out").front().y, t.y);  // straight up from the task
  }

  void crossingsReduced() {
    // Document order puts the lower branch first; the order within the
    // layer follows the connections instead, so the flows do not cross.
    const Definitions d =
        laidOut(process("<startEvent id=\"s\"/>" + flow("f1", "s", "g") + "<parallelGateway id=\"g\"/>" +
                        flow("f2", "g", "a") + flow("f3", "g", "b") + "<task id=\"a\"/><task id=\"b\"/>" +
                        flow("f4", "a", "a2") + flow("f5", "b", "b2") + "<task id=\"b2\"/><task id=\"a2\"/>" +
                        flow("f6", "a2", "j") + flow("f7", "b2", "j") + "<parallelGateway id=\"j\"/>"));
    QCOMPARE(problemsOf(d), QStringList());
    const Drawing drawing(d);
    QCOMPARE(drawing.box("a").y < drawing.box("b").y, drawing.box("a2").y < drawing.box("b2").y);
    QCOMPARE(drawing.box("a").cy(), drawing.box("a2").cy());
  }

  void relayoutKeepsColoursAndIds() {
    Definitions d = laidOut(process("<startEvent id=\"s\"/>" + flow("f1", "s", "e") + "<endEvent id=\"e\"/>"));
    d.diagrams[0].plane.elements[0].otherAttributes.push_back(
        {"bioc:fill", "http://bpmn.io/schema/bpmn/biocolor/1.0", "#c8e6c9"});
    d.diagrams[0].plane.elements[0].bounds->x = 999;
    QVERIFY(!needsLayout(d));
    Definitions again = laidOut(d);
    const Drawing drawing(again);
    QCOMPARE(drawing.box("s").x, 160.0);
    QCOMPARE(drawing.di.at("s")->id, std::string("s_di"));
    QCOMPARE(drawing.di.at("s")->otherAttributes.size(), std::size_t(1));
    QCOMPARE(drawing.di.at("s")->otherAttributes[0].value, std::string("#c8e6c9"));
  }

  void idsDoNotCollide() {
    const Definitions d = laidOut(
        process("<startEvent id=\"s\"/>" + flow("s_di", "s", "BPMNDiagram_1") + "<endEvent id=\"BPMNDiagram_1\"/>"));
    QCOMPARE(problemsOf(d), QStringList());
    const Drawing drawing(d);
    QCOMPARE(drawing.di.at("s")->id, std::string("s_di_2"));
    QCOMPARE(d.diagrams[0].id, std::string("BPMNDiagram_1_2"));
    QCOMPARE(findings(d), findings(process("<startEvent id=\"s\"/>" + flow("s_di", "s", "BPMNDiagram_1") +
                                           "<endEvent id=\"BPMNDiagram_1\"/>")));
  }

  void needsLayoutOnlyWithoutShapes() {
    Definitions d = process("<startEvent id=\"s\"/>");
    QVERIFY(needsLayout(d));
    d.diagrams.emplace_back();  // a diagram with an empty plane draws nothing
    QVERIFY(needsLayout(d));
    QVERIFY(!needsLayout(laidOut(d)));
    // An empty process with an empty diagram (File > New before drawing,
    // or a blank file) has nothing to lay out.
    Definitions empty = process("");
    empty.diagrams.emplace_back();
    QVERIFY(!needsLayout(empty));
  }

  void refusesNothingToDraw() {
    Definitions d = parseOrFail(QByteArray(kOpen) + "<message id=\"m\"/></definitions>");
    const Definitions before = d;
    Status status = layoutDiagrams(d);
    QCOMPARE(status.code(), StatusCode::kInvalidArgument);
    QCOMPARE(status.message(), std::string("layout: nothing to draw (the file has no process and no collaboration)"));
    QVERIFY(d == before);
    Definitions p = process("<startEvent id=\"s\"/>");
    status = layoutDiagrams(p, LayoutOptions{5, 40});
    QCOMPARE(status.code(), StatusCode::kInvalidArgument);
    QCOMPARE(status.message(), std::string("layout: layerGap must be at least 20 and nodeGap at least 10"));
  }

  void files_data() {
    QTest::addColumn<QString>("path");
    QDir samples(test::sourceDir() + "/bpmn-samples");
    for (const QString& name : samples.entryList({"*.bpmn"}, QDir::Files, QDir::Name)) {
      QTest::newRow(qPrintable("bpmn-samples/" + name)) << samples.filePath(name);
    }
    QDir miwg(test::corporaDir() + "/miwg/reference");
    QVERIFY2(miwg.exists(), qPrintable("MIWG corpus not found at " + miwg.path() + " (set BPMN_CORPORA)"));
    const QStringList references = miwg.entryList({"*.bpmn"}, QDir::Files, QDir::Name);
    QCOMPARE(references.size(), 21);
    for (const QString& name : references) QTest::newRow(qPrintable("miwg/" + name)) << miwg.filePath(name);
  }

  // Every sample and MIWG reference without its DI: laid out, it keeps
  // every promise, saves, re-reads to an equal model, validates as before,
  // and comes out the same the second time.
  void files() {
    QFETCH(QString, path);
    const Definitions stripped = readStripped(path);
    QVERIFY(needsLayout(stripped));
    const Definitions d = laidOut(stripped);
    const std::string written = writeBpmn(d);
    // To look at the drawings: BPMN_LAYOUT_OUT=dir, then bpmn-modeler --export.
    if (const QString out = qEnvironmentVariable("BPMN_LAYOUT_OUT"); !out.isEmpty()) {
      QFile file(out + "/" + QFileInfo(path).fileName());
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(QByteArray::fromStdString(written));
    }
    const QStringList problems = problemsOf(d);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("; ")));
    const Definitions reread = parseOrFail(QByteArray::fromStdString(written));
    QVERIFY(reread == d);
    QCOMPARE(findings(reread), findings(stripped));
    QVERIFY(laidOut(stripped) == d);
  }

  // SPEC (BPMN20.xsd, BPMNDI.xsd): the written diagram is schema-valid DI.
  void writtenLayoutIsSchemaValid() {
    for (const char* name : {"B.2.0.bpmn", "C.4.0.bpmn"}) {
      const Definitions d = laidOut(readStripped(test::corporaDir() + "/miwg/reference/" + name));
      QCOMPARE(schemaErrors(writeBpmn(d)), QString());
    }
    const Definitions sample = laidOut(readStripped(test::sourceDir() + "/bpmn-samples/course-purchase.bpmn"));
    QCOMPARE(schemaErrors(writeBpmn(sample)), QString());
  }
};

QTEST_GUILESS_MAIN(TestLayout)
#include "tst_layout.moc"

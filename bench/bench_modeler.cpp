// bench_modeler: opening a large model in the modeler (issue 8, acceptance
// 5). Generates a process of N elements (default 1,000: a chain of tasks
// with gateways every tenth, each with its DI shape and edges), then times
// reading it into a BpmnDocument and building its scene (an item per DI
// element), best of three. Runs headless (offscreen platform).
// Usage: bench_modeler [elements]
#include <QApplication>
#include <QElapsedTimer>
#include <cstdio>
#include <cstdlib>

#include "bpmn_document.h"
#include "diagram_scene.h"

namespace {

QByteArray generate(int elements) {
  QByteArray process, shapes;
  QString previous = "start";
  process += "<bpmn:startEvent id=\"start\"/>";
  shapes +=
      "<bpmndi:BPMNShape id=\"start_di\" bpmnElement=\"start\"><dc:Bounds x=\"0\" y=\"22\" width=\"36\" "
      "height=\"36\"/></bpmndi:BPMNShape>";
  double x = 0;
  for (int i = 1; i < elements; ++i) {
    const QString id = QString("node%1").arg(i);
    const bool gateway = i % 10 == 0;
    x += 150;
    const int row = (i / 40) * 150;
    const double nodeX = static_cast<int>(x) % 6000;
    process += gateway ? QString("<bpmn:exclusiveGateway id=\"%1\"/>").arg(id).toUtf8()
                       : QString("<bpmn:task id=\"%1\" name=\"Task %2\"/>").arg(id).arg(i).toUtf8();
    process += QString("<bpmn:sequenceFlow id=\"flow%1\" sourceRef=\"%2\" targetRef=\"%3\"/>")
                   .arg(i)
                   .arg(previous, id)
                   .toUtf8();
    shapes += QString(
                  "<bpmndi:BPMNShape id=\"%1_di\" bpmnElement=\"%1\"><dc:Bounds x=\"%2\" y=\"%3\" width=\"%4\" "
                  "height=\"%5\"/></bpmndi:BPMNShape>")
                  .arg(id)
                  .arg(nodeX)
                  .arg(row)
                  .arg(gateway ? 50 : 100)
                  .arg(gateway ? 50 : 80)
                  .toUtf8();
    shapes += QString(
                  "<bpmndi:BPMNEdge id=\"flow%1_di\" bpmnElement=\"flow%1\"><di:waypoint x=\"%2\" y=\"%3\"/>"
                  "<di:waypoint x=\"%4\" y=\"%3\"/></bpmndi:BPMNEdge>")
                  .arg(i)
                  .arg(nodeX - 50)
                  .arg(row + 40)
                  .arg(nodeX)
                  .toUtf8();
    previous = id;
  }
  return "<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" "
         "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
         "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" id=\"d\" targetNamespace=\"bench\">"
         "<bpmn:process id=\"big\">" +
         process +
         "</bpmn:process><bpmndi:BPMNDiagram id=\"diagram\"><bpmndi:BPMNPlane id=\"plane\" bpmnElement=\"big\">" +
         shapes + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>";
}

}  // namespace

int main(int argc, char** argv) {
  if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
  QApplication app(argc, argv);
  const int elements = argc > 1 ? std::atoi(argv[1]) : 1000;
  const QByteArray xml = generate(elements);
  double best = 1e9, bestRead = 1e9;
  int items = 0;
  for (int round = 0; round < 3; ++round) {
    QElapsedTimer timer;
    timer.start();
    bpmn::modeler::BpmnDocument document;
    bpmn::Status opened = document.openBytes(xml, "big.bpmn");
    if (!opened.isOk()) {
      std::fprintf(stderr, "bench_modeler: %s\n", opened.message().c_str());
      return 1;
    }
    const double read = timer.nsecsElapsed() / 1e6;
    bpmn::modeler::DiagramScene scene(document, 0);
    items = static_cast<int>(scene.items().size());
    const double total = timer.nsecsElapsed() / 1e6;
    if (total < best) {
      best = total;
      bestRead = read;
    }
  }
  std::printf("%d elements (%d KiB of XML, %d scene items): open %.1f ms (read %.1f ms, scene %.1f ms), best of 3\n",
              elements, static_cast<int>(xml.size() / 1024), items, best, bestRead, best - bestRead);
  return 0;
}

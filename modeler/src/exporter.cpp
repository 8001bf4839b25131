// Export (exporter.h).
#include "exporter.h"

#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include "diagram_scene.h"

namespace bpmn::modeler {

Status exportDiagram(BpmnDocument& document, int diagram, const QString& out, double scale, const QStringList& only) {
  const int count = static_cast<int>(document.definitions().diagrams.size());
  if (diagram < 0 || diagram >= count) {
    return Status::invalidArgument(document.path().toStdString() + ": no diagram " + std::to_string(diagram + 1) +
                                   " (the file has " + std::to_string(count) + ")");
  }
  DiagramScene scene(document, diagram, false);
  if (!only.isEmpty()) scene.showOnly(only);
  if (scene.items().isEmpty()) return Status::invalidArgument(out.toStdString() + ": there is nothing to export");
  return renderScene(scene, scene.diagramRect(), out, scale,
                     QString::fromStdString(document.definitions().diagrams[static_cast<std::size_t>(diagram)].name),
                     "Exported by bpmn-modeler from " + document.path());
}

Status renderScene(QGraphicsScene& scene, const QRectF& source, const QString& out, double scale, const QString& title,
                   const QString& description) {
  if (out.endsWith(".svg", Qt::CaseInsensitive)) {
    QSvgGenerator svg;
    svg.setFileName(out);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setTitle(title);
    svg.setDescription(description);
    QPainter painter;
    if (!painter.begin(&svg)) return Status::ioError(out.toStdString() + ": cannot write");
    scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    return Status::ok();
  }
  if (out.endsWith(".png", Qt::CaseInsensitive)) {
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32);
    if (image.isNull()) return Status::invalidArgument(out.toStdString() + ": the diagram is too large for an image");
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), source.size() * scale), source);
    painter.end();
    if (!image.save(out)) return Status::ioError(out.toStdString() + ": cannot write");
    return Status::ok();
  }
  return Status::invalidArgument(out.toStdString() + ": export writes .svg or .png");
}

}  // namespace bpmn::modeler

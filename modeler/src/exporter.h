// Export of a diagram as SVG or PNG, with or without a window (the
// offscreen platform): what `bpmn-modeler --export` and File > Export do.
#pragma once

#include <QGraphicsScene>
#include <QRectF>
#include <QString>
#include <QStringList>

#include "bpmn/status.h"
#include "bpmn_document.h"

namespace bpmn::modeler {

// The format follows OUT's extension (.svg or .png). PNG renders at `scale`
// times the DI's units. With `only`, just those elements (the selection),
// cropped to them.
Status exportDiagram(BpmnDocument& document, int diagram, const QString& out, double scale = 2.0,
                     const QStringList& only = {});
// Renders `source` of `scene` to OUT (.svg or .png at `scale`), with the
// SVG's title and description.
Status renderScene(QGraphicsScene& scene, const QRectF& source, const QString& out, double scale, const QString& title,
                   const QString& description);

}  // namespace bpmn::modeler

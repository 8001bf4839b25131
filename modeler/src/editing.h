// Creating and connecting elements, as the palette and the connect tool do
// it: model and DI change together (a shape of bpmn.io's size centred where
// the user clicked; a sequence flow with an orthogonal route between its
// ends), with new ids in bpmn.io's style (Activity_1x2y3z4, shape ids
// <id>_di). Pure functions on the model; the document wraps each in one
// undo step. GUI thread.
#pragma once

#include <QPointF>
#include <QString>

#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

// A fresh id with bpmn.io's prefix for the kind ("Activity_", "Event_",
// "Gateway_", "Flow_") not used anywhere in the file.
std::string newId(const model::Definitions& definitions, model::ElementKind kind);

// Adds a flow node of `kind` to the process the diagram shows, centred at
// `center`. Returns its id.
Result<std::string> createNode(model::Definitions& definitions, int diagram, model::ElementKind kind,
                               const QPointF& center);

// Adds a sequence flow from `source` to `target` (both flow nodes of the
// diagram's process) with its DI edge. Returns its id.
Result<std::string> connectNodes(model::Definitions& definitions, int diagram, const std::string& source,
                                 const std::string& target);

}  // namespace bpmn::modeler

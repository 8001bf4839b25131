// Collapsing and expanding a sub-process (bpmn.io's replace menu, "Sub-process
// (collapsed)" / "(expanded)"): a collapsed sub-process with content draws
// that content in a diagram of its own, whose plane names the sub-process
// (BPMN 2.0.2 §12.1: a BPMNPlane for a sub-process; the drill-down), and
// an expanded one draws it inside its shape. Pure functions on the model;
// GUI thread.
#pragma once

#include <string>

#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

// Collapses the expanded sub-process `id` drawn in `diagram` to bpmn.io's
// 100x80 at its top left corner: the DI of its content moves to a new
// diagram (appended) with the content's top left corner at (180, 80);
// connections from outside to the content (message flows, associations)
// dock on the collapsed shape; boundary events keep their relative place.
Status collapseSubProcess(model::Definitions& definitions, int diagram, const std::string& id);

// Expands the collapsed sub-process `id` drawn in `diagram`: the DI of its
// own diagram, if it has one, moves into its shape, which grows to hold it
// (at least bpmn.io's 350x200) from its top left corner, and that diagram
// goes.
Status expandSubProcess(model::Definitions& definitions, int diagram, const std::string& id);

}  // namespace bpmn::modeler

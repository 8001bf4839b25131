// Auto-layout: diagram interchange (BPMN 2.0.2 §12) for a model that has
// none, or a fresh one on request.
//
// Each process is laid out in layers from left to right: nodes are ranked by
// the longest path over sequence flows once cycles are broken, ordered within
// their layer to reduce crossings, and sized as bpmn.io sizes them (events
// 36x36, gateways 50x50, activities 100x80). Expanded sub-processes contain
// their own layout; event sub-processes sit below the flow of their scope;
// boundary events sit on the bottom edge of their host and their flows leave
// downwards. Sequence flows are orthogonal, from the right side of the source
// to the left side of the target, bending between layers; a flow back to an
// earlier layer runs below its lane. A collaboration gets one pool per
// participant, stacked, with lanes as bands and message flows between them.
// Data objects, data stores and text annotations sit in a row above the
// elements they are associated with. The result is ordinary DI: shapes and
// edges with bpmn.io's ids (`<element id>_di`), written like any other.
//
// Pure function of the model (the same model gives the same diagram);
// thread-safe on distinct models.
#pragma once

#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn {

struct LayoutOptions {
  double layerGap = 60;  // between the columns of two layers
  double nodeGap = 40;   // between two shapes of one layer
};

// Replaces every diagram of `definitions` with a laid-out one: one diagram
// per collaboration, and one per process that no participant refers to.
// Colours and other vendor attributes of the old shapes are kept. Fails
// (and changes nothing) when there is nothing to draw: no process and no
// collaboration.
Status layoutDiagrams(model::Definitions& definitions, const LayoutOptions& options = {});

// Whether the model has something to draw but no diagram draws it: no
// diagram, or diagrams without a single shape, while a process has flow
// elements or a collaboration has pools. A new, empty file needs none.
bool needsLayout(const model::Definitions& definitions);

}  // namespace bpmn

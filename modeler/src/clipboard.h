// Copy and paste: the selected flow nodes (with their boundary events and,
// for sub-processes, their content), the sequence flows between them, text
// annotations and the associations between copied elements, with their DI.
// Pasting gives every element and DI element a new id in bpmn.io's style
// and puts them into the pool or expanded sub-process under where they
// land. A copy carries what it refers to outside itself (messages,
// signals, errors, escalations, item definitions, data stores, category
// values, data objects) and the namespaces of its file, so that it pastes
// into another file without dangling references or undeclared prefixes.
// Pure functions on the model; GUI thread.
#pragma once

#include <QPointF>
#include <string>
#include <vector>

#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

struct Clipboard {
  std::vector<model::FlowElement> elements;  // in their scope's order, content nested
  std::vector<model::Artifact> artifacts;
  std::vector<model::DiElement> shapes;  // of everything copied, content included
  std::vector<model::DiElement> edges;
  // The diagrams of copied collapsed sub-processes (their drill-downs).
  std::vector<model::Diagram> planes;
  // Root elements the copy refers to, what they refer to first.
  std::vector<model::RootElement> roots;
  // Data objects of copied data object references, when not copied too.
  std::vector<model::FlowElement> dataObjects;
  std::vector<model::NamespaceDeclaration> namespaces;  // of the copy's file
  bool empty() const { return elements.empty() && artifacts.empty(); }
};

// What of `ids` (drawn in `diagram`) can be copied, with what goes along.
Clipboard copyElements(const model::Definitions& definitions, int diagram, const std::vector<std::string>& ids);

// Adds a copy of the clipboard to the diagram, shifted by `offset`.
// Returns the new ids of the copied top-level elements (newline-separated,
// so the caller can select them).
Result<std::string> pasteElements(model::Definitions& definitions, int diagram, const Clipboard& clipboard,
                                  const QPointF& offset);

}  // namespace bpmn::modeler

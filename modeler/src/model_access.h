// Finding things in a Definitions for editing: the diagram's plane and
// shapes, the scope (process or sub-process) that holds an element, the
// participant drawing a process, the two ends of a connection, the ids in
// use. Pure functions; pointers point into the Definitions passed and are
// invalidated by any change to the vectors they sit in. GUI thread.
#pragma once

#include <QPolygonF>
#include <QRectF>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bpmn/model/definitions.h"

namespace bpmn::modeler {

// The plane of diagram `diagram`, or null when there is no such diagram.
model::DiPlane* planeOf(model::Definitions& definitions, int diagram);
const model::DiPlane* planeOf(const model::Definitions& definitions, int diagram);

// The shape (with bounds) or the edge drawing a model element in that
// plane, or null.
model::DiElement* shapeOf(model::DiPlane& plane, const std::string& elementId);
const model::DiElement* shapeOf(const model::DiPlane& plane, const std::string& elementId);
model::DiElement* edgeOf(model::DiPlane& plane, const std::string& elementId);

QRectF rectOf(const model::Bounds& bounds);
model::Bounds boundsOf(const QRectF& rect, model::Bounds keep = {});
QPolygonF polygonOf(const model::DiElement& edge);

// Every id in the file: roots, flow elements at any depth, artifacts,
// participants, message flows, lanes, DI elements.
std::set<std::string> usedIds(const model::Definitions& definitions);

model::Process* findProcess(model::Definitions& definitions, std::string_view id);

// The process a diagram draws: its plane's process, or the process of the
// first participant of its collaboration that has one.
model::Process* processOf(model::Definitions& definitions, int diagram);

// The collaboration a diagram draws, or null for a process diagram.
model::Collaboration* collaborationOf(model::Definitions& definitions, int diagram);

// Where a flow element or artifact lives: the process, and the
// sub-process holding it when it is nested.
struct Scope {
  model::Process* process = nullptr;
  model::FlowElement* subProcess = nullptr;  // null at the process level
  std::vector<model::FlowElement>* elements = nullptr;
  std::vector<model::Artifact>* artifacts = nullptr;
};
std::optional<Scope> scopeOf(model::Definitions& definitions, const std::string& id);
// The scope a process or (expanded) sub-process with that id opens.
std::optional<Scope> scopeOpenedBy(model::Definitions& definitions, const std::string& id);

// The participant with that id, and the collaboration holding it.
std::pair<model::Collaboration*, model::Participant*> findParticipant(model::Definitions& definitions,
                                                                      const std::string& id);
// The participant whose pool draws this process, if any.
model::Participant* participantOf(model::Definitions& definitions, const std::string& processId);

// The lane with that id in any process, and the process holding it.
std::pair<model::Process*, model::Lane*> findLane(model::Definitions& definitions, const std::string& id);

// The two ends of a sequence flow, message flow, association or data
// association (data first for an input, last for an output), or nothing
// for other elements.
std::optional<std::pair<std::string, std::string>> endsOf(const model::Definitions& definitions,
                                                          const std::string& id);

// The scope an element dropped at `point` joins: the smallest expanded
// sub-process or pool (with a process) drawn there, ignoring the shapes of
// `excluded` ids, else the diagram's process; nothing on a collaboration
// diagram outside every pool.
std::optional<Scope> scopeAt(model::Definitions& definitions, int diagram, const QPointF& point,
                             const std::set<std::string>& excluded = {});

// Puts a flow node into the innermost lane of its process drawn under its
// centre and into all that lane's ancestor lanes (BPMN: a lane's
// flowNodeRefs are the nodes in its partition, as bpmn.io keeps them), out
// of every other lane; nothing when the process has no lanes.
void assignLane(model::Definitions& definitions, int diagram, const std::string& nodeId);

// Takes a flow node out of every lane of a process.
void removeFromLanes(model::Process& process, const std::string& nodeId);

// Visits every flow element of every process, nested ones after their
// sub-process. `visit` must not add or remove flow elements.
void forEachFlowElement(model::Definitions& definitions, const std::function<void(model::FlowElement&)>& visit);

// Text without the white space around it (an id written as element text).
std::string trimmed(const std::string& text);

// Ids of the lanes, nested ones too.
void collectLaneIds(const std::vector<model::LaneSet>& laneSets, std::set<std::string>& ids);

// Ids of verbatim content (ioSpecification, data associations...) at any
// depth.
void collectXmlIds(const std::vector<model::XmlElement>& elements, std::set<std::string>& ids);

// Ids of the flow elements and artifacts inside `elements`, at any depth.
void collectContent(const std::vector<model::FlowElement>& elements, const std::vector<model::Artifact>& artifacts,
                    std::set<std::string>& ids);

}  // namespace bpmn::modeler

// Creating, connecting, deleting and relabelling elements, as the palette,
// the connect tool, the Delete key and in-place label editing do it: model
// and DI change together (a shape of bpmn.io's size centred where the user
// clicked; a connection routed orthogonally between its ends), with new
// ids in bpmn.io's style (Activity_1x2y3z4, shape ids <id>_di). Pure
// functions on the model; the document wraps each in one undo step.
// GUI thread.
#pragma once

#include <QObject>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <string>
#include <vector>

#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

// A fresh id with bpmn.io's prefix for the kind ("Activity_", "Event_",
// "Gateway_", "Flow_", "DataObjectReference_"...) not used anywhere in the
// file.
std::string newId(const model::Definitions& definitions, model::ElementKind kind);
// The same with any prefix ("Participant_", "TextAnnotation_").
std::string newId(const model::Definitions& definitions, const std::string& prefix);

// A new file as bpmn.io starts one: an executable process with a start
// event, drawn in one diagram.
model::Definitions newDefinitions();

// What the palette creates: a flow node kind, optionally with an event
// definition or as an expanded sub-process, or an element outside the
// flow (pool, text annotation, group).
struct NewElement {
  enum class Category { kFlowNode, kParticipant, kTextAnnotation, kGroup };
  Category category = Category::kFlowNode;
  model::ElementKind kind = model::ElementKind::kTask;
  std::optional<model::EventDefinitionKind> eventDefinition;
  bool expanded = false;          // sub-processes: drawn open, 350x200
  bool vertical = false;          // pools: drawn top to bottom (isHorizontal="false"), 250x600
  bool triggeredByEvent = false;  // sub-processes: an event sub-process
};

// bpmn.io's size for a new shape.
QSizeF defaultSize(const NewElement& element);

// Adds a flow node of `kind` to the process the diagram shows (or to the
// pool or expanded sub-process under `center`), centred at `center`.
// Returns its id.
Result<std::string> createNode(model::Definitions& definitions, int diagram, model::ElementKind kind,
                               const QPointF& center);
Result<std::string> createElement(model::Definitions& definitions, int diagram, const NewElement& element,
                                  const QPointF& center);

// Adds a boundary event of `definition` (none: a plain boundary event) on
// the border of `host`, an activity of the diagram, nearest `at`.
Result<std::string> attachBoundaryEvent(model::Definitions& definitions, int diagram, const std::string& host,
                                        std::optional<model::EventDefinitionKind> definition, const QPointF& at);

// Lanes as bpmn.io's context pad on a pool or lane makes them (geometry:
// lane_layout.h). New lanes get ids Lane_..., shapes <id>_di drawn the
// way the pool is (isHorizontal), and hold the flow nodes drawn in them.
//
// "Add lane above" / "Add lane below": a lane of 120 before (above; left
// of it in a vertical pool) or after `poolOrLane` in its lane set; on a
// pool, before its first or after its last top-level lane (a pool without
// lanes first gets one lane filling it). The parent lanes and the pool
// grow; above, the pool's start edge moves out and the lanes before the
// new one move along with what lies in them; below, the lanes after it.
// Returns the new lane.
enum class LaneSide { kAbove, kBelow };
Result<std::string> insertLane(model::Definitions& definitions, int diagram, const std::string& poolOrLane,
                               LaneSide side);
// "Divide into two/three lanes": a lane without child lanes gets a child
// lane set of `parts` (2 or 3) lanes that share its length evenly, less
// its label band across; a pool without lanes gets `parts` lanes. A lane
// shorter than 60 per part grows first (what lies beyond moves along).
// The flow nodes go to the lane drawn under them. Refused for a lane with
// child lanes and a pool with lanes. Returns the new lanes in order.
Result<std::vector<std::string>> divideLane(model::Definitions& definitions, int diagram, const std::string& poolOrLane,
                                            int parts);
// The former single "add lane" action: a pool without lanes is divided
// into two (returns the second lane), otherwise insertLane(kBelow).
Result<std::string> addLane(model::Definitions& definitions, int diagram, const std::string& poolOrLane);

// What may connect `source` to `target`: a sequence flow between flow
// nodes of one process, a message flow between different pools, an
// association from or to a text annotation or from a compensation boundary
// event to its compensation activity (which connectShapes marks
// isForCompensation), a data association between a data object or store
// and an activity or event (data to it: input; from it: output). Empty
// when nothing may, with `why` saying so.
enum class ConnectionKind { kNone, kSequenceFlow, kMessageFlow, kAssociation, kDataAssociation };
ConnectionKind connectionFor(model::Definitions& definitions, const std::string& source, const std::string& target,
                             std::string* why = nullptr);

// Adds a sequence flow from `source` to `target` (both flow nodes of the
// diagram's process) with its DI edge. Returns its id.
Result<std::string> connectNodes(model::Definitions& definitions, int diagram, const std::string& source,
                                 const std::string& target);
// Adds the connection connectionFor allows between the two shapes.
Result<std::string> connectShapes(model::Definitions& definitions, int diagram, const std::string& source,
                                  const std::string& target);

// The kinds an element may turn into (bpmn.io's replace menu): tasks into
// other tasks, call activities and collapsed sub-processes; events into
// events of the same position in the flow with another definition (start
// into start, end into end, intermediate catch and throw into each other);
// gateways into gateways. Empty for anything else.
std::vector<NewElement> replacementsFor(const model::Definitions& definitions, const std::string& id);
// A readable name for a palette or replace entry ("Message start event").
QString describe(const NewElement& element);
// The properties panel's header for an element, in bpmn.io's words:
// "User Task", "Message Start Event", "Event Sub-process".
QString elementTitle(const model::FlowElement& element);
// Turns the element into another kind, keeping its id, name,
// documentation, extensions and connections (those the new kind may not
// have go: a start event's incoming flows, an end event's outgoing ones).
Result<std::string> replaceElement(model::Definitions& definitions, int diagram, const std::string& id,
                                   const NewElement& into);

// Removes elements with everything that cannot stay without them:
// boundary events of a removed activity, the content of a removed
// sub-process, the process of a removed pool, every connection to a
// removed element, references to removed flows (incoming, outgoing,
// default, lanes), and their DI in every diagram. A removed lane's
// siblings take its space (lane_layout.h).
Result<std::string> deleteElements(model::Definitions& definitions, const std::vector<std::string>& ids);

// The text an element shows: a flow element's or pool's or lane's or
// message flow's name, a text annotation's text, a group's category value.
std::string labelOf(const model::Definitions& definitions, const std::string& id);
Result<std::string> setLabel(model::Definitions& definitions, const std::string& id, const std::string& text);

}  // namespace bpmn::modeler

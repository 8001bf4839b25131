// Process and its lanes (BPMN 2.0.2 §10.2, §10.8). Plain value; safe to copy.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpmn/model/flow_element.h"

namespace bpmn::model {

struct Lane;

struct LaneSet : BaseElement {
  std::string name;
  std::vector<Lane> lanes;
  bool operator==(const LaneSet&) const;
};

struct Lane : BaseElement {
  std::string name;
  std::string partitionElementRef;
  std::vector<std::string> flowNodeRefs;
  std::vector<LaneSet> childLaneSets;  // zero or one, as the schema allows
  bool operator==(const Lane&) const;
};

struct Process : BaseElement {
  std::string name;
  std::optional<bool> isExecutable;
  std::string processType;
  std::optional<bool> isClosed;
  std::string definitionalCollaborationRef;
  std::vector<LaneSet> laneSets;
  std::vector<FlowElement> flowElements;  // document order
  std::vector<Artifact> artifacts;

  // A process runs unless it says isExecutable="false": files written by hand
  // and by several engines' tests leave the attribute out.
  bool executable() const { return isExecutable.value_or(true); }

  bool operator==(const Process&) const = default;
};

}  // namespace bpmn::model

// Collaboration (BPMN 2.0.2 §9): pools (participants) and the message flows
// between them. Plain value; safe to copy.
#pragma once

#include <string>
#include <vector>

#include "bpmn/model/flow_element.h"

namespace bpmn::model {

struct Participant : BaseElement {
  std::string name;
  std::string processRef;
  bool operator==(const Participant&) const = default;
};

struct MessageFlow : BaseElement {
  std::string name;
  std::string sourceRef;
  std::string targetRef;
  std::string messageRef;
  bool operator==(const MessageFlow&) const = default;
};

struct Collaboration : BaseElement {
  std::string name;
  std::optional<bool> isClosed;
  std::vector<Participant> participants;
  std::vector<MessageFlow> messageFlows;
  std::vector<Artifact> artifacts;
  bool operator==(const Collaboration&) const = default;
};

}  // namespace bpmn::model

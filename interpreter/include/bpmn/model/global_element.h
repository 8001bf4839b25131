// Messages, signals, errors and escalations: the root elements that events
// refer to by id (BPMN 2.0.2 §8.4). One struct for the four, since they differ
// only in which of `ref` / `code` they have. Plain value; safe to copy.
#pragma once

#include <string>
#include <string_view>

#include "bpmn/model/base_element.h"

namespace bpmn::model {

struct GlobalElement : BaseElement {
  enum class Kind { kMessage, kSignal, kError, kEscalation };
  Kind kind = Kind::kMessage;
  std::string name;
  std::string ref;   // itemRef (message) or structureRef (the others)
  std::string code;  // errorCode / escalationCode
  bool operator==(const GlobalElement&) const = default;
};

std::string_view globalKindName(GlobalElement::Kind kind);  // "message"

}  // namespace bpmn::model

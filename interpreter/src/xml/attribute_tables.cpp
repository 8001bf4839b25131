#include "xml/attribute_tables.h"

namespace bpmn::xml {

std::string_view globalRefAttribute(model::GlobalElement::Kind kind) {
  return kind == model::GlobalElement::Kind::kMessage ? "itemRef" : "structureRef";
}

std::string_view globalCodeAttribute(model::GlobalElement::Kind kind) {
  switch (kind) {
    case model::GlobalElement::Kind::kError:
      return "errorCode";
    case model::GlobalElement::Kind::kEscalation:
      return "escalationCode";
    case model::GlobalElement::Kind::kMessage:
    case model::GlobalElement::Kind::kSignal:
      return {};
  }
  return {};
}

}  // namespace bpmn::xml

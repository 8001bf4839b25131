// BaseElement: what every typed BPMN element carries (BPMN 2.0.2 §8.3.1):
// id, documentation, extension elements, and whatever the file held that the
// typed fields do not cover. Plain value; safe to copy.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpmn/model/xml_content.h"

namespace bpmn::model {

struct Documentation {
  std::string id;
  std::string textFormat;
  std::string text;
  bool operator==(const Documentation&) const = default;
};

struct BaseElement {
  std::string id;
  std::vector<Documentation> documentation;
  // The whole <extensionElements> element, verbatim (zeebe:, camunda: and any
  // other vendor's content); typed views of it live in vendor.h.
  std::optional<XmlElement> extensionElements;
  // Attributes the typed fields do not cover: vendor attributes
  // (camunda:asyncBefore, bioc:stroke), xsi:type, namespace declarations.
  std::vector<XmlAttribute> otherAttributes;
  // Child elements the typed fields do not cover (ioSpecification, property,
  // resourceRole, ...), written back at their schema position.
  std::vector<XmlElement> otherChildren;
  SourceLocation location;

  bool operator==(const BaseElement&) const = default;
};

// An expression (tExpression / tFormalExpression): conditions, timer values,
// loop cardinality, completion conditions.
struct Expression : BaseElement {
  std::string body;
  std::string language;
  std::string evaluatesToTypeRef;
  bool cdata = false;  // the body was written as CDATA; kept for readability
  bool operator==(const Expression&) const = default;
};

}  // namespace bpmn::model

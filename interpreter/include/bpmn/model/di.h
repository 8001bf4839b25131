// Diagram interchange (BPMN 2.0.2 §12): where each element is drawn. Several
// diagrams per file are allowed; each has one plane of shapes and edges.
// Plain value; safe to copy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpmn/model/base_element.h"

namespace bpmn::model {

struct Point {
  double x = 0;
  double y = 0;
  std::vector<XmlAttribute> otherAttributes;
  bool operator==(const Point&) const = default;
};

struct Bounds {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  std::vector<XmlAttribute> otherAttributes;
  // Which of x, y, width, height (bits 0-3) the file left out: the schema
  // requires all four, and a writer that keeps what it read must not invent
  // one. A left-out value that is still 0 is left out again.
  std::uint8_t leftOut = 0;
  bool operator==(const Bounds&) const = default;
};

struct DiLabel {
  std::string id;
  std::string labelStyle;
  std::optional<Bounds> bounds;
  std::vector<XmlAttribute> otherAttributes;
  std::vector<XmlElement> otherChildren;
  bool operator==(const DiLabel&) const = default;
};

// A BPMNShape or BPMNEdge.
struct DiElement {
  enum class Kind { kShape, kEdge };
  Kind kind = Kind::kShape;
  std::string id;
  std::string bpmnElement;
  // Shapes
  std::optional<bool> isHorizontal;
  std::optional<bool> isExpanded;
  std::optional<bool> isMarkerVisible;
  std::optional<bool> isMessageVisible;
  std::string participantBandKind;
  std::string choreographyActivityShape;
  std::optional<Bounds> bounds;
  // Edges
  std::vector<Point> waypoints;
  std::string sourceElement;
  std::string targetElement;
  std::string messageVisibleKind;

  std::optional<DiLabel> label;
  std::vector<XmlAttribute> otherAttributes;  // e.g. bioc:stroke colours
  std::vector<XmlElement> otherChildren;      // e.g. di:extension
  SourceLocation location;
  bool operator==(const DiElement&) const = default;
};

struct DiPlane {
  std::string id;
  std::string bpmnElement;
  std::vector<DiElement> elements;
  std::vector<XmlAttribute> otherAttributes;
  std::vector<XmlElement> otherChildren;
  bool operator==(const DiPlane&) const = default;
};

struct Diagram {
  std::string id;
  std::string name;
  std::string documentation;
  std::string resolution;
  DiPlane plane;
  std::vector<XmlAttribute> otherAttributes;
  std::vector<XmlElement> otherChildren;  // BPMNLabelStyle, kept verbatim
  SourceLocation location;
  bool operator==(const Diagram&) const = default;
};

}  // namespace bpmn::model

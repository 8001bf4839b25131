// Verbatim XML: what the model keeps of content it does not type.
//
// Unknown attributes, extension elements, other vendors' namespaces and BPMN
// elements the model has no struct for are stored as these plain trees and
// written back unchanged, so a load-save cycle loses nothing. Qualified names
// are kept as written (with their prefix); the namespace URI is resolved at
// read time so code can match by URI. Plain values; safe to copy.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bpmn::model {

// Where an element starts in its source file (1-based; 0 = not from a file).
// Locations never make two models different: a model re-read from its own
// output equals the original although every line moved.
struct SourceLocation {
  int line = 0;
  int column = 0;
  friend bool operator==(const SourceLocation&, const SourceLocation&) { return true; }
};

struct XmlAttribute {
  std::string qname;  // as written, e.g. "camunda:asyncBefore" or "xmlns:foo"
  std::string nsUri;  // resolved; empty for unprefixed attributes
  std::string value;

  std::string_view localName() const;
  bool operator==(const XmlAttribute&) const = default;
};

// An element, or a text node when qname is empty (then only `text` and
// `cdata` matter). Children keep document order, text interleaved.
struct XmlElement {
  std::string qname;
  std::string nsUri;
  std::vector<XmlAttribute> attributes;
  std::vector<XmlElement> children;
  std::string text;
  bool cdata = false;
  SourceLocation location;

  bool isText() const { return qname.empty(); }
  std::string_view localName() const;
  bool is(std::string_view uri, std::string_view local) const { return nsUri == uri && localName() == local; }
  // Value of the unprefixed (or given-namespace) attribute, or "" if absent.
  std::string_view attribute(std::string_view local, std::string_view uri = {}) const;
  const XmlAttribute* findAttribute(std::string_view local, std::string_view uri = {}) const;
  // Concatenated text of the direct text children.
  std::string textContent() const;

  bool operator==(const XmlElement&) const = default;
};

// Finds an attribute by namespace URI and local name in a list of them.
const XmlAttribute* findAttribute(const std::vector<XmlAttribute>& attributes, std::string_view uri,
                                  std::string_view local);

}  // namespace bpmn::model

// What XML 1.0 requires of a document that pugixml, which is lenient for
// speed, lets through: checked before the reader trusts a file, so that a
// file that is not XML is refused with the position of its fault instead
// of being read into something else (an undefined entity kept as text, a
// duplicate attribute dropped, a NUL from &#0;).
//
// toUtf8 brings every document to UTF-8 first (the reader, the line index
// and the writer work on UTF-8): UTF-16 with a byte order mark, ISO-8859-1,
// US-ASCII and windows-1252 by their declaration; any other encoding is
// refused. checkWellFormed then checks, in one linear pass: characters
// (well-formed UTF-8, XML Char), references (&#N; to a Char, only the five
// predefined entities), no '<' in attribute values, no attribute twice on
// one element, no "]]>" in text, no "--" in comments, no internal DTD
// subset (no entity declarations, no entity expansion), and element
// nesting within limits::kXmlDepth. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bpmn::xml {

struct XmlFault {
  std::size_t offset = 0;  // in the UTF-8 text
  std::string message;     // "malformed XML: ..."
};

// The document as UTF-8 (the same bytes when it is UTF-8 already), or the
// fault: an encoding this reader does not know, UTF-16 without a byte order
// mark, bytes the declared encoding does not have.
struct Utf8Document {
  std::string text;  // empty unless transcoded
  bool transcoded = false;
  std::optional<XmlFault> fault;
};
Utf8Document toUtf8(std::string_view bytes);

std::optional<XmlFault> checkWellFormed(std::string_view text);

}  // namespace bpmn::xml

#include "bpmn/model/xml_content.h"

namespace bpmn::model {
namespace {

std::string_view afterColon(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

}  // namespace

std::string_view XmlAttribute::localName() const { return afterColon(qname); }

std::string_view XmlElement::localName() const { return afterColon(qname); }

const XmlAttribute* findAttribute(const std::vector<XmlAttribute>& attributes, std::string_view uri,
                                  std::string_view local) {
  for (const auto& attribute : attributes) {
    if (attribute.nsUri == uri && attribute.localName() == local) return &attribute;
  }
  return nullptr;
}

const XmlAttribute* XmlElement::findAttribute(std::string_view local, std::string_view uri) const {
  return model::findAttribute(attributes, uri, local);
}

std::string_view XmlElement::attribute(std::string_view local, std::string_view uri) const {
  const XmlAttribute* found = findAttribute(local, uri);
  return found ? std::string_view(found->value) : std::string_view{};
}

std::string XmlElement::textContent() const {
  std::string text;
  for (const auto& child : children) {
    if (child.isText()) text += child.text;
  }
  return text;
}

}  // namespace bpmn::model

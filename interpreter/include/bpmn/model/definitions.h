// Definitions: the whole content of one .bpmn file (BPMN 2.0.2 §8.3.5), as
// the reader produced it and the writer consumes it. Root elements keep their
// document order; those the model does not type (itemDefinition, interface,
// dataStore, choreography, ...) are kept verbatim in that order. Plain value;
// safe to copy; not synchronised.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bpmn/model/collaboration.h"
#include "bpmn/model/di.h"
#include "bpmn/model/global_element.h"
#include "bpmn/model/process.h"

namespace bpmn::model {

struct NamespaceDeclaration {
  std::string prefix;  // "" for the default namespace
  std::string uri;
  bool operator==(const NamespaceDeclaration&) const = default;
};

using RootElement = std::variant<Process, Collaboration, GlobalElement, XmlElement>;

struct Definitions : BaseElement {
  std::string name;
  std::string targetNamespace;
  std::string expressionLanguage;
  std::string typeLanguage;
  std::string exporter;
  std::string exporterVersion;
  std::string rootQName = "bpmn:definitions";    // as written, prefix kept
  std::vector<NamespaceDeclaration> namespaces;  // on the root, in order
  std::vector<RootElement> rootElements;
  std::vector<Diagram> diagrams;

  std::vector<const Process*> processes() const;
  std::vector<Process*> processes();
  std::vector<const Collaboration*> collaborations() const;
  std::vector<const GlobalElement*> globals(GlobalElement::Kind kind) const;
  const Process* findProcess(std::string_view id) const;

  bool operator==(const Definitions&) const = default;
};

// Strips a namespace prefix from a QName reference ("tns:Message_1" ->
// "Message_1"): references between elements of one file are by id.
std::string_view localRef(std::string_view ref);

}  // namespace bpmn::model

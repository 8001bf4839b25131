// The BPMN writer: model::Definitions -> BPMN 2.0 XML.
//
// Each typed element is written through its schema sequence ("slots"): for
// every slot in XSD order, first the typed children of that name, then the
// verbatim children the reader kept for it. Verbatim children whose slot the
// element type does not have (foreign elements, schema violations in the
// input) follow at the end, in their original order.
#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <initializer_list>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bpmn/model/namespaces.h"
#include "bpmn/writer.h"
#include "xml/attribute_tables.h"

namespace bpmn {
namespace {

using namespace model;
using Slots = std::span<const std::string_view>;

// The schema slot a BPMN child belongs to: members of a substitution group
// share the group's slot.
std::string_view slotOf(std::string_view local) {
  if (elementKindFromName(local) || local == "callChoreography" || local == "choreographyTask" ||
      local == "subChoreography" || local == "implicitThrowEvent" || local == "event") {
    return "flowElement";
  }
  if (eventDefinitionKindFromName(local)) return "eventDefinition";
  if (local == "textAnnotation" || local == "association" || local == "group") return "artifact";
  if (local == "standardLoopCharacteristics" || local == "multiInstanceLoopCharacteristics") {
    return "loopCharacteristics";
  }
  if (local == "performer" || local == "humanPerformer" || local == "potentialOwner") return "resourceRole";
  if (local == "conversation" || local == "subConversation" || local == "callConversation") {
    return "conversationNode";
  }
  return local;
}

constexpr std::string_view kFlowElementSlots[]{"documentation",
                                               "extensionElements",
                                               "auditing",
                                               "monitoring",
                                               "categoryValueRef",
                                               "incoming",
                                               "outgoing",
                                               "ioSpecification",
                                               "property",
                                               "dataOutput",
                                               "dataInput",
                                               "dataInputAssociation",
                                               "dataOutputAssociation",
                                               "outputSet",
                                               "inputSet",
                                               "eventDefinition",
                                               "eventDefinitionRef",
                                               "resourceRole",
                                               "loopCharacteristics",
                                               "laneSet",
                                               "flowElement",
                                               "artifact",
                                               "completionCondition",
                                               "script",
                                               "rendering",
                                               "activationCondition",
                                               "conditionExpression",
                                               "dataState"};
constexpr std::string_view kProcessSlots[]{"documentation",
                                           "extensionElements",
                                           "supportedInterfaceRef",
                                           "ioSpecification",
                                           "ioBinding",
                                           "auditing",
                                           "monitoring",
                                           "property",
                                           "laneSet",
                                           "flowElement",
                                           "artifact",
                                           "resourceRole",
                                           "correlationSubscription",
                                           "supports"};
constexpr std::string_view kCollaborationSlots[]{"documentation",
                                                 "extensionElements",
                                                 "participant",
                                                 "messageFlow",
                                                 "artifact",
                                                 "conversationNode",
                                                 "conversationAssociation",
                                                 "participantAssociation",
                                                 "messageFlowAssociation",
                                                 "correlationKey",
                                                 "choreographyRef",
                                                 "conversationLink"};
constexpr std::string_view kParticipantSlots[]{"documentation", "extensionElements", "interfaceRef", "endPointRef",
                                               "participantMultiplicity"};
constexpr std::string_view kEventDefinitionSlots[]{"documentation", "extensionElements", "timeDate", "timeDuration",
                                                   "timeCycle",     "condition",         "source",   "target",
                                                   "operationRef"};
constexpr std::string_view kLoopSlots[]{
    "documentation",     "extensionElements", "loopCondition",  "loopCardinality",           "loopDataInputRef",
    "loopDataOutputRef", "inputDataItem",     "outputDataItem", "complexBehaviorDefinition", "completionCondition"};
constexpr std::string_view kLaneSetSlots[]{"documentation", "extensionElements", "lane"};
constexpr std::string_view kLaneSlots[]{"documentation", "extensionElements", "partitionElement", "flowNodeRef",
                                        "childLaneSet"};
constexpr std::string_view kArtifactSlots[]{"documentation", "extensionElements", "text"};
constexpr std::string_view kBaseSlots[]{"documentation", "extensionElements"};
constexpr std::string_view kDefinitionsSlots[]{"documentation", "extensionElements", "import",      "extension",
                                               "rootElement",   "BPMNDiagram",       "relationship"};

std::string formatNumber(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) return "0";
  return std::string(buffer, end);
}

class Writer {
 public:
  explicit Writer(const Definitions& definitions) : definitions_(definitions) {}

  std::string run();

 private:
  void build(pugi::xml_document& document);
  static std::string serialize(pugi::xml_document& document);
  std::string qualify(const std::string& prefix, std::string_view local) const {
    return prefix.empty() ? std::string(local) : prefix + ":" + std::string(local);
  }
  pugi::xml_node addBpmn(pugi::xml_node parent, std::string_view local) {
    return parent.append_child(qualify(bpmnPrefix_, local).c_str());
  }
  static void setString(pugi::xml_node node, std::string_view name, const std::string& value) {
    if (!value.empty()) node.append_attribute(std::string(name).c_str()).set_value(value.c_str());
  }
  static void setBool(pugi::xml_node node, std::string_view name, const std::optional<bool>& value) {
    if (value) node.append_attribute(std::string(name).c_str()).set_value(*value ? "true" : "false");
  }
  static void setNumber(pugi::xml_node node, const char* name, double value) {
    node.append_attribute(name).set_value(formatNumber(value).c_str());
  }
  // Kept attributes, each remembering the namespace it was read in (see
  // placeInNamespaces).
  void writeAttributes(pugi::xml_node node, const std::vector<XmlAttribute>& attributes) {
    // A kept attribute a typed field has written already (an edited name=""
    // the reader kept verbatim) goes: never twice on one element. Hashed:
    // an element may have very many.
    std::unordered_set<std::string_view> written;
    for (pugi::xml_attribute typed : node.attributes()) written.insert(typed.name());
    for (const auto& attribute : attributes) {
      if (!written.insert(attribute.qname).second) continue;
      pugi::xml_attribute added = node.append_attribute(attribute.qname.c_str());
      added.set_value(attribute.value.c_str());
      if (attribute.qname.find(':') != std::string::npos && !attribute.qname.starts_with("xmlns:")) {
        readUris_[added.internal_object()] = attribute.nsUri;
      }
    }
  }
  static void writeText(pugi::xml_node node, const std::string& text, bool cdata) {
    if (text.empty()) return;
    bool asCData = cdata && text.find("]]>") == std::string::npos;
    node.append_child(asCData ? pugi::node_cdata : pugi::node_pcdata).set_value(text.c_str());
  }
  void writeVerbatim(pugi::xml_node parent, const XmlElement& element, bool renameBpmn = false);
  pugi::xml_node writeTextElement(pugi::xml_node parent, std::string_view local, const std::string& text) {
    pugi::xml_node node = addBpmn(parent, local);
    writeText(node, text, false);
    return node;
  }

  template <typename T, std::size_t NS, std::size_t NB>
  void writeTable(pugi::xml_node node, const T& element, const std::array<xml::StringAttribute<T>, NS>& strings,
                  const std::array<xml::BoolAttribute<T>, NB>& bools) {
    for (const auto& entry : strings) setString(node, entry.name, element.*entry.member);
    for (const auto& entry : bools) setBool(node, entry.name, element.*entry.member);
  }

  // Writes the children of `element` in slot order; `typed(slot)` writes the
  // typed children of one slot.
  void writeChildren(pugi::xml_node node, const BaseElement& element, Slots slots,
                     const std::function<void(std::string_view)>& typed);

  void writeExpression(pugi::xml_node parent, std::string_view local, const Expression& expression);
  void writeFlowElement(pugi::xml_node parent, const FlowElement& element);
  void writeEventDefinition(pugi::xml_node parent, const EventDefinition& definition);
  void writeLoop(pugi::xml_node parent, const LoopCharacteristics& loop);
  void writeArtifact(pugi::xml_node parent, const Artifact& artifact);
  void writeLaneSet(pugi::xml_node parent, std::string_view local, const LaneSet& laneSet);
  void writeProcess(pugi::xml_node parent, const Process& process);
  void writeCollaboration(pugi::xml_node parent, const Collaboration& collaboration);
  void writeGlobal(pugi::xml_node parent, const GlobalElement& global);
  void writeDiagram(pugi::xml_node parent, const Diagram& diagram);
  void writeDiElement(pugi::xml_node parent, const DiElement& element);
  void writeBounds(pugi::xml_node parent, const Bounds& bounds);

  // Chooses the prefix for a namespace: the file's own if it declares one,
  // else `preferred` (made unique) declared on the root.
  std::string prefixFor(std::string_view uri, std::string_view preferred);
  void placeInNamespaces(pugi::xml_node node, std::vector<NamespaceDeclaration>& scope);
  bool rootBindsToBpmn(std::string_view qname) const;

  const Definitions& definitions_;
  std::vector<NamespaceDeclaration> namespaces_;
  std::string bpmnPrefix_;
  std::string bpmnDiPrefix_;
  std::string dcPrefix_;
  std::string diPrefix_;
  // The namespace each kept element and prefixed attribute was read in.
  std::unordered_map<const void*, std::string> readUris_;
  std::set<std::string> avoid_;  // prefixes kept content uses without declaring them
  bool undeclaredUsed_ = false;
};

bool Writer::rootBindsToBpmn(std::string_view qname) const {
  const auto colon = qname.find(':');
  const std::string_view prefix = colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
  for (const auto& declaration : namespaces_) {
    if (declaration.prefix == prefix) return declaration.uri == ns::kBpmn;
  }
  return false;
}

std::string Writer::prefixFor(std::string_view uri, std::string_view preferred) {
  for (const auto& declaration : namespaces_) {
    if (declaration.uri == uri) return declaration.prefix;
  }
  std::string prefix(preferred);
  auto taken = [&](const std::string& candidate) {
    if (avoid_.count(candidate)) return true;  // kept content uses it undeclared
    for (const auto& declaration : namespaces_) {
      if (declaration.prefix == candidate) return true;
    }
    return false;
  };
  for (int suffix = 2; taken(prefix); ++suffix) prefix = std::string(preferred) + std::to_string(suffix);
  namespaces_.push_back({prefix, std::string(uri)});
  return prefix;
}

void Writer::writeVerbatim(pugi::xml_node parent, const XmlElement& element, bool renameBpmn) {
  if (element.isText()) {
    writeText(parent, element.text, element.cdata);
    return;
  }
  std::string qname = element.qname;
  // A BPMN element keeps its prefix when the root binds that prefix to BPMN
  // too; otherwise (its declaration sat on an ancestor that is now written
  // differently) it takes the prefix every typed element is written with.
  if (renameBpmn && element.nsUri == ns::kBpmn && !rootBindsToBpmn(element.qname)) {
    qname = qualify(bpmnPrefix_, element.localName());
  }
  pugi::xml_node node = parent.append_child(qname.c_str());
  readUris_[node.internal_object()] = element.nsUri;
  writeAttributes(node, element.attributes);
  // Mixed content (rich text) must not be re-indented: white space added
  // between its parts would change its text. pugixml indents no child that
  // follows text, so an empty text node goes first.
  const bool mixed =
      std::any_of(
          element.children.begin(), element.children.end(),
          [](const XmlElement& c) { return c.isText() && c.text.find_first_not_of(" \t\r\n") != std::string::npos; }) &&
      std::any_of(element.children.begin(), element.children.end(), [](const XmlElement& c) { return !c.isText(); });
  if (mixed && !element.children.front().isText()) node.append_child(pugi::node_pcdata);
  for (const auto& child : element.children) writeVerbatim(node, child);
}

// A kept namespace declaration may rebind a prefix an element is written
// with (Modelio's <ns5:boundaryEvent xmlns:ns5="...MODEL" xmlns=""> read,
// then written with the root's default prefix, would be in no namespace),
// and content kept verbatim may need a declaration its old ancestors had.
// So each element and prefixed attribute is checked against the
// declarations in scope: a kept declaration on the element that breaks it
// goes, and a missing one is added where it is needed. Typed elements
// belong where the root binds their prefix; kept ones where they were read.
void Writer::placeInNamespaces(pugi::xml_node node, std::vector<NamespaceDeclaration>& scope) {
  const std::size_t mark = scope.size();
  for (pugi::xml_attribute attribute : node.attributes()) {
    const std::string_view name = attribute.name();
    if (name == "xmlns" || name.starts_with("xmlns:")) {
      scope.push_back({std::string(name == "xmlns" ? "" : name.substr(6)), attribute.value()});
    }
  }
  auto resolve = [&](std::string_view prefix) -> std::string_view {
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    for (auto it = scope.rbegin(); it != scope.rend(); ++it) {
      if (it->prefix == prefix) return it->uri;
    }
    return {};
  };
  auto rootUri = [&](std::string_view prefix) -> std::string {
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    for (const auto& declaration : namespaces_) {
      if (declaration.prefix == prefix) return declaration.uri;
    }
    return {};
  };
  auto prefixOf = [](std::string_view qname) {
    const auto colon = qname.find(':');
    return colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
  };
  auto require = [&](std::string_view prefix, const std::string& uri) {
    if (resolve(prefix) == uri) return;
    if (uri.empty() && !prefix.empty()) {
      // A prefix the input used without declaring it: XML cannot undeclare
      // a prefix, so the next pass does not declare it either.
      avoid_.insert(std::string(prefix));
      undeclaredUsed_ = true;
      return;
    }
    const std::string declaration = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
    if (pugi::xml_attribute own = node.attribute(declaration.c_str())) {
      node.remove_attribute(own);
      scope.erase(std::find_if(scope.begin() + static_cast<std::ptrdiff_t>(mark), scope.end(),
                               [&](const NamespaceDeclaration& d) { return d.prefix == prefix; }));
    }
    if (resolve(prefix) == uri) return;
    node.append_attribute(declaration.c_str()).set_value(uri.c_str());
    scope.push_back({std::string(prefix), uri});
  };
  const std::string_view prefix = prefixOf(node.name());
  auto read = readUris_.find(node.internal_object());
  require(prefix, read != readUris_.end() ? read->second : rootUri(prefix));
  for (pugi::xml_attribute attribute : node.attributes()) {
    const std::string_view name = attribute.name();
    if (prefixOf(name).empty() || prefixOf(name) == "xmlns") continue;
    auto kept = readUris_.find(attribute.internal_object());
    require(prefixOf(name), kept != readUris_.end() ? kept->second : rootUri(prefixOf(name)));
  }
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element) placeInNamespaces(child, scope);
  }
  scope.resize(mark);
}

void Writer::writeChildren(pugi::xml_node node, const BaseElement& element, Slots slots,
                           const std::function<void(std::string_view)>& typed) {
  auto hasSlot = [&](std::string_view slot) {
    for (auto s : slots) {
      if (s == slot) return true;
    }
    return false;
  };
  for (std::string_view slot : slots) {
    if (slot == "documentation") {
      for (const auto& doc : element.documentation) {
        pugi::xml_node docNode = addBpmn(node, "documentation");
        setString(docNode, "id", doc.id);
        setString(docNode, "textFormat", doc.textFormat);
        writeText(docNode, doc.text, false);
      }
    } else if (slot == "extensionElements") {
      if (element.extensionElements) writeVerbatim(node, *element.extensionElements, true);
    } else {
      typed(slot);
    }
    for (const auto& other : element.otherChildren) {
      if (other.nsUri == ns::kBpmn && slotOf(other.localName()) == slot) writeVerbatim(node, other, true);
    }
  }
  for (const auto& other : element.otherChildren) {
    if (other.nsUri != ns::kBpmn || !hasSlot(slotOf(other.localName()))) writeVerbatim(node, other);
  }
}

void Writer::writeExpression(pugi::xml_node parent, std::string_view local, const Expression& expression) {
  pugi::xml_node node = addBpmn(parent, local);
  setString(node, "id", expression.id);
  constexpr std::array<xml::BoolAttribute<Expression>, 0> kNoBools{};
  writeTable(node, expression, xml::kExpressionStrings, kNoBools);
  writeAttributes(node, expression.otherAttributes);
  writeText(node, expression.body, expression.cdata);
  writeChildren(node, expression, kBaseSlots, [](std::string_view) {});
}

void Writer::writeFlowElement(pugi::xml_node parent, const FlowElement& element) {
  pugi::xml_node node = addBpmn(parent, elementKindName(element.kind));
  setString(node, "id", element.id);
  writeTable(node, element, xml::kFlowElementStrings, xml::kFlowElementBools);
  writeAttributes(node, element.otherAttributes);
  writeChildren(node, element, kFlowElementSlots, [&](std::string_view slot) {
    if (slot == "incoming") {
      for (const auto& ref : element.incoming) writeTextElement(node, "incoming", ref);
    } else if (slot == "outgoing") {
      for (const auto& ref : element.outgoing) writeTextElement(node, "outgoing", ref);
    } else if (slot == "eventDefinition") {
      for (const auto& definition : element.eventDefinitions) writeEventDefinition(node, definition);
    } else if (slot == "eventDefinitionRef") {
      for (const auto& ref : element.eventDefinitionRefs) writeTextElement(node, "eventDefinitionRef", ref);
    } else if (slot == "loopCharacteristics") {
      if (element.loop) writeLoop(node, *element.loop);
    } else if (slot == "flowElement") {
      for (const auto& child : element.flowElements) writeFlowElement(node, child);
    } else if (slot == "artifact") {
      for (const auto& artifact : element.artifacts) writeArtifact(node, artifact);
    } else if (slot == "completionCondition") {
      if (element.completionCondition) writeExpression(node, "completionCondition", *element.completionCondition);
    } else if (slot == "script") {
      if (element.script) writeTextElement(node, "script", *element.script);
    } else if (slot == "activationCondition") {
      if (element.activationCondition) writeExpression(node, "activationCondition", *element.activationCondition);
    } else if (slot == "conditionExpression") {
      if (element.conditionExpression) writeExpression(node, "conditionExpression", *element.conditionExpression);
    }
  });
}

void Writer::writeEventDefinition(pugi::xml_node parent, const EventDefinition& definition) {
  pugi::xml_node node = addBpmn(parent, eventDefinitionKindName(definition.kind));
  setString(node, "id", definition.id);
  if (definition.kind == EventDefinitionKind::kLink) {
    // The schema requires the link name even when a tool left it empty.
    node.append_attribute("name").set_value(definition.linkName.c_str());
  }
  const std::string_view refName = eventDefinitionRefName(definition.kind);
  if (!refName.empty()) setString(node, refName, definition.ref);
  setBool(node, "waitForCompletion", definition.waitForCompletion);
  writeAttributes(node, definition.otherAttributes);
  writeChildren(node, definition, kEventDefinitionSlots, [&](std::string_view slot) {
    auto expression = [&](const std::optional<Expression>& value) {
      if (value) writeExpression(node, slot, *value);
    };
    if (slot == "timeDate")
      expression(definition.timeDate);
    else if (slot == "timeDuration")
      expression(definition.timeDuration);
    else if (slot == "timeCycle")
      expression(definition.timeCycle);
    else if (slot == "condition")
      expression(definition.condition);
    else if (slot == "source") {
      for (const auto& source : definition.linkSources) writeTextElement(node, "source", source);
    } else if (slot == "target") {
      if (!definition.linkTarget.empty()) writeTextElement(node, "target", definition.linkTarget);
    } else if (slot == "operationRef") {
      if (!definition.operationRef.empty()) writeTextElement(node, "operationRef", definition.operationRef);
    }
  });
}

void Writer::writeLoop(pugi::xml_node parent, const LoopCharacteristics& loop) {
  pugi::xml_node node =
      addBpmn(parent, loop.multiInstance ? "multiInstanceLoopCharacteristics" : "standardLoopCharacteristics");
  setString(node, "id", loop.id);
  writeTable(node, loop, xml::kLoopStrings, xml::kLoopBools);
  writeAttributes(node, loop.otherAttributes);
  writeChildren(node, loop, kLoopSlots, [&](std::string_view slot) {
    auto expression = [&](const std::optional<Expression>& value) {
      if (value) writeExpression(node, slot, *value);
    };
    if (slot == "loopCondition")
      expression(loop.loopCondition);
    else if (slot == "loopCardinality")
      expression(loop.loopCardinality);
    else if (slot == "completionCondition")
      expression(loop.completionCondition);
    else if (slot == "loopDataInputRef" && !loop.loopDataInputRef.empty()) {
      writeTextElement(node, slot, loop.loopDataInputRef);
    } else if (slot == "loopDataOutputRef" && !loop.loopDataOutputRef.empty()) {
      writeTextElement(node, slot, loop.loopDataOutputRef);
    }
  });
}

void Writer::writeArtifact(pugi::xml_node parent, const Artifact& artifact) {
  std::string_view local = artifact.kind == Artifact::Kind::kTextAnnotation ? "textAnnotation"
                           : artifact.kind == Artifact::Kind::kAssociation  ? "association"
                                                                            : "group";
  pugi::xml_node node = addBpmn(parent, local);
  setString(node, "id", artifact.id);
  constexpr std::array<xml::BoolAttribute<Artifact>, 0> kNoBools{};
  writeTable(node, artifact, xml::kArtifactStrings, kNoBools);
  writeAttributes(node, artifact.otherAttributes);
  writeChildren(node, artifact, kArtifactSlots, [&](std::string_view slot) {
    if (slot == "text" && artifact.kind == Artifact::Kind::kTextAnnotation && !artifact.text.empty()) {
      writeTextElement(node, "text", artifact.text);
    }
  });
}

void Writer::writeLaneSet(pugi::xml_node parent, std::string_view local, const LaneSet& laneSet) {
  pugi::xml_node node = addBpmn(parent, local);
  setString(node, "id", laneSet.id);
  constexpr std::array<xml::BoolAttribute<LaneSet>, 0> kNoSetBools{};
  writeTable(node, laneSet, xml::kLaneSetStrings, kNoSetBools);
  writeAttributes(node, laneSet.otherAttributes);
  writeChildren(node, laneSet, kLaneSetSlots, [&](std::string_view slot) {
    if (slot != "lane") return;
    for (const auto& lane : laneSet.lanes) {
      pugi::xml_node laneNode = addBpmn(node, "lane");
      setString(laneNode, "id", lane.id);
      constexpr std::array<xml::BoolAttribute<Lane>, 0> kNoLaneBools{};
      writeTable(laneNode, lane, xml::kLaneStrings, kNoLaneBools);
      writeAttributes(laneNode, lane.otherAttributes);
      writeChildren(laneNode, lane, kLaneSlots, [&](std::string_view laneSlot) {
        if (laneSlot == "flowNodeRef") {
          for (const auto& ref : lane.flowNodeRefs) writeTextElement(laneNode, "flowNodeRef", ref);
        } else if (laneSlot == "childLaneSet") {
          for (const auto& child : lane.childLaneSets) writeLaneSet(laneNode, "childLaneSet", child);
        }
      });
    }
  });
}

void Writer::writeProcess(pugi::xml_node parent, const Process& process) {
  pugi::xml_node node = addBpmn(parent, "process");
  setString(node, "id", process.id);
  writeTable(node, process, xml::kProcessStrings, xml::kProcessBools);
  writeAttributes(node, process.otherAttributes);
  writeChildren(node, process, kProcessSlots, [&](std::string_view slot) {
    if (slot == "laneSet") {
      for (const auto& laneSet : process.laneSets) writeLaneSet(node, "laneSet", laneSet);
    } else if (slot == "flowElement") {
      for (const auto& element : process.flowElements) writeFlowElement(node, element);
    } else if (slot == "artifact") {
      for (const auto& artifact : process.artifacts) writeArtifact(node, artifact);
    }
  });
}

void Writer::writeCollaboration(pugi::xml_node parent, const Collaboration& collaboration) {
  pugi::xml_node node = addBpmn(parent, "collaboration");
  setString(node, "id", collaboration.id);
  writeTable(node, collaboration, xml::kCollaborationStrings, xml::kCollaborationBools);
  writeAttributes(node, collaboration.otherAttributes);
  writeChildren(node, collaboration, kCollaborationSlots, [&](std::string_view slot) {
    if (slot == "participant") {
      for (const auto& participant : collaboration.participants) {
        pugi::xml_node child = addBpmn(node, "participant");
        setString(child, "id", participant.id);
        constexpr std::array<xml::BoolAttribute<Participant>, 0> kNoBools{};
        writeTable(child, participant, xml::kParticipantStrings, kNoBools);
        writeAttributes(child, participant.otherAttributes);
        writeChildren(child, participant, kParticipantSlots, [](std::string_view) {});
      }
    } else if (slot == "messageFlow") {
      for (const auto& flow : collaboration.messageFlows) {
        pugi::xml_node child = addBpmn(node, "messageFlow");
        setString(child, "id", flow.id);
        constexpr std::array<xml::BoolAttribute<MessageFlow>, 0> kNoBools{};
        writeTable(child, flow, xml::kMessageFlowStrings, kNoBools);
        writeAttributes(child, flow.otherAttributes);
        writeChildren(child, flow, kBaseSlots, [](std::string_view) {});
      }
    } else if (slot == "artifact") {
      for (const auto& artifact : collaboration.artifacts) writeArtifact(node, artifact);
    }
  });
}

void Writer::writeGlobal(pugi::xml_node parent, const GlobalElement& global) {
  pugi::xml_node node = addBpmn(parent, globalKindName(global.kind));
  setString(node, "id", global.id);
  setString(node, "name", global.name);
  setString(node, xml::globalRefAttribute(global.kind), global.ref);
  const std::string_view codeName = xml::globalCodeAttribute(global.kind);
  if (!codeName.empty()) setString(node, codeName, global.code);
  writeAttributes(node, global.otherAttributes);
  writeChildren(node, global, kBaseSlots, [](std::string_view) {});
}

void Writer::writeBounds(pugi::xml_node parent, const Bounds& bounds) {
  pugi::xml_node node = parent.append_child(qualify(dcPrefix_, "Bounds").c_str());
  const std::pair<const char*, double> values[]{
      {"x", bounds.x}, {"y", bounds.y}, {"width", bounds.width}, {"height", bounds.height}};
  for (int i = 0; i < 4; ++i) {
    if ((bounds.leftOut & (1 << i)) && values[i].second == 0) continue;
    setNumber(node, values[i].first, values[i].second);
  }
  writeAttributes(node, bounds.otherAttributes);
}

// DI children: di:extension first (the schema's DiagramElement sequence), then
// the typed content, then anything else.
void Writer::writeDiElement(pugi::xml_node parent, const DiElement& element) {
  const bool shape = element.kind == DiElement::Kind::kShape;
  pugi::xml_node node = parent.append_child(qualify(bpmnDiPrefix_, shape ? "BPMNShape" : "BPMNEdge").c_str());
  setString(node, "id", element.id);
  setString(node, "bpmnElement", element.bpmnElement);
  setBool(node, "isHorizontal", element.isHorizontal);
  setBool(node, "isExpanded", element.isExpanded);
  setBool(node, "isMarkerVisible", element.isMarkerVisible);
  setBool(node, "isMessageVisible", element.isMessageVisible);
  setString(node, "participantBandKind", element.participantBandKind);
  setString(node, "choreographyActivityShape", element.choreographyActivityShape);
  setString(node, "sourceElement", element.sourceElement);
  setString(node, "targetElement", element.targetElement);
  setString(node, "messageVisibleKind", element.messageVisibleKind);
  writeAttributes(node, element.otherAttributes);
  for (const auto& other : element.otherChildren) {
    if (other.is(ns::kDi, "extension")) writeVerbatim(node, other);
  }
  if (element.bounds) writeBounds(node, *element.bounds);
  for (const auto& point : element.waypoints) {
    pugi::xml_node waypoint = node.append_child(qualify(diPrefix_, "waypoint").c_str());
    setNumber(waypoint, "x", point.x);
    setNumber(waypoint, "y", point.y);
    writeAttributes(waypoint, point.otherAttributes);
  }
  if (element.label) {
    pugi::xml_node label = node.append_child(qualify(bpmnDiPrefix_, "BPMNLabel").c_str());
    setString(label, "id", element.label->id);
    setString(label, "labelStyle", element.label->labelStyle);
    writeAttributes(label, element.label->otherAttributes);
    for (const auto& other : element.label->otherChildren) {
      if (other.is(ns::kDi, "extension")) writeVerbatim(label, other);
    }
    if (element.label->bounds) writeBounds(label, *element.label->bounds);
    for (const auto& other : element.label->otherChildren) {
      if (!other.is(ns::kDi, "extension")) writeVerbatim(label, other);
    }
  }
  for (const auto& other : element.otherChildren) {
    if (!other.is(ns::kDi, "extension")) writeVerbatim(node, other);
  }
}

void Writer::writeDiagram(pugi::xml_node parent, const Diagram& diagram) {
  pugi::xml_node node = parent.append_child(qualify(bpmnDiPrefix_, "BPMNDiagram").c_str());
  setString(node, "id", diagram.id);
  setString(node, "name", diagram.name);
  setString(node, "documentation", diagram.documentation);
  setString(node, "resolution", diagram.resolution);
  writeAttributes(node, diagram.otherAttributes);
  pugi::xml_node plane = node.append_child(qualify(bpmnDiPrefix_, "BPMNPlane").c_str());
  setString(plane, "id", diagram.plane.id);
  setString(plane, "bpmnElement", diagram.plane.bpmnElement);
  writeAttributes(plane, diagram.plane.otherAttributes);
  for (const auto& other : diagram.plane.otherChildren) {
    if (other.is(ns::kDi, "extension")) writeVerbatim(plane, other);
  }
  for (const auto& element : diagram.plane.elements) writeDiElement(plane, element);
  for (const auto& other : diagram.plane.otherChildren) {
    if (!other.is(ns::kDi, "extension")) writeVerbatim(plane, other);
  }
  for (const auto& other : diagram.otherChildren) writeVerbatim(node, other);
}

std::string Writer::run() {
  // Content that uses a prefix without declaring it (a file that is not
  // namespace-well-formed) must not find that prefix declared by the
  // writer: a second pass avoids the prefixes the first found so used.
  pugi::xml_document document;
  for (int pass = 0; pass < 2; ++pass) {
    document.reset();
    readUris_.clear();
    undeclaredUsed_ = false;
    build(document);
    if (!undeclaredUsed_) break;
  }
  return serialize(document);
}

void Writer::build(pugi::xml_document& document) {
  namespaces_ = definitions_.namespaces;
  // Keep the root's own prefix for BPMN elements when it is bound to BPMN.
  const std::string& rootQName = definitions_.rootQName;
  auto colon = rootQName.find(':');
  std::string rootPrefix = colon == std::string::npos ? "" : rootQName.substr(0, colon);
  bpmnPrefix_ = "\x01";  // not a prefix; replaced below
  for (const auto& declaration : namespaces_) {
    if (declaration.prefix == rootPrefix && declaration.uri == ns::kBpmn) bpmnPrefix_ = rootPrefix;
  }
  if (bpmnPrefix_ == "\x01") bpmnPrefix_ = prefixFor(ns::kBpmn, "bpmn");
  if (!definitions_.diagrams.empty()) {
    bpmnDiPrefix_ = prefixFor(ns::kBpmnDi, "bpmndi");
    dcPrefix_ = prefixFor(ns::kDc, "dc");
    diPrefix_ = prefixFor(ns::kDi, "di");
  }

  pugi::xml_node declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = addBpmn(document, "definitions");
  for (const auto& ns : namespaces_) {
    std::string name = ns.prefix.empty() ? "xmlns" : "xmlns:" + ns.prefix;
    root.append_attribute(name.c_str()).set_value(ns.uri.c_str());
  }
  setString(root, "id", definitions_.id);
  constexpr std::array<xml::BoolAttribute<Definitions>, 0> kNoBools{};
  writeTable(root, definitions_, xml::kDefinitionsStrings, kNoBools);
  writeAttributes(root, definitions_.otherAttributes);
  writeChildren(root, definitions_, kDefinitionsSlots, [&](std::string_view slot) {
    if (slot == "rootElement") {
      for (const auto& element : definitions_.rootElements) {
        std::visit(
            [&](const auto& value) {
              using T = std::decay_t<decltype(value)>;
              if constexpr (std::is_same_v<T, Process>)
                writeProcess(root, value);
              else if constexpr (std::is_same_v<T, Collaboration>)
                writeCollaboration(root, value);
              else if constexpr (std::is_same_v<T, GlobalElement>)
                writeGlobal(root, value);
              else
                writeVerbatim(root, value, true);
            },
            element);
      }
    } else if (slot == "BPMNDiagram") {
      for (const auto& diagram : definitions_.diagrams) writeDiagram(root, diagram);
    }
  });

  std::vector<NamespaceDeclaration> scope;
  placeInNamespaces(root, scope);
}

std::string Writer::serialize(pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  // A carriage return in text or an attribute came from a "&#13;" (a reader
  // turns raw line ends into "\n"), and only the reference brings it back.
  // pugixml writes it raw and never writes one of its own, so every raw one
  // here is data. (The reader never leaves one in CDATA.)
  std::string text = out.str();
  if (text.find('\r') == std::string::npos) return text;
  std::string escaped;
  escaped.reserve(text.size() + 64);
  for (char c : text) {
    if (c == '\r')
      escaped += "&#13;";
    else
      escaped += c;
  }
  return escaped;
}

}  // namespace

std::string writeBpmn(const model::Definitions& definitions) { return Writer(definitions).run(); }

}  // namespace bpmn

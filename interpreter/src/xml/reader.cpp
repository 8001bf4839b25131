// The BPMN reader: pugixml DOM -> model::Definitions.
//
// pugixml is not namespace-aware, so the reader keeps its own stack of
// namespace declarations while it descends and matches every element by
// (URI, local name). Whatever a typed reader does not consume is kept
// verbatim on the element it belongs to.
#include <pugixml.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bpmn/model/namespaces.h"
#include "bpmn/limits.h"
#include "bpmn/parser.h"
#include "xml/attribute_tables.h"
#include "xml/line_index.h"
#include "xml/well_formed.h"

namespace bpmn {
namespace {

using namespace model;

std::string_view localOf(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string_view prefixOf(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
}

bool isNamespaceDeclaration(std::string_view name) { return name == "xmlns" || name.starts_with("xmlns:"); }

// Documentation the typed field holds: text (or CDATA) only, with an id
// and a text format at most. Rich text (XHTML elements inside, as
// OMNITRACKER and Aeneis write it) and vendor attributes stay verbatim, in
// their place.
bool isPlainDocumentation(pugi::xml_node node) {
  for (auto attr : node.attributes()) {
    const std::string_view name = attr.name();
    if ((name != "id" && name != "textFormat") || *attr.value() == '\0') return false;
  }
  for (auto child : node.children()) {
    if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) return false;
  }
  return true;
}

// A string attribute written empty (name="") is kept verbatim, never
// typed: a typed field cannot tell empty from absent, and the writer leaves
// empty typed fields out (xml::mayBeEmpty says which attributes).
bool isEmpty(pugi::xml_attribute attr) {
  return *attr.value() == '\0' && !isNamespaceDeclaration(attr.name()) && xml::mayBeEmpty(attr.name());
}

std::string trimmed(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

bool isArtifactName(std::string_view local) {
  return local == "textAnnotation" || local == "association" || local == "group";
}

std::optional<GlobalElement::Kind> globalKindFromName(std::string_view local) {
  if (local == "message") return GlobalElement::Kind::kMessage;
  if (local == "signal") return GlobalElement::Kind::kSignal;
  if (local == "error") return GlobalElement::Kind::kError;
  if (local == "escalation") return GlobalElement::Kind::kEscalation;
  return std::nullopt;
}

const char* describeParseStatus(pugi::xml_parse_status status) {
  switch (status) {
    case pugi::status_ok:
      return "no error";
    case pugi::status_file_not_found:
      return "file not found";
    case pugi::status_io_error:
      return "the file could not be read";
    case pugi::status_out_of_memory:
      return "out of memory";
    case pugi::status_internal_error:
      return "internal parser error";
    case pugi::status_unrecognized_tag:
      return "unrecognized tag";
    case pugi::status_bad_pi:
      return "malformed processing instruction or XML declaration";
    case pugi::status_bad_comment:
      return "malformed comment";
    case pugi::status_bad_cdata:
      return "malformed CDATA section";
    case pugi::status_bad_doctype:
      return "malformed document type declaration";
    case pugi::status_bad_pcdata:
      return "malformed character data";
    case pugi::status_bad_start_element:
      return "malformed start tag";
    case pugi::status_bad_attribute:
      return "malformed attribute (expected name=\"value\")";
    case pugi::status_bad_end_element:
      return "malformed end tag";
    case pugi::status_end_element_mismatch:
      return "end tag does not match the open start tag";
    case pugi::status_append_invalid_root:
      return "invalid root element";
    case pugi::status_no_document_element:
      return "no root element";
  }
  return "unknown parser error";
}

class Reader {
 public:
  Reader(std::string_view bytes, std::string_view file) : bytes_(bytes), file_(file), lines_(bytes) {}

  ParseResult run();

 private:
  // Namespace scope: declarations of the element being read and its
  // ancestors, innermost last. Popped when the guard leaves scope.
  class Scope {
   public:
    Scope(Reader& reader, pugi::xml_node node) : reader_(reader), mark_(reader.ns_.size()) {
      for (auto attr : node.attributes()) {
        std::string_view name = attr.name();
        if (!isNamespaceDeclaration(name)) continue;
        std::string_view prefix = name == "xmlns" ? std::string_view{} : name.substr(6);
        reader_.ns_.push_back({std::string(prefix), attr.value()});
      }
    }
    ~Scope() { reader_.ns_.resize(mark_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Reader& reader_;
    std::size_t mark_;
  };

  // The URI bound to `prefix` here; valid until the scope stack changes.
  std::string_view resolve(std::string_view prefix) const {
    for (auto it = ns_.rbegin(); it != ns_.rend(); ++it) {
      if (it->prefix == prefix) return it->uri;
    }
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    return {};
  }
  std::string_view nsOf(pugi::xml_node node) const { return resolve(prefixOf(node.name())); }
  bool isBpmn(pugi::xml_node node) const { return nsOf(node) == ns::kBpmn; }

  SourceLocation locate(pugi::xml_node node) const {
    // offset_debug() points at the element name; the element starts at '<'.
    auto offset = node.offset_debug();
    if (offset <= 0) return {};
    auto lc = lines_.at(offset - 1);
    return {lc.line, lc.column};
  }

  void report(Severity severity, pugi::xml_node node, std::string_view id, std::string message) {
    auto where = locate(node);
    diagnostics_.push_back({severity, std::string(file_), where.line, where.column, std::string(localOf(node.name())),
                            std::string(id), std::move(message)});
  }

  XmlAttribute verbatimAttribute(pugi::xml_attribute attr) const {
    std::string_view name = attr.name();
    std::string uri;
    if (isNamespaceDeclaration(name)) {
      uri = ns::kXmlns;
    } else if (!prefixOf(name).empty()) {
      uri = resolve(prefixOf(name));
    }
    return {std::string(name), std::move(uri), attr.value()};
  }

  XmlElement verbatim(pugi::xml_node node);
  static std::string textOf(pugi::xml_node node, bool* cdata = nullptr);

  std::optional<bool> parseBool(pugi::xml_attribute attr, pugi::xml_node node, std::string_view id);
  double parseNumber(pugi::xml_attribute attr, pugi::xml_node node);

  // Reads what every typed element has and hands the rest to the callbacks.
  // onAttribute(name, attr) -> bool is asked about each unprefixed attribute
  // except id; onChild(node, localName) -> bool about each BPMN child except
  // documentation and extensionElements. Unconsumed ones are kept verbatim.
  template <typename OnAttribute, typename OnChild>
  void readBase(pugi::xml_node node, BaseElement& base, OnAttribute&& onAttribute, OnChild&& onChild);

  // readBase with the attribute tables of T applied.
  template <typename T, std::size_t NS, std::size_t NB, typename OnChild>
  void readTyped(pugi::xml_node node, T& element, const std::array<xml::StringAttribute<T>, NS>& strings,
                 const std::array<xml::BoolAttribute<T>, NB>& bools, OnChild&& onChild);

  Expression readExpression(pugi::xml_node node);
  FlowElement readFlowElement(pugi::xml_node node, ElementKind kind);
  bool readFlowChild(FlowElement& element, pugi::xml_node child, std::string_view local);
  EventDefinition readEventDefinition(pugi::xml_node node, EventDefinitionKind kind);
  LoopCharacteristics readLoop(pugi::xml_node node, bool multiInstance);
  Artifact readArtifact(pugi::xml_node node, std::string_view local);
  LaneSet readLaneSet(pugi::xml_node node);
  Lane readLane(pugi::xml_node node);
  Process readProcess(pugi::xml_node node);
  Collaboration readCollaboration(pugi::xml_node node);
  GlobalElement readGlobal(pugi::xml_node node, GlobalElement::Kind kind);
  Diagram readDiagram(pugi::xml_node node);
  DiPlane readPlane(pugi::xml_node node);
  DiElement readDiElement(pugi::xml_node node, DiElement::Kind kind);
  Bounds readBounds(pugi::xml_node node);
  void readDefinitions(pugi::xml_node root, Definitions& definitions);

  struct NamespaceBinding {
    std::string prefix;
    std::string uri;
  };

  std::string_view bytes_;
  std::string_view file_;
  xml::LineIndex lines_;
  std::vector<NamespaceBinding> ns_;
  std::vector<Diagnostic> diagnostics_;
};

XmlElement Reader::verbatim(pugi::xml_node node) {
  Scope scope(*this, node);
  XmlElement element;
  element.qname = node.name();
  element.nsUri = nsOf(node);
  element.location = locate(node);
  for (auto attr : node.attributes()) element.attributes.push_back(verbatimAttribute(attr));
  for (auto child : node.children()) {
    switch (child.type()) {
      case pugi::node_element:
        element.children.push_back(verbatim(child));
        break;
      case pugi::node_pcdata:
      case pugi::node_cdata: {
        XmlElement text;
        text.text = child.value();
        text.cdata = child.type() == pugi::node_cdata;
        element.children.push_back(std::move(text));
        break;
      }
      default:
        break;  // comments and processing instructions are not content
    }
  }
  return element;
}

std::string Reader::textOf(pugi::xml_node node, bool* cdata) {
  std::string text;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
      if (cdata && child.type() == pugi::node_cdata) *cdata = true;
    }
  }
  return text;
}

std::optional<bool> Reader::parseBool(pugi::xml_attribute attr, pugi::xml_node node, std::string_view id) {
  std::string value = trimmed(attr.value());
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  report(Severity::kError, node, id,
         std::string("attribute ") + attr.name() + "=\"" + attr.value() + "\" is not a boolean (true or false)");
  return std::nullopt;
}

double Reader::parseNumber(pugi::xml_attribute attr, pugi::xml_node node) {
  std::string value = trimmed(attr.value());
  double number = 0;
  const char* first = value.data();
  const char* last = value.data() + value.size();
  if (!value.empty() && *first == '+') ++first;
  auto [end, error] = std::from_chars(first, last, number);
  if (value.empty() || error != std::errc() || end != last) {
    report(Severity::kError, node, node.attribute("id").value(),
           std::string("attribute ") + attr.name() + "=\"" + attr.value() + "\" is not a number");
    return 0;
  }
  return number;
}

template <typename OnAttribute, typename OnChild>
void Reader::readBase(pugi::xml_node node, BaseElement& base, OnAttribute&& onAttribute, OnChild&& onChild) {
  base.location = locate(node);
  base.id = node.attribute("id").value();
  for (auto attr : node.attributes()) {
    std::string_view name = attr.name();
    if (name == "id" && !isEmpty(attr)) continue;
    if (prefixOf(name).empty() && !isNamespaceDeclaration(name) && !isEmpty(attr) && onAttribute(name, attr)) {
      continue;
    }
    base.otherAttributes.push_back(verbatimAttribute(attr));
  }
  for (auto child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view local = localOf(child.name());
    bool consumed = false;
    {
      Scope scope(*this, child);
      if (isBpmn(child)) {
        if (local == "documentation" && isPlainDocumentation(child)) {
          Documentation doc;
          doc.id = child.attribute("id").value();
          doc.textFormat = child.attribute("textFormat").value();
          doc.text = textOf(child);
          base.documentation.push_back(std::move(doc));
          consumed = true;
        } else if (local == "extensionElements") {
          consumed = false;  // verbatim below, into its own slot
        } else {
          consumed = onChild(child, local);
        }
      }
    }
    if (consumed) continue;
    if (local == "extensionElements" && isBpmn(child) && !base.extensionElements) {
      base.extensionElements = verbatim(child);
    } else {
      base.otherChildren.push_back(verbatim(child));
    }
  }
}

template <typename T, std::size_t NS, std::size_t NB, typename OnChild>
void Reader::readTyped(pugi::xml_node node, T& element, const std::array<xml::StringAttribute<T>, NS>& strings,
                       const std::array<xml::BoolAttribute<T>, NB>& bools, OnChild&& onChild) {
  std::string id = node.attribute("id").value();
  readBase(
      node, element,
      [&](std::string_view name, pugi::xml_attribute attr) {
        for (const auto& entry : strings) {
          if (entry.name == name) {
            element.*entry.member = attr.value();
            return true;
          }
        }
        for (const auto& entry : bools) {
          if (entry.name == name) {
            element.*entry.member = parseBool(attr, node, id);
            // A value that is not a boolean stays verbatim, so it is not lost.
            return (element.*entry.member).has_value();
          }
        }
        return false;
      },
      std::forward<OnChild>(onChild));
}

constexpr std::array<xml::BoolAttribute<Expression>, 0> kNoExpressionBools{};

// <conditionExpression xsi:type="tFormalExpression" language="...">body</...>
Expression Reader::readExpression(pugi::xml_node node) {
  Expression expression;
  readTyped(node, expression, xml::kExpressionStrings, kNoExpressionBools,
            [](pugi::xml_node, std::string_view) { return false; });
  expression.body = textOf(node, &expression.cdata);
  return expression;
}

// <task id="..." name="..."> <incoming/> <outgoing/> ... </task>, and every
// other flow element kind (sub-processes recurse).
FlowElement Reader::readFlowElement(pugi::xml_node node, ElementKind kind) {
  FlowElement element;
  element.kind = kind;
  readTyped(node, element, xml::kFlowElementStrings, xml::kFlowElementBools,
            [&](pugi::xml_node child, std::string_view local) { return readFlowChild(element, child, local); });
  return element;
}

bool Reader::readFlowChild(FlowElement& element, pugi::xml_node child, std::string_view local) {
  const ElementKind kind = element.kind;
  if (isFlowNode(kind) && local == "incoming") {
    element.incoming.push_back(trimmed(textOf(child)));
  } else if (isFlowNode(kind) && local == "outgoing") {
    element.outgoing.push_back(trimmed(textOf(child)));
  } else if (isActivity(kind) && !element.loop &&
             (local == "standardLoopCharacteristics" || local == "multiInstanceLoopCharacteristics")) {
    element.loop = readLoop(child, local == "multiInstanceLoopCharacteristics");
  } else if (kind == ElementKind::kScriptTask && local == "script" && !element.script) {
    element.script = textOf(child);
  } else if (isSubProcessKind(kind) && elementKindFromName(local)) {
    element.flowElements.push_back(readFlowElement(child, *elementKindFromName(local)));
  } else if (isSubProcessKind(kind) && isArtifactName(local)) {
    element.artifacts.push_back(readArtifact(child, local));
  } else if (kind == ElementKind::kAdHocSubProcess && local == "completionCondition" && !element.completionCondition) {
    element.completionCondition = readExpression(child);
  } else if (isEvent(kind) && eventDefinitionKindFromName(local)) {
    element.eventDefinitions.push_back(readEventDefinition(child, *eventDefinitionKindFromName(local)));
  } else if (isEvent(kind) && local == "eventDefinitionRef") {
    element.eventDefinitionRefs.push_back(trimmed(textOf(child)));
  } else if (kind == ElementKind::kComplexGateway && local == "activationCondition" && !element.activationCondition) {
    element.activationCondition = readExpression(child);
  } else if (kind == ElementKind::kSequenceFlow && local == "conditionExpression" && !element.conditionExpression) {
    element.conditionExpression = readExpression(child);
  } else {
    return false;
  }
  return true;
}

// <timerEventDefinition><timeDuration>PT5M</timeDuration></timerEventDefinition>
// and the other nine kinds; the ref attribute name depends on the kind.
EventDefinition Reader::readEventDefinition(pugi::xml_node node, EventDefinitionKind kind) {
  EventDefinition definition;
  definition.kind = kind;
  const std::string_view refName = eventDefinitionRefName(kind);
  readBase(
      node, definition,
      [&](std::string_view name, pugi::xml_attribute attr) {
        if (!refName.empty() && name == refName) {
          definition.ref = attr.value();
        } else if (kind == EventDefinitionKind::kCompensate && name == "waitForCompletion") {
          definition.waitForCompletion = parseBool(attr, node, definition.id);
          return definition.waitForCompletion.has_value();
        } else if (kind == EventDefinitionKind::kLink && name == "name") {
          definition.linkName = attr.value();
        } else {
          return false;
        }
        return true;
      },
      [&](pugi::xml_node child, std::string_view local) {
        auto once = [&](std::optional<Expression>& slot) {
          if (slot) return false;
          slot = readExpression(child);
          return true;
        };
        switch (kind) {
          case EventDefinitionKind::kTimer:
            if (local == "timeDate") return once(definition.timeDate);
            if (local == "timeDuration") return once(definition.timeDuration);
            if (local == "timeCycle") return once(definition.timeCycle);
            return false;
          case EventDefinitionKind::kConditional:
            return local == "condition" && once(definition.condition);
          case EventDefinitionKind::kMessage:
            if (local != "operationRef" || !definition.operationRef.empty()) return false;
            definition.operationRef = trimmed(textOf(child));
            return true;
          case EventDefinitionKind::kLink:
            if (local == "source") {
              definition.linkSources.push_back(trimmed(textOf(child)));
              return true;
            }
            if (local == "target" && definition.linkTarget.empty()) {
              definition.linkTarget = trimmed(textOf(child));
              return true;
            }
            return false;
          case EventDefinitionKind::kSignal:
          case EventDefinitionKind::kError:
          case EventDefinitionKind::kEscalation:
          case EventDefinitionKind::kCompensate:
          case EventDefinitionKind::kCancel:
          case EventDefinitionKind::kTerminate:
            return false;
        }
        return false;
      });
  return definition;
}

// <multiInstanceLoopCharacteristics isSequential="true">
//   <loopCardinality>3</loopCardinality> </multiInstanceLoopCharacteristics>
LoopCharacteristics Reader::readLoop(pugi::xml_node node, bool multiInstance) {
  LoopCharacteristics loop;
  loop.multiInstance = multiInstance;
  readTyped(node, loop, xml::kLoopStrings, xml::kLoopBools, [&](pugi::xml_node child, std::string_view local) {
    auto once = [&](std::optional<Expression>& slot) {
      if (slot) return false;
      slot = readExpression(child);
      return true;
    };
    if (!multiInstance) return local == "loopCondition" && once(loop.loopCondition);
    if (local == "loopCardinality") return once(loop.loopCardinality);
    if (local == "completionCondition") return once(loop.completionCondition);
    if (local == "loopDataInputRef" && loop.loopDataInputRef.empty()) {
      loop.loopDataInputRef = trimmed(textOf(child));
      return true;
    }
    if (local == "loopDataOutputRef" && loop.loopDataOutputRef.empty()) {
      loop.loopDataOutputRef = trimmed(textOf(child));
      return true;
    }
    return false;
  });
  return loop;
}

constexpr std::array<xml::BoolAttribute<Artifact>, 0> kNoArtifactBools{};

// <textAnnotation><text>...</text></textAnnotation>, <association/>, <group/>
Artifact Reader::readArtifact(pugi::xml_node node, std::string_view local) {
  Artifact artifact;
  artifact.kind = local == "textAnnotation" ? Artifact::Kind::kTextAnnotation
                  : local == "association"  ? Artifact::Kind::kAssociation
                                            : Artifact::Kind::kGroup;
  bool haveText = false;
  readTyped(node, artifact, xml::kArtifactStrings, kNoArtifactBools,
            [&](pugi::xml_node child, std::string_view childLocal) {
              if (artifact.kind != Artifact::Kind::kTextAnnotation || childLocal != "text" || haveText) return false;
              artifact.text = textOf(child);
              haveText = true;
              return true;
            });
  return artifact;
}

constexpr std::array<xml::BoolAttribute<LaneSet>, 0> kNoLaneSetBools{};
constexpr std::array<xml::BoolAttribute<Lane>, 0> kNoLaneBools{};

// <laneSet><lane id="..."><flowNodeRef>...</flowNodeRef></lane></laneSet>
LaneSet Reader::readLaneSet(pugi::xml_node node) {
  LaneSet laneSet;
  readTyped(node, laneSet, xml::kLaneSetStrings, kNoLaneSetBools, [&](pugi::xml_node child, std::string_view local) {
    if (local != "lane") return false;
    laneSet.lanes.push_back(readLane(child));
    return true;
  });
  return laneSet;
}

Lane Reader::readLane(pugi::xml_node node) {
  Lane lane;
  readTyped(node, lane, xml::kLaneStrings, kNoLaneBools, [&](pugi::xml_node child, std::string_view local) {
    if (local == "flowNodeRef") {
      lane.flowNodeRefs.push_back(trimmed(textOf(child)));
      return true;
    }
    if (local == "childLaneSet" && lane.childLaneSets.empty()) {
      lane.childLaneSets.push_back(readLaneSet(child));
      return true;
    }
    return false;
  });
  return lane;
}

// <process id="..." isExecutable="true"> laneSet* flowElement* artifact* </process>
Process Reader::readProcess(pugi::xml_node node) {
  Process process;
  readTyped(node, process, xml::kProcessStrings, xml::kProcessBools, [&](pugi::xml_node child, std::string_view local) {
    if (auto kind = elementKindFromName(local)) {
      process.flowElements.push_back(readFlowElement(child, *kind));
    } else if (isArtifactName(local)) {
      process.artifacts.push_back(readArtifact(child, local));
    } else if (local == "laneSet") {
      process.laneSets.push_back(readLaneSet(child));
    } else {
      return false;
    }
    return true;
  });
  return process;
}

constexpr std::array<xml::BoolAttribute<Participant>, 0> kNoParticipantBools{};
constexpr std::array<xml::BoolAttribute<MessageFlow>, 0> kNoMessageFlowBools{};

// <collaboration> participant* messageFlow* artifact* ... </collaboration>
Collaboration Reader::readCollaboration(pugi::xml_node node) {
  Collaboration collaboration;
  auto none = [](pugi::xml_node, std::string_view) { return false; };
  readTyped(node, collaboration, xml::kCollaborationStrings, xml::kCollaborationBools,
            [&](pugi::xml_node child, std::string_view local) {
              if (local == "participant") {
                Participant participant;
                readTyped(child, participant, xml::kParticipantStrings, kNoParticipantBools, none);
                collaboration.participants.push_back(std::move(participant));
              } else if (local == "messageFlow") {
                MessageFlow flow;
                readTyped(child, flow, xml::kMessageFlowStrings, kNoMessageFlowBools, none);
                collaboration.messageFlows.push_back(std::move(flow));
              } else if (isArtifactName(local)) {
                collaboration.artifacts.push_back(readArtifact(child, local));
              } else {
                return false;
              }
              return true;
            });
  return collaboration;
}

// <message id="..." name="..."/>, <signal/>, <error errorCode="..."/>, <escalation/>
GlobalElement Reader::readGlobal(pugi::xml_node node, GlobalElement::Kind kind) {
  GlobalElement global;
  global.kind = kind;
  const std::string_view refName = xml::globalRefAttribute(kind);
  const std::string_view codeName = xml::globalCodeAttribute(kind);
  readBase(
      node, global,
      [&](std::string_view name, pugi::xml_attribute attr) {
        if (name == "name") {
          global.name = attr.value();
        } else if (name == refName) {
          global.ref = attr.value();
        } else if (!codeName.empty() && name == codeName) {
          global.code = attr.value();
        } else {
          return false;
        }
        return true;
      },
      [](pugi::xml_node, std::string_view) { return false; });
  return global;
}

// <dc:Bounds x="..." y="..." width="..." height="..."/>
Bounds Reader::readBounds(pugi::xml_node node) {
  Scope scope(*this, node);
  Bounds bounds;
  bounds.leftOut = 0b1111;
  for (auto attr : node.attributes()) {
    const std::string_view coordinate = attr.name();
    if (coordinate == "x") bounds.leftOut &= ~1;
    if (coordinate == "y") bounds.leftOut &= ~2;
    if (coordinate == "width") bounds.leftOut &= ~4;
    if (coordinate == "height") bounds.leftOut &= ~8;
    std::string_view name = attr.name();
    if (name == "x")
      bounds.x = parseNumber(attr, node);
    else if (name == "y")
      bounds.y = parseNumber(attr, node);
    else if (name == "width")
      bounds.width = parseNumber(attr, node);
    else if (name == "height")
      bounds.height = parseNumber(attr, node);
    else
      bounds.otherAttributes.push_back(verbatimAttribute(attr));
  }
  return bounds;
}

// <bpmndi:BPMNShape bpmnElement="..."><dc:Bounds/><bpmndi:BPMNLabel/></...>
// <bpmndi:BPMNEdge bpmnElement="..."><di:waypoint x="" y=""/>...</...>
DiElement Reader::readDiElement(pugi::xml_node node, DiElement::Kind kind) {
  DiElement element;
  element.kind = kind;
  element.location = locate(node);
  const std::string id = node.attribute("id").value();
  auto flag = [&](std::optional<bool>& slot, pugi::xml_attribute attr) {
    slot = parseBool(attr, node, id);
    return slot.has_value();
  };
  for (auto attr : node.attributes()) {
    std::string_view name = attr.name();
    bool typed = !isEmpty(attr);
    if (!typed)
      ;
    else if (name == "id")
      element.id = attr.value();
    else if (name == "bpmnElement")
      element.bpmnElement = attr.value();
    else if (name == "isHorizontal")
      typed = flag(element.isHorizontal, attr);
    else if (name == "isExpanded")
      typed = flag(element.isExpanded, attr);
    else if (name == "isMarkerVisible")
      typed = flag(element.isMarkerVisible, attr);
    else if (name == "isMessageVisible")
      typed = flag(element.isMessageVisible, attr);
    else if (name == "participantBandKind")
      element.participantBandKind = attr.value();
    else if (name == "choreographyActivityShape")
      element.choreographyActivityShape = attr.value();
    else if (name == "sourceElement")
      element.sourceElement = attr.value();
    else if (name == "targetElement")
      element.targetElement = attr.value();
    else if (name == "messageVisibleKind")
      element.messageVisibleKind = attr.value();
    else
      typed = false;
    if (!typed) element.otherAttributes.push_back(verbatimAttribute(attr));
  }
  for (auto child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    Scope scope(*this, child);
    const std::string uri(nsOf(child));
    const std::string_view local = localOf(child.name());
    if (uri == ns::kDc && local == "Bounds" && kind == DiElement::Kind::kShape && !element.bounds) {
      element.bounds = readBounds(child);
    } else if (uri == ns::kDi && local == "waypoint" && kind == DiElement::Kind::kEdge) {
      Point point;
      for (auto attr : child.attributes()) {
        std::string_view name = attr.name();
        if (name == "x")
          point.x = parseNumber(attr, child);
        else if (name == "y")
          point.y = parseNumber(attr, child);
        else
          point.otherAttributes.push_back(verbatimAttribute(attr));
      }
      element.waypoints.push_back(std::move(point));
    } else if (uri == ns::kBpmnDi && local == "BPMNLabel" && !element.label) {
      DiLabel label;
      for (auto attr : child.attributes()) {
        std::string_view name = attr.name();
        if (isEmpty(attr))
          label.otherAttributes.push_back(verbatimAttribute(attr));
        else if (name == "id")
          label.id = attr.value();
        else if (name == "labelStyle")
          label.labelStyle = attr.value();
        else
          label.otherAttributes.push_back(verbatimAttribute(attr));
      }
      for (auto grandChild : child.children()) {
        if (grandChild.type() != pugi::node_element) continue;
        Scope inner(*this, grandChild);
        if (nsOf(grandChild) == ns::kDc && localOf(grandChild.name()) == "Bounds" && !label.bounds) {
          label.bounds = readBounds(grandChild);
        } else {
          label.otherChildren.push_back(verbatim(grandChild));
        }
      }
      element.label = std::move(label);
    } else {
      element.otherChildren.push_back(verbatim(child));
    }
  }
  return element;
}

// <bpmndi:BPMNPlane bpmnElement="..."> BPMNShape* BPMNEdge* </bpmndi:BPMNPlane>
DiPlane Reader::readPlane(pugi::xml_node node) {
  DiPlane plane;
  for (auto attr : node.attributes()) {
    std::string_view name = attr.name();
    if (isEmpty(attr))
      plane.otherAttributes.push_back(verbatimAttribute(attr));
    else if (name == "id")
      plane.id = attr.value();
    else if (name == "bpmnElement")
      plane.bpmnElement = attr.value();
    else
      plane.otherAttributes.push_back(verbatimAttribute(attr));
  }
  for (auto child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    Scope scope(*this, child);
    const std::string_view local = localOf(child.name());
    if (nsOf(child) == ns::kBpmnDi && (local == "BPMNShape" || local == "BPMNEdge")) {
      plane.elements.push_back(
          readDiElement(child, local == "BPMNShape" ? DiElement::Kind::kShape : DiElement::Kind::kEdge));
    } else {
      plane.otherChildren.push_back(verbatim(child));
    }
  }
  return plane;
}

// <bpmndi:BPMNDiagram id="..."> <bpmndi:BPMNPlane/> BPMNLabelStyle* </...>
Diagram Reader::readDiagram(pugi::xml_node node) {
  Diagram diagram;
  diagram.location = locate(node);
  for (auto attr : node.attributes()) {
    std::string_view name = attr.name();
    if (isEmpty(attr))
      diagram.otherAttributes.push_back(verbatimAttribute(attr));
    else if (name == "id")
      diagram.id = attr.value();
    else if (name == "name")
      diagram.name = attr.value();
    else if (name == "documentation")
      diagram.documentation = attr.value();
    else if (name == "resolution")
      diagram.resolution = attr.value();
    else
      diagram.otherAttributes.push_back(verbatimAttribute(attr));
  }
  bool havePlane = false;
  for (auto child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    Scope scope(*this, child);
    if (!havePlane && nsOf(child) == ns::kBpmnDi && localOf(child.name()) == "BPMNPlane") {
      diagram.plane = readPlane(child);
      havePlane = true;
    } else {
      diagram.otherChildren.push_back(verbatim(child));
    }
  }
  return diagram;
}

// <definitions xmlns="..." targetNamespace="..."> import* rootElement*
//   BPMNDiagram* relationship* </definitions>
void Reader::readDefinitions(pugi::xml_node root, Definitions& definitions) {
  definitions.rootQName = root.name();
  for (auto attr : root.attributes()) {
    std::string_view name = attr.name();
    if (!isNamespaceDeclaration(name)) continue;
    definitions.namespaces.push_back({std::string(name == "xmlns" ? "" : name.substr(6)), attr.value()});
  }
  constexpr std::array<xml::BoolAttribute<Definitions>, 0> kNoBools{};
  readTyped(root, definitions, xml::kDefinitionsStrings, kNoBools, [&](pugi::xml_node child, std::string_view local) {
    if (local == "process") {
      definitions.rootElements.emplace_back(readProcess(child));
    } else if (local == "collaboration") {
      definitions.rootElements.emplace_back(readCollaboration(child));
    } else if (auto kind = globalKindFromName(local)) {
      definitions.rootElements.emplace_back(readGlobal(child, *kind));
    } else if (local == "import" || local == "extension" || local == "relationship") {
      return false;
    } else {
      definitions.rootElements.emplace_back(verbatim(child));
    }
    return true;
  });
  // The root's namespace declarations live in `namespaces`, not as attributes.
  std::erase_if(definitions.otherAttributes, [](const XmlAttribute& a) { return a.nsUri == ns::kXmlns; });
  // Diagrams are in the BPMNDI namespace, so readBase kept them verbatim;
  // type them here, in their document order.
  std::vector<XmlElement> rest;
  std::size_t index = 0;
  std::vector<pugi::xml_node> diagramNodes;
  for (auto child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    Scope scope(*this, child);
    if (nsOf(child) == ns::kBpmnDi && localOf(child.name()) == "BPMNDiagram") diagramNodes.push_back(child);
  }
  for (auto& other : definitions.otherChildren) {
    if (other.is(ns::kBpmnDi, "BPMNDiagram") && index < diagramNodes.size()) {
      Scope scope(*this, diagramNodes[index]);
      definitions.diagrams.push_back(readDiagram(diagramNodes[index++]));
    } else {
      rest.push_back(std::move(other));
    }
  }
  definitions.otherChildren = std::move(rest);
}

ParseResult Reader::run() {
  ParseResult result;
  pugi::xml_document document;
  const unsigned options = pugi::parse_default | pugi::parse_declaration;
  // The text is UTF-8 whatever the declaration says (parseBpmn transcoded it).
  pugi::xml_parse_result parsed = document.load_buffer(bytes_.data(), bytes_.size(), options, pugi::encoding_utf8);
  if (!parsed) {
    std::ptrdiff_t offset = parsed.offset;
    std::string message = std::string("malformed XML: ") + describeParseStatus(parsed.status);
    if (parsed.status == pugi::status_end_element_mismatch) {
      const auto at = std::min(static_cast<std::size_t>(offset), bytes_.size());
      std::string_view rest = bytes_.substr(at);
      if (rest.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        message = "malformed XML: the file ends before every element is closed";
      } else {
        // pugixml points at the end tag's name; name it, and point at its '<'.
        std::string_view tag = rest.substr(0, rest.find_first_of("> \t\r\n"));
        message = "malformed XML: end tag </" + std::string(tag) + "> does not match the open start tag";
        if (at >= 2 && bytes_.substr(at - 2, 2) == "</") offset -= 2;
      }
    }
    auto where = lines_.at(offset);
    result.diagnostics.push_back(
        {Severity::kError, std::string(file_), where.line, where.column, "", "", std::move(message)});
    return result;
  }
  // What pugixml lets through.
  if (auto fault = xml::checkWellFormed(bytes_)) {
    auto where = lines_.at(static_cast<std::ptrdiff_t>(fault->offset));
    result.diagnostics.push_back(
        {Severity::kError, std::string(file_), where.line, where.column, "", "", std::move(fault->message)});
    return result;
  }
  pugi::xml_node root = document.document_element();
  Scope scope(*this, root);
  const std::string uri(nsOf(root));
  if (uri != ns::kBpmn || localOf(root.name()) != "definitions") {
    report(Severity::kError, root, root.attribute("id").value(),
           "not a BPMN 2.0 file: the root element is <" + std::string(root.name()) + "> in namespace \"" + uri +
               "\", expected <definitions> in namespace \"" + std::string(ns::kBpmn) + "\"");
    result.diagnostics = std::move(diagnostics_);
    return result;
  }
  Definitions definitions;
  readDefinitions(root, definitions);
  result.definitions = std::move(definitions);
  result.diagnostics = std::move(diagnostics_);
  return result;
}

}  // namespace

ParseResult parseBpmn(std::string_view bytes, std::string_view fileName) {
  xml::Utf8Document document = xml::toUtf8(bytes);
  if (document.fault) {
    ParseResult result;
    auto where = xml::LineIndex(bytes).at(static_cast<std::ptrdiff_t>(document.fault->offset));
    result.diagnostics.push_back({Severity::kError, std::string(fileName), where.line, where.column, "", "",
                                  std::move(document.fault->message)});
    return result;
  }
  return Reader(document.transcoded ? std::string_view(document.text) : bytes, fileName).run();
}

Result<std::string> readFile(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) return Status::ioError(path + ": cannot read: is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::ioError(path + ": cannot open: " + std::strerror(errno));
  return readStream(in, path);
}

Result<std::string> readStream(std::istream& in, const std::string& name) {
  std::string contents;
  char chunk[65536];
  while (in) {
    in.read(chunk, sizeof chunk);
    contents.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (contents.size() > limits::kDocumentBytes) {
      return Status::invalidArgument(name + ": larger than " + std::to_string(limits::kDocumentBytes >> 20) +
                                     " MiB, the most this engine reads");
    }
  }
  if (in.bad()) return Status::ioError(name + ": cannot read: " + std::strerror(errno));
  return contents;
}

}  // namespace bpmn

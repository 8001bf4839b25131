// Copy and paste (clipboard.h).
#include "clipboard.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <type_traits>
#include <variant>

#include "bpmn/model/namespaces.h"
#include "editing.h"
#include "model_access.h"
#include "properties.h"

namespace bpmn::modeler {

namespace {

std::string prefixOf(const std::string& id) {
  const auto underscore = id.find('_');
  return underscore == std::string::npos ? std::string() : id.substr(0, underscore + 1);
}

// New ids for an element and everything nested in it.
void renumber(model::Definitions& definitions, const model::FlowElement& element,
              std::map<std::string, std::string>& ids) {
  ids[element.id] = newId(definitions, element.kind);
  for (const auto& definition : element.eventDefinitions) {
    if (!definition.id.empty()) ids[definition.id] = newId(definitions, prefixOf(definition.id).empty() ? "EventDefinition_" : prefixOf(definition.id));
  }
  std::set<std::string> verbatim;  // ioSpecification, data inputs, data associations...
  collectXmlIds(element.otherChildren, verbatim);
  for (const std::string& id : verbatim) ids[id] = newId(definitions, prefixOf(id).empty() ? "Element_" : prefixOf(id));
  for (const auto& inner : element.flowElements) renumber(definitions, inner, ids);
  for (const auto& artifact : element.artifacts) {
    ids[artifact.id] = newId(definitions, prefixOf(artifact.id).empty() ? "Artifact_" : prefixOf(artifact.id));
  }
}

// Verbatim content with its ids and the references among them renamed;
// a data association with an end outside what was copied is left out.
bool rewriteVerbatim(model::XmlElement& element, const std::map<std::string, std::string>& ids) {
  const auto local = element.localName();
  if (local == "dataInputAssociation" || local == "dataOutputAssociation") {
    for (const auto& end : element.children) {
      if (end.localName() != "sourceRef" && end.localName() != "targetRef") continue;
      for (const auto& text : end.children) {
        if (text.isText() && !trimmed(text.text).empty() && !ids.count(trimmed(text.text))) return false;
      }
    }
  }
  for (auto& attribute : element.attributes) {
    if (ids.count(attribute.value)) attribute.value = ids.at(attribute.value);
  }
  std::erase_if(element.children, [&](model::XmlElement& child) {
    if (child.isText()) {
      if (const std::string word = trimmed(child.text); ids.count(word)) child.text = ids.at(word);
      return false;
    }
    return !rewriteVerbatim(child, ids);
  });
  return true;
}

// A pasted DI element's label: shifted, without the original's id.
void shiftLabel(model::DiElement& di, const QPointF& offset) {
  if (!di.label) return;
  di.label->id.clear();
  if (di.label->bounds) {
    di.label->bounds->x += offset.x();
    di.label->bounds->y += offset.y();
  }
}

std::string mapped(const std::map<std::string, std::string>& ids, const std::string& id) {
  auto found = ids.find(id);
  return found == ids.end() ? id : found->second;
}

// A reference (a QName, perhaps prefixed) to what the paste renamed or
// carried along, as the plain id it now has.
std::string mappedRef(const std::map<std::string, std::string>& ids, const std::string& ref) {
  auto found = ids.find(std::string(model::localRef(ref)));
  return found == ids.end() ? ref : found->second;
}

void rewrite(model::FlowElement& element, const std::map<std::string, std::string>& ids) {
  element.id = mapped(ids, element.id);
  for (auto& definition : element.eventDefinitions) {
    definition.id = mapped(ids, definition.id);
    definition.ref = mappedRef(ids, definition.ref);
    definition.operationRef = mappedRef(ids, definition.operationRef);
  }
  for (auto& ref : element.eventDefinitionRefs) ref = mappedRef(ids, ref);
  element.messageRef = mappedRef(ids, element.messageRef);
  element.operationRef = mappedRef(ids, element.operationRef);
  element.dataStoreRef = mappedRef(ids, element.dataStoreRef);
  element.itemSubjectRef = mappedRef(ids, element.itemSubjectRef);
  std::erase_if(element.incoming, [&](const std::string& id) { return !ids.count(id); });
  std::erase_if(element.outgoing, [&](const std::string& id) { return !ids.count(id); });
  for (auto& id : element.incoming) id = mapped(ids, id);
  for (auto& id : element.outgoing) id = mapped(ids, id);
  if (!element.defaultFlow.empty()) element.defaultFlow = ids.count(element.defaultFlow) ? ids.at(element.defaultFlow) : "";
  element.sourceRef = mapped(ids, element.sourceRef);
  element.targetRef = mapped(ids, element.targetRef);
  element.attachedToRef = mapped(ids, element.attachedToRef);
  element.dataObjectRef = mappedRef(ids, element.dataObjectRef);
  if (element.loop) element.loop->id.clear();
  std::erase_if(element.otherChildren, [&](model::XmlElement& child) { return !rewriteVerbatim(child, ids); });
  for (auto& inner : element.flowElements) rewrite(inner, ids);
  for (auto& artifact : element.artifacts) {
    artifact.id = mapped(ids, artifact.id);
    artifact.sourceRef = mapped(ids, std::string(model::localRef(artifact.sourceRef)));
    artifact.targetRef = mapped(ids, std::string(model::localRef(artifact.targetRef)));
    artifact.categoryValueRef = mappedRef(ids, artifact.categoryValueRef);
  }
}


// ---- What a copy refers to outside itself ---------------------------------

// Every typed element a flow element is made of (itself, its event and
// loop definitions, expressions, nested content), for what they all carry:
// verbatim content.
template <typename Element, typename Visit>
void forEachPart(Element& element, const Visit& visit) {
  auto expression = [&](auto& optional) {
    if (optional) visit(*optional);
  };
  visit(element);
  for (auto& definition : element.eventDefinitions) {
    visit(definition);
    expression(definition.timeDate);
    expression(definition.timeDuration);
    expression(definition.timeCycle);
    expression(definition.condition);
  }
  if (element.loop) {
    visit(*element.loop);
    expression(element.loop->loopCondition);
    expression(element.loop->loopCardinality);
    expression(element.loop->completionCondition);
  }
  expression(element.completionCondition);
  expression(element.activationCondition);
  expression(element.conditionExpression);
  for (auto& inner : element.flowElements) forEachPart(inner, visit);
  for (auto& artifact : element.artifacts) visit(artifact);
}

// References written in verbatim content: the values of `...Ref`
// attributes and the text of `...Ref` elements.
void referencesIn(const model::XmlElement& element, std::set<std::string>& refs) {
  for (const auto& attribute : element.attributes) {
    if (attribute.localName().ends_with("Ref")) refs.insert(std::string(model::localRef(attribute.value)));
  }
  for (const auto& child : element.children) {
    if (child.isText()) continue;
    if (child.localName().ends_with("Ref")) refs.insert(std::string(model::localRef(trimmed(child.textContent()))));
    referencesIn(child, refs);
  }
}

void referencesIn(const model::BaseElement& element, std::set<std::string>& refs) {
  if (element.extensionElements) referencesIn(*element.extensionElements, refs);
  for (const auto& child : element.otherChildren) referencesIn(child, refs);
}

// What a flow element and its content refer to by id, outside flows.
void referencesOf(const model::FlowElement& element, std::set<std::string>& refs) {
  forEachPart(element, [&](const model::BaseElement& part) { referencesIn(part, refs); });
  auto add = [&](const std::string& ref) {
    if (!ref.empty()) refs.insert(std::string(model::localRef(ref)));
  };
  add(element.messageRef);
  add(element.operationRef);
  add(element.dataObjectRef);
  add(element.dataStoreRef);
  add(element.itemSubjectRef);
  for (const auto& ref : element.eventDefinitionRefs) add(ref);
  for (const auto& definition : element.eventDefinitions) {
    add(definition.ref);
    add(definition.operationRef);
  }
  for (const auto& inner : element.flowElements) referencesOf(inner, refs);
  for (const auto& artifact : element.artifacts) add(artifact.categoryValueRef);
}

std::string rootId(const model::RootElement& root) {
  return std::visit(
      [](const auto& element) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(element)>, model::XmlElement>) {
          return std::string(element.attribute("id"));
        } else {
          return element.id;
        }
      },
      root);
}

bool holdsId(const model::XmlElement& element, const std::string& id) {
  std::set<std::string> ids;
  collectXmlIds(element.children, ids);
  return ids.count(id) > 0;
}

// The messages, signals, errors, escalations and verbatim roots (item
// definitions, data stores, categories, interfaces, ...) that `refs` name
// or that hold what they name, with what those refer to before them.
std::vector<model::RootElement> rootsFor(const model::Definitions& definitions, const std::set<std::string>& refs) {
  std::vector<model::RootElement> roots;
  std::set<std::size_t> taken;
  std::function<void(const std::string&)> carry = [&](const std::string& ref) {
    for (std::size_t i = 0; i < definitions.rootElements.size(); ++i) {
      const model::RootElement& root = definitions.rootElements[i];
      const auto* global = std::get_if<model::GlobalElement>(&root);
      const auto* other = std::get_if<model::XmlElement>(&root);
      if ((!global && !other) || taken.count(i)) continue;
      if (rootId(root) != ref && !(other && holdsId(*other, ref))) continue;
      taken.insert(i);
      std::set<std::string> further;
      if (global && !global->ref.empty()) further.insert(std::string(model::localRef(global->ref)));
      if (other) referencesIn(*other, further);
      if (global) referencesIn(*global, further);
      for (const std::string& next : further) carry(next);
      roots.push_back(root);
      return;
    }
  };
  for (const std::string& ref : refs) carry(ref);
  return roots;
}

// Pasted verbatim content written with the prefixes of the file it lands
// in; a namespace that file does not declare yet gets declared there,
// under the copy's prefix where that is free.
class Prefixes {
 public:
  Prefixes(model::Definitions& target, const std::vector<model::NamespaceDeclaration>& source)
      : target_(target), source_(source) {}

  void fix(model::BaseElement& element) {
    if (element.extensionElements) fix(*element.extensionElements);
    fix(element.otherAttributes);
    for (auto& child : element.otherChildren) fix(child);
  }

  void fix(model::XmlElement& element) {
    if (element.isText()) return;
    if (!element.nsUri.empty()) element.qname = qualified(element.qname, element.nsUri, false);
    fix(element.attributes);
    for (auto& child : element.children) fix(child);
  }

  void fix(std::vector<model::XmlAttribute>& attributes) {
    for (auto& attribute : attributes) {
      if (attribute.nsUri.empty() || attribute.nsUri == ns::kXmlns || attribute.qname.starts_with("xmlns")) continue;
      attribute.qname = qualified(attribute.qname, attribute.nsUri, true);
      if (attribute.nsUri == ns::kXsi && attribute.localName() == "type") attribute.value = typeName(attribute.value);
    }
  }

  void fix(model::DiElement& di) {
    fix(di.otherAttributes);
    for (auto& child : di.otherChildren) fix(child);
    if (di.bounds) fix(di.bounds->otherAttributes);
    for (auto& point : di.waypoints) fix(point.otherAttributes);
    if (di.label) {
      fix(di.label->otherAttributes);
      for (auto& child : di.label->otherChildren) fix(child);
      if (di.label->bounds) fix(di.label->bounds->otherAttributes);
    }
  }

  void fix(model::RootElement& root) {
    if (auto* global = std::get_if<model::GlobalElement>(&root)) fix(*global);
    if (auto* other = std::get_if<model::XmlElement>(&root)) fix(*other);
  }

 private:
  static std::pair<std::string, std::string> split(const std::string& qname) {
    const auto colon = qname.find(':');
    if (colon == std::string::npos) return {"", qname};
    return {qname.substr(0, colon), qname.substr(colon + 1)};
  }

  // An element may take the target's default namespace; an attribute
  // needs a prefix.
  std::string qualified(const std::string& qname, const std::string& uri, bool attribute) {
    const auto [prefix, local] = split(qname);
    if (!attribute) {
      for (const auto& declaration : target_.namespaces) {
        if (declaration.uri == uri) return declaration.prefix.empty() ? local : declaration.prefix + ":" + local;
      }
    }
    return namespacePrefix(target_, uri, prefix.empty() ? "ns" : prefix) + ":" + local;
  }

  // xsi:type="bpmn:tFormalExpression": a QName in a value, resolved by the
  // copy's declarations.
  std::string typeName(const std::string& value) {
    const auto [prefix, local] = split(value);
    for (const auto& declaration : source_) {
      if (declaration.prefix == prefix) return qualified(value, declaration.uri, false);
    }
    return value;
  }

  model::Definitions& target_;
  const std::vector<model::NamespaceDeclaration>& source_;
};

// Whether a data object with that id is visible in the scope `owner`
// opens: declared there or in a scope around it.
bool dataObjectVisible(model::Definitions& definitions, std::string owner, const std::string& id) {
  while (true) {
    auto scope = scopeOpenedBy(definitions, owner);
    if (!scope) return false;
    for (const auto& element : *scope->elements) {
      if (element.id == id && element.kind == model::ElementKind::kDataObject) return true;
    }
    if (!scope->subProcess) return false;
    auto outer = scopeOf(definitions, owner);
    if (!outer) return false;
    owner = outer->subProcess ? outer->subProcess->id : outer->process->id;
  }
}

// Verbatim content without ids, names by namespace rather than prefix.
void comparable(model::XmlElement& element) {
  std::erase_if(element.attributes, [](const model::XmlAttribute& attribute) { return attribute.qname == "id"; });
  if (!element.isText()) element.qname = std::string(element.localName());
  for (auto& attribute : element.attributes) attribute.qname = std::string(attribute.localName());
  for (auto& child : element.children) comparable(child);
}

// Whether two roots say the same apart from their ids and prefixes (an
// item definition pasted once before under a new id).
bool sameApartFromIds(model::RootElement a, model::RootElement b) {
  for (auto* root : {&a, &b}) {
    if (auto* global = std::get_if<model::GlobalElement>(root)) {
      global->id.clear();
      if (global->extensionElements) comparable(*global->extensionElements);
      for (auto& child : global->otherChildren) comparable(child);
      for (auto& attribute : global->otherAttributes) attribute.qname = std::string(attribute.localName());
    }
    if (auto* other = std::get_if<model::XmlElement>(root)) comparable(*other);
  }
  return a == b;
}

bool sameKind(const model::RootElement& a, const model::RootElement& b) {
  if (a.index() != b.index()) return false;
  if (const auto* global = std::get_if<model::GlobalElement>(&a)) return global->kind == std::get<model::GlobalElement>(b).kind;
  if (const auto* other = std::get_if<model::XmlElement>(&a)) {
    return other->nsUri == std::get<model::XmlElement>(b).nsUri &&
           other->localName() == std::get<model::XmlElement>(b).localName();
  }
  return false;
}

// The copy's roots in the target: a root the target has (same id, same
// kind) is used as it is, with the values or operations it lacks added; so
// is one the target has under another id with the same content; the others
// are added, under new ids where theirs are taken. `ids` gets
// an entry for every carried root, so references lose their prefixes.
void pasteRoots(model::Definitions& definitions, const Clipboard& clipboard, Prefixes& prefixes,
                std::map<std::string, std::string>& ids) {
  std::set<std::string> used = usedIds(definitions);
  for (const auto& root : definitions.rootElements) {
    if (const auto* other = std::get_if<model::XmlElement>(&root)) collectXmlIds(other->children, used);
  }
  // What is carried keeps its id unless the target uses it.
  auto carry = [&](const std::string& id) {
    ids[id] = used.count(id) ? newId(definitions, prefixOf(id).empty() ? "Element_" : prefixOf(id)) : id;
    used.insert(ids[id]);
  };
  std::vector<model::RootElement> added;
  std::vector<std::pair<std::size_t, std::size_t>> grown;  // (root, child) added to the target's roots
  for (const model::RootElement& root : clipboard.roots) {
    const std::string id = rootId(root);
    auto existing = std::find_if(definitions.rootElements.begin(), definitions.rootElements.end(),
                                 [&](const model::RootElement& r) { return rootId(r) == id; });
    if (existing != definitions.rootElements.end() && sameKind(*existing, root)) {
      ids[id] = id;
      auto* have = std::get_if<model::XmlElement>(&*existing);
      if (!have) continue;
      for (const auto& child : std::get<model::XmlElement>(root).children) {
        const std::string childId(child.isText() ? "" : child.attribute("id"));
        if (childId.empty() || holdsId(*have, childId)) continue;
        std::set<std::string> inner{childId};
        collectXmlIds(child.children, inner);
        for (const std::string& innerId : inner) carry(innerId);
        model::XmlElement copy = child;
        prefixes.fix(copy);
        have->children.push_back(std::move(copy));
        grown.emplace_back(existing - definitions.rootElements.begin(), have->children.size() - 1);
      }
      continue;
    }
    auto equal = std::find_if(definitions.rootElements.begin(), definitions.rootElements.end(),
                              [&](const model::RootElement& r) { return sameKind(r, root) && sameApartFromIds(r, root); });
    // (Not for one holding values or operations: theirs are referred to by id.)
    const auto* xml = std::get_if<model::XmlElement>(&root);
    if (equal != definitions.rootElements.end() && (!xml || xml->children.empty())) {
      ids[id] = rootId(*equal);
      continue;
    }
    carry(id);
    if (xml) {
      std::set<std::string> inner;
      collectXmlIds(xml->children, inner);
      for (const std::string& innerId : inner) carry(innerId);
    }
    added.push_back(root);
  }
  // References among what was carried, renamed.
  for (const auto& [root, child] : grown) {
    rewriteVerbatim(std::get<model::XmlElement>(definitions.rootElements[root]).children[child], ids);
  }
  for (model::RootElement& root : added) {
    if (auto* global = std::get_if<model::GlobalElement>(&root)) {
      global->id = ids.at(global->id);
      if (ids.count(std::string(model::localRef(global->ref)))) global->ref = ids.at(std::string(model::localRef(global->ref)));
    }
    if (auto* other = std::get_if<model::XmlElement>(&root)) rewriteVerbatim(*other, ids);
    prefixes.fix(root);
    definitions.rootElements.push_back(std::move(root));
  }
}

}  // namespace

Clipboard copyElements(const model::Definitions& constDefinitions, int diagram, const std::vector<std::string>& ids) {
  auto& definitions = const_cast<model::Definitions&>(constDefinitions);  // read only below
  Clipboard clipboard;
  const model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return clipboard;
  std::set<std::string> copied;
  // What selected sub-processes hold comes with them, whatever the order of
  // the selection.
  for (const std::string& id : ids) {
    if (const model::FlowElement* element = findFlowElement(definitions, id)) {
      collectContent(element->flowElements, element->artifacts, copied);
    }
  }
  std::vector<const model::FlowElement*> nodes;
  for (const std::string& id : ids) {
    const model::FlowElement* element = findFlowElement(definitions, id);
    // A boundary event comes with its activity or not at all (bpmn.io).
    if (element && element->kind == model::ElementKind::kBoundaryEvent &&
        std::find(ids.begin(), ids.end(), element->attachedToRef) == ids.end()) {
      continue;
    }
    if (element && element->kind != model::ElementKind::kSequenceFlow && !copied.count(id)) {
      nodes.push_back(element);
      copied.insert(id);
      collectContent(element->flowElements, element->artifacts, copied);
    }
  }
  // Boundary events of copied activities and flows between copied nodes
  // (from the scopes of the copied nodes).
  std::set<const std::vector<model::FlowElement>*> scopes;
  for (const auto* node : nodes) scopes.insert(scopeOf(definitions, node->id)->elements);
  for (const auto* scope : scopes) {
    for (const auto& element : *scope) {
      if (element.kind == model::ElementKind::kBoundaryEvent && copied.count(element.attachedToRef) &&
          !copied.count(element.id)) {
        nodes.push_back(&element);
        copied.insert(element.id);
      }
    }
  }
  for (const auto* scope : scopes) {
    for (const auto& element : *scope) {
      if (element.kind == model::ElementKind::kSequenceFlow && copied.count(element.sourceRef) &&
          copied.count(element.targetRef) && !copied.count(element.id)) {
        nodes.push_back(&element);
        copied.insert(element.id);
      }
    }
  }
  for (const auto* node : nodes) clipboard.elements.push_back(*node);
  for (const std::string& id : ids) {
    auto scope = scopeOf(definitions, id);
    if (!scope) continue;
    for (const auto& artifact : *scope->artifacts) {
      if (artifact.id == id && artifact.kind != model::Artifact::Kind::kAssociation && !copied.count(id)) {
        clipboard.artifacts.push_back(artifact);
        copied.insert(id);
      }
    }
  }
  // Associations between copied elements, from the copied elements' scopes.
  for (const std::string& id : std::set<std::string>(copied)) {
    auto scope = scopeOf(definitions, id);
    if (!scope) continue;
    for (const auto& artifact : *scope->artifacts) {
      if (artifact.kind == model::Artifact::Kind::kAssociation && !copied.count(artifact.id) &&
          copied.count(std::string(model::localRef(artifact.sourceRef))) &&
          copied.count(std::string(model::localRef(artifact.targetRef)))) {
        clipboard.artifacts.push_back(artifact);
        copied.insert(artifact.id);
      }
    }
  }
  // What the copy refers to outside itself goes along.
  std::set<std::string> refs;
  for (const auto& element : clipboard.elements) referencesOf(element, refs);
  for (const auto& artifact : clipboard.artifacts) {
    if (!artifact.categoryValueRef.empty()) refs.insert(std::string(model::localRef(artifact.categoryValueRef)));
  }
  for (const std::string& ref : std::set<std::string>(refs)) {
    const model::FlowElement* dataObject = findFlowElement(definitions, ref);
    if (dataObject && dataObject->kind == model::ElementKind::kDataObject && !copied.count(ref)) {
      clipboard.dataObjects.push_back(*dataObject);
      referencesOf(*dataObject, refs);
    }
  }
  clipboard.roots = rootsFor(definitions, refs);
  for (const auto& drawing : definitions.diagrams) {
    if (copied.count(drawing.plane.bpmnElement)) clipboard.planes.push_back(drawing);
  }
  clipboard.namespaces = definitions.namespaces;
  // Data associations inside copied elements are drawn too.
  std::set<std::string> drawn = copied;
  for (const auto& element : clipboard.elements) collectXmlIds(element.otherChildren, drawn);
  for (const auto& di : plane->elements) {
    if (!drawn.count(di.bpmnElement)) continue;
    (di.kind == model::DiElement::Kind::kShape ? clipboard.shapes : clipboard.edges).push_back(di);
  }
  return clipboard;
}

Result<std::string> pasteElements(model::Definitions& definitions, int diagram, const Clipboard& clipboard,
                                  const QPointF& offset) {
  if (clipboard.empty()) return Status::invalidArgument("there is nothing to paste");
  if (!planeOf(definitions, diagram)) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  // Where the copy lands: the scope under the centre of its shapes.
  QRectF area;
  for (const auto& shape : clipboard.shapes) {
    if (shape.bounds) area = area.united(rectOf(*shape.bounds));
  }
  // Not into a copied original (a sub-process pasted beside itself).
  std::set<std::string> originals;
  for (const auto& shape : clipboard.shapes) originals.insert(shape.bpmnElement);
  auto scope = scopeAt(definitions, diagram, area.center() + offset, originals);
  if (!scope) return Status::invalidArgument("pasted flow elements go into a pool: paste inside one");
  std::map<std::string, std::string> ids;
  for (const auto& element : clipboard.elements) renumber(definitions, element, ids);
  for (const auto& artifact : clipboard.artifacts) {
    ids[artifact.id] = newId(definitions, prefixOf(artifact.id).empty() ? "Artifact_" : prefixOf(artifact.id));
  }
  std::string pasted;
  const std::string owner = scope->subProcess ? scope->subProcess->id : scope->process->id;
  // What the copy refers to, from here on through ids (`scope` is stale
  // once roots are added).
  std::map<std::string, std::string> refs = ids;
  Prefixes prefixes(definitions, clipboard.namespaces);
  pasteRoots(definitions, clipboard, prefixes, refs);
  for (model::FlowElement dataObject : clipboard.dataObjects) {
    if (dataObjectVisible(definitions, owner, dataObject.id)) continue;
    refs[dataObject.id] = newId(definitions, model::ElementKind::kDataObject);
    rewrite(dataObject, refs);
    forEachPart(dataObject, [&](model::BaseElement& part) { prefixes.fix(part); });
    scopeOpenedBy(definitions, owner)->elements->push_back(std::move(dataObject));
  }
  std::set<std::string> renamed;
  for (const auto& [old, id] : ids) renamed.insert(id);
  // A compensation throw names an activity of its scope: kept when it is
  // copied along or is there, dropped otherwise.
  std::function<void(model::FlowElement&)> dropDangling = [&](model::FlowElement& element) {
    for (auto& definition : element.eventDefinitions) {
      if (definition.kind == model::EventDefinitionKind::kCompensate && !definition.ref.empty() &&
          !renamed.count(definition.ref) && !findFlowElement(definitions, definition.ref)) {
        definition.ref.clear();
      }
    }
    for (auto& inner : element.flowElements) dropDangling(inner);
  };
  for (model::FlowElement element : clipboard.elements) {
    rewrite(element, refs);
    dropDangling(element);
    forEachPart(element, [&](model::BaseElement& part) { prefixes.fix(part); });
    if (element.kind != model::ElementKind::kSequenceFlow && element.kind != model::ElementKind::kBoundaryEvent) {
      pasted += (pasted.empty() ? "" : "\n") + element.id;
    }
    scopeOpenedBy(definitions, owner)->elements->push_back(std::move(element));
  }
  for (model::Artifact artifact : clipboard.artifacts) {
    artifact.id = ids.at(artifact.id);
    artifact.sourceRef = mapped(ids, std::string(model::localRef(artifact.sourceRef)));
    artifact.targetRef = mapped(ids, std::string(model::localRef(artifact.targetRef)));
    artifact.categoryValueRef = mappedRef(refs, artifact.categoryValueRef);
    prefixes.fix(artifact);
    if (artifact.kind != model::Artifact::Kind::kAssociation) pasted += (pasted.empty() ? "" : "\n") + artifact.id;
    scopeOpenedBy(definitions, owner)->artifacts->push_back(std::move(artifact));
  }
  model::DiPlane* plane = planeOf(definitions, diagram);
  for (model::DiElement di : clipboard.shapes) {
    di.bpmnElement = ids.at(di.bpmnElement);
    di.id = di.bpmnElement + "_di";
    di.bounds->x += offset.x();
    di.bounds->y += offset.y();
    shiftLabel(di, offset);
    prefixes.fix(di);
    plane->elements.push_back(std::move(di));
  }
  std::set<std::string> present;  // data associations left out have no edge
  for (const auto& element : clipboard.elements) present.insert(ids.at(element.id));
  forEachFlowElement(definitions, [&](model::FlowElement& e) {  // a sub-process before its content
    if (!present.count(e.id)) return;
    collectXmlIds(e.otherChildren, present);
    collectContent(e.flowElements, e.artifacts, present);
  });
  for (const auto& artifact : clipboard.artifacts) present.insert(ids.at(artifact.id));
  for (model::DiElement di : clipboard.edges) {
    if (!ids.count(di.bpmnElement) || !present.count(ids.at(di.bpmnElement))) continue;
    di.bpmnElement = ids.at(di.bpmnElement);
    di.id = di.bpmnElement + "_di";
    di.sourceElement.clear();
    di.targetElement.clear();
    for (auto& point : di.waypoints) {
      point.x += offset.x();
      point.y += offset.y();
    }
    shiftLabel(di, offset);
    prefixes.fix(di);
    plane->elements.push_back(std::move(di));
  }
  // The copies' own diagrams, with ids of their own, where they were.
  for (const model::Diagram& original : clipboard.planes) {
    if (!ids.count(original.plane.bpmnElement)) continue;
    model::Diagram drawing;
    drawing.id = newId(definitions, std::string("BPMNDiagram_"));
    drawing.plane.id = newId(definitions, std::string("BPMNPlane_"));
    drawing.plane.bpmnElement = ids.at(original.plane.bpmnElement);
    for (model::DiElement di : original.plane.elements) {
      if (!ids.count(di.bpmnElement) || !present.count(ids.at(di.bpmnElement))) continue;
      di.bpmnElement = ids.at(di.bpmnElement);
      di.id = di.bpmnElement + "_di";
      di.sourceElement.clear();
      di.targetElement.clear();
      shiftLabel(di, {});
      prefixes.fix(di);
      drawing.plane.elements.push_back(std::move(di));
    }
    definitions.diagrams.push_back(std::move(drawing));
  }
  for (const auto& [old, id] : ids) assignLane(definitions, diagram, id);
  return pasted;
}

}  // namespace bpmn::modeler

// validate(): builds the id index and the scopes, runs the three rule
// families, and returns their findings in source order.
#include "bpmn/validator.h"

#include <algorithm>

#include "bpmn/model/namespaces.h"
#include "model/validation_context.h"

namespace bpmn {
namespace validation {

using namespace model;

Context::Context(const Definitions& definitions, std::string_view file, bool executionRules)
    : definitions_(definitions), file_(file), executionRules_(executionRules) {
  indexBase(definitions, "definitions");
  for (const auto& root : definitions.rootElements) {
    if (const auto* process = std::get_if<Process>(&root)) {
      indexBase(*process, "process");
      for (const auto& laneSet : process->laneSets) {
        // Lanes nest through child lane sets; walk them with a worklist.
        std::vector<const LaneSet*> pending{&laneSet};
        while (!pending.empty()) {
          const LaneSet* current = pending.back();
          pending.pop_back();
          indexBase(*current, "laneSet");
          for (const auto& lane : current->lanes) {
            indexBase(lane, "lane");
            for (const auto& child : lane.childLaneSets) pending.push_back(&child);
          }
        }
      }
      scopes_.push_back(Scope{"process", process->id, &process->flowElements, &process->artifacts, nullptr, process,
                              process->executable()});
      indexScope(scopes_.back());
    } else if (const auto* collaboration = std::get_if<Collaboration>(&root)) {
      indexBase(*collaboration, "collaboration");
      for (const auto& participant : collaboration->participants) indexBase(participant, "participant");
      for (const auto& flow : collaboration->messageFlows) indexBase(flow, "messageFlow");
      for (const auto& artifact : collaboration->artifacts) indexBase(artifact, "artifact");
    } else if (const auto* global = std::get_if<GlobalElement>(&root)) {
      if (!global->id.empty()) {
        Indexed entry;
        entry.global = global;
        indexId(global->id, globalKindName(global->kind), global->location, entry);
      }
      indexBase(*global, {});
    } else if (const auto* verbatim = std::get_if<XmlElement>(&root)) {
      indexVerbatim(*verbatim);
    }
  }
  for (const auto& diagram : definitions.diagrams) {
    indexId(diagram.id, "BPMNDiagram", diagram.location, {});
    indexId(diagram.plane.id, "BPMNPlane", diagram.location, {});
    for (const auto& element : diagram.plane.elements) {
      indexId(element.id, element.kind == DiElement::Kind::kShape ? "BPMNShape" : "BPMNEdge", element.location, {});
      if (element.label) indexId(element.label->id, "BPMNLabel", element.location, {});
    }
    for (const auto& child : diagram.otherChildren) indexVerbatim(child);
  }
}

void Context::indexScope(const Scope& scope) {
  for (const auto& element : *scope.elements) {
    Indexed entry;
    entry.flowElement = &element;
    entry.scope = &scope;
    indexId(element.id, elementKindName(element.kind), element.location, entry);
    indexBase(element, {});
    for (const auto& definition : element.eventDefinitions) {
      indexBase(definition, eventDefinitionKindName(definition.kind));
    }
    if (element.loop) indexBase(*element.loop, {});
  }
  for (const auto& artifact : *scope.artifacts) indexBase(artifact, "artifact");
  for (const auto& element : *scope.elements) {
    if (!isSubProcessKind(element.kind)) continue;
    scopes_.push_back(Scope{elementKindName(element.kind), element.id, &element.flowElements, &element.artifacts,
                            &element, scope.process, scope.executable});
    indexScope(scopes_.back());
  }
}

// Registers the id of a typed element's id-carrying parts that are not
// indexed as flow elements: documentation, verbatim children.
void Context::indexBase(const BaseElement& element, std::string_view type) {
  if (!type.empty()) indexId(element.id, type, element.location, {});
  for (const auto& documentation : element.documentation) {
    indexId(documentation.id, "documentation", element.location, {});
  }
  for (const auto& child : element.otherChildren) indexVerbatim(child);
}

// Verbatim BPMN and DI content carries XSD ids too (ioSpecification's data
// inputs, item definitions, ...). Vendor namespaces' "id" attributes are
// not XSD ids and may repeat (Signavio stencils do).
void Context::indexVerbatim(const XmlElement& element) {
  if (element.isText()) return;
  const bool standard = element.nsUri == ns::kBpmn || element.nsUri == ns::kBpmnDi || element.nsUri == ns::kDc ||
                        element.nsUri == ns::kDi;
  if (!standard) return;
  indexId(element.attribute("id"), element.localName(), element.location, {});
  for (const auto& child : element.children) indexVerbatim(child);
}

void Context::indexId(std::string_view id, std::string_view type, const SourceLocation& where, Indexed entry) {
  if (id.empty()) return;
  entry.type = type;
  entry.location = where;
  auto [it, inserted] = index_.emplace(id, entry);
  if (inserted) return;
  error(where, type, id,
        "duplicate id \"" + std::string(id) + "\" (first defined at line " + std::to_string(it->second.location.line) +
            ")");
}

const Indexed* Context::find(std::string_view id) const {
  auto it = index_.find(localRef(id));
  return it == index_.end() ? nullptr : &it->second;
}

void Context::error(const SourceLocation& where, std::string_view type, std::string_view id, std::string message) {
  diagnostics_.push_back(
      {Severity::kError, file_, where.line, where.column, std::string(type), std::string(id), std::move(message)});
}

void Context::warning(const SourceLocation& where, std::string_view type, std::string_view id, std::string message) {
  diagnostics_.push_back(
      {Severity::kWarning, file_, where.line, where.column, std::string(type), std::string(id), std::move(message)});
}

void Context::report(const FlowElement& element, Severity severity, std::string message) {
  if (severity == Severity::kError) {
    error(element.location, elementKindName(element.kind), element.id, std::move(message));
  } else {
    warning(element.location, elementKindName(element.kind), element.id, std::move(message));
  }
}

std::vector<Diagnostic> Context::take() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return std::move(diagnostics_);
}

std::string describeScope(const Scope& scope) { return std::string(scope.type) + " \"" + std::string(scope.id) + "\""; }

std::string withArticle(std::string_view type) {
  const bool vowel = !type.empty() && std::string_view("aeioAEIO").find(type.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(type);
}

bool isUntypedFlowNode(std::string_view localName) {
  return localName == "choreographyTask" || localName == "callChoreography" || localName == "subChoreography" ||
         localName == "implicitThrowEvent";
}

std::string quotedList(const std::vector<std::string_view>& ids) {
  std::string text = "(";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) text += ", ";
    text += "\"" + std::string(ids[i]) + "\"";
  }
  return text + ")";
}

}  // namespace validation

std::vector<Diagnostic> validate(const model::Definitions& definitions, std::string_view fileName,
                                 const ValidationOptions& options) {
  validation::Context context(definitions, fileName, options.executionRules);
  validation::checkReferences(context);
  validation::checkStructure(context);
  validation::checkExecution(context);
  return context.take();
}

}  // namespace bpmn

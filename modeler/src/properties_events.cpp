// Executable details of events (properties.h): timers, and the messages,
// signals, errors and escalations events (and receive and send tasks)
// refer to.
#include <algorithm>

#include "bpmn/model/namespaces.h"
#include "editing.h"
#include "properties.h"
#include "properties_panel.h"

namespace bpmn::modeler {

using model::ElementKind;
using model::EventDefinitionKind;
using GlobalKind = model::GlobalElement::Kind;

namespace {

model::EventDefinition* definitionOf(model::FlowElement& element, EventDefinitionKind kind) {
  for (auto& definition : element.eventDefinitions) {
    if (definition.kind == kind) return &definition;
  }
  return nullptr;
}

const model::EventDefinition* definitionOf(const model::FlowElement& element, EventDefinitionKind kind) {
  return definitionOf(const_cast<model::FlowElement&>(element), kind);
}

EventDefinitionKind definitionKindOf(GlobalKind kind) {
  switch (kind) {
    case GlobalKind::kMessage:
      return EventDefinitionKind::kMessage;
    case GlobalKind::kSignal:
      return EventDefinitionKind::kSignal;
    case GlobalKind::kError:
      return EventDefinitionKind::kError;
    case GlobalKind::kEscalation:
      return EventDefinitionKind::kEscalation;
  }
  return EventDefinitionKind::kMessage;
}

std::string idPrefix(GlobalKind kind) {
  switch (kind) {
    case GlobalKind::kMessage:
      return "Message_";
    case GlobalKind::kSignal:
      return "Signal_";
    case GlobalKind::kError:
      return "Error_";
    case GlobalKind::kEscalation:
      return "Escalation_";
  }
  return "Global_";
}

bool hasCode(GlobalKind kind) { return kind == GlobalKind::kError || kind == GlobalKind::kEscalation; }

// Where the element keeps its reference: a task's messageRef, else the ref
// of its first event definition of the kind.
std::string* referenceSlot(model::FlowElement& element, GlobalKind kind) {
  if (element.kind == ElementKind::kReceiveTask || element.kind == ElementKind::kSendTask) return &element.messageRef;
  model::EventDefinition* definition = definitionOf(element, definitionKindOf(kind));
  return definition ? &definition->ref : nullptr;
}

model::GlobalElement* findGlobal(model::Definitions& definitions, GlobalKind kind, std::string_view id) {
  for (auto& root : definitions.rootElements) {
    auto* global = std::get_if<model::GlobalElement>(&root);
    if (global && global->kind == kind && global->id == id) return global;
  }
  return nullptr;
}

// How many elements refer to the root element `id`: event definitions,
// tasks' and message flows' messageRef.
int referencesTo(const model::Definitions& definitions, const std::string& id) {
  int count = 0;
  auto visit = [&](const auto& self, const std::vector<model::FlowElement>& elements) -> void {
    for (const auto& element : elements) {
      if (model::localRef(element.messageRef) == id) ++count;
      for (const auto& definition : element.eventDefinitions) {
        if (model::localRef(definition.ref) == id) ++count;
      }
      self(self, element.flowElements);
    }
  };
  for (const auto* process : definitions.processes()) visit(visit, process->flowElements);
  for (const auto* collaboration : definitions.collaborations()) {
    for (const auto& flow : collaboration->messageFlows) {
      if (model::localRef(flow.messageRef) == id) ++count;
    }
  }
  return count;
}

// What an element refers to and where it keeps the reference: a flow
// element's (referenceSlot), or a message flow's messageRef.
struct Slot {
  GlobalKind kind;
  std::string* ref;
};

std::optional<Slot> slotOf(model::Definitions& definitions, const std::string& elementId) {
  if (model::FlowElement* element = findFlowElement(definitions, elementId)) {
    const auto kind = referenceKind(*element);
    if (!kind) return std::nullopt;
    std::string* ref = referenceSlot(*element, *kind);
    if (!ref) return std::nullopt;
    return Slot{*kind, ref};
  }
  for (auto& root : definitions.rootElements) {
    auto* collaboration = std::get_if<model::Collaboration>(&root);
    if (!collaboration) continue;
    for (auto& flow : collaboration->messageFlows) {
      if (flow.id == elementId) return Slot{GlobalKind::kMessage, &flow.messageRef};
    }
  }
  return std::nullopt;
}

}  // namespace

// ---- Timers -------------------------------------------------------------------

bool hasTimer(const model::FlowElement& element) {
  return model::isCatchEvent(element.kind) && definitionOf(element, EventDefinitionKind::kTimer) != nullptr;
}

TimerDetails timer(const model::FlowElement& element) {
  const model::EventDefinition* definition = definitionOf(element, EventDefinitionKind::kTimer);
  if (!definition) return {};
  if (definition->timeDate) return {TimerKind::kDate, QString::fromStdString(definition->timeDate->body)};
  if (definition->timeDuration) return {TimerKind::kDuration, QString::fromStdString(definition->timeDuration->body)};
  if (definition->timeCycle) return {TimerKind::kCycle, QString::fromStdString(definition->timeCycle->body)};
  return {};
}

void setTimer(model::Definitions& definitions, model::FlowElement& element, const TimerDetails& details) {
  model::EventDefinition* definition = definitionOf(element, EventDefinitionKind::kTimer);
  if (!definition) return;
  // The expression written before (its id and attributes) moves to the new
  // kind's slot.
  std::optional<model::Expression> kept;
  for (auto* slot : {&definition->timeDate, &definition->timeDuration, &definition->timeCycle}) {
    if (*slot && !kept) kept = std::move(**slot);
    slot->reset();
  }
  if (details.kind == TimerKind::kNone) return;
  model::Expression expression = kept ? std::move(*kept) : formalExpression(definitions, {});
  expression.body = details.value.trimmed().toStdString();
  switch (details.kind) {
    case TimerKind::kDate:
      definition->timeDate = std::move(expression);
      break;
    case TimerKind::kDuration:
      definition->timeDuration = std::move(expression);
      break;
    case TimerKind::kCycle:
      definition->timeCycle = std::move(expression);
      break;
    case TimerKind::kNone:
      break;
  }
}

// ---- Messages, signals, errors, escalations -----------------------------------

std::optional<GlobalKind> referenceKind(const model::FlowElement& element) {
  if (element.kind == ElementKind::kReceiveTask || element.kind == ElementKind::kSendTask) return GlobalKind::kMessage;
  if (!model::isEvent(element.kind)) return std::nullopt;
  for (const auto& definition : element.eventDefinitions) {
    switch (definition.kind) {
      case EventDefinitionKind::kMessage:
        return GlobalKind::kMessage;
      case EventDefinitionKind::kSignal:
        return GlobalKind::kSignal;
      case EventDefinitionKind::kError:
        return GlobalKind::kError;
      case EventDefinitionKind::kEscalation:
        return GlobalKind::kEscalation;
      default:
        break;
    }
  }
  return std::nullopt;
}

ReferenceDetails referenceDetails(const model::Definitions& definitions, const model::FlowElement& element) {
  return referenceDetails(definitions, element.id);
}

ReferenceDetails referenceDetails(const model::Definitions& definitions, const std::string& elementId) {
  auto& mutableDefinitions = const_cast<model::Definitions&>(definitions);
  const auto slot = slotOf(mutableDefinitions, elementId);
  if (!slot || slot->ref->empty()) return {};
  const model::GlobalElement* global = findGlobal(mutableDefinitions, slot->kind, model::localRef(*slot->ref));
  if (!global) return {};
  ReferenceDetails details;
  details.name = QString::fromStdString(global->name);
  details.code = QString::fromStdString(global->code);
  if (auto key = model::vendor::correlationKey(*global)) details.correlationKey = QString::fromStdString(*key);
  return details;
}

std::vector<std::string> referenceNames(const model::Definitions& definitions, GlobalKind kind) {
  std::vector<std::string> names;
  for (const model::GlobalElement* global : definitions.globals(kind)) {
    if (!global->name.empty() && std::find(names.begin(), names.end(), global->name) == names.end()) {
      names.push_back(global->name);
    }
  }
  return names;
}

Result<std::string> setReference(model::Definitions& definitions, const std::string& elementId,
                                 const ReferenceDetails& details, bool keepReused) {
  auto slot = slotOf(definitions, elementId);
  if (!slot) {
    if (!findFlowElement(definitions, elementId)) return Status::notFound("no element " + elementId);
    return Status::invalidArgument(elementId + " refers to no message, signal, error or escalation");
  }
  const std::optional<GlobalKind> kind = slot->kind;
  std::string* ref = slot->ref;
  const std::string name = details.name.trimmed().toStdString();
  const std::string code = hasCode(*kind) ? details.code.trimmed().toStdString() : std::string();
  if (name.empty() && code.empty()) {
    ref->clear();
    return std::string();
  }
  // The same message or signal has the same name; the same error or
  // escalation the same code (or, without codes, the same name).
  auto same = [&](const model::GlobalElement& global) {
    if (global.kind != *kind) return false;
    if (!code.empty()) return global.code == code;
    return global.name == name && global.code.empty();
  };
  model::GlobalElement* target = nullptr;
  for (auto& root : definitions.rootElements) {
    auto* global = std::get_if<model::GlobalElement>(&root);
    if (global && same(*global)) {
      target = global;
      break;
    }
  }
  const std::string current(model::localRef(*ref));
  if (target && target->id != current && keepReused) {
    *ref = target->id;
    return target->id;
  }
  if (!target && !current.empty() && referencesTo(definitions, current) == 1) {
    target = findGlobal(definitions, *kind, current);
  }
  if (!target) {
    model::GlobalElement created;
    created.kind = *kind;
    created.id = newId(definitions, idPrefix(*kind));
    definitions.rootElements.emplace_back(std::move(created));
    target = &std::get<model::GlobalElement>(definitions.rootElements.back());
    ref = slotOf(definitions, elementId)->ref;  // the vector may have moved
  }
  target->name = name;
  if (hasCode(*kind)) target->code = code;
  if (*kind == GlobalKind::kMessage) {
    const std::string key = details.correlationKey.trimmed().toStdString();
    if (key.empty()) {
      removeZeebeExtension(*target, "subscription");
    } else {
      setXmlAttribute(*zeebeExtension(definitions, *target, "subscription", true), "correlationKey", key);
    }
  }
  *ref = target->id;
  return target->id;
}

std::optional<bool> interrupting(const model::FlowElement& element) {
  if (element.kind != ElementKind::kBoundaryEvent) return std::nullopt;
  const auto kind = element.eventKind();
  if (kind == EventDefinitionKind::kError || kind == EventDefinitionKind::kCancel ||
      kind == EventDefinitionKind::kCompensate) {
    return std::nullopt;
  }
  return element.cancelActivity.value_or(true);
}

void setInterrupting(model::FlowElement& element, bool interrupting) {
  if (!modeler::interrupting(element)) return;
  // Interrupting is the default: the attribute is written only to say
  // "false", or kept as the file had it.
  element.cancelActivity = interrupting && !element.cancelActivity ? std::nullopt : std::optional<bool>(interrupting);
}

void PropertiesPanel::commitInterrupting() {
  const bool checked = interrupting_->isChecked();
  edit(checked ? tr("Make %1 interrupting") : tr("Make %1 non-interrupting"),
       [&](model::Definitions&, model::FlowElement& element) { setInterrupting(element, checked); });
}

}  // namespace bpmn::modeler

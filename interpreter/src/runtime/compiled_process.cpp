#include "runtime/compiled_process.h"

#include <algorithm>
#include <set>

#include "bpmn/model/namespaces.h"
#include "bpmn/model/vendor.h"

namespace bpmn::runtime {
namespace {

using model::ElementKind;
using model::FlowElement;

class Compiler {
 public:
  Compiler(CompiledProcess& process, std::string_view fileName, std::vector<Diagnostic>& diagnostics)
      : process_(process), fileName_(fileName), diagnostics_(diagnostics) {}

  void scope(const std::string& id, const std::vector<FlowElement>& elements,
             const std::vector<model::Artifact>& artifacts, bool eventSubProcess = false) {
    CompiledScope compiled;
    compiled.id = id;
    compiled.elements = &elements;
    compiled.graph = graph::ProcessGraph::build(elements, artifacts);
    process_.scopes.emplace(id, std::move(compiled));
    eventSubProcess_ = eventSubProcess;
    for (const auto& element : elements) {
      if (element.kind == ElementKind::kSequenceFlow) {
        flow(element);
      } else if (isFlowNode(element.kind)) {
        node(id, element);
      }
    }
    for (const auto& element : elements) {
      if (element.kind != ElementKind::kBoundaryEvent) continue;
      auto host = process_.elements.find(element.attachedToRef);
      if (host != process_.elements.end()) host->second.boundaries.push_back(&element);
    }
    for (const auto& element : elements) {
      if (element.kind != ElementKind::kSequenceFlow) continue;
      auto source = process_.elements.find(element.sourceRef);
      auto target = process_.elements.find(element.targetRef);
      if (source != process_.elements.end()) source->second.outgoing.push_back(&element);
      if (target != process_.elements.end()) target->second.incoming.push_back(&element);
    }
    for (const auto& element : elements) {
      if (isSubProcessKind(element.kind)) {
        scope(element.id, element.flowElements, element.artifacts, element.isEventSubProcess());
      }
    }
  }

 private:
  void error(const FlowElement& element, std::string message) {
    diagnostics_.push_back({Severity::kError, std::string(fileName_), element.location.line, element.location.column,
                            std::string(elementKindName(element.kind)), element.id, std::move(message)});
  }

  std::optional<FeelExpression> expression(const FlowElement& element, const std::string& text, const char* what) {
    auto compiled = FeelExpression::compileCondition(text);
    if (!compiled.isOk()) {
      error(element, std::string(what) + ": " + compiled.status().message());
      return std::nullopt;
    }
    return compiled.value();
  }

  void flow(const FlowElement& flow) {
    if (!flow.conditionExpression) return;
    if (auto condition = expression(flow, flow.conditionExpression->body, "condition")) {
      process_.conditions.emplace(flow.id, std::move(*condition));
    }
  }

  std::vector<Mapping> mappings(const FlowElement& element, const std::vector<model::vendor::Mapping>& list,
                                const char* what) {
    std::vector<Mapping> result;
    for (const auto& mapping : list) {
      // "=..." is FEEL and "${...}" JUEL; anything else is a literal text,
      // as Zeebe and Camunda 7 read a mapping's source.
      std::string source = mapping.source;
      const auto start = source.find_first_not_of(" \t\r\n");
      const bool expressionText =
          start != std::string::npos &&
          (source[start] == '=' || source.compare(start, 2, "${") == 0 || source.compare(start, 2, "#{") == 0);
      if (source.empty()) {
        source = "null";
      } else if (!expressionText) {
        std::string quoted = "\"";
        for (char c : mapping.source) {
          if (c == '"' || c == '\\') quoted += '\\';
          quoted += c;
        }
        source = quoted + "\"";
      }
      if (auto compiled = expression(element, source, what)) result.push_back({std::move(*compiled), mapping.target});
    }
    return result;
  }

  void node(const std::string& scopeId, const FlowElement& element) {
    CompiledElement compiled;
    compiled.element = &element;
    compiled.scopeId = scopeId;
    const std::string kind(elementKindName(element.kind));
    auto refuse = [&](const std::string& what) {
      error(element, what + " is not executable by this engine; remove it or deploy to an engine that runs it");
    };
    if (element.loop) compiled.loop = loop(element);
    if (isOne(element, model::EventDefinitionKind::kConditional)) {
      const auto& condition = element.eventDefinitions.front().condition;
      if (!condition || condition->body.find_first_not_of(" \t\r\n") == std::string::npos) {
        error(element, "conditional event has no condition");
      } else {
        compiled.eventCondition = expression(element, condition->body, "condition");
      }
    }
    switch (element.kind) {
      case ElementKind::kStartEvent:
        // A signal start event at the process level; errors and escalations
        // only to start an event sub-process.
        if (!eventSubProcess_ && scopeId == process_.id &&
            (isOne(element, model::EventDefinitionKind::kSignal) ||
             isOne(element, model::EventDefinitionKind::kMessage) ||
             isOne(element, model::EventDefinitionKind::kConditional) ||
             isOne(element, model::EventDefinitionKind::kTimer))) {
          break;
        }
        if (eventSubProcess_ && isOne(element, model::EventDefinitionKind::kCompensate)) {
          compensationStarts_.push_back({&element, scopeId});
          break;
        }
        if (!element.eventDefinitions.empty() &&
            !(eventSubProcess_ && ((isError(element) && element.isInterrupting.value_or(true)) ||
                                   isOne(element, model::EventDefinitionKind::kEscalation) ||
                                   isOne(element, model::EventDefinitionKind::kTimer) ||
                                   isOne(element, model::EventDefinitionKind::kMessage) ||
                                   isOne(element, model::EventDefinitionKind::kConditional) ||
                                   isOne(element, model::EventDefinitionKind::kSignal)))) {
          refuse("a " + definitionName(element) + " start event");
        }
        break;
      case ElementKind::kEndEvent:
        if (!element.eventDefinitions.empty() && element.eventKind() != model::EventDefinitionKind::kTerminate &&
            !isError(element) && !isOne(element, model::EventDefinitionKind::kEscalation) &&
            !isOne(element, model::EventDefinitionKind::kCompensate) &&
            !isOne(element, model::EventDefinitionKind::kCancel) &&
            !isOne(element, model::EventDefinitionKind::kMessage) &&
            !isOne(element, model::EventDefinitionKind::kSignal)) {
          if (!catchOnly(element, "end")) refuse("a " + definitionName(element) + " end event");
        }
        if (isOne(element, model::EventDefinitionKind::kMessage)) throwMessage(element, compiled);
        if (isOne(element, model::EventDefinitionKind::kCancel)) cancels_.push_back({&element, scopeId});
        break;
      case ElementKind::kIntermediateThrowEvent:
        if (!element.eventDefinitions.empty() && !isOne(element, model::EventDefinitionKind::kLink) &&
            !isOne(element, model::EventDefinitionKind::kEscalation) &&
            !isOne(element, model::EventDefinitionKind::kCompensate) &&
            !isOne(element, model::EventDefinitionKind::kMessage) &&
            !isOne(element, model::EventDefinitionKind::kSignal)) {
          if (!catchOnly(element, "throw")) refuse("a " + definitionName(element) + " throw event");
        }
        if (isOne(element, model::EventDefinitionKind::kMessage)) throwMessage(element, compiled);
        break;
      case ElementKind::kBoundaryEvent:
        if (isOne(element, model::EventDefinitionKind::kCancel)) cancels_.push_back({&element, element.attachedToRef});
        if (!isError(element) && !isOne(element, model::EventDefinitionKind::kTimer) &&
            !isOne(element, model::EventDefinitionKind::kCompensate) &&
            !isOne(element, model::EventDefinitionKind::kCancel) &&
            !isOne(element, model::EventDefinitionKind::kConditional) &&
            !isOne(element, model::EventDefinitionKind::kEscalation) &&
            !isOne(element, model::EventDefinitionKind::kSignal) &&
            !isOne(element, model::EventDefinitionKind::kMessage)) {
          if (element.eventDefinitions.empty()) {
            error(element, "a boundary event needs an event definition: a none boundary event never triggers");
          } else {
            refuse("a " + definitionName(element) + " boundary event");
          }
        }
        break;
      case ElementKind::kIntermediateCatchEvent:
        if (!isOne(element, model::EventDefinitionKind::kTimer) && !isOne(element, model::EventDefinitionKind::kLink) &&
            !isOne(element, model::EventDefinitionKind::kSignal) &&
            !isOne(element, model::EventDefinitionKind::kConditional) &&
            !isOne(element, model::EventDefinitionKind::kMessage)) {
          refuse("a " + definitionName(element) + " catch event");
        }
        break;
      case ElementKind::kEventBasedGateway:
        eventGateways_.push_back(&element);
        break;
      case ElementKind::kReceiveTask:
        break;
      case ElementKind::kComplexGateway:
        if (element.activationCondition) {
          compiled.activation = expression(element, element.activationCondition->body, "activation condition");
        }
        break;
      case ElementKind::kCallActivity: {
        auto called = model::vendor::calledElement(element);
        if (!called || called->processId.empty()) {
          error(element, "call activity names no process to call (calledElement or zeebe:calledElement)");
        } else if (called->processId.starts_with("=")) {
          refuse("a call activity with a computed process id");
        } else {
          compiled.calledProcessId = called->processId;
          compiled.propagateAllChildVariables = called->propagateAllChildVariables;
          compiled.propagateAllParentVariables = called->propagateAllParentVariables;
          compiled.calledVersion = called->version;
          compiled.callInputs = mappings(element, called->inputs, "camunda:in");
          compiled.callOutputs = mappings(element, called->outputs, "camunda:out");
        }
        break;
      }
      case ElementKind::kTransaction:
        break;
      case ElementKind::kAdHocSubProcess:
        if (auto active = model::vendor::adHocActiveElements(element)) {
          compiled.activeElements = expression(element, *active, "active elements collection");
        }
        if (element.completionCondition) {
          compiled.adHocCompletion = expression(element, element.completionCondition->body, "completion condition");
        }
        compiled.cancelRemaining = element.cancelRemainingInstances.value_or(true);
        compiled.sequential = element.ordering == "Sequential";
        break;
      case ElementKind::kSubProcess:
        break;  // an event sub-process is checked through its start event
      case ElementKind::kSendTask:
        // A send task without a job type that names a message or has a
        // drawn message flow sends itself; otherwise a worker does (its job
        // type defaults to its id).
        if (!model::vendor::taskDefinition(element) && (!element.messageRef.empty() || !targets(element).empty())) {
          throwMessage(element, compiled);
        } else {
          job(element, compiled);
        }
        break;
      case ElementKind::kServiceTask:
      case ElementKind::kBusinessRuleTask:
        job(element, compiled);
        break;
      case ElementKind::kScriptTask:
        script(element, compiled);
        break;
      case ElementKind::kTask:
      case ElementKind::kManualTask:
      case ElementKind::kUserTask:
      case ElementKind::kExclusiveGateway:
      case ElementKind::kParallelGateway:
      case ElementKind::kInclusiveGateway:
        break;
      case ElementKind::kSequenceFlow:
      case ElementKind::kDataObject:
      case ElementKind::kDataObjectReference:
      case ElementKind::kDataStoreReference:
        return;
    }
    auto io = model::vendor::ioMapping(element);
    compiled.inputs = mappings(element, io.inputs, "input mapping");
    compiled.outputs = mappings(element, io.outputs, "output mapping");
    process_.elements.emplace(element.id, std::move(compiled));
  }

 public:
  // A complex gateway that joins needs its activation condition; checked
  // once the incoming flows are known.
  // SPEC §13.4.5: what follows an event-based gateway is a catch event or
  // a receive task; of those, the kinds this engine subscribes to.
  void checkEventBasedGateways() {
    for (const FlowElement* gateway : eventGateways_) {
      for (const auto* flow : process_.element(gateway->id).outgoing) {
        auto target = process_.elements.find(flow->targetRef);
        if (target == process_.elements.end()) continue;
        const FlowElement& event = *target->second.element;
        const bool subscribable =
            event.kind == ElementKind::kReceiveTask ||
            (event.kind == ElementKind::kIntermediateCatchEvent &&
             (isOne(event, model::EventDefinitionKind::kTimer) ||
              isOne(event, model::EventDefinitionKind::kConditional) ||
              isOne(event, model::EventDefinitionKind::kMessage) || isOne(event, model::EventDefinitionKind::kSignal)));
        if (!subscribable) {
          error(*gateway, "event-based gateway leads to \"" + event.id +
                              "\", which is not a timer, message or signal catch event or a receive task");
        }
      }
    }
  }

  // SPEC §10.7.1: a compensation boundary event is associated with the
  // activity that compensates its host.
  void linkCompensationHandlers() {
    for (const auto& [scopeId, scope] : process_.scopes) {
      for (const auto& element : *scope.elements) {
        if (element.kind != ElementKind::kBoundaryEvent || !isOne(element, model::EventDefinitionKind::kCompensate)) {
          continue;
        }
        auto host = process_.elements.find(element.attachedToRef);
        std::string handler;
        for (const auto& edge : scope.graph.edges()) {
          if (edge.kind == graph::EdgeKind::kCompensation && scope.graph.node(edge.source).element == &element) {
            handler = scope.graph.node(edge.target).element->id;
          }
        }
        if (handler.empty()) {
          error(element, "compensation boundary event has no association to a compensation handler");
        } else if (host != process_.elements.end()) {
          host->second.compensationHandler = handler;
        }
      }
    }
  }

  // Correlation keys of every message, compiled once.
  void messageKeys() {
    const auto& definitions = process_.definitions;
    for (const auto* message : definitions.globals(model::GlobalElement::Kind::kMessage)) {
      MessageKey key;
      if (auto zeebe = model::vendor::correlationKey(*message)) {
        key.text = *zeebe;
        if (zeebe->starts_with("=")) {
          auto compiled = FeelExpression::compile(std::string_view(*zeebe).substr(1));
          if (!compiled.isOk()) {
            messageError(*message, "correlation key " + *zeebe + ": " + compiled.status().message());
            continue;
          }
          key.expressions.push_back(compiled.value());
        } else {
          key.literal = *zeebe;
        }
        process_.messageKeys.emplace(message->id, std::move(key));
        continue;
      }
      // SPEC §8.3.2 (Correlation): a correlationProperty's retrieval
      // expression for this message, read as FEEL over the variables.
      for (const auto& root : definitions.rootElements) {
        const auto* property = std::get_if<model::XmlElement>(&root);
        if (!property || !property->is(ns::kBpmn, "correlationProperty")) continue;
        for (const auto& retrieval : property->children) {
          if (!retrieval.is(ns::kBpmn, "correlationPropertyRetrievalExpression") ||
              model::localRef(retrieval.attribute("messageRef")) != message->id) {
            continue;
          }
          for (const auto& path : retrieval.children) {
            if (!path.is(ns::kBpmn, "messagePath")) continue;
            const std::string text = path.textContent();
            auto compiled = FeelExpression::compileCondition(text);
            if (!compiled.isOk()) {
              messageError(*message, "messagePath \"" + text + "\" of correlationProperty \"" +
                                         std::string(property->attribute("id")) + "\": " + compiled.status().message());
              continue;
            }
            key.text += (key.text.empty() ? "" : ", ") + text;
            key.expressions.push_back(compiled.value());
          }
        }
      }
      process_.messageKeys.emplace(message->id, std::move(key));
    }
  }

  void messageError(const model::GlobalElement& message, std::string text) {
    diagnostics_.push_back({Severity::kError, std::string(fileName_), message.location.line, message.location.column,
                            "message", message.id, std::move(text)});
  }

  // SPEC §10.7.1: an event sub-process with a compensation start event
  // compensates the sub-process it lies in, once that has completed; at the
  // process level there is nothing to compensate it after.
  void linkCompensationEventSubProcesses() {
    for (const auto& [start, eventSubProcessId] : compensationStarts_) {
      const std::string& hostId = process_.element(eventSubProcessId).scopeId;
      auto host = process_.elements.find(hostId);
      if (host == process_.elements.end() || !isSubProcessKind(host->second.element->kind)) {
        error(*start,
              "a compensation event sub-process must lie in a sub-process (the process itself is never "
              "compensated)");
        continue;
      }
      host->second.compensationEventSubProcess = eventSubProcessId;
    }
  }

  // SPEC §10.5.2 (Cancel): a cancel end event lies in a transaction, and a
  // cancel boundary event is attached to one.
  void checkCancelEvents() {
    for (const auto& [event, transactionId] : cancels_) {
      auto transaction = process_.elements.find(transactionId);
      if (transaction == process_.elements.end() || transaction->second.element->kind != ElementKind::kTransaction) {
        error(*event, event->kind == ElementKind::kEndEvent
                          ? "a cancel end event must lie in a transaction sub-process"
                          : "a cancel boundary event must be attached to a transaction sub-process");
        continue;
      }
      // Cancelling triggers "a Cancel Intermediate Event attached to the
      // boundary of the Sub-Process" (§10.5.2): without one, the
      // transaction would end with nowhere to go.
      const auto& boundaries = transaction->second.boundaries;
      if (event->kind == ElementKind::kEndEvent &&
          std::none_of(boundaries.begin(), boundaries.end(), [](const FlowElement* boundary) {
            return boundary->eventKind() == model::EventDefinitionKind::kCancel;
          })) {
        error(*event, "a cancel end event needs a cancel boundary event on its transaction \"" + transactionId +
                          "\" to leave by");
      }
    }
  }

  void checkComplexGateways() {
    for (const auto& [id, compiled] : process_.elements) {
      if (compiled.element->kind == ElementKind::kComplexGateway && compiled.incoming.size() > 1 &&
          !compiled.activation) {
        error(*compiled.element, "a joining complex gateway needs an activationCondition (BPMN 2.0.2 §13.4.4)");
      }
    }
  }

 private:
  static bool isOne(const FlowElement& element, model::EventDefinitionKind kind) {
    return element.eventDefinitions.size() == 1 && element.eventKind() == kind;
  }

  // Timers and conditions are only ever caught (BPMN 2.0.2 Table 10.89):
  // a throw or end event with one is a modelling error, reported as such.
  bool catchOnly(const FlowElement& element, const char* what) {
    if (!isOne(element, model::EventDefinitionKind::kTimer) &&
        !isOne(element, model::EventDefinitionKind::kConditional)) {
      return false;
    }
    error(element, "a " + definitionName(element) + " event can only be caught; there is no " +
                       definitionName(element) + " " + what + " event in BPMN 2.0.2");
    return true;
  }

  static bool isError(const FlowElement& element) {
    return element.eventDefinitions.size() == 1 && element.eventKind() == model::EventDefinitionKind::kError;
  }

  static std::string definitionName(const FlowElement& element) {
    if (element.eventDefinitions.empty()) return "none";
    std::string name(model::eventDefinitionKindName(*element.eventKind()));
    return name.substr(0, name.size() - std::string_view("EventDefinition").size());
  }

  // The message flows leaving `element`, resolved to processes of the file.
  std::vector<MessageTarget> targets(const FlowElement& element) {
    std::vector<MessageTarget> result;
    for (const auto* collaboration : process_.definitions.collaborations()) {
      for (const auto& flow : collaboration->messageFlows) {
        if (model::localRef(flow.sourceRef) != element.id) continue;
        const std::string target(model::localRef(flow.targetRef));
        for (const auto& participant : collaboration->participants) {
          if (participant.id == target) result.push_back({std::string(model::localRef(participant.processRef)), {}});
        }
        for (const auto* process : process_.definitions.processes()) {
          if (containsNode(process->flowElements, target)) result.push_back({process->id, target});
        }
      }
    }
    return result;
  }

  static bool containsNode(const std::vector<FlowElement>& elements, const std::string& id) {
    return std::any_of(elements.begin(), elements.end(), [&](const FlowElement& element) {
      return element.id == id || containsNode(element.flowElements, id);
    });
  }

  // A message throw: a job when it has a job type (as in Zeebe); else the
  // engine publishes the message to the message flows' targets, or without
  // any, by name to every subscription.
  void throwMessage(const FlowElement& element, CompiledElement& compiled) {
    if (model::vendor::taskDefinition(element)) {
      job(element, compiled);
      return;
    }
    compiled.publishes = true;
    compiled.messageTargets = targets(element);
    const std::string& ref =
        element.kind == ElementKind::kSendTask ? element.messageRef : element.eventDefinitions.front().ref;
    for (const auto* message : process_.definitions.globals(model::GlobalElement::Kind::kMessage)) {
      if (message->id == model::localRef(ref))
        compiled.messageName = message->name.empty() ? message->id : message->name;
    }
    if (compiled.messageName.empty() && compiled.messageTargets.empty()) {
      error(element,
            "message throw has no job type (zeebe:taskDefinition), no message flow and no message to "
            "publish by name");
    }
  }

  // zeebe:loopCharacteristics or camunda:collection/elementVariable on a
  // multi-instance; loopCondition, testBefore and loopMaximum on a standard
  // loop.
  std::optional<CompiledLoop> loop(const FlowElement& element) {
    const model::LoopCharacteristics& characteristics = *element.loop;
    CompiledLoop compiled;
    compiled.multiInstance = characteristics.multiInstance;
    if (!characteristics.multiInstance) {
      if (characteristics.loopCondition) {
        compiled.loopCondition = expression(element, characteristics.loopCondition->body, "loop condition");
      }
      compiled.testBefore = characteristics.testBefore.value_or(false);
      if (!characteristics.loopMaximum.empty()) {
        try {
          compiled.loopMaximum = std::stoll(characteristics.loopMaximum);
        } catch (const std::exception&) {
          error(element, "loopMaximum \"" + characteristics.loopMaximum + "\" is not a number");
        }
      }
      if (!compiled.loopCondition && !compiled.loopMaximum) {
        error(element, "a standard loop needs a loopCondition or a loopMaximum, or it never ends");
      }
      return compiled;
    }
    compiled.sequential = characteristics.isSequential.value_or(false);
    if (characteristics.behavior == "Complex" || !characteristics.oneBehaviorEventRef.empty() ||
        !characteristics.noneBehaviorEventRef.empty()) {
      error(element, "multi-instance events (behavior \"" + characteristics.behavior +
                         "\", complexBehaviorDefinition) are not executable; remove them");
    }
    if (auto collection = model::vendor::loopCollection(element)) {
      compiled.inputCollection = expression(element, collection->inputCollection, "input collection");
      compiled.inputElement = collection->inputElement;
      compiled.outputCollection = collection->outputCollection;
      if (!collection->outputElement.empty()) {
        compiled.outputElement = expression(element, collection->outputElement, "output element");
      }
    } else if (characteristics.loopCardinality) {
      compiled.cardinality = expression(element, characteristics.loopCardinality->body, "loop cardinality");
    } else {
      error(element, std::string("multi-instance needs a loopCardinality or an input collection "
                                 "(zeebe:loopCharacteristics inputCollection, camunda:collection)") +
                         (characteristics.loopDataInputRef.empty() ? "" : "; loopDataInputRef is not read"));
    }
    if (characteristics.completionCondition) {
      compiled.completionCondition =
          expression(element, characteristics.completionCondition->body, "completion condition");
    }
    return compiled;
  }

  // The job type: zeebe:taskDefinition, camunda:topic, or the task's id.
  void job(const FlowElement& element, CompiledElement& compiled) {
    auto definition = model::vendor::taskDefinition(element);
    compiled.jobType = definition && !definition->type.empty() ? definition->type : element.id;
    if (definition && !definition->retries.empty()) {
      try {
        compiled.retries = std::stoi(definition->retries);
      } catch (const std::exception&) {
        error(element, "retries \"" + definition->retries + "\" is not a number");
      }
    }
    for (const auto& header : model::vendor::taskHeaders(element)) {
      compiled.headers.emplace_back(header.key, feel::Value(header.value));
    }
  }

  void script(const FlowElement& element, CompiledElement& compiled) {
    if (model::vendor::taskDefinition(element)) {
      job(element, compiled);
      return;
    }
    auto script = model::vendor::script(element);
    if (!script) {
      error(element, "script task has no script and no job type");
      return;
    }
    compiled.script = expression(element, script->expression, "script");
    compiled.resultVariable = script->resultVariable;
  }

  CompiledProcess& process_;
  std::vector<const FlowElement*> eventGateways_;
  std::vector<std::pair<const FlowElement*, std::string>> compensationStarts_;  // and their event sub-process
  std::vector<std::pair<const FlowElement*, std::string>> cancels_;             // cancel events and their transaction
  bool eventSubProcess_ = false;
  std::string_view fileName_;
  std::vector<Diagnostic>& diagnostics_;
};

// Every id in the scope tree of `elements`, sub-processes included.
void collectIds(const std::vector<FlowElement>& elements, std::set<std::string>& ids) {
  for (const auto& element : elements) {
    if (!element.id.empty()) ids.insert(element.id);
    collectIds(element.flowElements, ids);
  }
}

// The schema makes every id optional, and Camunda's own models leave it off
// sequence flows. Tokens, joins, conditions and history are keyed by id, so
// the engine's copy gives each flow element without one a name that no
// element of the process has: `sourceRef_targetRef` for a sequence flow
// (readable in traces), the element type for a node, numbered when taken.
// The deployed XML keeps the file as written.
void nameAnonymousElements(std::vector<FlowElement>& elements, std::set<std::string>& ids) {
  for (auto& element : elements) {
    if (element.id.empty()) {
      std::string base = element.kind == ElementKind::kSequenceFlow
                             ? "flow_" + element.sourceRef + "_" + element.targetRef
                             : std::string(elementKindName(element.kind));
      std::string id = base;
      for (int n = 2; ids.contains(id); ++n) id = base + "_" + std::to_string(n);
      ids.insert(id);
      element.id = std::move(id);
    }
    nameAnonymousElements(element.flowElements, ids);
  }
}

}  // namespace

Compilation compile(const model::Definitions& definitions, std::string_view source, std::string_view fileName) {
  Compilation result;
  // Each process keeps its own copy of the model: graphs point into it.
  for (std::size_t i = 0; i < definitions.processes().size(); ++i) {
    if (!definitions.processes()[i]->executable()) continue;
    auto process = std::make_unique<CompiledProcess>();
    process->definitions = definitions;
    process->source = std::string(source);
    process->process = process->definitions.processes()[i];
    process->id = process->process->id;
    bool camunda7 = false, zeebe = false;
    for (const auto& declaration : definitions.namespaces) {
      if (declaration.uri == ns::kZeebe) zeebe = true;
      if (declaration.uri == ns::kCamunda || declaration.uri == ns::kActiviti ||
          declaration.uri == ns::kFlowable) {
        camunda7 = true;
      }
    }
    process->cronDialect = camunda7 && !zeebe ? CronDialect::kQuartz : CronDialect::kSpring;
    std::set<std::string> ids;
    collectIds(process->process->flowElements, ids);
    nameAnonymousElements(process->definitions.processes()[i]->flowElements, ids);
    Compiler compiler(*process, fileName, result.diagnostics);
    compiler.messageKeys();
    compiler.scope(process->id, process->process->flowElements, process->process->artifacts);
    compiler.checkComplexGateways();
    compiler.checkEventBasedGateways();
    compiler.linkCompensationHandlers();
    compiler.checkCancelEvents();
    compiler.linkCompensationEventSubProcesses();
    result.processes.push_back(std::move(process));
  }
  if (!result.diagnostics.empty()) result.processes.clear();
  return result;
}

}  // namespace bpmn::runtime

// Engine: deployments and the commands that drive instances. Each command
// loads the instance, changes it through a RunContext, and commits one batch.
#include "bpmn/engine.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "bpmn/deploy_check.h"
#include "bpmn/limits.h"
#include "bpmn/parser.h"
#include "bpmn/text.h"
#include "bpmn/validator.h"
#include "runtime/compiled_process.h"
#include "runtime/run_context.h"

namespace bpmn {

using feel::Context;
using runtime::CompiledProcess;
using runtime::RunContext;

namespace {

// Whether the findings hold an error.
bool invalid(const std::vector<Diagnostic>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Diagnostic& finding) { return finding.severity == Severity::kError; });
}

// Names, keys and messages go into the store and out as JSON: they must be
// text.
Status requireUtf8(std::string_view value, const char* what) {
  if (text::isUtf8(value)) return Status::ok();
  return Status::invalidArgument(std::string(what) + " \"" + text::printable(value) + "\" is not valid UTF-8");
}

}  // namespace

struct Engine::Impl {
  EngineOptions options;
  std::unique_ptr<InMemoryStore> ownedStore;
  SystemClock systemClock;
  std::map<std::string, std::vector<std::unique_ptr<CompiledProcess>>, std::less<>> processes;
  std::uint64_t nextKey = 1;
  std::uint64_t nextSequence = 1;
  std::size_t knownDeployments = 0;  // how many of the store's deployments are compiled
  // Stored deployments that no longer compile, by process and version: why.
  std::map<std::string, std::map<int, std::string>, std::less<>> broken;

  // The timer start event a stored start timer names, or none (the row is
  // damaged: no such element, or not a timer start event).
  const model::FlowElement* timerStartEvent(const CompiledProcess& process, const std::string& elementId) const {
    auto found = process.elements.find(elementId);
    if (found == process.elements.end()) return nullptr;
    const model::FlowElement& event = *found->second.element;
    if (event.kind != model::ElementKind::kStartEvent || event.eventDefinitions.size() != 1 ||
        event.eventKind() != model::EventDefinitionKind::kTimer) {
      return nullptr;
    }
    return &event;
  }
  // Whether a stored start timer can fire: its version compiles and names a
  // timer start event. One that cannot is passed over (the broken
  // deployment says why when its version is used).
  bool startTimerUsable(const StartTimerRecord& timer) const {
    const CompiledProcess* process = find(timer.processId, timer.version);
    return process && timerStartEvent(*process, timer.elementId);
  }

  // Timer firings of each instance in a row that each set a new timer
  // already due (a loop through a zero-length timer): see fireDueTimers.
  std::map<std::uint64_t, std::size_t> timerChains;

  // The highest version stored for a process, compiled or broken; 0 for none.
  int latestVersion(std::string_view processId) const {
    int latest = 0;
    if (auto it = processes.find(processId); it != processes.end() && !it->second.empty()) {
      latest = it->second.back()->version;
    }
    if (auto damaged = broken.find(processId); damaged != broken.end()) {
      latest = std::max(latest, damaged->second.rbegin()->first);
    }
    return latest;
  }

  // Why find(processId, version) found nothing.
  Status notDeployed(std::string_view processId, std::optional<int> version) const {
    if (auto damaged = broken.find(processId); damaged != broken.end()) {
      auto at = version ? damaged->second.find(*version) : std::prev(damaged->second.end());
      if (at != damaged->second.end()) return Status::invalidModel(at->second);
    }
    return Status::notFound("process \"" + std::string(processId) + "\"" +
                            (version ? " version " + std::to_string(*version) : std::string()) + " is not deployed");
  }

  // Whether a kept message may go to `subscription` in an instance of
  // `processId`: by name and key, or over a message flow to its element.
  static bool accepts(const MessageRecord& message, const std::string& processId,
                      const MessageSubscriptionSnapshot& subscription) {
    if (message.targets.empty()) {
      return subscription.name == message.name && subscription.correlationKey == message.correlationKey;
    }
    for (const auto& target : message.targets) {
      if (target.processId != processId) continue;
      if (target.elementId.empty() ? subscription.name == message.name : target.elementId == subscription.elementId) {
        return subscription.correlationKey.empty() || subscription.correlationKey == message.correlationKey;
      }
    }
    return false;
  }
  // Whether it starts `process` at `startEvent` (a message start event).
  static bool starts(const MessageRecord& message, const CompiledProcess& process,
                     const model::FlowElement& startEvent) {
    if (message.targets.empty()) return runtime::messageName(process, startEvent) == message.name;
    for (const auto& target : message.targets) {
      if (target.processId != process.id) continue;
      if (target.elementId.empty() ? runtime::messageName(process, startEvent) == message.name
                                   : target.elementId == startEvent.id) {
        return true;
      }
    }
    return false;
  }
  static bool reached(const MessageRecord& message, std::uint64_t instanceKey) {
    return std::find(message.reached.begin(), message.reached.end(), instanceKey) != message.reached.end();
  }
  // Messages thrown by processes wait this long for a subscription.
  static constexpr std::int64_t kThrownMessageTtlMillis = 3'600'000;
  // A command that meets another writer's change runs again from fresh
  // state this many times before it gives up.
  static constexpr int kConflictRetries = 20;

  // Compiles the deployments other writers (or an earlier run) committed
  // that this engine has not seen, in commit order.
  Status syncDeployments() {
    auto counted = store().deploymentCount();
    if (!counted.isOk()) return counted.status();
    const std::size_t count = counted.value();
    if (count == knownDeployments) return Status::ok();
    auto records = store().deployments();
    if (!records.isOk()) return records.status();
    std::map<std::string, runtime::Compilation> compiled;  // by source: a file holds several processes
    for (const auto& record : records.value()) {
      auto& versions = processes[record.processId];
      if (std::any_of(versions.begin(), versions.end(), [&](const auto& p) { return p->version == record.version; })) {
        continue;
      }
      if (auto damaged = broken.find(record.processId);
          damaged != broken.end() && damaged->second.count(record.version)) {
        continue;
      }
      std::unique_ptr<CompiledProcess> process;
      for (int pass = 0; pass < 2 && !process; ++pass) {
        // A file's processes compile together; a second pass compiles the
        // file again when an earlier record of it took the process.
        auto found = compiled.find(record.source);
        if (found == compiled.end() || pass == 1) {
          ParseResult parsed = parseBpmn(record.source, record.resourceName);
          if (!parsed.definitions) break;
          // What deploy checked is checked again: a stored file changed by
          // damage may no longer hold together (a flow to nothing, ids
          // twice), and the compiler counts on a valid model.
          if (invalid(validate(*parsed.definitions, record.resourceName))) break;
          compiled[record.source] = runtime::compile(*parsed.definitions, record.source, record.resourceName);
          found = compiled.find(record.source);
        }
        for (auto& candidate : found->second.processes) {
          if (candidate && candidate->id == record.processId) process = std::move(candidate);
        }
      }
      if (!process) {
        // Only this version is unusable: commands on its instances say why,
        // every other process goes on working.
        std::string why = "no longer compiles with this engine";
        auto parsed = parseBpmn(record.source, record.resourceName);
        for (const auto& diagnostic : parsed.diagnostics) {
          if (diagnostic.severity == Severity::kError) {
            why = "does not read: " + diagnostic.render();
            break;
          }
        }
        if (parsed.definitions && why.starts_with("no longer")) {
          for (const auto& diagnostic : validate(*parsed.definitions, record.resourceName)) {
            if (diagnostic.severity == Severity::kError) {
              why = "does not validate: " + diagnostic.render();
              break;
            }
          }
        }
        broken[record.processId][record.version] = store().location() + ": stored deployment " +
                                                   std::to_string(record.key) + " of process \"" + record.processId +
                                                   "\" version " + std::to_string(record.version) + " " + why;
        continue;
      }
      process->version = record.version;
      process->deploymentKey = record.key;
      auto at =
          std::find_if(versions.begin(), versions.end(), [&](const auto& p) { return p->version > record.version; });
      versions.insert(at, std::move(process));
    }
    knownDeployments = count;
    return Status::ok();
  }

  // The timer start events of a process version, planned from now. An
  // error names the start event.
  Result<std::vector<StartTimerRecord>> planStartTimers(const CompiledProcess& process, std::string_view fileName) {
    std::vector<StartTimerRecord> planned;
    for (const auto& element : *process.scope(process.id).elements) {
      if (element.kind != model::ElementKind::kStartEvent || element.eventDefinitions.size() != 1 ||
          element.eventKind() != model::EventDefinitionKind::kTimer) {
        continue;
      }
      std::string error;
      auto plan = runtime::planTimer(
          element.eventDefinitions.front(), clock().nowMillis(),
          [&](const FeelExpression& expression) {
            return expression.evaluate({}, options.feelLimits, EvaluationEnvironment{});
          },
          process.cronDialect, error);
      if (!plan) {
        return Status::invalidModel(Diagnostic{Severity::kError, std::string(fileName), element.location.line,
                                               element.location.column, "startEvent", element.id, error}
                                        .render());
      }
      planned.push_back(
          {process.id, process.version, element.id, plan->dueMillis, plan->repetitions, plan->intervalMillis});
    }
    return planned;
  }

  Store& store() { return *options.store; }
  const Clock& clock() const { return options.clock ? *options.clock : systemClock; }

  // A deployed process version; without a version, the latest, which is
  // none when the latest stored one is broken (never silently an older one).
  const CompiledProcess* find(std::string_view processId, std::optional<int> version) const {
    auto it = processes.find(processId);
    if (it == processes.end() || it->second.empty()) return nullptr;
    if (!version) {
      auto damaged = broken.find(processId);
      if (damaged != broken.end() && damaged->second.rbegin()->first > it->second.back()->version) return nullptr;
      return it->second.back().get();
    }
    for (const auto& process : it->second) {
      if (process->version == *version) return process.get();
    }
    return nullptr;
  }

  // Every instance a command touched, and the records, in order. A call
  // activity makes one command reach several instances: the caller starts
  // the called instance, and a called instance that ends resumes its caller.
  struct Work {
    std::map<std::uint64_t, InstanceSnapshot> touched;
    std::vector<HistoryRecord> records;
    struct Event {
      enum class Kind { kCall, kChildEnded, kCancel, kError, kSignal, kMessage, kPublish } kind;
      std::uint64_t instanceKey = 0;  // the caller (kCall, kChildEnded) or the instance to cancel
      std::uint64_t tokenKey = 0;
      std::uint64_t childKey = 0;
      std::string processId;
      feel::Context variables;
      std::optional<int> version;
    };
    std::vector<Event> queue;
    std::size_t calls = 0;
    std::size_t signalled = 0;
    std::vector<MessageRecord> thrown;  // kPublish events index this
    // Kept messages this command read or made, by key (publish order), and
    // those it changed.
    std::map<std::uint64_t, MessageRecord> kept;
    std::set<std::uint64_t> keptChanged;
    std::int64_t dropMessagesExpiredBefore = 0;
    std::uint64_t firstKey = 0;  // the first key the command may take
    Status readError;            // an instance the store could not read
    // Instances this command started (its own, and those signals, messages
    // and call activities started): bounded, so that a process whose start
    // event catches what it throws cannot start instances without end.
    std::size_t started = 0;
    // Element activations per instance in this command (see RunContext).
    std::map<std::uint64_t, std::size_t> steps;
    // Timer start events it rescheduled: process id -> its timers now.
    std::map<std::string, std::vector<StartTimerRecord>> startTimers;
    // Subscriptions a message was handed to in this command, until it is
    // caught: no second message may take them meanwhile (a non-interrupting
    // boundary event stays open and is never claimed: it takes every one).
    std::set<std::tuple<std::uint64_t, std::uint64_t, std::string>> claimed;

    bool claim(const InstanceSnapshot& instance, const MessageSubscriptionSnapshot& subscription,
               const CompiledProcess* process) {
      // A subscription is its token's, or (tokenKey 0) its scope's.
      auto id = std::make_tuple(instance.key, subscription.tokenKey + subscription.scopeKey, subscription.elementId);
      if (claimed.count(id)) return false;
      const model::FlowElement* element = process ? process->element(subscription.elementId).element : nullptr;
      const bool staysOpen =
          element &&
          ((element->kind == model::ElementKind::kBoundaryEvent && !element->cancelActivity.value_or(true)) ||
           (element->kind == model::ElementKind::kStartEvent && !element->isInterrupting.value_or(true)));
      if (!staysOpen) claimed.insert(id);
      return true;
    }
  };

  // Kept messages not expired at `now` that may reach a subscription of
  // `name`: the store's, as this command changed them, and its own.
  std::vector<MessageRecord*> keptMessages(Work& work, const std::string& name, std::int64_t now) {
    for (auto& message : read(work, store().keptMessages(name, now))) {
      work.kept.try_emplace(message.key, std::move(message));
    }
    std::vector<MessageRecord*> result;
    for (auto& [key, message] : work.kept) {
      if (message.expiresAtMillis >= now && (message.name == name || !message.targets.empty())) {
        result.push_back(&message);
      }
    }
    return result;
  }

  // A store query's answer for a command; when the store cannot answer,
  // the command fails with why (commitWork returns work.readError), and
  // meanwhile this is empty.
  template <typename T>
  T read(Work& work, Result<T> answer) {
    if (answer.isOk()) return std::move(answer).value();
    if (work.readError.isOk()) work.readError = answer.status();
    return T{};
  }

  InstanceSnapshot* load(Work& work, std::uint64_t key) {
    auto it = work.touched.find(key);
    if (it != work.touched.end()) return &it->second;
    auto loaded = store().loadInstance(key);
    if (!loaded.isOk()) {
      // The command fails with this, whatever it does without the instance.
      if (work.readError.isOk()) work.readError = loaded.status();
      return nullptr;
    }
    if (!loaded.value()) return nullptr;
    // A damaged instance (a row missing, its deployment changed) is an
    // error for the command, naming the store and what is missing.
    if (const CompiledProcess* process = find(loaded.value()->processId, loaded.value()->version)) {
      if (Status checked = runtime::checkInstance(*loaded.value(), *process); !checked.isOk()) {
        if (work.readError.isOk()) work.readError = Status::damaged(store().location() + ": " + checked.message());
        return nullptr;
      }
    }
    return &(work.touched[key] = std::move(*loaded.value()));
  }

  // After a RunContext ran on `instance`: keep its records, queue the work
  // it left for other instances.
  void collect(Work& work, RunContext& context, InstanceSnapshot& instance) {
    for (auto& record : context.records()) work.records.push_back(std::move(record));
    context.records().clear();
    for (auto& call : context.pendingCalls()) {
      work.queue.push_back({Work::Event::Kind::kCall, instance.key, call.tokenKey, 0, call.processId,
                            std::move(call.variables), call.version});
    }
    context.pendingCalls().clear();
    for (auto child : context.pendingCancels()) {
      work.queue.push_back({Work::Event::Kind::kCancel, child, 0, 0, {}, {}, {}});
    }
    context.pendingCancels().clear();
    for (auto& name : context.pendingSignals()) {
      // The thrower caught its own already (RunContext::run).
      work.queue.push_back({Work::Event::Kind::kSignal, instance.key, 0, 0, std::move(name), {}, {}});
    }
    context.pendingSignals().clear();
    for (auto& message : context.pendingMessages()) {
      MessageRecord thrown;
      thrown.name = std::move(message.name);
      thrown.correlationKey = std::move(message.correlationKey);
      thrown.variables = std::move(message.variables);
      thrown.expiresAtMillis = addMillis(clock().nowMillis(), kThrownMessageTtlMillis);
      thrown.targets = std::move(message.targets);
      work.thrown.push_back(std::move(thrown));
      work.queue.push_back({Work::Event::Kind::kPublish, work.thrown.size() - 1, 0, 0, {}, {}, {}});
    }
    context.pendingMessages().clear();
    if (auto& error = context.pendingError()) {
      work.queue.push_back({Work::Event::Kind::kError,
                            instance.parentInstanceKey,
                            instance.parentTokenKey,
                            0,
                            error->code,
                            Context{{"message", feel::Value(error->message)}},
                            {}});
      error.reset();
    }
    // A subscription that just opened takes a kept message, in publish order.
    const std::int64_t now = clock().nowMillis();
    for (const auto& subscription : instance.messageSubscriptions) {
      for (MessageRecord* message : keptMessages(work, subscription.name, now)) {
        if (!accepts(*message, instance.processId, subscription) || reached(*message, instance.key) ||
            !work.claim(instance, subscription, find(instance.processId, instance.version))) {
          continue;
        }
        message->reached.push_back(instance.key);
        work.keptChanged.insert(message->key);
        work.queue.push_back({Work::Event::Kind::kMessage,
                              instance.key,
                              subscription.tokenKey,
                              subscription.scopeKey,  // childKey: the owning scope of an event sub-process start
                              subscription.elementId,
                              message->variables,
                              {}});
        break;
      }
    }
    if (instance.state == InstanceState::kCompleted && instance.parentInstanceKey != 0) {
      work.queue.push_back({Work::Event::Kind::kChildEnded,
                            instance.parentInstanceKey,
                            instance.parentTokenKey,
                            instance.key,
                            {},
                            {},
                            {}});
    }
  }

  // A new instance of `process`, run until it rests.
  // `startEvent`: the start event a trigger (a signal) names; empty: the
  // none start events (or the implicit start).
  InstanceSnapshot& start(Work& work, const CompiledProcess& process, feel::Context variables, std::uint64_t parentKey,
                          std::uint64_t parentToken, const std::string& startEvent = {}) {
    InstanceSnapshot created;
    created.key = nextKey++;
    created.processId = process.id;
    created.version = process.version;
    created.parentInstanceKey = parentKey;
    created.parentTokenKey = parentToken;
    ScopeSnapshot processScope;
    processScope.key = nextKey++;
    processScope.elementId = process.id;
    processScope.variables = std::move(variables);
    created.scopes.push_back(std::move(processScope));
    InstanceSnapshot& instance = work.touched[created.key] = std::move(created);
    RunContext context(instance, process, options, clock(), nextKey, nextSequence, work.steps[instance.key]);
    context.record(RecordKind::kInstanceStateChanged, process.id, "process", instance.key, "active");
    const auto& graph = process.scope(process.id).graph;
    for (auto entry : graph.entryNodes()) {
      const auto& element = *graph.node(entry).element;
      if (element.isEventSubProcess()) continue;
      const bool triggered = element.kind == model::ElementKind::kStartEvent && !element.eventDefinitions.empty();
      if (startEvent.empty() ? triggered : element.id != startEvent) continue;
      context.createToken(instance.scopes.front().key, element.id, "");
    }
    runtime::openEventSubProcesses(context, instance.scopes.front().key);
    if (++work.started > limits::kCommandStarts) {
      // The instance stays at its start event, as an incident an operator
      // can resolve or cancel; it throws nothing that starts more.
      const std::string message = "more than " + std::to_string(limits::kCommandStarts) +
                                  " instances started in one command (a start event that catches what its "
                                  "process throws, or a recursive call?)";
      for (auto& token : instance.tokens) context.incident(token, message);
    } else {
      context.run();
    }
    collect(work, context, instance);
    return instance;
  }

  // Every open subscription of the signal in every instance catches it;
  // every process whose start event waits for it starts.
  void broadcast(Work& work, const std::string& name, const feel::Context& variables, std::uint64_t thrower) {
    const auto subscribers = read(work, store().signalSubscribers(name));
    std::set<std::uint64_t> candidates(subscribers.begin(), subscribers.end());
    for (const auto& [key, instance] : work.touched) {
      if (!instance.signalSubscriptions.empty()) candidates.insert(key);
    }
    for (std::uint64_t key : candidates) {
      InstanceSnapshot* instance = load(work, key);
      if (!instance || key == thrower) continue;
      std::vector<SignalSubscriptionSnapshot> matching;
      for (const auto& subscription : instance->signalSubscriptions) {
        if (subscription.name == name) matching.push_back(subscription);
      }
      if (matching.empty()) continue;
      const CompiledProcess* process = find(instance->processId, instance->version);
      if (!process) continue;
      RunContext context(*instance, *process, options, clock(), nextKey, nextSequence, work.steps[instance->key]);
      for (const auto& subscription : matching) {
        runtime::catchSignal(context, subscription.tokenKey, subscription.scopeKey, subscription.elementId, variables);
        ++work.signalled;
      }
      context.run();
      collect(work, context, *instance);
    }
    for (const auto& [id, versions] : processes) {
      const CompiledProcess* latest = find(id, std::nullopt);  // none when only broken versions are stored
      if (!latest) continue;
      const CompiledProcess& process = *latest;
      for (const auto& element : *process.scope(process.id).elements) {
        if (element.kind != model::ElementKind::kStartEvent || element.eventDefinitions.size() != 1 ||
            element.eventKind() != model::EventDefinitionKind::kSignal) {
          continue;
        }
        if (runtime::signalName(process, element) != name) continue;
        start(work, process, variables, 0, 0, element.id);
        ++work.signalled;
      }
    }
  }

  // Delivers `message`: the first accepting subscription of every instance
  // that has one, and the message start events it starts (once per key
  // while the instance a key started is active). Queues the catches; notes
  // every instance reached in `message.reached`.
  void publish(Work& work, MessageRecord& message) {
    // By name and key through the store's index; over message flows (which
    // may reach a subscription by element), every instance that has one.
    const auto indexed =
        read(work, message.targets.empty() ? store().messageSubscribers(message.name, message.correlationKey)
                                           : store().instancesWithMessageSubscriptions());
    std::set<std::uint64_t> candidates(indexed.begin(), indexed.end());
    for (const auto& [key, instance] : work.touched) {
      if (!instance.messageSubscriptions.empty()) candidates.insert(key);
    }
    for (std::uint64_t key : candidates) {
      InstanceSnapshot* instance = load(work, key);
      if (!instance || reached(message, key)) continue;
      for (const auto& subscription : instance->messageSubscriptions) {
        if (!accepts(message, instance->processId, subscription) ||
            !work.claim(*instance, subscription, find(instance->processId, instance->version))) {
          continue;
        }
        message.reached.push_back(key);
        work.queue.push_back({Work::Event::Kind::kMessage,
                              key,
                              subscription.tokenKey,
                              subscription.scopeKey,
                              subscription.elementId,
                              message.variables,
                              {}});
        break;
      }
    }
    for (const auto& [id, versions] : processes) {
      const CompiledProcess* latest = find(id, std::nullopt);  // none when only broken versions are stored
      if (!latest) continue;
      const CompiledProcess& process = *latest;
      for (const auto& element : *process.scope(process.id).elements) {
        if (element.kind != model::ElementKind::kStartEvent || element.eventDefinitions.size() != 1 ||
            element.eventKind() != model::EventDefinitionKind::kMessage || !starts(message, process, element)) {
          continue;
        }
        if (!message.correlationKey.empty() && runningStartedBy(work, process.id, message.correlationKey)) continue;
        InstanceSnapshot& created = start(work, process, message.variables, 0, 0, element.id);
        created.startCorrelationKey = message.correlationKey;
        message.reached.push_back(created.key);
      }
    }
  }

  // Whether an instance a message start event of `processId` started with
  // this key is still active (in the store or in this command).
  bool runningStartedBy(Work& work, const std::string& processId, const std::string& correlationKey) {
    for (const auto& [key, instance] : work.touched) {
      if (instance.processId == processId && instance.startCorrelationKey == correlationKey &&
          instance.state == InstanceState::kActive) {
        return true;
      }
    }
    auto started = read(work, store().instanceStartedBy(processId, correlationKey));
    if (!started) return false;
    const InstanceSnapshot* running = load(work, *started);
    return running && running->state == InstanceState::kActive && running->startCorrelationKey == correlationKey;
  }

  void settle(Work& work) {
    while (!work.queue.empty()) {
      Work::Event event = std::move(work.queue.front());
      work.queue.erase(work.queue.begin());
      if (event.kind == Work::Event::Kind::kSignal) {
        broadcast(work, event.processId, event.variables, event.instanceKey);
        continue;
      }
      if (event.kind == Work::Event::Kind::kPublish) {
        MessageRecord message = std::move(work.thrown[event.instanceKey]);
        publish(work, message);
        if (message.reached.empty()) keep(work, std::move(message));  // until a subscription opens
        continue;
      }
      if (event.kind == Work::Event::Kind::kMessage) {
        InstanceSnapshot* target = load(work, event.instanceKey);
        if (!target) continue;
        const bool open =
            std::any_of(target->messageSubscriptions.begin(), target->messageSubscriptions.end(), [&](const auto& s) {
              return s.tokenKey == event.tokenKey && s.scopeKey == event.childKey && s.elementId == event.processId;
            });
        const CompiledProcess* process = find(target->processId, target->version);
        work.claimed.erase(std::make_tuple(event.instanceKey, event.tokenKey + event.childKey, event.processId));
        if (!open || !process) continue;
        RunContext context(*target, *process, options, clock(), nextKey, nextSequence, work.steps[target->key]);
        runtime::catchMessage(context, event.tokenKey, event.childKey, event.processId, event.variables);
        context.run();
        collect(work, context, *target);
        continue;
      }
      InstanceSnapshot* instance = load(work, event.instanceKey);
      if (!instance) continue;
      const CompiledProcess* process = find(instance->processId, instance->version);
      if (!process) continue;
      RunContext context(*instance, *process, options, clock(), nextKey, nextSequence, work.steps[instance->key]);
      switch (event.kind) {
        case Work::Event::Kind::kCall: {
          TokenSnapshot* token = context.token(event.tokenKey);
          if (!token) break;
          const CompiledProcess* called = find(event.processId, event.version);
          if (!called) {
            const Status missing = notDeployed(event.processId, event.version);
            context.incident(
                *token, missing.code() == StatusCode::kNotFound ? "called " + missing.message() : missing.message());
          } else if (++work.calls > limits::kCommandStarts) {
            context.incident(*token, "more than " + std::to_string(limits::kCommandStarts) +
                                         " call activities started in one command (a recursive call?)");
          } else {
            const std::uint64_t callerKey = instance->key;
            InstanceSnapshot& child = start(work, *called, std::move(event.variables), callerKey, event.tokenKey);
            const std::uint64_t childKey = child.key;
            instance = load(work, callerKey);  // the map may have grown
            RunContext resumed(*instance, *process, options, clock(), nextKey, nextSequence, work.steps[instance->key]);
            if (TokenSnapshot* waiting = resumed.token(event.tokenKey)) waiting->childInstanceKey = childKey;
            resumed.run();
            collect(work, resumed, *instance);
            continue;
          }
          break;
        }
        case Work::Event::Kind::kChildEnded: {
          TokenSnapshot* token = context.token(event.tokenKey);
          InstanceSnapshot* child = load(work, event.childKey);
          instance = load(work, event.instanceKey);
          if (!token || !child) break;
          const auto& element = context.element(*token);
          token->childInstanceKey = 0;
          // Back to the caller: every variable (zeebe's default), and what
          // camunda:out names, evaluated over the called instance's variables.
          // SPEC (Camunda 8, call activities): the called instance's
          // variables come back when all propagate or output mappings pick
          // from them; with output mappings only the mapped ones merge.
          feel::Context result = element.propagateAllChildVariables || !element.outputs.empty()
                                     ? child->scopes.front().variables
                                     : feel::Context{};
          for (const auto& output : element.callOutputs) {
            auto value = output.source.evaluate(child->scopes.front().variables, options.feelLimits);
            result.emplace_back(output.target, value.isOk() ? value.value() : feel::Value());
          }
          context.applyOutputs(*token, result);
          auto flows = context.outgoingFlows(*context.token(event.tokenKey));
          if (flows) context.leave(event.tokenKey, *flows);
          break;
        }
        case Work::Event::Kind::kError: {
          // An error the called instance did not catch leaves through the
          // call activity (processId holds the code here).
          if (!context.token(event.tokenKey)) break;
          const feel::Value* message = feel::entryOf(event.variables, "message");
          const std::string text = message && message->string() ? *message->string() : std::string();
          context.token(event.tokenKey)->childInstanceKey = 0;
          if (!runtime::raiseError(context, event.tokenKey, event.processId, text)) {
            context.incident(*context.token(event.tokenKey),
                             "unhandled BPMN error \"" + event.processId + "\"" + (text.empty() ? "" : ": " + text));
          }
          break;
        }
        case Work::Event::Kind::kSignal:  // handled before the switch
        case Work::Event::Kind::kMessage:
        case Work::Event::Kind::kPublish:
          continue;
        case Work::Event::Kind::kCancel:
          if (instance->state != InstanceState::kActive && instance->state != InstanceState::kIncident) continue;
          context.terminateScope(instance->scopes.front().key, 0);
          instance->incidents.clear();
          instance->state = InstanceState::kCancelled;
          context.record(RecordKind::kInstanceStateChanged, instance->processId, "process", instance->key, "cancelled");
          collect(work, context, *instance);
          continue;
      }
      context.run();
      collect(work, context, *instance);
    }
  }

  void keep(Work& work, MessageRecord message) {
    message.key = nextKey++;
    work.keptChanged.insert(message.key);
    work.kept.emplace(message.key, std::move(message));
  }

  // Commits what the command did as one batch.
  Status commitWork(Work& work) {
    if (!work.readError.isOk()) return work.readError;
    Batch batch;
    const std::int64_t now = clock().nowMillis();
    for (auto& [key, instance] : work.touched) {
      ++instance.revision;
      if (instance.startedAtMillis == 0) instance.startedAtMillis = now;
      const bool ended = instance.state != InstanceState::kActive && instance.state != InstanceState::kIncident;
      if (ended && instance.endedAtMillis == 0) instance.endedAtMillis = now;
      batch.instances.push_back(instance);
    }
    batch.history = work.records;
    for (std::uint64_t key : work.keptChanged) batch.messages.push_back(work.kept.at(key));
    batch.dropMessagesExpiredBefore = work.dropMessagesExpiredBefore;
    for (auto& [processId, timers] : work.startTimers) {
      batch.startTimersReplaced.push_back(processId);
      batch.startTimers.insert(batch.startTimers.end(), timers.begin(), timers.end());
    }
    batch.firstKey = work.firstKey;
    batch.nextKey = nextKey;
    if (Status status = store().commit(batch); !status.isOk()) return status;
    for (const auto& record : batch.history) {
      for (Listener* listener : options.listeners) listener->onRecord(record);
    }
    return Status::ok();
  }

  Result<CommandResult> commit(Work& work, std::uint64_t mainKey) {
    if (Status status = commitWork(work); !status.isOk()) return status;
    return CommandResult{work.touched.at(mainKey), std::move(work.records)};
  }

  // Runs `body` on fresh state (the store's deployments, keys and sequence
  // numbers) until it commits, fails otherwise, or has met other writers'
  // changes kConflictRetries times.
  template <typename Body>
  auto attempt(Body&& body) -> decltype(body(std::declval<Work&>())) {
    for (int tries = 0;; ++tries) {
      if (Status synced = syncDeployments(); !synced.isOk()) return synced;
      auto storedKey = store().nextKey();
      auto storedSequence = store().nextSequence();
      if (!storedKey.isOk()) return storedKey.status();
      if (!storedSequence.isOk()) return storedSequence.status();
      nextKey = storedKey.value();
      nextSequence = storedSequence.value();
      Work work;
      work.firstKey = nextKey;
      auto result = body(work);
      if (result.isOk() || result.status().code() != StatusCode::kConflict || tries >= kConflictRetries) {
        return result;
      }
    }
  }

  // Runs `change` on the instance, moves it (and whatever it calls or
  // resumes) forward, commits one batch.
  template <typename Change>
  Result<CommandResult> command(std::uint64_t instanceKey, Change&& change) {
    return attempt([&](Work& work) { return commandOnce(work, instanceKey, change); });
  }
  template <typename Change>
  Result<CommandResult> commandOnce(Work& work, std::uint64_t instanceKey, Change& change) {
    InstanceSnapshot* instance = load(work, instanceKey);
    if (!instance && !work.readError.isOk()) return work.readError;
    if (!instance) return Status::notFound("no process instance " + std::to_string(instanceKey));
    const CompiledProcess* process = find(instance->processId, instance->version);
    if (!process) return notDeployed(instance->processId, instance->version);
    RunContext context(*instance, *process, options, clock(), nextKey, nextSequence, work.steps[instance->key]);
    Status status = change(context, *instance);
    if (!status.isOk()) return status;
    context.run();
    collect(work, context, *instance);
    settle(work);
    return commit(work, instanceKey);
  }
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (!impl_->options.store) {
    impl_->ownedStore = std::make_unique<InMemoryStore>();
    impl_->options.store = impl_->ownedStore.get();
  }
  // Counters are read again before every command (attempt), where a store
  // that cannot answer fails the command.
}

Engine::~Engine() = default;

Status Engine::open() { return impl_->syncDeployments(); }

std::vector<Diagnostic> validateForDeploy(const model::Definitions& definitions, std::string_view fileName,
                                          const ValidationOptions& options) {
  std::vector<Diagnostic> findings = validate(definitions, fileName, options);
  if (!options.executionRules || invalid(findings)) return findings;
  auto compiled = runtime::compile(definitions, {}, fileName).diagnostics;
  if (compiled.empty()) return findings;
  findings.insert(findings.end(), compiled.begin(), compiled.end());
  std::stable_sort(findings.begin(), findings.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return findings;
}

Result<DeployResult> Engine::deploy(std::string_view bpmnXml, std::string_view fileName) {
  ParseResult parsed = parseBpmn(bpmnXml, fileName);
  std::vector<Diagnostic> findings = parsed.diagnostics;
  if (parsed.definitions) {
    auto validation = validate(*parsed.definitions, fileName);
    findings.insert(findings.end(), validation.begin(), validation.end());
  }
  DeployResult result;
  std::string errors;
  for (const auto& finding : findings) {
    if (finding.severity == Severity::kError) {
      errors += (errors.empty() ? "" : "\n") + finding.render();
    } else {
      result.warnings.push_back(finding);
    }
  }
  if (!parsed.definitions || !errors.empty()) return Status::invalidModel(errors);

  for (int tries = 0;; ++tries) {
    if (Status synced = impl_->syncDeployments(); !synced.isOk()) return synced;
    auto compilation = runtime::compile(*parsed.definitions, bpmnXml, fileName);
    for (const auto& finding : compilation.diagnostics) errors += (errors.empty() ? "" : "\n") + finding.render();
    if (!errors.empty()) return Status::invalidModel(errors);
    if (compilation.processes.empty()) return Status::invalidModel(std::string(fileName) + ": no executable process");

    // Timer start events that cannot be scheduled refuse the file before
    // anything is deployed.
    Batch batch;
    auto firstKey = impl_->store().nextKey();
    if (!firstKey.isOk()) return firstKey.status();
    batch.firstKey = firstKey.value();
    batch.nextKey = batch.firstKey;
    result.processes.clear();
    std::vector<std::unique_ptr<CompiledProcess>> added;
    for (auto& process : compilation.processes) {
      const CompiledProcess* latest = impl_->find(process->id, std::nullopt);
      if (latest && latest->source == process->source) {
        result.processes.push_back({process->id, latest->version, false, latest->deploymentKey});  // identical: a no-op
        continue;
      }
      process->version = impl_->latestVersion(process->id) + 1;
      process->deploymentKey = batch.nextKey++;
      auto timers = impl_->planStartTimers(*process, fileName);
      if (!timers.isOk()) return timers.status();
      batch.startTimersReplaced.push_back(process->id);
      batch.startTimers.insert(batch.startTimers.end(), timers.value().begin(), timers.value().end());
      batch.deployments.push_back({process->deploymentKey, process->id, process->version, process->source,
                                   std::string(fileName), impl_->clock().nowMillis()});
      result.processes.push_back({process->id, process->version, true, process->deploymentKey});
      added.push_back(std::move(process));
    }
    if (batch.deployments.empty()) return result;
    Status status = impl_->store().commit(batch);
    if (status.code() == StatusCode::kConflict && tries < Impl::kConflictRetries) continue;
    if (!status.isOk()) return status;
    for (auto& process : added) impl_->processes[process->id].push_back(std::move(process));
    impl_->knownDeployments += batch.deployments.size();
    return result;
  }
}

Result<CommandResult> Engine::createInstance(std::string_view processId, feel::Context variables,
                                             std::optional<int> version, std::string_view businessKey) {
  if (Status text = requireUtf8(businessKey, "business key"); !text.isOk()) return text;
  return impl_->attempt([&](Impl::Work& work) -> Result<CommandResult> {
    const CompiledProcess* process = impl_->find(processId, version);
    if (!process) return impl_->notDeployed(processId, version);
    // An instance starts at the none start events (or, without start
    // events, at the nodes without incoming flows); a process whose every
    // start event waits for a trigger starts only by that trigger.
    const auto& graph = process->scope(process->id).graph;
    const auto entries = graph.entryNodes();
    const bool startable = std::any_of(entries.begin(), entries.end(), [&](auto entry) {
      const auto& element = *graph.node(entry).element;
      return !element.isEventSubProcess() &&
             !(element.kind == model::ElementKind::kStartEvent && !element.eventDefinitions.empty());
    });
    if (!startable) {
      return Status::invalidArgument("process \"" + process->id +
                                     "\" has no none start event: it starts only when its start event is triggered");
    }
    InstanceSnapshot& created = impl_->start(work, *process, variables, 0, 0);
    created.businessKey = businessKey;
    const std::uint64_t key = created.key;
    impl_->settle(work);
    return impl_->commit(work, key);
  });
}

namespace {

// The job a command names, if it is one a worker may act on.
JobSnapshot* findJob(InstanceSnapshot& instance, std::uint64_t jobKey) {
  for (auto& job : instance.jobs) {
    if (job.key == jobKey) return job.state == JobState::kActivatable ? &job : nullptr;
  }
  return nullptr;
}

Status noActivatableJob(std::uint64_t jobKey, std::uint64_t instanceKey) {
  return Status::notFound("no activatable job " + std::to_string(jobKey) + " in instance " +
                          std::to_string(instanceKey));
}

}  // namespace

Result<CommandResult> Engine::completeJob(std::uint64_t instanceKey, std::uint64_t jobKey, feel::Context variables) {
  return impl_->command(instanceKey, [&](RunContext& context, InstanceSnapshot& instance) -> Status {
    JobSnapshot* job = findJob(instance, jobKey);
    if (!job) return noActivatableJob(jobKey, instanceKey);
    const std::uint64_t tokenKey = job->tokenKey;
    context.record(RecordKind::kJobCompleted, job->elementId, {}, context.token(tokenKey)->elementInstanceKey);
    std::erase_if(instance.jobs, [&](const JobSnapshot& j) { return j.key == jobKey; });
    context.applyOutputs(*context.token(tokenKey), variables);
    auto flows = context.outgoingFlows(*context.token(tokenKey));
    if (flows) context.leave(tokenKey, *flows);
    return Status::ok();
  });
}

Result<CommandResult> Engine::failJob(std::uint64_t instanceKey, std::uint64_t jobKey, int retries, std::string message,
                                      std::int64_t backoffMillis) {
  if (Status text = requireUtf8(message, "error message"); !text.isOk()) return text;
  return impl_->command(instanceKey, [&](RunContext& context, InstanceSnapshot& instance) -> Status {
    JobSnapshot* job = findJob(instance, jobKey);
    if (!job) return noActivatableJob(jobKey, instanceKey);
    job->retries = retries;
    job->errorMessage = message;
    job->lockOwner.clear();
    job->lockDeadlineMillis = 0;
    TokenSnapshot* token = context.token(job->tokenKey);
    context.record(RecordKind::kJobFailed, job->elementId, {}, token->elementInstanceKey, message);
    if (retries <= 0) {
      job->state = JobState::kFailed;
      const std::string type = job->type;
      context.incident(*token, "job \"" + type + "\" failed, no retries left: " + message, jobKey);
    } else {
      job->retryAtMillis = addMillis(impl_->clock().nowMillis(), std::max<std::int64_t>(backoffMillis, 0));
    }
    return Status::ok();
  });
}

Result<CommandResult> Engine::throwError(std::uint64_t instanceKey, std::uint64_t jobKey, std::string errorCode,
                                         std::string message) {
  if (Status text = requireUtf8(errorCode + message, "error code and message"); !text.isOk()) return text;
  return impl_->command(instanceKey, [&](RunContext& context, InstanceSnapshot& instance) -> Status {
    JobSnapshot* job = findJob(instance, jobKey);
    if (!job) return noActivatableJob(jobKey, instanceKey);
    const std::uint64_t tokenKey = job->tokenKey;
    std::erase_if(instance.jobs, [&](const JobSnapshot& j) { return j.key == jobKey; });
    if (!runtime::raiseError(context, tokenKey, errorCode, message)) {
      context.incident(*context.token(tokenKey),
                       "unhandled BPMN error \"" + errorCode + "\"" + (message.empty() ? "" : ": " + message));
    }
    return Status::ok();
  });
}

Result<CommandResult> Engine::completeUserTask(std::uint64_t instanceKey, std::uint64_t tokenKey,
                                               feel::Context variables) {
  return impl_->command(instanceKey, [&](RunContext& context, InstanceSnapshot&) -> Status {
    TokenSnapshot* token = context.token(tokenKey);
    const auto& tasks = context.instance().userTasks;
    if (!token || token->state != TokenState::kWaiting ||
        std::none_of(tasks.begin(), tasks.end(), [&](const UserTaskSnapshot& t) { return t.tokenKey == tokenKey; })) {
      return Status::notFound("no user task waiting on token " + std::to_string(tokenKey));
    }
    context.applyOutputs(*token, variables);
    auto flows = context.outgoingFlows(*context.token(tokenKey));
    if (flows) context.leave(tokenKey, *flows);
    return Status::ok();
  });
}

namespace {

// Commands that change a running instance refuse an ended one.
Status requireRunning(const InstanceSnapshot& instance) {
  if (instance.state == InstanceState::kActive || instance.state == InstanceState::kIncident) return Status::ok();
  return Status::invalidArgument("instance " + std::to_string(instance.key) + " has already ended (" +
                                 std::string(instanceStateName(instance.state)) + ")");
}

}  // namespace

Result<CommandResult> Engine::cancelInstance(std::uint64_t instanceKey) {
  return impl_->command(instanceKey, [&](RunContext& context, InstanceSnapshot& instance) -> Status {
    if (Status running = requireRunning(instance); !running.isOk()) return running;
    context.terminateScope(instance.scopes.front().key, 0);
    instance.incidents.clear();
    instance.state = InstanceState::kCancelled;
    context.record(RecordKind::kInstanceStateChanged, instance.processId, "process", instance.key, "cancelled");
    return Status::ok();
  });
}

Result<CommandResult> Engine::raiseIncident(std::uint64_t instanceKey, std::string message) {
  return impl_->command(instanceKey, [&](RunContext& context, InstanceSnapshot& instance) -> Status {
    if (Status running = requireRunning(instance); !running.isOk()) return running;
    IncidentSnapshot incident{context.newKey(), 0, 0, instance.processId, std::move(message)};
    context.record(RecordKind::kIncidentRaised, instance.processId, "process", 0, incident.message);
    instance.incidents.push_back(std::move(incident));
    return Status::ok();
  });
}

Result<CommandResult> Engine::resolveIncident(std::uint64_t instanceKey, std::uint64_t incidentKey) {
  return impl_->command(instanceKey, [&](RunContext& context, InstanceSnapshot& instance) -> Status {
    auto it = std::find_if(instance.incidents.begin(), instance.incidents.end(),
                           [&](const IncidentSnapshot& i) { return i.key == incidentKey; });
    if (it == instance.incidents.end()) return Status::notFound("no incident " + std::to_string(incidentKey));
    const IncidentSnapshot incident = *it;
    instance.incidents.erase(it);
    context.record(RecordKind::kIncidentResolved, incident.elementId, {}, 0);
    if (incident.jobKey != 0) {
      auto failed = std::find_if(instance.jobs.begin(), instance.jobs.end(),
                                 [&](const JobSnapshot& j) { return j.key == incident.jobKey; });
      if (failed != instance.jobs.end()) {
        JobSnapshot* job = &*failed;
        job->retries = std::max(job->retries, 1);
        job->state = JobState::kActivatable;
        context.runJobHandler(job->key);
      }
    } else if (TokenSnapshot* token = context.token(incident.tokenKey)) {
      token->state = TokenState::kReady;  // retry the element from its start
    }
    return Status::ok();
  });
}

Result<CommandResult> Engine::activateAdHocElements(std::uint64_t instanceKey, std::uint64_t adHocTokenKey,
                                                    std::vector<std::string> elementIds) {
  return impl_->command(instanceKey, [&](RunContext& context, InstanceSnapshot& instance) -> Status {
    for (const auto& scope : instance.scopes) {
      if (scope.tokenKey == adHocTokenKey && scope.kind == ScopeKind::kFlow &&
          context.process().element(scope.elementId).element->kind == model::ElementKind::kAdHocSubProcess) {
        return runtime::activateInAdHoc(context, scope.key, elementIds);
      }
    }
    return Status::notFound("no ad-hoc sub-process runs on token " + std::to_string(adHocTokenKey));
  });
}

Result<CommandResult> Engine::setVariables(std::uint64_t instanceKey, std::uint64_t scopeKey, feel::Context variables,
                                           bool local) {
  return impl_->command(instanceKey, [&](RunContext& context, InstanceSnapshot& instance) -> Status {
    // An ended instance's variables are its final record (Camunda and
    // Zeebe refuse the same).
    if (Status running = requireRunning(instance); !running.isOk()) return running;
    if (!context.scope(scopeKey)) return Status::notFound("no scope " + std::to_string(scopeKey));
    context.setVariables(scopeKey, variables, local);
    return Status::ok();
  });
}

Result<std::size_t> Engine::broadcastSignal(std::string_view name, feel::Context variables) {
  if (Status text = requireUtf8(name, "signal name"); !text.isOk()) return text;
  return impl_->attempt([&](Impl::Work& work) -> Result<std::size_t> {
    work.queue.push_back({Impl::Work::Event::Kind::kSignal, 0, 0, 0, std::string(name), variables, {}});
    impl_->settle(work);
    if (work.touched.empty()) return work.signalled;
    if (Status status = impl_->commitWork(work); !status.isOk()) return status;
    return work.signalled;
  });
}

Result<std::size_t> Engine::publishMessage(std::string_view name, std::string_view correlationKey,
                                           feel::Context variables, std::int64_t ttlMillis,
                                           std::string_view messageId) {
  for (const auto& [value, what] :
       {std::pair{name, "message name"}, {correlationKey, "correlation key"}, {messageId, "message id"}}) {
    if (Status text = requireUtf8(value, what); !text.isOk()) return text;
  }
  return impl_->attempt([&](Impl::Work& work) -> Result<std::size_t> {
    const std::int64_t now = impl_->clock().nowMillis();
    if (!messageId.empty() && impl_->read(work, impl_->store().hasKeptMessage(std::string(messageId), now))) {
      return Status::invalidArgument("a message with id \"" + std::string(messageId) + "\" was already published");
    }
    work.dropMessagesExpiredBefore = now;
    MessageRecord message;
    message.name = name;
    message.correlationKey = correlationKey;
    message.variables = variables;
    message.expiresAtMillis = addMillis(now, ttlMillis);
    message.id = messageId;
    impl_->publish(work, message);
    const std::size_t reached = message.reached.size();
    impl_->settle(work);
    if (ttlMillis > 0) impl_->keep(work, std::move(message));
    if (Status status = impl_->commitWork(work); !status.isOk()) return status;
    return reached;
  });
}

Result<std::vector<std::uint64_t>> Engine::evaluateStartConditions(feel::Context variables) {
  return impl_->attempt([&](Impl::Work& work) -> Result<std::vector<std::uint64_t>> {
    std::vector<std::uint64_t> started;
    for (const auto& [id, versions] : impl_->processes) {
      const CompiledProcess* latest = impl_->find(id, std::nullopt);  // none when only broken versions are stored
      if (!latest) continue;
      const CompiledProcess& process = *latest;
      for (const auto& element : *process.scope(process.id).elements) {
        if (element.kind != model::ElementKind::kStartEvent || element.eventDefinitions.size() != 1 ||
            element.eventKind() != model::EventDefinitionKind::kConditional) {
          continue;
        }
        const Impl* impl = impl_.get();
        EvaluationEnvironment environment;
        environment.nowMillis = [impl] { return impl->clock().nowMillis(); };
        auto holds =
            process.element(element.id).eventCondition->evaluate(variables, impl_->options.feelLimits, environment);
        if (!holds.isOk()) {
          return Status::invalidArgument("condition of start event \"" + element.id + "\" of process \"" + process.id +
                                         "\" failed: " + holds.status().message());
        }
        if (!holds.value().boolean() || !*holds.value().boolean()) continue;
        started.push_back(impl_->start(work, process, variables, 0, 0, element.id).key);
      }
    }
    impl_->settle(work);
    if (work.touched.empty()) return started;
    if (Status status = impl_->commitWork(work); !status.isOk()) return status;
    return started;
  });
}

Result<std::uint64_t> Engine::correlateMessage(std::string_view name, std::string_view correlationKey,
                                               feel::Context variables) {
  for (const auto& [value, what] : {std::pair{name, "message name"}, {correlationKey, "correlation key"}}) {
    if (Status text = requireUtf8(value, what); !text.isOk()) return text;
  }
  const std::string what = "message \"" + std::string(name) + "\"" +
                           (correlationKey.empty() ? "" : " with key \"" + std::string(correlationKey) + "\"");
  return impl_->attempt([&](Impl::Work& work) -> Result<std::uint64_t> {
    auto subscribers = impl_->store().messageSubscribers(std::string(name), std::string(correlationKey));
    if (!subscribers.isOk()) return subscribers.status();
    const std::vector<std::uint64_t>& waiting = subscribers.value();
    if (waiting.size() > 1) {
      return Status::invalidArgument(what + " matches subscriptions in " + std::to_string(waiting.size()) +
                                     " instances; correlate takes exactly one (publish reaches them all)");
    }
    MessageRecord message;
    message.name = name;
    message.correlationKey = correlationKey;
    message.variables = variables;
    impl_->publish(work, message);
    if (!work.readError.isOk()) return work.readError;
    if (message.reached.empty()) return Status::notFound("no subscription or start event takes " + what);
    const std::uint64_t reached = message.reached.front();
    impl_->settle(work);
    if (Status status = impl_->commitWork(work); !status.isOk()) return status;
    return reached;
  });
}

Status Engine::dropExpiredMessages() {
  return impl_
      ->attempt([&](Impl::Work& work) -> Result<bool> {
        work.dropMessagesExpiredBefore = impl_->clock().nowMillis();
        if (Status status = impl_->commitWork(work); !status.isOk()) return status;
        return true;
      })
      .status();
}

Result<std::vector<CommandResult>> Engine::fireDueTimers(PassedOver* passedOver) {
  const std::int64_t now = impl_->clock().nowMillis();
  std::vector<CommandResult> results;
  if (Status synced = impl_->syncDeployments(); !synced.isOk()) return synced;
  std::set<std::uint64_t> skipped;
  if (passedOver) {
    for (const auto& [key, why] : *passedOver) skipped.insert(key);
  }
  Status firstFailure;
  // One timer at a time, earliest first: firing one may add or remove others.
  while (true) {
    auto earliest = impl_->store().earliestTimer(skipped);
    if (!earliest.isOk()) return earliest.status();
    std::optional<TimerRef> next = earliest.value();
    if (next && next->dueMillis > now) next.reset();
    // A timer start event due no later than the earliest instance timer
    // goes first: it starts an instance.
    auto startTimers = impl_->store().startTimers();
    if (!startTimers.isOk()) return startTimers.status();
    std::optional<StartTimerRecord> startTimer;
    for (const auto& timer : startTimers.value()) {
      if (timer.dueMillis > now || (next && timer.dueMillis > next->dueMillis)) continue;
      if (!impl_->startTimerUsable(timer)) continue;  // its version broken, or a damaged row
      if (!startTimer || timer.dueMillis < startTimer->dueMillis) startTimer = timer;
    }
    if (startTimer) {
      auto started = impl_->attempt([&](Impl::Work& work) -> Result<CommandResult> {
        // The process's start timers after this firing.
        std::vector<StartTimerRecord> remaining;
        bool found = false;
        auto stored = impl_->store().startTimers();
        if (!stored.isOk()) return stored.status();
        for (auto timer : stored.value()) {
          if (timer.processId != startTimer->processId) continue;
          if (timer.elementId == startTimer->elementId && timer.version == startTimer->version) {
            found = true;
            if (timer.repetitions == 0) continue;
            const CompiledProcess* owner = impl_->find(timer.processId, timer.version);
            const model::FlowElement* event = owner ? impl_->timerStartEvent(*owner, timer.elementId) : nullptr;
            auto next = event
                            ? runtime::nextFiring(
                                  event->eventDefinitions.front(), timer.dueMillis, timer.intervalMillis, now,
                                  [&](const FeelExpression& expression) {
                                    return expression.evaluate({}, impl_->options.feelLimits, EvaluationEnvironment{});
                                  },
                                  owner->cronDialect)
                            : std::nullopt;
            if (!next || (timer.repetitions > 0 && next->missed >= timer.repetitions)) continue;
            timer.dueMillis = next->dueMillis;
            if (timer.repetitions > 0) timer.repetitions -= static_cast<int>(1 + next->missed);
          }
          remaining.push_back(timer);
        }
        const CompiledProcess* process = impl_->find(startTimer->processId, startTimer->version);
        if (!found || !process) return Status::conflict("start timer changed");  // another writer fired it
        work.startTimers[startTimer->processId] = std::move(remaining);
        const std::uint64_t key = impl_->start(work, *process, {}, 0, 0, startTimer->elementId).key;
        impl_->settle(work);
        return impl_->commit(work, key);
      });
      if (!started.isOk()) return started.status();
      results.push_back(std::move(started.value()));
      continue;
    }
    if (!next) {
      if (!firstFailure.isOk()) return firstFailure;
      return results;
    }
    const std::uint64_t timerKey = next->timerKey;
    // A process that loops through a timer already due when it is set (a
    // zero duration) would keep this call, or `serve`, firing for ever. A
    // firing that sets a new timer (a key taken by this command) already
    // due extends the instance's chain; any other firing ends it. Past the
    // bound, the timer stops with an incident. Timers merely due together
    // (a multi-instance's, a cycle catching up) set no such timer.
    auto& chain = impl_->timerChains[next->instanceKey];
    const bool runaway = chain >= runtime::kTimerFiringsAtOneInstant;
    std::uint64_t firstNewKey = 0;
    auto fired = impl_->command(
        next->instanceKey,
        [this, timerKey, runaway, &firstNewKey](RunContext& context, InstanceSnapshot& instance) -> Status {
          // The store's index of due timers and the instance's rows disagree
          // (a damaged file): firing nothing would leave the timer due, and
          // this loop would meet it again for ever.
          if (std::none_of(instance.timers.begin(), instance.timers.end(),
                           [&](const TimerSnapshot& timer) { return timer.key == timerKey; })) {
            return Status::damaged(impl_->store().location() + ": instance " + std::to_string(instance.key) +
                                   " is damaged: table timers, key " + std::to_string(timerKey) +
                                   ": due by the store's index, but not among the instance's timers");
          }
          firstNewKey = context.nextKeyValue();
          if (runaway) {
            runtime::stopTimer(context, timerKey,
                               "timer fired " + std::to_string(runtime::kTimerFiringsAtOneInstant) +
                                   " times in a row, each setting a timer already due: the process loops "
                                   "through timers that are already due");
          } else {
            runtime::fireTimer(context, timerKey);
          }
          return Status::ok();
        });
    if (fired.isOk()) {
      const auto& timers = fired.value().instance.timers;
      const bool rearmed = std::any_of(timers.begin(), timers.end(), [&](const TimerSnapshot& timer) {
        return timer.key >= firstNewKey && timer.dueMillis <= now;
      });
      chain = rearmed && !runaway ? chain + 1 : 0;
      if (chain == 0) impl_->timerChains.erase(next->instanceKey);
    }
    if (!fired.isOk()) {
      if (fired.status().code() == StatusCode::kConflict) return fired.status();
      if (passedOver) {
        passedOver->emplace(next->instanceKey, fired.status());
      } else if (firstFailure.isOk()) {
        firstFailure = fired.status();
      }
      skipped.insert(next->instanceKey);
      continue;
    }
    results.push_back(std::move(fired.value()));
  }
}

Result<std::optional<std::int64_t>> Engine::nextTimerDue(const PassedOver* passedOver) const {
  std::set<std::uint64_t> skipped;
  if (passedOver) {
    for (const auto& [key, why] : *passedOver) skipped.insert(key);
  }
  std::optional<std::int64_t> earliest;
  auto startTimers = impl_->store().startTimers();
  if (!startTimers.isOk()) return startTimers.status();
  for (const auto& timer : startTimers.value()) {
    if (!impl_->startTimerUsable(timer)) continue;
    if (!earliest || timer.dueMillis < *earliest) earliest = timer.dueMillis;
  }
  auto timer = impl_->store().earliestTimer(skipped);
  if (!timer.isOk()) return timer.status();
  if (timer.value() && (!earliest || timer.value()->dueMillis < *earliest)) earliest = timer.value()->dueMillis;
  return earliest;
}

Status Engine::beginGroup() { return impl_->store().beginGroup(); }
Status Engine::endGroup() { return impl_->store().endGroup(); }

Result<std::optional<InstanceSnapshot>> Engine::instance(std::uint64_t key) const {
  Impl::Work work;
  if (InstanceSnapshot* loaded = impl_->load(work, key)) return std::optional<InstanceSnapshot>(std::move(*loaded));
  if (!work.readError.isOk()) return work.readError;
  return std::optional<InstanceSnapshot>();
}

namespace {

// A job as a worker receives it: with every variable visible to the task,
// its locals (input mappings) first, then its scopes', innermost first.
ActivatedJob activated(const InstanceSnapshot& instance, const JobSnapshot& job) {
  ActivatedJob result{job.key, instance.key, job.elementId, job.type, job.retries, job.headers, {}};
  const TokenSnapshot* owner = nullptr;
  for (const auto& token : instance.tokens) {
    if (token.key == job.tokenKey) owner = &token;
  }
  if (!owner) return result;
  result.variables = runtime::visibleVariables(instance, owner->scopeKey, owner->locals);
  return result;
}

}  // namespace

Result<std::vector<ActivatedJob>> Engine::jobs(std::uint64_t instanceKey) const {
  std::vector<ActivatedJob> result;
  auto loaded = this->instance(instanceKey);
  if (!loaded.isOk()) return loaded.status();
  if (!loaded.value()) return result;
  const InstanceSnapshot* instance = &*loaded.value();
  const std::int64_t now = impl_->clock().nowMillis();
  for (const auto& job : instance->jobs) {
    if (job.state != JobState::kActivatable || job.retryAtMillis > now) continue;
    result.push_back(activated(*instance, job));
  }
  return result;
}

Result<std::vector<ActivatedJob>> Engine::activateJobs(std::string_view type, std::string_view worker, std::size_t max,
                                                       std::int64_t lockMillis) {
  for (const auto& [value, what] : {std::pair{type, "job type"}, {worker, "worker name"}}) {
    if (Status text = requireUtf8(value, what); !text.isOk()) return text;
  }
  return impl_->attempt([&](Impl::Work& work) -> Result<std::vector<ActivatedJob>> {
    const std::int64_t now = impl_->clock().nowMillis();
    std::vector<ActivatedJob> result;
    auto activate = [&](InstanceSnapshot& instance, std::uint64_t jobKey) {
      for (auto& job : instance.jobs) {
        if (job.key != jobKey || job.state != JobState::kActivatable || job.retryAtMillis > now ||
            job.lockDeadlineMillis > now) {
          continue;
        }
        job.lockOwner = worker;
        job.lockDeadlineMillis = addMillis(now, std::max<std::int64_t>(lockMillis, 1));
        std::uint64_t elementInstanceKey = 0;
        for (const auto& token : instance.tokens) {
          if (token.key == job.tokenKey) elementInstanceKey = token.elementInstanceKey;
        }
        const CompiledProcess* process = impl_->find(instance.processId, instance.version);
        const std::string elementType =
            process ? std::string(model::elementKindName(process->element(job.elementId).element->kind)) : "";
        work.records.push_back({impl_->nextSequence++, RecordKind::kJobActivated, instance.key, job.elementId,
                                elementType, elementInstanceKey, now, std::string(worker)});
        result.push_back(activated(instance, job));
      }
    };
    // A damaged instance's jobs are passed over, so that it holds up no
    // other job of the type: while a round finds an instance damaged, the
    // next asks again without it (the jobs activated so far come first
    // again, and are not activated twice).
    std::set<std::uint64_t> damaged;
    std::set<std::uint64_t> taken;
    for (bool again = true; again;) {
      again = false;
      auto refs = impl_->store().activatableJobs(std::string(type), now, max, damaged);
      if (!refs.isOk()) return refs.status();
      for (const JobRef& ref : refs.value()) {
        if (!taken.insert(ref.jobKey).second) continue;
        InstanceSnapshot* instance = impl_->load(work, ref.instanceKey);
        if (!instance && !work.readError.isOk() && work.readError.code() != StatusCode::kDamaged) {
          return work.readError;  // the store cannot answer: no job is activated
        }
        if (!instance) {  // damaged, or a job row whose instance row is missing
          work.readError = Status::ok();
          again = damaged.insert(ref.instanceKey).second || again;
          continue;
        }
        activate(*instance, ref.jobKey);
      }
    }
    if (work.touched.empty()) return result;
    if (Status status = impl_->commitWork(work); !status.isOk()) return status;
    return result;
  });
}

}  // namespace bpmn

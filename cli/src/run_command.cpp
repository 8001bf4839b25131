// bpmn run FILE [--process ID] [--variables JSON|@file|@-] [--auto]
//   [--complete ELEMENT_ID=JSON]... [--output text|json] [--trace]
//   [--virtual-clock] [--message NAME[:KEY][=JSON]]... [--signal NAME[=JSON]]...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <ostream>
#include <sstream>

#include "arguments.h"
#include "bpmn/engine.h"
#include "bpmn/feel/json.h"
#include "bpmn/parser.h"
#include "bpmn/storage/sqlite_store.h"
#include "bpmn/text.h"
#include "commands.h"
#include "verbs.h"
#include "workspace.h"

namespace bpmn::cli {
namespace {

// Commands one run may give one instance (completions, deliveries, timer
// firings) before it stops the instance with an incident.
constexpr std::size_t kCommandsPerInstance = 10'000;

class Collector final : public Listener {
 public:
  Collector(std::ostream* trace, bool withTime) : trace_(trace), withTime_(withTime) {}
  void onRecord(const HistoryRecord& record) override {
    if (trace_) *trace_ << recordText(record, withTime_) << "\n";
    if (record.kind == RecordKind::kElementCompleted) completed.push_back(record);
  }
  std::vector<HistoryRecord> completed;

 private:
  std::ostream* trace_;
  bool withTime_;
};

// A --message or --signal, parsed: NAME[:KEY][=JSON] (signals have no key).
struct Delivery {
  bool signal = false;
  std::string name;
  std::string key;
  feel::Context variables;
};

std::optional<Delivery> parseDelivery(const std::string& spec, bool signal, std::ostream& err) {
  Delivery delivery;
  delivery.signal = signal;
  const auto equals = spec.find('=');
  std::string head = spec.substr(0, equals);
  if (equals != std::string::npos) {
    auto variables = feel::parseJsonObject(spec.substr(equals + 1));
    if (!variables.isOk()) {
      err << (signal ? "--signal " : "--message ") << spec << ": after \"=\": " << variables.status().message() << "\n";
      return std::nullopt;
    }
    delivery.variables = std::move(variables).value();
  }
  const auto colon = signal ? std::string::npos : head.find(':');
  delivery.name = head.substr(0, colon);
  if (colon != std::string::npos) delivery.key = head.substr(colon + 1);
  if (delivery.name.empty()) {
    err << (signal ? "--signal " : "--message ") << spec << ": no name\n";
    return std::nullopt;
  }
  return delivery;
}

// Finds the element of the file's processes (sub-processes included) with
// this id.
const model::FlowElement* findFlowElement(const std::vector<model::FlowElement>& elements, const std::string& id) {
  for (const auto& element : elements) {
    if (element.id == id) return &element;
    if (const auto* inner = findFlowElement(element.flowElements, id)) return inner;
  }
  return nullptr;
}

// A --complete naming an element that is not there, or that never waits
// for a completion (only jobs and user tasks do), would be silently
// ignored: says why it is refused, or nothing.
std::optional<std::string> unknownCompletion(const std::map<std::string, feel::Context>& completions,
                                             const std::string& bytes, const std::string& file) {
  if (completions.empty()) return std::nullopt;
  const auto parsed = parseBpmn(bytes, file);
  for (const auto& [id, variables] : completions) {
    const model::FlowElement* element = nullptr;
    for (const auto* process : parsed.definitions->processes()) {
      if ((element = findFlowElement(process->flowElements, id))) break;
    }
    if (!element) return "--complete " + id + "=...: " + file + " has no element \"" + id + "\"";
    switch (element->kind) {
      case model::ElementKind::kServiceTask:
      case model::ElementKind::kSendTask:
      case model::ElementKind::kUserTask:
      case model::ElementKind::kBusinessRuleTask:
      case model::ElementKind::kScriptTask:
      case model::ElementKind::kIntermediateThrowEvent:  // a message throw worked by a job
      case model::ElementKind::kEndEvent:
        break;
      default:
        return "--complete " + id + "=...: <" + std::string(model::elementKindName(element->kind)) + " id=\"" + id +
               "\"> is not a job or user task: nothing completes it";
    }
  }
  return std::nullopt;
}

// --instances N: N instances one after another, each driven as a single
// run is; prints how many completed, instances per second and latency
// percentiles (a progress bar on a terminal).
int runMany(const RunOptions& options, Engine& engine, const std::function<std::optional<int>()>& runOne,
            const std::uint64_t& instanceKey, std::ostream& out, std::ostream& err) {
  std::vector<double> latencies;
  std::size_t completed = 0;
  // The bar ends its line before the summary prints (both on a terminal).
  std::optional<Progress> progress(std::in_place, static_cast<std::size_t>(options.instances), "running");
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < options.instances; ++i) {
    const auto began = std::chrono::steady_clock::now();
    if (auto failed = runOne()) return *failed;
    latencies.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count());
    auto instance = engine.instance(instanceKey);
    if (!instance.isOk()) {
      err << instance.status().message() << "\n";
      return kExitUnusable;
    }
    if (instance.value() && instance.value()->state == InstanceState::kCompleted) ++completed;
    progress->step();
  }
  progress.reset();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(latencies.begin(), latencies.end());
  auto percentile = [&](double p) {
    return latencies[std::min(latencies.size() - 1,
                              static_cast<std::size_t>(p * static_cast<double>(latencies.size())))];
  };
  char line[256];
  if (options.output == "json") {
    std::snprintf(line, sizeof line,
                  "{\"instances\": %d, \"completed\": %zu, \"seconds\": %.3f, \"perSecond\": %.1f, "
                  "\"latencyMillis\": {\"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f, \"max\": %.3f}}\n",
                  options.instances, completed, seconds, options.instances / seconds, percentile(0.5), percentile(0.95),
                  percentile(0.99), latencies.back());
  } else {
    std::snprintf(line, sizeof line,
                  "%d instances, %zu completed, in %.3f s: %.1f instances/s; latency p50 %.3f ms, p95 %.3f ms, "
                  "p99 %.3f ms, max %.3f ms\n",
                  options.instances, completed, seconds, options.instances / seconds, percentile(0.5), percentile(0.95),
                  percentile(0.99), latencies.back());
  }
  out << line;
  if (completed < static_cast<std::size_t>(options.instances)) {
    err << options.instances - static_cast<int>(completed) << " instances did not complete\n";
    return kExitWaiting;
  }
  return kExitOk;
}

}  // namespace

namespace {

int runOnce(const RunOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  if (options.db.empty() && (!options.synchronous.empty() || options.quickCheck)) {
    // Without a file the run keeps everything in memory: nothing to flush
    // or check.
    err << (options.quickCheck ? "--quick-check" : "--synchronous") << " needs --db FILE: without it bpmn run "
        << "keeps its instance in memory\n";
    return kExitUnusable;
  }
  auto bytes = readFile(options.file);
  if (!bytes.isOk()) {
    err << bytes.status().message() << "\n";
    return kExitUnusable;
  }
  auto variablesText = argumentText(options.variables, in, err);
  if (!variablesText) return kExitUnusable;
  auto variables = feel::parseJsonObject(*variablesText);
  if (!variables.isOk()) {
    err << "--variables: " << variables.status().message() << "\n";
    return kExitUnusable;
  }
  std::map<std::string, feel::Context> completions;
  for (const auto& spec : options.complete) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos) {
      err << "--complete " << spec << ": expected ELEMENT_ID=JSON (an object of variables, {} for none)\n";
      return kExitUnusable;
    }
    auto value = feel::parseJsonObject(spec.substr(equals + 1));
    if (!value.isOk()) {
      err << "--complete " << spec << ": expected ELEMENT_ID=JSON object: " << value.status().message() << "\n";
      return kExitUnusable;
    }
    completions[spec.substr(0, equals)] = std::move(value).value();
  }
  std::vector<Delivery> deliveries;
  for (const auto& spec : options.messages) {
    auto delivery = parseDelivery(spec, false, err);
    if (!delivery) return kExitUnusable;
    deliveries.push_back(std::move(*delivery));
  }
  for (const auto& spec : options.signals) {
    auto delivery = parseDelivery(spec, true, err);
    if (!delivery) return kExitUnusable;
    deliveries.push_back(std::move(*delivery));
  }
  std::size_t delivered = 0;

  Collector collector(options.trace ? &err : nullptr, options.virtualClock);
  EngineOptions engineOptions;
  engineOptions.listeners.push_back(&collector);
  ManualClock virtualClock(SystemClock().nowMillis());
  if (options.virtualClock) engineOptions.clock = &virtualClock;
  std::unique_ptr<storage::SqliteStore> store;
  if (!options.db.empty()) {
    auto opened = storage::SqliteStore::open(storeOptions(options.db, options.synchronous, options.quickCheck));
    if (!opened.isOk()) {
      err << opened.status().message() << "\n";
      return kExitUnusable;
    }
    store = std::move(opened.value());
    engineOptions.store = store.get();
  }
  Engine engine(engineOptions);
  if (Status status = engine.open(); !status.isOk()) {
    err << status.message() << "\n";
    return kExitUnusable;
  }
  auto deployed = engine.deploy(bytes.value(), options.file);
  if (!deployed.isOk()) {
    err << deployed.status().message() << "\n";
    // Input that is not BPMN at all is unusable; a model with errors is not.
    return parseBpmn(bytes.value(), options.file).definitions ? kExitErrors : kExitUnusable;
  }
  std::string processId = options.process;
  if (processId.empty()) processId = deployed.value().processes.front().processId;
  if (auto refused = unknownCompletion(completions, bytes.value(), options.file)) {
    err << *refused << "\n";
    return kExitUnusable;
  }
  // One instance: start it, then complete what waits (every job and user
  // task with --auto, the named ones otherwise) until nothing more moves.
  std::uint64_t instanceKey = 0;
  auto runOne = [&]() -> std::optional<int> {
    auto started = engine.createInstance(processId, variables.value(), std::nullopt, options.businessKey);
    if (!started.isOk()) {
      err << started.status().message() << "\n";
      return kExitErrors;
    }
    instanceKey = started.value().instance.key;
    delivered = 0;

    // Complete what waits: every job and user task with --auto, the named ones
    // otherwise, until nothing more moves.
    for (std::size_t round = 0;; ++round) {
      auto loaded = engine.instance(instanceKey);
      if (!loaded.isOk()) {
        err << loaded.status().message() << "\n";
        return kExitUnusable;
      }
      const std::optional<InstanceSnapshot>& instance = loaded.value();
      if (!instance || instance->state != InstanceState::kActive) break;
      if (round == kCommandsPerInstance) {
        // A process that loops through the waits this run completes (user
        // tasks, jobs, timers on the virtual clock) would run for ever.
        auto stopped = engine.raiseIncident(
            instanceKey, "bpmn run stopped after " + std::to_string(kCommandsPerInstance) +
                             " commands on this instance: it loops through waits that the run completes at once");
        if (!stopped.isOk()) {
          err << stopped.status().message() << "\n";
          return kExitErrors;
        }
        break;
      }
      bool moved = false;
      auto deliverNext = [&]() -> std::optional<int> {
        // The instance rests: the next --message or --signal.
        const Delivery& next = deliveries[delivered++];
        auto reached = next.signal ? engine.broadcastSignal(next.name, next.variables)
                                   : engine.publishMessage(next.name, next.key, next.variables);
        if (!reached.isOk()) {
          err << reached.status().message() << "\n";
          return kExitErrors;
        }
        if (reached.value() == 0) {
          err << (next.signal ? "signal \"" : "message \"") << next.name << "\""
              << (next.key.empty() ? "" : " with key \"" + next.key + "\"") << " reached no "
              << (next.signal ? "subscription" : "subscription or start event") << "\n";
        }
        return std::nullopt;
      };
      auto jobs = engine.jobs(instanceKey);
      if (!jobs.isOk()) {
        err << jobs.status().message() << "\n";
        return kExitUnusable;
      }
      for (const auto& job : jobs.value()) {
        auto named = completions.find(job.elementId);
        if (named == completions.end() && !options.autoComplete) continue;
        auto done =
            engine.completeJob(instanceKey, job.key, named == completions.end() ? feel::Context{} : named->second);
        if (!done.isOk()) {
          err << done.status().message() << "\n";
          return kExitErrors;
        }
        moved = true;
        break;  // the instance changed: look again
      }
      if (moved) continue;
      for (const auto& task : instance->userTasks) {
        auto named = completions.find(task.elementId);
        if (named == completions.end() && !options.autoComplete) continue;
        auto done = engine.completeUserTask(instanceKey, task.tokenKey,
                                            named == completions.end() ? feel::Context{} : named->second);
        if (!done.isOk()) {
          err << done.status().message() << "\n";
          return kExitErrors;
        }
        moved = true;
        break;
      }
      if (!moved && delivered < deliveries.size()) {
        if (auto failed = deliverNext()) return *failed;
        continue;
      }
      if (!moved && options.virtualClock) {
        // Nothing else moves: jump the virtual clock to the next timer.
        auto nextDue = engine.nextTimerDue();
        if (!nextDue.isOk()) {
          err << nextDue.status().message() << "\n";
          return kExitUnusable;
        }
        if (auto due = nextDue.value()) {
          virtualClock.set(std::max(virtualClock.nowMillis(), *due));
          auto fired = engine.fireDueTimers();
          moved = fired.isOk() && !fired.value().empty();
        }
      }
      if (!moved) break;
    }
    return std::nullopt;
  };

  if (options.instances > 1) return runMany(options, engine, runOne, instanceKey, out, err);
  if (auto failed = runOne()) return *failed;

  auto loaded = engine.instance(instanceKey);
  if (!loaded.isOk() || !loaded.value()) {
    err << (loaded.isOk() ? "instance " + std::to_string(instanceKey) + " is gone" : loaded.status().message()) << "\n";
    return kExitUnusable;
  }
  const InstanceSnapshot instance = std::move(*loaded.value());
  if (options.output == "json") {
    std::string json =
        "{\n  \"process\": " + jsonString(processId) + ",\n  \"instance\": " + std::to_string(instanceKey) +
        (instance.businessKey.empty() ? "" : ",\n  \"businessKey\": " + jsonString(instance.businessKey)) +
        ",\n  \"state\": " + jsonString(std::string(instanceStateName(instance.state))) + ",\n  \"completed\": [";
    for (std::size_t i = 0; i < instance.completed.size(); ++i)
      json += (i ? ", " : "") + jsonString(instance.completed[i]);
    json += "],\n  \"active\": [";
    bool first = true;
    for (const auto& token : instance.tokens) {
      json += (first ? "" : ", ") + jsonString(token.elementId);
      first = false;
    }
    json += "],\n  \"timers\": [";
    for (std::size_t i = 0; i < instance.timers.size(); ++i) {
      json += std::string(i ? ", " : "") + "{\"element\": " + jsonString(instance.timers[i].elementId) +
              ", \"due\": " + jsonString(isoTime(instance.timers[i].dueMillis)) + "}";
    }
    json += "],\n  \"subscriptions\": [";
    for (std::size_t i = 0; i < instance.messageSubscriptions.size(); ++i) {
      const auto& subscription = instance.messageSubscriptions[i];
      json += std::string(i ? ", " : "") + "{\"element\": " + jsonString(subscription.elementId) +
              ", \"message\": " + jsonString(subscription.name) +
              ", \"correlationKey\": " + jsonString(subscription.correlationKey) + "}";
    }
    json += "],\n  \"variables\": " + feel::toJson(feel::Value(instance.scopes.front().variables)) +
            ",\n  \"incidents\": [";
    for (std::size_t i = 0; i < instance.incidents.size(); ++i) {
      json += std::string(i ? ", " : "") + "{\"element\": " + jsonString(instance.incidents[i].elementId) +
              ", \"message\": " + jsonString(instance.incidents[i].message) + "}";
    }
    out << json << "]\n}\n";
  } else {
    // The run's own instance, as the JSON's "completed" lists it (instances
    // it called or reached by messages show with --trace).
    for (const auto& record : collector.completed) {
      if (record.instanceKey != instanceKey) continue;
      if (options.virtualClock) out << isoTime(record.timeMillis) << " ";
      out << "<" << record.elementType << " id=\"" << record.elementId << "\"> completed\n";
    }
    for (const auto& incident : instance.incidents) {
      err << "incident at \"" << text::printable(incident.elementId) << "\": " << text::printable(incident.message)
          << "\n";
    }
    err << "instance " << instanceKey << " of " << processId << ": " << instanceStateName(instance.state) << "\n";
  }
  switch (instance.state) {
    case InstanceState::kCompleted:
    case InstanceState::kTerminated:
    case InstanceState::kCancelled:
      return kExitOk;
    case InstanceState::kActive:
      return kExitWaiting;
    case InstanceState::kIncident:
      return kExitIncident;
  }
  return kExitOk;
}

}  // namespace

int runRun(const RunOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  if (options.output != "json") return runOnce(options, in, out, err);
  // JSON mode: a run that fails says why as {"error": "..."} (the lines it
  // would print, joined); notes of a run that went through stay text.
  std::ostringstream problems;
  const int exitCode = runOnce(options, in, out, problems);
  std::string text = problems.str();
  if ((exitCode == kExitErrors || exitCode == kExitUnusable) && !text.empty()) {
    text.erase(text.find_last_not_of('\n') + 1);
    err << "{\"error\": " << jsonString(text) << "}\n";
  } else {
    err << text;
  }
  return exitCode;
}

}  // namespace bpmn::cli

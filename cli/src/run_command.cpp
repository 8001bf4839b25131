// bpmn run FILE [--process ID] [--variables JSON|@file|@-] [--auto]
//   [--complete ELEMENT_ID=JSON]... [--output text|json] [--trace]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <ostream>

#include "arguments.h"
#include "bpmn/engine.h"
#include "bpmn/feel/json.h"
#include "bpmn/parser.h"
#include "commands.h"

namespace bpmn::cli {
namespace {

constexpr int kExitWaiting = 3;
constexpr int kExitIncident = 4;

class Collector final : public Listener {
 public:
  explicit Collector(std::ostream* trace) : trace_(trace) {}
  void onRecord(const HistoryRecord& record) override {
    if (trace_) {
      *trace_ << "#" << record.sequence << " " << recordKindName(record.kind) << " ";
      if (!record.elementType.empty()) {
        *trace_ << "<" << record.elementType << " id=\"" << record.elementId << "\">";
      } else {
        *trace_ << record.elementId;
      }
      if (!record.detail.empty()) *trace_ << ": " << record.detail;
      *trace_ << "\n";
    }
    if (record.kind == RecordKind::kElementCompleted) completed.push_back(record);
  }
  std::vector<HistoryRecord> completed;

 private:
  std::ostream* trace_;
};

std::string quote(const std::string& text) { return feel::toJson(feel::Value(text)); }

// "2026-11-23T10:00:00.000Z"
std::string isoTime(std::int64_t millis) {
  const std::int64_t days = millis >= 0 ? millis / 86'400'000 : (millis - 86'399'999) / 86'400'000;
  const std::int64_t rest = millis - days * 86'400'000;
  char time[32];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02d.%03dZ", static_cast<int>(rest / 3'600'000),
                static_cast<int>(rest / 60'000 % 60), static_cast<int>(rest / 1000 % 60),
                static_cast<int>(rest % 1000));
  return feel::toString(feel::civilFromDays(days)) + time;
}

}  // namespace

int runRun(const RunOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  auto bytes = readFile(options.file);
  if (!bytes.isOk()) {
    err << bytes.status().message() << "\n";
    return kExitUnusable;
  }
  auto variablesText = argumentText(options.variables, in, err);
  if (!variablesText) return kExitUnusable;
  auto variables = feel::fromJson(*variablesText);
  if (!variables || !variables->context()) {
    err << "--variables: not a JSON object\n";
    return kExitUnusable;
  }
  std::map<std::string, feel::Context> completions;
  for (const auto& spec : options.complete) {
    const auto equals = spec.find('=');
    auto value = equals == std::string::npos ? std::optional<feel::Value>(feel::Context{})
                                             : feel::fromJson(spec.substr(equals + 1));
    if (!value || !value->context()) {
      err << "--complete " << spec << ": expected ELEMENT_ID=JSON object\n";
      return kExitUnusable;
    }
    completions[spec.substr(0, equals)] = *value->context();
  }

  Collector collector(options.trace ? &err : nullptr);
  EngineOptions engineOptions;
  engineOptions.listeners.push_back(&collector);
  ManualClock virtualClock(SystemClock().nowMillis());
  if (options.virtualClock) engineOptions.clock = &virtualClock;
  Engine engine(engineOptions);
  auto deployed = engine.deploy(bytes.value(), options.file);
  if (!deployed.isOk()) {
    err << deployed.status().message() << "\n";
    // Input that is not BPMN at all is unusable; a model with errors is not.
    return parseBpmn(bytes.value(), options.file).definitions ? kExitErrors : kExitUnusable;
  }
  std::string processId = options.process;
  if (processId.empty()) processId = deployed.value().processes.front().processId;
  auto started = engine.createInstance(processId, *variables->context());
  if (!started.isOk()) {
    err << started.status().message() << "\n";
    return kExitErrors;
  }
  const std::uint64_t instanceKey = started.value().instance.key;

  // Complete what waits: every job and user task with --auto, the named ones
  // otherwise, until nothing more moves.
  for (int round = 0; round < 10'000; ++round) {
    auto instance = engine.instance(instanceKey);
    if (!instance || instance->state != InstanceState::kActive) break;
    bool moved = false;
    for (const auto& job : engine.jobs(instanceKey)) {
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
    if (!moved && options.virtualClock) {
      // Nothing else moves: jump the virtual clock to the next timer.
      if (auto due = engine.nextTimerDue()) {
        virtualClock.set(std::max(virtualClock.nowMillis(), *due));
        auto fired = engine.fireDueTimers();
        moved = fired.isOk() && !fired.value().empty();
      }
    }
    if (!moved) break;
  }

  const InstanceSnapshot instance = *engine.instance(instanceKey);
  if (options.output == "json") {
    std::string json = "{\n  \"process\": " + quote(processId) + ",\n  \"instance\": " + std::to_string(instanceKey) +
                       ",\n  \"state\": " + quote(std::string(instanceStateName(instance.state))) +
                       ",\n  \"completed\": [";
    for (std::size_t i = 0; i < instance.completed.size(); ++i) json += (i ? ", " : "") + quote(instance.completed[i]);
    json += "],\n  \"active\": [";
    bool first = true;
    for (const auto& token : instance.tokens) {
      json += (first ? "" : ", ") + quote(token.elementId);
      first = false;
    }
    json += "],\n  \"timers\": [";
    for (std::size_t i = 0; i < instance.timers.size(); ++i) {
      json += std::string(i ? ", " : "") + "{\"element\": " + quote(instance.timers[i].elementId) +
              ", \"due\": " + quote(isoTime(instance.timers[i].dueMillis)) + "}";
    }
    json += "],\n  \"variables\": " + feel::toJson(feel::Value(instance.scopes.front().variables)) +
            ",\n  \"incidents\": [";
    for (std::size_t i = 0; i < instance.incidents.size(); ++i) {
      json += std::string(i ? ", " : "") + "{\"element\": " + quote(instance.incidents[i].elementId) +
              ", \"message\": " + quote(instance.incidents[i].message) + "}";
    }
    out << json << "]\n}\n";
  } else {
    for (const auto& record : collector.completed) {
      if (options.virtualClock) out << isoTime(record.timeMillis) << " ";
      out << "<" << record.elementType << " id=\"" << record.elementId << "\"> completed\n";
    }
    for (const auto& incident : instance.incidents) {
      err << "incident at \"" << incident.elementId << "\": " << incident.message << "\n";
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

}  // namespace bpmn::cli

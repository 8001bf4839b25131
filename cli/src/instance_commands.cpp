// bpmn create instance, list instances, get instance, cancel instance,
// set variables, history.
#include <chrono>
#include <iostream>
#include <thread>

#include "bpmn/clock.h"
#include "bpmn/feel/json.h"
#include "bpmn/text.h"
#include "commands.h"
#include "verbs.h"

namespace bpmn::cli {

std::string recordJson(const HistoryRecord& record) {
  return "{\"sequence\": " + std::to_string(record.sequence) +
         ", \"kind\": " + jsonString(std::string(recordKindName(record.kind))) +
         ", \"instance\": " + std::to_string(record.instanceKey) + ", \"element\": " + jsonString(record.elementId) +
         ", \"type\": " + jsonString(record.elementType) +
         ", \"elementInstance\": " + std::to_string(record.elementInstanceKey) +
         ", \"time\": " + jsonString(isoTime(record.timeMillis)) + ", \"detail\": " + jsonString(record.detail) + "}";
}

std::string recordText(const HistoryRecord& record, bool withTime) {
  std::string text = withTime ? isoTime(record.timeMillis) + " " : std::string();
  text += "#" + std::to_string(record.sequence) + " " + std::string(recordKindName(record.kind)) + " <" +
          record.elementType + " id=\"" + record.elementId + "\">";
  if (!record.detail.empty()) text += ": " + record.detail;
  return text::printable(text);
}

std::string instanceJson(const InstanceSnapshot& instance, bool withVariables) {
  auto strings = [](const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + jsonString(items[i]);
    return out + "]";
  };
  std::vector<std::string> active, jobs, tasks, timers, subscriptions, incidents;
  for (const auto& token : instance.tokens) active.push_back(token.elementId);
  const std::int64_t now = SystemClock().nowMillis();
  for (const auto& job : instance.jobs) {
    jobs.push_back("{\"key\": " + std::to_string(job.key) + ", \"element\": " + jsonString(job.elementId) +
                   ", \"type\": " + jsonString(job.type) + ", \"state\": " +
                   jsonString(std::string(jobStatus(job.state, job.lockDeadlineMillis, job.retryAtMillis, now))) +
                   ", \"retries\": " + std::to_string(job.retries) + "}");
  }
  for (const auto& task : instance.userTasks) {
    tasks.push_back("{\"key\": " + std::to_string(task.tokenKey) + ", \"element\": " + jsonString(task.elementId) +
                    ", \"assignee\": " + jsonString(task.assignee) + "}");
  }
  for (const auto& timer : instance.timers) {
    timers.push_back("{\"element\": " + jsonString(timer.elementId) +
                     ", \"due\": " + jsonString(isoTime(timer.dueMillis)) + "}");
  }
  for (const auto& subscription : instance.messageSubscriptions) {
    subscriptions.push_back("{\"element\": " + jsonString(subscription.elementId) +
                            ", \"message\": " + jsonString(subscription.name) +
                            ", \"correlationKey\": " + jsonString(subscription.correlationKey) + "}");
  }
  for (const auto& incident : instance.incidents) {
    incidents.push_back("{\"key\": " + std::to_string(incident.key) + ", \"element\": " +
                        jsonString(incident.elementId) + ", \"message\": " + jsonString(incident.message) + "}");
  }
  auto inline_ = [](const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out + "]";
  };
  std::string json =
      "{\"key\": " + std::to_string(instance.key) + ", \"process\": " + jsonString(instance.processId) +
      ", \"version\": " + std::to_string(instance.version) +
      ", \"state\": " + jsonString(std::string(instanceStateName(instance.state))) +
      ", \"businessKey\": " + jsonString(instance.businessKey) +
      ", \"parentInstance\": " + std::to_string(instance.parentInstanceKey) +
      ", \"startedAt\": " + jsonString(isoTime(instance.startedAtMillis)) +
      ", \"endedAt\": " + (instance.endedAtMillis ? jsonString(isoTime(instance.endedAtMillis)) : "null") +
      ", \"completed\": " + strings(instance.completed) + ", \"active\": " + strings(active) +
      ", \"jobs\": " + inline_(jobs) + ", \"tasks\": " + inline_(tasks) + ", \"timers\": " + inline_(timers) +
      ", \"subscriptions\": " + inline_(subscriptions) + ", \"incidents\": " + inline_(incidents);
  if (withVariables) {
    // The process scope's variables, and every scope with its key (what
    // `set variables KEY` takes for a sub-process or loop iteration).
    json += ", \"variables\": " + jsonValue(feel::Value(instance.scopes.front().variables)) + ", \"scopes\": [";
    for (std::size_t i = 0; i < instance.scopes.size(); ++i) {
      const auto& scope = instance.scopes[i];
      json += std::string(i ? ", " : "") + "{\"key\": " + std::to_string(scope.key) +
              ", \"element\": " + jsonString(scope.elementId) +
              ", \"parentScope\": " + std::to_string(scope.parentKey) +
              ", \"variables\": " + jsonValue(feel::Value(scope.variables)) + "}";
    }
    json += "]";
  }
  return json + "}";
}

namespace {

struct CreateOptions {
  WorkspaceFlags flags;
  std::string processId;
  std::optional<int> version;
  std::string variables;
  std::string businessKey;
  bool await = false;
  std::string awaitTimeout = "10m";
};

std::string instanceText(const InstanceSnapshot& instance) {
  const std::int64_t now = SystemClock().nowMillis();
  std::string text = "instance " + std::to_string(instance.key) + " of " + instance.processId + " version " +
                     std::to_string(instance.version) + ": " + std::string(instanceStateName(instance.state)) + "\n";
  if (!instance.businessKey.empty()) text += "business key: " + instance.businessKey + "\n";
  text += "started: " + isoTime(instance.startedAtMillis) +
          (instance.endedAtMillis ? ", ended: " + isoTime(instance.endedAtMillis) : std::string()) + "\n";
  std::string completed;
  for (const auto& id : instance.completed) completed += (completed.empty() ? "" : ", ") + id;
  text += "completed: " + (completed.empty() ? "-" : completed) + "\n";
  std::string waiting;
  for (const auto& token : instance.tokens) {
    std::string what;
    for (const auto& job : instance.jobs) {
      if (job.tokenKey == token.key) {
        what = " (job " + std::to_string(job.key) + ", " + job.type + ", " +
               std::string(jobStatus(job.state, job.lockDeadlineMillis, job.retryAtMillis, now)) + ")";
      }
    }
    for (const auto& task : instance.userTasks) {
      if (task.tokenKey == token.key) what = " (user task " + std::to_string(task.tokenKey) + ")";
    }
    waiting += (waiting.empty() ? "" : ", ") + token.elementId + what;
  }
  if (!waiting.empty()) text += "waiting: " + waiting + "\n";
  for (const auto& incident : instance.incidents) {
    text += "incident " + std::to_string(incident.key) + " at " + text::printable(incident.elementId) + ": " +
            text::printable(incident.message) + "\n";
  }
  return text;
}

int create(const CreateOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto variables = variablesArgument(options.variables, std::cin, reply);
  if (!variables) return kExitUnusable;
  auto timeout = durationArgument(options.awaitTimeout, "--timeout", reply);
  if (!timeout) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto created = workspace->engine->createInstance(options.processId, *variables, options.version, options.businessKey);
  if (!created.isOk()) return reply.fail(created.status());
  InstanceSnapshot instance = created.value().instance;
  // --await: until the instance ends (workers and `serve` move it on) or
  // stops on an incident, which needs someone to resolve it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(*timeout);
  while (options.await && instance.state == InstanceState::kActive) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return reply.fail(kExitErrors,
                        "instance " + std::to_string(instance.key) + " did not end within " + options.awaitTimeout);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto now = workspace->engine->instance(instance.key);
    if (!now.isOk()) return reply.fail(now.status());
    if (now.value()) instance = std::move(*now.value());
  }
  if (options.await && instance.state == InstanceState::kIncident) {
    std::string message = "instance " + std::to_string(instance.key) + " stopped on an incident";
    for (const auto& incident : instance.incidents) {
      message += "\nincident " + std::to_string(incident.key) + " at " + incident.elementId + ": " + incident.message;
    }
    return reply.fail(kExitIncident, message);
  }
  if (reply.json()) {
    std::cout << instanceJson(instance, options.await) << "\n";
  } else {
    std::cout << "created " << instanceText(instance);
    if (options.await) std::cout << "variables: " << jsonValue(feel::Value(instance.scopes.front().variables)) << "\n";
  }
  return kExitOk;
}

struct ListOptions {
  WorkspaceFlags flags;
  std::string state;
  std::string processId;
};

int list(const ListOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto instances = workspace->store->listInstances(options.state, options.processId);
  if (!instances.isOk()) return reply.fail(instances.status());
  std::vector<std::string> items;
  std::vector<std::vector<std::string>> rows;
  for (const auto& instance : instances.value()) {
    items.push_back("{\"key\": " + std::to_string(instance.key) + ", \"process\": " + jsonString(instance.processId) +
                    ", \"version\": " + std::to_string(instance.version) + ", \"state\": " +
                    jsonString(instance.state) + ", \"businessKey\": " + jsonString(instance.businessKey) +
                    ", \"parentInstance\": " + std::to_string(instance.parentInstanceKey) +
                    ", \"startedAt\": " + jsonString(isoTime(instance.startedAtMillis)) + ", \"endedAt\": " +
                    (instance.endedAtMillis ? jsonString(isoTime(instance.endedAtMillis)) : "null") + "}");
    rows.push_back({std::to_string(instance.key), instance.processId, std::to_string(instance.version), instance.state,
                    instance.businessKey, isoTime(instance.startedAtMillis)});
  }
  if (reply.json()) {
    std::cout << jsonArray(items) << "\n";
  } else {
    std::cout << table({"KEY", "PROCESS", "VERSION", "STATE", "BUSINESS KEY", "STARTED"}, rows);
  }
  return kExitOk;
}

struct GetOptions {
  WorkspaceFlags flags;
  std::uint64_t key = 0;
  bool variables = false;
  bool history = false;
};

int get(const GetOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto loaded = workspace->engine->instance(options.key);
  if (!loaded.isOk()) return reply.fail(loaded.status());
  if (!loaded.value()) return reply.fail(kExitErrors, "no process instance " + std::to_string(options.key));
  const InstanceSnapshot& instance = *loaded.value();
  std::vector<HistoryRecord> records;
  if (options.history) {
    auto history = workspace->store->instanceHistory(options.key);
    if (!history.isOk()) return reply.fail(history.status());
    records = std::move(history).value();
  }
  if (reply.json()) {
    std::string json = instanceJson(instance, options.variables);
    if (options.history) {
      std::string items;
      for (std::size_t i = 0; i < records.size(); ++i) items += (i ? ", " : "") + recordJson(records[i]);
      json = json.substr(0, json.size() - 1) + ", \"history\": [" + items + "]}";
    }
    std::cout << json << "\n";
    return kExitOk;
  }
  std::cout << instanceText(instance);
  if (options.variables) {
    for (const auto& scope : instance.scopes) {
      std::cout << "variables of " << scope.elementId << " (scope " << scope.key
                << "): " << jsonValue(feel::Value(scope.variables)) << "\n";
    }
  }
  for (const auto& record : records) std::cout << recordText(record) << "\n";
  return kExitOk;
}

struct KeyOptions {
  WorkspaceFlags flags;
  std::uint64_t key = 0;
  std::string variables;
  bool local = false;
};

int cancel(const KeyOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto cancelled = workspace->engine->cancelInstance(options.key);
  if (!cancelled.isOk()) return reply.fail(cancelled.status());
  if (reply.json()) {
    std::cout << instanceJson(cancelled.value().instance, false) << "\n";
  } else {
    std::cout << "cancelled instance " << options.key << "\n";
  }
  return kExitOk;
}

int setVariables(const KeyOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto variables = variablesArgument(options.variables, std::cin, reply);
  if (!variables) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  // KEY is an instance (its process scope) or a scope of one (a
  // sub-process, a multi-instance body or iteration: `get instance
  // --variables` shows their keys).
  std::uint64_t instanceKey = options.key, scopeKey = options.key;
  auto instance = workspace->engine->instance(options.key);
  if (!instance.isOk()) return reply.fail(instance.status());
  if (instance.value()) {
    scopeKey = instance.value()->scopes.front().key;
  } else {
    auto owner = workspace->store->instanceOf(storage::KeyKind::kScope, options.key);
    if (!owner.isOk()) return reply.fail(owner.status());
    if (!owner.value()) {
      return reply.fail(kExitErrors, "no process instance or variable scope " + std::to_string(options.key));
    }
    instanceKey = *owner.value();
  }
  auto set = workspace->engine->setVariables(instanceKey, scopeKey, *variables, options.local);
  if (!set.isOk()) return reply.fail(set.status());
  if (reply.json()) {
    std::cout << instanceJson(set.value().instance, true) << "\n";
  } else {
    std::cout << "set " << variables->size() << " variable" << (variables->size() == 1 ? "" : "s")
              << (scopeKey == options.key && instanceKey != options.key ? " of scope " + std::to_string(scopeKey) : "")
              << " of instance " << instanceKey << "\n";
  }
  return kExitOk;
}

int history(const GetOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto records = workspace->store->instanceHistory(options.key);
  if (!records.isOk()) return reply.fail(records.status());
  if (records.value().empty()) {
    auto instance = workspace->engine->instance(options.key);
    if (!instance.isOk()) return reply.fail(instance.status());
    if (!instance.value()) return reply.fail(kExitErrors, "no process instance " + std::to_string(options.key));
  }
  std::vector<std::string> items;
  for (const auto& record : records.value()) {
    if (reply.json()) {
      items.push_back(recordJson(record));
    } else {
      std::cout << recordText(record) << "\n";
    }
  }
  if (reply.json()) std::cout << jsonArray(items) << "\n";
  return kExitOk;
}

}  // namespace

void addInstanceVerbs(CLI::App& app, int& exitCode) {
  auto createOptions = std::make_shared<CreateOptions>();
  auto* create = verb(app, "create", "Create something in the workspace")
                     ->add_subcommand("instance",
                                      "Start an instance of a deployed process\n"
                                      "  example: bpmn create instance order --variables '{\"id\": 7}' --await");
  create->add_option("process", createOptions->processId, "Process id")->required();
  create->add_option("--version", createOptions->version, "Process version (default: the latest)");
  create->add_option("--variables", createOptions->variables, "Start variables: a JSON object, @file, or @-");
  create->add_option("--business-key", createOptions->businessKey, "The instance's business key");
  create->add_flag("--await", createOptions->await, "Wait until the instance ends and print its variables");
  create->add_option("--timeout", createOptions->awaitTimeout, "With --await: how long to wait (default 10m)");
  addWorkspaceFlags(create, createOptions->flags);
  create->callback([createOptions, &exitCode] { exitCode = bpmn::cli::create(*createOptions); });

  auto listOptions = std::make_shared<ListOptions>();
  auto* list = verb(app, "list", "List what the workspace holds")
                   ->add_subcommand("instances",
                                    "List process instances, newest first\n"
                                    "  example: bpmn list instances --state active --process order");
  list->add_option("--state", listOptions->state, "Only this state")
      ->check(CLI::IsMember({"active", "incident", "completed", "terminated", "cancelled"}));
  list->add_option("--process", listOptions->processId, "Only instances of this process id");
  addWorkspaceFlags(list, listOptions->flags);
  list->callback([listOptions, &exitCode] { exitCode = bpmn::cli::list(*listOptions); });

  auto getOptions = std::make_shared<GetOptions>();
  auto* get = verb(app, "get", "Show one thing of the workspace")
                  ->add_subcommand("instance",
                                   "Show an instance: state, where it waits, incidents\n"
                                   "  example: bpmn get instance 2251799813685249 --variables --output json");
  get->add_option("key", getOptions->key, "Instance key")->required();
  get->add_flag("--variables", getOptions->variables, "Include the variables");
  get->add_flag("--history", getOptions->history, "Include the history records");
  addWorkspaceFlags(get, getOptions->flags);
  get->callback([getOptions, &exitCode] { exitCode = bpmn::cli::get(*getOptions); });

  auto cancelOptions = std::make_shared<KeyOptions>();
  auto* cancel = verb(app, "cancel", "Cancel something")
                     ->add_subcommand("instance",
                                      "Cancel a running instance (and what it called)\n"
                                      "  example: bpmn cancel instance 12");
  cancel->add_option("key", cancelOptions->key, "Instance key")->required();
  addWorkspaceFlags(cancel, cancelOptions->flags);
  cancel->callback([cancelOptions, &exitCode] { exitCode = bpmn::cli::cancel(*cancelOptions); });

  auto setOptions = std::make_shared<KeyOptions>();
  auto* set = verb(app, "set", "Change something")
                  ->add_subcommand("variables",
                                   "Set variables of an instance's process scope, or of one of its scopes\n"
                                   "  example: bpmn set variables 12 --variables '{\"approved\": true}'");
  set->add_option("key", setOptions->key, "Instance key, or a scope key (get instance --variables shows them)")
      ->required();
  set->add_option("--variables", setOptions->variables, "A JSON object, @file, or @-")->required();
  set->add_flag("--local", setOptions->local,
                "Set every variable in that scope; without it each goes to the nearest scope from there up "
                "that has it, else to the process scope");
  addWorkspaceFlags(set, setOptions->flags);
  set->callback([setOptions, &exitCode] { exitCode = setVariables(*setOptions); });

  auto historyOptions = std::make_shared<GetOptions>();
  auto* history = app.add_subcommand("history",
                                     "Print an instance's history records\n"
                                     "  example: bpmn history 12 --output json");
  history->add_option("key", historyOptions->key, "Instance key")->required();
  addWorkspaceFlags(history, historyOptions->flags);
  history->callback([historyOptions, &exitCode] { exitCode = bpmn::cli::history(*historyOptions); });
}

}  // namespace bpmn::cli

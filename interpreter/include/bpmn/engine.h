// Engine: deploys BPMN processes and runs their instances, one command at a
// time. Each command loads the instance from the store, moves its tokens
// forward until every token rests in a wait state (a job, a user task, a
// join, a sub-process), and commits one batch of state and history. What the
// engine does not execute yet is refused at deploy with a diagnostic naming
// the element; nothing is silently run as something else.
//
// Not thread-safe: drive one Engine from one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpmn/clock.h"
#include "bpmn/diagnostic.h"
#include "bpmn/expression.h"
#include "bpmn/history.h"
#include "bpmn/snapshot.h"
#include "bpmn/status.h"
#include "bpmn/store.h"

namespace bpmn {

// A job as a handler or worker sees it.
struct ActivatedJob {
  std::uint64_t key = 0;
  std::uint64_t instanceKey = 0;
  std::string elementId;
  std::string type;
  int retries = 0;
  feel::Context headers;
  feel::Context variables;  // everything visible to the task, inputs applied
};

// What a job handler decides.
struct JobOutcome {
  enum class Kind { kComplete, kFail };
  Kind kind = Kind::kComplete;
  feel::Context variables;   // kComplete
  std::string errorMessage;  // kFail
  static JobOutcome complete(feel::Context variables = {}) { return {Kind::kComplete, std::move(variables), {}}; }
  static JobOutcome fail(std::string message) { return {Kind::kFail, {}, std::move(message)}; }
};

using JobHandler = std::function<JobOutcome(const ActivatedJob&)>;

struct EngineOptions {
  const Clock* clock = nullptr;                   // default: the system clock
  Store* store = nullptr;                         // default: an in-memory store the engine owns
  std::map<std::string, JobHandler> jobHandlers;  // by job type
  std::vector<Listener*> listeners;
  // Element activations per command: above a whole parallel multi-instance
  // activity at its limit (limits::kLoopInstances), so only a loop without a
  // wait state reaches it.
  std::size_t stepBudget = 100'000;
  // Tokens one instance may hold: above a whole multi-instance activity at
  // its limit; a process that multiplies tokens (a fork in a loop through
  // waits) stops here with an incident instead of growing without end.
  std::size_t maxTokens = 50'000;
  EvaluationLimits feelLimits;
};

struct DeployedProcess {
  std::string processId;
  int version = 0;
  bool isNew = false;     // false: identical content was deployed before
  std::uint64_t key = 0;  // the deployment's key (of the earlier one when identical)
};

struct DeployResult {
  std::vector<DeployedProcess> processes;
  std::vector<Diagnostic> warnings;
};

struct CommandResult {
  InstanceSnapshot instance;           // after the command
  std::vector<HistoryRecord> records;  // what it produced, in order
};

class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Compiles what the store holds (deployments made earlier or by other
  // writers). Commands do it too; call it to see a stored deployment that
  // no longer compiles before the first command.
  Status open();

  // Deploys every executable process of the file. Errors (validation, or an
  // element this engine does not run) refuse the whole file; the message
  // lists the diagnostics, one per line.
  Result<DeployResult> deploy(std::string_view bpmnXml, std::string_view fileName);

  Result<CommandResult> createInstance(std::string_view processId, feel::Context variables = {},
                                       std::optional<int> version = std::nullopt, std::string_view businessKey = {});
  Result<CommandResult> completeJob(std::uint64_t instanceKey, std::uint64_t jobKey, feel::Context variables = {});
  // Retries left > 0: the job becomes activatable again after `backoffMillis`;
  // 0: an incident.
  Result<CommandResult> failJob(std::uint64_t instanceKey, std::uint64_t jobKey, int retries, std::string message,
                                std::int64_t backoffMillis = 0);
  // A worker reports a business error: the nearest error boundary event or
  // error event sub-process with that code (or a catch-all) takes over,
  // through enclosing sub-processes and callers; nothing catching it is an
  // incident naming the code.
  Result<CommandResult> throwError(std::uint64_t instanceKey, std::uint64_t jobKey, std::string errorCode,
                                   std::string message);
  Result<CommandResult> completeUserTask(std::uint64_t instanceKey, std::uint64_t tokenKey,
                                         feel::Context variables = {});
  Result<CommandResult> cancelInstance(std::uint64_t instanceKey);
  // An incident on the instance itself, raised by the program driving it
  // (`bpmn run --auto` stopping a loop it would otherwise complete for
  // ever). Nothing else changes; resolving it removes it.
  Result<CommandResult> raiseIncident(std::uint64_t instanceKey, std::string message);
  // Retries the step the incident stopped (a job gets one more retry).
  Result<CommandResult> resolveIncident(std::uint64_t instanceKey, std::uint64_t incidentKey);
  // Starts inner elements of a running ad-hoc sub-process (the token that
  // rests on it), by id.
  Result<CommandResult> activateAdHocElements(std::uint64_t instanceKey, std::uint64_t adHocTokenKey,
                                              std::vector<std::string> elementIds);
  Result<CommandResult> setVariables(std::uint64_t instanceKey, std::uint64_t scopeKey, feel::Context variables,
                                     bool local);

  // Broadcasts a signal (BPMN 2.0.2 §10.5.4): every open subscription of the
  // name in every instance catches it, and every deployed process whose
  // start event waits for it starts an instance with the variables. Returns
  // how many catches and starts it caused; all commit in one batch.
  Result<std::size_t> broadcastSignal(std::string_view name, feel::Context variables = {});

  // Publishes a message (name, correlation key, variables). It correlates to
  // the first open subscription with that name and key in every instance that
  // has one, and starts the processes whose message start event waits for it
  // (once per key while the instance it started is active). A message nothing
  // takes is kept `ttlMillis` for subscriptions that open later. A second
  // publish with the same non-empty id while the first is kept is refused.
  // Returns how many instances it reached.
  Result<std::size_t> publishMessage(std::string_view name, std::string_view correlationKey,
                                     feel::Context variables = {}, std::int64_t ttlMillis = 0,
                                     std::string_view messageId = {});

  // Correlates a message synchronously, without keeping it: the key of the
  // instance it reached (a waiting subscription, else the instance its
  // message start event created). NotFound when nothing takes it ("no
  // subscription"); InvalidArgument, and nothing happens, when waiting
  // subscriptions of several instances match (publish reaches them all).
  Result<std::uint64_t> correlateMessage(std::string_view name, std::string_view correlationKey,
                                         feel::Context variables = {});

  // Conditional start events (Camunda 7's "evaluate start conditions"):
  // every deployed process whose conditional start event's condition holds
  // for `variables` starts an instance with them, in one batch. Returns the
  // keys of the instances started.
  Result<std::vector<std::uint64_t>> evaluateStartConditions(feel::Context variables);

  // Drops the kept messages whose time to live is over (publishing does it
  // too; the serve loop calls this when idle).
  Status dropExpiredMessages();

  // Fires every timer due by the clock's now, earliest first, each as its
  // own command on its instance. An instance whose timer cannot fire
  // (damaged, its deployment broken) is passed over so that it holds up no
  // other timer: with `passedOver`, it goes there with the reason, and the
  // instances already there are not tried again (a serve loop keeps one map
  // for its lifetime); without it, the first reason is the error returned
  // once every other due timer fired.
  using PassedOver = std::map<std::uint64_t, Status>;
  Result<std::vector<CommandResult>> fireDueTimers(PassedOver* passedOver = nullptr);
  // The earliest pending timer's due time, if any (for a virtual clock),
  // not counting the instances passed over.
  Result<std::optional<std::int64_t>> nextTimerDue(const PassedOver* passedOver = nullptr) const;

  // Group commit: the commands between beginGroup and endGroup share one
  // store transaction. Their results are not durable, so must not be
  // acknowledged, until endGroup returns ok; a failed endGroup loses them
  // all (nothing of them is stored).
  Status beginGroup();
  Status endGroup();

  // Activates up to `max` jobs of `type` for `worker`: each is locked to it
  // for `lockMillis`, and no other activation returns it until the lock
  // passes (a worker that died releases its jobs that way). Completing or
  // failing a job ends the lock.
  Result<std::vector<ActivatedJob>> activateJobs(std::string_view type, std::string_view worker, std::size_t max,
                                                 std::int64_t lockMillis);

  // Empty when there is no such instance; an error when it cannot be read
  // or is damaged (a part missing, its deployment changed), naming the store
  // and what is wrong.
  Result<std::optional<InstanceSnapshot>> instance(std::uint64_t key) const;
  // Activatable jobs of an instance (backoff elapsed), as a worker would
  // receive them: with every variable visible to the task, inputs applied.
  Result<std::vector<ActivatedJob>> jobs(std::uint64_t instanceKey) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bpmn

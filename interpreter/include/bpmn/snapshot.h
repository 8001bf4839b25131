// The plain state of a process instance, as the store keeps it between
// commands: scopes with their variables, tokens, jobs and incidents. The
// engine loads a snapshot, runs a command against it, and hands the new
// snapshot to the store with the history records it produced. Plain values;
// safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpmn/feel/value.h"

namespace bpmn {

enum class InstanceState { kActive, kCompleted, kIncident, kTerminated, kCancelled };
std::string_view instanceStateName(InstanceState state);  // "active", "completed", ...

// What a scope is: a process or sub-process activation, or one of the two
// levels of a looping activity (BPMN 2.0.2 §13.3.6/§13.3.7): the body that
// waits for the iterations, and each iteration.
enum class ScopeKind {
  kFlow,           // the process or an embedded sub-process
  kLoopBody,       // a multi-instance or standard loop activity as a whole
  kLoopIteration,  // one instance (one iteration) of it
  kCompensation,   // a compensation handler running for a compensation throw
};

// A scope: where variables live.
struct ScopeSnapshot {
  std::uint64_t key = 0;
  std::uint64_t parentKey = 0;  // 0 for the process scope
  std::string elementId;        // the process id, the sub-process or the looping activity id
  std::uint64_t tokenKey = 0;   // the token waiting on the sub-process or looping activity, 0 for the process
  feel::Context variables;
  ScopeKind kind = ScopeKind::kFlow;
  // A loop body: the multi-instance input items (empty with a cardinality),
  // how many iterations there are in all (multi-instance) and how many were
  // started. An iteration: its 0-based index.
  std::vector<feel::Value> loopItems;
  std::int64_t loopCount = 0;
  std::int64_t loopStarted = 0;
  std::int64_t loopIndex = 0;
  std::string compensating;  // a compensation scope: the activity its handler undoes
  // An ad-hoc sub-process with sequential ordering: the elements still to
  // start, one whenever nothing runs in it.
  std::vector<std::string> pendingActivations;
};

enum class TokenState {
  kReady,    // about to enter its element
  kWaiting,  // resting in a wait state (job, user task, sub-process)
  kAtJoin,   // arrived at a joining gateway, waiting for the others
};

struct TokenSnapshot {
  std::uint64_t key = 0;
  std::uint64_t scopeKey = 0;
  std::string elementId;
  std::string arrivedVia;  // the sequence flow it came over ("" from a start)
  TokenState state = TokenState::kReady;
  std::uint64_t elementInstanceKey = 0;  // the activation it rests in
  std::uint64_t childInstanceKey = 0;    // a call activity's called instance
  feel::Context locals;                  // the element's input mappings, while it runs
};

enum class JobState { kActivatable, kFailed, kCompleted };
std::string_view jobStateName(JobState state);  // "activatable", "failed", "completed"
// What a job is doing at `nowMillis`, as the CLI and the monitor show it:
// "failed" (no retries left: an incident holds it), "locked" (a worker
// activated it; no other gets it before `lockDeadlineMillis`), "backoff"
// (failed with retries left; activatable again at `retryAtMillis`),
// "activatable" (the next worker asking for its type gets it), "completed".
std::string_view jobStatus(JobState state, std::int64_t lockDeadlineMillis, std::int64_t retryAtMillis,
                           std::int64_t nowMillis);

struct JobSnapshot {
  std::uint64_t key = 0;
  std::uint64_t tokenKey = 0;
  std::string elementId;
  std::string type;
  int retries = 3;
  JobState state = JobState::kActivatable;
  std::string errorMessage;
  feel::Context headers;
  std::int64_t retryAtMillis = 0;  // a failed job with retries left waits for its backoff
  // Activated by a worker: no other worker receives it until the deadline
  // passes (a worker that died releases its jobs that way).
  std::string lockOwner;
  std::int64_t lockDeadlineMillis = 0;
};

// A user task waiting for completion, with what zeebe: or camunda:
// attributes say about who does it and when (FEEL values evaluated when
// the task was created).
struct UserTaskSnapshot {
  std::uint64_t tokenKey = 0;
  std::string elementId;
  std::string assignee;
  std::string candidateGroups;
  std::string candidateUsers;
  std::string dueDate;
  std::string followUpDate;
  std::string formKey;
};

struct IncidentSnapshot {
  std::uint64_t key = 0;
  std::uint64_t tokenKey = 0;
  std::uint64_t jobKey = 0;  // when a job's retries ran out
  std::string elementId;
  std::string message;
};

// A complex gateway's phase in one scope (BPMN 2.0.2 §13.4.4): after it
// activates it waits for reset, absorbing the tokens of the flows that had
// none at activation.
struct ComplexGatewaySnapshot {
  std::uint64_t scopeKey = 0;
  std::string elementId;
  bool waitingForReset = false;
  std::vector<std::string> activatedFlows;  // incoming flows consumed at activation
};

// A pending timer: on an intermediate catch event (tokenKey is its token),
// a boundary event (tokenKey is the activity's token), the branch of an
// event-based gateway (the gateway's token), or the start event of an event
// sub-process (tokenKey 0; scopeKey is the scope it may start in).
struct TimerSnapshot {
  std::uint64_t key = 0;
  std::uint64_t tokenKey = 0;
  std::string elementId;  // the timer event
  std::int64_t dueMillis = 0;
  int repetitions = 0;  // cycles: firings left after this one; -1 for ever
  std::int64_t intervalMillis = 0;
  std::uint64_t scopeKey = 0;
};

// An open signal subscription: a signal catch event (tokenKey is its token)
// or a signal boundary event (tokenKey is the activity's token).
struct SignalSubscriptionSnapshot {
  std::uint64_t tokenKey = 0;
  std::string elementId;       // the catching event
  std::string name;            // the signal's name
  std::uint64_t scopeKey = 0;  // an event sub-process start: its scope (tokenKey 0)
};

// An open message subscription (a message catch event, a receive task or a
// message boundary event): the message name and the correlation key its
// subscription expression gave when it opened.
struct MessageSubscriptionSnapshot {
  std::uint64_t tokenKey = 0;
  std::string elementId;  // the catching element
  std::string name;
  std::string correlationKey;
  std::uint64_t scopeKey = 0;  // an event sub-process start: its scope (tokenKey 0)
};

// An open conditional event (BPMN 2.0.2 §10.5.x, "Conditional"): a catch
// event or event-based gateway branch (tokenKey: its token), a boundary
// event (the activity's token), or an event sub-process start (tokenKey 0,
// scopeKey its scope). It triggers when its condition becomes true;
// `satisfied` is the condition's value when last evaluated.
struct ConditionSubscriptionSnapshot {
  std::uint64_t tokenKey = 0;
  std::string elementId;
  std::uint64_t scopeKey = 0;
  bool satisfied = false;
};

// A completed activity that has a compensation handler (BPMN 2.0.2 §10.7.1),
// kept for a compensation throw in its scope. When the sub-process it
// completed in completes, it moves to the scope around that, as part of the
// sub-process's default compensation.
struct CompensationSnapshot {
  std::uint64_t key = 0;       // keys grow with completion order
  std::uint64_t scopeKey = 0;  // where a throw compensates it
  std::string elementId;       // the activity
  std::string handlerId;       // its compensation handler
  std::string within;          // the completed sub-process of that scope it lay in, or ""
  feel::Context variables;     // what it completed with: its inputs and results
  // Inside a completed sub-process with a compensation event sub-process:
  // the record of that sub-process (scopeKey 0 until its handler runs, then
  // the handler's scope, where a throw inside the handler finds it).
  std::uint64_t parkedUnder = 0;
};

struct InstanceSnapshot {
  std::uint64_t key = 0;
  std::string processId;
  int version = 0;
  InstanceState state = InstanceState::kActive;
  // How many commits changed it (optimistic concurrency: a commit of a
  // snapshot whose revision is not the stored one + 1 is a conflict).
  std::uint64_t revision = 0;
  // Started by a message start event: the message's correlation key (one
  // active instance per process and key).
  std::string startCorrelationKey;
  std::string businessKey;  // the caller's name for it ("order-4711"), "" for none
  std::int64_t startedAtMillis = 0;
  std::int64_t endedAtMillis = 0;       // 0 while it runs
  std::uint64_t parentInstanceKey = 0;  // set when a call activity started it
  std::uint64_t parentTokenKey = 0;     // the call activity's token in the parent
  std::vector<ScopeSnapshot> scopes;    // scopes[0] is the process scope
  std::vector<TokenSnapshot> tokens;
  std::vector<JobSnapshot> jobs;
  std::vector<IncidentSnapshot> incidents;
  std::vector<ComplexGatewaySnapshot> complexGateways;
  std::vector<UserTaskSnapshot> userTasks;
  std::vector<TimerSnapshot> timers;
  std::vector<SignalSubscriptionSnapshot> signalSubscriptions;
  std::vector<MessageSubscriptionSnapshot> messageSubscriptions;
  std::vector<ConditionSubscriptionSnapshot> conditionSubscriptions;
  std::vector<CompensationSnapshot> compensations;
  std::vector<std::string> completed;  // element ids in completion order (the trace)
};

// Where a message thrown by the engine itself goes: a process of the same
// file (a drawn message flow to its pool) and perhaps one element of it (a
// message flow to that start event, catch event or receive task).
struct MessageTarget {
  std::string processId;
  std::string elementId;
};

// A published message kept for its time to live, for subscriptions that
// open later; a message reaches each instance at most once.
struct MessageRecord {
  std::uint64_t key = 0;
  std::string name;
  std::string correlationKey;
  feel::Context variables;
  std::int64_t expiresAtMillis = 0;
  std::string id;                      // the publisher's id, "" for none
  std::vector<std::uint64_t> reached;  // instances it reached
  std::vector<MessageTarget> targets;  // thrown over message flows: only these
};

// The next firing of a timer start event of a deployed process version.
struct StartTimerRecord {
  std::string processId;
  int version = 0;
  std::string elementId;
  std::int64_t dueMillis = 0;
  int repetitions = 0;  // firings left after the next; -1 for ever
  std::int64_t intervalMillis = 0;
};

}  // namespace bpmn

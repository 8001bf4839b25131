// RunContext: one command's work on one instance. It owns nothing durable:
// it edits the instance snapshot, appends history records, and moves tokens
// until every token rests. The element families (events.cpp, activities.cpp,
// gateways.cpp) implement `enter` for their kinds on top of its helpers;
// token_runner.cpp holds the loop, leaving elements, scope completion and
// the inclusive join check. Lives on one command's stack; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bpmn/clock.h"
#include "bpmn/engine.h"
#include "runtime/compiled_process.h"
#include "runtime/cron.h"

namespace bpmn::runtime {

class RunContext {
 public:
  // `steps` counts the instance's element activations in this command,
  // across every RunContext it has in it, against EngineOptions::stepBudget
  // (so that two instances signalling each other back and forth stop too).
  RunContext(InstanceSnapshot& instance, const CompiledProcess& process, const EngineOptions& options,
             const Clock& clock, std::uint64_t& nextKey, std::uint64_t& nextSequence, std::size_t& steps);

  // Moves every ready token forward until all rest; then sets the state.
  void run();

  // --- used by the element families
  TokenSnapshot* token(std::uint64_t key);
  ScopeSnapshot* scope(std::uint64_t key);
  const CompiledElement& element(const TokenSnapshot& token) const { return process_.element(token.elementId); }
  std::uint64_t newKey() { return nextKey_++; }
  std::uint64_t nextKeyValue() const { return nextKey_; }  // the key newKey gives next
  std::uint64_t createToken(std::uint64_t scopeKey, const std::string& elementId, const std::string& via);
  void removeToken(std::uint64_t key);
  void record(RecordKind kind, const std::string& elementId, const std::string& elementType,
              std::uint64_t elementInstanceKey, std::string detail = {});
  void activated(TokenSnapshot& token);
  // Completes the token's element and sends it on over `flows` (all of them;
  // none consumes the token).
  void leave(std::uint64_t tokenKey, const std::vector<const model::FlowElement*>& flows);
  // The flows an activity or event takes when it completes (implicit split:
  // every unconditional flow, every true conditional one; the default flow
  // only when no conditional one holds). Empty optional: an incident was
  // raised.
  std::optional<std::vector<const model::FlowElement*>> outgoingFlows(const TokenSnapshot& token);
  // Whether a sequence flow's condition holds for the token (a flow without
  // one holds). Empty when the condition does not give a boolean: then an
  // incident has been raised on the token.
  std::optional<bool> conditionHolds(std::uint64_t tokenKey, const model::FlowElement& flow);
  // FEEL against the variables visible in the scope (innermost first).
  feel::Context visibleVariables(std::uint64_t scopeKey, const feel::Context& extra = {}) const;
  Result<feel::Value> evaluate(const FeelExpression& expression, std::uint64_t scopeKey,
                               const feel::Context& extra = {});
  // Writes where the variable lives (nearest scope that has it, else the
  // process scope), or into `scopeKey` itself when `local`.
  void setVariable(std::uint64_t scopeKey, const std::string& name, const feel::Value& value, bool local);
  // The same for each of `values`, in order.
  void setVariables(std::uint64_t scopeKey, const feel::Context& values, bool local);
  void incident(TokenSnapshot& token, const std::string& message, std::uint64_t jobKey = 0);
  void terminateScope(std::uint64_t scopeKey, std::uint64_t except);
  // Applies output mappings (or, without them, propagates every variable).
  void applyOutputs(const TokenSnapshot& token, const feel::Context& result);
  void runJobHandler(std::uint64_t jobKey);
  // Work that crosses instances, done by the engine after run(): a call
  // activity to start, a called instance to cancel.
  struct CallRequest {
    std::uint64_t tokenKey = 0;
    std::string processId;
    std::optional<int> version;
    feel::Context variables;
  };
  std::vector<CallRequest>& pendingCalls() { return pendingCalls_; }
  // An error nothing in this instance caught, for the caller's call activity.
  struct ErrorForCaller {
    std::string code;
    std::string message;
  };
  std::optional<ErrorForCaller>& pendingError() { return pendingError_; }
  const CompiledProcess& process() const { return process_; }
  std::int64_t nowMillis() const { return clock_.nowMillis(); }
  // Ends one token now: its sub-process scope, jobs, user tasks and called
  // instance go with it.
  void terminateToken(std::uint64_t tokenKey);
  std::vector<std::uint64_t>& pendingCancels() { return pendingCancels_; }
  // Signals thrown in this run: this instance's own subscriptions catch
  // them at once (run()); the engine broadcasts them to the others after.
  std::vector<std::string>& pendingSignals() { return pendingSignals_; }
  // Messages thrown in this run, to publish once it is over.
  struct OutgoingMessage {
    std::string name;
    std::string correlationKey;
    feel::Context variables;
    std::vector<MessageTarget> targets;
  };
  std::vector<OutgoingMessage>& pendingMessages() { return pendingMessages_; }
  const EngineOptions& options() const { return options_; }
  // Conditional events need evaluating when the instance next rests.
  void conditionsChanged() { conditionsDirty_ = true; }
  std::vector<HistoryRecord>& records() { return records_; }
  InstanceSnapshot& instance() { return instance_; }

 private:
  void enter(std::uint64_t tokenKey);
  bool fireInclusiveJoins();
  bool resetComplexGateways();
  bool completeScopes();
  bool catchOwnSignals();
  std::string loopDescription(const TokenSnapshot& token) const;

  InstanceSnapshot& instance_;
  const CompiledProcess& process_;
  const EngineOptions& options_;
  const Clock& clock_;
  std::uint64_t& nextKey_;
  std::uint64_t& nextSequence_;
  std::size_t& steps_;
  std::vector<HistoryRecord> records_;
  bool stopped_ = false;  // the step budget ran out
  std::vector<CallRequest> pendingCalls_;
  std::optional<ErrorForCaller> pendingError_;
  std::vector<std::uint64_t> pendingCancels_;
  std::vector<std::string> pendingSignals_;
  std::size_t signalsCaughtHere_ = 0;
  bool conditionsDirty_ =
      false;  // variables or condition subscriptions changed  // pendingSignals_ already delivered within this instance
  std::vector<OutgoingMessage> pendingMessages_;
  std::map<std::uint64_t, feel::Context> results_;  // what each token's element completed with, this command
};

// The variables visible from a scope: `first` (an element's locals), then
// the scope's, then each enclosing scope's, innermost first; a name seen
// once hides the same name further out.
feel::Context visibleVariables(const InstanceSnapshot& instance, std::uint64_t scopeKey, const feel::Context& first);

// Whether a loaded instance is whole (instance_check.cpp): every part names
// parts the instance has and elements its process version has.
Status checkInstance(const InstanceSnapshot& instance, const CompiledProcess& process);

// BPMN errors (errors.cpp): throws `code` from the token's element. The
// nearest catch wins: an error boundary event on the activity, an error
// event sub-process of its scope, then the same outward through enclosing
// sub-processes, then the caller's call activity. Returns false when
// nothing can catch it (the caller raises the incident).
bool raiseError(RunContext& context, std::uint64_t tokenKey, const std::string& code, const std::string& message);
// The same for escalations (or errors): false when nothing caught it.
bool raise(RunContext& context, std::uint64_t tokenKey, model::EventDefinitionKind kind, const std::string& code,
           const std::string& message);
// Whether `raise` would find a catch for it, changing nothing.
bool isCaught(RunContext& context, std::uint64_t tokenKey, model::EventDefinitionKind kind, const std::string& code);
// The code an error or escalation event names: its error's errorCode or its
// escalation's escalationCode; "" when it names none (a catch-all).
std::string eventCode(const RunContext& context, const model::FlowElement& event);

// Timers (timers.cpp): schedule the timer of `event` for the token (its own
// catch event, or the activity a boundary timer is attached to); fire one.
void scheduleTimer(RunContext& context, std::uint64_t tokenKey, const model::FlowElement& event);
// When a timer definition is due from `now` (FEEL through `evaluate`): its
// first due time, and for cycles the firings left after it (-1: for ever)
// and the interval. Empty, with `error` set, when it is not a valid timer.
struct TimerPlan {
  std::int64_t dueMillis = 0;
  int repetitions = 0;
  std::int64_t intervalMillis = 0;
};
using TimerEvaluator = std::function<Result<feel::Value>(const FeelExpression&)>;
// A cron cycle has no fixed interval (0): each firing plans the next one.
std::optional<TimerPlan> planTimer(const model::EventDefinition& timer, std::int64_t now,
                                   const TimerEvaluator& evaluate, CronDialect dialect, std::string& error);
// The next firing of a repeating timer that fired at `dueMillis`: its
// interval on, or for a cron cycle the cron's next time. Firings the clock
// passed meanwhile (the engine was down, a virtual clock jumped) each come
// in turn, as the simulation of the time between needs; `missed` is 0.
// Empty when none comes.
struct NextFiring {
  std::int64_t dueMillis = 0;
  std::int64_t missed = 0;
};
std::optional<NextFiring> nextFiring(const model::EventDefinition& timer, std::int64_t dueMillis,
                                     std::int64_t intervalMillis, std::int64_t nowMillis,
                                     const TimerEvaluator& evaluate, CronDialect dialect);
void fireTimer(RunContext& context, std::uint64_t timerKey);
// Removes a timer that must not fire again, with an incident: on the catch
// event's token, else (boundary and event sub-process timers) naming the event.
void stopTimer(RunContext& context, std::uint64_t timerKey, const std::string& message);
// How many timer firings of one instance in a row Engine::fireDueTimers
// lets pass when each sets a new timer already due (a loop through a
// zero-length timer), before it stops the next with an incident.
inline constexpr std::size_t kTimerFiringsAtOneInstant = 1'000;

// Signals (signals.cpp): the name an event's signalRef names; open a
// subscription for a catch or boundary event; catch one.
std::string signalName(const CompiledProcess& process, const model::FlowElement& event);
// A signal throw or end event: records the throw; the signal is broadcast
// once this run is over (this instance's own catches first).
void throwSignal(RunContext& context, const model::FlowElement& event);
void subscribeSignal(RunContext& context, std::uint64_t tokenKey, const model::FlowElement& event);
// `scopeKey` is the scope of a subscription an event sub-process start
// owns (tokenKey 0).
void catchSignal(RunContext& context, std::uint64_t tokenKey, std::uint64_t scopeKey, const std::string& elementId,
                 const feel::Context& variables);

// Messages (messages.cpp): the name a message catch names; open a
// subscription (its correlation key evaluated now); catch a message.
std::string messageName(const CompiledProcess& process, const model::FlowElement& element);
void subscribeMessage(RunContext& context, std::uint64_t tokenKey, const model::FlowElement& element);
void catchMessage(RunContext& context, std::uint64_t tokenKey, std::uint64_t scopeKey, const std::string& elementId,
                  const feel::Context& variables);
// The correlation key of the message `element` names, evaluated in the
// scope (with `locals` first); empty with `error` set when it gives none.
std::optional<std::string> correlationKey(RunContext& context, std::uint64_t scopeKey, const feel::Context& locals,
                                          const model::FlowElement& element, std::string& error);
// A message throw the engine publishes itself: name, the correlation key
// evaluated in the thrower's scope, its input mappings as the payload.
void throwMessage(RunContext& context, std::uint64_t tokenKey);
// A job for the token's element (activities.cpp); the token waits for it.
void createJob(RunContext& context, std::uint64_t tokenKey);
// The scope of a sub-process the token enters (its event sub-processes'
// subscriptions opened); the token waits on it. Returns the scope's key.
std::uint64_t openSubProcessScope(RunContext& context, std::uint64_t tokenKey);

// Ad-hoc sub-processes (adhoc.cpp): start one; at rest, start the next of a
// sequential one or complete it on its completion condition (true when it
// did either); start more of its inner elements on request.
void startAdHoc(RunContext& context, std::uint64_t tokenKey);
bool settleAdHoc(RunContext& context, std::uint64_t scopeKey);
Status activateInAdHoc(RunContext& context, std::uint64_t scopeKey, const std::vector<std::string>& elementIds);

// Conditional events (conditions.cpp): open a condition subscription for a
// token's catch or boundary event, or (tokenKey 0) for an event
// sub-process start of `scopeKey`; evaluate every open one, firing those
// whose condition became true. True when any fired.
void subscribeCondition(RunContext& context, std::uint64_t tokenKey, std::uint64_t scopeKey,
                        const model::FlowElement& event);
bool evaluateConditions(RunContext& context);

// Event sub-processes with timer, message and signal starts
// (event_subprocesses.cpp): open their subscriptions when a scope starts;
// close them with it; start one when its event occurs.
void openEventSubProcesses(RunContext& context, std::uint64_t scopeKey);
void closeScopeSubscriptions(RunContext& context, std::uint64_t scopeKey);
void triggerEventSubProcess(RunContext& context, std::uint64_t scopeKey, const std::string& startId,
                            const feel::Context& variables);

// Looping activities (loops.cpp): whether the token is one iteration of a
// looping activity (rather than the activity as a whole); start the loop on
// the activity's token; an iteration whose scope has no token left is over.
bool inLoopIteration(RunContext& context, const TokenSnapshot& token);
void startLoop(RunContext& context, std::uint64_t tokenKey);
void iterationCompleted(RunContext& context, std::uint64_t iterationScopeKey);

// Compensation (compensation.cpp): record an activity with a compensation
// handler as it completes with `result`; hand a completed scope's records to
// the scope around it; run a compensation throw; a handler is done.
void recordCompensable(RunContext& context, const TokenSnapshot& token, const feel::Context& result);
void keepCompensations(RunContext& context, std::uint64_t fromScope, std::uint64_t toScope,
                       const std::string& activityId);
void throwCompensation(RunContext& context, std::uint64_t tokenKey);
void compensationHandled(RunContext& context, std::uint64_t handlerScopeKey);

// Element families: enter a token into an element of the family.
void enterEvent(RunContext& context, std::uint64_t tokenKey);
void enterActivity(RunContext& context, std::uint64_t tokenKey);
void enterGateway(RunContext& context, std::uint64_t tokenKey);
// An inclusive gateway's split, after its join fired (or for a pure split).
void splitInclusive(RunContext& context, std::uint64_t tokenKey);
// An event-based gateway: open a subscription for each event after it.
void armEventBasedGateway(RunContext& context, std::uint64_t tokenKey);
// When the token rests on an event-based gateway, one of its events won:
// the gateway completes, its other subscriptions close, and the token is
// activated on `eventId`, ready to complete it. False when the token is not
// on an event-based gateway.
bool passEventBasedGateway(RunContext& context, std::uint64_t tokenKey, const std::string& eventId);
// A complex gateway in its scope: activates when its condition holds over
// the tokens waiting on it.
void tryActivateComplex(RunContext& context, std::uint64_t scopeKey, const std::string& gatewayId);

}  // namespace bpmn::runtime

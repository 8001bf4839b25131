// The loop that moves tokens, and what every element shares: leaving over
// sequence flows, variables, incidents, scope completion, and the OR-join.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "bpmn/feel/json.h"
#include "runtime/run_context.h"

namespace bpmn::runtime {

using model::ElementKind;

RunContext::RunContext(InstanceSnapshot& instance, const CompiledProcess& process, const EngineOptions& options,
                       const Clock& clock, std::uint64_t& nextKey, std::uint64_t& nextSequence, std::size_t& steps)
    : instance_(instance),
      process_(process),
      options_(options),
      clock_(clock),
      nextKey_(nextKey),
      nextSequence_(nextSequence),
      steps_(steps) {}

TokenSnapshot* RunContext::token(std::uint64_t key) {
  for (auto& token : instance_.tokens) {
    if (token.key == key) return &token;
  }
  return nullptr;
}

ScopeSnapshot* RunContext::scope(std::uint64_t key) {
  for (auto& scope : instance_.scopes) {
    if (scope.key == key) return &scope;
  }
  return nullptr;
}

void RunContext::record(RecordKind kind, const std::string& elementId, const std::string& elementType,
                        std::uint64_t elementInstanceKey, std::string detail) {
  // Every record names what it is about by type: a variable, the process,
  // or one of its elements (callers that know the type pass it).
  std::string type = elementType;
  if (type.empty()) {
    if (kind == RecordKind::kVariableSet) {
      type = "variable";
    } else if (auto found = process_.elements.find(elementId); found != process_.elements.end()) {
      type = model::elementKindName(found->second.element->kind);
    } else if (elementId == process_.id) {
      type = "process";
    }
  }
  HistoryRecord record{
      nextSequence_++,  kind, instance_.key, elementId, std::move(type), elementInstanceKey, clock_.nowMillis(),
      std::move(detail)};
  records_.push_back(std::move(record));
}

std::uint64_t RunContext::createToken(std::uint64_t scopeKey, const std::string& elementId, const std::string& via) {
  TokenSnapshot token;
  token.key = newKey();
  token.scopeKey = scopeKey;
  token.elementId = elementId;
  token.arrivedVia = via;
  instance_.tokens.push_back(token);
  record(RecordKind::kTokenCreated, elementId, {}, token.key);
  return token.key;
}

void RunContext::removeToken(std::uint64_t key) {
  auto it = std::find_if(instance_.tokens.begin(), instance_.tokens.end(), [&](const auto& t) { return t.key == key; });
  if (it == instance_.tokens.end()) return;
  record(RecordKind::kTokenConsumed, it->elementId, {}, it->key);
  instance_.tokens.erase(it);
}

void RunContext::activated(TokenSnapshot& token) {
  token.elementInstanceKey = newKey();
  const auto& el = element(token);
  record(RecordKind::kElementActivated, token.elementId, std::string(elementKindName(el.element->kind)),
         token.elementInstanceKey);
  // Input mappings make local variables of the element while it runs (of
  // each iteration of a looping activity, not of the whole).
  const std::uint64_t key = token.key;
  const bool iteration = el.loop && inLoopIteration(*this, token);
  const bool loopBody = el.loop && !iteration;
  this->token(key)->locals.clear();
  for (const auto& input : el.inputs) {
    if (loopBody) break;
    auto value = evaluate(input.source, this->token(key)->scopeKey, this->token(key)->locals);
    this->token(key)->locals.emplace_back(input.target, value.isOk() ? value.value() : feel::Value());
  }
  if (iteration) {
    // An iteration has its own scope: its locals live there, where the
    // task's results and the output element can reach them.
    setVariables(this->token(key)->scopeKey, this->token(key)->locals, true);
    this->token(key)->locals.clear();
  }
  // Boundary events start with their activity (with a looping one, with
  // the whole).
  for (const auto* boundary : el.boundaries) {
    if (iteration) break;
    if (boundary->eventKind() == model::EventDefinitionKind::kTimer) scheduleTimer(*this, key, *boundary);
    if (boundary->eventKind() == model::EventDefinitionKind::kSignal) subscribeSignal(*this, key, *boundary);
    if (boundary->eventKind() == model::EventDefinitionKind::kMessage) subscribeMessage(*this, key, *boundary);
    if (boundary->eventKind() == model::EventDefinitionKind::kConditional) subscribeCondition(*this, key, 0, *boundary);
  }
}

void RunContext::leave(std::uint64_t tokenKey, const std::vector<const model::FlowElement*>& flows) {
  TokenSnapshot* current = token(tokenKey);
  const std::string elementId = current->elementId;
  const std::uint64_t scopeKey = current->scopeKey;
  record(RecordKind::kElementCompleted, elementId, std::string(elementKindName(element(*current).element->kind)),
         current->elementInstanceKey);
  if (!element(*current).compensationHandler.empty()) {
    recordCompensable(*this, *current, results_[tokenKey]);
    current = token(tokenKey);
  }
  results_.erase(tokenKey);
  current->locals.clear();
  std::erase_if(instance_.timers, [&](const TimerSnapshot& timer) { return timer.tokenKey == tokenKey; });
  std::erase_if(instance_.signalSubscriptions, [&](const auto& s) { return s.tokenKey == tokenKey; });
  std::erase_if(instance_.messageSubscriptions, [&](const auto& s) { return s.tokenKey == tokenKey; });
  std::erase_if(instance_.conditionSubscriptions, [&](const auto& s) { return s.tokenKey == tokenKey; });
  std::erase_if(instance_.userTasks, [&](const UserTaskSnapshot& task) { return task.tokenKey == tokenKey; });
  // The trace shows a looping activity once, when the whole completes.
  if (!(element(*current).loop && inLoopIteration(*this, *current))) instance_.completed.push_back(elementId);
  if (flows.empty()) {
    removeToken(tokenKey);
    return;
  }
  for (std::size_t i = 0; i < flows.size(); ++i) {
    const auto& flow = *flows[i];
    record(RecordKind::kFlowTaken, flow.id, "sequenceFlow", 0);
    if (i == 0) {
      TokenSnapshot* moving = token(tokenKey);
      moving->elementId = flow.targetRef;
      moving->arrivedVia = flow.id;
      moving->state = TokenState::kReady;
      moving->elementInstanceKey = 0;
    } else {
      createToken(scopeKey, flow.targetRef, flow.id);
    }
  }
}

std::optional<bool> RunContext::conditionHolds(std::uint64_t tokenKey, const model::FlowElement& flow) {
  auto condition = process_.conditions.find(flow.id);
  if (condition == process_.conditions.end()) return true;
  TokenSnapshot* subject = token(tokenKey);
  auto value = evaluate(condition->second, subject->scopeKey);
  if (value.isOk() && value.value().boolean()) return *value.value().boolean();
  // Zeebe raises an incident for a condition that is not a boolean; so do we.
  incident(*token(tokenKey), "condition of sequence flow \"" + flow.id + "\" " +
                                 (value.isOk() ? "is not a boolean: " + feel::toFeelString(value.value())
                                               : "failed: " + value.status().message()));
  return std::nullopt;
}

std::optional<std::vector<const model::FlowElement*>> RunContext::outgoingFlows(const TokenSnapshot& token) {
  const std::uint64_t tokenKey = token.key;
  const auto& el = element(token);
  std::vector<const model::FlowElement*> taken;
  if (el.loop && inLoopIteration(*this, token)) return taken;  // the body leaves, once every iteration is over
  const model::FlowElement* fallback = nullptr;
  bool conditionHeld = false;
  for (const auto* flow : el.outgoing) {
    if (flow->id == el.element->defaultFlow) {
      fallback = flow;
      continue;
    }
    const bool conditional = process_.conditions.count(flow->id) > 0;
    auto holds = conditionHolds(tokenKey, *flow);
    if (!holds) return std::nullopt;
    if (*holds) {
      taken.push_back(flow);
      if (conditional) conditionHeld = true;
    }
  }
  if (!conditionHeld && fallback) taken.push_back(fallback);
  return taken;
}

feel::Context visibleVariables(const InstanceSnapshot& instance, std::uint64_t scopeKey, const feel::Context& first) {
  feel::Context result = first;
  std::unordered_set<std::string_view> seen;  // views into `first` and the scopes, which outlive it
  for (const auto& [name, unused] : first) seen.insert(name);
  for (std::uint64_t key = scopeKey; key != 0;) {
    const ScopeSnapshot* current = nullptr;
    for (const auto& scope : instance.scopes) {
      if (scope.key == key) current = &scope;
    }
    if (!current) break;
    for (const auto& [name, value] : current->variables) {
      if (seen.insert(name).second) result.emplace_back(name, value);
    }
    key = current->parentKey;
  }
  return result;
}

feel::Context RunContext::visibleVariables(std::uint64_t scopeKey, const feel::Context& extra) const {
  return runtime::visibleVariables(instance_, scopeKey, extra);
}

Result<feel::Value> RunContext::evaluate(const FeelExpression& expression, std::uint64_t scopeKey,
                                         const feel::Context& extra) {
  EvaluationEnvironment environment;
  const Clock* clock = &clock_;
  environment.nowMillis = [clock] { return clock->nowMillis(); };
  return expression.evaluate(visibleVariables(scopeKey, extra), options_.feelLimits, environment);
}

namespace {

// Puts `value` at a dotted path ("order.total") inside `target`, creating
// contexts on the way.
feel::Value putPath(const feel::Value& target, std::string_view path, const feel::Value& value) {
  const auto dot = path.find('.');
  const std::string key(path.substr(0, dot));
  feel::Context entries = target.context() ? *target.context() : feel::Context{};
  feel::Value inner = dot == std::string_view::npos ? value : feel::Value();
  for (auto& [name, current] : entries) {
    if (name != key) continue;
    current = dot == std::string_view::npos ? value : putPath(current, path.substr(dot + 1), value);
    return entries;
  }
  entries.emplace_back(key,
                       dot == std::string_view::npos ? value : putPath(feel::Value(), path.substr(dot + 1), value));
  return entries;
}

}  // namespace

void RunContext::setVariables(std::uint64_t scopeKey, const feel::Context& values, bool local) {
  const bool paths = std::any_of(values.begin(), values.end(),
                                 [](const auto& entry) { return entry.first.find('.') != std::string::npos; });
  if (values.size() < 16 || paths) {
    for (const auto& [name, value] : values) setVariable(scopeKey, name, value, local);
    return;
  }
  // Many at once (a job's result, a document of variables): where each
  // name lives is looked up by hash, not by a scan per variable.
  std::vector<ScopeSnapshot*> chain;
  for (std::uint64_t key = scopeKey; key != 0;) {
    ScopeSnapshot* current = scope(key);
    if (!current) break;
    chain.push_back(current);
    if (local) break;
    key = current->parentKey;
  }
  if (chain.empty()) return;
  std::vector<std::unordered_map<std::string, std::size_t>> places(chain.size());
  for (std::size_t level = 0; level < chain.size(); ++level) {
    for (std::size_t i = 0; i < chain[level]->variables.size(); ++i)
      places[level].emplace(chain[level]->variables[i].first, i);
  }
  for (const auto& [path, value] : values) {
    std::size_t level = 0;
    while (level < chain.size() && !places[level].count(path)) ++level;
    if (level == chain.size()) level = local ? 0 : chain.size() - 1;  // new: here, or in the process scope
    ScopeSnapshot& target = *chain[level];
    auto [place, isNew] = places[level].try_emplace(path, target.variables.size());
    if (isNew) {
      target.variables.emplace_back(path, value);
    } else {
      target.variables[place->second].second = value;
    }
    conditionsDirty_ = true;
    record(RecordKind::kVariableSet, path, {}, target.key, feel::toJson(value));
  }
}

void RunContext::setVariable(std::uint64_t scopeKey, const std::string& path, const feel::Value& value, bool local) {
  conditionsDirty_ = true;
  const auto dot = path.find('.');
  const std::string name = path.substr(0, dot);
  ScopeSnapshot* target = nullptr;
  if (local) {
    target = scope(scopeKey);
  } else {
    for (std::uint64_t key = scopeKey; key != 0 && !target;) {
      ScopeSnapshot* current = scope(key);
      if (!current) break;
      for (const auto& [existing, unused] : current->variables) {
        if (existing == name) target = current;
      }
      key = current->parentKey;
    }
    if (!target) target = &instance_.scopes.front();
  }
  for (auto& [existing, current] : target->variables) {
    if (existing != name) continue;
    current = dot == std::string::npos ? value : putPath(current, std::string_view(path).substr(dot + 1), value);
    record(RecordKind::kVariableSet, name, {}, target->key, feel::toJson(current));
    return;
  }
  feel::Value stored =
      dot == std::string::npos ? value : putPath(feel::Value(), std::string_view(path).substr(dot + 1), value);
  target->variables.emplace_back(name, stored);
  record(RecordKind::kVariableSet, name, {}, target->key, feel::toJson(stored));
}

void RunContext::incident(TokenSnapshot& token, const std::string& message, std::uint64_t jobKey) {
  IncidentSnapshot incident{newKey(), token.key, jobKey, token.elementId, message};
  token.state = TokenState::kWaiting;
  record(RecordKind::kIncidentRaised, token.elementId, {}, token.elementInstanceKey, message);
  instance_.incidents.push_back(incident);
}

void RunContext::terminateToken(std::uint64_t key) {
  TokenSnapshot* victim = token(key);
  if (!victim) return;
  // A sub-process token takes its whole scope with it.
  for (const auto& nested : instance_.scopes) {
    if (nested.tokenKey == key) {
      const std::uint64_t nestedKey = nested.key;
      terminateScope(nestedKey, 0);
      std::erase_if(instance_.complexGateways,
                    [&](const ComplexGatewaySnapshot& c) { return c.scopeKey == nestedKey; });
      break;
    }
  }
  victim = token(key);
  if (victim->childInstanceKey != 0) pendingCancels_.push_back(victim->childInstanceKey);
  std::erase_if(instance_.scopes, [&](const ScopeSnapshot& s) { return s.tokenKey == key; });
  std::erase_if(instance_.jobs, [&](const JobSnapshot& job) { return job.tokenKey == key; });
  std::erase_if(instance_.userTasks, [&](const UserTaskSnapshot& task) { return task.tokenKey == key; });
  std::erase_if(instance_.incidents, [&](const IncidentSnapshot& i) { return i.tokenKey == key; });
  std::erase_if(instance_.timers, [&](const TimerSnapshot& timer) { return timer.tokenKey == key; });
  std::erase_if(instance_.signalSubscriptions, [&](const auto& s) { return s.tokenKey == key; });
  std::erase_if(instance_.messageSubscriptions, [&](const auto& s) { return s.tokenKey == key; });
  std::erase_if(instance_.conditionSubscriptions, [&](const auto& s) { return s.tokenKey == key; });
  if (victim->elementInstanceKey != 0) {
    record(RecordKind::kElementTerminated, victim->elementId,
           std::string(elementKindName(element(*victim).element->kind)), victim->elementInstanceKey);
  }
  removeToken(key);
}

void RunContext::terminateScope(std::uint64_t scopeKey, std::uint64_t except) {
  // The iterations of a looping activity lie below its body scope.
  std::vector<std::uint64_t> iterations;
  for (const auto& nested : instance_.scopes) {
    if (nested.parentKey == scopeKey && nested.kind == ScopeKind::kLoopIteration) iterations.push_back(nested.key);
  }
  for (std::uint64_t key : iterations) terminateScope(key, 0);
  std::vector<std::uint64_t> doomed;
  for (const auto& token : instance_.tokens) {
    if (token.scopeKey == scopeKey && token.key != except) doomed.push_back(token.key);
  }
  for (std::uint64_t key : doomed) terminateToken(key);
  closeScopeSubscriptions(*this, scopeKey);
  std::erase_if(instance_.complexGateways, [&](const ComplexGatewaySnapshot& c) { return c.scopeKey == scopeKey; });
}

void RunContext::applyOutputs(const TokenSnapshot& token, const feel::Context& result) {
  const auto& el = element(token);
  if (!el.compensationHandler.empty()) results_[token.key] = result;
  if (el.outputs.empty()) {
    setVariables(token.scopeKey, result, false);
    return;
  }
  feel::Context visible = result;  // the result first, then the element's locals
  for (const auto& local : token.locals) visible.push_back(local);
  for (const auto& output : el.outputs) {
    auto value = evaluate(output.source, token.scopeKey, visible);
    setVariable(token.scopeKey, output.target, value.isOk() ? value.value() : feel::Value(), false);
  }
}

void RunContext::runJobHandler(std::uint64_t jobKey) {
  auto find = [&]() -> JobSnapshot* {
    for (auto& job : instance_.jobs) {
      if (job.key == jobKey) return &job;
    }
    return nullptr;
  };
  JobSnapshot* job = find();
  if (!job) return;
  auto handler = options_.jobHandlers.find(job->type);
  if (handler == options_.jobHandlers.end()) return;  // an external worker will take it
  while (true) {
    job = find();
    TokenSnapshot* owner = token(job->tokenKey);
    ActivatedJob activated{job->key, instance_.key, job->elementId, job->type, job->retries, job->headers, {}};
    activated.variables = visibleVariables(owner->scopeKey, owner->locals);
    const JobOutcome outcome = handler->second(activated);
    job = find();
    owner = token(job->tokenKey);
    if (outcome.kind == JobOutcome::Kind::kComplete) {
      record(RecordKind::kJobCompleted, job->elementId, {}, owner->elementInstanceKey);
      const std::uint64_t tokenKey = owner->key;
      std::erase_if(instance_.jobs, [&](const JobSnapshot& j) { return j.key == jobKey; });
      applyOutputs(*token(tokenKey), outcome.variables);
      auto flows = outgoingFlows(*token(tokenKey));
      if (flows) leave(tokenKey, *flows);
      return;
    }
    job->retries -= 1;
    job->errorMessage = outcome.errorMessage;
    record(RecordKind::kJobFailed, job->elementId, {}, owner->elementInstanceKey, outcome.errorMessage);
    if (job->retries <= 0) {
      job->state = JobState::kFailed;
      incident(*owner, "job \"" + job->type + "\" failed, no retries left: " + outcome.errorMessage, jobKey);
      return;
    }
  }
}

std::string RunContext::loopDescription(const TokenSnapshot& token) const {
  const auto& scope = process_.scope(element(token).scopeId);
  auto node = scope.graph.find(token.elementId);
  for (const auto& cycle : scope.graph.cyclesWithoutWaitState()) {
    if (node && std::find(cycle.begin(), cycle.end(), *node) != cycle.end()) {
      std::string ids;
      for (auto index : cycle) ids += (ids.empty() ? "\"" : ", \"") + scope.graph.node(index).element->id + "\"";
      return "; it loops without a wait state through " + ids;
    }
  }
  return {};
}

void RunContext::enter(std::uint64_t tokenKey) {
  const TokenSnapshot* current = token(tokenKey);
  const ElementKind kind = element(*current).element->kind;
  if (isEvent(kind)) {
    enterEvent(*this, tokenKey);
  } else if (isGateway(kind)) {
    enterGateway(*this, tokenKey);
  } else {
    enterActivity(*this, tokenKey);
  }
}

bool RunContext::fireInclusiveJoins() {
  for (const auto& scopeSnapshot : instance_.scopes) {
    if (scopeSnapshot.kind != ScopeKind::kFlow) continue;  // loop levels hold no gateways
    const auto& compiled = process_.scope(scopeSnapshot.elementId);
    std::vector<std::string> joins;
    for (const auto& token : instance_.tokens) {
      if (token.scopeKey == scopeSnapshot.key && token.state == TokenState::kAtJoin &&
          element(token).element->kind == ElementKind::kInclusiveGateway &&
          std::find(joins.begin(), joins.end(), token.elementId) == joins.end()) {
        joins.push_back(token.elementId);
      }
    }
    for (const auto& joinId : joins) {
      const auto joinIndex = *compiled.graph.find(joinId);
      std::vector<std::string> incoming;
      for (auto edge : compiled.graph.node(joinIndex).incoming) {
        if (compiled.graph.edge(edge).kind == graph::EdgeKind::kSequenceFlow) {
          incoming.push_back(compiled.graph.edge(edge).flow->id);
        }
      }
      std::vector<bool> occupied(incoming.size(), false);
      for (const auto& token : instance_.tokens) {
        if (token.scopeKey != scopeSnapshot.key || token.elementId != joinId || token.state != TokenState::kAtJoin) {
          continue;
        }
        for (std::size_t i = 0; i < incoming.size(); ++i) {
          if (incoming[i] == token.arrivedVia) occupied[i] = true;
        }
      }
      // SPEC §13.4.3: wait while a token elsewhere can still reach an empty
      // incoming flow (and cannot reach an occupied one).
      const auto blocking = compiled.graph.blockingNodes(joinIndex, occupied);
      bool blocked = false;
      for (const auto& token : instance_.tokens) {
        if (token.scopeKey != scopeSnapshot.key || token.elementId == joinId) continue;
        auto node = compiled.graph.find(token.elementId);
        if (node && blocking[*node]) blocked = true;
      }
      if (blocked) continue;
      // Fire: one token per occupied flow is consumed; the first goes on.
      std::uint64_t continuing = 0;
      for (std::size_t i = 0; i < incoming.size(); ++i) {
        if (!occupied[i]) continue;
        for (const auto& token : instance_.tokens) {
          if (token.scopeKey == scopeSnapshot.key && token.elementId == joinId && token.state == TokenState::kAtJoin &&
              token.arrivedVia == incoming[i]) {
            if (continuing == 0) {
              continuing = token.key;
            } else {
              removeToken(token.key);
            }
            break;
          }
        }
      }
      splitInclusive(*this, continuing);
      return true;
    }
  }
  return false;
}

// SPEC §13.4.4: a complex gateway waiting for reset absorbs one token on
// each incoming flow that had none at activation, once each such flow has a
// token or can no longer get one; then it waits for start again.
bool RunContext::resetComplexGateways() {
  for (std::size_t i = 0; i < instance_.complexGateways.size(); ++i) {
    const ComplexGatewaySnapshot state = instance_.complexGateways[i];
    const ScopeSnapshot* owner = scope(state.scopeKey);
    if (!owner) continue;
    const auto& compiled = process_.scope(owner->elementId);
    const auto joinIndex = *compiled.graph.find(state.elementId);
    const auto& upstream = compiled.graph.upstreamOfIncoming(joinIndex);
    std::vector<std::string> incoming;
    for (auto edge : compiled.graph.node(joinIndex).incoming) {
      if (compiled.graph.edge(edge).kind == graph::EdgeKind::kSequenceFlow) {
        incoming.push_back(compiled.graph.edge(edge).flow->id);
      }
    }
    std::vector<std::uint64_t> absorbed;
    bool ready = true;
    for (std::size_t f = 0; f < incoming.size() && ready; ++f) {
      if (std::find(state.activatedFlows.begin(), state.activatedFlows.end(), incoming[f]) !=
          state.activatedFlows.end()) {
        continue;
      }
      std::uint64_t arrived = 0;
      for (const auto& token : instance_.tokens) {
        if (token.scopeKey == state.scopeKey && token.elementId == state.elementId &&
            token.state == TokenState::kAtJoin && token.arrivedVia == incoming[f]) {
          arrived = token.key;
          break;
        }
      }
      if (arrived) {
        absorbed.push_back(arrived);
        continue;
      }
      for (const auto& token : instance_.tokens) {
        if (token.scopeKey != state.scopeKey || token.elementId == state.elementId) continue;
        auto node = compiled.graph.find(token.elementId);
        if (node && upstream[f][*node]) ready = false;  // a token can still come
      }
    }
    if (!ready) continue;
    for (std::uint64_t key : absorbed) removeToken(key);
    instance_.complexGateways.erase(instance_.complexGateways.begin() + static_cast<std::ptrdiff_t>(i));
    tryActivateComplex(*this, state.scopeKey, state.elementId);  // tokens that came meanwhile
    return true;
  }
  return false;
}

// SPEC §10.5.4 (Signal): a signal thrown here reaches this instance's own
// subscriptions (catch and boundary events, event sub-processes) once the
// tokens it set moving have come to rest, as it reaches other instances,
// and before the instance can complete and close them.
bool RunContext::catchOwnSignals() {
  if (signalsCaughtHere_ == pendingSignals_.size()) return false;
  while (signalsCaughtHere_ < pendingSignals_.size()) {
    const std::string name = pendingSignals_[signalsCaughtHere_++];
    std::vector<SignalSubscriptionSnapshot> matching;
    for (const auto& subscription : instance_.signalSubscriptions) {
      if (subscription.name == name) matching.push_back(subscription);
    }
    for (const auto& subscription : matching) {
      catchSignal(*this, subscription.tokenKey, subscription.scopeKey, subscription.elementId, {});
    }
  }
  return true;
}

bool RunContext::completeScopes() {
  for (const auto& scopeSnapshot : instance_.scopes) {
    // A loop body completes with its last iteration (loops.cpp).
    if (scopeSnapshot.parentKey == 0 || scopeSnapshot.kind == ScopeKind::kLoopBody) continue;
    if (scopeSnapshot.kind == ScopeKind::kFlow &&
        process_.element(scopeSnapshot.elementId).element->kind == ElementKind::kAdHocSubProcess) {
      if (settleAdHoc(*this, scopeSnapshot.key)) return true;
      continue;
    }
    const bool empty = std::none_of(instance_.tokens.begin(), instance_.tokens.end(),
                                    [&](const TokenSnapshot& t) { return t.scopeKey == scopeSnapshot.key; });
    if (!empty) continue;
    if (scopeSnapshot.kind == ScopeKind::kLoopIteration) {
      iterationCompleted(*this, scopeSnapshot.key);
      return true;
    }
    if (scopeSnapshot.kind == ScopeKind::kCompensation) {
      compensationHandled(*this, scopeSnapshot.key);
      return true;
    }
    const std::uint64_t owner = scopeSnapshot.tokenKey;
    const std::uint64_t scopeKey = scopeSnapshot.key;
    // SPEC (Camunda 8): a sub-process's output mappings read its scope
    // when it completes and merge into the scopes around it; its local
    // variables go with it.
    std::vector<std::pair<std::string, feel::Value>> outputs;
    for (const auto& output : process_.element(scopeSnapshot.elementId).outputs) {
      auto value = evaluate(output.source, scopeKey);
      outputs.emplace_back(output.target, value.isOk() ? value.value() : feel::Value());
    }
    keepCompensations(*this, scopeKey, scopeSnapshot.parentKey, scopeSnapshot.elementId);
    closeScopeSubscriptions(*this, scopeKey);
    std::erase_if(instance_.scopes, [&](const ScopeSnapshot& s) { return s.key == scopeKey; });
    std::erase_if(instance_.complexGateways, [&](const ComplexGatewaySnapshot& c) { return c.scopeKey == scopeKey; });
    for (const auto& [target, value] : outputs) setVariable(token(owner)->scopeKey, target, value, false);
    auto flows = outgoingFlows(*token(owner));
    if (flows) leave(owner, *flows);
    return true;
  }
  return false;
}

void RunContext::run() {
  while (!stopped_) {
    while (true) {
      auto ready = std::find_if(instance_.tokens.begin(), instance_.tokens.end(),
                                [](const TokenSnapshot& t) { return t.state == TokenState::kReady; });
      if (ready == instance_.tokens.end()) break;
      const bool overBudget = ++steps_ > options_.stepBudget;
      if (overBudget || instance_.tokens.size() > options_.maxTokens) {
        // A loop without a wait state, or one that multiplies tokens: stop
        // it here, as an incident on every token still moving, so that none
        // runs on with the next command; resolving one moves that token on.
        const std::string message =
            overBudget ? "step budget of " + std::to_string(options_.stepBudget) +
                             " element activations exceeded in one command" + loopDescription(*ready)
                       : "the instance holds " + std::to_string(instance_.tokens.size()) + " tokens, more than the " +
                             std::to_string(options_.maxTokens) + " one instance may have" + loopDescription(*ready);
        for (auto& moving : instance_.tokens) {
          if (moving.state == TokenState::kReady) incident(moving, message);
        }
        stopped_ = true;
        break;
      }
      enter(ready->key);
    }
    if (stopped_) break;
    if (catchOwnSignals()) continue;
    if (conditionsDirty_) {
      conditionsDirty_ = false;
      if (evaluateConditions(*this)) continue;
    }
    if (fireInclusiveJoins()) continue;
    if (resetComplexGateways()) continue;
    if (completeScopes()) continue;
    break;
  }
  // Records of scopes that ended without completing are not compensated.
  std::erase_if(instance_.compensations,
                [&](const CompensationSnapshot& record) { return record.parkedUnder == 0 && !scope(record.scopeKey); });
  std::vector<std::uint64_t> owners;
  for (const auto& record : instance_.compensations) owners.push_back(record.key);
  std::erase_if(instance_.compensations, [&](const CompensationSnapshot& record) {
    return record.parkedUnder != 0 && std::find(owners.begin(), owners.end(), record.parkedUnder) == owners.end();
  });
  InstanceState state = instance_.state;
  if (state == InstanceState::kActive || state == InstanceState::kIncident) {
    if (!instance_.incidents.empty()) {
      state = InstanceState::kIncident;
    } else if (instance_.tokens.empty()) {
      state = InstanceState::kCompleted;
      closeScopeSubscriptions(*this, instance_.scopes.front().key);  // its event sub-processes' starts
    } else {
      state = InstanceState::kActive;
    }
  }
  if (state != instance_.state) {
    instance_.state = state;
    record(RecordKind::kInstanceStateChanged, instance_.processId, "process", instance_.key,
           std::string(instanceStateName(state)));
  }
}

}  // namespace bpmn::runtime

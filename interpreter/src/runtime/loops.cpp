// Looping activities: multi-instance (BPMN 2.0.2 §13.3.7), parallel or
// sequential, over a cardinality or an input collection, with an output
// collection and a completion condition; and the standard loop (§13.3.6).
//
// A looping activity runs on two levels, as in Zeebe: its token waits on the
// activity as the *body* (a kLoopBody scope, which the activity's boundary
// events attach to), and every iteration is a kLoopIteration scope below it
// holding one token on the same activity, with the iteration's variables
// (loopCounter, the input element, the input mappings). An iteration's token
// leaves over no flow; when its scope is empty the iteration is over
// (RunContext::completeScopes calls iterationCompleted), and when the last
// one is over, the body leaves over the activity's outgoing flows.
#include <algorithm>

#include "bpmn/limits.h"
#include "runtime/run_context.h"

namespace bpmn::runtime {

using feel::Decimal;
using feel::Value;

namespace {

Value number(std::int64_t n) { return Value(Decimal(n)); }

std::int64_t counter(const ScopeSnapshot& body, const std::string& name) {
  for (const auto& [key, value] : body.variables) {
    if (key == name && value.number()) {
      if (auto n = value.number()->toInt64()) return *n;
    }
  }
  return 0;
}

// Camunda 7's names and Zeebe's, so that completion conditions written for
// either read the same counters.
void setCounters(RunContext& context, std::uint64_t bodyKey, std::int64_t instances, std::int64_t active,
                 std::int64_t completed) {
  context.setVariable(bodyKey, "nrOfInstances", number(instances), true);
  context.setVariable(bodyKey, "nrOfActiveInstances", number(active), true);
  context.setVariable(bodyKey, "nrOfCompletedInstances", number(completed), true);
  context.setVariable(bodyKey, "numberOfInstances", number(instances), true);
  context.setVariable(bodyKey, "numberOfActiveInstances", number(active), true);
  context.setVariable(bodyKey, "numberOfCompletedInstances", number(completed), true);
}

void startIteration(RunContext& context, std::uint64_t bodyKey) {
  ScopeSnapshot& body = *context.scope(bodyKey);
  const CompiledLoop& loop = *context.process().element(body.elementId).loop;
  ScopeSnapshot iteration;
  iteration.key = context.newKey();
  iteration.parentKey = bodyKey;
  iteration.elementId = body.elementId;
  iteration.tokenKey = body.tokenKey;
  iteration.kind = ScopeKind::kLoopIteration;
  iteration.loopIndex = body.loopStarted++;
  iteration.variables.emplace_back("loopCounter", number(iteration.loopIndex + 1));
  if (!loop.inputElement.empty()) {
    const auto index = static_cast<std::size_t>(iteration.loopIndex);
    iteration.variables.emplace_back(loop.inputElement,
                                     index < body.loopItems.size() ? body.loopItems[index] : Value());
  }
  const std::string elementId = body.elementId;
  context.instance().scopes.push_back(std::move(iteration));
  const std::uint64_t iterationKey = context.instance().scopes.back().key;
  context.createToken(iterationKey, elementId, "");
}

std::vector<std::uint64_t> iterationsOf(RunContext& context, std::uint64_t bodyKey) {
  std::vector<std::uint64_t> keys;
  for (const auto& scope : context.instance().scopes) {
    if (scope.parentKey == bodyKey && scope.kind == ScopeKind::kLoopIteration) keys.push_back(scope.key);
  }
  return keys;
}

void removeIteration(RunContext& context, std::uint64_t iterationKey) {
  context.terminateScope(iterationKey, 0);
  std::erase_if(context.instance().scopes, [&](const ScopeSnapshot& s) { return s.key == iterationKey; });
}

// The whole activity completes: the output collection goes to the scope
// around it, and the body's token leaves over the outgoing flows.
void completeBody(RunContext& context, std::uint64_t bodyKey) {
  ScopeSnapshot& body = *context.scope(bodyKey);
  const CompiledLoop& loop = *context.process().element(body.elementId).loop;
  const std::uint64_t tokenKey = body.tokenKey;
  const std::uint64_t outerKey = body.parentKey;
  std::optional<Value> collected;
  if (!loop.outputCollection.empty()) {
    for (const auto& [name, value] : body.variables) {
      if (name == loop.outputCollection) collected = value;
    }
  }
  keepCompensations(context, bodyKey, outerKey, body.elementId);
  std::erase_if(context.instance().scopes, [&](const ScopeSnapshot& s) { return s.key == bodyKey; });
  if (collected) context.setVariable(outerKey, loop.outputCollection, *collected, false);
  auto flows = context.outgoingFlows(*context.token(tokenKey));
  if (flows) context.leave(tokenKey, *flows);
}

// A condition of the loop that gives no boolean stops the loop as an
// incident on the activity; resolving it runs the activity again.
std::optional<bool> loopCondition(RunContext& context, const FeelExpression& condition, std::uint64_t scopeKey,
                                  std::uint64_t bodyKey, const char* what) {
  auto value = context.evaluate(condition, scopeKey);
  if (value.isOk() && value.value().boolean()) return *value.value().boolean();
  const std::uint64_t tokenKey = context.scope(bodyKey)->tokenKey;
  for (std::uint64_t iteration : iterationsOf(context, bodyKey)) removeIteration(context, iteration);
  std::erase_if(context.instance().scopes, [&](const ScopeSnapshot& s) { return s.key == bodyKey; });
  context.incident(*context.token(tokenKey),
                   std::string(what) + " " +
                       (value.isOk() ? "is not a boolean: " + feel::toFeelString(value.value())
                                     : "failed: " + value.status().message()));
  return std::nullopt;
}

}  // namespace

bool inLoopIteration(RunContext& context, const TokenSnapshot& token) {
  const ScopeSnapshot* scope = context.scope(token.scopeKey);
  return scope && scope->kind == ScopeKind::kLoopIteration && scope->elementId == token.elementId;
}

void startLoop(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& token = *context.token(tokenKey);
  const CompiledLoop& loop = *context.element(token).loop;
  context.activated(token);
  std::vector<Value> items;
  std::int64_t count = 0;
  if (loop.multiInstance) {
    // SPEC §13.3.7: the number of instances is computed once, when the
    // activity starts.
    const FeelExpression& source = loop.inputCollection ? *loop.inputCollection : *loop.cardinality;
    auto value = context.evaluate(source, token.scopeKey);
    if (!value.isOk()) {
      context.incident(*context.token(tokenKey),
                       std::string(loop.inputCollection ? "input collection" : "loop cardinality") +
                           " failed: " + value.status().message());
      return;
    }
    if (loop.inputCollection) {
      const feel::List* list = value.value().list();
      if (!list) {
        context.incident(*context.token(tokenKey),
                         "input collection is not a list: " + feel::toFeelString(value.value()));
        return;
      }
      items.assign(list->begin(), list->end());
      count = static_cast<std::int64_t>(items.size());
    } else {
      auto n = value.value().number() ? value.value().number()->toInt64() : std::nullopt;
      if (!n || *n < 0) {
        context.incident(*context.token(tokenKey),
                         "loop cardinality is not a whole number of at least 0: " + feel::toFeelString(value.value()));
        return;
      }
      count = *n;
    }
    if (count > limits::kLoopInstances) {
      context.incident(*context.token(tokenKey),
                       std::string(loop.inputCollection ? "input collection has " : "loop cardinality is ") +
                           std::to_string(count) + ", more than the " + std::to_string(limits::kLoopInstances) +
                           " instances a multi-instance activity may have");
      return;
    }
  }
  TokenSnapshot& waiting = *context.token(tokenKey);
  waiting.state = TokenState::kWaiting;
  ScopeSnapshot body;
  body.key = context.newKey();
  body.parentKey = waiting.scopeKey;
  body.elementId = waiting.elementId;
  body.tokenKey = tokenKey;
  body.kind = ScopeKind::kLoopBody;
  body.loopItems = std::move(items);
  body.loopCount = count;
  const std::uint64_t bodyKey = body.key;
  context.instance().scopes.push_back(std::move(body));
  if (loop.multiInstance) {
    if (!loop.outputCollection.empty()) {
      context.setVariable(bodyKey, loop.outputCollection, Value(feel::List(static_cast<std::size_t>(count), Value())),
                          true);
    }
    const std::int64_t first = loop.sequential ? std::min<std::int64_t>(count, 1) : count;
    setCounters(context, bodyKey, count, first, 0);
    for (std::int64_t i = 0; i < first; ++i) startIteration(context, bodyKey);
  } else {
    // SPEC §13.3.6: with testBefore the condition is checked before the
    // first iteration too.
    bool run = !loop.loopMaximum || *loop.loopMaximum > 0;
    if (run && loop.testBefore && loop.loopCondition) {
      auto holds = loopCondition(context, *loop.loopCondition, bodyKey, bodyKey, "loop condition");
      if (!holds) return;
      run = *holds;
    }
    if (run) startIteration(context, bodyKey);
  }
  if (iterationsOf(context, bodyKey).empty()) completeBody(context, bodyKey);
}

void iterationCompleted(RunContext& context, std::uint64_t iterationKey) {
  const ScopeSnapshot iteration = *context.scope(iterationKey);
  const std::uint64_t bodyKey = iteration.parentKey;
  const CompiledLoop& loop = *context.process().element(iteration.elementId).loop;
  bool done = false;
  if (loop.multiInstance) {
    // The iteration's contribution, read before its variables go.
    if (!loop.outputCollection.empty() && loop.outputElement) {
      auto value = context.evaluate(*loop.outputElement, iterationKey);
      ScopeSnapshot& body = *context.scope(bodyKey);
      for (auto& [name, collection] : body.variables) {
        if (name != loop.outputCollection || !collection.list()) continue;
        feel::List items = *collection.list();
        const auto index = static_cast<std::size_t>(iteration.loopIndex);
        if (index < items.size()) items[index] = value.isOk() ? value.value() : Value();
        context.setVariable(bodyKey, loop.outputCollection, Value(std::move(items)), true);
        break;
      }
    }
    const ScopeSnapshot& body = *context.scope(bodyKey);
    const std::int64_t completed = counter(body, "nrOfCompletedInstances") + 1;
    const std::int64_t active = counter(body, "nrOfActiveInstances") - 1;
    setCounters(context, bodyKey, body.loopCount, active, completed);
    // SPEC §13.3.7: when the completionCondition holds, the remaining
    // instances are cancelled and the activity completes.
    if (loop.completionCondition) {
      auto holds = loopCondition(context, *loop.completionCondition, iterationKey, bodyKey, "completion condition");
      if (!holds) return;
      done = *holds;
    }
    keepCompensations(context, iterationKey, bodyKey, iteration.elementId);
    removeIteration(context, iterationKey);
    if (done) {
      for (std::uint64_t other : iterationsOf(context, bodyKey)) removeIteration(context, other);
    } else if (loop.sequential && context.scope(bodyKey)->loopStarted < context.scope(bodyKey)->loopCount) {
      setCounters(context, bodyKey, context.scope(bodyKey)->loopCount, 1, completed);
      startIteration(context, bodyKey);
    }
  } else {
    // SPEC §13.3.6: loop while the condition holds, at most loopMaximum
    // times.
    bool again = !loop.loopMaximum || context.scope(bodyKey)->loopStarted < *loop.loopMaximum;
    if (again && loop.loopCondition) {
      auto holds = loopCondition(context, *loop.loopCondition, iterationKey, bodyKey, "loop condition");
      if (!holds) return;
      again = *holds;
    }
    keepCompensations(context, iterationKey, bodyKey, iteration.elementId);
    removeIteration(context, iterationKey);
    if (again) startIteration(context, bodyKey);
  }
  if (iterationsOf(context, bodyKey).empty()) completeBody(context, bodyKey);
}

}  // namespace bpmn::runtime

// Activities (BPMN 2.0.2 §13.3): tasks that pass through, jobs that wait for
// a worker, user tasks, inline FEEL scripts, and embedded sub-processes as
// scopes.
#include "bpmn/feel/json.h"
#include "bpmn/model/vendor.h"
#include "runtime/run_context.h"

namespace bpmn::runtime {

using model::ElementKind;

namespace {

void passThrough(RunContext& context, std::uint64_t tokenKey) {
  auto flows = context.outgoingFlows(*context.token(tokenKey));
  if (flows) context.leave(tokenKey, *flows);
}

}  // namespace

std::uint64_t openSubProcessScope(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& token = *context.token(tokenKey);
  token.state = TokenState::kWaiting;
  ScopeSnapshot scope;
  scope.key = context.newKey();
  scope.parentKey = token.scopeKey;
  scope.elementId = token.elementId;
  scope.tokenKey = tokenKey;
  // SPEC (Camunda 8, variable mappings): an input mapping creates a local
  // variable of the scope it is defined on: for a sub-process, the scope
  // everything inside sees.
  scope.variables = std::move(token.locals);
  token.locals.clear();
  for (const auto& [name, value] : scope.variables) {
    context.record(RecordKind::kVariableSet, name, {}, scope.key, feel::toJson(value));
  }
  context.instance().scopes.push_back(std::move(scope));
  const std::uint64_t key = context.instance().scopes.back().key;
  openEventSubProcesses(context, key);
  return key;
}

void createJob(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& token = *context.token(tokenKey);
  const CompiledElement& element = context.element(token);
  JobSnapshot job;
  job.key = context.newKey();
  job.tokenKey = tokenKey;
  job.elementId = token.elementId;
  job.type = *element.jobType;
  job.retries = element.retries;
  job.headers = element.headers;
  token.state = TokenState::kWaiting;
  context.record(RecordKind::kJobCreated, token.elementId, std::string(elementKindName(element.element->kind)),
                 token.elementInstanceKey, job.type);
  context.instance().jobs.push_back(job);
  context.runJobHandler(job.key);
}

namespace {

void runScript(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& token = *context.token(tokenKey);
  const CompiledElement& element = context.element(token);
  auto result = context.evaluate(*element.script, token.scopeKey);
  if (!result.isOk()) {
    context.incident(token, "script failed: " + result.status().message());
    return;
  }
  if (!element.resultVariable.empty())
    context.setVariable(token.scopeKey, element.resultVariable, result.value(), false);
  passThrough(context, tokenKey);
}

// SPEC §13.3.4: the sub-process starts its own tokens at its start events
// (or, without any, at every node without incoming flows) and completes when
// none is left.
void startSubProcess(RunContext& context, std::uint64_t tokenKey) {
  const std::uint64_t scopeKey = openSubProcessScope(context, tokenKey);
  const auto& graph = context.process().scope(context.scope(scopeKey)->elementId).graph;
  for (auto entry : graph.entryNodes()) {
    const model::FlowElement& inner = *graph.node(entry).element;
    if (!inner.isEventSubProcess()) context.createToken(scopeKey, inner.id, "");
  }
}

// A zeebe: or camunda: assignment value: literal text, or FEEL after "=".
std::string assignmentValue(RunContext& context, const TokenSnapshot& token, const std::string& text) {
  if (!text.starts_with("=")) return text;
  auto expression = FeelExpression::compile(std::string_view(text).substr(1));
  if (!expression.isOk()) return {};
  auto value = context.evaluate(expression.value(), token.scopeKey, token.locals);
  if (!value.isOk() || value.value().isNull()) return {};
  if (const std::string* string = value.value().string()) return *string;
  if (const feel::List* items = value.value().list()) {
    std::string joined;
    for (const auto& item : *items)
      joined += (joined.empty() ? "" : ",") + (item.string() ? *item.string() : feel::toFeelString(item));
    return joined;
  }
  return feel::toFeelString(value.value());
}

void createUserTask(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& token = *context.token(tokenKey);
  token.state = TokenState::kWaiting;
  const auto assignment = model::vendor::userTaskAssignment(*context.element(token).element);
  UserTaskSnapshot task;
  task.tokenKey = tokenKey;
  task.elementId = token.elementId;
  task.assignee = assignmentValue(context, token, assignment.assignee);
  task.candidateGroups = assignmentValue(context, token, assignment.candidateGroups);
  task.candidateUsers = assignmentValue(context, token, assignment.candidateUsers);
  task.dueDate = assignmentValue(context, token, assignment.dueDate);
  task.followUpDate = assignmentValue(context, token, assignment.followUpDate);
  task.formKey = assignmentValue(context, token, assignment.formKey);
  context.instance().userTasks.push_back(std::move(task));
}

}  // namespace

void enterActivity(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& token = *context.token(tokenKey);
  const CompiledElement& element = context.element(token);
  if (element.loop && !inLoopIteration(context, token)) {
    startLoop(context, tokenKey);
    return;
  }
  context.activated(token);
  switch (element.element->kind) {
    case ElementKind::kTask:
    case ElementKind::kManualTask:
      passThrough(context, tokenKey);
      return;
    case ElementKind::kScriptTask:
      if (element.script) {
        runScript(context, tokenKey);
      } else {
        createJob(context, tokenKey);
      }
      return;
    case ElementKind::kSendTask:
      if (element.publishes) {
        throwMessage(context, tokenKey);
        if (context.token(tokenKey)->state == TokenState::kReady) passThrough(context, tokenKey);
      } else {
        createJob(context, tokenKey);
      }
      return;
    case ElementKind::kServiceTask:
    case ElementKind::kBusinessRuleTask:
      createJob(context, tokenKey);
      return;
    case ElementKind::kUserTask:
      createUserTask(context, tokenKey);
      return;
    case ElementKind::kReceiveTask:
      token.state = TokenState::kWaiting;
      subscribeMessage(context, tokenKey, *element.element);
      return;
    case ElementKind::kSubProcess:
    case ElementKind::kTransaction:
      startSubProcess(context, tokenKey);
      return;
    case ElementKind::kAdHocSubProcess:
      startAdHoc(context, tokenKey);
      return;
    case ElementKind::kCallActivity: {
      // The engine starts the called instance after this run (it is another
      // instance); the token waits until that one ends.
      token.state = TokenState::kWaiting;
      feel::Context variables = token.locals;  // the input mappings
      for (const auto& input : element.callInputs) {
        auto value = context.evaluate(input.source, token.scopeKey, token.locals);
        variables.emplace_back(input.target, value.isOk() ? value.value() : feel::Value());
      }
      if (element.propagateAllParentVariables) variables = context.visibleVariables(token.scopeKey, variables);
      context.pendingCalls().push_back(
          {tokenKey, element.calledProcessId, element.calledVersion, std::move(variables)});
      return;
    }
    default:
      context.incident(token, std::string(elementKindName(element.element->kind)) + " is not executable");
      return;
  }
}

}  // namespace bpmn::runtime

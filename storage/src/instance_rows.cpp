// InstanceSnapshot <-> the instance tables (instance_rows.h).
#include "instance_rows.h"

#include <array>

#include "value_codec.h"

namespace bpmn::storage {

namespace {

// The state tables, in the order of the bits of instances.state_tables.
constexpr std::array kStateTables = {"scopes",
                                     "variables",
                                     "tokens",
                                     "jobs",
                                     "user_tasks",
                                     "incidents",
                                     "complex_gateways",
                                     "timers",
                                     "message_subscriptions",
                                     "signal_subscriptions",
                                     "condition_subscriptions",
                                     "compensations"};
enum Table : std::uint32_t {
  kScopes,
  kVariables,
  kTokens,
  kJobs,
  kUserTasks,
  kIncidents,
  kComplexGateways,
  kTimers,
  kMessageSubscriptions,
  kSignalSubscriptions,
  kConditionSubscriptions,
  kCompensations,
};
constexpr std::uint32_t bit(Table table) { return 1u << table; }

// The tables an instance has rows in.
std::uint32_t tablesOf(const InstanceSnapshot& instance) {
  std::uint32_t tables = 0;
  auto mark = [&](bool present, Table table) {
    if (present) tables |= bit(table);
  };
  mark(!instance.scopes.empty(), kScopes);
  for (const auto& scope : instance.scopes) mark(!scope.variables.empty(), kVariables);
  mark(!instance.tokens.empty(), kTokens);
  mark(!instance.jobs.empty(), kJobs);
  mark(!instance.userTasks.empty(), kUserTasks);
  mark(!instance.incidents.empty(), kIncidents);
  mark(!instance.complexGateways.empty(), kComplexGateways);
  mark(!instance.timers.empty(), kTimers);
  mark(!instance.messageSubscriptions.empty(), kMessageSubscriptions);
  mark(!instance.signalSubscriptions.empty(), kSignalSubscriptions);
  mark(!instance.conditionSubscriptions.empty(), kConditionSubscriptions);
  mark(!instance.compensations.empty(), kCompensations);
  return tables;
}

std::string_view scopeKindName(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kFlow:
      return "flow";
    case ScopeKind::kLoopBody:
      return "loop body";
    case ScopeKind::kLoopIteration:
      return "loop iteration";
    case ScopeKind::kCompensation:
      return "compensation";
  }
  return "flow";
}

std::optional<ScopeKind> scopeKind(std::string_view name) {
  for (auto kind : {ScopeKind::kFlow, ScopeKind::kLoopBody, ScopeKind::kLoopIteration, ScopeKind::kCompensation}) {
    if (scopeKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view tokenStateName(TokenState state) {
  switch (state) {
    case TokenState::kReady:
      return "ready";
    case TokenState::kWaiting:
      return "waiting";
    case TokenState::kAtJoin:
      return "at join";
  }
  return "ready";
}

std::optional<TokenState> tokenState(std::string_view name) {
  for (auto state : {TokenState::kReady, TokenState::kWaiting, TokenState::kAtJoin}) {
    if (tokenStateName(state) == name) return state;
  }
  return std::nullopt;
}

std::optional<InstanceState> instanceState(std::string_view name) {
  for (auto state : {InstanceState::kActive, InstanceState::kCompleted, InstanceState::kIncident,
                     InstanceState::kTerminated, InstanceState::kCancelled}) {
    if (instanceStateName(state) == name) return state;
  }
  return std::nullopt;
}

std::optional<JobState> jobState(std::string_view name) {
  for (auto state : {JobState::kActivatable, JobState::kFailed, JobState::kCompleted}) {
    if (jobStateName(state) == name) return state;
  }
  return std::nullopt;
}

std::string encodeStrings(const std::vector<std::string>& strings) {
  feel::List list(strings.begin(), strings.end());
  return encodeValue(feel::Value(std::move(list)));
}

std::optional<std::vector<std::string>> decodeStrings(std::string_view text) {
  auto value = decodeValue(text);
  if (!value || !value->list()) return std::nullopt;
  std::vector<std::string> result;
  for (const auto& item : *value->list()) {
    if (!item.string()) return std::nullopt;
    result.push_back(*item.string());
  }
  return result;
}

std::optional<std::vector<feel::Value>> decodeList(std::string_view text) {
  auto value = decodeValue(text);
  if (!value || !value->list()) return std::nullopt;
  return *value->list();
}

constexpr const char* kInstanceColumns =
    "key, process_id, version, state, revision, parent_instance, parent_token, start_correlation_key, started_at, "
    "ended_at, trace, state_tables, business_key";

}  // namespace

InstanceRows::InstanceRows(sqlite3* db)
    : upsertInstance_(db, std::string("INSERT OR REPLACE INTO instances (") + kInstanceColumns +
                              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      selectInstance_(db, std::string("SELECT ") + kInstanceColumns + " FROM instances WHERE key = ?"),
      selectStored_(db, "SELECT revision, state_tables FROM instances WHERE key = ?"),
      deleteInstance_(db, "DELETE FROM instances WHERE key = ?"),
      insertScope_(db,
                   "INSERT INTO scopes (instance, key, parent_key, element_id, token_key, kind, loop_items, "
                   "loop_count, loop_started, loop_index, compensating, pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?)"),
      insertVariable_(db, "INSERT INTO variables (instance, scope, name, value) VALUES (?, ?, ?, ?)"),
      insertToken_(db,
                   "INSERT INTO tokens (instance, key, scope, element_id, arrived_via, state, element_instance, "
                   "child_instance, locals) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      insertJob_(db,
                 "INSERT INTO jobs (instance, key, token, element_id, type, state, retries, retry_at, error_message, "
                 "headers, lock_owner, lock_deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      insertUserTask_(db,
                      "INSERT INTO user_tasks (instance, token, element_id, assignee, candidate_groups, "
                      "candidate_users, due_date, follow_up_date, form_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      insertIncident_(db,
                      "INSERT INTO incidents (instance, key, token, job, element_id, message) VALUES (?, ?, ?, ?, ?, "
                      "?)"),
      insertComplexGateway_(db,
                            "INSERT INTO complex_gateways (instance, scope, element_id, waiting_for_reset, "
                            "activated_flows) VALUES (?, ?, ?, ?, ?)"),
      insertTimer_(db,
                   "INSERT INTO timers (instance, key, token, element_id, due, repetitions, interval, scope) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?)"),
      insertMessageSubscription_(db,
                                 "INSERT INTO message_subscriptions (instance, token, element_id, name, "
                                 "correlation_key, scope) VALUES (?, ?, ?, ?, ?, ?)"),
      insertSignalSubscription_(db,
                                "INSERT INTO signal_subscriptions (instance, token, element_id, name, scope) VALUES "
                                "(?, ?, ?, ?, ?)"),
      insertConditionSubscription_(db,
                                   "INSERT INTO condition_subscriptions (instance, token, element_id, scope, "
                                   "satisfied) VALUES (?, ?, ?, ?, ?)"),
      insertCompensation_(db,
                          "INSERT INTO compensations (instance, key, scope, element_id, handler_id, within, "
                          "variables, parked_under) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
      selectScopes_(db,
                    "SELECT key, parent_key, element_id, token_key, kind, loop_items, loop_count, loop_started, "
                    "loop_index, compensating, pending FROM scopes WHERE instance = ? ORDER BY rowid"),
      selectVariables_(db, "SELECT scope, name, value FROM variables WHERE instance = ? ORDER BY rowid"),
      selectTokens_(db,
                    "SELECT key, scope, element_id, arrived_via, state, element_instance, child_instance, locals "
                    "FROM tokens WHERE instance = ? ORDER BY rowid"),
      selectJobs_(db,
                  "SELECT key, token, element_id, type, state, retries, retry_at, error_message, headers, "
                  "lock_owner, lock_deadline FROM jobs WHERE instance = ? ORDER BY rowid"),
      selectUserTasks_(db,
                       "SELECT token, element_id, assignee, candidate_groups, candidate_users, due_date, "
                       "follow_up_date, form_key FROM user_tasks WHERE instance = ? ORDER BY rowid"),
      selectIncidents_(db,
                       "SELECT key, token, job, element_id, message FROM incidents WHERE instance = ? ORDER BY "
                       "rowid"),
      selectComplexGateways_(db,
                             "SELECT scope, element_id, waiting_for_reset, activated_flows FROM complex_gateways "
                             "WHERE instance = ? ORDER BY rowid"),
      selectTimers_(db,
                    "SELECT key, token, element_id, due, repetitions, interval, scope FROM timers WHERE instance = ? "
                    "ORDER BY rowid"),
      selectMessageSubscriptions_(db,
                                  "SELECT token, element_id, name, correlation_key, scope FROM message_subscriptions "
                                  "WHERE instance = ? ORDER BY rowid"),
      selectSignalSubscriptions_(db,
                                 "SELECT token, element_id, name, scope FROM signal_subscriptions WHERE instance = ? "
                                 "ORDER BY rowid"),
      selectConditionSubscriptions_(db,
                                    "SELECT token, element_id, scope, satisfied FROM condition_subscriptions WHERE "
                                    "instance = ? ORDER BY rowid"),
      selectCompensations_(db,
                           "SELECT key, scope, element_id, handler_id, within, variables, parked_under FROM "
                           "compensations WHERE instance = ? ORDER BY rowid") {
  for (const char* table : kStateTables) {
    deleteRows_.emplace_back(db, std::string("DELETE FROM ") + table + " WHERE instance = ?");
  }
}

bool InstanceRows::prepared() const {
  for (const auto& statement : deleteRows_) {
    if (!statement.prepared()) return false;
  }
  for (const Statement* statement : {&upsertInstance_,
                                     &selectInstance_,
                                     &selectStored_,
                                     &deleteInstance_,
                                     &insertScope_,
                                     &insertVariable_,
                                     &insertToken_,
                                     &insertJob_,
                                     &insertUserTask_,
                                     &insertIncident_,
                                     &insertComplexGateway_,
                                     &insertTimer_,
                                     &insertMessageSubscription_,
                                     &insertSignalSubscription_,
                                     &insertConditionSubscription_,
                                     &insertCompensation_,
                                     &selectScopes_,
                                     &selectVariables_,
                                     &selectTokens_,
                                     &selectJobs_,
                                     &selectUserTasks_,
                                     &selectIncidents_,
                                     &selectComplexGateways_,
                                     &selectTimers_,
                                     &selectMessageSubscriptions_,
                                     &selectSignalSubscriptions_,
                                     &selectConditionSubscriptions_,
                                     &selectCompensations_}) {
    if (!statement->prepared()) return false;
  }
  return true;
}

InstanceRows::Stored InstanceRows::stored(std::uint64_t key) {
  Stored result;
  selectStored_.bind(key);
  if (selectStored_.step() == SQLITE_ROW) {
    result.revision = selectStored_.key(0);
    result.tables = static_cast<std::uint32_t>(selectStored_.integer(1));
  }
  selectStored_.reset();
  return result;
}

int InstanceRows::erase(std::uint64_t key) {
  for (auto& statement : deleteRows_) {
    if (int rc = statement.bind(key).run(); rc != SQLITE_DONE) return rc;
  }
  return deleteInstance_.bind(key).run();
}

int InstanceRows::write(const InstanceSnapshot& instance, Stored before) {
  auto nonZero = [](std::uint64_t value) { return value ? std::optional<std::uint64_t>(value) : std::nullopt; };
  int rc = upsertInstance_
               .bind(instance.key, instance.processId, instance.version, instanceStateName(instance.state),
                     instance.revision, nonZero(instance.parentInstanceKey), nonZero(instance.parentTokenKey),
                     instance.startCorrelationKey.empty() ? std::nullopt
                                                          : std::optional<std::string>(instance.startCorrelationKey),
                     instance.startedAtMillis,
                     instance.endedAtMillis ? std::optional<std::int64_t>(instance.endedAtMillis) : std::nullopt,
                     encodeStrings(instance.completed), static_cast<std::int64_t>(tablesOf(instance)),
                     instance.businessKey.empty() ? std::nullopt : std::optional<std::string>(instance.businessKey))
               .run();
  if (rc != SQLITE_DONE) return rc;
  for (std::size_t table = 0; table < deleteRows_.size(); ++table) {
    if (!(before.tables & (1u << table))) continue;
    if (rc = deleteRows_[table].bind(instance.key).run(); rc != SQLITE_DONE) return rc;
  }
  return writeRows(instance);
}

int InstanceRows::writeRows(const InstanceSnapshot& instance) {
  const std::uint64_t key = instance.key;
  int rc = SQLITE_DONE;
  auto ok = [&](int result) { return (rc = result) == SQLITE_DONE; };
  for (const auto& scope : instance.scopes) {
    std::optional<std::string> items;
    if (!scope.loopItems.empty()) items = encodeValue(feel::Value(feel::List(scope.loopItems)));
    std::optional<std::string> pending;
    if (!scope.pendingActivations.empty()) pending = encodeStrings(scope.pendingActivations);
    if (!ok(insertScope_
                .bind(key, scope.key, scope.parentKey, scope.elementId, scope.tokenKey, scopeKindName(scope.kind),
                      items, scope.loopCount, scope.loopStarted, scope.loopIndex, scope.compensating, pending)
                .run())) {
      return rc;
    }
    for (const auto& [name, value] : scope.variables) {
      if (!ok(insertVariable_.bind(key, scope.key, name, encodeValue(value)).run())) return rc;
    }
  }
  for (const auto& token : instance.tokens) {
    std::optional<std::string> locals;
    if (!token.locals.empty()) locals = encodeContext(token.locals);
    if (!ok(insertToken_
                .bind(key, token.key, token.scopeKey, token.elementId, token.arrivedVia, tokenStateName(token.state),
                      token.elementInstanceKey, token.childInstanceKey, locals)
                .run())) {
      return rc;
    }
  }
  for (const auto& job : instance.jobs) {
    std::optional<std::string> headers;
    if (!job.headers.empty()) headers = encodeContext(job.headers);
    if (!ok(insertJob_
                .bind(key, job.key, job.tokenKey, job.elementId, job.type, jobStateName(job.state), job.retries,
                      job.retryAtMillis, job.errorMessage, headers, job.lockOwner, job.lockDeadlineMillis)
                .run())) {
      return rc;
    }
  }
  for (const auto& task : instance.userTasks) {
    if (!ok(insertUserTask_
                .bind(key, task.tokenKey, task.elementId, task.assignee, task.candidateGroups, task.candidateUsers,
                      task.dueDate, task.followUpDate, task.formKey)
                .run())) {
      return rc;
    }
  }
  for (const auto& incident : instance.incidents) {
    if (!ok(insertIncident_
                .bind(key, incident.key, incident.tokenKey, incident.jobKey, incident.elementId, incident.message)
                .run())) {
      return rc;
    }
  }
  for (const auto& gateway : instance.complexGateways) {
    if (!ok(insertComplexGateway_
                .bind(key, gateway.scopeKey, gateway.elementId, gateway.waitingForReset,
                      encodeStrings(gateway.activatedFlows))
                .run())) {
      return rc;
    }
  }
  for (const auto& timer : instance.timers) {
    if (!ok(insertTimer_
                .bind(key, timer.key, timer.tokenKey, timer.elementId, timer.dueMillis, timer.repetitions,
                      timer.intervalMillis, timer.scopeKey)
                .run())) {
      return rc;
    }
  }
  for (const auto& subscription : instance.messageSubscriptions) {
    if (!ok(insertMessageSubscription_
                .bind(key, subscription.tokenKey, subscription.elementId, subscription.name,
                      subscription.correlationKey, subscription.scopeKey)
                .run())) {
      return rc;
    }
  }
  for (const auto& subscription : instance.signalSubscriptions) {
    if (!ok(insertSignalSubscription_
                .bind(key, subscription.tokenKey, subscription.elementId, subscription.name, subscription.scopeKey)
                .run())) {
      return rc;
    }
  }
  for (const auto& subscription : instance.conditionSubscriptions) {
    if (!ok(insertConditionSubscription_
                .bind(key, subscription.tokenKey, subscription.elementId, subscription.scopeKey, subscription.satisfied)
                .run())) {
      return rc;
    }
  }
  for (const auto& record : instance.compensations) {
    std::optional<std::string> variables;
    if (!record.variables.empty()) variables = encodeContext(record.variables);
    if (!ok(insertCompensation_
                .bind(key, record.key, record.scopeKey, record.elementId, record.handlerId, record.within, variables,
                      record.parkedUnder)
                .run())) {
      return rc;
    }
  }
  return SQLITE_DONE;
}

std::optional<InstanceSnapshot> InstanceRows::read(std::uint64_t key, std::string& damage) {
  damage.clear();
  // The first row that does not read, by table and key.
  auto damaged = [&](const char* table, const std::string& where, const char* what) {
    if (damage.empty()) damage = std::string("table ") + table + ", " + where + ": " + what;
  };
  InstanceSnapshot instance;
  selectInstance_.bind(key);
  if (const int rc = selectInstance_.step(); rc != SQLITE_ROW) {
    selectInstance_.reset();
    if (rc != SQLITE_DONE) damaged("instances", "key " + std::to_string(key), "cannot be read");  // not a missing row
    return std::nullopt;
  }
  auto& row = selectInstance_;
  instance.key = row.key(0);
  instance.processId = row.text(1);
  instance.version = static_cast<int>(row.integer(2));
  auto state = instanceState(row.text(3));
  instance.revision = row.key(4);
  instance.parentInstanceKey = row.key(5);
  instance.parentTokenKey = row.key(6);
  instance.startCorrelationKey = row.text(7);
  instance.startedAtMillis = row.integer(8);
  instance.endedAtMillis = row.integer(9);
  auto trace = decodeStrings(row.text(10));
  const auto tables = static_cast<std::uint32_t>(row.integer(11));
  instance.businessKey = row.text(12);
  row.reset();
  if (!state) damaged("instances", "key " + std::to_string(key), "the state is not one this engine knows");
  if (!trace) damaged("instances", "key " + std::to_string(key), "the completed elements do not decode");
  if (state) instance.state = *state;
  if (trace) instance.completed = std::move(*trace);

  auto each = [&](Table table, Statement& select, auto&& take) {
    if (!(tables & bit(table))) return;
    select.bind(key);
    int rc;
    while ((rc = select.step()) == SQLITE_ROW) take(select);
    if (rc != SQLITE_DONE) damaged(kStateTables[table], "instance " + std::to_string(key), "cannot be read");
    select.reset();
  };
  each(kScopes, selectScopes_, [&](Statement& r) {
    ScopeSnapshot scope;
    scope.key = r.key(0);
    scope.parentKey = r.key(1);
    scope.elementId = r.text(2);
    scope.tokenKey = r.key(3);
    const std::string where = "key " + std::to_string(scope.key);
    auto kind = scopeKind(r.text(4));
    if (!kind) damaged("scopes", where, "the kind is not one this engine knows");
    scope.kind = kind.value_or(ScopeKind::kFlow);
    if (!r.isNull(5)) {
      auto items = decodeList(r.text(5));
      if (!items) damaged("scopes", where, "the loop items do not decode");
      if (items) scope.loopItems = std::move(*items);
    }
    scope.loopCount = r.integer(6);
    scope.loopStarted = r.integer(7);
    scope.loopIndex = r.integer(8);
    scope.compensating = r.text(9);
    if (!r.isNull(10)) {
      auto pending = decodeStrings(r.text(10));
      if (!pending) damaged("scopes", where, "the pending activations do not decode");
      if (pending) scope.pendingActivations = std::move(*pending);
    }
    instance.scopes.push_back(std::move(scope));
  });
  each(kVariables, selectVariables_, [&](Statement& r) {
    const std::uint64_t scopeKey = r.key(0);
    const std::string where = "scope " + std::to_string(scopeKey) + ", name " + r.text(1);
    auto value = decodeValue(r.text(2));
    if (!value) damaged("variables", where, "the value does not decode");
    bool placed = false;
    for (auto& scope : instance.scopes) {
      if (scope.key != scopeKey) continue;
      scope.variables.emplace_back(r.text(1), value.value_or(feel::Value()));
      placed = true;
    }
    if (!placed) damaged("variables", where, "names a scope that is not in table scopes");
  });
  auto context = [&](Statement& r, int column, const char* table, const std::string& where) {
    if (r.isNull(column)) return feel::Context{};
    auto decoded = decodeContext(r.text(column));
    if (!decoded) damaged(table, where, "a stored context does not decode");
    return decoded.value_or(feel::Context{});
  };
  each(kTokens, selectTokens_, [&](Statement& r) {
    TokenSnapshot token;
    token.key = r.key(0);
    token.scopeKey = r.key(1);
    token.elementId = r.text(2);
    token.arrivedVia = r.text(3);
    const std::string where = "key " + std::to_string(token.key);
    auto tokenStateValue = tokenState(r.text(4));
    if (!tokenStateValue) damaged("tokens", where, "the state is not one this engine knows");
    token.state = tokenStateValue.value_or(TokenState::kReady);
    token.elementInstanceKey = r.key(5);
    token.childInstanceKey = r.key(6);
    token.locals = context(r, 7, "tokens", where);
    instance.tokens.push_back(std::move(token));
  });
  each(kJobs, selectJobs_, [&](Statement& r) {
    JobSnapshot job;
    job.key = r.key(0);
    job.tokenKey = r.key(1);
    job.elementId = r.text(2);
    job.type = r.text(3);
    const std::string where = "key " + std::to_string(job.key);
    auto jobStateValue = jobState(r.text(4));
    if (!jobStateValue) damaged("jobs", where, "the state is not one this engine knows");
    job.state = jobStateValue.value_or(JobState::kActivatable);
    job.retries = static_cast<int>(r.integer(5));
    job.retryAtMillis = r.integer(6);
    job.errorMessage = r.text(7);
    job.headers = context(r, 8, "jobs", where);
    job.lockOwner = r.text(9);
    job.lockDeadlineMillis = r.integer(10);
    instance.jobs.push_back(std::move(job));
  });
  each(kUserTasks, selectUserTasks_, [&](Statement& r) {
    instance.userTasks.push_back(
        {r.key(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)});
  });
  each(kIncidents, selectIncidents_, [&](Statement& r) {
    instance.incidents.push_back({r.key(0), r.key(1), r.key(2), r.text(3), r.text(4)});
  });
  each(kComplexGateways, selectComplexGateways_, [&](Statement& r) {
    auto flows = decodeStrings(r.text(3));
    if (!flows) damaged("complex_gateways", "element " + r.text(1), "the activated flows do not decode");
    instance.complexGateways.push_back(
        {r.key(0), r.text(1), r.integer(2) != 0, flows.value_or(std::vector<std::string>{})});
  });
  each(kTimers, selectTimers_, [&](Statement& r) {
    instance.timers.push_back(
        {r.key(0), r.key(1), r.text(2), r.integer(3), static_cast<int>(r.integer(4)), r.integer(5), r.key(6)});
  });
  each(kMessageSubscriptions, selectMessageSubscriptions_, [&](Statement& r) {
    instance.messageSubscriptions.push_back({r.key(0), r.text(1), r.text(2), r.text(3), r.key(4)});
  });
  each(kSignalSubscriptions, selectSignalSubscriptions_, [&](Statement& r) {
    instance.signalSubscriptions.push_back({r.key(0), r.text(1), r.text(2), r.key(3)});
  });
  each(kConditionSubscriptions, selectConditionSubscriptions_, [&](Statement& r) {
    instance.conditionSubscriptions.push_back({r.key(0), r.text(1), r.key(2), r.integer(3) != 0});
  });
  each(kCompensations, selectCompensations_, [&](Statement& r) {
    instance.compensations.push_back({r.key(0), r.key(1), r.text(2), r.text(3), r.text(4),
                                      context(r, 5, "compensations", "key " + std::to_string(r.key(0))), r.key(6)});
  });
  return instance;
}

}  // namespace bpmn::storage

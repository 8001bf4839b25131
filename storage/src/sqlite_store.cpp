// SqliteStore: opening, migrating, committing and querying the workspace
// file (sqlite_store.h). Instance state goes through InstanceRows; the
// schema text is schema.sql, compiled in.
#include "bpmn/storage/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>
#include <thread>

#include "instance_rows.h"
#include "schema_sql.h"
#include "statement.h"
#include "value_codec.h"

namespace bpmn::storage {

namespace {

// What a SQLite result code means to a user.
std::string cause(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return "disk full";
    case SQLITE_READONLY:
      return "the file is read-only";
    case SQLITE_NOTADB:
      return "not a database";
    case SQLITE_CORRUPT:
      return "the database is damaged";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the database is locked by another process";
    case SQLITE_CANTOPEN:
      return "cannot open the file";
    case SQLITE_IOERR:
      return "input/output error";
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return "permission denied";
    default:
      return sqlite3_errstr(rc);
  }
}

std::string hex64(std::uint64_t value) {
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = digits[value & 0xf];
  return out;
}

std::string checksum(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a 64
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hex64(hash);
}

std::string encodeKeys(const std::vector<std::uint64_t>& keys) {
  std::string out = "[";
  for (std::size_t i = 0; i < keys.size(); ++i) out += (i ? "," : "") + std::to_string(keys[i]);
  return out + "]";
}

std::optional<std::vector<std::uint64_t>> decodeKeys(std::string_view text) {
  auto value = decodeValue(text);
  if (!value || !value->list()) return std::nullopt;
  std::vector<std::uint64_t> keys;
  for (const auto& item : *value->list()) {
    auto number = item.number() ? item.number()->toInt64() : std::nullopt;
    if (!number) return std::nullopt;
    keys.push_back(static_cast<std::uint64_t>(*number));
  }
  return keys;
}

std::string encodeTargets(const std::vector<MessageTarget>& targets) {
  feel::List list;
  for (const auto& target : targets) list.push_back(feel::List{target.processId, target.elementId});
  return encodeValue(feel::Value(std::move(list)));
}

std::optional<std::vector<MessageTarget>> decodeTargets(std::string_view text) {
  auto value = decodeValue(text);
  if (!value || !value->list()) return std::nullopt;
  std::vector<MessageTarget> targets;
  for (const auto& item : *value->list()) {
    const auto* pair = item.list();
    if (!pair || pair->size() != 2 || !(*pair)[0].string() || !(*pair)[1].string()) return std::nullopt;
    targets.push_back({*(*pair)[0].string(), *(*pair)[1].string()});
  }
  return targets;
}

// The migrations from version N-1 to N, for N = 2..kSchemaVersion (a
// fresh file gets schema.sql instead). None yet: version 1 is the first.
struct Migration {
  int version;
  const char* sql;
};
constexpr Migration kMigrations[] = {{0, ""}};

}  // namespace

std::string databasePath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* environment = std::getenv("BPMN_DB"); environment && *environment) return environment;
  return "bpmn.db";
}

// The prepared statements of the store's own queries.
struct SqliteStore::Statements {
  explicit Statements(sqlite3* db)
      : rows(db),
        begin(db, "BEGIN IMMEDIATE"),
        commit(db, "COMMIT"),
        rollback(db, "ROLLBACK"),
        savepoint(db, "SAVEPOINT command"),
        release(db, "RELEASE command"),
        rollbackTo(db, "ROLLBACK TO command"),
        readMeta(db, "SELECT value FROM meta WHERE name = ?"),
        writeMeta(db, "UPDATE meta SET value = ? WHERE name = ?"),
        insertDeployment(db,
                         "INSERT INTO deployments (key, process_id, version, resource_name, checksum, resource, "
                         "deployed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        selectDeployments(db,
                          "SELECT key, process_id, version, resource, resource_name, deployed_at FROM deployments "
                          "ORDER BY id"),
        countDeployments(db, "SELECT count(*) FROM deployments"),
        deploymentExists(db, "SELECT 1 FROM deployments WHERE process_id = ? AND version = ?"),
        insertHistory(db,
                      "INSERT INTO history (sequence, kind, instance, element_id, element_type, element_instance, "
                      "time, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        trimHistory(db,
                    "DELETE FROM history WHERE sequence IN (SELECT sequence FROM history WHERE sequence < ? ORDER BY "
                    "sequence LIMIT 1000)"),
        upsertMessage(db,
                      "INSERT OR REPLACE INTO messages (key, name, correlation_key, variables, expires_at, "
                      "message_id, reached, targets) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        dropMessages(db, "DELETE FROM messages WHERE expires_at < ?"),
        deleteStartTimers(db, "DELETE FROM start_timers WHERE process_id = ?"),
        insertStartTimer(db,
                         "INSERT INTO start_timers (process_id, version, element_id, due, repetitions, interval) "
                         "VALUES (?, ?, ?, ?, ?, ?)"),
        earliestTimer(db, "SELECT due, instance, key FROM timers ORDER BY due, instance, key"),
        messageSubscribers(db,
                           "SELECT DISTINCT instance FROM message_subscriptions WHERE name = ? AND correlation_key = "
                           "? ORDER BY instance"),
        withMessageSubscriptions(db, "SELECT DISTINCT instance FROM message_subscriptions ORDER BY instance"),
        signalSubscribers(db, "SELECT DISTINCT instance FROM signal_subscriptions WHERE name = ? ORDER BY instance"),
        startedBy(db,
                  "SELECT key FROM instances WHERE process_id = ? AND start_correlation_key = ? AND state IN "
                  "('active', 'incident') ORDER BY key DESC LIMIT 1"),
        keptMessages(db,
                     "SELECT key, name, correlation_key, variables, expires_at, message_id, reached, targets FROM "
                     "messages WHERE expires_at >= ?2 AND (name = ?1 OR targets <> '[]') ORDER BY key"),
        keptMessageId(db, "SELECT 1 FROM messages WHERE message_id = ? AND expires_at >= ?"),
        startTimers(db,
                    "SELECT process_id, version, element_id, due, repetitions, interval FROM start_timers ORDER BY "
                    "rowid"),
        activatableJobs(db,
                        "SELECT instance, key FROM jobs WHERE type = ? AND state = 'activatable' AND retry_at <= ?2 "
                        "AND lock_deadline <= ?2 ORDER BY key"),
        historyAfter(db,
                     "SELECT sequence, kind, instance, element_id, element_type, element_instance, time, detail FROM "
                     "history WHERE sequence > ? ORDER BY sequence LIMIT ?"),
        instanceHistory(db,
                        "SELECT sequence, kind, instance, element_id, element_type, element_instance, time, detail "
                        "FROM history WHERE instance = ? AND sequence > ? ORDER BY sequence"),
        endedBefore(db, "SELECT key FROM instances WHERE ended_at < ? ORDER BY ended_at LIMIT 500"),
        deleteInstanceHistory(db, "DELETE FROM history WHERE instance = ?") {}

  bool prepared() const {
    for (const Statement* statement : {&begin,
                                       &commit,
                                       &rollback,
                                       &savepoint,
                                       &release,
                                       &rollbackTo,
                                       &readMeta,
                                       &writeMeta,
                                       &insertDeployment,
                                       &selectDeployments,
                                       &countDeployments,
                                       &deploymentExists,
                                       &insertHistory,
                                       &trimHistory,
                                       &upsertMessage,
                                       &dropMessages,
                                       &deleteStartTimers,
                                       &insertStartTimer,
                                       &earliestTimer,
                                       &messageSubscribers,
                                       &withMessageSubscriptions,
                                       &signalSubscribers,
                                       &startedBy,
                                       &keptMessages,
                                       &keptMessageId,
                                       &startTimers,
                                       &activatableJobs,
                                       &historyAfter,
                                       &instanceHistory,
                                       &endedBefore,
                                       &deleteInstanceHistory}) {
      if (!statement->prepared()) return false;
    }
    return rows.prepared();
  }

  InstanceRows rows;
  Statement begin, commit, rollback, savepoint, release, rollbackTo, readMeta, writeMeta, insertDeployment,
      selectDeployments, countDeployments, deploymentExists, insertHistory, trimHistory, upsertMessage, dropMessages,
      deleteStartTimers, insertStartTimer, earliestTimer, messageSubscribers, withMessageSubscriptions,
      signalSubscribers, startedBy, keptMessages, keptMessageId, startTimers, activatableJobs, historyAfter,
      instanceHistory, endedBefore, deleteInstanceHistory;
};

SqliteStore::SqliteStore(SqliteOptions options) : options_(std::move(options)) {}

SqliteStore::~SqliteStore() {
  if (inGroup_) statements_->rollback.run();
  statements_.reset();
  sqlite3_close_v2(db_);
}

Status SqliteStore::failure(std::string_view what) const {
  const int rc = db_ ? sqlite3_extended_errcode(db_) : SQLITE_CANTOPEN;
  std::string detail = db_ ? sqlite3_errmsg(db_) : "";
  std::string message = options_.path + ": " + std::string(what) + ": " + cause(rc);
  if (!detail.empty() && detail != cause(rc) && detail != sqlite3_errstr(rc)) message += " (" + detail + ")";
  return Status::ioError(message);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteOptions& options) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(options));
  if (Status status = store->initialize(); !status.isOk()) return status;
  return store;
}

Status SqliteStore::initialize() {
  const int flags =
      (options_.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(options_.path.c_str(), &db_, flags, nullptr) != SQLITE_OK) return failure("cannot open");
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, options_.busyTimeoutMillis);
  auto pragma = [&](const std::string& sql) -> Result<std::string> {
    Statement statement(db_, sql);
    if (!statement.prepared()) return failure("cannot read");
    // While another process recovers the file after a crash or switches
    // it to WAL, SQLite may answer "busy" without calling the busy
    // handler: waited out here, as long as the busy timeout.
    int rc = statement.step();
    for (int waited = 0; (rc & 0xff) == SQLITE_BUSY && waited < options_.busyTimeoutMillis; waited += 5) {
      statement.reset();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      rc = statement.step();
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return failure("cannot read");
    return rc == SQLITE_ROW ? statement.text(0) : std::string();
  };
  // Reading the version reads the header: a file that is not a database
  // fails here.
  auto version = pragma("PRAGMA user_version");
  if (!version.isOk()) return version.status();
  schemaVersion_ = std::atoi(version.value().c_str());
  if (schemaVersion_ > kSchemaVersion) {
    return Status::ioError(options_.path + ": schema version " + std::to_string(schemaVersion_) +
                           " is newer than this bpmn knows (" + std::to_string(kSchemaVersion) +
                           "): open it with a newer bpmn");
  }
  if (options_.quickCheck) {
    Statement check(db_, "PRAGMA quick_check(5)");
    if (!check.prepared()) return failure("cannot check");
    std::string problems;
    int rc;
    while ((rc = check.step()) == SQLITE_ROW) {
      if (check.text(0) != "ok") problems += (problems.empty() ? "" : "; ") + check.text(0);
    }
    if (rc != SQLITE_DONE) return failure("integrity check failed");
    if (!problems.empty()) {
      return Status::ioError(options_.path + ": integrity check failed: the database is damaged: " + problems);
    }
  }
  if (!options_.readOnly) {
    auto journal = pragma("PRAGMA journal_mode = WAL");
    if (!journal.isOk()) return journal.status();
    const char* synchronous = options_.durability == Durability::kFull     ? "FULL"
                              : options_.durability == Durability::kNormal ? "NORMAL"
                                                                           : "OFF";
    if (auto set = pragma(std::string("PRAGMA synchronous = ") + synchronous); !set.isOk()) return set.status();
  }
  // The savepoint of each command in a commit group journals in memory,
  // not in a temporary file; 16 MiB of page cache holds a group's pages.
  for (const char* setting : {"PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -16384"}) {
    if (auto set = pragma(setting); !set.isOk()) return set.status();
  }
  if (options_.maxBytes > 0) {
    auto pageSize = pragma("PRAGMA page_size");
    if (!pageSize.isOk()) return pageSize.status();
    const std::uint64_t pages = std::max<std::uint64_t>(1, options_.maxBytes / std::stoull(pageSize.value()));
    if (auto set = pragma("PRAGMA max_page_count = " + std::to_string(pages)); !set.isOk()) return set.status();
  }
  if (schemaVersion_ < kSchemaVersion) {
    if (options_.readOnly) {
      return Status::ioError(options_.path + ": schema version " + std::to_string(schemaVersion_) +
                             " needs migrating to " + std::to_string(kSchemaVersion) +
                             ", which a read-only open cannot do");
    }
    // One transaction: the file is migrated whole or not at all.
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return failure("cannot migrate");
    // Another process may have migrated it meanwhile.
    auto again = pragma("PRAGMA user_version");
    int current = again.isOk() ? std::atoi(again.value().c_str()) : -1;
    bool ok = again.isOk();
    if (ok && current == 0) {
      ok = sqlite3_exec(db_, kSchemaSql, nullptr, nullptr, nullptr) == SQLITE_OK;
      current = kSchemaVersion;
    }
    for (const auto& migration : kMigrations) {
      if (!ok || migration.version <= current || migration.version > kSchemaVersion) continue;
      ok = sqlite3_exec(db_, migration.sql, nullptr, nullptr, nullptr) == SQLITE_OK;
      current = migration.version;
    }
    if (ok) {
      ok = sqlite3_exec(db_, ("PRAGMA user_version = " + std::to_string(current)).c_str(), nullptr, nullptr, nullptr) ==
           SQLITE_OK;
    }
    if (!ok || sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      Status status = failure("cannot migrate to schema version " + std::to_string(kSchemaVersion));
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return status;
    }
    schemaVersion_ = current;
  }
  statements_ = std::make_unique<Statements>(db_);
  if (!statements_->prepared())
    return failure("the tables do not match schema version " + std::to_string(schemaVersion_));
  return Status::ok();
}

Status SqliteStore::beginGroup() {
  if (inGroup_) return Status::invalidArgument(options_.path + ": a commit group is already open");
  if (statements_->begin.run() != SQLITE_DONE) return failure("cannot begin a transaction");
  inGroup_ = true;
  return Status::ok();
}

Status SqliteStore::endGroup() {
  if (!inGroup_) return Status::invalidArgument(options_.path + ": no commit group is open");
  inGroup_ = false;
  if (statements_->commit.run() != SQLITE_DONE) {
    Status status = failure("cannot commit");
    statements_->rollback.run();
    return status;
  }
  return Status::ok();
}

Status SqliteStore::commit(const Batch& batch) {
  if (options_.readOnly) return Status::ioError(options_.path + ": opened read-only");
  Statements& s = *statements_;
  if ((inGroup_ ? s.savepoint.run() : s.begin.run()) != SQLITE_DONE) return failure("cannot begin a transaction");
  Status status = writeBatch(batch);
  if (status.isOk()) {
    if ((inGroup_ ? s.release.run() : s.commit.run()) == SQLITE_DONE) return Status::ok();
    status = failure("cannot commit");
  }
  if (inGroup_) {
    s.rollbackTo.run();
    s.release.run();
  } else {
    s.rollback.run();
  }
  return status;
}

Status SqliteStore::writeBatch(const Batch& batch) {
  Statements& s = *statements_;
  auto failed = [&](std::string_view what) { return failure(what); };
  std::vector<InstanceRows::Stored> stored;
  stored.reserve(batch.instances.size());
  for (const auto& instance : batch.instances) {
    stored.push_back(s.rows.stored(instance.key));
    if (instance.revision != stored.back().revision + 1) {
      return Status::conflict(options_.path + ": instance " + std::to_string(instance.key) +
                              " changed since it was read (revision " + std::to_string(stored.back().revision) +
                              ", expected " + std::to_string(instance.revision - 1) + ")");
    }
  }
  auto storedKey = meta("next_key");
  if (!storedKey.isOk()) return storedKey.status();
  const std::uint64_t nextKey = storedKey.value();
  if (batch.nextKey > batch.firstKey && nextKey > batch.firstKey) {
    return Status::conflict(options_.path + ": keys from " + std::to_string(batch.firstKey) +
                            " were taken by another writer");
  }
  auto storedSequence = meta("next_sequence");
  if (!storedSequence.isOk()) return storedSequence.status();
  const std::uint64_t nextSequence = storedSequence.value();
  if (!batch.history.empty() && batch.history.front().sequence < nextSequence) {
    return Status::conflict(options_.path + ": history sequence " + std::to_string(batch.history.front().sequence) +
                            " was taken by another writer");
  }
  for (const auto& deployment : batch.deployments) {
    s.deploymentExists.bind(deployment.processId, deployment.version);
    const bool exists = s.deploymentExists.step() == SQLITE_ROW;
    s.deploymentExists.reset();
    if (exists) {
      return Status::conflict(options_.path + ": process \"" + deployment.processId + "\" version " +
                              std::to_string(deployment.version) + " was deployed by another writer");
    }
    if (s.insertDeployment
            .bind(deployment.key, deployment.processId, deployment.version, deployment.resourceName,
                  checksum(deployment.source), deployment.source, deployment.deployedAtMillis)
            .run() != SQLITE_DONE) {
      return failed("cannot store the deployment of \"" + deployment.processId + "\"");
    }
  }
  for (std::size_t i = 0; i < batch.instances.size(); ++i) {
    const auto& instance = batch.instances[i];
    if (s.rows.write(instance, stored[i]) != SQLITE_DONE) {
      return failed("cannot store instance " + std::to_string(instance.key));
    }
  }
  for (const auto& record : batch.history) {
    if (s.insertHistory
            .bind(record.sequence, recordKindName(record.kind), record.instanceKey, record.elementId,
                  record.elementType, record.elementInstanceKey, record.timeMillis, record.detail)
            .run() != SQLITE_DONE) {
      return failed("cannot append history record " + std::to_string(record.sequence));
    }
  }
  if (batch.dropMessagesExpiredBefore != 0 &&
      s.dropMessages.bind(batch.dropMessagesExpiredBefore).run() != SQLITE_DONE) {
    return failed("cannot drop expired messages");
  }
  for (const auto& message : batch.messages) {
    std::optional<std::string> variables;
    if (!message.variables.empty()) variables = encodeContext(message.variables);
    if (s.upsertMessage
            .bind(message.key, message.name, message.correlationKey, variables, message.expiresAtMillis, message.id,
                  encodeKeys(message.reached), encodeTargets(message.targets))
            .run() != SQLITE_DONE) {
      return failed("cannot keep message \"" + message.name + "\"");
    }
  }
  for (const auto& processId : batch.startTimersReplaced) {
    if (s.deleteStartTimers.bind(processId).run() != SQLITE_DONE) return failed("cannot store timer start events");
  }
  for (const auto& timer : batch.startTimers) {
    if (s.insertStartTimer
            .bind(timer.processId, timer.version, timer.elementId, timer.dueMillis, timer.repetitions,
                  timer.intervalMillis)
            .run() != SQLITE_DONE) {
      return failed("cannot store timer start events");
    }
  }
  if (batch.nextKey > nextKey && s.writeMeta.bind(batch.nextKey, "next_key").run() != SQLITE_DONE) {
    return failed("cannot store the key counter");
  }
  if (!batch.history.empty()) {
    const std::uint64_t next = batch.history.back().sequence + 1;
    if (s.writeMeta.bind(next, "next_sequence").run() != SQLITE_DONE) return failed("cannot store the sequence");
    if (options_.historyLimit > 0 && next > options_.historyLimit + 1 &&
        s.trimHistory.bind(next - options_.historyLimit).run() != SQLITE_DONE) {
      return failed("cannot trim the history");
    }
  }
  return Status::ok();
}

std::string SqliteStore::location() const { return options_.path; }

Result<std::optional<InstanceSnapshot>> SqliteStore::loadInstance(std::uint64_t key) const {
  std::string damage;
  auto instance = statements_->rows.read(key, damage);
  // A row whose values do not decode is not handed to the engine: it would
  // run on wrong state.
  if (!damage.empty()) {
    const int rc = sqlite3_extended_errcode(db_);
    const std::string message = options_.path + ": cannot read instance " + std::to_string(key) + ": " + damage;
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::damaged(message);
    return Status::ioError(message + ": " + cause(rc));  // the file could not be read: not known to be damaged
  }
  return instance;
}

// Every query reads to its last row or fails: a step that is neither a
// row nor the end (a damaged page, an I/O error) is an error naming the
// file and what was being read, and so is a row whose values do not decode.
Result<std::vector<DeploymentRecord>> SqliteStore::deployments() const {
  std::vector<DeploymentRecord> result;
  Statement& select = statements_->selectDeployments;
  select.reset();
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    result.push_back({select.key(0), select.text(1), static_cast<int>(select.integer(2)), select.text(3),
                      select.text(4), select.integer(5)});
  }
  select.reset();
  if (rc != SQLITE_DONE) return failure("cannot read table deployments");
  return result;
}

Result<std::size_t> SqliteStore::deploymentCount() const {
  Statement& count = statements_->countDeployments;
  count.reset();
  if (count.step() != SQLITE_ROW) {
    count.reset();
    return failure("cannot count table deployments");
  }
  const auto result = static_cast<std::size_t>(count.integer(0));
  count.reset();
  return result;
}

Result<std::uint64_t> SqliteStore::nextKey() const { return meta("next_key"); }
Result<std::uint64_t> SqliteStore::nextSequence() const { return meta("next_sequence"); }

Result<std::uint64_t> SqliteStore::meta(const char* name) const {
  Statement& read = statements_->readMeta;
  read.bind(name);
  const int rc = read.step();
  const std::uint64_t value = rc == SQLITE_ROW ? read.key(0) : 0;
  read.reset();
  if (rc != SQLITE_ROW || value == 0) {
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? Status::ioError(options_.path + ": table meta, key " + name + ": missing or not a positive number")
               : failure(std::string("cannot read table meta, key ") + name);
  }
  return value;
}

Result<std::optional<TimerRef>> SqliteStore::earliestTimer(const std::set<std::uint64_t>& skip) const {
  Statement& select = statements_->earliestTimer;
  select.reset();
  std::optional<TimerRef> result;
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    if (skip.count(select.key(1))) continue;  // in due order: the next not skipped
    result = TimerRef{select.integer(0), select.key(1), select.key(2)};
    break;
  }
  select.reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return failure("cannot read table timers");
  return result;
}

Result<std::vector<std::uint64_t>> SqliteStore::keys(Statement& statement, const char* table) const {
  std::vector<std::uint64_t> result;
  int rc;
  while ((rc = statement.step()) == SQLITE_ROW) result.push_back(statement.key(0));
  statement.reset();
  if (rc != SQLITE_DONE) return failure(std::string("cannot read table ") + table);
  return result;
}

Result<std::vector<std::uint64_t>> SqliteStore::messageSubscribers(const std::string& name,
                                                                   const std::string& correlationKey) const {
  return keys(statements_->messageSubscribers.bind(name, correlationKey), "message_subscriptions");
}

Result<std::vector<std::uint64_t>> SqliteStore::instancesWithMessageSubscriptions() const {
  statements_->withMessageSubscriptions.reset();
  return keys(statements_->withMessageSubscriptions, "message_subscriptions");
}

Result<std::vector<std::uint64_t>> SqliteStore::signalSubscribers(const std::string& name) const {
  return keys(statements_->signalSubscribers.bind(name), "signal_subscriptions");
}

Result<std::optional<std::uint64_t>> SqliteStore::instanceStartedBy(const std::string& processId,
                                                                    const std::string& correlationKey) const {
  auto found = keys(statements_->startedBy.bind(processId, correlationKey), "instances");
  if (!found.isOk()) return found.status();
  if (found.value().empty()) return std::optional<std::uint64_t>();
  return std::optional<std::uint64_t>(found.value().front());
}

Result<std::vector<MessageRecord>> SqliteStore::keptMessages(const std::string& name, std::int64_t nowMillis) const {
  std::vector<MessageRecord> result;
  Statement& select = statements_->keptMessages.bind(name, nowMillis);
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    MessageRecord message;
    message.key = select.key(0);
    message.name = select.text(1);
    message.correlationKey = select.text(2);
    auto variables = select.isNull(3) ? std::optional<feel::Context>(feel::Context{}) : decodeContext(select.text(3));
    message.expiresAtMillis = select.integer(4);
    message.id = select.text(5);
    auto reached = decodeKeys(select.text(6));
    auto targets = decodeTargets(select.text(7));
    if (!variables || !reached || !targets) {
      select.reset();
      return Status::ioError(options_.path + ": table messages, key " + std::to_string(message.key) + ": " +
                             (!variables ? "the variables"
                              : !reached ? "the instances reached"
                                         : "the targets") +
                             " do not decode");
    }
    message.variables = std::move(*variables);
    message.reached = std::move(*reached);
    message.targets = std::move(*targets);
    result.push_back(std::move(message));
  }
  select.reset();
  if (rc != SQLITE_DONE) return failure("cannot read table messages");
  return result;
}

Result<bool> SqliteStore::hasKeptMessage(const std::string& id, std::int64_t nowMillis) const {
  Statement& select = statements_->keptMessageId.bind(id, nowMillis);
  const int rc = select.step();
  select.reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return failure("cannot read table messages");
  return rc == SQLITE_ROW;
}

Result<std::vector<StartTimerRecord>> SqliteStore::startTimers() const {
  std::vector<StartTimerRecord> result;
  Statement& select = statements_->startTimers;
  select.reset();
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    result.push_back({select.text(0), static_cast<int>(select.integer(1)), select.text(2), select.integer(3),
                      static_cast<int>(select.integer(4)), select.integer(5)});
  }
  select.reset();
  if (rc != SQLITE_DONE) return failure("cannot read table start_timers");
  return result;
}

Result<std::vector<JobRef>> SqliteStore::activatableJobs(const std::string& type, std::int64_t nowMillis,
                                                         std::size_t max, const std::set<std::uint64_t>& skip) const {
  std::vector<JobRef> result;
  Statement& select = statements_->activatableJobs.bind(type, nowMillis);
  int rc = SQLITE_DONE;
  while (result.size() < max && (rc = select.step()) == SQLITE_ROW) {
    if (!skip.count(select.key(0))) result.push_back({select.key(0), select.key(1)});
  }
  if (rc == SQLITE_ROW) rc = SQLITE_DONE;  // stopped at `max`
  select.reset();
  if (rc != SQLITE_DONE) return failure("cannot read table jobs");
  return result;
}

namespace {

std::optional<RecordKind> recordKind(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(RecordKind::kEventThrown); ++i) {
    if (recordKindName(static_cast<RecordKind>(i)) == name) return static_cast<RecordKind>(i);
  }
  return std::nullopt;
}

// The history rows a query selects; `damage` names the first that does not
// read.
std::vector<HistoryRecord> records(Statement& select, std::string& damage) {
  std::vector<HistoryRecord> result;
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    HistoryRecord record;
    record.sequence = select.key(0);
    auto kind = recordKind(select.text(1));
    if (!kind) {
      damage = "table history, sequence " + std::to_string(record.sequence) + ": the kind \"" + select.text(1) +
               "\" is not one this engine knows";
      break;
    }
    record.kind = *kind;
    record.instanceKey = select.key(2);
    record.elementId = select.text(3);
    record.elementType = select.text(4);
    record.elementInstanceKey = select.key(5);
    record.timeMillis = select.integer(6);
    record.detail = select.text(7);
    result.push_back(std::move(record));
  }
  if (damage.empty() && rc != SQLITE_ROW && rc != SQLITE_DONE) damage = "cannot read table history";
  select.reset();
  return result;
}

}  // namespace

Result<std::vector<HistoryRecord>> SqliteStore::history(std::uint64_t afterSequence, std::size_t max) const {
  std::string damage;
  auto result = records(statements_->historyAfter.bind(afterSequence, static_cast<std::int64_t>(max)), damage);
  if (!damage.empty()) return Status::ioError(options_.path + ": " + damage);
  return result;
}

Result<std::vector<HistoryRecord>> SqliteStore::instanceHistory(std::uint64_t instanceKey,
                                                                std::uint64_t afterSequence) const {
  std::string damage;
  auto result = records(statements_->instanceHistory.bind(instanceKey, afterSequence), damage);
  if (!damage.empty()) return Status::ioError(options_.path + ": " + damage);
  return result;
}

Result<std::vector<std::uint64_t>> SqliteStore::instanceKeys(std::string_view state) const {
  Statement select(db_, state.empty() ? "SELECT key FROM instances ORDER BY key DESC"
                                      : "SELECT key FROM instances WHERE state = ? ORDER BY key DESC");
  if (!select.prepared()) return failure("cannot list instances");
  if (!state.empty()) select.bind(state);
  return keys(select, "instances");
}

Result<std::uint64_t> SqliteStore::deleteEndedBefore(
    std::int64_t cutoffMillis, const std::function<void(std::uint64_t done, std::uint64_t total)>& progress) {
  if (inGroup_) return Status::invalidArgument(options_.path + ": retention cannot run inside a commit group");
  Statements& s = *statements_;
  std::uint64_t deleted = 0, total = 0;
  if (progress) {
    Statement count(db_, "SELECT count(*) FROM instances WHERE ended_at < ?");
    if (count.prepared() && count.bind(cutoffMillis).step() == SQLITE_ROW) total = count.key(0);
  }
  while (true) {
    if (s.begin.run() != SQLITE_DONE) return failure("cannot begin a transaction");
    auto ended = keys(s.endedBefore.bind(cutoffMillis), "instances");
    if (!ended.isOk()) {
      s.rollback.run();
      return ended.status();
    }
    const std::vector<std::uint64_t>& keys = ended.value();
    bool ok = true;
    for (std::uint64_t key : keys) {
      ok = ok && s.deleteInstanceHistory.bind(key).run() == SQLITE_DONE && s.rows.erase(key) == SQLITE_DONE;
    }
    if (!ok || s.commit.run() != SQLITE_DONE) {
      Status status = failure("cannot delete ended instances");
      s.rollback.run();
      return status;
    }
    deleted += keys.size();
    if (progress && !keys.empty()) progress(deleted, std::max(total, deleted));
    if (keys.empty()) return deleted;
  }
}

Result<double> SqliteStore::measureCommitsPerSecond(int count) {
  if (sqlite3_exec(db_, "CREATE TABLE IF NOT EXISTS commit_probe (n INTEGER)", nullptr, nullptr, nullptr) !=
      SQLITE_OK) {
    return failure("cannot measure");
  }
  Statement insert(db_, "INSERT INTO commit_probe (n) VALUES (?)");
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    if (statements_->begin.run() != SQLITE_DONE || insert.bind(i).run() != SQLITE_DONE ||
        statements_->commit.run() != SQLITE_DONE) {
      statements_->rollback.run();
      return failure("cannot measure");
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sqlite3_exec(db_, "DROP TABLE commit_probe", nullptr, nullptr, nullptr);
  return count / seconds;
}

}  // namespace bpmn::storage

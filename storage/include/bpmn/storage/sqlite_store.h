// SqliteStore: the engine's store in one SQLite file per workspace (WAL
// mode). Every commit is one transaction (`BEGIN IMMEDIATE`, so writers of
// several processes queue behind a busy timeout); instance revisions and
// the key and sequence counters make a commit that raced another writer a
// conflict, which the engine retries from fresh state. Instance state is
// read per instance when a command needs it, never all at open.
//
// Every error names the file and the cause ("disk full", "not a database",
// "read-only", ...); a failed commit leaves the file as it was.
// One store per thread; several processes may open one file.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bpmn/status.h"
#include "bpmn/storage/listings.h"
#include "bpmn/storage/monitor.h"
#include "bpmn/store.h"

struct sqlite3;

namespace bpmn::storage {

class Statement;

// The schema version this build writes (PRAGMA user_version).
inline constexpr int kSchemaVersion = 1;

// How hard a commit waits for the disk (PRAGMA synchronous). kFull: a
// committed command survives power loss. kNormal: in WAL mode, a power loss
// (not a process crash) may lose the last commits before the next
// checkpoint, never corrupt the file. kOff: an operating system crash or
// power loss may lose commits and corrupt the file; for throwaway runs.
enum class Durability { kFull, kNormal, kOff };

struct SqliteOptions {
  std::string path = "bpmn.db";
  Durability durability = Durability::kFull;
  bool readOnly = false;    // a viewer: no writes, no schema changes
  bool quickCheck = false;  // run PRAGMA quick_check at open; a damaged file is refused
  int busyTimeoutMillis = 10'000;
  // Size-bounded history: keep at most this many history records, dropping
  // the oldest a chunk per commit (0: keep all).
  std::uint64_t historyLimit = 0;
  // A quota: a commit that would grow the file past this many bytes fails
  // as a full disk does, and leaves the file as it was (0: no quota).
  std::uint64_t maxBytes = 0;
};

// The path a command uses: the flag's, else $BPMN_DB, else ./bpmn.db.
std::string databasePath(const std::string& flag);

class SqliteStore final : public Store {
 public:
  // Opens (creating it if missing, unless read-only) and migrates the file.
  // A schema newer than kSchemaVersion is refused; an older one is
  // migrated in one transaction.
  static Result<std::unique_ptr<SqliteStore>> open(const SqliteOptions& options);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  std::string location() const override;
  Status commit(const Batch& batch) override;
  Result<std::optional<InstanceSnapshot>> loadInstance(std::uint64_t key) const override;
  Result<std::vector<DeploymentRecord>> deployments() const override;
  Result<std::size_t> deploymentCount() const override;
  Result<std::uint64_t> nextKey() const override;
  Result<std::uint64_t> nextSequence() const override;
  Result<std::optional<TimerRef>> earliestTimer(const std::set<std::uint64_t>& skip = {}) const override;
  Result<std::vector<std::uint64_t>> messageSubscribers(const std::string& name,
                                                        const std::string& correlationKey) const override;
  Result<std::vector<std::uint64_t>> instancesWithMessageSubscriptions() const override;
  Result<std::vector<std::uint64_t>> signalSubscribers(const std::string& name) const override;
  Result<std::optional<std::uint64_t>> instanceStartedBy(const std::string& processId,
                                                         const std::string& correlationKey) const override;
  Result<std::vector<MessageRecord>> keptMessages(const std::string& name, std::int64_t nowMillis) const override;
  Result<bool> hasKeptMessage(const std::string& id, std::int64_t nowMillis) const override;
  Result<std::vector<StartTimerRecord>> startTimers() const override;
  Result<std::vector<JobRef>> activatableJobs(const std::string& type, std::int64_t nowMillis, std::size_t max,
                                              const std::set<std::uint64_t>& skip = {}) const override;
  Status beginGroup() override;
  Status endGroup() override;

  // The history log: records after `afterSequence`, at most `max`; or one
  // instance's records after `afterSequence` (all of them by default: a
  // watcher reads only what is new).
  Result<std::vector<HistoryRecord>> history(std::uint64_t afterSequence, std::size_t max) const;
  Result<std::vector<HistoryRecord>> instanceHistory(std::uint64_t instanceKey, std::uint64_t afterSequence = 0) const;
  // Keys of instances, newest first, optionally only those in `state`.
  Result<std::vector<std::uint64_t>> instanceKeys(std::string_view state = {}) const;

  // Listings for the workspace verbs (listings.cpp), newest first; empty
  // filters match everything.
  Result<std::vector<InstanceListing>> listInstances(std::string_view state, std::string_view processId) const;
  Result<std::vector<JobListing>> listJobs(std::string_view type) const;
  Result<std::vector<TaskListing>> listTasks() const;
  Result<std::vector<IncidentListing>> listIncidents() const;
  // The read side of a watched workspace (monitor.h, monitor_queries.cpp):
  // a page of the instances the filter selects, in the order asked, with
  // their open incident counts; how many it selects; SQLite's data
  // version, which changes when another connection commits (the cheap
  // "anything new?"); and the heatmap of the selected instances (give a
  // process and version: element ids are per version).
  Result<std::vector<InstanceRow>> instancePage(const InstancePageQuery& query) const;
  Result<std::uint64_t> instanceCount(const InstanceFilter& filter) const;
  Result<std::uint64_t> dataVersion() const;
  Result<Heatmap> heatmap(const InstanceFilter& filter) const;

  // The instance a job, user task or incident key belongs to; empty when
  // no such key is stored.
  Result<std::optional<std::uint64_t>> instanceOf(KeyKind kind, std::uint64_t key) const;

  // Retention: deletes the instances that ended before `cutoffMillis` with
  // their history and state rows, a chunk of instances per transaction so
  // that other writers get the file between chunks. Returns how many
  // instances went.
  // `progress` hears how many went so far, out of how many ended then.
  Result<std::uint64_t> deleteEndedBefore(
      std::int64_t cutoffMillis, const std::function<void(std::uint64_t done, std::uint64_t total)>& progress = {});

  // Raw commit rate of this file with these settings: `count` one-row
  // transactions into a scratch table (for the benchmarks' baseline).
  Result<double> measureCommitsPerSecond(int count);

  const std::string& path() const { return options_.path; }
  int schemaVersion() const { return schemaVersion_; }

 private:
  struct Statements;
  explicit SqliteStore(SqliteOptions options);
  Status initialize();
  Status writeBatch(const Batch& batch);
  Status failure(std::string_view what) const;
  Result<std::uint64_t> meta(const char* name) const;
  Result<std::vector<std::uint64_t>> keys(Statement& statement, const char* table) const;

  SqliteOptions options_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statements> statements_;
  int schemaVersion_ = 0;
  bool inGroup_ = false;
};

}  // namespace bpmn::storage

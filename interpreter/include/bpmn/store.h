// Store: where the engine keeps deployments, instances, kept messages,
// timer start events and history, and the queries it runs over its wait
// states. The engine loads what a command needs, runs it, and commits one
// batch per command; the store makes the batch durable atomically (the
// SQLite store in storage/) or keeps it in memory (InMemoryStore).
// Implementations are used from one thread at a time unless they say
// otherwise.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "bpmn/history.h"
#include "bpmn/snapshot.h"
#include "bpmn/status.h"

namespace bpmn {

struct DeploymentRecord {
  std::uint64_t key = 0;
  std::string processId;
  int version = 0;
  std::string source;        // the BPMN XML as deployed
  std::string resourceName;  // the file it came from
  std::int64_t deployedAtMillis = 0;
};

// What one command changed: committed together or not at all.
struct Batch {
  std::vector<DeploymentRecord> deployments;
  // The new state of each touched instance; revision is the stored one + 1
  // (1 for a new instance), else the commit is a conflict.
  std::vector<InstanceSnapshot> instances;
  std::vector<HistoryRecord> history;
  std::vector<MessageRecord> messages;           // kept or updated
  std::int64_t dropMessagesExpiredBefore = 0;    // kept messages that expired go
  std::vector<std::string> startTimersReplaced;  // process ids whose start timers are now `startTimers`'
  std::vector<StartTimerRecord> startTimers;
  // The keys the command took: [firstKey, nextKey). If another writer took
  // keys from firstKey on meanwhile, the commit is a conflict.
  std::uint64_t firstKey = 0;
  std::uint64_t nextKey = 0;
};

// An instance timer, by due time.
struct TimerRef {
  std::int64_t dueMillis = 0;
  std::uint64_t instanceKey = 0;
  std::uint64_t timerKey = 0;
  auto operator<=>(const TimerRef&) const = default;
};

// An activatable job, for a worker.
struct JobRef {
  std::uint64_t instanceKey = 0;
  std::uint64_t jobKey = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Where the state lives, for messages about it: the workspace file, or
  // "memory".
  virtual std::string location() const { return "memory"; }
  // Commits the batch atomically, or nothing of it. Conflict: another
  // writer changed an instance or took keys since they were read.
  virtual Status commit(const Batch& batch) = 0;
  // Empty when there is no such instance; an error when it cannot be read
  // (a damaged file, an I/O error), naming the cause.
  virtual Result<std::optional<InstanceSnapshot>> loadInstance(std::uint64_t key) const = 0;
  // Every query below is an error when the store cannot read what it holds
  // (a damaged row, an I/O error), naming the cause: never a default, a
  // skipped row or an empty answer.
  //
  // Every deployment, in the order they were committed, and how many there
  // are (cheap: the engine asks before commands to see others' deploys).
  virtual Result<std::vector<DeploymentRecord>> deployments() const = 0;
  virtual Result<std::size_t> deploymentCount() const = 0;
  // The next key after every key the store has seen (keys stay unique
  // across restarts and writers).
  virtual Result<std::uint64_t> nextKey() const = 0;
  // The sequence number the next history record takes.
  virtual Result<std::uint64_t> nextSequence() const = 0;

  // Queries over the wait states of active instances. The earliest timer
  // of an instance not in `skip` (instances a caller could not work on).
  virtual Result<std::optional<TimerRef>> earliestTimer(const std::set<std::uint64_t>& skip = {}) const = 0;
  virtual Result<std::vector<std::uint64_t>> messageSubscribers(const std::string& name,
                                                                const std::string& correlationKey) const = 0;
  virtual Result<std::vector<std::uint64_t>> instancesWithMessageSubscriptions() const = 0;
  virtual Result<std::vector<std::uint64_t>> signalSubscribers(const std::string& name) const = 0;
  // The active (or incident) instance a message start event of `processId`
  // started with this correlation key.
  virtual Result<std::optional<std::uint64_t>> instanceStartedBy(const std::string& processId,
                                                                 const std::string& correlationKey) const = 0;
  // Kept messages not expired at `nowMillis` that may reach a subscription
  // of `name` (that name, or thrown over message flows), in publish order.
  virtual Result<std::vector<MessageRecord>> keptMessages(const std::string& name, std::int64_t nowMillis) const = 0;
  virtual Result<bool> hasKeptMessage(const std::string& id, std::int64_t nowMillis) const = 0;
  virtual Result<std::vector<StartTimerRecord>> startTimers() const = 0;
  // At most `max` jobs of `type` a worker may activate at `nowMillis`
  // (activatable, any backoff over, no lock or its deadline passed), oldest
  // first, passing over those of the instances in `skip`.
  virtual Result<std::vector<JobRef>> activatableJobs(const std::string& type, std::int64_t nowMillis, std::size_t max,
                                                      const std::set<std::uint64_t>& skip = {}) const = 0;

  // Group commit: the commits between beginGroup and endGroup share one
  // transaction. None of them is durable, so none may be acknowledged,
  // until endGroup returns ok; a failed endGroup loses them all. Stores
  // without transactions apply each commit at once.
  virtual Status beginGroup() { return Status::ok(); }
  virtual Status endGroup() { return Status::ok(); }
};

class InMemoryStore final : public Store {
 public:
  Status commit(const Batch& batch) override;
  Result<std::optional<InstanceSnapshot>> loadInstance(std::uint64_t key) const override;
  Result<std::vector<DeploymentRecord>> deployments() const override { return deployments_; }
  Result<std::size_t> deploymentCount() const override { return deployments_.size(); }
  Result<std::uint64_t> nextKey() const override { return nextKey_; }
  Result<std::uint64_t> nextSequence() const override {
    return history_.empty() ? std::uint64_t{1} : history_.back().sequence + 1;
  }
  Result<std::optional<TimerRef>> earliestTimer(const std::set<std::uint64_t>& skip = {}) const override;
  Result<std::vector<std::uint64_t>> messageSubscribers(const std::string& name,
                                                        const std::string& correlationKey) const override;
  Result<std::vector<std::uint64_t>> instancesWithMessageSubscriptions() const override;
  Result<std::vector<std::uint64_t>> signalSubscribers(const std::string& name) const override;
  Result<std::optional<std::uint64_t>> instanceStartedBy(const std::string& processId,
                                                         const std::string& correlationKey) const override;
  Result<std::vector<MessageRecord>> keptMessages(const std::string& name, std::int64_t nowMillis) const override;
  Result<bool> hasKeptMessage(const std::string& id, std::int64_t nowMillis) const override;
  Result<std::vector<StartTimerRecord>> startTimers() const override { return startTimers_; }
  Result<std::vector<JobRef>> activatableJobs(const std::string& type, std::int64_t nowMillis, std::size_t max,
                                              const std::set<std::uint64_t>& skip = {}) const override;

  const std::vector<HistoryRecord>& history() const { return history_; }

 private:
  void unindex(const InstanceSnapshot& instance);
  void index(const InstanceSnapshot& instance);

  std::vector<DeploymentRecord> deployments_;
  std::map<std::uint64_t, InstanceSnapshot> instances_;
  std::vector<HistoryRecord> history_;
  std::map<std::uint64_t, MessageRecord> messages_;  // by key: publish order
  std::vector<StartTimerRecord> startTimers_;
  std::uint64_t nextKey_ = 1;
  // Indexes over the active instances' wait states.
  std::set<TimerRef> timers_;
  std::map<std::pair<std::string, std::string>, std::set<std::uint64_t>> messageSubscribers_;
  std::set<std::uint64_t> withMessageSubscriptions_;
  std::map<std::string, std::set<std::uint64_t>> signalSubscribers_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> startedBy_;
  std::map<std::string, std::set<std::pair<std::uint64_t, std::uint64_t>>> jobsByType_;  // (instance, job)
};

}  // namespace bpmn

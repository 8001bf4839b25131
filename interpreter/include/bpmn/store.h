// Store: where the engine keeps deployments, instances and history. The
// engine loads a snapshot per command and commits one batch per command;
// the store makes the batch durable atomically (the SQLite store, issue 6)
// or keeps it in memory (InMemoryStore). Implementations are used from one
// thread at a time unless they say otherwise.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bpmn/history.h"
#include "bpmn/snapshot.h"
#include "bpmn/status.h"

namespace bpmn {

struct DeploymentRecord {
  std::string processId;
  int version = 0;
  std::string source;  // the BPMN XML as deployed
};

// What one command changed: committed together or not at all.
struct Batch {
  std::vector<DeploymentRecord> deployments;
  std::vector<InstanceSnapshot> instances;  // the new state of each touched instance
  std::vector<HistoryRecord> history;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Status commit(const Batch& batch) = 0;
  virtual std::optional<InstanceSnapshot> loadInstance(std::uint64_t key) const = 0;
  virtual std::vector<DeploymentRecord> deployments() const = 0;
  // The next key after every key the store has seen (keys stay unique
  // across restarts).
  virtual std::uint64_t nextKey() const = 0;
  // The sequence number the next history record takes.
  virtual std::uint64_t nextSequence() const = 0;
};

class InMemoryStore final : public Store {
 public:
  Status commit(const Batch& batch) override;
  std::optional<InstanceSnapshot> loadInstance(std::uint64_t key) const override;
  std::vector<DeploymentRecord> deployments() const override { return deployments_; }
  std::uint64_t nextKey() const override { return nextKey_; }
  std::uint64_t nextSequence() const override { return history_.empty() ? 1 : history_.back().sequence + 1; }
  const std::vector<HistoryRecord>& history() const { return history_; }

 private:
  std::vector<DeploymentRecord> deployments_;
  std::map<std::uint64_t, InstanceSnapshot> instances_;
  std::vector<HistoryRecord> history_;
  std::uint64_t nextKey_ = 1;
};

}  // namespace bpmn

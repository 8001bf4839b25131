// InMemoryStore: the store of an engine that keeps nothing on disk (tests,
// `bpmn run` without --db). It checks commits exactly as the SQLite store
// does (revisions, keys, sequences), so what passes here passes there.
#include <algorithm>

#include "bpmn/store.h"

namespace bpmn {

namespace {

bool waits(const InstanceSnapshot& instance) {
  return instance.state == InstanceState::kActive || instance.state == InstanceState::kIncident;
}

}  // namespace

Status InMemoryStore::commit(const Batch& batch) {
  for (const auto& instance : batch.instances) {
    auto stored = instances_.find(instance.key);
    const std::uint64_t storedRevision = stored == instances_.end() ? 0 : stored->second.revision;
    if (instance.revision != storedRevision + 1) {
      return Status::conflict("instance " + std::to_string(instance.key) + " changed since it was read (revision " +
                              std::to_string(storedRevision) + ", expected " + std::to_string(instance.revision - 1) +
                              ")");
    }
  }
  if (batch.nextKey > batch.firstKey && nextKey_ > batch.firstKey) {
    return Status::conflict("keys from " + std::to_string(batch.firstKey) + " were taken by another writer");
  }
  if (!batch.history.empty() && batch.history.front().sequence < nextSequence().value()) {
    return Status::conflict("history sequence " + std::to_string(batch.history.front().sequence) +
                            " was taken by another writer");
  }
  for (const auto& deployment : batch.deployments) {
    for (const auto& existing : deployments_) {
      if (existing.processId == deployment.processId && existing.version == deployment.version) {
        return Status::conflict("process \"" + deployment.processId + "\" version " +
                                std::to_string(deployment.version) + " was deployed by another writer");
      }
    }
  }
  deployments_.insert(deployments_.end(), batch.deployments.begin(), batch.deployments.end());
  nextKey_ = std::max(nextKey_, batch.nextKey);
  for (const auto& instance : batch.instances) {
    auto stored = instances_.find(instance.key);
    if (stored != instances_.end()) unindex(stored->second);
    InstanceSnapshot& kept = instances_[instance.key] = instance;
    index(kept);
  }
  history_.insert(history_.end(), batch.history.begin(), batch.history.end());
  if (batch.dropMessagesExpiredBefore != 0) {
    std::erase_if(messages_,
                  [&](const auto& entry) { return entry.second.expiresAtMillis < batch.dropMessagesExpiredBefore; });
  }
  for (const auto& message : batch.messages) messages_[message.key] = message;
  for (const auto& processId : batch.startTimersReplaced) {
    std::erase_if(startTimers_, [&](const StartTimerRecord& timer) { return timer.processId == processId; });
  }
  startTimers_.insert(startTimers_.end(), batch.startTimers.begin(), batch.startTimers.end());
  return Status::ok();
}

void InMemoryStore::unindex(const InstanceSnapshot& instance) {
  for (const auto& timer : instance.timers) timers_.erase({timer.dueMillis, instance.key, timer.key});
  for (const auto& subscription : instance.messageSubscriptions) {
    auto it = messageSubscribers_.find({subscription.name, subscription.correlationKey});
    if (it == messageSubscribers_.end()) continue;
    it->second.erase(instance.key);
    if (it->second.empty()) messageSubscribers_.erase(it);
  }
  withMessageSubscriptions_.erase(instance.key);
  for (const auto& subscription : instance.signalSubscriptions) {
    auto it = signalSubscribers_.find(subscription.name);
    if (it == signalSubscribers_.end()) continue;
    it->second.erase(instance.key);
    if (it->second.empty()) signalSubscribers_.erase(it);
  }
  if (!instance.startCorrelationKey.empty()) {
    auto it = startedBy_.find({instance.processId, instance.startCorrelationKey});
    if (it != startedBy_.end() && it->second == instance.key) startedBy_.erase(it);
  }
  for (const auto& job : instance.jobs) {
    auto it = jobsByType_.find(job.type);
    if (it != jobsByType_.end()) it->second.erase({instance.key, job.key});
  }
}

void InMemoryStore::index(const InstanceSnapshot& instance) {
  if (!waits(instance)) return;
  for (const auto& timer : instance.timers) timers_.insert({timer.dueMillis, instance.key, timer.key});
  for (const auto& subscription : instance.messageSubscriptions) {
    messageSubscribers_[{subscription.name, subscription.correlationKey}].insert(instance.key);
    withMessageSubscriptions_.insert(instance.key);
  }
  for (const auto& subscription : instance.signalSubscriptions) {
    signalSubscribers_[subscription.name].insert(instance.key);
  }
  if (!instance.startCorrelationKey.empty()) {
    startedBy_[{instance.processId, instance.startCorrelationKey}] = instance.key;
  }
  for (const auto& job : instance.jobs) {
    if (job.state == JobState::kActivatable) jobsByType_[job.type].insert({instance.key, job.key});
  }
}

Result<std::optional<InstanceSnapshot>> InMemoryStore::loadInstance(std::uint64_t key) const {
  auto it = instances_.find(key);
  if (it == instances_.end()) return std::optional<InstanceSnapshot>();
  return std::optional<InstanceSnapshot>(it->second);
}

Result<std::optional<TimerRef>> InMemoryStore::earliestTimer(const std::set<std::uint64_t>& skip) const {
  for (const TimerRef& timer : timers_) {
    if (!skip.count(timer.instanceKey)) return std::optional<TimerRef>(timer);
  }
  return std::optional<TimerRef>();
}

Result<std::vector<std::uint64_t>> InMemoryStore::messageSubscribers(const std::string& name,
                                                                     const std::string& correlationKey) const {
  auto it = messageSubscribers_.find({name, correlationKey});
  if (it == messageSubscribers_.end()) return std::vector<std::uint64_t>();
  return std::vector<std::uint64_t>(it->second.begin(), it->second.end());
}

Result<std::vector<std::uint64_t>> InMemoryStore::instancesWithMessageSubscriptions() const {
  return std::vector<std::uint64_t>(withMessageSubscriptions_.begin(), withMessageSubscriptions_.end());
}

Result<std::vector<std::uint64_t>> InMemoryStore::signalSubscribers(const std::string& name) const {
  auto it = signalSubscribers_.find(name);
  if (it == signalSubscribers_.end()) return std::vector<std::uint64_t>();
  return std::vector<std::uint64_t>(it->second.begin(), it->second.end());
}

Result<std::optional<std::uint64_t>> InMemoryStore::instanceStartedBy(const std::string& processId,
                                                                      const std::string& correlationKey) const {
  auto it = startedBy_.find({processId, correlationKey});
  if (it == startedBy_.end()) return std::optional<std::uint64_t>();
  return std::optional<std::uint64_t>(it->second);
}

Result<std::vector<MessageRecord>> InMemoryStore::keptMessages(const std::string& name, std::int64_t nowMillis) const {
  std::vector<MessageRecord> result;
  for (const auto& [key, message] : messages_) {
    if (message.expiresAtMillis < nowMillis) continue;
    if (message.name == name || !message.targets.empty()) result.push_back(message);
  }
  return result;
}

Result<bool> InMemoryStore::hasKeptMessage(const std::string& id, std::int64_t nowMillis) const {
  return std::any_of(messages_.begin(), messages_.end(), [&](const auto& entry) {
    return entry.second.id == id && entry.second.expiresAtMillis >= nowMillis;
  });
}

Result<std::vector<JobRef>> InMemoryStore::activatableJobs(const std::string& type, std::int64_t nowMillis,
                                                           std::size_t max, const std::set<std::uint64_t>& skip) const {
  std::vector<JobRef> result;
  auto it = jobsByType_.find(type);
  if (it == jobsByType_.end()) return result;
  for (const auto& [instanceKey, jobKey] : it->second) {
    if (result.size() >= max) break;
    if (skip.count(instanceKey)) continue;
    const auto& instance = instances_.at(instanceKey);
    for (const auto& job : instance.jobs) {
      if (job.key == jobKey && job.retryAtMillis <= nowMillis && job.lockDeadlineMillis <= nowMillis) {
        result.push_back({instanceKey, jobKey});
      }
    }
  }
  return result;
}

}  // namespace bpmn

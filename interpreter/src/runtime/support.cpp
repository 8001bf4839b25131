// The small pieces of the public runtime headers: the system clock, names of
// enums, and the in-memory store.
#include <chrono>

#include "bpmn/clock.h"
#include "bpmn/history.h"
#include "bpmn/snapshot.h"
#include "bpmn/store.h"

namespace bpmn {

std::int64_t SystemClock::nowMillis() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string_view recordKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kInstanceStateChanged:
      return "instance state changed";
    case RecordKind::kElementActivated:
      return "element activated";
    case RecordKind::kElementCompleted:
      return "element completed";
    case RecordKind::kElementTerminated:
      return "element terminated";
    case RecordKind::kFlowTaken:
      return "flow taken";
    case RecordKind::kTokenCreated:
      return "token created";
    case RecordKind::kTokenConsumed:
      return "token consumed";
    case RecordKind::kJobCreated:
      return "job created";
    case RecordKind::kJobCompleted:
      return "job completed";
    case RecordKind::kJobFailed:
      return "job failed";
    case RecordKind::kIncidentRaised:
      return "incident raised";
    case RecordKind::kIncidentResolved:
      return "incident resolved";
    case RecordKind::kVariableSet:
      return "variable set";
    case RecordKind::kEventThrown:
      return "event thrown";
  }
  return "unknown";
}

std::string_view instanceStateName(InstanceState state) {
  switch (state) {
    case InstanceState::kActive:
      return "active";
    case InstanceState::kCompleted:
      return "completed";
    case InstanceState::kIncident:
      return "incident";
    case InstanceState::kTerminated:
      return "terminated";
    case InstanceState::kCancelled:
      return "cancelled";
  }
  return "active";
}

Status InMemoryStore::commit(const Batch& batch) {
  deployments_.insert(deployments_.end(), batch.deployments.begin(), batch.deployments.end());
  auto seen = [&](std::uint64_t key) { nextKey_ = std::max(nextKey_, key + 1); };
  for (const auto& instance : batch.instances) {
    seen(instance.key);
    for (const auto& scope : instance.scopes) seen(scope.key);
    for (const auto& token : instance.tokens) {
      seen(token.key);
      seen(token.elementInstanceKey);
    }
    for (const auto& job : instance.jobs) seen(job.key);
    for (const auto& incident : instance.incidents) seen(incident.key);
    instances_[instance.key] = instance;
  }
  for (const auto& record : batch.history) seen(record.elementInstanceKey);
  history_.insert(history_.end(), batch.history.begin(), batch.history.end());
  return Status::ok();
}

std::optional<InstanceSnapshot> InMemoryStore::loadInstance(std::uint64_t key) const {
  auto it = instances_.find(key);
  if (it == instances_.end()) return std::nullopt;
  return it->second;
}

}  // namespace bpmn

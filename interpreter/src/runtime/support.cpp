// The small pieces of the public runtime headers: the system clock and the
// names of enums.
#include <chrono>

#include "bpmn/clock.h"
#include "bpmn/history.h"
#include "bpmn/snapshot.h"

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
    case RecordKind::kJobActivated:
      return "job activated";
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

std::string_view jobStateName(JobState state) {
  switch (state) {
    case JobState::kActivatable:
      return "activatable";
    case JobState::kFailed:
      return "failed";
    case JobState::kCompleted:
      return "completed";
  }
  return "activatable";
}

std::string_view jobStatus(JobState state, std::int64_t lockDeadlineMillis, std::int64_t retryAtMillis,
                           std::int64_t nowMillis) {
  if (state != JobState::kActivatable) return jobStateName(state);
  if (lockDeadlineMillis > nowMillis) return "locked";
  if (retryAtMillis > nowMillis) return "backoff";
  return "activatable";
}

}  // namespace bpmn

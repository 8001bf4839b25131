// Rows the workspace verbs list (bpmn list instances / jobs / tasks /
// incidents): a summary per item, read straight from the tables without
// loading whole instances. Plain values.
#pragma once

#include <cstdint>
#include <string>

#include "bpmn/snapshot.h"

namespace bpmn::storage {

struct InstanceListing {
  std::uint64_t key = 0;
  std::string processId;
  int version = 0;
  std::string state;  // "active", "completed", ...
  std::string businessKey;
  std::uint64_t parentInstanceKey = 0;
  std::int64_t startedAtMillis = 0;
  std::int64_t endedAtMillis = 0;  // 0 while it runs
};

struct JobListing {
  std::uint64_t key = 0;
  std::uint64_t instanceKey = 0;
  std::string elementId;
  std::string type;
  std::string state;  // "activatable", "failed"
  int retries = 0;
  std::string errorMessage;
  std::string lockOwner;  // "" when not activated
  std::int64_t lockDeadlineMillis = 0;
  std::int64_t retryAtMillis = 0;
};

// A user task (its key is the key of the token that waits on it) and an
// open incident, with the instance they belong to.
struct TaskListing {
  std::uint64_t instanceKey = 0;
  UserTaskSnapshot task;
};

struct IncidentListing {
  std::uint64_t instanceKey = 0;
  IncidentSnapshot incident;
};

// What a key names, for the verbs that take a job, task, incident or
// scope (a process or sub-process's variables) key.
enum class KeyKind { kJob, kTask, kIncident, kScope };

}  // namespace bpmn::storage

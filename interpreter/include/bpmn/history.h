// HistoryRecord: the single event stream of the engine. Every change a
// command makes is one record, numbered in order; the CLI trace, the store's
// history log and the modeler's live view all read these same records.
// Plain value; safe to copy between threads. Listener implementations are
// called on the thread that runs the command.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bpmn {

enum class RecordKind {
  kInstanceStateChanged,  // detail: the new state
  kElementActivated,
  kElementCompleted,
  kElementTerminated,
  kFlowTaken,  // elementId: the sequence flow
  kTokenCreated,
  kTokenConsumed,
  kJobCreated,  // detail: the job type
  kJobCompleted,
  kJobActivated,    // detail: the worker
  kJobFailed,       // detail: the error message
  kIncidentRaised,  // detail: the message
  kIncidentResolved,
  kVariableSet,  // elementId: the variable name; detail: its value as JSON
  kEventThrown,  // detail: "error CODE", "escalation CODE", "message \"NAME\"", "signal \"NAME\"", ...
};

std::string_view recordKindName(RecordKind kind);  // "element completed"

struct HistoryRecord {
  std::uint64_t sequence = 0;  // strictly increasing per engine
  RecordKind kind = RecordKind::kElementActivated;
  std::uint64_t instanceKey = 0;
  std::string elementId;
  std::string elementType;  // XML local name, for element records
  std::uint64_t elementInstanceKey = 0;
  std::int64_t timeMillis = 0;
  std::string detail;
};

class Listener {
 public:
  virtual ~Listener() = default;
  virtual void onRecord(const HistoryRecord& record) = 0;
};

}  // namespace bpmn

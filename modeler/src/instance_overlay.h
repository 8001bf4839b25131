// What the Monitor writes on an instance's diagram (issue 15, item 3),
// computed from the instance's state and its history at a given time: per
// element the tokens resting there, what each waits for, the open
// incidents and how often it completed; per sequence flow how often a
// token took it. Pure values, no drawing; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bpmn/history.h"
#include "bpmn/snapshot.h"

namespace bpmn::modeler {

struct Wait {
  std::string text;            // on the diagram: "job charge", "user task", "timer 2026-...Z", "message paid key A-1"
  std::string detail;          // for the tooltip and panel: job state, retries, worker and lock; the countdown
  std::int64_t dueMillis = 0;  // timers: when it fires (a live countdown), else 0
};

struct IncidentMark {
  std::uint64_t key = 0;
  std::string message;
};

struct ElementOverlay {
  int tokens = 0;  // tokens resting on the element now
  std::vector<Wait> waits;
  std::vector<IncidentMark> incidents;
  int activated = 0;                           // how often it started (loop and multi-instance iterations counted)
  int completed = 0;                           // how often it completed
  std::vector<std::uint64_t> calledInstances;  // a call activity's running called instances
};

struct InstanceOverlay {
  std::map<std::string, ElementOverlay> elements;  // by element id
  std::map<std::string, int> flowsTaken;           // by sequence flow id
};

// `history` is the instance's own records, in order.
InstanceOverlay instanceOverlay(const InstanceSnapshot& instance, const std::vector<HistoryRecord>& history,
                                std::int64_t nowMillis);

// "2026-12-08T09:00:00.000Z": how the Monitor writes times.
std::string isoTime(std::int64_t millis);

// A timer's countdown as people read it: "in 4 min 10 s", "in 2 h 5 min",
// "in 3 d 4 h", "due now", "overdue by 12 s".
std::string countdown(std::int64_t dueMillis, std::int64_t nowMillis);

}  // namespace bpmn::modeler

// The read side of a watched workspace (the Monitor of bpmn-modeler, issue
// 15): paged and filtered instance lists, a cheap "did anything change",
// and per-version aggregates over the history, each one query on the
// file's indexes, never a load of every instance. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpmn/feel/value.h"
#include "bpmn/storage/listings.h"

namespace bpmn::storage {

// Which instances a list or an aggregate covers; empty fields match all.
struct InstanceFilter {
  std::string state;  // active, incident, completed, terminated, cancelled
  std::string processId;
  std::optional<int> version;
  std::string businessKey;                  // exact
  std::optional<std::int64_t> startedFrom;  // milliseconds since the epoch, inclusive
  std::optional<std::int64_t> startedTo;    // exclusive
  bool withIncidents = false;               // only instances with an open incident
  // Only instances with a variable of this name (in any scope) equal to
  // this value; no name: no condition.
  std::string variableName;
  feel::Value variableValue;
};

enum class InstanceColumn { kKey, kProcess, kVersion, kState, kBusinessKey, kStarted, kEnded, kIncidents };

struct InstancePageQuery {
  InstanceFilter filter;
  InstanceColumn sortBy = InstanceColumn::kKey;
  bool descending = true;  // ties are broken by key, the same way
  std::uint64_t offset = 0;
  std::uint64_t limit = 100;
};

struct InstanceRow {
  InstanceListing instance;
  std::uint64_t incidents = 0;  // open incidents
};

// Per element of one process version: how often it was entered and left,
// how long it took (activation to completion, over the completed ones) and
// how many incidents it raised; per sequence flow: how often it was taken.
struct ElementHeat {
  std::string elementId;
  std::uint64_t activated = 0;
  std::uint64_t completed = 0;
  std::uint64_t terminated = 0;
  std::uint64_t incidents = 0;
  std::int64_t p50Millis = 0;
  std::int64_t p95Millis = 0;
};

struct FlowHeat {
  std::string flowId;
  std::uint64_t taken = 0;
};

struct Heatmap {
  std::uint64_t instances = 0;
  std::vector<ElementHeat> elements;  // by element id
  std::vector<FlowHeat> flows;        // by flow id
};

}  // namespace bpmn::storage

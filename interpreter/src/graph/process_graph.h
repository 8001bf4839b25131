// ProcessGraph: the flow nodes of one scope (a process or one sub-process)
// and the ways a token moves between them, with the analyses the validator
// and the interpreter need.
//
// Nodes are the scope's direct flow nodes (activities, events, gateways);
// nested sub-processes get graphs of their own. Edges are sequence flows,
// boundary attachments (activity -> boundary event: a token resting on the
// activity may leave through the boundary), link jumps (throw -> catch of the
// same link name) and compensation associations (compensation boundary ->
// handler). Boost.Graph is an implementation detail of graph/process_graph.cpp
// and never appears in a header.
//
// A graph points into the model it was built from, which must outlive it.
// Immutable after build(); safe to share between threads.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bpmn/model/flow_element.h"

namespace bpmn::graph {

using NodeIndex = std::size_t;
using EdgeIndex = std::size_t;

// One bit per node of a graph.
using NodeSet = std::vector<bool>;

enum class EdgeKind { kSequenceFlow, kAttachment, kLink, kCompensation };

struct Edge {
  EdgeKind kind = EdgeKind::kSequenceFlow;
  NodeIndex source = 0;
  NodeIndex target = 0;
  const model::FlowElement* flow = nullptr;  // the sequence flow, else null
};

struct Node {
  const model::FlowElement* element = nullptr;
  std::vector<EdgeIndex> incoming;  // all edge kinds, in document order
  std::vector<EdgeIndex> outgoing;
};

// Whether a token can rest on this element (so a cycle through it is paced
// by something outside the engine): user, receive and job-based tasks, call
// activities, catch events, event-based gateways, and sub-processes holding
// such an element.
bool isWaitState(const model::FlowElement& element);

class ProcessGraph {
 public:
  // Builds the graph of the scope whose direct children are `elements`.
  // Sequence flows whose source or target is not a node of this scope are
  // left out (the validator reports them), and so are the flows BPMN
  // forbids (out of an end event, into a start or boundary event): no token
  // ever takes them.
  static ProcessGraph build(std::span<const model::FlowElement> elements, std::span<const model::Artifact> artifacts);

  std::size_t nodeCount() const { return nodes_.size(); }
  const Node& node(NodeIndex index) const { return nodes_[index]; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const Edge& edge(EdgeIndex index) const { return edges_[index]; }
  const std::vector<Edge>& edges() const { return edges_; }
  std::optional<NodeIndex> find(std::string_view id) const;

  // Where tokens enter the scope: start events, event sub-processes, and
  // (when the scope has no start event, BPMN 2.0.2 §10.5.2 "implicit start")
  // every activity and gateway without incoming flows; plus receive tasks and
  // event-based gateways that instantiate.
  std::vector<NodeIndex> entryNodes() const;

  // Nodes a token can reach from the entry nodes over every edge kind.
  NodeSet reachableFromEntries() const;

  // Nodes from which a token can reach a node with no way onward (an end
  // event or an implicit end), over sequence flows, attachments and links.
  NodeSet canReachEnd() const;

  // OR-join support. For each incoming sequence flow of an inclusive or
  // complex gateway: the nodes from which a token can reach that flow along paths
  // that do not pass through the gateway itself. Indexed like the gateway's
  // incoming sequence flows; empty for other nodes.
  const std::vector<NodeSet>& upstreamOfIncoming(NodeIndex join) const;

  // The nodes where a token keeps the inclusive gateway `join` waiting, given
  // which of its incoming sequence flows hold a token (`occupied[i]` for the
  // i-th, in upstreamOfIncoming order). BPMN 2.0.2 §13.4.3: the gateway fires
  // when every path from a token to an empty incoming flow that avoids the
  // gateway is matched by a path from that token to an occupied incoming
  // flow that avoids it too. So a token blocks when it can reach an empty
  // incoming flow and no occupied one.
  NodeSet blockingNodes(NodeIndex join, const std::vector<bool>& occupied) const;

  // Strongly connected sets of nodes (cycles over sequence flows and links)
  // none of which is a wait state, each in document order.
  std::vector<std::vector<NodeIndex>> cyclesWithoutWaitState() const;

 private:
  struct Adjacency;  // the Boost.Graph adjacency list, in the .cpp only

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::unordered_map<std::string_view, NodeIndex> index_;
  std::vector<std::vector<NodeSet>> joinUpstream_;  // per node
  std::shared_ptr<const Adjacency> adjacency_;
};

}  // namespace bpmn::graph

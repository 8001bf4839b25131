// ProcessGraph on a Boost.Graph bidirectional adjacency list. Each analysis
// is a Boost algorithm over a filtered view that keeps only the edge kinds
// (and vertices) the question is about.
#include "graph/process_graph.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>

#include "bpmn/model/definitions.h"
#include "bpmn/model/vendor.h"

namespace bpmn::graph {

using model::ElementKind;
using model::EventDefinitionKind;
using model::FlowElement;

struct EdgeData {
  EdgeIndex index = 0;
  EdgeKind kind = EdgeKind::kSequenceFlow;
};

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeData>;

struct ProcessGraph::Adjacency {
  BoostGraph graph;
};

namespace {

using KindFilter = bool (*)(EdgeKind);

bool tokenPath(EdgeKind kind) { return kind != EdgeKind::kCompensation; }
bool anyEdge(EdgeKind) { return true; }
bool flowOrLink(EdgeKind kind) { return kind == EdgeKind::kSequenceFlow || kind == EdgeKind::kLink; }

// Keeps the edges whose kind passes `filter`.
struct EdgeKeep {
  const BoostGraph* graph = nullptr;
  KindFilter filter = anyEdge;
  template <typename E>
  bool operator()(const E& edge) const {
    return filter((*graph)[edge].kind);
  }
};

// Keeps the vertices not marked in `dropped` (null: keeps all).
struct VertexKeep {
  const NodeSet* dropped = nullptr;
  template <typename V>
  bool operator()(const V& vertex) const {
    return dropped == nullptr || !(*dropped)[vertex];
  }
};

struct Discoverer : boost::default_bfs_visitor {
  NodeSet* seen = nullptr;
  template <typename V, typename G>
  void discover_vertex(V vertex, const G&) const {
    (*seen)[vertex] = true;
  }
};

// Breadth-first search from several sources at once; marks what it finds.
template <typename G>
NodeSet search(const G& graph, std::size_t vertexCount, const std::vector<NodeIndex>& sources) {
  NodeSet seen(vertexCount, false);
  if (sources.empty()) return seen;
  std::vector<boost::default_color_type> colors(vertexCount, boost::white_color);
  auto colorMap = boost::make_iterator_property_map(colors.begin(), boost::identity_property_map());
  boost::queue<NodeIndex> queue;
  Discoverer visitor;
  visitor.seen = &seen;
  boost::breadth_first_search(graph, sources.begin(), sources.end(), queue, visitor, colorMap);
  return seen;
}

bool hasEventDefinition(const FlowElement& element, EventDefinitionKind kind) {
  return std::any_of(element.eventDefinitions.begin(), element.eventDefinitions.end(),
                     [&](const auto& definition) { return definition.kind == kind; });
}

}  // namespace

bool isWaitState(const FlowElement& element) {
  switch (element.kind) {
    case ElementKind::kUserTask:
    case ElementKind::kReceiveTask:
    case ElementKind::kServiceTask:
    case ElementKind::kSendTask:
    case ElementKind::kBusinessRuleTask:
    case ElementKind::kCallActivity:
    case ElementKind::kAdHocSubProcess:
    case ElementKind::kEventBasedGateway:
      return true;
    case ElementKind::kScriptTask: {
      // An inline FEEL script runs within the step; anything else is a job.
      if (model::vendor::taskDefinition(element)) return true;
      auto script = model::vendor::script(element);
      return !(script && script->format == "feel");
    }
    case ElementKind::kSubProcess:
    case ElementKind::kTransaction:
      return std::any_of(element.flowElements.begin(), element.flowElements.end(),
                         [](const FlowElement& inner) { return isWaitState(inner); });
    case ElementKind::kIntermediateCatchEvent:
      return !hasEventDefinition(element, EventDefinitionKind::kLink);
    case ElementKind::kIntermediateThrowEvent:
      return hasEventDefinition(element, EventDefinitionKind::kMessage);  // a job
    case ElementKind::kTask:
    case ElementKind::kManualTask:
    case ElementKind::kStartEvent:
    case ElementKind::kEndEvent:
    case ElementKind::kBoundaryEvent:
    case ElementKind::kExclusiveGateway:
    case ElementKind::kInclusiveGateway:
    case ElementKind::kParallelGateway:
    case ElementKind::kComplexGateway:
    case ElementKind::kSequenceFlow:
    case ElementKind::kDataObject:
    case ElementKind::kDataObjectReference:
    case ElementKind::kDataStoreReference:
      return false;
  }
  return false;
}

ProcessGraph ProcessGraph::build(std::span<const FlowElement> elements, std::span<const model::Artifact> artifacts) {
  ProcessGraph result;
  auto adjacency = std::make_shared<Adjacency>();
  BoostGraph& graph = adjacency->graph;

  for (const FlowElement& element : elements) {
    if (!isFlowNode(element.kind) || element.id.empty()) continue;
    if (result.index_.contains(element.id)) continue;  // duplicate id: validator's job
    result.index_.emplace(element.id, result.nodes_.size());
    result.nodes_.push_back(Node{&element, {}, {}});
    boost::add_vertex(graph);
  }

  auto addEdge = [&](EdgeKind kind, NodeIndex source, NodeIndex target, const FlowElement* flow) {
    const EdgeIndex index = result.edges_.size();
    result.edges_.push_back(Edge{kind, source, target, flow});
    result.nodes_[source].outgoing.push_back(index);
    result.nodes_[target].incoming.push_back(index);
    boost::add_edge(source, target, EdgeData{index, kind}, graph);
  };

  for (const FlowElement& element : elements) {
    if (element.kind == ElementKind::kSequenceFlow) {
      auto source = result.find(element.sourceRef);
      auto target = result.find(element.targetRef);
      if (!source || !target) continue;
      const ElementKind from = result.nodes_[*source].element->kind;
      const ElementKind to = result.nodes_[*target].element->kind;
      if (from == ElementKind::kEndEvent || to == ElementKind::kStartEvent || to == ElementKind::kBoundaryEvent) {
        continue;  // forbidden by BPMN; no token ever takes it
      }
      addEdge(EdgeKind::kSequenceFlow, *source, *target, &element);
    } else if (element.kind == ElementKind::kBoundaryEvent) {
      auto host = result.find(element.attachedToRef);
      auto self = result.find(element.id);
      if (host && self && isActivity(result.nodes_[*host].element->kind)) {
        addEdge(EdgeKind::kAttachment, *host, *self, nullptr);
      }
    }
  }

  // Link throw -> the catch of the same name (or the one its target names).
  for (NodeIndex thrower = 0; thrower < result.nodes_.size(); ++thrower) {
    const FlowElement& throwEvent = *result.nodes_[thrower].element;
    if (throwEvent.kind != ElementKind::kIntermediateThrowEvent) continue;
    for (const auto& throwLink : throwEvent.eventDefinitions) {
      if (throwLink.kind != EventDefinitionKind::kLink) continue;
      for (NodeIndex catcher = 0; catcher < result.nodes_.size(); ++catcher) {
        const FlowElement& catchEvent = *result.nodes_[catcher].element;
        if (catchEvent.kind != ElementKind::kIntermediateCatchEvent) continue;
        const bool matches = std::any_of(
            catchEvent.eventDefinitions.begin(), catchEvent.eventDefinitions.end(), [&](const auto& catchLink) {
              if (catchLink.kind != EventDefinitionKind::kLink) return false;
              if (!throwLink.linkTarget.empty() && !catchLink.id.empty()) {
                return model::localRef(throwLink.linkTarget) == catchLink.id;
              }
              return !throwLink.linkName.empty() && throwLink.linkName == catchLink.linkName;
            });
        if (matches) addEdge(EdgeKind::kLink, thrower, catcher, nullptr);
      }
    }
  }

  // Compensation boundary event -(association)-> compensation handler.
  for (const auto& artifact : artifacts) {
    if (artifact.kind != model::Artifact::Kind::kAssociation) continue;
    auto source = result.find(model::localRef(artifact.sourceRef));
    auto target = result.find(model::localRef(artifact.targetRef));
    if (!source || !target) continue;
    const FlowElement& from = *result.nodes_[*source].element;
    if (from.kind == ElementKind::kBoundaryEvent && hasEventDefinition(from, EventDefinitionKind::kCompensate)) {
      addEdge(EdgeKind::kCompensation, *source, *target, nullptr);
    }
  }

  result.adjacency_ = adjacency;

  // Upstream sets of every inclusive gateway's incoming flows.
  result.joinUpstream_.resize(result.nodes_.size());
  for (NodeIndex join = 0; join < result.nodes_.size(); ++join) {
    const ElementKind joinKind = result.nodes_[join].element->kind;
    if (joinKind != ElementKind::kInclusiveGateway && joinKind != ElementKind::kComplexGateway) continue;
    NodeSet barrier(result.nodes_.size(), false);
    barrier[join] = true;
    for (EdgeIndex incoming : result.nodes_[join].incoming) {
      const Edge& edge = result.edges_[incoming];
      if (edge.kind != EdgeKind::kSequenceFlow) continue;
      if (edge.source == join) {  // a self-loop: only the gateway reaches it
        result.joinUpstream_[join].push_back(NodeSet(result.nodes_.size(), false));
        continue;
      }
      boost::filtered_graph<BoostGraph, EdgeKeep, VertexKeep> view(graph, EdgeKeep{&graph, tokenPath},
                                                                   VertexKeep{&barrier});
      result.joinUpstream_[join].push_back(
          search(boost::make_reverse_graph(view), result.nodes_.size(), {edge.source}));
    }
  }
  return result;
}

std::optional<NodeIndex> ProcessGraph::find(std::string_view id) const {
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<NodeIndex> ProcessGraph::entryNodes() const {
  const bool hasStartEvent = std::any_of(
      nodes_.begin(), nodes_.end(), [](const Node& node) { return node.element->kind == ElementKind::kStartEvent; });
  std::vector<NodeIndex> entries;
  for (NodeIndex index = 0; index < nodes_.size(); ++index) {
    const FlowElement& element = *nodes_[index].element;
    const bool hasIncomingFlow =
        std::any_of(nodes_[index].incoming.begin(), nodes_[index].incoming.end(),
                    [&](EdgeIndex edge) { return edges_[edge].kind != EdgeKind::kAttachment; });
    bool entry = false;
    if (element.kind == ElementKind::kStartEvent || element.isEventSubProcess()) {
      entry = true;
    } else if (hasIncomingFlow || element.kind == ElementKind::kBoundaryEvent ||
               element.isForCompensation.value_or(false)) {
      entry = false;
    } else if (element.instantiate.value_or(false)) {
      entry = true;  // instantiating receive task or event-based gateway
    } else {
      entry = !hasStartEvent;
    }
    if (entry) entries.push_back(index);
  }
  return entries;
}

NodeSet ProcessGraph::reachableFromEntries() const {
  const BoostGraph& graph = adjacency_->graph;
  boost::filtered_graph<BoostGraph, EdgeKeep> view(graph, EdgeKeep{&graph, anyEdge});
  return search(view, nodes_.size(), entryNodes());
}

NodeSet ProcessGraph::canReachEnd() const {
  std::vector<NodeIndex> sinks;
  for (NodeIndex index = 0; index < nodes_.size(); ++index) {
    const auto& out = nodes_[index].outgoing;
    if (std::none_of(out.begin(), out.end(), [&](EdgeIndex edge) { return flowOrLink(edges_[edge].kind); })) {
      sinks.push_back(index);
    }
  }
  const BoostGraph& graph = adjacency_->graph;
  boost::filtered_graph<BoostGraph, EdgeKeep> view(graph, EdgeKeep{&graph, tokenPath});
  return search(boost::make_reverse_graph(view), nodes_.size(), sinks);
}

const std::vector<NodeSet>& ProcessGraph::upstreamOfIncoming(NodeIndex join) const { return joinUpstream_[join]; }

NodeSet ProcessGraph::blockingNodes(NodeIndex join, const std::vector<bool>& occupied) const {
  const auto& upstream = joinUpstream_[join];
  NodeSet toEmpty(nodes_.size(), false);
  NodeSet toOccupied(nodes_.size(), false);
  for (std::size_t flow = 0; flow < upstream.size(); ++flow) {
    NodeSet& target = flow < occupied.size() && occupied[flow] ? toOccupied : toEmpty;
    for (NodeIndex node = 0; node < nodes_.size(); ++node) {
      if (upstream[flow][node]) target[node] = true;
    }
  }
  NodeSet blocking(nodes_.size(), false);
  for (NodeIndex node = 0; node < nodes_.size(); ++node) blocking[node] = toEmpty[node] && !toOccupied[node];
  return blocking;
}

std::vector<std::vector<NodeIndex>> ProcessGraph::cyclesWithoutWaitState() const {
  const BoostGraph& graph = adjacency_->graph;
  boost::filtered_graph<BoostGraph, EdgeKeep> view(graph, EdgeKeep{&graph, flowOrLink});
  std::vector<std::size_t> component(nodes_.size(), 0);
  const std::size_t count =
      nodes_.empty() ? 0
                     : boost::strong_components(
                           view, boost::make_iterator_property_map(component.begin(), boost::identity_property_map()));

  std::vector<std::vector<NodeIndex>> members(count);
  for (NodeIndex node = 0; node < nodes_.size(); ++node) members[component[node]].push_back(node);

  std::vector<std::vector<NodeIndex>> cycles;
  for (auto& nodes : members) {
    const bool selfLoop =
        nodes.size() == 1 &&
        std::any_of(nodes_[nodes[0]].outgoing.begin(), nodes_[nodes[0]].outgoing.end(),
                    [&](EdgeIndex edge) { return flowOrLink(edges_[edge].kind) && edges_[edge].target == nodes[0]; });
    if (nodes.size() < 2 && !selfLoop) continue;
    if (std::any_of(nodes.begin(), nodes.end(), [&](NodeIndex node) { return isWaitState(*nodes_[node].element); })) {
      continue;
    }
    cycles.push_back(std::move(nodes));
  }
  std::sort(cycles.begin(), cycles.end());  // document order of the first node
  return cycles;
}

}  // namespace bpmn::graph

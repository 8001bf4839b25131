// Auto-layout (bpmn/layout.h): a layered drawing per scope, composed into
// pools and diagrams.
//
// One scope (a process, or the content of an expanded sub-process) is laid
// out in five steps: Boost.Graph's depth-first search finds the back edges
// that close cycles; its topological sort of what remains ranks every node
// by its longest path from a source; long edges get a relay point in each layer they cross
// they cross, so they keep a free corridor; barycenter sweeps order each
// layer, keeping the best order seen; and each layer's vertical positions
// are the least-squares fit to its neighbours' positions under the minimum
// spacing (pool-adjacent violators), swept left and right. Lanes are bands
// of one scope: a node keeps to the band of its lane. Everything nested is
// laid out first and moved into place as a block.
#include "bpmn/layout.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/topological_sort.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bpmn/model/namespaces.h"

namespace bpmn {

using model::Artifact;
using model::ElementKind;
using model::FlowElement;
using model::XmlElement;

namespace {

// bpmn.io's default sizes.
constexpr double kTaskWidth = 100;
constexpr double kTaskHeight = 80;
constexpr double kEventSize = 36;
constexpr double kGatewaySize = 50;
constexpr double kDataObjectWidth = 36;
constexpr double kDataObjectHeight = 50;
constexpr double kDataStoreSize = 50;
constexpr double kAnnotationWidth = 100;
constexpr double kGroupWidth = 150;
constexpr double kGroupHeight = 80;
// Frames.
constexpr double kHeader = 30;         // a pool's or lane's name column
constexpr double kFramePadding = 30;   // inside pools, lanes and sub-processes
constexpr double kSubProcessTop = 40;  // room for a sub-process's name
constexpr double kLaneMinHeight = 120;
constexpr double kPoolMinWidth = 400;
constexpr double kBlackBoxHeight = 60;
constexpr double kOriginX = 160;
constexpr double kOriginY = 80;
// External labels: bpmn.io's 90-wide boxes of 14px lines.
constexpr double kLabelWidth = 90;
constexpr double kLineHeight = 14;
constexpr double kCharWidth = 6.3;
// Boundary events: spacing of their centres on the host's bottom edge.
constexpr double kBoundarySpacing = 46;

struct Rect {
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
  double cx() const { return x + w / 2; }
  double cy() const { return y + h / 2; }
};

struct Pt {
  double x = 0;
  double y = 0;
  bool operator==(const Pt&) const = default;
};

// Width and height of an external label for `text`, wrapped at 90.
Rect labelSize(const std::string& text) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80 ? 1 : 0;  // UTF-8 code points
  const double width = std::ceil(static_cast<double>(chars) * kCharWidth);
  if (width <= kLabelWidth) return {0, 0, std::max(width, 10.0), kLineHeight};
  // Word wrapping loses some of each line; one extra line in three.
  const double lines = std::ceil(width / kLabelWidth * 1.15);
  return {0, 0, kLabelWidth, lines * kLineHeight};
}

struct PlacedShape {
  std::string element;
  Rect bounds;
  std::optional<Rect> label;
  std::optional<bool> expanded;
  std::optional<bool> markerVisible;
  std::optional<bool> horizontal;
};

struct PlacedEdge {
  std::string element;
  std::vector<Pt> points;
  std::optional<Rect> label;
};

// Shapes and edges of a scope or a diagram, in its own coordinates.
struct Placement {
  std::vector<PlacedShape> shapes;
  std::vector<PlacedEdge> edges;

  void append(const Placement& other, double dx, double dy) {
    for (PlacedShape shape : other.shapes) {
      shape.bounds.x += dx;
      shape.bounds.y += dy;
      if (shape.label) shape.label->x += dx, shape.label->y += dy;
      shapes.push_back(std::move(shape));
    }
    for (PlacedEdge edge : other.edges) {
      for (Pt& p : edge.points) p.x += dx, p.y += dy;
      if (edge.label) edge.label->x += dx, edge.label->y += dy;
      edges.push_back(std::move(edge));
    }
  }
  const PlacedShape* find(const std::string& id) const {
    for (const auto& shape : shapes) {
      if (shape.element == id) return &shape;
    }
    return nullptr;
  }
};

// A connection routed once every shape has its final place: associations,
// data associations, message flows, and sequence flows whose ends are not
// both nodes of their scope.
struct Pending {
  std::string id;
  std::string source;
  std::string target;
  std::string name;
  bool association = false;  // (data) associations leave artifacts vertically
};

// Drops repeated points and the middle of three collinear ones.
std::vector<Pt> simplify(const std::vector<Pt>& points) {
  std::vector<Pt> result;
  for (const Pt& p : points) {
    if (!result.empty() && result.back() == p) continue;
    if (result.size() >= 2) {
      const Pt& a = result[result.size() - 2];
      const Pt& b = result.back();
      if ((a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y)) result.pop_back();
    }
    result.push_back(p);
  }
  if (result.size() == 1) result.push_back(result.front());
  return result;
}

// An orthogonal route between two shapes placed anywhere, ends on their
// borders: side to side when they are apart horizontally, top to bottom
// when one is above the other, around the right when they overlap.
std::vector<Pt> routeBetween(const Rect& s, const Rect& t, bool preferVertical = false) {
  const bool apartVertically = t.y >= s.bottom() + 20 || s.y >= t.bottom() + 20;
  if ((t.x >= s.right() + 10 || s.x >= t.right() + 10) && !(preferVertical && apartVertically)) {
    const bool rightwards = t.x >= s.right();
    const double sx = rightwards ? s.right() : s.x;
    const double tx = rightwards ? t.x : t.right();
    const double mid = std::round((sx + tx) / 2);
    return simplify({{sx, s.cy()}, {mid, s.cy()}, {mid, t.cy()}, {tx, t.cy()}});
  }
  if (t.y >= s.bottom() + 10 || s.y >= t.bottom() + 10) {
    const bool downwards = t.y >= s.bottom();
    const double sy = downwards ? s.bottom() : s.y;
    const double ty = downwards ? t.y : t.bottom();
    const double left = std::max(s.x, t.x);
    const double right = std::min(s.right(), t.right());
    if (left <= right) {
      const double x = std::round((left + right) / 2);
      return {{x, sy}, {x, ty}};
    }
    // Turn close to the upper shape: an artifact's row or a pool's edge.
    const double turn = preferVertical ? (downwards ? sy + 15 : ty + 15) : std::round((sy + ty) / 2);
    return simplify({{s.cx(), sy}, {s.cx(), turn}, {t.cx(), turn}, {t.cx(), ty}});
  }
  const double x = std::max(s.right(), t.right()) + 20;
  return simplify({{s.right(), s.cy()}, {x, s.cy()}, {x, t.cy()}, {t.right(), t.cy()}});
}

// A label centred on the longest segment of a route, just above it (or
// beside it when the segment is vertical).
Rect edgeLabel(const std::vector<Pt>& points, const std::string& name) {
  Rect size = labelSize(name);
  std::size_t best = 0;
  double bestLength = -1;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const double length = std::abs(points[i + 1].x - points[i].x) + std::abs(points[i + 1].y - points[i].y);
    if (length > bestLength) bestLength = length, best = i;
  }
  const Pt a = points[best];
  const Pt b = points[std::min(best + 1, points.size() - 1)];
  if (a.y == b.y) return {std::round((a.x + b.x) / 2 - size.w / 2), a.y - size.h - 4, size.w, size.h};
  return {a.x + 6, std::round((a.y + b.y) / 2 - size.h / 2), size.w, size.h};
}

bool isBpmn(const XmlElement& element, std::string_view local) { return element.is(ns::kBpmn, local); }

// The text of a verbatim child (a data association's sourceRef / targetRef).
std::vector<std::string> childTexts(const XmlElement& element, std::string_view local) {
  std::vector<std::string> result;
  for (const auto& child : element.children) {
    if (!child.isText() && isBpmn(child, local)) result.emplace_back(model::localRef(child.textContent()));
  }
  return result;
}

// ---------------------------------------------------------------------------
// One scope

struct ScopeInput {
  const std::vector<FlowElement>* elements = nullptr;
  const std::vector<Artifact>* artifacts = nullptr;
  std::vector<const XmlElement*> dataInputsOutputs;  // a process's ioSpecification
  std::unordered_map<std::string, int> bandOf;       // node id -> lane band
  int bandCount = 1;
  bool lanes = false;                               // bands are lanes: each at least kLaneMinHeight
  double left = 0, top = 0, right = 0, bottom = 0;  // padding around the content
};

struct ScopeOutput {
  Placement placement;
  double width = 0;
  double height = 0;
  std::vector<double> bandTop;
  std::vector<double> bandHeight;
};

struct Context {
  const LayoutOptions& options;
  std::vector<Pending> pending;
};

ScopeOutput layoutScope(Context& context, const ScopeInput& input);

// The content of a sub-process laid out as a scope of its own.
ScopeOutput layoutSubProcess(Context& context, const FlowElement& element) {
  ScopeInput input;
  input.elements = &element.flowElements;
  input.artifacts = &element.artifacts;
  input.left = kFramePadding;
  input.right = kFramePadding;
  input.top = kSubProcessTop;
  input.bottom = kFramePadding;
  ScopeOutput output = layoutScope(context, input);
  // Even sizes keep centres on whole pixels.
  output.width = std::max(350.0, 2 * std::ceil(output.width / 2));
  output.height = std::max(200.0, 2 * std::ceil(output.height / 2));
  return output;
}

struct Node {
  const FlowElement* element = nullptr;  // null: a relay point of a long edge
  double w = 0;
  double h = 0;
  double below = 0;  // kept free under the shape: its label, boundary flows
  int band = 0;
  int rank = 0;
  int order = 0;
  double top = 0;  // within the band's content
  double x = 0;
  std::optional<ScopeOutput> inner;  // an expanded sub-process's content
  std::vector<const FlowElement*> boundaries;
  double boundaryLabelHeight = 0;
  double cy() const { return top + h / 2; }
};

struct LayoutEdge {
  int source = 0;  // node (the host, for a boundary event's flow)
  int target = 0;
  const FlowElement* flow = nullptr;      // the sequence flow
  const Artifact* association = nullptr;  // or a compensation association
  const FlowElement* boundary = nullptr;  // the boundary event it leaves from
  int boundaryIndex = 0;
  bool back = false;
  std::vector<int> relays;
  // Offset of the port from the source's centre (a boundary flow's run).
  double portOffset = 0;
  const std::string& id() const { return flow ? flow->id : association->id; }
};

// A segment of the layered graph (an edge or a piece of a long one).
struct Segment {
  int from = 0;
  int to = 0;
  double offset = 0;
};

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                         boost::property<boost::edge_index_t, std::size_t>>;

struct BackEdgeRecorder : boost::default_dfs_visitor {
  std::vector<bool>* back = nullptr;
  std::vector<int>* discovered = nullptr;
  template <typename V, typename G>
  void discover_vertex(V vertex, const G&) const {
    discovered->push_back(static_cast<int>(vertex));
  }
  template <typename E, typename G>
  void back_edge(E edge, const G& graph) const {
    (*back)[boost::get(boost::edge_index, graph, edge)] = true;
  }
};

struct ForwardOnly {
  const std::vector<bool>* back = nullptr;
  const BoostGraph* graph = nullptr;
  template <typename E>
  bool operator()(const E& edge) const {
    return !(*back)[boost::get(boost::edge_index, *graph, edge)];
  }
};

// Least-squares positions for one ordered column: c[i+1] >= c[i] + gap[i],
// as close as can be to `wanted` (pool-adjacent violators on the offsets).
std::vector<double> fitColumn(const std::vector<double>& wanted, const std::vector<double>& weight,
                              const std::vector<double>& gap) {
  const std::size_t n = wanted.size();
  std::vector<double> shift(n, 0);
  for (std::size_t i = 1; i < n; ++i) shift[i] = shift[i - 1] + gap[i - 1];
  struct Block {
    double sum = 0;
    double weight = 0;
    std::size_t count = 0;
    double mean() const { return sum / weight; }
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < n; ++i) {
    blocks.push_back({(wanted[i] - shift[i]) * weight[i], weight[i], 1});
    while (blocks.size() >= 2 && blocks[blocks.size() - 2].mean() > blocks.back().mean()) {
      Block last = blocks.back();
      blocks.pop_back();
      blocks.back().sum += last.sum;
      blocks.back().weight += last.weight;
      blocks.back().count += last.count;
    }
  }
  std::vector<double> result;
  for (const Block& block : blocks) {
    for (std::size_t k = 0; k < block.count; ++k) result.push_back(block.mean() + shift[result.size()]);
  }
  return result;
}

Rect shapeSize(const FlowElement& element) {
  if (model::isEvent(element.kind)) return {0, 0, kEventSize, kEventSize};
  if (model::isGateway(element.kind)) return {0, 0, kGatewaySize, kGatewaySize};
  if (element.kind == ElementKind::kDataStoreReference) return {0, 0, kDataStoreSize, kDataStoreSize};
  if (element.kind == ElementKind::kDataObjectReference) return {0, 0, kDataObjectWidth, kDataObjectHeight};
  return {0, 0, kTaskWidth, kTaskHeight};
}

bool hasExternalLabel(const FlowElement& element) {
  return !element.name.empty() &&
         (model::isEvent(element.kind) || model::isGateway(element.kind) ||
          element.kind == ElementKind::kDataObjectReference || element.kind == ElementKind::kDataStoreReference);
}

// bpmn.io's place for an event's or gateway's name: centred below it.
Rect labelBelow(const Rect& shape, const std::string& name) {
  Rect size = labelSize(name);
  return {std::round(shape.cx() - size.w / 2), shape.bottom() + 7, size.w, size.h};
}

PlacedShape nodeShape(const FlowElement& element, const Rect& bounds) {
  PlacedShape shape;
  shape.element = element.id;
  shape.bounds = bounds;
  if (hasExternalLabel(element)) shape.label = labelBelow(bounds, element.name);
  if (element.kind == ElementKind::kExclusiveGateway) shape.markerVisible = true;
  return shape;
}

// Data associations of an activity or event: (id, source, target), with the
// element itself as the activity's end.
void collectDataAssociations(const FlowElement& element, std::vector<Pending>& out) {
  for (const auto& child : element.otherChildren) {
    const std::string id(child.attribute("id"));
    if (id.empty()) continue;
    if (isBpmn(child, "dataInputAssociation")) {
      for (const auto& source : childTexts(child, "sourceRef")) {
        out.push_back({id, source, element.id, {}, true});
        break;
      }
    } else if (isBpmn(child, "dataOutputAssociation")) {
      for (const auto& target : childTexts(child, "targetRef")) {
        out.push_back({id, element.id, target, {}, true});
        break;
      }
    }
  }
}

ScopeOutput layoutScope(Context& context, const ScopeInput& input) {
  const LayoutOptions& options = context.options;
  const std::vector<FlowElement>& elements = *input.elements;

  // 1. What is in the scope.
  std::vector<Node> nodes;
  std::unordered_map<std::string, int> nodeIndex;
  std::vector<const FlowElement*> boundaryCandidates, eventSubProcesses, dataElements, flows;
  for (const FlowElement& element : elements) {
    if (element.kind == ElementKind::kSequenceFlow) {
      flows.push_back(&element);
    } else if (element.kind == ElementKind::kDataObjectReference || element.kind == ElementKind::kDataStoreReference) {
      dataElements.push_back(&element);
    } else if (element.isEventSubProcess()) {
      eventSubProcesses.push_back(&element);
    } else if (element.kind == ElementKind::kBoundaryEvent) {
      boundaryCandidates.push_back(&element);
    } else if (model::isFlowNode(element.kind)) {
      if (nodeIndex.contains(element.id)) continue;  // a duplicate id: the validator says so
      nodeIndex.emplace(element.id, static_cast<int>(nodes.size()));
      Node node;
      node.element = &element;
      nodes.push_back(std::move(node));
    }
  }
  // Boundary events ride on their host; one without a host is a node.
  std::unordered_map<std::string, std::pair<int, int>> boundaryOf;  // id -> (host, index)
  for (const FlowElement* boundary : boundaryCandidates) {
    auto host = nodeIndex.find(std::string(model::localRef(boundary->attachedToRef)));
    if (host != nodeIndex.end() && model::isActivity(nodes[host->second].element->kind) &&
        !boundaryOf.contains(boundary->id)) {
      Node& hostNode = nodes[host->second];
      boundaryOf.emplace(boundary->id, std::pair{host->second, static_cast<int>(hostNode.boundaries.size())});
      hostNode.boundaries.push_back(boundary);
    } else if (!nodeIndex.contains(boundary->id)) {
      nodeIndex.emplace(boundary->id, static_cast<int>(nodes.size()));
      Node node;
      node.element = boundary;
      nodes.push_back(std::move(node));
    }
  }

  // 2. Sizes; expanded sub-processes first, recursively.
  for (Node& node : nodes) {
    const FlowElement& element = *node.element;
    Rect size = shapeSize(element);
    if (model::isSubProcessKind(element.kind) && (!element.flowElements.empty() || !element.artifacts.empty())) {
      node.inner = layoutSubProcess(context, element);
      size.w = node.inner->width;
      size.h = node.inner->height;
    }
    node.w = size.w;
    node.h = size.h;
    node.band = 0;
    if (auto band = input.bandOf.find(element.id); band != input.bandOf.end()) node.band = band->second;
    if (hasExternalLabel(element)) node.below = 7 + labelSize(element.name).h + 4;
    if (!node.boundaries.empty()) {
      const double n = static_cast<double>(node.boundaries.size());
      node.w = std::max(node.w, (n - 1) * kBoundarySpacing + kEventSize + 16);
      for (const FlowElement* boundary : node.boundaries) {
        if (!boundary->name.empty())
          node.boundaryLabelHeight = std::max(node.boundaryLabelHeight, labelSize(boundary->name).h);
      }
      node.below = std::max(node.below, kEventSize / 2 + node.boundaryLabelHeight + 14 + 10 * n);
    }
  }

  // 3. Edges: sequence flows between nodes (a boundary's flow counts from
  // its host), and compensation associations from a boundary to its handler.
  std::vector<LayoutEdge> edges;
  auto endpoint = [&](const std::string& id) -> std::optional<std::pair<int, const FlowElement*>> {
    if (auto node = nodeIndex.find(id); node != nodeIndex.end()) return std::pair{node->second, nullptr};
    if (auto boundary = boundaryOf.find(id); boundary != boundaryOf.end()) {
      return std::pair{boundary->second.first, nodes[boundary->second.first].boundaries[boundary->second.second]};
    }
    return std::nullopt;
  };
  auto addEdge = [&](const FlowElement* flow, const Artifact* association, const std::string& sourceId,
                     const std::string& targetId) {
    auto source = endpoint(sourceId);
    auto target = nodeIndex.find(targetId);
    if (!source || target == nodeIndex.end()) return false;
    LayoutEdge edge;
    edge.source = source->first;
    edge.target = target->second;
    edge.flow = flow;
    edge.association = association;
    edge.boundary = source->second;
    if (edge.boundary) edge.boundaryIndex = boundaryOf.at(edge.boundary->id).second;
    edges.push_back(edge);
    return true;
  };
  for (const FlowElement* flow : flows) {
    if (!addEdge(flow, nullptr, std::string(model::localRef(flow->sourceRef)),
                 std::string(model::localRef(flow->targetRef)))) {
      context.pending.push_back({flow->id, std::string(model::localRef(flow->sourceRef)),
                                 std::string(model::localRef(flow->targetRef)), flow->name});
    }
  }
  std::vector<const Artifact*> annotations;
  for (const Artifact& artifact : *input.artifacts) {
    if (artifact.kind == Artifact::Kind::kAssociation) {
      const std::string source(model::localRef(artifact.sourceRef));
      const std::string target(model::localRef(artifact.targetRef));
      const bool compensation = boundaryOf.contains(source) && nodeIndex.contains(target);
      if (!compensation || !addEdge(nullptr, &artifact, source, target)) {
        context.pending.push_back({artifact.id, source, target, {}, true});
      }
    } else {
      annotations.push_back(&artifact);
    }
  }
  std::vector<Pending> dataAssociations;
  for (const FlowElement& element : elements) collectDataAssociations(element, dataAssociations);
  for (const Node& node : nodes) {
    for (const FlowElement* boundary : node.boundaries) collectDataAssociations(*boundary, dataAssociations);
  }
  context.pending.insert(context.pending.end(), dataAssociations.begin(), dataAssociations.end());

  // 4. Cycles: depth-first from the start events, then from nodes nothing
  // leads to, then from whatever is left; its back edges close cycles.
  const std::size_t nodeCount = nodes.size();
  BoostGraph graph(nodeCount);
  std::vector<int> incomingCount(nodeCount, 0);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    boost::add_edge(static_cast<std::size_t>(edges[i].source), static_cast<std::size_t>(edges[i].target), i, graph);
    ++incomingCount[static_cast<std::size_t>(edges[i].target)];
  }
  std::vector<bool> back(edges.size(), false);
  std::vector<int> discovered;
  {
    std::vector<boost::default_color_type> colors(nodeCount, boost::white_color);
    auto colorMap = boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph));
    BackEdgeRecorder recorder;
    recorder.back = &back;
    recorder.discovered = &discovered;
    auto visitFrom = [&](std::size_t root) {
      if (colors[root] == boost::white_color) boost::depth_first_visit(graph, root, recorder, colorMap);
    };
    for (std::size_t i = 0; i < nodeCount; ++i) {
      if (nodes[i].element->kind == ElementKind::kStartEvent) visitFrom(i);
    }
    for (std::size_t i = 0; i < nodeCount; ++i) {
      if (incomingCount[i] == 0) visitFrom(i);
    }
    for (std::size_t i = 0; i < nodeCount; ++i) visitFrom(i);
  }
  for (std::size_t i = 0; i < edges.size(); ++i) edges[i].back = back[i];

  // 5. Ranks: the longest path over the forward edges.
  {
    boost::filtered_graph<BoostGraph, ForwardOnly> forward(graph, ForwardOnly{&back, &graph});
    std::vector<std::size_t> reverseOrder;
    std::vector<boost::default_color_type> colors(nodeCount, boost::white_color);
    boost::topological_sort(
        forward, std::back_inserter(reverseOrder),
        boost::color_map(boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph))));
    for (auto it = reverseOrder.rbegin(); it != reverseOrder.rend(); ++it) {
      for (auto [edge, end] = boost::out_edges(*it, forward); edge != end; ++edge) {
        const std::size_t target = boost::target(*edge, forward);
        nodes[target].rank = std::max(nodes[target].rank, nodes[*it].rank + 1);
      }
    }
  }
  // A node nothing leads to sits just before what it leads to.
  {
    std::vector<bool> hasForwardIncoming(nodeCount, false);
    for (const LayoutEdge& edge : edges) {
      if (!edge.back) hasForwardIncoming[static_cast<std::size_t>(edge.target)] = true;
    }
    for (std::size_t i = 0; i < nodeCount; ++i) {
      if (hasForwardIncoming[i]) continue;
      int next = std::numeric_limits<int>::max();
      for (const LayoutEdge& edge : edges) {
        if (!edge.back && static_cast<std::size_t>(edge.source) == i)
          next = std::min(next, nodes[static_cast<std::size_t>(edge.target)].rank);
      }
      if (next != std::numeric_limits<int>::max()) nodes[i].rank = std::max(nodes[i].rank, next - 1);
    }
  }
  int maxRank = 0;
  for (const Node& node : nodes) maxRank = std::max(maxRank, node.rank);

  // 6. Relay points for edges across several layers; the segments between layers.
  std::vector<Segment> segments;
  std::vector<double> relayKey;  // initial order of relay points
  std::vector<int> discoveryIndex(nodeCount, 0);
  for (std::size_t i = 0; i < discovered.size(); ++i)
    discoveryIndex[static_cast<std::size_t>(discovered[i])] = static_cast<int>(i);
  for (LayoutEdge& edge : edges) {
    Node& source = nodes[static_cast<std::size_t>(edge.source)];
    if (edge.boundary) {
      const double n = static_cast<double>(source.boundaries.size());
      edge.portOffset =
          source.h / 2 + kEventSize / 2 + source.boundaryLabelHeight + 10 + 10 * (n - 1 - edge.boundaryIndex);
    }
    if (edge.back) continue;
    int previous = edge.source;
    const int targetRank = nodes[static_cast<std::size_t>(edge.target)].rank;
    const int targetBand = nodes[static_cast<std::size_t>(edge.target)].band;
    for (int rank = source.rank + 1; rank < targetRank; ++rank) {
      Node relay;
      relay.rank = rank;
      relay.band = targetBand;
      const int index = static_cast<int>(nodes.size());
      nodes.push_back(std::move(relay));
      discoveryIndex.push_back(discoveryIndex[static_cast<std::size_t>(edge.source)]);
      segments.push_back({previous, index, previous == edge.source ? edge.portOffset : 0});
      edge.relays.push_back(index);
      previous = index;
    }
    segments.push_back({previous, edge.target, previous == edge.source ? edge.portOffset : 0});
  }
  const std::size_t allCount = nodes.size();
  std::vector<std::vector<int>> preds(allCount), succs(allCount);
  std::vector<std::vector<double>> predOffsets(allCount), succOffsets(allCount);
  for (const Segment& segment : segments) {
    preds[static_cast<std::size_t>(segment.to)].push_back(segment.from);
    predOffsets[static_cast<std::size_t>(segment.to)].push_back(segment.offset);
    succs[static_cast<std::size_t>(segment.from)].push_back(segment.to);
    succOffsets[static_cast<std::size_t>(segment.from)].push_back(segment.offset);
  }

  // 7. Order within layers: barycenter sweeps, the order with the fewest
  // crossings wins. Lanes stay together.
  std::vector<std::vector<int>> layers(static_cast<std::size_t>(maxRank) + 1);
  for (std::size_t i = 0; i < allCount; ++i)
    layers[static_cast<std::size_t>(nodes[i].rank)].push_back(static_cast<int>(i));
  auto byKey = [&](std::vector<int>& layer, const std::vector<double>& key) {
    std::stable_sort(layer.begin(), layer.end(), [&](int a, int b) {
      const Node& na = nodes[static_cast<std::size_t>(a)];
      const Node& nb = nodes[static_cast<std::size_t>(b)];
      if (na.band != nb.band) return na.band < nb.band;
      return key[static_cast<std::size_t>(a)] < key[static_cast<std::size_t>(b)];
    });
    for (std::size_t i = 0; i < layer.size(); ++i)
      nodes[static_cast<std::size_t>(layer[i])].order = static_cast<int>(i);
  };
  {
    std::vector<double> key(allCount);
    for (std::size_t i = 0; i < allCount; ++i) key[i] = discoveryIndex[i] + (nodes[i].element ? 0 : 0.5);
    for (auto& layer : layers) byKey(layer, key);
  }
  auto crossings = [&]() {
    long total = 0;
    for (std::size_t r = 0; r + 1 < layers.size(); ++r) {
      std::vector<std::pair<int, int>> between;
      for (int from : layers[r]) {
        for (int to : succs[static_cast<std::size_t>(from)]) {
          between.emplace_back(nodes[static_cast<std::size_t>(from)].order, nodes[static_cast<std::size_t>(to)].order);
        }
      }
      for (std::size_t i = 0; i < between.size(); ++i) {
        for (std::size_t j = i + 1; j < between.size(); ++j) {
          if ((between[i].first - between[j].first) * (between[i].second - between[j].second) < 0) ++total;
        }
      }
    }
    return total;
  };
  {
    auto best = layers;
    long bestCrossings = crossings();
    std::vector<double> key(allCount);
    for (int sweep = 0; sweep < 8 && bestCrossings > 0; ++sweep) {
      const bool down = sweep % 2 == 0;
      for (std::size_t step = 1; step < layers.size(); ++step) {
        const std::size_t r = down ? step : layers.size() - 1 - step;
        for (int n : layers[r]) {
          const auto& neighbours = down ? preds[static_cast<std::size_t>(n)] : succs[static_cast<std::size_t>(n)];
          double sum = 0;
          for (int m : neighbours) sum += nodes[static_cast<std::size_t>(m)].order;
          key[static_cast<std::size_t>(n)] = neighbours.empty() ? nodes[static_cast<std::size_t>(n)].order
                                                                : sum / static_cast<double>(neighbours.size());
        }
        byKey(layers[r], key);
      }
      const long now = crossings();
      if (now < bestCrossings) bestCrossings = now, best = layers;
    }
    layers = best;
    for (auto& layer : layers) {
      for (std::size_t i = 0; i < layer.size(); ++i)
        nodes[static_cast<std::size_t>(layer[i])].order = static_cast<int>(i);
    }
  }

  // 8. Vertical places, band by band.
  const int bandCount = std::max(1, input.bandCount);
  std::vector<double> bandTop(static_cast<std::size_t>(bandCount), 0);
  std::vector<double> bandContent(static_cast<std::size_t>(bandCount), 0);
  // Flows back to an earlier layer run below their source's band.
  std::vector<int> backCount(static_cast<std::size_t>(bandCount), 0);
  std::vector<bool> namedBack(static_cast<std::size_t>(bandCount), false);
  std::vector<int> backSlot(edges.size(), 0);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!edges[i].back) continue;
    const auto band = static_cast<std::size_t>(nodes[static_cast<std::size_t>(edges[i].source)].band);
    backSlot[i] = backCount[band]++;
    if (edges[i].flow && !edges[i].flow->name.empty()) namedBack[band] = true;
  }
  double artifactRow = 0;
  for (const FlowElement* data : dataElements) {
    artifactRow = std::max(artifactRow, shapeSize(*data).h + (data->name.empty() ? 0 : 7 + labelSize(data->name).h));
  }
  for (const XmlElement* io : input.dataInputsOutputs) {
    const std::string name(io->attribute("name"));
    artifactRow = std::max(artifactRow, kDataObjectHeight + (name.empty() ? 0 : 7 + labelSize(name).h));
  }
  for (const Artifact* annotation : annotations) {
    const double height =
        annotation->kind == Artifact::Kind::kGroup ? kGroupHeight : std::max(30.0, labelSize(annotation->text).h + 10);
    artifactRow = std::max(artifactRow, height);
  }
  if (artifactRow > 0) artifactRow += options.nodeGap;
  double eventSubRow = 0;
  std::vector<ScopeOutput> eventSubLayouts;
  std::vector<bool> eventSubExpanded;
  for (const FlowElement* sub : eventSubProcesses) {
    eventSubExpanded.push_back(!sub->flowElements.empty() || !sub->artifacts.empty());
    if (!eventSubExpanded.back()) {
      ScopeOutput collapsed;
      collapsed.width = kTaskWidth;
      collapsed.height = kTaskHeight;
      eventSubLayouts.push_back(std::move(collapsed));
    } else {
      eventSubLayouts.push_back(layoutSubProcess(context, *sub));
    }
    eventSubRow = std::max(eventSubRow, eventSubLayouts.back().height + options.nodeGap);
  }
  auto contentTop = [&](int band) {
    return bandTop[static_cast<std::size_t>(band)] + (band == 0 ? input.top + artifactRow : kFramePadding);
  };
  auto backReserve = [&](int band) {
    const auto b = static_cast<std::size_t>(band);
    return backCount[b] == 0 ? 0.0 : 20 + 12.0 * backCount[b] + (namedBack[b] ? 20 : 0);
  };
  auto restack = [&]() {
    for (int b = 0; b < bandCount; ++b) {
      double top = std::numeric_limits<double>::max();
      double bottom = 0;
      bool any = false;
      for (const Node& node : nodes) {
        if (node.band != b) continue;
        top = std::min(top, node.top);
        bottom = std::max(bottom, node.top + node.h + node.below);
        any = true;
      }
      if (!any) top = 0, bottom = 0;
      for (Node& node : nodes) {
        if (node.band == b) node.top -= top;
      }
      bandContent[static_cast<std::size_t>(b)] = bottom - top;
    }
    double y = 0;
    for (int b = 0; b < bandCount; ++b) {
      bandTop[static_cast<std::size_t>(b)] = y;
      double height = contentTop(b) - y + bandContent[static_cast<std::size_t>(b)] + backReserve(b) +
                      (b == bandCount - 1 ? eventSubRow + input.bottom : kFramePadding);
      if (input.lanes) height = std::max(height, kLaneMinHeight);
      y += height;
    }
  };
  auto centre = [&](int n) {
    const Node& node = nodes[static_cast<std::size_t>(n)];
    return contentTop(node.band) + node.cy();
  };
  auto gapAfter = [&](int a, int b) {
    const bool relay = !nodes[static_cast<std::size_t>(a)].element || !nodes[static_cast<std::size_t>(b)].element;
    return relay ? options.nodeGap / 2 : options.nodeGap;
  };
  // Start: each layer stacked from the top.
  for (const auto& layer : layers) {
    std::vector<double> cursor(static_cast<std::size_t>(bandCount), 0);
    for (int n : layer) {
      Node& node = nodes[static_cast<std::size_t>(n)];
      node.top = cursor[static_cast<std::size_t>(node.band)];
      cursor[static_cast<std::size_t>(node.band)] = node.top + node.h + node.below + options.nodeGap;
    }
  }
  restack();
  // wanted(n): the mean of where its neighbours want its centre.
  auto placeLayer = [&](const std::vector<int>& layer, bool usePreds, bool useSuccs) {
    for (int b = 0; b < bandCount; ++b) {
      std::vector<int> column;
      for (int n : layer) {
        if (nodes[static_cast<std::size_t>(n)].band == b) column.push_back(n);
      }
      if (column.empty()) continue;
      std::vector<double> wanted, weight, gap;
      for (std::size_t i = 0; i < column.size(); ++i) {
        const auto n = static_cast<std::size_t>(column[i]);
        const Node& node = nodes[n];
        double sum = 0;
        double count = 0;
        if (usePreds) {
          for (std::size_t k = 0; k < preds[n].size(); ++k) {
            // A boundary event's flow pulls less than the main flow.
            const double pull = predOffsets[n][k] == 0 ? 1 : 0.25;
            sum += pull * (centre(preds[n][k]) + predOffsets[n][k] - contentTop(b));
            count += pull;
          }
        }
        if (useSuccs) {
          for (std::size_t k = 0; k < succs[n].size(); ++k) {
            const double pull = succOffsets[n][k] == 0 ? 1 : 0.25;
            sum += pull * (centre(succs[n][k]) - succOffsets[n][k] - contentTop(b));
            count += pull;
          }
        }
        const double weightOfRelay = node.element ? 1 : 2;  // long edges stay straight
        wanted.push_back(count > 0 ? sum / count : node.cy());
        weight.push_back(count > 0 ? count * weightOfRelay : 0.05);
        if (i + 1 < column.size()) {
          const Node& next = nodes[static_cast<std::size_t>(column[i + 1])];
          gap.push_back(node.h / 2 + node.below + gapAfter(column[i], column[i + 1]) + next.h / 2);
        }
      }
      const std::vector<double> fitted = fitColumn(wanted, weight, gap);
      for (std::size_t i = 0; i < column.size(); ++i) {
        Node& node = nodes[static_cast<std::size_t>(column[i])];
        node.top = fitted[i] - node.h / 2;
      }
    }
  };
  for (int sweep = 0; sweep < 10; ++sweep) {
    const bool down = sweep % 2 == 0;
    for (std::size_t step = 0; step < layers.size(); ++step) {
      const std::size_t r = down ? step : layers.size() - 1 - step;
      placeLayer(layers[r], down || sweep == 9, !down || sweep == 9);
    }
    restack();
  }
  for (Node& node : nodes) node.top = std::round(node.top);
  restack();
  // Straight lines where a short step would remain: a node with a single
  // neighbour on one side moves onto its line when its column has room.
  auto tryAlign = [&](int n, double wantedCentre, double tolerance) {
    Node& node = nodes[static_cast<std::size_t>(n)];
    const double wantedTop = wantedCentre - contentTop(node.band) - node.h / 2;
    if (std::abs(wantedTop - node.top) > tolerance || wantedTop < 0) return;
    const auto& layer = layers[static_cast<std::size_t>(node.rank)];
    const auto at = std::find(layer.begin(), layer.end(), n);
    for (auto it = layer.begin(); it != at; ++it) {
      const Node& other = nodes[static_cast<std::size_t>(*it)];
      if (other.band == node.band && wantedTop < other.top + other.h + other.below + gapAfter(*it, n)) return;
    }
    // What lies below in the column moves down with it where needed.
    node.top = wantedTop;
    int previous = n;
    for (auto it = std::next(at); it != layer.end(); ++it) {
      Node& other = nodes[static_cast<std::size_t>(*it)];
      if (other.band != node.band) continue;
      const Node& above = nodes[static_cast<std::size_t>(previous)];
      other.top = std::max(other.top, above.top + above.h + above.below + gapAfter(previous, *it));
      previous = *it;
    }
  };
  for (const auto& layer : layers) {
    for (int n : layer) {
      const auto i = static_cast<std::size_t>(n);
      if (preds[i].size() != 1) continue;
      tryAlign(n, centre(preds[i][0]) + predOffsets[i][0], nodes[i].element ? 20 : 40);
    }
  }
  for (auto layer = layers.rbegin(); layer != layers.rend(); ++layer) {
    for (int n : *layer) {
      const auto i = static_cast<std::size_t>(n);
      if (preds[i].size() == 1 || succs[i].size() != 1) continue;
      tryAlign(n, centre(succs[i][0]) - succOffsets[i][0], nodes[i].element ? 20 : 40);
    }
  }
  restack();

  // 9. Columns: as wide as their widest node; wider gaps for the names of
  // the flows that leave them.
  std::vector<double> columnWidth(layers.size(), 0), columnX(layers.size(), 0),
      gapWidth(layers.size(), options.layerGap);
  for (const Node& node : nodes) {
    auto& width = columnWidth[static_cast<std::size_t>(node.rank)];
    width = std::max(width, node.w);
  }
  for (const LayoutEdge& edge : edges) {
    if (edge.back || !edge.flow || edge.flow->name.empty()) continue;
    auto& gap = gapWidth[static_cast<std::size_t>(nodes[static_cast<std::size_t>(edge.source)].rank)];
    gap = std::max(gap, std::min(labelSize(edge.flow->name).w + 40, 160.0));
  }
  std::vector<int> backFromColumn(layers.size(), 0);
  for (const LayoutEdge& edge : edges) {
    if (edge.back) ++backFromColumn[static_cast<std::size_t>(nodes[static_cast<std::size_t>(edge.source)].rank)];
  }
  // Room on the left for flows that come back into the first layer.
  const bool anyBack = std::any_of(edges.begin(), edges.end(), [](const LayoutEdge& e) { return e.back; });
  double x = anyBack ? std::max(input.left, 50.0) : input.left;
  for (std::size_t r = 0; r < layers.size(); ++r) {
    columnX[r] = x;
    x += columnWidth[r] + gapWidth[r];
  }
  double contentRight = layers.empty() ? input.left : columnX.back() + columnWidth.back();
  contentRight += backFromColumn.empty() || backFromColumn.back() == 0 ? 0 : 10 + 8.0 * backFromColumn.back();
  for (Node& node : nodes) {
    node.x = std::round(columnX[static_cast<std::size_t>(node.rank)] +
                        (columnWidth[static_cast<std::size_t>(node.rank)] - node.w) / 2);
  }
  auto rectOf = [&](int n) {
    const Node& node = nodes[static_cast<std::size_t>(n)];
    return Rect{node.x, contentTop(node.band) + node.top, node.w, node.h};
  };
  auto boundaryRect = [&](const Node& host, const Rect& hostRect, int index) {
    const double n = static_cast<double>(host.boundaries.size());
    const double centre = std::round(hostRect.cx() + (index - (n - 1) / 2) * kBoundarySpacing);
    return Rect{centre - kEventSize / 2, hostRect.bottom() - kEventSize / 2, kEventSize, kEventSize};
  };

  // 10. Shapes.
  ScopeOutput output;
  Placement& placement = output.placement;
  for (std::size_t i = 0; i < nodeCount; ++i) {
    const Node& node = nodes[i];
    const Rect bounds = rectOf(static_cast<int>(i));
    PlacedShape shape = nodeShape(*node.element, bounds);
    if (node.inner) shape.expanded = true;
    placement.shapes.push_back(shape);
    if (node.inner) placement.append(node.inner->placement, bounds.x, bounds.y);
    for (std::size_t k = 0; k < node.boundaries.size(); ++k) {
      const FlowElement& boundary = *node.boundaries[k];
      PlacedShape boundaryShape = nodeShape(boundary, boundaryRect(node, bounds, static_cast<int>(k)));
      if (boundaryShape.label) {
        // Beside the flow that leaves downwards, above where it turns: on
        // the left, but on the right for the last of several.
        const bool right = k + 1 == node.boundaries.size() && k > 0;
        boundaryShape.label->x =
            right ? boundaryShape.bounds.cx() + 5 : boundaryShape.bounds.cx() - 5 - boundaryShape.label->w;
        boundaryShape.label->y = boundaryShape.bounds.bottom() + 3;
      }
      placement.shapes.push_back(boundaryShape);
    }
  }

  // 11. Sequence flows: out of the right side, into the left side, bending
  // in the gap between two layers; back to an earlier layer below the band.
  std::vector<int> outgoingForward(nodeCount, 0), incomingForward(nodeCount, 0);
  for (const LayoutEdge& edge : edges) {
    if (edge.back) continue;
    ++outgoingForward[static_cast<std::size_t>(edge.source)];
    ++incomingForward[static_cast<std::size_t>(edge.target)];
  }
  double lowest = 0;  // the bottom of the flows' routes below the bands
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const LayoutEdge& edge = edges[i];
    const Node& sourceNode = nodes[static_cast<std::size_t>(edge.source)];
    const Rect source = rectOf(edge.source);
    const Rect target = rectOf(edge.target);
    const auto sourceRank = static_cast<std::size_t>(sourceNode.rank);
    const auto targetRank = static_cast<std::size_t>(nodes[static_cast<std::size_t>(edge.target)].rank);
    std::vector<Pt> points;
    double y = source.cy();
    if (edge.boundary) {
      const Rect boundary = boundaryRect(sourceNode, source, edge.boundaryIndex);
      y = source.cy() + edge.portOffset;
      points.push_back({boundary.cx(), boundary.bottom()});
      points.push_back({boundary.cx(), y});
    } else {
      points.push_back({source.right(), y});
    }
    auto gapStart = [&](std::size_t r) { return columnX[r] + columnWidth[r]; };
    if (!edge.back) {
      for (std::size_t r = sourceRank; r < targetRank; ++r) {
        const double next = r + 1 == targetRank ? target.cy() : centre(edge.relays[r - sourceRank]);
        if (next == y) continue;
        const double start = gapStart(r);
        const double end = columnX[r + 1];
        double bend = std::round((start + end) / 2);
        if (r == sourceRank && edge.boundary) {
          bend = start + 15 + 10.0 * edge.boundaryIndex;
        } else if (r == sourceRank && outgoingForward[static_cast<std::size_t>(edge.source)] > 1) {
          bend = start + 20;
        } else if (r + 1 == targetRank && incomingForward[static_cast<std::size_t>(edge.target)] > 1) {
          bend = end - 20;
        }
        points.push_back({bend, y});
        points.push_back({bend, next});
        y = next;
      }
      points.push_back({target.x, target.cy()});
    } else {
      const auto band = static_cast<std::size_t>(sourceNode.band);
      const double below = contentTop(sourceNode.band) + bandContent[band] + 20 + 12.0 * backSlot[i];
      lowest = std::max(lowest, below);
      const double out = gapStart(sourceRank) + 10 + 8.0 * (backSlot[i] % 4);
      const double gapBefore = targetRank == 0 ? columnX[0] - 30 : gapStart(targetRank - 1);
      const double in = std::round((gapBefore + columnX[targetRank]) / 2) - 8.0 * (backSlot[i] % 4);
      points.push_back({out, y});
      points.push_back({out, below});
      points.push_back({in, below});
      points.push_back({in, target.cy()});
      points.push_back({target.x, target.cy()});
    }
    PlacedEdge placed;
    placed.element = edge.id();
    placed.points = simplify(points);
    if (edge.flow && !edge.flow->name.empty()) {
      const Rect size = labelSize(edge.flow->name);
      const Pt& a = placed.points[placed.points.size() - 2];
      const Pt& b = placed.points.back();
      if (edge.back) {
        const Pt& c = placed.points[placed.points.size() - 4];
        const Pt& d = placed.points[placed.points.size() - 3];
        placed.label = Rect{std::round((c.x + d.x) / 2 - size.w / 2), c.y + 3, size.w, size.h};
      } else if (a.y == b.y) {
        placed.label = Rect{a.x + 5, a.y - size.h - 3, size.w, size.h};
      } else {
        placed.label = edgeLabel(placed.points, edge.flow->name);
      }
    }
    placement.edges.push_back(std::move(placed));
  }

  // 12. Event sub-processes in a row below the flow.
  const int lastBand = bandCount - 1;
  double rowY =
      contentTop(lastBand) + bandContent[static_cast<std::size_t>(lastBand)] + backReserve(lastBand) +
      (bandContent[static_cast<std::size_t>(lastBand)] > 0 || backReserve(lastBand) > 0 ? options.nodeGap : 0);
  double rowX = input.left;
  for (std::size_t i = 0; i < eventSubProcesses.size(); ++i) {
    const ScopeOutput& sub = eventSubLayouts[i];
    PlacedShape shape = nodeShape(*eventSubProcesses[i], {rowX, rowY, sub.width, sub.height});
    if (eventSubExpanded[i]) shape.expanded = true;
    placement.shapes.push_back(shape);
    placement.append(sub.placement, rowX, rowY);
    rowX += sub.width + options.nodeGap;
  }
  contentRight = std::max(contentRight, rowX - (eventSubProcesses.empty() ? 0 : options.nodeGap));

  // 13. Data, annotations and groups in a row above the flow, each above
  // what it is associated with.
  std::unordered_map<std::string, std::string> anchorOf;
  auto anchor = [&](const std::string& artifact, const std::string& other) {
    if (!anchorOf.contains(artifact) && placement.find(other)) anchorOf.emplace(artifact, other);
  };
  for (const Pending& association : dataAssociations) {
    anchor(association.source, association.target);
    anchor(association.target, association.source);
  }
  for (const Pending& pending : context.pending) {
    anchor(pending.source, pending.target);
    anchor(pending.target, pending.source);
  }
  struct RowItem {
    std::string id;
    Rect size;
    const FlowElement* element = nullptr;
    std::string name;  // external label
    double wantedX = std::numeric_limits<double>::max();
  };
  std::vector<RowItem> row;
  for (const FlowElement* data : dataElements) row.push_back({data->id, shapeSize(*data), data, data->name});
  for (const XmlElement* io : input.dataInputsOutputs) {
    row.push_back({std::string(io->attribute("id")),
                   {0, 0, kDataObjectWidth, kDataObjectHeight},
                   nullptr,
                   std::string(io->attribute("name"))});
  }
  for (const Artifact* artifact : annotations) {
    if (artifact->kind == Artifact::Kind::kGroup) {
      row.push_back({artifact->id, {0, 0, kGroupWidth, kGroupHeight}, nullptr, {}});
    } else {
      row.push_back(
          {artifact->id, {0, 0, kAnnotationWidth, std::max(30.0, labelSize(artifact->text).h + 10)}, nullptr, {}});
    }
  }
  for (RowItem& item : row) {
    if (auto it = anchorOf.find(item.id); it != anchorOf.end()) {
      item.wantedX = placement.find(it->second)->bounds.cx() - item.size.w / 2;
    }
  }
  std::stable_sort(row.begin(), row.end(), [](const RowItem& a, const RowItem& b) { return a.wantedX < b.wantedX; });
  double cursor = input.left;
  const double rowTop = input.top;
  for (const RowItem& item : row) {
    const double labelWidth = item.name.empty() ? 0 : labelSize(item.name).w;
    const double footprint = std::max(item.size.w, labelWidth);
    double left = item.wantedX == std::numeric_limits<double>::max() ? cursor : std::max(cursor, item.wantedX);
    left = std::round(std::max(left, cursor + (footprint - item.size.w) / 2));
    const Rect bounds{left, rowTop, item.size.w, item.size.h};
    PlacedShape shape;
    shape.element = item.id;
    shape.bounds = bounds;
    if (!item.name.empty()) shape.label = labelBelow(bounds, item.name);
    placement.shapes.push_back(shape);
    cursor = left + item.size.w + (footprint - item.size.w) / 2 + 20;
  }
  contentRight = std::max(contentRight, cursor - (row.empty() ? 0 : 20));

  output.width = std::ceil(contentRight + input.right);
  output.height = std::ceil(std::max(
      bandTop.back() +
          [&] {
            const double top = contentTop(lastBand);
            return top - bandTop.back() + bandContent[static_cast<std::size_t>(lastBand)] + backReserve(lastBand) +
                   eventSubRow + input.bottom;
          }(),
      lowest + input.bottom));
  if (input.lanes) output.height = std::max(output.height, bandTop.back() + kLaneMinHeight);
  output.bandTop = bandTop;
  output.bandHeight.resize(bandTop.size());
  for (std::size_t b = 0; b < bandTop.size(); ++b) {
    output.bandHeight[b] = (b + 1 < bandTop.size() ? bandTop[b + 1] : output.height) - bandTop[b];
  }
  return output;
}

// ---------------------------------------------------------------------------
// Pools, lanes and diagrams

struct LaneBox {
  const model::Lane* lane = nullptr;
  int depth = 0;
  int firstBand = 0;
  int lastBand = 0;
};

// Leaf lanes become bands, in document order; every lane covers the bands
// of its leaves.
void collectLanes(const std::vector<model::LaneSet>& laneSets, int depth, std::vector<LaneBox>& boxes,
                  std::unordered_map<std::string, int>& bandOf, int& bands) {
  for (const auto& laneSet : laneSets) {
    for (const auto& lane : laneSet.lanes) {
      LaneBox box{&lane, depth, bands, bands};
      const std::size_t index = boxes.size();
      boxes.push_back(box);
      const bool leaf =
          lane.childLaneSets.empty() || std::all_of(lane.childLaneSets.begin(), lane.childLaneSets.end(),
                                                    [](const model::LaneSet& set) { return set.lanes.empty(); });
      if (leaf) {
        ++bands;
      } else {
        collectLanes(lane.childLaneSets, depth + 1, boxes, bandOf, bands);
      }
      boxes[index].lastBand = bands - 1;
      for (const auto& ref : lane.flowNodeRefs)
        bandOf.try_emplace(std::string(model::localRef(ref)), boxes[index].firstBand);
    }
  }
}

// A process's ioSpecification data inputs and outputs (drawn in its plane).
std::vector<const XmlElement*> processDataInputsOutputs(const model::Process& process) {
  std::vector<const XmlElement*> result;
  for (const auto& child : process.otherChildren) {
    if (!isBpmn(child, "ioSpecification")) continue;
    for (const auto& io : child.children) {
      if ((isBpmn(io, "dataInput") || isBpmn(io, "dataOutput")) && !io.attribute("id").empty()) result.push_back(&io);
    }
  }
  return result;
}

Placement layoutProcess(Context& context, const model::Process& process, double header, double& width, double& height,
                        std::vector<std::pair<std::string, Rect>>& laneRects) {
  std::vector<LaneBox> lanes;
  ScopeInput input;
  int bands = 0;
  collectLanes(process.laneSets, 0, lanes, input.bandOf, bands);
  int maxDepth = -1;
  for (const LaneBox& lane : lanes) maxDepth = std::max(maxDepth, lane.depth);
  input.elements = &process.flowElements;
  input.artifacts = &process.artifacts;
  input.dataInputsOutputs = processDataInputsOutputs(process);
  input.bandCount = std::max(1, bands);
  input.lanes = bands > 0;
  const bool framed = header > 0 || input.lanes;
  input.left = header + kHeader * (maxDepth + 1) + (framed ? kFramePadding : 0);
  input.right = framed ? kFramePadding : 0;
  input.top = framed ? kFramePadding : 0;
  input.bottom = framed ? kFramePadding : 0;
  ScopeOutput output = layoutScope(context, input);
  width = std::max(output.width, framed ? kPoolMinWidth : 0.0);
  height = output.height;
  for (const LaneBox& lane : lanes) {
    const double x = header + kHeader * lane.depth;
    const double top = output.bandTop[static_cast<std::size_t>(lane.firstBand)];
    const double bottom = output.bandTop[static_cast<std::size_t>(lane.lastBand)] +
                          output.bandHeight[static_cast<std::size_t>(lane.lastBand)];
    laneRects.emplace_back(lane.lane->id, Rect{x, top, width - x, bottom - top});
  }
  return std::move(output.placement);
}

void collectIds(const XmlElement& element, std::unordered_set<std::string>& ids) {
  if (element.isText()) return;
  if (auto id = element.attribute("id"); !id.empty()) ids.emplace(id);
  for (const auto& child : element.children) collectIds(child, ids);
}

template <typename T>
void collectBase(const T& element, std::unordered_set<std::string>& ids) {
  if (!element.id.empty()) ids.insert(element.id);
  for (const auto& child : element.otherChildren) collectIds(child, ids);
}

void collectFlowIds(const std::vector<FlowElement>& elements, const std::vector<Artifact>& artifacts,
                    std::unordered_set<std::string>& ids) {
  for (const auto& element : elements) {
    collectBase(element, ids);
    for (const auto& definition : element.eventDefinitions) collectBase(definition, ids);
    collectFlowIds(element.flowElements, element.artifacts, ids);
  }
  for (const auto& artifact : artifacts) collectBase(artifact, ids);
}

void collectLaneIds(const std::vector<model::LaneSet>& laneSets, std::unordered_set<std::string>& ids) {
  for (const auto& laneSet : laneSets) {
    collectBase(laneSet, ids);
    for (const auto& lane : laneSet.lanes) {
      collectBase(lane, ids);
      collectLaneIds(lane.childLaneSets, ids);
    }
  }
}

// Every id the model uses, so the diagram's ids do not collide with one.
std::unordered_set<std::string> modelIds(const model::Definitions& definitions) {
  std::unordered_set<std::string> ids;
  if (!definitions.id.empty()) ids.insert(definitions.id);
  for (const auto& root : definitions.rootElements) {
    if (const auto* process = std::get_if<model::Process>(&root)) {
      collectBase(*process, ids);
      collectFlowIds(process->flowElements, process->artifacts, ids);
      collectLaneIds(process->laneSets, ids);
    } else if (const auto* collaboration = std::get_if<model::Collaboration>(&root)) {
      collectBase(*collaboration, ids);
      for (const auto& participant : collaboration->participants) collectBase(participant, ids);
      for (const auto& flow : collaboration->messageFlows) collectBase(flow, ids);
      for (const auto& artifact : collaboration->artifacts) collectBase(artifact, ids);
    } else if (const auto* global = std::get_if<model::GlobalElement>(&root)) {
      collectBase(*global, ids);
    } else if (const auto* verbatim = std::get_if<XmlElement>(&root)) {
      collectIds(*verbatim, ids);
    }
  }
  return ids;
}

class DiagramBuilder {
 public:
  DiagramBuilder(const model::Definitions& definitions, const LayoutOptions& options)
      : definitions_(definitions), context_{options, {}}, ids_(modelIds(definitions)) {
    for (const auto& diagram : definitions.diagrams) {
      for (const auto& element : diagram.plane.elements) {
        if (!element.otherAttributes.empty()) oldAttributes_.try_emplace(element.bpmnElement, element.otherAttributes);
      }
    }
  }

  // The pools of a collaboration, stacked; below them, when `loose` is
  // given, the processes no participant refers to (with their lanes), so
  // message flows to them have both ends in one diagram.
  model::Diagram collaboration(const model::Collaboration& collaboration, std::set<std::string>& drawnProcesses,
                               const std::vector<const model::Process*>& loose) {
    Placement placement;
    std::unordered_map<std::string, int> poolOf;  // element -> pool index
    std::vector<Rect> poolRects;
    struct Pool {
      std::string id;  // the participant; empty for a process without one
      Placement content;
      double width = 0;
      double height = kBlackBoxHeight;
      std::vector<std::pair<std::string, Rect>> lanes;
    };
    std::vector<Pool> laidOut;
    double width = kPoolMinWidth;
    for (const auto& participant : collaboration.participants) {
      Pool pool{participant.id, {}, 0, kBlackBoxHeight, {}};
      const std::string processId(model::localRef(participant.processRef));
      const model::Process* process = processId.empty() ? nullptr : definitions_.findProcess(processId);
      if (process && drawnProcesses.insert(processId).second) {
        pool.content = layoutProcess(context_, *process, kHeader, pool.width, pool.height, pool.lanes);
      }
      width = std::max(width, pool.width);
      laidOut.push_back(std::move(pool));
    }
    for (const model::Process* process : loose) {
      if (!drawnProcesses.insert(process->id).second) continue;
      Pool pool{{}, {}, 0, 0, {}};
      pool.content = layoutProcess(context_, *process, 0, pool.width, pool.height, pool.lanes);
      width = std::max(width, pool.width);
      laidOut.push_back(std::move(pool));
    }
    const double gap = collaboration.messageFlows.empty() ? 30 : 80;
    double y = kOriginY;
    for (std::size_t i = 0; i < laidOut.size(); ++i) {
      Pool& pool = laidOut[i];
      PlacedShape shape;
      shape.element = pool.id;
      shape.bounds = {kOriginX, y, width, pool.height};
      shape.horizontal = true;
      if (!pool.id.empty()) {
        placement.shapes.push_back(shape);
        poolOf.emplace(pool.id, static_cast<int>(i));
      }
      poolRects.push_back(shape.bounds);
      for (auto& [id, rect] : pool.lanes) {
        PlacedShape lane;
        lane.element = id;
        lane.bounds = {kOriginX + rect.x, y + rect.y, width - rect.x, rect.h};
        lane.horizontal = true;
        placement.shapes.push_back(lane);
      }
      for (const auto& inner : pool.content.shapes) poolOf.emplace(inner.element, static_cast<int>(i));
      placement.append(pool.content, kOriginX, y);
      y += pool.height + gap;
    }
    // The collaboration's own annotations and groups, in a row below.
    placeLooseArtifacts(collaboration.artifacts, placement, y);

    // Message flows: out of the side that faces the other pool, across the
    // gap next to the target's pool.
    std::map<std::pair<int, int>, int> perGap;
    for (const auto& flow : collaboration.messageFlows) {
      const std::string source(model::localRef(flow.sourceRef));
      const std::string target(model::localRef(flow.targetRef));
      const PlacedShape* from = placement.find(source);
      const PlacedShape* to = placement.find(target);
      if (!from || !to) continue;
      const auto sourcePool = poolOf.find(source);
      const auto targetPool = poolOf.find(target);
      PlacedEdge edge;
      edge.element = flow.id;
      if (sourcePool == poolOf.end() || targetPool == poolOf.end() || sourcePool->second == targetPool->second) {
        edge.points = routeBetween(from->bounds, to->bounds);
      } else {
        const bool down = sourcePool->second < targetPool->second;
        const Rect& s = from->bounds;
        const Rect& t = to->bounds;
        const bool sourceIsPool = source == laidOut[static_cast<std::size_t>(sourcePool->second)].id;
        const bool targetIsPool = target == laidOut[static_cast<std::size_t>(targetPool->second)].id;
        double sx = s.cx();
        double tx = t.cx();
        if (sourceIsPool) sx = std::clamp(tx, s.x + 40, s.right() - 10);
        if (targetIsPool) tx = std::clamp(sx, t.x + 40, t.right() - 10);
        // Across in the gap next to the target's pool, so the short
        // vertical into the target crosses no other pool.
        const Rect& targetFrame = poolRects[static_cast<std::size_t>(targetPool->second)];
        const int slot = perGap[{targetPool->second, down ? 1 : 0}]++;
        const double across =
            down ? targetFrame.y - 20 - 10.0 * (slot % 5) : targetFrame.bottom() + 20 + 10.0 * (slot % 5);
        const double sy = down ? s.bottom() : s.y;
        const double ty = down ? t.y : t.bottom();
        edge.points = simplify({{sx, sy}, {sx, across}, {tx, across}, {tx, ty}});
      }
      if (!flow.name.empty()) edge.label = edgeLabel(edge.points, flow.name);
      placement.edges.push_back(std::move(edge));
    }
    routePending(placement);
    return finish(placement, collaboration.id, collaboration.name);
  }

  model::Diagram process(const model::Process& process) {
    double width = 0;
    double height = 0;
    std::vector<std::pair<std::string, Rect>> lanes;
    Placement content = layoutProcess(context_, process, 0, width, height, lanes);
    Placement placement;
    for (auto& [id, rect] : lanes) {
      PlacedShape lane;
      lane.element = id;
      lane.bounds = {kOriginX + rect.x, kOriginY + rect.y, rect.w, rect.h};
      lane.horizontal = true;
      placement.shapes.push_back(lane);
    }
    placement.append(content, kOriginX, kOriginY);
    routePending(placement);
    return finish(placement, process.id, process.name);
  }

 private:
  void placeLooseArtifacts(const std::vector<Artifact>& artifacts, Placement& placement, double y) {
    double x = kOriginX;
    for (const auto& artifact : artifacts) {
      if (artifact.kind == Artifact::Kind::kAssociation) {
        context_.pending.push_back({artifact.id,
                                    std::string(model::localRef(artifact.sourceRef)),
                                    std::string(model::localRef(artifact.targetRef)),
                                    {},
                                    true});
        continue;
      }
      PlacedShape shape;
      shape.element = artifact.id;
      shape.bounds = artifact.kind == Artifact::Kind::kGroup
                         ? Rect{x, y, kGroupWidth, kGroupHeight}
                         : Rect{x, y, kAnnotationWidth, std::max(30.0, labelSize(artifact.text).h + 10)};
      placement.shapes.push_back(shape);
      x += shape.bounds.w + 20;
    }
  }

  // Associations, data associations and flows between scopes, now that
  // every shape has its place. A flow as an end counts as the middle of its
  // route.
  void routePending(Placement& placement) {
    std::unordered_map<std::string, Rect> boxes;
    for (const auto& shape : placement.shapes) boxes.try_emplace(shape.element, shape.bounds);
    for (const auto& edge : placement.edges) {
      if (edge.points.size() < 2) continue;
      const std::size_t half = edge.points.size() / 2;
      const Pt a = edge.points[half - 1];
      const Pt b = edge.points[half];
      boxes.try_emplace(edge.element, Rect{std::round((a.x + b.x) / 2), std::round((a.y + b.y) / 2), 0, 0});
    }
    std::set<std::string> routed;
    for (const auto& edge : placement.edges) routed.insert(edge.element);
    for (const Pending& pending : context_.pending) {
      auto source = boxes.find(pending.source);
      auto target = boxes.find(pending.target);
      if (source == boxes.end() || target == boxes.end() || !routed.insert(pending.id).second) continue;
      PlacedEdge edge;
      edge.element = pending.id;
      edge.points = routeBetween(source->second, target->second, pending.association);
      if (!pending.name.empty()) edge.label = edgeLabel(edge.points, pending.name);
      placement.edges.push_back(std::move(edge));
    }
    context_.pending.clear();
  }

  std::string uniqueId(const std::string& wanted) {
    std::string id = wanted;
    for (int n = 2; ids_.contains(id); ++n) id = wanted + "_" + std::to_string(n);
    ids_.insert(id);
    return id;
  }

  model::Diagram finish(const Placement& placement, const std::string& planeElement, const std::string& name) {
    model::Diagram diagram;
    diagram.name = name;  // what the modeler's tab says
    diagram.id = uniqueId("BPMNDiagram_1");
    diagram.plane.id = uniqueId("BPMNPlane_1");
    diagram.plane.bpmnElement = planeElement;
    std::set<std::string> drawn;
    for (const auto& shape : placement.shapes) {
      if (!drawn.insert(shape.element).second) continue;
      model::DiElement element;
      element.kind = model::DiElement::Kind::kShape;
      element.id = uniqueId(shape.element + "_di");
      element.bpmnElement = shape.element;
      element.bounds = model::Bounds{shape.bounds.x, shape.bounds.y, shape.bounds.w, shape.bounds.h, {}};
      element.isExpanded = shape.expanded;
      element.isMarkerVisible = shape.markerVisible;
      element.isHorizontal = shape.horizontal;
      finish(element, shape.label);
      diagram.plane.elements.push_back(std::move(element));
    }
    for (const auto& edge : placement.edges) {
      if (!drawn.insert(edge.element).second) continue;
      model::DiElement element;
      element.kind = model::DiElement::Kind::kEdge;
      element.id = uniqueId(edge.element + "_di");
      element.bpmnElement = edge.element;
      for (const Pt& p : edge.points) element.waypoints.push_back(model::Point{p.x, p.y, {}});
      finish(element, edge.label);
      diagram.plane.elements.push_back(std::move(element));
    }
    return diagram;
  }

  // The label bounds of a shape or edge, and the colours its element had
  // in the diagram this layout replaces.
  template <typename Label>
  void finish(model::DiElement& element, const Label& label) const {
    if (label) {
      element.label = model::DiLabel{};
      element.label->bounds = model::Bounds{label->x, label->y, label->w, label->h, {}};
    }
    if (auto old = oldAttributes_.find(element.bpmnElement); old != oldAttributes_.end()) {
      element.otherAttributes = old->second;
    }
  }

  const model::Definitions& definitions_;
  Context context_;
  std::unordered_set<std::string> ids_;
  std::unordered_map<std::string, std::vector<model::XmlAttribute>> oldAttributes_;
};

}  // namespace

Status layoutDiagrams(model::Definitions& definitions, const LayoutOptions& options) {
  if (!(options.layerGap >= 20) || !(options.nodeGap >= 10)) {
    return Status::invalidArgument("layout: layerGap must be at least 20 and nodeGap at least 10");
  }
  // The old diagrams' ids are free again: modelIds leaves them out.
  DiagramBuilder builder(definitions, options);
  std::vector<model::Diagram> diagrams;
  std::set<std::string> drawnProcesses;
  std::set<std::string> inPools;
  for (const auto* collaboration : definitions.collaborations()) {
    for (const auto& participant : collaboration->participants) {
      inPools.emplace(model::localRef(participant.processRef));
    }
  }
  std::vector<const model::Process*> loose;
  for (const auto* process : definitions.processes()) {
    if (!inPools.contains(process->id)) loose.push_back(process);
  }
  for (const auto* collaboration : definitions.collaborations()) {
    diagrams.push_back(builder.collaboration(*collaboration, drawnProcesses,
                                             diagrams.empty() ? loose : std::vector<const model::Process*>{}));
  }
  for (const auto* process : definitions.processes()) {
    if (drawnProcesses.insert(process->id).second) diagrams.push_back(builder.process(*process));
  }
  if (diagrams.empty()) {
    return Status::invalidArgument("layout: nothing to draw (the file has no process and no collaboration)");
  }
  definitions.diagrams = std::move(diagrams);
  return Status::ok();
}

bool needsLayout(const model::Definitions& definitions) {
  const bool drawn = std::any_of(definitions.diagrams.begin(), definitions.diagrams.end(),
                                 [](const model::Diagram& diagram) { return !diagram.plane.elements.empty(); });
  if (drawn) return false;
  // An empty diagram of an empty model (a new file) has nothing to lay out.
  for (const auto& root : definitions.rootElements) {
    if (const auto* process = std::get_if<model::Process>(&root); process && !process->flowElements.empty()) return true;
    if (const auto* collaboration = std::get_if<model::Collaboration>(&root);
        collaboration && !collaboration->participants.empty()) {
      return true;
    }
  }
  return false;
}

}  // namespace bpmn

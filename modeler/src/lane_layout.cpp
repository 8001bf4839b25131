// Pools and lanes tiling (lane_layout.h).
#include "lane_layout.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "arrange.h"
#include "model_access.h"

namespace bpmn::modeler {

using model::ElementKind;

namespace {

bool same(double a, double b) { return std::abs(a - b) < 0.5; }

// The shortest a command makes a lane (or a pool without lanes) of
// `length`: the minimum, or its length when it is drawn shorter already
// (a lane from another tool keeps its length until it is made longer).
double floorOf(double length) { return std::min(length, kLaneMinLength); }

// The lanes of `laneSets` (and their child lanes) without a shape in the
// plane.
void collectUndrawn(const std::vector<model::LaneSet>& laneSets, const model::DiPlane& plane,
                    std::vector<std::string>& ids) {
  for (const auto& laneSet : laneSets) {
    for (const auto& lane : laneSet.lanes) {
      const model::DiElement* shape = shapeOf(plane, lane.id);
      if (!shape || !shape->bounds) ids.push_back(lane.id);
      collectUndrawn(lane.childLaneSets, plane, ids);
    }
  }
}

void uniteShapes(const model::DiPlane& plane, const std::vector<model::FlowElement>& elements,
                 std::optional<QRectF>& bounds) {
  for (const auto& element : elements) {
    if (const model::DiElement* shape = shapeOf(plane, element.id); shape && shape->bounds) {
      const QRectF rect = rectOf(*shape->bounds);
      bounds = bounds ? bounds->united(rect) : rect;
    }
    uniteShapes(plane, element.flowElements, bounds);
  }
}

}  // namespace

PoolLanes::Span PoolLanes::spanOf(const QRectF& r) const {
  return horizontal_ ? Span{r.top(), r.bottom(), r.left(), r.right()} : Span{r.left(), r.right(), r.top(), r.bottom()};
}

QRectF PoolLanes::rectOf(const Span& s) const {
  return horizontal_ ? QRectF(QPointF(s.b0, s.s0), QPointF(s.b1, s.s1))
                     : QRectF(QPointF(s.s0, s.b0), QPointF(s.s1, s.b1));
}

Result<PoolLanes> PoolLanes::read(model::Definitions& definitions, int diagram, const std::string& poolId) {
  model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return Status::invalidArgument("there is no diagram " + std::to_string(diagram + 1));
  model::Participant* participant = findParticipant(definitions, poolId).second;
  if (!participant) return Status::notFound("no pool " + poolId);
  model::Process* process =
      participant->processRef.empty() ? nullptr : findProcess(definitions, model::localRef(participant->processRef));
  if (!process) return Status::invalidArgument(poolId + ": lanes divide a pool that has a process");
  const model::DiElement* poolShape = shapeOf(*plane, poolId);
  if (!poolShape || !poolShape->bounds) {
    return Status::notFound("no shape of " + poolId + " in diagram " + std::to_string(diagram + 1));
  }
  PoolLanes result;
  result.diagram_ = diagram;
  result.poolId_ = poolId;
  result.processId_ = process->id;
  result.horizontal_ = poolShape->isHorizontal.value_or(true);
  result.poolDrawn_ = modeler::rectOf(*poolShape->bounds);
  const Span pool = result.spanOf(result.poolDrawn_);
  result.poolS0_ = pool.s0;
  result.poolLength_ = pool.s1 - pool.s0;
  result.poolB0_ = pool.b0;
  result.poolB1_ = pool.b1;
  std::function<std::vector<Node>(const std::vector<model::LaneSet>&)> build =
      [&](const std::vector<model::LaneSet>& laneSets) {
        std::vector<Node> nodes;
        for (const auto& laneSet : laneSets) {
          for (const auto& lane : laneSet.lanes) {
            const model::DiElement* shape = shapeOf(*plane, lane.id);
            if (!shape || !shape->bounds) continue;
            Node node;
            node.id = lane.id;
            node.drawn = modeler::rectOf(*shape->bounds);
            const Span span = result.spanOf(*node.drawn);
            node.length = span.s1 - span.s0;
            node.children = build(lane.childLaneSets);
            nodes.push_back(std::move(node));
          }
        }
        std::stable_sort(nodes.begin(), nodes.end(), [&](const Node& a, const Node& b) {
          return result.spanOf(*a.drawn).s0 < result.spanOf(*b.drawn).s0 - 0.5;
        });
        return nodes;
      };
  result.lanes_ = build(process->laneSets);
  // The lanes tile the pool as it is drawn: a lane set's first lane starts
  // at its parent's (or the pool's) start, each next lane where it is
  // drawn, the last ends at the parent's end. What a file leaves between
  // lanes, or between the lanes and their parent's edges, goes to the lane
  // before it (the first leaf for a gap at the start, the last leaf for
  // one at the end); an overlap shortens it. No leaf gets shorter than
  // floorOf its drawn length by this (the pool grows then).
  std::function<void(std::vector<Node>&, double, double)> fold = [&](std::vector<Node>& nodes, double s0, double s1) {
    double start = s0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const double end =
          i + 1 < nodes.size() ? std::clamp(result.spanOf(*nodes[i + 1].drawn).s0, start, std::max(start, s1)) : s1;
      Node& node = nodes[i];
      if (node.children.empty()) {
        node.length = std::max(end - start, floorOf(node.length));
      } else {
        fold(node.children, start, std::max(start, end));
      }
      start = std::max(start, end);
    }
  };
  fold(result.lanes_, pool.s0, pool.s1);
  collectUndrawn(process->laneSets, *plane, result.undrawn_);
  // What lies in the pool, with the leaf lane under its centre.
  const std::vector<const Node*> leaves = result.leaves();
  auto leafUnder = [&](const QPointF& point) {
    for (const Node* leaf : leaves) {
      if (leaf->drawn->contains(point)) return leaf->id;
    }
    return std::string();
  };
  for (const auto& element : process->flowElements) {
    const model::DiElement* shape = shapeOf(*plane, element.id);
    if (!shape || !shape->bounds) continue;
    const QRectF rect = modeler::rectOf(*shape->bounds);
    result.content_.push_back(
        {element.id, rect, leafUnder(rect.center()), true, element.kind != ElementKind::kBoundaryEvent});
  }
  for (const auto& artifact : process->artifacts) {
    const model::DiElement* shape = shapeOf(*plane, artifact.id);
    if (!shape || !shape->bounds || artifact.kind != model::Artifact::Kind::kTextAnnotation) continue;
    const QRectF rect = modeler::rectOf(*shape->bounds);
    result.content_.push_back({artifact.id, rect, leafUnder(rect.center()), false, true});
  }
  uniteShapes(*plane, process->flowElements, result.contentBounds_);
  return result;
}

Result<PoolLanes> PoolLanes::readForLane(model::Definitions& definitions, int diagram, const std::string& laneId) {
  auto [process, lane] = findLane(definitions, laneId);
  if (!lane) return Status::notFound("no lane " + laneId);
  const model::Participant* participant = participantOf(definitions, process->id);
  if (!participant) return Status::invalidArgument(laneId + ": its process is drawn without a pool");
  return read(definitions, diagram, participant->id);
}

std::optional<PoolLanes::Found> PoolLanes::find(const std::string& id) {
  std::function<std::optional<Found>(std::vector<Node>&, Node*, int)> search =
      [&](std::vector<Node>& nodes, Node* parent, int depth) -> std::optional<Found> {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].id == id) return Found{&nodes, i, parent, depth};
      if (auto found = search(nodes[i].children, &nodes[i], depth + 1)) return found;
    }
    return std::nullopt;
  };
  return search(lanes_, nullptr, 0);
}

namespace {

template <typename N>
double lengthOf(const N& node) {
  if (node.children.empty()) return node.length;
  double sum = 0;
  for (const auto& child : node.children) sum += lengthOf(child);
  return sum;
}

template <typename N>
N& firstLeaf(N& node) {
  return node.children.empty() ? node : firstLeaf(node.children.front());
}

template <typename N>
N& lastLeaf(N& node) {
  return node.children.empty() ? node : lastLeaf(node.children.back());
}

}  // namespace

double PoolLanes::total() const {
  if (lanes_.empty()) return poolLength_;
  double sum = 0;
  for (const Node& node : lanes_) sum += lengthOf(node);
  return sum;
}

int PoolLanes::levels() const {
  std::function<int(const std::vector<Node>&)> depth = [&](const std::vector<Node>& nodes) {
    int deepest = 0;
    for (const Node& node : nodes) deepest = std::max(deepest, 1 + depth(node.children));
    return deepest;
  };
  return depth(lanes_);
}

std::vector<const PoolLanes::Node*> PoolLanes::leaves() const {
  std::vector<const Node*> result;
  std::function<void(const std::vector<Node>&)> walk = [&](const std::vector<Node>& nodes) {
    for (const Node& node : nodes) {
      if (node.children.empty())
        result.push_back(&node);
      else
        walk(node.children);
    }
  };
  walk(lanes_);
  return result;
}

std::optional<std::pair<double, double>> PoolLanes::staying(const std::vector<std::string>& moving) const {
  std::optional<std::pair<double, double>> extent;
  for (const Content& c : content_) {
    if (!c.flowElement) continue;
    if (!c.leaf.empty() && std::find(moving.begin(), moving.end(), c.leaf) != moving.end()) continue;
    const Span span = spanOf(c.rect);
    extent = extent ? std::pair(std::min(extent->first, span.s0), std::max(extent->second, span.s1))
                    : std::pair(span.s0, span.s1);
  }
  // Content inside sub-processes lies inside their shapes, counted above;
  // boundary events count through their own shapes.
  return extent;
}

void PoolLanes::resizeBreadth(double b0, double b1) {
  if (contentBounds_) {
    const Span content = spanOf(*contentBounds_);
    if (b0 > poolB0_) b0 = std::min(b0, std::max(poolB0_, content.b0 - kLaneBand - kPoolMargin));
    if (b1 < poolB1_) b1 = std::max(b1, std::min(poolB1_, content.b1 + kPoolMargin));
  }
  const double minimum = kLaneMinBreadth + kLaneBand * std::max(1, levels());
  if (b1 - b0 < minimum) {
    if (!same(b0, poolB0_))
      b0 = b1 - minimum;
    else
      b1 = b0 + minimum;
  }
  poolB0_ = b0;
  poolB1_ = b1;
}

void PoolLanes::resizePool(const Span& requested) {
  resizeBreadth(requested.b0, requested.b1);
  const bool bounded = contentBounds_.has_value();
  const Span content = bounded ? spanOf(*contentBounds_) : Span{};
  // The start edge: inward (positive) at most to the content and to the
  // first lane's minimum.
  double d0 = requested.s0 - poolS0_;
  double* first = lanes_.empty() ? &poolLength_ : &firstLeaf(lanes_.front()).length;
  if (d0 > 0 && bounded) d0 = std::min(d0, std::max(0.0, content.s0 - kPoolMargin - poolS0_));
  d0 = std::min(d0, *first - floorOf(*first));
  poolS0_ += d0;
  *first -= d0;
  const double end = poolS0_ + total();
  double d1 = requested.s1 - end;
  double* last = lanes_.empty() ? &poolLength_ : &lastLeaf(lanes_.back()).length;
  if (d1 < 0 && bounded) d1 = std::max(d1, std::min(0.0, content.s1 + kPoolMargin - end));
  d1 = std::max(d1, floorOf(*last) - *last);
  *last += d1;
}

Status PoolLanes::resizeLane(const std::string& id, const Span& requested) {
  if (Status status = allDrawn(); !status.isOk()) return status;
  auto found = find(id);
  if (!found) return Status::notFound(id + " is not a lane of " + poolId_ + " drawn here");
  // Where the lane lies now, tiled.
  double s0 = poolS0_;
  for (std::size_t i = 0; i < found->siblings->size(); ++i) {
    if (i == found->index) break;
    s0 += lengthOf((*found->siblings)[i]);
  }
  for (const Node* parent = found->parent; parent;) {
    // Add the lengths of the parent's earlier siblings, up to the pool.
    auto above = find(parent->id);
    for (std::size_t i = 0; i < above->index; ++i) s0 += lengthOf((*above->siblings)[i]);
    parent = above->parent;
  }
  const double s1 = s0 + lengthOf((*found->siblings)[found->index]);
  const double inset = kLaneBand * (found->depth + 1);
  resizeBreadth(poolB0_ + (requested.b0 - (poolB0_ + inset)), poolB1_ + (requested.b1 - poolB1_));
  const std::vector<const Node*> order = leaves();
  auto leafIndex = [&](const Node& leaf) {
    return static_cast<std::size_t>(std::find(order.begin(), order.end(), &leaf) - order.begin());
  };
  // The start edge (positive: inward).
  if (double d0 = requested.s0 - s0; !same(d0, 0)) {
    std::vector<Node>& siblings = *found->siblings;
    Node& lane = siblings[found->index];
    Node& inner = firstLeaf(lane);
    d0 = std::min(d0, inner.length - floorOf(inner.length));
    if (found->index > 0) {
      Node& neighbour = lastLeaf(siblings[found->index - 1]);
      d0 = std::max(d0, floorOf(neighbour.length) - neighbour.length);
      neighbour.length += d0;
    } else {
      // The border around moves: the lanes before move along, the pool's
      // start with them; what stays must stay inside.
      std::vector<std::string> moving;
      for (std::size_t i = 0; i < leafIndex(inner); ++i) moving.push_back(order[i]->id);
      if (auto extent = staying(moving); extent && d0 > 0) {
        d0 = std::min(d0, std::max(0.0, extent->first - kPoolMargin - poolS0_));
      }
      poolS0_ += d0;
    }
    inner.length -= d0;
  }
  // The end edge (positive: outward).
  if (double d1 = requested.s1 - s1; !same(d1, 0)) {
    std::vector<Node>& siblings = *found->siblings;
    Node& lane = siblings[found->index];
    Node& inner = lastLeaf(lane);
    d1 = std::max(d1, floorOf(inner.length) - inner.length);
    if (found->index + 1 < siblings.size()) {
      Node& neighbour = firstLeaf(siblings[found->index + 1]);
      d1 = std::min(d1, neighbour.length - floorOf(neighbour.length));
      neighbour.length -= d1;
    } else {
      std::vector<std::string> moving;
      for (std::size_t i = leafIndex(inner) + 1; i < order.size(); ++i) moving.push_back(order[i]->id);
      const double end = poolS0_ + total();
      if (auto extent = staying(moving); extent && d1 < 0) {
        d1 = std::max(d1, std::min(0.0, extent->second + kPoolMargin - end));
      }
    }
    inner.length += d1;
  }
  return Status::ok();
}

Status PoolLanes::resize(const std::string& id, const QRectF& requested) {
  const Span span = spanOf(requested.normalized());
  if (id == poolId_) {
    resizePool(span);
    return Status::ok();
  }
  return resizeLane(id, span);
}

Status PoolLanes::insert(const std::string& laneId, const std::string& after, double length) {
  if (Status status = allDrawn(); !status.isOk()) return status;
  Node node;
  node.id = laneId;
  node.length = std::max(length, kLaneMinLength);
  if (after.empty()) {
    lanes_.push_back(std::move(node));
    return Status::ok();
  }
  auto found = find(after);
  if (!found) return Status::notFound(after + " is not a lane of " + poolId_ + " drawn here");
  found->siblings->insert(found->siblings->begin() + static_cast<std::ptrdiff_t>(found->index) + 1, std::move(node));
  return Status::ok();
}

Status PoolLanes::insertBefore(const std::string& laneId, const std::string& before, double length) {
  if (Status status = allDrawn(); !status.isOk()) return status;
  Node node;
  node.id = laneId;
  node.length = std::max(length, kLaneMinLength);
  const double grown = node.length;
  if (before.empty()) {
    lanes_.insert(lanes_.begin(), std::move(node));
  } else {
    auto found = find(before);
    if (!found) return Status::notFound(before + " is not a lane of " + poolId_ + " drawn here");
    found->siblings->insert(found->siblings->begin() + static_cast<std::ptrdiff_t>(found->index), std::move(node));
  }
  poolS0_ -= grown;
  return Status::ok();
}

Status PoolLanes::divide(const std::string& laneId, const std::vector<std::string>& childIds) {
  if (childIds.size() < 2) return Status::invalidArgument("a lane divides into two lanes or more");
  if (Status status = allDrawn(); !status.isOk()) return status;
  std::vector<Node>* into = nullptr;
  double length = 0;
  if (laneId.empty() || laneId == poolId_) {
    if (!lanes_.empty()) return Status::invalidArgument(poolId_ + " has lanes already: divide one of them");
    into = &lanes_;
    length = poolLength_;
  } else {
    auto found = find(laneId);
    if (!found) return Status::notFound(laneId + " is not a lane of " + poolId_ + " drawn here");
    Node& lane = (*found->siblings)[found->index];
    if (!lane.children.empty()) return Status::invalidArgument(laneId + " has child lanes already");
    into = &lane.children;
    length = lane.length;
  }
  const double n = static_cast<double>(childIds.size());
  length = std::max(length, n * kLaneMinLength);
  double each = std::round(length / n);
  if (length - each * (n - 1) < kLaneMinLength) each = std::floor(length / n);
  for (std::size_t i = 0; i < childIds.size(); ++i) {
    Node child;
    child.id = childIds[i];
    child.length = i + 1 < childIds.size() ? each : length - each * (n - 1);
    into->push_back(std::move(child));
  }
  // One level more may need a wider pool.
  resizeBreadth(poolB0_, poolB1_);
  return Status::ok();
}

Status PoolLanes::remove(const std::string& laneId) {
  if (Status status = allDrawn(); !status.isOk()) return status;
  auto found = find(laneId);
  if (!found) return Status::notFound(laneId + " is not a lane of " + poolId_ + " drawn here");
  std::vector<Node>& siblings = *found->siblings;
  const double length = lengthOf(siblings[found->index]);
  Node* before = found->index > 0 ? &siblings[found->index - 1] : nullptr;
  Node* after = found->index + 1 < siblings.size() ? &siblings[found->index + 1] : nullptr;
  if (before && after) {
    const double half = std::round(length / 2);
    lastLeaf(*before).length += half;
    firstLeaf(*after).length += length - half;
  } else if (before) {
    lastLeaf(*before).length += length;
  } else if (after) {
    firstLeaf(*after).length += length;
  } else if (found->parent) {
    found->parent->length = length;  // now a lane without child lanes
  } else {
    poolLength_ = length;
  }
  siblings.erase(siblings.begin() + static_cast<std::ptrdiff_t>(found->index));
  return Status::ok();
}

Status PoolLanes::allDrawn() {
  if (undrawn_.empty()) return Status::ok();
  std::string names;
  for (const std::string& id : undrawn_) names += (names.empty() ? "" : ", ") + id;
  refused_ = Status::invalidArgument(poolId_ + ": " + (undrawn_.size() == 1 ? "lane " : "lanes ") + names + " of its " +
                                     "process " + (undrawn_.size() == 1 ? "is" : "are") + " not drawn in diagram " +
                                     std::to_string(diagram_ + 1) +
                                     "; add, divide, resize or delete its lanes in a diagram that draws them all");
  return refused_;
}

Status PoolLanes::apply(model::Definitions& definitions) const {
  // A refused lane action refuses the whole edit (a caller may go on
  // after a refused remove()).
  if (!refused_.isOk()) return refused_;
  model::DiPlane* plane = planeOf(definitions, diagram_);
  if (!plane || !shapeOf(*plane, poolId_)) return Status::notFound("no shape of " + poolId_);
  std::set<std::string> changed;
  auto place = [&](const std::string& id, const QRectF& rect) {
    model::DiElement* shape = shapeOf(*plane, id);
    if (!shape) {
      model::DiElement created;
      created.kind = model::DiElement::Kind::kShape;
      created.id = id + "_di";
      created.bpmnElement = id;
      created.isHorizontal = horizontal_;
      created.bounds = boundsOf(rect);
      plane->elements.push_back(std::move(created));
      changed.insert(id);
      return;
    }
    if (modeler::rectOf(*shape->bounds) != rect) changed.insert(id);
    shape->bounds = boundsOf(rect, *shape->bounds);
  };
  place(poolId_, rectOf(Span{poolS0_, poolS0_ + total(), poolB0_, poolB1_}));
  // Leaves' new spans, for what lies in them.
  std::map<std::string, Span> placed;
  std::function<void(const std::vector<Node>&, double, int)> tile = [&](const std::vector<Node>& nodes, double s,
                                                                        int depth) {
    for (const Node& node : nodes) {
      const double length = lengthOf(node);
      const Span span{s, s + length, poolB0_ + kLaneBand * (depth + 1), poolB1_};
      place(node.id, rectOf(span));
      if (node.children.empty()) placed[node.id] = span;
      tile(node.children, s, depth + 1);
      s += length;
    }
  };
  tile(lanes_, poolS0_, 0);
  // What lies in a lane that moved without changing its length moves
  // along; in a lane that grew or shrank it stays.
  std::map<std::string, double> shifts;
  std::function<void(const std::vector<Node>&)> shiftsOf = [&](const std::vector<Node>& nodes) {
    for (const Node& node : nodes) {
      shiftsOf(node.children);
      if (!node.children.empty() || !node.drawn || !placed.count(node.id)) continue;
      const Span before = spanOf(*node.drawn), after = placed.at(node.id);
      if (same(before.s1 - before.s0, after.s1 - after.s0) && !same(before.s0, after.s0)) {
        shifts[node.id] = after.s0 - before.s0;
      }
    }
  };
  shiftsOf(lanes_);
  std::vector<std::pair<std::string, QPointF>> moves;
  for (const Content& c : content_) {
    if (!c.movable || c.leaf.empty() || !shifts.count(c.leaf) || !shapeOf(*plane, c.id)) continue;
    const double by = shifts.at(c.leaf);
    moves.emplace_back(c.id, horizontal_ ? QPointF(0, by) : QPointF(by, 0));
  }
  // They stay in this pool and their lanes even where they now lie over
  // another pool (bpmn.io lets pools overlap and never reparents here).
  if (!moves.empty()) {
    if (auto moved = moveShapes(definitions, diagram_, moves, false); !moved.isOk()) return moved.status();
  }
  // Every flow node in the lane drawn under it and that lane's ancestors
  // (those already listed keep their place in the lists); not when some
  // lanes are not drawn here: what is drawn cannot tell which lane a node
  // belongs to.
  if (model::Process* process = undrawn_.empty() ? findProcess(definitions, processId_) : nullptr) {
    std::vector<std::string> nodes;
    for (const auto& element : process->flowElements) {
      if (element.kind != ElementKind::kBoundaryEvent) nodes.push_back(element.id);
    }
    for (const std::string& id : nodes) assignLane(definitions, diagram_, id);
  }
  rerouteConnections(definitions, diagram_, changed);
  return Status::ok();
}

}  // namespace bpmn::modeler

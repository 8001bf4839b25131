// Pools and lanes tile as in bpmn.io. A pool's lanes fill the pool's body
// (the pool less its label band: the band runs down the left of a
// horizontal pool and along the top of a vertical one, DI
// isHorizontal="false"), stacked without gaps or overlaps: top to bottom
// in a horizontal pool, left to right in a vertical one. A lane's child
// lanes fill that lane's body the same way, again less a band.
//
// Every change to lanes goes through one PoolLanes: read the pool's lanes
// as drawn in a diagram, change them (resize, insert, remove), apply. The
// lengths along the stacking axis live in the leaf lanes; a lane with
// child lanes is as long as they are together, a pool as long as its
// lanes; apply() tiles every lane shape anew from the pool's corner.
// GUI thread.
#pragma once

#include <QRectF>
#include <optional>
#include <string>
#include <vector>

#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

// The label band of a pool and of a lane with child lanes.
constexpr double kLaneBand = 30;
// No lane is shorter than this along the stacking axis (its height in a
// horizontal pool), as in bpmn.io; a pool without lanes neither.
constexpr double kLaneMinLength = 60;
// No lane is narrower than this across the stacking axis: a pool is at
// least 300 across (bpmn.io's minimum width) and one band more per level
// of nested lanes.
constexpr double kLaneMinBreadth = 270;
// What a shrinking pool keeps between its flow elements and its border.
constexpr double kPoolMargin = 10;

class PoolLanes {
 public:
  // The lanes of the pool `poolId` (a participant with a process) as drawn
  // in `diagram`, in stacking order (by their drawn position, ties in model
  // order), tiling the pool as drawn: what the drawn lanes leave uncovered
  // at a pool's or parent lane's edges (or overlap) goes to the first or
  // last leaf, a gap between lanes to the lane before it; lanes drawn
  // shorter than kLaneMinLength keep their length. Lanes without a shape
  // in the diagram are left out; then the lane actions (resize of a lane,
  // insert, insertBefore, divide, remove) are refused, and apply() keeps
  // the flow nodes' lanes.
  static Result<PoolLanes> read(model::Definitions& definitions, int diagram, const std::string& poolId);
  // The pool drawing the process that holds lane `laneId`.
  static Result<PoolLanes> readForLane(model::Definitions& definitions, int diagram, const std::string& laneId);

  const std::string& poolId() const { return poolId_; }
  int diagram() const { return diagram_; }
  bool horizontal() const { return horizontal_; }

  // New bounds for the pool or one of its lanes, clamped so that no lane
  // gets shorter than kLaneMinLength (or than it is, when it is shorter
  // already), no lane narrower than
  // kLaneMinBreadth, and the pool keeps its flow elements inside:
  // - across the stacking axis the whole pool changes and every lane with
  //   it;
  // - the pool's edges along the stacking axis move its first (last) lane's
  //   edge, down to the innermost lane at that edge;
  // - a lane's edge shared with a sibling moves the sibling's edge too (one
  //   grows, the other shrinks); a lane's edge at the border of the lane or
  //   pool around it moves that border out or in: the parent lanes and the
  //   pool grow or shrink, and the lanes beyond the edge (with what lies in
  //   them) move along.
  Status resize(const std::string& id, const QRectF& requested);
  // A new lane (without child lanes) of `length` after lane `after` in its
  // lane set, or the last top-level lane when `after` is empty; the lanes
  // beyond it move along and the parents and the pool grow.
  Status insert(const std::string& laneId, const std::string& after, double length);
  // A new lane (without child lanes) of `length` before lane `before` in
  // its lane set, or before the first top-level lane when `before` is
  // empty: the pool's start edge moves out by `length`, the lanes before
  // the new one (with what lies in them) move along and the parents grow
  // (bpmn.io's "add lane above").
  Status insertBefore(const std::string& laneId, const std::string& before, double length);
  // Divides lane `laneId` (without child lanes), or the pool when
  // `laneId` is empty or the pool's id (without lanes), into the child
  // lanes `childIds`, of equal lengths in order (the last one takes what
  // rounding leaves); a lane or pool shorter than kLaneMinLength per child
  // grows first at its end edge (what lies beyond moves along), and the
  // pool widens when the new level needs it (kLaneMinBreadth).
  Status divide(const std::string& laneId, const std::vector<std::string>& childIds);
  // Takes lane `laneId` (with its child lanes) out: the siblings before and
  // after it take its space, half each, or all of it when there is one;
  // without siblings the lane around it (or the pool) keeps its size.
  Status remove(const std::string& laneId);

  // Refused when a lane action was refused. Tiles the pool and lane shapes
  // (creating those of inserted lanes), moves what lies in lanes that
  // moved without changing their length by as much (it stays in its pool
  // and lanes even where it now lies over another pool), puts every flow
  // node of the process into the lane drawn under it and that lane's
  // ancestors (when all its lanes are drawn here), and routes the
  // connections of the pool and lanes anew.
  Status apply(model::Definitions& definitions) const;

 private:
  struct Node {
    std::string id;
    double length = 0;            // leaves; a parent's is its children's sum
    std::optional<QRectF> drawn;  // as read
    std::vector<Node> children;
  };
  // A shape of the process's content with the leaf lane it lay in.
  struct Content {
    std::string id;
    QRectF rect;
    std::string leaf;  // empty: in no lane
    bool flowElement;  // counts for the pool's extent (annotations do not)
    bool movable;      // moves with its lane (boundary events go with their hosts)
  };
  struct Found {
    std::vector<Node>* siblings = nullptr;
    std::size_t index = 0;
    Node* parent = nullptr;
    int depth = 0;
  };

  // A rectangle as stacking start/end and breadth start/end.
  struct Span {
    double s0 = 0, s1 = 0, b0 = 0, b1 = 0;
  };
  Span spanOf(const QRectF& rect) const;
  QRectF rectOf(const Span& span) const;

  std::optional<Found> find(const std::string& id);
  double total() const;
  int levels() const;
  std::vector<const Node*> leaves() const;
  void resizeBreadth(double b0, double b1);
  void resizePool(const Span& requested);
  Status resizeLane(const std::string& id, const Span& requested);
  // The extent along the stacking axis of content that lies outside the
  // leaves `moving` (those that will move with their lanes).
  std::optional<std::pair<double, double>> staying(const std::vector<std::string>& moving) const;
  // Ok when every lane of the process is drawn here; else the refusal,
  // kept for apply().
  Status allDrawn();

  int diagram_ = 0;
  std::string poolId_;
  std::string processId_;
  bool horizontal_ = true;
  QRectF poolDrawn_;
  double poolS0_ = 0, poolLength_ = 0, poolB0_ = 0, poolB1_ = 0;
  std::vector<Node> lanes_;
  std::vector<Content> content_;
  std::optional<QRectF> contentBounds_;  // every flow element's shape
  std::vector<std::string> undrawn_;     // lanes of the process without a shape here
  Status refused_;                       // a refused lane action
};

}  // namespace bpmn::modeler

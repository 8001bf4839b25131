// Range functions (DMN 1.4 §10.3.4.11): before, after, meets, met by,
// overlaps, overlaps before, overlaps after, finishes, finished by,
// includes, during, starts, started by, coincides. Each takes points
// (comparable values) and ranges in the combinations the spec lists; a
// missing end of a range ((< 10)) is unbounded.
#include "feel/builtins.h"

namespace bpmn::feel {
namespace {

// An end of a range: unbounded, or a value with its inclusion.
struct End {
  std::optional<Value> value;  // empty: unbounded
  bool included = false;
};

struct Interval {
  End start;
  End end;
};

// A point is the degenerate range [p..p].
std::optional<Interval> interval(const Value& value) {
  if (const Range* range = value.range()) {
    if ((range->low && range->low->isNull()) || (range->high && range->high->isNull())) return std::nullopt;
    return Interval{{range->low, range->lowClosed}, {range->high, range->highClosed}};
  }
  if (value.isNull() || value.list() || value.context() || value.function()) return std::nullopt;
  return Interval{{value, true}, {value, true}};
}

// Compares two ends; `lowSide` says how an unbounded end of each counts
// (-infinity for starts, +infinity for ends).
std::optional<int> compareEnds(const End& a, bool aIsStart, const End& b, bool bIsStart) {
  if (!a.value && !b.value) return aIsStart == bIsStart ? 0 : (aIsStart ? -1 : 1);
  if (!a.value) return aIsStart ? -1 : 1;
  if (!b.value) return bIsStart ? 1 : -1;
  return compare(*a.value, *b.value);
}

using Relation = std::function<std::optional<bool>(const Interval&, const Interval&)>;

// Registers a relation under each of the spec's parameter name pairs.
void addRelation(BuiltinTable& table, const std::string& name,
                 std::initializer_list<std::pair<const char*, const char*>> parameterNames, Relation relation) {
  for (const auto& [first, second] : parameterNames) {
    addBuiltin(table, name, {first, second}, [relation](const std::vector<Value>& a) -> Value {
      auto x = interval(a[0]);
      auto y = interval(a[1]);
      if (!x || !y) return {};
      auto result = relation(*x, *y);
      return result ? Value(*result) : Value();
    });
  }
}

// Shorthands over optional comparisons: a null comparison makes the
// relation null.
struct Cmp {
  std::optional<int> order;
  bool lt() const { return order && *order < 0; }
  bool gt() const { return order && *order > 0; }
  bool eq() const { return order && *order == 0; }
};

Cmp startStart(const Interval& x, const Interval& y) { return {compareEnds(x.start, true, y.start, true)}; }
Cmp endEnd(const Interval& x, const Interval& y) { return {compareEnds(x.end, false, y.end, false)}; }
Cmp endStart(const Interval& x, const Interval& y) { return {compareEnds(x.end, false, y.start, true)}; }
Cmp startEnd(const Interval& x, const Interval& y) { return {compareEnds(x.start, true, y.end, false)}; }

bool comparable(std::initializer_list<Cmp> comparisons) {
  for (const auto& c : comparisons) {
    if (!c.order) return false;
  }
  return true;
}

std::optional<bool> before(const Interval& x, const Interval& y) {
  const Cmp c = endStart(x, y);
  if (!comparable({c})) return std::nullopt;
  return c.lt() || (c.eq() && (!x.end.included || !y.start.included));
}

std::optional<bool> meets(const Interval& x, const Interval& y) {
  const Cmp c = endStart(x, y);
  if (!comparable({c})) return std::nullopt;
  return x.end.included && y.start.included && c.eq();
}

std::optional<bool> overlaps(const Interval& x, const Interval& y) {
  const Cmp a = endStart(x, y);
  const Cmp b = startEnd(x, y);
  if (!comparable({a, b})) return std::nullopt;
  return (a.gt() || (a.eq() && x.end.included && y.start.included)) &&
         (b.lt() || (b.eq() && x.start.included && y.end.included));
}

std::optional<bool> overlapsBefore(const Interval& x, const Interval& y) {
  const Cmp ss = startStart(x, y);
  const Cmp es = endStart(x, y);
  const Cmp ee = endEnd(x, y);
  if (!comparable({ss, es, ee})) return std::nullopt;
  return (ss.lt() || (ss.eq() && x.start.included && !y.start.included)) &&
         (es.gt() || (es.eq() && x.end.included && y.start.included)) &&
         (ee.lt() || (ee.eq() && (!x.end.included || y.end.included)));
}

std::optional<bool> finishes(const Interval& x, const Interval& y) {
  const Cmp ee = endEnd(x, y);
  const Cmp ss = startStart(x, y);
  if (!comparable({ee, ss})) return std::nullopt;
  return x.end.included == y.end.included && ee.eq() &&
         (ss.gt() || (ss.eq() && (!x.start.included || y.start.included)));
}

std::optional<bool> includes(const Interval& x, const Interval& y) {
  const Cmp ss = startStart(x, y);
  const Cmp ee = endEnd(x, y);
  if (!comparable({ss, ee})) return std::nullopt;
  return (ss.lt() || (ss.eq() && (x.start.included || !y.start.included))) &&
         (ee.gt() || (ee.eq() && (x.end.included || !y.end.included)));
}

std::optional<bool> starts(const Interval& x, const Interval& y) {
  const Cmp ss = startStart(x, y);
  const Cmp ee = endEnd(x, y);
  if (!comparable({ss, ee})) return std::nullopt;
  return x.start.included == y.start.included && ss.eq() &&
         (ee.lt() || (ee.eq() && (!x.end.included || y.end.included)));
}

std::optional<bool> coincides(const Interval& x, const Interval& y) {
  const Cmp ss = startStart(x, y);
  const Cmp ee = endEnd(x, y);
  if (!comparable({ss, ee})) return std::nullopt;
  return ss.eq() && ee.eq() && x.start.included == y.start.included && x.end.included == y.end.included;
}

Relation flipped(Relation relation) {
  return [relation](const Interval& x, const Interval& y) { return relation(y, x); };
}

}  // namespace

void registerRangeFunctions(BuiltinTable& table) {
  const std::initializer_list<std::pair<const char*, const char*>> pairs = {
      {"point1", "point2"}, {"point", "range"}, {"range", "point"}, {"range1", "range2"}};
  const std::initializer_list<std::pair<const char*, const char*>> rangePairs = {{"range1", "range2"}};
  addRelation(table, "before", pairs, before);
  addRelation(table, "after", pairs, flipped(before));
  addRelation(table, "meets", rangePairs, meets);
  addRelation(table, "met by", rangePairs, flipped(meets));
  addRelation(table, "overlaps", rangePairs, overlaps);
  addRelation(table, "overlaps before", rangePairs, overlapsBefore);
  addRelation(table, "overlaps after", rangePairs, flipped(overlapsBefore));
  addRelation(table, "finishes", {{"point", "range"}, {"range1", "range2"}}, finishes);
  addRelation(table, "finished by", {{"range", "point"}, {"range1", "range2"}}, flipped(finishes));
  addRelation(table, "includes", {{"range", "point"}, {"range1", "range2"}}, includes);
  addRelation(table, "during", {{"point", "range"}, {"range1", "range2"}}, flipped(includes));
  addRelation(table, "starts", {{"point", "range"}, {"range1", "range2"}}, starts);
  addRelation(table, "started by", {{"range", "point"}, {"range1", "range2"}}, flipped(starts));
  addRelation(table, "coincides", {{"point1", "point2"}, {"range1", "range2"}}, coincides);
}

}  // namespace bpmn::feel

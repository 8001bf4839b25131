// List functions (DMN 1.4 §10.3.4.4) and Camunda's is empty and partition.
// The aggregates (min, max, sum, ...) take a list or their items directly.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "feel/builtin_support.h"
#include "feel/builtins.h"

namespace bpmn::feel {

using support::integer;
using support::list;

namespace {

// Registers `name(list)` and the variadic `name(item...)` form.
void addAggregate(BuiltinTable& table, const std::string& name, std::function<Value(const List&)> body) {
  addBuiltin(table, name, {"list"}, [body](const std::vector<Value>& a) -> Value {
    if (const List* items = list(a, 0)) return body(*items);
    return body(List{a[0]});
  });
  addBuiltin(
      table, name, {"items"}, [body](const std::vector<Value>& a) -> Value { return body(*a[0].list()); }, true);
}

bool allNumbers(const List& items) {
  return std::all_of(items.begin(), items.end(), [](const Value& v) { return v.number() != nullptr; });
}

Value extreme(const List& items, int wanted) {
  if (items.empty()) return {};
  const Value* best = &items.front();
  for (const auto& item : items) {
    auto order = compare(item, *best);
    if (!order) return {};
    if (*order == wanted) best = &item;
  }
  return *best;
}

Value sum(const List& items) {
  if (!allNumbers(items)) return {};
  Decimal total = 0;
  for (const auto& item : items) total = total + *item.number();
  return total;
}

bool contains(const List& items, const Value& value) {
  return std::any_of(items.begin(), items.end(),
                     [&](const Value& item) { return equals(item, value).value_or(false); });
}

// A list without repeats (FEEL's =), built in linear time: values that can
// be equal share a bucket (numbers by their value's hash, strings, booleans
// and null by themselves; other kinds a bucket per kind), and only a
// bucket's values are compared.
class DistinctList {
 public:
  void add(const Value& value) {
    auto& bucket = buckets_[key(value)];
    for (std::size_t index : bucket) {
      if (equals(items_[index], value).value_or(false)) return;
    }
    bucket.push_back(items_.size());
    items_.push_back(value);
  }
  List take() { return std::move(items_); }

 private:
  static std::size_t key(const Value& value) {
    std::size_t detail = 0;
    if (const Decimal* number = value.number()) detail = number->hash();
    if (const std::string* text = value.string()) detail = std::hash<std::string>{}(*text);
    if (const bool* flag = value.boolean()) detail = *flag ? 1 : 0;
    return detail * 31 + static_cast<std::size_t>(value.kind());
  }

  List items_;
  std::unordered_map<std::size_t, std::vector<std::size_t>> buckets_;
};

}  // namespace

void registerListFunctions(BuiltinTable& table) {
  addBuiltin(table, "list contains", {"list", "element"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    if (!items) return {};
    return contains(*items, a[1]);
  });
  addBuiltin(table, "count", {"list"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    if (!items) return {};
    return Decimal(static_cast<std::int64_t>(items->size()));
  });
  addAggregate(table, "min", [](const List& items) { return extreme(items, -1); });
  addAggregate(table, "max", [](const List& items) { return extreme(items, 1); });
  addAggregate(table, "sum", [](const List& items) { return sum(items); });
  addAggregate(table, "mean", [](const List& items) -> Value {
    if (items.empty() || !allNumbers(items)) return {};
    auto mean = Decimal::divide(*sum(items).number(), Decimal(static_cast<std::int64_t>(items.size())));
    return mean ? Value(*mean) : Value();
  });
  addAggregate(table, "product", [](const List& items) -> Value {
    if (items.empty() || !allNumbers(items)) return {};
    Decimal result = 1;
    for (const auto& item : items) result = result * *item.number();
    return result;
  });
  addAggregate(table, "median", [](const List& items) -> Value {
    if (items.empty() || !allNumbers(items)) return {};
    std::vector<Decimal> sorted;
    for (const auto& item : items) sorted.push_back(*item.number());
    std::sort(sorted.begin(), sorted.end());
    const std::size_t middle = sorted.size() / 2;
    if (sorted.size() % 2 == 1) return sorted[middle];
    return *Decimal::divide(sorted[middle - 1] + sorted[middle], 2);
  });
  addAggregate(table, "stddev", [](const List& items) -> Value {
    if (items.size() < 2 || !allNumbers(items)) return {};
    const Decimal count(static_cast<std::int64_t>(items.size()));
    const Decimal mean = *Decimal::divide(*sum(items).number(), count);
    Decimal squares = 0;
    for (const auto& item : items) {
      const Decimal difference = *item.number() - mean;
      squares = squares + difference * difference;
    }
    auto variance = Decimal::divide(squares, count - 1);
    auto result = variance ? Decimal::sqrt(*variance) : std::nullopt;
    return result ? Value(*result) : Value();
  });
  addAggregate(table, "mode", [](const List& items) -> Value {
    if (!allNumbers(items)) return {};
    std::vector<Decimal> sorted;
    for (const auto& item : items) sorted.push_back(*item.number());
    std::sort(sorted.begin(), sorted.end());
    std::size_t best = 0;
    List modes;
    for (std::size_t i = 0; i < sorted.size();) {
      std::size_t j = i;
      while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
      if (j - i > best) {
        best = j - i;
        modes.clear();
      }
      if (j - i == best) modes.emplace_back(sorted[i]);
      i = j;
    }
    return modes;
  });
  addAggregate(table, "all", [](const List& items) -> Value {
    bool sawOther = false;
    for (const auto& item : items) {
      if (item.boolean() && !*item.boolean()) return false;
      if (!item.boolean()) sawOther = true;
    }
    if (sawOther) return {};
    return true;
  });
  addAggregate(table, "any", [](const List& items) -> Value {
    bool sawOther = false;
    for (const auto& item : items) {
      if (item.boolean() && *item.boolean()) return true;
      if (!item.boolean()) sawOther = true;
    }
    if (sawOther) return {};
    return false;
  });
  for (bool withLength : {false, true}) {
    std::vector<std::string> parameters{"list", "start position"};
    if (withLength) parameters.push_back("length");
    addBuiltin(table, "sublist", parameters, [withLength](const std::vector<Value>& a) -> Value {
      const List* items = list(a, 0);
      auto start = integer(a, 1);
      if (!items || !start || *start == 0) return {};
      const auto size = static_cast<std::int64_t>(items->size());
      const std::int64_t from = *start > 0 ? *start - 1 : size + *start;
      if (from < 0 || from >= size) return {};
      std::int64_t length = size - from;
      if (withLength) {
        auto requested = integer(a, 2);
        if (!requested || *requested < 0 || *requested > size - from) return {};
        length = *requested;
      }
      return List(items->begin() + from, items->begin() + from + length);
    });
  }
  addBuiltin(
      table, "append", {"list", "items"},
      [](const std::vector<Value>& a) -> Value {
        const List* items = list(a, 0);
        if (!items) return {};
        List result = *items;
        for (const auto& item : *a[1].list()) result.push_back(item);
        return result;
      },
      true);
  addBuiltin(
      table, "concatenate", {"lists"},
      [](const std::vector<Value>& a) -> Value {
        List result;
        for (const auto& item : *a[0].list()) {
          if (!item.list()) return {};
          result.insert(result.end(), item.list()->begin(), item.list()->end());
        }
        return result;
      },
      true);
  addBuiltin(table, "insert before", {"list", "position", "newItem"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    auto position = integer(a, 1);
    if (!items || !position || *position == 0) return {};
    const auto size = static_cast<std::int64_t>(items->size());
    const std::int64_t at = *position > 0 ? *position - 1 : size + *position;
    if (at < 0 || at >= size) return {};
    List result = *items;
    result.insert(result.begin() + at, a[2]);
    return result;
  });
  addBuiltin(table, "remove", {"list", "position"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    auto position = integer(a, 1);
    if (!items || !position || *position == 0) return {};
    const auto size = static_cast<std::int64_t>(items->size());
    const std::int64_t at = *position > 0 ? *position - 1 : size + *position;
    if (at < 0 || at >= size) return {};
    List result = *items;
    result.erase(result.begin() + at);
    return result;
  });
  addBuiltin(table, "reverse", {"list"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    if (!items) return {};
    return List(items->rbegin(), items->rend());
  });
  addBuiltin(table, "index of", {"list", "match"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    if (!items) return {};
    List positions;
    for (std::size_t i = 0; i < items->size(); ++i) {
      if (equals((*items)[i], a[1]).value_or(false)) positions.emplace_back(Decimal(static_cast<std::int64_t>(i + 1)));
    }
    return positions;
  });
  addBuiltin(
      table, "union", {"lists"},
      [](const std::vector<Value>& a) -> Value {
        DistinctList result;
        for (const auto& item : *a[0].list()) {
          if (!item.list()) return {};
          for (const auto& element : *item.list()) result.add(element);
        }
        return result.take();
      },
      true);
  addBuiltin(table, "distinct values", {"list"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    if (!items) return {};
    DistinctList result;
    for (const auto& item : *items) result.add(item);
    return result.take();
  });
  addBuiltin(table, "flatten", {"list"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    if (!items) return {};
    List result;
    std::function<void(const List&)> add = [&](const List& nested) {
      for (const auto& item : nested) {
        if (item.list()) {
          add(*item.list());
        } else {
          result.push_back(item);
        }
      }
    };
    add(*items);
    return result;
  });
  addBuiltin(table, "sort", {"list"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    if (!items) return {};
    List result = *items;
    bool comparable = true;
    std::stable_sort(result.begin(), result.end(), [&](const Value& x, const Value& y) {
      auto order = compare(x, y);
      if (!order) comparable = false;
      return order.value_or(0) < 0;
    });
    if (!comparable) return {};
    return result;
  });
  addBuiltin(table, "sort", {"list", "precedes"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    const Function* precedes = a[1].function();
    if (!items || !precedes || precedes->parameters.size() != 2) return {};
    List result = *items;
    bool valid = true;
    std::stable_sort(result.begin(), result.end(), [&](const Value& x, const Value& y) {
      Value answer = precedes->call({x, y});
      if (!answer.boolean()) valid = false;
      return answer.boolean() && *answer.boolean();
    });
    if (!valid) return {};
    return result;
  });
  // One body for both signatures: positional calls reach the first, and the
  // second argument says which it is.
  for (const char* second : {"position", "match"}) {
    addBuiltin(table, "list replace", {"list", second, "newItem"}, [](const std::vector<Value>& a) -> Value {
      const List* items = list(a, 0);
      if (!items) return {};
      List result = *items;
      if (const Function* match = a[1].function()) {
        if (match->parameters.size() != 2) return {};
        for (auto& item : result) {
          Value answer = match->call({item, a[2]});
          if (!answer.boolean()) return {};
          if (*answer.boolean()) item = a[2];
        }
        return result;
      }
      auto position = integer(a, 1);
      if (!position || *position == 0) return {};
      const auto size = static_cast<std::int64_t>(items->size());
      const std::int64_t at = *position > 0 ? *position - 1 : size + *position;
      if (at < 0 || at >= size) return {};
      result[static_cast<std::size_t>(at)] = a[2];
      return result;
    });
  }
  addBuiltin(table, "is empty", {"list"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    if (!items) return {};
    return items->empty();
  });
  addBuiltin(table, "partition", {"list", "size"}, [](const std::vector<Value>& a) -> Value {
    const List* items = list(a, 0);
    auto size = integer(a, 1);
    if (!items || !size || *size <= 0) return {};
    List result;
    for (std::size_t i = 0; i < items->size(); i += static_cast<std::size_t>(*size)) {
      const auto end = std::min(items->size(), i + static_cast<std::size_t>(*size));
      result.emplace_back(
          List(items->begin() + static_cast<std::ptrdiff_t>(i), items->begin() + static_cast<std::ptrdiff_t>(end)));
    }
    return result;
  });
}

}  // namespace bpmn::feel

#include "feel/evaluator.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "feel/builtins.h"
#include "feel/temporal_operations.h"

namespace bpmn::feel {
namespace {

// Thrown inside the evaluator only, when a limit is exceeded; evaluate()
// turns it into a Status.
struct LimitExceeded {
  std::string message;
};

// Variables visible at a point: local bindings, then a context's entries,
// then the enclosing scope; the built-ins come last.
struct Scope {
  const Scope* parent = nullptr;
  const Context* entries = nullptr;
  const std::vector<std::pair<std::string, Value>>* locals = nullptr;

  const Value* find(std::string_view name) const {
    for (const Scope* scope = this; scope != nullptr; scope = scope->parent) {
      if (scope->locals) {
        for (const auto& [key, value] : *scope->locals) {
          if (key == name) return &value;
        }
      }
      if (scope->entries) {
        for (const auto& [key, value] : *scope->entries) {
          if (key == name) return &value;
        }
      }
    }
    return nullptr;
  }

  // Everything visible, innermost first, for a closure to keep.
  Context flatten() const {
    Context result;
    auto add = [&](const std::string& key, const Value& value) {
      for (const auto& [existing, unused] : result) {
        if (existing == key) return;
      }
      result.emplace_back(key, value);
    };
    for (const Scope* scope = this; scope != nullptr; scope = scope->parent) {
      if (scope->locals) {
        for (const auto& [key, value] : *scope->locals) add(key, value);
      }
      if (scope->entries) {
        for (const auto& [key, value] : *scope->entries) add(key, value);
      }
    }
    return result;
  }
};

bool mentions(const Node& node, std::string_view name) {
  if (node.kind == Node::Kind::kName && node.text == name) return true;
  return std::any_of(node.children.begin(), node.children.end(),
                     [&](const NodePtr& child) { return child && mentions(*child, name); });
}

bool referencesInput(const Node& node) { return mentions(node, "?"); }

std::optional<bool> rangeContains(const Range& range, const Value& value) {
  if (range.low) {
    auto order = compare(value, *range.low);
    if (!order) return std::nullopt;
    if (*order < 0 || (*order == 0 && !range.lowClosed)) return false;
  }
  if (range.high) {
    auto order = compare(value, *range.high);
    if (!order) return std::nullopt;
    if (*order > 0 || (*order == 0 && !range.highClosed)) return false;
  }
  return true;
}

class Evaluator {
 public:
  explicit Evaluator(const Limits& limits) : limits_(limits) {}

  Value eval(const Node& node, const Scope& scope) {
    if (++steps_ > limits_.maxSteps) {
      throw LimitExceeded{"FEEL evaluation stopped after " + std::to_string(limits_.maxSteps) + " steps"};
    }
    if (++depth_ > limits_.maxDepth) {
      throw LimitExceeded{"FEEL evaluation nested deeper than " + std::to_string(limits_.maxDepth) + " levels"};
    }
    Value result = dispatch(node, scope);
    --depth_;
    return result;
  }

  // Calls a function value with positional arguments.
  Value call(const Function& function, std::vector<Value> arguments) {
    if (function.variadic) {
      const std::size_t fixed = function.parameters.size() - 1;
      if (arguments.size() <= fixed) return {};
      List rest(std::make_move_iterator(arguments.begin() + static_cast<std::ptrdiff_t>(fixed)),
                std::make_move_iterator(arguments.end()));
      arguments.resize(fixed);
      arguments.emplace_back(std::move(rest));
    } else if (arguments.size() != function.parameters.size()) {
      return {};
    }
    return function.call(arguments);
  }

 private:
  Value dispatch(const Node& node, const Scope& scope) {
    switch (node.kind) {
      case Node::Kind::kLiteral:
        return node.value;
      case Node::Kind::kName:
        return name(node, scope);
      case Node::Kind::kNegate: {
        Value operand = eval(*node.children[0], scope);
        if (const Decimal* number = operand.number()) return -*number;
        if (auto duration = negateDuration(operand)) return *duration;
        return {};
      }
      case Node::Kind::kArithmetic:
        return arithmetic(node.text, eval(*node.children[0], scope), eval(*node.children[1], scope));
      case Node::Kind::kComparison:
        return comparison(node.text, eval(*node.children[0], scope), eval(*node.children[1], scope));
      case Node::Kind::kAnd:
        return logic(node, scope, false);
      case Node::Kind::kOr:
        return logic(node, scope, true);
      case Node::Kind::kBetween: {
        Value value = eval(*node.children[0], scope);
        Value low = eval(*node.children[1], scope);
        Value high = eval(*node.children[2], scope);
        auto lower = compare(value, low);
        auto upper = compare(value, high);
        if (!lower || !upper) return {};
        return *lower >= 0 && *upper <= 0;
      }
      case Node::Kind::kIn: {
        Value input = eval(*node.children[0], scope);
        return anyTest(node.children, 1, input, scope);
      }
      case Node::Kind::kUnaryTest: {
        const Value* input = scope.find("?");
        auto result = unaryTest(node, input ? *input : Value(), scope);
        return result ? Value(*result) : Value();
      }
      case Node::Kind::kRange:
        return range(node, scope);
      case Node::Kind::kList: {
        List items;
        items.reserve(node.children.size());
        for (const auto& child : node.children) items.push_back(eval(*child, scope));
        return items;
      }
      case Node::Kind::kContext:
        return context(node, scope);
      case Node::Kind::kPath:
        return path(eval(*node.children[0], scope), node.text);
      case Node::Kind::kFilter:
        return filter(node, scope);
      case Node::Kind::kCall:
        return invoke(node, scope);
      case Node::Kind::kIf: {
        Value condition = eval(*node.children[0], scope);
        const bool* truth = condition.boolean();
        return eval(*node.children[truth && *truth ? 1 : 2], scope);
      }
      case Node::Kind::kFor:
        return iterate(node, scope);
      case Node::Kind::kSome:
      case Node::Kind::kEvery:
        return quantify(node, scope);
      case Node::Kind::kFunction:
        return defineFunction(node, scope);
      case Node::Kind::kInstanceOf:
        return instanceOf(eval(*node.children[0], scope), node.text);
      case Node::Kind::kTemporal:
        return temporalLiteral(node.text);
    }
    return {};
  }

  Value name(const Node& node, const Scope& scope) {
    if (const Value* value = scope.find(node.text)) return *value;
    if (const auto* overloads = findBuiltin(node.text)) return overloads->front();
    return {};
  }

  static Value arithmetic(const std::string& op, const Value& a, const Value& b) {
    if (op == "+" && a.string() && b.string()) return *a.string() + *b.string();
    const Decimal* x = a.number();
    const Decimal* y = b.number();
    if (!x || !y) {
      if (auto temporal = temporalArithmetic(op, a, b)) return *temporal;
      return {};
    }
    std::optional<Decimal> result;
    if (op == "+") {
      result = *x + *y;
    } else if (op == "-") {
      result = *x - *y;
    } else if (op == "*") {
      result = *x * *y;
    } else if (op == "/") {
      result = Decimal::divide(*x, *y);
    } else if (op == "**") {
      result = Decimal::power(*x, *y);
    }
    if (!result || std::abs(result->exponent()) > Decimal::kMaxExponent) return {};
    return *result;
  }

  static Value comparison(const std::string& op, const Value& a, const Value& b) {
    if (op == "=" || op == "!=") {
      auto same = equals(a, b);
      if (!same) return {};
      return op == "=" ? *same : !*same;
    }
    auto order = compare(a, b);
    if (!order) return {};
    if (op == "<") return *order < 0;
    if (op == "<=") return *order <= 0;
    if (op == ">") return *order > 0;
    return *order >= 0;  // ">="
  }

  // Three-valued and/or (DMN 1.4 table 53): false wins for and, true for or;
  // otherwise any null (or non-boolean) makes null.
  Value logic(const Node& node, const Scope& scope, bool isOr) {
    Value left = eval(*node.children[0], scope);
    if (left.boolean() && *left.boolean() == isOr) return isOr;
    Value right = eval(*node.children[1], scope);
    if (right.boolean() && *right.boolean() == isOr) return isOr;
    if (left.boolean() && right.boolean()) return !isOr;
    return {};
  }

  Value anyTest(const std::vector<NodePtr>& tests, std::size_t first, const Value& input, const Scope& scope) {
    bool sawNull = false;
    for (std::size_t i = first; i < tests.size(); ++i) {
      auto result = unaryTest(*tests[i], input, scope);
      if (!result) {
        sawNull = true;
      } else if (*result) {
        return true;
      }
    }
    if (sawNull) return {};
    return false;
  }

  std::optional<bool> unaryTest(const Node& test, const Value& input, const Scope& scope) {
    ++steps_;
    const std::string& op = test.text;
    if (op == "any") return true;
    if (op == "not") {
      Value result = anyTest(test.children, 0, input, scope);
      if (!result.boolean()) return std::nullopt;
      return !*result.boolean();
    }
    if (op != "expr") {
      Value result = comparison(op, input, eval(*test.children[0], scope));
      if (!result.boolean()) return std::nullopt;
      return *result.boolean();
    }
    std::vector<std::pair<std::string, Value>> locals{{"?", input}};
    Scope inner{&scope, nullptr, &locals};
    Value expected = eval(*test.children[0], inner);
    if (const Range* range = expected.range()) return rangeContains(*range, input);
    if (expected.boolean() && referencesInput(*test.children[0])) return *expected.boolean();
    if (const List* items = expected.list()) {
      if (input.list() && equals(input, expected).value_or(false)) return true;
      for (const auto& item : *items) {
        if (const Range* range = item.range()) {
          if (rangeContains(*range, input).value_or(false)) return true;
        } else if (equals(item, input).value_or(false)) {
          return true;
        }
      }
      return false;
    }
    return equals(input, expected);
  }

  Value range(const Node& node, const Scope& scope) {
    auto result = std::make_shared<Range>();
    // A missing bound ((< 10) has no low end) is unbounded; an explicit
    // null bound ((null..10)) is unknown, so tests against it give null.
    if (node.children[0]) result->low = eval(*node.children[0], scope);
    if (node.children[1]) result->high = eval(*node.children[1], scope);
    result->lowClosed = result->low ? node.lowClosed : false;
    result->highClosed = result->high ? node.highClosed : false;
    if (!result->low && !result->high) return {};
    if (result->low && result->high && !result->low->isNull() && !result->high->isNull() &&
        !compare(*result->low, *result->high)) {
      return {};
    }
    return std::shared_ptr<const Range>(result);
  }

  Value context(const Node& node, const Scope& scope) {
    // Later entries see earlier ones.
    auto entries = std::vector<std::pair<std::string, Value>>();
    entries.reserve(node.names.size());
    Scope inner{&scope, nullptr, &entries};
    for (std::size_t i = 0; i < node.names.size(); ++i) {
      Value value = eval(*node.children[i], inner);
      entries.emplace_back(node.names[i], std::move(value));
    }
    return Context(std::move(entries));
  }

  Value path(const Value& target, const std::string& key) {
    if (const List* items = target.list()) {
      List projected;
      projected.reserve(items->size());
      for (const auto& item : *items) projected.push_back(path(item, key));
      return projected;
    }
    if (const Value* value = target.entry(key)) return *value;
    if (auto property = temporalProperty(target, key)) return *property;
    if (const Range* range = target.range()) {
      if (key == "start") return range->low.value_or(Value());
      if (key == "end") return range->high.value_or(Value());
      if (key == "start included") return range->lowClosed;
      if (key == "end included") return range->highClosed;
    }
    return {};
  }

  Value filter(const Node& node, const Scope& scope) {
    Value target = eval(*node.children[0], scope);
    if (target.isNull()) return {};
    const List single{target};
    const List& items = target.list() ? *target.list() : single;
    const Node& condition = *node.children[1];
    // A number selects by position (1-based, negative from the end).
    if (!referencesItem(condition)) {
      Value selector = eval(condition, scope);
      if (const Decimal* number = selector.number()) {
        auto index = number->toInt64();
        if (!index || *index == 0) return {};
        const auto size = static_cast<std::int64_t>(items.size());
        const std::int64_t position = *index > 0 ? *index - 1 : size + *index;
        if (position < 0 || position >= size) return {};
        return items[static_cast<std::size_t>(position)];
      }
      if (const bool* keep = selector.boolean()) {
        if (!*keep) return List{};
        return target.list() ? target : Value(List{target});
      }
    }
    List kept;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Value& item = items[i];
      std::vector<std::pair<std::string, Value>> locals{{"item", item}};
      Scope withItem{&scope, nullptr, &locals};
      Scope inner{&withItem, item.context(), nullptr};  // an element's own "item" entry wins
      Value result = eval(condition, inner);
      if (i == 0 && result.number() && !item.context()) {
        // A variable that holds a position: select by it.
        auto index = result.number()->toInt64();
        const auto size = static_cast<std::int64_t>(items.size());
        if (!index || *index == 0) return {};
        const std::int64_t position = *index > 0 ? *index - 1 : size + *index;
        if (position < 0 || position >= size) return {};
        return items[static_cast<std::size_t>(position)];
      }
      if (result.boolean() && *result.boolean()) kept.push_back(item);
    }
    return kept;
  }

  // Whether a filter condition can depend on the element: it names `item`
  // or any name (an element's context entry) not visible outside.
  static bool referencesItem(const Node& node) {
    if (node.kind == Node::Kind::kName) return true;
    if (node.kind == Node::Kind::kFunction) return true;
    return std::any_of(node.children.begin(), node.children.end(),
                       [](const NodePtr& child) { return child && referencesItem(*child); });
  }

  // Camunda's is defined(x): whether the variable or context entry exists,
  // even when its value is null. It looks at the argument unevaluated.
  std::optional<Value> isDefined(const Node& node, const Scope& scope) {
    const Node& callee = *node.children[0];
    if (callee.kind != Node::Kind::kName || callee.text != "is defined" || node.children.size() != 2 ||
        scope.find("is defined")) {
      return std::nullopt;
    }
    const Node& argument = *node.children[1];
    if (argument.kind == Node::Kind::kName) return Value(scope.find(argument.text) != nullptr);
    if (argument.kind == Node::Kind::kPath) {
      Value target = eval(*argument.children[0], scope);
      return Value(target.entry(argument.text) != nullptr);
    }
    return Value(!eval(argument, scope).isNull());
  }

  Value invoke(const Node& node, const Scope& scope) {
    if (auto defined = isDefined(node, scope)) return *defined;
    const Node& callee = *node.children[0];
    std::vector<Value> arguments;
    arguments.reserve(node.children.size() - 1);
    for (std::size_t i = 1; i < node.children.size(); ++i) arguments.push_back(eval(*node.children[i], scope));

    // A variable holding a function wins over a built-in of the same name.
    std::vector<Value> candidates;
    if (callee.kind == Node::Kind::kName) {
      if (const Value* value = scope.find(callee.text); value && value->function()) {
        candidates.push_back(*value);
      } else if (const auto* overloads = findBuiltin(callee.text)) {
        candidates = *overloads;
      }
    } else {
      Value value = eval(callee, scope);
      if (value.function()) candidates.push_back(value);
    }
    for (const auto& candidate : candidates) {
      const Function& function = *candidate.function();
      if (node.names.empty()) {
        const std::size_t required = function.variadic ? function.parameters.size() - 1 : function.parameters.size();
        const bool fits = function.variadic ? arguments.size() >= required : arguments.size() == required;
        if (fits || candidates.size() == 1) return call(function, arguments);
        continue;
      }
      // Named arguments: every name must be a parameter; missing ones are null.
      std::vector<Value> ordered(function.parameters.size());
      bool matches = true;
      for (std::size_t i = 0; i < node.names.size(); ++i) {
        auto it = std::find(function.parameters.begin(), function.parameters.end(), node.names[i]);
        if (it == function.parameters.end()) {
          matches = false;
          break;
        }
        ordered[static_cast<std::size_t>(it - function.parameters.begin())] = arguments[i];
      }
      if (!matches) continue;
      if (function.variadic && !ordered.back().list() && !ordered.back().isNull())
        ordered.back() = List{ordered.back()};
      if (function.variadic) return function.call(ordered);
      return call(function, ordered);
    }
    return {};
  }

  // The values a `for`/`some`/`every` variable runs over: a list, or an
  // integer range (1..3, also descending).
  std::optional<List> domain(const Value& value) {
    if (const List* items = value.list()) return *items;
    if (const Range* range = value.range()) {
      if (!range->low || !range->high) return std::nullopt;
      // Dates step a day at a time, up or down.
      if (range->low->date() && range->high->date()) {
        const std::int64_t from = daysFromCivil(*range->low->date());
        const std::int64_t to = daysFromCivil(*range->high->date());
        const std::int64_t step = from <= to ? 1 : -1;
        if (static_cast<std::size_t>((to - from) * step) >= limits_.maxListSize) {
          throw LimitExceeded{"FEEL list larger than " + std::to_string(limits_.maxListSize) + " elements"};
        }
        List items;
        for (std::int64_t day = from;; day += step) {
          items.emplace_back(civilFromDays(day));
          if (day == to) break;
        }
        return items;
      }
      if (!range->low->number() || !range->high->number()) return std::nullopt;
      const auto lowValue = range->low->number()->toInt64();
      const auto highValue = range->high->number()->toInt64();
      if (!lowValue || !highValue) return std::nullopt;
      const std::int64_t first = *lowValue;
      const std::int64_t last = *highValue;
      const std::int64_t step = first <= last ? 1 : -1;
      const auto count = static_cast<std::size_t>((last - first) * step + 1);
      if (count > limits_.maxListSize) {
        throw LimitExceeded{"FEEL list larger than " + std::to_string(limits_.maxListSize) + " elements"};
      }
      List items;
      items.reserve(count);
      for (std::int64_t i = first;; i += step) {
        items.emplace_back(Decimal(i));
        if (i == last) break;
      }
      return items;
    }
    return std::nullopt;
  }

  // Runs `body` for every combination of the iteration variables.
  template <typename Body>
  bool forEachBinding(const Node& node, const Scope& scope, std::size_t variable,
                      std::vector<std::pair<std::string, Value>>& locals, Body&& body) {
    const std::size_t variables = node.names.size();
    if (variable == variables) {
      Scope inner{&scope, nullptr, &locals};
      return body(inner);
    }
    Scope outer{&scope, nullptr, &locals};
    auto items = domain(eval(*node.children[variable], outer));
    if (!items) return false;
    for (auto& item : *items) {
      locals.emplace_back(node.names[variable], std::move(item));
      const bool more = forEachBinding(node, scope, variable + 1, locals, body);
      locals.pop_back();
      if (!more) return true;
    }
    return true;
  }

  Value iterate(const Node& node, const Scope& scope) {
    List results;
    std::vector<std::pair<std::string, Value>> locals;
    const NodePtr& body = node.children.back();
    bool valid = true;
    std::vector<std::pair<std::string, Value>> partial;
    // DMN 1.4: `partial` is the list of results so far. Copying it costs
    // O(n) per step, so only a body that names it gets it.
    const bool usesPartial = mentions(*body, "partial");
    valid = forEachBinding(node, scope, 0, locals, [&](const Scope& inner) {
      if (usesPartial) partial.assign(1, {"partial", Value(results)});
      Scope withPartial{&inner, nullptr, usesPartial ? &partial : nullptr};
      results.push_back(eval(*body, withPartial));
      if (results.size() > limits_.maxListSize) {
        throw LimitExceeded{"FEEL list larger than " + std::to_string(limits_.maxListSize) + " elements"};
      }
      return true;
    });
    if (!valid) return {};
    return results;
  }

  Value quantify(const Node& node, const Scope& scope) {
    const bool some = node.kind == Node::Kind::kSome;
    bool decided = false;
    bool sawOther = false;
    std::vector<std::pair<std::string, Value>> locals;
    const bool valid = forEachBinding(node, scope, 0, locals, [&](const Scope& inner) {
      Value result = eval(*node.children.back(), inner);
      const bool* truth = result.boolean();
      if (truth && *truth == some) {
        decided = true;
        return false;
      }
      if (!truth) sawOther = true;
      return true;
    });
    if (!valid) return {};
    if (decided) return some;
    if (sawOther) return {};
    return !some;
  }

  Value defineFunction(const Node& node, const Scope& scope) {
    auto function = std::make_shared<Function>();
    function->parameters = node.names;
    auto captured = std::make_shared<const Context>(scope.flatten());
    NodePtr body = node.children[0];
    Limits limits = limits_;
    std::vector<std::string> parameters = node.names;
    function->call = [captured, body, limits, parameters](const std::vector<Value>& arguments) -> Value {
      std::vector<std::pair<std::string, Value>> locals;
      for (std::size_t i = 0; i < parameters.size() && i < arguments.size(); ++i) {
        locals.emplace_back(parameters[i], arguments[i]);
      }
      Scope outer{nullptr, captured.get(), nullptr};
      Scope inner{&outer, nullptr, &locals};
      if (current_ != nullptr) return current_->eval(*body, inner);
      Evaluator evaluator(limits);
      return evaluator.eval(*body, inner);
    };
    return std::shared_ptr<const Function>(function);
  }

  // @"2024-02-29", @"10:30:00", @"2024-02-29T10:30:00@Europe/Paris", @"P1D".
  static Value temporalLiteral(const std::string& text) {
    const bool duration = text.starts_with("P") || text.starts_with("-P");
    if (duration) {
      if (auto months = parseYearsMonthsDuration(text)) return *months;
      if (auto span = parseDaysTimeDuration(text)) return *span;
      return {};
    }
    if (text.find('T') != std::string::npos) {
      auto dateTime = parseDateTime(text);
      return dateTime ? Value(*dateTime) : Value();
    }
    if (text.find(':') != std::string::npos) {
      auto time = parseTime(text);
      return time ? Value(*time) : Value();
    }
    auto date = parseDate(text);
    return date ? Value(*date) : Value();
  }

  static Value instanceOf(const Value& value, const std::string& type) {
    if (type == "Any") return !value.isNull();
    if (type == "Null") return value.isNull();
    if (type.starts_with("list")) return value.list() != nullptr;
    if (type.starts_with("context")) return value.context() != nullptr;
    if (type.starts_with("function")) return value.function() != nullptr;
    if (type.starts_with("range")) {
      const Range* range = value.range();
      if (!range) return false;
      if (type.size() > 6 && type[5] == '<') {  // range<number>: check the bounds' type
        const std::string inner = type.substr(6, type.size() - 7);
        for (const auto& bound : {range->low, range->high}) {
          if (bound && !bound->isNull() && !instanceOf(*bound, inner).boolean()) return false;
          if (bound && !bound->isNull() && !*instanceOf(*bound, inner).boolean()) return false;
        }
      }
      return true;
    }
    return !value.isNull() && kindName(value.kind()) == type;
  }

 public:
  static thread_local Evaluator* current_;

 private:
  Limits limits_;
  std::size_t steps_ = 0;
  int depth_ = 0;
};

thread_local Evaluator* Evaluator::current_ = nullptr;
thread_local const Environment* currentEnvironment = nullptr;

}  // namespace

std::int64_t currentTimeMillis() {
  if (currentEnvironment && currentEnvironment->nowMillis) return currentEnvironment->nowMillis();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::uint64_t currentRandomBits() {
  if (currentEnvironment && currentEnvironment->randomBits) return currentEnvironment->randomBits();
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  return generator();
}

Result<Value> evaluate(const Node& node, const Context& variables, const Limits& limits,
                       const Environment& environment) {
  Evaluator evaluator(limits);
  Evaluator* previous = Evaluator::current_;
  Evaluator::current_ = &evaluator;
  const Environment* previousEnvironment = currentEnvironment;
  currentEnvironment = &environment;
  struct Restore {
    const Environment* saved;
    ~Restore() { currentEnvironment = saved; }
  } restore{previousEnvironment};
  Scope root{nullptr, &variables, nullptr};
  try {
    Value result = evaluator.eval(node, root);
    Evaluator::current_ = previous;
    return result;
  } catch (const LimitExceeded& exceeded) {
    Evaluator::current_ = previous;
    return Status::invalidArgument(exceeded.message);
  }
}

}  // namespace bpmn::feel

// Boolean, context and conversion-neutral functions (DMN 1.4 §10.3.4.2,
// §10.3.4.8) and Camunda's get or else, context put and context merge.
#include "feel/builtin_support.h"
#include "feel/builtins.h"

namespace bpmn::feel {

using support::list;
using support::string;

namespace {

// context put with a path of keys: replaces or adds the innermost entry,
// creating nothing on the way (every key but the last must name a context).
Value putPath(const Value& target, const List& keys, std::size_t depth, const Value& value) {
  const Context* entries = target.context();
  const std::string* key = keys[depth].string();
  if (!entries || !key) return {};
  Context result = *entries;
  const bool last = depth + 1 == keys.size();
  for (auto& [existing, current] : result) {
    if (existing != *key) continue;
    current = last ? value : putPath(current, keys, depth + 1, value);
    if (current.isNull() && !last) return {};
    return result;
  }
  if (!last) return {};
  result.emplace_back(*key, value);
  return result;
}

}  // namespace

void registerContextFunctions(BuiltinTable& table) {
  addBuiltin(table, "is", {"value1", "value2"}, [](const std::vector<Value>& a) -> Value {
    // Same kind and equal (DMN 1.4 §10.3.4.10).
    if (a[0].kind() != a[1].kind()) return false;
    // Temporal values are the same only with the same offset or zone, not
    // merely at the same instant.
    if (const Time* time = a[0].time()) return *time == *a[1].time();
    if (const DateTime* dateTime = a[0].dateTime()) return *dateTime == *a[1].dateTime();
    return equals(a[0], a[1]).value_or(false);
  });
  addBuiltin(table, "not", {"negand"}, [](const std::vector<Value>& a) -> Value {
    const bool* value = a[0].boolean();
    if (!value) return {};
    return !*value;
  });
  addBuiltin(table, "get value", {"m", "key"}, [](const std::vector<Value>& a) -> Value {
    const std::string* key = string(a, 1);
    if (!key || !a[0].context()) return {};
    const Value* value = a[0].entry(*key);
    return value ? *value : Value();
  });
  addBuiltin(table, "get entries", {"m"}, [](const std::vector<Value>& a) -> Value {
    const Context* entries = a[0].context();
    if (!entries) return {};
    List result;
    for (const auto& [key, value] : *entries) result.emplace_back(Context{{"key", Value(key)}, {"value", value}});
    return result;
  });
  addBuiltin(table, "context", {"entries"}, [](const std::vector<Value>& a) -> Value {
    const auto entries = support::listOrSingleton(a, 0);
    if (!entries) return {};
    Context result;
    for (const auto& entry : *entries) {
      const Value* key = entry.entry("key");
      const Value* value = entry.entry("value");
      if (!key || !key->string() || !value) return {};
      for (const auto& [existing, unused] : result) {
        if (existing == *key->string()) return {};
      }
      result.emplace_back(*key->string(), *value);
    }
    return result;
  });
  for (const char* second : {"key", "keys"}) {
    addBuiltin(table, "context put", {"context", second, "value"}, [](const std::vector<Value>& a) -> Value {
      if (const std::string* key = string(a, 1)) return putPath(a[0], List{*key}, 0, a[2]);
      const List* keys = list(a, 1);
      if (!keys || keys->empty()) return {};
      return putPath(a[0], *keys, 0, a[2]);
    });
  }
  addBuiltin(table, "context merge", {"contexts"}, [](const std::vector<Value>& a) -> Value {
    const auto contexts = support::listOrSingleton(a, 0);
    if (!contexts) return {};
    Context result;
    for (const auto& item : *contexts) {
      if (!item.context()) return {};
      for (const auto& [key, value] : *item.context()) {
        bool replaced = false;
        for (auto& [existing, current] : result) {
          if (existing == key) {
            current = value;
            replaced = true;
          }
        }
        if (!replaced) result.emplace_back(key, value);
      }
    }
    return result;
  });
  addBuiltin(table, "get or else", {"value", "default"},
             [](const std::vector<Value>& a) -> Value { return a[0].isNull() ? a[1] : a[0]; });
}

}  // namespace bpmn::feel

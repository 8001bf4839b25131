#include "feel/builtins.h"

namespace bpmn::feel {
namespace {

const BuiltinTable& table() {
  static const BuiltinTable built = [] {
    BuiltinTable result;
    registerConversionFunctions(result);
    registerStringFunctions(result);
    registerListFunctions(result);
    registerNumericFunctions(result);
    registerContextFunctions(result);
    registerTemporalFunctions(result);
    registerRangeFunctions(result);
    return result;
  }();
  return built;
}

}  // namespace

void addBuiltin(BuiltinTable& table, std::string name, std::vector<std::string> parameters,
                std::function<Value(const std::vector<Value>&)> call, bool variadic) {
  auto function = std::make_shared<Function>();
  function->name = name;
  function->parameters = std::move(parameters);
  function->variadic = variadic;
  function->call = std::move(call);
  table[name].emplace_back(std::shared_ptr<const Function>(function));
}

const std::vector<Value>* findBuiltin(std::string_view name) {
  auto it = table().find(name);
  return it == table().end() ? nullptr : &it->second;
}

const std::set<std::string, std::less<>>& builtinNames() {
  static const std::set<std::string, std::less<>> names = [] {
    std::set<std::string, std::less<>> result;
    for (const auto& [name, overloads] : table()) result.insert(name);
    return result;
  }();
  return names;
}

}  // namespace bpmn::feel

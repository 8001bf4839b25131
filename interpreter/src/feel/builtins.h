// The built-in function library (DMN 1.4 §10.3.4 and Camunda's extensions),
// one file per family: builtins_conversion.cpp, builtins_string.cpp,
// builtins_list.cpp, builtins_numeric.cpp, builtins_context.cpp,
// builtins_temporal.cpp, builtins_range.cpp. Built once on
// first use; immutable afterwards, so safe to share between threads.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bpmn/feel/value.h"

namespace bpmn::feel {

// name -> overloads (different parameter lists, e.g. substring with and
// without length).
using BuiltinTable = std::map<std::string, std::vector<Value>, std::less<>>;

// The overloads of a built-in, or null.
const std::vector<Value>* findBuiltin(std::string_view name);
// Every built-in name (for the parser's names with spaces).
const std::set<std::string, std::less<>>& builtinNames();

// Helpers for the family files.
void addBuiltin(BuiltinTable& table, std::string name, std::vector<std::string> parameters,
                std::function<Value(const std::vector<Value>&)> call, bool variadic = false);

void registerConversionFunctions(BuiltinTable& table);
void registerStringFunctions(BuiltinTable& table);
void registerListFunctions(BuiltinTable& table);
void registerNumericFunctions(BuiltinTable& table);
void registerContextFunctions(BuiltinTable& table);
void registerTemporalFunctions(BuiltinTable& table);
void registerRangeFunctions(BuiltinTable& table);

}  // namespace bpmn::feel

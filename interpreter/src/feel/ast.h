// The FEEL syntax tree the parser builds and the evaluator walks. One node
// struct discriminated by kind, shared and immutable once built (function
// values keep their body alive after the expression that defined them).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bpmn/feel/value.h"

namespace bpmn::feel {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node {
  enum class Kind {
    kLiteral,     // value
    kName,        // text
    kNegate,      // children[0]
    kArithmetic,  // text: + - * / **; children[0], children[1]
    kComparison,  // text: = != < <= > >=
    kAnd,
    kOr,
    kBetween,    // children: value, low, high
    kIn,         // children: value, then unary tests
    kUnaryTest,  // text: < <= > >= = != (children[0]); "range" (children[0] is a range); "not" (children:
                 // tests); "any"; "expr" (children[0], compared to the input or a boolean over `?`)
    kRange,      // children[0] low, children[1] high (either may be null); lowClosed, highClosed
    kList,       // children
    kContext,    // names[i]: children[i]
    kPath,       // children[0] . text
    kFilter,     // children[0] [ children[1] ]
    kCall,       // children[0] callee, children[1..] arguments; names: argument names when named
    kIf,         // condition, then, else
    kFor,        // names: variables; children: domains..., body
    kSome,       // names: variables; children: domains..., condition
    kEvery,
    kFunction,    // names: parameters; children[0]: body
    kInstanceOf,  // children[0]; text: the type
    kTemporal,    // text: the inside of an @"..." literal
  };

  Kind kind = Kind::kLiteral;
  Value value;
  std::string text;
  std::vector<std::string> names;
  std::vector<NodePtr> children;
  bool lowClosed = true;
  bool highClosed = true;
  int column = 1;
  int depth = 1;  // levels from this node down to its deepest leaf
};

// The depth of a node with these children. Parsers refuse trees deeper than
// limits::kFeelNesting, so every walk over a tree (evaluation, destruction)
// stays within the stack.
inline int depthWith(const std::vector<NodePtr>& children) {
  int deepest = 0;
  for (const auto& child : children) {
    if (child && child->depth > deepest) deepest = child->depth;
  }
  return deepest + 1;
}

}  // namespace bpmn::feel

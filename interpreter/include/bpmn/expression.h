// FEEL expressions: compile once (at deploy), evaluate many times (at every
// gateway, mapping and key). The text is FEEL without Zeebe's leading "="
// (strip it first). Compiling reports syntax errors as
// "FEEL syntax error at column N: expected ..., found ...". Evaluation is
// pure and bounded by limits; type errors give null, as FEEL says.
// A compiled expression is immutable and safe to evaluate from several
// threads at once.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "bpmn/feel/value.h"
#include "bpmn/status.h"

namespace bpmn {

struct EvaluationLimits {
  std::size_t maxSteps = 1'000'000;
  int maxDepth = 256;
  std::size_t maxListSize = 1'000'000;
};

// The outside world for now(), today(), random number() and uuid(); unset
// members use the system clock and a random device. The engine passes its
// (possibly virtual) clock here.
struct EvaluationEnvironment {
  std::function<std::int64_t()> nowMillis;
  std::function<std::uint64_t()> randomBits;
};

class FeelExpression {
 public:
  // `knownNames`: variable names with spaces to recognise ("order total").
  static Result<FeelExpression> compile(std::string_view text,
                                        const std::set<std::string, std::less<>>& knownNames = {});
  // A Camunda 7 / Flowable condition `${...}`, translated to FEEL; anything
  // outside the common subset is refused with an error that names it.
  static Result<FeelExpression> compileJuel(std::string_view text);
  // FEEL with Zeebe's leading "=", or JUEL `${...}`, or a bare FEEL text:
  // what a condition in a model may hold.
  static Result<FeelExpression> compileCondition(std::string_view text);

  // A list of unary tests ("< 10, > 20", "-"), evaluated against an input.
  static Result<FeelExpression> compileUnaryTests(std::string_view text,
                                                  const std::set<std::string, std::less<>>& knownNames = {});

  // The value; an error only when a limit stops the evaluation. Unary tests
  // read their input from the variable "?".
  Result<feel::Value> evaluate(const feel::Context& variables, const EvaluationLimits& limits = {},
                               const EvaluationEnvironment& environment = {}) const;

  const std::string& text() const { return text_; }

 private:
  struct Tree;
  FeelExpression(std::string text, std::shared_ptr<const Tree> tree);

  std::string text_;
  std::shared_ptr<const Tree> tree_;
};

}  // namespace bpmn

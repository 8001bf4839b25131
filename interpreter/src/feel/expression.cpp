#include "bpmn/expression.h"

#include "feel/evaluator.h"
#include "feel/juel.h"
#include "feel/parser.h"

namespace bpmn {

struct FeelExpression::Tree {
  feel::NodePtr root;
};

FeelExpression::FeelExpression(std::string text, std::shared_ptr<const Tree> tree)
    : text_(std::move(text)), tree_(std::move(tree)) {}

Result<FeelExpression> FeelExpression::compile(std::string_view text,
                                               const std::set<std::string, std::less<>>& knownNames) {
  auto root = feel::parseExpression(text, knownNames);
  if (!root.isOk()) return root.status();
  return FeelExpression(std::string(text), std::make_shared<const Tree>(Tree{root.value()}));
}

Result<FeelExpression> FeelExpression::compileJuel(std::string_view text) {
  auto root = feel::translateJuel(text);
  if (!root.isOk()) return root.status();
  return FeelExpression(std::string(text), std::make_shared<const Tree>(Tree{root.value()}));
}

Result<FeelExpression> FeelExpression::compileCondition(std::string_view text) {
  if (feel::isJuel(text)) return compileJuel(text);
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin != std::string_view::npos && text[begin] == '=') return compile(text.substr(begin + 1));
  return compile(text);
}

Result<FeelExpression> FeelExpression::compileUnaryTests(std::string_view text,
                                                         const std::set<std::string, std::less<>>& knownNames) {
  auto root = feel::parseUnaryTests(text, knownNames);
  if (!root.isOk()) return root.status();
  return FeelExpression(std::string(text), std::make_shared<const Tree>(Tree{root.value()}));
}

Result<feel::Value> FeelExpression::evaluate(const feel::Context& variables, const EvaluationLimits& limits,
                                             const EvaluationEnvironment& environment) const {
  return feel::evaluate(*tree_->root, variables, feel::Limits{limits.maxSteps, limits.maxDepth, limits.maxListSize},
                        feel::Environment{environment.nowMillis, environment.randomBits});
}

}  // namespace bpmn

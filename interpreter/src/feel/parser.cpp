#include "feel/parser.h"

#include <algorithm>

#include "bpmn/limits.h"
#include "feel/builtins.h"
#include "feel/lexer.h"

namespace bpmn::feel {
namespace {

bool isKeyword(std::string_view word) {
  static const std::set<std::string_view> kKeywords = {
      "and", "or",     "not",  "true",  "false",     "null",    "if",       "then", "else",    "for",
      "in",  "return", "some", "every", "satisfies", "between", "instance", "of",   "function"};
  return kKeywords.count(word) > 0;
}

class ParseFailure {
 public:
  std::string message;
};

class Parser {
 public:
  Parser(std::vector<Token> tokens, const std::set<std::string, std::less<>>& knownNames)
      : tokens_(std::move(tokens)), knownNames_(knownNames) {}

  NodePtr expressionOnly() {
    NodePtr node = expression();
    expectEnd();
    return node;
  }

  NodePtr unaryTestsOnly() {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::kIn;
    node->column = peek().column;
    auto input = std::make_shared<Node>();
    input->kind = Node::Kind::kName;
    input->text = "?";
    node->children.push_back(input);
    do {
      node->children.push_back(unaryTest());
    } while (acceptSymbol(","));
    expectEnd();
    return seal(node);
  }

 private:
  // --- token helpers
  const Token& peek(std::size_t ahead = 0) const { return tokens_[std::min(position_ + ahead, tokens_.size() - 1)]; }
  const Token& next() {
    const Token& token = tokens_[position_];
    if (position_ + 1 < tokens_.size()) ++position_;
    return token;
  }
  bool isSymbol(std::string_view symbol, std::size_t ahead = 0) const {
    return peek(ahead).kind == Token::Kind::kSymbol && peek(ahead).text == symbol;
  }
  bool isWord(std::string_view word, std::size_t ahead = 0) const {
    return peek(ahead).kind == Token::Kind::kName && peek(ahead).text == word;
  }
  bool acceptSymbol(std::string_view symbol) {
    if (!isSymbol(symbol)) return false;
    next();
    return true;
  }
  bool acceptWord(std::string_view word) {
    if (!isWord(word)) return false;
    next();
    return true;
  }
  [[noreturn]] void fail(const std::string& expected) const {
    throw ParseFailure{"FEEL syntax error at column " + std::to_string(peek().column) + ": expected " + expected +
                       ", found " + describe(peek())};
  }
  void expectSymbol(std::string_view symbol) {
    if (!acceptSymbol(symbol)) fail("\"" + std::string(symbol) + "\"");
  }
  void expectWord(std::string_view word) {
    if (!acceptWord(word)) fail("\"" + std::string(word) + "\"");
  }
  void expectEnd() {
    if (peek().kind != Token::Kind::kEnd) fail("end of input");
  }

  NodePtr make(Node::Kind kind, int column, std::vector<NodePtr> children = {}, std::string text = {}) const {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->column = column;
    node->children = std::move(children);
    node->text = std::move(text);
    return seal(std::move(node));
  }
  // A node whose children are all there: its depth, within the limit.
  NodePtr seal(std::shared_ptr<Node> node) const {
    node->depth = depthWith(node->children);
    if (node->depth > limits::kFeelNesting) tooDeep(node->column);
    return node;
  }
  [[noreturn]] static void tooDeep(int column) {
    throw ParseFailure{"FEEL expression nested deeper than " + std::to_string(limits::kFeelNesting) +
                       " levels at column " + std::to_string(column)};
  }
  // Held by each recursive rule: the parser's own stack stays bounded too.
  class Nested {
   public:
    explicit Nested(Parser& parser) : parser_(parser) {
      if (++parser_.nesting_ > limits::kFeelNesting) tooDeep(parser_.peek().column);
    }
    ~Nested() { --parser_.nesting_; }
    Nested(const Nested&) = delete;
    Nested& operator=(const Nested&) = delete;

   private:
    Parser& parser_;
  };

  // A name, possibly of several words when the words together name a
  // built-in or a declared variable ("string length", "date and time").
  std::string name(bool allowKeywords = false) {
    if (peek().kind == Token::Kind::kBacktickName) return next().text;
    if (peek().kind != Token::Kind::kName || (!allowKeywords && isKeyword(peek().text))) fail("a name");
    std::string best = peek().text;
    std::size_t bestLength = 1;
    std::string candidate = peek().text;
    for (std::size_t ahead = 1; peek(ahead).kind == Token::Kind::kName; ++ahead) {
      candidate += " " + peek(ahead).text;
      if (builtinNames().count(candidate) || knownNames_.count(candidate) || candidate == "is defined") {
        best = candidate;
        bestLength = ahead + 1;
      }
    }
    for (std::size_t i = 0; i < bestLength; ++i) next();
    return best;
  }

  bool startsMultiWordName() const {
    if (peek().kind != Token::Kind::kName) return false;
    std::string candidate = peek().text;
    for (std::size_t ahead = 1; peek(ahead).kind == Token::Kind::kName; ++ahead) {
      candidate += " " + peek(ahead).text;
      if (builtinNames().count(candidate) || knownNames_.count(candidate)) return true;
    }
    return false;
  }

  // --- grammar
  NodePtr expression() {
    Nested nested(*this);
    const int column = peek().column;
    if (isWord("if")) {
      next();
      NodePtr condition = expression();
      expectWord("then");
      NodePtr then = expression();
      expectWord("else");
      NodePtr otherwise = expression();
      return make(Node::Kind::kIf, column, {condition, then, otherwise});
    }
    if (isWord("for") && !startsMultiWordName()) {
      next();
      auto node = std::make_shared<Node>();
      node->kind = Node::Kind::kFor;
      node->column = column;
      iterationContexts(*node);
      expectWord("return");
      node->children.push_back(expression());
      return seal(node);
    }
    if ((isWord("some") || isWord("every")) && !startsMultiWordName()) {
      const bool some = next().text == "some";
      auto node = std::make_shared<Node>();
      node->kind = some ? Node::Kind::kSome : Node::Kind::kEvery;
      node->column = column;
      iterationContexts(*node);
      expectWord("satisfies");
      node->children.push_back(expression());
      return seal(node);
    }
    if (isWord("function") && isSymbol("(", 1)) {
      next();
      next();
      auto node = std::make_shared<Node>();
      node->kind = Node::Kind::kFunction;
      node->column = column;
      if (!isSymbol(")")) {
        do {
          node->names.push_back(name());
          if (acceptSymbol(":")) typeName();  // parameter types are not checked
        } while (acceptSymbol(","));
      }
      expectSymbol(")");
      if (isWord("external")) fail("a FEEL function body (external functions are not supported)");
      node->children.push_back(expression());
      return seal(node);
    }
    return disjunction();
  }

  void iterationContexts(Node& node) {
    do {
      node.names.push_back(name());
      expectWord("in");
      NodePtr domain = expression();
      if (isSymbol("..")) {
        const int column = peek().column;
        next();
        NodePtr high = expression();
        auto range = make(Node::Kind::kRange, column, {domain, high});
        domain = range;
      }
      node.children.push_back(domain);
    } while (acceptSymbol(","));
  }

  NodePtr disjunction() {
    NodePtr left = conjunction();
    while (isWord("or")) {
      const int column = next().column;
      left = make(Node::Kind::kOr, column, {left, conjunction()});
    }
    return left;
  }

  NodePtr conjunction() {
    NodePtr left = comparison();
    while (isWord("and")) {
      const int column = next().column;
      left = make(Node::Kind::kAnd, column, {left, comparison()});
    }
    return left;
  }

  NodePtr comparison() {
    NodePtr left = additive();
    while (true) {
      const int column = peek().column;
      if (peek().kind == Token::Kind::kSymbol && (peek().text == "=" || peek().text == "!=" || peek().text == "<" ||
                                                  peek().text == "<=" || peek().text == ">" || peek().text == ">=")) {
        const std::string op = next().text;
        left = make(Node::Kind::kComparison, column, {left, additive()}, op);
      } else if (isWord("between")) {
        next();
        NodePtr low = additive();
        expectWord("and");
        NodePtr high = additive();
        left = make(Node::Kind::kBetween, column, {left, low, high});
      } else if (isWord("in")) {
        next();
        auto node = make(Node::Kind::kIn, column, {left});
        auto& tests = const_cast<Node&>(*node).children;
        if (isSymbol("(") && !looksLikeRangeAt(0)) {
          next();
          do {
            tests.push_back(unaryTest());
          } while (acceptSymbol(","));
          expectSymbol(")");
        } else {
          tests.push_back(unaryTest());
        }
        left = seal(std::const_pointer_cast<Node>(node));
      } else if (isWord("instance") && isWord("of", 1)) {
        next();
        next();
        left = make(Node::Kind::kInstanceOf, column, {left}, typeName());
      } else {
        return left;
      }
    }
  }

  // Whether the '(' or '[' here opens a range like (1..5]: a '..' comes
  // before the matching close at depth one.
  bool looksLikeRangeAt(std::size_t ahead) const {
    int depth = 0;
    for (std::size_t i = ahead;; ++i) {
      const Token& token = peek(i);
      if (token.kind == Token::Kind::kEnd) return false;
      if (token.kind != Token::Kind::kSymbol) continue;
      if (token.text == "(" || token.text == "[" || token.text == "{") {
        ++depth;
      } else if (token.text == ")" || token.text == "]" || token.text == "}") {
        if (--depth <= 0) {
          // "(1..5]" and "[1..5)" close with the other bracket.
          return false;
        }
      } else if (token.text == ".." && depth == 1) {
        return true;
      } else if (token.text == "," && depth == 1) {
        return false;
      }
    }
  }

  NodePtr unaryTest() {
    Nested nested(*this);
    const int column = peek().column;
    if (peek().kind == Token::Kind::kSymbol && (peek().text == "<" || peek().text == "<=" || peek().text == ">" ||
                                                peek().text == ">=" || peek().text == "=" || peek().text == "!=")) {
      const std::string op = next().text;
      return make(Node::Kind::kUnaryTest, column, {additive()}, op);
    }
    if (isSymbol("-") && (peek(1).kind == Token::Kind::kEnd || isSymbol(",", 1) || isSymbol(")", 1))) {
      next();
      return make(Node::Kind::kUnaryTest, column, {}, "any");
    }
    if (isWord("not") && isSymbol("(", 1)) {
      // not(1, 2) negates tests; not(x) of a boolean is the function, which
      // the "expr" form below evaluates the same way.
      const std::size_t save = position_;
      next();
      next();
      std::vector<NodePtr> tests;
      do {
        tests.push_back(unaryTest());
      } while (acceptSymbol(","));
      if (acceptSymbol(")") && (peek().kind == Token::Kind::kEnd || isSymbol(",") || isSymbol(")"))) {
        return make(Node::Kind::kUnaryTest, column, std::move(tests), "not");
      }
      position_ = save;
    }
    return make(Node::Kind::kUnaryTest, column, {expression()}, "expr");
  }

  NodePtr additive() {
    NodePtr left = multiplicative();
    while (isSymbol("+") || isSymbol("-")) {
      const Token& token = next();
      left = make(Node::Kind::kArithmetic, token.column, {left, multiplicative()}, token.text);
    }
    return left;
  }

  NodePtr multiplicative() {
    NodePtr left = exponentiation();
    while (isSymbol("*") || isSymbol("/")) {
      const Token& token = next();
      left = make(Node::Kind::kArithmetic, token.column, {left, exponentiation()}, token.text);
    }
    return left;
  }

  NodePtr exponentiation() {
    NodePtr left = unary();
    while (isSymbol("**")) {
      const Token& token = next();
      left = make(Node::Kind::kArithmetic, token.column, {left, unary()}, "**");
    }
    return left;
  }

  NodePtr unary() {
    if (isSymbol("-")) {
      Nested nested(*this);
      const int column = next().column;
      return make(Node::Kind::kNegate, column, {unary()});
    }
    return postfix();
  }

  NodePtr postfix() {
    NodePtr node = primary();
    while (true) {
      const int column = peek().column;
      if (isSymbol(".")) {
        next();
        node = make(Node::Kind::kPath, column, {node}, propertyName());
      } else if (isSymbol("[") && !(inRangeBound_ && closesRange(1))) {
        next();
        NodePtr filter = expression();
        expectSymbol("]");
        node = make(Node::Kind::kFilter, column, {node, filter});
      } else if (isSymbol("(")) {
        next();
        auto call = std::make_shared<Node>();
        call->kind = Node::Kind::kCall;
        call->column = column;
        call->children.push_back(node);
        if (!isSymbol(")")) {
          const bool named = namedArgumentAhead();
          do {
            if (named) {
              call->names.push_back(argumentName());
              expectSymbol(":");
            }
            call->children.push_back(expression());
          } while (acceptSymbol(","));
        }
        expectSymbol(")");
        node = seal(call);
      } else {
        return node;
      }
    }
  }

  // A path's key: a name, or one of the properties with a space.
  std::string propertyName() {
    static const std::set<std::string, std::less<>> kProperties = {"time offset", "start included", "end included"};
    if (peek().kind == Token::Kind::kName && peek(1).kind == Token::Kind::kName &&
        kProperties.count(peek().text + " " + peek(1).text)) {
      std::string result = next().text;
      return result + " " + next().text;
    }
    return name(true);
  }

  // The words before a named argument's ':' ("start position").
  std::string argumentName() {
    if (peek().kind == Token::Kind::kBacktickName) return next().text;
    std::string result = next().text;
    while (peek().kind == Token::Kind::kName) result += " " + next().text;
    return result;
  }

  // Whether the token `ahead` cannot start an expression, so a '[' before it
  // closes a range ("[1..10[ = x") instead of opening a filter.
  bool closesRange(std::size_t ahead) const {
    const Token& token = peek(ahead);
    if (token.kind == Token::Kind::kEnd) return true;
    if (token.kind == Token::Kind::kSymbol) {
      return token.text != "(" && token.text != "[" && token.text != "{" && token.text != "-" && token.text != "?";
    }
    if (token.kind == Token::Kind::kName) {
      static const std::set<std::string_view> kFollowers = {"and",       "or", "then",    "else",    "return",
                                                            "satisfies", "in", "between", "instance"};
      return kFollowers.count(token.text) > 0;
    }
    return false;
  }

  // name ':' (or several words then ':') starts a named argument.
  bool namedArgumentAhead() const {
    std::size_t ahead = 0;
    if (peek().kind == Token::Kind::kBacktickName) return isSymbol(":", 1);
    while (peek(ahead).kind == Token::Kind::kName) ++ahead;
    return ahead > 0 && isSymbol(":", ahead);
  }

  NodePtr primary() {
    const Token& token = peek();
    const int column = token.column;
    switch (token.kind) {
      case Token::Kind::kNumber: {
        next();
        auto node = make(Node::Kind::kLiteral, column);
        auto number = Decimal::parse(token.text);
        if (!number) fail("a number within range");
        const_cast<Node&>(*node).value = *number;
        return node;
      }
      case Token::Kind::kString: {
        auto node = make(Node::Kind::kLiteral, column);
        const_cast<Node&>(*node).value = next().text;
        return node;
      }
      case Token::Kind::kTemporal:
        return make(Node::Kind::kTemporal, column, {}, next().text);
      case Token::Kind::kBacktickName:
        return make(Node::Kind::kName, column, {}, next().text);
      case Token::Kind::kName: {
        if (token.text == "true" || token.text == "false" || token.text == "null") {
          next();
          auto node = make(Node::Kind::kLiteral, column);
          if (token.text != "null") const_cast<Node&>(*node).value = token.text == "true";
          return node;
        }
        if (token.text == "not" && isSymbol("(", 1)) {
          next();
          return make(Node::Kind::kName, column, {}, "not");
        }
        if (token.text == "function" && isSymbol("(", 1)) return expression();
        if ((token.text == "if" || token.text == "for" || token.text == "some" || token.text == "every") &&
            !startsMultiWordName()) {
          return expression();
        }
        return make(Node::Kind::kName, column, {}, name());
      }
      case Token::Kind::kSymbol:
        break;
      case Token::Kind::kEnd:
        fail("an expression");
    }
    if (token.text == "?") {
      next();
      return make(Node::Kind::kName, column, {}, "?");
    }
    if (token.text == "(" && peek(1).kind == Token::Kind::kSymbol &&
        (peek(1).text == "<" || peek(1).text == "<=" || peek(1).text == ">" || peek(1).text == ">=" ||
         peek(1).text == "=")) {
      // DMN 1.4: a unary comparison in parentheses is a range, (< 10) = (null..10).
      next();
      const std::string op = next().text;
      NodePtr bound = expression();
      expectSymbol(")");
      auto node = std::make_shared<Node>();
      node->kind = Node::Kind::kRange;
      node->column = column;
      node->children = {op[0] == '>' || op == "=" ? bound : nullptr, op[0] == '<' || op == "=" ? bound : nullptr};
      node->lowClosed = op == ">=" || op == "=";
      node->highClosed = op == "<=" || op == "=";
      return seal(node);
    }
    if (token.text == "(") {
      if (looksLikeRangeAt(0)) return range();
      next();
      NodePtr inner = expression();
      expectSymbol(")");
      return inner;
    }
    if (token.text == "]") return range();
    if (token.text == "[") {
      if (looksLikeRangeAt(0)) return range();
      next();
      auto list = make(Node::Kind::kList, column);
      if (!isSymbol("]")) {
        do {
          const_cast<Node&>(*list).children.push_back(expression());
        } while (acceptSymbol(","));
      }
      expectSymbol("]");
      return seal(std::const_pointer_cast<Node>(list));
    }
    if (token.text == "{") return context();
    fail("an expression");
  }

  // [a..b], (a..b), ]a..b[, and the mixes.
  NodePtr range() {
    const Token& open = next();
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::kRange;
    node->column = open.column;
    node->lowClosed = open.text == "[";
    node->children.push_back(expression());
    expectSymbol("..");
    inRangeBound_ = true;
    node->children.push_back(expression());
    inRangeBound_ = false;
    if (isSymbol("]")) {
      node->highClosed = true;
    } else if (isSymbol(")") || isSymbol("[")) {
      node->highClosed = false;
    } else {
      fail("\"]\" or \")\"");
    }
    next();
    return seal(node);
  }

  NodePtr context() {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::kContext;
    node->column = next().column;
    std::set<std::string, std::less<>> keys;
    if (!isSymbol("}")) {
      do {
        std::string key;
        if (peek().kind == Token::Kind::kString || peek().kind == Token::Kind::kBacktickName) {
          key = next().text;
        } else {
          // A key is any run of words up to the colon ("first name").
          if (peek().kind != Token::Kind::kName) fail("a context key");
          key = next().text;
          while (peek().kind == Token::Kind::kName ||
                 (peek().kind == Token::Kind::kSymbol && !isSymbol(":") && peek().text != "," && peek().text != "}")) {
            const Token& part = next();
            key += (part.spaceBefore ? " " : "") + part.text;
          }
        }
        if (!keys.insert(key).second) {
          fail("a key not used before in this context (\"" + key + "\" repeats)");
        }
        expectSymbol(":");
        node->names.push_back(key);
        node->children.push_back(expression());
      } while (acceptSymbol(","));
    }
    expectSymbol("}");
    return seal(node);
  }

  // A type for `instance of` and typed parameters: names with spaces
  // ("date and time"), list<T>, context<k: T>, function<T>->T.
  std::string typeName() {
    Nested nested(*this);
    std::string type;
    if (peek().kind != Token::Kind::kName) fail("a type");
    type = next().text;
    while (peek().kind == Token::Kind::kName && !isKeyword(peek().text)) type += " " + next().text;
    // "date and time" and "days and time duration" contain "and".
    while (isWord("and") && peek(1).kind == Token::Kind::kName) {
      const std::string candidate = type + " and " + peek(1).text;
      if (candidate != "date and time" && candidate != "days and time" && candidate != "years and months") break;
      next();
      type += " and " + next().text;
      while (peek().kind == Token::Kind::kName && !isKeyword(peek().text)) type += " " + next().text;
    }
    if (isSymbol("<")) {
      int depth = 0;
      do {
        const Token& token = next();
        if (token.kind == Token::Kind::kEnd) fail("\">\"");
        if (token.text == "<") ++depth;
        if (token.text == ">") --depth;
        type += (token.spaceBefore && !type.empty() && type.back() != '<' ? " " : "") + token.text;
      } while (depth > 0);
      if (isSymbol("->")) {
        next();
        type += "->" + typeName();
      }
    }
    return type;
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
  bool inRangeBound_ = false;
  int nesting_ = 0;
  const std::set<std::string, std::less<>>& knownNames_;
};

template <typename Body>
Result<NodePtr> run(std::string_view text, const std::set<std::string, std::less<>>& knownNames, Body body) {
  auto tokens = tokenize(text);
  if (!tokens.isOk()) return tokens.status();
  Parser parser(std::move(tokens.value()), knownNames);
  try {
    return body(parser);
  } catch (const ParseFailure& failure) {
    return Status::parseError(failure.message);
  }
}

}  // namespace

Result<NodePtr> parseExpression(std::string_view text, const std::set<std::string, std::less<>>& knownNames) {
  return run(text, knownNames, [](Parser& parser) { return parser.expressionOnly(); });
}

Result<NodePtr> parseUnaryTests(std::string_view text, const std::set<std::string, std::less<>>& knownNames) {
  return run(text, knownNames, [](Parser& parser) { return parser.unaryTestsOnly(); });
}

}  // namespace bpmn::feel

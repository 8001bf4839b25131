#include "feel/juel.h"

#include <cctype>

#include "bpmn/limits.h"

namespace bpmn::feel {
namespace {

struct JuelToken {
  enum class Kind { kName, kNumber, kString, kSymbol, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;
  int column = 1;
};

struct Rejected {
  std::string message;
};

class Translator {
 public:
  Translator(std::string_view body, int offset) : body_(body), offset_(offset) {}

  NodePtr run() {
    tokenize();
    NodePtr node = ternary();
    if (peek().kind != JuelToken::Kind::kEnd) fail("unexpected " + describe(peek()));
    return node;
  }

 private:
  [[noreturn]] void fail(const std::string& what, int column = 0) const {
    throw Rejected{"JUEL expression at column " + std::to_string(column ? column : peek().column) + ": " + what};
  }

  static std::string describe(const JuelToken& token) {
    return token.kind == JuelToken::Kind::kEnd ? "end of expression" : "\"" + token.text + "\"";
  }

  void tokenize() {
    std::size_t at = 0;
    while (true) {
      while (at < body_.size() && std::isspace(static_cast<unsigned char>(body_[at]))) ++at;
      JuelToken token;
      token.column = offset_ + static_cast<int>(at) + 1;
      if (at >= body_.size()) {
        tokens_.push_back(token);
        return;
      }
      const char c = body_[at];
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
        const std::size_t start = at;
        while (at < body_.size() &&
               (std::isalnum(static_cast<unsigned char>(body_[at])) || body_[at] == '_' || body_[at] == '$')) {
          ++at;
        }
        token.kind = JuelToken::Kind::kName;
        token.text = std::string(body_.substr(start, at - start));
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        const std::size_t start = at;
        while (at < body_.size() && (std::isdigit(static_cast<unsigned char>(body_[at])) || body_[at] == '.')) ++at;
        token.kind = JuelToken::Kind::kNumber;
        token.text = std::string(body_.substr(start, at - start));
      } else if (c == '\'' || c == '"') {
        ++at;
        std::string text;
        while (at < body_.size() && body_[at] != c) {
          if (body_[at] == '\\' && at + 1 < body_.size()) ++at;
          text += body_[at++];
        }
        if (at >= body_.size()) fail("unterminated string", token.column);
        ++at;
        token.kind = JuelToken::Kind::kString;
        token.text = text;
      } else {
        static const std::string_view kSymbols[] = {
            "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "->", "+=", "=", "<", ">", "!", "+",
            "-",   "*",   "/",  "%",  "(",  ")",  "[",  "]",  ".",  ",",  "?", ":", ";", "{", "}"};
        bool matched = false;
        for (auto symbol : kSymbols) {
          if (body_.substr(at).starts_with(symbol)) {
            token.kind = JuelToken::Kind::kSymbol;
            token.text = std::string(symbol);
            at += symbol.size();
            matched = true;
            break;
          }
        }
        if (!matched) fail("unexpected character '" + std::string(1, c) + "'", token.column);
      }
      tokens_.push_back(std::move(token));
    }
  }

  const JuelToken& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(position_ + ahead, tokens_.size() - 1)];
  }
  const JuelToken& next() {
    const JuelToken& token = tokens_[position_];
    if (position_ + 1 < tokens_.size()) ++position_;
    return token;
  }
  bool isSymbol(std::string_view symbol) const {
    return peek().kind == JuelToken::Kind::kSymbol && peek().text == symbol;
  }
  bool isWord(std::string_view word) const { return peek().kind == JuelToken::Kind::kName && peek().text == word; }

  // The FEEL tree it translates to, within limits::kFeelNesting (ast.h).
  static NodePtr make(Node::Kind kind, std::vector<NodePtr> children = {}, std::string text = {}) {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->children = std::move(children);
    node->text = std::move(text);
    node->depth = depthWith(node->children);
    if (node->depth > limits::kFeelNesting) throw Rejected{tooDeep()};
    return node;
  }
  static std::string tooDeep() {
    return "JUEL expression nested deeper than " + std::to_string(limits::kFeelNesting) + " levels";
  }
  // Held by each recursive rule, so the translator's stack stays bounded.
  class Nested {
   public:
    explicit Nested(Translator& translator) : translator_(translator) {
      if (++translator_.nesting_ > limits::kFeelNesting) throw Rejected{tooDeep()};
    }
    ~Nested() { --translator_.nesting_; }
    Nested(const Nested&) = delete;
    Nested& operator=(const Nested&) = delete;

   private:
    Translator& translator_;
  };
  static NodePtr literal(Value value) {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::kLiteral;
    node->value = std::move(value);
    return node;
  }

  NodePtr ternary() {
    Nested nested(*this);
    NodePtr condition = disjunction();
    if (isSymbol("?")) fail("the conditional operator ?: is not supported; use a gateway or FEEL if-then-else");
    if (isSymbol("=") || isSymbol("+=")) fail("assignment \"" + peek().text + "\" is not a condition");
    if (isSymbol(";")) fail("statement lists (;) are not supported");
    if (isSymbol("->")) fail("lambda expressions are not supported");
    return condition;
  }

  NodePtr disjunction() {
    NodePtr left = conjunction();
    while (isSymbol("||") || isWord("or")) {
      next();
      left = make(Node::Kind::kOr, {left, conjunction()});
    }
    return left;
  }

  NodePtr conjunction() {
    NodePtr left = equality();
    while (isSymbol("&&") || isWord("and")) {
      next();
      left = make(Node::Kind::kAnd, {left, equality()});
    }
    return left;
  }

  NodePtr equality() {
    NodePtr left = relational();
    while (true) {
      if (isSymbol("===") || isSymbol("!==")) fail("\"" + peek().text + "\" is JavaScript, not JUEL; use == or !=");
      std::string op;
      if (isSymbol("==") || isWord("eq")) op = "=";
      if (isSymbol("!=") || isWord("ne")) op = "!=";
      if (op.empty()) return left;
      next();
      left = make(Node::Kind::kComparison, {left, relational()}, op);
    }
  }

  NodePtr relational() {
    NodePtr left = additive();
    while (true) {
      std::string op;
      if (isSymbol("<") || isWord("lt")) op = "<";
      if (isSymbol("<=") || isWord("le")) op = "<=";
      if (isSymbol(">") || isWord("gt")) op = ">";
      if (isSymbol(">=") || isWord("ge")) op = ">=";
      if (isWord("instanceof")) fail("instanceof is Java; not supported");
      if (op.empty()) return left;
      next();
      left = make(Node::Kind::kComparison, {left, additive()}, op);
    }
  }

  NodePtr additive() {
    NodePtr left = multiplicative();
    while (isSymbol("+") || isSymbol("-")) {
      const std::string op = next().text;
      left = make(Node::Kind::kArithmetic, {left, multiplicative()}, op);
    }
    return left;
  }

  NodePtr multiplicative() {
    NodePtr left = unary();
    while (true) {
      if (isSymbol("*") || isSymbol("/") || isWord("div")) {
        const std::string op = next().text == "*" ? "*" : "/";
        left = make(Node::Kind::kArithmetic, {left, unary()}, op);
      } else if (isSymbol("%") || isWord("mod")) {
        next();
        left = make(Node::Kind::kCall, {make(Node::Kind::kName, {}, "modulo"), left, unary()});
      } else {
        return left;
      }
    }
  }

  NodePtr unary() {
    Nested nested(*this);
    if (isSymbol("!") || isWord("not")) {
      next();
      return make(Node::Kind::kCall, {make(Node::Kind::kName, {}, "not"), unary()});
    }
    if (isSymbol("-")) {
      next();
      return make(Node::Kind::kNegate, {unary()});
    }
    if (isWord("empty")) {
      next();
      return empty(unary());
    }
    return access();
  }

  // JUEL's empty: null, "", an empty list or an empty map.
  static NodePtr empty(const NodePtr& value) {
    auto test = [&](const char* type, NodePtr whenType) {
      return std::pair{make(Node::Kind::kInstanceOf, {value}, type), std::move(whenType)};
    };
    auto [isString, stringEmpty] = test("string", make(Node::Kind::kComparison, {value, literal(std::string())}, "="));
    auto [isList, listEmpty] =
        test("list",
             make(Node::Kind::kComparison,
                  {make(Node::Kind::kCall, {make(Node::Kind::kName, {}, "count"), value}), literal(Decimal(0))}, "="));
    auto [isContext, contextEmpty] =
        test("context", make(Node::Kind::kComparison, {value, make(Node::Kind::kContext)}, "="));
    NodePtr isNull = make(Node::Kind::kComparison, {value, literal(Value())}, "=");
    return make(Node::Kind::kIf,
                {isNull, literal(true),
                 make(Node::Kind::kIf,
                      {isString, stringEmpty,
                       make(Node::Kind::kIf,
                            {isList, listEmpty, make(Node::Kind::kIf, {isContext, contextEmpty, literal(false)})})})});
  }

  NodePtr access() {
    NodePtr node = primary();
    while (true) {
      if (isSymbol(".")) {
        next();
        if (peek().kind != JuelToken::Kind::kName)
          fail("expected a property name after \".\", found " + describe(peek()));
        const JuelToken& property = next();
        if (isSymbol("(")) fail("method call ." + property.text + "(...) is Java code; not supported", property.column);
        node = make(Node::Kind::kPath, {node}, property.text);
      } else if (isSymbol("[")) {
        fail("indexing with [...] is not supported; use dotted access");
      } else if (isSymbol("(")) {
        fail("function call is not supported");
      } else {
        return node;
      }
    }
  }

  NodePtr primary() {
    const JuelToken& token = peek();
    switch (token.kind) {
      case JuelToken::Kind::kNumber: {
        auto number = Decimal::parse(next().text);
        if (!number) fail("malformed number \"" + token.text + "\"", token.column);
        return literal(*number);
      }
      case JuelToken::Kind::kString:
        return literal(next().text);
      case JuelToken::Kind::kName: {
        const std::string word = next().text;
        if (word == "true") return literal(true);
        if (word == "false") return literal(false);
        if (word == "null") return literal(Value());
        if (isSymbol("(")) fail("function call " + word + "(...) is not supported", token.column);
        if (isSymbol(":")) fail("namespaced function " + word + ":... is not supported", token.column);
        return make(Node::Kind::kName, {}, word);
      }
      case JuelToken::Kind::kSymbol:
        if (token.text == "(") {
          next();
          NodePtr inner = ternary();
          if (!isSymbol(")")) fail("expected \")\", found " + describe(peek()));
          next();
          return inner;
        }
        if (token.text == "[" || token.text == "{") fail("collection literals are not supported");
        break;
      case JuelToken::Kind::kEnd:
        break;
    }
    fail("expected a value, found " + describe(token));
  }

  std::string_view body_;
  int offset_ = 0;
  std::vector<JuelToken> tokens_;
  std::size_t position_ = 0;
  int nesting_ = 0;
};

}  // namespace

bool isJuel(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  const auto end = text.find_last_not_of(" \t\r\n");
  if (begin == std::string_view::npos || end - begin < 2) return false;
  return (text[begin] == '$' || text[begin] == '#') && text[begin + 1] == '{' && text[end] == '}';
}

Result<NodePtr> translateJuel(std::string_view text) {
  if (!isJuel(text)) return Status::parseError("JUEL expression must be written ${...} or #{...}");
  const auto begin = text.find_first_not_of(" \t\r\n");
  const auto end = text.find_last_not_of(" \t\r\n");
  const std::string_view body = text.substr(begin + 2, end - begin - 2);
  if (body.find("${") != std::string_view::npos || body.find("#{") != std::string_view::npos) {
    return Status::parseError("JUEL expression: nested or repeated ${...} is not supported");
  }
  try {
    return Translator(body, static_cast<int>(begin) + 2).run();
  } catch (const Rejected& rejected) {
    return Status::parseError(rejected.message);
  }
}

}  // namespace bpmn::feel

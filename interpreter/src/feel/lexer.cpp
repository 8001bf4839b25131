#include "feel/lexer.h"

#include "bpmn/text.h"
#include "feel/builtin_support.h"

#include <array>
#include <cctype>

namespace bpmn::feel {
namespace {

bool isNameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c == '?' || c >= 0x80; }
bool isNamePart(unsigned char c) { return isNameStart(c) || std::isdigit(c); }

// Multi-character symbols first, so "**" wins over "*".
constexpr std::array<std::string_view, 20> kSymbols = {"**", "..", "!=", "<=", ">=", "->", "+", "-", "*", "/",
                                                       "=",  "<",  ">",  ".",  ",",  ":",  "(", ")", "[", "]"};

void appendUtf8(std::string& out, unsigned long code) { text::appendUtf8(out, static_cast<char32_t>(code)); }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Result<std::vector<Token>> run() {
    for (std::size_t at = 0; at < text_.size();) {
      const std::size_t length = text::utf8Length(text_.substr(at));
      if (length == 0) {
        at_ = at;
        return Status::parseError("FEEL syntax error at column " + std::to_string(column()) + ": invalid UTF-8");
      }
      at += length;
    }
    std::vector<Token> tokens;
    while (true) {
      const bool space = skipSpaceAndComments();
      if (!error_.empty()) return Status::parseError(error_);
      Token token;
      token.column = column();
      token.spaceBefore = space;
      if (at_ >= text_.size()) {
        tokens.push_back(token);
        return tokens;
      }
      const unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (std::isdigit(c) ||
          (c == '.' && at_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_ + 1])))) {
        token.kind = Token::Kind::kNumber;
        token.text = number();
      } else if (c == '"') {
        token.kind = Token::Kind::kString;
        if (!string(token.text)) return Status::parseError(error_);
      } else if (c == '@' && at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
        ++at_;
        token.kind = Token::Kind::kTemporal;
        if (!string(token.text)) return Status::parseError(error_);
      } else if (c == '`') {
        const auto end = text_.find('`', at_ + 1);
        if (end == std::string_view::npos) return fail(token.column, "unterminated `name`");
        token.kind = Token::Kind::kBacktickName;
        token.text = std::string(text_.substr(at_ + 1, end - at_ - 1));
        at_ = end + 1;
      } else if (isNameStart(c)) {
        token.kind = Token::Kind::kName;
        const auto start = at_;
        while (at_ < text_.size() && isNamePart(static_cast<unsigned char>(text_[at_]))) ++at_;
        token.text = std::string(text_.substr(start, at_ - start));
      } else {
        token.kind = Token::Kind::kSymbol;
        bool matched = false;
        for (auto symbol : kSymbols) {
          if (text_.substr(at_).starts_with(symbol)) {
            token.text = std::string(symbol);
            at_ += symbol.size();
            matched = true;
            break;
          }
        }
        if (!matched && (c == '{' || c == '}')) {
          token.text = std::string(1, static_cast<char>(c));
          ++at_;
          matched = true;
        }
        if (!matched) {
          return fail(token.column, "unexpected character '" + std::string(1, static_cast<char>(c)) + "'");
        }
      }
      tokens.push_back(std::move(token));
    }
  }

 private:
  Status fail(int column, const std::string& what) {
    return Status::parseError("FEEL syntax error at column " + std::to_string(column) + ": " + what);
  }

  // The 1-based column of the cursor in characters, counted on from the
  // last position asked for (tokens come in order, so lexing stays linear).
  int column() const {
    if (at_ < columnAt_) {
      columnAt_ = 0;
      columnCount_ = 1;
    }
    for (; columnAt_ < at_; ++columnAt_) {
      if ((static_cast<unsigned char>(text_[columnAt_]) & 0xC0) != 0x80) ++columnCount_;
    }
    return columnCount_;
  }


  bool skipSpaceAndComments() {
    const auto start = at_;
    while (at_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (std::isspace(c) || (c == 0xC2 && at_ + 1 < text_.size() && text_[at_ + 1] == '\xA0')) {
        at_ += c == 0xC2 ? 2 : 1;
      } else if (text_.substr(at_).starts_with("//")) {
        while (at_ < text_.size() && text_[at_] != '\n') ++at_;
      } else if (text_.substr(at_).starts_with("/*")) {
        const auto end = text_.find("*/", at_ + 2);
        if (end == std::string_view::npos) {
          error_ = "FEEL syntax error at column " + std::to_string(column()) + ": unterminated comment";
          return false;
        }
        at_ = end + 2;
      } else {
        break;
      }
    }
    return at_ != start;
  }

  std::string number() {
    const auto start = at_;
    while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) ++at_;
    // A point followed by a digit is a fraction; "1..3" is a range.
    if (at_ + 1 < text_.size() && text_[at_] == '.' && std::isdigit(static_cast<unsigned char>(text_[at_ + 1]))) {
      ++at_;
      while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) ++at_;
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      auto next = at_ + 1;
      if (next < text_.size() && (text_[next] == '+' || text_[next] == '-')) ++next;
      if (next < text_.size() && std::isdigit(static_cast<unsigned char>(text_[next]))) {
        at_ = next;
        while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) ++at_;
      }
    }
    return std::string(text_.substr(start, at_ - start));
  }

  bool string(std::string& out) {
    const int startColumn = column();
    ++at_;  // opening quote
    while (at_ < text_.size() && text_[at_] != '"') {
      char c = text_[at_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ >= text_.size()) break;
      const char escaped = text_[at_++];
      switch (escaped) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case '"':
          out += '"';
          break;
        case '\'':
          out += '\'';
          break;
        case '\\':
          out += '\\';
          break;
        case 'u':
        case 'U': {
          // \uXXXX (a UTF-16 pair written as two escapes for characters
          // beyond the BMP) and \UXXXXXX: exactly that many hex digits, a
          // Unicode scalar value; no lone surrogate, which has no UTF-8.
          const int escapeColumn = column() - 2;
          auto invalid = [&](const std::string& why) {
            error_ = "FEEL syntax error at column " + std::to_string(escapeColumn) + ": " + why;
            return false;
          };
          auto code = hexDigits(escaped == 'u' ? 4 : 6);
          if (!code) return invalid(std::string("\\") + escaped + " needs " + (escaped == 'u' ? "4" : "6") + " hex digits");
          if (*code >= 0xD800 && *code <= 0xDBFF && escaped == 'u' && text_.substr(at_).starts_with("\\u")) {
            at_ += 2;
            auto low = hexDigits(4);
            if (!low || *low < 0xDC00 || *low > 0xDFFF) return invalid("\\u escape is half a surrogate pair");
            *code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
          } else if (*code >= 0xD800 && *code <= 0xDFFF) {
            return invalid("\\u escape is half a surrogate pair");
          }
          if (*code > 0x10FFFF) return invalid("\\U escape beyond U+10FFFF");
          appendUtf8(out, *code);
          break;
        }
        default:
          out += '\\';
          out += escaped;
      }
    }
    if (at_ >= text_.size()) {
      error_ = "FEEL syntax error at column " + std::to_string(startColumn) + ": unterminated string";
      return false;
    }
    ++at_;  // closing quote
    return true;
  }

  // `count` hex digits at the cursor, consumed; empty when there are fewer.
  std::optional<unsigned long> hexDigits(std::size_t count) {
    if (at_ + count > text_.size()) return std::nullopt;
    unsigned long value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text_[at_ + i];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + static_cast<unsigned long>(digit);
    }
    at_ += count;
    return value;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  mutable std::size_t columnAt_ = 0;
  mutable int columnCount_ = 1;
  std::string error_;
};

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view text) { return Lexer(text).run(); }

std::string describe(const Token& token) {
  switch (token.kind) {
    case Token::Kind::kEnd:
      return "end of input";
    case Token::Kind::kNumber:
      return "number " + token.text;
    case Token::Kind::kString:
      return "string \"" + token.text + "\"";
    case Token::Kind::kTemporal:
      return "@\"" + token.text + "\"";
    case Token::Kind::kName:
    case Token::Kind::kBacktickName:
      return "name \"" + token.text + "\"";
    case Token::Kind::kSymbol:
      return "\"" + token.text + "\"";
  }
  return "end of input";
}

}  // namespace bpmn::feel

#include "bpmn/feel/json.h"

#include <unordered_map>

#include "bpmn/limits.h"
#include "bpmn/status.h"
#include "bpmn/text.h"

namespace bpmn::feel {
namespace {

// A JSON string: escapes as RFC 8259 needs them; bytes that are not UTF-8
// become U+FFFD, so the output is always valid JSON.
std::string quote(std::string_view text) {
  std::string out = "\"";
  for (std::size_t at = 0; at < text.size();) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x20 || c == '"' || c == '\\') {
      static const char* digits = "0123456789abcdef";
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          out += "\\u00";
          out += digits[c >> 4];
          out += digits[c & 0xF];
      }
      ++at;
      continue;
    }
    const std::size_t length = text::utf8Length(text.substr(at));
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out + "\"";
}

std::string typed(const char* type, const std::string& value) {
  return "{\"@type\": " + quote(type) + ", \"value\": " + quote(value) + "}";
}

void write(const Value& value, int indent, int depth, std::string& out) {
  const std::string newline = indent > 0 ? "\n" + std::string(static_cast<std::size_t>(indent * (depth + 1)), ' ') : "";
  const std::string closing = indent > 0 ? "\n" + std::string(static_cast<std::size_t>(indent * depth), ' ') : "";
  const std::string separator = indent > 0 ? "," : ", ";
  using Kind = Value::Kind;
  switch (value.kind()) {
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kBoolean:
      out += *value.boolean() ? "true" : "false";
      return;
    case Kind::kNumber:
      out += value.number()->toString();
      return;
    case Kind::kString:
      out += quote(*value.string());
      return;
    case Kind::kList: {
      const auto& items = *value.list();
      if (items.empty()) {
        out += "[]";
        return;
      }
      out += "[";
      for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i ? separator : "") + newline;
        write(items[i], indent, depth + 1, out);
      }
      out += closing + "]";
      return;
    }
    case Kind::kContext: {
      const auto& entries = *value.context();
      if (entries.empty()) {
        out += "{}";
        return;
      }
      out += "{";
      for (std::size_t i = 0; i < entries.size(); ++i) {
        out += (i ? separator : "") + newline + quote(entries[i].first) + ": ";
        write(entries[i].second, indent, depth + 1, out);
      }
      out += closing + "}";
      return;
    }
    case Kind::kRange: {
      const Range& range = *value.range();
      out += "{\"@type\": \"range\", \"start\": ";
      write(range.low.value_or(Value()), 0, 0, out);
      out += ", \"end\": ";
      write(range.high.value_or(Value()), 0, 0, out);
      out += std::string(", \"startIncluded\": ") + (range.lowClosed ? "true" : "false") +
             ", \"endIncluded\": " + (range.highClosed ? "true" : "false") + "}";
      return;
    }
    case Kind::kFunction:
      out += "{\"@type\": \"function\"}";
      return;
    case Kind::kDate:
      out += typed("date", toString(*value.date()));
      return;
    case Kind::kTime:
      out += typed("time", toString(*value.time()));
      return;
    case Kind::kDateTime:
      out += typed("date and time", toString(*value.dateTime()));
      return;
    case Kind::kDaysTimeDuration:
      out += typed("days and time duration", toString(*value.daysTime()));
      return;
    case Kind::kYearsMonthsDuration:
      out += typed("years and months duration", toString(*value.yearsMonths()));
      return;
  }
}

// A JSON reader (RFC 8259) that builds FEEL values directly: numbers from
// their text, whatever their size (1e400 is a FEEL number), object keys in
// the order written (a repeated key keeps its last value in its first
// place, found by hash), strings checked to be UTF-8 with \u escapes as
// scalar values, nesting bounded by limits::kValueNesting. Iterative: an
// explicit stack of open arrays and objects.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  Result<Value> read() {
    skipSpace();
    Value value;
    while (true) {
      if (!error_.empty()) return fail();
      // A value starts here: a scalar, or an array or object opens.
      const char c = peek();
      if (c == '[' || c == '{') {
        if (frames_.size() >= static_cast<std::size_t>(limits::kValueNesting)) {
          return fail("nested deeper than " + std::to_string(limits::kValueNesting) + " levels");
        }
        ++at_;
        frames_.push_back(Frame{c == '{', {}, {}, {}, {}});
        skipSpace();
        if (peek() == (c == '{' ? '}' : ']')) {
          ++at_;
          value = close();
        } else {
          if (c == '{' && !key()) return fail();
          continue;
        }
      } else if (auto scalar = this->scalar()) {
        value = std::move(*scalar);
      } else {
        return fail();
      }
      // The value is complete: it goes into the frame it belongs to.
      while (true) {
        if (frames_.empty()) {
          skipSpace();
          if (at_ != text_.size()) return fail("unexpected text after the value");
          return value;
        }
        add(std::move(value));
        skipSpace();
        Frame& frame = frames_.back();
        if (peek() == ',') {
          ++at_;
          skipSpace();
          if (frame.object && !key()) return fail();
          break;  // the next value
        }
        if (peek() != (frame.object ? '}' : ']'))
          return fail(frame.object ? "expected ',' or '}'" : "expected ',' or ']'");
        ++at_;
        value = close();
      }
    }
  }

 private:
  struct Frame {
    bool object = false;
    List items;
    Context entries;
    std::unordered_map<std::string, std::size_t> index;  // key -> place in entries
    std::string key;
  };

  char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
  void skipSpace() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }
  Status fail(std::string message = {}) {
    if (!message.empty() && error_.empty()) error_ = std::move(message);
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    return Status::invalidArgument("not JSON: line " + std::to_string(line) + ", column " + std::to_string(column) +
                                   ": " + error_);
  }
  bool error(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  bool key() {
    if (peek() != '"') return error("expected a key in double quotes");
    auto name = string();
    if (!name) return false;
    skipSpace();
    if (peek() != ':') return error("expected ':' after the key");
    ++at_;
    skipSpace();
    frames_.back().key = std::move(*name);
    return true;
  }

  void add(Value value) {
    Frame& frame = frames_.back();
    if (!frame.object) {
      frame.items.push_back(std::move(value));
      return;
    }
    auto [place, isNew] = frame.index.try_emplace(frame.key, frame.entries.size());
    if (isNew) {
      frame.entries.emplace_back(std::move(frame.key), std::move(value));
    } else {
      frame.entries[place->second].second = std::move(value);
    }
  }

  Value close() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    return frame.object ? Value(std::move(frame.entries)) : Value(std::move(frame.items));
  }

  std::optional<Value> scalar() {
    const char c = peek();
    if (c == '"') {
      auto text = string();
      if (!text) return std::nullopt;
      return Value(std::move(*text));
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    for (const auto& [word, value] : {std::pair{"true", Value(true)}, {"false", Value(false)}, {"null", Value()}}) {
      if (text_.substr(at_).starts_with(word)) {
        at_ += std::string_view(word).size();
        return value;
      }
    }
    error(at_ >= text_.size() ? "expected a value, found the end" : "expected a value");
    return std::nullopt;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  std::optional<Value> number() {
    const std::size_t start = at_;
    auto digits = [&]() {
      const std::size_t from = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ - from;
    };
    if (peek() == '-') ++at_;
    if (peek() == '0') {
      ++at_;
    } else if (digits() == 0) {
      error("expected a digit");
      return std::nullopt;
    }
    if (peek() == '.') {
      ++at_;
      if (digits() == 0) {
        error("expected a digit after '.'");
        return std::nullopt;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      ++at_;
      if (peek() == '+' || peek() == '-') ++at_;
      if (digits() == 0) {
        error("expected a digit in the exponent");
        return std::nullopt;
      }
    }
    const std::string_view literal = text_.substr(start, at_ - start);
    auto parsed = Decimal::parse(literal);
    if (!parsed) {
      at_ = start;
      error("number " + std::string(literal) + " is beyond FEEL's decimal range");
      return std::nullopt;
    }
    return Value(*parsed);
  }

  std::optional<unsigned> hex4() {
    if (at_ + 4 > text_.size()) return std::nullopt;
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[at_++];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + static_cast<unsigned>(digit);
    }
    return value;
  }

  std::optional<std::string> string() {
    ++at_;  // the opening quote
    std::string out;
    while (true) {
      if (at_ >= text_.size()) {
        error("unterminated string");
        return std::nullopt;
      }
      const auto c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return out;
      }
      if (c < 0x20) {
        error("control character in a string (escape it)");
        return std::nullopt;
      }
      if (c == '\\') {
        ++at_;
        const char escaped = peek();
        ++at_;
        switch (escaped) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            auto code = hex4();
            if (!code) {
              error("\\u needs 4 hex digits");
              return std::nullopt;
            }
            char32_t scalar = *code;
            if (*code >= 0xD800 && *code <= 0xDBFF && text_.substr(at_).starts_with("\\u")) {
              at_ += 2;
              auto low = hex4();
              if (!low || *low < 0xDC00 || *low > 0xDFFF) {
                error("\\u escape is half a surrogate pair");
                return std::nullopt;
              }
              scalar = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
            } else if (*code >= 0xD800 && *code <= 0xDFFF) {
              error("\\u escape is half a surrogate pair");
              return std::nullopt;
            }
            text::appendUtf8(out, scalar);
            break;
          }
          default:
            --at_;
            error("unknown escape");
            return std::nullopt;
        }
        continue;
      }
      const std::size_t length = text::utf8Length(text_.substr(at_));
      if (length == 0) {
        error("invalid UTF-8");
        return std::nullopt;
      }
      out.append(text_.substr(at_, length));
      at_ += length;
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::vector<Frame> frames_;
  std::string error_;
};

}  // namespace

std::string toJson(const Value& value, int indent) {
  std::string out;
  write(value, indent, 0, out);
  return out;
}

Result<Value> parseJson(std::string_view text) { return Reader(text).read(); }

Result<Context> parseJsonObject(std::string_view text) {
  auto value = parseJson(text);
  if (!value.isOk()) return value.status();
  if (!value.value().context()) {
    const char* kind = value.value().list()     ? "a JSON array"
                       : value.value().string() ? "a JSON string"
                                                : "a single JSON value";
    return Status::invalidArgument(std::string(kind) + ", not a JSON object");
  }
  return *value.value().context();
}

std::optional<Value> fromJson(std::string_view text) {
  auto value = parseJson(text);
  if (!value.isOk()) return std::nullopt;
  return std::move(value).value();
}

}  // namespace bpmn::feel

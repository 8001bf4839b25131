#include "xml/well_formed.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_set>
#include <vector>

#include "bpmn/limits.h"
#include "bpmn/text.h"

namespace bpmn::xml {
namespace {

// XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
// [#x10000-#x10FFFF].
bool isXmlChar(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

char32_t decode(std::string_view text, std::size_t length) {
  const auto lead = static_cast<unsigned char>(text[0]);
  char32_t code = length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
  for (std::size_t i = 1; i < length; ++i) code = (code << 6) | (static_cast<unsigned char>(text[i]) & 0x3F);
  return code;
}

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// The value of pseudo-attribute `name` in an XML declaration, if given.
std::optional<std::string> declared(std::string_view declaration, std::string_view name) {
  std::size_t at = 0;
  while ((at = declaration.find(name, at)) != std::string_view::npos) {
    std::size_t cursor = at + name.size();
    const bool wordStart = at > 0 && std::isspace(static_cast<unsigned char>(declaration[at - 1]));
    while (cursor < declaration.size() && std::isspace(static_cast<unsigned char>(declaration[cursor]))) ++cursor;
    if (!wordStart || cursor >= declaration.size() || declaration[cursor] != '=') {
      at += name.size();
      continue;
    }
    ++cursor;
    while (cursor < declaration.size() && std::isspace(static_cast<unsigned char>(declaration[cursor]))) ++cursor;
    if (cursor >= declaration.size() || (declaration[cursor] != '"' && declaration[cursor] != '\'')) return "";
    const char quote = declaration[cursor];
    const std::size_t end = declaration.find(quote, cursor + 1);
    if (end == std::string_view::npos) return "";
    return std::string(declaration.substr(cursor + 1, end - cursor - 1));
  }
  return std::nullopt;
}

// windows-1252's 0x80-0x9F; 0 where it has no character.
constexpr char16_t kWindows1252[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                       0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

class Checker {
 public:
  explicit Checker(std::string_view text) : text_(text) {}

  std::optional<XmlFault> run() {
    while (at_ < text_.size() && !fault_) {
      const char c = text_[at_];
      if (c == '<') {
        markup();
      } else if (c == '&') {
        reference();
      } else if (c == ']' && text_.substr(at_).starts_with("]]>")) {
        fail("\"]]>\" in text (write it as ]]&gt;)");
      } else {
        character();
      }
    }
    return fault_;
  }

 private:
  void fail(const std::string& message, std::optional<std::size_t> offset = std::nullopt) {
    if (!fault_) fault_ = XmlFault{offset.value_or(at_), "malformed XML: " + message};
  }

  // One character of content at the cursor, which must be an XML Char.
  void character() {
    const std::size_t length = text::utf8Length(text_.substr(at_));
    if (length == 0) return fail("bytes that are not UTF-8");
    const char32_t code = decode(text_.substr(at_), length);
    if (!isXmlChar(code)) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(code));
      return fail(std::string("character ") + hex + " is not allowed in XML");
    }
    at_ += length;
  }

  // Characters up to `end`, each an XML Char.
  void charactersUntil(std::size_t end) {
    while (at_ < end && !fault_) character();
  }

  // &#N; &#xH; or one of the five predefined entities.
  void reference() {
    const std::size_t start = at_;
    const std::size_t semicolon = text_.find(';', at_);
    if (semicolon == std::string_view::npos || semicolon - at_ > 40) {
      return fail("\"&\" that starts no reference (write it as &amp;)");
    }
    const std::string_view body = text_.substr(at_ + 1, semicolon - at_ - 1);
    if (body.starts_with("#")) {
      const bool hex = body.size() > 1 && body[1] == 'x';
      const std::string_view digits = body.substr(hex ? 2 : 1);
      std::uint64_t code = 0;
      bool valid = !digits.empty() && digits.size() <= 8;
      for (char d : digits) {
        const int value = d >= '0' && d <= '9'          ? d - '0'
                          : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
                          : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10
                                                        : -1;
        if (value < 0) valid = false;
        code = code * (hex ? 16 : 10) + static_cast<std::uint64_t>(std::max(value, 0));
      }
      if (!valid) return fail("character reference &" + std::string(body) + "; is not a number", start);
      if (code > 0x10FFFF || !isXmlChar(static_cast<char32_t>(code))) {
        return fail("character reference &" + std::string(body) + "; is not an XML character", start);
      }
    } else if (body.empty() || body.find_first_of(" \t\r\n<&\"'") != std::string_view::npos) {
      return fail("\"&\" that starts no reference (write it as &amp;)");
    } else if (body != "lt" && body != "gt" && body != "amp" && body != "apos" && body != "quot") {
      return fail("undefined entity &" + text::printable(body) + ";", start);
    }
    at_ = semicolon + 1;
  }

  void markup() {
    const std::string_view rest = text_.substr(at_);
    if (rest.starts_with("<!--")) return comment();
    if (rest.starts_with("<![CDATA[")) return cdata();
    if (rest.starts_with("<?")) return instruction();
    if (rest.starts_with("<!DOCTYPE")) return doctype();
    if (rest.starts_with("</")) return endTag();
    startTag();
  }

  void comment() {
    const std::size_t end = text_.find("-->", at_ + 4);
    if (end == std::string_view::npos) return fail("comment without an end");
    const std::size_t dashes = text_.find("--", at_ + 4);
    if (dashes < end) return fail("\"--\" inside a comment", dashes);
    at_ += 4;
    charactersUntil(end);
    at_ = end + 3;
  }

  void cdata() {
    const std::size_t end = text_.find("]]>", at_ + 9);
    if (end == std::string_view::npos) return fail("CDATA section without an end");
    at_ += 9;
    charactersUntil(end);
    at_ = end + 3;
  }

  void instruction() {
    const std::size_t end = text_.find("?>", at_ + 2);
    if (end == std::string_view::npos) return fail("processing instruction without an end");
    const std::string_view body = text_.substr(at_ + 2, end - at_ - 2);
    if (lower(body.substr(0, 3)) == "xml" && (body.size() == 3 || std::isspace(static_cast<unsigned char>(body[3])))) {
      if (at_ != 0 && !(at_ == 3 && text_.starts_with("\xEF\xBB\xBF"))) {
        return fail("an XML declaration after the start of the file");
      }
      const auto version = declared(body, "version");
      if (!version || (*version != "1.0" && *version != "1.1")) return fail("XML declaration without version 1.0");
    }
    at_ += 2;
    charactersUntil(end);
    at_ = end + 2;
  }

  void doctype() {
    // <!DOCTYPE name ExternalID? [internal subset]? >: the subset would
    // declare entities, which this reader does not expand.
    std::size_t cursor = at_ + 9;
    char quote = 0;
    for (; cursor < text_.size(); ++cursor) {
      const char c = text_[cursor];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        return fail("a document type declaration with an internal subset (entity declarations are not supported)");
      } else if (c == '>') {
        break;
      }
    }
    if (cursor >= text_.size()) return fail("document type declaration without an end");
    at_ = cursor + 1;
  }

  std::string_view name() {
    const std::size_t start = at_;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (std::isspace(static_cast<unsigned char>(c)) || c == '=' || c == '>' || c == '/' || c == '<' || c == '"' ||
          c == '\'') {
        break;
      }
      ++at_;
    }
    return text_.substr(start, at_ - start);
  }

  void skipSpace() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }

  void endTag() {
    at_ += 2;
    name();
    skipSpace();
    if (at_ >= text_.size() || text_[at_] != '>') return;  // pugixml reports it
    ++at_;
    if (depth_ > 0) --depth_;
  }

  void startTag() {
    const std::size_t start = at_;
    ++at_;
    if (name().empty()) return fail("\"<\" that starts no element (write it as &lt;)", start);
    std::unordered_set<std::string_view> names;  // hashed: an element may have very many
    while (at_ < text_.size() && !fault_) {
      skipSpace();
      if (at_ >= text_.size()) break;
      if (text_[at_] == '>') {
        ++at_;
        if (++depth_ > limits::kXmlDepth) {
          return fail("elements nested deeper than " + std::to_string(limits::kXmlDepth) + " levels", start);
        }
        return;
      }
      if (text_.substr(at_).starts_with("/>")) {
        at_ += 2;
        return;
      }
      const std::size_t nameAt = at_;
      const std::string_view attribute = name();
      if (attribute.empty()) return;  // pugixml reports it
      if (!names.insert(attribute).second) {
        return fail("attribute " + text::printable(attribute) + " appears twice on one element", nameAt);
      }
      skipSpace();
      if (at_ >= text_.size() || text_[at_] != '=') return;
      ++at_;
      skipSpace();
      if (at_ >= text_.size() || (text_[at_] != '"' && text_[at_] != '\'')) return;
      const char quote = text_[at_++];
      while (at_ < text_.size() && text_[at_] != quote && !fault_) {
        if (text_[at_] == '<') return fail("\"<\" in an attribute value (write it as &lt;)");
        if (text_[at_] == '&') {
          reference();
        } else {
          character();
        }
      }
      if (at_ < text_.size()) ++at_;  // the closing quote
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
  int depth_ = 0;
  std::optional<XmlFault> fault_;
};

}  // namespace

Utf8Document toUtf8(std::string_view bytes) {
  Utf8Document result;
  auto fault = [&](std::string message) {
    result.fault = XmlFault{0, "malformed XML: " + std::move(message)};
    return result;
  };
  // UTF-16 with a byte order mark.
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const bool little = bytes[0] == '\xFF';
    if (bytes.size() % 2 != 0) return fault("UTF-16 text with an odd number of bytes");
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
      const auto b0 = static_cast<unsigned char>(bytes[i]), b1 = static_cast<unsigned char>(bytes[i + 1]);
      char32_t unit = little ? (b1 << 8 | b0) : (b0 << 8 | b1);
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        if (i + 3 >= bytes.size()) return fault("UTF-16 text ends inside a surrogate pair");
        const auto c0 = static_cast<unsigned char>(bytes[i + 2]), c1 = static_cast<unsigned char>(bytes[i + 3]);
        const char32_t low = little ? (c1 << 8 | c0) : (c0 << 8 | c1);
        if (low < 0xDC00 || low > 0xDFFF) return fault("UTF-16 text with half a surrogate pair");
        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        return fault("UTF-16 text with half a surrogate pair");
      }
      text::appendUtf8(result.text, unit);
    }
    result.transcoded = true;
    return result;
  }
  // Otherwise the declaration says; none means UTF-8.
  std::string encoding = "utf-8";
  if (bytes.starts_with("<?xml")) {
    const std::size_t end = bytes.find("?>");
    if (auto value = declared(bytes.substr(0, end == std::string_view::npos ? 0 : end), "encoding")) {
      encoding = lower(*value);
    }
  }
  if (encoding == "utf-8" || encoding == "utf8") return result;
  if (encoding == "utf-16") return fault("encoding \"UTF-16\" declared, but the file has no byte order mark");
  const bool latin1 = encoding == "iso-8859-1" || encoding == "latin1" || encoding == "iso_8859-1";
  const bool ascii = encoding == "us-ascii" || encoding == "ascii";
  const bool windows = encoding == "windows-1252" || encoding == "cp1252";
  if (!latin1 && !ascii && !windows) {
    return fault("encoding \"" + text::printable(encoding) +
                 "\" is not supported (UTF-8, UTF-16, ISO-8859-1, US-ASCII, windows-1252)");
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    char32_t code = byte;
    if (byte >= 0x80 && ascii) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned>(byte));
      result.fault = XmlFault{i, std::string("malformed XML: byte 0x") + hex + " in a US-ASCII file"};
      return result;
    }
    if (byte >= 0x80 && byte <= 0x9F && windows) {
      code = kWindows1252[byte - 0x80];
      if (code == 0) {
        result.fault = XmlFault{i, "malformed XML: a byte windows-1252 does not define"};
        return result;
      }
    }
    text::appendUtf8(result.text, code);
  }
  result.transcoded = true;
  return result;
}

std::optional<XmlFault> checkWellFormed(std::string_view text) { return Checker(text).run(); }

}  // namespace bpmn::xml

#include "feel/regex.h"

#include <re2/re2.h>

#include <algorithm>

#include "bpmn/text.h"

namespace bpmn::feel {
namespace {

// RE2's memory for one compiled pattern; a larger pattern does not compile.
constexpr std::int64_t kMaxProgramBytes = 8 << 20;

using Ranges = std::vector<std::pair<char32_t, char32_t>>;  // sorted, disjoint

// One UTF-8 character at `at` (advanced past it); U+FFFD for a bad byte.
char32_t nextCharacter(std::string_view text, std::size_t& at) {
  const auto byte = static_cast<unsigned char>(text[at++]);
  int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
  char32_t c = extra == 3 ? byte & 0x07 : extra == 2 ? byte & 0x0F : extra == 1 ? byte & 0x1F : byte;
  if (byte >= 0x80 && extra == 0) return 0xFFFD;
  for (; extra > 0; --extra) {
    if (at >= text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) return 0xFFFD;
    c = (c << 6) | (static_cast<unsigned char>(text[at++]) & 0x3F);
  }
  return c;
}

Ranges normalised(Ranges ranges) {
  std::sort(ranges.begin(), ranges.end());
  Ranges merged;
  for (const auto& range : ranges) {
    if (!merged.empty() && range.first <= merged.back().second + 1) {
      merged.back().second = std::max(merged.back().second, range.second);
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

Ranges complement(const Ranges& ranges) {
  Ranges result;
  char32_t next = 0;
  for (const auto& [first, last] : ranges) {
    if (first > next) result.emplace_back(next, first - 1);
    next = last + 1;
  }
  if (next <= 0x10FFFF) result.emplace_back(next, 0x10FFFF);
  return result;
}

// Both sorted and disjoint: one merge pass.
Ranges intersection(const Ranges& a, const Ranges& b) {
  Ranges result;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const char32_t first = std::max(a[i].first, b[j].first), last = std::min(a[i].second, b[j].second);
    if (first <= last) result.emplace_back(first, last);
    if (a[i].second < b[j].second) {
      ++i;
    } else {
      ++j;
    }
  }
  return result;
}

// A character class with subtraction (XML Schema's [A-[B]]) from `at`, just
// past its "[", to just past its "]": the characters it matches. Only
// literal characters, single-character escapes and ranges are taken; the
// rest (\d, \p{...}) gives nothing.
std::optional<Ranges> classRanges(std::string_view pattern, std::size_t& at) {
  bool negated = false;
  if (at < pattern.size() && pattern[at] == '^') {
    negated = true;
    ++at;
  }
  Ranges ranges;
  auto single = [&]() -> std::optional<char32_t> {
    if (pattern[at] != '\\') return nextCharacter(pattern, at);
    if (at + 1 >= pattern.size()) return std::nullopt;
    const char escaped = pattern[at + 1];
    at += 2;
    switch (escaped) {
      case 'n':
        return U'\n';
      case 'r':
        return U'\r';
      case 't':
        return U'\t';
      default:
        if (std::string_view("\\|.-^?*+{}()[]$").find(escaped) != std::string_view::npos) {
          return static_cast<char32_t>(escaped);
        }
        return std::nullopt;
    }
  };
  while (at < pattern.size() && pattern[at] != ']') {
    if (pattern[at] == '-' && at + 1 < pattern.size() && pattern[at + 1] == '[') {
      at += 2;
      auto subtracted = classRanges(pattern, at);
      if (!subtracted || at >= pattern.size() || pattern[at] != ']') return std::nullopt;
      ++at;
      Ranges base = normalised(ranges);
      if (negated) base = complement(base);
      return intersection(base, complement(*subtracted));
    }
    auto first = single();
    if (!first) return std::nullopt;
    char32_t last = *first;
    if (at + 1 < pattern.size() && pattern[at] == '-' && pattern[at + 1] != ']' && pattern[at + 1] != '[') {
      ++at;
      auto end = single();
      if (!end || *end < *first) return std::nullopt;
      last = *end;
    }
    ranges.emplace_back(*first, last);
  }
  if (at >= pattern.size()) return std::nullopt;
  ++at;  // "]"
  ranges = normalised(std::move(ranges));
  return negated ? complement(ranges) : ranges;
}

std::string hex(char32_t c) {
  static const char* digits = "0123456789ABCDEF";
  std::string text;
  do {
    text.insert(text.begin(), digits[c & 0xF]);
    c >>= 4;
  } while (c);
  return "\\x{" + text + "}";
}

// With the x flag, white space goes before the pattern is read, except
// inside character classes (XQuery F&O 3.1 §5.6.1.1).
std::string withoutSpace(std::string_view pattern) {
  std::string result;
  int depth = 0;
  bool escaped = false;
  for (char c : pattern) {
    if (!depth && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) continue;
    result += c;
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']' && depth > 0) {
      --depth;
    }
  }
  return result;
}

// XML Schema's escapes (F&O 3.1 §5.6.1): single characters, the
// multi-character classes RE2 shares (\s \d \w and their complements), and
// categories \p{..} \P{..}. Anything else (RE2's own \b, \A, \Q, XML's
// \i and \c, back-references) is no pattern here.
bool isXsdEscape(char c) { return std::string_view("nrt\\|.?*+(){}-[]^$sSdDwWpP").find(c) != std::string_view::npos; }

// Nesting of subtracted classes ([a-[b-[c]]]) a pattern may have.
constexpr int kMaxSubtractions = 16;

// The pattern in RE2's syntax, or empty when it uses what RE2 lacks.
// XPath's "." matches neither \n nor \r unless the s flag is set.
std::optional<std::string> translate(std::string_view pattern, bool dotAll) {
  std::string result;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '(' && i + 1 < pattern.size() && pattern[i + 1] == '?') return std::nullopt;  // RE2 groups, not XSD's
    if (c == '\\') {
      if (i + 1 >= pattern.size()) return std::nullopt;
      const char next = pattern[i + 1];
      if (!isXsdEscape(next)) return std::nullopt;
      if ((next == 'p' || next == 'P') && pattern.substr(i + 2).starts_with("{Is")) return std::nullopt;
      result += c;
      result += next;
      ++i;
      continue;
    }
    if (c == '[') {
      // Copy the class, or compute it when it subtracts another.
      std::size_t end = i + 1;
      bool subtracts = false;
      if (end < pattern.size() && pattern[end] == '^') ++end;
      if (end < pattern.size() && pattern[end] == ']') return std::nullopt;  // empty class
      int depth = 1;
      for (; end < pattern.size() && depth > 0; ++end) {
        if (pattern[end] == '\\') {
          if (end + 1 >= pattern.size() || !isXsdEscape(pattern[end + 1])) return std::nullopt;  // as outside classes
          ++end;
        } else if (pattern[end] == '[') {
          if (pattern[end - 1] != '-') return std::nullopt;
          subtracts = true;
          if (++depth > kMaxSubtractions) return std::nullopt;
        } else if (pattern[end] == ']') {
          --depth;
        }
      }
      if (depth != 0) return std::nullopt;
      if (!subtracts) {
        result.append(pattern.substr(i, end - i));
      } else {
        std::size_t at = i + 1;
        auto ranges = classRanges(pattern, at);
        if (!ranges || at != end) return std::nullopt;
        if (ranges->empty()) return std::nullopt;  // matches nothing: RE2 has no empty class
        result += '[';
        for (const auto& [first, last] : *ranges) result += first == last ? hex(first) : hex(first) + "-" + hex(last);
        result += ']';
      }
      i = end - 1;
      continue;
    }
    if (c == '.' && !dotAll) {
      result += "[^\\n\\r]";
      continue;
    }
    result += c;
  }
  return result;
}

}  // namespace

std::optional<XPathRegex> XPathRegex::compile(std::string_view pattern, std::string_view flags) {
  bool dotAll = false, multiLine = false, caseless = false, extended = false, literal = false;
  for (char flag : flags) {
    switch (flag) {
      case 's':
        dotAll = true;
        break;
      case 'm':
        multiLine = true;
        break;
      case 'i':
        caseless = true;
        break;
      case 'x':
        extended = true;
        break;
      case 'q':
        literal = true;
        break;
      default:
        return std::nullopt;
    }
  }
  std::string translated;
  if (literal) {
    translated = RE2::QuoteMeta(re2::StringPiece(pattern.data(), pattern.size()));
  } else {
    auto text = translate(extended ? withoutSpace(pattern) : std::string(pattern), dotAll);
    if (!text) return std::nullopt;
    translated = std::move(*text);
  }
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(kMaxProgramBytes);
  options.set_case_sensitive(!caseless);
  options.set_dot_nl(dotAll);
  options.set_never_nl(false);
  // RE2's one-line mode is the default; (?m) makes ^ and $ match at lines.
  if (multiLine) translated = "(?m)" + translated;
  auto regex = std::make_shared<const RE2>(translated, options);
  if (!regex->ok()) return std::nullopt;
  return XPathRegex(std::move(regex), literal);
}

bool XPathRegex::search(std::string_view input) const {
  return RE2::PartialMatch(re2::StringPiece(input.data(), input.size()), *regex_);
}

bool XPathRegex::matchesEmpty() const { return RE2::PartialMatch(re2::StringPiece(), *regex_); }

std::optional<std::string> XPathRegex::replace(std::string_view input, std::string_view replacement) const {
  if (matchesEmpty()) return std::nullopt;  // XQuery FORX0003
  const int groups = regex_->NumberOfCapturingGroups();
  // The replacement as literal pieces and group numbers (-1: literal).
  std::vector<std::pair<int, std::string>> pieces;
  std::string text;
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    const char c = replacement[i];
    if (literalReplacement_ || (c != '\\' && c != '$')) {
      text += c;
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= replacement.size() || (replacement[i + 1] != '\\' && replacement[i + 1] != '$')) {
        return std::nullopt;  // FORX0004
      }
      text += replacement[++i];
      continue;
    }
    // $N: the longest run of digits that names a group (F&O 3.1 §5.6.3);
    // a group the pattern does not have gives the empty string.
    if (i + 1 >= replacement.size() || replacement[i + 1] < '0' || replacement[i + 1] > '9') return std::nullopt;
    int number = replacement[++i] - '0';
    while (i + 1 < replacement.size() && replacement[i + 1] >= '0' && replacement[i + 1] <= '9' &&
           number * 10 + (replacement[i + 1] - '0') <= groups) {
      number = number * 10 + (replacement[++i] - '0');
    }
    pieces.emplace_back(-1, std::move(text));
    text.clear();
    pieces.emplace_back(number, std::string());
  }
  pieces.emplace_back(-1, std::move(text));

  std::vector<re2::StringPiece> found(static_cast<std::size_t>(groups) + 1);
  const re2::StringPiece whole(input.data(), input.size());
  std::string result;
  std::size_t at = 0;
  while (at <= input.size() &&
         regex_->Match(whole, at, input.size(), RE2::UNANCHORED, found.data(), static_cast<int>(found.size()))) {
    const std::size_t begin = static_cast<std::size_t>(found[0].data() - input.data());
    result.append(input.substr(at, begin - at));
    for (const auto& [group, literalText] : pieces) {
      if (group < 0) {
        result += literalText;
      } else if (group <= groups && found[static_cast<std::size_t>(group)].data()) {
        result.append(found[static_cast<std::size_t>(group)].data(), found[static_cast<std::size_t>(group)].size());
      }
    }
    at = begin + found[0].size();
    if (found[0].empty()) {  // cannot happen after matchesEmpty(), but never loop on one
      if (at >= input.size()) break;
      const std::size_t step = std::max<std::size_t>(1, text::utf8Length(input.substr(at)));
      result.append(input.substr(at, step));
      at += step;
    }
  }
  if (at < input.size()) result.append(input.substr(at));
  return result;
}

std::optional<std::vector<std::string>> XPathRegex::split(std::string_view input) const {
  if (matchesEmpty()) return std::nullopt;  // XQuery FORX0003
  std::vector<std::string> parts;
  if (input.empty()) return parts;
  const re2::StringPiece whole(input.data(), input.size());
  re2::StringPiece found;
  std::size_t at = 0;
  while (at <= input.size() && regex_->Match(whole, at, input.size(), RE2::UNANCHORED, &found, 1)) {
    const std::size_t begin = static_cast<std::size_t>(found.data() - input.data());
    parts.emplace_back(input.substr(at, begin - at));
    at = begin + found.size();
    if (found.empty()) break;  // cannot happen after matchesEmpty(), but never loop on one
  }
  parts.emplace_back(input.substr(std::min(at, input.size())));
  return parts;
}

std::vector<std::string> XPathRegex::matches(std::string_view input) const {
  std::vector<std::string> result;
  const re2::StringPiece whole(input.data(), input.size());
  re2::StringPiece found;
  std::size_t at = 0;
  while (at <= input.size() && regex_->Match(whole, at, input.size(), RE2::UNANCHORED, &found, 1)) {
    result.emplace_back(found.data(), found.size());
    const std::size_t end = static_cast<std::size_t>(found.data() - input.data()) + found.size();
    at = end;
    if (found.empty()) {  // an empty match moves on by one character
      ++at;
      while (at < input.size() && (static_cast<unsigned char>(input[at]) & 0xC0) == 0x80) ++at;
    }
  }
  return result;
}

}  // namespace bpmn::feel

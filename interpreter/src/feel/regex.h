// Regular expressions as FEEL's matches(), replace() and split() define
// them (DMN 1.4 §10.3.4.3, after XQuery F&O 3.1 §5.6): XML Schema syntax
// with the flags s, m, i, x and q, run on RE2, whose time is linear in the
// input and whose memory is bounded, so that no pattern can hang an
// evaluation. What RE2 cannot express (back-references, character class
// subtraction, \p{Is...} blocks, \i and \c) does not compile, and the
// function gives null, as for any invalid pattern. Immutable after compile;
// safe to share between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace bpmn::feel {

class XPathRegex {
 public:
  // Empty for an invalid pattern or flag.
  static std::optional<XPathRegex> compile(std::string_view pattern, std::string_view flags);

  bool search(std::string_view input) const;
  // Every match replaced; the replacement refers to groups as $N, and \$ and
  // \\ are a dollar and a backslash (literal with the q flag). Empty when
  // the replacement is invalid or the pattern matches the empty string.
  std::optional<std::string> replace(std::string_view input, std::string_view replacement) const;
  // The parts between matches. Empty when the pattern matches the empty
  // string.
  std::optional<std::vector<std::string>> split(std::string_view input) const;
  // Every match, left to right (Camunda's extract()).
  std::vector<std::string> matches(std::string_view input) const;

 private:
  explicit XPathRegex(std::shared_ptr<const re2::RE2> regex, bool literalReplacement)
      : regex_(std::move(regex)), literalReplacement_(literalReplacement) {}
  bool matchesEmpty() const;

  std::shared_ptr<const re2::RE2> regex_;
  bool literalReplacement_ = false;
};

}  // namespace bpmn::feel

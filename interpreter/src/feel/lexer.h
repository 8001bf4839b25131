// The FEEL lexer: text -> tokens with their columns. Names are single words
// here (letters, digits, '_', '?'); the parser joins words into names with
// spaces ("string length") where it knows such a name. Comments (// and /* */)
// are skipped. Immutable after tokenize(); no shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bpmn/status.h"

namespace bpmn::feel {

struct Token {
  enum class Kind { kNumber, kString, kName, kBacktickName, kSymbol, kTemporal, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;  // the symbol, the word, the number's digits, or the decoded string
  int column = 1;    // 1-based, in characters
  bool spaceBefore = false;
};

// Fails with "FEEL syntax error at column N: ..." for an unterminated string
// or comment and for a character FEEL does not use.
Result<std::vector<Token>> tokenize(std::string_view text);

// "end of input", "name \"x\"", "\"+\"": how messages show a token.
std::string describe(const Token& token);

}  // namespace bpmn::feel

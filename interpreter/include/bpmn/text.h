// UTF-8 and the text the engine shows to people: what every module that
// reads bytes from outside (XML, JSON, command lines, stored rows) or writes
// them out (JSON, diagnostics) uses, so that invalid bytes never reach an
// output that must be UTF-8 and a value cannot forge a line of output.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bpmn::text {

// The length of the well-formed UTF-8 sequence `text` starts with: 1 to 4,
// or 0 when it starts with none (a stray continuation byte, an overlong
// form, a surrogate, beyond U+10FFFF, cut short).
std::size_t utf8Length(std::string_view text);
bool isUtf8(std::string_view text);
void appendUtf8(std::string& out, char32_t code);
// The text with each byte that is not part of well-formed UTF-8 replaced by
// U+FFFD.
std::string toValidUtf8(std::string_view text);
// For messages: control characters (newlines included) as \n, \r, \t or
// \xNN, and invalid UTF-8 as U+FFFD, so a value read from a file prints on
// one line and cannot pose as a line of output of its own.
std::string printable(std::string_view text);

}  // namespace bpmn::text

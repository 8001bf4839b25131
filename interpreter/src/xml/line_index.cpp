#include "xml/line_index.h"

#include <algorithm>
#include <cstring>

namespace bpmn::xml {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  lineStarts_.reserve(text.size() / 40 + 1);
  lineStarts_.push_back(0);
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* at = begin; at < end;) {
    const void* newline = std::memchr(at, '\n', static_cast<std::size_t>(end - at));
    if (newline == nullptr) break;
    at = static_cast<const char*>(newline) + 1;
    lineStarts_.push_back(static_cast<std::size_t>(at - begin));
  }
}

LineColumn LineIndex::at(std::ptrdiff_t offset) const {
  if (offset < 0) return {};
  auto pos = std::min<std::size_t>(static_cast<std::size_t>(offset), text_.size());
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), pos);
  std::size_t line = static_cast<std::size_t>(it - lineStarts_.begin());
  std::size_t start = lineStarts_[line - 1];
  int column = 1;
  for (std::size_t i = start; i < pos; ++i) {
    // Count lead bytes only, so a multi-byte character is one column.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return {static_cast<int>(line), column};
}

}  // namespace bpmn::xml

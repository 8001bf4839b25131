#include "xml/line_index.h"

#include <algorithm>

namespace bpmn::xml {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  lineStarts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') lineStarts_.push_back(i + 1);
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

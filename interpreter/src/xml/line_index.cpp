#include "xml/line_index.h"

#include <algorithm>

namespace bpmn::xml {

namespace {
// A checkpoint every this many bytes of a line, so that a lookup in a very
// long line (a file written on one line) scans at most this far.
constexpr std::size_t kStride = 256;

bool leadByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  checkpoints_.reserve(text.size() / 40 + 1);
  int line = 1, column = 1;
  std::size_t sinceCheckpoint = 0;
  checkpoints_.push_back({0, line, column});
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
      checkpoints_.push_back({i + 1, line, column});
      sinceCheckpoint = 0;
      continue;
    }
    if (leadByte(text[i])) {
      // A checkpoint only where a character starts, so a lookup counts from there.
      if (sinceCheckpoint >= kStride) {
        checkpoints_.push_back({i, line, column});
        sinceCheckpoint = 0;
      }
      ++column;
    }
    ++sinceCheckpoint;
  }
}

LineColumn LineIndex::at(std::ptrdiff_t offset) const {
  if (offset < 0) return {};
  const auto pos = std::min<std::size_t>(static_cast<std::size_t>(offset), text_.size());
  auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), pos,
                             [](std::size_t value, const Checkpoint& checkpoint) { return value < checkpoint.offset; });
  const Checkpoint& from = *(it - 1);
  int column = from.column;
  for (std::size_t i = from.offset; i < pos; ++i) {
    // Count lead bytes only, so a multi-byte character is one column.
    if (leadByte(text_[i])) ++column;
  }
  return {from.line, column};
}

}  // namespace bpmn::xml

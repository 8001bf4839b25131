// LineIndex: maps byte offsets of a source buffer to 1-based line and column
// (columns count UTF-8 characters, as editors do). Built once per file in
// O(n) with a checkpoint at every line start and every 256 bytes of a long
// line; a lookup is a binary search and a scan of at most 256 bytes, so a
// file written on one line reads in linear time. Immutable after
// construction.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace bpmn::xml {

struct LineColumn {
  int line = 0;
  int column = 0;
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  LineColumn at(std::ptrdiff_t offset) const;

 private:
  struct Checkpoint {
    std::size_t offset;
    int line;
    int column;
  };
  std::string_view text_;
  std::vector<Checkpoint> checkpoints_;
};

}  // namespace bpmn::xml

// LineIndex: maps byte offsets of a source buffer to 1-based line and column
// (columns count UTF-8 characters, as editors do). Built once per file in
// O(n); each lookup is a binary search. Immutable after construction.
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
  std::string_view text_;
  std::vector<std::size_t> lineStarts_;
};

}  // namespace bpmn::xml

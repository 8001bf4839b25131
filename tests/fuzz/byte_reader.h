// Choices taken from a fuzzer's bytes: each call consumes what it needs and
// gives a default once the bytes run out, so every input, however short,
// makes a whole decision sequence. Plain data; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bpmn::fuzz {

class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool empty() const { return at_ >= size_; }
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  // A number in [0, n); 0 when n is 0.
  std::size_t below(std::size_t n) {
    if (n <= 1) return 0;
    std::size_t value = byte();
    if (n > 256) value = value << 8 | byte();
    return value % n;
  }
  bool chance(int percent) { return static_cast<int>(byte() % 100) < percent; }
  template <typename T, std::size_t N>
  const T& pick(const T (&options)[N]) {
    return options[below(N)];
  }
  std::uint32_t u32() {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value = value << 8 | byte();
    return value;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

}  // namespace bpmn::fuzz

// Clock: where the engine reads the time. An interface so tests and the
// simulator run on a virtual clock and the engine never reads the system
// time behind their back. SystemClock is thread-safe; ManualClock is not
// (set it from the thread that drives the engine).
#pragma once

#include <cstdint>

namespace bpmn {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t nowMillis() const = 0;  // milliseconds since the epoch, UTC
};

// `at` plus `millis`, held at the ends of the 64-bit range instead of
// overflowing: a deadline too far away to say stays far away. Every
// deadline the engine computes (timers, locks, back-offs, time to live)
// goes through here.
inline std::int64_t addMillis(std::int64_t at, std::int64_t millis) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(at, millis, &sum)) return sum;
  return millis > 0 ? INT64_MAX : INT64_MIN;
}

class SystemClock final : public Clock {
 public:
  std::int64_t nowMillis() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start = 0) : now_(start) {}
  std::int64_t nowMillis() const override { return now_; }
  void set(std::int64_t millis) { now_ = millis; }
  void advance(std::int64_t millis) { now_ += millis; }

 private:
  std::int64_t now_;
};

}  // namespace bpmn

// Cron expressions in timer cycles, as Camunda 7 and Zeebe take them:
// "second minute hour day-of-month month day-of-week [year]" ("0 0/5 * * *
// ?": every five minutes), with *, ?, lists, ranges, steps, month and day
// names, L, W, LW, L-n, nL and n#k, and the macros @yearly, @annually,
// @monthly, @weekly, @daily, @midnight and @hourly. The two engines number
// the days of the week differently: Camunda 7's Quartz from 1 = Sunday,
// Zeebe's Spring cron from 0 or 7 = Sunday and 1 = Monday; names mean the
// same in both. Times are UTC. Immutable after parse; thread-safe.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpmn::runtime {

enum class CronDialect { kQuartz, kSpring };

class Cron {
 public:
  // Empty, with `error` set, when `text` is not a cron expression.
  static std::optional<Cron> parse(std::string_view text, CronDialect dialect, std::string& error);
  // Whether `text` is written as cron rather than ISO 8601 (fields apart by
  // spaces, or a macro).
  static bool looksLikeCron(std::string_view text);

  // The first firing strictly after `afterMillis` (since the epoch, UTC);
  // empty when none comes (a 30th of February, a year passed).
  std::optional<std::int64_t> next(std::int64_t afterMillis) const;

 private:
  bool matchesDay(std::int64_t year, int month, int day) const;

  std::bitset<60> seconds_, minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1-31
  std::bitset<13> months_;   // 1-12
  std::bitset<7> weekdays_;  // 0 = Sunday
  bool anyDay_ = true, anyWeekday_ = true;
  bool lastDay_ = false;       // L (with lastDayOffset_: L-n)
  int lastDayOffset_ = 0;
  bool lastWeekdayOfMonth_ = false;  // LW
  int nearestWeekdayTo_ = 0;         // nW
  int lastOfWeekday_ = -1;           // nL: the last such weekday of the month
  int nthWeekday_ = -1, nth_ = 0;    // n#k
  std::int64_t yearFrom_ = 0, yearTo_ = 0, yearStep_ = 0;  // 0: any year
};

}  // namespace bpmn::runtime

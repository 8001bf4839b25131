// Temporal functions (DMN 1.4 §10.3.4.1 conversions, §10.3.4.9 date and time
// functions) and Camunda's last day of month.
#include "feel/builtin_support.h"
#include "feel/builtins.h"
#include "feel/evaluator.h"
#include "feel/temporal_operations.h"

namespace bpmn::feel {

using support::integer;
using support::number;
using support::string;

namespace {

std::optional<Date> dateOf(const Value& value) {
  if (const Date* date = value.date()) return *date;
  if (const DateTime* dateTime = value.dateTime()) return dateTime->date;
  return std::nullopt;
}

constexpr const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

int isoWeekday(const Date& date) {  // 1 = Monday
  const std::int64_t days = daysFromCivil(date);
  return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1;
}

// ISO 8601 week number: the week with the year's first Thursday is week 1.
int isoWeek(const Date& date) {
  const std::int64_t days = daysFromCivil(date);
  const std::int64_t thursday = days - isoWeekday(date) + 4;
  const Date thursdayDate = civilFromDays(thursday);
  const std::int64_t yearStart = daysFromCivil(Date{thursdayDate.year, 1, 1});
  return static_cast<int>((thursday - yearStart) / 7) + 1;
}

}  // namespace

void registerTemporalFunctions(BuiltinTable& table) {
  addBuiltin(table, "date", {"from"}, [](const std::vector<Value>& a) -> Value {
    if (const std::string* text = string(a, 0)) {
      auto date = parseDate(*text);
      return date ? Value(*date) : Value();
    }
    auto date = dateOf(a[0]);
    return date ? Value(*date) : Value();
  });
  addBuiltin(table, "date", {"year", "month", "day"}, [](const std::vector<Value>& a) -> Value {
    auto year = integer(a, 0);
    auto month = integer(a, 1);
    auto day = integer(a, 2);
    if (!year || !month || !day || !isValidDate(*year, static_cast<int>(*month), static_cast<int>(*day))) return {};
    return Date{*year, static_cast<int>(*month), static_cast<int>(*day)};
  });
  addBuiltin(table, "time", {"from"}, [](const std::vector<Value>& a) -> Value {
    if (const std::string* text = string(a, 0)) {
      auto time = parseTime(*text);
      return time ? Value(*time) : Value();
    }
    if (const DateTime* dateTime = a[0].dateTime()) return dateTime->time;
    if (a[0].date()) return Time{0, 0, 0, 0, 0, {}};
    return {};
  });
  for (bool withOffset : {false, true}) {
    std::vector<std::string> parameters{"hour", "minute", "second"};
    if (withOffset) parameters.push_back("offset");
    addBuiltin(table, "time", parameters, [withOffset](const std::vector<Value>& a) -> Value {
      auto hour = integer(a, 0);
      auto minute = integer(a, 1);
      const Decimal* second = number(a, 2);
      if (!hour || !minute || !second || *hour < 0 || *hour > 23 || *minute < 0 || *minute > 59) return {};
      const Decimal whole = second->rounded(0, Decimal::Rounding::kFloor);
      auto seconds = whole.toInt64();
      if (!seconds || *seconds < 0 || *seconds > 59) return {};
      Time time{static_cast<int>(*hour), static_cast<int>(*minute), static_cast<int>(*seconds), 0, {}, {}};
      const Decimal nanos = (*second - whole) * Decimal(1'000'000'000);
      time.nanos = static_cast<int>(nanos.rounded(0, Decimal::Rounding::kDown).toInt64().value_or(0));
      if (withOffset && !a[3].isNull()) {
        const DaysTimeDuration* offset = a[3].daysTime();
        if (!offset || offset->nanos != 0 || offset->seconds > 18 * 3600 || offset->seconds < -18 * 3600) return {};
        time.offsetSeconds = static_cast<int>(offset->seconds);
      }
      return time;
    });
  }
  addBuiltin(table, "date and time", {"from"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    if (!text) return {};
    auto dateTime = parseDateTime(*text);
    return dateTime ? Value(*dateTime) : Value();
  });
  addBuiltin(table, "date and time", {"date", "time"}, [](const std::vector<Value>& a) -> Value {
    auto date = dateOf(a[0]);
    const Time* time = a[1].time();
    if (!date || !time) return {};
    return DateTime{*date, *time};
  });
  addBuiltin(table, "duration", {"from"}, [](const std::vector<Value>& a) -> Value {
    const std::string* text = string(a, 0);
    if (!text) return {};
    if (auto months = parseYearsMonthsDuration(*text)) return *months;
    if (auto span = parseDaysTimeDuration(*text)) return *span;
    return {};
  });
  addBuiltin(table, "years and months duration", {"from", "to"}, [](const std::vector<Value>& a) -> Value {
    auto from = dateOf(a[0]);
    auto to = dateOf(a[1]);
    if (!from || !to) return {};
    std::int64_t months = (to->year - from->year) * 12 + (to->month - from->month);
    // Only whole months count: back one when the day has not come round.
    if (months > 0 && to->day < from->day) --months;
    if (months < 0 && to->day > from->day) ++months;
    return YearsMonthsDuration{months};
  });
  addBuiltin(table, "day of year", {"date"}, [](const std::vector<Value>& a) -> Value {
    auto date = dateOf(a[0]);
    if (!date) return {};
    return Decimal(daysFromCivil(*date) - daysFromCivil(Date{date->year, 1, 1}) + 1);
  });
  addBuiltin(table, "day of week", {"date"}, [](const std::vector<Value>& a) -> Value {
    auto date = dateOf(a[0]);
    if (!date) return {};
    return std::string(kWeekdays[isoWeekday(*date) - 1]);
  });
  addBuiltin(table, "month of year", {"date"}, [](const std::vector<Value>& a) -> Value {
    auto date = dateOf(a[0]);
    if (!date) return {};
    return std::string(kMonths[date->month - 1]);
  });
  addBuiltin(table, "week of year", {"date"}, [](const std::vector<Value>& a) -> Value {
    auto date = dateOf(a[0]);
    if (!date) return {};
    return Decimal(isoWeek(*date));
  });
  addBuiltin(table, "now", {}, [](const std::vector<Value>&) -> Value {
    const std::int64_t millis = currentTimeMillis();
    std::int64_t days = millis / 86'400'000;
    std::int64_t rest = millis % 86'400'000;
    if (rest < 0) {
      rest += 86'400'000;
      --days;
    }
    Time time{static_cast<int>(rest / 3'600'000),
              static_cast<int>(rest / 60'000 % 60),
              static_cast<int>(rest / 1000 % 60),
              static_cast<int>(rest % 1000) * 1'000'000,
              0,
              {}};
    return DateTime{civilFromDays(days), time};
  });
  addBuiltin(table, "today", {}, [](const std::vector<Value>&) -> Value {
    const std::int64_t millis = currentTimeMillis();
    return civilFromDays(millis >= 0 ? millis / 86'400'000 : (millis - 86'399'999) / 86'400'000);
  });
  addBuiltin(table, "last day of month", {"date"}, [](const std::vector<Value>& a) -> Value {
    auto date = dateOf(a[0]);
    if (!date) return {};
    return Date{date->year, date->month, daysInMonth(date->year, date->month)};
  });
}

}  // namespace bpmn::feel

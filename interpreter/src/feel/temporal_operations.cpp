#include "feel/temporal_operations.h"

namespace bpmn::feel {
namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;

__extension__ typedef __int128 Int128;

Int128 totalNanos(const DaysTimeDuration& duration) {
  return static_cast<Int128>(duration.seconds) * kNanosPerSecond + duration.nanos;
}

// A days and time duration of `nanos`; none beyond 64-bit seconds.
std::optional<Value> durationValue(Int128 nanos) {
  auto duration = makeDuration(nanos);
  if (!duration) return std::nullopt;
  return Value(*duration);
}

Int128 localNanos(const DateTime& dateTime) {
  const Time& t = dateTime.time;
  const Int128 seconds =
      static_cast<Int128>(daysFromCivil(dateTime.date)) * kSecondsPerDay + t.hour * 3600 + t.minute * 60 + t.second;
  return seconds * kNanosPerSecond + t.nanos;
}

// The local date and time `nanos` after the epoch, keeping the zone fields.
std::optional<DateTime> fromLocalNanos(Int128 nanos, const Time& zoneFrom) {
  Int128 seconds = nanos / kNanosPerSecond;
  Int128 rest = nanos % kNanosPerSecond;
  if (rest < 0) {
    rest += kNanosPerSecond;
    --seconds;
  }
  Int128 days = seconds / kSecondsPerDay;
  Int128 secondOfDay = seconds % kSecondsPerDay;
  if (secondOfDay < 0) {
    secondOfDay += kSecondsPerDay;
    --days;
  }
  DateTime result;
  result.date = civilFromDays(static_cast<std::int64_t>(days));
  if (!isValidDate(result.date.year, result.date.month, result.date.day)) return std::nullopt;
  result.time = zoneFrom;
  result.time.hour = static_cast<int>(secondOfDay / 3600);
  result.time.minute = static_cast<int>(secondOfDay % 3600 / 60);
  result.time.second = static_cast<int>(secondOfDay % 60);
  result.time.nanos = static_cast<int>(rest);
  return result;
}

DateTime atMidnight(const Date& date) { return DateTime{date, Time{}}; }

// Both local, or both with an offset or zone: then the difference in UTC.
std::optional<Int128> difference(const DateTime& a, const DateTime& b) {
  auto offsetA = offsetAt(a.date, a.time);
  auto offsetB = offsetAt(b.date, b.time);
  if (offsetA.has_value() != offsetB.has_value()) return std::nullopt;
  Int128 x = localNanos(a);
  Int128 y = localNanos(b);
  if (offsetA) {
    x -= static_cast<Int128>(*offsetA) * kNanosPerSecond;
    y -= static_cast<Int128>(*offsetB) * kNanosPerSecond;
  }
  return x - y;
}

std::optional<Value> plusDuration(const Value& temporal, const Value& duration, int direction) {
  if (const YearsMonthsDuration* months = duration.yearsMonths()) {
    const std::int64_t delta = direction * months->months;
    if (const Date* date = temporal.date()) {
      auto result = addMonths(*date, delta);
      return result ? std::optional<Value>(Value(*result)) : std::nullopt;
    }
    if (const DateTime* dateTime = temporal.dateTime()) {
      auto date = addMonths(dateTime->date, delta);
      if (!date) return std::nullopt;
      return Value(DateTime{*date, dateTime->time});
    }
    return std::nullopt;
  }
  if (const DaysTimeDuration* span = duration.daysTime()) {
    const Int128 delta = direction * totalNanos(*span);
    if (const DateTime* dateTime = temporal.dateTime()) {
      auto result = fromLocalNanos(localNanos(*dateTime) + delta, dateTime->time);
      return result ? std::optional<Value>(Value(*result)) : std::nullopt;
    }
    if (const Date* date = temporal.date()) {
      auto result = fromLocalNanos(localNanos(atMidnight(*date)) + delta, Time{});
      return result ? std::optional<Value>(Value(result->date)) : std::nullopt;
    }
    if (const Time* time = temporal.time()) {
      const Int128 day = static_cast<Int128>(kSecondsPerDay) * kNanosPerSecond;
      Int128 nanos = localNanos(DateTime{Date{}, *time}) + delta;
      nanos %= day;
      if (nanos < 0) nanos += day;
      auto result = fromLocalNanos(nanos, *time);
      return Value(result->time);
    }
  }
  return std::nullopt;
}

std::optional<Decimal> asDecimal(Int128 value) {
  // Within ±10^34 every nanosecond count here fits; text keeps it exact.
  std::string digits;
  const bool negative = value < 0;
  Uint128 magnitude = negative ? static_cast<Uint128>(-(value + 1)) + 1 : static_cast<Uint128>(value);
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude > 0);
  return Decimal::parse((negative ? "-" : "") + digits);
}

std::optional<Int128> toInt128(const Decimal& value) {
  const Decimal whole = value.rounded(0, Decimal::Rounding::kHalfEven);
  const std::string text = whole.toString();
  if (text.size() > 36) return std::nullopt;
  Int128 result = 0;
  std::size_t at = text[0] == '-' ? 1 : 0;
  for (; at < text.size(); ++at) result = result * 10 + (text[at] - '0');
  return text[0] == '-' ? -result : result;
}

std::optional<Value> scaleDuration(const Value& duration, const Decimal& factor, bool divide) {
  if (divide && factor.isZero()) return std::nullopt;
  if (const DaysTimeDuration* span = duration.daysTime()) {
    auto nanos = asDecimal(totalNanos(*span));
    if (!nanos) return std::nullopt;
    auto scaled = divide ? Decimal::divide(*nanos, factor) : std::optional<Decimal>(*nanos * factor);
    if (!scaled) return std::nullopt;
    auto result = toInt128(*scaled);
    if (!result) return std::nullopt;
    return durationValue(*result);
  }
  if (const YearsMonthsDuration* months = duration.yearsMonths()) {
    auto scaled = divide ? Decimal::divide(Decimal(months->months), factor)
                         : std::optional<Decimal>(Decimal(months->months) * factor);
    if (!scaled) return std::nullopt;
    auto result = scaled->rounded(0, Decimal::Rounding::kDown).toInt64();
    if (!result) return std::nullopt;
    return Value(YearsMonthsDuration{*result});
  }
  return std::nullopt;
}

}  // namespace

std::optional<DaysTimeDuration> makeDuration(Int128 nanos) {
  const Int128 seconds = nanos / kNanosPerSecond;
  if (seconds > INT64_MAX || seconds < -INT64_MAX) return std::nullopt;  // beyond any duration: null
  return DaysTimeDuration{static_cast<std::int64_t>(seconds), static_cast<std::int32_t>(nanos % kNanosPerSecond)};
}

std::optional<Date> addMonths(const Date& date, std::int64_t months) {
  std::int64_t total = 0;
  if (__builtin_add_overflow(date.year * 12 + (date.month - 1), months, &total)) return std::nullopt;
  std::int64_t year = total / 12;
  std::int64_t month = total % 12;
  if (month < 0) {
    month += 12;
    --year;
  }
  const int monthOfYear = static_cast<int>(month) + 1;
  if (year < -999'999'999 || year > 999'999'999) return std::nullopt;
  const int day = std::min(date.day, daysInMonth(year, monthOfYear));
  return Date{year, monthOfYear, day};
}

std::optional<Value> negateDuration(const Value& value) {
  if (const DaysTimeDuration* span = value.daysTime()) return Value(DaysTimeDuration{-span->seconds, -span->nanos});
  if (const YearsMonthsDuration* months = value.yearsMonths()) {
    if (months->months == INT64_MIN) return std::nullopt;
    return Value(YearsMonthsDuration{-months->months});
  }
  return std::nullopt;
}

std::optional<Value> temporalArithmetic(std::string_view op, const Value& a, const Value& b) {
  const bool durationA = a.daysTime() || a.yearsMonths();
  const bool durationB = b.daysTime() || b.yearsMonths();
  if (op == "+") {
    if (durationA && durationB) {
      if (a.daysTime() && b.daysTime())
        return durationValue(totalNanos(*a.daysTime()) + totalNanos(*b.daysTime()));
      if (a.yearsMonths() && b.yearsMonths()) {
        std::int64_t months = 0;
        if (__builtin_add_overflow(a.yearsMonths()->months, b.yearsMonths()->months, &months)) return std::nullopt;
        return Value(YearsMonthsDuration{months});
      }
      return std::nullopt;
    }
    if (durationB) return plusDuration(a, b, 1);
    if (durationA) return plusDuration(b, a, 1);
    return std::nullopt;
  }
  if (op == "-") {
    if (durationA && durationB) {
      if (a.daysTime() && b.daysTime())
        return durationValue(totalNanos(*a.daysTime()) - totalNanos(*b.daysTime()));
      if (a.yearsMonths() && b.yearsMonths()) {
        std::int64_t months = 0;
        if (__builtin_sub_overflow(a.yearsMonths()->months, b.yearsMonths()->months, &months)) return std::nullopt;
        return Value(YearsMonthsDuration{months});
      }
      return std::nullopt;
    }
    if (durationB) return plusDuration(a, b, -1);
    // Differences of points in time are days and time durations.
    // A date in a difference is midnight UTC (TCK: a local date and time
    // minus a date has no answer).
    auto asDateTime = [&](const Value& v) -> std::optional<DateTime> {
      if (const DateTime* dateTime = v.dateTime()) return *dateTime;
      if (const Date* date = v.date()) {
        DateTime midnight = atMidnight(*date);
        if (!(a.date() && b.date())) midnight.time.offsetSeconds = 0;
        return midnight;
      }
      return std::nullopt;
    };
    if (a.time() && b.time()) {
      auto nanos = difference(DateTime{Date{}, *a.time()}, DateTime{Date{}, *b.time()});
      return nanos ? durationValue(*nanos) : std::nullopt;
    }
    auto x = asDateTime(a);
    auto y = asDateTime(b);
    if (!x || !y) return std::nullopt;
    auto nanos = difference(*x, *y);
    return nanos ? durationValue(*nanos) : std::nullopt;
  }
  if (op == "*") {
    if (durationA && b.number()) return scaleDuration(a, *b.number(), false);
    if (durationB && a.number()) return scaleDuration(b, *a.number(), false);
    return std::nullopt;
  }
  if (op == "/") {
    if (durationA && b.number()) return scaleDuration(a, *b.number(), true);
    if (a.daysTime() && b.daysTime()) {
      auto x = asDecimal(totalNanos(*a.daysTime()));
      auto y = asDecimal(totalNanos(*b.daysTime()));
      auto result = x && y ? Decimal::divide(*x, *y) : std::nullopt;
      return result ? std::optional<Value>(Value(*result)) : std::nullopt;
    }
    if (a.yearsMonths() && b.yearsMonths()) {
      auto result = Decimal::divide(a.yearsMonths()->months, b.yearsMonths()->months);
      return result ? std::optional<Value>(Value(*result)) : std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<Value> temporalProperty(const Value& value, std::string_view name) {
  auto dateProperty = [&](const Date& date) -> std::optional<Value> {
    if (name == "year") return Value(Decimal(date.year));
    if (name == "month") return Value(Decimal(date.month));
    if (name == "day") return Value(Decimal(date.day));
    if (name == "weekday") {
      const std::int64_t days = daysFromCivil(date);
      const std::int64_t weekday = ((days % 7) + 7 + 3) % 7 + 1;  // 1970-01-01 was a Thursday (4)
      return Value(Decimal(weekday));
    }
    return std::nullopt;
  };
  auto timeProperty = [&](const Time& time, const Date& on) -> std::optional<Value> {
    if (name == "hour") return Value(Decimal(time.hour));
    if (name == "minute") return Value(Decimal(time.minute));
    if (name == "second") {
      if (time.nanos == 0) return Value(Decimal(time.second));
      return Value(
          *Decimal::parse(std::to_string(time.second) + "." + std::to_string(1'000'000'000 + time.nanos).substr(1)));
    }
    if (name == "time offset") {
      auto offset = time.zone.empty() ? time.offsetSeconds : offsetAt(on, time);
      if (!offset) return Value();
      return Value(DaysTimeDuration{*offset, 0});
    }
    if (name == "timezone") return time.zone.empty() ? Value() : Value(time.zone);
    return std::nullopt;
  };
  if (const Date* date = value.date()) return dateProperty(*date);
  if (const Time* time = value.time()) return timeProperty(*time, Date{});
  if (const DateTime* dateTime = value.dateTime()) {
    if (auto property = dateProperty(dateTime->date)) return property;
    return timeProperty(dateTime->time, dateTime->date);
  }
  if (const DaysTimeDuration* span = value.daysTime()) {
    const std::int64_t seconds = span->seconds;
    if (name == "days") return Value(Decimal(seconds / 86400));
    if (name == "hours") return Value(Decimal(seconds % 86400 / 3600));
    if (name == "minutes") return Value(Decimal(seconds % 3600 / 60));
    if (name == "seconds") return Value(Decimal(seconds % 60));
    return std::nullopt;
  }
  if (const YearsMonthsDuration* months = value.yearsMonths()) {
    if (name == "years") return Value(Decimal(months->months / 12));
    if (name == "months") return Value(Decimal(months->months % 12));
  }
  return std::nullopt;
}

}  // namespace bpmn::feel

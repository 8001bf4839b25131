#include "bpmn/feel/temporal.h"

#include <date/tz.h>

#include <cctype>
#include <chrono>
#include <cstdlib>

namespace bpmn::feel {
namespace {

constexpr std::int64_t kMaxYear = 999'999'999;

// Reads `count` digits (exactly) at `at`; -1 if they are not there.
long digitsAt(std::string_view text, std::size_t& at, std::size_t count) {
  if (at + count > text.size()) return -1;
  long value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[at + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  at += count;
  return value;
}

// Reads one or more digits; -1 if none.
std::int64_t numberAt(std::string_view text, std::size_t& at) {
  const std::size_t start = at;
  std::int64_t value = 0;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
    if (value > 99'999'999'999'999LL) return -1;
    value = value * 10 + (text[at++] - '0');
  }
  return at == start ? -1 : value;
}

std::string twoDigits(long value) {
  std::string text = std::to_string(value);
  return text.size() < 2 ? "0" + text : text;
}

// The date part of `text` starting at `at`: -?YYYY-MM-DD.
std::optional<Date> dateAt(std::string_view text, std::size_t& at) {
  bool negative = false;
  if (at < text.size() && text[at] == '-') {
    negative = true;
    ++at;
  }
  const std::size_t yearStart = at;
  const std::int64_t year = numberAt(text, at);
  const std::size_t yearDigits = at - yearStart;
  if (year < 0 || yearDigits < 4 || yearDigits > 9 || (yearDigits > 4 && text[yearStart] == '0')) return std::nullopt;
  if (at >= text.size() || text[at++] != '-') return std::nullopt;
  const long month = digitsAt(text, at, 2);
  if (month < 0 || at >= text.size() || text[at++] != '-') return std::nullopt;
  const long day = digitsAt(text, at, 2);
  if (day < 0) return std::nullopt;
  const std::int64_t signedYear = negative ? -year : year;
  if (!isValidDate(signedYear, static_cast<int>(month), static_cast<int>(day))) return std::nullopt;
  return Date{signedYear, static_cast<int>(month), static_cast<int>(day)};
}

bool knownZone(const std::string& name) {
  try {
    (void)date::locate_zone(name);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::string fraction(int nanos) {
  if (nanos == 0) return {};
  std::string digits = std::to_string(nanos);
  digits.insert(0, 9 - digits.size(), '0');
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return "." + digits;
}

}  // namespace

bool isValidDate(std::int64_t year, int month, int day) {
  if (year < -kMaxYear || year > kMaxYear || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

int daysInMonth(std::int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil, on 64-bit years.
std::int64_t daysFromCivil(const Date& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yearOfEra = y - era * 400;
  const std::int64_t m = date.month;
  const std::int64_t dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

Date civilFromDays(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t dayOfEra = days - era * 146097;
  const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const std::int64_t mp = (5 * dayOfYear + 2) / 153;
  const int day = static_cast<int>(dayOfYear - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::optional<Date> parseDate(std::string_view text) {
  std::size_t at = 0;
  auto date = dateAt(text, at);
  if (!date || at != text.size()) return std::nullopt;
  return date;
}

std::optional<Time> parseTime(std::string_view text) {
  std::size_t at = 0;
  Time time;
  const long hour = digitsAt(text, at, 2);
  if (hour < 0 || at >= text.size() || text[at++] != ':') return std::nullopt;
  const long minute = digitsAt(text, at, 2);
  if (minute < 0 || at >= text.size() || text[at++] != ':') return std::nullopt;
  const long second = digitsAt(text, at, 2);
  if (second < 0 || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  time.hour = static_cast<int>(hour);
  time.minute = static_cast<int>(minute);
  time.second = static_cast<int>(second);
  if (at < text.size() && text[at] == '.') {
    ++at;
    const std::size_t start = at;
    int nanos = 0;
    int digits = 0;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
      if (digits < 9) {
        nanos = nanos * 10 + (text[at] - '0');
        ++digits;
      }
      ++at;
    }
    if (at == start) return std::nullopt;
    for (; digits < 9; ++digits) nanos *= 10;
    time.nanos = nanos;
  }
  if (at == text.size()) return time;
  if (text[at] == 'Z' || text[at] == 'z') {
    time.offsetSeconds = 0;
    ++at;
  } else if (text[at] == '+' || text[at] == '-') {
    const int sign = text[at++] == '-' ? -1 : 1;
    const long offsetHours = digitsAt(text, at, 2);
    if (offsetHours < 0 || at >= text.size() || text[at++] != ':') return std::nullopt;
    const long offsetMinutes = digitsAt(text, at, 2);
    if (offsetMinutes < 0 || offsetMinutes > 59) return std::nullopt;
    long offsetSeconds = 0;
    if (at < text.size() && text[at] == ':') {
      ++at;
      offsetSeconds = digitsAt(text, at, 2);
      if (offsetSeconds < 0 || offsetSeconds > 59) return std::nullopt;
    }
    const long total = offsetHours * 3600 + offsetMinutes * 60 + offsetSeconds;
    if (total > 18 * 3600) return std::nullopt;
    time.offsetSeconds = static_cast<int>(sign * total);
  } else if (text[at] == '@') {
    time.zone = std::string(text.substr(at + 1));
    if (time.zone.empty() || !knownZone(time.zone)) return std::nullopt;
    at = text.size();
  }
  if (at != text.size()) return std::nullopt;
  return time;
}

std::optional<DateTime> parseDateTime(std::string_view text) {
  std::size_t at = 0;
  auto date = dateAt(text, at);
  if (!date) return std::nullopt;
  if (at == text.size()) return DateTime{*date, Time{}};
  if (text[at] != 'T' && text[at] != 't') return std::nullopt;
  auto time = parseTime(text.substr(at + 1));
  if (!time) return std::nullopt;
  return DateTime{*date, *time};
}

std::optional<DaysTimeDuration> parseDaysTimeDuration(std::string_view text) {
  std::size_t at = 0;
  bool negative = false;
  if (at < text.size() && text[at] == '-') {
    negative = true;
    ++at;
  }
  if (at >= text.size() || text[at++] != 'P') return std::nullopt;
  std::int64_t seconds = 0;
  std::int64_t nanos = 0;
  bool any = false;
  bool inTime = false;
  bool timeComponent = false;
  char last = 0;  // components must come in order D, H, M, S
  const std::string_view order = "DHMS";
  while (at < text.size()) {
    if (text[at] == 'T') {
      if (inTime) return std::nullopt;
      inTime = true;
      ++at;
      continue;
    }
    const std::int64_t value = numberAt(text, at);
    if (value < 0 || at >= text.size()) return std::nullopt;
    std::int64_t fractionNanos = 0;
    if (text[at] == '.') {
      ++at;
      int digits = 0;
      while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
        if (digits < 9) {
          fractionNanos = fractionNanos * 10 + (text[at] - '0');
          ++digits;
        }
        ++at;
      }
      if (digits == 0 || at >= text.size() || text[at] != 'S') return std::nullopt;
      for (; digits < 9; ++digits) fractionNanos *= 10;
    }
    const char unit = text[at++];
    if (order.find(unit) == std::string_view::npos || (last && order.find(unit) <= order.find(last))) {
      return std::nullopt;
    }
    if ((unit == 'D') == inTime) return std::nullopt;
    last = unit;
    any = true;
    if (unit != 'D') timeComponent = true;
    const std::int64_t factor = unit == 'D' ? 86400 : unit == 'H' ? 3600 : unit == 'M' ? 60 : 1;
    if (value > INT64_MAX / factor / 2) return std::nullopt;
    if (__builtin_add_overflow(seconds, value * factor, &seconds)) return std::nullopt;
    nanos += fractionNanos;
  }
  if (!any || (inTime && !timeComponent)) return std::nullopt;
  DaysTimeDuration result{seconds, static_cast<std::int32_t>(nanos)};
  if (negative) result = {-result.seconds, -result.nanos};
  return result;
}

std::optional<YearsMonthsDuration> parseYearsMonthsDuration(std::string_view text) {
  std::size_t at = 0;
  bool negative = false;
  if (at < text.size() && text[at] == '-') {
    negative = true;
    ++at;
  }
  if (at >= text.size() || text[at++] != 'P') return std::nullopt;
  std::int64_t months = 0;
  bool any = false;
  char last = 0;
  while (at < text.size()) {
    const std::int64_t value = numberAt(text, at);
    if (value < 0 || at >= text.size()) return std::nullopt;
    const char unit = text[at++];
    if ((unit != 'Y' && unit != 'M') || (unit == 'Y' && last) || last == 'M') return std::nullopt;
    last = unit;
    any = true;
    months += unit == 'Y' ? value * 12 : value;
  }
  if (!any) return std::nullopt;
  return YearsMonthsDuration{negative ? -months : months};
}

std::string toString(const Date& date) {
  std::string year = std::to_string(date.year < 0 ? -date.year : date.year);
  if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
  return (date.year < 0 ? "-" : "") + year + "-" + twoDigits(date.month) + "-" + twoDigits(date.day);
}

std::string toString(const Time& time) {
  std::string text =
      twoDigits(time.hour) + ":" + twoDigits(time.minute) + ":" + twoDigits(time.second) + fraction(time.nanos);
  if (!time.zone.empty()) return text + "@" + time.zone;
  if (time.offsetSeconds) {
    const int offset = *time.offsetSeconds;
    if (offset == 0) return text + "Z";
    const int magnitude = offset < 0 ? -offset : offset;
    text += (offset < 0 ? "-" : "+") + twoDigits(magnitude / 3600) + ":" + twoDigits(magnitude % 3600 / 60);
    if (magnitude % 60 != 0) text += ":" + twoDigits(magnitude % 60);
  }
  return text;
}

std::string toString(const DateTime& dateTime) { return toString(dateTime.date) + "T" + toString(dateTime.time); }

std::string toString(const DaysTimeDuration& duration) {
  const bool negative = duration.seconds < 0 || duration.nanos < 0;
  std::int64_t seconds = negative ? -duration.seconds : duration.seconds;
  const int nanos = negative ? -duration.nanos : duration.nanos;
  const std::int64_t days = seconds / 86400;
  seconds %= 86400;
  const std::int64_t hours = seconds / 3600;
  const std::int64_t minutes = seconds % 3600 / 60;
  seconds %= 60;
  std::string text = negative ? "-P" : "P";
  if (days) text += std::to_string(days) + "D";
  if (hours || minutes || seconds || nanos || !days) {
    text += "T";
    if (hours) text += std::to_string(hours) + "H";
    if (minutes) text += std::to_string(minutes) + "M";
    if (seconds || nanos || (!hours && !minutes)) text += std::to_string(seconds) + fraction(nanos) + "S";
  }
  return text;
}

std::string toString(const YearsMonthsDuration& duration) {
  const std::int64_t months = duration.months < 0 ? -duration.months : duration.months;
  std::string text = duration.months < 0 ? "-P" : "P";
  if (months / 12) text += std::to_string(months / 12) + "Y";
  if (months % 12 || months == 0) text += std::to_string(months % 12) + "M";
  return text;
}

std::optional<int> offsetAt(const Date& date, const Time& time) {
  if (time.offsetSeconds) return time.offsetSeconds;
  if (time.zone.empty()) return std::nullopt;
  try {
    const auto* zone = date::locate_zone(time.zone);
    const std::int64_t localSeconds = daysFromCivil(date) * 86400 + time.hour * 3600 + time.minute * 60 + time.second;
    const date::local_seconds local{std::chrono::seconds(localSeconds)};
    const auto info = zone->get_info(local);
    return static_cast<int>(info.first.offset.count());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<std::int64_t> epochSeconds(const DateTime& dateTime) {
  auto offset = offsetAt(dateTime.date, dateTime.time);
  if (!offset) return std::nullopt;
  return daysFromCivil(dateTime.date) * 86400 + dateTime.time.hour * 3600 + dateTime.time.minute * 60 +
         dateTime.time.second - *offset;
}

std::optional<std::int64_t> epochMillis(const DateTime& dateTime) {
  auto seconds = epochSeconds(dateTime);
  std::int64_t millis = 0;
  if (!seconds || __builtin_mul_overflow(*seconds, 1000, &millis) ||
      __builtin_add_overflow(millis, dateTime.time.nanos / 1'000'000, &millis)) {
    return std::nullopt;
  }
  return millis;
}

}  // namespace bpmn::feel

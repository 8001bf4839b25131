// FEEL's temporal values (DMN 1.4 §10.3.2.3.4-7): date, time, date and time,
// days and time duration, years and months duration. Dates are proleptic
// Gregorian with years from -999,999,999 to 999,999,999; times carry
// nanoseconds and either no zone (local), a fixed offset, or an IANA zone id
// resolved through the system time zone database. Plain values; safe to copy
// between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpmn::feel {

struct Date {
  std::int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  bool operator==(const Date&) const = default;
};

struct Time {
  int hour = 0;
  int minute = 0;
  int second = 0;
  int nanos = 0;
  std::optional<int> offsetSeconds;  // "+02:00", "Z"; empty for local times and zone ids
  std::string zone;                  // "Europe/Paris"; empty unless given by id
  bool operator==(const Time&) const = default;
};

struct DateTime {
  Date date;
  Time time;
  bool operator==(const DateTime&) const = default;
};

// Normalized: seconds and nanos have the same sign, |nanos| < 1e9.
struct DaysTimeDuration {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  bool operator==(const DaysTimeDuration&) const = default;
};

struct YearsMonthsDuration {
  std::int64_t months = 0;
  bool operator==(const YearsMonthsDuration&) const = default;
};

// Parsing the lexical forms of DMN/XML Schema: "2024-02-29",
// "10:30:00+01:00", "2024-02-29T10:30:00@Europe/Paris", "P1DT2H", "P1Y2M".
// Empty on anything invalid (Feb 30th, hour 25, an unknown zone id).
std::optional<Date> parseDate(std::string_view text);
std::optional<Time> parseTime(std::string_view text);
std::optional<DateTime> parseDateTime(std::string_view text);  // a date alone means midnight
std::optional<DaysTimeDuration> parseDaysTimeDuration(std::string_view text);
std::optional<YearsMonthsDuration> parseYearsMonthsDuration(std::string_view text);

std::string toString(const Date& date);
std::string toString(const Time& time);
std::string toString(const DateTime& dateTime);
std::string toString(const DaysTimeDuration& duration);
std::string toString(const YearsMonthsDuration& duration);

bool isValidDate(std::int64_t year, int month, int day);
int daysInMonth(std::int64_t year, int month);
// Days since 1970-01-01 and back.
std::int64_t daysFromCivil(const Date& date);
Date civilFromDays(std::int64_t days);

// The offset from UTC in seconds that applies to a time on a date: its fixed
// offset, or its zone's offset at that moment; empty for a local time.
std::optional<int> offsetAt(const Date& date, const Time& time);
// Seconds since the epoch of a date and time with an offset or zone; empty
// for a local one.
std::optional<std::int64_t> epochSeconds(const DateTime& dateTime);
// The same in milliseconds; also empty beyond the 64-bit millisecond range
// (about 292 million years either way).
std::optional<std::int64_t> epochMillis(const DateTime& dateTime);

}  // namespace bpmn::feel

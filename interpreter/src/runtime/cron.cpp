#include "runtime/cron.h"

#include <array>
#include <cctype>
#include <charconv>
#include <vector>

#include "bpmn/feel/temporal.h"

namespace bpmn::runtime {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kWeekdays = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
// A firing further away than this many days is none (the calendar repeats
// every 28 years, so a day that exists comes within them).
constexpr int kSearchDays = 366 * 30;

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// One field's values, min..max inclusive. `name` maps a word (JAN, MON) to
// its number in the field's own numbering; `map` turns that numbering into
// the bit to set (weekdays: the dialect's number to 0 = Sunday).
struct FieldSpec {
  const char* what;
  int min;
  int max;
  const std::string_view* names = nullptr;
  int namesCount = 0;
  int nameBase = 0;  // the number of names[0]
  int (*map)(int) = nullptr;
};

std::optional<int> number(std::string_view text, const FieldSpec& spec) {
  const std::string word = upper(text);
  for (int i = 0; i < spec.namesCount; ++i) {
    if (word == spec.names[i]) return spec.nameBase + i;
  }
  int value = 0;
  auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (failure != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

template <std::size_t N>
bool parseField(std::string_view field, const FieldSpec& spec, std::bitset<N>& bits, std::string& error) {
  auto fail = [&](const std::string& why) {
    error = std::string(spec.what) + " \"" + std::string(field) + "\": " + why;
    return false;
  };
  for (std::string_view part : split(field, ',')) {
    int step = 1;
    if (const auto slash = part.find('/'); slash != std::string_view::npos) {
      auto parsed = number(part.substr(slash + 1), FieldSpec{spec.what, 1, spec.max});
      if (!parsed || *parsed < 1 || *parsed > spec.max) {
        return fail("the step after / is not a number from 1 to " + std::to_string(spec.max));
      }
      step = *parsed;
      part = part.substr(0, slash);
    }
    int from = spec.min, to = spec.max;
    if (part != "*" && part != "?") {
      const auto dash = part.find('-', 1);
      auto low = number(part.substr(0, dash), spec);
      if (!low) return fail("\"" + std::string(part) + "\" is not a value of this field");
      from = *low;
      to = *low;
      if (dash != std::string_view::npos) {
        auto high = number(part.substr(dash + 1), spec);
        if (!high) return fail("\"" + std::string(part) + "\" is not a range of this field");
        to = *high;
      } else if (step > 1) {
        to = spec.max;  // "5/15": from 5 on
      }
      if (from < spec.min || to > spec.max || from > to) {
        return fail("values run from " + std::to_string(spec.min) + " to " + std::to_string(spec.max));
      }
    }
    for (int value = from; value <= to; value += step) {
      bits.set(static_cast<std::size_t>(spec.map ? spec.map(value) : value));
    }
  }
  return true;
}

int quartzWeekday(int value) { return (value - 1) % 7; }  // 1 = Sunday
int springWeekday(int value) { return value % 7; }        // 0 or 7 = Sunday

// A macro as the fields it stands for.
std::string expandMacro(std::string_view text, CronDialect dialect) {
  const std::string any = dialect == CronDialect::kQuartz ? "?" : "*";
  if (text == "@yearly" || text == "@annually") return "0 0 0 1 1 " + any;
  if (text == "@monthly") return "0 0 0 1 * " + any;
  if (text == "@weekly") return dialect == CronDialect::kQuartz ? "0 0 0 ? * 1" : "0 0 0 * * 0";
  if (text == "@daily" || text == "@midnight") return "0 0 0 * * " + any;
  if (text == "@hourly") return "0 0 * * * " + any;
  return std::string(text);
}

}  // namespace

bool Cron::looksLikeCron(std::string_view text) {
  return text.starts_with("@") || (!text.starts_with("R") && text.find(' ') != std::string_view::npos);
}

std::optional<Cron> Cron::parse(std::string_view text, CronDialect dialect, std::string& error) {
  const std::string expanded = expandMacro(text, dialect);
  std::vector<std::string_view> fields;
  for (std::string_view part : split(expanded, ' ')) {
    if (!part.empty()) fields.push_back(part);
  }
  if (fields.size() != 6 && fields.size() != 7) {
    error = "cron \"" + std::string(text) + "\" has " + std::to_string(fields.size()) +
            " fields; expected second minute hour day-of-month month day-of-week [year]";
    return std::nullopt;
  }
  Cron cron;
  auto fail = [&](const std::string& why) -> std::optional<Cron> {
    error = "cron \"" + std::string(text) + "\": " + why;
    return std::nullopt;
  };
  std::string why;
  if (!parseField(fields[0], {"second", 0, 59}, cron.seconds_, why) ||
      !parseField(fields[1], {"minute", 0, 59}, cron.minutes_, why) ||
      !parseField(fields[2], {"hour", 0, 23}, cron.hours_, why) ||
      !parseField(fields[4], {"month", 1, 12, kMonths.data(), 12, 1}, cron.months_, why)) {
    return fail(why);
  }
  // Day of month: *, ?, values, or L, L-n, LW, nW.
  const std::string day = upper(fields[3]);
  cron.anyDay_ = day == "*" || day == "?";
  if (day == "L" || day.starts_with("L-")) {
    cron.lastDay_ = true;
    if (day.size() > 2) {
      auto offset = number(std::string_view(day).substr(2), {"day", 0, 30});
      if (!offset || *offset < 0 || *offset > 30) return fail("L-n needs a number of days from 0 to 30");
      cron.lastDayOffset_ = *offset;
    }
  } else if (day == "LW") {
    cron.lastWeekdayOfMonth_ = true;
  } else if (day.size() > 1 && day.back() == 'W') {
    auto nearest = number(std::string_view(day).substr(0, day.size() - 1), {"day", 1, 31});
    if (!nearest || *nearest < 1 || *nearest > 31) return fail("nW needs a day from 1 to 31");
    cron.nearestWeekdayTo_ = *nearest;
  } else if (!cron.anyDay_ && !parseField(fields[3], {"day of month", 1, 31}, cron.days_, why)) {
    return fail(why);
  }
  // Day of week: *, ?, values and names, nL, n#k.
  const std::string weekday = upper(fields[5]);
  const bool quartz = dialect == CronDialect::kQuartz;
  const FieldSpec weekdays{
      "day of week", quartz ? 1 : 0, 7, kWeekdays.data(), 7, quartz ? 1 : 0, quartz ? quartzWeekday : springWeekday};
  cron.anyWeekday_ = weekday == "*" || weekday == "?";
  auto oneWeekday = [&](std::string_view text) -> std::optional<int> {
    auto value = number(text, weekdays);
    if (!value || *value < weekdays.min || *value > weekdays.max) return std::nullopt;
    return weekdays.map(*value);
  };
  if (const auto hash = weekday.find('#'); hash != std::string::npos) {
    auto which = oneWeekday(std::string_view(weekday).substr(0, hash));
    auto nth = number(std::string_view(weekday).substr(hash + 1), {"week", 1, 5});
    if (!which || !nth || *nth < 1 || *nth > 5) return fail("n#k needs a day of the week and a week from 1 to 5");
    cron.nthWeekday_ = *which;
    cron.nth_ = *nth;
  } else if (weekday.size() > 1 && weekday.back() == 'L') {
    auto which = oneWeekday(std::string_view(weekday).substr(0, weekday.size() - 1));
    if (!which) return fail("nL needs a day of the week");
    cron.lastOfWeekday_ = *which;
  } else if (quartz && weekday == "L") {
    cron.weekdays_.set(6);  // Quartz: L alone is the week's last day, Saturday
  } else if (!cron.anyWeekday_ && !parseField(fields[5], weekdays, cron.weekdays_, why)) {
    return fail(why);
  }
  if (fields.size() == 7 && fields[6] != "*" && fields[6] != "?") {
    const auto dash = fields[6].find('-');
    auto from = number(fields[6].substr(0, dash), {"year", 1970, 2199});
    auto to = dash == std::string_view::npos ? from : number(fields[6].substr(dash + 1), {"year", 1970, 2199});
    if (!from || !to || *from > *to) return fail("the year is a year or a range of years");
    cron.yearFrom_ = *from;
    cron.yearTo_ = *to;
  }
  return cron;
}

bool Cron::matchesDay(std::int64_t year, int month, int day) const {
  const int length = feel::daysInMonth(year, month);
  const std::int64_t days = feel::daysFromCivil({year, month, day});
  const int weekday = static_cast<int>(((days + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  auto weekdayOf = [&](int d) { return static_cast<int>(((days - day + d + 4) % 7 + 7) % 7); };
  bool dayMatches = anyDay_;
  if (lastDay_) {
    dayMatches = day == length - lastDayOffset_;
  } else if (lastWeekdayOfMonth_) {
    int last = length;
    while (weekdayOf(last) == 0 || weekdayOf(last) == 6) --last;
    dayMatches = day == last;
  } else if (nearestWeekdayTo_ > 0) {
    int target = std::min(nearestWeekdayTo_, length);
    if (weekdayOf(target) == 6)
      target = target == 1 ? 3 : target - 1;  // Saturday: Friday (or Monday)
    else if (weekdayOf(target) == 0)
      target = target == length ? target - 2 : target + 1;  // Sunday: Monday (or Friday)
    dayMatches = day == target;
  } else if (!anyDay_) {
    dayMatches = days_[static_cast<std::size_t>(day)];
  }
  bool weekdayMatches = anyWeekday_;
  if (nthWeekday_ >= 0) {
    weekdayMatches = weekday == nthWeekday_ && (day - 1) / 7 + 1 == nth_;
  } else if (lastOfWeekday_ >= 0) {
    weekdayMatches = weekday == lastOfWeekday_ && day + 7 > length;
  } else if (!anyWeekday_) {
    weekdayMatches = weekdays_[static_cast<std::size_t>(weekday)];
  }
  return dayMatches && weekdayMatches;
}

std::optional<std::int64_t> Cron::next(std::int64_t afterMillis) const {
  // From the next whole second after `afterMillis` (floor division: a
  // negative instant too), within the years a firing can be told in
  // 64-bit milliseconds.
  if (afterMillis > INT64_MAX - 86'400'000LL * kSearchDays) return std::nullopt;
  const std::int64_t floorSeconds = afterMillis >= 0 ? afterMillis / 1000 : -((-afterMillis + 999) / 1000);
  const std::int64_t seconds = floorSeconds + 1;
  std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  int secondOfDay = static_cast<int>(seconds - days * 86400);
  // A year field ahead: start on its first day.
  if (yearFrom_ != 0 && feel::civilFromDays(days).year < yearFrom_) {
    days = feel::daysFromCivil({yearFrom_, 1, 1});
    secondOfDay = 0;
  }
  for (int searched = 0; searched < kSearchDays; ++searched, ++days, secondOfDay = 0) {
    const feel::Date date = feel::civilFromDays(days);
    if (yearFrom_ != 0 && date.year > yearTo_) return std::nullopt;
    if ((yearFrom_ != 0 && date.year < yearFrom_) || !months_[static_cast<std::size_t>(date.month)] ||
        !matchesDay(date.year, date.month, date.day)) {
      continue;
    }
    for (int hour = secondOfDay / 3600; hour < 24; ++hour) {
      if (!hours_[static_cast<std::size_t>(hour)]) continue;
      const bool startHour = hour == secondOfDay / 3600;
      for (int minute = startHour ? secondOfDay / 60 % 60 : 0; minute < 60; ++minute) {
        if (!minutes_[static_cast<std::size_t>(minute)]) continue;
        const bool startMinute = startHour && minute == secondOfDay / 60 % 60;
        for (int second = startMinute ? secondOfDay % 60 : 0; second < 60; ++second) {
          if (!seconds_[static_cast<std::size_t>(second)]) continue;
          return (days * 86400 + hour * 3600 + minute * 60 + second) * 1000;
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace bpmn::runtime

// Timers (BPMN 2.0.2 §10.5.5, Table 10.97): timeDate, timeDuration and
// timeCycle, literal ISO-8601 or FEEL after "=", on intermediate catch events
// and boundary events (interrupting, or non-interrupting and repeating while
// the activity runs). Due times come from the engine's clock, so a virtual
// clock fires them in due order.
#include <algorithm>
#include <charconv>

#include "bpmn/feel/temporal.h"
#include "feel/temporal_operations.h"
#include "runtime/run_context.h"

namespace bpmn::runtime {

using model::ElementKind;
using model::EventDefinitionKind;

namespace {

using Schedule = TimerPlan;

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// A date and time as milliseconds since the epoch; a local one as UTC.
std::optional<std::int64_t> utcMillis(const feel::DateTime& dateTime) {
  feel::DateTime zoned = dateTime;
  if (!zoned.time.offsetSeconds && zoned.time.zone.empty()) zoned.time.offsetSeconds = 0;  // local means UTC
  return feel::epochMillis(zoned);
}

// `from` plus a duration value, in milliseconds since the epoch; empty
// beyond the 64-bit millisecond range.
std::optional<std::int64_t> plus(std::int64_t from, const feel::Value& duration) {
  if (const auto* span = duration.daysTime()) {
    std::int64_t millis = 0, due = 0;
    if (__builtin_mul_overflow(span->seconds, 1000, &millis) ||
        __builtin_add_overflow(millis, span->nanos / 1'000'000, &millis) ||
        __builtin_add_overflow(from, millis, &due)) {
      return std::nullopt;
    }
    return due;
  }
  if (const auto* months = duration.yearsMonths()) {
    const std::int64_t days = from >= 0 ? from / 86'400'000 : (from - 86'399'999) / 86'400'000;
    const std::int64_t rest = from - days * 86'400'000;
    auto date = feel::addMonths(feel::civilFromDays(days), months->months);
    if (!date) return std::nullopt;
    std::int64_t due = 0;
    if (__builtin_mul_overflow(feel::daysFromCivil(*date), 86'400'000, &due) ||
        __builtin_add_overflow(due, rest, &due)) {
      return std::nullopt;
    }
    return due;
  }
  return std::nullopt;
}

std::optional<feel::Value> duration(const std::string& text) {
  if (auto months = feel::parseYearsMonthsDuration(text)) return feel::Value(*months);
  if (auto span = feel::parseDaysTimeDuration(text)) return feel::Value(*span);
  return std::nullopt;
}

// "R5/PT10M", "R/PT1H", "R3/2026-01-01T09:00:00Z/P1D", and ISO 8601
// intervals given by start and end ("R2/2026-01-01T09:00Z/2026-01-01T10:00Z":
// hourly, twice); without "Rn/", one interval. Empty, with `error` set,
// when it is none of these or has no firing left after `now`.
std::optional<Schedule> cycle(std::string text, std::int64_t now, CronDialect dialect, std::string& error) {
  const std::string written = text;
  if (Cron::looksLikeCron(text)) {
    auto cron = Cron::parse(text, dialect, error);
    if (!cron) return std::nullopt;
    auto due = cron->next(now);
    if (!due) {
      error = "timer cycle \"" + written + "\" has no firing left after now";
      return std::nullopt;
    }
    return Schedule{*due, -1, 0};
  }
  auto invalid = [&](const std::string& why) -> std::optional<Schedule> {
    error = "timer cycle \"" + written + "\" " + why;
    return std::nullopt;
  };
  if (text.empty()) return invalid("is empty");
  if (text[0] != 'R') text = "R1/" + text;
  const auto slash = text.find('/');
  if (slash == std::string::npos) return invalid("is not valid ISO-8601 (R[n]/[start/]duration)");
  std::int64_t repetitions = -1;  // for ever
  if (slash > 1) {
    const char* begin = text.data() + 1;
    const char* end = text.data() + slash;
    auto [stop, failure] = std::from_chars(begin, end, repetitions);
    if (failure != std::errc() || stop != end || repetitions < 0) {
      return invalid("has no valid repetition count after R");
    }
  }
  std::string rest = text.substr(slash + 1);
  std::int64_t start = now;
  bool hasStart = false;
  if (const auto second = rest.find('/'); second != std::string::npos) {
    hasStart = true;
    auto at = feel::parseDateTime(rest.substr(0, second));
    if (!at) return invalid("has no valid start date and time");
    auto millis = utcMillis(*at);
    if (!millis) return invalid("starts beyond the range of dates the engine schedules");
    start = *millis;
    rest = rest.substr(second + 1);
  }
  std::optional<std::int64_t> first;
  if (auto interval = duration(rest)) {
    first = plus(start, *interval);
  } else if (auto end = feel::parseDateTime(rest); end && hasStart) {
    first = utcMillis(*end);  // start/end: the interval's length
  } else {
    return invalid("is not valid ISO-8601 (R[n]/[start/]duration)");
  }
  if (!first) return invalid("is beyond the range of dates the engine schedules");
  std::int64_t step = 0;
  if (__builtin_sub_overflow(*first, start, &step) || step <= 0) return invalid("needs an interval longer than zero");
  if (repetitions == 0) return invalid("repeats 0 times");
  // A start in the past: the first firing still due after now, found by
  // division (a start long ago with a short step would take for ever).
  std::int64_t due = *first;
  if (due < now) {
    std::int64_t behind = 0;
    if (__builtin_sub_overflow(now, due, &behind)) return invalid("starts too far in the past");
    const std::int64_t missed = behind / step + (behind % step != 0 ? 1 : 0);
    if (repetitions > 0 && missed >= repetitions) return invalid("has no firing left after now");
    if (repetitions > 0) repetitions -= missed;
    std::int64_t skipped = 0;
    if (__builtin_mul_overflow(missed, step, &skipped)) return invalid("starts too far in the past");
    due = addMillis(due, skipped);
  }
  const std::int64_t left = repetitions > 0 ? repetitions - 1 : -1;
  return Schedule{due, static_cast<int>(std::min<std::int64_t>(left, INT32_MAX)), step};
}

// Camunda 7 writes timer values as JUEL: "${duration}", "#{dueDate}", or
// text around expressions ("PT${minutes}M"). A value that is one expression
// keeps what it gives (a date and time, a duration, a string); otherwise
// the parts are joined as text.
std::optional<feel::Value> juelTemplate(const std::string& text, const TimerEvaluator& evaluate, std::string& error) {
  std::string joined;
  std::optional<feel::Value> whole;
  std::size_t at = 0;
  int parts = 0;
  while (at < text.size()) {
    const std::size_t open = std::min(text.find("${", at), text.find("#{", at));
    if (open == std::string::npos) {
      joined += text.substr(at);
      ++parts;
      break;
    }
    if (open > at) ++parts;
    joined += text.substr(at, open - at);
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) {
      error = "timer value \"" + text + "\" has an expression without its closing }";
      return std::nullopt;
    }
    auto compiled = FeelExpression::compileCondition("${" + text.substr(open + 2, close - open - 2) + "}");
    if (!compiled.isOk()) {
      error = "timer: " + compiled.status().message();
      return std::nullopt;
    }
    auto value = evaluate(compiled.value());
    if (!value.isOk()) {
      error = "timer: " + value.status().message();
      return std::nullopt;
    }
    ++parts;
    whole = value.value();
    if (const std::string* string = value.value().string()) {
      joined += *string;
    } else if (const feel::Decimal* number = value.value().number()) {
      joined += number->toString();
    } else {
      joined += feel::toFeelString(value.value());
    }
    at = close + 1;
  }
  if (parts == 1 && whole) return whole;
  return feel::Value(joined);
}

}  // namespace

std::optional<TimerPlan> planTimer(const model::EventDefinition& timer, std::int64_t now,
                                   const TimerEvaluator& evaluate, CronDialect dialect, std::string& error) {
  const model::Expression* expression = timer.timeDate       ? &*timer.timeDate
                                        : timer.timeDuration ? &*timer.timeDuration
                                        : timer.timeCycle    ? &*timer.timeCycle
                                                             : nullptr;
  if (!expression) {
    error = "timer has no timeDate, timeDuration or timeCycle";
    return std::nullopt;
  }
  std::string text = trimmed(expression->body);
  std::optional<feel::Value> computed;
  if (text.starts_with("=")) {
    auto compiled = FeelExpression::compile(std::string_view(text).substr(1));
    if (!compiled.isOk()) {
      error = "timer: " + compiled.status().message();
      return std::nullopt;
    }
    auto value = evaluate(compiled.value());
    if (!value.isOk()) {
      error = "timer: " + value.status().message();
      return std::nullopt;
    }
    computed = std::move(value).value();
  } else if (text.find("${") != std::string::npos || text.find("#{") != std::string::npos) {
    auto value = juelTemplate(text, evaluate, error);
    if (!value) return std::nullopt;
    computed = std::move(*value);
  }
  if (computed) {
    const feel::Value& value = *computed;
    if (const auto* dateTime = value.dateTime()) {
      if (auto millis = utcMillis(*dateTime)) return Schedule{*millis, 0, 0};
    } else if (value.daysTime() || value.yearsMonths()) {
      if (auto millis = plus(now, value)) return Schedule{*millis, 0, 0};
    } else if (const std::string* literal = value.string()) {
      text = *literal;
    } else {
      error = "timer expression gave " + feel::toFeelString(value) + ", not a date and time or duration";
      return std::nullopt;
    }
  }
  std::optional<Schedule> result;
  if (timer.timeCycle) {
    result = cycle(text, now, dialect, error);
    return result;
  } else if (timer.timeDuration) {
    if (auto span = duration(text)) {
      if (auto millis = plus(now, *span)) result = Schedule{*millis, 0, 0};
    }
  } else if (auto at = feel::parseDateTime(text)) {
    if (auto millis = utcMillis(*at)) result = Schedule{*millis, 0, 0};
  }
  if (!result) error = "timer value \"" + text + "\" is not valid ISO-8601 for its kind";
  return result;
}

void scheduleTimer(RunContext& context, std::uint64_t tokenKey, const model::FlowElement& event) {
  TokenSnapshot& token = *context.token(tokenKey);
  std::string error;
  const std::uint64_t scopeKey = token.scopeKey;
  auto planned = planTimer(
      event.eventDefinitions.front(), context.nowMillis(),
      [&](const FeelExpression& expression) { return context.evaluate(expression, scopeKey); },
      context.process().cronDialect, error);
  if (!planned) {
    context.incident(*context.token(tokenKey), error);
    return;
  }
  TimerSnapshot timer{context.newKey(),        tokenKey, event.id, planned->dueMillis, planned->repetitions,
                      planned->intervalMillis, 0};
  context.instance().timers.push_back(timer);
}

std::optional<NextFiring> nextFiring(const model::EventDefinition& timer, std::int64_t dueMillis,
                                     std::int64_t intervalMillis, std::int64_t nowMillis,
                                     const TimerEvaluator& evaluate, CronDialect dialect) {
  (void)nowMillis;
  if (intervalMillis > 0) return NextFiring{addMillis(dueMillis, intervalMillis), 0};
  std::string error;
  auto plan = planTimer(timer, dueMillis, evaluate, dialect, error);
  if (!plan || plan->dueMillis <= dueMillis) return std::nullopt;
  return NextFiring{plan->dueMillis, 0};
}

void fireTimer(RunContext& context, std::uint64_t timerKey) {
  auto& timers = context.instance().timers;
  auto it = std::find_if(timers.begin(), timers.end(), [&](const TimerSnapshot& t) { return t.key == timerKey; });
  if (it == timers.end()) return;
  const TimerSnapshot timer = *it;
  const model::FlowElement& event = *context.process().element(timer.elementId).element;
  // A repeating timer's next firing (none: it is over).
  auto repeat = [&](std::uint64_t scopeKey) -> bool {
    if (timer.repetitions == 0) return false;
    auto next = nextFiring(
        event.eventDefinitions.front(), timer.dueMillis, timer.intervalMillis, context.nowMillis(),
        [&](const FeelExpression& expression) { return context.evaluate(expression, scopeKey); },
        context.process().cronDialect);
    if (!next || (timer.repetitions > 0 && next->missed >= timer.repetitions)) return false;
    it->dueMillis = next->dueMillis;
    if (it->repetitions > 0) it->repetitions -= static_cast<int>(1 + next->missed);
    return true;
  };
  if (timer.tokenKey == 0) {
    // An event sub-process's timer start: a cycle of a non-interrupting one
    // repeats while its scope lasts.
    if (event.isInterrupting.value_or(true) || !repeat(timer.scopeKey)) {
      timers.erase(it);
    }
    triggerEventSubProcess(context, timer.scopeKey, timer.elementId, {});
    return;
  }
  if (event.kind == ElementKind::kIntermediateCatchEvent) {
    timers.erase(it);
    passEventBasedGateway(context, timer.tokenKey, timer.elementId);
    auto flows = context.outgoingFlows(*context.token(timer.tokenKey));
    if (flows) context.leave(timer.tokenKey, *flows);
    return;
  }
  // A boundary timer.
  const TokenSnapshot* activity = context.token(timer.tokenKey);
  if (!activity) return;
  const std::uint64_t scopeKey = activity->scopeKey;
  if (event.cancelActivity.value_or(true)) {
    context.terminateToken(timer.tokenKey);  // takes its timers with it
  } else if (!repeat(scopeKey)) {
    timers.erase(std::find_if(timers.begin(), timers.end(), [&](const TimerSnapshot& t) { return t.key == timerKey; }));
  }
  context.createToken(scopeKey, event.id, "");
}

void stopTimer(RunContext& context, std::uint64_t timerKey, const std::string& message) {
  auto& timers = context.instance().timers;
  auto it = std::find_if(timers.begin(), timers.end(), [&](const TimerSnapshot& t) { return t.key == timerKey; });
  if (it == timers.end()) return;
  const TimerSnapshot timer = *it;
  timers.erase(it);
  TokenSnapshot* token = context.token(timer.tokenKey);
  if (token && token->elementId == timer.elementId) {
    context.incident(*token, message);  // a catch event: resolving it schedules the timer again
    return;
  }
  // A boundary or event sub-process timer: the incident names the event.
  IncidentSnapshot incident{context.newKey(), 0, 0, timer.elementId, message};
  context.record(RecordKind::kIncidentRaised, timer.elementId, {}, 0, incident.message);
  context.instance().incidents.push_back(std::move(incident));
}

}  // namespace bpmn::runtime

// The workspace verbs' shared pieces (workspace.h).
#include "workspace.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <ostream>
#include <sstream>
#include <thread>

#include "arguments.h"
#include "bpmn/expression.h"
#include "bpmn/feel/json.h"
#include "bpmn/feel/temporal.h"
#include "bpmn/text.h"
#include "commands.h"

namespace bpmn::cli {

int Reply::fail(int exitCode, const std::string& message) {
  if (json()) {
    err_ << "{\"error\": " << jsonString(message) << "}\n";
  } else {
    // Line by line: values inside (a worker's message, a name from a file)
    // cannot end a line early or steer the terminal.
    std::size_t start = 0;
    while (start <= message.size()) {
      const std::size_t end = std::min(message.find('\n', start), message.size());
      err_ << text::printable(std::string_view(message).substr(start, end - start)) << "\n";
      start = end + 1;
    }
  }
  return exitCode;
}

int Reply::fail(const Status& status) {
  return fail(
      status.code() == StatusCode::kIoError || status.code() == StatusCode::kDamaged ? kExitUnusable : kExitErrors,
      status.message());
}

storage::SqliteOptions storeOptions(const std::string& db, const std::string& synchronous, bool quickCheck) {
  storage::SqliteOptions options{storage::databasePath(db)};
  options.durability = synchronous == "off"      ? storage::Durability::kOff
                       : synchronous == "normal" ? storage::Durability::kNormal
                                                 : storage::Durability::kFull;
  options.quickCheck = quickCheck;
  return options;
}

std::optional<Workspace> openWorkspace(const WorkspaceFlags& flags, Reply& reply, EngineOptions options) {
  auto store = storage::SqliteStore::open(storeOptions(flags.db, flags.synchronous, flags.quickCheck));
  if (!store.isOk()) {
    reply.fail(kExitUnusable, store.status().message());
    return std::nullopt;
  }
  Workspace workspace;
  workspace.store = std::move(store.value());
  options.store = workspace.store.get();
  workspace.engine = std::make_unique<Engine>(options);
  if (Status opened = workspace.engine->open(); !opened.isOk()) {
    reply.fail(kExitUnusable, opened.message());
    return std::nullopt;
  }
  return workspace;
}

std::optional<feel::Context> variablesArgument(const std::string& argument, std::istream& in, Reply& reply,
                                               const char* flag) {
  std::ostringstream problems;
  auto text = argumentText(argument, in, problems);
  if (!text) {
    reply.fail(kExitUnusable, problems.str().substr(0, problems.str().find_last_not_of('\n') + 1));
    return std::nullopt;
  }
  auto variables = feel::parseJsonObject(*text);
  if (!variables.isOk()) {
    reply.fail(kExitUnusable, std::string(flag) + ": " + variables.status().message());
    return std::nullopt;
  }
  return std::move(variables).value();
}

std::optional<std::int64_t> parseDuration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  // Past the 64-bit millisecond range (292 million years) is no duration.
  std::int64_t millis = 0;
  if (text.front() == 'P' || text.front() == '-') {
    auto duration = feel::parseDaysTimeDuration(text);
    if (!duration || __builtin_mul_overflow(duration->seconds, 1000, &millis) ||
        __builtin_add_overflow(millis, duration->nanos / 1'000'000, &millis)) {
      return std::nullopt;
    }
    return millis;
  }
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 18) return std::nullopt;
  std::int64_t amount = 0;
  std::from_chars(text.data(), text.data() + digits, amount);
  const std::string unit = text.substr(digits);
  // Zero is zero in every unit; any other number needs one.
  const std::int64_t scale = unit == "ms" || (unit.empty() && amount == 0) ? 1
                             : unit == "s"                                 ? 1000
                             : unit == "m"                                 ? 60'000
                             : unit == "h"                                 ? 3'600'000
                             : unit == "d"                                 ? 86'400'000
                                                                           : 0;
  if (scale == 0 || __builtin_mul_overflow(amount, scale, &millis)) return std::nullopt;
  return millis;
}

std::optional<std::int64_t> durationArgument(const std::string& text, const char* flag, Reply& reply) {
  auto millis = parseDuration(text);
  if (!millis) {
    const bool number = !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
    reply.fail(kExitUnusable, std::string(flag) + " " + text + ": " +
                                  (number ? "a number needs a unit: " + text + "ms, " + text + "s, " + text + "m, " +
                                                text + "h or " + text + "d, or ISO 8601 (PT" + text + "S)"
                                          : "expected an ISO 8601 duration (PT30S) or a number with a unit "
                                            "(250ms, 30s, 5m, 2h, 1d)"));
  }
  return millis;
}

std::string jsonString(const std::string& text) { return feel::toJson(feel::Value(text)); }
std::string jsonValue(const feel::Value& value) { return feel::toJson(value); }

std::string isoTime(std::int64_t millis) {
  const std::int64_t days = millis >= 0 ? millis / 86'400'000 : (millis - 86'399'999) / 86'400'000;
  const std::int64_t rest = millis - days * 86'400'000;
  char time[32];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02d.%03dZ", static_cast<int>(rest / 3'600'000),
                static_cast<int>(rest / 60'000 % 60), static_cast<int>(rest / 1000 % 60),
                static_cast<int>(rest % 1000));
  return feel::toString(feel::civilFromDays(days)) + time;
}

std::string jsonArray(const std::vector<std::string>& items) {
  if (items.empty()) return "[]";
  std::string out = "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) out += "  " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
  return out + "]";
}

Progress::Progress(std::size_t total, std::string what)
    : total_(total), what_(std::move(what)), shown_(total > 1 && isatty(2)) {}

Progress::~Progress() {
  if (shown_ && drawn_ >= 0) std::cerr << "\n" << std::flush;
}

void Progress::step() {
  ++done_;
  if (!shown_) return;
  const int percent = static_cast<int>(done_ * 100 / std::max<std::size_t>(total_, 1));
  if (percent == drawn_) return;
  drawn_ = percent;
  const int width = 30, filled = percent * width / 100;
  std::cerr << "\r" << what_ << " [" << std::string(static_cast<std::size_t>(filled), '=')
            << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done_ << "/" << total_
            << std::flush;
}

namespace {
volatile std::sig_atomic_t stopFlag = 0;
void requestStop(int) { stopFlag = 1; }
}  // namespace

void stopOnSignals() {
  struct sigaction action {};
  action.sa_handler = requestStop;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool stopRequested() { return stopFlag != 0; }

void sleepUnlessStopped(std::int64_t millis) {
  for (std::int64_t slept = 0; slept < millis && !stopFlag; slept += 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<std::int64_t>(20, millis - slept)));
  }
}

std::string retriesLeft(int retries) {
  return retries <= 0 ? "no retries left" : retries == 1 ? "1 retry left" : std::to_string(retries) + " retries left";
}

std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& cells) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : cells) {
    rows.emplace_back();
    for (const auto& cell : row) rows.back().push_back(text::printable(cell));
  }
  std::vector<std::size_t> widths(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) widths[c] = header[c].size();
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      text += cells[c];
      if (c + 1 < cells.size()) text += std::string(widths[c] - cells[c].size() + 2, ' ');
    }
    text.erase(text.find_last_not_of(' ') + 1);
    return text + "\n";
  };
  std::string out = line(header);
  for (const auto& row : rows) out += line(row);
  return out;
}

}  // namespace bpmn::cli

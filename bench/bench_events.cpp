// bench_events: the engine under many waiting instances (issue 5,
// acceptance 3).
//  1. N instances (default 100,000) each wait on a receive task for a message
//     with its own correlation key; then one message per instance is
//     published, in random order. Reports the time to start the instances,
//     the time per correlation, and the memory the waiting instances hold.
//  2. M instances (default 10,000) each wait on a one-hour timer started in
//     the same second; the virtual clock then jumps past them and every
//     timer fires. Reports the time per fired timer.
// Every instance must end completed; anything else aborts.
// Usage: bench_events [instances] [timers]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bpmn/engine.h"

namespace {

using Steady = std::chrono::steady_clock;
using namespace bpmn;

double seconds(Steady::time_point since) { return std::chrono::duration<double>(Steady::now() - since).count(); }

// Resident memory of this process in MiB (Linux /proc).
double residentMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
  }
  return 0;
}

const char* kMessageModel =
    "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
    "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"bench\">"
    "<message id=\"m\" name=\"paid\"><extensionElements><zeebe:subscription correlationKey=\"=id\"/>"
    "</extensionElements></message>"
    "<process id=\"wait\" isExecutable=\"true\"><startEvent id=\"s\"/>"
    "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"r\"/><receiveTask id=\"r\" messageRef=\"m\"/>"
    "<sequenceFlow id=\"f2\" sourceRef=\"r\" targetRef=\"e\"/><endEvent id=\"e\"/></process></definitions>";

const char* kTimerModel =
    "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"bench\">"
    "<process id=\"sleep\" isExecutable=\"true\"><startEvent id=\"s\"/>"
    "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"t\"/><intermediateCatchEvent id=\"t\">"
    "<timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>"
    "<sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/><endEvent id=\"e\"/></process></definitions>";

void messages(int count) {
  Engine engine;
  if (!engine.deploy(kMessageModel, "wait.bpmn").isOk()) std::abort();
  const double before = residentMiB();
  std::vector<std::uint64_t> keys;
  keys.reserve(static_cast<std::size_t>(count));
  auto started = Steady::now();
  for (int i = 0; i < count; ++i) {
    auto created = engine.createInstance("wait", {{"id", feel::Value("order-" + std::to_string(i))}});
    if (!created.isOk() || created.value().instance.state != InstanceState::kActive) std::abort();
    keys.push_back(created.value().instance.key);
  }
  const double startSeconds = seconds(started);
  const double waitingMiB = residentMiB() - before;
  std::vector<int> order(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) order[static_cast<std::size_t>(i)] = i;
  std::mt19937 random(42);
  std::shuffle(order.begin(), order.end(), random);
  started = Steady::now();
  for (int i : order) {
    auto reached = engine.publishMessage("paid", "order-" + std::to_string(i));
    if (!reached.isOk() || reached.value() != 1) std::abort();
  }
  const double correlateSeconds = seconds(started);
  for (std::uint64_t key : keys) {
    if (engine.instance(key).value()->state != InstanceState::kCompleted) std::abort();
  }
  std::printf("messages: %d instances waiting on a message, each with its own correlation key\n", count);
  std::printf("  start and wait:         %8.2f s   %7.1f us per instance\n", startSeconds, startSeconds * 1e6 / count);
  std::printf("  correlate (random order): %6.2f s   %7.1f us per message\n", correlateSeconds,
              correlateSeconds * 1e6 / count);
  std::printf("  memory while waiting:   %8.1f MiB %7.0f bytes per instance (history included)\n", waitingMiB,
              waitingMiB * 1024 * 1024 / count);
}

void timers(int count) {
  ManualClock clock(1'700'000'000'000);
  EngineOptions options;
  options.clock = &clock;
  Engine engine(options);
  if (!engine.deploy(kTimerModel, "sleep.bpmn").isOk()) std::abort();
  std::vector<std::uint64_t> keys;
  auto started = Steady::now();
  for (int i = 0; i < count; ++i) {
    clock.set(1'700'000'000'000 + i % 1000);  // all within the same second
    auto created = engine.createInstance("sleep");
    if (!created.isOk()) std::abort();
    keys.push_back(created.value().instance.key);
  }
  const double startSeconds = seconds(started);
  clock.advance(3'600'000);
  started = Steady::now();
  auto fired = engine.fireDueTimers();
  const double fireSeconds = seconds(started);
  if (!fired.isOk() || fired.value().size() != static_cast<std::size_t>(count)) std::abort();
  // Fired in due order.
  for (std::size_t i = 1; i < fired.value().size(); ++i) {
    if (fired.value()[i].records.front().timeMillis < fired.value()[i - 1].records.front().timeMillis) std::abort();
  }
  for (std::uint64_t key : keys) {
    if (engine.instance(key).value()->state != InstanceState::kCompleted) std::abort();
  }
  std::printf("timers: %d timers due in the same second\n", count);
  std::printf("  start and schedule:     %8.2f s   %7.1f us per instance\n", startSeconds, startSeconds * 1e6 / count);
  std::printf("  fire all:               %8.2f s   %7.1f us per timer\n", fireSeconds, fireSeconds * 1e6 / count);
}

}  // namespace

int main(int argc, char** argv) {
  const int instances = argc > 1 ? std::atoi(argv[1]) : 100'000;
  const int timerCount = argc > 2 ? std::atoi(argv[2]) : 10'000;
  messages(instances);
  timers(timerCount);
  return 0;
}
